//! Crash test: nothing a client was told is saved may be lost when the server dies.
//!
//! A fresh database gets the demo organisation and an administrator's API token. Then, 20 times:
//! the server starts on 127.0.0.1, four client threads record assessments through
//! `POST /api/v1/people/{id}/assessments` as fast as they can, noting each id only once its
//! `201 Created` has arrived, and the server is killed with SIGKILL at a random moment (seeded:
//! the seed is printed, `SKILLMIX_CRASH_SEED=N` repeats a run) while requests are in flight.
//! After every restart, and at the end, the database must pass `PRAGMA integrity_check`, have no
//! broken foreign keys, and hold every acknowledged assessment with the values that were sent.
//!
//! Run on its own: `cargo test -p server --test crash -- --nocapture`.

mod support;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::db;
use support::http::Request;

const KILLS: usize = 20;
const WRITERS: usize = 4;
/// The longest a server runs under load before it is killed.
const MAX_RUN_MS: u64 = 700;

/// An assessment the server acknowledged: what was sent for that id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Acked {
    person_id: i64,
    skill_id: i64,
    level: i64,
    source: &'static str,
}

#[derive(Default)]
struct Tally {
    acked: HashMap<i64, Acked>,
    /// Requests that got no answer (the server died under them): not acknowledged.
    unanswered: usize,
    /// Answers other than 201: there must be none.
    unexpected: Vec<String>,
}

#[test]
fn acknowledged_writes_survive_sigkill() {
    let started = Instant::now();
    let (mut rng, seed) = support::Rng::from_env("SKILLMIX_CRASH_SEED");
    let sandbox = support::Sandbox::new("crash");
    sandbox.load_demo();
    let token = sandbox.admin_token();
    let (people, skills) = db::block_on(targets(&sandbox));
    assert!(!people.is_empty() && !skills.is_empty(), "the demo organisation has people and 1-4 skills");

    let tally = Arc::new(Mutex::new(Tally::default()));
    for round in 1..=KILLS {
        // The server recovers the killed one's write-ahead log itself; the check reads after it.
        let mut server = sandbox.start_server();
        let acked = tally.lock().unwrap().acked.clone();
        let missing = db::block_on(check_database(&sandbox, &acked));
        assert!(
            missing.is_empty(),
            "after kill {} (seed {seed}): acknowledged assessments lost or changed: {missing:?}",
            round - 1
        );
        let stop = Arc::new(AtomicBool::new(false));
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let writer = Writer {
                    addr: server.addr,
                    token: token.clone(),
                    people: people.clone(),
                    skills: skills.clone(),
                    rng: support::Rng::new(seed ^ ((round * WRITERS + w) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)),
                    stop: stop.clone(),
                    tally: tally.clone(),
                };
                std::thread::spawn(move || writer.run())
            })
            .collect();
        let run_ms = rng.range(0, MAX_RUN_MS);
        std::thread::sleep(Duration::from_millis(run_ms));
        server.kill();
        stop.store(true, Ordering::SeqCst);
        for writer in writers {
            writer.join().expect("writer thread");
        }
        println!(
            "kill {round:>2}: after {run_ms:>3} ms under load; {} acknowledged so far",
            tally.lock().unwrap().acked.len()
        );
    }

    // A last start proves the server comes back after the last kill, and serves what was saved.
    let server = sandbox.start_server();
    let tally = tally.lock().unwrap();
    let missing = db::block_on(check_database(&sandbox, &tally.acked));
    assert!(
        missing.is_empty(),
        "after kill {KILLS} (seed {seed}): acknowledged assessments lost or changed: {missing:?}"
    );
    let sample = tally.acked.iter().next().map(|(id, a)| (*id, *a));
    if let Some((id, acked)) = sample {
        let response = server.send(&Request::get(&format!("/api/v1/people/{}", acked.person_id)).bearer(&token));
        assert_eq!(response.status, 200, "{}", response.text());
        let history = response.json().expect("JSON")["history"].as_array().cloned().unwrap_or_default();
        assert!(history.iter().any(|h| h["id"] == id), "assessment {id} is not in the person's history after restart");
    }
    drop(server);
    assert!(tally.unexpected.is_empty(), "answers other than 201 Created: {:?}", tally.unexpected);
    assert!(
        tally.acked.len() > KILLS,
        "too few writes were acknowledged ({}) for the test to mean anything",
        tally.acked.len()
    );
    println!(
        "crash test (seed {seed}): {KILLS} kills, {} assessments acknowledged and all present, {} requests cut off by a kill, \
         integrity ok, no broken foreign keys, in {:.1} s",
        tally.acked.len(),
        tally.unanswered,
        started.elapsed().as_secs_f64()
    );
}

