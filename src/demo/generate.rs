//! Synthetic organisations of any size, for benchmarks and scale tests, against any framework
//! (the starter catalogue or an imported DDaT or SFIA version).
//!
//! The output is stable for a seed (ChaCha8, no OS randomness, so it runs in wasm too) and its
//! shape is realistic enough for the analyses to have work to do:
//! - people spread over the framework's role levels, more of them at the middle levels;
//! - teams of equal size (within one), each led by its most senior member, a few people in two;
//! - each person assessed, every round, on what their role level requires plus a few other
//!   skills; rounds three months apart, the last within the month before `today`;
//! - most lead assessments near the required level, some gaps, some experts; self-assessments
//!   biased about 0.3 levels above the lead's, and levels rising a little from round to round;
//! - every level one the skill defines.

use super::names::{FIRST_NAMES, SURNAMES, TEAM_AREAS};
use super::{snap, AssessmentSeed, MembershipSeed, OrgSeed, PersonSeed, RoleLevelRef, TeamSeed};
use crate::assessment::Source;
use crate::framework::doc::FrameworkDoc;
use crate::people::DEFAULT_REVIEW_CADENCE_MONTHS;
use crate::scale::Level;
use chrono::{Days, Months, NaiveDate};
use rand::distributions::WeightedIndex;
use rand::prelude::*;
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;

/// How much higher people rate themselves than their lead does, on average, in levels.
const SELF_BIAS: f64 = 0.3;
/// Average growth between consecutive rounds, in levels.
const GROWTH_PER_ROUND: f64 = 0.2;
/// Months between assessment rounds.
const ROUND_SPACING_MONTHS: u32 = 3;
/// Share of people aiming at the next level of their role.
const TARGET_SHARE: f64 = 0.15;
/// Share of people who also belong to a second team.
const SECOND_TEAM_SHARE: f64 = 0.04;
/// Share of (person, skill) pairs where the person is well above the typical level.
const EXPERT_SHARE: f64 = 0.04;
/// Share of (person, round) where the person did not complete their self-assessment.
const MISSED_SELF_SHARE: f64 = 0.05;

/// A synthetic organisation of `people` people in `teams` teams, assessed in `rounds` rounds
/// against `framework`. The same arguments always give the same organisation.
pub fn generate(
    framework: &FrameworkDoc,
    people: usize,
    teams: usize,
    rounds: usize,
    seed: u64,
    today: NaiveDate,
) -> OrgSeed {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let plan = Plan::new(framework);
    let drafts: Vec<Draft> = (0..people).map(|_| plan.draft(&mut rng)).collect();
    let mut seeds = named_people(&plan, &drafts, &mut rng);
    let team_seeds = assign_teams(&plan, &drafts, &mut seeds, teams, &mut rng);
    let leads = team_leads(&seeds, team_seeds.len());
    let assessments = Assessing { plan: &plan, rounds, today, seeds: &seeds, leads }.all(&drafts, &mut rng);
    OrgSeed { teams: team_seeds, people: seeds, assessments }
}

/// The framework, indexed for generation.
struct Plan<'a> {
    framework: &'a FrameworkDoc,
    levels: Vec<LevelPlan<'a>>,
    chooser: Option<WeightedIndex<f64>>,
}

struct LevelPlan<'a> {
    role: &'a str,
    name: &'a str,
    /// Position within the role, 0 for the most junior level, 1 for the most senior.
    seniority: f64,
    /// The next level up in the same role.
    next: Option<usize>,
    /// (skill index, required level) for every requirement that names a known skill.
    requirements: Vec<(usize, Option<Level>)>,
}

/// What the generator decided about a person before naming them.
struct Draft {
    level: Option<usize>,
    /// How far above or below the typical level this person tends to be.
    ability: f64,
    /// How much they grow per round.
    growth: f64,
}

