//! The DDaT roles export: one row per (role level, skill), repeating the family, role and role
//! level on every row. Rows are folded into families, roles and role levels with their
//! requirements, in one pass with hash maps (the export has about 1,800 rows).

use super::seniority::{seniority, technical_name_of};
use super::skills::{ddat_skill, SkillsFile};
use super::{clean_name, is_missing, ROLES_HEADER};
use crate::framework::doc::{DescriptorDoc, RequirementDoc, RoleDoc, RoleFamilyDoc, RoleLevelDoc, SkillDoc};
use crate::framework::slug;
use crate::import::error::ImportError;
use crate::import::report::{At, EntryKind, RowGroups, Severity, ValidationReport};
use crate::import::table::{check_width, CsvRow};
use crate::scale::{Level, Scale};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The DDaT marker for Senior Civil Service roles, which have no levels.
const NOT_IN_USE: &str = "NOT IN USE";

const FAMILY: usize = 0;
const ROLE: usize = 1;
const ROLE_DESCRIPTION: usize = 2;
const LEVEL: usize = 3;
const LEVEL_DESCRIPTION: usize = 4;
const SKILL: usize = 5;
const SKILL_DESCRIPTION: usize = 6;
const SKILL_LEVEL: usize = 7;
const SKILL_LEVEL_DESCRIPTION: usize = 8;
const ROLE_TYPE: usize = 9;

#[derive(Debug, Default)]
pub(super) struct RolesBuild {
    families: Vec<FamilyBuild>,
    family_index: HashMap<String, usize>,
    role_index: HashMap<(usize, String), usize>,
    level_index: HashMap<(usize, usize, String), usize>,
    /// Skills required by roles but absent from the skills export.
    roles_only: Vec<RolesOnlySkill>,
    roles_only_index: HashMap<String, usize>,
    /// Codes of every skill some role level requires.
    pub used: HashSet<String>,
}

#[derive(Debug)]
struct FamilyBuild {
    name: String,
    roles: Vec<RoleBuild>,
}

#[derive(Debug)]
struct RoleBuild {
    name: String,
    description: String,
    first: At,
    levels: Vec<LevelBuild>,
}

#[derive(Debug)]
struct LevelBuild {
    doc: RoleLevelDoc,
    first: At,
    /// Skill code -> index into `doc.requirements` and where it was read.
    requirements: HashMap<String, (usize, At)>,
}

#[derive(Debug)]
struct RolesOnlySkill {
    at: At,
    name: String,
    description: String,
    descriptors: BTreeMap<Level, String>,
}

/// One row's cells, names cleaned.
struct RoleRow<'a> {
    at: At,
    family: String,
    role: String,
    level: String,
    skill: String,
    code: String,
    cells: &'a CsvRow,
}

impl RoleRow<'_> {
    fn text(&self, column: usize) -> &str {
        self.cells.cell(column).trim()
    }
}

impl RolesBuild {
    /// Folds one row in. Rows that cannot be used are reported and skipped; a row whose shape
    /// is broken rejects the file.
    pub fn add(
        &mut self,
        row: &CsvRow,
        skills: &SkillsFile,
        report: &mut ValidationReport,
        groups: &mut RowGroups,
    ) -> Result<(), ImportError> {
        check_width(row, &ROLES_HEADER)?;
        if row.is_blank() {
            report.info(row.at(), None, EntryKind::EmptyRow, "The row is empty", "skipped");
            return Ok(());
        }
        let Some(row) = self.names(row, report, groups) else {
            return Ok(());
        };
        let Some(level) = self.required_level(&row, report, groups) else {
            return Ok(());
        };
        self.note_skill_description(&row, skills, groups);
        let (f, r, l) = self.level_for(&row, groups);
        let requirement = RequirementDoc {
            skill_code: row.code.clone(),
            level,
            description: without_not_in_use(row.text(SKILL_LEVEL_DESCRIPTION)),
        };
        if requirement.description.is_empty() && level.is_some() {
            groups.add(
                row.at,
                ROLES_HEADER[SKILL_LEVEL_DESCRIPTION],
                Severity::Warning,
                EntryKind::MissingDescriptor,
                &format!("Skill Level Description is empty for \"{}\"", row.level),
                "stored without description",
            );
        }
        if !skills.by_code.contains_key(&row.code) {
            self.note_roles_only(&row, &requirement);
        }
        self.used.insert(row.code.clone());
        let level_build = &mut self.families[f].roles[r].levels[l];
        match level_build.requirements.get(&row.code) {
            Some(&(index, first)) => {
                report_duplicate(&row, &level_build.doc.requirements[index], &requirement, first, report)
            }
            None => {
                level_build.requirements.insert(row.code.clone(), (level_build.doc.requirements.len(), row.at));
                level_build.doc.requirements.push(requirement);
            }
        }
        Ok(())
    }

