//! Passwords, sessions and API tokens.
//!
//! - Passwords: argon2id (the `argon2` crate's defaults), hashed and verified on the blocking
//!   thread pool so the async runtime never stalls, at most [`HASHING_PERMITS`] at a time (a
//!   flood of sign-ins queues instead of tying up every thread and the memory argon2 needs).
//!   8 to 64 characters; passwords that are common or easy to guess (zxcvbn score under 2) are
//!   refused.
//! - Lock-out: [`LOCK_AFTER_FAILURES`] failed sign-ins in a row for one account from one client
//!   address (an IPv6 /64) lock that account for that address for [`LOCK_MINUTES`]; the
//!   rightful user signing in from elsewhere is not locked out, so nobody can keep an
//!   administrator out by guessing. Kept in memory: a restart forgets it.
//! - Sessions: stored server-side by tower-sessions in the database. The session id changes at
//!   sign-in; a session ends after an idle time-out (the session layer's expiry), an absolute
//!   time-out (checked here), sign-out (deleted on the server), or when the user is disabled,
//!   erased, changes role or password (`sessions_valid_after`, `User::voids`).
//! - API tokens: 32 random bytes, shown once; only their SHA-256 digest is stored.

use super::AppState;
use crate::error::{AppError, AppResult};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use http::HeaderMap;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use skillmix::store::accounts::{self, User};
use tower_sessions::Session;

pub const PASSWORD_MIN: usize = 8;
/// Password hashes computed at once (the development machine has 2 cores).
pub const HASHING_PERMITS: usize = 2;
/// Failed sign-ins in a row, for one account from one address, that lock it there.
pub const LOCK_AFTER_FAILURES: u32 = 5;
/// How long such a lock lasts.
pub const LOCK_MINUTES: u64 = 15;
pub const PASSWORD_MAX: usize = 64;
const SESSION_KEY: &str = "auth";

/// Checks a new password against the policy. The message names what is wrong.
pub fn check_password_policy(password: &str, email: &str) -> Result<(), String> {
    let length = password.chars().count();
    if length < PASSWORD_MIN {
        return Err(format!("The password must be at least {PASSWORD_MIN} characters"));
    }
    if length > PASSWORD_MAX {
        return Err(format!("The password must be {PASSWORD_MAX} characters or fewer"));
    }
    let local_part = email.split('@').next().unwrap_or_default();
    let estimate = zxcvbn::zxcvbn(password, &[email, local_part, "skillmix"]);
    if (estimate.score() as u8) < 2 {
        return Err("The password is too common or too easy to guess: use three or more random words".into());
    }
    Ok(())
}

/// The permits for password hashing: argon2 holds a core and 19 MiB for each hash.
fn hashing_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_PERMITS);
    &PERMITS
}

/// Hashes a password with argon2id on the blocking pool.
pub async fn hash_password(password: String) -> AppResult<String> {
    let _permit = hashing_permits().acquire().await.map_err(|e| AppError::internal(&e))?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(|e| AppError::internal(&e))?
    .map_err(|e| AppError::internal(&e))
}

/// Verifies a password against a stored hash on the blocking pool.
pub async fn verify_password(password: String, hash: String) -> bool {
    let Ok(_permit) = hashing_permits().acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .unwrap_or(false)
}

/// Verifies against a throw-away hash when the email is unknown, so a sign-in attempt takes the
/// same time whether or not the account exists. Always false.
pub async fn verify_decoy(password: String) -> bool {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = match DECOY.get() {
        Some(hash) => hash.clone(),
        None => {
            let made = hash_password(new_token()).await.unwrap_or_default();
            DECOY.get_or_init(|| made).clone()
        }
    };
    let _same_work_as_a_real_check = verify_password(password, hash).await;
    false
}

/// The key a client address is counted under: the address itself, or its /64 for IPv6 (one
/// machine usually holds a whole /64).
pub fn address_key(address: std::net::IpAddr) -> std::net::IpAddr {
    match address {
        std::net::IpAddr::V4(v4) => std::net::IpAddr::V4(v4),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => std::net::IpAddr::V4(v4),
            None => {
                let bits = u128::from(v6) & !((1u128 << 64) - 1);
                std::net::IpAddr::V6(std::net::Ipv6Addr::from(bits))
            }
        },
    }
}

/// Failed sign-ins per (account, client address): the lock-out.
#[derive(Debug, Default)]
pub struct LockOut {
    entries: std::collections::HashMap<(skillmix::Id, std::net::IpAddr), Failures>,
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: std::time::Instant,
    locked_until: Option<std::time::Instant>,
}

/// Entries kept before old ones are swept.
const LOCK_OUT_SWEEP_AT: usize = 10_000;

impl LockOut {
    /// Whether this account is locked for this address at `now`.
    pub fn is_locked(&self, user_id: skillmix::Id, address: std::net::IpAddr, now: std::time::Instant) -> bool {
        self.entries.get(&(user_id, address_key(address))).and_then(|f| f.locked_until).is_some_and(|until| until > now)
    }

