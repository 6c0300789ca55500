//! The district dashboard through the real router, on SQLite and PostgreSQL: its counts follow the
//! data of the district asked for, one to four people never show as a number (on the page's data or
//! in the CSV), staff see only their own district, and bad ranges or districts are a clear 4xx.
use crate::support;

use axum::http::StatusCode;
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, sea_query::Expr};
use support::http::{get, post, send, sign_in, test_app, text};
use youth_centres::residents::domain::Occupation;
use youth_centres::server::entities::{centre, district, resident, visit};
use youth_centres::server::seed::{self, ScaleOptions};
use youth_centres::staff::desk::domain::VisitPurpose;
use youth_centres::time::almaty_today;

async fn report(app: &axum::Router, body: &str, cookie: &str) -> (StatusCode, serde_json::Value) {
    let response = send(app, post("/api/dashboard/report", body, Some(cookie))).await;
    let status = response.status();
    (status, serde_json::from_str(&text(response).await).unwrap_or_default())
}

/// The row of `rows` (pairs of a key and a cell) whose key is `key`.
fn cell<'a>(rows: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    let rows = rows.as_array().expect("rows");
    &rows.iter().find(|row| row[0] == key).unwrap_or_else(|| panic!("no row {key} in {rows:?}"))[1]
}

async fn add_visits(db: &DatabaseConnection, centre_id: i32, resident_ids: &[i32], purpose: VisitPurpose) {
    let now = Utc::now();
    let rows = resident_ids.iter().map(|resident_id| visit::ActiveModel {
        centre_id: Set(centre_id),
        resident_id: Set(*resident_id),
        course_id: Set(None),
        session_id: Set(None),
        purpose: Set(purpose),
        visited_on: Set(almaty_today(now)),
        checked_in_at: Set(now),
        checked_in_by: Set(None),
        ..Default::default()
    });
    visit::Entity::insert_many(rows).exec(db).await.expect("visits");
}

on_both_databases!(a_districts_figures_hide_one_to_four_people_on_the_page_and_in_the_csv);
async fn a_districts_figures_hide_one_to_four_people_on_the_page_and_in_the_csv(db: DatabaseConnection) {
    let today = almaty_today(Utc::now());
    seed::seed(&db, today, ScaleOptions::default()).await.expect("seed");
    // The first district (the demo resident's) gets six more residents aged 20; two say "neither".
    let ids = support::residents::add_residents(&db, "dashboard", 6, support::residents::adult_birth_date()).await;
    resident::Entity::update_many()
        .col_expr(resident::Column::Occupation, Expr::value(Occupation::Neither))
        .filter(resident::Column::Id.is_in(ids[..2].to_vec()))
        .exec(&db)
        .await
        .unwrap();
    let first_district = district::Entity::find().order_by_asc(district::Column::Id).one(&db).await.unwrap().unwrap();
    let centre = centre::Entity::find().filter(centre::Column::DistrictId.eq(first_district.id)).one(&db).await;
    let centre = centre.unwrap().expect("a centre in the district");
    add_visits(&db, centre.id, &ids, VisitPurpose::Studio).await;
    add_visits(&db, centre.id, &ids[..3], VisitPurpose::Event).await;

    let app = test_app(&db);
    let admin = sign_in(&app, "admin@demo.kz").await;
    let (status, district) = report(&app, &format!("district={}", first_district.slug), &admin).await;
    assert_eq!(status, StatusCode::OK, "{district}");
    assert_eq!(district["residents"], serde_json::json!({ "Count": 7 }), "the demo resident and six more");
    assert_eq!(cell(&district["occupations"], "Studying"), &serde_json::json!({ "Count": 5 }));
    assert_eq!(cell(&district["occupations"], "Neither"), "FewerThanFive", "two people are never a number");
    assert_eq!(cell(&district["visits"], "Studio"), &serde_json::json!({ "Count": 6 }));
    assert_eq!(cell(&district["visits"], "Event"), "FewerThanFive");
    let months = district["new_residents"].as_array().expect("months");
    assert_eq!(months.len(), 12, "the last twelve months by default");
    assert_eq!(months.last().unwrap()[1], serde_json::json!({ "Count": 7 }), "all registered this month");
    assert!(district["districts"].as_array().is_some_and(|all| all.len() == 8), "an admin can switch districts");

    let (_, city) = report(&app, "", &admin).await;
    assert!(city["district"].is_null(), "no district: the city");
    let districts = city["by_district"].as_array().expect("districts");
    assert_eq!(districts.len(), 8);
    let first = districts.iter().find(|row| row["district"]["slug"] == first_district.slug.as_str()).expect("row");
    assert_eq!(first["residents"], serde_json::json!({ "Count": 7 }));
    assert_eq!(first["new_residents"], serde_json::json!({ "Count": 7 }), "registered in the range");
    assert_eq!(first["check_ins"], serde_json::json!({ "Count": 9 }), "six studio visits and three events");
    let others_visits: Vec<&serde_json::Value> =
        districts.iter().filter(|row| row != &first).map(|row| &row["check_ins"]).collect();
    assert!(others_visits.iter().all(|cell| **cell == serde_json::json!({ "Count": 0 })), "{others_visits:?}");
    // Room use: the demo month's bookings against the open centres' hours.
    let rooms = city["room_use"].as_array().expect("room use");
    let total = |key: &str| rooms.iter().map(|row| row[key].as_i64().unwrap_or(0)).sum::<i64>();
    assert!(total("booked_hours") > 0 && total("open_hours") > total("booked_hours"), "{rooms:?}");

    // The CSV has the same rule, in the language asked for.
    let csv = send(&app, get(&format!("/dashboard.csv?district={}&lang=ru", first_district.slug), Some(&admin))).await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = text(csv).await;
    assert!(csv.lines().any(|line| line.starts_with("Учёба и работа,Не учусь и не работаю,<5,")), "{csv}");
    // Hours of room use are not people; every other number in the file is 0 or at least 5.
    let people = csv.lines().filter(|line| !line.starts_with("Использование помещений"));
    let values: Vec<String> =
        people.flat_map(|line| line.trim_end().split(',').skip(2).map(str::to_owned).collect::<Vec<_>>()).collect();
    assert!(values.iter().all(|value| !matches!(value.as_str(), "1" | "2" | "3" | "4")), "{csv}");
}

