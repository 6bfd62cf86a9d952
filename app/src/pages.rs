//! One module per page. Addresses are listed in `shell::AppRoutes`.

pub mod account;
pub mod admin;
pub mod assess;
pub mod coverage;
pub mod dashboard;
pub mod dynamics;
pub mod framework;
pub mod heatmap;
pub mod import;
pub mod import_report;
pub mod not_found;
pub mod org;
pub mod person;
pub mod person_form;
pub mod plan;
pub mod present;
pub mod sign_in;
pub mod team;
pub mod team_form;
pub mod training;
pub mod workshop_event;
pub mod workshop_facilitate;
pub mod workshop_methods;
pub mod workshops;
