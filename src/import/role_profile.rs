//! Reading a role-profile page that a lead pastes or uploads, previewing what it says, and
//! adding it to a framework version.
//!
//! Profiles come as plain text copied from a role-profile site (components such as "Summary",
//! "Knowledge/Skills", "Training Activities", "PDAs", "Qualifications", "Organisation Skills"),
//! as the same with pipe tables, as Markdown or HTML job adverts with a "Skills Framework for the
//! Information Age" table, or in the short DDaT form ("Role level: ...", "Skill: ..."). See
//! [`lines`] for how each form is reduced to lines.
//!
//! [`parse_role_profile`] returns a [`ParsedRoleProfile`]: exactly what was understood, with the
//! line each item came from, plus every line that was not understood, so the user can check the
//! preview before confirming. Nothing is dropped silently. [`ParsedRoleProfile::to_fragment`]
//! turns it into a framework fragment, and [`merge_role_profile`] adds it to an existing version.
//!
//! What is read:
//!
//! | component | becomes |
//! |---|---|
//! | title, "Role level:", or the summary's first sentence | role level name (and role type from "– Management") |
//! | Summary / About the role / text after "Role level:" | role level description |
//! | Knowledge/Skills | skills of kind Technical, Other (with depth 1-4, "Proficient in" = 3) or Behavioural (no level) |
//! | Organisation Skills, "Skill:" | DDaT skills with their level ("3 – Practitioner"), or no level in the short form |
//! | "Systems Design (DESN) – Level 5" anywhere | SFIA skills with code and level |
//! | Training Activities, PDAs | activities |
//! | Qualifications | qualifications with awarding body |
//! | Background, Work Activity Components | shown in the preview; the framework has no place for them |

mod components;
mod fragment;
pub mod lines;
mod merge;
mod names;
mod sections;

pub use merge::merge_role_profile;

use super::error::ImportError;
use super::report::{At, EntryKind, ValidationReport};
use super::text::{check_text, decode};
use crate::framework::SkillKind;
use crate::scale::Level;
use lines::{to_lines, Line};
use sections::{Section, SectionKind};
use serde::{Deserialize, Serialize};

pub const PROFILE_FILE: &str = "role profile";

/// What a role profile says, as understood, for the preview and for [`merge_role_profile`].
/// This exact structure is returned as JSON by `POST /api/v1/import/role-profile`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParsedRoleProfile {
    /// Role family ("Software development", "IT Operations"), when the profile says.
    pub family: Option<String>,
    /// Role ("Development operations (DevOps) engineer").
    pub role: Option<String>,
    pub role_description: String,
    /// Role level ("Lead DevOps engineer").
    pub level: Option<String>,
    /// "management" or "technical" where the title says so.
    pub role_type: Option<String>,
    /// What the role level does: the Summary, with its bullets.
    pub summary: String,
    pub ddat_skills: Vec<ProfileDdatSkill>,
    pub knowledge: Vec<ProfileKnowledge>,
    pub sfia_skills: Vec<ProfileSfiaSkill>,
    pub training: Vec<TitledText>,
    pub pdas: Vec<TitledText>,
    pub qualifications: Vec<ProfileQualification>,
    /// Background texts ("Prior Knowledge and Skills"): shown, not stored in the framework.
    pub background: Vec<TitledText>,
    /// Work activities: shown, not stored in the framework.
    pub work_activities: Vec<TitledText>,
    /// Lines that were not understood, with their section.
    pub unrecognised: Vec<UnrecognisedLine>,
}

/// A DDaT skill with the level the role level requires.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileDdatSkill {
    pub line: usize,
    /// "DDaT » IT Operations Job Family".
    pub category: Option<String>,
    /// The job family's label before the skill name: "IT Ops" in "IT Ops – Change management".
    pub group: Option<String>,
    /// The DDaT skill's name, without the label: "Change management".
    pub name: String,
    pub description: String,
    /// `None` in the short form, which lists skills without levels.
    pub level: Option<Level>,
    /// What the level means for this role level.
    pub level_description: String,
}

