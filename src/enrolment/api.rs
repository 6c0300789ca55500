//! Server functions of enrolment: residents enrol, cancel and see their courses; each acts only on
//! the caller's own resident record.
use super::domain::{EnrolmentRefusal, EnrolmentStatus, MyEnrolment};
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's own place in one course, for the course page's Enrol/Cancel button.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PlaceInCourse {
    /// Visitors and colleagues: the page invites them to sign in as a resident.
    NotAResident,
    NotEnrolled,
    /// No place, and the server would refuse one now (too old, course started…): the page says why
    /// instead of offering a button.
    Refused(EnrolmentRefusal),
    Enrolled,
    Waitlisted {
        place: u32,
    },
}

#[cfg(feature = "ssr")]
impl PlaceInCourse {
    fn of(enrolment: &MyEnrolment) -> Self {
        match enrolment.status {
            EnrolmentStatus::Enrolled => PlaceInCourse::Enrolled,
            EnrolmentStatus::Waitlisted => PlaceInCourse::Waitlisted { place: enrolment.waitlist_place.unwrap_or(1) },
            EnrolmentStatus::Cancelled => PlaceInCourse::NotEnrolled,
        }
    }
}

/// The caller's places in every course at once, for pages listing several courses with an Enrol
/// button each (the questionnaire's result). Only ever the caller's own places.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CoursePlaces {
    /// Visitors and colleagues: such pages invite them to sign in as a resident.
    NotAResident,
    /// A resident's active places (a seat or a waiting-list place) by course slug.
    Resident(Vec<(String, PlaceInCourse)>),
}

impl CoursePlaces {
    /// The caller's place in the course `slug`.
    pub fn place(&self, slug: &str) -> PlaceInCourse {
        match self {
            CoursePlaces::NotAResident => PlaceInCourse::NotAResident,
            CoursePlaces::Resident(places) => places
                .iter()
                .find(|(course, _)| course == slug)
                .map_or(PlaceInCourse::NotEnrolled, |(_, place)| place.clone()),
        }
    }
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

/// For a signed-in resident, why `enrol` would refuse them each of `slugs` now (`None`: it would
/// not, or they already hold a place, which `my_places` shows); all `None` for anyone else.
#[cfg(feature = "ssr")]
pub async fn caller_refusals(slugs: &[String]) -> Result<Vec<Option<EnrolmentRefusal>>, AppError> {
    use crate::accounts::{auth::current_user, domain::Role};
    let Some(user) = current_user().await?.filter(|user| user.role == Role::Resident) else {
        return Ok(vec![None; slugs.len()]);
    };
    let db = crate::server::database()?;
    let resident_id = crate::server::entities::resident::Entity::of_account(&db, user.id).await?.id;
    let now = chrono::Utc::now();
    let mut refusals = Vec::with_capacity(slugs.len());
    for slug in slugs {
        let course_id = course_id_by_slug(&db, slug).await?;
        refusals.push(match super::store::eligibility(&db, course_id, resident_id, now).await? {
            Err(EnrolmentRefusal::AlreadyActive(_)) | Ok(()) => None,
            Err(refusal) => Some(refusal),
        });
    }
    Ok(refusals)
}

/// The caller's place in `course`; `NotAResident` (not an error) for visitors and colleagues,
/// whatever the course, and 404 for a resident asking about a course that does not exist.
#[server(endpoint = "courses/my_place")]
pub async fn my_place(course: String) -> Result<PlaceInCourse, AppError> {
    use crate::accounts::{auth::current_user, domain::Role};
    // Who is asking comes first: most course pages are opened by visitors, who read nothing here.
    let Some(user) = current_user().await?.filter(|user| user.role == Role::Resident) else {
        return Ok(PlaceInCourse::NotAResident);
    };
    let db = crate::server::database()?;
    let course_id = match course_id_by_slug(&db, &course).await {
        Ok(course_id) => course_id,
        Err(error) => return crate::server::fail(error),
    };
    let resident_id = crate::server::entities::resident::Entity::of_account(&db, user.id).await?.id;
    let now = chrono::Utc::now();
    let mine = super::store::my_enrolments(&db, resident_id, now).await?;
    if let Some(enrolment) = mine.iter().find(|enrolment| enrolment.course_slug == course.trim()) {
        return Ok(PlaceInCourse::of(enrolment));
    }
    Ok(match super::store::eligibility(&db, course_id, resident_id, now).await? {
        Ok(()) => PlaceInCourse::NotEnrolled,
        Err(refusal) => PlaceInCourse::Refused(refusal),
    })
}

/// The caller's own places in all their courses; `NotAResident` (not an error) for visitors and
/// colleagues, so a page that anyone may open can ask it while it renders.
#[server(endpoint = "courses/my_places")]
pub async fn my_places() -> Result<CoursePlaces, AppError> {
    use crate::accounts::{auth::current_user, domain::Role};
    let db = crate::server::database()?;
    let Some(user) = current_user().await?.filter(|user| user.role == Role::Resident) else {
        return Ok(CoursePlaces::NotAResident);
    };
    let resident_id = crate::server::entities::resident::Entity::of_account(&db, user.id).await?.id;
    let mine = super::store::my_enrolments(&db, resident_id, chrono::Utc::now()).await?;
    Ok(CoursePlaces::Resident(
        mine.iter().map(|enrolment| (enrolment.course_slug.clone(), PlaceInCourse::of(enrolment))).collect(),
    ))
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
    if let Ok(status) = &result {
        let status = if *status == EnrolmentStatus::Enrolled { "enrolled" } else { "waitlisted" };
        metrics::counter!(crate::server::metrics::ENROLMENTS_MADE, "status" => status).increment(1);
    }
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
