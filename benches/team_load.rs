//! Where a team view's time goes when nothing is cached: each query of `store::team_data::load`
//! on a database file, then the analyses of the team page. Medians of warm runs.
//!
//!     skillmix --database sqlite:///tmp/t.db generate --people 20 --teams 1 --rounds 5 --skills 60 --seed 1
//!     cargo bench -p skillmix --features db --bench team_load -- /tmp/t.db [TEAM_ID] [RUNS]
//!
//! TEAM_ID defaults to the largest team.

use skillmix::analysis::matrix::{matrix, MatrixOptions, TeamIndex};
use skillmix::store::{self, assessments, framework, people, team_data};
use std::time::Instant;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    // `cargo bench` adds `--bench`; everything else is ours.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    // `cargo test --all-targets` runs benches too, with no arguments: nothing to measure then.
    let Some(file) = args.first() else {
        eprintln!("usage: cargo bench -p skillmix --features db --bench team_load -- DB_FILE [TEAM_ID] [RUNS]");
        return;
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(21);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let pool = store::open(&format!("sqlite://{file}")).await.expect("open the database");
        let team_id: i64 = match args.get(1) {
            Some(id) => id.parse().expect("TEAM_ID is a number"),
            None => sqlx::query_scalar(
                "SELECT team_id FROM team_memberships GROUP BY team_id ORDER BY COUNT(*) DESC, team_id LIMIT 1",
            )
            .fetch_one(&pool)
            .await
            .expect("a team"),
        };
        let mut steps: Vec<(&str, Vec<f64>)> = Vec::new();
        let mut record = |name: &'static str, started: Instant| {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            match steps.iter_mut().find(|(n, _)| *n == name) {
                Some((_, v)) => v.push(ms),
                None => steps.push((name, vec![ms])),
            }
        };
        for _ in 0..runs {
            let t = Instant::now();
            let team = people::get_team(&pool, team_id).await.unwrap();
            record("team", t);
            let t = Instant::now();
            let members = people::team_members(&pool, team_id).await.unwrap();
            record("members", t);
            let t = Instant::now();
            let skills = framework::skills_of_version(&pool, team.framework_version_id).await.unwrap();
            record("skills", t);
            let mut levels: Vec<i64> = members
                .iter()
                .flat_map(|m| [m.person.role_level_id, m.person.target_role_level_id])
                .flatten()
                .collect();
            levels.sort_unstable();
            levels.dedup();
            let t = Instant::now();
            framework::requirements_for(&pool, &levels).await.unwrap();
            record("requirements", t);
            let ids: Vec<i64> = members.iter().map(|m| m.person.id).collect();
            let t = Instant::now();
            let mapping = store::bulk::skills_in_version(&pool, team.framework_version_id).await.unwrap();
            record("skill mapping", t);
            let t = Instant::now();
            let scope = store::bulk::HistoryScope {
                skill_in_version: mapping,
                people: ids.iter().copied().collect(),
                with_detail: true,
            };
            store::bulk::assessment_history(&pool, scope).await.unwrap();
            record("history read", t);
            let t = Instant::now();
            let nobody = store::bulk::HistoryScope {
                skill_in_version: Default::default(),
                people: [i64::MAX].into_iter().collect(),
                with_detail: true,
            };
            store::bulk::assessment_history(&pool, nobody).await.unwrap();
            record("  of which open", t);
            let t = Instant::now();
            let history = assessments::for_people_in_version(&pool, &ids, team.framework_version_id).await.unwrap();
            record("assessments", t);
            let t = Instant::now();
            framework::role_level_refs(&pool, &levels).await.unwrap();
            record("role levels", t);
            let t = Instant::now();
            let data = team_data::load(&pool, team_id).await.unwrap();
            record("whole load", t);
            let t = Instant::now();
            let index = TeamIndex::new(data.input("2026-11-23".parse().unwrap()));
            std::hint::black_box(matrix(&index, &MatrixOptions::default()));
            record("index + heatmap", t);
            std::hint::black_box((skills.len(), history.len()));
        }
        println!("team {team_id}, {runs} runs, median ms:");
        for (name, values) in steps {
            println!("  {name:<16} {:8.2}", median(values));
        }
    });
}
