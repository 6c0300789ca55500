//! Staff editing of courses and their sessions: the rules for the course and session forms, shared
//! by the server (which decides) and the browser (which shows the same limits on the inputs).
use crate::enrolment::domain::MAX_COURSE_CAPACITY;
use crate::error::{AppError, Field, InputProblem};
use crate::forms::age::{MAX_RESIDENT_AGE, MIN_RESIDENT_AGE};
use crate::forms::checkbox::is_ticked;
use crate::forms::keys::{CourseFormat, FORMATS, InstructionLanguage, LANGUAGES, parse_required_key};
#[cfg(feature = "ssr")]
use crate::forms::slug::join_within_limit;
use crate::forms::slug::parse_slug;
use crate::localized::Localized;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

pub const TITLE_LEN: std::ops::RangeInclusive<usize> = 3..=120;
pub const DESCRIPTION_MIN_LEN: usize = 10;
pub const DESCRIPTION_MAX_LEN: usize = 4000;
pub const INSTRUCTOR_LEN: std::ops::RangeInclusive<usize> = 2..=100;
/// Letters of the Holland code a course develops, strongest first.
pub const RIASEC_MAX_LETTERS: usize = 3;
/// A single session lasts at most a working day.
pub const MAX_SESSION_HOURS: i64 = 8;
/// Weekly series are added at most half a year ahead at once.
pub const MAX_WEEKS: u32 = 26;
/// Sessions are planned at most this far ahead.
pub const MAX_DAYS_AHEAD: i64 = 730;

/// The course form as posted: one string per input, so a plain HTML form (no WASM) maps onto it
/// and every problem can be reported against the input it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CourseForm {
    pub category: String,
    pub title_kk: String,
    pub title_ru: String,
    pub title_en: String,
    pub description_kk: String,
    pub description_ru: String,
    pub description_en: String,
    pub language: String,
    pub format: String,
    pub min_age: String,
    pub max_age: String,
    pub capacity: String,
    pub instructor: String,
    pub riasec: String,
    /// A ticked checkbox; absent when unticked.
    pub late_enrolment: Option<String>,
}

/// A course that passed every form rule; the category slug is resolved by the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseDraft {
    pub category_slug: String,
    pub title: Localized,
    pub description: Localized,
    pub language: InstructionLanguage,
    pub format: CourseFormat,
    pub min_age: i16,
    pub max_age: i16,
    pub capacity: i32,
    pub instructor: String,
    pub riasec: String,
    pub late_enrolment_allowed: bool,
}

/// Trimmed text whose length (in letters, not bytes) is within `len`; empty is `Missing`.
fn text_within(field: Field, raw: &str, len: std::ops::RangeInclusive<usize>) -> Result<String, AppError> {
    let text = raw.trim();
    let letters = text.chars().count();
    if letters == 0 {
        Err(AppError::invalid(field, InputProblem::Missing))
    } else if letters < *len.start() {
        Err(AppError::invalid(field, InputProblem::TooShort))
    } else if letters > *len.end() {
        Err(AppError::invalid(field, InputProblem::TooLong))
    } else {
        Ok(text.to_owned())
    }
}

/// Like [`text_within`], but an empty value is allowed (an optional translation).
fn optional_text_within(field: Field, raw: &str, len: std::ops::RangeInclusive<usize>) -> Result<String, AppError> {
    if raw.trim().is_empty() { Ok(String::new()) } else { text_within(field, raw, len) }
}

fn parse_number<T: std::str::FromStr + PartialOrd>(
    field: Field,
    raw: &str,
    range: std::ops::RangeInclusive<T>,
) -> Result<T, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::invalid(field, InputProblem::Missing));
    }
    let value: T = raw.parse().map_err(|_| AppError::invalid(field, InputProblem::Malformed))?;
    if range.contains(&value) { Ok(value) } else { Err(AppError::invalid(field, InputProblem::OutOfRange)) }
}

