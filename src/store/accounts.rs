//! User accounts and API tokens. Passwords and tokens never reach this module in clear: callers
//! pass an argon2id hash or a SHA-256 digest. (The sign-in lock-out, per account and client
//! address, lives with the sign-in: `app::ssr::auth`.)
//!
//! Moments that void sessions and tokens (`sessions_valid_after`, a session's sign-in time, a
//! token's creation) are written to the microsecond and compared as times, not as text, so a
//! session started in the same second as a role change is still voided.

use super::{begin_write, now_utc, Pool, StoreError, StoreResult};
use crate::access::{UserRole, Viewer};
use crate::Id;
use serde::{Deserialize, Serialize};

/// How long an API token lives unless told otherwise.
pub const TOKEN_DAYS_DEFAULT: i64 = 90;
/// The longest lifetime a token may be given.
pub const TOKEN_DAYS_MAX: i64 = 366;
/// A token's last use is written at most this often (each write empties the page cache).
pub const TOKEN_LAST_USE_EVERY_SECONDS: i64 = 60;

/// Now, UTC, RFC 3339 to the microsecond: for the moments sessions and tokens are compared by.
pub fn now_precise() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Whether the moment `a` is strictly before `b` (both RFC 3339, any precision). A moment that
/// does not parse counts as before, so whatever it guards is voided (fail closed).
pub fn is_before(a: &str, b: &str) -> bool {
    match (chrono::DateTime::parse_from_rfc3339(a), chrono::DateTime::parse_from_rfc3339(b)) {
        (Ok(a), Ok(b)) => a < b,
        _ => true,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: Id,
    pub email: String,
    pub role: UserRole,
    pub person_id: Option<Id>,
    pub disabled: bool,
    pub locked_until: Option<String>,
    pub sessions_valid_after: Option<String>,
    pub created_at: String,
    /// Signed in with a temporary password: must choose a new one before anything else.
    pub must_change_password: bool,
}

impl User {
    /// Whether something that started at `moment` (a session's sign-in, a token's creation)
    /// is void: before this account existed (an id reused after an erasure) or before the
    /// account's sessions were voided (password change, disabling, role change).
    pub fn voids(&self, moment: &str) -> bool {
        is_before(moment, &self.created_at)
            || self.sessions_valid_after.as_deref().is_some_and(|after| is_before(moment, after))
    }
}

const USER_COLUMNS: &str =
    "id, email, role, person_id, disabled, locked_until, sessions_valid_after, created_at, must_change_password";

/// A row of [`USER_COLUMNS`].
#[derive(sqlx::FromRow)]
struct UserRow {
    id: Id,
    email: String,
    role: UserRole,
    person_id: Option<Id>,
    disabled: i64,
    locked_until: Option<String>,
    sessions_valid_after: Option<String>,
    created_at: String,
    must_change_password: i64,
}

impl From<UserRow> for User {
    fn from(row: UserRow) -> User {
        User {
            id: row.id,
            email: row.email,
            role: row.role,
            person_id: row.person_id,
            disabled: row.disabled == 1,
            locked_until: row.locked_until,
            sessions_valid_after: row.sessions_valid_after,
            created_at: row.created_at,
            must_change_password: row.must_change_password == 1,
        }
    }
}

pub async fn create_user(
    pool: &Pool,
    email: &str,
    password_hash: &str,
    role: UserRole,
    person_id: Option<Id>,
) -> StoreResult<Id> {
    let email = email.trim().to_lowercase();
    let mut tx = begin_write(pool).await?;
    let id = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, role, person_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&email)
    .bind(password_hash)
    .bind(role.code())
    .bind(person_id)
    .bind(now_precise())
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| StoreError::on_unique(e, format!("A user with the email address {email} already exists")))?;
    tx.commit().await?;
    Ok(id)
}

pub async fn list_users(pool: &Pool) -> StoreResult<Vec<User>> {
    let rows: Vec<UserRow> =
        sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY email")).fetch_all(pool).await?;
    Ok(rows.into_iter().map(User::from).collect())
}

pub async fn get_user(pool: &Pool, id: Id) -> StoreResult<User> {
    let row: UserRow = sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("User"))?;
    Ok(row.into())
}

/// The user with this email and their password hash, for signing in.
pub async fn find_for_sign_in(pool: &Pool, email: &str) -> StoreResult<Option<(User, String)>> {
    #[derive(sqlx::FromRow)]
    struct SignInRow {
        #[sqlx(flatten)]
        user: UserRow,
        password_hash: String,
    }
    let row: Option<SignInRow> =
        sqlx::query_as(&format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = ?"))
            .bind(email.trim().to_lowercase())
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|row| (row.user.into(), row.password_hash)))
}

