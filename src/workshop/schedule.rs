//! Agenda arithmetic: when each item starts and ends, and whether the agenda fits the event.
//!
//! Items run back to back in position order from the event's start. Lengths are real elapsed
//! minutes, so across a clock change the wall-clock times jump (see [`super::zone`]); past
//! midnight the items land on the next date.

use super::model::{AgendaItem, Event};
use super::zone::{resolve_start, TimingError, ZonedTime};
use crate::Id;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// When one agenda item runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemTiming {
    pub item_id: Option<Id>,
    pub position: u32,
    pub title: String,
    pub minutes: u32,
    pub is_break: bool,
    /// Minutes from the event's start to this item's start.
    pub offset_minutes: u32,
    pub start: ZonedTime,
    pub end: ZonedTime,
    /// 0 when the item starts on the event's date, 1 on the next day (after midnight), ...
    pub day_offset: i64,
}

/// An event's agenda laid out on the clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaSchedule {
    /// The IANA zone the wall-clock times are in.
    pub time_zone: String,
    /// The event's start.
    pub start: ZonedTime,
    /// The end of the booked slot (start + the event's duration).
    pub end: ZonedTime,
    /// The end of the last agenda item (the start when the agenda is empty).
    pub agenda_end: ZonedTime,
    /// The start time happens twice (clocks go back); `start` is the earlier one.
    pub start_was_ambiguous: bool,
    /// The UTC offset differs between the start and the later of the two ends.
    pub clocks_change: bool,
    /// The event's booked length.
    pub event_minutes: u32,
    /// The sum of the items' minutes.
    pub agenda_minutes: u32,
    /// How far the agenda runs past the booked slot; 0 when it fits.
    pub overrun_minutes: u32,
    /// Booked minutes left unused by the agenda; 0 when it overruns.
    pub spare_minutes: u32,
    pub items: Vec<ItemTiming>,
}

impl AgendaSchedule {
    /// "The agenda runs 15 minutes over the event's 2 hours" when it overruns.
    pub fn overrun_warning(&self) -> Option<String> {
        (self.overrun_minutes > 0).then(|| {
            format!(
                "The agenda runs {} over the event's {}",
                describe_minutes(self.overrun_minutes),
                describe_minutes(self.event_minutes)
            )
        })
    }

    /// Every notice the agenda page should show above the agenda, most important first.
    pub fn warnings(&self) -> Vec<String> {
        let mut out: Vec<String> = self.overrun_warning().into_iter().collect();
        if self.start_was_ambiguous {
            out.push(format!(
                "{} happens twice that night because the clocks go back: the event starts at the first one ({})",
                self.start.clock(),
                self.start.abbreviation
            ));
        }
        if self.clocks_change {
            out.push(format!(
                "The clocks change during this event ({} to {}): times shown are wall-clock times, lengths are real minutes",
                self.start.abbreviation,
                self.last_end().abbreviation
            ));
        }
        if self.last_end().local.date() > self.start.local.date() {
            out.push("The event runs past midnight: later items are on the next day".to_owned());
        }
        out
    }

    fn last_end(&self) -> &ZonedTime {
        if self.agenda_end.utc > self.end.utc {
            &self.agenda_end
        } else {
            &self.end
        }
    }
}

/// "1 minute", "45 minutes", "2 hours", "1 hour 30 minutes".
pub fn describe_minutes(minutes: u32) -> String {
    let plural = |n: u32, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    match (minutes / 60, minutes % 60) {
        (0, m) => plural(m, "minute"),
        (h, 0) => plural(h, "hour"),
        (h, m) => format!("{} {}", plural(h, "hour"), plural(m, "minute")),
    }
}

