//! Disclosure control, attacked (issue 12, section 2): a senior viewer must not be able to work
//! out any figure about fewer than `k` people from everything they can fetch.
//!
//! For a state of the organisation this test fetches, with a senior viewer's bearer token,
//! everything the viewer can: `/org` and `/org/present` and the JSON, CSV, SVG and PNG exports
//! of the roll-up, for every role-family filter (and none) and every comparison date: each
//! round end, no comparison, and every other day the data holds an assessment on (the day-by-day
//! attack). Each published number is collected with the set of people it is about, computed
//! here from the database independently of the server's code:
//!
//! - a roll-up cell (team, role family or organisation, for a skill) is about the people in the
//!   group whose role level requires the skill: units (person, skill);
//! - its figures "then" (at the comparison date) add the changes since that date: the people of
//!   the group whose current assessment of the skill changed in each window between published
//!   dates, units (person, skill, window);
//! - stale-evidence rows and the people in scope are about people: units (person);
//! - an assessment round is about the people assessed in it.
//!
//! The check, with `k` as the server publishes it:
//!
//! 1. no published number is about a group of 1 to k-1 people;
//! 2. plain differencing: no two published groups A ⊂ B differ by 1 to k-1 people;
//! 3. linear algebra: no union of fewer than k people (one person included) has its indicator
//!    vector in the row space of the published groups' indicator vectors (exact arithmetic
//!    modulo the prime 2^61 - 1: the vectors are 0/1, so the ranks are the rational ranks
//!    but for a vanishing chance).
//!
//! The exports must carry exactly the page's suppression: the CSV's figures equal the JSON's
//! cell by cell, the SVG shows each shown cell's text and a "[c]" for each hidden one, the PNG
//! is rendered at the size asked for, and every figure on `/org` and `/org/present` is one the
//! JSON publishes. Comparison dates other than round ends must be refused with a clear message.
//!
//! Run on the demo organisation and on two generated organisations in which some people are in
//! two teams. Fails on f6591a6 (the main commit before this work): there the demo alone gives
//! 1,438 derivable small groups (67 published outright, 1,472 differences of two figures, 446
//! found by the algebra; Callum MacLeod, in both teams, is the Infrastructure operations team
//! minus its role family), and compare accepts any date (every day tried was accepted).

mod support;

use chrono::NaiveDate;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::process::{Command, Stdio};
use support::db::Db;
use support::http::{Request, Response};
use support::{Sandbox, Server};

const VIEWER_EMAIL: &str = "senior.viewer@example.gov.uk";
const P: u64 = (1 << 61) - 1;

