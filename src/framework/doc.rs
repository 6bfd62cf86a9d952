//! A whole framework version as plain data.
//!
//! Importers (DDaT CSV, SFIA CSV, role profiles) produce it, the built-in starter catalogue is
//! one, the store writes it as a new version in one transaction and reads a version back into
//! it, JSON export and import carry it, and version diffs compare two of them. Skills are
//! referred to by their stable `code`, never by database id.

use crate::framework::{ActivityKind, SkillKind};
use crate::scale::{Level, Scale};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FrameworkDoc {
    /// Versions of one family can be diffed and people moved between them ("ddat", "sfia").
    pub family: String,
    /// The version's name, unique in the database ("DDaT 2026-11-23").
    pub name: String,
    /// Where it came from: "starter", "ddat-csv", "sfia-csv", "role-profile", "json".
    pub source: String,
    pub skills: Vec<SkillDoc>,
    pub role_families: Vec<RoleFamilyDoc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillDoc {
    pub code: String,
    pub name: String,
    pub kind: SkillKind,
    pub scale: Scale,
    pub description: String,
    pub category: Option<String>,
    pub subcategory: Option<String>,
    /// Levels at which the skill is defined; empty means all levels of its scale.
    pub defined_levels: Vec<Level>,
    pub descriptors: Vec<DescriptorDoc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DescriptorDoc {
    pub level: Level,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleFamilyDoc {
    pub name: String,
    pub roles: Vec<RoleDoc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleDoc {
    pub name: String,
    pub description: String,
    /// Most junior first: the position is the level's rank within the role.
    pub levels: Vec<RoleLevelDoc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLevelDoc {
    pub name: String,
    pub description: String,
    pub role_type: Option<String>,
    pub requirements: Vec<RequirementDoc>,
    pub activities: Vec<ActivityDoc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementDoc {
    pub skill_code: String,
    /// `None`: expected without a stated level (behavioural skills in role profiles).
    pub level: Option<Level>,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityDoc {
    pub kind: ActivityKind,
    pub title: String,
    pub details: String,
    pub awarding_body: Option<String>,
}

impl SkillDoc {
    /// Whether a person can be assessed at `level` for this skill.
    pub fn allows(&self, level: Level) -> bool {
        self.scale.contains(level) && (self.defined_levels.is_empty() || self.defined_levels.contains(&level))
    }
}

impl FrameworkDoc {
    pub fn skill(&self, code: &str) -> Option<&SkillDoc> {
        self.skills.iter().find(|s| s.code == code)
    }

    /// Every role level with its family and role names.
    pub fn role_levels(&self) -> impl Iterator<Item = (&RoleFamilyDoc, &RoleDoc, &RoleLevelDoc)> {
        self.role_families
            .iter()
            .flat_map(|f| f.roles.iter().map(move |r| (f, r)))
            .flat_map(|(f, r)| r.levels.iter().map(move |l| (f, r, l)))
    }

    /// Checks that the document is internally consistent before it is stored: unique skill
    /// codes, requirements that name known skills at levels the skill allows. Returns every
    /// problem found, each naming where it is.
    pub fn check(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for skill in &self.skills {
            if skill.code.trim().is_empty() {
                problems.push(format!("Skill \"{}\" has no code", skill.name));
            }
            if !seen.insert(skill.code.as_str()) {
                problems.push(format!("Skill code \"{}\" appears more than once", skill.code));
            }
            for level in &skill.defined_levels {
                if !skill.scale.contains(*level) {
                    problems.push(format!("Skill \"{}\" is defined at level {level}, outside its scale", skill.name));
                }
            }
        }
        for (family, role, level) in self.role_levels() {
            for req in &level.requirements {
                match self.skill(&req.skill_code) {
                    None => problems.push(format!(
                        "{} / {} / {} requires unknown skill \"{}\"",
                        family.name, role.name, level.name, req.skill_code
                    )),
                    Some(skill) if req.level.is_some_and(|l| !skill.allows(l)) => problems.push(format!(
                        "{} / {} / {} requires \"{}\" at level {}, which the skill does not define",
                        family.name,
                        role.name,
                        level.name,
                        skill.name,
                        req.level.unwrap_or_default()
                    )),
                    Some(_) => {}
                }
            }
        }
        problems
    }
}