/// Sets a new password hash and voids every session and token of the user that started before
/// now. `temporary`: the password was set by an administrator and must be replaced at the next
/// sign-in. Returns the voiding moment: a session the caller starts at exactly this moment
/// stays live (the user's own session after changing their password).
pub async fn set_password_hash(pool: &Pool, user_id: Id, password_hash: &str, temporary: bool) -> StoreResult<String> {
    let now = now_precise();
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query(
        "UPDATE users SET password_hash = ?, sessions_valid_after = ?, must_change_password = ? WHERE id = ?",
    )
    .bind(password_hash)
    .bind(&now)
    .bind(i64::from(temporary))
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("User"));
    }
    tx.commit().await?;
    Ok(now)
}

/// Disables or enables an account. Disabling voids every session and token at once.
pub async fn set_disabled(pool: &Pool, user_id: Id, disabled: bool) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query("UPDATE users SET disabled = ?, sessions_valid_after = ? WHERE id = ?")
        .bind(i64::from(disabled))
        .bind(now_precise())
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("User"));
    }
    tx.commit().await?;
    Ok(())
}

/// Changes a user's role; their sessions end so the new role applies from the next sign-in.
pub async fn set_role(pool: &Pool, user_id: Id, role: UserRole) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query("UPDATE users SET role = ?, sessions_valid_after = ? WHERE id = ?")
        .bind(role.code())
        .bind(now_precise())
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("User"));
    }
    tx.commit().await?;
    Ok(())
}

/// Builds the access-decision view of a user: their role, person and the teams they lead.
pub async fn viewer_for(pool: &Pool, user: &User) -> StoreResult<Viewer> {
    let lead_team_ids = match user.person_id {
        Some(person_id) => {
            sqlx::query_scalar(
                "SELECT team_id FROM team_memberships WHERE person_id = ? AND is_lead = 1 ORDER BY team_id",
            )
            .bind(person_id)
            .fetch_all(pool)
            .await?
        }
        None => Vec::new(),
    };
    Ok(Viewer { user_id: Some(user.id), role: Some(user.role), person_id: user.person_id, lead_team_ids })
}

/// Stores a new API token's digest for a user, live for [`TOKEN_DAYS_DEFAULT`] days.
pub async fn add_token(pool: &Pool, user_id: Id, token_hash: &str, label: &str) -> StoreResult<Id> {
    add_token_expiring(pool, user_id, token_hash, label, TOKEN_DAYS_DEFAULT).await
}

