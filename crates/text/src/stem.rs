//! Snowball stemmers (rust-stemmers), chosen by language code.

use rust_stemmers::{Algorithm, Stemmer};

use crate::data::base_code;

/// The Snowball algorithm of a language (`fr`, `pt-BR`...), when rust-stemmers has one.
pub fn stemmer_algorithm(language: &str) -> Option<Algorithm> {
    Some(match base_code(language).as_str() {
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

/// The Snowball stemmer of a language, if there is one.
pub fn stemmer(language: &str) -> Option<Stemmer> {
    stemmer_algorithm(language).map(Stemmer::create)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_by_language_tag() {
        let fr = stemmer("fr-FR").map(|s| s.stem("élections").into_owned());
        assert_eq!(fr.as_deref(), Some("élect"));
        let en = stemmer("EN").map(|s| s.stem("elections").into_owned());
        assert_eq!(en.as_deref(), Some("elect"));
        assert!(stemmer("sw").is_none());
    }
}
