//! /courses/<slug>: everything about one course, with link-preview tags for sharing.
use super::api::get_course;
use super::domain::{CourseDetail, preview_text};
use crate::accounts::api::who_am_i;
use crate::accounts::domain::CurrentUser;
use crate::accounts::pages::sign_in_returning_to;
use crate::catalogue::search::pages::{format_label, language_label};
use crate::enrolment::api::{CancelEnrolment, Enrol, PlaceInCourse, my_place};
use crate::enrolment::pages::{EnrolButton, EnrolRefusal};
use crate::error::AppError;
use crate::i18n::*;
use crate::time::format_almaty;
use crate::ui::PageTitle;
use crate::ui::{FormError, Loaded, Loading, form_error, load, result_view, site_url};
use leptos::either::EitherOf5;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Shared-link preview image (1200×630, in public/).
const PREVIEW_IMAGE: &str = "/og-course.png";

/// Enrol and cancel, the course page's two forms (plain posts that come back to the page).
#[derive(Clone, Copy)]
struct EnrolmentActions {
    enrol: ServerAction<Enrol>,
    cancel: ServerAction<CancelEnrolment>,
}

/// What the page knows about the caller: their place in this course and who they are.
#[derive(Clone, Copy)]
struct CallerResources {
    place: Loaded<Result<PlaceInCourse, AppError>>,
    user: Loaded<Result<Option<CurrentUser>, AppError>>,
}

#[component]
pub fn CourseDetailPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let actions = EnrolmentActions { enrol: ServerAction::new(), cancel: ServerAction::new() };
    // Every resource of the page is made here, outside the Suspense that reads it. Async SSR renders a
    // Suspense's children more than once (a dry run looking for resources to wait for, then the real
    // render), so a resource made inside would be made once per pass: the dry-run copy belongs to an
    // owner dropped mid-request (a later fetch of it runs without the request: no session, "signed
    // out").
    let course = load(move || slug.get(), get_course);
    let caller = CallerResources { place: load(move || slug.get(), my_place), user: load(|| (), |_| who_am_i()) };
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                result_view(course.await, move |course| view! { <CourseView course actions caller /> })
            })}
        </Suspense>
    }
}

/// A link to the roster, shown to the staff of this course's centre and to admins (the roster's
/// server functions check the same rule; this only avoids showing a link that would be refused).
#[component]
fn RosterLink(slug: String, centre_id: i32, user: Loaded<Result<Option<CurrentUser>, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let slug = slug.clone();
                Suspend::new(async move {
                    let user = user.await.ok().flatten();
                    let is_staff = user.is_some_and(|user| user.manages_centre(centre_id));
                    is_staff.then(|| view! {
                        <p class="staff-links">
                            <A href=format!("/staff/courses/{slug}")>{text!(i18n, roster_link)}</A>
                            <A href=format!("/staff/courses/{slug}/edit")>{text!(i18n, edit_course_link)}</A>
                        </p>
                    })
                })
            }}
        </Suspense>
    }
}

/// The resident's own state in this course and the one action that fits it.
#[component]
fn EnrolPanel(
    slug: String,
    full: bool,
    actions: EnrolmentActions,
    place: Loaded<Result<PlaceInCourse, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let enrol_error = form_error(actions.enrol);
    let cancel_error = form_error(actions.cancel);
    view! {
        <section class="panel enrol-panel" data-testid="enrol-panel">
            <Suspense fallback=|| ()>
                {move || {
                    let slug = slug.clone();
                    Suspend::new(async move {
                        let place = place.await;
                        result_view(place, move |place| match place {
                            PlaceInCourse::NotAResident => EitherOf5::A(view! {
                                <p>{text!(i18n, enrol_sign_in_first)}</p>
                                <p class="actions">
                                    <A href=sign_in_returning_to(&format!("/courses/{slug}")) attr:class="button">{text!(i18n, sign_in)}</A>
                                    <A href="/register" attr:class="button button-secondary">{text!(i18n, register_link)}</A>
                                </p>
                            }),
                            PlaceInCourse::NotEnrolled => EitherOf5::B(view! {
                                <EnrolButton action=actions.enrol slug full />
                                {full.then(|| view! { <p class="hint">{text!(i18n, waitlist_explained)}</p> })}
                            }),
                            PlaceInCourse::Refused(refusal) => EitherOf5::C(view! { <EnrolRefusal refusal /> }),
                            PlaceInCourse::Enrolled => EitherOf5::D(view! {
                                <p class="notice notice-ok" role="status" data-testid="my-place">{text!(i18n, you_are_enrolled)}</p>
                                <CancelForm slug actions />
                            }),
                            PlaceInCourse::Waitlisted { place } => EitherOf5::E(view! {
                                <p class="notice" role="status" data-testid="my-place">{t!(i18n, you_are_waitlisted, place)}</p>
                                <CancelForm slug actions />
                            }),
                        })
                    })
                }}
            </Suspense>
            <FormError fields=&[] error=enrol_error />
            <FormError fields=&[] error=cancel_error />
        </section>
    }
}

