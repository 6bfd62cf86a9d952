//! Sign-in with OpenID Connect (single sign-on with Microsoft Entra ID, Google Workspace, Okta,
//! or any certified provider): the authorization code flow with PKCE, through the
//! `openidconnect` crate (discovery, token exchange, ID-token validation of signature, issuer,
//! audience, expiry and nonce).
//!
//! - `GET /auth/oidc/start[?next=/path]` keeps a fresh state, nonce and PKCE verifier in the
//!   server-side session and sends the browser to the provider.
//! - `GET /auth/oidc/callback` checks the state, exchanges the code, validates the ID token,
//!   requires `email_verified`, and signs in the existing user with that email (case-insensitive),
//!   or creates a team member without password sign-in when `--oidc-self-register` is set.
//!   Disabled users are refused. Every outcome is audited (never a token).
//!
//! Discovery is lazy and retried: the provider may start after Skillmix. Its document (with the
//! signing keys) is kept once read and read again after [`REDISCOVER_AFTER`], or at once when an
//! ID token's signature does not check out against the kept keys (the provider rotated them).
//!
//! The session cookie is `SameSite=Strict`, so a browser does not send it on the provider's
//! redirect back from another site. The callback then answers with a small page that follows
//! itself from this site ([`relay_page`]), which carries the cookie.
//!
//! Failures send the browser to `/sign-in?error=sso-...`, where the page names what went wrong
//! (`app::pages::sign_in::sso_error_message`) without saying whether an email has an account.

use app::server_fns::session::is_local_path;
use app::ssr::{AppState, Config, OidcConfig};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Router};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreClientAuthMethod, CoreIdTokenClaims, CoreProviderMetadata,
};
use openidconnect::{
    AuthType, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use skillmix::access::UserRole;
use skillmix::store::accounts::{self, User};
use skillmix::store::audit::{self, Actor, Outcome};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower_sessions::Session;

pub const START_PATH: &str = "/auth/oidc/start";
pub const CALLBACK_PATH: &str = "/auth/oidc/callback";

/// The session key of a sign-in under way.
const PENDING_KEY: &str = "oidc_pending";
/// A sign-in must come back from the provider within this time.
const PENDING_FOR_SECONDS: i64 = 10 * 60;
/// The provider's discovery document and keys are read again after this long.
pub const REDISCOVER_AFTER: Duration = Duration::from_secs(60 * 60);
/// Time allowed for each request to the provider.
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(10);
/// What stands in for a password for accounts made by single sign-on: not a hash, so no
/// password ever matches it.
pub const NO_PASSWORD: &str = "!single-sign-on";

/// Reads the OpenID Connect settings from the serve flags and the environment, refusing bad
/// ones at start-up with a message that names the flag.
pub fn config_from_args(args: &crate::cli::ServeArgs, secret: Option<String>) -> Result<Option<OidcConfig>, String> {
    let Some(issuer) = args.oidc_issuer.as_deref().map(str::trim) else {
        if args.no_password_sign_in {
            return Err("--no-password-sign-in needs --oidc-issuer: otherwise nobody could sign in".into());
        }
        return Ok(None);
    };
    let client_id = args.oidc_client_id.as_deref().map(str::trim).unwrap_or_default();
    if client_id.is_empty() {
        return Err("--oidc-issuer needs --oidc-client-id".into());
    }
    check_url("--oidc-issuer", issuer)?;
    let redirect_url = match (&args.oidc_redirect_url, &args.public_url) {
        (Some(url), _) => url.trim().to_string(),
        (None, Some(public)) => {
            check_url("--public-url", public.trim())?;
            format!("{}{CALLBACK_PATH}", public.trim().trim_end_matches('/'))
        }
        (None, None) => format!("http://{}{CALLBACK_PATH}", args.addr),
    };
    check_url("--oidc-redirect-url", &redirect_url)?;
    if !redirect_url.ends_with(CALLBACK_PATH) {
        return Err(format!("--oidc-redirect-url must end with {CALLBACK_PATH}, the address Skillmix answers on"));
    }
    Ok(Some(OidcConfig {
        issuer: issuer.to_string(),
        client_id: client_id.to_string(),
        client_secret: secret.filter(|s| !s.is_empty()),
        redirect_url,
        self_register: args.oidc_self_register,
    }))
}

/// An absolute URL; `https` unless it is this machine (development against a local provider).
fn check_url(flag: &str, value: &str) -> Result<(), String> {
    let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"];
    let local = loopback
        .iter()
        .any(|prefix| value.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '/'])));
    if !value.starts_with("https://") && !local {
        return Err(format!("{flag} must be an https:// address (http:// only for 127.0.0.1 or localhost): {value}"));
    }
    IssuerUrl::new(value.to_string()).map_err(|e| format!("{flag} is not a valid URL ({e}): {value}"))?;
    Ok(())
}

