//! The DDaT importer on the official exports in tests/fixtures/ddat (read at test time; the
//! product never reads them).

use super::*;
use crate::import::report::{EntryKind, ReportEntry, Severity};
use std::sync::OnceLock;

const ROLES_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ddat/ddat-roles.csv");
const SKILLS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ddat/ddat-skills.csv");

fn files() -> &'static (String, String) {
    static FILES: OnceLock<(String, String)> = OnceLock::new();
    FILES.get_or_init(|| (std::fs::read_to_string(ROLES_PATH).unwrap(), std::fs::read_to_string(SKILLS_PATH).unwrap()))
}

fn imported() -> &'static (FrameworkDoc, ValidationReport) {
    static IMPORTED: OnceLock<(FrameworkDoc, ValidationReport)> = OnceLock::new();
    IMPORTED.get_or_init(|| {
        let (roles, skills) = files();
        parse_ddat(roles, skills, "DDaT 2026-11-23").unwrap()
    })
}

fn entries(kind: EntryKind) -> Vec<&'static ReportEntry> {
    imported().1.of_kind(kind).collect()
}

#[test]
fn imports_exactly_8_families_52_roles_205_levels_188_skills() {
    let (doc, report) = imported();
    assert_eq!(doc.role_families.len(), 8);
    assert_eq!(doc.role_families.iter().map(|f| f.roles.len()).sum::<usize>(), 52);
    assert_eq!(doc.role_levels().count(), 205);
    assert_eq!(doc.skills.len(), 188);
    assert_eq!(
        (report.summary.role_families, report.summary.roles, report.summary.role_levels, report.summary.skills),
        (8, 52, 205, 188)
    );
    // 1,825 rows less the 16 repeats of 13 (role level, skill) pairs.
    assert_eq!(report.summary.requirements, 1809);
    assert_eq!(report.summary.records, 1825 + 188);
    assert_eq!(report.summary.errors, 0);
    assert_eq!(doc.check(), Vec::<String>::new());
}

#[test]
fn missing_skill_descriptions_are_listed_with_their_rows() {
    let missing = entries(EntryKind::MissingDescription);
    let making = missing
        .iter()
        .find(|e| e.file.as_deref() == Some("roles CSV") && e.message.contains("\"Making and guiding decisions\""))
        .unwrap();
    assert_eq!((making.row, making.line), (Some(5), Some(59)));
    assert_eq!(making.field.as_deref(), Some("Skill Description"));
    assert_eq!(
        making.message,
        "Skill Description of \"Making and guiding decisions\" reads MISSING in 4 rows: 5, 12, 20 and 28"
    );
    // The skills export leaves 41 descriptions empty; 36 of those skills read MISSING in the roles export.
    assert_eq!(missing.iter().filter(|e| e.file.as_deref() == Some("skills CSV")).count(), 41);
    assert_eq!(missing.iter().filter(|e| e.file.as_deref() == Some("roles CSV")).count(), 36);
    let analysis = missing
        .iter()
        .find(|e| e.file.as_deref() == Some("skills CSV") && e.message.contains("\"Analysis and synthesis\""))
        .unwrap();
    assert_eq!((analysis.row, analysis.line), (Some(10), Some(113)));
}

#[test]
fn repeated_role_level_skill_rows_keep_the_first() {
    let dups = entries(EntryKind::DuplicateRow);
    assert_eq!(dups.len(), 16);
    assert!(dups.iter().all(|d| d.severity == Severity::Info && d.action == "kept first"));
    let first = dups[0];
    assert_eq!((first.row, first.line), (Some(286), Some(5063)));
    assert_eq!(first.message, "Role level \"Associate data analyst\" lists skill \"Managing a data project\" again (first in row 285); the rows are identical");
    assert_eq!(dups[1].row, Some(287));
    let (doc, _) = imported();
    let (_, _, level) = doc.role_levels().find(|(_, _, l)| l.name == "Associate data analyst").unwrap();
    assert_eq!(level.requirements.iter().filter(|r| r.skill_code == "managing-a-data-project").count(), 1);
}

