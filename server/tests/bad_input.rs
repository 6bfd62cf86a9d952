//! Bad-input corpus: malformed API payloads, form posts and import files are each refused with a
//! 4xx and a message that names the field, row or line, and leave the database as it was.
//!
//! A fresh database gets the demo organisation; the server runs on 127.0.0.1 and every case is
//! sent as the administrator (bearer token), so refusals come from validation, not from access
//! control (a few cases check the access refusals too). The cases come from code (mutations of
//! a valid request, generated large and binary files) and from the small files in
//! `tests/fixtures/bad-input/` listed in its `cases.tsv`. Those files also go through the command
//! line (`skillmix import ... --json`), which must exit non-zero with the same kind of message.
//!
//! After every case the SHA-256 of the database contents must be unchanged. "Contents" is every
//! table except the audit log (which records refusals by design, and must only grow), sessions,
//! API tokens and the migrations table: see `support/db.rs`.
//!
//! `inputs_that_once_slipped_through_are_refused` keeps the inputs this corpus first found
//! mishandled, so they stay fixed.

mod support;

use std::path::PathBuf;
use support::db::Db;
use support::http::{Multipart, Request, Response};
use support::Server;

/// The server's request body limit (`server/src/web.rs`).
const BODY_LIMIT: usize = 24 * 1024 * 1024;

enum Send {
    Http(Request),
    /// A command line, run against the same database while the server runs.
    Cli(Vec<String>),
}

struct Case {
    group: &'static str,
    name: String,
    send: Send,
    /// The exact status expected; any 4xx when `None`.
    status: Option<u16>,
    /// Fragments the message must hold (case-insensitive): the field, row or line at fault.
    needles: Vec<String>,
}

