//! `/admin/users`, `/admin/audit` and `/people/{id}/erase`: administration.

use crate::components::forms::{action_error, Choice, ConfirmRadios, ErrorSummary, SelectField, TextField};
use crate::components::layout::Breadcrumbs;
use crate::components::page::{param_id, Loaded, PageTitle};
use crate::error::AppError;
use crate::server_fns::admin::{
    load_audit, load_users, AddUser, AuditRow, ErasePerson, ResetPassword, TemporaryPassword, UpdateUser, UserRow,
    UsersData,
};
use crate::server_fns::people::person_to_remove;
use leptos::prelude::*;
use leptos_router::components::A;
use skillmix::access::UserRole;

#[component]
pub fn UsersPage() -> impl IntoView {
    let add = ServerAction::<AddUser>::new();
    let update = ServerAction::<UpdateUser>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let data =
        Resource::new(move || (add.version().get(), update.version().get(), reset.version().get()), |_| load_users());
    let add_error = action_error(add);
    let update_error = action_error(update);
    let reset_error = action_error(reset);
    let error = Signal::derive(move || add_error.get().or(update_error.get()).or(reset_error.get()));
    view! {
        <Loaded resource=data render=move |data: UsersData| view! {
            <ErrorSummary error/>
            {data.temporary_password.clone().map(|t| view! { <TemporaryPasswordNotice temporary=t/> })}
            <PageTitle text="Users and roles"/>
            <p class="body">
                "Changing a role, disabling an account or resetting a password ends that user's sessions and API tokens at once. "
                "A reset gives a temporary password, shown once, that the user must replace when they next sign in."
            </p>
            <UsersTable users=data.users.clone() update reset/>
            <AddUserForm teams=data.teams.clone() add error/>
            <p class="body"><A href="/admin/audit">"Audit log"</A></p>
        }/>
    }
}

#[component]
fn TemporaryPasswordNotice(temporary: TemporaryPassword) -> impl IntoView {
    view! {
        <div class="notification" role="status" id="notice">
            <h2 class="notification__title">{format!("Temporary password for {}", temporary.email)}</h2>
            <p class="body">
                "Pass it on securely. It is shown only this once; the user must choose a new password when they sign in with it."
            </p>
            <p class="body"><code class="temporary-password">{temporary.password}</code></p>
        </div>
    }
}

