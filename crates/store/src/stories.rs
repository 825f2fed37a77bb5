//! Persisted stories: the story engine's saved state, story membership, one
//! summary row per story (what a story list shows, sorted, filtered and paged
//! by one indexed query), copy groups, merges, and a cache of dossiers.
//!
//! The tables are written by `recoupe_pipeline::update_stories` in one
//! transaction per update and read by everything that lists or shows stories.
//! Story ids are `story-<id of the article that opened it>`: a story keeps its
//! id as it grows, and when two stories merge the younger id is recorded in
//! `story_merges` so that old links resolve ([`Store::resolve_story`]).
//!
//! The SQL is kept plain (no JSON functions, no `NULLS LAST`, no upsert
//! beyond `INSERT OR REPLACE` / `DELETE` + `INSERT`) so that a PostgreSQL
//! port can keep the same shapes.

use recoupe_core::{Article, CopyGroup, JoinReason, Story};
use rusqlite::{params, OptionalExtension};

use crate::{Store, StoreError};

/// Schema of the persisted stories (one migration, appended to `MIGRATIONS`).
pub const STORIES_SCHEMA: &str = "CREATE TABLE story_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version TEXT NOT NULL,
        fed_seq INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        engine BLOB NOT NULL
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        size INTEGER NOT NULL,
        outlets INTEGER NOT NULL,
        languages TEXT NOT NULL,
        first_published TEXT,
        last_published TEXT,
        copies INTEGER NOT NULL,
        updated_seq INTEGER NOT NULL
    );
    CREATE INDEX stories_by_size ON stories (size DESC, id);
    CREATE INDEX stories_by_last ON stories (last_published DESC, id);
    CREATE INDEX stories_by_position ON stories (position);
    CREATE TABLE story_languages (
        language TEXT NOT NULL,
        story_id TEXT NOT NULL,
        PRIMARY KEY (language, story_id)
    );
    CREATE INDEX story_languages_by_story ON story_languages (story_id);
    CREATE TABLE story_outlets (
        outlet TEXT NOT NULL,
        story_id TEXT NOT NULL,
        PRIMARY KEY (outlet, story_id)
    );
    CREATE INDEX story_outlets_by_story ON story_outlets (story_id);
    CREATE TABLE story_members (
        article_id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        source TEXT NOT NULL,
        language TEXT NOT NULL,
        published TEXT,
        reason TEXT NOT NULL
    );
    CREATE INDEX story_members_by_story ON story_members (story_id, position);
    CREATE TABLE story_copies (
        article_id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL,
        original_id TEXT NOT NULL,
        agency TEXT
    );
    CREATE INDEX story_copies_by_story ON story_copies (story_id);
    CREATE TABLE story_merges (
        story_id TEXT PRIMARY KEY,
        merged_into TEXT NOT NULL,
        merged_seq INTEGER NOT NULL
    );
    CREATE INDEX story_merges_by_target ON story_merges (merged_into);
    CREATE TABLE dossier_cache (
        story_id TEXT PRIMARY KEY,
        members_fingerprint TEXT NOT NULL,
        version TEXT NOT NULL,
        body TEXT NOT NULL
    );";

/// Facts of cached dossiers that lists need: a story's disagreements and its
/// entities (one row per entity and story). Written with the dossier, kept
/// while the story changes (the next dossier replaces them), dropped on merge.
pub const DOSSIER_FACTS_SCHEMA: &str = "CREATE TABLE story_facts (
        story_id TEXT PRIMARY KEY,
        disagreements INTEGER NOT NULL
    );
    CREATE INDEX story_facts_by_disagreements ON story_facts (disagreements DESC, story_id);
    CREATE TABLE story_entities (
        entity_key TEXT NOT NULL,
        story_id TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        aliases TEXT NOT NULL,
        roles TEXT NOT NULL,
        articles TEXT NOT NULL,
        PRIMARY KEY (entity_key, story_id)
    );
    CREATE INDEX story_entities_by_story ON story_entities (story_id);
    CREATE INDEX stories_by_title ON stories (title, id);";

/// When a story's facts were counted: the story's `updated_seq` at that time
/// (-1: before this column existed). Facts older than the story are stale and
/// are recounted; lists show them as such.
pub const DOSSIER_FACTS_FRESHNESS_SCHEMA: &str =
    "ALTER TABLE story_facts ADD COLUMN story_seq INTEGER NOT NULL DEFAULT -1;";

/// The saved story engine and how far it has read the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryState {
    /// Code and configuration version that made the state; another one rebuilds.
    pub version: String,
    /// Highest document `ingested_seq` fed to the engine.
    pub fed_seq: i64,
    /// Articles fed so far.
    pub articles: u64,
    /// The engine state (`recoupe_stories::StoryEngine::to_bytes`).
    pub engine: Vec<u8>,
}

