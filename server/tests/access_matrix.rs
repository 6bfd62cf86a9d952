//! The role × route matrix: every route the router serves (pages, server functions and the JSON
//! API, listed from the router's own sources) is called as each kind of user, and must answer
//! exactly as classified here. A route nobody classified fails the test, so a new route cannot
//! ship without an access decision.
//!
//! "Allowed" means a success, a redirect (but not to the sign-in page) or a refusal of the input
//! (400, 409, 413, 422): mutations are sent with input that fails validation, so the matrix
//! changes nothing it needs (`valid_mutations.rs` runs each with valid input). A 5xx is always a
//! failure, and so is a 404, unless the case names an id that does not exist on purpose
//! (`missing`) or the caller may not reach the object ("hidden", below).
//! Routes that name a plan action or a workshop programme answer a refused caller exactly as
//! they answer an id that does not exist (404), so ids cannot be probed: "hidden" below.
//!
//! The whole matrix runs twice: with bearer tokens (as an API client) and with cookie sessions
//! signed in through `session/sign-in` (as a browser, posts carrying a same-origin `Origin` and
//! `Sec-Fetch-Site`).
//!
//! Object level (`every_object_id_the_caller_cannot_reach_is_refused`): every route whose rule
//! depends on the object (a team, person, programme, event, agenda item, plan action or import)
//! is called again by a lead and by a member with, in turn, each id replaced by one they may not
//! reach (a person of another team, a teammate's person id, another lead's team, programme,
//! event, item, action or import), with both kinds of credentials, and must be refused (403 or
//! 404, never a 5xx) with the database unchanged.

use app::shell::App;
use app::ssr::{AppState, Config};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use leptos::prelude::LeptosOptions;
use server::web;
use skillmix::access::UserRole;
use skillmix::store::{self, accounts, Pool};
use skillmix::Id;
use std::collections::HashMap;
use std::sync::Arc;
use tower::ServiceExt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Who {
    Anonymous,
    Member,
    OtherLead,
    Lead,
    Viewer,
    Admin,
}

const EVERYONE: [Who; 6] = [Who::Anonymous, Who::Member, Who::OtherLead, Who::Lead, Who::Viewer, Who::Admin];

/// Who may call a route; everyone else is refused (sign-in for anonymous, forbidden for others).
#[derive(Debug, Clone, Copy)]
struct Rule(&'static [Who]);

const PUBLIC: Rule = Rule(&EVERYONE);
const SIGNED_IN: Rule = Rule(&[Who::Member, Who::OtherLead, Who::Lead, Who::Viewer, Who::Admin]);
const LEADS: Rule = Rule(&[Who::OtherLead, Who::Lead, Who::Admin]);
const TEAM: Rule = Rule(&[Who::Lead, Who::Admin]);
const PERSON_SELF: Rule = Rule(&[Who::Member, Who::Lead, Who::Admin]);
const OWN_DATA_ONLY: Rule = Rule(&[Who::Member, Who::Admin]);
const ORGANISATION: Rule = Rule(&[Who::OtherLead, Who::Lead, Who::Viewer, Who::Admin]);
const ADMIN: Rule = Rule(&[Who::Admin]);

/// The ids the matrix uses: a team led by the lead, a member of it who is the member user, and
/// framework records to browse.
#[derive(Clone)]
struct Fixture {
    team: Id,
    person: Id,
    version: Id,
    role_level: Id,
    skill: Id,
    /// The demo workshop programme (for the lead's team), one of its events and agenda items.
    programme: Id,
    event: Id,
    item: Id,
    /// A stored role-profile preview.
    import: Id,
    /// An action in the member's development plan.
    action: Id,
    tokens: HashMap<Who, String>,
    /// Cookie sessions (`name=value`), filled by signing each user in.
    sessions: HashMap<Who, String>,
    emails: HashMap<Who, String>,
}

/// The kinds of object an id in a request names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Team,
    Person,
    Programme,
    Event,
    Item,
    Action,
    Import,
}

const KINDS: [Kind; 7] =
    [Kind::Team, Kind::Person, Kind::Programme, Kind::Event, Kind::Item, Kind::Action, Kind::Import];

/// Objects an attacker may not reach, by kind: for the lead, another lead's team, a person in
/// it, that lead's programme with an event and an agenda item, an action in that person's plan,
/// and that lead's role-profile preview; for the member, a teammate and the teammate's action.
#[derive(Debug, Clone)]
struct Foreign {
    ids: Vec<(Kind, Id)>,
}

impl Foreign {
    fn get(&self, kind: Kind) -> Option<Id> {
        self.ids.iter().find(|(k, _)| *k == kind).map(|(_, id)| *id)
    }
}

impl Fixture {
    /// Fills `{team}`, `{person}`, ... and route parameters (`{id}`, `:id`) in a path or body.
    fn fill(&self, text: &str, id: Id) -> String {
        text.replace("{team}", &self.team.to_string())
            .replace("{person}", &self.person.to_string())
            .replace("{version}", &self.version.to_string())
            .replace("{role_level}", &self.role_level.to_string())
            .replace("{skill}", &self.skill.to_string())
            .replace("{programme}", &self.programme.to_string())
            .replace("{event}", &self.event.to_string())
            .replace("{item}", &self.item.to_string())
            .replace("{import}", &self.import.to_string())
            .replace("{action}", &self.action.to_string())
            .replace("{id}", &id.to_string())
    }

