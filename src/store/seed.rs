//! Loading built-in and generated data: the starter catalogue on a fresh install, and an
//! organisation seed (the demo organisation, or a synthetic one for benchmarks) against a
//! framework version, in one transaction.

use super::{begin_write, framework, now_utc, Pool, StoreError, StoreResult};
use crate::demo::OrgSeed;
use crate::Id;
use std::collections::HashMap;

/// Stores the starter catalogue when no framework version exists yet. Returns the version id
/// the organisation should use (the starter's, or the newest existing one).
pub async fn ensure_starter_catalogue(pool: &Pool) -> StoreResult<Id> {
    if let Some(version) = framework::latest_version(pool).await? {
        return Ok(version.id);
    }
    framework::insert_version(pool, &crate::catalogue::starter()).await
}

/// What a loaded seed became in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedOrg {
    pub team_ids: Vec<Id>,
    pub person_ids: Vec<Id>,
    pub assessments: usize,
}

/// Loads an organisation seed against a framework version. All or nothing: an unknown role
/// level or skill code rejects the whole seed.
pub async fn load_org(pool: &Pool, version_id: Id, seed: &OrgSeed) -> StoreResult<LoadedOrg> {
    let role_levels = role_level_ids(pool, version_id).await?;
    let skills: HashMap<String, Id> =
        framework::skills_of_version(pool, version_id).await?.into_iter().map(|s| (s.code, s.id)).collect();
    let mut tx = begin_write(pool).await?;
    let created_at = now_utc();
    let mut team_ids = Vec::with_capacity(seed.teams.len());
    for team in &seed.teams {
        let id: Id = sqlx::query_scalar(
            "INSERT INTO teams (name, description, framework_version_id, review_cadence_months, created_at)
             VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&team.name)
        .bind(&team.description)
        .bind(version_id)
        .bind(i64::from(team.review_cadence_months))
        .bind(&created_at)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| StoreError::on_unique(e, format!("A team called \"{}\" already exists", team.name)))?;
        team_ids.push(id);
    }
    let lookup = |r: &Option<crate::demo::RoleLevelRef>| -> StoreResult<Option<Id>> {
        match r {
            None => Ok(None),
            Some(r) => role_levels.get(&(r.role.clone(), r.level.clone())).copied().map(Some).ok_or_else(|| {
                StoreError::Conflict(format!("The framework has no role level \"{}\" of role \"{}\"", r.level, r.role))
            }),
        }
    };
    let mut person_ids = Vec::with_capacity(seed.people.len());
    for person in &seed.people {
        let id: Id = sqlx::query_scalar(
            "INSERT INTO people (name, email, role_level_id, target_role_level_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&person.name)
        .bind(&person.email)
        .bind(lookup(&person.role)?)
        .bind(lookup(&person.target)?)
        .bind(&created_at)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| StoreError::on_unique(e, format!("Someone with the email address {} already exists", person.email)))?;
        for membership in &person.memberships {
            let team_id = team_ids.get(membership.team).ok_or_else(|| {
                StoreError::Conflict(format!(
                    "{} is in team {} which the seed does not have",
                    person.name, membership.team
                ))
            })?;
            sqlx::query("INSERT INTO team_memberships (team_id, person_id, is_lead) VALUES (?, ?, ?)")
                .bind(team_id)
                .bind(id)
                .bind(i64::from(membership.lead))
                .execute(&mut *tx)
                .await?;
        }
        person_ids.push(id);
    }
    for chunk in seed.assessments.chunks(ASSESSMENTS_PER_STATEMENT) {
        insert_assessments(&mut tx, chunk, &skills, &person_ids, &created_at).await?;
    }
    tx.commit().await?;
    Ok(LoadedOrg { team_ids, person_ids, assessments: seed.assessments.len() })
}

/// Assessments written per INSERT statement (8 parameters each, well under SQLite's limit).
const ASSESSMENTS_PER_STATEMENT: usize = 500;

