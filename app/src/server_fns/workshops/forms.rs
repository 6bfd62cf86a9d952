//! The planner's forms: each posts here with or without JavaScript. Every function authorises
//! first (`Update` on the programme's `Resource::Workshop`), then checks the ids in the post
//! belong together, then calls the store, audits and, where the page changes, redirects.

// A form posts one argument per field, and the server function macro generates a client
// function with the same arguments in the browser build: allow it for the module.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;
use skillmix::Id;
use std::collections::HashMap;

/// Server-side form parsing, naming the field at fault.
#[cfg(feature = "ssr")]
mod parse {
    use crate::error::{AppError, AppResult};
    use chrono::{NaiveDate, NaiveTime};
    use skillmix::validation::FieldErrors;
    use skillmix::Id;
    use std::collections::HashMap;

    /// The ids ticked in a group of checkboxes named `group[ID]`.
    pub fn ticked(map: Option<HashMap<String, String>>) -> Vec<Id> {
        let mut ids: Vec<Id> = map
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .filter_map(|(k, _)| k.trim().parse().ok())
            .collect();
        ids.sort_unstable();
        ids
    }

    pub fn date(errors: &mut FieldErrors, field: &str, what: &str, text: &str) -> Option<NaiveDate> {
        let text = text.trim();
        if text.is_empty() {
            errors.add(field, format!("Enter {what}"));
            return None;
        }
        match text.parse() {
            Ok(d) => Some(d),
            Err(_) => {
                errors.add(field, format!("Enter {what} as a real date, like 2026-06-09"));
                None
            }
        }
    }

    pub fn optional_date(errors: &mut FieldErrors, field: &str, what: &str, text: &str) -> Option<NaiveDate> {
        if text.trim().is_empty() {
            None
        } else {
            date(errors, field, what, text)
        }
    }

    pub fn time(errors: &mut FieldErrors, field: &str, text: &str) -> Option<NaiveTime> {
        let text = text.trim();
        let parsed = NaiveTime::parse_from_str(text, "%H:%M").or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"));
        match parsed {
            Ok(t) => Some(t),
            Err(_) if text.is_empty() => {
                errors.add(field, "Enter the start time");
                None
            }
            Err(_) => {
                errors.add(field, "Enter the start time in 24-hour format, like 09:30");
                None
            }
        }
    }

    pub fn minutes(errors: &mut FieldErrors, field: &str, what: &str, text: &str) -> Option<u32> {
        let text = text.trim();
        if text.is_empty() {
            errors.add(field, format!("Enter {what}"));
            return None;
        }
        match text.parse::<u32>() {
            Ok(m) => Some(m),
            Err(_) => {
                errors.add(field, format!("Enter {what} as a whole number of minutes, like 30"));
                None
            }
        }
    }

    pub fn optional_number(errors: &mut FieldErrors, field: &str, what: &str, text: &str) -> Option<u32> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        match text.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.add(field, format!("{what} must be a whole number, like 12"));
                None
            }
        }
    }

    pub fn optional_text(text: String) -> Option<String> {
        let trimmed = text.trim();
        (!trimmed.is_empty()).then(|| trimmed.to_string())
    }

    pub fn finish<T>(errors: FieldErrors, value: T) -> AppResult<T> {
        errors.into_result(value).map_err(AppError::Validation)
    }

    pub fn optional_id(field: &str, label: &str, text: &str) -> AppResult<Option<Id>> {
        crate::ssr::parse_optional_id(field, label, text)
    }
}

#[cfg(feature = "ssr")]
fn programme_from_form(
    id: Option<Id>,
    title: String,
    problem_statement: String,
    objectives: String,
    approach: String,
    tools: String,
    time_zone: String,
    team_ids: Vec<Id>,
    skill_ids: Vec<Id>,
) -> skillmix::workshop::Programme {
    use skillmix::workshop::model::lines;
    skillmix::workshop::Programme {
        id,
        title,
        problem_statement,
        objectives: lines(&objectives),
        approach,
        tools: lines(&tools),
        skill_ids,
        team_ids,
        time_zone: if time_zone.trim().is_empty() {
            skillmix::workshop::DEFAULT_TIME_ZONE.to_string()
        } else {
            time_zone
        },
    }
}

