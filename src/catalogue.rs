//! The starter catalogue: a small framework built into the product, so that a new install can
//! hold teams and assessments before anyone imports a framework.
//!
//! It covers the DevOps engineer role (family "Software development") and the infrastructure
//! operations engineer role (family "IT operations") at every level of the official DDaT export,
//! so career paths such as Senior -> Lead exist. For each level it holds the DDaT skills and the
//! levels the export requires. The three levels described by the seed role profiles carry more:
//!
//! - Lead DevOps engineer: the SFIA skills of the Lead DevOps role definition (TECH, DESN, PROG,
//!   SINT, PBMG, USUP at level 5);
//! - Lead DevOps engineer - management: knowledge areas with depths, behavioural skills, training,
//!   PDAs, qualifications, the same SFIA skills plus PEMT 5 (the definition asks for performance
//!   management when the lead manages others);
//! - Lead infrastructure operations engineer: knowledge areas, behavioural skills, training, PDAs
//!   and qualifications.
//!
//! Mapping the profiles' skill names to DDaT skills: DDaT skills are framework-wide (the skills
//! export has one row per skill), and the profiles prefix them with their job family. So
//! "IT Ops – Change management" is the DDaT skill "Change management", and the profile of the
//! Lead infrastructure operations engineer lists exactly the fourteen skills, at the same levels,
//! that the export gives that level. Three profile names differ from the export's, and the
//! export's name wins because its slug is the stable code an imported DDaT version will use:
//! "Ownership and initiative" is the export's "Ownership and topic", "Modern standards approach"
//! is "Modern development standards", and "Development process optimisation (management)" is
//! "Development process optimisation".
//!
//! Every description is our own one-line summary. Role and skill names and levels are facts from
//! the DDaT export, which contains public sector information licensed under the Open Government
//! Licence v3.0.

mod ddat_skills;
mod profile_skills;
mod profiles;
mod roles;

use crate::framework::doc::{
    ActivityDoc, DescriptorDoc, FrameworkDoc, RequirementDoc, RoleDoc, RoleFamilyDoc, RoleLevelDoc, SkillDoc,
};
use crate::framework::{slug, ActivityKind, SkillKind};
use crate::scale::{Level, Scale};
use profiles::Profile;
use roles::LevelData;

/// The framework family the starter catalogue belongs to: versions of one family share skill
/// codes, so people assessed against the starter keep their history after a DDaT import.
pub const FAMILY: &str = "ddat";
/// The version name of the starter catalogue.
pub const NAME: &str = "Starter catalogue";
/// The source recorded for it.
pub const SOURCE: &str = "starter";

/// The built-in starter catalogue as a framework document, ready to be stored as a version.
pub fn starter() -> FrameworkDoc {
    FrameworkDoc {
        family: FAMILY.to_string(),
        name: NAME.to_string(),
        source: SOURCE.to_string(),
        skills: skills(),
        role_families: role_families(),
    }
}

/// Every skill: DDaT skills first, then technical knowledge, behavioural skills, other
/// knowledge and SFIA skills (the heatmap's column groups).
fn skills() -> Vec<SkillDoc> {
    let ddat = ddat_skills::DDAT_SKILLS.iter().map(|s| {
        let descriptors: Vec<DescriptorDoc> =
            (1..=4).zip(s.levels).filter_map(|(level, text)| Some(descriptor(level, text?))).collect();
        // Like the DDaT importer: assessable at all four levels, described where the
        // framework describes them.
        skill(slug(s.name), s.name, SkillKind::Ddat, s.description, Vec::new(), descriptors)
    });
    let plain = |kind: SkillKind, list: &'static [(&str, &str)]| {
        list.iter().map(move |(name, description)| skill(slug(name), name, kind, description, Vec::new(), Vec::new()))
    };
    let sfia = profile_skills::SFIA.iter().map(|s| SkillDoc {
        category: Some(s.category.to_string()),
        subcategory: Some(s.subcategory.to_string()),
        ..skill(s.code.to_string(), s.name, SkillKind::Sfia, s.description, s.levels.to_vec(), Vec::new())
    });
    ddat.chain(plain(SkillKind::Technical, profile_skills::TECHNICAL))
        .chain(plain(SkillKind::Behavioural, profile_skills::BEHAVIOURAL))
        .chain(plain(SkillKind::Other, profile_skills::OTHER))
        .chain(sfia)
        .collect()
}

