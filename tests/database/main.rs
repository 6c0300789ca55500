//! Database and HTTP tests in one binary (one release link instead of one per file). Each
//! scenario runs on SQLite and, when `TEST_POSTGRES_URL` is set, on PostgreSQL.
#![cfg(feature = "ssr")]

#[macro_use]
mod support;

mod accounts;
mod authorization;
mod booking;
mod cards;
mod catalogue_search;
mod contention;
mod course_editing;
mod crash;
mod dashboard;
mod data_model;
mod desk;
mod enrolment;
mod http_fuzz;
mod password_attempts;
mod properties;
mod quiz;
mod request_data;
mod session_renewal;
mod sessions;
mod several_servers;
