//! The DDaT importer on small exports of our own making, one quirk at a time.

use super::*;
use crate::framework::SkillKind;
use crate::import::report::{EntryKind, Severity};
use crate::scale::Scale;

const ROLES: &str = "Role Family,Role,Role Description,Role Level,Role Level Description,Skill Name,Skill Description,Skill Level,Skill Level Description,Role Type\n";
const SKILLS: &str = "Skill Name,Skill Description,Awareness,Working,Practitioner,Expert,Roles that require Skill\n";

fn skills_csv() -> String {
    format!(
        "{SKILLS}Testing,Testing involves tests.,You can know,You can do,You can lead,You can shape,Tester\n\
         User focus,MISSING,,,,,Tester\n\
         Unused skill,Nobody needs it.,a,b,c,d,\n"
    )
}

fn row(level: &str, skill: &str, skill_level: &str) -> String {
    format!("Quality,Tester,Tests things.,{level},The {level}.,{skill},Testing involves tests.,{skill_level},\"You can:\n- {skill_level}\",\n")
}

fn import(roles_rows: &str) -> (FrameworkDoc, ValidationReport) {
    parse_ddat(&format!("{ROLES}{roles_rows}"), &skills_csv(), "DDaT test").unwrap()
}

#[test]
fn builds_families_roles_levels_and_requirements() {
    let rows = [
        row("Senior tester", "Testing", "Practitioner"),
        row("Junior tester", "Testing", "Awareness"),
        row("Tester", "User focus", "Working"),
    ]
    .concat();
    let (doc, report) = import(&rows);
    assert_eq!((doc.family.as_str(), doc.source.as_str(), doc.name.as_str()), ("ddat", "ddat-csv", "DDaT test"));
    let role = &doc.role_families[0].roles[0];
    let names: Vec<&str> = role.levels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Junior tester", "Tester", "Senior tester"]);
    let senior = &role.levels[2];
    assert_eq!(senior.requirements[0].skill_code, "testing");
    assert_eq!(senior.requirements[0].level, Some(3));
    assert_eq!(senior.requirements[0].description, "You can:\n- Practitioner");
    let testing = doc.skill("testing").unwrap();
    assert_eq!((testing.kind, testing.scale), (SkillKind::Ddat, Scale::Ddat));
    assert_eq!(testing.descriptors.len(), 4);
    assert!(doc.check().is_empty(), "{:?}", doc.check());
    assert_eq!(report.summary.role_levels, 3);
    assert_eq!(report.summary.records, 6);
}

#[test]
fn missing_descriptions_are_reported_per_skill_with_every_row() {
    let rows = [row("Tester", "User focus", "Working"), row("Senior tester", "User focus", "Expert")]
        .concat()
        .replace("Testing involves tests.", "MISSING");
    let (doc, report) = import(&rows);
    let entries: Vec<_> = report.of_kind(EntryKind::MissingDescription).collect();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].file.as_deref(), Some("skills CSV"));
    assert_eq!(entries[0].row, Some(3));
    assert_eq!(entries[1].file.as_deref(), Some("roles CSV"));
    assert_eq!(entries[1].message, "Skill Description of \"User focus\" reads MISSING in 2 rows: 2 and 3");
    assert_eq!(entries[1].row, Some(2));
    assert_eq!(entries[1].line, Some(2));
    assert_eq!(doc.skill("user-focus").unwrap().description, "");
}

