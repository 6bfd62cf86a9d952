//! Loads what the organisation roll-up needs for one framework version: the teams on it with
//! their members, the people, role families, the family of each role level, the requirements,
//! the skills and every assessment (mapped into the version by skill code), read lean: no
//! evidence text, only the columns the roll-up uses.
//!
//! Each person is listed in one team only, their primary team (`people.primary_team_id`, chosen
//! by a lead or an administrator; otherwise their first team by id), so that the roll-up's team
//! rows add up to its totals and no difference of figures isolates the people in two teams.

use super::bulk::{self, HistoryScope};
use super::{framework, Pool, StoreResult};
use crate::analysis::rollup::{OrgInput, OrgTeam, RoleLevelFamily};
use crate::analysis::rounds::{detect_rounds, Round};
use crate::assessment::Assessment;
use crate::framework::{Requirement, RoleFamily, Skill};
use crate::people::Person;
use crate::Id;
use chrono::NaiveDate;
use std::collections::HashMap;

/// id, name, role level, target role level, primary team.
type PersonRow = (Id, String, Option<Id>, Option<Id>, Option<Id>);

/// The organisation's data for one framework version, owned.
#[derive(Debug, Clone, Default)]
pub struct OrgData {
    pub version_id: Id,
    pub teams: Vec<OrgTeam>,
    pub people: Vec<Person>,
    pub families: Vec<RoleFamily>,
    pub role_level_families: Vec<RoleLevelFamily>,
    pub requirements: Vec<Requirement>,
    pub skills: Vec<Skill>,
    pub assessments: Vec<Assessment>,
}

impl OrgData {
    pub fn input(&self, today: NaiveDate) -> OrgInput<'_> {
        OrgInput {
            teams: &self.teams,
            people: &self.people,
            families: &self.families,
            role_level_families: &self.role_level_families,
            requirements: &self.requirements,
            skills: &self.skills,
            assessments: &self.assessments,
            today,
        }
    }

    /// The rounds that may be shown to senior staff and compared with: those in which at least
    /// `k` people were assessed (a round of fewer would be a figure about fewer than `k`).
    pub fn published_rounds(&self, k: u32) -> Vec<Round> {
        self.rounds()
            .into_iter()
            .filter(|round| {
                let mut people: Vec<Id> = self
                    .assessments
                    .iter()
                    .filter(|a| a.assessed_on >= round.first && a.assessed_on <= round.last)
                    .map(|a| a.person_id)
                    .collect();
                people.sort_unstable();
                people.dedup();
                people.len() as u64 >= u64::from(k)
            })
            .collect()
    }

    /// The assessment rounds found in the data.
    pub fn rounds(&self) -> Vec<Round> {
        let mut counts: HashMap<NaiveDate, u64> = HashMap::new();
        for a in &self.assessments {
            *counts.entry(a.assessed_on).or_default() += 1;
        }
        detect_rounds(&counts.into_iter().collect::<Vec<_>>())
    }
}

