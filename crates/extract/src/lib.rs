//! From a [`Document`] to a clean [`Article`]: decoding, main text (HTML
//! extraction or line cleaning of text scrapes), metadata, language and
//! sentences, with a map from the clean text back to the decoded raw text.

pub mod clean;
pub mod dates;
pub mod decode;
pub mod lang;
pub mod resources;
pub mod segment;

use recoupe_core::{Article, DateStamp, Document, MediaType, Metadata, OffsetPiece, Origin, Span, Warning};
use thiserror::Error;

/// Version of the extraction: the crate version and a hash of the code and
/// data that extract (this crate, `recoupe-html`, the core types; see
/// `build.rs`). Stored articles made by another version are re-extracted.
pub const EXTRACTOR_VERSION: &str = concat!("extract-", env!("CARGO_PKG_VERSION"), "-", env!("RECOUPE_SOURCE_HASH"));

/// Why a document gave no article. Each names the input so a batch can list it.
#[derive(Debug, Error)]
pub enum ExtractError {
    #[error("{origin}: empty document")]
    Empty { origin: String },
    #[error("{origin}: binary content, not text or HTML")]
    Binary { origin: String },
    #[error("{origin}: no article text found")]
    NoText { origin: String },
    #[error("{origin}: HTML extraction failed: {message}")]
    Html { origin: String, message: String },
}

/// Extracts the article of one document.
pub fn extract(doc: &Document) -> Result<Article, ExtractError> {
    let origin = doc.origin.label();
    if doc.raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ExtractError::Empty { origin });
    }
    if looks_binary(&doc.raw) {
        return Err(ExtractError::Binary { origin });
    }
    let is_html = doc.media_type == MediaType::Html;
    let decoded = decode::decode(&doc.raw, doc.hints.charset.as_deref(), is_html);
    let mut warnings = decoded.warnings;
    let mut meta = Metadata::default();
    let mut builder = TextBuilder::default();
    let removed;

    if is_html {
        let page =
            recoupe_html::extract_html(&decoded.text, doc.hints.url.as_deref()).map_err(|e| ExtractError::Html {
                origin: origin.clone(),
                message: e.to_string(),
            })?;
        warnings.extend(page.warnings.iter().cloned());
        // The extracted text is cleaned again line by line: pages carry sign-offs,
        // bylines and comment prompts inside the article container too.
        let cleaned = clean::clean_text(&page.text);
        let title_key = page.title.as_deref().map(recoupe_core::fold_key);
        let mut dropped = Vec::new();
        for (i, p) in cleaned.paragraphs.iter().enumerate() {
            // Pages often repeat their headline inside the article container.
            if i == 0 && p.pieces.len() == 1 {
                let (start, len) = p.pieces[0];
                let first = page.text.get(start..start + len).unwrap_or("");
                if title_key.as_deref() == Some(recoupe_core::fold_key(first).as_str()) {
                    dropped.push(recoupe_core::RemovedLine {
                        text: first.to_string(),
                        reason: "title_repeat".into(),
                    });
                    continue;
                }
            }
            builder.paragraph(&page.text, &p.pieces, false);
        }
        removed = cleaned.removed.into_iter().chain(dropped).collect();
        meta.title = page.title.clone();
        meta.published = page
            .published
            .as_deref()
            .and_then(dates::parse_date_field)
            .or(cleaned.meta.published);
        meta.updated = page
            .updated
            .as_deref()
            .and_then(dates::parse_date_field)
            .or(cleaned.meta.updated);
        meta.author = page.author.clone().or(cleaned.meta.author);
        meta.outlet = page.site_name.clone().or(cleaned.meta.outlet);
        meta.agency = cleaned.meta.agency;
        meta.url = page.url.clone();
        meta.language = page.language.clone();
        meta.tags = page.tags.clone();
        meta.tags.extend(cleaned.meta.tags);
    } else {
        let cleaned = clean::clean_text(&decoded.text);
        for p in &cleaned.paragraphs {
            builder.paragraph(&decoded.text, &p.pieces, true);
        }
        removed = cleaned.removed;
        let m = cleaned.meta;
        meta = Metadata {
            title: m.title,
            published: m.published,
            updated: m.updated,
            outlet: m.outlet,
            author: m.author,
            agency: m.agency,
            url: None,
            language: None,
            tags: m.tags,
        };
    }
    apply_hints(doc, &mut meta, &mut warnings);
    // A byline naming a wire agency (`By Reuters`) says who wrote it: the agency.
    if let Some(agency) = meta
        .author
        .as_deref()
        .and_then(|a| resources::Resources::get().agency_by_code(a.trim()))
    {
        meta.agency.get_or_insert_with(|| agency.name.clone());
        meta.author = None;
    }
    if meta.outlet.is_none() {
        meta.outlet = outlet_from_url(meta.url.as_deref().or(match &doc.origin {
            Origin::Url { url, .. } => Some(url.as_str()),
            _ => None,
        }));
    }

    let (text, paragraphs, offsets) = builder.finish();
    if text.trim().is_empty() {
        return Err(ExtractError::NoText { origin });
    }
    // The text decides the language; a declared language only breaks ties,
    // since sites often declare a default that is wrong for the page.
    let detected = lang::detect(&text);
    match (&detected, &meta.language) {
        (Some(d), Some(declared)) if !declared.starts_with(d.as_str()) => warnings.push(Warning::info(
            recoupe_core::WarningCode::LanguageMismatch,
            format!("page declares {declared} but the text reads as {d}"),
        )),
        _ => {}
    }
    meta.language = detected.or(meta
        .language
        .map(|l| l.chars().take(2).collect::<String>().to_ascii_lowercase()));
    if meta.title.is_none() {
        warnings.push(Warning::info(
            recoupe_core::WarningCode::NoTitle,
            "no title found; the first sentence stands for it",
        ));
    }
    if meta.published.is_none() {
        warnings.push(Warning::info(
            recoupe_core::WarningCode::NoDate,
            "no publication date found",
        ));
    }
    if !removed.is_empty() {
        warnings.push(Warning::info(
            recoupe_core::WarningCode::LinesRemoved,
            format!("{} line(s) moved out of the body", removed.len()),
        ));
    }
    // Mixed-language articles (a French article quoting an English statement
    // in full) are flagged per paragraph, the paragraph's language is stored
    // on the article, and sentence splitting uses it.
    let mut paragraph_languages: Vec<recoupe_core::ParagraphLanguage> = Vec::new();
    if let Some(main) = meta.language.as_deref() {
        for (i, p) in paragraphs.iter().enumerate().take(40) {
            let slice = p.slice(&text).unwrap_or("");
            if slice.len() < 200 {
                continue;
            }
            if let Some(l) = lang::paragraph_language(slice, main).filter(|l| l != main) {
                warnings.push(Warning::info(
                    recoupe_core::WarningCode::MixedLanguage,
                    format!("paragraph {} reads as {l}, the article as {main}", i + 1),
                ));
                paragraph_languages.push(recoupe_core::ParagraphLanguage {
                    paragraph: i,
                    language: l,
                });
            }
        }
    }
    let article_lang = meta.language.as_deref().unwrap_or("und");
    let sentences = paragraphs
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            let slice = p.slice(&text).unwrap_or("");
            let lang = paragraph_languages
                .iter()
                .find(|pl| pl.paragraph == i)
                .map_or(article_lang, |pl| pl.language.as_str());
            segment::sentences(slice, lang)
                .into_iter()
                .map(move |s| s.shifted(p.start))
        })
        .collect();
    Ok(Article {
        id: doc.short_id().to_string(),
        doc_hash: doc.hash.clone(),
        meta,
        text,
        paragraphs,
        sentences,
        removed,
        offsets,
        warnings,
        paragraph_languages,
    })
}

