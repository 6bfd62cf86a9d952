//! The append-only audit log: sign-ins, denials, assessment changes, user and role changes,
//! imports and exports. Who, what, when (UTC). Never assessment values, never secrets, and
//! never an email address: people are named by id, and the names are resolved when the log is
//! read, so that an erased person shows as a pseudonym (migration 0010 explains the tables).

use super::{now_utc, Pool, StoreResult};
use crate::Id;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "TEXT", rename_all = "kebab-case"))]
pub enum Outcome {
    Ok,
    Denied,
    Failed,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        self.into()
    }
}

/// One thing that happened, as the audit log shows it. Names are resolved when the log is read
/// (see [`recent`]): the table itself holds ids only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub id: Id,
    pub at: String,
    pub actor_user_id: Option<Id>,
    /// Who acted, as shown: the account's email while it exists, the pseudonym of an erased
    /// person, the address typed at a sign-in for which no account exists, "command line", or
    /// "deleted user N". `None`: nobody was signed in.
    pub actor: Option<String>,
    /// What was done: "sign-in", "assessment.record", "import.ddat", "export.heatmap", ...
    pub action: String,
    /// What it was done to: "team:3", "person:12" (ids, never names or values); an erased
    /// person's or their account's id shows as their pseudonym.
    pub target: Option<String>,
    pub outcome: String,
    pub detail: Option<String>,
}

/// Who acted, as the callers describe them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<Id>,
    pub email: Option<String>,
}

/// The actor label of the command-line tools (no user account).
pub const COMMAND_LINE: &str = "command line";

/// Appends an event. Runs outside any caller transaction so that a denial is recorded even when
/// nothing else is written.
///
/// No email address goes into `audit_events`: an actor with an account is stored by id (their
/// email is looked up when the log is read, and is gone once they are erased); an address typed
/// at a sign-in for which no account exists goes into `audit_actors`, which erasure can clear.
pub async fn record(
    pool: &Pool,
    actor: &Actor,
    action: &str,
    target: Option<&str>,
    outcome: Outcome,
    detail: Option<&str>,
) -> StoreResult<()> {
    let label = actor.email.as_deref().map(str::trim).filter(|e| !e.is_empty());
    let command_line = actor.user_id.is_none() && label == Some(COMMAND_LINE);
    let typed_email = match (actor.user_id, label) {
        (None, Some(email)) if !command_line => Some(email.to_lowercase()),
        _ => None,
    };
    let insert = sqlx::query(
        "INSERT INTO audit_events (at, actor_user_id, actor_email, action, target, outcome, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(now_utc())
    .bind(actor.user_id)
    .bind(command_line.then_some(COMMAND_LINE))
    .bind(action)
    .bind(target)
    .bind(outcome.code())
    .bind(detail);
    match typed_email {
        None => {
            insert.execute(pool).await?;
        }
        Some(email) => {
            let mut tx = super::begin_write(pool).await?;
            let event = insert.execute(&mut *tx).await?.last_insert_rowid();
            sqlx::query("INSERT INTO audit_actors (event_id, user_id, email) VALUES (?, NULL, ?)")
                .bind(event)
                .bind(email)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
    }
    Ok(())
}

/// Erased people: person id -> pseudonym, user id -> pseudonym.
#[derive(Debug, Default)]
struct Pseudonyms {
    people: HashMap<Id, String>,
    users: HashMap<Id, String>,
}

async fn pseudonyms(pool: &Pool) -> StoreResult<Pseudonyms> {
    let rows: Vec<(Id, Option<Id>, String)> =
        sqlx::query_as("SELECT person_id, user_id, pseudonym FROM erasures").fetch_all(pool).await?;
    let mut out = Pseudonyms::default();
    for (person, user, pseudonym) in rows {
        if let Some(user) = user {
            out.users.insert(user, pseudonym.clone());
        }
        out.people.insert(person, pseudonym);
    }
    Ok(out)
}

/// "person:12 (3 skills)" with person 12 erased -> "erased person 7f3a9c02e1b4 (3 skills)".
fn pseudonymise(text: &str, names: &Pseudonyms) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, word) in text.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        let replaced = [("person:", &names.people), ("user:", &names.users)].into_iter().find_map(|(prefix, map)| {
            word.strip_prefix(prefix).and_then(|id| id.parse::<Id>().ok()).and_then(|id| map.get(&id))
        });
        out.push_str(replaced.map(String::as_str).unwrap_or(word));
    }
    out
}