#[test]
fn not_in_use_levels_become_one_level_named_after_the_role() {
    let rows = "Chief digital and data,Chief data officer,A chief data officer leads.,NOT IN USE,NOT IN USE,Testing,x,NOT IN USE,NOT IN USE,Senior Civil Service\n\
                Chief digital and data,Chief data officer,A chief data officer leads.,NOT IN USE,NOT IN USE,User focus,x,NOT IN USE,NOT IN USE,Senior Civil Service\n";
    let (doc, report) = import(rows);
    let level = &doc.role_families[0].roles[0].levels[0];
    assert_eq!(level.name, "Chief data officer");
    assert_eq!(level.description, "");
    assert_eq!(level.role_type.as_deref(), Some("Senior Civil Service"));
    assert!(level.requirements.iter().all(|r| r.level.is_none() && r.description.is_empty()));
    let not_in_use = report.of_kind(EntryKind::NotInUseRoleLevel).next().unwrap();
    assert_eq!(
        not_in_use.message,
        "Role \"Chief data officer\" has the role level \"NOT IN USE\" (it has no levels) in 2 rows: 2 and 3"
    );
    assert_eq!(not_in_use.action, "stored as a single level named after the role");
    let skill_level = report.of_kind(EntryKind::NotInUseSkillLevel).next().unwrap();
    assert_eq!(skill_level.action, "required without a level");
    assert_eq!(report.of_kind(EntryKind::RoleType).count(), 1);
    assert!(doc.check().is_empty());
}

#[test]
fn duplicate_rows_keep_the_first_and_say_whether_they_differ() {
    let rows =
        [row("Tester", "Testing", "Working"), row("Tester", "Testing", "Working"), row("Tester", "Testing", "Expert")]
            .concat();
    let (doc, report) = import(&rows);
    let level = &doc.role_families[0].roles[0].levels[0];
    assert_eq!(level.requirements.len(), 1);
    assert_eq!(level.requirements[0].level, Some(2));
    let dups: Vec<_> = report.of_kind(EntryKind::DuplicateRow).collect();
    assert_eq!(dups.len(), 2);
    assert_eq!((dups[0].row, dups[0].severity), (Some(3), Severity::Info));
    assert_eq!(
        dups[0].message,
        "Role level \"Tester\" lists skill \"Testing\" again (first in row 2); the rows are identical"
    );
    assert_eq!((dups[1].row, dups[1].severity), (Some(4), Severity::Warning));
    assert!(dups[1].message.ends_with("this row says Expert where row 2 says Working"), "{}", dups[1].message);
    assert!(dups.iter().all(|d| d.action == "kept first"));
}

#[test]
fn skills_only_in_one_file_are_reported() {
    let rows = [
        row("Tester", "Testing", "Working"),
        row("Tester", "Automation", "Expert"),
        row("Lead tester", "Automation", "Expert"),
    ]
    .concat();
    let (doc, report) = import(&rows);
    let automation = doc.skill("automation").unwrap();
    assert_eq!(automation.descriptors.len(), 1);
    assert_eq!(automation.descriptors[0].level, 4);
    assert_eq!(automation.descriptors[0].description, "You can:\n- Expert");
    let only = report.of_kind(EntryKind::SkillOnlyInRoles).next().unwrap();
    assert_eq!((only.row, only.severity), (Some(3), Severity::Warning));
    let unused: Vec<&str> = report.of_kind(EntryKind::SkillUnused).map(|e| e.message.as_str()).collect();
    assert_eq!(
        unused,
        [
            "No role level in the roles CSV requires skill \"User focus\"",
            "No role level in the roles CSV requires skill \"Unused skill\""
        ]
    );
    assert!(doc.check().is_empty());
}

#[test]
fn management_variants_sit_beside_their_technical_level() {
    let rows = [
        row("Lead tester - management", "Testing", "Expert"),
        row("Lead tester", "Testing", "Expert"),
        row("Senior tester", "Testing", "Practitioner"),
    ]
    .concat();
    let (doc, _) = import(&rows);
    let levels: Vec<(&str, Option<&str>)> =
        doc.role_families[0].roles[0].levels.iter().map(|l| (l.name.as_str(), l.role_type.as_deref())).collect();
    assert_eq!(
        levels,
        [("Senior tester", None), ("Lead tester", Some("technical")), ("Lead tester - management", Some("management"))]
    );
}

