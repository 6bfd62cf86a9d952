//! Workshop programmes: the programme itself (teams, targeted skills, follow-up date), its
//! events and timed agendas with the facilitation timer ([`agenda`]), the method library
//! ([`methods`]), invitations, attendance, actions and outcomes ([`people`]), and the demo
//! programme ([`demo`]).
//!
//! Every write runs in one `BEGIN IMMEDIATE` transaction and validates first with
//! [`crate::workshop::validate`], so a bad form changes nothing and names its fields.

use super::{begin_write, now_utc, Pool, StoreError, StoreResult, Tx};
use crate::workshop::model::{lines, Programme, ProgrammePlan};
use crate::workshop::validate::validate_programme;
use crate::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub mod agenda;
pub mod demo;
pub mod methods;
pub mod people;

pub use agenda::*;
pub use methods::*;
pub use people::*;

/// Longest free text (problem statement, approach, notes) accepted.
pub const TEXT_MAX: usize = 4000;

/// A stored programme with what the domain type does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeRecord {
    pub programme: Programme,
    /// When attendees are due for re-assessment of the targeted skills.
    pub follow_up_on: Option<NaiveDate>,
    pub created_at: String,
    pub updated_at: String,
}

/// A programme in the list: enough to find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeSummary {
    pub id: Id,
    pub title: String,
    pub team_ids: Vec<Id>,
    pub skill_ids: Vec<Id>,
    pub events: u32,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub follow_up_on: Option<NaiveDate>,
}

pub(crate) fn parse_date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

/// A row of [`PROGRAMME_COLUMNS`].
#[derive(sqlx::FromRow)]
struct ProgrammeRow {
    id: Id,
    title: String,
    problem_statement: String,
    objectives: String,
    approach: String,
    tools: String,
    time_zone: String,
    follow_up_on: Option<String>,
    created_at: String,
    updated_at: String,
}

impl From<ProgrammeRow> for ProgrammeRecord {
    fn from(row: ProgrammeRow) -> ProgrammeRecord {
        ProgrammeRecord {
            programme: Programme {
                id: Some(row.id),
                title: row.title,
                problem_statement: row.problem_statement,
                objectives: lines(&row.objectives),
                approach: row.approach,
                tools: lines(&row.tools),
                skill_ids: Vec::new(),
                team_ids: Vec::new(),
                time_zone: row.time_zone,
            },
            follow_up_on: parse_date(row.follow_up_on),
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

const PROGRAMME_COLUMNS: &str =
    "id, title, problem_statement, objectives, approach, tools, time_zone, follow_up_on, created_at, updated_at";

async fn team_ids_of(pool: &Pool, programme_id: Id) -> StoreResult<Vec<Id>> {
    Ok(sqlx::query_scalar("SELECT team_id FROM workshop_programme_teams WHERE programme_id = ? ORDER BY team_id")
        .bind(programme_id)
        .fetch_all(pool)
        .await?)
}

async fn skill_ids_of(pool: &Pool, programme_id: Id) -> StoreResult<Vec<Id>> {
    Ok(sqlx::query_scalar(
        "SELECT skill_id FROM workshop_programme_skills WHERE programme_id = ? ORDER BY position, skill_id",
    )
    .bind(programme_id)
    .fetch_all(pool)
    .await?)
}

/// Every programme, the soonest-starting first (programmes without events last).
pub async fn list_programmes(pool: &Pool) -> StoreResult<Vec<ProgrammeSummary>> {
    #[derive(sqlx::FromRow)]
    struct SummaryRow {
        id: Id,
        title: String,
        follow_up_on: Option<String>,
        events: i64,
        first_date: Option<String>,
        last_date: Option<String>,
    }
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT p.id, p.title, p.follow_up_on,
                (SELECT COUNT(*) FROM workshop_events e WHERE e.programme_id = p.id) AS events,
                (SELECT MIN(e.starts_on) FROM workshop_events e WHERE e.programme_id = p.id) AS first_date,
                (SELECT MAX(e.starts_on) FROM workshop_events e WHERE e.programme_id = p.id) AS last_date
         FROM workshop_programmes p
         ORDER BY first_date IS NULL, first_date DESC, p.id DESC",
    )
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let id = row.id;
        out.push(ProgrammeSummary {
            id,
            title: row.title,
            team_ids: team_ids_of(pool, id).await?,
            skill_ids: skill_ids_of(pool, id).await?,
            events: row.events as u32,
            first_date: parse_date(row.first_date),
            last_date: parse_date(row.last_date),
            follow_up_on: parse_date(row.follow_up_on),
        });
    }
    Ok(out)
}

pub async fn get_programme(pool: &Pool, id: Id) -> StoreResult<ProgrammeRecord> {
    let row: ProgrammeRow =
        sqlx::query_as(&format!("SELECT {PROGRAMME_COLUMNS} FROM workshop_programmes WHERE id = ?"))
            .bind(id)
            .fetch_optional(pool)
            .await?
            .ok_or(StoreError::NotFound("Programme"))?;
    let mut record = ProgrammeRecord::from(row);
    record.programme.team_ids = team_ids_of(pool, id).await?;
    record.programme.skill_ids = skill_ids_of(pool, id).await?;
    Ok(record)
}

/// The teams of a programme, for the access check. `NotFound` when there is no such programme.
pub async fn programme_team_ids(pool: &Pool, id: Id) -> StoreResult<Vec<Id>> {
    let exists: Option<Id> =
        sqlx::query_scalar("SELECT id FROM workshop_programmes WHERE id = ?").bind(id).fetch_optional(pool).await?;
    exists.ok_or(StoreError::NotFound("Programme"))?;
    team_ids_of(pool, id).await
}

/// Checks the programme form: the domain's rules, at least one team, the teams and skills exist,
/// and the free texts are not too long.
async fn validate(pool: &Pool, programme: &Programme) -> StoreResult<()> {
    let mut errors = validate_programme(programme);
    for (field, label, text) in [
        ("problem_statement", "The problem statement", programme.problem_statement.as_str()),
        ("approach", "The approach", programme.approach.as_str()),
    ] {
        if text.chars().count() > TEXT_MAX {
            errors.add(field, format!("{label} must be {TEXT_MAX} characters or fewer"));
        }
    }
    for (field, label, list) in
        [("objectives", "Objectives", &programme.objectives), ("tools", "Tools", &programme.tools)]
    {
        if list.iter().map(|l| l.chars().count() + 1).sum::<usize>() > TEXT_MAX {
            errors.add(field, format!("{label} must be {TEXT_MAX} characters or fewer"));
        }
    }
    if programme.team_ids.is_empty() {
        errors.add("teams", "Select the team or teams the programme is for");
    } else if count_existing(pool, "teams", &programme.team_ids).await? != programme.team_ids.len() {
        errors.add("teams", "Select teams from the list");
    }
    if count_existing(pool, "skills", &programme.skill_ids).await? != programme.skill_ids.len() {
        errors.add("skills", "Select skills from the list");
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(errors))
    }
}

