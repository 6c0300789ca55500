//! Catalogue search: the filters read from the URL query (every parameter optional) and written
//! back to it, so a filtered list is a shareable link; the course cards and facet counts a search
//! answers with; and a course's folded search text (`forms::search` folds it). Bad values are
//! refused with the parameter's name.
use crate::error::{AppError, Field, InputProblem};
use crate::forms::age::{MAX_RESIDENT_AGE, MIN_RESIDENT_AGE};
use crate::forms::checkbox::parse_flag;
use crate::forms::keys::{CourseFormat, FORMATS, InstructionLanguage, LANGUAGES, key_of, parse_key};
use crate::forms::page::parse_page;
use crate::forms::search::fold_for_search;
use crate::forms::slug::parse_slug;
use crate::localized::Localized;
use chrono::{DateTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// One course in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseCard {
    pub slug: String,
    pub title: Localized,
    pub centre_slug: String,
    pub centre_name: Localized,
    pub district_name: Localized,
    pub category: Localized,
    pub language: InstructionLanguage,
    pub format: CourseFormat,
    pub min_age: i16,
    pub max_age: i16,
    pub capacity: i32,
    pub seats_left: i32,
    pub next_session: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoursePage {
    pub courses: Vec<CourseCard>,
    /// 1-based; clamped to the pages that exist.
    pub page: u32,
    pub total_pages: u32,
    pub total: u64,
}

pub const COURSES_PER_PAGE: u32 = 12;

/// The folded text a course is found by: its titles and descriptions in every language.
pub fn course_search_text(title: &Localized, description: &Localized) -> String {
    fold_for_search(
        &[&title.kk, &title.ru, &title.en, &description.kk, &description.ru, &description.en]
            .map(String::as_str)
            .join("\n"),
    )
}

/// Longest text search accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 100;

/// Part of the day a session starts in, on Almaty clocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimeOfDay {
    /// Before 12:00.
    Morning,
    /// 12:00 to 16:59.
    Afternoon,
    /// From 17:00.
    Evening,
}

impl TimeOfDay {
    /// Start minutes since midnight covered by this part of the day: `from..until`.
    pub fn minutes(self) -> std::ops::Range<i16> {
        match self {
            TimeOfDay::Morning => 0..12 * 60,
            TimeOfDay::Afternoon => 12 * 60..17 * 60,
            TimeOfDay::Evening => 17 * 60..24 * 60,
        }
    }
}

impl TimeOfDay {
    const ALL: [TimeOfDay; 3] = [TimeOfDay::Morning, TimeOfDay::Afternoon, TimeOfDay::Evening];

    /// The part of the day a start at `minute_of_day` (Almaty clocks) falls in.
    pub fn of_minute(minute_of_day: i16) -> TimeOfDay {
        TimeOfDay::ALL.into_iter().find(|part| part.minutes().contains(&minute_of_day)).unwrap_or(TimeOfDay::Evening)
    }

    fn index(self) -> i32 {
        self as i32
    }
}

/// A course's sessions ahead, as the set of (Almaty weekday, part of the day) slots they start in:
/// bit `weekday × 3 + part` (Monday 0, morning 0), 21 bits. The database keeps it on each course
/// (`course.upcoming_slots`, migration m0021), so "a session ahead on a Tuesday evening" is a bit
/// test, and counts courses per [`SlotFilter`].
pub fn session_slot(almaty_weekday: i16, almaty_minute_of_day: i16) -> i32 {
    1 << (i32::from(almaty_weekday) * 3 + TimeOfDay::of_minute(almaty_minute_of_day).index())
}

/// A weekday, a part of the day, or both, as the catalogue filters by them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlotFilter {
    pub weekday: Option<chrono::Weekday>,
    pub time_of_day: Option<TimeOfDay>,
}

impl SlotFilter {
    /// The slots this filter accepts: a course matches when one of its sessions ahead starts in one.
    pub fn slots(self) -> i32 {
        let weekdays = (0..7i16).filter(|day| self.weekday.is_none_or(|w| w.num_days_from_monday() as i16 == *day));
        weekdays
            .flat_map(|day| {
                TimeOfDay::ALL
                    .into_iter()
                    .filter(|part| self.time_of_day.is_none_or(|chosen| chosen == *part))
                    .map(move |part| 1 << (i32::from(day) * 3 + part.index()))
            })
            .fold(0, |slots, slot| slots | slot)
    }

