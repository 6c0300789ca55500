//! The HTTP router: Leptos pages and server functions, static files, and the plain-form
//! language switch that works without JavaScript.
use super::config::TrustedProxies;
use super::security;
use super::sessions::{DbSessionStore, SESSION_LIFETIME, SessionClock, renew_sessions};
use super::shell::shell;
use crate::accounts::auth::SignInLimits;
use crate::app::App;
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
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tower_http::compression::CompressionLayer;
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite};

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
}

/// The address people reach the site at (`PUBLIC_URL`): absolute links in shared-link previews
/// and calendar feeds need it.
#[derive(Clone, Debug)]
pub struct PublicUrl(pub String);

/// What the router needs besides the shared state.
#[derive(Clone)]
pub struct HttpSettings {
    /// Where people reach the site (`PUBLIC_URL`); `https://` makes cookies `Secure` and adds HSTS.
    pub public_url: String,
    /// Proxies whose `X-Forwarded-For` names the client (`TRUSTED_PROXIES`).
    pub trusted_proxies: TrustedProxies,
    /// Password attempt budgets; shared with the periodic task that prunes them.
    pub sign_in_limits: SignInLimits,
    /// Card check pages per minute from one address (`CARD_CHECKS_PER_ADDRESS`), counted where
    /// the password budgets are.
    pub card_checks_per_address: u32,
    /// "Now" for session expiry.
    pub clock: SessionClock,
    /// How long an anonymous page may be served from memory (`PAGE_CACHE_MILLISECONDS`); zero
    /// renders every page afresh.
    pub page_cache_ttl: std::time::Duration,
    /// Set when the server has been asked to stop: `/readyz` then says so, and load balancers
    /// send new requests elsewhere.
    pub stopping: Arc<AtomicBool>,
    /// Who may read `/metrics` (`METRICS_ALLOWED`); nobody by default.
    pub metrics_readers: super::config::MetricsReaders,
}

impl HttpSettings {
    /// Defaults for `public_url`: no trusted proxy, the configured attempt budgets, the system clock.
    pub fn new(public_url: &str) -> Self {
        Self {
            public_url: public_url.to_owned(),
            trusted_proxies: TrustedProxies::default(),
            sign_in_limits: SignInLimits::new(5, super::config::sign_in_attempts_per_address()),
            card_checks_per_address: super::config::card_checks_per_address(),
            clock: SessionClock::system(),
            page_cache_ttl: std::time::Duration::ZERO,
            stopping: Arc::default(),
            metrics_readers: Default::default(),
        }
    }
}

/// `public_url` is where people reach the site; an `https://` one makes session cookies `Secure`.
pub fn router(state: AppState, public_url: &str) -> Router {
    router_with(state, HttpSettings::new(public_url))
}

pub fn router_with(state: AppState, settings: HttpSettings) -> Router {
    // Before anything of Leptos runs: its route listing already sets up a (plain tokio) spawner.
    super::request_log::spawn_tasks_in_request_span();
    let site = security::SitePolicy::new(&settings.public_url);
    let public_url = PublicUrl(settings.public_url.trim_end_matches('/').to_owned());
    let feed_public_url = axum::Extension(public_url.clone());
    let sessions = SessionManagerLayer::new(DbSessionStore::with_clock(state.db.clone(), settings.clock.clone()))
        .with_name("yc_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(site.is_https())
        .with_expiry(Expiry::OnInactivity(tower_sessions::cookie::time::Duration::seconds(
            SESSION_LIFETIME.num_seconds(),
        )));
    let routes = generate_route_list(App);
    let db = state.db.clone();
    let sign_in_limits = settings.sign_in_limits;
    let card_checks = crate::residents::store::CardCheckBudget(crate::accounts::auth::AddressBudget::new(
        "card-check",
        settings.card_checks_per_address,
        sign_in_limits.shared().cloned(),
    ));
    let trusted_proxies = settings.trusted_proxies;
    let metrics_proxies = trusted_proxies.clone();
    super::metrics::install();
    let provide_server_context = move || {
        provide_context(db.clone());
        provide_context(sign_in_limits.clone());
        provide_context(card_checks.clone());
        provide_context(trusted_proxies.clone());
        provide_context(public_url.clone());
    };
    Router::new()
        .nest_service(&format!("/{}", state.leptos_options.site_pkg_dir), site_files(&state.leptos_options))
        .route("/language", post(set_language))
        .merge(crate::app::plain_routes())
        .leptos_routes_with_context(&state, routes, provide_server_context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .route_layer(axum::middleware::from_fn_with_state(settings.clock, renew_sessions))
        .route_layer(axum::middleware::from_fn(super::plain_forms::mark_plain_form_results))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(provide_server_context, shell))
        .layer(axum::middleware::from_fn(super::page_threads::render_pages_on_page_threads))
        .layer(feed_public_url)
        .layer(sessions)
        .layer(axum::middleware::from_fn_with_state(
            super::page_cache::PageCache::new(settings.page_cache_ttl),
            super::page_cache::serve_cached_pages,
        ))
        .layer(axum::middleware::from_fn_with_state(site.clone(), security::refuse_cross_site))
        .layer(axum::middleware::from_fn_with_state(site, security::security_headers))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(super::metrics::count_requests))
        .with_state(state.clone())
        .merge(health_routes(state.db.clone(), settings.stopping))
        .merge(metrics_route(state.db, settings.metrics_readers, metrics_proxies))
        .layer(axum::middleware::from_fn(super::request_log::with_request_id))
}

