//! Organisations as plain data, for the store to load against a framework version: the demo
//! organisation a new install can show off ([`demo_org`]) and synthetic organisations of any size
//! for benchmarks and scale tests ([`generate`]).
//!
//! An [`OrgSeed`] refers to role levels by name and to skills by their stable code, so it does
//! not depend on database ids; people and teams refer to each other by their position in the
//! seed's lists. [`OrgSeed::problems`] checks a seed against the framework it is meant for.

mod check;
mod generate;
mod names;
mod org;
pub mod workshop;

use crate::assessment::Source;
use crate::framework::doc::SkillDoc;
use crate::scale::Level;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use generate::generate;
pub use org::demo_org;
pub use workshop::demo_workshop;

/// People, teams and assessment history, ready to be loaded into a store.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrgSeed {
    pub teams: Vec<TeamSeed>,
    pub people: Vec<PersonSeed>,
    /// The whole assessment history: nothing is overwritten, and the latest by date is current.
    pub assessments: Vec<AssessmentSeed>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSeed {
    pub name: String,
    pub description: String,
    /// Assessments older than this many months are stale for the team.
    pub review_cadence_months: u32,
}

/// A role level by the names the framework gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RoleLevelRef {
    pub role: String,
    pub level: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSeed {
    pub name: String,
    /// A fictional work address, unique within the seed.
    pub email: String,
    /// The role level the person holds now.
    pub role: Option<RoleLevelRef>,
    /// The role level they are working towards (their career path), if any.
    pub target: Option<RoleLevelRef>,
    pub memberships: Vec<MembershipSeed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipSeed {
    /// Position in [`OrgSeed::teams`].
    pub team: usize,
    /// Whether the person leads this team.
    pub lead: bool,
}

/// One recorded judgement of a person's level in a skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentSeed {
    /// Position in [`OrgSeed::people`] of the person assessed.
    pub person: usize,
    pub skill_code: String,
    /// On the skill's own scale, at a level the skill defines.
    pub level: Level,
    pub source: Source,
    pub assessed_on: NaiveDate,
    /// Position in [`OrgSeed::people`] of whoever made the assessment, when they are in the seed.
    pub assessor: Option<usize>,
    pub evidence: Option<String>,
}

impl RoleLevelRef {
    pub fn new(role: &str, level: &str) -> RoleLevelRef {
        RoleLevelRef { role: role.to_string(), level: level.to_string() }
    }
}

impl OrgSeed {
    /// Indices of the people in a team, in seed order.
    pub fn members(&self, team: usize) -> impl Iterator<Item = usize> + '_ {
        self.people
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.memberships.iter().any(|m| m.team == team))
            .map(|(i, _)| i)
    }

    /// The people flagged as leading a team.
    pub fn leads(&self, team: usize) -> impl Iterator<Item = usize> + '_ {
        self.people
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.memberships.iter().any(|m| m.team == team && m.lead))
            .map(|(i, _)| i)
    }
}

/// The level a skill defines that is nearest to `wanted` (the lower one on a tie): how the
/// generators turn an intended level into one the skill allows.
fn snap(skill: &SkillDoc, wanted: i16) -> Level {
    let nearest = |levels: &mut dyn Iterator<Item = Level>| levels.min_by_key(|&l| ((i16::from(l) - wanted).abs(), l));
    let found = if skill.defined_levels.is_empty() {
        nearest(&mut skill.scale.levels())
    } else {
        nearest(&mut skill.defined_levels.iter().copied())
    };
    found.unwrap_or(1)
}

#[cfg(test)]
mod generate_tests;
#[cfg(test)]
mod org_tests;
