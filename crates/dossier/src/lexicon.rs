//! Language resources of the dossier builder (ranks, summary stopwords, day
//! names), loaded from `data/<lang>/dossier.toml` at the workspace root
//! (embedded in the binary). Event and figure words live with the frame
//! extractor in analysis (`data/<lang>/events.toml`). Adding a language is
//! adding that file; no code changes.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use recoupe_text::calendar::Calendar;
use serde::Deserialize;

use crate::text::Pattern;

/// The file of each language folder read here.
const LEXICON_FILE: &str = "dossier.toml";

/// Embedded lexicons: (ISO 639-1 code, TOML text). French first: in the
/// all-languages lexicon the first matching rank wins.
fn languages() -> Vec<(&'static str, &'static str)> {
    recoupe_text::data::language_files_primary_first(LEXICON_FILE)
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRank {
    name: String,
    family: String,
    #[serde(default)]
    generic: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    #[serde(default)]
    rank: Vec<RawRank>,
    #[serde(default)]
    summary: RawSummary,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSummary {
    #[serde(default)]
    stopwords: Vec<String>,
}

/// A rank of the rank ontology (see the data files).
#[derive(Debug, Clone)]
pub struct Rank {
    pub pattern: Pattern,
    pub family: String,
    pub generic: bool,
}

/// All resources for one language (or the union of all, for unknown ones).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub ranks: Vec<Rank>,
    pub stopwords: BTreeSet<String>,
    /// Weekday names (`data/<lang>/calendar.toml`), one calendar per language.
    pub weekdays: Vec<&'static Calendar>,
}

impl Lexicon {
    fn from_raw(code: &str, raw: RawLexicon) -> Lexicon {
        Lexicon {
            ranks: raw
                .rank
                .into_iter()
                .filter_map(|r| {
                    Pattern::parse(&r.name).map(|pattern| Rank {
                        pattern,
                        family: r.family,
                        generic: r.generic,
                    })
                })
                .collect(),
            stopwords: raw.summary.stopwords.iter().map(|s| recoupe_text::fold(s)).collect(),
            weekdays: recoupe_text::calendar::for_language(code).into_iter().collect(),
        }
    }

    /// Adds everything of `other` to `self` (used for the all-languages lexicon).
    fn absorb(&mut self, other: Lexicon) {
        self.ranks.extend(other.ranks);
        self.stopwords.extend(other.stopwords);
        self.weekdays.extend(other.weekdays);
    }

    /// Every rank of every language: ranks of one person are compared across
    /// outlets writing in different languages.
    pub fn all() -> &'static Lexicon {
        static ALL: OnceLock<Lexicon> = OnceLock::new();
        ALL.get_or_init(|| {
            let mut all = Lexicon::default();
            for (code, text) in languages() {
                all.absorb(parse(code, text));
            }
            all
        })
    }

    /// The lexicon of `lang` (ISO 639-1), or the union of all for an unknown language.
    pub fn for_language(lang: &str) -> &'static Lexicon {
        static EACH: OnceLock<Vec<(String, Lexicon)>> = OnceLock::new();
        let each = EACH.get_or_init(|| {
            languages()
                .into_iter()
                .map(|(code, text)| (code.to_string(), parse(code, text)))
                .collect()
        });
        each.iter()
            .find(|(code, _)| code == lang)
            .map(|(_, lex)| lex)
            .unwrap_or_else(|| Lexicon::all())
    }
}

/// The embedded data files are part of the build; a malformed one is caught by
/// the crate's tests, and at run time degrades to an empty lexicon rather than a panic.
fn parse(code: &str, text: &str) -> Lexicon {
    Lexicon::from_raw(code, toml::from_str::<RawLexicon>(text).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicons_parse_and_are_not_empty() {
        for (code, text) in languages() {
            let raw: Result<RawLexicon, _> = toml::from_str(text);
            assert!(raw.is_ok(), "{code}: {raw:?}");
            let lex = Lexicon::for_language(code);
            assert!(!lex.ranks.is_empty(), "{code}");
            assert!(!lex.stopwords.is_empty(), "{code}");
            assert_eq!(lex.weekdays.len(), 1, "{code}");
        }
        assert!(!Lexicon::for_language("xx").ranks.is_empty());
    }
}
