//! Staff run their centre's courses: create one, schedule it, edit it, download its roster; rooms
//! never hold two things at once, on SQLite and PostgreSQL. Through the real router where the
//! user's path matters, through the store where concurrency does.
use crate::support;

use axum::http::StatusCode;
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};
use std::sync::Arc;
use support::http::{get, post, send, sign_in, test_app, text};
use youth_centres::booking::domain::BookingStatus;
use youth_centres::catalogue::search::domain::CourseFilters;
use youth_centres::enrolment::domain::EnrolmentStatus;
use youth_centres::enrolment::store as enrolment_store;
use youth_centres::error::{AppError, Field, InUseBy, InputProblem};
use youth_centres::server::entities::*;
use youth_centres::server::seed::{self, ScaleOptions};
use youth_centres::staff::courses::domain::SessionPlan;
use youth_centres::staff::courses::store;

const ALMALY: &str = "almaly-youth-centre";

fn today() -> NaiveDate {
    youth_centres::time::almaty_today(Utc::now())
}

async fn seeded(db: &DatabaseConnection) {
    seed::seed(db, today(), ScaleOptions::default()).await.expect("seed");
}

async fn centre_named(db: &DatabaseConnection, slug: &str) -> centre::Model {
    centre::Entity::find().filter(centre::Column::Slug.eq(slug)).one(db).await.unwrap().expect("centre")
}

