//! The DDaT skills export: one row per skill with its description and what each of the four
//! levels means.

use super::{clean_name, is_missing, SKILLS_HEADER};
use crate::framework::doc::{DescriptorDoc, SkillDoc};
use crate::framework::{slug, SkillKind};
use crate::import::error::ImportError;
use crate::import::report::{At, EntryKind, RowGroups, ValidationReport};
use crate::import::table::{check_width, CsvTable};
use crate::scale::{Level, Scale};
use std::collections::HashMap;

/// What a level cell says when the framework has not written that level yet.
const NOT_DEFINED: &str = "currently not defined";

/// Skills read from the skills export, in file order, with an index by code.
#[derive(Debug, Default)]
pub(super) struct SkillsFile {
    pub skills: Vec<SkillDoc>,
    pub by_code: HashMap<String, usize>,
    /// Where each skill was read, for entries about it.
    pub at: Vec<At>,
}

/// Reads the skills table (header already checked).
pub(super) fn read_skills(
    table: &CsvTable,
    report: &mut ValidationReport,
    groups: &mut RowGroups,
) -> Result<SkillsFile, ImportError> {
    let mut file = SkillsFile::default();
    for row in &table.rows {
        check_width(row, &SKILLS_HEADER)?;
        if row.is_blank() {
            report.info(row.at(), None, EntryKind::EmptyRow, "The row is empty", "skipped");
            continue;
        }
        let name = clean_name(row, 0, SKILLS_HEADER[0], groups);
        let code = slug(&name);
        if code.is_empty() {
            report.error(
                row.at(),
                Some(SKILLS_HEADER[0]),
                EntryKind::EmptyRequiredCell,
                "The skill has no name",
                "skipped",
            );
            continue;
        }
        if let Some(&first) = file.by_code.get(&code) {
            let first_at = file.at[first];
            report.warning(
                row.at(),
                Some(SKILLS_HEADER[0]),
                EntryKind::DuplicateSkill,
                format!("Skill \"{name}\" already appears in row {}", first_at.row.unwrap_or_default()),
                "kept first",
            );
            continue;
        }
        let description = row.cell(1).trim();
        if is_missing(description) {
            let text = if description.is_empty() { "is empty" } else { "reads MISSING" };
            report.info(
                row.at(),
                Some(SKILLS_HEADER[1]),
                EntryKind::MissingDescription,
                format!("The description of skill \"{name}\" {text}"),
                "stored without description unless the roles CSV has one",
            );
        }
        let descriptors = read_descriptors(row, &name, report);
        file.by_code.insert(code.clone(), file.skills.len());
        file.at.push(row.at());
        file.skills.push(ddat_skill(code, name, clean_description(description), descriptors));
    }
    Ok(file)
}

/// A DDaT skill: kind and scale DDaT, defined at every level of the scale.
pub(super) fn ddat_skill(code: String, name: String, description: String, descriptors: Vec<DescriptorDoc>) -> SkillDoc {
    SkillDoc {
        code,
        name,
        kind: SkillKind::Ddat,
        scale: Scale::Ddat,
        description,
        category: None,
        subcategory: None,
        defined_levels: Vec::new(),
        descriptors,
    }
}

fn clean_description(text: &str) -> String {
    if is_missing(text) {
        String::new()
    } else {
        text.to_string()
    }
}

