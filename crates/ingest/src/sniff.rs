//! Telling formats apart by name and by content.

use std::io::Read;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Text,
    Html,
    Feed,
    Jsonl,
    Warc,
}

pub fn container(name: Option<&str>, raw: &[u8]) -> Container {
    if let Some(name) = name {
        let ext = name.rsplit('.').next().unwrap_or("");
        match ext {
            "html" | "htm" | "xhtml" => return Container::Html,
            "rss" | "atom" => return Container::Feed,
            "jsonl" | "ndjson" => return Container::Jsonl,
            "warc" => return Container::Warc,
            "txt" | "text" | "md" => return Container::Text,
            _ => {}
        }
    }
    let head = &raw[..raw.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let lower = head.to_lowercase();
    if lower.starts_with("warc/") {
        Container::Warc
    } else if lower.starts_with("<?xml")
        && (lower.contains("<rss") || lower.contains("<feed") || lower.contains("<rdf"))
        || lower.starts_with("<rss")
        || lower.starts_with("<feed")
    {
        Container::Feed
    } else if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.contains("<body")
        || lower.contains("<head")
    {
        Container::Html
    } else if head.starts_with('{') && name.is_some_and(|n| n.ends_with(".json")) || looks_like_jsonl(head) {
        Container::Jsonl
    } else {
        Container::Text
    }
}

fn looks_like_jsonl(head: &str) -> bool {
    head.starts_with('{') && head.lines().next().is_some_and(|l| l.trim_end().ends_with('}'))
}

/// Decompresses a gzip stream (all members), refusing more than `limit` bytes.
pub fn gunzip(raw: &[u8], limit: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut decoder = flate2::read::MultiGzDecoder::new(raw).take(limit + 1);
    decoder.read_to_end(&mut out).map_err(|e| e.to_string())?;
    if out.len() as u64 > limit {
        return Err(format!("decompresses to more than {limit} bytes"));
    }
    Ok(out)
}
