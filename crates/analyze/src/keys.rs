//! Keys of names no entity table knows, comparable across scripts and
//! inflections: `Путину`, `Путина` and `Putin` all give `putin`.
//!
//! A key is the name folded as [`fold_key`] does (case, accents, apostrophes,
//! dashes), with Russian case endings taken off each Cyrillic word, then
//! transliterated to ASCII by the `any_ascii` crate (Cyrillic, Greek, Arabic,
//! and letters such as `ł` or `ø` that carry no combining accent). Latin names
//! made of plain letters keep exactly their [`fold_key`].
//!
//! The Russian stemmer is deliberately small: it takes one ending off words of
//! five letters or more, so that every case form of a name (nominative
//! included) falls on the same stem; it does not try to recover the
//! nominative. Its endings are data of the language, listed here because they
//! are part of the key format (changing them changes keys).

use recoupe_core::fold_key;

/// Russian noun and adjective endings, longest first.
const RUSSIAN_ENDINGS: &[&str] = &[
    "ого", "его", "ому", "ему", "ыми", "ими", "ами", "ями", "ией", "ий", "ый", "ой", "ая", "яя", "ую", "юю", "ым",
    "им", "ом", "ем", "ём", "ей", "ах", "ях", "ию", "ия", "ии", "а", "я", "у", "ю", "е", "ы", "и", "ь", "й", "о",
];

/// Stem of one lowercase Cyrillic word (see the module documentation).
fn russian_stem(word: &str) -> &str {
    let letters = word.chars().count();
    if letters < 5 {
        return word;
    }
    for ending in RUSSIAN_ENDINGS {
        if let Some(stem) = word.strip_suffix(ending) {
            if stem.chars().count() >= 3 {
                return stem;
            }
        }
    }
    word
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// Key of a name across scripts and inflections.
pub fn name_key(text: &str) -> String {
    // Case endings come off before folding, which would turn `й` into `и`.
    let stemmed;
    let text = if text.chars().any(is_cyrillic) {
        stemmed = text
            .split_whitespace()
            .map(|word| {
                let lower = word.to_lowercase();
                if lower.chars().any(is_cyrillic) {
                    russian_stem(&lower).to_string()
                } else {
                    lower
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        stemmed.as_str()
    } else {
        text
    };
    let folded = fold_key(text);
    if folded.is_ascii() {
        return folded;
    }
    let mut out = String::with_capacity(folded.len());
    for (k, word) in folded.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(&any_ascii::any_ascii(word).to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::name_key;

    fn check(cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            assert_eq!(name_key(input), *expected, "key of {input:?}");
        }
    }

    #[test]
    fn latin_names_keep_their_folded_form() {
        check(&[
            ("Assimi GOÏTA", "assimi goita"),
            ("N’Djoké  Dibango", "n'djoke dibango"),
            ("Łukasz Søndergaard", "lukasz sondergaard"),
        ]);
    }

    #[test]
    fn russian_case_forms_share_one_key() {
        // Own sentences' names: the nominative and oblique cases of a surname,
        // a first name and a place.
        let putin = name_key("Путин");
        assert_eq!(putin, "putin");
        for form in ["Путина", "Путину", "Путиным", "Путине", "ПУТИНА"] {
            assert_eq!(name_key(form), putin, "{form}");
        }
        let full = name_key("Владимир Путин");
        for form in ["Владимира Путина", "Владимиру Путину", "Владимиром Путиным"]
        {
            assert_eq!(name_key(form), full, "{form}");
        }
        let moscow = name_key("Москва");
        for form in ["Москвы", "Москве", "Москву", "Москвой"] {
            assert_eq!(name_key(form), moscow, "{form}");
        }
        let surname = name_key("Зеленский");
        for form in ["Зеленского", "Зеленскому", "Зеленским", "Зеленском"] {
            assert_eq!(name_key(form), surname, "{form}");
        }
        // Different people stay apart.
        assert_ne!(name_key("Лавров"), name_key("Лаврентьев"));
    }

    #[test]
    fn other_scripts_are_transliterated() {
        let greek = name_key("Αθήνα");
        assert!(greek.is_ascii() && greek.starts_with("ath"), "{greek}");
        let arabic = name_key("محمد");
        assert!(arabic.is_ascii() && !arabic.is_empty(), "{arabic}");
        // The same name written in capitals or not gives the same key.
        assert_eq!(name_key("ΑΘΗΝΑ"), name_key("Αθήνα"));
    }
}
