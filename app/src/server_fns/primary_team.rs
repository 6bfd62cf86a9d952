//! The team a person in several teams counts under in the organisation's figures for senior
//! staff. Counting each person once keeps the roll-up's team rows adding up to its totals, so
//! no difference of two figures singles out the people in two teams (issue 12, disclosure
//! control). A lead of one of the person's teams, or an administrator, chooses it on the team
//! page; until then it is the person's first team.

use crate::error::AppError;
use leptos::prelude::*;
use skillmix::Id;

use serde::{Deserialize, Serialize};

/// A team member who is also in other teams: the teams, and the one they count in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedMember {
    pub person_id: Id,
    pub name: String,
    /// (team id, name), by name.
    pub teams: Vec<(Id, String)>,
    pub primary_team_id: Id,
}

/// The members of a team who are in other teams too, with the team each counts under: loaded
/// with the team page (the caller's access to the team is checked there).
#[cfg(feature = "ssr")]
pub async fn load_shared_members(pool: &skillmix::store::Pool, team_id: Id) -> Result<Vec<SharedMember>, AppError> {
    let members = skillmix::store::org::shared_members(pool, team_id).await?;
    Ok(members
        .into_iter()
        .map(|m| SharedMember {
            person_id: m.person_id,
            name: m.name,
            teams: m.teams,
            primary_team_id: m.primary_team_id,
        })
        .collect())
}

/// Records which of their teams `person_id`, a member of `team_id`, counts under.
#[server(endpoint = "teams/primary-team")]
pub async fn set_primary_team(team_id: Id, person_id: Id, primary_team_id: Id) -> Result<(), AppError> {
    use skillmix::access::{Action, Resource};

    let caller = crate::ssr::require(Action::Update, Resource::Team { id: team_id }).await?;
    let pool = crate::ssr::pool();
    let teams = skillmix::store::people::team_ids_of_person(&pool, person_id).await?;
    if !teams.contains(&team_id) {
        return Err(AppError::NotFound("A member of this team".into()));
    }
    if !teams.contains(&primary_team_id) {
        return Err(AppError::field("primary_team_id", "Choose one of the teams this person is in"));
    }
    skillmix::store::org::set_primary_team(&pool, person_id, primary_team_id).await?;
    crate::ssr::audit_ok(&caller, "team.primary-team", Some(format!("team:{primary_team_id} person:{person_id}")))
        .await;
    Ok(())
}
