//! `/`: the teams the signed-in user can see, with headline figures.

use crate::components::page::{Loaded, PageTitle};
use crate::server_fns::teams::{dashboard, DashboardData, TeamCard};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| dashboard());
    view! { <Loaded resource=data render=|d: DashboardData| view! { <DashboardView data=d/> }/> }
}

#[component]
fn DashboardView(data: DashboardData) -> impl IntoView {
    let empty = data.teams.is_empty();
    view! {
        <PageTitle text="Your teams"/>
        <p class="lead">
            "The skill mix of each team against its capability framework: who meets the level their role asks for, "
            "and where the team depends on a single person."
        </p>
        <div class="button-group">
            {data.may_create_team.then(|| view! { <A href="/teams/new" attr:class="button">"Create a team"</A> })}
            {data.may_create_person.then(|| view! { <A href="/people/new" attr:class="button button--secondary">"Add a person"</A> })}
        </div>
        {if empty {
            view! { <p class="body">"There are no teams you can see yet."</p> }.into_any()
        } else {
            view! { <TeamsTable teams=data.teams/> }.into_any()
        }}
        <p class="body">
            {format!("{} framework version(s) loaded. ", data.framework_versions)}
            <A href="/framework">"Browse the framework"</A>
        </p>
    }
}

#[component]
fn TeamsTable(teams: Vec<TeamCard>) -> impl IntoView {
    view! {
        <table class="table">
            <caption class="table__caption">"Teams and headline figures"</caption>
            <thead>
                <tr>
                    <th scope="col">"Team"</th>
                    <th scope="col">"Leads"</th>
                    <th scope="col" class="numeric">"People"</th>
                    <th scope="col" class="numeric">"Skills assessed"</th>
                    <th scope="col" class="numeric">"Required levels met"</th>
                    <th scope="col" class="numeric">"Skills with one holder"</th>
                    <th scope="col" class="numeric">"Skills nobody holds"</th>
                </tr>
            </thead>
            <tbody>
                {teams.into_iter().map(|card| view! { <TeamRow card/> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn TeamRow(card: TeamCard) -> impl IntoView {
    let (met, of) = card.required_met;
    let share = if of == 0 {
        "Nothing required yet".to_string()
    } else {
        format!("{}% ({met} of {of})", (f64::from(met) * 100.0 / f64::from(of)).round())
    };
    let leads = if card.leads.is_empty() { "No lead yet".to_string() } else { card.leads.join(", ") };
    view! {
        <tr>
            <th scope="row"><A href=format!("/teams/{}", card.team.id)>{card.team.name.clone()}</A></th>
            <td>{leads}</td>
            <td class="numeric">{card.people}</td>
            <td class="numeric">{card.skills_assessed}</td>
            <td class="numeric">{share}</td>
            <td class="numeric">{risk_text(card.single_holder)}</td>
            <td class="numeric">{risk_text(card.uncovered)}</td>
        </tr>
    }
}

/// A risk count, flagged in words as well as style when above zero.
fn risk_text(count: u32) -> impl IntoView {
    if count == 0 {
        view! { <span>"0"</span> }.into_any()
    } else {
        view! { <strong class="tag tag--warning">{format!("{count} at risk")}</strong> }.into_any()
    }
}
