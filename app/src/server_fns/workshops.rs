//! The workshop planner: programmes built from training needs, events with timed agendas, the
//! method library, invitations, attendance, facilitation and follow-up.
//!
//! Every function first resolves the programme's teams and asks
//! `crate::ssr::require(action, Resource::Workshop { team_ids })`; leads manage the programmes
//! of the teams they lead. Writes are in [`forms`].

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use skillmix::workshop::timer::{FacilitationTimer, Millis};
use skillmix::workshop::{Event, Method, Programme};
use skillmix::Id;

pub mod forms;
pub use forms::*;

/// "Tuesday 9 June 2026".
pub fn long_date(date: chrono::NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// "9 June 2026".
pub fn short_date(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "1 hour 30 minutes".
pub fn minutes_text(minutes: u32) -> String {
    skillmix::workshop::schedule::describe_minutes(minutes)
}

/// A programme in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeListItem {
    pub id: Id,
    pub title: String,
    pub teams: Vec<String>,
    pub skills: Vec<String>,
    pub events: u32,
    /// "9 June 2026 to 7 July 2026", or "No events yet".
    pub dates: String,
    /// "Planning", "Upcoming", "In progress", "Finished".
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopListData {
    pub programmes: Vec<ProgrammeListItem>,
    pub may_create: bool,
}

/// A training need offered on the programme form: a skill people are behind in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedChoice {
    pub skill_id: Id,
    pub name: String,
    /// The kind of skill ("SFIA skills"), to tell apart skills with the same name.
    pub group: String,
    pub people_below: u32,
    pub largest_gap: i16,
}

/// Any skill of the teams' framework, for targeting it directly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillChoice {
    pub id: Id,
    pub name: String,
    pub group: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeFormData {
    /// When editing.
    pub programme: Option<Programme>,
    /// Teams the caller may plan for.
    pub teams: Vec<(Id, String)>,
    pub selected_teams: Vec<Id>,
    /// The training needs of the selected teams (all offered teams when none is selected).
    pub needs: Vec<NeedChoice>,
    /// Which teams the needs are for, for the heading.
    pub needs_for: Vec<String>,
    pub skills: Vec<SkillChoice>,
    pub selected_skills: Vec<Id>,
}

/// An event as the programme page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSummary {
    pub id: Id,
    pub title: String,
    pub date: String,
    pub iso_date: String,
    /// "09:30 to 12:30 BST".
    pub time: String,
    pub place: Option<String>,
    pub online_link: Option<String>,
    pub capacity: Option<u32>,
    pub items: u32,
    pub agenda_minutes: u32,
    pub event_minutes: u32,
    pub overrun_warning: Option<String>,
    /// People recorded, and how many of them came.
    pub attendance: (u32, u32),
    pub is_past: bool,
    /// "Running", "Paused", "Finished" when the facilitation timer has been used.
    pub timer: Option<String>,
}

