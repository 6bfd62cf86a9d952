//! `/workshops` (the programmes), `/workshops/new` (with `?team=ID&skill=ID...` from the
//! training-needs page), `/workshops/{id}/edit`, `/workshops/{id}/delete` and the programme page
//! `/workshops/{id}`: details, events with agenda totals, people suggestions and invitations,
//! follow-up and the uplift of the targeted skills.

use crate::components::forms::{
    action_error, options, Choice, ConfirmRadios, ErrorSummary, SelectField, TextArea, TextField,
};
use crate::components::layout::Breadcrumbs;
use crate::components::page::{param_id, ErrorPage, Loaded, PageTitle};
use crate::error::AppError;
use crate::server_fns::workshops::{
    list_workshops, programme_form, programme_page, ActionItem, AddAction, AddOutcome, CopyProgramme, CreateProgramme,
    DeleteProgramme, EventSummary, InvitationRow, InvitePeople, ProgrammeFormData, ProgrammePageData, RemoveInvitation,
    SetActionStatus, SetFollowUp, SuggestionRow, UpdateInvitation, UpdateProgramme, UpliftView, WorkshopListData,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use skillmix::Id;

fn workshops_trail() -> Vec<(String, String)> {
    vec![("Workshops".into(), "/workshops".into())]
}

#[component]
pub fn WorkshopsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_workshops());
    view! { <Loaded resource=data render=|data: WorkshopListData| view! { <WorkshopsView data/> }/> }
}

