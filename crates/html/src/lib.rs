//! Main-text extraction from HTML pages (boilerplate removal) with metadata.
//!
//! [`extract_html`] parses a page with a small forgiving parser ([`dom`]), drops
//! boilerplate regions (navigation, share bars, related links, comments, cookie banners,
//! footers), picks the element holding the article's paragraphs and renders it as clean
//! text, paragraphs separated by a blank line. Metadata comes from `<meta>` tags, JSON-LD,
//! `<link rel=canonical>`, `<html lang>` and `<title>`.
//!
//! Bad input never panics: empty, binary or oversized input is an [`HtmlError`]; a page
//! without an article is a result with an empty or best-effort text and a warning.

mod content;
pub mod dom;
mod metadata;
mod vocabulary;

pub use metadata::normalize_language;
use recoupe_core::Warning;

/// Largest page accepted, in bytes. Real article pages are far below; beyond this the
/// input is more likely a dump or an attack than a page.
pub const MAX_HTML_BYTES: usize = 64 * 1024 * 1024;

/// An article extracted from an HTML page.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct HtmlArticle {
    pub title: Option<String>,
    /// Clean main text; paragraphs (and subheadings) separated by "\n\n", no other blank lines.
    pub text: String,
    /// Publication date as found (ISO 8601 or meta content), not parsed.
    pub published: Option<String>,
    pub updated: Option<String>,
    pub author: Option<String>,
    pub site_name: Option<String>,
    /// Canonical URL (`<link rel=canonical>`, `og:url`, JSON-LD), else the URL given.
    pub url: Option<String>,
    /// ISO 639-1 when the page's language code or name is known, else as found.
    pub language: Option<String>,
    pub tags: Vec<String>,
    pub warnings: Vec<Warning>,
}

/// Why a page could not be processed at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    #[error("the page is empty")]
    Empty,
    #[error("the page is {size} bytes, over the {limit}-byte limit")]
    TooLarge { size: usize, limit: usize },
    #[error("the input does not look like HTML: {reason}")]
    NotHtml { reason: String },
}

impl HtmlError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            HtmlError::Empty => "html_empty",
            HtmlError::TooLarge { .. } => "html_too_large",
            HtmlError::NotHtml { .. } => "html_not_html",
        }
    }
}

/// Share of control characters in the first bytes above which input is binary junk.
const MAX_CONTROL_SHARE: f64 = 0.05;

fn check_input(html: &str) -> Result<(), HtmlError> {
    if html.len() > MAX_HTML_BYTES {
        return Err(HtmlError::TooLarge {
            size: html.len(),
            limit: MAX_HTML_BYTES,
        });
    }
    if html.trim().is_empty() {
        return Err(HtmlError::Empty);
    }
    let (mut total, mut control) = (0usize, 0usize);
    for c in html.chars().take(65_536) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
            control += 1;
        }
    }
    if control as f64 / total as f64 > MAX_CONTROL_SHARE {
        return Err(HtmlError::NotHtml {
            reason: format!("{control} control characters in the first {total}"),
        });
    }
    if !html.contains('<') {
        return Err(HtmlError::NotHtml {
            reason: "no markup at all".to_string(),
        });
    }
    Ok(())
}

/// Extracts the main text and metadata of an HTML page. `url` is where the page came
/// from, used when the page names no canonical URL and to resolve relative ones.
pub fn extract_html(html: &str, url: Option<&str>) -> Result<HtmlArticle, HtmlError> {
    check_input(html)?;
    let dom = dom::parse(html);
    let mut warnings = Vec::new();
    if dom.depth_capped {
        warnings.push(Warning::new(
            recoupe_core::WarningCode::HtmlNestingCapped,
            format!("elements nested deeper than {} levels were flattened", dom::MAX_DEPTH),
        ));
    }
    let found = metadata::extract_metadata(&dom, url);
    if found.bad_json_ld > 0 {
        warnings.push(Warning::info(
            recoupe_core::WarningCode::JsonLdInvalid,
            format!("{} JSON-LD block(s) did not parse", found.bad_json_ld),
        ));
    }
    let extracted = content::extract_main_text(&dom, None);
    if extracted.text.is_empty() {
        warnings.push(Warning::new(
            recoupe_core::WarningCode::NoMainText,
            if metadata::has_text(&dom) {
                "no article text found on the page"
            } else {
                "the page has no text"
            },
        ));
    } else if extracted.used_fallback {
        warnings.push(Warning::new(
            recoupe_core::WarningCode::NoArticleContainer,
            "no block of article paragraphs found; the text is the whole page minus boilerplate",
        ));
    }
    if extracted.removed_blocks > 0 {
        warnings.push(Warning::info(
            recoupe_core::WarningCode::BoilerplateRemoved,
            format!(
                "{} boilerplate block(s) removed from the main text",
                extracted.removed_blocks
            ),
        ));
    }
    Ok(HtmlArticle {
        title: found.title,
        text: extracted.text,
        published: found.published,
        updated: found.updated,
        author: found.author,
        site_name: found.site_name,
        url: found.url,
        language: found.language,
        tags: found.tags,
        warnings,
    })
}

/// Explains which elements competed for the main text (for tuning; not a stable API).
#[doc(hidden)]
pub fn explain_main_text(html: &str) -> String {
    let dom = dom::parse(html);
    let mut out = String::new();
    content::extract_main_text(&dom, Some(&mut out));
    out
}
