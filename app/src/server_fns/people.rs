//! Person pages, and creating, editing and deleting people.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use skillmix::assessment::Source;
use skillmix::framework::browse::RoleLevelRef;
use skillmix::framework::Skill;
use skillmix::people::Person;
use skillmix::Id;

/// One assessment in a skill's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryItem {
    pub level: u8,
    pub source: Source,
    pub assessed_on: String,
    pub assessor: Option<String>,
    pub evidence: Option<String>,
}

/// A skill on the person page: what their role level requires, where they stand by each source,
/// and every assessment made (newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSkill {
    pub skill: Skill,
    pub required: Option<u8>,
    /// Listed by the role level without a level (behavioural skills in role profiles).
    pub expected: bool,
    pub target_required: Option<u8>,
    pub lead: Option<u8>,
    pub self_level: Option<u8>,
    pub peer: Option<u8>,
    pub latest: Option<u8>,
    pub latest_on: Option<String>,
    pub stale: bool,
    pub history: Vec<HistoryItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonData {
    pub person: Person,
    pub role_level: Option<RoleLevelRef>,
    pub target_role_level: Option<RoleLevelRef>,
    pub teams: Vec<(Id, String, bool)>,
    pub skills: Vec<PersonSkill>,
    pub review_cadence_months: u32,
    pub may_edit: bool,
    pub may_assess: bool,
    pub may_delete: bool,
    pub may_erase: bool,
    /// Their development plan in a few lines.
    pub plan: crate::server_fns::training::PlanSummaryData,
}

#[server(endpoint = "people/page", input = leptos::server_fn::codec::GetUrl)]
pub async fn person_page(id: Id) -> Result<PersonData, AppError> {
    use skillmix::access::Action;
    use skillmix::store::{framework, people};

    let resource = crate::ssr::person_resource(id).await?;
    let caller = crate::ssr::require(Action::Read, resource.clone()).await?;
    let pool = crate::ssr::pool();
    let person = people::get_person(&pool, id).await?;
    let role_level = optional_ref(&pool, person.role_level_id).await?;
    let target_role_level = optional_ref(&pool, person.target_role_level_id).await?;
    let teams = people::teams_of_person(&pool, id).await?;
    let cadence = teams.iter().map(|(t, _)| t.review_cadence_months).min().unwrap_or(6);
    let version_id = match (&role_level, teams.first()) {
        (Some(level), _) => Some(level.version_id),
        (None, Some((team, _))) => Some(team.framework_version_id),
        (None, None) => framework::latest_version(&pool).await?.map(|v| v.id),
    };
    let skills = match version_id {
        Some(version_id) => person_skills(&pool, &person, version_id, cadence).await?,
        None => Vec::new(),
    };
    let plan = crate::server_fns::training::ssr::summary(&pool, id, crate::ssr::today()).await?;
    Ok(PersonData {
        plan,
        may_edit: caller.may(Action::Update, &resource),
        may_assess: caller.may(Action::Assess, &resource),
        may_delete: caller.may(Action::Delete, &resource),
        may_erase: caller.may(Action::Erase, &resource),
        teams: teams.into_iter().map(|(t, lead)| (t.id, t.name, lead)).collect(),
        review_cadence_months: cadence,
        person,
        role_level,
        target_role_level,
        skills,
    })
}

#[cfg(feature = "ssr")]
async fn optional_ref(pool: &skillmix::store::Pool, id: Option<Id>) -> Result<Option<RoleLevelRef>, AppError> {
    match id {
        Some(id) => Ok(Some(skillmix::store::framework::role_level_ref(pool, id).await?)),
        None => Ok(None),
    }
}

