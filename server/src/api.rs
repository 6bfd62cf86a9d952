//! The read-only JSON API for integrations, under `/api/v1`, described by `GET /api/v1/openapi.json`.
//! Every route resolves the caller (bearer token or session) and goes through `authorize`.

use app::error::AppError;
use app::ssr::{AppState, Caller};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Json, Router};
use serde_json::json;
use skillmix::access::{authorize, Action, Denied, Resource};

mod heatmap;
pub(crate) mod import;
mod openapi;
mod org;
mod people;
mod teams;
mod training;
mod workshops;

/// Every route of the JSON API (method, path under `/api/v1`). The router is built from this
/// list, and the access-matrix test walks it, so a route cannot be added without an access
/// decision being tested for it.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/openapi.json"),
    ("GET", "/teams"),
    ("GET", "/teams/{id}"),
    ("GET", "/teams/{id}/heatmap.json"),
    ("GET", "/teams/{id}/heatmap.csv"),
    ("GET", "/teams/{id}/heatmap.svg"),
    ("GET", "/teams/{id}/heatmap.png"),
    ("GET", "/teams/{id}/training-needs.json"),
    ("GET", "/teams/{id}/training-needs.csv"),
    ("GET", "/org/rollup.json"),
    ("GET", "/org/rollup.csv"),
    ("GET", "/org/rollup.svg"),
    ("GET", "/org/rollup.png"),
    ("GET", "/people/{id}"),
    ("POST", "/people/{id}/assessments"),
    ("GET", "/people/{id}/export.json"),
    ("POST", "/import/role-profile"),
    ("GET", "/workshops"),
    ("GET", "/workshops/{id}"),
    ("GET", "/workshops/{id}/calendar.ics"),
];

/// The handler of one route of [`ROUTES`].
fn handler(method: &str, path: &str) -> MethodRouter<AppState> {
    match (method, path) {
        ("GET", "/openapi.json") => get(openapi::document),
        ("GET", "/teams") => get(teams::list),
        ("GET", "/teams/{id}") => get(teams::show),
        ("GET", "/teams/{id}/heatmap.json") => get(heatmap::json),
        ("GET", "/teams/{id}/heatmap.csv") => get(heatmap::csv),
        ("GET", "/teams/{id}/heatmap.svg") => get(heatmap::svg),
        ("GET", "/teams/{id}/heatmap.png") => get(heatmap::png),
        ("GET", "/teams/{id}/training-needs.json") => get(training::json),
        ("GET", "/teams/{id}/training-needs.csv") => get(training::csv),
        ("GET", "/org/rollup.json") => get(org::json),
        ("GET", "/org/rollup.csv") => get(org::csv),
        ("GET", "/org/rollup.svg") => get(org::svg),
        ("GET", "/org/rollup.png") => get(org::png),
        ("GET", "/people/{id}") => get(people::show),
        ("POST", "/people/{id}/assessments") => post(people::record),
        ("GET", "/people/{id}/export.json") => get(people::export),
        ("POST", "/import/role-profile") => post(import::role_profile),
        ("GET", "/workshops") => get(workshops::list),
        ("GET", "/workshops/{id}") => get(workshops::show),
        ("GET", "/workshops/{id}/calendar.ics") => get(workshops::calendar),
        _ => unreachable!("{method} {path} is listed in ROUTES without a handler"),
    }
}

pub fn routes() -> Router<AppState> {
    ROUTES.iter().fold(Router::new(), |router, (method, path)| router.route(path, handler(method, path)))
}

/// An API error: the status that fits, and a JSON body naming what is wrong.
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        ApiError(error)
    }
}

impl From<skillmix::store::StoreError> for ApiError {
    fn from(error: skillmix::store::StoreError) -> Self {
        ApiError(error.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let fields = self.0.field_errors().map(|f| f.0.clone()).unwrap_or_default();
        let body = json!({ "error": status.canonical_reason(), "message": self.0.to_string(), "fields": fields });
        (status, Json(body)).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// The caller of an API route, resolved from a bearer token or the session cookie.
pub struct ApiCaller(pub Caller);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let session = parts.extensions.get::<tower_sessions::Session>().cloned();
        let caller = app::ssr::resolve_caller(state, &parts.headers, session.as_ref()).await?;
        Ok(ApiCaller(caller))
    }
}

impl ApiCaller {
    /// The access check for API routes; refusals are written to the audit log.
    pub async fn require(&self, state: &AppState, action: Action, resource: Resource) -> ApiResult<()> {
        match authorize(&self.0.viewer, action, &resource) {
            Ok(()) => Ok(()),
            Err(denied) => {
                let what = format!("api.{action:?}").to_lowercase();
                let target = app::ssr::describe(&resource);
                let _ = skillmix::store::audit::record(
                    &state.pool,
                    &self.0.actor(),
                    &what,
                    Some(&target),
                    skillmix::store::audit::Outcome::Denied,
                    None,
                )
                .await;
                Err(ApiError(match denied {
                    Denied::SignInRequired => AppError::SignInRequired,
                    Denied::Forbidden => AppError::Forbidden,
                }))
            }
        }
    }
}

/// Shorthand for handlers.
pub type AppStateRef = State<AppState>;