#[test]
fn not_in_use_roles_get_one_level_each() {
    let levels = entries(EntryKind::NotInUseRoleLevel);
    let roles: Vec<&str> = levels.iter().map(|e| e.message.split('"').nth(1).unwrap()).collect();
    assert_eq!(
        roles,
        [
            "Chief data officer",
            "Chief digital and information officer",
            "Chief information security officer",
            "Chief technology officer"
        ]
    );
    assert_eq!((levels[0].row, levels[0].line), (Some(205), Some(3437)));
    assert!(levels[0].message.ends_with("in 6 rows: 205, 206, 207, 208, 209 and 210"), "{}", levels[0].message);
    let skill_levels = entries(EntryKind::NotInUseSkillLevel);
    assert_eq!(skill_levels.len(), 4);
    let (doc, _) = imported();
    let cdo = doc.role_families.iter().flat_map(|f| &f.roles).find(|r| r.name == "Chief data officer").unwrap();
    assert_eq!(cdo.levels.len(), 1);
    assert_eq!(cdo.levels[0].name, "Chief data officer");
    assert_eq!(cdo.levels[0].role_type.as_deref(), Some("Senior Civil Service"));
    assert_eq!(cdo.levels[0].requirements.len(), 6);
    assert!(cdo.levels[0].requirements.iter().all(|r| r.level.is_none()));
}

#[test]
fn descriptor_quirks_are_listed_per_skill() {
    let undefined = entries(EntryKind::UndefinedDescriptor);
    let agile = undefined.iter().find(|e| e.message.contains("\"Agile working (content design)\"")).unwrap();
    assert_eq!((agile.row, agile.line, agile.field.as_deref()), (Some(7), Some(78), Some("Awareness")));
    // The 22 Senior Civil Service skills have no level texts at all.
    let empty = entries(EntryKind::MissingDescriptor);
    assert_eq!(empty.len(), 22);
    let culture = empty.iter().find(|e| e.message.contains("\"Changing security culture\"")).unwrap();
    assert_eq!(culture.row, Some(26));
    assert!(culture.message.ends_with("has no text for Awareness, Working, Practitioner, Expert"));
    let (doc, _) = imported();
    let skill = doc.skill("changing-security-culture").unwrap();
    assert!(skill.descriptors.is_empty());
    assert!(skill.description.starts_with("You can:\n- put in place continuous cyber"));
    assert_eq!(doc.skill("accessibility").unwrap().descriptors.len(), 4);
}

#[test]
fn trailing_space_in_a_level_name_is_removed() {
    let trimmed = entries(EntryKind::TrimmedSpaces);
    assert_eq!(trimmed.len(), 1);
    assert_eq!((trimmed[0].row, trimmed[0].line), (Some(740), Some(10930)));
    assert!(trimmed[0]
        .message
        .starts_with("Role Level \"End user computing engineer \" has extra spaces in 13 rows: 740, 741"));
    let (doc, _) = imported();
    assert!(doc.role_levels().any(|(_, _, l)| l.name == "End user computing engineer"));
}

#[test]
fn levels_are_ordered_most_junior_first() {
    let (doc, _) = imported();
    let role = |name: &str| doc.role_families.iter().flat_map(|f| &f.roles).find(|r| r.name == name).unwrap();
    let names = |name: &str| role(name).levels.iter().map(|l| l.name.clone()).collect::<Vec<_>>();
    assert_eq!(
        names("Development operations (DevOps) engineer"),
        [
            "Apprentice DevOps engineer",
            "Junior DevOps engineer",
            "DevOps engineer",
            "Senior DevOps engineer",
            "Senior DevOps engineer - management",
            "Lead DevOps engineer",
            "Lead DevOps engineer - management",
            "Principal DevOps engineer",
            "Principal DevOps engineer - management",
        ]
    );
    assert_eq!(
        names("Business analyst"),
        [
            "Trainee business analyst",
            "Junior business analyst",
            "Business analyst",
            "Senior business analyst",
            "Lead business analyst",
            "Head of business analysis"
        ]
    );
    let lead = &role("Development operations (DevOps) engineer").levels[5];
    assert_eq!(lead.role_type.as_deref(), Some("technical"));
    let systems_design = lead.requirements.iter().find(|r| r.skill_code == "systems-design").unwrap();
    assert_eq!(systems_design.level, Some(3));
    assert!(systems_design
        .description
        .starts_with("You can:\n- design systems characterised by medium levels of risk"));
}

#[test]
fn the_roles_export_parses_well_under_a_second() {
    let (roles, skills) = files();
    let started = std::time::Instant::now();
    let (doc, _) = parse_ddat(roles, skills, "timing").unwrap();
    let elapsed = started.elapsed();
    assert_eq!(doc.skills.len(), 188);
    let limit = if cfg!(debug_assertions) { 10.0 } else { 0.5 };
    assert!(elapsed.as_secs_f64() < limit, "took {elapsed:?}");
}
