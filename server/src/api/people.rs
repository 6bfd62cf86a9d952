//! `GET /api/v1/people/{id}`: current levels by source and the full history.

use super::teams::{role_level, RoleLevelItem};
use super::{ApiCaller, ApiPath, ApiResult, AppStateRef};
use axum::Json;
use serde::Serialize;
use skillmix::access::{Action, Resource};
use skillmix::analysis::History;
use skillmix::assessment::{Source, SourceFilter};
use skillmix::store::{assessments, people};
use skillmix::Id;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct CurrentLevel {
    pub skill_id: Id,
    pub skill_code: String,
    pub skill: String,
    pub scale: skillmix::Scale,
    pub latest: Option<u8>,
    pub lead: Option<u8>,
    #[serde(rename = "self")]
    pub self_level: Option<u8>,
    pub peer: Option<u8>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryItem {
    pub id: Id,
    pub skill_id: Id,
    pub skill_code: String,
    pub level: u8,
    pub source: Source,
    pub assessed_on: String,
    pub assessor_id: Option<Id>,
    pub evidence: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonDetail {
    pub id: Id,
    pub name: String,
    pub email: Option<String>,
    pub role_level: Option<RoleLevelItem>,
    pub target_role_level: Option<RoleLevelItem>,
    pub team_ids: Vec<Id>,
    pub current: Vec<CurrentLevel>,
    pub history: Vec<HistoryItem>,
}

/// A person's current levels by source and their assessment history.
#[utoipa::path(get, path = "/people/{id}", params(("id" = Id, Path, example = 1, description = "The person's id")),
    responses((status = 200, description = "The person", body = PersonDetail)))]
pub async fn show(state: AppStateRef, caller: ApiCaller, ApiPath(id): ApiPath<Id>) -> ApiResult<Json<PersonDetail>> {
    let team_ids = people::team_ids_of_person(&state.pool, id).await?;
    caller.require(&state, Action::Read, Resource::Person { id, team_ids: team_ids.clone() }).await?;
    let person = people::get_person(&state.pool, id).await?;
    let entries = assessments::history(&state.pool, id).await?;
    let list: Vec<_> = entries.iter().map(|e| e.assessment.clone()).collect();
    let index = History::new(&list);
    let mut seen = std::collections::BTreeMap::new();
    for entry in &entries {
        seen.entry(entry.skill.id).or_insert_with(|| entry.skill.clone());
    }
    let current = seen
        .values()
        .map(|skill| {
            let level = |f| index.current_level(id, skill.id, f);
            CurrentLevel {
                skill_id: skill.id,
                skill_code: skill.code.clone(),
                skill: skill.name.clone(),
                scale: skill.scale,
                latest: level(SourceFilter::Latest),
                lead: level(SourceFilter::Only(Source::Lead)),
                self_level: level(SourceFilter::Only(Source::SelfAssessment)),
                peer: level(SourceFilter::Only(Source::Peer)),
            }
        })
        .collect();
    let history = entries
        .into_iter()
        .map(|e| HistoryItem {
            id: e.assessment.id,
            skill_id: e.skill.id,
            skill_code: e.skill.code,
            level: e.assessment.level,
            source: e.assessment.source,
            assessed_on: e.assessment.assessed_on.to_string(),
            assessor_id: e.assessment.assessor_id,
            evidence: e.assessment.evidence,
        })
        .collect();
    Ok(Json(PersonDetail {
        id,
        name: person.name,
        email: person.email,
        role_level: role_level(&state, person.role_level_id).await?,
        target_role_level: role_level(&state, person.target_role_level_id).await?,
        team_ids,
        current,
        history,
    }))
}

/// `GET /api/v1/people/{id}/export.json`: everything held about a person, for their right of
/// access. The person themselves or an administrator only (not their lead).
#[utoipa::path(get, path = "/people/{id}/export.json", params(("id" = Id, Path, example = 1, description = "The person's id")),
    responses((status = 200, description = "Everything held about the person, as a file download", body = PersonExport,
        headers(("content-disposition" = String, description = "attachment; filename=\"person-{id}-export.json\"")))))]
