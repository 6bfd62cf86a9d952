//! Adding a role profile to an existing framework version.
//!
//! * **Skills** are reused when the version has one with the same code on the same scale, so
//!   a profile's "IT Ops – Change management" requires the DDaT skill "Change management" the
//!   version already has (the "IT Ops" label is the profile site's job-family prefix, dropped when
//!   reading). A DDaT skill with a qualifier the version lacks ("Development process optimisation
//!   (management)") is matched without it. Other skills are added; a DDaT skill the version does
//!   not know is a warning naming the closest existing skill, since it is often a renamed one.
//! * **The role level** replaces the version's level of the same name (compared ignoring case,
//!   dashes and spaces), wherever it is; a level the profile states without a level (the short
//!   DDaT form) keeps the version's level for that skill. Components the profile does not have
//!   (no activities, say) keep the version's. A new level joins the role of the same name, in
//!   seniority order, or a new role in the profile's family (created if need be).
//!
//! Every decision is in the returned report; the base is never changed.

use super::fragment::DEFAULT_FAMILY;
use super::{ParsedRoleProfile, PROFILE_FILE};
use crate::framework::doc::{RequirementDoc, RoleDoc, RoleFamilyDoc, RoleLevelDoc, SkillDoc};
use crate::framework::{slug, FrameworkDoc, SkillKind};
use crate::import::ddat::seniority::seniority;
use crate::import::report::{At, EntryKind, ValidationReport};
use std::collections::HashMap;

/// `base` with the profile's role level added or replaced, and what was done.
pub fn merge_role_profile(base: &FrameworkDoc, profile: &ParsedRoleProfile) -> (FrameworkDoc, ValidationReport) {
    let mut report = ValidationReport::new();
    let fragment = profile.build_fragment(&mut report);
    let mut doc = base.clone();
    let codes = resolve_skills(&mut doc, &fragment.skills, &mut report);
    let Some((family, role, level)) = fragment.role_levels().next() else {
        report.finish(0, &doc);
        return (doc, report);
    };
    let index: HashMap<&str, &SkillDoc> = doc.skills.iter().map(|s| (s.code.as_str(), s)).collect();
    let mut level = level.clone();
    for requirement in &mut level.requirements {
        if let Some(code) = codes.get(&requirement.skill_code) {
            requirement.skill_code = code.clone();
        }
        check_level(&index, requirement, &mut report);
    }
    let role = RoleDoc { name: role.name.clone(), description: role.description.clone(), levels: Vec::new() };
    place_level(&mut doc, &family.name, role, level, &mut report);
    if !profile.background.is_empty() || !profile.work_activities.is_empty() {
        let message = "The profile's Background and Work Activity components have no place in the framework";
        report.info(At::file().in_file(PROFILE_FILE), None, EntryKind::NotStored, message, "not stored");
    }
    if !profile.unrecognised.is_empty() {
        let message = format!("{} line(s) of the profile were not understood", profile.unrecognised.len());
        report.warning(At::file().in_file(PROFILE_FILE), None, EntryKind::Unrecognised, message, "not imported");
    }
    report.finish(0, &doc);
    (doc, report)
}

/// Maps each fragment skill code to the code it has in `doc`, adding skills as needed.
fn resolve_skills(
    doc: &mut FrameworkDoc,
    skills: &[SkillDoc],
    report: &mut ValidationReport,
) -> HashMap<String, String> {
    let mut index: HashMap<String, usize> = doc.skills.iter().enumerate().map(|(i, s)| (s.code.clone(), i)).collect();
    let mut codes = HashMap::new();
    let mut reused = Vec::new();
    let base_len = doc.skills.len();
    for skill in skills {
        let same_scale = |code: &str, index: &HashMap<String, usize>| {
            index.get(code).is_some_and(|&i| doc.skills[i].scale == skill.scale)
        };
        let code = if same_scale(&skill.code, &index) {
            reused.push(skill.name.clone());
            skill.code.clone()
        } else if let Some(code) = unqualified_match(skill, &index, doc).filter(|c| same_scale(c, &index)) {
            let existing = &doc.skills[index[&code]].name;
            let message =
                format!("\"{}\" was matched to the existing skill \"{existing}\", without its qualifier", skill.name);
            report.info(At::file().in_file(PROFILE_FILE), None, EntryKind::SkillReused, message, "existing skill used");
            code
        } else {
            add_skill(doc, &mut index, skill, base_len, report)
        };
        codes.insert(skill.code.clone(), code);
    }
    if !reused.is_empty() {
        let message =
            format!("{} of the profile's skills are already in the version: {}", reused.len(), reused.join(", "));
        report.info(At::file().in_file(PROFILE_FILE), None, EntryKind::SkillReused, message, "existing skills used");
    }
    codes
}

