//! The PostgreSQL store: the [`Storage`] interface of `recoupe-store` on a
//! server that several workers on several machines share.
//!
//! Same tables and same results as the embedded SQLite store; what differs is
//! what a server gives: a pool of connections (`r2d2_postgres`), identity
//! columns for the ingest order (no `MAX()+1` race between workers), row locks
//! taken by `INSERT … ON CONFLICT` (two workers storing one document wait for
//! each other, then one of them finds it stored), and full-text search with
//! PostgreSQL's own text search: `french` and `english` configurations chosen
//! by the article's language, `simple` for the others; accents are folded
//! before indexing (as SQLite's `remove_diacritics`) so that no extension
//! (`unaccent`) and no superuser are needed.

use std::cell::RefCell;
use std::str::FromStr;
use std::time::Duration;

use postgres::{GenericClient, NoTls};
use r2d2_postgres::{r2d2, PostgresConnectionManager};
use recoupe_core::{Analysis, Article, Document, Hints, MediaType, Origin};
use recoupe_store::{ArticleRow, Problems, Storage, StorageWrite, StoreError, SCHEMA_VERSION};

mod stories;

/// Connections kept by one process: a worker commits from one thread, the
/// others serve reads (`list`, `search`) and the metrics.
const POOL_SIZE: u32 = 4;

/// PostgreSQL migrations: (schema version reached, SQL), applied in order in
/// one transaction each under an advisory lock, so that workers starting
/// together migrate once. The numbers are SQLite's (`recoupe_store::SCHEMA_VERSION`):
/// a PostgreSQL store starts at schema 5, the first one it supports (steps 1–4
/// and the re-keying are SQLite stores older than it). A later migration is
/// added to both lists under the same number; a test checks they end equal.
const MIGRATIONS: &[(i64, &str)] = &[
    (
        5,
        r#"CREATE TABLE documents (
        hash TEXT COLLATE "C" PRIMARY KEY,
        origin TEXT NOT NULL,
        media_type TEXT NOT NULL,
        hints TEXT NOT NULL,
        raw BYTEA NOT NULL,
        ingested_seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
        content_hash TEXT COLLATE "C" NOT NULL
    );
    CREATE INDEX documents_by_content ON documents (content_hash, ingested_seq);
    CREATE TABLE articles (
        id TEXT COLLATE "C" PRIMARY KEY,
        doc_hash TEXT COLLATE "C" NOT NULL REFERENCES documents(hash),
        extractor_version TEXT NOT NULL,
        title TEXT,
        published TEXT,
        outlet TEXT,
        language TEXT,
        body TEXT NOT NULL,
        text TEXT NOT NULL,
        search_config TEXT NOT NULL,
        search_vector TSVECTOR NOT NULL
    );
    CREATE INDEX articles_by_doc ON articles (doc_hash);
    CREATE INDEX articles_search ON articles USING GIN (search_vector);
    CREATE TABLE analyses (
        article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id),
        analyzer_version TEXT NOT NULL,
        body TEXT NOT NULL
    );"#,
    ),
    // The persisted stories' tables, written in SQLite's dialect in
    // `recoupe_store::stories` and translated at migration time ([`postgres_dialect`]),
    // so the two engines cannot drift; their queries are in `stories.rs`.
    (6, recoupe_store::STORIES_SCHEMA),
    (7, recoupe_store::DOSSIER_FACTS_SCHEMA),
    (8, recoupe_store::DOSSIER_FACTS_FRESHNESS_SCHEMA),
];

/// The text search configuration of an article language: PostgreSQL's stemmers
/// for the two languages the analysers know best, no stemming for the others.
pub fn search_config(language: Option<&str>) -> &'static str {
    match language {
        Some("fr") => "french",
        Some("en") => "english",
        _ => "simple",
    }
}

/// A PostgreSQL store, shared by any number of processes.
#[derive(Clone)]
pub struct PgStore {
    pool: r2d2::Pool<PostgresConnectionManager<NoTls>>,
    /// host/port/database (no password), for messages.
    location: String,
}

