//! Renderers of a dossier. All deterministic: same dossier, same bytes.

mod html;
mod markdown;

pub use html::{label_without_date, plain, render_html, render_html_many, safe_href, timeline_date};
pub use markdown::render_markdown;

use crate::model::Dossier;

/// The dossier as pretty-printed JSON (schema in SCHEMA.md, version in `schema_version`).
pub fn render_json(d: &Dossier) -> String {
    // Serialising plain data with string keys cannot fail; an empty object is
    // a safe answer should it ever.
    serde_json::to_string_pretty(d).unwrap_or_else(|_| "{}".to_string())
}
