//! Career-guidance questionnaire (Holland's RIASEC model): pure types and scoring rules.
use crate::enrolment::domain::EnrolmentRefusal;
use crate::error::{AppError, Field, InputProblem};
use crate::localized::Localized;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The six Holland interest types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RiasecType {
    Realistic,
    Investigative,
    Artistic,
    Social,
    Enterprising,
    Conventional,
}

impl RiasecType {
    pub const ALL: [RiasecType; 6] = [
        RiasecType::Realistic,
        RiasecType::Investigative,
        RiasecType::Artistic,
        RiasecType::Social,
        RiasecType::Enterprising,
        RiasecType::Conventional,
    ];

    pub fn letter(self) -> char {
        match self {
            RiasecType::Realistic => 'R',
            RiasecType::Investigative => 'I',
            RiasecType::Artistic => 'A',
            RiasecType::Social => 'S',
            RiasecType::Enterprising => 'E',
            RiasecType::Conventional => 'C',
        }
    }

    pub fn from_letter(letter: char) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.letter() == letter.to_ascii_uppercase())
    }
}

/// Whether a stored Holland code (like "ASE" or "AE") uses only RIASEC letters, each at most once.
pub fn is_valid_code(code: &str, max_len: usize) -> bool {
    let letters: Vec<char> = code.chars().collect();
    !letters.is_empty()
        && letters.len() <= max_len
        && letters.iter().all(|c| RiasecType::from_letter(*c).is_some() && c.is_ascii_uppercase())
        && letters.iter().enumerate().all(|(i, c)| !letters[..i].contains(c))
}

/// How a person rates liking an activity: 1 = strongly dislike … 5 = strongly like.
pub const ANSWER_MIN: u8 = 1;
pub const ANSWER_MAX: u8 = 5;

/// Which form a person takes: the quick one (30 items, 5 per type), the full one (60 items, 10
/// per type), or the full one asked until the Holland code can no longer change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuizForm {
    Quick,
    Full,
    Adaptive,
}

impl QuizForm {
    /// Items per RIASEC type.
    pub fn items_per_type(self) -> usize {
        match self {
            QuizForm::Quick => 5,
            QuizForm::Full | QuizForm::Adaptive => 10,
        }
    }

    /// Items in the form; the items are interleaved R, I, A, S, E, C, R, …, so the quick form is
    /// the first 30 of the full one.
    pub fn item_count(self) -> usize {
        self.items_per_type() * 6
    }
}

/// The type an item measures, by its position in the interleaved order.
pub fn type_of_item(position: usize) -> RiasecType {
    RiasecType::ALL[position % 6]
}

/// Checks a list of answers (in item order) for a form: every answer 1–5, no more than the form
/// has. Fewer than the form has is fine for a form in progress.
pub fn check_answers(form: QuizForm, answers: &[u8]) -> Result<(), AppError> {
    if answers.len() > form.item_count() {
        return Err(AppError::invalid(Field::Answers, InputProblem::TooLong));
    }
    if answers.iter().any(|answer| !(ANSWER_MIN..=ANSWER_MAX).contains(answer)) {
        return Err(AppError::invalid(Field::Answers, InputProblem::OutOfRange));
    }
    Ok(())
}

/// Sums and counts of the answers so far, per type in RIASEC order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub sums: [u32; 6],
    pub answered: [u32; 6],
}

impl Tally {
    pub fn of(answers: &[u8]) -> Self {
        let mut tally = Tally::default();
        for (position, answer) in answers.iter().enumerate() {
            tally.sums[position % 6] += u32::from(*answer);
            tally.answered[position % 6] += 1;
        }
        tally
    }

    /// Scores on a 0–100 scale: 0 when every answer of a type was "strongly dislike", 100 when
    /// every one was "strongly like" (the mean answer, rescaled). A type with no answers scores 0.
    pub fn scores(&self) -> [u8; 6] {
        std::array::from_fn(|index| {
            let answered = self.answered[index];
            if answered == 0 {
                return 0;
            }
            let range = answered * u32::from(ANSWER_MAX - ANSWER_MIN);
            // Saturating: a sheet is checked before it is scored, but a score must never panic.
            let above_minimum = self.sums[index].saturating_sub(answered * u32::from(ANSWER_MIN));
            // Rounded half up, in integers so server and client agree to the point.
            ((above_minimum * 200 + range) / (2 * range)) as u8
        })
    }
}