/// A Knowledge/Skills item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileKnowledge {
    pub line: usize,
    pub name: String,
    /// Technical, Other or Behavioural.
    pub kind: SkillKind,
    /// The Type cell as written ("Technical Knowledge and Skills").
    pub type_label: String,
    /// Depth 1-4 ("Proficient in" = 3); behavioural skills have none.
    pub depth: Option<Level>,
    pub details: String,
}

/// A SFIA skill with its level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileSfiaSkill {
    pub line: usize,
    pub code: String,
    pub name: String,
    pub level: Option<Level>,
    pub category: Option<String>,
    pub subcategory: Option<String>,
    /// Listed under "Other desirable skills".
    pub desirable: bool,
    /// "if managing others".
    pub note: Option<String>,
}

/// A titled item: training activity, PDA, work activity, background text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TitledText {
    pub line: usize,
    pub title: String,
    pub details: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileQualification {
    pub line: usize,
    pub title: String,
    pub awarding_body: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnrecognisedLine {
    pub line: usize,
    /// The heading of the section it is in, if any.
    pub section: Option<String>,
    pub text: String,
}

impl ParsedRoleProfile {
    /// Whether anything beyond a title was understood.
    fn has_content(&self) -> bool {
        !self.summary.is_empty()
            || !self.ddat_skills.is_empty()
            || !self.knowledge.is_empty()
            || !self.sfia_skills.is_empty()
            || !self.training.is_empty()
            || !self.pdas.is_empty()
            || !self.qualifications.is_empty()
    }
}

/// Reads a pasted role profile (text, Markdown or HTML).
pub fn parse_role_profile(text: &str) -> Result<(ParsedRoleProfile, ValidationReport), ImportError> {
    check_text(text, PROFILE_FILE)?;
    let lines = to_lines(text);
    let sections = sections::split(&lines);
    let mut profile = ParsedRoleProfile::default();
    let mut title = None;
    let mut about_role = String::new();
    for section in &sections {
        read_section(section, &mut profile, &mut title, &mut about_role);
    }
    if profile.summary.is_empty() {
        profile.summary = about_role;
    }
    if !profile.has_content() {
        return Err(ImportError::NotRecognised {
            file: PROFILE_FILE.to_string(),
            reason: "it has no summary, skills, knowledge, training, PDAs or qualifications that could be read"
                .to_string(),
        });
    }
    let mut report = ValidationReport::new();
    name_profile(&mut profile, title, &mut report);
    note_gaps(&profile, &mut report);
    let fragment = profile.to_fragment();
    report.finish(lines.len(), &fragment);
    Ok((profile, report))
}

/// Decodes an uploaded profile, notes the encoding, and reads it.
pub fn parse_role_profile_bytes(bytes: &[u8]) -> Result<(ParsedRoleProfile, ValidationReport), ImportError> {
    let decoded = decode(bytes, PROFILE_FILE)?;
    let (profile, mut report) = parse_role_profile(&decoded.text)?;
    let mut notes = ValidationReport::new();
    decoded.note(PROFILE_FILE, &mut notes);
    report.prepend(notes, &profile.to_fragment());
    Ok((profile, report))
}

fn read_section<'a>(
    section: &Section<'a>,
    profile: &mut ParsedRoleProfile,
    title: &mut Option<&'a Line>,
    about_role: &mut String,
) {
    // "Systems Design (DESN) – Level 5" is a SFIA skill wherever it is, except in prose.
    let lines = match section.kind {
        SectionKind::Summary
        | SectionKind::AboutRole
        | SectionKind::RoleIntro
        | SectionKind::LevelIntro
        | SectionKind::DdatSkill
        | SectionKind::Sfia => section.lines.clone(),
        _ => claim_sfia(&section.lines, profile),
    };
    let lines = &lines;
    let leftover: Vec<&Line> = match section.kind {
        SectionKind::Preamble => {
            let (first, rest) = lines.split_first().map_or((None, &[][..]), |(f, r)| (Some(*f), r));
            *title = first;
            rest.to_vec()
        }
        SectionKind::Summary => {
            profile.summary = paragraph(lines);
            Vec::new()
        }
        SectionKind::AboutRole => {
            *about_role = paragraph(lines);
            Vec::new()
        }
        SectionKind::RoleIntro => {
            profile.family = section.label.clone();
            profile.role = section.value.clone();
            profile.role_description = paragraph(lines);
            Vec::new()
        }
        SectionKind::LevelIntro => {
            profile.level = section.label.clone();
            profile.summary = paragraph(lines);
            Vec::new()
        }
        SectionKind::DdatSkill => {
            let (group, name) = components::split_group(section.label.as_deref().unwrap_or_default());
            let line = section.heading.map_or(0, |h| h.number);
            profile.ddat_skills.push(ProfileDdatSkill {
                line,
                group,
                name,
                level_description: bullets(lines),
                ..Default::default()
            });
            Vec::new()
        }
        SectionKind::Background => extend(&mut profile.background, components::background(lines)),
        SectionKind::WorkActivities => extend(&mut profile.work_activities, components::titled(lines)),
        SectionKind::Knowledge => extend(&mut profile.knowledge, components::knowledge(lines)),
        SectionKind::Training => extend(&mut profile.training, components::titled(lines)),
        SectionKind::Pdas => extend(&mut profile.pdas, components::titled(lines)),
        SectionKind::Qualifications => {
            profile.qualifications.extend(components::qualifications(lines));
            Vec::new()
        }
        SectionKind::OrganisationSkills => extend(&mut profile.ddat_skills, components::organisation_skills(lines)),
        SectionKind::Sfia => extend(&mut profile.sfia_skills, components::sfia_section(lines)),
        SectionKind::Other => lines.clone(),
    };
    let name = section.name();
    profile.unrecognised.extend(leftover.into_iter().map(|l| UnrecognisedLine {
        line: l.number,
        section: name.clone(),
        text: l.text.clone(),
    }));
}

