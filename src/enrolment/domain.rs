//! Enrolment rules: who may enrol in a course, whether they get a seat or a waitlist place, and in
//! which order waitlisted residents move up. Pure functions; the store applies them in transactions.
use crate::error::{AppError, Field, InputProblem};
use crate::forms::age::{MAX_RESIDENT_AGE, MIN_RESIDENT_AGE, age_on};
use crate::localized::Localized;
use crate::time::to_almaty;
use chrono::{DateTime, NaiveDate, Utc};
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Enrolment state of a resident in a course.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(12))"))]
pub enum EnrolmentStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "enrolled"))]
    Enrolled,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "waitlisted"))]
    Waitlisted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cancelled"))]
    Cancelled,
}

/// Largest capacity staff may set; far beyond any room, refuses typing mistakes like 2000.
pub const MAX_COURSE_CAPACITY: i32 = 500;

/// What the eligibility rules need to know about a course.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CourseTerms {
    pub min_age: i16,
    pub max_age: i16,
    /// Start of the earliest session; `None` while the course has no schedule.
    pub first_session_starts_at: Option<DateTime<Utc>>,
    /// End of the latest session; once it has passed, the course is over.
    pub last_session_ends_at: Option<DateTime<Utc>>,
    pub late_enrolment_allowed: bool,
}

/// Why a resident may not enrol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EnrolmentRefusal {
    /// The resident already holds a seat or a waitlist place in this course.
    AlreadyActive(EnrolmentStatus),
    /// The first session has started and staff have not allowed late enrolment.
    CourseStarted,
    /// Every session has ended: there is nothing left to join, late enrolment or not.
    CourseOver,
    /// Without a first session there is no date to check the age on.
    NoSchedule,
    /// Age on the first session's date is outside the course's range.
    AgeOutOfRange { age: i32, min_age: i16, max_age: i16 },
}

impl From<EnrolmentRefusal> for AppError {
    fn from(refusal: EnrolmentRefusal) -> Self {
        match refusal {
            EnrolmentRefusal::AgeOutOfRange { .. } => AppError::invalid(Field::AgeForCourse, InputProblem::OutOfRange),
            EnrolmentRefusal::CourseStarted => AppError::invalid(Field::Course, InputProblem::OutOfRange),
            EnrolmentRefusal::CourseOver => AppError::invalid(Field::Course, InputProblem::NotAllowed),
            EnrolmentRefusal::NoSchedule => AppError::invalid(Field::Course, InputProblem::Missing),
            EnrolmentRefusal::AlreadyActive(_) => AppError::invalid(Field::Enrolment, InputProblem::Taken),
        }
    }
}

/// Checks every rule for a new enrolment request; `current` is the resident's existing row status.
pub fn check_eligibility(
    course: &CourseTerms,
    birth_date: NaiveDate,
    current: Option<EnrolmentStatus>,
    now: DateTime<Utc>,
) -> Result<(), EnrolmentRefusal> {
    if let Some(status @ (EnrolmentStatus::Enrolled | EnrolmentStatus::Waitlisted)) = current {
        return Err(EnrolmentRefusal::AlreadyActive(status));
    }
    let first_start = course.first_session_starts_at.ok_or(EnrolmentRefusal::NoSchedule)?;
    if course.last_session_ends_at.is_none_or(|last_end| now >= last_end) {
        return Err(EnrolmentRefusal::CourseOver);
    }
    if now >= first_start && !course.late_enrolment_allowed {
        return Err(EnrolmentRefusal::CourseStarted);
    }
    // Youth-policy bounds apply even if a course was entered with wider ones.
    let min_age = course.min_age.max(MIN_RESIDENT_AGE);
    let max_age = course.max_age.min(MAX_RESIDENT_AGE);
    let age = age_on(birth_date, to_almaty(first_start).date_naive());
    if age < i32::from(min_age) || age > i32::from(max_age) {
        return Err(EnrolmentRefusal::AgeOutOfRange { age, min_age, max_age });
    }
    Ok(())
}

/// The status a request gets once the database has said whether it claimed a seat.
pub fn outcome(seat_claimed: bool) -> EnrolmentStatus {
    if seat_claimed { EnrolmentStatus::Enrolled } else { EnrolmentStatus::Waitlisted }
}

/// A waitlisted resident: the row to promote and their arrival position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaitlistedEntry {
    pub enrolment_id: i32,
    pub position: i32,
}

/// Who moves into `free_seats` seats: first come, first served by arrival position.
pub fn promotion_order(waitlist: &[WaitlistedEntry], free_seats: i32) -> Vec<i32> {
    let mut queue = waitlist.to_vec();
    queue.sort_by_key(|entry| entry.position);
    queue.into_iter().take(usize::try_from(free_seats).unwrap_or(0)).map(|entry| entry.enrolment_id).collect()
}

