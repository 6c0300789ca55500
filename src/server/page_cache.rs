//! A short-lived cache of the pages anonymous visitors get: the catalogue and a centre's week grid
//! are the same for every visitor until somebody changes something, and rendering them on every
//! request is what limits how many people a server can take at once.
//!
//! Rules that keep it honest:
//! - only `GET`s without a session cookie are served from it, keyed by the URL, the cookies (the
//!   chosen language) and `Accept-Language`; only complete `200 text/html` answers that set no
//!   cookie are kept;
//! - every request that may write (anything but `GET`/`HEAD`) empties it when it completes, so a
//!   booking or an enrolment shows on the next page view; a page rendered while a write was under
//!   way is never kept (each entry carries the write generation it started in);
//! - entries are fresh for `ttl`; writes made by another server or the command line show after
//!   that, plus at most one rendering: once an entry has expired, one request renders it again
//!   while the others still get the expired copy (for up to `MAX_STALE`), so an expiry never
//!   sends every waiting visitor into the database at once;
//! - when there is no copy at all (first view, or just after a write), the first request renders
//!   and the others asking for the same page wait for its result instead of rendering it too;
//! - each answer gets a fresh Content-Security-Policy nonce: the cached nonce is replaced in the
//!   header and in the page, so a nonce is never sent twice.
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Pages kept at most; a visitor paging through search results must not fill the memory.
const MAX_ENTRIES: usize = 2_000;
/// A page larger than this is served but not kept.
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;
/// The cookie that marks a signed-in (or signing-in) browser: its pages are personal.
const SESSION_COOKIE: &str = "yc_session=";

/// How long after its `ttl` an expired page may still be sent while one request renders it again.
const MAX_STALE: Duration = Duration::from_secs(2);

/// What the cache holds for a key.
#[derive(Clone)]
enum Cached {
    Page(Page),
    /// The last answer could not be kept (an error page, a redirect, a cookie): requests that were
    /// waiting for it render their own, and so does everybody until `ttl` has passed.
    NotKept {
        generation: u64,
        stored_at: Instant,
    },
}

#[derive(Clone)]
struct Page {
    generation: u64,
    stored_at: Instant,
    headers: HeaderMap,
    body: Arc<str>,
    nonce: Arc<str>,
    /// Set by the one request that renders the page again once it has expired.
    refreshing: Arc<AtomicBool>,
}

impl Cached {
    fn generation(&self) -> u64 {
        match self {
            Cached::Page(page) => page.generation,
            Cached::NotKept { generation, .. } => *generation,
        }
    }

    fn stored_at(&self) -> Instant {
        match self {
            Cached::Page(page) => page.stored_at,
            Cached::NotKept { stored_at, .. } => *stored_at,
        }
    }
}

/// The cache and the write generation it is valid for; shared by every request of the server.
pub struct PageCache {
    entries: quick_cache::sync::Cache<String, Cached>,
    generation: AtomicU64,
    ttl: Duration,
}

impl PageCache {
    /// `ttl` zero: nothing is ever kept (tests that change data behind the server's back).
    pub fn new(ttl: Duration) -> Arc<Self> {
        Arc::new(Self { entries: quick_cache::sync::Cache::new(MAX_ENTRIES), generation: AtomicU64::new(0), ttl })
    }

    /// Forgets every page: called after each request that may have written.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.entries.clear();
    }

    fn current(&self, cached: &Cached) -> bool {
        cached.generation() == self.generation.load(Ordering::SeqCst)
    }
}

/// The middleware: answers anonymous page views from the cache, keeps what it may, and empties
/// the cache after writes.
pub async fn serve_cached_pages(State(cache): State<Arc<PageCache>>, request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let response = next.run(request).await;
        cache.invalidate();
        return response;
    }
    let Some(key) = cache_key(&request).filter(|_| !cache.ttl.is_zero()) else {
        return next.run(request).await;
    };
    if let Some(cached) = cache.entries.get(&key).filter(|cached| cache.current(cached)) {
        let age = cached.stored_at().elapsed();
        match cached {
            Cached::Page(page) if age < cache.ttl => return with_new_nonce(&page),
            Cached::NotKept { .. } if age < cache.ttl => return next.run(request).await,
            Cached::Page(page) if age < cache.ttl + MAX_STALE => {
                if page.refreshing.swap(true, Ordering::SeqCst) {
                    return with_new_nonce(&page);
                }
                let (response, fresh) = render(&cache, request, next).await;
                cache.entries.insert(key, fresh);
                return response;
            }
            _ => {}
        }
    }
    // Too old or from before a write: whoever removes it first renders; an entry a concurrent
    // request has just stored is left alone.
    cache.entries.remove_if(&key, |cached| !cache.current(cached) || cached.stored_at().elapsed() >= cache.ttl);
    match cache.entries.get_value_or_guard_async(&key).await {
        Ok(Cached::Page(page)) if page.generation == cache.generation.load(Ordering::SeqCst) => with_new_nonce(&page),
        Ok(_) => next.run(request).await,
        Err(guard) => {
            let (response, fresh) = render(&cache, request, next).await;
            // A write while rendering cleared the placeholder; the waiters get the page anyway and
            // see from its generation that it is outdated.
            let _ = guard.insert(fresh);
            response
        }
    }
}

