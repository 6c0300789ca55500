//! The centre's desk: what staff type or scan, what a check-in is, and what the desk shows.
use crate::error::{AppError, Field, InputProblem};
use crate::forms::age::AgeBand;
use crate::i18n::{Locale, td_string};
use crate::localized::Localized;
use crate::residents::domain::is_card_token_shaped;
use chrono::{DateTime, Utc};
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

/// Longest input the desk reads: a pasted card link with room to spare. Anything longer is
/// refused before it is looked at.
pub const MAX_DESK_INPUT: usize = 200;

/// How many recent check-ins the desk keeps on screen.
pub const RECENT_CHECK_INS: u64 = 10;

/// Most residents a name or phone search lists.
pub const RESIDENTS_FOUND: u64 = 10;

/// What staff typed, pasted or scanned at the desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeskInput {
    /// The token of a card's QR link (`https://…/card/<token>`, or the token alone).
    CardToken(String),
    /// A printed card number, normalised to `AYC-00000005`.
    CardNumber(String),
    /// Part of a name or a phone number.
    Search(String),
}

/// Reads the desk's one input field. A link to anything but a card, or a card link whose token is
/// cut short or forged out of shape, is `Malformed`: the desk says "not a card" at once.
pub fn parse_desk_input(raw: &str) -> Result<DeskInput, AppError> {
    let input = raw.trim();
    if input.is_empty() {
        return Err(AppError::invalid(Field::Card, InputProblem::Missing));
    }
    if input.chars().count() > MAX_DESK_INPUT {
        return Err(AppError::invalid(Field::Card, InputProblem::TooLong));
    }
    if let Some((_, after)) = input.rsplit_once("/card/") {
        let token = after.split(['?', '#', '/']).next().unwrap_or_default();
        return if is_card_token_shaped(token) {
            Ok(DeskInput::CardToken(token.to_owned()))
        } else {
            Err(AppError::invalid(Field::Card, InputProblem::Malformed))
        };
    }
    if input.contains("://") {
        return Err(AppError::invalid(Field::Card, InputProblem::Malformed));
    }
    if let Some(number) = card_number_of(input) {
        return Ok(DeskInput::CardNumber(number));
    }
    if is_card_token_shaped(input) {
        return Ok(DeskInput::CardToken(input.to_owned()));
    }
    if input.chars().count() < 2 {
        return Err(AppError::invalid(Field::Card, InputProblem::TooShort));
    }
    Ok(DeskInput::Search(input.to_owned()))
}

/// `AYC-00000005`, `ayc 5`, `AYC5` → `AYC-00000005`; `None` for anything else.
fn card_number_of(input: &str) -> Option<String> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    let digits = compact.get(..3).filter(|prefix| prefix.eq_ignore_ascii_case("AYC")).map(|_| &compact[3..])?;
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: u32 = digits.parse().ok()?;
    Some(crate::residents::domain::card_number(i32::try_from(number).ok()?))
}

/// Why a resident came in. `Course` is attendance at a session; the others are drop-ins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))"))]
pub enum VisitPurpose {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "course"))]
    Course,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "coworking"))]
    Coworking,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "studio"))]
    Studio,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "consultation"))]
    Consultation,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "event"))]
    Event,
}

impl VisitPurpose {
    /// The purpose's text in `locale`.
    pub fn text(self, locale: Locale) -> String {
        match self {
            VisitPurpose::Course => td_string!(locale, desk_purpose_course),
            VisitPurpose::Coworking => td_string!(locale, desk_purpose_coworking),
            VisitPurpose::Studio => td_string!(locale, desk_purpose_studio),
            VisitPurpose::Consultation => td_string!(locale, desk_purpose_consultation),
            VisitPurpose::Event => td_string!(locale, desk_purpose_event),
        }
        .to_owned()
    }

    /// The purposes a drop-in can have, in the order the desk offers them.
    pub const DROP_IN: [VisitPurpose; 4] =
        [VisitPurpose::Coworking, VisitPurpose::Studio, VisitPurpose::Consultation, VisitPurpose::Event];

    pub fn slug(self) -> &'static str {
        match self {
            VisitPurpose::Course => "course",
            VisitPurpose::Coworking => "coworking",
            VisitPurpose::Studio => "studio",
            VisitPurpose::Consultation => "consultation",
            VisitPurpose::Event => "event",
        }
    }
}

/// A drop-in's purpose from the desk's form; attendance at a course is not a drop-in.
pub fn parse_drop_in_purpose(raw: &str) -> Result<VisitPurpose, AppError> {
    match raw.trim() {
        "" => Err(AppError::invalid(Field::Purpose, InputProblem::Missing)),
        slug => VisitPurpose::DROP_IN
            .into_iter()
            .find(|purpose| purpose.slug() == slug)
            .ok_or(AppError::invalid(Field::Purpose, InputProblem::Unknown)),
    }
}