fn pg_error(context: impl Into<String>) -> impl FnOnce(postgres::Error) -> StoreError {
    let context = context.into();
    move |source| StoreError::Backend {
        context,
        source: Box::new(source),
    }
}

fn pool_error(context: impl Into<String>) -> impl FnOnce(r2d2::Error) -> StoreError {
    let context = context.into();
    move |source| StoreError::Backend {
        context,
        source: Box::new(source),
    }
}

/// A schema step written for SQLite, in PostgreSQL's types: 64-bit integers
/// and byte strings. Steps written for PostgreSQL pass unchanged.
fn postgres_dialect(step: &str) -> String {
    step.replace(" INTEGER ", " BIGINT ").replace(" BLOB ", " BYTEA ")
}

/// An error of a statement, naming it.
pub(crate) fn sql(what: &'static str) -> impl FnOnce(postgres::Error) -> StoreError {
    pg_error(format!("PostgreSQL: {what}"))
}

impl PgStore {
    /// Connects to `url` (`postgres://user@host:port/db`, any libpq key=value
    /// string too) and migrates the schema.
    pub fn open(url: &str) -> Result<PgStore, StoreError> {
        let config = postgres::Config::from_str(url).map_err(pg_error(format!("bad PostgreSQL address {url:?}")))?;
        Self::open_with(config, None)
    }

    /// As [`PgStore::open`], in the schema `schema` of that database (created
    /// if needed): several stores in one database, e.g. one per test.
    pub fn open_in_schema(url: &str, schema: &str) -> Result<PgStore, StoreError> {
        let config = postgres::Config::from_str(url).map_err(pg_error(format!("bad PostgreSQL address {url:?}")))?;
        Self::open_with(config, Some(schema))
    }

    fn open_with(mut config: postgres::Config, schema: Option<&str>) -> Result<PgStore, StoreError> {
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        // Sessions name themselves, so an operator (or a fault test) can find them
        // in `pg_stat_activity`.
        if config.get_application_name().is_none() {
            config.application_name("recoupe");
        }
        let location = describe(&config, schema);
        if let Some(schema) = schema {
            if schema.is_empty() || !schema.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(StoreError::Backend {
                    context: format!("bad schema name {schema:?}"),
                    source: "a schema name is made of ASCII letters, digits and `_`".into(),
                });
            }
            let mut client = config
                .connect(NoTls)
                .map_err(pg_error(format!("cannot connect to {location}")))?;
            // Concurrent `CREATE SCHEMA IF NOT EXISTS` can still collide on the
            // catalog's unique index: serialise them on a lock of the name.
            let mut tx = client.transaction().map_err(sql("begin"))?;
            tx.execute("SELECT pg_advisory_xact_lock(hashtext($1))", &[&schema])
                .map_err(sql("lock the schema name"))?;
            tx.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
                .map_err(sql("create the schema"))?;
            tx.commit().map_err(sql("commit"))?;
            config.options(&format!("-c search_path={schema}"));
        }
        let manager = PostgresConnectionManager::new(config, NoTls);
        let pool = r2d2::Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(1))
            .connection_timeout(Duration::from_secs(10))
            .build(manager)
            .map_err(pool_error(format!("cannot connect to {location}")))?;
        let store = PgStore { pool, location };
        store.migrate()?;
        Ok(store)
    }

    pub(crate) fn conn(&self) -> Result<r2d2::PooledConnection<PostgresConnectionManager<NoTls>>, StoreError> {
        self.pool
            .get()
            .map_err(pool_error(format!("no connection to {}", self.location)))
    }

    fn migrate(&self) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction().map_err(sql("begin"))?;
        // Workers that start together migrate one after the other.
        tx.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))", &[])
            .map_err(sql("lock the schema"))?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")
            .map_err(sql("create schema_version"))?;
        let found: Option<i64> = tx
            .query_opt("SELECT version FROM schema_version", &[])
            .map_err(sql("read schema_version"))?
            .map(|r| r.get(0));
        let found = found.unwrap_or(0);
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                found,
                known: SCHEMA_VERSION,
            });
        }
        for (version, step) in MIGRATIONS.iter().filter(|(v, _)| *v > found) {
            tx.batch_execute(&postgres_dialect(step)).map_err(sql("migrate"))?;
            tx.execute("DELETE FROM schema_version", &[])
                .map_err(sql("write schema_version"))?;
            tx.execute("INSERT INTO schema_version (version) VALUES ($1)", &[version])
                .map_err(sql("write schema_version"))?;
        }
        tx.commit().map_err(sql("commit the migration"))
    }

    /// The schema version recorded in the database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        let mut conn = self.conn()?;
        let row = conn
            .query_one("SELECT version FROM schema_version", &[])
            .map_err(sql("read schema_version"))?;
        Ok(row.get(0))
    }
}

