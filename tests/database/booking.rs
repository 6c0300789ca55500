//! The room booker on a seeded database: who may book what, clashes named, pauses, quotas,
//! approvals, series, and a burst of concurrent bookings and course sessions that must end with no
//! two live uses of the room overlapping.
use crate::support;

use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::sync::Arc;
use support::http::{post, send, sign_in, test_app, text};
use youth_centres::accounts::domain::CurrentUser;
use youth_centres::booking::domain::{Booker, BookingAction, BookingForm, BookingStatus, slots_clash};
use youth_centres::booking::store;
use youth_centres::centres::domain::RoomKind;
use youth_centres::error::{AppError, Field, InUseBy, InputProblem};
use youth_centres::server::entities::{app_user, booking, centre, course, course_session, room};
use youth_centres::server::seed::{self, ScaleOptions};
use youth_centres::staff::courses::domain::SessionPlan;

const ALMALY: &str = "almaly-youth-centre";

async fn seeded(db: &DatabaseConnection) {
    let today = youth_centres::time::almaty_today(Utc::now());
    seed::seed(db, today, ScaleOptions::default()).await.expect("seed");
}

/// A Saturday `weeks` weeks from now. The seed puts course sessions on weekdays and demo
/// bookings into the next four weeks only, so Saturdays from six weeks on are empty, and still
/// inside the 12-week booking window.
fn saturday(weeks: i64) -> NaiveDate {
    let today = youth_centres::time::almaty_today(Utc::now());
    today - Duration::days(today.weekday().num_days_from_monday().into()) + Duration::weeks(weeks) + Duration::days(5)
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    youth_centres::time::from_almaty(day.and_hms_opt(hour, minute, 0).unwrap()).unwrap()
}

async fn user(db: &DatabaseConnection, login: &str) -> CurrentUser {
    let user = app_user::Entity::find().filter(app_user::Column::Login.eq(login)).one(db).await.unwrap().unwrap();
    CurrentUser { id: user.id, display_name: user.display_name, role: user.role, centre_id: user.centre_id }
}

