//! Shared components: language switch, filter forms, error messages.
mod filters;
mod form;
mod language;

pub use filters::{FilterForm, FilterOption, FilterSelect, submit_enclosing_form};
pub use form::{FieldError, FormError, form_error};
pub use language::{LanguageSwitcher, locale_from_code};

use crate::error::{AppError, InputProblem};
use crate::i18n::*;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

/// The translated, user-readable message for an error from a server function.
pub fn error_message(i18n: leptos_i18n::I18nContext<Locale>, error: &AppError) -> String {
    match error {
        AppError::NotFound => t_string!(i18n, error_not_found).to_string(),
        AppError::InvalidInput { field, problem } => invalid_input_message(i18n, field, *problem),
        AppError::Unauthenticated => t_string!(i18n, error_unauthenticated).to_string(),
        AppError::SignInFailed => t_string!(i18n, error_sign_in_failed).to_string(),
        AppError::TooManyAttempts => t_string!(i18n, error_too_many_attempts).to_string(),
        AppError::Forbidden => t_string!(i18n, error_forbidden).to_string(),
        AppError::Unavailable => t_string!(i18n, error_unavailable).to_string(),
        AppError::Request(_) => t_string!(i18n, error_request).to_string(),
    }
}

/// What is wrong with a field: a rule spelled out where a generic "check this field" would not help.
fn invalid_input_message(i18n: leptos_i18n::I18nContext<Locale>, field: &str, problem: InputProblem) -> String {
    use InputProblem::*;
    let specific = match (field, problem) {
        ("birth_date", OutOfRange) => Some(t_string!(i18n, rule_resident_age).to_string()),
        ("data_consent", Missing) => Some(t_string!(i18n, rule_data_consent).to_string()),
        ("guardian_name", Missing) => Some(t_string!(i18n, rule_guardian_name).to_string()),
        ("guardian_consent", Missing) => Some(t_string!(i18n, rule_guardian_consent).to_string()),
        ("contact" | "login", Taken) => Some(t_string!(i18n, rule_login_taken).to_string()),
        ("role", NotAllowed) => Some(t_string!(i18n, rule_role_not_allowed).to_string()),
        ("enrolment", Taken) => Some(t_string!(i18n, rule_already_enrolled).to_string()),
        ("course", OutOfRange) => Some(t_string!(i18n, rule_course_started).to_string()),
        ("course", Missing) => Some(t_string!(i18n, rule_course_unscheduled).to_string()),
        ("course", NotAllowed) => Some(t_string!(i18n, rule_course_over).to_string()),
        ("age_for_course", OutOfRange) => Some(t_string!(i18n, rule_course_age).to_string()),
        ("capacity", OutOfRange) => Some(t_string!(i18n, rule_capacity).to_string()),
        ("min_age" | "max_age", OutOfRange) => Some(t_string!(i18n, rule_course_ages).to_string()),
        ("riasec", Missing | Malformed) => Some(t_string!(i18n, rule_riasec).to_string()),
        ("description_ru", Missing) => Some(t_string!(i18n, rule_course_description).to_string()),
        ("room", Taken) => Some(t_string!(i18n, rule_room_taken).to_string()),
        ("room", Missing) => Some(t_string!(i18n, rule_room_needed).to_string()),
        ("date", OutOfRange) => Some(t_string!(i18n, rule_session_date).to_string()),
        ("ends", OutOfRange) => Some(t_string!(i18n, rule_session_length).to_string()),
        ("confirm_password", Malformed) | ("current_password", Malformed) => {
            Some(t_string!(i18n, rule_password_wrong).to_string())
        }
        _ => None,
    };
    specific.unwrap_or_else(|| {
        let problem = match problem {
            Missing => t_string!(i18n, problem_missing),
            TooShort => t_string!(i18n, problem_too_short),
            TooLong => t_string!(i18n, problem_too_long),
            Malformed => t_string!(i18n, problem_malformed),
            Unknown => t_string!(i18n, problem_unknown),
            OutOfRange => t_string!(i18n, problem_out_of_range),
            Taken => t_string!(i18n, problem_taken),
            NotAllowed => t_string!(i18n, problem_not_allowed),
        }
        .to_string();
        let field = field_label(i18n, field);
        t_string!(i18n, error_invalid_input, field, problem).to_string()
    })
}

/// The error a server function reported to a plain (no-WASM) form post: Leptos redirects back to
/// the form's page with `__path` (the function) and `__err` (the encoded error) in the query.
pub fn form_error_from_url(server_fn_path: &'static str) -> Memo<Option<AppError>> {
    use base64::Engine;
    let query = leptos_router::hooks::use_query_map();
    Memo::new(move |_| {
        let query = query.read();
        if query.get("__path").as_deref() != Some(server_fn_path) {
            return None;
        }
        let bytes = base64::engine::general_purpose::URL_SAFE.decode(query.get("__err")?).ok()?;
        Some(<AppError as leptos::server_fn::error::FromServerFnError>::de(leptos::server_fn::Bytes::from(bytes)))
    })
}

