//! Staff pages: the centre's courses, a new course, and editing a course with its sessions.
use super::api::{AddSessions, CreateCourse, RemoveSession, UpdateCourse, list_staff_courses, load_course_editor};
use super::domain::{
    CourseEditor, CourseForm, DESCRIPTION_MAX_LEN, EditedCourse, INSTRUCTOR_LEN, MAX_WEEKS, PlannedSession,
    StaffCourseRow, StaffCourses, TITLE_LEN,
};
use crate::catalogue::search::pages::{format_label, language_label};
use crate::enrolment::domain::MAX_COURSE_CAPACITY;
use crate::error::{AppError, Field};
use crate::forms::age::{MAX_RESIDENT_AGE, MIN_RESIDENT_AGE};
use crate::forms::keys::{CourseFormat, FORMATS, LANGUAGES, key_of};
use crate::i18n::*;
use crate::time::{format_almaty, to_almaty};
use crate::ui::PageTitle;
use crate::ui::{FieldError, FormError, Loading, SubmitsOnChange, form_error, load, result_view};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

fn page_title(i18n: leptos_i18n::I18nContext<Locale>, title: String) -> String {
    format!("{title} · {}", t_string!(i18n, site_name))
}

/// The roster download in the language the page is shown in.
fn roster_csv_href(i18n: leptos_i18n::I18nContext<Locale>, slug: &str) -> String {
    format!("/staff/courses/{slug}/roster.csv?lang={}", leptos_i18n::Locale::as_str(i18n.get_locale()))
}

#[component]
pub fn StaffCoursesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let centre = Memo::new(move |_| query.read().get("centre").filter(|slug| !slug.is_empty()));
    let list = load(move || centre.get(), list_staff_courses);
    view! {
        <PageTitle text=move || page_title(i18n, t_string!(i18n, staff_courses_title).to_string()) />
        <h1>{text!(i18n, staff_courses_title)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move { result_view(list.await, |list| view! { <StaffCourseList list /> }) })}
        </Suspense>
    }
}