/// The skills shown for a person: those their current or target role level lists, then any
/// other skill they have been assessed on, each with its history.
#[cfg(feature = "ssr")]
async fn person_skills(
    pool: &skillmix::store::Pool,
    person: &Person,
    version_id: Id,
    cadence: u32,
) -> Result<Vec<PersonSkill>, AppError> {
    use skillmix::analysis::{is_stale, History, Requirements};
    use skillmix::assessment::SourceFilter;
    use skillmix::store::{assessments, framework};

    let skills = framework::skills_of_version(pool, version_id).await?;
    let role_levels: Vec<Id> = [person.role_level_id, person.target_role_level_id].into_iter().flatten().collect();
    let requirements = Requirements::new(&framework::requirements_for(pool, &role_levels).await?);
    let list = assessments::for_people_in_version(pool, &[person.id], version_id).await?;
    let history = History::new(&list);
    let assessors: Vec<Id> = list.iter().filter_map(|a| a.assessor_id).collect();
    let names = skillmix::store::people::names_of(pool, &assessors).await?;
    let today = crate::ssr::today();
    let mut rows: Vec<PersonSkill> = skills
        .into_iter()
        .filter(|s| {
            requirements.lists(person.role_level_id, s.id)
                || requirements.lists(person.target_role_level_id, s.id)
                || !history.of(person.id, s.id).is_empty()
        })
        .map(|skill| {
            let level = |filter| history.current_level(person.id, skill.id, filter);
            let latest = history.current(person.id, skill.id, SourceFilter::Latest);
            PersonSkill {
                required: requirements.level(person.role_level_id, skill.id),
                expected: requirements.lists(person.role_level_id, skill.id),
                target_required: requirements.level(person.target_role_level_id, skill.id),
                lead: level(SourceFilter::Only(Source::Lead)),
                self_level: level(SourceFilter::Only(Source::SelfAssessment)),
                peer: level(SourceFilter::Only(Source::Peer)),
                latest: latest.map(|a| a.level),
                latest_on: latest.map(|a| a.assessed_on.to_string()),
                stale: latest.is_some_and(|a| is_stale(a.assessed_on, today, cadence)),
                history: history
                    .of(person.id, skill.id)
                    .iter()
                    .rev()
                    .map(|a| HistoryItem {
                        level: a.level,
                        source: a.source,
                        assessed_on: a.assessed_on.to_string(),
                        assessor: a.assessor_id.and_then(|id| names.get(&id).cloned()),
                        evidence: a.evidence.clone(),
                    })
                    .collect(),
                skill,
            }
        })
        .collect();
    rows.sort_by_key(|r| (r.skill.kind, r.skill.name.to_lowercase()));
    Ok(rows)
}

/// A role level choice in a picker, grouped by framework version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLevelChoice {
    pub id: Id,
    pub label: String,
    pub group: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonFormFields {
    pub person: Option<Person>,
    pub role_levels: Vec<RoleLevelChoice>,
    /// The team a new person joins, from `?team=`.
    pub team: Option<(Id, String)>,
    /// Whether the caller may set the role level and target role level (a lead of one of the
    /// person's teams, or an administrator; anyone who may create a person sets them at first).
    pub may_set_role_levels: bool,
}

#[server(endpoint = "people/form", input = leptos::server_fn::codec::GetUrl)]
pub async fn person_form_data(id: Option<Id>, team: Option<Id>) -> Result<PersonFormFields, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::{framework, people};

    let pool = crate::ssr::pool();
    let mut may_set_role_levels = true;
    let person = match id {
        Some(id) => {
            let resource = crate::ssr::person_resource(id).await?;
            let caller = crate::ssr::require(Action::Update, resource.clone()).await?;
            if let Resource::Person { team_ids, .. } = &resource {
                may_set_role_levels = skillmix::access::may_set_role_levels(&caller.viewer, team_ids);
            }
            Some(people::get_person(&pool, id).await?)
        }
        None => {
            let caller = crate::ssr::require(Action::Create, Resource::People).await?;
            if let Some(team) = team {
                crate::ssr::check(&caller, Action::Update, &Resource::Team { id: team }).await?;
            }
            None
        }
    };
    let team = match team {
        Some(team) => Some((team, people::get_team(&pool, team).await?.name)),
        None => None,
    };
    let mut role_levels = Vec::new();
    for version in framework::list_versions(&pool).await?.into_iter().rev() {
        for level in framework::role_levels_of_version(&pool, version.id).await? {
            role_levels.push(RoleLevelChoice {
                id: level.id,
                label: format!("{} – {}", level.role_name, level.name),
                group: format!("{} ({})", level.family_name, version.name),
            });
        }
    }
    Ok(PersonFormFields { person, role_levels, team, may_set_role_levels })
}

#[cfg(feature = "ssr")]
fn person_form(
    name: String,
    email: String,
    role_level_id: String,
    target_role_level_id: String,
) -> Result<skillmix::store::people::PersonForm, AppError> {
    use crate::ssr::parse_optional_id;
    Ok(skillmix::store::people::PersonForm {
        name,
        email,
        role_level_id: parse_optional_id("role_level_id", "a role level", &role_level_id)?,
        target_role_level_id: parse_optional_id("target_role_level_id", "a target role level", &target_role_level_id)?,
    })
}

