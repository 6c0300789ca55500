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

/// How much one kind of room was used in the range: hours of confirmed bookings and course
/// sessions against the hours its centres were open (hours, not people: never hidden).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomKindUse {
    pub kind: RoomKind,
    pub booked_hours: i64,
    pub open_hours: i64,
}

impl RoomKindUse {
    /// Booked hours as a share of open hours, one decimal; `None` when the rooms were never open.
    pub fn utilisation_percent(&self) -> Option<f64> {
        (self.open_hours > 0).then(|| (self.booked_hours as f64 * 1000.0 / self.open_hours as f64).round() / 10.0)
    }
}

/// One district's figures in the city view: the table beside the map, and what the map shades.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistrictRow {
    pub district: DistrictName,
    /// Registered by the end of the range.
    pub residents: Cell,
    pub new_residents: Cell,
    /// Enrolments made in the range at the district's centres.
    pub enrolled: Cell,
    pub check_ins: Cell,
    pub questionnaires: Cell,
}

/// What the city map shades the districts by (`measure` in the URL).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MapMeasure {
    #[default]
    Residents,
    NewResidents,
    Enrolled,
    CheckIns,
    Questionnaires,
}

impl MapMeasure {
    pub const ALL: [MapMeasure; 5] = [
        MapMeasure::Residents,
        MapMeasure::NewResidents,
        MapMeasure::Enrolled,
        MapMeasure::CheckIns,
        MapMeasure::Questionnaires,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            MapMeasure::Residents => "residents",
            MapMeasure::NewResidents => "new-residents",
            MapMeasure::Enrolled => "enrolled",
            MapMeasure::CheckIns => "check-ins",
            MapMeasure::Questionnaires => "questionnaires",
        }
    }

    /// The measure a link names; none named is residents, an unknown one is refused.
    pub fn parse(raw: Option<&str>) -> Result<MapMeasure, AppError> {
        match raw.map(str::trim).filter(|raw| !raw.is_empty()) {
            None => Ok(MapMeasure::default()),
            Some(raw) => MapMeasure::ALL
                .into_iter()
                .find(|measure| measure.slug() == raw)
                .ok_or(AppError::invalid(Field::Measure, InputProblem::Unknown)),
        }
    }

    pub fn of(self, row: &DistrictRow) -> Cell {
        match self {
            MapMeasure::Residents => row.residents,
            MapMeasure::NewResidents => row.new_residents,
            MapMeasure::Enrolled => row.enrolled,
            MapMeasure::CheckIns => row.check_ins,
            MapMeasure::Questionnaires => row.questionnaires,
        }
    }

    pub fn title(self, locale: Locale) -> String {
        match self {
            MapMeasure::Residents => td_string!(locale, dashboard_residents),
            MapMeasure::NewResidents => td_string!(locale, dashboard_new_in_period),
            MapMeasure::Enrolled => td_string!(locale, dashboard_enrolled),
            MapMeasure::CheckIns => td_string!(locale, dashboard_check_ins),
            MapMeasure::Questionnaires => td_string!(locale, dashboard_questionnaires),
        }
        .to_owned()
    }
}

/// Shades of the city map, darkest for the largest value.
pub const MAP_SHADES: u8 = 5;

/// A district's shade on the map: 0 for none, then 1 to [`MAP_SHADES`] in equal steps up to the
/// largest shown value; `None` for a hidden count (drawn apart, so no shade hints at it).
pub fn map_shade(value: Cell, largest: i64) -> Option<u8> {
    let value = value.shown()?;
    if value <= 0 || largest <= 0 {
        return Some(0);
    }
    let step = (value.min(largest) as f64 * f64::from(MAP_SHADES) / largest as f64).ceil();
    Some(step.clamp(1.0, f64::from(MAP_SHADES)) as u8)
}

/// Where a district sits on the schematic city map, in tiles of a 4 × 3 grid (column, row, width,
/// height): north at the top, the mountains to the south. Not to scale: districts differ in size
/// far more than a phone-width map could show, so each gets a tile big enough for its name.
pub fn map_tile(slug: &str) -> Option<(u8, u8, u8, u8)> {
    Some(match slug {
        "alatau" => (0, 0, 1, 2),
        "zhetysu" => (1, 0, 1, 1),
        "turksib" => (2, 0, 2, 1),
        "auezov" => (1, 1, 1, 1),
        "almaly" => (2, 1, 1, 1),
        "medeu" => (3, 1, 1, 2),
        "nauryzbay" => (0, 2, 1, 1),
        "bostandyk" => (1, 2, 2, 1),
        _ => return None,
    })
}

