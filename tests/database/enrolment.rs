//! Enrolment: seats, waitlist and promotions, on SQLite and PostgreSQL, including a crowd of
//! residents enrolling at the same instant.
use crate::support;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};
use std::sync::Arc;
use youth_centres::enrolment::domain::EnrolmentStatus;
use youth_centres::enrolment::store;
use youth_centres::error::{AppError, Field, InputProblem};
use youth_centres::forms::keys::{CourseFormat, InstructionLanguage};
use youth_centres::server::entities::*;
use youth_centres::server::seed::{self, ScaleOptions};
use youth_centres::staff::roster::store as roster_store;
use youth_centres::time::from_almaty;

/// A fixed Wednesday, so the schedule is the same on every run.
fn seed_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date")
}

/// Noon in Almaty on the seed day: before every course's first session.
fn now() -> DateTime<Utc> {
    from_almaty(seed_day().and_hms_opt(12, 0, 0).expect("valid time")).expect("in the calendar")
}

/// 10:00 Almaty time on 1 December 2026: first session of the test courses.
fn first_session() -> DateTime<Utc> {
    from_almaty(NaiveDate::from_ymd_opt(2026, 12, 1).and_then(|d| d.and_hms_opt(10, 0, 0)).expect("valid"))
        .expect("in the calendar")
}

struct CourseSpec {
    capacity: i32,
    min_age: i16,
    max_age: i16,
    late_enrolment_allowed: bool,
}

impl Default for CourseSpec {
    fn default() -> Self {
        CourseSpec { capacity: 20, min_age: 14, max_age: 35, late_enrolment_allowed: false }
    }
}

/// Demo data, then one course with four weekly sessions from [`first_session`].
async fn seeded_course(db: &DatabaseConnection, spec: CourseSpec) -> i32 {
    seed::seed(db, seed_day(), ScaleOptions::default()).await.expect("seed demo data");
    add_course(db, "test-course", spec).await
}