/// "ae" or "A E" → "AE": letters of the Holland code, each once, strongest first.
pub fn parse_riasec(raw: &str) -> Result<String, AppError> {
    let code: String = raw.chars().filter(|c| !c.is_whitespace() && *c != ',').collect::<String>().to_uppercase();
    if code.is_empty() {
        return Err(AppError::invalid(Field::Riasec, InputProblem::Missing));
    }
    if crate::quiz::domain::is_valid_code(&code, RIASEC_MAX_LETTERS) {
        Ok(code)
    } else {
        Err(AppError::invalid(Field::Riasec, InputProblem::Malformed))
    }
}

impl CourseForm {
    /// Checks every field, first problem first (in the order of the form).
    pub fn validate(&self) -> Result<CourseDraft, AppError> {
        let category_slug = parse_slug(Field::Category, Some(&self.category))
            .map_err(|_| AppError::invalid(Field::Category, InputProblem::Unknown))?
            .ok_or_else(|| AppError::invalid(Field::Category, InputProblem::Missing))?;
        // Kazakh (the state language) and Russian are required; English falls back to Russian.
        let title = Localized::new(
            text_within(Field::TitleKk, &self.title_kk, TITLE_LEN)?,
            text_within(Field::TitleRu, &self.title_ru, TITLE_LEN)?,
            optional_text_within(Field::TitleEn, &self.title_en, TITLE_LEN)?,
        );
        let description_len = DESCRIPTION_MIN_LEN..=DESCRIPTION_MAX_LEN;
        let description = Localized::new(
            optional_text_within(Field::DescriptionKk, &self.description_kk, description_len.clone())?,
            optional_text_within(Field::DescriptionRu, &self.description_ru, description_len.clone())?,
            optional_text_within(Field::DescriptionEn, &self.description_en, description_len)?,
        );
        if description.kk.is_empty() && description.ru.is_empty() {
            return Err(AppError::invalid(Field::DescriptionRu, InputProblem::Missing));
        }
        let language = parse_required_key(Field::Language, &self.language, &LANGUAGES)?;
        let format = parse_required_key(Field::Format, &self.format, &FORMATS)?;
        let min_age = parse_number(Field::MinAge, &self.min_age, MIN_RESIDENT_AGE..=MAX_RESIDENT_AGE)?;
        let max_age = parse_number(Field::MaxAge, &self.max_age, MIN_RESIDENT_AGE..=MAX_RESIDENT_AGE)?;
        if max_age < min_age {
            return Err(AppError::invalid(Field::MaxAge, InputProblem::OutOfRange));
        }
        let capacity = parse_number(Field::Capacity, &self.capacity, 1..=MAX_COURSE_CAPACITY)?;
        let instructor = text_within(Field::Instructor, &self.instructor, INSTRUCTOR_LEN)?;
        let riasec = parse_riasec(&self.riasec)?;
        Ok(CourseDraft {
            category_slug,
            title,
            description,
            language,
            format,
            min_age,
            max_age,
            capacity,
            instructor,
            riasec,
            late_enrolment_allowed: is_ticked(&self.late_enrolment),
        })
    }
}

#[cfg(feature = "ssr")]
impl CourseDraft {
    /// A readable, stable URL key: the course title in Latin letters and the centre's district,
    /// e.g. "mobilografiia-almaly", always short enough for a "-2", "-3"… when taken.
    pub fn base_slug(&self, district_slug: &str) -> String {
        let title = if self.title.en.is_empty() { &self.title.ru } else { &self.title.en };
        join_within_limit(&::slug::slugify(title), district_slug, "course")
    }
}

/// The session form as posted: a first date, start and end on Almaty clocks, a room (empty for
/// online) and how many weeks in a row the session repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionForm {
    pub date: String,
    pub starts: String,
    pub ends: String,
    pub room: String,
    pub weeks: String,
}

/// Sessions to add: the room they use (none for online) and each start and end instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionPlan {
    pub room_id: Option<i32>,
    pub slots: Vec<(DateTime<Utc>, DateTime<Utc>)>,
}

