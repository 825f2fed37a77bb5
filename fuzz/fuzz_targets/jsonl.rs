//! Fuzzes the JSON Lines reader: one document or one error per non-blank
//! line, never more, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../checks/ingest.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::jsonl(data));
