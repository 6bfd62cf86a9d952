use super::*;
use crate::framework::doc::RoleLevelDoc;

fn level<'a>(doc: &'a FrameworkDoc, name: &str) -> &'a RoleLevelDoc {
    doc.role_levels().map(|(_, _, l)| l).find(|l| l.name == name).unwrap_or_else(|| panic!("no level {name}"))
}

fn required(level: &RoleLevelDoc, code: &str) -> Option<Level> {
    level
        .requirements
        .iter()
        .find(|r| r.skill_code == code)
        .unwrap_or_else(|| panic!("{} lacks {code}", level.name))
        .level
}

#[test]
fn starter_passes_the_framework_check() {
    let doc = starter();
    assert_eq!(doc.check(), Vec::<String>::new());
    assert_eq!((doc.family.as_str(), doc.name.as_str(), doc.source.as_str()), ("ddat", "Starter catalogue", "starter"));
}

#[test]
fn roles_come_from_their_ddat_families_most_junior_first() {
    let doc = starter();
    let levels_of = |role: &str| -> Vec<String> {
        doc.role_levels().filter(|(_, r, _)| r.name == role).map(|(_, _, l)| l.name.clone()).collect()
    };
    let devops = levels_of("Development operations (DevOps) engineer");
    assert_eq!(devops.len(), 9);
    assert_eq!(devops[0], "Apprentice DevOps engineer");
    let senior = devops.iter().position(|l| l == "Senior DevOps engineer").unwrap();
    let lead = devops.iter().position(|l| l == "Lead DevOps engineer").unwrap();
    assert!(senior < lead, "career path Senior -> Lead runs upwards");
    let infra = levels_of("Infrastructure operations engineer");
    assert_eq!(infra.first().map(String::as_str), Some("Associate infrastructure operations engineer"));
    assert_eq!(infra.last().map(String::as_str), Some("Principal infrastructure operations engineer"));
    let family =
        doc.role_families.iter().find(|f| f.roles.iter().any(|r| r.name == "Infrastructure operations engineer"));
    assert_eq!(family.map(|f| f.name.as_str()), Some("IT operations"));
}

#[test]
fn lead_devops_levels_require_what_the_export_says() {
    let doc = starter();
    let lead = level(&doc, "Lead DevOps engineer");
    assert_eq!(required(lead, "systems-design"), Some(3));
    assert_eq!(required(lead, "systems-integration"), Some(4));
    assert_eq!(required(lead, "service-support"), Some(4));
    assert_eq!(required(lead, "development-process-optimisation"), Some(2));
    assert_eq!(required(lead, "DESN"), Some(5));
    assert_eq!(lead.role_type.as_deref(), Some("technical"));
    let management = level(&doc, "Lead DevOps engineer - management");
    assert_eq!(required(management, "service-support"), Some(3));
    assert_eq!(required(management, "modern-development-standards"), Some(4));
    assert_eq!(management.role_type.as_deref(), Some("management"));
    assert_eq!(required(level(&doc, "Senior DevOps engineer"), "service-support"), Some(4));
}

#[test]
fn management_profile_holds_knowledge_behaviours_and_sfia() {
    let doc = starter();
    let management = level(&doc, "Lead DevOps engineer - management");
    let coaching = required(management, "coaching-techniques").unwrap();
    assert_eq!(Scale::Depth.level_name(coaching), Some("Familiar with"));
    assert_eq!(doc.skill("coaching-techniques").map(|s| s.kind), Some(SkillKind::Other));
    assert_eq!(required(management, "application-development-tools"), Some(4));
    assert_eq!(doc.skill("devops").map(|s| (s.kind, s.scale)), Some((SkillKind::Technical, Scale::Depth)));
    assert_eq!(required(management, "leadership"), None);
    assert_eq!(doc.skill("leadership").map(|s| s.scale), Some(Scale::Behavioural));
    assert_eq!(required(management, "PEMT"), Some(5));
    assert!(!level(&doc, "Lead DevOps engineer").requirements.iter().any(|r| r.skill_code == "PEMT"));
}

#[test]
fn qualifications_carry_their_awarding_body() {
    let doc = starter();
    let body = |level_name: &str, title: &str| {
        level(&doc, level_name)
            .activities
            .iter()
            .find(|a| a.kind == ActivityKind::Qualification && a.title == title)
            .and_then(|a| a.awarding_body.clone())
    };
    let bcs = Some("BCS – The Chartered Institute for IT".to_string());
    assert_eq!(body("Lead DevOps engineer - management", "Chartered IT Professional (CITP)"), bcs);
    assert_eq!(body("Lead infrastructure operations engineer", "Registered IT Technician (RITTech)"), bcs);
    assert_eq!(body("Lead DevOps engineer - management", "EXIN DevOps Master"), Some("Exin".to_string()));
    let count = |kind| {
        level(&doc, "Lead infrastructure operations engineer").activities.iter().filter(|a| a.kind == kind).count()
    };
    assert_eq!(
        (count(ActivityKind::Training), count(ActivityKind::Pda), count(ActivityKind::Qualification)),
        (9, 7, 3)
    );
}

