//! A short extractive summary across sources: whole sentences as one source
//! wrote them (so nothing is stated that no source states), chosen for how
//! central they are to the story and how many outlets say much the same,
//! with redundancy removed by maximal marginal relevance (MMR).
//!
//! Each line cites its own sentence first, then the sentences of other
//! sources that say much the same (cosine similarity of content words).

use std::collections::{BTreeMap, BTreeSet};

use crate::lexicon::Lexicon;
use crate::model::{Citation, SummaryLine};
use crate::sources::{independent_count, Item};
use crate::text::words;

/// Sentences with fewer content words say too little to summarise a story.
const MIN_CONTENT_WORDS: usize = 6;
/// Longer sentences are usually run-ons from bad splits.
const MAX_WORDS: usize = 70;
/// Similarity above which another source's sentence supports a summary line.
/// Most sentences that compete for the summary (see `build`).
const MAX_CANDIDATES: usize = 400;

/// High, so that a line never cites a source for what it does not say.
const SUPPORT_SIMILARITY: f64 = 0.55;
/// Above this similarity to a chosen line a sentence is a repeat (a copy's sentence).
const REPEAT_SIMILARITY: f64 = 0.8;
/// Trade-off between relevance and novelty in MMR.
const LAMBDA: f64 = 0.7;

struct Candidate {
    item: usize,
    sentence: usize,
    vector: Vector,
    position: usize,
}

/// A sparse vector: (term id, weight) sorted by term, with its norm.
struct Vector {
    terms: Vec<(usize, f64)>,
    norm: f64,
}

impl Vector {
    fn new(mut terms: Vec<(usize, f64)>) -> Vector {
        terms.sort_by_key(|t| t.0);
        let norm = terms.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
        Vector { terms, norm }
    }
}

/// Cosine of two sparse vectors, by merging their sorted terms.
fn cosine(a: &Vector, b: &Vector) -> f64 {
    if a.norm == 0.0 || b.norm == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while let (Some(x), Some(y)) = (a.terms.get(i), b.terms.get(j)) {
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += x.1 * y.1;
                i += 1;
                j += 1;
            }
        }
    }
    dot / (a.norm * b.norm)
}

