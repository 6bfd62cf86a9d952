//! `/sign-in`: email and password.

use crate::api::session::SignIn;
use crate::components::forms::{action_error, ErrorSummary, TextField};
use crate::components::page::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let error = action_error(action);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let limited = Signal::derive(move || {
        (query.read().get("error").as_deref() == Some("too-many-attempts")).then(|| {
            crate::error::AppError::field(
                "email",
                "Too many sign-in attempts from your network. Wait a minute and try again.",
            )
        })
    });
    let error = Signal::derive(move || error.get().or(limited.get()));
    view! {
        <div class="grid-row">
            <div class="column-two-thirds">
                <ErrorSummary error/>
                <PageTitle text="Sign in"/>
                <p class="body">"Sign in with the email address and password your administrator set up for you."</p>
                <ActionForm action=action>
                    <input type="hidden" name="next" value=next/>
                    <TextField name="email" label="Email address" input_type="email" autocomplete="username" error/>
                    <TextField name="password" label="Password" input_type="password" autocomplete="current-password" error/>
                    <button type="submit" class="button">"Sign in"</button>
                </ActionForm>
            </div>
        </div>
    }
}