    /// Cleans the four names a row cannot do without; reports and skips the row when one is empty.
    fn names<'a>(&self, row: &'a CsvRow, report: &mut ValidationReport, groups: &mut RowGroups) -> Option<RoleRow<'a>> {
        let family = clean_name(row, FAMILY, ROLES_HEADER[FAMILY], groups);
        let role = clean_name(row, ROLE, ROLES_HEADER[ROLE], groups);
        let level = clean_name(row, LEVEL, ROLES_HEADER[LEVEL], groups);
        let skill = clean_name(row, SKILL, ROLES_HEADER[SKILL], groups);
        let code = slug(&skill);
        let empty =
            [(FAMILY, family.is_empty()), (ROLE, role.is_empty()), (LEVEL, level.is_empty()), (SKILL, code.is_empty())];
        if let Some(&(column, _)) = empty.iter().find(|(_, e)| *e) {
            report.error(
                row.at(),
                Some(ROLES_HEADER[column]),
                EntryKind::EmptyRequiredCell,
                format!("{} is empty", ROLES_HEADER[column]),
                "skipped",
            );
            return None;
        }
        let level = if level.eq_ignore_ascii_case(NOT_IN_USE) {
            groups.add(
                row.at(),
                ROLES_HEADER[LEVEL],
                Severity::Info,
                EntryKind::NotInUseRoleLevel,
                &format!("Role \"{role}\" has the role level \"NOT IN USE\" (it has no levels)"),
                "stored as a single level named after the role",
            );
            role.clone()
        } else {
            level
        };
        Some(RoleRow { at: row.at(), family, role, level, skill, code, cells: row })
    }

    /// The required level: a DDaT level name, or `None` for `NOT IN USE`. Anything else is
    /// reported and the row skipped (`None` returned).
    fn required_level(
        &self,
        row: &RoleRow,
        report: &mut ValidationReport,
        groups: &mut RowGroups,
    ) -> Option<Option<Level>> {
        let text = row.text(SKILL_LEVEL);
        if text.eq_ignore_ascii_case(NOT_IN_USE) {
            groups.add(
                row.at,
                ROLES_HEADER[SKILL_LEVEL],
                Severity::Info,
                EntryKind::NotInUseSkillLevel,
                &format!("Skill Level reads \"NOT IN USE\" for role level \"{}\"", row.level),
                "required without a level",
            );
            return Some(None);
        }
        match Scale::Ddat.parse_level(text) {
            Some(level) => Some(Some(level)),
            None => {
                report.error(
                    row.at,
                    Some(ROLES_HEADER[SKILL_LEVEL]),
                    EntryKind::UnknownLevel,
                    format!(
                        "Skill Level \"{text}\" for skill \"{}\" is not Awareness, Working, Practitioner or Expert",
                        row.skill
                    ),
                    "skipped",
                );
                None
            }
        }
    }

    /// The roles export repeats the skill description on every row; the skills export is the
    /// source of it. `MISSING` and differences are noted once per skill.
    fn note_skill_description(&self, row: &RoleRow, skills: &SkillsFile, groups: &mut RowGroups) {
        let text = row.text(SKILL_DESCRIPTION);
        let field = ROLES_HEADER[SKILL_DESCRIPTION];
        if text == "MISSING" {
            let subject = format!("Skill Description of \"{}\" reads MISSING", row.skill);
            groups.add(
                row.at,
                field,
                Severity::Info,
                EntryKind::MissingDescription,
                &subject,
                "ignored: the description comes from the skills CSV",
            );
        } else if let Some(&i) = skills.by_code.get(&row.code) {
            let known = &skills.skills[i].description;
            if !text.is_empty() && !known.is_empty() && known != text {
                let subject = format!("Skill Description of \"{}\" differs from the skills CSV", row.skill);
                groups.add(
                    row.at,
                    field,
                    Severity::Warning,
                    EntryKind::ConflictingValue,
                    &subject,
                    "kept the skills CSV's description",
                );
            }
        }
    }

    /// Finds or creates the family, role and role level of a row.
    fn level_for(&mut self, row: &RoleRow, groups: &mut RowGroups) -> (usize, usize, usize) {
        let f = *self.family_index.entry(row.family.clone()).or_insert_with(|| {
            self.families.push(FamilyBuild { name: row.family.clone(), roles: Vec::new() });
            self.families.len() - 1
        });
        let roles = &mut self.families[f].roles;
        let r = *self.role_index.entry((f, row.role.clone())).or_insert_with(|| {
            roles.push(RoleBuild {
                name: row.role.clone(),
                description: row.text(ROLE_DESCRIPTION).to_string(),
                first: row.at,
                levels: Vec::new(),
            });
            roles.len() - 1
        });
        let role = &mut roles[r];
        if role.description != row.text(ROLE_DESCRIPTION) {
            let subject = format!(
                "Role Description of \"{}\" differs from row {}",
                role.name,
                role.first.row.unwrap_or_default()
            );
            groups.add(
                row.at,
                ROLES_HEADER[ROLE_DESCRIPTION],
                Severity::Warning,
                EntryKind::ConflictingValue,
                &subject,
                "kept first",
            );
        }
        let l = *self.level_index.entry((f, r, row.level.clone())).or_insert_with(|| {
            role.levels.push(new_level(row, groups));
            role.levels.len() - 1
        });
        let level = &role.levels[l];
        if level.doc.description != without_not_in_use(row.text(LEVEL_DESCRIPTION)) {
            let subject = format!(
                "Role Level Description of \"{}\" differs from row {}",
                row.level,
                level.first.row.unwrap_or_default()
            );
            groups.add(
                row.at,
                ROLES_HEADER[LEVEL_DESCRIPTION],
                Severity::Warning,
                EntryKind::ConflictingValue,
                &subject,
                "kept first",
            );
        }
        (f, r, l)
    }

    fn note_roles_only(&mut self, row: &RoleRow, requirement: &RequirementDoc) {
        let index = *self.roles_only_index.entry(row.code.clone()).or_insert_with(|| {
            let description = row.text(SKILL_DESCRIPTION);
            self.roles_only.push(RolesOnlySkill {
                at: row.at,
                name: row.skill.clone(),
                description: if is_missing(description) { String::new() } else { description.to_string() },
                descriptors: BTreeMap::new(),
            });
            self.roles_only.len() - 1
        });
        if let (Some(level), false) = (requirement.level, requirement.description.is_empty()) {
            self.roles_only[index].descriptors.entry(level).or_insert_with(|| requirement.description.clone());
        }
    }

    /// The families with their roles and levels ordered most junior first, and the skills that
    /// only the roles export names (with descriptors taken from its Skill Level Descriptions).
    pub fn finish(self, report: &mut ValidationReport) -> (Vec<RoleFamilyDoc>, Vec<SkillDoc>) {
        let families = self
            .families
            .into_iter()
            .map(|f| RoleFamilyDoc { name: f.name, roles: f.roles.into_iter().map(finish_role).collect() })
            .collect();
        let extra = self.roles_only.into_iter().map(|s| roles_only_skill(s, report)).collect();
        (families, extra)
    }
}

