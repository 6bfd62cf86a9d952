//! Everything held about one person, as one JSON document: their right of access. Every table
//! that refers to a person is listed in [`PERSON_TABLES`]; a test checks that no table with a
//! person column is missing, so a new table cannot be forgotten. Beside their own rows: the
//! audit events about them (as actor or target), their API tokens' metadata (never the
//! digest), the assessments they made of others, the plan actions they own, and the outcomes of
//! the workshops they were invited to or attended.

use super::{Pool, StoreError, StoreResult};
use crate::Id;
use serde_json::{Map, Value};

/// Tables holding rows about a person, with the column that names them.
pub const PERSON_TABLES: &[(&str, &str)] = &[
    ("people", "id"),
    ("team_memberships", "person_id"),
    ("assessments", "person_id"),
    ("workshop_invitations", "person_id"),
    ("workshop_attendance", "person_id"),
    ("workshop_actions", "owner_id"),
    ("workshop_agenda_items", "facilitator_id"),
    ("plan_actions", "person_id"),
    ("users", "person_id"),
];

/// Columns that refer to a person as the one who acted on someone else's row (the assessor of
/// another person's assessment, the owner of another person's action): exported in their own
/// sections (`assessments_made`, `plan_actions_owned`), without the other person's details.
pub const OTHER_PERSON_COLUMNS: &[(&str, &str)] =
    &[("assessments", "assessor_id"), ("plan_actions", "owner_person_id")];

/// Columns never exported, even to the person themselves.
const SECRET_COLUMNS: &[&str] = &["password_hash", "token_hash"];

pub async fn export_person(pool: &Pool, person_id: Id) -> StoreResult<Value> {
    let exists: Option<Id> =
        sqlx::query_scalar("SELECT id FROM people WHERE id = ?").bind(person_id).fetch_optional(pool).await?;
    if exists.is_none() {
        return Err(StoreError::NotFound("Person"));
    }
    let mut document = Map::new();
    document.insert("format".into(), Value::String("skillmix-person-export".into()));
    document.insert("person_id".into(), Value::from(person_id));
    for (table, column) in PERSON_TABLES {
        let rows =
            sqlx::query(&format!("SELECT * FROM {table} WHERE {column} = ?")).bind(person_id).fetch_all(pool).await?;
        let rows: Vec<Value> = rows
            .iter()
            .map(|row| {
                let mut object = super::snapshot::row_to_json(row);
                for secret in SECRET_COLUMNS {
                    object.remove(*secret);
                }
                Value::Object(object)
            })
            .collect();
        document.insert((*table).to_string(), Value::Array(rows));
    }
    let history = sqlx::query(
        "SELECT e.* FROM plan_action_events e JOIN plan_actions a ON a.id = e.action_id WHERE a.person_id = ? ORDER BY e.id",
    )
    .bind(person_id)
    .fetch_all(pool)
    .await?;
    document.insert(
        "plan_action_events".into(),
        Value::Array(history.iter().map(|row| Value::Object(super::snapshot::row_to_json(row))).collect()),
    );
    let names: Vec<(String, Option<i64>, String, String)> = sqlx::query_as(
        "SELECT s.name, a.level, a.source, a.assessed_on FROM assessments a JOIN skills s ON s.id = a.skill_id
         WHERE a.person_id = ? ORDER BY a.assessed_on, a.id",
    )
    .bind(person_id)
    .fetch_all(pool)
    .await?;
    let readable: Vec<Value> = names
        .into_iter()
        .map(|(skill, level, source, date)| serde_json::json!({ "skill": skill, "level": level, "source": source, "assessed_on": date }))
        .collect();
    document.insert("assessments_readable".into(), Value::Array(readable));
    // The audit log: what their accounts did, what was done to them or their accounts.
    let events = super::audit::about_person(pool, person_id).await?;
    document
        .insert("audit_events".into(), serde_json::to_value(events).map_err(|e| StoreError::Conflict(e.to_string()))?);
    // Their accounts' API tokens: what each is called and when it was used, never the digest.
    let tokens = sqlx::query(
        "SELECT t.id, t.user_id, t.label, t.created_at, t.last_used_at, t.revoked_at, t.expires_at
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.person_id = ? ORDER BY t.id",
    )
    .bind(person_id)
    .fetch_all(pool)
    .await?;
    document.insert("api_tokens".into(), rows_to_json(&tokens));
    // Assessments they made of other people, as assessor.
    let made = sqlx::query(
        "SELECT a.id, a.person_id, a.skill_id, s.code AS skill_code, s.name AS skill, a.level, a.source,
                a.assessed_on, a.evidence, a.recorded_at
         FROM assessments a JOIN skills s ON s.id = a.skill_id
         WHERE a.assessor_id = ? AND a.person_id <> ? ORDER BY a.id",
    )
    .bind(person_id)
    .bind(person_id)
    .fetch_all(pool)
    .await?;
    document.insert("assessments_made".into(), rows_to_json(&made));
    // Development plan actions of other people that they own (make sure happen).
    let owned = sqlx::query(
        "SELECT id, person_id, skill_id, target_level, text, due_on, status, created_at, updated_at
         FROM plan_actions WHERE owner_person_id = ? AND person_id <> ? ORDER BY id",
    )
    .bind(person_id)
    .bind(person_id)
    .fetch_all(pool)
    .await?;
    document.insert("plan_actions_owned".into(), rows_to_json(&owned));
    // What came out of the workshops they were invited to or attended.
    let outcomes = sqlx::query(
        "SELECT o.* FROM workshop_outcomes o
         WHERE o.programme_id IN (SELECT programme_id FROM workshop_invitations WHERE person_id = ?1)
            OR o.event_id IN (SELECT event_id FROM workshop_attendance WHERE person_id = ?1)
            OR (o.event_id IS NULL AND o.programme_id IN (
                SELECT e.programme_id FROM workshop_attendance w JOIN workshop_events e ON e.id = w.event_id
                WHERE w.person_id = ?1))
         ORDER BY o.id",
    )
    .bind(person_id)
    .fetch_all(pool)
    .await?;
    document.insert("workshop_outcomes".into(), rows_to_json(&outcomes));
    Ok(Value::Object(document))
}

