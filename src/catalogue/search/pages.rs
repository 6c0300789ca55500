//! The course catalogue: filters and text search kept in the URL, facet counts, and pages of results.
use super::api::{list_course_choices, list_courses};
use super::domain::{
    CourseCard, CourseFacets, CourseFilters, CoursePage, CourseSearch, CourseSort, SORTS, TIMES, TimeOfDay, WEEKDAYS,
};
use crate::forms::keys::{CourseFormat, FORMATS, InstructionLanguage, LANGUAGES, key_of};
use crate::i18n::*;
use crate::time::format_almaty;
use crate::ui::PageTitle;
use crate::ui::{FilterForm, FilterOption, FilterSelect, PageDescription, load, result_view, weekday_label};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn CoursesPage() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let raw_query = Memo::new(move |_| location.search.get());
    let parsed = Memo::new(move |_| CourseFilters::from_query_string(&raw_query.get()));
    // A refused query still fills the form with its valid filters, so mending one keeps the rest.
    let filters = Memo::new(move |_| {
        parsed.get().unwrap_or_else(|_| raw_query.with(|query| CourseFilters::valid_part_of_query(query)))
    });
    // Valid filters are requested in their canonical form; an invalid query goes as typed, and the
    // server names the bad field.
    let request = Memo::new(move |_| match parsed.get() {
        Ok(filters) => filters.to_query_string(),
        Err(_) => raw_query.get(),
    });
    let results = load(move || request.get(), list_courses);
    // The form's options: every category and district, once (the counts follow each search).
    let choices = load(|| (), |_| list_course_choices());
    let counts = RwSignal::new(CourseFacets::default());
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, courses_title), t_string!(i18n, site_name)) />
        <PageDescription text=Signal::derive(move || t_string!(i18n, meta_courses).to_string()) />
        <h1>{text!(i18n, courses_title)}</h1>
        <p class="lead">{text!(i18n, courses_lead)}</p>
        <FilterForm action="/courses">
            <SearchBox filters />
            <FilterDisclosure filters refused=parsed.with_untracked(Result::is_err)>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let choices = choices.await.unwrap_or_default();
                        view! { <CourseFilterFields choices counts filters /> }
                    })}
                </Suspense>
            </FilterDisclosure>
        </FilterForm>
        <Transition fallback=crate::ui::Loading>
            {move || Suspend::new(async move {
                result_view(results.await, move |search: CourseSearch| {
                    counts.set(search.facets);
                    view! { <CourseList page=search.results filters=filters.get_untracked() /> }
                })
            })}
        </Transition>
    }
}

/// The filter fields behind a "Filters (N)" button, so on a phone the results come first. A plain
/// `<details>`, so it opens without JavaScript; on wide screens the stylesheet shows the fields
/// open and hides the button, and the filter form's island opens it too for browsers without
/// `::details-content`.
/// When the server refused the URL's filters it starts open, so the field to mend is in sight.
#[component]
fn FilterDisclosure(filters: Memo<CourseFilters>, refused: bool, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details id="filter-panel" class="filter-panel" data-testid="filter-panel" open=refused>
            <summary class="button button-secondary">
                {move || {
                    let count = filters.with(CourseFilters::active_filter_count);
                    t_string!(i18n, filters_button, count).to_string()
                }}
            </summary>
            <div class="filter-fields">{children()}</div>
        </details>
    }
}

/// The text search: a GET field of the filter form, applied on Enter (or the "Show" button).
#[component]
fn SearchBox(filters: Memo<CourseFilters>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="filter filter-search">
            <label for="q-filter">{text!(i18n, search_courses_label)}</label>
            <input
                id="q-filter"
                type="search"
                name="q"
                maxlength="100"
                autocomplete="off"
                placeholder=text!(i18n, search_courses_placeholder)
                value=move || filters.get().query.unwrap_or_default()
            />
        </div>
    }
}

