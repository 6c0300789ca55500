//! The public course catalogue: `search/` (filters, the search query, the catalogue page) and
//! `course/` (one course's page). Enrolment, calendar feeds and staff editing are rooms of their
//! own (`crate::enrolment`, `crate::calendar`, `crate::staff`).
pub mod course;
pub mod search;
