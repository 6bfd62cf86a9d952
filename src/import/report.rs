//! The validation report that every importer returns beside its data.
//!
//! An import either succeeds with a report (what was read, and every quirk met and what was
//! done about it) or is rejected with an [`ImportError`](super::ImportError) and stores nothing.
//! The report is shown on the import page before the user confirms and printed by the CLI's
//! `--json`, so it is plain serialisable data.
//!
//! # Where an entry points
//!
//! * `row` is the spreadsheet row, 1-based, the header being row 1: the number a user sees in
//!   the row margin of Excel or LibreOffice, where a cell with line breaks stays in one row.
//! * `line` is the line of the file where that CSV record starts, which is what a text editor
//!   shows; it differs from `row` as soon as an earlier cell spans lines. (It is what
//!   `csv::Position::line()` gives for LF files, counted from the record's byte offset so that
//!   CRLF files, where csv lags a line behind, are right too.) Role-profile text has only `line`.
//!
//! Both are shown ("row 286 (line 3471)"), so the user can find the place either way.
//!
//! # Severities
//!
//! * [`Severity::Info`]: a known quirk of the source, handled as documented; nothing is lost.
//! * [`Severity::Warning`]: kept, but changed or incomplete in a way worth checking.
//! * [`Severity::Error`]: this part could not be used and was skipped; the rest was imported.
//!   Problems that make a whole file unusable are an `ImportError` instead.

use crate::framework::FrameworkDoc;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// What an entry is about: stable codes the page can group by and tests can look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// Which text encoding a file was decoded from.
    Encoding,
    /// A name with spaces around it; the spaces were removed.
    TrimmedSpaces,
    /// A row with every cell empty.
    EmptyRow,
    /// A cell the row cannot do without (a name) is empty.
    EmptyRequiredCell,
    /// A skill description that is empty or reads `MISSING`.
    MissingDescription,
    /// A level descriptor cell that is empty.
    MissingDescriptor,
    /// A level descriptor reading "This skill level is currently not defined."
    UndefinedDescriptor,
    /// A DDaT role level named `NOT IN USE`.
    NotInUseRoleLevel,
    /// A DDaT skill level reading `NOT IN USE`.
    NotInUseSkillLevel,
    /// A level that is neither a number nor a name of the scale.
    UnknownLevel,
    /// The same (role level, skill) pair in more than one row.
    DuplicateRow,
    /// The same skill name or code in more than one row of a skills file.
    DuplicateSkill,
    /// Rows of one role or role level disagree about a value that should be the same.
    ConflictingValue,
    /// A role type other than technical or management.
    RoleType,
    /// A skill required by roles but absent from the skills file.
    SkillOnlyInRoles,
    /// A skill in the skills file that no role requires.
    SkillUnused,
    /// SFIA: a level column holds a number other than its own.
    LevelColumnMismatch,
    /// SFIA: a level description for a level at which the skill is not defined.
    DescriptionForUndefinedLevel,
    /// SFIA: a level at which the skill is defined has no description.
    DefinedLevelWithoutDescription,
    /// SFIA: a skill with no defined level.
    NoDefinedLevels,
    /// A column whose content is not stored.
    ColumnNotStored,
    /// Role profile: a name was inferred rather than read.
    InferredName,
    /// Role profile: a knowledge item without a depth, or a depth where none belongs.
    MissingDepth,
    /// Role profile: lines that were not understood (listed in the parsed profile).
    Unrecognised,
    /// Role profile: a qualification without an awarding body.
    MissingAwardingBody,
    /// Role profile: parts of the profile the framework has no place for.
    NotStored,
    /// Merge: an existing skill was used for a profile skill.
    SkillReused,
    /// Merge: a profile skill was added as a new skill.
    SkillAdded,
    /// Merge: a code already used by a skill of another scale.
    CodeConflict,
    /// Merge: a required level the skill does not define.
    LevelNotDefined,
    /// Merge: an existing role level was replaced.
    RoleLevelReplaced,
    /// Merge: a role level was added.
    RoleLevelAdded,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportEntry {
    /// Which input the entry is about ("roles CSV", "skills CSV", "role profile"), when the
    /// import reads more than one thing.
    pub file: Option<String>,
    /// Spreadsheet row, header = row 1.
    pub row: Option<usize>,
    /// Line of the file where the record (or text) starts.
    pub line: Option<usize>,
    /// Column or field name, as the user knows it ("Skill Description").
    pub field: Option<String>,
    pub severity: Severity,
    pub kind: EntryKind,
    pub message: String,
    /// What the importer did: "skipped", "kept first", "stored without descriptor", ...
    pub action: String,
}

