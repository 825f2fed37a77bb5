//! Words and phrase patterns: the matcher lives with the frame extractor in
//! analysis (`recoupe_analyze::frames::patterns`); the dossier uses the same one.

pub use recoupe_analyze::frames::patterns::{find_all, words, Pattern};