    /// The key the database counts this filter's courses under (`course_slot_count.slot_filter`):
    /// weekday (Monday 0, none 7) × 4 + part of the day (morning 0, none 3); 31 keys.
    pub fn key(self) -> i16 {
        let weekday = self.weekday.map_or(7, |w| w.num_days_from_monday() as i16);
        let part = self.time_of_day.map_or(3, |part| part.index() as i16);
        weekday * 4 + part
    }
}

/// Order of the course list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CourseSort {
    /// Next session first.
    #[default]
    Soonest,
    /// Most recently published first.
    Newest,
    /// Most free seats first.
    SeatsLeft,
}

/// A validated catalogue query. `Default` is the unfiltered first page, soonest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseFilters {
    pub category: Option<String>,
    pub district: Option<String>,
    pub centre: Option<String>,
    pub language: Option<InstructionLanguage>,
    pub format: Option<CourseFormat>,
    /// The course's age range must include this age.
    pub age: Option<i16>,
    /// The course has a session on this Almaty weekday (and in `time_of_day`, if both are given).
    pub weekday: Option<Weekday>,
    pub time_of_day: Option<TimeOfDay>,
    pub only_free_seats: bool,
    /// Text search as typed, trimmed; see [`CourseFilters::search_words`].
    pub query: Option<String>,
    pub sort: CourseSort,
    /// 1-based.
    pub page: u32,
}

impl Default for CourseFilters {
    fn default() -> Self {
        CourseFilters {
            category: None,
            district: None,
            centre: None,
            language: None,
            format: None,
            age: None,
            weekday: None,
            time_of_day: None,
            only_free_seats: false,
            query: None,
            sort: CourseSort::default(),
            page: 1,
        }
    }
}

/// URL parameter names; also the `field` of a refusal.
const CATEGORY: &str = "category";
const DISTRICT: &str = "district";
const CENTRE: &str = "centre";
const LANGUAGE: &str = "language";
const FORMAT: &str = "format";
const AGE: &str = "age";
const WEEKDAY: &str = "weekday";
const TIME: &str = "time";
const FREE: &str = "free";
const QUERY: &str = "q";
const SORT: &str = "sort";
const PAGE: &str = "page";

pub const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "mon"),
    (Weekday::Tue, "tue"),
    (Weekday::Wed, "wed"),
    (Weekday::Thu, "thu"),
    (Weekday::Fri, "fri"),
    (Weekday::Sat, "sat"),
    (Weekday::Sun, "sun"),
];

/// The decoded name/value pairs of a query string (a leading `?` is fine).
fn decoded_pairs(query: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
}

