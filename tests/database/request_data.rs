//! Dates and numbers in requests at the edges of what the types hold: every one is answered with a
//! 400 naming its field, and the server keeps answering (no worker panics).
use crate::support;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use support::http::{post, send, sign_in, test_app, text};
use youth_centres::error::AppError;
use youth_centres::server::entities::{centre, course};
use youth_centres::server::seed::{self, ScaleOptions};

async fn refusal(response: axum::response::Response) -> (StatusCode, AppError) {
    let status = response.status();
    let body = text(response).await;
    (status, serde_json::from_str(&body).unwrap_or_else(|_| panic!("a typed error: {status} {body}")))
}

fn field_of(error: &AppError) -> &str {
    match error {
        AppError::InvalidInput { field, .. } => field.as_str(),
        _ => "",
    }
}

on_both_databases!(dates_and_numbers_beyond_their_types_get_a_field_message);
async fn dates_and_numbers_beyond_their_types_get_a_field_message(db: DatabaseConnection) {
    let today = youth_centres::time::almaty_today(chrono::Utc::now());
    seed::seed(&db, today, ScaleOptions::default()).await.expect("seed");
    let app = test_app(&db);
    let almaly = centre::Entity::find().filter(centre::Column::Slug.eq("almaly-youth-centre")).one(&db).await.unwrap();
    let course = course::Entity::find()
        .filter(course::Column::CentreId.eq(almaly.expect("demo centre").id))
        .order_by_asc(course::Column::Id)
        .one(&db)
        .await
        .unwrap()
        .expect("the demo centre has courses");
    let staff = sign_in(&app, "staff@demo.kz").await;
    let session = |date: &str, starts: &str, room: &str, weeks: &str| {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("course", &course.slug)
            .append_pair("session[date]", date)
            .append_pair("session[starts]", starts)
            .append_pair("session[ends]", "04:00")
            .append_pair("session[room]", room)
            .append_pair("session[weeks]", weeks)
            .finish()
    };
    let refused = [
        // chrono's first day: 01:00 in Almaty was before its first UTC instant.
        (session("-262143-01-01", "01:00", "1", "1"), "date"),
        (session("+262142-12-31", "01:00", "1", "26"), "date"),
        (session("-262144-01-01", "01:00", "1", "1"), "date"),
        (session("1899-12-31", "01:00", "1", "1"), "date"),
        (session("99999-01-01", "01:00", "1", "1"), "date"),
        (session("2100-12-31", "01:00", "1", "26"), "date"),
        (session(&today.to_string(), "25:00", "1", "1"), "starts"),
        (session(&today.to_string(), "01:00", "99999999999999999999", "1"), "room"),
        (session(&today.to_string(), "01:00", "1", "18446744073709551616"), "weeks"),
        (session(&today.to_string(), "01:00", "1", "-1"), "weeks"),
    ];
    for (body, field) in refused {
        let (status, error) = refusal(send(&app, post("/api/staff/add_sessions", &body, Some(&staff))).await).await;
        assert_eq!((status, field_of(&error)), (StatusCode::BAD_REQUEST, field), "{body}: {error:?}");
    }

    let born = |birth_date: &str| {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("full_name", "Edge Case")
            .append_pair("birth_date", birth_date)
            .append_pair("district", "almaly")
            .append_pair("contact", "edge@test.kz")
            .append_pair("occupation", "working")
            .append_pair("password", "long-enough-1")
            .append_pair("data_consent", "on")
            .finish()
    };
    for birth_date in ["-262143-01-01", "+262142-12-31", "-262144-01-01", "0000-01-01", "1899-12-31"] {
        let (status, error) = refusal(send(&app, post("/api/residents/register", &born(birth_date), None)).await).await;
        assert_eq!((status, field_of(&error)), (StatusCode::BAD_REQUEST, "birth_date"), "{birth_date}: {error:?}");
    }

    // The catalogue's numbers: ages and pages far beyond their types.
    for query in ["age=99999999999999999999", "page=4294967296", "page=-1", "age=-32769"] {
        let response = send(&app, post("/api/courses/list", &format!("query={}", urlencode(query)), None)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
    }
}

fn urlencode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}
