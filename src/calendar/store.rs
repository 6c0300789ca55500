//! Calendar feed secrets and the sessions a feed lists.
use super::domain::CalendarEntry;
use crate::enrolment::domain::EnrolmentStatus;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::localized::Localized;
use crate::server::entities::{course, course_session, enrolment, resident, room};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// Past sessions stay in the feed this long, so last week's classes do not vanish from calendars.
const PAST_DAYS_IN_FEED: i64 = 30;

/// The resident's feed secret, created on first use.
pub async fn calendar_token(db: &DatabaseConnection, resident_id: i32) -> Result<String, AppError> {
    let resident = resident::Entity::find_by_id(resident_id).one(db).await?.ok_or(AppError::NotFound)?;
    if let Some(token) = resident.calendar_token.clone() {
        return Ok(token);
    }
    reset_calendar_token(db, resident_id).await
}

/// A new secret: calendars subscribed with the old URL stop receiving sessions.
pub async fn reset_calendar_token(db: &DatabaseConnection, resident_id: i32) -> Result<String, AppError> {
    let resident = resident::Entity::find_by_id(resident_id).one(db).await?.ok_or(AppError::NotFound)?;
    // 32 random bytes: unguessable, and the only key to the feed.
    let token = crate::server::secrets::url_token::<32>();
    let mut active = resident.into_active_model();
    active.calendar_token = Set(Some(token.clone()));
    active.update(db).await?;
    Ok(token)
}

/// The sessions of the courses the token's resident is enrolled in (`None` for an unknown token).
pub async fn feed_entries(
    db: &DatabaseConnection,
    token: &str,
    locale: Locale,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<Option<Vec<CalendarEntry>>, AppError> {
    let Some(resident) = resident::Entity::find().filter(resident::Column::CalendarToken.eq(token)).one(db).await?
    else {
        return Ok(None);
    };
    let course_ids: Vec<i32> = enrolment::Entity::find()
        .filter(enrolment::Column::ResidentId.eq(resident.id))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Enrolled))
        .all(db)
        .await?
        .into_iter()
        .map(|enrolment| enrolment.course_id)
        .collect();
    let (courses, centres) = course::Entity::with_centres(db, &course_ids).await?;
    let centre_ids: Vec<i32> = centres.keys().copied().collect();
    let rooms: HashMap<i32, room::Model> = room::Entity::find()
        .filter(room::Column::CentreId.is_in(centre_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|room| (room.id, room))
        .collect();
    let sessions = course_session::Entity::find()
        .filter(course_session::Column::CourseId.is_in(course_ids))
        .filter(course_session::Column::EndsAt.gte(now - Duration::days(PAST_DAYS_IN_FEED)))
        .order_by_asc(course_session::Column::StartsAt)
        .all(db)
        .await?;
    let entries = sessions
        .into_iter()
        .filter_map(|session| {
            let course = courses.get(&session.course_id)?;
            let centre = centres.get(&course.centre_id);
            let location = match (centre, session.room_id.and_then(|id| rooms.get(&id))) {
                (Some(centre), Some(room)) => format!(
                    "{}, {} — {}",
                    Localized::new(&centre.name_kk, &centre.name_ru, &centre.name_en).get(locale),
                    Localized::new(&room.name_kk, &room.name_ru, &room.name_en).get(locale),
                    Localized::new(&centre.address_kk, &centre.address_ru, &centre.address_en).get(locale),
                ),
                _ => String::new(),
            };
            Some(CalendarEntry {
                session_id: session.id,
                course_title: Localized::new(&course.title_kk, &course.title_ru, &course.title_en)
                    .get(locale)
                    .to_owned(),
                starts_at: session.starts_at,
                ends_at: session.ends_at,
                location,
                url: format!("{site_url}/courses/{}", course.slug),
            })
        })
        .collect();
    Ok(Some(entries))
}
