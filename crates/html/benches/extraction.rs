//! Main-text extraction benchmark on the scrapinghub article-extraction-benchmark pages and
//! the multi-source dev/test set of `benches/extraction_sets.py`:
//! shingle precision/recall/F1 (as the benchmark's `evaluate.py` defines them) and pages
//! per second on one thread, side by side with Python trafilatura in the same run.
//!
//! Run: `cargo bench -p recoupe-html --bench extraction`
//! Environment:
//! - `EXTRACTION_RUNS` (default 3): timed runs; the median is reported.
//! - `EXTRACTION_SETS=<dir>`: the multi-source set (default `/work/cache/recoupe/extraction/sets`).
//! - `EXTRACTION_SCRAPINGHUB=<dir>`: the scrapinghub pages (default `../shared/bench/extraction/scrapinghub`).
//! - `EXTRACTION_SPLIT=dev`: only dev pages (and scrapinghub), for tuning; no report written.
//! - `EXTRACTION_SOURCE=<name>`: only that source; no report written.
//! - `EXTRACTION_NO_PEER=1`: skip Python trafilatura.
//! - `EXTRACTION_DUMP=<file>`: write per-page scores (TSV, worst first) for both systems.
//! - `EXTRACTION_SHOW=<page id prefix>` (`wceb/0012`): print our text for that page, then exit.
//! - `EXTRACTION_NO_REPORT=1`: do not rewrite `reports/extraction.md`.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

struct Page {
    /// Unique over all sources: `<source>/<id>`.
    id: String,
    source: String,
    /// `dev`, `test`, or `all` for scrapinghub (tuned on before the split existed).
    split: String,
    url: Option<String>,
    /// The gzip file the page was read from (handed to the Python peer).
    path: PathBuf,
    html: String,
    truth: String,
}

/// Per-page true positive, false positive and false negative shares (normalised to sum
/// to 1 so that long pages do not weigh more), as in `evaluate.py`.
#[derive(Clone, Copy, Debug)]
struct Counts {
    tp: f64,
    fp: f64,
    fn_: f64,
}

