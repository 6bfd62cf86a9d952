//! One module per page. Addresses are listed in `shell::AppRoutes`.

pub mod assess;
pub mod dashboard;
pub mod framework;
pub mod not_found;
pub mod person;
pub mod person_form;
pub mod sign_in;
pub mod team;
pub mod team_form;
