//! Events, their agendas (ordered items, moved without JavaScript), copies as templates, and the
//! facilitation timer with the actual timings it leaves behind.

use super::{capitalise, get_programme, parse_date, ProgrammeRecord};
use crate::store::{begin_write, now_utc, Pool, StoreError, StoreResult, Tx};
use crate::workshop::model::{AgendaItem, Event, EventPlan};
use crate::workshop::reorder::{move_item, position_changes, Move};
use crate::workshop::timer::{FacilitationTimer, Millis, TimerCommand, TimerStatus};
use crate::workshop::validate::{validate_agenda_item, validate_event};
use crate::workshop::DateShift;
use crate::Id;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// Longest materials or notes text accepted on an agenda item.
pub const ITEM_TEXT_MAX: usize = 4000;

/// An agenda item with what its last run took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaRow {
    pub item: AgendaItem,
    /// Minutes it actually took when the event last ran with the facilitation timer.
    pub last_actual_minutes: Option<u32>,
    pub last_run_on: Option<NaiveDate>,
}

const EVENT_COLUMNS: &str =
    "id, programme_id, title, starts_on, start_time, duration_minutes, place, online_link, capacity";

/// A row of [`EVENT_COLUMNS`].
#[derive(sqlx::FromRow)]
struct EventRow {
    id: Id,
    programme_id: Id,
    title: String,
    starts_on: String,
    start_time: String,
    duration_minutes: i64,
    place: Option<String>,
    online_link: Option<String>,
    capacity: Option<i64>,
}

impl From<EventRow> for Event {
    fn from(row: EventRow) -> Event {
        Event {
            id: Some(row.id),
            programme_id: Some(row.programme_id),
            title: row.title,
            date: row.starts_on.parse().unwrap_or_default(),
            start_time: NaiveTime::parse_from_str(&row.start_time, "%H:%M").unwrap_or_default(),
            duration_minutes: row.duration_minutes.clamp(0, 1440) as u32,
            place: row.place,
            online_link: row.online_link,
            capacity: row.capacity.map(|c| c.clamp(0, u32::MAX as i64) as u32),
        }
    }
}

const ITEM_COLUMNS: &str =
    "id, event_id, position, title, method_id, minutes, facilitator_id, materials, notes, is_break,
     last_actual_minutes, last_run_on";

/// A row of [`ITEM_COLUMNS`].
#[derive(sqlx::FromRow)]
struct ItemRow {
    id: Id,
    event_id: Id,
    position: i64,
    title: String,
    method_id: Option<Id>,
    minutes: i64,
    facilitator_id: Option<Id>,
    materials: String,
    notes: String,
    is_break: i64,
    last_actual_minutes: Option<i64>,
    last_run_on: Option<String>,
}

impl From<ItemRow> for AgendaRow {
    fn from(row: ItemRow) -> AgendaRow {
        AgendaRow {
            item: AgendaItem {
                id: Some(row.id),
                event_id: Some(row.event_id),
                position: row.position.max(0) as u32,
                title: row.title,
                method_id: row.method_id,
                minutes: row.minutes.clamp(0, 1440) as u32,
                facilitator_id: row.facilitator_id,
                materials: row.materials,
                notes: row.notes,
                is_break: row.is_break == 1,
            },
            last_actual_minutes: row.last_actual_minutes.map(|m| m.max(0) as u32),
            last_run_on: parse_date(row.last_run_on),
        }
    }
}

/// A programme's events in date and time order.
pub async fn events_of(pool: &Pool, programme_id: Id) -> StoreResult<Vec<Event>> {
    let rows: Vec<EventRow> = sqlx::query_as(&format!(
        "SELECT {EVENT_COLUMNS} FROM workshop_events WHERE programme_id = ? ORDER BY starts_on, start_time, id"
    ))
    .bind(programme_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Event::from).collect())
}

pub async fn get_event(pool: &Pool, event_id: Id) -> StoreResult<Event> {
    let row: EventRow = sqlx::query_as(&format!("SELECT {EVENT_COLUMNS} FROM workshop_events WHERE id = ?"))
        .bind(event_id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("Event"))?;
    Ok(row.into())
}