/// `label (count)` for a facet value; the count follows the latest results.
fn counted(name: String, count: impl Fn() -> Option<u64> + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(move || match count() {
        Some(count) => format!("{name} ({count})"),
        None => format!("{name} (0)"),
    })
}

#[component]
fn CourseFilterFields(
    choices: CourseFacets,
    counts: RwSignal<CourseFacets>,
    filters: Memo<CourseFilters>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let categories: Vec<FilterOption> = choices
        .categories
        .into_iter()
        .map(|facet| {
            let key = facet.key.clone();
            let label = counted(facet.name.get(locale).to_owned(), move || {
                counts.read().categories.iter().find(|c| c.key == key).map(|c| c.count)
            });
            (facet.key, label)
        })
        .collect();
    let districts: Vec<FilterOption> = choices
        .districts
        .into_iter()
        .map(|facet| {
            let key = facet.key.clone();
            let label = counted(facet.name.get(locale).to_owned(), move || {
                counts.read().districts.iter().find(|c| c.key == key).map(|c| c.count)
            });
            (facet.key, label)
        })
        .collect();
    let languages: Vec<FilterOption> = LANGUAGES
        .into_iter()
        .map(|(language, key)| {
            let label = counted(language_label(i18n, language), move || {
                counts.read().languages.iter().find(|c| c.key == language).map(|c| c.count)
            });
            (key.to_owned(), label)
        })
        .collect();
    let formats: Vec<FilterOption> = FORMATS
        .into_iter()
        .map(|(format, key)| {
            let label = counted(format_label(i18n, format), move || {
                counts.read().formats.iter().find(|c| c.key == format).map(|c| c.count)
            });
            (key.to_owned(), label)
        })
        .collect();
    let weekdays: Vec<FilterOption> = WEEKDAYS
        .into_iter()
        .map(|(weekday, key)| (key.to_owned(), Signal::derive(move || weekday_label(i18n, weekday))))
        .collect();
    let times: Vec<FilterOption> =
        TIMES.into_iter().map(|(time, key)| (key.to_owned(), Signal::derive(move || time_label(i18n, time)))).collect();
    let sorts: Vec<FilterOption> = SORTS
        .into_iter()
        .filter(|(sort, _)| *sort != CourseSort::default())
        .map(|(sort, key)| (key.to_owned(), Signal::derive(move || sort_label(i18n, sort))))
        .collect();
    let selected = |get: fn(&CourseFilters) -> Option<String>| Memo::new(move |_| get(&filters.get()));
    let label = |text: fn(leptos_i18n::I18nContext<Locale>) -> String| Signal::derive(move || text(i18n));
    view! {
        <FilterSelect name="category" label=label(|i| t_string!(i, category_label).to_string())
            all_label=label(|i| t_string!(i, all_categories).to_string()) options=categories
            selected=selected(|f| f.category.clone()) />
        <FilterSelect name="district" label=label(|i| t_string!(i, district_label).to_string())
            all_label=label(|i| t_string!(i, all_districts).to_string()) options=districts
            selected=selected(|f| f.district.clone()) />
        <FilterSelect name="language" label=label(|i| t_string!(i, language_of_instruction).to_string())
            all_label=label(|i| t_string!(i, any_language).to_string()) options=languages
            selected=selected(|f| f.language.map(|l| key_in(&LANGUAGES, l))) />
        <FilterSelect name="format" label=label(|i| t_string!(i, format_label_title).to_string())
            all_label=label(|i| t_string!(i, any_format).to_string()) options=formats
            selected=selected(|f| f.format.map(|x| key_in(&FORMATS, x))) />
        <FilterSelect name="weekday" label=label(|i| t_string!(i, weekday_label).to_string())
            all_label=label(|i| t_string!(i, any_day).to_string()) options=weekdays
            selected=selected(|f| f.weekday.map(|w| key_in(&WEEKDAYS, w))) />
        <FilterSelect name="time" label=label(|i| t_string!(i, time_of_day_label).to_string())
            all_label=label(|i| t_string!(i, any_time).to_string()) options=times
            selected=selected(|f| f.time_of_day.map(|t| key_in(&TIMES, t))) />
        <div class="filter">
            <label for="age-filter">{text!(i18n, my_age_label)}</label>
            <input id="age-filter" type="number" name="age" min="14" max="35" inputmode="numeric"
                value=move || filters.get().age.map(|age| age.to_string()).unwrap_or_default() />
        </div>
        <FilterSelect name="sort" label=label(|i| t_string!(i, sort_label).to_string())
            all_label=label(|i| t_string!(i, sort_soonest).to_string()) options=sorts
            selected=selected(|f| (f.sort != CourseSort::default()).then(|| key_in(&SORTS, f.sort))) />
        <label class="check filter-check">
            <input type="checkbox" name="free" value="1" checked=move || filters.get().only_free_seats />
            <span>{text!(i18n, only_free_seats)}</span>
        </label>
    }
}

