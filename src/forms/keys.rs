//! Course catalogue: pure types and rules shared by server and client.
use crate::error::{AppError, InputProblem};
use crate::localized::Localized;
use chrono::{DateTime, Utc};
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

/// One course in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseCard {
    pub slug: String,
    pub title: Localized,
    pub centre_slug: String,
    pub centre_name: Localized,
    pub district_name: Localized,
    pub category: Localized,
    pub language: InstructionLanguage,
    pub format: CourseFormat,
    pub min_age: i16,
    pub max_age: i16,
    pub capacity: i32,
    pub seats_left: i32,
    pub next_session: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoursePage {
    pub courses: Vec<CourseCard>,
    /// 1-based; clamped to the pages that exist.
    pub page: u32,
    pub total_pages: u32,
    pub total: u64,
}

pub const COURSES_PER_PAGE: u32 = 12;
/// Far beyond any real catalogue; refuses absurd page numbers before they reach the database.
pub const MAX_PAGE: u32 = 10_000;

/// Reads the `page` URL parameter: empty means the first page.
pub fn parse_page(raw: Option<&str>) -> Result<u32, AppError> {
    let Some(raw) = raw.map(str::trim).filter(|value| !value.is_empty()) else {
        return Ok(1);
    };
    match raw.parse::<u32>() {
        Ok(page) if (1..=MAX_PAGE).contains(&page) => Ok(page),
        Ok(_) => Err(AppError::invalid("page", InputProblem::OutOfRange)),
        Err(_) => Err(AppError::invalid("page", InputProblem::Malformed)),
    }
}

/// Folds text for case-insensitive search in every UI language: Unicode lower case (which covers
/// Cyrillic and the Kazakh letters ә ғ қ ң ө ұ ү һ і) and ё → е, as Russian readers treat them alike.
/// Stored text and queries go through the same fold, so a plain `LIKE` matches on any database.
pub fn fold_for_search(text: &str) -> String {
    text.to_lowercase().replace('ё', "е")
}

/// The folded text a course is found by: its titles and descriptions in every language.
pub fn course_search_text(title: &Localized, description: &Localized) -> String {
    fold_for_search(
        &[&title.kk, &title.ru, &title.en, &description.kk, &description.ru, &description.en]
            .map(String::as_str)
            .join("\n"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_parameter_is_checked() {
        assert_eq!(parse_page(None), Ok(1));
        assert_eq!(parse_page(Some("")), Ok(1));
        assert_eq!(parse_page(Some("3")), Ok(3));
        assert_eq!(parse_page(Some("0")), Err(AppError::invalid("page", InputProblem::OutOfRange)));
        assert_eq!(parse_page(Some("99999999")), Err(AppError::invalid("page", InputProblem::OutOfRange)));
        assert_eq!(parse_page(Some("two")), Err(AppError::invalid("page", InputProblem::Malformed)));
        assert_eq!(parse_page(Some("-1")), Err(AppError::invalid("page", InputProblem::Malformed)));
    }

    #[test]
    fn search_fold_covers_kazakh_and_russian_letters() {
        assert_eq!(fold_for_search("ӘҒҚҢӨҰҮҺІ"), "әғқңөұүһі");
        assert_eq!(fold_for_search("Мобилография ЁЛКА"), "мобилография елка");
        assert_eq!(fold_for_search("Dombra"), "dombra");
    }
}
