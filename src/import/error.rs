//! Why a whole import was rejected. A rejected import stores nothing; each message names the
//! file and, where there is one, the row, line or field, so the user can fix the file.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ImportError {
    #[error("The {file} is empty")]
    Empty { file: String },

    #[error("The {file} is {size} bytes, which is over the import limit of {} MiB ({limit} bytes)", .limit / 1_048_576)]
    TooLarge { file: String, size: usize, limit: usize },

    #[error("The {file} is not a text file: {reason}")]
    Binary { file: String, reason: String },

    #[error(
        "The {file} does not have the columns of {export}. Expected: {}. Found: {}{}",
        .expected.join(", "),
        .found.join(", "),
        .hint.as_deref().map(|h| format!(". {h}")).unwrap_or_default()
    )]
    WrongHeader { file: String, export: String, expected: Vec<String>, found: Vec<String>, hint: Option<String> },

    #[error("The {file} has no rows below the header")]
    NoData { file: String },

    #[error("The {file}, row {row} (line {line}){}: {message}", .field.as_deref().map(|f| format!(", column \"{f}\"")).unwrap_or_default())]
    Row { file: String, row: usize, line: usize, field: Option<String>, message: String },

    #[error("The {file} could not be read as CSV{}: {message}", .line.map(|l| format!(" at line {l}")).unwrap_or_default())]
    Csv { file: String, line: Option<usize>, message: String },

    #[error("No role profile was found in the {file}: {reason}")]
    NotRecognised { file: String, reason: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file_row_line_and_field() {
        let err = ImportError::Row {
            file: "roles CSV".into(),
            row: 57,
            line: 340,
            field: Some("Role".into()),
            message: "has 8 columns; expected 10".into(),
        };
        assert_eq!(err.to_string(), "The roles CSV, row 57 (line 340), column \"Role\": has 8 columns; expected 10");
        let err = ImportError::WrongHeader {
            file: "skills CSV".into(),
            export: "the DDaT skills export".into(),
            expected: vec!["A".into(), "B".into()],
            found: vec!["A".into(), "C".into()],
            hint: None,
        };
        assert_eq!(
            err.to_string(),
            "The skills CSV does not have the columns of the DDaT skills export. Expected: A, B. Found: A, C"
        );
        let err = ImportError::TooLarge { file: "file".into(), size: 9_000_000, limit: 8_388_608 };
        assert!(err.to_string().contains("8 MiB (8388608 bytes)"));
    }

    #[test]
    fn errors_serialise_with_their_kind() {
        let json = serde_json::to_value(ImportError::Empty { file: "SFIA CSV".into() }).unwrap();
        assert_eq!(json["kind"], "empty");
        assert_eq!(json["file"], "SFIA CSV");
    }
}
