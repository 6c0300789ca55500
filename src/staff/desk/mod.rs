//! The centre's desk: check residents in by card (camera, typed number or pasted link) or by name
//! or phone, mark attendance at today's session, record drop-in visits, see the last check-ins.
pub mod api;
pub mod domain;
pub mod pages;
mod scanner;
#[cfg(feature = "ssr")]
pub mod store;
