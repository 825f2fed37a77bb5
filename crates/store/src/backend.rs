//! The storage interface: what the pipeline, the CLI and the queue workers ask
//! of a store, whatever engine holds it. [`crate::Store`] (embedded SQLite, the
//! default) implements it here by delegation; `recoupe-store-pg` implements it
//! for PostgreSQL. Both must give the same results: one test suite
//! (`crates/store-pg/tests/backends.rs`) runs against both.
//!
//! The trait is object-safe (`&mut dyn Storage`), so one binary can choose its
//! store at run time (`--store`, `$RECOUPE_STORE`).

use recoupe_core::{Analysis, Article, Document};

use crate::{ArticleRow, Problems, StoreError};

/// The writes of an ingest batch. Inside [`Storage::transaction`] they see each
/// other and are committed together; on a [`Storage`] outside one, each commits
/// by itself.
pub trait StorageWrite {
    /// Stores a raw document. Returns false when a document of the same identity
    /// (source and content) was already stored: ingest is idempotent on it.
    fn put_document(&self, doc: &Document) -> Result<bool, StoreError>;
    /// The article id of the first stored document with the same bytes as
    /// document `hash` but another identity (another outlet's copy), if any.
    fn copy_of(&self, hash: &str) -> Result<Option<String>, StoreError>;
    /// Stores (or replaces) an article with the extractor version that made it,
    /// and its full-text row.
    fn put_article(&self, article: &Article, extractor_version: &str) -> Result<(), StoreError>;
    /// Stores (or replaces) the analysis of an article.
    fn put_analysis(&self, analysis: &Analysis) -> Result<(), StoreError>;
}

/// A recoupe store: raw documents, articles, analyses, full-text search.
pub trait Storage: StorageWrite {
    /// Where the store is, for logs and messages (no password).
    fn describe(&self) -> String;
    /// The engine's own integrity check plus the store's invariants (every article
    /// has its document, one article per document, the full-text index matches).
    fn check(&self) -> Result<Problems, StoreError>;
    fn document(&self, hash: &str) -> Result<Option<Document>, StoreError>;
    /// Hashes of all stored documents in ingest order.
    fn document_hashes(&self) -> Result<Vec<String>, StoreError>;
    /// The extractor version of the stored article with exactly this id.
    fn extractor_version(&self, id: &str) -> Result<Option<String>, StoreError>;
    /// The article whose id starts with `prefix`, with the extractor version that
    /// made it; [`StoreError::Ambiguous`] when several do.
    fn article(&self, prefix: &str) -> Result<Option<(Article, String)>, StoreError>;
    /// All articles, in ingest order of their documents.
    fn articles(&self) -> Result<Vec<Article>, StoreError>;
    /// The lines of `recoupe list`, in ingest order.
    fn list(&self) -> Result<Vec<ArticleRow>, StoreError>;
    /// The stored analysis of an article if it was made by `analyzer_version`.
    fn analysis(&self, article_id: &str, analyzer_version: &str) -> Result<Option<Analysis>, StoreError>;
    /// Full-text search, accents folded: (article id, snippet with `[`…`]` around
    /// matches), best first.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<(String, String)>, StoreError>;
    /// (documents, articles).
    fn counts(&self) -> Result<(usize, usize), StoreError>;
    /// Runs `work` in one transaction: a batch is written whole or not at all.
    fn transaction(
        &mut self,
        work: &mut dyn FnMut(&dyn StorageWrite) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
}

impl StorageWrite for crate::Store {
    fn put_document(&self, doc: &Document) -> Result<bool, StoreError> {
        crate::Store::put_document(self, doc)
    }
    fn copy_of(&self, hash: &str) -> Result<Option<String>, StoreError> {
        crate::Store::copy_of(self, hash)
    }
    fn put_article(&self, article: &Article, extractor_version: &str) -> Result<(), StoreError> {
        crate::Store::put_article(self, article, extractor_version)
    }
    fn put_analysis(&self, analysis: &Analysis) -> Result<(), StoreError> {
        crate::Store::put_analysis(self, analysis)
    }
}

impl Storage for crate::Store {
    fn describe(&self) -> String {
        crate::Store::describe(self)
    }
    fn check(&self) -> Result<Problems, StoreError> {
        crate::Store::check(self)
    }
    fn document(&self, hash: &str) -> Result<Option<Document>, StoreError> {
        crate::Store::document(self, hash)
    }
    fn document_hashes(&self) -> Result<Vec<String>, StoreError> {
        crate::Store::document_hashes(self)
    }
    fn extractor_version(&self, id: &str) -> Result<Option<String>, StoreError> {
        crate::Store::extractor_version(self, id)
    }
    fn article(&self, prefix: &str) -> Result<Option<(Article, String)>, StoreError> {
        crate::Store::article(self, prefix)
    }
    fn articles(&self) -> Result<Vec<Article>, StoreError> {
        crate::Store::articles(self)
    }
    fn list(&self) -> Result<Vec<ArticleRow>, StoreError> {
        crate::Store::list(self)
    }
    fn analysis(&self, article_id: &str, analyzer_version: &str) -> Result<Option<Analysis>, StoreError> {
        crate::Store::analysis(self, article_id, analyzer_version)
    }
    fn search(&self, query: &str, limit: usize) -> Result<Vec<(String, String)>, StoreError> {
        crate::Store::search(self, query, limit)
    }
    fn counts(&self) -> Result<(usize, usize), StoreError> {
        crate::Store::counts(self)
    }
    fn transaction(
        &mut self,
        work: &mut dyn FnMut(&dyn StorageWrite) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        crate::Store::transaction(self, |store| work(store))
    }
}
