//! Almaty time. Kazakhstan has used a single UTC+5 zone since 1 March 2024, with no daylight saving;
//! tz databases older than 2024a still say UTC+6, so a fixed offset is the reliable choice.
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

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
    fn almaty_date_changes_at_local_midnight() {
        let before = Utc.with_ymd_and_hms(2026, 11, 24, 18, 59, 0).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 11, 24, 19, 0, 0).unwrap();
        assert_eq!(almaty_today(before), NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        assert_eq!(almaty_today(after), NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    }
}
