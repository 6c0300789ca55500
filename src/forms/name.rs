//! People's names as typed into a form (a resident's full name, a colleague's display name).
use crate::error::{AppError, Field, InputProblem};

pub const MAX_NAME_LEN: usize = 120;

/// A person's name as typed: trimmed, inner whitespace collapsed, 2–120 characters, letters required.
pub fn clean_name(raw: &str, field: Field) -> Result<String, AppError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(AppError::invalid(field, InputProblem::Missing));
    }
    if name.chars().count() > MAX_NAME_LEN {
        return Err(AppError::invalid(field, InputProblem::TooLong));
    }
    if name.chars().count() < 2 {
        return Err(AppError::invalid(field, InputProblem::TooShort));
    }
    if !name.chars().any(char::is_alphabetic) || name.chars().any(char::is_control) {
        return Err(AppError::invalid(field, InputProblem::Malformed));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied_and_checked() {
        assert_eq!(clean_name("  Айгерім   Сапарова ", Field::FullName), Ok("Айгерім Сапарова".into()));
        assert_eq!(clean_name(" ", Field::FullName), Err(AppError::invalid(Field::FullName, InputProblem::Missing)));
        assert_eq!(clean_name("А", Field::FullName), Err(AppError::invalid(Field::FullName, InputProblem::TooShort)));
        assert_eq!(
            clean_name("12345", Field::FullName),
            Err(AppError::invalid(Field::FullName, InputProblem::Malformed))
        );
        let long = "я".repeat(MAX_NAME_LEN + 1);
        assert_eq!(
            clean_name(&long, Field::DisplayName),
            Err(AppError::invalid(Field::DisplayName, InputProblem::TooLong))
        );
    }
}
