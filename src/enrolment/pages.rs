//! "My courses": the resident's enrolments and waitlist places with their next sessions (the
//! calendar room's subscription link follows it; `app.rs` puts the two together); and the Enrol
//! button every page offering a course shares.
use super::api::{CancelEnrolment, Enrol, my_courses};
use super::domain::{EnrolmentRefusal, EnrolmentStatus, MyEnrolment};
use crate::i18n::*;
use crate::time::format_almaty;
use crate::ui::PageTitle;
use crate::ui::{FormError, Loading, form_error, load, result_view};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn MyCoursesPage() -> impl IntoView {
    let i18n = use_i18n();
    let cancel = ServerAction::<CancelEnrolment>::new();
    let courses = load(|| (), |_| my_courses());
    let error = form_error(cancel);
    view! {
        <PageTitle text=move || format!("{} · {}", t_string!(i18n, my_courses_title), t_string!(i18n, site_name)) />
        <h1>{text!(i18n, my_courses_title)}</h1>
        <FormError fields=&[] error />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                result_view(courses.await, move |courses| {
                    if courses.is_empty() {
                        Either::Left(view! {
                            <p class="empty">{text!(i18n, no_my_courses)} " " <A href="/courses">{text!(i18n, nav_catalogue)}</A></p>
                        })
                    } else {
                        Either::Right(view! {
                            <ul class="cards" role="list">
                                {courses.into_iter().map(|enrolment| view! { <MyCourseCard enrolment cancel /> }).collect_view()}
                            </ul>
                        })
                    }
                })
            })}
        </Suspense>
    }
}

/// "Enrol", or "Join the waiting list" when the course is `full`: a plain form post to
/// `courses/enrol` (Leptos sends the browser back to the page it came from, where a refusal or the
/// new place shows). It always acts for the signed-in caller.
#[component]
pub fn EnrolButton(action: ServerAction<Enrol>, slug: String, full: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ActionForm action>
            <input type="hidden" name="course" value=slug />
            <button type="submit" class="button">
                {move || if full { t_string!(i18n, join_waitlist) } else { t_string!(i18n, enrol_button) }}
            </button>
        </ActionForm>
    }
}

/// Why the server would refuse this resident a place, in their words: "For ages 14–18: you are 22."
pub fn refusal_text(locale: Locale, refusal: EnrolmentRefusal) -> String {
    match refusal {
        EnrolmentRefusal::AgeOutOfRange { age, min_age, max_age } => {
            td_string!(locale, eligibility_age, min = min_age, max = max_age, age).to_string()
        }
        EnrolmentRefusal::CourseStarted => td_string!(locale, rule_course_started).to_string(),
        EnrolmentRefusal::CourseOver => td_string!(locale, rule_course_over).to_string(),
        EnrolmentRefusal::NoSchedule => td_string!(locale, rule_course_unscheduled).to_string(),
        EnrolmentRefusal::AlreadyActive(_) => td_string!(locale, rule_already_enrolled).to_string(),
    }
}

/// Shown where the Enrol button would be when the server would refuse it: the reason, not a
/// button that can only end in an error.
#[component]
pub fn EnrolRefusal(refusal: EnrolmentRefusal) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="notice notice-refusal" role="status" data-testid="eligibility">
            {move || refusal_text(i18n.get_locale(), refusal)}
        </p>
    }
}

#[component]
fn MyCourseCard(enrolment: MyEnrolment, cancel: ServerAction<CancelEnrolment>) -> impl IntoView {
    let i18n = use_i18n();
    let MyEnrolment { course_slug, course_title, centre_name, status, waitlist_place, next_sessions } = enrolment;
    let test_id = format!("my-course-{course_slug}");
    let href = format!("/courses/{course_slug}");
    view! {
        <li class="card" data-testid=test_id>
            <h2>
                <A href=href>{move || course_title.get(i18n.get_locale()).to_owned()}</A>
            </h2>
            <p class="muted">{move || centre_name.get(i18n.get_locale()).to_owned()}</p>
            <p class="status" data-testid="my-course-status">
                {move || match (status, waitlist_place) {
                    (EnrolmentStatus::Waitlisted, Some(place)) => t_string!(i18n, you_are_waitlisted, place).to_string(),
                    _ => t_string!(i18n, you_are_enrolled).to_string(),
                }}
            </p>
            <ul class="sessions" role="list">
                {next_sessions.into_iter().map(|start| view! { <li><time>{format_almaty(start)}</time></li> }).collect_view()}
            </ul>
            <ActionForm action=cancel>
                <input type="hidden" name="course" value=course_slug />
                <button type="submit" class="button button-secondary">{text!(i18n, cancel_enrolment)}</button>
            </ActionForm>
        </li>
    }
}
