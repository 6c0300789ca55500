//! The district dashboard: residents, ages, occupation beside the city's NEET share, courses and
//! attendance, room use, questionnaires and desk visits, per district or for the city, with counts
//! under five hidden. It reports on the rooms below it, so it sits at the top.
pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
