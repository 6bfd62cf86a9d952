//! Wall-clock times in a programme's time zone, and the two awkward nights a year.
//!
//! Event dates and start times are what people read on the invitation: wall-clock times in the
//! programme's zone. Everything after the start is computed on the absolute timeline (real
//! elapsed minutes) and shown back in the zone, so an agenda that runs through a clock change
//! keeps its real lengths and shows the times a wall clock would.
//!
//! Start times that fall on a clock change are handled deliberately:
//!
//! - a start time that does not exist (clocks go forward: in Europe/London 01:00-01:59 on the
//!   last Sunday of March) is an error, [`TimingError::NonexistentStart`], naming the time and
//!   date: there is no right guess, so the lead must choose another time;
//! - a start time that happens twice (clocks go back: 01:00-01:59 on the last Sunday of
//!   October) resolves to the **earlier** instant, the first time the wall clock shows it (as
//!   RFC 5545 does), and is flagged as ambiguous so the page can say which one was chosen.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::OffsetName;
use serde::{Deserialize, Serialize};

/// Why a time could not be placed on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum TimingError {
    #[error("\"{0}\" is not a time zone name we know: use a name such as Europe/London")]
    UnknownTimeZone(String),
    #[error(
        "{} on {} does not exist in {zone}: the clocks go forward that night. Choose another start time",
        time.format("%H:%M"),
        date.format("%-d %B %Y")
    )]
    NonexistentStart { date: NaiveDate, time: NaiveTime, zone: String },
    #[error("the date is too far in the future or the past to schedule")]
    OutOfRange,
}

pub use chrono_tz::Tz;

/// The zone named by `name`, or the default (Europe/London) when it is not a zone we know: for
/// showing a stored programme whose zone was valid when it was saved.
pub fn zone_or_default(name: &str) -> Tz {
    parse_zone(name).unwrap_or(chrono_tz::Europe::London)
}

/// The zone named by an IANA name such as "Europe/London".
pub fn parse_zone(name: &str) -> Result<Tz, TimingError> {
    name.trim().parse::<Tz>().map_err(|_| TimingError::UnknownTimeZone(name.to_owned()))
}

/// A start time placed on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedStart {
    pub instant: DateTime<Utc>,
    /// The wall-clock time happens twice that night; `instant` is the earlier one.
    pub ambiguous: bool,
}

/// Places a wall-clock date and time in `zone` on the timeline (see the module notes for the
/// clock-change rules).
pub fn resolve_start(date: NaiveDate, time: NaiveTime, zone: Tz) -> Result<ResolvedStart, TimingError> {
    match zone.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(at) => Ok(ResolvedStart { instant: at.with_timezone(&Utc), ambiguous: false }),
        LocalResult::Ambiguous(a, b) => {
            let earlier = a.with_timezone(&Utc).min(b.with_timezone(&Utc));
            Ok(ResolvedStart { instant: earlier, ambiguous: true })
        }
        LocalResult::None => Err(TimingError::NonexistentStart { date, time, zone: zone.name().to_owned() }),
    }
}

/// One moment, both as the wall clock in the zone shows it and as an absolute instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZonedTime {
    /// What a wall clock in the programme's zone shows: what the agenda displays.
    pub local: NaiveDateTime,
    /// The same moment in UTC: what timers and calendars use.
    pub utc: DateTime<Utc>,
    /// The zone's abbreviation at that moment ("GMT", "BST").
    pub abbreviation: String,
    /// Offset from UTC in minutes at that moment (60 during British Summer Time).
    pub utc_offset_minutes: i32,
}

impl ZonedTime {
    /// The moment `utc` as seen in `zone`.
    pub fn at(utc: DateTime<Utc>, zone: Tz) -> ZonedTime {
        let local = utc.with_timezone(&zone);
        let offset = local.offset();
        ZonedTime {
            local: local.naive_local(),
            utc,
            abbreviation: offset.abbreviation().unwrap_or_default().to_owned(),
            utc_offset_minutes: offset.fix().local_minus_utc() / 60,
        }
    }

    /// "09:30", the wall-clock time as the agenda shows it.
    pub fn clock(&self) -> String {
        self.local.format("%H:%M").to_string()
    }

    /// `minutes` of real time later, seen in the same zone.
    pub fn plus_minutes(&self, minutes: u32, zone: Tz) -> Result<ZonedTime, TimingError> {
        let later = self
            .utc
            .checked_add_signed(chrono::Duration::minutes(i64::from(minutes)))
            .ok_or(TimingError::OutOfRange)?;
        Ok(ZonedTime::at(later, zone))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn unknown_zone_is_named() {
        let err = parse_zone("Europe/Londn").unwrap_err();
        assert_eq!(err, TimingError::UnknownTimeZone("Europe/Londn".into()));
        assert!(err.to_string().contains("\"Europe/Londn\""));
        assert_eq!(parse_zone(" Europe/London ").unwrap(), chrono_tz::Europe::London);
    }

    #[test]
    fn summer_and_winter_offsets() {
        let london = chrono_tz::Europe::London;
        let summer = resolve_start(date("2026-06-10"), time(9, 30), london).unwrap();
        assert_eq!(summer.instant.to_rfc3339(), "2026-06-10T08:30:00+00:00");
        let winter = resolve_start(date("2026-01-10"), time(9, 30), london).unwrap();
        assert_eq!(winter.instant.to_rfc3339(), "2026-01-10T09:30:00+00:00");
        let zoned = ZonedTime::at(summer.instant, london);
        assert_eq!((zoned.clock(), zoned.abbreviation.as_str(), zoned.utc_offset_minutes), ("09:30".into(), "BST", 60));
    }

    #[test]
    fn a_start_in_the_spring_gap_is_an_error_naming_it() {
        let err = resolve_start(date("2026-03-29"), time(1, 30), chrono_tz::Europe::London).unwrap_err();
        assert_eq!(
            err.to_string(),
            "01:30 on 29 March 2026 does not exist in Europe/London: the clocks go forward that night. \
             Choose another start time"
        );
    }

    #[test]
    fn an_ambiguous_autumn_start_takes_the_earlier_instant() {
        let start = resolve_start(date("2026-10-25"), time(1, 30), chrono_tz::Europe::London).unwrap();
        assert!(start.ambiguous);
        // 01:30 BST (UTC+1), not 01:30 GMT an hour later.
        assert_eq!(start.instant.to_rfc3339(), "2026-10-25T00:30:00+00:00");
        let zoned = ZonedTime::at(start.instant, chrono_tz::Europe::London);
        assert_eq!(zoned.abbreviation, "BST");
    }
}
