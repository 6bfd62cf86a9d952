use super::view::{agenda_from_actuals, format_clock};
use super::*;

/// An arbitrary Unix time in milliseconds (May 2026).
const T0: Millis = 1_779_000_000_000;

fn at(minutes: i64) -> Millis {
    T0 + minutes * MINUTE_MS
}

/// Check-in 10, Lightning 0, Kata 45, Break 15, Check-out 10: 80 minutes planned.
fn agenda() -> Vec<AgendaItem> {
    [
        ("Check-in", 10, false),
        ("Lightning", 0, false),
        ("Kata", 45, false),
        ("Break", 15, true),
        ("Check-out", 10, false),
    ]
    .into_iter()
    .zip(1..)
    .map(|((title, minutes, is_break), position)| AgendaItem {
        id: Some(i64::from(position)),
        position,
        is_break,
        ..AgendaItem::new(title, minutes)
    })
    .collect()
}

fn started() -> FacilitationTimer {
    let mut timer = FacilitationTimer::new(&agenda());
    timer.start(T0).unwrap();
    timer
}

#[test]
fn a_started_timer_counts_down_the_first_item() {
    let timer = started();
    let view = timer.view(at(4));
    assert_eq!(view.status, TimerStatus::Running);
    let current = view.current.unwrap();
    assert_eq!((current.title.as_str(), current.left_ms, current.is_over()), ("Check-in", 6 * MINUTE_MS, false));
    assert_eq!(view.next.unwrap().title, "Lightning");
    assert_eq!(view.planned_end_ms, Some(at(80)));
    assert_eq!(view.projected_end_ms, Some(at(80)));
    assert_eq!(view.pace, Pace::OnTime);
    assert_eq!(view.elapsed_ms, 4 * MINUTE_MS);
}

#[test]
fn running_over_shows_negative_time_and_puts_the_event_behind() {
    let view = started().view(at(12));
    let current = view.current.unwrap();
    assert_eq!(current.left_ms, -2 * MINUTE_MS);
    assert!(current.is_over());
    assert_eq!(format_clock(current.left_ms), "-2:00");
    assert_eq!(view.projected_end_ms, Some(at(82)));
    assert_eq!(view.pace, Pace::Behind(2));
    assert_eq!(view.pace.describe(), "2 minutes behind");
    assert_eq!(Pace::Ahead(65).describe(), "1 hour 5 minutes ahead");
    assert_eq!(Pace::Behind(1).describe(), "1 minute behind");
}

#[test]
fn a_pause_freezes_the_item_but_not_the_plan() {
    let mut timer = started();
    timer.pause(at(3)).unwrap();
    let paused = timer.view(at(10));
    assert_eq!(paused.status, TimerStatus::Paused);
    assert_eq!(paused.current.as_ref().unwrap().left_ms, 7 * MINUTE_MS);
    assert_eq!(paused.pace, Pace::Behind(7));
    timer.resume(at(10)).unwrap();
    let resumed = timer.view(at(12));
    assert_eq!(resumed.current.unwrap().used_ms, 5 * MINUTE_MS);
    assert_eq!(resumed.elapsed_ms, 12 * MINUTE_MS);
}

#[test]
fn extending_gives_the_current_item_more_time() {
    let mut timer = started();
    timer.extend(5).unwrap();
    let view = timer.view(at(12));
    let current = view.current.unwrap();
    assert_eq!((current.allowed_minutes, current.left_ms), (15, 3 * MINUTE_MS));
    assert_eq!(view.pace, Pace::Behind(5));
    assert_eq!(timer.actual_timings(at(12))[0].extra_minutes, 5);
}

#[test]
fn skipping_ends_an_item_early_and_zero_minute_items_are_due_at_once() {
    let mut timer = started();
    timer.next(at(6)).unwrap();
    let view = timer.view(at(6));
    let current = view.current.unwrap();
    assert_eq!((current.title.as_str(), current.left_ms), ("Lightning", 0));
    assert_eq!(format_clock(current.left_ms), "0:00");
    assert_eq!(view.pace, Pace::Ahead(4));
    timer.next(at(6)).unwrap();
    assert_eq!(timer.view(at(7)).current.unwrap().title, "Kata");
    let used: Vec<Option<u32>> = timer.actual_timings(at(7)).iter().map(|a| a.used_minutes).collect();
    assert_eq!(used, [Some(6), Some(0), Some(1), None, None]);
}

#[test]
fn finishing_keeps_actual_timings_for_the_next_run() {
    let mut timer = started();
    timer.next(at(12)).unwrap();
    timer.next(at(12)).unwrap();
    timer.finish(at(62)).unwrap();
    let view = timer.view(at(90));
    assert_eq!(view.status, TimerStatus::Finished);
    assert!(view.current.is_none() && view.next.is_none());
    assert_eq!(view.elapsed_ms, 62 * MINUTE_MS);
    assert_eq!(view.pace, Pace::Ahead(18));
    let actuals = timer.actual_timings(at(90));
    let summary: Vec<(Option<u32>, Option<i64>)> =
        actuals.iter().map(|a| (a.used_minutes, a.difference_minutes)).collect();
    assert_eq!(summary, [(Some(12), Some(2)), (Some(0), Some(0)), (Some(50), Some(5)), (None, None), (None, None)]);
    let next_run = agenda_from_actuals(&agenda(), &actuals);
    let minutes: Vec<u32> = next_run.iter().map(|i| i.minutes).collect();
    assert_eq!(minutes, [12, 0, 50, 15, 10]);
}

