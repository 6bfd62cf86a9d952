//! Analysis of a team's or an organisation's skills: the shared vocabulary (assessment history
//! index, required levels, gap bands) and the analyses built on it.
//!
//! Everything here is a pure function of data loaded by the store, so it is unit tested on
//! constructed teams and benchmarked on synthetic organisations.

use crate::assessment::{Assessment, SourceFilter};
use crate::framework::{Requirement, Skill};
use crate::people::Person;
use crate::scale::Level;
use crate::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub mod coverage;
pub mod dynamics;
pub mod matrix;
pub mod rollup;
pub mod rounds;
pub mod suppression;
pub mod training;

/// Everything the team analyses need, borrowed from what the store loaded.
#[derive(Debug, Clone, Copy)]
pub struct TeamInput<'a> {
    /// Skills of the team's framework version (candidate columns).
    pub skills: &'a [Skill],
    /// The team's members (rows).
    pub people: &'a [Person],
    /// Requirements of every role level the members hold or target.
    pub requirements: &'a [Requirement],
    /// Every assessment of these people, with skill ids already mapped into the team's version.
    pub assessments: &'a [Assessment],
    /// Dates are computed against this day (stale evidence, ages).
    pub today: NaiveDate,
}

/// Assessment history indexed by (person, skill), oldest first.
#[derive(Debug, Clone, Default)]
pub struct History {
    by_key: HashMap<(Id, Id), Vec<Assessment>>,
}

impl History {
    pub fn new<'a>(assessments: impl IntoIterator<Item = &'a Assessment>) -> History {
        let mut by_key: HashMap<(Id, Id), Vec<Assessment>> = HashMap::new();
        for a in assessments {
            by_key.entry((a.person_id, a.skill_id)).or_default().push(a.clone());
        }
        for list in by_key.values_mut() {
            list.sort_by_key(|a| a.recency());
        }
        History { by_key }
    }

    /// Every assessment of this person for this skill, oldest first.
    pub fn of(&self, person_id: Id, skill_id: Id) -> &[Assessment] {
        self.by_key.get(&(person_id, skill_id)).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The current assessment: the latest one the filter accepts.
    pub fn current(&self, person_id: Id, skill_id: Id, filter: SourceFilter) -> Option<&Assessment> {
        self.of(person_id, skill_id).iter().rev().find(|a| filter.accepts(a.source))
    }

    /// The assessment that was current on `as_of`.
    pub fn current_as_of(
        &self,
        person_id: Id,
        skill_id: Id,
        filter: SourceFilter,
        as_of: NaiveDate,
    ) -> Option<&Assessment> {
        self.of(person_id, skill_id).iter().rev().find(|a| a.assessed_on <= as_of && filter.accepts(a.source))
    }

    pub fn current_level(&self, person_id: Id, skill_id: Id, filter: SourceFilter) -> Option<Level> {
        self.current(person_id, skill_id, filter).map(|a| a.level)
    }
}

/// Required levels indexed by (role level, skill).
#[derive(Debug, Clone, Default)]
pub struct Requirements {
    by_key: HashMap<(Id, Id), Option<Level>>,
}

impl Requirements {
    pub fn new<'a>(requirements: impl IntoIterator<Item = &'a Requirement>) -> Requirements {
        Requirements { by_key: requirements.into_iter().map(|r| ((r.role_level_id, r.skill_id), r.level)).collect() }
    }

    /// The level the role level requires of the skill. `None` when it is not required or is
    /// expected without a stated level.
    pub fn level(&self, role_level_id: Option<Id>, skill_id: Id) -> Option<Level> {
        role_level_id.and_then(|rl| self.by_key.get(&(rl, skill_id)).copied().flatten())
    }

    /// Whether the role level lists the skill at all (with or without a level).
    pub fn lists(&self, role_level_id: Option<Id>, skill_id: Id) -> bool {
        role_level_id.is_some_and(|rl| self.by_key.contains_key(&(rl, skill_id)))
    }

    /// What a person's current role level requires of a skill.
    pub fn for_person(&self, person: &Person, skill_id: Id) -> Option<Level> {
        self.level(person.role_level_id, skill_id)
    }
}

/// Where a person stands against a required level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum GapBand {
    /// Two or more levels below what is required.
    BelowTwoOrMore,
    /// One level below.
    BelowOne,
    Meets,
    Exceeds,
    /// The role level does not require a level of this skill.
    NotRequired,
    /// Required, but there is no assessment.
    NotAssessed,
}

impl GapBand {
    pub const ALL: [GapBand; 6] = [
        GapBand::BelowTwoOrMore,
        GapBand::BelowOne,
        GapBand::Meets,
        GapBand::Exceeds,
        GapBand::NotRequired,
        GapBand::NotAssessed,
    ];