pub async fn load(pool: &Pool, version_id: Id) -> StoreResult<OrgData> {
    let team_rows: Vec<(Id, String)> =
        sqlx::query_as("SELECT id, name FROM teams WHERE framework_version_id = ? ORDER BY name")
            .bind(version_id)
            .fetch_all(pool)
            .await?;
    let members: Vec<(Id, Id)> = sqlx::query_as(
        "SELECT m.team_id, m.person_id FROM team_memberships m JOIN teams t ON t.id = m.team_id WHERE t.framework_version_id = ?",
    )
    .bind(version_id)
    .fetch_all(pool)
    .await?;
    let people_rows: Vec<PersonRow> = sqlx::query_as(
        "SELECT DISTINCT p.id, p.name, p.role_level_id, p.target_role_level_id, p.primary_team_id FROM people p
         JOIN team_memberships m ON m.person_id = p.id JOIN teams t ON t.id = m.team_id
         WHERE t.framework_version_id = ? ORDER BY p.id",
    )
    .bind(version_id)
    .fetch_all(pool)
    .await?;
    let chosen: HashMap<Id, Option<Id>> = people_rows.iter().map(|p| (p.0, p.4)).collect();
    let mut teams_of: HashMap<Id, Vec<Id>> = HashMap::new();
    for (team, person) in members {
        teams_of.entry(person).or_default().push(team);
    }
    let mut by_team: HashMap<Id, Vec<Id>> = HashMap::new();
    for (person, teams) in teams_of {
        by_team.entry(primary_team(&teams, chosen.get(&person).copied().flatten())).or_default().push(person);
    }
    for members in by_team.values_mut() {
        members.sort_unstable();
    }
    let teams: Vec<OrgTeam> = team_rows
        .into_iter()
        .map(|(id, name)| OrgTeam { member_ids: by_team.remove(&id).unwrap_or_default(), id, name })
        .collect();
    let people: Vec<Person> = people_rows
        .into_iter()
        .map(|(id, name, role_level_id, target_role_level_id, _)| Person {
            id,
            name,
            email: None,
            role_level_id,
            target_role_level_id,
        })
        .collect();
    let families: Vec<RoleFamily> =
        sqlx::query_as::<_, (Id, String)>("SELECT id, name FROM role_families WHERE version_id = ? ORDER BY name")
            .bind(version_id)
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(|(id, name)| RoleFamily { id, version_id, name })
            .collect();
    let role_level_families: Vec<RoleLevelFamily> = sqlx::query_as::<_, (Id, Id)>(
        "SELECT rl.id, r.family_id FROM role_levels rl JOIN roles r ON r.id = rl.role_id
         JOIN role_families f ON f.id = r.family_id WHERE f.version_id = ?",
    )
    .bind(version_id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|(role_level_id, family_id)| RoleLevelFamily { role_level_id, family_id })
    .collect();
    let mut held: Vec<Id> = people.iter().filter_map(|p| p.role_level_id).collect();
    held.sort_unstable();
    held.dedup();
    let requirements = framework::requirements_for(pool, &held).await?;
    let skills = framework::skills_of_version(pool, version_id).await?;
    let assessments = lean_assessments(pool, version_id, &people).await?;
    Ok(OrgData { version_id, teams, people, families, role_level_families, requirements, skills, assessments })
}

/// The team a person counts in: the chosen one when they are still in it, else their first by id.
pub fn primary_team(teams: &[Id], chosen: Option<Id>) -> Id {
    chosen.filter(|c| teams.contains(c)).or_else(|| teams.iter().min().copied()).expect("a person in a team")
}

/// A team member who is also in other teams: the teams, and the one they count in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SharedMember {
    pub person_id: Id,
    pub name: String,
    /// (team id, name), by name.
    pub teams: Vec<(Id, String)>,
    pub primary_team_id: Id,
}

/// The members of `team_id` who are in more than one team of its framework version.
pub async fn shared_members(pool: &Pool, team_id: Id) -> StoreResult<Vec<SharedMember>> {
    let rows: Vec<(Id, String, Option<Id>, Id, String)> = sqlx::query_as(
        "SELECT p.id, p.name, p.primary_team_id, t.id, t.name FROM team_memberships here
         JOIN people p ON p.id = here.person_id
         JOIN team_memberships m ON m.person_id = p.id JOIN teams t ON t.id = m.team_id
         WHERE here.team_id = ?1
           AND t.framework_version_id = (SELECT framework_version_id FROM teams WHERE id = ?1)
         ORDER BY p.name, p.id, t.name, t.id",
    )
    .bind(team_id)
    .fetch_all(pool)
    .await?;
    let mut out: Vec<SharedMember> = Vec::new();
    let mut chosen: Vec<Option<Id>> = Vec::new();
    for (person_id, name, primary, team, team_name) in rows {
        match out.last_mut() {
            Some(last) if last.person_id == person_id => last.teams.push((team, team_name)),
            _ => {
                out.push(SharedMember { person_id, name, teams: vec![(team, team_name)], primary_team_id: team });
                chosen.push(primary);
            }
        }
    }
    for (member, chosen) in out.iter_mut().zip(chosen) {
        let ids: Vec<Id> = member.teams.iter().map(|t| t.0).collect();
        member.primary_team_id = primary_team(&ids, chosen);
    }
    out.retain(|m| m.teams.len() > 1);
    Ok(out)
}

