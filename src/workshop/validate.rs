//! Checks run before a programme or an event is saved, as field errors for the error summary.
//! Field names match the form controls: `title`, `time_zone`, `date`, `start_time`,
//! `duration_minutes`, `capacity`, `online_link`, `minutes`.

use super::model::{AgendaItem, Event, Programme};
use super::zone::{parse_zone, resolve_start};
use crate::validation::FieldErrors;

/// The longest event we accept: a day. Longer is almost certainly a typing error.
pub const MAX_EVENT_MINUTES: u32 = 24 * 60;

const MAX_TITLE_CHARS: usize = 200;

pub fn validate_programme(programme: &Programme) -> FieldErrors {
    let mut errors = FieldErrors::new();
    check_title(&mut errors, &programme.title, "a programme title");
    if let Err(err) = parse_zone(&programme.time_zone) {
        errors.add("time_zone", capitalise_first(&err.to_string()));
    }
    errors
}

/// Checks an event of a programme running in `time_zone` (the start must exist there).
pub fn validate_event(event: &Event, time_zone: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    check_title(&mut errors, &event.title, "an event title");
    if event.duration_minutes == 0 || event.duration_minutes > MAX_EVENT_MINUTES {
        errors.add("duration_minutes", format!("Length must be between 1 and {MAX_EVENT_MINUTES} minutes"));
    }
    if event.capacity == Some(0) {
        errors.add("capacity", "Capacity must be at least 1, or left empty for no limit");
    }
    if let Some(link) = &event.online_link {
        if !(link.starts_with("https://") || link.starts_with("http://")) {
            errors.add("online_link", "Online link must start with https://");
        }
    }
    if let Ok(zone) = parse_zone(time_zone) {
        if let Err(err) = resolve_start(event.date, event.start_time, zone) {
            errors.add("start_time", err.to_string());
        }
    }
    errors
}

/// Checks an agenda item. Zero minutes is valid; an agenda longer than its event is a warning on
/// the schedule ([`super::schedule::AgendaSchedule::overrun_warning`]), not an error.
pub fn validate_agenda_item(item: &AgendaItem) -> FieldErrors {
    let mut errors = FieldErrors::new();
    check_title(&mut errors, &item.title, "an agenda item title");
    if item.minutes > MAX_EVENT_MINUTES {
        errors.add("minutes", format!("Minutes must be {MAX_EVENT_MINUTES} or fewer"));
    }
    errors
}

fn check_title(errors: &mut FieldErrors, title: &str, label: &str) {
    let trimmed = title.trim();
    if trimmed.is_empty() {
        errors.add("title", format!("Enter {label}"));
    } else if trimmed.chars().count() > MAX_TITLE_CHARS {
        errors.add("title", format!("Title must be {MAX_TITLE_CHARS} characters or fewer"));
    }
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn event(date: &str, h: u32, m: u32) -> Event {
        Event::new("Pairing lab", date.parse().unwrap(), NaiveTime::from_hms_opt(h, m, 0).unwrap(), 120)
    }

    #[test]
    fn a_good_event_has_no_errors() {
        assert!(validate_event(&event("2026-06-10", 10, 0), "Europe/London").is_empty());
    }

    #[test]
    fn a_start_in_the_spring_gap_is_a_start_time_error() {
        let errors = validate_event(&event("2026-03-29", 1, 30), "Europe/London");
        assert!(errors.for_field("start_time").unwrap().starts_with("01:30 on 29 March 2026 does not exist"));
    }

    #[test]
    fn bad_fields_are_named() {
        let mut bad = event("2026-06-10", 10, 0);
        bad.title = "  ".into();
        bad.duration_minutes = 0;
        bad.capacity = Some(0);
        bad.online_link = Some("meet.example/x".into());
        let errors = validate_event(&bad, "Europe/London");
        for field in ["title", "duration_minutes", "capacity", "online_link"] {
            assert!(errors.for_field(field).is_some(), "{field}");
        }
        assert_eq!(errors.for_field("title"), Some("Enter an event title"));
    }

    #[test]
    fn a_programme_needs_a_title_and_a_known_zone() {
        let mut programme = Programme::new("");
        programme.time_zone = "Mars/Olympus".into();
        let errors = validate_programme(&programme);
        assert_eq!(errors.for_field("title"), Some("Enter a programme title"));
        assert!(errors.for_field("time_zone").unwrap().starts_with("\"Mars/Olympus\" is not a time zone"));
    }

    #[test]
    fn zero_minute_agenda_items_are_valid() {
        assert!(validate_agenda_item(&AgendaItem::new("Photo", 0)).is_empty());
        assert!(validate_agenda_item(&AgendaItem::new("Marathon", 2000)).for_field("minutes").is_some());
    }
}
