//! Calling the app through its real router (sessions, CSRF check, server functions), as a browser would.
use axum::body::Body;
use axum::http::{Request, Response, header};
use sea_orm::DatabaseConnection;
use tower::ServiceExt;
use youth_centres::server::http::{AppState, router};
use youth_centres::server::seed::DEMO_PASSWORD;

pub fn test_app(db: &DatabaseConnection) -> axum::Router {
    let options = leptos::prelude::LeptosOptions::builder().output_name("youth_centres").build();
    router(AppState { leptos_options: options, db: db.clone() }, "http://127.0.0.1:3000")
}

pub fn post(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let request = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    with_cookie(request, cookie).body(Body::from(body.to_owned())).expect("request")
}

pub fn get(path_and_query: &str, cookie: Option<&str>) -> Request<Body> {
    with_cookie(Request::get(path_and_query), cookie).body(Body::empty()).expect("request")
}

fn with_cookie(request: axum::http::request::Builder, cookie: Option<&str>) -> axum::http::request::Builder {
    let mut request = request.header(header::ACCEPT, "application/json");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request
}

pub async fn send(app: &axum::Router, request: Request<Body>) -> Response<Body> {
    app.clone().oneshot(request).await.expect("the router always answers")
}

/// The response body as text.
pub async fn text(response: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), 10 * 1024 * 1024).await.expect("body");
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The `name=value` part of the session cookie a response set.
pub fn session_cookie(response: &Response<Body>) -> Option<String> {
    let cookie = response.headers().get(header::SET_COOKIE)?.to_str().ok()?;
    Some(cookie.split(';').next().unwrap_or_default().to_owned())
}

/// Signs in with the demo password and returns the session cookie.
pub async fn sign_in(app: &axum::Router, login: &str) -> String {
    sign_in_with(app, login, DEMO_PASSWORD).await
}

pub async fn sign_in_with(app: &axum::Router, login: &str, password: &str) -> String {
    let body = format!("login={}&password={}", login.replace('@', "%40"), password.replace(' ', "+"));
    let response = send(app, post("/api/accounts/sign_in", &body, None)).await;
    assert!(response.status().is_success() || response.status().is_redirection(), "{login}: {}", response.status());
    session_cookie(&response).expect("session cookie")
}

/// A request arriving over TCP from `peer`, optionally through a proxy naming `forwarded_for`.
pub fn from_peer(mut request: Request<Body>, peer: &str, forwarded_for: Option<&str>) -> Request<Body> {
    let peer: std::net::SocketAddr = format!("{peer}:40000").parse().expect("peer address");
    request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
    if let Some(client) = forwarded_for {
        request.headers_mut().insert("x-forwarded-for", client.parse().expect("header"));
    }
    request
}
