//! Accounts as users meet them: registering (age and consent rules), the card, the data export,
//! and an admin changing someone's role, which takes effect on that person's very next request.
use crate::support;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use support::http::{get, post, send, session_cookie, sign_in, sign_in_with, test_app, text};
use youth_centres::server::entities::{app_user, resident};
use youth_centres::server::seed::{self, ScaleOptions};

const PASSWORD: &str = "long-enough-1";

fn registration(contact: &str, birth_date: &str, extra: &str) -> String {
    format!(
        "full_name=%D0%90%D0%B9%D0%B3%D0%B5%D1%80%D1%96%D0%BC+Test&birth_date={birth_date}&district=almaly\
         &contact={contact}&occupation=neither&password={PASSWORD}{extra}"
    )
}

/// The date `years` years before today in Almaty, shifted by `days` (+1: one day too young).
fn born(years: i32, days: i64) -> String {
    let today = youth_centres::time::almaty_today(chrono::Utc::now());
    let anniversary =
        today.with_year(today.year() - years).or_else(|| today.pred_opt()?.with_year(today.year() - years));
    (anniversary.expect("valid date") + chrono::Duration::days(days)).format("%Y-%m-%d").to_string()
}

use chrono::Datelike;

async fn field_error(response: axum::response::Response) -> (StatusCode, String) {
    let status = response.status();
    (status, text(response).await)
}

