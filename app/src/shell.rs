//! The HTML shell and the router: every page's address lives here.

use crate::components::layout::{CurrentUserResource, Footer, Header};
use crate::pages;
use crate::server_fns::session::current_user;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{path, SsrMode};

/// The document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/skillmix.css"/>
        <Title formatter=|text: String| format!("{text} – Skillmix")/>
        <Router>
            <CurrentUserProvider>
                <a href="#main-content" class="skip-link">"Skip to main content"</a>
                <Header/>
                <div class="width-container">
                    <main class="main" id="main-content" role="main">
                        <AppRoutes/>
                    </main>
                </div>
                <Footer/>
            </CurrentUserProvider>
        </Router>
    }
}

/// Loads who is signed in on every navigation and shares it with the header and pages.
#[component]
fn CurrentUserProvider(children: Children) -> impl IntoView {
    let location = use_location();
    let user: CurrentUserResource = Resource::new(move || location.pathname.get(), |_| current_user());
    provide_context(user);
    children()
}

#[component]
fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <pages::not_found::NotFound/> }>
            <Route path=path!("/") view=pages::dashboard::DashboardPage ssr=SsrMode::Async/>
            <Route path=path!("/sign-in") view=pages::sign_in::SignInPage ssr=SsrMode::Async/>
            <Route path=path!("/account") view=pages::account::AccountPage ssr=SsrMode::Async/>
            <Route path=path!("/teams/new") view=pages::team_form::NewTeamPage ssr=SsrMode::Async/>
            <Route path=path!("/teams/:id") view=pages::team::TeamPage ssr=SsrMode::Async/>
            <Route path=path!("/teams/:id/heatmap") view=pages::heatmap::HeatmapPage ssr=SsrMode::Async/>
            <Route path=path!("/teams/:id/coverage") view=pages::coverage::CoveragePage ssr=SsrMode::Async/>
            <Route path=path!("/teams/:id/dynamics") view=pages::dynamics::DynamicsPage ssr=SsrMode::Async/>
            <Route path=path!("/teams/:id/edit") view=pages::team_form::EditTeamPage ssr=SsrMode::Async/>
            <Route path=path!("/teams/:id/delete") view=pages::team_form::DeleteTeamPage ssr=SsrMode::Async/>
            <Route path=path!("/people/new") view=pages::person_form::NewPersonPage ssr=SsrMode::Async/>
            <Route path=path!("/people/:id") view=pages::person::PersonPage ssr=SsrMode::Async/>
            <Route path=path!("/people/:id/edit") view=pages::person_form::EditPersonPage ssr=SsrMode::Async/>
            <Route path=path!("/people/:id/delete") view=pages::person_form::DeletePersonPage ssr=SsrMode::Async/>
            <Route path=path!("/people/:id/erase") view=pages::admin::ErasePersonPage ssr=SsrMode::Async/>
            <Route path=path!("/admin/users") view=pages::admin::UsersPage ssr=SsrMode::Async/>
            <Route path=path!("/admin/audit") view=pages::admin::AuditPage ssr=SsrMode::Async/>
            <Route path=path!("/people/:id/assess") view=pages::assess::AssessPage ssr=SsrMode::Async/>
            <Route path=path!("/people/:id/plan") view=pages::plan::PlanPage ssr=SsrMode::Async/>
            <Route path=path!("/teams/:id/training-needs") view=pages::training::TrainingNeedsPage ssr=SsrMode::Async/>
            <Route path=path!("/teams/:id/training-needs/print") view=pages::training::TrainingNeedsPrintPage ssr=SsrMode::Async/>
            <Route path=path!("/org") view=pages::org::OrgPage ssr=SsrMode::Async/>
            <Route path=path!("/org/present") view=pages::present::PresentPage ssr=SsrMode::Async/>
            <Route path=path!("/framework") view=pages::framework::VersionsPage ssr=SsrMode::Async/>
            <Route path=path!("/framework/versions/:id") view=pages::framework::VersionPage ssr=SsrMode::Async/>
            <Route path=path!("/framework/role-levels/:id") view=pages::framework::RoleLevelPage ssr=SsrMode::Async/>
            <Route path=path!("/framework/skills/:id") view=pages::framework::SkillPage ssr=SsrMode::Async/>
            <Route path=path!("/import") view=pages::import::ImportPage ssr=SsrMode::Async/>
            <Route path=path!("/import/reports/:id") view=pages::import_report::ImportReportPage ssr=SsrMode::Async/>
            <Route path=path!("/workshops") view=pages::workshops::WorkshopsPage ssr=SsrMode::Async/>
            <Route path=path!("/workshops/new") view=pages::workshops::NewProgrammePage ssr=SsrMode::Async/>
            <Route path=path!("/workshops/methods") view=pages::workshop_methods::MethodsPage ssr=SsrMode::Async/>
            <Route path=path!("/workshops/:id") view=pages::workshops::ProgrammePage ssr=SsrMode::Async/>
            <Route path=path!("/workshops/:id/edit") view=pages::workshops::EditProgrammePage ssr=SsrMode::Async/>
            <Route path=path!("/workshops/:id/delete") view=pages::workshops::DeleteProgrammePage ssr=SsrMode::Async/>
            <Route path=path!("/workshops/:id/events/new") view=pages::workshop_event::NewEventPage ssr=SsrMode::Async/>
            <Route path=path!("/workshops/:id/events/:event") view=pages::workshop_event::AgendaPage ssr=SsrMode::Async/>
            <Route path=path!("/workshops/:id/events/:event/edit") view=pages::workshop_event::EditEventPage ssr=SsrMode::Async/>
            <Route path=path!("/workshops/:id/events/:event/delete") view=pages::workshop_event::DeleteEventPage ssr=SsrMode::Async/>
            <Route path=path!("/workshops/:id/events/:event/items/:item") view=pages::workshop_event::EditItemPage ssr=SsrMode::Async/>
            <Route path=path!("/workshops/:id/events/:event/attendance") view=pages::workshop_event::AttendancePage ssr=SsrMode::Async/>
            <Route path=path!("/workshops/:id/events/:event/facilitate") view=pages::workshop_facilitate::FacilitatePage ssr=SsrMode::Async/>
            <Route path=path!("/workshops/:id/events/:event/agenda") view=pages::workshop_event::PrintAgendaPage ssr=SsrMode::Async/>
        </Routes>
    }
}

/// The page's Content-Security-Policy: scripts only with this response's nonce (the hydration
/// scripts carry it) and what they load, WebAssembly compilation, styles and images from this
/// site, no framing, forms posting only here.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