/// The "IT Ops – ..." organisation skills of the Lead infrastructure operations engineer
/// profile, as the profile lists them, map one to one onto the export's DDaT skills.
#[test]
fn it_ops_profile_skills_map_onto_ddat_skills_at_the_same_levels() {
    let profile = [
        ("IT Ops – Asset and configuration management", 2),
        ("IT Ops – Availability and capacity management", 2),
        ("IT Ops – Change management", 3),
        ("IT Ops – Coding and scripting", 2),
        ("IT Ops – Continual service improvement", 2),
        ("IT Ops – Incident management", 3),
        ("IT Ops – Ownership and initiative", 3),
        ("IT Ops – Problem management", 2),
        ("IT Ops – Service focus", 2),
        ("IT Ops – Service management framework knowledge", 2),
        ("IT Ops – Technical specialism", 3),
        ("IT Ops – Technical understanding", 2),
        ("IT Ops – Testing", 3),
        ("IT Ops – User focus", 3),
    ];
    let doc = starter();
    let lead = level(&doc, "Lead infrastructure operations engineer");
    let ddat: Vec<(String, Option<Level>)> = lead
        .requirements
        .iter()
        .filter(|r| doc.skill(&r.skill_code).is_some_and(|s| s.kind == SkillKind::Ddat))
        .map(|r| (r.skill_code.clone(), r.level))
        .collect();
    let mapped: Vec<(String, Option<Level>)> = profile
        .iter()
        .map(|(name, l)| {
            let code = slug(name.trim_start_matches("IT Ops – "));
            let code = if code == "ownership-and-initiative" { "ownership-and-topic".to_string() } else { code };
            (code, Some(*l))
        })
        .collect();
    assert_eq!(ddat, mapped);
}

#[test]
fn skills_respect_their_scales_and_codes() {
    let doc = starter();
    for skill in &doc.skills {
        if skill.kind == SkillKind::Sfia {
            assert!(skill.code.chars().all(|c| c.is_ascii_uppercase()) && skill.code.len() == 4, "{}", skill.code);
        } else {
            assert_eq!(skill.code, slug(&skill.name));
        }
        assert_eq!(skill.scale, skill.kind.default_scale(), "{}", skill.name);
    }
    let ddat = doc.skills.iter().filter(|s| s.kind == SkillKind::Ddat);
    assert!(ddat.clone().all(|s| s.defined_levels.is_empty()), "DDaT skills span 1-4");
    assert_eq!(doc.skill("DESN").unwrap().defined_levels, vec![2, 3, 4, 5, 6]);
    assert_eq!(ddat.count(), 22);
}

/// Descriptors exist for the levels the framework describes: all four, except where the export
/// reads "currently not defined".
#[test]
fn ddat_skills_describe_the_levels_the_framework_describes() {
    let doc = starter();
    let described =
        |code: &str| -> Vec<Level> { doc.skill(code).unwrap().descriptors.iter().map(|d| d.level).collect() };
    assert_eq!(described("coding-and-scripting"), vec![1, 2]);
    assert_eq!(described("incident-management"), vec![1, 2, 3]);
    assert_eq!(described("ownership-and-topic"), vec![1, 2, 3]);
    let partial =
        ["coding-and-scripting", "continual-service-improvement", "incident-management", "ownership-and-topic"];
    for skill in doc.skills.iter().filter(|s| s.kind == SkillKind::Ddat) {
        if !partial.contains(&skill.code.as_str()) {
            assert_eq!(described(&skill.code), vec![1, 2, 3, 4], "{}", skill.name);
        }
    }
}

/// Our own words, kept short: one sentence of at most 130 characters.
#[test]
fn descriptions_are_single_short_sentences() {
    let doc = starter();
    let mut texts: Vec<&str> = Vec::new();
    for skill in &doc.skills {
        texts.push(&skill.description);
        texts.extend(skill.descriptors.iter().map(|d| d.description.as_str()));
    }
    for (_, role, level) in doc.role_levels() {
        texts.push(&role.description);
        texts.push(&level.description);
        texts.extend(level.requirements.iter().map(|r| r.description.as_str()));
        texts.extend(level.activities.iter().map(|a| a.details.as_str()));
    }
    for text in texts {
        assert!(!text.is_empty() && text.len() <= 130, "{text:?}");
        assert!(text.ends_with('.') && !text.trim_end_matches('.').contains(". "), "{text:?}");
    }
}
