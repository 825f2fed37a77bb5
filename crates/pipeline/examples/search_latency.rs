//! Latency of the search index on a store: typical queries (one word, two
//! words, a name, a filtered query, date order, a word in most articles,
//! a deep page), each run many times on one connection.
//!
//! `cargo run --release -p recoupe-pipeline --example search_latency -- <data folder> [runs]`
//! Prints one Markdown table row per query kind (p50, p99, hits), then all queries together.

use std::time::Instant;

use recoupe_pipeline::search::{SearchOrder, SearchQuery};
use recoupe_pipeline::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).ok_or("usage: search_latency <data folder> [runs]")?;
    let runs: usize = args.get(2).map(|r| r.parse()).transpose()?.unwrap_or(200);
    let store = Store::open(std::path::Path::new(dir))?;
    let (_, articles) = store.counts()?;
    let q = |text: &str| SearchQuery {
        text: text.to_string(),
        page: 1,
        per_page: 20,
        ..SearchQuery::default()
    };
    let kinds: Vec<(&str, SearchQuery)> = vec![
        ("one word", q("usine")),
        ("two words, stems", q("accords signés")),
        ("a name", q("Uwimana")),
        ("elision and accents", q("l'Etat malien")),
        (
            "language + date range",
            SearchQuery {
                language: Some("fr".into()),
                from: Some("2025-01-01".into()),
                to: Some("2025-12-31".into()),
                ..q("ministre")
            },
        ),
        (
            "date order",
            SearchQuery {
                order: SearchOrder::Newest,
                ..q("visite")
            },
        ),
        ("word in most articles (`a`)", q("a")),
        (
            "page 10",
            SearchQuery {
                page: 10,
                ..q("ministre")
            },
        ),
        ("no match", q("zzyzx")),
    ];
    println!("Store: {dir} ({articles} articles); {runs} runs per query kind, 20 hits a page.\n");
    println!("| query | p50 ms | p99 ms | hits counted |");
    println!("|---|---:|---:|---:|");
    let mut all = Vec::new();
    for (name, query) in &kinds {
        let mut times = Vec::with_capacity(runs);
        let mut total = 0;
        for _ in 0..runs {
            let started = Instant::now();
            let results = store.search_index(query)?.map_err(|e| e.to_string())?;
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            total = results.total;
        }
        all.extend(times.iter().copied());
        let (p50, p99) = percentiles(&mut times);
        println!("| {name} | {p50:.2} | {p99:.2} | {total} |");
    }
    let (p50, p99) = percentiles(&mut all);
    println!("| **all** | **{p50:.2}** | **{p99:.2}** | |");
    Ok(())
}

fn percentiles(times: &mut [f64]) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    (at(0.50), at(0.99))
}
