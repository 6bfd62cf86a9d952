//! The page frame: skip link, header with the service name and navigation for the signed-in
//! role, the main content, and the footer with the framework licence attribution.

use crate::server_fns::session::{SignOut, SignedInUser};
use leptos::prelude::*;
use leptos_router::components::A;
use skillmix::access::UserRole;

/// The signed-in user, loaded once per navigation and shared through context.
pub type CurrentUserResource = Resource<Result<Option<SignedInUser>, crate::error::AppError>>;

#[component]
pub fn Header() -> impl IntoView {
    let user = expect_context::<CurrentUserResource>();
    view! {
        <header class="header" role="banner">
            <div class="header__container">
                <a href="/" class="header__service">"Skillmix"</a>
                <span class="header__tagline">"Team capability and workshops"</span>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let user = user.await.ok().flatten();
                        user.map(|user| view! { <Navigation user/> })
                    })}
                </Transition>
            </div>
        </header>
    }
}

#[component]
fn Navigation(user: SignedInUser) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let role = user.role;
    let links: Vec<(&'static str, String)> = match role {
        UserRole::Admin => vec![
            ("Dashboard", "/".into()),
            ("Framework", "/framework".into()),
            ("Import", "/import".into()),
            ("Workshops", "/workshops".into()),
            ("Organisation", "/org".into()),
            ("Users", "/admin/users".into()),
        ],
        UserRole::Lead => vec![
            ("Dashboard", "/".into()),
            ("Framework", "/framework".into()),
            ("Import", "/import".into()),
            ("Workshops", "/workshops".into()),
            ("Organisation", "/org".into()),
        ],
        UserRole::Member => {
            let mine = user.person_id.map(|id| format!("/people/{id}")).unwrap_or_else(|| "/".into());
            vec![("My skills", mine), ("Framework", "/framework".into())]
        }
        UserRole::Viewer => vec![("Organisation", "/org".into()), ("Presentation", "/org/present".into())],
    };
    view! {
        <nav class="header__nav" aria-label="Main">
            <ul class="header__links">
                {links
                    .into_iter()
                    .map(|(label, href)| view! { <li><A href=href attr:class="header__link">{label}</A></li> })
                    .collect_view()}
            </ul>
            <div class="header__account">
                <span class="header__user">{user.email.clone()}" · "{role.title()}</span>
                " "
                <A href="/account" attr:class="header__link">"Your account"</A>
                <ActionForm action=sign_out attr:class="inline-form">
                    <button type="submit" class="button button--link">"Sign out"</button>
                </ActionForm>
            </div>
        </nav>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="footer" role="contentinfo">
            <div class="footer__container">
                <p>
                    "Skillmix records skill levels against capability frameworks to plan development. "
                    "Assessments are personal data: only the person, their leads and administrators can see them; "
                    "senior viewers see aggregates with small groups hidden."
                </p>
                <p class="footer__licence">
                    "Framework content contains public sector information licensed under the Open Government Licence v3.0."
                </p>
            </div>
        </footer>
    }
}

/// A trail of links back up the hierarchy.
#[component]
pub fn Breadcrumbs(trail: Vec<(String, String)>) -> impl IntoView {
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol class="breadcrumbs__list">
                {trail
                    .into_iter()
                    .map(|(label, href)| view! { <li class="breadcrumbs__item"><A href=href>{label}</A></li> })
                    .collect_view()}
            </ol>
        </nav>
    }
}