impl ReportEntry {
    /// "roles CSV, row 286 (line 3471)", "line 12", or "" when the entry is about the whole
    /// import.
    pub fn location(&self) -> String {
        let place = match (self.row, self.line) {
            (Some(row), Some(line)) if row != line => format!("row {row} (line {line})"),
            (Some(row), _) => format!("row {row}"),
            (None, Some(line)) => format!("line {line}"),
            (None, None) => String::new(),
        };
        match (&self.file, place.is_empty()) {
            (Some(file), false) => format!("{file}, {place}"),
            (Some(file), true) => file.clone(),
            (None, _) => place,
        }
    }
}

/// Records per SFIA category and subcategory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupCount {
    pub category: String,
    /// `None` for the category's own total.
    pub subcategory: Option<String>,
    pub skills: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportSummary {
    /// Data records read (CSV rows below the header, or text lines).
    pub records: usize,
    pub info: usize,
    pub warnings: usize,
    pub errors: usize,
    /// Entries per kind.
    pub by_kind: BTreeMap<EntryKind, usize>,
    pub skills: usize,
    pub role_families: usize,
    pub roles: usize,
    pub role_levels: usize,
    pub requirements: usize,
    pub activities: usize,
    /// SFIA: skills per category (subcategory `None`) and per subcategory.
    pub groups: Vec<GroupCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValidationReport {
    pub entries: Vec<ReportEntry>,
    pub summary: ReportSummary,
}

/// Where an entry points; built with [`At::row`], [`At::line`] or [`At::file`], optionally
/// naming the input with [`At::in_file`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct At {
    pub file: Option<&'static str>,
    pub row: Option<usize>,
    pub line: Option<usize>,
}

impl At {
    pub fn row(row: usize, line: usize) -> At {
        At { file: None, row: Some(row), line: Some(line) }
    }

    pub fn line(line: usize) -> At {
        At { file: None, row: None, line: Some(line) }
    }

    /// The whole import, or with [`At::in_file`] a whole file.
    pub fn file() -> At {
        At::default()
    }

    pub fn in_file(self, file: &'static str) -> At {
        At { file: Some(file), ..self }
    }
}

impl ValidationReport {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an entry. `field` is the column or field name, if any.
    pub fn push(
        &mut self,
        at: At,
        field: Option<&str>,
        severity: Severity,
        kind: EntryKind,
        message: impl Into<String>,
        action: impl Into<String>,
    ) {
        self.entries.push(ReportEntry {
            file: at.file.map(str::to_string),
            row: at.row,
            line: at.line,
            field: field.map(str::to_string),
            severity,
            kind,
            message: message.into(),
            action: action.into(),
        });
    }

    pub fn info(
        &mut self,
        at: At,
        field: Option<&str>,
        kind: EntryKind,
        message: impl Into<String>,
        action: impl Into<String>,
    ) {
        self.push(at, field, Severity::Info, kind, message, action);
    }

    pub fn warning(
        &mut self,
        at: At,
        field: Option<&str>,
        kind: EntryKind,
        message: impl Into<String>,
        action: impl Into<String>,
    ) {
        self.push(at, field, Severity::Warning, kind, message, action);
    }

