use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::span::Span;

/// A publication date as precise as the source gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DateStamp {
    DateTime(NaiveDateTime),
    Date(NaiveDate),
}

impl DateStamp {
    pub fn date(&self) -> NaiveDate {
        match self {
            DateStamp::DateTime(dt) => dt.date(),
            DateStamp::Date(d) => *d,
        }
    }
}

/// Article-level metadata, found in the page, the container or the scrape's
/// junk lines (which become metadata instead of staying in the body).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub published: Option<DateStamp>,
    pub updated: Option<DateStamp>,
    /// The outlet or site name (`Agence Ecofin`).
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// Wire agency named in a sign-off or dateline (`APA`, `AFP`, `Reuters`).
    pub agency: Option<String>,
    pub url: Option<String>,
    /// ISO 639-1 code (`fr`, `en`), or `None` when undetermined.
    pub language: Option<String>,
    /// Hashtags or keywords the page lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A piece of the clean text and where it was in the raw (decoded) text.
/// The map is piecewise: clean `[clean_start, clean_start+len)` was raw
/// `[raw_start, raw_start+len)` byte for byte, except where `exact` is false
/// (the clean text was normalised, e.g. whitespace collapsed or HTML decoded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetPiece {
    pub clean_start: usize,
    pub clean_len: usize,
    pub raw_start: usize,
    pub raw_len: usize,
}

/// How serious a warning is. Warnings never stop a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
}

/// Something odd about the input that did not prevent a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub severity: Severity,
    /// Stable machine-readable code (`encoding_guessed`, `boilerplate_removed`, ...).
    pub code: String,
    pub message: String,
}

impl Warning {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Warning {
            severity: Severity::Warning,
            code: code.to_string(),
            message: message.into(),
        }
    }
    pub fn info(code: &str, message: impl Into<String>) -> Self {
        Warning {
            severity: Severity::Info,
            code: code.to_string(),
            message: message.into(),
        }
    }
}

/// A line removed from the body, kept so nothing is silently lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedLine {
    pub text: String,
    /// Why it was removed (`screenshot`, `hashtags`, `comment_form`, `signoff`, `byline`, ...).
    pub reason: String,
}

/// A clean article: the text users read, with paragraph and sentence spans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Same as the document's short id: one article per document.
    pub id: String,
    /// Full hash of the document it came from.
    pub doc_hash: String,
    pub meta: Metadata,
    /// The clean body text. Paragraphs are separated by `\n\n`; the title is
    /// not part of it unless the source gave none.
    pub text: String,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Span>,
    /// Lines taken out of the body (boilerplate, bylines, sign-offs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<RemovedLine>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offsets: Vec<OffsetPiece>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

impl Article {
    pub fn sentence_text(&self, index: usize) -> Option<&str> {
        self.sentences.get(index).and_then(|s| s.slice(&self.text))
    }

    /// Index of the sentence containing byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        self.sentences.get(i).filter(|s| s.start <= pos).map(|_| i)
    }

    /// Title if known, else the first sentence.
    pub fn display_title(&self) -> String {
        if let Some(t) = &self.meta.title {
            return t.clone();
        }
        self.sentence_text(0).unwrap_or("").chars().take(120).collect()
    }

    pub fn language(&self) -> &str {
        self.meta.language.as_deref().unwrap_or("und")
    }
}