impl Case {
    fn http(
        group: &'static str,
        name: impl Into<String>,
        request: Request,
        status: Option<u16>,
        needles: &[&str],
    ) -> Case {
        Case {
            group,
            name: name.into(),
            send: Send::Http(request),
            status,
            needles: needles.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// What the cases refer to in the demo organisation.
struct Ctx {
    token: String,
    viewer_token: String,
    person: i64,
    /// A skill on a 1-4 scale defined at every level.
    skill: i64,
    /// A SFIA skill defined at some levels only, and a level it is not defined at.
    sfia: Option<(i64, i64)>,
    version: i64,
    team: i64,
    team_name: String,
    other_team_name: String,
    person_email: String,
    corpus: PathBuf,
}

impl Ctx {
    fn load(db: &Db, token: String, viewer_token: String) -> Ctx {
        let first = |sql: &str| db.scalar_i64(sql).unwrap_or_else(|| panic!("the demo database has no row for: {sql}"));
        let text = |sql: &str| db.scalar_text(sql).unwrap_or_else(|| panic!("the demo database has no row for: {sql}"));
        let sfia = db.run(async {
            sqlx::query_as::<_, (i64, String)>(
                "SELECT id, defined_levels FROM skills WHERE scale = 'sfia' AND defined_levels <> '' ORDER BY id",
            )
            .fetch_all(&db.pool)
            .await
            .unwrap()
        });
        let sfia = sfia.into_iter().find_map(|(id, levels)| {
            let defined: Vec<i64> = levels.split(',').filter_map(|l| l.trim().parse().ok()).collect();
            (1..=7).find(|l| !defined.contains(l)).map(|l| (id, l))
        });
        Ctx {
            token,
            viewer_token,
            person: first("SELECT id FROM people ORDER BY id LIMIT 1"),
            skill: first(
                "SELECT id FROM skills WHERE scale IN ('ddat', 'depth') AND defined_levels = '' ORDER BY id LIMIT 1",
            ),
            sfia,
            version: first("SELECT id FROM framework_versions ORDER BY id LIMIT 1"),
            team: first("SELECT id FROM teams ORDER BY id LIMIT 1"),
            team_name: text("SELECT name FROM teams ORDER BY id LIMIT 1"),
            other_team_name: text("SELECT name FROM teams ORDER BY id DESC LIMIT 1"),
            person_email: text("SELECT email FROM people WHERE email IS NOT NULL ORDER BY id LIMIT 1"),
            corpus: support::repo_root().join("tests/fixtures/bad-input"),
        }
    }

    fn base(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.corpus.join("base").join(name)).unwrap_or_else(|e| panic!("base file {name}: {e}"))
    }

    fn base_text(&self, name: &str) -> String {
        String::from_utf8(self.base(name)).expect("base files are UTF-8")
    }

    /// A form post to a server function, as a script on the page sends it.
    fn form(&self, endpoint: &str, fields: &[(&str, &str)]) -> Request {
        Request::post(&format!("/api/{endpoint}")).bearer(&self.token).header("Accept", "application/json").form(fields)
    }

    fn multipart(&self, endpoint: &str, form: Multipart) -> Request {
        Request::post(&format!("/api/{endpoint}"))
            .bearer(&self.token)
            .header("Accept", "application/json")
            .multipart(form)
    }

    fn ddat(&self, roles: impl Into<Vec<u8>>, skills: impl Into<Vec<u8>>) -> Request {
        self.multipart(
            "import/ddat",
            Multipart::new()
                .file("roles", "roles.csv", roles)
                .file("skills", "skills.csv", skills)
                .text("ddat_version_name", "Bad input test")
                .text("ddat_mode", "import"),
        )
    }

    fn sfia_upload(&self, file: impl Into<Vec<u8>>) -> Request {
        self.multipart(
            "import/sfia",
            Multipart::new()
                .file("sfia_file", "sfia.csv", file)
                .text("sfia_version_name", "Bad input SFIA")
                .text("sfia_mode", "import"),
        )
    }

    fn profile_upload(&self, file: impl Into<Vec<u8>>) -> Request {
        self.multipart(
            "import/role-profile",
            Multipart::new()
                .file("profile_file", "profile.txt", file)
                .text("profile_text", "")
                .text("version_id", &self.version.to_string()),
        )
    }

    fn profile_api(&self, body: impl Into<Vec<u8>>) -> Request {
        Request::post("/api/v1/import/role-profile").bearer(&self.token).body("text/plain", body)
    }

    fn assessments(&self, body: impl Into<Vec<u8>>) -> Request {
        Request::post(&format!("/api/v1/people/{}/assessments", self.person))
            .bearer(&self.token)
            .body("application/json", body)
    }
}

/// An assessment body with some parts replaced by raw JSON text.
fn assessment_json(source: &str, assessed_on: Option<&str>, evidence: Option<&str>, levels: &str) -> String {
    let mut parts = vec![format!("\"source\":{source}")];
    if let Some(date) = assessed_on {
        parts.push(format!("\"assessed_on\":{date}"));
    }
    if let Some(evidence) = evidence {
        parts.push(format!("\"evidence\":{evidence}"));
    }
    parts.push(format!("\"levels\":{levels}"));
    format!("{{{}}}", parts.join(","))
}

fn api_cases(ctx: &Ctx) -> Vec<Case> {
    let mut cases = Vec::new();
    let s = ctx.skill;
    let one = format!("[{{\"skill_id\":{s},\"level\":2}}]");
    let level_field = format!("level_{s}");
    let mut add = |name: String, body: String, status: u16, needles: &[&str]| {
        cases.push(Case::http("api", name, ctx.assessments(body), Some(status), needles));
    };

    // Wrong types, field by field: serde names the position.
    for value in ["1", "[]", "{}", "null", "true", "[\"lead\"]"] {
        add(
            format!("source is {value}"),
            assessment_json(value, None, None, &one),
            422,
            &["invalid type", "line 1 column"],
        );
    }
    for value in ["20261123", "[]", "{}", "true", "[\"2026-01-01\"]"] {
        add(
            format!("assessed_on is {value}"),
            assessment_json("\"lead\"", Some(value), None, &one),
            422,
            &["invalid type", "line 1 column"],
        );
    }
    for value in ["1", "[]", "{}", "true", "null"] {
        add(
            format!("evidence is {value}"),
            assessment_json("\"lead\"", None, Some(value), &one),
            422,
            &["invalid type", "line 1 column"],
        );
    }
    let levels_values = [
        "\"1\"".to_string(),
        "1".into(),
        "{}".into(),
        "null".into(),
        "true".into(),
        format!("{{\"skill_id\":{s},\"level\":2}}"),
    ];
    for value in &levels_values {
        add(
            format!("levels is {value}"),
            assessment_json("\"lead\"", None, None, value),
            422,
            &["invalid type", "line 1 column"],
        );
    }
    for value in ["\"x\"", "1", "null", "true"] {
        add(
            format!("a level entry is {value}"),
            assessment_json("\"lead\"", None, None, &format!("[{value}]")),
            422,
            &["invalid type", "line 1 column"],
        );
    }
    for value in
        [format!("\"{s}\""), "1.5".into(), "true".into(), "null".into(), "[]".into(), "{}".into(), "1e3".into()]
    {
        let levels = format!("[{{\"skill_id\":{value},\"level\":2}}]");
        add(
            format!("skill_id is {value}"),
            assessment_json("\"lead\"", None, None, &levels),
            422,
            &["invalid type", "line 1 column"],
        );
    }
    for value in ["\"3\"", "2.5", "true", "null", "[]", "{}", "\"three\"", "1e0"] {
        let levels = format!("[{{\"skill_id\":{s},\"level\":{value}}}]");
        add(
            format!("level is {value}"),
            assessment_json("\"lead\"", None, None, &levels),
            422,
            &["invalid type", "line 1 column"],
        );
    }
    // Missing fields.
    add("no source".into(), format!("{{\"levels\":{one}}}"), 422, &["missing field `source`"]);
    add("no levels".into(), "{\"source\":\"lead\"}".into(), 422, &["missing field `levels`"]);
    add(
        "level without skill_id".into(),
        assessment_json("\"lead\"", None, None, "[{\"level\":2}]"),
        422,
        &["missing field `skill_id`"],
    );
    add(
        "level without level".into(),
        assessment_json("\"lead\"", None, None, &format!("[{{\"skill_id\":{s}}}]")),
        422,
        &["missing field `level`"],
    );

    // Levels off the scale, huge and negative numbers that still fit an i64: named by skill.
    for value in ["0", "-1", "5", "7", "8", "255", "256", "65536", "9223372036854775807", "-9223372036854775808"] {
        let levels = format!("[{{\"skill_id\":{s},\"level\":{value}}}]");
        add(
            format!("level {value}"),
            assessment_json("\"lead\"", None, None, &levels),
            422,
            &[&level_field, "not on its scale"],
        );
    }
    // Numbers past an i64 (and -0, which JSON reads as a float): refused while reading, at
    // their position.
    for value in ["-0", "9223372036854775808", "18446744073709551616", "1e308", "-1e308", "1E400"] {
        let levels = format!("[{{\"skill_id\":{s},\"level\":{value}}}]");
        add(format!("level {value}"), assessment_json("\"lead\"", None, None, &levels), 422, &["line 1 column"]);
    }
    if let Some((sfia, undefined)) = ctx.sfia {
        let levels = format!("[{{\"skill_id\":{sfia},\"level\":{undefined}}}]");
        add(
            format!("SFIA level {undefined} where the skill is not defined"),
            assessment_json("\"lead\"", None, None, &levels),
            422,
            &[&format!("level_{sfia}")],
        );
    }
    // Unknown skills.
    for value in ["0", "-1", "999999999", "9223372036854775807", "-9223372036854775808"] {
        let levels = format!("[{{\"skill_id\":{value},\"level\":2}}]");
        add(
            format!("skill {value}"),
            assessment_json("\"lead\"", None, None, &levels),
            422,
            &[&format!("level_{value}"), "not in the framework"],
        );
    }
    add(
        "the same skill twice".into(),
        assessment_json(
            "\"lead\"",
            None,
            None,
            &format!("[{{\"skill_id\":{s},\"level\":2}},{{\"skill_id\":{s},\"level\":3}}]"),
        ),
        422,
        &[&level_field, "more than once"],
    );
    add(
        "no levels at all".into(),
        assessment_json("\"lead\"", None, None, "[]"),
        422,
        &["levels", "at least one skill"],
    );
    let many: Vec<String> = (0..20_000).map(|i| format!("{{\"skill_id\":{},\"level\":2}}", 1_000_000 + i)).collect();
    add(
        "20,000 unknown skills".into(),
        assessment_json("\"lead\"", None, None, &format!("[{}]", many.join(","))),
        422,
        &["level_1000000", "not in the framework"],
    );
    let dup: Vec<String> = (0..20_000).map(|_| format!("{{\"skill_id\":{s},\"level\":2}}")).collect();
    add(
        "one skill 20,000 times".into(),
        assessment_json("\"lead\"", None, None, &format!("[{}]", dup.join(","))),
        422,
        &[&level_field, "more than once"],
    );

    // Unknown fields.
    for extra in [
        "\"x\":1",
        "\"person_id\":1",
        "\"id\":1",
        "\"recorded_at\":\"2026-01-01\"",
        "\"Source\":\"lead\"",
        "\"levels \":[]",
    ] {
        let body = format!("{{\"source\":\"lead\",{extra},\"levels\":{one}}}");
        add(format!("unknown field {extra}"), body, 422, &["unknown field"]);
    }
    for extra in ["\"source\":\"lead\"", "\"evidence\":\"x\"", "\"skill\":1", "\"Level\":2"] {
        let levels = format!("[{{\"skill_id\":{s},\"level\":2,{extra}}}]");
        add(
            format!("unknown level field {extra}"),
            assessment_json("\"lead\"", None, None, &levels),
            422,
            &["unknown field"],
        );
    }

    // Dates.
    let long_date = format!("\"{}\"", "2026-01-01".repeat(1000));
    for value in [
        "\"2026-02-30\"",
        "\"2026-13-01\"",
        "\"2026-00-10\"",
        "\"23/11/2026\"",
        "\"11/23/2026\"",
        "\"tomorrow\"",
        "\"2026-11-23T10:00:00Z\"",
        "\"2026-11-23 10:00\"",
        "\"20261123\"",
        "\"9999-99-99\"",
        "\"1e10\"",
        "\"2026-01-01\\u0000\"",
        long_date.as_str(),
    ] {
        let shown: String = value.chars().take(24).collect();
        add(
            format!("assessed_on {shown}"),
            assessment_json("\"lead\"", Some(value), None, &one),
            422,
            &["assessed_on", "is not a date"],
        );
    }
    add(
        "assessed in 2999".into(),
        assessment_json("\"lead\"", Some("\"2999-01-01\""), None, &one),
        422,
        &["assessed_on", "today or in the past"],
    );

    // Sources.
    for value in [
        "\"admin\"",
        "\"\"",
        "\"LEAD\"",
        "\"manager\"",
        "\"lead; DROP TABLE assessments; --\"",
        "\"\u{1F600}\"",
        "\"self\\u0000\"",
    ] {
        add(
            format!("source {value}"),
            assessment_json(value, None, None, &one),
            422,
            &["source", "not a source you may record"],
        );
    }
    // Evidence over its limit.
    let long = format!("\"{}\"", "x".repeat(4001));
    add(
        "evidence of 4,001 characters".into(),
        assessment_json("\"lead\"", None, Some(&long), &one),
        422,
        &["evidence"],
    );
    let huge = format!("\"{}\"", "=HYPERLINK(\\\"http://127.0.0.1/\\\") ".repeat(50_000));
    add(
        "evidence of 1.7 MB of formulas".into(),
        assessment_json("\"lead\"", None, Some(&huge), &one),
        422,
        &["evidence"],
    );

    // Bodies that are not JSON, or not this JSON.
    let valid = assessment_json("\"lead\"", None, None, &one);
    let mut raw = |name: &str, body: Vec<u8>, needles: &[&str]| {
        cases.push(Case::http("api", name, ctx.assessments(body), Some(422), needles));
    };
    raw("empty body", Vec::new(), &["body", "line 1 column"]);
    raw("invalid UTF-8", b"\xff\xfe\xfd{".to_vec(), &["body", "line 1 column 1"]);
    let mut bad_string = valid.clone().into_bytes();
    let at = bad_string.windows(4).position(|w| w == b"lead").expect("lead") + 2;
    bad_string[at] = 0xC3;
    raw("invalid UTF-8 in a string", bad_string, &["body", "line 1 column"]);
    raw("JSON in UTF-16", valid.encode_utf16().flat_map(|u| u.to_le_bytes()).collect(), &["body", "line 1 column"]);
    raw(
        "JSON in UTF-16 with a BOM",
        [&[0xFF, 0xFE][..], &valid.encode_utf16().flat_map(|u| u.to_le_bytes()).collect::<Vec<u8>>()].concat(),
        &["body", "line 1 column 1"],
    );
    raw("JSON after a UTF-8 BOM", [&b"\xEF\xBB\xBF"[..], valid.as_bytes()].concat(), &["body", "line 1 column 1"]);
    raw("truncated JSON", valid.as_bytes()[..valid.len() - 7].to_vec(), &["body", "EOF while parsing"]);
    raw("trailing text", format!("{valid} and more").into_bytes(), &["body", "trailing characters"]);
    raw("two documents", format!("{valid}{valid}").into_bytes(), &["body", "trailing characters"]);
    raw(
        "NaN",
        assessment_json("\"lead\"", None, None, &format!("[{{\"skill_id\":{s},\"level\":NaN}}]")).into_bytes(),
        &["body", "line 1 column"],
    );
    raw("a comment", format!("/* lead */ {valid}").into_bytes(), &["body", "line 1 column 1"]);
    raw(
        "the source twice",
        format!("{{\"source\":\"lead\",\"source\":\"self\",\"levels\":{one}}}").into_bytes(),
        &["body", "duplicate field `source`"],
    );
    let deep = format!("{{\"source\":\"lead\",\"levels\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    raw("100,000 nested arrays", deep.into_bytes(), &["body", "line 1 column"]);
    let mut spaced = vec![b' '; 1024 * 1024];
    spaced.extend_from_slice(b"x");
    raw("1 MiB of spaces, then garbage", spaced, &["body", "column 1048577"]);
    raw(
        "a lone surrogate",
        assessment_json("\"lead\"", None, Some("\"\\ud800\""), &one).into_bytes(),
        &["body", "hex escape"],
    );
    raw(
        "a raw control character",
        assessment_json("\"lead\"", None, Some("\"a\u{1}b\""), &one).into_bytes(),
        &["body", "control character"],
    );
    raw("a form body", b"source=lead&levels=1".to_vec(), &["body", "line 1 column 1"]);
    for (name, body) in
        [("an array", "[]"), ("null", "null"), ("a string", "\"lead\""), ("a number", "42"), ("true", "true")]
    {
        raw(&format!("the body is {name}"), body.as_bytes().to_vec(), &["body", "line 1 column"]);
    }

    // Over the size limit: the body is sent in full, and refused with the limit named.
    let mut oversize = br#"{"source":"lead","evidence":""#.to_vec();
    oversize.resize(BODY_LIMIT + 1, b'a');
    cases.push(Case::http("api", "a body one byte over 24 MiB", ctx.assessments(oversize), Some(413), &["24 MiB"]));

    // Who and where.
    let path = format!("/api/v1/people/{}/assessments", ctx.person);
    let request = |r: Request| r.body("application/json", valid.clone());
    cases.push(Case::http("api", "no credentials", request(Request::post(&path)), Some(401), &["sign in"]));
    cases.push(Case::http(
        "api",
        "an unknown token",
        request(Request::post(&path).bearer("smx_not_a_real_token")),
        Some(401),
        &["sign in"],
    ));
    cases.push(Case::http(
        "api",
        "basic credentials",
        request(Request::post(&path).header("Authorization", "Basic YWRtaW46YWRtaW4=")),
        Some(401),
        &["sign in"],
    ));
    cases.push(Case::http(
        "api",
        "a senior viewer records levels",
        request(Request::post(&path).bearer(&ctx.viewer_token)),
        Some(403),
        &["permission"],
    ));
    cases.push(Case::http(
        "api",
        "person id is text",
        request(Request::post("/api/v1/people/abc/assessments").bearer(&ctx.token)),
        Some(422),
        &["cannot parse", "abc"],
    ));
    cases.push(Case::http(
        "api",
        "person id past an i64",
        request(Request::post("/api/v1/people/99999999999999999999/assessments").bearer(&ctx.token)),
        Some(422),
        &["cannot parse"],
    ));
    for id in ["0", "-1", "999999999"] {
        cases.push(Case::http(
            "api",
            format!("person {id} does not exist"),
            request(Request::post(&format!("/api/v1/people/{id}/assessments")).bearer(&ctx.token)),
            Some(404),
            &["person not found"],
        ));
    }
    cases
}

fn form_cases(ctx: &Ctx) -> Vec<Case> {
    let v = ctx.version.to_string();
    let v = v.as_str();
    let t = ctx.team.to_string();
    let t = t.as_str();
    let p = ctx.person.to_string();
    let p = p.as_str();
    let long = "N".repeat(121);
    let long = long.as_str();
    let taken = ctx.team_name.as_str();
    let email = ctx.person_email.as_str();
    let level_key = format!("levels[{}]", ctx.skill);
    let level_key = level_key.as_str();
    let level_field = format!("level_{}", ctx.skill);
    let level_field = level_field.as_str();
    let strong = "a-long-and-unusual-passphrase-42";
    let mut cases = Vec::new();
    let mut add = |endpoint: &str, name: &str, fields: &[(&str, &str)], status: u16, needles: &[&str]| {
        cases.push(Case::http(
            "form",
            format!("{endpoint}: {name}"),
            ctx.form(endpoint, fields),
            Some(status),
            needles,
        ));
    };

    // teams/create
    let team = |name, cadence, version| {
        [("name", name), ("description", ""), ("framework_version_id", version), ("review_cadence_months", cadence)]
    };
    add("teams/create", "no fields", &[], 422, &["missing field"]);
    add("teams/create", "no description", &[("name", "A team")], 422, &["missing field `description`"]);
    add("teams/create", "empty name", &team("", "6", v), 422, &["name", "Enter the team name"]);
    add("teams/create", "blank name", &team("   \t ", "6", v), 422, &["name", "Enter the team name"]);
    add("teams/create", "name of 121 characters", &team(long, "6", v), 422, &["name", "120 characters"]);
    for cadence in ["abc", "0", "37", "-5", "6.5", "99999999999999999999"] {
        add(
            "teams/create",
            &format!("cadence {cadence}"),
            &team("Cadence test", cadence, v),
            422,
            &["review_cadence_months"],
        );
    }
    add("teams/create", "version id is text", &team("Version test", "6", "abc"), 422, &["framework_version_id"]);
    add("teams/create", "no version", &team("Version test", "6", ""), 422, &["framework_version_id"]);
    add("teams/create", "a name already taken", &team(taken, "6", v), 422, &["name", "already exists"]);

    // teams/update, delete, members
    let update = |id, name| {
        [("id", id), ("name", name), ("description", ""), ("framework_version_id", v), ("review_cadence_months", "6")]
    };
    add("teams/update", "id is text", &update("abc", "x"), 422, &["invalid digit"]);
    add("teams/update", "unknown team", &update("999999", "x"), 404, &["Team"]);
    if ctx.other_team_name != ctx.team_name {
        add("teams/update", "another team's name", &update(t, &ctx.other_team_name), 422, &["name", "already exists"]);
    }
    add("teams/update", "empty name", &update(t, ""), 422, &["name"]);
    add("teams/delete", "not confirmed", &[("id", t)], 422, &["confirm"]);
    add("teams/delete", "confirmed with no", &[("id", t), ("confirm", "no")], 422, &["confirm"]);
    add("teams/delete", "unknown team", &[("id", "999999"), ("confirm", "yes")], 404, &["Team"]);
    add("teams/add-member", "person id is text", &[("team_id", t), ("person_id", "abc")], 422, &["person_id"]);
    add("teams/add-member", "unknown person", &[("team_id", t), ("person_id", "999999")], 422, &["person_id"]);
    add(
        "teams/remove-member",
        "unknown membership",
        &[("team_id", "999999"), ("person_id", "999999")],
        404,
        &["Team membership"],
    );
    add(
        "teams/set-lead",
        "lead flag is maybe",
        &[("team_id", t), ("person_id", p), ("is_lead", "maybe")],
        422,
        &["true", "false"],
    );

    // people/*
    let person = |name, email, role, target| {
        [("name", name), ("email", email), ("role_level_id", role), ("target_role_level_id", target)]
    };
    add("people/create", "empty name", &person("", "", "", ""), 422, &["name"]);
    add("people/create", "name of 121 characters", &person(long, "", "", ""), 422, &["name", "120 characters"]);
    add("people/create", "not an email", &person("Email test", "not-an-email", "", ""), 422, &["email"]);
    add(
        "people/create",
        "an email already used",
        &person("Email test", email, "", ""),
        422,
        &["email", "already recorded"],
    );
    add("people/create", "role level is text", &person("Role test", "", "abc", ""), 422, &["role_level_id"]);
    add("people/create", "unknown role level", &person("Role test", "", "999999", ""), 422, &["role_level_id"]);
    add(
        "people/create",
        "target role level is text",
        &person("Role test", "", "", "x1"),
        422,
        &["target_role_level_id"],
    );
    let mut with_team = person("Team test", "", "", "").to_vec();
    with_team.push(("team_id", "abc"));
    add("people/create", "team id is text", &with_team, 422, &["deserializing", "invalid digit"]);
    let edit =
        |id, name| [("id", id), ("name", name), ("email", ""), ("role_level_id", ""), ("target_role_level_id", "")];
    add("people/update", "id is text", &edit("abc", "x"), 422, &["invalid digit"]);
    add("people/update", "unknown person", &edit("999999", "x"), 404, &["Person"]);
    add("people/update", "blank name", &edit(p, " "), 422, &["name"]);
    add("people/delete", "not confirmed", &[("id", p)], 422, &["confirm"]);
    add("people/delete", "unknown person", &[("id", "999999"), ("confirm", "yes")], 404, &["Person"]);

    // assess/record
    fn record<'a>(
        person: &'a str,
        source: &'a str,
        date: &'a str,
        key: &'a str,
        value: &'a str,
    ) -> [(&'a str, &'a str); 5] {
        [("person_id", person), ("source", source), ("assessed_on", date), ("evidence", ""), (key, value)]
    }
    let k = level_key;
    let d = "2026-01-01";
    add("assess/record", "person id is text", &record("abc", "lead", d, k, "2"), 422, &["invalid digit"]);
    add("assess/record", "unknown person", &record("999999", "lead", d, k, "2"), 404, &["Person"]);
    add("assess/record", "unknown source", &record(p, "boss", d, k, "2"), 422, &["source"]);
    add("assess/record", "impossible date", &record(p, "lead", "2026-02-30", k, "2"), 422, &["assessed_on"]);
    add("assess/record", "a date in 2999", &record(p, "lead", "2999-01-01", k, "2"), 422, &["assessed_on"]);
    add("assess/record", "level 9", &record(p, "lead", d, k, "9"), 422, &[level_field]);
    add("assess/record", "level -1", &record(p, "lead", d, k, "-1"), 422, &[level_field]);
    add("assess/record", "level is text", &record(p, "lead", d, k, "abc"), 422, &[level_field, "not a number"]);
    add("assess/record", "level past an i64", &record(p, "lead", d, k, "99999999999999999999"), 422, &[level_field]);
    add("assess/record", "skill is text", &record(p, "lead", d, "levels[abc]", "2"), 422, &["levels", "not a skill"]);
    add("assess/record", "unknown skill", &record(p, "lead", d, "levels[999999]", "2"), 422, &["level_999999"]);
    add("assess/record", "no levels", &record(p, "lead", d, "levels[1]", ""), 422, &["levels"]);

    // admin/*
    let user = |email, role, team| [("email", email), ("role", role), ("team_id", team), ("password", strong)];
    add("admin/add-user", "not an email", &user("nobody", "member", ""), 422, &["email"]);
    add("admin/add-user", "unknown role", &user("role.test@example.gov.uk", "god", ""), 422, &["role"]);
    add(
        "admin/add-user",
        "a weak password",
        &[("email", "pw.test@example.gov.uk"), ("role", "member"), ("team_id", ""), ("password", "password")],
        422,
        &["password"],
    );
    add("admin/add-user", "team id is text", &user("team.test@example.gov.uk", "member", "abc"), 422, &["team_id"]);
    add("admin/add-user", "an email already used", &user(support::ADMIN_EMAIL, "admin", ""), 422, &["email"]);
    add("admin/update-user", "user id is text", &[("user_id", "abc"), ("role", "lead")], 422, &["invalid digit"]);
    add("admin/update-user", "unknown role", &[("user_id", "2"), ("role", "god")], 422, &["role"]);
    add("admin/update-user", "unknown user", &[("user_id", "999999"), ("role", "lead")], 404, &["User"]);
    add("admin/erase-person", "not confirmed", &[("id", p)], 422, &["confirm"]);

    // Form bodies that are not forms.
    let post = |content_type: &str, body: Vec<u8>| {
        Request::post("/api/teams/create")
            .bearer(&ctx.token)
            .header("Accept", "application/json")
            .body(content_type, body)
    };
    cases.push(Case::http(
        "form",
        "teams/create: a JSON body",
        post("application/json", b"{\"name\":\"x\"}".to_vec()),
        Some(422),
        &["missing field"],
    ));
    let junk: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    cases.push(Case::http(
        "form",
        "teams/create: binary junk",
        post("application/x-www-form-urlencoded", junk),
        Some(422),
        &["deserializing"],
    ));
    let mut oversize = b"name=x&description=".to_vec();
    oversize.resize(BODY_LIMIT + 1, b'a');
    cases.push(Case::http(
        "form",
        "teams/create: a form one byte over 24 MiB",
        post("application/x-www-form-urlencoded", oversize),
        Some(413),
        &["24 MiB"],
    ));
    cases
}

/// Import uploads built in code: structural problems of the form, every row of the base DDaT
/// roles export broken in turn, and large or binary files.
fn import_cases(ctx: &Ctx, rng: &mut support::Rng) -> Vec<Case> {
    let roles = ctx.base_text("ddat-roles.csv");
    let skills = ctx.base("ddat-skills.csv");
    let sfia = ctx.base_text("sfia.csv");
    let profile = ctx.base("role-profile.txt");
    let mut cases = Vec::new();
    let mut add = |name: String, request: Request, status: Option<u16>, needles: &[&str]| {
        cases.push(Case::http("import", name, request, status, needles));
    };

    // The form itself.
    add(
        "ddat: no files".into(),
        ctx.multipart("import/ddat", Multipart::new().text("ddat_mode", "import")),
        Some(422),
        &["roles", "Choose the roles CSV"],
    );
    add(
        "ddat: no skills file".into(),
        ctx.multipart(
            "import/ddat",
            Multipart::new().file("roles", "r.csv", roles.clone()).text("ddat_mode", "import"),
        ),
        Some(422),
        &["skills", "Choose the skills CSV"],
    );
    add(
        "ddat: an empty file input".into(),
        ctx.multipart(
            "import/ddat",
            Multipart::new().file("roles", "", Vec::new()).file("skills", "s.csv", skills.clone()),
        ),
        Some(422),
        &["Choose the roles CSV"],
    );
    let long_name = "V".repeat(200);
    add(
        "ddat: a version name of 200 characters".into(),
        ctx.multipart(
            "import/ddat",
            Multipart::new()
                .file("roles", "r.csv", roles.clone())
                .file("skills", "s.csv", skills.clone())
                .text("ddat_version_name", &long_name),
        ),
        Some(422),
        &["ddat_version_name"],
    );
    add(
        "ddat: a version name already taken".into(),
        ctx.multipart(
            "import/ddat",
            Multipart::new()
                .file("roles", "r.csv", roles.clone())
                .file("skills", "s.csv", skills.clone())
                .text("ddat_version_name", "Starter catalogue"),
        ),
        None,
        &["ddat_version_name", "Starter catalogue"],
    );
    add(
        "ddat: a multipart body with the wrong boundary".into(),
        Request::post("/api/import/ddat").bearer(&ctx.token).header("Accept", "application/json").body(
            "multipart/form-data; boundary=elsewhere",
            b"--nowhere\r\nContent-Disposition: form-data; name=\"roles\"\r\n\r\nx\r\n--nowhere--\r\n".to_vec(),
        ),
        None,
        &["upload"],
    );
    add(
        "ddat: a multipart body cut short".into(),
        Request::post("/api/import/ddat").bearer(&ctx.token).header("Accept", "application/json").body(
            "multipart/form-data; boundary=cut",
            b"--cut\r\nContent-Disposition: form-data; name=\"roles\"; filename=\"r.csv\"\r\n\r\nRole Family,Role"
                .to_vec(),
        ),
        None,
        &["upload"],
    );
    add(
        "sfia: no file".into(),
        ctx.multipart("import/sfia", Multipart::new().text("sfia_mode", "import")),
        Some(422),
        &["sfia_file", "Choose the SFIA skills CSV"],
    );
    add(
        "role profile: neither text nor file".into(),
        ctx.multipart(
            "import/role-profile",
            Multipart::new().text("profile_text", "  ").text("version_id", &ctx.version.to_string()),
        ),
        Some(422),
        &["profile_text", "Paste the role profile"],
    );
    add(
        "role profile: both text and file".into(),
        ctx.multipart(
            "import/role-profile",
            Multipart::new()
                .text("profile_text", "Summary\nx")
                .file("profile_file", "p.txt", profile.clone())
                .text("version_id", &ctx.version.to_string()),
        ),
        Some(422),
        &["profile_text", "not both"],
    );
    add(
        "role profile: version id is text".into(),
        ctx.multipart(
            "import/role-profile",
            Multipart::new().file("profile_file", "p.txt", profile.clone()).text("version_id", "abc"),
        ),
        Some(422),
        &["version_id"],
    );
    add(
        "role profile: unknown version".into(),
        ctx.multipart(
            "import/role-profile",
            Multipart::new().file("profile_file", "p.txt", profile.clone()).text("version_id", "999999"),
        ),
        None,
        &["Framework version"],
    );

    // Every data row of the roles export broken in turn: the message names the row.
    let rows: Vec<Vec<String>> = parse_csv(&roles);
    for row in 1..rows.len() {
        let number = row + 1;
        let row_needle = format!("row {number}");
        for (what, column, value) in [
            ("level 5", 7, "5"),
            ("level Grandmaster", 7, "Grandmaster"),
            ("a formula level", 7, "=1+1"),
            ("a HYPERLINK level", 7, "=HYPERLINK(\"http://127.0.0.1/\",\"Working\")"),
            ("an empty level", 7, ""),
            ("an empty role family", 0, ""),
            ("an empty role", 1, ""),
            ("an empty role level", 3, ""),
            ("an empty skill name", 5, ""),
        ] {
            let mut broken = rows.clone();
            broken[row][column] = value.to_string();
            add(
                format!("ddat roles row {number}: {what}"),
                ctx.ddat(write_csv(&broken), skills.clone()),
                Some(422),
                &["roles", "roles CSV", &row_needle],
            );
        }
        let mut short = rows.clone();
        short[row].truncate(4);
        add(
            format!("ddat roles row {number}: four cells"),
            ctx.ddat(write_csv(&short), skills.clone()),
            Some(422),
            &["roles CSV", &row_needle, "expected 10"],
        );
    }
    let skill_rows = parse_csv(&String::from_utf8(skills.clone()).unwrap());
    for row in 1..skill_rows.len() {
        let mut broken = skill_rows.clone();
        broken[row][0] = String::new();
        let row_needle = format!("row {}", row + 1);
        add(
            format!("ddat skills row {}: no name", row + 1),
            ctx.ddat(roles.clone(), write_csv(&broken)),
            Some(422),
            &["skills", "skills CSV", &row_needle],
        );
    }
    let sfia_rows = parse_csv(&sfia);
    for row in 1..sfia_rows.len() {
        let mut broken = sfia_rows.clone();
        broken[row][8] = String::new();
        let row_needle = format!("row {}", row + 1);
        add(
            format!("sfia row {}: no code", row + 1),
            ctx.sfia_upload(write_csv(&broken)),
            Some(422),
            &["sfia_file", &row_needle, "no code"],
        );
        let mut short = sfia_rows.clone();
        short[row].truncate(5);
        add(
            format!("sfia row {}: five cells", row + 1),
            ctx.sfia_upload(write_csv(&short)),
            Some(422),
            &["sfia_file", &row_needle],
        );
    }

    // Large and binary files.
    let mut ten_mb = roles.clone().into_bytes();
    while ten_mb.len() < 10 * 1024 * 1024 {
        ten_mb.extend_from_slice(roles.lines().nth(1).unwrap().as_bytes());
        ten_mb.push(b'\n');
    }
    add("ddat roles: 10 MB".into(), ctx.ddat(ten_mb.clone(), skills.clone()), Some(422), &["roles CSV", "8 MiB"]);
    add("ddat skills: 10 MB".into(), ctx.ddat(roles.clone(), ten_mb.clone()), Some(422), &["skills CSV", "8 MiB"]);
    add("sfia: 10 MB".into(), ctx.sfia_upload(ten_mb.clone()), Some(422), &["SFIA CSV", "8 MiB"]);
    let junk: Vec<u8> = (0..64 * 1024).map(|_| rng.next_u64() as u8).collect();
    add("ddat roles: 64 KiB of random bytes".into(), ctx.ddat(junk.clone(), skills.clone()), Some(422), &["roles CSV"]);
    add("sfia: 64 KiB of random bytes".into(), ctx.sfia_upload(junk.clone()), Some(422), &["SFIA CSV"]);
    add("role profile: 64 KiB of random bytes".into(), ctx.profile_upload(junk.clone()), Some(422), &["role profile"]);
    let lines: String = (0..100_000).map(|i| format!("Line {i} of a page that is not a role profile\n")).collect();
    add(
        "role profile: 100,000 lines of prose".into(),
        ctx.profile_upload(lines.clone()),
        Some(422),
        &["role profile", "No role profile was found"],
    );
    let big: String =
        "lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\n".repeat(120_000);
    add("role profile: 9.6 MB".into(), ctx.profile_upload(big.clone()), Some(422), &["role profile", "8 MiB"]);
    let nested = format!("{}Summary{}", "<div>".repeat(50_000), "</div>".repeat(50_000));
    add(
        "role profile: 50,000 nested elements".into(),
        ctx.profile_upload(nested.clone()),
        Some(422),
        &["role profile"],
    );
    let mut oversize =
        Multipart::new().file("roles", "r.csv", vec![b'a'; BODY_LIMIT]).file("skills", "s.csv", skills.clone());
    oversize = oversize.text("ddat_mode", "import");
    add("ddat: an upload over 24 MiB".into(), ctx.multipart("import/ddat", oversize), Some(413), &["24 MiB"]);

    // The JSON API's role-profile reader refuses the same files (it stores nothing either way).
    for (name, body) in [
        ("empty", Vec::new()),
        ("blank", b" \n\t\n".to_vec()),
        ("random bytes", junk),
        // The API reads at most 2 MiB today (see `known_gaps`): these stay under that.
        ("40,000 lines of prose", lines.as_bytes()[..40_000 * 45].to_vec()),
        ("20,000 nested elements", nested.as_bytes()[..200_000].to_vec()),
    ] {
        add(format!("role-profile API: {name}"), ctx.profile_api(body), Some(422), &["role profile"]);
    }
    cases
}

/// The files of `tests/fixtures/bad-input/cases.tsv`, uploaded through the import form and
/// imported with the command line.
fn corpus_cases(ctx: &Ctx) -> Vec<Case> {
    let manifest = std::fs::read_to_string(ctx.corpus.join("cases.tsv")).expect("tests/fixtures/bad-input/cases.tsv");
    let base = |name: &str| ctx.corpus.join("base").join(name).display().to_string();
    let mut cases = Vec::new();
    for line in manifest.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let mut parts = line.split('\t');
        let (Some(file), Some(target), Some(needles)) = (parts.next(), parts.next(), parts.next()) else {
            panic!("cases.tsv: \"{line}\" is not FILE<TAB>TARGET<TAB>NEEDLES");
        };
        let path = ctx.corpus.join(file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let needles: Vec<&str> = needles.split(';').map(str::trim).filter(|n| !n.is_empty()).collect();
        let path = path.display().to_string();
        let (request, args): (Request, Vec<String>) = match target {
            "ddat-roles" => (
                ctx.ddat(bytes, ctx.base("ddat-skills.csv")),
                vec![
                    "import".into(),
                    "ddat".into(),
                    "--roles".into(),
                    path,
                    "--skills".into(),
                    base("ddat-skills.csv"),
                ],
            ),
            "ddat-skills" => (
                ctx.ddat(ctx.base("ddat-roles.csv"), bytes),
                vec!["import".into(), "ddat".into(), "--roles".into(), base("ddat-roles.csv"), "--skills".into(), path],
            ),
            "sfia" => (ctx.sfia_upload(bytes), vec!["import".into(), "sfia".into(), path]),
            "role-profile" => {
                cases.push(Case::http(
                    "corpus",
                    format!("{file} (role-profile API)"),
                    ctx.profile_api(bytes.clone()),
                    Some(422),
                    &needles,
                ));
                (ctx.profile_upload(bytes), vec!["import".into(), "role-profile".into(), path])
            }
            other => panic!("cases.tsv: unknown target \"{other}\" for {file}"),
        };
        cases.push(Case::http("corpus", format!("{file} (upload)"), request, Some(422), &needles));
        let mut args = args;
        args.push("--json".into());
        cases.push(Case {
            group: "corpus",
            name: format!("{file} (command line)"),
            send: Send::Cli(args),
            status: None,
            needles: needles.iter().map(|s| s.to_string()).collect(),
        });
    }
    cases
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    // The base files have no quoted cells, line breaks or commas inside cells.
    text.lines().map(|l| l.split(',').map(str::to_string).collect()).collect()
}

fn write_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let quote = |cell: &String| {
        if cell.contains([',', '"', '\n']) {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.clone()
        }
    };
    rows.iter().map(|r| r.iter().map(quote).collect::<Vec<_>>().join(",") + "\n").collect::<String>().into_bytes()
}

/// Every string in a JSON document (keys and values), or the text itself.
fn message_text(body: &[u8]) -> String {
    fn walk(value: &serde_json::Value, out: &mut String) {
        match value {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    out.push_str(k);
                    out.push('\n');
                    walk(v, out);
                }
            }
            _ => {}
        }
    }
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(value) => {
            let mut out = String::new();
            walk(&value, &mut out);
            out
        }
        Err(_) => String::from_utf8_lossy(body).into_owned(),
    }
}