    /// The same fixture with the object of `kind` replaced by `id`.
    fn with(&self, kind: Kind, id: Id) -> Fixture {
        let mut f = self.clone();
        match kind {
            Kind::Team => f.team = id,
            Kind::Person => f.person = id,
            Kind::Programme => f.programme = id,
            Kind::Event => f.event = id,
            Kind::Item => f.item = id,
            Kind::Action => f.action = id,
            Kind::Import => f.import = id,
        }
        f
    }
}

/// One request to make: the rule it must follow and the body or query to send.
struct Case {
    rule: Rule,
    /// Form body for POSTs, query string for GETs (already in the path for pages).
    input: &'static str,
    /// The id a `{id}` or `:id` parameter stands for.
    id: fn(&Fixture) -> Id,
    /// The input names an object that does not exist: allowed callers get 404.
    missing: bool,
}

fn team(f: &Fixture) -> Id {
    f.team
}
fn person(f: &Fixture) -> Id {
    f.person
}
fn version(f: &Fixture) -> Id {
    f.version
}
fn role_level(f: &Fixture) -> Id {
    f.role_level
}
fn skill(f: &Fixture) -> Id {
    f.skill
}
fn programme(f: &Fixture) -> Id {
    f.programme
}
fn import(f: &Fixture) -> Id {
    f.import
}

/// Stands for an empty multipart form body (the upload server functions take only those).
const MULTIPART: &str = "<multipart>";
const BOUNDARY: &str = "skillmix-matrix-boundary";

const fn case(rule: Rule, input: &'static str, id: fn(&Fixture) -> Id) -> Case {
    Case { rule, input, id, missing: false }
}

/// A case whose input names an object that does not exist (id 999999), so that allowed callers
/// change nothing: they must get 404.
const fn missing(rule: Rule, input: &'static str) -> Case {
    Case { rule, input, id: team, missing: true }
}

/// The access decision for every page (GET, by its route pattern).
fn page_case(path: &str) -> Option<Case> {
    Some(match path {
        "/sign-in" => case(PUBLIC, "", team),
        "/account" => case(SIGNED_IN, "", team),
        "/" | "/framework" => case(SIGNED_IN, "", team),
        "/framework/versions/{id}" => case(SIGNED_IN, "", version),
        "/framework/role-levels/{id}" => case(SIGNED_IN, "", role_level),
        "/framework/skills/{id}" => case(SIGNED_IN, "", skill),
        "/teams/new" => case(LEADS, "", team),
        "/people/new" => case(LEADS, "", team),
        "/teams/{id}"
        | "/teams/{id}/edit"
        | "/teams/{id}/delete"
        | "/teams/{id}/heatmap"
        | "/teams/{id}/coverage"
        | "/teams/{id}/dynamics" => case(TEAM, "", team),
        "/people/{id}" | "/people/{id}/edit" | "/people/{id}/assess" => case(PERSON_SELF, "", person),
        "/people/{id}/delete" => case(TEAM, "", person),
        "/people/{id}/erase" => case(ADMIN, "", person),
        "/org" | "/org/present" => case(ORGANISATION, "", team),
        "/admin/users" | "/admin/audit" => case(ADMIN, "", team),
        "/people/{id}/plan" => case(PERSON_SELF, "", person),
        "/teams/{id}/training-needs" | "/teams/{id}/training-needs/print" => case(TEAM, "", team),
        "/import" => case(LEADS, "", team),
        "/import/reports/{id}" => case(SIGNED_IN, "", import),
        "/workshops" => case(SIGNED_IN, "", team),
        "/workshops/new" | "/workshops/methods" => case(LEADS, "", team),
        "/workshops/{id}"
        | "/workshops/{id}/edit"
        | "/workshops/{id}/delete"
        | "/workshops/{id}/events/new"
        | "/workshops/{id}/events/{event}"
        | "/workshops/{id}/events/{event}/edit"
        | "/workshops/{id}/events/{event}/delete"
        | "/workshops/{id}/events/{event}/items/{item}"
        | "/workshops/{id}/events/{event}/attendance"
        | "/workshops/{id}/events/{event}/facilitate"
        | "/workshops/{id}/events/{event}/agenda" => case(TEAM, "", programme),
        _ => return None,
    })
}

