//! The demo organisation: two fictional teams assessed against the starter catalogue, with a
//! story that gives every view something real to show.
//!
//! - Platform engineering (DevOps) and Infrastructure operations, each with one lead; Callum
//!   MacLeod works in both.
//! - Two assessment rounds, eight and two months before `today`. Self-assessments run a little
//!   above the lead's view on average, though Siobhan Byrne rates herself below it.
//! - Tomasz Nowak was on leave for the second round and the leads' knowledge areas were only
//!   reviewed in the first, so some current evidence is stale. Rhys Evans joined after round one.
//! - Only Hamza Qureshi is at Practitioner or above in change management (a single point of
//!   failure); nobody is there yet in prototyping, which most DevOps levels require at 3.
//! - Priya Raman, a Senior DevOps engineer, is working towards Lead DevOps engineer.

mod cast;

use super::{snap, AssessmentSeed, MembershipSeed, OrgSeed, PersonSeed, RoleLevelRef, TeamSeed};
use crate::assessment::Source;
use crate::catalogue;
use crate::framework::doc::{FrameworkDoc, SkillDoc};
use crate::framework::SkillKind;
use crate::people::DEFAULT_REVIEW_CADENCE_MONTHS;
use crate::scale::Level;
use cast::{Member, Rounds, EVIDENCE, MEMBERS, PEERS};
use chrono::{Days, Months, NaiveDate};

/// Skill nobody in the demo holds at Practitioner or above.
pub(super) const NOBODY_HOLDS: &str = "prototyping";
/// Skill exactly one person holds at Practitioner or above, and who that is.
pub(super) const SINGLE_HOLDER: (&str, &str) = ("change-management", "Hamza Qureshi");

/// How many months before `today` each assessment round started, oldest first.
const ROUNDS_MONTHS_AGO: [u32; 2] = [8, 2];

/// Small, fixed departures from a person's typical level, so the heatmap is not uniform.
const WOBBLE: [i16; 7] = [0, 1, 0, -1, 0, 0, 0];
const SELF_WOBBLE: [i16; 5] = [0, 0, 1, 0, -1];

/// The demo organisation, with assessment dates placed relative to `today`.
pub fn demo_org(today: NaiveDate) -> OrgSeed {
    let framework = catalogue::starter();
    let mut assessments = Vec::new();
    for (round, months_ago) in ROUNDS_MONTHS_AGO.into_iter().enumerate() {
        let start = today.checked_sub_months(Months::new(months_ago)).unwrap_or(today);
        for (index, member) in MEMBERS.iter().enumerate() {
            if member.takes_part(round) {
                let session = Session { framework: &framework, index, member, round, start };
                session.assess(&mut assessments);
            }
        }
    }
    OrgSeed { teams: teams(), people: MEMBERS.iter().map(person).collect(), assessments }
}

fn teams() -> Vec<TeamSeed> {
    let team = |name: &str, description: &str| TeamSeed {
        name: name.to_string(),
        description: description.to_string(),
        review_cadence_months: DEFAULT_REVIEW_CADENCE_MONTHS,
    };
    vec![
        team(
            "Platform engineering",
            "Builds and runs the shared delivery pipeline, hosting platform and developer tooling.",
        ),
        team(
            "Infrastructure operations",
            "Keeps the network, servers and cloud estate behind live services running and patched.",
        ),
    ]
}

fn person(member: &Member) -> PersonSeed {
    let mut memberships = vec![MembershipSeed { team: member.team, lead: member.lead }];
    memberships.extend(member.also_in.map(|team| MembershipSeed { team, lead: false }));
    PersonSeed {
        name: member.name.to_string(),
        email: format!("{}@example.gov.uk", member.name.to_lowercase().replace(' ', ".")),
        role: Some(RoleLevelRef::new(member.role, member.level)),
        target: member.target.map(|level| RoleLevelRef::new(member.role, level)),
        memberships,
    }
}

impl Member {
    fn takes_part(&self, round: usize) -> bool {
        match self.rounds {
            Rounds::Both => true,
            Rounds::FirstOnly => round == 0,
            Rounds::SecondOnly => round == 1,
        }
    }

