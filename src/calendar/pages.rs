//! The calendar subscription link on "My courses" and the server functions behind it.
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{Loading, result_view};
use leptos::prelude::*;

/// The caller's calendar feed URL (created on first use); event titles in `lang` (kk/ru/en).
#[server(endpoint = "courses/calendar_link")]
pub async fn calendar_link(lang: Option<String>) -> Result<String, AppError> {
    use crate::accounts::{auth::require_role, domain::Role};
    let user = require_role(&[Role::Resident]).await?;
    let db = crate::server::database()?;
    let resident_id = crate::residents::store::resident_id(&db, user.id).await?;
    let token = super::calendar_store::calendar_token(&db, resident_id).await?;
    Ok(feed_url(&token, lang.as_deref()))
}

/// A new secret URL; calendars subscribed with the old one stop receiving sessions.
#[server(endpoint = "courses/reset_calendar_link")]
pub async fn reset_calendar_link(lang: Option<String>) -> Result<String, AppError> {
    use crate::accounts::{auth::require_role, domain::Role};
    let user = require_role(&[Role::Resident]).await?;
    let db = crate::server::database()?;
    let resident_id = crate::residents::store::resident_id(&db, user.id).await?;
    let token = super::calendar_store::reset_calendar_token(&db, resident_id).await?;
    Ok(feed_url(&token, lang.as_deref()))
}

#[cfg(feature = "ssr")]
fn feed_url(token: &str, lang: Option<&str>) -> String {
    let lang = lang.filter(|lang| ["kk", "ru", "en"].contains(lang)).unwrap_or("kk");
    crate::ui::site_url(&format!("/calendar/{token}.ics?lang={lang}"))
}

#[component]
pub fn CalendarLinkSection() -> impl IntoView {
    let i18n = use_i18n();
    let reset = ServerAction::<ResetCalendarLink>::new();
    let lang = move || leptos_i18n::Locale::as_str(i18n.get_locale()).to_owned();
    let link = Resource::new(move || (reset.version().get(), lang()), |(_, lang)| calendar_link(Some(lang)));
    view! {
        <section class="panel" data-testid="calendar">
            <h2>{t!(i18n, calendar_title)}</h2>
            <p>{t!(i18n, calendar_text)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    result_view(link.await, move |url| view! {
                        <p class="calendar-link">
                            <a href=url.replace("http://", "webcal://").replace("https://", "webcal://")>{t!(i18n, calendar_subscribe)}</a>
                        </p>
                        <label for="calendar-url">{t!(i18n, calendar_url_label)}</label>
                        <input id="calendar-url" type="text" readonly value=url class="wide" />
                    })
                })}
            </Suspense>
            <ActionForm action=reset>
                <input type="hidden" name="lang" value=lang />
                <button type="submit" class="button button-secondary">{t!(i18n, calendar_reset)}</button>
            </ActionForm>
            <p class="hint">{t!(i18n, calendar_reset_hint)}</p>
        </section>
    }
}