/// The Holland code: the three strongest types, strongest first. Tie rule, the same everywhere
/// (server, client, stored results): equal scores are ordered R, I, A, S, E, C — the order of
/// Holland's hexagon — so a code never depends on how a sort happens to break ties.
pub fn holland_code(scores: &[u8; 6]) -> [RiasecType; 3] {
    let mut ranked = RiasecType::ALL;
    // A stable sort on the score alone keeps RIASEC order among equal scores.
    ranked.sort_by_key(|kind| std::cmp::Reverse(scores[*kind as usize]));
    [ranked[0], ranked[1], ranked[2]]
}

pub fn code_text(code: &[RiasecType]) -> String {
    code.iter().map(|kind| kind.letter()).collect()
}

/// The Holland code of a form once it is certain, whatever the remaining answers are; `None`
/// while it may still change. The adaptive form stops as soon as this is `Some`; for a complete
/// sheet it is always `Some` and equals [`holland_code`] of the scores.
///
/// Why this is exact: each item counts for exactly one type, so the remaining answers of
/// different types are independent, and every type has the same number of items, so the final
/// 0–100 scores order types exactly as their answer sums do. Type `a` ranks above `b` in every
/// completion iff `a`'s lowest possible final sum beats `b`'s highest (an equal sum counts for
/// the type earlier in RIASEC order: the tie rule). The code is certain iff its first letter
/// beats the second, the second the third, and the third every other type in that sense. The
/// candidate is the code of one particular completion ("every remaining answer is 1"): if any
/// code is certain, it is that one.
pub fn settled_code(form: QuizForm, answers: &[u8]) -> Option<[RiasecType; 3]> {
    let per_type = form.items_per_type() as u32;
    let tally = Tally::of(answers);
    let remaining: [u32; 6] = std::array::from_fn(|index| per_type.saturating_sub(tally.answered[index]));
    let lowest: [u32; 6] = std::array::from_fn(|index| tally.sums[index] + remaining[index] * u32::from(ANSWER_MIN));
    let highest: [u32; 6] = std::array::from_fn(|index| tally.sums[index] + remaining[index] * u32::from(ANSWER_MAX));
    let beats = |a: RiasecType, b: RiasecType| {
        let (a, b) = (a as usize, b as usize);
        lowest[a] > highest[b] || (lowest[a] == highest[b] && a < b)
    };
    let mut ranked = RiasecType::ALL;
    // Stable: equal sums stay in RIASEC order, the tie rule.
    ranked.sort_by_key(|kind| std::cmp::Reverse(lowest[*kind as usize]));
    let settled = beats(ranked[0], ranked[1])
        && beats(ranked[1], ranked[2])
        && ranked[3..].iter().all(|other| beats(ranked[2], *other));
    settled.then(|| [ranked[0], ranked[1], ranked[2]])
}

/// A profile's closeness to another on the hexagon: how many of the code's letters the profession
/// shares, weighted by position (first letter 3, second 2, third 1) on both sides, so "ASE" and
/// "AES" are close and "ASE" and "RIC" share nothing. Documented and integer, so rankings are
/// reproducible: the sum over shared letters of (weight in the person's code × weight in the
/// other code); 14 for an identical code, 0 for nothing shared.
pub fn code_similarity(person: &[RiasecType], other: &[RiasecType]) -> u32 {
    let weight = |code: &[RiasecType], kind: RiasecType| {
        code.iter().position(|letter| *letter == kind).map_or(0, |position| 3u32.saturating_sub(position as u32))
    };
    RiasecType::ALL.into_iter().map(|kind| weight(person, kind) * weight(other, kind)).sum()
}

/// Parses a stored Holland code ("ASE", "AE") into its types.
pub fn parse_code(code: &str) -> Option<Vec<RiasecType>> {
    is_valid_code(code, 3).then(|| code.chars().filter_map(RiasecType::from_letter).collect())
}

/// The letters a recommendation shares with the person's code, in the person's order: the "why".
pub fn shared_letters(person: &[RiasecType], other: &[RiasecType]) -> Vec<RiasecType> {
    person.iter().copied().filter(|kind| other.contains(kind)).collect()
}

