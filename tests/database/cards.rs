//! The discount card a partner can verify, through the real router on SQLite and PostgreSQL: the
//! QR code's link shows a valid card with no personal data beyond a first name and an age band;
//! re-issuing, blocking and deleting the account make the old link "not valid"; forged, truncated
//! and oversized tokens are "not valid" too, never a 500; checks are limited per address.
use crate::support;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use support::http::{from_peer, get, post, send, sign_in, test_app, text};
use youth_centres::server::entities::{app_user, booking, resident};
use youth_centres::server::http::{AppState, HttpSettings, router_with};
use youth_centres::server::seed::{self, DEMO_PASSWORD, ScaleOptions};

async fn seeded(db: &DatabaseConnection) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    seed::seed(db, today, ScaleOptions::default()).await.expect("seed");
}

async fn demo_resident(db: &DatabaseConnection) -> resident::Model {
    let user = app_user::Entity::find().filter(app_user::Column::Login.eq("resident@demo.kz")).one(db).await.unwrap();
    resident::Entity::of_account(db, user.expect("demo resident").id).await.expect("resident record")
}

/// The token in the check link of the caller's card (the card page makes it on first view).
async fn card_token(app: &axum::Router, cookie: &str) -> String {
    let response = send(app, post("/api/residents/card", "", Some(cookie))).await;
    assert_eq!(response.status(), StatusCode::OK);
    let card: serde_json::Value = serde_json::from_str(&text(response).await).expect("json");
    let check_url = card["check_url"].as_str().expect("a check link").to_owned();
    assert!(card["qr_svg"].as_str().is_some_and(|svg| svg.starts_with("<svg")));
    let token = check_url.rsplit_once("/card/").expect("a /card/ link").1.to_owned();
    assert!(check_url.starts_with("http://127.0.0.1:3000/card/"), "{check_url}");
    token
}

/// `cards/check` for `token` as `cookie`'s caller: the JSON answer.
async fn check(app: &axum::Router, token: &str, cookie: Option<&str>) -> serde_json::Value {
    let encoded: String = form_urlencoded::byte_serialize(token.as_bytes()).collect();
    let response = send(app, get(&format!("/api/cards/check?token={encoded}"), cookie)).await;
    assert_eq!(response.status(), StatusCode::OK, "a card check is answered, whatever the token");
    assert_eq!(response.headers().get("cache-control").and_then(|value| value.to_str().ok()), Some("no-store"));
    serde_json::from_str(&text(response).await).expect("json")
}

on_both_databases!(a_card_link_shows_a_valid_card_and_little_else);
async fn a_card_link_shows_a_valid_card_and_little_else(db: DatabaseConnection) {
    seeded(&db).await;
    let app = test_app(&db);
    let cookie = sign_in(&app, "resident@demo.kz").await;
    let token = card_token(&app, &cookie).await;
    assert_eq!(card_token(&app, &cookie).await, token, "the card keeps its code between views");
    let holder = demo_resident(&db).await;
    assert!(!token.contains(&holder.card_number[4..]), "the token is not the card number");

    let response = send(&app, get(&format!("/api/cards/check?token={token}"), None)).await;
    let body = text(response).await;
    let answer: serde_json::Value = serde_json::from_str(&body).expect("json");
    let valid = &answer["valid"];
    let first_name = holder.full_name.split_whitespace().next().expect("a name");
    assert!(valid["holder"].as_str().is_some_and(|shown| shown.starts_with(first_name) && shown.ends_with('.')));
    assert!(valid["age_band"].is_string() && valid["valid_through"].is_string());
    assert!(valid["benefits"].as_array().is_some_and(|benefits| !benefits.is_empty()));
    assert!(answer["admin"].is_null(), "a visitor sees no admin facts");
    // Nothing personal beyond the first name and initial.
    for private in [
        holder.birth_date.to_string(),
        holder.full_name.clone(),
        holder.card_number.clone(),
        holder.email.clone().unwrap_or_else(|| "no-email".into()),
        holder.phone.clone().unwrap_or_else(|| "no-phone".into()),
    ] {
        assert!(!body.contains(&private), "the check shows {private}");
    }
}

on_both_databases!(first_views_at_once_keep_one_card_code);
async fn first_views_at_once_keep_one_card_code(db: DatabaseConnection) {
    seeded(&db).await;
    let app = test_app(&db);
    let cookie = sign_in(&app, "resident@demo.kz").await;
    assert!(demo_resident(&db).await.card_token.is_none(), "no code before the card is first shown");
    // The card opened on a phone and a laptop at once: both must show the one code that is kept.
    let views: Vec<_> = (0..12)
        .map(|_| {
            let (app, cookie) = (app.clone(), cookie.clone());
            tokio::spawn(async move { card_token(&app, &cookie).await })
        })
        .collect();
    let mut shown = std::collections::BTreeSet::new();
    for view in views {
        shown.insert(view.await.expect("no view panics"));
    }
    assert_eq!(shown.len(), 1, "every view shows the same code: {shown:?}");
    let kept = demo_resident(&db).await.card_token.expect("a code is kept");
    assert!(shown.contains(&kept));
    assert!(check(&app, &kept, None).await["valid"].is_object());
}

