use super::*;
use crate::store::test_support::temp_pool;
use crate::workshop::follow_up::{ActionStatus, InvitationRole, InvitationStatus};
use crate::workshop::methods::built_in_methods;
use crate::workshop::model::{AgendaItem, Event, Method, MethodCategory};
use crate::workshop::reorder::Move;
use crate::workshop::timer::{TimerCommand, TimerStatus};
use crate::workshop::DateShift;
use chrono::NaiveTime;

/// The starter catalogue and the demo organisation; returns (pool guard, Platform team id).
async fn demo_pool() -> (Pool, tempfile::TempDir, Id) {
    let (pool, dir) = temp_pool().await;
    let version = crate::store::seed::ensure_starter_catalogue(&pool).await.unwrap();
    let seed = crate::demo::demo_org("2026-11-23".parse().unwrap());
    let loaded = crate::store::seed::load_org(&pool, version, &seed).await.unwrap();
    (pool, dir, loaded.team_ids[0])
}

async fn skill_id(pool: &Pool, code: &str) -> Id {
    sqlx::query_scalar("SELECT id FROM skills WHERE code = ?").bind(code).fetch_one(pool).await.unwrap()
}

async fn person_id(pool: &Pool, name: &str) -> Id {
    sqlx::query_scalar("SELECT id FROM people WHERE name = ?").bind(name).fetch_one(pool).await.unwrap()
}

fn programme(team: Id, skills: Vec<Id>) -> Programme {
    Programme {
        problem_statement: "Nobody can prototype a service change quickly".into(),
        objectives: vec!["Build a clickable prototype".into(), "Test it with a user".into()],
        tools: vec!["Shared whiteboard".into()],
        team_ids: vec![team],
        skill_ids: skills,
        ..Programme::new("Prototyping together")
    }
}

fn event(title: &str, date: &str, capacity: Option<u32>) -> Event {
    Event {
        capacity,
        place: Some("Room 4.12".into()),
        ..Event::new(title, date.parse().unwrap(), NaiveTime::from_hms_opt(10, 0, 0).unwrap(), 120)
    }
}

