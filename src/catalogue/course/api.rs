//! Server functions of one course: its public page.
use super::detail::CourseDetail;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "courses/get")]
pub async fn get_course(slug: String) -> Result<CourseDetail, AppError> {
    use crate::server::fail;
    let slug = match crate::centres::domain::parse_slug("slug", Some(&slug)) {
        Ok(Some(slug)) => slug,
        Ok(None) | Err(_) => return fail(AppError::NotFound),
    };
    let db = crate::server::database()?;
    match super::detail_store::course_detail(&db, &slug, chrono::Utc::now()).await? {
        Some(detail) => Ok(detail),
        None => fail(AppError::NotFound),
    }
}
