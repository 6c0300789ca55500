//! Server functions of catalogue search: public reads, no sign-in required.
use super::domain::{CourseFacets, CourseSearch};
use crate::error::AppError;
use leptos::prelude::*;

/// One page of courses matching the filters in `query` (the catalogue URL's query string, e.g.
/// `district=almaly&q=домбыра`), with facet counts. Bad filter values are refused by name.
#[server(endpoint = "courses/list")]
pub async fn list_courses(query: String) -> Result<CourseSearch, AppError> {
    use super::domain::CourseFilters;
    use crate::server::fail;
    let filters = match CourseFilters::from_query_string(&query) {
        Ok(filters) => filters,
        Err(error) => return fail(error),
    };
    let db = crate::server::database()?;
    super::store::search_courses(&db, &filters, chrono::Utc::now()).await.or_else(fail)
}

/// Every category and district for the filter form's options, without counting courses (each
/// search's answer brings the counts).
#[server(endpoint = "courses/choices")]
pub async fn list_course_choices() -> Result<CourseFacets, AppError> {
    use crate::server::fail;
    let db = crate::server::database()?;
    super::store::filter_choices(&db).await.map_err(AppError::from).or_else(fail)
}
