//! Capability frameworks: versions, skills with their scales, role families, roles, role levels,
//! the level each role level requires of each skill, and development activities.
//!
//! A framework is imported as a named *version* of a *family* ("ddat", "sfia", ...); several
//! versions coexist. A skill's `code` is stable across versions of one family (a slug of the
//! DDaT skill name, the SFIA code), so assessments made against an old version still count for
//! the same skill in a newer one.

use crate::scale::{Level, Scale};
use crate::Id;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sqlx::FromRow))]
pub struct FrameworkVersion {
    pub id: Id,
    /// Versions of one family can be compared and people moved between them.
    pub family: String,
    pub name: String,
    /// Where it came from: "starter", "ddat-csv", "sfia-csv", "role-profile", "json".
    pub source: String,
    /// UTC timestamp, RFC 3339.
    pub imported_at: String,
}

/// How a skill is grouped on the heatmap. The kind suggests a scale but the skill keeps its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "TEXT", rename_all = "kebab-case"))]
pub enum SkillKind {
    /// DDaT skills with required levels 1-4.
    Ddat,
    /// "Technical Knowledge and Skills" of role profiles, with a depth.
    Technical,
    /// "Behavioural Skills" of role profiles.
    Behavioural,
    /// "Other Knowledge and Skills" of role profiles, with a depth.
    Other,
    /// SFIA skills, levels 1-7, defined at some levels only.
    Sfia,
}

/// A skill's name where DDaT and SFIA skills stand side by side (a spreadsheet's header, a list of
/// needs): SFIA skills carry their code, because a framework may hold a DDaT skill and an SFIA
/// skill of the same name ("Problem management" and "Problem management (SFIA PBMG)").
pub fn skill_display_name(kind: SkillKind, name: &str, code: &str) -> String {
    if kind == SkillKind::Sfia {
        format!("{name} (SFIA {code})")
    } else {
        name.to_string()
    }
}

impl SkillKind {
    /// Heatmap column groups appear in this order.
    pub const ALL: [SkillKind; 5] =
        [SkillKind::Ddat, SkillKind::Technical, SkillKind::Behavioural, SkillKind::Other, SkillKind::Sfia];

    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<SkillKind> {
        code.parse().ok()
    }

    pub fn title(self) -> &'static str {
        match self {
            SkillKind::Ddat => "DDaT skills",
            SkillKind::Technical => "Technical knowledge",
            SkillKind::Behavioural => "Behavioural skills",
            SkillKind::Other => "Other knowledge",
            SkillKind::Sfia => "SFIA skills",
        }
    }

    /// The scale a new skill of this kind is assessed on unless the source says otherwise.
    pub fn default_scale(self) -> Scale {
        match self {
            SkillKind::Ddat => Scale::Ddat,
            SkillKind::Technical | SkillKind::Other => Scale::Depth,
            SkillKind::Behavioural => Scale::Behavioural,
            SkillKind::Sfia => Scale::Sfia,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skill {
    pub id: Id,
    pub version_id: Id,
    /// Stable across versions of one family: DDaT name slug, SFIA code.
    pub code: String,
    pub name: String,
    pub kind: SkillKind,
    pub scale: Scale,
    pub description: String,
    /// SFIA category or DDaT grouping, when the source gives one.
    pub category: Option<String>,
    pub subcategory: Option<String>,
    /// Levels at which the skill is defined. Empty means every level of its scale.
    pub defined_levels: Vec<Level>,
}

impl Skill {
    /// Levels a person can be assessed at for this skill.
    pub fn allowed_levels(&self) -> Vec<Level> {
        if self.defined_levels.is_empty() {
            self.scale.levels().collect()
        } else {
            self.defined_levels.clone()
        }
    }

    pub fn allows(&self, level: Level) -> bool {
        self.scale.contains(level) && (self.defined_levels.is_empty() || self.defined_levels.contains(&level))
    }
}

/// What a level of a skill means, in the framework's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelDescriptor {
    pub skill_id: Id,
    pub level: Level,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleFamily {
    pub id: Id,
    pub version_id: Id,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub id: Id,
    pub family_id: Id,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sqlx::FromRow))]
pub struct RoleLevel {
    pub id: Id,
    pub role_id: Id,
    pub name: String,
    /// Order within the role, most junior first; used for career paths.
    pub rank: i64,
    pub description: String,
    /// "technical" or "management" where a level has both kinds of role.
    pub role_type: Option<String>,
}

/// The level a role level requires of a skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    pub role_level_id: Id,
    pub skill_id: Id,
    /// `None`: the role level expects the skill without stating a level (behavioural skills in
    /// role profiles). Such a requirement never produces a gap.
    pub level: Option<Level>,
    /// What the framework says this level of the skill means for this role level.
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "TEXT", rename_all = "kebab-case"))]
pub enum ActivityKind {
    Training,
    /// Professional development activity.
    Pda,
    Qualification,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 3] = [ActivityKind::Training, ActivityKind::Pda, ActivityKind::Qualification];

    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<ActivityKind> {
        code.parse().ok()
    }

    pub fn title(self) -> &'static str {
        match self {
            ActivityKind::Training => "Training activity",
            ActivityKind::Pda => "Professional development activity",
            ActivityKind::Qualification => "Qualification",
        }
    }
}

/// A development activity linked to a role level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sqlx::FromRow))]
pub struct Activity {
    pub id: Id,
    pub role_level_id: Id,
    pub kind: ActivityKind,
    pub title: String,
    pub details: String,
    /// Qualifications only.
    pub awarding_body: Option<String>,
}

/// A stable code for a skill name: lower case words joined by hyphens.
/// "Programming and build (software engineering)" -> "programming-and-build-software-engineering".
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in name.chars() {
        let c = match c {
            '’' | '\'' => continue,
            c => c,
        };
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable_codes() {
        assert_eq!(slug("Programming and build (software engineering)"), "programming-and-build-software-engineering");
        assert_eq!(slug("  IT Ops – Change management "), "it-ops-change-management");
        assert_eq!(slug("Own Organisation’s Learning"), "own-organisations-learning");
    }

    #[test]
    fn sparse_sfia_skill_allows_only_defined_levels() {
        let skill = Skill {
            id: 1,
            version_id: 1,
            code: "DESN".into(),
            name: "Systems design".into(),
            kind: SkillKind::Sfia,
            scale: Scale::Sfia,
            description: String::new(),
            category: None,
            subcategory: None,
            defined_levels: vec![2, 3, 4, 5, 6],
        };
        assert!(skill.allows(5));
        assert!(!skill.allows(1));
        assert!(!skill.allows(7));
        assert_eq!(skill.allowed_levels(), vec![2, 3, 4, 5, 6]);
    }

    #[test]
    fn dense_skill_allows_its_whole_scale() {
        let skill = Skill {
            id: 1,
            version_id: 1,
            code: "x".into(),
            name: "X".into(),
            kind: SkillKind::Ddat,
            scale: Scale::Ddat,
            description: String::new(),
            category: None,
            subcategory: None,
            defined_levels: vec![],
        };
        assert_eq!(skill.allowed_levels(), vec![1, 2, 3, 4]);
        assert!(!skill.allows(5));
    }
}

pub mod browse;
pub mod doc;
pub use doc::FrameworkDoc;
