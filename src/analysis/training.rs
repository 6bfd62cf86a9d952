//! Training-needs analysis (TNA) for one team.
//!
//! A lead uses it to answer three questions:
//!
//! 1. Where does each person stand against their current role level, and against the role
//!    level they are aiming at (their career path, e.g. Senior -> Lead DevOps engineer)?
//!    ([`person_gaps`], [`team_gaps`])
//! 2. Which needs should the team address first? Every need is scored by a documented formula
//!    ([`PRIORITY_FORMULA`]) whose four factors are kept on the need, so the page can show why
//!    one need ranks above another ([`needs`]). Needs sharing a skill and a required level are
//!    grouped, because that is what one workshop can serve ([`group_needs`]).
//! 3. Whose evidence is out of date? ([`due_for_review`])
//!
//! [`team_tna`] runs all of it at once.

use super::{gap, gap_band, is_stale, GapBand, History, Requirements, TeamInput};
use crate::assessment::{Assessment, SourceFilter};
use crate::people::{Person, DEFAULT_REVIEW_CADENCE_MONTHS};
use crate::scale::Level;
use crate::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The priority formula in plain words, shown on the training-needs page.
pub const PRIORITY_FORMULA: &str = "Priority = gap × importance × scarcity × evidence age. \
Gap: levels below the required level (not assessed counts as 1). \
Importance: the weight the lead set for the skill, or else the number of the team's role levels \
that require it (at least 1). \
Scarcity: 1 + 1 ÷ (1 + people in the team already at or above the required level), \
so 2 when nobody is, 1.5 when one person is. \
Evidence age: 1 + age of the assessment ÷ review cadence, capped at 3; 3 when never assessed.";

/// The largest value of the evidence-age factor: evidence two cadences old or older, or none.
pub const MAX_EVIDENCE_FACTOR: f64 = 3.0;

/// Average length of a month in days, used to turn the review cadence into days.
const DAYS_PER_MONTH: f64 = 30.4375;

/// Choices the lead makes for the analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TnaOptions {
    /// Which assessments count as a person's current level.
    pub filter: SourceFilter,
    /// Assessments this many months old or older are due for review (the team's cadence).
    pub cadence_months: u32,
    /// Importance weights the lead set per skill id. Skills without one use the default
    /// (how many of the team's role levels require the skill). Negative or non-finite weights
    /// are ignored.
    pub importance: BTreeMap<Id, f64>,
    /// Also count needs against each person's target role level (career development). When a
    /// target role level requires more of a skill than the current one, the need is measured
    /// against the target.
    pub include_target: bool,
}

impl Default for TnaOptions {
    fn default() -> Self {
        TnaOptions {
            filter: SourceFilter::Latest,
            cadence_months: DEFAULT_REVIEW_CADENCE_MONTHS,
            importance: BTreeMap::new(),
            include_target: false,
        }
    }
}

/// A person's standing against one role level's requirement of a skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapAgainst {
    pub role_level_id: Id,
    /// `None` when the role level does not require a level of this skill.
    pub required: Option<Level>,
    /// Levels below the requirement (negative: above). `None` when not required or not assessed.
    pub gap: Option<i16>,
    pub band: GapBand,
}

/// One skill on a person's gap page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillGap {
    pub skill_id: Id,
    /// Current level under the chosen source filter.
    pub current: Option<Level>,
    /// Date of the assessment giving the current level.
    pub assessed_on: Option<NaiveDate>,
    /// The current assessment is older than the review cadence.
    pub stale: bool,
    /// Against the current role level; `None` when the person holds no role level.
    pub current_role: Option<GapAgainst>,
    /// Against the target role level; `None` when the person has no target.
    pub target_role: Option<GapAgainst>,
}

/// A person's gaps against their current and target role levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonGaps {
    pub person_id: Id,
    pub role_level_id: Option<Id>,
    pub target_role_level_id: Option<Id>,
    /// Every skill either role level lists, in framework order.
    pub skills: Vec<SkillGap>,
}

/// Which role level a need is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum NeedBasis {
    CurrentRole,
    TargetRole,
}

