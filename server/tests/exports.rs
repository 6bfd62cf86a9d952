//! Every export read back by its content, through HTTP against `skillmix serve` on the demo
//! organisation, as the user who would download it (issue 16, item 2):
//!
//! - the team heatmap (`/api/v1/teams/{id}/heatmap.{json,csv,svg,png}`) as the team's lead;
//! - the training-needs analysis (`/api/v1/teams/{id}/training-needs.{json,csv}`) as the lead;
//! - the organisation roll-up (`/api/v1/org/rollup.{json,csv,svg,png}`) as the senior viewer;
//! - a workshop programme (`/api/v1/workshops`, `/api/v1/workshops/{id}.json` and
//!   `/api/v1/workshops/{id}/calendar.ics`) as the lead of its team;
//! - a person's own data (`/api/v1/people/{id}/export.json`) as that team member.
//!
//! How each format is read: SVG with an XML parser (`roxmltree`), PNG decoded (`png`), CSV with a
//! CSV reader (`csv`), JSON against the schema the OpenAPI document gives for the route
//! (`jsonschema`) where it gives one, and always against the database; the calendar with an
//! iCalendar parser (`ical`) other than the library that writes it, its UTC times checked with the
//! zone rules (`chrono-tz`). Expected names and figures come from the database or from the JSON
//! export of the same data, not from lists in this file. People and a team whose names begin
//! with a spreadsheet formula character are created through the forms first, so the CSV checks
//! see such cells.
//!
//! Run with `cargo test -p server --test exports -- --nocapture`.

mod support;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde_json::{json, Value};
use sqlx::Row;
use support::db::Db;
use support::http::{Request, Response};
use support::{Sandbox, Server};

/// A person's name that a spreadsheet would run as a formula.
const FORMULA_PERSON: &str = "=HYPERLINK(\"https://example.com/x\",\"Click\")";
/// Another one, beginning with `+`.
const PLUS_PERSON: &str = "+44 Plus Person";
/// A team name beginning with `@`, for the roll-up.
const FORMULA_TEAM: &str = "@SUM(A1:A9) team";

/// A server on a fresh copy of the demo organisation, with a token for each demo role.
struct World {
    _sandbox: Sandbox,
    server: Server,
    db: Db,
    admin: String,
    lead: String,
    viewer: String,
    member: String,
    /// The team the demo lead leads.
    team: i64,
    /// The member's person id.
    member_person: i64,
}

impl World {
    fn new(name: &str) -> World {
        let sandbox = Sandbox::new(name);
        sandbox.load_demo();
        let db = Db::open(&sandbox.db_path);
        let email = |role: &str| {
            db.scalar_text(&format!("SELECT email FROM users WHERE role = '{role}' ORDER BY id LIMIT 1"))
                .unwrap_or_else(|| panic!("the demo organisation has a {role} sign-in"))
        };
        let (lead_email, viewer_email, member_email) = (email("lead"), email("viewer"), email("member"));
        let team = db
            .scalar_i64(
                "SELECT m.team_id FROM team_memberships m JOIN users u ON u.person_id = m.person_id \
                 WHERE u.role = 'lead' AND m.is_lead = 1 ORDER BY m.team_id LIMIT 1",
            )
            .expect("the demo lead leads a team");
        let member_person = db
            .scalar_i64(&format!("SELECT person_id FROM users WHERE email = '{member_email}'"))
            .expect("the demo member is a person");
        let admin = sandbox.admin_token();
        let lead = sandbox.token_for(&lead_email);
        let viewer = sandbox.token_for(&viewer_email);
        let member = sandbox.token_for(&member_email);
        let server = sandbox.start_server();
        World { _sandbox: sandbox, server, db, admin, lead, viewer, member, team, member_person }
    }

    /// A successful GET: 200, the content type expected, `no-store`.
    fn get(&self, token: &str, path: &str, content_type: &str) -> Response {
        let response = self.server.send(&Request::get(path).bearer(token));
        assert_eq!(response.status, 200, "GET {path}: {}", response.text());
        let got = response.header("content-type").unwrap_or_default();
        assert!(got.starts_with(content_type), "GET {path}: content type {got:?}, expected {content_type}");
        assert_eq!(response.header("cache-control"), Some("no-store"), "GET {path}");
        response
    }

    fn get_json(&self, token: &str, path: &str) -> Value {
        let response = self.get(token, path, "application/json");
        serde_json::from_slice(&response.body)
            .unwrap_or_else(|e| panic!("GET {path}: not JSON ({e}): {}", response.text()))
    }

    /// A form post to a server function, as the page's script sends it; must succeed.
    fn post_form(&self, token: &str, endpoint: &str, fields: &[(&str, &str)]) -> Response {
        let response = self.server.send(
            &Request::post(&format!("/api/{endpoint}")).bearer(token).header("Accept", "application/json").form(fields),
        );
        assert!(response.status < 400, "POST /api/{endpoint} {fields:?}: {} {}", response.status, response.text());
        response
    }

    /// Creates a person through the people form, in `team`, with a role level; returns their id.
    fn create_person(&self, token: &str, name: &str, role_level: i64, team: i64) -> i64 {
        self.post_form(
            token,
            "people/create",
            &[
                ("name", name),
                ("email", ""),
                ("role_level_id", &role_level.to_string()),
                ("target_role_level_id", ""),
                ("team_id", &team.to_string()),
            ],
        );
        let id = self.db.scalar_i64(&format!("SELECT MAX(id) FROM people WHERE name = {}", sql_text(name)));
        id.unwrap_or_else(|| panic!("{name} was created"))
    }

    /// Records `level` for every skill in `skills` through the JSON API, as a lead assessment.
    fn assess(&self, token: &str, person: i64, skills: &[i64], level: i64) {
        let levels: Vec<Value> = skills.iter().map(|s| json!({ "skill_id": s, "level": level })).collect();
        let body = json!({ "source": "lead", "evidence": "exports test", "levels": levels });
        let response =
            self.server.send(&Request::post(&format!("/api/v1/people/{person}/assessments")).bearer(token).json(&body));
        assert_eq!(response.status, 201, "assessing {person}: {}", response.text());
    }

    fn rows(&self, sql: &str) -> Vec<sqlx::sqlite::SqliteRow> {
        self.db.run(async { sqlx::query(sql).fetch_all(&self.db.pool).await.unwrap_or_else(|e| panic!("{sql}: {e}")) })
    }

    fn text(&self, sql: &str) -> String {
        self.db.scalar_text(sql).unwrap_or_else(|| panic!("no row for {sql}"))
    }

    /// The skills a role level requires at a stated level, by id: those on a 1 to 4 scale with
    /// every level defined, so that levels 1 to 3 can be recorded on any of them.
    fn required_skills(&self, role_level: i64) -> Vec<i64> {
        self.rows(&format!(
            "SELECT r.skill_id FROM requirements r JOIN skills s ON s.id = r.skill_id \
             WHERE r.role_level_id = {role_level} AND r.level IS NOT NULL \
             AND s.scale IN ('ddat', 'depth') AND s.defined_levels = '' ORDER BY r.skill_id"
        ))
        .iter()
        .map(|r| r.get::<i64, _>(0))
        .collect()
    }