/// A validation error carries the submitted values back, so the form shows them again (also
/// after a reload without JavaScript).
#[cfg(feature = "ssr")]
fn keep_values(error: AppError, values: &[(&str, String)]) -> AppError {
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    error.keeping(&pairs)
}

/// Each chosen team must be one the caller leads (or an administrator's).
#[cfg(feature = "ssr")]
fn check_teams(caller: &crate::ssr::Caller, chosen: &[Id], already: &[Id]) -> Result<(), AppError> {
    use skillmix::access::{Action, Resource};
    for team in chosen {
        if !already.contains(team) && !caller.may(Action::Update, &Resource::Team { id: *team }) {
            return Err(AppError::field("teams", "Select teams you lead"));
        }
    }
    Ok(())
}

#[server(endpoint = "workshops/create")]
pub async fn create_programme(
    title: String,
    problem_statement: String,
    objectives: String,
    approach: String,
    tools: String,
    time_zone: String,
    team: Option<HashMap<String, String>>,
    skill: Option<HashMap<String, String>>,
) -> Result<Id, AppError> {
    let kept = [
        ("title", title.clone()),
        ("problem_statement", problem_statement.clone()),
        ("objectives", objectives.clone()),
        ("approach", approach.clone()),
        ("tools", tools.clone()),
        ("time_zone", time_zone.clone()),
        ("teams", parse::ticked(team.clone()).iter().map(|id| id.to_string()).collect::<Vec<_>>().join(",")),
        ("skills", parse::ticked(skill.clone()).iter().map(|id| id.to_string()).collect::<Vec<_>>().join(",")),
    ];
    let result: Result<Id, AppError> = async move {
        use skillmix::access::{Action, Resource};
        let team_ids = parse::ticked(team);
        let caller = crate::ssr::require(Action::Create, Resource::Workshop { team_ids: team_ids.clone() }).await?;
        check_teams(&caller, &team_ids, &[])?;
        let programme = programme_from_form(
            None,
            title,
            problem_statement,
            objectives,
            approach,
            tools,
            time_zone,
            team_ids,
            parse::ticked(skill),
        );
        let user_id = caller.user.as_ref().map(|u| u.id);
        let id = skillmix::store::workshops::create_programme(&crate::ssr::pool(), &programme, user_id).await?;
        crate::ssr::audit_ok(&caller, "workshop.create", Some(format!("programme:{id}"))).await;
        crate::ssr::redirect(&format!("/workshops/{id}"));
        Ok(id)
    }
    .await;
    result.map_err(|e| keep_values(e, &kept))
}

#[server(endpoint = "workshops/update")]
pub async fn update_programme(
    id: Id,
    title: String,
    problem_statement: String,
    objectives: String,
    approach: String,
    tools: String,
    time_zone: String,
    team: Option<HashMap<String, String>>,
    skill: Option<HashMap<String, String>>,
) -> Result<(), AppError> {
    let kept = [
        ("title", title.clone()),
        ("problem_statement", problem_statement.clone()),
        ("objectives", objectives.clone()),
        ("approach", approach.clone()),
        ("tools", tools.clone()),
        ("time_zone", time_zone.clone()),
        ("teams", parse::ticked(team.clone()).iter().map(|id| id.to_string()).collect::<Vec<_>>().join(",")),
        ("skills", parse::ticked(skill.clone()).iter().map(|id| id.to_string()).collect::<Vec<_>>().join(",")),
    ];
    let result: Result<(), AppError> = async move {
        use skillmix::access::{Action, Resource};
        let (caller, old_teams) = super::ssr::programme_access(Action::Update, id).await?;
        let team_ids = parse::ticked(team);
        check_teams(&caller, &team_ids, &old_teams)?;
        if !team_ids.is_empty() {
            crate::ssr::check(&caller, Action::Update, &Resource::Workshop { team_ids: team_ids.clone() }).await?;
        }
        let programme = programme_from_form(
            Some(id),
            title,
            problem_statement,
            objectives,
            approach,
            tools,
            time_zone,
            team_ids,
            parse::ticked(skill),
        );
        skillmix::store::workshops::update_programme(&crate::ssr::pool(), &programme).await?;
        crate::ssr::audit_ok(&caller, "workshop.update", Some(format!("programme:{id}"))).await;
        crate::ssr::redirect(&format!("/workshops/{id}"));
        Ok(())
    }
    .await;
    result.map_err(|e| keep_values(e, &kept))
}