/// The four factors of a need's priority, kept so the page can show the breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriorityFactors {
    /// Levels below the requirement; 1 when not assessed.
    pub gap: f64,
    /// The lead's weight for the skill, or the number of the team's role levels requiring it.
    pub importance: f64,
    /// People in the team at or above the required level.
    pub holders: u32,
    /// 1 + 1 / (1 + holders): between 1 and 2.
    pub scarcity: f64,
    /// Days since the current assessment; `None` when never assessed.
    pub evidence_age_days: Option<i64>,
    /// 1 + age / cadence, capped at [`MAX_EVIDENCE_FACTOR`]; the cap when never assessed.
    pub evidence: f64,
}

impl PriorityFactors {
    /// The priority: the product of the four factors (see [`PRIORITY_FORMULA`]).
    ///
    /// Each factor is positive (importance may be 0 when the lead sets it so, which makes every
    /// need of the skill priority 0), so raising any one of them, the others unchanged, raises
    /// the priority: a bigger gap, a more important skill, fewer holders, older evidence.
    pub fn priority(&self) -> f64 {
        self.gap * self.importance * self.scarcity * self.evidence
    }
}

/// The scarcity factor for a requirement that `holders` people in the team already meet.
pub fn scarcity_factor(holders: u32) -> f64 {
    1.0 + 1.0 / (1.0 + f64::from(holders))
}

/// The evidence-age factor for evidence `age_days` old (`None`: never assessed).
pub fn evidence_factor(age_days: Option<i64>, cadence_months: u32) -> f64 {
    let Some(age) = age_days else {
        return MAX_EVIDENCE_FACTOR;
    };
    let cadence_days = DAYS_PER_MONTH * f64::from(cadence_months.max(1));
    let cycles = age.max(0) as f64 / cadence_days;
    (1.0 + cycles).min(MAX_EVIDENCE_FACTOR)
}

/// One training need: a person below (or not assessed against) a required level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Need {
    pub person_id: Id,
    pub skill_id: Id,
    pub basis: NeedBasis,
    pub role_level_id: Id,
    pub current: Option<Level>,
    pub required: Level,
    /// Levels below the requirement; `None` when not assessed (counted as 1 in the priority).
    pub gap: Option<i16>,
    pub band: GapBand,
    pub assessed_on: Option<NaiveDate>,
    pub stale: bool,
    pub factors: PriorityFactors,
    pub priority: f64,
}

/// Needs for one skill at one required level: the unit a workshop can serve
/// ("5 people need Systems design at Practitioner").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NeedGroup {
    pub skill_id: Id,
    pub required: Level,
    /// Highest priority first.
    pub people: Vec<Id>,
    /// How many of them have no assessment of the skill yet.
    pub not_assessed: u32,
    pub total_priority: f64,
}

/// A person whose evidence is due for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewDue {
    pub person_id: Id,
    /// Skills whose current assessment is older than the cadence.
    pub stale_skill_ids: Vec<Id>,
    /// Skills their role level requires that were never assessed.
    pub unassessed_skill_ids: Vec<Id>,
    /// The oldest of the stale assessments.
    pub oldest: Option<NaiveDate>,
}

/// The whole training-needs analysis of a team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tna {
    /// [`PRIORITY_FORMULA`], for the page.
    pub formula: String,
    /// Highest priority first.
    pub needs: Vec<Need>,
    /// Highest total priority first.
    pub groups: Vec<NeedGroup>,
    /// Never-assessed first, then the oldest evidence first.
    pub due_for_review: Vec<ReviewDue>,
}

/// Runs the whole analysis.
pub fn team_tna(input: &TeamInput, options: &TnaOptions) -> Tna {
    let ctx = Context::new(input, options);
    let needs = ctx.needs();
    Tna {
        formula: PRIORITY_FORMULA.to_string(),
        groups: group_needs(&needs),
        needs,
        due_for_review: ctx.due_for_review(),
    }
}

/// Every member's gaps, in member order.
pub fn team_gaps(input: &TeamInput, options: &TnaOptions) -> Vec<PersonGaps> {
    let ctx = Context::new(input, options);
    input.people.iter().map(|p| ctx.person_gaps(p)).collect()
}

/// One member's gaps; `None` when the person is not in the input.
pub fn person_gaps(input: &TeamInput, person_id: Id, options: &TnaOptions) -> Option<PersonGaps> {
    let person = input.people.iter().find(|p| p.id == person_id)?;
    Some(Context::new(input, options).person_gaps(person))
}

