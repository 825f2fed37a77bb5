//! The embedded store: one SQLite file (WAL) in a data folder.
//!
//! Raw documents are written first, keyed by content hash, so ingest is
//! idempotent and analysis can be re-run later without re-reading inputs.
//! Articles and analyses are derived data, stored with the version of the
//! code that produced them and recomputed when that version changes.
//! [`Storage`] is the interface every engine implements (`recoupe-store-pg`
//! for PostgreSQL); this crate is the SQLite side, the default.
//! Stories, their summaries, copy groups and cached dossiers are persisted too
//! (`stories.rs`), updated incrementally by `recoupe_pipeline::update_stories`;
//! [`StoryStorage`] is their interface (PostgreSQL implements it too).

mod backend;
pub mod search;
mod stories;
mod story_backend;

use std::path::Path;

pub use backend::{Storage, StorageWrite};
pub use stories::{
    assemble_story, DisagreementCount, DossierFacts, EntityStoryRow, EntitySummary, StoryEntityFact, StoryMember,
    StoryPage, StoryQuery, StorySort, StoryState, StorySummary, StoryWrite, DOSSIER_FACTS_FRESHNESS_SCHEMA,
    DOSSIER_FACTS_SCHEMA, STORIES_SCHEMA,
};
pub use story_backend::{StoryRead, StoryStorage, StoryWriter};

