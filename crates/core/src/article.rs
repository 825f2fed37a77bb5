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

/// The stable, machine-readable codes of [`Warning`]s. Serialised in
/// snake_case (`encoding_guessed`); the list is closed so that programs can
/// match on it, and each variant says what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// Not valid UTF-8 and no charset declared: the charset was guessed.
    EncodingGuessed,
    /// The declared charset did not decode the bytes; another one did.
    CharsetMismatch,
    /// Some bytes are not valid in the charset; replaced with U+FFFD.
    MalformedBytes,
    /// HTML elements nested deeper than the parser's cap were flattened.
    HtmlNestingCapped,
    /// A JSON-LD block of the page did not parse.
    JsonLdInvalid,
    /// The page has no main text.
    NoMainText,
    /// No block of article paragraphs: the text is the page minus boilerplate.
    NoArticleContainer,
    /// Boilerplate (menus, share bars, related links) was removed.
    BoilerplateRemoved,
    /// The page declares one language and its text reads as another.
    LanguageMismatch,
    /// No title: the first sentence stands for it.
    NoTitle,
    /// No publication date found.
    NoDate,
    /// A date given by the container or the page could not be read.
    BadDate,
    /// Lines were moved out of the body (listed in `Article::removed`).
    LinesRemoved,
    /// A paragraph is in another language than the article.
    MixedLanguage,
}

impl WarningCode {
    /// Every code, in declaration order (for documentation and tests).
    pub const ALL: [WarningCode; 14] = [
        WarningCode::EncodingGuessed,
        WarningCode::CharsetMismatch,
        WarningCode::MalformedBytes,
        WarningCode::HtmlNestingCapped,
        WarningCode::JsonLdInvalid,
        WarningCode::NoMainText,
        WarningCode::NoArticleContainer,
        WarningCode::BoilerplateRemoved,
        WarningCode::LanguageMismatch,
        WarningCode::NoTitle,
        WarningCode::NoDate,
        WarningCode::BadDate,
        WarningCode::LinesRemoved,
        WarningCode::MixedLanguage,
    ];

    /// The snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::EncodingGuessed => "encoding_guessed",
            WarningCode::CharsetMismatch => "charset_mismatch",
            WarningCode::MalformedBytes => "malformed_bytes",
            WarningCode::HtmlNestingCapped => "html_nesting_capped",
            WarningCode::JsonLdInvalid => "json_ld_invalid",
            WarningCode::NoMainText => "no_main_text",
            WarningCode::NoArticleContainer => "no_article_container",
            WarningCode::BoilerplateRemoved => "boilerplate_removed",
            WarningCode::LanguageMismatch => "language_mismatch",
            WarningCode::NoTitle => "no_title",
            WarningCode::NoDate => "no_date",
            WarningCode::BadDate => "bad_date",
            WarningCode::LinesRemoved => "lines_removed",
            WarningCode::MixedLanguage => "mixed_language",
        }
    }
}

impl std::fmt::Display for WarningCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for WarningCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Something odd about the input that did not prevent a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub severity: Severity,
    /// Stable machine-readable code (see [`WarningCode`]).
    pub code: WarningCode,
    pub message: String,
}

impl Warning {
    pub fn new(code: WarningCode, message: impl Into<String>) -> Self {
        Warning {
            severity: Severity::Warning,
            code,
            message: message.into(),
        }
    }
    pub fn info(code: WarningCode, message: impl Into<String>) -> Self {
        Warning {
            severity: Severity::Info,
            code,
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
    /// Paragraphs whose language differs from the article's (`meta.language`),
    /// decided once at extraction; every other paragraph is in the article's language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraph_languages: Vec<ParagraphLanguage>,
}

/// The language of one paragraph that is not in the article's language (a
/// French article quoting an English statement in full).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParagraphLanguage {
    /// Index into `Article::paragraphs`.
    pub paragraph: usize,
    /// ISO 639-1 code.
    pub language: String,
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
        cut_at_word(self.sentence_text(0).unwrap_or("").trim(), 120)
    }

    /// The article's language, decided once at extraction: an ISO 639-1 code,
    /// or `und` when the text is too short or odd to tell. Every stage reads
    /// this instead of guessing again.
    pub fn language(&self) -> &str {
        match self.meta.language.as_deref() {
            Some(l) if !l.is_empty() => l,
            _ => "und",
        }
    }

    /// The language of the text at byte `pos`: its paragraph's when that
    /// differs from the article's, else the article's.
    pub fn language_at(&self, pos: usize) -> &str {
        let i = self.paragraphs.partition_point(|p| p.end <= pos);
        self.paragraph_languages
            .iter()
            .find(|p| p.paragraph == i)
            .map_or_else(|| self.language(), |p| p.language.as_str())
    }
}

/// `text` cut to at most `max` characters at a word boundary, `…` added when
/// cut; a single word longer than `max` is cut where it reaches it.
pub fn cut_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    // The head ends on a word boundary when the next character is a space.
    let at_boundary = text.chars().nth(max).is_some_and(char::is_whitespace);
    let cut = if at_boundary {
        head.len()
    } else {
        head.rfind(char::is_whitespace).filter(|&i| i > 0).unwrap_or(head.len())
    };
    format!("{}…", head[..cut].trim_end_matches([',', ';', ':', ' ', '-', '(']))
}

#[cfg(test)]
mod cut_tests {
    #[test]
    fn titles_are_cut_between_words() {
        for (text, max, want) in [
            ("short", 10, "short"),
            ("une visite officielle à Moscou", 16, "une visite…"),
            ("une visite, officielle", 11, "une visite…"),
            ("abcdefghijkl", 5, "abcde…"),
            ("élégant éléphant", 9, "élégant…"),
        ] {
            assert_eq!(super::cut_at_word(text, max), want, "{text}");
        }
    }
}

#[cfg(test)]
mod warning_code_tests {
    use super::*;

    /// The serialised name of every code is its documented `as_str`, and the
    /// names are distinct, so programs can match on them.
    #[test]
    fn codes_serialise_as_their_names() {
        let mut names = std::collections::BTreeSet::new();
        for code in WarningCode::ALL {
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert!(names.insert(code.as_str()));
            assert!(code == code.as_str());
        }
    }

    #[test]
    fn language_at_reads_the_paragraph_language() {
        let text = "Premier paragraphe.\n\nSecond paragraph.".to_string();
        let article = Article {
            id: "a".into(),
            doc_hash: "h".into(),
            meta: Metadata {
                language: Some("fr".into()),
                ..Metadata::default()
            },
            paragraphs: vec![Span::new(0, 19), Span::new(21, text.len())],
            text,
            sentences: Vec::new(),
            removed: Vec::new(),
            offsets: Vec::new(),
            warnings: Vec::new(),
            paragraph_languages: vec![ParagraphLanguage {
                paragraph: 1,
                language: "en".into(),
            }],
        };
        assert_eq!(article.language_at(3), "fr");
        assert_eq!(article.language_at(25), "en");
        assert_eq!(article.language(), "fr");
    }
}
