//! The roster of a course for the staff of its centre: who holds a seat, who waits, who came.
use super::enrolment::RosterEntry;
use crate::error::AppError;
use crate::i18n::*;
use crate::localized::Localized;
use crate::ui::{FormError, Loading, form_error, result_view};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Roster {
    pub slug: String,
    pub title: Localized,
    pub capacity: i32,
    pub seats_taken: i32,
    pub entries: Vec<RosterEntry>,
}

#[server(endpoint = "courses/roster")]
pub async fn course_roster(course: String) -> Result<Roster, AppError> {
    let db = crate::server::database()?;
    let course = super::course_editing_api::course_for_staff(&db, &course).await?;
    let entries = super::enrolment_store::roster(&db, course.id).await?;
    Ok(Roster {
        slug: course.slug,
        title: Localized::new(course.title_kk, course.title_ru, course.title_en),
        capacity: course.capacity,
        seats_taken: course.seats_taken,
        entries,
    })
}

/// Marks (or unmarks) an enrolled resident as having attended.
#[server(endpoint = "courses/mark_attended")]
pub async fn mark_attended(course: String, resident_id: i32, attended: bool) -> Result<(), AppError> {
    let db = crate::server::database()?;
    let course = super::course_editing_api::course_for_staff(&db, &course).await?;
    super::enrolment_store::mark_attended(&db, course.id, resident_id, attended).await.or_else(crate::server::fail)
}

/// "Enrolled" or the place on the waiting list, on the page and in the CSV alike.
fn roster_status(locale: Locale, waitlist_place: Option<u32>) -> String {
    match waitlist_place {
        Some(place) => td_string!(locale, roster_waiting, place).to_string(),
        None => td_string!(locale, roster_enrolled).to_string(),
    }
}

/// The roster as a spreadsheet file: UTF-8 with a byte-order mark, without which Excel shows
/// Cyrillic names as mojibake. Headers and statuses are in the staff member's language.
#[cfg(feature = "ssr")]
pub fn roster_csv(entries: &[RosterEntry], locale: Locale) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    writer.write_record([
        td_string!(locale, full_name_label).to_string(),
        td_string!(locale, phone_label).to_string(),
        td_string!(locale, email_label).to_string(),
        td_string!(locale, roster_status).to_string(),
        td_string!(locale, roster_attended).to_string(),
    ])?;
    for entry in entries {
        let status = roster_status(locale, entry.waitlist_place);
        let attended = if entry.attended { td_string!(locale, yes) } else { td_string!(locale, no) };
        writer.write_record([
            entry.full_name.as_str(),
            entry.phone.as_deref().unwrap_or_default(),
            entry.email.as_deref().unwrap_or_default(),
            &status,
            attended,
        ])?;
    }
    let bytes = writer.into_inner().map_err(|error| error.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(feature = "ssr")]
#[derive(serde::Deserialize)]
pub struct DownloadQuery {
    lang: Option<String>,
}

/// `GET /staff/courses/<slug>/roster.csv?lang=`: a plain download link (works without WASM), so
/// it is an axum route that checks the session itself, with the same rule as the roster page.
#[cfg(feature = "ssr")]
pub async fn roster_download(
    axum::extract::State(db): axum::extract::State<sea_orm::DatabaseConnection>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    axum::extract::Query(query): axum::extract::Query<DownloadQuery>,
    session: tower_sessions::Session,
) -> axum::response::Response {
    use crate::server::entities::course;
    use axum::http::{HeaderValue, StatusCode, header};
    use axum::response::IntoResponse;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let user = match crate::accounts::auth::user_of_session(&session, &db).await {
        Ok(Some(user)) => user,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    let course = match course::Entity::find().filter(course::Column::Slug.eq(&slug)).one(&db).await {
        Ok(Some(course)) => course,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    if !user.manages_centre(course.centre_id) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let locale = crate::ui::locale_from_code(query.lang.as_deref());
    let body = match super::enrolment_store::roster(&db, course.id).await.map(|entries| roster_csv(&entries, locale)) {
        Ok(Ok(body)) => body,
        _ => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"roster-{}.csv\"", course.slug))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}

#[component]
pub fn RosterPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let mark = ServerAction::<MarkAttended>::new();
    let roster = Resource::new(move || (slug.get(), mark.version().get()), |(slug, _)| course_roster(slug));
    let error = form_error(mark);
    view! {
        <Title text=move || format!("{} · {}", t_string!(i18n, roster_title), t_string!(i18n, site_name)) />
        <FormError fields=&[] error />
        <Transition fallback=Loading>
            {move || Suspend::new(async move { result_view(roster.await, move |roster| view! { <RosterView roster mark /> }) })}
        </Transition>
    }
}

#[component]
fn RosterView(roster: Roster, mark: ServerAction<MarkAttended>) -> impl IntoView {
    let i18n = use_i18n();
    let Roster { slug, title, capacity, seats_taken, entries } = roster;
    view! {
        <h1>{move || format!("{}: {}", t_string!(i18n, roster_title), title.get(i18n.get_locale()))}</h1>
        <super::course_editing_pages::CourseLinks slug=slug.clone() />
        <p>{t!(i18n, roster_seats, taken = seats_taken, capacity)}</p>
        <div class="table-scroll">
            <table class="accounts" data-testid="roster">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, full_name_label)}</th>
                        <th scope="col">{t!(i18n, contact_label)}</th>
                        <th scope="col">{t!(i18n, roster_status)}</th>
                        <th scope="col">{t!(i18n, roster_attended)}</th>
                    </tr>
                </thead>
                <tbody>
                    {entries
                        .into_iter()
                        .map(|entry| {
                            let slug = slug.clone();
                            let waiting = entry.waitlist_place;
                            view! {
                                <tr>
                                    <td>{entry.full_name}</td>
                                    <td>{entry.email.or(entry.phone).unwrap_or_default()}</td>
                                    <td>
                                        {move || roster_status(i18n.get_locale(), waiting)}
                                    </td>
                                    <td>
                                        {waiting.is_none().then(|| view! {
                                            <ActionForm action=mark attr:class="inline-form">
                                                <input type="hidden" name="course" value=slug />
                                                <input type="hidden" name="resident_id" value=entry.resident_id />
                                                <input type="hidden" name="attended" value=(!entry.attended).to_string() />
                                                <button type="submit" class="button button-small" aria-pressed=entry.attended.to_string()>
                                                    {move || if entry.attended { format!("✓ {}", t_string!(i18n, roster_attended)) } else { t_string!(i18n, roster_mark_attended).to_string() }}
                                                </button>
                                            </ActionForm>
                                        })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
