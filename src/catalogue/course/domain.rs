//! One course as its own page shows it (and as a shared link previews it).
use crate::forms::keys::{CourseFormat, InstructionLanguage};
use crate::localized::Localized;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSlot {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// `None` for online sessions.
    pub room: Option<Localized>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseDetail {
    pub id: i32,
    pub slug: String,
    pub title: Localized,
    pub description: Localized,
    pub category: Localized,
    pub centre_id: i32,
    pub centre_slug: String,
    pub centre_name: Localized,
    pub centre_address: Localized,
    pub district_slug: String,
    pub district_name: Localized,
    pub language: InstructionLanguage,
    pub format: CourseFormat,
    pub min_age: i16,
    pub max_age: i16,
    pub capacity: i32,
    pub seats_left: i32,
    pub instructor: String,
    /// Sessions still ahead, soonest first.
    pub upcoming_sessions: Vec<SessionSlot>,
    /// The course's first session ever: age is checked on its date, and enrolment closes once it began.
    pub first_session_at: Option<DateTime<Utc>>,
}

/// The first sentence or so of a description, for link previews (OpenGraph allows ~200 characters).
pub fn preview_text(description: &str, max_chars: usize) -> String {
    let description = description.split_whitespace().collect::<Vec<_>>().join(" ");
    if description.chars().count() <= max_chars {
        return description;
    }
    let cut: String = description.chars().take(max_chars.saturating_sub(1)).collect();
    let at_word = cut.rfind(' ').map(|space| &cut[..space]).unwrap_or(&cut);
    format!("{}…", at_word.trim_end_matches([',', '.', ';', ':', '—', '-']))
}

#[cfg(test)]
mod tests {
    use super::preview_text;

    #[test]
    fn previews_are_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(preview_text("Домбыра  үйренеміз", 100), "Домбыра үйренеміз");
        assert_eq!(preview_text("Мобилография: телефонмен түсіреміз, монтаждаймыз", 30), "Мобилография: телефонмен…");
        assert!(preview_text(&"сөз ".repeat(200), 200).chars().count() <= 200);
    }
}
