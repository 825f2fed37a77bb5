//! Invariants of extraction on arbitrary input: no panic, spans in bounds and
//! on char boundaries, sentences inside paragraphs, nothing lost, deterministic.

use proptest::prelude::*;
use recoupe_core::{Document, MediaType, Origin};

fn doc(bytes: Vec<u8>, media: MediaType) -> Document {
    Document::new(
        Origin::File {
            path: "prop.txt".into(),
        },
        media,
        bytes,
    )
}

fn check_article(raw: &str, media: MediaType) {
    let d = doc(raw.as_bytes().to_vec(), media);
    let Ok(a) = recoupe_extract::extract(&d) else { return };
    for p in &a.paragraphs {
        assert!(p.is_valid_in(&a.text), "paragraph {p:?} invalid");
    }
    for s in &a.sentences {
        assert!(s.is_valid_in(&a.text), "sentence {s:?} invalid");
        assert!(
            a.paragraphs.iter().any(|p| p.contains(*s)),
            "sentence {s:?} outside paragraphs"
        );
    }
    for o in &a.offsets {
        let clean = a.text.get(o.clean_start..o.clean_start + o.clean_len);
        let source = raw.get(o.raw_start..o.raw_start + o.raw_len);
        assert_eq!(clean, source, "offset piece {o:?} does not map back");
    }
    if media == MediaType::Text {
        // Every non-blank line is in the body or listed as removed.
        for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let kept = a.text.contains(line)
                || a.removed
                    .iter()
                    .any(|r| line.contains(r.text.as_str()) || r.text.contains(line));
            assert!(kept, "line lost: {line:?}");
        }
    }
    let again = recoupe_extract::extract(&d).ok();
    assert_eq!(again.as_ref(), Some(&a), "not deterministic");
}

fn scrape_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-zÀ-ÿ’«» ,.;:!?0-9%]{0,120}",
        Just("Screenshot".to_string()),
        Just("#Mali #Russie #Coopération".to_string()),
        Just("3 mars 2025 Dernière mise à jour le Lundi 3 Mars 2025 à 09:12".to_string()),
        Just("Réagissez à cet article".to_string()),
        Just("AB/cd/AFP".to_string()),
        Just("Le général est arrivé ce dimanche à Moscou pour une visite officielle de haut niveau.".to_string()),
        Just("Jean Dupont".to_string()),
        "\\PC{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn text_scrapes_keep_invariants(lines in prop::collection::vec(scrape_line(), 0..12)) {
        check_article(&lines.join("\n"), MediaType::Text);
    }

    #[test]
    fn arbitrary_unicode_does_not_panic(s in "\\PC{0,400}") {
        check_article(&s, MediaType::Text);
        check_article(&s, MediaType::Html);
    }

    #[test]
    fn arbitrary_bytes_do_not_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = recoupe_extract::extract(&doc(bytes.clone(), MediaType::Text));
        let _ = recoupe_extract::extract(&doc(bytes, MediaType::Html));
    }
}
