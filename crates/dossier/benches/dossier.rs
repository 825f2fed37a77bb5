//! Dossier build and render time on the seed story, and how it grows with the
//! number of articles (the seeds replicated under new ids, so every copy is
//! one more source). Prints figures and writes `reports/dossier.md` at the
//! repository root. Medians of several runs. Skips when the seeds are absent.
//!
//! Run: `cargo bench -p recoupe-dossier --bench dossier`

use std::path::PathBuf;
use std::time::Instant;

use recoupe_core::{Analysis, Article, Document, MediaType, Origin, Story};
use recoupe_dossier::{build_dossier, render_html, render_json, render_markdown};

const RUNS: usize = 7;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let seeds = root.join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&seeds) else {
        println!("seeds absent at {}; nothing measured", seeds.display());
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let analyzer = recoupe_analyze::Analyzer::new();
    let mut base: Vec<(Article, Analysis)> = Vec::new();
    for p in paths.iter().filter(|p| p.extension().is_some_and(|x| x == "txt")) {
        let Ok(raw) = std::fs::read(p) else { continue };
        let doc = Document::new(
            Origin::File {
                path: p.display().to_string(),
            },
            MediaType::Text,
            raw,
        );
        let Ok(article) = recoupe_extract::extract(&doc) else {
            continue;
        };
        let analysis = analyzer.analyze(&article);
        base.push((article, analysis));
    }
    let mut lines = vec![
        "# Dossier build benchmark".to_string(),
        String::new(),
        "`cargo bench -p recoupe-dossier --bench dossier` — the five seed articles (extracted and analysed once,"
            .to_string(),
        "outside the timing), replicated under new ids to grow the story. Median of 7 runs, one core, release build."
            .to_string(),
        "No peer exists for this step; rows compare story sizes measured in the same run.".to_string(),
        String::new(),
        "| articles | build (ms) | per article (ms) | JSON (ms) | Markdown (ms) | HTML (ms) | HTML size (KiB) |"
            .to_string(),
        "|---:|---:|---:|---:|---:|---:|---:|".to_string(),
    ];
    for copies in [1usize, 4, 10, 20] {
        let mut pairs: Vec<(Article, Analysis)> = Vec::new();
        for k in 0..copies {
            for (a, b) in &base {
                let mut a = a.clone();
                a.id = format!("{}-{k}", a.id);
                a.meta.outlet = Some(format!("outlet {k}"));
                pairs.push((a, b.clone()));
            }
        }
        let story = Story {
            id: "bench".into(),
            title: String::new(),
            article_ids: pairs.iter().map(|(a, _)| a.id.clone()).collect(),
            copy_groups: vec![],
            reasons: vec![],
        };
        let items: Vec<(&Article, &Analysis)> = pairs.iter().map(|(a, b)| (a, b)).collect();
        let (mut build, mut json, mut md, mut html) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut size = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            let d = build_dossier(&story, &items);
            build.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            std::hint::black_box(render_json(&d));
            json.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            std::hint::black_box(render_markdown(&d));
            md.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            let h = render_html(&d);
            html.push(t.elapsed().as_secs_f64() * 1e3);
            size = h.len();
        }
        let n = pairs.len();
        let b = median(build);
        let line = format!(
            "| {n} | {b:.1} | {:.2} | {:.1} | {:.1} | {:.1} | {} |",
            b / n as f64,
            median(json),
            median(md),
            median(html),
            size / 1024
        );
        println!("{line}");
        lines.push(line);
    }
    lines.push(String::new());
    let report = root.join("reports/dossier.md");
    match std::fs::write(&report, lines.join("\n")) {
        Ok(()) => println!("wrote {}", report.display()),
        Err(e) => println!("could not write {}: {e}", report.display()),
    }
}