/// "Development process optimisation (management)" -> the code of "Development process
/// optimisation", for DDaT skills only.
fn unqualified_match(skill: &SkillDoc, index: &HashMap<String, usize>, doc: &FrameworkDoc) -> Option<String> {
    if skill.kind != SkillKind::Ddat {
        return None;
    }
    let open = skill.name.trim_end().strip_suffix(')')?.rfind('(')?;
    let code = slug(&skill.name[..open]);
    index.get(&code).filter(|&&i| doc.skills[i].kind == SkillKind::Ddat).map(|_| code)
}

/// Adds a skill, suffixing its code if another scale's skill has it. Returns the code.
/// `base_len`: how many of `doc`'s skills were in the base version.
fn add_skill(
    doc: &mut FrameworkDoc,
    index: &mut HashMap<String, usize>,
    skill: &SkillDoc,
    base_len: usize,
    report: &mut ValidationReport,
) -> String {
    let mut added = skill.clone();
    let mut n = 1;
    while index.contains_key(&added.code) {
        added.code = if n == 1 {
            format!("{}-{}", skill.code, skill.kind.code())
        } else {
            format!("{}-{}-{n}", skill.code, skill.kind.code())
        };
        n += 1;
    }
    let at = At::file().in_file(PROFILE_FILE);
    if added.code != skill.code {
        let message = format!(
            "The version has a skill coded {} on another scale; \"{}\" was added as {}",
            skill.code, skill.name, added.code
        );
        report.warning(at, None, EntryKind::CodeConflict, message, "added with a suffixed code");
    }
    let base = &doc.skills[..base_len.min(doc.skills.len())];
    if skill.kind == SkillKind::Ddat && base.iter().any(|s| s.kind == SkillKind::Ddat) {
        let closest = closest_name(base, skill).map(|n| format!(" (closest: \"{n}\")")).unwrap_or_default();
        let message =
            format!("DDaT skill \"{}\" is not in this version{closest}; it may have been renamed", skill.name);
        report.warning(at, None, EntryKind::SkillAdded, message, "added as a new skill");
    } else {
        let message = format!("\"{}\" ({}) is new to this version", skill.name, skill.kind.title());
        report.info(at, None, EntryKind::SkillAdded, message, "added as a new skill");
    }
    index.insert(added.code.clone(), doc.skills.len());
    let code = added.code.clone();
    doc.skills.push(added);
    code
}

/// The base skill of the same kind sharing most words with `skill`'s name.
fn closest_name<'d>(base: &'d [SkillDoc], skill: &SkillDoc) -> Option<&'d str> {
    let words = |name: &str| -> Vec<String> {
        name.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 2).map(str::to_lowercase).collect()
    };
    let wanted = words(&skill.name);
    base.iter()
        .filter(|s| s.kind == skill.kind)
        .map(|s| (words(&s.name).iter().filter(|w| wanted.contains(w)).count(), s.name.as_str()))
        .filter(|(shared, _)| *shared > 0)
        .max_by_key(|(shared, _)| *shared)
        .map(|(_, name)| name)
}

