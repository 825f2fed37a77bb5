//! Generation throughput: articles per second and MB per second for the
//! streaming iterator, JSON Lines to a sink, and one file per article.
//! Prints the figures and writes reports/corpus.md at the repository root.
//!
//! `cargo bench -p recoupe-corpus --bench corpus` (RECOUPE_BENCH_ARTICLES to change the size).

use std::fmt::Write as _;
use std::time::Instant;

use recoupe_corpus::{generate, write_jsonl, write_text_dir, GenConfig};

const RUNS: usize = 5;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Runs `f` RUNS times; returns the median seconds and what `f` returned the last time.
fn measure(mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut times = Vec::new();
    let mut out = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        out = f();
        times.push(start.elapsed().as_secs_f64());
    }
    (median(times), out)
}

fn main() {
    let articles: usize = std::env::var("RECOUPE_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let config = GenConfig {
        articles,
        stories: articles / 10,
        ..GenConfig::default()
    };

    let (t_iter, bytes) = measure(|| generate(&config).map(|a| a.title.len() + a.text.len()).sum::<usize>());
    let (t_jsonl, _) = measure(|| write_jsonl(&config, &mut std::io::sink()).unwrap_or(0));
    let dir = std::env::temp_dir().join(format!("recoupe-corpus-bench-{}", std::process::id()));
    let small = GenConfig {
        articles: articles.min(2_000),
        ..config.clone()
    };
    let (t_dir, files) = measure(|| {
        let n = write_text_dir(&small, &dir).unwrap_or(0);
        let _ = std::fs::remove_dir_all(&dir);
        n
    });

    let mb = bytes as f64 / 1e6;
    let mut report = String::new();
    let _ = writeln!(report, "# recoupe-corpus: generation throughput\n");
    let _ = writeln!(
        report,
        "`cargo bench -p recoupe-corpus --bench corpus` — {articles} articles ({:.1} MB of text), \
         {} stories, seed {}; median of {RUNS} runs, one thread.\n",
        mb, config.stories, config.seed
    );
    let _ = writeln!(report, "| what | median time | articles/s | MB/s | vs iterator |");
    let _ = writeln!(report, "|---|---|---|---|---|");
    let rows = [
        ("`generate` (iterate, no output)", t_iter, articles, mb),
        ("`write_jsonl` to a sink", t_jsonl, articles, mb),
    ];
    for (name, t, n, m) in rows {
        let _ = writeln!(
            report,
            "| {name} | {:.3} s | {:.0} | {:.1} | {:.2}x |",
            t,
            n as f64 / t,
            m / t,
            t / t_iter
        );
    }
    let per_article_iter = t_iter / articles as f64;
    let _ = writeln!(
        report,
        "| `write_text_dir` ({files} files) | {:.3} s | {:.0} | – | {:.2}x per article |",
        t_dir,
        files as f64 / t_dir,
        (t_dir / files.max(1) as f64) / per_article_iter
    );
    let _ = writeln!(
        report,
        "\nMemory is constant in the corpus size: article `i` is computed from `(seed, i)` alone \
         (a copy regenerates its original), nothing is kept between articles. Figures vary with \
         machine load (measured on a shared 2-core machine); `write_text_dir` is bound by the file system."
    );
    print!("{report}");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../reports/corpus.md");
    if let Err(e) = std::fs::write(path, &report) {
        eprintln!("could not write {path}: {e}");
    }
}