#[test]
fn a_senior_viewer_cannot_derive_any_small_group() {
    let mut total = Tally::default();
    let demo = Sandbox::new("disclosure-demo");
    demo.load_demo();
    total.add(attack("demo organisation", &demo));
    for (people, teams, seed) in [(60, 6, 3), (90, 9, 11)] {
        let sandbox = Sandbox::new(&format!("disclosure-gen-{seed}"));
        let args = ["generate", "--people", &people.to_string(), "--teams", &teams.to_string(), "--rounds", "3"];
        let seed_arg = seed.to_string();
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--seed", &seed_arg]);
        sandbox.cli_ok(&all);
        add_viewer(&sandbox);
        total.add(attack(&format!("generated organisation ({people} people, {teams} teams, seed {seed})"), &sandbox));
    }
    println!(
        "ALL: {} published numbers checked, {} requests, {} derivable small groups, {} other problems",
        total.numbers,
        total.requests,
        total.groups,
        total.problems.len()
    );
    assert!(
        total.groups == 0 && total.problems.is_empty(),
        "{} derivable small groups; problems:\n{}",
        total.groups,
        total.problems.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// Adds the senior viewer account to a generated organisation (which has no sign-ins).
fn add_viewer(sandbox: &Sandbox) {
    use std::io::Write;
    let mut child = Command::new(support::binary())
        .env("DATABASE_URL", sandbox.url())
        .current_dir(sandbox.dir.path())
        .args(["user", "add", "--email", VIEWER_EMAIL, "--role", "viewer", "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run skillmix user add");
    child.stdin.take().expect("stdin").write_all(b"Quarterly-Review-Kestrel-42").expect("password");
    let output = child.wait_with_output().expect("user add");
    assert!(output.status.success(), "user add failed: {}", String::from_utf8_lossy(&output.stderr));
}

#[derive(Default)]
struct Tally {
    numbers: usize,
    requests: usize,
    groups: usize,
    problems: Vec<String>,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.numbers += other.numbers;
        self.requests += other.requests;
        self.groups += other.groups;
        self.problems.extend(other.problems);
    }
}

// ---------------------------------------------------------------------------------------------
// The organisation as the database holds it: what each figure is about.

struct Org {
    families: Vec<i64>,
    /// Team rows each person counts in.
    team_rows: HashMap<i64, Vec<i64>>,
    family: HashMap<i64, Option<i64>>,
    people: Vec<i64>,
    requires: HashSet<(i64, i64)>,
    /// Assessment (day, id) per (person, skill), in recency order.
    history: HashMap<(i64, i64), Vec<(NaiveDate, i64)>>,
    /// Each person counts once in the team rows (primary team, migration 0009), and stale
    /// evidence and the risks count over the same groups as the cells. Before it (f6591a6):
    /// people count in every team, stale rows count only people with a required skill, and the
    /// single-holder risk counts everyone in scope.
    counts_once: bool,
    /// (first, last) day of each assessment round.
    rounds: Vec<(NaiveDate, NaiveDate)>,
}

fn load_org(db: &Db) -> Org {
    db.run(async {
        let pool = &db.pool;
        let version: i64 = sqlx::query_scalar(
            "SELECT framework_version_id FROM teams GROUP BY framework_version_id
             ORDER BY COUNT(*) DESC, framework_version_id DESC LIMIT 1",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        let memberships: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT m.person_id, m.team_id FROM team_memberships m JOIN teams t ON t.id = m.team_id
             WHERE t.framework_version_id = ? ORDER BY m.person_id, m.team_id",
        )
        .bind(version)
        .fetch_all(pool)
        .await
        .unwrap();
        let counts_once: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM pragma_table_info('people') WHERE name = 'primary_team_id'")
                .fetch_one(pool)
                .await
                .unwrap();
        let counts_once = counts_once > 0;
        let chosen: HashMap<i64, Option<i64>> = if counts_once {
            sqlx::query_as::<_, (i64, Option<i64>)>("SELECT id, primary_team_id FROM people")
                .fetch_all(pool)
                .await
                .unwrap()
                .into_iter()
                .collect()
        } else {
            HashMap::new()
        };
        let mut all_teams: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for (person, team) in memberships {
            all_teams.entry(person).or_default().push(team);
        }
        let team_rows: HashMap<i64, Vec<i64>> = all_teams
            .iter()
            .map(|(&person, teams)| {
                let rows = if counts_once {
                    let primary = chosen.get(&person).copied().flatten().filter(|t| teams.contains(t));
                    vec![primary.unwrap_or(teams[0])]
                } else {
                    teams.clone()
                };
                (person, rows)
            })
            .collect();
        let people: Vec<i64> = all_teams.keys().copied().collect();
        let family: HashMap<i64, Option<i64>> = sqlx::query_as::<_, (i64, Option<i64>)>(
            "SELECT p.id, f.id FROM people p LEFT JOIN role_levels rl ON rl.id = p.role_level_id
             LEFT JOIN roles r ON r.id = rl.role_id
             LEFT JOIN role_families f ON f.id = r.family_id AND f.version_id = ?",
        )
        .bind(version)
        .fetch_all(pool)
        .await
        .unwrap()
        .into_iter()
        .collect();
        let families: Vec<i64> = sqlx::query_scalar("SELECT id FROM role_families WHERE version_id = ? ORDER BY id")
            .bind(version)
            .fetch_all(pool)
            .await
            .unwrap();
        let requires: HashSet<(i64, i64)> = sqlx::query_as::<_, (i64, i64)>(
            "SELECT p.id, q.skill_id FROM people p JOIN requirements q ON q.role_level_id = p.role_level_id
             WHERE q.level IS NOT NULL",
        )
        .fetch_all(pool)
        .await
        .unwrap()
        .into_iter()
        .collect();
        let rows: Vec<(i64, i64, i64, String)> = sqlx::query_as(
            "SELECT a.id, a.person_id, a.skill_id, a.assessed_on FROM assessments a
             JOIN skills s ON s.id = a.skill_id WHERE s.version_id = ?",
        )
        .bind(version)
        .fetch_all(pool)
        .await
        .unwrap();
        let in_org: HashSet<i64> = people.iter().copied().collect();
        let mut history: HashMap<(i64, i64), Vec<(NaiveDate, i64)>> = HashMap::new();
        let mut per_day: BTreeMap<NaiveDate, u64> = BTreeMap::new();
        for (id, person, skill, on) in rows {
            if !in_org.contains(&person) {
                continue;
            }
            let day: NaiveDate = on[..10].parse().expect("assessment date");
            history.entry((person, skill)).or_default().push((day, id));
            *per_day.entry(day).or_default() += 1;
        }
        for list in history.values_mut() {
            list.sort_unstable();
        }
        let rounds = skillmix::analysis::rounds::detect_rounds(&per_day.into_iter().collect::<Vec<_>>())
            .into_iter()
            .map(|r| (r.first, r.last))
            .collect();
        Org { families, team_rows, family, people, requires, history, counts_once, rounds }
    })
}

impl Org {
    fn in_scope(&self, person: i64, filter: Option<i64>) -> bool {
        filter.is_none_or(|f| self.family.get(&person).copied().flatten() == Some(f))
    }

    /// People of a group (team, family or everyone) within the filter.
    fn group(&self, group: &Group, filter: Option<i64>) -> Vec<i64> {
        self.people
            .iter()
            .copied()
            .filter(|&p| self.in_scope(p, filter))
            .filter(|&p| match group {
                Group::Team(t) => self.team_rows[&p].contains(t),
                Group::Family(f) => self.family.get(&p).copied().flatten() == *f,
                Group::All => true,
            })
            .collect()
    }

    /// The current assessment of (person, skill) on a day (`None`: today).
    fn current(&self, person: i64, skill: i64, on: Option<NaiveDate>) -> Option<(NaiveDate, i64)> {
        let list = self.history.get(&(person, skill))?;
        list.iter().rev().find(|(d, _)| on.is_none_or(|on| *d <= on)).copied()
    }

    fn assessed_between(&self, person: i64, first: NaiveDate, last: NaiveDate) -> bool {
        self.history.iter().any(|((p, _), list)| *p == person && list.iter().any(|(d, _)| *d >= first && *d <= last))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Group {
    Team(i64),
    Family(Option<i64>),
    All,
}

// ---------------------------------------------------------------------------------------------
// Published figures.

/// A space of units: each unit is one person in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Space {
    /// People requiring a skill, as they stand today.
    Cell(i64),
    /// Changes to a skill's current assessment in the window after the n-th published date.
    Change(i64, usize),
    People,
    Round(NaiveDate),
}

/// A change-vector to resolve once every published comparison date is known.
struct Then {
    label: String,
    skill: i64,
    people: Vec<i64>,
    since: NaiveDate,
}

#[derive(Default)]
struct Collected {
    /// (label, units) of every published group.
    groups: Vec<(String, Vec<(Space, i64)>)>,
    thens: Vec<Then>,
    numbers: usize,
    requests: usize,
    problems: Vec<String>,
    /// Comparison dates the server accepted.
    dates: BTreeSet<NaiveDate>,
}

impl Collected {
    fn problem(&mut self, text: String) {
        if self.problems.len() < 200 {
            self.problems.push(text);
        }
    }

    fn get(&mut self, server: &Server, token: &str, path: &str) -> Response {
        self.requests += 1;
        server.send(&Request::get(path).bearer(token))
    }
}

fn attack(name: &str, sandbox: &Sandbox) -> Tally {
    let org = {
        let db = Db::open(&sandbox.db_path);
        load_org(&db)
    };
    let token = sandbox.token_for(VIEWER_EMAIL);
    let server = sandbox.start_server();
    let mut c = Collected::default();
    let round_ends: Vec<NaiveDate> = org.rounds.iter().map(|r| r.1).collect();
    let mut other_days: BTreeSet<NaiveDate> = org.history.values().flatten().map(|(d, _)| *d).collect();
    for &(first, _) in &org.rounds {
        other_days.insert(first.pred_opt().unwrap());
    }
    for end in &round_ends {
        other_days.remove(end);
    }
    let filters: Vec<Option<i64>> = std::iter::once(None).chain(org.families.iter().copied().map(Some)).collect();
    let mut k = 0;
    for &filter in &filters {
        let mut compares: Vec<String> = vec![String::new()];
        compares.extend(round_ends.iter().map(|d| d.to_string()));
        for compare in &compares {
            let query = query_string(filter, compare);
            let response = c.get(&server, &token, &format!("/api/v1/org/rollup.json?{query}"));
            assert_eq!(response.status, 200, "{name}: rollup.json?{query}: {}", response.text());
            let json = response.json().expect("JSON");
            k = json["min_group"].as_u64().expect("min_group") as usize;
            collect_json(&org, &mut c, &json, filter, &query);
            check_exports(&mut c, &server, &token, &json, &query);
            check_pages(&org, &mut c, &server, &token, &json, &query);
        }
        // The day-by-day attack: every other day must be refused, with a message (tried
        // without a filter: one refusal per day is enough, and an accepted day is collected).
        for day in other_days.iter().filter(|_| filter.is_none()) {
            let query = query_string(filter, &day.to_string());
            let response = c.get(&server, &token, &format!("/api/v1/org/rollup.json?{query}"));
            if response.status == 200 {
                // Collected (a dozen days are plenty to show the attack and keep the algebra small).
                if c.dates.len() < round_ends.len() + 12 {
                    let json = response.json().expect("JSON");
                    collect_json(&org, &mut c, &json, filter, &query);
                }
                c.problem(format!("{name}: compare={day} (not a round end) was accepted"));
            } else if response.status != 422 || !response.text().contains("round") {
                c.problem(format!(
                    "{name}: compare={day} answered {} without naming the rounds: {}",
                    response.status,
                    response.text()
                ));
            }
        }
    }
    assert!(k >= 3, "the server published its threshold");
    let (groups, counts) = check(&org, &mut c, k);
    println!(
        "{name}: {} requests, {} published numbers checked, {} published groups ({} distinct), \
         k = {k}: {} groups of 1 to {} people published outright, {} found by differencing two figures, \
         {} by linear algebra; {groups} derivable small groups in all",
        c.requests,
        c.numbers,
        counts.0,
        counts.1,
        counts.2,
        k - 1,
        counts.3,
        counts.4,
    );
    for p in c.problems.iter().take(15) {
        println!("  {p}");
    }
    Tally { numbers: c.numbers, requests: c.requests, groups, problems: c.problems }
}

fn query_string(filter: Option<i64>, compare: &str) -> String {
    let mut parts = Vec::new();
    if let Some(f) = filter {
        parts.push(format!("family={f}"));
    }
    if !compare.is_empty() {
        parts.push(format!("compare={compare}"));
    }
    parts.join("&")
}

fn shown(value: &Value) -> bool {
    value["status"] == "shown"
}

fn count_numbers(value: &Value) -> usize {
    match value {
        Value::Number(_) => 1,
        Value::Array(items) => items.iter().map(count_numbers).sum(),
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "key" | "team_id" | "skill_id"))
            .map(|(_, v)| count_numbers(v))
            .sum(),
        _ => 0,
    }
}

/// Every figure of one roll-up answer, with the people it is about.
fn collect_json(org: &Org, c: &mut Collected, json: &Value, filter: Option<i64>, query: &str) {
    let earlier: Option<NaiveDate> = json["earlier"].as_str().map(|d| d.parse().expect("earlier date"));
    if let Some(d) = earlier {
        c.dates.insert(d);
    }
    let columns: Vec<i64> =
        json["columns"].as_array().unwrap().iter().map(|col| col["skill_id"].as_i64().unwrap()).collect();
    let mut rows: Vec<(String, Group, &Value)> = Vec::new();
    for row in json["teams"].as_array().unwrap() {
        rows.push((format!("team {}", row["label"]), Group::Team(row["key"].as_i64().unwrap()), &row["cells"]));
    }
    for row in json["families"].as_array().unwrap() {
        rows.push((format!("family {}", row["label"]), Group::Family(row["key"].as_i64()), &row["cells"]));
    }
    rows.push(("organisation".into(), Group::All, &json["totals"]));
    for (label, group, cells) in rows {
        let members = org.group(&group, filter);
        for (cell, &skill) in cells.as_array().unwrap().iter().zip(&columns) {
            if !shown(cell) {
                continue;
            }
            c.numbers += count_numbers(cell);
            let people: Vec<i64> = members.iter().copied().filter(|&p| org.requires.contains(&(p, skill))).collect();
            let what = format!("{query}: {label}, skill {skill}");
            if people.len() as u64 != cell["now"]["requiring"].as_u64().unwrap() {
                c.problem(format!(
                    "{what}: publishes {} requiring, the database has {}: the test's model of the figure is wrong",
                    cell["now"]["requiring"],
                    people.len()
                ));
            }
            c.groups.push((what.clone(), people.iter().map(|&p| (Space::Cell(skill), p)).collect()));
            if !cell["then"].is_null() {
                let since = earlier.expect("a cell with figures then has an earlier date");
                c.thens.push(Then { label: format!("{what}, then {since}"), skill, people, since });
            }
        }
    }
    let people_group = |c: &mut Collected, what: String, members: Vec<i64>, published: Option<u64>| {
        if let Some(n) = published {
            if n != members.len() as u64 {
                c.problem(format!("{what}: publishes {n} people, the database has {}", members.len()));
            }
        }
        c.groups.push((what, members.into_iter().map(|p| (Space::People, p)).collect()));
    };
    let stale_people = |members: Vec<i64>| -> Vec<i64> {
        if org.counts_once {
            members
        } else {
            members.into_iter().filter(|&p| org.requires.iter().any(|&(q, _)| q == p)).collect()
        }
    };
    for row in json["stale_by_team"].as_array().unwrap() {
        if shown(&row["figures"]) {
            c.numbers += count_numbers(&row["figures"]);
            let members = stale_people(org.group(&Group::Team(row["team_id"].as_i64().unwrap()), filter));
            people_group(
                c,
                format!("{query}: stale, team {}", row["label"]),
                members,
                row["figures"]["people"].as_u64(),
            );
        }
    }
    if shown(&json["stale_total"]) {
        c.numbers += count_numbers(&json["stale_total"]);
        let members = stale_people(org.group(&Group::All, filter));
        people_group(c, format!("{query}: stale, organisation"), members, json["stale_total"]["people"].as_u64());
    }
    if let Some(n) = json["people_in_scope"].as_u64() {
        c.numbers += 1;
        people_group(c, format!("{query}: people in scope"), org.group(&Group::All, filter), Some(n));
    }
    let risks = &json["risks"];
    if shown(risks) {
        let everyone = org.group(&Group::All, filter);
        for risk in risks["few_holders"].as_array().unwrap() {
            c.numbers += 1;
            let skill = risk["skill_id"].as_i64().unwrap();
            let people: Vec<i64> =
                everyone.iter().copied().filter(|&p| !org.counts_once || org.requires.contains(&(p, skill))).collect();
            c.groups.push((
                format!("{query}: single-holder risk, skill {skill}"),
                people.into_iter().map(|p| (Space::Cell(skill), p)).collect(),
            ));
        }
        for gap in risks["largest_gaps"].as_array().unwrap() {
            c.numbers += 3;
            let skill = gap["skill_id"].as_i64().unwrap();
            let people: Vec<i64> = everyone.iter().copied().filter(|&p| org.requires.contains(&(p, skill))).collect();
            if gap["requiring"].as_u64() != Some(people.len() as u64) {
                c.problem(format!(
                    "{query}: gap risk of skill {skill} has {} requiring, the database {}",
                    gap["requiring"],
                    people.len()
                ));
            }
            c.groups.push((
                format!("{query}: largest-gap risk, skill {skill}"),
                people.into_iter().map(|p| (Space::Cell(skill), p)).collect(),
            ));
        }
    }
}

/// The CSV, SVG and PNG of the same query carry exactly the JSON's figures.
fn check_exports(c: &mut Collected, server: &Server, token: &str, json: &Value, query: &str) {
    let columns: Vec<&Value> = json["columns"].as_array().unwrap().iter().collect();
    // CSV: one line per group and skill, in the JSON's order.
    let csv = c.get(server, token, &format!("/api/v1/org/rollup.csv?{query}"));
    assert_eq!(csv.status, 200, "rollup.csv?{query}");
    let lines: Vec<Vec<String>> = csv.text().lines().skip(1).map(split_csv).collect();
    let mut expected: Vec<&Value> = Vec::new();
    for table in ["teams", "families"] {
        for row in json[table].as_array().unwrap() {
            expected.extend(row["cells"].as_array().unwrap());
        }
    }
    expected.extend(json["totals"].as_array().unwrap());
    if lines.len() != expected.len() {
        c.problem(format!("{query}: the CSV has {} lines, the JSON {} cells", lines.len(), expected.len()));
    }
    for (i, (line, cell)) in lines.iter().zip(&expected).enumerate() {
        let code = columns[i % columns.len()]["code"].as_str().unwrap();
        let want: Vec<String> = if shown(cell) {
            let now = &cell["now"];
            let mut v: Vec<String> = ["requiring", "meeting", "meeting_percent", "below", "unassessed", "strong"]
                .iter()
                .map(|f| now[f].to_string())
                .collect();
            v.push(cell["then"]["meeting_percent"].as_u64().map(|n| n.to_string()).unwrap_or_default());
            let direction = match cell["change"]["direction"].as_str() {
                Some("up") => "up",
                Some("down") => "down",
                Some(_) => "no change",
                None => "",
            };
            v.push(direction.to_string());
            v.push(cell["change"]["meeting_points"].as_i64().map(|n| n.to_string()).unwrap_or_default());
            v
        } else {
            vec!["[c]".to_string(); 9]
        };
        // Negative numbers carry the CSV's formula guard, a leading apostrophe.
        let got: Vec<&str> = line.iter().skip(4).map(|f| f.strip_prefix('\'').unwrap_or(f)).collect();
        if line.get(2).map(String::as_str) != Some(code) || got != want {
            c.problem(format!("{query}: CSV line {} is {line:?}, the JSON says {code} {want:?}", i + 2));
        } else {
            c.numbers += want.iter().filter(|w| w.parse::<i64>().is_ok()).count();
        }
    }
    // SVG: the teams and the organisation's totals, each cell's text or "[c]".
    let svg = c.get(server, token, &format!("/api/v1/org/rollup.svg?{query}"));
    assert_eq!(svg.status, 200, "rollup.svg?{query}");
    let texts = svg_texts(&svg.text());
    let mut cells: Vec<&Value> = Vec::new();
    for row in json["teams"].as_array().unwrap() {
        cells.extend(row["cells"].as_array().unwrap());
    }
    cells.extend(json["totals"].as_array().unwrap());
    let hidden = cells.iter().filter(|c| !shown(c)).count();
    let marked = texts.iter().filter(|t| t.as_str() == "[c]").count();
    // The key explains the marker once.
    if marked != hidden + 1 {
        c.problem(format!("{query}: the SVG shows {marked} \"[c]\", the JSON hides {hidden} cells (+1 in the key)"));
    }
    // Each cell's text in reading order: "67 ↑17" (the picture leaves the per cent to its
    // subtitle and the sign to the arrow), on one line or, in a narrow column, two.
    let expected: Vec<String> = cells
        .iter()
        .map(|cell| {
            if !shown(cell) {
                return "[c]".to_string();
            }
            if cell["now"]["requiring"].as_u64() == Some(0) {
                return "–".to_string();
            }
            let trend = match cell["change"]["direction"].as_str() {
                Some(d) => {
                    let arrow = match d {
                        "up" => "↑",
                        "down" => "↓",
                        _ => "→",
                    };
                    format!(" {arrow}{}", cell["change"]["meeting_points"].as_i64().unwrap().abs())
                }
                None => String::new(),
            };
            format!("{}{trend}", cell["now"]["meeting_percent"])
        })
        .collect();
    let fits = |svg: &str, want: &str| {
        svg == want || svg.strip_suffix('…').is_some_and(|start| !start.is_empty() && want.starts_with(start))
    };
    let mut next = 0;
    let mut at = 0;
    while at < texts.len() {
        if let Some(want) = expected.get(next) {
            let two_lines = want
                .split_once(' ')
                .is_some_and(|(first, second)| texts[at] == first && texts.get(at + 1).is_some_and(|t| t == second));
            if two_lines {
                next += 1;
                at += 1;
            } else if fits(&texts[at], want) {
                next += 1;
            }
        }
        at += 1;
    }
    if next != expected.len() {
        c.problem(format!(
            "{query}: the SVG's cells do not follow the JSON's: matched {next} of {}, stuck at {:?}",
            expected.len(),
            expected.get(next)
        ));
    }
    let json_numbers: Vec<&String> = expected.iter().filter(|t| t.as_str() != "[c]" && t.as_str() != "–").collect();
    c.numbers += json_numbers.len();
    // PNG: rendered, at the size asked for, from the same query.
    let png = c.get(server, token, &format!("/api/v1/org/rollup.png?{query}"));
    let header_ok = png.body.len() > 24 && png.body[..8] == *b"\x89PNG\r\n\x1a\n";
    let size = header_ok.then(|| {
        let word = |at: usize| u32::from_be_bytes(png.body[at..at + 4].try_into().unwrap());
        (word(16), word(20))
    });
    if png.status != 200 || size != Some((1920, 1080)) {
        c.problem(format!("{query}: rollup.png answered {} with size {size:?}", png.status));
    }
}

fn split_csv(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match (ch, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut field)),
            (ch, _) => field.push(ch),
        }
    }
    out.push(field.trim_end_matches('\r').to_string());
    out
}

