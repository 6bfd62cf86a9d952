//! Protective layers around every route:
//!
//! - cross-site request forgery: a request that changes something (anything but GET, HEAD,
//!   OPTIONS) from a browser must come from this site: `Sec-Fetch-Site` is `same-origin` or
//!   `none`, and `Origin`, when sent, names this host. API clients with a bearer token send no
//!   cookies and are not affected. Session cookies are also `SameSite=Strict`;
//! - security headers on every response: a Content-Security-Policy (pages carry a per-request
//!   nonce set by the app shell; everything else gets a policy that allows nothing),
//!   `frame-ancestors 'none'`, nosniff, a same-origin Referrer-Policy, and HSTS when served
//!   over TLS, and `Cache-Control: no-store` on everything but the public static files;
//! - a sign-in rate limit per client address (the per-account lock-out lives in the store).

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;

/// Sign-in attempts allowed per client address per minute. Generous, because a department
/// behind one proxy shares an address; guessing one account's password is stopped by the
/// per-account lock-out after 5 failures.
pub const SIGN_INS_PER_MINUTE: u32 = 30;

/// The policy for responses that are not pages (API, files, errors): nothing may run or frame it.
pub const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Keeps a signed-in browser session alive while it is in use: the idle time-out counts from
/// the last renewal, at most [`app::ssr::auth::SESSION_RENEW_EVERY_SECONDS`] ago, not from
/// sign-in. Requests without a session (bearer tokens, the tests' router) pass untouched.
pub async fn renew_sessions(request: Request, next: Next) -> Response {
    if let Some(session) = request.extensions().get::<tower_sessions::Session>().cloned() {
        if let Err(e) = app::ssr::auth::renew_idle_time_out(&session, chrono::Utc::now().timestamp()).await {
            tracing::warn!("could not renew a session's idle time-out: {e}");
        }
    }
    next.run(request).await
}

/// Refuses state-changing requests that a browser sent from another site.
pub async fn csrf_guard(request: Request, next: Next) -> Response {
    if is_cross_site_mutation(request.method(), request.headers()) {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
        return (StatusCode::FORBIDDEN, "This request came from another site and was refused.").into_response();
    }
    next.run(request).await
}

/// Whether a request changes something and a browser says it came from elsewhere.
pub fn is_cross_site_mutation(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if headers.contains_key(header::AUTHORIZATION) && !headers.contains_key(header::COOKIE) {
        return false;
    }
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        if !matches!(site, "same-origin" | "none") {
            return true;
        }
    }
    match (text("origin"), text("host")) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => origin_host(origin) != Some(host),
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// "https://skillmix.example:8443" -> "skillmix.example:8443".
fn origin_host(origin: &str) -> Option<&str> {
    origin.split_once("://").map(|(_, rest)| rest.trim_end_matches('/'))
}

/// Whether a path names one of the site's public static files (the wasm bundle, scripts and
/// styles under `/pkg/`, the favicon): the same for everyone, so browsers may keep them.
pub fn is_public_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.ico"
}

/// Adds the security headers every response carries. Everything but the public static files
/// is `Cache-Control: no-store`: pages, server functions and API answers hold personal data,
/// which must not stay in a browser's or a proxy's cache after the user has left.
pub async fn security_headers(State(tls): State<bool>, request: Request, next: Next) -> Response {
    let public_asset = is_public_asset(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !public_asset {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.remove(header::EXPIRES);
        headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DEFAULT_CSP));
    }
    if tls {
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    response
}

/// A limiter of sign-in attempts keyed by client address.
#[derive(Clone)]
pub struct SignInLimiter {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    path: Arc<str>,
}

impl SignInLimiter {
    pub fn new(path: &str, per_minute: u32) -> SignInLimiter {
        let quota = Quota::per_minute(NonZeroU32::new(per_minute.max(1)).expect("at least one"));
        SignInLimiter { limiter: Arc::new(RateLimiter::keyed(quota)), path: path.into() }
    }
}

