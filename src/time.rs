//! Almaty time. Kazakhstan has used a single UTC+5 zone since 1 March 2024, with no daylight saving;
//! tz databases older than 2024a still say UTC+6, so a fixed offset is the reliable choice.
use crate::error::{AppError, Field, InputProblem};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

pub const ALMATY_OFFSET_SECONDS: i32 = 5 * 3600;

pub fn almaty_offset() -> FixedOffset {
    FixedOffset::east_opt(ALMATY_OFFSET_SECONDS).expect("UTC+5 is within the valid ±24 h range")
}

/// A stored UTC instant as Almaty wall-clock time.
pub fn to_almaty(instant: DateTime<Utc>) -> DateTime<FixedOffset> {
    instant.with_timezone(&almaty_offset())
}

/// An Almaty wall-clock time (as typed into a form) as the UTC instant to store; `None` at the
/// very edge of the calendar chrono can represent, where the five hours do not fit.
pub fn from_almaty(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    local.checked_sub_signed(chrono::Duration::seconds(ALMATY_OFFSET_SECONDS.into())).map(|utc| utc.and_utc())
}

/// Years a date in a request may have: beyond any birth date or session of a youth centre, and
/// far enough inside chrono's calendar that no conversion or week arithmetic near them overflows.
pub const REQUEST_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A date from a form's `<input type="date">` (YYYY-MM-DD): the one parser of dates in requests.
/// Empty is `Missing`, unreadable `Malformed`, a year outside [`REQUEST_YEARS`] `OutOfRange`.
pub fn parse_date(field: Field, raw: &str) -> Result<NaiveDate, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::invalid(field, InputProblem::Missing));
    }
    let date =
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| AppError::invalid(field, InputProblem::Malformed))?;
    if REQUEST_YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(AppError::invalid(field, InputProblem::OutOfRange))
    }
}

/// A wall-clock time from a form's `<input type="time">`: "18:30", or "18:30:00" from browsers
/// that add seconds.
pub fn parse_clock(field: Field, raw: &str) -> Result<NaiveTime, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::invalid(field, InputProblem::Missing));
    }
    NaiveTime::parse_from_str(raw, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
        .map_err(|_| AppError::invalid(field, InputProblem::Malformed))
}

/// Today's date in Almaty.
pub fn almaty_today(now: DateTime<Utc>) -> NaiveDate {
    to_almaty(now).date_naive()
}

/// The Almaty weekday of an instant, 0 = Monday … 6 = Sunday (stored with course sessions).
pub fn almaty_weekday(instant: DateTime<Utc>) -> i16 {
    to_almaty(instant).weekday().num_days_from_monday() as i16
}

/// Minutes since Almaty midnight, 0..1440 (stored with course sessions for time-of-day filters).
pub fn almaty_minute_of_day(instant: DateTime<Utc>) -> i16 {
    let local = to_almaty(instant);
    (local.hour() * 60 + local.minute()) as i16
}

/// "25.11.2026 18:30" — the day-first format used in Kazakhstan in every UI language.
pub fn format_almaty(instant: DateTime<Utc>) -> String {
    to_almaty(instant).format("%d.%m.%Y %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    #[test]
    fn almaty_is_five_hours_ahead_of_utc_all_year() {
        let winter = Utc.with_ymd_and_hms(2026, 1, 15, 4, 0, 0).unwrap();
        let summer = Utc.with_ymd_and_hms(2026, 7, 15, 4, 0, 0).unwrap();
        assert_eq!(format_almaty(winter), "15.01.2026 09:00");
        assert_eq!(format_almaty(summer), "15.07.2026 09:00");
    }

    #[test]
    fn wall_clock_round_trips_through_utc() {
        let local = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(0, 30, 0).unwrap();
        let stored = from_almaty(local).expect("within the calendar");
        assert_eq!(stored, Utc.with_ymd_and_hms(2026, 11, 24, 19, 30, 0).unwrap());
        assert_eq!(to_almaty(stored).naive_local(), local);
    }

    #[test]
    fn weekday_and_time_of_day_are_those_on_almaty_clocks() {
        // Sunday 21:30 UTC is already Monday 02:30 in Almaty.
        let sunday_night_utc = Utc.with_ymd_and_hms(2026, 11, 29, 21, 30, 0).unwrap();
        assert_eq!(almaty_weekday(sunday_night_utc), 0);
        assert_eq!(almaty_minute_of_day(sunday_night_utc), 150);
        let saturday_evening =
            from_almaty(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap().and_hms_opt(18, 30, 0).unwrap()).unwrap();
        assert_eq!((almaty_weekday(saturday_evening), almaty_minute_of_day(saturday_evening)), (5, 18 * 60 + 30));
    }

    #[test]
    fn almaty_date_changes_at_local_midnight() {
        let before = Utc.with_ymd_and_hms(2026, 11, 24, 18, 59, 0).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 11, 24, 19, 0, 0).unwrap();
        assert_eq!(almaty_today(before), NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        assert_eq!(almaty_today(after), NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    }

    #[test]
    fn the_first_hours_of_the_calendar_have_no_utc_instant_instead_of_a_panic() {
        let first_morning = NaiveDate::MIN.and_hms_opt(1, 0, 0).unwrap();
        assert_eq!(from_almaty(first_morning), None);
        let last_evening = NaiveDate::MAX.and_hms_opt(23, 0, 0).unwrap();
        assert_eq!(
            from_almaty(last_evening).map(|utc| utc.naive_utc()),
            Some(NaiveDate::MAX.and_hms_opt(18, 0, 0).unwrap())
        );
    }

    #[test]
    fn request_dates_are_read_within_1900_to_2100() {
        assert_eq!(parse_date(Field::Date, " 2026-11-30 "), Ok(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()));
        assert_eq!(parse_date(Field::Date, "1900-01-01").map(|date| date.year()), Ok(1900));
        assert_eq!(parse_date(Field::Date, "2100-12-31").map(|date| date.year()), Ok(2100));
        // chrono's first and last days, and the years just outside.
        for far in ["-262143-01-01", "+262142-12-31", "1899-12-31", "2101-01-01", "0000-01-01"] {
            assert_eq!(
                parse_date(Field::Date, far),
                Err(AppError::invalid(Field::Date, InputProblem::OutOfRange)),
                "{far}"
            );
        }
        // Beyond chrono's calendar a year cannot even be read.
        for bad in ["-262144-01-01", "30.11.2026", "2026-02-30", "2026-13-01", "tomorrow", "2026-11-30T10:00"] {
            assert_eq!(
                parse_date(Field::BirthDate, bad),
                Err(AppError::invalid(Field::BirthDate, InputProblem::Malformed)),
                "{bad}"
            );
        }
        assert_eq!(parse_date(Field::Date, "  "), Err(AppError::invalid(Field::Date, InputProblem::Missing)));
    }

    #[test]
    fn clock_times_are_read_with_or_without_seconds() {
        assert_eq!(parse_clock(Field::Starts, "18:30"), Ok(NaiveTime::from_hms_opt(18, 30, 0).unwrap()));
        assert_eq!(parse_clock(Field::Starts, "18:30:15"), Ok(NaiveTime::from_hms_opt(18, 30, 15).unwrap()));
        for bad in ["6pm", "24:00", "18:60", "-1:00", "18"] {
            assert_eq!(
                parse_clock(Field::Ends, bad),
                Err(AppError::invalid(Field::Ends, InputProblem::Malformed)),
                "{bad}"
            );
        }
        assert_eq!(parse_clock(Field::Ends, ""), Err(AppError::invalid(Field::Ends, InputProblem::Missing)));
    }
}
