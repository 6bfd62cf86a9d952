//! Administration: user accounts and roles, the audit log, and erasing a person.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use skillmix::access::UserRole;
use skillmix::Id;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: Id,
    pub email: String,
    pub role: UserRole,
    pub person: Option<(Id, String)>,
    pub disabled: bool,
    /// Client addresses this account is locked out from after failed sign-ins.
    pub locked_addresses: usize,
    /// Holds a temporary password that must be replaced at the next sign-in.
    pub must_change_password: bool,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersData {
    pub users: Vec<UserRow>,
    pub teams: Vec<(Id, String)>,
    /// A temporary password this administrator has just set, shown once.
    pub temporary_password: Option<TemporaryPassword>,
}

#[server(endpoint = "admin/users", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_users() -> Result<UsersData, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::{accounts, people};

    crate::ssr::require(Action::Read, Resource::Users).await?;
    let pool = crate::ssr::pool();
    let names: std::collections::HashMap<Id, String> =
        people::list_people(&pool).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let now = std::time::Instant::now();
    let users = accounts::list_users(&pool)
        .await?
        .into_iter()
        .map(|u| UserRow {
            locked_addresses: crate::ssr::auth::lock_out().locked_addresses(u.id, now),
            must_change_password: u.must_change_password,
            person: u.person_id.and_then(|id| names.get(&id).map(|n| (id, n.clone()))),
            id: u.id,
            email: u.email,
            role: u.role,
            disabled: u.disabled,
            created_at: u.created_at,
        })
        .collect();
    let teams = people::list_teams(&pool).await?.into_iter().map(|t| (t.id, t.name)).collect();
    let temporary_password = match crate::ssr::auth::request_session() {
        Some(session) => crate::ssr::auth::take_temporary_password(&session).await?,
        None => None,
    }
    .map(|(email, password)| TemporaryPassword { email, password });
    Ok(UsersData { users, teams, temporary_password })
}

/// Adds a user with a first password the administrator passes on; leads and members are linked
/// to the person with the same email (created when missing) and joined to the chosen team.
#[server(endpoint = "admin/add-user")]
pub async fn add_user(email: String, role: String, team_id: String, password: String) -> Result<(), AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::{accounts, people};
    use skillmix::validation::FieldErrors;

    let caller = crate::ssr::require(Action::Create, Resource::Users).await?;
    let pool = crate::ssr::pool();
    let mut errors = FieldErrors::new();
    let email = email.trim().to_lowercase();
    if !email.contains('@') || email.len() > 254 {
        errors.add("email", "Enter an email address in the correct format, like name@example.gov.uk");
    }
    let role = UserRole::from_code(role.trim());
    if role.is_none() {
        errors.add("role", "Select a role");
    }
    if let Err(message) = crate::ssr::auth::check_password_policy(&password, &email) {
        errors.add("password", message);
    }
    let team_id = crate::ssr::parse_optional_id("team_id", "a team", &team_id)?;
    if let Some(team_id) = team_id {
        if people::get_team(&pool, team_id).await.is_err() {
            errors.add("team_id", "Select a team from the list");
        }
    }
    let (Some(role), true) = (role, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let person_id = match role {
        UserRole::Lead | UserRole::Member => Some(person_for_email(&pool, &email).await?),
        UserRole::Admin | UserRole::Viewer => None,
    };
    let hash = crate::ssr::auth::hash_password(password).await?;
    let id = accounts::create_user(&pool, &email, &hash, role, person_id).await.map_err(|e| match e {
        skillmix::store::StoreError::Conflict(message) => AppError::field("email", message),
        other => other.into(),
    })?;
    if let (Some(team_id), Some(person_id)) = (team_id, person_id) {
        people::set_membership(&pool, team_id, person_id, role == UserRole::Lead).await?;
    }
    crate::ssr::audit_ok(&caller, "user.add", Some(format!("user:{id} role:{}", role.code()))).await;
    Ok(())
}

#[cfg(feature = "ssr")]
async fn person_for_email(pool: &skillmix::store::Pool, email: &str) -> Result<Id, AppError> {
    let existing: Option<Id> = sqlx::query_scalar("SELECT id FROM people WHERE email = ?")
        .bind(email)
        .fetch_optional(pool)
        .await
        .map_err(|e| AppError::internal(&e))?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let name = email.split('@').next().unwrap_or(email).replace(['.', '_'], " ");
    let form = skillmix::store::people::PersonForm { name, email: email.to_string(), ..Default::default() };
    Ok(skillmix::store::people::create_person(pool, &form, None).await?)
}

