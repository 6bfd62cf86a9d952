//! Teams, people and memberships.

use super::{begin_write, now_utc, Pool, StoreError, StoreResult};
use crate::people::{Person, Team};
use crate::validation::{optional_text, required_text, FieldErrors};
use crate::Id;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 2000;

/// What a team form submits, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamForm {
    pub name: String,
    pub description: String,
    pub framework_version_id: Option<Id>,
    pub review_cadence_months: Option<i64>,
}

/// What a person form submits, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonForm {
    pub name: String,
    pub email: String,
    pub role_level_id: Option<Id>,
    pub target_role_level_id: Option<Id>,
}

/// A row of [`TEAM_COLUMNS`].
#[derive(sqlx::FromRow)]
pub(crate) struct TeamRow {
    id: Id,
    name: String,
    description: String,
    framework_version_id: Id,
    review_cadence_months: i64,
}

impl From<TeamRow> for Team {
    fn from(row: TeamRow) -> Team {
        Team {
            id: row.id,
            name: row.name,
            description: row.description,
            framework_version_id: row.framework_version_id,
            review_cadence_months: row.review_cadence_months.clamp(1, 36) as u32,
        }
    }
}

const TEAM_COLUMNS: &str = "id, name, description, framework_version_id, review_cadence_months";
const PERSON_COLUMNS: &str = "p.id, p.name, p.email, p.role_level_id, p.target_role_level_id";

pub async fn list_teams(pool: &Pool) -> StoreResult<Vec<Team>> {
    let rows: Vec<TeamRow> =
        sqlx::query_as(&format!("SELECT {TEAM_COLUMNS} FROM teams ORDER BY name")).fetch_all(pool).await?;
    Ok(rows.into_iter().map(Team::from).collect())
}

pub async fn get_team(pool: &Pool, id: Id) -> StoreResult<Team> {
    let row: TeamRow = sqlx::query_as(&format!("SELECT {TEAM_COLUMNS} FROM teams WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("Team"))?;
    Ok(row.into())
}

fn validate_team(form: &TeamForm) -> Result<(String, String, Id, i64), FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = required_text(&mut errors, "name", "the team name", &form.name, NAME_MAX);
    let description = optional_text(&mut errors, "description", "the description", &form.description, DESCRIPTION_MAX)
        .unwrap_or_default();
    let cadence = form.review_cadence_months.unwrap_or(6);
    if !(1..=36).contains(&cadence) {
        errors.add("review_cadence_months", "Review cadence must be between 1 and 36 months");
    }
    if form.framework_version_id.is_none() {
        errors.add("framework_version_id", "Select the framework version the team is assessed against");
    }
    errors.into_result((name, description, form.framework_version_id.unwrap_or_default(), cadence))
}

/// Refuses a framework version that does not exist, naming the field.
async fn check_version(pool: &Pool, version: Id) -> StoreResult<()> {
    let found: Option<Id> =
        sqlx::query_scalar("SELECT id FROM framework_versions WHERE id = ?").bind(version).fetch_optional(pool).await?;
    match found {
        Some(_) => Ok(()),
        None => Err(StoreError::invalid("framework_version_id", "Select a framework version from the list")),
    }
}

pub async fn create_team(pool: &Pool, form: &TeamForm) -> StoreResult<Id> {
    let (name, description, version, cadence) = validate_team(form).map_err(StoreError::Invalid)?;
    check_version(pool, version).await?;
    let mut tx = begin_write(pool).await?;
    let id = sqlx::query_scalar(
        "INSERT INTO teams (name, description, framework_version_id, review_cadence_months, created_at)
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&name)
    .bind(description)
    .bind(version)
    .bind(cadence)
    .bind(now_utc())
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| team_conflict(e, &name))?;
    tx.commit().await?;
    Ok(id)
}

fn team_conflict(error: sqlx::Error, name: &str) -> StoreError {
    match StoreError::on_unique(error, "") {
        StoreError::Conflict(_) => StoreError::invalid("name", format!("A team called \"{name}\" already exists")),
        other => other,
    }
}

pub async fn update_team(pool: &Pool, id: Id, form: &TeamForm) -> StoreResult<()> {
    let (name, description, version, cadence) = validate_team(form).map_err(StoreError::Invalid)?;
    check_version(pool, version).await?;
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query(
        "UPDATE teams SET name = ?, description = ?, framework_version_id = ?, review_cadence_months = ? WHERE id = ?",
    )
    .bind(&name)
    .bind(description)
    .bind(version)
    .bind(cadence)
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(|e| team_conflict(e, &name))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("Team"));
    }
    tx.commit().await?;
    Ok(())
}

