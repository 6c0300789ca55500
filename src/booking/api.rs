//! Server functions of the room booker. Reading the week is public (names only for the centre's
//! staff); booking needs an account that may book that room; staff of the centre and admins decide
//! requests. Each one authorises, reads the form, and leaves the rules to `domain` and the locking
//! to `store`.
use super::domain::{BookingDesk, BookingForm, BookingOutcome, BookingRow, RoomWeek, SeriesPreview, UsageReport};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::Field;
use leptos::prelude::*;

/// The URL of a centre's week page; `extra` is appended as more query pairs.
pub fn week_url(centre: &str, week: chrono::NaiveDate, room: Option<i32>, extra: &[(&str, String)]) -> String {
    let mut url = format!("/centres/{centre}/rooms?week={week}");
    if let Some(room) = room {
        url.push_str(&format!("&room={room}"));
    }
    for (key, value) in extra {
        url.push('&');
        url.push_str(key);
        url.push('=');
        url.push_str(&urlencoding_value(value));
    }
    url
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
fn urlencoding_value(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// The week of one centre's rooms (all of them, or the one picked).
#[server(endpoint = "rooms/week")]
pub async fn load_room_week(centre: String, week: Option<String>, room: Option<String>) -> Result<RoomWeek, AppError> {
    use crate::server::fail;
    let db = crate::server::database()?;
    let now = chrono::Utc::now();
    let week = match super::domain::parse_week(week.as_deref(), crate::time::almaty_today(now)) {
        Ok(week) => week,
        Err(error) => return fail(error),
    };
    let room = match room.as_deref().map(str::trim).filter(|raw| !raw.is_empty()) {
        None => None,
        Some(raw) => match super::domain::parse_id(Field::Room, raw) {
            Ok(id) => Some(id),
            Err(error) => return fail(error),
        },
    };
    let centre = match crate::server::entities::centre::Entity::by_slug(&db, &centre).await {
        Ok(centre) => centre,
        Err(error) => return fail(error),
    };
    let viewer = crate::accounts::auth::current_user().await?;
    match super::store::room_week(&db, &centre, week, room, viewer.as_ref(), now).await? {
        Some(week) => Ok(week),
        None => fail(AppError::invalid(Field::Room, crate::error::InputProblem::Unknown)),
    }
}

/// The caller, the room (with its centre) and how they may book it; refuses everyone else.
#[cfg(feature = "ssr")]
async fn booker_and_room(
    db: &sea_orm::DatabaseConnection,
    form: &BookingForm,
) -> Result<
    (
        crate::accounts::domain::CurrentUser,
        super::domain::Booker,
        super::domain::ParsedBooking,
        crate::server::entities::room::Model,
        crate::server::entities::centre::Model,
    ),
    AppError,
> {
    use crate::error::InputProblem;
    use crate::server::fail;
    let user = crate::accounts::auth::require_user().await?;
    let parsed = match form.parse() {
        Ok(parsed) => parsed,
        Err(error) => return fail(error),
    };
    let Some((room, centre)) = super::store::room_with_centre(db, parsed.room_id).await? else {
        return fail(AppError::invalid(Field::Room, InputProblem::Unknown));
    };
    let Some(booker) = super::store::booker_for(&user, centre.id) else {
        return fail(AppError::Forbidden);
    };
    Ok((user, booker, parsed, room, centre))
}

/// Books a room, or for a repeating booking first shows the preview (a redirect to the week page
/// with the form in the URL); the preview's "save" sends `confirm`.
#[server(endpoint = "rooms/book")]
pub async fn book_room(form: BookingForm) -> Result<BookingOutcome, AppError> {
    use crate::server::fail;
    let db = crate::server::database()?;
    let (user, booker, parsed, room, centre) = booker_and_room(&db, &form).await?;
    let week = super::domain::almaty_week_monday(parsed.request.slot.0);
    if parsed.repeat.is_some() && !form.confirmed() {
        let now = chrono::Utc::now();
        // Checks the first occurrence's rules now, so a broken form is answered under its field.
        if let Err(error) = super::store::preview(&db, &room, &centre, &user, booker, &parsed, now).await {
            return fail(error);
        }
        leptos_axum::redirect(&week_url(&centre.slug, week, Some(room.id), &preview_query(&form)));
        return Ok(BookingOutcome { booked: 0, skipped: 0, status: super::domain::BookingStatus::Pending });
    }
    match super::store::create_booking(&db, &user, booker, parsed, chrono::Utc::now()).await {
        Ok(outcome) => {
            metrics::counter!(crate::server::metrics::BOOKINGS_MADE).increment(u64::from(outcome.booked));
            let done = [("booked", outcome.booked.to_string()), ("skipped", outcome.skipped.to_string())];
            leptos_axum::redirect(&week_url(&centre.slug, week, Some(room.id), &done));
            Ok(outcome)
        }
        Err(error) => fail(error),
    }
}

#[cfg(feature = "ssr")]
fn preview_query(form: &BookingForm) -> Vec<(&'static str, String)> {
    vec![
        ("preview", "1".into()),
        ("book_room", form.room.clone()),
        ("date", form.date.clone()),
        ("starts", form.starts.clone()),
        ("ends", form.ends.clone()),
        ("attendees", form.attendees.clone().unwrap_or_default()),
        ("purpose", form.purpose.clone()),
        ("repeat_every", form.repeat_every.clone().unwrap_or_default()),
        ("repeat_until", form.repeat_until.clone().unwrap_or_default()),
    ]
}

/// Every occurrence of a repeating booking with what is in its way; saves nothing.
#[server(endpoint = "rooms/preview")]
pub async fn preview_booking(form: BookingForm) -> Result<SeriesPreview, AppError> {
    let db = crate::server::database()?;
    let (user, booker, parsed, room, centre) = booker_and_room(&db, &form).await?;
    super::store::preview(&db, &room, &centre, &user, booker, &parsed, chrono::Utc::now())
        .await
        .or_else(crate::server::fail)
}

/// Approve, decline or cancel (`action`), with a note; `rest` cancels the later occurrences of the
/// series too. Returns how many bookings changed.
#[server(endpoint = "rooms/change")]
pub async fn change_booking(
    booking: String,
    action: String,
    reason: Option<String>,
    rest: Option<String>,
) -> Result<u32, AppError> {
    use crate::server::fail;
    let user = crate::accounts::auth::require_user().await?;
    let booking_id = match super::domain::parse_id(Field::Status, &booking) {
        Ok(id) => id,
        Err(_) => return fail(AppError::NotFound),
    };
    let action = match super::domain::parse_action(&action) {
        Ok(action) => action,
        Err(error) => return fail(error),
    };
    let rest = match crate::forms::checkbox::parse_flag(Field::Status, rest.as_deref().unwrap_or("")) {
        Ok(rest) => rest,
        Err(error) => return fail(error),
    };
    if reason.as_ref().is_some_and(|reason| reason.len() > super::domain::MAX_REASON_CHARS * 4) {
        return fail(AppError::invalid(Field::Reason, crate::error::InputProblem::TooLong));
    }
    let db = crate::server::database()?;
    super::store::change_booking(&db, &user, booking_id, action, reason, rest, chrono::Utc::now()).await.or_else(fail)
}

/// The caller's own bookings (residents' requests, staff bookings), from a week ago on.
#[server(endpoint = "rooms/mine")]
pub async fn my_bookings() -> Result<Vec<BookingRow>, AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let db = crate::server::database()?;
    Ok(super::store::my_bookings(&db, user.id, chrono::Utc::now()).await?)
}

/// The approvals queue and the next two weeks' bookings of the caller's centre (admins: `centre`).
#[server(endpoint = "rooms/desk")]
pub async fn load_booking_desk(centre: Option<String>) -> Result<BookingDesk, AppError> {
    use crate::server::fail;
    let user = crate::accounts::auth::require_user().await?;
    let db = crate::server::database()?;
    let centre = match crate::accounts::store::centre_managed_by(&db, &user, centre.as_deref()).await {
        Ok(centre) => centre,
        Err(error) => return fail(error),
    };
    Ok(super::store::desk(&db, &centre, chrono::Utc::now()).await?)
}

/// Sets the centre's weekly booking limits (`limits[<booker>-<room kind>]` = hours, blank for no
/// limit): staff of the centre and admins. All or nothing: one bad field changes no limit.
#[server(endpoint = "rooms/quotas")]
pub async fn save_room_quotas(
    centre: String,
    limits: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::server::fail;
    let user = crate::accounts::auth::require_user().await?;
    let db = crate::server::database()?;
    let centre = match crate::accounts::store::centre_managed_by(&db, &user, Some(centre.as_str())).await {
        Ok(centre) => centre,
        Err(error) => return fail(error),
    };
    let settings = match super::domain::parse_quota_form(&limits) {
        Ok(settings) => settings,
        Err(error) => return fail(error),
    };
    super::store::save_quotas(&db, centre.id, settings).await.or_else(fail).and_then(crate::server::succeed)
}

/// Booked ÷ open hours for a month (`2026-11`): the centre's rooms; admins also see every centre,
/// district and the city.
#[server(endpoint = "rooms/usage")]
pub async fn load_room_usage(centre: Option<String>, month: Option<String>) -> Result<UsageReport, AppError> {
    use crate::server::fail;
    let user = crate::accounts::auth::require_user().await?;
    let db = crate::server::database()?;
    let centre = match crate::accounts::store::centre_managed_by(&db, &user, centre.as_deref()).await {
        Ok(centre) => centre,
        Err(error) => return fail(error),
    };
    let today = crate::time::almaty_today(chrono::Utc::now());
    let month = match super::domain::parse_month(month.as_deref(), today) {
        Ok(month) => month,
        Err(error) => return fail(error),
    };
    let city_wide = user.role == crate::accounts::domain::Role::Admin;
    Ok(super::store::usage(&db, &centre, month, city_wide).await?)
}

#[cfg(feature = "ssr")]
#[derive(serde::Deserialize)]
pub struct UsageQuery {
    centre: Option<String>,
    month: Option<String>,
    lang: Option<String>,
}

/// `GET /staff/rooms/usage.csv?centre=&month=&lang=`: the same report as a spreadsheet (UTF-8 with
/// BOM so Excel reads Cyrillic), one line per room, centre, district and the city.
#[cfg(feature = "ssr")]
pub async fn usage_download(
    axum::extract::State(db): axum::extract::State<sea_orm::DatabaseConnection>,
    axum::extract::Query(query): axum::extract::Query<UsageQuery>,
    session: tower_sessions::Session,
) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    let status = |error: AppError| StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::BAD_REQUEST);
    let user = match crate::accounts::auth::user_of_session(&session, &db).await {
        Ok(Some(user)) => user,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    let centre = match crate::accounts::store::centre_managed_by(&db, &user, query.centre.as_deref()).await {
        Ok(centre) => centre,
        Err(error) => return status(error).into_response(),
    };
    let month = match super::domain::parse_month(query.month.as_deref(), crate::time::almaty_today(chrono::Utc::now()))
    {
        Ok(month) => month,
        Err(error) => return status(error).into_response(),
    };
    let city_wide = user.role == crate::accounts::domain::Role::Admin;
    let Ok(report) = super::store::usage(&db, &centre, month, city_wide).await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let locale = crate::ui::locale_from_code(query.lang.as_deref());
    let Ok(body) = super::domain::usage_csv(&report, locale) else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    crate::forms::spreadsheet::csv_download(&format!("room-usage-{}-{}.csv", centre.slug, month.format("%Y-%m")), body)
}