fn svg_texts(svg: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        rest = &rest[start..];
        let Some(open_end) = rest.find('>') else { break };
        let Some(close) = rest.find("</text>") else { break };
        out.push(rest[open_end + 1..close].trim().to_string());
        rest = &rest[close + 7..];
    }
    out
}

/// Every "A of B <suffix>" in a page.
fn pairs_before(text: &str, suffix: &str) -> Vec<(u64, u64)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(suffix) {
        let before = &text[..at];
        let words: Vec<&str> = before.rsplit(|ch: char| ch.is_whitespace() || ch == '>').take(3).collect();
        if let [b, of, a] = words[..] {
            if of == "of" {
                if let (Ok(a), Ok(b)) = (a.parse(), b.parse()) {
                    out.push((a, b));
                }
            }
        }
    }
    out
}

/// `/org` and `/org/present` show no figure that the JSON of the same query does not publish.
fn check_pages(org: &Org, c: &mut Collected, server: &Server, token: &str, json: &Value, query: &str) {
    let mut cells: HashSet<(u64, u64)> = HashSet::new();
    for table in ["teams", "families"] {
        for row in json[table].as_array().unwrap() {
            for cell in row["cells"].as_array().unwrap() {
                if shown(cell) {
                    cells
                        .insert((cell["now"]["meeting"].as_u64().unwrap(), cell["now"]["requiring"].as_u64().unwrap()));
                }
            }
        }
    }
    for cell in json["totals"].as_array().unwrap() {
        if shown(cell) {
            cells.insert((cell["now"]["meeting"].as_u64().unwrap(), cell["now"]["requiring"].as_u64().unwrap()));
        }
    }
    let mut stale: HashSet<(u64, u64)> = HashSet::new();
    for figures in json["stale_by_team"].as_array().unwrap().iter().map(|r| &r["figures"]).chain([&json["stale_total"]])
    {
        if shown(figures) {
            stale.insert((figures["stale"].as_u64().unwrap(), figures["people"].as_u64().unwrap()));
        }
    }
    for path in [format!("/org?{query}"), format!("/org/present?{query}")] {
        let page = c.get(server, token, &path);
        assert_eq!(page.status, 200, "{path}");
        let html = page.text();
        for pair in pairs_before(&html, "meet the required level") {
            c.numbers += 2;
            if !cells.contains(&pair) {
                c.problem(format!("{path}: shows {} of {} meeting, which the JSON does not publish", pair.0, pair.1));
            }
        }
        for pair in pairs_before(&html, "people have stale evidence") {
            c.numbers += 2;
            if !stale.contains(&pair) {
                c.problem(format!(
                    "{path}: shows {} of {} people with stale evidence, not in the JSON",
                    pair.0, pair.1
                ));
            }
        }
        // Assessment rounds listed on the page: each is about the people assessed in it.
        for (at, _) in html.match_indices(" assessments") {
            let before = &html[..at];
            let Some(open) = before.rfind('(') else { continue };
            let Ok(count) = before[open + 1..].trim().parse::<u64>() else { continue };
            let dates = &before[..open];
            let words: Vec<&str> = dates.split_whitespace().rev().take(3).collect();
            let [last, "to", first] = words[..] else { continue };
            let (Ok(first), Ok(last)) = (first.parse::<NaiveDate>(), last.parse::<NaiveDate>()) else { continue };
            c.numbers += 1;
            let _ = count;
            let people: Vec<i64> =
                org.people.iter().copied().filter(|&p| org.assessed_between(p, first, last)).collect();
            c.groups.push((
                format!("{path}: round {first} to {last}"),
                people.into_iter().map(|p| (Space::Round(first), p)).collect(),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The check.

/// Returns the number of distinct derivable small groups, and (groups, distinct groups,
/// published outright, by differencing, by linear algebra).
fn check(org: &Org, c: &mut Collected, k: usize) -> (usize, (usize, usize, usize, usize, usize)) {
    // Resolve the figures "then": the changes since each comparison date, window by window.
    let dates: Vec<NaiveDate> = c.dates.iter().copied().collect();
    let thens = std::mem::take(&mut c.thens);
    for then in thens {
        let mut units = Vec::new();
        for (w, &from) in dates.iter().enumerate().filter(|(_, &d)| d >= then.since) {
            let to = dates.get(w + 1).copied();
            for &p in &then.people {
                if org.current(p, then.skill, Some(from)) != org.current(p, then.skill, to) {
                    units.push((Space::Change(then.skill, w), p));
                }
            }
        }
        if !units.is_empty() {
            c.groups.push((format!("{}: changes since", then.label), units));
        }
    }
    // Index the units; deduplicate the groups.
    let mut unit_index: HashMap<(Space, i64), usize> = HashMap::new();
    let mut unit_person: Vec<i64> = Vec::new();
    let mut distinct: BTreeMap<Vec<usize>, String> = BTreeMap::new();
    for (label, units) in &c.groups {
        let mut v: Vec<usize> = units
            .iter()
            .map(|u| {
                *unit_index.entry(u.clone()).or_insert_with(|| {
                    unit_person.push(u.1);
                    unit_person.len() - 1
                })
            })
            .collect();
        v.sort_unstable();
        v.dedup();
        if !v.is_empty() {
            distinct.entry(v).or_insert_with(|| label.clone());
        }
    }
    let persons = |units: &[usize]| -> usize { units.iter().map(|&u| unit_person[u]).collect::<HashSet<_>>().len() };
    let small = |n: usize| n > 0 && n < k;
    let mut found: BTreeSet<Vec<usize>> = BTreeSet::new();
    let vectors: Vec<(&Vec<usize>, &String)> = distinct.iter().collect();
    // 1. Published outright.
    let mut outright = 0;
    for (v, label) in &vectors {
        if small(persons(v)) {
            outright += 1;
            if found.insert((*v).clone()) {
                c.problem(format!("published about {} people: {label}", persons(v)));
            }
        }
    }
    // 2. Plain differencing of two figures: A ⊂ B.
    let mut by_unit: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, (v, _)) in vectors.iter().enumerate() {
        for &u in v.iter() {
            by_unit.entry(u).or_default().push(i);
        }
    }
    let mut differenced = 0;
    for (i, (a, la)) in vectors.iter().enumerate() {
        let mut candidates: Vec<usize> = by_unit[&a[0]].clone();
        candidates.retain(|&j| j != i && vectors[j].0.len() > a.len());
        for j in candidates {
            let (b, lb) = vectors[j];
            let set: HashSet<usize> = b.iter().copied().collect();
            if a.iter().all(|u| set.contains(u)) {
                let aset: HashSet<usize> = a.iter().copied().collect();
                let diff: Vec<usize> = b.iter().copied().filter(|u| !aset.contains(u)).collect();
                if small(persons(&diff)) {
                    differenced += 1;
                    if found.insert(diff.clone()) {
                        c.problem(format!("{lb} minus {la}: {} people", persons(&diff)));
                    }
                }
            }
        }
    }
    // 3. Linear algebra over atoms (units no published group tells apart), per connected part.
    let mut signature: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, (v, _)) in vectors.iter().enumerate() {
        for &u in v.iter() {
            signature.entry(u).or_default().push(i);
        }
    }
    let mut atoms_by_sig: BTreeMap<Vec<usize>, Vec<usize>> = BTreeMap::new();
    for (u, sig) in signature {
        atoms_by_sig.entry(sig).or_default().push(u);
    }
    let atoms: Vec<(Vec<usize>, Vec<usize>)> = atoms_by_sig.into_iter().collect();
    // Connected parts: vectors joined by shared atoms.
    let mut parent: Vec<usize> = (0..vectors.len()).collect();
    fn find(parent: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while parent[r] != r {
            r = parent[r];
        }
        let mut y = x;
        while parent[y] != r {
            let next = parent[y];
            parent[y] = r;
            y = next;
        }
        r
    }
    for (sig, _) in &atoms {
        for w in sig.windows(2) {
            let (a, b) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
            parent[a] = b;
        }
    }
    let mut parts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (a, (sig, _)) in atoms.iter().enumerate() {
        let root = find(&mut parent, sig[0]);
        parts.entry(root).or_default().push(a);
    }
    let mut algebra = 0;
    for part_atoms in parts.values() {
        let rows: Vec<usize> = {
            let set: BTreeSet<usize> = part_atoms.iter().flat_map(|&a| atoms[a].0.iter().copied()).collect();
            set.into_iter().collect()
        };
        let column_of: HashMap<usize, usize> = part_atoms.iter().enumerate().map(|(i, &a)| (a, i)).collect();
        let row_of: HashMap<usize, usize> = rows.iter().enumerate().map(|(i, &r)| (r, i)).collect();
        let mut matrix = vec![vec![0u64; part_atoms.len()]; rows.len()];
        for &a in part_atoms {
            for r in &atoms[a].0 {
                matrix[row_of[r]][column_of[&a]] = 1;
            }
        }
        let null = null_space(matrix, part_atoms.len());
        let sizes: Vec<usize> = part_atoms.iter().map(|&a| persons(&atoms[a].1)).collect();
        for union in small_zero_sums(&null, &sizes, k - 1) {
            let units: Vec<usize> = {
                let mut u: Vec<usize> = union.iter().flat_map(|&i| atoms[part_atoms[i]].1.iter().copied()).collect();
                u.sort_unstable();
                u
            };
            if small(persons(&units)) {
                algebra += 1;
                if found.insert(units.clone()) {
                    let example = &vectors[atoms[part_atoms[union[0]]].0[0]].1;
                    c.problem(format!(
                        "derivable by linear algebra: a group of {} people, within {example}",
                        persons(&units)
                    ));
                }
            }
        }
    }
    (found.len(), (c.groups.len(), vectors.len(), outright, differenced, algebra))
}

fn mul(a: u64, b: u64) -> u64 {
    ((a as u128 * b as u128) % P as u128) as u64
}

fn inverse(a: u64) -> u64 {
    let (mut base, mut e, mut out) = (a, P - 2, 1u64);
    while e > 0 {
        if e & 1 == 1 {
            out = mul(out, base);
        }
        base = mul(base, base);
        e >>= 1;
    }
    out
}

/// A basis of the null space {z : M z = 0}, as one row per column of M (atom): the atom's
/// coordinates in each basis vector. A union of atoms is in the row space of M exactly when
/// its atoms' rows sum to zero.
fn null_space(mut m: Vec<Vec<u64>>, width: usize) -> Vec<Vec<u64>> {
    let mut pivots: Vec<usize> = Vec::new();
    let mut rank = 0;
    for col in 0..width {
        let Some(pivot) = (rank..m.len()).find(|&r| m[r][col] != 0) else { continue };
        m.swap(rank, pivot);
        let inv = inverse(m[rank][col]);
        for value in m[rank].iter_mut() {
            *value = mul(*value, inv);
        }
        let pivot_row = m[rank].clone();
        for (r, row) in m.iter_mut().enumerate() {
            if r != rank && row[col] != 0 {
                let factor = row[col];
                for (value, p) in row.iter_mut().zip(&pivot_row) {
                    *value = (*value + P - mul(factor, *p)) % P;
                }
            }
        }
        pivots.push(col);
        rank += 1;
    }
    let free: Vec<usize> = (0..width).filter(|c| !pivots.contains(c)).collect();
    let mut rows = vec![vec![0u64; free.len()]; width];
    for (f, &fc) in free.iter().enumerate() {
        rows[fc][f] = 1;
        for (r, &pc) in pivots.iter().enumerate() {
            rows[pc][f] = (P - m[r][fc]) % P;
        }
    }
    rows
}

/// Every set of atoms with total size at most `budget` whose null-space rows sum to zero
/// (meet in the middle over the halves of the set).
fn small_zero_sums(rows: &[Vec<u64>], sizes: &[usize], budget: usize) -> Vec<Vec<usize>> {
    let candidates: Vec<usize> = (0..rows.len()).filter(|&i| sizes[i] <= budget).collect();
    let add = |a: &[u64], b: &[u64]| -> Vec<u64> { a.iter().zip(b).map(|(x, y)| (x + y) % P).collect() };
    let negate = |a: &[u64]| -> Vec<u64> { a.iter().map(|x| (P - x) % P).collect() };
    // Halves: every set of up to `half` atoms with its sum.
    let half = budget.div_ceil(2).max(1);
    let mut halves: Vec<(Vec<usize>, usize, Vec<u64>)> = vec![(vec![], 0, vec![0; rows.first().map_or(0, Vec::len)])];
    let mut frontier = halves.clone();
    for _ in 0..half {
        let mut next = Vec::new();
        for (set, size, sum) in &frontier {
            let start = set.last().map_or(0, |&l| candidates.iter().position(|&c| c == l).unwrap() + 1);
            for &cand in &candidates[start..] {
                let s = size + sizes[cand];
                if s <= budget {
                    let mut set2 = set.clone();
                    set2.push(cand);
                    next.push((set2, s, add(sum, &rows[cand])));
                }
            }
            if next.len() > 2_000_000 {
                break;
            }
        }
        halves.extend(next.iter().cloned());
        frontier = next;
    }
    let mut by_sum: HashMap<Vec<u64>, Vec<usize>> = HashMap::new();
    for (i, (_, _, sum)) in halves.iter().enumerate() {
        by_sum.entry(sum.clone()).or_default().push(i);
    }
    let mut out: BTreeSet<Vec<usize>> = BTreeSet::new();
    for (set, size, sum) in &halves {
        if let Some(matches) = by_sum.get(&negate(sum)) {
            for &j in matches {
                let (other, other_size, _) = &halves[j];
                if size + other_size == 0 || size + other_size > budget || set.iter().any(|a| other.contains(a)) {
                    continue;
                }
                let mut union: Vec<usize> = set.iter().chain(other).copied().collect();
                union.sort_unstable();
                out.insert(union);
            }
        }
    }
    // Keep the minimal ones.
    let all: Vec<Vec<usize>> = out.into_iter().collect();
    all.iter().filter(|u| !all.iter().any(|v| v.len() < u.len() && v.iter().all(|a| u.contains(a)))).cloned().collect()
}
