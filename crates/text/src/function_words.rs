//! Function words of each language (`data/<lang>/stopwords.txt`), folded.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use crate::data::{base_code, language_files, word_list};
use crate::fold::fold;

/// The folded function words of a language (`le`, `the`, `und`...); empty for
/// a language without a `stopwords.txt`.
pub fn stopwords(language: &str) -> &'static HashSet<String> {
    static LISTS: OnceLock<BTreeMap<&'static str, HashSet<String>>> = OnceLock::new();
    static NONE: OnceLock<HashSet<String>> = OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        language_files("stopwords.txt")
            .map(|(code, text)| (code, word_list(text).map(fold).collect()))
            .collect()
    });
    lists
        .get(base_code(language).as_str())
        .unwrap_or_else(|| NONE.get_or_init(HashSet::new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_folded_per_language() {
        assert!(stopwords("fr").contains("le"));
        assert!(stopwords("fr-FR").contains("etaient"), "folded: étaient");
        assert!(stopwords("en").contains("the"));
        assert!(!stopwords("en").contains("le"));
        assert!(stopwords("xx").is_empty());
    }
}
