//! The committed fuzz corpus of charset decoding, replayed through the very
//! checks the `decode` fuzz target asserts (`fuzz/checks/decode.rs`).

#[path = "../../../fuzz/checks/decode.rs"]
mod checks;
#[path = "../../../test-support/fuzz_replay.rs"]
mod fuzz_replay;

#[test]
fn decode_corpus_replays() {
    // The corpus must not silently vanish: it keeps well over 50 inputs.
    assert!(fuzz_replay::replay("decode", checks::decode_bytes) >= 50);
}
