//! Where the server's data comes from: the [`DataSource`] trait, the one seam
//! between HTTP and the rest of recoupe. Handlers call only these methods
//! (on a blocking thread), so moving from the in-memory [`SnapshotSource`] to
//! stories persisted in the store is a new implementation of this trait, not
//! a change of handlers.
//!
//! [`SnapshotSource`] keeps today's behaviour: stories and dossiers are
//! computed from the store at start-up and again after every ingest through
//! the API; search and article rows are read from the store itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use recoupe_core::{Article, Document, Story};
use recoupe_pipeline::search::{FacetCount, QueryError, SearchQuery, SearchResults};
use recoupe_pipeline::{Analyzer, Dossier, Store, StoreError, StoryConfig};
use serde::Serialize;
use thiserror::Error;
use utoipa::ToSchema;

/// An internal failure of the data source (a 500 for the client).
#[derive(Debug, Error)]
pub enum SourceError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Pipeline(#[from] recoupe_pipeline::PipelineError),
    #[error("a lock was poisoned by an earlier panic")]
    Poisoned,
}

/// The largest page of a list.
pub const MAX_PAGE_SIZE: usize = 100;

/// A page of a list: the items and where they sit in the whole.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Items in the whole list (after filters).
    pub total: usize,
    /// 1-based.
    pub page: usize,
    pub per_page: usize,
    pub pages: usize,
}

impl<T: Clone> Page<T> {
    /// The page `page` (1-based, clamped to the last) of `all`.
    pub fn of(all: &[T], page: usize, per_page: usize) -> Page<T> {
        let per_page = per_page.clamp(1, MAX_PAGE_SIZE);
        let pages = all.len().div_ceil(per_page).max(1);
        let page = page.clamp(1, pages);
        let items = all.iter().skip((page - 1) * per_page).take(per_page).cloned().collect();
        Page {
            items,
            total: all.len(),
            page,
            per_page,
            pages,
        }
    }
}

/// A story in lists: what a reader needs to choose one.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StoryRow {
    pub id: String,
    pub title: String,
    pub articles: usize,
    /// Articles that are copies of another member's dispatch.
    pub copies: usize,
    /// Outlets, most articles first.
    pub outlets: Vec<String>,
    pub languages: Vec<String>,
    /// First and last publication day of its articles (`YYYY-MM-DD`).
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub disagreements: usize,
}

/// Story list order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StorySort {
    /// Latest publication day first.
    #[default]
    Recent,
    /// Most articles first.
    Articles,
    /// Most disagreements first.
    Disagreements,
    Title,
}

/// Filters and page of the story list.
#[derive(Debug, Clone, Default)]
pub struct StoryListQuery {
    pub sort: StorySort,
    pub language: Option<String>,
    pub outlet: Option<String>,
    /// Words the title must contain (accents and case folded).
    pub text: Option<String>,
    pub with_disagreements: bool,
    pub page: usize,
    pub per_page: usize,
}

/// An article in lists.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArticleRow {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub story_id: Option<String>,
}

/// One article with the story it belongs to and the sentences its dossier cites.
#[derive(Debug, Clone)]
pub struct ArticleView {
    pub article: Article,
    pub story_id: Option<String>,
    pub story_title: Option<String>,
    /// Sentence indices the story's dossier cites.
    pub cited: BTreeSet<usize>,
}

/// An entity in lists: one referent across stories, by its key.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityRow {
    /// The entity's key (`assimi goita`): stable across stories.
    pub id: String,
    pub name: String,
    /// `person`, `organisation`, `place`, `other`.
    pub kind: String,
    pub stories: usize,
    pub mentions: usize,
}

/// A story an entity appears in.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StoryRef {
    pub id: String,
    pub title: String,
    pub articles: usize,
}

/// An entity met in the same stories.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CoEntity {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// Stories both appear in.
    pub shared_stories: usize,
}

