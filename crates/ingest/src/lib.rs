//! Readers: turn inputs (paths, directories, stdin, URLs) into raw
//! [`Document`]s. Containers (feeds, WARC files, JSONL dumps, gzip) are opened
//! here; what is inside is left to extraction. Each failure names its input,
//! and a failing input never stops the others.

mod feed;
mod fetch;
mod jsonl;
mod sniff;
mod warc;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use recoupe_core::{Document, MediaType, Origin};
use thiserror::Error;

pub use fetch::FetchOptions;

/// Why an input (or a part of it) could not be read.
#[derive(Debug, Error)]
pub enum InputError {
    #[error("{input}: not found")]
    NotFound { input: String },
    #[error("{input}: cannot read: {source}")]
    Io { input: String, source: std::io::Error },
    #[error("{input}: {size} bytes is over the size limit of {limit} bytes")]
    TooLarge { input: String, size: u64, limit: u64 },
    #[error("{input}: broken gzip stream: {message}")]
    Gzip { input: String, message: String },
    #[error("{input}: unreadable feed: {message}")]
    Feed { input: String, message: String },
    #[error("{input}: bad WARC record at byte {offset}: {message}")]
    Warc {
        input: String,
        offset: u64,
        message: String,
    },
    #[error("{input}:{line}: bad JSON line: {message}")]
    Jsonl {
        input: String,
        line: usize,
        message: String,
    },
    #[error("{input}: fetch failed: {message}")]
    Fetch { input: String, message: String },
    #[error("{input}: symbolic link loop (back to {ancestor}); not followed")]
    LinkLoop { input: String, ancestor: String },
    #[error("{input}: broken symbolic link (its target does not exist)")]
    BrokenLink { input: String },
}

/// The container readers on bytes in memory, for fuzzing and tests.
pub mod readers {
    use recoupe_core::Document;

    use crate::{InputError, ReadOptions};

    /// A WARC file (uncompressed).
    pub fn warc(raw: &[u8], sink: &mut dyn FnMut(Result<Document, InputError>)) {
        crate::warc::read_warc_bytes("fuzz.warc", raw, &ReadOptions::default(), sink);
    }

    /// A `.warc.gz` file: gzip members, one or more records each.
    pub fn warc_gz(raw: &[u8], sink: &mut dyn FnMut(Result<Document, InputError>)) {
        crate::warc::read_warc_gz_bytes("fuzz.warc.gz", raw, &ReadOptions::default(), sink);
    }

    /// A JSON Lines dump.
    pub fn jsonl(raw: &[u8], sink: &mut dyn FnMut(Result<Document, InputError>)) {
        crate::jsonl::read_jsonl("fuzz.jsonl", raw, sink);
    }

    /// An RSS, Atom or JSON feed.
    pub fn feed(raw: &[u8], sink: &mut dyn FnMut(Result<Document, InputError>)) {
        crate::feed::read_feed("fuzz.rss", raw, sink);
    }
}

/// Limits and behaviour of the readers.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Largest input read, in bytes (after decompression for gzip). Larger ones are refused.
    pub max_bytes: u64,
    pub fetch: FetchOptions,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: 64 * 1024 * 1024,
            fetch: FetchOptions::default(),
        }
    }
}

/// Reads one input (a path, `-` for stdin, or an http(s) URL) and hands each
/// document or error to `sink`, in a deterministic order.
pub fn read_input(input: &str, options: &ReadOptions, sink: &mut dyn FnMut(Result<Document, InputError>)) {
    if input == "-" {
        let mut raw = Vec::new();
        let limit = options.max_bytes;
        match std::io::stdin().lock().take(limit + 1).read_to_end(&mut raw) {
            Ok(_) if raw.len() as u64 > limit => sink(Err(InputError::TooLarge {
                input: "<stdin>".into(),
                size: raw.len() as u64,
                limit,
            })),
            Ok(_) => read_bytes(Origin::Stdin, "<stdin>", None, raw, options, sink),
            Err(source) => sink(Err(InputError::Io {
                input: "<stdin>".into(),
                source,
            })),
        }
        return;
    }
    if input.starts_with("http://") || input.starts_with("https://") {
        match fetch::fetch(input, &options.fetch, options.max_bytes) {
            Ok(doc) => read_fetched(input, doc, options, sink),
            Err(e) => sink(Err(e)),
        }
        return;
    }
    let path = Path::new(input);
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            for entry in walk(path) {
                match entry {
                    Ok(file) => read_file(&file, options, sink),
                    Err(e) => sink(Err(e)),
                }
            }
        }
        Ok(_) => read_file(path, options, sink),
        Err(e) => sink(Err(missing(input, e))),
    }
}

/// Why a path that cannot be opened cannot: not there, a link loop, a broken link.
fn missing(input: &str, e: std::io::Error) -> InputError {
    let is_link = fs::symlink_metadata(input).is_ok_and(|m| m.file_type().is_symlink());
    // ELOOP: "too many levels of symbolic links".
    if is_link && e.raw_os_error() == Some(40) {
        InputError::LinkLoop {
            input: input.to_string(),
            ancestor: input.to_string(),
        }
    } else if is_link {
        InputError::BrokenLink {
            input: input.to_string(),
        }
    } else if e.kind() == std::io::ErrorKind::NotFound {
        InputError::NotFound {
            input: input.to_string(),
        }
    } else {
        InputError::Io {
            input: input.to_string(),
            source: e,
        }
    }
}

