//! Shared components: language switch, filter forms, print buttons, error messages.
mod filters;
mod form;
mod language;
mod loaded;
mod print;
mod text;

pub use filters::{FilterForm, FilterOption, FilterSelect, SubmitsOnChange};
pub use form::{FieldError, FormError, form_done, form_error};
pub use language::{LanguageSwitcher, locale_from_code};
pub use loaded::{Loaded, SliceJson, load};
pub use print::{PrintButton, Printable};
pub use text::text;

use crate::error::{AppError, Field, InputProblem};
use crate::i18n::*;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The translated, user-readable message for an error from a server function.
pub fn error_message(i18n: leptos_i18n::I18nContext<Locale>, error: &AppError) -> String {
    error_text(i18n.get_locale(), error)
}

/// The message for `error` in `locale`.
pub fn error_text(locale: Locale, error: &AppError) -> String {
    match error {
        AppError::NotFound => td_string!(locale, error_not_found).to_string(),
        AppError::InvalidInput { field, problem } => invalid_input_message(locale, *field, *problem),
        AppError::Unauthenticated => td_string!(locale, error_unauthenticated).to_string(),
        AppError::SignInFailed => td_string!(locale, error_sign_in_failed).to_string(),
        AppError::TooManyAttempts => td_string!(locale, error_too_many_attempts).to_string(),
        AppError::Forbidden => td_string!(locale, error_forbidden).to_string(),
        AppError::Unavailable => td_string!(locale, error_unavailable).to_string(),
        AppError::BadRequest => td_string!(locale, error_bad_request).to_string(),
        AppError::RequestFailed => td_string!(locale, error_request).to_string(),
        AppError::RoomInUse(in_use) => room_in_use_message(locale, in_use),
    }
}

/// "The room is in use then: «Podcast basics» (course session), Tue 2 Dec 14:00–15:30."
fn room_in_use_message(locale: Locale, in_use: &crate::error::InUse) -> String {
    use crate::error::InUseBy;
    let start = crate::time::to_almaty(in_use.starts_at);
    let end = crate::time::to_almaty(in_use.ends_at);
    let when = format!("{} {}–{}", start.format("%d.%m"), start.format("%H:%M"), end.format("%H:%M"));
    let what = match &in_use.by {
        InUseBy::CourseSession { title: Some(title) } => {
            let title = title.get(locale).to_owned();
            td_string!(locale, in_use_course_named, title).to_string()
        }
        InUseBy::CourseSession { title: None } => td_string!(locale, in_use_course).to_string(),
        InUseBy::Booking { purpose: Some(purpose) } => {
            let purpose = purpose.clone();
            td_string!(locale, in_use_booking_named, purpose).to_string()
        }
        InUseBy::Booking { purpose: None } => td_string!(locale, in_use_booking).to_string(),
    };
    td_string!(locale, error_room_in_use, what, when).to_string()
}