    /// The levels of the latest assessments (any source) of a person on a skill: several when
    /// more than one was made on the latest day. Empty when never assessed.
    fn latest_levels(&self, person: i64, skill: i64) -> Vec<i64> {
        self.rows(&format!(
            "SELECT level FROM assessments WHERE person_id = {person} AND skill_id = {skill} AND assessed_on = \
             (SELECT MAX(assessed_on) FROM assessments WHERE person_id = {person} AND skill_id = {skill})"
        ))
        .iter()
        .map(|r| r.get::<i64, _>(0))
        .collect()
    }

    fn latest_date(&self, person: i64, skill: i64) -> Option<String> {
        self.db.run(async {
            sqlx::query_scalar::<_, Option<String>>(
                "SELECT MAX(assessed_on) FROM assessments WHERE person_id = ? AND skill_id = ?",
            )
            .bind(person)
            .bind(skill)
            .fetch_one(&self.db.pool)
            .await
            .expect("latest assessment date")
        })
    }

    /// The level a role level requires of a skill (None: not required at a stated level).
    fn required_level(&self, role_level: Option<i64>, skill: i64) -> Option<i64> {
        let role_level = role_level?;
        self.db.scalar_i64(&format!(
            "SELECT level FROM requirements WHERE role_level_id = {role_level} AND skill_id = {skill} AND level IS NOT NULL"
        ))
    }

    /// The OpenAPI document's response schema for `GET path` (JSON), if it documents one.
    fn documented_schema(&self, openapi: &Value, paths: &[&str]) -> Option<Value> {
        paths.iter().find_map(|path| {
            let content = &openapi["paths"][*path]["get"]["responses"]["200"]["content"];
            let schema = &content["application/json"]["schema"];
            (!schema.is_null()).then(|| schema.clone())
        })
    }
}

/// A string as an SQL literal.
fn sql_text(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

// -------------------------------------------------------------------------------------------
// Reading the formats
// -------------------------------------------------------------------------------------------

/// The cell as a spreadsheet-safe export must write it: a leading `=`, `+`, `-`, `@`, tab or
/// carriage return gets a single quote in front (OWASP's CSV injection advice).
fn neutralised(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Reads an RFC 4180 body with the `csv` crate: every record, the header included. Every record
/// has the header's number of fields (the reader refuses ragged rows), and no cell could run as a
/// formula.
fn read_csv(response: &Response, what: &str) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(&response.body).unwrap_or_else(|e| panic!("{what}: the CSV is not UTF-8: {e}"));
    assert!(text.ends_with("\r\n"), "{what}: RFC 4180 lines end in CRLF");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{what}: unreadable CSV: {e}")).iter().map(str::to_string).collect())
        .collect();
    assert!(records.len() > 1, "{what}: a header and rows, got {} records", records.len());
    for (line, record) in records.iter().enumerate() {
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{what}: record {line} has a cell a spreadsheet would run: {cell:?}"
            );
        }
    }
    records
}

/// Validates `instance` against `schema`, resolving `$ref`s into the OpenAPI document's
/// components. Object schemas that document properties without saying which are required are
/// read as requiring all of them: an export must not leave out a documented field.
fn validate(openapi: &Value, schema: &Value, instance: &Value, what: &str) {
    let mut components = openapi["components"].clone();
    require_documented(&mut components);
    let mut schema = schema.clone();
    require_documented(&mut schema);
    let mut root = json!({ "$schema": "https://json-schema.org/draft/2020-12/schema", "components": components });
    if let (Some(root), Some(schema)) = (root.as_object_mut(), schema.as_object()) {
        for (key, value) in schema {
            root.insert(key.clone(), value.clone());
        }
    }
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("{what}: the OpenAPI schema does not compile: {e}"));
    let errors: Vec<String> = validator.iter_errors(instance).map(|e| e.to_string()).take(20).collect();
    assert!(errors.is_empty(), "{what} does not match its OpenAPI schema:\n{}", errors.join("\n"));
}

fn require_documented(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if let (Some(Value::Object(properties)), None) = (map.get("properties"), map.get("required")) {
                let names: Vec<Value> = properties.keys().map(|k| Value::String(k.clone())).collect();
                map.insert("required".into(), Value::Array(names));
            }
            for value in map.values_mut() {
                require_documented(value);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(require_documented),
        _ => {}
    }
}

/// A text element of an SVG: where it is, whether it is turned, what it says.
#[derive(Debug, Clone)]
struct SvgText {
    x: f64,
    y: f64,
    rotated: bool,
    text: String,
}

struct Svg {
    width: u32,
    height: u32,
    title: String,
    texts: Vec<SvgText>,
}

/// Parses an SVG with a real XML parser: the root is an `<svg>` in the SVG namespace whose
/// width, height and view box agree.
fn read_svg(response: &Response, what: &str) -> Svg {
    let text = std::str::from_utf8(&response.body).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let document = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{what}: not well-formed XML: {e}"));
    let root = document.root_element();
    assert!(root.has_tag_name(("http://www.w3.org/2000/svg", "svg")), "{what}: the root is {:?}", root.tag_name());
    let number = |name: &str| -> u32 {
        let value = root.attribute(name).unwrap_or_else(|| panic!("{what}: the <svg> has no {name}"));
        value.parse().unwrap_or_else(|_| panic!("{what}: {name}={value:?} is not a whole number of pixels"))
    };
    let (width, height) = (number("width"), number("height"));
    assert_eq!(root.attribute("viewBox"), Some(format!("0 0 {width} {height}").as_str()), "{what}: view box");
    let title = root
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("{what}: the picture has no <title>"))
        .trim()
        .to_string();
    let coordinate = |node: &roxmltree::Node, name: &str| -> f64 {
        node.attribute(name).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("{what}: <text> without {name}"))
    };
    let texts = root
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| SvgText {
            x: coordinate(&n, "x"),
            y: coordinate(&n, "y"),
            rotated: n.attribute("transform").is_some_and(|t| t.contains("rotate")),
            text: n
                .descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect::<String>()
                .trim()
                .to_string(),
        })
        .collect();
    Svg { width, height, title, texts }
}

/// Whether a label drawn as `shown` is `full`, or `full` cut short with "…".
fn shows_label(shown: &str, full: &str) -> bool {
    shown == full
        || shown.strip_suffix('…').is_some_and(|start| {
            let start = start.trim_end();
            start.chars().count() >= full.chars().count().min(8) && full.starts_with(start)
        })
}

impl Svg {
    /// The column labels (the turned texts), left to right.
    fn column_labels(&self) -> Vec<&SvgText> {
        let mut labels: Vec<&SvgText> = self.texts.iter().filter(|t| t.rotated).collect();
        labels.sort_by(|a, b| a.x.total_cmp(&b.x));
        labels
    }

