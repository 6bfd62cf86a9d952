//! The facilitation timer behind the projector view of a running event.
//!
//! A pure state machine: every action takes "now" as Unix milliseconds ([`Millis`]) from the
//! caller, so it is testable and runs the same on the server and in the browser. The state is
//! serialisable: the server stores it after each action and sends it to the page, which calls
//! [`FacilitationTimer::view`] every second to redraw.
//!
//! ```text
//! not started --start--> running --pause--> paused --resume--> running
//!                        running/paused --next--> running (next item; past the last: finished)
//!                        running/paused --finish--> finished
//!                        running/paused --extend N--> same state, current item N minutes longer
//! ```
//!
//! Paused time is not counted against the item (its time left freezes) but it does count
//! against the plan: the room's clock keeps going, so a pause makes the event run later.
//! A "now" earlier than the last action (a skewed clock) counts as no time passing.

use super::model::AgendaItem;
use super::reorder::normalised;
use crate::Id;
use serde::{Deserialize, Serialize};

pub mod view;

pub use view::{format_clock, ActualTiming, CurrentItem, NextItem, Pace, TimerView};

/// Milliseconds since the Unix epoch, from the caller's clock.
pub type Millis = i64;

pub(crate) const MINUTE_MS: Millis = 60_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimerStatus {
    NotStarted,
    Running,
    Paused,
    Finished,
}

/// What the facilitator pressed, for error messages and for logging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimerAction {
    Start,
    Pause,
    Resume,
    Extend,
    Next,
    Finish,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimerError {
    #[error("the agenda has no items to run")]
    EmptyAgenda,
    #[error("cannot {action:?} when the timer is {status:?}")]
    NotAllowed { action: TimerAction, status: TimerStatus },
}

/// One agenda item as the timer runs it (a snapshot taken at start, so later agenda edits do
/// not disturb a running event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerItem {
    pub item_id: Option<Id>,
    pub title: String,
    pub is_break: bool,
    pub planned_minutes: u32,
    /// Minutes added while it ran ("extend by 5").
    pub extra_minutes: u32,
    /// Time spent on it, not counting the stretch running now. `None`: not reached.
    pub used_ms: Option<Millis>,
}

impl TimerItem {
    /// The time it is allowed: planned plus extensions.
    pub fn allowed_ms(&self) -> Millis {
        Millis::from(self.planned_minutes + self.extra_minutes) * MINUTE_MS
    }
}

/// The state of a running event's timer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilitationTimer {
    pub(crate) items: Vec<TimerItem>,
    pub(crate) status: TimerStatus,
    /// Index of the current item.
    pub(crate) current: usize,
    pub(crate) started_at: Option<Millis>,
    /// When the current running stretch began (running only).
    pub(crate) running_since: Option<Millis>,
    pub(crate) finished_at: Option<Millis>,
    /// The latest "now" seen, so a clock going backwards never counts negative time.
    pub(crate) last_now: Option<Millis>,
}

impl FacilitationTimer {
    /// A timer for `agenda`, in position order, not started.
    pub fn new(agenda: &[AgendaItem]) -> FacilitationTimer {
        let items = normalised(agenda)
            .into_iter()
            .map(|item| TimerItem {
                item_id: item.id,
                title: item.title,
                is_break: item.is_break,
                planned_minutes: item.minutes,
                extra_minutes: 0,
                used_ms: None,
            })
            .collect();
        FacilitationTimer {
            items,
            status: TimerStatus::NotStarted,
            current: 0,
            started_at: None,
            running_since: None,
            finished_at: None,
            last_now: None,
        }
    }

    pub fn status(&self) -> TimerStatus {
        self.status
    }

    pub fn items(&self) -> &[TimerItem] {
        &self.items
    }

    /// Index of the current item (meaningful while running or paused).
    pub fn current_index(&self) -> usize {
        self.current
    }

    /// Starts the first item.
    pub fn start(&mut self, now: Millis) -> Result<(), TimerError> {
        self.require(TimerAction::Start, &[TimerStatus::NotStarted])?;
        if self.items.is_empty() {
            return Err(TimerError::EmptyAgenda);
        }
        let now = self.clock(now);
        self.started_at = Some(now);
        self.enter(0, now);
        Ok(())
    }

    /// Freezes the current item's time left.
    pub fn pause(&mut self, now: Millis) -> Result<(), TimerError> {
        self.require(TimerAction::Pause, &[TimerStatus::Running])?;
        let now = self.clock(now);
        self.commit(now);
        self.status = TimerStatus::Paused;
        Ok(())
    }

    pub fn resume(&mut self, now: Millis) -> Result<(), TimerError> {
        self.require(TimerAction::Resume, &[TimerStatus::Paused])?;
        let now = self.clock(now);
        self.running_since = Some(now);
        self.status = TimerStatus::Running;
        Ok(())
    }

