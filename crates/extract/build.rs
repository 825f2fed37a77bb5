//! Derives this crate's output version from the code and data that make its
//! output (see `build-support/source_hash.rs`).

include!("../../build-support/source_hash.rs");

fn main() {
    emit_source_hash(
        &["src", "../html/src", "../core/src", "../text/src"],
        &[
            "extract.toml",
            "agencies.toml",
            "detection-words.txt",
            "boilerplate.toml",
            "markup.toml",
            "language-names.toml",
        ],
    );
}
