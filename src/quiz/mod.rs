//! The career-guidance questionnaire (Holland's RIASEC model): taking it alone or with a mentor,
//! the result with professions and courses, past results, and the centres' sessions reports.
pub mod api;
pub mod domain;
pub mod items;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
