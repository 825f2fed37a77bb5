use recoupe_analyze::Analyzer;
use recoupe_core::*;
use recoupe_stories::*;
use std::collections::HashMap;
fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let gen = recoupe_corpus::GenConfig {
        articles: n,
        stories: n / 10,
        french_share: 0.5,
        ..Default::default()
    };
    let an = Analyzer::new();
    let mut cfg = StoryConfig::default();
    if let Some(j) = std::env::var("JOIN").ok().and_then(|v| v.parse().ok()) { cfg.join_threshold = j; }
    if let Some(j) = std::env::var("MERGE").ok().and_then(|v| v.parse().ok()) { cfg.merge_threshold = j; }
    let mut eng = StoryEngine::new(cfg);
    let mut label = HashMap::new();
    let mut copyof = HashMap::new();
    let mut titles = HashMap::new();
    let mut prepared = Vec::new();
    let mut all: Vec<_> = recoupe_corpus::generate(&gen).collect();
    all.sort_by_key(|g| (g.published, g.id.clone()));
    for g in all {
        let mut text = String::new();
        let mut paragraphs = vec![];
        for l in g.text.lines().filter(|l| !l.trim().is_empty()) {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let s = text.len();
            text.push_str(l.trim());
            paragraphs.push(Span::new(s, text.len()));
        }
        let a = Article {
            id: g.id.clone(),
            doc_hash: g.id.clone(),
            meta: Metadata {
                title: Some(g.title.clone()),
                published: Some(DateStamp::Date(g.published)),
                language: Some(g.lang.clone()),
                ..Default::default()
            },
            sentences: paragraphs.clone(),
            text,
            paragraphs,
            removed: vec![],
            offsets: vec![],
            warnings: vec![],
        };
        let x = an.analyze(&a);
        if std::env::var("SHOW").is_ok() && label.len() < 3 {
            println!("{:?}", x.entities.iter().map(|e| (&e.key, e.kind)).collect::<Vec<_>>());
            println!("{:?}", x.times.iter().map(|e| (&e.text, &e.start)).collect::<Vec<_>>());
            println!(
                "{:?}",
                x.quantities
                    .iter()
                    .map(|e| (&e.text, e.value, &e.unit))
                    .collect::<Vec<_>>()
            );
        }
        prepared.push((a, x));
        label.insert(g.id.clone(), g.story);
        copyof.insert(g.id.clone(), g.copy_of.clone());
        titles.insert(g.id.clone(), g.title.clone());
    }
    let t = std::time::Instant::now();
    for (a, x) in &prepared {
        eng.add(a, x);
    }
    println!("engine {:.0} art/s", prepared.len() as f64 / t.elapsed().as_secs_f64());
    let stories = eng.stories();
    let mut bad = 0;
    for s in &stories {
        for r in &s.reasons {
            if let Some(m) = &r.matched {
                if label[m] != label[&r.article_id] {
                    bad += 1;
                    if bad < 15 {
                        println!(
                            "WRONG {} ({}) -> {} ({}) score {:.2} copy_of={:?} terms {:?} ents {:?}",
                            r.article_id,
                            titles[&r.article_id],
                            m,
                            titles[m],
                            r.score,
                            copyof[&r.article_id],
                            r.shared_terms,
                            r.shared_entities
                        );
                    }
                }
            }
        }
    }
    println!("bad joins {bad} of {n}, stories {}", stories.len());
    let mut sizes: Vec<(usize, &Story)> = stories.iter().map(|s| (s.article_ids.len(), s)).collect();
    sizes.sort_by_key(|x| std::cmp::Reverse(x.0));
    for (n, s) in sizes.iter().take(3) {
        let mut labs: Vec<usize> = s.article_ids.iter().map(|a| label[a]).collect();
        labs.sort();
        labs.dedup();
        println!("story size {n} labels {} title {}", labs.len(), s.title);
    }
}