async fn count_existing(pool: &Pool, table: &'static str, ids: &[Id]) -> StoreResult<usize> {
    if ids.is_empty() {
        return Ok(0);
    }
    let count: i64 =
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE id IN (SELECT value FROM json_each(?))"))
            .bind(ids_json(ids))
            .fetch_one(pool)
            .await?;
    Ok(count as usize)
}

pub(crate) fn ids_json(ids: &[Id]) -> String {
    serde_json::to_string(ids).expect("ids serialise")
}

/// `ids` without repeats, in first-seen order.
fn distinct(ids: &[Id]) -> Vec<Id> {
    let mut out: Vec<Id> = Vec::with_capacity(ids.len());
    for &id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

fn normalised(programme: &Programme) -> Programme {
    Programme {
        title: programme.title.trim().to_owned(),
        problem_statement: programme.problem_statement.trim().to_owned(),
        approach: programme.approach.trim().to_owned(),
        time_zone: programme.time_zone.trim().to_owned(),
        team_ids: distinct(&programme.team_ids),
        skill_ids: distinct(&programme.skill_ids),
        ..programme.clone()
    }
}

async fn write_links(tx: &mut Tx, id: Id, programme: &Programme) -> StoreResult<()> {
    sqlx::query("DELETE FROM workshop_programme_teams WHERE programme_id = ?").bind(id).execute(&mut **tx).await?;
    sqlx::query("DELETE FROM workshop_programme_skills WHERE programme_id = ?").bind(id).execute(&mut **tx).await?;
    for team_id in &programme.team_ids {
        sqlx::query("INSERT INTO workshop_programme_teams (programme_id, team_id) VALUES (?, ?)")
            .bind(id)
            .bind(team_id)
            .execute(&mut **tx)
            .await?;
    }
    for (position, skill_id) in programme.skill_ids.iter().enumerate() {
        sqlx::query("INSERT INTO workshop_programme_skills (programme_id, skill_id, position) VALUES (?, ?, ?)")
            .bind(id)
            .bind(skill_id)
            .bind(position as i64 + 1)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Creates a programme with its teams and targeted skills.
pub async fn create_programme(pool: &Pool, programme: &Programme, created_by_user_id: Option<Id>) -> StoreResult<Id> {
    let programme = normalised(programme);
    validate(pool, &programme).await?;
    let mut tx = begin_write(pool).await?;
    let id = insert_programme(&mut tx, &programme, created_by_user_id).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn insert_programme(
    tx: &mut Tx,
    programme: &Programme,
    created_by_user_id: Option<Id>,
) -> StoreResult<Id> {
    let now = now_utc();
    let id: Id = sqlx::query_scalar(
        "INSERT INTO workshop_programmes
            (title, problem_statement, objectives, approach, tools, time_zone, created_by_user_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&programme.title)
    .bind(&programme.problem_statement)
    .bind(programme.objectives.join("\n"))
    .bind(&programme.approach)
    .bind(programme.tools.join("\n"))
    .bind(&programme.time_zone)
    .bind(created_by_user_id)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut **tx)
    .await?;
    write_links(tx, id, programme).await?;
    Ok(id)
}

/// Saves the programme's details, teams and targeted skills (`programme.id` must be set).
pub async fn update_programme(pool: &Pool, programme: &Programme) -> StoreResult<()> {
    let id = programme.id.ok_or(StoreError::NotFound("Programme"))?;
    let programme = normalised(programme);
    validate(pool, &programme).await?;
    // Every event must still start at a time that exists in the (possibly new) zone.
    if let Ok(zone) = crate::workshop::parse_zone(&programme.time_zone) {
        for event in events_of(pool, id).await? {
            if let Err(e) = crate::workshop::zone::resolve_start(event.date, event.start_time, zone) {
                return Err(StoreError::invalid("time_zone", format!("{}: {}", event.title, e)));
            }
        }
    }
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query(
        "UPDATE workshop_programmes SET title = ?, problem_statement = ?, objectives = ?, approach = ?, tools = ?,
            time_zone = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&programme.title)
    .bind(&programme.problem_statement)
    .bind(programme.objectives.join("\n"))
    .bind(&programme.approach)
    .bind(programme.tools.join("\n"))
    .bind(&programme.time_zone)
    .bind(now_utc())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("Programme"));
    }
    write_links(&mut tx, id, &programme).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a programme with its events, agendas, invitations, attendance, actions and outcomes.
pub async fn delete_programme(pool: &Pool, id: Id) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query("DELETE FROM workshop_programmes WHERE id = ?").bind(id).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("Programme"));
    }
    tx.commit().await?;
    Ok(())
}

