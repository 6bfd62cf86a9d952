//! Training-needs analysis and development plans in the store: a team's skill weights, each
//! person's plan actions with the history of their status, and what the suggestions for a need
//! are drawn from (holders of a skill across the organisation, the activities of role profiles,
//! workshop programmes targeting a skill).
//!
//! Every write is one `BEGIN IMMEDIATE` transaction that validates first and changes nothing
//! when the input is refused; status changes are checked against the status read inside that
//! transaction, so two people changing the same action cannot skip a step of the lifecycle.

use super::assessments::AssessmentRow;
use super::{begin_write, now_utc, Pool, StoreError, StoreResult};
use crate::assessment::Assessment;
use crate::development::{parse_due, parse_weight, PlanAction, PlanStatus, ACTION_TEXT_MAX};
use crate::framework::Activity;
use crate::scale::Level;
use crate::validation::{required_text, FieldErrors};
use crate::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The form field of a skill's weight: `weight_<skill id>`.
pub fn weight_field(skill_id: Id) -> String {
    format!("weight_{skill_id}")
}

/// The importance weights a team's lead set, by skill id.
pub async fn skill_weights(pool: &Pool, team_id: Id) -> StoreResult<BTreeMap<Id, f64>> {
    let rows: Vec<(Id, f64)> = sqlx::query_as("SELECT skill_id, weight FROM skill_weights WHERE team_id = ?")
        .bind(team_id)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Sets the weights of the listed skills as typed into the form: a number from 0 to 100, or
/// blank for the default (the row is removed). Skills not listed keep their weight. All or
/// nothing: one bad value (named by its field) changes nothing.
pub async fn set_skill_weights(pool: &Pool, team_id: Id, weights: &[(Id, String)]) -> StoreResult<usize> {
    let version_id: Id = sqlx::query_scalar("SELECT framework_version_id FROM teams WHERE id = ?")
        .bind(team_id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("Team"))?;
    let known: BTreeMap<Id, String> =
        sqlx::query_as::<_, (Id, String)>("SELECT id, name FROM skills WHERE version_id = ?")
            .bind(version_id)
            .fetch_all(pool)
            .await?
            .into_iter()
            .collect();
    let mut errors = FieldErrors::new();
    let mut parsed = Vec::with_capacity(weights.len());
    for (skill_id, text) in weights {
        let Some(name) = known.get(skill_id) else {
            errors.add(weight_field(*skill_id), "This skill is not in the team's framework");
            continue;
        };
        match parse_weight(text) {
            Ok(weight) => parsed.push((*skill_id, weight)),
            Err(message) => errors.add(weight_field(*skill_id), format!("{name}: {}", lower_first(&message))),
        }
    }
    if !errors.is_empty() {
        return Err(StoreError::Invalid(errors));
    }
    let mut tx = begin_write(pool).await?;
    let now = now_utc();
    for (skill_id, weight) in &parsed {
        match weight {
            Some(weight) => {
                sqlx::query(
                    "INSERT INTO skill_weights (team_id, skill_id, weight, updated_at) VALUES (?, ?, ?, ?)
                     ON CONFLICT (team_id, skill_id) DO UPDATE SET weight = excluded.weight, updated_at = excluded.updated_at",
                )
                .bind(team_id)
                .bind(skill_id)
                .bind(weight)
                .bind(&now)
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM skill_weights WHERE team_id = ? AND skill_id = ?")
                    .bind(team_id)
                    .bind(skill_id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(parsed.iter().filter(|(_, w)| w.is_some()).count())
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What the "add an action" form submits, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAction {
    pub person_id: Id,
    pub skill_id: Option<Id>,
    pub target_level: Option<Level>,
    pub text: String,
    pub owner_person_id: Option<Id>,
    /// As typed: YYYY-MM-DD.
    pub due_on: String,
}

const ACTION_COLUMNS: &str =
    "a.id, a.person_id, a.skill_id, a.target_level, a.text, a.owner_person_id, a.due_on, a.status, a.created_at, a.updated_at";

/// A row of [`ACTION_COLUMNS`].
#[derive(sqlx::FromRow)]
struct ActionRow {
    id: Id,
    person_id: Id,
    skill_id: Option<Id>,
    target_level: Option<i64>,
    text: String,
    owner_person_id: Option<Id>,
    due_on: String,
    status: PlanStatus,
    created_at: String,
    updated_at: String,
}

impl From<ActionRow> for PlanAction {
    fn from(row: ActionRow) -> PlanAction {
        PlanAction {
            id: row.id,
            person_id: row.person_id,
            skill_id: row.skill_id,
            target_level: row.target_level.map(|l| l as Level),
            text: row.text,
            owner_person_id: row.owner_person_id,
            due_on: row.due_on.parse().unwrap_or_default(),
            status: row.status,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

async fn exists(pool: &Pool, table: &'static str, id: Id) -> StoreResult<bool> {
    let found: Option<Id> =
        sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE id = ?")).bind(id).fetch_optional(pool).await?;
    Ok(found.is_some())
}

/// Adds an action to a person's plan, planned, with its first history entry. Field errors name
/// `text`, `due_on`, `owner_person_id`, `skill_id` or `target_level`; nothing is stored then.
pub async fn add_action(pool: &Pool, new: &NewAction, by_user_id: Option<Id>, today: NaiveDate) -> StoreResult<Id> {
    if !exists(pool, "people", new.person_id).await? {
        return Err(StoreError::NotFound("Person"));
    }
    let mut errors = FieldErrors::new();
    let text = required_text(&mut errors, "text", "what the action is", &new.text, ACTION_TEXT_MAX);
    let due = parse_due(&new.due_on, today).map_err(|m| errors.add("due_on", m)).ok();
    if let Some(owner) = new.owner_person_id {
        if !exists(pool, "people", owner).await? {
            errors.add("owner_person_id", "Select an owner from the list");
        }
    }
    if let Some(skill) = new.skill_id {
        if !exists(pool, "skills", skill).await? {
            errors.add("skill_id", "Select a skill from the list");
        }
    }
    if new.target_level.is_some_and(|l| !(1..=7).contains(&l)) {
        errors.add("target_level", "The level must be from 1 to 7");
    }
    let (Some(due), true) = (due, errors.is_empty()) else {
        return Err(StoreError::Invalid(errors));
    };
    let mut tx = begin_write(pool).await?;
    let now = now_utc();
    let id: Id = sqlx::query_scalar(
        "INSERT INTO plan_actions (person_id, skill_id, target_level, text, owner_person_id, due_on, status,
             created_at, updated_at, created_by_user_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(new.person_id)
    .bind(new.skill_id)
    .bind(new.target_level.map(i64::from))
    .bind(&text)
    .bind(new.owner_person_id)
    .bind(due.to_string())
    .bind(PlanStatus::Planned.code())
    .bind(&now)
    .bind(&now)
    .bind(by_user_id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO plan_action_events (action_id, from_status, to_status, at, by_user_id) VALUES (?, NULL, ?, ?, ?)",
    )
    .bind(id)
    .bind(PlanStatus::Planned.code())
    .bind(&now)
    .bind(by_user_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn get_action(pool: &Pool, id: Id) -> StoreResult<PlanAction> {
    let row: ActionRow = sqlx::query_as(&format!("SELECT {ACTION_COLUMNS} FROM plan_actions a WHERE a.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("Plan action"))?;
    Ok(row.into())
}

/// Moves an action to a new status if the lifecycle allows it (see
/// [`PlanStatus::check_move`]), recording who did it and when. The error names `field`.
pub async fn change_status(
    pool: &Pool,
    id: Id,
    to: PlanStatus,
    by_user_id: Option<Id>,
    field: &str,
) -> StoreResult<PlanAction> {
    let mut tx = begin_write(pool).await?;
    let from: PlanStatus = sqlx::query_scalar("SELECT status FROM plan_actions WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound("Plan action"))?;
    from.check_move(to).map_err(|message| StoreError::invalid(field, message))?;
    let now = now_utc();
    sqlx::query("UPDATE plan_actions SET status = ?, updated_at = ? WHERE id = ?")
        .bind(to.code())
        .bind(&now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO plan_action_events (action_id, from_status, to_status, at, by_user_id) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(from.code())
    .bind(to.code())
    .bind(&now)
    .bind(by_user_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    get_action(pool, id).await
}

/// A person's plan: open actions first, soonest due first; then done and dropped ones, most
/// recently changed first.
pub async fn actions_of_person(pool: &Pool, person_id: Id) -> StoreResult<Vec<PlanAction>> {
    actions_of_people(pool, &[person_id]).await
}

/// The plans of several people (a team), in the order of [`actions_of_person`] per person.
pub async fn actions_of_people(pool: &Pool, person_ids: &[Id]) -> StoreResult<Vec<PlanAction>> {
    if person_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<ActionRow> = sqlx::query_as(&format!(
        "SELECT {ACTION_COLUMNS} FROM plan_actions a
         WHERE a.person_id IN (SELECT value FROM json_each(?))
         ORDER BY a.person_id,
             CASE WHEN a.status IN ('planned', 'in-progress') THEN 0 ELSE 1 END,
             CASE WHEN a.status IN ('planned', 'in-progress') THEN a.due_on END,
             a.updated_at DESC, a.id"
    ))
    .bind(serde_json::to_string(person_ids).expect("ids serialise"))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(PlanAction::from).collect())
}

/// One change in an action's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ActionEvent {
    pub action_id: Id,
    /// `None` when the action was added.
    #[sqlx(rename = "from_status")]
    pub from: Option<PlanStatus>,
    #[sqlx(rename = "to_status")]
    pub to: PlanStatus,
    /// RFC 3339 UTC.
    pub at: String,
    /// The name of the person the user is, else the user's email; `None` when unknown.
    #[sqlx(rename = "by_name")]
    pub by: Option<String>,
}

/// The history of every action in a person's plan, oldest first.
pub async fn events_of_person(pool: &Pool, person_id: Id) -> StoreResult<Vec<ActionEvent>> {
    Ok(sqlx::query_as(
        "SELECT e.action_id, e.from_status, e.to_status, e.at, COALESCE(p.name, u.email) AS by_name
         FROM plan_action_events e JOIN plan_actions a ON a.id = e.action_id
         LEFT JOIN users u ON u.id = e.by_user_id LEFT JOIN people p ON p.id = u.person_id
         WHERE a.person_id = ? ORDER BY e.id",
    )
    .bind(person_id)
    .fetch_all(pool)
    .await?)
}

/// Every assessment, by anyone in the organisation, of the given skills of `version_id`
/// (assessments made against another version of the same family count for the skill with the
/// same code): where mentors for a need are found.
pub async fn holder_assessments(pool: &Pool, version_id: Id, skill_ids: &[Id]) -> StoreResult<Vec<Assessment>> {
    if skill_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<AssessmentRow> = sqlx::query_as(
        "SELECT a.id, a.person_id, target.id AS skill_id, a.level, a.source, a.assessed_on, a.assessor_id, a.evidence
         FROM assessments a
         JOIN skills made ON made.id = a.skill_id
         JOIN framework_versions mv ON mv.id = made.version_id
         JOIN skills target ON target.code = made.code AND target.version_id = ?
         JOIN framework_versions tv ON tv.id = target.version_id AND tv.family = mv.family
         WHERE target.id IN (SELECT value FROM json_each(?))",
    )
    .bind(version_id)
    .bind(serde_json::to_string(skill_ids).expect("ids serialise"))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Assessment::from).collect())
}

/// The activities (training, PDAs, qualifications) of every level of the roles the given role
/// levels belong to: a need measured against one level can draw on the whole career ladder.
pub async fn role_activities(pool: &Pool, role_level_ids: &[Id]) -> StoreResult<Vec<Activity>> {
    if role_level_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(sqlx::query_as(
        "SELECT a.id, a.role_level_id, a.kind, a.title, a.details, a.awarding_body
         FROM activities a JOIN role_levels rl ON rl.id = a.role_level_id
         WHERE rl.role_id IN (SELECT role_id FROM role_levels WHERE id IN (SELECT value FROM json_each(?)))
         ORDER BY rl.role_id, rl.rank,
             CASE a.kind WHEN 'training' THEN 0 WHEN 'pda' THEN 1 ELSE 2 END, a.position",
    )
    .bind(serde_json::to_string(role_level_ids).expect("ids serialise"))
    .fetch_all(pool)
    .await?)
}

/// A workshop programme that targets a skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeRef {
    pub id: Id,
    pub title: String,
    /// The targeted skill, as a skill of the version asked about.
    pub skill_id: Id,
}

/// Workshop programmes (the workshop planner's `workshop_programme_skills`) that target any of
/// the given skills of `version_id`, or the same skills in another version of the family.
pub async fn programmes_for_skills(pool: &Pool, version_id: Id, skill_ids: &[Id]) -> StoreResult<Vec<ProgrammeRef>> {
    if skill_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(Id, String, Id)> = sqlx::query_as(
        "SELECT DISTINCT p.id, p.title, target.id
         FROM workshop_programme_skills ps
         JOIN workshop_programmes p ON p.id = ps.programme_id
         JOIN skills made ON made.id = ps.skill_id
         JOIN framework_versions mv ON mv.id = made.version_id
         JOIN skills target ON target.code = made.code AND target.version_id = ?
         JOIN framework_versions tv ON tv.id = target.version_id AND tv.family = mv.family
         WHERE target.id IN (SELECT value FROM json_each(?))
         ORDER BY p.title, p.id",
    )
    .bind(version_id)
    .bind(serde_json::to_string(skill_ids).expect("ids serialise"))
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(id, title, skill_id)| ProgrammeRef { id, title, skill_id }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::doc::{
        ActivityDoc, DescriptorDoc, RequirementDoc, RoleDoc, RoleFamilyDoc, RoleLevelDoc, SkillDoc,
    };
    use crate::framework::{ActivityKind, FrameworkDoc, SkillKind};
    use crate::store::people::{create_person, create_team, delete_person, PersonForm, TeamForm};
    use crate::store::test_support::temp_pool;
    use crate::store::{assessments, framework};

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const TODAY: &str = "2026-06-30";

    fn skill(code: &str, name: &str, kind: SkillKind) -> SkillDoc {
        SkillDoc {
            code: code.into(),
            name: name.into(),
            kind,
            scale: kind.default_scale(),
            description: String::new(),
            category: None,
            subcategory: None,
            defined_levels: vec![],
            descriptors: vec![DescriptorDoc { level: 3, description: "Designs systems".into() }],
        }
    }

    fn level(name: &str, reqs: &[(&str, u8)], activities: &[(ActivityKind, &str)]) -> RoleLevelDoc {
        RoleLevelDoc {
            name: name.into(),
            description: String::new(),
            role_type: None,
            requirements: reqs
                .iter()
                .map(|(code, l)| RequirementDoc {
                    skill_code: code.to_string(),
                    level: Some(*l),
                    description: String::new(),
                })
                .collect(),
            activities: activities
                .iter()
                .map(|(kind, title)| ActivityDoc {
                    kind: *kind,
                    title: title.to_string(),
                    details: String::new(),
                    awarding_body: None,
                })
                .collect(),
        }
    }

    fn doc(name: &str) -> FrameworkDoc {
        FrameworkDoc {
            family: "test".into(),
            name: name.into(),
            source: "test".into(),
            skills: vec![
                skill("systems-design", "Systems design", SkillKind::Ddat),
                skill("coaching-techniques", "Coaching Techniques", SkillKind::Technical),
            ],
            role_families: vec![RoleFamilyDoc {
                name: "Engineering".into(),
                roles: vec![RoleDoc {
                    name: "DevOps engineer".into(),
                    description: String::new(),
                    levels: vec![
                        level("Engineer", &[("systems-design", 2)], &[]),
                        level(
                            "Lead",
                            &[("systems-design", 3), ("coaching-techniques", 2)],
                            &[(ActivityKind::Training, "Coaching"), (ActivityKind::Pda, "Deputising")],
                        ),
                    ],
                }],
            }],
        }
    }

    struct World {
        version: Id,
        team: Id,
        ada: Id,
        bo: Id,
        systems: Id,
        coaching: Id,
        engineer: Id,
    }

    async fn world(pool: &Pool) -> World {
        let version = framework::insert_version(pool, &doc("Test v1")).await.unwrap();
        let skills = framework::skills_of_version(pool, version).await.unwrap();
        let id_of = |code: &str| skills.iter().find(|s| s.code == code).unwrap().id;
        let engineer = framework::find_role_level(pool, version, "DevOps engineer", "Engineer").await.unwrap().unwrap();
        let team = create_team(
            pool,
            &TeamForm { name: "Platform".into(), framework_version_id: Some(version), ..Default::default() },
        )
        .await
        .unwrap();
        let person = |name: &str| PersonForm { name: name.into(), role_level_id: Some(engineer), ..Default::default() };
        let ada = create_person(pool, &person("Ada Okafor"), Some(team)).await.unwrap();
        let bo = create_person(pool, &person("Bo Lind"), Some(team)).await.unwrap();
        World {
            version,
            team,
            ada,
            bo,
            systems: id_of("systems-design"),
            coaching: id_of("coaching-techniques"),
            engineer,
        }
    }

    fn new_action(w: &World) -> NewAction {
        NewAction {
            person_id: w.bo,
            skill_id: Some(w.systems),
            target_level: Some(3),
            text: "Pair with Ada Okafor on Systems design".into(),
            owner_person_id: Some(w.ada),
            due_on: "2026-09-30".into(),
        }
    }

    fn field_errors(result: StoreResult<impl std::fmt::Debug>) -> FieldErrors {
        match result {
            Err(StoreError::Invalid(errors)) => errors,
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn plan_lifecycle_planned_in_progress_done_with_history() {
        let (pool, _dir) = temp_pool().await;
        let w = world(&pool).await;
        let today = date(TODAY);
        let id = add_action(&pool, &new_action(&w), None, today).await.unwrap();
        let added = get_action(&pool, id).await.unwrap();
        assert_eq!(added.status, PlanStatus::Planned);
        assert_eq!(added.due_on, date("2026-09-30"));
        assert_eq!(
            (added.skill_id, added.target_level, added.owner_person_id),
            (Some(w.systems), Some(3), Some(w.ada))
        );

        // Planned cannot jump to done: the step is named, nothing changes.
        let errors = field_errors(change_status(&pool, id, PlanStatus::Done, None, "status").await);
        assert_eq!(errors.for_field("status"), Some("Start the action (in progress) before marking it done"));
        assert_eq!(get_action(&pool, id).await.unwrap().status, PlanStatus::Planned);

        assert_eq!(
            change_status(&pool, id, PlanStatus::InProgress, None, "status").await.unwrap().status,
            PlanStatus::InProgress
        );
        assert_eq!(change_status(&pool, id, PlanStatus::Done, None, "status").await.unwrap().status, PlanStatus::Done);
        // Done is final.
        let errors = field_errors(change_status(&pool, id, PlanStatus::Dropped, None, "status_1").await);
        assert!(errors.for_field("status_1").unwrap().starts_with("The action is done"));

        let history: Vec<(Option<PlanStatus>, PlanStatus)> =
            events_of_person(&pool, w.bo).await.unwrap().iter().map(|e| (e.from, e.to)).collect();
        assert_eq!(
            history,
            vec![
                (None, PlanStatus::Planned),
                (Some(PlanStatus::Planned), PlanStatus::InProgress),
                (Some(PlanStatus::InProgress), PlanStatus::Done)
            ]
        );
        assert!(matches!(
            change_status(&pool, 999, PlanStatus::Done, None, "status").await,
            Err(StoreError::NotFound(_))
        ));
    }

    #[tokio::test]
    async fn dropped_actions_can_be_planned_again() {
        let (pool, _dir) = temp_pool().await;
        let w = world(&pool).await;
        let id = add_action(&pool, &new_action(&w), None, date(TODAY)).await.unwrap();
        change_status(&pool, id, PlanStatus::Dropped, None, "status").await.unwrap();
        let errors = field_errors(change_status(&pool, id, PlanStatus::InProgress, None, "status").await);
        assert_eq!(errors.for_field("status"), Some("A dropped action can only be planned again"));
        assert_eq!(
            change_status(&pool, id, PlanStatus::Planned, None, "status").await.unwrap().status,
            PlanStatus::Planned
        );
    }

    #[tokio::test]
    async fn bad_actions_are_refused_with_every_field_named() {
        let (pool, _dir) = temp_pool().await;
        let w = world(&pool).await;
        let today = date(TODAY);
        let bad = NewAction {
            text: "   ".into(),
            due_on: "2026-06-29".into(),
            owner_person_id: Some(999),
            skill_id: Some(999),
            target_level: Some(9),
            ..new_action(&w)
        };
        let errors = field_errors(add_action(&pool, &bad, None, today).await);
        assert_eq!(errors.for_field("text"), Some("Enter what the action is"));
        assert_eq!(errors.for_field("due_on"), Some("The due date must be today or in the future"));
        assert_eq!(errors.for_field("owner_person_id"), Some("Select an owner from the list"));
        assert_eq!(errors.for_field("skill_id"), Some("Select a skill from the list"));
        assert_eq!(errors.for_field("target_level"), Some("The level must be from 1 to 7"));
        let errors =
            field_errors(add_action(&pool, &NewAction { due_on: "soon".into(), ..new_action(&w) }, None, today).await);
        assert!(errors.for_field("due_on").unwrap().starts_with("Enter the due date as a real date"));
        assert!(actions_of_person(&pool, w.bo).await.unwrap().is_empty());
        let unknown = NewAction { person_id: 999, ..new_action(&w) };
        assert!(matches!(add_action(&pool, &unknown, None, today).await, Err(StoreError::NotFound("Person"))));
        // Due today is allowed.
        add_action(&pool, &NewAction { due_on: TODAY.into(), ..new_action(&w) }, None, today).await.unwrap();
    }

    #[tokio::test]
    async fn plans_list_open_actions_first_and_follow_people() {
        let (pool, _dir) = temp_pool().await;
        let w = world(&pool).await;
        let today = date(TODAY);
        let later =
            add_action(&pool, &NewAction { due_on: "2026-12-01".into(), ..new_action(&w) }, None, today).await.unwrap();
        let done =
            add_action(&pool, &NewAction { due_on: "2026-07-01".into(), ..new_action(&w) }, None, today).await.unwrap();
        let sooner =
            add_action(&pool, &NewAction { due_on: "2026-08-01".into(), ..new_action(&w) }, None, today).await.unwrap();
        change_status(&pool, done, PlanStatus::InProgress, None, "status").await.unwrap();
        change_status(&pool, done, PlanStatus::Done, None, "status").await.unwrap();
        let ids: Vec<Id> = actions_of_person(&pool, w.bo).await.unwrap().iter().map(|a| a.id).collect();
        assert_eq!(ids, vec![sooner, later, done]);
        assert_eq!(actions_of_people(&pool, &[w.ada, w.bo]).await.unwrap().len(), 3);

        // The owner leaving clears the owner; the person leaving removes their plan.
        delete_person(&pool, w.ada).await.unwrap();
        assert_eq!(get_action(&pool, later).await.unwrap().owner_person_id, None);
        delete_person(&pool, w.bo).await.unwrap();
        assert!(matches!(get_action(&pool, later).await, Err(StoreError::NotFound(_))));
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM plan_action_events").fetch_one(&pool).await.unwrap();
        assert_eq!(left, 0);
    }

    #[tokio::test]
    async fn weights_are_set_cleared_and_validated_all_or_nothing() {
        let (pool, _dir) = temp_pool().await;
        let w = world(&pool).await;
        let set =
            set_skill_weights(&pool, w.team, &[(w.systems, "2.5".into()), (w.coaching, "".into())]).await.unwrap();
        assert_eq!(set, 1);
        assert_eq!(skill_weights(&pool, w.team).await.unwrap(), BTreeMap::from([(w.systems, 2.5)]));

        let errors = field_errors(
            set_skill_weights(&pool, w.team, &[(w.systems, "1".into()), (w.coaching, "-3".into()), (999, "1".into())])
                .await,
        );
        assert!(errors
            .for_field(&weight_field(w.coaching))
            .unwrap()
            .starts_with("Coaching Techniques: enter a weight from 0 to 100"));
        assert_eq!(errors.for_field("weight_999"), Some("This skill is not in the team's framework"));
        assert_eq!(skill_weights(&pool, w.team).await.unwrap(), BTreeMap::from([(w.systems, 2.5)]));

        set_skill_weights(&pool, w.team, &[(w.systems, " ".into())]).await.unwrap();
        assert!(skill_weights(&pool, w.team).await.unwrap().is_empty());
        assert!(matches!(set_skill_weights(&pool, 999, &[]).await, Err(StoreError::NotFound("Team"))));
    }

    #[tokio::test]
    async fn suggestions_draw_on_holders_ladders_and_programmes_across_versions() {
        let (pool, _dir) = temp_pool().await;
        let w = world(&pool).await;
        let today = date(TODAY);
        let batch = assessments::Batch {
            person_id: w.ada,
            source: crate::assessment::Source::Lead,
            assessed_on: today,
            assessor_id: None,
            evidence: String::new(),
            entries: vec![assessments::Entry { skill_id: w.systems, level: 4 }],
        };
        assessments::record(&pool, &batch, today).await.unwrap();
        // A newer version of the same family: Ada's assessment counts for its Systems design too.
        let v2 = framework::insert_version(&pool, &doc("Test v2")).await.unwrap();
        let v2_systems = framework::skills_of_version(&pool, v2)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.code == "systems-design")
            .unwrap()
            .id;
        let held = holder_assessments(&pool, v2, &[v2_systems]).await.unwrap();
        assert_eq!(
            held.iter().map(|a| (a.person_id, a.skill_id, a.level)).collect::<Vec<_>>(),
            vec![(w.ada, v2_systems, 4)]
        );
        assert!(holder_assessments(&pool, w.version, &[w.coaching]).await.unwrap().is_empty());

        // The Engineer level has no activities of its own; its role's Lead level has two.
        let titles: Vec<String> =
            role_activities(&pool, &[w.engineer]).await.unwrap().into_iter().map(|a| a.title).collect();
        assert_eq!(titles, vec!["Coaching", "Deputising"]);

        sqlx::query(
            "INSERT INTO workshop_programmes (id, title, created_at, updated_at) VALUES (7, 'Design week', 'x', 'x')",
        )
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query("INSERT INTO workshop_programme_skills (programme_id, skill_id, position) VALUES (7, ?, 0)")
            .bind(w.systems)
            .execute(&pool)
            .await
            .unwrap();
        let found = programmes_for_skills(&pool, v2, &[v2_systems]).await.unwrap();
        assert_eq!(found, vec![ProgrammeRef { id: 7, title: "Design week".into(), skill_id: v2_systems }]);
        assert!(programmes_for_skills(&pool, w.version, &[w.coaching]).await.unwrap().is_empty());
    }
}
