//! What the projector shows at a given moment, and what a run teaches the next one.

use super::{FacilitationTimer, Millis, TimerItem, TimerStatus, MINUTE_MS};
use crate::workshop::model::AgendaItem;
use crate::Id;
use serde::{Deserialize, Serialize};

/// The item being run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentItem {
    /// 0-based index in the agenda.
    pub index: usize,
    pub item_id: Option<Id>,
    pub title: String,
    pub is_break: bool,
    /// Planned minutes plus extensions.
    pub allowed_minutes: u32,
    pub used_ms: Millis,
    /// Time left on this item; negative when it is over time.
    pub left_ms: Millis,
}

impl CurrentItem {
    pub fn is_over(&self) -> bool {
        self.left_ms < 0
    }
}

/// What comes after the current item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextItem {
    pub item_id: Option<Id>,
    pub title: String,
    pub minutes: u32,
    pub is_break: bool,
}

/// Where the event stands against its plan, in whole minutes (rounded to the nearest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "pace", content = "minutes")]
pub enum Pace {
    OnTime,
    /// Expected to end this many minutes before the planned end.
    Ahead(i64),
    /// Expected to end this many minutes after the planned end.
    Behind(i64),
}

impl Pace {
    /// "On time", "2 minutes ahead", "1 minute behind", "1 hour 5 minutes ahead".
    pub fn describe(self) -> String {
        let minutes = |n: i64| crate::workshop::schedule::describe_minutes(u32::try_from(n.max(0)).unwrap_or(u32::MAX));
        match self {
            Pace::OnTime => "On time".to_owned(),
            Pace::Ahead(n) => format!("{} ahead", minutes(n)),
            Pace::Behind(n) => format!("{} behind", minutes(n)),
        }
    }
}

/// The projector view at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerView {
    pub status: TimerStatus,
    /// `None` before the start and after the finish.
    pub current: Option<CurrentItem>,
    pub next: Option<NextItem>,
    /// Real time since the start (up to the finish once finished), pauses included.
    pub elapsed_ms: Millis,
    /// The start plus the planned minutes of every item.
    pub planned_end_ms: Option<Millis>,
    /// When the event will end if the rest runs to plan: now, plus what is left of the current
    /// item (nothing if it is over), plus the later items. The finish time once finished.
    pub projected_end_ms: Option<Millis>,
    pub pace: Pace,
}

/// Planned against actual for one item, to plan the next run better.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActualTiming {
    pub item_id: Option<Id>,
    pub title: String,
    pub planned_minutes: u32,
    pub extra_minutes: u32,
    /// Rounded to the nearest minute; `None` when the item was never reached.
    pub used_minutes: Option<u32>,
    pub used_ms: Option<Millis>,
    /// Used minus planned (positive: it took longer).
    pub difference_minutes: Option<i64>,
}

impl FacilitationTimer {
    /// Sum of the planned minutes of every item.
    pub fn planned_minutes(&self) -> u32 {
        self.items.iter().map(|i| i.planned_minutes).sum()
    }

    /// What the projector shows at `now`.
    pub fn view(&self, now: Millis) -> TimerView {
        let now = self.seen(now);
        let active = matches!(self.status, TimerStatus::Running | TimerStatus::Paused);
        let current = active.then(|| self.current_item(now)).flatten();
        let next = active.then(|| self.items.get(self.current + 1)).flatten().map(next_item);
        let planned_end_ms = self.started_at.map(|s| s + Millis::from(self.planned_minutes()) * MINUTE_MS);
        let projected_end_ms = self.projected_end(now, current.as_ref());
        let pace = match (planned_end_ms, projected_end_ms) {
            (Some(planned), Some(projected)) => pace(projected - planned),
            _ => Pace::OnTime,
        };
        TimerView {
            status: self.status,
            current,
            next,
            elapsed_ms: self.elapsed(now),
            planned_end_ms,
            projected_end_ms,
            pace,
        }
    }