/// What is wrong with a field: a rule spelled out where a generic "check this field" would not help.
fn invalid_input_message(locale: Locale, field: Field, problem: InputProblem) -> String {
    use InputProblem::*;
    let specific = match (field, problem) {
        (Field::BirthDate, OutOfRange) => Some(td_string!(locale, rule_resident_age).to_string()),
        (Field::DataConsent, Missing) => Some(td_string!(locale, rule_data_consent).to_string()),
        (Field::GuardianName, Missing) => Some(td_string!(locale, rule_guardian_name).to_string()),
        (Field::GuardianConsent, Missing) => Some(td_string!(locale, rule_guardian_consent).to_string()),
        (Field::Contact | Field::Login, Taken) => Some(td_string!(locale, rule_login_taken).to_string()),
        (Field::Role, NotAllowed) => Some(td_string!(locale, rule_role_not_allowed).to_string()),
        (Field::Enrolment, Taken) => Some(td_string!(locale, rule_already_enrolled).to_string()),
        (Field::Course, OutOfRange) => Some(td_string!(locale, rule_course_started).to_string()),
        (Field::Course, Missing) => Some(td_string!(locale, rule_course_unscheduled).to_string()),
        (Field::Course, NotAllowed) => Some(td_string!(locale, rule_course_over).to_string()),
        (Field::AgeForCourse, OutOfRange) => Some(td_string!(locale, rule_course_age).to_string()),
        (Field::Capacity, OutOfRange) => Some(td_string!(locale, rule_capacity).to_string()),
        (Field::MinAge | Field::MaxAge, OutOfRange) => Some(td_string!(locale, rule_course_ages).to_string()),
        (Field::Riasec, Missing | Malformed) => Some(td_string!(locale, rule_riasec).to_string()),
        (Field::DescriptionRu, Missing) => Some(td_string!(locale, rule_course_description).to_string()),
        (Field::Room, Taken) => Some(td_string!(locale, rule_room_taken).to_string()),
        (Field::Room, Missing) => Some(td_string!(locale, rule_room_needed).to_string()),
        (Field::Date, OutOfRange) => Some(td_string!(locale, rule_session_date).to_string()),
        (Field::Ends, OutOfRange) => Some(td_string!(locale, rule_session_length).to_string()),
        (Field::Length, OutOfRange) => Some(td_string!(locale, rule_booking_length).to_string()),
        (Field::Starts, OutOfRange) => Some(td_string!(locale, rule_booking_past).to_string()),
        (Field::Date, TooLong) => Some(td_string!(locale, rule_booking_ahead).to_string()),
        (Field::OpeningHours, _) => Some(td_string!(locale, rule_booking_hours).to_string()),
        (Field::Attendees, OutOfRange) => Some(td_string!(locale, rule_booking_attendees).to_string()),
        (Field::Quota, OutOfRange) => Some(td_string!(locale, rule_booking_quota).to_string()),
        (Field::WeeklyLimit, _) => Some(td_string!(locale, rule_weekly_limit).to_string()),
        (Field::Room, NotAllowed) => Some(td_string!(locale, rule_booking_room_kind).to_string()),
        (Field::Status, NotAllowed) => Some(td_string!(locale, rule_booking_decided).to_string()),
        (Field::Status, OutOfRange) => Some(td_string!(locale, rule_booking_over).to_string()),
        (Field::Reason, Missing) => Some(td_string!(locale, rule_booking_reason).to_string()),
        (Field::RepeatUntil, OutOfRange) => Some(td_string!(locale, rule_booking_repeat_until).to_string()),
        (Field::RepeatEvery, OutOfRange) => Some(td_string!(locale, rule_booking_repeat_every).to_string()),
        (Field::Answers, TooLong | OutOfRange | Malformed) => Some(td_string!(locale, rule_quiz_answers).to_string()),
        (Field::Answers, Missing) => Some(td_string!(locale, rule_quiz_unfinished).to_string()),
        (Field::Consent, Missing) => Some(td_string!(locale, rule_quiz_consent).to_string()),
        (Field::Card, Malformed) => Some(td_string!(locale, rule_desk_card_malformed).to_string()),
        (Field::Session, OutOfRange) => Some(td_string!(locale, rule_desk_session_today).to_string()),
        (Field::Enrolment, Missing) => Some(td_string!(locale, rule_desk_not_enrolled).to_string()),
        (Field::Centre, Missing) => Some(td_string!(locale, rule_desk_centre).to_string()),
        (Field::Month, TooLong) => Some(td_string!(locale, rule_dashboard_range_length).to_string()),
        (Field::Month, OutOfRange) => Some(td_string!(locale, rule_dashboard_range).to_string()),
        (Field::ConfirmPassword, Malformed) | (Field::CurrentPassword, Malformed) => {
            Some(td_string!(locale, rule_password_wrong).to_string())
        }
        _ => None,
    };
    specific.unwrap_or_else(|| {
        let problem = match problem {
            Missing => td_string!(locale, problem_missing),
            TooShort => td_string!(locale, problem_too_short),
            TooLong => td_string!(locale, problem_too_long),
            Malformed => td_string!(locale, problem_malformed),
            Unknown => td_string!(locale, problem_unknown),
            OutOfRange => td_string!(locale, problem_out_of_range),
            Taken => td_string!(locale, problem_taken),
            NotAllowed => td_string!(locale, problem_not_allowed),
        }
        .to_string();
        match field_label(locale, field) {
            Some(field) => td_string!(locale, error_invalid_input, field, problem).to_string(),
            // A field name the UI does not know is never shown: it may come from a crafted link.
            None => td_string!(locale, error_invalid_input_unnamed, problem).to_string(),
        }
    })
}

/// The error a server function reported to a plain (no-WASM) form post: Leptos redirects back to
/// the form's page with `__path` (the function) and `__err` (the encoded error) in the query.
pub fn form_error_from_url(server_fn_path: &'static str) -> Memo<Option<AppError>> {
    let query = leptos_router::hooks::use_query_map();
    Memo::new(move |_| {
        let query = query.read();
        if query.get("__path").as_deref() != Some(server_fn_path) {
            return None;
        }
        error_from_url(&query.get("__err")?)
    })
}

/// The query parameter that names the server function a plain (no-WASM) form post just ran
/// successfully (the server adds it to Leptos's redirect back: `server::plain_forms`).
pub const DONE_PARAMETER: &str = "__done";

/// Whether the page was reached by the redirect after a plain form post that `server_fn_path`
/// answered successfully, so it confirms what was done as it would after a call from the client.
/// Anyone can craft such a link: it shows one of our own fixed confirmations and nothing else.
pub fn form_done_from_url(server_fn_path: &'static str) -> Memo<bool> {
    let query = leptos_router::hooks::use_query_map();
    Memo::new(move |_| query.read().get(DONE_PARAMETER).as_deref() == Some(server_fn_path))
}

