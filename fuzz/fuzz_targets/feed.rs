//! Fuzzes the feed reader (RSS, Atom, JSON Feed, and the item-by-item
//! fallback for feeds that do not parse whole): never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    recoupe_ingest::readers::feed(data, &mut |r| {
        if let Ok(doc) = r {
            assert!(!doc.raw.is_empty());
        }
    });
});