/// What the desk found for its input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DeskFound {
    /// One resident: their day at this centre.
    Resident(DeskResident),
    /// Several residents matched a name or phone: staff pick one.
    Candidates(Vec<DeskCandidate>),
    /// No resident has that card, name or phone (or the card link was re-issued).
    Nobody,
}

/// A resident matching a search, with just enough to tell namesakes apart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskCandidate {
    pub card_number: String,
    pub full_name: String,
    pub district: Localized,
    pub phone_end: Option<String>,
}

/// The resident at the desk and their day at this centre.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeskResident {
    pub resident_id: i32,
    pub card_number: String,
    pub full_name: String,
    pub district: Localized,
    /// Registered in another district than the centre's: welcome all the same.
    pub from_another_district: bool,
    pub age_band: Option<AgeBand>,
    /// An admin blocked the discount card; the person can still attend and drop in.
    pub card_blocked: bool,
    pub sessions_today: Vec<SessionToday>,
    /// Drop-in purposes already recorded today at this centre.
    pub drop_ins_today: Vec<VisitPurpose>,
}

/// A session today at this centre of a course the resident is enrolled in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionToday {
    pub session_id: i32,
    pub course_title: Localized,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub attended: bool,
}

/// One line of the desk's recent check-ins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub checked_in_at: DateTime<Utc>,
    pub full_name: String,
    pub card_number: String,
    pub purpose: VisitPurpose,
    /// The course attended, for `Course` visits whose course still exists.
    pub course_title: Option<Localized>,
}

/// The centre the desk works for, and, for admins, the centres they can switch to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskCentre {
    pub slug: String,
    pub name: Localized,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Desk {
    /// `None` when an admin has not picked a centre yet.
    pub centre: Option<DeskCentre>,
    /// Every open centre, for an admin's picker; empty for staff, whose desk is their centre's.
    pub centres: Vec<DeskCentre>,
    pub recent: Vec<CheckIn>,
}

/// The answer to a check-in: `already` when the person was checked in for this before (a second
/// tap, or another desk) and nothing new was recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedIn {
    pub already: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "AbCdEfGhIjKlMnOpQr012345";

    #[test]
    fn a_pasted_or_scanned_card_link_gives_its_token() {
        for input in [
            format!("https://youth.almaty.kz/card/{TOKEN}"),
            format!("  http://localhost:3000/card/{TOKEN}?utm=x  "),
            format!("/card/{TOKEN}#top"),
            TOKEN.to_owned(),
        ] {
            assert_eq!(parse_desk_input(&input), Ok(DeskInput::CardToken(TOKEN.into())), "{input}");
        }
    }

    #[test]
    fn forged_truncated_and_huge_links_are_refused_before_any_lookup() {
        let malformed = AppError::invalid(Field::Card, InputProblem::Malformed);
        assert_eq!(parse_desk_input(&format!("https://x/card/{}", &TOKEN[..20])), Err(malformed.clone()));
        assert_eq!(parse_desk_input("https://x/card/'; DROP TABLE resident;--"), Err(malformed.clone()));
        assert_eq!(parse_desk_input("https://example.com/courses"), Err(malformed));
        let huge = format!("https://x/card/{}", "A".repeat(10_000));
        assert_eq!(parse_desk_input(&huge), Err(AppError::invalid(Field::Card, InputProblem::TooLong)));
    }

    #[test]
    fn card_numbers_are_read_however_they_are_typed() {
        for input in ["AYC-00000005", "ayc-00000005", "AYC 5", "ayc5", " AYC-0000 0005 "] {
            assert_eq!(parse_desk_input(input), Ok(DeskInput::CardNumber("AYC-00000005".into())), "{input}");
        }
        assert_eq!(parse_desk_input("AYC-123456789"), Ok(DeskInput::Search("AYC-123456789".into())));
    }

    #[test]
    fn names_and_phones_are_searches_and_empty_input_is_missing() {
        assert_eq!(parse_desk_input("Айгерім"), Ok(DeskInput::Search("Айгерім".into())));
        assert_eq!(parse_desk_input("+7 701 555"), Ok(DeskInput::Search("+7 701 555".into())));
        assert_eq!(parse_desk_input("   "), Err(AppError::invalid(Field::Card, InputProblem::Missing)));
        assert_eq!(parse_desk_input("А"), Err(AppError::invalid(Field::Card, InputProblem::TooShort)));
    }

    #[test]
    fn a_drop_in_has_one_of_the_drop_in_purposes() {
        assert_eq!(parse_drop_in_purpose("studio"), Ok(VisitPurpose::Studio));
        assert_eq!(parse_drop_in_purpose("course"), Err(AppError::invalid(Field::Purpose, InputProblem::Unknown)));
        assert_eq!(parse_drop_in_purpose(""), Err(AppError::invalid(Field::Purpose, InputProblem::Missing)));
    }
}
