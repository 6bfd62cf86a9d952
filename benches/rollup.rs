//! Timings of the organisation roll-up on a synthetic organisation: 10,000 people × 150 skills
//! × 5 assessment rounds, every skill assessed in every round (7.5 million assessments, the
//! worst case), 1,250 teams of 8 (one person in ten also in a second team), 40 role levels in
//! 8 role families, 30 required skills per role level.
//!
//! Budget: organisation-wide aggregation under 300 ms in a release build on 2 cores.
//!
//! Run with `cargo bench -p skillmix --bench rollup`. Prints median figures. The data comes
//! from a fixed seed, so runs compare.

use chrono::{Months, NaiveDate};
use skillmix::analysis::rollup::{rollup, OrgIndex, OrgInput, OrgTeam, RoleLevelFamily, Rollup, RollupOptions};
use skillmix::analysis::suppression::{plan_disclosure, senior_rollup, MinGroup, Published};
use skillmix::{Assessment, Id, Person, Requirement, RoleFamily, Scale, Skill, SkillKind, Source};
use std::hint::black_box;
use std::time::{Duration, Instant};

const PEOPLE: usize = 10_000;
const SKILLS: usize = 150;
const ROUNDS: u32 = 5;
const TEAM_SIZE: usize = 8;
const FAMILIES: usize = 8;
const ROLE_LEVELS: usize = 40;
const REQUIRED_PER_ROLE_LEVEL: usize = 30;

/// xorshift64*: small, deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

struct Org {
    teams: Vec<OrgTeam>,
    people: Vec<Person>,
    families: Vec<RoleFamily>,
    links: Vec<RoleLevelFamily>,
    requirements: Vec<Requirement>,
    skills: Vec<Skill>,
    assessments: Vec<Assessment>,
}

impl Org {
    fn input(&self) -> OrgInput<'_> {
        OrgInput {
            teams: &self.teams,
            people: &self.people,
            families: &self.families,
            role_level_families: &self.links,
            requirements: &self.requirements,
            skills: &self.skills,
            assessments: &self.assessments,
            today: first_round() + Months::new(6 * ROUNDS),
        }
    }
}

fn first_round() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 15).unwrap()
}

fn skill(id: Id) -> Skill {
    let sfia = id % 5 == 0;
    Skill {
        id,
        version_id: 1,
        code: format!("skill-{id}"),
        name: format!("Skill {id}"),
        kind: if sfia { SkillKind::Sfia } else { SkillKind::Ddat },
        scale: if sfia { Scale::Sfia } else { Scale::Ddat },
        description: String::new(),
        category: None,
        subcategory: None,
        defined_levels: vec![],
    }
}

fn requirements(rng: &mut Rng, skills: &[Skill]) -> Vec<Requirement> {
    let mut out = Vec::new();
    for rl in 0..ROLE_LEVELS as Id {
        let start = rng.below(SKILLS as u64) as usize;
        for k in 0..REQUIRED_PER_ROLE_LEVEL {
            let skill = &skills[(start + k * 5) % SKILLS];
            let level = 1 + rng.below(u64::from(skill.scale.max() - 1)) as u8;
            out.push(Requirement {
                role_level_id: rl,
                skill_id: skill.id,
                level: Some(level),
                description: String::new(),
            });
        }
    }
    out
}

/// Every person assessed in every skill in every round, a quarter of them by themselves.
fn assessments(rng: &mut Rng, people: &[Person], skills: &[Skill]) -> Vec<Assessment> {
    let mut out = Vec::with_capacity(PEOPLE * SKILLS * ROUNDS as usize);
    for round in 0..ROUNDS {
        let on = first_round() + Months::new(6 * round);
        for p in people {
            for s in skills {
                let level = 1 + rng.below(u64::from(s.scale.max())) as u8;
                out.push(Assessment {
                    id: out.len() as Id + 1,
                    person_id: p.id,
                    skill_id: s.id,
                    level,
                    source: if rng.below(4) == 0 { Source::SelfAssessment } else { Source::Lead },
                    assessed_on: on,
                    assessor_id: None,
                    evidence: None,
                });
            }
        }
    }
    out
}