/// Ranks candidates (professions or courses) by their code's similarity to the person's code,
/// best first; equal similarity keeps the candidates' given order (e.g. this centre's courses
/// first). Candidates that share no letter are left out: a course without a code is never offered.
pub fn rank_by_code<T>(person: &[RiasecType], candidates: Vec<(T, Vec<RiasecType>)>) -> Vec<(T, u32)> {
    let mut scored: Vec<(T, u32)> = candidates
        .into_iter()
        .map(|(candidate, code)| {
            let similarity = code_similarity(person, &code);
            (candidate, similarity)
        })
        .filter(|(_, similarity)| *similarity > 0)
        .collect();
    scored.sort_by_key(|(_, similarity)| std::cmp::Reverse(*similarity));
    scored
}

impl QuizForm {
    pub const ALL: [QuizForm; 3] = [QuizForm::Quick, QuizForm::Full, QuizForm::Adaptive];

    /// The form's name in URLs, forms and the database.
    pub fn slug(self) -> &'static str {
        match self {
            QuizForm::Quick => "quick",
            QuizForm::Full => "full",
            QuizForm::Adaptive => "adaptive",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|form| form.slug() == slug)
    }
}

/// The `form` of a request: `quick`, `full` or `adaptive`.
pub fn parse_form(raw: Option<&str>) -> Result<QuizForm, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Err(AppError::invalid(Field::Form, InputProblem::Missing)),
        Some(slug) => QuizForm::from_slug(slug).ok_or(AppError::invalid(Field::Form, InputProblem::Unknown)),
    }
}

/// No form has more items than this; a longer answer sheet is refused before it is read.
pub const MAX_ANSWERS: usize = 60;

/// Answers travel as one digit per item in item order ("34251…"): short enough for a URL, so the
/// form works as plain GET steps without JavaScript. Refused: more than [`MAX_ANSWERS`] characters
/// (checked first, so 10,000 answers cost nothing), a digit outside 1–5, any other character.
pub fn parse_answers(raw: &str) -> Result<Vec<u8>, AppError> {
    let raw = raw.trim();
    if raw.len() > MAX_ANSWERS {
        return Err(AppError::invalid(Field::Answers, InputProblem::TooLong));
    }
    raw.chars()
        .map(|c| match c.to_digit(10) {
            Some(digit) if (u32::from(ANSWER_MIN)..=u32::from(ANSWER_MAX)).contains(&digit) => Ok(digit as u8),
            Some(_) => Err(AppError::invalid(Field::Answers, InputProblem::OutOfRange)),
            None => Err(AppError::invalid(Field::Answers, InputProblem::Malformed)),
        })
        .collect()
}

/// The answers as the digit string [`parse_answers`] reads.
pub fn answers_text(answers: &[u8]) -> String {
    answers.iter().map(|answer| char::from(b'0' + answer)).collect()
}

/// Whether a sheet is finished: every item of the quick or full form, or, for the adaptive form,
/// as soon as the code is settled (or all 60 items are answered).
pub fn is_complete(form: QuizForm, answers: &[u8]) -> bool {
    answers.len() >= form.item_count() || (form == QuizForm::Adaptive && settled_code(form, answers).is_some())
}

/// The fewest answers of `answers` after which the adaptive form stops (its code is settled).
pub fn adaptive_stop(answers: &[u8]) -> Option<usize> {
    (1..=answers.len()).find(|asked| settled_code(QuizForm::Adaptive, &answers[..*asked]).is_some())
}

/// A finished, scored answer sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScoredSheet {
    pub form: QuizForm,
    pub scores: [u8; 6],
    pub code: [RiasecType; 3],
    pub answered: usize,
}

/// Checks and scores a finished sheet: answers 1–5, no more than the form has, and finished
/// ([`is_complete`]); a sheet with items left is refused as `Answers: Missing`. The code of an
/// adaptive sheet is its settled code, the one the full form would give whatever the rest were.
pub fn score_sheet(form: QuizForm, answers: &[u8]) -> Result<ScoredSheet, AppError> {
    check_answers(form, answers)?;
    if !is_complete(form, answers) {
        return Err(AppError::invalid(Field::Answers, InputProblem::Missing));
    }
    let scores = Tally::of(answers).scores();
    let code = match form {
        QuizForm::Adaptive => settled_code(form, answers).unwrap_or_else(|| holland_code(&scores)),
        QuizForm::Quick | QuizForm::Full => holland_code(&scores),
    };
    Ok(ScoredSheet { form, scores, code, answered: answers.len() })
}

/// Items shown together on a wide screen and on every step of the plain (no-JavaScript) form:
/// one round of the six types. Phones show one item at a time.
pub const PAGE_SIZE: usize = 6;

