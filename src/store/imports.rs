//! Framework imports, stored all or nothing.
//!
//! * **DDaT and SFIA CSVs** ([`import_ddat`], [`import_sfia`]): the files are parsed (on the
//!   blocking pool), compared with the newest earlier version of the same family, and, unless it
//!   is a dry run, stored as a new named version together with an `imports` row holding the
//!   validation report and the diff, in one `BEGIN IMMEDIATE` transaction. A check
//!   ([`Mode::Check`]) stores only the `imports` row (status `checked`); a dry run
//!   ([`Mode::DryRun`], the command line's `--dry-run`) stores nothing at all.
//! * **Role profiles** ([`preview_role_profile`], [`save_role_profile`]): the text is parsed and
//!   merged with the target version *in memory* for the preview, which is stored (status
//!   `preview`) with the text; confirming parses the text again and merges it into the version
//!   in place, in one transaction: new skills inserted, the role level created or its
//!   requirements and activities replaced. [`import_role_profile`] does both at once (the
//!   command line).
//! * **Moving a team** to another version of its framework ([`move_team`]) and **assigning** an
//!   imported role level to people ([`assign_role_level`]).
//!
//! A file is rejected, and nothing is written, when the parser refuses it ([`ImportError`]),
//! when its report holds errors (rows that could not be used: an import never silently skips
//! part of a file), or when the version name is taken. Each rejection names the file and the
//! row, line or field.

use super::framework::{get_version, insert_activities, insert_skill, load_doc};
use super::people::TeamRow;
use super::{begin_write, now_utc, Pool, StoreError, StoreResult, Tx};
use crate::framework::doc::RoleLevelDoc;
use crate::framework::{FrameworkDoc, FrameworkVersion, SkillKind};
use crate::import::diff::{diff_frameworks, FrameworkDiff};
use crate::import::report::{ReportEntry, Severity, ValidationReport};
use crate::import::role_profile::PROFILE_FILE;
use crate::import::{
    decode, merge_role_profile, parse_ddat_bytes, parse_role_profile, parse_sfia_bytes, ImportError, ParsedRoleProfile,
};
use crate::people::Team;
use crate::scale::{Level, Scale};
use crate::Id;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::collections::{HashMap, HashSet};

/// The longest version name accepted.
pub const VERSION_NAME_MAX: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "TEXT", rename_all = "kebab-case"))]
pub enum ImportKind {
    Ddat,
    Sfia,
    RoleProfile,
}

impl ImportKind {
    pub const ALL: [ImportKind; 3] = [ImportKind::Ddat, ImportKind::Sfia, ImportKind::RoleProfile];

    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<ImportKind> {
        code.parse().ok()
    }

    pub fn title(self) -> &'static str {
        match self {
            ImportKind::Ddat => "DDaT exports",
            ImportKind::Sfia => "SFIA skills",
            ImportKind::RoleProfile => "Role profile",
        }
    }

    /// The framework family a CSV import creates a version of.
    fn family(self) -> &'static str {
        match self {
            ImportKind::Ddat => "ddat",
            ImportKind::Sfia => "sfia",
            ImportKind::RoleProfile => "role-profile",
        }
    }

    /// The start of a version's default name: "DDaT 2026-11-23".
    fn name_prefix(self) -> &'static str {
        match self {
            ImportKind::Ddat => "DDaT",
            ImportKind::Sfia => "SFIA",
            ImportKind::RoleProfile => "Role profiles",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::EnumIter)]
#[strum(serialize_all = "kebab-case")]
#[cfg_attr(feature = "db", derive(sqlx::Type), sqlx(type_name = "TEXT", rename_all = "kebab-case"))]
pub enum ImportStatus {
    /// A dry run from the import page: only the report was stored.
    Checked,
    /// A new framework version was stored.
    Imported,
    /// A role profile waiting for the user to confirm it.
    Preview,
    /// A role profile merged into its version.
    Saved,
}

impl ImportStatus {
    pub const ALL: [ImportStatus; 4] =
        [ImportStatus::Checked, ImportStatus::Imported, ImportStatus::Preview, ImportStatus::Saved];

    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<ImportStatus> {
        code.parse().ok()
    }
}

/// What is written: nothing, the report only, or the import itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Parse, compare and report; write nothing at all (`--dry-run`).
    DryRun,
    /// Parse, compare and report; store the report as a `checked` import (the page's check).
    Check,
    /// Store the version (or the preview) and its report.
    Import,
}

/// Who imports what, and how.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The version's name; empty or `None` gives "DDaT 2026-11-23" (made unique).
    pub version_name: Option<String>,
    pub mode: Mode,
    pub user_id: Option<Id>,
    /// The uploaded files' names, as the browser or the command line gave them.
    pub file_names: Vec<String>,
    /// The date a default version name is made from.
    pub today: chrono::NaiveDate,
}

/// What an import produced, stored as the `imports` row's `report_json`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportDetails {
    pub report: ValidationReport,
    /// DDaT and SFIA: what changed since the previous version of the family.
    #[serde(default)]
    pub diff: Option<FrameworkDiff>,
    /// Role profiles: what was understood.
    #[serde(default)]
    pub profile: Option<ParsedRoleProfile>,
    /// Role profiles: what merging it into the target version does (or did).
    #[serde(default)]
    pub merge: Option<MergeSummary>,
}

