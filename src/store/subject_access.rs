//! Everything held about one person, as one JSON document: their right of access. Every table
//! that refers to a person is listed in [`PERSON_TABLES`]; a test checks that no table with a
//! person column is missing, so a new table cannot be forgotten.

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

/// Columns that refer to a person but hold data about someone else (the assessor of another
/// person's assessment, the owner of another person's action): not exported with this person.
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
    let activity: Vec<(String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT e.at, e.action, e.target, e.outcome FROM audit_events e JOIN users u ON u.id = e.actor_user_id
         WHERE u.person_id = ? ORDER BY e.id",
    )
    .bind(person_id)
    .fetch_all(pool)
    .await?;
    let activity: Vec<Value> = activity
        .into_iter()
        .map(|(at, action, target, outcome)| serde_json::json!({ "at": at, "action": action, "target": target, "outcome": outcome }))
        .collect();
    document.insert("your_activity".into(), Value::Array(activity));
    Ok(Value::Object(document))
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
