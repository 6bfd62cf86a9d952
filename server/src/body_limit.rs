//! The request-size limit of the whole site, in one place: a request whose body is over
//! [`BODY_LIMIT_BYTES`] is refused before it is read, with a message that says the limit (JSON
//! for the API and server functions, the form's error summary for a post without JavaScript);
//! a body without a declared length is cut off as it is read. Upload server functions accept
//! only `multipart/form-data`.

use app::error::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::json;
use skillmix::import::MAX_IMPORT_BYTES;

/// Largest request body accepted: two framework files of the importers' 8 MiB limit, with room
/// for the form around them.
pub const BODY_LIMIT_BYTES: usize = 24 * 1024 * 1024;

const MIB: usize = 1024 * 1024;

/// The limit's layers around `router`: axum's own extractors (Json, Bytes) stop at 2 MB unless
/// told otherwise, the body limit layer then caps every body, server functions included.
pub fn apply<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(from_fn(explain_body_limit))
        .layer(from_fn(limit_request_body))
}

/// Refuses a request whose declared body is over the limit, before reading it: `413` with a
/// message naming the limit (JSON for the API and for server functions called from the page),
/// or, for a form posted without JavaScript, back to the form with the message in the address,
/// where the page shows it in its error summary. Bodies without a length are limited as they
/// are read (see [`apply`]).
///
/// Also refuses a post to an upload server function that is not `multipart/form-data` with a
/// boundary (`400`): the server-function framework would otherwise panic reading it.
async fn limit_request_body(request: Request, next: Next) -> Response {
    let length =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if let Some(length) = length.filter(|l| *l > BODY_LIMIT_BYTES as u64) {
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
    use app::server_fns::import::{ImportDdat, ImportSfia, PreviewRoleProfile};
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
        BODY_LIMIT_BYTES / MIB,
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
    drain(request, 4 * BODY_LIMIT_BYTES).await;
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

/// Replaces the bare 413 of an over-size body with a message that says the limit.
async fn explain_body_limit(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE {
        let limit_mb = BODY_LIMIT_BYTES / (1024 * 1024);
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            Body::from(format!(
                "The request is larger than the {limit_mb} MB limit and was refused. Nothing was saved."
            )),
        )
            .into_response();
    }
    response
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
        assert!(message.contains(&format!("{} MiB the server accepts", BODY_LIMIT_BYTES / MIB)));
        assert!(message.contains("up to 8 MiB"));
    }
}