on_both_databases!(registration_enforces_age_and_consent);
async fn registration_enforces_age_and_consent(db: DatabaseConnection) {
    seed::seed(&db, chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"), ScaleOptions::default())
        .await
        .expect("seed");
    let app = test_app(&db);
    let refused = [
        (registration("a%40x.kz", &born(25, 0), ""), "data_consent", "Missing"),
        (registration("a%40x.kz", &born(14, 1), "&data_consent=on"), "birth_date", "OutOfRange"),
        (registration("a%40x.kz", &born(36, 0), "&data_consent=on"), "birth_date", "OutOfRange"),
        (registration("a%40x.kz", &born(16, 0), "&data_consent=on"), "guardian_name", "Missing"),
        (
            registration("a%40x.kz", &born(16, 0), "&data_consent=on&guardian_name=Parent+Name"),
            "guardian_consent",
            "Missing",
        ),
        (registration("resident%40demo.kz", &born(20, 0), "&data_consent=on"), "contact", "Taken"),
        (registration("a%40x.kz", "not-a-date", "&data_consent=on"), "birth_date", "Malformed"),
        (
            registration("a%40x.kz", &born(20, 0), "&data_consent=on").replace("almaly", "atlantis"),
            "district",
            "Unknown",
        ),
    ];
    for (body, field, problem) in refused {
        let (status, body_text) = field_error(send(&app, post("/api/residents/register", &body, None)).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{field} {problem}: {body_text}");
        assert!(body_text.contains(field) && body_text.contains(problem), "{field} {problem}: {body_text}");
    }
    assert_eq!(resident::Entity::find().filter(resident::Column::Email.eq("a@x.kz")).one(&db).await.unwrap(), None);

    // Exactly 14 today, with a guardian: welcome, signed in straight away.
    let minor =
        registration("8+701+555+12+34", &born(14, 0), "&data_consent=on&guardian_name=Parent+Name&guardian_consent=on");
    let response = send(&app, post("/api/residents/register", &minor, None)).await;
    assert!(response.status().is_success() || response.status().is_redirection(), "{}", response.status());
    let cookie = session_cookie(&response).expect("signed in after registering");
    let stored = resident::Entity::find().filter(resident::Column::Phone.eq("+77015551234")).one(&db).await.unwrap();
    let stored = stored.expect("resident stored with the normalised phone");
    assert_eq!(stored.guardian_name.as_deref(), Some("Parent Name"));
    assert!(stored.guardian_consent_at.is_some());

    let card = text(send(&app, post("/api/residents/card", "", Some(&cookie))).await).await;
    assert!(card.contains(&stored.card_number), "{card}");
    assert!(card.contains("<svg"), "QR code inline: {card}");
    let export = send(&app, get("/api/residents/export", Some(&cookie))).await;
    assert_eq!(export.status(), StatusCode::OK);
    let disposition = export.headers().get("content-disposition").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let export: serde_json::Value = serde_json::from_str(&text(export).await).expect("JSON");
    assert_eq!(export["resident"]["phone"], "+77015551234");
    assert_eq!(export["resident"]["guardian_name"], "Parent Name");
    assert!(export.to_string().find("password").is_none(), "no password hash in the export");

    // The new resident can sign in with the password chosen at registration.
    sign_in_with(&app, "+77015551234", PASSWORD).await;
}

on_both_databases!(a_role_change_applies_on_the_next_request);
async fn a_role_change_applies_on_the_next_request(db: DatabaseConnection) {
    seed::seed(&db, chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"), ScaleOptions::default())
        .await
        .expect("seed");
    let app = test_app(&db);
    let admin = sign_in(&app, "admin@demo.kz").await;
    let staff = sign_in(&app, "staff@demo.kz").await;
    assert_eq!(send(&app, post("/api/admin/accounts", "", Some(&staff))).await.status(), StatusCode::FORBIDDEN);

    let staff_id = app_user::Entity::find()
        .filter(app_user::Column::Login.eq("staff@demo.kz"))
        .one(&db)
        .await
        .unwrap()
        .expect("demo staff")
        .id;
    let promote = format!("user_id={staff_id}&role=admin&centre=almaly-youth-centre");
    assert_eq!(send(&app, post("/api/admin/change_role", &promote, Some(&admin))).await.status(), StatusCode::OK);
    // Same session, no new sign-in: the promotion is already in force.
    assert_eq!(send(&app, post("/api/admin/accounts", "", Some(&staff))).await.status(), StatusCode::OK);
    let promoted = app_user::Entity::find_by_id(staff_id).one(&db).await.unwrap().expect("still there");
    assert_eq!(promoted.centre_id, None, "admins are city-wide");

    // The admin cannot change their own role, and staff need a centre.
    let admin_id = app_user::Entity::find()
        .filter(app_user::Column::Login.eq("admin@demo.kz"))
        .one(&db)
        .await
        .unwrap()
        .expect("demo admin")
        .id;
    let own = send(
        &app,
        post(
            "/api/admin/change_role",
            &format!("user_id={admin_id}&role=staff&centre=almaly-youth-centre"),
            Some(&admin),
        ),
    )
    .await;
    assert_eq!(own.status(), StatusCode::BAD_REQUEST);
    let no_centre =
        send(&app, post("/api/admin/change_role", &format!("user_id={staff_id}&role=staff&centre="), Some(&admin)))
            .await;
    assert_eq!(no_centre.status(), StatusCode::BAD_REQUEST);
    assert!(text(no_centre).await.contains("centre"));

    // Demoted back: the next request is refused again.
    let demote = format!("user_id={staff_id}&role=staff&centre=medeu-youth-centre");
    assert_eq!(send(&app, post("/api/admin/change_role", &demote, Some(&admin))).await.status(), StatusCode::OK);
    assert_eq!(send(&app, post("/api/admin/accounts", "", Some(&staff))).await.status(), StatusCode::FORBIDDEN);

    // A new colleague's account works at once; the same login cannot be created twice.
    let create = "login=new.mentor%40demo.kz&display_name=New+Mentor&role=stakeholder&centre=almaly-youth-centre&password=long-enough-1";
    assert_eq!(send(&app, post("/api/admin/create_account", create, Some(&admin))).await.status(), StatusCode::OK);
    assert_eq!(
        send(&app, post("/api/admin/create_account", create, Some(&admin))).await.status(),
        StatusCode::BAD_REQUEST
    );
    sign_in_with(&app, "new.mentor@demo.kz", "long-enough-1").await;
}

on_both_databases!(deleting_an_account_releases_its_seats_to_the_waitlist);
async fn deleting_an_account_releases_its_seats_to_the_waitlist(db: DatabaseConnection) {
    use youth_centres::enrolment::domain::EnrolmentStatus;
    use youth_centres::server::entities::{course, enrolment};
    // Seeded as of today: the course found below must not have started when the residents enrol.
    seed::seed(&db, youth_centres::time::almaty_today(chrono::Utc::now()), ScaleOptions::default())
        .await
        .expect("seed");
    let app = test_app(&db);
    // A one-seat course, so the second resident waits.
    let course = course::Entity::find().filter(course::Column::MinAge.lte(20)).one(&db).await.unwrap().expect("course");
    let mut one_seat: course::ActiveModel = course.clone().into();
    one_seat.capacity = sea_orm::Set(1);
    sea_orm::ActiveModelTrait::update(one_seat, &db).await.unwrap();

    let leaving = registration("leaving%40x.kz", &born(20, 0), "&data_consent=on");
    let waiting = registration("waiting%40x.kz", &born(20, 0), "&data_consent=on");
    let leaving =
        session_cookie(&send(&app, post("/api/residents/register", &leaving, None)).await).expect("signed in");
    let waiting =
        session_cookie(&send(&app, post("/api/residents/register", &waiting, None)).await).expect("signed in");
    let enrol = format!("course={}", course.slug);
    assert!(text(send(&app, post("/api/courses/enrol", &enrol, Some(&leaving))).await).await.contains("Enrolled"));
    assert!(text(send(&app, post("/api/courses/enrol", &enrol, Some(&waiting))).await).await.contains("Waitlisted"));

    let wrong =
        send(&app, post("/api/residents/delete_account", "confirm_password=wrong-password", Some(&leaving))).await;
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST, "a wrong password deletes nothing");
    let deleted =
        send(&app, post("/api/residents/delete_account", &format!("confirm_password={PASSWORD}"), Some(&leaving)))
            .await;
    assert!(deleted.status().is_success() || deleted.status().is_redirection(), "{}", deleted.status());

    assert_eq!(
        app_user::Entity::find().filter(app_user::Column::Login.eq("leaving@x.kz")).one(&db).await.unwrap(),
        None
    );
    assert_eq!(
        resident::Entity::find().filter(resident::Column::Email.eq("leaving@x.kz")).one(&db).await.unwrap(),
        None
    );
    let seats = course::Entity::find_by_id(course.id).one(&db).await.unwrap().expect("course stays").seats_taken;
    assert_eq!(seats, 1, "the freed seat went to the waitlisted resident");
    let mine = text(send(&app, post("/api/courses/mine", "", Some(&waiting))).await).await;
    assert!(mine.contains("Enrolled") && !mine.contains("Waitlisted"), "{mine}");
    let rows = enrolment::Entity::find().filter(enrolment::Column::CourseId.eq(course.id)).all(&db).await.unwrap();
    assert_eq!(rows.iter().filter(|row| row.status == EnrolmentStatus::Enrolled).count(), 1);
    // The deleted account's session is gone with it.
    assert_eq!(send(&app, post("/api/courses/mine", "", Some(&leaving))).await.status(), StatusCode::UNAUTHORIZED);
}

on_both_databases!(the_calendar_feed_lists_enrolled_sessions_until_the_link_is_reset);
async fn the_calendar_feed_lists_enrolled_sessions_until_the_link_is_reset(db: DatabaseConnection) {
    // Seeded as of today: the course found below must not have started when the residents enrol.
    seed::seed(&db, youth_centres::time::almaty_today(chrono::Utc::now()), ScaleOptions::default())
        .await
        .expect("seed");
    let app = test_app(&db);
    let me = registration("calendar%40x.kz", &born(20, 0), "&data_consent=on");
    let me = session_cookie(&send(&app, post("/api/residents/register", &me, None)).await).expect("signed in");
    let link: String =
        serde_json::from_str(&text(send(&app, post("/api/courses/calendar_link", "lang=ru", Some(&me))).await).await)
            .expect("a URL");
    let path = link.strip_prefix("http://127.0.0.1:3000").expect("absolute URL on PUBLIC_URL").to_owned();
    let empty = send(&app, get(&path, None)).await;
    assert_eq!(empty.status(), StatusCode::OK);
    assert!(!text(empty).await.contains("BEGIN:VEVENT"), "nothing enrolled yet");

    let course = youth_centres::server::entities::course::Entity::find()
        .filter(youth_centres::server::entities::course::Column::MinAge.lte(20))
        .one(&db)
        .await
        .unwrap()
        .expect("course");
    send(&app, post("/api/courses/enrol", &format!("course={}", course.slug), Some(&me))).await;
    let feed = send(&app, get(&path, None)).await;
    assert_eq!(feed.headers().get("content-type").and_then(|v| v.to_str().ok()), Some("text/calendar; charset=utf-8"));
    let feed = text(feed).await;
    assert!(feed.matches("BEGIN:VEVENT").count() >= 1, "{feed}");
    assert!(feed.contains(&format!("/courses/{}", course.slug)));

    let new_link: String = serde_json::from_str(
        &text(send(&app, post("/api/courses/reset_calendar_link", "lang=ru", Some(&me))).await).await,
    )
    .expect("a URL");
    assert_ne!(new_link, link);
    assert_eq!(send(&app, get(&path, None)).await.status(), StatusCode::NOT_FOUND, "the old link stops working");
}