pub async fn export(
    state: AppStateRef,
    caller: ApiCaller,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<axum::response::Response> {
    let is_self = caller.0.viewer.person_id == Some(id);
    let is_admin = caller.0.viewer.is(skillmix::access::UserRole::Admin);
    if !is_self && !is_admin {
        let team_ids = people::team_ids_of_person(&state.pool, id).await?;
        caller.require(&state, Action::Erase, Resource::Person { id, team_ids }).await?;
    }
    let document = skillmix::store::subject_access::export_person(&state.pool, id).await?;
    let _ = skillmix::store::audit::record(
        &state.pool,
        &caller.0.actor(),
        "export.person",
        Some(&format!("person:{id}")),
        skillmix::store::audit::Outcome::Ok,
        None,
    )
    .await;
    let body = serde_json::to_vec_pretty(&document).map_err(|e| super::ApiError(app::error::AppError::internal(&e)))?;
    Ok(super::heatmap::download(body, "application/json", &format!("person-{id}-export.json")))
}

/// The document of `GET /api/v1/people/{id}/export.json` (built by
/// `skillmix::store::subject_access::export_person`): for this schema only. Each section holds
/// the rows of one table, as stored (columns by name), secrets left out.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct PersonExport {
    /// Always "skillmix-person-export".
    format: String,
    person_id: Id,
    people: Vec<ExportRow>,
    team_memberships: Vec<ExportRow>,
    assessments: Vec<ExportRow>,
    workshop_invitations: Vec<ExportRow>,
    workshop_attendance: Vec<ExportRow>,
    workshop_actions: Vec<ExportRow>,
    workshop_agenda_items: Vec<ExportRow>,
    plan_actions: Vec<ExportRow>,
    /// Their user accounts, without the password hash.
    users: Vec<ExportRow>,
    /// The history of their development plan's actions.
    plan_action_events: Vec<ExportRow>,
    /// Their assessments with the skill's name.
    assessments_readable: Vec<ReadableAssessment>,
    /// What their accounts did and what was done to them, from the audit log.
    audit_events: Vec<ExportRow>,
    /// Their API tokens: label and dates, never the digest.
    api_tokens: Vec<ExportRow>,
    /// Assessments they made of other people.
    assessments_made: Vec<ExportRow>,
    /// Other people's plan actions that they own.
    plan_actions_owned: Vec<ExportRow>,
    /// What came out of the workshops they were invited to or attended.
    workshop_outcomes: Vec<ExportRow>,
}

/// A database row: its columns by name, with their stored values.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ExportRow(std::collections::BTreeMap<String, serde_json::Value>);

#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ReadableAssessment {
    skill: String,
    level: Option<i64>,
    source: String,
    assessed_on: String,
}

/// The body of `POST /api/v1/people/{id}/assessments`. Unknown fields are refused.
#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssessments {
    /// Who assessed: self, lead or peer (what the caller may record for this person).
    #[schema(value_type = Source)]
    pub source: String,
    /// YYYY-MM-DD; today when left out.
    #[schema(value_type = Option<chrono::NaiveDate>)]
    pub assessed_on: Option<String>,
    #[serde(default)]
    pub evidence: String,
    pub levels: Vec<NewLevel>,
}

#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLevel {
    pub skill_id: Id,
    /// A level on the skill's scale: 1 to 4, or 1 to 7 for SFIA skills (at the levels the skill
    /// defines).
    #[schema(minimum = 1, maximum = 7)]
    pub level: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Recorded {
    /// The ids of the new assessments, in the order given.
    pub ids: Vec<Id>,
}

/// `POST /api/v1/people/{id}/assessments`: records levels for a person (the same rules as the
/// assessment form: who may record which source, levels on each skill's scale, all or nothing).
/// Answers 201 with the new ids once they are committed.
#[utoipa::path(post, path = "/people/{id}/assessments", params(("id" = Id, Path, example = 1, description = "The person's id")),
    request_body(content = NewAssessments, content_type = "application/json",
        description = "The levels to record, all or nothing (unknown fields are refused)"),
    responses(
        (status = 201, description = "Recorded: the new assessments' ids", body = Recorded),
        (status = 409, description = "The levels clash with what is stored", body = super::ErrorBody),
        (status = 413, description = "The body is over the server's limit", body = super::ErrorBody),
    ))]
pub async fn record(
    state: AppStateRef,
    caller: ApiCaller,
    ApiPath(id): ApiPath<Id>,
    body: axum::body::Bytes,
) -> ApiResult<(axum::http::StatusCode, Json<Recorded>)> {
    use app::error::AppError;
    use skillmix::store::assessments::{record, Batch, Entry};

    let team_ids = people::team_ids_of_person(&state.pool, id).await?;
    caller.require(&state, Action::Assess, Resource::Person { id, team_ids: team_ids.clone() }).await?;
    let input: NewAssessments = serde_json::from_slice(&body)
        .map_err(|e| super::ApiError(AppError::field("body", format!("The request body is not valid: {e}"))))?;
    let source = Source::from_code(input.source.trim())
        .filter(|s| skillmix::access::allowed_sources(&caller.0.viewer, id, &team_ids).contains(s))
        .ok_or_else(|| {
            super::ApiError(AppError::field(
                "source",
                format!("\"{}\" is not a source you may record for this person", input.source),
            ))
        })?;
    let assessed_on = match input.assessed_on.as_deref().map(str::trim) {
        None | Some("") => app::ssr::today(),
        Some(text) => text.parse().map_err(|_| {
            super::ApiError(AppError::field("assessed_on", format!("\"{text}\" is not a date like 2026-11-23")))
        })?,
    };
    let entries = input.levels.iter().map(|l| Entry { skill_id: l.skill_id, level: l.level }).collect();
    let batch = Batch {
        person_id: id,
        source,
        assessed_on,
        assessor_id: caller.0.viewer.person_id,
        evidence: input.evidence,
        entries,
    };
    let ids = record(&state.pool, &batch, app::ssr::today()).await?;
    let _ = skillmix::store::audit::record(
        &state.pool,
        &caller.0.actor(),
        "assessment.record",
        Some(&format!("person:{id} ({} skills)", ids.len())),
        skillmix::store::audit::Outcome::Ok,
        None,
    )
    .await;
    Ok((axum::http::StatusCode::CREATED, Json(Recorded { ids })))
}
