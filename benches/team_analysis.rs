//! Timings of the team analyses (heatmap, coverage, dynamics) on synthetic data.
//!
//! - the team page: 20 people × 60 skills × 5 assessment rounds (target: under 10 ms for the
//!   whole page: index, heatmap, coverage, behavioural heatmap, mentoring, a work package);
//! - an organisation: 10,000 people × 150 skills × 5 rounds (heatmap, coverage, leaver);
//! - a department of 500 people for the pairwise analyses (mentoring, work-package pairs are
//!   O(people²) by nature: they are meant for a team).
//!
//! Run with `cargo bench -p skillmix --bench team_analysis`. Prints median figures. The data is
//! generated from a fixed seed, so runs compare.

use chrono::{Months, NaiveDate};
use skillmix::analysis::coverage::{coverage, CoverageOptions};
use skillmix::analysis::dynamics::{behavioural_heatmap, mentoring, rank_work_package, FitOptions};
use skillmix::analysis::matrix::{matrix, MatrixOptions, Mode, SortKey, TeamIndex};
use skillmix::analysis::TeamInput;
use skillmix::assessment::SourceFilter;
use skillmix::{Assessment, Id, Level, Person, Requirement, Skill, SkillKind, Source};
use std::hint::black_box;
use std::time::{Duration, Instant};

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

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

struct Org {
    skills: Vec<Skill>,
    people: Vec<Person>,
    requirements: Vec<Requirement>,
    assessments: Vec<Assessment>,
}

