//! On a team page: the members who are in other teams too, and the team each counts under in
//! the organisation's figures for senior staff, with a form to change it.

use crate::components::forms::{action_error, options, Choice, ErrorSummary};
use crate::server_fns::primary_team::{SetPrimaryTeam, SharedMember};
use leptos::prelude::*;
use skillmix::Id;

#[component]
pub fn PrimaryTeams(
    members: Vec<SharedMember>,
    team_id: Id,
    may_edit: bool,
    save: ServerAction<SetPrimaryTeam>,
) -> impl IntoView {
    let error = action_error(save);
    (!members.is_empty()).then(|| view! {
        <section aria-labelledby="primary-teams">
            <h2 class="heading-m" id="primary-teams">"People in more than one team"</h2>
            <p class="body">"In the organisation's figures for senior staff each person counts in one team, so that team figures add up to the totals and nobody can be singled out by subtracting one from another."</p>
            <ErrorSummary error/>
            <ul class="list">
                {members.into_iter().map(|m| view! { <li><SharedRow member=m team_id may_edit save/></li> }).collect_view()}
            </ul>
        </section>
    })
}

#[component]
fn SharedRow(member: SharedMember, team_id: Id, may_edit: bool, save: ServerAction<SetPrimaryTeam>) -> impl IntoView {
    let current = member.teams.iter().find(|t| t.0 == member.primary_team_id).map(|t| t.1.clone()).unwrap_or_default();
    if !may_edit {
        return view! { <p class="body">{format!("{} counts in {current}.", member.name)}</p> }.into_any();
    }
    let field = format!("primary-team-{}", member.person_id);
    let choices: Vec<Choice> = member.teams.iter().map(|(id, name)| Choice::new(id, name.clone())).collect();
    view! {
        <ActionForm action=save attr:class="inline-form">
            <input type="hidden" name="team_id" value=team_id/>
            <input type="hidden" name="person_id" value=member.person_id/>
            <div class="form-group">
                <label class="label" for=field.clone()>{format!("{} counts in", member.name)}</label>
                <select class="select" id=field name="primary_team_id">{options(choices, member.primary_team_id.to_string())}</select>
            </div>
            <button type="submit" class="button button--secondary">
                "Save"<span class="visually-hidden">{format!(" the team {} counts in", member.name)}</span>
            </button>
        </ActionForm>
    }
    .into_any()
}
