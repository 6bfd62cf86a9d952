//! `GET /api/v1/people/{id}`: current levels by source and the full history.

use super::teams::{role_level, RoleLevelItem};
use super::{ApiCaller, ApiResult, AppStateRef};
use axum::extract::Path;
use axum::Json;
use serde::Serialize;
use skillmix::access::{Action, Resource};
use skillmix::analysis::History;
use skillmix::assessment::{Source, SourceFilter};
use skillmix::store::{assessments, people};
use skillmix::Id;

#[derive(Debug, Serialize)]
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

#[derive(Debug, Serialize)]
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

#[derive(Debug, Serialize)]
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

pub async fn show(state: AppStateRef, caller: ApiCaller, Path(id): Path<Id>) -> ApiResult<Json<PersonDetail>> {
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
pub async fn export(state: AppStateRef, caller: ApiCaller, Path(id): Path<Id>) -> ApiResult<axum::response::Response> {
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

/// The body of `POST /api/v1/people/{id}/assessments`. Unknown fields are refused.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAssessments {
    pub source: String,
    /// YYYY-MM-DD; today when left out.
    pub assessed_on: Option<String>,
    #[serde(default)]
    pub evidence: String,
    pub levels: Vec<NewLevel>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewLevel {
    pub skill_id: Id,
    pub level: i64,
}

#[derive(Debug, Serialize)]
pub struct Recorded {
    /// The ids of the new assessments, in the order given.
    pub ids: Vec<Id>,
}

/// `POST /api/v1/people/{id}/assessments`: records levels for a person (the same rules as the
/// assessment form: who may record which source, levels on each skill's scale, all or nothing).
/// Answers 201 with the new ids once they are committed.
pub async fn record(
    state: AppStateRef,
    caller: ApiCaller,
    Path(id): Path<Id>,
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
