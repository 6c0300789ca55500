//! Residents: the young people registered at a centre, their profile and discount card.
use crate::accounts::domain::{check_new_password, normalise_login};
use crate::error::{AppError, Field, InputProblem};
use crate::forms::age::{AgeBand, MAX_RESIDENT_AGE, MIN_RESIDENT_AGE, age_on};
use crate::forms::checkbox::is_ticked;
use crate::forms::name::clean_name;
use crate::i18n::{Locale, td_string};
use crate::localized::Localized;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Study/work status; `Neither` is what the city reports as NEET.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(10))"))]
pub enum Occupation {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "studying"))]
    Studying,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "working"))]
    Working,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "both"))]
    Both,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "neither"))]
    Neither,
}

/// Category of a partner benefit on the residents' discount card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(10))"))]
pub enum BenefitCategory {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "transport"))]
    Transport,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "catering"))]
    Catering,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "sport"))]
    Sport,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "culture"))]
    Culture,
}

impl Occupation {
    /// The answer's text in `locale`.
    pub fn text(self, locale: Locale) -> String {
        match self {
            Occupation::Studying => td_string!(locale, occupation_studying),
            Occupation::Working => td_string!(locale, occupation_working),
            Occupation::Both => td_string!(locale, occupation_both),
            Occupation::Neither => td_string!(locale, occupation_neither),
        }
        .to_owned()
    }

    pub const ALL: [Occupation; 4] = [Occupation::Studying, Occupation::Working, Occupation::Both, Occupation::Neither];

    pub fn slug(self) -> &'static str {
        match self {
            Occupation::Studying => "studying",
            Occupation::Working => "working",
            Occupation::Both => "both",
            Occupation::Neither => "neither",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|occupation| occupation.slug() == slug)
    }
}

impl BenefitCategory {
    pub const ALL: [BenefitCategory; 4] =
        [BenefitCategory::Transport, BenefitCategory::Catering, BenefitCategory::Sport, BenefitCategory::Culture];
}

/// Age of majority in Kazakhstan: younger residents register with a parent's or guardian's consent.
pub const AGE_OF_MAJORITY: i32 = 18;
/// A date from an `<input type="date">` (YYYY-MM-DD).
pub fn parse_birth_date(raw: &str) -> Result<NaiveDate, AppError> {
    crate::time::parse_date(Field::BirthDate, raw)
}

/// Residents are 14–35 years old on the day they register.
pub fn check_registration_age(birth_date: NaiveDate, today: NaiveDate) -> Result<i32, AppError> {
    let age = age_on(birth_date, today);
    let range = i32::from(MIN_RESIDENT_AGE)..=i32::from(MAX_RESIDENT_AGE);
    if range.contains(&age) { Ok(age) } else { Err(AppError::invalid(Field::BirthDate, InputProblem::OutOfRange)) }
}

pub fn parse_occupation(raw: &str) -> Result<Occupation, AppError> {
    match raw.trim() {
        "" => Err(AppError::invalid(Field::Occupation, InputProblem::Missing)),
        slug => Occupation::from_slug(slug).ok_or_else(|| AppError::invalid(Field::Occupation, InputProblem::Unknown)),
    }
}

/// A district slug from a form: required; a malformed one is as unknown as a missing district.
pub fn parse_district(raw: &str) -> Result<String, AppError> {
    crate::forms::slug::parse_slug(Field::District, Some(raw))
        .map_err(|_| AppError::invalid(Field::District, InputProblem::Unknown))?
        .ok_or_else(|| AppError::invalid(Field::District, InputProblem::Missing))
}

/// What a resident's profile form may change, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub full_name: String,
    pub district: String,
    pub occupation: String,
}

/// The sign-up form as typed; `validate` turns it into a `NewResident` or names the first bad field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationForm {
    pub full_name: String,
    pub birth_date: String,
    pub district: String,
    pub contact: String,
    pub occupation: String,
    pub password: String,
    pub data_consent: Option<String>,
    pub guardian_name: Option<String>,
    pub guardian_consent: Option<String>,
}

