//! Uplift: did the attendees' levels in the targeted skills go up after the programme?
//!
//! For each attendee and targeted skill, using the assessments the [`SourceFilter`] accepts:
//!
//! - **before** is the latest assessment dated *before* the first event's date;
//! - **after** is, when the lead set a follow-up (re-assessment) date, the *first* assessment on
//!   or after that date (later ones may reflect other learning); without a follow-up date, the
//!   *latest* assessment dated *after* the last event's date.
//!
//! Assessments dated on an event day count as neither: they cannot be told apart from ones made
//! before the session. A pair without both a before and an after is "not measured" and is left
//! out of the averages. Changes are in levels of each skill's own scale; averages across skills
//! on different scales (SFIA 1-7 beside DDaT 1-4) are a rough guide, so a summary per skill is
//! given too. Senior-staff views must apply small-group suppression before showing these.

use super::model::Event;
use crate::analysis::History;
use crate::assessment::{Assessment, SourceFilter};
use crate::scale::Level;
use crate::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The dates that decide which assessments count as before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpliftWindow {
    pub first_event: NaiveDate,
    pub last_event: NaiveDate,
    /// The planned re-assessment date, normally some weeks after the last event.
    pub follow_up: Option<NaiveDate>,
}

impl UpliftWindow {
    /// The window spanned by a programme's events; `None` when it has none.
    pub fn from_events(events: &[Event], follow_up: Option<NaiveDate>) -> Option<UpliftWindow> {
        let first_event = events.iter().map(|e| e.date).min()?;
        let last_event = events.iter().map(|e| e.date).max()?;
        Some(UpliftWindow { first_event, last_event, follow_up })
    }
}

/// One attendee's change in one skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillChange {
    pub skill_id: Id,
    pub before: Option<Level>,
    pub before_on: Option<NaiveDate>,
    pub after: Option<Level>,
    pub after_on: Option<NaiveDate>,
    /// After minus before, when both are known.
    pub change: Option<i16>,
}

/// Counts over a set of (person, skill) pairs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpliftTally {
    /// Pairs with both a before and an after.
    pub measured: usize,
    pub improved: usize,
    pub unchanged: usize,
    pub declined: usize,
    /// Pairs missing a before or an after (often: not yet re-assessed).
    pub not_measured: usize,
    /// Mean change over the measured pairs, in levels.
    pub average_change: Option<f64>,
}

