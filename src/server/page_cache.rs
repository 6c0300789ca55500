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
//! - entries live `ttl` at most (writes made by another server or the command line show after
//!   that);
//! - each answer gets a fresh Content-Security-Policy nonce: the cached nonce is replaced in the
//!   header and in the page, so a nonce is never sent twice.
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Pages kept at most; a visitor paging through search results must not fill the memory.
const MAX_ENTRIES: usize = 2_000;
/// A page larger than this is served but not kept.
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;
/// The cookie that marks a signed-in (or signing-in) browser: its pages are personal.
const SESSION_COOKIE: &str = "yc_session=";

#[derive(Clone)]
struct Entry {
    generation: u64,
    stored_at: Instant,
    headers: HeaderMap,
    body: Arc<str>,
    nonce: Arc<str>,
}

/// The cache and the write generation it is valid for; shared by every request of the server.
pub struct PageCache {
    entries: quick_cache::sync::Cache<String, Entry>,
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

    fn fresh(&self, key: &str, generation: u64) -> Option<Entry> {
        self.entries.get(key).filter(|entry| entry.generation == generation && entry.stored_at.elapsed() < self.ttl)
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
    let generation = cache.generation.load(Ordering::SeqCst);
    if let Some(entry) = cache.fresh(&key, generation) {
        return with_new_nonce(&entry);
    }
    let response = next.run(request).await;
    let Some(nonce) = storable_nonce(&response) else {
        return response;
    };
    let (parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        // The page broke off while rendering: what was sent so far is all there is.
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    if bytes.len() <= MAX_PAGE_BYTES
        && let Ok(text) = std::str::from_utf8(&bytes)
    {
        let entry = Entry {
            generation,
            stored_at: Instant::now(),
            headers: parts.headers.clone(),
            body: Arc::from(text),
            nonce: Arc::from(nonce.as_str()),
        };
        cache.entries.insert(key, entry);
    }
    Response::from_parts(parts, Body::from(bytes))
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
    if path.starts_with("/api/") || path.starts_with("/pkg/") || path.contains('.') {
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
fn with_new_nonce(entry: &Entry) -> Response {
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
        let entry = Entry {
            generation: 0,
            stored_at: Instant::now(),
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
}
