use crate::i18n::Locale;
use leptos_i18n::I18nContext;

/// The text `of` gives for the active language, read again when the language changes. One closure
/// type for every text: see `text!` in `lib.rs`.
pub fn text(
    i18n: I18nContext<Locale>,
    of: fn(Locale) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || of(i18n.get_locale())
}