/// Answers 429 when a client address makes too many sign-in attempts.
pub async fn limit_sign_ins(State(limiter): State<SignInLimiter>, request: Request, next: Next) -> Response {
    if request.method() == Method::POST && request.uri().path() == &*limiter.path {
        let address = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::from([127, 0, 0, 1]));
        if limiter.limiter.check_key(&address).is_err() {
            tracing::warn!(%address, "sign-in rate limit reached");
            let form_post = request
                .headers()
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"));
            if form_post {
                return (StatusCode::SEE_OTHER, [(header::LOCATION, "/sign-in?error=too-many-attempts")])
                    .into_response();
            }
            return (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, "60")],
                "Too many sign-in attempts from your network. Wait a minute and try again.",
            )
                .into_response();
        }
    }
    next.run(request).await
}

/// Server functions answer every error with 500; this gives API-style callers the status that
/// fits the error (401, 403, 404, 409, 422) by reading the error the body carries. Form posts
/// without JavaScript get a redirect back to the form instead, which is left as it is.
pub async fn server_fn_error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR || !response.headers().contains_key("serverfnerror") {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "The response could not be read").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn cross_site_posts_are_refused_and_same_site_ones_pass() {
        let post = Method::POST;
        assert!(is_cross_site_mutation(&post, &headers(&[("sec-fetch-site", "cross-site"), ("host", "a.example")])));
        assert!(is_cross_site_mutation(&post, &headers(&[("origin", "https://evil.example"), ("host", "a.example")])));
        assert!(is_cross_site_mutation(&post, &headers(&[("origin", "null"), ("host", "a.example")])));
        assert!(!is_cross_site_mutation(
            &post,
            &headers(&[("sec-fetch-site", "same-origin"), ("origin", "http://a.example"), ("host", "a.example")])
        ));
        assert!(
            !is_cross_site_mutation(&post, &headers(&[("host", "a.example")])),
            "non-browser clients send neither header"
        );
        assert!(!is_cross_site_mutation(&Method::GET, &headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!is_cross_site_mutation(
            &post,
            &headers(&[("authorization", "Bearer x"), ("sec-fetch-site", "cross-site")])
        ));
        assert!(is_cross_site_mutation(
            &post,
            &headers(&[("authorization", "Bearer x"), ("cookie", "s=1"), ("sec-fetch-site", "cross-site")])
        ));
    }

    #[test]
    fn origins_reduce_to_hosts() {
        assert_eq!(origin_host("https://skillmix.example:8443"), Some("skillmix.example:8443"));
        assert_eq!(origin_host("http://127.0.0.1:3000/"), Some("127.0.0.1:3000"));
        assert_eq!(origin_host("garbage"), None);
    }

    #[tokio::test]
    async fn a_signed_in_session_is_renewed_while_in_use_and_an_empty_one_is_left_alone() {
        use skillmix::store::accounts;
        use tower_sessions::{Expiry, Session};
        let dir = tempfile::tempdir().unwrap();
        let pool = skillmix::store::open(&format!("sqlite://{}", dir.path().join("s.db").display())).await.unwrap();
        let store = tower_sessions_sqlx_store::SqliteStore::new(pool.clone());
        store.migrate().await.unwrap();
        let store = std::sync::Arc::new(store);
        let expiry = Some(Expiry::OnInactivity(tower_sessions::cookie::time::Duration::minutes(30)));
        let renew = app::ssr::auth::renew_idle_time_out;

        let anonymous = Session::new(None, store.clone(), expiry);
        renew(&anonymous, 1_000_000).await.unwrap();
        assert!(anonymous.is_empty().await, "no session is made for someone not signed in");

        let id = accounts::create_user(&pool, "ada@example.gov.uk", "x", skillmix::access::UserRole::Lead, None)
            .await
            .unwrap();
        let user = accounts::get_user(&pool, id).await.unwrap();
        let session = Session::new(None, store.clone(), expiry);
        app::ssr::auth::start_session(&session, &user).await.unwrap();
        session.save().await.unwrap();
        let session_id = session.id();
        let reload = || Session::new(session_id, store.clone(), expiry);

        let first = reload();
        renew(&first, 1_000_000).await.unwrap();
        assert!(first.is_modified(), "the first request of a session renews it");
        first.save().await.unwrap();
        let soon = reload();
        renew(&soon, 1_000_000 + app::ssr::auth::SESSION_RENEW_EVERY_SECONDS - 1).await.unwrap();
        assert!(!soon.is_modified(), "not again within the renewal interval");
        let later = reload();
        renew(&later, 1_000_000 + app::ssr::auth::SESSION_RENEW_EVERY_SECONDS).await.unwrap();
        assert!(later.is_modified(), "renewed once the interval has passed");
    }
}
