//! The sample corpus of `examples/sample` (original fiction with planted
//! agreements and disagreements, `examples/truth/sample.json`): read with the
//! real readers, extracted, analysed, grouped as the truth groups them (so
//! that this test measures the dossier, not the clustering), and checked
//! against the planted disagreements and complementary figures.
//! Skips cleanly when the folder is absent.

use std::collections::BTreeMap;
use std::path::PathBuf;

use recoupe_core::{fold_key, Analysis, Article, CopyGroup, Origin, Story};
use recoupe_dossier::{build_dossier, Dossier};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples"))
}

fn truth_id(truth: &Value, origin: &Origin) -> Option<String> {
    let articles = truth.get("articles")?.as_array()?;
    articles.iter().find_map(|a| {
        let src = a.get("source")?;
        let file = src.get("file")?.as_str()?;
        let hit = match origin {
            Origin::File { path } => path.ends_with(file) && src.get("item").is_none() && src.get("line").is_none(),
            Origin::FeedItem { feed, index, .. } => feed.ends_with(file) && src.get("item")?.as_u64()? == *index as u64,
            Origin::JsonlLine { file: f, line } => f.ends_with(file) && src.get("line")?.as_u64()? == *line as u64,
            Origin::WarcRecord { target_uri, .. } => {
                target_uri.as_deref().is_some() && src.get("target_uri")?.as_str() == target_uri.as_deref()
            }
            _ => false,
        };
        hit.then(|| a.get("id")?.as_str().map(str::to_string)).flatten()
    })
}

/// The dossier's slot for a truth slot.
fn our_slot(truth_slot: &str) -> &str {
    match truth_slot {
        "visit.duration_days" => "visit.duration",
        "agreements.count" => "signature.count",
        "title_of" => "rank",
        s if s.starts_with("visit.") || s.starts_with("casualties.") => s,
        s => s.split('.').next().unwrap_or(s),
    }
}

fn same_value(side: &str, truth: &Value) -> bool {
    match truth {
        Value::String(s) => fold_key(side).contains(&fold_key(s)),
        Value::Number(n) => {
            let lead: String = side.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
            let theirs = n.as_f64().unwrap_or(f64::NAN);
            lead.parse::<f64>()
                .is_ok_and(|v| (v - theirs).abs() <= 1e-6 * theirs.abs().max(1.0))
                || side
                    .split_whitespace()
                    .any(|w| w.parse::<f64>().is_ok_and(|v| (v - theirs).abs() < 1e-6))
        }
        _ => false,
    }
}

