//! Passwords, sessions and API tokens.
//!
//! - Passwords: argon2id (the `argon2` crate's defaults), hashed and verified on the blocking
//!   thread pool so the async runtime never stalls. 8 to 64 characters; passwords that are
//!   common or easy to guess (zxcvbn score under 2) are refused.
//! - Sessions: stored server-side by tower-sessions in the database. The session id changes at
//!   sign-in; a session ends after an idle time-out (the session layer's expiry), an absolute
//!   time-out (checked here), sign-out (deleted on the server), or when the user is disabled or
//!   their role changes (`sessions_valid_after`).
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

/// Hashes a password with argon2id on the blocking pool.
pub async fn hash_password(password: String) -> AppResult<String> {
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
    session.cycle_id().await.map_err(|e| AppError::internal(&e))?;
    let auth = SessionAuth { user_id: user.id, signed_in_at: skillmix::store::now_utc() };
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
    let voided = user.sessions_valid_after.as_deref().is_some_and(|after| auth.signed_in_at.as_str() < after);
    !user.disabled && !expired && !voided
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
