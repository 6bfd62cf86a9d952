//! Training-needs analysis and development plans.
//!
//! - [`training_needs`]: a team's analysis (prioritised needs with their factors and suggested
//!   development, needs grouped by skill and level, who is due for review, plan progress per
//!   person, the skill weights), for the page, the printable page and the exports;
//! - [`development_plan`]: a person's plan (gaps against their current and target role levels
//!   with level descriptors, suggested development per need, their actions);
//! - [`PlanSummaryData`]: the plan in a few lines, loaded with the person page;
//! - forms: [`add_plan_action`], [`change_plan_status`], [`save_skill_weights`].
//!
//! Who may do what (checked here, through `crate::ssr::require`): reading the analysis is Read on
//! the team; setting weights is Update on the team; reading a plan is Read on the person (the
//! person, their leads, administrators); changing an action's status is Update on the person
//! (the person themselves included); adding an action is Update on the person by anyone but a
//! team member: leads and administrators add actions, members move their own along.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use skillmix::analysis::training::{Need, NeedBasis};
use skillmix::analysis::GapBand;
use skillmix::development::{PlanAction, PlanProgress, PlanStatus, Suggestion};
use skillmix::framework::browse::RoleLevelRef;
use skillmix::framework::{Activity, SkillKind};
use skillmix::people::{Person, Team};
use skillmix::scale::{Level, Scale};
use skillmix::Id;

/// The analysis settings, as they travel in the page address
/// (`?source=lead&target=yes&sort=person`), and the notices shown after a form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TnaQuery {
    /// Which assessments count: latest (default), lead, self or peer.
    pub source: String,
    /// "yes": also measure people against their target role level (career paths).
    pub target: String,
    /// How the needs table is sorted: priority (default), person, skill or gap.
    pub sort: String,
    /// An action was just added (its id): show the confirmation.
    pub added: Option<Id>,
    /// "yes": the weights were just saved.
    pub saved: String,
}

impl TnaQuery {
    pub fn from_params(params: &leptos_router::params::ParamsMap) -> TnaQuery {
        let text = |key: &str| params.get(key).unwrap_or_default();
        TnaQuery {
            source: text("source"),
            target: text("target"),
            sort: text("sort"),
            added: params.get("added").and_then(|v| v.parse().ok()),
            saved: text("saved"),
        }
    }

    pub fn include_target(&self) -> bool {
        self.target == "yes"
    }

    /// The settings as a query string, without the notices.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        for (key, value) in [("source", &self.source), ("target", &self.target), ("sort", &self.sort)] {
            if !value.is_empty() {
                parts.push(format!("{key}={}", crate::components::page::urlencode(value)));
            }
        }
        parts.join("&")
    }
}

/// How the needs table can be sorted: (code, label).
pub const SORTS: [(&str, &str); 4] =
    [("priority", "Priority, highest first"), ("person", "Person"), ("skill", "Skill"), ("gap", "Gap, largest first")];

/// One need on the team analysis, with names and what could close it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedRow {
    /// 1 for the highest priority, whatever the table's sort.
    pub rank: usize,
    pub need: Need,
    pub person_name: String,
    pub skill_name: String,
    pub skill_kind: SkillKind,
    pub scale: Scale,
    /// "Current role: DevOps engineer", "Target role: Lead DevOps engineer".
    pub basis: String,
    /// Open actions already in the person's plan for this skill.
    pub in_plan: Vec<PlanAction>,
    pub suggestions: Vec<Suggestion>,
    /// The action text the "Add to plan" form starts with.
    pub default_text: String,
}

impl NeedRow {
    /// The id of the need's "Add to plan" form, and the prefix of its fields' ids.
    pub fn form_key(&self) -> String {
        format!("need-{}-{}", self.need.person_id, self.need.skill_id)
    }
}

/// Needs sharing a skill and a required level: what one workshop can serve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub skill_id: Id,
    pub skill_name: String,
    pub scale: Scale,
    pub required: Level,
    /// Highest priority first.
    pub people: Vec<(Id, String)>,
    pub not_assessed: u32,
    pub total_priority: f64,
    /// Workshop programmes that already target the skill.
    pub programmes: Vec<(Id, String)>,
}

/// Someone whose evidence is due for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRow {
    pub person_id: Id,
    pub name: String,
    pub stale_skills: Vec<String>,
    pub unassessed_skills: Vec<String>,
    pub oldest: Option<chrono::NaiveDate>,
}

/// One member's development plan in figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressRow {
    pub person_id: Id,
    pub name: String,
    pub progress: PlanProgress,
    /// The open action due soonest: text and date.
    pub next_due: Option<(String, chrono::NaiveDate)>,
}

/// A skill's importance weight on the weights form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightRow {
    pub skill_id: Id,
    pub name: String,
    /// How many of the team's role levels require it (the weight used when none is set).
    pub default: u32,
    pub weight: Option<f64>,
}

/// The action just added from the analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedNotice {
    pub person_id: Id,
    pub person_name: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingNeedsData {
    pub team: Team,
    pub formula: String,
    pub needs: Vec<NeedRow>,
    pub groups: Vec<GroupRow>,
    pub due_for_review: Vec<ReviewRow>,
    pub progress: Vec<ProgressRow>,
    pub weights: Vec<WeightRow>,
    /// Who may own an action: the team's members.
    pub owners: Vec<(Id, String)>,
    pub today: chrono::NaiveDate,
    pub default_due: chrono::NaiveDate,
    pub may_set_weights: bool,
    pub may_add: bool,
    pub may_export: bool,
    pub added: Option<AddedNotice>,
}

