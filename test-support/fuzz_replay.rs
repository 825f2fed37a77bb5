//! Replays the inputs the fuzzers kept (`fuzz/regressions/<target>/`, a
//! minimised corpus, and crash inputs if any) through a check function, without
//! libFuzzer, so CI runs every committed input. Every input is run even when
//! one fails, and the failing files are named.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// The committed inputs of one fuzz target, sorted by name.
pub fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `check` on every committed input of `target`; returns how many ran.
pub fn replay(target: &str, check: fn(&[u8])) -> usize {
    let files = inputs(target);
    let mut failed = Vec::new();
    for path in &files {
        let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if catch_unwind(AssertUnwindSafe(|| check(&data))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} inputs failed: {failed:#?}",
        failed.len(),
        files.len()
    );
    files.len()
}