impl CourseFilters {
    /// Reads decoded `(name, value)` pairs, e.g. Leptos' query map. Empty values mean "any" (as an
    /// untouched form field sends them); unknown names are ignored; a repeated name keeps the last.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, AppError> {
        let mut filters = CourseFilters::default();
        let mut page = None;
        for (name, value) in pairs {
            if name == PAGE {
                page = Some(value.trim());
            } else {
                filters.set(name, value.trim())?;
            }
        }
        filters.page = parse_page(page)?;
        Ok(filters)
    }

    /// Sets the filter named `name` from its URL value; unknown names change nothing.
    fn set(&mut self, name: &str, value: &str) -> Result<(), AppError> {
        match name {
            CATEGORY => self.category = parse_slug(Field::Category, Some(value))?,
            DISTRICT => self.district = parse_slug(Field::District, Some(value))?,
            CENTRE => self.centre = parse_slug(Field::Centre, Some(value))?,
            LANGUAGE => self.language = parse_key(Field::Language, value, &LANGUAGES)?,
            FORMAT => self.format = parse_key(Field::Format, value, &FORMATS)?,
            AGE => self.age = parse_age(value)?,
            WEEKDAY => self.weekday = parse_key(Field::Weekday, value, &WEEKDAYS)?,
            TIME => self.time_of_day = parse_key(Field::Time, value, &TIMES)?,
            FREE => self.only_free_seats = parse_flag(Field::Free, value)?,
            QUERY => self.query = parse_query(value)?,
            SORT => self.sort = parse_key(Field::Sort, value, &SORTS)?.unwrap_or_default(),
            _ => {}
        }
        Ok(())
    }

    /// The filters of a query the server refuses, with the refused ones left empty: what the
    /// filter form shows, so mending one field keeps the others (`age=99&free=1` keeps "only free
    /// seats").
    pub fn valid_part_of_query(query: &str) -> Self {
        let mut filters = CourseFilters::default();
        for (name, value) in decoded_pairs(query) {
            if name == PAGE {
                continue;
            }
            let mut with_this = filters.clone();
            if with_this.set(&name, value.trim()).is_ok() {
                filters = with_this;
            }
        }
        filters
    }

    /// Reads a raw query string such as `district=almaly&q=%D0%B4%D0%BE%D0%BC` (a leading `?` is fine).
    pub fn from_query_string(query: &str) -> Result<Self, AppError> {
        let decoded: Vec<(String, String)> =
            decoded_pairs(query).map(|(name, value)| (name.into_owned(), value.into_owned())).collect();
        Self::from_pairs(decoded.iter().map(|(name, value)| (name.as_str(), value.as_str())))
    }

    /// The query string for these filters, without defaults, in a fixed order; reads back equal.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let mut push = |name, value: Option<String>| {
            if let Some(value) = value {
                pairs.push((name, value));
            }
        };
        push(CATEGORY, self.category.clone());
        push(DISTRICT, self.district.clone());
        push(CENTRE, self.centre.clone());
        push(LANGUAGE, self.language.map(|language| key_of(language, &LANGUAGES).to_owned()));
        push(FORMAT, self.format.map(|format| key_of(format, &FORMATS).to_owned()));
        push(AGE, self.age.map(|age| age.to_string()));
        push(WEEKDAY, self.weekday.map(|weekday| key_of(weekday, &WEEKDAYS).to_owned()));
        push(TIME, self.time_of_day.map(|time| key_of(time, &TIMES).to_owned()));
        push(FREE, self.only_free_seats.then(|| "1".to_owned()));
        push(QUERY, self.query.clone());
        push(SORT, (self.sort != CourseSort::default()).then(|| key_of(self.sort, &SORTS).to_owned()));
        push(PAGE, (self.page != 1).then(|| self.page.to_string()));
        form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
    }

    /// How many of the fields behind the "Filters (N)" button narrow the list: the search box
    /// stays in sight and the sort order narrows nothing, so neither counts.
    pub fn active_filter_count(&self) -> usize {
        [
            self.category.is_some(),
            self.district.is_some() || self.centre.is_some(),
            self.language.is_some(),
            self.format.is_some(),
            self.age.is_some(),
            self.weekday.is_some(),
            self.time_of_day.is_some(),
            self.only_free_seats,
        ]
        .into_iter()
        .filter(|active| *active)
        .count()
    }

    /// The weekday and part-of-the-day filter, if either is chosen.
    pub fn slot_filter(&self) -> Option<SlotFilter> {
        (self.weekday.is_some() || self.time_of_day.is_some())
            .then_some(SlotFilter { weekday: self.weekday, time_of_day: self.time_of_day })
    }

    /// Whether the list is narrowed only by what the database keeps counts for: the four facets
    /// (category, district, language, format), a centre, an age, "only free seats" and the
    /// sessions' weekday and part of the day. Then every count is a sum over courses grouped by
    /// those values. Any other filter (a text search, one added later) needs the courses themselves.
    pub fn counted_in_groups(&self) -> bool {
        let without_counted = CourseFilters {
            weekday: None,
            time_of_day: None,
            category: None,
            district: None,
            language: None,
            format: None,
            centre: None,
            age: None,
            only_free_seats: false,
            sort: CourseSort::default(),
            page: 1,
            ..self.clone()
        };
        without_counted == CourseFilters::default()
    }

    /// The search text folded like `course.search_text`, split into words that must all appear.
    pub fn search_words(&self) -> Vec<String> {
        self.query.as_deref().map(fold_for_search).unwrap_or_default().split_whitespace().map(str::to_owned).collect()
    }
}

