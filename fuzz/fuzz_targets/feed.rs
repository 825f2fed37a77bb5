//! Fuzzes the feed reader (RSS, Atom, JSON Feed, and the item-by-item
//! fallback for feeds that do not parse whole): never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../checks/ingest.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::feed(data));
