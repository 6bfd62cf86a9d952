use super::*;
use crate::catalogue;
use crate::framework::doc::{FrameworkDoc, RequirementDoc, RoleDoc, RoleFamilyDoc, RoleLevelDoc};
use crate::framework::SkillKind;
use crate::scale::Scale;
use std::collections::HashMap;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn small_org(seed: u64) -> OrgSeed {
    generate(&catalogue::starter(), 400, 8, 4, seed, today())
}

/// The level each person's role level requires of each skill.
fn required(org: &OrgSeed, framework: &FrameworkDoc) -> HashMap<(usize, String), Level> {
    let mut out = HashMap::new();
    for (index, person) in org.people.iter().enumerate() {
        let Some(role) = &person.role else { continue };
        let (_, _, level) =
            framework.role_levels().find(|(_, r, l)| r.name == role.role && l.name == role.level).unwrap();
        for req in &level.requirements {
            if let Some(l) = req.level {
                out.insert((index, req.skill_code.clone()), l);
            }
        }
    }
    out
}

fn dates(org: &OrgSeed) -> Vec<NaiveDate> {
    let mut dates: Vec<NaiveDate> = org.assessments.iter().map(|a| a.assessed_on).collect();
    dates.sort();
    dates.dedup();
    dates
}

/// Which round (0 = oldest) an assessment belongs to: rounds are three months apart.
fn round_of(a: &AssessmentSeed, rounds: i64) -> i64 {
    let days_ago = (today() - a.assessed_on).num_days();
    rounds - 1 - (days_ago - 3) / 91
}

#[test]
fn same_seed_same_organisation_different_seed_different_one() {
    assert_eq!(small_org(7), small_org(7));
    assert_ne!(small_org(7), small_org(8));
}

#[test]
fn generated_org_fits_its_framework() {
    let framework = catalogue::starter();
    let org = small_org(7);
    assert_eq!(org.problems(&framework), Vec::<String>::new());
    assert_eq!(org.people.len(), 400);
    assert!(org.people.iter().all(|p| p.role.is_some()));
}

#[test]
fn teams_are_even_and_each_has_one_lead() {
    let org = small_org(7);
    let sizes: Vec<usize> = (0..8)
        .map(|t| org.people.iter().filter(|p| p.memberships.first().is_some_and(|m| m.team == t)).count())
        .collect();
    assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1, "{sizes:?}");
    for team in 0..8 {
        assert_eq!(org.leads(team).count(), 1);
    }
    let in_two = org.people.iter().filter(|p| p.memberships.len() == 2).count();
    assert!((1..=40).contains(&in_two), "{in_two} people in two teams");
    let targets = org.people.iter().filter(|p| p.target.is_some()).count();
    assert!((20..=100).contains(&targets), "{targets} people with a target");
}

#[test]
fn middle_levels_hold_more_people_than_the_ends() {
    let framework = catalogue::starter();
    let org = small_org(7);
    let mut ends = 0;
    let mut middle = 0;
    for person in &org.people {
        let role = person.role.as_ref().unwrap();
        let levels =
            &framework.role_families.iter().flat_map(|f| &f.roles).find(|r| r.name == role.role).unwrap().levels;
        let position = levels.iter().position(|l| l.name == role.level).unwrap();
        if position == 0 || position + 1 == levels.len() {
            ends += 1;
        } else if position == levels.len() / 2 {
            middle += 1;
        }
    }
    // Expected: ends 1/8 of people, the two middle levels 8/43.
    assert!(ends < 80 && middle > ends, "ends {ends}, middle {middle}");
}

#[test]
fn self_assessments_run_about_a_third_of_a_level_above_the_lead() {
    let org = small_org(7);
    let mut lead: HashMap<(usize, &str, i64), Level> = HashMap::new();
    for a in org.assessments.iter().filter(|a| a.source == Source::Lead) {
        lead.insert((a.person, &a.skill_code, round_of(a, 4)), a.level);
    }
    let diffs: Vec<f64> = org
        .assessments
        .iter()
        .filter(|a| a.source == Source::SelfAssessment)
        .filter_map(|a| {
            lead.get(&(a.person, a.skill_code.as_str(), round_of(a, 4))).map(|&l| f64::from(a.level) - f64::from(l))
        })
        .collect();
    let mean = diffs.iter().sum::<f64>() / diffs.len() as f64;
    assert!((0.1..0.5).contains(&mean), "mean self - lead {mean}");
    let disagree = diffs.iter().filter(|&&d| d != 0.0).count() as f64 / diffs.len() as f64;
    assert!((0.2..0.7).contains(&disagree), "share disagreeing {disagree}");
}

#[test]
fn latest_lead_levels_sit_near_what_is_required() {
    let framework = catalogue::starter();
    let org = small_org(7);
    let required = required(&org, &framework);
    let last: Vec<i16> = org
        .assessments
        .iter()
        .filter(|a| a.source == Source::Lead && round_of(a, 4) == 3)
        .filter_map(|a| required.get(&(a.person, a.skill_code.clone())).map(|&r| i16::from(a.level) - i16::from(r)))
        .collect();
    let share = |f: &dyn Fn(i16) -> bool| last.iter().filter(|&&d| f(d)).count() as f64 / last.len() as f64;
    let meets = share(&|d| d == 0);
    let near = share(&|d| d.abs() <= 1);
    let gaps = share(&|d| d < 0);
    let above = share(&|d| d > 0);
    assert!((0.4..0.8).contains(&meets), "meets {meets}");
    assert!(near > 0.9, "within one level {near}");
    assert!((0.05..0.4).contains(&gaps), "gaps {gaps}");
    assert!((0.03..0.4).contains(&above), "above {above}");
}

