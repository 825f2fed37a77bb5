//! The invariants the `decode` fuzz target asserts, shared with the replay
//! test of the committed corpus (`crates/extract/tests/fuzz_regressions.rs`).

use recoupe_extract::decode::{decode, utf8_damage};

/// The first byte picks the declared charset (bits 0–2; none for 5–7) and
/// whether the bytes are HTML (bit 3, so the `<meta charset>` sniffing is
/// fuzzed too); the rest is the text. Decoding never panics, valid UTF-8
/// without a BOM or a declaration comes back unchanged, the malformed-byte
/// count stays within the input.
///
/// One decode per input, not one plain and one HTML: the charset guesser
/// (chardetng) is most of the cost and would run twice on the same bytes.
pub fn decode_bytes(data: &[u8]) {
    let (declared, is_html, raw) = match data.split_first() {
        Some((b, rest)) => (
            ["utf-8", "windows-1252", "iso-8859-1", "shift_jis", "bogus"]
                .get(*b as usize % 8)
                .copied(),
            b & 8 != 0,
            rest,
        ),
        None => (None, false, data),
    };
    let damage = utf8_damage(raw);
    assert!(damage.bad_bytes <= raw.len());
    assert_eq!(damage.bad_sequences == 0, std::str::from_utf8(raw).is_ok());
    let d = decode(raw, declared, is_html);
    // An HTML page may declare another charset in a `<meta>`, so only plain text
    // without a declaration must come back as it was.
    if let Ok(s) = std::str::from_utf8(raw) {
        if !s.starts_with('\u{feff}') && declared.is_none() && !is_html {
            assert_eq!(d.text, s);
        }
    }
}