#[server(endpoint = "workshops/delete")]
pub async fn delete_programme(id: Id, confirm: Option<String>) -> Result<(), AppError> {
    use skillmix::access::Action;
    let (caller, _) = super::ssr::programme_access(Action::Delete, id).await?;
    if confirm.as_deref() != Some("yes") {
        return Err(AppError::field("confirm", "Select yes to confirm you want to delete the programme"));
    }
    skillmix::store::workshops::delete_programme(&crate::ssr::pool(), id).await?;
    crate::ssr::audit_ok(&caller, "workshop.delete", Some(format!("programme:{id}"))).await;
    crate::ssr::redirect("/workshops");
    Ok(())
}

/// Copies the programme as a template for its next run, the first event on `first_event_on`.
#[server(endpoint = "workshops/copy")]
pub async fn copy_programme(id: Id, first_event_on: String) -> Result<Id, AppError> {
    let kept = [("first_event_on", first_event_on.clone())];
    let result: Result<Id, AppError> = async move {
        use skillmix::access::{Action, Resource};
        use skillmix::workshop::DateShift;
        let (caller, team_ids) = super::ssr::programme_access(Action::Read, id).await?;
        crate::ssr::check(&caller, Action::Create, &Resource::Workshop { team_ids }).await?;
        let mut errors = skillmix::validation::FieldErrors::new();
        let first = parse::date(&mut errors, "first_event_on", "the date of the copy's first event", &first_event_on);
        let first = parse::finish(errors, first)?.unwrap_or_default();
        let user_id = caller.user.as_ref().map(|u| u.id);
        let new_id = skillmix::store::workshops::duplicate_programme(
            &crate::ssr::pool(),
            id,
            DateShift::FirstEventOn(first),
            user_id,
        )
        .await?;
        crate::ssr::audit_ok(&caller, "workshop.copy", Some(format!("programme:{id} to programme:{new_id}"))).await;
        crate::ssr::redirect(&format!("/workshops/{new_id}"));
        Ok(new_id)
    }
    .await;
    result.map_err(|e| keep_values(e, &kept))
}

#[server(endpoint = "workshops/follow-up")]
pub async fn set_follow_up(programme_id: Id, follow_up_on: String) -> Result<(), AppError> {
    let kept = [("follow_up_on", follow_up_on.clone())];
    let result: Result<(), AppError> = async move {
        use skillmix::access::Action;
        let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
        let mut errors = skillmix::validation::FieldErrors::new();
        let date = parse::optional_date(&mut errors, "follow_up_on", "the re-assessment date", &follow_up_on);
        let date = parse::finish(errors, date)?;
        skillmix::store::workshops::set_follow_up(&crate::ssr::pool(), programme_id, date).await?;
        crate::ssr::audit_ok(&caller, "workshop.follow-up", Some(format!("programme:{programme_id}"))).await;
        Ok(())
    }
    .await;
    result.map_err(|e| keep_values(e, &kept))
}

#[cfg(feature = "ssr")]
fn event_from_form(
    id: Option<Id>,
    programme_id: Id,
    title: String,
    date: String,
    start_time: String,
    duration_minutes: String,
    place: String,
    online_link: String,
    capacity: String,
) -> Result<skillmix::workshop::Event, AppError> {
    let mut errors = skillmix::validation::FieldErrors::new();
    if title.trim().is_empty() {
        errors.add("title", "Enter an event title");
    }
    let date = parse::date(&mut errors, "date", "the date of the event", &date);
    let start = parse::time(&mut errors, "start_time", &start_time);
    let duration = parse::minutes(&mut errors, "duration_minutes", "the length of the event", &duration_minutes);
    let capacity = parse::optional_number(&mut errors, "capacity", "Capacity", &capacity);
    let (date, start, duration) = parse::finish(errors, (date, start, duration))?;
    Ok(skillmix::workshop::Event {
        id,
        programme_id: Some(programme_id),
        title,
        date: date.unwrap_or_default(),
        start_time: start.unwrap_or_default(),
        duration_minutes: duration.unwrap_or_default(),
        place: parse::optional_text(place),
        online_link: parse::optional_text(online_link),
        capacity,
    })
}