    /// The skills this person is assessed on, each with the level they typically sit near:
    /// what their role level lists, what their target adds (one level lower), and extras.
    /// `None` for behavioural skills, expected without a level.
    fn skills(&self, framework: &FrameworkDoc) -> Vec<(String, Option<Level>)> {
        let mut list: Vec<(String, Option<Level>)> = Vec::new();
        let levels = std::iter::once((self.level, 0)).chain(self.target.map(|t| (t, 1)));
        for (level, below) in levels {
            for (_, _, found) in framework.role_levels().filter(|(_, r, l)| r.name == self.role && l.name == level) {
                for r in &found.requirements {
                    if !list.iter().any(|(code, _)| *code == r.skill_code) {
                        list.push((r.skill_code.clone(), r.level.map(|l| l.saturating_sub(below))));
                    }
                }
            }
        }
        list.extend(self.extra.iter().map(|&(code, level)| (code.to_string(), Some(level))));
        list
    }

    /// The person's team lead, who makes their lead assessments (`None` for the leads
    /// themselves, assessed by a head of profession outside the demo).
    fn assessor(&self) -> Option<usize> {
        let lead = MEMBERS.iter().position(|m| m.team == self.team && m.lead)?;
        (MEMBERS[lead].name != self.name).then_some(lead)
    }
}

/// One person's assessments in one round.
struct Session<'a> {
    framework: &'a FrameworkDoc,
    index: usize,
    member: &'a Member,
    round: usize,
    start: NaiveDate,
}

impl Session<'_> {
    /// Self, lead and any peer assessments for every skill the person is assessed on.
    fn assess(&self, out: &mut Vec<AssessmentSeed>) {
        for (k, (code, typical)) in self.member.skills(self.framework).into_iter().enumerate() {
            let Some(skill) = self.framework.skill(&code) else {
                continue;
            };
            // Knowledge areas were reviewed in the first round only.
            if self.round == 0 || !matches!(skill.kind, SkillKind::Technical | SkillKind::Other) {
                self.assess_skill(skill, typical, k, out);
            }
        }
    }

    fn assess_skill(&self, skill: &SkillDoc, typical: Option<Level>, k: usize, out: &mut Vec<AssessmentSeed>) {
        let (index, member) = (self.index, self.member);
        let self_on = self.start + Days::new(index as u64 % 5);
        let lead_on = self.start + Days::new(7 + index as u64 % 4);
        let lead = self.lead_level(skill, typical, k);
        let own_view = i16::from(lead) + member.self_bias + SELF_WOBBLE[(index + 2 * k) % 5];
        let own = story(member, &skill.code, snap(skill, own_view));
        let record = |level, source, assessed_on, assessor, evidence| AssessmentSeed {
            person: index,
            skill_code: skill.code.clone(),
            level,
            source,
            assessed_on,
            assessor,
            evidence,
        };
        out.push(record(own, Source::SelfAssessment, self_on, Some(index), None));
        let note = self.evidence(&skill.code);
        out.push(record(lead, Source::Lead, lead_on, member.assessor(), note));
        if let Some(peer) = self.peer(&skill.code) {
            out.push(record(lead, Source::Peer, lead_on - Days::new(2), Some(peer), None));
        }
    }

    /// The lead's view: the typical level shifted by the person's standing and a fixed wobble,
    /// one level less in the first round for a third of skills (growth between rounds).
    fn lead_level(&self, skill: &SkillDoc, typical: Option<Level>, k: usize) -> Level {
        let typical = i16::from(typical.unwrap_or(3));
        let growth = i16::from(self.round == 0 && (self.index + k).is_multiple_of(3));
        let wanted = typical + self.member.standing + WOBBLE[(3 * self.index + k) % 7] - growth;
        story(self.member, &skill.code, snap(skill, wanted))
    }

    fn evidence(&self, code: &str) -> Option<String> {
        EVIDENCE
            .iter()
            .find(|(name, c, r, _)| *name == self.member.name && *c == code && *r == self.round)
            .map(|(_, _, _, note)| note.to_string())
    }

    fn peer(&self, code: &str) -> Option<usize> {
        let is_this = |&&(_, name, c): &&(&str, &str, &str)| name == self.member.name && c == code;
        let (assessor, _, _) = PEERS.iter().find(is_this).filter(|_| self.round == 1)?;
        MEMBERS.iter().position(|m| m.name == *assessor)
    }
}

/// The demo's deliberate thin spots (see the module documentation).
fn story(member: &Member, code: &str, level: Level) -> Level {
    if code == NOBODY_HOLDS {
        level.min(2)
    } else if code == SINGLE_HOLDER.0 && member.name == SINGLE_HOLDER.1 {
        3
    } else if code == SINGLE_HOLDER.0 {
        level.min(2)
    } else {
        level
    }
}
