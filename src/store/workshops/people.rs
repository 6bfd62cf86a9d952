//! People around a programme: invitations (within the events' capacity, with a waiting list),
//! attendance per event, and the follow-up: actions with an owner and due date, and outcomes.

use super::{events_of, get_programme, parse_date};
use crate::store::{begin_write, now_utc, Pool, StoreError, StoreResult, Tx};
use crate::validation::{required_text, FieldErrors};
use crate::workshop::follow_up::{
    new_invitation_status, places_free, programme_capacity, ActionStatus, InvitationRole, InvitationStatus,
};
use crate::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const ACTION_TEXT_MAX: usize = 500;
pub const OUTCOME_TEXT_MAX: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Invitation {
    pub person_id: Id,
    #[sqlx(rename = "name")]
    pub person_name: String,
    pub role: InvitationRole,
    pub status: InvitationStatus,
    pub invited_at: String,
}

/// A programme's invitations: participants then facilitators, each in the order invited.
pub async fn invitations(pool: &Pool, programme_id: Id) -> StoreResult<Vec<Invitation>> {
    Ok(sqlx::query_as(
        "SELECT i.person_id, p.name, i.role, i.status, i.invited_at
         FROM workshop_invitations i JOIN people p ON p.id = i.person_id
         WHERE i.programme_id = ? ORDER BY i.role DESC, i.invited_at, p.name",
    )
    .bind(programme_id)
    .fetch_all(pool)
    .await?)
}

async fn places_taken(tx: &mut Tx, programme_id: Id) -> StoreResult<u32> {
    let taken: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM workshop_invitations
         WHERE programme_id = ? AND role = 'participant' AND status IN ('invited', 'accepted')",
    )
    .bind(programme_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(taken as u32)
}

/// Invites people. Participants beyond the events' capacity go on the waiting list; someone
/// already invited in that role keeps their invitation. Returns the status of each, in order.
pub async fn invite(
    pool: &Pool,
    programme_id: Id,
    person_ids: &[Id],
    role: InvitationRole,
) -> StoreResult<Vec<InvitationStatus>> {
    get_programme(pool, programme_id).await?;
    let capacity = programme_capacity(&events_of(pool, programme_id).await?);
    let mut tx = begin_write(pool).await?;
    let mut out = Vec::with_capacity(person_ids.len());
    for &person_id in person_ids {
        let exists: Option<Id> =
            sqlx::query_scalar("SELECT id FROM people WHERE id = ?").bind(person_id).fetch_optional(&mut *tx).await?;
        if exists.is_none() {
            return Err(StoreError::invalid("person_id", "Select a person from the list"));
        }
        let current: Option<String> = sqlx::query_scalar(
            "SELECT status FROM workshop_invitations WHERE programme_id = ? AND person_id = ? AND role = ?",
        )
        .bind(programme_id)
        .bind(person_id)
        .bind(role.code())
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(status) = current.as_deref().and_then(InvitationStatus::from_code) {
            out.push(status);
            continue;
        }
        let status = new_invitation_status(role, capacity, places_taken(&mut tx, programme_id).await?);
        sqlx::query(
            "INSERT INTO workshop_invitations (programme_id, person_id, role, status, invited_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(programme_id)
        .bind(person_id)
        .bind(role.code())
        .bind(status.code())
        .bind(now_utc())
        .execute(&mut *tx)
        .await?;
        out.push(status);
    }
    tx.commit().await?;
    Ok(out)
}

/// Records a reply (accepted, declined) or moves someone on or off the waiting list. When a
/// participant's place frees up, the longest-waiting people are invited in their turn, and an
/// invitation beyond capacity is refused with a message.
pub async fn set_invitation_status(
    pool: &Pool,
    programme_id: Id,
    person_id: Id,
    role: InvitationRole,
    status: InvitationStatus,
) -> StoreResult<()> {
    let capacity = programme_capacity(&events_of(pool, programme_id).await?);
    let mut tx = begin_write(pool).await?;
    let current: Option<String> = sqlx::query_scalar(
        "SELECT status FROM workshop_invitations WHERE programme_id = ? AND person_id = ? AND role = ?",
    )
    .bind(programme_id)
    .bind(person_id)
    .bind(role.code())
    .fetch_optional(&mut *tx)
    .await?;
    let current = current.as_deref().and_then(InvitationStatus::from_code).ok_or(StoreError::NotFound("Invitation"))?;
    if role == InvitationRole::Participant && status.holds_place() && !current.holds_place() {
        let taken = places_taken(&mut tx, programme_id).await?;
        if capacity.is_some_and(|cap| taken >= cap) {
            return Err(StoreError::Conflict(format!(
                "The events are full ({} places): record a decline first, or raise the capacity",
                capacity.unwrap_or_default()
            )));
        }
    }
    sqlx::query("UPDATE workshop_invitations SET status = ? WHERE programme_id = ? AND person_id = ? AND role = ?")
        .bind(status.code())
        .bind(programme_id)
        .bind(person_id)
        .bind(role.code())
        .execute(&mut *tx)
        .await?;
    promote_waiting(&mut tx, programme_id, capacity).await?;
    tx.commit().await?;
    Ok(())
}

async fn promote_waiting(tx: &mut Tx, programme_id: Id, capacity: Option<u32>) -> StoreResult<()> {
    let waiting: Vec<Id> = sqlx::query_scalar(
        "SELECT person_id FROM workshop_invitations WHERE programme_id = ? AND role = 'participant' AND status = 'waiting'
         ORDER BY invited_at, person_id",
    )
    .bind(programme_id)
    .fetch_all(&mut **tx)
    .await?;
    let free = places_free(capacity, places_taken(tx, programme_id).await?, waiting.len() as u32);
    for person_id in waiting.into_iter().take(free as usize) {
        sqlx::query(
            "UPDATE workshop_invitations SET status = 'invited'
             WHERE programme_id = ? AND person_id = ? AND role = 'participant'",
        )
        .bind(programme_id)
        .bind(person_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Removes an invitation; a participant's place goes to the waiting list.
pub async fn remove_invitation(pool: &Pool, programme_id: Id, person_id: Id, role: InvitationRole) -> StoreResult<()> {
    let capacity = programme_capacity(&events_of(pool, programme_id).await?);
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query("DELETE FROM workshop_invitations WHERE programme_id = ? AND person_id = ? AND role = ?")
        .bind(programme_id)
        .bind(person_id)
        .bind(role.code())
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("Invitation"));
    }
    promote_waiting(&mut tx, programme_id, capacity).await?;
    tx.commit().await?;
    Ok(())
}

/// One person's attendance at an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceRow {
    pub person_id: Id,
    pub person_name: String,
    pub attended: bool,
}

/// The attendance recorded for an event, by name.
pub async fn attendance(pool: &Pool, event_id: Id) -> StoreResult<Vec<AttendanceRow>> {
    let rows: Vec<(Id, String, i64)> = sqlx::query_as(
        "SELECT a.person_id, p.name, a.attended FROM workshop_attendance a JOIN people p ON p.id = a.person_id
         WHERE a.event_id = ? ORDER BY p.name",
    )
    .bind(event_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(person_id, person_name, attended)| AttendanceRow { person_id, person_name, attended: attended == 1 })
        .collect())
}