#[server(endpoint = "workshops/create-event")]
pub async fn create_event(
    programme_id: Id,
    title: String,
    date: String,
    start_time: String,
    duration_minutes: String,
    place: String,
    online_link: String,
    capacity: String,
) -> Result<Id, AppError> {
    let kept = [
        ("title", title.clone()),
        ("date", date.clone()),
        ("start_time", start_time.clone()),
        ("duration_minutes", duration_minutes.clone()),
        ("place", place.clone()),
        ("online_link", online_link.clone()),
        ("capacity", capacity.clone()),
    ];
    let result: Result<Id, AppError> = async move {
        use skillmix::access::Action;
        let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
        let event = event_from_form(
            None,
            programme_id,
            title,
            date,
            start_time,
            duration_minutes,
            place,
            online_link,
            capacity,
        )?;
        let id = skillmix::store::workshops::create_event(&crate::ssr::pool(), programme_id, &event).await?;
        crate::ssr::audit_ok(&caller, "workshop.event.create", Some(format!("programme:{programme_id} event:{id}")))
            .await;
        crate::ssr::redirect(&format!("/workshops/{programme_id}/events/{id}"));
        Ok(id)
    }
    .await;
    result.map_err(|e| keep_values(e, &kept))
}

#[server(endpoint = "workshops/update-event")]
pub async fn update_event(
    programme_id: Id,
    event_id: Id,
    title: String,
    date: String,
    start_time: String,
    duration_minutes: String,
    place: String,
    online_link: String,
    capacity: String,
) -> Result<(), AppError> {
    let kept = [
        ("title", title.clone()),
        ("date", date.clone()),
        ("start_time", start_time.clone()),
        ("duration_minutes", duration_minutes.clone()),
        ("place", place.clone()),
        ("online_link", online_link.clone()),
        ("capacity", capacity.clone()),
    ];
    let result: Result<(), AppError> = async move {
        use skillmix::access::Action;
        let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
        super::ssr::check_event(programme_id, event_id).await?;
        let event = event_from_form(
            Some(event_id),
            programme_id,
            title,
            date,
            start_time,
            duration_minutes,
            place,
            online_link,
            capacity,
        )?;
        skillmix::store::workshops::update_event(&crate::ssr::pool(), &event).await?;
        crate::ssr::audit_ok(
            &caller,
            "workshop.event.update",
            Some(format!("programme:{programme_id} event:{event_id}")),
        )
        .await;
        crate::ssr::redirect(&format!("/workshops/{programme_id}/events/{event_id}"));
        Ok(())
    }
    .await;
    result.map_err(|e| keep_values(e, &kept))
}

#[server(endpoint = "workshops/delete-event")]
pub async fn delete_event(programme_id: Id, event_id: Id, confirm: Option<String>) -> Result<(), AppError> {
    use skillmix::access::Action;
    let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
    super::ssr::check_event(programme_id, event_id).await?;
    if confirm.as_deref() != Some("yes") {
        return Err(AppError::field("confirm", "Select yes to confirm you want to delete the event"));
    }
    skillmix::store::workshops::delete_event(&crate::ssr::pool(), event_id).await?;
    crate::ssr::audit_ok(&caller, "workshop.event.delete", Some(format!("programme:{programme_id} event:{event_id}")))
        .await;
    crate::ssr::redirect(&format!("/workshops/{programme_id}"));
    Ok(())
}

/// Copies an event with its agenda to `date` (another session of the same programme).
#[server(endpoint = "workshops/copy-event")]
pub async fn copy_event(programme_id: Id, event_id: Id, date: String) -> Result<Id, AppError> {
    let kept = [("date", date.clone())];
    let result: Result<Id, AppError> = async move {
        use skillmix::access::Action;
        use skillmix::workshop::DateShift;
        let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
        super::ssr::check_event(programme_id, event_id).await?;
        let mut errors = skillmix::validation::FieldErrors::new();
        let on = parse::date(&mut errors, "copy_date", "the date of the copy", &date);
        let on = parse::finish(errors, on)?.unwrap_or_default();
        let id =
            skillmix::store::workshops::duplicate_event(&crate::ssr::pool(), event_id, DateShift::FirstEventOn(on))
                .await
                .map_err(|e| match AppError::from(e) {
                    AppError::Validation(mut fields) => {
                        for f in &mut fields.0 {
                            if f.field == "date" {
                                f.field = "copy_date".into();
                            }
                        }
                        AppError::Validation(fields)
                    }
                    other => other,
                })?;
        crate::ssr::audit_ok(&caller, "workshop.event.copy", Some(format!("event:{event_id} to event:{id}"))).await;
        crate::ssr::redirect(&format!("/workshops/{programme_id}/events/{id}"));
        Ok(id)
    }
    .await;
    result.map_err(|e| keep_values(e, &kept))
}

