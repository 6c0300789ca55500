//! The HTTP router: Leptos pages and server functions, static files, and the plain-form
//! language switch that works without JavaScript.
use super::security;
use super::sessions::DbSessionStore;
use crate::app::{App, shell};
use axum::{
    Form, Router,
    extract::FromRef,
    http::{HeaderValue, header},
    response::{IntoResponse, Redirect},
    routing::post,
};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use sea_orm::DatabaseConnection;
use serde::Deserialize;
use tower_http::compression::CompressionLayer;
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite};

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
}

/// Sessions last two weeks from the last request.
const SESSION_IDLE_DAYS: i64 = 14;

/// The address people reach the site at (`PUBLIC_URL`): absolute links in shared-link previews
/// and calendar feeds need it.
#[derive(Clone, Debug)]
pub struct PublicUrl(pub String);

/// `public_url` is where people reach the site; an `https://` one makes session cookies `Secure`.
pub fn router(state: AppState, public_url: &str) -> Router {
    let secure_cookies = public_url.starts_with("https://");
    let public_url = PublicUrl(public_url.trim_end_matches('/').to_owned());
    let feed_public_url = axum::Extension(public_url.clone());
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name("yc_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure_cookies)
        .with_expiry(Expiry::OnInactivity(tower_sessions::cookie::time::Duration::days(SESSION_IDLE_DAYS)));
    let routes = generate_route_list(App);
    let db = state.db.clone();
    let sign_in_limits = crate::accounts::auth::SignInLimits::new(5, super::config::sign_in_attempts_per_address());
    let provide_server_context = move || {
        provide_context(db.clone());
        provide_context(sign_in_limits.clone());
        provide_context(public_url.clone());
    };
    Router::new()
        .route("/language", post(set_language))
        .merge(crate::app::plain_routes())
        .leptos_routes_with_context(&state, routes, provide_server_context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(provide_server_context, shell))
        .layer(feed_public_url)
        .layer(sessions)
        .layer(axum::middleware::from_fn(security::refuse_cross_site))
        .layer(axum::middleware::from_fn(security::security_headers))
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// Cookie that leptos_i18n reads on the server and writes in the browser.
pub const LANGUAGE_COOKIE: &str = "i18n_pref_locale";

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// `POST /language` from the switcher when WASM has not loaded: remember the choice, go back.
async fn set_language(Form(form): Form<LanguageForm>) -> impl IntoResponse {
    let next = safe_local_path(&form.next);
    let mut response = Redirect::to(next).into_response();
    if let Some(lang) = ["kk", "ru", "en"].into_iter().find(|known| *known == form.lang)
        && let Ok(cookie) =
            HeaderValue::from_str(&format!("{LANGUAGE_COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax"))
    {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// Only same-site paths are followed after a form post, never another origin (open redirect).
fn safe_local_path(next: &str) -> &str {
    let is_local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if is_local { next } else { "/" }
}

#[cfg(test)]
mod tests {
    use super::safe_local_path;

    #[test]
    fn redirects_only_to_local_paths() {
        assert_eq!(safe_local_path("/centres?district=almaly"), "/centres?district=almaly");
        assert_eq!(safe_local_path("https://evil.example/"), "/");
        assert_eq!(safe_local_path("//evil.example/"), "/");
        assert_eq!(safe_local_path("/\\evil.example"), "/");
        assert_eq!(safe_local_path(""), "/");
    }
}
