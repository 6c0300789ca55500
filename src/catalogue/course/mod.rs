//! One course's public page (`/courses/<slug>`): description, sessions, seats, link-preview tags,
//! and the enrolment panel of the `crate::enrolment` room.
pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
