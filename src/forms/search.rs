//! The one text fold for case-insensitive search, shared by the course catalogue and the mentors'
//! resident search. SQLite's `LIKE` folds only ASCII letters, so stored text and queries are both
//! folded in Rust and compared with a plain `LIKE`, the same on SQLite and PostgreSQL.

/// Folds text for case-insensitive search in every UI language: Unicode lower case (which covers
/// Cyrillic and the Kazakh letters ә ғ қ ң ө ұ ү һ і) and ё → е, as Russian readers treat them alike.
pub fn fold_for_search(text: &str) -> String {
    text.to_lowercase().replace('ё', "е")
}

#[cfg(test)]
mod tests {
    use super::fold_for_search;

    #[test]
    fn search_fold_covers_kazakh_and_russian_letters() {
        assert_eq!(fold_for_search("ӘҒҚҢӨҰҮҺІ"), "әғқңөұүһі");
        assert_eq!(fold_for_search("Мобилография ЁЛКА"), "мобилография елка");
        assert_eq!(fold_for_search("Айгерім Нұрланқызы"), "айгерім нұрланқызы");
        assert_eq!(fold_for_search("Dombra"), "dombra");
    }
}
