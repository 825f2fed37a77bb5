//! Figures of `reports/persisted-stories.md`: a store of generated articles,
//! its persisted stories, and what reading them costs.
//!
//! ```text
//! persisted_stories fill DIR N      # store N generated articles, update stories in steps of 10k
//! persisted_stories add DIR K       # store K more articles, time one update_stories
//! persisted_stories read DIR        # open, list the first page, read one dossier (twice)
//! persisted_stories state DIR       # engine state size, restore and save times
//! ```
//! Articles are stored directly (no extraction): the figures are about stories.
//! Run under `/usr/bin/time -v` for the peak RSS.

use std::time::Instant;

use chrono::Datelike;
use recoupe_core::{Article, DateStamp, Document, MediaType, Metadata, Origin, Span};
use recoupe_pipeline::{Analyzer, Store, StoryConfig, StoryEngine, StoryQuery};

/// One corpus for every command, so that `add` continues what `fill` stored:
/// about 270 articles a day in ten-article stories over two years.
fn config() -> recoupe_corpus::GenConfig {
    recoupe_corpus::GenConfig {
        articles: 200_000,
        stories: 20_000,
        days: 730,
        ..Default::default()
    }
}

fn store_range(store: &mut Store, range: std::ops::Range<usize>) {
    // Generated in date order within the range (the generator interleaves dates).
    let mut generated: Vec<_> = recoupe_corpus::generate(&config())
        .skip(range.start)
        .take(range.len())
        .collect();
    generated.sort_by_key(|g| (g.published.num_days_from_ce(), g.id.clone()));
    for chunk in generated.chunks(1000) {
        store
            .transaction(|s| {
                for g in chunk {
                    let doc = Document::new(
                        Origin::File {
                            path: format!("{}.txt", g.id),
                        },
                        MediaType::Text,
                        format!("{}\n{}", g.title, g.text).into_bytes(),
                    );
                    let mut text = String::new();
                    let mut paragraphs = Vec::new();
                    for line in g.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                        if !text.is_empty() {
                            text.push_str("\n\n");
                        }
                        let start = text.len();
                        text.push_str(line);
                        paragraphs.push(Span::new(start, text.len()));
                    }
                    let article = Article {
                        paragraph_languages: Vec::new(),
                        id: doc.short_id().to_string(),
                        doc_hash: doc.hash.clone(),
                        meta: Metadata {
                            title: Some(g.title.clone()),
                            published: Some(DateStamp::Date(g.published)),
                            language: Some(g.lang.clone()),
                            outlet: Some(g.outlet.clone()),
                            ..Metadata::default()
                        },
                        sentences: paragraphs.clone(),
                        text,
                        paragraphs,
                        removed: Vec::new(),
                        offsets: Vec::new(),
                        warnings: Vec::new(),
                    };
                    s.put_document(&doc)?;
                    s.put_article(&article, recoupe_pipeline::EXTRACTOR_VERSION)?;
                }
                Ok(())
            })
            .unwrap_or_else(|e| panic!("store: {e}"));
    }
}

fn update(store: &mut Store, analyzer: &Analyzer) -> f64 {
    let started = Instant::now();
    let report = recoupe_pipeline::update_stories(store, analyzer, &StoryConfig::default(), &mut |_, _| {})
        .unwrap_or_else(|e| panic!("update: {e}"));
    let secs = started.elapsed().as_secs_f64();
    println!(
        "update_stories: {} article(s) fed, {} stories changed, {} merged, {} in all: {secs:.2} s",
        report.fed, report.changed, report.merged, report.total_articles
    );
    secs
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: persisted_stories fill|add|read|state DIR [N]";
    let (Some(command), Some(dir)) = (args.get(1), args.get(2)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let n: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(0);
    let dir = std::path::Path::new(dir);
    let analyzer = Analyzer::new();
    match command.as_str() {
        "fill" => {
            let mut store = Store::open(dir).unwrap_or_else(|e| panic!("open: {e}"));
            let mut done = 0;
            while done < n {
                let next = (done + 10_000).min(n);
                store_range(&mut store, done..next);
                update(&mut store, &analyzer);
                done = next;
            }
        }
        "add" => {
            let mut store = Store::open(dir).unwrap_or_else(|e| panic!("open: {e}"));
            let (_, articles) = store.counts().unwrap_or_else(|e| panic!("counts: {e}"));
            store_range(&mut store, articles..articles + n);
            update(&mut store, &analyzer);
        }
        "read" => {
            let started = Instant::now();
            let store = Store::open(dir).unwrap_or_else(|e| panic!("open: {e}"));
            let opened = started.elapsed().as_secs_f64();
            let page = recoupe_pipeline::story_page(
                &store,
                &StoryQuery {
                    limit: 50,
                    ..StoryQuery::default()
                },
            )
            .unwrap_or_else(|e| panic!("page: {e}"));
            let listed = started.elapsed().as_secs_f64();
            println!(
                "open {opened:.3} s, first page of {} of {} stories at {listed:.3} s",
                page.stories.len(),
                page.total
            );
            let Some(first) = page.stories.get(5) else { return };
            for round in ["first (builds and caches)", "second (cached)"] {
                let t = Instant::now();
                let dossier =
                    recoupe_pipeline::dossier(&store, &analyzer, &first.id).unwrap_or_else(|e| panic!("dossier: {e}"));
                println!(
                    "dossier of {} ({} articles), {round}: {:.3} s, {} claims",
                    first.id,
                    first.size,
                    t.elapsed().as_secs_f64(),
                    dossier.map_or(0, |d| d.claims.len())
                );
            }
            println!("total {:.3} s", started.elapsed().as_secs_f64());
        }
        "state" => {
            let store = Store::open(dir).unwrap_or_else(|e| panic!("open: {e}"));
            let t = Instant::now();
            let Some(state) = store.story_state().unwrap_or_else(|e| panic!("state: {e}")) else {
                return;
            };
            let read = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let engine = StoryEngine::from_bytes(&state.engine).unwrap_or_else(|e| panic!("restore: {e}"));
            let restored = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let bytes = engine.to_bytes().unwrap_or_else(|e| panic!("save: {e}"));
            let saved = t.elapsed().as_secs_f64();
            println!(
                "state of {} articles ({} active): {:.1} MB; read {read:.3} s, restore {restored:.3} s, save {saved:.3} s",
                engine.len(),
                engine.active_len(),
                bytes.len() as f64 / 1e6
            );
        }
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
}