/// Adds a library method to the end of the agenda with the method's default minutes.
#[server(endpoint = "workshops/add-method")]
pub async fn add_library_item(programme_id: Id, event_id: Id, method_id: String) -> Result<(), AppError> {
    use skillmix::access::Action;
    let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
    super::ssr::check_event(programme_id, event_id).await?;
    let method_id = crate::ssr::parse_id("method_id", "a method from the library", &method_id)?;
    let id = skillmix::store::workshops::add_method_item(&crate::ssr::pool(), event_id, method_id).await?;
    crate::ssr::audit_ok(&caller, "workshop.agenda.add", Some(format!("event:{event_id} item:{id}"))).await;
    Ok(())
}

/// Adds an item of the lead's own, or a break, to the end of the agenda.
#[server(endpoint = "workshops/add-item")]
pub async fn add_custom_item(
    programme_id: Id,
    event_id: Id,
    title: String,
    minutes: String,
    is_break: Option<String>,
) -> Result<(), AppError> {
    let kept = [("title", title.clone()), ("minutes", minutes.clone())];
    let result: Result<(), AppError> = async move {
        use skillmix::access::Action;
        let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
        super::ssr::check_event(programme_id, event_id).await?;
        let mut errors = skillmix::validation::FieldErrors::new();
        let minutes = parse::minutes(&mut errors, "minutes", "how many minutes it takes", &minutes);
        let minutes = parse::finish(errors, minutes)?.unwrap_or_default();
        let item = skillmix::workshop::AgendaItem {
            is_break: is_break.is_some(),
            ..skillmix::workshop::AgendaItem::new(title, minutes)
        };
        let id = skillmix::store::workshops::add_item(&crate::ssr::pool(), event_id, &item).await?;
        crate::ssr::audit_ok(&caller, "workshop.agenda.add", Some(format!("event:{event_id} item:{id}"))).await;
        Ok(())
    }
    .await;
    result.map_err(|e| keep_values(e, &kept))
}

#[server(endpoint = "workshops/update-item")]
pub async fn update_item(
    programme_id: Id,
    event_id: Id,
    item_id: Id,
    title: String,
    method_id: String,
    minutes: String,
    facilitator_id: String,
    materials: String,
    notes: String,
    is_break: Option<String>,
) -> Result<(), AppError> {
    let kept = [
        ("title", title.clone()),
        ("method_id", method_id.clone()),
        ("minutes", minutes.clone()),
        ("facilitator_id", facilitator_id.clone()),
        ("materials", materials.clone()),
        ("notes", notes.clone()),
    ];
    let result: Result<(), AppError> = async move {
        use skillmix::access::Action;
        let (caller, team_ids) = super::ssr::programme_access(Action::Update, programme_id).await?;
        super::ssr::check_item(programme_id, event_id, item_id).await?;
        let mut errors = skillmix::validation::FieldErrors::new();
        let minutes = parse::minutes(&mut errors, "minutes", "how many minutes it takes", &minutes);
        let minutes = parse::finish(errors, minutes)?.unwrap_or_default();
        let facilitator_id = parse::optional_id("facilitator_id", "a facilitator from the list", &facilitator_id)?;
        if let Some(person) = facilitator_id {
            let current = skillmix::store::workshops::get_item(&crate::ssr::pool(), item_id).await?.item.facilitator_id;
            if current != Some(person) && !super::ssr::is_programme_person(programme_id, &team_ids, person).await? {
                return Err(AppError::field("facilitator_id", "Select a facilitator from the list"));
            }
        }
        let item = skillmix::workshop::AgendaItem {
            id: Some(item_id),
            event_id: Some(event_id),
            position: 0,
            title,
            method_id: parse::optional_id("method_id", "a method from the library", &method_id)?,
            minutes,
            facilitator_id,
            materials,
            notes,
            is_break: is_break.is_some(),
        };
        skillmix::store::workshops::update_item(&crate::ssr::pool(), &item).await?;
        crate::ssr::audit_ok(&caller, "workshop.agenda.update", Some(format!("event:{event_id} item:{item_id}"))).await;
        crate::ssr::redirect(&format!("/workshops/{programme_id}/events/{event_id}#item-{item_id}"));
        Ok(())
    }
    .await;
    result.map_err(|e| keep_values(e, &kept))
}