/// Every need of the team, highest priority first (ties: person id, then skill id).
pub fn needs(input: &TeamInput, options: &TnaOptions) -> Vec<Need> {
    Context::new(input, options).needs()
}

/// Who is due for a review, never-assessed first, then by oldest evidence.
pub fn due_for_review(input: &TeamInput, options: &TnaOptions) -> Vec<ReviewDue> {
    Context::new(input, options).due_for_review()
}

/// Groups needs by (skill, required level), highest total priority first (ties: more people,
/// then skill id, then level). People in a group keep the order of `needs`.
pub fn group_needs(needs: &[Need]) -> Vec<NeedGroup> {
    let mut by_key: BTreeMap<(Id, Level), NeedGroup> = BTreeMap::new();
    for need in needs {
        let group = by_key.entry((need.skill_id, need.required)).or_insert_with(|| NeedGroup {
            skill_id: need.skill_id,
            required: need.required,
            people: Vec::new(),
            not_assessed: 0,
            total_priority: 0.0,
        });
        group.people.push(need.person_id);
        group.not_assessed += u32::from(need.current.is_none());
        group.total_priority += need.priority;
    }
    let mut groups: Vec<NeedGroup> = by_key.into_values().collect();
    groups.sort_by(|a, b| {
        b.total_priority
            .total_cmp(&a.total_priority)
            .then(b.people.len().cmp(&a.people.len()))
            .then(a.skill_id.cmp(&b.skill_id))
            .then(a.required.cmp(&b.required))
    });
    groups
}

/// Indexes built once per analysis.
struct Context<'a> {
    input: &'a TeamInput<'a>,
    options: &'a TnaOptions,
    history: History,
    requirements: Requirements,
    /// Current levels in the team per skill, for counting holders.
    levels_by_skill: HashMap<Id, Vec<Level>>,
}

impl<'a> Context<'a> {
    fn new(input: &'a TeamInput<'a>, options: &'a TnaOptions) -> Self {
        let history = History::new(input.assessments);
        let mut levels_by_skill: HashMap<Id, Vec<Level>> = HashMap::new();
        for person in input.people {
            for skill in input.skills {
                if let Some(level) = history.current_level(person.id, skill.id, options.filter) {
                    levels_by_skill.entry(skill.id).or_default().push(level);
                }
            }
        }
        Context { input, options, history, requirements: Requirements::new(input.requirements), levels_by_skill }
    }

    fn current(&self, person_id: Id, skill_id: Id) -> Option<&Assessment> {
        self.history.current(person_id, skill_id, self.options.filter)
    }

    fn stale(&self, assessment: Option<&Assessment>) -> bool {
        assessment.is_some_and(|a| is_stale(a.assessed_on, self.input.today, self.options.cadence_months))
    }

    fn against(&self, role_level_id: Option<Id>, skill_id: Id, current: Option<Level>) -> Option<GapAgainst> {
        let role_level_id = role_level_id?;
        let required = self.requirements.level(Some(role_level_id), skill_id);
        Some(GapAgainst { role_level_id, required, gap: gap(required, current), band: gap_band(required, current) })
    }

    fn person_gaps(&self, person: &Person) -> PersonGaps {
        let listed = |skill_id| {
            self.requirements.lists(person.role_level_id, skill_id)
                || self.requirements.lists(person.target_role_level_id, skill_id)
        };
        let skills = self
            .input
            .skills
            .iter()
            .filter(|s| listed(s.id))
            .map(|s| {
                let assessment = self.current(person.id, s.id);
                let current = assessment.map(|a| a.level);
                SkillGap {
                    skill_id: s.id,
                    current,
                    assessed_on: assessment.map(|a| a.assessed_on),
                    stale: self.stale(assessment),
                    current_role: self.against(person.role_level_id, s.id, current),
                    target_role: self.against(person.target_role_level_id, s.id, current),
                }
            })
            .collect();
        PersonGaps {
            person_id: person.id,
            role_level_id: person.role_level_id,
            target_role_level_id: person.target_role_level_id,
            skills,
        }
    }