/// The access decision for every server function (by its path), with input that deserialises
/// but fails validation, so allowed calls change nothing.
fn server_fn_case(path: &str) -> Option<Case> {
    let name = path.strip_prefix("/api/")?;
    Some(match name {
        "session/current" | "session/sign-out" => case(PUBLIC, "", team),
        "session/sign-in" => case(PUBLIC, "email=&password=", team),
        "account/page" => case(SIGNED_IN, "", team),
        "account/change-password" => case(SIGNED_IN, "current_password=&new_password=&confirm_password=", team),
        "admin/reset-password" => missing(ADMIN, "user_id=999999"),
        "session/sign-in-options" => case(PUBLIC, "", team),
        "teams/dashboard" | "framework/versions" => case(SIGNED_IN, "", team),
        "framework/version" => case(SIGNED_IN, "id={version}", team),
        "framework/role-level" => case(SIGNED_IN, "id={role_level}", team),
        "framework/skill" => case(SIGNED_IN, "id={skill}", team),
        "teams/page" => case(TEAM, "id={team}", team),
        "teams/form" => case(TEAM, "id={team}", team),
        "teams/create" => case(LEADS, "name=&description=&framework_version_id={version}&review_cadence_months=6", team),
        "teams/update" => case(TEAM, "id={team}&name=&description=&framework_version_id={version}&review_cadence_months=6", team),
        "teams/delete" => case(TEAM, "id={team}", team),
        "teams/add-member" => case(TEAM, "team_id={team}&person_id=", team),
        "teams/remove-member" => missing(TEAM, "team_id={team}&person_id=999999"),
        // The member is not a lead already: allowed calls change nothing.
        "teams/set-lead" => case(TEAM, "team_id={team}&person_id={person}&is_lead=false", team),
        "teams/primary-team" => missing(TEAM, "team_id={team}&person_id=999999&primary_team_id=999999"),
        "analysis/heatmap" => case(TEAM, "team_id={team}&query[mode]=nope&query[source]=&query[sort_people]=&query[sort_skills]=&query[kinds]=", team),
        "analysis/coverage" => case(TEAM, "team_id={team}&source=nope", team),
        "analysis/dynamics" => case(TEAM, "team_id={team}&query[source]=nope&query[needs]=", team),
        "people/page" => case(PERSON_SELF, "id={person}", team),
        "people/form" => case(PERSON_SELF, "id={person}", team),
        "people/create" => case(LEADS, "name=&email=&role_level_id=&target_role_level_id=", team),
        "people/update" => case(PERSON_SELF, "id={person}&name=&email=&role_level_id=&target_role_level_id=", team),
        "people/delete" => case(TEAM, "id={person}", team),
        "people/confirm" => case(TEAM, "id={person}&erase=false", team),
        "assess/page" => case(PERSON_SELF, "id={person}", team),
        "assess/record" => case(PERSON_SELF, "person_id={person}&source=&assessed_on=&evidence=", team),
        "org/rollup" => case(ORGANISATION, "query[compare]=not-a-date", team),
        "admin/users" | "admin/audit" => case(ADMIN, "", team),
        "admin/add-user" => case(ADMIN, "email=&role=&team_id=&password=", team),
        "admin/update-user" => case(ADMIN, "user_id=999999&role=nope", team),
        "admin/erase-person" => case(ADMIN, "id={person}", team),
        "import/page" => case(LEADS, "", team),
        "import/ddat" | "import/sfia" | "import/role-profile" => case(LEADS, MULTIPART, team),
        "import/report" => case(SIGNED_IN, "id={import}", team),
        "import/save-role-profile" => missing(LEADS, "import_id=999999"),
        "import/assign-role-level" => missing(LEADS, "import_id=999999"),
        "import/move-team" => missing(TEAM, "import_id=999999&team_id={team}"),
        "training/needs" => case(TEAM, "team_id={team}&query[source]=nope&query[target]=&query[sort]=&query[saved]=", team),
        "training/weights" => case(TEAM, "team_id={team}&weights[{skill}]=lots", team),
        "training/plan" => case(PERSON_SELF, "person_id={person}", team),
        "training/plan/add" => case(TEAM, "person_id={person}&form=new&text=&due_on=", team),
        "training/plan/status" => case(PERSON_SELF, "action_id={action}&status=nope", team),
        "workshops/list" => case(SIGNED_IN, "", team),
        "workshops/methods" => case(LEADS, "", team),
        "workshops/form" => case(TEAM, "id={programme}&skills=", team),
        "workshops/create" => case(LEADS, "title=&problem_statement=&objectives=&approach=&tools=&time_zone=Europe/London", team),
        "workshops/create-method" => case(LEADS, "name=&default_minutes=&category=&description=", team),
        "workshops/programme" => case(TEAM, "id={programme}", team),
        "workshops/update" => case(TEAM, "id={programme}&title=&problem_statement=&objectives=&approach=&tools=&time_zone=Europe/London", team),
        "workshops/delete" => case(TEAM, "id={programme}", team),
        "workshops/copy" => case(TEAM, "id={programme}&first_event_on=not-a-date", team),
        "workshops/follow-up" => case(TEAM, "programme_id={programme}&follow_up_on=not-a-date", team),
        "workshops/event-form" => case(TEAM, "programme_id={programme}&event_id={event}", team),
        "workshops/event" | "workshops/attendance" | "workshops/facilitate" => {
            case(TEAM, "programme_id={programme}&event_id={event}", team)
        }
        "workshops/item-form" => case(TEAM, "programme_id={programme}&event_id={event}&item_id={item}", team),
        "workshops/create-event" => case(TEAM, "programme_id={programme}&title=&date=&start_time=&duration_minutes=&place=&online_link=&capacity=", team),
        "workshops/update-event" => case(TEAM, "programme_id={programme}&event_id={event}&title=&date=&start_time=&duration_minutes=&place=&online_link=&capacity=", team),
        "workshops/delete-event" => case(TEAM, "programme_id={programme}&event_id={event}", team),
        "workshops/copy-event" => case(TEAM, "programme_id={programme}&event_id={event}&date=not-a-date", team),
        "workshops/add-method" => case(TEAM, "programme_id={programme}&event_id={event}&method_id=", team),
        "workshops/add-item" => case(TEAM, "programme_id={programme}&event_id={event}&title=&minutes=", team),
        "workshops/update-item" => case(TEAM, "programme_id={programme}&event_id={event}&item_id={item}&title=&method_id=&minutes=&facilitator_id=&materials=&notes=", team),
        "workshops/delete-item" => missing(TEAM, "programme_id={programme}&event_id={event}&item_id=999999"),
        "workshops/plan-from-last-run" | "workshops/reset-timer" => {
            missing(TEAM, "programme_id={programme}&event_id=999999")
        }
        "workshops/move-item" => case(TEAM, "programme_id={programme}&event_id={event}&item_id={item}&direction=sideways", team),
        "workshops/timer" => case(TEAM, "programme_id={programme}&event_id={event}&command=dance", team),
        "workshops/invite" => case(TEAM, "programme_id={programme}&role=nope", team),
        "workshops/invitation" => case(TEAM, "programme_id={programme}&person_id=999999&role=nope&status=nope", team),
        "workshops/uninvite" => case(TEAM, "programme_id={programme}&person_id=999999&role=nope", team),
        "workshops/attendance-save" => missing(TEAM, "programme_id={programme}&event_id=999999"),
        "workshops/add-action" => case(TEAM, "programme_id={programme}&action_text=&owner_id=&due_on=&event_id=", team),
        "workshops/action-status" => missing(TEAM, "programme_id={programme}&action_id=999999&status=nope"),
        "workshops/add-outcome" => case(TEAM, "programme_id={programme}&outcome_text=&outcome_event_id=", team),
        _ => return None,
    })
}