async fn add_course(db: &DatabaseConnection, slug: &str, spec: CourseSpec) -> i32 {
    let centre = centre::Entity::find().order_by_asc(centre::Column::Id).one(db).await.unwrap().expect("a centre");
    let category = course_category::Entity::find().one(db).await.unwrap().expect("a category");
    let course = course::ActiveModel {
        slug: Set(slug.into()),
        centre_id: Set(centre.id),
        category_id: Set(category.id),
        title_kk: Set("Сынақ курсы".into()),
        title_ru: Set("Тестовый курс".into()),
        title_en: Set("Test course".into()),
        description_kk: Set(String::new()),
        description_ru: Set(String::new()),
        description_en: Set(String::new()),
        search_text: Set("test course".into()),
        language: Set(InstructionLanguage::Kazakh),
        format: Set(CourseFormat::Offline),
        min_age: Set(spec.min_age),
        max_age: Set(spec.max_age),
        capacity: Set(spec.capacity),
        seats_taken: Set(0),
        instructor: Set("Test".into()),
        riasec: Set("SA".into()),
        created_at: Set(now()),
        late_enrolment_allowed: Set(spec.late_enrolment_allowed),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert course");
    let sessions = (0..4).map(|week| {
        let starts_at = first_session() + Duration::weeks(week);
        course_session::ActiveModel::scheduled(course.id, None, starts_at, starts_at + Duration::minutes(90))
    });
    course_session::Entity::insert_many(sessions).exec(db).await.expect("insert sessions");
    course.id
}

async fn course_row(db: &DatabaseConnection, course_id: i32) -> course::Model {
    course::Entity::find_by_id(course_id).one(db).await.unwrap().expect("course exists")
}

/// Active rows of the course in arrival order.
async fn queue(db: &DatabaseConnection, course_id: i32) -> Vec<enrolment::Model> {
    enrolment::Entity::find()
        .filter(enrolment::Column::CourseId.eq(course_id))
        .filter(enrolment::Column::Status.ne(EnrolmentStatus::Cancelled))
        .order_by_asc(enrolment::Column::Position)
        .all(db)
        .await
        .unwrap()
}

async fn status_of(db: &DatabaseConnection, course_id: i32, resident_id: i32) -> Option<EnrolmentStatus> {
    enrolment::Entity::find()
        .filter(enrolment::Column::CourseId.eq(course_id))
        .filter(enrolment::Column::ResidentId.eq(resident_id))
        .one(db)
        .await
        .unwrap()
        .map(|row| row.status)
}

on_both_databases!(two_hundred_residents_race_for_twenty_seats);
async fn two_hundred_residents_race_for_twenty_seats(db: DatabaseConnection) {
    let course_id = seeded_course(&db, CourseSpec::default()).await;
    let residents = support::residents::add_residents(&db, "crowd", 200, support::residents::adult_birth_date()).await;

    let start = Arc::new(tokio::sync::Barrier::new(residents.len()));
    let tasks: Vec<_> = residents
        .iter()
        .map(|&resident_id| {
            let (db, start) = (db.clone(), start.clone());
            tokio::spawn(async move {
                start.wait().await;
                (resident_id, store::enrol(&db, course_id, resident_id, now()).await)
            })
        })
        .collect();
    let started = std::time::Instant::now();
    let mut outcomes = Vec::new();
    for task in tasks {
        let (resident_id, outcome) = task.await.expect("task finished");
        outcomes.push((resident_id, outcome.unwrap_or_else(|e| panic!("resident {resident_id}: {e:?}"))));
    }
    eprintln!("200 concurrent enrolments took {:?}", started.elapsed());

    let enrolled = outcomes.iter().filter(|(_, status)| *status == EnrolmentStatus::Enrolled).count();
    let waitlisted = outcomes.iter().filter(|(_, status)| *status == EnrolmentStatus::Waitlisted).count();
    assert_eq!((enrolled, waitlisted), (20, 180));
    assert_eq!(course_row(&db, course_id).await.seats_taken, 20);

    // Positions are exactly 1..=200 in arrival order; the first 20 arrivals hold the seats.
    let rows = queue(&db, course_id).await;
    assert_eq!(rows.iter().map(|row| row.position).collect::<Vec<_>>(), (1..=200).collect::<Vec<_>>());
    assert!(rows[..20].iter().all(|row| row.status == EnrolmentStatus::Enrolled));
    assert!(rows[20..].iter().all(|row| row.status == EnrolmentStatus::Waitlisted));
    // What each caller was told matches what was stored.
    for (resident_id, status) in &outcomes {
        assert_eq!(status_of(&db, course_id, *resident_id).await, Some(*status));
    }

    // Five enrolled residents cancel: exactly the five longest-waiting move up.
    let leaving: Vec<i32> = rows[..20].iter().step_by(4).map(|row| row.resident_id).collect();
    assert_eq!(leaving.len(), 5);
    for &resident_id in &leaving {
        store::cancel(&db, course_id, resident_id, now()).await.expect("cancel");
    }
    let promoted: Vec<i32> = rows[20..25].iter().map(|row| row.resident_id).collect();
    for &resident_id in &promoted {
        assert_eq!(status_of(&db, course_id, resident_id).await, Some(EnrolmentStatus::Enrolled));
    }
    let after = queue(&db, course_id).await;
    assert_eq!(after.iter().filter(|row| row.status == EnrolmentStatus::Enrolled).count(), 20);
    assert_eq!(after.iter().filter(|row| row.status == EnrolmentStatus::Waitlisted).count(), 175);
    assert_eq!(after.iter().find(|row| row.status == EnrolmentStatus::Waitlisted).map(|row| row.position), Some(26));
    assert_eq!(course_row(&db, course_id).await.seats_taken, 20);
}

on_both_databases!(second_enrolment_in_the_same_course_is_refused);
async fn second_enrolment_in_the_same_course_is_refused(db: DatabaseConnection) {
    let course_id = seeded_course(&db, CourseSpec { capacity: 1, ..Default::default() }).await;
    let residents = support::residents::add_residents(&db, "twice", 2, support::residents::adult_birth_date()).await;
    let already = AppError::invalid(Field::Enrolment, InputProblem::Taken);

    assert_eq!(store::enrol(&db, course_id, residents[0], now()).await, Ok(EnrolmentStatus::Enrolled));
    assert_eq!(store::enrol(&db, course_id, residents[0], now()).await, Err(already.clone()));
    assert_eq!(store::enrol(&db, course_id, residents[1], now()).await, Ok(EnrolmentStatus::Waitlisted));
    assert_eq!(store::enrol(&db, course_id, residents[1], now()).await, Err(already));
    assert_eq!(course_row(&db, course_id).await.seats_taken, 1);
    assert_eq!(queue(&db, course_id).await.len(), 2);

    assert_eq!(store::enrol(&db, 999_999, residents[0], now()).await, Err(AppError::NotFound));
    assert_eq!(store::enrol(&db, course_id, 999_999, now()).await, Err(AppError::NotFound));
}

on_both_databases!(resident_who_cancelled_can_enrol_again_at_the_back);
async fn resident_who_cancelled_can_enrol_again_at_the_back(db: DatabaseConnection) {
    let course_id = seeded_course(&db, CourseSpec { capacity: 2, ..Default::default() }).await;
    let residents = support::residents::add_residents(&db, "again", 3, support::residents::adult_birth_date()).await;
    for &resident_id in &residents {
        store::enrol(&db, course_id, resident_id, now()).await.expect("enrol");
    }
    store::cancel(&db, course_id, residents[0], now()).await.expect("cancel");
    assert_eq!(store::cancel(&db, course_id, residents[0], now()).await, Err(AppError::NotFound), "nothing left");

    // The freed seat went to the waitlist, so the returning resident waits behind everyone.
    let later = now() + Duration::hours(1);
    assert_eq!(store::enrol(&db, course_id, residents[0], later).await, Ok(EnrolmentStatus::Waitlisted));
    let rows = queue(&db, course_id).await;
    let returning = rows.iter().find(|row| row.resident_id == residents[0]).expect("row reused");
    assert_eq!((returning.position, returning.requested_at), (4, later));
    let all_rows = enrolment::Entity::find().filter(enrolment::Column::CourseId.eq(course_id)).all(&db).await.unwrap();
    assert_eq!(all_rows.len(), 3, "one row per resident and course");
}

on_both_databases!(cancelling_a_seat_promotes_the_first_waitlisted);
async fn cancelling_a_seat_promotes_the_first_waitlisted(db: DatabaseConnection) {
    let course_id = seeded_course(&db, CourseSpec { capacity: 2, ..Default::default() }).await;
    let r = support::residents::add_residents(&db, "promote", 5, support::residents::adult_birth_date()).await;
    for &resident_id in &r {
        store::enrol(&db, course_id, resident_id, now()).await.expect("enrol");
    }
    // A waitlisted resident leaving frees no seat and promotes nobody.
    store::cancel(&db, course_id, r[2], now()).await.expect("cancel waitlisted");
    assert_eq!(status_of(&db, course_id, r[3]).await, Some(EnrolmentStatus::Waitlisted));
    assert_eq!(course_row(&db, course_id).await.seats_taken, 2);

    store::cancel(&db, course_id, r[0], now()).await.expect("cancel enrolled");
    assert_eq!(status_of(&db, course_id, r[0]).await, Some(EnrolmentStatus::Cancelled));
    assert_eq!(status_of(&db, course_id, r[3]).await, Some(EnrolmentStatus::Enrolled));
    assert_eq!(status_of(&db, course_id, r[4]).await, Some(EnrolmentStatus::Waitlisted));
    assert_eq!(course_row(&db, course_id).await.seats_taken, 2);

    // With nobody waiting, cancelling frees the seat.
    store::cancel(&db, course_id, r[4], now()).await.expect("cancel last waitlisted");
    store::cancel(&db, course_id, r[1], now()).await.expect("cancel enrolled");
    assert_eq!(course_row(&db, course_id).await.seats_taken, 1);
}

on_both_databases!(releasing_a_resident_frees_their_seats_and_promotes);
async fn releasing_a_resident_frees_their_seats_and_promotes(db: DatabaseConnection) {
    let first = seeded_course(&db, CourseSpec { capacity: 1, ..Default::default() }).await;
    let second = add_course(&db, "second-course", CourseSpec { capacity: 1, ..Default::default() }).await;
    let third = add_course(&db, "third-course", CourseSpec { capacity: 5, ..Default::default() }).await;
    let r = support::residents::add_residents(&db, "release", 3, support::residents::adult_birth_date()).await;
    let leaving = r[0];
    for course_id in [first, second, third] {
        store::enrol(&db, course_id, leaving, now()).await.expect("enrol leaving resident");
    }
    store::enrol(&db, first, r[1], now()).await.expect("waitlist");
    store::enrol(&db, second, r[2], now()).await.expect("waitlist");
    store::enrol(&db, third, r[1], now()).await.expect("enrol");

    // As account deletion does it: inside the caller's transaction.
    let txn = youth_centres::server::transactions::begin_write(&db).await.expect("begin");
    store::release_all_for_resident(&txn, leaving, now()).await.expect("release");
    txn.commit().await.expect("commit");

    assert_eq!(status_of(&db, first, r[1]).await, Some(EnrolmentStatus::Enrolled));
    assert_eq!(status_of(&db, second, r[2]).await, Some(EnrolmentStatus::Enrolled));
    for course_id in [first, second, third] {
        assert_eq!(status_of(&db, course_id, leaving).await, Some(EnrolmentStatus::Cancelled));
    }
    assert_eq!(course_row(&db, first).await.seats_taken, 1);
    assert_eq!(course_row(&db, second).await.seats_taken, 1);
    assert_eq!(course_row(&db, third).await.seats_taken, 1);
    assert!(store::my_enrolments(&db, leaving, now()).await.unwrap().is_empty());
}

on_both_databases!(capacity_changes_promote_or_are_refused);
async fn capacity_changes_promote_or_are_refused(db: DatabaseConnection) {
    let course_id = seeded_course(&db, CourseSpec { capacity: 2, ..Default::default() }).await;
    let r = support::residents::add_residents(&db, "capacity", 6, support::residents::adult_birth_date()).await;
    for &resident_id in &r {
        store::enrol(&db, course_id, resident_id, now()).await.expect("enrol");
    }
    let refused = Err(AppError::invalid(Field::Capacity, InputProblem::OutOfRange));
    assert_eq!(store::set_capacity(&db, course_id, 1, now()).await, refused, "below the 2 seats taken");
    assert_eq!(store::set_capacity(&db, course_id, 0, now()).await, refused);
    assert_eq!(course_row(&db, course_id).await.capacity, 2);

    assert_eq!(store::set_capacity(&db, course_id, 5, now()).await, Ok(3));
    let rows = queue(&db, course_id).await;
    let statuses: Vec<_> = rows.iter().map(|row| row.status).collect();
    assert_eq!(statuses, [[EnrolmentStatus::Enrolled; 5].as_slice(), &[EnrolmentStatus::Waitlisted]].concat());
    assert_eq!(course_row(&db, course_id).await.seats_taken, 5);

    // Lowering to exactly the seats taken is allowed; raising with nobody waiting promotes nobody.
    assert_eq!(store::set_capacity(&db, course_id, 5, now()).await, Ok(0));
    store::cancel(&db, course_id, r[5], now()).await.expect("leave waitlist");
    assert_eq!(store::set_capacity(&db, course_id, 8, now()).await, Ok(0));
    assert_eq!(store::set_capacity(&db, 999_999, 8, now()).await, Err(AppError::NotFound));
}

on_both_databases!(age_and_start_rules_are_enforced);
async fn age_and_start_rules_are_enforced(db: DatabaseConnection) {
    // First session on 1 December 2026 (Almaty); the course is for 16–18-year-olds.
    let course_id = seeded_course(&db, CourseSpec { min_age: 16, max_age: 18, ..Default::default() }).await;
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
    let turns_16_that_day = support::residents::add_residents(&db, "sixteen", 1, date(2010, 12, 1)).await[0];
    let turns_16_next_day = support::residents::add_residents(&db, "fifteen", 1, date(2010, 12, 2)).await[0];
    let turns_19_that_day = support::residents::add_residents(&db, "nineteen", 1, date(2007, 12, 1)).await[0];
    let age_refused = Err(AppError::invalid(Field::AgeForCourse, InputProblem::OutOfRange));

    assert_eq!(store::enrol(&db, course_id, turns_16_that_day, now()).await, Ok(EnrolmentStatus::Enrolled));
    assert_eq!(store::enrol(&db, course_id, turns_16_next_day, now()).await, age_refused);
    assert_eq!(store::enrol(&db, course_id, turns_19_that_day, now()).await, age_refused);
    assert_eq!(course_row(&db, course_id).await.seats_taken, 1, "refusals take no seat");

    // After the first session started, only courses that allow late enrolment accept residents.
    let adults = support::residents::add_residents(&db, "late", 2, support::residents::adult_birth_date()).await;
    let open = add_course(&db, "rolling-club", CourseSpec { late_enrolment_allowed: true, ..Default::default() }).await;
    let closed = add_course(&db, "closed-course", CourseSpec::default()).await;
    let after_start = first_session() + Duration::minutes(1);
    assert_eq!(
        store::enrol(&db, closed, adults[0], after_start).await,
        Err(AppError::invalid(Field::Course, InputProblem::OutOfRange))
    );
    assert_eq!(store::enrol(&db, open, adults[1], after_start).await, Ok(EnrolmentStatus::Enrolled));
}

on_both_databases!(my_courses_roster_and_attendance);
async fn my_courses_roster_and_attendance(db: DatabaseConnection) {
    let course_id = seeded_course(&db, CourseSpec { capacity: 1, ..Default::default() }).await;
    let r = support::residents::add_residents(&db, "roster", 3, support::residents::adult_birth_date()).await;
    for &resident_id in &r {
        store::enrol(&db, course_id, resident_id, now()).await.expect("enrol");
    }

    let mine = store::my_enrolments(&db, r[2], now()).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].course_slug, "test-course");
    assert_eq!(mine[0].course_title.en, "Test course");
    assert!(!mine[0].centre_name.en.is_empty());
    assert_eq!((mine[0].status, mine[0].waitlist_place), (EnrolmentStatus::Waitlisted, Some(2)));
    assert_eq!(mine[0].next_sessions, (0..3).map(|week| first_session() + Duration::weeks(week)).collect::<Vec<_>>());
    // Mid-way through the course only the sessions not yet over are listed.
    let later = store::my_enrolments(&db, r[0], first_session() + Duration::weeks(2)).await.unwrap();
    assert_eq!(later[0].status, EnrolmentStatus::Enrolled);
    assert_eq!(later[0].waitlist_place, None);
    assert_eq!(
        later[0].next_sessions,
        vec![first_session() + Duration::weeks(2), first_session() + Duration::weeks(3)]
    );

    let roster = roster_store::roster(&db, course_id).await.unwrap();
    assert_eq!(roster.iter().map(|entry| entry.resident_id).collect::<Vec<_>>(), r);
    assert_eq!(roster.iter().map(|entry| entry.waitlist_place).collect::<Vec<_>>(), [None, Some(1), Some(2)]);
    assert!(roster[0].phone.is_some() && roster[0].email.is_some());

    roster_store::mark_attended(&db, course_id, r[0], true).await.expect("mark enrolled resident");
    assert!(roster_store::roster(&db, course_id).await.unwrap()[0].attended);
    roster_store::mark_attended(&db, course_id, r[0], false).await.expect("unmark");
    assert!(!roster_store::roster(&db, course_id).await.unwrap()[0].attended);
    assert_eq!(roster_store::mark_attended(&db, course_id, r[1], true).await, Err(AppError::NotFound), "waitlisted");
    assert_eq!(roster_store::roster(&db, 999_999).await, Err(AppError::NotFound));
}

