//! Feeds arbitrary bytes (as UTF-8, lossily) to `extract_html`: it must return a result
//! or an error, never panic, overflow the stack or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    if let Ok(article) = recoupe_html::extract_html(&html, Some("https://example.org/page")) {
        assert!(!article.text.contains("\n\n\n"));
    }
});
