//! How long the official DDaT exports take to import, in a release build: parsing alone, and
//! parsing, diffing against the starter catalogue and storing as a new version in one transaction.
//!
//!     cargo bench -p skillmix --features db --bench import [-- ROLES_CSV SKILLS_CSV]
//!
//! Defaults to the exports in tests/fixtures/ddat. Prints medians in milliseconds.

use skillmix::store::imports::{import_ddat, ImportOptions, Mode};
use skillmix::store::{self, seed};
use std::time::{Duration, Instant};

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ddat");
    let roles_path = args.first().cloned().unwrap_or_else(|| format!("{fixtures}/ddat-roles.csv"));
    let skills_path = args.get(1).cloned().unwrap_or_else(|| format!("{fixtures}/ddat-skills.csv"));
    let roles = std::fs::read(&roles_path).expect("read the roles CSV");
    let skills = std::fs::read(&skills_path).expect("read the skills CSV");

    let mut parse = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        let (doc, _) = skillmix::import::parse_ddat_bytes(&roles, &skills, "bench").expect("the exports parse");
        parse.push(start.elapsed());
        assert!(!doc.skills.is_empty());
    }
    let mut stored = Vec::new();
    for _ in 0..5 {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = store::open(&format!("sqlite://{}", dir.path().join("bench.db").display())).await.expect("open");
        seed::ensure_starter_catalogue(&pool).await.expect("starter catalogue");
        let options = ImportOptions {
            version_name: None,
            mode: Mode::Import,
            user_id: None,
            file_names: vec!["roles.csv".into(), "skills.csv".into()],
            today: "2026-11-23".parse().expect("date"),
        };
        let start = Instant::now();
        import_ddat(&pool, roles.clone(), skills.clone(), &options).await.expect("the exports import");
        stored.push(start.elapsed());
    }
    println!("ddat_bytes={} roles + {} skills", roles.len(), skills.len());
    println!("parse_ms={:.1}", median(parse));
    println!("parse_diff_store_ms={:.1}", median(stored));
}