async fn room(db: &DatabaseConnection, centre_slug: &str, kind: RoomKind) -> room::Model {
    let centre = centre::Entity::find().filter(centre::Column::Slug.eq(centre_slug)).one(db).await.unwrap().unwrap();
    room::Entity::find()
        .filter(room::Column::CentreId.eq(centre.id))
        .filter(room::Column::Kind.eq(kind))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

fn form(room: &room::Model, day: NaiveDate, starts: &str, ends: &str, purpose: &str) -> BookingForm {
    BookingForm {
        room: room.id.to_string(),
        date: day.to_string(),
        starts: starts.into(),
        ends: ends.into(),
        attendees: Some("2".into()),
        purpose: purpose.into(),
        ..Default::default()
    }
}

async fn book(db: &DatabaseConnection, who: &CurrentUser, booker: Booker, form: BookingForm) -> Result<u32, AppError> {
    let parsed = form.parse()?;
    store::create_booking(db, who, booker, parsed, Utc::now()).await.map(|outcome| outcome.booked)
}

async fn live_bookings(db: &DatabaseConnection, room_id: i32) -> Vec<booking::Model> {
    booking::Entity::find()
        .filter(booking::Column::RoomId.eq(room_id))
        .filter(booking::Column::Status.is_in(BookingStatus::LIVE))
        .order_by_asc(booking::Column::Id)
        .all(db)
        .await
        .unwrap()
}

fn in_use_by(result: Result<u32, AppError>) -> InUseBy {
    match result {
        Err(AppError::RoomInUse(in_use)) => in_use.by,
        other => panic!("expected the room to be in use, got {other:?}"),
    }
}

on_both_databases!(staff_bookings_are_confirmed_and_a_clash_names_what_is_in_the_way);
async fn staff_bookings_are_confirmed_and_a_clash_names_what_is_in_the_way(db: DatabaseConnection) {
    seeded(&db).await;
    let staff = user(&db, "staff@demo.kz").await;
    let classroom = room(&db, ALMALY, RoomKind::Classroom).await;
    let day = saturday(6);
    assert_eq!(
        book(&db, &staff, Booker::Staff, form(&classroom, day, "10:00", "11:00", "Volunteers' meeting")).await,
        Ok(1)
    );
    let saved = live_bookings(&db, classroom.id).await;
    assert_eq!(saved.last().map(|b| b.status), Some(BookingStatus::Confirmed), "staff bookings need no approval");

    let clash = book(&db, &staff, Booker::Staff, form(&classroom, day, "10:30", "11:30", "Debate club")).await;
    assert_eq!(in_use_by(clash), InUseBy::Booking { purpose: Some("Volunteers' meeting".into()) });
    // The classroom needs its pause after each use: right after the meeting is too soon.
    let pause = classroom.buffer_minutes;
    assert!(pause > 0, "the seeded classroom has a pause");
    let too_soon = format!("11:{:02}", pause - 1);
    assert!(book(&db, &staff, Booker::Staff, form(&classroom, day, &too_soon, "12:00", "Debate club")).await.is_err());
    let after_pause = format!("11:{pause:02}");
    assert_eq!(
        book(&db, &staff, Booker::Staff, form(&classroom, day, &after_pause, "12:00", "Debate club")).await,
        Ok(1)
    );

    // Back to back is fine where the room needs no pause.
    let desk = room(&db, ALMALY, RoomKind::Coworking).await;
    assert_eq!(desk.buffer_minutes, 0);
    assert_eq!(book(&db, &staff, Booker::Staff, form(&desk, day, "10:00", "11:00", "Hackathon prep")).await, Ok(1));
    assert_eq!(book(&db, &staff, Booker::Staff, form(&desk, day, "11:00", "12:00", "Hackathon")).await, Ok(1));

    // Rules refuse before anything is written.
    let before = live_bookings(&db, classroom.id).await.len();
    let refusals = [
        (form(&classroom, day, "15:00", "14:00", "x"), AppError::invalid(Field::Ends, InputProblem::OutOfRange)),
        (form(&classroom, day, "15:00", "15:10", "x"), AppError::invalid(Field::Length, InputProblem::OutOfRange)),
        (
            form(&classroom, day, "07:00", "08:00", "x"),
            AppError::invalid(Field::OpeningHours, InputProblem::OutOfRange),
        ),
        (form(&classroom, day, "15:00", "16:00", "  "), AppError::invalid(Field::Purpose, InputProblem::Missing)),
        (
            form(&classroom, day + Duration::weeks(13), "15:00", "16:00", "x"),
            AppError::invalid(Field::Date, InputProblem::TooLong),
        ),
        (
            form(&classroom, youth_centres::time::almaty_today(Utc::now()) - Duration::days(1), "15:00", "16:00", "x"),
            AppError::invalid(Field::Starts, InputProblem::OutOfRange),
        ),
        (
            BookingForm { attendees: Some("21".into()), ..form(&classroom, day, "15:00", "16:00", "x") },
            AppError::invalid(Field::Attendees, InputProblem::OutOfRange),
        ),
    ];
    for (form, expected) in refusals {
        assert_eq!(book(&db, &staff, Booker::Staff, form.clone()).await, Err(expected), "{form:?}");
    }
    assert_eq!(live_bookings(&db, classroom.id).await.len(), before, "nothing written by refused bookings");
}

on_both_databases!(a_residents_studio_request_holds_the_slot_until_staff_decide);
async fn a_residents_studio_request_holds_the_slot_until_staff_decide(db: DatabaseConnection) {
    seeded(&db).await;
    let resident = user(&db, "resident@demo.kz").await;
    let staff = user(&db, "staff@demo.kz").await;
    let studio = room(&db, ALMALY, RoomKind::RecordingStudio).await;
    let day = saturday(6);
    assert_eq!(
        book(&db, &resident, Booker::Resident, form(&studio, day, "11:00", "12:00", "Demo vocals")).await,
        Ok(1)
    );
    let request = live_bookings(&db, studio.id).await.pop().unwrap();
    assert_eq!(request.status, BookingStatus::Pending);

    // A pending request already holds the slot; a resident is not told whose or why.
    let clash = book(&db, &resident, Booker::Resident, form(&studio, day, "11:30", "12:30", "Podcast")).await;
    assert_eq!(in_use_by(clash), InUseBy::Booking { purpose: None });

    // Declining someone else's request needs a reason; approving does not.
    let no_reason =
        store::change_booking(&db, &staff, request.id, BookingAction::Decline, None, false, Utc::now()).await;
    assert_eq!(no_reason, Err(AppError::invalid(Field::Reason, InputProblem::Missing)));
    assert_eq!(
        store::change_booking(&db, &staff, request.id, BookingAction::Approve, None, false, Utc::now()).await,
        Ok(1)
    );
    let mine = store::my_bookings(&db, resident.id, Utc::now()).await.unwrap();
    assert_eq!(mine.iter().find(|row| row.id == request.id).map(|row| row.status), Some(BookingStatus::Confirmed));
    // Deciding twice is refused; the resident can cancel, which frees the slot at once.
    let again = store::change_booking(&db, &staff, request.id, BookingAction::Approve, None, false, Utc::now()).await;
    assert_eq!(again, Err(AppError::invalid(Field::Status, InputProblem::NotAllowed)));
    let stranger = user(&db, "mentor@demo.kz").await;
    let by_stranger =
        store::change_booking(&db, &stranger, request.id, BookingAction::Cancel, None, false, Utc::now()).await;
    assert_eq!(by_stranger, Err(AppError::NotFound), "nobody else's booking ids answer");
    assert_eq!(
        store::change_booking(&db, &resident, request.id, BookingAction::Cancel, None, false, Utc::now()).await,
        Ok(1)
    );
    assert_eq!(book(&db, &resident, Booker::Resident, form(&studio, day, "11:30", "12:30", "Podcast")).await, Ok(1));
}

on_both_databases!(residents_request_only_studios_and_desks_within_a_weekly_quota);
async fn residents_request_only_studios_and_desks_within_a_weekly_quota(db: DatabaseConnection) {
    seeded(&db).await;
    let resident = user(&db, "resident@demo.kz").await;
    let classroom = room(&db, ALMALY, RoomKind::Classroom).await;
    let studio = room(&db, ALMALY, RoomKind::RecordingStudio).await;
    let week = saturday(6);
    assert_eq!(
        book(&db, &resident, Booker::Resident, form(&classroom, week, "10:00", "11:00", "Study group")).await,
        Err(AppError::invalid(Field::Room, InputProblem::NotAllowed))
    );
    // Four studio hours a week: 3 h in the morning, then 2 h more is over; 1 h fits.
    assert_eq!(book(&db, &resident, Booker::Resident, form(&studio, week, "10:00", "13:00", "Album")).await, Ok(1));
    assert_eq!(
        book(&db, &resident, Booker::Resident, form(&studio, week, "14:00", "16:00", "Album")).await,
        Err(AppError::invalid(Field::Quota, InputProblem::OutOfRange))
    );
    assert_eq!(book(&db, &resident, Booker::Resident, form(&studio, week, "14:00", "15:00", "Album")).await, Ok(1));
    // The next Almaty week starts a new allowance.
    let next_week = saturday(7);
    assert_eq!(
        book(&db, &resident, Booker::Resident, form(&studio, next_week, "10:00", "12:00", "Album")).await,
        Ok(1)
    );
}

on_both_databases!(course_sessions_and_bookings_refuse_each_other);
async fn course_sessions_and_bookings_refuse_each_other(db: DatabaseConnection) {
    seeded(&db).await;
    let staff = user(&db, "staff@demo.kz").await;
    let music = room(&db, ALMALY, RoomKind::MusicClass).await;
    let course =
        course::Entity::find().filter(course::Column::CentreId.eq(music.centre_id)).one(&db).await.unwrap().unwrap();
    let day = saturday(6);
    let session = SessionPlan { room_id: Some(music.id), slots: vec![(at(day, 15, 0), at(day, 16, 30))] };
    assert_eq!(youth_centres::staff::courses::store::add_sessions(&db, &course, session).await, Ok(1));
    let clash = book(&db, &staff, Booker::Staff, form(&music, day, "16:00", "17:00", "Rehearsal")).await;
    match in_use_by(clash) {
        InUseBy::CourseSession { title: Some(title) } => assert_eq!(title.en, course.title_en),
        other => panic!("names the course: {other:?}"),
    }
    assert_eq!(book(&db, &staff, Booker::Staff, form(&music, day, "17:00", "18:00", "Rehearsal")).await, Ok(1));
    let over_booking = SessionPlan { room_id: Some(music.id), slots: vec![(at(day, 17, 30), at(day, 18, 30))] };
    let refused = youth_centres::staff::courses::store::add_sessions(&db, &course, over_booking).await;
    assert!(matches!(refused, Err(AppError::RoomInUse(_))), "{refused:?}");
}

on_both_databases!(a_series_books_the_free_weeks_and_skips_the_taken_one);
async fn a_series_books_the_free_weeks_and_skips_the_taken_one(db: DatabaseConnection) {
    seeded(&db).await;
    let staff = user(&db, "staff@demo.kz").await;
    let classroom = room(&db, ALMALY, RoomKind::Classroom).await;
    let first = saturday(6);
    assert_eq!(
        book(&db, &staff, Booker::Staff, form(&classroom, first + Duration::weeks(1), "12:00", "13:00", "Exam")).await,
        Ok(1)
    );
    let series = BookingForm {
        repeat_every: Some("1".into()),
        repeat_until: Some((first + Duration::weeks(3)).to_string()),
        ..form(&classroom, first, "11:30", "12:30", "English club")
    };
    let parsed = series.parse().unwrap();
    let preview = store::preview(
        &db,
        &classroom,
        &centre::Entity::find_by_id(classroom.centre_id).one(&db).await.unwrap().unwrap(),
        &staff,
        Booker::Staff,
        &parsed,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(preview.occurrences.len(), 4);
    assert_eq!(preview.free(), 3, "the exam week is skipped");
    assert!(preview.occurrences[1].skip.is_some());
    let outcome = store::create_booking(&db, &staff, Booker::Staff, parsed, Utc::now()).await.unwrap();
    assert_eq!((outcome.booked, outcome.skipped), (3, 1));

    // Cancelling the second saved occurrence "and the rest" leaves only the first.
    let saved: Vec<booking::Model> =
        live_bookings(&db, classroom.id).await.into_iter().filter(|b| b.purpose == "English club").collect();
    assert_eq!(saved.len(), 3);
    let changed = store::change_booking(&db, &staff, saved[1].id, BookingAction::Cancel, None, true, Utc::now()).await;
    assert_eq!(changed, Ok(2));
    let left = live_bookings(&db, classroom.id).await.into_iter().filter(|b| b.purpose == "English club").count();
    assert_eq!(left, 1);

    // A series reaching past 12 weeks is refused as a whole.
    let too_long = BookingForm {
        repeat_every: Some("1".into()),
        repeat_until: Some((first + Duration::weeks(60)).to_string()),
        ..form(&classroom, first, "15:00", "16:00", "Forever")
    };
    assert_eq!(
        book(&db, &staff, Booker::Staff, too_long).await,
        Err(AppError::invalid(Field::RepeatUntil, InputProblem::OutOfRange))
    );
}

on_both_databases!(bad_booking_requests_get_a_clear_4xx_and_change_nothing);
async fn bad_booking_requests_get_a_clear_4xx_and_change_nothing(db: DatabaseConnection) {
    seeded(&db).await;
    let app = test_app(&db);
    let staff = sign_in(&app, "staff@demo.kz").await;
    let classroom = room(&db, ALMALY, RoomKind::Classroom).await;
    let foreign = room(&db, "medeu-youth-centre", RoomKind::Classroom).await;
    let day = saturday(6).to_string();
    let body = |room_id: i32, date: &str, starts: &str, ends: &str, purpose: &str, extra: &str| {
        let mut body = form_urlencoded::Serializer::new(String::new());
        body.append_pair("form[room]", &room_id.to_string())
            .append_pair("form[date]", date)
            .append_pair("form[starts]", starts)
            .append_pair("form[ends]", ends)
            .append_pair("form[purpose]", purpose);
        format!("{}{extra}", body.finish())
    };
    let huge = "x".repeat(100_000);
    let cases: Vec<(String, StatusCode, &str)> = vec![
        (body(classroom.id, &day, "12:00", "11:00", "x", ""), StatusCode::BAD_REQUEST, "end before start"),
        (body(classroom.id, &day, "12:00", "12:00", "x", ""), StatusCode::BAD_REQUEST, "0 minutes"),
        (body(classroom.id, &day, "00:00", "23:59", "x", ""), StatusCode::BAD_REQUEST, "a whole day"),
        (body(classroom.id, "2099-01-05", "10:00", "11:00", "x", ""), StatusCode::BAD_REQUEST, "far future"),
        (body(classroom.id, "2001-01-01", "10:00", "11:00", "x", ""), StatusCode::BAD_REQUEST, "the past"),
        (body(classroom.id, "99999-01-01", "10:00", "11:00", "x", ""), StatusCode::BAD_REQUEST, "no such date"),
        (body(foreign.id, &day, "10:00", "11:00", "x", ""), StatusCode::FORBIDDEN, "another centre's room"),
        (body(999_999, &day, "10:00", "11:00", "x", ""), StatusCode::BAD_REQUEST, "no such room"),
        (body(classroom.id, &day, "10:00", "11:00", &huge, ""), StatusCode::BAD_REQUEST, "100 kB purpose"),
        (
            body(
                classroom.id,
                &day,
                "10:00",
                "11:00",
                "x",
                "&form[repeat_every]=1&form[repeat_until]=2036-01-01&form[confirm]=on",
            ),
            StatusCode::BAD_REQUEST,
            "a series of 500 weeks",
        ),
        (
            body(classroom.id, &day, "10:00", "11:00", "x", "&form[repeat_every]=0.5&form[repeat_until]=2036-01-01"),
            StatusCode::BAD_REQUEST,
            "every half week",
        ),
        (
            body(classroom.id, &day, "10:00", "11:00", "x", "&form[attendees]=-3"),
            StatusCode::BAD_REQUEST,
            "negative people",
        ),
    ];
    let before = booking::Entity::find().count(&db).await.unwrap();
    for (body, expected, case) in cases {
        let response = send(&app, post("/api/rooms/book", &body, Some(&staff))).await;
        let status = response.status();
        let answer = text(response).await;
        assert_eq!(status, expected, "{case}: {answer}");
        if status == StatusCode::BAD_REQUEST {
            let error: AppError =
                serde_json::from_str(&answer).unwrap_or_else(|_| panic!("{case}: typed error {answer}"));
            assert!(matches!(error, AppError::InvalidInput { .. }), "{case}: names the field: {error:?}");
        }
    }
    assert_eq!(booking::Entity::find().count(&db).await.unwrap(), before, "nothing was written");

    // A visitor is asked to sign in; a stakeholder may look but not book.
    let good = body(classroom.id, &day, "10:00", "11:00", "x", "");
    assert_eq!(send(&app, post("/api/rooms/book", &good, None)).await.status(), StatusCode::UNAUTHORIZED);
    let mentor = sign_in(&app, "mentor@demo.kz").await;
    assert_eq!(send(&app, post("/api/rooms/book", &good, Some(&mentor))).await.status(), StatusCode::FORBIDDEN);
    // The clash answer is 409 and names the use for the centre's staff.
    let booked = send(&app, post("/api/rooms/book", &good, Some(&staff))).await.status();
    assert!(booked.is_success() || booked.is_redirection(), "the first one is booked: {booked}");
    let clash = send(&app, post("/api/rooms/book", &good, Some(&staff))).await;
    assert_eq!(clash.status(), StatusCode::CONFLICT);
}

// 1,000 attempts from 50 clients at overlapping slots of one room, with course sessions added
// into the same room meanwhile: exactly the accepted requests are saved, they never overlap
// (pauses included), and every refused slot clashes with something saved — the outcome a
// sequential run in commit order would give.
on_both_databases!(concurrent_bookings_and_sessions_never_overlap);
async fn concurrent_bookings_and_sessions_never_overlap(db: DatabaseConnection) {
    use rand::{Rng, SeedableRng};
    seeded(&db).await;
    let staff = Arc::new(user(&db, "staff@demo.kz").await);
    let classroom = room(&db, ALMALY, RoomKind::Classroom).await;
    let pause = Duration::minutes(classroom.buffer_minutes.into());
    let course = course::Entity::find()
        .filter(course::Column::CentreId.eq(classroom.centre_id))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let day = saturday(7);
    let mut rng = rand::rngs::StdRng::seed_from_u64(20261126);
    // Inside Almaly's hours (10:00–22:00) in 15-minute steps, 30 to 120 minutes long: most pairs overlap.
    let attempts: Vec<(u32, u32)> = (0..1000)
        .map(|_| {
            let start = 10 * 60 + 15 * rng.random_range(0..40u32);
            let length = 30 * rng.random_range(1..=4u32);
            (start, (start + length).min(22 * 60))
        })
        .collect();
    let clock = |minutes: u32| format!("{:02}:{:02}", minutes / 60, minutes % 60);
    let uses_that_day =
        |bookings: &[booking::Model], sessions: &[course_session::Model]| -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
            let (from, until) = (at(day, 0, 0), at(day, 23, 59));
            bookings
                .iter()
                .map(|b| (b.starts_at, b.ends_at))
                .chain(sessions.iter().map(|s| (s.starts_at, s.ends_at)))
                .filter(|slot| slot.0 >= from && slot.0 < until)
                .collect()
        };
    let sessions_of_room =
        || course_session::Entity::find().filter(course_session::Column::RoomId.eq(classroom.id)).all(&db);
    let before = uses_that_day(&live_bookings(&db, classroom.id).await, &sessions_of_room().await.unwrap()).len();
    let mut tasks = Vec::new();
    for client in 0..50 {
        let mine: Vec<(u32, u32)> = attempts.iter().skip(client).step_by(50).copied().collect();
        let (db, staff, classroom, course) = (db.clone(), staff.clone(), classroom.clone(), course.clone());
        tasks.push(tokio::spawn(async move {
            let mut answers = Vec::new();
            for (index, (start, end)) in mine.into_iter().enumerate() {
                // Every tenth attempt of a few clients is a course session instead of a booking.
                if client % 5 == 0 && index % 10 == 0 {
                    let slot = (at(day, start / 60, start % 60), at(day, end / 60, end % 60));
                    let plan = SessionPlan { room_id: Some(classroom.id), slots: vec![slot] };
                    let result = youth_centres::staff::courses::store::add_sessions(&db, &course, plan).await;
                    answers.push(result.map(|_| ()));
                } else {
                    let form = form(&classroom, day, &clock(start), &clock(end), &format!("client {client} #{index}"));
                    answers.push(book(&db, &staff, Booker::Staff, form).await.map(|_| ()));
                }
            }
            answers
        }));
    }
    let mut accepted = 0;
    for task in tasks {
        for answer in task.await.expect("client task") {
            match answer {
                Ok(()) => accepted += 1,
                Err(AppError::RoomInUse(_)) | Err(AppError::InvalidInput { .. }) => {}
                Err(other) => panic!("every refusal says why, got {other:?}"),
            }
        }
    }
    let today_uses = uses_that_day(&live_bookings(&db, classroom.id).await, &sessions_of_room().await.unwrap());
    assert_eq!(today_uses.len(), before + accepted, "every accepted request is saved, nothing else");
    assert!(accepted > 3, "some requests succeed ({accepted})");
    for (i, a) in today_uses.iter().enumerate() {
        for b in &today_uses[i + 1..] {
            assert!(!slots_clash(*a, *b, pause), "two live uses overlap: {a:?} and {b:?}");
        }
    }
    // Maximal: every attempted slot that is not saved clashes with something saved.
    for (start, end) in &attempts {
        let slot = (at(day, start / 60, start % 60), at(day, end / 60, end % 60));
        assert!(
            today_uses.contains(&slot) || today_uses.iter().any(|taken| slots_clash(slot, *taken, pause)),
            "{slot:?} was refused although the room was free then"
        );
    }
}

on_both_databases!(feeds_show_a_person_their_bookings_and_everyone_only_busy_times);
async fn feeds_show_a_person_their_bookings_and_everyone_only_busy_times(db: DatabaseConnection) {
    seeded(&db).await;
    let app = test_app(&db);
    let staff = user(&db, "staff@demo.kz").await;
    let classroom = room(&db, ALMALY, RoomKind::Classroom).await;
    let day = saturday(8);
    assert_eq!(book(&db, &staff, Booker::Staff, form(&classroom, day, "10:00", "11:00", "Board meeting")).await, Ok(1));

    let cookie = sign_in(&app, "staff@demo.kz").await;
    let link: String =
        serde_json::from_str(&text(send(&app, post("/api/rooms/feed_link", "", Some(&cookie))).await).await)
            .expect("the feed URL");
    let path =
        link.split_once("/bookings/").map(|(_, file)| format!("/bookings/{file}")).expect("a bookings feed path");
    let mine = send(&app, support::http::get(&path, None)).await;
    assert_eq!(mine.status(), StatusCode::OK);
    let mine = text(mine).await;
    assert!(mine.contains("BEGIN:VCALENDAR") && mine.contains("Board meeting"), "{mine}");
    let again: String =
        serde_json::from_str(&text(send(&app, post("/api/rooms/feed_link", "", Some(&cookie))).await).await)
            .expect("the feed URL");
    assert_eq!(again, link, "the link stays the same");

    let busy = text(send(&app, support::http::get(&format!("/room-calendar/{}.ics", classroom.id), None)).await).await;
    assert!(busy.contains("Busy"), "{busy}");
    assert!(!busy.contains("Board meeting"), "the public room feed names no purpose");
    for unknown in ["/bookings/not-a-token.ics", "/room-calendar/999999.ics", "/room-calendar/abc.ics"] {
        assert_eq!(send(&app, support::http::get(unknown, None)).await.status(), StatusCode::NOT_FOUND, "{unknown}");
    }
}

on_both_databases!(utilisation_counts_booked_hours_against_open_hours);
async fn utilisation_counts_booked_hours_against_open_hours(db: DatabaseConnection) {
    seeded(&db).await;
    let app = test_app(&db);
    let staff = user(&db, "staff@demo.kz").await;
    let almaly = centre::Entity::find().filter(centre::Column::Slug.eq(ALMALY)).one(&db).await.unwrap().unwrap();
    let classroom = room(&db, ALMALY, RoomKind::Classroom).await;
    let day = saturday(9);
    let month = day.with_day(1).unwrap();
    let booked_in = |report: &youth_centres::booking::domain::UsageReport| {
        report
            .rooms
            .iter()
            .find(|row| row.name.en == classroom.name_en)
            .map(|row| (row.booked_minutes, row.open_minutes))
    };
    let before = store::usage(&db, &almaly, month, false).await.unwrap();
    assert!(before.centres.is_empty() && before.city.is_none(), "staff see their own centre only");
    let (booked_before, open) = booked_in(&before).expect("the classroom is in the report");
    // Almaly opens 10:00–22:00 every day.
    let days = (youth_centres::booking::domain::next_month(month) - month).num_days();
    assert_eq!(open, 12 * 60 * days);
    assert_eq!(book(&db, &staff, Booker::Staff, form(&classroom, day, "12:00", "14:00", "Workshop")).await, Ok(1));
    let after = store::usage(&db, &almaly, month, true).await.unwrap();
    assert_eq!(booked_in(&after).map(|(booked, _)| booked), Some(booked_before + 120));
    let city = after.city.expect("admins see the city");
    assert_eq!(after.districts.len(), 8, "every district has an open centre");
    assert_eq!(city.booked_minutes, after.districts.iter().map(|d| d.booked_minutes).sum::<i64>());

    let cookie = sign_in(&app, "staff@demo.kz").await;
    let csv = send(
        &app,
        support::http::get(&format!("/staff/rooms/usage.csv?month={}&lang=ru", month.format("%Y-%m")), Some(&cookie)),
    )
    .await;
    assert_eq!(csv.status(), StatusCode::OK);
    let csv = text(csv).await;
    assert!(csv.starts_with('\u{feff}'), "a BOM so Excel reads Cyrillic");
    assert!(csv.contains("Загрузка, %") && csv.contains(&classroom.name_ru), "{csv}");
    let other = sign_in(&app, "mentor@demo.kz").await;
    assert_eq!(
        send(&app, support::http::get("/staff/rooms/usage.csv", Some(&other))).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(send(&app, support::http::get("/staff/rooms/usage.csv", None)).await.status(), StatusCode::UNAUTHORIZED);
    let bad_month = send(&app, support::http::get("/staff/rooms/usage.csv?month=2026-99", Some(&cookie))).await;
    assert_eq!(bad_month.status(), StatusCode::BAD_REQUEST);
}

// Staff set their centre's weekly limits on the desk; the booker applies them at once, to
// residents and staff alike, and only at that centre. Bad limits change nothing.
on_both_databases!(a_centre_sets_its_own_weekly_limits);
async fn a_centre_sets_its_own_weekly_limits(db: DatabaseConnection) {
    seeded(&db).await;
    let app = test_app(&db);
    let staff_session = sign_in(&app, "staff@demo.kz").await;
    let limits = |changes: &[(&str, &str)]| {
        let mut body = form_urlencoded::Serializer::new(String::new());
        body.append_pair("centre", ALMALY);
        for (booker, kind) in youth_centres::booking::domain::quota_choices() {
            let key = youth_centres::booking::domain::quota_key(booker, kind);
            let value = changes.iter().find(|(changed, _)| *changed == key).map_or("", |(_, value)| *value);
            body.append_pair(&format!("limits[{key}]"), value);
        }
        body.finish()
    };
    let save = |body: String| send(&app, post("/api/rooms/quotas", &body, Some(&staff_session)));

    // Bad input: a clear 400 naming the limit, and the defaults stay.
    for bad in [limits(&[("staff-classroom", "169")]), limits(&[("staff-classroom", "two")])] {
        let response = save(bad).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let error: AppError = serde_json::from_str(&text(response).await).expect("typed error");
        assert!(matches!(error, AppError::InvalidInput { field: Field::WeeklyLimit, .. }), "{error:?}");
    }
    let almaly = centre::Entity::find().filter(centre::Column::Slug.eq(ALMALY)).one(&db).await.unwrap().unwrap();
    assert!(store::centre_quotas(&db, almaly.id).await.unwrap().is_empty(), "nothing saved");

    // Residents: 1.5 studio hours a week here; staff: 2 classroom hours.
    let saved = save(limits(&[("resident-recording-studio", "1,5"), ("staff-classroom", "2")])).await.status();
    assert!(saved.is_success(), "{saved}");
    let resident = user(&db, "resident@demo.kz").await;
    let staff = user(&db, "staff@demo.kz").await;
    let studio = room(&db, ALMALY, RoomKind::RecordingStudio).await;
    let classroom = room(&db, ALMALY, RoomKind::Classroom).await;
    let week = saturday(6);
    let over = Err(AppError::invalid(Field::Quota, InputProblem::OutOfRange));
    assert_eq!(book(&db, &resident, Booker::Resident, form(&studio, week, "10:00", "12:00", "Demo")).await, over);
    assert_eq!(book(&db, &resident, Booker::Resident, form(&studio, week, "10:00", "11:30", "Demo")).await, Ok(1));
    assert_eq!(book(&db, &staff, Booker::Staff, form(&classroom, week, "10:00", "12:30", "Workshop")).await, over);
    assert_eq!(book(&db, &staff, Booker::Staff, form(&classroom, week, "10:00", "12:00", "Workshop")).await, Ok(1));
    // The week page tells the resident where they stand.
    let grid = store::room_week(&db, &almaly, week - Duration::days(5), None, Some(&resident), Utc::now())
        .await
        .unwrap()
        .unwrap();
    let studio_quota = grid.quotas.iter().find(|quota| quota.kind == RoomKind::RecordingStudio).expect("studio quota");
    assert_eq!((studio_quota.used_minutes, studio_quota.quota_minutes), (90, 90));

    // Another centre keeps the default of 4 studio hours a week (counted over every centre):
    // 1.5 h booked at Almaly leave 2.5 h there.
    let medeu_studio = room(&db, "medeu-youth-centre", RoomKind::RecordingStudio).await;
    assert_eq!(book(&db, &resident, Booker::Resident, form(&medeu_studio, week, "14:00", "17:00", "Demo")).await, over);
    assert_eq!(
        book(&db, &resident, Booker::Resident, form(&medeu_studio, week, "14:00", "16:30", "Demo")).await,
        Ok(1)
    );
    // Staff of another centre are refused by the authorization matrix (`/api/rooms/quotas`).
}

// With the page cache on, anonymous visitors share one rendering of the week page until somebody
// books: the booking shows on the very next view. Signed-in staff always get a fresh page, and
// every answer carries a nonce of its own.
on_both_databases!(the_week_page_is_cached_for_visitors_until_somebody_books);
async fn the_week_page_is_cached_for_visitors_until_somebody_books(db: DatabaseConnection) {
    use youth_centres::server::http::{AppState, HttpSettings, router_with};
    seeded(&db).await;
    let options = leptos::prelude::LeptosOptions::builder().output_name("youth_centres").build();
    let settings = HttpSettings {
        page_cache_ttl: std::time::Duration::from_secs(600),
        ..HttpSettings::new("http://127.0.0.1:3000")
    };
    let app = router_with(AppState { leptos_options: options, db: db.clone() }, settings);
    let week = saturday(8) - Duration::days(5);
    let page = format!("/centres/{ALMALY}/rooms?week={week}");
    let view = |cookie: Option<String>| {
        let app = app.clone();
        let page = page.clone();
        async move {
            let response = send(&app, get_page(&page, cookie.as_deref())).await;
            assert_eq!(response.status(), StatusCode::OK);
            let policy = response.headers()[axum::http::header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
            let body = text(response).await;
            (body.matches("data-testid=\"grid-use\"").count(), policy)
        }
    };
    let (uses_before, first_policy) = view(None).await;
    let (uses_again, second_policy) = view(None).await;
    assert_eq!(uses_again, uses_before);
    assert_ne!(first_policy, second_policy, "a fresh nonce on every answer");

    // A booking written behind the server's back (another server) waits for the cache to expire…
    let staff = user(&db, "staff@demo.kz").await;
    let classroom = room(&db, ALMALY, RoomKind::Classroom).await;
    assert_eq!(book(&db, &staff, Booker::Staff, form(&classroom, saturday(8), "10:00", "11:00", "Quiet")).await, Ok(1));
    assert_eq!(view(None).await.0, uses_before, "served from the cache");
    // …but staff, signed in, see it at once.
    let staff_session = sign_in(&app, "staff@demo.kz").await;
    assert_eq!(view(Some(staff_session.clone())).await.0, uses_before + 1);

    // A booking made through this server shows on the visitor's next view.
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("form[room]", &classroom.id.to_string())
        .append_pair("form[date]", &saturday(8).to_string())
        .append_pair("form[starts]", "14:00")
        .append_pair("form[ends]", "15:00")
        .append_pair("form[purpose]", "Loud")
        .finish();
    let booked = send(&app, post("/api/rooms/book", &body, Some(&staff_session))).await.status();
    assert!(booked.is_success() || booked.is_redirection(), "{booked}");
    assert_eq!(view(None).await.0, uses_before + 2);
}

/// A page request as a browser sends it (HTML, not the JSON of a server function).
fn get_page(path: &str, cookie: Option<&str>) -> axum::http::Request<axum::body::Body> {
    let mut request = axum::http::Request::get(path).header(axum::http::header::ACCEPT, "text/html");
    if let Some(cookie) = cookie {
        request = request.header(axum::http::header::COOKIE, cookie);
    }
    request.body(axum::body::Body::empty()).expect("request")
}

// The week grid, the clash check before every booking and the quota count read bookings through
// indexes, so their cost does not grow with the history of bookings (the benchmark
// `bench-bookings` measures it; this test keeps the plans from regressing). PostgreSQL is asked
// with sequential scans priced out, so a sequential scan in its plan means no index fits.
on_both_databases!(booking_reads_use_indexes_not_scans);
async fn booking_reads_use_indexes_not_scans(db: DatabaseConnection) {
    use sea_orm::{ConnectionTrait, DbBackend, QueryTrait, TransactionTrait};
    seeded(&db).await;
    let backend = db.get_database_backend();
    let classroom = room(&db, ALMALY, RoomKind::Classroom).await;
    let (from, until) = (at(saturday(6), 0, 0), at(saturday(7), 0, 0));
    let week_bookings = booking::Entity::find()
        .filter(booking::Column::RoomId.is_in([classroom.id, classroom.id + 1]))
        .filter(store::booking_overlaps(from, until))
        .filter(booking::Column::Status.is_in(BookingStatus::LIVE))
        .build(backend);
    let week_sessions = course_session::Entity::find()
        .filter(course_session::Column::RoomId.is_in([classroom.id]))
        .filter(store::session_overlaps(from, until))
        .build(backend);
    let own_bookings = booking::Entity::find()
        .filter(booking::Column::BookedBy.eq(1))
        .filter(booking::Column::StartsAt.gte(from))
        .filter(booking::Column::StartsAt.lt(until))
        .build(backend);
    let txn = db.begin().await.unwrap();
    if backend == DbBackend::Postgres {
        txn.execute_unprepared("SET LOCAL enable_seqscan = off").await.unwrap();
    }
    for (label, statement, index) in [
        ("week grid bookings", week_bookings, "ix_booking_room_id_starts_at"),
        ("week grid sessions", week_sessions, "ix_course_session_room_id_starts_at"),
        ("quota count", own_bookings, "ix_booking_booked_by_starts_at"),
    ] {
        let plan = support::query_plan(&txn, statement).await;
        match backend {
            DbBackend::Sqlite => assert!(plan.contains(index), "{label} uses {index}:\n{plan}"),
            // PostgreSQL may pick the exclusion constraint's GiST index instead: any index will do.
            _ => assert!(!plan.contains("Seq Scan"), "{label} uses an index:\n{plan}"),
        }
    }
    txn.commit().await.unwrap();
}