/// Lays out `agenda` (any order; sorted by position, then id) from the event's start in `zone`.
pub fn schedule(event: &Event, agenda: &[AgendaItem], zone: Tz) -> Result<AgendaSchedule, TimingError> {
    let resolved = resolve_start(event.date, event.start_time, zone)?;
    let start = ZonedTime::at(resolved.instant, zone);
    let end = start.plus_minutes(event.duration_minutes, zone)?;
    let items = lay_out(event, agenda, &start, zone)?;
    let agenda_minutes: u32 = items.iter().map(|i| i.minutes).sum();
    let agenda_end = start.plus_minutes(agenda_minutes, zone)?;
    let latest_offset = if agenda_end.utc > end.utc { agenda_end.utc_offset_minutes } else { end.utc_offset_minutes };
    Ok(AgendaSchedule {
        time_zone: zone.name().to_owned(),
        start_was_ambiguous: resolved.ambiguous,
        clocks_change: latest_offset != start.utc_offset_minutes,
        event_minutes: event.duration_minutes,
        agenda_minutes,
        overrun_minutes: agenda_minutes.saturating_sub(event.duration_minutes),
        spare_minutes: event.duration_minutes.saturating_sub(agenda_minutes),
        start,
        end,
        agenda_end,
        items,
    })
}

