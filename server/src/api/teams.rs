//! `GET /api/v1/teams` and `GET /api/v1/teams/{id}`.

use super::{ApiCaller, ApiPath, ApiResult, AppStateRef};
use axum::Json;
use serde::Serialize;
use skillmix::access::{Action, Resource};
use skillmix::store::{framework, people};
use skillmix::Id;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamItem {
    pub id: Id,
    pub name: String,
    pub description: String,
    pub framework_version_id: Id,
    pub review_cadence_months: u32,
}

/// The teams the caller may see, with their ids.
#[utoipa::path(get, path = "/teams", responses((status = 200, description = "The teams the caller may see", body = Vec<TeamItem>)))]
pub async fn list(state: AppStateRef, caller: ApiCaller) -> ApiResult<Json<Vec<TeamItem>>> {
    if !caller.0.viewer.is_signed_in() {
        caller.require(&state, Action::Read, Resource::Teams).await?;
    }
    let teams = people::list_teams(&state.pool).await?;
    Ok(Json(
        teams
            .into_iter()
            .filter(|t| caller.0.may(Action::Read, &Resource::Team { id: t.id }))
            .map(|t| TeamItem {
                id: t.id,
                name: t.name,
                description: t.description,
                framework_version_id: t.framework_version_id,
                review_cadence_months: t.review_cadence_months,
            })
            .collect(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberItem {
    pub person_id: Id,
    pub name: String,
    pub is_lead: bool,
    pub role_level: Option<RoleLevelItem>,
    pub target_role_level: Option<RoleLevelItem>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleLevelItem {
    pub id: Id,
    pub role: String,
    pub level: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamDetail {
    #[serde(flatten)]
    pub team: TeamItem,
    pub members: Vec<MemberItem>,
}

/// A team with its members and their role levels.
#[utoipa::path(get, path = "/teams/{id}", params(("id" = Id, Path, example = 1, description = "The team's id")),
    responses((status = 200, description = "The team", body = TeamDetail)))]
pub async fn show(state: AppStateRef, caller: ApiCaller, ApiPath(id): ApiPath<Id>) -> ApiResult<Json<TeamDetail>> {
    caller.require(&state, Action::Read, Resource::Team { id }).await?;
    let team = people::get_team(&state.pool, id).await?;
    let mut members = Vec::new();
    for m in people::team_members(&state.pool, id).await? {
        members.push(MemberItem {
            person_id: m.person.id,
            name: m.person.name.clone(),
            is_lead: m.is_lead,
            role_level: role_level(&state, m.person.role_level_id).await?,
            target_role_level: role_level(&state, m.person.target_role_level_id).await?,
        });
    }
    Ok(Json(TeamDetail {
        team: TeamItem {
            id: team.id,
            name: team.name,
            description: team.description,
            framework_version_id: team.framework_version_id,
            review_cadence_months: team.review_cadence_months,
        },
        members,
    }))
}

pub(crate) async fn role_level(state: &app::ssr::AppState, id: Option<Id>) -> ApiResult<Option<RoleLevelItem>> {
    match id {
        None => Ok(None),
        Some(id) => {
            let r = framework::role_level_ref(&state.pool, id).await?;
            Ok(Some(RoleLevelItem { id: r.id, role: r.role_name, level: r.name }))
        }
    }
}