/// The routes this module adds to the router (method, path), for the access matrix.
pub const ROUTES: [(&str, &str); 2] = [("GET", START_PATH), ("GET", CALLBACK_PATH)];

/// The single sign-on routes, answering 404 "not set up" when the server has no provider.
pub fn routes(config: &Config) -> Router<AppState> {
    let client = config.oidc.clone().and_then(|settings| match Provider::new(settings) {
        Ok(provider) => Some(Arc::new(provider)),
        Err(e) => {
            tracing::error!("single sign-on is off: {e}");
            None
        }
    });
    Router::new()
        .route(START_PATH, get(start))
        .route(CALLBACK_PATH, get(callback))
        .layer(Extension(SharedProvider(client)))
}

#[derive(Clone)]
struct SharedProvider(Option<Arc<Provider>>);

/// The configured provider, its HTTP client and the discovery document once read.
struct Provider {
    settings: OidcConfig,
    issuer: IssuerUrl,
    redirect_url: RedirectUrl,
    http: openidconnect::reqwest::Client,
    discovered: tokio::sync::Mutex<Option<(Instant, CoreProviderMetadata)>>,
}

impl Provider {
    fn new(settings: OidcConfig) -> Result<Provider, String> {
        let issuer = IssuerUrl::new(settings.issuer.clone()).map_err(|e| format!("--oidc-issuer: {e}"))?;
        let redirect_url =
            RedirectUrl::new(settings.redirect_url.clone()).map_err(|e| format!("--oidc-redirect-url: {e}"))?;
        let http = openidconnect::reqwest::Client::builder()
            // Following redirects would let a provider's answer send requests anywhere (SSRF).
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(PROVIDER_TIMEOUT)
            .build()
            .map_err(|e| format!("cannot make an HTTP client: {e}"))?;
        Ok(Provider { settings, issuer, redirect_url, http, discovered: tokio::sync::Mutex::new(None) })
    }

    /// The provider's metadata: discovered on first use, kept, and read again when old or when
    /// `fresh` asks for it. A failed discovery is retried on the next call; a failed refresh
    /// keeps what was read before.
    async fn metadata(&self, fresh: bool) -> Result<CoreProviderMetadata, String> {
        let mut kept = self.discovered.lock().await;
        if let Some((at, metadata)) = kept.as_ref() {
            if !fresh && at.elapsed() < REDISCOVER_AFTER {
                return Ok(metadata.clone());
            }
        }
        match CoreProviderMetadata::discover_async(self.issuer.clone(), &self.http).await {
            Ok(metadata) => {
                *kept = Some((Instant::now(), metadata.clone()));
                Ok(metadata)
            }
            Err(e) => {
                let e = format!("discovery at {} failed: {e}", self.issuer.as_str());
                match kept.as_ref() {
                    Some((_, metadata)) => {
                        tracing::warn!("{e}; keeping the provider settings read before");
                        Ok(metadata.clone())
                    }
                    None => Err(e),
                }
            }
        }
    }