/// What is wrong with an answer, if anything.
fn judge(case: &Case, status: Option<u16>, ok_exit: bool, message: &str) -> Option<String> {
    let shown: String = message.chars().take(300).collect::<String>().replace('\n', " | ");
    match (status, case.status) {
        (Some(status), _) if !(400..500).contains(&status) => {
            return Some(format!("status {status}, not 4xx: {shown}"))
        }
        (Some(status), Some(expected)) if status != expected => {
            return Some(format!("status {status}, expected {expected}: {shown}"))
        }
        (None, _) if ok_exit => return Some(format!("the command succeeded: {shown}")),
        _ => {}
    }
    if message.trim().chars().count() < 8 {
        return Some(format!("no clear message: \"{shown}\""));
    }
    if message.contains("Something went wrong") {
        return Some(format!("an internal error: {shown}"));
    }
    let lower = message.to_lowercase();
    let missing: Vec<&String> = case.needles.iter().filter(|n| !lower.contains(&n.to_lowercase())).collect();
    if !missing.is_empty() {
        return Some(format!("the message does not name {missing:?}: {shown}"));
    }
    None
}

struct Run {
    sandbox: support::Sandbox,
    server: Server,
    db: Db,
    ctx: Ctx,
}

fn start() -> Run {
    let sandbox = support::Sandbox::new("bad-input");
    sandbox.load_demo();
    let token = sandbox.admin_token();
    let viewer_token = sandbox.token_for("senior.viewer@example.gov.uk");
    let db = Db::open(&sandbox.db_path);
    let ctx = Ctx::load(&db, token, viewer_token);
    let server = sandbox.start_server();
    Run { sandbox, server, db, ctx }
}

