use serde::{Deserialize, Serialize};

use crate::keys::content_hash;

/// Where a document came from. Kept verbatim so a user can go back to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// A file on disk.
    File { path: String },
    /// Standard input.
    Stdin,
    /// An HTTP(S) URL, after redirects (`final_url`).
    Url { url: String, final_url: Option<String> },
    /// One item of an RSS/Atom/JSON feed.
    FeedItem {
        feed: String,
        index: usize,
        link: Option<String>,
    },
    /// One response record of a WARC file, at a byte offset of the (decompressed) stream.
    WarcRecord {
        file: String,
        offset: u64,
        target_uri: Option<String>,
    },
    /// One line of a JSON Lines dump (1-based line number).
    JsonlLine { file: String, line: usize },
}

impl Origin {
    /// A short human label, used in messages and source lists.
    pub fn label(&self) -> String {
        match self {
            Origin::File { path } => path.clone(),
            Origin::Stdin => "<stdin>".to_string(),
            Origin::Url { url, .. } => url.clone(),
            Origin::FeedItem { feed, index, link } => match link {
                Some(l) => format!("{feed}#{index} ({l})"),
                None => format!("{feed}#{index}"),
            },
            Origin::WarcRecord {
                file,
                offset,
                target_uri,
            } => match target_uri {
                Some(u) => format!("{file}@{offset} ({u})"),
                None => format!("{file}@{offset}"),
            },
            Origin::JsonlLine { file, line } => format!("{file}:{line}"),
        }
    }
}

/// What the raw bytes are, as far as the reader could tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaType {
    /// Plain text scrape (title or lead on the first line, often with junk lines).
    Text,
    /// An HTML page.
    Html,
}

/// Metadata given by the container rather than the text itself (a feed item's
/// title and date, a JSONL record's fields, an HTTP header). Hints have
/// priority over what extraction guesses from the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hints {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A date or date-time as the source wrote it (RFC 3339, RFC 2822 or ISO date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The charset the container declared (HTTP header, WARC header), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charset: Option<String>,
}

/// Raw bytes plus where they came from. Stored before any analysis, so that
/// analysis can be re-run with a newer version without re-ingesting.
///
/// The identity of a document is its source *and* its content: outlet B's
/// verbatim reprint of outlet A is a document of its own (a copy, linked to
/// the first through `content`), while reading the same input again gives the
/// same identity, so ingest stays idempotent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Identity, hex: SHA-256 of [`Document::source_key`] and `content`. Ingest is idempotent on it.
    pub hash: String,
    /// SHA-256 of `raw`, hex: equal for identical bodies whatever their source.
    #[serde(default)]
    pub content: String,
    pub origin: Origin,
    pub media_type: MediaType,
    pub hints: Hints,
    #[serde(skip)]
    pub raw: Vec<u8>,
}

impl Document {
    pub fn new(origin: Origin, media_type: MediaType, raw: Vec<u8>) -> Self {
        let content = content_hash(&raw);
        let hash = identity_hash(&source_key(&origin, &Hints::default()), &content);
        Document {
            hash,
            content,
            origin,
            media_type,
            hints: Hints::default(),
            raw,
        }
    }

    pub fn with_hints(mut self, hints: Hints) -> Self {
        self.hints = hints;
        self.hash = identity_hash(&self.source_key(), &self.content);
        self
    }

    /// Where the document was published, as stably as the input tells: its URL
    /// when known, else its outlet, else the file (or dump) it was read from.
    pub fn source_key(&self) -> String {
        source_key(&self.origin, &self.hints)
    }

    /// The short id shown to users: the first 16 hex digits of the hash.
    pub fn short_id(&self) -> &str {
        &self.hash[..16.min(self.hash.len())]
    }
}

/// The identity hash of a document from its source key and content hash.
pub fn identity_hash(source_key: &str, content: &str) -> String {
    let mut bytes = Vec::with_capacity(source_key.len() + content.len() + 1);
    bytes.extend_from_slice(source_key.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(content.as_bytes());
    content_hash(&bytes)
}

/// See [`Document::source_key`]. A URL loses its fragment and surrounding
/// space, and its scheme and host are lower-cased, so that the same page read
/// twice keeps one identity.
pub fn source_key(origin: &Origin, hints: &Hints) -> String {
    let url = hints
        .url
        .as_deref()
        .or(match origin {
            Origin::Url { url, final_url } => Some(final_url.as_deref().unwrap_or(url)),
            Origin::WarcRecord { target_uri, .. } => target_uri.as_deref(),
            Origin::FeedItem { link, .. } => link.as_deref(),
            _ => None,
        })
        .map(str::trim)
        .filter(|u| !u.is_empty());
    if let Some(url) = url {
        let url = url.split('#').next().unwrap_or(url);
        let (head, rest) = match url.find("://") {
            Some(i) => {
                let after = &url[i + 3..];
                let end = after.find('/').map_or(url.len(), |j| i + 3 + j);
                (url[..end].to_lowercase(), &url[end..])
            }
            None => (String::new(), url),
        };
        return format!("url:{head}{rest}");
    }
    if let Some(outlet) = hints.outlet.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        return format!("outlet:{}", outlet.to_lowercase());
    }
    match origin {
        Origin::File { path } => format!("file:{path}"),
        Origin::Stdin => "stdin".to_string(),
        Origin::Url { url, .. } => format!("url:{url}"),
        Origin::FeedItem { feed, .. } => format!("file:{feed}"),
        Origin::WarcRecord { file, .. } => format!("file:{file}"),
        Origin::JsonlLine { file, .. } => format!("file:{file}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, body: &str) -> Document {
        Document::new(
            Origin::File { path: path.into() },
            MediaType::Text,
            body.as_bytes().to_vec(),
        )
    }

    #[test]
    fn identity_is_source_and_content() {
        let a = file("a/one.txt", "Le texte.");
        let b = file("b/one.txt", "Le texte.");
        assert_eq!(a.content, b.content);
        assert_ne!(a.hash, b.hash);
        assert_eq!(a.hash, file("a/one.txt", "Le texte.").hash);
        assert_ne!(a.hash, file("a/one.txt", "Autre texte.").hash);
    }

    #[test]
    fn url_beats_the_file_it_came_in() {
        let hints = |url: &str| Hints {
            url: Some(url.into()),
            ..Hints::default()
        };
        let a = Document::new(
            Origin::JsonlLine {
                file: "d1.jsonl".into(),
                line: 3,
            },
            MediaType::Text,
            b"x".to_vec(),
        )
        .with_hints(hints("HTTPS://Example.org/a#top"));
        let b = Document::new(
            Origin::JsonlLine {
                file: "d2.jsonl".into(),
                line: 9,
            },
            MediaType::Text,
            b"x".to_vec(),
        )
        .with_hints(hints(" https://example.org/a "));
        assert_eq!(a.hash, b.hash);
        assert_eq!(a.source_key(), "url:https://example.org/a");
        let c = Document::new(
            Origin::JsonlLine {
                file: "d2.jsonl".into(),
                line: 9,
            },
            MediaType::Text,
            b"x".to_vec(),
        )
        .with_hints(hints("https://example.org/A"));
        assert_ne!(a.hash, c.hash, "paths are case-sensitive");
    }
}
