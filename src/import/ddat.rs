//! Importing the DDaT Capability Framework from its two official CSV exports.
//!
//! * The **roles** export has one row per (role level, skill): Role Family, Role, Role
//!   Description, Role Level, Role Level Description, Skill Name, Skill Description, Skill Level,
//!   Skill Level Description, Role Type.
//! * The **skills** export has one row per skill: Skill Name, Skill Description, and what each
//!   level (Awareness, Working, Practitioner, Expert) means, plus the roles that require it.
//!
//! The result is one [`FrameworkDoc`] of family `"ddat"` and source `"ddat-csv"`: every skill of
//! kind and scale DDaT (code = [`slug`](crate::framework::slug) of the name, defined at all four
//! levels, descriptors from the skills export), and the families, roles and role levels of the
//! roles export with the level each requires of each skill and what that level means there.
//!
//! # The exports' quirks and what the importer does
//!
//! Each is listed in the report with its row, never dropped silently:
//!
//! | quirk | done |
//! |---|---|
//! | cells with line breaks | read as one cell; the row is the spreadsheet row, the line where it starts is given too |
//! | Skill Description `MISSING` (roles) or empty (skills) | description taken from the skills export, else from the roles export, else stored empty |
//! | level text empty or "This skill level is currently not defined." | no descriptor for that level (the skill can still be assessed at it) |
//! | role level `NOT IN USE` (the four Senior Civil Service "Chief ..." roles) | one level named after the role, empty description |
//! | Skill Level `NOT IN USE` | requirement without a level (never a gap) |
//! | Role Type `Senior Civil Service` | kept as the level's role type; "- management" names give `management`, their sibling `technical` |
//! | the same (role level, skill) in several rows | first row kept; the repeat is reported as identical or, if it differs, with both levels |
//! | names with spaces around them | spaces removed |
//! | a skill only in the roles export | added, with descriptors from the roles export's Skill Level Descriptions |
//! | a skill no role requires | kept |
//!
//! A wrong header, a row with too few columns or text past the last one, or a file without data
//! rows rejects the import. A row without a family, role, role level or skill name, or with a
//! Skill Level that is not a DDaT level, is skipped and reported as an error.
//!
//! Role levels are ordered most junior first by [`seniority::seniority`], because the exports list
//! them alphabetically.

mod roles;
pub mod seniority;
mod skills;

use super::error::ImportError;
use super::report::{EntryKind, RowGroups, Severity, ValidationReport};
use super::table::{check_header, read_table, CsvRow};
use super::text::decode;
use crate::framework::FrameworkDoc;

/// The file names used in messages.
pub const ROLES_FILE: &str = "roles CSV";
pub const SKILLS_FILE: &str = "skills CSV";

/// Columns of the roles export, in order.
pub const ROLES_HEADER: [&str; 10] = [
    "Role Family",
    "Role",
    "Role Description",
    "Role Level",
    "Role Level Description",
    "Skill Name",
    "Skill Description",
    "Skill Level",
    "Skill Level Description",
    "Role Type",
];

/// Columns of the skills export, in order.
pub const SKILLS_HEADER: [&str; 7] =
    ["Skill Name", "Skill Description", "Awareness", "Working", "Practitioner", "Expert", "Roles that require Skill"];