    /// The requirement a need is measured against: the current role level's, or the target's
    /// when targets are included and it asks for more.
    fn requirement(&self, person: &Person, skill_id: Id) -> Option<(NeedBasis, Id, Level)> {
        let current = person
            .role_level_id
            .zip(self.requirements.for_person(person, skill_id))
            .map(|(rl, level)| (NeedBasis::CurrentRole, rl, level));
        let target = if self.options.include_target {
            person
                .target_role_level_id
                .zip(self.requirements.level(person.target_role_level_id, skill_id))
                .map(|(rl, level)| (NeedBasis::TargetRole, rl, level))
        } else {
            None
        };
        match (current, target) {
            (Some(c), Some(t)) if t.2 > c.2 => Some(t),
            (None, t) => t,
            (c, _) => c,
        }
    }

    /// Default importance of each skill: how many distinct role levels held in the team
    /// require a level of it.
    fn default_importance(&self) -> HashMap<Id, u32> {
        let role_levels: BTreeSet<Id> = self.input.people.iter().filter_map(|p| p.role_level_id).collect();
        let mut counts = HashMap::new();
        for skill in self.input.skills {
            let n = role_levels.iter().filter(|&&rl| self.requirements.level(Some(rl), skill.id).is_some()).count();
            counts.insert(skill.id, n as u32);
        }
        counts
    }

    fn importance(&self, defaults: &HashMap<Id, u32>, skill_id: Id) -> f64 {
        match self.options.importance.get(&skill_id) {
            Some(&w) if w.is_finite() && w >= 0.0 => w,
            _ => f64::from(defaults.get(&skill_id).copied().unwrap_or(0).max(1)),
        }
    }

    fn holders(&self, skill_id: Id, required: Level) -> u32 {
        self.levels_by_skill.get(&skill_id).map_or(0, |levels| levels.iter().filter(|&&l| l >= required).count() as u32)
    }

    fn needs(&self) -> Vec<Need> {
        let defaults = self.default_importance();
        let mut needs = Vec::new();
        for person in self.input.people {
            for skill in self.input.skills {
                if let Some(need) = self.need(person, skill.id, &defaults) {
                    needs.push(need);
                }
            }
        }
        needs.sort_by(|a, b| {
            b.priority.total_cmp(&a.priority).then(a.person_id.cmp(&b.person_id)).then(a.skill_id.cmp(&b.skill_id))
        });
        needs
    }

    fn need(&self, person: &Person, skill_id: Id, defaults: &HashMap<Id, u32>) -> Option<Need> {
        let (basis, role_level_id, required) = self.requirement(person, skill_id)?;
        let assessment = self.current(person.id, skill_id);
        let current = assessment.map(|a| a.level);
        let band = gap_band(Some(required), current);
        if !(band.is_gap() || band == GapBand::NotAssessed) {
            return None;
        }
        let gap = gap(Some(required), current);
        let holders = self.holders(skill_id, required);
        let age = assessment.map(|a| (self.input.today - a.assessed_on).num_days());
        let factors = PriorityFactors {
            gap: gap.map_or(1.0, f64::from),
            importance: self.importance(defaults, skill_id),
            holders,
            scarcity: scarcity_factor(holders),
            evidence_age_days: age,
            evidence: evidence_factor(age, self.options.cadence_months),
        };
        Some(Need {
            person_id: person.id,
            skill_id,
            basis,
            role_level_id,
            current,
            required,
            gap,
            band,
            assessed_on: assessment.map(|a| a.assessed_on),
            stale: self.stale(assessment),
            priority: factors.priority(),
            factors,
        })
    }

    fn due_for_review(&self) -> Vec<ReviewDue> {
        let mut due: Vec<ReviewDue> = self.input.people.iter().filter_map(|p| self.review_of(p)).collect();
        // Never-assessed requirements first (no date sorts first), then the oldest evidence.
        due.sort_by(|a, b| {
            let key = |r: &ReviewDue| (r.unassessed_skill_ids.is_empty(), r.oldest);
            key(a).cmp(&key(b)).then(a.person_id.cmp(&b.person_id))
        });
        due
    }

