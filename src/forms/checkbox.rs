//! Checkboxes: a plain HTML form sends a ticked box as its value ("on") and leaves an unticked one
//! out; links write "1".

use crate::error::{AppError, Field, InputProblem};

/// A ticked box in a posted form: present, and not empty or "false".
pub fn is_ticked(checkbox: &Option<String>) -> bool {
    checkbox.as_deref().is_some_and(|value| !value.is_empty() && value != "false")
}

/// A yes/no URL parameter such as `?free=on`: empty is "no"; anything unusual is refused.
pub fn parse_flag(field: Field, value: &str) -> Result<bool, AppError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" | "0" | "false" | "off" | "no" => Ok(false),
        "1" | "true" | "on" | "yes" => Ok(true),
        _ => Err(AppError::invalid(field, InputProblem::Malformed)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_send_on_and_links_send_one() {
        assert!(is_ticked(&Some("on".into())));
        assert!(!is_ticked(&None) && !is_ticked(&Some(String::new())) && !is_ticked(&Some("false".into())));
        assert_eq!(parse_flag(Field::Free, "on"), Ok(true));
        assert_eq!(parse_flag(Field::Free, "1"), Ok(true));
        assert_eq!(parse_flag(Field::Free, ""), Ok(false));
        assert_eq!(parse_flag(Field::Free, "maybe"), Err(AppError::invalid(Field::Free, InputProblem::Malformed)));
    }
}
