//! Shared form and URL rules, below every feature room: slugs, page numbers, names, checkboxes,
//! age limits, the key tables of languages and formats, the search fold, and the spreadsheet (CSV)
//! writer. Pure
//! functions returning a typed [`crate::error::AppError`] that names the field; no room imports
//! another room for these.
pub mod age;
pub mod checkbox;
pub mod keys;
pub mod name;
pub mod page;
pub mod search;
pub mod slug;
#[cfg(feature = "ssr")]
pub mod spreadsheet;