#[server(endpoint = "workshops/delete-item")]
pub async fn delete_item(programme_id: Id, event_id: Id, item_id: Id) -> Result<(), AppError> {
    use skillmix::access::Action;
    let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
    super::ssr::check_item(programme_id, event_id, item_id).await?;
    skillmix::store::workshops::delete_item(&crate::ssr::pool(), item_id).await?;
    crate::ssr::audit_ok(&caller, "workshop.agenda.delete", Some(format!("event:{event_id} item:{item_id}"))).await;
    Ok(())
}

/// "Move up" and "Move down" (and first, last): small forms that work without JavaScript.
#[server(endpoint = "workshops/move-item")]
pub async fn move_item(programme_id: Id, event_id: Id, item_id: Id, direction: String) -> Result<(), AppError> {
    use skillmix::access::Action;
    use skillmix::workshop::Move;
    let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
    super::ssr::check_item(programme_id, event_id, item_id).await?;
    let to = Move::from_form(&direction, None).ok_or_else(|| AppError::field("direction", "Choose up or down"))?;
    skillmix::store::workshops::move_agenda_item(&crate::ssr::pool(), item_id, to).await?;
    crate::ssr::audit_ok(&caller, "workshop.agenda.move", Some(format!("event:{event_id} item:{item_id}"))).await;
    Ok(())
}

/// Sets every item's planned minutes to what it took when the event last ran.
#[server(endpoint = "workshops/plan-from-last-run")]
pub async fn plan_from_last_run(programme_id: Id, event_id: Id) -> Result<(), AppError> {
    use skillmix::access::Action;
    let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
    super::ssr::check_event(programme_id, event_id).await?;
    skillmix::store::workshops::plan_from_actuals(&crate::ssr::pool(), event_id).await?;
    crate::ssr::audit_ok(&caller, "workshop.agenda.plan-from-last-run", Some(format!("event:{event_id}"))).await;
    Ok(())
}

/// A facilitation timer button: start, pause, resume, toggle, extend, next or finish, at the
/// server's clock.
#[server(endpoint = "workshops/timer")]
pub async fn press_timer(programme_id: Id, event_id: Id, command: String) -> Result<(), AppError> {
    use skillmix::access::Action;
    use skillmix::workshop::TimerCommand;
    let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
    super::ssr::check_event(programme_id, event_id).await?;
    let command =
        TimerCommand::from_form(&command).ok_or_else(|| AppError::field("command", "Choose a timer button"))?;
    let now = chrono::Utc::now();
    skillmix::store::workshops::press_timer(
        &crate::ssr::pool(),
        event_id,
        command,
        now.timestamp_millis(),
        crate::ssr::today(),
    )
    .await?;
    crate::ssr::audit_ok(&caller, &format!("workshop.timer.{}", command.code()), Some(format!("event:{event_id}")))
        .await;
    Ok(())
}

/// Clears the timer so the event can be run again (recorded actual timings stay).
#[server(endpoint = "workshops/reset-timer")]
pub async fn reset_timer(programme_id: Id, event_id: Id) -> Result<(), AppError> {
    use skillmix::access::Action;
    let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
    super::ssr::check_event(programme_id, event_id).await?;
    skillmix::store::workshops::reset_timer(&crate::ssr::pool(), event_id).await?;
    crate::ssr::audit_ok(&caller, "workshop.timer.reset", Some(format!("event:{event_id}"))).await;
    Ok(())
}

/// Invites the ticked people (`person[ID]`) or the one chosen (`person_id`) in `role`.
#[server(endpoint = "workshops/invite")]
pub async fn invite_people(
    programme_id: Id,
    role: String,
    person: Option<HashMap<String, String>>,
    person_id: Option<String>,
) -> Result<(), AppError> {
    use skillmix::access::Action;
    let (caller, team_ids) = super::ssr::programme_access(Action::Update, programme_id).await?;
    let role = super::ssr::parse_role(&role)?;
    let mut people = parse::ticked(person);
    if let Some(one) = parse::optional_id("person_id", "a person to invite", person_id.as_deref().unwrap_or(""))? {
        people.push(one);
    }
    if people.is_empty() {
        let field = if person_id.is_some() { "person_id" } else { "person" };
        return Err(AppError::field(field, "Select at least one person to invite"));
    }
    for person in &people {
        if !super::ssr::is_programme_person(programme_id, &team_ids, *person).await? {
            return Err(AppError::field("person_id", "Select people from the programme's teams"));
        }
    }
    skillmix::store::workshops::invite(&crate::ssr::pool(), programme_id, &people, role).await?;
    crate::ssr::audit_ok(
        &caller,
        "workshop.invite",
        Some(format!("programme:{programme_id} ({} people)", people.len())),
    )
    .await;
    Ok(())
}