/// A valid registration. `district_slug` still has to exist in the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewResident {
    pub full_name: String,
    pub birth_date: NaiveDate,
    pub district_slug: String,
    /// Normalised e-mail or phone: also the sign-in name.
    pub login: String,
    pub occupation: Occupation,
    pub password: String,
    /// Set for residents under 18.
    pub guardian_name: Option<String>,
}

impl NewResident {
    pub fn contact_is_email(&self) -> bool {
        self.login.contains('@')
    }
}

impl RegistrationForm {
    /// Checks every rule that needs no database, field by field in the order of the form.
    pub fn validate(self, today: NaiveDate) -> Result<NewResident, AppError> {
        let full_name = clean_name(&self.full_name, Field::FullName)?;
        let birth_date = parse_birth_date(&self.birth_date)?;
        let age = check_registration_age(birth_date, today)?;
        let district_slug = parse_district(&self.district)?;
        let login = normalise_login(&self.contact).map_err(|error| error.in_field(Field::Contact))?;
        let occupation = parse_occupation(&self.occupation)?;
        check_new_password(&self.password, &login).map_err(|error| error.in_field(Field::Password))?;
        if !is_ticked(&self.data_consent) {
            return Err(AppError::invalid(Field::DataConsent, InputProblem::Missing));
        }
        let guardian_name = if age < AGE_OF_MAJORITY {
            let name = clean_name(self.guardian_name.as_deref().unwrap_or_default(), Field::GuardianName)?;
            if !is_ticked(&self.guardian_consent) {
                return Err(AppError::invalid(Field::GuardianConsent, InputProblem::Missing));
            }
            Some(name)
        } else {
            None
        };
        Ok(NewResident {
            full_name,
            birth_date,
            district_slug,
            login,
            occupation,
            password: self.password,
            guardian_name,
        })
    }
}

/// Discount card number printed on the card: a fixed prefix and the zero-padded account number.
pub fn card_number(user_id: i32) -> String {
    format!("AYC-{user_id:08}")
}

/// Characters of a card token: 18 random bytes in URL-safe base64 (`server::secrets::url_token`).
pub const CARD_TOKEN_LENGTH: usize = 24;

/// Whether `token` could be a card token at all; anything else is "not valid" without a lookup.
pub fn is_card_token_shaped(token: &str) -> bool {
    token.len() == CARD_TOKEN_LENGTH && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The path of a card's check page, which its QR code links to.
pub fn card_check_path(token: &str) -> String {
    format!("/card/{token}")
}

/// The last day a card is valid: 31 December of the year its holder turns 35. The holder is in
/// the programme's ages all that year, and a year end tells a partner nothing of the birthday.
pub fn card_valid_through(birth_date: NaiveDate) -> NaiveDate {
    let year = birth_date.year() + i32::from(MAX_RESIDENT_AGE);
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// The holder as a partner sees them: the first name and the initial of the next, "Айгерім С.".
pub fn holder_short_name(full_name: &str) -> String {
    let mut words = full_name.split_whitespace();
    let first = words.next().unwrap_or_default();
    match words.next().and_then(|word| word.chars().next()) {
        Some(initial) => format!("{first} {initial}."),
        None => first.to_owned(),
    }
}

/// What a card's QR code link shows: enough for a partner to give the discount, nothing more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedCard {
    pub holder: String,
    pub age_band: AgeBand,
    pub valid_through: NaiveDate,
    pub benefits: Vec<Benefit>,
}

/// The card behind a link as an admin sees it, to block or unblock it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardAdminFacts {
    pub card_number: String,
    pub holder: String,
    pub blocked: bool,
}

/// The answer of a card check. A revoked, blocked, expired, unknown or malformed token is
/// `valid: None`, with nothing that tells these apart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardCheck {
    pub valid: Option<VerifiedCard>,
    /// Only for admins, and only for a token that belongs to a card.
    pub admin: Option<CardAdminFacts>,
}