/// Deletes a team and its memberships. The people and their assessments stay.
pub async fn delete_team(pool: &Pool, id: Id) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query("DELETE FROM teams WHERE id = ?").bind(id).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("Team"));
    }
    tx.commit().await?;
    Ok(())
}

pub async fn list_people(pool: &Pool) -> StoreResult<Vec<Person>> {
    Ok(sqlx::query_as(&format!("SELECT {PERSON_COLUMNS} FROM people p ORDER BY p.name")).fetch_all(pool).await?)
}

/// The names of the people with these ids (the ids not found are left out): for pages that
/// name assessors, mentors or owners without reading the whole organisation.
pub async fn names_of(pool: &Pool, ids: &[Id]) -> StoreResult<HashMap<Id, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Id, String)> =
        sqlx::query_as("SELECT id, name FROM people WHERE id IN (SELECT value FROM json_each(?))")
            .bind(serde_json::to_string(ids).expect("ids serialise"))
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().collect())
}

pub async fn get_person(pool: &Pool, id: Id) -> StoreResult<Person> {
    sqlx::query_as(&format!("SELECT {PERSON_COLUMNS} FROM people p WHERE p.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("Person"))
}

/// A member of a team, with whether they lead it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub person: Person,
    pub is_lead: bool,
}

pub async fn team_members(pool: &Pool, team_id: Id) -> StoreResult<Vec<Member>> {
    #[derive(sqlx::FromRow)]
    struct MemberRow {
        #[sqlx(flatten)]
        person: Person,
        is_lead: i64,
    }
    let rows: Vec<MemberRow> = sqlx::query_as(&format!(
        "SELECT {PERSON_COLUMNS}, m.is_lead FROM team_memberships m JOIN people p ON p.id = m.person_id
         WHERE m.team_id = ? ORDER BY p.name"
    ))
    .bind(team_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|row| Member { person: row.person, is_lead: row.is_lead == 1 }).collect())
}

/// The teams a person belongs to, with whether they lead each.
pub async fn teams_of_person(pool: &Pool, person_id: Id) -> StoreResult<Vec<(Team, bool)>> {
    #[derive(sqlx::FromRow)]
    struct TeamOfPersonRow {
        #[sqlx(flatten)]
        team: TeamRow,
        is_lead: i64,
    }
    let rows: Vec<TeamOfPersonRow> = sqlx::query_as(
        "SELECT t.id, t.name, t.description, t.framework_version_id, t.review_cadence_months, m.is_lead
         FROM team_memberships m JOIN teams t ON t.id = m.team_id WHERE m.person_id = ? ORDER BY t.name",
    )
    .bind(person_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|row| (row.team.into(), row.is_lead == 1)).collect())
}

pub async fn team_ids_of_person(pool: &Pool, person_id: Id) -> StoreResult<Vec<Id>> {
    Ok(sqlx::query_scalar("SELECT team_id FROM team_memberships WHERE person_id = ? ORDER BY team_id")
        .bind(person_id)
        .fetch_all(pool)
        .await?)
}

fn validate_person(form: &PersonForm) -> Result<(String, Option<String>), FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = required_text(&mut errors, "name", "the person's name", &form.name, NAME_MAX);
    let email = optional_text(&mut errors, "email", "the email address", &form.email, 254);
    if let Some(email) = &email {
        let valid = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !email.contains(char::is_whitespace)
        });
        if !valid {
            errors.add("email", "Enter an email address in the correct format, like name@example.gov.uk");
        }
    }
    errors.into_result((name, email.map(|e| e.to_lowercase())))
}

async fn check_role_levels(pool: &Pool, form: &PersonForm) -> StoreResult<()> {
    for (field, id) in [("role_level_id", form.role_level_id), ("target_role_level_id", form.target_role_level_id)] {
        if let Some(id) = id {
            let exists: Option<Id> =
                sqlx::query_scalar("SELECT id FROM role_levels WHERE id = ?").bind(id).fetch_optional(pool).await?;
            if exists.is_none() {
                return Err(StoreError::invalid(field, "Select a role level from the list"));
            }
        }
    }
    Ok(())
}

fn person_conflict(error: sqlx::Error, email: Option<&str>) -> StoreError {
    match StoreError::on_unique(error, "") {
        StoreError::Conflict(_) => StoreError::invalid(
            "email",
            format!("Someone with the email address {} is already recorded", email.unwrap_or_default()),
        ),
        other => other,
    }
}

