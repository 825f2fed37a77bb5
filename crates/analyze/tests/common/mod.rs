//! Helpers shared by the integration tests.
#![allow(dead_code)]

use recoupe_analyze::entities::line_spans;
use recoupe_analyze::Analyzer;
use recoupe_core::{Analysis, Article, DateStamp, EntityKind, Metadata};

pub fn article(text: &str, language: &str) -> Article {
    Article {
        paragraph_languages: Vec::new(),
        id: "test".to_string(),
        doc_hash: String::new(),
        meta: Metadata {
            language: Some(language.to_string()),
            published: chrono::NaiveDate::from_ymd_opt(2025, 6, 24).map(DateStamp::Date),
            ..Metadata::default()
        },
        text: text.to_string(),
        paragraphs: Vec::new(),
        sentences: line_spans(text),
        removed: Vec::new(),
        offsets: Vec::new(),
        warnings: Vec::new(),
    }
}

pub fn analyze(text: &str, language: &str) -> Analysis {
    thread_local! {
        static ANALYZER: Analyzer = Analyzer::new();
    }
    ANALYZER.with(|analyzer| analyzer.analyze(&article(text, language)))
}

pub fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "PER",
        EntityKind::Place => "LOC",
        EntityKind::Organisation => "ORG",
        EntityKind::Other => "OTHER",
    }
}

/// One line per entity mention: `PER Assimi Goïta key=… role=…`.
pub fn render_entities(analysis: &Analysis) -> Vec<String> {
    analysis
        .entities
        .iter()
        .map(|e| {
            let mut line = format!("{} {}", kind_label(e.kind), e.text);
            if e.via_demonym {
                line.push_str(" (demonym)");
            }
            line.push_str(&format!(" key={}", e.key));
            if let Some(role) = &e.role {
                line.push_str(&format!(" role={role}"));
            }
            if let Some(long) = &e.long_form {
                line.push_str(&format!(" long={long}"));
            }
            if e.canonical != e.text && !e.via_demonym {
                line.push_str(&format!(" canonical={}", e.canonical));
            }
            line
        })
        .collect()
}

pub fn render_quantities(analysis: &Analysis) -> Vec<String> {
    analysis
        .quantities
        .iter()
        .map(|q| {
            let mut line = format!("{:?} {} = {}", q.kind, q.text, q.value);
            if let Some(unit) = &q.unit {
                line.push_str(&format!(" unit={unit}"));
            }
            if let Some(counted) = &q.counted {
                line.push_str(&format!(" counted={counted}"));
            }
            if let Some(per) = &q.per {
                line.push_str(&format!(" per={per}"));
            }
            if let Some(comparator) = &q.comparator {
                line.push_str(&format!(" cmp={comparator:?}"));
            }
            line
        })
        .collect()
}

pub fn render_quotes(analysis: &Analysis) -> Vec<String> {
    analysis
        .quotes
        .iter()
        .map(|q| {
            format!(
                "{} <- {}{}{}",
                q.text,
                q.speaker.as_deref().unwrap_or("?"),
                q.speaker_key.as_ref().map(|k| format!(" [{k}]")).unwrap_or_default(),
                if q.partial { " (partial)" } else { "" }
            )
        })
        .collect()
}