fn describe(config: &postgres::Config, schema: Option<&str>) -> String {
    let host = config
        .get_hosts()
        .first()
        .map(|h| match h {
            postgres::config::Host::Tcp(name) => name.clone(),
            #[cfg(unix)]
            postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .unwrap_or_else(|| "localhost".to_string());
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config.get_dbname().unwrap_or("(default database)");
    match schema {
        Some(schema) => format!("postgres://{host}:{port}/{db} (schema {schema})"),
        None => format!("postgres://{host}:{port}/{db}"),
    }
}

fn published_text(article: &Article) -> Result<Option<String>, StoreError> {
    Ok(article
        .meta
        .published
        .map(|d| serde_json::to_value(d).map(|v| v.as_str().unwrap_or("").to_string()))
        .transpose()?)
}

// The statements, on a pooled connection or inside a transaction alike.

fn put_document(c: &mut impl GenericClient, doc: &Document) -> Result<bool, StoreError> {
    let n = c
        .execute(
            "INSERT INTO documents (hash, origin, media_type, hints, raw, content_hash)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (hash) DO NOTHING",
            &[
                &doc.hash,
                &serde_json::to_string(&doc.origin)?,
                &serde_json::to_string(&doc.media_type)?,
                &serde_json::to_string(&doc.hints)?,
                &doc.raw,
                &doc.content,
            ],
        )
        .map_err(sql("store a document"))?;
    Ok(n == 1)
}

fn copy_of(c: &mut impl GenericClient, hash: &str) -> Result<Option<String>, StoreError> {
    Ok(c.query_opt(
        "SELECT substr(o.hash, 1, 16) FROM documents d JOIN documents o
           ON o.content_hash = d.content_hash AND o.ingested_seq < d.ingested_seq
         WHERE d.hash = $1 ORDER BY o.ingested_seq LIMIT 1",
        &[&hash],
    )
    .map_err(sql("find the original of a copy"))?
    .map(|r| r.get(0)))
}

/// PostgreSQL text cannot hold NUL; SQLite can. Columns read back as strings lose
/// it (the article itself is kept whole, JSON-escaped, in `body`).
pub(crate) fn no_nul(text: Option<&str>) -> Option<String> {
    text.map(|t| t.replace('\0', ""))
}

fn put_article(c: &mut impl GenericClient, article: &Article, extractor_version: &str) -> Result<(), StoreError> {
    let config = search_config(article.meta.language.as_deref());
    let title = no_nul(article.meta.title.as_deref()).unwrap_or_default();
    let text = article.text.replace('\0', "");
    c.execute(
        "INSERT INTO articles (id, doc_hash, extractor_version, title, published, outlet, language, body,
                text, search_config, search_vector)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
                setweight(to_tsvector($10::text::regconfig, $11), 'A') || setweight(to_tsvector($10::text::regconfig, $12), 'B'))
         ON CONFLICT (id) DO UPDATE SET doc_hash = excluded.doc_hash, extractor_version = excluded.extractor_version,
            title = excluded.title, published = excluded.published, outlet = excluded.outlet,
            language = excluded.language, body = excluded.body, text = excluded.text,
            search_config = excluded.search_config, search_vector = excluded.search_vector",
        &[
            &article.id,
            &article.doc_hash,
            &extractor_version,
            &no_nul(article.meta.title.as_deref()),
            &no_nul(published_text(article)?.as_deref()),
            &no_nul(article.meta.outlet.as_deref()),
            &no_nul(article.meta.language.as_deref()),
            &serde_json::to_string(article)?,
            &text,
            &config,
            &recoupe_core::fold_key(&title),
            &recoupe_core::fold_key(&text),
        ],
    )
    .map_err(sql("store an article"))?;
    Ok(())
}

