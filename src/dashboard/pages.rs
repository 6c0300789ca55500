//! `/dashboard`: a district's (or, for admins, the city's) figures over a range of months, each
//! table with a server-rendered SVG bar chart beside it (hidden from screen readers, which read the
//! table) and one CSV download of every table.
use super::api::dashboard_report;
use super::domain::{
    Bar, CITY_NEET_PERCENT, Cell, Chart, Dashboard, DistrictRow, MAP_SHADES, MapMeasure, Table, axis_top, bar_extent,
    bars_top, line_points, map_shade, map_tile, tables,
};
use crate::i18n::*;
use crate::ui::{ErrorNotice, Loading, PageTitle, load};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Width of a chart in SVG units; it scales to the page, so it reads the same on a phone and on A4.
const CHART_WIDTH: f64 = 400.0;
/// Room for the number after the longest bar.
const VALUE_ROOM: f64 = 56.0;
/// One row: its label on a line, its bar under it.
const ROW_HEIGHT: f64 = 40.0;
/// Height of a line chart's plot, and room for its axis labels.
const LINE_HEIGHT: f64 = 160.0;
const LINE_MARGIN: f64 = 24.0;
/// One tile of the district map.
const TILE_WIDTH: f64 = 100.0;
const TILE_HEIGHT: f64 = 64.0;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|value| !value.is_empty());
    let report = load(
        move || (param("district"), param("from"), param("to")),
        |(district, from, to)| dashboard_report(district, from, to),
    );
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, dashboard_title), t_string!(i18n, site_name)) />
        <h1>{text!(i18n, dashboard_title)}</h1>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(report) => Either::Left(view! { <DashboardView report measure=Signal::derive(move || param("measure")) /> }),
                    // A range or district the form would not offer (a hand-edited link): say why,
                    // and offer the default report.
                    Err(error) => Either::Right(view! {
                        <ErrorNotice error />
                        <p><a href="/dashboard">{text!(i18n, dashboard_default)}</a></p>
                    }),
                }
            })}
        </Transition>
    }
}