/// Changes a user's role, or disables or enables their account. Either ends their sessions.
#[server(endpoint = "admin/update-user")]
pub async fn update_user(user_id: Id, role: Option<String>, disabled: Option<String>) -> Result<(), AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::accounts;

    let caller = crate::ssr::require(Action::Update, Resource::Users).await?;
    let pool = crate::ssr::pool();
    if caller.user.as_ref().map(|u| u.id) == Some(user_id) {
        return Err(AppError::field("role", "You cannot change your own role or disable yourself"));
    }
    if let Some(role) = role.filter(|r| !r.is_empty()) {
        let role = UserRole::from_code(&role).ok_or_else(|| AppError::field("role", "Select a role"))?;
        accounts::set_role(&pool, user_id, role).await?;
        crate::ssr::audit_ok(&caller, "user.role", Some(format!("user:{user_id} role:{}", role.code()))).await;
    }
    if let Some(disabled) = disabled.filter(|d| !d.is_empty()) {
        let disable = disabled == "yes";
        accounts::set_disabled(&pool, user_id, disable).await?;
        let action = if disable { "user.disable" } else { "user.enable" };
        crate::ssr::audit_ok(&caller, action, Some(format!("user:{user_id}"))).await;
    }
    Ok(())
}

/// A temporary password an administrator has just set, shown to them once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryPassword {
    pub email: String,
    pub password: String,
}

/// Resets a user's password to a one-time temporary password, returned (and shown) once. The
/// user's sessions and API tokens end at once, and at their next sign-in they must choose a new
/// password before anything else. Administrators cannot reset their own this way (they change
/// it at /account).
#[server(endpoint = "admin/reset-password")]
pub async fn reset_password(user_id: Id) -> Result<TemporaryPassword, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::accounts;

    let caller = crate::ssr::require(Action::Update, Resource::Users).await?;
    let pool = crate::ssr::pool();
    if caller.user.as_ref().map(|u| u.id) == Some(user_id) {
        return Err(AppError::field("user_id", "Change your own password on the Your account page"));
    }
    let user = accounts::get_user(&pool, user_id).await?;
    let password = crate::ssr::auth::temporary_password();
    let hash = crate::ssr::auth::hash_password(password.clone()).await?;
    accounts::set_password_hash(&pool, user.id, &hash, true).await?;
    if let Some(session) = crate::ssr::auth::request_session() {
        crate::ssr::auth::keep_temporary_password(&session, &user.email, &password).await?;
    }
    crate::ssr::audit_ok(&caller, "user.reset-password", Some(format!("user:{}", user.id))).await;
    Ok(TemporaryPassword { email: user.email, password })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: String,
    pub actor: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub outcome: String,
    pub detail: Option<String>,
}

#[server(endpoint = "admin/audit", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_audit() -> Result<Vec<AuditRow>, AppError> {
    use skillmix::access::{Action, Resource};

    crate::ssr::require(Action::Read, Resource::AuditLog).await?;
    let events = skillmix::store::audit::recent(&crate::ssr::pool(), 500).await?;
    Ok(events
        .into_iter()
        .map(|e| AuditRow {
            at: e.at,
            actor: e.actor,
            action: e.action,
            target: e.target,
            outcome: e.outcome,
            detail: e.detail,
        })
        .collect())
}

/// Erases a person and everything held about them (administrators only).
#[server(endpoint = "admin/erase-person")]
pub async fn erase_person(id: Id, confirm: Option<String>) -> Result<(), AppError> {
    use skillmix::access::Action;

    let caller = crate::ssr::require(Action::Erase, crate::ssr::person_resource(id).await?).await?;
    if confirm.as_deref() != Some("yes") {
        return Err(AppError::field("confirm", "Select yes to confirm the erasure"));
    }
    // The audit log shows the erased person's pseudonym for this target from now on.
    skillmix::store::people::erase_person(&crate::ssr::pool(), id).await?;
    crate::ssr::audit_ok(&caller, "person.erase", Some(format!("person:{id}"))).await;
    crate::ssr::redirect("/");
    Ok(())
}
