//! The dashboard, team pages, and creating, editing and deleting teams and their memberships.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use skillmix::framework::FrameworkVersion;
use skillmix::people::Team;
use skillmix::Id;

/// A team on the dashboard with its headline figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamCard {
    pub team: Team,
    pub leads: Vec<String>,
    pub people: u32,
    pub skills_assessed: u32,
    /// Required levels met, and how many are required.
    pub required_met: (u32, u32),
    pub single_holder: u32,
    pub uncovered: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardData {
    pub teams: Vec<TeamCard>,
    pub may_create_team: bool,
    pub may_create_person: bool,
    pub framework_versions: usize,
}

#[server(endpoint = "teams/dashboard", input = leptos::server_fn::codec::GetUrl)]
pub async fn dashboard() -> Result<DashboardData, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::{framework, people};

    let caller = crate::ssr::caller().await?;
    if !caller.viewer.is_signed_in() {
        return Err(AppError::SignInRequired);
    }
    let pool = crate::ssr::pool();
    let mut teams = Vec::new();
    for team in people::list_teams(&pool).await? {
        if caller.may(Action::Read, &Resource::Team { id: team.id }) {
            teams.push(team_card(&pool, team).await?);
        }
    }
    Ok(DashboardData {
        teams,
        may_create_team: caller.may(Action::Create, &Resource::Teams),
        may_create_person: caller.may(Action::Create, &Resource::People),
        framework_versions: framework::list_versions(&pool).await?.len(),
    })
}

#[cfg(feature = "ssr")]
async fn team_card(pool: &skillmix::store::Pool, team: Team) -> Result<TeamCard, AppError> {
    use skillmix::analysis::coverage::{coverage, CoverageOptions};
    use skillmix::analysis::matrix::TeamIndex;

    let data = skillmix::store::team_data::load(pool, team.id).await?;
    let index = TeamIndex::new(data.input(crate::ssr::today()));
    let figures = coverage(&index, &CoverageOptions::default()).map_err(|e| AppError::internal(&e))?;
    let headline = figures.headline;
    Ok(TeamCard {
        leads: data.members.iter().filter(|m| m.is_lead).map(|m| m.person.name.clone()).collect(),
        people: headline.people,
        skills_assessed: headline.skills_assessed,
        required_met: (headline.required_met.met, headline.required_met.of),
        single_holder: headline.single_holder,
        uncovered: headline.uncovered,
        team,
    })
}

/// A member row on the team page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub person_id: Id,
    pub name: String,
    pub role_level: Option<String>,
    pub target_role_level: Option<String>,
    pub is_lead: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamData {
    pub card: TeamCard,
    pub version: FrameworkVersion,
    pub members: Vec<MemberRow>,
    /// The "add a member" search: what was searched for, and the people found that the caller
    /// may add (a lead: people in no team; an administrator: anyone not in this team yet).
    pub find: String,
    pub found: Vec<(Id, String)>,
    /// How many people matched in all (more than `found` holds when the list was cut short).
    pub found_total: i64,
    /// An administrator may add people from other teams too (moving them).
    pub may_move_people: bool,
    pub may_edit: bool,
    /// Members who are in other teams too, with the team each counts in for senior staff.
    pub shared: Vec<crate::server_fns::primary_team::SharedMember>,
}

/// How many people the "add a member" search lists at most.
pub const MEMBER_SEARCH_LIMIT: i64 = 20;
/// The longest name search accepted (longer ones are cut).
pub const MEMBER_SEARCH_MAX: usize = 120;

