//! Invariants on arbitrary input: spans in bounds and on char boundaries, text equal to
//! the span's slice, determinism, no panic; and a fuzz of the number and date parsers.

use chrono::NaiveDate;
use proptest::prelude::*;
use recoupe_time::TimeTagger;

fn tagger() -> &'static TimeTagger {
    static T: std::sync::OnceLock<TimeTagger> = std::sync::OnceLock::new();
    T.get_or_init(TimeTagger::new)
}

/// Text made of time-ish words, digits and punctuation, to reach deep parser paths.
fn timeish() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "le",
        "du",
        "au",
        "ou",
        "et",
        "de",
        "l'",
        "la",
        "veille",
        "lendemain",
        "hier",
        "soir",
        "lundi",
        "dimanche",
        "juin",
        "mai",
        "mars",
        "2025",
        "98",
        "1er",
        "21",
        "26",
        "31",
        "0",
        "h",
        "36",
        ":",
        ".",
        "/",
        "-",
        ",",
        "vers",
        "il",
        "y",
        "a",
        "trois",
        "vingt",
        "et",
        "un",
        "ans",
        "jours",
        "mois",
        "tous",
        "les",
        "chaque",
        "dernier",
        "prochain",
        "cette",
        "semaine",
        "années",
        "60",
        "XIXe",
        "siècle",
        "June",
        "23rd",
        "of",
        "last",
        "week",
        "ago",
        "p.m.",
        "été",
        "(",
        ")",
        "à",
        "fin",
        "début",
        "mi-juin",
        "1960s",
        "the",
        "earlier",
        "this",
        "month",
        "quatre-vingt-dix",
        "é",
    ]);
    prop::collection::vec((atoms, prop::sample::select(vec![" ", "", "  ", "\n"])), 0..24)
        .prop_map(|v| v.into_iter().map(|(a, s)| format!("{a}{s}")).collect())
}

fn check_invariants(text: &str, lang: &str, anchor: Option<NaiveDate>) {
    let first = tagger().tag(text, lang, anchor);
    for m in &first {
        assert!(m.span.start <= m.span.end && m.span.end <= text.len());
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        assert_eq!(text.get(m.span.start..m.span.end), Some(m.text.as_str()));
        assert!((0.0..=1.0).contains(&m.confidence));
    }
    let second = tagger().tag(text, lang, anchor);
    assert_eq!(first, second, "non-deterministic output");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_unicode_fr(text in "\\PC{0,200}") {
        check_invariants(&text, "fr", NaiveDate::from_ymd_opt(2025, 6, 24));
    }

    #[test]
    fn arbitrary_unicode_en(text in "\\PC{0,200}") {
        check_invariants(&text, "en", None);
    }

    #[test]
    fn timeish_text(text in timeish(), lang in prop::sample::select(vec!["fr", "en", "de"]), days in -40000i64..40000) {
        let anchor = NaiveDate::from_ymd_opt(2000, 1, 1).and_then(|d| d.checked_add_signed(chrono::Duration::days(days)));
        check_invariants(&text, lang, anchor);
    }

    /// Fuzz of the number and date parsers: digit strings with separators, extreme values.
    #[test]
    fn number_and_date_shapes(a in 0u64..100000, b in 0u64..10000, c in 0u64..100000, sep in prop::sample::select(vec!["/", ".", "-", ":", " h ", "h", ","])) {
        let text = format!("le {a}{sep}{b}{sep}{c} et {a} {b} {c} juin {c}");
        check_invariants(&text, "fr", NaiveDate::from_ymd_opt(2025, 6, 24));
        check_invariants(&text, "en", NaiveDate::from_ymd_opt(1, 1, 1));
    }

    /// Extreme anchors and amounts must not overflow the calendar.
    #[test]
    fn extreme_anchors(text in timeish(), big in prop::sample::select(vec!["999999999", "99999", "9"])) {
        let text = format!("{text} il y a {big} millénaires, dans {big} semaines, {big} weeks ago");
        for anchor in [NaiveDate::MIN, NaiveDate::MAX, NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default()] {
            check_invariants(&text, "fr", Some(anchor));
            check_invariants(&text, "en", Some(anchor));
        }
    }

    #[test]
    fn reanchor_keeps_span(text in timeish(), days in -4000i64..4000) {
        let anchor = NaiveDate::from_ymd_opt(2020, 1, 1).and_then(|d| d.checked_add_signed(chrono::Duration::days(days)));
        for m in tagger().tag(&text, "fr", None) {
            if let Some(a) = anchor {
                let r = recoupe_time::reanchor(&m, "fr", a, "story");
                prop_assert_eq!(r.span, m.span);
                prop_assert_eq!(&r.text, &m.text);
            }
        }
    }

    #[test]
    fn number_words_fuzz(words in prop::collection::vec(prop::sample::select(vec!["vingt", "et", "un", "cent", "mille", "quatre", "dix", "-", "cents", "soixante", "deux", "ans", "jours"]), 0..12)) {
        let text = words.join(" ");
        check_invariants(&text, "fr", NaiveDate::from_ymd_opt(2025, 6, 24));
        let glued = words.join("-");
        check_invariants(&glued, "fr", None);
    }
}