/// Decodes `__err`. Anyone can craft such a link, so only an `AppError` is accepted (anything else
/// shows nothing) and its message comes from our own texts (`error_text` names known fields only).
fn error_from_url(encoded: &str) -> Option<AppError> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::URL_SAFE.decode(encoded).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        // Its names are free text: a link keeps only the times and the kind of use.
        AppError::RoomInUse(in_use) => Some(AppError::RoomInUse(Box::new(in_use.without_names()))),
        error => Some(error),
    }
}

/// The translated name of a form field, as the user sees it next to the input.
fn field_label(locale: Locale, field: Field) -> Option<String> {
    match field {
        Field::District => Some(td_string!(locale, district_label).to_string()),
        Field::Page => Some(td_string!(locale, page_label).to_string()),
        Field::Category => Some(td_string!(locale, category_label).to_string()),
        Field::Language => Some(td_string!(locale, language_of_instruction).to_string()),
        Field::Format => Some(td_string!(locale, format_label_title).to_string()),
        Field::Age => Some(td_string!(locale, age_label_filter).to_string()),
        Field::Weekday => Some(td_string!(locale, weekday_label).to_string()),
        Field::Time => Some(td_string!(locale, time_of_day_label).to_string()),
        Field::Free => Some(td_string!(locale, only_free_seats).to_string()),
        Field::Q => Some(td_string!(locale, search_courses_label).to_string()),
        Field::Sort => Some(td_string!(locale, sort_label).to_string()),
        Field::Kind => Some(td_string!(locale, room_kind_label).to_string()),
        Field::Login => Some(td_string!(locale, login_label).to_string()),
        Field::Password => Some(td_string!(locale, password_label).to_string()),
        Field::CurrentPassword => Some(td_string!(locale, current_password_label).to_string()),
        Field::NewPassword => Some(td_string!(locale, new_password_label).to_string()),
        Field::FullName => Some(td_string!(locale, full_name_label).to_string()),
        Field::BirthDate => Some(td_string!(locale, birth_date_label).to_string()),
        Field::Contact => Some(td_string!(locale, contact_label).to_string()),
        Field::Occupation => Some(td_string!(locale, occupation_label).to_string()),
        Field::DataConsent => Some(td_string!(locale, data_consent_label).to_string()),
        Field::GuardianName => Some(td_string!(locale, guardian_name_label).to_string()),
        Field::GuardianConsent => Some(td_string!(locale, guardian_consent_label).to_string()),
        Field::DisplayName => Some(td_string!(locale, display_name_label).to_string()),
        Field::Role => Some(td_string!(locale, role_label).to_string()),
        Field::Centre => Some(td_string!(locale, centre_label).to_string()),
        Field::Search => Some(td_string!(locale, search_label).to_string()),
        Field::ConfirmPassword => Some(td_string!(locale, confirm_password_label).to_string()),
        Field::TitleKk => Some(td_string!(locale, title_kk_label).to_string()),
        Field::TitleRu => Some(td_string!(locale, title_ru_label).to_string()),
        Field::TitleEn => Some(td_string!(locale, title_en_label).to_string()),
        Field::DescriptionKk => Some(td_string!(locale, description_kk_label).to_string()),
        Field::DescriptionRu => Some(td_string!(locale, description_ru_label).to_string()),
        Field::DescriptionEn => Some(td_string!(locale, description_en_label).to_string()),
        Field::MinAge => Some(td_string!(locale, min_age_label).to_string()),
        Field::MaxAge => Some(td_string!(locale, max_age_label).to_string()),
        Field::Capacity => Some(td_string!(locale, seats_label).to_string()),
        Field::Instructor => Some(td_string!(locale, instructor_label).to_string()),
        Field::Riasec => Some(td_string!(locale, riasec_label).to_string()),
        Field::Date => Some(td_string!(locale, session_date_label).to_string()),
        Field::Starts => Some(td_string!(locale, session_starts_label).to_string()),
        Field::Ends => Some(td_string!(locale, session_ends_label).to_string()),
        Field::Room => Some(td_string!(locale, room_label).to_string()),
        Field::Weeks => Some(td_string!(locale, session_weeks_label).to_string()),
        Field::Attendees => Some(td_string!(locale, booker_attendees).to_string()),
        Field::Purpose => Some(td_string!(locale, booker_purpose).to_string()),
        Field::RepeatEvery => Some(td_string!(locale, booker_repeat_every).to_string()),
        Field::RepeatUntil => Some(td_string!(locale, booker_repeat_until).to_string()),
        Field::Reason => Some(td_string!(locale, booker_reason_label).to_string()),
        Field::Week => Some(td_string!(locale, booker_week_label).to_string()),
        Field::Length => Some(td_string!(locale, booker_length_label).to_string()),
        Field::Month => Some(td_string!(locale, usage_month_label).to_string()),
        Field::Measure => Some(td_string!(locale, dashboard_measure_label).to_string()),
        Field::Answers => Some(td_string!(locale, quiz_answers_label).to_string()),
        Field::Form => Some(td_string!(locale, quiz_form_label).to_string()),
        Field::AgeBand => Some(td_string!(locale, quiz_age_band_label).to_string()),
        Field::Resident => Some(td_string!(locale, quiz_resident_label).to_string()),
        Field::Card => Some(td_string!(locale, desk_card_label).to_string()),
        Field::Session => Some(td_string!(locale, desk_sessions_today).to_string()),
        _ => None,
    }
}