/// What merging a role profile into a version does: where the role level goes, and which of
/// its skills are new to the version and which it already had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeSummary {
    pub family: String,
    pub role: String,
    pub level: String,
    /// The version already has this role level: its requirements and activities are replaced.
    pub replaces: bool,
    pub new_skills: Vec<MergedSkill>,
    pub reused_skills: Vec<MergedSkill>,
    pub activities: usize,
    /// Every decision the merge made.
    pub report: ValidationReport,
}

/// A skill the merged role level requires, with the required level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedSkill {
    pub code: String,
    pub name: String,
    pub kind: SkillKind,
    pub scale: Scale,
    pub level: Option<Level>,
}

/// Why an import stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    /// The parser refused the file.
    #[error("{0}")]
    Rejected(#[from] ImportError),
    /// The file was read, but some of its rows cannot be used.
    #[error("{}", unusable_message(.0))]
    Unusable(Vec<ReportEntry>),
    /// The version name is taken (or too long).
    #[error("{message}")]
    VersionName { message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ImportFailure {
    /// The input the failure is about ("roles CSV", "role profile"), when it names one.
    pub fn file(&self) -> Option<&str> {
        match self {
            ImportFailure::Rejected(error) => Some(rejected_file(error)),
            ImportFailure::Unusable(entries) => entries.first().and_then(|e| e.file.as_deref()),
            _ => None,
        }
    }
}

fn rejected_file(error: &ImportError) -> &str {
    match error {
        ImportError::Empty { file }
        | ImportError::TooLarge { file, .. }
        | ImportError::Binary { file, .. }
        | ImportError::WrongHeader { file, .. }
        | ImportError::NoData { file }
        | ImportError::Row { file, .. }
        | ImportError::Csv { file, .. }
        | ImportError::NotRecognised { file, .. } => file,
    }
}

/// "Nothing was imported: 2 rows cannot be used. roles CSV, row 5 (line 7), column "Skill
/// Level": ...; ... Correct the file and import it again."
fn unusable_message(entries: &[ReportEntry]) -> String {
    const SHOWN: usize = 5;
    let list: Vec<String> = entries
        .iter()
        .take(SHOWN)
        .map(|e| {
            let field = e.field.as_deref().map(|f| format!(", column \"{f}\"")).unwrap_or_default();
            format!("{}{field}: {}", e.location(), e.message)
        })
        .collect();
    let more = match entries.len() {
        n if n > SHOWN => format!("; and {} more", n - SHOWN),
        _ => String::new(),
    };
    let count = match entries.len() {
        1 => "1 part of the file cannot be used".to_string(),
        n => format!("{n} parts of the file cannot be used"),
    };
    format!("Nothing was imported: {count}. {}{more}. Correct the file and import it again.", list.join("; "))
}

/// Refuses a report with errors: an import is all or nothing.
fn refuse_errors(report: &ValidationReport) -> Result<(), ImportFailure> {
    let errors: Vec<ReportEntry> = report.entries.iter().filter(|e| e.severity == Severity::Error).cloned().collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ImportFailure::Unusable(errors))
    }
}

/// A DDaT or SFIA import: what was read, and what was stored.
#[derive(Debug, Clone)]
pub struct FrameworkImport {
    pub kind: ImportKind,
    /// The `imports` row (none for a dry run).
    pub import_id: Option<Id>,
    /// The version stored (none unless [`Mode::Import`]).
    pub version_id: Option<Id>,
    pub version_name: String,
    /// The newest earlier version of the family, which the diff compares with.
    pub previous: Option<FrameworkVersion>,
    pub doc: FrameworkDoc,
    pub details: ImportDetails,
}

/// Imports the two DDaT exports (bytes as uploaded).
pub async fn import_ddat(
    pool: &Pool,
    roles_csv: Vec<u8>,
    skills_csv: Vec<u8>,
    options: &ImportOptions,
) -> Result<FrameworkImport, ImportFailure> {
    let name = version_name(pool, ImportKind::Ddat, options).await?;
    let parse_name = name.clone();
    let (doc, report) = blocking(move || parse_ddat_bytes(&roles_csv, &skills_csv, &parse_name)).await??;
    store_framework(pool, ImportKind::Ddat, doc, report, name, options).await
}

/// Imports the SFIA skills CSV (bytes as uploaded).
pub async fn import_sfia(pool: &Pool, csv: Vec<u8>, options: &ImportOptions) -> Result<FrameworkImport, ImportFailure> {
    let name = version_name(pool, ImportKind::Sfia, options).await?;
    let parse_name = name.clone();
    let (doc, report) = blocking(move || parse_sfia_bytes(&csv, &parse_name)).await??;
    store_framework(pool, ImportKind::Sfia, doc, report, name, options).await
}

/// Runs CPU-heavy parsing off the async workers.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, ImportFailure> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ImportFailure::Store(StoreError::Conflict(format!("The import stopped unexpectedly: {e}"))))
}

