//! The course list: upcoming courses across all centres, soonest first.
use super::api::list_courses;
use super::domain::{CourseCard, CourseFormat, CoursePage, InstructionLanguage};
use crate::i18n::*;
use crate::time::format_almaty;
use crate::ui::{Loading, result_view};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CoursesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = Memo::new(move |_| query.read().get("page"));
    let courses = Resource::new(move || page.get(), list_courses);
    view! {
        <Title text=move || format!("{} · {}", t_string!(i18n, courses_title), t_string!(i18n, site_name)) />
        <h1>{t!(i18n, courses_title)}</h1>
        <p class="lead">{t!(i18n, courses_lead)}</p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                result_view(courses.await, |page| view! { <CourseList page /> })
            })}
        </Transition>
    }
}

#[component]
fn CourseList(page: CoursePage) -> impl IntoView {
    let i18n = use_i18n();
    let CoursePage { courses, page, total_pages, total } = page;
    let count = total;
    view! {
        <p class="result-count" aria-live="polite" data-testid="course-count">{t!(i18n, courses_count, count)}</p>
        {if courses.is_empty() {
            Either::Left(view! { <p class="empty">{t!(i18n, no_courses)}</p> })
        } else {
            Either::Right(view! {
                <ul class="cards course-list" role="list">
                    {courses.into_iter().map(|course| view! { <CourseCardView course /> }).collect_view()}
                </ul>
            })
        }}
        <Pager page total_pages />
    }
}

#[component]
fn Pager(page: u32, total_pages: u32) -> impl IntoView {
    let i18n = use_i18n();
    (total_pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=move || t_string!(i18n, pages_label).to_string()>
                {(page > 1).then(|| view! { <A href=format!("/courses?page={}", page - 1)>{move || format!("← {}", t_string!(i18n, previous_page))}</A> })}
                <span>{t!(i18n, page_of, page, total = total_pages)}</span>
                {(page < total_pages).then(|| view! { <A href=format!("/courses?page={}", page + 1)>{move || format!("{} →", t_string!(i18n, next_page))}</A> })}
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
                <strong>{t!(i18n, next_session)}": "</strong>
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