    fn review_of(&self, person: &Person) -> Option<ReviewDue> {
        let mut review =
            ReviewDue { person_id: person.id, stale_skill_ids: vec![], unassessed_skill_ids: vec![], oldest: None };
        for skill in self.input.skills {
            match self.current(person.id, skill.id) {
                Some(a) if self.stale(Some(a)) => {
                    review.stale_skill_ids.push(skill.id);
                    review.oldest = Some(review.oldest.map_or(a.assessed_on, |d| d.min(a.assessed_on)));
                }
                Some(_) => {}
                None if self.requirements.for_person(person, skill.id).is_some() => {
                    review.unassessed_skill_ids.push(skill.id);
                }
                None => {}
            }
        }
        let due = !review.stale_skill_ids.is_empty() || !review.unassessed_skill_ids.is_empty();
        due.then_some(review)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Source;
    use crate::framework::{Requirement, Skill, SkillKind};
    use crate::scale::Scale;
    use proptest::prelude::*;

    const TODAY: &str = "2026-06-30";

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn skill(id: Id) -> Skill {
        Skill {
            id,
            version_id: 1,
            code: format!("s{id}"),
            name: format!("Skill {id}"),
            kind: SkillKind::Ddat,
            scale: Scale::Ddat,
            description: String::new(),
            category: None,
            subcategory: None,
            defined_levels: vec![],
        }
    }

    fn person(id: Id, role: Option<Id>, target: Option<Id>) -> Person {
        Person { id, name: format!("P{id}"), email: None, role_level_id: role, target_role_level_id: target }
    }

    fn req(role_level_id: Id, skill_id: Id, level: Option<Level>) -> Requirement {
        Requirement { role_level_id, skill_id, level, description: String::new() }
    }

    /// Assessment ids follow the order of the list, so "latest" is deterministic.
    fn assess(person_id: Id, skill_id: Id, level: Level, source: Source, on: &str) -> Assessment {
        Assessment {
            id: person_id * 1000 + skill_id,
            person_id,
            skill_id,
            level,
            source,
            assessed_on: date(on),
            assessor_id: None,
            evidence: None,
        }
    }

    struct Team {
        skills: Vec<Skill>,
        people: Vec<Person>,
        requirements: Vec<Requirement>,
        assessments: Vec<Assessment>,
    }

    impl Team {
        fn input(&self) -> TeamInput<'_> {
            TeamInput {
                skills: &self.skills,
                people: &self.people,
                requirements: &self.requirements,
                assessments: &self.assessments,
                today: date(TODAY),
            }
        }
    }

    /// Role level 1 (Senior DevOps) requires skill 10 at 3 and skill 11 at 2 and lists 12 with no
    /// level; role level 2 (Lead DevOps) requires 10 at 4, 11 at 3 and 13 at 3.
    fn devops_team() -> Team {
        Team {
            skills: vec![skill(10), skill(11), skill(12), skill(13)],
            people: vec![person(1, Some(1), Some(2)), person(2, Some(1), None), person(3, Some(2), None)],
            requirements: vec![
                req(1, 10, Some(3)),
                req(1, 11, Some(2)),
                req(1, 12, None),
                req(2, 10, Some(4)),
                req(2, 11, Some(3)),
                req(2, 13, Some(3)),
            ],
            assessments: vec![
                assess(1, 10, 3, Source::Lead, "2026-05-01"),
                assess(1, 11, 1, Source::Lead, "2025-10-01"),
                assess(2, 10, 1, Source::Lead, "2026-06-01"),
                assess(2, 11, 2, Source::SelfAssessment, "2026-06-01"),
                assess(3, 10, 4, Source::Lead, "2026-01-01"),
                assess(3, 11, 3, Source::Lead, "2026-06-01"),
            ],
        }
    }

    #[test]
    fn person_gaps_against_current_and_target_role() {
        let team = devops_team();
        let gaps = person_gaps(&team.input(), 1, &TnaOptions::default()).unwrap();
        assert_eq!(gaps.skills.iter().map(|s| s.skill_id).collect::<Vec<_>>(), vec![10, 11, 12, 13]);

        let systems = &gaps.skills[0];
        assert_eq!(systems.current, Some(3));
        assert!(!systems.stale);
        let current = systems.current_role.unwrap();
        assert_eq!((current.required, current.gap, current.band), (Some(3), Some(0), GapBand::Meets));
        let target = systems.target_role.unwrap();
        assert_eq!((target.role_level_id, target.required, target.gap), (2, Some(4), Some(1)));
        assert_eq!(target.band, GapBand::BelowOne);

        // Assessed 2025-10-01: nine months before today, so stale on a six-month cadence.
        let second = &gaps.skills[1];
        assert!(second.stale);
        assert_eq!(second.current_role.unwrap().band, GapBand::BelowOne);
        assert_eq!(second.target_role.unwrap().band, GapBand::BelowTwoOrMore);

        // Listed without a level: never a gap.
        assert_eq!(gaps.skills[2].current_role.unwrap().band, GapBand::NotRequired);
        // Only the target requires skill 13.
        assert_eq!(gaps.skills[3].current_role.unwrap().band, GapBand::NotRequired);
        assert_eq!(gaps.skills[3].target_role.unwrap().band, GapBand::NotAssessed);
    }