impl SessionForm {
    /// Checks the form against the clock: the first session is in the future, ends after it starts
    /// (same day, at most [`MAX_SESSION_HOURS`]), and an offline course names a room.
    pub fn validate(&self, format: CourseFormat, now: DateTime<Utc>) -> Result<SessionPlan, AppError> {
        use crate::time::{from_almaty, parse_clock, parse_date};
        let date = parse_date(Field::Date, &self.date)?;
        let starts = parse_clock(Field::Starts, &self.starts)?;
        let ends = parse_clock(Field::Ends, &self.ends)?;
        let length = ends - starts;
        if length <= Duration::zero() || length > Duration::hours(MAX_SESSION_HOURS) {
            return Err(AppError::invalid(Field::Ends, InputProblem::OutOfRange));
        }
        let weeks = match self.weeks.trim() {
            "" => 1,
            raw => parse_number(Field::Weeks, raw, 1..=MAX_WEEKS)?,
        };
        let room_id = match (self.room.trim(), format) {
            ("", CourseFormat::Offline) => return Err(AppError::invalid(Field::Room, InputProblem::Missing)),
            ("", CourseFormat::Online) => None,
            (raw, _) => Some(raw.parse::<i32>().map_err(|_| AppError::invalid(Field::Room, InputProblem::Malformed))?),
        };
        let out_of_range = || AppError::invalid(Field::Date, InputProblem::OutOfRange);
        let first_start = from_almaty(date.and_time(starts)).ok_or_else(out_of_range)?;
        let last_day = crate::time::almaty_today(now)
            .checked_add_signed(Duration::days(MAX_DAYS_AHEAD))
            .ok_or_else(out_of_range)?;
        if first_start <= now || date > last_day {
            return Err(out_of_range());
        }
        let slots = (0..weeks)
            .map(|week| {
                let day = date.checked_add_signed(Duration::weeks(week.into()))?;
                Some((from_almaty(day.and_time(starts))?, from_almaty(day.and_time(ends))?))
            })
            .collect::<Option<_>>()
            .ok_or_else(out_of_range)?;
        Ok(SessionPlan { room_id, slots })
    }
}

/// One line of the staff's course list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffCourseRow {
    pub slug: String,
    pub title: Localized,
    pub capacity: i32,
    pub seats_taken: i32,
    pub waitlisted: u64,
    pub next_session: Option<DateTime<Utc>>,
    pub upcoming_sessions: u64,
}

/// A centre a staff member (or an admin) can manage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedCentre {
    pub slug: String,
    pub name: Localized,
}

/// The staff's course list: their centre (admins pick any) and its courses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffCourses {
    pub centre: ManagedCentre,
    /// Every centre for admins (to switch between them); empty for staff, who have one.
    pub other_centres: Vec<ManagedCentre>,
    pub courses: Vec<StaffCourseRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: Localized,
}

/// A planned session as staff see it when editing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedSession {
    pub id: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room: Option<Localized>,
}

