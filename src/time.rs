//! Almaty time. Kazakhstan has used a single UTC+5 zone since 1 March 2024, with no daylight saving;
//! tz databases older than 2024a still say UTC+6, so a fixed offset is the reliable choice.
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Timelike, Utc};

pub const ALMATY_OFFSET_SECONDS: i32 = 5 * 3600;

pub fn almaty_offset() -> FixedOffset {
    FixedOffset::east_opt(ALMATY_OFFSET_SECONDS).expect("UTC+5 is within the valid ±24 h range")
}

/// A stored UTC instant as Almaty wall-clock time.
pub fn to_almaty(instant: DateTime<Utc>) -> DateTime<FixedOffset> {
    instant.with_timezone(&almaty_offset())
}

/// An Almaty wall-clock time (as typed into a form) as the UTC instant to store.
pub fn from_almaty(local: NaiveDateTime) -> DateTime<Utc> {
    (local - chrono::Duration::seconds(ALMATY_OFFSET_SECONDS.into())).and_utc()
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
        let stored = from_almaty(local);
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
            from_almaty(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap().and_hms_opt(18, 30, 0).unwrap());
        assert_eq!((almaty_weekday(saturday_evening), almaty_minute_of_day(saturday_evening)), (5, 18 * 60 + 30));
    }

    #[test]
    fn almaty_date_changes_at_local_midnight() {
        let before = Utc.with_ymd_and_hms(2026, 11, 24, 18, 59, 0).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 11, 24, 19, 0, 0).unwrap();
        assert_eq!(almaty_today(before), NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        assert_eq!(almaty_today(after), NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    }
}
