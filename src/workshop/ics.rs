//! RFC 5545 calendar export of a programme: one `VEVENT` per event, for people to add the
//! sessions to their calendars. Server side only (feature `calendar`).
//!
//! Decisions:
//!
//! - **Times are written in UTC** (`DTSTART:20260329T090000Z`), not as `TZID=Europe/London`
//!   local times. A `TZID` must be backed by a `VTIMEZONE` block with the zone's rules, which
//!   this library does not generate, and clients differ in how they treat IANA names (Outlook
//!   wants Windows zone names). Every client converts UTC correctly to the reader's own zone,
//!   which for London teams shows the same wall-clock times the agenda does, on both sides of
//!   a clock change. The events do not repeat, so nothing is lost by not carrying the zone.
//! - **UIDs are stable**: `skillmix-programme-{programme}-event-{event}@skillmix.local`, so
//!   importing an updated export updates the same calendar entries instead of duplicating
//!   them. Only saved programmes and events can be exported.
//! - **`DTSTAMP` is passed in** (the time the export is generated), so the output is a pure
//!   function of its input.
//! - Line endings (CRLF), text escaping and folding at 75 octets are done by `icalendar`.
//! - A start time that does not exist in the zone is an error naming the event; an ambiguous one
//!   uses the earlier instant, as the agenda does (see [`super::zone`]).

use super::model::{Event, Programme};
use super::zone::{parse_zone, resolve_start, TimingError};
use crate::Id;
use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, EventLike, Property};

/// The domain part of every UID we generate.
pub const UID_DOMAIN: &str = "skillmix.local";

/// Identifies the product that made the calendar (RFC 5545 `PRODID`).
pub const PRODID: &str = "-//Skillmix//Workshop planner//EN";

/// The media type to serve the export with.
pub const CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("save the programme before exporting it to a calendar")]
    UnsavedProgramme,
    #[error("save the event \"{0}\" before exporting it to a calendar")]
    UnsavedEvent(String),
    #[error("{0}")]
    Zone(TimingError),
    #[error("event \"{title}\": {source}")]
    Timing { title: String, source: TimingError },
}

/// The stable UID of an event's calendar entry.
pub fn event_uid(programme_id: Id, event_id: Id) -> String {
    format!("skillmix-programme-{programme_id}-event-{event_id}@{UID_DOMAIN}")
}

/// A file name for the download: "programme-3.ics".
pub fn file_name(programme_id: Id) -> String {
    format!("programme-{programme_id}.ics")
}

/// The calendar text (CRLF line endings) for `programme` and its `events`, stamped `generated_at`.
pub fn programme_calendar(
    programme: &Programme,
    events: &[Event],
    generated_at: DateTime<Utc>,
) -> Result<String, CalendarError> {
    let programme_id = programme.id.ok_or(CalendarError::UnsavedProgramme)?;
    let zone = parse_zone(&programme.time_zone).map_err(CalendarError::Zone)?;
    let mut calendar = Calendar::empty();
    for (key, value) in [("VERSION", "2.0"), ("PRODID", PRODID), ("CALSCALE", "GREGORIAN"), ("METHOD", "PUBLISH")] {
        calendar.append_property(Property::new(key, value));
    }
    // NAME (RFC 7986) is not escaped by the library, X-WR-CALNAME (Apple, Google, Outlook) is.
    let name = single_line(&programme.title);
    calendar.append_property(Property::new("NAME", escape_text(&name)));
    calendar.append_property(Property::new("X-WR-CALNAME", name));
    let description = description(programme);
    for event in events {
        calendar.push(vevent(programme_id, event, zone, &description, generated_at)?);
    }
    Ok(calendar.done().to_string())
}

