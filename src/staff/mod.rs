//! The staff side of a centre: `courses/` (the centre's course list, new and edited courses with
//! their sessions), `roster/` (who is enrolled or waiting, attendance, the CSV download) and
//! `desk/` (checking residents in at the centre: attendance and drop-in visits).
pub mod courses;
pub mod desk;
pub mod roster;