#[component]
fn UsersTable(
    users: Vec<UserRow>,
    update: ServerAction<UpdateUser>,
    reset: ServerAction<ResetPassword>,
) -> impl IntoView {
    view! {
        <table class="table">
            <caption class="table__caption">"Accounts"</caption>
            <thead><tr>
                <th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Person"</th>
                <th scope="col">"Status"</th><th scope="col">"Change role"</th><th scope="col">"Access"</th>
            </tr></thead>
            <tbody>
                {users.into_iter().map(|u| {
                    let id = u.id;
                    let status = if u.disabled {
                        "Disabled".to_string()
                    } else if u.must_change_password {
                        "Must choose a new password".to_string()
                    } else if u.locked_addresses > 0 {
                        format!("Locked after failed sign-ins from {} address(es)", u.locked_addresses)
                    } else {
                        "Active".to_string()
                    };
                    let reset_label = format!(" for {}", u.email);
                    let roles: Vec<Choice> = UserRole::ALL.into_iter().map(|r| Choice::new(r.code(), r.title())).collect();
                    let select_id = format!("role-{id}");
                    let (role_label, change_label, access_label) =
                        (format!("New role for {}", u.email), format!(" role of {}", u.email), format!(" {}", u.email));
                    view! {
                        <tr>
                            <th scope="row">{u.email.clone()}</th>
                            <td>{u.role.title()}</td>
                            <td>{u.person.clone().map(|(pid, name)| view! { <A href=format!("/people/{pid}")>{name}</A> })}</td>
                            <td>{status}</td>
                            <td>
                                <ActionForm action=update attr:class="inline-form">
                                    <input type="hidden" name="user_id" value=id/>
                                    <label class="visually-hidden" for=select_id.clone()>{role_label}</label>
                                    <select class="select" id=select_id name="role">
                                        {crate::components::forms::options(roles, u.role.code().to_string())}
                                    </select>
                                    " "
                                    <button type="submit" class="button button--secondary button--small">"Change"<span class="visually-hidden">{change_label}</span></button>
                                </ActionForm>
                            </td>
                            <td>
                                // One action a line, spaced so that each is a target of at least
                                // 24 by 24 pixels (WCAG 2.5.8) however narrow the column gets.
                                <ul class="list">
                                    <li>
                                        <ActionForm action=update attr:class="inline-form">
                                            <input type="hidden" name="user_id" value=id/>
                                            <input type="hidden" name="disabled" value=if u.disabled { "no" } else { "yes" }/>
                                            <button type="submit" class="button button--link">
                                                {if u.disabled { "Enable" } else { "Disable" }}
                                                <span class="visually-hidden">{access_label}</span>
                                            </button>
                                        </ActionForm>
                                    </li>
                                    <li>
                                        <ActionForm action=reset attr:class="inline-form">
                                            <input type="hidden" name="user_id" value=id/>
                                            <button type="submit" class="button button--link">
                                                "Reset password"<span class="visually-hidden">{reset_label}</span>
                                            </button>
                                        </ActionForm>
                                    </li>
                                </ul>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn AddUserForm(
    teams: Vec<(skillmix::Id, String)>,
    add: ServerAction<AddUser>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let roles: Vec<Choice> = UserRole::ALL.into_iter().map(|r| Choice::new(r.code(), r.title())).collect();
    let teams: Vec<Choice> = teams.into_iter().map(|(id, name)| Choice::new(id, name)).collect();
    view! {
        <ActionForm action=add attr:class="panel">
            <h2 class="heading-m">"Add a user"</h2>
            <TextField name="email" label="Email address" input_type="email" error width="input--two-thirds"/>
            <SelectField name="role" label="Role" choices=roles empty="Select a role" error/>
            <SelectField name="team_id" label="Team (leads and members)" choices=teams empty="No team" error/>
            <TextField
                name="password"
                label="First password"
                hint="8 to 64 characters; common or easily guessed passwords are refused. Pass it on securely."
                input_type="password"
                autocomplete="new-password"
                error
                width="input--two-thirds"
            />
            <button type="submit" class="button">"Add user"</button>
        </ActionForm>
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_audit());
    view! {
        <Loaded resource=data render={|rows: Vec<AuditRow>| view! {
            <Breadcrumbs trail=vec![("Users".into(), "/admin/users".into())]/>
            <PageTitle text="Audit log"/>
            <p class="body">"The most recent 500 events, newest first. Times are UTC. The log is append-only and holds no assessment values or secrets."</p>
            <table class="table">
                <caption class="visually-hidden">"Audit events"</caption>
                <thead><tr><th scope="col">"When (UTC)"</th><th scope="col">"Who"</th><th scope="col">"What"</th><th scope="col">"On"</th><th scope="col">"Outcome"</th><th scope="col">"Detail"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td>{r.at}</td>
                            <td>{r.actor.unwrap_or_else(|| "Not signed in".into())}</td>
                            <td>{r.action}</td>
                            <td>{r.target.unwrap_or_default()}</td>
                            <td>{r.outcome}</td>
                            <td>{r.detail.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }}/>
    }
}

#[component]
pub fn ErasePersonPage() -> impl IntoView {
    let id = param_id("id");
    let action = ServerAction::<ErasePerson>::new();
    let error = action_error(action);
    let data = Resource::new(move || id.get(), |id| person_to_remove(id.unwrap_or_default(), true));
    view! {
        <Loaded resource=data render=move |person: skillmix::people::Person| {
            view! {
                <Breadcrumbs trail=vec![("Dashboard".into(), "/".into()), (person.name.clone(), format!("/people/{}", person.id))]/>
                <ErrorSummary error/>
                <PageTitle text=format!("Erase {}?", person.name)/>
                <div class="warning-text">
                    <p class="body">
                        "Erasing removes this person from every view, aggregate and export: their record, team memberships, "
                        "assessment history, development plan, workshop places and their sign-in. Assessments they made of "
                        "others are kept without their name. This cannot be undone."
                    </p>
                </div>
                <ActionForm action=action>
                    <input type="hidden" name="id" value=person.id/>
                    <ConfirmRadios legend="Are you sure you want to erase this person?" error/>
                    <div class="button-group">
                        <button type="submit" class="button button--warning">"Erase person"</button>
                        <A href=format!("/people/{}", person.id) attr:class="link">"Cancel"</A>
                    </div>
                </ActionForm>
            }
            .into_any()
        }/>
    }
}
