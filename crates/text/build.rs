//! Generates the language registry from the workspace's `data/` tree: every
//! folder `data/<code>/` is a language, every file in it one of its resources,
//! every file directly in `data/` a language-independent one. Files are
//! embedded with `include_str!`, so nothing is read at run time, and adding a
//! language is adding a folder: no list in the code names the languages.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Files that document the tree and are not resources.
fn is_resource(name: &str) -> bool {
    !name.starts_with('.') && !name.ends_with(".md")
}

/// A language folder is named by its ISO 639-1 (or 639-3) code.
fn is_language_code(name: &str) -> bool {
    (2..=3).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_lowercase())
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(read) => read.flatten().map(|e| e.path()).collect(),
        Err(error) => panic!("cannot read {}: {error}", dir.display()),
    };
    entries.sort();
    entries
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let data = manifest.join("../../data");
    let data = data.canonicalize().unwrap_or(data);
    // A directory is scanned recursively by cargo: a new folder or file reruns this.
    println!("cargo:rerun-if-changed={}", data.display());

    let mut shared = String::new();
    let mut languages = String::new();
    for path in sorted_entries(&data) {
        let name = file_name(&path);
        if path.is_dir() {
            if !is_language_code(&name) {
                panic!("data/{name}/: a language folder is named by its ISO 639 code (two or three lowercase letters)");
            }
            let mut files = String::new();
            for file in sorted_entries(&path) {
                let file_name = file_name(&file);
                if file.is_dir() {
                    panic!("data/{name}/{file_name}/: a language folder holds files only");
                }
                if is_resource(&file_name) {
                    let _ = writeln!(
                        files,
                        "        ({file_name:?}, include_str!({:?})),",
                        file.display().to_string()
                    );
                }
            }
            let _ = writeln!(languages, "    ({name:?}, &[\n{files}    ]),");
        } else if is_resource(&name) {
            let _ = writeln!(
                shared,
                "    ({name:?}, include_str!({:?})),",
                path.display().to_string()
            );
        }
    }

    let out = format!(
        "/// Language folders of `data/`: (code, [(file name, contents)]), sorted by code and name.\n\
         pub(crate) static LANGUAGE_FILES: &[(&str, &[(&str, &str)])] = &[\n{languages}];\n\n\
         /// Files directly in `data/` (language-independent): (file name, contents).\n\
         pub(crate) static SHARED_FILES: &[(&str, &str)] = &[\n{shared}];\n"
    );
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    if let Err(error) = std::fs::write(out_dir.join("registry.rs"), out) {
        panic!("cannot write the language registry: {error}");
    }
}