#[server(endpoint = "teams/page", input = leptos::server_fn::codec::GetUrl)]
pub async fn team_page(id: Id, find: Option<String>) -> Result<TeamData, AppError> {
    use skillmix::access::{Action, Resource, UserRole};
    use skillmix::store::{framework, people};

    let caller = crate::ssr::require(Action::Read, Resource::Team { id }).await?;
    let pool = crate::ssr::pool();
    let team = people::get_team(&pool, id).await?;
    let version = framework::get_version(&pool, team.framework_version_id).await?;
    let card = team_card(&pool, team).await?;
    let members = people::team_members(&pool, id).await?;
    // The members' role levels in one query, not two per member.
    let level_ids: Vec<Id> =
        members.iter().flat_map(|m| [m.person.role_level_id, m.person.target_role_level_id]).flatten().collect();
    let names: std::collections::HashMap<Id, String> =
        framework::role_level_refs(&pool, &level_ids).await?.into_iter().map(|r| (r.id, r.name)).collect();
    let name_of = |id: Option<Id>| id.and_then(|id| names.get(&id).cloned());
    let rows = members
        .iter()
        .map(|member| MemberRow {
            person_id: member.person.id,
            name: member.person.name.clone(),
            role_level: name_of(member.person.role_level_id),
            target_role_level: name_of(member.person.target_role_level_id),
            is_lead: member.is_lead,
        })
        .collect();
    let may_edit = caller.may(Action::Update, &Resource::Team { id });
    let may_move_people = caller.viewer.is(UserRole::Admin);
    let find: String = find.unwrap_or_default().trim().chars().take(MEMBER_SEARCH_MAX).collect();
    // Only those who may change the team search, and they find only the people they may add.
    let found = if may_edit {
        people::search_people_to_add(&pool, id, &find, !may_move_people, MEMBER_SEARCH_LIMIT).await?
    } else {
        people::PeopleFound::default()
    };
    let shared = crate::server_fns::primary_team::load_shared_members(&pool, id).await?;
    Ok(TeamData {
        shared,
        card,
        version,
        members: rows,
        find,
        found: found.people,
        found_total: found.total,
        may_move_people,
        may_edit,
    })
}

/// What the team form needs: the framework versions to choose from, and the team when editing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamFormFields {
    pub versions: Vec<FrameworkVersion>,
    pub team: Option<Team>,
}

#[server(endpoint = "teams/form", input = leptos::server_fn::codec::GetUrl)]
pub async fn team_form_data(id: Option<Id>) -> Result<TeamFormFields, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::{framework, people};

    let resource = match id {
        Some(id) => Resource::Team { id },
        None => Resource::Teams,
    };
    let action = if id.is_some() { Action::Update } else { Action::Create };
    crate::ssr::require(action, resource).await?;
    let pool = crate::ssr::pool();
    let team = match id {
        Some(id) => Some(people::get_team(&pool, id).await?),
        None => None,
    };
    Ok(TeamFormFields { versions: framework::list_versions(&pool).await?, team })
}

#[cfg(feature = "ssr")]
fn team_form(
    name: String,
    description: String,
    framework_version_id: String,
    review_cadence_months: String,
) -> Result<skillmix::store::people::TeamForm, AppError> {
    let cadence = review_cadence_months.trim();
    let review_cadence_months = if cadence.is_empty() {
        None
    } else {
        Some(cadence.parse::<i64>().map_err(|_| {
            AppError::field("review_cadence_months", "Review cadence must be a whole number of months, like 6")
        })?)
    };
    Ok(skillmix::store::people::TeamForm {
        name,
        description,
        framework_version_id: crate::ssr::parse_optional_id(
            "framework_version_id",
            "the framework version",
            &framework_version_id,
        )?,
        review_cadence_months,
    })
}

#[server(endpoint = "teams/create")]
pub async fn create_team(
    name: String,
    description: String,
    framework_version_id: String,
    review_cadence_months: String,
) -> Result<Id, AppError> {
    use skillmix::access::{Action, Resource};

    let caller = crate::ssr::require(Action::Create, Resource::Teams).await?;
    let submitted = [
        ("name", name.clone()),
        ("description", description.clone()),
        ("framework_version_id", framework_version_id.clone()),
        ("review_cadence_months", review_cadence_months.clone()),
    ];
    let keep = |e: AppError| e.keeping(&submitted.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>());
    let form = team_form(name, description, framework_version_id, review_cadence_months).map_err(keep)?;
    let pool = crate::ssr::pool();
    let id = skillmix::store::people::create_team(&pool, &form).await.map_err(|e| keep(e.into()))?;
    // A lead who creates a team leads it.
    if let (skillmix::access::UserRole::Lead, Some(person_id)) =
        (caller.viewer.role.unwrap_or(skillmix::access::UserRole::Member), caller.viewer.person_id)
    {
        skillmix::store::people::set_membership(&pool, id, person_id, true).await?;
    }
    crate::ssr::audit_ok(&caller, "team.create", Some(format!("team:{id}"))).await;
    crate::ssr::redirect(&format!("/teams/{id}"));
    Ok(id)
}

