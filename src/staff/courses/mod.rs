//! Staff course editing (`/staff/courses`, `/staff/new-course`, `/staff/courses/<slug>/edit`):
//! the course and session form rules, the server functions that check the caller runs the centre,
//! the writes (room clashes checked under a lock), and the pages.
pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
