//! Server functions of catalogue search: public reads, no sign-in required.
use super::domain::CourseSearch;
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
