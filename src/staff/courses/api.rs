//! Server functions for staff course editing. Each one first establishes that the caller manages
//! the centre (its staff, or an admin), then validates the form, then writes.
use super::domain::{CourseEditor, CourseForm, SessionForm, StaffCourses};
use crate::error::AppError;
use leptos::prelude::*;

/// The course with this slug, after checking the caller manages its centre (401 / 404 / 403).
#[cfg(feature = "ssr")]
pub async fn course_for_staff(
    db: &sea_orm::DatabaseConnection,
    slug: &str,
) -> Result<crate::server::entities::course::Model, AppError> {
    // Visitors get 401 before anything is looked up; the user is loaded once.
    let user = crate::accounts::auth::require_user().await?;
    let course = match crate::server::entities::course::Entity::by_slug(db, slug).await {
        Ok(course) => course,
        Err(error) => return crate::server::fail(error),
    };
    if !user.manages_centre(course.centre_id) {
        return crate::server::fail(AppError::Forbidden);
    }
    Ok(course)
}

/// The centre the caller works with: the one asked for, else the staff member's own; admins
/// without a choice get the first centre. 401 for visitors, 403 for a centre they do not manage.
#[cfg(feature = "ssr")]
async fn centre_for_staff(
    db: &sea_orm::DatabaseConnection,
    requested: Option<String>,
) -> Result<(crate::accounts::domain::CurrentUser, crate::server::entities::centre::Model), AppError> {
    let user = crate::accounts::auth::require_user().await?;
    match crate::accounts::store::centre_managed_by(db, &user, requested.as_deref()).await {
        Ok(centre) => Ok((user, centre)),
        Err(error) => crate::server::fail(error),
    }
}

/// The courses of the caller's centre (admins: of any centre, with the list to switch).
#[server(endpoint = "staff/courses")]
pub async fn list_staff_courses(centre: Option<String>) -> Result<StaffCourses, AppError> {
    use super::store::{all_centres, centre_courses, managed_centre};
    use crate::accounts::domain::Role;
    let db = crate::server::database()?;
    let (user, centre) = centre_for_staff(&db, centre).await?;
    let other_centres = match user.role {
        Role::Admin => all_centres(&db).await?.iter().map(managed_centre).collect(),
        _ => Vec::new(),
    };
    Ok(StaffCourses {
        centre: managed_centre(&centre),
        other_centres,
        courses: centre_courses(&db, centre.id, chrono::Utc::now()).await?,
    })
}

/// What the course form needs: for a new course in `centre`, or for editing `course`.
#[server(endpoint = "staff/course_editor")]
pub async fn load_course_editor(centre: Option<String>, course: Option<String>) -> Result<CourseEditor, AppError> {
    use crate::server::entities::centre;
    use sea_orm::EntityTrait;
    let db = crate::server::database()?;
    let (centre, course) = match course.filter(|slug| !slug.is_empty()) {
        Some(slug) => {
            let course = course_for_staff(&db, &slug).await?;
            let centre = centre::Entity::find_by_id(course.centre_id).one(&db).await?.ok_or(AppError::NotFound)?;
            (centre, Some(course))
        }
        None => (centre_for_staff(&db, centre).await?.1, None),
    };
    Ok(super::store::editor(&db, &centre, course, chrono::Utc::now()).await?)
}

/// Creates a course and opens it for adding sessions.
#[server(endpoint = "staff/create_course")]
pub async fn create_course(centre: String, form: CourseForm) -> Result<(), AppError> {
    let db = crate::server::database()?;
    let (_, centre) = centre_for_staff(&db, Some(centre)).await?;
    let draft = match form.validate() {
        Ok(draft) => draft,
        Err(error) => return crate::server::fail(error),
    };
    match super::store::create_course(&db, &centre, draft, chrono::Utc::now()).await {
        Ok(slug) => {
            leptos_axum::redirect(&format!("/staff/courses/{slug}/edit"));
            Ok(())
        }
        Err(error) => crate::server::fail(error),
    }
}

/// Saves the course; returns how many residents moved from the waiting list into new seats.
#[server(endpoint = "staff/update_course")]
pub async fn update_course(course: String, form: CourseForm) -> Result<u32, AppError> {
    let db = crate::server::database()?;
    let course = course_for_staff(&db, &course).await?;
    let draft = match form.validate() {
        Ok(draft) => draft,
        Err(error) => return crate::server::fail(error),
    };
    super::store::update_course(&db, course.id, draft, chrono::Utc::now()).await.or_else(crate::server::fail)
}

/// Adds one session, or the same session for several weeks in a row; returns how many.
#[server(endpoint = "staff/add_sessions")]
pub async fn add_sessions(course: String, session: SessionForm) -> Result<u32, AppError> {
    let db = crate::server::database()?;
    let course = course_for_staff(&db, &course).await?;
    let plan = match session.validate(course.format, chrono::Utc::now()) {
        Ok(plan) => plan,
        Err(error) => return crate::server::fail(error),
    };
    super::store::add_sessions(&db, &course, plan).await.or_else(crate::server::fail)
}

#[server(endpoint = "staff/remove_session")]
pub async fn remove_session(course: String, session_id: i32) -> Result<(), AppError> {
    let db = crate::server::database()?;
    let course = course_for_staff(&db, &course).await?;
    super::store::remove_session(&db, course.id, session_id).await.or_else(crate::server::fail)
}
