//! The Skillmix server: the web app, its JSON API and the command line for set-up, import and
//! export, as a library so that tests (and the `skillmix` binary in `main.rs`) use the same
//! router and commands.
//!
//! Start with [`cli::run`] (the commands) and [`web::router`] (every route and the layers
//! around them).

pub mod api;
pub mod body_limit;
pub mod cli;
pub mod demo_users;
pub mod error;
pub mod oidc;
pub mod page_cache;
pub mod request_log;
pub mod security;
pub mod web;
