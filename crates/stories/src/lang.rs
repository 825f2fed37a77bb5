//! Per-language resources: function words, frequent news words, stemmer.
//!
//! The word lists are data files (`data/<lang>/*.txt`) embedded at build time, so
//! that adding a language means adding two files and one line to [`RESOURCE_FILES`].

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::text::fold;

/// (language code, stop words, frequent words) as embedded data.
const RESOURCE_FILES: &[(&str, &str, &str)] = &[
    (
        "en",
        include_str!("../data/en/stopwords.txt"),
        include_str!("../data/en/common.txt"),
    ),
    (
        "fr",
        include_str!("../data/fr/stopwords.txt"),
        include_str!("../data/fr/common.txt"),
    ),
];

/// Word lists and stemmer of one language.
pub struct LanguageResources {
    /// Folded function words.
    stopwords: HashSet<String>,
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

/// Snowball algorithm for an ISO 639-1 code, when rust-stemmers has one.
fn stemmer_for(code: &str) -> Option<Algorithm> {
    Some(match code {
        "en" => Algorithm::English,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "es" => Algorithm::Spanish,
        "it" => Algorithm::Italian,
        "pt" => Algorithm::Portuguese,
        "nl" => Algorithm::Dutch,
        "ru" => Algorithm::Russian,
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "fi" => Algorithm::Finnish,
        "hu" => Algorithm::Hungarian,
        "no" | "nb" => Algorithm::Norwegian,
        "ro" => Algorithm::Romanian,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "el" => Algorithm::Greek,
        _ => return None,
    })
}

fn parse_list(data: &str) -> HashSet<String> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.contains(' '))
        .map(fold)
        .collect()
}

fn registry() -> &'static BTreeMap<String, LanguageResources> {
    static REGISTRY: OnceLock<BTreeMap<String, LanguageResources>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut map = BTreeMap::new();
        for (code, stop, common) in RESOURCE_FILES {
            let stemmer = stemmer_for(code).map(Stemmer::create);
            let common = common
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.contains(' '))
                .map(|w| match &stemmer {
                    Some(s) => fold(&s.stem(&w.to_lowercase())),
                    None => fold(w),
                })
                .collect();
            map.insert(
                (*code).to_string(),
                LanguageResources {
                    stopwords: parse_list(stop),
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
    UNKNOWN.get_or_init(|| LanguageResources {
        stopwords: HashSet::new(),
        common: HashSet::new(),
        stemmer: None,
    })
}

/// Resources for a language code (`fr`, `en-GB` and `EN` all work); a language
/// without data gets no stop words and no stemming, but still works.
pub fn resources(code: &str) -> &'static LanguageResources {
    let base: String = code.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    registry().get(&base).unwrap_or_else(|| unknown_language())
}
