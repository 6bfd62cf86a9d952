//! `/teams/{id}`: members with their role levels and leads; adding and removing members.

use crate::api::teams::{team_page, AddMember, MemberRow, RemoveMember, TeamData};
use crate::components::forms::{action_error, Choice, ErrorSummary, SelectField};
use crate::components::layout::Breadcrumbs;
use crate::components::page::{param_id, Loaded, PageTitle};
use crate::components::primary_team::PrimaryTeams;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn TeamPage() -> impl IntoView {
    let id = param_id("id");
    let add = ServerAction::<AddMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let data = Resource::new(
        move || (id.get(), add.version().get(), remove.version().get()),
        |(id, _, _)| team_page(id.unwrap_or_default()),
    );
    view! {
        <Loaded resource=data render=move |page: TeamData| view! { <TeamView page add remove/> }/>
    }
}

#[component]
fn TeamView(page: TeamData, add: ServerAction<AddMember>, remove: ServerAction<RemoveMember>) -> impl IntoView {
    let team = page.card.team.clone();
    let team_id = team.id;
    let add_error = action_error(add);
    let remove_error = action_error(remove);
    let error = Signal::derive(move || add_error.get().or(remove_error.get()));
    let (met, of) = page.card.required_met;
    view! {
        <Breadcrumbs trail=vec![("Dashboard".into(), "/".into())]/>
        <ErrorSummary error/>
        <PageTitle text=team.name.clone() caption="Team"/>
        {(!team.description.is_empty()).then(|| view! { <p class="lead">{team.description.clone()}</p> })}
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">"Framework"</dt>
                <dd class="summary-list__value">
                    <A href=format!("/framework/versions/{}", page.version.id)>{page.version.name.clone()}</A>
                </dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Review cadence"</dt>
                <dd class="summary-list__value">{format!("Every {} months", team.review_cadence_months)}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Required levels met"</dt>
                <dd class="summary-list__value">{format!("{met} of {of}")}</dd>
            </div>
        </dl>
        <nav class="team-views" aria-label="Team views">
            <ul class="list list--inline">
                <li><A href=format!("/teams/{team_id}/heatmap")>"Skill-mix heatmap"</A></li>
                <li><A href=format!("/teams/{team_id}/coverage")>"Coverage and single points of failure"</A></li>
                <li><A href=format!("/teams/{team_id}/dynamics")>"Team dynamics"</A></li>
                <li><A href=format!("/teams/{team_id}/training-needs")>"Training needs"</A></li>
            </ul>
        </nav>
        <h2 class="heading-m">"Members"</h2>
        <MembersTable members=page.members.clone() team_id may_edit=page.may_edit remove/>
        <PrimaryTeams team_id may_edit=page.may_edit/>
        {page.may_edit.then(|| view! {
            <AddMemberForm team_id others=page.others.clone() add error/>
            <p class="body">
                <A href=format!("/people/new?team={team_id}")>"Add a new person to this team"</A>
            </p>
            <div class="button-group">
                <A href=format!("/teams/{team_id}/edit") attr:class="button button--secondary">"Edit team"</A>
                <A href=format!("/teams/{team_id}/delete") attr:class="button button--warning">"Delete team"</A>
            </div>
        })}
    }
}

#[component]
fn MembersTable(
    members: Vec<MemberRow>,
    team_id: skillmix::Id,
    may_edit: bool,
    remove: ServerAction<RemoveMember>,
) -> impl IntoView {
    if members.is_empty() {
        return view! { <p class="body">"This team has no members yet."</p> }.into_any();
    }
    view! {
        <table class="table">
            <caption class="visually-hidden">"Team members"</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Role level"</th>
                    <th scope="col">"Aiming for"</th>
                    <th scope="col">"Lead"</th>
                    {may_edit.then(|| view! { <th scope="col"><span class="visually-hidden">"Actions"</span></th> })}
                </tr>
            </thead>
            <tbody>
                {members
                    .into_iter()
                    .map(|m| {
                        let person_id = m.person_id;
                        let name = m.name.clone();
                        view! {
                            <tr>
                                <th scope="row"><A href=format!("/people/{person_id}")>{m.name.clone()}</A></th>
                                <td>{m.role_level.clone().unwrap_or_else(|| "Not set".into())}</td>
                                <td>{m.target_role_level.clone().unwrap_or_default()}</td>
                                <td>{if m.is_lead { "Lead" } else { "" }}</td>
                                {may_edit.then(|| view! {
                                    <td>
                                        <ActionForm action=remove attr:class="inline-form">
                                            <input type="hidden" name="team_id" value=team_id/>
                                            <input type="hidden" name="person_id" value=person_id/>
                                            <button type="submit" class="button button--link">
                                                "Remove"<span class="visually-hidden">{format!(" {name} from the team")}</span>
                                            </button>
                                        </ActionForm>
                                    </td>
                                })}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn AddMemberForm(
    team_id: skillmix::Id,
    others: Vec<(skillmix::Id, String)>,
    add: ServerAction<AddMember>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    if others.is_empty() {
        return ().into_any();
    }
    let choices = others.into_iter().map(|(id, name)| Choice::new(id, name)).collect();
    view! {
        <ActionForm action=add attr:class="panel">
            <h2 class="heading-s">"Add someone already recorded"</h2>
            <input type="hidden" name="team_id" value=team_id/>
            <SelectField name="person_id" label="Person" choices empty="Select a person" error/>
            <div class="checkboxes__item">
                <input class="checkboxes__input" type="checkbox" id="is_lead" name="is_lead" value="yes"/>
                <label class="label checkboxes__label" for="is_lead">"They lead this team"</label>
            </div>
            <button type="submit" class="button">"Add to team"</button>
        </ActionForm>
    }
    .into_any()
}