/// One entity: its spellings, its stories and the entities met with it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityDetail {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub mentions: usize,
    pub stories: Vec<StoryRef>,
    /// Most shared stories first, at most 30.
    pub co_occurring: Vec<CoEntity>,
}

/// Filters and page of the entity list.
#[derive(Debug, Clone, Default)]
pub struct EntityListQuery {
    pub kind: Option<String>,
    pub text: Option<String>,
    pub page: usize,
    pub per_page: usize,
}

/// What an ingest through the API did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IngestSummary {
    pub documents: usize,
    /// Already stored (same source, same content).
    pub duplicates: usize,
    pub articles: usize,
    /// Ids of the articles of the documents sent, in order.
    pub article_ids: Vec<String>,
    pub errors: Vec<IngestItemError>,
    /// Stories after the ingest.
    pub stories: usize,
}

/// A document that gave no article.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IngestItemError {
    pub code: String,
    pub message: String,
}

/// Values the filters of lists and search can take, with counts.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct FilterValues {
    pub languages: Vec<Facet>,
    pub outlets: Vec<Facet>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Facet {
    pub value: String,
    pub count: usize,
}

impl From<FacetCount> for Facet {
    fn from(f: FacetCount) -> Self {
        Facet {
            value: f.value,
            count: f.count,
        }
    }
}

/// Everything the server reads or writes. Every method may block (store
/// reads, recomputation): handlers call them on blocking threads.
pub trait DataSource: Send + Sync + 'static {
    fn stories(&self, query: &StoryListQuery) -> Result<Page<StoryRow>, SourceError>;
    fn story(&self, id: &str) -> Result<Option<(Story, StoryRow)>, SourceError>;
    fn dossier(&self, story_id: &str) -> Result<Option<Arc<Dossier>>, SourceError>;
    fn articles(&self, page: usize, per_page: usize) -> Result<Page<ArticleRow>, SourceError>;
    fn article(&self, id: &str) -> Result<Option<ArticleView>, SourceError>;
    fn entities(&self, query: &EntityListQuery) -> Result<Page<EntityRow>, SourceError>;
    fn entity(&self, id: &str) -> Result<Option<EntityDetail>, SourceError>;
    /// Article ids of a story or an entity, for search filters (`None`: unknown id).
    fn story_articles(&self, story_id: &str) -> Result<Option<Vec<String>>, SourceError>;
    fn entity_articles(&self, entity_id: &str) -> Result<Option<Vec<String>>, SourceError>;
    fn search(&self, query: &SearchQuery) -> Result<Result<SearchResults, QueryError>, SourceError>;
    fn filter_values(&self) -> Result<FilterValues, SourceError>;
    /// Stores the documents, then makes their stories visible.
    fn ingest(&self, documents: Vec<Document>) -> Result<IngestSummary, SourceError>;
}

/// Stories and dossiers computed in memory from the store (today's source).
pub struct SnapshotSource {
    dir: PathBuf,
    analyzer: Analyzer,
    /// Idle read connections (SQLite connections are not shared across threads).
    readers: Mutex<Vec<Store>>,
    /// One writer at a time; also serialises recomputation.
    writer: Mutex<Store>,
    snapshot: RwLock<Arc<Snapshot>>,
}

/// The derived data of one moment.
#[derive(Default)]
struct Snapshot {
    stories: Vec<Story>,
    rows: Vec<StoryRow>,
    story_index: BTreeMap<String, usize>,
    dossiers: BTreeMap<String, Arc<Dossier>>,
    story_of_article: BTreeMap<String, usize>,
    entities: Vec<EntityDetail>,
    entity_rows: Vec<EntityRow>,
    entity_index: BTreeMap<String, usize>,
    entity_articles: BTreeMap<String, Vec<String>>,
}

