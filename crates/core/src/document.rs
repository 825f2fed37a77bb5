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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// SHA-256 of `raw`, hex. Ingest is idempotent on it.
    pub hash: String,
    pub origin: Origin,
    pub media_type: MediaType,
    pub hints: Hints,
    #[serde(skip)]
    pub raw: Vec<u8>,
}

impl Document {
    pub fn new(origin: Origin, media_type: MediaType, raw: Vec<u8>) -> Self {
        Document {
            hash: content_hash(&raw),
            origin,
            media_type,
            hints: Hints::default(),
            raw,
        }
    }

    pub fn with_hints(mut self, hints: Hints) -> Self {
        self.hints = hints;
        self
    }

    /// The short id shown to users: the first 16 hex digits of the hash.
    pub fn short_id(&self) -> &str {
        &self.hash[..16.min(self.hash.len())]
    }
}
