//! The SFIA importer on files of our own making (every description invented).

use super::*;
use crate::import::report::Severity;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/sfia-sample-windows-1252.csv");

const HEADER: &str = "#,Levels,,,,,,,Code,URL,Skill,Category,Subcategory,Overall description,Guidance notes,\
Level 1 description,Level 2 description,Level 3 description,Level 4 description,Level 5 description,Level 6 description,Level 7 description\n";

/// A row with `marks` in the seven level columns and `descriptions` for levels 1-7.
fn row(code: &str, marks: [&str; 7], descriptions: [&str; 7]) -> String {
    let marks = marks.join(",");
    let descriptions: Vec<String> = descriptions.iter().map(|d| format!("\"{d}\"")).collect();
    format!("1,{marks},{code},https://example.org,Skill {code},Cat,Sub,Overall {code}.,,{}\n", descriptions.join(","))
}

fn import(rows: &str) -> (FrameworkDoc, ValidationReport) {
    parse_sfia(&format!("{HEADER}{rows}"), "SFIA test").unwrap()
}

#[test]
fn the_windows_1252_sample_keeps_quotes_dashes_and_sparse_levels() {
    let bytes = std::fs::read(FIXTURE).unwrap();
    let (doc, report) = parse_sfia_bytes(&bytes, "SFIA sample").unwrap();
    assert_eq!((doc.family.as_str(), doc.source.as_str(), doc.name.as_str()), ("sfia", "sfia-csv", "SFIA sample"));
    assert!(doc.role_families.is_empty());
    let codes: Vec<&str> = doc.skills.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes, ["DESN", "PROG", "TECH", "PBMG"]);

    let desn = doc.skill("DESN").unwrap();
    assert_eq!((desn.kind, desn.scale), (SkillKind::Sfia, Scale::Sfia));
    assert_eq!(desn.name, "Systems design");
    assert_eq!(desn.category.as_deref(), Some("Development and implementation"));
    assert_eq!(desn.subcategory.as_deref(), Some("Systems development"));
    assert_eq!(desn.defined_levels, [2, 3, 4, 5, 6]);
    assert!(
        desn.description.starts_with("Shaping how a system’s parts fit together – an invented summary"),
        "{}",
        desn.description
    );
    assert!(desn.description.ends_with("Guidance notes:\nInvented notes:\n- sketching options\n- weighing trade-offs"));
    assert_eq!(desn.descriptors.iter().map(|d| d.level).collect::<Vec<_>>(), [2, 3, 4, 5, 6]);
    assert_eq!(desn.descriptors[4].description, "Leads design across the organisation’s services.");
    assert!(!desn.allows(1) && !desn.allows(7));

    let prog = doc.skill("PROG").unwrap();
    assert_eq!(prog.descriptors[0].description, "Writes simple code\nwith help.");

    let tech = doc.skill("TECH").unwrap();
    assert_eq!(tech.defined_levels, [4, 5, 6]);
    assert_eq!(tech.descriptors.len(), 3);
    let extra = report.of_kind(EntryKind::DescriptionForUndefinedLevel).next().unwrap();
    assert_eq!((extra.row, extra.line, extra.field.as_deref()), (Some(4), Some(7), Some("Level 7 description")));
    assert_eq!(extra.action, "description not stored");

    let pbmg = doc.skill("PBMG").unwrap();
    assert_eq!(pbmg.defined_levels, [3, 4, 5]);
    assert_eq!(pbmg.descriptors.len(), 2);
    let missing = report.of_kind(EntryKind::DefinedLevelWithoutDescription).next().unwrap();
    assert_eq!(missing.message, "Skill PBMG is defined at level 5 but has no description for it");
    assert_eq!(missing.row, Some(5));

    let encoding = report.of_kind(EntryKind::Encoding).next().unwrap();
    assert_eq!(encoding.message, "The SFIA CSV was read as windows-1252 by detection (the file is not UTF-8)");
    assert!(doc.check().is_empty());
}

#[test]
fn summary_counts_skills_per_category_and_subcategory() {
    let bytes = std::fs::read(FIXTURE).unwrap();
    let (_, report) = parse_sfia_bytes(&bytes, "SFIA sample").unwrap();
    let groups: Vec<(&str, Option<&str>, usize)> =
        report.summary.groups.iter().map(|g| (g.category.as_str(), g.subcategory.as_deref(), g.skills)).collect();
    assert_eq!(
        groups,
        [
            ("Development and implementation", None, 2),
            ("Development and implementation", Some("Systems development"), 2),
            ("Strategy and architecture", None, 1),
            ("Strategy and architecture", Some("Advice and guidance"), 1),
            ("Delivery and operation", None, 1),
            ("Delivery and operation", Some("Service management"), 1),
        ]
    );
    assert_eq!((report.summary.skills, report.summary.records), (4, 4));
}

#[test]
fn utf8_with_bom_reads_the_same() {
    let text = encoding_rs::WINDOWS_1252.decode(&std::fs::read(FIXTURE).unwrap()).0.into_owned();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.as_bytes());
    let (doc, _) = parse_sfia_bytes(&bytes, "v").unwrap();
    assert_eq!(doc.skill("DESN").unwrap().descriptors[0].description, "Helps draw simple designs – invented.");
}

