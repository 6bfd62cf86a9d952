//! Skillmix domain core.
//!
//! Pure Rust that compiles for the server and for the browser (wasm). Nothing here knows about
//! HTTP, Leptos or axum. The product loop it serves:
//!
//! framework -> people & teams -> assessments -> heatmaps -> training needs -> workshops ->
//! re-assessment, with an aggregated picture for senior staff.
//!
//! Optional, server-side only modules sit behind features: `store` (feature `db`, sqlx queries)
//! and `chart` (feature `charts`, plotters exports).

pub mod access;
pub mod analysis;
pub mod assessment;
pub mod catalogue;
pub mod csv_safe;
pub mod demo;
pub mod development;
pub mod framework;
pub mod import;
pub mod people;
pub mod scale;
pub mod validation;
pub mod workshop;

#[cfg(feature = "charts")]
pub mod chart;
#[cfg(feature = "db")]
pub mod store;

pub use assessment::{Assessment, Source};
pub use framework::{
    Activity, ActivityKind, FrameworkVersion, Requirement, Role, RoleFamily, RoleLevel, Skill, SkillKind,
};
pub use people::{Membership, Person, Team};
pub use scale::{Level, Scale};

/// Database row ids are SQLite integers everywhere.
pub type Id = i64;
