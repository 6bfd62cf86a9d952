//! Reusable pieces of page: the layout, form controls with the error summary pattern, loading
//! and error states, and level labels.

pub mod forms;
pub mod heatmap;
pub mod layout;
pub mod levels;
pub mod page;
pub mod primary_team;
pub mod rollup;
