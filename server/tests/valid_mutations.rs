//! Every mutation, once, with valid input (issue 16, item 3): each server function that changes
//! data and each POST of the JSON API `/api/v1` is called by a user allowed to make it, must
//! succeed, and must have changed what it should, read back as a user would see it (a page
//! server function or an API GET) or from the database.
//!
//! The set is complete by construction: the mutations are every server function the router
//! serves (`server_fn_paths()`) less [`READ_ONLY`], plus every POST of `server::api::ROUTES`.
//! One without a case here fails the test before anything runs, so a new mutation cannot ship
//! untested; at the end, every case must have run and been checked.
//!
//! One server runs on 127.0.0.1 with the demo organisation (`skillmix demo`): Ada Okafor leads
//! Platform engineering (the lead), Tomasz Nowak is a member of it (the member), and the demo
//! administrator. Calls use bearer tokens as an API client would; the session functions (sign
//! in, change password, sign out) use cookies with a same-origin `Origin` and `Sec-Fetch-Site`,
//! as a browser does. The cases run in an order that works: create, update, then delete.

mod support;

use serde_json::Value;
use std::collections::BTreeSet;
use support::db::Db;
use support::http::{form_encode, Multipart, Request, Response};
use support::{Sandbox, Server};

const LEAD_EMAIL: &str = "ada.okafor@example.gov.uk";
const MEMBER_EMAIL: &str = "tomasz.nowak@example.gov.uk";

/// Server functions that change nothing: page loaders and look-ups. Everything else the router
/// serves is a mutation and needs a case below.
const READ_ONLY: &[&str] = &[
    "account/page",
    "admin/audit",
    "admin/users",
    "analysis/coverage",
    "analysis/dynamics",
    "analysis/heatmap",
    "assess/page",
    "framework/role-level",
    "framework/skill",
    "framework/version",
    "framework/versions",
    "import/page",
    "import/report",
    "org/rollup",
    "people/confirm",
    "people/form",
    "people/page",
    "session/current",
    "session/sign-in-options",
    "teams/dashboard",
    "teams/form",
    "teams/page",
    "training/needs",
    "training/plan",
    "workshops/attendance",
    "workshops/event",
    "workshops/event-form",
    "workshops/facilitate",
    "workshops/form",
    "workshops/item-form",
    "workshops/list",
    "workshops/methods",
    "workshops/programme",
];

/// The mutations this file has a valid-input case for: server functions by endpoint, JSON API
/// routes as `POST <path>` (under `/api/v1`).
const CASES: &[&str] = &[
    "session/sign-in",
    "teams/create",
    "teams/update",
    "people/create",
    "people/update",
    "teams/add-member",
    "teams/set-lead",
    "teams/primary-team",
    "assess/record",
    "POST /people/{id}/assessments",
    "training/weights",
    "training/plan/add",
    "training/plan/status",
    "import/ddat",
    "import/sfia",
    "import/role-profile",
    "POST /import/role-profile",
    "import/save-role-profile",
    "import/assign-role-level",
    "import/move-team",
    "workshops/create",
    "workshops/update",
    "workshops/create-method",
    "workshops/create-event",
    "workshops/update-event",
    "workshops/add-method",
    "workshops/add-item",
    "workshops/update-item",
    "workshops/move-item",
    "workshops/timer",
    "workshops/reset-timer",
    "workshops/plan-from-last-run",
    "workshops/invite",
    "workshops/invitation",
    "workshops/uninvite",
    "workshops/attendance-save",
    "workshops/add-action",
    "workshops/action-status",
    "workshops/add-outcome",
    "workshops/follow-up",
    "workshops/copy-event",
    "workshops/copy",
    "workshops/delete-item",
    "workshops/delete-event",
    "workshops/delete",
    "admin/add-user",
    "admin/update-user",
    "admin/reset-password",
    "account/change-password",
    "session/sign-out",
    "teams/remove-member",
    "people/delete",
    "admin/erase-person",
    "teams/delete",
];

/// Every mutation the router serves: server functions not in [`READ_ONLY`], and the JSON API's
/// POST routes. Also fails on a [`READ_ONLY`] entry the router does not serve (a stale list).
fn mutations() -> BTreeSet<String> {
    let served: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.strip_prefix("/api/").unwrap_or(path).to_string())
        .collect();
    assert!(served.len() > 80, "only {} server functions are registered: is the app linked in?", served.len());
    let stale: Vec<&&str> = READ_ONLY.iter().filter(|name| !served.contains(**name)).collect();
    assert!(stale.is_empty(), "READ_ONLY names server functions the router does not serve: {stale:?}");
    let mut out: BTreeSet<String> = served.into_iter().filter(|name| !READ_ONLY.contains(&name.as_str())).collect();
    for (method, path) in server::api::ROUTES {
        if *method != "GET" {
            out.insert(format!("{method} {path}"));
        }
    }
    out
}

#[test]
fn every_mutation_has_a_valid_input_case() {
    let cases: BTreeSet<String> = CASES.iter().map(|c| c.to_string()).collect();
    let all = mutations();
    let untested: Vec<&String> = all.difference(&cases).collect();
    assert!(untested.is_empty(), "mutations without a valid-input case in valid_mutations.rs: {untested:?}");
    let unknown: Vec<&String> = cases.difference(&all).collect();
    assert!(unknown.is_empty(), "cases for mutations the router does not serve: {unknown:?}");
}

/// The server, its database, and the users' credentials.
struct World {
    server: Server,
    db: Db,
    admin: String,
    lead: String,
    member: String,
    /// The demo sign-ins' password (printed by `skillmix demo`).
    demo_password: String,
    /// The mutations that ran and were checked.
    done: BTreeSet<String>,
    /// The temporary folder: dropped last, after the server is stopped.
    _sandbox: Sandbox,
}