fn vevent(
    programme_id: Id,
    event: &Event,
    zone: chrono_tz::Tz,
    description: &str,
    generated_at: DateTime<Utc>,
) -> Result<icalendar::Event, CalendarError> {
    let event_id = event.id.ok_or_else(|| CalendarError::UnsavedEvent(event.title.clone()))?;
    let timing = |source| CalendarError::Timing { title: event.title.clone(), source };
    let start = resolve_start(event.date, event.start_time, zone).map_err(timing)?.instant;
    let end = start
        .checked_add_signed(Duration::minutes(i64::from(event.duration_minutes)))
        .ok_or_else(|| timing(TimingError::OutOfRange))?;
    let mut vevent = icalendar::Event::new();
    vevent
        .uid(&event_uid(programme_id, event_id))
        .timestamp(generated_at)
        .summary(&event.title)
        .starts(start)
        .ends(end);
    let mut text = description.to_owned();
    if let Some(link) = &event.online_link {
        vevent.url(&single_line(link));
        if event.place.is_some() {
            text.push_str(&format!("\n\nJoin online: {link}"));
        }
    }
    if !text.is_empty() {
        vevent.description(&text);
    }
    if let Some(location) = event.location() {
        vevent.location(location);
    }
    Ok(vevent.done())
}

/// Control characters (line breaks above all) become spaces in values that must stay on one
/// line; the library does not escape URIs, so a stray line break would start a new property.
fn single_line(text: &str) -> String {
    text.trim().chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// RFC 5545 TEXT escaping, for the properties the library leaves alone.
fn escape_text(text: &str) -> String {
    text.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,")
}

/// The programme's objectives as a list, or its problem statement when it has none yet.
fn description(programme: &Programme) -> String {
    let objectives: Vec<String> =
        programme.objectives.iter().map(|o| o.trim()).filter(|o| !o.is_empty()).map(|o| format!("- {o}")).collect();
    let text = if objectives.is_empty() {
        programme.problem_statement.trim().to_owned()
    } else {
        format!("Objectives:\n{}", objectives.join("\n"))
    };
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveTime, TimeZone};
    use icalendar::{CalendarDateTime, DatePerhapsTime};

    fn stamp() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 2, 1, 12, 0, 0).unwrap()
    }

    fn event(id: Id, date: &str, h: u32, m: u32, minutes: u32) -> Event {
        let mut event = Event::new(
            format!("Session {id}"),
            date.parse().unwrap(),
            NaiveTime::from_hms_opt(h, m, 0).unwrap(),
            minutes,
        );
        event.id = Some(id);
        event.programme_id = Some(3);
        event
    }

    fn programme() -> Programme {
        Programme {
            id: Some(3),
            objectives: vec![
                "Write a Terraform module with tests, inputs, outputs; and a README".into(),
                "Review a plan safely, spotting destructive changes before they are applied to production".into(),
            ],
            ..Programme::new("Infrastructure as code, together")
        }
    }

    fn utc_of(prop: Option<DatePerhapsTime>) -> String {
        match prop {
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(at))) => at.to_rfc3339(),
            other => panic!("expected a UTC date-time, got {other:?}"),
        }
    }

    fn parsed(text: &str) -> icalendar::Calendar {
        text.parse().unwrap()
    }

    #[test]
    fn one_vevent_per_event_with_stable_uids() {
        let mut hybrid = event(7, "2026-05-12", 10, 0, 120);
        hybrid.place = Some("Room 4.12, 10 Victoria Street".into());
        hybrid.online_link = Some("https://meet.example/abc-defg".into());
        let events = [hybrid, event(8, "2026-05-19", 14, 0, 90)];
        let text = programme_calendar(&programme(), &events, stamp()).unwrap();
        let calendar = parsed(&text);
        let vevents: Vec<&icalendar::Event> = calendar.events().collect();
        assert_eq!(vevents.len(), 2);
        assert_eq!(vevents[0].get_uid(), Some("skillmix-programme-3-event-7@skillmix.local"));
        assert_eq!(vevents[1].get_uid(), Some("skillmix-programme-3-event-8@skillmix.local"));
        assert_eq!(vevents[0].get_summary(), Some("Session 7"));
        assert_eq!(vevents[0].get_location(), Some("Room 4.12, 10 Victoria Street"));
        assert_eq!(vevents[1].get_location(), None);
        assert_eq!(vevents[0].get_timestamp(), Some(stamp()));
        let description = vevents[0].get_description().unwrap();
        assert!(description
            .starts_with("Objectives:\n- Write a Terraform module with tests, inputs, outputs; and a README\n"));
        assert!(description.ends_with("Join online: https://meet.example/abc-defg"));
        // The same input gives the same text: nothing random, no clock.
        assert_eq!(programme_calendar(&programme(), &events, stamp()).unwrap(), text);
    }

    #[test]
    fn times_are_utc_across_both_clock_changes() {
        let events = [
            event(1, "2026-03-28", 10, 0, 60),  // GMT: 10:00Z
            event(2, "2026-03-29", 10, 0, 60),  // first day of BST: 09:00Z
            event(3, "2026-10-25", 10, 0, 60),  // first day of GMT again: 10:00Z
            event(4, "2026-10-25", 0, 30, 120), // runs through the change: 23:30Z to 01:30Z
        ];
        let text = programme_calendar(&programme(), &events, stamp()).unwrap();
        let calendar = parsed(&text);
        let times: Vec<(String, String)> =
            calendar.events().map(|e| (utc_of(e.get_start()), utc_of(e.get_end()))).collect();
        let expected = [
            ("2026-03-28T10:00:00+00:00", "2026-03-28T11:00:00+00:00"),
            ("2026-03-29T09:00:00+00:00", "2026-03-29T10:00:00+00:00"),
            ("2026-10-25T10:00:00+00:00", "2026-10-25T11:00:00+00:00"),
            ("2026-10-24T23:30:00+00:00", "2026-10-25T01:30:00+00:00"),
        ];
        assert_eq!(times, expected.map(|(s, e)| (s.to_owned(), e.to_owned())));
        assert!(text.contains("DTSTART:20260329T090000Z\r\n"));
    }

    #[test]
    fn lines_end_in_crlf_and_fold_at_75_octets() {
        let mut long = programme();
        long.objectives.push("Explain to a senior colleague — in plain English — why state locking matters ".repeat(3));
        let text = programme_calendar(&long, &[event(7, "2026-05-12", 10, 0, 60)], stamp()).unwrap();
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(lines.iter().all(|line| line.len() <= 75), "{lines:#?}");
        assert!(lines.iter().any(|line| line.starts_with(' ')), "the description is folded");
        let description = parsed(&text).events().next().unwrap().get_description().unwrap().to_owned();
        assert!(description.contains("— in plain English —"));
    }

    #[test]
    fn unsaved_records_and_impossible_times_are_errors() {
        let unsaved = Programme { id: None, ..programme() };
        assert_eq!(programme_calendar(&unsaved, &[], stamp()).unwrap_err(), CalendarError::UnsavedProgramme);
        let mut draft = event(7, "2026-05-12", 10, 0, 60);
        draft.id = None;
        assert_eq!(
            programme_calendar(&programme(), &[draft], stamp()).unwrap_err().to_string(),
            "save the event \"Session 7\" before exporting it to a calendar"
        );
        let err = programme_calendar(&programme(), &[event(9, "2026-03-29", 1, 30, 60)], stamp()).unwrap_err();
        assert!(err.to_string().starts_with("event \"Session 9\": 01:30 on 29 March 2026 does not exist"));
    }

    #[test]
    fn line_breaks_cannot_inject_properties() {
        let mut sneaky = programme();
        sneaky.title = "Plan\r\nATTENDEE:mailto:x@example.com".into();
        let mut e = event(7, "2026-05-12", 10, 0, 60);
        e.title = "Day 1\nMETHOD:CANCEL".into();
        e.online_link = Some("https://meet.example/a\r\nMETHOD:CANCEL".into());
        let text = programme_calendar(&sneaky, &[e], stamp()).unwrap();
        assert!(text.split("\r\n").all(|line| !line.starts_with("ATTENDEE") && !line.starts_with("METHOD:CANCEL")));
        assert!(text.contains("NAME:Plan  ATTENDEE:mailto:x@example.com\r\n"));
        assert!(text.contains("URL:https://meet.example/a  METHOD:CANCEL\r\n"));
        assert_eq!(parsed(&text).events().count(), 1);
    }

    #[test]
    fn the_calendar_is_named_after_the_programme() {
        let text = programme_calendar(&programme(), &[], stamp()).unwrap();
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Skillmix//Workshop planner//EN\r\n"));
        assert!(text.contains("\r\nNAME:Infrastructure as code\\, together\r\n"));
        assert!(text.contains("\r\nX-WR-CALNAME:Infrastructure as code\\, together\r\n"));
    }
}