fn skill(
    code: String,
    name: &str,
    kind: SkillKind,
    description: &str,
    defined_levels: Vec<Level>,
    descriptors: Vec<DescriptorDoc>,
) -> SkillDoc {
    SkillDoc {
        code,
        name: name.to_string(),
        kind,
        scale: kind.default_scale(),
        description: description.to_string(),
        category: None,
        subcategory: None,
        defined_levels,
        descriptors,
    }
}

fn descriptor(level: Level, text: &str) -> DescriptorDoc {
    DescriptorDoc { level, description: text.to_string() }
}

fn role_families() -> Vec<RoleFamilyDoc> {
    roles::FAMILIES
        .iter()
        .map(|family| RoleFamilyDoc {
            name: family.name.to_string(),
            roles: family
                .roles
                .iter()
                .map(|role| RoleDoc {
                    name: role.name.to_string(),
                    description: role.description.to_string(),
                    levels: role.levels.iter().map(role_level).collect(),
                })
                .collect(),
        })
        .collect()
}

fn role_level(level: &LevelData) -> RoleLevelDoc {
    let mut requirements: Vec<RequirementDoc> = level.ddat.iter().map(|&(name, l)| ddat_requirement(name, l)).collect();
    let mut activities = Vec::new();
    if let Some(profile) = profiles::PROFILES.iter().find(|p| p.level == level.name) {
        requirements.extend(profile_requirements(profile));
        activities = profile_activities(profile);
    }
    RoleLevelDoc {
        name: level.name.to_string(),
        description: level.description.to_string(),
        role_type: level.role_type.map(str::to_string),
        requirements,
        activities,
    }
}

/// A DDaT requirement, described by what the skill means at that level.
fn ddat_requirement(name: &str, level: Level) -> RequirementDoc {
    let meaning = ddat_skills::DDAT_SKILLS
        .iter()
        .find(|s| s.name == name)
        .and_then(|s| s.levels.get(usize::from(level).saturating_sub(1)).copied().flatten())
        .unwrap_or_default();
    RequirementDoc { skill_code: slug(name), level: Some(level), description: meaning.to_string() }
}

fn profile_requirements(profile: &Profile) -> Vec<RequirementDoc> {
    let knowledge = profile.knowledge.iter().map(|&(name, depth)| RequirementDoc {
        skill_code: slug(name),
        level: Some(depth),
        description: format!("Expected depth: {}.", Scale::Depth.label(depth)),
    });
    let behavioural = profile.behavioural.iter().map(|name| RequirementDoc {
        skill_code: slug(name),
        level: None,
        description: "Expected in everyday work; the profile states no level.".to_string(),
    });
    let sfia = profile.sfia.iter().map(|&(code, level)| RequirementDoc {
        skill_code: code.to_string(),
        level: Some(level),
        description: format!("Expected at SFIA level {}.", Scale::Sfia.label(level)),
    });
    knowledge.chain(behavioural).chain(sfia).collect()
}

fn profile_activities(profile: &Profile) -> Vec<ActivityDoc> {
    let plain = |kind: ActivityKind, titles: &'static [&str], table: &'static [(&str, &str)]| {
        titles.iter().map(move |title| ActivityDoc {
            kind,
            title: title.to_string(),
            details: lookup(table, title).to_string(),
            awarding_body: None,
        })
    };
    let qualifications = profile.qualifications.iter().map(|title| {
        let (body, details) = profiles::QUALIFICATIONS
            .iter()
            .find(|(t, _, _)| t == title)
            .map(|&(_, body, details)| (Some(body.to_string()), details))
            .unwrap_or((None, ""));
        ActivityDoc {
            kind: ActivityKind::Qualification,
            title: title.to_string(),
            details: details.to_string(),
            awarding_body: body,
        }
    });
    plain(ActivityKind::Training, profile.training, profiles::TRAINING)
        .chain(plain(ActivityKind::Pda, profile.pdas, profiles::PDAS))
        .chain(qualifications)
        .collect()
}

fn lookup(table: &[(&str, &'static str)], title: &str) -> &'static str {
    table.iter().find(|(t, _)| *t == title).map(|(_, details)| *details).unwrap_or_default()
}

#[cfg(test)]
mod tests;