/// The programme an event belongs to. `NotFound` when there is no such event.
pub async fn event_programme_id(pool: &Pool, event_id: Id) -> StoreResult<Id> {
    sqlx::query_scalar("SELECT programme_id FROM workshop_events WHERE id = ?")
        .bind(event_id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("Event"))
}

/// The event an agenda item belongs to. `NotFound` when there is no such item.
pub async fn item_event_id(pool: &Pool, item_id: Id) -> StoreResult<Id> {
    sqlx::query_scalar("SELECT event_id FROM workshop_agenda_items WHERE id = ?")
        .bind(item_id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("Agenda item"))
}

fn clean_event(event: &Event) -> Event {
    let trim = |text: &Option<String>| text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
    Event {
        title: event.title.trim().to_owned(),
        place: trim(&event.place),
        online_link: trim(&event.online_link),
        ..event.clone()
    }
}

fn check_event(event: &Event, programme: &ProgrammeRecord) -> StoreResult<()> {
    let mut errors = validate_event(event, &programme.programme.time_zone);
    for (field, label, text) in
        [("place", "The place", &event.place), ("online_link", "The online link", &event.online_link)]
    {
        if text.as_deref().is_some_and(|t| t.chars().count() > 500) {
            errors.add(field, format!("{label} must be 500 characters or fewer"));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(errors))
    }
}

/// Adds an event to a programme.
pub async fn create_event(pool: &Pool, programme_id: Id, event: &Event) -> StoreResult<Id> {
    let programme = get_programme(pool, programme_id).await?;
    let event = clean_event(event);
    check_event(&event, &programme)?;
    let mut tx = begin_write(pool).await?;
    let id = insert_event(&mut tx, programme_id, &event).await?;
    tx.commit().await?;
    Ok(id)
}

async fn insert_event(tx: &mut Tx, programme_id: Id, event: &Event) -> StoreResult<Id> {
    Ok(sqlx::query_scalar(
        "INSERT INTO workshop_events
            (programme_id, title, starts_on, start_time, duration_minutes, place, online_link, capacity, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(programme_id)
    .bind(&event.title)
    .bind(event.date.to_string())
    .bind(event.start_time.format("%H:%M").to_string())
    .bind(i64::from(event.duration_minutes))
    .bind(&event.place)
    .bind(&event.online_link)
    .bind(event.capacity.map(i64::from))
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?)
}

/// Saves an event's details (`event.id` must be set); its agenda is untouched.
pub async fn update_event(pool: &Pool, event: &Event) -> StoreResult<()> {
    let id = event.id.ok_or(StoreError::NotFound("Event"))?;
    let programme_id = event_programme_id(pool, id).await?;
    let programme = get_programme(pool, programme_id).await?;
    let event = clean_event(event);
    check_event(&event, &programme)?;
    let mut tx = begin_write(pool).await?;
    sqlx::query(
        "UPDATE workshop_events SET title = ?, starts_on = ?, start_time = ?, duration_minutes = ?, place = ?,
            online_link = ?, capacity = ? WHERE id = ?",
    )
    .bind(&event.title)
    .bind(event.date.to_string())
    .bind(event.start_time.format("%H:%M").to_string())
    .bind(i64::from(event.duration_minutes))
    .bind(&event.place)
    .bind(&event.online_link)
    .bind(event.capacity.map(i64::from))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes an event with its agenda and attendance. Actions and outcomes recorded against it
/// stay with the programme.
pub async fn delete_event(pool: &Pool, event_id: Id) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query("DELETE FROM workshop_events WHERE id = ?").bind(event_id).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("Event"));
    }
    tx.commit().await?;
    Ok(())
}

/// An event's agenda in position order.
pub async fn agenda_items(pool: &Pool, event_id: Id) -> StoreResult<Vec<AgendaRow>> {
    let rows: Vec<ItemRow> = sqlx::query_as(&format!(
        "SELECT {ITEM_COLUMNS} FROM workshop_agenda_items WHERE event_id = ? ORDER BY position, id"
    ))
    .bind(event_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(AgendaRow::from).collect())
}

