//! Slugs: the short ASCII keys in URLs (`almaly`, `almaly-youth-centre`, `dombra-almaly-2`).
use crate::error::{AppError, Field, InputProblem};

/// Longest slug the site ever issues; anything longer is not one of ours.
pub const MAX_SLUG_LEN: usize = 64;

/// The one slug rule: lowercase ASCII letters, digits and single inner dashes, at most
/// [`MAX_SLUG_LEN`] characters. Surrounding spaces are ignored; empty means "none given". The length
/// is checked before anything else looks at the text, so any input is refused in bounded time.
pub fn parse_slug(field: Field, raw: Option<&str>) -> Result<Option<String>, AppError> {
    let Some(raw) = raw.map(str::trim).filter(|value| !value.is_empty()) else {
        return Ok(None);
    };
    if raw.len() > MAX_SLUG_LEN {
        return Err(AppError::invalid(field, InputProblem::TooLong));
    }
    let well_formed = raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !raw.starts_with('-')
        && !raw.ends_with('-')
        && !raw.contains("--");
    if !well_formed {
        return Err(AppError::invalid(field, InputProblem::Malformed));
    }
    Ok(Some(raw.to_owned()))
}

/// `words` and `suffix` joined by a dash, cut so the whole fits [`MAX_SLUG_LEN`] with room for a
/// `-NN` counter; the words give way first, then the suffix. Never empty: `fallback` stands in
/// for words that slugify to nothing.
pub fn join_within_limit(words: &str, suffix: &str, fallback: &str) -> String {
    const COUNTER_ROOM: usize = 4;
    let budget = MAX_SLUG_LEN - COUNTER_ROOM;
    let suffix = cut_at_dash(suffix, budget / 2);
    // `suffix.len() <= budget / 2`, so this cannot underflow.
    let words_room = budget - suffix.len() - usize::from(!suffix.is_empty());
    let words = match cut_at_dash(words, words_room) {
        "" => cut_at_dash(fallback, words_room),
        words => words,
    };
    match (words, suffix) {
        (words, "") => words.to_owned(),
        ("", suffix) => suffix.to_owned(),
        (words, suffix) => format!("{words}-{suffix}"),
    }
}

/// At most `max` bytes of an ASCII slug, without a dash at either end.
fn cut_at_dash(slug: &str, max: usize) -> &str {
    let cut = slug.get(..max.min(slug.len())).unwrap_or_default();
    cut.trim_matches('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_means_none_given() {
        assert_eq!(parse_slug(Field::District, None), Ok(None));
        assert_eq!(parse_slug(Field::District, Some("  ")), Ok(None));
        assert_eq!(parse_slug(Field::District, Some(" almaly ")), Ok(Some("almaly".into())));
    }

    #[test]
    fn malformed_or_huge_slugs_are_refused_with_the_field_name() {
        let refused = |raw: &str, problem| {
            assert_eq!(
                parse_slug(Field::District, Some(raw)),
                Err(AppError::invalid(Field::District, problem)),
                "{raw}"
            )
        };
        refused("Almaly'; drop table", InputProblem::Malformed);
        refused("-x", InputProblem::Malformed);
        refused("x-", InputProblem::Malformed);
        refused("a--b", InputProblem::Malformed);
        refused("Almaly District", InputProblem::Malformed);
        refused(&"a".repeat(MAX_SLUG_LEN + 1), InputProblem::TooLong);
        refused(&"a".repeat(300), InputProblem::TooLong);
        refused(&"қ".repeat(300), InputProblem::TooLong);
        assert!(parse_slug(Field::District, Some(&"a".repeat(MAX_SLUG_LEN))).is_ok());
    }

    #[test]
    fn joined_slugs_fit_the_limit_whatever_the_parts() {
        assert_eq!(join_within_limit("mobilografiia", "almaly", "course"), "mobilografiia-almaly");
        assert_eq!(join_within_limit("", "almaly", "course"), "course-almaly");
        for words_len in [0, 1, 30, 59, 60, 64, 300] {
            for suffix_len in [0, 1, 30, 59, 60, 64, 300] {
                let words = "w".repeat(words_len);
                let suffix = "d".repeat(suffix_len);
                let slug = join_within_limit(&words, &suffix, "course");
                let with_counter = format!("{slug}-99");
                assert_eq!(
                    parse_slug(Field::Slug, Some(&with_counter)),
                    Ok(Some(with_counter.clone())),
                    "{words_len} {suffix_len}"
                );
            }
        }
    }
}