impl SnapshotSource {
    /// Opens the store in `dir` and computes the first snapshot.
    pub fn open(dir: PathBuf, analyzer: Analyzer) -> Result<SnapshotSource, SourceError> {
        let writer = Store::open(&dir)?;
        let source = SnapshotSource {
            dir,
            analyzer,
            readers: Mutex::new(Vec::new()),
            writer: Mutex::new(writer),
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
        };
        source.refresh()?;
        Ok(source)
    }

    fn current(&self) -> Result<Arc<Snapshot>, SourceError> {
        Ok(self.snapshot.read().map_err(|_| SourceError::Poisoned)?.clone())
    }

    /// Runs `f` on an idle read connection (opening one when none is idle).
    fn with_reader<T>(&self, f: impl FnOnce(&Store) -> Result<T, StoreError>) -> Result<T, SourceError> {
        let idle = self.readers.lock().map_err(|_| SourceError::Poisoned)?.pop();
        let store = match idle {
            Some(s) => s,
            None => Store::open(&self.dir)?,
        };
        let result = f(&store);
        if let Ok(mut readers) = self.readers.lock() {
            if readers.len() < 16 {
                readers.push(store);
            }
        }
        Ok(result?)
    }

    /// Recomputes stories and dossiers from the store.
    fn refresh(&self) -> Result<(), SourceError> {
        let writer = self.writer.lock().map_err(|_| SourceError::Poisoned)?;
        let snapshot = compute(&writer, &self.analyzer)?;
        drop(writer);
        *self.snapshot.write().map_err(|_| SourceError::Poisoned)? = Arc::new(snapshot);
        Ok(())
    }
}

