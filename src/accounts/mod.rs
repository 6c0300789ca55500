//! Accounts: who is calling, signing in and out, what each role may do, and the admin's page.
pub mod admin_api;
pub mod admin_pages;
pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod store;
