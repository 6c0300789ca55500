//! Server functions of the questionnaire: save a finished sheet, a result by its share link, the
//! caller's past results, and the mentor's tools (find a resident of their centre, the centre's
//! sessions); plus the sessions CSV, a plain download link.
// `save_quiz` takes one argument per field of the plain HTML form, and the client stub the server
// macro generates for it cannot carry an item-level allow.
#![allow(clippy::too_many_arguments)]
use super::domain::{PastResult, QuizResult, SessionsReport, VisitorCandidate};
use crate::error::AppError;
use leptos::prelude::*;

/// The key of the browser's saved answers, sent along so the result page can forget them once the
/// result is stored: `quiz-` and a few URL-safe characters, nothing else.
pub fn is_storage_key(key: &str) -> bool {
    key.starts_with("quiz-")
        && key.len() <= 48
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The signed-in mentor (stakeholder role) and their centre; 401 for visitors, 403 for others.
#[cfg(feature = "ssr")]
async fn calling_mentor() -> Result<(crate::accounts::domain::CurrentUser, i32), AppError> {
    use crate::accounts::{auth::require_role, domain::Role};
    let user = require_role(&[Role::Stakeholder]).await?;
    match user.centre_id {
        Some(centre_id) => Ok((user, centre_id)),
        None => crate::server::fail(AppError::Forbidden),
    }
}

/// Checks, scores and stores a finished answer sheet, then opens its result page.
///
/// Who it is saved for follows from the caller: a signed-in resident's own result is saved to
/// them; a mentor names a resident of their centre (`resident`, with the resident's `consent`
/// ticked on screen) or records an anonymous visit (`district`, `age_band`, `occupation`); anyone
/// else's result is anonymous. Nothing else is trusted: no mentor or centre id is taken from the
/// request. Every refusal writes nothing.
#[server(endpoint = "quiz/save")]
pub async fn save_quiz(
    form: String,
    answers: String,
    resident: Option<String>,
    consent: Option<String>,
    district: Option<String>,
    age_band: Option<String>,
    occupation: Option<String>,
    storage: Option<String>,
) -> Result<String, AppError> {
    use super::domain::{parse_age_band, parse_answers, parse_form, parse_resident_id, score_sheet};
    use super::store::Owner;
    use crate::accounts::{auth::current_user, domain::Role};
    use crate::error::{Field, InputProblem};
    use crate::server::fail;

    // The sheet first: a 10,000-answer body is refused before anything is looked up.
    let sheet = match parse_form(Some(&form)).and_then(|form| score_sheet(form, &parse_answers(&answers)?)) {
        Ok(sheet) => sheet,
        Err(error) => return fail(error),
    };
    let db = crate::server::database()?;
    let given =
        |value: &Option<String>| value.as_deref().map(str::trim).filter(|value| !value.is_empty()).map(str::to_owned);
    let (resident, district, age_band, occupation) =
        (given(&resident), given(&district), given(&age_band), given(&occupation));
    let owner = if let Some(resident) = resident {
        let (mentor, centre_id) = calling_mentor().await?;
        let resident_id = match parse_resident_id(&resident) {
            Ok(id) => id,
            Err(error) => return fail(error),
        };
        if let Err(error) = super::store::visitor_of_centre(&db, centre_id, resident_id).await {
            return fail(error);
        }
        if !crate::forms::checkbox::is_ticked(&consent) {
            return fail(AppError::invalid(Field::Consent, InputProblem::Missing));
        }
        Owner::MentorWithResident { stakeholder_id: mentor.id, centre_id, resident_id }
    } else if district.is_some() || age_band.is_some() || occupation.is_some() {
        let (mentor, centre_id) = calling_mentor().await?;
        let district = match district {
            Some(slug) => match super::store::district_id(&db, &slug).await? {
                Some(district) => district,
                None => return fail(AppError::invalid(Field::District, InputProblem::Unknown)),
            },
            None => return fail(AppError::invalid(Field::District, InputProblem::Missing)),
        };
        let age_band = match parse_age_band(age_band.as_deref()) {
            Ok(band) => band,
            Err(error) => return fail(error),
        };
        let occupation = match occupation.as_deref().map(crate::residents::domain::Occupation::from_slug) {
            Some(Some(occupation)) => occupation,
            Some(None) => return fail(AppError::invalid(Field::Occupation, InputProblem::Unknown)),
            None => return fail(AppError::invalid(Field::Occupation, InputProblem::Missing)),
        };
        Owner::MentorWithVisit {
            stakeholder_id: mentor.id,
            centre_id,
            district_id: district.id,
            age_band,
            occupation: occupation.slug().to_owned(),
        }
    } else {
        match current_user().await? {
            Some(user) if user.role == Role::Resident => {
                match crate::server::entities::resident::Entity::of_account(&db, user.id).await {
                    Ok(resident) => Owner::Resident { resident_id: resident.id },
                    Err(error) => return fail(error),
                }
            }
            _ => Owner::Nobody,
        }
    };
    let token = match super::store::save(&db, sheet, owner, chrono::Utc::now()).await {
        Ok(token) => token,
        Err(error) => return fail(error),
    };
    let saved = storage.filter(|key| is_storage_key(key)).map(|key| format!("?saved={key}")).unwrap_or_default();
    leptos_axum::redirect(&format!("/quiz/result/{token}{saved}"));
    Ok(token)
}

/// A result by its share link: scores, code, professions and courses; nothing personal.
#[server(endpoint = "quiz/result")]
pub async fn get_quiz_result(token: String) -> Result<QuizResult, AppError> {
    let db = crate::server::database()?;
    let mut result = match super::store::result_by_token(&db, token.trim(), chrono::Utc::now()).await {
        Ok(result) => result,
        Err(error) => return crate::server::fail(error),
    };
    // The cards act for whoever views the page: a resident the server would refuse is told why.
    let slugs: Vec<String> = result.courses.iter().map(|course| course.slug.clone()).collect();
    let refusals = crate::enrolment::api::caller_refusals(&slugs).await?;
    for (course, refusal) in result.courses.iter_mut().zip(refusals) {
        course.viewer_refusal = refusal;
    }
    Ok(result)
}

/// The caller's own past results, newest first; `None` for colleagues, who have no resident record.
#[server(endpoint = "quiz/mine")]
pub async fn my_quiz_results() -> Result<Option<Vec<PastResult>>, AppError> {
    use crate::accounts::{auth::require_user, domain::Role};
    let user = require_user().await?;
    if user.role != Role::Resident {
        return Ok(None);
    }
    let db = crate::server::database()?;
    let resident = crate::server::entities::resident::Entity::of_account(&db, user.id).await?;
    super::store::past_results(&db, resident.id).await.map(Some)
}

/// Residents of the mentor's centre whose name, phone or card number contains `search`.
#[server(endpoint = "quiz/find_visitors")]
pub async fn find_visitors(search: String) -> Result<Vec<VisitorCandidate>, AppError> {
    use crate::error::{Field, InputProblem};
    let (_, centre_id) = calling_mentor().await?;
    if search.len() > 100 {
        return crate::server::fail(AppError::invalid(Field::Search, InputProblem::TooLong));
    }
    let db = crate::server::database()?;
    super::store::find_visitors(&db, centre_id, &search).await
}

/// The name of a resident of the mentor's centre, for the consent question; 404 for anyone else.
#[server(endpoint = "quiz/visitor")]
pub async fn quiz_visitor(resident: String) -> Result<String, AppError> {
    let (_, centre_id) = calling_mentor().await?;
    let resident_id = match super::domain::parse_resident_id(&resident) {
        Ok(id) => id,
        Err(error) => return crate::server::fail(error),
    };
    let db = crate::server::database()?;
    match super::store::visitor_of_centre(&db, centre_id, resident_id).await {
        Ok(resident) => Ok(resident.full_name),
        Err(error) => crate::server::fail(error),
    }
}

/// The sessions report a caller may see: a mentor their centre's; an admin a district's (`district`)
/// or the whole city's.
#[cfg(feature = "ssr")]
async fn report_scope(
    db: &sea_orm::DatabaseConnection,
    user: Option<crate::accounts::domain::CurrentUser>,
    district: Option<&str>,
) -> Result<super::store::Scope, AppError> {
    use super::store::Scope;
    use crate::accounts::domain::Role;
    use crate::error::{Field, InputProblem};
    let user = user.ok_or(AppError::Unauthenticated)?;
    match (user.role, user.centre_id) {
        (Role::Stakeholder, Some(centre_id)) => Ok(Scope::Centre(centre_id)),
        (Role::Admin, _) => match district.map(str::trim).filter(|slug| !slug.is_empty()) {
            None => Ok(Scope::City),
            Some(slug) => match super::store::district_id(db, slug).await? {
                Some(district) => Ok(Scope::District(district.id)),
                None => Err(AppError::invalid(Field::District, InputProblem::Unknown)),
            },
        },
        _ => Err(AppError::Forbidden),
    }
}

#[server(endpoint = "quiz/sessions")]
pub async fn quiz_sessions(district: Option<String>) -> Result<SessionsReport, AppError> {
    let db = crate::server::database()?;
    let user = crate::accounts::auth::current_user().await?;
    let scope = match report_scope(&db, user, district.as_deref()).await {
        Ok(scope) => scope,
        Err(error) => return crate::server::fail(error),
    };
    super::store::sessions_report(&db, scope, chrono::Utc::now()).await
}

#[cfg(feature = "ssr")]
#[derive(serde::Deserialize)]
pub struct DownloadQuery {
    district: Option<String>,
    lang: Option<String>,
}

/// `GET /quiz/sessions.csv?district=&lang=`: the sessions report as a spreadsheet, a plain link
/// (works without WASM) with the same rule as the report page.
#[cfg(feature = "ssr")]
pub async fn sessions_download(
    axum::extract::State(db): axum::extract::State<sea_orm::DatabaseConnection>,
    axum::extract::Query(query): axum::extract::Query<DownloadQuery>,
    session: tower_sessions::Session,
) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;

    let user = match crate::accounts::auth::user_of_session(&session, &db).await {
        Ok(user) => user,
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    let scope = match report_scope(&db, user, query.district.as_deref()).await {
        Ok(scope) => scope,
        Err(error) => {
            return StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::BAD_REQUEST).into_response();
        }
    };
    let locale = crate::ui::locale_from_code(query.lang.as_deref());
    let body = match super::store::sessions_report(&db, scope, chrono::Utc::now()).await {
        Ok(report) => match super::domain::sessions_csv(&report.sessions, locale) {
            Ok(body) => body,
            Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        },
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    crate::forms::spreadsheet::csv_download("quiz-sessions.csv", body)
}
