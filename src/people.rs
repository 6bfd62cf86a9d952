//! People, teams and team memberships. A person may be in several teams; a team has one or more
//! leads (members flagged as leading it). Each person holds a current role level and may aim at
//! a target role level (their career path).

use crate::Id;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sqlx::FromRow))]
pub struct Person {
    pub id: Id,
    pub name: String,
    pub email: Option<String>,
    pub role_level_id: Option<Id>,
    pub target_role_level_id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub id: Id,
    pub name: String,
    pub description: String,
    /// The framework version the team is assessed against.
    pub framework_version_id: Id,
    /// Assessments older than this are stale (training-needs review cadence).
    pub review_cadence_months: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub team_id: Id,
    pub person_id: Id,
    pub is_lead: bool,
}

/// Default review cadence for a new team.
pub const DEFAULT_REVIEW_CADENCE_MONTHS: u32 = 6;
