//! Server-side plumbing shared by server functions and the JSON API: the application state,
//! who is calling, and the one access check every handler goes through.

use crate::error::{AppError, AppResult};
use axum::extract::FromRef;
use http::HeaderMap;
use leptos::prelude::*;
use skillmix::access::{authorize, Action, Denied, Resource, Viewer};
use skillmix::store::accounts::{self, User};
use skillmix::store::audit::{self, Actor, Outcome};
use skillmix::store::Pool;
use std::sync::Arc;
use tower_sessions::Session;

pub mod auth;

/// Settings read at start-up from flags and the environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// Aggregates shown to senior viewers hide groups smaller than this (at least 3).
    pub min_group_size: u32,
    /// Cookies are marked Secure and `__Host-` prefixed (served over TLS).
    pub secure_cookies: bool,
    /// A session ends after this long without a request.
    pub session_idle_minutes: i64,
    /// A session ends this long after sign-in, however active.
    pub session_absolute_hours: i64,
    /// Sign-in with OpenID Connect (single sign-on), when configured (`server/src/oidc.rs`).
    pub oidc: Option<OidcConfig>,
    /// Whether sign-in by email and password is offered (`--no-password-sign-in` turns it off).
    pub password_sign_in: bool,
}

/// The OpenID Connect client's settings. The secret never appears in `Debug` output or logs.
#[derive(Clone)]
pub struct OidcConfig {
    /// The provider's issuer URL, exactly as its ID tokens name it.
    pub issuer: String,
    pub client_id: String,
    /// From the environment only (`SKILLMIX_OIDC_CLIENT_SECRET`); none for a public client.
    pub client_secret: Option<String>,
    /// Where the provider sends the browser back: `.../auth/oidc/callback`.
    pub redirect_url: String,
    /// A verified email without an account gets one (role member, no password sign-in).
    pub self_register: bool,
}

impl std::fmt::Debug for OidcConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "(hidden)"))
            .field("redirect_url", &self.redirect_url)
            .field("self_register", &self.self_register)
            .finish()
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            min_group_size: 5,
            secure_cookies: false,
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            oidc: None,
            password_sign_in: true,
        }
    }
}

/// Everything handlers share: passed to the router with `.with_state` and provided to server
/// functions as context. One pool for the whole process.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: Pool,
    pub config: Arc<Config>,
    /// The organisation roll-up's index, rebuilt only when the data changes.
    pub org_cache: Arc<tokio::sync::Mutex<crate::server_fns::org::ssr::OrgCache>>,
}

pub fn state() -> AppState {
    expect_context::<AppState>()
}

pub fn pool() -> Pool {
    state().pool
}

/// Today's date (UTC): the day stale evidence and ages are measured against.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// The signed-in user (if any) and what access decisions need to know about them.
#[derive(Debug, Clone, Default)]
pub struct Caller {
    pub viewer: Viewer,
    pub user: Option<User>,
}

impl Caller {
    pub fn actor(&self) -> Actor {
        Actor { user_id: self.user.as_ref().map(|u| u.id), email: self.user.as_ref().map(|u| u.email.clone()) }
    }

    pub fn may(&self, action: Action, resource: &Resource) -> bool {
        authorize(&self.viewer, action, resource).is_ok()
    }
}

/// Who is calling this server function.
pub async fn caller() -> AppResult<Caller> {
    let parts = expect_context::<http::request::Parts>();
    let session = parts.extensions.get::<Session>().cloned();
    resolve_caller(&state(), &parts.headers, session.as_ref()).await
}

/// Who is calling, from a bearer token or the session cookie. Used by server functions and by
/// the JSON API routes alike.
pub async fn resolve_caller(state: &AppState, headers: &HeaderMap, session: Option<&Session>) -> AppResult<Caller> {
    if let Some(token) = auth::bearer_token(headers) {
        let user = accounts::user_for_token(&state.pool, &auth::token_digest(token)).await?;
        return match user {
            Some(user) => caller_for(state, user).await,
            None => Err(AppError::SignInRequired),
        };
    }
    let Some(session) = session else {
        return Ok(Caller::default());
    };
    match auth::session_user(state, session).await? {
        Some(user) => caller_for(state, user).await,
        None => Ok(Caller::default()),
    }
}