#[component]
fn StaffCourseList(list: StaffCourses) -> impl IntoView {
    let i18n = use_i18n();
    let StaffCourses { centre, other_centres, courses } = list;
    let centre_name = centre.name.clone();
    let new_course = format!("/staff/new-course?centre={}", centre.slug);
    let switch = (!other_centres.is_empty()).then(|| {
        let current = centre.slug.clone();
        view! {
            <SubmitsOnChange>
                <form method="get" action="/staff/courses" class="filters">
                    <div class="filter">
                        <label for="centre-switch">{text!(i18n, centre_label)}</label>
                        <select id="centre-switch" name="centre">
                            {other_centres
                                .into_iter()
                                .map(|option| {
                                    let selected = option.slug == current;
                                    let name = option.name;
                                    view! {
                                        <option value=option.slug selected=selected>
                                            {move || name.get(i18n.get_locale()).to_owned()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button no-js-only">{text!(i18n, apply_filter)}</button>
                </form>
            </SubmitsOnChange>
        }
    });
    let empty = courses.is_empty();
    view! {
        {switch}
        <p class="lead">{move || centre_name.get(i18n.get_locale()).to_owned()}</p>
        <p>
            <A href=new_course attr:class="button">{text!(i18n, new_course_link)}</A>
        </p>
        {empty.then(|| view! { <p>{text!(i18n, no_centre_courses)}</p> })}
        {(!empty).then(|| view! {
            <div class="table-scroll">
                <table class="accounts" data-testid="staff-courses">
                    <thead>
                        <tr>
                            <th scope="col">{text!(i18n, course_label)}</th>
                            <th scope="col">{text!(i18n, next_session)}</th>
                            <th scope="col">{text!(i18n, seats_label)}</th>
                            <th scope="col">{text!(i18n, waiting_label)}</th>
                            <th scope="col">{text!(i18n, actions_label)}</th>
                        </tr>
                    </thead>
                    <tbody>{courses.into_iter().map(|row| view! { <StaffCourseLine row /> }).collect_view()}</tbody>
                </table>
            </div>
        })}
    }
}

#[component]
fn StaffCourseLine(row: StaffCourseRow) -> impl IntoView {
    let i18n = use_i18n();
    let StaffCourseRow { slug, title, capacity, seats_taken, waitlisted, next_session, upcoming_sessions } = row;
    let csv_slug = slug.clone();
    view! {
        <tr data-testid=format!("staff-course-{slug}")>
            <td>
                <A href=format!("/courses/{slug}")>{move || title.get(i18n.get_locale()).to_owned()}</A>
            </td>
            <td>
                {match next_session {
                    Some(next) => {
                        view! {
                            {format_almaty(next)}
                            <br />
                            <span class="hint">{t!(i18n, sessions_ahead, count = upcoming_sessions)}</span>
                        }
                            .into_any()
                    }
                    None => view! { <span class="hint">{text!(i18n, no_upcoming_sessions)}</span> }.into_any(),
                }}
            </td>
            <td>{format!("{seats_taken} / {capacity}")}</td>
            <td>{waitlisted}</td>
            <td>
                <div class="staff-links">
                    <A href=format!("/staff/courses/{slug}/edit")>{text!(i18n, edit_course_link)}</A>
                    <A href=format!("/staff/courses/{slug}")>{text!(i18n, roster_title)}</A>
                    <a href=move || roster_csv_href(i18n, &csv_slug) download>{text!(i18n, roster_csv_link)}</a>
                </div>
            </td>
        </tr>
    }
}

const COURSE_FIELDS: &[Field] = &[
    Field::Category,
    Field::TitleKk,
    Field::TitleRu,
    Field::TitleEn,
    Field::DescriptionKk,
    Field::DescriptionRu,
    Field::DescriptionEn,
    Field::Language,
    Field::Format,
    Field::MinAge,
    Field::MaxAge,
    Field::Capacity,
    Field::Instructor,
    Field::Riasec,
];

#[component]
pub fn NewCoursePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || page_title(i18n, t_string!(i18n, new_course_title).to_string()) />
        <h1>{text!(i18n, new_course_title)}</h1>
        <NewCourseForm />
    }
}

/// The new course's form. A lazy island, so a refused field is explained in place with everything
/// typed kept.
#[cfg_attr(not(feature = "csr"), island(lazy))]
#[cfg_attr(feature = "csr", component)]
fn NewCourseForm() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let centre = Memo::new(move |_| query.read().get("centre").filter(|slug| !slug.is_empty()));
    let editor = load(move || centre.get(), |centre| load_course_editor(centre, None));
    let create = ServerAction::<CreateCourse>::new();
    let error = form_error(create);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                result_view(editor.await, move |editor| {
                    let centre_name = editor.centre.name.clone();
                    view! {
                        <p class="lead">{move || centre_name.get(i18n.get_locale()).to_owned()}</p>
                        <p class="hint">{text!(i18n, new_course_hint)}</p>
                        <ActionForm action=create attr:class="stack-form course-form">
                            <input type="hidden" name="centre" value=editor.centre.slug.clone() />
                            <CourseFields editor values=CourseForm::default() error />
                            <FormError fields=COURSE_FIELDS error />
                            <button type="submit" class="button">{text!(i18n, create_course_submit)}</button>
                        </ActionForm>
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn EditCoursePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    view! {
        <PageTitle text=move || page_title(i18n, t_string!(i18n, edit_course_title).to_string()) />
        <h1>{text!(i18n, edit_course_title)}</h1>
        {move || view! { <CourseEditing slug=slug.get() /> }}
    }
}

/// A course's form and its sessions. A lazy island: saving, adding and removing sessions answer in
/// place.
#[cfg_attr(not(feature = "csr"), island(lazy))]
#[cfg_attr(feature = "csr", component)]
fn CourseEditing(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let slug = Memo::new(move |_| slug.clone());
    let update = ServerAction::<UpdateCourse>::new();
    let add = ServerAction::<AddSessions>::new();
    let remove = ServerAction::<RemoveSession>::new();
    // The form is loaded once per course, so a refused save keeps what the user typed; the
    // sessions and seat counts reload after every change.
    let editor = load(move || slug.get(), |slug| load_course_editor(None, Some(slug)));
    let current = load(
        move || (slug.get(), update.version().get(), add.version().get(), remove.version().get()),
        |(slug, ..)| load_course_editor(None, Some(slug)),
    );
    let error = form_error(update);
    let saved = move || match update.value().get() {
        Some(Ok(0)) => Some(t_string!(i18n, course_saved).to_string()),
        Some(Ok(promoted)) => Some(t_string!(i18n, course_saved_promoted, count = promoted).to_string()),
        _ => None,
    };
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                result_view(editor.await, move |editor| {
                    let Some(course) = editor.course.clone() else {
                        return leptos::either::Either::Left(view! { <crate::ui::ErrorNotice error=AppError::NotFound /> });
                    };
                    let slug = course.slug.clone();
                    let form_slug = slug.clone();
                    let rooms = editor.rooms.clone();
                    let format = course.format;
                    leptos::either::Either::Right(view! {
                        <CourseLinks slug=slug.clone() current=StaffCourseView::Edit />
                        <ActionForm action=update attr:class="stack-form course-form">
                            <input type="hidden" name="course" value=form_slug />
                            <CourseFields editor values=course.form error />
                            <FormError fields=COURSE_FIELDS error />
                            {move || saved().map(|text| view! { <p class="notice notice-ok" role="status">{text}</p> })}
                            <button type="submit" class="button">{text!(i18n, save)}</button>
                        </ActionForm>
                        <section class="panel" aria-labelledby="sessions-heading">
                            <h2 id="sessions-heading">{text!(i18n, sessions_title)}</h2>
                            <Transition fallback=Loading>
                                {move || Suspend::new(async move {
                                    let sessions = current.await.map(|editor| editor.course);
                                    result_view(sessions, move |course| {
                                        course.map(|course| view! { <SessionTable course remove /> })
                                    })
                                })}
                            </Transition>
                            <AddSessionForm slug rooms format add />
                        </section>
                    })
                })
            })}
        </Suspense>
    }
}

/// Which staff page of a course [`CourseLinks`] stands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffCourseView {
    Edit,
    Roster,
}