    /// Checks the grid: a row label per row, top to bottom, and on its line the cells' texts
    /// left to right; a column label per column, left to right.
    fn check_grid(&self, rows: &[(String, Vec<String>)], columns: &[String], what: &str) {
        assert!(!rows.is_empty() && !columns.is_empty(), "{what}: the export has rows and columns");
        let labels = self.column_labels();
        let shown: Vec<&str> = labels.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(labels.len(), columns.len(), "{what}: column labels {shown:?}");
        for (label, name) in labels.iter().zip(columns) {
            assert!(shows_label(&label.text, name), "{what}: column {name:?} is labelled {:?}", label.text);
        }
        let first_column = labels[0].x;
        let mut last_y = f64::MIN;
        let mut row_labels: Vec<&SvgText> = Vec::new();
        for (name, _) in rows {
            let label = self
                .texts
                .iter()
                .find(|t| !t.rotated && t.x < first_column && t.y > last_y && shows_label(&t.text, name))
                .unwrap_or_else(|| panic!("{what}: no row label for {name:?} below the previous row"));
            last_y = label.y;
            row_labels.push(label);
        }
        // A cell's text is centred in its row, so its baseline may sit a pixel or two off the
        // label's (another font size): it belongs to the row whose label is nearest, within a
        // quarter of the row pitch.
        let pitch = row_labels.windows(2).map(|w| w[1].y - w[0].y).fold(f64::INFINITY, f64::min);
        let tolerance = if pitch.is_finite() { pitch / 4.0 } else { 4.0 };
        for ((name, cells), label) in rows.iter().zip(&row_labels) {
            let mut line: Vec<&SvgText> = self
                .texts
                .iter()
                .filter(|t| !t.rotated && (t.y - label.y).abs() <= tolerance && t.x > label.x)
                .collect();
            line.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
            // A figure too wide for its column is drawn whole on two lines, one above the other
            // at the same x: read them as one cell.
            let mut drawn: Vec<(f64, String)> = Vec::new();
            for text in line {
                match drawn.last_mut() {
                    Some((x, cell)) if (*x - text.x).abs() < 0.5 => {
                        cell.push(' ');
                        cell.push_str(&text.text);
                    }
                    _ => drawn.push((text.x, text.text.clone())),
                }
            }
            let drawn: Vec<&str> = drawn.iter().map(|(_, cell)| cell.as_str()).collect();
            assert_eq!(drawn, *cells, "{what}: the cells of {name:?}");
        }
    }
}

/// Decodes a PNG: its size, and how many different colours it has.
fn read_png(response: &Response, what: &str) -> (u32, u32, usize) {
    let decoder = png::Decoder::new(std::io::Cursor::new(&response.body));
    let mut reader = decoder.read_info().unwrap_or_else(|e| panic!("{what}: not a PNG: {e}"));
    let mut buffer = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buffer).unwrap_or_else(|e| panic!("{what}: the picture does not decode: {e}"));
    let bytes = &buffer[..frame.buffer_size()];
    let channels = frame.color_type.samples();
    assert_eq!(frame.bit_depth, png::BitDepth::Eight, "{what}: 8 bits a channel");
    let mut colours: Vec<&[u8]> = bytes.chunks_exact(channels).collect();
    colours.sort_unstable();
    colours.dedup();
    (frame.width, frame.height, colours.len())
}

fn as_i64(value: &Value, what: &str) -> i64 {
    value.as_i64().unwrap_or_else(|| panic!("{what}: {value} is not a whole number"))
}

fn as_str<'a>(value: &'a Value, what: &str) -> &'a str {
    value.as_str().unwrap_or_else(|| panic!("{what}: {value} is not a string"))
}

fn array<'a>(value: &'a Value, what: &str) -> &'a Vec<Value> {
    value.as_array().unwrap_or_else(|| panic!("{what}: {value} is not an array"))
}

/// "" for null, the number or text otherwise: how a CSV shows an optional value.
fn cell_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn close(csv: &str, json: &Value, what: &str) {
    let shown: f64 = csv.parse().unwrap_or_else(|_| panic!("{what}: {csv:?} is not a number"));
    let value = json.as_f64().unwrap_or_else(|| panic!("{what}: {json} is not a number"));
    assert!((shown - value).abs() <= 0.005 + 1e-9, "{what}: the CSV says {csv}, the JSON {value}");
}

// -------------------------------------------------------------------------------------------
// The team heatmap
// -------------------------------------------------------------------------------------------

