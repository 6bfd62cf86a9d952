//! The sqlx store: plain SQL with bound parameters, `fn(&Pool) -> domain types`.
//!
//! SQLite runs in WAL mode with foreign keys on and a busy timeout; every write transaction
//! starts with `BEGIN IMMEDIATE` so two writers never deadlock upgrading a read lock. The SQL is
//! kept portable so it can move to PostgreSQL later.

use crate::validation::FieldErrors;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::time::Duration;

pub mod accounts;
pub mod assessments;
pub mod audit;
pub mod bulk;
pub mod development;
pub mod framework;
pub mod imports;
pub mod org;
pub mod people;
pub mod seed;
pub mod snapshot;
pub mod subject_access;
pub mod team_data;
pub mod workshops;

pub type Pool = SqlitePool;
pub type Tx = Transaction<'static, Sqlite>;

/// Errors from the store. `Db` is internal: log it, never show its text to a user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(String),
    #[error("invalid input: {0}")]
    Invalid(FieldErrors),
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    /// A bulk read through rusqlite (see [`bulk`]) failed.
    #[error("database error: {0}")]
    BulkRead(String),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    /// A single-field validation error.
    pub fn invalid(field: &str, message: impl Into<String>) -> StoreError {
        let mut errors = FieldErrors::new();
        errors.add(field, message);
        StoreError::Invalid(errors)
    }

    /// Maps a unique-constraint violation to a `Conflict` with the given message, leaving every
    /// other database error as it is. Uses the error kind, never the message text.
    pub fn on_unique(error: sqlx::Error, message: impl Into<String>) -> StoreError {
        match &error {
            sqlx::Error::Database(db) if db.kind() == sqlx::error::ErrorKind::UniqueViolation => {
                StoreError::Conflict(message.into())
            }
            _ => StoreError::Db(error),
        }
    }
}

/// Opens (creating if needed) the database at `url` ("sqlite://data/skillmix.db",
/// "sqlite::memory:") with WAL, foreign keys and a busy timeout.
pub async fn connect(url: &str) -> StoreResult<Pool> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    let in_memory = url.contains(":memory:");
    let pool = SqlitePoolOptions::new()
        // An in-memory database exists per connection: keep exactly one.
        .max_connections(if in_memory { 1 } else { 8 })
        .min_connections(if in_memory { 1 } else { 0 })
        .idle_timeout(if in_memory { None } else { Some(Duration::from_secs(600)) })
        .max_lifetime(if in_memory { None } else { Some(Duration::from_secs(3600)) })
        .connect_with(options)
        .await?;
    Ok(pool)
}

/// Runs the embedded migrations. Start-up fails loudly if they fail.
pub async fn migrate(pool: &Pool) -> StoreResult<()> {
    sqlx::migrate!("./migrations").run(pool).await?;
    Ok(())
}

/// Opens and migrates in one step.
pub async fn open(url: &str) -> StoreResult<Pool> {
    let pool = connect(url).await?;
    migrate(&pool).await?;
    Ok(pool)
}

/// Starts a write transaction with `BEGIN IMMEDIATE`, taking SQLite's write lock up front.
pub async fn begin_write(pool: &Pool) -> StoreResult<Tx> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
}

/// The current UTC time as RFC 3339, the format every `*_at` column holds.
pub fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Whether the database holds no people and no teams (a fresh install).
pub async fn is_empty(pool: &Pool) -> StoreResult<bool> {
    let (people, teams): (i64, i64) =
        sqlx::query_as("SELECT (SELECT COUNT(*) FROM people), (SELECT COUNT(*) FROM teams)").fetch_one(pool).await?;
    Ok(people == 0 && teams == 0)
}

/// Comma-separated levels as stored in `skills.defined_levels`.
pub(crate) fn levels_to_text(levels: &[crate::Level]) -> String {
    levels.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(",")
}

pub(crate) fn levels_from_text(text: &str) -> Vec<crate::Level> {
    text.split(',').filter_map(|p| p.trim().parse().ok()).collect()
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// A migrated database in a temporary file (a real SQLite file, WAL and all).
    pub async fn temp_pool() -> (Pool, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let pool = open(&url).await.expect("open test database");
        (pool, dir)
    }
}
