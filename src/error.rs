//! The one error type every server function returns. It crosses the network as JSON and each
//! variant maps to a translated message in the UI (`ui::ErrorNotice`).
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Why a submitted field was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InputProblem {
    Missing,
    TooShort,
    TooLong,
    Malformed,
    Unknown,
    OutOfRange,
    /// Already used by another account or record.
    Taken,
    /// A valid value this caller may not choose (e.g. an admin changing their own role).
    NotAllowed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("invalid input in field `{field}`: {problem:?}")]
    InvalidInput { field: String, problem: InputProblem },
    #[error("sign-in required")]
    Unauthenticated,
    /// Wrong login or password; deliberately does not say which, nor whether the account exists.
    #[error("sign-in failed")]
    SignInFailed,
    #[error("too many attempts")]
    TooManyAttempts,
    #[error("not allowed")]
    Forbidden,
    #[error("the service is temporarily unavailable")]
    Unavailable,
    /// Transport or encoding failure reported by the server-function machinery.
    #[error("request failed: {0}")]
    Request(String),
}

impl AppError {
    pub fn invalid(field: &str, problem: InputProblem) -> Self {
        AppError::InvalidInput { field: field.to_owned(), problem }
    }

    /// The same input problem reported against another form field (a shared rule, a different form).
    pub fn in_field(self, field: &str) -> Self {
        match self {
            AppError::InvalidInput { problem, .. } => AppError::invalid(field, problem),
            other => other,
        }
    }

    /// HTTP status a failed request should carry.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::InvalidInput { .. } => 400,
            AppError::Unauthenticated => 401,
            AppError::SignInFailed => 401,
            AppError::TooManyAttempts => 429,
            AppError::Forbidden => 403,
            AppError::Unavailable => 503,
            AppError::Request(_) => 400,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        tracing::error!(%error, "database error");
        AppError::Unavailable
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_is_a_client_error_not_a_server_error() {
        assert_eq!(AppError::invalid("district", InputProblem::Unknown).status_code(), 400);
        assert_eq!(AppError::NotFound.status_code(), 404);
        assert_eq!(AppError::Request("x".into()).status_code(), 400);
    }

    #[test]
    fn errors_survive_the_trip_to_the_client() {
        let error = AppError::invalid("district", InputProblem::TooLong);
        assert_eq!(AppError::de(error.ser()), error);
    }
}