/// The heatmap's JSON against the database, its CSV against its JSON (with the formula names
/// neutralised), its SVG's labels and cells against its JSON, and its pictures' sizes.
#[test]
fn team_heatmap_exports_read_back() {
    let world = World::new("exports-heatmap");
    let team = world.team;
    let role_level = world
        .db
        .scalar_i64(&format!(
            "SELECT p.role_level_id FROM team_memberships m JOIN people p ON p.id = m.person_id \
             WHERE m.team_id = {team} AND m.is_lead = 0 AND p.role_level_id IS NOT NULL ORDER BY p.id LIMIT 1"
        ))
        .expect("a member of the team has a role level");
    let required = world.required_skills(role_level);
    assert!(required.len() >= 2, "the role level requires skills");
    let formula = world.create_person(&world.lead, FORMULA_PERSON, role_level, team);
    let plus = world.create_person(&world.lead, PLUS_PERSON, role_level, team);
    world.assess(&world.lead, formula, &required[..1], 1);
    world.assess(&world.lead, plus, &required[..2], 2);

    let openapi = world.get_json(&world.lead, "/api/v1/openapi.json");
    let base = format!("/api/v1/teams/{team}/heatmap");
    let heatmap = world.get_json(&world.lead, &format!("{base}.json"));
    if let Some(schema) = world.documented_schema(&openapi, &["/teams/{id}/heatmap.json"]) {
        validate(&openapi, &schema, &heatmap, "heatmap.json");
    }

    // JSON: the shape, and every row, column and cell against the database.
    assert_eq!(heatmap["mode"], "level");
    assert_eq!(heatmap["source"], "latest");
    let rows = array(&heatmap["rows"], "rows");
    let columns = array(&heatmap["columns"], "columns");
    let cells = array(&heatmap["cells"], "cells");
    let members: Vec<(i64, String, Option<i64>)> = world
        .rows(&format!(
            "SELECT p.id, p.name, p.role_level_id FROM team_memberships m JOIN people p ON p.id = m.person_id \
             WHERE m.team_id = {team} ORDER BY p.id"
        ))
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let mut row_ids: Vec<i64> = rows.iter().map(|r| as_i64(&r["person_id"], "person_id")).collect();
    row_ids.sort_unstable();
    assert_eq!(row_ids, members.iter().map(|m| m.0).collect::<Vec<_>>(), "one row per member of the team");
    assert!(row_ids.contains(&formula) && row_ids.contains(&plus), "the people just added are rows");
    assert_eq!(cells.len(), rows.len(), "a line of cells per row");
    let mut group_start = 0;
    for group in array(&heatmap["groups"], "groups") {
        assert_eq!(as_i64(&group["start"], "group start") as usize, group_start, "groups follow each other: {group}");
        group_start += as_i64(&group["len"], "group len") as usize;
    }
    assert_eq!(group_start, columns.len(), "the column groups cover every column");
    for column in columns {
        let skill = as_i64(&column["skill_id"], "skill_id");
        let found = world.rows(&format!("SELECT code, name, kind, scale FROM skills WHERE id = {skill}"));
        assert_eq!(found.len(), 1, "column skill {skill} exists");
        let (code, name, kind, scale): (String, String, String, String) =
            (found[0].get(0), found[0].get(1), found[0].get(2), found[0].get(3));
        assert_eq!((column["code"].as_str(), column["name"].as_str()), (Some(code.as_str()), Some(name.as_str())));
        assert_eq!((column["kind"].as_str(), column["scale"].as_str()), (Some(kind.as_str()), Some(scale.as_str())));
    }
    let mut assessed_cells = 0;
    for (row, line) in rows.iter().zip(cells) {
        let person = as_i64(&row["person_id"], "person_id");
        let member = members.iter().find(|m| m.0 == person).expect("a member");
        assert_eq!(row["name"].as_str(), Some(member.1.as_str()), "the name of person {person}");
        assert_eq!(row["role_level_id"].as_i64(), member.2, "the role level of person {person}");
        let line = array(line, "a line of cells");
        assert_eq!(line.len(), columns.len(), "{}: a cell per column", member.1);
        for (column, cell) in columns.iter().zip(line) {
            let skill = as_i64(&column["skill_id"], "skill_id");
            let what = format!("{} on {}", member.1, column["name"]);
            let latest = world.latest_levels(person, skill);
            match cell["value"].as_i64() {
                Some(level) => {
                    assert!(latest.contains(&level), "{what}: {level}, the latest assessments say {latest:?}");
                    assert_eq!(cell["text"].as_str(), Some(level.to_string().as_str()), "{what}");
                    assessed_cells += 1;
                }
                None => assert!(latest.is_empty(), "{what}: empty, but assessed {latest:?}"),
            }
            assert_eq!(cell["required"].as_i64(), world.required_level(member.2, skill), "{what}: required level");
        }
    }
    assert!(assessed_cells > rows.len(), "the demo team has assessments ({assessed_cells} cells)");
    let formula_row = rows.iter().position(|r| r["person_id"] == formula).expect("the formula person's row");
    let formula_cells = array(&cells[formula_row], "cells");
    let first = columns.iter().position(|c| c["skill_id"] == required[0]).expect("the assessed skill is a column");
    assert_eq!(formula_cells[first]["value"], 1, "the level just recorded is in the export");

    // CSV: the header and every row are the JSON's, cell for cell, neutralised.
    for mode in ["level", "gap", "calibration"] {
        let json = world.get_json(&world.lead, &format!("{base}.json?mode={mode}"));
        let response = world.get(&world.lead, &format!("{base}.csv?mode={mode}"), "text/csv");
        let disposition = response.header("content-disposition").unwrap_or_default();
        assert!(disposition.starts_with("attachment;") && disposition.contains(".csv"), "{disposition}");
        let records = read_csv(&response, &format!("heatmap.csv?mode={mode}"));
        let mut header = vec!["Person".to_string()];
        // SFIA skills carry their code, so that each column is named once.
        header.extend(array(&json["columns"], "columns").iter().map(|c| {
            let name = as_str(&c["name"], "name");
            neutralised(&match as_str(&c["kind"], "kind") {
                "sfia" => format!("{name} (SFIA {})", as_str(&c["code"], "code")),
                _ => name.to_string(),
            })
        }));
        assert_eq!(records[0], header, "{mode}: the header is Person then the skills");
        let unique: std::collections::HashSet<&String> = records[0].iter().collect();
        assert_eq!(unique.len(), records[0].len(), "{mode}: every column is named once: {:?}", records[0]);
        let json_rows = array(&json["rows"], "rows");
        assert_eq!(records.len() - 1, json_rows.len(), "{mode}: a record per person");
        for ((record, row), line) in records[1..].iter().zip(json_rows).zip(array(&json["cells"], "cells")) {
            let mut expected = vec![neutralised(as_str(&row["name"], "name"))];
            expected.extend(array(line, "cells").iter().map(|c| match as_str(&c["text"], "text") {
                "–" => String::new(),
                text => neutralised(text),
            }));
            assert_eq!(*record, expected, "{mode}: the record of {}", row["name"]);
        }
        let formula_record = records.iter().find(|r| r[0].contains("HYPERLINK")).expect("the formula person's record");
        assert_eq!(formula_record[0], format!("'{FORMULA_PERSON}"), "{mode}: the formula is neutralised");
        let plus_record = records.iter().find(|r| r[0].contains("Plus Person")).expect("the + person's record");
        assert_eq!(plus_record[0], format!("'{PLUS_PERSON}"), "{mode}: the + name is neutralised");
        if mode == "gap" {
            let negative = records[1..].iter().flatten().filter(|c| c.starts_with("'-")).count();
            assert!(negative > 0, "gap mode has cells below the required level, written as '-n");
        }
    }

    // SVG: well-formed, titled with the team, naming every person and skill, every cell drawn.
    let team_name = world.text(&format!("SELECT name FROM teams WHERE id = {team}"));
    let grid_rows: Vec<(String, Vec<String>)> = rows
        .iter()
        .zip(cells)
        .map(|(row, line)| {
            let texts = array(line, "cells")
                .iter()
                .map(|c| {
                    let text = as_str(&c["text"], "text");
                    if c["stale"] == true {
                        format!("{text}*")
                    } else {
                        text.to_string()
                    }
                })
                .collect();
            (as_str(&row["name"], "name").to_string(), texts)
        })
        .collect();
    let column_names: Vec<String> = columns.iter().map(|c| as_str(&c["name"], "name").to_string()).collect();
    let response = world.get(&world.lead, &format!("{base}.svg"), "image/svg+xml");
    let svg = read_svg(&response, "heatmap.svg");
    assert!(svg.title.contains(&team_name), "the picture's title {:?} names the team {team_name:?}", svg.title);
    svg.check_grid(&grid_rows, &column_names, "heatmap.svg");
    // Default size: the data's own, padded to a 16:9 slide.
    let (w, h) = (u64::from(svg.width), u64::from(svg.height));
    assert!(h == (w * 9).div_ceil(16) || w == (h * 16).div_ceil(9), "the default picture is 16:9: {w} × {h}");
    for (query, size) in
        [("?width=1280", (1280, 720)), ("?height=900", (1600, 900)), ("?width=1000&height=700", (1000, 700))]
    {
        let sized = read_svg(&world.get(&world.lead, &format!("{base}.svg{query}"), "image/svg+xml"), query);
        assert_eq!((sized.width, sized.height), size, "heatmap.svg{query}");
        sized.check_grid(&grid_rows, &column_names, &format!("heatmap.svg{query}"));
    }

    // PNG: decodes, at the size asked (by default the SVG's), and is a picture, not a blank.
    let (pw, ph, colours) = read_png(&world.get(&world.lead, &format!("{base}.png"), "image/png"), "heatmap.png");
    assert_eq!((pw, ph), (svg.width, svg.height), "the default PNG is the size of the default SVG");
    assert!(colours >= 8, "the PNG has the palette's colours, not a blank ({colours} colours)");
    for (query, size) in
        [("?width=1280", (1280, 720)), ("?height=900", (1600, 900)), ("?width=1000&height=700", (1000, 700))]
    {
        let (w, h, colours) = read_png(&world.get(&world.lead, &format!("{base}.png{query}"), "image/png"), query);
        assert_eq!((w, h), size, "heatmap.png{query}");
        assert!(colours >= 8, "heatmap.png{query}: {colours} colours");
    }
    println!("heatmap: {} people × {} skills read back as JSON, CSV (3 modes), SVG and PNG", rows.len(), columns.len());
}

// -------------------------------------------------------------------------------------------
// Training needs
// -------------------------------------------------------------------------------------------

