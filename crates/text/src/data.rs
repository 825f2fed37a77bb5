//! The language tree `data/`, embedded at build time (see `build.rs`).
//!
//! `data/<code>/<file>` is a resource of one language (`data/fr/time.toml`);
//! `data/<file>` is language-independent (`data/events.toml`). A crate asks for
//! a file by name and gets every language that has it, so adding a language is
//! adding a folder: no crate keeps a list of languages.

include!(concat!(env!("OUT_DIR"), "/registry.rs"));

/// The base code of a language tag: `fr-FR`, `FR` and `fr_CA` all give `fr`.
pub fn base_code(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or("").trim().to_ascii_lowercase()
}

/// Codes of the language folders, sorted.
pub fn languages() -> impl Iterator<Item = &'static str> {
    LANGUAGE_FILES.iter().map(|(code, _)| *code)
}

/// The contents of `data/<language>/<name>`, if that language has the file.
/// `language` may be a full tag (`pt-BR`).
pub fn language_file(language: &str, name: &str) -> Option<&'static str> {
    let code = base_code(language);
    LANGUAGE_FILES
        .iter()
        .find(|(c, _)| *c == code)
        .and_then(|(_, files)| files.iter().find(|(n, _)| *n == name))
        .map(|(_, text)| *text)
}

/// Every language that has the file `name`: (code, contents), sorted by code.
pub fn language_files(name: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    LANGUAGE_FILES
        .iter()
        .filter_map(move |(code, files)| files.iter().find(|(n, _)| *n == name).map(|(_, text)| (*code, *text)))
}

/// The main language of the product (French): where the rules of every
/// language are merged and the first match wins, its rules come first.
pub const PRIMARY_LANGUAGE: &str = "fr";

/// As [`language_files`], with [`PRIMARY_LANGUAGE`] first, then the others by code.
pub fn language_files_primary_first(name: &str) -> Vec<(&'static str, &'static str)> {
    let mut all: Vec<(&str, &str)> = language_files(name).collect();
    all.sort_by_key(|(code, _)| (*code != PRIMARY_LANGUAGE, *code));
    all
}

/// The contents of the language-independent file `data/<name>`.
pub fn shared_file(name: &str) -> Option<&'static str> {
    SHARED_FILES.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

/// Entries of a word-list file: one per line, trimmed; blank lines and `#`
/// comments skipped, and lines holding a space (phrases do not fit a word list).
pub fn word_list(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.contains(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_folder_is_a_language_with_files() {
        let codes: Vec<&str> = languages().collect();
        assert!(codes.contains(&"fr") && codes.contains(&"en"), "{codes:?}");
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted);
        for (code, files) in LANGUAGE_FILES {
            assert!(!files.is_empty(), "data/{code}/ is empty");
        }
    }

    #[test]
    fn files_are_found_by_language_tag_and_name() {
        let fr = language_file("fr-FR", "time.toml").unwrap_or_default();
        assert!(fr.contains("demain"));
        assert_eq!(language_file("FR", "time.toml"), Some(fr));
        assert_eq!(language_file("fr", "no-such-file.toml"), None);
        assert_eq!(language_file("xx", "time.toml"), None);
        let with_time: Vec<&str> = language_files("time.toml").map(|(c, _)| c).collect();
        assert!(with_time.contains(&"ar") && with_time.contains(&"ru"), "{with_time:?}");
        let ordered: Vec<&str> = language_files_primary_first("time.toml")
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert_eq!(ordered.first(), Some(&"fr"));
        assert_eq!(ordered.get(1), Some(&"ar"));
        assert!(shared_file("events.toml").is_some_and(|t| !t.is_empty()));
        assert_eq!(shared_file("time.toml"), None);
    }

    #[test]
    fn word_lists_skip_comments_blanks_and_phrases() {
        let words: Vec<&str> = word_list("# comment\n le \n\nde la\nles\n").collect();
        assert_eq!(words, ["le", "les"]);
    }
}
