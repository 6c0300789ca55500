//! The district dashboard's rules: which months a report covers, how small counts are hidden so
//! nobody can be singled out, and how a chart's scale is chosen. No database here.
use crate::centres::domain::RoomKind;
use crate::error::{AppError, Field, InputProblem};
use crate::forms::age::AgeBand;
use crate::i18n::*;
use crate::localized::Localized;
use crate::quiz::domain::RiasecType;
use crate::residents::domain::Occupation;
use crate::staff::desk::domain::VisitPurpose;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The smallest number of people a cell may show; 1 to 4 read "<5" (0 is shown: it names nobody).
pub const SMALLEST_SHOWN: i64 = 5;

/// The longest range a report covers, in months: three years of monthly bars still read on a phone.
pub const MAX_MONTHS: u32 = 36;

/// The first month with data worth reporting (the centres opened in 2024).
pub const FIRST_MONTH: Month = Month { year: 2024, month: 1 };

/// The city's share of young people not in employment, education or training (the seed's figure),
/// shown beside the self-reported "neither studying nor working" share.
pub const CITY_NEET_PERCENT: f64 = 7.3;

/// A count of people as a report may show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cell {
    Count(i64),
    /// One to four people: shown as "<5", in tables, charts and CSV alike.
    FewerThanFive,
}

impl Cell {
    pub fn of(count: i64) -> Cell {
        if (1..SMALLEST_SHOWN).contains(&count) { Cell::FewerThanFive } else { Cell::Count(count.max(0)) }
    }

    /// The number, when it may be shown.
    pub fn shown(self) -> Option<i64> {
        match self {
            Cell::Count(count) => Some(count),
            Cell::FewerThanFive => None,
        }
    }

    pub fn text(self) -> String {
        match self {
            Cell::Count(count) => count.to_string(),
            Cell::FewerThanFive => format!("<{SMALLEST_SHOWN}"),
        }
    }
}

/// `part` of `whole` in per cent, one decimal; `None` when either is hidden or there is no whole (a
/// share of a hidden count would give the count away).
pub fn percent(part: Cell, whole: Cell) -> Option<f64> {
    match (part.shown(), whole.shown()) {
        (Some(part), Some(whole)) if whole > 0 => Some((part as f64 * 1000.0 / whole as f64).round() / 10.0),
        _ => None,
    }
}

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(day: NaiveDate) -> Month {
        Month { year: day.year(), month: day.month() }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    pub fn next(self) -> Month {
        if self.month == 12 { Month { year: self.year + 1, month: 1 } } else { Month { month: self.month + 1, ..self } }
    }

    /// `2026-03`, as the URL and the month field write it.
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    fn parse(raw: &str) -> Option<Month> {
        let (year, month) = raw.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let month = Month { year: year.parse().ok()?, month: month.parse().ok()? };
        (1..=12).contains(&month.month).then_some(month)
    }

    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }
}

/// The months a report covers, first and last included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRange {
    pub first: Month,
    pub last: Month,
}

impl MonthRange {
    /// Every month of the range, in order.
    pub fn months(self) -> Vec<Month> {
        std::iter::successors(Some(self.first), |month| Some(month.next()))
            .take_while(|month| *month <= self.last)
            .collect()
    }

    /// `[first day, day after the last month)`: the dates a query counts.
    pub fn days(self) -> (NaiveDate, NaiveDate) {
        (self.first.first_day(), self.last.next().first_day())
    }
}

/// The range a request names (`from`, `to` as `YYYY-MM`); by default the twelve months up to this
/// one. A malformed month, a range backwards, before [`FIRST_MONTH`], after this month or longer
/// than [`MAX_MONTHS`] (a range of 100 years) is refused with the field it concerns.
pub fn parse_range(from: Option<&str>, to: Option<&str>, today: NaiveDate) -> Result<MonthRange, AppError> {
    let this_month = Month::of(today);
    let month = |raw: Option<&str>| match raw.map(str::trim).filter(|raw| !raw.is_empty()) {
        None => Ok(None),
        Some(raw) => Month::parse(raw).map(Some).ok_or(AppError::invalid(Field::Month, InputProblem::Malformed)),
    };
    let last = month(to)?.unwrap_or(this_month);
    let first = match month(from)? {
        Some(first) => first,
        None => {
            let index = (last.index() - 11).max(FIRST_MONTH.index());
            Month { year: (index / 12) as i32, month: (index % 12) as u32 + 1 }
        }
    };
    let out_of_range = AppError::invalid(Field::Month, InputProblem::OutOfRange);
    if first > last || first < FIRST_MONTH || last > this_month {
        return Err(out_of_range);
    }
    if last.index() - first.index() >= i64::from(MAX_MONTHS) {
        return Err(AppError::invalid(Field::Month, InputProblem::TooLong));
    }
    Ok(MonthRange { first, last })
}