/// The single sign-on routes (`server::oidc::ROUTES`): anyone may start or finish a sign-in
/// (without a provider configured, as here, they answer 404).
fn oidc_case(path: &str) -> Option<Case> {
    Some(match path {
        server::oidc::START_PATH | server::oidc::CALLBACK_PATH => missing(PUBLIC, ""),
        _ => return None,
    })
}

/// The access decision for every JSON API route (`server::api::ROUTES`).
fn api_case(method: &str, path: &str) -> Option<Case> {
    Some(match (method, path) {
        ("GET", "/openapi.json") => case(PUBLIC, "", team),
        ("GET", "/teams") => case(SIGNED_IN, "", team),
        ("GET", "/teams/{id}")
        | ("GET", "/teams/{id}/heatmap.json")
        | ("GET", "/teams/{id}/heatmap.csv")
        | ("GET", "/teams/{id}/heatmap.svg")
        | ("GET", "/teams/{id}/heatmap.png") => case(TEAM, "mode=nope", team),
        ("GET", "/people/{id}") => case(PERSON_SELF, "", person),
        ("GET", "/people/{id}/export.json") => case(OWN_DATA_ONLY, "", person),
        ("POST", "/people/{id}/assessments") => case(PERSON_SELF, "{\"source\":\"\",\"levels\":[]}", person),
        ("GET", "/org/rollup.json")
        | ("GET", "/org/rollup.csv")
        | ("GET", "/org/rollup.svg")
        | ("GET", "/org/rollup.png") => case(ORGANISATION, "compare=not-a-date", team),
        ("GET", "/teams/{id}/training-needs.json") | ("GET", "/teams/{id}/training-needs.csv") => case(TEAM, "", team),
        ("POST", "/import/role-profile") => case(LEADS, "", team),
        ("GET", "/workshops") => case(SIGNED_IN, "", team),
        ("GET", "/workshops/{id}") | ("GET", "/workshops/{id}/calendar.ics") => case(TEAM, "", programme),
        _ => return None,
    })
}