/// The training-needs JSON against its OpenAPI schema and the database; its CSV against the JSON,
/// with the formula name neutralised.
#[test]
fn training_needs_exports_read_back() {
    let world = World::new("exports-training");
    let team = world.team;
    let role_level = world
        .db
        .scalar_i64(&format!(
            "SELECT p.role_level_id FROM team_memberships m JOIN people p ON p.id = m.person_id \
             WHERE m.team_id = {team} AND m.is_lead = 0 AND p.role_level_id IS NOT NULL ORDER BY p.id LIMIT 1"
        ))
        .expect("a member of the team has a role level");
    let required = world.required_skills(role_level);
    assert!(!required.is_empty(), "the role level requires skills");
    let formula = world.create_person(&world.lead, FORMULA_PERSON, role_level, team);
    world.assess(&world.lead, formula, &required[..1], 1);

    let openapi = world.get_json(&world.lead, "/api/v1/openapi.json");
    let path = format!("/api/v1/teams/{team}/training-needs.json");
    let export = world.get_json(&world.lead, &path);
    let schema = world
        .documented_schema(&openapi, &["/teams/{id}/training-needs.json"])
        .expect("the OpenAPI document describes the training-needs export");
    validate(&openapi, &schema, &export, "training-needs.json");

    // The JSON against the database.
    let (team_name, cadence): (String, i64) = {
        let row = &world.rows(&format!("SELECT name, review_cadence_months FROM teams WHERE id = {team}"))[0];
        (row.get(0), row.get(1))
    };
    assert_eq!(export["team"], json!({ "id": team, "name": team_name, "review_cadence_months": cadence }));
    assert_eq!(export["source"], "latest");
    let mut people: Vec<(i64, String)> = array(&export["people"], "people")
        .iter()
        .map(|p| (as_i64(&p["id"], "id"), as_str(&p["name"], "name").to_string()))
        .collect();
    people.sort();
    let members: Vec<(i64, String)> = world
        .rows(&format!(
            "SELECT p.id, p.name FROM team_memberships m JOIN people p ON p.id = m.person_id \
             WHERE m.team_id = {team} ORDER BY p.id"
        ))
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(people, members, "the export's people are the team's members");
    let needs = array(&export["needs"], "needs");
    assert!(needs.len() > 1, "the demo team has training needs");
    let mut last_priority = f64::INFINITY;
    for (i, need) in needs.iter().enumerate() {
        let what = format!("need {}: {} on {}", i + 1, need["person"], need["skill"]);
        assert_eq!(as_i64(&need["rank"], "rank"), i as i64 + 1, "{what}: ranks count from 1");
        let priority = need["priority"].as_f64().expect("a priority");
        assert!(priority <= last_priority, "{what}: highest priority first");
        last_priority = priority;
        let (person, skill) = (as_i64(&need["person_id"], "person_id"), as_i64(&need["skill_id"], "skill_id"));
        assert_eq!(
            need["person"].as_str(),
            Some(world.text(&format!("SELECT name FROM people WHERE id = {person}")).as_str())
        );
        let skill_row = &world.rows(&format!("SELECT name, code, kind FROM skills WHERE id = {skill}"))[0];
        let (name, code, kind): (String, String, String) = (skill_row.get(0), skill_row.get(1), skill_row.get(2));
        // SFIA skills carry their code, as the page names them: "Problem management (SFIA PBMG)".
        let shown = if kind == "sfia" { format!("{name} (SFIA {code})") } else { name };
        assert_eq!(need["skill"].as_str(), Some(shown.as_str()), "{what}: the skill's name");
        assert_eq!(need["skill_code"].as_str(), Some(code.as_str()), "{what}");
        let role_level_id = as_i64(&need["role_level_id"], "role_level_id");
        if need["basis"] == "current-role" {
            let current_role = world.db.scalar_i64(&format!("SELECT role_level_id FROM people WHERE id = {person}"));
            assert_eq!(Some(role_level_id), current_role, "{what}: measured against their role level");
        }
        assert_eq!(need["required"].as_i64(), world.required_level(Some(role_level_id), skill), "{what}");
        let latest = world.latest_levels(person, skill);
        match need["current"].as_i64() {
            Some(level) => {
                assert!(latest.contains(&level), "{what}: current {level}, latest {latest:?}");
                assert_eq!(need["gap"].as_i64(), need["required"].as_i64().map(|r| r - level), "{what}: gap");
            }
            None => assert!(latest.is_empty(), "{what}: not assessed, but the database has {latest:?}"),
        }
        assert_eq!(need["assessed_on"].as_str().map(str::to_string), world.latest_date(person, skill), "{what}");
    }
    assert!(needs.iter().any(|n| n["person_id"] == formula), "the person just added has needs");

    // The CSV: the documented header, then one record per need in the JSON's order.
    let response = world.get(&world.lead, &format!("/api/v1/teams/{team}/training-needs.csv"), "text/csv");
    let records = read_csv(&response, "training-needs.csv");
    let header = [
        "Person",
        "Skill",
        "Current level",
        "Required level",
        "Gap",
        "Standing",
        "Measured against",
        "Priority",
        "Gap factor",
        "Importance",
        "People at the level",
        "Scarcity",
        "Evidence age (days)",
        "Evidence factor",
        "Evidence date",
        "Stale",
        "Scale",
    ];
    assert_eq!(records[0], header, "the CSV header");
    assert_eq!(records.len() - 1, needs.len(), "a record per need");
    for (record, need) in records[1..].iter().zip(needs) {
        let what = format!("CSV need {}", need["rank"]);
        let f = &need["factors"];
        assert_eq!(record[0], neutralised(as_str(&need["person"], "person")), "{what}: person");
        assert_eq!(record[1], neutralised(as_str(&need["skill"], "skill")), "{what}: skill");
        assert_eq!(record[2], cell_text(&need["current"]), "{what}: current level");
        assert_eq!(record[3], cell_text(&need["required"]), "{what}: required level");
        assert_eq!(record[4], neutralised(&cell_text(&need["gap"])), "{what}: gap");
        assert!(!record[5].is_empty(), "{what}: standing");
        let basis = if need["basis"] == "target-role" { "Target role level" } else { "Current role level" };
        assert_eq!(record[6], basis, "{what}: measured against");
        close(&record[7], &need["priority"], &format!("{what}: priority"));
        close(&record[8], &f["gap"], &format!("{what}: gap factor"));
        close(&record[9], &f["importance"], &format!("{what}: importance"));
        assert_eq!(record[10], cell_text(&f["holders"]), "{what}: people at the level");
        close(&record[11], &f["scarcity"], &format!("{what}: scarcity"));
        assert_eq!(record[12], cell_text(&f["evidence_age_days"]), "{what}: evidence age");
        close(&record[13], &f["evidence"], &format!("{what}: evidence factor"));
        assert_eq!(record[14], cell_text(&need["assessed_on"]), "{what}: evidence date");
        let stale = if need["stale"] == true { format!("Yes (over {cadence} months)") } else { "No".to_string() };
        assert_eq!(record[15], stale, "{what}: stale");
        assert!(!record[16].is_empty(), "{what}: scale");
    }
    let formula_records: Vec<&Vec<String>> = records.iter().filter(|r| r[0].contains("HYPERLINK")).collect();
    assert!(!formula_records.is_empty(), "the formula person has records");
    for record in formula_records {
        assert_eq!(record[0], format!("'{FORMULA_PERSON}"), "the formula is neutralised");
    }
    println!("training needs: {} needs read back as JSON (schema and database) and CSV", needs.len());
}

