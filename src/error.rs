//! The one error type every server function returns. It crosses the network as JSON and each
//! variant maps to a translated message in the UI (`ui::ErrorNotice`).
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A form field or URL parameter an error can name. A type, not a string, so a typo cannot
/// silently drop a message: the compiler checks every name, and the UI matches them exhaustively.
/// On the wire (JSON errors, `__err` links) a field is its snake_case name, the HTML input's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Age,
    AgeBand,
    AgeForCourse,
    Answers,
    Attendees,
    BirthDate,
    Capacity,
    Card,
    Category,
    Centre,
    ConfirmPassword,
    Consent,
    Contact,
    Course,
    CurrentPassword,
    DataConsent,
    Date,
    DescriptionEn,
    DescriptionKk,
    DescriptionRu,
    DisplayName,
    District,
    Ends,
    Enrolment,
    Form,
    Format,
    Free,
    FullName,
    GuardianConsent,
    GuardianName,
    Instructor,
    Kind,
    Language,
    Length,
    Login,
    MaxAge,
    Measure,
    MinAge,
    Month,
    NewPassword,
    Occupation,
    OpeningHours,
    Page,
    Password,
    Purpose,
    Q,
    Quota,
    Reason,
    RepeatEvery,
    RepeatUntil,
    Resident,
    Riasec,
    Role,
    Room,
    Search,
    Session,
    Slug,
    Sort,
    Starts,
    Status,
    Time,
    TitleEn,
    TitleKk,
    TitleRu,
    Week,
    WeeklyLimit,
    Weekday,
    Weeks,
}

impl Field {
    /// Every field, for tests that must cover them all.
    pub const ALL: [Field; 68] = [
        Field::Age,
        Field::AgeBand,
        Field::AgeForCourse,
        Field::Answers,
        Field::Attendees,
        Field::BirthDate,
        Field::Capacity,
        Field::Card,
        Field::Category,
        Field::Centre,
        Field::ConfirmPassword,
        Field::Consent,
        Field::Contact,
        Field::Course,
        Field::CurrentPassword,
        Field::DataConsent,
        Field::Date,
        Field::DescriptionEn,
        Field::DescriptionKk,
        Field::DescriptionRu,
        Field::DisplayName,
        Field::District,
        Field::Ends,
        Field::Enrolment,
        Field::Form,
        Field::Format,
        Field::Free,
        Field::FullName,
        Field::GuardianConsent,
        Field::GuardianName,
        Field::Instructor,
        Field::Kind,
        Field::Language,
        Field::Length,
        Field::Login,
        Field::MaxAge,
        Field::MinAge,
        Field::Measure,
        Field::Month,
        Field::NewPassword,
        Field::Occupation,
        Field::OpeningHours,
        Field::Page,
        Field::Password,
        Field::Purpose,
        Field::Q,
        Field::Quota,
        Field::Reason,
        Field::RepeatEvery,
        Field::RepeatUntil,
        Field::Resident,
        Field::Riasec,
        Field::Role,
        Field::Room,
        Field::Search,
        Field::Session,
        Field::Slug,
        Field::Sort,
        Field::Starts,
        Field::Status,
        Field::Time,
        Field::TitleEn,
        Field::TitleKk,
        Field::TitleRu,
        Field::Week,
        Field::WeeklyLimit,
        Field::Weekday,
        Field::Weeks,
    ];