/// Builds an article from a title line and text, as `recoupe similarity`
/// and tests read them: the text goes through the same cleaning as a scrape.
pub fn article_from_text(id: &str, title_and_text: &str) -> Result<Article, ExtractError> {
    let doc = Document::new(
        Origin::File { path: id.to_string() },
        MediaType::Text,
        title_and_text.as_bytes().to_vec(),
    );
    let mut article = extract(&doc)?;
    article.id = id.to_string();
    Ok(article)
}

fn apply_hints(doc: &Document, meta: &mut Metadata, warnings: &mut Vec<Warning>) {
    let h = &doc.hints;
    if let Some(t) = &h.title {
        meta.title = Some(t.clone());
    }
    if let Some(p) = &h.published {
        match dates::parse_date_field(p) {
            Some(d) => meta.published = Some(d),
            None => warnings.push(Warning::new(
                recoupe_core::WarningCode::BadDate,
                format!("unreadable date {p:?}"),
            )),
        }
    }
    if let Some(a) = &h.author {
        meta.author = Some(a.clone());
    }
    if let Some(o) = &h.outlet {
        meta.outlet = Some(o.clone());
    }
    if let Some(u) = &h.url {
        meta.url = Some(u.clone());
    }
    if let Some(l) = &h.language {
        meta.language.get_or_insert_with(|| l.clone());
    }
}

/// `https://www.example-news.com/a/b` gives `example-news.com`.
fn outlet_from_url(url: Option<&str>) -> Option<String> {
    let rest = url?.split("://").nth(1)?;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// NUL bytes or many control characters in the first 8 KB: not a text format.
fn looks_binary(raw: &[u8]) -> bool {
    let head = &raw[..raw.len().min(8192)];
    if head.starts_with(b"\xef\xbb\xbf") || head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    head.contains(&0) || control * 20 > head.len()
}

/// Assembles the clean text paragraph by paragraph, recording where each piece was.
#[derive(Default)]
struct TextBuilder {
    text: String,
    paragraphs: Vec<Span>,
    offsets: Vec<OffsetPiece>,
}

impl TextBuilder {
    /// `exact`: whether the source is the decoded raw text itself (so offsets map back to it).
    fn paragraph(&mut self, source: &str, pieces: &[(usize, usize)], exact: bool) {
        let pieces: Vec<(usize, &str)> = pieces
            .iter()
            .filter_map(|&(start, len)| source.get(start..start + len).map(|s| (start, s)))
            .filter(|(_, s)| !s.trim().is_empty())
            .collect();
        if pieces.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        for (i, (raw_start, piece)) in pieces.iter().enumerate() {
            if i > 0 {
                self.text.push(' ');
            }
            if exact {
                self.offsets.push(OffsetPiece {
                    clean_start: self.text.len(),
                    clean_len: piece.len(),
                    raw_start: *raw_start,
                    raw_len: piece.len(),
                });
            }
            self.text.push_str(piece);
        }
        self.paragraphs.push(Span::new(start, self.text.len()));
    }

    fn finish(self) -> (String, Vec<Span>, Vec<OffsetPiece>) {
        (self.text, self.paragraphs, self.offsets)
    }
}

/// The publication date as a plain day, when known.
pub fn published_day(article: &Article) -> Option<chrono::NaiveDate> {
    article.meta.published.map(|d: DateStamp| d.date())
}