/// Imports the two DDaT exports as the framework version `version_name`.
pub fn parse_ddat(
    roles_csv: &str,
    skills_csv: &str,
    version_name: &str,
) -> Result<(FrameworkDoc, ValidationReport), ImportError> {
    let roles_table = read_table(roles_csv, ROLES_FILE)?;
    let skills_table = read_table(skills_csv, SKILLS_FILE)?;
    check_header(
        ROLES_FILE,
        "the DDaT roles export",
        &ROLES_HEADER,
        &roles_table.header,
        swapped_hint(&roles_table.header, &SKILLS_HEADER, "skills"),
    )?;
    check_header(
        SKILLS_FILE,
        "the DDaT skills export",
        &SKILLS_HEADER,
        &skills_table.header,
        swapped_hint(&skills_table.header, &ROLES_HEADER, "roles"),
    )?;
    for (table, file) in [(&roles_table, ROLES_FILE), (&skills_table, SKILLS_FILE)] {
        if table.rows.is_empty() {
            return Err(ImportError::NoData { file: file.to_string() });
        }
    }

    let mut report = ValidationReport::new();
    let mut groups = RowGroups::default();
    let skills_file = skills::read_skills(&skills_table, &mut report, &mut groups)?;
    let mut build = roles::RolesBuild::default();
    for row in &roles_table.rows {
        build.add(row, &skills_file, &mut report, &mut groups)?;
    }
    groups.flush_into(&mut report);
    skills::report_unused(&skills_file, &build.used, &mut report);
    report.info(
        super::report::At::file().in_file(SKILLS_FILE),
        Some(SKILLS_HEADER[6]),
        EntryKind::ColumnNotStored,
        "The column \"Roles that require Skill\" is not stored: which role levels require a skill is read from the roles CSV",
        "not stored",
    );
    let used = build.used.clone();
    let (role_families, roles_only) = build.finish(&mut report);
    let mut skills = skills_file.skills;
    fill_descriptions_from_roles(&mut skills, &roles_table.rows, &used);
    skills.extend(roles_only);

    let doc = FrameworkDoc {
        family: "ddat".to_string(),
        name: version_name.trim().to_string(),
        source: "ddat-csv".to_string(),
        skills,
        role_families,
    };
    report.finish(roles_table.rows.len() + skills_table.rows.len(), &doc);
    Ok((doc, report))
}

/// Decodes both uploads (any of the encodings [`decode`] knows), notes how, and imports them.
pub fn parse_ddat_bytes(
    roles_csv: &[u8],
    skills_csv: &[u8],
    version_name: &str,
) -> Result<(FrameworkDoc, ValidationReport), ImportError> {
    let roles = decode(roles_csv, ROLES_FILE)?;
    let skills = decode(skills_csv, SKILLS_FILE)?;
    let (doc, mut report) = parse_ddat(&roles.text, &skills.text, version_name)?;
    let mut notes = ValidationReport::new();
    roles.note(ROLES_FILE, &mut notes);
    skills.note(SKILLS_FILE, &mut notes);
    report.prepend(notes, &doc);
    Ok((doc, report))
}

fn swapped_hint(found: &[String], other: &[&str], other_name: &str) -> Option<String> {
    let same = found.len() >= other.len() && found.iter().zip(other).all(|(f, o)| f == o);
    same.then(|| format!("This looks like the DDaT {other_name} export: were the two files swapped?"))
}

/// Skills whose description is empty in the skills export take the roles export's, when that
/// is not `MISSING` either.
fn fill_descriptions_from_roles(
    skills: &mut [crate::framework::doc::SkillDoc],
    rows: &[CsvRow],
    used: &std::collections::HashSet<String>,
) {
    let wanted: std::collections::HashMap<String, usize> = skills
        .iter()
        .enumerate()
        .filter(|(_, s)| s.description.is_empty() && used.contains(&s.code))
        .map(|(i, s)| (s.code.clone(), i))
        .collect();
    if wanted.is_empty() {
        return;
    }
    for row in rows {
        let description = row.cell(6).trim();
        if is_missing(description) {
            continue;
        }
        if let Some(&i) = wanted.get(&crate::framework::slug(row.cell(5))) {
            if skills[i].description.is_empty() {
                skills[i].description = description.to_string();
            }
        }
    }
}

/// `MISSING` or empty: the export has no text here.
fn is_missing(text: &str) -> bool {
    let text = text.trim();
    text.is_empty() || text == "MISSING"
}

/// A name cell with its whitespace tidied (trimmed, runs of spaces and line breaks made one
/// space). A change is noted once per distinct value, listing every row.
fn clean_name(row: &CsvRow, column: usize, field: &str, groups: &mut RowGroups) -> String {
    let raw = row.cell(column);
    let cleaned = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned != raw && !cleaned.is_empty() {
        let subject = format!("{field} \"{raw}\" has extra spaces");
        groups.add(row.at(), field, Severity::Info, EntryKind::TrimmedSpaces, &subject, "spaces removed");
    }
    cleaned
}

#[cfg(test)]
mod real_data;
#[cfg(test)]
mod tests;
