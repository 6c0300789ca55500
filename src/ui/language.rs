use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Language buttons: a plain form posted to `/language` (the server sets the cookie and redirects
/// back to the same page, drawn in the chosen language).
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    // The router's `search` has no leading '?'.
    let here = move || {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        if search.is_empty() { location.pathname.get() } else { format!("{}?{search}", location.pathname.get()) }
    };
    let choices = [
        (Locale::kk, "kk", "Қаз", "Қазақша"),
        (Locale::ru, "ru", "Рус", "Русский"),
        (Locale::en, "en", "Eng", "English"),
    ];
    view! {
        <form class="lang-switch" method="post" action="/language" aria-label=text!(i18n, language_label)>
            <input type="hidden" name="next" value=here />
            {choices
                .into_iter()
                .map(|(locale, code, short, full)| {
                    view! {
                        <button
                            type="submit"
                            name="lang"
                            value=code
                            lang=code
                            title=full
                            aria-label=full
                            aria-pressed=move || (i18n.get_locale() == locale).to_string()
                        >
                            {short}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}

/// The locale named by a `?lang=` parameter of a download (feeds, files); Kazakh when absent or unknown.
pub fn locale_from_code(code: Option<&str>) -> Locale {
    match code {
        Some("ru") => Locale::ru,
        Some("en") => Locale::en,
        _ => Locale::kk,
    }
}
