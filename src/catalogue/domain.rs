//! Course catalogue: pure types and rules shared by server and client.
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

/// Youth-policy age bounds: the centres serve young people aged 14 to 35.
pub const MIN_RESIDENT_AGE: i16 = 14;
pub const MAX_RESIDENT_AGE: i16 = 35;

/// Enrolment state of a resident in a course.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(12))"))]
pub enum EnrolmentStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "enrolled"))]
    Enrolled,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "waitlisted"))]
    Waitlisted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cancelled"))]
    Cancelled,
}

/// Folds text for case-insensitive search in every UI language: Unicode lower case (which covers
/// Cyrillic and the Kazakh letters ә ғ қ ң ө ұ ү һ і) and ё → е, as Russian readers treat them alike.
/// Stored text and queries go through the same fold, so a plain `LIKE` matches on any database.
pub fn fold_for_search(text: &str) -> String {
    text.to_lowercase().replace('ё', "е")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_fold_covers_kazakh_and_russian_letters() {
        assert_eq!(fold_for_search("ӘҒҚҢӨҰҮҺІ"), "әғқңөұүһі");
        assert_eq!(fold_for_search("Мобилография ЁЛКА"), "мобилография елка");
        assert_eq!(fold_for_search("Dombra"), "dombra");
    }
}
