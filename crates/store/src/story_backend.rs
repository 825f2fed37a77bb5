//! The persisted stories' interface: what `recoupe_pipeline::update_stories_in`
//! and the story readers (`story`, `story_page`, `dossier`) ask of a store,
//! whatever engine holds it. [`crate::Store`] implements it here by delegation
//! to its own methods (`stories.rs`); `recoupe-store-pg` implements it for
//! PostgreSQL with the same queries' results (one suite runs against both,
//! `crates/store-pg/tests/backends.rs`).

use recoupe_core::{Article, DateStamp, Story};

use crate::{
    DossierFacts, Storage, StorageWrite, StoreError, StoryMember, StoryPage, StoryQuery, StoryState, StorySummary,
    StoryWrite,
};

/// Reads of the persisted stories (and of the articles an update feeds).
pub trait StoryRead {
    /// `(fed_seq, state version)` of the saved engine without its bytes.
    fn story_progress(&self) -> Result<Option<(i64, String)>, StoreError>;
    /// The saved story engine, if stories were ever updated.
    fn story_state(&self) -> Result<Option<StoryState>, StoreError>;
    /// The highest ingest number up to which every document is committed
    /// (0 when empty): an update reads the articles up to it and no further,
    /// so that a document committed later with a lower number is not skipped.
    fn last_ingested_seq(&self) -> Result<i64, StoreError>;
    /// Articles whose documents were ingested after `seq`, in ingest order:
    /// `(ingested_seq, article id, publication stamp)`.
    fn articles_since(&self, seq: i64) -> Result<Vec<(i64, String, Option<DateStamp>)>, StoreError>;
    /// The stored article with exactly this id.
    fn article_by_id(&self, id: &str) -> Result<Option<Article>, StoreError>;
    /// The id a story id stands for now (itself or the story it was merged into).
    fn resolve_story(&self, id: &str) -> Result<Option<String>, StoreError>;
    /// The summary of a story (exact id).
    fn story_summary(&self, id: &str) -> Result<Option<StorySummary>, StoreError>;
    /// The members of a story (exact id), in arrival order.
    fn story_members(&self, id: &str) -> Result<Vec<StoryMember>, StoreError>;
    /// The story that holds an article.
    fn story_of_article(&self, article_id: &str) -> Result<Option<String>, StoreError>;
    /// A persisted story (exact id) as the engine gives it.
    fn story(&self, id: &str) -> Result<Option<Story>, StoreError>;
    /// One page of the story list.
    fn story_page(&self, q: &StoryQuery) -> Result<StoryPage, StoreError>;
    /// Stories persisted.
    fn story_count(&self) -> Result<usize, StoreError>;
    /// The cached dossier body of a story for these members and version.
    fn cached_dossier(&self, story_id: &str, fingerprint: &str, version: &str) -> Result<Option<String>, StoreError>;
    /// Disagreements of a story's last cached dossier (`None`: never built),
    /// and whether they were counted on the story as it stands.
    fn story_disagreements(&self, story_id: &str) -> Result<Option<crate::DisagreementCount>, StoreError>;
    /// Stories of two articles or more whose disagreements are not counted on
    /// their current members, largest first.
    fn stories_to_count(&self, limit: usize) -> Result<Vec<String>, StoreError>;
}

/// Writes of the persisted stories; inside [`StoryStorage::story_transaction`]
/// they are committed together.
pub trait StoryWriter: StoryRead + StorageWrite {
    /// Forgets every persisted story (before a rebuild from scratch).
    fn clear_stories(&self) -> Result<(), StoreError>;
    /// Writes one update of the stories (see `Store::apply_story_update`).
    fn apply_story_update(&self, write: &StoryWrite, seq: i64) -> Result<(), StoreError>;
    /// Caches a story's dossier (JSON) for these members and this version.
    fn put_dossier(&self, story_id: &str, fingerprint: &str, version: &str, body: &str) -> Result<(), StoreError>;
    /// Replaces the dossier facts of a story.
    fn put_dossier_facts(&self, story_id: &str, facts: &DossierFacts) -> Result<(), StoreError>;
}

