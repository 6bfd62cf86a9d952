//! `/account`: your account, and changing your password (or replacing a temporary one).

use crate::components::forms::{action_error, ErrorSummary, TextField};
use crate::components::page::{Loaded, PageTitle};
use crate::server_fns::account::{load_account, AccountData, ChangePassword};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let error = action_error(change);
    let query = use_query_map();
    let changed = move || query.read().get("changed").as_deref() == Some("yes");
    let data = Resource::new(move || (change.version().get(), changed()), |_| load_account());
    view! {
        <Loaded resource=data render=move |data: AccountData| {
            let forced = data.must_change_password;
            view! {
                <div class="grid-row">
                    <div class="column-two-thirds">
                        <ErrorSummary error/>
                        {(changed() && !forced).then(|| view! {
                            <div class="notification" role="status" id="notice">
                                <h2 class="notification__title">"Your password has been changed"</h2>
                                <p class="body">
                                    "You are still signed in here. Your other sessions and API tokens have ended. "
                                    <A href="/">"Continue to Skillmix"</A>
                                </p>
                            </div>
                        })}
                        <PageTitle text="Your account"/>
                        <dl class="summary-list">
                            <div class="summary-list__row">
                                <dt class="summary-list__key">"Email address"</dt>
                                <dd class="summary-list__value">{data.email.clone()}</dd>
                            </div>
                            <div class="summary-list__row">
                                <dt class="summary-list__key">"Role"</dt>
                                <dd class="summary-list__value">{data.role.title()}</dd>
                            </div>
                        </dl>
                        {forced.then(|| view! {
                            <div class="warning-text" id="must-change">
                                <p class="body">
                                    "You signed in with a temporary password. Choose a new password before you do anything else."
                                </p>
                            </div>
                        })}
                        <ActionForm action=change attr:class="panel">
                            <h2 class="heading-m">"Change your password"</h2>
                            <p class="body">"Changing your password signs you out everywhere else and ends your API tokens."</p>
                            <TextField
                                name="current_password"
                                label=if forced { "Temporary password" } else { "Current password" }
                                input_type="password"
                                autocomplete="current-password"
                                error
                                width="input--two-thirds"
                            />
                            <TextField
                                name="new_password"
                                label="New password"
                                hint="8 to 64 characters; common or easily guessed passwords are refused. Three or more random words work well."
                                input_type="password"
                                autocomplete="new-password"
                                error
                                width="input--two-thirds"
                            />
                            <TextField
                                name="confirm_password"
                                label="Confirm new password"
                                input_type="password"
                                autocomplete="new-password"
                                error
                                width="input--two-thirds"
                            />
                            <button type="submit" class="button">"Change password"</button>
                        </ActionForm>
                    </div>
                </div>
            }
        }/>
    }
}
