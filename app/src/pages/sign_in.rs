//! `/sign-in`: email and password, and single sign-on (OpenID Connect) when the server has it.

use crate::components::forms::{action_error, ErrorSummary, TextField};
use crate::components::page::PageTitle;
use crate::error::AppError;
use crate::server_fns::session::SignIn;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// What the sign-in page offers: single sign-on when an OpenID provider is configured
/// (`--oidc-issuer`), and the password form unless `--no-password-sign-in` turned it off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInMethods {
    pub single_sign_on: bool,
    pub password: bool,
}

/// Public, like the page itself: it says only which ways of signing in this server offers.
#[server(endpoint = "session/sign-in-options")]
pub async fn sign_in_options() -> Result<SignInMethods, AppError> {
    let config = crate::ssr::state().config;
    Ok(SignInMethods { single_sign_on: config.oidc.is_some(), password: config.password_sign_in })
}

/// The password sign-in's answer when `--no-password-sign-in` is set.
pub const PASSWORD_SIGN_IN_OFF: &str =
    "Signing in with an email address and password is turned off here. Use \"Sign in with single sign-on\".";

/// What went wrong with single sign-on, for the `error=sso-...` codes `server/src/oidc.rs`
/// redirects here with. None says whether an email address has an account.
pub fn sso_error_message(code: &str) -> Option<&'static str> {
    Some(match code {
        "sso-unavailable" => "Your organisation's sign-in service could not be reached. Try again in a minute.",
        "sso-cancelled" => {
            "Single sign-on was cancelled, or your organisation's sign-in service refused it. Try again."
        }
        "sso-state" => {
            "Single sign-on was refused: the answer did not match a sign-in started in this browser in the last 10 \
             minutes. Start again."
        }
        "sso-token" => {
            "Single sign-on was refused: the answer from your organisation's sign-in service could not be checked. Try \
             again, and if it keeps happening tell your administrator."
        }
        "sso-unverified" => {
            "Single sign-on was refused: your organisation's sign-in service did not confirm your email address."
        }
        "sso-no-account" => {
            "Single sign-on worked, but that account cannot use Skillmix: it has no Skillmix account or the account is \
             disabled. Ask your Skillmix administrator."
        }
        _ => return None,
    })
}

/// A query value with everything but unreserved characters percent-encoded.
fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let error = action_error(action);
    let options = Resource::new(|| (), |_| sign_in_options());
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let single_sign_on_href = move || {
        let next = next();
        if next.is_empty() {
            "/auth/oidc/start".to_string()
        } else {
            format!("/auth/oidc/start?next={}", percent_encode(&next))
        }
    };
    let limited = Signal::derive(move || {
        let code = query.read().get("error");
        match code.as_deref() {
            Some("too-many-attempts") => Some(AppError::field(
                "email",
                "Too many sign-in attempts from your network. Wait a minute and try again.",
            )),
            Some(code) => sso_error_message(code).map(|message| AppError::field("single-sign-on", message)),
            None => None,
        }
    });
    let error = Signal::derive(move || error.get().or(limited.get()));
    view! {
        <div class="grid-row">
            <div class="column-two-thirds">
                <ErrorSummary error/>
                <PageTitle text="Sign in"/>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let options = options.await.unwrap_or(SignInMethods { single_sign_on: false, password: true });
                        view! {
                            <Show when=move || options.single_sign_on>
                                <p class="body">"If your organisation uses single sign-on, sign in with your work account."</p>
                                // rel="external": a server route, not a page of the app's router.
                                <p><a id="single-sign-on" class="button button--secondary" href=single_sign_on_href rel="external">"Sign in with single sign-on"</a></p>
                            </Show>
                            <Show when=move || options.password>
                                <p class="body">"Sign in with the email address and password your administrator set up for you."</p>
                                <ActionForm action=action>
                                    <input type="hidden" name="next" value=next/>
                                    <TextField name="email" label="Email address" input_type="email" autocomplete="username" error/>
                                    <TextField name="password" label="Password" input_type="password" autocomplete="current-password" error/>
                                    <button type="submit" class="button">"Sign in"</button>
                                </ActionForm>
                            </Show>
                        }
                    })}
                </Suspense>
            </div>
        </div>
    }
}