/// A required level the skill does not define becomes "no level", with a warning.
fn check_level(skills: &HashMap<&str, &SkillDoc>, requirement: &mut RequirementDoc, report: &mut ValidationReport) {
    let Some(level) = requirement.level else {
        return;
    };
    let Some(skill) = skills.get(requirement.skill_code.as_str()) else {
        return;
    };
    if !skill.allows(level) {
        let message = format!("\"{}\" is not defined at level {level} in this version", skill.name);
        report.warning(
            At::file().in_file(PROFILE_FILE),
            None,
            EntryKind::LevelNotDefined,
            message,
            "required without a level",
        );
        requirement.level = None;
    }
}

/// Level and role names compare ignoring case, dashes and runs of spaces.
fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| s.replace(['–', '—'], "-").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    key(a) == key(b)
}

fn place_level(
    doc: &mut FrameworkDoc,
    family: &str,
    role: RoleDoc,
    level: RoleLevelDoc,
    report: &mut ValidationReport,
) {
    let at = At::file().in_file(PROFILE_FILE);
    for existing_role in doc.role_families.iter_mut().flat_map(|f| f.roles.iter_mut()) {
        if let Some(existing) = existing_role.levels.iter_mut().find(|l| same_name(&l.name, &level.name)) {
            let role_name = existing_role.name.clone();
            replace_level(existing, level, &role_name, report);
            return;
        }
    }
    if let Some(existing_role) =
        doc.role_families.iter_mut().flat_map(|f| f.roles.iter_mut()).find(|r| same_name(&r.name, &role.name))
    {
        let message = format!("Role level \"{}\" was added to role \"{}\"", level.name, existing_role.name);
        report.info(at, None, EntryKind::RoleLevelAdded, message, "added");
        let key = seniority(&level.name);
        let position =
            existing_role.levels.iter().position(|l| seniority(&l.name) > key).unwrap_or(existing_role.levels.len());
        existing_role.levels.insert(position, level);
        return;
    }
    let message = format!("Role \"{}\" with role level \"{}\" was added to family \"{family}\"", role.name, level.name);
    report.info(at, None, EntryKind::RoleLevelAdded, message, "added");
    let role = RoleDoc { levels: vec![level], ..role };
    match doc.role_families.iter_mut().find(|f| same_name(&f.name, family)) {
        Some(existing) => existing.roles.push(role),
        None => doc.role_families.push(RoleFamilyDoc {
            name: if family.is_empty() { DEFAULT_FAMILY.to_string() } else { family.to_string() },
            roles: vec![role],
        }),
    }
}

/// Replaces an existing level's content with the profile's, keeping what the profile lacks.
fn replace_level(existing: &mut RoleLevelDoc, mut new: RoleLevelDoc, role: &str, report: &mut ValidationReport) {
    let before = existing.requirements.len();
    let mut kept_levels = 0;
    let old_by_code: HashMap<&str, &RequirementDoc> =
        existing.requirements.iter().map(|r| (r.skill_code.as_str(), r)).collect();
    for requirement in &mut new.requirements {
        let old = old_by_code.get(requirement.skill_code.as_str()).copied();
        if let (None, Some(old)) = (requirement.level, old) {
            if old.level.is_some() {
                requirement.level = old.level;
                kept_levels += 1;
            }
            if requirement.description.is_empty() {
                requirement.description = old.description.clone();
            }
        }
    }
    if !new.requirements.is_empty() {
        existing.requirements = new.requirements;
    }
    if !new.activities.is_empty() {
        existing.activities = new.activities;
    }
    if !new.description.is_empty() {
        existing.description = new.description;
    }
    if new.role_type.is_some() {
        existing.role_type = new.role_type;
    }
    let message = format!(
        "Role level \"{}\" of role \"{role}\" was replaced: {before} requirements before, {} now ({kept_levels} stated without a level kept the version's level), {} activities",
        existing.name,
        existing.requirements.len(),
        existing.activities.len()
    );
    report.info(At::file().in_file(PROFILE_FILE), None, EntryKind::RoleLevelReplaced, message, "replaced");
}