/// The fixture, and the objects the lead and the member may not reach.
async fn fixture(pool: &Pool) -> (Fixture, Foreign, Foreign) {
    let version = store::seed::ensure_starter_catalogue(pool).await.unwrap();
    let org = skillmix::demo::demo_org(chrono::Utc::now().date_naive());
    let loaded = store::seed::load_org(pool, version, &org).await.unwrap();
    let lead_index = org.leads(0).next().unwrap();
    let other_lead_index = org.leads(1).next().unwrap();
    let member_index = org.members(0).find(|i| !org.people[*i].memberships.iter().any(|m| m.lead)).unwrap();
    let hash = app::ssr::auth::hash_password(PASSWORD.into()).await.unwrap();
    let mut tokens = HashMap::new();
    let mut emails = HashMap::new();
    let mut user_ids = HashMap::new();
    let users = [
        (Who::Admin, "admin@example.gov.uk".to_string(), UserRole::Admin, None),
        (Who::Viewer, "viewer@example.gov.uk".to_string(), UserRole::Viewer, None),
        (Who::Lead, org.people[lead_index].email.clone(), UserRole::Lead, Some(loaded.person_ids[lead_index])),
        (
            Who::OtherLead,
            org.people[other_lead_index].email.clone(),
            UserRole::Lead,
            Some(loaded.person_ids[other_lead_index]),
        ),
        (Who::Member, org.people[member_index].email.clone(), UserRole::Member, Some(loaded.person_ids[member_index])),
    ];
    for (who, email, role, person) in users {
        let id = accounts::create_user(pool, &email, &hash, role, person).await.unwrap();
        let token = app::ssr::auth::new_token();
        accounts::add_token(pool, id, &app::ssr::auth::token_digest(&token), "matrix").await.unwrap();
        tokens.insert(who, token);
        emails.insert(who, email);
        user_ids.insert(who, id);
    }
    let role_level = org.people[member_index].role.as_ref().unwrap();
    let role_level =
        store::framework::find_role_level(pool, version, &role_level.role, &role_level.level).await.unwrap().unwrap();
    let skill = store::framework::skills_of_version(pool, version).await.unwrap()[0].id;
    let today = chrono::Utc::now().date_naive();
    let lead_team_index = org.people[lead_index].memberships.iter().find(|m| m.lead).unwrap().team;
    let other_team_index = org.people[other_lead_index].memberships.iter().find(|m| m.lead).unwrap().team;
    let seed = skillmix::demo::demo_workshop(today);
    let programme = store::workshops::demo::load_demo_workshop(pool, &seed, today).await.unwrap();
    // The same programme for the other lead's team.
    let other_seed =
        skillmix::demo::workshop::WorkshopSeed { team: org.teams[other_team_index].name.clone(), ..seed.clone() };
    let other_programme = store::workshops::demo::load_demo_workshop(pool, &other_seed, today).await.unwrap();
    let first_item = |programme: Id| {
        sqlx::query_as::<_, (Id, Id)>(
            "SELECT e.id, i.id FROM workshop_events e JOIN workshop_agenda_items i ON i.event_id = e.id
             WHERE e.programme_id = ? ORDER BY e.id, i.id LIMIT 1",
        )
        .bind(programme)
        .fetch_one(pool)
    };
    let (event, item) = first_item(programme).await.unwrap();
    let (other_event, other_item) = first_item(other_programme).await.unwrap();
    let profile = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/import/role-profile-sample.txt"
    ))
    .unwrap();
    let preview = |user_id: Option<Id>| {
        let options = store::imports::ImportOptions {
            version_name: None,
            mode: store::imports::Mode::Import,
            user_id,
            file_names: vec![],
            today,
        };
        let profile = profile.clone();
        async move {
            store::imports::preview_role_profile(pool, store::imports::ProfileSource::Text(profile), None, &options)
                .await
                .unwrap()
                .import_id
                .unwrap()
        }
    };
    // The lead's own preview, and one the other lead made.
    let import = preview(Some(user_ids[&Who::Lead])).await;
    let other_import = preview(Some(user_ids[&Who::OtherLead])).await;
    let action_for = |person: Id| {
        let new_action = store::development::NewAction {
            person_id: person,
            skill_id: None,
            target_level: None,
            text: "Shadow the on-call engineer".into(),
            owner_person_id: Some(person),
            due_on: (today + chrono::Days::new(30)).to_string(),
        };
        async move { store::development::add_action(pool, &new_action, None, today).await.unwrap() }
    };
    let member = loaded.person_ids[member_index];
    let action = action_for(member).await;
    let in_team = |team: usize, i: usize| org.people[i].memberships.iter().any(|m| m.team == team);
    // A member of the other team only, who leads nothing.
    let outsider = (0..org.people.len())
        .find(|i| {
            in_team(other_team_index, *i)
                && !in_team(lead_team_index, *i)
                && !org.people[*i].memberships.iter().any(|m| m.lead)
        })
        .map(|i| loaded.person_ids[i])
        .unwrap();
    // The member's teammate.
    let teammate = org
        .members(lead_team_index)
        .find(|i| *i != member_index && !org.people[*i].memberships.iter().any(|m| m.lead))
        .map(|i| loaded.person_ids[i])
        .unwrap();
    let outsider_action = action_for(outsider).await;
    let teammate_action = action_for(teammate).await;
    let team = loaded.team_ids[lead_team_index];
    let other_team = loaded.team_ids[other_team_index];
    let fixture = Fixture {
        team,
        person: member,
        version,
        role_level,
        skill,
        programme,
        event,
        item,
        import,
        action,
        tokens,
        sessions: HashMap::new(),
        emails,
    };
    let lead_foreign = Foreign {
        ids: vec![
            (Kind::Team, other_team),
            (Kind::Person, outsider),
            (Kind::Programme, other_programme),
            (Kind::Event, other_event),
            (Kind::Item, other_item),
            (Kind::Action, outsider_action),
            (Kind::Import, other_import),
        ],
    };
    let member_foreign = Foreign { ids: vec![(Kind::Person, teammate), (Kind::Action, teammate_action)] };
    (fixture, lead_foreign, member_foreign)
}

/// The password of every user the matrix creates.
const PASSWORD: &str = "correct horse battery staple";

async fn state(pool: Pool) -> AppState {
    let _ = skillmix::chart::register_embedded_font();
    let leptos_options = LeptosOptions::builder().output_name("skillmix").site_root("target/site").build();
    AppState { leptos_options, pool, config: Arc::new(Config::default()), org_cache: Default::default() }
}

/// What happened, reduced to what access control decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// A success, a redirect or a refusal of the input (400, 409, 413, 422).
    Allowed,
    SignIn,
    Forbidden,
    /// 404, the same answer as for an object that does not exist.
    Hidden,
    /// Any other 404: right only for a case that names a missing object.
    NotFound,
    /// Anything else (5xx, 401 or 403 in the wrong form, ...): never right.
    Unexpected,
}