// -------------------------------------------------------------------------------------------
// The organisation roll-up
// -------------------------------------------------------------------------------------------

/// The roll-up's JSON against the database (who requires which skill, in which team) and its
/// suppression rule; its CSV and SVG against the JSON; its pictures' sizes. As the senior viewer.
#[test]
fn organisation_rollup_exports_read_back() {
    let world = World::new("exports-rollup");
    // A team whose name a spreadsheet would run, with five new people (enough to be shown).
    let version = world.db.scalar_i64("SELECT MIN(id) FROM framework_versions").expect("a framework version");
    world.post_form(
        &world.admin,
        "teams/create",
        &[
            ("name", FORMULA_TEAM),
            ("description", "Made by the exports test"),
            ("framework_version_id", &version.to_string()),
            ("review_cadence_months", "6"),
        ],
    );
    let new_team = world
        .db
        .scalar_i64(&format!("SELECT id FROM teams WHERE name = {}", sql_text(FORMULA_TEAM)))
        .expect("the team was created");
    let role_level = world
        .db
        .scalar_i64(&format!(
            "SELECT p.role_level_id FROM team_memberships m JOIN people p ON p.id = m.person_id \
             WHERE m.team_id = {} AND p.role_level_id IS NOT NULL ORDER BY p.id LIMIT 1",
            world.team
        ))
        .expect("a role level in use");
    let required = world.required_skills(role_level);
    for i in 0..5 {
        let person = world.create_person(&world.admin, &format!("Rollup Person {i}"), role_level, new_team);
        world.assess(&world.admin, person, &required, 2 + i % 2);
    }

    let openapi = world.get_json(&world.viewer, "/api/v1/openapi.json");
    let rollup = world.get_json(&world.viewer, "/api/v1/org/rollup.json");
    if let Some(schema) = world.documented_schema(&openapi, &["/org/rollup.json"]) {
        validate(&openapi, &schema, &rollup, "rollup.json");
    }
    let k = as_i64(&rollup["min_group"], "min_group");
    assert!(k >= 3, "small groups are hidden (k = {k})");
    let columns = array(&rollup["columns"], "columns");
    let teams = array(&rollup["teams"], "teams");
    let totals = array(&rollup["totals"], "totals");

    // Columns: exactly the skills someone's role level requires at a stated level.
    let mut column_ids: Vec<i64> = columns.iter().map(|c| as_i64(&c["skill_id"], "skill_id")).collect();
    column_ids.sort_unstable();
    let mut required_ids: Vec<i64> = world
        .rows(
            "SELECT DISTINCT r.skill_id FROM requirements r JOIN people p ON p.role_level_id = r.role_level_id \
             WHERE r.level IS NOT NULL ORDER BY r.skill_id",
        )
        .iter()
        .map(|r| r.get(0))
        .collect();
    required_ids.sort_unstable();
    assert_eq!(column_ids, required_ids, "the columns are the skills someone's role requires");
    for column in columns {
        let skill = as_i64(&column["skill_id"], "skill_id");
        let row = &world.rows(&format!("SELECT code, name FROM skills WHERE id = {skill}"))[0];
        assert_eq!(column["code"].as_str(), Some(row.get::<String, _>(0).as_str()));
        assert_eq!(column["name"].as_str(), Some(row.get::<String, _>(1).as_str()));
    }

    // Each person counts in one team: their primary team if they are in it, else their first.
    let people: Vec<(i64, Option<i64>, Option<i64>)> = world
        .rows(
            "SELECT p.id, p.role_level_id, COALESCE( \
               (SELECT m.team_id FROM team_memberships m WHERE m.person_id = p.id AND m.team_id = p.primary_team_id), \
               (SELECT MIN(m.team_id) FROM team_memberships m WHERE m.person_id = p.id)) FROM people p",
        )
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let requiring = |team: Option<i64>, skill: i64| -> i64 {
        people
            .iter()
            .filter(|(_, _, counted_in)| counted_in.is_some() && (team.is_none() || *counted_in == team))
            .filter(|(_, role_level, _)| world.required_level(*role_level, skill).is_some())
            .count() as i64
    };
    let team_names: Vec<(i64, String)> =
        world.rows("SELECT id, name FROM teams").iter().map(|r| (r.get(0), r.get(1))).collect();
    let mut rows: Vec<(Option<i64>, String, &Vec<Value>)> = Vec::new();
    for row in teams {
        let id = as_i64(&row["key"], "team key");
        let name = team_names.iter().find(|t| t.0 == id).map(|t| t.1.clone()).expect("a team of the database");
        assert_eq!(row["label"].as_str(), Some(name.as_str()), "team {id}'s label");
        rows.push((Some(id), name, array(&row["cells"], "cells")));
    }
    assert!(rows.iter().any(|r| r.0 == Some(new_team)), "the new team is a row");
    rows.push((None, "Organisation".to_string(), totals));
    let (mut shown, mut suppressed) = (0, 0);
    for (team, label, cells) in &rows {
        assert_eq!(cells.len(), columns.len(), "{label}: a cell per column");
        for (column, cell) in columns.iter().zip(*cells) {
            let what = format!("{label} on {}", column["name"]);
            match cell["status"].as_str() {
                Some("shown") => {
                    shown += 1;
                    let now = &cell["now"];
                    let n = as_i64(&now["requiring"], "requiring");
                    assert_eq!(
                        n,
                        requiring(*team, as_i64(&column["skill_id"], "skill_id")),
                        "{what}: people requiring"
                    );
                    assert!(n == 0 || n >= k, "{what}: a group of {n} is shown (k = {k})");
                    let parts = ["meeting", "below", "unassessed"].map(|p| as_i64(&now[p], p));
                    assert_eq!(parts.iter().sum::<i64>(), n, "{what}: meeting + below + unassessed");
                    if n > 0 {
                        let percent = as_i64(&now["meeting_percent"], "meeting_percent");
                        assert!((percent * n - parts[0] * 100).abs() * 2 <= n, "{what}: {percent}% of {n}");
                    }
                }
                Some("suppressed") => {
                    suppressed += 1;
                    assert_eq!(cell.as_object().map(|o| o.len()), Some(1), "{what}: a hidden cell holds no figure");
                }
                other => panic!("{what}: status {other:?}"),
            }
        }
    }
    assert!(shown > 0 && suppressed > 0, "the demo shows {shown} cells and hides {suppressed}");

    // CSV: one record per team, role family and organisation cell, figures as in the JSON.
    let response = world.get(&world.viewer, "/api/v1/org/rollup.csv", "text/csv");
    let records = read_csv(&response, "rollup.csv");
    assert_eq!(records[0][..4], ["table", "group", "skill code", "skill"], "the CSV header");
    assert_eq!(records[0].len(), 13, "the CSV header: {:?}", records[0]);
    let families = array(&rollup["families"], "families");
    let mut expected: Vec<Vec<String>> = Vec::new();
    let tables = teams
        .iter()
        .map(|r| ("team", as_str(&r["label"], "label").to_string(), array(&r["cells"], "cells")))
        .chain(
            families
                .iter()
                .map(|r| ("role family", as_str(&r["label"], "label").to_string(), array(&r["cells"], "cells"))),
        )
        .chain(std::iter::once(("organisation", "Organisation".to_string(), totals)));
    for (table, label, cells) in tables {
        for (column, cell) in columns.iter().zip(cells) {
            let mut line =
                vec![table.to_string(), label.clone(), cell_text(&column["code"]), cell_text(&column["name"])];
            if cell["status"] == "shown" {
                let now = &cell["now"];
                for figure in ["requiring", "meeting", "meeting_percent", "below", "unassessed", "strong"] {
                    line.push(cell_text(&now[figure]));
                }
                line.push(cell_text(&cell["then"]["meeting_percent"]));
                line.push(match cell["change"]["direction"].as_str() {
                    Some("up") => "up".into(),
                    Some("down") => "down".into(),
                    Some("same") => "no change".into(),
                    _ => String::new(),
                });
                line.push(cell_text(&cell["change"]["meeting_points"]));
            } else {
                line.extend(std::iter::repeat_n("[c]".to_string(), 9));
            }
            expected.push(line.iter().map(|c| neutralised(c)).collect());
        }
    }
    assert_eq!(records.len() - 1, expected.len(), "a record per group and skill");
    for (record, line) in records[1..].iter().zip(&expected) {
        assert_eq!(record, line, "rollup.csv");
    }
    let formula_records = records.iter().filter(|r| r[1].contains("SUM(A1:A9)")).count();
    assert_eq!(formula_records, columns.len(), "a record per skill for the @ team");
    assert!(records.iter().filter(|r| r[1].contains("SUM(A1:A9)")).all(|r| r[1] == format!("'{FORMULA_TEAM}")));

    // SVG: the teams and the organisation as rows, the skills as columns, each cell's figure.
    let grid_rows: Vec<(String, Vec<String>)> = rows
        .iter()
        .map(|(_, label, cells)| {
            let texts = cells
                .iter()
                .map(|cell| {
                    if cell["status"] != "shown" {
                        return "[c]".to_string();
                    }
                    if cell["now"]["requiring"] == 0 {
                        return "–".to_string();
                    }
                    // The picture leaves the per cent to the subtitle and the sign to the arrow.
                    let percent = cell["now"]["meeting_percent"].to_string();
                    let arrow = match cell["change"]["direction"].as_str() {
                        Some("up") => "↑",
                        Some("down") => "↓",
                        Some("same") => "→",
                        _ => return percent,
                    };
                    format!("{percent} {arrow}{}", as_i64(&cell["change"]["meeting_points"], "meeting_points").abs())
                })
                .collect();
            (label.clone(), texts)
        })
        .collect();
    let column_names: Vec<String> = columns.iter().map(|c| cell_text(&c["name"])).collect();
    let svg = read_svg(&world.get(&world.viewer, "/api/v1/org/rollup.svg", "image/svg+xml"), "rollup.svg");
    assert_eq!((svg.width, svg.height), (1920, 1080), "the roll-up is 1920 × 1080 by default");
    svg.check_grid(&grid_rows, &column_names, "rollup.svg");
    let sized = read_svg(
        &world.get(&world.viewer, "/api/v1/org/rollup.svg?width=2560&height=1440", "image/svg+xml"),
        "rollup.svg?width=2560&height=1440",
    );
    assert_eq!((sized.width, sized.height), (2560, 1440));
    sized.check_grid(&grid_rows, &column_names, "rollup.svg?width=2560&height=1440");

    // PNG: decodes at the default and the asked sizes.
    for (query, size) in
        [("", (1920, 1080)), ("?width=1280&height=720", (1280, 720)), ("?width=2560&height=1440", (2560, 1440))]
    {
        let (w, h, colours) =
            read_png(&world.get(&world.viewer, &format!("/api/v1/org/rollup.png{query}"), "image/png"), query);
        assert_eq!((w, h), size, "rollup.png{query}");
        assert!(colours >= 8, "rollup.png{query}: {colours} colours");
    }
    println!("roll-up: {} rows × {} skills ({shown} shown, {suppressed} hidden) read back", rows.len(), columns.len());
}