    pub fn error(
        &mut self,
        at: At,
        field: Option<&str>,
        kind: EntryKind,
        message: impl Into<String>,
        action: impl Into<String>,
    ) {
        self.push(at, field, Severity::Error, kind, message, action);
    }

    /// Entries of one kind, in the order they were found.
    pub fn of_kind(&self, kind: EntryKind) -> impl Iterator<Item = &ReportEntry> {
        self.entries.iter().filter(move |e| e.kind == kind)
    }

    /// Appends another report's entries.
    pub fn extend(&mut self, other: ValidationReport) {
        self.entries.extend(other.entries);
    }

    /// Puts `notes` (for example how each file was decoded) before the entries of a finished
    /// report and counts them in its summary.
    pub fn prepend(&mut self, notes: ValidationReport, doc: &FrameworkDoc) {
        self.entries.splice(0..0, notes.entries);
        self.finish(self.summary.records, doc);
    }

    /// Fills the summary: severity and kind counts from the entries, sizes from `doc`.
    pub fn finish(&mut self, records: usize, doc: &FrameworkDoc) {
        let mut summary =
            ReportSummary { records, groups: std::mem::take(&mut self.summary.groups), ..Default::default() };
        for entry in &self.entries {
            match entry.severity {
                Severity::Info => summary.info += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Error => summary.errors += 1,
            }
            *summary.by_kind.entry(entry.kind).or_default() += 1;
        }
        summary.skills = doc.skills.len();
        summary.role_families = doc.role_families.len();
        summary.roles = doc.role_families.iter().map(|f| f.roles.len()).sum();
        for (_, _, level) in doc.role_levels() {
            summary.role_levels += 1;
            summary.requirements += level.requirements.len();
            summary.activities += level.activities.len();
        }
        self.summary = summary;
    }
}

/// Collects one quirk seen in many rows (the same skill reading `MISSING` in 12 rows) into a
/// single entry that lists every row, so the report stays readable without dropping any.
#[derive(Debug, Default)]
pub struct RowGroups {
    groups: Vec<RowGroup>,
    index: std::collections::HashMap<(EntryKind, String, String), usize>,
}

#[derive(Debug)]
struct RowGroup {
    first: At,
    field: String,
    severity: Severity,
    kind: EntryKind,
    subject: String,
    rows: Vec<usize>,
    action: String,
}

impl RowGroups {
    /// Notes that `subject` (for example `Skill "Methods and tools" reads MISSING`) was seen at
    /// `at`. Entries with the same kind, field and subject are grouped.
    pub fn add(&mut self, at: At, field: &str, severity: Severity, kind: EntryKind, subject: &str, action: &str) {
        let key = (kind, field.to_string(), subject.to_string());
        if let Some(&i) = self.index.get(&key) {
            self.groups[i].rows.extend(at.row);
            return;
        }
        self.index.insert(key, self.groups.len());
        self.groups.push(RowGroup {
            first: at,
            field: field.to_string(),
            severity,
            kind,
            subject: subject.to_string(),
            rows: at.row.into_iter().collect(),
            action: action.to_string(),
        });
    }

    /// Writes one entry per group, pointing at the first row and listing all of them.
    pub fn flush_into(self, report: &mut ValidationReport) {
        for group in self.groups {
            let message = match group.rows.len() {
                0 | 1 => group.subject,
                n => format!("{} in {n} rows: {}", group.subject, list_rows(&group.rows)),
            };
            report.push(group.first, Some(&group.field), group.severity, group.kind, message, group.action);
        }
    }
}