/// The object a route hides from callers who may not reach it (answering 404, "… not found"),
/// if it does: plan actions and workshop programmes.
fn hides(path: &str) -> Option<&'static str> {
    match path {
        "/api/training/plan/status" => Some("Plan action"),
        "/api/workshops/list"
        | "/api/workshops/methods"
        | "/api/workshops/create"
        | "/api/workshops/create-method"
        | "/workshops"
        | "/workshops/new"
        | "/workshops/methods" => None,
        p if p.starts_with("/api/workshops/")
            || p.starts_with("/workshops/")
            || p.starts_with("/api/v1/workshops/") =>
        {
            Some("Programme")
        }
        _ => None,
    }
}

fn expected(case: &Case, who: Who, hidden: Option<&str>) -> Outcome {
    if case.rule.0.contains(&who) {
        if case.missing {
            Outcome::NotFound
        } else {
            Outcome::Allowed
        }
    } else if who == Who::Anonymous {
        Outcome::SignIn
    } else if hidden.is_some() {
        Outcome::Hidden
    } else {
        Outcome::Forbidden
    }
}

fn outcome(answer: &Answer, hidden: Option<&str>) -> Outcome {
    match answer.status {
        StatusCode::UNAUTHORIZED => Outcome::SignIn,
        StatusCode::FORBIDDEN => Outcome::Forbidden,
        StatusCode::NOT_FOUND
            if hidden.is_some_and(|what| {
                answer.body.contains(&format!("{what} not found"))
                    || answer.body.contains(&format!("{{\"NotFound\":\"{what}\"}}"))
            }) =>
        {
            Outcome::Hidden
        }
        StatusCode::NOT_FOUND => Outcome::NotFound,
        s if s.is_redirection() && answer.location.as_deref().is_some_and(|l| l.starts_with("/sign-in")) => {
            Outcome::SignIn
        }
        s if s.is_success() || s.is_redirection() => Outcome::Allowed,
        StatusCode::BAD_REQUEST
        | StatusCode::CONFLICT
        | StatusCode::PAYLOAD_TOO_LARGE
        | StatusCode::UNPROCESSABLE_ENTITY => Outcome::Allowed,
        _ => Outcome::Unexpected,
    }
}

/// How a request proves who sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Credentials {
    Bearer,
    Cookie,
}

/// The host every request names; cookie posts carry it as their same-origin `Origin`.
const HOST: &str = "skillmix.test";

struct Answer {
    status: StatusCode,
    location: Option<String>,
    body: String,
}

/// Calls that gave no answer at the first try (and did at the second): see [`call`].
static HUNG_ONCE: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// One request, as [`call_once`]; a request that gives no answer within 60 s is sent again once,
/// and listed. Leptos 0.8's streaming renderer now and then leaves a page's response unfinished
/// (upstream leptos-rs/leptos#4851: a resource read under two `<Suspense>`s, about one render in
/// a few thousand here): the matrix is about who is let in, so such a page is asked for again
/// and the hang reported; a route that hangs twice fails the matrix.
#[allow(clippy::too_many_arguments)]
async fn call(
    router: &axum::Router,
    method: &str,
    uri: &str,
    body: &str,
    form: bool,
    fixture: &Fixture,
    who: Who,
    credentials: Credentials,
) -> Answer {
    let answer = call_once(router, method, uri, body, form, fixture, who, credentials).await;
    if answer.status != StatusCode::GATEWAY_TIMEOUT {
        return answer;
    }
    let what = format!("{method} {uri} as {who:?} ({credentials:?})");
    eprintln!("no answer within 60 s, asking again: {what}");
    HUNG_ONCE.lock().unwrap().push(what);
    call_once(router, method, uri, body, form, fixture, who, credentials).await
}

#[allow(clippy::too_many_arguments)]
async fn call_once(
    router: &axum::Router,
    method: &str,
    uri: &str,
    body: &str,
    form: bool,
    fixture: &Fixture,
    who: Who,
    credentials: Credentials,
) -> Answer {
    let mut request =
        Request::builder().method(Method::from_bytes(method.as_bytes()).unwrap()).uri(uri).header(header::HOST, HOST);
    match credentials {
        Credentials::Bearer => {
            if let Some(token) = fixture.tokens.get(&who) {
                request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
            }
        }
        Credentials::Cookie => {
            if let Some(cookie) = fixture.sessions.get(&who) {
                request = request.header(header::COOKIE, cookie.as_str());
            }
            if method != "GET" {
                // As a browser posts from the site's own pages.
                request =
                    request.header(header::ORIGIN, format!("http://{HOST}")).header("sec-fetch-site", "same-origin");
            }
        }
    }
    let body = if body == MULTIPART { format!("--{BOUNDARY}--\r\n") } else { body.to_string() };
    if method == "POST" {
        let kind = if body.starts_with("--") {
            format!("multipart/form-data; boundary={BOUNDARY}")
        } else if form {
            "application/x-www-form-urlencoded".to_string()
        } else {
            "application/json".to_string()
        };
        request = request.header(header::CONTENT_TYPE, kind).header(header::ACCEPT, "application/json");
    } else if form {
        request = request.header(header::ACCEPT, "application/json");
    } else {
        request = request.header(header::ACCEPT, "text/html,application/json");
    }
    let answer = async {
        let response = router.clone().oneshot(request.body(Body::from(body)).unwrap()).await.unwrap();
        let status = response.status();
        let location = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_string);
        let bytes = axum::body::to_bytes(response.into_body(), 64 << 20).await.unwrap_or_default();
        Answer { status, location, body: String::from_utf8_lossy(&bytes).into_owned() }
    };
    // A call that never answers is a failure of its own, not a hung test.
    tokio::time::timeout(std::time::Duration::from_secs(60), answer).await.unwrap_or_else(|_| Answer {
        status: StatusCode::GATEWAY_TIMEOUT,
        location: None,
        body: format!("no answer within 60 s: {method} {uri}"),
    })
}