/// Links between a course's public page and its staff pages, the current one marked. Plain links,
/// not the router's: in islands mode they are drawn inside an island, where no router runs.
#[component]
pub fn CourseLinks(slug: String, current: StaffCourseView) -> impl IntoView {
    let i18n = use_i18n();
    let csv_slug = slug.clone();
    let marked = move |view: StaffCourseView| (current == view).then_some("page");
    view! {
        <p class="staff-links">
            <a href="/staff/courses">{text!(i18n, staff_courses_title)}</a>
            <a href=format!("/courses/{slug}")>{text!(i18n, course_page_link)}</a>
            <a href=format!("/staff/courses/{slug}/edit") aria-current=marked(StaffCourseView::Edit)>{text!(i18n, edit_course_link)}</a>
            <a href=format!("/staff/courses/{slug}") aria-current=marked(StaffCourseView::Roster)>{text!(i18n, roster_title)}</a>
            <a href=move || roster_csv_href(i18n, &csv_slug) download>{text!(i18n, roster_csv_link)}</a>
        </p>
    }
}

/// The course's fields, filled with `values`; the names (`form[...]`) map onto [`CourseForm`].
#[component]
fn CourseFields(editor: CourseEditor, values: CourseForm, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let CourseEditor { categories, .. } = editor;
    let category = values.category.clone();
    let language = values.language.clone();
    let format = values.format.clone();
    let late_enrolment = values.late_enrolment.is_some();
    let title_max = *TITLE_LEN.end();
    view! {
        <label for="course-category">{text!(i18n, category_label)}</label>
        <select id="course-category" name="form[category]" required aria-describedby="category-error">
            <option value="">{text!(i18n, choose_option)}</option>
            {categories
                .into_iter()
                .map(|choice| {
                    let selected = choice.value == category;
                    let label = choice.label;
                    view! {
                        <option value=choice.value selected=selected>
                            {move || label.get(i18n.get_locale()).to_owned()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
        <FieldError field=Field::Category error />
        <TextInput field=Field::TitleKk label=Signal::derive(move || t_string!(i18n, title_kk_label).to_string()) value=values.title_kk
            error required=true lang="kk" maxlength=title_max />
        <TextInput field=Field::TitleRu label=Signal::derive(move || t_string!(i18n, title_ru_label).to_string()) value=values.title_ru
            error required=true lang="ru" maxlength=title_max />
        <TextInput field=Field::TitleEn label=Signal::derive(move || t_string!(i18n, title_en_label).to_string()) value=values.title_en
            error lang="en" maxlength=title_max />
        <p class="hint">{text!(i18n, course_languages_hint)}</p>
        <TextArea field=Field::DescriptionKk label=Signal::derive(move || t_string!(i18n, description_kk_label).to_string())
            value=values.description_kk error lang="kk" />
        <TextArea field=Field::DescriptionRu label=Signal::derive(move || t_string!(i18n, description_ru_label).to_string())
            value=values.description_ru error lang="ru" />
        <TextArea field=Field::DescriptionEn label=Signal::derive(move || t_string!(i18n, description_en_label).to_string())
            value=values.description_en error lang="en" />
        <label for="course-language">{text!(i18n, language_of_instruction)}</label>
        <select id="course-language" name="form[language]" required aria-describedby="language-error">
            {LANGUAGES
                .into_iter()
                .map(|(choice, key)| view! {
                    <option value=key selected=language == key>{move || language_label(i18n, choice)}</option>
                })
                .collect_view()}
        </select>
        <FieldError field=Field::Language error />
        <label for="course-format">{text!(i18n, format_label_title)}</label>
        <select id="course-format" name="form[format]" required aria-describedby="format-error">
            {FORMATS
                .into_iter()
                .map(|(choice, key)| {
                    // Offline until the form says otherwise.
                    let selected = if choice == CourseFormat::Offline { format != key_of(CourseFormat::Online, &FORMATS) } else { format == key };
                    view! { <option value=key selected=selected>{move || format_label(i18n, choice)}</option> }
                })
                .collect_view()}
        </select>
        <FieldError field=Field::Format error />
        <div class="field-row">
            <div>
                <NumberInput field=Field::MinAge label=Signal::derive(move || t_string!(i18n, min_age_label).to_string())
                    value=values.min_age error min=MIN_RESIDENT_AGE.into() max=MAX_RESIDENT_AGE.into() />
            </div>
            <div>
                <NumberInput field=Field::MaxAge label=Signal::derive(move || t_string!(i18n, max_age_label).to_string())
                    value=values.max_age error min=MIN_RESIDENT_AGE.into() max=MAX_RESIDENT_AGE.into() />
            </div>
            <div>
                <NumberInput field=Field::Capacity label=Signal::derive(move || t_string!(i18n, seats_label).to_string())
                    value=values.capacity error min=1 max=MAX_COURSE_CAPACITY />
            </div>
        </div>
        <TextInput field=Field::Instructor label=Signal::derive(move || t_string!(i18n, instructor_label).to_string())
            value=values.instructor error required=true maxlength=*INSTRUCTOR_LEN.end() />
        <TextInput field=Field::Riasec label=Signal::derive(move || t_string!(i18n, riasec_label).to_string()) value=values.riasec
            error required=true maxlength=8 hint=Signal::derive(move || t_string!(i18n, riasec_hint).to_string()) />
        <label class="check">
            <input type="checkbox" name="form[late_enrolment]" checked=late_enrolment />
            {text!(i18n, late_enrolment_label)}
        </label>
    }
}

#[component]
fn TextInput(
    field: Field,
    label: Signal<String>,
    value: String,
    error: Signal<Option<AppError>>,
    #[prop(optional)] required: bool,
    #[prop(optional)] lang: Option<&'static str>,
    maxlength: usize,
    #[prop(optional)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let id = format!("course-{field}");
    let described_by = if hint.is_some() { format!("{field}-hint {field}-error") } else { format!("{field}-error") };
    view! {
        <label for=id.clone()>{label}</label>
        {hint.map(|hint| view! { <p class="hint" id=format!("{field}-hint")>{hint}</p> })}
        <input id=id name=format!("form[{field}]") type="text" value=value required=required lang=lang
            maxlength=maxlength aria-describedby=described_by />
        <FieldError field error />
    }
}

#[component]
fn TextArea(
    field: Field,
    label: Signal<String>,
    value: String,
    error: Signal<Option<AppError>>,
    lang: &'static str,
) -> impl IntoView {
    let id = format!("course-{field}");
    view! {
        <label for=id.clone()>{label}</label>
        <textarea id=id name=format!("form[{field}]") rows="4" lang=lang maxlength=DESCRIPTION_MAX_LEN
            aria-describedby=format!("{field}-error")>{value}</textarea>
        <FieldError field error />
    }
}

#[component]
fn NumberInput(
    field: Field,
    label: Signal<String>,
    value: String,
    error: Signal<Option<AppError>>,
    min: i32,
    max: i32,
) -> impl IntoView {
    let id = format!("course-{field}");
    view! {
        <label for=id.clone()>{label}</label>
        <input id=id name=format!("form[{field}]") type="number" inputmode="numeric" value=value required min=min max=max
            aria-describedby=format!("{field}-error") />
        <FieldError field error />
    }
}

fn session_time(session: &PlannedSession) -> String {
    format!("{}–{}", format_almaty(session.starts_at), to_almaty(session.ends_at).format("%H:%M"))
}

#[component]
fn SessionTable(course: EditedCourse, remove: ServerAction<RemoveSession>) -> impl IntoView {
    let i18n = use_i18n();
    let error = form_error(remove);
    let EditedCourse { slug, upcoming_sessions, past_sessions, seats_taken, form, .. } = course;
    let capacity = form.capacity;
    let empty = upcoming_sessions.is_empty();
    view! {
        <p>{t!(i18n, roster_seats, taken = seats_taken, capacity = capacity.clone())}</p>
        {(past_sessions > 0).then(|| view! { <p class="hint">{t!(i18n, past_sessions_note, count = past_sessions)}</p> })}
        <FormError fields=&[] error />
        {empty.then(|| view! { <p>{text!(i18n, no_upcoming_sessions)}</p> })}
        {(!empty).then(|| view! {
            <div class="table-scroll">
                <table class="accounts" data-testid="sessions">
                    <thead>
                        <tr>
                            <th scope="col">{text!(i18n, session_time_label)}</th>
                            <th scope="col">{text!(i18n, room_label)}</th>
                            <th scope="col">{text!(i18n, actions_label)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {upcoming_sessions
                            .into_iter()
                            .map(|session| {
                                let when = session_time(&session);
                                let room = session.room.clone();
                                let slug = slug.clone();
                                view! {
                                    <tr>
                                        <td>{when}</td>
                                        <td>
                                            {move || match &room {
                                                Some(room) => room.get(i18n.get_locale()).to_owned(),
                                                None => t_string!(i18n, format_online).to_string(),
                                            }}
                                        </td>
                                        <td>
                                            <ActionForm action=remove attr:class="inline-form">
                                                <input type="hidden" name="course" value=slug />
                                                <input type="hidden" name="session_id" value=session.id />
                                                <button type="submit" class="button button-small">{text!(i18n, remove_session)}</button>
                                            </ActionForm>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}

const SESSION_FIELDS: &[Field] = &[Field::Date, Field::Starts, Field::Ends, Field::Room, Field::Weeks];

#[component]
fn AddSessionForm(
    slug: String,
    rooms: Vec<super::domain::Choice>,
    format: CourseFormat,
    add: ServerAction<AddSessions>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = form_error(add);
    let added = move || match add.value().get() {
        Some(Ok(count)) => Some(t_string!(i18n, sessions_added, count).to_string()),
        _ => None,
    };
    view! {
        <h3>{text!(i18n, add_sessions_title)}</h3>
        <p class="hint">{text!(i18n, add_sessions_hint)}</p>
        <ActionForm action=add attr:class="stack-form narrow">
            <input type="hidden" name="course" value=slug />
            <label for="session-date">{text!(i18n, session_date_label)}</label>
            <input id="session-date" name="session[date]" type="date" required aria-describedby="date-error" />
            <FieldError field=Field::Date error />
            <div class="field-row">
                <div>
                    <label for="session-starts">{text!(i18n, session_starts_label)}</label>
                    <input id="session-starts" name="session[starts]" type="time" required aria-describedby="starts-error" />
                    <FieldError field=Field::Starts error />
                </div>
                <div>
                    <label for="session-ends">{text!(i18n, session_ends_label)}</label>
                    <input id="session-ends" name="session[ends]" type="time" required aria-describedby="ends-error" />
                    <FieldError field=Field::Ends error />
                </div>
            </div>
            <label for="session-room">{text!(i18n, room_label)}</label>
            <select id="session-room" name="session[room]" aria-describedby="room-error">
                {match format {
                    CourseFormat::Online => view! { <option value="">{text!(i18n, format_online)}</option> }.into_any(),
                    CourseFormat::Offline => view! { <option value="">{text!(i18n, choose_option)}</option> }.into_any(),
                }}
                {rooms
                    .into_iter()
                    .map(|room| {
                        let label = room.label;
                        view! { <option value=room.value>{move || label.get(i18n.get_locale()).to_owned()}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldError field=Field::Room error />
            <label for="session-weeks">{text!(i18n, session_weeks_label)}</label>
            <input id="session-weeks" name="session[weeks]" type="number" inputmode="numeric" min="1" max=MAX_WEEKS
                value="1" aria-describedby="weeks-error" />
            <FieldError field=Field::Weeks error />
            <FormError fields=SESSION_FIELDS error />
            {move || added().map(|text| view! { <p class="notice notice-ok" role="status">{text}</p> })}
            <button type="submit" class="button">{text!(i18n, add_sessions_submit)}</button>
        </ActionForm>
    }
}
