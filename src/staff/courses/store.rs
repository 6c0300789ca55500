//! Persistence of staff course editing. Capacity changes share the enrolment lock and promotion
//! path; new sessions are checked against the room's other sessions and bookings while the room row
//! is locked, so two staff members cannot put two things into one room at once.
use super::domain::{
    Choice, CourseDraft, CourseEditor, CourseForm, EditedCourse, ManagedCentre, PlannedSession, SessionPlan,
    StaffCourseRow,
};
use crate::booking::store::{check_room_free, lock_room};
use crate::catalogue::search::domain::course_search_text;
use crate::enrolment::domain::EnrolmentStatus;
use crate::enrolment::store::{lock_course, resize_locked_course};
use crate::error::{AppError, Field, InputProblem};
use crate::forms::keys::{FORMATS, LANGUAGES, key_of};
use crate::localized::Localized;
use crate::server::entities::{centre, course, course_category, course_session, district, enrolment, room};
use crate::server::transactions::{Failure, write_transaction};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

pub fn managed_centre(centre: &centre::Model) -> ManagedCentre {
    ManagedCentre {
        slug: centre.slug.clone(),
        name: Localized::new(centre.name_kk.clone(), centre.name_ru.clone(), centre.name_en.clone()),
    }
}

/// Every centre, by English name: the admin's centre switch.
pub async fn all_centres(db: &DatabaseConnection) -> Result<Vec<centre::Model>, DbErr> {
    centre::Entity::find().order_by_asc(centre::Column::NameEn).all(db).await
}

/// The centre's courses with seats, waiting list and upcoming sessions; soonest first, then the
/// ones without upcoming sessions (finished or not planned yet).
pub async fn centre_courses(
    db: &DatabaseConnection,
    centre_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<StaffCourseRow>, DbErr> {
    let courses = course::Entity::find().filter(course::Column::CentreId.eq(centre_id)).all(db).await?;
    let ids: Vec<i32> = courses.iter().map(|course| course.id).collect();
    let waiting: HashMap<i32, i64> = enrolment::Entity::find()
        .select_only()
        .column(enrolment::Column::CourseId)
        .column_as(enrolment::Column::Id.count(), "waiting")
        .filter(enrolment::Column::CourseId.is_in(ids.clone()))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Waitlisted))
        .group_by(enrolment::Column::CourseId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let upcoming: HashMap<i32, (Option<DateTime<Utc>>, i64)> = course_session::Entity::find()
        .select_only()
        .column(course_session::Column::CourseId)
        .column_as(course_session::Column::StartsAt.min(), "next_start")
        .column_as(course_session::Column::Id.count(), "upcoming")
        .filter(course_session::Column::CourseId.is_in(ids))
        .filter(course_session::Column::StartsAt.gte(now))
        .group_by(course_session::Column::CourseId)
        .into_tuple::<(i32, Option<DateTime<Utc>>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(course_id, next, count)| (course_id, (next, count)))
        .collect();
    let mut rows: Vec<StaffCourseRow> = courses
        .into_iter()
        .map(|course| {
            let (next_session, upcoming_sessions) = upcoming.get(&course.id).copied().unwrap_or((None, 0));
            StaffCourseRow {
                waitlisted: waiting.get(&course.id).copied().unwrap_or_default().max(0) as u64,
                next_session,
                upcoming_sessions: upcoming_sessions.max(0) as u64,
                title: Localized::new(course.title_kk, course.title_ru, course.title_en),
                slug: course.slug,
                capacity: course.capacity,
                seats_taken: course.seats_taken,
            }
        })
        .collect();
    rows.sort_by(|a, b| match (a.next_session, b.next_session) {
        (Some(a_next), Some(b_next)) => a_next.cmp(&b_next),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.slug.cmp(&b.slug),
    });
    Ok(rows)
}