/// Convenience: reads every input and collects documents and errors.
pub fn read_all(inputs: &[String], options: &ReadOptions) -> (Vec<Document>, Vec<InputError>) {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        read_input(input, options, &mut |r| match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        });
    }
    (docs, errors)
}

/// All regular files under `dir`, sorted by path so runs are reproducible.
/// Symbolic links are followed, each file is read once however many links
/// lead to it, and a link back to one of its own parent folders is reported
/// as a loop. Entries that cannot be read (permissions, broken links) are
/// reported, never skipped silently. Hidden files and folders (`.git`, editor
/// backups) are left out on purpose.
fn walk(dir: &Path) -> Vec<Result<PathBuf, InputError>> {
    let mut out: Vec<(PathBuf, Result<(), InputError>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                // The same file through two links is read once.
                let key = fs::canonicalize(e.path()).unwrap_or_else(|_| e.path().to_path_buf());
                if seen.insert(key) {
                    out.push((e.path().to_path_buf(), Ok(())));
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| dir.to_path_buf());
                let input = path.display().to_string();
                let error = if let Some(ancestor) = err.loop_ancestor() {
                    InputError::LinkLoop {
                        input,
                        ancestor: ancestor.display().to_string(),
                    }
                } else {
                    match err.into_io_error() {
                        Some(io) => missing(&input, io),
                        None => InputError::NotFound { input },
                    }
                };
                out.push((path, Err(error)));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(p, r)| r.map(|()| p)).collect()
}

fn read_file(path: &Path, options: &ReadOptions, sink: &mut dyn FnMut(Result<Document, InputError>)) {
    let label = path.display().to_string();
    let size = match fs::metadata(path) {
        Ok(m) => m.len(),
        Err(source) => return sink(Err(InputError::Io { input: label, source })),
    };
    // Checked before reading so a 2 GB file costs nothing.
    if size > options.max_bytes && !label.ends_with(".warc.gz") && !label.ends_with(".warc") {
        return sink(Err(InputError::TooLarge {
            input: label,
            size,
            limit: options.max_bytes,
        }));
    }
    let lower = label.to_lowercase();
    if lower.ends_with(".warc") || lower.ends_with(".warc.gz") {
        return warc::read_warc(path, &label, options, sink);
    }
    let raw = match fs::read(path) {
        Ok(r) => r,
        Err(source) => return sink(Err(InputError::Io { input: label, source })),
    };
    let (raw, name) = if lower.ends_with(".gz") {
        match sniff::gunzip(&raw, options.max_bytes) {
            Ok(r) => (r, lower.trim_end_matches(".gz").to_string()),
            Err(message) => return sink(Err(InputError::Gzip { input: label, message })),
        }
    } else {
        (raw, lower.clone())
    };
    let origin = Origin::File { path: label.clone() };
    read_bytes(origin, &label, Some(&name), raw, options, sink);
}

/// A fetched URL goes through the same container detection as a file: a
/// feed, JSON Lines dump or WARC (gzipped or not) is read as such, from the
/// URL's path when it says, else from the bytes; a page stays one document
/// with the hints the response gave (final URL, charset).
fn read_fetched(url: &str, doc: Document, options: &ReadOptions, sink: &mut dyn FnMut(Result<Document, InputError>)) {
    let path = url.split(['?', '#']).next().unwrap_or(url).to_lowercase();
    let gzipped = doc.raw.starts_with(&[0x1f, 0x8b]);
    let (raw, name) = if gzipped {
        match sniff::gunzip(&doc.raw, options.max_bytes) {
            Ok(r) => (r, path.trim_end_matches(".gz").to_string()),
            Err(message) => {
                return sink(Err(InputError::Gzip {
                    input: url.to_string(),
                    message,
                }))
            }
        }
    } else {
        (Vec::new(), path)
    };
    let bytes: &[u8] = if gzipped { &raw } else { &doc.raw };
    // Only a path with an extension names the container; `/news/article` does not.
    let last = name.rsplit('/').next().unwrap_or("");
    let named = last.contains('.').then_some(name.as_str());
    match sniff::container(named, bytes) {
        sniff::Container::Feed => feed::read_feed(url, bytes, sink),
        sniff::Container::Jsonl => jsonl::read_jsonl(url, bytes, sink),
        sniff::Container::Warc => warc::read_warc_bytes(url, bytes, options, sink),
        sniff::Container::Html | sniff::Container::Text if gzipped => {
            let media = if sniff::container(named, bytes) == sniff::Container::Html {
                MediaType::Html
            } else {
                MediaType::Text
            };
            let hints = doc.hints.clone();
            sink(Ok(Document::new(doc.origin.clone(), media, raw).with_hints(hints)))
        }
        sniff::Container::Html | sniff::Container::Text => sink(Ok(doc)),
    }
}

/// Dispatches on the container format, from the name when it says, else from the bytes.
fn read_bytes(
    origin: Origin,
    label: &str,
    name: Option<&str>,
    raw: Vec<u8>,
    options: &ReadOptions,
    sink: &mut dyn FnMut(Result<Document, InputError>),
) {
    match sniff::container(name, &raw) {
        sniff::Container::Feed => feed::read_feed(label, &raw, sink),
        sniff::Container::Jsonl => jsonl::read_jsonl(label, &raw, sink),
        sniff::Container::Warc => warc::read_warc_bytes(label, &raw, options, sink),
        sniff::Container::Html => sink(Ok(Document::new(origin, MediaType::Html, raw))),
        sniff::Container::Text => sink(Ok(Document::new(origin, MediaType::Text, raw))),
    }
}