const EVENT_COLUMNS: &str = "e.id, e.at, e.actor_user_id, e.actor_email, e.action, e.target, e.outcome, e.detail,
     u.email AS user_email, a.email AS typed_email";
const EVENT_JOINS: &str = "FROM audit_events e
     LEFT JOIN users u ON u.id = e.actor_user_id
     LEFT JOIN audit_actors a ON a.event_id = e.id";

/// A row of [`EVENT_COLUMNS`].
#[derive(sqlx::FromRow)]
struct EventRow {
    id: Id,
    at: String,
    actor_user_id: Option<Id>,
    actor_email: Option<String>,
    action: String,
    target: Option<String>,
    outcome: String,
    detail: Option<String>,
    user_email: Option<String>,
    typed_email: Option<String>,
}

fn event_from_row(row: EventRow, names: &Pseudonyms) -> AuditEvent {
    let actor_user_id = row.actor_user_id;
    let erased = actor_user_id.and_then(|id| names.users.get(&id).cloned());
    let actor = row
        .user_email
        .or(erased)
        .or(row.typed_email)
        .or(row.actor_email)
        .or_else(|| actor_user_id.map(|id| format!("deleted user {id}")));
    AuditEvent {
        id: row.id,
        at: row.at,
        actor_user_id,
        actor,
        action: row.action,
        target: row.target.map(|t| pseudonymise(&t, names)),
        outcome: row.outcome,
        detail: row.detail.map(|d| pseudonymise(&d, names)),
    }
}

/// The most recent events, newest first, with names resolved now.
pub async fn recent(pool: &Pool, limit: i64) -> StoreResult<Vec<AuditEvent>> {
    let names = pseudonyms(pool).await?;
    let rows: Vec<EventRow> =
        sqlx::query_as(&format!("SELECT {EVENT_COLUMNS} {EVENT_JOINS} ORDER BY e.id DESC LIMIT ?"))
            .bind(limit)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(|row| event_from_row(row, &names)).collect())
}

/// Every event about a person, oldest first: those their accounts did (as actor), those done to
/// them or their accounts (target "person:N", "user:N"), and sign-in attempts with their email.
pub async fn about_person(pool: &Pool, person_id: Id) -> StoreResult<Vec<AuditEvent>> {
    let names = pseudonyms(pool).await?;
    let user_ids: Vec<Id> =
        sqlx::query_scalar("SELECT id FROM users WHERE person_id = ?").bind(person_id).fetch_all(pool).await?;
    let email: Option<String> = sqlx::query_scalar("SELECT lower(email) FROM people WHERE id = ?")
        .bind(person_id)
        .fetch_optional(pool)
        .await?
        .flatten();
    let rows: Vec<EventRow> =
        sqlx::query_as(&format!("SELECT {EVENT_COLUMNS} {EVENT_JOINS} ORDER BY e.id")).fetch_all(pool).await?;
    let mentions = |text: &Option<String>| {
        text.as_deref().is_some_and(|t| {
            t.split(' ').any(|word| {
                word.strip_prefix("person:").and_then(|id| id.parse::<Id>().ok()) == Some(person_id)
                    || word
                        .strip_prefix("user:")
                        .and_then(|id| id.parse::<Id>().ok())
                        .is_some_and(|id| user_ids.contains(&id))
            })
        })
    };
    Ok(rows
        .into_iter()
        .filter(|row| {
            row.actor_user_id.is_some_and(|id| user_ids.contains(&id))
                || (email.is_some() && row.typed_email == email)
                || mentions(&row.target)
                || mentions(&row.detail)
        })
        .map(|row| event_from_row(row, &names))
        .collect())
}

