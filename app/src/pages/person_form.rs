//! `/people/new`, `/people/{id}/edit` and `/people/{id}/delete`.

use crate::components::forms::{action_error, Choice, ConfirmRadios, ErrorSummary, SelectField, TextField};
use crate::components::layout::Breadcrumbs;
use crate::components::page::{param_id, ErrorPage, Loaded, PageTitle};
use crate::error::AppError;
use crate::server_fns::people::{
    person_form_data, person_to_remove, CreatePerson, DeletePerson, PersonFormFields, UpdatePerson,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NewPersonPage() -> impl IntoView {
    let action = ServerAction::<CreatePerson>::new();
    let error = action_error(action);
    let query = use_query_map();
    let team = Memo::new(move |_| query.read().get("team").and_then(|t| t.parse::<skillmix::Id>().ok()));
    let data = Resource::new(move || team.get(), |team| person_form_data(None, team));
    view! {
        <Loaded resource=data render=move |data: PersonFormFields| {
            let team = data.team.clone();
            let trail = match &team {
                Some((id, name)) => vec![("Dashboard".into(), "/".into()), (name.clone(), format!("/teams/{id}"))],
                None => vec![("Dashboard".into(), "/".into())],
            };
            let title = match &team {
                Some((_, name)) => format!("Add a person to {name}"),
                None => "Add a person".to_string(),
            };
            view! {
                <Breadcrumbs trail/>
                <ErrorSummary error/>
                <PageTitle text=title/>
                <ActionForm action=action>
                    {team.map(|(id, _)| view! { <input type="hidden" name="team_id" value=id/> })}
                    <PersonFields data error/>
                    <button type="submit" class="button">"Save person"</button>
                </ActionForm>
            }
        }/>
    }
}

#[component]
pub fn EditPersonPage() -> impl IntoView {
    let id = param_id("id");
    let action = ServerAction::<UpdatePerson>::new();
    let error = action_error(action);
    let data = Resource::new(move || id.get(), |id| person_form_data(Some(id.unwrap_or_default()), None));
    view! {
        <Loaded resource=data render=move |data: PersonFormFields| {
            let Some(person) = data.person.clone() else {
                return view! { <ErrorPage error=AppError::NotFound("Person".into())/> }.into_any();
            };
            view! {
                <Breadcrumbs trail=vec![("Dashboard".into(), "/".into()), (person.name.clone(), format!("/people/{}", person.id))]/>
                <ErrorSummary error/>
                <PageTitle text="Edit details"/>
                <ActionForm action=action>
                    <input type="hidden" name="id" value=person.id/>
                    <PersonFields data error/>
                    <button type="submit" class="button">"Save changes"</button>
                </ActionForm>
            }
            .into_any()
        }/>
    }
}

#[component]
fn PersonFields(data: PersonFormFields, error: Signal<Option<AppError>>) -> impl IntoView {
    let person = data.person.clone();
    let choices: Vec<Choice> =
        data.role_levels.iter().map(|r| Choice::new(r.id, r.label.clone()).in_group(r.group.clone())).collect();
    let selected = |id: Option<skillmix::Id>| id.map(|i| i.to_string()).unwrap_or_default();
    let role_level = person.as_ref().and_then(|p| p.role_level_id);
    let target_role_level = person.as_ref().and_then(|p| p.target_role_level_id);
    // Someone editing what is theirs to edit (a member, themselves) sees the role levels but does
    // not set them: their lead or an administrator does. The stored values are sent back as they
    // are, and the server refuses any other.
    let role_levels = if data.may_set_role_levels {
        view! {
            <SelectField
                name="role_level_id"
                label="Role level"
                hint="Their current role: its required levels are what they are assessed against."
                choices=choices.clone()
                selected=selected(role_level)
                empty="Not set"
                error
            />
            <SelectField
                name="target_role_level_id"
                label="Role level they are aiming for (optional)"
                hint="Their career path: the next level's requirements show what it will ask of them."
                choices
                selected=selected(target_role_level)
                empty="None"
                error
            />
        }
        .into_any()
    } else {
        let label = |id: Option<skillmix::Id>, none: &str| {
            id.and_then(|id| data.role_levels.iter().find(|r| r.id == id))
                .map(|r| format!("{} ({})", r.label, r.group))
                .unwrap_or_else(|| none.to_string())
        };
        view! {
            <input type="hidden" name="role_level_id" value=selected(role_level)/>
            <input type="hidden" name="target_role_level_id" value=selected(target_role_level)/>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt class="summary-list__key">"Role level"</dt>
                    <dd class="summary-list__value">{label(role_level, "Not set")}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">"Role level they are aiming for"</dt>
                    <dd class="summary-list__value">{label(target_role_level, "None")}</dd>
                </div>
            </dl>
            <p class="hint">"Their team lead or an administrator sets the role levels."</p>
        }
        .into_any()
    };
    view! {
        <TextField name="name" label="Full name" value=person.as_ref().map(|p| p.name.clone()).unwrap_or_default() error width="input--two-thirds"/>
        <TextField
            name="email"
            label="Work email address (optional)"
            hint="Used to link the person to their sign-in."
            value=person.as_ref().and_then(|p| p.email.clone()).unwrap_or_default()
            input_type="email"
            error
            width="input--two-thirds"
        />
        {role_levels}
    }
}

#[component]
pub fn DeletePersonPage() -> impl IntoView {
    let id = param_id("id");
    let action = ServerAction::<DeletePerson>::new();
    let error = action_error(action);
    let data = Resource::new(move || id.get(), |id| person_to_remove(id.unwrap_or_default(), false));
    view! {
        <Loaded resource=data render=move |person: skillmix::people::Person| {
            view! {
                <Breadcrumbs trail=vec![("Dashboard".into(), "/".into()), (person.name.clone(), format!("/people/{}", person.id))]/>
                <ErrorSummary error/>
                <PageTitle text=format!("Delete {}?", person.name)/>
                <p class="body">"Their team memberships and their whole assessment history are deleted. This cannot be undone."</p>
                <ActionForm action=action>
                    <input type="hidden" name="id" value=person.id/>
                    <ConfirmRadios legend="Are you sure you want to delete this person?" error/>
                    <div class="button-group">
                        <button type="submit" class="button button--warning">"Delete person"</button>
                        <A href=format!("/people/{}", person.id) attr:class="link">"Cancel"</A>
                    </div>
                </ActionForm>
            }
            .into_any()
        }/>
    }
}
