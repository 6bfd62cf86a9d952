use super::org::{NOBODY_HOLDS, SINGLE_HOLDER};
use super::*;
use crate::analysis::is_stale;
use crate::catalogue;
use std::collections::{BTreeMap, BTreeSet, HashMap};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn person_index(org: &OrgSeed, name: &str) -> usize {
    org.people.iter().position(|p| p.name == name).unwrap()
}

/// The latest lead assessment of each (person, skill).
fn latest_lead(org: &OrgSeed) -> HashMap<(usize, &str), Level> {
    let mut latest: HashMap<(usize, &str), (NaiveDate, Level)> = HashMap::new();
    for a in org.assessments.iter().filter(|a| a.source == Source::Lead) {
        let entry = latest.entry((a.person, a.skill_code.as_str())).or_insert((a.assessed_on, a.level));
        if a.assessed_on >= entry.0 {
            *entry = (a.assessed_on, a.level);
        }
    }
    latest.into_iter().map(|(k, (_, level))| (k, level)).collect()
}

/// For every skill some member's role level requires at a stated level, who currently holds it
/// at the strong level of its scale (Practitioner or above), by their lead's latest view.
fn holders(org: &OrgSeed) -> BTreeMap<String, BTreeSet<usize>> {
    let framework = catalogue::starter();
    let latest = latest_lead(org);
    let mut out: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for person in &org.people {
        let role = person.role.as_ref().unwrap();
        let level = framework.role_levels().find(|(_, r, l)| r.name == role.role && l.name == role.level).unwrap().2;
        for req in level.requirements.iter().filter(|r| r.level.is_some()) {
            out.entry(req.skill_code.clone()).or_default();
        }
    }
    for (code, set) in out.iter_mut() {
        let strong = framework.skill(code).unwrap().scale.strong_level();
        set.extend((0..org.people.len()).filter(|&p| latest.get(&(p, code.as_str())).is_some_and(|&l| l >= strong)));
    }
    out
}

#[test]
fn demo_fits_the_starter_catalogue() {
    let org = demo_org(today());
    assert_eq!(org.problems(&catalogue::starter()), Vec::<String>::new());
    assert!(org.people.iter().all(|p| p.email.ends_with("@example.gov.uk")));
    assert_eq!(org, demo_org(today()), "the demo is deterministic");
}

#[test]
fn every_role_level_and_skill_referenced_exists_at_an_allowed_level() {
    let framework = catalogue::starter();
    let org = demo_org(today());
    for person in &org.people {
        for role in person.role.iter().chain(person.target.iter()) {
            assert!(framework.role_levels().any(|(_, r, l)| r.name == role.role && l.name == role.level), "{role:?}");
        }
    }
    for a in &org.assessments {
        let skill = framework.skill(&a.skill_code).unwrap_or_else(|| panic!("unknown skill {}", a.skill_code));
        assert!(skill.allows(a.level), "{} at {}", a.skill_code, a.level);
    }
}

#[test]
fn two_teams_each_with_one_lead_and_one_shared_member() {
    let org = demo_org(today());
    assert_eq!(org.teams.len(), 2);
    for team in 0..2 {
        let size = org.members(team).count();
        assert!((6..=10).contains(&size), "team {team} has {size} people");
        assert_eq!(org.leads(team).count(), 1);
    }
    let shared: Vec<&str> = org.people.iter().filter(|p| p.memberships.len() == 2).map(|p| p.name.as_str()).collect();
    assert_eq!(shared, vec!["Callum MacLeod"]);
}

#[test]
fn a_senior_devops_engineer_aims_at_lead() {
    let org = demo_org(today());
    let with_target: Vec<&PersonSeed> = org.people.iter().filter(|p| p.target.is_some()).collect();
    assert_eq!(with_target.len(), 1);
    assert_eq!(with_target[0].role.as_ref().unwrap().level, "Senior DevOps engineer");
    assert_eq!(with_target[0].target.as_ref().unwrap().level, "Lead DevOps engineer");
}

#[test]
fn one_required_skill_has_a_single_holder_and_one_has_none() {
    let org = demo_org(today());
    let holders = holders(&org);
    let single = &holders[SINGLE_HOLDER.0];
    assert_eq!(single.iter().map(|&p| org.people[p].name.as_str()).collect::<Vec<_>>(), vec![SINGLE_HOLDER.1]);
    assert!(holders[NOBODY_HOLDS].is_empty());
    // Nobody claims it either, in any source or round.
    assert!(org.assessments.iter().filter(|a| a.skill_code == NOBODY_HOLDS).all(|a| a.level < 3));
    let framework = catalogue::starter();
    let required_by =
        |level: &str| framework.role_levels().find(|(_, _, l)| l.name == level).unwrap().2.requirements.clone();
    assert!(required_by("DevOps engineer").iter().any(|r| r.skill_code == NOBODY_HOLDS && r.level == Some(3)));
    assert!(required_by("Lead infrastructure operations engineer")
        .iter()
        .any(|r| r.skill_code == SINGLE_HOLDER.0 && r.level == Some(3)));
}