/// A suggested participant or facilitator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionRow {
    pub person_id: Id,
    pub name: String,
    /// "Prototyping: 1 level below"; "Prototyping: 3 Practitioner".
    pub detail: String,
    /// Their invitation in this role, if they have one ("Invited", "Waiting list"...).
    pub status: Option<String>,
    /// Beyond capacity: would go on the waiting list.
    pub waiting: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRow {
    pub person_id: Id,
    pub name: String,
    pub role: String,
    pub role_title: String,
    pub status: String,
    pub status_title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub id: Id,
    pub text: String,
    pub owner: String,
    pub due: String,
    pub done: bool,
    pub overdue: bool,
    pub event: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeItem {
    pub text: String,
    pub event: Option<String>,
}

/// One attendee's levels before and after in one targeted skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpliftCell {
    pub before: String,
    pub after: String,
    /// "+1", "0", "-1", or "" when not measured.
    pub change: String,
    pub improved: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpliftPersonRow {
    pub person_id: Id,
    pub name: String,
    pub cells: Vec<UpliftCell>,
    /// "+0.5 levels on average", "Not measured yet".
    pub summary: String,
}

/// Counts over (person, skill) pairs, as the page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyRow {
    pub label: String,
    pub measured: u32,
    pub improved: u32,
    pub unchanged: u32,
    pub declined: u32,
    pub not_measured: u32,
    /// "+0.50", or "–" when nothing is measured.
    pub average: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpliftView {
    /// How before and after are chosen, in words.
    pub explanation: String,
    pub skills: Vec<String>,
    pub people: Vec<UpliftPersonRow>,
    pub by_skill: Vec<TallyRow>,
    pub total: TallyRow,
    pub people_improved: u32,
    pub attendees: u32,
}

/// An attendee due for the follow-up re-assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueRow {
    pub person_id: Id,
    pub name: String,
    pub skills: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammePageData {
    pub programme: Programme,
    pub teams: Vec<(Id, String)>,
    pub skills: Vec<(Id, String)>,
    pub events: Vec<EventSummary>,
    /// Smallest capacity of the events.
    pub capacity: Option<u32>,
    pub participants: Vec<SuggestionRow>,
    pub facilitators: Vec<SuggestionRow>,
    pub invitations: Vec<InvitationRow>,
    pub places_taken: u32,
    pub attendees: Vec<(Id, String)>,
    pub actions: Vec<ActionItem>,
    pub outcomes: Vec<OutcomeItem>,
    /// ISO date of the follow-up re-assessment, and the same in words.
    pub follow_up_on: Option<(String, String)>,
    pub follow_up_reached: bool,
    pub due: Vec<DueRow>,
    pub uplift: Option<UpliftView>,
    /// People who can own actions or be invited: members of the programme's teams.
    pub people: Vec<(Id, String)>,
    pub may_edit: bool,
    pub today: String,
}

/// One agenda item on the agenda editor, the print view and the JSON export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaLine {
    pub id: Id,
    pub position: u32,
    pub title: String,
    pub method: Option<String>,
    pub minutes: u32,
    /// Wall-clock start and end in the programme's zone ("09:30").
    pub start: String,
    pub end: String,
    /// "(next day)" past midnight.
    pub day_note: Option<String>,
    pub facilitator: Option<String>,
    pub materials: String,
    pub notes: String,
    pub is_break: bool,
    pub last_actual_minutes: Option<u32>,
    pub last_run_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodChoice {
    pub id: Id,
    pub name: String,
    pub minutes: u32,
    pub category: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventPageData {
    pub programme_id: Id,
    pub programme_title: String,
    pub objectives: Vec<String>,
    pub time_zone: String,
    pub event: Event,
    pub date: String,
    /// "09:30 to 12:30 BST".
    pub time: String,
    pub items: Vec<AgendaLine>,
    pub agenda_minutes: u32,
    pub event_minutes: u32,
    pub spare_minutes: u32,
    pub overrun_warning: Option<String>,
    /// Clock changes, midnight, an ambiguous start.
    pub notices: Vec<String>,
    pub agenda_end: String,
    pub methods: Vec<MethodChoice>,
    pub facilitators: Vec<(Id, String)>,
    /// Sum of last-run minutes over items that ran, and of their planned minutes.
    pub last_run: Option<(u32, u32)>,
    pub timer_status: String,
    pub may_edit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFormData {
    pub programme_id: Id,
    pub programme_title: String,
    pub time_zone: String,
    pub event: Option<Event>,
    /// A sensible date for a new event (a week after the last one, or two weeks from today).
    pub suggested_date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemFormData {
    pub programme_id: Id,
    pub programme_title: String,
    pub event_id: Id,
    pub event_title: String,
    pub item: AgendaLine,
    pub method_id: Option<Id>,
    pub facilitator_id: Option<Id>,
    pub methods: Vec<MethodChoice>,
    pub facilitators: Vec<(Id, String)>,
}

/// One person on an event's attendance register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterRow {
    pub person_id: Id,
    pub name: String,
    /// "Participant", "Facilitator or mentor", "Added on the day".
    pub role: String,
    pub attended: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceData {
    pub programme_id: Id,
    pub programme_title: String,
    pub event_id: Id,
    pub event_title: String,
    pub date: String,
    pub register: Vec<RegisterRow>,
    /// Members of the programme's teams not on the register.
    pub others: Vec<(Id, String)>,
    pub may_edit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilitateData {
    pub programme_id: Id,
    pub programme_title: String,
    pub event_id: Id,
    pub event_title: String,
    /// The programme's zone's offset from UTC now, in minutes: the page writes clock times with
    /// it, so the browser needs no time-zone database (an event does not run across a change
    /// of the clocks).
    pub utc_offset_minutes: i32,
    pub timer: FacilitationTimer,
    /// The server's clock when this was loaded (Unix milliseconds): the page corrects the
    /// browser's clock by the difference.
    pub server_now: Millis,
    /// Planned start of the event in the zone ("09:30").
    pub planned_start: String,
    pub may_run: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodsData {
    pub methods: Vec<Method>,
    pub may_create: bool,
}

#[server(endpoint = "workshops/list", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_workshops() -> Result<WorkshopListData, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::{framework, people, workshops};

    let caller = crate::ssr::caller().await?;
    if !caller.viewer.is_signed_in() {
        return Err(AppError::SignInRequired);
    }
    let pool = crate::ssr::pool();
    let today = crate::ssr::today();
    let teams = people::list_teams(&pool).await?;
    let mut programmes = Vec::new();
    for summary in workshops::list_programmes(&pool).await? {
        let resource = Resource::Workshop { team_ids: summary.team_ids.clone() };
        if !caller.may(Action::Read, &resource) {
            continue;
        }
        let mut skills = Vec::new();
        for id in &summary.skill_ids {
            skills.push(framework::get_skill(&pool, *id).await?.name);
        }
        let status = match (summary.first_date, summary.last_date) {
            (Some(first), _) if first > today => "Upcoming",
            (Some(_), Some(last)) if last >= today => "In progress",
            (Some(_), Some(_)) => "Finished",
            _ => "Planning",
        };
        programmes.push(ProgrammeListItem {
            id: summary.id,
            title: summary.title,
            teams: teams.iter().filter(|t| summary.team_ids.contains(&t.id)).map(|t| t.name.clone()).collect(),
            skills,
            events: summary.events,
            dates: match (summary.first_date, summary.last_date) {
                (Some(first), Some(last)) if first == last => short_date(first),
                (Some(first), Some(last)) => {
                    format!("{} to {}", short_date(first), short_date(last))
                }
                _ => "No events yet".into(),
            },
            status: status.into(),
        });
    }
    Ok(WorkshopListData {
        programmes,
        may_create: caller.may(Action::Create, &Resource::Workshop { team_ids: vec![] }),
    })
}

#[server(endpoint = "workshops/form", input = leptos::server_fn::codec::GetUrl)]
pub async fn programme_form(id: Option<Id>, team: Option<Id>, skills: String) -> Result<ProgrammeFormData, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::framework::SkillKind;
    use skillmix::store::{people, team_data, workshops};
    use skillmix::workshop::needs;

    let pool = crate::ssr::pool();
    let (caller, programme) = match id {
        Some(id) => {
            let (caller, _) = ssr::programme_access(Action::Update, id).await?;
            (caller, Some(workshops::get_programme(&pool, id).await?.programme))
        }
        None => (crate::ssr::require(Action::Create, Resource::Workshop { team_ids: vec![] }).await?, None),
    };
    let mut teams: Vec<(Id, String)> = Vec::new();
    for t in people::list_teams(&pool).await? {
        let chosen = programme.as_ref().is_some_and(|p| p.team_ids.contains(&t.id));
        if chosen || caller.may(Action::Update, &Resource::Team { id: t.id }) {
            teams.push((t.id, t.name));
        }
    }
    let selected_teams: Vec<Id> = match (&programme, team) {
        (Some(p), _) => p.team_ids.clone(),
        (None, Some(team)) if teams.iter().any(|(id, _)| *id == team) => vec![team],
        (None, _) if teams.len() == 1 => vec![teams[0].0],
        _ => Vec::new(),
    };
    let needs_teams: Vec<Id> =
        if selected_teams.is_empty() { teams.iter().map(|(id, _)| *id).collect() } else { selected_teams.clone() };
    let today = crate::ssr::today();
    let mut gap_lists = Vec::new();
    let mut all_skills: Vec<skillmix::framework::Skill> = Vec::new();
    let mut needs_for = Vec::new();
    for team_id in &needs_teams {
        let data = team_data::load(&pool, *team_id).await?;
        gap_lists.push(needs::gaps(&data.input(today), &[]));
        needs_for.push(data.team.name.clone());
        for skill in data.skills {
            if !all_skills.iter().any(|s| s.id == skill.id) {
                all_skills.push(skill);
            }
        }
    }
    let skill_name = |id: Id| all_skills.iter().find(|s| s.id == id).map(|s| s.name.clone()).unwrap_or_default();
    let need_choices: Vec<NeedChoice> = needs::needs_by_skill(&needs::merge_gaps(gap_lists))
        .into_iter()
        .map(|n| NeedChoice {
            skill_id: n.skill_id,
            name: skill_name(n.skill_id),
            group: all_skills
                .iter()
                .find(|s| s.id == n.skill_id)
                .map(|s| s.kind.title().to_string())
                .unwrap_or_default(),
            people_below: n.people_below,
            largest_gap: n.largest_gap,
        })
        .collect();
    let mut skill_choices: Vec<SkillChoice> = Vec::new();
    for kind in SkillKind::ALL {
        let mut of_kind: Vec<&skillmix::framework::Skill> = all_skills.iter().filter(|s| s.kind == kind).collect();
        of_kind.sort_by_key(|s| s.name.to_lowercase());
        skill_choices.extend(of_kind.into_iter().map(|s| SkillChoice {
            id: s.id,
            name: s.name.clone(),
            group: kind.title().to_string(),
        }));
    }
    let selected_skills = match &programme {
        Some(p) => p.skill_ids.clone(),
        None => skills.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
    };
    // A programme's own skills stay offered even if they are from another version.
    if let Some(p) = &programme {
        for id in &p.skill_ids {
            if !skill_choices.iter().any(|c| c.id == *id) {
                let skill = skillmix::store::framework::get_skill(&pool, *id).await?;
                skill_choices.push(SkillChoice { id: skill.id, name: skill.name, group: "Other".into() });
            }
        }
    }
    Ok(ProgrammeFormData {
        programme,
        teams,
        selected_teams,
        needs: need_choices,
        needs_for,
        skills: skill_choices,
        selected_skills,
    })
}

#[server(endpoint = "workshops/programme", input = leptos::server_fn::codec::GetUrl)]
pub async fn programme_page(id: Id) -> Result<ProgrammePageData, AppError> {
    use skillmix::access::Action;
    ssr::programme_page_data(id, Action::Read).await
}

#[server(endpoint = "workshops/event-form", input = leptos::server_fn::codec::GetUrl)]
pub async fn event_form(programme_id: Id, event_id: Option<Id>) -> Result<EventFormData, AppError> {
    use skillmix::access::Action;
    use skillmix::store::workshops;

    ssr::programme_access(Action::Update, programme_id).await?;
    let pool = crate::ssr::pool();
    let programme = workshops::get_programme(&pool, programme_id).await?.programme;
    let event = match event_id {
        Some(event_id) => {
            ssr::check_event(programme_id, event_id).await?;
            Some(workshops::get_event(&pool, event_id).await?)
        }
        None => None,
    };
    let events = workshops::events_of(&pool, programme_id).await?;
    let suggested = events
        .iter()
        .map(|e| e.date)
        .max()
        .map(|d| d + chrono::Days::new(7))
        .unwrap_or_else(|| crate::ssr::today() + chrono::Days::new(14));
    Ok(EventFormData {
        programme_id,
        programme_title: programme.title,
        time_zone: programme.time_zone,
        event,
        suggested_date: suggested.to_string(),
    })
}

#[server(endpoint = "workshops/event", input = leptos::server_fn::codec::GetUrl)]
pub async fn event_page(programme_id: Id, event_id: Id) -> Result<EventPageData, AppError> {
    use skillmix::access::Action;
    let (caller, team_ids) = ssr::programme_access(Action::Read, programme_id).await?;
    ssr::check_event(programme_id, event_id).await?;
    let may_edit = caller.may(Action::Update, &skillmix::access::Resource::Workshop { team_ids });
    ssr::event_page_data(programme_id, event_id, may_edit).await
}

#[server(endpoint = "workshops/item-form", input = leptos::server_fn::codec::GetUrl)]
pub async fn item_form(programme_id: Id, event_id: Id, item_id: Id) -> Result<ItemFormData, AppError> {
    use skillmix::access::Action;
    use skillmix::store::workshops;

    ssr::programme_access(Action::Update, programme_id).await?;
    ssr::check_item(programme_id, event_id, item_id).await?;
    let page = ssr::event_page_data(programme_id, event_id, true).await?;
    let row = workshops::get_item(&crate::ssr::pool(), item_id).await?;
    let item =
        page.items.iter().find(|i| i.id == item_id).cloned().ok_or_else(|| AppError::NotFound("Agenda item".into()))?;
    Ok(ItemFormData {
        programme_id,
        programme_title: page.programme_title,
        event_id,
        event_title: page.event.title,
        item,
        method_id: row.item.method_id,
        facilitator_id: row.item.facilitator_id,
        methods: page.methods,
        facilitators: page.facilitators,
    })
}

#[server(endpoint = "workshops/attendance", input = leptos::server_fn::codec::GetUrl)]
pub async fn attendance_form(programme_id: Id, event_id: Id) -> Result<AttendanceData, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::workshops;
    use skillmix::workshop::InvitationStatus;

    let (caller, team_ids) = ssr::programme_access(Action::Read, programme_id).await?;
    ssr::check_event(programme_id, event_id).await?;
    let pool = crate::ssr::pool();
    let programme = workshops::get_programme(&pool, programme_id).await?.programme;
    let event = workshops::get_event(&pool, event_id).await?;
    let recorded = workshops::attendance(&pool, event_id).await?;
    let mut register: Vec<RegisterRow> = Vec::new();
    for invitation in workshops::invitations(&pool, programme_id).await? {
        if register.iter().any(|r| r.person_id == invitation.person_id) {
            continue;
        }
        let attended = recorded.iter().find(|r| r.person_id == invitation.person_id).map(|r| r.attended);
        if invitation.status == InvitationStatus::Declined && attended.is_none() {
            continue;
        }
        register.push(RegisterRow {
            person_id: invitation.person_id,
            name: invitation.person_name,
            role: invitation.role.title().to_string(),
            attended,
        });
    }
    for row in &recorded {
        if !register.iter().any(|r| r.person_id == row.person_id) {
            register.push(RegisterRow {
                person_id: row.person_id,
                name: row.person_name.clone(),
                role: "Added on the day".into(),
                attended: Some(row.attended),
            });
        }
    }
    let others = ssr::team_people(&team_ids)
        .await?
        .into_iter()
        .filter(|(id, _)| !register.iter().any(|r| r.person_id == *id))
        .collect();
    Ok(AttendanceData {
        programme_id,
        programme_title: programme.title,
        event_id,
        event_title: event.title,
        date: long_date(event.date),
        register,
        others,
        may_edit: caller.may(Action::Update, &Resource::Workshop { team_ids }),
    })
}

#[server(endpoint = "workshops/facilitate", input = leptos::server_fn::codec::GetUrl)]
pub async fn facilitation(programme_id: Id, event_id: Id) -> Result<FacilitateData, AppError> {
    use skillmix::access::{Action, Resource};
    use skillmix::store::workshops;

    let (caller, team_ids) = ssr::programme_access(Action::Read, programme_id).await?;
    ssr::check_event(programme_id, event_id).await?;
    let pool = crate::ssr::pool();
    let programme = workshops::get_programme(&pool, programme_id).await?.programme;
    let event = workshops::get_event(&pool, event_id).await?;
    let zone = skillmix::workshop::zone_or_default(&programme.time_zone);
    let utc_offset_minutes = {
        use chrono::Offset;
        chrono::Utc::now().with_timezone(&zone).offset().fix().local_minus_utc() / 60
    };
    Ok(FacilitateData {
        programme_id,
        programme_title: programme.title,
        event_id,
        event_title: event.title,
        utc_offset_minutes,
        timer: workshops::timer(&pool, event_id).await?,
        server_now: chrono::Utc::now().timestamp_millis(),
        planned_start: event.start_time.format("%H:%M").to_string(),
        may_run: caller.may(Action::Update, &Resource::Workshop { team_ids }),
    })
}

#[server(endpoint = "workshops/methods", input = leptos::server_fn::codec::GetUrl)]
pub async fn method_library() -> Result<MethodsData, AppError> {
    use skillmix::access::{Action, Resource};
    let caller = crate::ssr::require(Action::Read, Resource::Methods).await?;
    let methods = skillmix::store::workshops::list_methods(&crate::ssr::pool()).await?;
    Ok(MethodsData { methods, may_create: caller.may(Action::Create, &Resource::Methods) })
}

/// Server-side helpers shared by the read and write functions (and the JSON API).
#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::error::AppResult;
    use crate::ssr::{pool, Caller};
    use skillmix::access::{Action, Resource};
    use skillmix::assessment::{Assessment, SourceFilter};
    use skillmix::store::{framework, people, team_data, workshops};
    use skillmix::workshop::follow_up::{due_for_reassessment, is_overdue, programme_capacity};
    use skillmix::workshop::needs::{gaps, levels, merge_gaps, merge_levels};
    use skillmix::workshop::schedule::{schedule, AgendaSchedule};
    use skillmix::workshop::suggest::{suggest_facilitators, suggest_participants};
    use skillmix::workshop::timer::TimerStatus;
    use skillmix::workshop::uplift::{uplift, UpliftTally, UpliftWindow};
    use skillmix::workshop::{InvitationRole, InvitationStatus};

    /// Authorises `action` on the programme; returns the caller and the programme's teams.
    /// The caller must be signed in first; then a programme that does not exist and one the
    /// caller may not reach get the same answer (404), so programme ids cannot be probed.
    pub async fn programme_access(action: Action, programme_id: Id) -> AppResult<(Caller, Vec<Id>)> {
        let caller = crate::ssr::caller().await?;
        if !caller.viewer.is_signed_in() {
            return Err(AppError::SignInRequired);
        }
        let team_ids = match workshops::programme_team_ids(&pool(), programme_id).await {
            Err(skillmix::store::StoreError::NotFound(_)) => return Err(AppError::NotFound("Programme".into())),
            other => other?,
        };
        crate::ssr::check_hidden(&caller, action, &Resource::Workshop { team_ids: team_ids.clone() }, "Programme")
            .await?;
        Ok((caller, team_ids))
    }

    /// The event must belong to the programme (ids in the address cannot be mixed and matched).
    pub async fn check_event(programme_id: Id, event_id: Id) -> AppResult<()> {
        if workshops::event_programme_id(&pool(), event_id).await? != programme_id {
            return Err(AppError::NotFound("Event".into()));
        }
        Ok(())
    }

    pub async fn check_item(programme_id: Id, event_id: Id, item_id: Id) -> AppResult<()> {
        check_event(programme_id, event_id).await?;
        if workshops::item_event_id(&pool(), item_id).await? != event_id {
            return Err(AppError::NotFound("Agenda item".into()));
        }
        Ok(())
    }

    pub fn zone(name: &str) -> skillmix::workshop::Tz {
        skillmix::workshop::zone_or_default(name)
    }

    /// Members of the teams, by name, each once.
    pub async fn team_people(team_ids: &[Id]) -> AppResult<Vec<(Id, String)>> {
        let mut out: Vec<(Id, String)> = Vec::new();
        for team_id in team_ids {
            for member in people::team_members(&pool(), *team_id).await? {
                if !out.iter().any(|(id, _)| *id == member.person.id) {
                    out.push((member.person.id, member.person.name));
                }
            }
        }
        out.sort_by_key(|(_, name)| name.to_lowercase());
        Ok(out)
    }

    /// "09:30 to 12:30 BST" for the booked slot.
    pub fn time_range(timing: &AgendaSchedule) -> String {
        let next_day = if timing.end.local.date() > timing.start.local.date() { " (next day)" } else { "" };
        format!("{} to {}{next_day} {}", timing.start.clock(), timing.end.clock(), timing.end.abbreviation)
    }

    fn timer_label(status: TimerStatus) -> Option<String> {
        match status {
            TimerStatus::NotStarted => None,
            TimerStatus::Running => Some("Running now".into()),
            TimerStatus::Paused => Some("Paused".into()),
            TimerStatus::Finished => Some("Run".into()),
        }
    }

    pub async fn event_summary(
        event: &Event,
        zone_name: &str,
        counts: &[(Id, u32, u32)],
        today: chrono::NaiveDate,
    ) -> AppResult<EventSummary> {
        let pool = pool();
        let id = event.id.unwrap_or_default();
        let agenda: Vec<_> = workshops::agenda_items(&pool, id).await?.into_iter().map(|r| r.item).collect();
        let timer = workshops::timer(&pool, id).await?;
        // A start time that no longer exists (the programme's zone was changed) is shown, not fatal.
        let (time, agenda_minutes, overrun_warning) = match schedule(event, &agenda, zone(zone_name)) {
            Ok(timing) => (time_range(&timing), timing.agenda_minutes, timing.overrun_warning()),
            Err(e) => (capitalise(&e.to_string()), agenda.iter().map(|i| i.minutes).sum(), None),
        };
        Ok(EventSummary {
            id,
            title: event.title.clone(),
            date: long_date(event.date),
            iso_date: event.date.to_string(),
            time,
            place: event.place.clone(),
            online_link: event.online_link.clone(),
            capacity: event.capacity,
            items: agenda.len() as u32,
            agenda_minutes,
            event_minutes: event.duration_minutes,
            overrun_warning,
            attendance: counts.iter().find(|c| c.0 == id).map(|c| (c.1, c.2)).unwrap_or((0, 0)),
            is_past: event.date < today,
            timer: timer_label(timer.status()),
        })
    }

    fn tally_row(label: String, tally: &UpliftTally) -> TallyRow {
        TallyRow {
            label,
            measured: tally.measured as u32,
            improved: tally.improved as u32,
            unchanged: tally.unchanged as u32,
            declined: tally.declined as u32,
            not_measured: tally.not_measured as u32,
            average: tally.average_change.map(|a| format!("{a:+.2}")).unwrap_or_else(|| "–".into()),
        }
    }

    fn capitalise(text: &str) -> String {
        let mut chars = text.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    /// Everything the programme page shows.
    pub async fn programme_page_data(id: Id, action: Action) -> AppResult<ProgrammePageData> {
        let (caller, team_ids) = programme_access(action, id).await?;
        let pool = pool();
        let record = workshops::get_programme(&pool, id).await?;
        let programme = record.programme.clone();
        let skill_ids = programme.skill_ids.clone();
        let today = crate::ssr::today();
        let events = workshops::events_of(&pool, id).await?;
        let counts = workshops::attendance_counts(&pool, id).await?;
        let mut summaries = Vec::with_capacity(events.len());
        for event in &events {
            summaries.push(event_summary(event, &programme.time_zone, &counts, today).await?);
        }
        let mut skills: Vec<(Id, String, skillmix::scale::Scale)> = Vec::new();
        for skill_id in &skill_ids {
            let skill = framework::get_skill(&pool, *skill_id).await?;
            skills.push((skill.id, skill.name, skill.scale));
        }
        let skill_name = |id: Id| skills.iter().find(|s| s.0 == id).map(|s| s.1.clone()).unwrap_or_default();
        let scale_of = |id: Id| skills.iter().find(|s| s.0 == id).map(|s| s.2).unwrap_or(skillmix::scale::Scale::Ddat);

        let mut teams = Vec::new();
        let mut gap_lists = Vec::new();
        let mut level_lists = Vec::new();
        let mut assessments: Vec<Assessment> = Vec::new();
        for team_id in &team_ids {
            let data = team_data::load(&pool, *team_id).await?;
            teams.push((data.team.id, data.team.name.clone()));
            let input = data.input(today);
            gap_lists.push(gaps(&input, &skill_ids));
            level_lists.push(levels(&input, &skill_ids));
            for a in &data.assessments {
                if !assessments.iter().any(|b| b.id == a.id && b.skill_id == a.skill_id) {
                    assessments.push(a.clone());
                }
            }
        }
        let capacity = programme_capacity(&events);
        let invitations = workshops::invitations(&pool, id).await?;
        let status_of = |person_id: Id, role: InvitationRole| {
            invitations
                .iter()
                .find(|i| i.person_id == person_id && i.role == role)
                .map(|i| i.status.title().to_string())
        };
        let suggested = suggest_participants(&merge_gaps(gap_lists), &skill_ids, capacity);
        let participant_row = |p: &skillmix::workshop::suggest::ParticipantSuggestion, waiting: bool| SuggestionRow {
            person_id: p.person_id,
            name: p.person_name.clone(),
            detail: p
                .gaps
                .iter()
                .map(|(skill, gap)| {
                    format!(
                        "{}: {} below",
                        skill_name(*skill),
                        if *gap == 1 { "1 level".into() } else { format!("{gap} levels") }
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            status: status_of(p.person_id, InvitationRole::Participant),
            waiting,
        };
        let mut participants: Vec<SuggestionRow> =
            suggested.invited.iter().map(|p| participant_row(p, false)).collect();
        participants.extend(suggested.waiting.iter().map(|p| participant_row(p, true)));
        let facilitators = suggest_facilitators(&merge_levels(level_lists), &skill_ids)
            .into_iter()
            .map(|f| SuggestionRow {
                person_id: f.person_id,
                name: f.person_name.clone(),
                detail: f
                    .skills
                    .iter()
                    .map(|s| format!("{}: {}", skill_name(s.skill_id), s.label))
                    .collect::<Vec<_>>()
                    .join("; "),
                status: status_of(f.person_id, InvitationRole::Facilitator),
                waiting: false,
            })
            .collect();
        let places_taken =
            invitations.iter().filter(|i| i.role == InvitationRole::Participant && i.status.holds_place()).count()
                as u32;
        let invitation_rows = invitations
            .iter()
            .map(|i| InvitationRow {
                person_id: i.person_id,
                name: i.person_name.clone(),
                role: i.role.code().into(),
                role_title: i.role.title().into(),
                status: i.status.code().into(),
                status_title: i.status.title().into(),
            })
            .collect();

        let attendees = workshops::attendees(&pool, id).await?;
        let attendee_ids: Vec<Id> = attendees.iter().map(|(id, _)| *id).collect();
        let name_of =
            |person: Id| attendees.iter().find(|(id, _)| *id == person).map(|(_, n)| n.clone()).unwrap_or_default();
        let window = UpliftWindow::from_events(&events, record.follow_up_on);
        let result = window
            .filter(|_| !attendee_ids.is_empty() && !skill_ids.is_empty())
            .map(|window| uplift(&attendee_ids, &skill_ids, &assessments, window, SourceFilter::Latest));
        let due = result
            .as_ref()
            .map(|u| {
                due_for_reassessment(u, today)
                    .into_iter()
                    .map(|d| DueRow {
                        person_id: d.person_id,
                        name: name_of(d.person_id),
                        skills: d.skill_ids.iter().map(|s| skill_name(*s)).collect(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let uplift_view = result.map(|u| {
            let explanation = match u.window.follow_up {
                Some(follow_up) => format!(
                    "Before: the latest assessment before the first event ({}). After: the first assessment on or after the re-assessment date ({}).",
                    short_date(u.window.first_event),
                    short_date(follow_up)
                ),
                None => format!(
                    "Before: the latest assessment before the first event ({}). After: the latest assessment after the last event ({}). Set a re-assessment date to fix when \"after\" is measured.",
                    short_date(u.window.first_event),
                    short_date(u.window.last_event)
                ),
            };
            UpliftView {
                explanation,
                skills: skill_ids.iter().map(|s| skill_name(*s)).collect(),
                people: u
                    .people
                    .iter()
                    .map(|p| UpliftPersonRow {
                        person_id: p.person_id,
                        name: name_of(p.person_id),
                        cells: p
                            .skills
                            .iter()
                            .map(|c| {
                                let scale = scale_of(c.skill_id);
                                UpliftCell {
                                    before: c.before.map(|l| scale.label(l)).unwrap_or_else(|| "Not assessed".into()),
                                    after: c.after.map(|l| scale.label(l)).unwrap_or_else(|| "Not yet".into()),
                                    change: c.change.map(|d| format!("{d:+}")).unwrap_or_default(),
                                    improved: c.change.is_some_and(|d| d > 0),
                                }
                            })
                            .collect(),
                        summary: match p.tally.average_change {
                            Some(a) => format!("{a:+.1} levels on average"),
                            None => "Not measured yet".into(),
                        },
                    })
                    .collect(),
                by_skill: u.by_skill.iter().map(|s| tally_row(skill_name(s.skill_id), &s.tally)).collect(),
                total: tally_row("All targeted skills".into(), &u.total),
                people_improved: u.people_improved as u32,
                attendees: u.people.len() as u32,
            }
        });

        let event_title = |event_id: Option<Id>| {
            event_id.and_then(|e| events.iter().find(|x| x.id == Some(e))).map(|e| e.title.clone())
        };
        let actions = workshops::actions(&pool, id)
            .await?
            .into_iter()
            .map(|a| ActionItem {
                id: a.id,
                text: a.text,
                owner: a.owner_name.unwrap_or_else(|| "No owner".into()),
                due: a.due_on.map(short_date).unwrap_or_else(|| "No date".into()),
                done: a.status == skillmix::workshop::ActionStatus::Done,
                overdue: is_overdue(a.status, a.due_on, today),
                event: event_title(a.event_id),
            })
            .collect();
        let outcomes = workshops::outcomes(&pool, id)
            .await?
            .into_iter()
            .map(|o| OutcomeItem { text: o.text, event: event_title(o.event_id) })
            .collect();
        let mut people = team_people(&team_ids).await?;
        for i in &invitations {
            if !people.iter().any(|(id, _)| *id == i.person_id) {
                people.push((i.person_id, i.person_name.clone()));
            }
        }
        Ok(ProgrammePageData {
            may_edit: caller.may(Action::Update, &Resource::Workshop { team_ids: team_ids.clone() }),
            programme,
            teams,
            skills: skills.iter().map(|s| (s.0, s.1.clone())).collect(),
            events: summaries,
            capacity,
            participants,
            facilitators,
            invitations: invitation_rows,
            places_taken,
            attendees,
            actions,
            outcomes,
            follow_up_on: record.follow_up_on.map(|d| (d.to_string(), long_date(d))),
            follow_up_reached: record.follow_up_on.is_some_and(|d| d <= today),
            due,
            uplift: uplift_view,
            people,
            today: today.to_string(),
        })
    }

    /// The agenda laid out on the clock, with names for methods and facilitators.
    pub async fn event_page_data(programme_id: Id, event_id: Id, may_edit: bool) -> AppResult<EventPageData> {
        let pool = pool();
        let record = workshops::get_programme(&pool, programme_id).await?;
        let event = workshops::get_event(&pool, event_id).await?;
        let rows = workshops::agenda_items(&pool, event_id).await?;
        let agenda: Vec<_> = rows.iter().map(|r| r.item.clone()).collect();
        let timing = schedule(&event, &agenda, zone(&record.programme.time_zone))
            .map_err(|e| AppError::Conflict(e.to_string()))?;
        let methods = workshops::list_methods(&pool).await?;
        let facilitators = {
            let mut list = team_people(&record.programme.team_ids).await?;
            for i in workshops::invitations(&pool, programme_id).await? {
                if i.role == InvitationRole::Facilitator && !list.iter().any(|(id, _)| *id == i.person_id) {
                    list.push((i.person_id, i.person_name));
                }
            }
            for r in &rows {
                if let Some(f) = r.item.facilitator_id {
                    if !list.iter().any(|(id, _)| *id == f) {
                        list.push((f, people::get_person(&pool, f).await?.name));
                    }
                }
            }
            list
        };
        let items: Vec<AgendaLine> = rows
            .iter()
            .zip(&timing.items)
            .map(|(row, t)| AgendaLine {
                id: row.item.id.unwrap_or_default(),
                position: row.item.position,
                title: row.item.title.clone(),
                method: row
                    .item
                    .method_id
                    .and_then(|m| methods.iter().find(|x| x.id == Some(m)))
                    .map(|m| m.name.clone()),
                minutes: row.item.minutes,
                start: t.start.clock(),
                end: t.end.clock(),
                day_note: (t.day_offset > 0).then(|| "next day".to_string()),
                facilitator: row
                    .item
                    .facilitator_id
                    .and_then(|f| facilitators.iter().find(|(id, _)| *id == f))
                    .map(|(_, n)| n.clone()),
                materials: row.item.materials.clone(),
                notes: row.item.notes.clone(),
                is_break: row.item.is_break,
                last_actual_minutes: row.last_actual_minutes,
                last_run_on: row.last_run_on.map(short_date),
            })
            .collect();
        let ran: Vec<&AgendaLine> = items.iter().filter(|i| i.last_actual_minutes.is_some()).collect();
        let last_run = (!ran.is_empty())
            .then(|| (ran.iter().filter_map(|i| i.last_actual_minutes).sum(), ran.iter().map(|i| i.minutes).sum()));
        let timer = workshops::timer(&pool, event_id).await?;
        let mut notices = timing.warnings();
        if let Some(warning) = timing.overrun_warning() {
            notices.retain(|n| *n != warning);
        }
        Ok(EventPageData {
            programme_id,
            programme_title: record.programme.title.clone(),
            objectives: record.programme.objectives.clone(),
            time_zone: record.programme.time_zone.clone(),
            date: long_date(event.date),
            time: time_range(&timing),
            items,
            agenda_minutes: timing.agenda_minutes,
            event_minutes: timing.event_minutes,
            spare_minutes: timing.spare_minutes,
            overrun_warning: timing.overrun_warning(),
            notices,
            agenda_end: timing.agenda_end.clock(),
            methods: methods
                .iter()
                .map(|m| MethodChoice {
                    id: m.id.unwrap_or_default(),
                    name: m.name.clone(),
                    minutes: m.default_minutes,
                    category: m.category.title().to_string(),
                })
                .collect(),
            facilitators,
            last_run,
            timer_status: match timer.status() {
                TimerStatus::NotStarted => "not-started",
                TimerStatus::Running => "running",
                TimerStatus::Paused => "paused",
                TimerStatus::Finished => "finished",
            }
            .into(),
            event,
            may_edit,
        })
    }

    /// Whether a person is a member of one of the programme's teams or invited to it.
    pub async fn is_programme_person(programme_id: Id, team_ids: &[Id], person_id: Id) -> AppResult<bool> {
        if team_people(team_ids).await?.iter().any(|(id, _)| *id == person_id) {
            return Ok(true);
        }
        Ok(workshops::invitations(&pool(), programme_id).await?.iter().any(|i| i.person_id == person_id))
    }

    /// Only statuses a lead can set by hand.
    pub fn parse_status(code: &str) -> AppResult<InvitationStatus> {
        InvitationStatus::from_code(code).ok_or_else(|| AppError::field("status", "Select a status from the list"))
    }

    pub fn parse_role(code: &str) -> AppResult<InvitationRole> {
        InvitationRole::from_code(code)
            .ok_or_else(|| AppError::field("role", "Select whether they are a participant or a facilitator"))
    }
}