/// A form body: keys keep their brackets (`levels[12]`, `query[mode]`), values are encoded.
fn form(fields: &[(&str, &str)]) -> String {
    fields.iter().map(|(k, v)| format!("{k}={}", form_encode(v))).collect::<Vec<_>>().join("&")
}

impl World {
    fn new() -> World {
        let sandbox = Sandbox::new("valid-mutations");
        let out = sandbox.cli_ok(&["demo"]);
        let demo_password = out
            .lines()
            .find(|l| l.contains(LEAD_EMAIL))
            .and_then(|l| l.split_whitespace().last())
            .expect("skillmix demo prints the lead's sign-in")
            .to_string();
        let db = Db::open(&sandbox.db_path);
        let server = sandbox.start_server();
        World {
            admin: sandbox.admin_token(),
            lead: sandbox.token_for(LEAD_EMAIL),
            member: sandbox.token_for(MEMBER_EMAIL),
            _sandbox: sandbox,
            server,
            db,
            demo_password,
            done: BTreeSet::new(),
        }
    }

    fn origin(&self) -> String {
        format!("http://{}", self.server.addr)
    }

    /// A server function posted with a bearer token (form-urlencoded).
    fn post(&self, token: &str, endpoint: &str, body: &str) -> Response {
        self.server.send(
            &Request::post(&format!("/api/{endpoint}"))
                .bearer(token)
                .header("Accept", "application/json")
                .body("application/x-www-form-urlencoded", body.as_bytes().to_vec()),
        )
    }

    /// A server function posted by a browser with a session cookie (none: signed out).
    fn post_cookie(&self, cookie: Option<&str>, endpoint: &str, body: &str) -> Response {
        let mut request = Request::post(&format!("/api/{endpoint}"))
            .header("Accept", "application/json")
            .header("Origin", &self.origin())
            .header("Sec-Fetch-Site", "same-origin");
        if let Some(cookie) = cookie {
            request = request.header("Cookie", cookie);
        }
        self.server.send(&request.body("application/x-www-form-urlencoded", body.as_bytes().to_vec()))
    }

    /// Records a mutation as done once its answer is a success; returns the answer's JSON.
    fn succeeded(&mut self, name: &str, response: &Response) -> Value {
        assert!(
            (200..300).contains(&response.status),
            "{name} with valid input answered {}: {}",
            response.status,
            response.text()
        );
        self.done.insert(name.to_string());
        response.json().unwrap_or(Value::Null)
    }

    /// Calls a server function with a bearer token: it must succeed. Its JSON answer.
    fn mutate(&mut self, token: &str, endpoint: &str, fields: &[(&str, &str)]) -> Value {
        let response = self.post(token, endpoint, &form(fields));
        self.succeeded(endpoint, &response)
    }

    /// A page server function (GET) as the user of `token`: its JSON answer, as text.
    fn page(&self, token: &str, endpoint: &str, query: &str) -> String {
        let path = if query.is_empty() { format!("/api/{endpoint}") } else { format!("/api/{endpoint}?{query}") };
        let response = self.server.send(&Request::get(&path).bearer(token).header("Accept", "application/json"));
        assert_eq!(response.status, 200, "GET {path}: {}", response.text());
        response.text()
    }

    fn page_json(&self, token: &str, endpoint: &str, query: &str) -> Value {
        serde_json::from_str(&self.page(token, endpoint, query)).expect("a page server function answers JSON")
    }

    /// A JSON API GET under `/api/v1`.
    fn api_get(&self, token: &str, path: &str) -> Response {
        self.server.send(&Request::get(&format!("/api/v1{path}")).bearer(token).header("Accept", "application/json"))
    }

    fn count(&self, sql: &str) -> i64 {
        self.db.scalar_i64(sql).unwrap_or(0)
    }

    fn id(&self, sql: &str) -> i64 {
        self.db.scalar_i64(sql).unwrap_or_else(|| panic!("no row for: {sql}"))
    }

    fn text(&self, sql: &str) -> Option<String> {
        self.db.scalar_text(sql)
    }

    /// Signs in through `session/sign-in` as a browser: the session cookie.
    fn sign_in(&self, email: &str, password: &str) -> (Response, Option<String>) {
        let response = self.post_cookie(None, "session/sign-in", &form(&[("email", email), ("password", password)]));
        let cookie = response.session_cookie();
        (response, cookie)
    }

    /// Who `session/current` says is signed in with this cookie (None: nobody).
    fn current_email(&self, cookie: &str) -> Option<String> {
        let response = self.post_cookie(Some(cookie), "session/current", "");
        assert_eq!(response.status, 200, "session/current: {}", response.text());
        response.json().and_then(|v| v.get("email").and_then(Value::as_str).map(str::to_string))
    }

