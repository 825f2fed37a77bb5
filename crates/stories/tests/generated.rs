//! Quality floor on a small generated corpus (the full figures are in
//! `reports/stories.md`, from the bench): stories and copies against the
//! generator's labels, with the real analyser in the loop.

use std::collections::HashMap;

use chrono::Datelike;
use recoupe_analyze::Analyzer;
use recoupe_core::{Analysis, Article, DateStamp, Metadata, Span};
use recoupe_stories::eval::compare_partitions;
use recoupe_stories::{cluster, StoryConfig};

fn article(g: &recoupe_corpus::GeneratedArticle) -> Article {
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    for line in g.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(line);
        paragraphs.push(Span::new(start, text.len()));
    }
    Article {
        paragraph_languages: Vec::new(),
        id: g.id.clone(),
        doc_hash: g.id.clone(),
        meta: Metadata {
            title: Some(g.title.clone()),
            published: Some(DateStamp::Date(g.published)),
            language: Some(g.lang.clone()),
            outlet: Some(g.outlet.clone()),
            ..Metadata::default()
        },
        sentences: paragraphs.clone(),
        text,
        paragraphs,
        removed: Vec::new(),
        offsets: Vec::new(),
        warnings: Vec::new(),
    }
}

#[test]
fn generated_stories_and_copies_are_found() {
    // About three stories a day, as dense as a national news desk, in two languages.
    let config = recoupe_corpus::GenConfig {
        articles: 500,
        stories: 50,
        french_share: 0.5,
        days: 16,
        ..Default::default()
    };
    let analyzer = Analyzer::new();
    let mut generated: Vec<recoupe_corpus::GeneratedArticle> = recoupe_corpus::generate(&config).collect();
    generated.sort_by_key(|g| (g.published.num_days_from_ce(), g.id.clone()));
    let items: Vec<(Article, Analysis)> = generated
        .iter()
        .map(|g| {
            let a = article(g);
            let x = analyzer.analyze(&a);
            (a, x)
        })
        .collect();
    let refs: Vec<(&Article, &Analysis)> = items.iter().map(|(a, x)| (a, x)).collect();
    let stories = cluster(&refs, &StoryConfig::default());

    let position: HashMap<&str, usize> = generated.iter().enumerate().map(|(i, g)| (g.id.as_str(), i)).collect();
    let mut predicted = vec![usize::MAX; generated.len()];
    let mut predicted_copy: Vec<usize> = (0..generated.len()).collect();
    for (s, story) in stories.iter().enumerate() {
        for id in &story.article_ids {
            predicted[position[id.as_str()]] = s;
        }
        for group in &story.copy_groups {
            let root = position[group.original.as_str()];
            for id in &group.copies {
                predicted_copy[position[id.as_str()]] = root;
            }
        }
    }
    assert!(
        predicted.iter().all(|&p| p != usize::MAX),
        "every article is in a story"
    );
    let truth: Vec<usize> = generated.iter().map(|g| g.story).collect();
    let scores = compare_partitions(&predicted, &truth);
    let (precision, recall) = (scores.precision, scores.recall);
    assert!(
        precision >= 0.85 && recall >= 0.9,
        "story pairs: P {precision:.3} R {recall:.3}"
    );

    // Copy truth: each copy with the article it reprints (chains to the first).
    let mut copy_truth: Vec<usize> = (0..generated.len()).collect();
    for (i, g) in generated.iter().enumerate() {
        if let Some(original) = g.copy_of.as_deref().and_then(|o| position.get(o)) {
            copy_truth[i] = copy_truth[*original];
        }
    }
    let copies = compare_partitions(&predicted_copy, &copy_truth);
    let (copy_precision, copy_recall) = (copies.precision, copies.recall);
    assert!(
        copy_precision >= 0.85 && copy_recall >= 0.95,
        "copy pairs: P {copy_precision:.3} R {copy_recall:.3}"
    );
}
