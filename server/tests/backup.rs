//! Backup under load: `skillmix backup --out FILE` copies the live database while clients keep
//! recording assessments through the API, and the copy is a sound, consistent database that a
//! server can be started on.
//!
//! Three backups are taken while four client threads write. Each copy must pass
//! `PRAGMA integrity_check` and `PRAGMA foreign_key_check`, hold every assessment acknowledged
//! before the backup started, hold nothing the live database does not, and serve a restored
//! server that answers with those assessments.

mod support;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::db::Db;
use support::http::Request;

const WRITERS: usize = 4;
const BACKUPS: usize = 3;

#[test]
fn backups_taken_under_load_are_consistent_and_restore() {
    let started = Instant::now();
    let sandbox = support::Sandbox::new("backup");
    sandbox.load_demo();
    let token = sandbox.admin_token();
    let (people, skill) = {
        let db = Db::open(&sandbox.db_path);
        let people: Vec<i64> = db
            .run(async { sqlx::query_scalar("SELECT id FROM people ORDER BY id").fetch_all(&db.pool).await.unwrap() });
        let skill = db
            .scalar_i64(
                "SELECT id FROM skills WHERE scale IN ('ddat', 'depth') AND defined_levels = '' ORDER BY id LIMIT 1",
            )
            .expect("a skill on a 1-4 scale");
        (people, skill)
    };
    let server = sandbox.start_server();
    let acked: Arc<Mutex<BTreeSet<i64>>> = Arc::default();
    let failures: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (acked, failures, stop, token, people) =
                (acked.clone(), failures.clone(), stop.clone(), token.clone(), people.clone());
            let addr = server.addr;
            std::thread::spawn(move || {
                let mut n = w;
                while !stop.load(Ordering::SeqCst) {
                    n += WRITERS;
                    let person = people[n % people.len()];
                    let body = serde_json::json!({
                        "source": "lead",
                        "evidence": "backup under load",
                        "levels": [{ "skill_id": skill, "level": 1 + (n % 4) }],
                    });
                    let request =
                        Request::post(&format!("/api/v1/people/{person}/assessments")).bearer(&token).json(&body);
                    match request.send(addr, Duration::from_secs(30)) {
                        Ok(r) if r.status == 201 => {
                            let ids = r.json().and_then(|v| v["ids"].as_array().cloned()).unwrap_or_default();
                            acked.lock().unwrap().extend(ids.iter().filter_map(|i| i.as_i64()));
                        }
                        Ok(r) => failures.lock().unwrap().push(format!("{}: {}", r.status, r.text())),
                        Err(e) => failures.lock().unwrap().push(format!("no answer: {e}")),
                    }
                }
            })
        })
        .collect();

    let mut copies = Vec::new();
    let mut written_during = 0;
    for round in 1..=BACKUPS {
        std::thread::sleep(Duration::from_millis(400));
        let before: BTreeSet<i64> = acked.lock().unwrap().clone();
        let out = sandbox.dir.path().join(format!("backup-{round}.db"));
        let took = Instant::now();
        let printed = sandbox.cli_ok(&["backup", "--out", &out.display().to_string()]);
        let during = acked.lock().unwrap().len() - before.len();
        println!(
            "backup {round}: {} ({:.2} s, {during} assessments acknowledged meanwhile)",
            printed.trim(),
            took.elapsed().as_secs_f64()
        );
        written_during += during;
        copies.push((out, before));
    }
    std::thread::sleep(Duration::from_millis(200));
    stop.store(true, Ordering::SeqCst);
    assert!(written_during > 0, "no write was acknowledged while a backup ran: the test was not under load");
    for writer in writers {
        writer.join().expect("writer thread");
    }
    assert!(failures.lock().unwrap().is_empty(), "writes failed during the backups: {:?}", failures.lock().unwrap());
    let live: BTreeSet<i64> = {
        let db = Db::open(&sandbox.db_path);
        db.run(async { sqlx::query_scalar("SELECT id FROM assessments").fetch_all(&db.pool).await.unwrap() })
            .into_iter()
            .collect()
    };
    drop(server);

    for (round, (path, acknowledged_before)) in copies.iter().enumerate() {
        let round = round + 1;
        // Restore: the copy becomes the database of a new install.
        let restored = support::Sandbox::new("restored");
        std::fs::copy(path, &restored.db_path).expect("restore the copy");
        let db = Db::open(&restored.db_path);
        assert_eq!(db.integrity_check(), "ok", "backup {round}: integrity_check");
        assert!(db.foreign_key_problems().is_empty(), "backup {round}: {:?}", db.foreign_key_problems());
        let copied: BTreeSet<i64> = db
            .run(async { sqlx::query_scalar("SELECT id FROM assessments").fetch_all(&db.pool).await.unwrap() })
            .into_iter()
            .collect();
        drop(db);
        let lost: Vec<_> = acknowledged_before.difference(&copied).collect();
        assert!(lost.is_empty(), "backup {round} misses assessments acknowledged before it started: {lost:?}");
        let invented: Vec<_> = copied.difference(&live).collect();
        assert!(invented.is_empty(), "backup {round} holds assessments the live database does not: {invented:?}");

        let server = restored.start_server();
        let token = restored.admin_token();
        let newest = *acknowledged_before.iter().next_back().expect("writes before the backup");
        let person = people
            .iter()
            .find(|p| {
                let r = server.send(&Request::get(&format!("/api/v1/people/{p}")).bearer(&token));
                r.json()
                    .and_then(|v| v["history"].as_array().cloned())
                    .is_some_and(|h| h.iter().any(|e| e["id"] == newest))
            })
            .copied();
        assert!(person.is_some(), "the server restored from backup {round} does not show assessment {newest}");
        println!(
            "backup {round}: restored, integrity ok, {} assessments ({} acknowledged before it began, all there)",
            copied.len(),
            acknowledged_before.len()
        );
    }
    println!("backup under load: {BACKUPS} backups checked in {:.1} s", started.elapsed().as_secs_f64());
}