#[test]
fn two_rounds_with_some_stale_evidence() {
    let org = demo_org(today());
    let dates: BTreeSet<NaiveDate> = org.assessments.iter().map(|a| a.assessed_on).collect();
    assert!(dates.iter().all(|&d| d < today()));
    let old = org.assessments.iter().filter(|a| is_stale(a.assessed_on, today(), 6)).count();
    let recent = org.assessments.len() - old;
    assert!(old > 0 && recent > old / 2, "old {old}, recent {recent}");
    // Tomasz missed the second round: all his evidence is stale.
    let tomasz = person_index(&org, "Tomasz Nowak");
    assert!(org.assessments.iter().filter(|a| a.person == tomasz).all(|a| is_stale(a.assessed_on, today(), 6)));
    // Rhys joined after the first round.
    let rhys = person_index(&org, "Rhys Evans");
    assert!(org.assessments.iter().filter(|a| a.person == rhys).all(|a| !is_stale(a.assessed_on, today(), 6)));
}

#[test]
fn self_assessments_run_above_the_leads_but_not_always() {
    let org = demo_org(today());
    let mut lead: HashMap<(usize, &str, bool), Level> = HashMap::new();
    let recent = |d: NaiveDate| !is_stale(d, today(), 6);
    for a in org.assessments.iter().filter(|a| a.source == Source::Lead) {
        lead.insert((a.person, &a.skill_code, recent(a.assessed_on)), a.level);
    }
    let diffs: Vec<i32> = org
        .assessments
        .iter()
        .filter(|a| a.source == Source::SelfAssessment)
        .map(|a| i32::from(a.level) - i32::from(lead[&(a.person, a.skill_code.as_str(), recent(a.assessed_on))]))
        .collect();
    let mean = f64::from(diffs.iter().sum::<i32>()) / diffs.len() as f64;
    assert!((0.1..0.6).contains(&mean), "mean self - lead {mean}");
    assert!(diffs.iter().any(|&d| d < 0) && diffs.iter().any(|&d| d > 0));
    assert!(org.assessments.iter().any(|a| a.source == Source::Peer));
    assert!(org.assessments.iter().any(|a| a.evidence.is_some()));
}

#[test]
fn everyone_is_assessed_on_every_skill_their_role_level_lists() {
    let framework = catalogue::starter();
    let org = demo_org(today());
    for (index, person) in org.people.iter().enumerate() {
        let role = person.role.as_ref().unwrap();
        let level = framework.role_levels().find(|(_, _, l)| l.name == role.level).unwrap().2;
        for req in &level.requirements {
            assert!(
                org.assessments.iter().any(|a| a.person == index && a.skill_code == req.skill_code),
                "{} not assessed on {}",
                person.name,
                req.skill_code
            );
        }
    }
}

#[test]
fn levels_improve_between_rounds_on_average() {
    let org = demo_org(today());
    let mut rounds: HashMap<(usize, &str), Vec<(NaiveDate, Level)>> = HashMap::new();
    for a in org.assessments.iter().filter(|a| a.source == Source::Lead) {
        rounds.entry((a.person, &a.skill_code)).or_default().push((a.assessed_on, a.level));
    }
    let growth: Vec<i32> = rounds
        .values()
        .filter(|list| list.len() == 2)
        .map(|list| i32::from(list[1].1) - i32::from(list[0].1))
        .collect();
    assert!(growth.iter().all(|&g| g >= 0), "nobody gets worse in the demo");
    assert!(growth.iter().filter(|&&g| g > 0).count() * 5 > growth.len(), "a fair share improve");
}

#[test]
fn round_trips_through_json() {
    let org = demo_org(today());
    let json = serde_json::to_string(&org).unwrap();
    assert!(json.contains("\"source\":\"self\""));
    assert_eq!(serde_json::from_str::<OrgSeed>(&json).unwrap(), org);
}

#[test]
fn problems_name_what_does_not_fit() {
    let framework = catalogue::starter();
    let mut org = demo_org(today());
    org.people[1].email = org.people[0].email.clone();
    org.people[2].target = Some(RoleLevelRef::new("Development operations (DevOps) engineer", "Chief DevOps wizard"));
    org.assessments[0].skill_code = "no-such-skill".into();
    let desn = org.assessments.iter().position(|a| a.skill_code == "DESN").unwrap();
    org.assessments[desn].level = 1;
    let problems = org.problems(&framework);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems[0].contains("Tomasz Nowak") && problems[0].contains("email"));
    assert!(problems[1].contains("Chief DevOps wizard"));
    assert!(problems[2].contains("unknown skill"));
    assert!(problems[3].contains("level 1") && problems[3].contains("Systems design"));
}
