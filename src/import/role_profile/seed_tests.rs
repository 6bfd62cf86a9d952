//! The four role profiles in tests/fixtures/role-profiles (read at test time), each checked against what it
//! states.

use super::*;
use crate::framework::SkillKind::{Behavioural, Other, Technical};
use crate::scale::Scale;

fn seed(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/role-profiles/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn parse(name: &str) -> (ParsedRoleProfile, ValidationReport) {
    parse_role_profile(&seed(name)).unwrap()
}

pub(super) fn management() -> ParsedRoleProfile {
    parse("lead-devops-engineer-management.txt").0
}

pub(super) fn infrastructure() -> ParsedRoleProfile {
    parse("lead-infrastructure-operations-engineer.txt").0
}

pub(super) fn role_definition() -> ParsedRoleProfile {
    parse("lead-devops-role-definition.md").0
}

pub(super) fn ddat_summary() -> ParsedRoleProfile {
    parse("lead-devops-engineer-ddat-summary.txt").0
}

fn knowledge(profile: &ParsedRoleProfile) -> Vec<(&str, SkillKind, Option<Level>)> {
    profile.knowledge.iter().map(|k| (k.name.as_str(), k.kind, k.depth)).collect()
}

fn ddat(profile: &ParsedRoleProfile) -> Vec<(&str, Option<Level>)> {
    profile.ddat_skills.iter().map(|s| (s.name.as_str(), s.level)).collect()
}

fn titles(items: &[TitledText]) -> Vec<&str> {
    items.iter().map(|t| t.title.as_str()).collect()
}

fn qualifications(profile: &ParsedRoleProfile) -> Vec<(&str, Option<&str>)> {
    profile.qualifications.iter().map(|q| (q.title.as_str(), q.awarding_body.as_deref())).collect()
}

#[test]
fn management_profile_names_and_summary() {
    let profile = management();
    assert_eq!(profile.level.as_deref(), Some("Lead DevOps Engineer"));
    assert_eq!(profile.role_type.as_deref(), Some("management"));
    assert_eq!(profile.level_name(), "Lead DevOps Engineer - management");
    assert_eq!(profile.role.as_deref(), Some("DevOps Engineer"));
    assert_eq!(profile.family.as_deref(), Some("Software Development"));
    assert_eq!(
        profile.summary,
        "A lead DevOps engineer leads one or a small number of related project teams and contributes to the development of the strategic direction.\n\
         At this role level, you will:\n\
         - act as a technical product owner, developing medium to long term strategies for product lines\n\
         - provide technical leadership and guidance through coaching and mentoring\n\
         - lead the sharing of knowledge and good practice"
    );
}

#[test]
fn management_profile_knowledge_with_depths_and_types() {
    let profile = management();
    assert_eq!(
        knowledge(&profile),
        [
            ("Conceptual Thinking", Behavioural, None),
            ("Creativity", Behavioural, None),
            ("Attention to Detail", Behavioural, None),
            ("Organisational Awareness", Behavioural, None),
            ("Cross-Functional and Inter-Disciplinary Awareness", Behavioural, None),
            ("Interacting with People", Behavioural, None),
            ("Influence, Persuasion and Personal Impact", Behavioural, None),
            ("Teamwork", Behavioural, None),
            ("Leadership", Behavioural, None),
            ("Providing Direction", Behavioural, None),
            ("Delegation", Behavioural, None),
            ("Follow-up and Monitoring", Behavioural, None),
            ("Application Systems", Technical, Some(3)),
            ("Application Development Tools", Technical, Some(4)),
            ("Configuration Management", Technical, Some(3)),
            ("Programming Languages", Technical, Some(4)),
            ("Operational/Service Architecture", Technical, Some(3)),
            ("Structured Reviews", Technical, Some(3)),
            ("Software Testing Tools", Technical, Some(3)),
            ("Middleware", Technical, Some(3)),
            ("DevOps", Technical, Some(4)),
            ("Agile", Technical, Some(4)),
            ("Appraisal Techniques", Other, Some(3)),
            ("Techniques for Effective Meetings", Other, Some(3)),
            ("Coaching Techniques", Other, Some(2)),
            ("Standards Writing Techniques", Other, Some(2)),
            ("Project Planning and Control Techniques", Other, Some(2)),
            ("Own Organisation’s Learning and Development Procedures", Other, Some(2)),
            ("Resource Allocation", Other, Some(3)),
            ("Performance Monitoring", Other, Some(3)),
            ("Disciplinary Issues and Procedures", Other, Some(2)),
            ("Team Dynamics", Other, Some(2)),
        ]
    );
    let teamwork = &profile.knowledge[7];
    assert_eq!(
        (teamwork.type_label.as_str(), teamwork.details.as_str()),
        ("Behavioural", "Working collaboratively with others to achieve a common goal.")
    );
    let tools = &profile.knowledge[13];
    assert_eq!(tools.details, "Software tools which automate or assist part of the development process.");
    assert_eq!(tools.line, 203);
}

#[test]
fn management_profile_organisation_skills_and_activities() {
    let profile = management();
    assert_eq!(
        ddat(&profile),
        [
            ("Availability and capacity management", Some(3)),
            ("Development process optimisation (management)", Some(3)),
            ("Information security", Some(3)),
            ("Modern standards approach", Some(4)),
            ("Programming and build (software engineering)", Some(3)),
            ("Prototyping", Some(3)),
            ("Service support", Some(3)),
            ("Systems design", Some(3)),
            ("Systems integration", Some(3)),
            ("User focus", Some(3)),
        ]
    );
    let support = &profile.ddat_skills[6];
    assert_eq!(support.group.as_deref(), Some("Software Development"));
    assert_eq!(
        (support.description.as_str(), support.level_description.as_str()),
        ("You can maintain and support services.", "You can identify, locate and fix faults.")
    );
    assert_eq!(
        titles(&profile.training),
        [
            "Corporate Policies, Standards, Procedures, Guidelines and Tools",
            "Software Configuration",
            "Coaching",
            "Career/Talent Development Methods and Tools",
            "Mentoring",
            "Security Awareness"
        ]
    );
    assert_eq!(profile.training[2].details, "Concepts, methods and techniques for providing coaching in subject specialisms to individuals or groups (e.g. GROW model).");
    assert_eq!(
        titles(&profile.pdas),
        [
            "Deputising",
            "Job Shadowing and Special Assignments",
            "Project Assignments",
            "Mentoring",
            "Research Assignments",
            "Gaining Knowledge of Broader IT Issues",
            "Gaining Strategic Knowledge of Employing Organisation",
            "Participation in Professional Body Affairs",
            "Negotiating and Influencing",
            "Management Development",
        ]
    );
    assert_eq!(
        qualifications(&profile),
        [
            ("Chartered IT Professional (CITP)", Some("BCS – The Chartered Institute for IT")),
            ("FEDIP Advanced Practitioner", Some("FEDIP")),
            ("EXIN DevOps Master", Some("Exin")),
        ]
    );
    assert_eq!(titles(&profile.work_activities).len(), 21);
    assert_eq!(profile.work_activities[3].title, "Workshop design");
    assert_eq!(titles(&profile.background), ["Prior Knowledge and Skills", "Prior Knowledge and Skills"]);
}

#[test]
fn management_profile_lists_exactly_the_footer_as_not_understood() {
    let (profile, report) = parse("lead-devops-engineer-management.txt");
    let unrecognised: Vec<(usize, &str)> = profile.unrecognised.iter().map(|u| (u.line, u.text.as_str())).collect();
    assert_eq!(
        unrecognised,
        [
            (555, "This job role profile was created in collaboration with BCS, using Role Model Plus. BCS is the professional body that has the responsibility of updating this job family."),
            (559, "The Occupational Architecture Project is interative and dynamic"),
            (562, "If you would like to provide feedback on this job role, or the job families, please click the button below."),
        ]
    );
    assert_eq!(profile.unrecognised[0].section.as_deref(), Some("Organisation Skills"));
    assert_eq!(report.of_kind(EntryKind::Unrecognised).count(), 2);
    assert_eq!((report.summary.skills, report.summary.requirements, report.summary.activities), (42, 42, 19));
}

#[test]
fn infrastructure_profile_pipe_tables() {
    let (profile, report) = parse("lead-infrastructure-operations-engineer.txt");
    assert_eq!(profile.level.as_deref(), Some("Lead infrastructure operations engineer"));
    assert_eq!(profile.role.as_deref(), Some("Infrastructure operations engineer"));
    assert_eq!(profile.family.as_deref(), Some("IT Operations"));
    assert_eq!(profile.role_type, None);
    let inferred = report.of_kind(EntryKind::InferredName).next().unwrap();
    assert_eq!(inferred.message, "The profile has no title; the role level \"Lead infrastructure operations engineer\" was taken from the summary's first sentence");
    assert!(profile.summary.ends_with("- manage the development of architectural solutions for IT operations solutions, throughout the service life cycle"));
    assert_eq!(
        ddat(&profile),
        [
            ("Asset and configuration management", Some(2)),
            ("Availability and capacity management", Some(2)),
            ("Change management", Some(3)),
            ("Coding and scripting", Some(2)),
            ("Continual service improvement", Some(2)),
            ("Incident management", Some(3)),
            ("Ownership and initiative", Some(3)),
            ("Problem management", Some(2)),
            ("Service focus", Some(2)),
            ("Service management framework knowledge", Some(2)),
            ("Technical specialism", Some(3)),
            ("Technical understanding", Some(2)),
            ("Testing", Some(3)),
            ("User focus", Some(3)),
        ]
    );
    let change = &profile.ddat_skills[2];
    assert_eq!(change.group.as_deref(), Some("IT Ops"));
    assert_eq!(Scale::Ddat.label(change.level.unwrap()), "3 Practitioner");
    assert_eq!(change.level_description, "You can deal with high impact, complex change requests. You can ensure that release policies, procedures and processes are applied.");
    assert!(change.description.starts_with("You can manage service changes, configuration items"));
    assert_eq!(change.line, 256);
}

#[test]
fn infrastructure_profile_knowledge_activities_and_qualifications() {
    let profile = infrastructure();
    let items = knowledge(&profile);
    assert_eq!(items.len(), 33);
    assert_eq!(&items[..2], [("Improvisation", Behavioural, None), ("Attention to Detail", Behavioural, None)]);
    assert!(items.contains(&("Equipment Installation", Technical, Some(4))));
    assert!(items.contains(&("Budgets", Other, Some(1))));
    assert!(items.contains(&("Team Dynamics", Other, Some(1))));
    assert!(items.contains(&("Coaching Techniques", Other, Some(2))));
    assert_eq!(items[32], ("Information Assurance", Other, Some(3)));
    assert_eq!(items.iter().filter(|(_, k, _)| *k == Technical).count(), 11);
    assert_eq!(items.iter().filter(|(_, k, d)| *k == Technical && *d == Some(3)).count(), 10);
    assert_eq!(
        titles(&profile.training),
        [
            "Programming Tools",
            "Stakeholder Relationship Management",
            "Coaching",
            "Data Protection and GDPR",
            "Networking Protocols",
            "Software Security and Vulnerability Assessment",
            "Mentoring",
            "Security Awareness",
            "Health and Safety",
        ]
    );
    assert_eq!(titles(&profile.pdas).len(), 7);
    assert_eq!(profile.pdas[3].title, "Gaining Knowledge of Activities of Employing Organisation");
    assert_eq!(
        qualifications(&profile),
        [
            ("Registered IT Technician (RITTech)", Some("BCS – The Chartered Institute for IT")),
            ("IT Apprenticeship – Network engineer (ST0127, Level 4)", Some("Institute for Apprenticeships")),
            ("FEDIP Advanced Practitioner", Some("FEDIP")),
        ]
    );
    assert_eq!(profile.unrecognised.len(), 1);
    assert_eq!(profile.unrecognised[0].line, 291);
}

#[test]
fn role_definition_markdown_with_html_tables_gives_sfia_skills() {
    let profile = role_definition();
    assert_eq!(profile.level.as_deref(), Some("Lead DevOps"));
    assert_eq!(profile.role.as_deref(), Some("DevOps"));
    assert!(profile
        .summary
        .starts_with("A Lead DevOps works on a large, complex project or multiple smaller related projects"));
    let sfia: Vec<(&str, &str, Option<Level>)> =
        profile.sfia_skills.iter().map(|s| (s.code.as_str(), s.name.as_str(), s.level)).collect();
    assert_eq!(
        sfia,
        [
            ("TECH", "Technical Specialism", Some(5)),
            ("DESN", "Systems Design", Some(5)),
            ("PROG", "Programming/Software Development", Some(5)),
            ("SINT", "Systems Integration", Some(5)),
            ("PBMG", "Problem Management", Some(5)),
            ("USUP", "Incident Management", Some(5)),
            ("PEMT", "Performance Management", Some(5)),
        ]
    );
    let desn = &profile.sfia_skills[1];
    assert_eq!(
        (desn.category.as_deref(), desn.subcategory.as_deref(), desn.desirable),
        (Some("Development and Implementation"), Some("Systems Development"), false)
    );
    let pemt = &profile.sfia_skills[6];
    assert_eq!(
        (pemt.category.as_deref(), pemt.subcategory.as_deref()),
        (Some("Skills and Quality"), Some("People Management"))
    );
    assert!(pemt.desirable);
    assert_eq!(pemt.note.as_deref(), Some("if managing others"));
    assert!(profile.ddat_skills.is_empty() && profile.knowledge.is_empty() && profile.qualifications.is_empty());
    let grade: Vec<(usize, &str, Option<&str>)> = profile
        .unrecognised
        .iter()
        .filter(|u| u.line == 195)
        .map(|u| (u.line, u.text.as_str(), u.section.as_deref()))
        .collect();
    assert_eq!(grade, [(195, "Grade:", Some("Appendix")), (195, "6", Some("Appendix"))]);
    assert!(profile.unrecognised.iter().any(|u| u.text == "- Strong grasp of automation tools."
        && u.section.as_deref() == Some("You will have the following skills and experience")));
}

#[test]
fn ddat_summary_form_lists_its_ten_skills_without_levels() {
    let (profile, report) = parse("lead-devops-engineer-ddat-summary.txt");
    assert_eq!(profile.family.as_deref(), Some("Software development"));
    assert_eq!(profile.role.as_deref(), Some("Development operations (DevOps) engineer"));
    assert_eq!(profile.level.as_deref(), Some("Lead DevOps engineer"));
    assert!(profile
        .role_description
        .starts_with("Commonly referred to as ‘DevOps engineers’, development operations engineers support"));
    assert!(profile.summary.starts_with("A lead DevOps engineer leads one or a small number of related project teams"));
    assert!(profile
        .summary
        .ends_with("There are 2 different roles at this level - a technical role and a management role."));
    assert_eq!(
        ddat(&profile),
        [
            ("Availability and capacity management", None),
            ("Development process optimisation", None),
            ("Information security", None),
            ("Modern development standards", None),
            ("Programming and build (software engineering)", None),
            ("Prototyping", None),
            ("Service support", None),
            ("Systems design", None),
            ("Systems integration", None),
            ("User focus", None),
        ]
    );
    assert_eq!(
        profile.ddat_skills[5].level_description,
        "- approach prototyping as a team activity, actively soliciting prototypes and testing with others\n\
         - establish design patterns and iterate them\n\
         - use a variety of prototyping methods and choose the most appropriate"
    );
    assert_eq!(profile.ddat_skills[5].line, 32);
    assert!(profile.unrecognised.is_empty());
    assert!(report.entries.is_empty(), "{:?}", report.entries);
}

#[test]
fn seed_fragments_are_consistent_frameworks() {
    for profile in [management(), infrastructure(), role_definition(), ddat_summary()] {
        let fragment = profile.to_fragment();
        assert_eq!(fragment.check(), Vec::<String>::new(), "{:?}", profile.level);
        assert_eq!(fragment.role_levels().count(), 1);
    }
}

#[test]
fn management_fragment_holds_the_role_level_with_its_requirements_and_activities() {
    let fragment = management().to_fragment();
    assert_eq!((fragment.family.as_str(), fragment.source.as_str()), ("role-profile", "role-profile"));
    let (family, role, level) = fragment.role_levels().next().unwrap();
    assert_eq!(
        (family.name.as_str(), role.name.as_str(), level.name.as_str()),
        ("Software Development", "DevOps Engineer", "Lead DevOps Engineer - management")
    );
    assert_eq!(level.role_type.as_deref(), Some("management"));
    let requirement = |code: &str| level.requirements.iter().find(|r| r.skill_code == code).unwrap();
    assert_eq!(requirement("application-development-tools").level, Some(4));
    assert_eq!(requirement("coaching-techniques").level, Some(2));
    assert_eq!(requirement("teamwork").level, None);
    assert_eq!(requirement("modern-standards-approach").level, Some(4));
    let tools = fragment.skill("application-development-tools").unwrap();
    assert_eq!((tools.kind, tools.scale), (Technical, Scale::Depth));
    assert_eq!(fragment.skill("teamwork").unwrap().scale, Scale::Behavioural);
    assert_eq!(fragment.skill("systems-design").unwrap().scale, Scale::Ddat);
    let coaching = level.activities.iter().find(|a| a.title == "Coaching").unwrap();
    assert_eq!(coaching.kind, crate::framework::ActivityKind::Training);
    let citp = level.activities.iter().find(|a| a.title == "Chartered IT Professional (CITP)").unwrap();
    assert_eq!(
        (citp.kind, citp.awarding_body.as_deref()),
        (crate::framework::ActivityKind::Qualification, Some("BCS – The Chartered Institute for IT"))
    );
    assert_eq!(level.activities.iter().filter(|a| a.kind == crate::framework::ActivityKind::Pda).count(), 10);
}

#[test]
fn role_definition_fragment_has_sfia_requirements_with_notes() {
    let fragment = role_definition().to_fragment();
    let (_, _, level) = fragment.role_levels().next().unwrap();
    let levels: Vec<(&str, Option<Level>)> =
        level.requirements.iter().map(|r| (r.skill_code.as_str(), r.level)).collect();
    assert_eq!(
        levels,
        [
            ("TECH", Some(5)),
            ("DESN", Some(5)),
            ("PROG", Some(5)),
            ("SINT", Some(5)),
            ("PBMG", Some(5)),
            ("USUP", Some(5)),
            ("PEMT", Some(5))
        ]
    );
    assert_eq!(level.requirements[6].description, "desirable; if managing others");
    let desn = fragment.skill("DESN").unwrap();
    assert_eq!((desn.kind, desn.scale, desn.name.as_str()), (SkillKind::Sfia, Scale::Sfia, "Systems Design"));
}