fn invalid_fields(result: StoreResult<impl std::fmt::Debug>) -> Vec<String> {
    match result {
        Err(StoreError::Invalid(errors)) => errors.0.into_iter().map(|e| e.field).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_programme_round_trips_with_its_teams_and_skills_and_is_validated() {
    let (pool, _dir, team) = demo_pool().await;
    let prototyping = skill_id(&pool, "prototyping").await;
    let id = create_programme(&pool, &programme(team, vec![prototyping, prototyping]), None).await.unwrap();
    let record = get_programme(&pool, id).await.unwrap();
    assert_eq!(record.programme.title, "Prototyping together");
    assert_eq!(record.programme.skill_ids, [prototyping], "repeats are dropped");
    assert_eq!(record.programme.team_ids, [team]);
    assert_eq!(record.programme.objectives.len(), 2);
    assert_eq!(record.programme.time_zone, "Europe/London");
    assert_eq!(programme_team_ids(&pool, id).await.unwrap(), [team]);

    let mut bad = programme(team, vec![999_999]);
    bad.title = " ".into();
    bad.team_ids.clear();
    bad.time_zone = "Europe/Londn".into();
    assert_eq!(invalid_fields(create_programme(&pool, &bad, None).await), ["title", "time_zone", "teams", "skills"]);
    assert_eq!(list_programmes(&pool).await.unwrap().len(), 1, "nothing else was stored");

    let mut changed = record.programme.clone();
    changed.title = "Prototyping, together".into();
    changed.skill_ids = vec![];
    update_programme(&pool, &changed).await.unwrap();
    assert!(get_programme(&pool, id).await.unwrap().programme.skill_ids.is_empty());
    delete_programme(&pool, id).await.unwrap();
    assert!(matches!(get_programme(&pool, id).await, Err(StoreError::NotFound(_))));
}

#[tokio::test]
async fn agendas_are_ordered_moved_and_added_from_the_library() {
    let (pool, _dir, team) = demo_pool().await;
    let id = create_programme(&pool, &programme(team, vec![]), None).await.unwrap();
    let event_id = create_event(&pool, id, &event("Day 1", "2026-06-10", Some(8))).await.unwrap();
    let methods = list_methods(&pool).await.unwrap();
    assert_eq!(methods.len(), 20);
    let lean = methods.iter().find(|m| m.name == "Lean coffee").unwrap();
    let lean_item = add_method_item(&pool, event_id, lean.id.unwrap()).await.unwrap();
    let check_in = add_item(&pool, event_id, &AgendaItem::new("Welcome", 5)).await.unwrap();
    let coffee =
        add_item(&pool, event_id, &AgendaItem { is_break: true, ..AgendaItem::new("Coffee", 15) }).await.unwrap();
    let rows = agenda_items(&pool, event_id).await.unwrap();
    assert_eq!(
        rows.iter().map(|r| (r.item.title.as_str(), r.item.minutes, r.item.position)).collect::<Vec<_>>(),
        [("Lean coffee", 30, 1), ("Welcome", 5, 2), ("Coffee", 15, 3)],
        "a library method copies its default minutes"
    );
    assert_eq!(rows[0].item.method_id, lean.id);

    move_agenda_item(&pool, check_in, Move::Up).await.unwrap();
    move_agenda_item(&pool, coffee, Move::Up).await.unwrap();
    let titles = |rows: Vec<AgendaRow>| rows.into_iter().map(|r| (r.item.title, r.item.position)).collect::<Vec<_>>();
    assert_eq!(
        titles(agenda_items(&pool, event_id).await.unwrap()),
        [("Welcome".to_string(), 1), ("Coffee".to_string(), 2), ("Lean coffee".to_string(), 3)]
    );
    delete_item(&pool, coffee).await.unwrap();
    assert_eq!(
        titles(agenda_items(&pool, event_id).await.unwrap()),
        [("Welcome".to_string(), 1), ("Lean coffee".to_string(), 2)],
        "positions close up"
    );
    let mut item = get_item(&pool, lean_item).await.unwrap().item;
    item.minutes = 2000;
    item.title = String::new();
    assert_eq!(invalid_fields(update_item(&pool, &item).await), ["title", "minutes"]);
    assert_eq!(invalid_fields(add_method_item(&pool, event_id, 999_999).await), ["method_id"]);
}

#[tokio::test]
async fn events_are_validated_in_the_programme_zone_and_copied_with_their_agenda() {
    let (pool, _dir, team) = demo_pool().await;
    let id = create_programme(&pool, &programme(team, vec![]), None).await.unwrap();
    let mut gap = event("Night", "2026-03-29", None);
    gap.start_time = NaiveTime::from_hms_opt(1, 30, 0).unwrap();
    gap.capacity = Some(0);
    assert_eq!(invalid_fields(create_event(&pool, id, &gap).await), ["capacity", "start_time"]);
    let first = create_event(&pool, id, &event("Day 1", "2026-06-10", Some(8))).await.unwrap();
    add_item(&pool, first, &AgendaItem::new("Kata", 45)).await.unwrap();
    let copy = duplicate_event(&pool, first, DateShift::ByDays(7)).await.unwrap();
    let copied = get_event(&pool, copy).await.unwrap();
    assert_eq!((copied.title.as_str(), copied.date.to_string()), ("Copy of Day 1", "2026-06-17".into()));
    assert_eq!(agenda_items(&pool, copy).await.unwrap()[0].item.title, "Kata");

    let programme_copy =
        duplicate_programme(&pool, id, DateShift::FirstEventOn("2026-09-01".parse().unwrap()), None).await.unwrap();
    let plan = load_plan(&pool, programme_copy).await.unwrap();
    assert_eq!(plan.programme.title, "Copy of Prototyping together");
    assert_eq!(plan.programme.team_ids, [team]);
    let dates: Vec<String> = plan.events.iter().map(|e| e.event.date.to_string()).collect();
    assert_eq!(dates, ["2026-09-01", "2026-09-08"]);
    assert!(plan.events.iter().all(|e| e.agenda.len() == 1));
}

#[tokio::test]
async fn the_timer_is_stored_and_leaves_actual_minutes_for_next_time() {
    let (pool, _dir, team) = demo_pool().await;
    let id = create_programme(&pool, &programme(team, vec![]), None).await.unwrap();
    let event_id = create_event(&pool, id, &event("Day 1", "2026-06-10", None)).await.unwrap();
    let today: NaiveDate = "2026-06-10".parse().unwrap();
    assert_eq!(
        press_timer(&pool, event_id, TimerCommand::Start, 0, today).await.unwrap_err().to_string(),
        "The agenda has no items yet: add items before starting the timer"
    );
    let first = add_item(&pool, event_id, &AgendaItem::new("Check-in", 10)).await.unwrap();
    let second = add_item(&pool, event_id, &AgendaItem::new("Kata", 45)).await.unwrap();
    assert_eq!(timer(&pool, event_id).await.unwrap().status(), TimerStatus::NotStarted);
    let t0: i64 = 1_781_000_000_000;
    let minute = 60_000;
    press_timer(&pool, event_id, TimerCommand::Start, t0, today).await.unwrap();
    press_timer(&pool, event_id, TimerCommand::Extend, t0 + minute, today).await.unwrap();
    press_timer(&pool, event_id, TimerCommand::Next, t0 + 13 * minute, today).await.unwrap();
    let stored = timer(&pool, event_id).await.unwrap();
    assert_eq!((stored.status(), stored.current_index()), (TimerStatus::Running, 1));
    assert_eq!(stored.items()[0].extra_minutes, 5);
    let err = press_timer(&pool, event_id, TimerCommand::Start, t0 + 14 * minute, today).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    press_timer(&pool, event_id, TimerCommand::Finish, t0 + 50 * minute, today).await.unwrap();
    let rows = agenda_items(&pool, event_id).await.unwrap();
    assert_eq!(rows.iter().map(|r| r.last_actual_minutes).collect::<Vec<_>>(), [Some(13), Some(37)]);
    assert_eq!(rows[0].last_run_on, Some(today));
    assert_eq!(plan_from_actuals(&pool, event_id).await.unwrap(), 2);
    assert_eq!(get_item(&pool, first).await.unwrap().item.minutes, 13);
    assert_eq!(get_item(&pool, second).await.unwrap().item.minutes, 37);
    reset_timer(&pool, event_id).await.unwrap();
    assert_eq!(timer(&pool, event_id).await.unwrap().status(), TimerStatus::NotStarted);

    // A second run: starting and pausing keep the last run's minutes of the item under way;
    // moving past it records the new ones.
    let actuals = |pool: Pool| async move {
        agenda_items(&pool, event_id).await.unwrap().iter().map(|r| r.last_actual_minutes).collect::<Vec<_>>()
    };
    let t1 = t0 + 24 * 60 * minute;
    press_timer(&pool, event_id, TimerCommand::Start, t1, today).await.unwrap();
    assert_eq!(actuals(pool.clone()).await, [Some(13), Some(37)], "a start records nothing");
    press_timer(&pool, event_id, TimerCommand::Pause, t1 + 2 * minute, today).await.unwrap();
    assert_eq!(actuals(pool.clone()).await, [Some(13), Some(37)], "a pause records nothing");
    press_timer(&pool, event_id, TimerCommand::Resume, t1 + 3 * minute, today).await.unwrap();
    press_timer(&pool, event_id, TimerCommand::Next, t1 + 8 * minute, today).await.unwrap();
    assert_eq!(actuals(pool.clone()).await, [Some(7), Some(37)], "moving on records the item left");
}

#[tokio::test]
async fn invitations_respect_capacity_and_the_waiting_list_moves_up() {
    let (pool, _dir, team) = demo_pool().await;
    let id = create_programme(&pool, &programme(team, vec![]), None).await.unwrap();
    create_event(&pool, id, &event("Day 1", "2026-06-10", Some(3))).await.unwrap();
    create_event(&pool, id, &event("Day 2", "2026-06-17", Some(2))).await.unwrap();
    let names = ["Mei Chen", "Rhys Evans", "Kwame Mensah"];
    let mut people = Vec::new();
    for name in names {
        people.push(person_id(&pool, name).await);
    }
    let statuses = invite(&pool, id, &people, InvitationRole::Participant).await.unwrap();
    assert_eq!(statuses, [InvitationStatus::Invited, InvitationStatus::Invited, InvitationStatus::Waiting]);
    let ada = person_id(&pool, "Ada Okafor").await;
    assert_eq!(
        invite(&pool, id, &[ada], InvitationRole::Facilitator).await.unwrap(),
        [InvitationStatus::Invited],
        "facilitators do not take places"
    );
    assert_eq!(
        invite(&pool, id, &people[..1], InvitationRole::Participant).await.unwrap(),
        [InvitationStatus::Invited],
        "inviting twice keeps the invitation"
    );
    let err = set_invitation_status(&pool, id, people[2], InvitationRole::Participant, InvitationStatus::Invited)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("The events are full (2 places)"), "{err}");
    set_invitation_status(&pool, id, people[0], InvitationRole::Participant, InvitationStatus::Declined).await.unwrap();
    let list = invitations(&pool, id).await.unwrap();
    let status_of =
        |pid: Id| list.iter().find(|i| i.person_id == pid && i.role == InvitationRole::Participant).unwrap().status;
    assert_eq!(status_of(people[2]), InvitationStatus::Invited, "the waiting list moved up");
    assert_eq!(status_of(people[0]), InvitationStatus::Declined);
}

#[tokio::test]
async fn attendance_actions_outcomes_and_follow_up() {
    let (pool, _dir, team) = demo_pool().await;
    let id = create_programme(&pool, &programme(team, vec![]), None).await.unwrap();
    let first = create_event(&pool, id, &event("Day 1", "2026-06-10", None)).await.unwrap();
    let mei = person_id(&pool, "Mei Chen").await;
    let rhys = person_id(&pool, "Rhys Evans").await;
    record_attendance(&pool, first, &[(mei, true), (rhys, false)]).await.unwrap();
    record_attendance(&pool, first, &[(rhys, true)]).await.unwrap();
    assert_eq!(attendance(&pool, first).await.unwrap().iter().filter(|a| a.attended).count(), 2);
    assert_eq!(attendees(&pool, id).await.unwrap().len(), 2);
    assert_eq!(attendance_counts(&pool, id).await.unwrap(), [(first, 2, 2)]);

    assert_eq!(invalid_fields(add_action(&pool, id, &NewAction::default()).await), ["action_text", "owner_id"]);
    let action = add_action(
        &pool,
        id,
        &NewAction {
            event_id: Some(first),
            text: "Share the prototype kit".into(),
            owner_id: Some(mei),
            due_on: Some("2026-06-24".parse().unwrap()),
        },
    )
    .await
    .unwrap();
    assert_eq!(set_action_status(&pool, action, ActionStatus::Done).await.unwrap(), id);
    let list = actions(&pool, id).await.unwrap();
    assert_eq!((list[0].owner_name.as_deref(), list[0].status), (Some("Mei Chen"), ActionStatus::Done));
    add_outcome(&pool, id, Some(first), "Two prototypes tested with users").await.unwrap();
    assert_eq!(outcomes(&pool, id).await.unwrap().len(), 1);

    assert_eq!(invalid_fields(set_follow_up(&pool, id, Some("2026-06-01".parse().unwrap())).await), ["follow_up_on"]);
    set_follow_up(&pool, id, Some("2026-08-01".parse().unwrap())).await.unwrap();
    assert_eq!(get_programme(&pool, id).await.unwrap().follow_up_on, Some("2026-08-01".parse().unwrap()));
}

#[tokio::test]
async fn built_in_methods_are_added_once_with_stable_ids_and_leads_add_their_own() {
    let (pool, _dir) = temp_pool().await;
    let first = list_methods(&pool).await.unwrap();
    let again = list_methods(&pool).await.unwrap();
    assert_eq!(first, again);
    let library = built_in_methods();
    assert_eq!(
        first.iter().map(|m| (m.name.as_str(), m.default_minutes)).collect::<Vec<_>>(),
        library.iter().map(|m| (m.name.as_str(), m.default_minutes)).collect::<Vec<_>>()
    );
    let own = Method {
        id: None,
        name: "Premortem".into(),
        default_minutes: 20,
        description: "Imagine the change failed; list why.".into(),
        category: MethodCategory::Planning,
        built_in: false,
    };
    let id = create_method(&pool, &own, None).await.unwrap();
    assert!(!get_method(&pool, id).await.unwrap().built_in);
    let clash = Method { name: "dot VOTING".into(), ..own.clone() };
    assert_eq!(invalid_fields(create_method(&pool, &clash, None).await), ["name"]);
    assert_eq!(list_methods(&pool).await.unwrap().len(), 21);
}

#[tokio::test]
async fn a_new_time_zone_must_keep_every_event_start_real() {
    let (pool, _dir, team) = demo_pool().await;
    let id = create_programme(&pool, &programme(team, vec![]), None).await.unwrap();
    let mut early = event("Early", "2026-03-08", None);
    early.start_time = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
    create_event(&pool, id, &early).await.unwrap();
    let mut moved = get_programme(&pool, id).await.unwrap().programme;
    // 02:30 on 8 March 2026 does not exist in New York: the clocks go forward that night.
    moved.time_zone = "America/New_York".into();
    assert_eq!(invalid_fields(update_programme(&pool, &moved).await), ["time_zone"]);
    moved.time_zone = "Europe/Paris".into();
    update_programme(&pool, &moved).await.unwrap();
}
