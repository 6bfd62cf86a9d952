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
use serde_json::json;
use skillmix::access::{Action, Resource};
use skillmix::import::parse_role_profile_bytes;

pub async fn role_profile(state: AppStateRef, caller: ApiCaller, request: Request) -> ApiResult<Response> {
    caller.require(&state, Action::Import, Resource::Framework).await?;
    // Read the whole body (the server's limit applies), so that a text over the import limit
    // gets the importer's message with its size, not the framework's default body limit.
    let length = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    let body: Bytes = match axum::body::to_bytes(request.into_body(), BODY_LIMIT_BYTES).await {
        Ok(body) => body,
        Err(_) => {
            let length = length.unwrap_or(BODY_LIMIT_BYTES as u64 + 1);
            let body = json!({
                "error": StatusCode::PAYLOAD_TOO_LARGE.canonical_reason(),
                "message": too_large_message(length),
                "fields": [],
            });
            return Ok((StatusCode::PAYLOAD_TOO_LARGE, Json(body)).into_response());
        }
    };
    let parsed = tokio::task::spawn_blocking(move || parse_role_profile_bytes(&body))
        .await
        .map_err(|e| AppError::internal(&e))?;
    Ok(match parsed {
        Ok((profile, report)) => Json(json!({ "profile": profile, "report": report })).into_response(),
        Err(error) => {
            let body = json!({
                "error": StatusCode::UNPROCESSABLE_ENTITY.canonical_reason(),
                "message": error.to_string(),
                "import_error": error,
            });
            (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
        }
    })
}

/// The OpenAPI schema of the answer: `{ profile, report }`.
pub fn schema() -> serde_json::Value {
    let located = |extra: serde_json::Value| {
        let mut properties = json!({ "line": { "type": "integer", "description": "line of the pasted text" } });
        if let (Some(target), Some(more)) = (properties.as_object_mut(), extra.as_object()) {
            target.extend(more.clone());
        }
        json!({ "type": "object", "properties": properties })
    };
    let titled = located(json!({ "title": { "type": "string" }, "details": { "type": "string" } }));
    let level = json!({ "type": ["integer", "null"], "minimum": 1, "maximum": 7 });
    let text = json!({ "type": ["string", "null"] });
    json!({
        "type": "object",
        "required": ["profile", "report"],
        "properties": {
            "profile": {
                "type": "object",
                "description": "What the role profile says, as understood; nothing is saved",
                "properties": {
                    "family": text, "role": text, "role_description": { "type": "string" }, "level": text, "role_type": text,
                    "summary": { "type": "string" },
                    "ddat_skills": { "type": "array", "items": located(json!({ "category": text, "group": text, "name": { "type": "string" }, "description": { "type": "string" }, "level": level, "level_description": { "type": "string" } })) },
                    "knowledge": { "type": "array", "items": located(json!({ "name": { "type": "string" }, "kind": { "enum": ["technical", "other", "behavioural"] }, "type_label": { "type": "string" }, "depth": level, "details": { "type": "string" } })) },
                    "sfia_skills": { "type": "array", "items": located(json!({ "code": { "type": "string" }, "name": { "type": "string" }, "level": level, "category": text, "subcategory": text, "desirable": { "type": "boolean" }, "note": text })) },
                    "training": { "type": "array", "items": titled },
                    "pdas": { "type": "array", "items": titled },
                    "qualifications": { "type": "array", "items": located(json!({ "title": { "type": "string" }, "awarding_body": text })) },
                    "background": { "type": "array", "items": titled },
                    "work_activities": { "type": "array", "items": titled },
                    "unrecognised": { "type": "array", "description": "Lines that were not understood", "items": located(json!({ "section": text, "text": { "type": "string" } })) }
                }
            },
            "report": {
                "type": "object",
                "properties": {
                    "entries": { "type": "array", "items": { "type": "object", "properties": {
                        "file": text, "row": { "type": ["integer", "null"] }, "line": { "type": ["integer", "null"] }, "field": text,
                        "severity": { "enum": ["info", "warning", "error"] }, "kind": { "type": "string" },
                        "message": { "type": "string" }, "action": { "type": "string", "description": "what was done" }
                    } } },
                    "summary": { "type": "object" }
                }
            }
        }
    })
}