/// Renders the page and what the cache may keep of it. A page rendered while a write was under
/// way carries the older generation, so nobody is served it from the cache.
async fn render(cache: &PageCache, request: Request, next: Next) -> (Response, Cached) {
    let generation = cache.generation.load(Ordering::SeqCst);
    let not_kept = Cached::NotKept { generation, stored_at: Instant::now() };
    let response = next.run(request).await;
    let Some(nonce) = storable_nonce(&response) else {
        return (response, not_kept);
    };
    let (parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        // The page broke off while rendering: what was sent so far is all there is.
        Err(_) => return (StatusCode::SERVICE_UNAVAILABLE.into_response(), not_kept),
    };
    let cached = match std::str::from_utf8(&bytes) {
        Ok(text) if bytes.len() <= MAX_PAGE_BYTES => Cached::Page(Page {
            generation,
            stored_at: Instant::now(),
            headers: parts.headers.clone(),
            body: Arc::from(text),
            nonce: Arc::from(nonce.as_str()),
            refreshing: Arc::default(),
        }),
        _ => not_kept,
    };
    (Response::from_parts(parts, Body::from(bytes)), cached)
}

/// The key of an anonymous page view, or `None` when the answer may be personal.
fn cache_key(request: &Request) -> Option<String> {
    if *request.method() != Method::GET {
        return None;
    }
    let header_text = |name: header::HeaderName| {
        request.headers().get_all(name).iter().filter_map(|value| value.to_str().ok()).collect::<Vec<_>>().join("; ")
    };
    let cookies = header_text(header::COOKIE);
    if cookies.contains(SESSION_COOKIE) {
        return None;
    }
    let path = request.uri().path();
    // Server functions, files and downloads have their own caching (or none).
    // A card check must be live at every scan, and each one spends its address's budget.
    if path.starts_with("/api/") || path.starts_with("/pkg/") || path.starts_with("/card/") || path.contains('.') {
        return None;
    }
    Some(format!("{}\n{cookies}\n{}", request.uri(), header_text(header::ACCEPT_LANGUAGE)))
}

/// The nonce of a page that may be kept: a complete `200 text/html` answer with a nonce policy
/// that sets no cookie.
fn storable_nonce(response: &Response) -> Option<String> {
    let headers = response.headers();
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if response.status() != StatusCode::OK || !is_html || headers.contains_key(header::SET_COOKIE) {
        return None;
    }
    let policy = headers.get(header::CONTENT_SECURITY_POLICY)?.to_str().ok()?;
    nonce_in_policy(policy).map(str::to_owned)
}

/// `abc` from `… 'nonce-abc' …`.
fn nonce_in_policy(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    Some(&policy[start..start + length]).filter(|nonce| nonce.len() >= 16)
}

/// A cached page with a nonce of its own, in the policy and on every script.
fn with_new_nonce(entry: &Page) -> Response {
    let nonce = fresh_nonce();
    let mut headers = entry.headers.clone();
    if let Some(policy) = headers.get(header::CONTENT_SECURITY_POLICY).and_then(|value| value.to_str().ok())
        && let Ok(policy) = HeaderValue::from_str(&policy.replace(&*entry.nonce, &nonce))
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    let body = entry.body.replace(&*entry.nonce, &nonce);
    let mut response = Response::new(Body::from(Bytes::from(body)));
    *response.headers_mut() = headers;
    response
}

