//! Diffs of small versions made for the purpose, and of a DDaT import before and after a role
//! profile was merged into it.

use super::*;
use crate::framework::doc::{DescriptorDoc, RequirementDoc, RoleDoc, RoleFamilyDoc, RoleLevelDoc, SkillDoc};
use crate::framework::SkillKind;

fn skill(code: &str, name: &str, descriptors: &[(Level, &str)]) -> SkillDoc {
    SkillDoc {
        code: code.into(),
        name: name.into(),
        kind: SkillKind::Ddat,
        scale: Scale::Ddat,
        description: format!("{name} involves things."),
        category: None,
        subcategory: None,
        defined_levels: vec![],
        descriptors: descriptors
            .iter()
            .map(|(level, d)| DescriptorDoc { level: *level, description: d.to_string() })
            .collect(),
    }
}

fn req(code: &str, level: Option<Level>, description: &str) -> RequirementDoc {
    RequirementDoc { skill_code: code.into(), level, description: description.into() }
}

fn level(name: &str, requirements: Vec<RequirementDoc>) -> RoleLevelDoc {
    RoleLevelDoc {
        name: name.into(),
        description: format!("The {name}."),
        role_type: None,
        requirements,
        activities: vec![],
    }
}

fn doc(name: &str, skills: Vec<SkillDoc>, levels: Vec<RoleLevelDoc>) -> FrameworkDoc {
    FrameworkDoc {
        family: "ddat".into(),
        name: name.into(),
        source: "ddat-csv".into(),
        skills,
        role_families: vec![RoleFamilyDoc {
            name: "Quality".into(),
            roles: vec![RoleDoc { name: "Tester".into(), description: String::new(), levels }],
        }],
    }
}

fn versions() -> (FrameworkDoc, FrameworkDoc) {
    let old = doc(
        "DDaT 2025",
        vec![
            skill("testing", "Testing", &[(1, "You can know"), (2, "You can do")]),
            skill("user-focus", "User focus", &[]),
            skill("retired", "Retired skill", &[]),
        ],
        vec![
            level("Junior tester", vec![req("testing", Some(1), "know"), req("retired", Some(1), "")]),
            level("Tester", vec![req("testing", Some(2), "do"), req("user-focus", Some(2), "focus")]),
            level("Test lead", vec![req("testing", Some(4), "")]),
        ],
    );
    let mut testing = skill("testing", "Testing", &[(1, "You can know"), (2, "You can do well"), (4, "You can shape")]);
    testing.name = "Testing and assurance".into();
    testing.description = "Testing now covers assurance.".into();
    let new = doc(
        "DDaT 2026",
        vec![testing, skill("user-focus", "User focus", &[]), skill("automation", "Automation", &[])],
        vec![
            level("Junior tester", vec![req("testing", Some(1), "know"), req("automation", Some(1), "")]),
            level("Tester", vec![req("testing", Some(3), "do"), req("user-focus", Some(2), "focus on users")]),
            level("Senior tester", vec![req("testing", Some(3), "")]),
        ],
    );
    (old, new)
}

#[test]
fn skills_added_removed_and_changed_per_level() {
    let (old, new) = versions();
    let diff = diff_frameworks(&old, &new).unwrap();
    assert_eq!((diff.from.as_str(), diff.to.as_str(), diff.family.as_str()), ("DDaT 2025", "DDaT 2026", "ddat"));
    assert_eq!(diff.skills_added, [SkillRef { code: "automation".into(), name: "Automation".into() }]);
    assert_eq!(diff.skills_removed, [SkillRef { code: "retired".into(), name: "Retired skill".into() }]);
    assert_eq!(diff.skills_changed.len(), 1);
    let testing = &diff.skills_changed[0];
    assert_eq!(
        testing.name_change,
        Some(TextChange { before: "Testing".into(), after: "Testing and assurance".into() })
    );
    assert_eq!(
        testing.description_change,
        Some(TextChange { before: "Testing involves things.".into(), after: "Testing now covers assurance.".into() })
    );
    assert_eq!(
        testing.descriptors,
        [
            DescriptorChange { level: 2, before: Some("You can do".into()), after: Some("You can do well".into()) },
            DescriptorChange { level: 4, before: None, after: Some("You can shape".into()) },
        ]
    );
    assert_eq!(testing.scale_change, None);
}