#[server(endpoint = "teams/update")]
pub async fn update_team(
    id: Id,
    name: String,
    description: String,
    framework_version_id: String,
    review_cadence_months: String,
) -> Result<(), AppError> {
    use skillmix::access::{Action, Resource};

    let caller = crate::ssr::require(Action::Update, Resource::Team { id }).await?;
    let submitted = [
        ("name", name.clone()),
        ("description", description.clone()),
        ("framework_version_id", framework_version_id.clone()),
        ("review_cadence_months", review_cadence_months.clone()),
    ];
    let keep = |e: AppError| e.keeping(&submitted.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>());
    let form = team_form(name, description, framework_version_id, review_cadence_months).map_err(keep)?;
    skillmix::store::people::update_team(&crate::ssr::pool(), id, &form).await.map_err(|e| keep(e.into()))?;
    crate::ssr::audit_ok(&caller, "team.update", Some(format!("team:{id}"))).await;
    crate::ssr::redirect(&format!("/teams/{id}"));
    Ok(())
}

#[server(endpoint = "teams/delete")]
pub async fn delete_team(id: Id, confirm: Option<String>) -> Result<(), AppError> {
    use skillmix::access::{Action, Resource};

    let caller = crate::ssr::require(Action::Delete, Resource::Team { id }).await?;
    if confirm.as_deref() != Some("yes") {
        return Err(AppError::field("confirm", "Select yes to confirm you want to delete the team"));
    }
    skillmix::store::people::delete_team(&crate::ssr::pool(), id).await?;
    crate::ssr::audit_ok(&caller, "team.delete", Some(format!("team:{id}"))).await;
    crate::ssr::redirect("/");
    Ok(())
}

#[server(endpoint = "teams/add-member")]
pub async fn add_member(team_id: Id, person_id: String, is_lead: Option<String>) -> Result<(), AppError> {
    use skillmix::access::{Action, Resource};

    let caller = crate::ssr::require(Action::Update, Resource::Team { id: team_id }).await?;
    let person_id = crate::ssr::parse_id("person_id", "a person to add", &person_id)?;
    let pool = crate::ssr::pool();
    // A lead may add people who are in no team; taking someone out of another team (and so
    // reading their history) needs an administrator.
    let person_teams = skillmix::store::people::team_ids_of_person(&pool, person_id).await?;
    membership_check(&caller, "team.add-member", team_id, person_id, || {
        skillmix::access::authorize_add_member(&caller.viewer, team_id, &person_teams)
    })
    .await?;
    skillmix::store::people::set_membership(&pool, team_id, person_id, is_lead.is_some()).await?;
    crate::ssr::audit_ok(&caller, "team.add-member", Some(format!("team:{team_id} person:{person_id}"))).await;
    Ok(())
}

#[server(endpoint = "teams/remove-member")]
pub async fn remove_member(team_id: Id, person_id: Id) -> Result<(), AppError> {
    use skillmix::access::{Action, Resource};

    let caller = crate::ssr::require(Action::Update, Resource::Team { id: team_id }).await?;
    skillmix::store::people::remove_membership(&crate::ssr::pool(), team_id, person_id).await?;
    crate::ssr::audit_ok(&caller, "team.remove-member", Some(format!("team:{team_id} person:{person_id}"))).await;
    Ok(())
}

#[server(endpoint = "teams/set-lead")]
pub async fn set_lead(team_id: Id, person_id: Id, is_lead: bool) -> Result<(), AppError> {
    use skillmix::access::{Action, Resource};

    let caller = crate::ssr::require(Action::Update, Resource::Team { id: team_id }).await?;
    let pool = crate::ssr::pool();
    // Only people already in the team can be made its lead (an administrator may do anything).
    let person_teams = skillmix::store::people::team_ids_of_person(&pool, person_id).await?;
    membership_check(&caller, "team.set-lead", team_id, person_id, || {
        skillmix::access::authorize_set_lead(&caller.viewer, team_id, &person_teams)
    })
    .await?;
    skillmix::store::people::set_membership(&pool, team_id, person_id, is_lead).await?;
    crate::ssr::audit_ok(&caller, "team.set-lead", Some(format!("team:{team_id} person:{person_id}"))).await;
    Ok(())
}

/// Applies a membership rule: a refusal is written to the audit log and answered with a message
/// that says why (the caller named the team and the person themselves).
#[cfg(feature = "ssr")]
async fn membership_check(
    caller: &crate::ssr::Caller,
    what: &str,
    team_id: Id,
    person_id: Id,
    rule: impl FnOnce() -> Result<(), skillmix::access::MembershipDenied>,
) -> Result<(), AppError> {
    use skillmix::access::MembershipDenied;

    let Err(denied) = rule() else {
        return Ok(());
    };
    crate::ssr::audit_denied(caller, what, Some(format!("team:{team_id} person:{person_id}"))).await;
    Err(match denied {
        MembershipDenied::NotTheirTeam => AppError::Forbidden,
        other => AppError::Refused(other.to_string()),
    })
}
