//! Everything that exists only on the server: configuration, the database and its schema,
//! demo data, the HTTP router and the command line.
pub mod bench;
pub mod cli;
pub mod config;
pub mod db;
pub mod entities;
pub mod http;
pub mod jobs;
pub mod metrics;
pub mod migration;
pub mod page_cache;
pub mod page_threads;
pub mod plain_forms;
pub mod reference;
pub mod request_log;
pub mod secrets;
pub mod security;
pub mod seed;
pub mod sessions;
pub mod shell;
pub mod transactions;

use sea_orm::DatabaseConnection;

/// The database handle every server function reaches through `use_context`.
pub fn database() -> Result<DatabaseConnection, crate::error::AppError> {
    leptos::prelude::use_context::<DatabaseConnection>().ok_or(crate::error::AppError::Unavailable)
}

/// Marks the current response with the HTTP status of `error` and hands the error back,
/// so a bad request is a 4xx, never a 500.
pub fn fail<T>(error: crate::error::AppError) -> Result<T, crate::error::AppError> {
    mark_response_status(&error);
    Err(error)
}

/// Hands `value` back and, when a plain HTML form posted the call, asks for the redirect back to
/// the form's page to say it succeeded (`plain_forms`), for forms whose page confirms it.
pub fn succeed<T>(value: T) -> Result<T, crate::error::AppError> {
    if is_plain_form_post() {
        plain_forms::ask_to_confirm();
    }
    Ok(value)
}

/// Gives the response of the current server-function call the HTTP status of `error` (plain form
/// posts keep their redirect back to the form).
pub fn mark_response_status(error: &crate::error::AppError) {
    if !is_plain_form_post()
        && let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = axum::http::StatusCode::from_u16(error.status_code())
    {
        response.set_status(status);
    }
}

/// A server function posted by a plain HTML form (no WASM yet): Leptos answers it with a redirect
/// back to the form page carrying the error, which must stay a redirect for the browser to follow.
fn is_plain_form_post() -> bool {
    leptos::prelude::use_context::<axum::http::request::Parts>()
        .is_some_and(|parts| plain_forms::calls_a_server_function_for_a_page(parts.uri.path(), &parts.headers))
}
