//! Server functions of enrolment: residents enrol, cancel and see their courses; each acts only on
//! the caller's own resident record.
use super::domain::{EnrolmentStatus, MyEnrolment};
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's own place in one course, for the course page's Enrol/Cancel button.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PlaceInCourse {
    /// Visitors and colleagues: the page invites them to sign in as a resident.
    NotAResident,
    NotEnrolled,
    Enrolled,
    Waitlisted {
        place: u32,
    },
}

#[cfg(feature = "ssr")]
async fn course_id_by_slug(db: &sea_orm::DatabaseConnection, slug: &str) -> Result<i32, AppError> {
    Ok(crate::server::entities::course::Entity::by_slug(db, slug).await?.id)
}

/// The signed-in resident's record id; 401 for visitors, 403 for other roles.
#[cfg(feature = "ssr")]
async fn calling_resident(db: &sea_orm::DatabaseConnection) -> Result<i32, AppError> {
    use crate::accounts::{auth::require_role, domain::Role};
    let user = require_role(&[Role::Resident]).await?;
    match crate::server::entities::resident::Entity::of_account(db, user.id).await {
        Ok(resident) => Ok(resident.id),
        Err(error) => crate::server::fail(error),
    }
}

#[server(endpoint = "courses/my_place")]
pub async fn my_place(course: String) -> Result<PlaceInCourse, AppError> {
    use crate::accounts::{auth::current_user, domain::Role};
    let db = crate::server::database()?;
    if let Err(error) = course_id_by_slug(&db, &course).await {
        return crate::server::fail(error);
    }
    let Some(user) = current_user().await?.filter(|user| user.role == Role::Resident) else {
        return Ok(PlaceInCourse::NotAResident);
    };
    let resident_id = crate::server::entities::resident::Entity::of_account(&db, user.id).await?.id;
    let mine = super::store::my_enrolments(&db, resident_id, chrono::Utc::now()).await?;
    Ok(match mine.into_iter().find(|enrolment| enrolment.course_slug == course.trim()) {
        Some(MyEnrolment { status: EnrolmentStatus::Enrolled, .. }) => PlaceInCourse::Enrolled,
        Some(MyEnrolment { status: EnrolmentStatus::Waitlisted, waitlist_place, .. }) => {
            PlaceInCourse::Waitlisted { place: waitlist_place.unwrap_or(1) }
        }
        _ => PlaceInCourse::NotEnrolled,
    })
}

/// Enrols the caller, or puts them on the waitlist when the course is full.
#[server(endpoint = "courses/enrol")]
pub async fn enrol(course: String) -> Result<EnrolmentStatus, AppError> {
    let db = crate::server::database()?;
    let resident_id = calling_resident(&db).await?;
    let result = match course_id_by_slug(&db, &course).await {
        Ok(course_id) => super::store::enrol(&db, course_id, resident_id, chrono::Utc::now()).await,
        Err(error) => Err(error),
    };
    result.or_else(crate::server::fail)
}

/// Gives up the caller's seat or waitlist place; a freed seat goes to the first in the queue.
#[server(endpoint = "courses/cancel")]
pub async fn cancel_enrolment(course: String) -> Result<(), AppError> {
    let db = crate::server::database()?;
    let resident_id = calling_resident(&db).await?;
    let result = match course_id_by_slug(&db, &course).await {
        Ok(course_id) => super::store::cancel(&db, course_id, resident_id, chrono::Utc::now()).await,
        Err(error) => Err(error),
    };
    result.or_else(crate::server::fail)
}

/// The caller's courses with upcoming sessions, enrolled and waitlisted.
#[server(endpoint = "courses/mine")]
pub async fn my_courses() -> Result<Vec<MyEnrolment>, AppError> {
    let db = crate::server::database()?;
    let resident_id = calling_resident(&db).await?;
    super::store::my_enrolments(&db, resident_id, chrono::Utc::now()).await
}
