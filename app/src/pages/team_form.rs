//! `/teams/new`, `/teams/{id}/edit` and `/teams/{id}/delete`.

use crate::components::forms::{action_error, Choice, ConfirmRadios, ErrorSummary, SelectField, TextArea, TextField};
use crate::components::layout::Breadcrumbs;
use crate::components::page::{param_id, ErrorPage, Loaded, PageTitle};
use crate::error::AppError;
use crate::server_fns::teams::{team_form_data, CreateTeam, DeleteTeam, TeamFormFields, UpdateTeam};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NewTeamPage() -> impl IntoView {
    let action = ServerAction::<CreateTeam>::new();
    let error = action_error(action);
    let data = Resource::new(|| (), |_| team_form_data(None));
    view! {
        <Loaded resource=data render=move |data: TeamFormFields| view! {
            <Breadcrumbs trail=vec![("Dashboard".into(), "/".into())]/>
            <ErrorSummary error/>
            <PageTitle text="Create a team"/>
            <ActionForm action=action>
                <TeamFields data error/>
                <button type="submit" class="button">"Create team"</button>
            </ActionForm>
        }/>
    }
}

#[component]
pub fn EditTeamPage() -> impl IntoView {
    let id = param_id("id");
    let action = ServerAction::<UpdateTeam>::new();
    let error = action_error(action);
    let data = Resource::new(move || id.get(), |id| team_form_data(Some(id.unwrap_or_default())));
    view! {
        <Loaded resource=data render=move |data: TeamFormFields| {
            let team_id = data.team.as_ref().map(|t| t.id).unwrap_or_default();
            let name = data.team.as_ref().map(|t| t.name.clone()).unwrap_or_default();
            view! {
                <Breadcrumbs trail=vec![("Dashboard".into(), "/".into()), (name, format!("/teams/{team_id}"))]/>
                <ErrorSummary error/>
                <PageTitle text="Edit team"/>
                <ActionForm action=action>
                    <input type="hidden" name="id" value=team_id/>
                    <TeamFields data error/>
                    <button type="submit" class="button">"Save changes"</button>
                </ActionForm>
            }
        }/>
    }
}

#[component]
fn TeamFields(data: TeamFormFields, error: Signal<Option<AppError>>) -> impl IntoView {
    let team = data.team.clone();
    let choices: Vec<Choice> = data.versions.iter().rev().map(|v| Choice::new(v.id, v.name.clone())).collect();
    let selected = team
        .as_ref()
        .map(|t| t.framework_version_id)
        .or_else(|| data.versions.last().map(|v| v.id))
        .map(|id| id.to_string())
        .unwrap_or_default();
    view! {
        <TextField name="name" label="Team name" value=team.as_ref().map(|t| t.name.clone()).unwrap_or_default() error width="input--two-thirds"/>
        <TextArea
            name="description"
            label="What the team does (optional)"
            value=team.as_ref().map(|t| t.description.clone()).unwrap_or_default()
            error
        />
        <SelectField
            name="framework_version_id"
            label="Framework version"
            hint="The team's people are assessed against the skills and role levels of this version."
            choices
            selected
            error
        />
        <TextField
            name="review_cadence_months"
            label="Review cadence in months"
            hint="Assessments older than this are marked stale and the person is due for review."
            value=team.as_ref().map(|t| t.review_cadence_months.to_string()).unwrap_or_else(|| "6".into())
            input_type="number"
            width="input--width-3"
            error
        />
    }
}

#[component]
pub fn DeleteTeamPage() -> impl IntoView {
    let id = param_id("id");
    let action = ServerAction::<DeleteTeam>::new();
    let error = action_error(action);
    let data = Resource::new(move || id.get(), |id| team_form_data(Some(id.unwrap_or_default())));
    view! {
        <Loaded resource=data render=move |data: TeamFormFields| {
            let Some(team) = data.team.clone() else {
                return view! { <ErrorPage error=AppError::NotFound("Team".into())/> }.into_any();
            };
            view! {
                <Breadcrumbs trail=vec![("Dashboard".into(), "/".into()), (team.name.clone(), format!("/teams/{}", team.id))]/>
                <ErrorSummary error/>
                <PageTitle text=format!("Delete {}?", team.name)/>
                <p class="body">
                    "The team and its memberships are deleted. Its people, their role levels and their assessment "
                    "history are kept."
                </p>
                <ActionForm action=action>
                    <input type="hidden" name="id" value=team.id/>
                    <ConfirmRadios legend="Are you sure you want to delete this team?" error/>
                    <div class="button-group">
                        <button type="submit" class="button button--warning">"Delete team"</button>
                        <A href=format!("/teams/{}", team.id) attr:class="link">"Cancel"</A>
                    </div>
                </ActionForm>
            }
            .into_any()
        }/>
    }
}