/// Python's `re.findall(r'\w+')`: runs of Unicode letters, digits and underscores.
fn tokenize(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (position, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(position),
            (false, Some(from)) => {
                tokens.push(&text[from..position]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        tokens.push(&text[from..]);
    }
    tokens
}

/// Counter of 4-token shingles; a text shorter than 4 tokens is one shorter shingle.
fn shingles(text: &str) -> HashMap<Vec<&str>, i64> {
    const N: usize = 4;
    let tokens = tokenize(text);
    let mut counts = HashMap::new();
    let windows = tokens.len().saturating_sub(N - 1).max(1);
    for start in 0..windows {
        let end = (start + N).min(tokens.len());
        if let Some(shingle) = tokens.get(start..end) {
            if !shingle.is_empty() {
                *counts.entry(shingle.to_vec()).or_insert(0) += 1;
            }
        }
    }
    counts
}

fn shingle_matching(truth: &str, prediction: &str) -> Counts {
    let truth_shingles = shingles(truth);
    let predicted_shingles = shingles(prediction);
    let (mut tp, mut fp, mut fn_) = (0i64, 0i64, 0i64);
    for (shingle, &true_count) in &truth_shingles {
        let predicted = predicted_shingles.get(shingle).copied().unwrap_or(0);
        tp += true_count.min(predicted);
        fn_ += (true_count - predicted).max(0);
    }
    for (shingle, &predicted) in &predicted_shingles {
        let true_count = truth_shingles.get(shingle).copied().unwrap_or(0);
        fp += (predicted - true_count).max(0);
    }
    let sum = (tp + fp + fn_) as f64;
    if sum > 0.0 {
        Counts {
            tp: tp as f64 / sum,
            fp: fp as f64 / sum,
            fn_: fn_ as f64 / sum,
        }
    } else {
        Counts {
            tp: 0.0,
            fp: 0.0,
            fn_: 0.0,
        }
    }
}

fn precision(c: Counts) -> f64 {
    if c.fp == 0.0 && c.fn_ == 0.0 {
        1.0
    } else if c.tp == 0.0 && c.fp == 0.0 {
        0.0
    } else {
        c.tp / (c.tp + c.fp)
    }
}

fn recall(c: Counts) -> f64 {
    if c.fp == 0.0 && c.fn_ == 0.0 {
        1.0
    } else if c.tp == 0.0 && c.fn_ == 0.0 {
        0.0
    } else {
        c.tp / (c.tp + c.fn_)
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, count) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if count == 0 {
        0.0
    } else {
        sum / count as f64
    }
}

/// Mean precision over pages with a prediction, mean recall over pages with a truth,
/// F1 of the two means.
fn metrics(all: &[Counts]) -> (f64, f64, f64) {
    let p = mean(all.iter().filter(|c| c.tp + c.fp > 0.0).map(|&c| precision(c)));
    let r = mean(all.iter().filter(|c| c.tp + c.fn_ > 0.0).map(|&c| recall(c)));
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f1)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn read_gzip(path: &Path) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The scrapinghub pages (`ground-truth.json` + `html/<id>.html.gz`).
fn load_scrapinghub(root: &Path) -> Result<Vec<Page>, String> {
    let truth_text =
        std::fs::read_to_string(root.join("ground-truth.json")).map_err(|e| format!("ground-truth.json: {e}"))?;
    let truth: serde_json::Value = serde_json::from_str(&truth_text).map_err(|e| format!("ground-truth.json: {e}"))?;
    let entries = truth.as_object().ok_or("ground truth is not an object")?;
    let mut pages = Vec::new();
    for (id, entry) in entries {
        let path = root.join("html").join(format!("{id}.html.gz"));
        pages.push(Page {
            id: format!("scrapinghub/{id}"),
            source: "scrapinghub".to_string(),
            split: "all".to_string(),
            url: entry["url"].as_str().map(str::to_string),
            html: read_gzip(&path)?,
            path,
            truth: entry["articleBody"].as_str().unwrap_or("").to_string(),
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// The multi-source set built by `benches/extraction_sets.py` (`<source>/truth.jsonl` +
/// `<source>/html/<id>.html.gz`); splits as the committed manifest fixed them.
fn load_sets(root: &Path) -> Result<Vec<Page>, String> {
    let mut pages = Vec::new();
    let mut sources: Vec<PathBuf> = std::fs::read_dir(root)
        .map_err(|e| format!("{}: {e}", root.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.join("truth.jsonl").exists())
        .collect();
    sources.sort();
    for dir in sources {
        let source = dir.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_string();
        let listing = std::fs::read_to_string(dir.join("truth.jsonl")).map_err(|e| format!("{source}: {e}"))?;
        for line in listing.lines().filter(|l| !l.trim().is_empty()) {
            let entry: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{source}: {e}"))?;
            let id = entry["id"].as_str().unwrap_or("").to_string();
            let path = dir.join("html").join(format!("{id}.html.gz"));
            pages.push(Page {
                id: format!("{source}/{id}"),
                source: source.clone(),
                split: entry["split"].as_str().unwrap_or("dev").to_string(),
                url: entry["url"].as_str().filter(|u| !u.is_empty()).map(str::to_string),
                html: read_gzip(&path)?,
                path,
                truth: entry["text"].as_str().unwrap_or("").to_string(),
            });
        }
    }
    Ok(pages)
}

struct SystemResult {
    name: String,
    version: String,
    pages_per_second: f64,
    per_page: Vec<Counts>,
}

/// One timed pass of our extractor over all pages: texts and pages per second.
fn run_ours_once(pages: &[Page]) -> (Vec<String>, f64) {
    let start = Instant::now();
    let outputs = pages
        .iter()
        .map(|page| {
            recoupe_html::extract_html(&page.html, page.url.as_deref())
                .map(|article| article.text)
                .unwrap_or_default()
        })
        .collect();
    (outputs, pages.len() as f64 / start.elapsed().as_secs_f64())
}

/// One timed pass of Python trafilatura (timed inside Python, extraction only): texts,
/// pages per second and the trafilatura version.
fn run_python_once(pages: &[Page]) -> Result<(Vec<String>, f64, String), String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/trafilatura_peer.py");
    let listing = std::env::temp_dir().join(format!("recoupe-extraction-pages-{}.tsv", std::process::id()));
    let lines: String = pages
        .iter()
        .map(|page| format!("{}\t{}\n", page.id, page.path.display()))
        .collect();
    std::fs::write(&listing, lines).map_err(|e| format!("{}: {e}", listing.display()))?;
    let output = Command::new("python3")
        .arg(&script)
        .arg(&listing)
        .arg("1")
        .output()
        .map_err(|e| format!("python3 not runnable: {e}"));
    let _ = std::fs::remove_file(&listing);
    let output = output?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().last().unwrap_or("").to_string();
        return Err(format!("python trafilatura failed: {last}"));
    }
    let parsed: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("peer output is not JSON: {e}"))?;
    let seconds = parsed["seconds"]
        .as_array()
        .and_then(|a| a.first())
        .and_then(serde_json::Value::as_f64)
        .ok_or("peer output has no timing")?;
    let outputs = pages
        .iter()
        .map(|page| parsed["outputs"][&page.id].as_str().unwrap_or("").to_string())
        .collect();
    let version = parsed["version"].as_str().unwrap_or("?").to_string();
    Ok((outputs, pages.len() as f64 / seconds, version))
}

fn summarise(name: &str, version: &str, pages: &[Page], outputs: &[String], rates: Vec<f64>) -> SystemResult {
    let per_page: Vec<Counts> = pages
        .iter()
        .zip(outputs)
        .map(|(page, text)| shingle_matching(&page.truth, text))
        .collect();
    SystemResult {
        name: name.to_string(),
        version: version.to_string(),
        pages_per_second: median(rates),
        per_page,
    }
}

fn dump(path: &Path, pages: &[Page], results: &[SystemResult]) -> std::io::Result<()> {
    let mut out = String::from("system\tid\tsplit\tprecision\trecall\tf1\turl\n");
    for result in results {
        let mut rows: Vec<(f64, &Page, Counts)> = pages
            .iter()
            .zip(&result.per_page)
            .map(|(page, &c)| {
                let (p, r) = (precision(c), recall(c));
                let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
                (f1, page, c)
            })
            .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f1, page, c) in rows {
            out.push_str(&format!(
                "{}\t{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{}\n",
                result.name,
                page.id,
                page.split,
                precision(c),
                recall(c),
                f1,
                page.url.as_deref().unwrap_or("")
            ));
        }
    }
    std::fs::write(path, out)
}

/// Groups of pages reported on: scrapinghub whole, each other source per split, and all
/// other sources pooled per split.
fn groups(pages: &[Page]) -> Vec<(String, String, Vec<usize>)> {
    let mut sources: Vec<&str> = pages.iter().map(|p| p.source.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    let mut out = Vec::new();
    for split in ["all", "dev", "test"] {
        for source in &sources {
            let members: Vec<usize> = (0..pages.len())
                .filter(|&i| pages[i].source == *source && pages[i].split == split)
                .collect();
            if !members.is_empty() {
                out.push((source.to_string(), split.to_string(), members));
            }
        }
        if split != "all" {
            let pooled: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].split == split).collect();
            if !pooled.is_empty() {
                out.push(("**all sources**".to_string(), split.to_string(), pooled));
            }
        }
    }
    out
}

fn report(results: &[SystemResult], pages: &[Page], runs: usize, peer_note: &str) -> String {
    let python_rate = results
        .iter()
        .find(|r| r.name.starts_with("trafilatura"))
        .map(|r| r.pages_per_second);
    let mut out = String::new();
    out.push_str("# Main-text extraction benchmark\n\n");
    out.push_str(&format!(
        "Pages: {} in all. The 181 news and blog pages of the scrapinghub \
         article-extraction-benchmark (`shared/bench/extraction/scrapinghub`, tuned on before \
         this multi-source set existed, so reported whole), and a multi-source set split into \
         dev and test by a fixed hash before any tuning (`crates/html/benches/extraction_manifest.tsv`, \
         rebuilt by `crates/html/benches/extraction_sets.py`): `readability` (real pages of Mozilla \
         Readability's test suite, several languages), `htmltotext` (hand-made extractions, en/de/hr/zh), \
         `wceb` (the 1,000-page 2026 web content extraction benchmark: news, blogs, guides, recipes, \
         product and service pages, forums). Metric: 4-token shingle precision, recall and F1 exactly \
         as scrapinghub's `evaluate.py` computes them (per-page normalised counts, mean precision and \
         mean recall over pages, F1 of the means). Both systems measured in the same run.\n\n",
        pages.len()
    ));
    out.push_str("| set | split | pages |");
    for result in results {
        out.push_str(&format!(" {} P | R | F1 |", result.name));
    }
    out.push_str("\n|---|---|---|");
    for _ in results {
        out.push_str("---|---|---|");
    }
    out.push('\n');
    for (source, split, members) in groups(pages) {
        out.push_str(&format!("| {source} | {split} | {} |", members.len()));
        for result in results {
            let counts: Vec<Counts> = members.iter().map(|&i| result.per_page[i]).collect();
            let (p, r, f1) = metrics(&counts);
            let bold = |v: f64, best: bool| if best { format!("**{v:.3}**") } else { format!("{v:.3}") };
            let best_f1 = results
                .iter()
                .map(|other| metrics(&members.iter().map(|&i| other.per_page[i]).collect::<Vec<_>>()).2)
                .fold(f64::MIN, f64::max);
            out.push_str(&format!(
                " {p:.3} | {r:.3} | {} |",
                bold(f1, results.len() > 1 && f1 >= best_f1)
            ));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "\nSpeed: pages per second on one thread over all {} pages, extraction only (pages \
         decompressed beforehand), median of {runs} runs alternating between the systems.\n\n",
        pages.len()
    ));
    out.push_str("| system | version | pages/s | speed vs Python |\n|---|---|---|---|\n");
    for result in results {
        let ratio = python_rate
            .map(|rate| format!("{:.1}x", result.pages_per_second / rate))
            .unwrap_or_else(|| "n/a".to_string());
        out.push_str(&format!(
            "| {} | {} | {:.0} | {} |\n",
            result.name, result.version, result.pages_per_second, ratio
        ));
    }
    if !peer_note.is_empty() {
        out.push_str(&format!("\n{peer_note}\n"));
    }
    out.push_str(NOTES);
    out.push('\n');
    out.push_str(MARKER);
    out.push('\n');
    out
}

/// Fixed part of the report: how to reproduce the tables above.
const NOTES: &str = "
Reproduce (the multi-source pages live outside the checkout; `extraction_sets.py` says where
they come from and rebuilds them from the public repositories):

```sh
pip install trafilatura lxml_html_clean   # the Python peer; skipped with a note if missing
python3 crates/html/benches/extraction_sets.py build <mirrors dir>   # once
python3 crates/html/benches/extraction_sets.py verify                # pages match the manifest
cargo bench -p recoupe-html --bench extraction
```

Tuning looks at dev only (`EXTRACTION_SPLIT=dev EXTRACTION_NO_PEER=1 EXTRACTION_RUNS=1
EXTRACTION_DUMP=/tmp/scores.tsv`); one page next to its truth with the competing elements:
`EXTRACTION_SHOW=wceb/0042 cargo bench -p recoupe-html --bench extraction`, or
`cargo run -p recoupe-html --example extract_file -- page.html --explain`.
";

/// The bench rewrites the report up to this line and keeps what follows (notes written
/// by hand: how the extractor works, figures measured by other commands).
const MARKER: &str = "<!-- generated above by crates/html/benches/extraction.rs; written by hand below -->";

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scrapinghub: PathBuf = std::env::var_os("EXTRACTION_SCRAPINGHUB")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../../shared/bench/extraction/scrapinghub"));
    let sets: PathBuf = std::env::var_os("EXTRACTION_SETS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/cache/recoupe/extraction/sets"));
    let mut pages = Vec::new();
    if scrapinghub.join("ground-truth.json").exists() {
        match load_scrapinghub(&scrapinghub) {
            Ok(found) => pages.extend(found),
            Err(error) => println!("SKIP scrapinghub: cannot load its pages ({error})"),
        }
    } else {
        println!("SKIP scrapinghub: {} is absent", scrapinghub.display());
    }
    if sets.is_dir() {
        match load_sets(&sets) {
            Ok(found) => pages.extend(found),
            Err(error) => println!("SKIP multi-source set: cannot load it ({error})"),
        }
    } else {
        println!(
            "SKIP multi-source set: {} is absent (rebuild: python3 crates/html/benches/extraction_sets.py build <mirrors>)",
            sets.display()
        );
    }
    // Tuning looks at dev only: `EXTRACTION_SPLIT=dev` keeps dev pages (and scrapinghub).
    let split_filter = std::env::var("EXTRACTION_SPLIT").ok();
    let source_filter = std::env::var("EXTRACTION_SOURCE").ok();
    pages.retain(|page| {
        split_filter
            .as_deref()
            .is_none_or(|split| page.split == split || page.split == "all")
            && source_filter.as_deref().is_none_or(|source| page.source == source)
    });
    if pages.is_empty() {
        println!("SKIP extraction benchmark: no pages");
        return;
    }
    if let Ok(prefix) = std::env::var("EXTRACTION_SHOW") {
        for page in pages.iter().filter(|p| p.id.starts_with(&prefix)) {
            match recoupe_html::extract_html(&page.html, page.url.as_deref()) {
                Ok(article) => {
                    println!("=== {} {:?}\n--- ours:\n{}", page.id, page.url, article.text);
                    println!("--- truth:\n{}", page.truth);
                    let c = shingle_matching(&page.truth, &article.text);
                    println!("--- P={:.3} R={:.3}", precision(c), recall(c));
                    println!("{}", recoupe_html::explain_main_text(&page.html));
                }
                Err(error) => println!("=== {}: error {error}", page.id),
            }
        }
        return;
    }
    let runs: usize = std::env::var("EXTRACTION_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    // Runs alternate between the two systems so that a change in machine load (the
    // machine is shared) weighs on both alike.
    let mut with_peer = std::env::var_os("EXTRACTION_NO_PEER").is_none();
    let mut peer_note = String::new();
    let (mut ours, mut ours_rates) = (Vec::new(), Vec::new());
    let (mut theirs, mut their_rates, mut their_version) = (Vec::new(), Vec::new(), String::new());
    for _ in 0..runs.max(1) {
        let (outputs, rate) = run_ours_once(&pages);
        ours = outputs;
        ours_rates.push(rate);
        if with_peer {
            match run_python_once(&pages) {
                Ok((outputs, rate, version)) => {
                    theirs = outputs;
                    their_rates.push(rate);
                    their_version = version;
                }
                Err(error) => {
                    peer_note = format!(
                        "Python trafilatura was not measured in this run ({error}); install it \
                         with `pip install trafilatura lxml_html_clean`."
                    );
                    println!("note: {peer_note}");
                    with_peer = false;
                }
            }
        }
    }
    let mut results = vec![summarise(
        "recoupe-html",
        env!("CARGO_PKG_VERSION"),
        &pages,
        &ours,
        ours_rates,
    )];
    if with_peer {
        results.push(summarise(
            "trafilatura (Python)",
            &their_version,
            &pages,
            &theirs,
            their_rates,
        ));
    }
    for (source, split, members) in groups(&pages) {
        let mut line = format!("{source:<16} {split:<4} {:>4} pages", members.len());
        for result in &results {
            let counts: Vec<Counts> = members.iter().map(|&i| result.per_page[i]).collect();
            let (p, r, f1) = metrics(&counts);
            line.push_str(&format!(" | {:<12} P={p:.3} R={r:.3} F1={f1:.3}", result.name));
        }
        println!("{line}");
    }
    for result in &results {
        println!("{:<22} {:>7.1} pages/s", result.name, result.pages_per_second);
    }
    if let Ok(path) = std::env::var("EXTRACTION_DUMP") {
        match dump(Path::new(&path), &pages, &results) {
            Ok(()) => println!("per-page scores written to {path}"),
            Err(error) => println!("note: cannot write {path}: {error}"),
        }
    }
    let partial = split_filter.is_some() || source_filter.is_some();
    if std::env::var_os("EXTRACTION_NO_REPORT").is_none() && !partial {
        let path = manifest.join("../../reports/extraction.md");
        let mut text = report(&results, &pages, runs, &peer_note);
        if let Ok(existing) = std::fs::read_to_string(&path) {
            if let Some(at) = existing.find(MARKER) {
                text.push_str(existing[at + MARKER.len()..].trim_start_matches('\n'));
            }
        }
        match std::fs::write(&path, text) {
            Ok(()) => println!("report written to {}", path.display()),
            Err(error) => println!("note: cannot write {}: {error}", path.display()),
        }
    }
}