fn new_level(row: &RoleRow, groups: &mut RowGroups) -> LevelBuild {
    let column = row.text(ROLE_TYPE);
    let role_type = if technical_name_of(&row.level).is_some() || column.to_lowercase().contains("management") {
        Some("management".to_string())
    } else if column.to_lowercase().contains("technical") {
        Some("technical".to_string())
    } else if !column.is_empty() {
        let subject = format!("Role Type reads \"{column}\" for role level \"{}\"", row.level);
        groups.add(
            row.at,
            ROLES_HEADER[ROLE_TYPE],
            Severity::Info,
            EntryKind::RoleType,
            &subject,
            "stored as the role level's role type",
        );
        Some(column.to_string())
    } else {
        None
    };
    LevelBuild {
        doc: RoleLevelDoc {
            name: row.level.clone(),
            description: without_not_in_use(row.text(LEVEL_DESCRIPTION)),
            role_type,
            requirements: Vec::new(),
            activities: Vec::new(),
        },
        first: row.at,
        requirements: HashMap::new(),
    }
}

fn without_not_in_use(text: &str) -> String {
    if text.eq_ignore_ascii_case(NOT_IN_USE) {
        String::new()
    } else {
        text.to_string()
    }
}

/// A repeated (role level, skill) row: the first is kept; the entry says whether the repeat
/// was identical.
fn report_duplicate(
    row: &RoleRow,
    kept: &RequirementDoc,
    repeat: &RequirementDoc,
    first: At,
    report: &mut ValidationReport,
) {
    let first_row = first.row.unwrap_or_default();
    let subject =
        format!("Role level \"{}\" lists skill \"{}\" again (first in row {first_row})", row.level, row.skill);
    if kept == repeat {
        report.info(
            row.at,
            Some(ROLES_HEADER[SKILL]),
            EntryKind::DuplicateRow,
            format!("{subject}; the rows are identical"),
            "kept first",
        );
    } else {
        let label = |l: Option<Level>| l.and_then(|l| Scale::Ddat.level_name(l)).unwrap_or("no level");
        report.warning(
            row.at,
            Some(ROLES_HEADER[SKILL_LEVEL]),
            EntryKind::DuplicateRow,
            format!(
                "{subject}; this row says {} where row {first_row} says {}",
                label(repeat.level),
                label(kept.level)
            ),
            "kept first",
        );
    }
}

fn finish_role(role: RoleBuild) -> RoleDoc {
    let mut levels: Vec<RoleLevelDoc> = role.levels.into_iter().map(|l| l.doc).collect();
    levels.sort_by_key(|l| seniority(&l.name));
    let management: HashSet<String> =
        levels.iter().filter_map(|l| technical_name_of(&l.name).map(str::to_lowercase)).collect();
    for level in &mut levels {
        if level.role_type.is_none() && management.contains(&level.name.to_lowercase()) {
            level.role_type = Some("technical".to_string());
        }
    }
    RoleDoc { name: role.name, description: role.description, levels }
}

fn roles_only_skill(skill: RolesOnlySkill, report: &mut ValidationReport) -> SkillDoc {
    report.warning(
        skill.at,
        Some(ROLES_HEADER[SKILL]),
        EntryKind::SkillOnlyInRoles,
        format!("Skill \"{}\" is required by roles but is not in the skills CSV", skill.name),
        "added, with descriptors taken from the roles CSV's Skill Level Descriptions",
    );
    let descriptors =
        skill.descriptors.into_iter().map(|(level, description)| DescriptorDoc { level, description }).collect();
    ddat_skill(slug(&skill.name), skill.name, skill.description, descriptors)
}