#[test]
fn next_after_the_last_item_finishes() {
    let two = [AgendaItem::new("A", 5), AgendaItem::new("B", 5)];
    let mut timer = FacilitationTimer::new(&two);
    timer.start(T0).unwrap();
    timer.next(at(5)).unwrap();
    timer.next(at(11)).unwrap();
    assert_eq!(timer.status(), TimerStatus::Finished);
    assert_eq!(timer.view(at(20)).pace, Pace::Behind(1));
}

#[test]
fn next_from_paused_runs_the_next_item() {
    let mut timer = started();
    timer.pause(at(2)).unwrap();
    timer.next(at(5)).unwrap();
    assert_eq!(timer.status(), TimerStatus::Running);
    assert_eq!(timer.items()[0].used_ms, Some(2 * MINUTE_MS));
}

#[test]
fn actions_out_of_turn_are_refused() {
    let mut timer = FacilitationTimer::new(&agenda());
    let refused = timer.pause(T0).unwrap_err();
    assert_eq!(refused, TimerError::NotAllowed { action: TimerAction::Pause, status: TimerStatus::NotStarted });
    assert!(timer.extend(5).is_err());
    timer.start(T0).unwrap();
    assert!(timer.start(T0).is_err());
    assert!(timer.resume(T0).is_err());
    timer.finish(at(1)).unwrap();
    assert!(timer.next(at(2)).is_err());
    assert!(timer.extend(1).is_err());
    assert_eq!(FacilitationTimer::new(&[]).start(T0).unwrap_err(), TimerError::EmptyAgenda);
}

#[test]
fn a_clock_going_backwards_counts_no_time() {
    let mut timer = started();
    timer.pause(T0 - 5_000).unwrap();
    assert_eq!(timer.items()[0].used_ms, Some(0));
    assert_eq!(timer.view(T0 - 60_000).elapsed_ms, 0);
}

#[test]
fn the_state_round_trips_through_json() {
    let mut timer = started();
    timer.extend(2).unwrap();
    timer.pause(at(3)).unwrap();
    let json = serde_json::to_string(&timer).unwrap();
    let back: FacilitationTimer = serde_json::from_str(&json).unwrap();
    assert_eq!(back, timer);
    assert_eq!(back.view(at(9)), timer.view(at(9)));
    assert!(json.contains("\"status\":\"paused\""));
}

#[test]
fn the_countdown_reads_like_a_clock() {
    assert_eq!(format_clock(0), "0:00");
    assert_eq!(format_clock(59_001), "1:00");
    assert_eq!(format_clock(-500), "0:00");
    assert_eq!(format_clock(-1_000), "-0:01");
    assert_eq!(format_clock(3_725_000), "1:02:05");
}

#[test]
fn form_commands_drive_the_timer_and_toggle_follows_the_state() {
    assert_eq!(TimerCommand::from_form("next"), Some(TimerCommand::Next));
    assert_eq!(TimerCommand::from_form("rewind"), None);
    for command in [
        TimerCommand::Start,
        TimerCommand::Pause,
        TimerCommand::Resume,
        TimerCommand::Toggle,
        TimerCommand::Extend,
        TimerCommand::Next,
        TimerCommand::Finish,
    ] {
        assert_eq!(TimerCommand::from_form(command.code()), Some(command));
    }
    let mut timer = FacilitationTimer::new(&agenda());
    timer.apply(TimerCommand::Toggle, T0).unwrap();
    assert_eq!(timer.status(), TimerStatus::Running);
    timer.apply(TimerCommand::Toggle, at(2)).unwrap();
    assert_eq!(timer.status(), TimerStatus::Paused);
    timer.apply(TimerCommand::Extend, at(3)).unwrap();
    assert_eq!(timer.items()[0].extra_minutes, EXTEND_MINUTES);
    timer.apply(TimerCommand::Toggle, at(4)).unwrap();
    assert_eq!(timer.status(), TimerStatus::Running);
    timer.apply(TimerCommand::Next, at(5)).unwrap();
    assert_eq!(timer.current_index(), 1);
    timer.apply(TimerCommand::Finish, at(6)).unwrap();
    let err = timer.apply(TimerCommand::Toggle, at(7)).unwrap_err();
    assert_eq!(err.message(), "The event has finished: reset the timer to run it again");
    assert_eq!(
        FacilitationTimer::new(&[]).apply(TimerCommand::Start, T0).unwrap_err().message(),
        "The agenda has no items yet: add items before starting the timer"
    );
}
