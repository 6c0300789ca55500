//! Everything that exists only on the server: configuration, the database and its schema,
//! demo data, the HTTP router and the command line.
pub mod cli;
pub mod config;
pub mod db;
pub mod entities;
pub mod http;
pub mod migration;
pub mod security;
pub mod seed;
pub mod sessions;

use sea_orm::DatabaseConnection;

/// The database handle every server function reaches through `use_context`.
pub fn database() -> Result<DatabaseConnection, crate::error::AppError> {
    leptos::prelude::use_context::<DatabaseConnection>().ok_or(crate::error::AppError::Unavailable)
}

/// Marks the current response with the HTTP status of `error` and hands the error back,
/// so a bad request is a 4xx, never a 500.
pub fn fail<T>(error: crate::error::AppError) -> Result<T, crate::error::AppError> {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = axum::http::StatusCode::from_u16(error.status_code())
    {
        response.set_status(status);
    }
    Err(error)
}
