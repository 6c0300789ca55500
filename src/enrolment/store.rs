//! Enrolment persistence. Every change runs in one transaction that first locks the course row, so
//! seats, queue positions and promotions of one course change one request at a time; the seat
//! itself is only ever taken by a conditional UPDATE, backed by the `seats_taken <= capacity` CHECK.
use super::domain::{
    CourseTerms, EnrolmentRefusal, EnrolmentStatus, MyEnrolment, WaitlistedEntry, check_eligibility,
    check_new_capacity, outcome, promotion_order, waitlist_place,
};
use crate::error::AppError;
use crate::localized::Localized;
use crate::server::entities::{course, course_session, enrolment, resident};
use crate::server::transactions::{Failure, write_transaction};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashMap;

/// Upcoming sessions shown per course on "My courses".
const NEXT_SESSIONS_SHOWN: usize = 3;
/// The statuses that hold a seat or a place in the queue.
pub const ACTIVE: [EnrolmentStatus; 2] = [EnrolmentStatus::Enrolled, EnrolmentStatus::Waitlisted];

/// Enrols the resident, or puts them on the waitlist when every seat is taken. A resident who
/// cancelled earlier may enrol again, at the back of the queue.
pub async fn enrol(
    db: &DatabaseConnection,
    course_id: i32,
    resident_id: i32,
    now: DateTime<Utc>,
) -> Result<EnrolmentStatus, AppError> {
    write_transaction(db, move |txn| Box::pin(enrol_in(txn, course_id, resident_id, now))).await
}

/// Cancels the resident's enrolment or waitlist place; a freed seat goes to the first in the queue.
pub async fn cancel(
    db: &DatabaseConnection,
    course_id: i32,
    resident_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    write_transaction(db, move |txn| {
        Box::pin(async move {
            match cancel_active(txn, course_id, resident_id, now).await? {
                true => Ok(()),
                false => Err(Failure::Refused(AppError::NotFound)),
            }
        })
    })
    .await
}

/// Cancels every active enrolment of the resident, promoting from each waitlist; for account
/// deletion, inside the caller's transaction (not retried here: the caller owns the transaction).
pub async fn release_all_for_resident<C: ConnectionTrait>(
    conn: &C,
    resident_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut course_ids: Vec<i32> = enrolment::Entity::find()
        .select_only()
        .column(enrolment::Column::CourseId)
        .filter(enrolment::Column::ResidentId.eq(resident_id))
        .filter(enrolment::Column::Status.is_in(ACTIVE))
        .into_tuple()
        .all(conn)
        .await?;
    // Courses are locked in ascending id order, so two multi-course releases cannot deadlock.
    course_ids.sort_unstable();
    for course_id in course_ids {
        cancel_active(conn, course_id, resident_id, now).await?;
    }
    Ok(())
}

/// Staff change a course's capacity; new seats go to the waitlist in order. Returns how many
/// residents were promoted. Capacity below the seats already taken is refused.
pub async fn set_capacity(
    db: &DatabaseConnection,
    course_id: i32,
    new_capacity: i32,
    now: DateTime<Utc>,
) -> Result<u32, AppError> {
    write_transaction(db, move |txn| {
        Box::pin(async move {
            let course = lock_course(txn, course_id).await?;
            resize_locked_course(txn, &course, new_capacity, now).await
        })
    })
    .await
}

/// The capacity step of [`set_capacity`] for a transaction that already holds the course lock
/// (the course editor saves the other fields in the same transaction).
pub(crate) async fn resize_locked_course<C: ConnectionTrait>(
    conn: &C,
    course: &course::Model,
    new_capacity: i32,
    now: DateTime<Utc>,
) -> Result<u32, Failure> {
    check_new_capacity(new_capacity, course.seats_taken)?;
    course::Entity::update_many()
        .col_expr(course::Column::Capacity, Expr::value(new_capacity))
        .filter(course::Column::Id.eq(course.id))
        .exec(conn)
        .await?;
    Ok(promote_into_free_seats(conn, course.id, now).await?)
}

