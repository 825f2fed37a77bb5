//! Figures in Spanish, Italian, German, Russian and Arabic on held-out
//! sentences written for the project (`testdata/quantities-heldout.tsv`),
//! never used to tune the lexicons. Prints per-language precision, recall and
//! value accuracy (`cargo test -p recoupe-analyze --test quantities_heldout -- --nocapture`)
//! and fails below a floor.

use std::collections::BTreeMap;

use recoupe_analyze::{quantities::find_quantities, Resources};

#[derive(Default)]
struct Score {
    gold: usize,
    system: usize,
    matched: usize,
    values_right: usize,
}

#[test]
fn held_out_figures_by_language() {
    let data = include_str!("../testdata/quantities-heldout.tsv");
    let resources = Resources::embedded().expect("embedded resources");
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [lang, sentence, expected] = cols[..] else {
            panic!("quantities-heldout.tsv:{}: three columns expected", n + 1);
        };
        let lexicon = resources
            .lexicons
            .get(lang)
            .unwrap_or_else(|| panic!("no lexicon for {lang}"));
        let found = find_quantities(sentence, lexicon, &[]);
        let s = scores.entry(lang.to_string()).or_default();
        s.system += found.len();
        let mut used = vec![false; found.len()];
        let mut from = 0;
        for g in expected.split(" ;; ").filter(|g| !g.trim().is_empty()) {
            let parts: Vec<&str> = g.split('|').collect();
            let [text, value, unit] = parts[..] else {
                panic!("quantities-heldout.tsv:{}: `{g}`", n + 1);
            };
            s.gold += 1;
            let Some(at) = sentence.get(from..).and_then(|rest| rest.find(text)).map(|a| a + from) else {
                panic!("quantities-heldout.tsv:{}: `{text}` is not in the sentence", n + 1);
            };
            from = at + text.len();
            let (gs, ge) = (at, at + text.len());
            let value: f64 = value.parse().unwrap_or(f64::NAN);
            let hit = found
                .iter()
                .enumerate()
                .find(|(k, q)| !used[*k] && q.span.start < ge && gs < q.span.end);
            match hit {
                Some((k, q)) => {
                    used[k] = true;
                    s.matched += 1;
                    let unit_ok = q.unit.as_deref().unwrap_or("") == unit || unit.is_empty();
                    if (q.value - value).abs() <= 1e-6 * value.abs().max(1.0) && unit_ok {
                        s.values_right += 1;
                    } else {
                        eprintln!(
                            "value  {lang}: `{text}` gold {value} {unit} got {} {:?}",
                            q.value, q.unit
                        );
                    }
                }
                None => eprintln!("missed {lang}: `{text}`"),
            }
        }
        for (k, q) in found.iter().enumerate() {
            if !used[k] {
                eprintln!("extra  {lang}: `{}` {}", q.text, q.value);
            }
        }
    }
    println!("| lang | gold | found | P | R | F1 | value acc. |");
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
        assert!(f >= 0.6 && v >= 0.6, "{lang}: F1 {f:.2}, value accuracy {v:.2}");
    }
    assert_eq!(scores.len(), 5, "five languages expected");
}