    pub fn title(self) -> &'static str {
        match self {
            GapBand::BelowTwoOrMore => "Below by 2 or more",
            GapBand::BelowOne => "Below by 1",
            GapBand::Meets => "Meets",
            GapBand::Exceeds => "Exceeds",
            GapBand::NotRequired => "Not required",
            GapBand::NotAssessed => "Not assessed",
        }
    }

    /// True for the bands that are a training need.
    pub fn is_gap(self) -> bool {
        matches!(self, GapBand::BelowTwoOrMore | GapBand::BelowOne)
    }
}

/// How far `current` is from `required`, in levels of the skill's own scale: positive when
/// below what is required. `None` when nothing is required or nothing is assessed.
pub fn gap(required: Option<Level>, current: Option<Level>) -> Option<i16> {
    Some(i16::from(required?) - i16::from(current?))
}

pub fn gap_band(required: Option<Level>, current: Option<Level>) -> GapBand {
    match (required, current) {
        (None, _) => GapBand::NotRequired,
        (Some(_), None) => GapBand::NotAssessed,
        (Some(r), Some(c)) => match i16::from(r) - i16::from(c) {
            d if d >= 2 => GapBand::BelowTwoOrMore,
            1 => GapBand::BelowOne,
            0 => GapBand::Meets,
            _ => GapBand::Exceeds,
        },
    }
}

/// Whether an assessment made on `assessed_on` is older than the review cadence on `today`.
/// An assessment exactly `cadence_months` old is due, so it counts as stale.
pub fn is_stale(assessed_on: NaiveDate, today: NaiveDate, cadence_months: u32) -> bool {
    match assessed_on.checked_add_months(chrono::Months::new(cadence_months)) {
        Some(due) => due <= today,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Source;

    fn assessment(id: Id, skill: Id, level: Level, source: Source, date: &str) -> Assessment {
        Assessment {
            id,
            person_id: 1,
            skill_id: skill,
            level,
            source,
            assessed_on: date.parse().unwrap(),
            assessor_id: None,
            evidence: None,
        }
    }

    #[test]
    fn history_finds_current_by_source_and_date() {
        let list = [
            assessment(1, 10, 2, Source::Lead, "2026-01-01"),
            assessment(2, 10, 3, Source::SelfAssessment, "2026-02-01"),
            assessment(3, 10, 1, Source::Lead, "2025-06-01"),
        ];
        let history = History::new(&list);
        assert_eq!(history.of(1, 10).iter().map(|a| a.id).collect::<Vec<_>>(), vec![3, 1, 2]);
        assert_eq!(history.current_level(1, 10, SourceFilter::Latest), Some(3));
        assert_eq!(history.current_level(1, 10, SourceFilter::Only(Source::Lead)), Some(2));
        let jan = "2026-01-15".parse().unwrap();
        assert_eq!(history.current_as_of(1, 10, SourceFilter::Latest, jan).map(|a| a.id), Some(1));
        assert_eq!(history.current_level(1, 11, SourceFilter::Latest), None);
    }

    #[test]
    fn gap_bands_cover_every_case() {
        assert_eq!(gap_band(Some(3), Some(1)), GapBand::BelowTwoOrMore);
        assert_eq!(gap_band(Some(3), Some(2)), GapBand::BelowOne);
        assert_eq!(gap_band(Some(3), Some(3)), GapBand::Meets);
        assert_eq!(gap_band(Some(3), Some(4)), GapBand::Exceeds);
        assert_eq!(gap_band(None, Some(4)), GapBand::NotRequired);
        assert_eq!(gap_band(Some(2), None), GapBand::NotAssessed);
        assert_eq!(gap(Some(5), Some(3)), Some(2));
        assert_eq!(gap(None, Some(3)), None);
    }

    #[test]
    fn stale_at_the_cadence_boundary() {
        let on = "2026-01-31".parse().unwrap();
        // Six months after 31 January is 31 July.
        assert!(!is_stale(on, "2026-07-30".parse().unwrap(), 6));
        assert!(is_stale(on, "2026-07-31".parse().unwrap(), 6));
        // Month ends clamp: one month after 31 January is 28 February.
        assert!(is_stale(on, "2026-02-28".parse().unwrap(), 1));
        assert!(!is_stale(on, "2026-02-27".parse().unwrap(), 1));
    }

    #[test]
    fn requirements_without_a_level_are_listed_but_not_required() {
        let reqs = [
            Requirement { role_level_id: 1, skill_id: 10, level: Some(3), description: String::new() },
            Requirement { role_level_id: 1, skill_id: 11, level: None, description: String::new() },
        ];
        let index = Requirements::new(&reqs);
        assert_eq!(index.level(Some(1), 10), Some(3));
        assert_eq!(index.level(Some(1), 11), None);
        assert!(index.lists(Some(1), 11));
        assert!(!index.lists(Some(2), 10));
        assert_eq!(index.level(None, 10), None);
    }
}