/// The name the new version gets: the one given (which must be free), or "DDaT 2026-11-23",
/// with " (2)", " (3)"... when that is taken.
async fn version_name(pool: &Pool, kind: ImportKind, options: &ImportOptions) -> Result<String, ImportFailure> {
    let given = options.version_name.as_deref().map(str::trim).filter(|n| !n.is_empty());
    match given {
        Some(name) => {
            if name.chars().count() > VERSION_NAME_MAX {
                return Err(ImportFailure::VersionName {
                    message: format!("The version name must be {VERSION_NAME_MAX} characters or fewer"),
                });
            }
            if name_taken(pool, name).await? {
                return Err(ImportFailure::VersionName {
                    message: format!("A framework version named \"{name}\" already exists: choose another name"),
                });
            }
            Ok(name.to_string())
        }
        None => {
            let base = format!("{} {}", kind.name_prefix(), options.today);
            let mut name = base.clone();
            let mut n = 2;
            while name_taken(pool, &name).await? {
                name = format!("{base} ({n})");
                n += 1;
            }
            Ok(name)
        }
    }
}

async fn name_taken(pool: &Pool, name: &str) -> StoreResult<bool> {
    let found: Option<Id> =
        sqlx::query_scalar("SELECT id FROM framework_versions WHERE name = ?").bind(name).fetch_optional(pool).await?;
    Ok(found.is_some())
}

/// The newest version of a family, if any.
pub async fn newest_of_family(pool: &Pool, family: &str) -> StoreResult<Option<FrameworkVersion>> {
    let id: Option<Id> =
        sqlx::query_scalar("SELECT id FROM framework_versions WHERE family = ? ORDER BY id DESC LIMIT 1")
            .bind(family)
            .fetch_optional(pool)
            .await?;
    match id {
        Some(id) => Ok(Some(get_version(pool, id).await?)),
        None => Ok(None),
    }
}

async fn store_framework(
    pool: &Pool,
    kind: ImportKind,
    doc: FrameworkDoc,
    report: ValidationReport,
    name: String,
    options: &ImportOptions,
) -> Result<FrameworkImport, ImportFailure> {
    refuse_errors(&report)?;
    let problems = doc.check();
    if !problems.is_empty() {
        return Err(StoreError::Conflict(format!(
            "The framework read from the file is inconsistent: {}",
            problems.join("; ")
        ))
        .into());
    }
    let previous = newest_of_family(pool, kind.family()).await?;
    let diff = match &previous {
        Some(previous) => {
            let old = load_doc(pool, previous.id).await?;
            diff_frameworks(&old, &doc).ok()
        }
        None => None,
    };
    let details = ImportDetails { report, diff, profile: None, merge: None };
    let mut result = FrameworkImport {
        kind,
        import_id: None,
        version_id: None,
        version_name: name.clone(),
        previous: previous.clone(),
        doc,
        details,
    };
    let row = NewRow {
        kind,
        user_id: options.user_id,
        file_names: &options.file_names,
        version_name: Some(&name),
        version_id: None,
        previous_version_id: previous.as_ref().map(|v| v.id),
        role_level_id: None,
        source_text: None,
        details: &result.details,
    };
    match options.mode {
        Mode::DryRun => {}
        Mode::Check => {
            let mut tx = begin_write(pool).await?;
            result.import_id = Some(insert_row(&mut tx, ImportStatus::Checked, &row).await?);
            tx.commit().await.map_err(StoreError::from)?;
        }
        Mode::Import => {
            let mut tx = begin_write(pool).await?;
            if name_taken_tx(&mut tx, &name).await? {
                return Err(ImportFailure::VersionName {
                    message: format!("A framework version named \"{name}\" already exists: choose another name"),
                });
            }
            let version_id = super::framework::insert_version_tx(&mut tx, &result.doc).await?;
            let row = NewRow { version_id: Some(version_id), ..row };
            result.import_id = Some(insert_row(&mut tx, ImportStatus::Imported, &row).await?);
            tx.commit().await.map_err(StoreError::from)?;
            result.version_id = Some(version_id);
        }
    }
    Ok(result)
}

async fn name_taken_tx(tx: &mut Tx, name: &str) -> StoreResult<bool> {
    let found: Option<Id> = sqlx::query_scalar("SELECT id FROM framework_versions WHERE name = ?")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(found.is_some())
}

/// An `imports` row to insert.
struct NewRow<'a> {
    kind: ImportKind,
    user_id: Option<Id>,
    file_names: &'a [String],
    version_name: Option<&'a str>,
    version_id: Option<Id>,
    previous_version_id: Option<Id>,
    role_level_id: Option<Id>,
    source_text: Option<&'a str>,
    details: &'a ImportDetails,
}