/// The resident's active enrolments, soonest next session first.
pub async fn my_enrolments(
    db: &DatabaseConnection,
    resident_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<MyEnrolment>, AppError> {
    let rows = enrolment::Entity::find()
        .filter(enrolment::Column::ResidentId.eq(resident_id))
        .filter(enrolment::Column::Status.is_in(ACTIVE))
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let course_ids: Vec<i32> = rows.iter().map(|row| row.course_id).collect();
    let (courses, centres) = course::Entity::with_centres(db, &course_ids).await?;
    let mut waitlists: HashMap<i32, Vec<i32>> = HashMap::new();
    let waitlisted_in: Vec<i32> =
        rows.iter().filter(|row| row.status == EnrolmentStatus::Waitlisted).map(|row| row.course_id).collect();
    if !waitlisted_in.is_empty() {
        let queue: Vec<(i32, i32)> = enrolment::Entity::find()
            .select_only()
            .columns([enrolment::Column::CourseId, enrolment::Column::Position])
            .filter(enrolment::Column::CourseId.is_in(waitlisted_in))
            .filter(enrolment::Column::Status.eq(EnrolmentStatus::Waitlisted))
            .into_tuple()
            .all(db)
            .await?;
        for (course_id, position) in queue {
            waitlists.entry(course_id).or_default().push(position);
        }
    }
    let mut sessions: HashMap<i32, Vec<DateTime<Utc>>> = HashMap::new();
    // Ongoing sessions count as "next": a resident opening the page mid-class still sees it.
    let upcoming: Vec<(i32, DateTime<Utc>)> = course_session::Entity::find()
        .select_only()
        .columns([course_session::Column::CourseId, course_session::Column::StartsAt])
        .filter(course_session::Column::CourseId.is_in(course_ids))
        .filter(course_session::Column::EndsAt.gt(now))
        .order_by_asc(course_session::Column::StartsAt)
        .into_tuple()
        .all(db)
        .await?;
    for (course_id, starts_at) in upcoming {
        let starts = sessions.entry(course_id).or_default();
        if starts.len() < NEXT_SESSIONS_SHOWN {
            starts.push(starts_at);
        }
    }

    let mut list: Vec<MyEnrolment> = rows
        .into_iter()
        .filter_map(|row| {
            let course = courses.get(&row.course_id)?;
            let centre = centres.get(&course.centre_id)?;
            let waitlist_place = (row.status == EnrolmentStatus::Waitlisted).then(|| {
                waitlist_place(waitlists.get(&row.course_id).map(Vec::as_slice).unwrap_or_default(), row.position)
            });
            Some(MyEnrolment {
                course_slug: course.slug.clone(),
                course_title: Localized::new(&course.title_kk, &course.title_ru, &course.title_en),
                centre_name: Localized::new(&centre.name_kk, &centre.name_ru, &centre.name_en),
                status: row.status,
                waitlist_place,
                next_sessions: sessions.remove(&row.course_id).unwrap_or_default(),
            })
        })
        .collect();
    // Courses with no session left go last.
    list.sort_by_key(|entry| {
        (entry.next_sessions.is_empty(), entry.next_sessions.first().copied(), entry.course_slug.clone())
    });
    Ok(list)
}

/// When a course's first session starts and its last one ends (`None` while it has no sessions).
type Schedule = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

async fn enrol_in<C: ConnectionTrait>(
    conn: &C,
    course_id: i32,
    resident_id: i32,
    now: DateTime<Utc>,
) -> Result<EnrolmentStatus, Failure> {
    let course = lock_course(conn, course_id).await?;
    let (terms, birth_date, existing) = enrolment_facts(conn, &course, resident_id).await?;
    check_eligibility(&terms, birth_date, existing.as_ref().map(|row| row.status), now).map_err(AppError::from)?;

    let status = outcome(claim_seats(conn, course_id, 1).await?);
    let position = next_position(conn, course_id).await?;
    match existing {
        // A cancelled row is reused (one row per resident and course) and joins the back of the queue.
        Some(cancelled) => {
            let mut row: enrolment::ActiveModel = cancelled.into();
            row.status = Set(status);
            row.position = Set(position);
            row.requested_at = Set(now);
            row.updated_at = Set(now);
            row.attended = Set(false);
            row.update(conn).await?;
        }
        None => {
            let row = enrolment::ActiveModel {
                course_id: Set(course_id),
                resident_id: Set(resident_id),
                status: Set(status),
                position: Set(position),
                requested_at: Set(now),
                updated_at: Set(now),
                attended: Set(false),
                ..Default::default()
            };
            enrolment::Entity::insert(row).exec(conn).await?;
        }
    }
    Ok(status)
}

/// What the eligibility rule reads about a course and a resident: the course's terms, the
/// resident's birth date and their row in the course, if any.
async fn enrolment_facts<C: ConnectionTrait>(
    conn: &C,
    course: &course::Model,
    resident_id: i32,
) -> Result<(CourseTerms, chrono::NaiveDate, Option<enrolment::Model>), Failure> {
    let resident = resident::Entity::find_by_id(resident_id).one(conn).await?.ok_or(AppError::NotFound)?;
    let schedule: Option<Schedule> = course_session::Entity::find()
        .select_only()
        .column_as(course_session::Column::StartsAt.min(), "first_start")
        .column_as(course_session::Column::EndsAt.max(), "last_end")
        .filter(course_session::Column::CourseId.eq(course.id))
        .into_tuple()
        .one(conn)
        .await?;
    let (first_session_starts_at, last_session_ends_at) = schedule.unwrap_or_default();
    let existing = enrolment::Entity::find()
        .filter(enrolment::Column::CourseId.eq(course.id))
        .filter(enrolment::Column::ResidentId.eq(resident_id))
        .one(conn)
        .await?;
    let terms = CourseTerms {
        min_age: course.min_age,
        max_age: course.max_age,
        first_session_starts_at,
        last_session_ends_at,
        late_enrolment_allowed: course.late_enrolment_allowed,
    };
    Ok((terms, resident.birth_date, existing))
}

/// Whether `enrol` would accept the resident now, by the same rule, read without a lock: pages
/// show the refusal's reason instead of a button the server would refuse.
pub async fn eligibility(
    db: &DatabaseConnection,
    course_id: i32,
    resident_id: i32,
    now: DateTime<Utc>,
) -> Result<Result<(), EnrolmentRefusal>, AppError> {
    let course = course::Entity::find_by_id(course_id).one(db).await?.ok_or(AppError::NotFound)?;
    let (terms, birth_date, existing) = enrolment_facts(db, &course, resident_id).await.map_err(AppError::from)?;
    Ok(check_eligibility(&terms, birth_date, existing.map(|row| row.status), now))
}

/// Cancels the resident's active row in the course, if any; `false` when there was none.
async fn cancel_active<C: ConnectionTrait>(
    conn: &C,
    course_id: i32,
    resident_id: i32,
    now: DateTime<Utc>,
) -> Result<bool, Failure> {
    lock_course(conn, course_id).await?;
    let Some(active) = enrolment::Entity::find()
        .filter(enrolment::Column::CourseId.eq(course_id))
        .filter(enrolment::Column::ResidentId.eq(resident_id))
        .filter(enrolment::Column::Status.is_in(ACTIVE))
        .one(conn)
        .await?
    else {
        return Ok(false);
    };
    use sea_orm::sea_query::ExprTrait;
    let held_seat = active.status == EnrolmentStatus::Enrolled;
    // The row keeps its position: positions are never reused, so arrival order stays unambiguous.
    let mut row: enrolment::ActiveModel = active.into();
    row.status = Set(EnrolmentStatus::Cancelled);
    row.updated_at = Set(now);
    row.update(conn).await?;
    if held_seat {
        course::Entity::update_many()
            .col_expr(course::Column::SeatsTaken, Expr::col(course::Column::SeatsTaken).sub(1))
            .filter(course::Column::Id.eq(course_id))
            .filter(Expr::col(course::Column::SeatsTaken).gt(0))
            .exec(conn)
            .await?;
        promote_into_free_seats(conn, course_id, now).await?;
    }
    Ok(true)
}

/// Moves waitlisted residents, first come first served, into the course's free seats.
async fn promote_into_free_seats<C: ConnectionTrait>(
    conn: &C,
    course_id: i32,
    now: DateTime<Utc>,
) -> Result<u32, DbErr> {
    let Some(course) = course::Entity::find_by_id(course_id).one(conn).await? else {
        return Ok(0);
    };
    let free_seats = course.capacity - course.seats_taken;
    if free_seats <= 0 {
        return Ok(0);
    }
    let waitlist: Vec<WaitlistedEntry> = enrolment::Entity::find()
        .select_only()
        .columns([enrolment::Column::Id, enrolment::Column::Position])
        .filter(enrolment::Column::CourseId.eq(course_id))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Waitlisted))
        .into_tuple::<(i32, i32)>()
        .all(conn)
        .await?
        .into_iter()
        .map(|(enrolment_id, position)| WaitlistedEntry { enrolment_id, position })
        .collect();
    let promoted = promotion_order(&waitlist, free_seats);
    if promoted.is_empty() {
        return Ok(0);
    }
    let count = i32::try_from(promoted.len()).map_err(|e| DbErr::Custom(e.to_string()))?;
    if !claim_seats(conn, course_id, count).await? {
        // Cannot happen while the course row is locked; refuse rather than overfill.
        return Err(DbErr::Custom(format!("course {course_id}: free seats changed during promotion")));
    }
    enrolment::Entity::update_many()
        .col_expr(enrolment::Column::Status, Expr::value(EnrolmentStatus::Enrolled))
        .col_expr(enrolment::Column::UpdatedAt, Expr::value(now))
        .filter(enrolment::Column::Id.is_in(promoted))
        .exec(conn)
        .await?;
    Ok(count as u32)
}

