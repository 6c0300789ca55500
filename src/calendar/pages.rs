//! The calendar subscription link shown under "My courses".
use super::api::{ResetCalendarLink, calendar_link};
use crate::i18n::*;
use crate::ui::{Loading, load, result_view};
use leptos::prelude::*;

#[component]
pub fn CalendarLinkSection() -> impl IntoView {
    let i18n = use_i18n();
    let reset = ServerAction::<ResetCalendarLink>::new();
    let lang = move || leptos_i18n::Locale::as_str(i18n.get_locale()).to_owned();
    let link = load(lang, |lang| calendar_link(Some(lang)));
    view! {
        <section class="panel" data-testid="calendar">
            <h2>{text!(i18n, calendar_title)}</h2>
            <p>{text!(i18n, calendar_text)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    result_view(link.await, move |url| view! {
                        <p class="calendar-link">
                            <a href=url.replace("http://", "webcal://").replace("https://", "webcal://")>{text!(i18n, calendar_subscribe)}</a>
                        </p>
                        <label for="calendar-url">{text!(i18n, calendar_url_label)}</label>
                        <input id="calendar-url" type="text" readonly value=url class="wide" />
                    })
                })}
            </Suspense>
            <ActionForm action=reset>
                <input type="hidden" name="lang" value=lang />
                <button type="submit" class="button button-secondary">{text!(i18n, calendar_reset)}</button>
            </ActionForm>
            <p class="hint">{text!(i18n, calendar_reset_hint)}</p>
        </section>
    }
}