/// The sheet after a page of the plain form: each answer given for item `index` replaces an
/// earlier answer or extends the sheet by one; an answer past a gap is ignored (a sheet has no
/// holes). Answers outside 1–5 are ignored too (the page asks again).
pub fn merge_page(answers: &[u8], page: &[(usize, u8)]) -> Vec<u8> {
    let mut merged = answers.to_vec();
    let mut page = page.to_vec();
    page.sort_by_key(|(index, _)| *index);
    for (index, answer) in page {
        if !(ANSWER_MIN..=ANSWER_MAX).contains(&answer) || index >= MAX_ANSWERS {
            continue;
        }
        match index.cmp(&merged.len()) {
            std::cmp::Ordering::Less => merged[index] = answer,
            std::cmp::Ordering::Equal => merged.push(answer),
            std::cmp::Ordering::Greater => break,
        }
    }
    merged
}

/// Age band of an anonymous visitor: all a mentor records about someone without an account.
pub use crate::forms::age::AgeBand;

pub fn parse_age_band(raw: Option<&str>) -> Result<AgeBand, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Err(AppError::invalid(Field::AgeBand, InputProblem::Missing)),
        Some(slug) => AgeBand::from_slug(slug).ok_or(AppError::invalid(Field::AgeBand, InputProblem::Unknown)),
    }
}

/// A resident id from a form or URL (`resident=12`).
pub fn parse_resident_id(raw: &str) -> Result<i32, AppError> {
    match raw.trim().parse::<i32>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(AppError::invalid(Field::Resident, InputProblem::Malformed)),
    }
}

/// A profession that fits the person's code, with the letters it shares (the "why").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionMatch {
    pub slug: String,
    pub name: Localized,
    pub description: Localized,
    pub code: String,
    pub shared: String,
}

/// A course that fits the person's code; courses of the centre that ran the session come first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseMatch {
    pub slug: String,
    pub title: Localized,
    pub centre_name: Localized,
    pub at_this_centre: bool,
    pub code: String,
    pub shared: String,
    pub seats_left: i32,
    pub capacity: i32,
    /// Why the server would refuse the resident viewing the page a place (too young or too old for
    /// it), so the card says so instead of offering Enrol; `None` for everyone else.
    pub viewer_refusal: Option<EnrolmentRefusal>,
}

/// A saved result as its share link shows it: nothing personal (no name, no visit details).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizResult {
    pub token: String,
    pub form: QuizForm,
    pub answered: u32,
    /// Scores 0–100 in RIASEC order.
    pub scores: [u8; 6],
    pub code: String,
    pub created_at: DateTime<Utc>,
    pub professions: Vec<ProfessionMatch>,
    pub courses: Vec<CourseMatch>,
}

impl QuizResult {
    /// The code's types, strongest first.
    pub fn code_types(&self) -> Vec<RiasecType> {
        parse_code(&self.code).unwrap_or_default()
    }

    /// Items the adaptive form did not need to ask.
    pub fn items_saved(&self) -> u32 {
        (self.form.item_count() as u32).saturating_sub(self.answered)
    }
}

/// Professions shown on a result.
pub const PROFESSIONS_SHOWN: usize = 10;
/// Courses shown on a result.
pub const COURSES_SHOWN: usize = 8;

/// Ranks courses for a person: those of `own_centre` first (ranked among themselves), then the
/// others'; a course without a valid Holland code, or sharing no letter, is never offered.
pub fn rank_courses<T>(person: &[RiasecType], own_centre: Vec<(T, String)>, others: Vec<(T, String)>) -> Vec<T> {
    let rank = |courses: Vec<(T, String)>| {
        let candidates = courses.into_iter().filter_map(|(course, code)| Some((course, parse_code(&code)?))).collect();
        rank_by_code(person, candidates).into_iter().map(|(course, _)| course)
    };
    rank(own_centre).chain(rank(others)).collect()
}

/// One of the caller's own past results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastResult {
    pub token: String,
    pub code: String,
    pub form: QuizForm,
    pub created_at: DateTime<Utc>,
    /// Set when a mentor ran it with the resident.
    pub centre_name: Option<Localized>,
}

/// Who a centre's session was with, as the centre's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visitor {
    Resident {
        full_name: String,
    },
    Anonymous {
        district: Option<Localized>,
        age_band: Option<AgeBand>,
        occupation: Option<String>,
    },
    /// Someone who took it alone (admins' city-wide list).
    Alone,
}