/// Everything the course editor shows: choices for the selects, and the course when editing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseEditor {
    pub centre: ManagedCentre,
    pub categories: Vec<Choice>,
    /// The centre's rooms, value = room id.
    pub rooms: Vec<Choice>,
    /// Present when editing an existing course.
    pub course: Option<EditedCourse>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditedCourse {
    pub slug: String,
    pub form: CourseForm,
    pub format: CourseFormat,
    pub seats_taken: i32,
    pub upcoming_sessions: Vec<PlannedSession>,
    pub past_sessions: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn good_form() -> CourseForm {
        CourseForm {
            category: "media".into(),
            title_kk: "Мобилография".into(),
            title_ru: "Мобилография".into(),
            title_en: String::new(),
            description_kk: String::new(),
            description_ru: "Снимаем и монтируем видео на телефон.".into(),
            description_en: String::new(),
            language: "ru".into(),
            format: "offline".into(),
            min_age: "14".into(),
            max_age: "29".into(),
            capacity: "15".into(),
            instructor: "Айгерим Садыкова".into(),
            riasec: "a e".into(),
            late_enrolment: Some("on".into()),
        }
    }

    fn problem_with(form: CourseForm) -> AppError {
        form.validate().expect_err("the form must be refused")
    }

    #[test]
    fn a_complete_form_becomes_a_draft() {
        let draft = good_form().validate().expect("valid");
        assert_eq!(draft.title.get(crate::i18n::Locale::en), "Мобилография", "English falls back to Russian");
        assert_eq!((draft.min_age, draft.max_age, draft.capacity), (14, 29, 15));
        assert_eq!(draft.riasec, "AE");
        assert_eq!(draft.language, InstructionLanguage::Russian);
        assert!(draft.late_enrolment_allowed);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn course_slugs_fit_the_slug_limit_even_for_a_long_district() {
        let draft = good_form().validate().expect("valid");
        assert_eq!(draft.base_slug("almaly"), "mobilografiia-almaly");
        let long_title = CourseForm { title_en: "Very long course title ".repeat(5), ..good_form() };
        for district in ["almaly", &"d".repeat(40), &"d".repeat(60), &"d".repeat(64)] {
            for draft in [draft.clone(), long_title.validate().expect("valid")] {
                // A long district slug once underflowed the room left for the title.
                let slug = format!("{}-12", draft.base_slug(district));
                assert_eq!(parse_slug(Field::Slug, Some(&slug)), Ok(Some(slug.clone())), "{district}");
            }
        }
    }

    #[test]
    fn kazakh_and_russian_titles_are_required() {
        let invalid = |field: Field, problem| AppError::invalid(field, problem);
        assert_eq!(
            problem_with(CourseForm { title_kk: " ".into(), ..good_form() }),
            invalid(Field::TitleKk, InputProblem::Missing)
        );
        assert_eq!(
            problem_with(CourseForm { title_ru: "Ок".into(), ..good_form() }),
            invalid(Field::TitleRu, InputProblem::TooShort)
        );
        assert_eq!(
            problem_with(CourseForm { title_en: "x".repeat(121), ..good_form() }),
            invalid(Field::TitleEn, InputProblem::TooLong)
        );
        // Length counts letters: 120 Cyrillic letters are 240 bytes and still fit.
        assert!(CourseForm { title_kk: "ә".repeat(120), ..good_form() }.validate().is_ok());
    }

    #[test]
    fn a_description_in_kazakh_or_russian_is_required() {
        let no_description = CourseForm { description_ru: String::new(), ..good_form() };
        assert_eq!(
            problem_with(no_description.clone()),
            AppError::invalid(Field::DescriptionRu, InputProblem::Missing)
        );
        assert!(
            CourseForm {
                description_kk: "Телефонмен бейне түсіреміз.".into(), ..no_description
            }
            .validate()
            .is_ok()
        );
    }

    #[test]
    fn ages_stay_within_the_youth_range_and_in_order() {
        let with_ages = |min: &str, max: &str| CourseForm { min_age: min.into(), max_age: max.into(), ..good_form() };
        assert_eq!(problem_with(with_ages("13", "20")), AppError::invalid(Field::MinAge, InputProblem::OutOfRange));
        assert_eq!(problem_with(with_ages("14", "36")), AppError::invalid(Field::MaxAge, InputProblem::OutOfRange));
        assert_eq!(problem_with(with_ages("25", "18")), AppError::invalid(Field::MaxAge, InputProblem::OutOfRange));
        assert_eq!(
            problem_with(with_ages("fourteen", "18")),
            AppError::invalid(Field::MinAge, InputProblem::Malformed)
        );
        assert!(with_ages("35", "35").validate().is_ok());
    }

    #[test]
    fn capacity_language_format_and_holland_code_are_checked() {
        assert_eq!(
            problem_with(CourseForm { capacity: "0".into(), ..good_form() }),
            AppError::invalid(Field::Capacity, InputProblem::OutOfRange)
        );
        assert_eq!(
            problem_with(CourseForm { language: "de".into(), ..good_form() }),
            AppError::invalid(Field::Language, InputProblem::Unknown)
        );
        assert_eq!(
            problem_with(CourseForm { format: String::new(), ..good_form() }),
            AppError::invalid(Field::Format, InputProblem::Missing)
        );
        assert_eq!(parse_riasec("ASX"), Err(AppError::invalid(Field::Riasec, InputProblem::Malformed)));
        assert_eq!(parse_riasec("AAS"), Err(AppError::invalid(Field::Riasec, InputProblem::Malformed)));
        assert_eq!(parse_riasec("s, e, c"), Ok("SEC".into()));
    }

    fn session(date: &str, starts: &str, ends: &str, room: &str, weeks: &str) -> SessionForm {
        SessionForm {
            date: date.into(),
            starts: starts.into(),
            ends: ends.into(),
            room: room.into(),
            weeks: weeks.into(),
        }
    }

    /// 25.11.2026 12:00 in Almaty.
    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 7, 0, 0).unwrap()
    }

    #[test]
    fn a_weekly_series_is_planned_on_almaty_clocks() {
        let plan = session("2026-11-30", "18:30", "20:00", "7", "3").validate(CourseFormat::Offline, now()).unwrap();
        assert_eq!(plan.room_id, Some(7));
        let shown: Vec<String> = plan.slots.iter().map(|(start, _)| crate::time::format_almaty(*start)).collect();
        assert_eq!(shown, ["30.11.2026 18:30", "07.12.2026 18:30", "14.12.2026 18:30"]);
        assert!(plan.slots.iter().all(|(start, end)| *end - *start == Duration::minutes(90)));
    }

    #[test]
    fn sessions_must_be_ahead_and_end_after_they_start() {
        let refused = |form: SessionForm| form.validate(CourseFormat::Offline, now()).expect_err("refused");
        assert_eq!(
            refused(session("2026-11-25", "11:00", "12:00", "7", "")),
            AppError::invalid(Field::Date, InputProblem::OutOfRange)
        );
        assert_eq!(
            refused(session("2026-11-30", "18:00", "18:00", "7", "")),
            AppError::invalid(Field::Ends, InputProblem::OutOfRange)
        );
        assert_eq!(
            refused(session("2026-11-30", "08:00", "17:00", "7", "")),
            AppError::invalid(Field::Ends, InputProblem::OutOfRange)
        );
        assert_eq!(
            refused(session("30.11.2026", "18:00", "19:00", "7", "")),
            AppError::invalid(Field::Date, InputProblem::Malformed)
        );
        assert_eq!(
            refused(session("2026-11-30", "6pm", "19:00", "7", "")),
            AppError::invalid(Field::Starts, InputProblem::Malformed)
        );
        assert_eq!(
            refused(session("2026-11-30", "18:00", "19:00", "7", "27")),
            AppError::invalid(Field::Weeks, InputProblem::OutOfRange)
        );
        assert_eq!(
            refused(session("2029-01-01", "18:00", "19:00", "7", "")),
            AppError::invalid(Field::Date, InputProblem::OutOfRange)
        );
        // Later today is fine.
        assert!(session("2026-11-25", "13:00", "14:00", "7", "").validate(CourseFormat::Offline, now()).is_ok());
    }

    #[test]
    fn offline_sessions_need_a_room_and_online_ones_may_go_without() {
        let without_room = session("2026-11-30", "18:00", "19:00", "", "");
        assert_eq!(
            without_room.validate(CourseFormat::Offline, now()),
            Err(AppError::invalid(Field::Room, InputProblem::Missing))
        );
        assert_eq!(without_room.validate(CourseFormat::Online, now()).map(|plan| plan.room_id), Ok(None));
    }
}