fn key_in<T: PartialEq + Copy>(keys: &[(T, &'static str)], item: T) -> String {
    key_of(item, keys).to_owned()
}

fn time_label(i18n: leptos_i18n::I18nContext<Locale>, time: TimeOfDay) -> String {
    use TimeOfDay::*;
    match time {
        Morning => t_string!(i18n, time_morning),
        Afternoon => t_string!(i18n, time_afternoon),
        Evening => t_string!(i18n, time_evening),
    }
    .to_string()
}

fn sort_label(i18n: leptos_i18n::I18nContext<Locale>, sort: CourseSort) -> String {
    use CourseSort::*;
    match sort {
        Soonest => t_string!(i18n, sort_soonest),
        Newest => t_string!(i18n, sort_newest),
        SeatsLeft => t_string!(i18n, sort_seats_left),
    }
    .to_string()
}

#[component]
fn CourseList(page: CoursePage, filters: CourseFilters) -> impl IntoView {
    let i18n = use_i18n();
    let CoursePage { courses, page, total_pages, total } = page;
    let count = total;
    view! {
        <p class="result-count" aria-live="polite" data-testid="course-count">{t!(i18n, courses_count, count)}</p>
        {if courses.is_empty() {
            Either::Left(view! { <NothingFound filters=filters.clone() /> })
        } else {
            Either::Right(view! {
                <ul class="cards course-list" role="list">
                    {courses.into_iter().map(|course| view! { <CourseCardView course /> }).collect_view()}
                </ul>
            })
        }}
        <Pager page total_pages filters />
    }
}

/// The translated name of a filter, for the "drop this filter" links.
type FilterName = fn(leptos_i18n::I18nContext<Locale>) -> String;

/// An empty result names each active filter with a link that drops just that one.
#[component]
fn NothingFound(filters: CourseFilters) -> impl IntoView {
    let i18n = use_i18n();
    let base = CourseFilters { page: 1, ..filters };
    let mut relax: Vec<(CourseFilters, FilterName)> = Vec::new();
    if base.query.is_some() {
        relax.push((CourseFilters { query: None, ..base.clone() }, |i| t_string!(i, search_courses_label).to_string()));
    }
    if base.category.is_some() {
        relax.push((CourseFilters { category: None, ..base.clone() }, |i| t_string!(i, category_label).to_string()));
    }
    if base.district.is_some() || base.centre.is_some() {
        relax.push((CourseFilters { district: None, centre: None, ..base.clone() }, |i| {
            t_string!(i, district_label).to_string()
        }));
    }
    if base.language.is_some() {
        relax.push((CourseFilters { language: None, ..base.clone() }, |i| {
            t_string!(i, language_of_instruction).to_string()
        }));
    }
    if base.format.is_some() {
        relax.push((CourseFilters { format: None, ..base.clone() }, |i| t_string!(i, format_label_title).to_string()));
    }
    if base.age.is_some() {
        relax.push((CourseFilters { age: None, ..base.clone() }, |i| t_string!(i, my_age_label).to_string()));
    }
    if base.weekday.is_some() || base.time_of_day.is_some() {
        relax.push((CourseFilters { weekday: None, time_of_day: None, ..base.clone() }, |i| {
            t_string!(i, weekday_label).to_string()
        }));
    }
    if base.only_free_seats {
        relax.push((CourseFilters { only_free_seats: false, ..base.clone() }, |i| {
            t_string!(i, only_free_seats).to_string()
        }));
    }
    view! {
        <div class="empty" data-testid="nothing-found">
            <p>{if relax.is_empty() { text!(i18n, no_courses).into_any() } else { text!(i18n, no_courses_match).into_any() }}</p>
            <ul class="relax" role="list">
                {relax
                    .into_iter()
                    .map(|(relaxed, label)| {
                        view! {
                            <li>
                                <A href=format!("/courses?{}", relaxed.to_query_string())>{move || format!("✕ {}", label(i18n))}</A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn Pager(page: u32, total_pages: u32, filters: CourseFilters) -> impl IntoView {
    let i18n = use_i18n();
    let link = move |page: u32| format!("/courses?{}", CourseFilters { page, ..filters.clone() }.to_query_string());
    (total_pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=text!(i18n, pages_label)>
                {(page > 1).then(|| view! { <A href=link(page - 1)>{move || format!("← {}", t_string!(i18n, previous_page))}</A> })}
                <span>{t!(i18n, page_of, page, total = total_pages)}</span>
                {(page < total_pages).then(|| view! { <A href=link(page + 1)>{move || format!("{} →", t_string!(i18n, next_page))}</A> })}
            </nav>
        }
    })
}

pub fn language_label(i18n: leptos_i18n::I18nContext<Locale>, language: InstructionLanguage) -> String {
    match language {
        InstructionLanguage::Kazakh => t_string!(i18n, taught_in_kk),
        InstructionLanguage::Russian => t_string!(i18n, taught_in_ru),
        InstructionLanguage::English => t_string!(i18n, taught_in_en),
    }
    .to_string()
}

pub fn format_label(i18n: leptos_i18n::I18nContext<Locale>, format: CourseFormat) -> String {
    match format {
        CourseFormat::Offline => t_string!(i18n, format_offline),
        CourseFormat::Online => t_string!(i18n, format_online),
    }
    .to_string()
}

#[component]
fn CourseCardView(course: CourseCard) -> impl IntoView {
    let i18n = use_i18n();
    let CourseCard {
        slug,
        title,
        centre_slug,
        centre_name,
        district_name,
        category,
        language,
        format,
        min_age,
        max_age,
        capacity,
        seats_left,
        next_session,
        ..
    } = course;
    let next_session = format_almaty(next_session);
    view! {
        <li class="card course-card" data-testid="course-card">
            <p class="muted">{move || category.get(i18n.get_locale()).to_owned()}</p>
            <h2>
                <A href=format!("/courses/{slug}")>{move || title.get(i18n.get_locale()).to_owned()}</A>
            </h2>
            <p>
                <A href=format!("/centres/{centre_slug}")>{move || centre_name.get(i18n.get_locale()).to_owned()}</A>
                <span class="muted">{move || format!(" · {}", district_name.get(i18n.get_locale()))}</span>
            </p>
            <p>
                <strong>{text!(i18n, next_session)}": "</strong>
                <time>{next_session}</time>
            </p>
            <p class="facts">
                <span>{move || language_label(i18n, language)}</span>
                <span>{move || format_label(i18n, format)}</span>
                <span>{t!(i18n, age_range, min = min_age, max = max_age)}</span>
                <span>{t!(i18n, seats_left, left = seats_left, capacity)}</span>
            </p>
        </li>
    }
}
