//! Fuzzes the JSON Lines reader: one document or one error per non-blank
//! line, never more, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lines = String::from_utf8_lossy(data).lines().filter(|l| !l.trim().is_empty()).count();
    let mut results = 0usize;
    recoupe_ingest::readers::jsonl(data, &mut |_| results += 1);
    assert_eq!(results, lines);
});