use recoupe_core::{Analysis, Article, Document, Hints, MediaType, Origin};
use rusqlite::{params, Connection, OptionalExtension};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot open the store at {path}: {source}")]
    Open { path: String, source: rusqlite::Error },
    #[error("cannot create the data folder {path}: {source}")]
    Folder { path: String, source: std::io::Error },
    #[error("the store was written by a newer recoupe (schema {found}, this one knows up to {known})")]
    TooNew { found: i64, known: i64 },
    #[error("id prefix {prefix:?} matches {count} articles; give more characters")]
    Ambiguous { prefix: String, count: usize },
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("corrupt stored record: {0}")]
    Corrupt(#[from] serde_json::Error),
    /// An error of another engine (PostgreSQL), with what was being done.
    #[error("{context}: {source}")]
    Backend {
        context: String,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// One schema migration: SQL, or a step that needs Rust (hashing).
enum Migration {
    Sql(&'static str),
    /// Documents were keyed by the hash of their bytes alone, so an identical
    /// text from a second outlet was dropped. They are re-keyed by source and
    /// content ([`recoupe_core::Document::source_key`]); article ids follow.
    SourceIdentity,
}

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[Migration] = &[
    Migration::Sql("CREATE TABLE documents (
        hash TEXT PRIMARY KEY,
        origin TEXT NOT NULL,
        media_type TEXT NOT NULL,
        hints TEXT NOT NULL,
        raw BLOB NOT NULL,
        ingested_seq INTEGER NOT NULL
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        doc_hash TEXT NOT NULL REFERENCES documents(hash),
        extractor_version TEXT NOT NULL,
        title TEXT,
        published TEXT,
        outlet TEXT,
        language TEXT,
        body TEXT NOT NULL
    );
    CREATE TABLE analyses (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        analyzer_version TEXT NOT NULL,
        body TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE article_text USING fts5(id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2');"),
    // The full-text rows take the rowid of their article so that replacing one
    // is an indexed delete, not a scan of the whole index.
    Migration::Sql("DROP TABLE article_text;
    CREATE VIRTUAL TABLE article_text USING fts5(id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO article_text (rowid, id, title, text)
        SELECT rowid, id, COALESCE(title, ''), json_extract(body, '$.text') FROM articles;"),
    // The next ingest sequence number is MAX(ingested_seq): an index keeps that
    // a lookup instead of a scan per stored document.
    Migration::Sql("CREATE INDEX documents_by_seq ON documents (ingested_seq);
    CREATE INDEX articles_by_doc ON articles (doc_hash);"),
    // Identity = source + content; the content hash is kept to link copies.
    Migration::Sql("ALTER TABLE documents ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';
    UPDATE documents SET content_hash = hash;
    CREATE INDEX documents_by_content ON documents (content_hash, ingested_seq);"),
    Migration::SourceIdentity,
    // Persisted stories (crates/store/src/stories.rs).
    Migration::Sql(stories::STORIES_SCHEMA),
    // What a story's dossier says that lists need (disagreements, entities),
    // written when the dossier is cached; a title index for the list's title order.
    Migration::Sql(stories::DOSSIER_FACTS_SCHEMA),
    // When a story's facts were counted, so lists can tell a stale count.
    Migration::Sql(stories::DOSSIER_FACTS_FRESHNESS_SCHEMA),
];

/// The schema version this code writes: the number of migrations. Every other
/// engine's migrations must reach the same version with the same tables.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Re-keys documents stored before identity included the source.
fn rekey_documents(conn: &Connection) -> Result<(), StoreError> {
    // Documents and their articles change keys together: checked at commit.
    conn.pragma_update(None, "defer_foreign_keys", true)?;
    let rows: Vec<(String, String, String, String)> = conn
        .prepare("SELECT hash, origin, hints, content_hash FROM documents")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    for (old, origin, hints, content) in rows {
        let origin: Origin = serde_json::from_str(&origin)?;
        let hints: Hints = serde_json::from_str(&hints)?;
        let new = recoupe_core::identity_hash(&recoupe_core::source_key(&origin, &hints), &content);
        if new == old {
            continue;
        }
        let (old_id, new_id) = (&old[..16.min(old.len())], &new[..16.min(new.len())]);
        conn.execute("UPDATE documents SET hash = ?2 WHERE hash = ?1", params![old, new])?;
        conn.execute(
            "UPDATE articles SET id = ?3, doc_hash = ?2,
                body = json_set(body, '$.id', ?3, '$.doc_hash', ?2) WHERE doc_hash = ?1",
            params![old, new, new_id],
        )?;
        conn.execute(
            "UPDATE analyses SET article_id = ?2, body = json_set(body, '$.article_id', ?2) WHERE article_id = ?1",
            params![old_id, new_id],
        )?;
        conn.execute("UPDATE article_text SET id = ?2 WHERE id = ?1", params![old_id, new_id])?;
    }
    Ok(())
}

/// A line of `recoupe list`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ArticleRow {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub language: Option<String>,
    /// The article this one is a verbatim copy of (same bytes, stored earlier from another source).
    pub copy_of: Option<String>,
}

/// What `Store::check` found wrong; empty when the store is sound.
pub type Problems = Vec<String>;

pub struct Store {
    conn: Connection,
    /// Where the database is (a path, or `:memory:`), for messages.
    location: String,
}

impl Store {
    /// Opens (creating if needed) the store in `dir`.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
            path: dir.display().to_string(),
            source,
        })?;
        let path = dir.join("recoupe.db");
        let conn = Connection::open(&path).map_err(|source| StoreError::Open {
            path: path.display().to_string(),
            source,
        })?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        Self::migrate(conn, path.display().to_string())
    }

    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::migrate(Connection::open_in_memory()?, ":memory:".to_string())
    }

    /// Where the database is, for messages.
    pub fn describe(&self) -> String {
        format!("sqlite:{}", self.location)
    }

    fn migrate(mut conn: Connection, location: String) -> Result<Store, StoreError> {
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew { found: version, known });
        }
        for (i, step) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = conn.transaction()?;
            match step {
                Migration::Sql(sql) => tx.execute_batch(sql)?,
                Migration::SourceIdentity => rekey_documents(&tx)?,
            }
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        // The search index keeps its own version (see `search`), apart from the migrations.
        search::ensure(&conn)?;
        Ok(Store { conn, location })
    }

    /// Runs `f` in one transaction: a batch is written whole or not at all.
    pub fn transaction<T>(&mut self, f: impl FnOnce(&Store) -> Result<T, StoreError>) -> Result<T, StoreError> {
        // IMMEDIATE: the write lock is taken at the start, waiting (busy timeout)
        // for another process's writer. A deferred transaction that reads first
        // and then writes gets SQLITE_BUSY at once, without waiting, when another
        // connection wrote in between (the server's background writer).
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match f(self) {
            Ok(v) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Stores a raw document. Returns false when the same bytes were already stored.
    pub fn put_document(&self, doc: &Document) -> Result<bool, StoreError> {
        let seq: i64 = self
            .conn
            .prepare_cached("SELECT COALESCE(MAX(ingested_seq), 0) + 1 FROM documents")?
            .query_row([], |r| r.get(0))?;
        let n = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO documents (hash, origin, media_type, hints, raw, ingested_seq, content_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                doc.hash,
                serde_json::to_string(&doc.origin)?,
                serde_json::to_string(&doc.media_type)?,
                serde_json::to_string(&doc.hints)?,
                doc.raw,
                seq,
                doc.content
            ])?;
        Ok(n == 1)
    }

    /// The article id of the first stored document with the same bytes as
    /// document `hash` but another identity (another outlet's copy), if any.
    pub fn copy_of(&self, hash: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT substr(o.hash, 1, 16) FROM documents d JOIN documents o
                   ON o.content_hash = d.content_hash AND o.ingested_seq < d.ingested_seq
                 WHERE d.hash = ?1 ORDER BY o.ingested_seq LIMIT 1",
            )?
            .query_row([hash], |r| r.get(0))
            .optional()?)
    }

    /// SQLite's integrity check plus the store's own invariants: every article
    /// has its document, ids are unique, the full-text index matches.
    pub fn check(&self) -> Result<Problems, StoreError> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(format!("sqlite: {row}"));
            }
        }
        let count = |sql: &str| -> Result<i64, StoreError> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        let orphans =
            count("SELECT COUNT(*) FROM articles a LEFT JOIN documents d ON d.hash = a.doc_hash WHERE d.hash IS NULL")?;
        if orphans > 0 {
            problems.push(format!("{orphans} article(s) without their document"));
        }
        let twice =
            count("SELECT COUNT(*) FROM (SELECT doc_hash FROM articles GROUP BY doc_hash HAVING COUNT(*) > 1)")?;
        if twice > 0 {
            problems.push(format!("{twice} document(s) with more than one article"));
        }
        let (arts, texts) = (
            count("SELECT COUNT(*) FROM articles")?,
            count("SELECT COUNT(*) FROM article_text")?,
        );
        if arts != texts {
            problems.push(format!("{arts} article(s) but {texts} full-text row(s)"));
        }
        Ok(problems)
    }

    pub fn document(&self, hash: &str) -> Result<Option<Document>, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT hash, origin, media_type, hints, raw, content_hash FROM documents WHERE hash = ?1",
                [hash],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Vec<u8>>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((hash, origin, media, hints, raw, content)) = row else {
            return Ok(None);
        };
        Ok(Some(Document {
            hash,
            content,
            origin: serde_json::from_str::<Origin>(&origin)?,
            media_type: serde_json::from_str::<MediaType>(&media)?,
            hints: serde_json::from_str::<Hints>(&hints)?,
            raw,
        }))
    }

    /// Hashes of all stored documents in ingest order.
    pub fn document_hashes(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT hash FROM documents ORDER BY ingested_seq")?;
        let rows = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
        Ok(rows)
    }

    pub fn put_article(&self, article: &Article, extractor_version: &str) -> Result<(), StoreError> {
        let published = article
            .meta
            .published
            .map(|d| serde_json::to_value(d).map(|v| v.as_str().unwrap_or("").to_string()))
            .transpose()?;
        // An upsert keeps the row's rowid, which the full-text row shares.
        self.conn.execute(
            "INSERT INTO articles (id, doc_hash, extractor_version, title, published, outlet, language, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(id) DO UPDATE SET doc_hash = excluded.doc_hash, extractor_version = excluded.extractor_version,
                title = excluded.title, published = excluded.published, outlet = excluded.outlet,
                language = excluded.language, body = excluded.body",
            params![
                article.id,
                article.doc_hash,
                extractor_version,
                article.meta.title,
                published,
                article.meta.outlet,
                article.meta.language,
                serde_json::to_string(article)?
            ],
        )?;
        let rowid: i64 = self
            .conn
            .query_row("SELECT rowid FROM articles WHERE id = ?1", [&article.id], |r| r.get(0))?;
        self.conn
            .execute("DELETE FROM article_text WHERE rowid = ?1", [rowid])?;
        self.conn.execute(
            "INSERT INTO article_text (rowid, id, title, text) VALUES (?1, ?2, ?3, ?4)",
            params![
                rowid,
                article.id,
                article.meta.title.clone().unwrap_or_default(),
                article.text
            ],
        )?;
        search::index(&self.conn, rowid, article)?;
        Ok(())
    }

    /// The extractor version of the stored article with exactly this id (an
    /// indexed lookup: ingest asks it once per document to skip what is done).
    pub fn extractor_version(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT extractor_version FROM articles WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// The article whose id starts with `prefix`, with the extractor version that made it.
    pub fn article(&self, prefix: &str) -> Result<Option<(Article, String)>, StoreError> {
        let pattern = format!("{}%", prefix.replace(['%', '_'], ""));
        let mut stmt = self
            .conn
            .prepare("SELECT body, extractor_version FROM articles WHERE id LIKE ?1 ORDER BY id LIMIT 2")?;
        let rows = stmt
            .query_map([pattern], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        match rows.as_slice() {
            [] => Ok(None),
            [(body, version)] => Ok(Some((serde_json::from_str(body)?, version.clone()))),
            _ => Err(StoreError::Ambiguous {
                prefix: prefix.to_string(),
                count: rows.len(),
            }),
        }
    }

    /// All articles, in ingest order of their documents.
    pub fn articles(&self) -> Result<Vec<Article>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT a.body FROM articles a JOIN documents d ON d.hash = a.doc_hash ORDER BY d.ingested_seq")?;
        let bodies = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        bodies
            .iter()
            .map(|b| serde_json::from_str(b).map_err(StoreError::from))
            .collect()
    }

    pub fn list(&self) -> Result<Vec<ArticleRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.title, a.published, a.outlet, a.language,
                (SELECT substr(o.hash, 1, 16) FROM documents o WHERE o.content_hash = d.content_hash
                   AND o.ingested_seq < d.ingested_seq ORDER BY o.ingested_seq LIMIT 1)
             FROM articles a JOIN documents d ON d.hash = a.doc_hash ORDER BY d.ingested_seq",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(ArticleRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    published: r.get(2)?,
                    outlet: r.get(3)?,
                    language: r.get(4)?,
                    copy_of: r.get(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// One page of the article list in ingest order, with the total: reads
    /// only the rows of the page.
    pub fn list_page(&self, offset: usize, limit: usize) -> Result<(usize, Vec<ArticleRow>), StoreError> {
        let total: i64 = self.conn.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, a.published, a.outlet, a.language,
                (SELECT substr(o.hash, 1, 16) FROM documents o WHERE o.content_hash = d.content_hash
                   AND o.ingested_seq < d.ingested_seq ORDER BY o.ingested_seq LIMIT 1)
             FROM documents d JOIN articles a ON a.doc_hash = d.hash ORDER BY d.ingested_seq LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt
            .query_map(params![limit as i64, offset as i64], |r| {
                Ok(ArticleRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    published: r.get(2)?,
                    outlet: r.get(3)?,
                    language: r.get(4)?,
                    copy_of: r.get(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok((total as usize, rows))
    }

    pub fn put_analysis(&self, analysis: &Analysis) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO analyses (article_id, analyzer_version, body) VALUES (?1, ?2, ?3)",
            params![
                analysis.article_id,
                analysis.analyzer_version,
                serde_json::to_string(analysis)?
            ],
        )?;
        Ok(())
    }

    /// The stored analysis of an article if it was made by `analyzer_version`.
    pub fn analysis(&self, article_id: &str, analyzer_version: &str) -> Result<Option<Analysis>, StoreError> {
        let body: Option<String> = self
            .conn
            .query_row(
                "SELECT body FROM analyses WHERE article_id = ?1 AND analyzer_version = ?2",
                params![article_id, analyzer_version],
                |r| r.get(0),
            )
            .optional()?;
        body.map(|b| serde_json::from_str(&b).map_err(StoreError::from))
            .transpose()
    }

    /// Full-text search (SQLite FTS5, accents folded): article ids, best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<(String, String)>, StoreError> {
        // Each word is quoted so user input is never read as FTS syntax.
        let fts: Vec<String> = query
            .split_whitespace()
            .map(|w| format!("\"{}\"", w.replace('"', "")))
            .collect();
        if fts.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare(
            "SELECT id, snippet(article_text, 2, '[', ']', '…', 12) FROM article_text WHERE article_text MATCH ?1 ORDER BY rank LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![fts.join(" "), limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// A search of the index (see [`search`]): the outer error is the store's,
    /// the inner one the query's (a user error).
    pub fn search_index(
        &self,
        query: &search::SearchQuery,
    ) -> Result<Result<search::SearchResults, search::QueryError>, StoreError> {
        search::search(&self.conn, query)
    }

    /// Languages and outlets with their article counts (search filters).
    pub fn filter_values(&self) -> Result<std::collections::BTreeMap<String, Vec<search::FacetCount>>, StoreError> {
        search::filter_values(&self.conn)
    }

    pub fn counts(&self) -> Result<(usize, usize), StoreError> {
        let docs: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))?;
        let arts: i64 = self.conn.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
        Ok((docs as usize, arts as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::new(
            Origin::File { path: "a.txt".into() },
            MediaType::Text,
            text.as_bytes().to_vec(),
        )
    }

    #[test]
    fn ingest_is_idempotent_and_survives_reopen() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let store = Store::open(dir.path()).expect("open");
            assert!(store.put_document(&doc("un")).expect("put"));
            assert!(!store.put_document(&doc("un")).expect("put again"));
            assert!(store.put_document(&doc("deux")).expect("put"));
        }
        let store = Store::open(dir.path()).expect("reopen");
        assert_eq!(store.counts().expect("counts"), (2, 0));
        let d = doc("deux");
        let back = store.document(&d.hash).expect("get").expect("present");
        assert_eq!(back.raw, b"deux");
        assert_eq!(back.origin, d.origin);
    }

    #[test]
    fn failed_batch_rolls_back() {
        let mut store = Store::open_in_memory().expect("open");
        store.put_document(&doc("kept")).expect("put");
        let r: Result<(), StoreError> = store.transaction(|s| {
            s.put_document(&doc("lost"))?;
            Err(StoreError::Ambiguous {
                prefix: "x".into(),
                count: 2,
            })
        });
        assert!(r.is_err());
        assert_eq!(store.counts().expect("counts").0, 1);
    }

    #[test]
    fn another_outlets_copy_is_its_own_article_linked_to_the_first() {
        let store = Store::open_in_memory().expect("open");
        let a = doc("Le même texte.");
        let b = Document::new(
            Origin::File { path: "b.txt".into() },
            MediaType::Text,
            b"Le m\xc3\xaame texte.".to_vec(),
        );
        assert!(store.put_document(&a).expect("put a"));
        assert!(store.put_document(&b).expect("put b"));
        assert!(
            !store.put_document(&b).expect("put b again"),
            "same source, same bytes: idempotent"
        );
        assert_eq!(store.counts().expect("counts").0, 2);
        assert_eq!(store.copy_of(&a.hash).expect("copy"), None);
        assert_eq!(store.copy_of(&b.hash).expect("copy").as_deref(), Some(a.short_id()));
        assert!(store.check().expect("check").is_empty());
    }

    /// A store written by schema 3 (documents keyed by content alone) is re-keyed
    /// in place: articles, analyses and the full-text index follow, and the same
    /// input read again is recognised as already stored.
    #[test]
    fn migrates_content_keyed_stores() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = Document::new(
            Origin::File { path: "a.txt".into() },
            MediaType::Text,
            b"Un texte.".to_vec(),
        );
        let old_hash = d.content.clone();
        let old_id = old_hash[..16].to_string();
        {
            let mut conn = Connection::open(dir.path().join("recoupe.db")).expect("open");
            for step in &MIGRATIONS[..3] {
                let Migration::Sql(sql) = step else {
                    panic!("schema 3 is SQL")
                };
                let tx = conn.transaction().expect("tx");
                tx.execute_batch(sql).expect("migrate");
                tx.commit().expect("commit");
            }
            conn.pragma_update(None, "user_version", 3).expect("version");
            conn.execute(
                "INSERT INTO documents (hash, origin, media_type, hints, raw, ingested_seq) VALUES (?1, ?2, '\"text\"', '{}', ?3, 1)",
                params![old_hash, serde_json::to_string(&d.origin).expect("json"), d.raw],
            )
            .expect("doc");
            let body = serde_json::json!({"id": old_id, "doc_hash": old_hash, "meta": {}, "text": "Un texte.",
                "paragraphs": [], "sentences": []});
            conn.execute(
                "INSERT INTO articles (id, doc_hash, extractor_version, body) VALUES (?1, ?2, 'x', ?3)",
                params![old_id, old_hash, body.to_string()],
            )
            .expect("article");
            conn.execute(
                "INSERT INTO article_text (rowid, id, title, text) VALUES (1, ?1, '', 'Un texte.')",
                [&old_id],
            )
            .expect("fts");
            conn.execute(
                "INSERT INTO analyses (article_id, analyzer_version, body) VALUES (?1, 'v', ?2)",
                params![old_id, serde_json::json!({"article_id": old_id}).to_string()],
            )
            .expect("analysis");
        }
        let store = Store::open(dir.path()).expect("migrate");
        assert!(
            !store.put_document(&d).expect("put"),
            "the migrated document is the same one"
        );
        assert_eq!(store.counts().expect("counts"), (1, 1));
        let row = &store.list().expect("list")[0];
        assert_eq!(row.id, d.short_id());
        let body: String = store
            .conn
            .query_row("SELECT body FROM articles", [], |r| r.get(0))
            .expect("body");
        let body: serde_json::Value = serde_json::from_str(&body).expect("json");
        assert_eq!(body["id"], d.short_id());
        assert_eq!(body["doc_hash"], d.hash.as_str());
        let analysis: String = store
            .conn
            .query_row("SELECT article_id FROM analyses", [], |r| r.get(0))
            .expect("analysis");
        assert_eq!(analysis, d.short_id());
        assert_eq!(store.search("texte", 5).expect("search")[0].0, d.short_id());
        assert!(store.check().expect("check").is_empty());
    }

    #[test]
    fn refuses_newer_schema() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let conn = Connection::open(dir.path().join("recoupe.db")).expect("open");
            conn.pragma_update(None, "user_version", 99).expect("pragma");
        }
        assert!(matches!(
            Store::open(dir.path()),
            Err(StoreError::TooNew { found: 99, .. })
        ));
    }
}