impl Org {
    fn input(&self) -> TeamInput<'_> {
        TeamInput {
            skills: &self.skills,
            people: &self.people,
            requirements: &self.requirements,
            assessments: &self.assessments,
            today: date(2026, 1, 1),
        }
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Shape of a synthetic organisation.
struct Shape {
    people: usize,
    skills: usize,
    rounds: u32,
    role_levels: usize,
    required_per_role_level: usize,
    /// Chance (percent) that a required skill is assessed by each source in a round.
    assessed_percent: u64,
    /// Chance (percent) that a skill the role does not require is assessed in a round.
    extra_percent: u64,
}

fn skill(id: Id, kind: SkillKind) -> Skill {
    Skill {
        id,
        version_id: 1,
        code: format!("skill-{id}"),
        name: format!("Skill {id:04}"),
        kind,
        scale: kind.default_scale(),
        description: String::new(),
        category: None,
        subcategory: None,
        defined_levels: Vec::new(),
    }
}

fn kind_for(rng: &mut Rng) -> SkillKind {
    match rng.below(20) {
        0..=9 => SkillKind::Ddat,
        10..=12 => SkillKind::Technical,
        13..=14 => SkillKind::Behavioural,
        15 => SkillKind::Other,
        _ => SkillKind::Sfia,
    }
}

fn generate(shape: &Shape, seed: u64) -> Org {
    let mut rng = Rng(seed);
    let skills: Vec<Skill> = (1..=shape.skills as Id).map(|id| skill(id, kind_for(&mut rng))).collect();
    let mut requirements = Vec::new();
    for rl in 1..=shape.role_levels as Id {
        for _ in 0..shape.required_per_role_level {
            let s = &skills[rng.below(skills.len() as u64) as usize];
            if requirements.iter().any(|r: &Requirement| r.role_level_id == rl && r.skill_id == s.id) {
                continue;
            }
            let level = (s.kind != SkillKind::Behavioural).then(|| 1 + rng.below(u64::from(s.scale.max())) as Level);
            requirements.push(Requirement { role_level_id: rl, skill_id: s.id, level, description: String::new() });
        }
    }
    let people: Vec<Person> = (1..=shape.people as Id)
        .map(|id| Person {
            id,
            name: format!("Person {id:05}"),
            email: None,
            role_level_id: Some(1 + rng.below(shape.role_levels as u64) as Id),
            target_role_level_id: None,
        })
        .collect();
    let assessments = assess(shape, &skills, &people, &requirements, &mut rng);
    Org { skills, people, requirements, assessments }
}

fn assess(
    shape: &Shape,
    skills: &[Skill],
    people: &[Person],
    requirements: &[Requirement],
    rng: &mut Rng,
) -> Vec<Assessment> {
    let mut required = vec![vec![false; skills.len()]; shape.role_levels + 1];
    for r in requirements {
        required[r.role_level_id as usize][(r.skill_id - 1) as usize] = true;
    }
    let mut assessments = Vec::new();
    for round in 0..shape.rounds {
        let on = date(2024, 1, 15).checked_add_months(Months::new(4 * round)).unwrap();
        for person in people {
            let needs = &required[person.role_level_id.unwrap() as usize];
            for (i, s) in skills.iter().enumerate() {
                let percent = if needs[i] { shape.assessed_percent } else { shape.extra_percent };
                for source in [Source::Lead, Source::SelfAssessment] {
                    if rng.chance(percent) {
                        assessments.push(Assessment {
                            id: assessments.len() as Id + 1,
                            person_id: person.id,
                            skill_id: s.id,
                            level: 1 + rng.below(u64::from(s.scale.max())) as Level,
                            source,
                            assessed_on: on,
                            assessor_id: None,
                            evidence: None,
                        });
                    }
                }
            }
        }
    }
    assessments
}

/// Runs `f` `runs` times and prints the median.
fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    samples.sort();
    let median = samples[runs / 2];
    println!(
        "  {label:<44} median {:>9.3} ms   (min {:.3}, max {:.3}, {runs} runs)",
        ms(median),
        ms(samples[0]),
        ms(samples[runs - 1])
    );
    median
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn needs(org: &Org) -> Vec<(Id, Level)> {
    org.skills.iter().filter(|s| s.kind == SkillKind::Ddat).take(5).map(|s| (s.id, 3)).collect()
}

fn team_page() {
    let shape = Shape {
        people: 20,
        skills: 60,
        rounds: 5,
        role_levels: 4,
        required_per_role_level: 20,
        assessed_percent: 80,
        extra_percent: 10,
    };
    let org = generate(&shape, 42);
    println!("team page: 20 people × 60 skills × 5 rounds, {} assessments", org.assessments.len());
    let needs = needs(&org);
    let gap = MatrixOptions { mode: Mode::Gap, sort_people: SortKey::TotalGap, ..MatrixOptions::default() };
    let runs = 200;
    let page = time("whole page (index + all analyses)", runs, || {
        let team = TeamIndex::new(org.input());
        let heatmap = matrix(&team, &gap);
        let cover = coverage(&team, &CoverageOptions::default()).unwrap();
        let behaviour = behavioural_heatmap(&team, &MatrixOptions::default());
        let mentors = mentoring(&team, SourceFilter::Latest);
        let fit = rank_work_package(&team, &needs, &FitOptions::default()).unwrap();
        (heatmap, cover, behaviour, mentors, fit)
    });
    let team = TeamIndex::new(org.input());
    time("index (history, requirements)", runs, || TeamIndex::new(org.input()));
    for mode in Mode::ALL {
        let options = MatrixOptions { mode, ..MatrixOptions::default() };
        time(&format!("heatmap, {} mode", mode.code()), runs, || matrix(&team, &options));
    }
    time("coverage", runs, || coverage(&team, &CoverageOptions::default()));
    let leaver = CoverageOptions { leaver: Some(1), ..CoverageOptions::default() };
    time("coverage without a leaver", runs, || coverage(&team, &leaver));
    time("mentoring", runs, || mentoring(&team, SourceFilter::Latest));
    time("work package, 5 needs", runs, || rank_work_package(&team, &needs, &FitOptions::default()));
    let json = serde_json::to_string(&matrix(&team, &gap)).unwrap();
    println!("  heatmap JSON: {} bytes", json.len());
    let verdict = if ms(page) < 10.0 { "within" } else { "OVER" };
    println!("  whole page median {:.3} ms: {verdict} the 10 ms target\n", ms(page));
}

fn department() {
    let shape = Shape {
        people: 500,
        skills: 150,
        rounds: 5,
        role_levels: 12,
        required_per_role_level: 30,
        assessed_percent: 60,
        extra_percent: 5,
    };
    let org = generate(&shape, 7);
    println!("department: 500 people × 150 skills × 5 rounds, {} assessments", org.assessments.len());
    let team = TeamIndex::new(org.input());
    time("mentoring", 5, || mentoring(&team, SourceFilter::Latest));
    let needs = needs(&org);
    let top = FitOptions { limit: Some(20), ..FitOptions::default() };
    time("work package, 5 needs, pairs, top 20", 5, || rank_work_package(&team, &needs, &top));
    println!();
}

fn organisation() {
    let shape = Shape {
        people: 10_000,
        skills: 150,
        rounds: 5,
        role_levels: 40,
        required_per_role_level: 30,
        assessed_percent: 60,
        extra_percent: 5,
    };
    let start = Instant::now();
    let org = generate(&shape, 2026);
    println!(
        "organisation: 10,000 people × 150 skills × 5 rounds, {} assessments (generated in {:.0} ms)",
        org.assessments.len(),
        ms(start.elapsed())
    );
    let runs = 5;
    time("index (history, requirements)", runs, || TeamIndex::new(org.input()));
    let team = TeamIndex::new(org.input());
    for mode in Mode::ALL {
        let options = MatrixOptions { mode, sort_people: SortKey::TotalGap, ..MatrixOptions::default() };
        time(&format!("heatmap, {} mode", mode.code()), runs, || matrix(&team, &options));
    }
    time("coverage", runs, || coverage(&team, &CoverageOptions::default()));
    let leaver = CoverageOptions { leaver: Some(1), ..CoverageOptions::default() };
    time("coverage without a leaver", runs, || coverage(&team, &leaver));
    let individuals = FitOptions { limit: Some(20), ..FitOptions::default() };
    let one_need = [(needs(&org)[0].0, 3)];
    time("work package, 1 need (pairs over 10,000)", 1, || rank_work_package(&team, &one_need, &individuals));
}

fn main() {
    team_page();
    department();
    organisation();
}