fn put_analysis(c: &mut impl GenericClient, analysis: &Analysis) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO analyses (article_id, analyzer_version, body) VALUES ($1, $2, $3)
         ON CONFLICT (article_id) DO UPDATE SET analyzer_version = excluded.analyzer_version, body = excluded.body",
        &[
            &analysis.article_id,
            &analysis.analyzer_version,
            &serde_json::to_string(analysis)?,
        ],
    )
    .map_err(sql("store an analysis"))?;
    Ok(())
}

impl StorageWrite for PgStore {
    fn put_document(&self, doc: &Document) -> Result<bool, StoreError> {
        // In a transaction of its own with the ingest lock, as a batch's.
        let mut conn = self.conn()?;
        let mut tx = conn.transaction().map_err(sql("begin"))?;
        tx.execute(stories::INGEST_LOCK_SHARED, &[])
            .map_err(sql("take the ingest lock"))?;
        let stored = put_document(&mut tx, doc)?;
        tx.commit().map_err(sql("commit"))?;
        Ok(stored)
    }
    fn copy_of(&self, hash: &str) -> Result<Option<String>, StoreError> {
        copy_of(&mut *self.conn()?, hash)
    }
    fn put_article(&self, article: &Article, extractor_version: &str) -> Result<(), StoreError> {
        put_article(&mut *self.conn()?, article, extractor_version)
    }
    fn put_analysis(&self, analysis: &Analysis) -> Result<(), StoreError> {
        put_analysis(&mut *self.conn()?, analysis)
    }
}

/// The writes of one open transaction (a `RefCell` because the statements take
/// the transaction mutably while [`StorageWrite`] hands out shared references).
pub(crate) struct PgTransaction<'a> {
    pub(crate) tx: RefCell<postgres::Transaction<'a>>,
}

impl StorageWrite for PgTransaction<'_> {
    fn put_document(&self, doc: &Document) -> Result<bool, StoreError> {
        put_document(&mut *self.tx.borrow_mut(), doc)
    }
    fn copy_of(&self, hash: &str) -> Result<Option<String>, StoreError> {
        copy_of(&mut *self.tx.borrow_mut(), hash)
    }
    fn put_article(&self, article: &Article, extractor_version: &str) -> Result<(), StoreError> {
        put_article(&mut *self.tx.borrow_mut(), article, extractor_version)
    }
    fn put_analysis(&self, analysis: &Analysis) -> Result<(), StoreError> {
        put_analysis(&mut *self.tx.borrow_mut(), analysis)
    }
}

impl Storage for PgStore {
    fn describe(&self) -> String {
        self.location.clone()
    }