/// The caller's secret bookings feed URL (made on first use), for phone calendars.
#[server(endpoint = "rooms/feed_link")]
pub async fn booking_feed_link() -> Result<String, AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let db = crate::server::database()?;
    let token = super::store::feed_token(&db, user.id).await?;
    Ok(crate::ui::site_url(&format!("/bookings/{token}.ics")))
}

/// An iCalendar response, or the status that says why there is none.
#[cfg(feature = "ssr")]
fn calendar_response(body: String, cache: &'static str) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    use axum::response::IntoResponse;
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        body,
    )
        .into_response()
}

#[cfg(feature = "ssr")]
fn feed_host(public_url: &str) -> String {
    public_url.split("://").nth(1).unwrap_or("localhost").to_owned()
}

/// `GET /bookings/<secret>.ics`: the person's pending and confirmed bookings. Calendar apps send no
/// cookies, so the unguessable secret in the URL is the credential.
#[cfg(feature = "ssr")]
pub async fn personal_feed(
    axum::extract::State(db): axum::extract::State<sea_orm::DatabaseConnection>,
    axum::extract::Path(file): axum::extract::Path<String>,
    axum::Extension(public_url): axum::Extension<crate::server::http::PublicUrl>,
) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    use icalendar::{Calendar, Component, Event, EventLike};
    let Some(token) = file.strip_suffix(".ics").filter(|token| !token.is_empty() && token.len() <= 64) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match super::store::feed_bookings(&db, token, chrono::Utc::now()).await {
        Ok(Some(rows)) => {
            let host = feed_host(&public_url.0);
            let mut calendar = Calendar::new();
            calendar.name("Bookings").timezone("Asia/Almaty");
            for row in rows {
                let mut event = Event::with_uid(&format!("booking-{}@{host}", row.id));
                let status = if row.status == super::domain::BookingStatus::Pending { " (?)" } else { "" };
                event
                    .summary(&format!("{}{status}", row.purpose))
                    .starts(row.slot.0)
                    .ends(row.slot.1)
                    .location(&format!("{}, {}", row.room_name.ru, row.centre_name.ru));
                calendar.push(event.done());
            }
            calendar_response(calendar.done().to_string(), "private, max-age=300")
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// `GET /room-calendar/<room id>.ics`: when a room is in use, for anyone planning around it. Busy times
/// only: no purposes, courses or names.
#[cfg(feature = "ssr")]
pub async fn room_feed(
    axum::extract::State(db): axum::extract::State<sea_orm::DatabaseConnection>,
    axum::extract::Path(file): axum::extract::Path<String>,
    axum::Extension(public_url): axum::Extension<crate::server::http::PublicUrl>,
) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    use icalendar::{Calendar, Component, Event, EventLike};
    let Some(room_id) = file.strip_suffix(".ics").and_then(|id| super::domain::parse_id(Field::Room, id).ok()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match super::store::busy_times(&db, room_id, chrono::Utc::now()).await {
        Ok(Some((room, slots))) => {
            let host = feed_host(&public_url.0);
            let mut calendar = Calendar::new();
            calendar.name(&room.name_ru).timezone("Asia/Almaty");
            for (starts_at, ends_at) in slots {
                let mut event = Event::with_uid(&format!("room-{}-{}@{host}", room.id, starts_at.timestamp()));
                event.summary("Busy / Занято / Бос емес").starts(starts_at).ends(ends_at);
                calendar.push(event.done());
            }
            calendar_response(calendar.done().to_string(), "public, max-age=300")
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}