/// Whether a card is valid on `today`: not blocked, and its holder still in the programme's ages.
pub fn card_is_valid(birth_date: NaiveDate, blocked: bool, today: NaiveDate) -> bool {
    !blocked && today <= card_valid_through(birth_date) && age_on(birth_date, today) >= i32::from(MIN_RESIDENT_AGE)
}

/// What an admin does to a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CardBlockAction {
    Block,
    Unblock,
}

impl CardBlockAction {
    pub fn slug(self) -> &'static str {
        match self {
            CardBlockAction::Block => "block",
            CardBlockAction::Unblock => "unblock",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw {
            "block" => Ok(CardBlockAction::Block),
            "unblock" => Ok(CardBlockAction::Unblock),
            "" => Err(AppError::invalid(Field::Status, InputProblem::Missing)),
            _ => Err(AppError::invalid(Field::Status, InputProblem::Unknown)),
        }
    }
}

/// A resident's own profile as the profile page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub full_name: String,
    pub birth_date: NaiveDate,
    pub district_slug: String,
    pub contact: String,
    pub occupation: Occupation,
    pub card_number: String,
    pub guardian_name: Option<String>,
    pub registered_at: DateTime<Utc>,
}

/// One partner benefit on the discount card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Benefit {
    pub partner: String,
    pub category: BenefitCategory,
    pub title: Localized,
}

