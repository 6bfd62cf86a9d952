//! The read-only JSON API for integrations, under `/api/v1`, described by `GET /api/v1/openapi.json`.
//! Every route resolves the caller (bearer token or session) and goes through `authorize`.

use app::error::AppError;
use app::ssr::{AppState, Caller};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Json, Router};
use serde::Serialize;
use skillmix::access::{authorize, Action, Denied, Resource};
use skillmix::validation::FieldError;
use utoipa::ToSchema;

mod heatmap;
pub(crate) mod import;
pub mod openapi;
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
        ErrorBody::new(status, self.0.to_string(), fields).into_response_with(status)
    }
}

/// The body of every error answer of the API (but the role-profile reader's 422, which names the
/// import error instead of fields).
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The status's reason phrase ("Not Found").
    pub error: String,
    /// What is wrong, in a sentence a person can act on.
    pub message: String,
    /// One entry per request field that is wrong (a query parameter, a field of the body);
    /// empty when the error is not about a field.
    pub fields: Vec<FieldError>,
}

impl ErrorBody {
    pub fn new(status: StatusCode, message: impl Into<String>, fields: Vec<FieldError>) -> ErrorBody {
        ErrorBody { error: status.canonical_reason().unwrap_or("Error").to_string(), message: message.into(), fields }
    }

    pub fn into_response_with(self, status: StatusCode) -> Response {
        (status, Json(self)).into_response()
    }
}

/// A malformed path parameter (an id that is not a number): 422 naming the parameter.
impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError(AppError::field("id", format!("The address is not valid: {}", rejection.body_text())))
    }
}

/// A malformed query parameter (a width that is not a number): 422 naming the parameter.
impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError(AppError::field("query", format!("The query is not valid: {}", rejection.body_text())))
    }
}

/// `Path`, with a JSON error body (not axum's plain text) when the parameter does not parse.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// `Query`, with a JSON error body (not axum's plain text) when a parameter does not parse.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

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