#[server(endpoint = "training/needs", input = leptos::server_fn::codec::GetUrl)]
pub async fn training_needs(team_id: Id, query: TnaQuery) -> Result<TrainingNeedsData, AppError> {
    use skillmix::access::{Action, Resource};

    let caller = crate::ssr::require(Action::Read, Resource::Team { id: team_id }).await?;
    let pool = crate::ssr::pool();
    let analysis = ssr::analyse(&pool, team_id, &query, crate::ssr::today()).await?;
    let team_resource = Resource::Team { id: team_id };
    let may_add = caller.may(Action::Update, &team_resource) && !ssr::is_member(&caller);
    let added = match query.added {
        Some(id) => ssr::added_notice(&pool, id, &analysis.data.people).await?,
        None => None,
    };
    Ok(ssr::page_data(
        analysis,
        &query,
        ssr::Permissions {
            may_set_weights: caller.may(Action::Update, &team_resource),
            may_add,
            may_export: caller.may(Action::Export, &team_resource),
        },
        added,
    ))
}

#[server(endpoint = "training/weights")]
pub async fn save_skill_weights(
    team_id: Id,
    weights: Option<std::collections::HashMap<String, String>>,
    return_to: Option<String>,
) -> Result<usize, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::development::{set_skill_weights, weight_field};

    let caller = crate::ssr::require(Action::Update, Resource::Team { id: team_id }).await?;
    let mut list = Vec::new();
    for (key, value) in weights.unwrap_or_default() {
        match key.trim().parse::<Id>() {
            Ok(skill_id) => list.push((skill_id, value)),
            Err(_) => return Err(AppError::field(&weight_field(0), format!("\"{key}\" is not a skill"))),
        }
    }
    list.sort_by_key(|(id, _)| *id);
    // Typed values come back with an error, so the form shows them again.
    let kept: Vec<(String, String)> = list.iter().map(|(id, v)| (weight_field(*id), v.clone())).collect();
    let set = set_skill_weights(&crate::ssr::pool(), team_id, &list).await.map_err(|e| {
        AppError::from(e).keeping(&kept.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>())
    })?;
    crate::ssr::audit_ok(&caller, "team.weights", Some(format!("team:{team_id}"))).await;
    let back = ssr::local_or(return_to, &format!("/teams/{team_id}/training-needs"));
    crate::ssr::redirect(&ssr::with_param(&back, "saved", "yes", Some("weights")));
    Ok(set)
}

/// A skill gap on a person's plan page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapRow {
    pub skill_id: Id,
    pub skill_name: String,
    pub kind: SkillKind,
    pub scale: Scale,
    pub current: Option<Level>,
    pub assessed_on: Option<chrono::NaiveDate>,
    pub stale: bool,
    pub required: Option<Level>,
    pub band: GapBand,
}

/// One need of the person: a skill below (or never assessed against) what their current or
/// target role level requires, with what the levels mean and what could close it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedCard {
    pub skill_id: Id,
    pub skill_name: String,
    pub scale: Scale,
    pub basis: NeedBasis,
    /// The role level the need is measured against ("Lead DevOps engineer").
    pub role_level: String,
    pub current: Option<Level>,
    pub assessed_on: Option<chrono::NaiveDate>,
    pub stale: bool,
    pub required: Level,
    pub band: GapBand,
    /// What the required level asks, in the role profile's or the framework's words.
    pub required_descriptor: Option<String>,
    /// The next step up from the current level when that is short of the required level.
    pub next_level: Option<(Level, Option<String>)>,
    pub suggestions: Vec<Suggestion>,
    pub default_text: String,
    pub in_plan: Vec<PlanAction>,
}

impl NeedCard {
    pub fn form_key(&self) -> String {
        format!("need-{}", self.skill_id)
    }
}

/// One change in an action's history, for the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub from: Option<PlanStatus>,
    pub to: PlanStatus,
    /// "2026-06-30 14:05 UTC".
    pub at: String,
    pub by: Option<String>,
}

/// An action of the plan with names and what can happen to it next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRow {
    pub action: PlanAction,
    pub skill_name: Option<String>,
    /// The level it works towards on the skill's scale ("3 Practitioner").
    pub target_label: Option<String>,
    pub owner_name: Option<String>,
    /// "Overdue by 12 days" when open and past its due date.
    pub overdue: Option<String>,
    /// Statuses it may move to.
    pub next: Vec<PlanStatus>,
    pub history: Vec<HistoryRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DevelopmentPlanData {
    pub person: Person,
    pub role_level: Option<RoleLevelRef>,
    pub target_role_level: Option<RoleLevelRef>,
    /// The levels of the person's role, most junior first (career path).
    pub ladder: Vec<RoleLevelRef>,
    pub teams: Vec<(Id, String)>,
    pub cadence: u32,
    pub actions: Vec<ActionRow>,
    pub progress: PlanProgress,
    pub current_gaps: Vec<GapRow>,
    pub target_gaps: Vec<GapRow>,
    pub needs: Vec<NeedCard>,
    /// Training activities, PDAs and qualifications of the current and target role levels.
    pub activities: Vec<(String, Vec<Activity>)>,
    pub owners: Vec<(Id, String)>,
    pub skills: Vec<(Id, String)>,
    pub today: chrono::NaiveDate,
    pub default_due: chrono::NaiveDate,
    pub may_add: bool,
    pub may_change: bool,
    pub may_edit_person: bool,
}

#[server(endpoint = "training/plan", input = leptos::server_fn::codec::GetUrl)]
pub async fn development_plan(person_id: Id) -> Result<DevelopmentPlanData, AppError> {
    use skillmix::access::Action;

    let resource = crate::ssr::person_resource(person_id).await?;
    let caller = crate::ssr::require(Action::Read, resource.clone()).await?;
    let may_change = caller.may(Action::Update, &resource);
    let permissions = ssr::PlanPermissions {
        may_add: may_change && !ssr::is_member(&caller),
        may_change,
        may_edit_person: may_change,
    };
    ssr::plan_data(&crate::ssr::pool(), person_id, permissions, crate::ssr::today()).await
}

/// The plan in a few lines, for the person page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSummaryData {
    pub person_id: Id,
    pub progress: PlanProgress,
    /// Open actions, soonest due first: text, due date, status, overdue words.
    pub open: Vec<(String, chrono::NaiveDate, PlanStatus, Option<String>)>,
    /// Needs against the target role level, when there is one: (role level name, count).
    pub career: Option<(String, usize)>,
}

