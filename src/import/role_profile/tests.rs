//! Role profiles as HTML, malformed input, and merging profiles into framework versions.

use super::seed_tests::{ddat_summary, infrastructure, management, role_definition};
use super::*;
use crate::framework::doc::{DescriptorDoc, RequirementDoc, RoleDoc, RoleFamilyDoc, RoleLevelDoc, SkillDoc};
use crate::framework::FrameworkDoc;
use crate::import::report::Severity;
use crate::scale::Scale;
use std::sync::OnceLock;

const HTML: &str = r#"<!DOCTYPE html>
<html><head><title>Role</title><style>td { color: red; }</style></head>
<body>
<h1>Lead Test Engineer &ndash; Technical</h1>
<h2>Summary</h2>
<p>A lead test engineer leads testing across a service.</p>
<h2>Knowledge/Skills</h2>
<table>
<tr><th>Title</th><th>Depth</th><th>Details</th><th>Type</th></tr>
<tr><td>Test Automation</td><td>Expert in</td><td>Tools &amp; frameworks that run tests.</td><td>Technical Knowledge and Skills</td></tr>
<tr><td>Teamwork</td><td></td><td>Working with others.</td><td>Behavioural Skills</td></tr>
</table>
<h2>Qualifications</h2>
<table><tr><td>ISTQB Advanced Test Manager</td><td>ISTQB</td></tr></table>
<script>document.write("<p>Skill: Injected</p>")</script>
<p>Systems Testing (TEST) &ndash; Level 5</p>
</body></html>"#;

#[test]
fn html_pages_are_read_with_tags_stripped() {
    let (profile, _) = parse_role_profile(HTML).unwrap();
    assert_eq!(profile.level.as_deref(), Some("Lead Test Engineer"));
    assert_eq!(profile.role_type.as_deref(), Some("technical"));
    assert_eq!(profile.summary, "A lead test engineer leads testing across a service.");
    let items: Vec<(&str, SkillKind, Option<Level>, &str)> =
        profile.knowledge.iter().map(|k| (k.name.as_str(), k.kind, k.depth, k.details.as_str())).collect();
    assert_eq!(
        items,
        [
            ("Test Automation", SkillKind::Technical, Some(4), "Tools & frameworks that run tests."),
            ("Teamwork", SkillKind::Behavioural, None, "Working with others."),
        ]
    );
    assert_eq!(profile.qualifications[0].awarding_body.as_deref(), Some("ISTQB"));
    assert_eq!(profile.sfia_skills[0].code, "TEST");
    assert_eq!(profile.qualifications.len(), 1);
    assert!(profile.ddat_skills.is_empty(), "script content must not be read");
    assert!(profile.unrecognised.is_empty(), "{:?}", profile.unrecognised);
}

#[test]
fn empty_binary_and_unrelated_input_is_rejected() {
    assert!(matches!(parse_role_profile(""), Err(ImportError::Empty { .. })));
    assert!(matches!(parse_role_profile(" \n\t\n"), Err(ImportError::Empty { .. })));
    let err = parse_role_profile_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap_err();
    assert!(matches!(err, ImportError::Binary { .. }), "{err}");
    let err = parse_role_profile("Dear all,\nthe meeting moves to Thursday.\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "No role profile was found in the role profile: it has no summary, skills, knowledge, training, PDAs or qualifications that could be read"
    );
}

#[test]
fn uploaded_bytes_note_their_encoding() {
    let text = "Lead tester\nSummary\nA lead tester’s work – testing.\n";
    let bytes = encoding_rs::WINDOWS_1252.encode(text).0.into_owned();
    let (profile, report) = parse_role_profile_bytes(&bytes).unwrap();
    assert_eq!(profile.summary, "A lead tester’s work – testing.");
    assert_eq!(
        report.entries[0].message,
        "The role profile was read as windows-1252 by detection (the file is not UTF-8)"
    );
}

#[test]
fn missing_depths_and_awarding_bodies_are_reported() {
    let text = "Lead tester\nKnowledge/Skills\nTest Design\nDesigning tests.\nTechnical Knowledge and Skills\nQualifications\nISTQB Foundation\n";
    let (profile, report) = parse_role_profile(text).unwrap();
    assert_eq!(profile.knowledge[0].depth, None);
    let depth = report.of_kind(EntryKind::MissingDepth).next().unwrap();
    assert_eq!(
        (depth.line, depth.severity, depth.message.as_str()),
        (Some(3), Severity::Warning, "\"Test Design\" has no depth")
    );
    let body = report.of_kind(EntryKind::MissingAwardingBody).next().unwrap();
    assert_eq!((body.line, body.action.as_str()), (Some(7), "stored without awarding body"));
}