#[test]
fn role_levels_and_their_requirements() {
    let (old, new) = versions();
    let diff = diff_frameworks(&old, &new).unwrap();
    let names = |refs: &[RoleLevelRef]| refs.iter().map(|r| r.level.clone()).collect::<Vec<_>>();
    assert_eq!(names(&diff.role_levels_added), ["Senior tester"]);
    assert_eq!(names(&diff.role_levels_removed), ["Test lead"]);
    let changed: Vec<(&str, &[RequirementChange])> =
        diff.role_levels_changed.iter().map(|c| (c.role_level.level.as_str(), c.requirements.as_slice())).collect();
    assert_eq!(
        changed,
        [
            (
                "Junior tester",
                &[
                    RequirementChange::Added {
                        skill_code: "automation".into(),
                        skill_name: "Automation".into(),
                        level: Some(1)
                    },
                    RequirementChange::Removed {
                        skill_code: "retired".into(),
                        skill_name: "Retired skill".into(),
                        level: Some(1)
                    },
                ][..]
            ),
            (
                "Tester",
                &[
                    RequirementChange::LevelChanged {
                        skill_code: "testing".into(),
                        skill_name: "Testing and assurance".into(),
                        from: Some(2),
                        to: Some(3)
                    },
                    RequirementChange::DescriptionChanged {
                        skill_code: "user-focus".into(),
                        skill_name: "User focus".into(),
                        level: Some(2)
                    },
                ][..]
            ),
        ]
    );
    let json = serde_json::to_value(&diff.role_levels_changed[1].requirements[0]).unwrap();
    assert_eq!(json["change"], "level-changed");
    assert_eq!(json["to"], 3);
}

#[test]
fn identical_versions_have_an_empty_diff_and_families_must_match() {
    let (old, _) = versions();
    assert!(diff_frameworks(&old, &old).unwrap().is_empty());
    let sfia = FrameworkDoc { family: "sfia".into(), name: "SFIA 9".into(), ..Default::default() };
    assert_eq!(
        diff_frameworks(&old, &sfia).unwrap_err().to_string(),
        "Only versions of one framework can be compared: \"DDaT 2025\" is ddat and \"SFIA 9\" is sfia"
    );
}

#[test]
fn held_role_levels_come_first_or_alone() {
    let (old, new) = versions();
    let diff = diff_frameworks(&old, &new).unwrap();
    let held: HashSet<(String, String)> =
        [("Tester".to_string(), "Tester".to_string()), ("Tester".to_string(), "Test lead".to_string())].into();
    let focused = focus_on_held(&diff, &held, false);
    let changed: Vec<(&str, bool)> =
        focused.role_levels_changed.iter().map(|c| (c.role_level.level.as_str(), c.role_level.held)).collect();
    assert_eq!(changed, [("Tester", true), ("Junior tester", false)]);
    assert!(focused.role_levels_removed[0].held);
    assert!(!focused.role_levels_added[0].held);
    assert_eq!(focused.skills_changed, diff.skills_changed);
    let only = focus_on_held(&diff, &held, true);
    assert_eq!(only.role_levels_changed.len(), 1);
    assert!(only.role_levels_added.is_empty());
    assert_eq!(only.role_levels_removed.len(), 1);
}

#[test]
fn merging_a_role_profile_into_ddat_shows_as_one_changed_level() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let roles = std::fs::read_to_string(format!("{dir}ddat/ddat-roles.csv")).unwrap();
    let skills = std::fs::read_to_string(format!("{dir}ddat/ddat-skills.csv")).unwrap();
    let (base, _) = crate::import::parse_ddat(&roles, &skills, "DDaT").unwrap();
    let text =
        std::fs::read_to_string(format!("{dir}role-profiles/lead-infrastructure-operations-engineer.txt")).unwrap();
    let (profile, _) = crate::import::parse_role_profile(&text).unwrap();
    let (merged, _) = crate::import::merge_role_profile(&base, &profile);
    let diff = diff_frameworks(&base, &merged).unwrap();
    assert_eq!(diff.skills_added.len(), 34);
    assert!(diff.skills_removed.is_empty() && diff.skills_changed.is_empty());
    assert!(diff.role_levels_added.is_empty() && diff.role_levels_removed.is_empty());
    assert_eq!(diff.role_levels_changed.len(), 1);
    let change = &diff.role_levels_changed[0];
    assert_eq!(change.role_level.level, "Lead infrastructure operations engineer");
    assert!(change.description_changed);
    assert!(change.requirements.contains(&RequirementChange::Removed {
        skill_code: "ownership-and-topic".into(),
        skill_name: "Ownership and topic".into(),
        level: Some(3)
    }));
    assert!(change.requirements.contains(&RequirementChange::DescriptionChanged {
        skill_code: "change-management".into(),
        skill_name: "Change management".into(),
        level: Some(3)
    }));
}