/// What the store knows of one member of a story, beyond its id.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryMember {
    pub article_id: String,
    /// Arrival number in the story engine (orders members and stories).
    pub position: i64,
    /// What counts as one independent source: the outlet, else the agency,
    /// else the article itself.
    pub source: String,
    /// `Article::language()` (`und` when unknown).
    pub language: String,
    /// Publication day, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Why the article joined its story.
    pub reason: JoinReason,
}

impl StoryMember {
    /// The facts of an article as a member, with the engine's arrival number.
    pub fn of(article: &Article, position: i64, reason: JoinReason) -> StoryMember {
        StoryMember {
            article_id: article.id.clone(),
            position,
            source: article
                .meta
                .outlet
                .clone()
                .or_else(|| article.meta.agency.clone())
                .unwrap_or_else(|| article.id.clone()),
            language: article.language().to_string(),
            published: article.meta.published.map(|d| d.date().to_string()),
            reason,
        }
    }
}

/// One line of a story list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StorySummary {
    pub id: String,
    /// Arrival number of the article that opened the story.
    pub position: i64,
    pub title: String,
    /// Articles in the story.
    pub size: usize,
    /// Independent sources (outlets, counted once; copies not counted).
    pub outlets: usize,
    /// Languages of the members, sorted.
    pub languages: Vec<String>,
    /// First and last publication day of the members, `YYYY-MM-DD`.
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    /// Copies of another member's text.
    pub copies: usize,
    /// Ingest sequence up to which the update that last changed it had read.
    pub updated_seq: i64,
}

/// Order of a story list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StorySort {
    /// Largest first, ties by id.
    #[default]
    Size,
    /// Latest publication day first (undated stories last), ties by id.
    Latest,
    /// In the order the stories were opened (the engine's order).
    Arrival,
    /// Most disagreements first (stories whose dossier was never built count
    /// none), then largest, ties by id.
    Disagreements,
    /// By title, ties by id.
    Title,
}

/// A story-list query: filters, order and page. Empty filters match all.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct StoryQuery {
    pub sort: StorySort,
    /// Stories with a member in this language.
    pub language: Option<String>,
    /// Stories with a member from this outlet (source).
    pub outlet: Option<String>,
    /// Stories whose publication span meets `[from, to]` (`YYYY-MM-DD`, inclusive).
    pub from: Option<String>,
    pub to: Option<String>,
    /// Words the title must contain (case-insensitive for ASCII letters).
    pub title_words: Vec<String>,
    /// Only stories whose cached dossier found disagreements.
    pub with_disagreements: bool,
    pub offset: usize,
    /// Page size; 0 means no limit.
    pub limit: usize,
}

/// One page of a story list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoryPage {
    /// Stories matching the filters, all pages together.
    pub total: usize,
    pub stories: Vec<StorySummary>,
}

/// What one update of the persisted stories writes, in one transaction
/// ([`Store::apply_story_update`]).
#[derive(Debug, Clone, Default)]
pub struct StoryWrite {
    /// `(absorbed, surviving)` ids, in the order the merges happened.
    pub merged: Vec<(String, String)>,
    /// New members, with the id of the story that holds them after the update.
    pub members: Vec<(String, StoryMember)>,
    /// Every story that changed, as it stands after the update, with its summary.
    pub stories: Vec<(Story, StorySummary)>,
    /// The engine state after the update.
    pub state: Option<StoryState>,
}

/// What a story's dossier says that lists and entity pages need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DossierFacts {
    pub disagreements: usize,
    pub entities: Vec<StoryEntityFact>,
}

/// How many disagreements a story's last dossier found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisagreementCount {
    pub count: usize,
    /// Counted on the story's current members (false: it changed since, and
    /// the count is being redone).
    pub current: bool,
}

/// One entity as one story's dossier names it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryEntityFact {
    /// The key it is known by across stories.
    pub key: String,
    pub name: String,
    pub kind: String,
    pub mentions: usize,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    /// Articles of the story that mention it.
    pub articles: Vec<String>,
}

/// One story an entity appears in, with what that story's dossier says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityStoryRow {
    pub story_id: String,
    pub story_title: String,
    pub story_size: usize,
    pub fact: StoryEntityFact,
}

/// An entity across stories: `(key, a name, kind, stories, mentions)`.
pub type EntitySummary = (String, String, String, usize, usize);

