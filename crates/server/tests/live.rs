//! The persisted source is live: another process's ingest shows without a
//! restart, start-up computes nothing on current stories, and an ingest through
//! the API feeds only its own articles to the stories.

use std::time::{Duration, Instant};

use recoupe_core::{Document, MediaType, Origin};
use recoupe_pipeline::{Analyzer, Store, StoryConfig};
use recoupe_server::source::{StoryListQuery, StorySort};
use recoupe_server::{DataSource, PersistedSource};

/// A plain-text document of topic `topic` (each topic is its own story).
fn document(topic: usize, i: usize) -> Document {
    let (place, thing) = [
        ("Dakar", "un accord minier"),
        ("Bamako", "une route vers le nord"),
        ("Niamey", "un barrage sur le fleuve"),
    ][topic % 3];
    let text = format!(
        "Visite officielle à {place}\n\nLe ministre est arrivé à {place} le lundi 3 mars 2025 pour signer {thing}. \
         Le gouvernement de {place} a salué {thing} et promis des travaux rapides. \
         Selon la source {i}, la délégation repartira mercredi de {place}."
    );
    Document::new(
        Origin::File {
            path: format!("topic-{topic}-{i}.txt"),
        },
        MediaType::Text,
        text.into_bytes(),
    )
}

/// Stores documents and updates the stories, as `recoupe ingest` in another process does.
fn ingest_elsewhere(dir: &std::path::Path, documents: Vec<Document>) {
    let mut store = Store::open(dir).expect("second store handle");
    recoupe_pipeline::ingest_documents(&mut store, documents).expect("ingest");
    recoupe_pipeline::update_stories(&mut store, &Analyzer::new(), &StoryConfig::default(), &mut |_, _| {})
        .expect("update stories");
}

fn all_stories(source: &PersistedSource) -> Vec<String> {
    let page = source
        .stories(&StoryListQuery {
            sort: StorySort::Articles,
            page: 1,
            per_page: 100,
            ..StoryListQuery::default()
        })
        .expect("stories");
    page.items.into_iter().map(|r| r.id).collect()
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(20), "timed out waiting: {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn another_process_ingest_shows_without_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    ingest_elsewhere(dir.path(), (0..3).map(|i| document(0, i)).collect());
    let source = PersistedSource::open(dir.path().to_path_buf(), Analyzer::new()).expect("source");
    let before = all_stories(&source);
    assert_eq!(before.len(), 1, "{before:?}");

    ingest_elsewhere(dir.path(), (0..3).map(|i| document(1, i)).collect());
    // The poll (each second) sees the new stories; cached pages follow.
    let shown = Instant::now();
    wait_until("the new story in the list", || all_stories(&source).len() == 2);
    assert!(
        shown.elapsed() < Duration::from_secs(4),
        "shown after {:?}",
        shown.elapsed()
    );
    let after = all_stories(&source);
    assert!(after.contains(&before[0]));
    wait_until("the poll to see the new documents as grouped", || {
        source.status().map(|s| s.current && s.stories_seq > 0).unwrap_or(false)
    });
    let new_story = after.iter().find(|id| **id != before[0]).expect("new story");
    let dossier = source
        .dossier(new_story)
        .expect("dossier")
        .expect("the new story has a dossier");
    assert_eq!(dossier.sources.len(), 3);
    assert_eq!(source.updates_run(), 0, "the server had nothing to update");
}

#[test]
fn start_up_on_current_stories_computes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    ingest_elsewhere(dir.path(), (0..9).map(|i| document(i % 3, i)).collect());
    let started = Instant::now();
    let source = PersistedSource::open(dir.path().to_path_buf(), Analyzer::new()).expect("source");
    let opened = started.elapsed();
    assert!(opened < Duration::from_secs(1), "open took {opened:?}");
    let status = source.status().expect("status");
    assert!(status.current && !status.updating, "{status:?}");
    assert_eq!(all_stories(&source).len(), 3);
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(source.updates_run(), 0);
}

#[test]
fn stories_behind_the_store_are_caught_up_in_the_background() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut store = Store::open(dir.path()).expect("store");
        recoupe_pipeline::ingest_documents(&mut store, (0..3).map(|i| document(2, i)).collect()).expect("ingest");
    }
    let source = PersistedSource::open(dir.path().to_path_buf(), Analyzer::new()).expect("source");
    wait_until("the background update", || {
        source.status().map(|s| s.current).unwrap_or(false) && all_stories(&source).len() == 1
    });
    assert_eq!(source.updates_run(), 1);
}

#[test]
fn api_ingest_feeds_only_its_own_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let source = PersistedSource::open(dir.path().to_path_buf(), Analyzer::new()).expect("source");
    let first = source
        .ingest((0..3).map(|i| document(0, i)).collect())
        .expect("first ingest");
    assert_eq!((first.articles, first.stories), (3, 1));
    let story = all_stories(&source).remove(0);
    let state_before = Store::open(dir.path())
        .expect("store")
        .story_state()
        .expect("state")
        .expect("saved state");

    let second = source
        .ingest((0..2).map(|i| document(1, i)).collect())
        .expect("second ingest");
    assert_eq!((second.articles, second.stories), (2, 2));
    let store = Store::open(dir.path()).expect("store");
    let state_after = store.story_state().expect("state").expect("saved state");
    // The second update read only what came after the first.
    assert_eq!(
        store.articles_since(state_before.fed_seq).expect("since").len(),
        2,
        "articles after the first update"
    );
    assert_eq!(state_after.articles, 5);
    // The first story was not rewritten: same id, same members, its update sequence kept.
    let summary = store.story_summary(&story).expect("summary").expect("first story kept");
    assert_eq!(summary.size, 3);
    assert_eq!(summary.updated_seq, state_before.fed_seq);
    assert_eq!(source.updates_run(), 2);
    // The small ingest built its stories' dossiers: entities are listed.
    let entities = source.entities(&Default::default()).expect("entities");
    assert!(entities.total > 0, "{entities:?}");
}

#[test]
fn cached_search_answers_follow_new_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    ingest_elsewhere(dir.path(), (0..3).map(|i| document(0, i)).collect());
    let source = PersistedSource::open(dir.path().to_path_buf(), Analyzer::new()).expect("source");
    let query = recoupe_pipeline::search::SearchQuery {
        text: "Niamey".to_string(),
        page: 1,
        per_page: 10,
        ..Default::default()
    };
    let hits = |source: &PersistedSource| source.search(&query).expect("search").expect("valid query").total;
    assert_eq!(hits(&source), 0);
    ingest_elsewhere(dir.path(), (0..3).map(|i| document(2, i)).collect());
    // The poll sees the new documents; the stale answer is served once while the refresher reads it again.
    wait_until("the new articles in the cached search", || hits(&source) == 3);
}
