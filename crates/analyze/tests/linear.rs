//! Analysis time grows linearly with the size of one text.
//!
//! A one-line text dense with names, roles, figures and dates, and without
//! any sentence punctuation (so the time tagger's tense and year look-ups see
//! one sentence of the whole text), is analysed at two sizes, n and 4n. A
//! linear analyser takes about 4 times as long on the larger one, a quadratic
//! one 16 times: the bound of 10 separates them with room for a loaded machine
//! (each size is timed three times and the fastest run kept).

mod common;

use std::time::{Duration, Instant};

use recoupe_analyze::Analyzer;
use recoupe_core::Span;

const WORDS: &[&str] = &[
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
fn text_of(bytes: usize) -> (String, Vec<Span>) {
    let mut state: u64 = 7;
    let mut text = String::with_capacity(bytes + 64);
    let mut sentences = Vec::new();
    let mut sentence_start = 0;
    while text.len() < bytes {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let word = WORDS[(state >> 33) as usize % WORDS.len()];
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

fn fastest_analysis(analyzer: &Analyzer, bytes: usize) -> (Duration, usize) {
    let (text, sentences) = text_of(bytes);
    let mut article = common::article(&text, "fr");
    article.sentences = sentences;
    let mut best = Duration::MAX;
    let mut mentions = 0;
    for _ in 0..3 {
        let started = Instant::now();
        let analysis = analyzer.analyze(&article);
        best = best.min(started.elapsed());
        mentions = analysis.entities.len() + analysis.times.len() + analysis.quantities.len() + analysis.frames.len();
    }
    (best, mentions)
}

#[test]
fn analysis_of_one_long_line_is_linear() {
    let analyzer = Analyzer::new();
    let n = 40_000;
    let (small, small_mentions) = fastest_analysis(&analyzer, n);
    let (large, large_mentions) = fastest_analysis(&analyzer, 4 * n);
    // The text is dense: the work is in the mentions, which grow with it.
    assert!(small_mentions > 2_000, "only {small_mentions} mentions in {n} bytes");
    assert!(
        large_mentions > 3 * small_mentions,
        "{large_mentions} vs {small_mentions} mentions"
    );
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    assert!(
        ratio < 10.0,
        "4x the text took {ratio:.1}x the time ({small:?} -> {large:?}): some step grows faster than the text"
    );
}