#[server(endpoint = "workshops/invitation")]
pub async fn update_invitation(programme_id: Id, person_id: Id, role: String, status: String) -> Result<(), AppError> {
    use skillmix::access::Action;
    let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
    let role = super::ssr::parse_role(&role)?;
    let status = super::ssr::parse_status(&status)?;
    skillmix::store::workshops::set_invitation_status(&crate::ssr::pool(), programme_id, person_id, role, status)
        .await?;
    crate::ssr::audit_ok(&caller, "workshop.invitation", Some(format!("programme:{programme_id} person:{person_id}")))
        .await;
    Ok(())
}

#[server(endpoint = "workshops/uninvite")]
pub async fn remove_invitation(programme_id: Id, person_id: Id, role: String) -> Result<(), AppError> {
    use skillmix::access::Action;
    let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
    let role = super::ssr::parse_role(&role)?;
    skillmix::store::workshops::remove_invitation(&crate::ssr::pool(), programme_id, person_id, role).await?;
    crate::ssr::audit_ok(&caller, "workshop.uninvite", Some(format!("programme:{programme_id} person:{person_id}")))
        .await;
    Ok(())
}

/// The register: everyone listed (`listed[ID]`) is recorded, as attended when ticked
/// (`present[ID]`); someone added on the day (`add_person_id`) is recorded as attended.
#[server(endpoint = "workshops/attendance-save")]
pub async fn save_attendance(
    programme_id: Id,
    event_id: Id,
    listed: Option<HashMap<String, String>>,
    present: Option<HashMap<String, String>>,
    add_person_id: Option<String>,
) -> Result<(), AppError> {
    use skillmix::access::Action;
    let (caller, team_ids) = super::ssr::programme_access(Action::Update, programme_id).await?;
    super::ssr::check_event(programme_id, event_id).await?;
    let listed = parse::ticked(listed);
    let present = parse::ticked(present);
    let mut register: Vec<(Id, bool)> = listed.iter().map(|id| (*id, present.contains(id))).collect();
    for id in &present {
        if !listed.contains(id) {
            register.push((*id, true));
        }
    }
    if let Some(extra) = parse::optional_id("add_person_id", "someone to add", add_person_id.as_deref().unwrap_or(""))?
    {
        register.retain(|(id, _)| *id != extra);
        register.push((extra, true));
    }
    let pool = crate::ssr::pool();
    let recorded = skillmix::store::workshops::attendance(&pool, event_id).await?;
    for (person, _) in &register {
        let known = recorded.iter().any(|r| r.person_id == *person)
            || super::ssr::is_programme_person(programme_id, &team_ids, *person).await?;
        if !known {
            return Err(AppError::field("add_person_id", "Select people from the programme's teams"));
        }
    }
    skillmix::store::workshops::record_attendance(&pool, event_id, &register).await?;
    crate::ssr::audit_ok(
        &caller,
        "workshop.attendance",
        Some(format!("programme:{programme_id} event:{event_id} ({} recorded)", register.len())),
    )
    .await;
    crate::ssr::redirect(&format!("/workshops/{programme_id}#events"));
    Ok(())
}