fn extend<'a, T>(items: &mut Vec<T>, (found, leftover): (Vec<T>, Vec<&'a Line>)) -> Vec<&'a Line> {
    items.extend(found);
    leftover
}

/// SFIA skill lines outside the SFIA component; the other lines are returned.
fn claim_sfia<'a>(lines: &[&'a Line], profile: &mut ParsedRoleProfile) -> Vec<&'a Line> {
    let mut rest = Vec::new();
    for &line in lines {
        match components::sfia_skill(line, None, None, false) {
            Some(skill) => profile.sfia_skills.push(skill),
            None => rest.push(line),
        }
    }
    rest
}

/// Lines as a paragraph, keeping bullets on their own lines; a bullet on the first line (the
/// short form's style) is dropped.
fn paragraph(lines: &[&Line]) -> String {
    let mut texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    if let Some(first) = texts.first_mut() {
        *first = first.strip_prefix("- ").unwrap_or(first);
    }
    texts.join("\n")
}

fn bullets(lines: &[&Line]) -> String {
    lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")
}

/// Fills in the level, role and family where the profile does not name them, saying so.
fn name_profile(profile: &mut ParsedRoleProfile, title: Option<&Line>, report: &mut ValidationReport) {
    let at = |line: usize| At::line(line).in_file(PROFILE_FILE);
    if profile.level.is_none() {
        if let Some(title) = title {
            let (level, role_type) = names::from_title(title.bare());
            profile.level = Some(level);
            profile.role_type = role_type;
        } else if let Some(level) = names::level_from_summary(&profile.summary) {
            let message = format!(
                "The profile has no title; the role level \"{level}\" was taken from the summary's first sentence"
            );
            report.info(
                At::file().in_file(PROFILE_FILE),
                Some("level"),
                EntryKind::InferredName,
                message,
                "check the name before confirming",
            );
            profile.level = Some(level);
        } else {
            let message = "No role level name was found";
            report.warning(
                At::file().in_file(PROFILE_FILE),
                Some("level"),
                EntryKind::InferredName,
                message,
                "enter the name before confirming",
            );
        }
    }
    if let (None, Some(level)) = (&profile.role, &profile.level) {
        let role = names::role_from_level(level);
        let message = format!("The role \"{role}\" was taken from the role level's name");
        report.info(
            At::file().in_file(PROFILE_FILE),
            Some("role"),
            EntryKind::InferredName,
            message,
            "check the name before confirming",
        );
        profile.role = Some(role);
    }
    if profile.family.is_none() {
        let found = profile
            .ddat_skills
            .iter()
            .find_map(|s| Some((s.line, names::family_from_category(s.category.as_deref()?)?)));
        if let Some((line, family)) = found {
            let message = format!("The role family \"{family}\" was taken from the Organisation Skills' category");
            report.info(at(line), Some("family"), EntryKind::InferredName, message, "check the name before confirming");
            profile.family = Some(family);
        }
    }
}

