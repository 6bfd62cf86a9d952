//! Importing SFIA skills from the SFIA Foundation's skills spreadsheet, saved as CSV.
//!
//! The user supplies the file: SFIA's licence forbids redistributing it, so none is shipped
//! or committed; the tests use small files of our own in the same shape.
//!
//! # Shape
//!
//! One header row, then one row per skill (cells may span lines):
//!
//! `#`, `Levels` and six more level columns with empty headers, `Code`, `URL`, `Skill`,
//! `Category`, `Subcategory`, `Overall description`, `Guidance notes`, `Level 1 description`
//! ... `Level 7 description`.
//!
//! The seven level columns hold a level number where the skill is defined at that level and are
//! empty elsewhere. Named columns are found by name (case and surrounding spaces do not matter),
//! the level columns are the seven starting at `Levels`; a header without them is rejected.
//!
//! # Result
//!
//! A [`FrameworkDoc`] of family `"sfia"`, source `"sfia-csv"`, with skills only: kind and scale
//! SFIA, code = the SFIA code ("DESN"), category and subcategory, `defined_levels` exactly the
//! levels marked in the level columns, and a descriptor for each of those levels. The skill's
//! description is the overall description followed by the guidance notes. The summary counts
//! skills per category and subcategory.
//!
//! Reported: a level number in another level's column (the number is used), a description for a
//! level the skill is not defined at (not stored), a defined level without a description (kept),
//! a skill with no level marked (levels taken from the descriptions present), duplicate codes
//! (first kept), empty names and descriptions, and the URL column, which is not stored.

use super::error::ImportError;
use super::report::{At, EntryKind, GroupCount, ValidationReport};
use super::table::{check_width, read_table, CsvRow};
use super::text::decode;
use crate::framework::doc::{DescriptorDoc, SkillDoc};
use crate::framework::{FrameworkDoc, SkillKind};
use crate::scale::{Level, Scale};
use std::collections::HashMap;

pub const SFIA_FILE: &str = "SFIA CSV";

/// The named columns, by their header text.
const NAMED: [&str; 7] = ["Code", "URL", "Skill", "Category", "Subcategory", "Overall description", "Guidance notes"];
const REQUIRED: [&str; 5] = ["Code", "Skill", "Category", "Subcategory", "Overall description"];

/// Where each column is.
#[derive(Debug)]
struct Columns {
    levels: usize,
    named: HashMap<&'static str, usize>,
    descriptions: [usize; 7],
    /// Header texts, for messages.
    header: Vec<String>,
}

impl Columns {
    fn get(&self, name: &str) -> Option<usize> {
        self.named.get(name).copied()
    }

    fn text<'r>(&self, row: &'r CsvRow, name: &str) -> &'r str {
        self.get(name).map_or("", |i| row.cell(i).trim())
    }
}

/// The header as the SFIA Foundation publishes it, for error messages.
fn expected_header() -> Vec<String> {
    let mut expected = vec!["#".to_string(), "Levels".to_string()];
    expected.extend(std::iter::repeat_n("(empty)".to_string(), 6));
    expected.extend(NAMED.iter().map(|s| s.to_string()));
    expected.extend((1..=7).map(|l| format!("Level {l} description")));
    expected
}

fn find_columns(header: &[String]) -> Result<Columns, ImportError> {
    let position = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let wrong = || ImportError::WrongHeader {
        file: SFIA_FILE.to_string(),
        export: "the SFIA skills spreadsheet".to_string(),
        expected: expected_header(),
        found: header.iter().map(|h| if h.is_empty() { "(empty)".to_string() } else { h.clone() }).collect(),
        hint: None,
    };
    let levels = position("Levels").filter(|&i| i + 7 <= header.len()).ok_or_else(wrong)?;
    let mut named = HashMap::new();
    for name in NAMED {
        if let Some(i) = position(name) {
            named.insert(name, i);
        } else if REQUIRED.contains(&name) {
            return Err(wrong());
        }
    }
    let mut descriptions = [0; 7];
    for (i, slot) in descriptions.iter_mut().enumerate() {
        *slot = position(&format!("Level {} description", i + 1)).ok_or_else(wrong)?;
    }
    let level_columns = levels..levels + 7;
    if named.values().chain(&descriptions).any(|i| level_columns.contains(i)) {
        return Err(wrong());
    }
    Ok(Columns { levels, named, descriptions, header: header.to_vec() })
}

