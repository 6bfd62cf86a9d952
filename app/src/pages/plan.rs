//! `/people/{id}/plan`: a person's development plan. Their accepted actions (owner, due date,
//! status, overdue in words, history) with a form to move each along; their needs against
//! their current and target role levels with what the required and the next level ask, and the
//! development suggested for each (role profile activities, mentors in the organisation,
//! workshops) with an "Add to plan" form; the full gap tables for the current role and the
//! career path; the role profiles' activities.
//!
//! [`PlanSummary`] is the short version on the person page.

use crate::components::forms::{
    action_error, field_message, options, shown_value, Choice, ErrorSummary, SelectField, TextField,
};
use crate::components::layout::Breadcrumbs;
use crate::components::page::{param_id, Loaded, PageTitle};
use crate::error::AppError;
use crate::pages::training::{AddToPlan, CurrentLevel, InPlan, SuggestionList};
use crate::server_fns::training::{
    development_plan, ActionRow, AddPlanAction, ChangePlanStatus, DevelopmentPlanData, GapRow, NeedCard,
    PlanSummaryData,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use skillmix::analysis::training::NeedBasis;
use skillmix::analysis::GapBand;
use skillmix::development::PlanStatus;
use skillmix::Id;

#[component]
pub fn PlanPage() -> impl IntoView {
    let id = param_id("id");
    let params = use_query_map();
    let added = Memo::new(move |_| params.read().get("added").and_then(|v| v.parse::<Id>().ok()));
    let changed = Memo::new(move |_| params.read().get("changed").and_then(|v| v.parse::<Id>().ok()));
    let add = ServerAction::<AddPlanAction>::new();
    let change = ServerAction::<ChangePlanStatus>::new();
    let data = Resource::new(
        move || (id.get(), added.get(), changed.get(), add.version().get(), change.version().get()),
        |(id, _, _, _, _)| development_plan(id.unwrap_or_default()),
    );
    view! {
        <Loaded
            resource=data
            render=move |page: DevelopmentPlanData| view! {
                <PlanView page added=added.get_untracked() changed=changed.get_untracked() add change/>
            }
        />
    }
}

#[component]
fn PlanView(
    page: DevelopmentPlanData,
    added: Option<Id>,
    changed: Option<Id>,
    add: ServerAction<AddPlanAction>,
    change: ServerAction<ChangePlanStatus>,
) -> impl IntoView {
    let person = page.person.clone();
    let id = person.id;
    let add_error = action_error(add);
    let change_error = action_error(change);
    let error = Signal::derive(move || add_error.get().or(change_error.get()));
    let mut trail = vec![("Dashboard".to_string(), "/".to_string())];
    if let Some((team_id, name)) = page.teams.first() {
        trail.push((name.clone(), format!("/teams/{team_id}")));
    }
    trail.push((person.name.clone(), format!("/people/{id}")));
    let here = format!("/people/{id}/plan");
    let notice = added
        .and_then(|a| page.actions.iter().find(|r| r.action.id == a))
        .map(|r| {
            ("Action added".to_string(), format!("\"{}\" is in the plan, due {}.", r.action.text, r.action.due_on))
        })
        .or_else(|| {
            changed.and_then(|c| page.actions.iter().find(|r| r.action.id == c)).map(|r| {
                (
                    "Status updated".to_string(),
                    format!("\"{}\" is now {}.", r.action.text, r.action.status.title().to_lowercase()),
                )
            })
        });
    let role = page.role_level.as_ref().map(|r| format!("{} – {}", r.role_name, r.name));
    let target = page.target_role_level.as_ref().map(|r| format!("{} – {}", r.role_name, r.name));
    let current_id = page.role_level.as_ref().map(|r| r.id);
    let target_id = page.target_role_level.as_ref().map(|r| r.id);
    let cadence = page.cadence;
    let progress = page.progress;
    view! {
        <Breadcrumbs trail/>
        <ErrorSummary error/>
        {notice.map(|(title, body)| view! {
            <div class="notification" role="status" id="notice">
                <h2 class="notification__title">{title}</h2>
                <p class="body">{body}</p>
            </div>
        })}
        <PageTitle text=format!("Development plan: {}", person.name) caption="Training and development"/>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">"Role level"</dt>
                <dd class="summary-list__value">{role.unwrap_or_else(|| "Not set".into())}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Aiming for"</dt>
                <dd class="summary-list__value">
                    {match target {
                        Some(t) => view! { <span>{t}</span> }.into_any(),
                        None => view! {
                            <span>"No target role level set."</span>
                            {page.may_edit_person.then(|| view! {
                                " "<A href=format!("/people/{id}/edit")>"Set a target role level"</A>
                            })}
                        }.into_any(),
                    }}
                </dd>
            </div>
            {(!page.ladder.is_empty()).then(|| view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">"Career path"</dt>
                    <dd class="summary-list__value">
                        <ol class="career-path__list">
                            {page.ladder.iter().map(|level| {
                                let mark = if Some(level.id) == current_id {
                                    " (current)"
                                } else if Some(level.id) == target_id {
                                    " (target)"
                                } else {
                                    ""
                                };
                                let class = if Some(level.id) == current_id || Some(level.id) == target_id { "career-path__current" } else { "" };
                                view! { <li class=class>{format!("{}{mark}", level.name)}</li> }
                            }).collect_view()}
                        </ol>
                    </dd>
                </div>
            })}
            <div class="summary-list__row">
                <dt class="summary-list__key">"Review cadence"</dt>
                <dd class="summary-list__value">{format!("Every {cadence} months: older evidence is marked stale")}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Progress"</dt>
                <dd class="summary-list__value">
                    {progress.summary()}
                    {(progress.overdue > 0).then(|| view! { <strong class="tag tag--red">{format!("{} overdue", progress.overdue)}</strong> })}
                </dd>
            </div>
        </dl>

        <h2 class="heading-m" id="actions">"Actions"</h2>
        <ActionsTable rows=page.actions.clone() may_change=page.may_change change error here=here.clone()/>
        {page.may_add.then(|| view! {
            <NewActionForm page=page.clone() add error here=here.clone()/>
        })}

        <h2 class="heading-m" id="needs">"Needs and suggested development"</h2>
        {if page.needs.is_empty() {
            view! { <p class="body">"No needs: every level the role levels require is met."</p> }.into_any()
        } else {
            view! {
                <p class="body">"Skills below the level their current or target role level requires, the largest gap first."</p>
                {page.needs.clone().into_iter().map(|card| view! {
                    <NeedSection
                        card
                        page=page.clone()
                        add
                        error
                        here=here.clone()
                    />
                }).collect_view()}
            }.into_any()
        }}

        <h2 class="heading-m" id="current-role">
            {match &page.role_level {
                Some(r) => format!("Against the current role level: {}", r.name),
                None => "Against the current role level".to_string(),
            }}
        </h2>
        <GapTable rows=page.current_gaps.clone() cadence caption="Skills the current role level requires" empty="No role level is set, or it states no levels."/>
        <h2 class="heading-m" id="career-path">
            {match &page.target_role_level {
                Some(r) => format!("Career path: against {}", r.name),
                None => "Career path".to_string(),
            }}
        </h2>
        {match &page.target_role_level {
            Some(_) => view! {
                <GapTable rows=page.target_gaps.clone() cadence caption="Skills the target role level requires" empty="The target role level states no levels."/>
            }.into_any(),
            None => view! {
                <p class="body">"Set a target role level (for example Lead DevOps engineer) to see what the next level asks."</p>
            }.into_any(),
        }}

        {(!page.activities.is_empty()).then(|| view! {
            <h2 class="heading-m" id="activities">"Training and development in the role profiles"</h2>
        })}
        {if page.activities.iter().all(|(_, list)| list.is_empty()) {
            (!page.activities.is_empty()).then(|| view! {
                <p class="body">
                    "The role profiles list no training or development activities. Suggestions above draw on other levels of the role where their activities name the skill."
                </p>
            }).into_any()
        } else {
            page.activities.clone().into_iter().map(|(level, list)| view! {
                <h3 class="heading-s">{level}</h3>
                {if list.is_empty() {
                    view! { <p class="body">"The role profile lists no activities."</p> }.into_any()
                } else {
                    view! {
                        <ul class="list list--bullet">
                            {list.into_iter().map(|a| view! {
                                <li>
                                    <strong>{format!("{}: ", a.kind.title())}</strong>{a.title.clone()}
                                    {a.awarding_body.clone().map(|b| format!(" ({b})"))}
                                    {(!a.details.is_empty()).then(|| view! { <div class="hint">{a.details.clone()}</div> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            }).collect_view().into_any()
        }}
    }
}

#[component]
fn ActionsTable(
    rows: Vec<ActionRow>,
    may_change: bool,
    change: ServerAction<ChangePlanStatus>,
    error: Signal<Option<AppError>>,
    here: String,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="body">"No actions yet."</p> }.into_any();
    }
    view! {
        <table class="table plan-actions">
            <caption class="visually-hidden">"Actions in the development plan, open ones first"</caption>
            <thead>
                <tr>
                    <th scope="col">"Action"</th>
                    <th scope="col">"Owner"</th>
                    <th scope="col">"Due"</th>
                    <th scope="col">"Status"</th>
                    {may_change.then(|| view! { <th scope="col" class="no-print">"Change status"</th> })}
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| view! { <ActionTableRow row may_change change error here=here.clone()/> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn ActionTableRow(
    row: ActionRow,
    may_change: bool,
    change: ServerAction<ChangePlanStatus>,
    error: Signal<Option<AppError>>,
    here: String,
) -> impl IntoView {
    let action = row.action.clone();
    let field = format!("status-{}", action.id);
    let message = field_message(error, field.clone());
    let status_class = match action.status {
        PlanStatus::Planned => "tag tag--grey",
        PlanStatus::InProgress => "tag tag--blue",
        PlanStatus::Done => "tag tag--green",
        PlanStatus::Dropped => "tag tag--grey",
    };
    let choices: Vec<Choice> = row.next.iter().map(|s| Choice::new(s.code(), s.title())).collect();
    let history = row.history.clone();
    view! {
        <tr id=format!("action-{}", action.id)>
            <th scope="row">
                {action.text.clone()}
                {row.skill_name.clone().map(|s| view! {
                    <div class="hint">{match row.target_label.clone() {
                        Some(level) => format!("{s}, towards {level}"),
                        None => s,
                    }}</div>
                })}
                {(!history.is_empty()).then(|| view! {
                    <details class="details no-print">
                        <summary class="details__summary">"History"<span class="visually-hidden">{format!(" of {}", action.text)}</span></summary>
                        <ul class="list hint">
                            {history.into_iter().map(|h| view! {
                                <li>
                                    {match h.from {
                                        None => format!("{}: added as {}", h.at, h.to.title().to_lowercase()),
                                        Some(from) => format!("{}: {} → {}", h.at, from.title(), h.to.title()),
                                    }}
                                    {h.by.map(|b| format!(" by {b}"))}
                                </li>
                            }).collect_view()}
                        </ul>
                    </details>
                })}
            </th>
            <td>{row.owner_name.clone().unwrap_or_else(|| "No owner".into())}</td>
            <td class="nowrap">{action.due_on.to_string()}</td>
            <td>
                <strong class=status_class>{action.status.title()}</strong>
                {row.overdue.clone().map(|o| view! { <strong class="tag tag--red tag--block">{o}</strong> })}
            </td>
            {may_change.then(|| view! {
                <td class="no-print">
                    {if choices.is_empty() {
                        view! { <span class="hint">"Finished"</span> }.into_any()
                    } else {
                        view! {
                            <ActionForm action=change attr:class="plan-status">
                                <input type="hidden" name="action_id" value=action.id/>
                                <input type="hidden" name="return_to" value=here.clone()/>
                                {move || message.get().map(|m| view! { <p class="error-message" id=format!("status-{}-error", action.id)>{m}</p> })}
                                <label class="visually-hidden" for=field.clone()>{format!("New status for {}", action.text)}</label>
                                <select class="select" id=field.clone() name="status">{options(choices, String::new())}</select>
                                <button type="submit" class="button button--secondary button--small">
                                    "Update"<span class="visually-hidden">{format!(" status of {}", action.text)}</span>
                                </button>
                            </ActionForm>
                        }.into_any()
                    }}
                </td>
            })}
        </tr>
    }
}

/// "Add an action": any action, for a skill or not.
#[component]
fn NewActionForm(
    page: DevelopmentPlanData,
    add: ServerAction<AddPlanAction>,
    error: Signal<Option<AppError>>,
    here: String,
) -> impl IntoView {
    let key = "add".to_string();
    let open = Signal::derive(move || {
        error.with(|e| {
            e.as_ref().and_then(|e| e.field_errors()).is_some_and(|f| f.0.iter().any(|f| f.field.starts_with("add-")))
        })
    });
    let owners: Vec<Choice> = page.owners.iter().map(|(id, name)| Choice::new(id, name.clone())).collect();
    let skills: Vec<Choice> = page.skills.iter().map(|(id, name)| Choice::new(id, name.clone())).collect();
    view! {
        <details class="details no-print" open=open>
            <summary class="details__summary">"Add an action"</summary>
            <ActionForm action=add attr:class="panel" attr:aria-label="Add an action">
                <input type="hidden" name="person_id" value=page.person.id/>
                <input type="hidden" name="form" value=key.clone()/>
                <input type="hidden" name="return_to" value=here/>
                <TextField name="text" id="add-text" label="Action" hint="What will be done, for example \"Shadow the on-call lead for two weeks\"" value=shown_value(error, "add-text", String::new()) error/>
                <SelectField name="skill" id="add-skill_id" label="Skill it develops (optional)" choices=skills selected=shown_value(error, "add-skill_id", String::new()) empty="No particular skill" error/>
                <SelectField name="owner_person_id" id="add-owner_person_id" label="Owner" choices=owners selected=shown_value(error, "add-owner_person_id", page.person.id.to_string()) error/>
                <TextField name="due_on" id="add-due_on" label="Due date" input_type="date" value=shown_value(error, "add-due_on", page.default_due.to_string()) error width="input--width-10"/>
                <button type="submit" class="button">"Add action"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn NeedSection(
    card: NeedCard,
    page: DevelopmentPlanData,
    add: ServerAction<AddPlanAction>,
    error: Signal<Option<AppError>>,
    here: String,
) -> impl IntoView {
    let scale = card.scale;
    let required = scale.label(card.required);
    let basis = match card.basis {
        NeedBasis::CurrentRole => format!("Current role level: {}", card.role_level),
        NeedBasis::TargetRole => format!("Career path: {}", card.role_level),
    };
    let standing = match card.band {
        GapBand::NotAssessed => "Not assessed yet".to_string(),
        band => band.title().to_string(),
    };
    let heading_id = format!("need-{}-title", card.skill_id);
    let labelled_by = heading_id.clone();
    view! {
        <section class="need-card" aria-labelledby=labelled_by id=format!("need-{}", card.skill_id)>
            <h3 class="heading-s" id=heading_id>
                {card.skill_name.clone()}
                <strong class=if card.basis == NeedBasis::TargetRole { "tag tag--blue" } else { "tag tag--warning" }>{standing}</strong>
            </h3>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt class="summary-list__key">"Now"</dt>
                    <dd class="summary-list__value">
                        <CurrentLevel scale level=card.current assessed_on=card.assessed_on stale=card.stale cadence=page.cadence/>
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">"Required"</dt>
                    <dd class="summary-list__value">
                        <strong>{required.clone()}</strong>
                        <div class="hint">{basis}</div>
                        {card.required_descriptor.clone().map(|d| view! { <p class="body descriptor">{d}</p> })}
                    </dd>
                </div>
                {card.next_level.clone().map(|(level, descriptor)| view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">"Next step"</dt>
                        <dd class="summary-list__value">
                            <strong>{scale.label(level)}</strong>
                            {descriptor.map(|d| view! { <p class="body descriptor">{d}</p> })}
                        </dd>
                    </div>
                })}
            </dl>
            <InPlan actions=card.in_plan.clone() today=page.today/>
            <h4 class="heading-s">"Suggested development"</h4>
            <SuggestionList suggestions=card.suggestions.clone()/>
            {page.may_add.then(|| view! {
                <AddToPlan
                    key=card.form_key()
                    person_id=page.person.id
                    person_name=page.person.name.clone()
                    skill_id=card.skill_id
                    skill_name=card.skill_name.clone()
                    target_level=card.required
                    text=card.default_text.clone()
                    owners=page.owners.clone()
                    default_due=page.default_due.to_string()
                    add
                    error
                    return_to=here
                />
            })}
        </section>
    }
}

#[component]
fn GapTable(rows: Vec<GapRow>, cadence: u32, caption: &'static str, empty: &'static str) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="body">{empty}</p> }.into_any();
    }
    view! {
        <table class="table plan-gaps">
            <caption class="visually-hidden">{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Skill"</th>
                    <th scope="col">"Current"</th>
                    <th scope="col">"Required"</th>
                    <th scope="col">"Standing"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let tag = match r.band {
                        GapBand::BelowTwoOrMore => "tag tag--red",
                        GapBand::BelowOne | GapBand::NotAssessed => "tag tag--warning",
                        GapBand::Meets | GapBand::Exceeds => "tag tag--green",
                        GapBand::NotRequired => "tag tag--grey",
                    };
                    view! {
                        <tr>
                            <th scope="row"><A href=format!("/framework/skills/{}", r.skill_id)>{r.skill_name.clone()}</A></th>
                            <td><CurrentLevel scale=r.scale level=r.current assessed_on=r.assessed_on stale=r.stale cadence/></td>
                            <td>{r.required.map(|l| r.scale.label(l)).unwrap_or_default()}</td>
                            <td><strong class=tag>{r.band.title()}</strong></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The development plan in a few lines, for the person page: progress, open actions (overdue in
/// words), the career-path needs, and the link to the full plan.
#[component]
pub fn PlanSummary(summary: PlanSummaryData) -> impl IntoView {
    let id = summary.person_id;
    let progress = summary.progress;
    view! {
        <section class="plan-summary" aria-labelledby="plan-summary-title">
            <h2 class="heading-m" id="plan-summary-title">"Development plan"</h2>
            <p class="body">
                {match progress.committed() {
                    0 => "No actions in the development plan yet.".to_string(),
                    n => format!("{} of {n} action{} done, {} in progress, {} planned.", progress.done, if n == 1 { "" } else { "s" }, progress.in_progress, progress.planned),
                }}
                {(progress.overdue > 0).then(|| view! { <strong class="tag tag--red">{format!("{} overdue", progress.overdue)}</strong> })}
            </p>
            {(!summary.open.is_empty()).then(|| view! {
                <ul class="list list--bullet plan-summary__open">
                    {summary.open.iter().take(5).map(|(text, due, status, overdue)| view! {
                        <li>
                            {text.clone()}
                            <span class="hint">{format!(" – {}, due {due}", status.title())}</span>
                            {overdue.clone().map(|o| view! { <strong class="tag tag--red">{o}</strong> })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {summary.career.clone().map(|(level, count)| view! {
                <p class="body">
                    {match count {
                        0 => format!("Aiming for {level}: every level it requires is met."),
                        1 => format!("Aiming for {level}: 1 skill to develop."),
                        n => format!("Aiming for {level}: {n} skills to develop."),
                    }}
                </p>
            })}
            <p class="body">
                <A href=format!("/people/{id}/plan")>"View development plan and career-path gaps"</A>
            </p>
        </section>
    }
}