/// Adds an action to a person's plan. `form` names the form it came from (a page may hold
/// many); field errors are reported as `<form>-<field>` so the page can show them beside the
/// right input. `skill` is the skill it develops, as `<skill id>` or `<skill id>:<level>` with
/// the level it works towards; empty for none.
#[server(endpoint = "training/plan/add")]
pub async fn add_plan_action(
    person_id: Id,
    form: String,
    text: String,
    skill: Option<String>,
    owner_person_id: Option<String>,
    due_on: String,
    return_to: Option<String>,
) -> Result<Id, AppError> {
    use skillmix::access::Action;
    use skillmix::store::development::{add_action, NewAction};

    let resource = crate::ssr::person_resource(person_id).await?;
    let caller = crate::ssr::require(Action::Update, resource).await?;
    if ssr::is_member(&caller) {
        // Members move their own actions along; their lead adds them.
        let target = format!("person:{person_id}");
        let denied = skillmix::store::audit::Outcome::Denied;
        if let Err(e) = skillmix::store::audit::record(
            &crate::ssr::pool(),
            &caller.actor(),
            "plan.action.add",
            Some(&target),
            denied,
            None,
        )
        .await
        {
            tracing::error!(error = %e, "could not write the audit log");
        }
        return Err(AppError::Forbidden);
    }
    let form = ssr::form_key(&form);
    let prefixed = |field: &str| format!("{form}-{field}");
    // Typed values come back with an error, so the form shows them again.
    let kept = [
        (prefixed("text"), text.clone()),
        (prefixed("skill_id"), skill.clone().unwrap_or_default().split(':').next().unwrap_or_default().to_string()),
        (prefixed("owner_person_id"), owner_person_id.clone().unwrap_or_default()),
        (prefixed("due_on"), due_on.clone()),
    ];
    let keep = |e: AppError| e.keeping(&kept.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>());
    let optional_id = |field: &str, label: &str, value: Option<String>| {
        crate::ssr::parse_optional_id(&prefixed(field), label, value.as_deref().unwrap_or_default())
    };
    let skill = skill.unwrap_or_default();
    let (skill_id, target_level) = skill.split_once(':').unwrap_or((skill.as_str(), ""));
    let new = NewAction {
        person_id,
        skill_id: optional_id("skill_id", "a skill", Some(skill_id.to_string())).map_err(keep)?,
        target_level: match target_level.trim() {
            "" => None,
            level => Some(
                level
                    .parse()
                    .map_err(|_| keep(AppError::field(&prefixed("target_level"), "The level must be from 1 to 7")))?,
            ),
        },
        text,
        owner_person_id: optional_id("owner_person_id", "an owner", owner_person_id).map_err(keep)?,
        due_on,
    };
    let id = match add_action(&crate::ssr::pool(), &new, caller.user.as_ref().map(|u| u.id), crate::ssr::today()).await
    {
        Ok(id) => id,
        Err(error) => {
            let context = ssr::form_context(&form, person_id, new.skill_id).await;
            return Err(keep(ssr::prefix_fields(error.into(), &form, context.as_deref())));
        }
    };
    crate::ssr::audit_ok(&caller, "plan.action.add", Some(format!("person:{person_id}"))).await;
    let back = ssr::local_or(return_to, &format!("/people/{person_id}/plan"));
    crate::ssr::redirect(&ssr::with_param(&back, "added", &id.to_string(), Some("notice")));
    Ok(id)
}

