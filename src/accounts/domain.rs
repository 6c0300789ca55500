//! Accounts: roles and the rules about them.
use crate::error::{AppError, InputProblem};
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// What a signed-in user may do. Staff and stakeholders belong to one centre; admins are city-wide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(12))"))]
pub enum Role {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "resident"))]
    Resident,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "staff"))]
    Staff,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "stakeholder"))]
    Stakeholder,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "admin"))]
    Admin,
}

/// The signed-in user as the UI and the server functions see it, loaded fresh on every request
/// (so a role change takes effect on the next request, on every server).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i32,
    pub display_name: String,
    pub role: Role,
    pub centre_id: Option<i32>,
}

/// Argon2 work is bounded by refusing absurdly long passwords before hashing.
pub const MAX_PASSWORD_LEN: usize = 128;
/// NIST SP 800-63B minimum for user-chosen passwords.
pub const MIN_PASSWORD_LEN: usize = 8;

/// Rules for a new password: long enough, not absurdly long, and not the login itself.
pub fn check_new_password(password: &str, login: &str) -> Result<(), AppError> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_LEN {
        return Err(AppError::invalid("new_password", InputProblem::TooShort));
    }
    if password.len() > MAX_PASSWORD_LEN {
        return Err(AppError::invalid("new_password", InputProblem::TooLong));
    }
    if password.trim().eq_ignore_ascii_case(login.trim()) {
        return Err(AppError::invalid("new_password", InputProblem::Malformed));
    }
    Ok(())
}
pub const MAX_LOGIN_LEN: usize = 254;

/// Sign-in names are e-mail addresses (compared case-insensitively) or Kazakhstan phone numbers,
/// written any common way ("8 701 234-56-78", "+7 (701) 2345678") and stored as "+77012345678".
pub fn normalise_login(raw: &str) -> Result<String, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::invalid("login", InputProblem::Missing));
    }
    if raw.len() > MAX_LOGIN_LEN {
        return Err(AppError::invalid("login", InputProblem::TooLong));
    }
    if raw.contains('@') {
        let (local, domain) = raw.split_once('@').unwrap_or_default();
        let plausible = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !raw.chars().any(char::is_whitespace)
            && raw.matches('@').count() == 1;
        return if plausible {
            Ok(raw.to_lowercase())
        } else {
            Err(AppError::invalid("login", InputProblem::Malformed))
        };
    }
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let only_phone_characters = raw.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let national = match digits.len() {
        11 if digits.starts_with('8') || digits.starts_with('7') => &digits[1..],
        10 => &digits[..],
        _ => return Err(AppError::invalid("login", InputProblem::Malformed)),
    };
    if !only_phone_characters || !national.starts_with('7') {
        return Err(AppError::invalid("login", InputProblem::Malformed));
    }
    Ok(format!("+7{national}"))
}

impl Role {
    /// Staff and stakeholders work at one centre; the others do not.
    pub fn belongs_to_centre(self) -> bool {
        matches!(self, Role::Staff | Role::Stakeholder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_normalised() {
        assert_eq!(normalise_login("  Resident@Demo.KZ "), Ok("resident@demo.kz".into()));
        assert_eq!(normalise_login("8 701 234-56-78"), Ok("+77012345678".into()));
        assert_eq!(normalise_login("+7 (701) 2345678"), Ok("+77012345678".into()));
        assert_eq!(normalise_login("7012345678"), Ok("+77012345678".into()));
    }

    #[test]
    fn bad_logins_are_refused_with_the_reason() {
        assert_eq!(normalise_login(" "), Err(AppError::invalid("login", InputProblem::Missing)));
        assert_eq!(normalise_login("a@b"), Err(AppError::invalid("login", InputProblem::Malformed)));
        assert_eq!(normalise_login("a b@c.kz"), Err(AppError::invalid("login", InputProblem::Malformed)));
        assert_eq!(normalise_login("12345"), Err(AppError::invalid("login", InputProblem::Malformed)));
        assert_eq!(normalise_login("8 999 234 56 78"), Err(AppError::invalid("login", InputProblem::Malformed)));
        let long = format!("{}@demo.kz", "a".repeat(300));
        assert_eq!(normalise_login(&long), Err(AppError::invalid("login", InputProblem::TooLong)));
    }

    #[test]
    fn new_passwords_follow_the_rules() {
        assert_eq!(
            check_new_password("short", "a@b.kz"),
            Err(AppError::invalid("new_password", InputProblem::TooShort))
        );
        assert_eq!(
            check_new_password(&"x".repeat(MAX_PASSWORD_LEN + 1), "a@b.kz"),
            Err(AppError::invalid("new_password", InputProblem::TooLong))
        );
        assert_eq!(
            check_new_password("Resident@Demo.kz", "resident@demo.kz"),
            Err(AppError::invalid("new_password", InputProblem::Malformed))
        );
        assert_eq!(check_new_password("тауларға шығамыз", "a@b.kz"), Ok(()));
    }

    #[test]
    fn only_staff_and_stakeholders_belong_to_a_centre() {
        assert!(Role::Staff.belongs_to_centre());
        assert!(Role::Stakeholder.belongs_to_centre());
        assert!(!Role::Resident.belongs_to_centre());
        assert!(!Role::Admin.belongs_to_centre());
    }
}
