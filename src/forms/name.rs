//! People's names as typed into a form (a resident's full name, a colleague's display name).
use crate::error::{AppError, InputProblem};

pub const MAX_NAME_LEN: usize = 120;

/// A person's name as typed: trimmed, inner whitespace collapsed, 2–120 characters, letters required.
pub fn clean_name(raw: &str, field: &str) -> Result<String, AppError> {
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
        assert_eq!(clean_name("  Айгерім   Сапарова ", "full_name"), Ok("Айгерім Сапарова".into()));
        assert_eq!(clean_name(" ", "full_name"), Err(AppError::invalid("full_name", InputProblem::Missing)));
        assert_eq!(clean_name("А", "full_name"), Err(AppError::invalid("full_name", InputProblem::TooShort)));
        assert_eq!(clean_name("12345", "full_name"), Err(AppError::invalid("full_name", InputProblem::Malformed)));
        let long = "я".repeat(MAX_NAME_LEN + 1);
        assert_eq!(clean_name(&long, "display_name"), Err(AppError::invalid("display_name", InputProblem::TooLong)));
    }
}
