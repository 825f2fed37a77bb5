//! Derives this crate's output version from the code and data that make its
//! output (see `build-support/source_hash.rs`).

include!("../../build-support/source_hash.rs");

fn main() {
    emit_source_hash(
        &["src", "model", "../time/src", "../core/src", "../text/src"],
        &[
            "analyze.toml",
            "calendar.toml",
            "events.toml",
            "gazetteer.toml",
            "first-names.txt",
            "time.toml",
        ],
    );
}