/// Reports items that lack something and the lines not understood.
fn note_gaps(profile: &ParsedRoleProfile, report: &mut ValidationReport) {
    let at = |line: usize| At::line(line).in_file(PROFILE_FILE);
    for item in &profile.knowledge {
        match (item.kind, item.depth) {
            (SkillKind::Behavioural, Some(_)) => report.info(
                at(item.line),
                Some("depth"),
                EntryKind::MissingDepth,
                format!("Behavioural skill \"{}\" has a depth", item.name),
                "required without a level, like every behavioural skill",
            ),
            (SkillKind::Technical | SkillKind::Other, None) => report.warning(
                at(item.line),
                Some("depth"),
                EntryKind::MissingDepth,
                format!("\"{}\" has no depth", item.name),
                "required without a level",
            ),
            _ => {}
        }
    }
    for skill in profile.ddat_skills.iter().filter(|s| s.level.is_none() && s.category.is_some()) {
        let message = format!("Organisation skill \"{}\" has no level", skill.name);
        report.warning(at(skill.line), Some("level"), EntryKind::UnknownLevel, message, "required without a level");
    }
    for qualification in profile.qualifications.iter().filter(|q| q.awarding_body.is_none()) {
        let message = format!("Qualification \"{}\" has no awarding body", qualification.title);
        report.warning(
            at(qualification.line),
            Some("awarding body"),
            EntryKind::MissingAwardingBody,
            message,
            "stored without awarding body",
        );
    }
    if !profile.background.is_empty() || !profile.work_activities.is_empty() {
        let message =
            "The Background and Work Activity components are shown in the preview; the framework has no place for them";
        report.info(At::file().in_file(PROFILE_FILE), None, EntryKind::NotStored, message, "not stored");
    }
    note_unrecognised(&profile.unrecognised, report);
}

/// One entry per section listing the lines that were not understood.
fn note_unrecognised(lines: &[UnrecognisedLine], report: &mut ValidationReport) {
    let mut sections: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    let mut index: std::collections::HashMap<Option<&str>, usize> = std::collections::HashMap::new();
    for line in lines {
        let i = *index.entry(line.section.as_deref()).or_insert_with(|| {
            sections.push((line.section.as_deref(), Vec::new()));
            sections.len() - 1
        });
        sections[i].1.push(line.line);
    }
    for (section, numbers) in sections {
        let place = section.map_or("outside any section".to_string(), |s| format!("under \"{s}\""));
        let message = format!(
            "{} line(s) {place} were not understood: lines {}",
            numbers.len(),
            super::report::list_rows(&numbers)
        );
        report.warning(
            At::line(numbers[0]).in_file(PROFILE_FILE),
            None,
            EntryKind::Unrecognised,
            message,
            "listed in the preview; not imported",
        );
    }
}

#[cfg(test)]
mod seed_tests;
#[cfg(test)]
mod tests;