impl<'a> Plan<'a> {
    fn new(framework: &'a FrameworkDoc) -> Plan<'a> {
        let index: HashMap<&str, usize> =
            framework.skills.iter().enumerate().map(|(i, s)| (s.code.as_str(), i)).collect();
        let mut levels = Vec::new();
        for role in framework.role_families.iter().flat_map(|f| &f.roles) {
            let count = role.levels.len();
            for (position, level) in role.levels.iter().enumerate() {
                levels.push(LevelPlan {
                    role: &role.name,
                    name: &level.name,
                    seniority: if count > 1 { position as f64 / (count - 1) as f64 } else { 0.5 },
                    next: (position + 1 < count).then_some(levels.len() + 1),
                    requirements: level
                        .requirements
                        .iter()
                        .filter_map(|r| Some((*index.get(r.skill_code.as_str())?, r.level)))
                        .collect(),
                });
            }
        }
        // Middle levels weigh four times the most junior and most senior ones.
        let weights = levels.iter().map(|l| 1.0 + 3.0 * (1.0 - (2.0 * l.seniority - 1.0).abs()));
        let chooser = WeightedIndex::new(weights).ok();
        Plan { framework, levels, chooser }
    }

    fn draft(&self, rng: &mut ChaCha8Rng) -> Draft {
        Draft {
            level: self.chooser.as_ref().map(|c| c.sample(rng)),
            ability: normal(rng) * 0.35,
            growth: (GROWTH_PER_ROUND + normal(rng) * 0.1).max(0.0),
        }
    }

    fn role_ref(&self, level: usize) -> RoleLevelRef {
        RoleLevelRef::new(self.levels[level].role, self.levels[level].name)
    }

    fn seniority(&self, draft: &Draft) -> f64 {
        draft.level.map_or(0.0, |l| self.levels[l].seniority)
    }
}

/// An approximately standard normal number (Irwin-Hall with three uniforms): cheap and bounded.
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    (rng.gen::<f64>() + rng.gen::<f64>() + rng.gen::<f64>() - 1.5) * 2.0
}

fn named_people(plan: &Plan, drafts: &[Draft], rng: &mut ChaCha8Rng) -> Vec<PersonSeed> {
    let mut taken: HashMap<String, usize> = HashMap::new();
    drafts
        .iter()
        .map(|draft| {
            let first = FIRST_NAMES[rng.gen_range(0..FIRST_NAMES.len())];
            let last = SURNAMES[rng.gen_range(0..SURNAMES.len())];
            let local = format!("{}.{}", email_part(first), email_part(last));
            let seen = taken.entry(local.clone()).or_default();
            *seen += 1;
            let email = match *seen {
                1 => format!("{local}@example.gov.uk"),
                n => format!("{local}{n}@example.gov.uk"),
            };
            let target = draft.level.and_then(|l| plan.levels[l].next).filter(|_| rng.gen_bool(TARGET_SHARE));
            PersonSeed {
                name: format!("{first} {last}"),
                email,
                role: draft.level.map(|l| plan.role_ref(l)),
                target: target.map(|l| plan.role_ref(l)),
                memberships: Vec::new(),
            }
        })
        .collect()
}

fn email_part(name: &str) -> String {
    name.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase()
}

/// Deals people into teams of equal size (within one) in random order, flags each team's most
/// senior member as its lead and puts a few people into a second team.
fn assign_teams(
    plan: &Plan,
    drafts: &[Draft],
    people: &mut [PersonSeed],
    teams: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<TeamSeed> {
    if teams == 0 {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..people.len()).collect();
    order.shuffle(rng);
    let mut leads: Vec<Option<usize>> = vec![None; teams];
    for (position, &person) in order.iter().enumerate() {
        let team = position % teams;
        people[person].memberships.push(MembershipSeed { team, lead: false });
        let more_senior = |other: usize| plan.seniority(&drafts[person]) > plan.seniority(&drafts[other]);
        if leads[team].is_none_or(more_senior) {
            leads[team] = Some(person);
        }
    }
    for (team, lead) in leads.iter().enumerate() {
        if let Some(person) = *lead {
            people[person].memberships[0] = MembershipSeed { team, lead: true };
        }
    }
    if teams > 1 {
        for person in people.iter_mut() {
            if rng.gen_bool(SECOND_TEAM_SHARE) {
                let team = (person.memberships[0].team + rng.gen_range(1..teams)) % teams;
                person.memberships.push(MembershipSeed { team, lead: false });
            }
        }
    }
    (0..teams).map(team_seed).collect()
}

fn team_seed(index: usize) -> TeamSeed {
    let area = TEAM_AREAS[index % TEAM_AREAS.len()];
    TeamSeed {
        name: format!("{area} {}", index / TEAM_AREAS.len() + 1),
        description: format!("A synthetic team looking after {}.", area.to_lowercase()),
        review_cadence_months: DEFAULT_REVIEW_CADENCE_MONTHS,
    }
}

/// The person leading each team.
fn team_leads(people: &[PersonSeed], teams: usize) -> Vec<Option<usize>> {
    let mut leads = vec![None; teams];
    for (person, seed) in people.iter().enumerate() {
        for membership in seed.memberships.iter().filter(|m| m.lead) {
            leads[membership.team] = Some(person);
        }
    }
    leads
}

/// Produces every assessment of the organisation, person by person, oldest round first.
struct Assessing<'a> {
    plan: &'a Plan<'a>,
    rounds: usize,
    today: NaiveDate,
    seeds: &'a [PersonSeed],
    leads: Vec<Option<usize>>,
}

