//! Language identification on held-out real news paragraphs.
//!
//! The texts are not in the repository: they live in a cache folder
//! (`$RECOUPE_LANG_DATA`, default `/work/cache/recoupe/lang/raw`), one file per
//! language (`<iso639-1>.tsv`, lines `url<TAB>paragraph`). The committed
//! manifest `benches/language/manifest.tsv` lists each paragraph by URL,
//! label, split and sha256, so the set can be checked after a rebuild.
//! The split is by page (sha256 of the URL: first byte < 128 is dev), so
//! paragraphs of one page never sit on both sides.
//!
//! `cargo bench -p recoupe-extract --bench language` prints accuracy per
//! language and split, the confusions, and the time per paragraph.
//! `LANG_BENCH_MANIFEST=1` rewrites the manifest; `LANG_BENCH_CHECK=1` fails
//! when a cached paragraph is missing from the manifest or differs from it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

struct Item {
    lang: String,
    split: &'static str,
    url: String,
    text: String,
}

fn load(dir: &PathBuf) -> Vec<Item> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    let mut items = Vec::new();
    for path in files {
        if path.extension().and_then(|e| e.to_str()) != Some("tsv") {
            continue;
        }
        let Some(lang) = path.file_stem().and_then(|s| s.to_str()).map(str::to_string) else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {}", path.display());
            continue;
        };
        for line in text.lines() {
            let Some((url, para)) = line.split_once('\t') else {
                continue;
            };
            let split = if recoupe_core::content_hash(url.as_bytes()).as_bytes()[0] < b'8' {
                "dev"
            } else {
                "test"
            };
            items.push(Item {
                lang: lang.clone(),
                split,
                url: url.to_string(),
                text: para.trim().to_string(),
            });
        }
    }
    items
}

fn main() {
    let dir = PathBuf::from(
        std::env::var("RECOUPE_LANG_DATA").unwrap_or_else(|_| "/work/cache/recoupe/lang/raw".to_string()),
    );
    let items = load(&dir);
    if items.is_empty() {
        eprintln!(
            "SKIP language bench: no paragraphs in {} (see the bench's header)",
            dir.display()
        );
        return;
    }
    let manifest_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/language/manifest.tsv");
    if std::env::var_os("LANG_BENCH_MANIFEST").is_some() {
        let mut out = String::from("lang\tsplit\tsha256\tchars\turl\n");
        for it in &items {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\n",
                it.lang,
                it.split,
                recoupe_core::content_hash(it.text.as_bytes()),
                it.text.chars().count(),
                it.url
            ));
        }
        if let Err(e) = std::fs::write(&manifest_path, out) {
            eprintln!("cannot write {}: {e}", manifest_path.display());
        }
    }
    if std::env::var_os("LANG_BENCH_CHECK").is_some() {
        let manifest = std::fs::read_to_string(&manifest_path).unwrap_or_default();
        let known: std::collections::HashSet<&str> = manifest.lines().filter_map(|l| l.split('\t').nth(2)).collect();
        let missing = items
            .iter()
            .filter(|it| !known.contains(recoupe_core::content_hash(it.text.as_bytes()).as_str()))
            .count();
        assert_eq!(missing, 0, "{missing} cached paragraph(s) are not in the manifest");
    }

    // First call loads what the detector needs; timed apart.
    let t = Instant::now();
    let _ = recoupe_extract::lang::detect("Le gouvernement a annoncé mardi une réforme des retraites.");
    let warm = t.elapsed();
    let mut score: BTreeMap<(&str, String), (usize, usize)> = BTreeMap::new();
    let mut confusions: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut total = Duration::ZERO;
    // End to end: the language the analysis carries, now (the article's) and
    // as the analyser decided before it read the article's language (a
    // covered lexicon's code, else a function-word guess among covered ones).
    let analyzer = recoupe_analyze::Analyzer::new();
    let mut analysis_now: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut analysis_before: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for it in &items {
        if let Ok(article) = recoupe_extract::article_from_text(&it.url, &it.text) {
            let now = analyzer.analyze(&article).language;
            let covered = analyzer.resources().lexicons.contains_key(article.language());
            let before = if covered {
                article.language().to_string()
            } else {
                recoupe_analyze::guess_language(&article.text, analyzer.resources())
            };
            for (map, got) in [(&mut analysis_now, now), (&mut analysis_before, before)] {
                let e = map.entry(it.split).or_default();
                e.1 += 1;
                e.0 += usize::from(got == it.lang);
            }
        }
    }
    for it in &items {
        let t = Instant::now();
        let got = recoupe_extract::lang::detect(&it.text).unwrap_or_else(|| "none".to_string());
        total += t.elapsed();
        let e = score.entry((it.split, it.lang.clone())).or_default();
        e.1 += 1;
        if got == it.lang {
            e.0 += 1;
        } else {
            *confusions.entry((it.lang.clone(), got)).or_default() += 1;
        }
    }
    println!("| split | language | correct | paragraphs | accuracy |");
    println!("|---|---|---|---|---|");
    for split in ["dev", "test"] {
        let (mut ok, mut n) = (0, 0);
        for ((s, lang), (c, m)) in &score {
            if *s == split {
                println!("| {split} | {lang} | {c} | {m} | {:.2} |", *c as f64 / *m as f64);
                ok += c;
                n += m;
            }
        }
        println!(
            "| {split} | **all** | {ok} | {n} | **{:.3}** |",
            ok as f64 / n.max(1) as f64
        );
    }
    println!();
    for (split, (ok, n)) in &analysis_now {
        let (b_ok, b_n) = analysis_before.get(split).copied().unwrap_or_default();
        println!(
            "analysis language, {split}: {ok}/{n} = {:.3} (before: {b_ok}/{b_n} = {:.3})",
            *ok as f64 / (*n).max(1) as f64,
            b_ok as f64 / b_n.max(1) as f64
        );
    }
    for ((gold, got), n) in &confusions {
        println!("confusion: {gold} read as {got}: {n}");
    }
    println!(
        "first call {:.1} ms; then {:.3} ms per paragraph ({} paragraphs)",
        warm.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3 / items.len() as f64,
        items.len()
    );
}
