//! Invariants on arbitrary input: no panic, every article in exactly one story,
//! scores in [0, 1], batch equals incremental.

mod common;

use common::{analysis, article};
use proptest::prelude::*;
use recoupe_core::{Analysis, Article, EntityKind};
use recoupe_stories::{cluster, find_copies, similarity, StoryConfig, StoryEngine};

fn items_from(texts: &[(String, String, u32)]) -> Vec<(Article, Analysis)> {
    texts
        .iter()
        .enumerate()
        .map(|(i, (title, text, day))| {
            let lang = if i % 2 == 0 { "fr" } else { "en" };
            let a = article(
                &format!("a{i}"),
                title,
                text,
                lang,
                (2024, 1 + (day % 12), 1 + (day % 28)),
            );
            // Entities: the first two words, whatever they are.
            let words: Vec<String> = text.split_whitespace().take(2).map(str::to_string).collect();
            let entities: Vec<(&str, &str, EntityKind)> = words
                .iter()
                .map(|w| (w.as_str(), w.as_str(), EntityKind::Person))
                .collect();
            let x = analysis(&a, &entities);
            (a, x)
        })
        .collect()
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,200}",
        "([a-zé]{1,8} ){0,40}",
        Just(String::new()),
        Just("l'’-- 12 000 % \u{301}\u{200b}".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_partitions(texts in prop::collection::vec((arbitrary_text(), arbitrary_text(), 0u32..400), 0..8)) {
        let items = items_from(&texts);
        let refs: Vec<(&Article, &Analysis)> = items.iter().map(|(a, x)| (a, x)).collect();
        let stories = cluster(&refs, &StoryConfig::default());
        let mut ids: Vec<String> = stories.iter().flat_map(|s| s.article_ids.clone()).collect();
        ids.sort();
        let mut expected: Vec<String> = items.iter().map(|(a, _)| a.id.clone()).collect();
        expected.sort();
        prop_assert_eq!(ids, expected);
        for s in &stories {
            prop_assert_eq!(s.reasons.len(), s.article_ids.len());
            for g in &s.copy_groups {
                prop_assert!(s.article_ids.contains(&g.original));
            }
        }
        let mut engine = StoryEngine::new(StoryConfig::default());
        for (a, x) in &items {
            engine.add(a, x);
        }
        prop_assert_eq!(engine.stories(), stories);
        let _ = find_copies(&refs);
        for (a, x) in &items {
            for (b, y) in &items {
                let s = similarity((a, x), (b, y));
                prop_assert!((0.0..=1.0).contains(&s), "similarity {}", s);
            }
        }
    }
}