/// A point of a line chart: `None` where the count is hidden (the line breaks there, so a hidden
/// count is never implied by the line's shape).
pub fn line_points(values: &[Cell], top: i64, width: f64, height: f64) -> Vec<Option<(f64, f64)>> {
    let step = if values.len() > 1 { width / (values.len() - 1) as f64 } else { 0.0 };
    values
        .iter()
        .enumerate()
        .map(|(index, value)| {
            let value = value.shown()?;
            let y = if top > 0 { height - value.min(top) as f64 / top as f64 * height } else { height };
            Some((index as f64 * step, y))
        })
        .collect()
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
    /// Booked and open hours per kind of room.
    pub room_use: Vec<RoomKindUse>,
    pub quiz_sessions: Cell,
    /// Questionnaire results by the first letter of their Holland code.
    pub holland: Vec<(RiasecType, Cell)>,
    /// Desk check-ins by purpose (`Course`: attendance at a session).
    pub visits: Vec<(VisitPurpose, Cell)>,
    /// The districts side by side, for the city view only (empty for a district's report).
    pub by_district: Vec<DistrictRow>,
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

/// One table of the report, as the page shows it (with its chart) and the CSV writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The table's HTML id and its name in the CSV.
    pub id: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
    pub chart: Chart,
}

/// How the page draws a table's `bar` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// Horizontal bars, one per row.
    Bars,
    /// A line over the rows in order (months).
    Line,
    /// The schematic map of the districts (the city's district table).
    Map,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub label: String,
    pub cells: Vec<String>,
    /// What the chart draws for the row.
    pub bar: Bar,
}

/// A row's value in a chart: a count (hidden counts draw nothing) or a share of 100 %.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bar {
    Count(Cell),
    Percent(Option<f64>),
}

impl Bar {
    pub fn text(self) -> String {
        match self {
            Bar::Count(cell) => cell.text(),
            Bar::Percent(share) => shown_percent(share),
        }
    }

    /// The count a line or map uses (a share counts as hidden there: only bars draw shares).
    pub fn cell(self) -> Cell {
        match self {
            Bar::Count(cell) => cell,
            Bar::Percent(_) => Cell::FewerThanFive,
        }
    }
}

/// The top of the axis for a chart's bars: 100 % for shares, a round number for counts.
pub fn bars_top(bars: &[Bar]) -> f64 {
    if bars.iter().all(|bar| matches!(bar, Bar::Percent(_))) {
        return 100.0;
    }
    let largest = bars.iter().filter_map(|bar| bar.cell().shown()).max().unwrap_or(0);
    axis_top(largest) as f64
}

/// How long `bar` is on an axis of `length` units topping at `top`.
pub fn bar_extent(bar: Bar, top: f64, length: f64) -> f64 {
    match bar {
        // A count's axis is a whole number ([`axis_top`]).
        Bar::Count(cell) => bar_length(cell, top as i64, length),
        Bar::Percent(Some(share)) if top > 0.0 && share > 0.0 => share.min(top) / top * length,
        Bar::Percent(_) => 0.0,
    }
}

fn shown_percent(value: Option<f64>) -> String {
    value.map(|value| format!("{value:.1} %")).unwrap_or_else(|| "—".to_owned())
}