/// One questionnaire session in a centre's (or the city's) list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRow {
    pub created_at: DateTime<Utc>,
    pub code: String,
    pub visitor: Visitor,
    pub centre_name: Option<Localized>,
    pub token: String,
}

/// A centre's (or a district's, or the city's) sessions and their summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsReport {
    /// What the report covers: a centre's name, a district's, or `None` for the whole city.
    pub scope: Option<Localized>,
    pub sessions: Vec<SessionRow>,
    pub total: u32,
    pub this_month: u32,
    /// How many codes start with each type, in RIASEC order.
    pub first_letters: [u32; 6],
    /// The most recommended courses with how many sessions recommended them.
    pub top_courses: Vec<(Localized, String, u32)>,
}

/// How many codes start with each type, in RIASEC order.
pub fn first_letter_counts<'a>(codes: impl IntoIterator<Item = &'a str>) -> [u32; 6] {
    let mut counts = [0; 6];
    for code in codes {
        if let Some(kind) = code.chars().next().and_then(RiasecType::from_letter) {
            counts[kind as usize] += 1;
        }
    }
    counts
}

/// The courses recommended most often (ids from each session's comma list), most first; equal
/// counts in id order, so the summary is reproducible.
pub fn most_recommended<'a>(lists: impl IntoIterator<Item = &'a str>, top: usize) -> Vec<(i32, u32)> {
    let mut counts = std::collections::BTreeMap::<i32, u32>::new();
    for list in lists {
        for id in list.split(',').filter_map(|id| id.trim().parse::<i32>().ok()) {
            *counts.entry(id).or_default() += 1;
        }
    }
    let mut ranked: Vec<(i32, u32)> = counts.into_iter().collect();
    ranked.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    ranked.truncate(top);
    ranked
}

/// A resident a mentor found to run the questionnaire with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitorCandidate {
    pub resident_id: i32,
    pub full_name: String,
    pub card_number: String,
    /// The last four digits of the phone only.
    pub phone_end: Option<String>,
}

/// The age band as the UI shows it ("18–24").
pub fn age_band_text(band: AgeBand) -> String {
    band.label().to_owned()
}

/// Who a session was with, in words: the resident's name, or the anonymous visit's details.
pub fn visitor_text(visitor: &Visitor, locale: crate::i18n::Locale) -> String {
    use crate::i18n::*;
    match visitor {
        Visitor::Resident { full_name } => full_name.clone(),
        Visitor::Anonymous { district, age_band, .. } => {
            let mut text = td_string!(locale, quiz_anonymous_visit).to_string();
            let details: Vec<String> = district
                .iter()
                .map(|district| district.get(locale).to_owned())
                .chain(age_band.map(age_band_text))
                .collect();
            if !details.is_empty() {
                text = format!("{text} ({})", details.join(", "));
            }
            text
        }
        Visitor::Alone => td_string!(locale, quiz_taken_alone).to_string(),
    }
}