fn compute(store: &Store, analyzer: &Analyzer) -> Result<Snapshot, SourceError> {
    let articles = store.articles()?;
    let (analyses, _errors) = recoupe_pipeline::analyze_stored(store, analyzer, &articles)?;
    let stories = recoupe_pipeline::stories(&articles, &analyses, &StoryConfig::default());
    let dossiers = recoupe_pipeline::dossiers(&stories, &articles, &analyses);
    let by_id: BTreeMap<&str, &Article> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let dossiers: BTreeMap<String, Arc<Dossier>> = dossiers
        .into_iter()
        .map(|d| (d.story_id.clone(), Arc::new(d)))
        .collect();

    let mut rows = Vec::with_capacity(stories.len());
    let mut story_of_article = BTreeMap::new();
    for (i, story) in stories.iter().enumerate() {
        let mut outlets: BTreeMap<String, usize> = BTreeMap::new();
        let mut languages = BTreeSet::new();
        let mut days = BTreeSet::new();
        for id in &story.article_ids {
            story_of_article.insert(id.clone(), i);
            let Some(a) = by_id.get(id.as_str()) else { continue };
            if let Some(o) = &a.meta.outlet {
                *outlets.entry(o.clone()).or_default() += 1;
            }
            languages.insert(a.language().to_string());
            if let Some(p) = &a.meta.published {
                days.insert(p.date().to_string());
            }
        }
        let mut outlets: Vec<(String, usize)> = outlets.into_iter().collect();
        outlets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        rows.push(StoryRow {
            id: story.id.clone(),
            title: display_title(&story.title),
            articles: story.article_ids.len(),
            copies: story.copy_groups.iter().map(|g| g.copies.len()).sum(),
            outlets: outlets.into_iter().map(|(o, _)| o).collect(),
            languages: languages.into_iter().collect(),
            first_day: days.first().cloned(),
            last_day: days.last().cloned(),
            disagreements: dossiers.get(&story.id).map_or(0, |d| d.disagreements.len()),
        });
    }
    let story_index = stories.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();

    // Entities across dossiers, by key.
    struct Acc {
        names: BTreeMap<String, usize>,
        kind: String,
        aliases: BTreeSet<String>,
        roles: BTreeSet<String>,
        mentions: usize,
        stories: BTreeSet<usize>,
        articles: BTreeSet<String>,
    }
    let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
    let mut story_entities: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for (i, story) in stories.iter().enumerate() {
        let Some(d) = dossiers.get(&story.id) else { continue };
        for e in &d.entities {
            let key = entity_key(e);
            let a = acc.entry(key.clone()).or_insert_with(|| Acc {
                names: BTreeMap::new(),
                kind: e.kind.clone(),
                aliases: BTreeSet::new(),
                roles: BTreeSet::new(),
                mentions: 0,
                stories: BTreeSet::new(),
                articles: BTreeSet::new(),
            });
            *a.names.entry(e.name.clone()).or_default() += e.mention_count.max(1);
            a.aliases.extend(e.aliases.iter().cloned());
            a.roles.extend(e.roles.iter().map(|r| r.role.clone()));
            a.mentions += e.mention_count;
            a.stories.insert(i);
            for n in &e.sources {
                if let Some(s) = d.sources.iter().find(|s| s.number == *n) {
                    a.articles.insert(s.article_id.clone());
                }
            }
            story_entities.entry(i).or_default().insert(key);
        }
    }
    let mut entities = Vec::with_capacity(acc.len());
    let mut entity_articles = BTreeMap::new();
    let names: BTreeMap<String, (String, String)> = acc
        .iter()
        .map(|(k, a)| (k.clone(), (best_name(&a.names), a.kind.clone())))
        .collect();
    for (key, a) in &acc {
        let name = best_name(&a.names);
        let mut co: BTreeMap<&str, usize> = BTreeMap::new();
        for s in &a.stories {
            for other in story_entities.get(s).into_iter().flatten() {
                if other != key {
                    *co.entry(other.as_str()).or_default() += 1;
                }
            }
        }
        let mut co: Vec<CoEntity> = co
            .into_iter()
            .filter_map(|(k, n)| {
                let (name, kind) = names.get(k)?;
                Some(CoEntity {
                    id: k.to_string(),
                    name: name.clone(),
                    kind: kind.clone(),
                    shared_stories: n,
                })
            })
            .collect();
        co.sort_by(|a, b| b.shared_stories.cmp(&a.shared_stories).then(a.name.cmp(&b.name)));
        co.truncate(30);
        let mut story_refs: Vec<StoryRef> = a
            .stories
            .iter()
            .filter_map(|&i| {
                let row = rows.get(i)?;
                Some(StoryRef {
                    id: row.id.clone(),
                    title: row.title.clone(),
                    articles: row.articles,
                })
            })
            .collect();
        story_refs.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.id.cmp(&b.id)));
        let aliases = a.aliases.iter().filter(|x| **x != name).cloned().collect();
        entity_articles.insert(key.clone(), a.articles.iter().cloned().collect());
        entities.push(EntityDetail {
            id: key.clone(),
            name,
            kind: a.kind.clone(),
            aliases,
            roles: a.roles.iter().cloned().collect(),
            mentions: a.mentions,
            stories: story_refs,
            co_occurring: co,
        });
    }
    // Most stories first, then most mentions: the list's order.
    entities.sort_by(|a, b| {
        b.stories
            .len()
            .cmp(&a.stories.len())
            .then(b.mentions.cmp(&a.mentions))
            .then(a.id.cmp(&b.id))
    });
    let entity_rows = entities
        .iter()
        .map(|e| EntityRow {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind.clone(),
            stories: e.stories.len(),
            mentions: e.mentions,
        })
        .collect();
    let entity_index = entities.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
    Ok(Snapshot {
        stories,
        rows,
        story_index,
        dossiers,
        story_of_article,
        entities,
        entity_rows,
        entity_index,
        entity_articles,
    })
}

/// The key an entity is known by across stories.
fn entity_key(e: &recoupe_pipeline::dossier::Entity) -> String {
    e.keys
        .first()
        .cloned()
        .unwrap_or_else(|| recoupe_core::fold_key(&e.name))
}