/// Stores a new API token's digest for a user, live for `days` days (1 to [`TOKEN_DAYS_MAX`]).
pub async fn add_token_expiring(pool: &Pool, user_id: Id, token_hash: &str, label: &str, days: i64) -> StoreResult<Id> {
    if !(1..=TOKEN_DAYS_MAX).contains(&days) {
        return Err(StoreError::invalid("expires_in", format!("A token lives 1 to {TOKEN_DAYS_MAX} days, not {days}")));
    }
    let created = chrono::Utc::now();
    let expires = created + chrono::Duration::days(days);
    let mut tx = begin_write(pool).await?;
    let id = sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, token_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(user_id)
    .bind(token_hash)
    .bind(label)
    .bind(created.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    .bind(expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The user a token digest belongs to, if the token is live: not revoked, not expired, the user
/// not disabled, and not issued before the user's sessions were voided. Records the token's use
/// (at most every [`TOKEN_LAST_USE_EVERY_SECONDS`]).
pub async fn user_for_token(pool: &Pool, token_hash: &str) -> StoreResult<Option<User>> {
    #[derive(sqlx::FromRow)]
    struct TokenUserRow {
        #[sqlx(flatten)]
        user: UserRow,
        token_id: Id,
        token_created_at: String,
        expires_at: Option<String>,
        last_used_at: Option<String>,
    }
    let row: Option<TokenUserRow> = sqlx::query_as(
        "SELECT u.id, u.email, u.role, u.person_id, u.disabled, u.locked_until, u.sessions_valid_after, u.created_at,
                u.must_change_password, t.id AS token_id, t.created_at AS token_created_at,
                t.expires_at, t.last_used_at
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = ? AND t.revoked_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let user = User::from(row.user);
    let issued = row.token_created_at;
    let expires_at = row.expires_at;
    let now = now_utc();
    let expired = expires_at.as_deref().is_none_or(|at| !is_before(&now, at));
    if user.disabled || user.voids(&issued) || expired {
        return Ok(None);
    }
    let last_used = row.last_used_at;
    let stale = last_used.as_deref().is_none_or(|at| {
        chrono::DateTime::parse_from_rfc3339(at).map_or(true, |at| {
            chrono::Utc::now().signed_duration_since(at).num_seconds() >= TOKEN_LAST_USE_EVERY_SECONDS
        })
    });
    if stale {
        let token_id = row.token_id;
        let mut tx = begin_write(pool).await?;
        sqlx::query("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
            .bind(&now)
            .bind(token_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(Some(user))
}

/// What is shown of a token: never the token or its digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct TokenRow {
    pub id: Id,
    pub email: String,
    pub label: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// Every API token, or one user's, oldest first.
pub async fn list_tokens(pool: &Pool, user_id: Option<Id>) -> StoreResult<Vec<TokenRow>> {
    Ok(sqlx::query_as(
        "SELECT t.id, u.email, t.label, t.created_at, t.expires_at, t.last_used_at, t.revoked_at
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE ? IS NULL OR t.user_id = ? ORDER BY t.id",
    )
    .bind(user_id)
    .bind(user_id)
    .fetch_all(pool)
    .await?)
}

/// Revokes a token: it stops working at once. Revoking it again is refused.
pub async fn revoke_token(pool: &Pool, token_id: Id) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let revoked: Option<Option<String>> = sqlx::query_scalar("SELECT revoked_at FROM api_tokens WHERE id = ?")
        .bind(token_id)
        .fetch_optional(&mut *tx)
        .await?;
    match revoked {
        None => return Err(StoreError::NotFound("API token")),
        Some(Some(at)) => {
            return Err(StoreError::Conflict(format!("API token {token_id} was already revoked at {at}")))
        }
        Some(None) => {}
    }
    sqlx::query("UPDATE api_tokens SET revoked_at = ? WHERE id = ?")
        .bind(now_utc())
        .bind(token_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn find_user_by_email(pool: &Pool, email: &str) -> StoreResult<Option<User>> {
    Ok(find_for_sign_in(pool, email).await?.map(|(user, _)| user))
}

/// Deletes a user account with its tokens (sessions end at their next request, when the user
/// is no longer found).
pub async fn delete_user(pool: &Pool, user_id: Id) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query("DELETE FROM users WHERE id = ?").bind(user_id).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("User"));
    }
    tx.commit().await?;
    Ok(())
}

/// The user account linked to a person, if any.
pub async fn user_of_person(pool: &Pool, person_id: Id) -> StoreResult<Option<User>> {
    let row: Option<UserRow> = sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE person_id = ?"))
        .bind(person_id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(User::from))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::temp_pool;

    /// Fails on f6591a6's comparison of the text: "12:00:00Z" sorts after "12:00:00.5Z".
    #[test]
    fn moments_compare_as_times_not_as_text() {
        assert!(is_before("2026-12-07T12:00:00Z", "2026-12-07T12:00:00.500000Z"));
        assert!(!is_before("2026-12-07T12:00:00.500000Z", "2026-12-07T12:00:00Z"));
        assert!(!is_before("2026-12-07T12:00:00Z", "2026-12-07T12:00:00Z"));
        assert!(is_before("not a time", "2026-12-07T12:00:00Z"), "unreadable moments void (fail closed)");
    }

    #[tokio::test]
    async fn tokens_expire_record_their_use_and_can_be_revoked_once() {
        let (pool, _dir) = temp_pool().await;
        let id = create_user(&pool, "a@example.gov.uk", "x", UserRole::Lead, None).await.unwrap();
        assert!(matches!(add_token_expiring(&pool, id, "h0", "", 0).await, Err(StoreError::Invalid(_))));
        let token = add_token_expiring(&pool, id, "h1", "ci", 1).await.unwrap();
        assert!(user_for_token(&pool, "h1").await.unwrap().is_some());
        let listed = list_tokens(&pool, Some(id)).await.unwrap();
        assert_eq!((listed.len(), listed[0].label.as_str()), (1, "ci"));
        assert!(listed[0].last_used_at.is_some() && listed[0].expires_at.is_some());
        sqlx::query("UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00Z'").execute(&pool).await.unwrap();
        assert!(user_for_token(&pool, "h1").await.unwrap().is_none(), "expired");
        add_token(&pool, id, "h2", "").await.unwrap();
        assert!(user_for_token(&pool, "h2").await.unwrap().is_some());
        let second = list_tokens(&pool, None).await.unwrap()[1].id;
        revoke_token(&pool, second).await.unwrap();
        assert!(user_for_token(&pool, "h2").await.unwrap().is_none(), "revoked");
        assert!(matches!(revoke_token(&pool, second).await, Err(StoreError::Conflict(_))));
        assert!(matches!(revoke_token(&pool, 999).await, Err(StoreError::NotFound(_))));
        let _ = token;
    }
}
