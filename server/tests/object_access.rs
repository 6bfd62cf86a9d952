//! Object-level access, end to end (issue 12, section 1): the role × route matrix holds, but each
//! test here names an object the caller may not reach (a person in another team, another
//! member's plan action, another lead's programme or import) through a route the caller's role
//! may use, and checks that the attack is refused and changes nothing.
//!
//! Each test runs its own server on 127.0.0.1 with the demo organisation: Ada Okafor leads
//! Platform engineering (the lead), Tomasz Nowak is a member of it (the member), and the lead of
//! Infrastructure operations gets a sign-in too (the other lead). Calls go to the server
//! functions and the JSON API as a script or an integration would send them (bearer tokens);
//! `server/tests/access_matrix.rs` repeats the object-level cases for every route with cookie
//! sessions as well.
//!
//! Every test failed on f6591a6 (the main commit before this work), as noted on each.

mod support;

use support::db::Db;
use support::http::{Multipart, Request, Response};
use support::{Sandbox, Server};

const LEAD_EMAIL: &str = "ada.okafor@example.gov.uk";
const MEMBER_EMAIL: &str = "tomasz.nowak@example.gov.uk";
const OTHER_LEAD_PASSWORD: &str = "object-access-other-lead-7Q";

struct World {
    sandbox: Sandbox,
    server: Server,
    db: Db,
    admin: String,
    lead: String,
    member: String,
    other_lead: String,
    /// Platform engineering, led by the lead.
    team: i64,
    /// The member's person id.
    member_person: i64,
    /// A member of the other team who leads nothing.
    outsider: i64,
}

impl World {
    fn new(name: &str) -> World {
        let sandbox = Sandbox::new(name);
        sandbox.load_demo();
        let db = Db::open(&sandbox.db_path);
        let id = |sql: &str| db.scalar_i64(sql).unwrap_or_else(|| panic!("the demo database has no row for: {sql}"));
        let team = id("SELECT id FROM teams WHERE name = 'Platform engineering'");
        let other_team = id("SELECT id FROM teams WHERE name = 'Infrastructure operations'");
        let member_person = id(&format!("SELECT id FROM people WHERE email = '{MEMBER_EMAIL}'"));
        let outsider = id(&format!(
            "SELECT person_id FROM team_memberships WHERE team_id = {other_team} AND is_lead = 0
             AND person_id NOT IN (SELECT person_id FROM team_memberships WHERE team_id <> {other_team})
             ORDER BY person_id LIMIT 1"
        ));
        let other_lead_email = db
            .scalar_text(&format!(
                "SELECT p.email FROM team_memberships m JOIN people p ON p.id = m.person_id
                 WHERE m.team_id = {other_team} AND m.is_lead = 1 ORDER BY p.id LIMIT 1"
            ))
            .expect("Infrastructure operations has a lead with an email");
        add_user(&sandbox, &other_lead_email, "lead");
        let server = sandbox.start_server();
        World {
            admin: sandbox.admin_token(),
            lead: sandbox.token_for(LEAD_EMAIL),
            member: sandbox.token_for(MEMBER_EMAIL),
            other_lead: sandbox.token_for(&other_lead_email),
            sandbox,
            server,
            db,
            team,
            member_person,
            outsider,
        }
    }

    fn post(&self, token: &str, endpoint: &str, fields: &[(&str, &str)]) -> Response {
        self.server.send(
            &Request::post(&format!("/api/{endpoint}")).bearer(token).header("Accept", "application/json").form(fields),
        )
    }

    fn get(&self, token: &str, path: &str) -> Response {
        self.server.send(&Request::get(path).bearer(token).header("Accept", "application/json"))
    }

    fn count(&self, sql: &str) -> i64 {
        self.db.scalar_i64(sql).unwrap_or(0)
    }

    fn is_member(&self, team: i64, person: i64) -> bool {
        self.count(&format!("SELECT COUNT(*) FROM team_memberships WHERE team_id = {team} AND person_id = {person}"))
            > 0
    }