/// `dated`: (item index, sentence index) of sentences that date an event;
/// what happened when is what a reader of a story wants first.
pub fn build(items: &[Item<'_>], dated: &BTreeSet<(usize, usize)>) -> Vec<SummaryLine> {
    // Content words of every sentence.
    let mut raw: Vec<(usize, usize, usize, BTreeMap<String, f64>)> = Vec::new();
    let mut document_frequency: BTreeMap<String, usize> = BTreeMap::new();
    for (ii, item) in items.iter().enumerate() {
        let lex = Lexicon::for_language(&item.lang);
        for (si, span) in item.article.sentences.iter().enumerate() {
            let Some(text) = span.slice(&item.article.text) else {
                continue;
            };
            let ws = words(text);
            if ws.len() > MAX_WORDS || text.trim_end().ends_with('?') {
                continue;
            }
            let mut tf: BTreeMap<String, f64> = BTreeMap::new();
            for w in &ws {
                if w.folded.chars().count() < 3 || lex.stopwords.contains(&w.folded) {
                    continue;
                }
                // A crude stem: French and English plurals and feminines share one term.
                let stem: String = w.folded.chars().take(7).collect();
                *tf.entry(stem).or_default() += 1.0;
            }
            if tf.values().sum::<f64>() < MIN_CONTENT_WORDS as f64 {
                continue;
            }
            for k in tf.keys() {
                *document_frequency.entry(k.clone()).or_default() += 1;
            }
            raw.push((ii, si, si, tf));
        }
    }
    let n = raw.len().max(1) as f64;
    let term_ids: BTreeMap<&String, usize> = document_frequency.keys().enumerate().map(|(i, k)| (k, i)).collect();
    let mut candidates: Vec<Candidate> = raw
        .iter()
        .map(|(item, sentence, position, tf)| {
            let terms = tf
                .iter()
                .filter_map(|(k, v)| {
                    let df = document_frequency.get(k).copied().unwrap_or(1) as f64;
                    let idf = (1.0 + n / df).ln();
                    Some((*term_ids.get(k)?, v * idf))
                })
                .collect();
            Candidate {
                item: *item,
                sentence: *sentence,
                vector: Vector::new(terms),
                position: *position,
            }
        })
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut centroid_terms: BTreeMap<usize, f64> = BTreeMap::new();
    for c in &candidates {
        let norm = c.vector.norm.max(1e-9);
        for (k, v) in &c.vector.terms {
            *centroid_terms.entry(*k).or_default() += v / norm;
        }
    }
    let centroid = Vector::new(centroid_terms.into_iter().collect());
    // The support step below compares every pair of sentences. In a large story
    // only the sentences closest to the centroid compete, which keeps the cost
    // bounded whatever the story's size (and changes nothing for small ones).
    if candidates.len() > MAX_CANDIDATES {
        let mut ranked: Vec<(f64, usize)> = candidates
            .iter()
            .enumerate()
            .map(|(i, c)| (cosine(&c.vector, &centroid), i))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let keep: BTreeSet<usize> = ranked.into_iter().take(MAX_CANDIDATES).map(|(_, i)| i).collect();
        candidates = candidates
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep.contains(i))
            .map(|(_, c)| c)
            .collect();
    }
    // Support: other sources with a similar sentence, counted per independent outlet.
    let support: Vec<Vec<usize>> = candidates
        .iter()
        .map(|c| {
            let mut best: BTreeMap<usize, (f64, usize)> = BTreeMap::new();
            for (j, d) in candidates.iter().enumerate() {
                if d.item == c.item {
                    continue;
                }
                let s = cosine(&c.vector, &d.vector);
                if s >= SUPPORT_SIMILARITY {
                    let e = best.entry(d.item).or_insert((s, j));
                    if s > e.0 {
                        *e = (s, j);
                    }
                }
            }
            best.values().map(|(_, j)| *j).collect()
        })
        .collect();
    let outlets = independent_count(items, &items.iter().map(|i| i.number).collect::<Vec<_>>()).max(1) as f64;
    let relevance: Vec<f64> = candidates
        .iter()
        .zip(&support)
        .map(|(c, sup)| {
            let mut sources: Vec<usize> = sup
                .iter()
                .filter_map(|j| candidates.get(*j))
                .map(|d| items[d.item].number)
                .collect();
            sources.push(items[c.item].number);
            let corroboration = independent_count(items, &sources) as f64 / outlets;
            let lead = if c.position < 3 { 0.1 } else { 0.0 };
            let event = if dated.contains(&(c.item, c.sentence)) {
                0.15
            } else {
                0.0
            };
            cosine(&c.vector, &centroid) + 0.3 * corroboration + lead + event
        })
        .collect();
    let want = (items.len() + 3).clamp(5, 8).min(candidates.len());
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < want {
        let next = (0..candidates.len())
            .filter(|i| !chosen.contains(i))
            .filter_map(|i| {
                let redundancy = chosen
                    .iter()
                    .map(|j| cosine(&candidates[i].vector, &candidates[*j].vector))
                    .fold(0.0f64, f64::max);
                (redundancy < REPEAT_SIMILARITY).then_some((i, LAMBDA * relevance[i] - (1.0 - LAMBDA) * redundancy))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
        match next {
            Some((i, _)) => chosen.push(i),
            None => break,
        }
    }
    chosen
        .into_iter()
        .filter_map(|i| {
            let c = &candidates[i];
            let own = items.get(c.item)?.cite_sentence(c.sentence)?;
            let mut citations = vec![own.clone()];
            let mut others: Vec<Citation> = support[i]
                .iter()
                .filter_map(|j| candidates.get(*j))
                .filter_map(|d| items.get(d.item)?.cite_sentence(d.sentence))
                .collect();
            others.sort();
            citations.extend(others);
            Some(SummaryLine {
                text: own.text,
                citations,
            })
        })
        .collect()
}
