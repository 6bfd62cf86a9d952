//! Importing frameworks from the files leads already have: the official DDaT Capability
//! Framework exports, the SFIA Foundation's skills spreadsheet, and role-profile pages.
//!
//! Every parser is a pure function, bytes or text in, a [`FrameworkDoc`](crate::framework::FrameworkDoc)
//! (or a [`ParsedRoleProfile`]) and a [`ValidationReport`] out, and never panics, whatever the
//! input. An input that cannot be imported is rejected with an [`ImportError`] naming the file,
//! row, line or field, and nothing is stored. Every quirk met on the way is listed in the report
//! with where it is and what was done about it.
//!
//! * [`text`]: bytes to text (encoding detection, size and binary checks).
//! * [`ddat`]: the DDaT roles and skills CSV exports.
//! * [`sfia`]: the SFIA skills CSV.
//! * [`role_profile`]: role-profile pages pasted as text, Markdown or HTML, and merging one into
//!   a framework version.
//! * [`diff`]: what changed between two versions of a framework.

pub mod ddat;
pub mod diff;
pub mod error;
pub mod report;
pub mod role_profile;
pub mod sfia;
mod table;
pub mod text;

pub use ddat::{parse_ddat, parse_ddat_bytes};
pub use diff::{diff_frameworks, focus_on_held, FrameworkDiff};
pub use error::ImportError;
pub use report::{EntryKind, ReportEntry, ReportSummary, Severity, ValidationReport};
pub use role_profile::{merge_role_profile, parse_role_profile, parse_role_profile_bytes, ParsedRoleProfile};
pub use sfia::{parse_sfia, parse_sfia_bytes};
pub use text::{decode, DecodedText, MAX_IMPORT_BYTES};

#[cfg(test)]
mod fuzz;