    /// A person in no team, created by the administrator.
    fn teamless_person(&self, name: &str) -> i64 {
        let response = self.post(
            &self.admin,
            "people/create",
            &[("name", name), ("email", ""), ("role_level_id", ""), ("target_role_level_id", "")],
        );
        assert!(response.status < 400, "creating {name}: {} {}", response.status, response.text());
        self.db.scalar_i64(&format!("SELECT id FROM people WHERE name = '{name}'")).expect("the new person is recorded")
    }

    /// A role-profile preview made by the user of `token`: its import id.
    fn preview(&self, token: &str) -> i64 {
        let text = std::fs::read(support::repo_root().join("tests/fixtures/import/role-profile-sample.txt"))
            .expect("the role-profile fixture");
        let version = self.count("SELECT id FROM framework_versions ORDER BY id LIMIT 1");
        let response = self.server.send(
            &Request::post("/api/import/role-profile").bearer(token).header("Accept", "application/json").multipart(
                Multipart::new()
                    .file("profile_file", "profile.txt", text)
                    .text("profile_text", "")
                    .text("version_id", &version.to_string()),
            ),
        );
        assert!(response.status < 400, "preview: {} {}", response.status, response.text());
        self.count("SELECT MAX(id) FROM imports")
    }
}

/// `skillmix user add`, with the password on standard input.
fn add_user(sandbox: &Sandbox, email: &str, role: &str) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(support::binary())
        .env("DATABASE_URL", sandbox.url())
        .args(["user", "add", "--email", email, "--role", role, "--password-stdin"])
        .current_dir(sandbox.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run skillmix user add");
    child.stdin.take().expect("stdin").write_all(OTHER_LEAD_PASSWORD.as_bytes()).expect("write the password");
    let output = child.wait_with_output().expect("skillmix user add");
    assert!(output.status.success(), "user add: {}", String::from_utf8_lossy(&output.stderr));
}

/// Fails on f6591a6: the lead added a person of another team (200), and then read their whole
/// history.
#[test]
fn a_lead_cannot_take_a_person_from_another_team() {
    let w = World::new("objects-add-member");
    let outsider = w.outsider.to_string();
    let team = w.team.to_string();
    let before = w.db.checksum();

    let response = w.post(&w.lead, "teams/add-member", &[("team_id", &team), ("person_id", &outsider)]);
    assert_eq!(response.status, 403, "adding a person of another team: {}", response.text());
    assert!(response.text().contains("another team"), "the refusal says why: {}", response.text());
    let response =
        w.post(&w.lead, "teams/add-member", &[("team_id", &team), ("person_id", &outsider), ("is_lead", "yes")]);
    assert_eq!(response.status, 403, "adding them as a lead: {}", response.text());
    assert!(!w.is_member(w.team, w.outsider), "the person was added to the lead's team");
    assert!(before.changed_tables(&w.db.checksum()).is_empty(), "a refused add changed the database");

    // Their history stays out of reach.
    for path in [format!("/api/v1/people/{outsider}"), format!("/api/people/page?id={outsider}")] {
        let response = w.get(&w.lead, &path);
        assert_eq!(response.status, 403, "GET {path} after the refused add: {}", response.text());
    }

    // The search offers people in no team only, and adding one of them works.
    let free = w.teamless_person("Zelda Quist");
    let page = w.get(&w.lead, &format!("/api/teams/page?id={team}&find=zel")).json().expect("team page JSON");
    let found: Vec<i64> = page["found"].as_array().unwrap().iter().map(|p| p[0].as_i64().unwrap()).collect();
    assert_eq!(found, vec![free], "the lead's search finds the person in no team: {page}");
    let outsider_name = w.db.scalar_text(&format!("SELECT name FROM people WHERE id = {outsider}")).unwrap();
    let page = w
        .get(&w.lead, &format!("/api/teams/page?id={team}&find={}", support::http::form_encode(&outsider_name)))
        .json()
        .unwrap();
    assert_eq!(page["found_total"], 0, "the lead's search never offers a member of another team: {page}");
    let response = w.post(&w.lead, "teams/add-member", &[("team_id", &team), ("person_id", &free.to_string())]);
    assert!(response.status < 400, "adding a person in no team: {} {}", response.status, response.text());
    assert!(w.is_member(w.team, free));

    // An administrator may move anyone.
    let response = w.post(&w.admin, "teams/add-member", &[("team_id", &team), ("person_id", &outsider)]);
    assert!(response.status < 400, "the administrator adds: {} {}", response.status, response.text());
    assert!(w.is_member(w.team, w.outsider));
}

