//! Workshop programmes for integrations and calendars:
//!
//! - `GET /api/v1/workshops`: the programmes the caller may see, with ids, teams and dates;
//! - `GET /api/v1/workshops/{id}.json` (or `/workshops/{id}`): a programme with its events,
//!   agendas with computed times, invitations, attendance, actions and outcomes;
//! - `GET /api/v1/workshops/{id}/calendar.ics`: RFC 5545, one VEVENT per event with a stable
//!   UID, times in UTC (see `skillmix::workshop::ics`).

use super::heatmap::download;
use super::{ApiCaller, ApiError, ApiPath, ApiResult, AppStateRef};
use app::error::AppError;
use axum::response::Response;
use axum::Json;
use chrono::{FixedOffset, NaiveDate, Utc};
use serde::Serialize;
use skillmix::access::{Action, Resource};
use skillmix::store::audit::{self, Outcome};
use skillmix::store::{framework, people, workshops};
use skillmix::workshop::follow_up::{ActionStatus, InvitationRole, InvitationStatus};
use skillmix::workshop::schedule::schedule;
use skillmix::workshop::{ics, zone_or_default, ZonedTime};
use skillmix::Id;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = WorkshopTeam)]
pub struct TeamRef {
    pub id: Id,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeItem {
    pub id: Id,
    pub title: String,
    pub teams: Vec<TeamRef>,
    pub skill_ids: Vec<Id>,
    pub events: u32,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub follow_up_on: Option<NaiveDate>,
}

/// The programmes the caller may see, soonest first.
#[utoipa::path(get, path = "/workshops",
    responses((status = 200, description = "Workshop programmes with their ids, teams, targeted skills and dates", body = Vec<ProgrammeItem>)))]
pub async fn list(state: AppStateRef, caller: ApiCaller) -> ApiResult<Json<Vec<ProgrammeItem>>> {
    if !caller.0.viewer.is_signed_in() {
        caller.require(&state, Action::Read, Resource::Workshop { team_ids: vec![] }).await?;
    }
    let teams = people::list_teams(&state.pool).await?;
    let team_ref =
        |id: Id| TeamRef { id, name: teams.iter().find(|t| t.id == id).map(|t| t.name.clone()).unwrap_or_default() };
    Ok(Json(
        workshops::list_programmes(&state.pool)
            .await?
            .into_iter()
            .filter(|p| caller.0.may(Action::Read, &Resource::Workshop { team_ids: p.team_ids.clone() }))
            .map(|p| ProgrammeItem {
                id: p.id,
                title: p.title,
                teams: p.team_ids.iter().map(|id| team_ref(*id)).collect(),
                skill_ids: p.skill_ids,
                events: p.events,
                first_date: p.first_date,
                last_date: p.last_date,
                follow_up_on: p.follow_up_on,
            })
            .collect(),
    ))
}

/// `{id}` or `{id}.json`.
fn programme_id(raw: &str) -> ApiResult<Id> {
    raw.strip_suffix(".json").unwrap_or(raw).parse().map_err(|_| ApiError(AppError::NotFound("Programme".into())))
}

/// Another lead's programme answers as a missing one does (404), as the pages and server
/// functions do, so that programme ids cannot be probed; the refusal is still audited.
async fn authorise(state: &app::ssr::AppState, caller: &ApiCaller, id: Id) -> ApiResult<()> {
    let team_ids = workshops::programme_team_ids(&state.pool, id).await?;
    match caller.require(state, Action::Export, Resource::Workshop { team_ids }).await {
        Err(ApiError(AppError::Forbidden)) => Err(ApiError(AppError::NotFound("Programme".into()))),
        other => other,
    }
}

async fn audit_export(state: &app::ssr::AppState, caller: &ApiCaller, what: &str, id: Id) {
    let _ = audit::record(
        &state.pool,
        &caller.0.actor(),
        &format!("export.workshop.{what}"),
        Some(&format!("programme:{id}")),
        Outcome::Ok,
        None,
    )
    .await;
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = WorkshopSkill)]
pub struct SkillRef {
    pub id: Id,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = WorkshopPerson)]