    /// The name of the form input (and of the `<name>-error` element under it).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Age => "age",
            Field::AgeBand => "age_band",
            Field::AgeForCourse => "age_for_course",
            Field::Answers => "answers",
            Field::Attendees => "attendees",
            Field::BirthDate => "birth_date",
            Field::Capacity => "capacity",
            Field::Card => "card",
            Field::Category => "category",
            Field::Centre => "centre",
            Field::ConfirmPassword => "confirm_password",
            Field::Consent => "consent",
            Field::Contact => "contact",
            Field::Course => "course",
            Field::CurrentPassword => "current_password",
            Field::DataConsent => "data_consent",
            Field::Date => "date",
            Field::DescriptionEn => "description_en",
            Field::DescriptionKk => "description_kk",
            Field::DescriptionRu => "description_ru",
            Field::DisplayName => "display_name",
            Field::District => "district",
            Field::Ends => "ends",
            Field::Enrolment => "enrolment",
            Field::Form => "form",
            Field::Format => "format",
            Field::Free => "free",
            Field::FullName => "full_name",
            Field::GuardianConsent => "guardian_consent",
            Field::GuardianName => "guardian_name",
            Field::Instructor => "instructor",
            Field::Kind => "kind",
            Field::Language => "language",
            Field::Length => "length",
            Field::Login => "login",
            Field::MaxAge => "max_age",
            Field::MinAge => "min_age",
            Field::Measure => "measure",
            Field::Month => "month",
            Field::NewPassword => "new_password",
            Field::Occupation => "occupation",
            Field::OpeningHours => "opening_hours",
            Field::Page => "page",
            Field::Password => "password",
            Field::Purpose => "purpose",
            Field::Q => "q",
            Field::Quota => "quota",
            Field::Reason => "reason",
            Field::RepeatEvery => "repeat_every",
            Field::RepeatUntil => "repeat_until",
            Field::Resident => "resident",
            Field::Riasec => "riasec",
            Field::Role => "role",
            Field::Room => "room",
            Field::Search => "search",
            Field::Session => "session",
            Field::Slug => "slug",
            Field::Sort => "sort",
            Field::Starts => "starts",
            Field::Status => "status",
            Field::Time => "time",
            Field::TitleEn => "title_en",
            Field::TitleKk => "title_kk",
            Field::TitleRu => "title_ru",
            Field::Weekday => "weekday",
            Field::Week => "week",
            Field::WeeklyLimit => "weekly_limit",
            Field::Weeks => "weeks",
        }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.as_str())
    }
}

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
    #[error("invalid input in field `{}`: {problem:?}", field.as_str())]
    InvalidInput { field: Field, problem: InputProblem },
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
    /// The room is used then (pauses included) by something else: the message names it.
    #[error("the room is in use at that time")]
    RoomInUse(Box<InUse>),
}

/// What is in the way of a booking or a course session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InUse {
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub ends_at: chrono::DateTime<chrono::Utc>,
    pub by: InUseBy,
}

/// A course session names its course; a booking names its purpose only to staff of the centre
/// (residents learn that the room is booked, not by whom or why).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InUseBy {
    Booking { purpose: Option<String> },
    CourseSession { title: Option<crate::localized::Localized> },
}

impl InUse {
    /// The same clash without any text, for an error that arrived in a link anyone can craft.
    pub fn without_names(&self) -> InUse {
        let by = match self.by {
            InUseBy::Booking { .. } => InUseBy::Booking { purpose: None },
            InUseBy::CourseSession { .. } => InUseBy::CourseSession { title: None },
        };
        InUse { starts_at: self.starts_at, ends_at: self.ends_at, by }
    }
}

impl AppError {
    pub fn invalid(field: Field, problem: InputProblem) -> Self {
        AppError::InvalidInput { field, problem }
    }

    /// The same input problem reported against another form field (a shared rule, a different form).
    pub fn in_field(self, field: Field) -> Self {
        match self {
            AppError::InvalidInput { problem, .. } => AppError::invalid(field, problem),
            other => other,
        }
    }

    /// A failure of the service or the connection, not an answer about the user's request: only
    /// these are announced as "Something went wrong"; a refusal is said as its reason.
    pub fn is_failure(&self) -> bool {
        matches!(self, AppError::Unavailable | AppError::BadRequest | AppError::RequestFailed)
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
            AppError::RoomInUse(_) => 409,
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
        assert_eq!(AppError::invalid(Field::District, InputProblem::Unknown).status_code(), 400);
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
    fn only_failures_of_the_service_count_as_something_going_wrong() {
        assert!(AppError::Unavailable.is_failure());
        assert!(AppError::RequestFailed.is_failure());
        assert!(!AppError::invalid(Field::AgeForCourse, InputProblem::OutOfRange).is_failure());
        assert!(!AppError::invalid(Field::Enrolment, InputProblem::Taken).is_failure());
        assert!(!AppError::SignInFailed.is_failure());
    }

    #[test]
    fn errors_survive_the_trip_to_the_client() {
        let error = AppError::invalid(Field::District, InputProblem::TooLong);
        assert_eq!(AppError::de(error.ser()), error);
    }

    #[test]
    fn a_field_travels_under_the_name_of_its_form_input() {
        for field in Field::ALL {
            let wire = serde_json::to_string(&field).expect("JSON");
            assert_eq!(wire, format!("\"{}\"", field.as_str()));
            assert_eq!(serde_json::from_str::<Field>(&wire).ok(), Some(field));
        }
        assert!(serde_json::from_str::<Field>("\"<script>\"").is_err(), "unknown names are refused");
    }
}
