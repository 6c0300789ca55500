//! Career-guidance questionnaire (Holland's RIASEC model): pure types and scoring rules.
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