#[component]
fn CancelForm(slug: String, actions: EnrolmentActions) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ActionForm action=actions.cancel>
            <input type="hidden" name="course" value=slug />
            <button type="submit" class="button button-secondary">{text!(i18n, cancel_enrolment)}</button>
        </ActionForm>
    }
}

/// OpenGraph and Twitter tags so a link shared in a messenger or social network shows a card.
#[component]
fn ShareTags(course: CourseDetail) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let title = course.title.get(locale).to_owned();
    let description = preview_text(course.description.get(locale), 200);
    let url = site_url(&format!("/courses/{}", course.slug));
    let image = site_url(PREVIEW_IMAGE);
    let site_name = t_string!(i18n, site_name).to_string();
    let og_locale = match locale {
        Locale::kk => "kk_KZ",
        Locale::ru => "ru_RU",
        Locale::en => "en_US",
    };
    view! {
        <Meta name="description" content=description.clone() />
        <Meta property="og:type" content="website" />
        <Meta property="og:site_name" content=site_name />
        <Meta property="og:title" content=title.clone() />
        <Meta property="og:description" content=description.clone() />
        <Meta property="og:url" content=url />
        <Meta property="og:image" content=image.clone() />
        <Meta property="og:image:width" content="1200" />
        <Meta property="og:image:height" content="630" />
        <Meta property="og:locale" content=og_locale />
        <Meta name="twitter:card" content="summary_large_image" />
        <Meta name="twitter:title" content=title />
        <Meta name="twitter:description" content=description />
        <Meta name="twitter:image" content=image />
    }
}

#[component]
fn CourseView(course: CourseDetail, actions: EnrolmentActions, caller: CallerResources) -> impl IntoView {
    let i18n = use_i18n();
    let share_tags = view! { <ShareTags course=course.clone() /> };
    let staff_link = view! { <RosterLink slug=course.slug.clone() centre_id=course.centre_id user=caller.user /> };
    let CourseDetail {
        slug,
        title,
        description,
        category,
        centre_slug,
        centre_name,
        centre_address,
        district_slug,
        district_name,
        language,
        format,
        min_age,
        max_age,
        capacity,
        seats_left,
        instructor,
        upcoming_sessions,
        ..
    } = course;
    let page_title = title.clone();
    let session_count = upcoming_sessions.len();
    view! {
        <PageTitle text=move || format!("{} · {}", page_title.get(i18n.get_locale()), t_string!(i18n, site_name)) />
        {share_tags}
        <article class="course-page">
            <p class="muted">
                <A href="/courses">{text!(i18n, courses_title)}</A>
                {move || format!(" / {}", category.get(i18n.get_locale()))}
            </p>
            <h1>{move || title.get(i18n.get_locale()).to_owned()}</h1>
            <p>
                <A href=format!("/centres/{centre_slug}")>{move || centre_name.get(i18n.get_locale()).to_owned()}</A>
                " · "
                <A href=format!("/centres?district={district_slug}")>
                    {move || district_name.get(i18n.get_locale()).to_owned()}
                </A>
            </p>
            <p class="muted">{move || centre_address.get(i18n.get_locale()).to_owned()}</p>
            <dl class="facts">
                <dt>{text!(i18n, instructor_label)}</dt>
                <dd>{instructor}</dd>
                <dt>{text!(i18n, language_of_instruction)}</dt>
                <dd>{move || language_label(i18n, language)}</dd>
                <dt>{text!(i18n, format_label_title)}</dt>
                <dd>{move || format_label(i18n, format)}</dd>
                <dt>{text!(i18n, ages_label)}</dt>
                <dd>{t!(i18n, age_range, min = min_age, max = max_age)}</dd>
                <dt>{text!(i18n, seats_label)}</dt>
                <dd data-testid="seats-left">{t!(i18n, seats_left, left = seats_left, capacity)}</dd>
            </dl>
            <EnrolPanel slug full=seats_left == 0 actions place=caller.place />
            {staff_link}
            <div class="description">
                {move || {
                    description
                        .get(i18n.get_locale())
                        .split("\n\n")
                        .map(|paragraph| view! { <p>{paragraph.to_owned()}</p> })
                        .collect_view()
                }}
            </div>
            <section>
                <h2>{t!(i18n, upcoming_sessions_title, count = session_count)}</h2>
                {if upcoming_sessions.is_empty() {
                    leptos::either::Either::Left(view! { <p class="empty">{text!(i18n, no_upcoming_sessions)}</p> })
                } else {
                    leptos::either::Either::Right(view! {
                        <ul class="sessions" role="list" data-testid="sessions">
                            {upcoming_sessions
                                .into_iter()
                                .map(|session| {
                                    let starts = format_almaty(session.starts_at);
                                    let ends = crate::time::to_almaty(session.ends_at).format("%H:%M").to_string();
                                    let room = session.room;
                                    view! {
                                        <li>
                                            <time datetime=session.starts_at.to_rfc3339()>{format!("{starts}–{ends}")}</time>
                                            {move || {
                                                room.as_ref().map(|room| format!(" · {}", room.get(i18n.get_locale())))
                                            }}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    })
                }}
            </section>
        </article>
    }
}