    fn client(
        &self,
        metadata: CoreProviderMetadata,
    ) -> CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    > {
        // Client authentication by HTTP Basic unless the provider only takes the secret in the body.
        let methods = metadata.token_endpoint_auth_methods_supported().cloned().unwrap_or_default();
        let post_only = !methods.is_empty()
            && !methods.contains(&CoreClientAuthMethod::ClientSecretBasic)
            && methods.contains(&CoreClientAuthMethod::ClientSecretPost);
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            self.settings.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(self.redirect_url.clone());
        if post_only {
            client.set_auth_type(AuthType::RequestBody)
        } else {
            client
        }
    }
}

/// A sign-in under way, kept in the server-side session between start and callback.
#[derive(Debug, Serialize, Deserialize)]
struct Pending {
    state: String,
    nonce: String,
    pkce_verifier: String,
    next: Option<String>,
    /// Unix seconds.
    started_at: i64,
}

#[derive(Debug, Deserialize)]
struct StartQuery {
    next: Option<String>,
}

/// Why a single sign-on failed, as the sign-in page's `error=` code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "kebab-case", prefix = "sso-")]
enum Failure {
    /// The provider could not be reached or answered nonsense.
    Unavailable,
    /// The user cancelled, or the provider refused.
    Cancelled,
    /// No sign-in under way in this browser, a wrong state, or too old.
    State,
    /// The ID token did not validate, or the code exchange failed.
    Token,
    /// The provider gave no email address, or did not say it is verified.
    Unverified,
    /// No account for that email (and no self-registration), or the account is disabled.
    NoAccount,
}

impl Failure {
    fn code(self) -> &'static str {
        self.into()
    }

    fn redirect(self) -> Response {
        Redirect::to(&format!("/sign-in?error={}", self.code())).into_response()
    }
}

/// Without a provider the routes are not there.
fn not_set_up() -> Response {
    (StatusCode::NOT_FOUND, "Single sign-on is not set up on this Skillmix.").into_response()
}

/// `GET /auth/oidc/start`: a fresh state, nonce and PKCE verifier into the session, then off to
/// the provider.
async fn start(
    Extension(SharedProvider(provider)): Extension<SharedProvider>,
    session: Session,
    Query(query): Query<StartQuery>,
) -> Response {
    let Some(provider) = provider else {
        return not_set_up();
    };
    let metadata = match provider.metadata(false).await {
        Ok(metadata) => metadata,
        Err(e) => {
            tracing::warn!("single sign-on unavailable: {e}");
            return Failure::Unavailable.redirect();
        }
    };
    let client = provider.client(metadata);
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let pending = Pending {
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
        next: query.next.filter(|path| is_local_path(path)),
        started_at: chrono::Utc::now().timestamp(),
    };
    if let Err(e) = session.insert(PENDING_KEY, pending).await {
        tracing::error!("could not keep the single sign-on state in the session: {e}");
        return (StatusCode::INTERNAL_SERVER_ERROR, "The sign-in could not be started. Try again.").into_response();
    }
    Redirect::to(url.as_str()).into_response()
}

#[derive(Debug, Deserialize)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    /// The issuer that answered (RFC 9207), when the provider says: must be ours.
    iss: Option<String>,
    /// Set by [`relay_page`]: this request already came from this site.
    relay: Option<String>,
}

