//! Language identification with lingua, restricted to the languages recoupe
//! meets in news so that it is fast and accurate on short text.

use std::sync::OnceLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

fn detector() -> &'static LanguageDetector {
    static D: OnceLock<LanguageDetector> = OnceLock::new();
    D.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&[
            Language::French,
            Language::English,
            Language::German,
            Language::Spanish,
            Language::Italian,
            Language::Portuguese,
            Language::Dutch,
            Language::Russian,
            Language::Arabic,
        ])
        .with_preloaded_language_models()
        .build()
    })
}

/// ISO 639-1 code of the language of `text`, or `None` when undecided.
/// Only the first 1,500 bytes are read: enough for a reliable answer, and it
/// keeps detection cost flat on long articles.
pub fn detect(text: &str) -> Option<String> {
    let mut end = text.len().min(1500);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 12 {
        return None;
    }
    detector()
        .detect_language_of(sample)
        .map(|l| l.iso_code_639_1().to_string().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_english() {
        assert_eq!(
            detect("Le président est arrivé ce dimanche à Moscou pour une visite officielle.").as_deref(),
            Some("fr")
        );
        assert_eq!(
            detect("The president arrived in Moscow on Sunday for an official visit.").as_deref(),
            Some("en")
        );
        assert_eq!(detect("12 34"), None);
    }
}