/// Creates a person, optionally adding them to a team in the same transaction.
pub async fn create_person(pool: &Pool, form: &PersonForm, team_id: Option<Id>) -> StoreResult<Id> {
    let (name, email) = validate_person(form).map_err(StoreError::Invalid)?;
    check_role_levels(pool, form).await?;
    if let Some(team_id) = team_id {
        let found: Option<Id> =
            sqlx::query_scalar("SELECT id FROM teams WHERE id = ?").bind(team_id).fetch_optional(pool).await?;
        if found.is_none() {
            return Err(StoreError::invalid("team_id", "The team to add the person to does not exist"));
        }
    }
    let mut tx = begin_write(pool).await?;
    let id: Id = sqlx::query_scalar(
        "INSERT INTO people (name, email, role_level_id, target_role_level_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&name)
    .bind(&email)
    .bind(form.role_level_id)
    .bind(form.target_role_level_id)
    .bind(now_utc())
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| person_conflict(e, email.as_deref()))?;
    if let Some(team_id) = team_id {
        sqlx::query("INSERT INTO team_memberships (team_id, person_id, is_lead) VALUES (?, ?, 0)")
            .bind(team_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}

pub async fn update_person(pool: &Pool, id: Id, form: &PersonForm) -> StoreResult<()> {
    let (name, email) = validate_person(form).map_err(StoreError::Invalid)?;
    check_role_levels(pool, form).await?;
    let mut tx = begin_write(pool).await?;
    let done =
        sqlx::query("UPDATE people SET name = ?, email = ?, role_level_id = ?, target_role_level_id = ? WHERE id = ?")
            .bind(&name)
            .bind(&email)
            .bind(form.role_level_id)
            .bind(form.target_role_level_id)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(|e| person_conflict(e, email.as_deref()))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("Person"));
    }
    tx.commit().await?;
    Ok(())
}

/// Deletes a person with their memberships and assessment history.
pub async fn delete_person(pool: &Pool, id: Id) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query("DELETE FROM people WHERE id = ?").bind(id).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("Person"));
    }
    tx.commit().await?;
    Ok(())
}