/// Everything the "My card" page shows. `qr_svg` is rendered on the server from `check_url`, the
/// card's check link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscountCard {
    pub holder: String,
    pub card_number: String,
    pub check_url: String,
    pub valid_through: NaiveDate,
    pub qr_svg: String,
    pub benefits: Vec<Benefit>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn adult_form() -> RegistrationForm {
        RegistrationForm {
            full_name: "  Айгерім   Сапарова ".into(),
            birth_date: "2001-05-17".into(),
            district: "almaly".into(),
            contact: "8 701 555 12 34".into(),
            occupation: "neither".into(),
            password: "таулар-биік-2026".into(),
            data_consent: Some("on".into()),
            guardian_name: Some(String::new()),
            guardian_consent: None,
        }
    }

    #[test]
    fn registration_age_is_14_to_35_on_the_day() {
        let today = date(2026, 11, 25);
        assert_eq!(check_registration_age(date(2012, 11, 25), today), Ok(14));
        assert_eq!(check_registration_age(date(1990, 11, 26), today), Ok(35));
        let too_young = check_registration_age(date(2012, 11, 26), today);
        assert_eq!(too_young, Err(AppError::invalid(Field::BirthDate, InputProblem::OutOfRange)));
        let too_old = check_registration_age(date(1990, 11, 25), today);
        assert_eq!(too_old, Err(AppError::invalid(Field::BirthDate, InputProblem::OutOfRange)));
    }

    #[test]
    fn a_valid_adult_registration_is_normalised() {
        let resident = adult_form().validate(date(2026, 11, 25)).expect("valid");
        assert_eq!(resident.full_name, "Айгерім Сапарова");
        assert_eq!(resident.login, "+77015551234");
        assert!(!resident.contact_is_email());
        assert_eq!(resident.occupation, Occupation::Neither);
        assert_eq!(resident.guardian_name, None);
    }

    #[test]
    fn consent_to_data_processing_is_required() {
        let form = RegistrationForm { data_consent: None, ..adult_form() };
        assert_eq!(
            form.validate(date(2026, 11, 25)),
            Err(AppError::invalid(Field::DataConsent, InputProblem::Missing))
        );
    }

    #[test]
    fn residents_under_18_need_a_guardians_name_and_consent() {
        let today = date(2026, 11, 25);
        let minor = RegistrationForm { birth_date: "2010-01-10".into(), ..adult_form() };
        assert_eq!(minor.clone().validate(today), Err(AppError::invalid(Field::GuardianName, InputProblem::Missing)));
        let named = RegistrationForm { guardian_name: Some("Сапарова Гүлнар".into()), ..minor };
        assert_eq!(
            named.clone().validate(today),
            Err(AppError::invalid(Field::GuardianConsent, InputProblem::Missing))
        );
        let consented = RegistrationForm { guardian_consent: Some("on".into()), ..named };
        assert_eq!(consented.validate(today).expect("valid").guardian_name.as_deref(), Some("Сапарова Гүлнар"));
    }

    #[test]
    fn bad_fields_are_named() {
        let today = date(2026, 11, 25);
        let cases = [
            (RegistrationForm { full_name: " ".into(), ..adult_form() }, Field::FullName, InputProblem::Missing),
            (RegistrationForm { full_name: "x".repeat(500), ..adult_form() }, Field::FullName, InputProblem::TooLong),
            (
                RegistrationForm { birth_date: "17.05.2001".into(), ..adult_form() },
                Field::BirthDate,
                InputProblem::Malformed,
            ),
            (
                RegistrationForm { birth_date: "1960-01-01".into(), ..adult_form() },
                Field::BirthDate,
                InputProblem::OutOfRange,
            ),
            (RegistrationForm { district: "Atlantis!".into(), ..adult_form() }, Field::District, InputProblem::Unknown),
            (RegistrationForm { district: String::new(), ..adult_form() }, Field::District, InputProblem::Missing),
            (
                RegistrationForm { contact: "not-a-contact".into(), ..adult_form() },
                Field::Contact,
                InputProblem::Malformed,
            ),
            (
                RegistrationForm { occupation: "astronaut".into(), ..adult_form() },
                Field::Occupation,
                InputProblem::Unknown,
            ),
            (RegistrationForm { password: "short".into(), ..adult_form() }, Field::Password, InputProblem::TooShort),
        ];
        for (form, field, problem) in cases {
            assert_eq!(form.validate(today), Err(AppError::invalid(field, problem)), "{field}");
        }
    }

    #[test]
    fn a_card_is_valid_to_the_end_of_the_year_its_holder_turns_35_unless_blocked() {
        let born = date(1991, 6, 15);
        assert_eq!(card_valid_through(born), date(2026, 12, 31));
        assert!(card_is_valid(born, false, date(2026, 12, 31)));
        assert!(!card_is_valid(born, false, date(2027, 1, 1)));
        assert!(!card_is_valid(born, true, date(2026, 11, 26)));
        // Too young for the programme (only ever a data error): not valid either.
        assert!(!card_is_valid(date(2013, 6, 15), false, date(2026, 11, 26)));
    }

    #[test]
    fn partners_see_a_first_name_and_an_initial() {
        assert_eq!(holder_short_name("  Айгерім   Сапарова "), "Айгерім С.");
        assert_eq!(holder_short_name("Madina"), "Madina");
        assert_eq!(holder_short_name("Ерлан Әлиұлы Нұров"), "Ерлан Ә.");
    }

    #[test]
    fn only_token_shaped_strings_are_looked_up() {
        assert!(is_card_token_shaped("abcdefghijklmnopqrstuv-_"));
        for bad in [
            "",
            "AYC-00000005",
            &"a".repeat(23),
            &"a".repeat(25),
            "abcdefghijklmnopqrstu%2F",
            "абвгдежзийклмнопрстуфхц",
            &"x".repeat(10_000),
        ] {
            assert!(!is_card_token_shaped(bad), "{bad}");
        }
    }

    #[test]
    fn card_actions_parse_and_name_their_field() {
        assert_eq!(CardBlockAction::parse("block"), Ok(CardBlockAction::Block));
        assert_eq!(CardBlockAction::parse(CardBlockAction::Unblock.slug()), Ok(CardBlockAction::Unblock));
        assert_eq!(CardBlockAction::parse("delete"), Err(AppError::invalid(Field::Status, InputProblem::Unknown)));
    }
}
