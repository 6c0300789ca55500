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
    /// The server could not read the request: a malformed body, a missing, repeated or mistyped
    /// argument. The decoder's own text is logged, never sent: it names the server's internals.
    #[error("malformed request")]
    BadRequest,
    /// The request did not get through or its answer could not be read (network, encoding).
    #[error("request failed")]
    RequestFailed,
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
            AppError::BadRequest => 400,
            AppError::RequestFailed => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Every server function's argument and body decoding errors arrive here. server_fn answers
    /// them with 500 unless the response status is set, so the status is set here, once for all.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            // On the server these mean the client's request could not be read; on the client a
            // `Deserialization` error is the server's answer that could not be read.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_)
                if cfg!(feature = "ssr") =>
            {
                AppError::BadRequest
            }
            _ => AppError::RequestFailed,
        };
        #[cfg(feature = "ssr")]
        {
            tracing::debug!(reason = %value, "server function request refused");
            crate::server::mark_response_status(&error);
        }
        error
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
        assert_eq!(AppError::BadRequest.status_code(), 400);
    }

    #[test]
    fn undecodable_arguments_are_a_bad_request_that_names_no_internals() {
        let decoder_text = "Multiple values for one key: \"login\"";
        for problem in [
            ServerFnErrorErr::Args(decoder_text.into()),
            ServerFnErrorErr::MissingArg("login".into()),
            ServerFnErrorErr::Deserialization("invalid utf-8 sequence".into()),
        ] {
            let error = AppError::from_server_fn_error(problem);
            assert_eq!(error, AppError::BadRequest);
            assert_eq!(error.status_code(), 400);
            let sent = String::from_utf8(error.ser().to_vec()).expect("JSON");
            assert!(!sent.contains("Multiple") && !sent.contains("login") && !sent.contains("utf-8"), "{sent}");
        }
    }

    #[test]
    fn errors_survive_the_trip_to_the_client() {
        let error = AppError::invalid("district", InputProblem::TooLong);
        assert_eq!(AppError::de(error.ser()), error);
    }
}