/// Erases a person: their record, memberships, assessment history and everything else that
/// refers to them by foreign key (cascades), their user account with its API tokens (cascade)
/// and signed-in sessions, and the emails the audit log kept for them; the audit log shows a
/// random pseudonym for their ids from now on (`audit::forget_person`). Assessments they made of
/// others stay, with the assessor cleared. Afterwards they appear in no view, aggregate or
/// export. Deleted rows are overwritten on disk (`secure_delete`). Returns the pseudonym.
pub async fn erase_person(pool: &Pool, id: Id) -> StoreResult<String> {
    let mut tx = begin_write(pool).await?;
    sqlx::query("PRAGMA secure_delete = ON").execute(&mut *tx).await?;
    let Some(person_email): Option<Option<String>> =
        sqlx::query_scalar("SELECT email FROM people WHERE id = ?").bind(id).fetch_optional(&mut *tx).await?
    else {
        return Err(StoreError::NotFound("Person"));
    };
    let users: Vec<(Id, String)> =
        sqlx::query_as("SELECT id, email FROM users WHERE person_id = ?").bind(id).fetch_all(&mut *tx).await?;
    let user_ids: Vec<Id> = users.iter().map(|(user, _)| *user).collect();
    let emails: Vec<String> = person_email.into_iter().chain(users.into_iter().map(|(_, email)| email)).collect();
    let pseudonym = super::audit::forget_person(&mut tx, id, &user_ids, &emails).await?;
    end_sessions_of(&mut tx, &user_ids).await?;
    sqlx::query("DELETE FROM users WHERE person_id = ?").bind(id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM people WHERE id = ?").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(pseudonym)
}

/// The key and field under which a signed-in session names its user (`app::ssr::auth`).
const SESSION_AUTH_KEY: &str = "auth";
const SESSION_USER_FIELD: &str = "user_id";

/// Deletes the stored sessions of these users. The session store (tower-sessions-sqlx-store)
/// keeps each session as a MessagePack record `[id, data, expiry]` in `tower_sessions`, which
/// exists once a server has started on the database.
async fn end_sessions_of(tx: &mut super::Tx, user_ids: &[Id]) -> StoreResult<()> {
    use serde::de::IgnoredAny;
    let has_sessions: Option<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'tower_sessions'")
            .fetch_optional(&mut **tx)
            .await?;
    if user_ids.is_empty() || has_sessions.is_none() {
        return Ok(());
    }
    let sessions: Vec<(String, Vec<u8>)> =
        sqlx::query_as("SELECT id, data FROM tower_sessions").fetch_all(&mut **tx).await?;
    for (session_id, data) in sessions {
        let record: Result<(IgnoredAny, HashMap<String, serde_json::Value>, IgnoredAny), _> =
            rmp_serde::from_slice(&data);
        let user = record.ok().and_then(|(_, data, _)| {
            data.get(SESSION_AUTH_KEY).and_then(|auth| auth.get(SESSION_USER_FIELD)).and_then(serde_json::Value::as_i64)
        });
        if user.is_some_and(|user| user_ids.contains(&user)) {
            sqlx::query("DELETE FROM tower_sessions WHERE id = ?").bind(session_id).execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// Adds a person to a team (or changes whether they lead it).
pub async fn set_membership(pool: &Pool, team_id: Id, person_id: Id, is_lead: bool) -> StoreResult<()> {
    get_team(pool, team_id).await?;
    get_person(pool, person_id).await.map_err(|_| StoreError::invalid("person_id", "Select a person from the list"))?;
    let mut tx = begin_write(pool).await?;
    sqlx::query(
        "INSERT INTO team_memberships (team_id, person_id, is_lead) VALUES (?, ?, ?)
         ON CONFLICT (team_id, person_id) DO UPDATE SET is_lead = excluded.is_lead",
    )
    .bind(team_id)
    .bind(person_id)
    .bind(i64::from(is_lead))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a person from a team. A team keeps at least one lead while it has members.
pub async fn remove_membership(pool: &Pool, team_id: Id, person_id: Id) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query("DELETE FROM team_memberships WHERE team_id = ? AND person_id = ?")
        .bind(team_id)
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("Team membership"));
    }
    tx.commit().await?;
    Ok(())
}

/// People found by a name search for adding to a team: at most `limit` of them, by name, and
/// how many matched in all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleFound {
    pub people: Vec<(Id, String)>,
    pub total: i64,
}

/// Escapes `%`, `_` and `\` for a `LIKE ... ESCAPE '\'` pattern.
fn like_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// People not in `team_id` whose name (or email) contains `query` (case-insensitive for ASCII;
/// an empty query matches everyone). With `teamless_only`, only people who are in no team at
/// all: the ones a team lead may add.
pub async fn search_people_to_add(
    pool: &Pool,
    team_id: Id,
    query: &str,
    teamless_only: bool,
    limit: i64,
) -> StoreResult<PeopleFound> {
    let pattern = like_pattern(query.trim());
    let membership = if teamless_only {
        "NOT EXISTS (SELECT 1 FROM team_memberships m WHERE m.person_id = p.id)"
    } else {
        "NOT EXISTS (SELECT 1 FROM team_memberships m WHERE m.person_id = p.id AND m.team_id = ?1)"
    };
    let filter = format!(
        "FROM people p WHERE {membership}
         AND (p.name LIKE ?2 ESCAPE '\\' OR COALESCE(p.email, '') LIKE ?2 ESCAPE '\\')"
    );
    let total: i64 =
        sqlx::query_scalar(&format!("SELECT COUNT(*) {filter}")).bind(team_id).bind(&pattern).fetch_one(pool).await?;
    let people: Vec<(Id, String)> =
        sqlx::query_as(&format!("SELECT p.id, p.name {filter} ORDER BY p.name, p.id LIMIT ?3"))
            .bind(team_id)
            .bind(&pattern)
            .bind(limit)
            .fetch_all(pool)
            .await?;
    Ok(PeopleFound { people, total })
}

/// Headline figures for the dashboard: people, skills assessed, share of required levels met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub team: Team,
    pub people: i64,
    pub leads: Vec<String>,
}