    /// Planned against actual for every item, counting the stretch running at `now`.
    pub fn actual_timings(&self, now: Millis) -> Vec<ActualTiming> {
        let now = self.seen(now);
        let active = matches!(self.status, TimerStatus::Running | TimerStatus::Paused);
        self.items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let used_ms =
                    if active && index == self.current { Some(self.current_used_ms(now)) } else { item.used_ms };
                let used_minutes = used_ms.map(|ms| round_minutes(ms).max(0) as u32);
                ActualTiming {
                    item_id: item.item_id,
                    title: item.title.clone(),
                    planned_minutes: item.planned_minutes,
                    extra_minutes: item.extra_minutes,
                    used_minutes,
                    used_ms,
                    difference_minutes: used_minutes.map(|u| i64::from(u) - i64::from(item.planned_minutes)),
                }
            })
            .collect()
    }

    fn current_item(&self, now: Millis) -> Option<CurrentItem> {
        let item = self.items.get(self.current)?;
        let used_ms = self.current_used_ms(now);
        Some(CurrentItem {
            index: self.current,
            item_id: item.item_id,
            title: item.title.clone(),
            is_break: item.is_break,
            allowed_minutes: item.planned_minutes + item.extra_minutes,
            used_ms,
            left_ms: item.allowed_ms() - used_ms,
        })
    }

    fn projected_end(&self, now: Millis, current: Option<&CurrentItem>) -> Option<Millis> {
        match self.status {
            TimerStatus::NotStarted => None,
            TimerStatus::Finished => self.finished_at,
            TimerStatus::Running | TimerStatus::Paused => {
                let left = current.map_or(0, |c| c.left_ms.max(0));
                let later: Millis = self.items.iter().skip(self.current + 1).map(TimerItem::allowed_ms).sum();
                Some(now + left + later)
            }
        }
    }

    fn elapsed(&self, now: Millis) -> Millis {
        match (self.started_at, self.finished_at) {
            (Some(start), Some(end)) => end - start,
            (Some(start), None) => now - start,
            _ => 0,
        }
    }
}

fn next_item(item: &TimerItem) -> NextItem {
    NextItem {
        item_id: item.item_id,
        title: item.title.clone(),
        minutes: item.planned_minutes + item.extra_minutes,
        is_break: item.is_break,
    }
}

fn pace(drift_ms: Millis) -> Pace {
    match round_minutes(drift_ms) {
        0 => Pace::OnTime,
        n if n > 0 => Pace::Behind(n),
        n => Pace::Ahead(-n),
    }
}

/// Milliseconds to whole minutes, to the nearest (halves away from zero).
pub fn round_minutes(ms: Millis) -> i64 {
    let minutes = (ms.abs() + MINUTE_MS / 2) / MINUTE_MS;
    if ms < 0 {
        -minutes
    } else {
        minutes
    }
}

/// A countdown as the projector shows it: "12:05", "1:02:05", and "-0:30" when over time.
/// Time left counts down in whole seconds rounded up, so it reads "0:00" exactly when time is up
/// and "-0:01" a second later.
pub fn format_clock(ms: Millis) -> String {
    let seconds = if ms >= 0 { (ms + 999) / 1000 } else { -(-ms / 1000) };
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.abs();
    match s / 3600 {
        0 => format!("{sign}{}:{:02}", s / 60, s % 60),
        h => format!("{sign}{h}:{:02}:{:02}", s / 60 % 60, s % 60),
    }
}

/// The agenda with each item that ran set to the minutes it actually took (matched by item id):
/// a starting point for the next run of the programme. Items not reached keep their plan.
pub fn agenda_from_actuals(agenda: &[AgendaItem], actuals: &[ActualTiming]) -> Vec<AgendaItem> {
    agenda
        .iter()
        .map(|item| {
            let used =
                actuals.iter().find(|a| a.item_id.is_some() && a.item_id == item.id).and_then(|a| a.used_minutes);
            AgendaItem { minutes: used.unwrap_or(item.minutes), ..item.clone() }
        })
        .collect()
}
