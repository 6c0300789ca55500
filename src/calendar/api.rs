//! The calendar room's HTTP entry points: the server functions behind the subscription link, and
//! the feed itself, a plain axum handler because calendar apps fetch it without cookies or WASM.
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's calendar feed URL (created on first use); event titles in `lang` (kk/ru/en).
#[server(endpoint = "courses/calendar_link")]
pub async fn calendar_link(lang: Option<String>) -> Result<String, AppError> {
    use crate::accounts::{auth::require_role, domain::Role};
    let user = require_role(&[Role::Resident]).await?;
    let db = crate::server::database()?;
    let resident_id = crate::server::entities::resident::Entity::of_account(&db, user.id).await?.id;
    let token = super::store::calendar_token(&db, resident_id).await?;
    Ok(feed_url(&token, lang.as_deref()))
}

/// A new secret URL; calendars subscribed with the old one stop receiving sessions.
#[server(endpoint = "courses/reset_calendar_link")]
pub async fn reset_calendar_link(lang: Option<String>) -> Result<String, AppError> {
    use crate::accounts::{auth::require_role, domain::Role};
    let user = require_role(&[Role::Resident]).await?;
    let db = crate::server::database()?;
    let resident_id = crate::server::entities::resident::Entity::of_account(&db, user.id).await?.id;
    let token = super::store::reset_calendar_token(&db, resident_id).await?;
    Ok(feed_url(&token, lang.as_deref()))
}

#[cfg(feature = "ssr")]
fn feed_url(token: &str, lang: Option<&str>) -> String {
    let lang = lang.filter(|lang| ["kk", "ru", "en"].contains(lang)).unwrap_or("kk");
    crate::ui::site_url(&format!("/calendar/{token}.ics?lang={lang}"))
}

#[cfg(feature = "ssr")]
#[derive(serde::Deserialize)]
pub struct FeedQuery {
    lang: Option<String>,
}

/// `GET /calendar/<secret>.ics`: a resident's sessions for calendar apps, which send no cookies;
/// the unguessable secret in the URL is the credential.
#[cfg(feature = "ssr")]
pub async fn calendar_feed(
    axum::extract::State(db): axum::extract::State<sea_orm::DatabaseConnection>,
    axum::extract::Path(file): axum::extract::Path<String>,
    axum::extract::Query(query): axum::extract::Query<FeedQuery>,
    axum::Extension(public_url): axum::Extension<crate::server::http::PublicUrl>,
) -> axum::response::Response {
    use axum::http::{HeaderValue, StatusCode, header};
    use axum::response::IntoResponse;
    let Some(token) = file.strip_suffix(".ics").filter(|token| token.len() <= 64) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let locale = crate::ui::locale_from_code(query.lang.as_deref());
    match super::store::feed_entries(&db, token, locale, &public_url.0, chrono::Utc::now()).await {
        Ok(Some(entries)) => {
            let host = public_url.0.split("://").nth(1).unwrap_or("localhost").to_owned();
            let name = crate::i18n::td_string!(locale, my_courses_title).to_string();
            let body = super::domain::calendar_feed(&name, &host, &entries);
            (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8")),
                    (header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=300")),
                ],
                body,
            )
                .into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}
