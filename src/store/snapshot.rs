//! Everything in the database as one JSON document (`skillmix export`) and back again
//! (`skillmix import-json`, into an empty database only). Rows keep their ids and timestamps, so
//! export -> import -> export gives the same file.
//!
//! The document lists tables in foreign-key order, each as an array of row objects ordered by
//! primary key. No credential is exported: not the sessions, not the API tokens (nor their
//! digests), not the users' password hashes ([`SECRET_COLUMNS`]). `import-json` gives every user
//! an unusable password ([`NO_PASSWORD`]): an administrator then gives each a temporary one with
//! `skillmix user reset-password --email EMAIL` (or removes and adds them again), which they
//! replace at their first sign-in. The file holds personal data: the command writes it
//! readable by its owner only.

use super::{begin_write, Pool, StoreError, StoreResult};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};
use sqlx::sqlite::SqliteRow;
use sqlx::{Column, Row, TypeInfo, ValueRef};

/// The format marker of an export file.
pub const FORMAT: &str = "skillmix-export";
pub const FORMAT_VERSION: u32 = 1;

/// Exported tables in the order they must be inserted (parents before children), with the
/// columns that order their rows.
pub const TABLES: &[(&str, &str)] = &[
    ("framework_versions", "id"),
    ("skills", "id"),
    ("level_descriptors", "skill_id, level"),
    ("role_families", "id"),
    ("roles", "id"),
    ("role_levels", "id"),
    ("requirements", "role_level_id, skill_id"),
    ("activities", "id"),
    ("people", "id"),
    ("teams", "id"),
    ("team_memberships", "team_id, person_id"),
    ("assessments", "id"),
    ("users", "id"),
    ("imports", "id"),
    ("skill_weights", "team_id, skill_id"),
    ("plan_actions", "id"),
    ("plan_action_events", "id"),
    ("workshop_methods", "id"),
    ("workshop_programmes", "id"),
    ("workshop_programme_teams", "programme_id, team_id"),
    ("workshop_programme_skills", "programme_id, skill_id"),
    ("workshop_events", "id"),
    ("workshop_agenda_items", "id"),
    ("workshop_invitations", "programme_id, person_id, role"),
    ("workshop_attendance", "event_id, person_id"),
    ("workshop_actions", "id"),
    ("workshop_outcomes", "id"),
    ("audit_events", "id"),
    ("audit_actors", "event_id"),
    ("erasures", "id"),
];

/// Columns never exported: credentials. `(table, column)`.
pub const SECRET_COLUMNS: &[(&str, &str)] = &[("users", "password_hash")];

/// The password hash `import-json` gives users: not a PHC string, so no password matches it and
/// the user cannot sign in until an administrator resets their password.
pub const NO_PASSWORD: &str = "!no-password: exported without credentials; reset it with skillmix user reset-password";