/// The top of a chart's axis: the smallest 1, 2 or 5 × 10ⁿ at or above the largest value, so bars
/// are compared against a round number (and a chart of zeros still has an axis).
pub fn axis_top(largest: i64) -> i64 {
    let mut step = 1_i64;
    loop {
        for factor in [1, 2, 5] {
            if let Some(top) = step.checked_mul(factor)
                && top >= largest
            {
                return top;
            }
        }
        match step.checked_mul(10) {
            Some(next) => step = next,
            None => return i64::MAX,
        }
    }
}

/// How long a bar for `value` is on an axis of `length` units topping at `top`; hidden and zero
/// counts have no bar.
pub fn bar_length(value: Cell, top: i64, length: f64) -> f64 {
    match value.shown() {
        Some(value) if top > 0 && value > 0 => (value.min(top) as f64 / top as f64) * length,
        _ => 0.0,
    }
}

/// A district as the dashboard names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistrictName {
    pub slug: String,
    pub name: Localized,
}

/// Enrolments of a course category in the range, how many of them attended, and who waits now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryRow {
    pub name: Localized,
    pub enrolled: Cell,
    pub attended: Cell,
    pub waiting: Cell,
}

impl CategoryRow {
    pub fn attendance_percent(&self) -> Option<f64> {
        percent(self.attended, self.enrolled)
    }
}

/// Everything the dashboard shows for one district (or the city) and one range of months.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// `None`: the whole city.
    pub district: Option<DistrictName>,
    /// Admins switch between districts; empty for staff and mentors, whose district is fixed.
    pub districts: Vec<DistrictName>,
    pub range: MonthRange,
    /// Registered by the end of the range.
    pub residents: Cell,
    pub new_residents: Vec<(Month, Cell)>,
    /// Residents' age bands today.
    pub age_bands: Vec<(AgeBand, Cell)>,
    pub occupations: Vec<(Occupation, Cell)>,
    pub categories: Vec<CategoryRow>,
    /// Hours of confirmed bookings per kind of room (hours, not people: never hidden).
    pub booked_hours: Vec<(RoomKind, i64)>,
    pub quiz_sessions: Cell,
    /// Questionnaire results by the first letter of their Holland code.
    pub holland: Vec<(RiasecType, Cell)>,
    /// Desk check-ins by purpose (`Course`: attendance at a session).
    pub visits: Vec<(VisitPurpose, Cell)>,
    /// Residents per district, for the city view's comparison.
    pub by_district: Vec<(DistrictName, Cell)>,
}

impl Dashboard {
    /// The share who said they neither study nor work, to set beside the city's 7.3 %.
    pub fn neither_percent(&self) -> Option<f64> {
        let total = Cell::of(self.occupations.iter().filter_map(|(_, cell)| cell.shown()).sum());
        let hidden = self.occupations.iter().any(|(_, cell)| cell.shown().is_none());
        let neither = self.occupations.iter().find(|(occupation, _)| *occupation == Occupation::Neither);
        match neither {
            Some((_, neither)) if !hidden => percent(*neither, total),
            _ => None,
        }
    }
}

/// One table of the report, as the page shows it (with a bar chart of `bar`) and the CSV writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The table's HTML id and its name in the CSV.
    pub id: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub label: String,
    pub cells: Vec<String>,
    /// What the chart draws for the row (hidden counts draw no bar).
    pub bar: Cell,
}

fn shown_percent(value: Option<f64>) -> String {
    value.map(|value| format!("{value:.1} %")).unwrap_or_else(|| "—".to_owned())
}