#[server(endpoint = "people/create")]
pub async fn create_person(
    name: String,
    email: String,
    role_level_id: String,
    target_role_level_id: String,
    team_id: Option<Id>,
) -> Result<Id, AppError> {
    use skillmix::access::{Action, Resource};

    let caller = crate::ssr::require(Action::Create, Resource::People).await?;
    if let Some(team) = team_id {
        crate::ssr::check(&caller, Action::Update, &Resource::Team { id: team }).await?;
    }
    let submitted = [
        ("name", name.clone()),
        ("email", email.clone()),
        ("role_level_id", role_level_id.clone()),
        ("target_role_level_id", target_role_level_id.clone()),
    ];
    let keep = |e: AppError| e.keeping(&submitted.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>());
    let form = person_form(name, email, role_level_id, target_role_level_id).map_err(keep)?;
    let id = skillmix::store::people::create_person(&crate::ssr::pool(), &form, team_id)
        .await
        .map_err(|e| keep(e.into()))?;
    crate::ssr::audit_ok(&caller, "person.create", Some(format!("person:{id}"))).await;
    crate::ssr::redirect(&match team_id {
        Some(team) => format!("/teams/{team}"),
        None => format!("/people/{id}"),
    });
    Ok(id)
}

#[server(endpoint = "people/update")]
pub async fn update_person(
    id: Id,
    name: String,
    email: String,
    role_level_id: String,
    target_role_level_id: String,
) -> Result<(), AppError> {
    use skillmix::access::{Action, Resource};

    let resource = crate::ssr::person_resource(id).await?;
    let caller = crate::ssr::require(Action::Update, resource.clone()).await?;
    let submitted = [
        ("name", name.clone()),
        ("email", email.clone()),
        ("role_level_id", role_level_id.clone()),
        ("target_role_level_id", target_role_level_id.clone()),
    ];
    let keep = |e: AppError| e.keeping(&submitted.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>());
    let form = person_form(name, email, role_level_id, target_role_level_id).map_err(keep)?;
    // A member (or a lead who does not lead a team of the person, themselves included) edits
    // their name and email; their lead or an administrator sets the role levels. A submitted
    // role level that differs from the stored one is refused, and nothing is saved.
    let team_ids = match &resource {
        Resource::Person { team_ids, .. } => team_ids.clone(),
        _ => Vec::new(),
    };
    if !skillmix::access::may_set_role_levels(&caller.viewer, &team_ids) {
        let stored = skillmix::store::people::get_person(&crate::ssr::pool(), id).await?;
        let mut errors = skillmix::validation::FieldErrors::new();
        if form.role_level_id != stored.role_level_id {
            errors.add("role_level_id", "Only their team lead or an administrator can change the role level");
        }
        if form.target_role_level_id != stored.target_role_level_id {
            errors.add(
                "target_role_level_id",
                "Only their team lead or an administrator can change the role level they are aiming for",
            );
        }
        if !errors.is_empty() {
            crate::ssr::audit_denied(&caller, "person.update.role-level", Some(format!("person:{id}"))).await;
            return Err(keep(AppError::Validation(errors)));
        }
    }
    skillmix::store::people::update_person(&crate::ssr::pool(), id, &form).await.map_err(|e| keep(e.into()))?;
    crate::ssr::audit_ok(&caller, "person.update", Some(format!("person:{id}"))).await;
    crate::ssr::redirect(&format!("/people/{id}"));
    Ok(())
}

#[server(endpoint = "people/delete")]
pub async fn delete_person(id: Id, confirm: Option<String>) -> Result<(), AppError> {
    use skillmix::access::Action;

    let caller = crate::ssr::require(Action::Delete, crate::ssr::person_resource(id).await?).await?;
    if confirm.as_deref() != Some("yes") {
        return Err(AppError::field("confirm", "Select yes to confirm you want to delete this person"));
    }
    skillmix::store::people::delete_person(&crate::ssr::pool(), id).await?;
    crate::ssr::audit_ok(&caller, "person.delete", Some(format!("person:{id}"))).await;
    crate::ssr::redirect("/");
    Ok(())
}

/// The person a deletion or erasure page asks about, for those who may delete (or erase) them.
#[server(endpoint = "people/confirm", input = leptos::server_fn::codec::GetUrl)]
pub async fn person_to_remove(id: Id, erase: bool) -> Result<Person, AppError> {
    use skillmix::access::Action;

    let action = if erase { Action::Erase } else { Action::Delete };
    crate::ssr::require(action, crate::ssr::person_resource(id).await?).await?;
    Ok(skillmix::store::people::get_person(&crate::ssr::pool(), id).await?)
}