/// The form's choices for the centre and, when editing, the course as it is now.
pub async fn editor(
    db: &DatabaseConnection,
    centre: &centre::Model,
    course: Option<course::Model>,
    now: DateTime<Utc>,
) -> Result<CourseEditor, DbErr> {
    let categories = course_category::Entity::find().order_by_asc(course_category::Column::Slug).all(db).await?;
    let rooms = room::Entity::find()
        .filter(room::Column::CentreId.eq(centre.id))
        .order_by_asc(room::Column::NameEn)
        .all(db)
        .await?;
    let room_names: HashMap<i32, Localized> = rooms
        .iter()
        .map(|room| (room.id, Localized::new(room.name_kk.clone(), room.name_ru.clone(), room.name_en.clone())))
        .collect();
    let edited = match course {
        Some(course) => Some(edited_course(db, course, &categories, &room_names, now).await?),
        None => None,
    };
    Ok(CourseEditor {
        centre: managed_centre(centre),
        categories: categories
            .into_iter()
            .map(|category| Choice {
                value: category.slug,
                label: Localized::new(category.name_kk, category.name_ru, category.name_en),
            })
            .collect(),
        rooms: rooms
            .iter()
            .map(|room| Choice { value: room.id.to_string(), label: room_names[&room.id].clone() })
            .collect(),
        course: edited,
    })
}

async fn edited_course(
    db: &DatabaseConnection,
    course: course::Model,
    categories: &[course_category::Model],
    room_names: &HashMap<i32, Localized>,
    now: DateTime<Utc>,
) -> Result<EditedCourse, DbErr> {
    let sessions = course_session::Entity::find()
        .filter(course_session::Column::CourseId.eq(course.id))
        .order_by_asc(course_session::Column::StartsAt)
        .all(db)
        .await?;
    let (past, upcoming): (Vec<_>, Vec<_>) = sessions.into_iter().partition(|session| session.starts_at < now);
    let category = categories.iter().find(|category| category.id == course.category_id);
    Ok(EditedCourse {
        form: CourseForm {
            category: category.map(|category| category.slug.clone()).unwrap_or_default(),
            title_kk: course.title_kk,
            title_ru: course.title_ru,
            title_en: course.title_en,
            description_kk: course.description_kk,
            description_ru: course.description_ru,
            description_en: course.description_en,
            language: key_of(course.language, &LANGUAGES).into(),
            format: key_of(course.format, &FORMATS).into(),
            min_age: course.min_age.to_string(),
            max_age: course.max_age.to_string(),
            capacity: course.capacity.to_string(),
            instructor: course.instructor,
            riasec: course.riasec,
            late_enrolment: course.late_enrolment_allowed.then(|| "on".to_owned()),
        },
        slug: course.slug,
        format: course.format,
        seats_taken: course.seats_taken,
        upcoming_sessions: upcoming
            .into_iter()
            .map(|session| PlannedSession {
                id: session.id,
                starts_at: session.starts_at,
                ends_at: session.ends_at,
                room: session.room_id.and_then(|id| room_names.get(&id).cloned()),
            })
            .collect(),
        past_sessions: past.len() as u64,
    })
}

async fn category_id<C: ConnectionTrait>(conn: &C, slug: &str) -> Result<i32, Failure> {
    course_category::Entity::find()
        .filter(course_category::Column::Slug.eq(slug))
        .one(conn)
        .await?
        .map(|category| category.id)
        .ok_or(Failure::Refused(AppError::invalid(Field::Category, InputProblem::Unknown)))
}

async fn free_slug<C: ConnectionTrait>(conn: &C, base: &str) -> Result<String, DbErr> {
    let taken: Vec<String> = course::Entity::find()
        .select_only()
        .column(course::Column::Slug)
        .filter(course::Column::Slug.starts_with(base))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(std::iter::once(base.to_owned())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_else(|| base.to_owned()))
}

