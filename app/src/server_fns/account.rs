//! `/account`: the signed-in user changes their own password (and replaces a temporary one an
//! administrator set).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use skillmix::access::UserRole;

/// What the account page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountData {
    pub email: String,
    pub role: UserRole,
    /// Signed in with a temporary password: a new one must be chosen before anything else.
    pub must_change_password: bool,
}

/// The signed-in caller. Every role may read the framework, so that access rule is "signed in"
/// (the access core has no own-account resource yet).
#[cfg(feature = "ssr")]
async fn signed_in() -> Result<(crate::ssr::Caller, skillmix::store::accounts::User), AppError> {
    use skillmix::access::{Action, Resource};
    let caller = crate::ssr::require(Action::Read, Resource::Framework).await?;
    let user = caller.user.clone().ok_or(AppError::SignInRequired)?;
    Ok((caller, user))
}

#[server(endpoint = "account/page", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_account() -> Result<AccountData, AppError> {
    let (_, user) = signed_in().await?;
    Ok(AccountData { email: user.email, role: user.role, must_change_password: user.must_change_password })
}

/// Changes the caller's password: the current one is required and the new one follows the same
/// policy as at creation. The caller's other sessions and API tokens end; this session carries
/// on under a fresh session id. Wrong current passwords count towards the sign-in lock-out.
#[server(endpoint = "account/change-password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::ssr::auth;
    use skillmix::store::accounts;
    use skillmix::validation::FieldErrors;

    let (caller, user) = signed_in().await?;
    let pool = crate::ssr::pool();
    let mut errors = FieldErrors::new();
    if current_password.is_empty() {
        errors.add("current_password", "Enter your current password");
    }
    if let Err(message) = auth::check_password_policy(&new_password, &user.email) {
        errors.add("new_password", if new_password.is_empty() { "Enter a new password".into() } else { message });
    } else if new_password == current_password {
        errors.add("new_password", "The new password must be different from your current one");
    }
    if errors.for_field("new_password").is_none() && confirm_password != new_password {
        errors.add("confirm_password", "The passwords do not match: type the new password again");
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let parts = expect_context::<http::request::Parts>();
    let address = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(std::net::IpAddr::from([0, 0, 0, 0]));
    let wrong = || AppError::field("current_password", "Your current password is not right");
    if auth::lock_out().is_locked(user.id, address, std::time::Instant::now()) {
        return Err(wrong());
    }
    let hash = accounts::find_for_sign_in(&pool, &user.email).await?.map(|(_, hash)| hash).unwrap_or_default();
    if !auth::verify_password(current_password, hash).await {
        auth::lock_out().fail(user.id, address, std::time::Instant::now());
        let failed = skillmix::store::audit::Outcome::Failed;
        skillmix::store::audit::record(
            &pool,
            &caller.actor(),
            "user.change-password",
            None,
            failed,
            Some("wrong current password"),
        )
        .await?;
        return Err(wrong());
    }
    let new_hash = auth::hash_password(new_password).await?;
    let voided_at = accounts::set_password_hash(&pool, user.id, &new_hash, false).await?;
    let session = parts
        .extensions
        .get::<tower_sessions::Session>()
        .cloned()
        .ok_or_else(|| AppError::internal(&"no session layer"))?;
    auth::start_session_at(&session, &user, voided_at).await?;
    crate::ssr::audit_ok(&caller, "user.change-password", Some(format!("user:{}", user.id))).await;
    crate::ssr::redirect("/account?changed=yes");
    Ok(())
}
