//! Skillmix UI: the Leptos app rendered on the server and hydrated in the browser.
#![recursion_limit = "256"]
//!
//! - `shell`: the HTML document and the router (every page's address);
//! - `pages`: one module per page;
//! - `components`: layout, form controls, loading and error states;
//! - `api`: server functions, thin: authorise, call the store and the domain, map errors;
//! - `ssr` (server only): application state, who is calling, the access check.

pub mod api;
pub mod components;
pub mod error;
pub mod pages;
pub mod shell;
#[cfg(feature = "ssr")]
pub mod ssr;

/// Browser entry point: cargo-leptos builds this crate to wasm with the `hydrate` feature.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(shell::App);
}