#[test]
fn level_numbers_in_other_columns_and_other_marks_are_reported() {
    let marks = ["3", "4", "", "", "", "", "x"];
    let descriptions = ["", "", "three", "four", "", "", "seven"];
    let (doc, report) = import(&row("ABCD", marks, descriptions));
    assert_eq!(doc.skills[0].defined_levels, [3, 4, 7]);
    let mismatches: Vec<(Severity, &str, &str)> = report
        .of_kind(EntryKind::LevelColumnMismatch)
        .map(|e| (e.severity, e.message.as_str(), e.action.as_str()))
        .collect();
    assert_eq!(
        mismatches,
        [
            (Severity::Info, "Skill ABCD: the column for level 1 holds 3", "stored level 3"),
            (Severity::Info, "Skill ABCD: the column for level 2 holds 4", "stored level 4"),
            (
                Severity::Warning,
                "Skill ABCD: the column for level 7 holds \"x\", not a level number",
                "taken as level 7"
            ),
        ]
    );
}

#[test]
fn skills_without_marked_levels_take_them_from_their_descriptions() {
    let rows = [row("ONE", [""; 7], ["", "two", "three", "", "", "", ""]), row("TWO", [""; 7], [""; 7])].concat();
    let (doc, report) = import(&rows);
    assert_eq!(doc.skills[0].defined_levels, [2, 3]);
    assert!(doc.skills[1].defined_levels.is_empty());
    let actions: Vec<&str> = report.of_kind(EntryKind::NoDefinedLevels).map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["levels taken from the level descriptions present", "stored as defined at every level"]);
}

#[test]
fn duplicate_codes_and_rows_without_code_are_reported() {
    let marks = ["1", "", "", "", "", "", ""];
    let descriptions = ["one", "", "", "", "", "", ""];
    let rows =
        [row("DUPE", marks, descriptions), row("DUPE", marks, descriptions), row("", marks, descriptions)].concat();
    let (doc, report) = import(&rows);
    assert_eq!(doc.skills.len(), 1);
    let dup = report.of_kind(EntryKind::DuplicateSkill).next().unwrap();
    assert_eq!((dup.row, dup.message.as_str()), (Some(3), "Code DUPE already appears in row 2"));
    let empty = report.of_kind(EntryKind::EmptyRequiredCell).next().unwrap();
    assert_eq!((empty.row, empty.severity, empty.action.as_str()), (Some(4), Severity::Error, "skipped"));
}

#[test]
fn a_header_without_the_sfia_columns_is_rejected() {
    let err = parse_sfia("Code,Skill,Description\nDESN,Systems design,x\n", "v").unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with(
            "The SFIA CSV does not have the columns of the SFIA skills spreadsheet. Expected: #, Levels, (empty),"
        ),
        "{message}"
    );
    assert!(message.ends_with("Found: Code, Skill, Description"), "{message}");
    assert_eq!(parse_sfia(HEADER, "v").unwrap_err(), ImportError::NoData { file: "SFIA CSV".into() });
}

/// A whole spreadsheet in the layout of the SFIA Foundation's file (whose licence forbids shipping
/// it): 24 invented skills in 6 categories and 12 subcategories, saved as Windows-1252 with CRLF
/// line ends, guidance notes and level descriptions spanning lines, and levels defined at some
/// levels only (some with a gap in the middle). Every name and text is our own.
#[test]
fn a_whole_spreadsheet_in_the_real_layout() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/sfia-full-layout-windows-1252.csv");
    let (doc, report) = parse_sfia_bytes(&std::fs::read(path).unwrap(), "SFIA full layout").unwrap();
    assert_eq!(doc.skills.len(), 24);
    let categories = report.summary.groups.iter().filter(|g| g.subcategory.is_none()).count();
    let subcategories = report.summary.groups.iter().filter(|g| g.subcategory.is_some()).count();
    assert_eq!((categories, subcategories), (6, 12));
    assert!(doc.skills.iter().all(|s| !s.defined_levels.is_empty()), "every skill has its levels marked");
    let defined: usize = doc.skills.iter().map(|s| s.defined_levels.len()).sum();
    assert_eq!(defined, 81, "every marked level is kept, gaps included");
    assert!(doc.skills.iter().all(|s| s.descriptors.len() == s.defined_levels.len()));
    assert_eq!(doc.check(), Vec::<String>::new());
    assert_eq!(report.summary.errors, 0);

    let first = doc.skill("PIPA").unwrap();
    assert_eq!(first.name, "Pipeline management");
    assert_eq!(first.defined_levels, [4, 5, 6, 7]);
    assert_eq!(first.descriptors[0].description, "Starts pipeline work\nwith guidance – invented.");
    assert!(first
        .description
        .starts_with("Pipeline work – an invented description of our own for tests, in the shape of SFIA’s."));
    assert!(first.description.ends_with("Guidance notes:\nInvented guidance:\n- pipeline reviews\n- pipeline records"));
    let accented = doc.skills.iter().find(|s| s.name.starts_with("Résumé")).expect("a name with an accent");
    assert_eq!(accented.name, "Résumé management");
    let gapped = doc.skills.iter().find(|s| s.defined_levels.windows(2).any(|w| w[1] != w[0] + 1));
    assert!(gapped.is_some(), "a skill defined at levels with a gap between them");
}