#[test]
fn the_parsed_profile_serialises_for_the_preview() {
    let json = serde_json::to_value(infrastructure()).unwrap();
    assert_eq!(json["level"], "Lead infrastructure operations engineer");
    assert_eq!(json["knowledge"][7]["kind"], "technical");
    assert_eq!(json["knowledge"][7]["depth"], 3);
    assert_eq!(json["ddat_skills"][2]["name"], "Change management");
    assert_eq!(json["ddat_skills"][2]["group"], "IT Ops");
    let back: ParsedRoleProfile = serde_json::from_value(json).unwrap();
    assert_eq!(back, infrastructure());
}

fn ddat_base() -> &'static FrameworkDoc {
    static BASE: OnceLock<FrameworkDoc> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ddat/");
        let roles = std::fs::read_to_string(format!("{dir}ddat-roles.csv")).unwrap();
        let skills = std::fs::read_to_string(format!("{dir}ddat-skills.csv")).unwrap();
        crate::import::parse_ddat(&roles, &skills, "DDaT").unwrap().0
    })
}

fn level<'d>(doc: &'d FrameworkDoc, name: &str) -> &'d RoleLevelDoc {
    doc.role_levels().find(|(_, _, l)| l.name == name).map(|(_, _, l)| l).unwrap()
}

fn required(level: &RoleLevelDoc, code: &str) -> Option<Option<Level>> {
    level.requirements.iter().find(|r| r.skill_code == code).map(|r| r.level)
}

#[test]
fn infrastructure_profile_replaces_its_ddat_level_reusing_ddat_skills() {
    let base = ddat_base();
    let (doc, report) = merge_role_profile(base, &infrastructure());
    assert_eq!(doc.check(), Vec::<String>::new());
    assert_eq!(doc.role_levels().count(), 205);
    let lead = level(&doc, "Lead infrastructure operations engineer");
    // "IT Ops – Change management" is the DDaT skill "Change management", at 3 Practitioner.
    assert_eq!(required(lead, "change-management"), Some(Some(3)));
    assert_eq!(required(lead, "asset-and-configuration-management"), Some(Some(2)));
    assert_eq!(required(lead, "equipment-installation"), Some(Some(4)));
    assert_eq!(required(lead, "teamwork"), Some(None));
    assert_eq!(lead.requirements.len(), 47);
    assert_eq!(lead.activities.len(), 19);
    assert_eq!(
        doc.skill("change-management").unwrap().descriptors,
        base.skill("change-management").unwrap().descriptors
    );
    let added: Vec<(&str, Severity)> =
        report.of_kind(EntryKind::SkillAdded).map(|e| (e.message.as_str(), e.severity)).collect();
    assert_eq!(added[0], ("DDaT skill \"Ownership and initiative\" is not in this version (closest: \"Ownership and topic\"); it may have been renamed", Severity::Warning));
    assert_eq!(added.len(), 1 + 33);
    assert_eq!(doc.skills.len(), base.skills.len() + 34);
    let replaced = report.of_kind(EntryKind::RoleLevelReplaced).next().unwrap();
    assert!(replaced.message.starts_with("Role level \"Lead infrastructure operations engineer\" of role \"Infrastructure operations engineer\" was replaced: 14 requirements before, 47 now"), "{}", replaced.message);
    let reused = report.of_kind(EntryKind::SkillReused).next().unwrap();
    assert!(
        reused
            .message
            .starts_with("13 of the profile's skills are already in the version: Asset and configuration management"),
        "{}",
        reused.message
    );
}

#[test]
fn management_profile_replaces_the_management_level_and_matches_qualified_names() {
    let base = ddat_base();
    let (doc, report) = merge_role_profile(base, &management());
    assert_eq!(doc.check(), Vec::<String>::new());
    let lead = level(&doc, "Lead DevOps engineer - management");
    assert_eq!(lead.role_type.as_deref(), Some("management"));
    assert_eq!(required(lead, "development-process-optimisation"), Some(Some(3)));
    assert_eq!(required(lead, "application-development-tools"), Some(Some(4)));
    assert_eq!(required(lead, "modern-standards-approach"), Some(Some(4)));
    let matched = report.of_kind(EntryKind::SkillReused).next().unwrap();
    assert_eq!(matched.message, "\"Development process optimisation (management)\" was matched to the existing skill \"Development process optimisation\", without its qualifier");
    assert!(report.of_kind(EntryKind::SkillAdded).any(|e| e
        .message
        .contains("\"Modern standards approach\" is not in this version (closest: \"Modern development standards\")")));
    // The technical level is untouched.
    assert_eq!(level(&doc, "Lead DevOps engineer"), level(base, "Lead DevOps engineer"));
}

