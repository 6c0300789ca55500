//! Calendar feeds: a resident's sessions as an iCalendar file that phone calendars subscribe to,
//! behind a secret URL the resident can reset.
pub mod api;
#[cfg(feature = "ssr")]
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
