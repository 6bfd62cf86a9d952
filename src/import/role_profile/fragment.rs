//! A parsed profile as a framework fragment: one family, one role, one role level with its
//! skills, requirements and activities.
//!
//! Skill codes follow the framework's rules: a DDaT skill's code is the slug of its name
//! ("IT Ops – Change management" is the DDaT skill "Change management", code
//! `change-management`), a SFIA skill's code is its SFIA code, and knowledge items use the slug
//! of their title. Should two skills of different scales share a slug (a DDaT skill and a
//! knowledge item both called "Testing"), the later one gets its kind as a suffix
//! (`testing-technical`), so codes stay unique and each keeps its own scale.

use super::{ParsedRoleProfile, PROFILE_FILE};
use crate::framework::doc::{ActivityDoc, RequirementDoc, RoleDoc, RoleFamilyDoc, RoleLevelDoc, SkillDoc};
use crate::framework::{slug, ActivityKind, FrameworkDoc, SkillKind};
use crate::import::ddat::seniority::technical_name_of;
use crate::import::report::{At, EntryKind, ValidationReport};
use crate::scale::Level;
use std::collections::HashMap;

/// Used when the profile does not name its family.
pub const DEFAULT_FAMILY: &str = "Imported role profiles";

impl ParsedRoleProfile {
    /// The profile as a framework fragment of family and source "role-profile", named after the
    /// role level.
    pub fn to_fragment(&self) -> FrameworkDoc {
        self.build_fragment(&mut ValidationReport::new())
    }

    /// The role level's name as stored: a management role level carries the DDaT suffix
    /// ("Lead DevOps Engineer - management"), so it matches the DDaT level it describes.
    pub fn level_name(&self) -> String {
        let level = self.level.clone().unwrap_or_else(|| "Imported role level".to_string());
        match self.role_type.as_deref() {
            Some("management") if technical_name_of(&level).is_none() => {
                format!("{level} - management")
            }
            _ => level,
        }
    }

    /// Builds the fragment, reporting skills it had to leave out or rename.
    pub(super) fn build_fragment(&self, report: &mut ValidationReport) -> FrameworkDoc {
        let mut skills = SkillSet::default();
        for item in &self.ddat_skills {
            let skill = new_skill(&item.name, &item.name, SkillKind::Ddat, &item.description);
            skills.add(skill, item.line, item.level, &item.level_description, report);
        }
        for item in &self.knowledge {
            let level = if item.kind == SkillKind::Behavioural { None } else { item.depth };
            skills.add(new_skill(&item.name, &item.name, item.kind, &item.details), item.line, level, "", report);
        }
        for item in &self.sfia_skills {
            let mut skill = new_skill(&item.code, &item.name, SkillKind::Sfia, "");
            skill.code = item.code.clone();
            (skill.category, skill.subcategory) = (item.category.clone(), item.subcategory.clone());
            let mut notes: Vec<&str> = Vec::new();
            if item.desirable {
                notes.push("desirable");
            }
            notes.extend(item.note.as_deref());
            skills.add(skill, item.line, item.level, &notes.join("; "), report);
        }
        let level_name = self.level_name();
        let level = RoleLevelDoc {
            name: level_name.clone(),
            description: self.summary.clone(),
            role_type: self.role_type.clone(),
            requirements: skills.requirements,
            activities: self.activities(),
        };
        let role = RoleDoc {
            name: self.role.clone().unwrap_or_else(|| level_name.clone()),
            description: self.role_description.clone(),
            levels: vec![level],
        };
        FrameworkDoc {
            family: "role-profile".to_string(),
            name: level_name,
            source: "role-profile".to_string(),
            skills: skills.skills,
            role_families: vec![RoleFamilyDoc {
                name: self.family.clone().unwrap_or_else(|| DEFAULT_FAMILY.to_string()),
                roles: vec![role],
            }],
        }
    }

    fn activities(&self) -> Vec<ActivityDoc> {
        let titled = |kind, items: &[super::TitledText]| {
            items
                .iter()
                .map(move |t| ActivityDoc {
                    kind,
                    title: t.title.clone(),
                    details: t.details.clone(),
                    awarding_body: None,
                })
                .collect::<Vec<_>>()
        };
        let mut activities = titled(ActivityKind::Training, &self.training);
        activities.extend(titled(ActivityKind::Pda, &self.pdas));
        activities.extend(self.qualifications.iter().map(|q| ActivityDoc {
            kind: ActivityKind::Qualification,
            title: q.title.clone(),
            details: String::new(),
            awarding_body: q.awarding_body.clone(),
        }));
        activities
    }
}

fn new_skill(code_source: &str, name: &str, kind: SkillKind, description: &str) -> SkillDoc {
    SkillDoc {
        code: slug(code_source),
        name: name.to_string(),
        kind,
        scale: kind.default_scale(),
        description: description.to_string(),
        category: None,
        subcategory: None,
        defined_levels: Vec::new(),
        descriptors: Vec::new(),
    }
}

/// The fragment's skills and the role level's requirements, one per skill.
#[derive(Default)]
struct SkillSet {
    skills: Vec<SkillDoc>,
    by_code: HashMap<String, usize>,
    requirements: Vec<RequirementDoc>,
}

impl SkillSet {
    fn add(
        &mut self,
        mut skill: SkillDoc,
        line: usize,
        level: Option<Level>,
        description: &str,
        report: &mut ValidationReport,
    ) {
        let at = At::line(line).in_file(PROFILE_FILE);
        if skill.code.is_empty() {
            let message = format!("\"{}\" has no letters or digits to make a code from", skill.name);
            report.error(at, None, EntryKind::EmptyRequiredCell, message, "skipped");
            return;
        }
        let base = skill.code.clone();
        let mut n = 1;
        while let Some(&i) = self.by_code.get(&skill.code) {
            if self.skills[i].scale == skill.scale {
                let message = format!("\"{}\" is listed more than once", skill.name);
                report.info(at, None, EntryKind::DuplicateSkill, message, "kept first");
                return;
            }
            skill.code = if n == 1 {
                format!("{base}-{}", skill.kind.code())
            } else {
                format!("{base}-{}-{n}", skill.kind.code())
            };
            n += 1;
        }
        if skill.code != base {
            let message =
                format!("\"{}\" shares its code with a skill on another scale; its code is {}", skill.name, skill.code);
            report.warning(at, None, EntryKind::CodeConflict, message, "code suffixed with the skill's kind");
        }
        let level = level.filter(|&l| skill.scale.contains(l));
        self.requirements.push(RequirementDoc {
            skill_code: skill.code.clone(),
            level,
            description: description.to_string(),
        });
        self.by_code.insert(skill.code.clone(), self.skills.len());
        self.skills.push(skill);
    }
}
