//! `/people/{id}`: each skill of the person's role level with their current level by source
//! beside the required level, and the history of each.

use crate::components::layout::Breadcrumbs;
use crate::components::levels::{level_text, LevelTag};
use crate::components::page::{param_id, Loaded, PageTitle};
use crate::server_fns::people::{person_page, PersonData, PersonSkill};
use leptos::prelude::*;
use leptos_router::components::A;
use skillmix::framework::SkillKind;

#[component]
pub fn PersonPage() -> impl IntoView {
    let id = param_id("id");
    let data = Resource::new(move || id.get(), |id| person_page(id.unwrap_or_default()));
    view! { <Loaded resource=data render=|page: PersonData| view! { <PersonView page/> }/> }
}

#[component]
fn PersonView(page: PersonData) -> impl IntoView {
    let person = page.person.clone();
    let id = person.id;
    let trail = match page.teams.first() {
        Some((team_id, name, _)) => vec![("Dashboard".into(), "/".into()), (name.clone(), format!("/teams/{team_id}"))],
        None => vec![("Dashboard".into(), "/".into())],
    };
    let role = page.role_level.as_ref().map(|r| format!("{} – {}", r.role_name, r.name));
    let target = page.target_role_level.as_ref().map(|r| format!("{} – {}", r.role_name, r.name));
    let groups: Vec<(SkillKind, Vec<PersonSkill>)> = SkillKind::ALL
        .into_iter()
        .map(|kind| (kind, page.skills.iter().filter(|s| s.skill.kind == kind).cloned().collect::<Vec<_>>()))
        .filter(|(_, list)| !list.is_empty())
        .collect();
    let cadence = page.review_cadence_months;
    view! {
        <Breadcrumbs trail/>
        <PageTitle text=person.name.clone() caption="Person"/>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">"Role level"</dt>
                <dd class="summary-list__value">{role.unwrap_or_else(|| "Not set".into())}</dd>
            </div>
            {target.map(|t| view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">"Aiming for"</dt>
                    <dd class="summary-list__value">{t}</dd>
                </div>
            })}
            <div class="summary-list__row">
                <dt class="summary-list__key">"Teams"</dt>
                <dd class="summary-list__value">
                    {page.teams.clone().into_iter().map(|(tid, name, lead)| view! {
                        <span class="comma-list"><A href=format!("/teams/{tid}")>{name}</A>{if lead { " (lead)" } else { "" }}</span>
                    }).collect_view()}
                </dd>
            </div>
        </dl>
        <div class="button-group">
            {page.may_assess.then(|| view! { <A href=format!("/people/{id}/assess") attr:class="button">"Record an assessment"</A> })}
            {page.may_edit.then(|| view! { <A href=format!("/people/{id}/edit") attr:class="button button--secondary">"Edit details"</A> })}
            {page.may_delete.then(|| view! { <A href=format!("/people/{id}/delete") attr:class="button button--warning">"Delete person"</A> })}
            {page.may_erase.then(|| view! { <A href=format!("/people/{id}/erase") attr:class="button button--warning">"Erase all their data"</A> })}
            <a href=format!("/api/v1/people/{id}/export.json") class="button button--secondary" download="">"Download their data (JSON)"</a>
        </div>
        <crate::pages::plan::PlanSummary summary=page.plan.clone()/>
        {if groups.is_empty() {
            view! { <p class="body">"No role level is set and nothing has been assessed yet."</p> }.into_any()
        } else {
            groups.into_iter().map(|(kind, list)| view! { <SkillTable kind list cadence/> }).collect_view().into_any()
        }}
    }
}

#[component]
fn SkillTable(kind: SkillKind, list: Vec<PersonSkill>, cadence: u32) -> impl IntoView {
    view! {
        <h2 class="heading-m">{kind.title()}</h2>
        <table class="table person-skills">
            <caption class="visually-hidden">{format!("{}: required and current levels", kind.title())}</caption>
            <thead>
                <tr>
                    <th scope="col">"Skill"</th>
                    <th scope="col">"Required"</th>
                    <th scope="col">"Lead"</th>
                    <th scope="col">"Self"</th>
                    <th scope="col">"Peer"</th>
                    <th scope="col">"Last assessed"</th>
                    <th scope="col">"History"</th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|row| view! { <SkillRow row cadence/> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn SkillRow(row: PersonSkill, cadence: u32) -> impl IntoView {
    let scale = row.skill.scale;
    let required = match (row.required, row.expected) {
        (Some(level), _) => scale.label(level),
        (None, true) => "Expected (no level stated)".to_string(),
        (None, false) => "Not required".to_string(),
    };
    let target = row.target_required.map(|l| format!("Target role: {}", scale.label(l)));
    let history = row.history.clone();
    view! {
        <tr>
            <th scope="row"><A href=format!("/framework/skills/{}", row.skill.id)>{row.skill.name.clone()}</A></th>
            <td>{required}{target.map(|t| view! { <div class="hint">{t}</div> })}</td>
            <td><LevelTag scale level=row.lead/></td>
            <td><LevelTag scale level=row.self_level/></td>
            <td><LevelTag scale level=row.peer/></td>
            <td>
                {row.latest_on.clone().unwrap_or_else(|| "Never".into())}
                {row.stale.then(|| view! { <strong class="tag tag--grey">{format!("Stale: over {cadence} months")}</strong> })}
            </td>
            <td>
                {if history.is_empty() {
                    view! { <span>"None"</span> }.into_any()
                } else {
                    view! {
                        <details class="details">
                            <summary class="details__summary">{format!("{} assessment(s)", history.len())}</summary>
                            <ul class="list history">
                                {history.into_iter().map(|h| view! {
                                    <li>
                                        {format!("{}: {} ({})", h.assessed_on, level_text(scale, Some(h.level), ""), h.source.title())}
                                        {h.assessor.map(|a| format!(" by {a}"))}
                                        {h.evidence.map(|e| view! { <div class="hint">{e}</div> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        </details>
                    }.into_any()
                }}
            </td>
        </tr>
    }
}
