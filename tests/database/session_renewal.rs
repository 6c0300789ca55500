//! Sessions last two weeks from the last request: the expiry rolls forward, checked with a clock
//! moved by hand (no sleeping), and it rolls without a database write on every request.
use crate::support;

use axum::http::header;
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::sync::{Arc, Mutex};
use support::http::{post, send, sign_in};
use youth_centres::server::entities::{app_user, web_session};
use youth_centres::server::http::{AppState, HttpSettings, router_with};
use youth_centres::server::seed::{self, ScaleOptions};
use youth_centres::server::sessions::SessionClock;

async fn stored_expiry(db: &DatabaseConnection, user_id: i32) -> Option<DateTime<Utc>> {
    let session = web_session::Entity::find().filter(web_session::Column::UserId.eq(user_id)).one(db).await.unwrap();
    session.map(|session| session.expires_at)
}

fn close_to(actual: Option<DateTime<Utc>>, expected: DateTime<Utc>) -> bool {
    actual.is_some_and(|actual| (actual - expected).abs() < TimeDelta::minutes(1))
}

on_both_databases!(a_session_lasts_two_weeks_from_the_last_request);
async fn a_session_lasts_two_weeks_from_the_last_request(db: DatabaseConnection) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    seed::seed(&db, today, ScaleOptions::default()).await.expect("seed");
    let resident = app_user::Entity::find().filter(app_user::Column::Login.eq("resident@demo.kz")).one(&db).await;
    let resident = resident.unwrap().expect("demo resident").id;
    let start = Utc::now();
    let now = Arc::new(Mutex::new(start));
    let clock = SessionClock::new({
        let now = now.clone();
        move || *now.lock().expect("clock")
    });
    let options = leptos::prelude::LeptosOptions::builder().output_name("youth_centres").build();
    let settings = HttpSettings { clock, ..HttpSettings::new("http://127.0.0.1:3000") };
    let app = router_with(AppState { leptos_options: options, db: db.clone() }, settings);
    let set_clock = |days: i64| *now.lock().expect("clock") = start + TimeDelta::days(days);
    let who_am_i = |cookie: String| {
        let app = app.clone();
        async move {
            let response = send(&app, post("/api/accounts/me", "", Some(&cookie))).await;
            let renewed = response.headers().get(header::SET_COOKIE).is_some();
            (support::http::text(response).await, renewed)
        }
    };

    let cookie = sign_in(&app, "resident@demo.kz").await;
    assert!(close_to(stored_expiry(&db, resident).await, start + TimeDelta::days(14)));

    // Three days later: more than half the two weeks is left, so nothing is written.
    set_clock(3);
    let (me, renewed) = who_am_i(cookie.clone()).await;
    assert!(me.contains("Айгерім"), "still signed in: {me}");
    assert!(!renewed, "no new cookie while more than a week is left");
    assert!(close_to(stored_expiry(&db, resident).await, start + TimeDelta::days(14)), "no write either");

    // Eight days after sign-in: less than a week left, so the session is saved again.
    set_clock(8);
    let (me, renewed) = who_am_i(cookie.clone()).await;
    assert!(me.contains("Айгерім"), "{me}");
    assert!(renewed, "the browser gets a fresh two-week cookie");
    assert!(close_to(stored_expiry(&db, resident).await, start + TimeDelta::days(22)));

    // Twenty days after sign-in (past the first two weeks), the resident is still signed in.
    set_clock(20);
    let (me, _) = who_am_i(cookie.clone()).await;
    assert!(me.contains("Айгерім"), "a session in use does not end two weeks after sign-in: {me}");

    // Two idle weeks later it has ended.
    set_clock(20 + 15);
    let (me, _) = who_am_i(cookie).await;
    assert_eq!(me, "null", "an idle session ends two weeks after the last request");
}
