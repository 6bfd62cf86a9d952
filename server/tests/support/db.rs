//! Database checks for the resilience tests, through sqlx (no `sqlite3` shell needed).
//!
//! **What "the database contents" means here**: every row of every table, except
//! - `audit_events`: the append-only audit log records refused requests by design, so a refused
//!   request may add rows to it. It is checked separately: rows already there never change;
//! - `tower_sessions`: sign-in sessions, bookkeeping of the session layer;
//! - `api_tokens`: credentials (the export leaves them out too), whose bookkeeping may change
//!   on use;
//! - `_sqlx_migrations`: the schema's own history.
//!
//! The tables are found at run time from `sqlite_master`, so tables added by later migrations
//! are covered without touching this file.

use sha2::{Digest, Sha256};
use skillmix::store::Pool;
use sqlx::Row;
use std::future::Future;
use std::path::Path;

/// Tables left out of the content checksum (see the module documentation).
pub const NOT_CONTENT: &[&str] = &["audit_events", "tower_sessions", "api_tokens", "_sqlx_migrations"];

/// Runs a future to completion on a fresh single-threaded runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime").block_on(future)
}

/// A database handle for synchronous tests: its own runtime and pool.
pub struct Db {
    runtime: tokio::runtime::Runtime,
    pub pool: Pool,
}

impl Db {
    pub fn open(path: &Path) -> Db {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
        let pool = runtime.block_on(open(path));
        Db { runtime, pool }
    }

    pub fn run<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    pub fn checksum(&self) -> Checksum {
        self.run(checksum(&self.pool))
    }

    /// Whether the audit log only grew since `before` (rows already there unchanged).
    pub fn audit_only_grew(&self, before: &Checksum) -> bool {
        self.run(audit_digest_up_to(&self.pool, before.audit_max_id)) == before.audit
    }

    pub fn integrity_check(&self) -> String {
        self.run(integrity_check(&self.pool))
    }

    pub fn foreign_key_problems(&self) -> Vec<String> {
        self.run(foreign_key_problems(&self.pool))
    }

    pub fn scalar_i64(&self, sql: &str) -> Option<i64> {
        self.run(async { sqlx::query_scalar::<_, i64>(sql).fetch_optional(&self.pool).await.expect(sql) })
    }

    pub fn scalar_text(&self, sql: &str) -> Option<String> {
        self.run(async { sqlx::query_scalar::<_, String>(sql).fetch_optional(&self.pool).await.expect(sql) })
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        let pool = self.pool.clone();
        self.runtime.block_on(pool.close());
    }
}

/// Opens the database file (WAL, foreign keys on, as the server does). Opening it replays
/// whatever a killed server left in the write-ahead log.
pub async fn open(path: &Path) -> Pool {
    skillmix::store::connect(&format!("sqlite://{}", path.display())).await.expect("open the database")
}

/// `PRAGMA integrity_check`: "ok" for a sound file.
pub async fn integrity_check(pool: &Pool) -> String {
    let rows: Vec<String> =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_all(pool).await.expect("integrity_check");
    rows.join("\n")
}

/// `PRAGMA foreign_key_check`: one line per broken reference (none for a sound file).
pub async fn foreign_key_problems(pool: &Pool) -> Vec<String> {
    let rows = sqlx::query("PRAGMA foreign_key_check").fetch_all(pool).await.expect("foreign_key_check");
    rows.iter()
        .map(|row| {
            let table: String = row.try_get(0).unwrap_or_default();
            let rowid: Option<i64> = row.try_get(1).ok();
            let parent: String = row.try_get(2).unwrap_or_default();
            format!("{table} row {rowid:?} refers to a missing {parent} row")
        })
        .collect()
}

/// A SHA-256 of the database contents, and the state of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checksum {
    /// Hex SHA-256 over every content table, by name, rows in a stable order.
    pub content: String,
    /// Rows per content table, to say which table changed.
    pub tables: Vec<(String, String)>,
    /// The audit log's highest id and a SHA-256 of its rows up to it.
    pub audit_max_id: i64,
    pub audit: String,
}

impl Checksum {
    /// The tables whose rows differ between two checksums.
    pub fn changed_tables(&self, after: &Checksum) -> Vec<String> {
        let mut changed = Vec::new();
        for (name, digest) in &self.tables {
            match after.tables.iter().find(|(n, _)| n == name) {
                Some((_, d)) if d == digest => {}
                _ => changed.push(name.clone()),
            }
        }
        for (name, _) in &after.tables {
            if !self.tables.iter().any(|(n, _)| n == name) {
                changed.push(name.clone());
            }
        }
        changed
    }
}

pub async fn checksum(pool: &Pool) -> Checksum {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .expect("list tables");
    let mut all = Sha256::new();
    let mut tables = Vec::new();
    for name in names.iter().filter(|n| !NOT_CONTENT.contains(&n.as_str())) {
        let digest = table_digest(pool, name, None).await;
        all.update(name.as_bytes());
        all.update(b"\0");
        all.update(digest.as_bytes());
        all.update(b"\n");
        tables.push((name.clone(), digest));
    }
    let audit_max_id: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM audit_events").fetch_one(pool).await.expect("audit log");
    let audit = table_digest(pool, "audit_events", Some(audit_max_id)).await;
    Checksum { content: hex(&all.finalize()), tables, audit_max_id, audit }
}

/// The audit log's digest over the rows up to `max_id`: the same as before when the log only
/// grew.
pub async fn audit_digest_up_to(pool: &Pool, max_id: i64) -> String {
    table_digest(pool, "audit_events", Some(max_id)).await
}

/// SHA-256 over a table's rows, each row as SQLite's `quote()` of every column, in sorted order
/// (so the digest does not depend on the physical order of rows).
async fn table_digest(pool: &Pool, table: &str, max_id: Option<i64>) -> String {
    let columns: Vec<String> = sqlx::query(&format!("PRAGMA table_info(\"{table}\")"))
        .fetch_all(pool)
        .await
        .expect("table_info")
        .iter()
        .map(|row| row.get::<String, _>("name"))
        .collect();
    let expression: Vec<String> = columns.iter().map(|c| format!("quote(\"{c}\")")).collect();
    let filter = max_id.map(|m| format!(" WHERE id <= {m}")).unwrap_or_default();
    let sql = format!("SELECT {} AS r FROM \"{table}\"{filter} ORDER BY r", expression.join(" || '|' || "));
    let rows: Vec<String> = sqlx::query_scalar(&sql).fetch_all(pool).await.expect("read rows");
    let mut hasher = Sha256::new();
    for row in &rows {
        hasher.update(row.as_bytes());
        hasher.update(b"\n");
    }
    format!("{}:{}", rows.len(), hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
