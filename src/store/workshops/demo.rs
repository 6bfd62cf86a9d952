//! Loads the demo programme ([`crate::demo::demo_workshop`]) into a database that holds the demo
//! organisation: participants are suggested from the team's gaps in the targeted skills and
//! facilitators from its strong people, exactly as the programme page suggests them, so a new
//! user sees the planner in use.

use super::{
    add_action, add_outcome, create_event, create_programme, invite, list_methods, record_attendance,
    set_action_status, set_follow_up, set_invitation_status, NewAction,
};
use crate::demo::workshop::{RunBy, WorkshopSeed};
use crate::store::{begin_write, people, team_data, Pool, StoreError, StoreResult};
use crate::workshop::follow_up::{programme_capacity, ActionStatus, InvitationRole, InvitationStatus};
use crate::workshop::needs::{gaps, levels};
use crate::workshop::suggest::{suggest_facilitators, suggest_participants};
use crate::workshop::{item_from_method, Event};
use crate::Id;
use chrono::NaiveDate;

/// Loads the demo programme; returns its id.
pub async fn load_demo_workshop(pool: &Pool, seed: &WorkshopSeed, today: NaiveDate) -> StoreResult<Id> {
    let team_id: Id = sqlx::query_scalar("SELECT id FROM teams WHERE name = ?")
        .bind(&seed.team)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| StoreError::Conflict(format!("The demo team \"{}\" is missing", seed.team)))?;
    let data = team_data::load(pool, team_id).await?;
    let mut skill_ids = Vec::new();
    for code in &seed.skill_codes {
        let skill = data
            .skills
            .iter()
            .find(|s| &s.code == code)
            .ok_or_else(|| StoreError::Conflict(format!("The framework has no skill with code \"{code}\"")))?;
        skill_ids.push(skill.id);
    }
    let lead = people::team_members(pool, team_id).await?.into_iter().find(|m| m.is_lead).map(|m| m.person.id);
    let input = data.input(today);
    let events: Vec<Event> = seed.events.iter().map(|e| e.event.clone()).collect();
    let suggested = suggest_participants(&gaps(&input, &skill_ids), &skill_ids, programme_capacity(&events));
    let participants: Vec<Id> = suggested.invited.iter().map(|p| p.person_id).collect();
    let facilitators: Vec<Id> = suggest_facilitators(&levels(&input, &skill_ids), &skill_ids)
        .into_iter()
        .map(|f| f.person_id)
        .filter(|id| Some(*id) != lead)
        .take(seed.facilitators)
        .collect();
    let methods = list_methods(pool).await?;

    let mut programme = seed.programme.clone();
    programme.team_ids = vec![team_id];
    programme.skill_ids = skill_ids;
    let programme_id = create_programme(pool, &programme, None).await?;
    invite(pool, programme_id, &participants, InvitationRole::Participant).await?;
    invite(pool, programme_id, &facilitators, InvitationRole::Facilitator).await?;
    // Everyone replied yes except the last participant, who has not replied yet.
    let replied = participants.len().saturating_sub(1);
    for &person in participants.iter().take(replied) {
        set_invitation_status(pool, programme_id, person, InvitationRole::Participant, InvitationStatus::Accepted)
            .await?;
    }
    for &person in &facilitators {
        set_invitation_status(pool, programme_id, person, InvitationRole::Facilitator, InvitationStatus::Accepted)
            .await?;
    }

    let mut first_event = None;
    for event_seed in &seed.events {
        let event_id = create_event(pool, programme_id, &event_seed.event).await?;
        first_event.get_or_insert(event_id);
        let mut actuals = Vec::new();
        for item_seed in &event_seed.agenda {
            let mut item = match item_seed.method.as_ref().and_then(|name| methods.iter().find(|m| &m.name == name)) {
                Some(method) => item_from_method(method, 0),
                None => item_seed.item.clone(),
            };
            item.title = item_seed.item.title.clone();
            item.minutes = item_seed.item.minutes;
            item.materials = item_seed.item.materials.clone();
            item.notes = item_seed.item.notes.clone();
            item.facilitator_id = match item_seed.run_by {
                RunBy::Lead => lead,
                RunBy::Facilitator => facilitators.first().copied().or(lead),
                RunBy::Nobody => None,
            };
            let item_id = super::add_item(pool, event_id, &item).await?;
            actuals.push((item_id, item_seed.actual_minutes));
        }
        if event_seed.ran {
            let came: Vec<(Id, bool)> = participants
                .iter()
                .enumerate()
                .map(|(index, &person)| (person, index + 1 < participants.len()))
                .chain(facilitators.iter().map(|&person| (person, true)))
                .chain(lead.map(|person| (person, true)))
                .collect();
            record_attendance(pool, event_id, &came).await?;
            let mut tx = begin_write(pool).await?;
            for (item_id, minutes) in actuals {
                if let Some(minutes) = minutes {
                    sqlx::query(
                        "UPDATE workshop_agenda_items SET last_actual_minutes = ?, last_run_on = ? WHERE id = ?",
                    )
                    .bind(i64::from(minutes))
                    .bind(event_seed.event.date.to_string())
                    .bind(item_id)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            tx.commit().await?;
        }
    }

    set_follow_up(pool, programme_id, Some(seed.follow_up_on)).await?;
    for action in &seed.actions {
        let owner =
            if action.owner_is_lead { lead } else { participants.iter().copied().find(|p| Some(*p) != lead).or(lead) };
        let id = add_action(
            pool,
            programme_id,
            &NewAction {
                event_id: first_event,
                text: action.text.clone(),
                owner_id: owner,
                due_on: Some(action.due_on),
            },
        )
        .await?;
        if action.done {
            set_action_status(pool, id, ActionStatus::Done).await?;
        }
    }
    for outcome in &seed.outcomes {
        add_outcome(pool, programme_id, first_event, outcome).await?;
    }
    Ok(programme_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::temp_pool;
    use crate::store::workshops::{agenda_items, attendance, events_of, invitations, list_programmes};

    #[tokio::test]
    async fn the_demo_programme_is_built_from_the_teams_training_needs() {
        let (pool, _dir) = temp_pool().await;
        let today: NaiveDate = "2026-11-23".parse().unwrap();
        let version = crate::store::seed::ensure_starter_catalogue(&pool).await.unwrap();
        crate::store::seed::load_org(&pool, version, &crate::demo::demo_org(today)).await.unwrap();
        let id = load_demo_workshop(&pool, &crate::demo::demo_workshop(today), today).await.unwrap();
        let list = list_programmes(&pool).await.unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].skill_ids.len(), 2);
        let events = events_of(&pool, id).await.unwrap();
        assert_eq!(events.len(), 2);
        let invited = invitations(&pool, id).await.unwrap();
        let participants: Vec<_> = invited.iter().filter(|i| i.role == InvitationRole::Participant).collect();
        assert!(participants.len() >= 4, "{participants:?}");
        assert!(participants.len() <= 8, "capacity respected");
        assert!(invited.iter().any(|i| i.role == InvitationRole::Facilitator));
        let register = attendance(&pool, events[0].id.unwrap()).await.unwrap();
        assert!(register.iter().filter(|r| r.attended).count() >= 4);
        assert!(register.iter().any(|r| !r.attended));
        assert!(attendance(&pool, events[1].id.unwrap()).await.unwrap().is_empty());
        let first_agenda = agenda_items(&pool, events[0].id.unwrap()).await.unwrap();
        assert!(first_agenda.iter().all(|r| r.last_actual_minutes.is_some()));
        assert!(first_agenda.iter().any(|r| r.item.is_break));
        assert!(first_agenda.iter().all(|r| r.item.method_id.is_some()));
    }
}
