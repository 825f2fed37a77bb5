//! Helpers shared by the integration tests.
#![allow(dead_code)]

use recoupe_analyze::entities::line_spans;
use recoupe_analyze::Analyzer;
use recoupe_core::{Analysis, Article, DateStamp, EntityKind, Metadata, Span};

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

/// Words of the one-line texts of the scaling tests (dense with names, roles,
/// figures and dates; no sentence punctuation).
const ONE_LINE_WORDS: &[&str] = &[
    "le",
    "conseil",
    "municipal",
    "de",
    "Lyon",
    "a",
    "voté",
    "mardi",
    "un",
    "budget",
    "de",
    "12",
    "millions",
    "d'euros",
    "la",
    "maire",
    "Grégory",
    "Doucet",
    "a",
    "salué",
    "une",
    "décision",
    "selon",
    "l'AFP",
    "le",
    "3",
    "mars",
    "2025",
    "à",
    "Paris",
    "où",
    "le président de la République Emmanuel Macron",
    "a",
    "reçu",
    "40",
    "délégués",
    "et",
    "le président de la République",
    "« nous sommes prêts »",
    "a dit",
    "Marie Dupont",
];

/// About `bytes` of text from a fixed pseudo-random sequence (no sentence end
/// anywhere), and sentence spans of at most ~1,500 bytes cut at spaces, as
/// extraction caps them.
pub fn one_line_text(bytes: usize) -> (String, Vec<Span>) {
    let mut state: u64 = 7;
    let mut text = String::with_capacity(bytes + 64);
    let mut sentences = Vec::new();
    let mut sentence_start = 0;
    while text.len() < bytes {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let word = ONE_LINE_WORDS[(state >> 33) as usize % ONE_LINE_WORDS.len()];
        if !text.is_empty() {
            if text.len() - sentence_start > 1500 {
                sentences.push(Span::new(sentence_start, text.len()));
                sentence_start = text.len() + 1;
            }
            text.push(' ');
        }
        text.push_str(word);
    }
    sentences.push(Span::new(sentence_start, text.len()));
    (text, sentences)
}