/// Records who came to an event: `(person, attended)` for everyone on the register, replacing
/// what was recorded before for those people.
pub async fn record_attendance(pool: &Pool, event_id: Id, register: &[(Id, bool)]) -> StoreResult<()> {
    super::event_programme_id(pool, event_id).await?;
    let mut tx = begin_write(pool).await?;
    let now = now_utc();
    for &(person_id, attended) in register {
        let exists: Option<Id> =
            sqlx::query_scalar("SELECT id FROM people WHERE id = ?").bind(person_id).fetch_optional(&mut *tx).await?;
        if exists.is_none() {
            return Err(StoreError::invalid("attended", "Record attendance for people on the list"));
        }
        sqlx::query(
            "INSERT INTO workshop_attendance (event_id, person_id, attended, recorded_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (event_id, person_id) DO UPDATE SET attended = excluded.attended, recorded_at = excluded.recorded_at",
        )
        .bind(event_id)
        .bind(person_id)
        .bind(i64::from(attended))
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// People who attended at least one event of the programme, by name.
pub async fn attendees(pool: &Pool, programme_id: Id) -> StoreResult<Vec<(Id, String)>> {
    Ok(sqlx::query_as(
        "SELECT DISTINCT p.id, p.name FROM workshop_attendance a
         JOIN workshop_events e ON e.id = a.event_id JOIN people p ON p.id = a.person_id
         WHERE e.programme_id = ? AND a.attended = 1 ORDER BY p.name",
    )
    .bind(programme_id)
    .fetch_all(pool)
    .await?)
}

/// For each event of the programme: (event id, people recorded, people who attended).
pub async fn attendance_counts(pool: &Pool, programme_id: Id) -> StoreResult<Vec<(Id, u32, u32)>> {
    let rows: Vec<(Id, i64, i64)> = sqlx::query_as(
        "SELECT e.id, COUNT(a.person_id), COALESCE(SUM(a.attended), 0)
         FROM workshop_events e LEFT JOIN workshop_attendance a ON a.event_id = e.id
         WHERE e.programme_id = ? GROUP BY e.id",
    )
    .bind(programme_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(id, recorded, came)| (id, recorded as u32, came as u32)).collect())
}

/// An action agreed at or after an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRow {
    pub id: Id,
    pub programme_id: Id,
    pub event_id: Option<Id>,
    pub text: String,
    pub owner_id: Option<Id>,
    pub owner_name: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub status: ActionStatus,
}