    /// Counts a failure; returns whether the account is now locked for this address.
    pub fn fail(&mut self, user_id: skillmix::Id, address: std::net::IpAddr, now: std::time::Instant) -> bool {
        let lock = std::time::Duration::from_secs(LOCK_MINUTES * 60);
        if self.entries.len() >= LOCK_OUT_SWEEP_AT {
            self.entries.retain(|_, f| now.duration_since(f.last) < lock || f.locked_until.is_some_and(|u| u > now));
        }
        let entry = self.entries.entry((user_id, address_key(address))).or_insert(Failures {
            count: 0,
            last: now,
            locked_until: None,
        });
        if entry.locked_until.is_some_and(|until| until <= now) {
            *entry = Failures { count: 0, last: now, locked_until: None };
        }
        entry.count += 1;
        entry.last = now;
        if entry.count >= LOCK_AFTER_FAILURES {
            entry.locked_until = Some(now + lock);
            entry.count = 0;
        }
        entry.locked_until.is_some_and(|until| until > now)
    }

    /// A successful sign-in clears the count for this address.
    pub fn succeed(&mut self, user_id: skillmix::Id, address: std::net::IpAddr) {
        self.entries.remove(&(user_id, address_key(address)));
    }

    /// How many addresses this account is locked for at `now`.
    pub fn locked_addresses(&self, user_id: skillmix::Id, now: std::time::Instant) -> usize {
        self.entries.iter().filter(|((id, _), f)| *id == user_id && f.locked_until.is_some_and(|u| u > now)).count()
    }
}

/// The process's lock-out table.
pub fn lock_out() -> std::sync::MutexGuard<'static, LockOut> {
    static LOCK_OUT: std::sync::OnceLock<std::sync::Mutex<LockOut>> = std::sync::OnceLock::new();
    LOCK_OUT.get_or_init(Default::default).lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A one-time temporary password an administrator passes on: four groups of five letters and
/// digits (about 100 bits), easy to read out and type.
pub fn temporary_password() -> String {
    use argon2::password_hash::rand_core::RngCore;
    // No 0/O, 1/l/I: read out or copied by hand without confusion.
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut groups = Vec::new();
    for _ in 0..4 {
        let group: String = (0..5).map(|_| ALPHABET[(OsRng.next_u32() as usize) % ALPHABET.len()] as char).collect();
        groups.push(group);
    }
    groups.join("-")
}

/// A new API token: `smx_` and 64 hex digits.
pub fn new_token() -> String {
    use argon2::password_hash::rand_core::RngCore;
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("smx_{hex}")
}

/// What the database keeps of a token.
pub fn token_digest(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The token of an `Authorization: Bearer ...` header.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// What a session holds about who signed in.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SessionAuth {
    user_id: skillmix::Id,
    /// RFC 3339, UTC.
    signed_in_at: String,
}

/// Starts an authenticated session: a fresh session id (no fixation), then the user.
pub async fn start_session(session: &Session, user: &User) -> AppResult<()> {
    start_session_at(session, user, accounts::now_precise()).await
}

/// Starts an authenticated session that counts as begun at `signed_in_at` (the moment a
/// password change voided the user's other sessions, so this one stays live).
pub async fn start_session_at(session: &Session, user: &User, signed_in_at: String) -> AppResult<()> {
    session.cycle_id().await.map_err(|e| AppError::internal(&e))?;
    let auth = SessionAuth { user_id: user.id, signed_in_at };
    session.insert(SESSION_KEY, auth).await.map_err(|e| AppError::internal(&e))?;
    Ok(())
}

/// The session store's key for when a signed-in session's idle time-out was last renewed.
const RENEWED_KEY: &str = "renewed_at";
/// How often a signed-in session's idle time-out is renewed while it is in use.
pub const SESSION_RENEW_EVERY_SECONDS: i64 = 5 * 60;

/// Renews a signed-in session's idle time-out while it is in use, at most every
/// [`SESSION_RENEW_EVERY_SECONDS`]: the session store only writes (and so only moves the expiry
/// on) when the session changes, so this changes it. Not on every request, because every write
/// also empties the page cache.
pub async fn renew_idle_time_out(session: &Session, now_unix: i64) -> AppResult<()> {
    let signed_in = session.get::<SessionAuth>(SESSION_KEY).await.map_err(|e| AppError::internal(&e))?.is_some();
    if !signed_in {
        return Ok(());
    }
    let renewed_at: Option<i64> = session.get(RENEWED_KEY).await.map_err(|e| AppError::internal(&e))?;
    if renewed_at.is_none_or(|at| now_unix - at >= SESSION_RENEW_EVERY_SECONDS) {
        session.insert(RENEWED_KEY, now_unix).await.map_err(|e| AppError::internal(&e))?;
    }
    Ok(())
}

/// Ends the session on the server.
pub async fn end_session(session: &Session) -> AppResult<()> {
    session.flush().await.map_err(|e| AppError::internal(&e))
}

