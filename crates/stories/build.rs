//! Derives this crate's output version from the code and data that make its
//! output (see `build-support/source_hash.rs`): a persisted engine state made
//! by other code is rebuilt, not restored.

include!("../../build-support/source_hash.rs");

fn main() {
    emit_source_hash(
        &["src", "../core/src", "../text/src"],
        &["stopwords.txt", "common-words.txt"],
    );
}
