//! Field-level validation errors, shown in the error summary at the top of a form and beside
//! each field (the GOV.UK error summary pattern). The field is the form control's name, so the
//! page can link the summary entry to the control.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// The errors of one submission, and the (non-secret) values that were submitted, so a form
/// shown again after an error keeps what the person typed even when the page was reloaded
/// (forms posted without JavaScript).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>, #[serde(default)] pub Vec<(String, String)>);

/// Longest submitted value carried back with an error (the error travels in a URL without
/// JavaScript).
const KEPT_VALUE_MAX: usize = 2000;

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError { field: field.into(), message: message.into() });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }

    /// Remembers a submitted value to show again in the form.
    pub fn keep(&mut self, field: impl Into<String>, value: &str) {
        let value: String = value.chars().take(KEPT_VALUE_MAX).collect();
        self.1.push((field.into(), value));
    }

    /// The value submitted for a field, when it was kept.
    pub fn submitted(&self, field: &str) -> Option<&str> {
        self.1.iter().find(|(f, _)| f == field).map(|(_, v)| v.as_str())
    }

    /// `Ok(value)` when no error was added.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<&str> = self.0.iter().map(|e| e.message.as_str()).collect();
        f.write_str(&messages.join("; "))
    }
}

impl std::error::Error for FieldErrors {}

/// Trims a required text field, recording an error naming the field when it is empty or too long.
pub fn required_text(errors: &mut FieldErrors, field: &str, label: &str, value: &str, max_chars: usize) -> String {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        errors.add(field, format!("Enter {label}"));
    } else if is_garbled(trimmed) {
        errors.add(field, format!("{} holds characters that could not be read: type it again", capitalise(label)));
    } else if trimmed.chars().count() > max_chars {
        errors.add(field, format!("{} must be {max_chars} characters or fewer", capitalise(label)));
    }
    trimmed.to_string()
}

/// Trims an optional text field; empty becomes `None`.
pub fn optional_text(
    errors: &mut FieldErrors,
    field: &str,
    label: &str,
    value: &str,
    max_chars: usize,
) -> Option<String> {
    let trimmed = value.trim();
    if is_garbled(trimmed) {
        errors.add(field, format!("{} holds characters that could not be read: type it again", capitalise(label)));
    } else if trimmed.chars().count() > max_chars {
        errors.add(field, format!("{} must be {max_chars} characters or fewer", capitalise(label)));
    }
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Text that arrived as bytes that are not UTF-8 (the decoder put replacement characters in) or
/// with control characters other than line breaks and tabs: never what a person typed.
fn is_garbled(text: &str) -> bool {
    text.chars().any(|c| c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t')))
}

fn capitalise(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_names_the_field() {
        let mut errors = FieldErrors::new();
        assert_eq!(required_text(&mut errors, "name", "a name", "  Ada  ", 10), "Ada");
        assert!(errors.is_empty());
        required_text(&mut errors, "name", "a name", "   ", 10);
        required_text(&mut errors, "team", "the team name", "abcdefghijk", 10);
        assert_eq!(errors.for_field("name"), Some("Enter a name"));
        assert_eq!(errors.for_field("team"), Some("The team name must be 10 characters or fewer"));
        assert_eq!(errors.into_result(()).unwrap_err().0.len(), 2);
    }

    #[test]
    fn submitted_values_are_kept_and_bounded() {
        let mut errors = FieldErrors::new();
        errors.add("name", "Enter a name");
        errors.keep("description", "Runs the build agents");
        errors.keep("notes", &"x".repeat(5000));
        assert_eq!(errors.submitted("description"), Some("Runs the build agents"));
        assert_eq!(errors.submitted("notes").unwrap().len(), 2000);
        assert_eq!(errors.submitted("name"), None);
        let json = serde_json::to_string(&errors).unwrap();
        assert_eq!(serde_json::from_str::<FieldErrors>(&json).unwrap(), errors);
        let older: FieldErrors = serde_json::from_str(r#"[[{"field":"a","message":"b"}]]"#).unwrap();
        assert_eq!(older.for_field("a"), Some("b"));
    }

    #[test]
    fn unreadable_text_is_refused() {
        let mut errors = FieldErrors::new();
        required_text(&mut errors, "name", "the team name", "\u{FFFD}\u{FFFD}", 50);
        optional_text(&mut errors, "notes", "the notes", "a\u{0}b", 50);
        optional_text(&mut errors, "evidence", "the evidence", "line one\nline two\tend", 50);
        assert_eq!(
            errors.for_field("name"),
            Some("The team name holds characters that could not be read: type it again")
        );
        assert!(errors.for_field("notes").is_some());
        assert_eq!(errors.for_field("evidence"), None);
    }

    #[test]
    fn optional_text_is_none_when_blank() {
        let mut errors = FieldErrors::new();
        assert_eq!(optional_text(&mut errors, "email", "email", "  ", 5), None);
        assert_eq!(optional_text(&mut errors, "email", "email", " a@b ", 5), Some("a@b".into()));
        assert!(errors.is_empty());
    }
}
