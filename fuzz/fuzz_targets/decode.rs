//! Fuzzes charset decoding: any bytes, with or without a declared charset,
//! decode without panicking; bytes that are valid UTF-8 come back unchanged;
//! the malformed-byte count never exceeds the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recoupe_extract::decode::{decode, utf8_damage};

fuzz_target!(|data: &[u8]| {
    let (declared, raw) = match data.split_first() {
        Some((b, rest)) => (["utf-8", "windows-1252", "iso-8859-1", "shift_jis", "bogus"].get(*b as usize % 8).copied(), rest),
        None => (None, data),
    };
    let damage = utf8_damage(raw);
    assert!(damage.bad_bytes <= raw.len());
    assert_eq!(damage.bad_sequences == 0, std::str::from_utf8(raw).is_ok());
    let d = decode(raw, declared, false);
    if let Ok(s) = std::str::from_utf8(raw) {
        if !s.starts_with('\u{feff}') && declared.is_none() {
            assert_eq!(d.text, s);
        }
    }
    let _ = decode(raw, declared, true);
});
