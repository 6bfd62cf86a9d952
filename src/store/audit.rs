//! The append-only audit log: sign-ins, denials, assessment changes, user and role changes,
//! imports and exports. Who, what, when (UTC). Never assessment values, never secrets.

use super::{now_utc, Pool, StoreResult};
use crate::Id;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Ok,
    Denied,
    Failed,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Denied => "denied",
            Outcome::Failed => "failed",
        }
    }
}

/// One thing that happened, as the audit log records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub id: Id,
    pub at: String,
    pub actor_user_id: Option<Id>,
    pub actor_email: Option<String>,
    /// What was done: "sign-in", "assessment.record", "import.ddat", "export.heatmap", ...
    pub action: String,
    /// What it was done to: "team:3", "person:12" (ids, never names or values).
    pub target: Option<String>,
    pub outcome: String,
    pub detail: Option<String>,
}

/// Who acted, as far as the audit log records them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<Id>,
    pub email: Option<String>,
}

/// Appends an event. Runs outside any caller transaction so that a denial is recorded even when
/// nothing else is written.
pub async fn record(
    pool: &Pool,
    actor: &Actor,
    action: &str,
    target: Option<&str>,
    outcome: Outcome,
    detail: Option<&str>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO audit_events (at, actor_user_id, actor_email, action, target, outcome, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(now_utc())
    .bind(actor.user_id)
    .bind(&actor.email)
    .bind(action)
    .bind(target)
    .bind(outcome.code())
    .bind(detail)
    .execute(pool)
    .await?;
    Ok(())
}

/// The most recent events, newest first.
pub async fn recent(pool: &Pool, limit: i64) -> StoreResult<Vec<AuditEvent>> {
    let rows = sqlx::query(
        "SELECT id, at, actor_user_id, actor_email, action, target, outcome, detail FROM audit_events
         ORDER BY id DESC LIMIT ?",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    use sqlx::Row;
    Ok(rows
        .iter()
        .map(|row| AuditEvent {
            id: row.get("id"),
            at: row.get("at"),
            actor_user_id: row.get("actor_user_id"),
            actor_email: row.get("actor_email"),
            action: row.get("action"),
            target: row.get("target"),
            outcome: row.get("outcome"),
            detail: row.get("detail"),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::temp_pool;

    #[tokio::test]
    async fn the_log_is_append_only() {
        let (pool, _dir) = temp_pool().await;
        let actor = Actor { user_id: Some(1), email: Some("a@example.gov.uk".into()) };
        record(&pool, &actor, "sign-in", None, Outcome::Ok, None).await.unwrap();
        let events = recent(&pool, 10).await.unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].action, "sign-in");
        let update = sqlx::query("UPDATE audit_events SET action = 'x'").execute(&pool).await;
        assert!(update.unwrap_err().to_string().contains("append-only"));
        let delete = sqlx::query("DELETE FROM audit_events").execute(&pool).await;
        assert!(delete.unwrap_err().to_string().contains("append-only"));
        assert_eq!(recent(&pool, 10).await.unwrap().len(), 1);
    }
}