async fn room_of(db: &DatabaseConnection, centre_slug: &str) -> room::Model {
    let centre = centre_named(db, centre_slug).await;
    room::Entity::find()
        .filter(room::Column::CentreId.eq(centre.id))
        .order_by_asc(room::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("the centre has rooms")
}

async fn course_by_slug(db: &DatabaseConnection, slug: &str) -> Option<course::Model> {
    course::Entity::find().filter(course::Column::Slug.eq(slug)).one(db).await.unwrap()
}

/// A course of the Almaly centre that the 20-year-olds of `support::residents` may join.
async fn course_for_adults(db: &DatabaseConnection) -> course::Model {
    course::Entity::find()
        .filter(course::Column::CentreId.eq(centre_named(db, ALMALY).await.id))
        .filter(course::Column::MinAge.lte(20))
        .filter(course::Column::MaxAge.gte(21))
        .order_by_asc(course::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("the demo centre has a course for adults")
}

/// The course form as a browser posts it (`form[field]=value`, URL-encoded).
fn course_form(fields: &[(&str, &str)]) -> String {
    let defaults = [
        ("category", "media"),
        ("title_kk", "Қысқа бейне түсіру"),
        ("title_ru", "Съёмка коротких видео"),
        ("title_en", "Short video making"),
        ("description_ru", "Снимаем и монтируем короткие видео на телефон."),
        ("language", "ru"),
        ("format", "offline"),
        ("min_age", "14"),
        ("max_age", "29"),
        ("capacity", "12"),
        ("instructor", "Айгерим Садыкова"),
        ("riasec", "AE"),
    ];
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (name, default) in defaults {
        let value = fields.iter().find(|(field, _)| *field == name).map_or(default, |(_, value)| value);
        serializer.append_pair(&format!("form[{name}]"), value);
    }
    for (name, value) in fields.iter().filter(|(name, _)| !defaults.iter().any(|(known, _)| known == name)) {
        serializer.append_pair(name, value);
    }
    serializer.finish()
}

fn session_form(course: &str, date: NaiveDate, starts: &str, ends: &str, room: &str, weeks: u32) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("course", course)
        .append_pair("session[date]", &date.to_string())
        .append_pair("session[starts]", starts)
        .append_pair("session[ends]", ends)
        .append_pair("session[room]", room)
        .append_pair("session[weeks]", &weeks.to_string())
        .finish()
}

async fn error_of(response: axum::response::Response) -> AppError {
    serde_json::from_str(&text(response).await).expect("a typed error")
}

/// A date a week ahead that is a Monday, so the weekday filter has something definite to find.
fn next_monday_after_a_week() -> NaiveDate {
    use chrono::Datelike;
    let start = today() + Duration::days(7);
    start + Duration::days(i64::from((7 - start.weekday().num_days_from_monday()) % 7))
}

on_both_databases!(staff_create_and_schedule_a_course_that_residents_then_find);
async fn staff_create_and_schedule_a_course_that_residents_then_find(db: DatabaseConnection) {
    seeded(&db).await;
    let app = test_app(&db);
    let staff = sign_in(&app, "staff@demo.kz").await;

    // A refused form names its field and writes nothing.
    let refused = send(
        &app,
        post("/api/staff/create_course", &course_form(&[("centre", ALMALY), ("max_age", "12")]), Some(&staff)),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_of(refused).await, AppError::invalid(Field::MaxAge, InputProblem::OutOfRange));
    let courses_before = course::Entity::find().all(&db).await.unwrap().len();

    let created = send(&app, post("/api/staff/create_course", &course_form(&[("centre", ALMALY)]), Some(&staff))).await;
    assert!(created.status().is_success() || created.status().is_redirection(), "{}", created.status());
    assert_eq!(course::Entity::find().all(&db).await.unwrap().len(), courses_before + 1);
    let course =
        course_by_slug(&db, "short-video-making-almaly").await.expect("slug from the English title and district");
    assert_eq!(course.centre_id, centre_named(&db, ALMALY).await.id);
    assert_eq!((course.capacity, course.min_age, course.max_age), (12, 14, 29));
    assert!(course.search_text.contains("съемка коротких видео"), "folded for search: {}", course.search_text);

    // A second course with the same title gets the next free slug.
    let again = send(&app, post("/api/staff/create_course", &course_form(&[("centre", ALMALY)]), Some(&staff))).await;
    assert!(!again.status().is_client_error());
    assert!(course_by_slug(&db, "short-video-making-almaly-2").await.is_some());

    // Three Mondays at 18:30 in a room of the centre.
    let room = room_of(&db, ALMALY).await;
    let monday = next_monday_after_a_week();
    let body = session_form(&course.slug, monday, "18:30", "20:00", &room.id.to_string(), 3);
    let added = send(&app, post("/api/staff/add_sessions", &body, Some(&staff))).await;
    assert_eq!(added.status(), StatusCode::OK);
    assert_eq!(text(added).await, "3");
    let sessions = course_session::Entity::find()
        .filter(course_session::Column::CourseId.eq(course.id))
        .order_by_asc(course_session::Column::StartsAt)
        .all(&db)
        .await
        .unwrap();
    let shown: Vec<String> = sessions.iter().map(|s| youth_centres::time::format_almaty(s.starts_at)).collect();
    let expected: Vec<String> =
        (0..3).map(|week| format!("{} 18:30", (monday + Duration::weeks(week)).format("%d.%m.%Y"))).collect();
    assert_eq!(shown, expected);

    // Residents find it by Monday evening and by a word of its Russian title.
    let filters = CourseFilters::from_query_string("weekday=mon&time=evening&q=Съёмка").expect("valid filters");
    let found =
        youth_centres::catalogue::search::store::search_courses(&db, &filters, Utc::now()).await.expect("search");
    assert!(found.results.courses.iter().any(|card| card.slug == course.slug), "the new course is in the catalogue");

    // The same room at an overlapping time is refused, naming the room.
    let second = course_by_slug(&db, "short-video-making-almaly-2").await.unwrap();
    let clash = session_form(&second.slug, monday + Duration::weeks(1), "19:00", "20:30", &room.id.to_string(), 1);
    let refused = send(&app, post("/api/staff/add_sessions", &clash, Some(&staff))).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    match error_of(refused).await {
        AppError::RoomInUse(in_use) => {
            let InUseBy::CourseSession { title: Some(title) } = in_use.by else {
                panic!("the refusal names the course in the way: {in_use:?}")
            };
            assert_eq!(title.en, course.title_en, "names the course whose session is in the way");
        }
        other => panic!("expected the room in use, got {other:?}"),
    }

    // A room of another centre is not this course's to use.
    let foreign_room = room_of(&db, "medeu-youth-centre").await;
    let elsewhere = session_form(&second.slug, monday, "10:00", "11:00", &foreign_room.id.to_string(), 1);
    let refused = send(&app, post("/api/staff/add_sessions", &elsewhere, Some(&staff))).await;
    assert_eq!(error_of(refused).await, AppError::invalid(Field::Room, InputProblem::Unknown));

    // Removing a session frees its time.
    let removed = format!("course={}&session_id={}", course.slug, sessions[1].id);
    assert_eq!(send(&app, post("/api/staff/remove_session", &removed, Some(&staff))).await.status(), StatusCode::OK);
    let now_free = send(&app, post("/api/staff/add_sessions", &clash, Some(&staff))).await;
    assert_eq!(now_free.status(), StatusCode::OK);
    // Someone else's session id is not found through this course.
    let not_mine = format!("course={}&session_id={}", second.slug, sessions[0].id);
    assert_eq!(
        send(&app, post("/api/staff/remove_session", &not_mine, Some(&staff))).await.status(),
        StatusCode::NOT_FOUND
    );

    // Staff of another centre cannot create courses here.
    let other = sign_in(&app, "admin@demo.kz").await;
    let listed = send(&app, post("/api/staff/courses", "centre=almaly-youth-centre", Some(&other))).await;
    assert!(text(listed).await.contains("short-video-making-almaly"), "an admin sees the centre's courses");
}

on_both_databases!(a_room_refuses_sessions_over_bookings_and_its_pause);
async fn a_room_refuses_sessions_over_bookings_and_its_pause(db: DatabaseConnection) {
    seeded(&db).await;
    let room = room_of(&db, ALMALY).await;
    let course =
        course::Entity::find().filter(course::Column::CentreId.eq(room.centre_id)).one(&db).await.unwrap().unwrap();
    let staff =
        app_user::Entity::find().filter(app_user::Column::Login.eq("staff@demo.kz")).one(&db).await.unwrap().unwrap();
    let day = today() + Duration::days(30);
    let at =
        |hour: u32, minute: u32| youth_centres::time::from_almaty(day.and_hms_opt(hour, minute, 0).unwrap()).unwrap();
    booking::ActiveModel {
        room_id: Set(room.id),
        booked_by: Set(staff.id),
        starts_at: Set(at(14, 0)),
        ends_at: Set(at(16, 0)),
        purpose: Set("Podcast recording".into()),
        status: Set(BookingStatus::Confirmed),
        series_id: Set(None),
        created_at: Set(Utc::now()),
        attendees: Set(3),
        blocked_until: Set(at(16, 0) + Duration::minutes(room.buffer_minutes.into())),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let plan = |from: (u32, u32), to: (u32, u32)| SessionPlan {
        room_id: Some(room.id),
        slots: vec![(at(from.0, from.1), at(to.0, to.1))],
    };

    let over_booking = store::add_sessions(&db, &course, plan((15, 0), (17, 0))).await;
    let Err(AppError::RoomInUse(in_use)) = over_booking else { panic!("refused over the booking: {over_booking:?}") };
    assert_eq!(
        in_use.by,
        InUseBy::Booking { purpose: Some("Podcast recording".into()) },
        "staff see what is in the way"
    );
    let pause = i64::from(room.buffer_minutes);
    let right_after = at(16, 0) + Duration::minutes(pause);
    let fits = SessionPlan { room_id: Some(room.id), slots: vec![(right_after, right_after + Duration::hours(1))] };
    assert_eq!(store::add_sessions(&db, &course, fits).await, Ok(1), "after the room's {pause}-minute pause");
    if pause > 0 {
        let too_soon = at(16, 0) + Duration::minutes(pause - 1);
        let plan = SessionPlan { room_id: Some(room.id), slots: vec![(too_soon, too_soon + Duration::hours(1))] };
        assert!(store::add_sessions(&db, &course, plan).await.is_err(), "inside the pause");
    }
    // A cancelled booking frees the room.
    booking::Entity::update_many()
        .col_expr(booking::Column::Status, sea_orm::sea_query::Expr::value(BookingStatus::Cancelled))
        .exec(&db)
        .await
        .unwrap();
    assert_eq!(store::add_sessions(&db, &course, plan((14, 0), (15, 0))).await, Ok(1));
}

on_both_databases!(concurrent_staff_cannot_put_two_courses_in_one_room_at_once);
async fn concurrent_staff_cannot_put_two_courses_in_one_room_at_once(db: DatabaseConnection) {
    seeded(&db).await;
    let room = room_of(&db, ALMALY).await;
    let courses = course::Entity::find().filter(course::Column::CentreId.eq(room.centre_id)).all(&db).await.unwrap();
    assert!(courses.len() >= 2, "the demo centre has several courses");
    // A Saturday about six weeks ahead: the seed's course sessions fall on weekdays, so on a
    // weekday this slot was sometimes already taken (the test then failed depending on the date).
    use chrono::Datelike;
    let later = today() + Duration::days(40);
    let day = later + Duration::days((12 - i64::from(later.weekday().num_days_from_monday())) % 7);
    assert_eq!(day.weekday(), chrono::Weekday::Sat);
    let starts = youth_centres::time::from_almaty(day.and_hms_opt(11, 0, 0).unwrap()).unwrap();
    let db = Arc::new(db);
    let attempts: Vec<_> = (0..12)
        .map(|n| {
            let db = db.clone();
            let course = courses[n % courses.len()].clone();
            // Each attempt is shifted a little: every pair still overlaps.
            let from = starts + Duration::minutes(n as i64);
            let plan = SessionPlan { room_id: Some(room.id), slots: vec![(from, from + Duration::hours(1))] };
            tokio::spawn(async move { store::add_sessions(&db, &course, plan).await })
        })
        .collect();
    let mut accepted = 0;
    for attempt in attempts {
        match attempt.await.expect("task") {
            Ok(count) => accepted += count,
            Err(error) => assert!(matches!(error, AppError::RoomInUse(_)), "refused as in use: {error:?}"),
        }
    }
    assert_eq!(accepted, 1, "exactly one of the overlapping sessions gets the room");
    let in_window = course_session::Entity::find()
        .filter(course_session::Column::RoomId.eq(room.id))
        .filter(course_session::Column::StartsAt.gte(starts))
        .filter(course_session::Column::StartsAt.lt(starts + Duration::hours(1)))
        .all(&*db)
        .await
        .unwrap();
    assert_eq!(in_window.len(), 1);
}

on_both_databases!(editing_capacity_promotes_the_waiting_list_and_a_refused_save_changes_nothing);
async fn editing_capacity_promotes_the_waiting_list_and_a_refused_save_changes_nothing(db: DatabaseConnection) {
    seeded(&db).await;
    let app = test_app(&db);
    let staff = sign_in(&app, "staff@demo.kz").await;
    // A full 3-seat course with two residents waiting.
    let course = course_for_adults(&db).await;
    let mut row: course::ActiveModel = course.clone().into();
    row.capacity = Set(3);
    row.update(&db).await.unwrap();
    let residents = support::residents::add_residents(&db, "wait", 5, support::residents::adult_birth_date()).await;
    for resident in &residents {
        enrolment_store::enrol(&db, course.id, *resident, Utc::now()).await.expect("enrol");
    }

    let edit = |capacity: &str, title_ru: &str| {
        let mut body = course_form(&[("capacity", capacity), ("title_ru", title_ru), ("course", &course.slug)]);
        body.push_str("&form%5Blate_enrolment%5D=on");
        body
    };
    // Below the seats taken: refused, and the new title is not half-saved either.
    let refused = send(&app, post("/api/staff/update_course", &edit("2", "Новое название"), Some(&staff))).await;
    assert_eq!(error_of(refused).await, AppError::invalid(Field::Capacity, InputProblem::OutOfRange));
    let unchanged = course_by_slug(&db, &course.slug).await.unwrap();
    assert_eq!((unchanged.title_ru.as_str(), unchanged.capacity), (course.title_ru.as_str(), 3));

    let saved = send(&app, post("/api/staff/update_course", &edit("5", "Новое название"), Some(&staff))).await;
    assert_eq!(saved.status(), StatusCode::OK);
    assert_eq!(text(saved).await, "2", "two residents moved from the waiting list");
    let edited = course_by_slug(&db, &course.slug).await.unwrap();
    assert_eq!((edited.title_ru.as_str(), edited.capacity, edited.seats_taken), ("Новое название", 5, 5));
    assert!(edited.late_enrolment_allowed);
    assert!(edited.search_text.contains("новое название"));
    let statuses: Vec<EnrolmentStatus> = enrolment::Entity::find()
        .filter(enrolment::Column::CourseId.eq(course.id))
        .order_by_asc(enrolment::Column::Position)
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.status)
        .collect();
    assert_eq!(statuses, vec![EnrolmentStatus::Enrolled; 5]);

    // Mentors (and anyone not running this centre) are refused.
    let mentor = sign_in(&app, "mentor@demo.kz").await;
    let forbidden = send(&app, post("/api/staff/update_course", &edit("9", "Чужое"), Some(&mentor))).await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
}

on_both_databases!(staff_download_the_roster_as_a_spreadsheet);
async fn staff_download_the_roster_as_a_spreadsheet(db: DatabaseConnection) {
    seeded(&db).await;
    let app = test_app(&db);
    let course = course_for_adults(&db).await;
    let mut row: course::ActiveModel = course.clone().into();
    row.capacity = Set(1);
    row.update(&db).await.unwrap();
    let mut residents = support::residents::add_residents(&db, "csv", 2, support::residents::adult_birth_date()).await;
    // Names and logins accept what a spreadsheet would run as a formula.
    let formulas = ["=HYPERLINK(\"http://evil.example\",\"Open\")", "+1+2", "-2+3", "@SUM(A1:A9)", "\tTab", "\rReturn"];
    let formula_residents =
        support::residents::add_residents(&db, "formula", formulas.len(), support::residents::adult_birth_date()).await;
    for (resident_id, name) in formula_residents.iter().zip(formulas) {
        let mut row: resident::ActiveModel =
            resident::Entity::find_by_id(*resident_id).one(&db).await.unwrap().expect("resident").into();
        row.full_name = Set(name.to_owned());
        row.search_name = Set(youth_centres::forms::search::fold_for_search(name));
        row.update(&db).await.unwrap();
    }
    residents.extend(&formula_residents);
    for resident in &residents {
        enrolment_store::enrol(&db, course.id, *resident, Utc::now()).await.expect("enrol");
    }
    let path = format!("/staff/courses/{}/roster.csv?lang=ru", course.slug);

    assert_eq!(send(&app, get(&path, None)).await.status(), StatusCode::UNAUTHORIZED);
    let resident = sign_in(&app, "resident@demo.kz").await;
    assert_eq!(send(&app, get(&path, Some(&resident))).await.status(), StatusCode::FORBIDDEN);

    let staff = sign_in(&app, "staff@demo.kz").await;
    let response = send(&app, get(&path, Some(&staff))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.contains(&format!("roster-{}.csv", course.slug)), "{disposition}");
    let body = text(response).await;
    assert!(body.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let lines: Vec<&str> = body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "ФИО,Телефон,E-mail,Статус,Присутствовал(а)");
    assert!(lines[1].starts_with("Resident csv-0@test.kz,") && lines[1].contains(",Записан(а)"), "{}", lines[1]);
    assert!(lines[2].starts_with("Resident csv-1@test.kz,") && lines[2].contains("В очереди: 1"), "{}", lines[2]);
    // No cell starts a formula: the formula-like names come back as text behind a single quote.
    let mut reader = csv::Reader::from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|row| row.expect("a CSV row")).collect();
    assert_eq!(rows.len(), 2 + formulas.len(), "one enrolled, the others waiting: {body}");
    let names: Vec<&str> = rows.iter().skip(2).map(|row| &row[0]).collect();
    let quoted: Vec<String> = formulas.iter().map(|formula| format!("'{formula}")).collect();
    assert_eq!(names, quoted);
    for cell in rows.iter().flat_map(|row| row.iter()) {
        assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "a live formula: {cell:?}");
    }

    assert_eq!(
        send(&app, get("/staff/courses/no-such-course/roster.csv", Some(&staff))).await.status(),
        StatusCode::NOT_FOUND
    );
}
