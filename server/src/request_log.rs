//! The request log: one line per request on standard error, through `tracing`, with a request
//! id, the method, the route template (`/teams/{id}`, never the path itself, which can hold
//! ids, and never the query string, which can hold names), the status and the latency.
//! Nothing else about the request is logged: no headers, no bodies, no personal data.
//!
//! The id comes from a load balancer's `x-request-id` when it sends a short, plain one, and is
//! made here otherwise (a UUID); it is sent back in the answer's `x-request-id`, so a
//! user's report and the log line meet. `RUST_LOG=skillmix::request=info` (the default filter
//! includes it) shows the lines.

use axum::extract::MatchedPath;
use axum::http::{HeaderName, Request, Response};
use axum::Router;
use std::time::Duration;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tracing::Span;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Wraps every route of `router` (layers added with `Router::layer` run after routing, so the
/// route template is known) in the request log.
pub fn apply<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(span)
                .on_request(())
                .on_response(|response: &Response<_>, latency: Duration, _: &Span| {
                    tracing::info!(
                        target: "skillmix::request",
                        status = response.status().as_u16(),
                        latency_us = latency.as_micros() as u64,
                        "answered"
                    );
                })
                .on_failure(()),
        )
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// The span every line of one request is logged in.
fn span<B>(request: &Request<B>) -> Span {
    let route = request.extensions().get::<MatchedPath>().map_or("(no route)", MatchedPath::as_str);
    let id = request.extensions().get::<RequestId>().and_then(|id| id.header_value().to_str().ok());
    tracing::info_span!(
        target: "skillmix::request",
        "request",
        id = %id.filter(|id| is_plain_id(id)).unwrap_or("(not plain)"),
        method = %request.method(),
        route = %route,
    )
}

/// An id from outside is logged only when it is short and plain (no way to forge log lines).
fn is_plain_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::get;
    use std::sync::{Arc, Mutex};
    use tower::ServiceExt;

    /// Everything the log writes, for reading back.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    async fn logged(request: Request<Body>) -> (String, Response<Body>) {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .with_env_filter("skillmix::request=info")
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let router = apply(Router::new().route("/teams/{id}", get(|| async { "team" })));
        let response = router.oneshot(request).await.unwrap();
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        (text, response)
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_request_is_logged_by_route_template_with_status_latency_and_id() {
        let request = Request::get("/teams/42?name=Asha%20Patel").body(Body::empty()).unwrap();
        let (log, response) = logged(request).await;
        let id = response.headers().get("x-request-id").expect("the answer carries the request id");
        let id = id.to_str().unwrap();
        assert_eq!(id.len(), 36, "a UUID: {id}");
        assert!(log.contains("route=/teams/{id}"), "{log}");
        assert!(log.contains("method=GET"), "{log}");
        assert!(log.contains(&format!("id={id}")), "{log}");
        assert!(log.contains("status=200"), "{log}");
        assert!(log.contains("latency_us="), "{log}");
        assert!(!log.contains("/teams/42"), "no concrete path: {log}");
        assert!(!log.contains("Asha"), "no query string: {log}");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn an_unknown_path_and_a_forged_id_are_logged_safely() {
        let request = Request::get("/nowhere/alice@example.org")
            .header("x-request-id", "abc\" status=200 forged=yes")
            .body(Body::empty())
            .unwrap();
        let (log, response) = logged(request).await;
        assert_eq!(response.status(), 404);
        assert!(log.contains("route=(no route)"), "{log}");
        assert!(log.contains("status=404"), "{log}");
        assert!(!log.contains("alice"), "{log}");
        assert!(!log.contains("forged"), "{log}");
    }

    #[test]
    fn plain_ids_only() {
        assert!(is_plain_id("3f2a9c1e-aaaa-bbbb-cccc-0123456789ab"));
        assert!(is_plain_id("lb.7_x"));
        assert!(!is_plain_id(""));
        assert!(!is_plain_id("a b"));
        assert!(!is_plain_id(&"a".repeat(65)));
        assert!(!is_plain_id("x\ny"));
    }
}