async fn caller_for(state: &AppState, user: User) -> AppResult<Caller> {
    let viewer = accounts::viewer_for(&state.pool, &user).await?;
    Ok(Caller { viewer, user: Some(user) })
}

/// The access check: who is calling, may they do this? A refusal is written to the audit log.
pub async fn require(action: Action, resource: Resource) -> AppResult<Caller> {
    let caller = caller().await?;
    check(&caller, action, &resource).await?;
    Ok(caller)
}

/// Checks an already resolved caller.
pub async fn check(caller: &Caller, action: Action, resource: &Resource) -> AppResult<()> {
    match authorize(&caller.viewer, action, resource) {
        Ok(()) => Ok(()),
        Err(denied) => {
            let pool = state().pool;
            let target = describe(resource);
            let what = format!("{action:?}").to_lowercase();
            if let Err(e) = audit::record(&pool, &caller.actor(), &what, Some(&target), Outcome::Denied, None).await {
                tracing::error!(error = %e, "could not write the audit log");
            }
            Err(match denied {
                Denied::SignInRequired => AppError::SignInRequired,
                Denied::Forbidden => AppError::Forbidden,
            })
        }
    }
}

/// A resource as the audit log names it: kinds and ids only.
pub fn describe(resource: &Resource) -> String {
    match resource {
        Resource::Organisation => "organisation".into(),
        Resource::Framework => "framework".into(),
        Resource::Teams => "teams".into(),
        Resource::Team { id } => format!("team:{id}"),
        Resource::People => "people".into(),
        Resource::Person { id, .. } => format!("person:{id}"),
        Resource::Workshop { team_ids } => format!("workshop(teams {team_ids:?})"),
        Resource::Methods => "methods".into(),
        Resource::Users => "users".into(),
        Resource::AuditLog => "audit-log".into(),
    }
}

/// Writes an audit event for something that happened, logging (not failing) if the write fails.
pub async fn audit_ok(caller: &Caller, action: &str, target: Option<String>) {
    if let Err(e) = audit::record(&pool(), &caller.actor(), action, target.as_deref(), Outcome::Ok, None).await {
        tracing::error!(error = %e, "could not write the audit log");
    }
}

/// Writes an audit event for a refusal decided by an object-level rule beyond `authorize`.
pub async fn audit_denied(caller: &Caller, action: &str, target: Option<String>) {
    if let Err(e) = audit::record(&pool(), &caller.actor(), action, target.as_deref(), Outcome::Denied, None).await {
        tracing::error!(error = %e, "could not write the audit log");
    }
}

/// [`check`] for an object the caller named by id: a signed-in caller who may not reach it gets
/// the same answer as for an id that does not exist (404, "`what` not found"), so ids cannot be
/// probed. The refusal is still written to the audit log.
pub async fn check_hidden(caller: &Caller, action: Action, resource: &Resource, what: &str) -> AppResult<()> {
    match check(caller, action, resource).await {
        Err(AppError::Forbidden) => Err(AppError::NotFound(what.to_string())),
        other => other,
    }
}

/// The resource for a person, with the teams they belong to (so leads of those teams qualify).
pub async fn person_resource(person_id: skillmix::Id) -> AppResult<Resource> {
    let team_ids = skillmix::store::people::team_ids_of_person(&pool(), person_id).await?;
    Ok(Resource::Person { id: person_id, team_ids })
}

/// Sends the browser somewhere else after a form post (with or without JavaScript).
pub fn redirect(path: &str) {
    leptos_axum::redirect(path);
}

/// Parses an id from a form or URL field, naming the field when it is not a number.
pub fn parse_id(field: &str, label: &str, value: &str) -> AppResult<skillmix::Id> {
    value.trim().parse().map_err(|_| AppError::field(field, format!("Select {label}")))
}

/// Parses an optional id: empty means none.
pub fn parse_optional_id(field: &str, label: &str, value: &str) -> AppResult<Option<skillmix::Id>> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        parse_id(field, label, value).map(Some)
    }
}