on_both_databases!(a_course_whose_sessions_are_all_over_refuses_enrolment_even_when_late_is_allowed);
async fn a_course_whose_sessions_are_all_over_refuses_enrolment_even_when_late_is_allowed(db: DatabaseConnection) {
    // Four weekly sessions from 1 December; the last one ends on 22 December at 11:30 (Almaty).
    let course_id = seeded_course(&db, CourseSpec { late_enrolment_allowed: true, ..Default::default() }).await;
    let adults = support::residents::add_residents(&db, "over", 2, support::residents::adult_birth_date()).await;
    let last_session_ends = first_session() + Duration::weeks(3) + Duration::minutes(90);

    assert_eq!(
        store::enrol(&db, course_id, adults[0], last_session_ends + Duration::days(1)).await,
        Err(AppError::invalid(Field::Course, InputProblem::NotAllowed))
    );
    assert_eq!(status_of(&db, course_id, adults[0]).await, None, "a refusal writes no row");
    assert_eq!(course_row(&db, course_id).await.seats_taken, 0, "and takes no seat");

    // While the last session is still on, a late joiner is welcome.
    let during_last_session = last_session_ends - Duration::minutes(30);
    assert_eq!(store::enrol(&db, course_id, adults[1], during_last_session).await, Ok(EnrolmentStatus::Enrolled));
}
