//! Accounts: roles and the rules about them.
use crate::error::{AppError, Field, InputProblem};
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

impl CurrentUser {
    /// Staff of the centre, or an admin (city-wide): who may run a centre's courses and rooms.
    pub fn manages_centre(&self, centre_id: i32) -> bool {
        self.role == Role::Admin || (self.role == Role::Staff && self.centre_id == Some(centre_id))
    }
}

/// Argon2 work is bounded by refusing absurdly long passwords before hashing.
pub const MAX_PASSWORD_LEN: usize = 128;
/// NIST SP 800-63B minimum for user-chosen passwords.
pub const MIN_PASSWORD_LEN: usize = 8;

/// Rules for a new password: long enough, not absurdly long, and not the login itself.
pub fn check_new_password(password: &str, login: &str) -> Result<(), AppError> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_LEN {
        return Err(AppError::invalid(Field::NewPassword, InputProblem::TooShort));
    }
    if password.len() > MAX_PASSWORD_LEN {
        return Err(AppError::invalid(Field::NewPassword, InputProblem::TooLong));
    }
    if password.trim().eq_ignore_ascii_case(login.trim()) {
        return Err(AppError::invalid(Field::NewPassword, InputProblem::Malformed));
    }
    Ok(())
}
pub const MAX_LOGIN_LEN: usize = 254;

/// Sign-in names are e-mail addresses (compared case-insensitively) or Kazakhstan phone numbers,
/// written any common way ("8 701 234-56-78", "+7 (701) 2345678") and stored as "+77012345678".
pub fn normalise_login(raw: &str) -> Result<String, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::invalid(Field::Login, InputProblem::Missing));
    }
    if raw.len() > MAX_LOGIN_LEN {
        return Err(AppError::invalid(Field::Login, InputProblem::TooLong));
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
            Err(AppError::invalid(Field::Login, InputProblem::Malformed))
        };
    }
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let only_phone_characters = raw.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let national = match digits.len() {
        11 if digits.starts_with('8') || digits.starts_with('7') => &digits[1..],
        10 => &digits[..],
        _ => return Err(AppError::invalid(Field::Login, InputProblem::Malformed)),
    };
    if !only_phone_characters || !national.starts_with('7') {
        return Err(AppError::invalid(Field::Login, InputProblem::Malformed));
    }
    Ok(format!("+7{national}"))
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Resident, Role::Staff, Role::Stakeholder, Role::Admin];

    /// Staff and stakeholders work at one centre; the others do not.
    pub fn belongs_to_centre(self) -> bool {
        matches!(self, Role::Staff | Role::Stakeholder)
    }

    pub fn slug(self) -> &'static str {
        match self {
            Role::Resident => "resident",
            Role::Staff => "staff",
            Role::Stakeholder => "stakeholder",
            Role::Admin => "admin",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.slug() == slug)
    }
}

pub fn parse_role(raw: &str) -> Result<Role, AppError> {
    match raw.trim() {
        "" => Err(AppError::invalid(Field::Role, InputProblem::Missing)),
        slug => Role::from_slug(slug).ok_or_else(|| AppError::invalid(Field::Role, InputProblem::Unknown)),
    }
}

/// The centre an account with `role` works at: required for staff and stakeholders, none for the others
/// (a centre sent along for an admin is ignored rather than stored).
pub fn centre_for_role(role: Role, centre_slug: Option<&str>) -> Result<Option<String>, AppError> {
    if !role.belongs_to_centre() {
        return Ok(None);
    }
    let slug = crate::forms::slug::parse_slug(Field::Centre, centre_slug)
        .map_err(|_| AppError::invalid(Field::Centre, InputProblem::Unknown))?;
    slug.map(Some).ok_or_else(|| AppError::invalid(Field::Centre, InputProblem::Missing))
}

/// An account an admin creates for a colleague.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAccount {
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub centre_slug: Option<String>,
    pub password: String,
}

/// Checks an admin's "new account" form. Residents are not created here: they register themselves,
/// giving their own consent.
pub fn validate_new_account(
    login: &str,
    display_name: &str,
    role: &str,
    centre_slug: Option<&str>,
    password: &str,
) -> Result<NewAccount, AppError> {
    let login = normalise_login(login)?;
    let display_name = crate::forms::name::clean_name(display_name, Field::DisplayName)?;
    let role = parse_role(role)?;
    if role == Role::Resident {
        return Err(AppError::invalid(Field::Role, InputProblem::NotAllowed));
    }
    let centre_slug = centre_for_role(role, centre_slug)?;
    check_new_password(password, &login).map_err(|error| error.in_field(Field::Password))?;
    Ok(NewAccount { login, display_name, role, centre_slug, password: password.to_owned() })
}

/// Admins change other people's roles, never their own: the city always keeps the admin who acts.
pub fn check_role_change(admin_id: i32, target_id: i32) -> Result<(), AppError> {
    if admin_id == target_id { Err(AppError::invalid(Field::Role, InputProblem::NotAllowed)) } else { Ok(()) }
}

/// One account in the admin's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i32,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub centre_slug: Option<String>,
    pub is_resident: bool,
}

/// A page of the admin's account list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPage {
    pub accounts: Vec<AccountRow>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
}

