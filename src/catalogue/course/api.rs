//! Server functions of one course: its public page.
use super::domain::CourseDetail;
use crate::error::AppError;
use leptos::prelude::*;

/// The course's page data; `NotFound` for a malformed or unknown slug.
#[server(endpoint = "courses/get")]
pub async fn get_course(slug: String) -> Result<CourseDetail, AppError> {
    let db = crate::server::database()?;
    super::store::course_detail(&db, &slug, chrono::Utc::now()).await.or_else(crate::server::fail)
}