/// "5, 12, 20 and 28"; long lists end with "... and 7 more".
pub fn list_rows(rows: &[usize]) -> String {
    const SHOWN: usize = 25;
    let shown: Vec<String> = rows.iter().take(SHOWN).map(usize::to_string).collect();
    match rows.len() {
        0 => String::new(),
        1 => shown[0].clone(),
        n if n <= SHOWN => format!("{} and {}", shown[..n - 1].join(", "), shown[n - 1]),
        n => format!("{} and {} more", shown.join(", "), n - SHOWN),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::doc::{RequirementDoc, RoleDoc, RoleFamilyDoc, RoleLevelDoc};

    #[test]
    fn location_shows_row_and_line_when_they_differ() {
        let mut report = ValidationReport::new();
        report.info(
            At::row(286, 3471).in_file("roles CSV"),
            Some("Skill Name"),
            EntryKind::DuplicateRow,
            "dup",
            "kept first",
        );
        report.info(At::row(5, 5), None, EntryKind::DuplicateRow, "dup", "kept first");
        report.info(At::line(12), None, EntryKind::Unrecognised, "x", "listed");
        report.info(At::file().in_file("skills CSV"), None, EntryKind::Encoding, "UTF-8", "decoded");
        report.info(At::file(), None, EntryKind::Encoding, "UTF-8", "decoded");
        let locations: Vec<String> = report.entries.iter().map(ReportEntry::location).collect();
        assert_eq!(locations, ["roles CSV, row 286 (line 3471)", "row 5", "line 12", "skills CSV", ""]);
        assert_eq!(report.entries[0].file.as_deref(), Some("roles CSV"));
    }

    #[test]
    fn grouped_rows_become_one_entry_listing_every_row() {
        let mut groups = RowGroups::default();
        for row in [5, 12, 20] {
            groups.add(
                At::row(row, row + 1),
                "Skill Description",
                Severity::Info,
                EntryKind::MissingDescription,
                "Skill \"A\" reads MISSING",
                "kept",
            );
        }
        groups.add(
            At::row(7, 8),
            "Skill Description",
            Severity::Info,
            EntryKind::MissingDescription,
            "Skill \"B\" reads MISSING",
            "kept",
        );
        let mut report = ValidationReport::new();
        groups.flush_into(&mut report);
        assert_eq!(report.entries.len(), 2);
        assert_eq!(report.entries[0].message, "Skill \"A\" reads MISSING in 3 rows: 5, 12 and 20");
        assert_eq!(report.entries[0].row, Some(5));
        assert_eq!(report.entries[0].line, Some(6));
        assert_eq!(report.entries[1].message, "Skill \"B\" reads MISSING");
    }

    #[test]
    fn long_row_lists_are_shortened_with_a_count() {
        let rows: Vec<usize> = (1..=30).collect();
        assert!(list_rows(&rows).ends_with("25 and 5 more"));
        assert_eq!(list_rows(&[3]), "3");
        assert_eq!(list_rows(&[3, 4]), "3 and 4");
    }

    #[test]
    fn finish_counts_severities_kinds_and_document_sizes() {
        let mut report = ValidationReport::new();
        report.warning(At::file(), None, EntryKind::SkillUnused, "a", "kept");
        report.error(At::row(3, 3), None, EntryKind::EmptyRequiredCell, "b", "skipped");
        report.error(At::row(4, 4), None, EntryKind::EmptyRequiredCell, "c", "skipped");
        let level = RoleLevelDoc {
            name: "L".into(),
            description: String::new(),
            role_type: None,
            requirements: vec![RequirementDoc { skill_code: "x".into(), level: Some(1), description: String::new() }],
            activities: vec![],
        };
        let doc = FrameworkDoc {
            role_families: vec![RoleFamilyDoc {
                name: "F".into(),
                roles: vec![RoleDoc {
                    name: "R".into(),
                    description: String::new(),
                    levels: vec![level.clone(), level],
                }],
            }],
            ..Default::default()
        };
        report.finish(10, &doc);
        let s = &report.summary;
        assert_eq!((s.records, s.info, s.warnings, s.errors), (10, 0, 1, 2));
        assert_eq!(s.by_kind.get(&EntryKind::EmptyRequiredCell), Some(&2));
        assert_eq!((s.role_families, s.roles, s.role_levels, s.requirements), (1, 1, 2, 2));
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["summary"]["by_kind"]["empty-required-cell"], 2);
        assert_eq!(json["entries"][1]["severity"], "error");
    }
}