/// Moves an action along its lifecycle. The error names the field `status-<action id>`.
#[server(endpoint = "training/plan/status")]
pub async fn change_plan_status(action_id: Id, status: String, return_to: Option<String>) -> Result<(), AppError> {
    use skillmix::access::Action;
    use skillmix::store::development::{change_status, get_action};

    let field = format!("status-{action_id}");
    // Signed in first; then the same answer (404) for an action that does not exist and for
    // one the caller may not reach, so action ids cannot be probed.
    let caller = crate::ssr::caller().await?;
    if !caller.viewer.is_signed_in() {
        return Err(AppError::SignInRequired);
    }
    let action = match get_action(&crate::ssr::pool(), action_id).await {
        Err(skillmix::store::StoreError::NotFound(_)) => return Err(AppError::NotFound("Plan action".into())),
        other => other?,
    };
    let resource = crate::ssr::person_resource(action.person_id).await?;
    crate::ssr::check_hidden(&caller, Action::Update, &resource, "Plan action").await?;
    let to = PlanStatus::from_code(status.trim()).ok_or_else(|| AppError::field(&field, "Select the new status"))?;
    change_status(&crate::ssr::pool(), action_id, to, caller.user.as_ref().map(|u| u.id), &field).await?;
    crate::ssr::audit_ok(&caller, "plan.action.status", Some(format!("person:{}", action.person_id))).await;
    let back = ssr::local_or(return_to, &format!("/people/{}/plan", action.person_id));
    crate::ssr::redirect(&ssr::with_param(&back, "changed", &action_id.to_string(), Some("notice")));
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::ssr::Caller;
    use skillmix::access::UserRole;
    use skillmix::analysis::training::{person_gaps, team_tna, SkillGap, Tna, TnaOptions};
    use skillmix::analysis::{History, TeamInput};
    use skillmix::assessment::{Assessment, SourceFilter};
    use skillmix::development::{
        default_due, default_importance, fallback_action_text, matching_activities, overdue_text, weighable_skills,
    };
    use skillmix::framework::Skill;
    use skillmix::store::development::{self as store, ProgrammeRef};
    use skillmix::store::team_data::TeamData;
    use skillmix::store::{framework, people, Pool};
    use std::collections::{BTreeMap, HashMap, HashSet};

    /// How many activities, mentors and workshops a need suggests at most, each.
    const MAX_EACH: usize = 3;

    /// A skill's name as the analysis shows it ([`skillmix::framework::skill_display_name`]).
    pub fn display_name(skill: &Skill) -> String {
        skillmix::framework::skill_display_name(skill.kind, &skill.name, &skill.code)
    }

    /// Members move their own actions along; leads and administrators add them.
    pub fn is_member(caller: &Caller) -> bool {
        caller.viewer.is(UserRole::Member)
    }

    /// A form key safe to put in an element id: letters, digits and hyphens, or "add".
    pub fn form_key(form: &str) -> String {
        let form = form.trim();
        if !form.is_empty() && form.len() <= 40 && form.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            form.to_string()
        } else {
            "add".to_string()
        }
    }

    /// Names every field of a validation error after the form it came from, and starts each
    /// message with what the form was about ("Tomasz Nowak, Prototyping: enter what the action
    /// is") when a page holds many such forms.
    pub fn prefix_fields(error: AppError, form: &str, context: Option<&str>) -> AppError {
        match error {
            AppError::Validation(mut fields) => {
                for field in &mut fields.0 {
                    if !field.field.starts_with(&format!("{form}-")) {
                        field.field = format!("{form}-{}", field.field);
                    }
                    if let Some(context) = context {
                        let mut chars = field.message.chars();
                        let rest: String = match chars.next() {
                            Some(first) => first.to_lowercase().chain(chars).collect(),
                            None => String::new(),
                        };
                        field.message = format!("{context}: {rest}");
                    }
                }
                AppError::Validation(fields)
            }
            other => other,
        }
    }

    /// What an "Add to plan" form of a need is about: the skill, and on the team analysis
    /// (`need-<person>-<skill>`) the person too. `None` for the plan page's general form.
    pub async fn form_context(form: &str, person_id: Id, skill_id: Option<Id>) -> Option<String> {
        let rest = form.strip_prefix("need-")?;
        let pool = crate::ssr::pool();
        let skill = match skill_id {
            Some(id) => framework::get_skill(&pool, id).await.ok().map(|s| display_name(&s)),
            None => None,
        }?;
        if rest.contains('-') {
            let person = people::get_person(&pool, person_id).await.ok()?;
            Some(format!("{}, {skill}", person.name))
        } else {
            Some(skill)
        }
    }

    /// `path` when it is a same-site path, else `fallback`.
    pub fn local_or(path: Option<String>, fallback: &str) -> String {
        path.filter(|p| crate::server_fns::session::is_local_path(p)).unwrap_or_else(|| fallback.to_string())
    }

    /// Adds `key=value` to a path's query (replacing an earlier value of `key`), and sets the
    /// fragment.
    pub fn with_param(path: &str, key: &str, value: &str, fragment: Option<&str>) -> String {
        let path = path.split('#').next().unwrap_or_default();
        let (base, query) = path.split_once('?').unwrap_or((path, ""));
        let mut parts: Vec<&str> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .filter(|p| !["added", "changed", "saved"].iter().any(|k| p.starts_with(&format!("{k}="))))
            .collect();
        let pair = format!("{key}={value}");
        parts.push(&pair);
        let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        format!("{base}?{}{fragment}", parts.join("&"))
    }

    pub fn source_filter(code: &str) -> Result<SourceFilter, AppError> {
        crate::server_fns::analysis::ssr::source_filter(code)
    }

    /// Everything the analysis of a team needs, loaded and computed once (the page and the
    /// exports share it).
    pub struct Analysis {
        pub data: TeamData,
        pub options: TnaOptions,
        pub tna: Tna,
        pub today: chrono::NaiveDate,
        pub weights: BTreeMap<Id, f64>,
        pub actions: Vec<PlanAction>,
        pub mentors: Mentors,
        pub activities: Vec<Activity>,
        pub programmes: Vec<ProgrammeRef>,
    }

    impl Analysis {
        pub fn person_name(&self, id: Id) -> String {
            self.data.people.iter().find(|p| p.id == id).map(|p| p.name.clone()).unwrap_or_default()
        }

        pub fn skill(&self, id: Id) -> Option<&Skill> {
            self.data.skills.iter().find(|s| s.id == id)
        }

        pub fn skill_name(&self, id: Id) -> String {
            self.skill(id).map(display_name).unwrap_or_default()
        }

        pub fn input(&self) -> TeamInput<'_> {
            self.data.input(self.today)
        }
    }

    /// Loads a team and runs its training-needs analysis with the query's settings and the
    /// lead's weights.
    pub async fn analyse(
        pool: &Pool,
        team_id: Id,
        query: &TnaQuery,
        today: chrono::NaiveDate,
    ) -> Result<Analysis, AppError> {
        let data = skillmix::store::team_data::load(pool, team_id).await?;
        let weights = store::skill_weights(pool, team_id).await?;
        let options = TnaOptions {
            filter: source_filter(&query.source)?,
            cadence_months: data.team.review_cadence_months,
            importance: weights.clone(),
            include_target: query.include_target(),
        };
        let tna = team_tna(&data.input(today), &options);
        let mut need_skills: Vec<Id> = tna.needs.iter().map(|n| n.skill_id).collect();
        need_skills.sort_unstable();
        need_skills.dedup();
        let person_ids: Vec<Id> = data.people.iter().map(|p| p.id).collect();
        let actions = store::actions_of_people(pool, &person_ids).await?;
        let mentors = Mentors::load(pool, data.team.framework_version_id, &need_skills).await?;
        let role_levels: Vec<Id> =
            data.people.iter().flat_map(|p| [p.role_level_id, p.target_role_level_id]).flatten().collect();
        let activities = store::role_activities(pool, &role_levels).await?;
        let programmes = store::programmes_for_skills(pool, data.team.framework_version_id, &need_skills).await?;
        Ok(Analysis { data, options, tna, today, weights, actions, mentors, activities, programmes })
    }

    /// People across the organisation and their current levels in some skills: who could
    /// mentor a need.
    pub struct Mentors {
        names: HashMap<Id, String>,
        history: History,
        people: Vec<Id>,
    }

    impl Mentors {
        pub async fn load(pool: &Pool, version_id: Id, skill_ids: &[Id]) -> Result<Mentors, AppError> {
            let assessments: Vec<Assessment> = store::holder_assessments(pool, version_id, skill_ids).await?;
            let mut people: Vec<Id> = assessments.iter().map(|a| a.person_id).collect();
            people.sort_unstable();
            people.dedup();
            Ok(Mentors { names: people::names_of(pool, &people).await?, history: History::new(&assessments), people })
        }

        /// People other than `person_id` whose current level of the skill meets `required`:
        /// teammates first, then the highest level, then by name.
        pub fn for_need(
            &self,
            person_id: Id,
            skill_id: Id,
            required: Level,
            teammates: &HashSet<Id>,
        ) -> Vec<(Id, String)> {
            let mut found: Vec<(bool, std::cmp::Reverse<Level>, String, Id)> = self
                .people
                .iter()
                .filter(|&&p| p != person_id)
                .filter_map(|&p| {
                    let level = self.history.current_level(p, skill_id, SourceFilter::Latest)?;
                    let name = self.names.get(&p)?;
                    (level >= required).then(|| (!teammates.contains(&p), std::cmp::Reverse(level), name.clone(), p))
                })
                .collect();
            found.sort();
            found.into_iter().map(|(_, _, name, id)| (id, name)).collect()
        }
    }

    /// What could close a need: activities of the role profile that name the skill (the need's
    /// own role level first, then the rest of its career ladder), mentors who meet the level,
    /// and workshop programmes targeting the skill. Returns the suggestions and the action text
    /// the form starts with.
    pub fn suggestions(
        skill: &Skill,
        required: Level,
        role_level_id: Id,
        activities: &[Activity],
        mentors: &[(Id, String)],
        programmes: &[(Id, String)],
    ) -> (Vec<Suggestion>, String) {
        let (own, ladder): (Vec<Activity>, Vec<Activity>) =
            activities.iter().cloned().partition(|a| a.role_level_id == role_level_id);
        let mut seen = HashSet::new();
        let mut list: Vec<Suggestion> = matching_activities(&skill.name, &own)
            .into_iter()
            .chain(matching_activities(&skill.name, &ladder))
            .filter(|a| seen.insert((a.kind.code(), a.title.to_lowercase())))
            .take(MAX_EACH)
            .map(Suggestion::activity)
            .collect();
        list.extend(mentors.iter().take(MAX_EACH).map(|(_, name)| {
            Suggestion::mentor(name, format!("Meets {} or above", skill.scale.label(required)), &skill.name)
        }));
        list.extend(programmes.iter().take(MAX_EACH).map(|(id, title)| Suggestion::workshop(*id, title)));
        let default_text = list
            .first()
            .map(|s| s.action_text.clone())
            .unwrap_or_else(|| fallback_action_text(&skill.name, &skill.scale.label(required)));
        (list, default_text)
    }

    pub struct Permissions {
        pub may_set_weights: bool,
        pub may_add: bool,
        pub may_export: bool,
    }

    /// The action just added, if it belongs to someone in the team.
    pub async fn added_notice(pool: &Pool, id: Id, people: &[Person]) -> Result<Option<AddedNotice>, AppError> {
        let action = match store::get_action(pool, id).await {
            Ok(action) => action,
            Err(skillmix::store::StoreError::NotFound(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        Ok(people.iter().find(|p| p.id == action.person_id).map(|p| AddedNotice {
            person_id: p.id,
            person_name: p.name.clone(),
            text: action.text,
        }))
    }

    fn basis_text(data: &TeamData, need: &Need) -> String {
        let name = data.role_level(Some(need.role_level_id)).map(|r| r.name.clone()).unwrap_or_default();
        match need.basis {
            NeedBasis::CurrentRole => format!("Current role: {name}"),
            NeedBasis::TargetRole => format!("Target role: {name}"),
        }
    }

    /// The page's data from an analysis.
    pub fn page_data(
        a: Analysis,
        query: &TnaQuery,
        permissions: Permissions,
        added: Option<AddedNotice>,
    ) -> TrainingNeedsData {
        let teammates: HashSet<Id> = a.data.people.iter().map(|p| p.id).collect();
        let programmes_of = |skill_id: Id| -> Vec<(Id, String)> {
            a.programmes.iter().filter(|p| p.skill_id == skill_id).map(|p| (p.id, p.title.clone())).collect()
        };
        let mut needs: Vec<NeedRow> = a
            .tna
            .needs
            .iter()
            .enumerate()
            .filter_map(|(i, need)| {
                let skill = a.skill(need.skill_id)?;
                let mentors = a.mentors.for_need(need.person_id, need.skill_id, need.required, &teammates);
                let (suggestions, default_text) = suggestions(
                    skill,
                    need.required,
                    need.role_level_id,
                    &a.activities,
                    &mentors,
                    &programmes_of(need.skill_id),
                );
                Some(NeedRow {
                    rank: i + 1,
                    person_name: a.person_name(need.person_id),
                    skill_name: display_name(skill),
                    skill_kind: skill.kind,
                    scale: skill.scale,
                    basis: basis_text(&a.data, need),
                    in_plan: a
                        .actions
                        .iter()
                        .filter(|x| {
                            x.person_id == need.person_id && x.skill_id == Some(need.skill_id) && x.status.is_open()
                        })
                        .cloned()
                        .collect(),
                    suggestions,
                    default_text,
                    need: need.clone(),
                })
            })
            .collect();
        sort_needs(&mut needs, &query.sort);
        let groups = a
            .tna
            .groups
            .iter()
            .map(|g| GroupRow {
                skill_id: g.skill_id,
                skill_name: a.skill_name(g.skill_id),
                scale: a.skill(g.skill_id).map(|s| s.scale).unwrap_or(Scale::Ddat),
                required: g.required,
                people: g.people.iter().map(|&p| (p, a.person_name(p))).collect(),
                not_assessed: g.not_assessed,
                total_priority: g.total_priority,
                programmes: programmes_of(g.skill_id),
            })
            .collect();
        let names = |ids: &[Id]| ids.iter().map(|&s| a.skill_name(s)).collect::<Vec<_>>();
        let due_for_review = a
            .tna
            .due_for_review
            .iter()
            .map(|r| ReviewRow {
                person_id: r.person_id,
                name: a.person_name(r.person_id),
                stale_skills: names(&r.stale_skill_ids),
                unassessed_skills: names(&r.unassessed_skill_ids),
                oldest: r.oldest,
            })
            .collect();
        let progress = a
            .data
            .people
            .iter()
            .map(|p| {
                let mine: Vec<&PlanAction> = a.actions.iter().filter(|x| x.person_id == p.id).collect();
                ProgressRow {
                    person_id: p.id,
                    name: p.name.clone(),
                    progress: PlanProgress::of(mine.iter().copied(), a.today),
                    next_due: mine
                        .iter()
                        .filter(|x| x.status.is_open())
                        .min_by_key(|x| x.due_on)
                        .map(|x| (x.text.clone(), x.due_on)),
                }
            })
            .collect();
        let input = a.input();
        let defaults = default_importance(&input);
        let mut weights: Vec<WeightRow> = weighable_skills(&input)
            .into_iter()
            .filter_map(|id| {
                let skill = a.skill(id)?;
                Some(WeightRow {
                    skill_id: id,
                    name: display_name(skill),
                    default: defaults.get(&id).copied().unwrap_or(0).max(1),
                    weight: a.weights.get(&id).copied(),
                })
            })
            .collect();
        weights.sort_by_cached_key(|w| w.name.to_lowercase());
        TrainingNeedsData {
            formula: a.tna.formula.clone(),
            needs,
            groups,
            due_for_review,
            progress,
            weights,
            owners: a.data.people.iter().map(|p| (p.id, p.name.clone())).collect(),
            today: a.today,
            default_due: default_due(a.today),
            may_set_weights: permissions.may_set_weights,
            may_add: permissions.may_add,
            may_export: permissions.may_export,
            added,
            team: a.data.team.clone(),
        }
    }

    /// Sorts the needs table. The domain's order (priority, highest first) breaks every tie.
    pub fn sort_needs(needs: &mut [NeedRow], sort: &str) {
        match sort {
            "person" => needs.sort_by_cached_key(|n| (n.person_name.to_lowercase(), n.rank)),
            "skill" => needs.sort_by_cached_key(|n| (n.skill_name.to_lowercase(), n.rank)),
            "gap" => needs.sort_by(|a, b| b.need.factors.gap.total_cmp(&a.need.factors.gap).then(a.rank.cmp(&b.rank))),
            _ => needs.sort_by_key(|n| n.rank),
        }
    }

    pub struct PlanPermissions {
        pub may_add: bool,
        pub may_change: bool,
        pub may_edit_person: bool,
    }

    /// Which framework version a person is read in: their role level's, else their first team's.
    async fn version_of(pool: &Pool, person: &Person, teams: &[(Team, bool)]) -> Result<Option<Id>, AppError> {
        Ok(match (person.role_level_id, teams.first()) {
            (Some(level), _) => Some(framework::role_level_ref(pool, level).await?.version_id),
            (None, Some((team, _))) => Some(team.framework_version_id),
            (None, None) => framework::latest_version(pool).await?.map(|v| v.id),
        })
    }

    /// A person's gaps against their current and target role levels, as the analysis computes
    /// them, in the version they are read in, with the cadence of their teams (the shortest).
    struct PersonView {
        skills: Vec<Skill>,
        gaps: Vec<SkillGap>,
        cadence: u32,
        version_id: Option<Id>,
        teams: Vec<(Team, bool)>,
    }

    async fn person_view(pool: &Pool, person: &Person, today: chrono::NaiveDate) -> Result<PersonView, AppError> {
        use skillmix::store::assessments;

        let teams = people::teams_of_person(pool, person.id).await?;
        let cadence = teams
            .iter()
            .map(|(t, _)| t.review_cadence_months)
            .min()
            .unwrap_or(skillmix::people::DEFAULT_REVIEW_CADENCE_MONTHS);
        let version_id = version_of(pool, person, &teams).await?;
        let Some(version_id) = version_id else {
            return Ok(PersonView { skills: vec![], gaps: vec![], cadence, version_id: None, teams });
        };
        let skills = framework::skills_of_version(pool, version_id).await?;
        let role_levels: Vec<Id> = [person.role_level_id, person.target_role_level_id].into_iter().flatten().collect();
        let requirements = framework::requirements_for(pool, &role_levels).await?;
        let list = assessments::for_people_in_version(pool, &[person.id], version_id).await?;
        let people = [person.clone()];
        let input =
            TeamInput { skills: &skills, people: &people, requirements: &requirements, assessments: &list, today };
        let options = TnaOptions { cadence_months: cadence, ..TnaOptions::default() };
        let gaps = person_gaps(&input, person.id, &options).map(|g| g.skills).unwrap_or_default();
        Ok(PersonView { skills, gaps, cadence, version_id: Some(version_id), teams })
    }

    /// The requirement a need is measured against for one skill: the target role level's when
    /// it asks for more than the current one, as the team analysis does with career targets.
    fn need_of(gap: &SkillGap) -> Option<(NeedBasis, Id, Level, GapBand)> {
        let is_need = |band: GapBand| band.is_gap() || band == GapBand::NotAssessed;
        let current = gap
            .current_role
            .filter(|g| is_need(g.band))
            .and_then(|g| Some((NeedBasis::CurrentRole, g.role_level_id, g.required?, g.band)));
        let target = gap
            .target_role
            .filter(|g| is_need(g.band))
            .and_then(|g| Some((NeedBasis::TargetRole, g.role_level_id, g.required?, g.band)));
        match (current, target) {
            (Some(c), Some(t)) if t.2 > c.2 => Some(t),
            (None, t) => t,
            (c, _) => c,
        }
    }

    fn gap_rows(view: &PersonView, target: bool) -> Vec<GapRow> {
        let mut rows: Vec<GapRow> = view
            .gaps
            .iter()
            .filter_map(|g| {
                let against = if target { g.target_role } else { g.current_role }?;
                let required = against.required?;
                let skill = view.skills.iter().find(|s| s.id == g.skill_id)?;
                Some(GapRow {
                    skill_id: skill.id,
                    skill_name: display_name(skill),
                    kind: skill.kind,
                    scale: skill.scale,
                    current: g.current,
                    assessed_on: g.assessed_on,
                    stale: g.stale,
                    required: Some(required),
                    band: against.band,
                })
            })
            .collect();
        // Needs first (largest gap first), then the rest by kind and name.
        let order = |band: GapBand| match band {
            GapBand::BelowTwoOrMore => 0,
            GapBand::BelowOne => 1,
            GapBand::NotAssessed => 2,
            _ => 3,
        };
        rows.sort_by_cached_key(|r| (order(r.band), r.kind, r.skill_name.to_lowercase()));
        rows
    }

    pub async fn plan_data(
        pool: &Pool,
        person_id: Id,
        permissions: PlanPermissions,
        today: chrono::NaiveDate,
    ) -> Result<DevelopmentPlanData, AppError> {
        let person = people::get_person(pool, person_id).await?;
        let view = person_view(pool, &person, today).await?;
        let role_level = match person.role_level_id {
            Some(id) => Some(framework::role_level_ref(pool, id).await?),
            None => None,
        };
        let target_role_level = match person.target_role_level_id {
            Some(id) => Some(framework::role_level_ref(pool, id).await?),
            None => None,
        };
        let ladder = match &role_level {
            Some(level) => framework::role_level_detail(pool, level.id).await?.ladder,
            None => Vec::new(),
        };
        let actions = store::actions_of_person(pool, person_id).await?;
        let events = store::events_of_person(pool, person_id).await?;

        // Needs, with descriptors and suggestions.
        let mut need_list: Vec<(&SkillGap, NeedBasis, Id, Level, GapBand)> = view
            .gaps
            .iter()
            .filter_map(|g| need_of(g).map(|(basis, rl, req, band)| (g, basis, rl, req, band)))
            .collect();
        need_list
            .sort_by_key(|(g, _, _, req, _)| std::cmp::Reverse(i16::from(*req) - i16::from(g.current.unwrap_or(0))));
        let need_skills: Vec<Id> = need_list.iter().map(|n| n.0.skill_id).collect();
        let (mentors, programmes) = match view.version_id {
            Some(version) => (
                Some(Mentors::load(pool, version, &need_skills).await?),
                store::programmes_for_skills(pool, version, &need_skills).await?,
            ),
            None => (None, Vec::new()),
        };
        let role_levels: Vec<Id> = [person.role_level_id, person.target_role_level_id].into_iter().flatten().collect();
        let activities = store::role_activities(pool, &role_levels).await?;
        let requirement_texts = requirement_descriptions(pool, &role_levels).await?;
        let mut teammates = HashSet::new();
        for (team, _) in &view.teams {
            teammates.extend(people::team_members(pool, team.id).await?.into_iter().map(|m| m.person.id));
        }
        let level_names: HashMap<Id, String> =
            [&role_level, &target_role_level].into_iter().flatten().map(|r| (r.id, r.name.clone())).collect();
        let mut needs = Vec::with_capacity(need_list.len());
        for (gap, basis, role_level_id, required, band) in need_list {
            let Some(skill) = view.skills.iter().find(|s| s.id == gap.skill_id) else {
                continue;
            };
            let descriptors = framework::descriptors(pool, skill.id).await?;
            let descriptor =
                |level: Level| descriptors.iter().find(|d| d.level == level).map(|d| d.description.clone());
            let required_descriptor = requirement_texts
                .get(&(role_level_id, skill.id))
                .filter(|t| !t.trim().is_empty())
                .cloned()
                .or_else(|| descriptor(required));
            let next_level = gap
                .current
                .map(|c| c + 1)
                .filter(|&next| next < required && skill.allows(next))
                .map(|next| (next, descriptor(next)));
            let mentor_list =
                mentors.as_ref().map(|m| m.for_need(person_id, skill.id, required, &teammates)).unwrap_or_default();
            let programme_list: Vec<(Id, String)> =
                programmes.iter().filter(|p| p.skill_id == skill.id).map(|p| (p.id, p.title.clone())).collect();
            let (suggestions, default_text) =
                suggestions(skill, required, role_level_id, &activities, &mentor_list, &programme_list);
            needs.push(NeedCard {
                skill_id: skill.id,
                skill_name: display_name(skill),
                scale: skill.scale,
                basis,
                role_level: level_names.get(&role_level_id).cloned().unwrap_or_default(),
                current: gap.current,
                assessed_on: gap.assessed_on,
                stale: gap.stale,
                required,
                band,
                required_descriptor,
                next_level,
                suggestions,
                default_text,
                in_plan: actions
                    .iter()
                    .filter(|a| a.skill_id == Some(skill.id) && a.status.is_open())
                    .cloned()
                    .collect(),
            });
        }

        // The names of the actions' owners and of the person's teammates (the owners to choose).
        let named: Vec<Id> =
            actions.iter().filter_map(|a| a.owner_person_id).chain(teammates.iter().copied()).collect();
        let names = people::names_of(pool, &named).await?;
        let name_of = |id: Id| names.get(&id).cloned();
        let mut skill_names: HashMap<Id, (String, skillmix::Scale)> = HashMap::new();
        for action in &actions {
            if let Some(id) = action.skill_id {
                let skill = match view.skills.iter().find(|s| s.id == id) {
                    Some(skill) => Some(skill.clone()),
                    None => framework::get_skill(pool, id).await.ok(),
                };
                if let Some(skill) = skill {
                    skill_names.insert(id, (display_name(&skill), skill.scale));
                }
            }
        }
        let action_rows: Vec<ActionRow> = actions
            .iter()
            .map(|action| ActionRow {
                skill_name: action.skill_id.and_then(|id| skill_names.get(&id).map(|(name, _)| name.clone())),
                target_label: action
                    .skill_id
                    .and_then(|id| skill_names.get(&id))
                    .zip(action.target_level)
                    .map(|((_, scale), level)| scale.label(level)),
                owner_name: action.owner_person_id.and_then(name_of),
                overdue: action.is_overdue(today).then(|| overdue_text(action.due_on, today)),
                next: action.status.next().to_vec(),
                history: events
                    .iter()
                    .filter(|e| e.action_id == action.id)
                    .map(|e| HistoryRow { from: e.from, to: e.to, at: when(&e.at), by: e.by.clone() })
                    .collect(),
                action: action.clone(),
            })
            .collect();

        // Owners: the person, then the people in their teams.
        let mut owners: Vec<(Id, String)> = vec![(person.id, person.name.clone())];
        let mut others: Vec<(Id, String)> = teammates
            .iter()
            .filter(|&&id| id != person.id)
            .filter_map(|&id| names.get(&id).map(|name| (id, name.clone())))
            .collect();
        others.sort_by_cached_key(|o| (o.1.to_lowercase(), o.0));
        owners.extend(others);

        let mut skills: Vec<(Id, String)> = view
            .gaps
            .iter()
            .filter_map(|g| view.skills.iter().find(|s| s.id == g.skill_id).map(|s| (s.id, display_name(s))))
            .collect();
        skills.sort_by_cached_key(|s| s.1.to_lowercase());

        let mut activity_sections = Vec::new();
        for level in [&role_level, &target_role_level].into_iter().flatten() {
            let list: Vec<Activity> = activities.iter().filter(|a| a.role_level_id == level.id).cloned().collect();
            activity_sections.push((format!("{} – {}", level.role_name, level.name), list));
        }

        Ok(DevelopmentPlanData {
            progress: PlanProgress::of(&actions, today),
            current_gaps: gap_rows(&view, false),
            target_gaps: gap_rows(&view, true),
            teams: view.teams.iter().map(|(t, _)| (t.id, t.name.clone())).collect(),
            cadence: view.cadence,
            actions: action_rows,
            needs,
            activities: activity_sections,
            owners,
            skills,
            today,
            default_due: default_due(today),
            may_add: permissions.may_add,
            may_change: permissions.may_change,
            may_edit_person: permissions.may_edit_person,
            person,
            role_level,
            target_role_level,
            ladder,
        })
    }

    /// What each role level says about each skill it requires, by (role level, skill).
    async fn requirement_descriptions(pool: &Pool, role_levels: &[Id]) -> Result<HashMap<(Id, Id), String>, AppError> {
        Ok(framework::requirements_for(pool, role_levels)
            .await?
            .into_iter()
            .map(|r| ((r.role_level_id, r.skill_id), r.description))
            .collect())
    }

    /// "2026-06-30 14:05 UTC" from an RFC 3339 timestamp.
    fn when(at: &str) -> String {
        match chrono::DateTime::parse_from_rfc3339(at) {
            Ok(t) => t.with_timezone(&chrono::Utc).format("%Y-%m-%d %H:%M UTC").to_string(),
            Err(_) => at.to_string(),
        }
    }

    pub async fn summary(pool: &Pool, person_id: Id, today: chrono::NaiveDate) -> Result<PlanSummaryData, AppError> {
        let person = people::get_person(pool, person_id).await?;
        let actions = store::actions_of_person(pool, person_id).await?;
        let career = match person.target_role_level_id {
            Some(target) => {
                let view = person_view(pool, &person, today).await?;
                let count = view
                    .gaps
                    .iter()
                    .filter_map(|g| g.target_role)
                    .filter(|g| g.required.is_some() && (g.band.is_gap() || g.band == GapBand::NotAssessed))
                    .count();
                Some((framework::role_level_ref(pool, target).await?.name, count))
            }
            None => None,
        };
        let mut open: Vec<&PlanAction> = actions.iter().filter(|a| a.status.is_open()).collect();
        open.sort_by_key(|a| (a.due_on, a.id));
        Ok(PlanSummaryData {
            person_id,
            progress: PlanProgress::of(&actions, today),
            open: open
                .into_iter()
                .map(|a| {
                    (a.text.clone(), a.due_on, a.status, a.is_overdue(today).then(|| overdue_text(a.due_on, today)))
                })
                .collect(),
            career,
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn params_are_added_once_and_fragments_replaced() {
            assert_eq!(
                with_param("/teams/1/training-needs", "added", "5", Some("notice")),
                "/teams/1/training-needs?added=5#notice"
            );
            assert_eq!(
                with_param("/teams/1/training-needs?sort=person&added=4#need-1-2", "added", "5", None),
                "/teams/1/training-needs?sort=person&added=5"
            );
            assert_eq!(local_or(Some("https://evil.example".into()), "/x"), "/x");
            assert_eq!(local_or(Some("/people/3/plan".into()), "/x"), "/people/3/plan");
        }

        #[test]
        fn form_keys_are_safe_ids_and_prefix_fields() {
            assert_eq!(form_key("need-12-34"), "need-12-34");
            assert_eq!(form_key("\"><script>"), "add");
            assert_eq!(form_key(""), "add");
            let error = prefix_fields(AppError::field("due_on", "Enter a date"), "need-1-2", None);
            assert_eq!(error.field_errors().unwrap().for_field("need-1-2-due_on"), Some("Enter a date"));
            let error = prefix_fields(
                AppError::field("text", "Enter what the action is"),
                "need-1-2",
                Some("Bo Lind, Coaching"),
            );
            assert_eq!(
                error.field_errors().unwrap().for_field("need-1-2-text"),
                Some("Bo Lind, Coaching: enter what the action is")
            );
        }
    }
}
