//! User accounts, sign-in bookkeeping (failed attempts, lock-out) and API tokens. Passwords and
//! tokens never reach this module in clear: callers pass an argon2id hash or a SHA-256 digest.

use super::{begin_write, now_utc, Pool, StoreError, StoreResult};
use crate::access::{UserRole, Viewer};
use crate::Id;
use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

/// Failed sign-ins in a row that lock an account.
pub const LOCK_AFTER_FAILURES: i64 = 5;
/// How long a locked account stays locked.
pub const LOCK_MINUTES: i64 = 15;

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
}

const USER_COLUMNS: &str = "id, email, role, person_id, disabled, locked_until, sessions_valid_after, created_at";

fn user_from_row(row: &SqliteRow) -> User {
    let role: String = row.get("role");
    User {
        id: row.get("id"),
        email: row.get("email"),
        role: UserRole::from_code(&role).unwrap_or(UserRole::Member),
        person_id: row.get("person_id"),
        disabled: row.get::<i64, _>("disabled") == 1,
        locked_until: row.get("locked_until"),
        sessions_valid_after: row.get("sessions_valid_after"),
        created_at: row.get("created_at"),
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
    .bind(now_utc())
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| StoreError::on_unique(e, format!("A user with the email address {email} already exists")))?;
    tx.commit().await?;
    Ok(id)
}

pub async fn list_users(pool: &Pool) -> StoreResult<Vec<User>> {
    let rows = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY email")).fetch_all(pool).await?;
    Ok(rows.iter().map(user_from_row).collect())
}

pub async fn get_user(pool: &Pool, id: Id) -> StoreResult<User> {
    let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("User"))?;
    Ok(user_from_row(&row))
}

/// The user with this email and their password hash, for signing in.
pub async fn find_for_sign_in(pool: &Pool, email: &str) -> StoreResult<Option<(User, String)>> {
    let row = sqlx::query(&format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = ?"))
        .bind(email.trim().to_lowercase())
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|row| (user_from_row(&row), row.get("password_hash"))))
}

/// Counts a failed sign-in; the fifth in a row locks the account for [`LOCK_MINUTES`].
/// Returns whether the account is now locked.
pub async fn record_failed_sign_in(pool: &Pool, user_id: Id) -> StoreResult<bool> {
    let mut tx = begin_write(pool).await?;
    let failures: i64 = sqlx::query_scalar(
        "UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ? RETURNING failed_sign_ins",
    )
    .bind(user_id)
    .fetch_one(&mut *tx)
    .await?;
    let locked = failures >= LOCK_AFTER_FAILURES;
    if locked {
        let until = chrono::Utc::now() + chrono::Duration::minutes(LOCK_MINUTES);
        sqlx::query("UPDATE users SET locked_until = ?, failed_sign_ins = 0 WHERE id = ?")
            .bind(until.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(locked)
}

pub async fn record_successful_sign_in(pool: &Pool, user_id: Id) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    sqlx::query("UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the account is locked at `now` (RFC 3339 strings compare in time order).
pub fn is_locked(user: &User, now: &str) -> bool {
    user.locked_until.as_deref().is_some_and(|until| until > now)
}

pub async fn set_password_hash(pool: &Pool, user_id: Id, password_hash: &str) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    sqlx::query("UPDATE users SET password_hash = ?, sessions_valid_after = ? WHERE id = ?")
        .bind(password_hash)
        .bind(now_utc())
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Disables or enables an account. Disabling voids every session and token at once.
pub async fn set_disabled(pool: &Pool, user_id: Id, disabled: bool) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query("UPDATE users SET disabled = ?, sessions_valid_after = ? WHERE id = ?")
        .bind(i64::from(disabled))
        .bind(now_utc())
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
        .bind(now_utc())
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

/// Stores a new API token's digest for a user.
pub async fn add_token(pool: &Pool, user_id: Id, token_hash: &str, label: &str) -> StoreResult<Id> {
    let mut tx = begin_write(pool).await?;
    let id = sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(user_id)
    .bind(token_hash)
    .bind(label)
    .bind(now_utc())
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The user a token digest belongs to, if the token is live (not revoked, user not disabled,
/// not issued before the user's sessions were voided).
pub async fn user_for_token(pool: &Pool, token_hash: &str) -> StoreResult<Option<User>> {
    let row = sqlx::query(
        "SELECT u.id, u.email, u.role, u.person_id, u.disabled, u.locked_until, u.sessions_valid_after, u.created_at,
                t.created_at AS token_created_at
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = ? AND t.revoked_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|row| {
        let user = user_from_row(&row);
        let issued: String = row.get("token_created_at");
        let voided = user.sessions_valid_after.as_deref().is_some_and(|after| issued.as_str() < after);
        (!user.disabled && !voided).then_some(user)
    }))
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
    let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE person_id = ?"))
        .bind(person_id)
        .fetch_optional(pool)
        .await?;
    Ok(row.as_ref().map(user_from_row))
}