#[test]
fn the_short_form_keeps_the_versions_levels_for_skills_it_lists_without_one() {
    let base = ddat_base();
    let (doc, report) = merge_role_profile(base, &ddat_summary());
    assert_eq!(doc.check(), Vec::<String>::new());
    let lead = level(&doc, "Lead DevOps engineer");
    assert_eq!(required(lead, "systems-design"), Some(Some(3)));
    assert_eq!(required(lead, "service-support"), Some(Some(4)));
    assert_eq!(lead.requirements.len(), 10);
    assert!(lead.requirements[5].description.starts_with("- approach prototyping as a team activity"));
    let replaced = report.of_kind(EntryKind::RoleLevelReplaced).next().unwrap();
    assert!(
        replaced
            .message
            .contains("10 requirements before, 10 now (10 stated without a level kept the version's level)"),
        "{}",
        replaced.message
    );
    assert_eq!(doc.skills.len(), base.skills.len());
}

#[test]
fn a_profile_matching_no_role_gets_a_new_family_role_and_level() {
    let base = ddat_base();
    let (doc, report) = merge_role_profile(base, &role_definition());
    assert_eq!(doc.check(), Vec::<String>::new());
    let family = doc.role_families.last().unwrap();
    assert_eq!(family.name, "Imported role profiles");
    assert_eq!(family.roles[0].name, "DevOps");
    assert_eq!(family.roles[0].levels[0].name, "Lead DevOps");
    assert_eq!(doc.skill("PEMT").unwrap().kind, SkillKind::Sfia);
    let added = report.of_kind(EntryKind::RoleLevelAdded).next().unwrap();
    assert_eq!(
        added.message,
        "Role \"DevOps\" with role level \"Lead DevOps\" was added to family \"Imported role profiles\""
    );
}

fn skill(code: &str, kind: SkillKind, defined: Vec<Level>) -> SkillDoc {
    SkillDoc {
        code: code.to_string(),
        name: code.to_string(),
        kind,
        scale: kind.default_scale(),
        description: String::new(),
        category: None,
        subcategory: None,
        defined_levels: defined,
        descriptors: vec![DescriptorDoc { level: 1, description: "x".into() }],
    }
}

fn small_base() -> FrameworkDoc {
    let level = |name: &str| RoleLevelDoc {
        name: name.to_string(),
        description: "old".into(),
        role_type: None,
        requirements: vec![RequirementDoc { skill_code: "testing".into(), level: Some(2), description: String::new() }],
        activities: vec![],
    };
    FrameworkDoc {
        family: "ddat".into(),
        name: "v1".into(),
        source: "json".into(),
        skills: vec![skill("testing", SkillKind::Ddat, vec![]), skill("DESN", SkillKind::Sfia, vec![2, 3, 4, 5, 6])],
        role_families: vec![RoleFamilyDoc {
            name: "Quality".into(),
            roles: vec![RoleDoc {
                name: "Test engineer".into(),
                description: String::new(),
                levels: vec![level("Test engineer"), level("Principal test engineer")],
            }],
        }],
    }
}

#[test]
fn a_new_level_joins_its_role_in_seniority_order_with_conflicts_resolved() {
    let text = "Lead Test Engineer\nSummary\nLeads testing.\nKnowledge/Skills\nTesting\nProficient in\nKnowing tests.\nTechnical Knowledge and Skills\n\
                Skills Framework for the Information Age\nSystems Design (DESN) – Level 7\n";
    let (profile, _) = parse_role_profile(text).unwrap();
    let (doc, report) = merge_role_profile(&small_base(), &profile);
    assert_eq!(doc.check(), Vec::<String>::new());
    let names: Vec<&str> = doc.role_families[0].roles[0].levels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Test engineer", "Lead Test Engineer", "Principal test engineer"]);
    let lead = &doc.role_families[0].roles[0].levels[1];
    // The knowledge item "Testing" cannot share the DDaT skill's code.
    assert_eq!(required(lead, "testing-technical"), Some(Some(3)));
    assert_eq!(doc.skill("testing-technical").unwrap().scale, Scale::Depth);
    let conflict = report.of_kind(EntryKind::CodeConflict).next().unwrap();
    assert_eq!(
        conflict.message,
        "The version has a skill coded testing on another scale; \"Testing\" was added as testing-technical"
    );
    // DESN is not defined at level 7 in this version.
    assert_eq!(required(lead, "DESN"), Some(None));
    let undefined = report.of_kind(EntryKind::LevelNotDefined).next().unwrap();
    assert_eq!(
        (undefined.message.as_str(), undefined.action.as_str()),
        ("\"DESN\" is not defined at level 7 in this version", "required without a level")
    );
}