/// Records the team `person_id` counts in for the organisation's figures; they must be in it.
pub async fn set_primary_team(pool: &Pool, person_id: Id, team_id: Id) -> StoreResult<()> {
    let done = sqlx::query(
        "UPDATE people SET primary_team_id = ?2 WHERE id = ?1
         AND EXISTS (SELECT 1 FROM team_memberships WHERE person_id = ?1 AND team_id = ?2)",
    )
    .bind(person_id)
    .bind(team_id)
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(super::StoreError::NotFound("A membership of that person in that team"));
    }
    Ok(())
}

/// Every assessment of people in the version's teams, lean (no assessor or evidence), skill ids
/// mapped into the version by code within the framework's family.
async fn lean_assessments(pool: &Pool, version_id: Id, people: &[Person]) -> StoreResult<Vec<Assessment>> {
    let scope = HistoryScope {
        skill_in_version: bulk::skills_in_version(pool, version_id).await?,
        people: people.iter().map(|p| p.id).collect(),
        with_detail: false,
    };
    bulk::assessment_history(pool, scope).await
}

/// A cheap fingerprint of everything the roll-up reads, to know when a cached index is stale:
/// the newest assessment and the count of every other change to what it reads (kept by the
/// triggers of migration 0006). Two index lookups, whatever the size of the organisation.
pub async fn fingerprint(pool: &Pool) -> StoreResult<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM assessments), (SELECT n FROM rollup_changes WHERE id = 1)",
    )
    .fetch_one(pool)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::rollup::{rollup, RollupOptions};
    use crate::store::test_support::temp_pool;

    #[tokio::test]
    async fn the_demo_organisation_rolls_up() {
        let (pool, _dir) = temp_pool().await;
        let version = crate::store::seed::ensure_starter_catalogue(&pool).await.unwrap();
        let today: NaiveDate = "2026-11-23".parse().unwrap();
        let seed = crate::demo::demo_org(today);
        crate::store::seed::load_org(&pool, version, &seed).await.unwrap();
        let data = load(&pool, version).await.unwrap();
        assert_eq!(data.teams.len(), 2);
        assert_eq!(data.people.len(), seed.people.len());
        assert_eq!(data.assessments.len(), seed.assessments.len());
        let rounds = data.rounds();
        assert_eq!(rounds.len(), 2, "the demo has two rounds: {rounds:?}");
        let result = rollup(
            &data.input(today),
            &RollupOptions { earlier: crate::analysis::rounds::previous_round_end(&rounds), ..Default::default() },
        );
        assert_eq!(result.teams.len(), 2);
        assert!(result.totals.iter().any(|c| c.change.is_some()), "a trend against the earlier round");
    }

    /// Every kind of change the roll-up shows moves the fingerprint; what it does not show does not.
    #[tokio::test]
    async fn the_fingerprint_moves_with_what_the_rollup_reads() {
        let (pool, _dir) = temp_pool().await;
        let version = crate::store::seed::ensure_starter_catalogue(&pool).await.unwrap();
        let seed = crate::demo::demo_org("2026-11-23".parse().unwrap());
        crate::store::seed::load_org(&pool, version, &seed).await.unwrap();
        let mut last = fingerprint(&pool).await.unwrap();
        let changes = [
            "UPDATE teams SET name = name || ' (renamed)' WHERE id = (SELECT MIN(id) FROM teams)",
            "DELETE FROM team_memberships WHERE rowid = (SELECT MIN(rowid) FROM team_memberships)",
            "UPDATE requirements SET level = level WHERE rowid = (SELECT MIN(rowid) FROM requirements)",
            "UPDATE people SET role_level_id = role_level_id WHERE id = (SELECT MIN(id) FROM people)",
            "DELETE FROM assessments WHERE id = (SELECT MIN(id) FROM assessments)",
            "UPDATE skills SET name = name || ' (renamed)' WHERE id = (SELECT MIN(id) FROM skills)",
        ];
        for change in changes {
            sqlx::query(change).execute(&pool).await.unwrap();
            let now = fingerprint(&pool).await.unwrap();
            assert_ne!(now, last, "{change}");
            last = now;
        }
        sqlx::query("INSERT INTO audit_events (at, action, outcome) VALUES ('2026-11-23T10:00:00Z', 'sign-in', 'ok')")
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(fingerprint(&pool).await.unwrap(), last, "the audit log is not part of the roll-up");
    }
}
