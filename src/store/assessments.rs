//! Recording assessments and reading a person's history. A batch of levels (many skills at once,
//! one source, one date) is validated as a whole and stored in one transaction, or not at all.

use super::framework::{SkillRow, SKILL_COLUMNS};
use super::{begin_write, now_utc, Pool, StoreError, StoreResult};
use crate::assessment::{Assessment, Source};
use crate::framework::Skill;
use crate::validation::{optional_text, FieldErrors};
use crate::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const EVIDENCE_MAX: usize = 4000;

/// One level in a batch. The level is wide so that out-of-range input can be reported rather
/// than wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub skill_id: Id,
    pub level: i64,
}

/// Levels for many skills at once, from one source on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    pub person_id: Id,
    pub source: Source,
    pub assessed_on: NaiveDate,
    pub assessor_id: Option<Id>,
    pub evidence: String,
    pub entries: Vec<Entry>,
}

/// The form field that holds the level of a skill: `level_<skill id>`.
pub fn level_field(skill_id: Id) -> String {
    format!("level_{skill_id}")
}

/// Validates and stores a batch. Returns the ids of the new assessments.
pub async fn record(pool: &Pool, batch: &Batch, today: NaiveDate) -> StoreResult<Vec<Id>> {
    let skills = skills_by_id(pool, batch.entries.iter().map(|e| e.skill_id)).await?;
    let evidence = validate(batch, &skills, today).map_err(StoreError::Invalid)?;
    let mut tx = begin_write(pool).await?;
    let exists: Option<Id> =
        sqlx::query_scalar("SELECT id FROM people WHERE id = ?").bind(batch.person_id).fetch_optional(&mut *tx).await?;
    if exists.is_none() {
        return Err(StoreError::NotFound("Person"));
    }
    let recorded_at = now_utc();
    let mut ids = Vec::with_capacity(batch.entries.len());
    for entry in &batch.entries {
        let id: Id = sqlx::query_scalar(
            "INSERT INTO assessments (person_id, skill_id, level, source, assessed_on, assessor_id, evidence, recorded_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(batch.person_id)
        .bind(entry.skill_id)
        .bind(entry.level)
        .bind(batch.source.code())
        .bind(batch.assessed_on.to_string())
        .bind(batch.assessor_id)
        .bind(&evidence)
        .bind(&recorded_at)
        .fetch_one(&mut *tx)
        .await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids)
}

fn validate(batch: &Batch, skills: &HashMap<Id, Skill>, today: NaiveDate) -> Result<Option<String>, FieldErrors> {
    let mut errors = FieldErrors::new();
    if batch.entries.is_empty() {
        errors.add("levels", "Choose a level for at least one skill");
    }
    if batch.assessed_on > today {
        errors.add("assessed_on", "The assessment date must be today or in the past");
    }
    let evidence = optional_text(&mut errors, "evidence", "the evidence note", &batch.evidence, EVIDENCE_MAX);
    let mut seen = std::collections::HashSet::new();
    for entry in &batch.entries {
        let field = level_field(entry.skill_id);
        let Some(skill) = skills.get(&entry.skill_id) else {
            errors.add(field, format!("Skill {} is not in the framework", entry.skill_id));
            continue;
        };
        if !seen.insert(entry.skill_id) {
            errors.add(field, format!("{} is listed more than once", skill.name));
            continue;
        }
        let allowed = u8::try_from(entry.level).is_ok_and(|level| skill.allows(level));
        if !allowed {
            errors.add(field, out_of_scale_message(skill, entry.level));
        }
    }
    errors.into_result(evidence)
}

fn out_of_scale_message(skill: &Skill, level: i64) -> String {
    let allowed = skill.allowed_levels();
    let list = allowed.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(", ");
    format!("{}: level {level} is not on its scale ({}: {list})", skill.name, skill.scale.title())
}

async fn skills_by_id(pool: &Pool, ids: impl Iterator<Item = Id>) -> StoreResult<HashMap<Id, Skill>> {
    let ids: Vec<Id> = ids.collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<SkillRow> =
        sqlx::query_as(&format!("SELECT {SKILL_COLUMNS} FROM skills s WHERE s.id IN (SELECT value FROM json_each(?))"))
            .bind(serde_json::to_string(&ids).expect("ids serialise"))
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(Skill::from).map(|s| (s.id, s)).collect())
}

/// A row of [`ASSESSMENT_COLUMNS`].
#[derive(sqlx::FromRow)]
pub(crate) struct AssessmentRow {
    id: Id,
    person_id: Id,
    skill_id: Id,
    level: i64,
    source: Source,
    assessed_on: String,
    assessor_id: Option<Id>,
    evidence: Option<String>,
}

impl From<AssessmentRow> for Assessment {
    fn from(row: AssessmentRow) -> Assessment {
        Assessment {
            id: row.id,
            person_id: row.person_id,
            skill_id: row.skill_id,
            level: row.level as u8,
            source: row.source,
            assessed_on: row.assessed_on.parse().unwrap_or_default(),
            assessor_id: row.assessor_id,
            evidence: row.evidence,
        }
    }
}

pub(crate) const ASSESSMENT_COLUMNS: &str =
    "a.id, a.person_id, a.skill_id, a.level, a.source, a.assessed_on, a.assessor_id, a.evidence";

/// An assessment with its skill and the assessor's name, for history tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub assessment: Assessment,
    pub skill: Skill,
    pub assessor_name: Option<String>,
}

/// Every assessment of a person, newest first.
pub async fn history(pool: &Pool, person_id: Id) -> StoreResult<Vec<HistoryEntry>> {
    /// The skill's columns are named as in [`SKILL_COLUMNS`] but for its id (`id` is the
    /// assessment's).
    #[derive(sqlx::FromRow)]
    struct HistoryRow {
        #[sqlx(flatten)]
        assessment: AssessmentRow,
        assessor_name: Option<String>,
        s_id: Id,
        #[sqlx(flatten)]
        skill: SkillRow,
    }
    let rows: Vec<HistoryRow> = sqlx::query_as(&format!(
        "SELECT {ASSESSMENT_COLUMNS}, ap.name AS assessor_name,
                s.id AS s_id, s.version_id, s.code, s.name, s.kind, s.scale, s.description, s.category, s.subcategory, s.defined_levels
         FROM assessments a JOIN skills s ON s.id = a.skill_id LEFT JOIN people ap ON ap.id = a.assessor_id
         WHERE a.person_id = ? ORDER BY a.assessed_on DESC, a.id DESC"
    ))
    .bind(person_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut skill = Skill::from(row.skill);
            skill.id = row.s_id;
            HistoryEntry { assessment: row.assessment.into(), skill, assessor_name: row.assessor_name }
        })
        .collect())
}

/// Every assessment of the given people, with skill ids mapped into `version_id`: an assessment
/// made against another version's skill counts for the skill with the same code in this version
/// (assessments stay attached to the skill they were made against; only the reading maps).
///
/// Read through [`super::bulk`]: a team's history is thousands of rows, and sqlx's per-row cost
/// was most of a team page's time.
pub async fn for_people_in_version(pool: &Pool, person_ids: &[Id], version_id: Id) -> StoreResult<Vec<Assessment>> {
    if person_ids.is_empty() {
        return Ok(Vec::new());
    }
    let scope = super::bulk::HistoryScope {
        skill_in_version: super::bulk::skills_in_version(pool, version_id).await?,
        people: person_ids.iter().copied().collect(),
        with_detail: true,
    };
    super::bulk::assessment_history(pool, scope).await
}

pub async fn count(pool: &Pool) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM assessments").fetch_one(pool).await?)
}