/// Creates the course in the centre; returns its slug. A concurrent create of the same title hits
/// the unique slug and is retried with the next free one.
pub async fn create_course(
    db: &DatabaseConnection,
    centre: &centre::Model,
    draft: CourseDraft,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let district_slug = district::Entity::find_by_id(centre.district_id)
        .one(db)
        .await?
        .map(|district| district.slug)
        .unwrap_or_else(|| centre.slug.clone());
    let base = draft.base_slug(&district_slug);
    let centre_id = centre.id;
    write_transaction(db, move |txn| {
        let draft = draft.clone();
        let base = base.clone();
        Box::pin(async move {
            let category_id = category_id(txn, &draft.category_slug).await?;
            let slug = free_slug(txn, &base).await?;
            let mut row = course::ActiveModel {
                slug: Set(slug.clone()),
                centre_id: Set(centre_id),
                seats_taken: Set(0),
                created_at: Set(now),
                ..Default::default()
            };
            apply_draft(&mut row, draft, category_id);
            row.insert(txn).await.map_err(Failure::rerun_if_taken)?;
            Ok(slug)
        })
    })
    .await
}

fn apply_draft(row: &mut course::ActiveModel, draft: CourseDraft, category_id: i32) {
    row.search_text = Set(course_search_text(&draft.title, &draft.description));
    row.category_id = Set(category_id);
    row.title_kk = Set(draft.title.kk);
    row.title_ru = Set(draft.title.ru);
    row.title_en = Set(draft.title.en);
    row.description_kk = Set(draft.description.kk);
    row.description_ru = Set(draft.description.ru);
    row.description_en = Set(draft.description.en);
    row.language = Set(draft.language);
    row.format = Set(draft.format);
    row.min_age = Set(draft.min_age);
    row.max_age = Set(draft.max_age);
    row.capacity = Set(draft.capacity);
    row.instructor = Set(draft.instructor);
    row.riasec = Set(draft.riasec);
    row.late_enrolment_allowed = Set(draft.late_enrolment_allowed);
}

/// Saves the edited course in one transaction under the course lock; a raised capacity moves
/// residents from the waiting list into the new seats. Returns how many were promoted.
pub async fn update_course(
    db: &DatabaseConnection,
    course_id: i32,
    draft: CourseDraft,
    now: DateTime<Utc>,
) -> Result<u32, AppError> {
    write_transaction(db, move |txn| {
        let draft = draft.clone();
        Box::pin(async move {
            let course = lock_course(txn, course_id).await?;
            let category_id = category_id(txn, &draft.category_slug).await?;
            let promoted = resize_locked_course(txn, &course, draft.capacity, now).await?;
            let mut row = course.into_active_model();
            apply_draft(&mut row, draft, category_id);
            row.update(txn).await?;
            Ok(promoted)
        })
    })
    .await
}

/// Adds the planned sessions to the course. A room must belong to the course's centre and be free
/// (with its pause between uses) of other sessions and of pending or confirmed bookings.
pub async fn add_sessions(db: &DatabaseConnection, course: &course::Model, plan: SessionPlan) -> Result<u32, AppError> {
    let (course_id, centre_id) = (course.id, course.centre_id);
    write_transaction(db, move |txn| {
        let plan = plan.clone();
        Box::pin(async move {
            lock_course(txn, course_id).await?;
            if let Some(room_id) = plan.room_id {
                // Locks the room: a booking or another session for it waits here until this is done.
                let room = lock_room(txn, room_id).await?;
                let room = room
                    .filter(|room| room.centre_id == centre_id)
                    .ok_or(Failure::Refused(AppError::invalid(Field::Room, InputProblem::Unknown)))?;
                check_room_free(txn, &room, &plan.slots, true).await?;
            }
            let rows = plan.slots.iter().map(|(starts_at, ends_at)| {
                course_session::ActiveModel::scheduled(course_id, plan.room_id, *starts_at, *ends_at)
            });
            course_session::Entity::insert_many(rows).exec(txn).await?;
            Ok(plan.slots.len() as u32)
        })
    })
    .await
}

/// Removes one session of the course; `NotFound` when it is not this course's.
pub async fn remove_session(db: &DatabaseConnection, course_id: i32, session_id: i32) -> Result<(), AppError> {
    let result = course_session::Entity::delete_many()
        .filter(course_session::Column::Id.eq(session_id))
        .filter(course_session::Column::CourseId.eq(course_id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