#[test]
fn unusable_rows_are_skipped_and_reported_as_errors() {
    let rows = [
        row("Tester", "Testing", "Mastery"),
        row("", "Testing", "Working"),
        row("Tester", "User focus", "Working"),
        "\n,,,,,,,,,\n".to_string(),
    ]
    .concat();
    let (doc, report) = import(&rows);
    assert_eq!(doc.role_families[0].roles[0].levels[0].requirements.len(), 1);
    let unknown = report.of_kind(EntryKind::UnknownLevel).next().unwrap();
    assert_eq!((unknown.row, unknown.severity, unknown.action.as_str()), (Some(2), Severity::Error, "skipped"));
    assert_eq!(unknown.field.as_deref(), Some("Skill Level"));
    let empty = report.of_kind(EntryKind::EmptyRequiredCell).next().unwrap();
    assert_eq!((empty.row, empty.field.as_deref()), (Some(3), Some("Role Level")));
    assert_eq!(report.of_kind(EntryKind::EmptyRow).count(), 1);
    assert_eq!(report.summary.errors, 2);
}

#[test]
fn names_with_spaces_are_trimmed_once_per_value() {
    let rows = [row("Tester ", "Testing", "Working"), row("Tester ", "User focus", "Working")].concat();
    let (doc, report) = import(&rows);
    assert_eq!(doc.role_families[0].roles[0].levels[0].name, "Tester");
    let trimmed: Vec<_> = report.of_kind(EntryKind::TrimmedSpaces).collect();
    assert_eq!(trimmed.len(), 1);
    assert_eq!(trimmed[0].message, "Role Level \"Tester \" has extra spaces in 2 rows: 2 and 3");
}

#[test]
fn wrong_headers_are_rejected_naming_expected_and_found_columns() {
    let roles = format!("Role Family,Role,Description\n{}", row("Tester", "Testing", "Working"));
    let err = parse_ddat(&roles, &skills_csv(), "v").unwrap_err();
    let message = err.to_string();
    assert!(message.starts_with("The roles CSV does not have the columns of the DDaT roles export. Expected: Role Family, Role, Role Description, Role Level"), "{message}");
    assert!(message.ends_with("Found: Role Family, Role, Description"), "{message}");
    let err = parse_ddat(&skills_csv(), &format!("{ROLES}{}", row("Tester", "Testing", "Working")), "v").unwrap_err();
    assert!(err.to_string().ends_with("This looks like the DDaT skills export: were the two files swapped?"), "{err}");
}

#[test]
fn broken_rows_and_empty_files_reject_the_import() {
    let short = format!("{ROLES}{}Quality,Tester,x\n", row("Tester", "Testing", "Working"));
    let err = parse_ddat(&short, &skills_csv(), "v").unwrap_err();
    assert_eq!(
        err.to_string(),
        "The roles CSV, row 3 (line 4), column \"Role Level\": the row has 3 columns; expected 10"
    );
    assert_eq!(parse_ddat(ROLES, &skills_csv(), "v").unwrap_err(), ImportError::NoData { file: "roles CSV".into() });
    assert!(matches!(parse_ddat("", &skills_csv(), "v"), Err(ImportError::Empty { .. })));
}

#[test]
fn bytes_are_decoded_and_the_encoding_reported() {
    let roles = format!("{ROLES}{}", row("Tester", "Testing", "Working"));
    let skills = skills_csv().replace("Testing involves tests.", "Testing’s scope \u{2013} wide");
    let skills_1252: Vec<u8> = skills
        .chars()
        .map(|c| match c {
            '’' => 0x92,
            '–' => 0x96,
            c => c as u8,
        })
        .collect();
    let (doc, report) = parse_ddat_bytes(roles.as_bytes(), &skills_1252, "v").unwrap();
    assert_eq!(doc.skill("testing").unwrap().description, "Testing’s scope – wide");
    let notes: Vec<&str> = report.of_kind(EntryKind::Encoding).map(|e| e.message.as_str()).collect();
    assert_eq!(
        notes,
        [
            "The roles CSV was read as UTF-8 (valid UTF-8)",
            "The skills CSV was read as windows-1252 by detection (the file is not UTF-8)"
        ]
    );
    assert_eq!(report.summary.by_kind[&EntryKind::Encoding], 2);
}
