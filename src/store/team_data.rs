//! Loads what the team analyses need in a handful of queries: the team, its members, the skills
//! of its framework version, the requirements of the role levels members hold or target, and
//! every assessment of the members mapped into the team's version.

use super::assessments::for_people_in_version;
use super::framework::{requirements_for, role_level_refs, skills_of_version, RoleLevelRef};
use super::people::{get_team, team_members, Member};
use super::{Pool, StoreResult};
use crate::analysis::TeamInput;
use crate::assessment::Assessment;
use crate::framework::{Requirement, Skill};
use crate::people::{Person, Team};
use crate::Id;
use chrono::NaiveDate;

/// A team's data, owned, from which analyses borrow a [`TeamInput`].
#[derive(Debug, Clone)]
pub struct TeamData {
    pub team: Team,
    pub members: Vec<Member>,
    pub people: Vec<Person>,
    pub skills: Vec<Skill>,
    pub requirements: Vec<Requirement>,
    pub assessments: Vec<Assessment>,
    /// The role levels the members hold or aim for (names for headers and filters).
    pub role_levels: Vec<RoleLevelRef>,
}

impl TeamData {
    pub fn input(&self, today: NaiveDate) -> TeamInput<'_> {
        TeamInput {
            skills: &self.skills,
            people: &self.people,
            requirements: &self.requirements,
            assessments: &self.assessments,
            today,
        }
    }

    pub fn role_level(&self, id: Option<Id>) -> Option<&RoleLevelRef> {
        id.and_then(|id| self.role_levels.iter().find(|r| r.id == id))
    }
}

pub async fn load(pool: &Pool, team_id: Id) -> StoreResult<TeamData> {
    let team = get_team(pool, team_id).await?;
    let members = team_members(pool, team_id).await?;
    let people: Vec<Person> = members.iter().map(|m| m.person.clone()).collect();
    let skills = skills_of_version(pool, team.framework_version_id).await?;
    let mut role_level_ids: Vec<Id> =
        people.iter().flat_map(|p| [p.role_level_id, p.target_role_level_id]).flatten().collect();
    role_level_ids.sort_unstable();
    role_level_ids.dedup();
    let requirements = requirements_for(pool, &role_level_ids).await?;
    let person_ids: Vec<Id> = people.iter().map(|p| p.id).collect();
    let assessments = for_people_in_version(pool, &person_ids, team.framework_version_id).await?;
    let role_levels = role_level_refs(pool, &role_level_ids).await?;
    Ok(TeamData { team, members, people, skills, requirements, assessments, role_levels })
}
