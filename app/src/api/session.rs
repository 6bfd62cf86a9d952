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

/// Signs in with email and password. Failures say the same thing whether the email is known or
/// not; the fifth failure in a row locks the account for 15 minutes.
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
    if email.trim().is_empty() {
        errors.add("email", "Enter your email address");
    }
    if password.is_empty() {
        errors.add("password", "Enter your password");
    }
    let submitted_email = email.clone();
    let keep = move |e: AppError| e.keeping(&[("email", submitted_email.as_str())]);
    if !errors.is_empty() {
        return Err(keep(AppError::Validation(errors)));
    }
    let wrong = || keep(AppError::field("email", "The email address or password is not right"));
    let found = accounts::find_for_sign_in(&pool, &email).await?;
    let actor = Actor { user_id: found.as_ref().map(|(u, _)| u.id), email: Some(email.trim().to_lowercase()) };
    let Some((user, hash)) = found else {
        auth::verify_decoy(password).await;
        audit::record(&pool, &actor, "sign-in", None, Outcome::Failed, Some("unknown email")).await?;
        return Err(wrong());
    };
    let now = skillmix::store::now_utc();
    if accounts::is_locked(&user, &now) {
        audit::record(&pool, &actor, "sign-in", None, Outcome::Denied, Some("account locked")).await?;
        return Err(AppError::field(
            "email",
            "This account is locked after too many failed attempts. Try again in 15 minutes.",
        ));
    }
    if !auth::verify_password(password, hash).await {
        let locked = accounts::record_failed_sign_in(&pool, user.id).await?;
        audit::record(
            &pool,
            &actor,
            "sign-in",
            None,
            Outcome::Failed,
            Some(if locked { "locked" } else { "wrong password" }),
        )
        .await?;
        return Err(wrong());
    }
    if user.disabled {
        audit::record(&pool, &actor, "sign-in", None, Outcome::Denied, Some("disabled")).await?;
        return Err(AppError::field("email", "This account has been disabled. Ask your administrator."));
    }
    accounts::record_successful_sign_in(&pool, user.id).await?;
    let parts = expect_context::<http::request::Parts>();
    let session = parts
        .extensions
        .get::<tower_sessions::Session>()
        .cloned()
        .ok_or_else(|| AppError::internal(&"no session layer"))?;
    auth::start_session(&session, &user).await?;
    audit::record(&pool, &actor, "sign-in", None, Outcome::Ok, None).await?;
    let landing = match (next.as_deref(), user.role) {
        (Some(path), _) if is_local_path(path) => path.to_string(),
        (_, UserRole::Viewer) => "/org".to_string(),
        (_, UserRole::Member) => user.person_id.map(|id| format!("/people/{id}")).unwrap_or_else(|| "/".into()),
        _ => "/".to_string(),
    };
    crate::ssr::redirect(&landing);
    Ok(())
}

/// Only same-site paths are followed after sign-in (no open redirects).
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.contains("://")
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

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/teams/3"));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("teams"));
    }
}