/// The user of a live session, ending the session if it has run out or been voided.
pub async fn session_user(state: &AppState, session: &Session) -> AppResult<Option<User>> {
    let auth: Option<SessionAuth> = session.get(SESSION_KEY).await.map_err(|e| AppError::internal(&e))?;
    let Some(auth) = auth else {
        return Ok(None);
    };
    let user = match accounts::get_user(&state.pool, auth.user_id).await {
        Ok(user) => user,
        Err(skillmix::store::StoreError::NotFound(_)) => {
            end_session(session).await?;
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    };
    if !session_is_live(&auth, &user, state.config.session_absolute_hours) {
        end_session(session).await?;
        return Ok(None);
    }
    Ok(Some(user))
}

fn session_is_live(auth: &SessionAuth, user: &User, absolute_hours: i64) -> bool {
    let Ok(signed_in) = chrono::DateTime::parse_from_rfc3339(&auth.signed_in_at) else {
        return false;
    };
    let expired = chrono::Utc::now().signed_duration_since(signed_in) > chrono::Duration::hours(absolute_hours);
    !user.disabled && !expired && !user.voids(&auth.signed_in_at)
}

/// Paths a user who must replace a temporary password may still reach: the account page and
/// its server functions, signing in and out, who is signed in, and the site's static files.
pub fn allowed_before_password_change(path: &str) -> bool {
    path == "/account"
        || path.starts_with("/api/account/")
        || path.starts_with("/api/session/")
        || path == "/sign-in"
        || path == "/healthz"
        || path.starts_with("/pkg/")
        || path == "/favicon.svg"
        || path == "/favicon.ico"
}

/// Middleware: a user signed in with a temporary password can do nothing but choose a new one.
/// Pages send them to `/account` (303); anything else is refused with 403 and a message.
pub async fn require_password_change(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let path = request.uri().path();
    let session = request.extensions().get::<Session>().cloned();
    if allowed_before_password_change(path) {
        return next.run(request).await;
    }
    let Some(session) = session else {
        return next.run(request).await;
    };
    let must_change = match session_user(&state, &session).await {
        Ok(user) => user.is_some_and(|u| u.must_change_password),
        Err(_) => false,
    };
    if !must_change {
        return next.run(request).await;
    }
    if request.method() == http::Method::GET && !path.starts_with("/api/") {
        return (http::StatusCode::SEE_OTHER, [(http::header::LOCATION, "/account")]).into_response();
    }
    (http::StatusCode::FORBIDDEN, "Choose a new password at /account before doing anything else.").into_response()
}

/// The session of the request a server function is answering, if the session layer runs.
pub fn request_session() -> Option<Session> {
    leptos::prelude::use_context::<http::request::Parts>()?.extensions.get::<Session>().cloned()
}

/// The session key of a temporary password waiting to be shown to the administrator who set it.
const TEMPORARY_PASSWORD_KEY: &str = "temporary_password";

/// Keeps a temporary password in the administrator's (server-side) session until the users page
/// shows it, once: it never travels in a URL.
pub async fn keep_temporary_password(session: &Session, email: &str, password: &str) -> AppResult<()> {
    session
        .insert(TEMPORARY_PASSWORD_KEY, (email.to_string(), password.to_string()))
        .await
        .map_err(|e| AppError::internal(&e))
}

/// Takes (and so forgets) the temporary password waiting in the session, if any.
pub async fn take_temporary_password(session: &Session) -> AppResult<Option<(String, String)>> {
    session.remove(TEMPORARY_PASSWORD_KEY).await.map_err(|e| AppError::internal(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_policy_names_the_problem() {
        assert_eq!(
            check_password_policy("short", "a@example.gov.uk").unwrap_err(),
            "The password must be at least 8 characters"
        );
        assert!(check_password_policy(&"x".repeat(65), "a@example.gov.uk").unwrap_err().contains("64 characters"));
        assert!(check_password_policy("password123", "a@example.gov.uk").unwrap_err().contains("too common"));
        assert!(check_password_policy("correct horse battery staple", "a@example.gov.uk").is_ok());
    }

    #[test]
    fn tokens_are_random_and_digests_stable() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert!(a.starts_with("smx_") && a.len() == 68);
        assert_eq!(token_digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn bearer_header_is_parsed() {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::AUTHORIZATION, "Bearer smx_abc".parse().unwrap());
        assert_eq!(bearer_token(&headers), Some("smx_abc"));
        headers.insert(http::header::AUTHORIZATION, "Basic xyz".parse().unwrap());
        assert_eq!(bearer_token(&headers), None);
    }

    #[tokio::test]
    async fn hashing_round_trips() {
        let hash = hash_password("correct horse battery staple".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery staple".into(), hash.clone()).await);
        assert!(!verify_password("wrong horse battery staple".into(), hash).await);
        assert!(!verify_decoy("anything".into()).await);
    }
}
