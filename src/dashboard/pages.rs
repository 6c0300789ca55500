//! `/dashboard`: a district's (or, for admins, the city's) figures over a range of months, each
//! table with a server-rendered SVG bar chart beside it (hidden from screen readers, which read the
//! table) and one CSV download of every table.
use super::api::dashboard_report;
use super::domain::{CITY_NEET_PERCENT, Cell, Dashboard, Table, axis_top, bar_length, tables};
use crate::i18n::*;
use crate::ui::{ErrorNotice, Loading, PageTitle};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Width of a chart in SVG units; it scales to the page, so it reads the same on a phone and on A4.
const CHART_WIDTH: f64 = 400.0;
/// Room for the number after the longest bar.
const VALUE_ROOM: f64 = 56.0;
/// One row: its label on a line, its bar under it.
const ROW_HEIGHT: f64 = 40.0;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|value| !value.is_empty());
    let report = Resource::new(
        move || (param("district"), param("from"), param("to")),
        |(district, from, to)| dashboard_report(district, from, to),
    );
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, dashboard_title), t_string!(i18n, site_name)) />
        <h1>{t!(i18n, dashboard_title)}</h1>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(report) => Either::Left(view! { <DashboardView report /> }),
                    // A range or district the form would not offer (a hand-edited link): say why,
                    // and offer the default report.
                    Err(error) => Either::Right(view! {
                        <ErrorNotice error />
                        <p><a href="/dashboard">{t!(i18n, dashboard_default)}</a></p>
                    }),
                }
            })}
        </Transition>
    }
}

#[component]
fn DashboardView(report: Dashboard) -> impl IntoView {
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
                        <label for="dashboard-district">{t!(i18n, district_label)}</label>
                        <select id="dashboard-district" name="district">
                            <option value="" selected=chosen.is_empty()>{t!(i18n, dashboard_city)}</option>
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
                <label for="dashboard-from">{t!(i18n, dashboard_from)}</label>
                <input id="dashboard-from" name="from" type="month" value=first.clone() />
            </div>
            <div class="filter">
                <label for="dashboard-to">{t!(i18n, dashboard_to)}</label>
                <input id="dashboard-to" name="to" type="month" value=last.clone() />
            </div>
            <button type="submit" class="button">{t!(i18n, dashboard_show)}</button>
        </form>
        <p>
            <a class="button button-secondary" href=csv_link download data-testid="dashboard-csv">{t!(i18n, dashboard_csv)}</a>
        </p>
        <ul class="dashboard-facts" role="list">
            <li>
                <strong data-testid="dashboard-residents">{residents.text()}</strong>
                " "
                {t!(i18n, dashboard_registered)}
            </li>
            <li>
                <strong>{quiz_sessions.text()}</strong>
                " "
                {t!(i18n, quiz_sessions_title)}
            </li>
            <li>
                <strong>{neither.map(|value| format!("{value:.1} %")).unwrap_or_else(|| "—".to_owned())}</strong>
                " "
                {t!(i18n, dashboard_neither, city = format!("{CITY_NEET_PERCENT:.1} %"))}
            </li>
        </ul>
        <p class="hint">{t!(i18n, dashboard_small_counts)}</p>
        {move || {
            let locale = i18n.get_locale();
            report.with_value(|report| tables(report, locale)).into_iter().map(|table| view! { <TableSection table /> }).collect_view()
        }}
    }
}

#[component]
fn TableSection(table: Table) -> impl IntoView {
    let Table { id, title, columns, rows } = table;
    let bars: Vec<(String, Cell)> = rows.iter().map(|row| (row.label.clone(), row.bar)).collect();
    let heading = format!("{id}-title");
    view! {
        <section class="panel dashboard-table" id=id>
            <h2 id=heading.clone()>{title}</h2>
            <BarChart bars />
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

/// Horizontal bars, one per row, on an axis that tops at a round number. The table beside it
/// has the same numbers, so the chart is hidden from screen readers.
#[component]
fn BarChart(bars: Vec<(String, Cell)>) -> impl IntoView {
    let top = axis_top(bars.iter().filter_map(|(_, cell)| cell.shown()).max().unwrap_or(0));
    let height = bars.len() as f64 * ROW_HEIGHT + 4.0;
    let length = CHART_WIDTH - VALUE_ROOM;
    view! {
        <svg class="chart" viewBox=format!("0 0 {CHART_WIDTH} {height}") aria-hidden="true" focusable="false">
            {bars.into_iter().enumerate().map(|(index, (label, cell))| {
                let y = index as f64 * ROW_HEIGHT;
                let bar = bar_length(cell, top, length);
                view! {
                    <text x="0" y=y + 14.0 class="chart-label">{label}</text>
                    <rect x="0" y=y + 19.0 width=bar height="14" rx="2" class="chart-bar"></rect>
                    <text x=bar + 6.0 y=y + 31.0 class="chart-value">{cell.text()}</text>
                }
            }).collect_view()}
        </svg>
    }
}
