//! The closed vocabularies of course forms and catalogue URLs: one table of keys per enum, read
//! and written through the same two functions, so a key means one thing everywhere.
use crate::error::{AppError, Field, InputProblem};
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Language a course is taught in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(2))"))]
pub enum InstructionLanguage {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "kk"))]
    Kazakh,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "ru"))]
    Russian,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "en"))]
    English,
}

/// Where a course takes place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(8))"))]
pub enum CourseFormat {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "offline"))]
    Offline,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "online"))]
    Online,
}

/// URL and form keys of the languages of instruction.
pub const LANGUAGES: [(InstructionLanguage, &str); 3] =
    [(InstructionLanguage::Kazakh, "kk"), (InstructionLanguage::Russian, "ru"), (InstructionLanguage::English, "en")];
/// URL and form keys of the course formats.
pub const FORMATS: [(CourseFormat, &str); 2] = [(CourseFormat::Offline, "offline"), (CourseFormat::Online, "online")];

/// The item whose key is `value` (ASCII case ignored); empty means "none chosen".
pub fn parse_key<T: Copy>(field: Field, value: &str, keys: &[(T, &str)]) -> Result<Option<T>, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    keys.iter()
        .find(|(_, key)| key.eq_ignore_ascii_case(value))
        .map(|(item, _)| Some(*item))
        .ok_or_else(|| AppError::invalid(field, InputProblem::Unknown))
}

/// Like [`parse_key`], for a form field that must be filled in.
pub fn parse_required_key<T: Copy>(field: Field, value: &str, keys: &[(T, &str)]) -> Result<T, AppError> {
    parse_key(field, value, keys)?.ok_or_else(|| AppError::invalid(field, InputProblem::Missing))
}

/// The key of `item` in `keys` (empty if a table misses it, which the tests rule out).
pub fn key_of<T: PartialEq>(item: T, keys: &[(T, &'static str)]) -> &'static str {
    keys.iter().find(|(candidate, _)| *candidate == item).map(|(_, key)| *key).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_reads_back_as_its_item() {
        for (language, key) in LANGUAGES {
            assert_eq!(parse_key(Field::Language, key, &LANGUAGES), Ok(Some(language)));
            assert_eq!(key_of(language, &LANGUAGES), key);
        }
        for (format, key) in FORMATS {
            assert_eq!(parse_required_key(Field::Format, key, &FORMATS), Ok(format));
            assert_eq!(key_of(format, &FORMATS), key);
        }
    }

    #[test]
    fn empty_means_none_and_strangers_are_unknown() {
        assert_eq!(parse_key(Field::Language, " ", &LANGUAGES), Ok(None));
        assert_eq!(parse_key(Field::Language, "KK", &LANGUAGES), Ok(Some(InstructionLanguage::Kazakh)));
        assert_eq!(
            parse_key(Field::Language, "de", &LANGUAGES),
            Err(AppError::invalid(Field::Language, InputProblem::Unknown))
        );
        assert_eq!(
            parse_required_key(Field::Format, "", &FORMATS),
            Err(AppError::invalid(Field::Format, InputProblem::Missing))
        );
    }
}
