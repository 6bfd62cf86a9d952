//! Framework versions: writing a whole `FrameworkDoc` as a new version in one transaction,
//! reading a version back, and the queries the framework browser needs.

use super::{begin_write, levels_from_text, levels_to_text, now_utc, Pool, StoreError, StoreResult, Tx};
pub use crate::framework::browse::{FamilyTree, RequiredSkill, RoleLevelDetail, RoleLevelRef, SkillUse};
use crate::framework::doc::{
    ActivityDoc, DescriptorDoc, RequirementDoc, RoleDoc, RoleFamilyDoc, RoleLevelDoc, SkillDoc,
};
use crate::framework::{
    Activity, ActivityKind, FrameworkDoc, FrameworkVersion, Requirement, Role, RoleFamily, RoleLevel, Skill, SkillKind,
};
use crate::scale::Scale;
use crate::Id;
use std::collections::HashMap;

/// Stores `doc` as a new framework version. All or nothing: a rejected document changes nothing.
pub async fn insert_version(pool: &Pool, doc: &FrameworkDoc) -> StoreResult<Id> {
    let mut tx = begin_write(pool).await?;
    let id = insert_version_tx(&mut tx, doc).await?;
    tx.commit().await?;
    Ok(id)
}

/// Stores `doc` as a new version inside a caller's transaction.
pub async fn insert_version_tx(tx: &mut Tx, doc: &FrameworkDoc) -> StoreResult<Id> {
    let problems = doc.check();
    if !problems.is_empty() {
        return Err(StoreError::Conflict(format!("The framework is inconsistent: {}", problems.join("; "))));
    }
    let name = doc.name.trim();
    if name.is_empty() {
        return Err(StoreError::invalid("version", "Enter a name for the framework version"));
    }
    let version_id: Id = sqlx::query_scalar(
        "INSERT INTO framework_versions (family, name, source, imported_at) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(&doc.family)
    .bind(name)
    .bind(&doc.source)
    .bind(now_utc())
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| StoreError::on_unique(e, format!("A framework version named \"{name}\" already exists")))?;

    let mut skill_ids = HashMap::new();
    for skill in &doc.skills {
        let id = insert_skill(tx, version_id, skill).await?;
        skill_ids.insert(skill.code.as_str(), id);
    }
    for family in &doc.role_families {
        insert_family(tx, version_id, family, &skill_ids).await?;
    }
    Ok(version_id)
}