pub const ACCOUNTS_PER_PAGE: u64 = 25;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_centres_staff_and_admins_manage_a_centre() {
        let user = |role, centre_id| CurrentUser { id: 1, display_name: "x".into(), role, centre_id };
        assert!(user(Role::Staff, Some(3)).manages_centre(3));
        assert!(!user(Role::Staff, Some(4)).manages_centre(3), "staff of another centre");
        assert!(!user(Role::Stakeholder, Some(3)).manages_centre(3), "mentors advise, they do not run courses");
        assert!(!user(Role::Resident, None).manages_centre(3));
        assert!(user(Role::Admin, None).manages_centre(3));
    }

    #[test]
    fn logins_are_normalised() {
        assert_eq!(normalise_login("  Resident@Demo.KZ "), Ok("resident@demo.kz".into()));
        assert_eq!(normalise_login("8 701 234-56-78"), Ok("+77012345678".into()));
        assert_eq!(normalise_login("+7 (701) 2345678"), Ok("+77012345678".into()));
        assert_eq!(normalise_login("7012345678"), Ok("+77012345678".into()));
    }

    #[test]
    fn bad_logins_are_refused_with_the_reason() {
        assert_eq!(normalise_login(" "), Err(AppError::invalid(Field::Login, InputProblem::Missing)));
        assert_eq!(normalise_login("a@b"), Err(AppError::invalid(Field::Login, InputProblem::Malformed)));
        assert_eq!(normalise_login("a b@c.kz"), Err(AppError::invalid(Field::Login, InputProblem::Malformed)));
        assert_eq!(normalise_login("12345"), Err(AppError::invalid(Field::Login, InputProblem::Malformed)));
        assert_eq!(normalise_login("8 999 234 56 78"), Err(AppError::invalid(Field::Login, InputProblem::Malformed)));
        let long = format!("{}@demo.kz", "a".repeat(300));
        assert_eq!(normalise_login(&long), Err(AppError::invalid(Field::Login, InputProblem::TooLong)));
    }

    #[test]
    fn new_passwords_follow_the_rules() {
        assert_eq!(
            check_new_password("short", "a@b.kz"),
            Err(AppError::invalid(Field::NewPassword, InputProblem::TooShort))
        );
        assert_eq!(
            check_new_password(&"x".repeat(MAX_PASSWORD_LEN + 1), "a@b.kz"),
            Err(AppError::invalid(Field::NewPassword, InputProblem::TooLong))
        );
        assert_eq!(
            check_new_password("Resident@Demo.kz", "resident@demo.kz"),
            Err(AppError::invalid(Field::NewPassword, InputProblem::Malformed))
        );
        assert_eq!(check_new_password("тауларға шығамыз", "a@b.kz"), Ok(()));
    }

    #[test]
    fn admins_create_colleagues_not_residents() {
        let staff =
            validate_new_account("Aruzhan@Demo.kz", "Аружан", "staff", Some("almaly-youth-centre"), "long-password")
                .expect("valid");
        assert_eq!(staff.login, "aruzhan@demo.kz");
        assert_eq!(staff.centre_slug.as_deref(), Some("almaly-youth-centre"));
        let admin = validate_new_account("a@demo.kz", "Admin", "admin", Some("almaly-youth-centre"), "long-password");
        assert_eq!(admin.expect("valid").centre_slug, None, "admins are city-wide");
        let cases = [
            (("a@demo.kz", "Аружан", "resident", None), Field::Role, InputProblem::NotAllowed),
            (("a@demo.kz", "Аружан", "boss", None), Field::Role, InputProblem::Unknown),
            (("a@demo.kz", "Аружан", "stakeholder", None), Field::Centre, InputProblem::Missing),
            (("a@demo.kz", "Аружан", "staff", Some("Bad Slug")), Field::Centre, InputProblem::Unknown),
            (("a@demo.kz", " ", "staff", Some("almaly-youth-centre")), Field::DisplayName, InputProblem::Missing),
        ];
        for ((login, name, role, centre), field, problem) in cases {
            let result = validate_new_account(login, name, role, centre, "long-password");
            assert_eq!(result, Err(AppError::invalid(field, problem)), "{role} {centre:?}");
        }
        let weak = validate_new_account("a@demo.kz", "Аружан", "staff", Some("almaly-youth-centre"), "short");
        assert_eq!(weak, Err(AppError::invalid(Field::Password, InputProblem::TooShort)));
    }

    #[test]
    fn an_admin_cannot_change_their_own_role() {
        assert_eq!(check_role_change(1, 1), Err(AppError::invalid(Field::Role, InputProblem::NotAllowed)));
        assert_eq!(check_role_change(1, 2), Ok(()));
        assert_eq!(parse_role("stakeholder"), Ok(Role::Stakeholder));
        assert_eq!(parse_role(""), Err(AppError::invalid(Field::Role, InputProblem::Missing)));
    }

    #[test]
    fn only_staff_and_stakeholders_belong_to_a_centre() {
        assert!(Role::Staff.belongs_to_centre());
        assert!(Role::Stakeholder.belongs_to_centre());
        assert!(!Role::Resident.belongs_to_centre());
        assert!(!Role::Admin.belongs_to_centre());
    }
}