/// Signs `who` in through `session/sign-in` as a browser would, and keeps the session cookie.
async fn sign_in(router: &axum::Router, fixture: &mut Fixture, who: Who) {
    let email = fixture.emails[&who].clone();
    let body = format!("email={}&password={}", urlencode(&email), urlencode(PASSWORD));
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/session/sign-in")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(Body::from(body))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.split_once('=').is_some_and(|(name, value)| name.ends_with("skillmix") && !value.is_empty()))
        .map(str::to_string);
    let cookie = cookie.unwrap_or_else(|| panic!("signing {who:?} in gave no session cookie ({status})"));
    fixture.sessions.insert(who, cookie);
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// Every request the router can answer, with its classification; fails on a route nobody
/// classified.
fn classified_requests() -> Vec<(String, String, Case, bool)> {
    let mut unclassified = Vec::new();
    let pages = leptos_axum::generate_route_list(App);
    let mut requests: Vec<(String, String, Case, bool)> = Vec::new();
    for listing in &pages {
        let path = listing.path().to_string();
        match page_case(&path) {
            Some(c) => requests.push(("GET".into(), path, c, false)),
            None => unclassified.push(format!("page GET {path}")),
        }
    }
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        match server_fn_case(path) {
            Some(c) => requests.push((method.to_string(), path.to_string(), c, true)),
            None => unclassified.push(format!("server function {method} {path}")),
        }
    }
    for (method, path) in server::api::ROUTES {
        match api_case(method, path) {
            Some(c) => requests.push((method.to_string(), format!("/api/v1{path}"), c, false)),
            None => unclassified.push(format!("API {method} {path}")),
        }
    }
    for (method, path) in server::oidc::ROUTES {
        match oidc_case(path) {
            Some(c) => requests.push((method.to_string(), path.to_string(), c, false)),
            None => unclassified.push(format!("single sign-on {method} {path}")),
        }
    }
    assert!(unclassified.is_empty(), "routes nobody classified:\n{}", unclassified.join("\n"));
    requests
}

/// The request's address and body with the fixture's ids filled in.
fn fill(fixture: &Fixture, method: &str, path: &str, case: &Case) -> (String, String) {
    let id = (case.id)(fixture);
    let path = fixture.fill(path, id);
    let input = fixture.fill(case.input, id);
    if method == "GET" && !input.is_empty() {
        (format!("{path}?{input}"), String::new())
    } else {
        (path, input)
    }
}

async fn matrix_router(name: &str) -> (tempfile::TempDir, axum::Router, Fixture, Foreign, Foreign, Pool) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("{name}.db"));
    let pool = store::open(&format!("sqlite://{}", file.display())).await.unwrap();
    let (mut fixture, lead_foreign, member_foreign) = fixture(&pool).await;
    // With the page cache on, as served: a page kept for one role must never answer another.
    let page_cache = server::page_cache::PageCache::for_database(Some(&file), 16 << 20).unwrap();
    let state = state(pool.clone()).await;
    // Sessions as served, so that users can sign in and browse with a cookie.
    let sessions = web::session_layer(&pool, &state.config).await.unwrap();
    let router = web::router(state, page_cache).layer(sessions);
    for who in [Who::Admin, Who::Viewer, Who::Lead, Who::OtherLead, Who::Member] {
        sign_in(&router, &mut fixture, who).await;
    }
    (dir, router, fixture, lead_foreign, member_foreign, pool)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_each_role_as_classified() {
    let (_dir, router, mut fixture, _, _, _pool) = matrix_router("matrix").await;
    let requests = classified_requests();
    let mut failures = Vec::new();
    let mut checked = 0;
    for credentials in [Credentials::Bearer, Credentials::Cookie] {
        for (method, path, case, server_fn) in &requests {
            let (uri, body) = fill(&fixture, method, path, case);
            let hidden = hides(path);
            for who in [Who::Anonymous, Who::Viewer, Who::Member, Who::OtherLead, Who::Lead, Who::Admin] {
                let answer = call(&router, method, &uri, &body, *server_fn, &fixture, who, credentials).await;
                let got = outcome(&answer, hidden);
                let want = expected(case, who, hidden);
                checked += 1;
                if got != want {
                    failures.push(format!(
                        "{method} {uri} {body} as {who:?} ({credentials:?}): expected {want:?}, got {got:?} ({} {})",
                        answer.status,
                        answer.body.chars().take(160).collect::<String>()
                    ));
                }
                if path == "/api/session/sign-out" && who != Who::Anonymous && credentials == Credentials::Cookie {
                    // Signing out ends the session: sign in again for the routes still to come.
                    sign_in(&router, &mut fixture, who).await;
                }
            }
        }
    }
    println!("role x route matrix: {checked} calls ({} routes, bearer tokens and cookie sessions)", requests.len());
    let hung = HUNG_ONCE.lock().unwrap().clone();
    println!("calls that gave no answer at the first try (leptos-rs/leptos#4851): {}: {hung:?}", hung.len());
    assert!(failures.is_empty(), "{} of {checked} calls answered wrongly:\n{}", failures.len(), failures.join("\n"));
    assert!(checked > 600, "the matrix made only {checked} calls");
}