/// Sends each case and checks its answer and the database; returns the failures.
fn run_cases(run: &Run, cases: &[Case]) -> Vec<String> {
    let mut failures = Vec::new();
    let mut before = run.db.checksum();
    for case in cases {
        let problem = match &case.send {
            Send::Http(request) => match request.send(run.server.addr, std::time::Duration::from_secs(120)) {
                Ok(Response { status, body, .. }) => judge(case, Some(status), false, &message_text(&body)),
                Err(error) => Some(format!("no answer: {error}")),
            },
            Send::Cli(args) => {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let output = run.sandbox.cli(&args);
                let text = format!("{}\n{}", message_text(&output.stdout), String::from_utf8_lossy(&output.stderr));
                judge(case, None, output.status.success(), &text)
            }
        };
        let after = run.db.checksum();
        let mut problems: Vec<String> = problem.into_iter().collect();
        if after.content != before.content {
            problems.push(format!("the database changed (tables {:?})", before.changed_tables(&after)));
        }
        if after.audit_max_id < before.audit_max_id || !run.db.audit_only_grew(&before) {
            problems.push("the audit log was rewritten".into());
        }
        if !problems.is_empty() {
            failures.push(format!("[{}] {}: {}", case.group, case.name, problems.join("; ")));
        }
        before = after;
    }
    failures
}