fn rows_to_json(rows: &[sqlx::sqlite::SqliteRow]) -> Value {
    Value::Array(
        rows.iter()
            .map(|row| {
                let mut object = super::snapshot::row_to_json(row);
                for secret in SECRET_COLUMNS {
                    object.remove(*secret);
                }
                Value::Object(object)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::temp_pool;

    /// Every column whose name says it refers to a person must be exported or deliberately left out.
    #[tokio::test]
    async fn no_table_about_people_is_forgotten() {
        let (pool, _dir) = temp_pool().await;
        let tables: Vec<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .fetch_all(&pool)
                .await
                .unwrap();
        for table in tables {
            let rows = sqlx::query(&format!(
                "SELECT p.\"table\" AS parent, p.\"from\" AS col FROM pragma_foreign_key_list('{table}') p"
            ))
            .fetch_all(&pool)
            .await
            .unwrap();
            for row in rows {
                use sqlx::Row;
                let parent: String = row.get("parent");
                let column: String = row.get("col");
                if parent != "people" {
                    continue;
                }
                let listed = PERSON_TABLES.iter().any(|(t, c)| *t == table && *c == column)
                    || OTHER_PERSON_COLUMNS.iter().any(|(t, c)| *t == table && *c == column);
                assert!(
                    listed,
                    "{table}.{column} refers to people but is not in PERSON_TABLES or OTHER_PERSON_COLUMNS"
                );
            }
        }
    }

    #[tokio::test]
    async fn the_export_holds_the_persons_rows_and_no_secrets() {
        let (pool, _dir) = temp_pool().await;
        let version = crate::store::seed::ensure_starter_catalogue(&pool).await.unwrap();
        let org = crate::store::seed::load_org(&pool, version, &crate::demo::demo_org("2026-11-23".parse().unwrap()))
            .await
            .unwrap();
        let person = org.person_ids[0];
        crate::store::accounts::create_user(
            &pool,
            "x@example.gov.uk",
            "$argon2id$secret",
            crate::access::UserRole::Member,
            Some(person),
        )
        .await
        .unwrap();
        let doc = export_person(&pool, person).await.unwrap();
        assert_eq!(doc["people"][0]["id"], Value::from(person));
        let own: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM assessments WHERE person_id = ?")
            .bind(person)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(doc["assessments"].as_array().unwrap().len() as i64, own);
        assert!(own > 0);
        let text = doc.to_string();
        assert!(!text.contains("$argon2id$secret"), "no password hash in the export");
        assert_eq!(doc["users"][0]["email"], Value::from("x@example.gov.uk"));
    }
}