fn lay_out(event: &Event, agenda: &[AgendaItem], start: &ZonedTime, zone: Tz) -> Result<Vec<ItemTiming>, TimingError> {
    let mut ordered: Vec<&AgendaItem> = agenda.iter().collect();
    ordered.sort_by_key(|item| (item.position, item.id));
    let mut offset = 0u32;
    let mut out = Vec::with_capacity(ordered.len());
    for item in ordered {
        let item_start = start.plus_minutes(offset, zone)?;
        let item_end = item_start.plus_minutes(item.minutes, zone)?;
        out.push(ItemTiming {
            item_id: item.id,
            position: item.position,
            title: item.title.clone(),
            minutes: item.minutes,
            is_break: item.is_break,
            offset_minutes: offset,
            day_offset: (item_start.local.date() - event.date).num_days(),
            start: item_start,
            end: item_end,
        });
        offset = offset.checked_add(item.minutes).ok_or(TimingError::OutOfRange)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;
    use chrono_tz::Europe::London;

    fn event(date: &str, h: u32, m: u32, minutes: u32) -> Event {
        Event::new("Session", date.parse().unwrap(), NaiveTime::from_hms_opt(h, m, 0).unwrap(), minutes)
    }

    fn agenda(minutes: &[u32]) -> Vec<AgendaItem> {
        minutes
            .iter()
            .zip(1..)
            .map(|(&m, position)| AgendaItem {
                position,
                id: Some(i64::from(position)),
                ..AgendaItem::new(format!("Item {position}"), m)
            })
            .collect()
    }

    /// (wall clock "HH:MM", UTC "HH:MM", abbreviation) of each item's start.
    fn starts(s: &AgendaSchedule) -> Vec<(String, String, String)> {
        s.items
            .iter()
            .map(|i| (i.start.clock(), i.start.utc.format("%H:%M").to_string(), i.start.abbreviation.clone()))
            .collect()
    }

    fn triple(local: &str, utc: &str, zone: &str) -> (String, String, String) {
        (local.to_owned(), utc.to_owned(), zone.to_owned())
    }

    #[test]
    fn items_start_back_to_back_with_zero_minute_items_sharing_a_start() {
        let s = schedule(&event("2026-06-10", 9, 30, 120), &agenda(&[10, 0, 50, 15]), London).unwrap();
        let clocks: Vec<String> = s.items.iter().map(|i| i.start.clock()).collect();
        assert_eq!(clocks, ["09:30", "09:40", "09:40", "10:30"]);
        assert_eq!(s.items[1].end.clock(), "09:40");
        assert_eq!(s.items[2].offset_minutes, 10);
        assert_eq!(s.items[0].start.utc.to_rfc3339(), "2026-06-10T08:30:00+00:00");
        assert_eq!((s.agenda_minutes, s.spare_minutes, s.overrun_minutes), (75, 45, 0));
        assert_eq!(s.agenda_end.clock(), "10:45");
        assert_eq!(s.end.clock(), "11:30");
        assert!(s.warnings().is_empty());
    }

    #[test]
    fn items_are_laid_out_in_position_order() {
        let mut items = agenda(&[10, 20, 30]);
        items.reverse();
        let s = schedule(&event("2026-06-10", 9, 0, 60), &items, London).unwrap();
        let positions: Vec<u32> = s.items.iter().map(|i| i.position).collect();
        assert_eq!(positions, [1, 2, 3]);
        assert_eq!(s.items[2].start.clock(), "09:30");
    }

    #[test]
    fn an_overrun_is_reported_in_minutes() {
        let s = schedule(&event("2026-06-10", 9, 0, 120), &agenda(&[90, 45]), London).unwrap();
        assert_eq!((s.overrun_minutes, s.spare_minutes), (15, 0));
        assert_eq!(s.overrun_warning().unwrap(), "The agenda runs 15 minutes over the event's 2 hours");
        assert_eq!(s.agenda_end.clock(), "11:15");
        assert_eq!(s.end.clock(), "11:00");
    }

    #[test]
    fn an_empty_agenda_fits_with_all_minutes_spare() {
        let s = schedule(&event("2026-06-10", 9, 0, 90), &[], London).unwrap();
        assert_eq!((s.agenda_minutes, s.spare_minutes), (0, 90));
        assert_eq!(s.agenda_end, s.start);
    }

    #[test]
    fn items_after_midnight_land_on_the_next_date() {
        let s = schedule(&event("2026-01-15", 23, 30, 90), &agenda(&[20, 40, 30]), London).unwrap();
        let days: Vec<i64> = s.items.iter().map(|i| i.day_offset).collect();
        assert_eq!(days, [0, 0, 1]);
        assert_eq!(s.items[2].start.local.to_string(), "2026-01-16 00:30:00");
        assert_eq!(s.end.local.to_string(), "2026-01-16 01:00:00");
        assert!(s.warnings().iter().any(|w| w.contains("past midnight")));
        assert!(!s.clocks_change);
    }

    #[test]
    fn spring_forward_keeps_real_minutes_and_shows_summer_time() {
        // Clocks go forward at 01:00 GMT on 29 March 2026: 01:00 becomes 02:00 BST.
        let s = schedule(&event("2026-03-29", 0, 30, 90), &agenda(&[20, 40, 30]), London).unwrap();
        assert_eq!(
            starts(&s),
            [triple("00:30", "00:30", "GMT"), triple("00:50", "00:50", "GMT"), triple("02:30", "01:30", "BST")]
        );
        assert_eq!(s.end.clock(), "03:00");
        assert_eq!((s.end.utc - s.start.utc).num_minutes(), 90);
        assert!(s.clocks_change);
        assert!(s.warnings().iter().any(|w| w.contains("GMT to BST")));
    }

    #[test]
    fn fall_back_repeats_the_wall_clock_hour() {
        // Clocks go back at 02:00 BST on 25 October 2026: 02:00 BST becomes 01:00 GMT.
        let s = schedule(&event("2026-10-25", 0, 30, 120), &agenda(&[30, 60, 30]), London).unwrap();
        assert_eq!(
            starts(&s),
            [triple("00:30", "23:30", "BST"), triple("01:00", "00:00", "BST"), triple("01:00", "01:00", "GMT")]
        );
        assert_eq!(s.agenda_end.clock(), "01:30");
        assert_eq!(s.end.clock(), "01:30");
        assert_eq!((s.end.utc - s.start.utc).num_minutes(), 120);
        assert!(s.clocks_change);
    }

    #[test]
    fn an_ambiguous_start_is_flagged_and_uses_summer_time() {
        let s = schedule(&event("2026-10-25", 1, 30, 60), &agenda(&[60]), London).unwrap();
        assert!(s.start_was_ambiguous);
        assert_eq!(s.start.utc.to_rfc3339(), "2026-10-25T00:30:00+00:00");
        assert_eq!(s.end.clock(), "01:30");
        assert_eq!(s.end.abbreviation, "GMT");
        assert!(s.warnings()[0].starts_with("01:30 happens twice"));
    }

    #[test]
    fn a_start_in_the_spring_gap_cannot_be_scheduled() {
        let err = schedule(&event("2026-03-29", 1, 15, 60), &[], London).unwrap_err();
        assert!(matches!(err, TimingError::NonexistentStart { .. }));
    }

    #[test]
    fn minutes_read_as_words() {
        assert_eq!(describe_minutes(1), "1 minute");
        assert_eq!(describe_minutes(60), "1 hour");
        assert_eq!(describe_minutes(90), "1 hour 30 minutes");
        assert_eq!(describe_minutes(121), "2 hours 1 minute");
    }
}