#[test]
fn malformed_input_is_refused_clearly_and_changes_nothing() {
    let started = std::time::Instant::now();
    let run = start();
    let (mut rng, _) = support::Rng::from_env("SKILLMIX_BAD_INPUT_SEED");

    // Controls: the base files and a well-formed request are accepted, so each refusal below
    // is the mutation's doing.
    let ctx = &run.ctx;
    let check = |endpoint: &str, form: Multipart| {
        let response = run.server.send(&ctx.multipart(endpoint, form));
        assert!(response.status < 400, "control {endpoint}: {} {}", response.status, response.text());
    };
    check(
        "import/ddat",
        Multipart::new()
            .file("roles", "r.csv", ctx.base("ddat-roles.csv"))
            .file("skills", "s.csv", ctx.base("ddat-skills.csv"))
            .text("ddat_mode", "check"),
    );
    check("import/sfia", Multipart::new().file("sfia_file", "s.csv", ctx.base("sfia.csv")).text("sfia_mode", "check"));
    let response = run.server.send(&ctx.profile_api(ctx.base("role-profile.txt")));
    assert_eq!(response.status, 200, "control role-profile API: {}", response.text());
    let one = format!("[{{\"skill_id\":{},\"level\":2}}]", ctx.skill);
    let response = run.server.send(&ctx.assessments(assessment_json("\"lead\"", None, None, &one)));
    assert_eq!(response.status, 201, "control assessment: {}", response.text());

    let mut cases = api_cases(ctx);
    cases.extend(form_cases(ctx));
    cases.extend(import_cases(ctx, &mut rng));
    cases.extend(corpus_cases(ctx));
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for case in &cases {
        match counts.iter_mut().find(|(g, _)| *g == case.group) {
            Some((_, n)) => *n += 1,
            None => counts.push((case.group, 1)),
        }
    }
    assert!(cases.len() >= 200, "the corpus has {} cases, fewer than 200", cases.len());

    let failures = run_cases(&run, &cases);
    assert_eq!(run.db.integrity_check(), "ok");
    assert!(run.db.foreign_key_problems().is_empty());
    let health = run.server.send(&Request::get("/healthz"));
    assert_eq!(health.status, 200, "the server is still up");
    println!(
        "bad input: {} cases ({}), {} failed, in {:.1} s",
        cases.len(),
        counts.iter().map(|(g, n)| format!("{g} {n}")).collect::<Vec<_>>().join(", "),
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases were not refused properly:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Inputs this corpus first found slipping through (a partial write, foreign-key 500s, unreadable
/// text saved, a panic on a body that is not multipart, the JSON API's 2 MiB cap): each must now
/// be refused like the rest.
#[test]
fn inputs_that_once_slipped_through_are_refused() {
    let run = start();
    let ctx = &run.ctx;
    let v = ctx.version.to_string();
    let cases = vec![
        Case::http(
            "gap",
            "admin/add-user with an unknown team: refused with 404 after the user and person were created",
            ctx.form(
                "admin/add-user",
                &[
                    ("email", "gap.lead@example.gov.uk"),
                    ("role", "lead"),
                    ("team_id", "999999"),
                    ("password", "a-long-and-unusual-passphrase-42"),
                ],
            ),
            None,
            &["team_id"],
        ),
        Case::http(
            "gap",
            "people/create with an unknown team: 500 (foreign key) instead of a field error",
            ctx.form(
                "people/create",
                &[
                    ("name", "Gap"),
                    ("email", ""),
                    ("role_level_id", ""),
                    ("target_role_level_id", ""),
                    ("team_id", "999999"),
                ],
            ),
            None,
            &["team"],
        ),
        Case::http(
            "gap",
            "teams/create with an unknown framework version: 500 (foreign key) instead of a field error",
            ctx.form(
                "teams/create",
                &[
                    ("name", "Gap team"),
                    ("description", ""),
                    ("framework_version_id", "999999"),
                    ("review_cadence_months", "6"),
                ],
            ),
            None,
            &["framework_version_id"],
        ),
        Case::http(
            "gap",
            "teams/create with a name that is not UTF-8 (%FF%FE): saved as \"\u{FFFD}\u{FFFD}\"",
            Request::post("/api/teams/create").bearer(&ctx.token).header("Accept", "application/json").body(
                "application/x-www-form-urlencoded",
                format!("name=%FF%FE&description=&framework_version_id={v}&review_cadence_months=6"),
            ),
            None,
            &["name"],
        ),
    ];
    let mut cases = cases;
    let multipart_post = |content_type: &str, body: &[u8]| {
        Request::post("/api/import/ddat")
            .bearer(&ctx.token)
            .header("Accept", "application/json")
            .body(content_type, body.to_vec())
    };
    cases.push(Case::http(
        "gap",
        "import/ddat with a form-encoded body: server_fn panics (\"couldn't parse boundary\"), the connection closes with no answer",
        multipart_post("application/x-www-form-urlencoded", b"roles=x"),
        None,
        &["multipart"],
    ));
    cases.push(Case::http(
        "gap",
        "import/sfia with multipart/form-data but no boundary: the same panic",
        multipart_post("multipart/form-data", b"x"),
        None,
        &["multipart"],
    ));
    // The JSON API's `Bytes` bodies stop at axum's default 2 MiB, and the refusal claims the
    // 24 MB limit of the whole site.
    let mut spaced = vec![b' '; 3 * 1024 * 1024];
    spaced.extend_from_slice(b"x");
    cases.push(Case::http(
        "gap",
        "POST /api/v1/people/{id}/assessments with 3 MiB of JSON: 413 naming a 24 MB limit",
        ctx.assessments(spaced),
        Some(422),
        &["body", "line 1 column"],
    ));
    let prose = "Line of a page that is not a role profile\n".repeat(75_000);
    cases.push(Case::http(
        "gap",
        "POST /api/v1/import/role-profile with a 3 MiB page (under the 8 MiB import limit): 413 naming a 24 MB limit",
        ctx.profile_api(prose),
        Some(422),
        &["No role profile was found"],
    ));
    let failures = run_cases(&run, &cases);
    assert!(failures.is_empty(), "{} inputs are not refused:\n{}", failures.len(), failures.join("\n"));
}
