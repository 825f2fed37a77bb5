//! Dossiers of the real-news corpus (texts kept outside the repository, in
//! /work/cache/recoupe/real-news: `manifest.jsonl` and `texts/<sha256>.txt`),
//! one per labelled story, and their disagreements as JSON lines for scoring
//! against `crates/dossier/tests/gold/real_news.jsonl` (see
//! `reports/dossier-quality.md`).
//!
//! cargo run --release -p recoupe-dossier --example real_news_dossier -- /work/cache/recoupe/real-news > out.jsonl
//!
//! With `--md DIR`, each story's Markdown dossier is written there too; with
//! `--claims FILE`, every claim (sources, outlets, evidence) as JSON lines, for
//! checking support counts (`crates/dossier/tests/gold/check_support.py`).
//!
//! The same runner reads the public corpora (`corpora/public-news`: ECB+ and
//! WikinewsSum, cache in /work/cache/recoupe/public-news): a manifest row that
//! carries a `doc` key (`wikinewssum/12/0`, `ecbplus/1_1ecb.xml`) is named by
//! that key in the output, otherwise by the first 12 hex digits of its sha256.
//! With `--stories GOLD.jsonl` only the stories labelled in that gold file are
//! built (a corpus of hundreds of stories, most of them unlabelled).

use std::collections::BTreeMap;
use std::path::PathBuf;

use recoupe_core::{Document, Hints, MediaType, Origin, Story};
use serde_json::{json, Value};

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().ok_or("usage: real_news CACHE_DIR [--md DIR]")?);
    let mut md_dir = None;
    let mut claims_out: Option<std::fs::File> = None;
    let mut only: Option<std::collections::BTreeSet<String>> = None;
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--md" => md_dir = Some(PathBuf::from(value)),
            "--claims" => claims_out = Some(std::fs::File::create(&value).map_err(|e| format!("{value}: {e}"))?),
            "--stories" => {
                let gold = std::fs::read_to_string(&value).map_err(|e| format!("{value}: {e}"))?;
                let mut names = std::collections::BTreeSet::new();
                for (n, line) in gold.lines().enumerate() {
                    let row: Value = serde_json::from_str(line).map_err(|e| format!("{value} line {}: {e}", n + 1))?;
                    if let Some(story) = row["story"].as_str() {
                        names.insert(story.to_string());
                    }
                }
                only = Some(names);
            }
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    let manifest = std::fs::read_to_string(root.join("manifest.jsonl"))
        .map_err(|e| format!("{}: {e}", root.join("manifest.jsonl").display()))?;
    let mut stories: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (n, line) in manifest.lines().enumerate() {
        let row: Value = serde_json::from_str(line).map_err(|e| format!("manifest line {}: {e}", n + 1))?;
        let story = row["story"].as_str().unwrap_or("").to_string();
        if only.as_ref().is_some_and(|names| !names.contains(&story)) {
            continue;
        }
        stories.entry(story).or_default().push(row);
    }
    let analyzer = recoupe_analyze::Analyzer::new();
    for (name, rows) in stories {
        if rows.len() < 2 {
            continue;
        }
        let mut pairs = Vec::new();
        for row in &rows {
            let sha = row["sha256"].as_str().unwrap_or("");
            let path = root.join("texts").join(format!("{sha}.txt"));
            let Ok(raw) = std::fs::read(&path) else {
                eprintln!("warning: {} missing", path.display());
                continue;
            };
            let hints = Hints {
                published: row["date"].as_str().map(str::to_string),
                outlet: row["outlet"].as_str().map(str::to_string),
                url: row["url"].as_str().map(str::to_string),
                language: row["lang"].as_str().map(str::to_string),
                ..Hints::default()
            };
            let doc = Document::new(
                Origin::File {
                    path: path.display().to_string(),
                },
                MediaType::Text,
                raw,
            )
            .with_hints(hints);
            match recoupe_extract::extract(&doc) {
                Ok(article) => {
                    let analysis = analyzer.analyze(&article);
                    // The article's name in the output: its corpus key when the
                    // manifest has one (public corpora), else its sha256 prefix.
                    let key = match row["doc"].as_str() {
                        Some(doc) => doc.to_string(),
                        None => sha.get(..12).unwrap_or(sha).to_string(),
                    };
                    pairs.push((article, analysis, key));
                }
                Err(e) => eprintln!("warning: {}: {e}", path.display()),
            }
        }
        let items: Vec<_> = pairs.iter().map(|(a, an, _)| (a, an)).collect();
        let story = Story {
            id: name.clone(),
            title: String::new(),
            article_ids: pairs.iter().map(|(a, _, _)| a.id.clone()).collect(),
            copy_groups: recoupe_stories::find_copies(&items),
            reasons: Vec::new(),
        };
        let d = recoupe_dossier::build_dossier(&story, &items);
        let number_to_sha: BTreeMap<usize, String> = d
            .sources
            .iter()
            .map(|s| {
                let sha = pairs
                    .iter()
                    .find(|(a, _, _)| a.id == s.article_id)
                    .map(|(_, _, key)| key.clone())
                    .unwrap_or_default();
                (s.number, sha)
            })
            .collect();
        for g in &d.disagreements {
            let sides: Vec<Value> = g
                .sides
                .iter()
                .map(|s| {
                    json!({
                        "value": s.value,
                        "articles": s.sources.iter().filter_map(|n| number_to_sha.get(n).cloned()).collect::<Vec<_>>(),
                        "quotes": s.citations.iter().map(|c| c.text.clone()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            println!(
                "{}",
                json!({"story": name, "split": rows[0]["split"], "slot": g.slot, "subject": g.subject, "strength": g.strength, "sides": sides})
            );
        }
        if let Some(out) = claims_out.as_mut() {
            use std::io::Write;
            for c in &d.claims {
                let line = json!({
                    "story": name,
                    "id": c.id,
                    "kind": c.kind,
                    "label": c.label,
                    "independent_outlets": c.independent_outlets,
                    "sources": c.sources.iter().map(|n| {
                        let src = d.sources.iter().find(|s| s.number == *n);
                        json!({"number": n, "article": number_to_sha.get(n), "outlet": src.and_then(|s| s.outlet.clone()), "group": src.map(|s| s.independence_group)})
                    }).collect::<Vec<_>>(),
                    "evidence": c.evidence.iter().map(|e| {
                        let sentence = d
                            .sources
                            .iter()
                            .find(|s| s.number == e.source)
                            .and_then(|s| s.sentences.get(e.sentence).and_then(|x| s.text.get(x.start..x.end)))
                            .unwrap_or("");
                        json!({"source": e.source, "text": e.text, "sentence": sentence})
                    }).collect::<Vec<_>>(),
                });
                writeln!(out, "{line}").map_err(|e| e.to_string())?;
            }
        }
        if let Some(dir) = &md_dir {
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(dir.join(format!("{name}.md")), recoupe_dossier::render_markdown(&d));
        }
        eprintln!(
            "{name}: {} articles, {} disagreements, {} claims",
            pairs.len(),
            d.disagreements.len(),
            d.claims.len()
        );
    }
    Ok(())
}