/// `GET /auth/oidc/callback`: where the provider sends the browser back.
async fn callback(
    State(state): State<AppState>,
    Extension(SharedProvider(provider)): Extension<SharedProvider>,
    session: Session,
    Query(query): Query<CallbackQuery>,
) -> Response {
    let Some(provider) = provider else {
        return not_set_up();
    };
    let pending: Option<Pending> = match session.get(PENDING_KEY).await {
        Ok(pending) => pending,
        Err(e) => {
            tracing::error!("could not read the session: {e}");
            None
        }
    };
    let Some(pending) = pending else {
        if query.relay.is_none() {
            return relay_page(&query);
        }
        deny(&state, None, "no sign-in under way in this browser").await;
        return Failure::State.redirect();
    };
    // One use only, whatever happens next.
    let _ = session.remove::<Pending>(PENDING_KEY).await;
    let received_state = query.state.as_deref().unwrap_or_default();
    if !same_secret(received_state, &pending.state) {
        deny(&state, None, "state does not match").await;
        return Failure::State.redirect();
    }
    if chrono::Utc::now().timestamp() - pending.started_at > PENDING_FOR_SECONDS {
        deny(&state, None, "sign-in took too long").await;
        return Failure::State.redirect();
    }
    if query.iss.as_deref().is_some_and(|iss| iss != provider.issuer.as_str()) {
        deny(&state, None, "the answer came from another issuer").await;
        return Failure::Token.redirect();
    }
    if let Some(error) = query.error.as_deref() {
        let detail = format!("provider answered {}", error.chars().take(60).collect::<String>());
        deny(&state, None, &detail).await;
        return Failure::Cancelled.redirect();
    }
    let Some(code) = query.code.filter(|c| !c.is_empty()) else {
        deny(&state, None, "no authorization code").await;
        return Failure::Token.redirect();
    };
    let claims = match verified_claims(&provider, code, &pending).await {
        Ok(claims) => claims,
        Err(failure) => {
            deny(&state, None, "the provider's answer did not validate").await;
            return failure.redirect();
        }
    };
    let email = match (claims.email(), claims.email_verified()) {
        (Some(email), Some(true)) => email.as_str().trim().to_lowercase(),
        _ => {
            deny(&state, None, "no verified email address").await;
            return Failure::Unverified.redirect();
        }
    };
    let user = match account_for(&state, &provider.settings, &email).await {
        Ok(Some(user)) => user,
        Ok(None) => {
            deny(&state, Some(&email), "no account for this email").await;
            return Failure::NoAccount.redirect();
        }
        Err(e) => {
            tracing::error!("single sign-on: {e}");
            return (StatusCode::INTERNAL_SERVER_ERROR, "The sign-in could not be finished. Try again.")
                .into_response();
        }
    };
    let actor = Actor { user_id: Some(user.id), email: Some(email.clone()) };
    if user.disabled {
        record(&state, &actor, Outcome::Denied, "single sign-on: disabled").await;
        return Failure::NoAccount.redirect();
    }
    if let Err(e) = sign_in(&session, &user).await {
        tracing::error!("single sign-on: could not start the session: {e}");
        return (StatusCode::INTERNAL_SERVER_ERROR, "The sign-in could not be finished. Try again.").into_response();
    }
    record(&state, &actor, Outcome::Ok, "single sign-on").await;
    let landing = match (pending.next, user.role) {
        (Some(path), _) if is_local_path(&path) => path,
        (_, UserRole::Viewer) => "/org".to_string(),
        (_, UserRole::Member) => user.person_id.map(|id| format!("/people/{id}")).unwrap_or_else(|| "/".into()),
        _ => "/".to_string(),
    };
    Redirect::to(&landing).into_response()
}

/// Exchanges the code (with the PKCE verifier) and validates the ID token: signature against
/// the provider's keys, issuer, audience, expiry and nonce.
async fn verified_claims(provider: &Provider, code: String, pending: &Pending) -> Result<CoreIdTokenClaims, Failure> {
    let metadata = provider.metadata(false).await.map_err(|e| {
        tracing::warn!("single sign-on unavailable: {e}");
        Failure::Unavailable
    })?;
    let client = provider.client(metadata);
    let request = client.exchange_code(AuthorizationCode::new(code)).map_err(|e| {
        tracing::warn!("single sign-on: the provider has no token endpoint: {e}");
        Failure::Unavailable
    })?;
    let response = request
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
        .request_async(&provider.http)
        .await
        .map_err(|e| {
            tracing::warn!("single sign-on: the code exchange failed: {e}");
            Failure::Token
        })?;
    let Some(id_token) = response.id_token() else {
        tracing::warn!("single sign-on: the provider sent no ID token");
        return Err(Failure::Token);
    };
    let nonce = Nonce::new(pending.nonce.clone());
    let verifier = client.id_token_verifier();
    let checked = id_token.claims(&verifier, &nonce).cloned();
    match checked {
        Ok(claims) => Ok(claims),
        Err(ClaimsVerificationError::SignatureVerification(first)) => {
            // The provider may have rotated its keys since they were read: read them again once.
            let metadata = provider.metadata(true).await.map_err(|_| Failure::Unavailable)?;
            let client = provider.client(metadata);
            let verifier = client.id_token_verifier();
            let checked = id_token.claims(&verifier, &nonce).cloned();
            checked.map_err(|e| {
                tracing::warn!("single sign-on: the ID token did not validate: {first}; with fresh keys: {e}");
                Failure::Token
            })
        }
        Err(e) => {
            tracing::warn!("single sign-on: the ID token did not validate: {e}");
            Err(Failure::Token)
        }
    }
}