#[component]
fn DashboardView(report: Dashboard, measure: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let scope = report.district.as_ref().map(|district| district.name.clone());
    let district_slug = report.district.as_ref().map(|district| district.slug.clone()).unwrap_or_default();
    let (first, last) = (report.range.first.key(), report.range.last.key());
    let csv_link = {
        let (district, first, last) = (district_slug.clone(), first.clone(), last.clone());
        move || {
            let mut query = form_urlencoded::Serializer::new(String::new());
            if !district.is_empty() {
                query.append_pair("district", &district);
            }
            query.append_pair("from", &first).append_pair("to", &last);
            query.append_pair("lang", leptos_i18n::Locale::as_str(i18n.get_locale()));
            format!("/dashboard.csv?{}", query.finish())
        }
    };
    let neither = report.neither_percent();
    let residents = report.residents;
    let quiz_sessions = report.quiz_sessions;
    let report = StoredValue::new(report);
    view! {
        <p class="lead" data-testid="dashboard-scope">
            {move || match &scope {
                Some(name) => name.get(i18n.get_locale()).to_owned(),
                None => t_string!(i18n, dashboard_city).to_owned(),
            }}
            {format!(" · {first} – {last}")}
        </p>
        <form method="get" action="/dashboard" class="filters dashboard-filters">
            {report.with_value(|report| (!report.districts.is_empty()).then(|| {
                let districts = report.districts.clone();
                let chosen = district_slug.clone();
                view! {
                    <div class="filter">
                        <label for="dashboard-district">{text!(i18n, district_label)}</label>
                        <select id="dashboard-district" name="district">
                            <option value="" selected=chosen.is_empty()>{text!(i18n, dashboard_city)}</option>
                            {districts.into_iter().map(|district| {
                                let name = district.name;
                                let selected = district.slug == chosen;
                                view! { <option value=district.slug selected=selected>{move || name.get(i18n.get_locale()).to_owned()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                }
            }))}
            <div class="filter">
                <label for="dashboard-from">{text!(i18n, dashboard_from)}</label>
                <input id="dashboard-from" name="from" type="month" value=first.clone() />
            </div>
            <div class="filter">
                <label for="dashboard-to">{text!(i18n, dashboard_to)}</label>
                <input id="dashboard-to" name="to" type="month" value=last.clone() />
            </div>
            <button type="submit" class="button">{text!(i18n, dashboard_show)}</button>
        </form>
        <p>
            <a class="button button-secondary" href=csv_link download data-testid="dashboard-csv">{text!(i18n, dashboard_csv)}</a>
        </p>
        <ul class="dashboard-facts" role="list">
            <li>
                <strong data-testid="dashboard-residents">{residents.text()}</strong>
                " "
                {text!(i18n, dashboard_registered)}
            </li>
            <li>
                <strong>{quiz_sessions.text()}</strong>
                " "
                {text!(i18n, quiz_sessions_title)}
            </li>
            <li>
                <strong>{neither.map(|value| format!("{value:.1} %")).unwrap_or_else(|| "—".to_owned())}</strong>
                " "
                {t!(i18n, dashboard_neither, city = format!("{CITY_NEET_PERCENT:.1} %"))}
            </li>
        </ul>
        <p class="hint">{text!(i18n, dashboard_small_counts)}</p>
        {move || {
            let locale = i18n.get_locale();
            report.with_value(|report| tables(report, locale)).into_iter().map(|table| {
                let map = (table.chart == Chart::Map).then(|| {
                    let (rows, range) = report.with_value(|report| {
                        (report.by_district.clone(), (report.range.first.key(), report.range.last.key()))
                    });
                    view! { <DistrictMap rows measure range /> }.into_any()
                });
                view! { <TableSection table map /> }
            }).collect_view()
        }}
    }
}

#[component]
fn TableSection(table: Table, map: Option<AnyView>) -> impl IntoView {
    let Table { id, title, columns, rows, chart } = table;
    let bars: Vec<(String, Bar)> = rows.iter().map(|row| (row.label.clone(), row.bar)).collect();
    let heading = format!("{id}-title");
    let chart = match (chart, map) {
        (Chart::Map, Some(map)) => map,
        (Chart::Line, _) => view! { <LineChart points=bars /> }.into_any(),
        _ => view! { <BarChart bars /> }.into_any(),
    };
    view! {
        <section class="panel dashboard-table" id=id>
            <h2 id=heading.clone()>{title}</h2>
            {chart}
            // Focusable, so a keyboard can scroll a table wider than a phone.
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby=heading.clone()>
                <table class="accounts">
                    <thead>
                        <tr>{columns.into_iter().map(|column| view! { <th scope="col">{column}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|row| view! {
                            <tr>
                                <th scope="row">{row.label}</th>
                                {row.cells.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Horizontal bars, one per row, on an axis that tops at a round number (or at 100 % for shares).
/// The table beside it has the same numbers, so the chart is hidden from screen readers.
#[component]
fn BarChart(bars: Vec<(String, Bar)>) -> impl IntoView {
    let top = bars_top(&bars.iter().map(|(_, bar)| *bar).collect::<Vec<_>>());
    let height = bars.len() as f64 * ROW_HEIGHT + 4.0;
    let length = CHART_WIDTH - VALUE_ROOM;
    view! {
        <svg class="chart" viewBox=format!("0 0 {CHART_WIDTH} {height}") aria-hidden="true" focusable="false">
            {bars.into_iter().enumerate().map(|(index, (label, bar))| {
                let y = index as f64 * ROW_HEIGHT;
                let extent = bar_extent(bar, top, length);
                view! {
                    <text x="0" y=y + 14.0 class="chart-label">{label}</text>
                    <rect x="0" y=y + 19.0 width=extent height="14" rx="2" class="chart-bar"></rect>
                    <text x=extent + 6.0 y=y + 31.0 class="chart-value">{bar.text()}</text>
                }
            }).collect_view()}
        </svg>
    }
}

/// A line through the rows in order (months), with a dot per shown value; the line breaks where a
/// count is hidden. The first and last labels mark the period, the axis its top and zero.
#[component]
fn LineChart(points: Vec<(String, Bar)>) -> impl IntoView {
    let cells: Vec<Cell> = points.iter().map(|(_, bar)| bar.cell()).collect();
    let top = axis_top(cells.iter().filter_map(|cell| cell.shown()).max().unwrap_or(0));
    let plot_width = CHART_WIDTH - 2.0 * LINE_MARGIN;
    let placed = line_points(&cells, top, plot_width, LINE_HEIGHT);
    // Runs of consecutive shown points, each drawn as one polyline.
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for point in &placed {
        match point {
            Some(point) => runs.last_mut().into_iter().for_each(|run| run.push(*point)),
            None => runs.push(Vec::new()),
        }
    }
    let lines: Vec<String> = runs
        .into_iter()
        .filter(|run| run.len() > 1)
        .map(|run| {
            run.iter().map(|(x, y)| format!("{:.1},{:.1}", x + LINE_MARGIN, y + 8.0)).collect::<Vec<_>>().join(" ")
        })
        .collect();
    let (first, last) = (points.first().map(|(label, _)| label.clone()), points.last().map(|(label, _)| label.clone()));
    let height = LINE_HEIGHT + 8.0 + LINE_MARGIN;
    let axis_y = LINE_HEIGHT + 8.0;
    view! {
        <svg class="chart chart-line" viewBox=format!("0 0 {CHART_WIDTH} {height}") aria-hidden="true" focusable="false">
            <line x1=LINE_MARGIN y1="8" x2=LINE_MARGIN y2=axis_y class="chart-axis"></line>
            <line x1=LINE_MARGIN y1=axis_y x2=CHART_WIDTH - LINE_MARGIN y2=axis_y class="chart-axis"></line>
            <text x="0" y="14" class="chart-value">{top}</text>
            <text x="0" y=axis_y class="chart-value">"0"</text>
            {lines.into_iter().map(|points| view! { <polyline points=points class="chart-line-path"></polyline> }).collect_view()}
            {placed.into_iter().flatten().map(|(x, y)| view! {
                <circle cx=x + LINE_MARGIN cy=y + 8.0 r="3.5" class="chart-dot"></circle>
            }).collect_view()}
            <text x=LINE_MARGIN y=height - 4.0 class="chart-label">{first}</text>
            <text x=CHART_WIDTH - LINE_MARGIN y=height - 4.0 text-anchor="end" class="chart-label">{last}</text>
        </svg>
    }
}

/// The city's districts on a schematic map, shaded by the measure the URL names; a form (a plain
/// GET, so it works without WASM) picks the measure. An unknown measure says so and draws no map.
#[component]
fn DistrictMap(rows: Vec<DistrictRow>, measure: Signal<Option<String>>, range: (String, String)) -> impl IntoView {
    let i18n = use_i18n();
    move || district_map(i18n, rows.clone(), MapMeasure::parse(measure.get().as_deref()), range.clone())
}

fn district_map(
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    rows: Vec<DistrictRow>,
    chosen: Result<MapMeasure, crate::error::AppError>,
    (from, to): (String, String),
) -> impl IntoView {
    let selected = chosen.clone().unwrap_or_default();
    let picker = view! {
        <form method="get" action="/dashboard#districts" class="filters dashboard-filters">
            <input type="hidden" name="from" value=from />
            <input type="hidden" name="to" value=to />
            <div class="filter">
                <label for="dashboard-measure">{text!(i18n, dashboard_map_measure)}</label>
                <select id="dashboard-measure" name="measure">
                    {MapMeasure::ALL.into_iter().map(|measure| view! {
                        <option value=measure.slug() selected=measure == selected>
                            {move || measure.title(i18n.get_locale())}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{text!(i18n, dashboard_show)}</button>
        </form>
    };
    let map = match chosen {
        Err(error) => Either::Left(view! { <ErrorNotice error /> }),
        Ok(measure) => {
            let largest = rows.iter().filter_map(|row| measure.of(row).shown()).max().unwrap_or(0);
            let width = 4.0 * TILE_WIDTH;
            let height = 3.0 * TILE_HEIGHT + 56.0;
            let legend_y = 3.0 * TILE_HEIGHT + 12.0;
            let legend_step = width / f64::from(MAP_SHADES + 2);
            Either::Right(view! {
                <figure class="district-map">
                    <svg class="chart" viewBox=format!("0 0 {width} {height}") aria-hidden="true" focusable="false" data-testid="district-map">
                        {rows.into_iter().filter_map(|row| {
                            let (column, line, columns, lines) = map_tile(&row.district.slug)?;
                            let value = measure.of(&row);
                            let shade = map_shade(value, largest)
                                .map(|shade| format!("map-tile map-shade-{shade}"))
                                .unwrap_or_else(|| "map-tile map-shade-hidden".to_owned());
                            let (x, y) = (f64::from(column) * TILE_WIDTH, f64::from(line) * TILE_HEIGHT);
                            let (w, h) = (f64::from(columns) * TILE_WIDTH, f64::from(lines) * TILE_HEIGHT);
                            let name = row.district.name;
                            Some(view! {
                                <g class=shade data-district=row.district.slug>
                                    <rect x=x + 1.0 y=y + 1.0 width=w - 2.0 height=h - 2.0 rx="4"></rect>
                                    <text x=x + w / 2.0 y=y + h / 2.0 - 2.0 text-anchor="middle" class="map-name">
                                        {move || short_name(name.get(i18n.get_locale()))}
                                    </text>
                                    <text x=x + w / 2.0 y=y + h / 2.0 + 14.0 text-anchor="middle" class="map-value">
                                        {value.text()}
                                    </text>
                                </g>
                            })
                        }).collect_view()}
                        {(0..=MAP_SHADES).map(|shade| view! {
                            <rect x=f64::from(shade) * legend_step y=legend_y width=legend_step - 4.0 height="10"
                                class=format!("map-tile map-shade-{shade}")></rect>
                        }).collect_view()}
                        <rect x=f64::from(MAP_SHADES + 1) * legend_step y=legend_y width=legend_step - 4.0 height="10"
                            class="map-tile map-shade-hidden"></rect>
                        <text x="0" y=legend_y + 24.0 class="chart-label">{move || t_string!(i18n, dashboard_map_none).to_owned()}</text>
                        <text x=f64::from(MAP_SHADES) * legend_step + legend_step - 4.0 y=legend_y + 24.0 text-anchor="end" class="chart-label">{largest}</text>
                        // On a line of its own: beside the largest value it would run into it.
                        <text x=width - 4.0 y=legend_y + 40.0 text-anchor="end" class="chart-label">{move || t_string!(i18n, dashboard_map_hidden).to_owned()}</text>
                    </svg>
                    <figcaption class="hint">
                        {move || t_string!(i18n, dashboard_map_caption, measure = measure.title(i18n.get_locale())).to_string()}
                    </figcaption>
                </figure>
            })
        }
    };
    view! { {picker} {map} }.into_any()
}

/// A district's name as the map writes it: the first word ("Алмалы ауданы" → "Алмалы"), which is
/// the district's own name in all three languages.
fn short_name(name: &str) -> String {
    name.split_whitespace().next().unwrap_or(name).to_owned()
}
