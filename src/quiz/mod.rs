pub mod domain;
pub mod items;