#[test]
fn levels_rise_over_rounds_on_average() {
    let org = small_org(7);
    let mean_in = |round: i64| {
        let levels: Vec<f64> = org
            .assessments
            .iter()
            .filter(|a| a.source == Source::Lead && round_of(a, 4) == round)
            .map(|a| f64::from(a.level))
            .collect();
        levels.iter().sum::<f64>() / levels.len() as f64
    };
    let rise = mean_in(3) - mean_in(0);
    assert!((0.2..0.9).contains(&rise), "rise over three rounds {rise}");
}

#[test]
fn rounds_are_three_months_apart_and_end_near_today() {
    let org = small_org(7);
    let dates = dates(&org);
    assert!(*dates.last().unwrap() < today());
    assert!((today() - *dates.last().unwrap()).num_days() <= 10);
    let oldest = today() - *dates.first().unwrap();
    assert!((270..=310).contains(&oldest.num_days()), "oldest {} days ago", oldest.num_days());
    let per_round: Vec<usize> =
        (0..4).map(|r| org.assessments.iter().filter(|a| round_of(a, 4) == r).count()).collect();
    assert!(per_round.iter().all(|&n| n > 4000), "{per_round:?}");
}

/// A framework of `skills` skills (a third SFIA, defined at some levels only) and ten roles of
/// five levels, each level requiring ten skills.
fn synthetic_framework(skills: usize) -> FrameworkDoc {
    let skill_docs: Vec<crate::framework::doc::SkillDoc> = (0..skills)
        .map(|i| {
            let sfia = i % 3 == 2;
            crate::framework::doc::SkillDoc {
                code: format!("S{i:03}"),
                name: format!("Skill {i}"),
                kind: if sfia { SkillKind::Sfia } else { SkillKind::Ddat },
                scale: if sfia { Scale::Sfia } else { Scale::Ddat },
                description: String::new(),
                category: None,
                subcategory: None,
                defined_levels: if sfia { vec![3, 4, 5] } else { Vec::new() },
                descriptors: Vec::new(),
            }
        })
        .collect();
    let level = |role: usize, position: usize| RoleLevelDoc {
        name: format!("Level {position}"),
        description: String::new(),
        role_type: None,
        requirements: (0..10)
            .map(|k| {
                let code = format!("S{:03}", (role * 13 + k * 7) % skills);
                let sfia = skill_docs.iter().find(|s| s.code == code).unwrap().scale == Scale::Sfia;
                let level = if sfia { 3 + (position as Level).min(2) } else { 1 + (position as Level).min(3) };
                RequirementDoc { skill_code: code, level: Some(level), description: String::new() }
            })
            .collect(),
        activities: Vec::new(),
    };
    let roles = (0..10)
        .map(|r| RoleDoc {
            name: format!("Role {r}"),
            description: String::new(),
            levels: (0..5).map(|p| level(r, p)).collect(),
        })
        .collect();
    FrameworkDoc {
        family: "synthetic".into(),
        name: "Synthetic".into(),
        source: "json".into(),
        skills: skill_docs,
        role_families: vec![RoleFamilyDoc { name: "Family".into(), roles }],
    }
}

#[test]
fn large_framework_levels_stay_within_each_skills_defined_levels() {
    let framework = synthetic_framework(150);
    assert_eq!(framework.check(), Vec::<String>::new());
    let org = generate(&framework, 2_000, 40, 5, 11, today());
    assert_eq!(org.problems(&framework), Vec::<String>::new());
    assert!(org.assessments.len() > 2_000 * 12 * 5, "{} assessments", org.assessments.len());
    let emails: std::collections::HashSet<&str> = org.people.iter().map(|p| p.email.as_str()).collect();
    assert_eq!(emails.len(), 2_000);
}

#[test]
fn degenerate_inputs_give_empty_parts() {
    let framework = catalogue::starter();
    let none = generate(&framework, 0, 3, 2, 1, today());
    assert!(none.people.is_empty() && none.assessments.is_empty() && none.teams.len() == 3);
    let no_teams = generate(&framework, 10, 0, 2, 1, today());
    assert!(no_teams.teams.is_empty() && no_teams.people.iter().all(|p| p.memberships.is_empty()));
    let no_rounds = generate(&framework, 10, 2, 0, 1, today());
    assert!(no_rounds.assessments.is_empty());
    let empty = generate(&FrameworkDoc::default(), 10, 2, 2, 1, today());
    assert!(empty.assessments.is_empty() && empty.people.iter().all(|p| p.role.is_none()));
}

/// A tenth of the benchmark size (the full 10,000 people run in `scripts/bench/rollup.sh`):
/// every person is assessed in every round on at least a dozen skills.
#[test]
fn a_thousand_people_on_a_150_skill_framework() {
    let framework = synthetic_framework(150);
    let org = generate(&framework, 1_000, 20, 5, 3, today());
    assert_eq!(org.people.len(), 1_000);
    assert_eq!(org.teams.len(), 20);
    assert!(org.assessments.len() > 1_000 * 12 * 5, "{} assessments", org.assessments.len());
}
