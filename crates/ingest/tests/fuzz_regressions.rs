//! The committed fuzz corpus of the WARC, JSONL and feed readers, replayed
//! through the very checks the fuzz targets assert (`fuzz/checks/ingest.rs`).

#[path = "../../../fuzz/checks/ingest.rs"]
mod checks;
#[path = "../../../test-support/fuzz_replay.rs"]
mod fuzz_replay;

/// The corpus must not silently vanish: each target keeps well over this many inputs.
const AT_LEAST: usize = 50;

#[test]
fn warc_corpus_replays() {
    assert!(fuzz_replay::replay("warc", checks::warc) >= AT_LEAST);
}

#[test]
fn jsonl_corpus_replays() {
    assert!(fuzz_replay::replay("jsonl", checks::jsonl) >= AT_LEAST);
}

#[test]
fn feed_corpus_replays() {
    assert!(fuzz_replay::replay("feed", checks::feed) >= AT_LEAST);
}
