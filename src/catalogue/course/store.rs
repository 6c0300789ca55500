//! The query behind a course's page.
use super::domain::{CourseDetail, SessionSlot};
use crate::error::AppError;
use crate::localized::Localized;
use crate::server::entities::{centre, course, course_category, course_session, district, room};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// `NotFound` when no course has this slug.
pub async fn course_detail<C: ConnectionTrait>(
    db: &C,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<CourseDetail, AppError> {
    // Three statements per page (course with its category, centre with its district, sessions
    // with their rooms): an uncached course page is dominated by statement round trips.
    let (course, category) = course::Entity::find_by_slug(slug)?
        .find_also_related(course_category::Entity)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some((centre, Some(district))) =
        centre::Entity::find_by_id(course.centre_id).find_also_related(district::Entity).one(db).await?
    else {
        return Err(AppError::NotFound);
    };
    let sessions = course_session::Entity::find()
        .filter(course_session::Column::CourseId.eq(course.id))
        .order_by_asc(course_session::Column::StartsAt)
        .find_also_related(room::Entity)
        .all(db)
        .await?;
    let first_session_at = sessions.first().map(|(session, _)| session.starts_at);
    let upcoming_sessions = sessions
        .into_iter()
        .filter(|(session, _)| session.ends_at > now)
        .map(|(session, room)| SessionSlot {
            starts_at: session.starts_at,
            ends_at: session.ends_at,
            room: room.map(|room| Localized::new(room.name_kk, room.name_ru, room.name_en)),
        })
        .collect();
    Ok(CourseDetail {
        id: course.id,
        slug: course.slug,
        title: Localized::new(course.title_kk, course.title_ru, course.title_en),
        description: Localized::new(course.description_kk, course.description_ru, course.description_en),
        category: category.map(|c| Localized::new(c.name_kk, c.name_ru, c.name_en)).unwrap_or_default(),
        centre_id: centre.id,
        centre_slug: centre.slug,
        centre_name: Localized::new(centre.name_kk, centre.name_ru, centre.name_en),
        centre_address: Localized::new(centre.address_kk, centre.address_ru, centre.address_en),
        district_slug: district.slug,
        district_name: Localized::new(district.name_kk, district.name_ru, district.name_en),
        language: course.language,
        format: course.format,
        min_age: course.min_age,
        max_age: course.max_age,
        capacity: course.capacity,
        seats_left: (course.capacity - course.seats_taken).max(0),
        instructor: course.instructor,
        upcoming_sessions,
        first_session_at,
    })
}
