//! Invariants on arbitrary input: no panic, spans inside the text and on char
//! boundaries, same output twice.

mod common;

use proptest::prelude::*;

fn check_invariants(text: &str, language: &str) -> Result<(), TestCaseError> {
    let first = common::analyze(text, language);
    for span in first.all_spans() {
        prop_assert!(span.is_valid_in(text), "span {:?} invalid in {:?}", span, text);
    }
    for entity in &first.entities {
        prop_assert_eq!(entity.span.slice(text), Some(entity.text.as_str()));
    }
    let second = common::analyze(text, language);
    prop_assert_eq!(first, second);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_unicode(text in "\\PC{0,200}", french in any::<bool>()) {
        check_invariants(&text, if french { "fr" } else { "en" })?;
    }

    #[test]
    fn news_like_text(
        words in prop::collection::vec(
            prop::sample::select(vec![
                "Le", "président", "Assimi", "Goïta", "a", "déclaré", "«", "»", "\"", "“", "”", "l'AES", "(AES)",
                "35", "millions", "de", "dollars", "10 000", "10\u{202F}000", "%", "62", "1,5", "1.5", "$", "Moscou",
                "russo-malienne", ",", ".", ":", "\n", "said", "President", "Putin", "M.", "selon", "précise-t-elle",
                "juin", "2025", "23", "é", "\u{0301}", "🙂", "Younous-Bek", "d'", "GOÏTA", "deuxième", "2e", "plus", "than",
            ]),
            0..60,
        ),
        french in any::<bool>(),
    ) {
        let text = words.join(" ");
        check_invariants(&text, if french { "fr" } else { "en" })?;
    }
}