    /// Gives the current item `minutes` more.
    pub fn extend(&mut self, minutes: u32) -> Result<(), TimerError> {
        self.require(TimerAction::Extend, &[TimerStatus::Running, TimerStatus::Paused])?;
        if let Some(item) = self.items.get_mut(self.current) {
            item.extra_minutes = item.extra_minutes.saturating_add(minutes);
        }
        Ok(())
    }

    /// Ends the current item (early or late) and runs the next; after the last item, finishes.
    /// From paused, the next item starts running.
    pub fn next(&mut self, now: Millis) -> Result<(), TimerError> {
        self.require(TimerAction::Next, &[TimerStatus::Running, TimerStatus::Paused])?;
        let now = self.clock(now);
        self.commit(now);
        if self.current + 1 < self.items.len() {
            self.enter(self.current + 1, now);
        } else {
            self.close(now);
        }
        Ok(())
    }

    /// Ends the event now. Items not reached keep no actual time.
    pub fn finish(&mut self, now: Millis) -> Result<(), TimerError> {
        self.require(TimerAction::Finish, &[TimerStatus::Running, TimerStatus::Paused])?;
        let now = self.clock(now);
        self.commit(now);
        self.close(now);
        Ok(())
    }

    fn require(&self, action: TimerAction, allowed: &[TimerStatus]) -> Result<(), TimerError> {
        if allowed.contains(&self.status) {
            Ok(())
        } else {
            Err(TimerError::NotAllowed { action, status: self.status })
        }
    }

    fn clock(&mut self, now: Millis) -> Millis {
        let now = self.last_now.map_or(now, |last| last.max(now));
        self.last_now = Some(now);
        now
    }

    fn enter(&mut self, index: usize, now: Millis) {
        self.current = index;
        if let Some(item) = self.items.get_mut(index) {
            item.used_ms.get_or_insert(0);
        }
        self.running_since = Some(now);
        self.status = TimerStatus::Running;
    }

    fn commit(&mut self, now: Millis) {
        if let (Some(since), Some(item)) = (self.running_since.take(), self.items.get_mut(self.current)) {
            let used = item.used_ms.get_or_insert(0);
            *used += (now - since).max(0);
        }
    }

    fn close(&mut self, now: Millis) {
        self.status = TimerStatus::Finished;
        self.finished_at = Some(now);
    }

    /// Time spent on the current item up to `now`, including the stretch running now.
    pub(crate) fn current_used_ms(&self, now: Millis) -> Millis {
        let Some(item) = self.items.get(self.current) else {
            return 0;
        };
        let committed = item.used_ms.unwrap_or(0);
        match (self.status, self.running_since) {
            (TimerStatus::Running, Some(since)) => committed + (self.seen(now) - since).max(0),
            _ => committed,
        }
    }

    /// `now`, never earlier than the last action.
    pub(crate) fn seen(&self, now: Millis) -> Millis {
        self.last_now.map_or(now, |last| last.max(now))
    }
}

/// Minutes the "extend" button adds.
pub const EXTEND_MINUTES: u32 = 5;

/// A button on the facilitation screen, as a form posts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
pub enum TimerCommand {
    Start,
    Pause,
    Resume,
    /// Start, pause or resume, whichever fits the state (the space bar).
    Toggle,
    /// Give the current item [`EXTEND_MINUTES`] more.
    Extend,
    Next,
    Finish,
}

impl TimerCommand {
    /// From a form post: "start", "pause", "resume", "toggle", "extend", "next" or "finish".
    pub fn from_form(code: &str) -> Option<TimerCommand> {
        code.trim().parse().ok()
    }

    pub fn code(self) -> &'static str {
        self.into()
    }
}

impl FacilitationTimer {
    /// Carries out a button press at `now`.
    pub fn apply(&mut self, command: TimerCommand, now: Millis) -> Result<(), TimerError> {
        match command {
            TimerCommand::Start => self.start(now),
            TimerCommand::Pause => self.pause(now),
            TimerCommand::Resume => self.resume(now),
            TimerCommand::Toggle => match self.status {
                TimerStatus::NotStarted => self.start(now),
                TimerStatus::Running => self.pause(now),
                TimerStatus::Paused => self.resume(now),
                TimerStatus::Finished => {
                    Err(TimerError::NotAllowed { action: TimerAction::Start, status: TimerStatus::Finished })
                }
            },
            TimerCommand::Extend => self.extend(EXTEND_MINUTES),
            TimerCommand::Next => self.next(now),
            TimerCommand::Finish => self.finish(now),
        }
    }
}

impl TimerError {
    /// What to tell the facilitator, in plain words.
    pub fn message(&self) -> String {
        match self {
            TimerError::EmptyAgenda => "The agenda has no items yet: add items before starting the timer".to_owned(),
            TimerError::NotAllowed { status, .. } => match status {
                TimerStatus::NotStarted => "The timer has not started yet".to_owned(),
                TimerStatus::Running => "The timer is already running".to_owned(),
                TimerStatus::Paused => "The timer is paused: resume it first".to_owned(),
                TimerStatus::Finished => "The event has finished: reset the timer to run it again".to_owned(),
            },
        }
    }
}

#[cfg(test)]
mod tests;