/// The translated name of a weekday.
pub fn weekday_label(i18n: leptos_i18n::I18nContext<Locale>, weekday: chrono::Weekday) -> String {
    use chrono::Weekday::*;
    match weekday {
        Mon => t_string!(i18n, weekday_mon),
        Tue => t_string!(i18n, weekday_tue),
        Wed => t_string!(i18n, weekday_wed),
        Thu => t_string!(i18n, weekday_thu),
        Fri => t_string!(i18n, weekday_fri),
        Sat => t_string!(i18n, weekday_sat),
        Sun => t_string!(i18n, weekday_sun),
    }
    .to_string()
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

/// A translated error box, announced to screen readers. "Something went wrong" heads real failures
/// only; a refusal (bad input, a rule, sign in first) is just its reason.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let failure = error.is_failure();
    let notice_class = if failure { "notice notice-error" } else { "notice notice-refusal" };
    view! {
        <div class=notice_class role="alert">
            {failure.then(|| view! { <strong>{text!(i18n, error_title)}</strong> })}
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

/// The page's `<title>`, in the active language (it follows a language switch in the browser).
#[component]
pub fn PageTitle<F>(text: F) -> impl IntoView
where
    F: Fn() -> String + Send + Sync + 'static,
{
    // leptos_meta reads the `<title>` after the page has rendered; a reactive title read then met
    // already disposed signals under load (a server panic in about 1 of 200 uncached catalogue
    // pages at 32 connections). The server needs the text once, so it takes it now.
    #[cfg(feature = "ssr")]
    let text = leptos::text_prop::TextProp::from(text());
    view! { <Title text /> }
}

/// The page's `<meta name="description">` in the reader's language: what search engines and
/// link previews show under the title.
#[component]
pub fn PageDescription(#[prop(into)] text: Signal<String>) -> impl IntoView {
    view! { <Meta name="description" content=move || text.get() /> }
}

/// The translated "Loading…" line shown while a page's data arrives.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading">{text!(i18n, loading)}</p> }
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
        <PageTitle text=move || t_string!(i18n, not_found_title).to_string() />
        <section class="not-found">
            <h1>{text!(i18n, not_found_title)}</h1>
            <p>{text!(i18n, error_not_found)}</p>
            <p>
                <a href="/">{text!(i18n, go_home)}</a>
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn link_error(error: &AppError) -> String {
        base64::engine::general_purpose::URL_SAFE.encode(serde_json::to_vec(error).expect("JSON"))
    }

    #[test]
    fn a_crafted_error_link_cannot_put_its_own_text_in_the_message_box() {
        // Field names are a closed set: a link naming any other "field" decodes to nothing, so no
        // message box shows at all.
        let planted = "Your account is blocked. Call +7 700 000 0000";
        let crafted = base64::engine::general_purpose::URL_SAFE
            .encode(serde_json::json!({"InvalidInput": {"field": planted, "problem": "Missing"}}).to_string());
        assert_eq!(error_from_url(&crafted), None);
        let genuine = link_error(&AppError::invalid(Field::Slug, InputProblem::Missing));
        for locale in [Locale::kk, Locale::ru, Locale::en] {
            let shown = error_text(locale, &error_from_url(&genuine).expect("a well-formed error"));
            let problem = td_string!(locale, problem_missing).to_string();
            assert_eq!(shown, td_string!(locale, error_invalid_input_unnamed, problem).to_string());
        }
    }

    #[test]
    fn known_fields_keep_their_names_and_garbage_links_show_nothing() {
        let shown = error_text(Locale::en, &AppError::invalid(Field::Password, InputProblem::TooLong));
        assert_eq!(shown, "“Password”: too long.");
        assert_eq!(error_from_url("not base64 at all!"), None);
        assert_eq!(error_from_url(&base64::engine::general_purpose::URL_SAFE.encode(b"\"<script>\"")), None);
    }
}
