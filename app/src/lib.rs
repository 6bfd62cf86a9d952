//! Skillmix UI: the Leptos app rendered on the server, with islands of interactivity.
//!
//! Every page is rendered on the server and works as plain HTML: links, and forms that post and
//! come back (errors in the address). Only the few components that need the browser are
//! `#[island]`s and ship as wasm: the slide keys, the facilitation timer, the upload progress
//! and the print button. Nothing else is hydrated, and no other data is serialised into pages.
#![recursion_limit = "256"]
//!
//! - `shell`: the HTML document and the router (every page's address);
//! - `pages`: one module per page;
//! - `components`: layout, form controls, loading and error states;
//! - `server_fns`: the server functions (not `/api/v1`, which is the server crate's JSON API),
//!   thin: authorise, call the store and the domain, map errors;
//! - `ssr` (server only): application state, who is calling, the access check.

pub mod components;
pub mod error;
pub mod pages;
pub mod server_fns;
pub mod shell;
#[cfg(feature = "ssr")]
pub mod ssr;

/// Browser entry point: cargo-leptos builds this crate to wasm with the `hydrate` feature, and
/// the islands script calls this before hydrating each island on the page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // A server function that answers with a redirect (an island's form succeeding) loads that
    // page: there is no client-side router.
    let _ = leptos::server_fn::redirect::set_redirect_hook(|location: &str| {
        let _ = leptos::prelude::window().location().set_href(location);
    });
    leptos::mount::hydrate_islands();
}