// -------------------------------------------------------------------------------------------
// Workshops
// -------------------------------------------------------------------------------------------

/// An event as the database holds it: id, title, date, start time, minutes, place, online link.
type EventRow = (i64, String, String, String, i64, Option<String>, Option<String>);

/// RFC 5545 TEXT unescaping (`\\`, `\;`, `\,`, `\n`).
fn unescape_text(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A UTC date-time as iCalendar writes it: `20261124T093000Z`.
fn ics_utc(value: &str, what: &str) -> chrono::DateTime<Utc> {
    let naive = value
        .strip_suffix('Z')
        .and_then(|v| NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").ok())
        .unwrap_or_else(|| panic!("{what}: {value:?} is not a UTC date-time"));
    Utc.from_utc_datetime(&naive)
}

/// The programme list, the programme's JSON (against its OpenAPI schemas and the database) and
/// its calendar, read by a separate iCalendar parser: one event per event of the programme, with
/// its UID, title, place and start and end in UTC by the programme's zone. An event in summer
/// time, with a comma and a semicolon in its title and place, is added through the form first.
#[test]
fn workshop_calendar_and_programme_read_back() {
    let world = World::new("exports-workshops");
    let programme = world
        .db
        .scalar_i64(&format!("SELECT MIN(programme_id) FROM workshop_programme_teams WHERE team_id = {}", world.team))
        .expect("the demo has a programme for the lead's team");
    let summer_title = "Session 3: review, retro; next steps";
    let summer_place = "Room 2; floor 3, Quarry House, Leeds";
    world.post_form(
        &world.lead,
        "workshops/create-event",
        &[
            ("programme_id", &programme.to_string()),
            ("title", summer_title),
            ("date", "2027-07-06"),
            ("start_time", "14:15"),
            ("duration_minutes", "95"),
            ("place", summer_place),
            ("online_link", ""),
            ("capacity", "12"),
        ],
    );

    let openapi = world.get_json(&world.lead, "/api/v1/openapi.json");
    let list = world.get_json(&world.lead, "/api/v1/workshops");
    let list_schema =
        world.documented_schema(&openapi, &["/workshops"]).expect("the OpenAPI document describes /workshops");
    validate(&openapi, &list_schema, &list, "workshops");
    let item = array(&list, "workshops")
        .iter()
        .find(|p| p["id"] == programme)
        .unwrap_or_else(|| panic!("programme {programme} is listed for its lead: {list}"));
    let events_in_db: Vec<EventRow> = world
        .rows(&format!(
            "SELECT id, title, starts_on, start_time, duration_minutes, place, online_link FROM workshop_events \
             WHERE programme_id = {programme} ORDER BY starts_on, start_time, id"
        ))
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6)))
        .collect();
    assert!(events_in_db.len() >= 3, "the demo's events and the one added");
    assert_eq!(as_i64(&item["events"], "events") as usize, events_in_db.len(), "the list counts the events");
    assert_eq!(item["first_date"].as_str(), Some(events_in_db[0].2.as_str()));
    assert_eq!(item["last_date"].as_str(), Some(events_in_db[events_in_db.len() - 1].2.as_str()));

    let (title, zone_name): (String, String) = {
        let row = &world.rows(&format!("SELECT title, time_zone FROM workshop_programmes WHERE id = {programme}"))[0];
        (row.get(0), row.get(1))
    };
    let zone: chrono_tz::Tz = zone_name.parse().unwrap_or_else(|e| panic!("the programme's zone {zone_name}: {e}"));
    let starts = |date: &str, time: &str| -> chrono::DateTime<Utc> {
        let date: NaiveDate = date.parse().expect("a date");
        let time = NaiveTime::parse_from_str(time, "%H:%M").expect("a time");
        zone.from_local_datetime(&date.and_time(time)).earliest().expect("the time exists").with_timezone(&Utc)
    };

    let details = world.get_json(&world.lead, &format!("/api/v1/workshops/{programme}.json"));
    let schema = world
        .documented_schema(&openapi, &["/workshops/{id}.json", "/workshops/{id}"])
        .expect("the OpenAPI document describes a programme");
    validate(&openapi, &schema, &details, "workshop programme");
    assert_eq!(details["title"].as_str(), Some(title.as_str()));
    let events = array(&details["events"], "events");
    assert_eq!(events.len(), events_in_db.len(), "the programme's JSON has every event");
    for (event, db) in events.iter().zip(&events_in_db) {
        let what = format!("event {}", db.0);
        assert_eq!(event["id"], db.0, "{what}: in date order");
        assert_eq!(event["title"].as_str(), Some(db.1.as_str()), "{what}");
        assert_eq!(event["date"].as_str(), Some(db.2.as_str()), "{what}");
        assert_eq!(event["start_time"].as_str(), Some(db.3.as_str()), "{what}");
        assert_eq!(event["duration_minutes"], db.4, "{what}");
        let at = chrono::DateTime::parse_from_rfc3339(as_str(&event["starts_at"], "starts_at")).expect("RFC 3339");
        assert_eq!(at.with_timezone(&Utc), starts(&db.2, &db.3), "{what}: starts_at");
    }

    let response = world.get(&world.lead, &format!("/api/v1/workshops/{programme}/calendar.ics"), "text/calendar");
    let disposition = response.header("content-disposition").unwrap_or_default();
    assert!(disposition.contains(".ics"), "the calendar downloads as a file: {disposition}");
    let text = response.text();
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'), "iCalendar lines end in CRLF");
    let calendars: Vec<ical::parser::ical::component::IcalCalendar> = ical::IcalParser::new(text.as_bytes())
        .map(|c| c.unwrap_or_else(|e| panic!("the calendar does not parse: {e}\n{text}")))
        .collect();
    assert_eq!(calendars.len(), 1, "one VCALENDAR");
    let calendar = &calendars[0];
    let property = |properties: &[ical::property::Property], name: &str| -> Option<String> {
        properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone())
    };
    assert_eq!(property(&calendar.properties, "VERSION").as_deref(), Some("2.0"));
    assert!(property(&calendar.properties, "PRODID").is_some_and(|p| !p.is_empty()), "a PRODID");
    assert_eq!(property(&calendar.properties, "X-WR-CALNAME").map(|v| unescape_text(&v)), Some(title.clone()));
    assert_eq!(calendar.events.len(), events_in_db.len(), "one VEVENT per event of the programme");
    for db in &events_in_db {
        let uid = format!("skillmix-programme-{programme}-event-{}@skillmix.local", db.0);
        let vevent = calendar
            .events
            .iter()
            .find(|e| property(&e.properties, "UID").as_deref() == Some(uid.as_str()))
            .unwrap_or_else(|| panic!("no VEVENT with UID {uid}"));
        let what = format!("VEVENT {uid}");
        let get = |name: &str| property(&vevent.properties, name);
        assert_eq!(get("SUMMARY").map(|v| unescape_text(&v)).as_deref(), Some(db.1.as_str()), "{what}: title");
        let start = ics_utc(&get("DTSTART").unwrap_or_default(), &what);
        let end = ics_utc(&get("DTEND").unwrap_or_default(), &what);
        assert_eq!(start, starts(&db.2, &db.3), "{what}: starts at {} {} in {zone_name}", db.2, db.3);
        assert_eq!(end - start, chrono::Duration::minutes(db.4), "{what}: lasts {} minutes", db.4);
        assert!(get("DTSTAMP").is_some_and(|s| s.ends_with('Z')), "{what}: DTSTAMP in UTC");
        let location = get("LOCATION").map(|v| unescape_text(&v));
        match (&db.5, &db.6) {
            (Some(place), _) => assert_eq!(location.as_deref(), Some(place.as_str()), "{what}: place"),
            (None, Some(link)) => assert!(location.is_some_and(|l| l.contains(link.as_str())), "{what}: online"),
            (None, None) => assert_eq!(location, None, "{what}: no place"),
        }
        if let Some(link) = &db.6 {
            assert_eq!(get("URL").as_deref(), Some(link.as_str()), "{what}: the online link");
        }
    }
    let summer = events_in_db.iter().find(|e| e.1 == summer_title).expect("the summer event is saved");
    assert_eq!(summer.5.as_deref(), Some(summer_place));
    assert_eq!(
        starts(&summer.2, &summer.3).format("%H:%M").to_string(),
        "13:15",
        "14:15 in London in July is 13:15 UTC"
    );
    println!("workshops: programme {programme} with {} events read back as JSON and iCalendar", events_in_db.len());
}

