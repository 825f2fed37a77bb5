//! Readers: files, directories, stdin, HTML, RSS/Atom feeds, WARC, JSONL, URLs; encoding detection.