/// The report's tables in `locale`: the same rows for the page, its charts and the CSV.
pub fn tables(report: &Dashboard, locale: Locale) -> Vec<Table> {
    let count_rows = |rows: Vec<(String, Cell)>| {
        rows.into_iter().map(|(label, cell)| TableRow { label, cells: vec![cell.text()], bar: cell }).collect()
    };
    let residents = td_string!(locale, dashboard_residents).to_owned();
    let mut tables = vec![
        Table {
            id: "new-residents",
            title: td_string!(locale, dashboard_new_residents).to_owned(),
            columns: vec![td_string!(locale, dashboard_month).to_owned(), residents.clone()],
            rows: count_rows(report.new_residents.iter().map(|(month, cell)| (month.key(), *cell)).collect()),
        },
        Table {
            id: "age-bands",
            title: td_string!(locale, dashboard_age_bands).to_owned(),
            columns: vec![td_string!(locale, card_check_age).to_owned(), residents.clone()],
            rows: count_rows(report.age_bands.iter().map(|(band, cell)| (band.label().to_owned(), *cell)).collect()),
        },
        Table {
            id: "occupations",
            title: td_string!(locale, dashboard_occupations).to_owned(),
            columns: vec![td_string!(locale, occupation_label).to_owned(), residents.clone()],
            rows: count_rows(
                report
                    .occupations
                    .iter()
                    .map(|(occupation, cell)| (occupation_text(locale, *occupation), *cell))
                    .collect(),
            ),
        },
        Table {
            id: "courses",
            title: td_string!(locale, dashboard_courses).to_owned(),
            columns: vec![
                td_string!(locale, category_label).to_owned(),
                td_string!(locale, dashboard_enrolled).to_owned(),
                td_string!(locale, dashboard_attended).to_owned(),
                td_string!(locale, dashboard_attendance_rate).to_owned(),
                td_string!(locale, dashboard_waiting).to_owned(),
            ],
            rows: report
                .categories
                .iter()
                .map(|row| TableRow {
                    label: row.name.get(locale).to_owned(),
                    cells: vec![
                        row.enrolled.text(),
                        row.attended.text(),
                        shown_percent(row.attendance_percent()),
                        row.waiting.text(),
                    ],
                    bar: row.enrolled,
                })
                .collect(),
        },
        Table {
            id: "rooms",
            title: td_string!(locale, dashboard_rooms).to_owned(),
            columns: vec![
                td_string!(locale, room_kind_label).to_owned(),
                td_string!(locale, dashboard_booked_hours).to_owned(),
            ],
            rows: report
                .booked_hours
                .iter()
                .map(|(kind, hours)| TableRow {
                    label: room_kind_text(locale, *kind),
                    cells: vec![hours.to_string()],
                    bar: Cell::Count(*hours),
                })
                .collect(),
        },
        Table {
            id: "questionnaires",
            title: td_string!(locale, dashboard_holland).to_owned(),
            columns: vec![
                td_string!(locale, dashboard_holland_type).to_owned(),
                td_string!(locale, dashboard_questionnaires).to_owned(),
            ],
            rows: count_rows(
                report
                    .holland
                    .iter()
                    .map(|(kind, cell)| {
                        (format!("{} · {}", kind.letter(), crate::quiz::items::type_name(locale, *kind)), *cell)
                    })
                    .collect(),
            ),
        },
        Table {
            id: "visits",
            title: td_string!(locale, dashboard_visits).to_owned(),
            columns: vec![
                td_string!(locale, booker_purpose).to_owned(),
                td_string!(locale, dashboard_check_ins).to_owned(),
            ],
            rows: count_rows(
                report.visits.iter().map(|(purpose, cell)| (purpose_text(locale, *purpose), *cell)).collect(),
            ),
        },
    ];
    if report.district.is_none() {
        tables.push(Table {
            id: "districts",
            title: td_string!(locale, dashboard_districts).to_owned(),
            columns: vec![td_string!(locale, district_label).to_owned(), residents],
            rows: count_rows(
                report
                    .by_district
                    .iter()
                    .map(|(district, cell)| (district.name.get(locale).to_owned(), *cell))
                    .collect(),
            ),
        });
    }
    tables
}

fn occupation_text(locale: Locale, occupation: Occupation) -> String {
    match occupation {
        Occupation::Studying => td_string!(locale, occupation_studying),
        Occupation::Working => td_string!(locale, occupation_working),
        Occupation::Both => td_string!(locale, occupation_both),
        Occupation::Neither => td_string!(locale, occupation_neither),
    }
    .to_owned()
}

