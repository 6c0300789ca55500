//! The database session store, on SQLite and PostgreSQL.
use crate::support;

use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use std::collections::HashMap;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::SessionStore;
use youth_centres::server::entities::web_session;
use youth_centres::server::seed::{self, ScaleOptions};
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