/// A person being assessed: who they are, what they are assessed on and who their lead is.
struct Subject<'d> {
    person: usize,
    draft: &'d Draft,
    skills: Vec<Assigned>,
    lead: Option<usize>,
}

/// One skill a person is assessed on and the level they typically sit near.
struct Assigned {
    skill: usize,
    typical: f64,
    /// The person's own departure from the typical level in this skill.
    offset: f64,
}

impl Assessing<'_> {
    fn all(&self, drafts: &[Draft], rng: &mut ChaCha8Rng) -> Vec<AssessmentSeed> {
        let mut out = Vec::new();
        for (person, draft) in drafts.iter().enumerate() {
            let subject = Subject { person, draft, skills: self.skills_of(draft, rng), lead: self.lead_of(person) };
            for round in 0..self.rounds {
                self.round(&subject, round, rng, &mut out);
            }
        }
        out
    }

    /// What the role level requires, plus two to four other skills.
    fn skills_of(&self, draft: &Draft, rng: &mut ChaCha8Rng) -> Vec<Assigned> {
        let skills = &self.plan.framework.skills;
        let mut list: Vec<(usize, Option<Level>, bool)> = draft
            .level
            .map(|l| self.plan.levels[l].requirements.iter().map(|&(s, level)| (s, level, true)).collect())
            .unwrap_or_default();
        let extra = rng.gen_range(2..=4).min(skills.len().saturating_sub(list.len()));
        while list.iter().filter(|(_, _, required)| !required).count() < extra {
            let skill = rng.gen_range(0..skills.len());
            if !list.iter().any(|&(s, _, _)| s == skill) {
                list.push((skill, None, false));
            }
        }
        list.into_iter()
            .map(|(skill, level, required)| {
                let expert = if rng.gen_bool(EXPERT_SHARE) { 1.3 } else { 0.0 };
                Assigned { skill, typical: self.typical(skill, level, required), offset: normal(rng) * 0.45 + expert }
            })
            .collect()
    }

    /// The required level, or for skills without one the middle of the skill's levels (half a
    /// level lower when the role does not ask for the skill at all).
    fn typical(&self, skill: usize, level: Option<Level>, required: bool) -> f64 {
        if let Some(level) = level {
            return f64::from(level);
        }
        let skill = &self.plan.framework.skills[skill];
        let allowed: Vec<Level> =
            if skill.defined_levels.is_empty() { skill.scale.levels().collect() } else { skill.defined_levels.clone() };
        let middle = allowed.get(allowed.len().saturating_sub(1) / 2).copied().unwrap_or(1);
        f64::from(middle) - if required { 0.0 } else { 0.5 }
    }

    /// The lead of the person's first team, unless that is the person themselves.
    fn lead_of(&self, person: usize) -> Option<usize> {
        let first = self.seeds[person].memberships.first()?;
        self.leads[first.team].filter(|&lead| lead != person)
    }

    /// The person's self-assessment (unless they missed it) and lead assessment in one round.
    fn round(&self, subject: &Subject, round: usize, rng: &mut ChaCha8Rng, out: &mut Vec<AssessmentSeed>) {
        let Subject { person, draft, lead, .. } = *subject;
        let self_on = self.round_start(round) + Days::new(rng.gen_range(0..=20));
        let lead_on = self_on + Days::new(rng.gen_range(0..=7));
        let with_self = !rng.gen_bool(MISSED_SELF_SHARE);
        let behind = (self.rounds - 1 - round) as f64 * draft.growth;
        for assigned in &subject.skills {
            let skill = &self.plan.framework.skills[assigned.skill];
            let truth = assigned.typical + draft.ability + assigned.offset - behind;
            let record = |level: f64, source, assessed_on, assessor| AssessmentSeed {
                person,
                skill_code: skill.code.clone(),
                level: snap(skill, level.round() as i16),
                source,
                assessed_on,
                assessor,
                evidence: None,
            };
            if with_self {
                out.push(record(truth + SELF_BIAS + normal(rng) * 0.4, Source::SelfAssessment, self_on, Some(person)));
            }
            out.push(record(truth + normal(rng) * 0.3, Source::Lead, lead_on, lead));
        }
    }

    /// A month before the round's nominal date, so the last round ends before `today`.
    fn round_start(&self, round: usize) -> NaiveDate {
        let months_back = ROUND_SPACING_MONTHS * (self.rounds - 1 - round) as u32;
        let nominal = self.today.checked_sub_months(Months::new(months_back)).unwrap_or(self.today);
        nominal - Days::new(30)
    }
}