/// Fails on f6591a6: `teams/set-lead` made a person of another team a member and lead (200).
#[test]
fn a_lead_makes_only_their_own_members_leads() {
    let w = World::new("objects-set-lead");
    let team = w.team.to_string();
    let before = w.db.checksum();
    let response = w.post(
        &w.lead,
        "teams/set-lead",
        &[("team_id", &team), ("person_id", &w.outsider.to_string()), ("is_lead", "true")],
    );
    assert_eq!(response.status, 403, "making a person of another team lead: {}", response.text());
    assert!(response.text().contains("member of this team"), "the refusal says why: {}", response.text());
    assert!(!w.is_member(w.team, w.outsider));
    assert!(before.changed_tables(&w.db.checksum()).is_empty(), "a refused set-lead changed the database");

    // Their own member: allowed.
    let response = w.post(
        &w.lead,
        "teams/set-lead",
        &[("team_id", &team), ("person_id", &w.member_person.to_string()), ("is_lead", "true")],
    );
    assert!(response.status < 400, "making their own member lead: {} {}", response.status, response.text());
    assert_eq!(
        w.count(&format!(
            "SELECT is_lead FROM team_memberships WHERE team_id = {} AND person_id = {}",
            w.team, w.member_person
        )),
        1
    );
}

/// Fails on f6591a6: the member changed their own role level and target (200, saved).
#[test]
fn a_member_cannot_change_their_own_role_level() {
    let w = World::new("objects-role-level");
    let person = w.member_person;
    let current =
        w.db.scalar_text(&format!(
            "SELECT CAST(role_level_id AS TEXT) FROM people WHERE id = {person} AND role_level_id IS NOT NULL"
        ))
        .map(|c| c.parse::<i64>().unwrap());
    let other_level = w.count(&format!(
        "SELECT id FROM role_levels WHERE id IS NOT {} ORDER BY id DESC LIMIT 1",
        current.map(|c| c.to_string()).unwrap_or("NULL".into())
    ));
    let current_text = current.map(|c| c.to_string()).unwrap_or_default();
    let name = w.db.scalar_text(&format!("SELECT name FROM people WHERE id = {person}")).unwrap();
    let before = w.db.checksum();
    for (role_level, target) in
        [(other_level.to_string(), String::new()), (current_text.clone(), other_level.to_string())]
    {
        let response = w.post(
            &w.member,
            "people/update",
            &[
                ("id", &person.to_string()),
                ("name", "Renamed By Themselves"),
                ("email", MEMBER_EMAIL),
                ("role_level_id", &role_level),
                ("target_role_level_id", &target),
            ],
        );
        assert!(
            matches!(response.status, 403 | 422),
            "a member setting their own role level ({role_level}, {target}): {} {}",
            response.status,
            response.text()
        );
        assert!(response.text().contains("team lead or an administrator"), "the refusal says why: {}", response.text());
    }
    assert!(before.changed_tables(&w.db.checksum()).is_empty(), "a refused update changed the database");

    // What is theirs to edit, they still edit (the role levels sent back as they are).
    let target =
        w.db.scalar_text(&format!(
            "SELECT COALESCE(CAST(target_role_level_id AS TEXT), '') FROM people WHERE id = {person}"
        ))
        .unwrap_or_default();
    let response = w.post(
        &w.member,
        "people/update",
        &[
            ("id", &person.to_string()),
            ("name", &format!("{name} Jr")),
            ("email", MEMBER_EMAIL),
            ("role_level_id", &current_text),
            ("target_role_level_id", &target),
        ],
    );
    assert!(response.status < 400, "a member editing their name: {} {}", response.status, response.text());
    assert_eq!(w.db.scalar_text(&format!("SELECT name FROM people WHERE id = {person}")), Some(format!("{name} Jr")));

    // Their lead sets it.
    let response = w.post(
        &w.lead,
        "people/update",
        &[
            ("id", &person.to_string()),
            ("name", &name),
            ("email", MEMBER_EMAIL),
            ("role_level_id", &other_level.to_string()),
            ("target_role_level_id", ""),
        ],
    );
    assert!(response.status < 400, "the lead sets the role level: {} {}", response.status, response.text());
    assert_eq!(w.db.scalar_i64(&format!("SELECT role_level_id FROM people WHERE id = {person}")), Some(other_level));
}