#[component]
fn WorkshopsView(data: WorkshopListData) -> impl IntoView {
    let empty = data.programmes.is_empty();
    view! {
        <PageTitle text="Workshops"/>
        <p class="lead">
            "Multi-event workshops that close the skill gaps your training-needs analysis found: objectives, "
            "timed agendas, facilitation, and whether the skills moved."
        </p>
        <div class="button-group">
            {data.may_create.then(|| view! { <A href="/workshops/new" attr:class="button">"Plan a workshop"</A> })}
            <A href="/workshops/methods" attr:class="button button--secondary">"Method library"</A>
        </div>
        {if empty {
            view! { <p class="body">"There are no workshop programmes you can see yet."</p> }.into_any()
        } else {
            view! {
                <table class="table">
                    <caption class="table__caption">"Workshop programmes"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Programme"</th>
                            <th scope="col">"Teams"</th>
                            <th scope="col">"Targeted skills"</th>
                            <th scope="col">"Dates"</th>
                            <th scope="col" class="numeric">"Events"</th>
                            <th scope="col">"Status"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {data.programmes.into_iter().map(|p| view! {
                            <tr>
                                <th scope="row"><A href=format!("/workshops/{}", p.id)>{p.title.clone()}</A></th>
                                <td>{p.teams.join(", ")}</td>
                                <td>{p.skills.join(", ")}</td>
                                <td>{p.dates.clone()}</td>
                                <td class="numeric">{p.events}</td>
                                <td><span class=status_class(&p.status)>{p.status.clone()}</span></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

fn status_class(status: &str) -> &'static str {
    match status {
        "In progress" => "tag tag--blue",
        "Upcoming" => "tag tag--green",
        "Finished" => "tag tag--grey",
        _ => "tag tag--warning",
    }
}

#[component]
pub fn NewProgrammePage() -> impl IntoView {
    let params = use_query_map();
    let action = ServerAction::<CreateProgramme>::new();
    let error = action_error(action);
    let source = Memo::new(move |_| {
        let params = params.read();
        let team = params.get("team").and_then(|t| t.parse::<Id>().ok());
        let skills = params.get_all("skill").unwrap_or_default().join(",");
        (team, skills)
    });
    let data = Resource::new(move || source.get(), |(team, skills)| programme_form(None, team, skills));
    view! {
        <Loaded resource=data render=move |data: ProgrammeFormData| view! {
            <Breadcrumbs trail=workshops_trail()/>
            <ErrorSummary error/>
            <PageTitle text="Plan a workshop" caption="New programme"/>
            <p class="body">
                "A programme is one or more events that work on the same problem. Start with the problem and the "
                "skills it should raise; you add events and their agendas next."
            </p>
            <ActionForm action=action>
                <ProgrammeFields data error/>
                <button type="submit" class="button">"Create programme"</button>
            </ActionForm>
        }/>
    }
}

#[component]
pub fn EditProgrammePage() -> impl IntoView {
    let id = param_id("id");
    let action = ServerAction::<UpdateProgramme>::new();
    let error = action_error(action);
    let data = Resource::new(move || id.get(), |id| programme_form(Some(id.unwrap_or_default()), None, String::new()));
    view! {
        <Loaded resource=data render=move |data: ProgrammeFormData| {
            let programme = data.programme.clone().unwrap_or_default();
            let id = programme.id.unwrap_or_default();
            let mut trail = workshops_trail();
            trail.push((programme.title.clone(), format!("/workshops/{id}")));
            view! {
                <Breadcrumbs trail/>
                <ErrorSummary error/>
                <PageTitle text="Edit programme" caption=programme.title.clone()/>
                <ActionForm action=action>
                    <input type="hidden" name="id" value=id/>
                    <ProgrammeFields data error/>
                    <div class="button-group">
                        <button type="submit" class="button">"Save changes"</button>
                        <A href=format!("/workshops/{id}") attr:class="link">"Cancel"</A>
                    </div>
                </ActionForm>
            }
        }/>
    }
}

/// Title, problem, objectives, approach, tools, time zone, teams and targeted skills.
#[component]
fn ProgrammeFields(data: ProgrammeFormData, error: Signal<Option<AppError>>) -> impl IntoView {
    let p = data.programme.clone().unwrap_or_default();
    let team_message = crate::components::forms::field_message(error, "teams".into());
    let skill_message = crate::components::forms::field_message(error, "skills".into());
    // After a failed post, what was ticked (carried back with the error, also without JavaScript).
    let submitted = |field: &str| -> Option<Vec<Id>> {
        error.with_untracked(|e| {
            e.as_ref()
                .and_then(|e| e.submitted(field))
                .map(|list| list.split(',').filter_map(|id| id.trim().parse().ok()).collect())
        })
    };
    let selected_skills = submitted("skills").unwrap_or_else(|| data.selected_skills.clone());
    let selected_teams = submitted("teams").unwrap_or_else(|| data.selected_teams.clone());
    // The largest needs first; the rest with the other skills, where a ticked one stays visible.
    const SHOWN_NEEDS: usize = 8;
    let shown_needs: Vec<crate::server_fns::workshops::NeedChoice> = data
        .needs
        .iter()
        .enumerate()
        .filter(|(index, n)| *index < SHOWN_NEEDS || selected_skills.contains(&n.skill_id))
        .map(|(_, n)| n.clone())
        .collect();
    let need_ids: Vec<Id> = shown_needs.iter().map(|n| n.skill_id).collect();
    let others: Vec<_> = data.skills.iter().filter(|s| !need_ids.contains(&s.id)).cloned().collect();
    let other_open = others.iter().any(|s| selected_skills.contains(&s.id)) || data.needs.is_empty();
    let mut groups: Vec<(String, Vec<crate::server_fns::workshops::SkillChoice>)> = Vec::new();
    for s in others {
        match groups.iter_mut().find(|(g, _)| *g == s.group) {
            Some((_, list)) => list.push(s),
            None => groups.push((s.group.clone(), vec![s])),
        }
    }
    let first_skill =
        shown_needs.first().map(|n| n.skill_id).or_else(|| groups.first().and_then(|g| g.1.first()).map(|s| s.id));
    let skill_box = move |id: Id, label: String, hint: Option<String>, checked: bool| {
        let input_id = if Some(id) == first_skill { "skills".to_string() } else { format!("skill-{id}") };
        let hint_id = format!("skill-{id}-hint");
        let described = hint.as_ref().map(|_| hint_id.clone());
        view! {
            <div class="checkboxes__item checkboxes__item--hinted">
                <input class="checkboxes__input" type="checkbox" id=input_id.clone() name=format!("skill[{id}]") value="yes" checked=checked aria-describedby=described/>
                <label class="label checkboxes__label" for=input_id>{label}</label>
                {hint.map(|h| view! { <div class="hint checkboxes__hint" id=hint_id>{h}</div> })}
            </div>
        }
    };
    let needs_heading = if data.needs_for.is_empty() {
        "Training needs".to_string()
    } else {
        format!("Training needs in {}", data.needs_for.join(" and "))
    };
    view! {
        <TextField name="title" label="Programme title" value=p.title.clone() error width="input--two-thirds"/>
        <TextArea
            name="problem_statement"
            label="Problem statement"
            hint="The capability problem the programme exists to solve, in your own words."
            value=p.problem_statement.clone()
            error
            rows=4
        />
        <TextArea
            name="objectives"
            label="Objectives"
            hint="What attendees should be able to do afterwards. One per line."
            value=p.objectives.join("\n")
            error
            rows=4
        />
        <TextArea
            name="approach"
            label="Approach"
            hint="How the events build on each other, and what happens between them."
            value=p.approach.clone()
            error
            rows=3
        />
        <TextArea name="tools" label="Tools" hint="Tools and platforms the events use. One per line." value=p.tools.join("\n") error rows=3/>
        <TextField
            name="time_zone"
            label="Time zone"
            hint="Event times are shown in this zone. Use a name such as Europe/London."
            value=p.time_zone.clone()
            error
            width="input--width-10"
        />
        <div class=move || if team_message.get().is_some() { "form-group form-group--error" } else { "form-group" }>
            <fieldset class="fieldset" aria-describedby="teams-hint">
                <legend class="fieldset__legend">"Teams"</legend>
                <div class="hint" id="teams-hint">"Leads of these teams can manage the programme. People are suggested from their members."</div>
                {move || team_message.get().map(|m| view! { <p class="error-message"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                {data.teams.iter().enumerate().map(|(index, (id, name))| {
                    let input_id = if index == 0 { "teams".to_string() } else { format!("team-{id}") };
                    let checked = selected_teams.contains(id);
                    view! {
                        <div class="checkboxes__item">
                            <input class="checkboxes__input" type="checkbox" id=input_id.clone() name=format!("team[{id}]") value="yes" checked=checked/>
                            <label class="label checkboxes__label" for=input_id>{name.clone()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        </div>
        <div class=move || if skill_message.get().is_some() { "form-group form-group--error" } else { "form-group" }>
            <fieldset class="fieldset" aria-describedby="skills-hint">
                <legend class="fieldset__legend">"Targeted skills"</legend>
                <div class="hint" id="skills-hint">
                    "The skills the programme should raise. Participants are suggested from people below the level their role requires, "
                    "facilitators from people at Practitioner or above."
                </div>
                {move || skill_message.get().map(|m| view! { <p class="error-message"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                {(!shown_needs.is_empty()).then(|| view! {
                    <h2 class="heading-s">{needs_heading.clone()}</h2>
                    {shown_needs.iter().map(|n| {
                        let people = if n.people_below == 1 { "1 person".to_string() } else { format!("{} people", n.people_below) };
                        let gap = if n.largest_gap == 1 { "1 level".to_string() } else { format!("{} levels", n.largest_gap) };
                        skill_box(
                            n.skill_id,
                            n.name.clone(),
                            Some(format!("{people} below the required level (largest gap {gap}) · {}", n.group)),
                            selected_skills.contains(&n.skill_id),
                        )
                    }).collect_view()}
                })}
                <details class="details" open=other_open>
                    <summary class="details__summary">"Target other skills directly"</summary>
                    {groups.into_iter().map(|(group, list)| view! {
                        // h2: the page may have no other heading between this and the h1
                        // (the training needs above are shown on a new programme only).
                        <h2 class="heading-s">{group}</h2>
                        <div class="checkboxes--columns">
                            {list.into_iter().map(|s| skill_box(s.id, s.name.clone(), None, selected_skills.contains(&s.id))).collect_view()}
                        </div>
                    }).collect_view()}
                </details>
            </fieldset>
        </div>
    }
}

#[component]
pub fn DeleteProgrammePage() -> impl IntoView {
    let id = param_id("id");
    let action = ServerAction::<DeleteProgramme>::new();
    let error = action_error(action);
    let data = Resource::new(move || id.get(), |id| programme_page(id.unwrap_or_default()));
    view! {
        <Loaded resource=data render=move |page: ProgrammePageData| {
            let id = page.programme.id.unwrap_or_default();
            if !page.may_edit {
                return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
            }
            let mut trail = workshops_trail();
            trail.push((page.programme.title.clone(), format!("/workshops/{id}")));
            view! {
                <Breadcrumbs trail/>
                <ErrorSummary error/>
                <PageTitle text=format!("Delete {}?", page.programme.title)/>
                <p class="body">
                    "The programme is deleted with its events, agendas, invitations, attendance, actions and outcomes. "
                    "People's assessments are kept."
                </p>
                <ActionForm action=action>
                    <input type="hidden" name="id" value=id/>
                    <ConfirmRadios legend="Are you sure you want to delete this programme?" error/>
                    <div class="button-group">
                        <button type="submit" class="button button--warning">"Delete programme"</button>
                        <A href=format!("/workshops/{id}") attr:class="link">"Cancel"</A>
                    </div>
                </ActionForm>
            }
            .into_any()
        }/>
    }
}

/// The actions of the programme page, created once so the page reloads after each.
#[derive(Clone, Copy)]
struct PageActions {
    invite: ServerAction<InvitePeople>,
    update_invitation: ServerAction<UpdateInvitation>,
    remove_invitation: ServerAction<RemoveInvitation>,
    add_action: ServerAction<AddAction>,
    action_status: ServerAction<SetActionStatus>,
    add_outcome: ServerAction<AddOutcome>,
    follow_up: ServerAction<SetFollowUp>,
    copy: ServerAction<CopyProgramme>,
}

impl PageActions {
    fn new() -> PageActions {
        PageActions {
            invite: ServerAction::new(),
            update_invitation: ServerAction::new(),
            remove_invitation: ServerAction::new(),
            add_action: ServerAction::new(),
            action_status: ServerAction::new(),
            add_outcome: ServerAction::new(),
            follow_up: ServerAction::new(),
            copy: ServerAction::new(),
        }
    }

    fn versions(self) -> usize {
        self.invite.version().get()
            + self.update_invitation.version().get()
            + self.remove_invitation.version().get()
            + self.add_action.version().get()
            + self.action_status.version().get()
            + self.add_outcome.version().get()
            + self.follow_up.version().get()
    }

    fn error(self) -> Signal<Option<AppError>> {
        let errors = [
            action_error(self.invite),
            action_error(self.update_invitation),
            action_error(self.remove_invitation),
            action_error(self.add_action),
            action_error(self.action_status),
            action_error(self.add_outcome),
            action_error(self.follow_up),
            action_error(self.copy),
        ];
        Signal::derive(move || errors.iter().find_map(|e| e.get()))
    }
}

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let id = param_id("id");
    let actions = PageActions::new();
    let data = Resource::new(move || (id.get(), actions.versions()), |(id, _)| programme_page(id.unwrap_or_default()));
    view! {
        <Loaded resource=data render=move |page: ProgrammePageData| view! { <ProgrammeView page actions/> }/>
    }
}

#[component]
fn ProgrammeView(page: ProgrammePageData, actions: PageActions) -> impl IntoView {
    let error = actions.error();
    let p = page.programme.clone();
    let id = p.id.unwrap_or_default();
    let may_edit = page.may_edit;
    view! {
        <Breadcrumbs trail=workshops_trail()/>
        <ErrorSummary error/>
        <PageTitle text=p.title.clone() caption="Workshop programme"/>
        <nav class="contents no-print" aria-label="On this page">
            <h2 class="contents__title">"Contents"</h2>
            <ol class="contents__list">
                <li><a href="#details">"Problem and objectives"</a></li>
                <li><a href="#events">"Events and agendas"</a></li>
                <li><a href="#people">"People and invitations"</a></li>
                <li><a href="#follow-up">"Follow-up"</a></li>
                <li><a href="#uplift">"Skills before and after"</a></li>
                <li><a href="#exports">"Copy and export"</a></li>
            </ol>
        </nav>
        <Details page=page.clone()/>
        <Events page=page.clone()/>
        <People page=page.clone() actions/>
        <FollowUp page=page.clone() actions/>
        <Uplift page=page.clone()/>
        <section aria-labelledby="exports">
            <h2 class="heading-m" id="exports">"Copy and export"</h2>
            {may_edit.then(|| view! {
                <ActionForm action=actions.copy attr:class="panel ws-form no-print">
                    <input type="hidden" name="id" value=id/>
                    <h3 class="heading-s">"Use this programme as a template"</h3>
                    <p class="body">"Copies the programme with its events and agendas (with each item's last actual timing), dates moved so the first event falls on the date you choose. Invitations and attendance are not copied."</p>
                    <TextField name="first_event_on" label="First event of the copy on" input_type="date" error width="input--width-10" value=page.today.clone()/>
                    <button type="submit" class="button button--secondary">"Copy programme"</button>
                </ActionForm>
            })}
            <ul class="list list--inline">
                <li><a href=format!("/api/v1/workshops/{id}/calendar.ics")>"Add the events to a calendar (ICS)"</a></li>
                <li><a href=format!("/api/v1/workshops/{id}.json")>"Programme data (JSON)"</a></li>
            </ul>
            {may_edit.then(|| view! {
                <p class="body no-print"><A href=format!("/workshops/{id}/delete") attr:class="link-warning">"Delete this programme"</A></p>
            })}
        </section>
    }
}

#[component]
fn Details(page: ProgrammePageData) -> impl IntoView {
    let p = page.programme.clone();
    let id = p.id.unwrap_or_default();
    let dates = match (page.events.first(), page.events.last()) {
        (Some(first), Some(last)) if first.id != last.id => {
            format!("{} to {}", first.date, last.date)
        }
        (Some(first), _) => first.date.clone(),
        _ => "No events yet".into(),
    };
    view! {
        <section aria-labelledby="details">
            <h2 class="visually-hidden" id="details">"Problem and objectives"</h2>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt class="summary-list__key">"Teams"</dt>
                    <dd class="summary-list__value">
                        {page.teams.clone().into_iter().map(|(tid, name)| view! { <span class="comma-list"><A href=format!("/teams/{tid}")>{name.clone()}</A></span> }).collect_view()}
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">"Targeted skills"</dt>
                    <dd class="summary-list__value">
                        {if page.skills.is_empty() {
                            view! { <span>"None chosen yet"</span> }.into_any()
                        } else {
                            page.skills.clone().into_iter().map(|(sid, name)| view! { <span class="comma-list"><A href=format!("/framework/skills/{sid}")>{name.clone()}</A></span> }).collect_view().into_any()
                        }}
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">"Dates"</dt>
                    <dd class="summary-list__value">{dates}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">"Time zone"</dt>
                    <dd class="summary-list__value">{p.time_zone.clone()}</dd>
                </div>
            </dl>
            {(!p.problem_statement.is_empty()).then(|| view! {
                <h3 class="heading-s">"Problem"</h3>
                <p class="body pre-line">{p.problem_statement.clone()}</p>
            })}
            {(!p.objectives.is_empty()).then(|| view! {
                <h3 class="heading-s">"Objectives"</h3>
                <ul class="list list--bullet">{p.objectives.iter().map(|o| view! { <li>{o.clone()}</li> }).collect_view()}</ul>
            })}
            {(!p.approach.is_empty()).then(|| view! {
                <h3 class="heading-s">"Approach"</h3>
                <p class="body pre-line">{p.approach.clone()}</p>
            })}
            {(!p.tools.is_empty()).then(|| view! {
                <h3 class="heading-s">"Tools"</h3>
                <ul class="list list--bullet">{p.tools.iter().map(|o| view! { <li>{o.clone()}</li> }).collect_view()}</ul>
            })}
            {page.may_edit.then(|| view! {
                <p class="body no-print"><A href=format!("/workshops/{id}/edit") attr:class="button button--secondary">"Edit programme"</A></p>
            })}
        </section>
    }
}

#[component]
fn Events(page: ProgrammePageData) -> impl IntoView {
    let id = page.programme.id.unwrap_or_default();
    let may_edit = page.may_edit;
    view! {
        <section aria-labelledby="events">
            <h2 class="heading-m" id="events">"Events and agendas"</h2>
            {if page.events.is_empty() {
                view! { <p class="body">"No events yet. Add the first event, then build its agenda."</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <caption class="visually-hidden">"Events"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Event"</th>
                                <th scope="col">"When"</th>
                                <th scope="col">"Where"</th>
                                <th scope="col">"Agenda"</th>
                                <th scope="col">"Attendance"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {page.events.iter().cloned().map(|e| view! { <EventRow programme_id=id event=e/> }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {may_edit.then(|| view! {
                <p class="body no-print"><A href=format!("/workshops/{id}/events/new") attr:class="button">"Add an event"</A></p>
            })}
        </section>
    }
}

#[component]
fn EventRow(programme_id: Id, event: EventSummary) -> impl IntoView {
    let base = format!("/workshops/{programme_id}/events/{}", event.id);
    let agenda = format!(
        "{} of {} ({} items)",
        crate::server_fns::workshops::minutes_text(event.agenda_minutes),
        crate::server_fns::workshops::minutes_text(event.event_minutes),
        event.items
    );
    let (recorded, came) = event.attendance;
    let attendance = if recorded == 0 {
        if event.is_past {
            "Not recorded yet".to_string()
        } else {
            "After the event".to_string()
        }
    } else {
        format!("{came} of {recorded} attended")
    };
    let capacity = event.capacity.map(|c| format!("{c} places"));
    let agenda_label = format!(" of {}", event.title);
    let facilitate_label = format!(" {}", event.title);
    let attendance_label = format!(" for {}", event.title);
    let title = event.title.clone();
    view! {
        <tr>
            <th scope="row">
                <A href=base.clone()>{title.clone()}</A>
                {event.timer.clone().map(|t| view! { <span class="tag tag--blue">{t}</span> })}
            </th>
            <td>{event.date.clone()}<br/>{event.time.clone()}</td>
            <td>
                {event.place.clone().map(|p| view! { <div>{p}</div> })}
                {event.online_link.clone().map(|l| view! { <div><a href=l.clone()>"Online link"</a></div> })}
                {capacity.map(|c| view! { <div class="hint">{c}</div> })}
            </td>
            <td>
                {agenda}
                {event.overrun_warning.clone().map(|w| view! { <div><strong class="tag tag--red">"Overruns"</strong><span class="visually-hidden">{format!(": {w}")}</span></div> })}
                <div class="no-print">
                    <A href=base.clone()>"Agenda"<span class="visually-hidden">{agenda_label.clone()}</span></A>
                    " · "
                    <A href=format!("{base}/facilitate")>"Facilitate"<span class="visually-hidden">{facilitate_label.clone()}</span></A>
                </div>
            </td>
            <td>
                {attendance}
                <div class="no-print">
                    <A href=format!("{base}/attendance")>"Record attendance"<span class="visually-hidden">{attendance_label.clone()}</span></A>
                </div>
            </td>
        </tr>
    }
}

#[component]
fn People(page: ProgrammePageData, actions: PageActions) -> impl IntoView {
    let id = page.programme.id.unwrap_or_default();
    let may_edit = page.may_edit;
    let capacity_text = match page.capacity {
        Some(c) => format!("{} of {c} places taken (the smallest event's capacity).", page.places_taken),
        None => format!("{} people invited. The events have no capacity limit.", page.places_taken),
    };
    let people_choices: Vec<Choice> = page.people.iter().map(|(pid, name)| Choice::new(pid, name.clone())).collect();
    view! {
        <section aria-labelledby="people">
            <h2 class="heading-m" id="people">"People and invitations"</h2>
            <p class="body">{capacity_text}</p>
            {if page.skills.is_empty() {
                view! { <p class="body">"Choose the targeted skills to get suggestions of who to invite and who could facilitate."</p> }.into_any()
            } else {
                view! {
                    <div class="grid-row">
                        <div class="column-half">
                            <Suggestions
                                title="Suggested participants"
                                hint="People below the level their role requires in a targeted skill, largest gap first. Those beyond capacity would go on the waiting list."
                                role="participant"
                                button="Invite selected participants"
                                rows=page.participants.clone()
                                programme_id=id
                                may_edit
                                action=actions.invite
                            />
                        </div>
                        <div class="column-half">
                            <Suggestions
                                title="Suggested facilitators and mentors"
                                hint="People at Practitioner or Expert (SFIA: Enable or above) in a targeted skill."
                                role="facilitator"
                                button="Invite selected as facilitators"
                                rows=page.facilitators.clone()
                                programme_id=id
                                may_edit
                                action=actions.invite
                            />
                        </div>
                    </div>
                }.into_any()
            }}
            <h3 class="heading-s">"Invitation list"</h3>
            <Invitations rows=page.invitations.clone() programme_id=id may_edit actions/>
            {may_edit.then(|| view! {
                <ActionForm action=actions.invite attr:class="panel ws-form no-print">
                    <h3 class="heading-s">"Invite someone else"</h3>
                    <input type="hidden" name="programme_id" value=id/>
                    <SelectField name="person_id" label="Person" choices=people_choices empty="Select a person" error=action_error(actions.invite)/>
                    <div class="form-group">
                        <fieldset class="fieldset">
                            <legend class="fieldset__legend">"Invite them as"</legend>
                            <div class="radios radios--inline">
                                <div class="radios__item">
                                    <input class="radios__input" type="radio" id="role-participant" name="role" value="participant" checked=true/>
                                    <label class="label radios__label" for="role-participant">"Participant"</label>
                                </div>
                                <div class="radios__item">
                                    <input class="radios__input" type="radio" id="role-facilitator" name="role" value="facilitator"/>
                                    <label class="label radios__label" for="role-facilitator">"Facilitator or mentor"</label>
                                </div>
                            </div>
                        </fieldset>
                    </div>
                    <button type="submit" class="button button--secondary">"Invite"</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn Suggestions(
    title: &'static str,
    hint: &'static str,
    role: &'static str,
    button: &'static str,
    rows: Vec<SuggestionRow>,
    programme_id: Id,
    may_edit: bool,
    action: ServerAction<InvitePeople>,
) -> impl IntoView {
    let heading_id = format!("suggested-{role}");
    if rows.is_empty() {
        return view! {
            <h3 class="heading-s" id=heading_id>{title}</h3>
            <p class="body">{if role == "participant" { "Nobody is below the required level in the targeted skills." } else { "Nobody in the teams is at Practitioner or above in the targeted skills yet." }}</p>
        }
        .into_any();
    }
    let any_open = rows.iter().any(|r| r.status.is_none());
    let list = rows
        .into_iter()
        .map(|r| {
            let input_id = format!("{role}-{}", r.person_id);
            let label = if r.waiting { format!("{} (beyond capacity)", r.name) } else { r.name.clone() };
            view! {
                <div class="checkboxes__item checkboxes__item--hinted">
                    {match (&r.status, may_edit) {
                        (None, true) => view! {
                            <input class="checkboxes__input" type="checkbox" id=input_id.clone() name=format!("person[{}]", r.person_id) value="yes" checked=!r.waiting aria-describedby=format!("{input_id}-hint")/>
                            <label class="label checkboxes__label" for=input_id.clone()>{label}</label>
                        }.into_any(),
                        (status, _) => view! {
                            <span class="checkboxes__label checkboxes__label--static">
                                <a href=format!("/people/{}", r.person_id)>{r.name.clone()}</a>
                                {status.clone().map(|s| view! { <strong class="tag tag--green">{s}</strong> })}
                            </span>
                        }.into_any(),
                    }}
                    <div class="hint checkboxes__hint" id=format!("{input_id}-hint")>{r.detail.clone()}</div>
                </div>
            }
        })
        .collect_view();
    let labelled_by = heading_id.clone();
    view! {
        <ActionForm action=action attr:class="suggestions" attr:aria-labelledby=labelled_by>
            <h3 class="heading-s" id=heading_id.clone()>{title}</h3>
            <p class="hint">{hint}</p>
            <input type="hidden" name="programme_id" value=programme_id/>
            <input type="hidden" name="role" value=role/>
            <div class="form-group" id=if role == "participant" { "person" } else { "person-facilitator" }>
                {list}
            </div>
            {(may_edit && any_open).then(|| view! { <button type="submit" class="button button--secondary no-print">{button}</button> })}
        </ActionForm>
    }
    .into_any()
}

#[component]
fn Invitations(rows: Vec<InvitationRow>, programme_id: Id, may_edit: bool, actions: PageActions) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="body">"Nobody is invited yet."</p> }.into_any();
    }
    let statuses: Vec<Choice> =
        skillmix::workshop::InvitationStatus::ALL.into_iter().map(|s| Choice::new(s.code(), s.title())).collect();
    view! {
        <table class="table">
            <caption class="visually-hidden">"Invitation list"</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Invited as"</th>
                    <th scope="col">"Status"</th>
                    {may_edit.then(|| view! { <th scope="col" class="no-print"><span class="visually-hidden">"Change"</span></th> })}
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let select_id = format!("status-{}-{}", r.role, r.person_id);
                    let statuses = statuses.clone();
                    let status_label = format!("Status of {}", r.name);
                    let update_label = format!(" {}", r.name);
                    let remove_label = format!(" {} from the invitation list", r.name);
                    let role = r.role.clone();
                    let role_again = r.role.clone();
                    let status = r.status.clone();
                    view! {
                        <tr>
                            <th scope="row"><a href=format!("/people/{}", r.person_id)>{r.name.clone()}</a></th>
                            <td>{r.role_title.clone()}</td>
                            <td>{r.status_title.clone()}</td>
                            {may_edit.then(|| view! {
                                <td class="no-print">
                                    <ActionForm action=actions.update_invitation attr:class="inline-controls">
                                        <input type="hidden" name="programme_id" value=programme_id/>
                                        <input type="hidden" name="person_id" value=r.person_id/>
                                        <input type="hidden" name="role" value=role.clone()/>
                                        <label class="visually-hidden" for=select_id.clone()>{status_label.clone()}</label>
                                        <select class="select select--small" id=select_id.clone() name="status">{options(statuses.clone(), status.clone())}</select>
                                        <button type="submit" class="button button--secondary button--small">
                                            "Update"<span class="visually-hidden">{update_label.clone()}</span>
                                        </button>
                                    </ActionForm>
                                    <ActionForm action=actions.remove_invitation attr:class="inline-form">
                                        <input type="hidden" name="programme_id" value=programme_id/>
                                        <input type="hidden" name="person_id" value=r.person_id/>
                                        <input type="hidden" name="role" value=role_again.clone()/>
                                        <button type="submit" class="button button--link">
                                            "Remove"<span class="visually-hidden">{remove_label.clone()}</span>
                                        </button>
                                    </ActionForm>
                                </td>
                            })}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn FollowUp(page: ProgrammePageData, actions: PageActions) -> impl IntoView {
    let id = page.programme.id.unwrap_or_default();
    let may_edit = page.may_edit;
    let owners: Vec<Choice> = page.people.iter().map(|(pid, name)| Choice::new(pid, name.clone())).collect();
    let events: Vec<Choice> = page.events.iter().map(|e| Choice::new(e.id, e.title.clone())).collect();
    let outcome_events = events.clone();
    let add_error = action_error(actions.add_action);
    let outcome_error = action_error(actions.add_outcome);
    let follow_error = action_error(actions.follow_up);
    view! {
        <section aria-labelledby="follow-up">
            <h2 class="heading-m" id="follow-up">"Follow-up"</h2>
            <h3 class="heading-s">"Actions"</h3>
            <ActionsTable rows=page.actions.clone() programme_id=id may_edit actions/>
            {may_edit.then(|| view! {
                <ActionForm action=actions.add_action attr:class="panel ws-form no-print">
                    <h4 class="heading-s">"Add an action"</h4>
                    <input type="hidden" name="programme_id" value=id/>
                    <TextField name="action_text" label="Action" error=add_error width="input--two-thirds"/>
                    <SelectField name="owner_id" label="Owner" choices=owners.clone() empty="Select who owns it" error=add_error/>
                    <TextField name="due_on" label="Due date (optional)" input_type="date" error=add_error width="input--width-10"/>
                    <SelectField name="event_id" label="Agreed at (optional)" choices=events.clone() empty="Not at a particular event" error=add_error/>
                    <button type="submit" class="button button--secondary">"Add action"</button>
                </ActionForm>
            })}
            <h3 class="heading-s">"Outcomes"</h3>
            {if page.outcomes.is_empty() {
                view! { <p class="body">"No outcomes recorded yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="list list--bullet">
                        {page.outcomes.iter().map(|o| view! {
                            <li>{o.text.clone()}{o.event.clone().map(|e| view! { <span class="hint">{format!(" ({e})")}</span> })}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {may_edit.then(|| view! {
                <ActionForm action=actions.add_outcome attr:class="panel ws-form no-print">
                    <h4 class="heading-s">"Record an outcome"</h4>
                    <input type="hidden" name="programme_id" value=id/>
                    <TextArea name="outcome_text" label="Outcome" error=outcome_error rows=2/>
                    <SelectField name="outcome_event_id" label="Of event (optional)" choices=outcome_events.clone() empty="The programme as a whole" error=outcome_error/>
                    <button type="submit" class="button button--secondary">"Record outcome"</button>
                </ActionForm>
            })}
            <h3 class="heading-s">"Re-assessment"</h3>
            <p class="body">
                {match &page.follow_up_on {
                    Some((_, date)) => format!("Attendees are due for re-assessment of the targeted skills on {date}."),
                    None => "No re-assessment date yet. Choose one a few weeks after the last event, so new skills have been used.".to_string(),
                }}
            </p>
            {(page.follow_up_reached && !page.due.is_empty()).then(|| view! {
                <table class="table">
                    <caption class="table__caption">"Due for re-assessment"</caption>
                    <thead><tr><th scope="col">"Attendee"</th><th scope="col">"Skills not re-assessed yet"</th><th scope="col"><span class="visually-hidden">"Assess"</span></th></tr></thead>
                    <tbody>
                        {page.due.iter().map(|d| view! {
                            <tr>
                                <th scope="row">{d.name.clone()}</th>
                                <td>{d.skills.join(", ")}</td>
                                <td><a href=format!("/people/{}/assess", d.person_id)>"Re-assess"<span class="visually-hidden">{format!(" {}", d.name)}</span></a></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(page.follow_up_reached && page.due.is_empty() && !page.attendees.is_empty()).then(|| view! {
                <p class="body">"Every attendee has been re-assessed in the targeted skills."</p>
            })}
            {may_edit.then(|| view! {
                <ActionForm action=actions.follow_up attr:class="panel ws-form no-print">
                    <input type="hidden" name="programme_id" value=id/>
                    <TextField
                        name="follow_up_on"
                        label="Re-assessment date"
                        hint="On and after this date, attendees not yet re-assessed are listed here with a link to assess them."
                        input_type="date"
                        value=page.follow_up_on.clone().map(|(iso, _)| iso).unwrap_or_default()
                        error=follow_error
                        width="input--width-10"
                    />
                    <button type="submit" class="button button--secondary">"Save re-assessment date"</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn ActionsTable(rows: Vec<ActionItem>, programme_id: Id, may_edit: bool, actions: PageActions) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="body">"No actions yet."</p> }.into_any();
    }
    view! {
        <table class="table">
            <caption class="visually-hidden">"Actions"</caption>
            <thead>
                <tr>
                    <th scope="col">"Action"</th>
                    <th scope="col">"Owner"</th>
                    <th scope="col">"Due"</th>
                    <th scope="col">"Status"</th>
                    {may_edit.then(|| view! { <th scope="col" class="no-print"><span class="visually-hidden">"Change"</span></th> })}
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|a| {
                    let (next, label) = if a.done { ("open", "Reopen") } else { ("done", "Mark done") };
                    view! {
                        <tr>
                            <th scope="row">{a.text.clone()}{a.event.clone().map(|e| view! { <div class="hint">{format!("From {e}")}</div> })}</th>
                            <td>{a.owner.clone()}</td>
                            <td>{a.due.clone()}</td>
                            <td>
                                {if a.done {
                                    view! { <strong class="tag tag--green">"Done"</strong> }.into_any()
                                } else if a.overdue {
                                    view! { <strong class="tag tag--red">"Overdue"</strong> }.into_any()
                                } else {
                                    view! { <strong class="tag tag--grey">"Open"</strong> }.into_any()
                                }}
                            </td>
                            {may_edit.then(|| view! {
                                <td class="no-print">
                                    <ActionForm action=actions.action_status attr:class="inline-form">
                                        <input type="hidden" name="programme_id" value=programme_id/>
                                        <input type="hidden" name="action_id" value=a.id/>
                                        <input type="hidden" name="status" value=next/>
                                        <button type="submit" class="button button--link">
                                            {label}<span class="visually-hidden">{format!(": {}", a.text)}</span>
                                        </button>
                                    </ActionForm>
                                </td>
                            })}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn Uplift(page: ProgrammePageData) -> impl IntoView {
    view! {
        <section aria-labelledby="uplift">
            <h2 class="heading-m" id="uplift">"Skills before and after"</h2>
            {match page.uplift.clone() {
                None => view! {
                    <p class="body">
                        "Once attendance is recorded, this shows each attendee's level in the targeted skills before the first "
                        "event and at the re-assessment, by person and in total."
                    </p>
                }.into_any(),
                Some(uplift) => view! { <UpliftTables uplift/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn UpliftTables(uplift: UpliftView) -> impl IntoView {
    let total = uplift.total.clone();
    view! {
        <p class="body">{uplift.explanation.clone()}</p>
        <div class="figures">
            <p class="figure">
                <span class="figure__value">{format!("{} of {}", uplift.people_improved, uplift.attendees)}</span>
                <span class="figure__label">"attendees improved in a targeted skill"</span>
            </p>
            <p class="figure">
                <span class="figure__value">{total.average.clone()}</span>
                <span class="figure__label">"average change in levels (measured pairs)"</span>
            </p>
            <p class="figure">
                <span class="figure__value">{format!("{} of {}", total.measured, total.measured + total.not_measured)}</span>
                <span class="figure__label">"person-skill pairs measured so far"</span>
            </p>
        </div>
        <div class="table-scroll">
            <table class="table uplift">
                <caption class="table__caption">"By person"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Attendee"</th>
                        {uplift.skills.iter().map(|s| view! { <th scope="col">{s.clone()}</th> }).collect_view()}
                        <th scope="col">"Overall"</th>
                    </tr>
                </thead>
                <tbody>
                    {uplift.people.iter().map(|p| view! {
                        <tr>
                            <th scope="row"><a href=format!("/people/{}", p.person_id)>{p.name.clone()}</a></th>
                            {p.cells.iter().map(|c| view! {
                                <td>
                                    <span>{c.before.clone()}</span>
                                    <span aria-hidden="true">" → "</span>
                                    <span class="visually-hidden">" then "</span>
                                    <span>{c.after.clone()}</span>
                                    {(!c.change.is_empty()).then(|| view! {
                                        <strong class=if c.improved { "tag tag--green" } else { "tag tag--grey" }>{c.change.clone()}</strong>
                                    })}
                                </td>
                            }).collect_view()}
                            <td>{p.summary.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <table class="table">
            <caption class="table__caption">"By skill and in total"</caption>
            <thead>
                <tr>
                    <th scope="col">"Skill"</th>
                    <th scope="col" class="numeric">"Improved"</th>
                    <th scope="col" class="numeric">"Unchanged"</th>
                    <th scope="col" class="numeric">"Declined"</th>
                    <th scope="col" class="numeric">"Not measured yet"</th>
                    <th scope="col" class="numeric">"Average change"</th>
                </tr>
            </thead>
            <tbody>
                {uplift.by_skill.iter().chain(std::iter::once(&total)).map(|t| view! {
                    <tr>
                        <th scope="row">{t.label.clone()}</th>
                        <td class="numeric">{t.improved}</td>
                        <td class="numeric">{t.unchanged}</td>
                        <td class="numeric">{t.declined}</td>
                        <td class="numeric">{t.not_measured}</td>
                        <td class="numeric">{t.average.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