#[test]
fn sample_corpus_planted_disagreements_are_found() {
    let truth_path = root().join("truth/sample.json");
    let Ok(truth_text) = std::fs::read_to_string(&truth_path) else {
        eprintln!("note: {} absent; sample test skipped", truth_path.display());
        return;
    };
    let truth: Value = serde_json::from_str(&truth_text).expect("truth parses");
    let (docs, _errors) = recoupe_ingest::read_all(
        &[root().join("sample").display().to_string()],
        &recoupe_ingest::ReadOptions::default(),
    );
    let analyzer = recoupe_analyze::Analyzer::new();
    let mut by_truth: BTreeMap<String, (Article, Analysis)> = BTreeMap::new();
    for doc in &docs {
        let Some(id) = truth_id(&truth, &doc.origin) else {
            continue;
        };
        let Ok(mut article) = recoupe_extract::extract(doc) else {
            continue;
        };
        article.id = id.clone();
        let analysis = analyzer.analyze(&article);
        by_truth.insert(id, (article, analysis));
    }
    let stories = truth
        .get("stories")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let groups = truth
        .get("copy_groups")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut dossiers: BTreeMap<String, Dossier> = BTreeMap::new();
    for s in &stories {
        let id = s.get("id").and_then(Value::as_str).unwrap_or("").to_string();
        let members: Vec<String> = s
            .get("articles")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let copy_groups = groups
            .iter()
            .filter(|g| g.get("story").and_then(Value::as_str) == Some(id.as_str()))
            .map(|g| CopyGroup {
                original: g.get("original").and_then(Value::as_str).unwrap_or("").to_string(),
                copies: g
                    .get("copies")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                    .unwrap_or_default(),
                agency: g.get("agency").and_then(Value::as_str).map(str::to_string),
            })
            .collect();
        let story = Story {
            id: id.clone(),
            title: String::new(),
            article_ids: members.clone(),
            copy_groups,
            reasons: vec![],
        };
        let items: Vec<(&Article, &Analysis)> = members
            .iter()
            .filter_map(|m| by_truth.get(m))
            .map(|(a, b)| (a, b))
            .collect();
        dossiers.insert(id, build_dossier(&story, &items));
    }
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let all: Vec<Dossier> = dossiers.values().cloned().collect();
    let _ = std::fs::write(tmp.join("sample.html"), recoupe_dossier::render_html_many(&all));
    let md: String = all
        .iter()
        .map(recoupe_dossier::render_markdown)
        .collect::<Vec<_>>()
        .join("\n\n---\n\n");
    let _ = std::fs::write(tmp.join("sample.md"), md);

    // Scorecard over planted disagreements and complementary figures.
    let mut found = 0;
    let mut planted = 0;
    let mut false_alarms = Vec::new();
    for claim in truth
        .get("claims")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        let kind = claim.get("kind").and_then(Value::as_str).unwrap_or("");
        let story = claim.get("story").and_then(Value::as_str).unwrap_or("");
        let slot = claim.get("slot").and_then(Value::as_str).unwrap_or("");
        let Some(d) = dossiers.get(story) else { continue };
        let values: Vec<Value> = claim
            .get("values")
            .and_then(Value::as_array)
            .map(|v| v.iter().filter_map(|x| x.get("value").cloned()).collect())
            .unwrap_or_default();
        match kind {
            "disagreement" => {
                planted += 1;
                let ok = d.disagreements.iter().any(|g| {
                    (g.slot == our_slot(slot) || g.slot.starts_with(our_slot(slot)))
                        && values.iter().all(|v| g.sides.iter().any(|s| same_value(&s.value, v)))
                });
                eprintln!(
                    "{} disagreement {story} {slot}: {values:?}",
                    if ok { "FOUND " } else { "MISSED" }
                );
                found += usize::from(ok);
            }
            "complementary" => {
                planted += 1;
                let ok = d.complementary.iter().any(|c| {
                    c.slot == our_slot(slot) && values.iter().all(|v| c.parts.iter().any(|s| same_value(&s.value, v)))
                });
                eprintln!(
                    "{} complementary {story} {slot}: {values:?}",
                    if ok { "FOUND " } else { "MISSED" }
                );
                found += usize::from(ok);
            }
            "agreement" => {
                // An agreement must not be reported as a disagreement on that slot.
                let wrong = d.disagreements.iter().find(|g| {
                    g.slot == our_slot(slot) && values.iter().all(|v| g.sides.iter().any(|s| same_value(&s.value, v)))
                });
                if let Some(g) = wrong {
                    false_alarms.push(format!("{story} {slot}: {}", g.explanation));
                }
            }
            _ => {}
        }
    }
    let reported: usize = dossiers.values().map(|d| d.disagreements.len()).sum();
    eprintln!("planted disagreements/complementary found: {found}/{planted}; disagreements reported: {reported}");
    for f in &false_alarms {
        eprintln!("FALSE ALARM {f}");
    }
    assert_eq!(
        by_truth.len(),
        truth.get("articles").and_then(Value::as_array).map_or(0, Vec::len),
        "every article read"
    );
    // Floor measured on the current pipeline (7/7); raise it as quality improves.
    assert!(found >= 7, "found {found}/{planted}");
    // One known false alarm comes from upstream: `a visit that ends on Friday`
    // (published Thursday 6 March) is resolved by the time tagger to the past
    // Friday, 28 February, which then disagrees with 7 March.
    assert!(false_alarms.len() <= 1, "{false_alarms:#?}");
}