fn organisation() -> Org {
    let mut rng = Rng(0x5EED_0F5C_111A_1D00);
    let skills: Vec<Skill> = (0..SKILLS as Id).map(skill).collect();
    let people: Vec<Person> = (0..PEOPLE as Id)
        .map(|id| Person {
            id: id + 1,
            name: format!("Person {id}"),
            email: None,
            role_level_id: Some(rng.below(ROLE_LEVELS as u64) as Id),
            target_role_level_id: None,
        })
        .collect();
    let mut teams: Vec<OrgTeam> = people
        .chunks(TEAM_SIZE)
        .enumerate()
        .map(|(t, members)| OrgTeam {
            id: t as Id + 1,
            name: format!("Team {t}"),
            member_ids: members.iter().map(|p| p.id).collect(),
        })
        .collect();
    let team_count = teams.len() as u64;
    for p in people.iter().step_by(10) {
        teams[rng.below(team_count) as usize].member_ids.push(p.id);
    }
    let requirements = requirements(&mut rng, &skills);
    let assessments = assessments(&mut rng, &people, &skills);
    Org {
        teams,
        families: (0..FAMILIES as Id)
            .map(|id| RoleFamily { id, version_id: 1, name: format!("Family {id}") })
            .collect(),
        links: (0..ROLE_LEVELS as Id)
            .map(|rl| RoleLevelFamily { role_level_id: rl, family_id: rl % FAMILIES as Id })
            .collect(),
        people,
        requirements,
        skills,
        assessments,
    }
}

/// Median of `runs` timings of `f`, after one untimed warm-up run. The result is dropped
/// after the clock stops.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    black_box(f());
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let out = black_box(f());
            let time = start.elapsed();
            drop(out);
            time
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn report(what: &str, time: Duration) {
    println!("{what:<58} {:>9.1} ms", time.as_secs_f64() * 1000.0);
}

fn main() {
    let start = Instant::now();
    let org = organisation();
    let input = org.input();
    println!(
        "organisation: {} people, {} skills, {} teams, {} assessments (generated in {:.1} s)",
        org.people.len(),
        org.skills.len(),
        org.teams.len(),
        org.assessments.len(),
        start.elapsed().as_secs_f64()
    );
    let earlier = input.today - Months::new(6);
    let plain = RollupOptions::default();
    let trend = RollupOptions { earlier: Some(earlier), ..RollupOptions::default() };
    let family = RollupOptions { families: Some(vec![3]), ..trend.clone() };

    report("index (OrgIndex::new)", median(5, || OrgIndex::new(&input)));
    let index = OrgIndex::new(&input);
    report("roll-up from the index, no trend", median(11, || index.rollup(&plain)));
    report("roll-up from the index, with trend", median(11, || index.rollup(&trend)));
    report("roll-up from the index, one role family, trend", median(11, || index.rollup(&family)));
    report("index + roll-up with trend (rollup())", median(5, || rollup(&input, &trend)));
    let full: Rollup = index.rollup(&trend);
    let tables = index.disclosure_tables(&[earlier]);
    report("suppression plan for every view (k = 5)", median(3, || plan_disclosure(&tables, MinGroup::default())));
    let plan = plan_disclosure(&tables, MinGroup::default());
    report("suppression of one view", median(5, || senior_rollup(&full, &plan, MinGroup::default())));
    let senior = senior_rollup(&full, &plan, MinGroup::default());
    let hidden = senior.teams.iter().flat_map(|r| &r.cells).filter(|c| matches!(c, Published::Suppressed)).count();
    let cells = senior.teams.len() * senior.columns.len();
    println!("team cells suppressed: {hidden} of {cells}");
}