    fn check(&self) -> Result<Problems, StoreError> {
        let mut conn = self.conn()?;
        let mut problems = Vec::new();
        let mut count =
            |query: &str| -> Result<i64, StoreError> { Ok(conn.query_one(query, &[]).map_err(sql("check"))?.get(0)) };
        let version = count("SELECT COALESCE(MAX(version), 0) FROM schema_version")?;
        if version != SCHEMA_VERSION {
            problems.push(format!("schema version {version}, expected {SCHEMA_VERSION}"));
        }
        let orphans =
            count("SELECT COUNT(*) FROM articles a LEFT JOIN documents d ON d.hash = a.doc_hash WHERE d.hash IS NULL")?;
        if orphans > 0 {
            problems.push(format!("{orphans} article(s) without their document"));
        }
        let twice =
            count("SELECT COUNT(*) FROM (SELECT doc_hash FROM articles GROUP BY doc_hash HAVING COUNT(*) > 1) t")?;
        if twice > 0 {
            problems.push(format!("{twice} document(s) with more than one article"));
        }
        let unindexed = count(
            "SELECT COUNT(*) FROM articles WHERE search_config NOT IN ('french', 'english', 'simple')
               OR (length(search_vector) = 0 AND length(text) > 0)",
        )?;
        if unindexed > 0 {
            problems.push(format!("{unindexed} article(s) missing from the full-text index"));
        }
        Ok(problems)
    }

