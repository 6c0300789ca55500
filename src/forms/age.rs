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

/// The age bands the card check and the reports show instead of a birth date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum AgeBand {
    From14To17,
    From18To24,
    From25To29,
    From30To35,
}

impl AgeBand {
    pub const ALL: [AgeBand; 4] = [AgeBand::From14To17, AgeBand::From18To24, AgeBand::From25To29, AgeBand::From30To35];

    /// The band of someone `age` years old; `None` outside the programme's 14–35.
    pub fn of_age(age: i32) -> Option<Self> {
        match age {
            14..=17 => Some(AgeBand::From14To17),
            18..=24 => Some(AgeBand::From18To24),
            25..=29 => Some(AgeBand::From25To29),
            30..=35 => Some(AgeBand::From30To35),
            _ => None,
        }
    }

    /// The youngest and the oldest age in the band.
    pub fn ages(self) -> (i32, i32) {
        match self {
            AgeBand::From14To17 => (14, 17),
            AgeBand::From18To24 => (18, 24),
            AgeBand::From25To29 => (25, 29),
            AgeBand::From30To35 => (30, 35),
        }
    }

    /// Who is in the band on `today`, as birth dates: born after the first date and on or before
    /// the second (a range a database query can use).
    pub fn birth_dates(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let (youngest, oldest) = self.ages();
        let years_back = |years: i32| today.checked_sub_months(chrono::Months::new(years as u32 * 12)).unwrap_or(today);
        (years_back(oldest + 1), years_back(youngest))
    }

    /// The band in forms and URLs ("18-24").
    pub fn slug(self) -> &'static str {
        match self {
            AgeBand::From14To17 => "14-17",
            AgeBand::From18To24 => "18-24",
            AgeBand::From25To29 => "25-29",
            AgeBand::From30To35 => "30-35",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|band| band.slug() == slug)
    }

    /// The band as it is written in every language.
    pub fn label(self) -> &'static str {
        match self {
            AgeBand::From14To17 => "14–17",
            AgeBand::From18To24 => "18–24",
            AgeBand::From25To29 => "25–29",
            AgeBand::From30To35 => "30–35",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bands_birth_dates_hold_exactly_the_people_of_its_ages() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        for band in AgeBand::ALL {
            let (born_after, born_by) = band.birth_dates(today);
            assert_eq!(AgeBand::of_age(age_on(born_by, today)), Some(band), "{band:?} youngest");
            assert_eq!(AgeBand::of_age(age_on(born_after.succ_opt().unwrap(), today)), Some(band), "{band:?} oldest");
            assert_ne!(AgeBand::of_age(age_on(born_after, today)), Some(band), "{band:?} one day too old");
            assert_ne!(
                AgeBand::of_age(age_on(born_by.succ_opt().unwrap(), today)),
                Some(band),
                "{band:?} one day too young"
            );
        }
    }

    #[test]
    fn every_programme_age_has_one_band_and_no_other_age_has_one() {
        assert_eq!(AgeBand::of_age(13), None);
        assert_eq!(AgeBand::of_age(36), None);
        for age in 14..=35 {
            let band = AgeBand::of_age(age).expect("a programme age");
            let (low, high) = band.label().split_once('–').expect("a range");
            assert!(low.parse::<i32>().unwrap() <= age && age <= high.parse::<i32>().unwrap(), "{age} in {band:?}");
        }
        assert_eq!(AgeBand::of_age(17), Some(AgeBand::From14To17));
        assert_eq!(AgeBand::of_age(18), Some(AgeBand::From18To24));
        assert_eq!(AgeBand::of_age(30), Some(AgeBand::From30To35));
    }

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
