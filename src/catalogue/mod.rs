//! The course catalogue: what young people browse and enrol in.
pub mod api;
pub mod domain;
pub mod enrolment;
#[cfg(feature = "ssr")]
pub mod enrolment_store;
pub mod filters;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