/// People to assess and skills on a 1-4 scale defined at every level.
async fn targets(sandbox: &support::Sandbox) -> (Vec<i64>, Vec<i64>) {
    let pool = db::open(&sandbox.db_path).await;
    let people: Vec<i64> = sqlx::query_scalar("SELECT id FROM people ORDER BY id").fetch_all(&pool).await.unwrap();
    let skills: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM skills WHERE scale IN ('ddat', 'depth', 'behavioural') AND defined_levels = '' ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    pool.close().await;
    (people, skills)
}

/// Integrity, foreign keys, and every acknowledged assessment present with its values. Returns
/// what is missing or different.
async fn check_database(sandbox: &support::Sandbox, acked: &HashMap<i64, Acked>) -> Vec<String> {
    let pool = db::open(&sandbox.db_path).await;
    let integrity = db::integrity_check(&pool).await;
    assert_eq!(integrity, "ok", "PRAGMA integrity_check");
    let broken = db::foreign_key_problems(&pool).await;
    assert!(broken.is_empty(), "PRAGMA foreign_key_check: {broken:?}");
    let rows: Vec<(i64, i64, i64, i64, String)> =
        sqlx::query_as("SELECT id, person_id, skill_id, level, source FROM assessments")
            .fetch_all(&pool)
            .await
            .unwrap();
    pool.close().await;
    let stored: HashMap<i64, (i64, i64, i64, String)> =
        rows.into_iter().map(|(id, p, s, l, source)| (id, (p, s, l, source))).collect();
    let mut missing: Vec<String> = acked
        .iter()
        .filter_map(|(id, a)| match stored.get(id) {
            Some((p, s, l, source))
                if (*p, *s, *l, source.as_str()) == (a.person_id, a.skill_id, a.level, a.source) =>
            {
                None
            }
            Some(other) => Some(format!("assessment {id}: sent {a:?}, stored {other:?}")),
            None => Some(format!("assessment {id} ({a:?}) is missing")),
        })
        .collect();
    missing.sort();
    missing
}

struct Writer {
    addr: std::net::SocketAddr,
    token: String,
    people: Vec<i64>,
    skills: Vec<i64>,
    rng: support::Rng,
    stop: Arc<AtomicBool>,
    tally: Arc<Mutex<Tally>>,
}

impl Writer {
    fn run(mut self) {
        while !self.stop.load(Ordering::SeqCst) {
            let person_id = *self.rng.pick(&self.people);
            let source = *self.rng.pick(&["lead", "self", "peer"]);
            let count = self.rng.range(1, 3) as usize;
            let mut levels: Vec<(i64, i64)> = Vec::new();
            while levels.len() < count.min(self.skills.len()) {
                let skill_id = *self.rng.pick(&self.skills);
                if !levels.iter().any(|(s, _)| *s == skill_id) {
                    levels.push((skill_id, self.rng.range(1, 4) as i64));
                }
            }
            let body = serde_json::json!({
                "source": source,
                "evidence": "crash test",
                "levels": levels.iter().map(|(s, l)| serde_json::json!({ "skill_id": s, "level": l })).collect::<Vec<_>>(),
            });
            let request =
                Request::post(&format!("/api/v1/people/{person_id}/assessments")).bearer(&self.token).json(&body);
            match request.send(self.addr, Duration::from_secs(15)) {
                Ok(response) if response.status == 201 => {
                    let ids: Vec<i64> = response
                        .json()
                        .and_then(|v| v["ids"].as_array().map(|a| a.iter().filter_map(|i| i.as_i64()).collect()))
                        .unwrap_or_default();
                    let mut tally = self.tally.lock().unwrap();
                    if ids.len() != levels.len() {
                        tally.unexpected.push(format!("201 with ids {ids:?} for {} levels", levels.len()));
                    }
                    for (id, (skill_id, level)) in ids.into_iter().zip(levels) {
                        // An id handed out twice means the first write was lost and its id reused.
                        if let Some(earlier) = tally.acked.insert(id, Acked { person_id, skill_id, level, source }) {
                            tally
                                .unexpected
                                .push(format!("id {id} acknowledged twice (first for {earlier:?}): a write was lost"));
                        }
                    }
                }
                Ok(response) => {
                    self.tally.lock().unwrap().unexpected.push(format!("{}: {}", response.status, response.text()));
                }
                // Connection refused, reset or cut short: the server was killed under it.
                Err(_) => {
                    self.tally.lock().unwrap().unanswered += 1;
                    if !self.stop.load(Ordering::SeqCst) {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                }
            }
        }
    }
}
