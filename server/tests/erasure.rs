//! Erasure and subject access (issue 12, section 4), through the front door: the server's HTTP
//! routes and server functions, and the command line, against a throw-away database with the
//! demo organisation.
//!
//! Run with `cargo test -p server --test erasure -- --nocapture`.

mod support;

use std::io::Write;
use std::process::{Command, Stdio};
use support::db::Db;
use support::http::Request;
use support::{Sandbox, Server};

const PASSWORD: &str = "violet-harbour-lantern-42";

/// `skillmix user add` with the password on standard input; returns the new user's id.
fn add_user(sandbox: &Sandbox, email: &str, role: &str, team: Option<&str>) -> i64 {
    let mut args = vec!["user", "add", "--email", email, "--role", role, "--password-stdin"];
    if let Some(team) = team {
        args.extend(["--team", team]);
    }
    let mut child = Command::new(support::binary())
        .env("DATABASE_URL", sandbox.url())
        .env("RUST_LOG", "warn")
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run skillmix user add");
    child.stdin.take().expect("stdin").write_all(PASSWORD.as_bytes()).expect("write the password");
    let output = child.wait_with_output().expect("user add finishes");
    assert!(
        output.status.success(),
        "user add {email}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Db::open(&sandbox.db_path)
        .scalar_i64(&format!("SELECT id FROM users WHERE email = '{email}'"))
        .expect("the user was added")
}

/// Signs in through the sign-in server function; returns the session cookie ("name=value").
fn sign_in(server: &Server, email: &str) -> String {
    let response = server.send(
        &Request::post("/api/session/sign-in")
            .header("Accept", "application/json")
            .form(&[("email", email), ("password", PASSWORD)]),
    );
    assert!(response.status < 400, "sign-in of {email}: {} {}", response.status, response.text());
    response.session_cookie().unwrap_or_else(|| panic!("no session cookie for {email}: {:?}", response.headers))
}

/// Who the session cookie signs in, as `session/current` reports it (the text of its answer).
fn current_user(server: &Server, cookie: &str) -> String {
    let response = server
        .send(&Request::post("/api/session/current").header("Cookie", cookie).header("Accept", "application/json"));
    format!("{} {}", response.status, response.text())
}

fn first_team(sandbox: &Sandbox) -> String {
    Db::open(&sandbox.db_path).scalar_text("SELECT name FROM teams ORDER BY id LIMIT 1").expect("a demo team")
}

/// After an administrator erases a person, their name and email appear nowhere a user can read:
/// the audit log (page and server function) shows a pseudonym for them as actor and target, the
/// JSON export and the backup hold no trace of them, their sessions and tokens are gone, and
/// the audit log kept every row (append-only). Fails on f6591a6: the audit log showed their
/// email (it was stored in every event they made), and the export and backup held it.
#[test]
fn an_erased_person_leaves_no_name_or_email() {
    let sandbox = Sandbox::new("erasure");
    sandbox.load_demo();
    let team = first_team(&sandbox);
    let email = "zed.quistorff@example.gov.uk";
    let name = "Zed Quistorff";
    let user = add_user(&sandbox, email, "member", Some(&team));
    let admin = sandbox.admin_token();
    let token = sandbox.token_for(email);
    let server = sandbox.start_server();
    let db = Db::open(&sandbox.db_path);
    let person = db.scalar_i64(&format!("SELECT person_id FROM users WHERE id = {user}")).expect("a person");
    assert_eq!(db.scalar_text(&format!("SELECT name FROM people WHERE id = {person}")).as_deref(), Some(name));

    // They act (a session and an API call), and others act on them.
    let cookie = sign_in(&server, email);
    assert!(current_user(&server, &cookie).contains(email), "the session signs them in");
    let own = server.send(&Request::get(&format!("/api/v1/people/{person}/export.json")).bearer(&token));
    assert_eq!(own.status, 200, "{}", own.text());
    let wrong = server.send(
        &Request::post("/api/session/sign-in")
            .header("Accept", "application/json")
            .form(&[("email", email), ("password", "not-the-password-at-all")]),
    );
    assert!(wrong.status >= 400);
    let seen = server.send(&Request::get(&format!("/api/v1/people/{person}")).bearer(&admin));
    assert_eq!(seen.status, 200);
    let audit_before =
        server.send(&Request::get("/api/admin/audit").bearer(&admin).header("Accept", "application/json"));
    assert!(audit_before.text().contains(email), "before erasure the log names them: {}", audit_before.text());
    let events_before = db.scalar_i64("SELECT COUNT(*) FROM audit_events").unwrap();
    let sessions_before = db.scalar_i64("SELECT COUNT(*) FROM tower_sessions").unwrap();

    // The administrator erases them.
    let erase = server.send(
        &Request::post("/api/admin/erase-person")
            .bearer(&admin)
            .header("Accept", "application/json")
            .form(&[("id", &person.to_string()), ("confirm", "yes")]),
    );
    assert!(erase.status < 400, "erase: {} {}", erase.status, erase.text());

    let pseudonym =
        db.scalar_text(&format!("SELECT pseudonym FROM erasures WHERE person_id = {person}")).expect("a pseudonym");
    assert!(pseudonym.starts_with("erased person "), "{pseudonym}");
    assert!(!pseudonym.contains(&person.to_string()) || pseudonym.len() > 20, "not derived from the id: {pseudonym}");

    // The audit log, as the server function and the page show it.
    let audit = server.send(&Request::get("/api/admin/audit").bearer(&admin).header("Accept", "application/json"));
    assert_eq!(audit.status, 200);
    let rows = audit.json().expect("JSON rows");
    let rows = rows.as_array().expect("a list");
    let text = audit.text();
    for trace in [email, name, "zed.quistorff", "Quistorff"] {
        assert!(!text.to_lowercase().contains(&trace.to_lowercase()), "the audit log still shows {trace}");
    }
    let by_them: Vec<_> = rows.iter().filter(|r| r["actor"] == pseudonym.as_str()).collect();
    assert!(by_them.iter().any(|r| r["action"] == "export.person"), "their own export, by their pseudonym: {rows:?}");
    assert!(by_them.iter().any(|r| r["action"] == "sign-in"), "their sign-ins, by their pseudonym");
    let erased = rows.iter().find(|r| r["action"] == "person.erase").expect("the erasure is logged");
    assert_eq!(erased["target"], pseudonym.as_str(), "the target shows the pseudonym");
    assert!(rows
        .iter()
        .any(|r| r["target"].as_str().is_some_and(|t| t.starts_with(&pseudonym)) && r["action"] != "person.erase"));
    let page = server.send(&Request::get("/admin/audit").bearer(&admin));
    assert_eq!(page.status, 200);
    assert!(page.text().contains(&pseudonym), "the page shows the pseudonym");
    assert!(!page.text().contains(email) && !page.text().contains(name));

    // Append-only still: no row went, and the triggers still refuse changes.
    assert!(db.scalar_i64("SELECT COUNT(*) FROM audit_events").unwrap() > events_before);
    let update = db.run(sqlx::query("UPDATE audit_events SET action = 'x'").execute(&db.pool));
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = db.run(sqlx::query("DELETE FROM audit_events").execute(&db.pool));
    assert!(delete.unwrap_err().to_string().contains("append-only"));

    // Sessions and tokens are gone.
    assert_eq!(db.scalar_i64("SELECT COUNT(*) FROM tower_sessions").unwrap(), sessions_before - 1);
    assert!(!current_user(&server, &cookie).contains(email));
    assert_eq!(db.scalar_i64(&format!("SELECT COUNT(*) FROM api_tokens WHERE user_id = {user}")), Some(0));
    let refused = server.send(&Request::get("/api/v1/teams").bearer(&token));
    assert_eq!(refused.status, 401, "their token no longer works");

    // The JSON export: no trace of them, no credentials; written 0600 and audited.
    let export_path = sandbox.dir.path().join("everything.json");
    sandbox.cli_ok(&["export", "--out", export_path.to_str().unwrap()]);
    let export = std::fs::read_to_string(&export_path).unwrap();
    for trace in [email, name, "Quistorff"] {
        assert!(!export.contains(trace), "the export still holds {trace}");
    }
    assert!(export.contains(&pseudonym), "the export keeps the pseudonym for the audit log");
    assert!(!export.contains("password_hash") && !export.contains("$argon2"), "no password hashes in the export");
    assert!(!export.contains("token_hash") && !export.contains(&token), "no tokens in the export");
    assert_mode_0600(&export_path);

    // The backup: no trace of them in any byte of the copy; written 0600 and audited.
    let backup_path = sandbox.dir.path().join("backup.db");
    sandbox.cli_ok(&["backup", "--out", backup_path.to_str().unwrap()]);
    let bytes = std::fs::read(&backup_path).unwrap();
    for trace in [email, name, "Quistorff"] {
        assert!(!contains(&bytes, trace.as_bytes()), "the backup still holds {trace}");
    }
    assert_mode_0600(&backup_path);
    let audited: Vec<String> = db.run(async {
        sqlx::query_scalar("SELECT action FROM audit_events WHERE actor_email = 'command line' ORDER BY id")
            .fetch_all(&db.pool)
            .await
            .unwrap()
    });
    assert!(audited.iter().any(|a| a == "export.all"), "{audited:?}");
    assert!(audited.iter().any(|a| a == "backup"), "{audited:?}");
    assert!(db.foreign_key_problems().is_empty());
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn assert_mode_0600(path: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{} has mode {mode:o}", path.display());
}

/// Ids are never reused: after the person and user with the highest ids are erased, the next
/// ones get new ids, and the erased user's session does not sign the new user in. Fails on
/// f6591a6: SQLite gave the new user and person the erased ones' ids (max(id) + 1).
#[test]
fn ids_are_never_reused() {
    let sandbox = Sandbox::new("ids");
    sandbox.load_demo();
    let admin = sandbox.admin_token();
    let first = add_user(&sandbox, "first.leaver@example.gov.uk", "member", None);
    let server = sandbox.start_server();
    let db = Db::open(&sandbox.db_path);
    assert_eq!(db.scalar_i64("SELECT MAX(id) FROM users"), Some(first), "the newest user has the highest id");
    let person = db.scalar_i64(&format!("SELECT person_id FROM users WHERE id = {first}")).unwrap();
    assert_eq!(db.scalar_i64("SELECT MAX(id) FROM people"), Some(person));
    let cookie = sign_in(&server, "first.leaver@example.gov.uk");
    let team_count = db.scalar_i64("SELECT MAX(id) FROM teams").unwrap();

    let erase = server.send(
        &Request::post("/api/admin/erase-person")
            .bearer(&admin)
            .header("Accept", "application/json")
            .form(&[("id", &person.to_string()), ("confirm", "yes")]),
    );
    assert!(erase.status < 400, "erase: {} {}", erase.status, erase.text());

    let second = add_user(&sandbox, "second.joiner@example.gov.uk", "member", None);
    let new_person = db.scalar_i64(&format!("SELECT person_id FROM users WHERE id = {second}")).unwrap();
    assert_ne!(second, first, "a new user never gets an erased user's id");
    assert!(second > first);
    assert_ne!(new_person, person, "a new person never gets an erased person's id");
    assert!(!current_user(&server, &cookie).contains("second.joiner"), "the old session signs nobody in");
    assert!(!current_user(&server, &cookie).contains("first.leaver"));
    assert_eq!(db.scalar_i64("SELECT MAX(id) FROM teams"), Some(team_count));
    assert!(db.foreign_key_problems().is_empty());
}

/// The subject-access export holds everything about the person: the audit events about them
/// (as actor and as target), their tokens' metadata (never the digest), the assessments they
/// made of others, the plan actions they own, their workshop attendance and the workshops'
/// outcomes. Fails on f6591a6: none of audit_events, api_tokens, assessments_made,
/// plan_actions_owned or workshop_outcomes was in it.
#[test]
fn the_subject_access_export_is_complete() {
    let sandbox = Sandbox::new("subject-access");
    sandbox.load_demo();
    let team = first_team(&sandbox);
    let email = "ada.subject@example.gov.uk";
    add_user(&sandbox, email, "lead", Some(&team));
    let admin = sandbox.admin_token();
    let token = sandbox.token_for(email);
    let server = sandbox.start_server();
    let db = Db::open(&sandbox.db_path);
    let person = db.scalar_i64(&format!("SELECT person_id FROM users WHERE email = '{email}'")).unwrap();
    let other = db
        .scalar_i64(&format!(
            "SELECT m.person_id FROM team_memberships m JOIN teams t ON t.id = m.team_id
             WHERE t.name = '{team}' AND m.person_id <> {person} ORDER BY m.person_id LIMIT 1"
        ))
        .expect("a team mate");
    let skill = db
        .scalar_i64(
            "SELECT s.id FROM skills s JOIN teams t ON t.framework_version_id = s.version_id
             WHERE s.scale = 'ddat' ORDER BY s.id LIMIT 1",
        )
        .expect("a skill");

    // As assessor: they record a level for a team mate, through the API.
    let recorded = server.send(
        &Request::post(&format!("/api/v1/people/{other}/assessments"))
            .bearer(&token)
            .json(&serde_json::json!({ "source": "lead", "levels": [{ "skill_id": skill, "level": 3 }] })),
    );
    assert_eq!(recorded.status, 201, "{}", recorded.text());
    // A plan action of the team mate that they own, and a workshop they attended.
    db.run(async {
        sqlx::query(
            "INSERT INTO plan_actions (person_id, skill_id, target_level, text, owner_person_id, due_on, status, created_at, updated_at)
             VALUES (?, ?, 3, 'Pair on the incident review', ?, '2027-01-31', 'planned', '2026-12-01T10:00:00Z', '2026-12-01T10:00:00Z')",
        )
        .bind(other)
        .bind(skill)
        .bind(person)
        .execute(&db.pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO workshop_attendance (event_id, person_id, attended, recorded_at)
             SELECT MIN(id), ?, 1, '2026-12-01T10:00:00Z' FROM workshop_events",
        )
        .bind(person)
        .execute(&db.pool)
        .await
        .unwrap();
    });
    let outcome = db
        .scalar_text(
            "SELECT o.text FROM workshop_outcomes o
             WHERE o.event_id = (SELECT MIN(id) FROM workshop_events) OR o.programme_id =
                   (SELECT programme_id FROM workshop_events WHERE id = (SELECT MIN(id) FROM workshop_events))
             ORDER BY o.id LIMIT 1",
        )
        .expect("the demo workshop has outcomes");
    // As target: the administrator downloads their data first.
    assert_eq!(server.send(&Request::get(&format!("/api/v1/people/{person}/export.json")).bearer(&admin)).status, 200);

    let response = server.send(&Request::get(&format!("/api/v1/people/{person}/export.json")).bearer(&token));
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.header("cache-control"), Some("no-store"));
    let doc = response.json().expect("JSON");
    let list = |key: &str| doc[key].as_array().unwrap_or_else(|| panic!("no {key} in the export: {doc}")).clone();

    let events = list("audit_events");
    assert!(
        events.iter().any(|e| e["action"] == "assessment.record" && e["actor"] == email),
        "what they did: {events:?}"
    );
    assert!(
        events.iter().any(|e| e["action"] == "export.person"
            && e["actor"] == "admin@example.gov.uk"
            && e["target"] == format!("person:{person}")),
        "what was done to them: {events:?}"
    );
    assert!(events.iter().any(|e| e["action"] == "token.create"), "their token's creation: {events:?}");

    let tokens = list("api_tokens");
    assert_eq!(tokens.len(), 1, "{tokens:?}");
    assert_eq!(tokens[0]["label"], "resilience tests");
    assert!(tokens[0].get("token_hash").is_none(), "never the digest");
    assert!(!response.text().contains(&token));
    let digest: String =
        db.scalar_text("SELECT token_hash FROM api_tokens ORDER BY id DESC LIMIT 1").expect("the digest is stored");
    assert!(!response.text().contains(&digest), "the digest is not in the export");

    let made = list("assessments_made");
    assert!(
        made.iter()
            .any(|a| a["person_id"] == other && a["skill_id"] == skill && a["level"] == 3 && a["source"] == "lead"),
        "{made:?}"
    );
    let owned = list("plan_actions_owned");
    assert!(owned.iter().any(|a| a["text"] == "Pair on the incident review" && a["person_id"] == other), "{owned:?}");
    let attendance = list("workshop_attendance");
    assert!(attendance.iter().any(|a| a["person_id"] == person && a["attended"] == 1), "{attendance:?}");
    let outcomes = list("workshop_outcomes");
    assert!(outcomes.iter().any(|o| o["text"] == outcome.as_str()), "{outcomes:?}");
    assert!(!response.text().contains("password_hash"));
}