/// The sessions as a spreadsheet (through the app's one CSV writer), in the reader's language.
#[cfg(feature = "ssr")]
pub fn sessions_csv(sessions: &[SessionRow], locale: crate::i18n::Locale) -> Result<String, csv::Error> {
    use crate::i18n::*;
    let header = [
        td_string!(locale, quiz_session_date),
        td_string!(locale, centre_label),
        td_string!(locale, quiz_code_label),
        td_string!(locale, quiz_visitor_label),
    ];
    let rows = sessions.iter().map(|session| {
        vec![
            crate::time::format_almaty(session.created_at),
            session.centre_name.as_ref().map(|name| name.get(locale).to_owned()).unwrap_or_default(),
            session.code.clone(),
            visitor_text(&session.visitor, locale),
        ]
    });
    crate::forms::spreadsheet::csv_document(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    use RiasecType::*;

    #[test]
    fn scores_are_the_mean_answer_on_a_0_to_100_scale() {
        let all_five = [5u8; 30];
        assert_eq!(Tally::of(&all_five).scores(), [100; 6]);
        assert_eq!(Tally::of(&[1u8; 30]).scores(), [0; 6]);
        assert_eq!(Tally::of(&[3u8; 60]).scores(), [50; 6]);
        assert_eq!(Tally::of(&[5]).scores(), [100, 0, 0, 0, 0, 0], "unanswered types score 0");
        // Realistic answered 5 and 4: mean 4.5, (4.5 − 1) / 4 = 87.5 %, rounded half up to 88.
        let mut answers = vec![3u8; 12];
        answers[0] = 5;
        answers[6] = 4;
        assert_eq!(Tally::of(&answers).scores(), [88, 50, 50, 50, 50, 50]);
    }

    #[test]
    fn the_code_is_the_three_strongest_types_with_ties_in_riasec_order() {
        assert_eq!(holland_code(&[10, 90, 40, 80, 70, 20]), [Investigative, Social, Enterprising]);
        assert_eq!(holland_code(&[50; 6]), [Realistic, Investigative, Artistic], "all equal");
        assert_eq!(holland_code(&[10, 60, 60, 90, 60, 0]), [Social, Investigative, Artistic], "tie for 2nd");
        assert_eq!(code_text(&holland_code(&[0, 0, 100, 100, 0, 100])), "ASC");
    }

    #[test]
    fn answers_are_checked_for_range_and_length() {
        use crate::error::{AppError, InputProblem};
        assert_eq!(check_answers(QuizForm::Quick, &[1, 5, 3]), Ok(()));
        assert_eq!(
            check_answers(QuizForm::Quick, &[0]),
            Err(AppError::invalid(Field::Answers, InputProblem::OutOfRange))
        );
        assert_eq!(
            check_answers(QuizForm::Full, &[6]),
            Err(AppError::invalid(Field::Answers, InputProblem::OutOfRange))
        );
        assert_eq!(
            check_answers(QuizForm::Quick, &[3; 31]),
            Err(AppError::invalid(Field::Answers, InputProblem::TooLong))
        );
        assert!(check_answers(QuizForm::Full, &vec![3; 10_000]).is_err());
    }

    #[test]
    fn items_interleave_the_six_types() {
        assert_eq!(type_of_item(0), Realistic);
        assert_eq!(type_of_item(5), Conventional);
        assert_eq!(type_of_item(6), Realistic);
        assert_eq!(type_of_item(59), Conventional);
        assert_eq!(QuizForm::Quick.item_count(), 30);
        assert_eq!(QuizForm::Adaptive.item_count(), 60);
    }

    #[test]
    fn the_adaptive_form_stops_only_when_the_code_cannot_change() {
        // After one round nothing is settled.
        assert_eq!(settled_code(QuizForm::Adaptive, &[5, 5, 5, 1, 1, 1]), None);
        // Six rounds of R, I, A = 5 and S, E, C = 1: R, I, A lead by 24 with 4 items left each
        // (at most 16 to catch up), but R, I, A are tied among themselves, and a tie can still
        // turn either way: not settled.
        let six_rounds: Vec<u8> = (0..36).map(|position| if position % 6 < 3 { 5 } else { 1 }).collect();
        assert_eq!(settled_code(QuizForm::Adaptive, &six_rounds), None);
        // A full sheet is always settled.
        assert_eq!(settled_code(QuizForm::Full, &[3; 60]), Some([Realistic, Investigative, Artistic]));
        // A clear profile: R=5, I=4, A=3 throughout, others 1.
        let clear =
            |rounds: usize| -> Vec<u8> { (0..rounds * 6).map(|position| [5, 4, 3, 1, 1, 1][position % 6]).collect() };
        assert_eq!(settled_code(QuizForm::Adaptive, &clear(2)), None);
        // R beats I for sure once 5k + (10 − k) ≥ 4k + 5(10 − k), i.e. after 8 rounds (a tie goes to R).
        assert_eq!(settled_code(QuizForm::Adaptive, &clear(7)), None);
        assert_eq!(settled_code(QuizForm::Adaptive, &clear(8)), Some([Realistic, Investigative, Artistic]));
    }

    #[test]
    fn similarity_weights_shared_letters_by_position() {
        let person = [Artistic, Social, Enterprising];
        assert_eq!(code_similarity(&person, &person), 14);
        assert_eq!(code_similarity(&person, &[Artistic, Enterprising, Social]), 9 + 2 + 2);
        assert_eq!(code_similarity(&person, &[Realistic, Investigative, Conventional]), 0);
        assert_eq!(code_similarity(&person, &[Social]), 2 * 3);
        assert_eq!(shared_letters(&person, &[Enterprising, Artistic]), [Artistic, Enterprising]);
    }

    #[test]
    fn recommendations_rank_by_similarity_and_drop_what_shares_nothing() {
        let person = [Artistic, Social, Enterprising];
        let candidates = vec![
            ("accountant", parse_code("CEI").unwrap()),
            ("designer", parse_code("AER").unwrap()),
            ("teacher", parse_code("SAE").unwrap()),
            ("welder", parse_code("RCI").unwrap()),
            ("this centre's SMM course", parse_code("AES").unwrap()),
        ];
        let ranked: Vec<_> = rank_by_code(&person, candidates).into_iter().map(|(name, _)| name).collect();
        // SAE: 3·2+2·3+1·1 = 13; AES: 3·3+2·1+1·2 = 13 (kept in given order); AER: 9+2 = 11; CEI: 1·2 = 2.
        assert_eq!(ranked, ["teacher", "this centre's SMM course", "designer", "accountant"]);
    }

    #[test]
    fn letters_round_trip() {
        for kind in RiasecType::ALL {
            assert_eq!(RiasecType::from_letter(kind.letter()), Some(kind));
        }
        assert_eq!(RiasecType::from_letter('x'), None);
    }

    #[test]
    fn holland_codes_are_checked() {
        assert!(is_valid_code("ASE", 3));
        assert!(is_valid_code("A", 3));
        assert!(!is_valid_code("AAS", 3));
        assert!(!is_valid_code("ASEC", 3));
        assert!(!is_valid_code("AXE", 3));
        assert!(!is_valid_code("", 3));
    }

    /// The documented model of a simulated person: a liking level per type drawn uniformly from
    /// 1–5, and each answer that level plus uniform noise of ±1.5, rounded and kept within 1–5.
    fn simulated_sheet(rng: &mut impl rand::Rng) -> Vec<u8> {
        let levels: [f64; 6] = std::array::from_fn(|_| rng.random_range(1.0..=5.0));
        (0..60)
            .map(|position| {
                let answer = levels[position % 6] + rng.random_range(-1.5..=1.5);
                answer.round().clamp(1.0, 5.0) as u8
            })
            .collect()
    }

    /// Asks items in order until the code is settled, as the adaptive form does.
    fn adaptive_run(sheet: &[u8]) -> (usize, [RiasecType; 3]) {
        (1..=sheet.len())
            .find_map(|asked| settled_code(QuizForm::Adaptive, &sheet[..asked]).map(|code| (asked, code)))
            .expect("a complete sheet is always settled")
    }

    #[test]
    fn the_adaptive_code_equals_the_full_form_code_on_simulated_sheets() {
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64(2026);
        let sheets = 1_200;
        let mut asked_total = 0;
        for _ in 0..sheets {
            let sheet = simulated_sheet(&mut rng);
            let full_code = holland_code(&Tally::of(&sheet).scores());
            let (asked, adaptive_code) = adaptive_run(&sheet);
            assert_eq!(adaptive_code, full_code, "sheet {sheet:?} stopped after {asked}");
            asked_total += asked;
        }
        let average = asked_total as f64 / f64::from(sheets);
        eprintln!("adaptive form: {average:.1} of 60 items asked on average over {sheets} simulated sheets");
        assert!(average < 60.0, "the adaptive form must save items on average ({average:.1})");
    }

    #[test]
    fn a_settled_code_survives_every_extreme_and_random_completion() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(14);
        let mut settled_prefixes = 0;
        for _ in 0..10_000 {
            let answered = rng.random_range(24..=60);
            let prefix: Vec<u8> = if rng.random_bool(0.5) {
                simulated_sheet(&mut rng)[..answered].to_vec()
            } else {
                (0..answered).map(|_| rng.random_range(1..=5)).collect()
            };
            let Some(code) = settled_code(QuizForm::Adaptive, &prefix) else { continue };
            settled_prefixes += 1;
            // Every type's remaining answers all 1 or all 5 (the extremes where a rank could turn)…
            for extremes in 0u32..64 {
                let completed: Vec<u8> = (0..60)
                    .map(|position| match prefix.get(position) {
                        Some(answer) => *answer,
                        None if extremes & (1 << (position % 6)) != 0 => 5,
                        None => 1,
                    })
                    .collect();
                assert_eq!(holland_code(&Tally::of(&completed).scores()), code, "prefix {prefix:?}");
            }
            // …and a random completion.
            let mut completed = prefix.clone();
            completed.extend((answered..60).map(|_| rng.random_range(1..=5u8)));
            assert_eq!(holland_code(&Tally::of(&completed).scores()), code);
        }
        assert!(settled_prefixes > 500, "the property was checked on {settled_prefixes} settled prefixes");
    }

    #[test]
    fn answer_sheets_travel_as_digits_and_bad_ones_are_refused() {
        assert_eq!(parse_answers(" 3425 "), Ok(vec![3, 4, 2, 5]));
        assert_eq!(answers_text(&[3, 4, 2, 5]), "3425");
        assert_eq!(parse_answers(""), Ok(vec![]));
        assert_eq!(parse_answers("306"), Err(AppError::invalid(Field::Answers, InputProblem::OutOfRange)));
        assert_eq!(parse_answers("3a"), Err(AppError::invalid(Field::Answers, InputProblem::Malformed)));
        assert_eq!(parse_answers(&"3".repeat(61)), Err(AppError::invalid(Field::Answers, InputProblem::TooLong)));
        assert_eq!(parse_answers(&"3".repeat(10_000)), Err(AppError::invalid(Field::Answers, InputProblem::TooLong)));
        assert_eq!(parse_form(Some("adaptive")), Ok(QuizForm::Adaptive));
        assert_eq!(parse_form(None), Err(AppError::invalid(Field::Form, InputProblem::Missing)));
        assert_eq!(parse_form(Some("long")), Err(AppError::invalid(Field::Form, InputProblem::Unknown)));
        assert_eq!(parse_age_band(Some("18-24")), Ok(AgeBand::From18To24));
        assert_eq!(parse_age_band(Some("40-50")), Err(AppError::invalid(Field::AgeBand, InputProblem::Unknown)));
        assert_eq!(parse_resident_id("12"), Ok(12));
        assert_eq!(parse_resident_id("-1"), Err(AppError::invalid(Field::Resident, InputProblem::Malformed)));
    }

    #[test]
    fn only_finished_sheets_are_scored() {
        let missing = Err(AppError::invalid(Field::Answers, InputProblem::Missing));
        assert_eq!(score_sheet(QuizForm::Quick, &[3; 29]), missing);
        assert_eq!(score_sheet(QuizForm::Full, &[3; 30]), missing);
        let quick = score_sheet(QuizForm::Quick, &[3; 30]).expect("complete");
        assert_eq!((quick.scores, quick.code, quick.answered), ([50; 6], [Realistic, Investigative, Artistic], 30));
        // R=5, I=4, A=3, others 1: after 45 answers R's lowest sum ties I's highest (R wins the tie),
        // I's lowest ties A's highest (I wins), and A is out of reach of S, E and C.
        let clear: Vec<u8> = (0..60).map(|position| [5, 4, 3, 1, 1, 1][position % 6]).collect();
        assert_eq!(adaptive_stop(&clear), Some(45));
        assert_eq!(score_sheet(QuizForm::Adaptive, &clear[..44]), missing);
        let adaptive = score_sheet(QuizForm::Adaptive, &clear[..45]).expect("settled");
        assert_eq!(adaptive.code, [Realistic, Investigative, Artistic]);
        assert!(is_complete(QuizForm::Adaptive, &[3; 60]));
    }

    #[test]
    fn a_page_of_the_plain_form_extends_or_changes_the_sheet_without_holes() {
        assert_eq!(merge_page(&[1, 2], &[(3, 4), (2, 3)]), [1, 2, 3, 4]);
        assert_eq!(merge_page(&[1, 2, 3], &[(0, 5)]), [5, 2, 3], "Back changes an answer");
        assert_eq!(merge_page(&[1], &[(2, 4)]), [1], "no gap");
        assert_eq!(merge_page(&[1], &[(1, 9)]), [1], "out of range ignored");
    }

    #[test]
    fn courses_of_this_centre_come_first_and_a_course_without_a_code_never() {
        let person = [Artistic, Social, Enterprising];
        let own = vec![("own-smm", "E".to_owned()), ("own-none", String::new()), ("own-chess", "IC".to_owned())];
        let others = vec![("film", "ASE".to_owned()), ("broken", "AXE".to_owned()), ("welding", "RC".to_owned())];
        assert_eq!(rank_courses(&person, own, others), ["own-smm", "film"]);
    }

    #[test]
    fn summaries_count_first_letters_and_recommendations() {
        assert_eq!(first_letter_counts(["ASE", "AIR", "CEI", ""]), [0, 0, 2, 0, 0, 1]);
        assert_eq!(most_recommended(["3,1", "1", "", "2,3,1"], 2), [(1, 3), (3, 2)]);
    }
}