// -------------------------------------------------------------------------------------------
// A person's own data
// -------------------------------------------------------------------------------------------

/// A team member's own export: their person row, their assessments (every one, by id), their
/// team memberships, their user without its password hash, their tokens without secrets.
#[test]
fn person_export_reads_back_for_that_person() {
    let world = World::new("exports-person");
    let person = world.member_person;
    let export = world.get_json(&world.member, &format!("/api/v1/people/{person}/export.json"));
    assert_eq!(export["person_id"], person);
    let people = array(&export["people"], "people");
    assert_eq!(people.len(), 1, "their own person row");
    let (name, email): (String, Option<String>) = {
        let row = &world.rows(&format!("SELECT name, email FROM people WHERE id = {person}"))[0];
        (row.get(0), row.get(1))
    };
    assert_eq!(people[0]["name"].as_str(), Some(name.as_str()));
    assert_eq!(people[0]["email"].as_str(), email.as_deref());
    let ids = |value: &Value, what: &str| -> Vec<i64> {
        let mut ids: Vec<i64> = array(value, what).iter().map(|a| as_i64(&a["id"], "id")).collect();
        ids.sort_unstable();
        ids
    };
    let in_db: Vec<i64> = world
        .rows(&format!("SELECT id FROM assessments WHERE person_id = {person} ORDER BY id"))
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(!in_db.is_empty(), "the demo member has assessments");
    assert_eq!(ids(&export["assessments"], "assessments"), in_db, "every assessment of theirs");
    let memberships: Vec<i64> = array(&export["team_memberships"], "team_memberships")
        .iter()
        .map(|m| as_i64(&m["team_id"], "team_id"))
        .collect();
    let teams_in_db: Vec<i64> = world
        .rows(&format!("SELECT team_id FROM team_memberships WHERE person_id = {person} ORDER BY team_id"))
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(memberships, teams_in_db, "their teams");
    let users = array(&export["users"], "users");
    assert_eq!(users.len(), 1, "their sign-in");
    assert_eq!(users[0]["person_id"], person);
    let text = serde_json::to_string(&export).expect("JSON");
    for secret in ["password_hash", "token_hash"] {
        assert!(!text.contains(secret), "the export holds no {secret}");
    }
    assert!(!array(&export["api_tokens"], "api_tokens").is_empty(), "the token this test made is listed");
}
