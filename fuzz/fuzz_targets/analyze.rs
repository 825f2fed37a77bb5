//! Fuzzes the whole analysis (entities, quantities and their number parsers,
//! quotes, times) on an article made of arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recoupe_core::{Article, Span};

fuzz_target!(|text: &str| {
    let article = Article {
        id: "fuzz".into(),
        doc_hash: String::new(),
        meta: Default::default(),
        text: text.to_string(),
        paragraphs: vec![Span::new(0, text.len())],
        sentences: vec![Span::new(0, text.len())],
        removed: vec![],
        offsets: vec![],
        warnings: vec![],
    };
    let analysis = recoupe_analyze::Analyzer::new().analyze(&article);
    for span in analysis.all_spans() {
        assert!(span.is_valid_in(text));
    }
});
