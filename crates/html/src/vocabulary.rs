//! Embedded data files: markup vocabulary, boilerplate lines per language, language names.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

use serde::Deserialize;

/// Boilerplate line lists, one file per language folder of the workspace's
/// `data/` tree (`data/<code>/boilerplate.toml`). Adding a language is adding
/// that file.
const BOILERPLATE_FILE: &str = "boilerplate.toml";

/// Language-independent files of `data/`.
const MARKUP_FILE: &str = "markup.toml";
const LANGUAGE_NAMES_FILE: &str = "language-names.toml";

/// A file of `data/`, or an empty text (reported as a parse error by the loader).
fn shared(name: &str) -> &'static str {
    recoupe_text::data::shared_file(name).unwrap_or_default()
}

#[derive(Debug, Default, Deserialize)]
struct MarkupFile {
    boilerplate_tokens: Vec<String>,
    boilerplate_fragments: Vec<String>,
    content_fragments: Vec<String>,
    boilerplate_roles: Vec<String>,
    embed_fragments: Vec<String>,
    overlay_tokens: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
struct LanguageFile {
    lines: Vec<String>,
    prefixes: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
struct LanguagesFile {
    to_iso639_1: BTreeMap<String, String>,
}

/// Everything the extractor knows about boilerplate, loaded once.
#[derive(Debug, Default)]
pub struct Vocabulary {
    pub boilerplate_tokens: HashSet<String>,
    pub boilerplate_fragments: Fragments,
    pub content_fragments: Fragments,
    pub embed_fragments: Fragments,
    pub boilerplate_roles: BTreeSet<String>,
    pub overlay_tokens: HashSet<String>,
    /// Normalised boilerplate lines, all languages together: pages often mix them.
    pub boilerplate_lines: BTreeSet<String>,
    pub boilerplate_prefixes: Vec<String>,
    pub language_names: BTreeMap<String, String>,
    /// Data files that failed to parse (a build defect, reported by a test).
    pub load_errors: Vec<String>,
}

/// A set of substrings searched all at once.
#[derive(Debug, Default)]
pub struct Fragments(Option<AhoCorasick>);

impl Fragments {
    fn new(fragments: &[String]) -> Self {
        Fragments(AhoCorasick::new(fragments).ok())
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.0.as_ref().is_some_and(|automaton| automaton.is_match(haystack))
    }
}

pub fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(load)
}

fn load() -> Vocabulary {
    let mut vocabulary = Vocabulary::default();
    match toml::from_str::<MarkupFile>(shared(MARKUP_FILE)) {
        Ok(markup) => {
            vocabulary.boilerplate_tokens = markup.boilerplate_tokens.into_iter().collect();
            vocabulary.boilerplate_fragments = Fragments::new(&markup.boilerplate_fragments);
            vocabulary.content_fragments = Fragments::new(&markup.content_fragments);
            vocabulary.embed_fragments = Fragments::new(&markup.embed_fragments);
            vocabulary.boilerplate_roles = markup.boilerplate_roles.into_iter().collect();
            vocabulary.overlay_tokens = markup.overlay_tokens.into_iter().collect();
        }
        Err(error) => vocabulary.load_errors.push(format!("data/markup.toml: {error}")),
    }
    for (code, text) in recoupe_text::data::language_files(BOILERPLATE_FILE) {
        match toml::from_str::<LanguageFile>(text) {
            Ok(file) => {
                vocabulary
                    .boilerplate_lines
                    .extend(file.lines.iter().map(|line| normalize_line(line)));
                vocabulary
                    .boilerplate_prefixes
                    .extend(file.prefixes.iter().map(|p| p.to_lowercase()));
            }
            Err(error) => vocabulary
                .load_errors
                .push(format!("data/{code}/boilerplate.toml: {error}")),
        }
    }
    match toml::from_str::<LanguagesFile>(shared(LANGUAGE_NAMES_FILE)) {
        Ok(file) => vocabulary.language_names = file.to_iso639_1,
        Err(error) => vocabulary
            .load_errors
            .push(format!("data/language-names.toml: {error}")),
    }
    vocabulary
}

/// Lower-cases, folds whitespace and strips trailing punctuation so that
/// `Lire aussi :` and `lire aussi` compare equal.
pub fn normalize_line(line: &str) -> String {
    let folded = line.split_whitespace().collect::<Vec<_>>().join(" ");
    folded
        .to_lowercase()
        .trim_end_matches(|c: char| matches!(c, ':' | '.' | '!' | '»' | '›' | '>' | '…' | '→') || c.is_whitespace())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        let vocabulary = vocabulary();
        assert!(vocabulary.load_errors.is_empty(), "{:?}", vocabulary.load_errors);
        assert!(vocabulary.boilerplate_lines.contains("lire aussi"));
        assert!(vocabulary.boilerplate_lines.contains("share this article"));
        assert_eq!(vocabulary.language_names.get("french").map(String::as_str), Some("fr"));
    }

    #[test]
    fn line_normalisation() {
        assert_eq!(normalize_line("  Lire   aussi : "), "lire aussi");
        assert_eq!(normalize_line("READ MORE »"), "read more");
    }
}