/// Takes `count` seats if that many are free, in one conditional UPDATE; `false` if they are not.
async fn claim_seats<C: ConnectionTrait>(conn: &C, course_id: i32, count: i32) -> Result<bool, DbErr> {
    use sea_orm::sea_query::ExprTrait;
    let result = course::Entity::update_many()
        .col_expr(course::Column::SeatsTaken, Expr::col(course::Column::SeatsTaken).add(count))
        .filter(course::Column::Id.eq(course_id))
        .filter(Expr::col(course::Column::SeatsTaken).add(count).lte(Expr::col(course::Column::Capacity)))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// The next arrival position in the course. Race-free because the caller holds the course lock.
async fn next_position<C: ConnectionTrait>(conn: &C, course_id: i32) -> Result<i32, DbErr> {
    let last: Option<i32> = enrolment::Entity::find()
        .select_only()
        .column_as(enrolment::Column::Position.max(), "last_position")
        .filter(enrolment::Column::CourseId.eq(course_id))
        .into_tuple()
        .one(conn)
        .await?
        .flatten();
    Ok(last.unwrap_or(0) + 1)
}

/// Locks the course row until the transaction ends (`FOR UPDATE` on PostgreSQL; on SQLite the
/// `BEGIN IMMEDIATE` write lock already serialises writers, and the clause is left out).
pub(crate) async fn lock_course<C: ConnectionTrait>(conn: &C, course_id: i32) -> Result<course::Model, Failure> {
    course::Entity::find_by_id(course_id).lock_exclusive().one(conn).await?.ok_or(Failure::Refused(AppError::NotFound))
}
