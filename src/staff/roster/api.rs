//! The roster's HTTP entry points: server functions for the page, and the CSV download, a plain
//! axum handler so the link works without WASM; each checks that the caller manages the centre.
use super::domain::Roster;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "courses/roster")]
pub async fn course_roster(course: String) -> Result<Roster, AppError> {
    let db = crate::server::database()?;
    let course = crate::staff::courses::api::course_for_staff(&db, &course).await?;
    let entries = super::store::roster(&db, course.id).await?;
    Ok(Roster {
        slug: course.slug,
        title: crate::localized::Localized::new(course.title_kk, course.title_ru, course.title_en),
        capacity: course.capacity,
        seats_taken: course.seats_taken,
        entries,
    })
}

/// Marks (or unmarks) an enrolled resident as having attended.
#[server(endpoint = "courses/mark_attended")]
pub async fn mark_attended(course: String, resident_id: i32, attended: bool) -> Result<(), AppError> {
    let db = crate::server::database()?;
    let course = crate::staff::courses::api::course_for_staff(&db, &course).await?;
    super::store::mark_attended(&db, course.id, resident_id, attended).await.or_else(crate::server::fail)
}

#[cfg(feature = "ssr")]
#[derive(serde::Deserialize)]
pub struct DownloadQuery {
    lang: Option<String>,
}

/// `GET /staff/courses/<slug>/roster.csv?lang=`: a plain download link (works without WASM), so
/// it is an axum route that checks the session itself, with the same rule as the roster page.
#[cfg(feature = "ssr")]
pub async fn roster_download(
    axum::extract::State(db): axum::extract::State<sea_orm::DatabaseConnection>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    axum::extract::Query(query): axum::extract::Query<DownloadQuery>,
    session: tower_sessions::Session,
) -> axum::response::Response {
    use crate::server::entities::course;
    use axum::http::StatusCode;
    use axum::response::IntoResponse;

    let user = match crate::accounts::auth::user_of_session(&session, &db).await {
        Ok(Some(user)) => user,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    let course = match course::Entity::by_slug(&db, &slug).await {
        Ok(course) => course,
        Err(error) => {
            return StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::NOT_FOUND).into_response();
        }
    };
    if !user.manages_centre(course.centre_id) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let locale = crate::ui::locale_from_code(query.lang.as_deref());
    let body =
        match super::store::roster(&db, course.id).await.map(|entries| super::domain::roster_csv(&entries, locale)) {
            Ok(Ok(body)) => body,
            _ => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        };
    crate::forms::spreadsheet::csv_download(&format!("roster-{}.csv", course.slug), body)
}
