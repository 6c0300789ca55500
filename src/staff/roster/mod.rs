//! A course's roster (`/staff/courses/<slug>`) and its spreadsheet download
//! (`/staff/courses/<slug>/roster.csv`), for the staff of its centre and admins.
pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
