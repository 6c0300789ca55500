//! Server functions of the course catalogue: public reads, no sign-in required.
use super::domain::CoursePage;
use crate::error::AppError;
use leptos::prelude::*;

/// Upcoming courses, soonest first; `page` is the raw URL parameter (validated here).
#[server(endpoint = "courses/list")]
pub async fn list_courses(page: Option<String>) -> Result<CoursePage, AppError> {
    use super::domain::{COURSES_PER_PAGE, parse_page};
    let page = match parse_page(page.as_deref()) {
        Ok(page) => page,
        Err(error) => return crate::server::fail(error),
    };
    let db = crate::server::database()?;
    Ok(super::store::upcoming_courses(&db, chrono::Utc::now(), page, COURSES_PER_PAGE).await?)
}
