//! The organisation roll-up end to end from a database file, as the `/org` page computes it:
//! open the SQLite file, load the organisation of the framework version most teams use
//! (`store::org::load`), and aggregate it (`analysis::rollup::rollup`, default options: latest
//! assessment of any source, no trend).
//!
//! Driven by `scripts/bench/rollup.sh`, which generates the database and compares the time with
//! the same aggregation run by the `sqlite3` shell. By hand:
//!
//!     cargo bench -p skillmix --features db --bench rollup_db -- DB_FILE [RUNS] [CELLS_CSV]
//!
//! Prints the median of RUNS timed runs (after one untimed warm-up) of loading, aggregating and
//! both, in milliseconds, as `key=value` lines. With CELLS_CSV it also writes the team × skill
//! cells (`team_id,skill_id,requiring,meeting,below,unassessed,strong`, sorted) to compare with
//! the SQL.

use chrono::{Days, NaiveDate};
use skillmix::analysis::rollup::{rollup, RollupOptions};
use skillmix::store::{self, org};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn today() -> NaiveDate {
    let days = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0);
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch") + Days::new(days)
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` adds `--bench`; everything else is ours.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    // `cargo test --all-targets` runs benches too, with no arguments: nothing to measure then.
    let Some(path) = args.first() else {
        eprintln!("usage: cargo bench -p skillmix --features db --bench rollup_db -- DB_FILE [RUNS] [CELLS_CSV]");
        return;
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5).max(1);
    let cells_out = args.get(2);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    runtime.block_on(async {
        let pool = store::connect(&format!("sqlite://{path}")).await.expect("open the database");
        let version: i64 = sqlx::query_scalar(
            "SELECT framework_version_id FROM teams GROUP BY framework_version_id ORDER BY COUNT(*) DESC LIMIT 1",
        )
        .fetch_one(&pool)
        .await
        .expect("the database has teams");
        let options = RollupOptions::default();
        let today = today();
        let (mut loads, mut aggregates, mut totals) = (Vec::new(), Vec::new(), Vec::new());
        let mut last = None;
        for run in 0..=runs {
            let started = Instant::now();
            let data = org::load(&pool, version).await.expect("load the organisation");
            let loaded = started.elapsed();
            let result = rollup(&data.input(today), &options);
            let total = started.elapsed();
            if run > 0 {
                loads.push(loaded);
                aggregates.push(total - loaded);
                totals.push(total);
            }
            if run == runs {
                println!("people={}", data.people.len());
                println!("skills={}", data.skills.len());
                println!("teams={}", data.teams.len());
                println!("assessments={}", data.assessments.len());
                println!("version={version}");
                last = Some(result);
            }
        }
        if std::env::var_os("ROLLUP_DIAGNOSE").is_some() {
            diagnose(&pool, version).await;
        }
        println!("runs={runs}");
        println!("load_ms={:.1}", median(loads));
        println!("aggregate_ms={:.1}", median(aggregates));
        println!("total_ms={:.1}", median(totals));
        if let (Some(out), Some(result)) = (cells_out, last) {
            let mut lines = Vec::new();
            for row in &result.teams {
                for (column, cell) in result.columns.iter().zip(&row.cells) {
                    let f = cell.now;
                    if f.requiring > 0 {
                        lines.push(format!(
                            "{},{},{},{},{},{},{}",
                            row.key, column.skill_id, f.requiring, f.meeting, f.below, f.unassessed, f.strong
                        ));
                    }
                }
            }
            lines.sort();
            std::fs::write(out, lines.join("\n") + "\n").expect("write the cells");
            println!("cells={}", lines.len());
        }
        pool.close().await;
    });
}

/// Why the history is read through `store::bulk`: the same rows read through sqlx, as
/// `store::org` did before (text columns), and with integer columns only.
async fn diagnose(pool: &store::Pool, version: i64) {
    const FROM: &str = "FROM assessments a JOIN skills made ON made.id = a.skill_id
         JOIN skills target ON target.code = made.code AND target.version_id = ?
         WHERE a.person_id IN (SELECT m.person_id FROM team_memberships m JOIN teams t ON t.id = m.team_id
                               WHERE t.framework_version_id = ?)";
    let started = Instant::now();
    let rows: Vec<(i64, i64, i64, i64, String, String)> =
        sqlx::query_as(&format!("SELECT a.id, a.person_id, target.id, a.level, a.source, a.assessed_on {FROM}"))
            .bind(version)
            .bind(version)
            .fetch_all(pool)
            .await
            .expect("text query");
    println!("diagnose_text_rows_ms={:.1} rows={}", started.elapsed().as_secs_f64() * 1000.0, rows.len());
    drop(rows);
    let started = Instant::now();
    let rows: Vec<(i64, i64, i64, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT a.id, a.person_id, target.id, a.level, CASE a.source WHEN 'lead' THEN 0 WHEN 'self' THEN 1 ELSE 2 END,
                CAST(julianday(a.assessed_on) AS INTEGER) {FROM}"
    ))
    .bind(version)
    .bind(version)
    .fetch_all(pool)
    .await
    .expect("integer query");
    println!("diagnose_integer_rows_ms={:.1} rows={}", started.elapsed().as_secs_f64() * 1000.0, rows.len());
}
