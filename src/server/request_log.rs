//! A request id on every log line of a request and in the response (`X-Request-Id`): taken from
//! the load balancer when it sends one, made up here otherwise, so one id follows a request from
//! nginx's log to this server's.
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Only ids that cannot garble a log line are taken from outside (anyone can send the header).
fn usable_id(value: &HeaderValue) -> Option<&str> {
    let id = value.to_str().ok()?;
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_.:".contains(c);
    (!id.is_empty() && id.len() <= 64 && id.chars().all(plain)).then_some(id)
}

pub async fn with_request_id(mut request: Request, next: Next) -> Response {
    let id = match request.headers().get(&REQUEST_ID).and_then(usable_id) {
        Some(id) => id.to_owned(),
        None => uuid::Uuid::new_v4().simple().to_string(),
    };
    let Ok(header) = HeaderValue::from_str(&id) else { return next.run(request).await };
    request.headers_mut().insert(REQUEST_ID, header.clone());
    let span = tracing::info_span!("request", id = %id, method = %request.method(), path = %request.uri().path());
    let mut response = next.run(request).instrument(span).await;
    response.headers_mut().insert(REQUEST_ID, header);
    response
}

/// Leptos loads a page's data in tasks it spawns; spawned inside the request's span, their log
/// lines carry the request id too, and a page's tasks stay on its page thread (see
/// [`super::page_threads`]). Set before Leptos would set plain tokio (it keeps the first).
struct SpawnInRequestSpan;

impl any_spawner::CustomExecutor for SpawnInRequestSpan {
    fn spawn(&self, task: any_spawner::PinnedFuture<()>) {
        let task = task.instrument(tracing::Span::current());
        if super::page_threads::on_page_thread() {
            tokio::task::spawn_local(task);
        } else {
            tokio::spawn(task);
        }
    }

    fn spawn_local(&self, task: any_spawner::PinnedLocalFuture<()>) {
        tokio::task::spawn_local(task.instrument(tracing::Span::current()));
    }

    fn poll_local(&self) {}
}

/// Makes Leptos spawn its tasks in the current request's span (once per process; later calls do
/// nothing).
pub fn spawn_tasks_in_request_span() {
    let _ = any_spawner::Executor::init_custom_executor(SpawnInRequestSpan);
}

#[cfg(test)]
mod tests {
    use super::usable_id;
    use axum::http::HeaderValue;

    #[test]
    fn only_plain_ids_are_taken_from_the_load_balancer() {
        assert_eq!(usable_id(&HeaderValue::from_static("7f3c2a9e-1b4d")), Some("7f3c2a9e-1b4d"));
        assert_eq!(usable_id(&HeaderValue::from_static("a b")), None);
        assert_eq!(usable_id(&HeaderValue::from_static("x\"}{")), None);
        assert_eq!(usable_id(&HeaderValue::from_static("")), None);
        assert_eq!(usable_id(&HeaderValue::from_str(&"9".repeat(65)).unwrap()), None);
    }
}
