//! The invariants the `warc`, `jsonl` and `feed` fuzz targets assert, in one
//! place: the fuzz targets and the replay test of the committed corpus
//! (`crates/ingest/tests/fuzz_regressions.rs`) include this file, so CI checks
//! every committed input exactly as the fuzzer did.

use recoupe_core::Document;
use recoupe_ingest::{readers, InputError};

/// WARC, plain and gzip: any bytes give documents and per-record errors,
/// never a panic; every error names a byte offset inside the input.
pub fn warc(data: &[u8]) {
    let check = |r: Result<Document, InputError>| {
        if let Err(InputError::Warc { offset, .. }) = r {
            assert!(offset <= data.len() as u64, "offset {offset} past the end");
        }
    };
    let mut plain = |r| check(r);
    readers::warc(data, &mut plain);
    let mut gz = |r| check(r);
    readers::warc_gz(data, &mut gz);
}

/// JSON Lines: exactly one document or one error per non-blank line.
pub fn jsonl(data: &[u8]) {
    // Counted on the same lossy text and with the same notion of a blank line
    // (`str::trim`) as the reader; one linear pass.
    let lines = String::from_utf8_lossy(data)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    let mut results = 0usize;
    readers::jsonl(data, &mut |_| results += 1);
    assert_eq!(results, lines);
}

/// RSS, Atom, JSON Feed and the item-by-item fallback: never a panic, never
/// an empty document.
pub fn feed(data: &[u8]) {
    readers::feed(data, &mut |r| {
        if let Ok(doc) = r {
            assert!(!doc.raw.is_empty());
        }
    });
}