/// The `WHERE` clause of a story query's filters and its values (in order).
fn story_filter(q: &StoryQuery) -> (String, Vec<String>) {
    let mut conditions: Vec<&str> = Vec::new();
    let mut values: Vec<String> = Vec::new();
    if let Some(language) = &q.language {
        conditions.push("EXISTS (SELECT 1 FROM story_languages l WHERE l.language = ? AND l.story_id = s.id)");
        values.push(language.clone());
    }
    if let Some(outlet) = &q.outlet {
        conditions.push("EXISTS (SELECT 1 FROM story_outlets o WHERE o.outlet = ? AND o.story_id = s.id)");
        values.push(outlet.clone());
    }
    if let Some(from) = &q.from {
        conditions.push("s.last_published >= ?");
        values.push(from.clone());
    }
    if let Some(to) = &q.to {
        conditions.push("s.first_published <= ?");
        values.push(to.clone());
    }
    for word in &q.title_words {
        conditions.push("s.title LIKE ? ESCAPE '!'");
        values.push(like_pattern(word));
    }
    if q.with_disagreements {
        conditions.push("EXISTS (SELECT 1 FROM story_facts f WHERE f.story_id = s.id AND f.disagreements > 0)");
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    (filter, values)
}

/// A `LIKE` pattern matching `word` anywhere (`!` escapes the wildcards).
fn like_pattern(word: &str) -> String {
    let escaped = word.replace('!', "!!").replace('%', "!%").replace('_', "!_");
    format!("%{escaped}%")
}

const SUMMARY_COLUMNS: &str =
    "id, position, title, size, outlets, languages, first_published, last_published, copies, updated_seq";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StorySummary> {
    let languages: String = r.get(5)?;
    Ok(StorySummary {
        id: r.get(0)?,
        position: r.get(1)?,
        title: r.get(2)?,
        size: r.get::<_, i64>(3)? as usize,
        outlets: r.get::<_, i64>(4)? as usize,
        languages: languages
            .split('+')
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        first_published: r.get(6)?,
        last_published: r.get(7)?,
        copies: r.get::<_, i64>(8)? as usize,
        updated_seq: r.get(9)?,
    })
}

/// A story as the engine gives it, from its stored rows: members in arrival
/// order, copy groups (`(copy, original, agency)` rows in any order) in order
/// of their first member, join reasons. Shared by the engines.
pub fn assemble_story(
    summary: StorySummary,
    members: Vec<StoryMember>,
    copies: Vec<(String, String, Option<String>)>,
) -> Story {
    let position: std::collections::HashMap<&str, i64> =
        members.iter().map(|m| (m.article_id.as_str(), m.position)).collect();
    // (first position in the group, group, its copies with their positions)
    type Group = (i64, CopyGroup, Vec<(i64, String)>);
    let mut groups: Vec<Group> = Vec::new();
    for (copy, original, agency) in copies {
        let at = |a: &str| position.get(a).copied().unwrap_or(i64::MAX);
        let copy_at = at(&copy);
        match groups.iter_mut().find(|(_, g, _)| g.original == original) {
            Some((first, _, list)) => {
                *first = (*first).min(copy_at);
                list.push((copy_at, copy));
            }
            None => groups.push((
                at(&original).min(copy_at),
                CopyGroup {
                    original,
                    copies: Vec::new(),
                    agency,
                },
                vec![(copy_at, copy)],
            )),
        }
    }
    groups.sort_by_key(|(first, _, _)| *first);
    let copy_groups = groups
        .into_iter()
        .map(|(_, mut group, mut list)| {
            list.sort();
            group.copies = list.into_iter().map(|(_, id)| id).collect();
            group
        })
        .collect();
    Story {
        id: summary.id,
        title: summary.title,
        article_ids: members.iter().map(|m| m.article_id.clone()).collect(),
        copy_groups,
        reasons: members.into_iter().map(|m| m.reason).collect(),
    }
}

impl Store {
    /// The saved story engine, if stories were ever updated.
    pub fn story_state(&self) -> Result<Option<StoryState>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT version, fed_seq, articles, engine FROM story_state WHERE id = 1",
                [],
                |r| {
                    Ok(StoryState {
                        version: r.get(0)?,
                        fed_seq: r.get(1)?,
                        articles: r.get::<_, i64>(2)? as u64,
                        engine: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// The highest ingest sequence number of a stored document (0 when empty).
    pub fn last_ingested_seq(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(ingested_seq), 0) FROM documents", [], |r| r.get(0))?)
    }

    /// Articles whose documents were ingested after `seq`, in ingest order:
    /// `(ingested_seq, article id, stored publication stamp)`, without bodies, so
    /// that a caller can order a large batch before reading it in chunks.
    pub fn articles_since(&self, seq: i64) -> Result<Vec<(i64, String, Option<recoupe_core::DateStamp>)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT d.ingested_seq, a.id, a.published FROM articles a JOIN documents d ON d.hash = a.doc_hash
             WHERE d.ingested_seq > ?1 ORDER BY d.ingested_seq",
        )?;
        let rows = stmt
            .query_map([seq], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(seq, id, published)| {
                let stamp = published
                    .filter(|p| !p.is_empty())
                    .map(|p| serde_json::from_value(serde_json::Value::String(p)))
                    .transpose()?;
                Ok((seq, id, stamp))
            })
            .collect()
    }

    /// The stored article with exactly this id.
    pub fn article_by_id(&self, id: &str) -> Result<Option<Article>, StoreError> {
        let body: Option<String> = self
            .conn
            .prepare_cached("SELECT body FROM articles WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        body.map(|b| serde_json::from_str(&b).map_err(StoreError::from))
            .transpose()
    }

    /// Forgets every persisted story (before a rebuild from scratch).
    pub fn clear_stories(&self) -> Result<(), StoreError> {
        self.conn.execute_batch(
            "DELETE FROM story_state; DELETE FROM stories; DELETE FROM story_languages;
             DELETE FROM story_outlets; DELETE FROM story_members; DELETE FROM story_copies;
             DELETE FROM story_merges; DELETE FROM dossier_cache; DELETE FROM story_facts;
             DELETE FROM story_entities;",
        )?;
        Ok(())
    }

    /// Writes one update of the stories (call inside [`Store::transaction`]):
    /// merges first (members follow, the absorbed summary and dossier go, older
    /// merges into the absorbed id are redirected), then new members, then the
    /// changed stories' summaries and copy groups (their cached dossiers go),
    /// then the engine state.
    pub fn apply_story_update(&self, write: &StoryWrite, seq: i64) -> Result<(), StoreError> {
        let c = &self.conn;
        for (gone, into) in &write.merged {
            c.execute(
                "UPDATE story_members SET story_id = ?2 WHERE story_id = ?1",
                params![gone, into],
            )?;
            c.execute(
                "UPDATE story_copies SET story_id = ?2 WHERE story_id = ?1",
                params![gone, into],
            )?;
            c.execute("DELETE FROM stories WHERE id = ?1", [gone])?;
            c.execute("DELETE FROM story_languages WHERE story_id = ?1", [gone])?;
            c.execute("DELETE FROM story_outlets WHERE story_id = ?1", [gone])?;
            c.execute("DELETE FROM dossier_cache WHERE story_id = ?1", [gone])?;
            c.execute("DELETE FROM story_facts WHERE story_id = ?1", [gone])?;
            c.execute("DELETE FROM story_entities WHERE story_id = ?1", [gone])?;
            c.execute(
                "UPDATE story_merges SET merged_into = ?2 WHERE merged_into = ?1",
                params![gone, into],
            )?;
            c.execute(
                "INSERT OR REPLACE INTO story_merges (story_id, merged_into, merged_seq) VALUES (?1, ?2, ?3)",
                params![gone, into, seq],
            )?;
        }
        let mut insert_member = c.prepare_cached(
            "INSERT OR REPLACE INTO story_members (article_id, story_id, position, source, language, published, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (story_id, m) in &write.members {
            insert_member.execute(params![
                m.article_id,
                story_id,
                m.position,
                m.source,
                m.language,
                m.published,
                serde_json::to_string(&m.reason)?
            ])?;
        }
        for (story, summary) in &write.stories {
            self.put_story(story, summary)?;
        }
        if let Some(state) = &write.state {
            c.execute(
                "INSERT OR REPLACE INTO story_state (id, version, fed_seq, articles, engine) VALUES (1, ?1, ?2, ?3, ?4)",
                params![state.version, state.fed_seq, state.articles as i64, state.engine],
            )?;
        }
        Ok(())
    }

    fn put_story(&self, story: &Story, s: &StorySummary) -> Result<(), StoreError> {
        let c = &self.conn;
        c.execute(
            &format!(
                "INSERT OR REPLACE INTO stories ({SUMMARY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
            ),
            params![
                s.id,
                s.position,
                s.title,
                s.size as i64,
                s.outlets as i64,
                s.languages.join("+"),
                s.first_published,
                s.last_published,
                s.copies as i64,
                s.updated_seq
            ],
        )?;
        c.execute("DELETE FROM story_languages WHERE story_id = ?1", [&s.id])?;
        for language in &s.languages {
            c.execute(
                "INSERT OR REPLACE INTO story_languages (language, story_id) VALUES (?1, ?2)",
                params![language, s.id],
            )?;
        }
        c.execute("DELETE FROM story_outlets WHERE story_id = ?1", [&s.id])?;
        let mut sources: Vec<String> = self
            .story_members(&s.id)?
            .into_iter()
            .filter(|m| story.original_of(&m.article_id).is_none())
            .map(|m| m.source)
            .collect();
        sources.sort();
        sources.dedup();
        for source in &sources {
            c.execute(
                "INSERT OR REPLACE INTO story_outlets (outlet, story_id) VALUES (?1, ?2)",
                params![source, s.id],
            )?;
        }
        c.execute("DELETE FROM story_copies WHERE story_id = ?1", [&s.id])?;
        for group in &story.copy_groups {
            for copy in &group.copies {
                c.execute(
                    "INSERT OR REPLACE INTO story_copies (article_id, story_id, original_id, agency) VALUES (?1, ?2, ?3, ?4)",
                    params![copy, s.id, group.original, group.agency],
                )?;
            }
        }
        c.execute("DELETE FROM dossier_cache WHERE story_id = ?1", [&s.id])?;
        Ok(())
    }

    /// The id a story id stands for now: itself, or the story it was merged
    /// into; `None` when no such story exists.
    pub fn resolve_story(&self, id: &str) -> Result<Option<String>, StoreError> {
        let into: Option<String> = self
            .conn
            .prepare_cached("SELECT merged_into FROM story_merges WHERE story_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let id = into.unwrap_or_else(|| id.to_string());
        let exists: Option<i64> = self
            .conn
            .prepare_cached("SELECT 1 FROM stories WHERE id = ?1")?
            .query_row([&id], |r| r.get(0))
            .optional()?;
        Ok(exists.map(|_| id))
    }

    /// The summary of a story (exact id, not resolved).
    pub fn story_summary(&self, id: &str) -> Result<Option<StorySummary>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {SUMMARY_COLUMNS} FROM stories WHERE id = ?1"))?
            .query_row([id], summary_row)
            .optional()?)
    }

    /// The members of a story (exact id), in arrival order.
    pub fn story_members(&self, id: &str) -> Result<Vec<StoryMember>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT article_id, position, source, language, published, reason FROM story_members
             WHERE story_id = ?1 ORDER BY position",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(article_id, position, source, language, published, reason)| {
                Ok(StoryMember {
                    article_id,
                    position,
                    source,
                    language,
                    published,
                    reason: serde_json::from_str(&reason)?,
                })
            })
            .collect()
    }

    /// The story that holds an article, if stories were updated since it came.
    pub fn story_of_article(&self, article_id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT story_id FROM story_members WHERE article_id = ?1")?
            .query_row([article_id], |r| r.get(0))
            .optional()?)
    }

    /// A persisted story (exact id, not resolved) as the engine gives it:
    /// members in arrival order, copy groups in order of their first member,
    /// join reasons.
    pub fn story(&self, id: &str) -> Result<Option<Story>, StoreError> {
        let Some(summary) = self.story_summary(id)? else {
            return Ok(None);
        };
        let members = self.story_members(id)?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT article_id, original_id, agency FROM story_copies WHERE story_id = ?1")?;
        let copies = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(assemble_story(summary, members, copies)))
    }

    /// One page of the story list: one query over the summary rows.
    pub fn story_page(&self, q: &StoryQuery) -> Result<StoryPage, StoreError> {
        Ok(StoryPage {
            total: self.story_total(q)?,
            stories: self.story_rows(q)?,
        })
    }

    /// Stories matching the filters of `q` (its order and page aside).
    pub fn story_total(&self, q: &StoryQuery) -> Result<usize, StoreError> {
        let (filter, values) = story_filter(q);
        let values: Vec<&dyn rusqlite::ToSql> = values.iter().map(|v| v as &dyn rusqlite::ToSql).collect();
        let total: i64 = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM stories s{filter}"),
            values.as_slice(),
            |r| r.get(0),
        )?;
        Ok(total as usize)
    }

    /// The page of `q` (without the total).
    pub fn story_rows(&self, q: &StoryQuery) -> Result<Vec<StorySummary>, StoreError> {
        let (filter, filter_values) = story_filter(q);
        let mut values: Vec<&dyn rusqlite::ToSql> = filter_values.iter().map(|v| v as &dyn rusqlite::ToSql).collect();
        let order = match q.sort {
            StorySort::Size => "s.size DESC, s.id",
            // SQLite puts NULL (undated) last when descending; the index serves this order.
            StorySort::Latest => "s.last_published DESC, s.id",
            StorySort::Arrival => "s.position",
            StorySort::Disagreements => {
                "COALESCE((SELECT f.disagreements FROM story_facts f WHERE f.story_id = s.id), 0) DESC, s.size DESC, s.id"
            }
            StorySort::Title => "s.title, s.id",
        };
        let limit = if q.limit == 0 { i64::MAX } else { q.limit as i64 };
        let offset = q.offset as i64;
        values.push(&limit);
        values.push(&offset);
        let columns: Vec<String> = SUMMARY_COLUMNS.split(", ").map(|c| format!("s.{c}")).collect();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM stories s{filter} ORDER BY {order} LIMIT ? OFFSET ?",
            columns.join(", ")
        ))?;
        let stories = stmt
            .query_map(values.as_slice(), summary_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(stories)
    }

    /// The cached dossier body of a story, if it was made for these members
    /// by this version.
    pub fn cached_dossier(
        &self,
        story_id: &str,
        fingerprint: &str,
        version: &str,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT body FROM dossier_cache WHERE story_id = ?1 AND members_fingerprint = ?2 AND version = ?3",
            )?
            .query_row(params![story_id, fingerprint, version], |r| r.get(0))
            .optional()?)
    }

    /// Caches a story's dossier (JSON) for these members and this version.
    pub fn put_dossier(&self, story_id: &str, fingerprint: &str, version: &str, body: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO dossier_cache (story_id, members_fingerprint, version, body) VALUES (?1, ?2, ?3, ?4)",
            params![story_id, fingerprint, version, body],
        )?;
        Ok(())
    }

    /// Replaces the dossier facts of a story (call with a dossier built for the
    /// story's current members: the facts are stamped with its `updated_seq`).
    pub fn put_dossier_facts(&self, story_id: &str, facts: &DossierFacts) -> Result<(), StoreError> {
        let c = &self.conn;
        c.prepare_cached(
            "INSERT OR REPLACE INTO story_facts (story_id, disagreements, story_seq)
             VALUES (?1, ?2, COALESCE((SELECT updated_seq FROM stories WHERE id = ?1), -1))",
        )?
        .execute(params![story_id, facts.disagreements as i64])?;
        c.prepare_cached("DELETE FROM story_entities WHERE story_id = ?1")?
            .execute([story_id])?;
        let mut insert = c.prepare_cached(
            "INSERT OR REPLACE INTO story_entities (entity_key, story_id, name, kind, mentions, aliases, roles, articles)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for e in &facts.entities {
            insert.execute(params![
                e.key,
                story_id,
                e.name,
                e.kind,
                e.mentions as i64,
                serde_json::to_string(&e.aliases)?,
                serde_json::to_string(&e.roles)?,
                serde_json::to_string(&e.articles)?
            ])?;
        }
        Ok(())
    }

    /// Disagreements of a story's last cached dossier (`None`: never built),
    /// and whether they were counted on the story as it stands now.
    pub fn story_disagreements(&self, story_id: &str) -> Result<Option<DisagreementCount>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT f.disagreements, f.story_seq >= COALESCE(s.updated_seq, 0)
                 FROM story_facts f LEFT JOIN stories s ON s.id = f.story_id WHERE f.story_id = ?1",
            )?
            .query_row([story_id], |r| {
                Ok(DisagreementCount {
                    count: r.get::<_, i64>(0)? as usize,
                    current: r.get(1)?,
                })
            })
            .optional()?)
    }

    /// Stories of two articles or more whose disagreements were never counted
    /// or were counted before their last change, largest first: the dossiers
    /// to build so that lists can say how many disagreements each story has.
    pub fn stories_to_count(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id FROM stories s LEFT JOIN story_facts f ON f.story_id = s.id
             WHERE s.size >= 2 AND (f.story_id IS NULL OR f.story_seq < s.updated_seq)
             ORDER BY s.size DESC, s.id LIMIT ?1",
        )?;
        let rows = stmt
            .query_map([limit as i64], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(rows)
    }

    /// The outlets (sources) of a story's members, copies included, most articles first.
    pub fn story_outlet_names(&self, story_id: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT source FROM story_members WHERE story_id = ?1 GROUP BY source ORDER BY COUNT(*) DESC, source",
        )?;
        let rows = stmt
            .query_map([story_id], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(rows)
    }

    /// Ids of the stories written by updates that read past `seq`, largest first.
    pub fn stories_updated_after(&self, seq: i64, limit: usize) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM stories WHERE updated_seq > ?1 ORDER BY size DESC, id LIMIT ?2")?;
        let rows = stmt
            .query_map(params![seq, limit as i64], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(rows)
    }

    /// Stories persisted.
    pub fn story_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row("SELECT COUNT(*) FROM stories", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// `(fed_seq, state version)` of the saved engine without its bytes: a cheap poll.
    pub fn story_progress(&self) -> Result<Option<(i64, String)>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT fed_seq, version FROM story_state WHERE id = 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// One page of the entities known from cached dossiers (most stories, then
    /// most mentions first), with the total. `kind` and `name_words` filter
    /// (words case-insensitive for ASCII letters).
    pub fn entity_page(
        &self,
        kind: Option<&str>,
        name_words: &[String],
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<EntitySummary>), StoreError> {
        let mut conditions: Vec<&str> = Vec::new();
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::new();
        if let Some(kind) = &kind {
            conditions.push("kind = ?");
            values.push(kind);
        }
        let patterns: Vec<String> = name_words.iter().map(|w| like_pattern(w)).collect();
        for p in &patterns {
            conditions.push("name LIKE ? ESCAPE '!'");
            values.push(p);
        }
        let filter = if conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conditions.join(" AND "))
        };
        let grouped = format!(
            "SELECT entity_key, MAX(name), MAX(kind), COUNT(*) AS n, SUM(mentions) AS m FROM story_entities{filter} GROUP BY entity_key"
        );
        let total: i64 = self
            .conn
            .query_row(&format!("SELECT COUNT(*) FROM ({grouped})"), values.as_slice(), |r| {
                r.get(0)
            })?;
        let limit = limit as i64;
        let offset = offset as i64;
        values.push(&limit);
        values.push(&offset);
        let mut stmt = self.conn.prepare(&format!(
            "{grouped} ORDER BY n DESC, m DESC, entity_key LIMIT ? OFFSET ?"
        ))?;
        let rows = stmt
            .query_map(values.as_slice(), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)? as usize,
                    r.get::<_, i64>(4)? as usize,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok((total as usize, rows))
    }

    /// The stories an entity appears in (largest first) with what each says of it.
    pub fn entity_stories(&self, key: &str) -> Result<Vec<EntityStoryRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.story_id, s.title, s.size, e.name, e.kind, e.mentions, e.aliases, e.roles, e.articles
             FROM story_entities e JOIN stories s ON s.id = e.story_id
             WHERE e.entity_key = ?1 ORDER BY s.size DESC, s.id",
        )?;
        type Raw = (String, String, i64, String, String, i64, String, String, String);
        let rows = stmt
            .query_map([key], |r| -> rusqlite::Result<Raw> {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(
                |(story_id, story_title, size, name, kind, mentions, aliases, roles, articles)| {
                    Ok(EntityStoryRow {
                        story_id,
                        story_title,
                        story_size: size as usize,
                        fact: StoryEntityFact {
                            key: key.to_string(),
                            name,
                            kind,
                            mentions: mentions as usize,
                            aliases: serde_json::from_str(&aliases)?,
                            roles: serde_json::from_str(&roles)?,
                            articles: serde_json::from_str(&articles)?,
                        },
                    })
                },
            )
            .collect()
    }

    /// Entities met in the same stories as `key`: `(key, name, kind, shared
    /// stories)`, most shared first, at most `limit`.
    pub fn co_entities(&self, key: &str, limit: usize) -> Result<Vec<(String, String, String, usize)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.entity_key, MAX(o.name), MAX(o.kind), COUNT(*) AS n
             FROM story_entities e JOIN story_entities o ON o.story_id = e.story_id AND o.entity_key <> e.entity_key
             WHERE e.entity_key = ?1 GROUP BY o.entity_key ORDER BY n DESC, MAX(o.name), o.entity_key LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![key, limit as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? as usize))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (id, position, size, outlets, languages, first, last)
    type Row = (
        &'static str,
        i64,
        usize,
        &'static [&'static str],
        &'static [&'static str],
        Option<&'static str>,
        Option<&'static str>,
    );

    const ROWS: &[Row] = &[
        (
            "story-a",
            0,
            5,
            &["Le Monde", "Reuters"],
            &["en", "fr"],
            Some("2025-01-02"),
            Some("2025-01-05"),
        ),
        (
            "story-b",
            1,
            2,
            &["Reuters"],
            &["en"],
            Some("2025-01-10"),
            Some("2025-01-11"),
        ),
        (
            "story-c",
            2,
            5,
            &["El País"],
            &["es"],
            Some("2025-01-03"),
            Some("2025-01-03"),
        ),
        ("story-d", 3, 1, &["Le Monde"], &["fr"], None, None),
        (
            "story-e",
            4,
            9,
            &["Le Monde", "El País"],
            &["es", "fr"],
            Some("2024-12-30"),
            Some("2025-01-20"),
        ),
    ];

    fn store() -> Store {
        let store = Store::open_in_memory().expect("open");
        let mut write = StoryWrite::default();
        for &(id, position, size, outlets, languages, first, last) in ROWS {
            let members: Vec<String> = (0..size).map(|i| format!("{id}-{i}")).collect();
            for (i, member) in members.iter().enumerate() {
                let source = outlets[i % outlets.len()];
                write.members.push((
                    id.to_string(),
                    StoryMember {
                        article_id: member.clone(),
                        position: position * 100 + i as i64,
                        source: source.to_string(),
                        language: languages[i % languages.len()].to_string(),
                        published: first.map(str::to_string),
                        reason: JoinReason {
                            article_id: member.clone(),
                            matched: None,
                            score: 0.0,
                            threshold: 0.0,
                            shared_terms: Vec::new(),
                            shared_entities: Vec::new(),
                        },
                    },
                ));
            }
            let story = Story {
                id: id.to_string(),
                title: format!("Title of {id}"),
                article_ids: members,
                copy_groups: Vec::new(),
                reasons: Vec::new(),
            };
            let summary = StorySummary {
                id: id.to_string(),
                position: position * 100,
                title: story.title.clone(),
                size,
                outlets: outlets.len(),
                languages: languages.iter().map(|l| l.to_string()).collect(),
                first_published: first.map(str::to_string),
                last_published: last.map(str::to_string),
                copies: 0,
                updated_seq: 1,
            };
            write.stories.push((story, summary));
        }
        store.apply_story_update(&write, 1).expect("write");
        store
    }

    #[test]
    fn story_list_queries() {
        let store = store();
        let q = |sort,
                 language: Option<&str>,
                 outlet: Option<&str>,
                 from: Option<&str>,
                 to: Option<&str>,
                 offset,
                 limit| StoryQuery {
            sort,
            language: language.map(str::to_string),
            outlet: outlet.map(str::to_string),
            from: from.map(str::to_string),
            to: to.map(str::to_string),
            offset,
            limit,
            ..StoryQuery::default()
        };
        use StorySort::{Arrival, Latest, Size};
        let table: Vec<(StoryQuery, usize, &[&str])> = vec![
            (
                q(Size, None, None, None, None, 0, 0),
                5,
                &["story-e", "story-a", "story-c", "story-b", "story-d"],
            ),
            (q(Size, None, None, None, None, 0, 2), 5, &["story-e", "story-a"]),
            (q(Size, None, None, None, None, 2, 2), 5, &["story-c", "story-b"]),
            (q(Size, None, None, None, None, 4, 2), 5, &["story-d"]),
            (q(Size, None, None, None, None, 9, 2), 5, &[]),
            (
                q(Latest, None, None, None, None, 0, 0),
                5,
                &["story-e", "story-b", "story-a", "story-c", "story-d"],
            ),
            (
                q(Arrival, None, None, None, None, 0, 0),
                5,
                &["story-a", "story-b", "story-c", "story-d", "story-e"],
            ),
            (
                q(Size, Some("fr"), None, None, None, 0, 0),
                3,
                &["story-e", "story-a", "story-d"],
            ),
            (q(Size, Some("es"), None, None, None, 0, 1), 2, &["story-e"]),
            (q(Size, Some("de"), None, None, None, 0, 0), 0, &[]),
            (
                q(Latest, None, Some("Reuters"), None, None, 0, 0),
                2,
                &["story-b", "story-a"],
            ),
            (q(Size, Some("fr"), Some("El País"), None, None, 0, 0), 1, &["story-e"]),
            // Spans meeting 2025-01-04..2025-01-10: a (2..5), b (10..11), e (30..20).
            (
                q(Arrival, None, None, Some("2025-01-04"), Some("2025-01-10"), 0, 0),
                3,
                &["story-a", "story-b", "story-e"],
            ),
            (q(Size, None, None, Some("2025-01-12"), None, 0, 0), 1, &["story-e"]),
            (q(Size, None, None, None, Some("2025-01-01"), 0, 0), 1, &["story-e"]),
        ];
        for (query, total, expected) in table {
            let page = store.story_page(&query).expect("query");
            let ids: Vec<&str> = page.stories.iter().map(|s| s.id.as_str()).collect();
            assert_eq!((page.total, ids.as_slice()), (total, expected), "{query:?}");
        }
    }

    #[test]
    fn merges_resolve_and_move_members() {
        let store = store();
        let merge = |gone: &str, into: &str| StoryWrite {
            merged: vec![(gone.to_string(), into.to_string())],
            ..StoryWrite::default()
        };
        store
            .apply_story_update(&merge("story-b", "story-a"), 2)
            .expect("merge");
        store
            .apply_story_update(&merge("story-a", "story-e"), 3)
            .expect("merge");
        assert_eq!(
            store.resolve_story("story-b").expect("resolve").as_deref(),
            Some("story-e")
        );
        assert_eq!(
            store.resolve_story("story-a").expect("resolve").as_deref(),
            Some("story-e")
        );
        assert_eq!(
            store.resolve_story("story-c").expect("resolve").as_deref(),
            Some("story-c")
        );
        assert_eq!(store.resolve_story("story-zz").expect("resolve"), None);
        assert_eq!(
            store.story_of_article("story-b-1").expect("member").as_deref(),
            Some("story-e")
        );
        assert_eq!(store.story_members("story-e").expect("members").len(), 9 + 5 + 2);
        assert_eq!(store.story_summary("story-b").expect("summary"), None);
    }

    #[test]
    fn dossier_cache_keys_on_members_and_version() {
        let store = store();
        store.put_dossier("story-a", "f1", "v1", "{}").expect("put");
        assert_eq!(
            store.cached_dossier("story-a", "f1", "v1").expect("get").as_deref(),
            Some("{}")
        );
        assert_eq!(store.cached_dossier("story-a", "f2", "v1").expect("get"), None);
        assert_eq!(store.cached_dossier("story-a", "f1", "v2").expect("get"), None);
        // Rewriting the story (its members changed) drops its cached dossier.
        let story = store.story("story-a").expect("story").expect("present");
        let summary = store.story_summary("story-a").expect("summary").expect("present");
        let write = StoryWrite {
            stories: vec![(story, summary)],
            ..StoryWrite::default()
        };
        store.apply_story_update(&write, 2).expect("write");
        assert_eq!(store.cached_dossier("story-a", "f1", "v1").expect("get"), None);
    }
}