/// The routes whose answer depends on the object and not only on the role: where a lead or a
/// member could name an object they may not reach.
fn object_rule(rule: Rule) -> bool {
    [TEAM.0, PERSON_SELF.0, OWN_DATA_ONLY.0].contains(&rule.0)
}

/// Server functions that take an id of an object beyond the one their rule is about, with input
/// naming it: a person added to a team or made its lead, a preview saved or assigned.
const OBJECT_INPUTS: &[(&str, &str)] = &[
    ("/api/teams/add-member", "team_id={team}&person_id={person}"),
    ("/api/teams/add-member", "team_id={team}&person_id={person}&is_lead=yes"),
    ("/api/teams/set-lead", "team_id={team}&person_id={person}&is_lead=true"),
    ("/api/import/save-role-profile", "import_id={import}"),
    ("/api/import/assign-role-level", "import_id={import}&people[{person}]=on"),
];

/// A digest of every content table (everything but the audit log, sessions, tokens and the
/// migrations), to show that refused calls changed nothing.
async fn content_digest(pool: &Pool) -> Vec<(String, String)> {
    use sqlx::Row;
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT IN ('audit_events', 'tower_sessions', 'api_tokens', '_sqlx_migrations') ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out = Vec::new();
    for name in names {
        let columns: Vec<String> = sqlx::query(&format!("PRAGMA table_info(\"{name}\")"))
            .fetch_all(pool)
            .await
            .unwrap()
            .iter()
            .map(|row| format!("quote(\"{}\")", row.get::<String, _>("name")))
            .collect();
        let rows: Vec<String> =
            sqlx::query_scalar(&format!("SELECT {} AS r FROM \"{name}\" ORDER BY r", columns.join(" || '|' || ")))
                .fetch_all(pool)
                .await
                .unwrap();
        out.push((name, rows.join("\n")));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_object_id_the_caller_cannot_reach_is_refused() {
    let (_dir, router, fixture, lead_foreign, member_foreign, pool) = matrix_router("objects").await;
    let mut requests: Vec<(String, String, Case, bool)> =
        classified_requests().into_iter().filter(|(_, _, case, _)| object_rule(case.rule)).collect();
    for (path, input) in OBJECT_INPUTS {
        requests.push(("POST".into(), path.to_string(), case(LEADS, input, team), true));
    }
    let before = content_digest(&pool).await;
    let mut failures = Vec::new();
    let mut refusals = 0;
    for credentials in [Credentials::Bearer, Credentials::Cookie] {
        for (who, foreign) in [(Who::Lead, &lead_foreign), (Who::Member, &member_foreign)] {
            for (method, path, case, server_fn) in &requests {
                // Only where the role alone would let them in: the object decides.
                if !case.rule.0.contains(&who) {
                    continue;
                }
                let (own_uri, own_body) = fill(&fixture, method, path, case);
                let mut variants: Vec<(String, Fixture)> = KINDS
                    .iter()
                    .filter_map(|kind| foreign.get(*kind).map(|id| (format!("{kind:?}"), fixture.with(*kind, id))))
                    .collect();
                // A programme with its own event and item, all another lead's.
                if let (Some(p), Some(e), Some(i)) =
                    (foreign.get(Kind::Programme), foreign.get(Kind::Event), foreign.get(Kind::Item))
                {
                    variants.push((
                        "Programme+Event+Item".into(),
                        fixture.with(Kind::Programme, p).with(Kind::Event, e).with(Kind::Item, i),
                    ));
                }
                for (name, variant) in variants {
                    let (uri, body) = fill(&variant, method, path, case);
                    if (uri.as_str(), body.as_str()) == (own_uri.as_str(), own_body.as_str()) {
                        continue;
                    }
                    let answer = call(&router, method, &uri, &body, *server_fn, &fixture, who, credentials).await;
                    refusals += 1;
                    let refused = matches!(answer.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND);
                    if !refused {
                        failures.push(format!(
                            "{method} {uri} {body} as {who:?} ({credentials:?}, another {name}): {} {}",
                            answer.status,
                            answer.body.chars().take(200).collect::<String>()
                        ));
                    }
                }
            }
        }
    }
    println!("object-level refusals tested: {refusals} (bearer tokens and cookie sessions)");
    assert!(
        failures.is_empty(),
        "{} of {refusals} object-level calls were not refused:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let after = content_digest(&pool).await;
    let changed: Vec<&String> = before.iter().zip(after.iter()).filter(|(b, a)| b != a).map(|(b, _)| &b.0).collect();
    assert!(changed.is_empty() && before.len() == after.len(), "refused calls changed the tables {changed:?}");
    assert!(refusals > 200, "only {refusals} object-level calls were made");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_posts_to_every_server_function_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pool = store::open(&format!("sqlite://{}", dir.path().join("csrf.db").display())).await.unwrap();
    let router = web::router(state(pool).await, None);
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        if method != Method::POST {
            continue;
        }
        let request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .header(header::COOKIE, "skillmix=stolen")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("name=x"))
            .unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "cross-site POST {path} was not refused");
    }
}
