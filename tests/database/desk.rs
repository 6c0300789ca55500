//! The centre's desk through the real router, on SQLite and PostgreSQL: staff find a resident by
//! card number, card link or name, mark today's session attended (once, and the roster shows it),
//! record drop-ins from any district (once per purpose and day, also from two desks at once), and
//! bad input or another centre's session is refused with nothing written.
use crate::support;

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use support::http::{post, send, sign_in, test_app, text};
use youth_centres::accounts::domain::Role;
use youth_centres::enrolment::domain::EnrolmentStatus;
use youth_centres::server::entities::{app_user, centre, course, course_session, enrolment, resident, visit};
use youth_centres::server::seed::{self, DEMO_PASSWORD, ScaleOptions};
use youth_centres::time::{almaty_today, from_almaty};

struct Desk {
    app: axum::Router,
    staff: String,
    resident: resident::Model,
    course: course::Model,
    session_id: i32,
}

/// The demo data as of today, and the demo resident enrolled in an Almaly course with a session
/// today (at 00:30 Almaty time, so it is today whenever the test runs).
async fn desk_with_a_session_today(db: &DatabaseConnection) -> Desk {
    let today = almaty_today(Utc::now());
    seed::seed(db, today, ScaleOptions::default()).await.expect("seed");
    let almaly = centre::Entity::find().filter(centre::Column::Slug.eq("almaly-youth-centre")).one(db).await;
    let almaly = almaly.unwrap().expect("Almaly centre");
    let course = course::Entity::find()
        .filter(course::Column::CentreId.eq(almaly.id))
        .order_by_asc(course::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("an Almaly course");
    let starts = from_almaty(today.and_hms_opt(0, 30, 0).expect("time")).expect("instant");
    let session = course_session::ActiveModel::scheduled(course.id, None, starts, starts + Duration::hours(1))
        .insert(db)
        .await
        .expect("a session today");
    let user = app_user::Entity::find().filter(app_user::Column::Login.eq("resident@demo.kz")).one(db).await.unwrap();
    let resident = resident::Entity::of_account(db, user.expect("demo resident").id).await.expect("resident");
    enrolment::Entity::delete_many()
        .filter(enrolment::Column::CourseId.eq(course.id))
        .filter(enrolment::Column::ResidentId.eq(resident.id))
        .exec(db)
        .await
        .unwrap();
    enrolment::ActiveModel {
        course_id: Set(course.id),
        resident_id: Set(resident.id),
        status: Set(EnrolmentStatus::Enrolled),
        position: Set(1_000_000),
        requested_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        attended: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("enrolled");
    let app = test_app(db);
    let staff = sign_in(&app, "staff@demo.kz").await;
    Desk { app, staff, resident, course, session_id: session.id }
}

async fn call(app: &axum::Router, path: &str, body: &str, cookie: &str) -> (StatusCode, serde_json::Value) {
    let response = send(app, post(path, body, Some(cookie))).await;
    let status = response.status();
    let body = text(response).await;
    (status, serde_json::from_str(&body).unwrap_or(serde_json::Value::String(body)))
}

/// Registers a resident of Medeu (not Almaly) through the API; their resident record.
async fn register(db: &DatabaseConnection, app: &axum::Router, full_name: &str, login: &str) -> resident::Model {
    let registration = format!(
        "full_name={}&birth_date=2003-03-03&district=medeu&contact={}&occupation=working\
         &password={DEMO_PASSWORD}&data_consent=on",
        encoded(full_name),
        encoded(login)
    );
    let registered = send(app, post("/api/residents/register", &registration, None)).await;
    assert!(registered.status().is_success(), "{}", registered.status());
    let user = app_user::Entity::find().filter(app_user::Column::Login.eq(login)).one(db).await.unwrap();
    resident::Entity::of_account(db, user.expect("registered").id).await.expect("resident record")
}

fn encoded(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn visits(db: &DatabaseConnection) -> u64 {
    visit::Entity::find().count(db).await.unwrap()
}

on_both_databases!(a_second_check_in_for_todays_session_changes_nothing_and_the_roster_shows_attended);
async fn a_second_check_in_for_todays_session_changes_nothing_and_the_roster_shows_attended(db: DatabaseConnection) {
    let desk = desk_with_a_session_today(&db).await;
    let (status, found) =
        call(&desk.app, "/api/desk/find", &format!("card={}", encoded(&desk.resident.card_number)), &desk.staff).await;
    assert_eq!(status, StatusCode::OK, "{found}");
    let found = &found["Resident"];
    assert_eq!(found["full_name"].as_str(), Some(desk.resident.full_name.as_str()));
    let sessions = found["sessions_today"].as_array().expect("sessions today");
    let today = sessions.iter().find(|session| session["session_id"] == desk.session_id).expect("today's session");
    assert_eq!(today["attended"], false);

    let attend = format!("resident={}&session={}", desk.resident.id, desk.session_id);
    let (status, first) = call(&desk.app, "/api/desk/attend", &attend, &desk.staff).await;
    assert_eq!((status, first["already"].clone()), (StatusCode::OK, serde_json::Value::Bool(false)));
    let (status, second) = call(&desk.app, "/api/desk/attend", &attend, &desk.staff).await;
    assert_eq!((status, second["already"].clone()), (StatusCode::OK, serde_json::Value::Bool(true)));
    assert_eq!(visits(&db).await, 1, "one visit for one session, however often it is tapped");

    let (_, roster) =
        call(&desk.app, "/api/courses/roster", &format!("course={}", desk.course.slug), &desk.staff).await;
    let entry = roster["entries"]
        .as_array()
        .expect("roster entries")
        .iter()
        .find(|entry| entry["resident_id"] == desk.resident.id)
        .expect("the resident is on the roster");
    assert_eq!(entry["attended"], true, "the roster shows the desk's mark");

    let (_, found) =
        call(&desk.app, "/api/desk/find", &format!("card={}", desk.resident.card_number), &desk.staff).await;
    let sessions = found["Resident"]["sessions_today"].as_array().cloned().unwrap_or_default();
    assert!(sessions.iter().any(|session| session["session_id"] == desk.session_id && session["attended"] == true));
    let (_, view) = call(&desk.app, "/api/desk/view", "", &desk.staff).await;
    let recent = view["recent"].as_array().expect("recent check-ins");
    assert_eq!(recent.len(), 1);
    assert_eq!(recent[0]["full_name"].as_str(), Some(desk.resident.full_name.as_str()));
    assert_eq!(recent[0]["purpose"], "Course");
}

on_both_databases!(drop_ins_are_welcome_from_any_district_once_per_purpose_a_day);
async fn drop_ins_are_welcome_from_any_district_once_per_purpose_a_day(db: DatabaseConnection) {
    let desk = desk_with_a_session_today(&db).await;
    register(&db, &desk.app, "Дана Тестжанқызы", "dana@demo.kz").await;

    let (status, found) =
        call(&desk.app, "/api/desk/find", &format!("card={}", encoded("тестжанқызы")), &desk.staff).await;
    assert_eq!(status, StatusCode::OK);
    let dana = &found["Resident"];
    assert_eq!(dana["from_another_district"], true, "found by part of her name: {found}");
    assert!(dana["sessions_today"].as_array().is_some_and(Vec::is_empty));
    let dana_id = dana["resident_id"].as_i64().expect("resident id");

    for _ in 0..2 {
        let (status, _) =
            call(&desk.app, "/api/desk/drop_in", &format!("resident={dana_id}&purpose=studio"), &desk.staff).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (_, coworking) =
        call(&desk.app, "/api/desk/drop_in", &format!("resident={dana_id}&purpose=coworking"), &desk.staff).await;
    assert_eq!(coworking["already"], false);
    assert_eq!(visits(&db).await, 2, "the studio twice is one visit; co-working is another");
    let (_, found) = call(&desk.app, "/api/desk/find", &format!("card={}", encoded("Тестжан")), &desk.staff).await;
    let recorded = found["Resident"]["drop_ins_today"].as_array().cloned().unwrap_or_default();
    assert_eq!(recorded.len(), 2, "{found}");

    // Her visits are in her data download, and leave with her account.
    let dana = sign_in(&desk.app, "dana@demo.kz").await;
    let export = send(&desk.app, support::http::get("/api/residents/export", Some(&dana))).await;
    let export: serde_json::Value = serde_json::from_str(&text(export).await).expect("json");
    let purposes: Vec<&str> =
        export["visits"].as_array().expect("visits").iter().filter_map(|visit| visit["purpose"].as_str()).collect();
    assert_eq!(purposes, ["Studio", "Coworking"]);
    let body = format!("confirm_password={DEMO_PASSWORD}");
    let deleted = send(&desk.app, post("/api/residents/delete_account", &body, Some(&dana))).await;
    assert!(deleted.status().is_success() || deleted.status().is_redirection(), "{}", deleted.status());
    assert_eq!(visits(&db).await, 0, "a deleted account's visits are deleted with it");
}

on_both_databases!(two_desks_checking_one_person_in_at_once_record_one_visit);
async fn two_desks_checking_one_person_in_at_once_record_one_visit(db: DatabaseConnection) {
    let desk = desk_with_a_session_today(&db).await;
    let admin = sign_in(&desk.app, "admin@demo.kz").await;
    let attend = format!("resident={}&session={}", desk.resident.id, desk.session_id);
    let drop_in = format!("resident={}&purpose=event", desk.resident.id);
    let requests = (0..12).map(|index| {
        let app = desk.app.clone();
        let (path, body, cookie) = match index % 4 {
            0 => ("/api/desk/attend", attend.clone(), desk.staff.clone()),
            1 => ("/api/desk/attend", format!("centre=almaly-youth-centre&{attend}"), admin.clone()),
            2 => ("/api/desk/drop_in", drop_in.clone(), desk.staff.clone()),
            _ => ("/api/desk/drop_in", format!("centre=almaly-youth-centre&{drop_in}"), admin.clone()),
        };
        tokio::spawn(async move { call(&app, path, &body, &cookie).await })
    });
    let mut new_visits = 0;
    for request in requests.collect::<Vec<_>>() {
        let (status, answer) = request.await.expect("request task");
        assert_eq!(status, StatusCode::OK, "{answer}");
        new_visits += usize::from(answer["already"] == false);
    }
    assert_eq!(new_visits, 2, "one attendance and one drop-in were new; every other tap was already there");
    assert_eq!(visits(&db).await, 2);
}

on_both_databases!(the_desk_refuses_bad_input_and_other_centres_and_writes_nothing);
async fn the_desk_refuses_bad_input_and_other_centres_and_writes_nothing(db: DatabaseConnection) {
    let desk = desk_with_a_session_today(&db).await;
    crate::authorization::add_account(&db, "staff-medeu@demo.kz", Role::Staff, Some("medeu-youth-centre")).await;
    let medeu_staff = sign_in(&desk.app, "staff-medeu@demo.kz").await;
    let attend = format!("resident={}&session={}", desk.resident.id, desk.session_id);

    // Another centre's session is not found at this desk; naming another centre is forbidden.
    let (status, _) = call(&desk.app, "/api/desk/attend", &attend, &medeu_staff).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) =
        call(&desk.app, "/api/desk/attend", &format!("centre=almaly-youth-centre&{attend}"), &medeu_staff).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = call(&desk.app, "/api/desk/view", "centre=no-such-centre", &desk.staff).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Tomorrow's session is not today's; a resident not enrolled is refused.
    let starts = from_almaty((almaty_today(Utc::now()) + Duration::days(1)).and_hms_opt(10, 0, 0).unwrap()).unwrap();
    let later = course_session::ActiveModel::scheduled(desk.course.id, None, starts, starts + Duration::hours(1))
        .insert(&db)
        .await
        .unwrap();
    let (status, refused) = call(
        &desk.app,
        "/api/desk/attend",
        &format!("resident={}&session={}", desk.resident.id, later.id),
        &desk.staff,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refused["InvalidInput"]["field"], "session");
    let stranger = register(&db, &desk.app, "Ерлан Бөтенов", "erlan@demo.kz").await.id;
    let (status, refused) =
        call(&desk.app, "/api/desk/attend", &format!("resident={stranger}&session={}", desk.session_id), &desk.staff)
            .await;
    assert_eq!((status, refused["InvalidInput"]["field"].clone()), (StatusCode::BAD_REQUEST, "enrolment".into()));

    // Forged, truncated and 10 kB card links, a bare letter, a purpose that is no drop-in.
    let token = "AbCdEfGhIjKlMnOpQr012345";
    for (card, problem) in [
        (format!("http://127.0.0.1:3000/card/{}", &token[..20]), "Malformed"),
        ("http://127.0.0.1:3000/card/<script>alert(1)</script>".to_owned(), "Malformed"),
        (format!("http://127.0.0.1:3000/card/{}", "A".repeat(10_000)), "TooLong"),
        ("Ә".to_owned(), "TooShort"),
        ("   ".to_owned(), "Missing"),
    ] {
        let (status, refused) =
            call(&desk.app, "/api/desk/find", &format!("card={}", encoded(&card)), &desk.staff).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{card:.40}");
        assert_eq!(refused["InvalidInput"]["field"], "card");
        assert_eq!(refused["InvalidInput"]["problem"], problem, "{card:.40}");
    }
    let (status, found) = call(&desk.app, "/api/desk/find", &format!("card={token}"), &desk.staff).await;
    assert_eq!((status, found), (StatusCode::OK, serde_json::Value::String("Nobody".into())), "no card has it");
    for purpose in ["course", "", "sauna"] {
        let body = format!("resident={}&purpose={purpose}", desk.resident.id);
        let (status, _) = call(&desk.app, "/api/desk/drop_in", &body, &desk.staff).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "purpose {purpose:?}");
    }
    let (status, _) = call(&desk.app, "/api/desk/drop_in", "resident=999999&purpose=studio", &desk.staff).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(visits(&db).await, 0, "nothing refused was written");
    let enrolment = enrolment::Entity::find()
        .filter(enrolment::Column::ResidentId.eq(desk.resident.id))
        .filter(enrolment::Column::CourseId.eq(desk.course.id))
        .one(&db)
        .await
        .unwrap()
        .expect("still enrolled");
    assert!(!enrolment.attended, "no refused check-in marked the roster");
}

on_both_databases!(a_re_issued_card_link_finds_nobody_at_the_desk);
async fn a_re_issued_card_link_finds_nobody_at_the_desk(db: DatabaseConnection) {
    let desk = desk_with_a_session_today(&db).await;
    let resident = sign_in(&desk.app, "resident@demo.kz").await;
    let (_, card) = call(&desk.app, "/api/residents/card", "", &resident).await;
    let link = card["check_url"].as_str().expect("check link").to_owned();
    let (_, found) = call(&desk.app, "/api/desk/find", &format!("card={}", encoded(&link)), &desk.staff).await;
    assert_eq!(found["Resident"]["resident_id"], desk.resident.id, "the scanned link finds its holder");
    let (status, _) = call(&desk.app, "/api/residents/reissue_card", "", &resident).await;
    assert_eq!(status, StatusCode::OK);
    let (status, found) = call(&desk.app, "/api/desk/find", &format!("card={}", encoded(&link)), &desk.staff).await;
    assert_eq!((status, found), (StatusCode::OK, serde_json::Value::String("Nobody".into())));
}
