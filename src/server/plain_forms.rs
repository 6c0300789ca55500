//! Server functions posted by plain HTML forms (before the client runs, without JavaScript, or in
//! islands mode). Leptos answers such a post with a redirect back to the form's page and adds
//! `__path` and `__err` when the call failed; after a success it adds nothing, so the page could
//! not say "Saved.". A function whose page confirms success calls [`super::succeed`], and this adds
//! [`crate::ui::DONE_PARAMETER`], naming the function, which the page reads with
//! [`crate::ui::form_done_from_url`]. Other redirects (sign-in to the next page, an enrolment back
//! to its course) stay as they are.
use crate::ui::DONE_PARAMETER;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;

/// Between a server function and [`mark_plain_form_results`]: the call succeeded and its page
/// confirms it. Never sent to the browser.
const CONFIRM_HEADER: HeaderName = HeaderName::from_static("x-plain-form-confirm");

/// Called by [`super::succeed`] inside a server function posted by a plain form.
pub(super) fn ask_to_confirm() {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(CONFIRM_HEADER, HeaderValue::from_static("1"));
    }
}

/// Marks the redirect after a plain form post to a server function: `__done=<function>` when it
/// succeeded and asked for it, and never an earlier call's mark.
pub async fn mark_plain_form_results(request: Request, next: Next) -> Response {
    let function = is_plain_form_post(&request).then(|| request.uri().path().to_owned());
    let mut response = next.run(request).await;
    let confirm = response.headers_mut().remove(CONFIRM_HEADER).is_some();
    if let Some(function) = function
        && response.status().is_redirection()
        && let Some(location) = response.headers().get(header::LOCATION).and_then(|value| value.to_str().ok())
        && let Some(marked) = marked_location(location, confirm.then_some(function.as_str()))
        && let Ok(marked) = HeaderValue::from_str(&marked)
    {
        response.headers_mut().insert(header::LOCATION, marked);
    }
    response
}

/// A form's post to a server function, asking for a page back (a script asks for JSON).
fn is_plain_form_post(request: &Request) -> bool {
    request.method() == Method::POST && calls_a_server_function_for_a_page(request.uri().path(), request.headers())
}

/// A call to a server function (under `/api/`) that accepts HTML: a plain form's, which Leptos
/// answers with a redirect back to the form's page.
pub(super) fn calls_a_server_function_for_a_page(path: &str, headers: &HeaderMap) -> bool {
    path.starts_with("/api/")
        && headers
            .get(header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
}

/// `location` (absolute, as Leptos makes it from the Referer, or a path) without any `__done`,
/// then with `__done=function` when one is given and the call did not fail (`__err`). `None` when
/// it stays as it is or cannot be read.
fn marked_location(location: &str, function: Option<&str>) -> Option<String> {
    if function.is_none() && !location.contains(DONE_PARAMETER) {
        // Nothing to add or remove: the redirect is left exactly as Leptos made it.
        return None;
    }
    let base = url::Url::parse("http://local.invalid/").ok()?;
    let mut url = base.join(location).ok()?;
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(key, _)| key != DONE_PARAMETER)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let failed = kept.iter().any(|(key, _)| key == "__err");
    let done = function.filter(|_| !failed);
    url.set_query(None);
    if !kept.is_empty() || done.is_some() {
        let mut query = url.query_pairs_mut();
        query.extend_pairs(&kept);
        if let Some(function) = done {
            query.append_pair(DONE_PARAMETER, function);
        }
    }
    if url.host_str() == Some("local.invalid") {
        // It was a path: it stays one.
        let mut path = url.path().to_owned();
        if let Some(query) = url.query() {
            path.push('?');
            path.push_str(query);
        }
        return Some(path);
    }
    Some(url.into())
}

#[cfg(test)]
mod tests {
    use super::marked_location;

    #[test]
    fn a_success_is_marked_with_the_function_and_an_earlier_mark_goes() {
        assert_eq!(
            marked_location("http://127.0.0.1:3000/account?tab=1", Some("/api/residents/update_profile")).as_deref(),
            Some("http://127.0.0.1:3000/account?tab=1&__done=%2Fapi%2Fresidents%2Fupdate_profile")
        );
        assert_eq!(
            marked_location("http://127.0.0.1:3000/account?__done=%2Fapi%2Fold&tab=1", Some("/api/new")).as_deref(),
            Some("http://127.0.0.1:3000/account?tab=1&__done=%2Fapi%2Fnew")
        );
        assert_eq!(
            marked_location("/account/password", Some("/api/accounts/change_password")).as_deref(),
            Some("/account/password?__done=%2Fapi%2Faccounts%2Fchange_password")
        );
    }

    #[test]
    fn a_failure_keeps_leptos_error_and_drops_an_earlier_success() {
        let failed = "http://127.0.0.1:3000/account/password?__done=%2Fapi%2Faccounts%2Fchange_password&__path=%2Fapi%2Faccounts%2Fchange_password&__err=eyJ9";
        assert_eq!(
            marked_location(failed, Some("/api/accounts/change_password")).as_deref(),
            Some("http://127.0.0.1:3000/account/password?__path=%2Fapi%2Faccounts%2Fchange_password&__err=eyJ9")
        );
        assert_eq!(marked_location("/account", Some("/api/x")).as_deref(), Some("/account?__done=%2Fapi%2Fx"));
    }

    #[test]
    fn a_function_that_did_not_ask_leaves_the_redirect_as_it_was_but_for_an_earlier_mark() {
        assert_eq!(marked_location("http://127.0.0.1:3000/?next=%2Fcourses", None), None);
        assert_eq!(
            marked_location("http://127.0.0.1:3000/courses/smm?__done=%2Fapi%2Fx", None).as_deref(),
            Some("http://127.0.0.1:3000/courses/smm")
        );
    }
}