/// 128 random bits, base64 like the nonces Leptos makes.
fn fresh_nonce() -> String {
    use base64::Engine;
    use password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nonce_is_read_from_the_policy_and_replaced_everywhere() {
        let policy = "default-src 'self'; script-src 'self' 'nonce-AbCdEfGhIjKlMnOpQrStUv' 'wasm-unsafe-eval'";
        assert_eq!(nonce_in_policy(policy), Some("AbCdEfGhIjKlMnOpQrStUv"));
        assert_eq!(nonce_in_policy("script-src 'nonce-x'"), None, "too short to be a real nonce");
        assert_eq!(nonce_in_policy("script-src 'self'"), None);

        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
        let entry = Page {
            generation: 0,
            stored_at: Instant::now(),
            refreshing: Arc::default(),
            headers,
            body: Arc::from(
                "<script nonce=\"AbCdEfGhIjKlMnOpQrStUv\">a</script><script nonce=\"AbCdEfGhIjKlMnOpQrStUv\">",
            ),
            nonce: Arc::from("AbCdEfGhIjKlMnOpQrStUv"),
        };
        let first = with_new_nonce(&entry);
        let second = with_new_nonce(&entry);
        let nonce_of = |response: &Response| {
            let policy = response.headers().get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
            nonce_in_policy(policy).unwrap().to_owned()
        };
        let (one, two) = (nonce_of(&first), nonce_of(&second));
        assert_ne!(one, two, "every answer has its own nonce");
        assert_ne!(one, "AbCdEfGhIjKlMnOpQrStUv");
    }

    #[test]
    fn only_anonymous_page_views_are_cached() {
        let request = |uri: &str, cookie: Option<&str>| {
            let mut builder = Request::builder().uri(uri);
            if let Some(cookie) = cookie {
                builder = builder.header(header::COOKIE, cookie);
            }
            builder.body(Body::empty()).unwrap()
        };
        assert!(cache_key(&request("/courses?q=smm", None)).is_some());
        let kk = cache_key(&request("/courses", Some("i18n_pref_locale=kk"))).unwrap();
        let ru = cache_key(&request("/courses", Some("i18n_pref_locale=ru"))).unwrap();
        assert_ne!(kk, ru, "each language has its own copy");
        assert!(cache_key(&request("/courses", Some("i18n_pref_locale=kk; yc_session=abc"))).is_none());
        assert!(cache_key(&request("/api/courses/list", None)).is_none());
        assert!(cache_key(&request("/pkg/youth_centres.wasm", None)).is_none());
        assert!(cache_key(&request("/room-calendar/3.ics", None)).is_none());
    }

    /// A page that takes a while to render and counts how often it was rendered.
    fn slow_page(cache: Arc<PageCache>, renders: Arc<AtomicU64>) -> axum::Router {
        use axum::routing::get;
        let page = move || {
            let renders = renders.clone();
            async move {
                let count = renders.fetch_add(1, Ordering::SeqCst) + 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
                let nonce = fresh_nonce();
                (
                    [
                        (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
                        (header::CONTENT_SECURITY_POLICY, format!("script-src 'nonce-{nonce}'")),
                    ],
                    format!("<p>rendering {count}</p><script nonce=\"{nonce}\"></script>"),
                )
            }
        };
        axum::Router::new()
            .route("/courses", get(page).post(|| async { "written" }))
            .layer(axum::middleware::from_fn_with_state(cache, serve_cached_pages))
    }

    async fn visit(app: &axum::Router, method: Method) -> String {
        use tower::ServiceExt;
        let request = Request::builder().method(method).uri("/courses").body(Body::empty()).unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        String::from_utf8(body.to_vec()).unwrap()
    }

    async fn crowd(app: &axum::Router, visitors: usize) -> Vec<String> {
        let mut views = tokio::task::JoinSet::new();
        for _ in 0..visitors {
            let app = app.clone();
            views.spawn(async move { visit(&app, Method::GET).await });
        }
        views.join_all().await
    }

    #[tokio::test]
    async fn a_crowd_arriving_together_renders_the_page_once() {
        let renders = Arc::new(AtomicU64::new(0));
        let app = slow_page(PageCache::new(Duration::from_secs(60)), renders.clone());
        let pages = crowd(&app, 20).await;
        assert_eq!(renders.load(Ordering::SeqCst), 1, "the others waited for the first rendering");
        assert!(pages.iter().all(|page| page.contains("rendering 1")));

        visit(&app, Method::POST).await;
        let pages = crowd(&app, 20).await;
        assert_eq!(renders.load(Ordering::SeqCst), 2, "a write empties the cache; the next crowd renders once");
        assert!(pages.iter().all(|page| page.contains("rendering 2")));
    }

    #[tokio::test]
    async fn an_expired_page_is_rendered_again_by_one_visitor_while_the_others_get_the_old_copy() {
        let renders = Arc::new(AtomicU64::new(0));
        let app = slow_page(PageCache::new(Duration::from_millis(50)), renders.clone());
        visit(&app, Method::GET).await;
        tokio::time::sleep(Duration::from_millis(80)).await;
        let started = Instant::now();
        let pages = crowd(&app, 20).await;
        assert_eq!(renders.load(Ordering::SeqCst), 2, "one visitor renders the expired page again");
        assert_eq!(pages.iter().filter(|page| page.contains("rendering 2")).count(), 1);
        assert_eq!(pages.iter().filter(|page| page.contains("rendering 1")).count(), 19, "the rest got the old copy");
        assert!(started.elapsed() < Duration::from_millis(1_000));

        tokio::time::sleep(Duration::from_millis(50) + MAX_STALE).await;
        let pages = crowd(&app, 5).await;
        assert_eq!(renders.load(Ordering::SeqCst), 3, "a copy too old is not sent any more");
        assert!(pages.iter().all(|page| page.contains("rendering 3")));
    }
}