/// Writes a batch of seed assessments with one multi-row INSERT.
async fn insert_assessments(
    tx: &mut super::Tx,
    batch: &[crate::demo::AssessmentSeed],
    skills: &HashMap<String, Id>,
    person_ids: &[Id],
    created_at: &str,
) -> StoreResult<()> {
    let rows = vec!["(?, ?, ?, ?, ?, ?, ?, ?)"; batch.len()].join(", ");
    let sql = format!(
        "INSERT INTO assessments (person_id, skill_id, level, source, assessed_on, assessor_id, evidence, recorded_at) VALUES {rows}"
    );
    let mut query = sqlx::query(&sql);
    for a in batch {
        let skill_id = skills.get(&a.skill_code).ok_or_else(|| {
            StoreError::Conflict(format!("The framework has no skill with code \"{}\"", a.skill_code))
        })?;
        let person_id = person_ids.get(a.person).ok_or_else(|| {
            StoreError::Conflict(format!("An assessment refers to person {} which the seed does not have", a.person))
        })?;
        query = query
            .bind(*person_id)
            .bind(*skill_id)
            .bind(i64::from(a.level))
            .bind(a.source.code())
            .bind(a.assessed_on.to_string())
            .bind(a.assessor.and_then(|i| person_ids.get(i).copied()))
            .bind(a.evidence.clone())
            .bind(created_at.to_string());
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

async fn role_level_ids(pool: &Pool, version_id: Id) -> StoreResult<HashMap<(String, String), Id>> {
    let rows: Vec<(String, String, Id)> = sqlx::query_as(
        "SELECT r.name, rl.name, rl.id FROM role_levels rl JOIN roles r ON r.id = rl.role_id
         JOIN role_families f ON f.id = r.family_id WHERE f.version_id = ?",
    )
    .bind(version_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(role, level, id)| ((role, level), id)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::temp_pool;

    #[tokio::test]
    async fn the_demo_organisation_loads_against_the_starter_catalogue() {
        let (pool, _dir) = temp_pool().await;
        let version = ensure_starter_catalogue(&pool).await.unwrap();
        assert_eq!(ensure_starter_catalogue(&pool).await.unwrap(), version, "a second call adds nothing");
        let seed = crate::demo::demo_org("2026-11-23".parse().unwrap());
        let loaded = load_org(&pool, version, &seed).await.unwrap();
        assert_eq!(loaded.team_ids.len(), 2);
        assert_eq!(loaded.person_ids.len(), seed.people.len());
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM assessments").fetch_one(&pool).await.unwrap();
        assert_eq!(stored as usize, seed.assessments.len());
    }

    #[tokio::test]
    async fn an_unknown_skill_rejects_the_whole_seed() {
        let (pool, _dir) = temp_pool().await;
        let version = ensure_starter_catalogue(&pool).await.unwrap();
        let mut seed = crate::demo::demo_org("2026-11-23".parse().unwrap());
        seed.assessments.last_mut().unwrap().skill_code = "no-such-skill".into();
        let err = load_org(&pool, version, &seed).await.unwrap_err();
        assert!(err.to_string().contains("no skill with code \"no-such-skill\""), "{err}");
        assert!(super::super::is_empty(&pool).await.unwrap(), "nothing was stored");
    }

    #[tokio::test]
    async fn export_import_export_gives_the_same_file() {
        let (pool, _dir) = temp_pool().await;
        let version = ensure_starter_catalogue(&pool).await.unwrap();
        load_org(&pool, version, &crate::demo::demo_org("2026-11-23".parse().unwrap())).await.unwrap();
        let first = serde_json::to_string_pretty(&crate::store::snapshot::export(&pool).await.unwrap()).unwrap();
        let (other, _dir2) = temp_pool().await;
        let parsed: crate::store::snapshot::Snapshot = serde_json::from_str(&first).unwrap();
        crate::store::snapshot::import(&other, &parsed).await.unwrap();
        let second = serde_json::to_string_pretty(&crate::store::snapshot::export(&other).await.unwrap()).unwrap();
        assert_eq!(first, second);
        let roundtrip_doc = crate::store::framework::load_doc(&other, version).await.unwrap();
        let original_doc = crate::store::framework::load_doc(&pool, version).await.unwrap();
        assert_eq!(roundtrip_doc, original_doc);
    }
}