/// The user with this verified email, or a new team member when self-registration is on.
async fn account_for(
    state: &AppState,
    settings: &OidcConfig,
    email: &str,
) -> Result<Option<User>, skillmix::store::StoreError> {
    if let Some(user) = accounts::find_user_by_email(&state.pool, email).await? {
        return Ok(Some(user));
    }
    if !settings.self_register {
        return Ok(None);
    }
    let id = match accounts::create_user(&state.pool, email, NO_PASSWORD, UserRole::Member, None).await {
        Ok(id) => id,
        // Made by a sign-in running at the same moment.
        Err(skillmix::store::StoreError::Conflict(_)) => {
            return accounts::find_user_by_email(&state.pool, email).await;
        }
        Err(e) => return Err(e),
    };
    let user = accounts::get_user(&state.pool, id).await?;
    let actor = Actor { user_id: Some(id), email: Some(user.email.clone()) };
    let target = format!("user:{id}");
    if let Err(e) =
        audit::record(&state.pool, &actor, "self-register", Some(&target), Outcome::Ok, Some("single sign-on")).await
    {
        tracing::error!("could not write the audit log: {e}");
    }
    Ok(Some(user))
}

async fn sign_in(session: &Session, user: &User) -> Result<(), String> {
    app::ssr::auth::start_session(session, user).await.map_err(|e| format!("{e:?}"))
}

async fn deny(state: &AppState, email: Option<&str>, why: &str) {
    let actor = Actor { user_id: None, email: email.map(str::to_string) };
    record(state, &actor, Outcome::Denied, &format!("single sign-on: {why}")).await;
}

async fn record(state: &AppState, actor: &Actor, outcome: Outcome, detail: &str) {
    if let Err(e) = audit::record(&state.pool, actor, "sign-in", None, outcome, Some(detail)).await {
        tracing::error!("could not write the audit log: {e}");
    }
}

/// Compares two secrets without stopping at the first difference.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && !a.is_empty() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The provider's redirect back came from another site, so the browser left out the
/// `SameSite=Strict` session cookie: a page that follows the same address again from this site
/// (the browser then sends the cookie). Works without JavaScript (a meta refresh, and a link).
fn relay_page(query: &CallbackQuery) -> Response {
    let mut params: Vec<(&str, &str)> = Vec::new();
    let fields = [("code", &query.code), ("state", &query.state), ("error", &query.error), ("iss", &query.iss)];
    for (name, value) in fields {
        if let Some(value) = value {
            params.push((name, value.as_str()));
        }
    }
    params.push(("relay", "1"));
    let query_string = params.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&");
    let href = html_escape(&format!("{CALLBACK_PATH}?{query_string}"));
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"refresh\" content=\"0;url={href}\"><title>Signing in - Skillmix</title></head>\
         <body><main><h1>Signing in</h1><p><a href=\"{href}\">Continue signing in</a></p></main></body></html>\n"
    );
    (StatusCode::OK, [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], body)
        .into_response()
}

