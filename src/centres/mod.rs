//! Centres and their rooms: where the programme happens.
pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