async fn insert_row(tx: &mut Tx, status: ImportStatus, row: &NewRow<'_>) -> StoreResult<Id> {
    let now = now_utc();
    let saved_at = (status == ImportStatus::Saved).then(|| now.clone());
    let id = sqlx::query_scalar(
        "INSERT INTO imports (kind, status, created_at, user_id, file_names, version_name, version_id,
             previous_version_id, role_level_id, source_text, report_json, saved_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(row.kind.code())
    .bind(status.code())
    .bind(&now)
    .bind(row.user_id)
    .bind(serde_json::to_string(row.file_names).expect("file names serialise"))
    .bind(row.version_name)
    .bind(row.version_id)
    .bind(row.previous_version_id)
    .bind(row.role_level_id)
    .bind(row.source_text)
    .bind(serde_json::to_string(row.details).expect("import details serialise"))
    .bind(saved_at)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// An `imports` row as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    pub id: Id,
    pub kind: ImportKind,
    pub status: ImportStatus,
    pub created_at: String,
    pub user_id: Option<Id>,
    /// The importing user's email; `None` for the command line.
    pub user_email: Option<String>,
    pub file_names: Vec<String>,
    pub version_name: Option<String>,
    pub version_id: Option<Id>,
    pub previous_version_id: Option<Id>,
    pub role_level_id: Option<Id>,
    pub source_text: Option<String>,
    pub details: ImportDetails,
    pub saved_at: Option<String>,
}

const RECORD_SQL: &str = "SELECT i.id, i.kind, i.status, i.created_at, i.user_id, u.email AS user_email, i.file_names,
        i.version_name, i.version_id, i.previous_version_id, i.role_level_id, i.source_text, i.report_json, i.saved_at
     FROM imports i LEFT JOIN users u ON u.id = i.user_id";

/// A row of [`RECORD_SQL`].
#[derive(sqlx::FromRow)]
struct RecordRow {
    id: Id,
    kind: ImportKind,
    status: ImportStatus,
    created_at: String,
    user_id: Option<Id>,
    user_email: Option<String>,
    file_names: String,
    version_name: Option<String>,
    version_id: Option<Id>,
    previous_version_id: Option<Id>,
    role_level_id: Option<Id>,
    source_text: Option<String>,
    report_json: String,
    saved_at: Option<String>,
}

impl TryFrom<RecordRow> for ImportRecord {
    type Error = StoreError;

    fn try_from(row: RecordRow) -> StoreResult<ImportRecord> {
        let details: ImportDetails = serde_json::from_str(&row.report_json)
            .map_err(|e| StoreError::Conflict(format!("The stored report of import {} cannot be read: {e}", row.id)))?;
        Ok(ImportRecord {
            id: row.id,
            kind: row.kind,
            status: row.status,
            created_at: row.created_at,
            user_id: row.user_id,
            user_email: row.user_email,
            file_names: serde_json::from_str(&row.file_names).unwrap_or_default(),
            version_name: row.version_name,
            version_id: row.version_id,
            previous_version_id: row.previous_version_id,
            role_level_id: row.role_level_id,
            source_text: row.source_text,
            details,
            saved_at: row.saved_at,
        })
    }
}

pub async fn get_import(pool: &Pool, id: Id) -> StoreResult<ImportRecord> {
    let row: RecordRow = sqlx::query_as(&format!("{RECORD_SQL} WHERE i.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(StoreError::NotFound("Import"))?;
    row.try_into()
}

/// A line of the import history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportListItem {
    pub id: Id,
    pub kind: ImportKind,
    pub status: ImportStatus,
    pub created_at: String,
    pub user_email: Option<String>,
    pub file_names: Vec<String>,
    /// The version's name (DDaT, SFIA) or the role level's (role profiles).
    pub name: Option<String>,
    pub skills: i64,
    pub role_levels: i64,
    pub warnings: i64,
}

/// The newest imports first.
pub async fn list_imports(pool: &Pool, limit: i64) -> StoreResult<Vec<ImportListItem>> {
    #[derive(sqlx::FromRow)]
    struct ListRow {
        id: Id,
        kind: ImportKind,
        status: ImportStatus,
        created_at: String,
        user_email: Option<String>,
        file_names: String,
        name: Option<String>,
        skills: i64,
        role_levels: i64,
        warnings: i64,
    }
    let rows: Vec<ListRow> = sqlx::query_as(
        "SELECT i.id, i.kind, i.status, i.created_at, u.email AS user_email, i.file_names,
                COALESCE(json_extract(i.report_json, '$.merge.level'), i.version_name) AS name,
                COALESCE(json_extract(i.report_json, '$.report.summary.skills'), 0) AS skills,
                COALESCE(json_extract(i.report_json, '$.report.summary.role_levels'), 0) AS role_levels,
                COALESCE(json_extract(i.report_json, '$.report.summary.warnings'), 0) AS warnings
         FROM imports i LEFT JOIN users u ON u.id = i.user_id ORDER BY i.id DESC LIMIT ?",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| ImportListItem {
            id: row.id,
            kind: row.kind,
            status: row.status,
            created_at: row.created_at,
            user_email: row.user_email,
            file_names: serde_json::from_str(&row.file_names).unwrap_or_default(),
            name: row.name,
            skills: row.skills,
            role_levels: row.role_levels,
            warnings: row.warnings,
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Role profiles

/// A role profile as uploaded or pasted.
#[derive(Debug, Clone)]
pub enum ProfileSource {
    /// Pasted text.
    Text(String),
    /// An uploaded file, decoded like every other upload.
    Bytes(Vec<u8>),
}

/// A role profile read and merged (in memory) with its target version.
#[derive(Debug, Clone)]
pub struct ProfilePreview {
    pub import_id: Option<Id>,
    pub version: FrameworkVersion,
    pub profile: ParsedRoleProfile,
    pub report: ValidationReport,
    pub merge: MergeSummary,
    /// The text as decoded (what confirming reads again).
    pub text: String,
}

/// Reads a role profile and shows what merging it into `version_id` (default: the newest
/// version) would do. With [`Mode::Import`] or [`Mode::Check`] the preview is stored (status
/// `preview`) with its text, waiting to be confirmed with [`save_role_profile`]; with
/// [`Mode::DryRun`] nothing is stored.
pub async fn preview_role_profile(
    pool: &Pool,
    source: ProfileSource,
    version_id: Option<Id>,
    options: &ImportOptions,
) -> Result<ProfilePreview, ImportFailure> {
    let (text, profile, report) = blocking(move || read_profile(source)).await??;
    refuse_errors(&report)?;
    let version = target_version(pool, version_id).await?;
    let base = load_doc(pool, version.id).await?;
    let (_, merge) = merge_profile(&base, &profile)?;
    let mut preview = ProfilePreview { import_id: None, version, profile, report, merge, text };
    if options.mode != Mode::DryRun {
        let details = ImportDetails {
            report: preview.report.clone(),
            diff: None,
            profile: Some(preview.profile.clone()),
            merge: Some(preview.merge.clone()),
        };
        let row = NewRow {
            kind: ImportKind::RoleProfile,
            user_id: options.user_id,
            file_names: &options.file_names,
            version_name: Some(&preview.version.name),
            version_id: Some(preview.version.id),
            previous_version_id: None,
            role_level_id: None,
            source_text: Some(&preview.text),
            details: &details,
        };
        let mut tx = begin_write(pool).await?;
        preview.import_id = Some(insert_row(&mut tx, ImportStatus::Preview, &row).await?);
        tx.commit().await.map_err(StoreError::from)?;
    }
    Ok(preview)
}

/// Decodes (for uploads) and parses a profile, noting the encoding in the report.
fn read_profile(source: ProfileSource) -> Result<(String, ParsedRoleProfile, ValidationReport), ImportError> {
    match source {
        ProfileSource::Text(text) => {
            let (profile, report) = parse_role_profile(&text)?;
            Ok((text, profile, report))
        }
        ProfileSource::Bytes(bytes) => {
            let decoded = decode(&bytes, PROFILE_FILE)?;
            let (profile, mut report) = parse_role_profile(&decoded.text)?;
            let mut notes = ValidationReport::new();
            decoded.note(PROFILE_FILE, &mut notes);
            report.prepend(notes, &profile.to_fragment());
            Ok((decoded.text, profile, report))
        }
    }
}

async fn target_version(pool: &Pool, version_id: Option<Id>) -> StoreResult<FrameworkVersion> {
    match version_id {
        Some(id) => get_version(pool, id).await,
        None => super::framework::latest_version(pool).await?.ok_or_else(|| {
            StoreError::invalid("version_id", "There is no framework version to add the role level to yet")
        }),
    }
}

/// Merges in memory: the merged document and what it means for the role level.
fn merge_profile(
    base: &FrameworkDoc,
    profile: &ParsedRoleProfile,
) -> Result<(FrameworkDoc, MergeSummary), ImportFailure> {
    let (merged, report) = merge_role_profile(base, profile);
    refuse_errors(&report)?;
    let problems = merged.check();
    if !problems.is_empty() {
        return Err(StoreError::Conflict(format!(
            "The role level cannot be added to this version: {}",
            problems.join("; ")
        ))
        .into());
    }
    let (family, role, level, replaces) = locate_level(base, &merged, profile).ok_or_else(|| {
        StoreError::Conflict("The role level read from the profile could not be placed in the version".into())
    })?;
    let level_doc = find_level(&merged, &family, &role, &level).expect("located level exists");
    let base_codes: HashSet<&str> = base.skills.iter().map(|s| s.code.as_str()).collect();
    let mut new_skills = Vec::new();
    let mut reused_skills = Vec::new();
    for requirement in &level_doc.requirements {
        let Some(skill) = merged.skill(&requirement.skill_code) else {
            continue;
        };
        let item = MergedSkill {
            code: skill.code.clone(),
            name: skill.name.clone(),
            kind: skill.kind,
            scale: skill.scale,
            level: requirement.level,
        };
        if base_codes.contains(skill.code.as_str()) {
            reused_skills.push(item);
        } else {
            new_skills.push(item);
        }
    }
    let summary = MergeSummary {
        activities: level_doc.activities.len(),
        family,
        role,
        level,
        replaces,
        new_skills,
        reused_skills,
        report,
    };
    Ok((merged, summary))
}

/// Where the merge put the profile's role level: (family, role, level, replaced an existing one).
fn locate_level(
    base: &FrameworkDoc,
    merged: &FrameworkDoc,
    profile: &ParsedRoleProfile,
) -> Option<(String, String, String, bool)> {
    if let Ok(diff) = diff_frameworks(base, merged) {
        if let Some(added) = diff.role_levels_added.first() {
            return Some((added.family.clone(), added.role.clone(), added.level.clone(), false));
        }
        if let Some(changed) = diff.role_levels_changed.first() {
            let r = &changed.role_level;
            return Some((r.family.clone(), r.role.clone(), r.level.clone(), true));
        }
    }
    // Nothing changed (the same profile saved again): the level of the same name.
    let wanted = name_key(&profile.level_name());
    merged
        .role_levels()
        .find(|(_, _, l)| name_key(&l.name) == wanted)
        .map(|(f, r, l)| (f.name.clone(), r.name.clone(), l.name.clone(), true))
}

/// Names compare ignoring case, dashes and runs of spaces (as the merge compares them).
fn name_key(name: &str) -> String {
    name.replace(['–', '—'], "-").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn find_level<'d>(doc: &'d FrameworkDoc, family: &str, role: &str, level: &str) -> Option<&'d RoleLevelDoc> {
    doc.role_levels().find(|(f, r, l)| f.name == family && r.name == role && l.name == level).map(|(_, _, l)| l)
}

/// A role profile merged into its version.
#[derive(Debug, Clone)]
pub struct SavedProfile {
    pub import_id: Id,
    pub version_id: Id,
    pub role_level_id: Id,
    pub profile: ParsedRoleProfile,
    pub merge: MergeSummary,
}

/// Confirms a stored preview: parses its text again and merges it into its version in place,
/// in one transaction. A preview can be saved once.
pub async fn save_role_profile(pool: &Pool, import_id: Id) -> Result<SavedProfile, ImportFailure> {
    let record = get_import(pool, import_id).await?;
    if record.kind != ImportKind::RoleProfile {
        return Err(StoreError::Conflict("Only role-profile imports are saved this way".into()).into());
    }
    if record.status == ImportStatus::Saved {
        return Err(StoreError::Conflict("This role profile has already been saved".into()).into());
    }
    let version_id = record.version_id.ok_or_else(|| {
        StoreError::Conflict("The framework version this preview was made for no longer exists".into())
    })?;
    let text = record.source_text.clone().unwrap_or_default();
    let (profile, _) = blocking(move || parse_role_profile(&text)).await??;
    // The write lock first: the version read below cannot change before the commit.
    let mut tx = begin_write(pool).await?;
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM imports WHERE id = ?")
        .bind(import_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(StoreError::from)?;
    if status.as_deref() != Some(ImportStatus::Preview.code()) {
        return Err(StoreError::Conflict("This role profile has already been saved".into()).into());
    }
    let (role_level_id, merge) = merge_in_place(pool, &mut tx, version_id, &profile).await?;
    let mut details = record.details;
    details.merge = Some(merge.clone());
    sqlx::query("UPDATE imports SET status = ?, role_level_id = ?, report_json = ?, saved_at = ? WHERE id = ?")
        .bind(ImportStatus::Saved.code())
        .bind(role_level_id)
        .bind(serde_json::to_string(&details).expect("import details serialise"))
        .bind(now_utc())
        .bind(import_id)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::from)?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(SavedProfile { import_id, version_id, role_level_id, profile, merge })
}

/// Reads a role profile and merges it into `version_id` (default: the newest version) at once,
/// recording it as a saved import (the command line, which has no confirmation step).
pub async fn import_role_profile(
    pool: &Pool,
    source: ProfileSource,
    version_id: Option<Id>,
    options: &ImportOptions,
) -> Result<SavedProfile, ImportFailure> {
    let (text, profile, report) = blocking(move || read_profile(source)).await??;
    refuse_errors(&report)?;
    let version = target_version(pool, version_id).await?;
    let mut tx = begin_write(pool).await?;
    let (role_level_id, merge) = merge_in_place(pool, &mut tx, version.id, &profile).await?;
    let details = ImportDetails { report, diff: None, profile: Some(profile.clone()), merge: Some(merge.clone()) };
    let row = NewRow {
        kind: ImportKind::RoleProfile,
        user_id: options.user_id,
        file_names: &options.file_names,
        version_name: Some(&version.name),
        version_id: Some(version.id),
        previous_version_id: None,
        role_level_id: Some(role_level_id),
        source_text: Some(&text),
        details: &details,
    };
    let import_id = insert_row(&mut tx, ImportStatus::Saved, &row).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(SavedProfile { import_id, version_id: version.id, role_level_id, profile, merge })
}

/// Merges `profile` into the stored version inside `tx`, which must hold the write lock (taken
/// with `BEGIN IMMEDIATE`): the version is read through `pool` (WAL readers see the last commit,
/// and nothing else can commit until `tx` does). Returns the role level's id.
async fn merge_in_place(
    pool: &Pool,
    tx: &mut Tx,
    version_id: Id,
    profile: &ParsedRoleProfile,
) -> Result<(Id, MergeSummary), ImportFailure> {
    let base = load_doc(pool, version_id).await?;
    let (merged, merge) = merge_profile(&base, profile)?;
    let role_level_id = write_merge(tx, version_id, &base, &merged, &merge).await?;
    Ok((role_level_id, merge))
}

/// Writes what the merge changed: new skills, the role family and role if new, and the role
/// level (created, or its description, requirements and activities replaced).
async fn write_merge(
    tx: &mut Tx,
    version_id: Id,
    base: &FrameworkDoc,
    merged: &FrameworkDoc,
    merge: &MergeSummary,
) -> StoreResult<Id> {
    let base_codes: HashSet<&str> = base.skills.iter().map(|s| s.code.as_str()).collect();
    for skill in merged.skills.iter().filter(|s| !base_codes.contains(s.code.as_str())) {
        insert_skill(tx, version_id, skill).await?;
    }
    let skill_ids: HashMap<String, Id> =
        sqlx::query_as::<_, (String, Id)>("SELECT code, id FROM skills WHERE version_id = ?")
            .bind(version_id)
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .collect();
    let family_id = match sqlx::query_scalar::<_, Id>("SELECT id FROM role_families WHERE version_id = ? AND name = ?")
        .bind(version_id)
        .bind(&merge.family)
        .fetch_optional(&mut **tx)
        .await?
    {
        Some(id) => id,
        None => {
            sqlx::query_scalar("INSERT INTO role_families (version_id, name) VALUES (?, ?) RETURNING id")
                .bind(version_id)
                .bind(&merge.family)
                .fetch_one(&mut **tx)
                .await?
        }
    };
    let role_doc = merged
        .role_families
        .iter()
        .filter(|f| f.name == merge.family)
        .flat_map(|f| f.roles.iter())
        .find(|r| r.name == merge.role)
        .ok_or(StoreError::NotFound("Role"))?;
    let role_id = match sqlx::query_scalar::<_, Id>("SELECT id FROM roles WHERE family_id = ? AND name = ?")
        .bind(family_id)
        .bind(&role_doc.name)
        .fetch_optional(&mut **tx)
        .await?
    {
        Some(id) => id,
        None => {
            sqlx::query_scalar("INSERT INTO roles (family_id, name, description) VALUES (?, ?, ?) RETURNING id")
                .bind(family_id)
                .bind(&role_doc.name)
                .bind(&role_doc.description)
                .fetch_one(&mut **tx)
                .await?
        }
    };
    let (rank, level) = role_doc
        .levels
        .iter()
        .enumerate()
        .find(|(_, l)| l.name == merge.level)
        .ok_or(StoreError::NotFound("Role level"))?;
    let existing: Option<Id> = sqlx::query_scalar("SELECT id FROM role_levels WHERE role_id = ? AND name = ?")
        .bind(role_id)
        .bind(&level.name)
        .fetch_optional(&mut **tx)
        .await?;
    let level_id = match existing {
        Some(id) => {
            sqlx::query("UPDATE role_levels SET description = ?, role_type = ? WHERE id = ?")
                .bind(&level.description)
                .bind(&level.role_type)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            sqlx::query("DELETE FROM requirements WHERE role_level_id = ?").bind(id).execute(&mut **tx).await?;
            sqlx::query("DELETE FROM activities WHERE role_level_id = ?").bind(id).execute(&mut **tx).await?;
            id
        }
        None => sqlx::query_scalar(
            "INSERT INTO role_levels (role_id, name, rank, description, role_type) VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(role_id)
        .bind(&level.name)
        .bind(rank as i64)
        .bind(&level.description)
        .bind(&level.role_type)
        .fetch_one(&mut **tx)
        .await?,
    };
    let mut seen = HashSet::new();
    for requirement in &level.requirements {
        let skill_id = *skill_ids
            .get(&requirement.skill_code)
            .ok_or_else(|| StoreError::Conflict(format!("Unknown skill \"{}\"", requirement.skill_code)))?;
        if !seen.insert(skill_id) {
            continue;
        }
        sqlx::query("INSERT INTO requirements (role_level_id, skill_id, level, description) VALUES (?, ?, ?, ?)")
            .bind(level_id)
            .bind(skill_id)
            .bind(requirement.level.map(i64::from))
            .bind(&requirement.description)
            .execute(&mut **tx)
            .await?;
    }
    insert_activities(tx, level_id, &level.activities).await?;
    // Keep the role's levels in the merged order (most junior first).
    for (rank, other) in role_doc.levels.iter().enumerate() {
        sqlx::query("UPDATE role_levels SET rank = ? WHERE role_id = ? AND name = ?")
            .bind(rank as i64)
            .bind(role_id)
            .bind(&other.name)
            .execute(&mut **tx)
            .await?;
    }
    Ok(level_id)
}

/// Sets the (current) role level of each person, in one transaction. Returns how many changed.
pub async fn assign_role_level(pool: &Pool, role_level_id: Id, person_ids: &[Id]) -> StoreResult<usize> {
    let mut tx = begin_write(pool).await?;
    let exists: Option<Id> = sqlx::query_scalar("SELECT id FROM role_levels WHERE id = ?")
        .bind(role_level_id)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Err(StoreError::NotFound("Role level"));
    }
    let mut changed = 0;
    for person_id in person_ids {
        let done = sqlx::query("UPDATE people SET role_level_id = ? WHERE id = ?")
            .bind(role_level_id)
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound("Person"));
        }
        changed += 1;
    }
    tx.commit().await?;
    Ok(changed)
}

// ---------------------------------------------------------------------------------------------
// Moving teams between versions

/// (role name, level name) of every role level someone holds now, in any version.
pub async fn held_role_levels(pool: &Pool) -> StoreResult<HashSet<(String, String)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT r.name, rl.name FROM people p JOIN role_levels rl ON rl.id = p.role_level_id
         JOIN roles r ON r.id = rl.role_id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().collect())
}

