//! Texts stored in the database in all three UI languages.
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Localized {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

impl Localized {
    pub fn new(kk: impl Into<String>, ru: impl Into<String>, en: impl Into<String>) -> Self {
        Self { kk: kk.into(), ru: ru.into(), en: en.into() }
    }

    /// The text in `locale`, falling back to Russian, then Kazakh, when a translation is missing.
    pub fn get(&self, locale: Locale) -> &str {
        let preferred = match locale {
            Locale::kk => &self.kk,
            Locale::ru => &self.ru,
            Locale::en => &self.en,
        };
        [preferred, &self.ru, &self.kk]
            .into_iter()
            .find(|text| !text.trim().is_empty())
            .map(String::as_str)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_requested_language() {
        let text = Localized::new("Алмалы ауданы", "Алмалинский район", "Almaly");
        assert_eq!(text.get(Locale::kk), "Алмалы ауданы");
        assert_eq!(text.get(Locale::ru), "Алмалинский район");
        assert_eq!(text.get(Locale::en), "Almaly");
    }

    #[test]
    fn falls_back_when_a_translation_is_missing() {
        let text = Localized::new("Домбыра", "Домбра", " ");
        assert_eq!(text.get(Locale::en), "Домбра");
        let only_kazakh = Localized::new("Домбыра", "", "");
        assert_eq!(only_kazakh.get(Locale::en), "Домбыра");
    }
}