pub struct PersonRef {
    pub id: Id,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgendaEntry {
    pub id: Id,
    pub position: u32,
    pub title: String,
    pub method_id: Option<Id>,
    pub method: Option<String>,
    pub minutes: u32,
    pub is_break: bool,
    /// Wall-clock start and end in the programme's zone ("09:30"), and the same moments with
    /// their UTC offset.
    pub start: String,
    pub end: String,
    pub starts_at: String,
    pub ends_at: String,
    pub facilitator: Option<PersonRef>,
    pub materials: String,
    pub notes: String,
    pub last_actual_minutes: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceEntry {
    pub person_id: Id,
    pub name: String,
    pub attended: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventEntry {
    pub id: Id,
    pub title: String,
    pub date: NaiveDate,
    pub start_time: String,
    pub duration_minutes: u32,
    pub starts_at: String,
    pub ends_at: String,
    pub place: Option<String>,
    pub online_link: Option<String>,
    pub capacity: Option<u32>,
    pub calendar_uid: String,
    pub agenda_minutes: u32,
    pub overrun_minutes: u32,
    pub warnings: Vec<String>,
    pub agenda: Vec<AgendaEntry>,
    pub attendance: Vec<AttendanceEntry>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationEntry {
    pub person_id: Id,
    pub name: String,
    pub role: InvitationRole,
    pub status: InvitationStatus,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ActionEntry {
    pub id: Id,
    pub text: String,
    pub owner: Option<PersonRef>,
    pub due_on: Option<NaiveDate>,
    pub status: ActionStatus,
    pub event_id: Option<Id>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomeEntry {
    pub id: Id,
    pub text: String,
    pub event_id: Option<Id>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeExport {
    pub id: Id,
    pub title: String,
    pub problem_statement: String,
    pub objectives: Vec<String>,
    pub approach: String,
    pub tools: Vec<String>,
    pub time_zone: String,
    pub teams: Vec<TeamRef>,
    pub skills: Vec<SkillRef>,
    pub follow_up_on: Option<NaiveDate>,
    pub events: Vec<EventEntry>,
    pub invitations: Vec<InvitationEntry>,
    pub actions: Vec<ActionEntry>,
    pub outcomes: Vec<OutcomeEntry>,
}

/// A person's name, looked up once.
async fn person_name(pool: &skillmix::store::Pool, names: &mut Vec<(Id, String)>, person: Id) -> ApiResult<String> {
    if let Some((_, name)) = names.iter().find(|(id, _)| *id == person) {
        return Ok(name.clone());
    }
    let name = people::get_person(pool, person).await?.name;
    names.push((person, name.clone()));
    Ok(name)
}

fn with_offset(at: &ZonedTime) -> String {
    let offset = FixedOffset::east_opt(at.utc_offset_minutes * 60).unwrap_or(FixedOffset::east_opt(0).expect("UTC"));
    at.utc.with_timezone(&offset).to_rfc3339()
}

/// The programme as JSON: events in date order, agendas with computed times (in the
/// programme's zone and with their UTC offset), invitations, attendance, actions and outcomes.
/// Needs Export on the programme's teams.
#[utoipa::path(get, path = "/workshops/{id}",
    params(("id" = String, Path, example = "1", pattern = "^[0-9]+(\\.json)?$", description = "The programme's id, optionally followed by `.json`")),
    responses((status = 200, description = "The programme", body = ProgrammeExport),
        (status = 409, description = "An event's agenda cannot be scheduled", body = super::ErrorBody)))]
pub async fn show(
    state: AppStateRef,
    caller: ApiCaller,
    ApiPath(raw): ApiPath<String>,
) -> ApiResult<Json<ProgrammeExport>> {
    let id = programme_id(&raw)?;
    authorise(&state, &caller, id).await?;
    let pool = &state.pool;
    let record = workshops::get_programme(pool, id).await?;
    let programme = record.programme;
    let zone = zone_or_default(&programme.time_zone);
    let methods = workshops::list_methods(pool).await?;
    let mut names: Vec<(Id, String)> = Vec::new();
    let mut events = Vec::new();
    for event in workshops::events_of(pool, id).await? {
        let event_id = event.id.unwrap_or_default();
        let rows = workshops::agenda_items(pool, event_id).await?;
        let items: Vec<_> = rows.iter().map(|r| r.item.clone()).collect();
        let timing = schedule(&event, &items, zone).map_err(|e| ApiError(AppError::Conflict(e.to_string())))?;
        let mut agenda = Vec::with_capacity(rows.len());
        for (row, t) in rows.iter().zip(&timing.items) {
            let facilitator = match row.item.facilitator_id {
                Some(person) => Some(PersonRef { id: person, name: person_name(pool, &mut names, person).await? }),
                None => None,
            };
            agenda.push(AgendaEntry {
                id: row.item.id.unwrap_or_default(),
                position: row.item.position,
                title: row.item.title.clone(),
                method_id: row.item.method_id,
                method: row
                    .item
                    .method_id
                    .and_then(|m| methods.iter().find(|x| x.id == Some(m)))
                    .map(|m| m.name.clone()),
                minutes: row.item.minutes,
                is_break: row.item.is_break,
                start: t.start.clock(),
                end: t.end.clock(),
                starts_at: with_offset(&t.start),
                ends_at: with_offset(&t.end),
                facilitator,
                materials: row.item.materials.clone(),
                notes: row.item.notes.clone(),
                last_actual_minutes: row.last_actual_minutes,
            });
        }
        let attendance = workshops::attendance(pool, event_id)
            .await?
            .into_iter()
            .map(|a| AttendanceEntry { person_id: a.person_id, name: a.person_name, attended: a.attended })
            .collect();
        events.push(EventEntry {
            id: event_id,
            title: event.title.clone(),
            date: event.date,
            start_time: event.start_time.format("%H:%M").to_string(),
            duration_minutes: event.duration_minutes,
            starts_at: with_offset(&timing.start),
            ends_at: with_offset(&timing.end),
            place: event.place.clone(),
            online_link: event.online_link.clone(),
            capacity: event.capacity,
            calendar_uid: ics::event_uid(id, event_id),
            agenda_minutes: timing.agenda_minutes,
            overrun_minutes: timing.overrun_minutes,
            warnings: timing.warnings(),
            agenda,
            attendance,
        });
    }
    let teams = people::list_teams(pool).await?;
    let mut skills = Vec::new();
    for skill_id in &programme.skill_ids {
        let skill = framework::get_skill(pool, *skill_id).await?;
        skills.push(SkillRef { id: skill.id, code: skill.code, name: skill.name });
    }
    let mut actions = Vec::new();
    for a in workshops::actions(pool, id).await? {
        actions.push(ActionEntry {
            id: a.id,
            text: a.text,
            owner: a.owner_id.zip(a.owner_name).map(|(id, name)| PersonRef { id, name }),
            due_on: a.due_on,
            status: a.status,
            event_id: a.event_id,
        });
    }
    let export = ProgrammeExport {
        id,
        title: programme.title,
        problem_statement: programme.problem_statement,
        objectives: programme.objectives,
        approach: programme.approach,
        tools: programme.tools,
        time_zone: programme.time_zone,
        teams: teams
            .iter()
            .filter(|t| programme.team_ids.contains(&t.id))
            .map(|t| TeamRef { id: t.id, name: t.name.clone() })
            .collect(),
        skills,
        follow_up_on: record.follow_up_on,
        events,
        invitations: workshops::invitations(pool, id)
            .await?
            .into_iter()
            .map(|i| InvitationEntry { person_id: i.person_id, name: i.person_name, role: i.role, status: i.status })
            .collect(),
        actions,
        outcomes: workshops::outcomes(pool, id)
            .await?
            .into_iter()
            .map(|o| OutcomeEntry { id: o.id, text: o.text, event_id: o.event_id })
            .collect(),
    };
    audit_export(&state, &caller, "json", id).await;
    Ok(Json(export))
}

/// The programme's events as an RFC 5545 calendar: one VEVENT per event with a stable UID, times
/// in UTC, as a file download.
#[utoipa::path(get, path = "/workshops/{id}/calendar.ics", params(("id" = Id, Path, example = 1, description = "The programme's id")),
    responses((status = 200, description = "The calendar", content_type = "text/calendar; charset=utf-8", body = String),
        (status = 409, description = "The programme's events cannot be written as a calendar", body = super::ErrorBody)))]
pub async fn calendar(state: AppStateRef, caller: ApiCaller, ApiPath(id): ApiPath<Id>) -> ApiResult<Response> {
    authorise(&state, &caller, id).await?;
    let record = workshops::get_programme(&state.pool, id).await?;
    let events = workshops::events_of(&state.pool, id).await?;
    let text = ics::programme_calendar(&record.programme, &events, Utc::now())
        .map_err(|e| ApiError(AppError::Conflict(capitalise(&e.to_string()))))?;
    audit_export(&state, &caller, "ics", id).await;
    Ok(download(text.into_bytes(), ics::CONTENT_TYPE, &ics::file_name(id)))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::programme_id;

    #[test]
    fn the_programme_id_may_end_in_json() {
        assert_eq!(programme_id("12.json").ok(), Some(12));
        assert_eq!(programme_id("12").ok(), Some(12));
        assert!(programme_id("twelve.json").is_err());
    }
}
