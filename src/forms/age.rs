//! Ages: the youth-policy bounds and how a person's age is counted.
use chrono::{Datelike, NaiveDate};

/// Youth-policy age bounds: the centres serve young people aged 14 to 35.
pub const MIN_RESIDENT_AGE: i16 = 14;
pub const MAX_RESIDENT_AGE: i16 = 35;

/// Full years lived on `day`. Someone born on 29 February turns a year older on 1 March in common years.
pub fn age_on(birth_date: NaiveDate, day: NaiveDate) -> i32 {
    let had_birthday = (day.month(), day.day()) >= (birth_date.month(), birth_date.day());
    day.year() - birth_date.year() - if had_birthday { 0 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
    }

    #[test]
    fn age_counts_whole_years_and_turns_on_the_birthday() {
        assert_eq!(age_on(date(2010, 12, 1), date(2026, 11, 30)), 15);
        assert_eq!(age_on(date(2010, 12, 1), date(2026, 12, 1)), 16);
        assert_eq!(age_on(date(2010, 12, 1), date(2026, 12, 2)), 16);
        assert_eq!(age_on(date(2010, 1, 31), date(2026, 2, 1)), 16);
    }

    #[test]
    fn leap_day_birthday_comes_on_the_first_of_march_in_common_years() {
        assert_eq!(age_on(date(2008, 2, 29), date(2024, 2, 28)), 15);
        assert_eq!(age_on(date(2008, 2, 29), date(2024, 2, 29)), 16);
        assert_eq!(age_on(date(2008, 2, 29), date(2026, 2, 28)), 17);
        assert_eq!(age_on(date(2008, 2, 29), date(2026, 3, 1)), 18);
    }
}
