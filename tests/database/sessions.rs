//! The database session store, on SQLite and PostgreSQL.
use crate::support;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::HashMap;
use support::http::{post, send, session_cookie, test_app, text};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::SessionStore;
use youth_centres::server::entities::web_session;
use youth_centres::server::seed::{self, DEMO_PASSWORD, ScaleOptions};
use youth_centres::server::sessions::{DbSessionStore, USER_ID_KEY};

fn record(user_id: Option<i32>, expires_in: time::Duration) -> Record {
    let mut data = HashMap::new();
    if let Some(user_id) = user_id {
        data.insert(USER_ID_KEY.to_owned(), serde_json::json!(user_id));
    }
    data.insert("lang".to_owned(), serde_json::json!("kk"));
    Record { id: Id::default(), data, expiry_date: time::OffsetDateTime::now_utc() + expires_in }
}

async fn demo_user_ids(db: &DatabaseConnection) -> Vec<i32> {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    seed::seed(db, today, ScaleOptions::default()).await.expect("seed");
    let mut ids: Vec<i32> =
        youth_centres::server::entities::app_user::Entity::find().all(db).await.unwrap().iter().map(|u| u.id).collect();
    ids.sort_unstable();
    ids
}

on_both_databases!(sessions_round_trip_and_expire);
async fn sessions_round_trip_and_expire(db: DatabaseConnection) {
    let users = demo_user_ids(&db).await;
    let store = DbSessionStore::new(db.clone());

    let mut live = record(Some(users[0]), time::Duration::hours(1));
    store.create(&mut live).await.unwrap();
    let loaded = store.load(&live.id).await.unwrap().expect("a live session loads");
    assert_eq!(loaded.data, live.data);
    assert_eq!(loaded.expiry_date.unix_timestamp(), live.expiry_date.unix_timestamp());

    // Saving again updates in place (no second row).
    live.data.insert("lang".to_owned(), serde_json::json!("ru"));
    store.save(&live).await.unwrap();
    assert_eq!(store.load(&live.id).await.unwrap().unwrap().data["lang"], "ru");
    assert_eq!(web_session::Entity::find().count(&db).await.unwrap(), 1);

    let mut expired = record(Some(users[0]), time::Duration::seconds(-5));
    store.create(&mut expired).await.unwrap();
    assert!(store.load(&expired.id).await.unwrap().is_none(), "an expired session never loads");
    assert_eq!(store.delete_expired(chrono::Utc::now()).await.unwrap(), 1);

    store.delete(&live.id).await.unwrap();
    assert!(store.load(&live.id).await.unwrap().is_none());
    assert!(store.load(&Id::default()).await.unwrap().is_none(), "unknown ids load nothing");
}

on_both_databases!(ending_a_users_sessions_leaves_others_signed_in);
async fn ending_a_users_sessions_leaves_others_signed_in(db: DatabaseConnection) {
    let users = demo_user_ids(&db).await;
    let store = DbSessionStore::new(db.clone());
    let mut phone = record(Some(users[1]), time::Duration::hours(1));
    let mut laptop = record(Some(users[1]), time::Duration::hours(1));
    let mut someone_else = record(Some(users[2]), time::Duration::hours(1));
    let mut visitor = record(None, time::Duration::hours(1));
    for session in [&mut phone, &mut laptop, &mut someone_else, &mut visitor] {
        store.create(session).await.unwrap();
    }
    assert_eq!(store.end_all_for_user(users[1]).await.unwrap(), 2);
    assert!(store.load(&phone.id).await.unwrap().is_none());
    assert!(store.load(&laptop.id).await.unwrap().is_none());
    assert!(store.load(&someone_else.id).await.unwrap().is_some());
    assert!(store.load(&visitor.id).await.unwrap().is_some());
}

/// Whom the server takes the bearer of `cookie` for (`None` for a visitor).
async fn signed_in_as(app: &axum::Router, cookie: &str) -> Option<i32> {
    let response = send(app, post("/api/accounts/me", "", Some(cookie))).await;
    let body = text(response).await;
    let user: Option<serde_json::Value> = serde_json::from_str(&body).expect(&body);
    user.and_then(|user| user["id"].as_i64()).and_then(|id| i32::try_from(id).ok())
}

on_both_databases!(signing_in_always_gives_a_new_session_id);
async fn signing_in_always_gives_a_new_session_id(db: DatabaseConnection) {
    let users = demo_user_ids(&db).await;
    let app = test_app(&db);
    let store = DbSessionStore::new(db.clone());
    let staff = youth_centres::server::entities::app_user::Entity::find()
        .filter(youth_centres::server::entities::app_user::Column::Login.eq("staff@demo.kz"))
        .one(&db)
        .await
        .unwrap()
        .expect("the demo staff account");
    assert!(users.contains(&staff.id));
    let sign_in_body = format!("login=staff%40demo.kz&password={DEMO_PASSWORD}");

    // An id an attacker holds (a visitor's session they planted in someone's browser) is replaced
    // at sign-in and never becomes the signed-in session.
    let mut planted = record(None, time::Duration::hours(1));
    store.create(&mut planted).await.unwrap();
    let planted_cookie = format!("yc_session={}", planted.id);
    let response = send(&app, post("/api/accounts/sign_in", &sign_in_body, Some(&planted_cookie))).await;
    assert!(response.status().is_success() || response.status().is_redirection(), "{}", response.status());
    let fresh = session_cookie(&response).expect("a new session cookie");
    assert_ne!(fresh, planted_cookie);
    assert_eq!(signed_in_as(&app, &fresh).await, Some(staff.id));
    assert_eq!(signed_in_as(&app, &planted_cookie).await, None, "the planted id signs no one in");
    assert!(store.load(&planted.id).await.unwrap().is_none(), "and is gone from the store");

    // A made-up id that was never stored is replaced too.
    let made_up_cookie = format!("yc_session={}", Id::default());
    let response = send(&app, post("/api/accounts/sign_in", &sign_in_body, Some(&made_up_cookie))).await;
    let fresh = session_cookie(&response).expect("a new session cookie");
    assert_ne!(fresh, made_up_cookie);
    assert_eq!(signed_in_as(&app, &fresh).await, Some(staff.id));

    // A browser that came without a cookie gets one that works.
    let response = send(&app, post("/api/accounts/sign_in", &sign_in_body, None)).await;
    let fresh = session_cookie(&response).expect("a session cookie");
    assert_eq!(signed_in_as(&app, &fresh).await, Some(staff.id));
    assert_eq!(web_session::Entity::find().count(&db).await.unwrap(), 3, "one session per sign-in, none other");
}
