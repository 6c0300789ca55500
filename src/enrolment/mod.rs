//! Enrolment: the eligibility and waitlist rules, the seat-claiming transactions, the residents'
//! enrol/cancel server functions, and the "My courses" page (`/account/courses`).
pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