/// Imports the SFIA skills CSV as the framework version `version_name`.
pub fn parse_sfia(csv_text: &str, version_name: &str) -> Result<(FrameworkDoc, ValidationReport), ImportError> {
    let table = read_table(csv_text, SFIA_FILE)?;
    let columns = find_columns(&table.header)?;
    if table.rows.is_empty() {
        return Err(ImportError::NoData { file: SFIA_FILE.to_string() });
    }
    let header: Vec<&str> = columns.header.iter().map(String::as_str).collect();
    let mut report = ValidationReport::new();
    let mut skills: Vec<SkillDoc> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        check_width(row, &header)?;
        if row.is_blank() {
            report.info(row.at(), None, EntryKind::EmptyRow, "The row is empty", "skipped");
            continue;
        }
        if let Some(skill) = read_skill(row, &columns, &seen, &mut report) {
            seen.insert(skill.code.clone(), row.row);
            skills.push(skill);
        }
    }
    if columns.get("URL").is_some() {
        let message = "The URL column is not stored: the code identifies the skill";
        report.info(At::file().in_file(SFIA_FILE), Some("URL"), EntryKind::ColumnNotStored, message, "not stored");
    }
    report.summary.groups = group_counts(&skills);
    let doc = FrameworkDoc {
        family: "sfia".to_string(),
        name: version_name.trim().to_string(),
        source: "sfia-csv".to_string(),
        skills,
        role_families: Vec::new(),
    };
    report.finish(table.rows.len(), &doc);
    Ok((doc, report))
}

/// Decodes the upload (UTF-8, UTF-16 or, commonly, Windows-1252), notes how, and imports it.
pub fn parse_sfia_bytes(bytes: &[u8], version_name: &str) -> Result<(FrameworkDoc, ValidationReport), ImportError> {
    let decoded = decode(bytes, SFIA_FILE)?;
    let (doc, mut report) = parse_sfia(&decoded.text, version_name)?;
    let mut notes = ValidationReport::new();
    decoded.note(SFIA_FILE, &mut notes);
    report.prepend(notes, &doc);
    Ok((doc, report))
}

/// One skill row; `None` (reported) when it has no code or repeats one.
fn read_skill(
    row: &CsvRow,
    columns: &Columns,
    seen: &HashMap<String, usize>,
    report: &mut ValidationReport,
) -> Option<SkillDoc> {
    let code = columns.text(row, "Code").to_string();
    if code.is_empty() {
        report.error(row.at(), Some("Code"), EntryKind::EmptyRequiredCell, "The skill has no code", "skipped");
        return None;
    }
    if let Some(first) = seen.get(&code) {
        report.warning(
            row.at(),
            Some("Code"),
            EntryKind::DuplicateSkill,
            format!("Code {code} already appears in row {first}"),
            "kept first",
        );
        return None;
    }
    let mut name = columns.text(row, "Skill").to_string();
    if name.is_empty() {
        report.warning(
            row.at(),
            Some("Skill"),
            EntryKind::EmptyRequiredCell,
            format!("Skill {code} has no name"),
            "named after its code",
        );
        name = code.clone();
    }
    let overall = columns.text(row, "Overall description");
    if overall.is_empty() {
        report.warning(
            row.at(),
            Some("Overall description"),
            EntryKind::MissingDescription,
            format!("Skill {code} has no overall description"),
            "stored without description",
        );
    }
    let description = match columns.text(row, "Guidance notes") {
        "" => overall.to_string(),
        notes => format!("{overall}\n\nGuidance notes:\n{notes}").trim_start().to_string(),
    };
    let (defined_levels, descriptors) = levels(row, columns, &code, report);
    let optional = |field: &str| Some(columns.text(row, field).to_string()).filter(|s| !s.is_empty());
    Some(SkillDoc {
        code,
        name,
        kind: SkillKind::Sfia,
        scale: Scale::Sfia,
        description,
        category: optional("Category"),
        subcategory: optional("Subcategory"),
        defined_levels,
        descriptors,
    })
}

