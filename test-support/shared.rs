//! Where tests find the project's `../shared` folder (real seed articles and
//! data that never enter the repository). Included by tests with
//! `#[path = "../../../test-support/shared.rs"] mod shared_support;`.
//!
//! A missing folder is never a silent pass: outside CI the test prints a
//! `SKIP` line to stderr (visible with `cargo test -- --nocapture`, and in the
//! summary of a failing run) and returns; in CI (`CI` set), where `../shared`
//! is laid beside the clone, a missing folder fails the test.

#![allow(dead_code)]

use std::path::PathBuf;

/// The `shared` folder: `$RECOUPE_SHARED` when set, else `../shared` beside
/// the repository.
pub fn shared_root() -> PathBuf {
    match std::env::var_os("RECOUPE_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
    }
}

/// `shared/<rel>` when it exists. When it does not: panics in CI, else prints
/// `SKIP <test>: ...` and returns `None`.
pub fn shared_path(rel: &str, test: &str) -> Option<PathBuf> {
    let path = shared_root().join(rel);
    if path.exists() {
        return Some(path);
    }
    let message = format!(
        "{test}: {} is absent (set RECOUPE_SHARED to the shared folder)",
        path.display()
    );
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0") {
        panic!("{message}; CI must have it");
    }
    eprintln!("SKIP {message}");
    None
}
