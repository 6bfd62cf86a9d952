//! Reusing a design: copy an event, or a whole programme, as a template for the next run.
//!
//! Copies are pure values with every id cleared (`None`): the store inserts them as new rows and
//! links the children to their new parents. Titles, agendas, facilitators, places, capacities
//! and start times are kept; only dates move, all by the same number of days, so the spacing
//! between a programme's events is kept. Start times stay wall-clock times: a copy of a 10:00
//! event is at 10:00 on its new date whatever the clocks do in between.

use super::model::{AgendaItem, EventPlan, ProgrammePlan};
use super::reorder::normalised;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// How to move the dates of a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "shift", content = "value")]
pub enum DateShift {
    /// Keep the dates.
    Keep,
    /// Move every date by this many days (negative: earlier).
    ByDays(i64),
    /// Move every date so that the earliest event falls on this date.
    FirstEventOn(NaiveDate),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("moving the dates by {0} days goes outside the calendar")]
    DateOutOfRange(i64),
}

/// A copy of one event with its agenda, in the same programme.
pub fn duplicate_event(plan: &EventPlan, shift: DateShift) -> Result<EventPlan, TemplateError> {
    let days = shift_days(shift, Some(plan.event.date));
    copy_event(plan, days)
}

/// A copy of a programme with all its events and agendas. The copy's events belong to the copy,
/// so their `programme_id` is cleared too.
pub fn duplicate_programme(plan: &ProgrammePlan, shift: DateShift) -> Result<ProgrammePlan, TemplateError> {
    let first = plan.events.iter().map(|e| e.event.date).min();
    let days = shift_days(shift, first);
    let mut events = plan
        .events
        .iter()
        .map(|e| {
            let mut copy = copy_event(e, days)?;
            copy.event.programme_id = None;
            Ok(copy)
        })
        .collect::<Result<Vec<_>, TemplateError>>()?;
    events.sort_by_key(|e| (e.event.date, e.event.start_time));
    let mut programme = plan.programme.clone();
    programme.id = None;
    Ok(ProgrammePlan { programme, events })
}

fn shift_days(shift: DateShift, first: Option<NaiveDate>) -> i64 {
    match (shift, first) {
        (DateShift::Keep, _) | (DateShift::FirstEventOn(_), None) => 0,
        (DateShift::ByDays(days), _) => days,
        (DateShift::FirstEventOn(target), Some(first)) => (target - first).num_days(),
    }
}

fn copy_event(plan: &EventPlan, days: i64) -> Result<EventPlan, TemplateError> {
    let mut event = plan.event.clone();
    event.id = None;
    event.date = shift_date(event.date, days)?;
    let agenda = normalised(&plan.agenda).into_iter().map(copy_item).collect();
    Ok(EventPlan { event, agenda })
}

fn copy_item(item: AgendaItem) -> AgendaItem {
    AgendaItem { id: None, event_id: None, ..item }
}

fn shift_date(date: NaiveDate, days: i64) -> Result<NaiveDate, TemplateError> {
    let magnitude = Days::new(days.unsigned_abs());
    let shifted = if days >= 0 { date.checked_add_days(magnitude) } else { date.checked_sub_days(magnitude) };
    shifted.ok_or(TemplateError::DateOutOfRange(days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::model::{Event, Programme};
    use chrono::NaiveTime;

    fn plan(id: i64, date: &str) -> EventPlan {
        let mut event =
            Event::new(format!("Event {id}"), date.parse().unwrap(), NaiveTime::from_hms_opt(10, 0, 0).unwrap(), 90);
        event.id = Some(id);
        event.programme_id = Some(3);
        event.capacity = Some(12);
        let agenda = vec![
            AgendaItem {
                id: Some(id * 10 + 2),
                event_id: Some(id),
                position: 2,
                facilitator_id: Some(8),
                ..AgendaItem::new("Kata", 45)
            },
            AgendaItem { id: Some(id * 10 + 1), event_id: Some(id), position: 1, ..AgendaItem::new("Check-in", 0) },
        ];
        EventPlan { event, agenda }
    }

    fn programme() -> ProgrammePlan {
        let programme = Programme { id: Some(3), ..Programme::new("Terraform") };
        ProgrammePlan { programme, events: vec![plan(8, "2026-05-19"), plan(7, "2026-05-12")] }
    }

    #[test]
    fn an_event_copy_clears_ids_and_keeps_the_design() {
        let copy = duplicate_event(&plan(7, "2026-05-12"), DateShift::ByDays(7)).unwrap();
        assert_eq!(copy.event.id, None);
        assert_eq!(copy.event.programme_id, Some(3));
        assert_eq!(copy.event.date.to_string(), "2026-05-19");
        assert_eq!(copy.event.start_time, NaiveTime::from_hms_opt(10, 0, 0).unwrap());
        assert_eq!(copy.event.capacity, Some(12));
        let items: Vec<_> =
            copy.agenda.iter().map(|i| (i.id, i.event_id, i.position, i.title.as_str(), i.facilitator_id)).collect();
        assert_eq!(items, [(None, None, 1, "Check-in", None), (None, None, 2, "Kata", Some(8))]);
    }

    #[test]
    fn an_event_can_be_copied_to_a_date_or_kept() {
        let target = "2026-09-01".parse().unwrap();
        assert_eq!(
            duplicate_event(&plan(7, "2026-05-12"), DateShift::FirstEventOn(target)).unwrap().event.date,
            target
        );
        let kept = duplicate_event(&plan(7, "2026-05-12"), DateShift::Keep).unwrap();
        assert_eq!(kept.event.date.to_string(), "2026-05-12");
        let back = duplicate_event(&plan(7, "2026-05-12"), DateShift::ByDays(-14)).unwrap();
        assert_eq!(back.event.date.to_string(), "2026-04-28");
    }

    #[test]
    fn a_programme_copy_keeps_the_spacing_between_events() {
        let copy = duplicate_programme(&programme(), DateShift::FirstEventOn("2026-11-03".parse().unwrap())).unwrap();
        assert_eq!(copy.programme.id, None);
        assert_eq!(copy.programme.title, "Terraform");
        let dates: Vec<String> = copy.events.iter().map(|e| e.event.date.to_string()).collect();
        assert_eq!(dates, ["2026-11-03", "2026-11-10"]);
        assert!(copy.events.iter().all(|e| e.event.id.is_none() && e.event.programme_id.is_none()));
        assert!(copy.events.iter().flat_map(|e| &e.agenda).all(|i| i.id.is_none() && i.event_id.is_none()));
        assert_eq!(copy.events[0].event.title, "Event 7");
    }

    #[test]
    fn a_shift_off_the_calendar_is_an_error() {
        let err = duplicate_event(&plan(7, "2026-05-12"), DateShift::ByDays(i64::MAX)).unwrap_err();
        assert_eq!(err, TemplateError::DateOutOfRange(i64::MAX));
    }
}