pub const TIMES: [(TimeOfDay, &str); 3] =
    [(TimeOfDay::Morning, "morning"), (TimeOfDay::Afternoon, "afternoon"), (TimeOfDay::Evening, "evening")];
pub const SORTS: [(CourseSort, &str); 3] =
    [(CourseSort::Soonest, "soonest"), (CourseSort::Newest, "newest"), (CourseSort::SeatsLeft, "seats_left")];

fn parse_age(value: &str) -> Result<Option<i16>, AppError> {
    if value.is_empty() {
        return Ok(None);
    }
    let age: i16 = value.parse().map_err(|_| AppError::invalid(Field::Age, InputProblem::Malformed))?;
    if !(MIN_RESIDENT_AGE..=MAX_RESIDENT_AGE).contains(&age) {
        return Err(AppError::invalid(Field::Age, InputProblem::OutOfRange));
    }
    Ok(Some(age))
}

fn parse_query(value: &str) -> Result<Option<String>, AppError> {
    if value.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::invalid(Field::Q, InputProblem::TooLong));
    }
    Ok((!value.is_empty()).then(|| value.to_owned()))
}

/// How many courses match with one filter set aside, per value of that filter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount<K> {
    pub key: K,
    /// Display name for slug facets; empty for enum facets (the UI has their labels).
    pub name: Localized,
    pub count: u64,
}

/// Counts for the filter form: each counted with every other active filter applied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseFacets {
    pub categories: Vec<FacetCount<String>>,
    pub districts: Vec<FacetCount<String>>,
    pub languages: Vec<FacetCount<InstructionLanguage>>,
    pub formats: Vec<FacetCount<CourseFormat>>,
}

