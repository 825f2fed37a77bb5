//! Derives this crate's output version from the code and data that make its
//! output (see `build-support/source_hash.rs`): cached dossiers made by other
//! code are rebuilt.

include!("../../build-support/source_hash.rs");

fn main() {
    emit_source_hash(&["src", "../core/src", "../text/src"], &["dossier.toml"]);
}