pub async fn team_summaries(pool: &Pool) -> StoreResult<Vec<TeamSummary>> {
    let teams = list_teams(pool).await?;
    let mut out = Vec::with_capacity(teams.len());
    for team in teams {
        let members = team_members(pool, team.id).await?;
        let leads = members.iter().filter(|m| m.is_lead).map(|m| m.person.name.clone()).collect();
        out.push(TeamSummary { people: members.len() as i64, leads, team });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::temp_pool;

    async fn version(pool: &Pool) -> Id {
        let doc = crate::framework::FrameworkDoc {
            family: "test".into(),
            name: "Test v1".into(),
            source: "test".into(),
            ..Default::default()
        };
        crate::store::framework::insert_version(pool, &doc).await.unwrap()
    }

    #[tokio::test]
    async fn team_names_are_unique_and_validated() {
        let (pool, _dir) = temp_pool().await;
        let v = version(&pool).await;
        let form = TeamForm { name: "Platform".into(), framework_version_id: Some(v), ..Default::default() };
        let id = create_team(&pool, &form).await.unwrap();
        assert_eq!(get_team(&pool, id).await.unwrap().review_cadence_months, 6);
        match create_team(&pool, &form).await {
            Err(StoreError::Invalid(errors)) => {
                assert_eq!(errors.for_field("name"), Some("A team called \"Platform\" already exists"))
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
        let blank = TeamForm { name: "  ".into(), framework_version_id: Some(v), ..Default::default() };
        match create_team(&pool, &blank).await {
            Err(StoreError::Invalid(errors)) => assert_eq!(errors.for_field("name"), Some("Enter the team name")),
            other => panic!("expected a validation error, got {other:?}"),
        }
        assert_eq!(list_teams(&pool).await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn people_join_teams_and_deletion_cascades_memberships() {
        let (pool, _dir) = temp_pool().await;
        let v = version(&pool).await;
        let team =
            create_team(&pool, &TeamForm { name: "Ops".into(), framework_version_id: Some(v), ..Default::default() })
                .await
                .unwrap();
        let form = PersonForm { name: "Ada Okafor".into(), email: "Ada@Example.gov.uk".into(), ..Default::default() };
        let ada = create_person(&pool, &form, Some(team)).await.unwrap();
        assert_eq!(get_person(&pool, ada).await.unwrap().email.as_deref(), Some("ada@example.gov.uk"));
        set_membership(&pool, team, ada, true).await.unwrap();
        let members = team_members(&pool, team).await.unwrap();
        assert_eq!(members.len(), 1);
        assert!(members[0].is_lead);
        delete_person(&pool, ada).await.unwrap();
        assert!(team_members(&pool, team).await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn the_member_search_finds_by_name_and_leaves_out_members_of_other_teams() {
        let (pool, _dir) = temp_pool().await;
        let v = version(&pool).await;
        let team = |name: &str| TeamForm { name: name.into(), framework_version_id: Some(v), ..Default::default() };
        let ops = create_team(&pool, &team("Ops")).await.unwrap();
        let data = create_team(&pool, &team("Data")).await.unwrap();
        let person = |name: &str| PersonForm { name: name.into(), ..Default::default() };
        let in_ops = create_person(&pool, &person("Ada Okafor"), Some(ops)).await.unwrap();
        let in_data = create_person(&pool, &person("Adam Price"), Some(data)).await.unwrap();
        let free = create_person(&pool, &person("Adaeze Bello"), None).await.unwrap();
        create_person(&pool, &person("Bo 100%_off"), None).await.unwrap();

        let teamless = search_people_to_add(&pool, ops, "ADA", true, 20).await.unwrap();
        assert_eq!(teamless.people, vec![(free, "Adaeze Bello".to_string())]);
        assert_eq!(teamless.total, 1);
        let anyone = search_people_to_add(&pool, ops, "ada", false, 20).await.unwrap();
        assert_eq!(anyone.people.iter().map(|(id, _)| *id).collect::<Vec<_>>(), vec![free, in_data]);
        assert!(!anyone.people.iter().any(|(id, _)| *id == in_ops));
        let limited = search_people_to_add(&pool, ops, "", false, 1).await.unwrap();
        assert_eq!((limited.people.len(), limited.total), (1, 3));
        // LIKE's wildcards are searched for as text.
        assert_eq!(search_people_to_add(&pool, ops, "%_", false, 20).await.unwrap().total, 1);
    }

    #[tokio::test]
    async fn bad_email_and_unknown_role_level_are_refused() {
        let (pool, _dir) = temp_pool().await;
        let bad = PersonForm { name: "Bo".into(), email: "not-an-email".into(), ..Default::default() };
        match create_person(&pool, &bad, None).await {
            Err(StoreError::Invalid(errors)) => assert!(errors.for_field("email").is_some()),
            other => panic!("expected a validation error, got {other:?}"),
        }
        let unknown = PersonForm { name: "Bo".into(), role_level_id: Some(999), ..Default::default() };
        match create_person(&pool, &unknown, None).await {
            Err(StoreError::Invalid(errors)) => {
                assert_eq!(errors.for_field("role_level_id"), Some("Select a role level from the list"))
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
        assert!(list_people(&pool).await.unwrap().is_empty());
    }
}