/// Tables that are deliberately not exported (credentials, bookkeeping).
pub const NOT_EXPORTED: &[&str] =
    &["_sqlx_migrations", "api_tokens", "tower_sessions", "rollup_changes", "content_changes", "team_content_changes"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub format: String,
    pub format_version: u32,
    /// Table name -> rows, in [`TABLES`] order.
    pub tables: Vec<TableRows>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRows {
    pub table: String,
    pub rows: Vec<Map<String, Value>>,
}

pub async fn export(pool: &Pool) -> StoreResult<Snapshot> {
    let mut tables = Vec::with_capacity(TABLES.len());
    for (table, order) in TABLES {
        let rows = sqlx::query(&format!("SELECT * FROM {table} ORDER BY {order}")).fetch_all(pool).await?;
        let rows = rows
            .iter()
            .map(|row| {
                let mut object = row_to_json(row);
                for (_, column) in SECRET_COLUMNS.iter().filter(|(t, _)| t == table) {
                    object.remove(*column);
                }
                object
            })
            .collect();
        tables.push(TableRows { table: (*table).to_string(), rows });
    }
    Ok(Snapshot { format: FORMAT.to_string(), format_version: FORMAT_VERSION, tables })
}

pub(crate) fn row_to_json(row: &SqliteRow) -> Map<String, Value> {
    let mut object = Map::new();
    for (index, column) in row.columns().iter().enumerate() {
        let raw = row.try_get_raw(index).expect("column index from the row itself");
        let value = if raw.is_null() {
            Value::Null
        } else {
            match raw.type_info().name() {
                "INTEGER" => Value::Number(row.get::<i64, _>(index).into()),
                "REAL" => Number::from_f64(row.get::<f64, _>(index)).map(Value::Number).unwrap_or(Value::Null),
                _ => Value::String(row.get::<String, _>(index)),
            }
        };
        object.insert(column.name().to_string(), value);
    }
    object
}

/// Restores a snapshot into a database whose exported tables are all empty. All or nothing.
pub async fn import(pool: &Pool, snapshot: &Snapshot) -> StoreResult<usize> {
    if snapshot.format != FORMAT || snapshot.format_version != FORMAT_VERSION {
        return Err(StoreError::Conflict(format!(
            "Not a Skillmix export (expected format \"{FORMAT}\" version {FORMAT_VERSION}, found \"{}\" version {})",
            snapshot.format, snapshot.format_version
        )));
    }
    let mut tx = begin_write(pool).await?;
    for (table, _) in TABLES {
        let count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&mut *tx).await?;
        if count > 0 {
            return Err(StoreError::Conflict(format!(
                "The database already holds data (table {table} has {count} rows): import into an empty database"
            )));
        }
    }
    let mut inserted = 0;
    for part in &snapshot.tables {
        if !TABLES.iter().any(|(t, _)| *t == part.table) {
            return Err(StoreError::Conflict(format!("Unknown table \"{}\" in the export", part.table)));
        }
        for (index, row) in part.rows.iter().enumerate() {
            let mut row = std::borrow::Cow::Borrowed(row);
            for (_, column) in SECRET_COLUMNS.iter().filter(|(t, _)| *t == part.table) {
                if !row.contains_key(*column) {
                    row.to_mut().insert((*column).to_string(), Value::String(NO_PASSWORD.to_string()));
                }
            }
            insert_row(&mut tx, &part.table, &row)
                .await
                .map_err(|e| StoreError::Conflict(format!("Table {}, row {}: {e}", part.table, index + 1)))?;
            inserted += 1;
        }
    }
    tx.commit().await?;
    Ok(inserted)
}

async fn insert_row(tx: &mut super::Tx, table: &str, row: &Map<String, Value>) -> Result<(), String> {
    let columns: Vec<&String> = row.keys().collect();
    if columns.iter().any(|c| !c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_')) {
        return Err("column names may hold only letters, digits and underscores".into());
    }
    let placeholders = vec!["?"; columns.len()].join(", ");
    let names: Vec<&str> = columns.iter().map(|c| c.as_str()).collect();
    let sql = format!("INSERT INTO {table} ({}) VALUES ({placeholders})", names.join(", "));
    let mut query = sqlx::query(&sql);
    for column in &columns {
        query = match &row[*column] {
            Value::Null => query.bind(None::<String>),
            Value::Bool(b) => query.bind(i64::from(*b)),
            Value::Number(n) if n.is_i64() => query.bind(n.as_i64()),
            Value::Number(n) => query.bind(n.as_f64()),
            Value::String(s) => query.bind(s.clone()),
            other => return Err(format!("column {column} holds {other}, which is not a plain value")),
        };
    }
    query.execute(&mut **tx).await.map_err(|e| e.to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::temp_pool;

    #[tokio::test]
    async fn every_table_is_exported_or_deliberately_left_out() {
        let (pool, _dir) = temp_pool().await;
        let names: Vec<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .fetch_all(&pool)
                .await
                .unwrap();
        for name in names {
            let known = TABLES.iter().any(|(t, _)| *t == name) || NOT_EXPORTED.contains(&name.as_str());
            assert!(known, "table {name} is neither exported nor listed in NOT_EXPORTED");
        }
    }

    #[tokio::test]
    async fn import_refuses_a_database_with_data_and_foreign_files() {
        let (pool, _dir) = temp_pool().await;
        let doc = crate::framework::FrameworkDoc {
            family: "f".into(),
            name: "v".into(),
            source: "t".into(),
            ..Default::default()
        };
        crate::store::framework::insert_version(&pool, &doc).await.unwrap();
        let snapshot = export(&pool).await.unwrap();
        let err = import(&pool, &snapshot).await.unwrap_err();
        assert!(err.to_string().contains("table framework_versions has 1 rows"), "{err}");
        let foreign = Snapshot { format: "other".into(), format_version: 1, tables: vec![] };
        assert!(import(&pool, &foreign).await.unwrap_err().to_string().contains("Not a Skillmix export"));
    }
}
