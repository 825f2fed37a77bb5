//! Whole-pipeline figures: ingest (read → extract → clean → segment → store),
//! analysis, and `brief` (cold, whole process) on the seeds and on a generated
//! corpus. Each measured stage runs in a child process so that its peak memory
//! is its own. Writes `reports/pipeline.md`.
//!
//! Sizes: RECOUPE_BENCH_ARTICLES (default 50000) for ingest and analysis,
//! RECOUPE_BENCH_BRIEF (default 10000) for the large brief, RECOUPE_BENCH_RUNS
//! (default 3) runs per stage; the median is reported.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use recoupe_bench::{median, peak_rss_mib, timed};
use recoupe_corpus::GenConfig;
use recoupe_ingest::ReadOptions;
use serde_json::{json, Value};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn shared_seeds() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds"));
    p.is_dir().then_some(p)
}

/// Runs one stage in this process (child mode) and prints its figures as JSON.
fn child(stage: &str, input: &str) -> Result<()> {
    let inputs = vec![input.to_string()];
    let bytes = dir_bytes(Path::new(input));
    let result = match stage {
        "ingest" => {
            let dir = tempfile::tempdir()?;
            let mut store = recoupe_store::Store::open(dir.path())?;
            let (secs, report) =
                timed(|| recoupe_pipeline::ingest(&mut store, &inputs, &ReadOptions::default(), &mut |_, _| {}));
            let report = report?;
            json!({"secs": secs, "articles": report.articles, "bytes": bytes, "errors": report.errors.len()})
        }
        "analyze" => {
            let (pairs, _) = recoupe_pipeline::read_articles(&inputs, &ReadOptions::default(), &mut |_, _| {});
            let articles: Vec<_> = pairs.into_iter().map(|(_, a)| a).collect();
            let analyzer = recoupe_pipeline::Analyzer::new();
            let text_bytes: usize = articles.iter().map(|a| a.text.len()).sum();
            // One thread: the figure is per core.
            let (secs, mentions) = timed(|| {
                articles
                    .iter()
                    .map(|a| analyzer.analyze(a).entities.len())
                    .sum::<usize>()
            });
            std::hint::black_box(mentions);
            json!({"secs": secs, "articles": articles.len(), "bytes": text_bytes})
        }
        "brief" => {
            let (secs, n) = timed(|| -> Result<usize> {
                let (pairs, _) = recoupe_pipeline::read_articles(&inputs, &ReadOptions::default(), &mut |_, _| {});
                let articles: Vec<_> = pairs.into_iter().map(|(_, a)| a).collect();
                let analyzer = recoupe_pipeline::Analyzer::new();
                let (analyses, _) = recoupe_pipeline::analyze_all(&analyzer, &articles);
                let stories = recoupe_pipeline::stories(&articles, &analyses, &Default::default());
                let dossiers = recoupe_pipeline::dossiers(&stories, &articles, &analyses);
                let html = recoupe_dossier::render_html_many(&dossiers);
                std::hint::black_box(&html);
                Ok(articles.len())
            });
            json!({"secs": secs, "articles": n?, "bytes": bytes})
        }
        other => bail!("unknown stage {other}"),
    };
    let mut result = result;
    result["peak_mib"] = json!(peak_rss_mib());
    println!("{result}");
    Ok(())
}

fn dir_bytes(p: &Path) -> u64 {
    if p.is_file() {
        return p.metadata().map_or(0, |m| m.len());
    }
    std::fs::read_dir(p)
        .map(|rd| rd.flatten().map(|e| dir_bytes(&e.path())).sum())
        .unwrap_or(0)
}