/// `/metrics` for the clients in `readers` (see [`super::metrics::serve_metrics`]).
fn metrics_route(
    db: DatabaseConnection,
    readers: super::config::MetricsReaders,
    trusted_proxies: super::config::TrustedProxies,
) -> Router {
    let access = super::metrics::MetricsAccess { readers, trusted_proxies, db };
    Router::new().route("/metrics", axum::routing::get(super::metrics::serve_metrics)).with_state(access)
}

/// `/healthz`: the process answers. `/readyz`: it can serve (the database answers, every migration
/// is applied, and it is not stopping). For load balancers and orchestrators; no session, no page.
fn health_routes(db: DatabaseConnection, stopping: Arc<AtomicBool>) -> Router {
    use axum::http::StatusCode;
    use sea_orm_migration::MigratorTrait;
    let ready = move || {
        let (db, stopping) = (db.clone(), stopping.clone());
        async move {
            if stopping.load(Ordering::Relaxed) {
                return (StatusCode::SERVICE_UNAVAILABLE, "stopping");
            }
            if db.ping().await.is_err() {
                return (StatusCode::SERVICE_UNAVAILABLE, "database unreachable");
            }
            match super::migration::Migrator::get_pending_migrations(&db).await {
                Ok(pending) if pending.is_empty() => (StatusCode::OK, "ready"),
                Ok(_) => (StatusCode::SERVICE_UNAVAILABLE, "migrations pending"),
                Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "migrations unknown"),
            }
        }
    };
    Router::new().route("/healthz", axum::routing::get(|| async { "ok" })).route("/readyz", axum::routing::get(ready))
}

/// The client's files (WASM, JS, CSS): sent precompressed when the build wrote `.br`/`.gz`
/// copies, and kept by browsers for a year when their names carry a content hash (a new build has
/// new names, so nobody runs an old client against a new server).
fn site_files(options: &LeptosOptions) -> Router {
    use tower_http::services::ServeDir;
    let dir = std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    let cache_control =
        HeaderValue::from_static(if options.hash_files { "public, max-age=31536000, immutable" } else { "no-cache" });
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new().fallback_service(files).layer(axum::middleware::map_response(
        move |mut response: axum::response::Response| {
            let cache_control = cache_control.clone();
            async move {
                // A missing file must not be remembered for a year.
                if response.status().is_success() {
                    response.headers_mut().insert(header::CACHE_CONTROL, cache_control);
                }
                response
            }
        },
    ))
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

/// Only paths on this site are followed after a form post, never another origin (open redirect).
/// Browsers drop tabs and newlines from URLs and read `\\` as `/`, so `/\t/evil.example` would be
/// `//evil.example`: the path must be `/` alone or `/` and a path character, and hold only visible
/// ASCII without a backslash (browsers send paths percent-encoded; raw UTF-8 in `Location` is read
/// differently by different clients). Nothing is trimmed or removed first.
pub fn safe_local_path(next: &str) -> &str {
    let mut chars = next.chars();
    let starts_locally = chars.next() == Some('/')
        && match chars.next() {
            None => true,
            // `?`/`#`: the home page with a query or fragment.
            Some(second) => is_path_character(second) || second == '?' || second == '#',
        };
    let is_local = starts_locally && next.bytes().all(|byte| byte.is_ascii_graphic() && byte != b'\\');
    if is_local { next } else { "/" }
}

/// RFC 3986 `pchar`: unreserved, `%`-escape, sub-delims, `:`, `@` (never `/` or `\\`).
fn is_path_character(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~%!$&'()*+,;=:@".contains(c)
}

#[cfg(test)]
mod tests {
    use super::safe_local_path;

    #[test]
    fn redirects_only_to_local_paths() {
        assert_eq!(safe_local_path("/centres?district=almaly"), "/centres?district=almaly");
        assert_eq!(safe_local_path("/"), "/");
        assert_eq!(safe_local_path("/?lang=kk"), "/?lang=kk");
        assert_eq!(safe_local_path("/%D0%BA%D1%83%D1%80%D1%81"), "/%D0%BA%D1%83%D1%80%D1%81");
        assert_eq!(safe_local_path("https://evil.example/"), "/");
        assert_eq!(safe_local_path("//evil.example/"), "/");
        assert_eq!(safe_local_path("/\\evil.example"), "/");
        assert_eq!(safe_local_path(""), "/");
    }

    #[test]
    fn characters_browsers_drop_or_rewrite_cannot_smuggle_another_origin() {
        for next in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/\u{0}/evil.example",
            " //evil.example",
            "/ /evil.example",
            "/centres\\..\\/evil",
            "/centres\t",
            "/курсы",
        ] {
            assert_eq!(safe_local_path(next), "/", "{next:?}");
        }
    }
}
