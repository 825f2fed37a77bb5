//! Fuzzes the plain-text scrape path: decoding, line cleaning, metadata,
//! language and sentences. Any input must give an article or an error, and
//! every span of the article must lie inside its text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recoupe_core::{Document, MediaType, Origin};

fuzz_target!(|data: &[u8]| {
    let doc = Document::new(Origin::Stdin, MediaType::Text, data.to_vec());
    if let Ok(article) = recoupe_extract::extract(&doc) {
        for span in article.paragraphs.iter().chain(&article.sentences) {
            assert!(span.is_valid_in(&article.text));
        }
    }
});
