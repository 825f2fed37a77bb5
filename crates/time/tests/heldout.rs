//! Time expressions in Spanish, Italian, German, Russian, Arabic and French on
//! held-out sentences written for the project (`testdata/heldout.tsv`), never
//! used to tune the lexicons. Prints per-language relaxed precision, recall and
//! value accuracy (`cargo test -p recoupe-time --test heldout -- --nocapture`)
//! and fails below a floor, so a broken lexicon shows.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use recoupe_time::{TagOptions, TimeTagger};

struct Gold {
    text: String,
    value: String,
}

#[derive(Default)]
struct Score {
    gold: usize,
    system: usize,
    matched: usize,
    values_right: usize,
}

#[test]
fn held_out_time_expressions_by_language() {
    let data = include_str!("../testdata/heldout.tsv");
    let tagger = TimeTagger::new();
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [lang, day, sentence, expected] = cols[..] else {
            panic!("heldout.tsv:{}: four columns expected", n + 1);
        };
        let anchor = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
        let gold: Vec<Gold> = expected
            .split(" ;; ")
            .filter(|g| !g.trim().is_empty())
            .map(|g| {
                let (text, value) = g.rsplit_once('|').unwrap_or((g, ""));
                Gold {
                    text: text.to_string(),
                    value: value.to_string(),
                }
            })
            .collect();
        let found = tagger.tag_with(sentence, lang, anchor, TagOptions { split_groups: true });
        let s = scores.entry(lang.to_string()).or_default();
        s.gold += gold.len();
        s.system += found.len();
        let mut used = vec![false; found.len()];
        for g in &gold {
            let Some(at) = sentence.find(&g.text) else {
                panic!("heldout.tsv:{}: `{}` is not in the sentence", n + 1, g.text);
            };
            let (gs, ge) = (at, at + g.text.len());
            let hit = found
                .iter()
                .enumerate()
                .find(|(k, m)| !used[*k] && m.span.start < ge && gs < m.span.end);
            match hit {
                Some((k, m)) => {
                    used[k] = true;
                    s.matched += 1;
                    if m.value.as_deref() == Some(g.value.as_str()) {
                        s.values_right += 1;
                    } else {
                        eprintln!("value  {lang}: `{}` gold {} got {:?}", g.text, g.value, m.value);
                    }
                }
                None => eprintln!("missed {lang}: `{}` ({})", g.text, g.value),
            }
        }
        for (k, m) in found.iter().enumerate() {
            if !used[k] {
                eprintln!("extra  {lang}: `{}` {:?}", m.text, m.value);
            }
        }
    }
    println!("| lang | gold | found | relaxed P | relaxed R | relaxed F1 | value acc. |");
    println!("|---|---|---|---|---|---|---|");
    for (lang, s) in &scores {
        let p = s.matched as f64 / s.system.max(1) as f64;
        let r = s.matched as f64 / s.gold.max(1) as f64;
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        let v = s.values_right as f64 / s.matched.max(1) as f64;
        println!(
            "| {lang} | {} | {} | {p:.2} | {r:.2} | {f:.2} | {v:.2} |",
            s.gold, s.system
        );
        assert!(f >= 0.6 && v >= 0.6, "{lang}: relaxed F1 {f:.2}, value accuracy {v:.2}");
    }
    assert_eq!(scores.len(), 6, "six languages expected");
}