    /// A multipart upload to a server function with a bearer token.
    fn upload(&self, token: &str, endpoint: &str, form: Multipart) -> Response {
        self.server.send(
            &Request::post(&format!("/api/{endpoint}"))
                .bearer(token)
                .header("Accept", "application/json")
                .multipart(form),
        )
    }
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(support::repo_root().join("tests/fixtures").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The titles of an event's agenda items, in order, as `workshops/event` shows them.
fn agenda(w: &World, token: &str, query: &str) -> Vec<String> {
    let event = w.page_json(token, "workshops/event", query);
    let items = event["items"].as_array().expect("an agenda");
    items.iter().map(|i| i["title"].as_str().unwrap_or_default().to_string()).collect()
}

/// The ids of the programmes `workshops/list` shows the user of `token`.
fn listed_programmes(w: &World, token: &str) -> Vec<i64> {
    let list = w.page_json(token, "workshops/list", "");
    list["programmes"].as_array().expect("a list of programmes").iter().filter_map(|p| p["id"].as_i64()).collect()
}

fn as_id(value: &Value, what: &str) -> i64 {
    value.as_i64().unwrap_or_else(|| panic!("{what} answered {value}, not an id"))
}

#[test]
fn every_mutation_succeeds_with_valid_input_and_changes_what_it_should() {
    let required = mutations();
    let mut w = World::new();
    let today = chrono::Utc::now().date_naive();
    let day = |days: i64| (today + chrono::Duration::days(days)).to_string();

    let platform = w.id("SELECT id FROM teams WHERE name = 'Platform engineering'");
    let member_person = w.id(&format!("SELECT id FROM people WHERE email = '{MEMBER_EMAIL}'"));
    let version = w.id("SELECT id FROM framework_versions ORDER BY id LIMIT 1");
    // The member's role level, and another level of the same role to aim for.
    let role_level = w.id(&format!("SELECT role_level_id FROM people WHERE id = {member_person}"));
    let target_level = w.id(&format!(
        "SELECT id FROM role_levels WHERE role_id = (SELECT role_id FROM role_levels WHERE id = {role_level})
         AND id <> {role_level} ORDER BY rank DESC LIMIT 1"
    ));
    let skill = w.id(&format!("SELECT id FROM skills WHERE version_id = {version} ORDER BY id LIMIT 1"));
    let skill_2 = w.id(&format!("SELECT id FROM skills WHERE version_id = {version} ORDER BY id LIMIT 1 OFFSET 1"));

    // --- Signing in (a browser).
    let (response, cookie) = w.sign_in(LEAD_EMAIL, &w.demo_password.clone());
    w.succeeded("session/sign-in", &response);
    let lead_cookie = cookie.expect("signing in sets a session cookie");
    assert_eq!(w.current_email(&lead_cookie).as_deref(), Some(LEAD_EMAIL), "the session is the lead's");

    // --- Teams.
    let lead = w.lead.clone();
    let admin = w.admin.clone();
    let member = w.member.clone();
    let version_text = version.to_string();
    let created = w.mutate(
        &lead,
        "teams/create",
        &[
            ("name", "Valid mutations team"),
            ("description", "Made by the valid-mutations test"),
            ("framework_version_id", &version_text),
            ("review_cadence_months", "6"),
        ],
    );
    let team = as_id(&created, "teams/create");
    let team_text = team.to_string();
    let dashboard = w.page(&lead, "teams/dashboard", "");
    assert!(dashboard.contains("Valid mutations team"), "the new team is not on the lead's dashboard: {dashboard}");
    let page = w.page_json(&lead, "teams/page", &format!("id={team}"));
    let lead_person = w.id(&format!("SELECT id FROM people WHERE email = '{LEAD_EMAIL}'"));
    assert!(
        page["members"].as_array().unwrap().iter().any(|m| m["person_id"] == lead_person && m["is_lead"] == true),
        "the lead who created the team does not lead it: {page}"
    );

    w.mutate(
        &lead,
        "teams/update",
        &[
            ("id", &team_text),
            ("name", "Valid mutations team renamed"),
            ("description", "Edited"),
            ("framework_version_id", &version_text),
            ("review_cadence_months", "12"),
        ],
    );
    let page = w.page_json(&lead, "teams/page", &format!("id={team}"));
    assert_eq!(page["card"]["team"]["name"], "Valid mutations team renamed", "{page}");
    assert_eq!(page["card"]["team"]["review_cadence_months"], 12, "{page}");

    // --- People.
    let role_level_text = role_level.to_string();
    let created = w.mutate(
        &lead,
        "people/create",
        &[
            ("name", "Val Idate"),
            ("email", "val.idate@example.gov.uk"),
            ("role_level_id", &role_level_text),
            ("target_role_level_id", ""),
            ("team_id", &team_text),
        ],
    );
    let person = as_id(&created, "people/create");
    let person_text = person.to_string();
    let page = w.page_json(&lead, "teams/page", &format!("id={team}"));
    assert!(
        page["members"].as_array().unwrap().iter().any(|m| m["person_id"] == person && m["name"] == "Val Idate"),
        "the new person is not in the team: {page}"
    );

    let target_text = target_level.to_string();
    w.mutate(
        &lead,
        "people/update",
        &[
            ("id", &person_text),
            ("name", "Val Idated"),
            ("email", "val.idated@example.gov.uk"),
            ("role_level_id", &role_level_text),
            ("target_role_level_id", &target_text),
        ],
    );
    let form_page = w.page_json(&lead, "people/form", &format!("id={person}"));
    let shown = form_page.to_string();
    assert!(shown.contains("Val Idated") && shown.contains("val.idated@example.gov.uk"), "{shown}");
    assert_eq!(w.count(&format!("SELECT target_role_level_id FROM people WHERE id = {person}")), target_level);

    // A person in no team (a lead may create one), then added to the lead's new team.
    let created = w.post(
        &lead,
        "people/create",
        &form(&[("name", "Tess Teamless"), ("email", ""), ("role_level_id", ""), ("target_role_level_id", "")]),
    );
    assert_eq!(created.status, 200, "creating a person in no team: {}", created.text());
    let teamless = as_id(&created.json().unwrap_or(Value::Null), "people/create");
    let teamless_text = teamless.to_string();
    w.mutate(&lead, "teams/add-member", &[("team_id", &team_text), ("person_id", &teamless_text)]);
    let page = w.page_json(&lead, "teams/page", &format!("id={team}"));
    assert!(
        page["members"].as_array().unwrap().iter().any(|m| m["person_id"] == teamless && m["is_lead"] == false),
        "the added member is not listed: {page}"
    );

    w.mutate(&lead, "teams/set-lead", &[("team_id", &team_text), ("person_id", &teamless_text), ("is_lead", "true")]);
    let page = w.page_json(&lead, "teams/page", &format!("id={team}"));
    assert!(
        page["members"].as_array().unwrap().iter().any(|m| m["person_id"] == teamless && m["is_lead"] == true),
        "the member was not made a lead: {page}"
    );

    // In two teams (an administrator moves people between teams): which one they count under.
    let platform_text = platform.to_string();
    let added =
        w.post(&admin, "teams/add-member", &form(&[("team_id", &platform_text), ("person_id", &teamless_text)]));
    assert_eq!(added.status, 200, "the administrator adding a second team: {}", added.text());
    w.mutate(
        &lead,
        "teams/primary-team",
        &[("team_id", &team_text), ("person_id", &teamless_text), ("primary_team_id", &platform_text)],
    );
    let page = w.page_json(&lead, "teams/page", &format!("id={team}"));
    assert!(
        page["shared"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["person_id"] == teamless && s["primary_team_id"] == platform),
        "the person does not count under the chosen team: {page}"
    );

    // --- Assessments: the form (the lead for their new person) and the JSON API (the member
    // for themselves).
    let skill_field = format!("levels[{skill}]");
    let yesterday = day(-1);
    let recorded = w.mutate(
        &lead,
        "assess/record",
        &[
            ("person_id", &person_text),
            ("source", "lead"),
            ("assessed_on", &yesterday),
            ("evidence", "Seen in the valid-mutations test"),
            (&skill_field, "2"),
        ],
    );
    assert_eq!(recorded, 1, "assess/record should record one level");
    let shown = w.api_get(&lead, &format!("/people/{person}"));
    let shown = shown.json().expect("GET /people/{id} answers JSON");
    assert!(
        shown["history"].as_array().unwrap().iter().any(|h| h["skill_id"] == skill
            && h["level"] == 2
            && h["source"] == "lead"
            && h["assessed_on"] == yesterday.as_str()),
        "the recorded level is not in the person's history: {shown}"
    );

    let body = serde_json::json!({
        "source": "self",
        "assessed_on": yesterday,
        "evidence": "My own view, through the API",
        "levels": [{ "skill_id": skill_2, "level": 2 }],
    });
    let response = w
        .server
        .send(&Request::post(&format!("/api/v1/people/{member_person}/assessments")).bearer(&member).json(&body));
    assert_eq!(response.status, 201, "POST /people/{{id}}/assessments: {}", response.text());
    let ids = w.succeeded("POST /people/{id}/assessments", &response);
    let new_id = ids["ids"][0].as_i64().expect("the new assessment's id");
    let shown = w.api_get(&member, &format!("/people/{member_person}")).json().expect("JSON");
    assert!(
        shown["history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["id"] == new_id && h["skill_id"] == skill_2 && h["level"] == 2 && h["source"] == "self"),
        "the self-assessment is not in the member's history: {shown}"
    );

    // --- Training needs and development plans.
    let weight_field = format!("weights[{skill}]");
    w.mutate(&lead, "training/weights", &[("team_id", &platform_text), (&weight_field, "2.5")]);
    let weight = w.text(&format!(
        "SELECT CAST(weight AS TEXT) FROM skill_weights WHERE team_id = {platform} AND skill_id = {skill}"
    ));
    assert_eq!(weight.as_deref(), Some("2.5"), "the weight was not saved");
    let needs = w.page_json(
        &lead,
        "training/needs",
        &format!("team_id={platform}&query[source]=latest&query[target]=&query[sort]=&query[saved]="),
    );
    assert!(
        needs["weights"].as_array().unwrap().iter().any(|r| r["skill_id"] == skill && r["weight"] == 2.5),
        "the training-needs page does not show the weight: {}",
        needs["weights"]
    );

    let member_text = member_person.to_string();
    let due = day(45);
    let added = w.mutate(
        &lead,
        "training/plan/add",
        &[
            ("person_id", &member_text),
            ("form", "add"),
            ("text", "Pair with the on-call engineer for a week"),
            ("skill", &skill.to_string()),
            ("owner_person_id", &member_text),
            ("due_on", &due),
        ],
    );
    let action = as_id(&added, "training/plan/add");
    let plan = w.page_json(&member, "training/plan", &format!("person_id={member_person}"));
    let row = plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"]["id"] == action)
        .unwrap_or_else(|| panic!("the new action is not in the plan: {}", plan["actions"]))
        .clone();
    assert_eq!(row["action"]["text"], "Pair with the on-call engineer for a week");
    assert_eq!(row["action"]["status"], "planned");

    // The member moves their own action along.
    w.mutate(&member, "training/plan/status", &[("action_id", &action.to_string()), ("status", "in-progress")]);
    let plan = w.page_json(&member, "training/plan", &format!("person_id={member_person}"));
    assert!(
        plan["actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["action"]["id"] == action && a["action"]["status"] == "in-progress"),
        "the action did not move to in progress: {}",
        plan["actions"]
    );

    // --- Framework imports.
    let versions_before = w.count("SELECT COUNT(*) FROM framework_versions");
    let response = w.upload(
        &lead,
        "import/ddat",
        Multipart::new()
            .file("roles", "ddat-roles-sample.csv", fixture("import/ddat-roles-sample.csv"))
            .file("skills", "ddat-skills-sample.csv", fixture("import/ddat-skills-sample.csv"))
            .text("ddat_version_name", "Valid DDaT import")
            .text("ddat_mode", "import"),
    );
    let ddat_import = as_id(&w.succeeded("import/ddat", &response), "import/ddat");
    let versions = w.page(&lead, "framework/versions", "");
    assert!(versions.contains("Valid DDaT import"), "the imported version is not listed: {versions}");
    let ddat_version = w.id(&format!("SELECT version_id FROM imports WHERE id = {ddat_import}"));
    let report = w.page_json(&lead, "import/report", &format!("id={ddat_import}"));
    assert_eq!(report["status"], "imported", "{report}");
    assert_eq!(
        w.count(&format!(
            "SELECT COUNT(*) FROM skills WHERE version_id = {ddat_version} AND name = 'Widget calibration'"
        )),
        1,
        "the imported version lacks the file's skills"
    );

    let response = w.upload(
        &lead,
        "import/sfia",
        Multipart::new()
            .file("sfia_file", "sfia.csv", fixture("import/sfia-sample-windows-1252.csv"))
            .text("sfia_version_name", "Valid SFIA import")
            .text("sfia_mode", "import"),
    );
    let sfia_import = as_id(&w.succeeded("import/sfia", &response), "import/sfia");
    let versions = w.page(&lead, "framework/versions", "");
    assert!(versions.contains("Valid SFIA import"), "the SFIA version is not listed: {versions}");
    assert!(w.count(&format!("SELECT version_id FROM imports WHERE id = {sfia_import}")) > 0);
    assert_eq!(w.count("SELECT COUNT(*) FROM framework_versions"), versions_before + 2);

    // A role profile: previewed (through the JSON API and the form), saved, assigned.
    let imports_before = w.count("SELECT COUNT(*) FROM imports");
    let response = w.server.send(
        &Request::post("/api/v1/import/role-profile")
            .bearer(&lead)
            .body("text/plain", fixture("import/role-profile-sample.txt")),
    );
    let preview = w.succeeded("POST /import/role-profile", &response);
    assert!(
        preview["profile"].to_string().contains("Lead widget reliability engineer"),
        "the API preview does not read the role: {preview}"
    );
    assert_eq!(w.count("SELECT COUNT(*) FROM imports"), imports_before, "the API preview stores nothing");

    let response = w.upload(
        &lead,
        "import/role-profile",
        Multipart::new()
            .file("profile_file", "profile.txt", fixture("import/role-profile-sample.txt"))
            .text("profile_text", "")
            .text("version_id", &version_text),
    );
    let profile_import = as_id(&w.succeeded("import/role-profile", &response), "import/role-profile");
    let report = w.page_json(&lead, "import/report", &format!("id={profile_import}"));
    assert_eq!(report["status"], "preview", "{report}");

    let saved = w.mutate(&lead, "import/save-role-profile", &[("import_id", &profile_import.to_string())]);
    let saved_level = as_id(&saved, "import/save-role-profile");
    let report = w.page_json(&lead, "import/report", &format!("id={profile_import}"));
    assert_eq!(report["status"], "saved", "{report}");
    let level_page = w.page(&lead, "framework/role-level", &format!("id={saved_level}"));
    assert!(
        level_page.to_lowercase().contains("widget telemetry"),
        "the saved role level lacks its skills: {level_page}"
    );

    let person_field = format!("people[{person}]");
    let assigned = w.mutate(
        &lead,
        "import/assign-role-level",
        &[("import_id", &profile_import.to_string()), (&person_field, "on")],
    );
    assert_eq!(assigned, 1, "one person's role level should change");
    let shown = w.api_get(&lead, &format!("/people/{person}")).json().expect("JSON");
    assert_eq!(shown["role_level"]["id"], saved_level, "the person does not hold the saved role level: {shown}");

    w.mutate(&lead, "import/move-team", &[("import_id", &ddat_import.to_string()), ("team_id", &team_text)]);
    let page = w.page_json(&lead, "teams/page", &format!("id={team}"));
    assert_eq!(page["card"]["team"]["framework_version_id"], ddat_version, "the team did not move: {}", page["card"]);

    // --- Workshops.
    let team_field = format!("team[{platform}]");
    let skill_tick = format!("skill[{skill}]");
    let created = w.mutate(
        &lead,
        "workshops/create",
        &[
            ("title", "Valid mutations workshop"),
            ("problem_statement", "Nobody has tested every mutation"),
            ("objectives", "Test them all"),
            ("approach", "One at a time"),
            ("tools", "Cargo"),
            ("time_zone", "Europe/London"),
            (&team_field, "on"),
            (&skill_tick, "on"),
        ],
    );
    let programme = as_id(&created, "workshops/create");
    let programme_text = programme.to_string();
    let list = w.page(&lead, "workshops/list", "");
    assert!(list.contains("Valid mutations workshop"), "the programme is not listed: {list}");

    w.mutate(
        &lead,
        "workshops/update",
        &[
            ("id", &programme_text),
            ("title", "Valid mutations workshop, revised"),
            ("problem_statement", "Nobody has tested every mutation yet"),
            ("objectives", "Test them all"),
            ("approach", "One at a time"),
            ("tools", "Cargo"),
            ("time_zone", "Europe/Paris"),
            (&team_field, "on"),
            (&skill_tick, "on"),
        ],
    );
    let shown = w.page(&lead, "workshops/programme", &format!("id={programme}"));
    assert!(shown.contains("Valid mutations workshop, revised") && shown.contains("Europe/Paris"), "{shown}");

    let method = w.mutate(
        &lead,
        "workshops/create-method",
        &[
            ("name", "Mutation bingo"),
            ("default_minutes", "15"),
            ("category", "energy"),
            ("description", "Shout when a mutation passes"),
        ],
    );
    let method = as_id(&method, "workshops/create-method");
    let methods = w.page(&lead, "workshops/methods", "");
    assert!(methods.contains("Mutation bingo"), "the new method is not in the library");

    let event_day = day(7);
    let event = w.mutate(
        &lead,
        "workshops/create-event",
        &[
            ("programme_id", &programme_text),
            ("title", "First valid session"),
            ("date", &event_day),
            ("start_time", "09:30"),
            ("duration_minutes", "120"),
            ("place", "Room 1"),
            ("online_link", ""),
            ("capacity", "12"),
        ],
    );
    let event = as_id(&event, "workshops/create-event");
    let event_text = event.to_string();
    let shown = w.page(&lead, "workshops/programme", &format!("id={programme}"));
    assert!(shown.contains("First valid session"), "the event is not in the programme: {shown}");

    w.mutate(
        &lead,
        "workshops/update-event",
        &[
            ("programme_id", &programme_text),
            ("event_id", &event_text),
            ("title", "First valid session, moved"),
            ("date", &event_day),
            ("start_time", "13:00"),
            ("duration_minutes", "90"),
            ("place", "Room 2"),
            ("online_link", "https://meet.example/valid"),
            ("capacity", "10"),
        ],
    );
    let event_query = format!("programme_id={programme}&event_id={event}");
    let shown = w.page(&lead, "workshops/event", &event_query);
    assert!(shown.contains("First valid session, moved") && shown.contains("Room 2"), "{shown}");

    w.mutate(
        &lead,
        "workshops/add-method",
        &[("programme_id", &programme_text), ("event_id", &event_text), ("method_id", &method.to_string())],
    );
    let method_item =
        w.id(&format!("SELECT id FROM workshop_agenda_items WHERE event_id = {event} AND method_id = {method}"));
    assert_eq!(w.count(&format!("SELECT minutes FROM workshop_agenda_items WHERE id = {method_item}")), 15);

    w.mutate(
        &lead,
        "workshops/add-item",
        &[
            ("programme_id", &programme_text),
            ("event_id", &event_text),
            ("title", "Tea"),
            ("minutes", "10"),
            ("is_break", "on"),
        ],
    );
    let own_item = w.id(&format!("SELECT id FROM workshop_agenda_items WHERE event_id = {event} AND title = 'Tea'"));
    assert_eq!(agenda(&w, &lead, &event_query), ["Mutation bingo", "Tea"], "the agenda lacks the new items");

    w.mutate(
        &lead,
        "workshops/update-item",
        &[
            ("programme_id", &programme_text),
            ("event_id", &event_text),
            ("item_id", &own_item.to_string()),
            ("title", "Tea and biscuits"),
            ("method_id", ""),
            ("minutes", "20"),
            ("facilitator_id", &member_text),
            ("materials", "Biscuits"),
            ("notes", "Gluten-free ones too"),
            ("is_break", "on"),
        ],
    );
    let shown =
        w.page(&lead, "workshops/item-form", &format!("programme_id={programme}&event_id={event}&item_id={own_item}"));
    assert!(shown.contains("Tea and biscuits") && shown.contains("Gluten-free ones too"), "{shown}");
    assert_eq!(w.count(&format!("SELECT minutes FROM workshop_agenda_items WHERE id = {own_item}")), 20);
    assert_eq!(
        w.count(&format!("SELECT facilitator_id FROM workshop_agenda_items WHERE id = {own_item}")),
        member_person
    );

    let position =
        |w: &World, item: i64| w.count(&format!("SELECT position FROM workshop_agenda_items WHERE id = {item}"));
    assert!(position(&w, own_item) > position(&w, method_item));
    w.mutate(
        &lead,
        "workshops/move-item",
        &[
            ("programme_id", &programme_text),
            ("event_id", &event_text),
            ("item_id", &own_item.to_string()),
            ("direction", "up"),
        ],
    );
    assert!(position(&w, own_item) < position(&w, method_item), "the item did not move up");
    assert_eq!(agenda(&w, &lead, &event_query), ["Tea and biscuits", "Mutation bingo"], "the agenda order");

    let timer = |w: &World| {
        w.count(&format!("SELECT COALESCE(timer_state, '') <> '' FROM workshop_events WHERE id = {event}")) == 1
    };
    assert!(!timer(&w), "a new event's timer is running");
    w.mutate(
        &lead,
        "workshops/timer",
        &[("programme_id", &programme_text), ("event_id", &event_text), ("command", "start")],
    );
    assert!(timer(&w), "the timer did not start");
    let shown = w.page(&lead, "workshops/facilitate", &event_query);
    assert!(shown.contains("Tea and biscuits"), "the facilitation page does not show the running agenda");
    w.mutate(&lead, "workshops/reset-timer", &[("programme_id", &programme_text), ("event_id", &event_text)]);
    assert!(!timer(&w), "the timer was not reset");

    // The demo programme ran its first event: plan it from what each item took.
    let demo_programme = w.id(&format!(
        "SELECT p.id FROM workshop_programmes p JOIN workshop_programme_teams t ON t.programme_id = p.id
         WHERE t.team_id = {platform} AND p.id <> {programme} ORDER BY p.id LIMIT 1"
    ));
    let ran = w.id(&format!(
        "SELECT e.id FROM workshop_events e JOIN workshop_agenda_items i ON i.event_id = e.id
         WHERE e.programme_id = {demo_programme} AND i.last_actual_minutes IS NOT NULL
         AND i.last_actual_minutes <> i.minutes ORDER BY e.id LIMIT 1"
    ));
    let differing = format!(
        "SELECT COUNT(*) FROM workshop_agenda_items WHERE event_id = {ran}
         AND last_actual_minutes IS NOT NULL AND last_actual_minutes <> minutes"
    );
    assert!(w.count(&differing) > 0);
    w.mutate(
        &lead,
        "workshops/plan-from-last-run",
        &[("programme_id", &demo_programme.to_string()), ("event_id", &ran.to_string())],
    );
    assert_eq!(w.count(&differing), 0, "the planned minutes are not those of the last run");

    let person_tick = format!("person[{member_person}]");
    w.mutate(
        &lead,
        "workshops/invite",
        &[("programme_id", &programme_text), ("role", "participant"), (&person_tick, "on")],
    );
    let invitation = format!(
        "SELECT status FROM workshop_invitations WHERE programme_id = {programme} AND person_id = {member_person}
         AND role = 'participant'"
    );
    assert_eq!(w.text(&invitation).as_deref(), Some("invited"));
    let shown = w.page(&lead, "workshops/programme", &format!("id={programme}"));
    assert!(shown.contains("Tomasz Nowak"), "the invitation is not on the programme page");

    w.mutate(
        &lead,
        "workshops/invitation",
        &[
            ("programme_id", &programme_text),
            ("person_id", &member_text),
            ("role", "participant"),
            ("status", "accepted"),
        ],
    );
    assert_eq!(w.text(&invitation).as_deref(), Some("accepted"));

    w.mutate(
        &lead,
        "workshops/uninvite",
        &[("programme_id", &programme_text), ("person_id", &member_text), ("role", "participant")],
    );
    assert_eq!(w.text(&invitation), None, "the invitation was not removed");

    let listed = format!("listed[{member_person}]");
    let present = format!("present[{member_person}]");
    w.mutate(
        &lead,
        "workshops/attendance-save",
        &[("programme_id", &programme_text), ("event_id", &event_text), (&listed, "on"), (&present, "on")],
    );
    assert_eq!(
        w.count(&format!(
            "SELECT attended FROM workshop_attendance WHERE event_id = {event} AND person_id = {member_person}"
        )),
        1,
        "the attendance was not recorded"
    );
    let shown = w.page(&lead, "workshops/attendance", &event_query);
    assert!(shown.contains("Tomasz Nowak"), "the register does not show the attendee");

    let action_due = day(30);
    w.mutate(
        &lead,
        "workshops/add-action",
        &[
            ("programme_id", &programme_text),
            ("action_text", "Write up the mutation bingo results"),
            ("owner_id", &member_text),
            ("due_on", &action_due),
            ("event_id", &event_text),
        ],
    );
    let workshop_action = w.id(&format!(
        "SELECT id FROM workshop_actions WHERE programme_id = {programme} AND text = 'Write up the mutation bingo results'"
    ));
    let shown = w.page(&lead, "workshops/programme", &format!("id={programme}"));
    assert!(shown.contains("Write up the mutation bingo results"), "the action is not on the programme page");

    w.mutate(
        &lead,
        "workshops/action-status",
        &[("programme_id", &programme_text), ("action_id", &workshop_action.to_string()), ("status", "done")],
    );
    assert_eq!(
        w.text(&format!("SELECT status FROM workshop_actions WHERE id = {workshop_action}")).as_deref(),
        Some("done")
    );

    w.mutate(
        &lead,
        "workshops/add-outcome",
        &[
            ("programme_id", &programme_text),
            ("outcome_text", "Every mutation is tested"),
            ("outcome_event_id", &event_text),
        ],
    );
    let shown = w.page(&lead, "workshops/programme", &format!("id={programme}"));
    assert!(shown.contains("Every mutation is tested"), "the outcome is not on the programme page");

    let follow_up = day(90);
    w.mutate(&lead, "workshops/follow-up", &[("programme_id", &programme_text), ("follow_up_on", &follow_up)]);
    assert_eq!(
        w.text(&format!("SELECT follow_up_on FROM workshop_programmes WHERE id = {programme}")).as_deref(),
        Some(follow_up.as_str())
    );
    let shown = w.page(&lead, "workshops/programme", &format!("id={programme}"));
    assert!(shown.contains(&follow_up), "the follow-up date is not on the programme page");

    let copy_day = day(14);
    let copied_event = w.mutate(
        &lead,
        "workshops/copy-event",
        &[("programme_id", &programme_text), ("event_id", &event_text), ("date", &copy_day)],
    );
    let copied_event = as_id(&copied_event, "workshops/copy-event");
    assert_eq!(
        w.text(&format!(
            "SELECT starts_on FROM workshop_events WHERE id = {copied_event} AND programme_id = {programme}"
        ))
        .as_deref(),
        Some(copy_day.as_str())
    );
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM workshop_agenda_items WHERE event_id = {copied_event}")), 2);

    let copied = w.mutate(&lead, "workshops/copy", &[("id", &programme_text), ("first_event_on", &day(120))]);
    let copied = as_id(&copied, "workshops/copy");
    assert!(listed_programmes(&w, &lead).contains(&copied), "the copy is not listed");
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM workshop_events WHERE programme_id = {copied}")), 2);

    w.mutate(
        &lead,
        "workshops/delete-item",
        &[("programme_id", &programme_text), ("event_id", &event_text), ("item_id", &method_item.to_string())],
    );
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM workshop_agenda_items WHERE id = {method_item}")), 0);
    assert_eq!(agenda(&w, &lead, &event_query), ["Tea and biscuits"], "the agenda still shows the deleted item");

    w.mutate(
        &lead,
        "workshops/delete-event",
        &[("programme_id", &programme_text), ("event_id", &copied_event.to_string()), ("confirm", "yes")],
    );
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM workshop_events WHERE id = {copied_event}")), 0);
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM workshop_events WHERE id = {event}")), 1, "the wrong event went");

    w.mutate(&lead, "workshops/delete", &[("id", &copied.to_string()), ("confirm", "yes")]);
    assert!(!listed_programmes(&w, &lead).contains(&copied), "the deleted programme is still listed");
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM workshop_programmes WHERE id = {copied}")), 0);
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM workshop_programmes WHERE id = {programme}")), 1);

    // --- Users and accounts.
    let new_email = "valid.user@example.gov.uk";
    let first_password = "amber kettle orbit walrus 91";
    w.mutate(
        &admin,
        "admin/add-user",
        &[("email", new_email), ("role", "member"), ("team_id", &team_text), ("password", first_password)],
    );
    let users = w.page(&admin, "admin/users", "");
    assert!(users.contains(new_email), "the new user is not listed");
    let user_id = w.id(&format!("SELECT id FROM users WHERE email = '{new_email}'"));
    let user_person = w.id(&format!("SELECT person_id FROM users WHERE id = {user_id}"));
    assert_eq!(
        w.count(&format!("SELECT COUNT(*) FROM team_memberships WHERE team_id = {team} AND person_id = {user_person}")),
        1,
        "the new user's person did not join the team"
    );
    let (response, cookie) = w.sign_in(new_email, first_password);
    assert_eq!(response.status, 200, "the new user cannot sign in: {}", response.text());
    assert_eq!(w.current_email(&cookie.expect("a session")).as_deref(), Some(new_email));

    w.mutate(&admin, "admin/update-user", &[("user_id", &user_id.to_string()), ("role", "lead")]);
    let users = w.page_json(&admin, "admin/users", "");
    assert!(
        users["users"].as_array().unwrap().iter().any(|u| u["email"] == new_email && u["role"] == "lead"),
        "the role did not change: {}",
        users["users"]
    );

    let temporary = w.mutate(&admin, "admin/reset-password", &[("user_id", &user_id.to_string())]);
    let temporary = temporary["password"].as_str().expect("the temporary password is returned").to_string();
    let (response, _) = w.sign_in(new_email, first_password);
    assert!(response.status >= 400, "the old password still signs in");
    let (response, cookie) = w.sign_in(new_email, &temporary);
    assert_eq!(response.status, 200, "the temporary password does not sign in: {}", response.text());
    let user_cookie = cookie.expect("a session");
    let account = w
        .server
        .send(&Request::get("/api/account/page").header("Accept", "application/json").header("Cookie", &user_cookie));
    assert_eq!(account.status, 200, "{}", account.text());
    assert_eq!(account.json().unwrap()["must_change_password"], true);

    let new_password = "violet harbour cactus engine 57";
    let response = w.post_cookie(
        Some(&user_cookie),
        "account/change-password",
        &form(&[("current_password", &temporary), ("new_password", new_password), ("confirm_password", new_password)]),
    );
    w.succeeded("account/change-password", &response);
    let user_cookie = response.session_cookie().unwrap_or(user_cookie);
    let account = w
        .server
        .send(&Request::get("/api/account/page").header("Accept", "application/json").header("Cookie", &user_cookie));
    assert_eq!(account.status, 200, "the session does not carry on: {}", account.text());
    assert_eq!(account.json().unwrap()["must_change_password"], false);
    let (response, _) = w.sign_in(new_email, &temporary);
    assert!(response.status >= 400, "the temporary password still signs in");
    let (response, cookie) = w.sign_in(new_email, new_password);
    assert_eq!(response.status, 200, "the new password does not sign in: {}", response.text());
    assert!(cookie.is_some());

    let response = w.post_cookie(Some(&user_cookie), "session/sign-out", "");
    w.succeeded("session/sign-out", &response);
    assert_eq!(w.current_email(&user_cookie), None, "the session still signs the user in after signing out");
    assert_eq!(w.current_email(&lead_cookie).as_deref(), Some(LEAD_EMAIL), "another session ended too");

    // --- Removing: a member from a team, a person, an erasure, the team.
    w.mutate(&lead, "teams/remove-member", &[("team_id", &team_text), ("person_id", &user_person.to_string())]);
    let page = w.page_json(&lead, "teams/page", &format!("id={team}"));
    assert!(
        !page["members"].as_array().unwrap().iter().any(|m| m["person_id"] == user_person),
        "the removed member is still listed: {page}"
    );

    w.mutate(&lead, "people/delete", &[("id", &person_text), ("confirm", "yes")]);
    assert_eq!(w.api_get(&admin, &format!("/people/{person}")).status, 404, "the deleted person is still there");
    let page = w.page_json(&lead, "teams/page", &format!("id={team}"));
    assert!(!page["members"].as_array().unwrap().iter().any(|m| m["person_id"] == person));

    w.mutate(&admin, "admin/erase-person", &[("id", &teamless_text), ("confirm", "yes")]);
    assert_eq!(w.api_get(&admin, &format!("/people/{teamless}")).status, 404, "the erased person is still there");
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM people WHERE id = {teamless}")), 0);
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM team_memberships WHERE person_id = {teamless}")), 0);

    w.mutate(&lead, "teams/delete", &[("id", &team_text), ("confirm", "yes")]);
    let dashboard = w.page(&lead, "teams/dashboard", "");
    assert!(!dashboard.contains("Valid mutations team"), "the deleted team is still on the dashboard");
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM teams WHERE id = {team}")), 0);

    // Every mutation ran and was checked.
    let missing: Vec<&String> = required.difference(&w.done).collect();
    assert!(missing.is_empty(), "mutations that did not run with valid input: {missing:?}");
    println!("valid mutations: {} of {} checked", w.done.intersection(&required).count(), required.len());
}
