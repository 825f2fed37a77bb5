//! Fuzzes the time-expression tagger (date, number-word and clock parsers) in
//! French and English: no panic, every span inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let tagger = recoupe_time::TimeTagger::new();
    let anchor = chrono::NaiveDate::from_ymd_opt(2025, 6, 24);
    for lang in ["fr", "en"] {
        for m in tagger.tag(text, lang, anchor) {
            assert!(m.span.is_valid_in(text));
        }
    }
});
