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
/// (relative to the crate) and of the files of the workspace's language tree
/// named `data_files` (`analyze.toml` hashes `data/analyze.toml` if present and
/// every `data/<lang>/analyze.toml`), so that a crate's version follows the
/// code and the data it embeds, and only those; a `rerun-if-changed` line for
/// each folder.
pub fn emit_source_hash(folders: &[&str], data_files: &[&str]) {
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
    if !data_files.is_empty() {
        let data = root.join("../../data");
        println!("cargo:rerun-if-changed={}", data.display());
        let mut tree = Vec::new();
        files(&data, &mut tree);
        tree.sort();
        for path in tree {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if !data_files.contains(&name.as_str()) {
                continue;
            }
            let rel = path.strip_prefix(&data).unwrap_or(&path);
            eat(rel.to_string_lossy().as_bytes());
            eat(&[0]);
            eat(&std::fs::read(&path).unwrap_or_default());
            eat(&[0]);
        }
    }
    println!("cargo:rustc-env=RECOUPE_SOURCE_HASH={:012x}", hash & 0xffff_ffff_ffff);
}