/// A role level of a member that has no role level of the same role and level name in the
/// version the team moves to: it is left as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmatchedLevel {
    pub person_id: Id,
    pub person_name: String,
    pub role: String,
    pub level: String,
    /// The version the role level belongs to.
    pub version_name: String,
    /// The person's target role level (rather than their current one).
    pub target: bool,
}

/// What moving a team to a version does (or did).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMove {
    pub team: Team,
    pub to_version_id: Id,
    pub members: usize,
    /// Role levels (current and target) mapped to the new version's.
    pub mapped: usize,
    /// Role levels already in the new version.
    pub already: usize,
    pub unmatched: Vec<UnmatchedLevel>,
    /// Members who are also in teams still on other versions: their role levels move with
    /// this team, so those teams should be moved too.
    pub shared_with: Vec<(Id, String)>,
}

struct PlannedMove {
    report: TeamMove,
    /// (person id, column, new role level id).
    updates: Vec<(Id, &'static str, Id)>,
}

/// What moving `team_id` to `version_id` would do, without changing anything.
pub async fn plan_team_move(pool: &Pool, team_id: Id, version_id: Id) -> StoreResult<TeamMove> {
    let mut conn = pool.acquire().await?;
    Ok(plan_move(&mut conn, team_id, version_id).await?.report)
}

/// Moves a team to another version of its framework, in one transaction: each member's role
/// level and target are mapped by (role name, level name) to the new version's; members whose
/// level has no match keep theirs (and are listed); the team's version is set. Assessments are
/// untouched: they stay attached to the skills they were made against.
pub async fn move_team(pool: &Pool, team_id: Id, version_id: Id) -> StoreResult<TeamMove> {
    let mut tx = begin_write(pool).await?;
    let plan = plan_move(&mut tx, team_id, version_id).await?;
    for (person_id, column, level_id) in &plan.updates {
        let sql = match *column {
            "role_level_id" => "UPDATE people SET role_level_id = ? WHERE id = ?",
            _ => "UPDATE people SET target_role_level_id = ? WHERE id = ?",
        };
        sqlx::query(sql).bind(level_id).bind(person_id).execute(&mut *tx).await?;
    }
    sqlx::query("UPDATE teams SET framework_version_id = ? WHERE id = ?")
        .bind(version_id)
        .bind(team_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(plan.report)
}

async fn plan_move(conn: &mut SqliteConnection, team_id: Id, version_id: Id) -> StoreResult<PlannedMove> {
    let team_row: TeamRow = sqlx::query_as(
        "SELECT id, name, description, framework_version_id, review_cadence_months FROM teams WHERE id = ?",
    )
    .bind(team_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound("Team"))?;
    let team = Team::from(team_row);
    let families: Vec<(Id, String, String)> =
        sqlx::query_as("SELECT id, family, name FROM framework_versions WHERE id IN (?, ?)")
            .bind(team.framework_version_id)
            .bind(version_id)
            .fetch_all(&mut *conn)
            .await?;
    let family_of = |id: Id| families.iter().find(|(v, _, _)| *v == id).map(|(_, f, _)| f.clone());
    let (Some(from_family), Some(to_family)) = (family_of(team.framework_version_id), family_of(version_id)) else {
        return Err(StoreError::NotFound("Framework version"));
    };
    if from_family != to_family {
        return Err(StoreError::Conflict(format!(
            "{} is assessed against a {from_family} framework: it can only move to another version of that framework, not to a {to_family} one",
            team.name
        )));
    }
    // Role levels of the target version by (role, level).
    let target: HashMap<(String, String), Id> = sqlx::query_as::<_, (String, String, Id)>(
        "SELECT r.name, rl.name, rl.id FROM role_levels rl JOIN roles r ON r.id = rl.role_id
         JOIN role_families f ON f.id = r.family_id WHERE f.version_id = ?",
    )
    .bind(version_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(role, level, id)| ((role, level), id))
    .collect();
    let members: Vec<(Id, String, Option<Id>, Option<Id>)> = sqlx::query_as(
        "SELECT p.id, p.name, p.role_level_id, p.target_role_level_id FROM team_memberships m JOIN people p ON p.id = m.person_id
         WHERE m.team_id = ? ORDER BY p.name, p.id",
    )
    .bind(team_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut report = TeamMove {
        team: team.clone(),
        to_version_id: version_id,
        members: members.len(),
        mapped: 0,
        already: 0,
        unmatched: Vec::new(),
        shared_with: Vec::new(),
    };
    let mut updates = Vec::new();
    for (person_id, person_name, role_level_id, target_role_level_id) in members {
        for (column, level_id, target_flag) in
            [("role_level_id", role_level_id, false), ("target_role_level_id", target_role_level_id, true)]
        {
            let Some(level_id) = level_id else {
                continue;
            };
            let (role, level, level_version, version_name): (String, String, Id, String) = sqlx::query_as(
                "SELECT r.name, rl.name, f.version_id, v.name FROM role_levels rl JOIN roles r ON r.id = rl.role_id
                 JOIN role_families f ON f.id = r.family_id JOIN framework_versions v ON v.id = f.version_id WHERE rl.id = ?",
            )
            .bind(level_id)
            .fetch_one(&mut *conn)
            .await?;
            if level_version == version_id {
                report.already += 1;
                continue;
            }
            match target.get(&(role.clone(), level.clone())) {
                Some(&new_id) => {
                    report.mapped += 1;
                    updates.push((person_id, column, new_id));
                }
                None => report.unmatched.push(UnmatchedLevel {
                    person_id,
                    person_name: person_name.clone(),
                    role,
                    level,
                    version_name,
                    target: target_flag,
                }),
            }
        }
        let other_teams: Vec<String> = sqlx::query_scalar(
            "SELECT t.name FROM team_memberships m JOIN teams t ON t.id = m.team_id
             WHERE m.person_id = ? AND t.id <> ? AND t.framework_version_id <> ? ORDER BY t.name",
        )
        .bind(person_id)
        .bind(team_id)
        .bind(version_id)
        .fetch_all(&mut *conn)
        .await?;
        if !other_teams.is_empty() {
            report.shared_with.push((person_id, format!("{person_name} (also in {})", other_teams.join(", "))));
        }
    }
    Ok(PlannedMove { report, updates })
}

#[cfg(test)]
mod tests;
