//! Accounts: who is calling, signing in and out, and what each role may do.
pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password;
