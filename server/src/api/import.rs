//! `POST /api/v1/import/role-profile`: the page text of a role profile in the body (any content
//! type), back the profile as understood and the reading's report, exactly what the import
//! page previews. Nothing is saved.
//!
//! Also the request-size guard of the whole site: a request whose body is over
//! [`BODY_LIMIT_BYTES`](crate::web::BODY_LIMIT_BYTES) is refused before it is read, with a
//! message that says the limit.

use super::{ApiCaller, ApiResult, AppStateRef};
use app::error::AppError;
use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use skillmix::access::{Action, Resource};
use skillmix::import::{parse_role_profile_bytes, MAX_IMPORT_BYTES};

const MIB: usize = 1024 * 1024;

pub async fn role_profile(state: AppStateRef, caller: ApiCaller, request: Request) -> ApiResult<Response> {
    caller.require(&state, Action::Import, Resource::Framework).await?;
    // Read the whole body (the server's limit applies), so that a text over the import limit
    // gets the importer's message with its size, not the framework's default body limit.
    let length = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    let body: Bytes = match axum::body::to_bytes(request.into_body(), crate::web::BODY_LIMIT_BYTES).await {
        Ok(body) => body,
        Err(_) => {
            let length = length.unwrap_or(crate::web::BODY_LIMIT_BYTES as u64 + 1);
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

/// Refuses a request whose declared body is over the limit, before reading it: `413` with a
/// message naming the limit (JSON for the API and for server functions called from the page),
/// or, for a form posted without JavaScript, back to the form with the message in the address,
/// where the page shows it in its error summary. Bodies without a length are limited as they
/// are read (see `web::router`).
///
/// Also refuses a post to an upload server function that is not `multipart/form-data` with a
/// boundary (`400`): the server-function framework would otherwise panic reading it.
pub async fn limit_request_body(request: Request, next: Next) -> Response {
    let length =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if let Some(length) = length.filter(|l| *l > crate::web::BODY_LIMIT_BYTES as u64) {
        return too_large(request, length).await;
    }
    if is_upload(request.uri().path()) && !has_multipart_boundary(request.headers()) {
        let error = AppError::Request("the upload must be sent as multipart/form-data".into());
        let body = serde_json::to_string(&error).unwrap_or_default();
        let json = HeaderValue::from_static("application/json");
        return (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, json)], body).into_response();
    }
    next.run(request).await
}

/// The server functions that take uploads.
fn is_upload(path: &str) -> bool {
    use app::api::import::{ImportDdat, ImportSfia, PreviewRoleProfile};
    use leptos::server_fn::ServerFn;
    [ImportDdat::PATH, ImportSfia::PATH, PreviewRoleProfile::PATH].contains(&path)
}

fn has_multipart_boundary(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data") && v.contains("boundary="))
}

/// The message for a body of `length` bytes.
pub fn too_large_message(length: u64) -> String {
    format!(
        "The upload is {:.1} MiB, which is more than the {} MiB the server accepts at once. Each file can be up to {} MiB: upload fewer or smaller files.",
        length as f64 / MIB as f64,
        crate::web::BODY_LIMIT_BYTES / MIB,
        MAX_IMPORT_BYTES / MIB
    )
}

async fn too_large(request: Request, length: u64) -> Response {
    let message = too_large_message(length);
    let path = request.uri().path().to_string();
    let accepts_html =
        request.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"));
    let referer = request.headers().get(header::REFERER).and_then(|v| v.to_str().ok()).map(str::to_string);
    let is_post = request.method() == Method::POST;
    // Read (and drop) what the client sends, up to a point, so that it gets the answer rather
    // than a connection reset in the middle of its upload.
    drain(request, 4 * crate::web::BODY_LIMIT_BYTES).await;
    if path.starts_with("/api/v1/") {
        let body =
            json!({ "error": StatusCode::PAYLOAD_TOO_LARGE.canonical_reason(), "message": message, "fields": [] });
        return (StatusCode::PAYLOAD_TOO_LARGE, Json(body)).into_response();
    }
    let error = AppError::Conflict(message);
    if let (true, true, Some(referer)) = (accepts_html, is_post, referer) {
        use leptos::server_fn::error::ServerFnUrlError;
        if let Ok(url) = ServerFnUrlError::new(&path, error.clone()).to_url(&referer) {
            if let Ok(location) = HeaderValue::from_str(url.as_str()) {
                return (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
            }
        }
    }
    let body = serde_json::to_string(&error).unwrap_or_default();
    (StatusCode::PAYLOAD_TOO_LARGE, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body)
        .into_response()
}

async fn drain(request: Request, most: usize) {
    use axum::body::HttpBody;
    let mut body = request.into_body();
    let mut read = 0;
    while let Some(Ok(frame)) = std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await {
        read += frame.data_ref().map_or(0, |d| d.len());
        if read > most {
            break;
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_multipart_posts_reach_the_upload_functions() {
        assert!(is_upload("/api/import/ddat"));
        assert!(is_upload("/api/import/role-profile"));
        assert!(!is_upload("/api/v1/import/role-profile"));
        let mut headers = axum::http::HeaderMap::new();
        assert!(!has_multipart_boundary(&headers));
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"));
        assert!(!has_multipart_boundary(&headers));
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("multipart/form-data; boundary=----x"));
        assert!(has_multipart_boundary(&headers));
    }

    #[test]
    fn the_message_says_the_limits() {
        let message = too_large_message(30 * MIB as u64);
        assert!(message.starts_with("The upload is 30.0 MiB"), "{message}");
        assert!(message.contains(&format!("{} MiB the server accepts", crate::web::BODY_LIMIT_BYTES / MIB)));
        assert!(message.contains("up to 8 MiB"));
    }
}