/// The Awareness..Expert cells. Empty cells and "currently not defined" get no descriptor, and
/// one entry per row lists the levels concerned.
fn read_descriptors(
    row: &crate::import::table::CsvRow,
    name: &str,
    report: &mut ValidationReport,
) -> Vec<DescriptorDoc> {
    let mut descriptors = Vec::new();
    let (mut empty, mut undefined) = (Vec::new(), Vec::new());
    for level in Scale::Ddat.levels() {
        let column = 1 + usize::from(level);
        let text = row.cell(column).trim();
        if text.is_empty() {
            empty.push(level);
        } else if text.to_lowercase().contains(NOT_DEFINED) {
            undefined.push(level);
        } else {
            descriptors.push(DescriptorDoc { level, description: text.to_string() });
        }
    }
    if !empty.is_empty() {
        report.info(
            row.at(),
            Some(SKILLS_HEADER[1 + usize::from(empty[0])]),
            EntryKind::MissingDescriptor,
            format!("Skill \"{name}\" has no text for {}", level_names(&empty)),
            "stored without descriptor for these levels",
        );
    }
    if !undefined.is_empty() {
        report.info(
            row.at(),
            Some(SKILLS_HEADER[1 + usize::from(undefined[0])]),
            EntryKind::UndefinedDescriptor,
            format!(
                "Skill \"{name}\" reads \"This skill level is currently not defined\" for {}",
                level_names(&undefined)
            ),
            "stored without descriptor for these levels",
        );
    }
    descriptors
}

fn level_names(levels: &[Level]) -> String {
    let names: Vec<&str> = levels.iter().filter_map(|&l| Scale::Ddat.level_name(l)).collect();
    names.join(", ")
}

/// Notes the skills no role level requires. They are kept: the framework defines them and a
/// later version or a role profile may require them.
pub(super) fn report_unused(
    file: &SkillsFile,
    used: &std::collections::HashSet<String>,
    report: &mut ValidationReport,
) {
    for (skill, at) in file.skills.iter().zip(&file.at) {
        if !used.contains(&skill.code) {
            report.info(
                *at,
                Some(SKILLS_HEADER[0]),
                EntryKind::SkillUnused,
                format!("No role level in the roles CSV requires skill \"{}\"", skill.name),
                "kept",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ddat::SKILLS_FILE;
    use crate::import::table::read_table;

    fn read(text: &str) -> (SkillsFile, ValidationReport) {
        let table = read_table(text, SKILLS_FILE).unwrap();
        let mut report = ValidationReport::new();
        let mut groups = RowGroups::default();
        let file = read_skills(&table, &mut report, &mut groups).unwrap();
        groups.flush_into(&mut report);
        (file, report)
    }

    const HEADER: &str =
        "Skill Name,Skill Description,Awareness,Working,Practitioner,Expert,Roles that require Skill\n";

    #[test]
    fn descriptors_skip_empty_and_undefined_levels() {
        let text = format!(
            "{HEADER}Testing,Testing involves tests.,This skill level is currently not defined.,\"You can:\n- test\",,You can lead,Test engineer\n"
        );
        let (file, report) = read(&text);
        let skill = &file.skills[0];
        assert_eq!(skill.code, "testing");
        assert_eq!(skill.descriptors.iter().map(|d| d.level).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(skill.descriptors[0].description, "You can:\n- test");
        let kinds: Vec<(EntryKind, &str)> = report.entries.iter().map(|e| (e.kind, e.message.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (EntryKind::MissingDescriptor, "Skill \"Testing\" has no text for Practitioner"),
                (
                    EntryKind::UndefinedDescriptor,
                    "Skill \"Testing\" reads \"This skill level is currently not defined\" for Awareness"
                ),
            ]
        );
    }

    #[test]
    fn duplicate_and_nameless_skills_are_reported() {
        let text = format!("{HEADER}Testing,a,,,,,\n testing ,b,,,,,\n,c,,,,,\n");
        let (file, report) = read(&text);
        assert_eq!(file.skills.len(), 1);
        assert_eq!(file.skills[0].description, "a");
        let dup = report.of_kind(EntryKind::DuplicateSkill).next().unwrap();
        assert_eq!(
            (dup.row, dup.message.as_str(), dup.action.as_str()),
            (Some(3), "Skill \"testing\" already appears in row 2", "kept first")
        );
        let empty = report.of_kind(EntryKind::EmptyRequiredCell).next().unwrap();
        assert_eq!(empty.row, Some(4));
        assert_eq!(report.of_kind(EntryKind::TrimmedSpaces).count(), 1);
    }
}
