//! The staff side of a centre: `courses/` (the centre's course list, new and edited courses with
//! their sessions) and `roster/` (who is enrolled or waiting, attendance, the CSV download).
pub mod courses;
pub mod roster;