fn room_kind_text(locale: Locale, kind: RoomKind) -> String {
    match kind {
        RoomKind::Classroom => td_string!(locale, room_kind_classroom),
        RoomKind::Coworking => td_string!(locale, room_kind_coworking),
        RoomKind::RecordingStudio => td_string!(locale, room_kind_recording_studio),
        RoomKind::MusicClass => td_string!(locale, room_kind_music_class),
        RoomKind::ConsultationRoom => td_string!(locale, room_kind_consultation_room),
    }
    .to_owned()
}

fn purpose_text(locale: Locale, purpose: VisitPurpose) -> String {
    match purpose {
        VisitPurpose::Course => td_string!(locale, desk_purpose_course),
        VisitPurpose::Coworking => td_string!(locale, desk_purpose_coworking),
        VisitPurpose::Studio => td_string!(locale, desk_purpose_studio),
        VisitPurpose::Consultation => td_string!(locale, desk_purpose_consultation),
        VisitPurpose::Event => td_string!(locale, desk_purpose_event),
    }
    .to_owned()
}

/// Every table in one CSV: table, row, then the table's own columns (numbers already hidden
/// below five, exactly as on the page).
#[cfg(feature = "ssr")]
pub fn dashboard_csv(report: &Dashboard, locale: Locale) -> Result<String, csv::Error> {
    let header = [
        td_string!(locale, dashboard_table),
        td_string!(locale, dashboard_row),
        td_string!(locale, dashboard_value),
        td_string!(locale, dashboard_value_2),
        td_string!(locale, dashboard_value_3),
        td_string!(locale, dashboard_value_4),
    ];
    let width = header.len();
    let rows = tables(report, locale).into_iter().flat_map(|table| {
        let title = table.title;
        let columns = table.columns;
        let heading = std::iter::once([vec![title.clone()], columns].concat());
        heading.chain(table.rows.into_iter().map(move |row| [vec![title.clone(), row.label], row.cells].concat()))
    });
    // Every record as wide as the header: a CSV reader wants one number of columns throughout.
    let rows = rows.map(|mut row| {
        row.resize(width, String::new());
        row
    });
    crate::forms::spreadsheet::csv_document(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn one_to_four_people_are_never_shown_as_a_number() {
        assert_eq!(Cell::of(0), Cell::Count(0));
        for count in 1..=4 {
            assert_eq!(Cell::of(count).text(), "<5");
        }
        assert_eq!(Cell::of(5).text(), "5");
        assert_eq!(Cell::of(-3), Cell::Count(0));
    }

    #[test]
    fn a_share_of_a_hidden_count_is_hidden_too() {
        assert_eq!(percent(Cell::of(3), Cell::of(100)), None, "3 % of 100 would say 3 people");
        assert_eq!(percent(Cell::of(10), Cell::of(4)), None);
        assert_eq!(percent(Cell::of(7), Cell::of(0)), None);
        assert_eq!(percent(Cell::of(73), Cell::of(1000)), Some(7.3));
        assert_eq!(percent(Cell::of(1), Cell::of(3)), None);
        assert_eq!(percent(Cell::of(5), Cell::of(15)), Some(33.3));
    }

    #[test]
    fn the_default_range_is_the_last_twelve_months() {
        let range = parse_range(None, None, day(2026, 12, 3)).unwrap();
        assert_eq!((range.first.key(), range.last.key()), ("2026-01".into(), "2026-12".into()));
        assert_eq!(range.months().len(), 12);
        assert_eq!(range.days(), (day(2026, 1, 1), day(2027, 1, 1)));
        let early = parse_range(None, None, day(2024, 5, 20)).unwrap();
        assert_eq!(early.first, FIRST_MONTH, "not before the first month with data");
    }

    #[test]
    fn a_range_of_a_hundred_years_or_backwards_or_malformed_is_refused() {
        let today = day(2026, 12, 3);
        let problem = |from, to| parse_range(Some(from), Some(to), today).unwrap_err();
        assert_eq!(problem("1926-01", "2026-12"), AppError::invalid(Field::Month, InputProblem::OutOfRange));
        assert!(parse_range(Some("2024-01"), Some("2026-12"), today).is_ok(), "36 months");
        let later = parse_range(Some("2024-01"), Some("2027-01"), day(2027, 6, 3)).unwrap_err();
        assert_eq!(later, AppError::invalid(Field::Month, InputProblem::TooLong), "37 months");
        assert_eq!(problem("2026-05", "2026-03"), AppError::invalid(Field::Month, InputProblem::OutOfRange));
        assert_eq!(problem("2026-03", "2027-01"), AppError::invalid(Field::Month, InputProblem::OutOfRange));
        for malformed in ["2026-13", "26-03", "2026/03", "9999999999-01", "2026-3"] {
            assert_eq!(problem(malformed, "2026-12"), AppError::invalid(Field::Month, InputProblem::Malformed));
        }
        let single = parse_range(Some("2026-11"), Some("2026-11"), today).unwrap();
        assert_eq!(single.months(), vec![Month { year: 2026, month: 11 }]);
    }

    fn small_report() -> Dashboard {
        let month = Month { year: 2026, month: 11 };
        Dashboard {
            district: None,
            districts: Vec::new(),
            range: MonthRange { first: month, last: month },
            residents: Cell::of(12),
            new_residents: vec![(month, Cell::of(12))],
            age_bands: AgeBand::ALL.into_iter().zip([0, 3, 9, 0]).map(|(band, n)| (band, Cell::of(n))).collect(),
            occupations: Occupation::ALL.into_iter().zip([6, 2, 0, 4]).map(|(o, n)| (o, Cell::of(n))).collect(),
            categories: vec![CategoryRow {
                name: Localized::new("Медиа", "Медиа", "Media"),
                enrolled: Cell::of(10),
                attended: Cell::of(7),
                waiting: Cell::of(1),
            }],
            booked_hours: vec![(RoomKind::RecordingStudio, 3)],
            quiz_sessions: Cell::of(0),
            holland: Vec::new(),
            visits: vec![(VisitPurpose::Studio, Cell::of(2))],
            by_district: Vec::new(),
        }
    }

    #[test]
    fn the_report_hides_small_counts_and_their_shares_in_every_table() {
        let report = small_report();
        assert_eq!(report.neither_percent(), None, "a share when one group is hidden would give it away");
        let tables = tables(&report, Locale::en);
        let courses = tables.iter().find(|table| table.id == "courses").unwrap();
        assert_eq!(courses.rows[0].cells, ["10", "7", "70.0 %", "<5"]);
        let ages = tables.iter().find(|table| table.id == "age-bands").unwrap();
        assert_eq!(ages.rows.iter().map(|row| row.cells[0].as_str()).collect::<Vec<_>>(), ["0", "<5", "9", "0"]);
        let rooms = tables.iter().find(|table| table.id == "rooms").unwrap();
        assert_eq!(rooms.rows[0].cells, ["3"], "hours are not people: shown as they are");
        assert!(tables.iter().any(|table| table.id == "districts"), "the city view compares districts");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_csv_has_every_table_one_width_and_the_same_hidden_counts() {
        let csv = dashboard_csv(&small_report(), Locale::en).unwrap();
        let widths: std::collections::BTreeSet<usize> = csv.lines().map(|line| line.split(',').count()).collect();
        assert_eq!(widths.len(), 1, "{csv}");
        assert!(csv.contains("Study and work,Neither studying nor working,<5,"), "{csv}");
        assert!(csv.contains("Front desk check-ins,Studio,<5,"), "{csv}");
        assert!(!csv.contains(",2,") && !csv.contains(",4,"), "{csv}");
    }

    #[test]
    fn chart_axes_top_at_a_round_number_above_the_largest_bar() {
        assert_eq!([0, 1, 3, 7, 10, 11, 49, 120, 999].map(axis_top), [1, 1, 5, 10, 10, 20, 50, 200, 1000]);
        assert_eq!(axis_top(i64::MAX - 1), i64::MAX);
        assert_eq!(bar_length(Cell::of(50), 200, 100.0), 25.0);
        assert_eq!(bar_length(Cell::of(3), 200, 100.0), 0.0, "a hidden count draws no bar");
        assert_eq!(bar_length(Cell::of(500), 200, 100.0), 100.0);
    }
}
