//! Signing in and out, and who is signed in.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use skillmix::access::UserRole;
use skillmix::Id;

/// The signed-in user, as the page header and navigation need them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedInUser {
    pub email: String,
    pub role: UserRole,
    pub person_id: Option<Id>,
    pub lead_team_ids: Vec<Id>,
}

#[server(endpoint = "session/current")]
pub async fn current_user() -> Result<Option<SignedInUser>, AppError> {
    let caller = crate::ssr::caller().await?;
    Ok(caller.user.map(|user| SignedInUser {
        email: user.email,
        role: user.role,
        person_id: user.person_id,
        lead_team_ids: caller.viewer.lead_team_ids,
    }))
}

/// The longest email address accepted (RFC 5321's path limit less its angle brackets).
pub const EMAIL_MAX: usize = 254;

/// The one answer to every failed sign-in: unknown email, wrong password, an account locked for
/// this address or disabled all read the same, so the answer tells nobody whether an account
/// exists.
pub const SIGN_IN_REFUSED: &str = "The email address or password is not right. After 5 failed attempts, \
                                   signing in from your network is paused for 15 minutes.";

/// Signs in with email and password. Every failure gets [`SIGN_IN_REFUSED`]; the fifth failure
/// in a row for an account from one address locks it for that address for 15 minutes
/// (`crate::ssr::auth::LockOut`). A user who must replace a temporary password is sent to
/// `/account`.
#[server(endpoint = "session/sign-in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{auth, pool};
    use skillmix::store::accounts;
    use skillmix::store::audit::{self, Actor, Outcome};

    let pool = pool();
    if !crate::ssr::state().config.password_sign_in {
        return Err(AppError::field("email", crate::pages::sign_in::PASSWORD_SIGN_IN_OFF));
    }
    let mut errors = skillmix::validation::FieldErrors::new();
    let email_length = email.trim().chars().count();
    if email.trim().is_empty() {
        errors.add("email", "Enter your email address");
    } else if email_length > EMAIL_MAX {
        errors.add("email", format!("The email address must be {EMAIL_MAX} characters or fewer"));
    }
    if password.is_empty() {
        errors.add("password", "Enter your password");
    }
    let submitted_email: String = email.chars().take(EMAIL_MAX).collect();
    let keep = move |e: AppError| e.keeping(&[("email", submitted_email.as_str())]);
    if !errors.is_empty() {
        return Err(keep(AppError::Validation(errors)));
    }
    let wrong = || keep(AppError::field("email", SIGN_IN_REFUSED));
    let parts = expect_context::<http::request::Parts>();
    let address = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(std::net::IpAddr::from([0, 0, 0, 0]));
    let found = accounts::find_for_sign_in(&pool, &email).await?;
    let Some((user, hash)) = found else {
        auth::verify_decoy(password).await;
        // Not in the database: anyone can send these, and what was typed may be a password.
        // The request log gets a digest of it, enough to see one email tried many times.
        let digest = &auth::token_digest(&email.trim().to_lowercase())[..16];
        tracing::warn!(%address, email_sha256 = digest, "sign-in refused: unknown email address");
        return Err(wrong());
    };
    let actor = Actor { user_id: Some(user.id), email: Some(user.email.clone()) };
    let locked = auth::lock_out().is_locked(user.id, address, std::time::Instant::now());
    if locked {
        auth::verify_decoy(password).await;
        audit::record(&pool, &actor, "sign-in", None, Outcome::Denied, Some("locked for this address")).await?;
        return Err(wrong());
    }
    if !auth::verify_password(password, hash).await {
        let now_locked = auth::lock_out().fail(user.id, address, std::time::Instant::now());
        let detail = if now_locked { "wrong password; now locked for this address" } else { "wrong password" };
        audit::record(&pool, &actor, "sign-in", None, Outcome::Failed, Some(detail)).await?;
        return Err(wrong());
    }
    if user.disabled {
        audit::record(&pool, &actor, "sign-in", None, Outcome::Denied, Some("disabled")).await?;
        return Err(wrong());
    }
    auth::lock_out().succeed(user.id, address);
    let session = parts
        .extensions
        .get::<tower_sessions::Session>()
        .cloned()
        .ok_or_else(|| AppError::internal(&"no session layer"))?;
    auth::start_session(&session, &user).await?;
    audit::record(&pool, &actor, "sign-in", None, Outcome::Ok, None).await?;
    let landing = match (next.as_deref(), user.role) {
        _ if user.must_change_password => "/account".to_string(),
        (Some(path), _) if is_local_path(path) => path.to_string(),
        (_, UserRole::Viewer) => "/org".to_string(),
        (_, UserRole::Member) => user.person_id.map(|id| format!("/people/{id}")).unwrap_or_else(|| "/".into()),
        _ => "/".to_string(),
    };
    crate::ssr::redirect(&landing);
    Ok(())
}

/// Only same-site paths are followed after sign-in (no open redirects): a path that starts with
/// one `/`, holds no backslash, whitespace or control character (browsers drop tabs and
/// newlines, so `/\t/evil.example` would become `//evil.example`), and stays so however often
/// its percent-encoding is decoded (`/%2F/evil.example`, `/%5Cevil`).
pub fn is_local_path(path: &str) -> bool {
    let mut text = path.to_string();
    for round in 0..4 {
        // A space is only refused as typed: encoded (`%20`) it is an ordinary part of a path or
        // query, and browsers never turn it into a `/`.
        let ok = text.starts_with('/')
            && !text.starts_with("//")
            && !text.contains("://")
            && !text.chars().any(|c| c == '\\' || c.is_control() || (round == 0 && c.is_whitespace()));
        if !ok {
            return false;
        }
        match percent_decode(&text) {
            Some(decoded) if decoded == text => return true,
            Some(decoded) => text = decoded,
            None => return false,
        }
    }
    false
}

/// Decodes `%XX` sequences; `None` for a broken sequence or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[server(endpoint = "session/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    let caller = crate::ssr::caller().await?;
    let parts = expect_context::<http::request::Parts>();
    if let Some(session) = parts.extensions.get::<tower_sessions::Session>() {
        crate::ssr::auth::end_session(session).await?;
    }
    if caller.user.is_some() {
        crate::ssr::audit_ok(&caller, "sign-out", None).await;
    }
    crate::ssr::redirect("/sign-in");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    /// Fails on f6591a6 (the tab, the encoded forms and the control characters were followed).
    #[test]
    fn only_local_paths_are_followed() {
        let followed = ["/", "/teams/3", "/teams/3/heatmap?mode=gap&source=self", "/people/7#history", "/a%20b"];
        for path in followed {
            assert!(is_local_path(path), "{path:?} should be followed");
        }
        let mut refused: Vec<String> = [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/ /evil.example",
            "/%2F/evil.example",
            "/%2f/evil.example",
            "/%5Cevil",
            "/%5cevil",
            "/%252F/evil.example",
            "/%09/evil.example",
            "/%zz",
            "/%",
            "teams",
            "",
            "javascript:alert(1)",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for c in (0u32..0x20).chain([0x7f]).chain(0x80..0xa0).filter_map(char::from_u32) {
            refused.push(format!("/{c}/evil.example"));
            refused.push(format!("/teams{c}"));
        }
        for path in &refused {
            assert!(!is_local_path(path), "{path:?} should be refused");
        }
        assert!(refused.len() > 60);
    }
}