/// Runs a stage `runs` times in child processes; returns (median wall secs of the
/// whole child, median in-process secs, last figures).
fn measure(stage: &str, input: &Path, runs: usize) -> Result<(f64, f64, Value)> {
    let exe = std::env::current_exe()?;
    let mut walls = Vec::new();
    let mut inner = Vec::new();
    let mut last = Value::Null;
    for _ in 0..runs {
        let (wall, out) = timed(|| {
            Command::new(&exe)
                .env("RECOUPE_BENCH_STAGE", stage)
                .env("RECOUPE_BENCH_INPUT", input)
                .output()
        });
        let out = out?;
        if !out.status.success() {
            bail!("stage {stage} failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let line = text.lines().last().context("no output from stage")?;
        let v: Value = serde_json::from_str(line)?;
        inner.push(v["secs"].as_f64().unwrap_or(0.0));
        walls.push(wall);
        last = v;
    }
    Ok((median(&mut walls), median(&mut inner), last))
}

fn main() -> Result<()> {
    if let (Ok(stage), Ok(input)) = (
        std::env::var("RECOUPE_BENCH_STAGE"),
        std::env::var("RECOUPE_BENCH_INPUT"),
    ) {
        return child(&stage, &input);
    }
    // `cargo bench` passes `--bench`; anything else (e.g. a test filter) is ignored.
    let n = env_usize("RECOUPE_BENCH_ARTICLES", 50_000);
    let n_brief = env_usize("RECOUPE_BENCH_BRIEF", 10_000);
    let runs = env_usize("RECOUPE_BENCH_RUNS", 3);
    let work = tempfile::tempdir()?;
    let corpus = work.path().join("corpus");
    let config = GenConfig {
        articles: n,
        stories: (n / 12).max(1),
        ..GenConfig::default()
    };
    eprintln!("generating {n} articles…");
    recoupe_corpus::write_text_dir(&config, &corpus)?;
    let brief_corpus = work.path().join("brief");
    let brief_config = GenConfig {
        articles: n_brief,
        stories: (n_brief / 12).max(1),
        ..GenConfig::default()
    };
    recoupe_corpus::write_text_dir(&brief_config, &brief_corpus)?;

    let mut rows = Vec::new();
    let mut row = |name: &str, stage: &str, input: &Path, runs: usize| -> Result<()> {
        eprintln!("measuring {name}…");
        let (wall, secs, v) = measure(stage, input, runs)?;
        let articles = v["articles"].as_f64().unwrap_or(0.0);
        let mb = v["bytes"].as_f64().unwrap_or(0.0) / 1e6;
        rows.push(format!(
            "| {name} | {} | {:.2} | {:.2} | {:.0} | {:.2} | {:.0} |",
            articles,
            wall,
            secs,
            articles / secs.max(1e-9),
            mb / secs.max(1e-9),
            v["peak_mib"].as_f64().unwrap_or(0.0)
        ));
        Ok(())
    };
    row(&format!("ingest {n} generated (1 thread)"), "ingest", &corpus, runs)?;
    row(&format!("analyze {n} generated (1 thread)"), "analyze", &corpus, runs)?;
    if let Some(seeds) = shared_seeds() {
        row("brief 5 seeds (cold process)", "brief", &seeds, runs.max(5))?;
    }
    row(
        &format!("brief {n_brief} generated (all cores)"),
        "brief",
        &brief_corpus,
        1.max(runs / 3),
    )?;

    let report = format!(
        "# Pipeline throughput and memory\n\n\
         Reproduce: `cargo bench -p recoupe-bench --bench pipeline` \
         (sizes: `RECOUPE_BENCH_ARTICLES`, `RECOUPE_BENCH_BRIEF`, `RECOUPE_BENCH_RUNS`).\n\
         Machine: {} cores. Each stage runs in its own process; medians of the runs.\n\
         *wall* is the whole child process (start-up, model loading, reading); *secs* the stage alone.\n\n\
         | stage | articles | wall s | stage s | articles/s | MB/s | peak MiB |\n|---|---|---|---|---|---|---|\n{}\n",
        std::thread::available_parallelism().map_or(1, |p| p.get()),
        rows.join("\n")
    );
    let out = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../reports/pipeline.md"));
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&out, &report)?;
    println!("{report}");
    Ok(())
}