/// Percent-encodes a query value (everything but unreserved characters).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use strum::IntoEnumIterator;

    /// The sign-in page matches these `error=` codes literally (app/src/pages/sign_in.rs).
    #[test]
    fn failure_codes_are_the_ones_the_sign_in_page_knows() {
        let codes: Vec<&str> = Failure::iter().map(Failure::code).collect();
        assert_eq!(
            codes,
            ["sso-unavailable", "sso-cancelled", "sso-state", "sso-token", "sso-unverified", "sso-no-account"]
        );
        for code in codes {
            assert!(app::pages::sign_in::sso_error_message(code).is_some(), "{code}");
        }
    }

    fn serve_args(extra: &[&str]) -> crate::cli::ServeArgs {
        let mut argv = vec!["skillmix", "serve"];
        argv.extend_from_slice(extra);
        match crate::cli::Cli::try_parse_from(argv).unwrap().command {
            crate::cli::Command::Serve(args) => args,
            other => panic!("not serve: {other:?}"),
        }
    }

    #[test]
    fn settings_come_from_the_flags_and_the_secret_from_the_environment() {
        let args = serve_args(&[
            "--addr",
            "127.0.0.1:3100",
            "--oidc-issuer",
            "http://127.0.0.1:3101",
            "--oidc-client-id",
            "skillmix",
        ]);
        let config = config_from_args(&args, Some("s3cret".into())).unwrap().unwrap();
        assert_eq!(config.redirect_url, "http://127.0.0.1:3100/auth/oidc/callback");
        assert_eq!(config.client_secret.as_deref(), Some("s3cret"));
        assert!(!format!("{config:?}").contains("s3cret"), "the secret never shows in logs");

        let args = serve_args(&[
            "--oidc-issuer",
            "https://login.example.com/tenant/v2.0",
            "--oidc-client-id",
            "abc",
            "--public-url",
            "https://skillmix.example.gov.uk/",
        ]);
        let config = config_from_args(&args, None).unwrap().unwrap();
        assert_eq!(config.redirect_url, "https://skillmix.example.gov.uk/auth/oidc/callback");
        assert_eq!(config.client_secret, None);
        assert!(config_from_args(&serve_args(&[]), None).unwrap().is_none());
    }

    #[test]
    fn bad_settings_are_refused_naming_the_flag() {
        let plain_http = serve_args(&["--oidc-issuer", "http://login.example.com", "--oidc-client-id", "abc"]);
        assert!(config_from_args(&plain_http, None).unwrap_err().contains("--oidc-issuer must be an https://"));
        let elsewhere = serve_args(&[
            "--oidc-issuer",
            "https://login.example.com",
            "--oidc-client-id",
            "abc",
            "--oidc-redirect-url",
            "https://skillmix.example/somewhere",
        ]);
        assert!(config_from_args(&elsewhere, None).unwrap_err().contains("--oidc-redirect-url must end with"));
        assert!(crate::cli::Cli::try_parse_from(["skillmix", "serve", "--oidc-issuer", "https://x.example"]).is_err());
        assert!(crate::cli::Cli::try_parse_from(["skillmix", "serve", "--no-password-sign-in"]).is_err());
        assert!(crate::cli::Cli::try_parse_from(["skillmix", "serve", "--oidc-client-secret", "x"]).is_err());
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
        assert!(!same_secret("", ""));
    }

    #[test]
    fn the_relay_page_escapes_what_it_repeats() {
        let query = CallbackQuery {
            code: Some("a&b\"<x>".into()),
            state: Some("s t".into()),
            error: None,
            iss: None,
            relay: None,
        };
        let response = relay_page(&query);
        assert_eq!(response.status(), StatusCode::OK);
        let body = futures_body(response);
        assert!(body.contains("/auth/oidc/callback?code=a%26b%22%3Cx%3E&amp;state=s%20t&amp;relay=1"), "{body}");
        assert!(!body.contains("<x>"));
    }

    fn futures_body(response: Response) -> String {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let bytes = runtime.block_on(axum::body::to_bytes(response.into_body(), 1 << 20)).unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }
}
