//! Loading and error states shared by every page.

use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Renders `render` with the resource's value once loaded, or the error page.
#[component]
pub fn Loaded<T, F, V>(resource: Resource<Result<T, AppError>>, render: F) -> impl IntoView
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(data) => render(data).into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A full-page error: sends people who are not signed in to the sign-in page, and sets the
/// HTTP status when rendered on the server.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(
                http::StatusCode::from_u16(error.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
    if matches!(error, AppError::SignInRequired) {
        let location = use_location();
        let next = location.pathname.get_untracked();
        let path = format!("/sign-in?next={}", urlencode(&next));
        return view! { <Redirect path/> }.into_any();
    }
    let (title, body) = match &error {
        AppError::NotFound(what) => {
            ("Page not found".to_string(), format!("{what} not found. Check the address, or go back to the dashboard."))
        }
        AppError::Forbidden => (
            "You cannot see this page".to_string(),
            "Your account does not have access to this. Ask your administrator if you think it should.".to_string(),
        ),
        other => ("Sorry, there is a problem".to_string(), other.to_string()),
    };
    view! {
        <leptos_meta::Title text=title.clone()/>
        <h1 class="heading-l">{title}</h1>
        <p class="body">{body}</p>
        <p class="body"><a href="/">"Go to the dashboard"</a></p>
    }
    .into_any()
}

/// Percent-encodes a path for use as a query value.
pub fn urlencode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Reads a numeric route parameter.
pub fn param_id(name: &'static str) -> Memo<Option<skillmix::Id>> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.read().get(name).and_then(|v| v.parse().ok()))
}

/// A page heading with the document title set to match.
#[component]
pub fn PageTitle(#[prop(into)] text: String, #[prop(into, optional)] caption: Option<String>) -> impl IntoView {
    view! {
        <leptos_meta::Title text=text.clone()/>
        {caption.map(|c| view! { <span class="caption-l">{c}</span> })}
        <h1 class="heading-l">{text}</h1>
    }
}