/// 1-based place in the queue: the waitlisted positions ahead of `own_position`, plus one.
pub fn waitlist_place(waitlisted_positions: &[i32], own_position: i32) -> u32 {
    let ahead = waitlisted_positions.iter().filter(|&&position| position < own_position).count();
    u32::try_from(ahead).unwrap_or(u32::MAX).saturating_add(1)
}

/// Refuses a capacity staff may not set: not positive, absurdly large, or below the seats taken.
pub fn check_new_capacity(new_capacity: i32, seats_taken: i32) -> Result<(), AppError> {
    if !(1..=MAX_COURSE_CAPACITY).contains(&new_capacity) || new_capacity < seats_taken {
        return Err(AppError::invalid(Field::Capacity, InputProblem::OutOfRange));
    }
    Ok(())
}

/// One line of a resident's "My courses" page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyEnrolment {
    pub course_slug: String,
    pub course_title: Localized,
    pub centre_name: Localized,
    pub status: EnrolmentStatus,
    /// 1-based place in the queue while waitlisted.
    pub waitlist_place: Option<u32>,
    /// Upcoming sessions, soonest first (UTC; the page shows Almaty time).
    pub next_sessions: Vec<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::from_almaty;
    use chrono::Duration;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
    }

    /// A 16–18 course whose first session is at 10:00 Almaty time on 1 December 2026.
    fn course() -> CourseTerms {
        CourseTerms {
            min_age: 16,
            max_age: 18,
            first_session_starts_at: Some(from_almaty(date(2026, 12, 1).and_hms_opt(10, 0, 0).unwrap()).unwrap()),
            last_session_ends_at: Some(from_almaty(date(2026, 12, 22).and_hms_opt(11, 30, 0).unwrap()).unwrap()),
            late_enrolment_allowed: false,
        }
    }

    fn before_start() -> DateTime<Utc> {
        from_almaty(date(2026, 11, 25).and_hms_opt(12, 0, 0).unwrap()).unwrap()
    }

    #[test]
    fn resident_turning_the_minimum_age_on_the_first_session_day_is_eligible() {
        assert_eq!(check_eligibility(&course(), date(2010, 12, 1), None, before_start()), Ok(()));
        assert_eq!(
            check_eligibility(&course(), date(2010, 12, 2), None, before_start()),
            Err(EnrolmentRefusal::AgeOutOfRange { age: 15, min_age: 16, max_age: 18 })
        );
    }

    #[test]
    fn resident_is_too_old_from_the_day_after_the_maximum_age_year() {
        // Turns 19 on the first session's day: too old. Turns 19 the day after: still 18, eligible.
        assert_eq!(
            check_eligibility(&course(), date(2007, 12, 1), None, before_start()),
            Err(EnrolmentRefusal::AgeOutOfRange { age: 19, min_age: 16, max_age: 18 })
        );
        assert_eq!(check_eligibility(&course(), date(2007, 12, 2), None, before_start()), Ok(()));
    }

    #[test]
    fn age_is_taken_on_the_almaty_date_not_the_utc_date() {
        // 00:30 on 1 December in Almaty is still 30 November in UTC.
        let early = CourseTerms {
            first_session_starts_at: Some(from_almaty(date(2026, 12, 1).and_hms_opt(0, 30, 0).unwrap()).unwrap()),
            ..course()
        };
        assert_eq!(early.first_session_starts_at.unwrap().date_naive(), date(2026, 11, 30));
        assert_eq!(check_eligibility(&early, date(2010, 12, 1), None, before_start()), Ok(()));
    }

    #[test]
    fn a_22_year_old_is_refused_a_course_for_14_to_18_with_both_ages_to_show() {
        let teens = CourseTerms { min_age: 14, max_age: 18, ..course() };
        // 22 on 1 December 2026, the first session's day.
        assert_eq!(
            check_eligibility(&teens, date(2004, 6, 15), None, before_start()),
            Err(EnrolmentRefusal::AgeOutOfRange { age: 22, min_age: 14, max_age: 18 })
        );
        assert_eq!(check_eligibility(&teens, date(2010, 6, 15), None, before_start()), Ok(()), "16 is in range");
    }

    #[test]
    fn youth_policy_bounds_apply_even_to_wider_courses() {
        let wide = CourseTerms { min_age: 10, max_age: 60, ..course() };
        assert!(matches!(
            check_eligibility(&wide, date(2013, 1, 1), None, before_start()),
            Err(EnrolmentRefusal::AgeOutOfRange { age: 13, min_age: MIN_RESIDENT_AGE, max_age: MAX_RESIDENT_AGE })
        ));
        assert!(check_eligibility(&wide, date(1990, 1, 1), None, before_start()).is_err());
    }

    #[test]
    fn one_active_enrolment_per_course() {
        for status in [EnrolmentStatus::Enrolled, EnrolmentStatus::Waitlisted] {
            assert_eq!(
                check_eligibility(&course(), date(2009, 5, 5), Some(status), before_start()),
                Err(EnrolmentRefusal::AlreadyActive(status))
            );
        }
        assert_eq!(
            check_eligibility(&course(), date(2009, 5, 5), Some(EnrolmentStatus::Cancelled), before_start()),
            Ok(()),
            "a resident who cancelled may come back"
        );
    }

    #[test]
    fn enrolment_closes_when_the_first_session_starts_unless_staff_allow_it() {
        let start = course().first_session_starts_at.unwrap();
        let birth = date(2009, 5, 5);
        assert_eq!(check_eligibility(&course(), birth, None, start - Duration::seconds(1)), Ok(()));
        assert_eq!(check_eligibility(&course(), birth, None, start), Err(EnrolmentRefusal::CourseStarted));
        let late_allowed = CourseTerms { late_enrolment_allowed: true, ..course() };
        assert_eq!(check_eligibility(&late_allowed, birth, None, start + Duration::days(7)), Ok(()));
    }

    #[test]
    fn a_course_whose_sessions_are_all_over_refuses_even_with_late_enrolment() {
        let late_allowed = CourseTerms { late_enrolment_allowed: true, ..course() };
        let last_end = late_allowed.last_session_ends_at.unwrap();
        let birth = date(2009, 5, 5);
        assert_eq!(
            check_eligibility(&late_allowed, birth, None, last_end - Duration::minutes(1)),
            Ok(()),
            "the last session is still on"
        );
        assert_eq!(check_eligibility(&late_allowed, birth, None, last_end), Err(EnrolmentRefusal::CourseOver));
        assert_eq!(
            check_eligibility(&late_allowed, birth, None, last_end + Duration::days(30)),
            Err(EnrolmentRefusal::CourseOver)
        );
        assert_eq!(
            check_eligibility(&course(), birth, None, last_end + Duration::days(1)),
            Err(EnrolmentRefusal::CourseOver),
            "a finished course says so, not merely that it started"
        );
        assert_eq!(
            AppError::from(EnrolmentRefusal::CourseOver),
            AppError::invalid(Field::Course, InputProblem::NotAllowed)
        );
    }

    #[test]
    fn course_without_sessions_cannot_be_enrolled_in() {
        let unscheduled = CourseTerms { first_session_starts_at: None, last_session_ends_at: None, ..course() };
        assert_eq!(
            check_eligibility(&unscheduled, date(2009, 5, 5), None, before_start()),
            Err(EnrolmentRefusal::NoSchedule)
        );
    }

    #[test]
    fn refusals_name_the_field_to_fix() {
        let too_young = EnrolmentRefusal::AgeOutOfRange { age: 13, min_age: 14, max_age: 18 };
        assert_eq!(AppError::from(too_young), AppError::invalid(Field::AgeForCourse, InputProblem::OutOfRange));
        assert_eq!(
            AppError::from(EnrolmentRefusal::CourseStarted),
            AppError::invalid(Field::Course, InputProblem::OutOfRange)
        );
        assert_eq!(
            AppError::from(EnrolmentRefusal::AlreadyActive(EnrolmentStatus::Enrolled)),
            AppError::invalid(Field::Enrolment, InputProblem::Taken)
        );
    }

    #[test]
    fn a_claimed_seat_means_enrolled_otherwise_waitlisted() {
        assert_eq!(outcome(true), EnrolmentStatus::Enrolled);
        assert_eq!(outcome(false), EnrolmentStatus::Waitlisted);
    }

    #[test]
    fn waitlist_moves_up_first_come_first_served() {
        let waitlist = [
            WaitlistedEntry { enrolment_id: 7, position: 30 },
            WaitlistedEntry { enrolment_id: 3, position: 22 },
            WaitlistedEntry { enrolment_id: 9, position: 25 },
        ];
        assert_eq!(promotion_order(&waitlist, 2), vec![3, 9]);
        assert_eq!(promotion_order(&waitlist, 10), vec![3, 9, 7]);
        assert_eq!(promotion_order(&waitlist, 0), Vec::<i32>::new());
        assert_eq!(promotion_order(&waitlist, -1), Vec::<i32>::new());
    }

    #[test]
    fn waitlist_place_counts_only_those_ahead() {
        // Positions 21 and 24 left the queue; 26 is third in line.
        assert_eq!(waitlist_place(&[22, 23, 26, 27], 26), 3);
        assert_eq!(waitlist_place(&[22, 23, 26, 27], 22), 1);
    }

    #[test]
    fn capacity_cannot_drop_below_the_seats_taken() {
        assert_eq!(check_new_capacity(20, 20), Ok(()));
        assert_eq!(check_new_capacity(19, 20), Err(AppError::invalid(Field::Capacity, InputProblem::OutOfRange)));
        assert!(check_new_capacity(0, 0).is_err());
        assert!(check_new_capacity(MAX_COURSE_CAPACITY + 1, 0).is_err());
    }
}
