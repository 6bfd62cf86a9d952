//! The one error type every server function returns. It crosses the network as JSON, and for
//! forms posted without JavaScript it travels in the redirect URL back to the form, where the
//! page shows it in the error summary.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use skillmix::validation::FieldErrors;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Sign in to continue")]
    SignInRequired,
    #[error("You do not have permission to do that")]
    Forbidden,
    /// Refused for a reason the caller may be told (they named the objects involved themselves).
    #[error("{0}")]
    Refused(String),
    #[error("{0} not found")]
    NotFound(String),
    /// Bad input: one message per form field.
    #[error("There is a problem: {0}")]
    Validation(FieldErrors),
    /// The request clashes with what is stored (a duplicate name, a non-empty database).
    #[error("{0}")]
    Conflict(String),
    /// Something failed on the server. The text is a reference for the logs, never the cause.
    #[error("Something went wrong on our side. Try again, and if it keeps happening tell your administrator (reference {0}).")]
    Internal(String),
    /// The request could not be carried (network, malformed arguments).
    #[error("The request could not be completed: {0}")]
    Request(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}

impl AppError {
    pub fn field(field: &str, message: impl Into<String>) -> AppError {
        let mut errors = FieldErrors::new();
        errors.add(field, message);
        AppError::Validation(errors)
    }

    /// Carries the submitted values back with a validation error, so the form shows them again.
    /// Other errors are returned as they are. Never pass secrets (passwords) here.
    pub fn keeping(self, values: &[(&str, &str)]) -> AppError {
        match self {
            AppError::Validation(mut errors) => {
                for (field, value) in values {
                    errors.keep(*field, value);
                }
                AppError::Validation(errors)
            }
            other => other,
        }
    }

    /// The value submitted for a field, carried back with a validation error.
    pub fn submitted(&self, field: &str) -> Option<&str> {
        self.field_errors().and_then(|e| e.submitted(field))
    }

    /// The field errors to show beside inputs, if this is a validation error.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Validation(errors) => Some(errors),
            _ => None,
        }
    }

    /// The HTTP status that fits the error, for pages rendered on the server and the JSON API.
    pub fn status(&self) -> u16 {
        match self {
            AppError::SignInRequired => 401,
            AppError::Forbidden | AppError::Refused(_) => 403,
            AppError::NotFound(_) => 404,
            AppError::Validation(_) | AppError::Request(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::Internal(_) => 500,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<skillmix::store::StoreError> for AppError {
    fn from(error: skillmix::store::StoreError) -> Self {
        use skillmix::store::StoreError;
        match error {
            StoreError::NotFound(what) => AppError::NotFound(what.to_string()),
            StoreError::Conflict(message) => AppError::Conflict(message),
            StoreError::Invalid(errors) => AppError::Validation(errors),
            other => AppError::internal(&other),
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Logs an internal failure with a short reference and returns an error that shows only
    /// the reference.
    pub fn internal(error: &dyn std::fmt::Display) -> AppError {
        let reference = format!("{:08x}", rand_reference());
        tracing::error!(reference = %reference, error = %error, "internal error");
        AppError::Internal(reference)
    }
}

#[cfg(feature = "ssr")]
fn rand_reference() -> u32 {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    nanos ^ std::process::id().rotate_left(16)
}

pub type AppResult<T> = Result<T, AppError>;
