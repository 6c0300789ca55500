//! Pages are rendered on a few threads of their own, each page wholly on one of them.
//!
//! Why: Leptos disposes of a page's reactive state when the page's response ends, while tasks it
//! spawned for the page (a `<Suspense>` looking at its children again when data arrives) may be
//! running at that very moment on another worker thread; they then read disposed values and the
//! task panics (about once in a few thousand pages under load; leptos-rs/leptos#4829 reports the
//! same race). With a page and every task it spawns on one thread, the disposal and those tasks
//! take turns and never overlap. A page whose visitor has gone away is dropped there too, at the
//! page thread's next turn, so walking away still stops the work (rendering every abandoned page
//! to its end would let anyone pile up work by opening and dropping connections).
use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::cell::Cell;
use std::collections::HashSet;
use std::sync::OnceLock;
use tokio_util::task::{AbortOnDropHandle, LocalPoolHandle};
use tracing::Instrument;

/// A page larger than this is refused rather than held in memory (ours are under 200 KB).
const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

thread_local! {
    static ON_PAGE_THREAD: Cell<bool> = const { Cell::new(false) };
}

/// Whether the caller runs on a page thread: tasks spawned here must stay on it.
pub fn on_page_thread() -> bool {
    ON_PAGE_THREAD.with(Cell::get)
}

fn page_threads() -> &'static LocalPoolHandle {
    static THREADS: OnceLock<LocalPoolHandle> = OnceLock::new();
    THREADS.get_or_init(|| LocalPoolHandle::new(std::thread::available_parallelism().map_or(2, |count| count.get())))
}

/// Everything Leptos may render a page for: not a server function, not the compiled client's
/// files. Whatever the method or path: a request for no route (`POST /x`, `GET /api/x`) gets the
/// rendered "not found" page, whose tasks race its disposal like any other page's.
fn is_page_view(request: &Request) -> bool {
    let path = request.uri().path();
    !path.starts_with("/pkg/") && !server_function_paths().contains(path)
}

fn server_function_paths() -> &'static HashSet<&'static str> {
    static PATHS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    PATHS.get_or_init(|| leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path).collect())
}

/// The middleware: renders a page view on a page thread and answers with the whole page.
pub async fn render_pages_on_page_threads(request: Request, next: Next) -> Response {
    if !is_page_view(&request) {
        return next.run(request).await;
    }
    let span = tracing::Span::current();
    // Dropped (the visitor went away): the page is dropped on its own thread, see above.
    let rendering = AbortOnDropHandle::new(page_threads().spawn_pinned(move || {
        async move {
            ON_PAGE_THREAD.with(|flag| flag.set(true));
            let (parts, body) = next.run(request).await.into_parts();
            // Reading the body to its end is what ends the page (and disposes of it) on this thread.
            axum::body::to_bytes(body, MAX_PAGE_BYTES)
                .await
                .map(|page| Response::from_parts(parts, Body::from(page)))
                .map_err(|error| error.to_string())
        }
        .instrument(span)
    }));
    match rendering.await {
        Ok(Ok(response)) => response,
        Ok(Err(error)) => {
            tracing::error!(%error, "a page could not be rendered");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Err(error) => {
            tracing::error!(%error, "a page's rendering stopped");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_page_view;
    use axum::body::Body;
    use axum::extract::Request;

    fn request(method: &str, path: &str) -> Request {
        Request::builder().method(method).uri(path).body(Body::empty()).unwrap()
    }

    #[test]
    fn only_page_views_go_to_the_page_threads() {
        assert!(is_page_view(&request("GET", "/courses?q=smm")));
        assert!(is_page_view(&request("HEAD", "/centres/almaly/rooms")));
        // No route: answered with the rendered "not found" page.
        assert!(is_page_view(&request("POST", "/no-such-page")));
        assert!(is_page_view(&request("GET", "/api/no-such-function")));
        assert!(!is_page_view(&request("POST", "/api/courses/list")));
        assert!(!is_page_view(&request("GET", "/pkg/youth_centres.wasm")));
    }
}