    #[test]
    fn source_filter_picks_the_current_level() {
        let team = devops_team();
        let options = TnaOptions { filter: SourceFilter::Only(Source::Lead), ..TnaOptions::default() };
        let gaps = person_gaps(&team.input(), 2, &options).unwrap();
        // Person 2 assessed skill 11 only themselves: under a lead-only filter it is not assessed.
        assert_eq!(gaps.skills[1].current, None);
        assert_eq!(gaps.skills[1].current_role.unwrap().band, GapBand::NotAssessed);
        assert!(gaps.skills[1].target_role.is_none());
        assert!(person_gaps(&team.input(), 99, &options).is_none());
        assert_eq!(team_gaps(&team.input(), &options).len(), 3);
    }

    #[test]
    fn needs_carry_every_factor_and_the_formula_result() {
        let team = devops_team();
        let needs = needs(&team.input(), &TnaOptions::default());
        let keys: Vec<_> = needs.iter().map(|n| (n.person_id, n.skill_id)).collect();
        // (1, 11): gap 1 × importance 2 × scarcity 4/3 × evidence 1 + 272/182.6 = 6.638 (stale)
        // (2, 10): gap 2 × importance 2 × scarcity 4/3 × evidence 1 + 29/182.6 = 6.180
        // (3, 13): not assessed, gap 1 × importance 1 × scarcity 2 × evidence 3 = 6
        assert_eq!(keys, vec![(1, 11), (2, 10), (3, 13)]);
        let need = &needs[1];
        assert_eq!(need.factors.gap, 2.0);
        assert_eq!(need.factors.importance, 2.0);
        // Persons 1 (at 3) and 3 (at 4) already hold skill 10 at the required 3.
        assert_eq!(need.factors.holders, 2);
        assert!((need.factors.scarcity - 4.0 / 3.0).abs() < 1e-12);
        assert_eq!(need.factors.evidence_age_days, Some(29));
        let expected = 2.0 * 2.0 * (4.0 / 3.0) * (1.0 + 29.0 / (6.0 * DAYS_PER_MONTH));
        assert!((need.priority - expected).abs() < 1e-9);
        let expected = 2.0 * (4.0 / 3.0) * (1.0 + 272.0 / (6.0 * DAYS_PER_MONTH));
        assert!((needs[0].priority - expected).abs() < 1e-9);
        assert!(needs[0].stale);
        assert_eq!(needs[0].factors.evidence_age_days, Some(272));
        assert_eq!(needs[0].band, GapBand::BelowOne);
        assert_eq!(needs[2].priority, 6.0);
        assert_eq!(needs[2].band, GapBand::NotAssessed);
    }

    #[test]
    fn not_assessed_counts_as_a_gap_of_one_with_the_oldest_evidence() {
        let mut team = devops_team();
        team.assessments.retain(|a| !(a.person_id == 2 && a.skill_id == 10));
        let needs = needs(&team.input(), &TnaOptions::default());
        let need = needs.iter().find(|n| (n.person_id, n.skill_id) == (2, 10)).unwrap();
        assert_eq!((need.current, need.gap, need.band), (None, None, GapBand::NotAssessed));
        assert_eq!(need.factors.gap, 1.0);
        assert_eq!(need.factors.evidence, MAX_EVIDENCE_FACTOR);
        assert!(!need.stale);
    }

    #[test]
    fn target_roles_add_career_needs_at_the_higher_level() {
        let team = devops_team();
        let options = TnaOptions { include_target: true, ..TnaOptions::default() };
        let needs = needs(&team.input(), &options);
        let of_person_1: BTreeMap<Id, (NeedBasis, Level)> =
            needs.iter().filter(|n| n.person_id == 1).map(|n| (n.skill_id, (n.basis, n.required))).collect();
        assert_eq!(of_person_1.get(&10), Some(&(NeedBasis::TargetRole, 4)));
        assert_eq!(of_person_1.get(&11), Some(&(NeedBasis::TargetRole, 3)));
        assert_eq!(of_person_1.get(&13), Some(&(NeedBasis::TargetRole, 3)));
        // Person 2 has no target: only the current-role need.
        assert_eq!(needs.iter().filter(|n| n.person_id == 2).count(), 1);
    }

