//! The assessment form: record levels for many skills at once, with source, date and evidence.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use skillmix::assessment::Source;
use skillmix::framework::Skill;
use skillmix::Id;
use std::collections::HashMap;

/// A skill offered on the form, with what the person's role level requires and their latest level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessSkill {
    pub skill: Skill,
    pub required: Option<u8>,
    pub latest: Option<u8>,
    /// Listed by the person's current or target role level.
    pub for_role: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessData {
    pub person_id: Id,
    pub person_name: String,
    pub sources: Vec<Source>,
    pub today: String,
    pub skills: Vec<AssessSkill>,
}

#[server(endpoint = "assess/page", input = leptos::server_fn::codec::GetUrl)]
pub async fn assess_page(id: Id) -> Result<AssessData, AppError> {
    use skillmix::access::{allowed_sources, Action};
    use skillmix::analysis::{History, Requirements};
    use skillmix::assessment::SourceFilter;
    use skillmix::store::{assessments, framework, people};

    let resource = crate::ssr::person_resource(id).await?;
    let caller = crate::ssr::require(Action::Assess, resource.clone()).await?;
    let skillmix::access::Resource::Person { team_ids, .. } = &resource else { unreachable!("person resource") };
    let pool = crate::ssr::pool();
    let person = people::get_person(&pool, id).await?;
    let version_id = match person.role_level_id {
        Some(level) => Some(framework::role_level_ref(&pool, level).await?.version_id),
        None => framework::latest_version(&pool).await?.map(|v| v.id),
    };
    let mut skills = Vec::new();
    if let Some(version_id) = version_id {
        let role_levels: Vec<Id> = [person.role_level_id, person.target_role_level_id].into_iter().flatten().collect();
        let requirements = Requirements::new(&framework::requirements_for(&pool, &role_levels).await?);
        let list = assessments::for_people_in_version(&pool, &[id], version_id).await?;
        let history = History::new(&list);
        for skill in framework::skills_of_version(&pool, version_id).await? {
            skills.push(AssessSkill {
                required: requirements.level(person.role_level_id, skill.id),
                latest: history.current_level(id, skill.id, SourceFilter::Latest),
                for_role: requirements.lists(person.role_level_id, skill.id)
                    || requirements.lists(person.target_role_level_id, skill.id),
                skill,
            });
        }
    }
    skills.sort_by(|a, b| {
        (!a.for_role, a.skill.kind, a.skill.name.to_lowercase()).cmp(&(
            !b.for_role,
            b.skill.kind,
            b.skill.name.to_lowercase(),
        ))
    });
    Ok(AssessData {
        person_id: id,
        person_name: person.name,
        sources: allowed_sources(&caller.viewer, id, team_ids),
        today: crate::ssr::today().to_string(),
        skills,
    })
}

/// Records the levels chosen on the form. `levels` maps skill ids to levels; empty values are
/// skills left unassessed this time. Everything is validated first and stored together.
#[server(endpoint = "assess/record")]
pub async fn record_assessments(
    person_id: Id,
    source: String,
    assessed_on: String,
    evidence: String,
    levels: Option<HashMap<String, String>>,
    return_to: Option<String>,
) -> Result<usize, AppError> {
    use skillmix::access::{allowed_sources, Action};
    use skillmix::store::assessments::{level_field, record, Batch, Entry};
    use skillmix::validation::FieldErrors;

    let resource = crate::ssr::person_resource(person_id).await?;
    let caller = crate::ssr::require(Action::Assess, resource.clone()).await?;
    let skillmix::access::Resource::Person { team_ids, .. } = &resource else { unreachable!("person resource") };
    let mut submitted: Vec<(String, String)> = vec![
        ("source".into(), source.clone()),
        ("assessed_on".into(), assessed_on.clone()),
        ("evidence".into(), evidence.clone()),
    ];
    if let Some(levels) = &levels {
        submitted.extend(levels.iter().map(|(skill, level)| (format!("level_{skill}"), level.clone())));
    }
    let keep = |e: AppError| e.keeping(&submitted.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>());
    let mut errors = FieldErrors::new();
    let source = match Source::from_code(source.trim()) {
        Some(source) if allowed_sources(&caller.viewer, person_id, team_ids).contains(&source) => Some(source),
        Some(_) => {
            errors.add("source", "You cannot record that kind of assessment for this person");
            None
        }
        None => {
            errors.add("source", "Select who is making the assessment");
            None
        }
    };
    let date = match assessed_on.trim().parse::<chrono::NaiveDate>() {
        Ok(date) => Some(date),
        Err(_) => {
            errors.add("assessed_on", "Enter the assessment date as a real date, like 2026-11-23");
            None
        }
    };
    let mut entries = Vec::new();
    for (key, value) in levels.unwrap_or_default() {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let Ok(skill_id) = key.trim().parse::<Id>() else {
            errors.add("levels", format!("\"{key}\" is not a skill"));
            continue;
        };
        match value.parse::<i64>() {
            Ok(level) => entries.push(Entry { skill_id, level }),
            Err(_) => errors.add(level_field(skill_id), format!("Level \"{value}\" is not a number")),
        }
    }
    entries.sort_by_key(|e| e.skill_id);
    let (Some(source), Some(assessed_on)) = (source, date) else {
        return Err(keep(AppError::Validation(errors)));
    };
    if !errors.is_empty() {
        return Err(keep(AppError::Validation(errors)));
    }
    let batch = Batch { person_id, source, assessed_on, assessor_id: caller.viewer.person_id, evidence, entries };
    let ids = record(&crate::ssr::pool(), &batch, crate::ssr::today()).await.map_err(|e| keep(e.into()))?;
    crate::ssr::audit_ok(&caller, "assessment.record", Some(format!("person:{person_id} ({} skills)", ids.len())))
        .await;
    let back = return_to
        .filter(|path| crate::server_fns::session::is_local_path(path))
        .unwrap_or_else(|| format!("/people/{person_id}"));
    crate::ssr::redirect(&back);
    Ok(ids.len())
}