#[server(endpoint = "workshops/add-action")]
pub async fn add_action(
    programme_id: Id,
    action_text: String,
    owner_id: String,
    due_on: String,
    event_id: String,
) -> Result<(), AppError> {
    let kept = [
        ("action_text", action_text.clone()),
        ("owner_id", owner_id.clone()),
        ("due_on", due_on.clone()),
        ("event_id", event_id.clone()),
    ];
    let result: Result<(), AppError> = async move {
        use skillmix::access::Action;
        let (caller, team_ids) = super::ssr::programme_access(Action::Update, programme_id).await?;
        let mut errors = skillmix::validation::FieldErrors::new();
        let due = parse::optional_date(&mut errors, "due_on", "the due date", &due_on);
        let due = parse::finish(errors, due)?;
        let owner = parse::optional_id("owner_id", "who owns the action", &owner_id)?;
        if let Some(owner) = owner {
            if !super::ssr::is_programme_person(programme_id, &team_ids, owner).await? {
                return Err(AppError::field("owner_id", "Select who owns the action from the list"));
            }
        }
        let action = skillmix::store::workshops::NewAction {
            event_id: parse::optional_id("event_id", "an event", &event_id)?,
            text: action_text,
            owner_id: owner,
            due_on: due,
        };
        let id = skillmix::store::workshops::add_action(&crate::ssr::pool(), programme_id, &action).await?;
        crate::ssr::audit_ok(&caller, "workshop.action.add", Some(format!("programme:{programme_id} action:{id}")))
            .await;
        Ok(())
    }
    .await;
    result.map_err(|e| keep_values(e, &kept))
}

#[server(endpoint = "workshops/action-status")]
pub async fn set_action_status(programme_id: Id, action_id: Id, status: String) -> Result<(), AppError> {
    use skillmix::access::Action;
    use skillmix::workshop::ActionStatus;
    let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
    let pool = crate::ssr::pool();
    if skillmix::store::workshops::action_programme_id(&pool, action_id).await? != programme_id {
        return Err(AppError::NotFound("Action".into()));
    }
    let status = ActionStatus::from_code(&status).ok_or_else(|| AppError::field("status", "Choose done or open"))?;
    skillmix::store::workshops::set_action_status(&pool, action_id, status).await?;
    crate::ssr::audit_ok(
        &caller,
        "workshop.action.status",
        Some(format!("programme:{programme_id} action:{action_id}")),
    )
    .await;
    Ok(())
}

#[server(endpoint = "workshops/add-outcome")]
pub async fn add_outcome(programme_id: Id, outcome_text: String, outcome_event_id: String) -> Result<(), AppError> {
    let kept = [("outcome_text", outcome_text.clone()), ("outcome_event_id", outcome_event_id.clone())];
    let result: Result<(), AppError> = async move {
        use skillmix::access::Action;
        let (caller, _) = super::ssr::programme_access(Action::Update, programme_id).await?;
        let event_id = parse::optional_id("outcome_event_id", "an event", &outcome_event_id)?;
        let id =
            skillmix::store::workshops::add_outcome(&crate::ssr::pool(), programme_id, event_id, &outcome_text).await?;
        crate::ssr::audit_ok(&caller, "workshop.outcome.add", Some(format!("programme:{programme_id} outcome:{id}")))
            .await;
        Ok(())
    }
    .await;
    result.map_err(|e| keep_values(e, &kept))
}

/// Adds a lead's own method to the library.
#[server(endpoint = "workshops/create-method")]
pub async fn create_method(
    name: String,
    default_minutes: String,
    category: String,
    description: String,
) -> Result<Id, AppError> {
    let kept = [
        ("name", name.clone()),
        ("default_minutes", default_minutes.clone()),
        ("category", category.clone()),
        ("description", description.clone()),
    ];
    let result: Result<Id, AppError> = async move {
        use skillmix::access::{Action, Resource};
        use skillmix::workshop::{Method, MethodCategory};
        let caller = crate::ssr::require(Action::Create, Resource::Methods).await?;
        let mut errors = skillmix::validation::FieldErrors::new();
        let minutes = parse::minutes(&mut errors, "default_minutes", "the default minutes", &default_minutes);
        let category = MethodCategory::from_code(&category);
        if category.is_none() {
            errors.add("category", "Select what kind of method it is");
        }
        let (minutes, category) = parse::finish(errors, (minutes, category))?;
        let method = Method {
            id: None,
            name,
            default_minutes: minutes.unwrap_or_default(),
            description,
            category: category.unwrap_or(MethodCategory::Discussion),
            built_in: false,
        };
        let user_id = caller.user.as_ref().map(|u| u.id);
        let id = skillmix::store::workshops::create_method(&crate::ssr::pool(), &method, user_id).await?;
        crate::ssr::audit_ok(&caller, "workshop.method.create", Some(format!("method:{id}"))).await;
        Ok(id)
    }
    .await;
    result.map_err(|e| keep_values(e, &kept))
}