/// The report's tables in `locale`: the same rows for the page, its charts and the CSV.
pub fn tables(report: &Dashboard, locale: Locale) -> Vec<Table> {
    let count_rows = |rows: Vec<(String, Cell)>| {
        rows.into_iter()
            .map(|(label, cell)| TableRow { label, cells: vec![cell.text()], bar: Bar::Count(cell) })
            .collect()
    };
    let residents = td_string!(locale, dashboard_residents).to_owned();
    let mut tables = vec![
        Table {
            id: "new-residents",
            title: td_string!(locale, dashboard_new_residents).to_owned(),
            columns: vec![td_string!(locale, dashboard_month).to_owned(), residents.clone()],
            rows: count_rows(report.new_residents.iter().map(|(month, cell)| (month.key(), *cell)).collect()),
            chart: Chart::Line,
        },
        Table {
            id: "age-bands",
            title: td_string!(locale, dashboard_age_bands).to_owned(),
            columns: vec![td_string!(locale, card_check_age).to_owned(), residents.clone()],
            rows: count_rows(report.age_bands.iter().map(|(band, cell)| (band.label().to_owned(), *cell)).collect()),
            chart: Chart::Bars,
        },
        Table {
            id: "occupations",
            title: td_string!(locale, dashboard_occupations).to_owned(),
            columns: vec![td_string!(locale, occupation_label).to_owned(), residents.clone()],
            rows: count_rows(
                report.occupations.iter().map(|(occupation, cell)| (occupation.text(locale), *cell)).collect(),
            ),
            chart: Chart::Bars,
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
                    bar: Bar::Count(row.enrolled),
                })
                .collect(),
            chart: Chart::Bars,
        },
        Table {
            id: "rooms",
            title: td_string!(locale, dashboard_rooms).to_owned(),
            columns: vec![
                td_string!(locale, room_kind_label).to_owned(),
                td_string!(locale, dashboard_booked_hours).to_owned(),
                td_string!(locale, dashboard_open_hours).to_owned(),
                td_string!(locale, dashboard_utilisation).to_owned(),
            ],
            rows: report
                .room_use
                .iter()
                .map(|room_use| TableRow {
                    label: room_use.kind.text(locale),
                    cells: vec![
                        room_use.booked_hours.to_string(),
                        room_use.open_hours.to_string(),
                        shown_percent(room_use.utilisation_percent()),
                    ],
                    bar: Bar::Percent(room_use.utilisation_percent()),
                })
                .collect(),
            chart: Chart::Bars,
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
            chart: Chart::Bars,
        },
        Table {
            id: "visits",
            title: td_string!(locale, dashboard_visits).to_owned(),
            columns: vec![
                td_string!(locale, booker_purpose).to_owned(),
                td_string!(locale, dashboard_check_ins).to_owned(),
            ],
            rows: count_rows(report.visits.iter().map(|(purpose, cell)| (purpose.text(locale), *cell)).collect()),
            chart: Chart::Bars,
        },
    ];
    if report.district.is_none() {
        let mut columns = vec![td_string!(locale, district_label).to_owned()];
        columns.extend(MapMeasure::ALL.map(|measure| measure.title(locale)));
        tables.push(Table {
            id: "districts",
            title: td_string!(locale, dashboard_districts).to_owned(),
            columns,
            rows: report
                .by_district
                .iter()
                .map(|row| TableRow {
                    label: row.district.name.get(locale).to_owned(),
                    cells: MapMeasure::ALL.map(|measure| measure.of(row).text()).to_vec(),
                    bar: Bar::Count(row.residents),
                })
                .collect(),
            chart: Chart::Map,
        });
    }
    tables
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
        td_string!(locale, dashboard_value_5),
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
            room_use: vec![RoomKindUse { kind: RoomKind::RecordingStudio, booked_hours: 3, open_hours: 8 }],
            quiz_sessions: Cell::of(0),
            holland: Vec::new(),
            visits: vec![(VisitPurpose::Studio, Cell::of(2))],
            by_district: vec![DistrictRow {
                district: DistrictName {
                    slug: "medeu".into(), name: Localized::new("Медеу", "Медеу", "Medeu")
                },
                residents: Cell::of(12),
                new_residents: Cell::of(12),
                enrolled: Cell::of(3),
                check_ins: Cell::of(0),
                questionnaires: Cell::of(40),
            }],
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
        assert_eq!(rooms.rows[0].cells, ["3", "8", "37.5 %"], "hours are not people: shown as they are");
        let districts = tables.iter().find(|table| table.id == "districts").expect("the city view compares districts");
        assert_eq!(districts.rows[0].cells, ["12", "12", "<5", "0", "40"]);
        assert_eq!(districts.chart, Chart::Map);
    }

    #[test]
    fn utilisation_is_booked_over_open_hours_and_absent_when_never_open() {
        let room = |booked_hours, open_hours| RoomKindUse { kind: RoomKind::Classroom, booked_hours, open_hours };
        assert_eq!(room(30, 120).utilisation_percent(), Some(25.0));
        assert_eq!(room(1, 3).utilisation_percent(), Some(33.3));
        assert_eq!(room(5, 0).utilisation_percent(), None, "a room of a centre with no hours");
        assert_eq!(bars_top(&[Bar::Percent(Some(12.0)), Bar::Percent(None)]), 100.0, "shares are drawn against 100 %");
        assert_eq!(bar_extent(Bar::Percent(Some(25.0)), 100.0, 200.0), 50.0);
        assert_eq!(bars_top(&[Bar::Count(Cell::of(7)), Bar::Count(Cell::of(3))]), 10.0);
    }

    #[test]
    fn the_map_shades_in_equal_steps_and_never_shades_a_hidden_count() {
        assert_eq!(map_shade(Cell::of(100), 100), Some(MAP_SHADES));
        assert_eq!(map_shade(Cell::of(0), 100), Some(0));
        assert_eq!(map_shade(Cell::of(3), 100), None, "<5 gets its own grey");
        assert_eq!(map_shade(Cell::of(5), 100), Some(1), "the smallest shown count is shaded, not blank");
        assert_eq!(map_shade(Cell::of(41), 100), Some(3));
        assert_eq!(map_shade(Cell::of(40), 100), Some(2));
        assert_eq!(map_shade(Cell::of(0), 0), Some(0), "all zeros: no division by zero");
    }

    #[test]
    fn every_district_has_its_own_tile_inside_the_map() {
        let slugs = ["alatau", "almaly", "auezov", "bostandyk", "zhetysu", "medeu", "nauryzbay", "turksib"];
        let mut taken = std::collections::HashSet::new();
        for slug in slugs {
            let (column, row, width, height) = map_tile(slug).unwrap_or_else(|| panic!("{slug} has no tile"));
            assert!(column + width <= 4 && row + height <= 3, "{slug} lies outside the 4 × 3 grid");
            for cell in (column..column + width).flat_map(|c| (row..row + height).map(move |r| (c, r))) {
                assert!(taken.insert(cell), "{slug} overlaps another district at {cell:?}");
            }
        }
        assert_eq!(taken.len(), 12, "the tiles cover the grid");
        assert_eq!(map_tile("atlantis"), None);
    }

    #[test]
    fn a_map_measure_is_named_by_its_slug_and_an_unknown_one_is_refused() {
        assert_eq!(MapMeasure::parse(None), Ok(MapMeasure::Residents));
        assert_eq!(MapMeasure::parse(Some(" ")), Ok(MapMeasure::Residents));
        for measure in MapMeasure::ALL {
            assert_eq!(MapMeasure::parse(Some(measure.slug())), Ok(measure));
        }
        assert_eq!(MapMeasure::parse(Some("<script>")), Err(AppError::invalid(Field::Measure, InputProblem::Unknown)));
    }

    #[test]
    fn a_line_breaks_at_hidden_months_and_rises_with_the_count() {
        let points = line_points(&[Cell::of(0), Cell::of(10), Cell::of(2), Cell::of(20)], 20, 300.0, 100.0);
        assert_eq!(points, vec![Some((0.0, 100.0)), Some((100.0, 50.0)), None, Some((300.0, 0.0))]);
        assert_eq!(line_points(&[Cell::of(7)], 10, 300.0, 100.0), vec![Some((0.0, 30.0))], "one month: one dot");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_csv_has_every_table_one_width_and_the_same_hidden_counts() {
        let csv = dashboard_csv(&small_report(), Locale::en).unwrap();
        let widths: std::collections::BTreeSet<usize> = csv.lines().map(|line| line.split(',').count()).collect();
        assert_eq!(widths.len(), 1, "{csv}");
        assert!(csv.contains("Study and work,Neither studying nor working,<5,"), "{csv}");
        assert!(csv.contains("Front desk check-ins,Studio,<5,"), "{csv}");
        assert!(csv.contains("The districts side by side,Medeu,12,12,<5,0,40"), "{csv}");
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
