//! Every password check spends the sign-in budgets (per account, per client address): a stolen
//! session cannot guess the password online through "change password" or "delete account", and
//! the client address is read through trusted proxies only.
use crate::support;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use support::http::{from_peer, post, send, sign_in, test_app};
use youth_centres::accounts::auth::SignInLimits;
use youth_centres::server::config::TrustedProxies;
use youth_centres::server::entities::app_user;
use youth_centres::server::http::{AppState, HttpSettings, router_with};
use youth_centres::server::seed::{self, DEMO_PASSWORD, ScaleOptions};

async fn seeded(db: &DatabaseConnection) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    seed::seed(db, today, ScaleOptions::default()).await.expect("seed");
}

fn app_with(db: &DatabaseConnection, per_login: u32, per_address: u32, proxies: &str) -> axum::Router {
    let options = leptos::prelude::LeptosOptions::builder().output_name("youth_centres").build();
    let settings = HttpSettings {
        sign_in_limits: SignInLimits::new(per_login, per_address),
        trusted_proxies: TrustedProxies::parse(proxies).expect("proxies"),
        ..HttpSettings::new("http://127.0.0.1:3000")
    };
    router_with(AppState { leptos_options: options, db: db.clone() }, settings)
}

on_both_databases!(password_checks_of_a_signed_in_user_spend_the_sign_in_budget);
async fn password_checks_of_a_signed_in_user_spend_the_sign_in_budget(db: DatabaseConnection) {
    seeded(&db).await;
    let app = test_app(&db); // 5 attempts a minute per account
    let cookie = sign_in(&app, "resident@demo.kz").await; // the first
    for attempt in 2..=5 {
        let response = send(&app, post("/api/residents/delete_account", "confirm_password=guess", Some(&cookie))).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "guess {attempt} is checked and refused");
    }
    // The budget is spent: even the right password is not checked now.
    let body = format!("confirm_password={DEMO_PASSWORD}");
    let response = send(&app, post("/api/residents/delete_account", &body, Some(&cookie))).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let still_there = app_user::Entity::find().filter(app_user::Column::Login.eq("resident@demo.kz")).one(&db).await;
    assert!(still_there.unwrap().is_some(), "the account was not deleted");
    let body = format!("current_password={DEMO_PASSWORD}&new_password=another-long-one-1");
    let response = send(&app, post("/api/accounts/change_password", &body, Some(&cookie))).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS, "change password shares the account's budget");
    let text = support::http::text(response).await;
    assert_eq!(text, "\"TooManyAttempts\"");
}

on_both_databases!(password_changes_spend_the_address_budget);
async fn password_changes_spend_the_address_budget(db: DatabaseConnection) {
    seeded(&db).await;
    let app = app_with(&db, 100, 3, "");
    let response =
        send(&app, from_peer(post("/api/accounts/sign_in", &sign_in_body("staff@demo.kz"), None), "203.0.113.9", None))
            .await;
    assert!(response.status().is_success() || response.status().is_redirection(), "{}", response.status());
    let cookie = support::http::session_cookie(&response).expect("cookie");
    let guess = "current_password=guess-guess&new_password=another-long-one-1";
    for _ in 0..2 {
        let response =
            send(&app, from_peer(post("/api/accounts/change_password", guess, Some(&cookie)), "203.0.113.9", None))
                .await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    }
    let response =
        send(&app, from_peer(post("/api/accounts/change_password", guess, Some(&cookie)), "203.0.113.9", None)).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS, "the address has used its three attempts");
}

fn sign_in_body(login: &str) -> String {
    format!("login={}&password={DEMO_PASSWORD}", login.replace('@', "%40"))
}

on_both_databases!(clients_behind_a_trusted_proxy_have_their_own_budgets);
async fn clients_behind_a_trusted_proxy_have_their_own_budgets(db: DatabaseConnection) {
    seeded(&db).await;
    let app = app_with(&db, 100, 2, "10.0.0.0/8");
    let attempt = |peer: &'static str, forwarded_for: Option<&'static str>| {
        let app = app.clone();
        async move {
            let request = post("/api/accounts/sign_in", "login=nobody%40demo.kz&password=wrong-one", None);
            send(&app, from_peer(request, peer, forwarded_for)).await.status()
        }
    };
    // Two young people behind the centre's proxy: each has a budget of two.
    assert_eq!(attempt("10.0.0.1", Some("198.51.100.1")).await, StatusCode::UNAUTHORIZED);
    assert_eq!(attempt("10.0.0.1", Some("198.51.100.1")).await, StatusCode::UNAUTHORIZED);
    assert_eq!(attempt("10.0.0.1", Some("198.51.100.1")).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        attempt("10.0.0.1", Some("198.51.100.2")).await,
        StatusCode::UNAUTHORIZED,
        "the neighbour is not blocked"
    );
    // A client that is not a trusted proxy cannot escape its budget by naming other addresses.
    assert_eq!(attempt("203.0.113.5", Some("192.0.2.1")).await, StatusCode::UNAUTHORIZED);
    assert_eq!(attempt("203.0.113.5", Some("192.0.2.2")).await, StatusCode::UNAUTHORIZED);
    assert_eq!(attempt("203.0.113.5", Some("192.0.2.3")).await, StatusCode::TOO_MANY_REQUESTS);
}
