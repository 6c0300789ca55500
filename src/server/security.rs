//! HTTP security: response headers for every response, the Content-Security-Policy for pages
//! (with the per-request nonce Leptos puts on its scripts), and refusal of cross-site requests
//! that could change state (CSRF).
use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// What the security middleware knows about the site: its public origin (`PUBLIC_URL`).
#[derive(Clone, Debug)]
pub struct SitePolicy {
    /// `scheme://host[:port]` as browsers write it in `Origin`.
    origin: String,
    https: bool,
}

impl SitePolicy {
    pub fn new(public_url: &str) -> Self {
        let parsed = url::Url::parse(public_url).ok();
        let origin = parsed.as_ref().map(|url| url.origin().ascii_serialization()).unwrap_or_default();
        let https = parsed.is_some_and(|url| url.scheme() == "https");
        Self { origin, https }
    }

    pub fn is_https(&self) -> bool {
        self.https
    }
}

/// A policy for HTML that was sent without its own (an error page, a future handler): no scripts
/// at all, so a page that forgot its policy fails closed instead of open.
pub const FALLBACK_PAGE_POLICY: &str = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; \
                                         form-action 'self'; frame-ancestors 'none'";

/// Headers every response carries.
pub async fn security_headers(State(site): State<SitePolicy>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // The camera for this site's own pages only: the desk scans card QR codes with it.
    headers.insert("permissions-policy", HeaderValue::from_static("camera=(self), microphone=(), geolocation=()"));
    if site.https {
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|content_type| content_type.trim_start().to_ascii_lowercase().starts_with("text/html"));
    if is_html && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(FALLBACK_PAGE_POLICY));
    }
    response
}

/// The page policy: scripts only from this site or carrying this response's nonce; WASM may be
/// compiled; nothing may frame the site.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Refuses state-changing requests sent by another site's page.
pub async fn refuse_cross_site(State(site): State<SitePolicy>, request: Request, next: Next) -> Response {
    if is_cross_site_write(request.method(), request.headers(), &site.origin) {
        tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-site request refused");
        return (StatusCode::FORBIDDEN, "Cross-site request refused").into_response();
    }
    next.run(request).await
}

/// Browsers send `Origin` on every POST and label requests with `Sec-Fetch-Site`; a write is
/// accepted only from the site's public origin (`PUBLIC_URL`, not the `Host` header, which a
/// rebound DNS name controls) or from the user typing/bookmarking (`none`). Clients that send
/// neither header are not browsers, so they cannot be tricked into a CSRF.
pub fn is_cross_site_write(method: &Method, headers: &HeaderMap, public_origin: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let header_text = |name: &str| headers.get(name).map(|value| value.to_str().unwrap_or_default());
    if let Some(origin) = header_text("origin") {
        return !origin.trim_end_matches('/').eq_ignore_ascii_case(public_origin);
    }
    if let Some(site) = header_text("sec-fetch-site") {
        return !matches!(site, "same-origin" | "none");
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    const SITE: &str = "https://centres.almaty.kz";

    #[test]
    fn reads_are_never_refused() {
        assert!(!is_cross_site_write(&Method::GET, &headers(&[("sec-fetch-site", "cross-site")]), SITE));
    }

    #[test]
    fn writes_from_another_site_are_refused() {
        assert!(is_cross_site_write(&Method::POST, &headers(&[("sec-fetch-site", "cross-site")]), SITE));
        assert!(is_cross_site_write(&Method::POST, &headers(&[("sec-fetch-site", "same-site")]), SITE));
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[("origin", "https://evil.example"), ("host", "centres.almaty.kz")]),
            SITE
        ));
        assert!(is_cross_site_write(
            &Method::DELETE,
            &headers(&[("origin", "null"), ("host", "centres.almaty.kz")]),
            SITE
        ));
        // The same site over plain HTTP is another origin.
        assert!(is_cross_site_write(&Method::POST, &headers(&[("origin", "http://centres.almaty.kz")]), SITE));
    }

    #[test]
    fn a_rebound_host_name_is_not_this_site() {
        // DNS rebinding: evil.example now points at our server, so the browser calls its page
        // same-origin and sends `Host: evil.example`; only PUBLIC_URL tells the truth.
        let rebound =
            headers(&[("origin", "http://evil.example"), ("host", "evil.example"), ("sec-fetch-site", "same-origin")]);
        assert!(is_cross_site_write(&Method::POST, &rebound, SITE));
    }

    #[test]
    fn writes_from_this_site_pass() {
        assert!(!is_cross_site_write(&Method::POST, &headers(&[("sec-fetch-site", "same-origin")]), SITE));
        let local = SitePolicy::new("http://127.0.0.1:3000/");
        assert!(!is_cross_site_write(
            &Method::POST,
            &headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")]),
            &local.origin
        ));
        assert!(!is_cross_site_write(
            &Method::POST,
            &headers(&[("origin", "https://centres.almaty.kz"), ("sec-fetch-site", "same-origin")]),
            &SitePolicy::new("https://centres.almaty.kz:443/").origin
        ));
        // Not a browser (no Origin, no Sec-Fetch-Site): cannot carry a forged cross-site request.
        assert!(!is_cross_site_write(&Method::POST, &HeaderMap::new(), SITE));
    }

    async fn headers_of(site: &str, content_type: &'static str, own_policy: Option<&'static str>) -> HeaderMap {
        use tower::ServiceExt;
        let handler = move || async move {
            let mut response = ([(header::CONTENT_TYPE, content_type)], "<p>hello</p>").into_response();
            if let Some(policy) = own_policy {
                response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
            }
            response
        };
        let app = axum::Router::new()
            .route("/", axum::routing::get(handler))
            .layer(axum::middleware::from_fn_with_state(SitePolicy::new(site), security_headers));
        let request = axum::http::Request::get("/").body(axum::body::Body::empty()).expect("request");
        app.oneshot(request).await.expect("response").headers().clone()
    }

    #[tokio::test]
    async fn a_page_without_its_policy_gets_one_that_runs_no_script() {
        let sent = headers_of("http://127.0.0.1:3000", "text/html; charset=utf-8", None).await;
        let policy = sent.get(header::CONTENT_SECURITY_POLICY).expect("a policy").to_str().unwrap();
        assert!(policy.contains("script-src 'none'") && policy.contains("frame-ancestors 'none'"), "{policy}");
        let own = headers_of("http://127.0.0.1:3000", "text/html", Some("script-src 'nonce-x'")).await;
        assert_eq!(
            own.get(header::CONTENT_SECURITY_POLICY).unwrap(),
            "script-src 'nonce-x'",
            "a page's own policy stays"
        );
        let json = headers_of("http://127.0.0.1:3000", "application/json", None).await;
        assert!(json.get(header::CONTENT_SECURITY_POLICY).is_none());
    }

    #[tokio::test]
    async fn https_sites_tell_browsers_to_stay_on_https() {
        let secure = headers_of("https://centres.almaty.kz", "text/plain", None).await;
        assert_eq!(secure.get(header::STRICT_TRANSPORT_SECURITY).unwrap(), "max-age=31536000; includeSubDomains");
        let local = headers_of("http://127.0.0.1:3000", "text/plain", None).await;
        assert!(
            local.get(header::STRICT_TRANSPORT_SECURITY).is_none(),
            "HSTS over plain HTTP would lock out the dev site"
        );
    }

    #[test]
    fn policy_allows_only_this_nonce_and_no_framing() {
        let policy = content_security_policy("abc123");
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("unsafe-inline"));
    }
}