impl UpliftTally {
    fn of<'a>(changes: impl IntoIterator<Item = &'a SkillChange>) -> UpliftTally {
        let mut tally = UpliftTally::default();
        let mut sum = 0i64;
        for change in changes {
            match change.change {
                None => tally.not_measured += 1,
                Some(c) => {
                    tally.measured += 1;
                    sum += i64::from(c);
                    match c {
                        c if c > 0 => tally.improved += 1,
                        0 => tally.unchanged += 1,
                        _ => tally.declined += 1,
                    }
                }
            }
        }
        tally.average_change = (tally.measured > 0).then(|| sum as f64 / tally.measured as f64);
        tally
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonUplift {
    pub person_id: Id,
    /// In the order of the programme's targeted skills.
    pub skills: Vec<SkillChange>,
    pub tally: UpliftTally,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillUplift {
    pub skill_id: Id,
    pub tally: UpliftTally,
}

/// The programme's uplift, by person, by skill and in total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Uplift {
    pub window: UpliftWindow,
    pub people: Vec<PersonUplift>,
    pub by_skill: Vec<SkillUplift>,
    pub total: UpliftTally,
    /// Attendees with at least one targeted skill improved.
    pub people_improved: usize,
}

/// Uplift of `attendees` in `skill_ids`, from their `assessments` (any order, other people and
/// skills ignored).
pub fn uplift(
    attendees: &[Id],
    skill_ids: &[Id],
    assessments: &[Assessment],
    window: UpliftWindow,
    filter: SourceFilter,
) -> Uplift {
    let history = History::new(assessments);
    let people: Vec<PersonUplift> = attendees
        .iter()
        .map(|&person_id| {
            let skills: Vec<SkillChange> = skill_ids
                .iter()
                .map(|&skill_id| change(history.of(person_id, skill_id), skill_id, window, filter))
                .collect();
            PersonUplift { person_id, tally: UpliftTally::of(&skills), skills }
        })
        .collect();
    let by_skill = skill_ids
        .iter()
        .map(|&skill_id| SkillUplift {
            skill_id,
            tally: UpliftTally::of(people.iter().flat_map(|p| &p.skills).filter(|c| c.skill_id == skill_id)),
        })
        .collect();
    let total = UpliftTally::of(people.iter().flat_map(|p| &p.skills));
    let people_improved = people.iter().filter(|p| p.tally.improved > 0).count();
    Uplift { window, people, by_skill, total, people_improved }
}

/// `history` is one person's assessments of one skill, oldest first.
fn change(history: &[Assessment], skill_id: Id, window: UpliftWindow, filter: SourceFilter) -> SkillChange {
    let accepted = || history.iter().filter(|a| filter.accepts(a.source));
    let before = accepted().rev().find(|a| a.assessed_on < window.first_event);
    let after = match window.follow_up {
        Some(follow_up) => accepted().find(|a| a.assessed_on >= follow_up),
        None => accepted().rev().find(|a| a.assessed_on > window.last_event),
    };
    SkillChange {
        skill_id,
        before: before.map(|a| a.level),
        before_on: before.map(|a| a.assessed_on),
        after: after.map(|a| a.level),
        after_on: after.map(|a| a.assessed_on),
        change: before.zip(after).map(|(b, a)| i16::from(a.level) - i16::from(b.level)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Source;

    fn a(id: Id, person_id: Id, skill_id: Id, level: Level, date: &str) -> Assessment {
        a_from(id, person_id, skill_id, level, date, Source::Lead)
    }

    fn a_from(id: Id, person_id: Id, skill_id: Id, level: Level, date: &str, source: Source) -> Assessment {
        Assessment {
            id,
            person_id,
            skill_id,
            level,
            source,
            assessed_on: date.parse().unwrap(),
            assessor_id: None,
            evidence: None,
        }
    }

    fn window(follow_up: Option<&str>) -> UpliftWindow {
        UpliftWindow {
            first_event: "2026-03-10".parse().unwrap(),
            last_event: "2026-03-24".parse().unwrap(),
            follow_up: follow_up.map(|d| d.parse().unwrap()),
        }
    }

    fn history() -> Vec<Assessment> {
        vec![
            // Person 1, skill 10: 1 -> 2 (the Jan one is superseded by Feb), Mar 10 is an event day.
            a(1, 1, 10, 1, "2026-01-05"),
            a(2, 1, 10, 2, "2026-02-01"),
            a(3, 1, 10, 4, "2026-03-10"),
            a(4, 1, 10, 3, "2026-05-01"),
            a(5, 1, 10, 4, "2026-06-01"),
            // Person 1, skill 20 (SFIA): 3 -> 3.
            a(6, 1, 20, 3, "2025-11-01"),
            a(7, 1, 20, 3, "2026-05-02"),
            // Person 2, skill 10: 2 -> 1; skill 20: before only.
            a(8, 2, 10, 2, "2026-03-01"),
            a(9, 2, 10, 1, "2026-04-20"),
            a(10, 2, 20, 4, "2026-03-01"),
            // Someone who did not attend.
            a(11, 3, 10, 1, "2026-01-01"),
            a(12, 3, 10, 4, "2026-05-01"),
        ]
    }

    #[test]
    fn without_a_follow_up_after_is_the_latest_after_the_last_event() {
        let result = uplift(&[1, 2], &[10, 20], &history(), window(None), SourceFilter::Latest);
        let p1 = &result.people[0].skills[0];
        assert_eq!((p1.before, p1.after, p1.change), (Some(2), Some(4), Some(2)));
        assert_eq!(p1.after_on.unwrap().to_string(), "2026-06-01");
        assert_eq!(result.people[0].skills[1].change, Some(0));
        assert_eq!(result.people[1].skills[0].change, Some(-1));
        assert_eq!(result.people[1].skills[1].after, None);
        let total = &result.total;
        assert_eq!(
            (total.measured, total.improved, total.unchanged, total.declined, total.not_measured),
            (3, 1, 1, 1, 1)
        );
        assert_eq!(total.average_change, Some(1.0 / 3.0));
        assert_eq!(result.people_improved, 1);
    }

    #[test]
    fn with_a_follow_up_after_is_the_first_on_or_after_it() {
        let result = uplift(&[1, 2], &[10, 20], &history(), window(Some("2026-05-01")), SourceFilter::Latest);
        let p1 = &result.people[0].skills[0];
        assert_eq!((p1.after, p1.change), (Some(3), Some(1)));
        // Person 2 was re-assessed before the follow-up date only: not measured.
        assert_eq!(result.people[1].skills[0].change, None);
        assert_eq!(result.people[0].tally.average_change, Some(0.5));
    }

    #[test]
    fn per_skill_summaries_and_non_attendees() {
        let result = uplift(&[1, 2], &[10, 20], &history(), window(None), SourceFilter::Latest);
        assert_eq!(result.by_skill[0].tally.measured, 2);
        assert_eq!(result.by_skill[0].tally.average_change, Some(0.5));
        assert_eq!(result.by_skill[1].tally.not_measured, 1);
        assert!(result.people.iter().all(|p| p.person_id != 3));
    }

    #[test]
    fn the_source_filter_chooses_which_assessments_count() {
        let list = vec![
            a(1, 1, 10, 2, "2026-02-01"),
            a_from(2, 1, 10, 4, "2026-04-01", Source::SelfAssessment),
            a(3, 1, 10, 3, "2026-04-02"),
        ];
        let lead = uplift(&[1], &[10], &list, window(None), SourceFilter::Only(Source::Lead));
        assert_eq!(lead.total.average_change, Some(1.0));
        let selfs = uplift(&[1], &[10], &list, window(None), SourceFilter::Only(Source::SelfAssessment));
        assert_eq!(selfs.total.measured, 0);
        assert_eq!(selfs.total.average_change, None);
    }

    #[test]
    fn the_window_spans_the_events() {
        use chrono::NaiveTime;
        let ten = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
        let events = [
            Event::new("B", "2026-03-24".parse().unwrap(), ten, 60),
            Event::new("A", "2026-03-10".parse().unwrap(), ten, 60),
        ];
        assert_eq!(UpliftWindow::from_events(&events, None), Some(window(None)));
        assert_eq!(UpliftWindow::from_events(&[], None), None);
    }
}