    /// Two people, two skills, everything equal except what a test changes. Person 1's role
    /// level 1 requires skill 10 at 3, person 2's role level 2 requires skill 11 at 3. Person 3
    /// (no role level) can hold skill 11 to change scarcity alone.
    fn pair(a_level: Level, b_level: Option<Level>, b_on: &str, holder_of_b: Option<Level>) -> Team {
        let mut assessments = vec![assess(1, 10, a_level, Source::Lead, TODAY)];
        if let Some(level) = b_level {
            assessments.push(assess(2, 11, level, Source::Lead, b_on));
        }
        if let Some(level) = holder_of_b {
            assessments.push(assess(3, 11, level, Source::Lead, TODAY));
        }
        Team {
            skills: vec![skill(10), skill(11)],
            people: vec![person(1, Some(1), None), person(2, Some(2), None), person(3, None, None)],
            requirements: vec![req(1, 10, Some(3)), req(2, 11, Some(3))],
            assessments,
        }
    }

    fn order(team: &Team, options: &TnaOptions) -> Vec<Id> {
        needs(&team.input(), options).iter().map(|n| n.person_id).collect()
    }

    #[test]
    fn a_bigger_gap_moves_a_need_up() {
        // Equal gaps (1 each): A leads on the 1.5 importance the lead gave skill 10.
        let options = TnaOptions { importance: BTreeMap::from([(10, 1.5)]), ..TnaOptions::default() };
        assert_eq!(order(&pair(2, Some(2), TODAY, None), &options), vec![1, 2]);
        // Only person 2's gap changes, from 1 to 2: 2 × 1 beats 1 × 1.5.
        assert_eq!(order(&pair(2, Some(1), TODAY, None), &options), vec![2, 1]);
    }

    #[test]
    fn a_more_important_skill_moves_a_need_up() {
        let team = pair(1, Some(2), TODAY, None);
        assert_eq!(order(&team, &TnaOptions::default()), vec![1, 2]);
        let options = TnaOptions { importance: BTreeMap::from([(11, 3.0)]), ..TnaOptions::default() };
        assert_eq!(order(&team, &options), vec![2, 1]);
    }

    #[test]
    fn fewer_holders_move_a_need_up() {
        let options = TnaOptions::default();
        // Person 2's evidence is 30 days old, so B leads while both skills have no holder.
        assert_eq!(order(&pair(2, Some(2), "2026-05-31", None), &options), vec![2, 1]);
        // Only scarcity changes: someone holds skill 11 at the required level.
        assert_eq!(order(&pair(2, Some(2), "2026-05-31", Some(3)), &options), vec![1, 2]);
        // A holder below the required level does not count.
        assert_eq!(order(&pair(2, Some(2), "2026-05-31", Some(2)), &options), vec![2, 1]);
    }

    #[test]
    fn older_or_missing_evidence_moves_a_need_up() {
        let options = TnaOptions::default();
        // Someone holds skill 11, so B trails while its evidence is fresh.
        assert_eq!(order(&pair(2, Some(2), TODAY, Some(3)), &options), vec![1, 2]);
        // Only the age changes: 182 days makes the evidence factor about 2 (> 2 / 1.5).
        assert_eq!(order(&pair(2, Some(2), "2025-12-30", Some(3)), &options), vec![2, 1]);
        // Never assessed counts as the oldest evidence.
        assert_eq!(order(&pair(2, None, TODAY, Some(3)), &options), vec![2, 1]);
    }