/// What the "add an action" form submits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAction {
    pub event_id: Option<Id>,
    pub text: String,
    pub owner_id: Option<Id>,
    pub due_on: Option<NaiveDate>,
}

pub async fn actions(pool: &Pool, programme_id: Id) -> StoreResult<Vec<ActionRow>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Id,
        programme_id: Id,
        event_id: Option<Id>,
        text: String,
        owner_id: Option<Id>,
        owner_name: Option<String>,
        due_on: Option<String>,
        status: ActionStatus,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.id, a.programme_id, a.event_id, a.text, a.owner_id, p.name AS owner_name, a.due_on, a.status
         FROM workshop_actions a LEFT JOIN people p ON p.id = a.owner_id
         WHERE a.programme_id = ? ORDER BY a.status DESC, a.due_on IS NULL, a.due_on, a.id",
    )
    .bind(programme_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| ActionRow {
            id: row.id,
            programme_id: row.programme_id,
            event_id: row.event_id,
            text: row.text,
            owner_id: row.owner_id,
            owner_name: row.owner_name,
            due_on: parse_date(row.due_on),
            status: row.status,
        })
        .collect())
}

/// Adds an action. It needs words and an owner; the due date is optional.
pub async fn add_action(pool: &Pool, programme_id: Id, action: &NewAction) -> StoreResult<Id> {
    get_programme(pool, programme_id).await?;
    let mut errors = FieldErrors::new();
    let text = required_text(&mut errors, "action_text", "what the action is", &action.text, ACTION_TEXT_MAX);
    if action.owner_id.is_none() {
        errors.add("owner_id", "Select who owns the action");
    }
    if let Some(event_id) = action.event_id {
        if super::event_programme_id(pool, event_id).await.ok() != Some(programme_id) {
            errors.add("event_id", "Select an event of this programme");
        }
    }
    if !errors.is_empty() {
        return Err(StoreError::Invalid(errors));
    }
    let mut tx = begin_write(pool).await?;
    let id: Id = sqlx::query_scalar(
        "INSERT INTO workshop_actions (programme_id, event_id, text, owner_id, due_on, status, created_at)
         VALUES (?, ?, ?, ?, ?, 'open', ?) RETURNING id",
    )
    .bind(programme_id)
    .bind(action.event_id)
    .bind(text)
    .bind(action.owner_id)
    .bind(action.due_on.map(|d| d.to_string()))
    .bind(now_utc())
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(db) if db.kind() == sqlx::error::ErrorKind::ForeignKeyViolation => {
            StoreError::invalid("owner_id", "Select who owns the action from the list")
        }
        _ => StoreError::Db(e),
    })?;
    tx.commit().await?;
    Ok(id)
}

/// Marks an action done or open again. Returns its programme.
pub async fn set_action_status(pool: &Pool, action_id: Id, status: ActionStatus) -> StoreResult<Id> {
    let mut tx = begin_write(pool).await?;
    let programme_id: Id = sqlx::query_scalar("SELECT programme_id FROM workshop_actions WHERE id = ?")
        .bind(action_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound("Action"))?;
    sqlx::query("UPDATE workshop_actions SET status = ? WHERE id = ?")
        .bind(status.code())
        .bind(action_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(programme_id)
}

/// The programme an action belongs to.
pub async fn action_programme_id(pool: &Pool, action_id: Id) -> StoreResult<Id> {
    sqlx::query_scalar("SELECT programme_id FROM workshop_actions WHERE id = ?")
        .bind(action_id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("Action"))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct OutcomeRow {
    pub id: Id,
    pub event_id: Option<Id>,
    pub text: String,
    pub created_at: String,
}

pub async fn outcomes(pool: &Pool, programme_id: Id) -> StoreResult<Vec<OutcomeRow>> {
    Ok(sqlx::query_as(
        "SELECT id, event_id, text, created_at FROM workshop_outcomes WHERE programme_id = ? ORDER BY id",
    )
    .bind(programme_id)
    .fetch_all(pool)
    .await?)
}

/// Records an outcome of the programme, optionally of one of its events.
pub async fn add_outcome(pool: &Pool, programme_id: Id, event_id: Option<Id>, text: &str) -> StoreResult<Id> {
    get_programme(pool, programme_id).await?;
    let mut errors = FieldErrors::new();
    let text = required_text(&mut errors, "outcome_text", "the outcome", text, OUTCOME_TEXT_MAX);
    if let Some(event_id) = event_id {
        if super::event_programme_id(pool, event_id).await.ok() != Some(programme_id) {
            errors.add("outcome_event_id", "Select an event of this programme");
        }
    }
    if !errors.is_empty() {
        return Err(StoreError::Invalid(errors));
    }
    let mut tx = begin_write(pool).await?;
    let id: Id = sqlx::query_scalar(
        "INSERT INTO workshop_outcomes (programme_id, event_id, text, created_at) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(programme_id)
    .bind(event_id)
    .bind(text)
    .bind(now_utc())
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}
