//! `POST /api/v1/import/role-profile`: the page text of a role profile in the body (any content
//! type), back the profile as understood and the reading's report, exactly what the import
//! page previews. Nothing is saved.

use super::{ApiCaller, ApiResult, AppStateRef};
use crate::body_limit::{too_large_message, BODY_LIMIT_BYTES};
use app::error::AppError;
use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use skillmix::access::{Action, Resource};
use skillmix::import::parse_role_profile_bytes;
use skillmix::import::{ImportError, ParsedRoleProfile, ValidationReport};
use utoipa::ToSchema;

/// The answer of `POST /api/v1/import/role-profile`: what the import page previews.
#[derive(Serialize, ToSchema)]
pub struct RoleProfilePreview {
    /// What the role profile says, as understood; nothing is saved.
    pub profile: ParsedRoleProfile,
    /// The reading's report: what was noticed, line by line, and the counts.
    pub report: ValidationReport,
}

/// The 422 of `POST /api/v1/import/role-profile`: why no role profile could be read.
#[derive(Serialize, ToSchema)]
pub struct RoleProfileRefusal {
    /// "Unprocessable Entity".
    pub error: String,
    pub message: String,
    /// The reason, with the file and, where there is one, the line.
    pub import_error: ImportError,
}

/// Reads a role profile without saving it. Body: the page text (plain text, Markdown or HTML,
/// any content type, up to 8 MiB). Returns the profile as understood, with the lines not
/// understood, and the reading's report: what the import page previews. Needs Import on the
/// framework (leads and administrators).
#[utoipa::path(post, path = "/import/role-profile",
    request_body(content = String, content_type = "text/plain", description = "The role profile's page text"),
    responses(
        (status = 200, description = "The profile as understood, and the report", body = RoleProfilePreview),
        (status = 413, description = "The body is over the server's limit", body = super::ErrorBody),
        (status = 422, description = "No role profile can be read: the reason, with the line", body = RoleProfileRefusal),
    ))]
pub async fn role_profile(state: AppStateRef, caller: ApiCaller, request: Request) -> ApiResult<Response> {
    caller.require(&state, Action::Import, Resource::Framework).await?;
    // Read the whole body (the server's limit applies), so that a text over the import limit
    // gets the importer's message with its size, not the framework's default body limit.
    let length = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    let body: Bytes = match axum::body::to_bytes(request.into_body(), BODY_LIMIT_BYTES).await {
        Ok(body) => body,
        Err(_) => {
            let length = length.unwrap_or(BODY_LIMIT_BYTES as u64 + 1);
            let status = StatusCode::PAYLOAD_TOO_LARGE;
            return Ok(super::ErrorBody::new(status, too_large_message(length), Vec::new()).into_response_with(status));
        }
    };
    let parsed = tokio::task::spawn_blocking(move || parse_role_profile_bytes(&body))
        .await
        .map_err(|e| AppError::internal(&e))?;
    Ok(match parsed {
        Ok((profile, report)) => Json(RoleProfilePreview { profile, report }).into_response(),
        Err(error) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let body = RoleProfileRefusal {
                error: status.canonical_reason().unwrap_or_default().to_string(),
                message: error.to_string(),
                import_error: error,
            };
            (status, Json(body)).into_response()
        }
    })
}