on_both_databases!(staff_see_their_own_district_and_bad_requests_are_refused_clearly);
async fn staff_see_their_own_district_and_bad_requests_are_refused_clearly(db: DatabaseConnection) {
    let today = almaty_today(Utc::now());
    seed::seed(&db, today, ScaleOptions::default()).await.expect("seed");
    let app = test_app(&db);
    let staff = sign_in(&app, "staff@demo.kz").await;
    let (status, own) = report(&app, "", &staff).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(own["district"]["slug"], "almaly", "staff see their centre's district");
    assert!(own["districts"].as_array().is_some_and(Vec::is_empty), "and cannot switch");
    assert!(own["by_district"].as_array().is_some_and(Vec::is_empty), "nor see other districts' figures");
    let (status, _) = report(&app, "district=medeu", &staff).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let csv = send(&app, get("/dashboard.csv?district=medeu", Some(&staff))).await;
    assert_eq!(csv.status(), StatusCode::FORBIDDEN);

    let admin = sign_in(&app, "admin@demo.kz").await;
    for (body, field, problem) in [
        ("from=1926-01&to=2026-11", "month", "OutOfRange"),
        ("from=2026-05&to=2026-03", "month", "OutOfRange"),
        ("from=2026-13", "month", "Malformed"),
        ("district=atlantis", "district", "Unknown"),
    ] {
        let (status, refused) = report(&app, body, &admin).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(
            (refused["InvalidInput"]["field"].as_str(), refused["InvalidInput"]["problem"].as_str()),
            (Some(field), Some(problem))
        );
    }
    let csv = send(&app, get("/dashboard.csv?district=atlantis&lang=en", Some(&admin))).await;
    assert_eq!(csv.status(), StatusCode::BAD_REQUEST);
    let message = text(csv).await;
    assert!(message.contains("District"), "a clear message: {message}");
    let csv = send(&app, get("/dashboard.csv?from=1900-01&to=2026-11", Some(&admin))).await;
    assert_eq!(csv.status(), StatusCode::BAD_REQUEST);
    let resident = sign_in(&app, "resident@demo.kz").await;
    assert_eq!(send(&app, get("/dashboard.csv", Some(&resident))).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(send(&app, get("/dashboard.csv", None)).await.status(), StatusCode::UNAUTHORIZED);
}