/// The translated name of a form field, as the user sees it next to the input.
fn field_label(i18n: leptos_i18n::I18nContext<Locale>, field: &str) -> String {
    match field {
        "district" => t_string!(i18n, district_label).to_string(),
        "page" => t_string!(i18n, page_label).to_string(),
        "category" => t_string!(i18n, category_label).to_string(),
        "language" => t_string!(i18n, language_of_instruction).to_string(),
        "format" => t_string!(i18n, format_label_title).to_string(),
        "age" => t_string!(i18n, age_label_filter).to_string(),
        "weekday" => t_string!(i18n, weekday_label).to_string(),
        "time" => t_string!(i18n, time_of_day_label).to_string(),
        "free" => t_string!(i18n, only_free_seats).to_string(),
        "q" => t_string!(i18n, search_courses_label).to_string(),
        "sort" => t_string!(i18n, sort_label).to_string(),
        "kind" => t_string!(i18n, room_kind_label).to_string(),
        "login" => t_string!(i18n, login_label).to_string(),
        "password" => t_string!(i18n, password_label).to_string(),
        "current_password" => t_string!(i18n, current_password_label).to_string(),
        "new_password" => t_string!(i18n, new_password_label).to_string(),
        "full_name" => t_string!(i18n, full_name_label).to_string(),
        "birth_date" => t_string!(i18n, birth_date_label).to_string(),
        "contact" => t_string!(i18n, contact_label).to_string(),
        "occupation" => t_string!(i18n, occupation_label).to_string(),
        "data_consent" => t_string!(i18n, data_consent_label).to_string(),
        "guardian_name" => t_string!(i18n, guardian_name_label).to_string(),
        "guardian_consent" => t_string!(i18n, guardian_consent_label).to_string(),
        "display_name" => t_string!(i18n, display_name_label).to_string(),
        "role" => t_string!(i18n, role_label).to_string(),
        "centre" => t_string!(i18n, centre_label).to_string(),
        "search" => t_string!(i18n, search_label).to_string(),
        "confirm_password" => t_string!(i18n, confirm_password_label).to_string(),
        "title_kk" => t_string!(i18n, title_kk_label).to_string(),
        "title_ru" => t_string!(i18n, title_ru_label).to_string(),
        "title_en" => t_string!(i18n, title_en_label).to_string(),
        "description_kk" => t_string!(i18n, description_kk_label).to_string(),
        "description_ru" => t_string!(i18n, description_ru_label).to_string(),
        "description_en" => t_string!(i18n, description_en_label).to_string(),
        "min_age" => t_string!(i18n, min_age_label).to_string(),
        "max_age" => t_string!(i18n, max_age_label).to_string(),
        "capacity" => t_string!(i18n, seats_label).to_string(),
        "instructor" => t_string!(i18n, instructor_label).to_string(),
        "riasec" => t_string!(i18n, riasec_label).to_string(),
        "date" => t_string!(i18n, session_date_label).to_string(),
        "starts" => t_string!(i18n, session_starts_label).to_string(),
        "ends" => t_string!(i18n, session_ends_label).to_string(),
        "room" => t_string!(i18n, room_label).to_string(),
        "weeks" => t_string!(i18n, session_weeks_label).to_string(),
        other => other.to_owned(),
    }
}

/// An absolute URL on this site, for link previews and calendar feeds (`PUBLIC_URL` on the server,
/// the page's own origin in the browser).
pub fn site_url(path: &str) -> String {
    #[cfg(feature = "ssr")]
    let origin = use_context::<crate::server::http::PublicUrl>().map(|url| url.0).unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{path}")
}

/// A translated error box, announced to screen readers.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice notice-error" role="alert">
            <strong>{t!(i18n, error_title)}</strong>
            <p>{move || error_message(i18n, &error)}</p>
        </div>
    }
}

/// A server function's result as a view: `ok` for the value, a translated notice for the error.
pub fn result_view<T, V: IntoView>(result: Result<T, AppError>, ok: impl FnOnce(T) -> V) -> impl IntoView {
    match result {
        Ok(value) => Either::Left(ok(value)),
        Err(error) => Either::Right(view! { <ErrorNotice error /> }),
    }
}

/// The translated "Loading…" line shown while a page's data arrives.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading">{t!(i18n, loading)}</p> }
}

/// The 404 page; also sets the HTTP status when rendered on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, not_found_title).to_string() />
        <section class="not-found">
            <h1>{t!(i18n, not_found_title)}</h1>
            <p>{t!(i18n, error_not_found)}</p>
            <p>
                <a href="/">{t!(i18n, go_home)}</a>
            </p>
        </section>
    }
}
