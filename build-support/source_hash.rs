// Shared by the build scripts of the crates whose version must follow their
// code and data (`include!`d, so no build-dependency crate is needed).
// FNV-1a 64 over sorted relative paths and contents: stored results made by
// other code or data are recomputed.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Prints `RECOUPE_SOURCE_HASH`: a hash of every file under `folders`
/// (relative to the crate), and a `rerun-if-changed` line for each folder.
pub fn emit_source_hash(folders: &[&str]) {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for folder in folders {
        let dir = root.join(folder);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut all = Vec::new();
        files(&dir, &mut all);
        all.sort();
        for path in all {
            let rel = path.strip_prefix(&root).unwrap_or(&path);
            eat(rel.to_string_lossy().as_bytes());
            eat(&[0]);
            eat(&std::fs::read(&path).unwrap_or_default());
            eat(&[0]);
        }
    }
    println!("cargo:rustc-env=RECOUPE_SOURCE_HASH={:012x}", hash & 0xffff_ffff_ffff);
}