/// A store that keeps persisted stories.
pub trait StoryStorage: Storage + StoryWriter {
    /// Runs `work` in one transaction during which no other story update of
    /// this store commits: SQLite has one writer at a time; PostgreSQL takes a
    /// transaction-level advisory lock first, so that the caller's check that
    /// the state did not move (`story_progress`) and its writes are atomic.
    fn story_transaction(
        &mut self,
        work: &mut dyn FnMut(&dyn StoryWriter) -> Result<bool, StoreError>,
    ) -> Result<bool, StoreError>;
}

impl StoryRead for crate::Store {
    fn story_progress(&self) -> Result<Option<(i64, String)>, StoreError> {
        crate::Store::story_progress(self)
    }
    fn story_state(&self) -> Result<Option<StoryState>, StoreError> {
        crate::Store::story_state(self)
    }
    fn last_ingested_seq(&self) -> Result<i64, StoreError> {
        crate::Store::last_ingested_seq(self)
    }
    fn articles_since(&self, seq: i64) -> Result<Vec<(i64, String, Option<DateStamp>)>, StoreError> {
        crate::Store::articles_since(self, seq)
    }
    fn article_by_id(&self, id: &str) -> Result<Option<Article>, StoreError> {
        crate::Store::article_by_id(self, id)
    }
    fn resolve_story(&self, id: &str) -> Result<Option<String>, StoreError> {
        crate::Store::resolve_story(self, id)
    }
    fn story_summary(&self, id: &str) -> Result<Option<StorySummary>, StoreError> {
        crate::Store::story_summary(self, id)
    }
    fn story_members(&self, id: &str) -> Result<Vec<StoryMember>, StoreError> {
        crate::Store::story_members(self, id)
    }
    fn story_of_article(&self, article_id: &str) -> Result<Option<String>, StoreError> {
        crate::Store::story_of_article(self, article_id)
    }
    fn story(&self, id: &str) -> Result<Option<Story>, StoreError> {
        crate::Store::story(self, id)
    }
    fn story_page(&self, q: &StoryQuery) -> Result<StoryPage, StoreError> {
        crate::Store::story_page(self, q)
    }
    fn story_count(&self) -> Result<usize, StoreError> {
        crate::Store::story_count(self)
    }
    fn cached_dossier(&self, story_id: &str, fingerprint: &str, version: &str) -> Result<Option<String>, StoreError> {
        crate::Store::cached_dossier(self, story_id, fingerprint, version)
    }
    fn story_disagreements(&self, story_id: &str) -> Result<Option<crate::DisagreementCount>, StoreError> {
        crate::Store::story_disagreements(self, story_id)
    }
    fn stories_to_count(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        crate::Store::stories_to_count(self, limit)
    }
}

impl StoryWriter for crate::Store {
    fn clear_stories(&self) -> Result<(), StoreError> {
        crate::Store::clear_stories(self)
    }
    fn apply_story_update(&self, write: &StoryWrite, seq: i64) -> Result<(), StoreError> {
        crate::Store::apply_story_update(self, write, seq)
    }
    fn put_dossier(&self, story_id: &str, fingerprint: &str, version: &str, body: &str) -> Result<(), StoreError> {
        crate::Store::put_dossier(self, story_id, fingerprint, version, body)
    }
    fn put_dossier_facts(&self, story_id: &str, facts: &DossierFacts) -> Result<(), StoreError> {
        crate::Store::put_dossier_facts(self, story_id, facts)
    }
}

impl StoryStorage for crate::Store {
    fn story_transaction(
        &mut self,
        work: &mut dyn FnMut(&dyn StoryWriter) -> Result<bool, StoreError>,
    ) -> Result<bool, StoreError> {
        crate::Store::transaction(self, |store| work(store))
    }
}
