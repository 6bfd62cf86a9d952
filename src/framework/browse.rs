//! What the framework browser shows: role levels with their role and family names, role
//! family trees, a role level's required skills and activities, and a skill's uses. Plain data,
//! read by the store on the server and rendered by the pages in the browser.

use crate::framework::{Activity, Requirement, Role, RoleFamily, RoleLevel, Skill};
use crate::Id;
use serde::{Deserialize, Serialize};

/// A role level with the names of its role and family, for lists and headings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sqlx::FromRow))]
pub struct RoleLevelRef {
    pub id: Id,
    pub name: String,
    pub rank: i64,
    pub role_id: Id,
    pub role_name: String,
    pub family_name: String,
    pub version_id: Id,
}

/// Role families of a version with their roles and levels, for the framework browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyTree {
    pub family: RoleFamily,
    pub roles: Vec<(Role, Vec<RoleLevel>)>,
}

/// One required skill of a role level, with the skill and what the level means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredSkill {
    pub skill: Skill,
    pub requirement: Requirement,
    /// The skill's general descriptor at the required level, when the framework has one.
    pub descriptor: Option<String>,
}

/// A role level with everything the framework says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLevelDetail {
    pub level: RoleLevel,
    pub reference: RoleLevelRef,
    pub role_description: String,
    pub required: Vec<RequiredSkill>,
    pub activities: Vec<Activity>,
    /// Other levels of the same role, most junior first (career path).
    pub ladder: Vec<RoleLevelRef>,
}

/// Which role levels need a skill, at which level (the skill page of the framework browser).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillUse {
    pub role_level: RoleLevelRef,
    pub level: Option<u8>,
}
