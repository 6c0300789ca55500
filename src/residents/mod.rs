//! Residents: registration, profile, data export, account deletion and the discount card.
pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
