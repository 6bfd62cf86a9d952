//! What changed between two versions of one framework: the page a lead reads before moving
//! people to a newly imported version ("what does the new DDaT release change for my team?").
//!
//! Skills are matched by their stable code, role levels by (role name, level name). Reported:
//! skills added and removed; for skills in both, a changed name, description, scale, defined
//! levels and level descriptors (per level); role levels added and removed; and for role levels
//! in both, each requirement added, removed, or changed in level or description, and whether the
//! level's description changed. [`focus_on_held`] puts the role levels people in the
//! organisation hold first (or keeps only those).

use crate::framework::doc::{RequirementDoc, RoleLevelDoc, SkillDoc};
use crate::framework::FrameworkDoc;
use crate::scale::{Level, Scale};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DiffError {
    #[error("Only versions of one framework can be compared: \"{from}\" is {from_family} and \"{to}\" is {to_family}")]
    FamilyMismatch { from: String, from_family: String, to: String, to_family: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FrameworkDiff {
    pub family: String,
    /// The older version's name.
    pub from: String,
    /// The newer version's name.
    pub to: String,
    pub skills_added: Vec<SkillRef>,
    pub skills_removed: Vec<SkillRef>,
    pub skills_changed: Vec<SkillChange>,
    pub role_levels_added: Vec<RoleLevelRef>,
    pub role_levels_removed: Vec<RoleLevelRef>,
    pub role_levels_changed: Vec<RoleLevelChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillRef {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextChange {
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillChange {
    pub code: String,
    /// The name in the newer version.
    pub name: String,
    pub name_change: Option<TextChange>,
    pub description_change: Option<TextChange>,
    /// (before, after) when the skill moved to another scale.
    pub scale_change: Option<(Scale, Scale)>,
    /// (before, after) when the levels the skill is defined at changed.
    pub defined_levels_change: Option<(Vec<Level>, Vec<Level>)>,
    /// Level descriptors added, removed or reworded, lowest level first.
    pub descriptors: Vec<DescriptorChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DescriptorChange {
    pub level: Level,
    /// `None`: the level had no descriptor.
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A role level, named as people know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLevelRef {
    pub family: String,
    pub role: String,
    pub level: String,
    /// Someone in the organisation holds this role level (set by [`focus_on_held`]).
    pub held: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLevelChange {
    pub role_level: RoleLevelRef,
    pub description_changed: bool,
    /// In the newer version's order, then removed requirements in the older one's.
    pub requirements: Vec<RequirementChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum RequirementChange {
    Added {
        skill_code: String,
        skill_name: String,
        level: Option<Level>,
    },
    Removed {
        skill_code: String,
        skill_name: String,
        level: Option<Level>,
    },
    LevelChanged {
        skill_code: String,
        skill_name: String,
        from: Option<Level>,
        to: Option<Level>,
    },
    /// Same level, reworded description of what it means for this role level.
    DescriptionChanged {
        skill_code: String,
        skill_name: String,
        level: Option<Level>,
    },
}

impl FrameworkDiff {
    pub fn is_empty(&self) -> bool {
        self.skills_added.is_empty()
            && self.skills_removed.is_empty()
            && self.skills_changed.is_empty()
            && self.role_levels_added.is_empty()
            && self.role_levels_removed.is_empty()
            && self.role_levels_changed.is_empty()
    }
}

/// Compares `old` with `new`, two versions of the same family.
pub fn diff_frameworks(old: &FrameworkDoc, new: &FrameworkDoc) -> Result<FrameworkDiff, DiffError> {
    if old.family != new.family {
        return Err(DiffError::FamilyMismatch {
            from: old.name.clone(),
            from_family: old.family.clone(),
            to: new.name.clone(),
            to_family: new.family.clone(),
        });
    }
    let mut diff = FrameworkDiff {
        family: new.family.clone(),
        from: old.name.clone(),
        to: new.name.clone(),
        ..Default::default()
    };
    diff_skills(old, new, &mut diff);
    diff_role_levels(old, new, &mut diff);
    Ok(diff)
}

fn diff_skills(old: &FrameworkDoc, new: &FrameworkDoc, diff: &mut FrameworkDiff) {
    let old_skills: HashMap<&str, &SkillDoc> = old.skills.iter().map(|s| (s.code.as_str(), s)).collect();
    let new_codes: HashSet<&str> = new.skills.iter().map(|s| s.code.as_str()).collect();
    for skill in &new.skills {
        match old_skills.get(skill.code.as_str()) {
            None => diff.skills_added.push(skill_ref(skill)),
            Some(before) => diff.skills_changed.extend(skill_change(before, skill)),
        }
    }
    diff.skills_removed = old.skills.iter().filter(|s| !new_codes.contains(s.code.as_str())).map(skill_ref).collect();
}

fn skill_ref(skill: &SkillDoc) -> SkillRef {
    SkillRef { code: skill.code.clone(), name: skill.name.clone() }
}

fn text_change(before: &str, after: &str) -> Option<TextChange> {
    (before != after).then(|| TextChange { before: before.to_string(), after: after.to_string() })
}

/// What changed in one skill; `None` when nothing did.
fn skill_change(before: &SkillDoc, after: &SkillDoc) -> Option<SkillChange> {
    let change = SkillChange {
        code: after.code.clone(),
        name: after.name.clone(),
        name_change: text_change(&before.name, &after.name),
        description_change: text_change(&before.description, &after.description),
        scale_change: (before.scale != after.scale).then_some((before.scale, after.scale)),
        defined_levels_change: (before.defined_levels != after.defined_levels)
            .then(|| (before.defined_levels.clone(), after.defined_levels.clone())),
        descriptors: descriptor_changes(before, after),
    };
    let unchanged = change.name_change.is_none()
        && change.description_change.is_none()
        && change.scale_change.is_none()
        && change.defined_levels_change.is_none()
        && change.descriptors.is_empty();
    (!unchanged).then_some(change)
}

fn descriptor_changes(before: &SkillDoc, after: &SkillDoc) -> Vec<DescriptorChange> {
    let by_level =
        |s: &SkillDoc| s.descriptors.iter().map(|d| (d.level, d.description.clone())).collect::<BTreeMap<_, _>>();
    let (old, new) = (by_level(before), by_level(after));
    let levels: std::collections::BTreeSet<Level> = old.keys().chain(new.keys()).copied().collect();
    levels
        .into_iter()
        .filter_map(|level| {
            let (b, a) = (old.get(&level), new.get(&level));
            (b != a).then(|| DescriptorChange { level, before: b.cloned(), after: a.cloned() })
        })
        .collect()
}

fn role_levels(doc: &FrameworkDoc) -> Vec<(RoleLevelRef, &RoleLevelDoc)> {
    doc.role_levels()
        .map(|(f, r, l)| {
            (RoleLevelRef { family: f.name.clone(), role: r.name.clone(), level: l.name.clone(), held: false }, l)
        })
        .collect()
}

fn diff_role_levels(old: &FrameworkDoc, new: &FrameworkDoc, diff: &mut FrameworkDiff) {
    let old_levels = role_levels(old);
    let new_levels = role_levels(new);
    let key = |r: &RoleLevelRef| -> (String, String) { (r.role.clone(), r.level.clone()) };
    let old_by_key: HashMap<(String, String), &RoleLevelDoc> = old_levels.iter().map(|(r, l)| (key(r), *l)).collect();
    let new_keys: HashSet<(String, String)> = new_levels.iter().map(|(r, _)| key(r)).collect();
    let names = SkillNames::new(old, new);
    for (reference, level) in &new_levels {
        match old_by_key.get(&key(reference)) {
            None => diff.role_levels_added.push(reference.clone()),
            Some(before) => {
                let requirements = requirement_changes(before, level, &names);
                let description_changed = before.description != level.description;
                if description_changed || !requirements.is_empty() {
                    diff.role_levels_changed.push(RoleLevelChange {
                        role_level: reference.clone(),
                        description_changed,
                        requirements,
                    });
                }
            }
        }
    }
    diff.role_levels_removed =
        old_levels.into_iter().filter(|(r, _)| !new_keys.contains(&key(r))).map(|(r, _)| r).collect();
}

/// Skill names by code, the newer version's first.
struct SkillNames<'a>(HashMap<&'a str, &'a str>);

impl<'a> SkillNames<'a> {
    fn new(old: &'a FrameworkDoc, new: &'a FrameworkDoc) -> Self {
        let mut names: HashMap<&str, &str> = old.skills.iter().map(|s| (s.code.as_str(), s.name.as_str())).collect();
        names.extend(new.skills.iter().map(|s| (s.code.as_str(), s.name.as_str())));
        SkillNames(names)
    }

    fn get(&self, code: &str) -> String {
        self.0.get(code).map_or_else(|| code.to_string(), |n| n.to_string())
    }
}

fn requirement_changes(before: &RoleLevelDoc, after: &RoleLevelDoc, names: &SkillNames) -> Vec<RequirementChange> {
    let old: HashMap<&str, &RequirementDoc> = before.requirements.iter().map(|r| (r.skill_code.as_str(), r)).collect();
    let new_codes: HashSet<&str> = after.requirements.iter().map(|r| r.skill_code.as_str()).collect();
    let mut changes = Vec::new();
    for req in &after.requirements {
        let (skill_code, skill_name) = (req.skill_code.clone(), names.get(&req.skill_code));
        match old.get(req.skill_code.as_str()) {
            None => changes.push(RequirementChange::Added { skill_code, skill_name, level: req.level }),
            Some(prev) if prev.level != req.level => changes.push(RequirementChange::LevelChanged {
                skill_code,
                skill_name,
                from: prev.level,
                to: req.level,
            }),
            Some(prev) if prev.description != req.description => {
                changes.push(RequirementChange::DescriptionChanged { skill_code, skill_name, level: req.level })
            }
            Some(_) => {}
        }
    }
    for req in before.requirements.iter().filter(|r| !new_codes.contains(r.skill_code.as_str())) {
        changes.push(RequirementChange::Removed {
            skill_code: req.skill_code.clone(),
            skill_name: names.get(&req.skill_code),
            level: req.level,
        });
    }
    changes
}

/// The diff with the role levels someone holds, given as (role name, level name), marked and
/// listed first (keeping the order within held and not held); with `only_held`, the others are
/// left out. Skill changes are kept as they are.
pub fn focus_on_held(diff: &FrameworkDiff, held: &HashSet<(String, String)>, only_held: bool) -> FrameworkDiff {
    let is_held = |r: &RoleLevelRef| held.contains(&(r.role.clone(), r.level.clone()));
    let arrange = |refs: &[RoleLevelRef]| -> Vec<RoleLevelRef> {
        let marked = refs.iter().map(|r| RoleLevelRef { held: is_held(r), ..r.clone() });
        order(marked.collect(), |r| r.held, only_held)
    };
    let changed = diff
        .role_levels_changed
        .iter()
        .map(|c| RoleLevelChange {
            role_level: RoleLevelRef { held: is_held(&c.role_level), ..c.role_level.clone() },
            ..c.clone()
        })
        .collect();
    FrameworkDiff {
        role_levels_added: arrange(&diff.role_levels_added),
        role_levels_removed: arrange(&diff.role_levels_removed),
        role_levels_changed: order(changed, |c| c.role_level.held, only_held),
        ..diff.clone()
    }
}

/// Held first, order kept otherwise; only held ones with `only_held`.
fn order<T>(items: Vec<T>, held: impl Fn(&T) -> bool, only_held: bool) -> Vec<T> {
    let (first, rest): (Vec<T>, Vec<T>) = items.into_iter().partition(|i| held(i));
    if only_held {
        first
    } else {
        first.into_iter().chain(rest).collect()
    }
}

#[cfg(test)]
mod tests;
