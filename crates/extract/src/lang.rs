//! Language identification, decided once per article and per paragraph at
//! extraction; every later stage reads `Article::language()`.
//!
//! A function-word vote (`data/<lang>/detection-words.txt`) settles clear cases at no
//! cost; lingua's trigram models decide the rest. Lingua is restricted to the
//! major news languages below ([`LANGUAGES`]): enough that an article in a
//! language the analysers do not cover (Spanish, Turkish, Swahili...) gets its
//! real code instead of the nearest covered one, few enough that the binary
//! and the first detection stay small. Measured in `reports/language.md`
//! (`cargo bench -p recoupe-extract --bench language`).

use std::sync::OnceLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

/// The languages lingua may answer. Adding one means adding its lingua
/// feature in `Cargo.toml` and a line here.
pub const LANGUAGES: [Language; 22] = [
    Language::French,
    Language::English,
    Language::German,
    Language::Spanish,
    Language::Italian,
    Language::Portuguese,
    Language::Dutch,
    Language::Russian,
    Language::Arabic,
    Language::Turkish,
    Language::Swahili,
    Language::Polish,
    Language::Romanian,
    Language::Ukrainian,
    Language::Indonesian,
    Language::Persian,
    Language::Chinese,
    Language::Japanese,
    Language::Korean,
    Language::Greek,
    Language::Hindi,
    Language::Swedish,
];

/// Built on first use only: an article whose function words settle its
/// language never loads a model.
fn detector() -> &'static LanguageDetector {
    static D: OnceLock<LanguageDetector> = OnceLock::new();
    D.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&LANGUAGES)
            // Trigram models only: articles and paragraphs are long enough for them,
            // and loading every n-gram size would cost seconds at each start.
            .with_low_accuracy_mode()
            .build()
    })
}

/// Function-word lists per language, from `data/<lang>/detection-words.txt`,
/// sorted by code.
fn stopwords() -> &'static Vec<(String, std::collections::HashSet<String>)> {
    static S: OnceLock<Vec<(String, std::collections::HashSet<String>)>> = OnceLock::new();
    S.get_or_init(|| {
        recoupe_text::data::language_files("detection-words.txt")
            .map(|(lang, text)| {
                let words = recoupe_text::data::word_list(text).map(str::to_string).collect();
                (lang.to_string(), words)
            })
            .collect()
    })
}

/// The language whose function words clearly dominate `text` (at least 8
/// hits and three times the runner-up), or `None` when it is not clear.
fn by_function_words(text: &str, min_hits: usize) -> Option<String> {
    let mut counts: Vec<(usize, &str)> = stopwords().iter().map(|(l, _)| (0, l.as_str())).collect();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(400)
    {
        let lower = word.to_lowercase();
        for (i, (_, set)) in stopwords().iter().enumerate() {
            if set.contains(&lower) {
                counts[i].0 += 1;
            }
        }
    }
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    match counts.as_slice() {
        [(best, lang), (second, _), ..] if *best >= min_hits && *best >= 3 * *second => Some(lang.to_string()),
        _ => None,
    }
}

/// Whether a paragraph reads as `main`, cheaply when its function words say
/// so; otherwise its detected language.
pub fn paragraph_language(text: &str, main: &str) -> Option<String> {
    match by_function_words(text, 4) {
        Some(l) if l == main => Some(l),
        _ => detect(text),
    }
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
    if let Some(lang) = by_function_words(sample, 8) {
        return Some(lang);
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
            detect("La ministre est arrivée samedi à Dakar pour trois jours de travail.").as_deref(),
            Some("fr")
        );
        assert_eq!(
            detect("The president arrived in Moscow on Sunday for an official visit.").as_deref(),
            Some("en")
        );
        assert_eq!(detect("12 34"), None);
        // Short and without many function words: lingua decides.
        assert_eq!(
            detect("Sommet Russie-Afrique : Poutine reçoit Goïta").as_deref(),
            Some("fr")
        );
        assert_eq!(
            detect("Die Regierung hat am Montag beschlossen, dass die Steuern nicht erhöht werden.").as_deref(),
            Some("de")
        );
    }
}