/// Sets (or clears) the date attendees are due for re-assessment. It must not be before the
/// first event.
pub async fn set_follow_up(pool: &Pool, id: Id, follow_up_on: Option<NaiveDate>) -> StoreResult<()> {
    if let Some(date) = follow_up_on {
        let first: Option<String> =
            sqlx::query_scalar("SELECT MIN(starts_on) FROM workshop_events WHERE programme_id = ?")
                .bind(id)
                .fetch_one(pool)
                .await?;
        if let Some(first) = parse_date(first) {
            if date <= first {
                return Err(StoreError::invalid(
                    "follow_up_on",
                    format!("The re-assessment date must be after the first event ({})", first.format("%-d %B %Y")),
                ));
            }
        }
    }
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query("UPDATE workshop_programmes SET follow_up_on = ?, updated_at = ? WHERE id = ?")
        .bind(follow_up_on.map(|d| d.to_string()))
        .bind(now_utc())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("Programme"));
    }
    tx.commit().await?;
    Ok(())
}

/// The programme with every event and its agenda, events in date order.
pub async fn load_plan(pool: &Pool, id: Id) -> StoreResult<ProgrammePlan> {
    let record = get_programme(pool, id).await?;
    let mut events = Vec::new();
    for event in events_of(pool, id).await? {
        let event_id = event.id.unwrap_or_default();
        let agenda = agenda_items(pool, event_id).await?.into_iter().map(|row| row.item).collect();
        events.push(crate::workshop::model::EventPlan { event, agenda });
    }
    Ok(ProgrammePlan { programme: record.programme, events })
}

/// A copy of the programme as a template for its next run: same teams, skills and agendas
/// (with each item's last actual minutes kept), dates moved by `shift`, titled "Copy of ...".
/// Invitations, attendance and follow-up are not copied.
pub async fn duplicate_programme(
    pool: &Pool,
    id: Id,
    shift: crate::workshop::DateShift,
    created_by_user_id: Option<Id>,
) -> StoreResult<Id> {
    let plan = load_plan(pool, id).await?;
    let mut actuals: Vec<Vec<Option<u32>>> = Vec::new();
    for event in &plan.events {
        actuals.push(last_actuals(pool, event.event.id.unwrap_or_default()).await?);
    }
    // The copy's events are sorted by date like the source's (load_plan order), so the
    // actuals line up event by event and item by item (agendas are copied in position order).
    let copy = crate::workshop::duplicate_programme(&plan, shift)
        .map_err(|e| StoreError::invalid("first_event_on", capitalise(&e.to_string())))?;
    let mut programme = copy.programme.clone();
    programme.title = copy_title(&programme.title);
    let mut tx = begin_write(pool).await?;
    let new_id = insert_programme(&mut tx, &programme, created_by_user_id).await?;
    for (event, actual) in copy.events.iter().zip(actuals) {
        agenda::insert_event_plan(&mut tx, new_id, event, &actual).await?;
    }
    tx.commit().await?;
    Ok(new_id)
}

pub(crate) fn copy_title(title: &str) -> String {
    let copy = format!("Copy of {title}");
    copy.chars().take(200).collect()
}

pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