/// Forgets a person in the audit log, inside the erasure's transaction: gives them a random
/// pseudonym (shown for their ids from now on) and deletes the emails `audit_actors` kept for
/// them (their accounts' events, sign-in attempts with their addresses). `audit_events` is not
/// touched: it holds no email. Returns the pseudonym.
pub async fn forget_person(
    tx: &mut super::Tx,
    person_id: Id,
    user_ids: &[Id],
    emails: &[String],
) -> StoreResult<String> {
    let pseudonym: String = sqlx::query_scalar(
        "INSERT INTO erasures (person_id, user_id, pseudonym, erased_at)
         VALUES (?, ?, 'erased person ' || lower(hex(randomblob(6))), ?) RETURNING pseudonym",
    )
    .bind(person_id)
    .bind(user_ids.first().copied())
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await?;
    for user in user_ids {
        sqlx::query("DELETE FROM audit_actors WHERE user_id = ?").bind(user).execute(&mut **tx).await?;
    }
    for email in emails {
        sqlx::query("DELETE FROM audit_actors WHERE email = ?")
            .bind(email.trim().to_lowercase())
            .execute(&mut **tx)
            .await?;
    }
    Ok(pseudonym)
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

    /// No email goes into audit_events; names are looked up when the log is read.
    #[tokio::test]
    async fn events_hold_ids_and_names_are_resolved_when_read() {
        let (pool, _dir) = temp_pool().await;
        let user = crate::store::accounts::create_user(
            &pool,
            "jo@example.gov.uk",
            "$argon2id$x",
            crate::access::UserRole::Admin,
            None,
        )
        .await
        .unwrap();
        let signed_in = Actor { user_id: Some(user), email: Some("jo@example.gov.uk".into()) };
        record(&pool, &signed_in, "user.add", Some("user:99"), Outcome::Ok, None).await.unwrap();
        let typed = Actor { user_id: None, email: Some("Stranger@Example.gov.uk".into()) };
        record(&pool, &typed, "sign-in", None, Outcome::Failed, None).await.unwrap();
        let tool = Actor { user_id: None, email: Some(COMMAND_LINE.into()) };
        record(&pool, &tool, "import.ddat", None, Outcome::Ok, None).await.unwrap();
        record(&pool, &Actor::default(), "api.read", None, Outcome::Denied, None).await.unwrap();

        let stored: Vec<Option<String>> =
            sqlx::query_scalar("SELECT actor_email FROM audit_events ORDER BY id").fetch_all(&pool).await.unwrap();
        assert_eq!(stored, vec![None, None, Some(COMMAND_LINE.to_string()), None]);
        let shown: Vec<Option<String>> = recent(&pool, 10).await.unwrap().into_iter().rev().map(|e| e.actor).collect();
        assert_eq!(
            shown,
            vec![
                Some("jo@example.gov.uk".to_string()),
                Some("stranger@example.gov.uk".to_string()),
                Some(COMMAND_LINE.to_string()),
                None
            ]
        );
        let refused =
            sqlx::query("INSERT INTO audit_events (at, actor_email, action, outcome) VALUES ('t', 'x@y', 'a', 'ok')")
                .execute(&pool)
                .await;
        assert!(refused.is_err(), "the table itself refuses an email address");
    }

    /// After forget_person the person's ids show as one random pseudonym, their typed emails are
    /// gone, and audit_events is unchanged.
    #[tokio::test]
    async fn a_forgotten_person_shows_as_their_pseudonym() {
        let (pool, _dir) = temp_pool().await;
        let typed = Actor { user_id: None, email: Some("gone@example.gov.uk".into()) };
        record(&pool, &typed, "sign-in", None, Outcome::Failed, None).await.unwrap();
        let known = Actor { user_id: Some(41), email: Some("gone@example.gov.uk".into()) };
        record(&pool, &known, "assessment.record", Some("person:7 (2 skills)"), Outcome::Ok, None).await.unwrap();
        record(&pool, &Actor::default(), "user.role", Some("user:41 role:lead"), Outcome::Ok, None).await.unwrap();
        let before: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, action FROM audit_events ORDER BY id").fetch_all(&pool).await.unwrap();

        let mut tx = crate::store::begin_write(&pool).await.unwrap();
        let pseudonym = forget_person(&mut tx, 7, &[41], &["Gone@example.gov.uk".into()]).await.unwrap();
        tx.commit().await.unwrap();
        assert!(
            pseudonym.starts_with("erased person ") && pseudonym.len() == "erased person ".len() + 12,
            "{pseudonym}"
        );

        let events = recent(&pool, 10).await.unwrap();
        let text = format!("{events:?}");
        assert!(!text.contains("gone@example"), "{text}");
        assert_eq!(events[0].target.as_deref(), Some(format!("{pseudonym} role:lead").as_str()));
        assert_eq!(events[1].actor.as_deref(), Some(pseudonym.as_str()));
        assert_eq!(events[1].target.as_deref(), Some(format!("{pseudonym} (2 skills)").as_str()));
        assert_eq!(events[2].actor, None, "the typed address is gone");
        let after: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, action FROM audit_events ORDER BY id").fetch_all(&pool).await.unwrap();
        assert_eq!(before, after);
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_actors").fetch_one(&pool).await.unwrap();
        assert_eq!(left, 0);
    }
}