    fn document(&self, hash: &str) -> Result<Option<Document>, StoreError> {
        let row = self
            .conn()?
            .query_opt(
                "SELECT hash, origin, media_type, hints, raw, content_hash FROM documents WHERE hash = $1",
                &[&hash],
            )
            .map_err(sql("read a document"))?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(Document {
            hash: row.get(0),
            origin: serde_json::from_str::<Origin>(row.get(1))?,
            media_type: serde_json::from_str::<MediaType>(row.get(2))?,
            hints: serde_json::from_str::<Hints>(row.get(3))?,
            raw: row.get(4),
            content: row.get(5),
        }))
    }

    fn document_hashes(&self) -> Result<Vec<String>, StoreError> {
        Ok(self
            .conn()?
            .query("SELECT hash FROM documents ORDER BY ingested_seq", &[])
            .map_err(sql("list documents"))?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    fn extractor_version(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn()?
            .query_opt("SELECT extractor_version FROM articles WHERE id = $1", &[&id])
            .map_err(sql("read an extractor version"))?
            .map(|r| r.get(0)))
    }

    fn article(&self, prefix: &str) -> Result<Option<(Article, String)>, StoreError> {
        let pattern = format!("{}%", prefix.replace(['%', '_', '\\'], ""));
        let rows = self
            .conn()?
            .query(
                "SELECT body, extractor_version FROM articles WHERE id LIKE $1 ORDER BY id LIMIT 2",
                &[&pattern],
            )
            .map_err(sql("read an article"))?;
        match rows.as_slice() {
            [] => Ok(None),
            [row] => Ok(Some((serde_json::from_str(row.get(0))?, row.get(1)))),
            _ => Err(StoreError::Ambiguous {
                prefix: prefix.to_string(),
                count: rows.len(),
            }),
        }
    }

    fn articles(&self) -> Result<Vec<Article>, StoreError> {
        self.conn()?
            .query(
                "SELECT a.body FROM articles a JOIN documents d ON d.hash = a.doc_hash ORDER BY d.ingested_seq",
                &[],
            )
            .map_err(sql("read articles"))?
            .iter()
            .map(|r| serde_json::from_str(r.get(0)).map_err(StoreError::from))
            .collect()
    }

    fn list(&self) -> Result<Vec<ArticleRow>, StoreError> {
        Ok(self
            .conn()?
            .query(
                "SELECT a.id, a.title, a.published, a.outlet, a.language,
                    (SELECT substr(o.hash, 1, 16) FROM documents o WHERE o.content_hash = d.content_hash
                       AND o.ingested_seq < d.ingested_seq ORDER BY o.ingested_seq LIMIT 1)
                 FROM articles a JOIN documents d ON d.hash = a.doc_hash ORDER BY d.ingested_seq",
                &[],
            )
            .map_err(sql("list articles"))?
            .iter()
            .map(|r| ArticleRow {
                id: r.get(0),
                title: r.get(1),
                published: r.get(2),
                outlet: r.get(3),
                language: r.get(4),
                copy_of: r.get(5),
            })
            .collect())
    }

    fn analysis(&self, article_id: &str, analyzer_version: &str) -> Result<Option<Analysis>, StoreError> {
        let row = self
            .conn()?
            .query_opt(
                "SELECT body FROM analyses WHERE article_id = $1 AND analyzer_version = $2",
                &[&article_id, &analyzer_version],
            )
            .map_err(sql("read an analysis"))?;
        row.map(|r| serde_json::from_str(r.get(0)).map_err(StoreError::from))
            .transpose()
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<(String, String)>, StoreError> {
        let folded = recoupe_core::fold_key(query);
        if folded.split_whitespace().next().is_none() {
            return Ok(Vec::new());
        }
        // Each article is matched by the query parsed with its own configuration;
        // the GIN index serves each of the three branches. The snippet is cut
        // from the article's own text, words marked as SQLite's snippet does.
        let rows = self
            .conn()?
            .query(
                "WITH q AS (SELECT plainto_tsquery('french', $1) AS fr, plainto_tsquery('english', $1) AS en,
                                   plainto_tsquery('simple', $1) AS si)
                 SELECT a.id,
                   ts_headline(a.search_config::regconfig, a.text,
                               plainto_tsquery(a.search_config::regconfig, $2),
                               'StartSel=[, StopSel=], MaxWords=12, MinWords=4, MaxFragments=1, FragmentDelimiter=…'),
                   ts_rank(a.search_vector, CASE a.search_config WHEN 'french' THEN q.fr
                                            WHEN 'english' THEN q.en ELSE q.si END) AS rank
                 FROM articles a JOIN documents d ON d.hash = a.doc_hash, q
                 WHERE (a.search_config = 'french' AND a.search_vector @@ q.fr)
                    OR (a.search_config = 'english' AND a.search_vector @@ q.en)
                    OR (a.search_config = 'simple' AND a.search_vector @@ q.si)
                 ORDER BY rank DESC, d.ingested_seq LIMIT $3",
                &[&folded, &query, &(limit as i64)],
            )
            .map_err(sql("search"))?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn counts(&self) -> Result<(usize, usize), StoreError> {
        let row = self
            .conn()?
            .query_one(
                "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM articles)",
                &[],
            )
            .map_err(sql("count"))?;
        let (docs, arts): (i64, i64) = (row.get(0), row.get(1));
        Ok((docs as usize, arts as usize))
    }

    fn transaction(
        &mut self,
        work: &mut dyn FnMut(&dyn StorageWrite) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction().map_err(sql("begin"))?;
        // A story update reading how far ingest went waits for this commit
        // (`stories::INGEST_LOCK_SHARED`).
        tx.execute(stories::INGEST_LOCK_SHARED, &[])
            .map_err(sql("take the ingest lock"))?;
        let writes = PgTransaction { tx: RefCell::new(tx) };
        // On error the transaction is dropped, which rolls it back.
        work(&writes)?;
        writes.tx.into_inner().commit().map_err(sql("commit"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_reach_the_sqlite_schema_version() {
        assert_eq!(MIGRATIONS.last().map(|(v, _)| *v), Some(SCHEMA_VERSION));
        assert!(MIGRATIONS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn languages_choose_their_configuration() {
        for (language, config) in [
            (Some("fr"), "french"),
            (Some("en"), "english"),
            (Some("de"), "simple"),
            (None, "simple"),
        ] {
            assert_eq!(search_config(language), config);
        }
    }

    #[test]
    fn bad_addresses_and_schema_names_are_user_errors() {
        let e = PgStore::open("postgres://[::1").err().map(|e| e.to_string());
        assert!(e.is_some_and(|m| m.contains("bad PostgreSQL address")));
        let e = PgStore::open_in_schema("postgres://postgres@127.0.0.1:1/x", "a;drop")
            .err()
            .map(|e| e.to_string());
        assert!(
            e.is_some_and(|m| m.contains("bad schema name")),
            "schema name is checked first"
        );
    }
}