/// The most used spelling (ties: the first in order).
fn best_name(names: &BTreeMap<String, usize>) -> String {
    names
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(n, _)| n.clone())
        .unwrap_or_default()
}

/// A title cut at a word boundary, never mid-word.
fn display_title(title: &str) -> String {
    recoupe_pipeline::search::cut_at_word(title.trim(), 160)
}

fn contains_words(haystack: &str, words: &[String]) -> bool {
    let folded = recoupe_core::fold_key(haystack);
    words.iter().all(|w| folded.contains(w.as_str()))
}

impl DataSource for SnapshotSource {
    fn stories(&self, query: &StoryListQuery) -> Result<Page<StoryRow>, SourceError> {
        let snap = self.current()?;
        let words: Vec<String> = query
            .text
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .map(recoupe_core::fold_key)
            .collect();
        let mut rows: Vec<&StoryRow> = snap
            .rows
            .iter()
            .filter(|r| query.language.as_ref().is_none_or(|l| r.languages.contains(l)))
            .filter(|r| query.outlet.as_ref().is_none_or(|o| r.outlets.contains(o)))
            .filter(|r| !query.with_disagreements || r.disagreements > 0)
            .filter(|r| words.is_empty() || contains_words(&r.title, &words))
            .collect();
        match query.sort {
            StorySort::Recent => rows.sort_by(|a, b| b.last_day.cmp(&a.last_day).then(b.articles.cmp(&a.articles))),
            StorySort::Articles => rows.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.id.cmp(&b.id))),
            StorySort::Disagreements => rows.sort_by(|a, b| {
                b.disagreements
                    .cmp(&a.disagreements)
                    .then(b.articles.cmp(&a.articles))
                    .then(a.id.cmp(&b.id))
            }),
            StorySort::Title => rows.sort_by(|a, b| a.title.cmp(&b.title).then(a.id.cmp(&b.id))),
        }
        let rows: Vec<StoryRow> = rows.into_iter().cloned().collect();
        Ok(Page::of(&rows, query.page, query.per_page))
    }

    fn story(&self, id: &str) -> Result<Option<(Story, StoryRow)>, SourceError> {
        let snap = self.current()?;
        Ok(snap
            .story_index
            .get(id)
            .and_then(|&i| Some((snap.stories.get(i)?.clone(), snap.rows.get(i)?.clone()))))
    }

    fn dossier(&self, story_id: &str) -> Result<Option<Arc<Dossier>>, SourceError> {
        Ok(self.current()?.dossiers.get(story_id).cloned())
    }

    fn articles(&self, page: usize, per_page: usize) -> Result<Page<ArticleRow>, SourceError> {
        let snap = self.current()?;
        let rows = self.with_reader(|s| s.list())?;
        let rows: Vec<ArticleRow> = rows
            .into_iter()
            .map(|r| ArticleRow {
                story_id: snap
                    .story_of_article
                    .get(&r.id)
                    .and_then(|&i| snap.stories.get(i))
                    .map(|s| s.id.clone()),
                title: r.title.unwrap_or_default(),
                id: r.id,
                outlet: r.outlet,
                published: r.published,
                language: r.language,
            })
            .collect();
        Ok(Page::of(&rows, page, per_page))
    }

    fn article(&self, id: &str) -> Result<Option<ArticleView>, SourceError> {
        // Exact ids only: a prefix lookup would make every short path a guess.
        if id.len() != 16 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let Some((article, _)) = self.with_reader(|s| s.article(id))? else {
            return Ok(None);
        };
        let snap = self.current()?;
        let story = snap.story_of_article.get(id).and_then(|&i| snap.stories.get(i));
        let mut cited = BTreeSet::new();
        if let Some(d) = story.and_then(|s| snap.dossiers.get(&s.id)) {
            if let Some(src) = d.sources.iter().find(|s| s.article_id == id) {
                cited = dossier_citations(d, src.number);
            }
        }
        Ok(Some(ArticleView {
            story_id: story.map(|s| s.id.clone()),
            story_title: story.map(|s| display_title(&s.title)),
            article,
            cited,
        }))
    }

    fn entities(&self, query: &EntityListQuery) -> Result<Page<EntityRow>, SourceError> {
        let snap = self.current()?;
        let words: Vec<String> = query
            .text
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .map(recoupe_core::fold_key)
            .collect();
        let rows: Vec<EntityRow> = snap
            .entity_rows
            .iter()
            .filter(|r| query.kind.as_ref().is_none_or(|k| &r.kind == k))
            .filter(|r| words.is_empty() || contains_words(&r.name, &words))
            .cloned()
            .collect();
        Ok(Page::of(&rows, query.page, query.per_page))
    }

    fn entity(&self, id: &str) -> Result<Option<EntityDetail>, SourceError> {
        let snap = self.current()?;
        Ok(snap.entity_index.get(id).and_then(|&i| snap.entities.get(i)).cloned())
    }

    fn story_articles(&self, story_id: &str) -> Result<Option<Vec<String>>, SourceError> {
        let snap = self.current()?;
        Ok(snap
            .story_index
            .get(story_id)
            .and_then(|&i| snap.stories.get(i))
            .map(|s| s.article_ids.clone()))
    }

    fn entity_articles(&self, entity_id: &str) -> Result<Option<Vec<String>>, SourceError> {
        Ok(self.current()?.entity_articles.get(entity_id).cloned())
    }

    fn search(&self, query: &SearchQuery) -> Result<Result<SearchResults, QueryError>, SourceError> {
        self.with_reader(|s| s.search_index(query))
    }

    fn filter_values(&self) -> Result<FilterValues, SourceError> {
        let mut values = self.with_reader(|s| s.filter_values())?;
        let mut take = |k: &str| -> Vec<Facet> {
            values
                .remove(k)
                .unwrap_or_default()
                .into_iter()
                .map(Facet::from)
                .collect()
        };
        Ok(FilterValues {
            languages: take("language"),
            outlets: take("outlet"),
        })
    }

    fn ingest(&self, documents: Vec<Document>) -> Result<IngestSummary, SourceError> {
        let ids: Vec<String> = documents.iter().map(|d| d.short_id().to_string()).collect();
        let (report, article_ids) = {
            let mut writer = self.writer.lock().map_err(|_| SourceError::Poisoned)?;
            let report = recoupe_pipeline::ingest_documents(&mut writer, documents)?;
            let mut stored = Vec::new();
            for id in ids {
                if writer.extractor_version(&id)?.is_some() {
                    stored.push(id);
                }
            }
            (report, stored)
        };
        self.refresh()?;
        Ok(IngestSummary {
            documents: report.documents,
            duplicates: report.duplicates,
            articles: report.articles,
            article_ids,
            errors: report
                .errors
                .iter()
                .map(|e| IngestItemError {
                    code: e.code().to_string(),
                    message: e.to_string(),
                })
                .collect(),
            stories: self.current()?.stories.len(),
        })
    }
}

/// Sentence indices of source `number` that the dossier cites anywhere.
pub fn dossier_citations(d: &Dossier, number: usize) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let mut add = |cs: &[recoupe_pipeline::dossier::Citation]| {
        out.extend(cs.iter().filter(|c| c.source == number).map(|c| c.sentence));
    };
    for l in &d.summary {
        add(&l.citations);
    }
    for t in &d.timeline {
        add(&t.evidence);
    }
    for g in &d.disagreements {
        for s in &g.sides {
            add(&s.citations);
        }
    }
    for c in &d.claims {
        add(&c.evidence);
    }
    for f in &d.figures {
        add(&f.citations);
    }
    for q in &d.quotes {
        for item in &q.quotes {
            add(&item.citations);
        }
    }
    out
}