/// Adds a role level's development activities, in order.
pub(super) async fn insert_activities(tx: &mut Tx, level_id: Id, activities: &[ActivityDoc]) -> StoreResult<()> {
    for (position, activity) in activities.iter().enumerate() {
        sqlx::query(
            "INSERT INTO activities (role_level_id, position, kind, title, details, awarding_body) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(level_id)
        .bind(position as i64)
        .bind(activity.kind.code())
        .bind(&activity.title)
        .bind(&activity.details)
        .bind(&activity.awarding_body)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Adds a skill and its level descriptors to a version (a new version, or a role profile merged
/// into one).
pub(super) async fn insert_skill(tx: &mut Tx, version_id: Id, skill: &SkillDoc) -> StoreResult<Id> {
    let id: Id = sqlx::query_scalar(
        "INSERT INTO skills (version_id, code, name, kind, scale, description, category, subcategory, defined_levels)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(version_id)
    .bind(&skill.code)
    .bind(&skill.name)
    .bind(skill.kind.code())
    .bind(skill.scale.code())
    .bind(&skill.description)
    .bind(&skill.category)
    .bind(&skill.subcategory)
    .bind(levels_to_text(&skill.defined_levels))
    .fetch_one(&mut **tx)
    .await?;
    for descriptor in &skill.descriptors {
        sqlx::query("INSERT INTO level_descriptors (skill_id, level, description) VALUES (?, ?, ?)")
            .bind(id)
            .bind(i64::from(descriptor.level))
            .bind(&descriptor.description)
            .execute(&mut **tx)
            .await?;
    }
    Ok(id)
}

async fn insert_family(
    tx: &mut Tx,
    version_id: Id,
    family: &RoleFamilyDoc,
    skill_ids: &HashMap<&str, Id>,
) -> StoreResult<()> {
    let family_id: Id = sqlx::query_scalar("INSERT INTO role_families (version_id, name) VALUES (?, ?) RETURNING id")
        .bind(version_id)
        .bind(&family.name)
        .fetch_one(&mut **tx)
        .await?;
    for role in &family.roles {
        let role_id: Id =
            sqlx::query_scalar("INSERT INTO roles (family_id, name, description) VALUES (?, ?, ?) RETURNING id")
                .bind(family_id)
                .bind(&role.name)
                .bind(&role.description)
                .fetch_one(&mut **tx)
                .await?;
        for (rank, level) in role.levels.iter().enumerate() {
            insert_role_level(tx, role_id, rank as i64, level, skill_ids).await?;
        }
    }
    Ok(())
}

async fn insert_role_level(
    tx: &mut Tx,
    role_id: Id,
    rank: i64,
    level: &RoleLevelDoc,
    skill_ids: &HashMap<&str, Id>,
) -> StoreResult<()> {
    let level_id: Id = sqlx::query_scalar(
        "INSERT INTO role_levels (role_id, name, rank, description, role_type) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(role_id)
    .bind(&level.name)
    .bind(rank)
    .bind(&level.description)
    .bind(&level.role_type)
    .fetch_one(&mut **tx)
    .await?;
    for req in &level.requirements {
        let skill_id = skill_ids
            .get(req.skill_code.as_str())
            .ok_or_else(|| StoreError::Conflict(format!("Unknown skill \"{}\"", req.skill_code)))?;
        sqlx::query("INSERT INTO requirements (role_level_id, skill_id, level, description) VALUES (?, ?, ?, ?)")
            .bind(level_id)
            .bind(skill_id)
            .bind(req.level.map(i64::from))
            .bind(&req.description)
            .execute(&mut **tx)
            .await?;
    }
    insert_activities(tx, level_id, &level.activities).await?;
    Ok(())
}

const VERSION_COLUMNS: &str = "id, family, name, source, imported_at";

pub async fn list_versions(pool: &Pool) -> StoreResult<Vec<FrameworkVersion>> {
    Ok(sqlx::query_as(&format!("SELECT {VERSION_COLUMNS} FROM framework_versions ORDER BY id")).fetch_all(pool).await?)
}

pub async fn get_version(pool: &Pool, id: Id) -> StoreResult<FrameworkVersion> {
    sqlx::query_as(&format!("SELECT {VERSION_COLUMNS} FROM framework_versions WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("Framework version"))
}

/// The newest version, which new teams use by default.
pub async fn latest_version(pool: &Pool) -> StoreResult<Option<FrameworkVersion>> {
    Ok(sqlx::query_as(&format!("SELECT {VERSION_COLUMNS} FROM framework_versions ORDER BY id DESC LIMIT 1"))
        .fetch_optional(pool)
        .await?)
}

pub(crate) const SKILL_COLUMNS: &str =
    "s.id, s.version_id, s.code, s.name, s.kind, s.scale, s.description, s.category, s.subcategory, s.defined_levels";

/// A row of [`SKILL_COLUMNS`].
#[derive(sqlx::FromRow)]
pub(crate) struct SkillRow {
    id: Id,
    version_id: Id,
    code: String,
    name: String,
    kind: SkillKind,
    scale: Scale,
    description: String,
    category: Option<String>,
    subcategory: Option<String>,
    defined_levels: String,
}

impl From<SkillRow> for Skill {
    fn from(row: SkillRow) -> Skill {
        Skill {
            id: row.id,
            version_id: row.version_id,
            code: row.code,
            name: row.name,
            kind: row.kind,
            scale: row.scale,
            description: row.description,
            category: row.category,
            subcategory: row.subcategory,
            defined_levels: levels_from_text(&row.defined_levels),
        }
    }
}

pub async fn skills_of_version(pool: &Pool, version_id: Id) -> StoreResult<Vec<Skill>> {
    let rows: Vec<SkillRow> =
        sqlx::query_as(&format!("SELECT {SKILL_COLUMNS} FROM skills s WHERE s.version_id = ? ORDER BY s.name"))
            .bind(version_id)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(Skill::from).collect())
}

pub async fn get_skill(pool: &Pool, id: Id) -> StoreResult<Skill> {
    let row: SkillRow = sqlx::query_as(&format!("SELECT {SKILL_COLUMNS} FROM skills s WHERE s.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("Skill"))?;
    Ok(row.into())
}

pub async fn descriptors(pool: &Pool, skill_id: Id) -> StoreResult<Vec<DescriptorDoc>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT level, description FROM level_descriptors WHERE skill_id = ? ORDER BY level")
            .bind(skill_id)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(|(level, description)| DescriptorDoc { level: level as u8, description }).collect())
}

const ROLE_LEVEL_REF_SQL: &str = "SELECT rl.id, rl.name, rl.rank, r.id AS role_id, r.name AS role_name,
        f.name AS family_name, f.version_id
     FROM role_levels rl JOIN roles r ON r.id = rl.role_id JOIN role_families f ON f.id = r.family_id";

/// Every role level of a version, ordered by family, role and rank (for pickers).
pub async fn role_levels_of_version(pool: &Pool, version_id: Id) -> StoreResult<Vec<RoleLevelRef>> {
    Ok(sqlx::query_as(&format!("{ROLE_LEVEL_REF_SQL} WHERE f.version_id = ? ORDER BY f.name, r.name, rl.rank"))
        .bind(version_id)
        .fetch_all(pool)
        .await?)
}

/// The named role levels, in the same order as [`role_levels_of_version`].
pub async fn role_level_refs(pool: &Pool, ids: &[Id]) -> StoreResult<Vec<RoleLevelRef>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(sqlx::query_as(&format!(
        "{ROLE_LEVEL_REF_SQL} WHERE rl.id IN (SELECT value FROM json_each(?)) ORDER BY f.name, r.name, rl.rank"
    ))
    .bind(serde_json::to_string(ids).expect("ids serialise"))
    .fetch_all(pool)
    .await?)
}

pub async fn role_level_ref(pool: &Pool, id: Id) -> StoreResult<RoleLevelRef> {
    sqlx::query_as(&format!("{ROLE_LEVEL_REF_SQL} WHERE rl.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("Role level"))
}

pub async fn family_trees(pool: &Pool, version_id: Id) -> StoreResult<Vec<FamilyTree>> {
    let families: Vec<(Id, String)> =
        sqlx::query_as("SELECT id, name FROM role_families WHERE version_id = ? ORDER BY name")
            .bind(version_id)
            .fetch_all(pool)
            .await?;
    let roles: Vec<(Id, Id, String, String)> = sqlx::query_as(
        "SELECT r.id, r.family_id, r.name, r.description FROM roles r JOIN role_families f ON f.id = r.family_id
         WHERE f.version_id = ? ORDER BY r.name",
    )
    .bind(version_id)
    .fetch_all(pool)
    .await?;
    let levels: Vec<RoleLevel> = sqlx::query_as(
        "SELECT rl.id, rl.role_id, rl.name, rl.rank, rl.description, rl.role_type FROM role_levels rl
         JOIN roles r ON r.id = rl.role_id JOIN role_families f ON f.id = r.family_id
         WHERE f.version_id = ? ORDER BY rl.rank",
    )
    .bind(version_id)
    .fetch_all(pool)
    .await?;
    let mut levels_by_role: HashMap<Id, Vec<RoleLevel>> = HashMap::new();
    for level in levels {
        levels_by_role.entry(level.role_id).or_default().push(level);
    }
    Ok(families
        .into_iter()
        .map(|(id, name)| FamilyTree {
            family: RoleFamily { id, version_id, name },
            roles: roles
                .iter()
                .filter(|r| r.1 == id)
                .map(|(rid, fid, name, description)| {
                    let role = Role { id: *rid, family_id: *fid, name: name.clone(), description: description.clone() };
                    (role, levels_by_role.remove(rid).unwrap_or_default())
                })
                .collect(),
        })
        .collect())
}

pub async fn role_level_detail(pool: &Pool, id: Id) -> StoreResult<RoleLevelDetail> {
    let reference = role_level_ref(pool, id).await?;
    let level: RoleLevel =
        sqlx::query_as("SELECT id, role_id, name, rank, description, role_type FROM role_levels WHERE id = ?")
            .bind(id)
            .fetch_one(pool)
            .await?;
    let role_description: String =
        sqlx::query_scalar("SELECT description FROM roles WHERE id = ?").bind(level.role_id).fetch_one(pool).await?;
    let required = required_skills(pool, id).await?;
    let activities = activities(pool, id).await?;
    let ladder = sqlx::query_as(&format!("{ROLE_LEVEL_REF_SQL} WHERE rl.role_id = ? ORDER BY rl.rank"))
        .bind(level.role_id)
        .fetch_all(pool)
        .await?;
    Ok(RoleLevelDetail { level, reference, role_description, required, activities, ladder })
}

/// The skills a role level requires, grouped by kind then name.
pub async fn required_skills(pool: &Pool, role_level_id: Id) -> StoreResult<Vec<RequiredSkill>> {
    #[derive(sqlx::FromRow)]
    struct RequiredRow {
        #[sqlx(flatten)]
        skill: SkillRow,
        required_level: Option<i64>,
        required_description: String,
        descriptor: Option<String>,
    }
    let rows: Vec<RequiredRow> = sqlx::query_as(&format!(
        "SELECT {SKILL_COLUMNS}, q.level AS required_level, q.description AS required_description, d.description AS descriptor
         FROM requirements q JOIN skills s ON s.id = q.skill_id
         LEFT JOIN level_descriptors d ON d.skill_id = s.id AND d.level = q.level
         WHERE q.role_level_id = ?"
    ))
    .bind(role_level_id)
    .fetch_all(pool)
    .await?;
    let mut list: Vec<RequiredSkill> = rows
        .into_iter()
        .map(|row| {
            let skill = Skill::from(row.skill);
            RequiredSkill {
                requirement: Requirement {
                    role_level_id,
                    skill_id: skill.id,
                    level: row.required_level.map(|l| l as u8),
                    description: row.required_description,
                },
                descriptor: row.descriptor,
                skill,
            }
        })
        .collect();
    list.sort_by(|a, b| (a.skill.kind, &a.skill.name).cmp(&(b.skill.kind, &b.skill.name)));
    Ok(list)
}

pub async fn activities(pool: &Pool, role_level_id: Id) -> StoreResult<Vec<Activity>> {
    let rows: Vec<(Id, ActivityKind, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, kind, title, details, awarding_body FROM activities WHERE role_level_id = ? ORDER BY kind, position",
    )
    .bind(role_level_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, title, details, awarding_body)| Activity {
            id,
            role_level_id,
            kind,
            title,
            details,
            awarding_body,
        })
        .collect())
}

/// Requirements of a set of role levels (for team analyses).
pub async fn requirements_for(pool: &Pool, role_level_ids: &[Id]) -> StoreResult<Vec<Requirement>> {
    if role_level_ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::to_string(role_level_ids).expect("ids serialise");
    let rows: Vec<(Id, Id, Option<i64>, String)> = sqlx::query_as(
        "SELECT role_level_id, skill_id, level, description FROM requirements
         WHERE role_level_id IN (SELECT value FROM json_each(?))",
    )
    .bind(ids)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(role_level_id, skill_id, level, description)| Requirement {
            role_level_id,
            skill_id,
            level: level.map(|l| l as u8),
            description,
        })
        .collect())
}

pub async fn skill_uses(pool: &Pool, skill_id: Id) -> StoreResult<Vec<SkillUse>> {
    #[derive(sqlx::FromRow)]
    struct UseRow {
        #[sqlx(flatten)]
        role_level: RoleLevelRef,
        required_level: Option<i64>,
    }
    let rows: Vec<UseRow> = sqlx::query_as(&format!(
        "{} , q.level AS required_level FROM role_levels rl JOIN roles r ON r.id = rl.role_id
         JOIN role_families f ON f.id = r.family_id JOIN requirements q ON q.role_level_id = rl.id
         WHERE q.skill_id = ? ORDER BY f.name, r.name, rl.rank",
        "SELECT rl.id, rl.name, rl.rank, r.id AS role_id, r.name AS role_name, f.name AS family_name, f.version_id"
    ))
    .bind(skill_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| SkillUse { role_level: row.role_level, level: row.required_level.map(|l| l as u8) })
        .collect())
}

/// Reads a stored version back into a `FrameworkDoc` (export, diff, round trips).
pub async fn load_doc(pool: &Pool, version_id: Id) -> StoreResult<FrameworkDoc> {
    let version = get_version(pool, version_id).await?;
    let skills = skills_of_version(pool, version_id).await?;
    let descriptor_rows: Vec<(Id, i64, String)> = sqlx::query_as(
        "SELECT d.skill_id, d.level, d.description FROM level_descriptors d JOIN skills s ON s.id = d.skill_id
         WHERE s.version_id = ? ORDER BY d.skill_id, d.level",
    )
    .bind(version_id)
    .fetch_all(pool)
    .await?;
    let mut descriptors: HashMap<Id, Vec<DescriptorDoc>> = HashMap::new();
    for (skill_id, level, description) in descriptor_rows {
        descriptors.entry(skill_id).or_default().push(DescriptorDoc { level: level as u8, description });
    }
    let code_of: HashMap<Id, String> = skills.iter().map(|s| (s.id, s.code.clone())).collect();
    let mut skill_docs: Vec<SkillDoc> = skills
        .iter()
        .map(|s| SkillDoc {
            code: s.code.clone(),
            name: s.name.clone(),
            kind: s.kind,
            scale: s.scale,
            description: s.description.clone(),
            category: s.category.clone(),
            subcategory: s.subcategory.clone(),
            defined_levels: s.defined_levels.clone(),
            descriptors: descriptors.remove(&s.id).unwrap_or_default(),
        })
        .collect();
    skill_docs.sort_by(|a, b| a.code.cmp(&b.code));
    let mut role_families = Vec::new();
    for tree in family_trees(pool, version_id).await? {
        let mut roles = Vec::new();
        for (role, levels) in tree.roles {
            let mut level_docs = Vec::new();
            for level in levels {
                level_docs.push(role_level_doc(pool, &level, &code_of).await?);
            }
            roles.push(RoleDoc { name: role.name, description: role.description, levels: level_docs });
        }
        role_families.push(RoleFamilyDoc { name: tree.family.name, roles });
    }
    Ok(FrameworkDoc {
        family: version.family,
        name: version.name,
        source: version.source,
        skills: skill_docs,
        role_families,
    })
}

async fn role_level_doc(pool: &Pool, level: &RoleLevel, code_of: &HashMap<Id, String>) -> StoreResult<RoleLevelDoc> {
    let mut requirements: Vec<RequirementDoc> = requirements_for(pool, &[level.id])
        .await?
        .into_iter()
        .map(|r| RequirementDoc {
            skill_code: code_of.get(&r.skill_id).cloned().unwrap_or_default(),
            level: r.level,
            description: r.description,
        })
        .collect();
    requirements.sort_by(|a, b| a.skill_code.cmp(&b.skill_code));
    let rows: Vec<(ActivityKind, String, String, Option<String>)> = sqlx::query_as(
        "SELECT kind, title, details, awarding_body FROM activities WHERE role_level_id = ? ORDER BY position",
    )
    .bind(level.id)
    .fetch_all(pool)
    .await?;
    let activities = rows
        .into_iter()
        .map(|(kind, title, details, awarding_body)| ActivityDoc { kind, title, details, awarding_body })
        .collect();
    Ok(RoleLevelDoc {
        name: level.name.clone(),
        description: level.description.clone(),
        role_type: level.role_type.clone(),
        requirements,
        activities,
    })
}

/// Finds a role level of a version by role and level names (moving people between versions,
/// loading seeds).
pub async fn find_role_level(pool: &Pool, version_id: Id, role: &str, level: &str) -> StoreResult<Option<Id>> {
    Ok(sqlx::query_scalar(
        "SELECT rl.id FROM role_levels rl JOIN roles r ON r.id = rl.role_id JOIN role_families f ON f.id = r.family_id
         WHERE f.version_id = ? AND r.name = ? AND rl.name = ?",
    )
    .bind(version_id)
    .bind(role)
    .bind(level)
    .fetch_optional(pool)
    .await?)
}