/// Fails on f6591a6: the lead saved the other lead's preview into the shared version (200).
#[test]
fn only_the_author_saves_a_role_profile_preview() {
    let w = World::new("objects-import");
    let import = w.preview(&w.other_lead);
    let id = import.to_string();
    let before = w.db.checksum();
    for endpoint in ["import/save-role-profile", "import/assign-role-level"] {
        let fields: Vec<(&str, &str)> = if endpoint == "import/assign-role-level" {
            vec![("import_id", &id), ("people[1]", "on")]
        } else {
            vec![("import_id", &id)]
        };
        let response = w.post(&w.lead, endpoint, &fields);
        assert_eq!(response.status, 403, "{endpoint} on another lead's import: {}", response.text());
        assert!(response.text().contains("Only the person who made this import"), "{}", response.text());
    }
    assert!(before.changed_tables(&w.db.checksum()).is_empty(), "a refused save changed the database");
    assert_eq!(
        w.db.scalar_text(&format!("SELECT status FROM imports WHERE id = {import}")).as_deref(),
        Some("preview")
    );

    let response = w.post(&w.other_lead, "import/save-role-profile", &[("import_id", &id)]);
    assert!(response.status < 400, "the author saves: {} {}", response.status, response.text());
    assert_eq!(w.db.scalar_text(&format!("SELECT status FROM imports WHERE id = {import}")).as_deref(), Some("saved"));
}

/// Fails on f6591a6: members and viewers read the importer's email on the report.
#[test]
fn the_importers_email_is_shown_to_administrators_only() {
    let w = World::new("objects-report");
    let import = w.preview(&w.other_lead);
    let email = w
        .db
        .scalar_text(&format!("SELECT u.email FROM imports i JOIN users u ON u.id = i.user_id WHERE i.id = {import}"))
        .expect("the import records who made it");
    let viewer = w.sandbox.token_for("senior.viewer@example.gov.uk");
    for (who, token) in [("member", &w.member), ("viewer", &viewer), ("lead", &w.lead)] {
        let response = w.get(token, &format!("/api/import/report?id={import}"));
        assert_eq!(response.status, 200, "{who} reads the report: {}", response.text());
        assert!(!response.text().contains(&email), "the {who} sees the importer's email");
        assert_eq!(response.json().unwrap()["by_user"], true);
    }
    let response = w.get(&w.admin, &format!("/api/import/report?id={import}"));
    assert!(response.text().contains(&email), "the administrator sees who imported");
}

