//! Page numbers of paged lists (`?page=3`).
use crate::error::{AppError, Field, InputProblem};

/// Far beyond any real list; refuses absurd page numbers before they reach the database.
pub const MAX_PAGE: u32 = 10_000;

/// Reads a `page` parameter: empty means the first page.
pub fn parse_page(raw: Option<&str>) -> Result<u32, AppError> {
    let Some(raw) = raw.map(str::trim).filter(|value| !value.is_empty()) else {
        return Ok(1);
    };
    match raw.parse::<u32>() {
        Ok(page) if (1..=MAX_PAGE).contains(&page) => Ok(page),
        Ok(_) => Err(AppError::invalid(Field::Page, InputProblem::OutOfRange)),
        Err(_) => Err(AppError::invalid(Field::Page, InputProblem::Malformed)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_parameter_is_checked() {
        assert_eq!(parse_page(None), Ok(1));
        assert_eq!(parse_page(Some("")), Ok(1));
        assert_eq!(parse_page(Some("3")), Ok(3));
        assert_eq!(parse_page(Some("0")), Err(AppError::invalid(Field::Page, InputProblem::OutOfRange)));
        assert_eq!(parse_page(Some("99999999")), Err(AppError::invalid(Field::Page, InputProblem::OutOfRange)));
        assert_eq!(parse_page(Some("two")), Err(AppError::invalid(Field::Page, InputProblem::Malformed)));
        assert_eq!(parse_page(Some("-1")), Err(AppError::invalid(Field::Page, InputProblem::Malformed)));
    }
}