on_both_databases!(reissue_block_and_deletion_make_the_old_link_not_valid);
async fn reissue_block_and_deletion_make_the_old_link_not_valid(db: DatabaseConnection) {
    seeded(&db).await;
    let app = test_app(&db);
    let cookie = sign_in(&app, "resident@demo.kz").await;
    let old = card_token(&app, &cookie).await;
    let response = send(&app, post("/api/residents/reissue_card", "", Some(&cookie))).await;
    assert_eq!(response.status(), StatusCode::OK);
    let new = card_token(&app, &cookie).await;
    assert_ne!(old, new);
    assert!(check(&app, &old, None).await["valid"].is_null(), "the replaced code is not valid");
    assert!(check(&app, &new, None).await["valid"].is_object());

    // An admin blocks the card from its link, sees it blocked, and unblocks it.
    let admin = sign_in(&app, "admin@demo.kz").await;
    let block = |action: &str| format!("token={new}&action={action}");
    assert_eq!(send(&app, post("/api/cards/block", &block("block"), Some(&admin))).await.status(), StatusCode::OK);
    assert!(check(&app, &new, None).await["valid"].is_null(), "a blocked card is not valid");
    let seen_by_admin = check(&app, &new, Some(&admin)).await;
    assert_eq!(seen_by_admin["admin"]["blocked"], serde_json::Value::Bool(true));
    assert_eq!(seen_by_admin["admin"]["card_number"].as_str(), Some(demo_resident(&db).await.card_number.as_str()));
    assert_eq!(send(&app, post("/api/cards/block", &block("unblock"), Some(&admin))).await.status(), StatusCode::OK);
    assert!(check(&app, &new, None).await["valid"].is_object(), "unblocked, valid again");
    // Bad admin input changes nothing.
    let bad = send(&app, post("/api/cards/block", &block("delete"), Some(&admin))).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let unknown =
        send(&app, post("/api/cards/block", "token=AAAAAAAAAAAAAAAAAAAAAAAA&action=block", Some(&admin))).await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let staff = sign_in(&app, "staff@demo.kz").await;
    let refused = send(&app, post("/api/cards/block", &block("block"), Some(&staff))).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(check(&app, &new, None).await["valid"].is_object(), "staff cannot block a card");

    // Deleting the account revokes the card (the demo resident has studio requests: they go too).
    let user_id = demo_resident(&db).await.user_id;
    let bookings = || booking::Entity::find().filter(booking::Column::BookedBy.eq(user_id)).count(&db);
    assert!(bookings().await.unwrap() > 0, "the demo resident has room bookings");
    let body = format!("confirm_password={DEMO_PASSWORD}");
    let deleted = send(&app, post("/api/residents/delete_account", &body, Some(&cookie))).await;
    assert!(deleted.status().is_success() || deleted.status().is_redirection(), "{}", deleted.status());
    assert!(check(&app, &new, None).await["valid"].is_null(), "a deleted account's card is not valid");
    assert_eq!(bookings().await.unwrap(), 0, "their bookings went with the account");
}

on_both_databases!(forged_truncated_and_oversized_tokens_are_not_valid);
async fn forged_truncated_and_oversized_tokens_are_not_valid(db: DatabaseConnection) {
    seeded(&db).await;
    let app = test_app(&db);
    let cookie = sign_in(&app, "resident@demo.kz").await;
    let token = card_token(&app, &cookie).await;
    let holder = demo_resident(&db).await;
    let forged = format!("{}{}", if token.starts_with('A') { 'B' } else { 'A' }, &token[1..]);
    for bad in [
        forged.as_str(),
        &token[..20],
        &format!("{token}x"),
        &"x".repeat(10_000),
        holder.card_number.as_str(),
        "../../etc/passwd",
        "'; DROP TABLE resident; --",
        "",
    ] {
        let answer = check(&app, bad, None).await;
        assert_eq!(answer, serde_json::json!({ "valid": null, "admin": null }), "{}", &bad[..bad.len().min(40)]);
    }
    // The page itself answers too (a plain 200 page saying "not valid", never a 500).
    let page = send(&app, get(&format!("/card/{}", "x".repeat(10_000)), None)).await;
    assert!(!page.status().is_server_error(), "{}", page.status());
    assert!(check(&app, &token, None).await["valid"].is_object(), "the real card still checks");
}

on_both_databases!(card_checks_are_limited_per_address);
async fn card_checks_are_limited_per_address(db: DatabaseConnection) {
    seeded(&db).await;
    let options = leptos::prelude::LeptosOptions::builder().output_name("youth_centres").build();
    let settings = HttpSettings { card_checks_per_address: 3, ..HttpSettings::new("http://127.0.0.1:3000") };
    let app = router_with(AppState { leptos_options: options, db: db.clone() }, settings);
    let ask = |peer: &'static str| from_peer(get("/api/cards/check?token=AAAAAAAAAAAAAAAAAAAAAAAA", None), peer, None);
    for attempt in 1..=3 {
        assert_eq!(send(&app, ask("203.0.113.7")).await.status(), StatusCode::OK, "check {attempt}");
    }
    let refused = send(&app, ask("203.0.113.7")).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(text(refused).await, "\"TooManyAttempts\"");
    assert_eq!(send(&app, ask("198.51.100.4")).await.status(), StatusCode::OK, "another address has its own");
}
