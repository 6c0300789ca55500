//! Catalogue search (`/courses`): filters kept in the URL, text search, facet counts, pages.
pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
mod result_cache;
#[cfg(feature = "ssr")]
pub mod store;
