//! Checking an [`OrgSeed`] against the framework it will be loaded with, before anything is
//! stored: every problem is reported, each naming the person, team or assessment concerned.

use super::{OrgSeed, RoleLevelRef};
use crate::framework::FrameworkDoc;
use std::collections::HashSet;

impl OrgSeed {
    /// Every way the seed does not fit `framework` or itself: unknown role levels or skills,
    /// levels a skill does not define, positions out of range, repeated email addresses.
    /// Empty when the seed can be loaded as it is.
    pub fn problems(&self, framework: &FrameworkDoc) -> Vec<String> {
        let known: HashSet<(&str, &str)> =
            framework.role_levels().map(|(_, r, l)| (r.name.as_str(), l.name.as_str())).collect();
        let mut problems = Vec::new();
        self.check_people(&known, &mut problems);
        self.check_assessments(framework, &mut problems);
        problems
    }

    fn check_people(&self, known: &HashSet<(&str, &str)>, problems: &mut Vec<String>) {
        let mut emails = HashSet::new();
        for (i, person) in self.people.iter().enumerate() {
            let who = format!("Person {} ({})", i, person.name);
            if !emails.insert(person.email.to_lowercase()) {
                problems.push(format!("{who} repeats the email address {}", person.email));
            }
            for (what, role) in [("role", &person.role), ("target role", &person.target)] {
                if let Some(RoleLevelRef { role, level }) = role {
                    if !known.contains(&(role.as_str(), level.as_str())) {
                        problems.push(format!("{who} has the unknown {what} {role} / {level}"));
                    }
                }
            }
            for membership in &person.memberships {
                if membership.team >= self.teams.len() {
                    problems.push(format!("{who} is in team {}, which does not exist", membership.team));
                }
            }
        }
    }

    fn check_assessments(&self, framework: &FrameworkDoc, problems: &mut Vec<String>) {
        for (i, a) in self.assessments.iter().enumerate() {
            let what = format!("Assessment {i} ({}, {})", a.skill_code, a.assessed_on);
            if a.person >= self.people.len() || a.assessor.is_some_and(|p| p >= self.people.len()) {
                problems.push(format!("{what} refers to a person who does not exist"));
            }
            match framework.skill(&a.skill_code) {
                None => problems.push(format!("{what} is for an unknown skill")),
                Some(skill) if !skill.allows(a.level) => {
                    problems.push(format!("{what} is at level {}, which \"{}\" does not define", a.level, skill.name))
                }
                Some(_) => {}
            }
        }
    }
}
