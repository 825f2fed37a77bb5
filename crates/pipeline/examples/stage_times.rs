//! Seconds spent in each stage of `brief` on the given inputs, for finding
//! what grows faster than the input (reports/pipeline.md, "one huge text").
//!
//!     cargo run --release -p recoupe-pipeline --example stage_times -- FILE...

use std::time::Instant;

use recoupe_ingest::ReadOptions;
use recoupe_pipeline::{Analyzer, StoryConfig};

fn main() {
    let inputs: Vec<String> = std::env::args().skip(1).collect();
    let t = Instant::now();
    let (pairs, report) = recoupe_pipeline::read_articles(&inputs, &ReadOptions::default(), &mut |_, _| {});
    let read = t.elapsed().as_secs_f64();
    let articles: Vec<_> = pairs.into_iter().map(|(_, a)| a).collect();
    let sentences: usize = articles.iter().map(|a| a.sentences.len()).sum();
    let t = Instant::now();
    let analyzer = Analyzer::new();
    let (analyses, _errors) = recoupe_pipeline::analyze_all(&analyzer, &articles);
    let analyse = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let stories = recoupe_pipeline::stories(&articles, &analyses, &StoryConfig::default());
    let cluster = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let dossiers = recoupe_pipeline::dossiers(&stories, &articles, &analyses);
    let dossier = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let md: usize = dossiers.iter().map(|d| recoupe_dossier::render_markdown(d).len()).sum();
    let render = t.elapsed().as_secs_f64();
    println!(
        "articles {} sentences {sentences} errors {} | read+extract {read:.2}s analyse {analyse:.2}s stories {cluster:.2}s dossiers {dossier:.2}s render {render:.2}s ({md} bytes)",
        articles.len(),
        report.errors.len()
    );
}