/// The levels marked in the level columns, and a descriptor for each that has a description.
fn levels(
    row: &CsvRow,
    columns: &Columns,
    code: &str,
    report: &mut ValidationReport,
) -> (Vec<Level>, Vec<DescriptorDoc>) {
    let mut defined = marked_levels(row, columns, code, report);
    let descriptions: Vec<(Level, &str)> = (1..=7)
        .zip(columns.descriptions)
        .map(|(level, i)| (level, row.cell(i).trim()))
        .filter(|(_, d)| !d.is_empty())
        .collect();
    if defined.is_empty() {
        defined = descriptions.iter().map(|(l, _)| *l).collect();
        let (message, action) = if defined.is_empty() {
            (format!("Skill {code} has no level marked and no level description"), "stored as defined at every level")
        } else {
            (
                format!("Skill {code} has no level marked in the level columns"),
                "levels taken from the level descriptions present",
            )
        };
        report.warning(row.at(), Some("Levels"), EntryKind::NoDefinedLevels, message, action);
    }
    let mut descriptors = Vec::new();
    for &level in &defined {
        match descriptions.iter().find(|(l, _)| *l == level) {
            Some((_, text)) => descriptors.push(DescriptorDoc { level, description: text.to_string() }),
            None => report.warning(
                row.at(),
                Some(&format!("Level {level} description")),
                EntryKind::DefinedLevelWithoutDescription,
                format!("Skill {code} is defined at level {level} but has no description for it"),
                "level kept without a descriptor",
            ),
        }
    }
    for (level, _) in descriptions.iter().filter(|(l, _)| !defined.contains(l)) {
        report.warning(
            row.at(),
            Some(&format!("Level {level} description")),
            EntryKind::DescriptionForUndefinedLevel,
            format!("Skill {code} has a description for level {level}, where it is not defined"),
            "description not stored",
        );
    }
    (defined, descriptors)
}

/// Levels from the seven level columns. A number in the cell is the level (reported if it is not
/// the column's own); any other mark counts as the column's level.
fn marked_levels(row: &CsvRow, columns: &Columns, code: &str, report: &mut ValidationReport) -> Vec<Level> {
    let mut levels = Vec::new();
    for offset in 0..7u8 {
        let column_level = offset + 1;
        let text = row.cell(columns.levels + usize::from(offset)).trim();
        if text.is_empty() {
            continue;
        }
        let level = match text.parse::<u8>() {
            Ok(n) if n == column_level => n,
            Ok(n) if Scale::Sfia.contains(n) => {
                let message = format!("Skill {code}: the column for level {column_level} holds {n}");
                report.info(
                    row.at(),
                    Some("Levels"),
                    EntryKind::LevelColumnMismatch,
                    message,
                    format!("stored level {n}"),
                );
                n
            }
            _ => {
                let message =
                    format!("Skill {code}: the column for level {column_level} holds \"{text}\", not a level number");
                report.warning(
                    row.at(),
                    Some("Levels"),
                    EntryKind::LevelColumnMismatch,
                    message,
                    format!("taken as level {column_level}"),
                );
                column_level
            }
        };
        if !levels.contains(&level) {
            levels.push(level);
        }
    }
    levels.sort_unstable();
    levels
}

/// Skills per category (subcategory `None`), each followed by its subcategories, in file order.
fn group_counts(skills: &[SkillDoc]) -> Vec<GroupCount> {
    // Categories in order of appearance, each with its subcategories in order of appearance.
    let mut categories: Vec<(GroupCount, Vec<GroupCount>)> = Vec::new();
    let mut category_index: HashMap<String, usize> = HashMap::new();
    let mut sub_index: HashMap<(usize, String), usize> = HashMap::new();
    for skill in skills {
        let category = skill.category.clone().unwrap_or_else(|| "(no category)".to_string());
        let subcategory = skill.subcategory.clone().unwrap_or_else(|| "(no subcategory)".to_string());
        let c = *category_index.entry(category.clone()).or_insert_with(|| {
            categories.push((GroupCount { category: category.clone(), subcategory: None, skills: 0 }, Vec::new()));
            categories.len() - 1
        });
        let subs = &mut categories[c].1;
        let s = *sub_index.entry((c, subcategory.clone())).or_insert_with(|| {
            subs.push(GroupCount { category, subcategory: Some(subcategory), skills: 0 });
            subs.len() - 1
        });
        categories[c].0.skills += 1;
        categories[c].1[s].skills += 1;
    }
    categories.into_iter().flat_map(|(category, subs)| std::iter::once(category).chain(subs)).collect()
}

#[cfg(test)]
mod tests;