pub async fn get_item(pool: &Pool, item_id: Id) -> StoreResult<AgendaRow> {
    let row: ItemRow = sqlx::query_as(&format!("SELECT {ITEM_COLUMNS} FROM workshop_agenda_items WHERE id = ?"))
        .bind(item_id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("Agenda item"))?;
    Ok(row.into())
}

/// The last actual minutes of each item of an event, in position order.
pub(crate) async fn last_actuals(pool: &Pool, event_id: Id) -> StoreResult<Vec<Option<u32>>> {
    Ok(agenda_items(pool, event_id).await?.into_iter().map(|r| r.last_actual_minutes).collect())
}

fn clean_item(item: &AgendaItem) -> AgendaItem {
    AgendaItem {
        title: item.title.trim().to_owned(),
        materials: item.materials.trim().to_owned(),
        notes: item.notes.trim().to_owned(),
        ..item.clone()
    }
}

async fn check_item(pool: &Pool, item: &AgendaItem) -> StoreResult<()> {
    let mut errors = validate_agenda_item(item);
    for (field, label, text) in [("materials", "Materials", &item.materials), ("notes", "Notes", &item.notes)] {
        if text.chars().count() > ITEM_TEXT_MAX {
            errors.add(field, format!("{label} must be {ITEM_TEXT_MAX} characters or fewer"));
        }
    }
    if let Some(method_id) = item.method_id {
        let found: Option<Id> = sqlx::query_scalar("SELECT id FROM workshop_methods WHERE id = ?")
            .bind(method_id)
            .fetch_optional(pool)
            .await?;
        if found.is_none() {
            errors.add("method_id", "Select a method from the library");
        }
    }
    if let Some(person_id) = item.facilitator_id {
        let found: Option<Id> =
            sqlx::query_scalar("SELECT id FROM people WHERE id = ?").bind(person_id).fetch_optional(pool).await?;
        if found.is_none() {
            errors.add("facilitator_id", "Select a facilitator from the list");
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(errors))
    }
}

