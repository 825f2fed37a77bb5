//! A saved and restored engine goes on exactly as one that never stopped:
//! feeding A, saving, restoring, then feeding B gives the stories of A+B.

use chrono::Datelike;
use recoupe_analyze::Analyzer;
use recoupe_core::{Analysis, Article, DateStamp, Metadata, Span};
use recoupe_stories::{ArticleFeatures, StoryConfig, StoryEngine};

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

/// A small window and a small active cap, so that eviction, profile
/// subtraction and the bulk removal of postings all happen within the corpus.
fn config() -> StoryConfig {
    StoryConfig {
        window_days: 2,
        max_active: 60,
        ..StoryConfig::default()
    }
}

fn features(count: usize) -> Vec<ArticleFeatures> {
    let generated = recoupe_corpus::GenConfig {
        articles: count,
        stories: count / 6,
        french_share: 0.5,
        days: 40,
        ..Default::default()
    };
    let analyzer = Analyzer::new();
    let mut generated: Vec<recoupe_corpus::GeneratedArticle> = recoupe_corpus::generate(&generated).collect();
    generated.sort_by_key(|g| (g.published.num_days_from_ce(), g.id.clone()));
    let config = config();
    generated
        .iter()
        .map(|g| {
            let a = article(g);
            let x: Analysis = analyzer.analyze(&a);
            ArticleFeatures::new(&a, &x, &config)
        })
        .collect()
}

#[test]
fn restored_engine_continues_exactly() {
    let all = features(500);
    let mut straight = StoryEngine::new(config());
    for f in &all {
        straight.add_features(f.clone());
    }
    let expected = straight.stories();
    let changes = straight.take_changes();
    assert!(!changes.merged.is_empty(), "the corpus should make some merges");
    assert!(straight.active_len() <= 61, "evictions happened");

    // Saved and restored at several points, once after every chunk.
    for chunk in [50usize, 97, 300] {
        let mut engine = StoryEngine::new(config());
        for part in all.chunks(chunk) {
            for f in part {
                engine.add_features(f.clone());
            }
            let bytes = engine.to_bytes().expect("save");
            engine = StoryEngine::from_bytes(&bytes).expect("restore");
        }
        assert_eq!(engine.stories(), expected, "saved every {chunk} article(s)");
    }
}

#[test]
fn changes_name_touched_and_merged_stories() {
    let all = features(200);
    let mut engine = StoryEngine::new(StoryConfig::default());
    let mut merged_ids = Vec::new();
    for part in all.chunks(50) {
        for f in part {
            engine.add_features(f.clone());
        }
        let changes = engine.take_changes();
        for f in part {
            let id = engine.story_id(f.id()).expect("added");
            assert!(changes.stories.contains(&id), "{id} touched");
        }
        for (gone, into) in &changes.merged {
            assert_ne!(gone, into);
            merged_ids.push(gone.clone());
        }
        assert_eq!(engine.take_changes(), Default::default(), "taken once");
    }
    // Every story id ever handed out still resolves, to the story that holds it.
    let stories = engine.stories();
    for story in &stories {
        assert_eq!(engine.story(&story.id).as_ref(), Some(story));
    }
    for gone in &merged_ids {
        let survivor = engine.story(gone).expect("a merged id resolves");
        assert_ne!(&survivor.id, gone);
        assert!(stories.contains(&survivor));
    }
    assert_eq!(engine.story("story-nope"), None);
    assert!(StoryEngine::from_bytes(b"not a state").is_err());
}
