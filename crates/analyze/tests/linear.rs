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

fn fastest_analysis(analyzer: &Analyzer, bytes: usize) -> (Duration, usize) {
    let (text, sentences) = common::one_line_text(bytes);
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