async fn insert_item(tx: &mut Tx, event_id: Id, item: &AgendaItem, last_actual: Option<u32>) -> StoreResult<Id> {
    Ok(sqlx::query_scalar(
        "INSERT INTO workshop_agenda_items
            (event_id, position, title, method_id, minutes, facilitator_id, materials, notes, is_break, last_actual_minutes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(event_id)
    .bind(i64::from(item.position))
    .bind(&item.title)
    .bind(item.method_id)
    .bind(i64::from(item.minutes))
    .bind(item.facilitator_id)
    .bind(&item.materials)
    .bind(&item.notes)
    .bind(i64::from(item.is_break))
    .bind(last_actual.map(i64::from))
    .fetch_one(&mut **tx)
    .await?)
}

async fn next_position(tx: &mut Tx, event_id: Id) -> StoreResult<u32> {
    let max: Option<i64> = sqlx::query_scalar("SELECT MAX(position) FROM workshop_agenda_items WHERE event_id = ?")
        .bind(event_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(max.unwrap_or(0).max(0) as u32 + 1)
}

/// Adds an item at the end of an event's agenda (its `position` is ignored).
pub async fn add_item(pool: &Pool, event_id: Id, item: &AgendaItem) -> StoreResult<Id> {
    event_programme_id(pool, event_id).await?;
    let mut item = clean_item(item);
    check_item(pool, &item).await?;
    let mut tx = begin_write(pool).await?;
    item.position = next_position(&mut tx, event_id).await?;
    let id = insert_item(&mut tx, event_id, &item, None).await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds an item for a library method at the end of the agenda, with the method's name and
/// default minutes (see [`crate::workshop::item_from_method`]).
pub async fn add_method_item(pool: &Pool, event_id: Id, method_id: Id) -> StoreResult<Id> {
    let method = super::methods::get_method(pool, method_id)
        .await
        .map_err(|_| StoreError::invalid("method_id", "Select a method from the library"))?;
    let item = crate::workshop::item_from_method(&method, 0);
    add_item(pool, event_id, &item).await
}

/// Saves an item's content (`item.id` must be set); its position is untouched.
pub async fn update_item(pool: &Pool, item: &AgendaItem) -> StoreResult<()> {
    let id = item.id.ok_or(StoreError::NotFound("Agenda item"))?;
    let item = clean_item(item);
    check_item(pool, &item).await?;
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query(
        "UPDATE workshop_agenda_items SET title = ?, method_id = ?, minutes = ?, facilitator_id = ?, materials = ?,
            notes = ?, is_break = ? WHERE id = ?",
    )
    .bind(&item.title)
    .bind(item.method_id)
    .bind(i64::from(item.minutes))
    .bind(item.facilitator_id)
    .bind(&item.materials)
    .bind(&item.notes)
    .bind(i64::from(item.is_break))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("Agenda item"));
    }
    tx.commit().await?;
    Ok(())
}

async fn agenda_in_tx(tx: &mut Tx, event_id: Id) -> StoreResult<Vec<AgendaItem>> {
    let rows: Vec<ItemRow> = sqlx::query_as(&format!(
        "SELECT {ITEM_COLUMNS} FROM workshop_agenda_items WHERE event_id = ? ORDER BY position, id"
    ))
    .bind(event_id)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().map(|r| AgendaRow::from(r).item).collect())
}

async fn save_positions(tx: &mut Tx, before: &[AgendaItem], after: &[AgendaItem]) -> StoreResult<()> {
    for (id, position) in position_changes(before, after) {
        sqlx::query("UPDATE workshop_agenda_items SET position = ? WHERE id = ?")
            .bind(i64::from(position))
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Deletes an item and closes the gap it leaves. Returns the event it was in.
pub async fn delete_item(pool: &Pool, item_id: Id) -> StoreResult<Id> {
    let mut tx = begin_write(pool).await?;
    let event_id: Id = sqlx::query_scalar("SELECT event_id FROM workshop_agenda_items WHERE id = ?")
        .bind(item_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound("Agenda item"))?;
    sqlx::query("DELETE FROM workshop_agenda_items WHERE id = ?").bind(item_id).execute(&mut *tx).await?;
    let before = agenda_in_tx(&mut tx, event_id).await?;
    let after = crate::workshop::reorder::normalised(&before);
    save_positions(&mut tx, &before, &after).await?;
    tx.commit().await?;
    Ok(event_id)
}

/// Moves an item within its event's agenda ("up", "down", "first", "last", "to N").
pub async fn move_agenda_item(pool: &Pool, item_id: Id, to: Move) -> StoreResult<Id> {
    let mut tx = begin_write(pool).await?;
    let event_id: Id = sqlx::query_scalar("SELECT event_id FROM workshop_agenda_items WHERE id = ?")
        .bind(item_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound("Agenda item"))?;
    let before = agenda_in_tx(&mut tx, event_id).await?;
    let after =
        move_item(&before, item_id, to).map_err(|e| StoreError::invalid("position", capitalise(&e.to_string())))?;
    save_positions(&mut tx, &before, &after).await?;
    tx.commit().await?;
    Ok(event_id)
}

/// Sets each item's planned minutes to what it took last time. Returns how many changed.
pub async fn plan_from_actuals(pool: &Pool, event_id: Id) -> StoreResult<u64> {
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query(
        "UPDATE workshop_agenda_items SET minutes = last_actual_minutes
         WHERE event_id = ? AND last_actual_minutes IS NOT NULL AND last_actual_minutes <> minutes",
    )
    .bind(event_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}

/// Inserts an event copy and its agenda under `programme_id`, with the given last actual
/// minutes per item (in position order).
pub(crate) async fn insert_event_plan(
    tx: &mut Tx,
    programme_id: Id,
    plan: &EventPlan,
    actuals: &[Option<u32>],
) -> StoreResult<Id> {
    let event_id = insert_event(tx, programme_id, &plan.event).await?;
    for (index, item) in plan.agenda.iter().enumerate() {
        insert_item(tx, event_id, item, actuals.get(index).copied().flatten()).await?;
    }
    Ok(event_id)
}

/// Copies an event with its agenda into the same programme, dates moved by `shift`.
pub async fn duplicate_event(pool: &Pool, event_id: Id, shift: DateShift) -> StoreResult<Id> {
    let event = get_event(pool, event_id).await?;
    let programme_id = event.programme_id.unwrap_or_default();
    let programme = get_programme(pool, programme_id).await?;
    let rows = agenda_items(pool, event_id).await?;
    let actuals: Vec<Option<u32>> = rows.iter().map(|r| r.last_actual_minutes).collect();
    let plan = EventPlan { event, agenda: rows.into_iter().map(|r| r.item).collect() };
    let mut copy = crate::workshop::duplicate_event(&plan, shift)
        .map_err(|e| StoreError::invalid("date", capitalise(&e.to_string())))?;
    copy.event.title = super::copy_title(&copy.event.title);
    check_event(&copy.event, &programme)?;
    let mut tx = begin_write(pool).await?;
    let id = insert_event_plan(&mut tx, programme_id, &copy, &actuals).await?;
    tx.commit().await?;
    Ok(id)
}

/// The event's facilitation timer: as stored, or a fresh one for the current agenda when it has
/// never been started (or was reset).
pub async fn timer(pool: &Pool, event_id: Id) -> StoreResult<FacilitationTimer> {
    let state: Option<Option<String>> = sqlx::query_scalar("SELECT timer_state FROM workshop_events WHERE id = ?")
        .bind(event_id)
        .fetch_optional(pool)
        .await?;
    let state = state.ok_or(StoreError::NotFound("Event"))?;
    match state.and_then(|json| serde_json::from_str::<FacilitationTimer>(&json).ok()) {
        Some(timer) => Ok(timer),
        None => {
            let agenda: Vec<AgendaItem> = agenda_items(pool, event_id).await?.into_iter().map(|r| r.item).collect();
            Ok(FacilitationTimer::new(&agenda))
        }
    }
}

/// Presses a timer button at `now` (server time, Unix milliseconds) and stores the new state and
/// the actual minutes of every item the run has moved past (or all, once finished): the item
/// under way keeps the minutes of its last run until then, so a start, a pause or a start by
/// mistake loses nothing. A timer that has not started is built from the agenda as it is now.
pub async fn press_timer(
    pool: &Pool,
    event_id: Id,
    command: TimerCommand,
    now: Millis,
    today: NaiveDate,
) -> StoreResult<FacilitationTimer> {
    let mut tx = begin_write(pool).await?;
    let state: Option<Option<String>> = sqlx::query_scalar("SELECT timer_state FROM workshop_events WHERE id = ?")
        .bind(event_id)
        .fetch_optional(&mut *tx)
        .await?;
    let state = state.ok_or(StoreError::NotFound("Event"))?;
    let mut timer = match state.and_then(|json| serde_json::from_str::<FacilitationTimer>(&json).ok()) {
        Some(timer) => timer,
        None => FacilitationTimer::new(&agenda_in_tx(&mut tx, event_id).await?),
    };
    timer.apply(command, now).map_err(|e| StoreError::Conflict(e.message()))?;
    let json = serde_json::to_string(&timer).map_err(|e| StoreError::Conflict(e.to_string()))?;
    sqlx::query("UPDATE workshop_events SET timer_state = ?, timer_updated_at = ? WHERE id = ?")
        .bind(json)
        .bind(now_utc())
        .bind(event_id)
        .execute(&mut *tx)
        .await?;
    let under_way = matches!(timer.status(), TimerStatus::Running | TimerStatus::Paused).then(|| timer.current_index());
    for (index, actual) in timer.actual_timings(now).into_iter().enumerate() {
        if Some(index) == under_way {
            continue;
        }
        if let (Some(item_id), Some(minutes)) = (actual.item_id, actual.used_minutes) {
            sqlx::query(
                "UPDATE workshop_agenda_items SET last_actual_minutes = ?, last_run_on = ? WHERE id = ? AND event_id = ?",
            )
            .bind(i64::from(minutes))
            .bind(today.to_string())
            .bind(item_id)
            .bind(event_id)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(timer)
}

/// Clears the timer so the event can be run again from the current agenda. The actual minutes
/// already recorded stay.
pub async fn reset_timer(pool: &Pool, event_id: Id) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query("UPDATE workshop_events SET timer_state = NULL, timer_updated_at = ? WHERE id = ?")
        .bind(now_utc())
        .bind(event_id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("Event"));
    }
    tx.commit().await?;
    Ok(())
}