/// One page of search results with the facet counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseSearch {
    pub results: CoursePage,
    pub facets: CourseFacets,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Result<CourseFilters, AppError> {
        CourseFilters::from_query_string(query)
    }

    #[test]
    fn the_filters_button_counts_what_narrows_the_list_but_not_search_or_sort() {
        assert_eq!(CourseFilters::default().active_filter_count(), 0);
        assert_eq!(parse("q=домбыра&sort=newest&page=2").map(|f| f.active_filter_count()), Ok(0));
        assert_eq!(parse("district=almaly&age=17&free=1").map(|f| f.active_filter_count()), Ok(3));
        assert_eq!(
            parse("category=music&district=almaly&language=kk&format=online&age=20&weekday=mon&time=evening&free=1")
                .map(|f| f.active_filter_count()),
            Ok(8)
        );
    }

    #[test]
    fn a_refused_query_keeps_its_valid_filters_for_the_form() {
        let kept = CourseFilters::valid_part_of_query("age=99&free=1&district=almaly&language=xx&page=-1&q=dombra");
        let expected = CourseFilters {
            only_free_seats: true,
            district: Some("almaly".to_owned()),
            query: Some("dombra".to_owned()),
            ..Default::default()
        };
        assert_eq!(kept, expected);
        assert_eq!(
            CourseFilters::valid_part_of_query("district=almaly&age=20"),
            parse("district=almaly&age=20").unwrap()
        );
    }

    #[test]
    fn no_parameters_mean_no_filters() {
        assert_eq!(parse(""), Ok(CourseFilters::default()));
        assert_eq!(parse("?district=&language=&age=&free=&q=+&page="), Ok(CourseFilters::default()));
        assert_eq!(parse("utm_source=mail&__path=x"), Ok(CourseFilters::default()), "unknown names are ignored");
    }

    #[test]
    fn every_filter_is_read() {
        let filters = parse(
            "category=music&district=almaly&centre=almaly-youth-centre&language=kk&format=offline&age=16\
             &weekday=sat&time=evening&free=on&q=%D0%94%D0%BE%D0%BC%D0%B1%D1%8B%D1%80%D0%B0&sort=seats_left&page=5",
        )
        .unwrap();
        assert_eq!(
            filters,
            CourseFilters {
                category: Some("music".into()),
                district: Some("almaly".into()),
                centre: Some("almaly-youth-centre".into()),
                language: Some(InstructionLanguage::Kazakh),
                format: Some(CourseFormat::Offline),
                age: Some(16),
                weekday: Some(Weekday::Sat),
                time_of_day: Some(TimeOfDay::Evening),
                only_free_seats: true,
                query: Some("Домбыра".into()),
                sort: CourseSort::SeatsLeft,
                page: 5,
            }
        );
    }

    #[test]
    fn bad_values_name_their_parameter() {
        let refused = |query: &str, field: Field, problem| {
            assert_eq!(parse(query), Err(AppError::invalid(field, problem)), "{query}");
        };
        refused("language=de", Field::Language, InputProblem::Unknown);
        refused("format=hybrid", Field::Format, InputProblem::Unknown);
        refused("age=13", Field::Age, InputProblem::OutOfRange);
        refused("age=36", Field::Age, InputProblem::OutOfRange);
        refused("age=twenty", Field::Age, InputProblem::Malformed);
        refused("weekday=funday", Field::Weekday, InputProblem::Unknown);
        refused("time=night", Field::Time, InputProblem::Unknown);
        refused("free=maybe", Field::Free, InputProblem::Malformed);
        refused("sort=price", Field::Sort, InputProblem::Unknown);
        refused("page=0", Field::Page, InputProblem::OutOfRange);
        refused("district=Almaly%20District", Field::District, InputProblem::Malformed);
        refused("category=%27%3B%20DROP", Field::Category, InputProblem::Malformed);
        refused(&format!("centre={}", "a".repeat(65)), Field::Centre, InputProblem::TooLong);
        refused(&format!("district={}", "a".repeat(300)), Field::District, InputProblem::TooLong);
        refused(&format!("category={}", "ә".repeat(300)), Field::Category, InputProblem::TooLong);
        refused(&format!("q={}", "қ".repeat(101)), Field::Q, InputProblem::TooLong);
        assert!(parse(&format!("q={}", "қ".repeat(100))).is_ok(), "the limit counts characters, not bytes");
        assert!(parse("age=14").is_ok() && parse("age=35").is_ok());
    }

    #[test]
    fn keys_are_case_insensitive_and_forms_send_on_for_checkboxes() {
        let filters = parse("language=KK&weekday=Mon&time=Morning&free=on").unwrap();
        assert_eq!(filters.language, Some(InstructionLanguage::Kazakh));
        assert_eq!(filters.weekday, Some(Weekday::Mon));
        assert_eq!(filters.time_of_day, Some(TimeOfDay::Morning));
        assert!(filters.only_free_seats);
    }

    #[test]
    fn query_string_round_trips() {
        let filters = CourseFilters {
            category: Some("music".into()),
            district: Some("medeu".into()),
            centre: None,
            language: Some(InstructionLanguage::Russian),
            format: Some(CourseFormat::Online),
            age: Some(35),
            weekday: Some(Weekday::Sun),
            time_of_day: Some(TimeOfDay::Afternoon),
            only_free_seats: true,
            query: Some("Қазақ тілі & 100% «онлайн»+".into()),
            sort: CourseSort::Newest,
            page: 3,
        };
        let query = filters.to_query_string();
        assert!(query.is_ascii(), "{query}");
        assert_eq!(parse(&query), Ok(filters));
        assert_eq!(CourseFilters::default().to_query_string(), "");
        assert_eq!(parse(&CourseFilters::default().to_query_string()), Ok(CourseFilters::default()));
        let only_page = CourseFilters { page: 2, ..Default::default() };
        assert_eq!(only_page.to_query_string(), "page=2");
    }

    #[test]
    fn search_words_are_folded_like_the_stored_text() {
        let filters =
            CourseFilters { query: Some("  ДОМБЫРА  Ансамблі ЁЛКА ".into()), ..Default::default() };
        assert_eq!(filters.search_words(), ["домбыра", "ансамблі", "елка"]);
        assert!(CourseFilters::default().search_words().is_empty());
    }

    #[test]
    fn facets_centre_age_and_free_seats_are_counted_from_groups() {
        for query in [
            "",
            "category=music&district=almaly&language=kk&format=offline",
            "sort=newest&page=4",
            "centre=almaly-youth-centre&age=16&free=1&sort=seats_left",
        ] {
            assert!(parse(query).unwrap().counted_in_groups(), "{query}");
        }
        for query in ["weekday=mon", "time=evening", "free=1&weekday=tue&time=morning&centre=x"] {
            assert!(parse(query).unwrap().counted_in_groups(), "{query}");
        }
        for query in ["q=dombra", "age=16&q=dombra", "weekday=tue&q=dombra"] {
            assert!(!parse(query).unwrap().counted_in_groups(), "{query}");
        }
        assert!(parse("q=+++").unwrap().counted_in_groups(), "a blank search is no search");
    }

    #[test]
    fn a_slot_filter_accepts_the_slots_of_its_weekday_and_part_of_the_day() {
        use chrono::Weekday::{Mon, Sun, Tue};
        let tuesday_evening = SlotFilter { weekday: Some(Tue), time_of_day: Some(TimeOfDay::Evening) };
        // Tuesday 17:00 and 23:59 in Almaty; not 16:59, not Monday or Wednesday evening.
        assert_eq!(tuesday_evening.slots(), session_slot(1, 17 * 60));
        assert_eq!(tuesday_evening.slots(), session_slot(1, 23 * 60 + 59));
        for (weekday, minute) in [(1, 16 * 60 + 59), (0, 20 * 60), (2, 18 * 60)] {
            assert_eq!(tuesday_evening.slots() & session_slot(weekday, minute), 0, "{weekday} {minute}");
        }
        let any_monday = SlotFilter { weekday: Some(Mon), time_of_day: None };
        for minute in [0, 11 * 60 + 59, 12 * 60, 17 * 60, 23 * 60 + 59] {
            assert_ne!(any_monday.slots() & session_slot(0, minute), 0, "Monday {minute}");
            assert_eq!(any_monday.slots() & session_slot(6, minute), 0, "Sunday {minute}");
        }
        let mornings = SlotFilter { weekday: None, time_of_day: Some(TimeOfDay::Morning) };
        assert_eq!(mornings.slots().count_ones(), 7);
        assert_ne!(mornings.slots() & session_slot(6, 9 * 60), 0);
        assert_eq!(SlotFilter { weekday: Some(Sun), time_of_day: None }.slots().count_ones(), 3);
    }

    #[test]
    fn every_slot_filter_has_a_key_of_its_own() {
        use chrono::Weekday;
        let weekdays = [None].into_iter().chain(
            [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun]
                .map(Some),
        );
        let mut keys = std::collections::HashSet::new();
        for weekday in weekdays {
            for time_of_day in [None, Some(TimeOfDay::Morning), Some(TimeOfDay::Afternoon), Some(TimeOfDay::Evening)] {
                if weekday.is_none() && time_of_day.is_none() {
                    continue;
                }
                let filter = SlotFilter { weekday, time_of_day };
                assert!((0..31).contains(&filter.key()), "{filter:?}");
                assert!(keys.insert(filter.key()), "{filter:?}");
            }
        }
        assert_eq!(keys.len(), 31);
        assert_eq!(parse("weekday=tue&time=evening").unwrap().slot_filter().map(SlotFilter::key), Some(6));
        assert_eq!(parse("age=16").unwrap().slot_filter(), None);
    }

    #[test]
    fn parts_of_the_day_split_at_noon_and_five() {
        assert_eq!(TimeOfDay::Morning.minutes(), 0..720);
        assert!(TimeOfDay::Afternoon.minutes().contains(&(16 * 60 + 59)));
        assert!(TimeOfDay::Evening.minutes().contains(&(17 * 60)));
        assert!(!TimeOfDay::Afternoon.minutes().contains(&(17 * 60)));
    }

    #[test]
    fn malformed_escapes_are_kept_as_typed() {
        let filters = CourseFilters::from_query_string("q=100%25+a%zzb+c").expect("valid");
        assert_eq!(filters.query.as_deref(), Some("100% a%zzb c"));
    }
}
