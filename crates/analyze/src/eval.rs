//! NER evaluation: gold corpora (HIPE-2022 TSV, and the inline-annotated
//! English news set in `testdata/en-news`) and strict/fuzzy scoring per
//! coarse type (PER, LOC, ORG), as in the HIPE scorer: strict needs the same
//! tokens and type, fuzzy an overlap and the same type.

use std::collections::BTreeMap;
use std::path::Path;

use recoupe_core::{Analysis, Article, EntityKind, Metadata, Span};

use crate::error::EvalError;
use crate::text::tokenize;

/// One gold mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldMention {
    pub span: Span,
    /// `PER`, `LOC`, `ORG`, or another corpus label (`HumanProd`).
    pub label: String,
}

/// A document with gold mentions.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub id: String,
    pub language: String,
    pub text: String,
    pub sentences: Vec<Span>,
    /// Token spans, for matching by tokens.
    pub tokens: Vec<Span>,
    pub gold: Vec<GoldMention>,
}

impl GoldDoc {
    /// The document as an article for the analyser.
    pub fn to_article(&self) -> Article {
        Article {
            paragraph_languages: Vec::new(),
            id: self.id.clone(),
            doc_hash: String::new(),
            meta: Metadata {
                language: Some(self.language.clone()),
                ..Metadata::default()
            },
            text: self.text.clone(),
            paragraphs: Vec::new(),
            sentences: self.sentences.clone(),
            removed: Vec::new(),
            offsets: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Reads a HIPE-2022 TSV file (coarse literal column). Line-end hyphenation
/// (`Ro¬` + `mans`) is undone so that names are whole words.
pub fn read_hipe(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let source = read(path)?;
    let mut docs: Vec<GoldDoc> = Vec::new();
    let mut language = "fr".to_string();
    let mut open: Option<(usize, String)> = None; // gold mention start, label
    let mut sentence_start = 0;
    let mut pending_join = false;
    let mut pending_hyphenated = false;
    for (line_no, line) in source.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("# hipe2022:document_id = ") {
            close_doc(&mut docs, &mut open, &mut sentence_start);
            docs.push(GoldDoc {
                id: rest.trim().to_string(),
                language: language.clone(),
                text: String::new(),
                sentences: Vec::new(),
                tokens: Vec::new(),
                gold: Vec::new(),
            });
            continue;
        }
        if let Some(rest) = line.strip_prefix("# hipe2022:language = ") {
            language = rest.trim().to_string();
            if let Some(doc) = docs.last_mut() {
                doc.language = language.clone();
            }
            continue;
        }
        if line.starts_with('#') || line.starts_with("TOKEN\t") || line.trim().is_empty() {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let (Some(token), Some(tag)) = (columns.first(), columns.get(1)) else {
            return Err(EvalError::Format {
                path: path.display().to_string(),
                line: line_no + 1,
                message: "missing columns".into(),
            });
        };
        let misc = columns.get(9).copied().unwrap_or("_");
        let Some(doc) = docs.last_mut() else { continue };
        let end_of_line = misc.contains("EndOfLine");
        // A line end is a space unless the word was hyphenated across it.
        let no_space = misc.contains("NoSpaceAfter") && !end_of_line;
        let mut word = token.to_string();
        let hyphenated = end_of_line && word.ends_with('¬');
        if hyphenated {
            word.pop();
        }
        // `NoSpaceAfter` is unreliable in OCR data (`la` `France`): between two
        // alphanumeric tokens a space is kept anyway.
        if pending_join {
            let previous_alnum = doc.text.chars().last().is_some_and(char::is_alphanumeric);
            let next_alnum = word.chars().next().is_some_and(char::is_alphanumeric);
            if previous_alnum && next_alnum && !pending_hyphenated {
                doc.text.push(' ');
            }
        }
        let start = doc.text.len();
        doc.text.push_str(&word);
        let end = doc.text.len();
        let token_index = doc.tokens.len();
        doc.tokens.push(Span::new(start, end));
        // BIO tags.
        let label = tag.get(2..).unwrap_or("").to_string();
        let begins = tag.starts_with("B-");
        let inside = tag.starts_with("I-");
        if begins || !inside || open.as_ref().is_some_and(|(_, l)| *l != label) {
            if let Some((first, l)) = open.take() {
                push_gold(doc, first, token_index, l);
            }
        }
        if begins || (inside && open.is_none()) {
            open = Some((token_index, label));
        }
        if misc.contains("EndOfSentence") {
            doc.sentences.push(Span::new(sentence_start, end));
            sentence_start = end + 1;
        }
        pending_join = no_space || hyphenated;
        pending_hyphenated = hyphenated;
        if !pending_join {
            doc.text.push(' ');
        }
        if misc.contains("EndOfSentence") {
            sentence_start = doc.text.len();
        }
    }
    close_doc(&mut docs, &mut open, &mut sentence_start);
    Ok(docs)
}

fn push_gold(doc: &mut GoldDoc, first: usize, end_token: usize, label: String) {
    let (Some(a), Some(b)) = (
        doc.tokens.get(first),
        end_token.checked_sub(1).and_then(|e| doc.tokens.get(e)),
    ) else {
        return;
    };
    doc.gold.push(GoldMention {
        span: Span::new(a.start, b.end),
        label,
    });
}

fn close_doc(docs: &mut [GoldDoc], open: &mut Option<(usize, String)>, sentence_start: &mut usize) {
    if let Some(doc) = docs.last_mut() {
        if let Some((first, label)) = open.take() {
            let end = doc.tokens.len();
            push_gold(doc, first, end, label);
        }
        let len = doc.text.trim_end().len();
        if *sentence_start < len {
            doc.sentences.push(Span::new(*sentence_start, len));
        }
        doc.text.truncate(len);
    }
    *sentence_start = 0;
}

/// Reads the inline-annotated format: one paragraph per line, documents
/// separated by blank lines, `#` comment lines, mentions written
/// `{PER Vladimir Putin}`. Each line is one sentence span.
pub fn read_annotated(path: &Path, language: &str) -> Result<Vec<GoldDoc>, EvalError> {
    let source = read(path)?;
    let mut docs = Vec::new();
    let mut current: Option<GoldDoc> = None;
    let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("doc").to_string();
    for (line_no, line) in source.lines().enumerate() {
        if line.trim().is_empty() {
            if let Some(doc) = current.take() {
                docs.push(finish_annotated(doc));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let doc = current.get_or_insert_with(|| GoldDoc {
            id: format!("{name}-{}", docs.len() + 1),
            language: language.to_string(),
            text: String::new(),
            sentences: Vec::new(),
            tokens: Vec::new(),
            gold: Vec::new(),
        });
        if !doc.text.is_empty() {
            doc.text.push('\n');
        }
        let line_start = doc.text.len();
        let mut rest = line;
        while let Some(open) = rest.find('{') {
            doc.text.push_str(rest.get(..open).unwrap_or(""));
            let after = rest.get(open + 1..).unwrap_or("");
            let Some(close) = after.find('}') else {
                return Err(EvalError::Format {
                    path: path.display().to_string(),
                    line: line_no + 1,
                    message: "unclosed {".into(),
                });
            };
            let inner = after.get(..close).unwrap_or("");
            let Some((label, surface)) = inner.split_once(' ') else {
                return Err(EvalError::Format {
                    path: path.display().to_string(),
                    line: line_no + 1,
                    message: format!("bad mention {{{inner}}}"),
                });
            };
            if !matches!(label, "PER" | "LOC" | "ORG") {
                return Err(EvalError::Format {
                    path: path.display().to_string(),
                    line: line_no + 1,
                    message: format!("unknown label {label}"),
                });
            }
            let start = doc.text.len();
            doc.text.push_str(surface);
            doc.gold.push(GoldMention {
                span: Span::new(start, doc.text.len()),
                label: label.to_string(),
            });
            rest = after.get(close + 1..).unwrap_or("");
        }
        doc.text.push_str(rest);
        doc.sentences.push(Span::new(line_start, doc.text.len()));
    }
    if let Some(doc) = current.take() {
        docs.push(finish_annotated(doc));
    }
    Ok(docs)
}

fn finish_annotated(mut doc: GoldDoc) -> GoldDoc {
    doc.tokens = tokenize(&doc.text)
        .into_iter()
        .map(|t| Span::new(t.start, t.end))
        .collect();
    doc
}

/// True/false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores per label, strict and fuzzy.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub strict: BTreeMap<String, Counts>,
    pub fuzzy: BTreeMap<String, Counts>,
}

impl Scores {
    pub fn micro(&self, fuzzy: bool) -> Counts {
        let map = if fuzzy { &self.fuzzy } else { &self.strict };
        let mut total = Counts::default();
        for counts in map.values() {
            total.add(*counts);
        }
        total
    }

    pub fn add(&mut self, other: &Scores) {
        for (label, counts) in &other.strict {
            self.strict.entry(label.clone()).or_default().add(*counts);
        }
        for (label, counts) in &other.fuzzy {
            self.fuzzy.entry(label.clone()).or_default().add(*counts);
        }
    }
}

/// Token range `[first, last]` covered by a span.
fn token_range(tokens: &[Span], span: Span) -> Option<(usize, usize)> {
    let first = tokens.iter().position(|t| t.overlaps(span))?;
    let last = tokens.iter().rposition(|t| t.overlaps(span))?;
    Some((first, last))
}

/// Scores predicted (span, label) pairs against a document's gold mentions.
pub fn score_document(doc: &GoldDoc, predicted: &[(Span, String)]) -> Scores {
    let gold: Vec<((usize, usize), &str)> = doc
        .gold
        .iter()
        .filter_map(|g| token_range(&doc.tokens, g.span).map(|r| (r, g.label.as_str())))
        .collect();
    let pred: Vec<((usize, usize), &str)> = predicted
        .iter()
        .filter_map(|(span, label)| token_range(&doc.tokens, *span).map(|r| (r, label.as_str())))
        .collect();
    let mut scores = Scores::default();
    for fuzzy in [false, true] {
        let mut used = vec![false; gold.len()];
        let mut map: BTreeMap<String, Counts> = BTreeMap::new();
        for (range, label) in &pred {
            let hit = gold.iter().enumerate().position(|(g, (gold_range, gold_label))| {
                !used.get(g).copied().unwrap_or(true)
                    && gold_label == label
                    && if fuzzy {
                        gold_range.0 <= range.1 && range.0 <= gold_range.1
                    } else {
                        gold_range == range
                    }
            });
            let counts = map.entry((*label).to_string()).or_default();
            match hit {
                Some(g) => {
                    if let Some(slot) = used.get_mut(g) {
                        *slot = true;
                    }
                    counts.tp += 1;
                }
                None => counts.fp += 1,
            }
        }
        for (g, (_, label)) in gold.iter().enumerate() {
            if !used.get(g).copied().unwrap_or(true) {
                map.entry((*label).to_string()).or_default().fn_ += 1;
            }
        }
        if fuzzy {
            scores.fuzzy = map;
        } else {
            scores.strict = map;
        }
    }
    scores
}

/// Coarse label of an entity kind.
pub fn label_of(kind: EntityKind) -> Option<&'static str> {
    match kind {
        EntityKind::Person => Some("PER"),
        EntityKind::Place => Some("LOC"),
        EntityKind::Organisation => Some("ORG"),
        EntityKind::Other => None,
    }
}

/// Predicted mentions of an analysis as (span, label); demonyms are not names
/// and are left out. With `include_titles`, a person's title written right
/// before the name is part of the mention (HIPE guidelines: `M. Vaquez`).
pub fn predictions(analysis: &Analysis, text: &str, include_titles: bool) -> Vec<(Span, String)> {
    analysis
        .entities
        .iter()
        .filter(|e| !e.via_demonym)
        // Nominal mentions (a role standing for a person) are not names.
        .filter(|e| e.role.as_deref() != Some(e.text.as_str()))
        .filter_map(|e| {
            let label = label_of(e.kind)?;
            let mut span = e.span;
            if include_titles && e.kind == EntityKind::Person {
                if let (Some(role), Some(before)) = (&e.role, text.get(..e.span.start)) {
                    let trimmed = before.trim_end();
                    if trimmed.ends_with(role.as_str()) {
                        span = Span::new(trimmed.len() - role.len(), e.span.end);
                    }
                }
            }
            Some((span, label.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_and_fuzzy_matching() {
        let doc = finish_annotated(GoldDoc {
            id: "t".into(),
            language: "en".into(),
            text: "President Vladimir Putin met Assimi Goita in Moscow".into(),
            sentences: vec![],
            tokens: vec![],
            gold: vec![
                GoldMention {
                    span: Span::new(10, 24),
                    label: "PER".into(),
                },
                GoldMention {
                    span: Span::new(29, 41),
                    label: "PER".into(),
                },
                GoldMention {
                    span: Span::new(45, 51),
                    label: "LOC".into(),
                },
            ],
        });
        let predicted = vec![
            (Span::new(0, 24), "PER".to_string()),
            (Span::new(29, 41), "PER".to_string()),
            (Span::new(45, 51), "ORG".to_string()),
        ];
        let scores = score_document(&doc, &predicted);
        assert_eq!(scores.micro(false), Counts { tp: 1, fp: 2, fn_: 2 });
        assert_eq!(scores.micro(true), Counts { tp: 2, fp: 1, fn_: 1 });
    }
}
