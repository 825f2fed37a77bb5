//! Per-language resources: function words, frequent news words, stemmer.
//!
//! The word lists are data files of the workspace's language tree
//! (`data/<lang>/stopwords.txt`, `data/<lang>/common-words.txt`), embedded at
//! build time by `recoupe-text`: adding a language means adding those files.
//! A language without them gets no stop words and no stemming.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use recoupe_text::data::{language_file, languages, word_list};
use recoupe_text::{fold, stemmer, stopwords, Stemmer};

/// The file of frequent news words, down-weighted in story terms.
const COMMON_WORDS_FILE: &str = "common-words.txt";
/// The function-word file (read through [`recoupe_text::stopwords`]).
const STOPWORDS_FILE: &str = "stopwords.txt";

/// Word lists and stemmer of one language.
pub struct LanguageResources {
    /// Folded function words.
    stopwords: &'static HashSet<String>,
    /// Folded stems of frequent words, down-weighted.
    common: HashSet<String>,
    stemmer: Option<Stemmer>,
}

impl LanguageResources {
    pub fn is_stopword(&self, folded: &str) -> bool {
        self.stopwords.contains(folded)
    }

    /// Whether a folded stem is the stem of a frequent news word.
    pub fn is_common(&self, folded_stem: &str) -> bool {
        self.common.contains(folded_stem)
    }

    /// Stem of a lowercase word (accents kept: the Snowball stemmers expect them).
    pub fn stem<'a>(&self, lower: &'a str) -> Cow<'a, str> {
        match &self.stemmer {
            Some(s) => s.stem(lower),
            None => Cow::Borrowed(lower),
        }
    }
}

fn registry() -> &'static BTreeMap<String, LanguageResources> {
    static REGISTRY: OnceLock<BTreeMap<String, LanguageResources>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut map = BTreeMap::new();
        for code in languages() {
            let common_text = language_file(code, COMMON_WORDS_FILE);
            if common_text.is_none() && language_file(code, STOPWORDS_FILE).is_none() {
                continue;
            }
            let stemmer = stemmer(code);
            let common = word_list(common_text.unwrap_or_default())
                .map(|w| match &stemmer {
                    Some(s) => fold(&s.stem(&w.to_lowercase())),
                    None => fold(w),
                })
                .collect();
            map.insert(
                code.to_string(),
                LanguageResources {
                    stopwords: stopwords(code),
                    common,
                    stemmer,
                },
            );
        }
        map
    })
}

fn unknown_language() -> &'static LanguageResources {
    static UNKNOWN: OnceLock<LanguageResources> = OnceLock::new();
    static NO_WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    UNKNOWN.get_or_init(|| LanguageResources {
        stopwords: NO_WORDS.get_or_init(HashSet::new),
        common: HashSet::new(),
        stemmer: None,
    })
}

/// Resources for a language code (`fr`, `en-GB` and `EN` all work); a language
/// without data gets no stop words and no stemming, but still works.
pub fn resources(code: &str) -> &'static LanguageResources {
    registry()
        .get(&recoupe_text::data::base_code(code))
        .unwrap_or_else(|| unknown_language())
}
