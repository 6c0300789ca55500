//! HTTP security: response headers for every response, the Content-Security-Policy for pages
//! (with the per-request nonce Leptos puts on its scripts), and refusal of cross-site requests
//! that could change state (CSRF).
use axum::{
    extract::Request,
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Headers every response carries.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
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
pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    if is_cross_site_write(request.method(), request.headers()) {
        tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-site request refused");
        return (StatusCode::FORBIDDEN, "Cross-site request refused").into_response();
    }
    next.run(request).await
}

/// Browsers label every request with `Sec-Fetch-Site` (and send `Origin` on POST); a write is
/// accepted only from this origin or from the user typing/bookmarking (`none`). Clients that send
/// neither header are not browsers, so they cannot be tricked into a CSRF.
pub fn is_cross_site_write(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let header_text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    if let Some(site) = header_text("sec-fetch-site") {
        return !matches!(site, "same-origin" | "none");
    }
    match (header_text("origin"), header_text("host")) {
        (Some(origin), Some(host)) => origin_host(origin) != Some(host),
        (Some(_), None) => true,
        (None, _) => false,
    }
}

fn origin_host(origin: &str) -> Option<&str> {
    let rest = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"))?;
    Some(rest.trim_end_matches('/'))
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

    #[test]
    fn reads_are_never_refused() {
        assert!(!is_cross_site_write(&Method::GET, &headers(&[("sec-fetch-site", "cross-site")])));
    }

    #[test]
    fn writes_from_another_site_are_refused() {
        assert!(is_cross_site_write(&Method::POST, &headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site_write(&Method::POST, &headers(&[("sec-fetch-site", "same-site")])));
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[("origin", "https://evil.example"), ("host", "centres.almaty.kz")])
        ));
        assert!(is_cross_site_write(&Method::DELETE, &headers(&[("origin", "null"), ("host", "centres.almaty.kz")])));
    }

    #[test]
    fn writes_from_this_site_pass() {
        assert!(!is_cross_site_write(&Method::POST, &headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_cross_site_write(
            &Method::POST,
            &headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")])
        ));
        // Not a browser (no Origin, no Sec-Fetch-Site): cannot carry a forged cross-site request.
        assert!(!is_cross_site_write(&Method::POST, &HeaderMap::new()));
    }

    #[test]
    fn policy_allows_only_this_nonce_and_no_framing() {
        let policy = content_security_policy("abc123");
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("unsafe-inline"));
    }
}