/// Fails on f6591a6: another person's action answered 403 and a missing one 404 (an oracle).
#[test]
fn plan_action_ids_cannot_be_probed() {
    let w = World::new("objects-plan");
    let due = (chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string();
    let response = w.post(
        &w.admin,
        "training/plan/add",
        &[("person_id", &w.outsider.to_string()), ("form", "new"), ("text", "Pair on the runbook"), ("due_on", &due)],
    );
    assert!(response.status < 400, "adding an action: {} {}", response.status, response.text());
    let action = w.count(&format!("SELECT MAX(id) FROM plan_actions WHERE person_id = {}", w.outsider));
    let missing = w.count("SELECT COALESCE(MAX(id), 0) + 1000 FROM plan_actions");
    let before = w.db.checksum();
    for (who, token) in [("lead", &w.lead), ("member", &w.member)] {
        let theirs = w.post(token, "training/plan/status", &[("action_id", &action.to_string()), ("status", "done")]);
        let nobody = w.post(token, "training/plan/status", &[("action_id", &missing.to_string()), ("status", "done")]);
        assert_eq!(theirs.status, 404, "{who} on someone else's action: {}", theirs.text());
        assert_eq!(nobody.status, 404, "{who} on a missing action: {}", nobody.text());
        assert_eq!(theirs.text(), nobody.text(), "{who}: the two answers differ");
    }
    let anonymous = w.server.send(
        &Request::post("/api/training/plan/status")
            .header("Accept", "application/json")
            .form(&[("action_id", &action.to_string()), ("status", "done")]),
    );
    assert_eq!(anonymous.status, 401);
    assert!(before.changed_tables(&w.db.checksum()).is_empty(), "a refused status change changed the database");
}

/// Fails on f6591a6: another lead's programme answered 403 and a missing one 404 (an oracle).
#[test]
fn programme_ids_cannot_be_probed() {
    let w = World::new("objects-programme");
    let programme = w.count("SELECT id FROM workshop_programmes ORDER BY id LIMIT 1");
    let (event, item): (i64, i64) = w.db.run(async {
        sqlx::query_as(
            "SELECT e.id, i.id FROM workshop_events e JOIN workshop_agenda_items i ON i.event_id = e.id
             WHERE e.programme_id = ? ORDER BY e.id, i.id LIMIT 1",
        )
        .bind(programme)
        .fetch_one(&w.db.pool)
        .await
        .unwrap()
    });
    let missing = w.count("SELECT MAX(id) + 1000 FROM workshop_programmes");
    let before = w.db.checksum();
    let cases = |p: i64| {
        vec![
            ("GET", format!("/api/workshops/programme?id={p}"), vec![]),
            ("GET", format!("/api/workshops/event?programme_id={p}&event_id={event}"), vec![]),
            ("GET", format!("/api/workshops/item-form?programme_id={p}&event_id={event}&item_id={item}"), vec![]),
            ("POST", "/api/workshops/delete".to_string(), vec![("id", p.to_string()), ("confirm", "yes".to_string())]),
            (
                "POST",
                "/api/workshops/delete-item".to_string(),
                vec![("programme_id", p.to_string()), ("event_id", event.to_string()), ("item_id", item.to_string())],
            ),
        ]
    };
    for ((method, path, fields), (_, missing_path, missing_fields)) in cases(programme).into_iter().zip(cases(missing))
    {
        let send = |path: &str, fields: &[(String, String)]| {
            if method == "GET" {
                w.get(&w.other_lead, path)
            } else {
                let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                w.server
                    .send(&Request::post(path).bearer(&w.other_lead).header("Accept", "application/json").form(&fields))
            }
        };
        let fields: Vec<(String, String)> = fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let missing_fields: Vec<(String, String)> =
            missing_fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let theirs = send(&path, &fields);
        let nobody = send(&missing_path, &missing_fields);
        assert_eq!(theirs.status, 404, "{method} {path} as the other lead: {}", theirs.text());
        assert_eq!(nobody.status, 404, "{method} {missing_path}: {}", nobody.text());
        assert_eq!(theirs.text(), nobody.text(), "{method} {path}: the two answers differ");
    }
    assert!(before.changed_tables(&w.db.checksum()).is_empty(), "a refused workshop call changed the database");
    // The programme's own lead still reaches it.
    assert_eq!(w.get(&w.lead, &format!("/api/workshops/programme?id={programme}")).status, 200);
}
