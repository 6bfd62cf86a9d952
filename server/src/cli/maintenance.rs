//! `skillmix generate` (a synthetic organisation for benchmarks and scale tests) and
//! `skillmix backup` (a consistent copy of the live database).

use skillmix::store::{self, framework, seed, Pool};
use std::path::Path;
use std::time::Instant;

/// Loads a deterministic synthetic organisation into an empty database, on the newest framework
/// version (the starter catalogue on a fresh database).
pub async fn generate(pool: &Pool, people: usize, teams: usize, rounds: usize, seed_value: u64) -> Result<(), String> {
    if people == 0 || teams == 0 || rounds == 0 {
        return Err("--people, --teams and --rounds must each be at least 1".into());
    }
    if teams > people {
        return Err(format!("--teams ({teams}) cannot be more than --people ({people})"));
    }
    if !store::is_empty(pool).await.map_err(|e| e.to_string())? {
        return Err("the database already holds people or teams: generate into an empty database".into());
    }
    let version = seed::ensure_starter_catalogue(pool).await.map_err(|e| e.to_string())?;
    let doc = framework::load_doc(pool, version).await.map_err(|e| e.to_string())?;
    let started = Instant::now();
    let today = chrono::Utc::now().date_naive();
    let org = skillmix::demo::generate(&doc, people, teams, rounds, seed_value, today);
    let generated = started.elapsed();
    let loaded = seed::load_org(pool, version, &org).await.map_err(|e| e.to_string())?;
    println!(
        "Generated {} people in {} teams with {} assessments over {rounds} rounds on \"{}\" ({} skills) in {:.1} s, stored in {:.1} s.",
        loaded.person_ids.len(),
        loaded.team_ids.len(),
        loaded.assessments,
        doc.name,
        doc.skills.len(),
        generated.as_secs_f64(),
        (started.elapsed() - generated).as_secs_f64()
    );
    Ok(())
}

/// Copies the live database to `out` with `VACUUM INTO` (a consistent snapshot, safe while the
/// server is writing), then checks the copy's integrity.
pub async fn backup(pool: &Pool, out: &Path) -> Result<(), String> {
    if out.exists() {
        return Err(format!("{} already exists: choose a new file", out.display()));
    }
    let target = out.to_str().ok_or_else(|| format!("{} is not a usable path", out.display()))?;
    let started = Instant::now();
    sqlx::query("VACUUM INTO ?").bind(target).execute(pool).await.map_err(|e| format!("backup failed: {e}"))?;
    let copy = store::connect(&format!("sqlite://{target}")).await.map_err(|e| e.to_string())?;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&copy).await.map_err(|e| e.to_string())?;
    copy.close().await;
    if check != "ok" {
        return Err(format!("the copy at {target} failed its integrity check: {check}"));
    }
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    println!(
        "Backed up to {target} ({:.1} MB) in {:.2} s; integrity check: ok.",
        size as f64 / 1_048_576.0,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
