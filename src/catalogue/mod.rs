//! The course catalogue: what young people browse and enrol in.
pub mod api;
#[cfg(feature = "ssr")]
pub mod calendar;
pub mod course_api;
pub mod course_page;
pub mod detail;
#[cfg(feature = "ssr")]
pub mod detail_store;
pub mod domain;
pub mod enrolment;
#[cfg(feature = "ssr")]
pub mod enrolment_store;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