    #[test]
    fn groups_are_by_skill_and_required_level() {
        let mut team = pair(1, Some(1), TODAY, None);
        team.people.push(person(4, Some(1), None));
        team.people.push(person(5, Some(3), None));
        team.requirements.push(req(3, 10, Some(4)));
        team.assessments.push(assess(4, 10, 2, Source::Lead, TODAY));
        let tna = team_tna(&team.input(), &TnaOptions::default());
        // Priorities: person 5 (not assessed at 4) 1 × 2 × 2 × 3 = 12; person 1 2 × 2 × 2 × 1 = 8;
        // person 2 2 × 1 × 2 × 1 = 4; person 4 1 × 2 × 2 × 1 = 4.
        // Groups tie at 12: the one with more people comes first.
        let groups: Vec<(Id, Level, Vec<Id>, u32, f64)> = tna
            .groups
            .iter()
            .map(|g| (g.skill_id, g.required, g.people.clone(), g.not_assessed, g.total_priority))
            .collect();
        assert_eq!(groups, vec![(10, 3, vec![1, 4], 0, 12.0), (10, 4, vec![5], 1, 12.0), (11, 3, vec![2], 0, 4.0)]);
        assert_eq!(tna.formula, PRIORITY_FORMULA);
    }

    #[test]
    fn due_for_review_lists_stale_and_never_assessed() {
        let team = devops_team();
        let due = due_for_review(&team.input(), &TnaOptions::default());
        // Person 1: skill 11 assessed 2025-10-01 (stale). Person 3: skill 13 never assessed, and
        // skill 10 assessed 2026-01-01 (under six months: 30 June is before 1 July).
        let summary: Vec<_> = due
            .iter()
            .map(|d| (d.person_id, d.stale_skill_ids.clone(), d.unassessed_skill_ids.clone(), d.oldest))
            .collect();
        assert_eq!(summary, vec![(3, vec![], vec![13], None), (1, vec![11], vec![], Some(date("2025-10-01")))]);
        // A three-month cadence catches person 3's January evidence too.
        let quarterly = TnaOptions { cadence_months: 3, ..TnaOptions::default() };
        let due = due_for_review(&team.input(), &quarterly);
        assert_eq!(due[0].person_id, 3);
        assert_eq!(due[0].oldest, Some(date("2026-01-01")));
    }

    #[test]
    fn outputs_serialise_for_the_browser() {
        let team = devops_team();
        let tna = team_tna(&team.input(), &TnaOptions::default());
        let json = serde_json::to_value(&tna).unwrap();
        assert_eq!(json["needs"][0]["basis"], "current-role");
        assert_eq!(json["needs"][0]["band"], "below-one");
        assert_eq!(json["needs"][2]["gap"], serde_json::Value::Null);
        assert!(json["needs"][0]["factors"]["scarcity"].is_number());
        let back: Tna = serde_json::from_value(json).unwrap();
        assert_eq!(back.needs.len(), tna.needs.len());
        assert_eq!(back.groups[0].people, tna.groups[0].people);
    }

    #[test]
    fn factor_bounds() {
        assert_eq!(scarcity_factor(0), 2.0);
        assert_eq!(scarcity_factor(1), 1.5);
        assert_eq!(evidence_factor(Some(0), 6), 1.0);
        assert_eq!(evidence_factor(Some(-5), 6), 1.0);
        assert_eq!(evidence_factor(Some(10_000), 6), MAX_EVIDENCE_FACTOR);
        assert_eq!(evidence_factor(None, 6), MAX_EVIDENCE_FACTOR);
        // A zero cadence is read as one month rather than dividing by zero.
        assert_eq!(evidence_factor(Some(30), 0), evidence_factor(Some(30), 1));
    }

    fn factors(gap: u8, importance: u8, holders: u32, age: Option<i64>) -> PriorityFactors {
        PriorityFactors {
            gap: f64::from(gap),
            importance: f64::from(importance),
            holders,
            scarcity: scarcity_factor(holders),
            evidence_age_days: age,
            evidence: evidence_factor(age, 6),
        }
    }

    proptest! {
        /// Each factor moves the priority the documented way, the others held fixed.
        #[test]
        fn each_factor_is_monotone(
            gap in 1u8..6,
            importance in 1u8..10,
            holders in 0u32..20,
            age in 0i64..360,
        ) {
            let base = factors(gap, importance, holders, Some(age)).priority();
            prop_assert!(factors(gap + 1, importance, holders, Some(age)).priority() > base);
            prop_assert!(factors(gap, importance + 1, holders, Some(age)).priority() > base);
            prop_assert!(factors(gap, importance, holders + 1, Some(age)).priority() < base);
            prop_assert!(factors(gap, importance, holders, Some(age + 1)).priority() > base);
            prop_assert!(factors(gap, importance, holders, None).priority() > base);
        }
    }
}
