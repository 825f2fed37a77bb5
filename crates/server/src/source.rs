//! Where the server's data comes from: the [`DataSource`] trait, the one seam
//! between HTTP and the rest of recoupe. Handlers call only these methods
//! (on a blocking thread).
//!
//! [`PersistedSource`] serves the stories persisted in the store
//! (`recoupe_pipeline::update_stories`): a list is one indexed query, a story
//! its rows, a dossier its cache row (built on first view by a reader, cached
//! by the one writer thread). Nothing is computed at start-up when the stories
//! are current; when they are behind, the writer thread brings them up to date
//! while the server answers from what is there ([`LiveStatus`] says so).
//! Another process's `recoupe ingest` shows as soon as it commits: every read
//! goes to the store, and a poll each second notices new documents and stories
//! (and catches up stories that nobody updated).

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::{Duration, Instant};

use recoupe_core::{Article, Document, Story};
use recoupe_pipeline::search::{FacetCount, QueryError, SearchQuery, SearchResults};
use recoupe_pipeline::{Analyzer, Dossier, DossierBuild, PipelineError, Store, StoreError, StoryConfig, StoryQuery};
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
    #[error("cannot start a background thread: {0}")]
    Thread(String),
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
    /// Disagreements its dossier shows; `null` while not counted yet (a
    /// background task builds the dossiers of new and changed stories, largest
    /// first). A story of one article has none.
    pub disagreements: Option<usize>,
    /// False when the count was made before the story's last change and is
    /// being redone.
    pub disagreements_current: bool,
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
    /// The dossier as the API sends it (`render_json`); a source may keep it rendered.
    fn dossier_json(&self, story_id: &str) -> Result<Option<Arc<String>>, SourceError> {
        Ok(self
            .dossier(story_id)?
            .map(|d| Arc::new(recoupe_pipeline::render_json(&d))))
    }
    fn articles(&self, page: usize, per_page: usize) -> Result<Page<ArticleRow>, SourceError>;
    fn article(&self, id: &str) -> Result<Option<ArticleView>, SourceError>;
    fn entities(&self, query: &EntityListQuery) -> Result<Page<EntityRow>, SourceError>;
    fn entity(&self, id: &str) -> Result<Option<EntityDetail>, SourceError>;
    /// Article ids of a story or an entity, for search filters (`None`: unknown id).
    fn story_articles(&self, story_id: &str) -> Result<Option<Vec<String>>, SourceError>;
    fn entity_articles(&self, entity_id: &str) -> Result<Option<Vec<String>>, SourceError>;
    fn search(&self, query: &SearchQuery) -> Result<Result<SearchResults, QueryError>, SourceError>;
    fn filter_values(&self) -> Result<FilterValues, SourceError>;
    /// Where the stories stand against the store.
    fn status(&self) -> Result<LiveStatus, SourceError>;
    /// Stores the documents, then makes their stories visible.
    fn ingest(&self, documents: Vec<Document>) -> Result<IngestSummary, SourceError>;
}

/// Where the persisted stories stand against the store, as the last poll saw it.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct LiveStatus {
    /// Every stored article is grouped into the persisted stories.
    pub current: bool,
    /// The server is bringing the stories up to date.
    pub updating: bool,
    /// Ingest sequence of the last stored document.
    pub last_ingested_seq: i64,
    /// Ingest sequence the persisted stories have read up to.
    pub stories_seq: i64,
    /// Articles fed and to feed by the running update.
    pub update_done: usize,
    pub update_total: usize,
    /// The last update that failed, if the last one did.
    pub last_error: Option<String>,
    /// Bumped each time the persisted stories are seen to change (derived
    /// data such as list totals is kept per generation).
    pub generation: u64,
    /// Version of the saved story state, as last seen.
    #[serde(skip)]
    state_version: String,
}

/// Work for the one writer thread.
enum Job {
    /// Bring the persisted stories up to date.
    Update,
    /// Cache a dossier a reader built (with its list facts).
    Cache(Box<DossierBuild>),
    /// Build these stories' dossiers ahead.
    Warm(Vec<String>),
    /// Answer once every job sent before is done.
    Flush(mpsc::Sender<()>),
}

/// Dossiers kept in memory (story id → members fingerprint, dossier; and their
/// rendered JSON): a cached dossier is served without parsing or rendering its
/// JSON again. A large dossier is a few hundred KB: 512 of each bound the memory.
const MEMORY_DOSSIERS: usize = 512;
/// Stories whose dossiers the writer builds ahead after an update (largest first).
const WARM_AFTER_UPDATE: usize = 200;
/// How long a cached story-list page or search answer may be served after the
/// stories changed in ways the generation does not count (dossier facts).
const ANSWER_TTL: Duration = Duration::from_secs(2);
/// Cached story-list pages and search answers, each.
const MEMORY_ANSWERS: usize = 2048;

/// A cached answer to read again.
enum Refresh {
    Search(SearchQuery),
    Stories(StoryListQuery),
}

/// A story-list page, the stories' generation and the time it was read at.
struct CachedPage {
    generation: u64,
    read: Instant,
    page: Page<StoryRow>,
    /// Queued for the refresher.
    refreshing: bool,
}

/// A search answer and the ingest sequence it was read at.
struct CachedSearch {
    seq: i64,
    hits: SearchResults,
    /// Queued for the refresher.
    refreshing: bool,
}

/// Stories, dossiers and entities served from the store's persisted stories.
pub struct PersistedSource {
    inner: Arc<Inner>,
}

struct Inner {
    dir: PathBuf,
    analyzer: Analyzer,
    config: StoryConfig,
    /// Idle read connections (SQLite connections are not shared across threads).
    readers: Mutex<Vec<Store>>,
    /// The one writer (API ingest, story updates, dossier cache).
    writer: Mutex<Store>,
    dossiers: Mutex<HashMap<String, (String, Arc<Dossier>)>>,
    /// Filter values as of an ingest sequence (a scan of the articles, kept
    /// until a document arrives).
    filters: Mutex<Option<(i64, FilterValues)>>,
    /// Story-list totals by filter, as of the stories' sequence (a count can
    /// scan every story; it changes only when stories are updated).
    totals: Mutex<HashMap<String, (u64, usize)>>,
    /// Story-list pages by query, with the generation and time they were read.
    pages: Mutex<HashMap<String, CachedPage>>,
    /// Search answers by query, with the ingest sequence they were read at.
    searches: Mutex<HashMap<String, CachedSearch>>,
    /// Queries whose cached answer is older than the last document, for the refresher.
    refresh: Mutex<mpsc::Sender<Refresh>>,
    /// Rendered dossier JSON (story id → members fingerprint, JSON).
    dossier_json: Mutex<HashMap<String, (String, Arc<String>)>>,
    status: RwLock<LiveStatus>,
    jobs: Mutex<mpsc::Sender<Job>>,
    /// Times `update_stories` ran in this process (tests: start-up computes nothing).
    updates: std::sync::atomic::AtomicUsize,
}

impl PersistedSource {
    /// Opens the store in `dir` without computing anything; stories that are
    /// behind the store are brought up to date in the background.
    pub fn open(dir: PathBuf, analyzer: Analyzer) -> Result<PersistedSource, SourceError> {
        let writer = Store::open(&dir)?;
        let (sender, receiver) = mpsc::channel();
        let (refresh, refresh_queue) = mpsc::channel();
        let inner = Arc::new(Inner {
            dir,
            analyzer,
            config: StoryConfig::default(),
            readers: Mutex::new(Vec::new()),
            writer: Mutex::new(writer),
            dossiers: Mutex::new(HashMap::new()),
            filters: Mutex::new(None),
            totals: Mutex::new(HashMap::new()),
            pages: Mutex::new(HashMap::new()),
            searches: Mutex::new(HashMap::new()),
            refresh: Mutex::new(refresh),
            dossier_json: Mutex::new(HashMap::new()),
            status: RwLock::new(LiveStatus::default()),
            jobs: Mutex::new(sender),
            updates: std::sync::atomic::AtomicUsize::new(0),
        });
        let behind = inner.poll()?;
        if behind {
            inner.send(Job::Update);
        }
        let weak = Arc::downgrade(&inner);
        std::thread::Builder::new()
            .name("recoupe-writer".into())
            .spawn(move || writer_loop(weak, receiver))
            .map_err(|e| SourceError::Thread(e.to_string()))?;
        let weak = Arc::downgrade(&inner);
        std::thread::Builder::new()
            .name("recoupe-search-refresh".into())
            .spawn(move || refresh_loop(weak, refresh_queue))
            .map_err(|e| SourceError::Thread(e.to_string()))?;
        let weak = Arc::downgrade(&inner);
        std::thread::Builder::new()
            .name("recoupe-count".into())
            .spawn(move || count_loop(weak))
            .map_err(|e| SourceError::Thread(e.to_string()))?;
        let weak = Arc::downgrade(&inner);
        std::thread::Builder::new()
            .name("recoupe-poll".into())
            .spawn(move || poll_loop(weak))
            .map_err(|e| SourceError::Thread(e.to_string()))?;
        Ok(PersistedSource { inner })
    }

    /// Times this source ran `update_stories` (start-up on current stories: none).
    pub fn updates_run(&self) -> usize {
        self.inner.updates.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Reads the store's progress now (instead of at the next poll).
    pub fn poll_now(&self) -> Result<LiveStatus, SourceError> {
        self.inner.poll()?;
        self.inner.status()
    }
}

impl Inner {
    fn send(&self, job: Job) {
        if let Ok(jobs) = self.jobs.lock() {
            let _ = jobs.send(job);
        }
    }

    fn filter_values(&self) -> Result<FilterValues, SourceError> {
        let seq = self.status()?.last_ingested_seq;
        if let Some((at, values)) = &*self.filters.lock().map_err(|_| SourceError::Poisoned)? {
            if *at == seq {
                return Ok(values.clone());
            }
        }
        let mut values = self.with_reader(|s| Ok(s.filter_values()?))?;
        let mut take = |k: &str| -> Vec<Facet> {
            values
                .remove(k)
                .unwrap_or_default()
                .into_iter()
                .map(Facet::from)
                .collect()
        };
        let values = FilterValues {
            languages: take("language"),
            outlets: take("outlet"),
        };
        *self.filters.lock().map_err(|_| SourceError::Poisoned)? = Some((seq, values.clone()));
        Ok(values)
    }

    /// Reads a story-list page from the store and keeps it.
    fn stories_now(&self, query: &StoryListQuery, key: String, generation: u64) -> Result<Page<StoryRow>, SourceError> {
        let page = read_stories(self, query)?;
        let mut pages = self.pages.lock().map_err(|_| SourceError::Poisoned)?;
        if pages.len() >= MEMORY_ANSWERS {
            pages.clear();
        }
        pages.insert(
            key,
            CachedPage {
                generation,
                read: Instant::now(),
                page: page.clone(),
                refreshing: false,
            },
        );
        Ok(page)
    }

    /// Runs a search on the store and keeps its answer.
    fn search_now(
        &self,
        query: &SearchQuery,
        key: String,
        seq: i64,
    ) -> Result<Result<SearchResults, QueryError>, SourceError> {
        let answer = self.with_reader(|s| Ok(s.search_index(query)?))?;
        if let Ok(hits) = &answer {
            let mut searches = self.searches.lock().map_err(|_| SourceError::Poisoned)?;
            if searches.len() >= MEMORY_ANSWERS {
                searches.clear();
            }
            searches.insert(
                key,
                CachedSearch {
                    seq,
                    hits: hits.clone(),
                    refreshing: false,
                },
            );
        }
        Ok(answer)
    }

    /// Waits until the writer thread has done every job sent before.
    fn flush(&self) {
        let (reply, done) = mpsc::channel();
        self.send(Job::Flush(reply));
        let _ = done.recv_timeout(Duration::from_secs(60));
    }

    fn status(&self) -> Result<LiveStatus, SourceError> {
        Ok(self.status.read().map_err(|_| SourceError::Poisoned)?.clone())
    }

    /// Runs `f` on an idle read connection (opening one when none is idle).
    fn with_reader<T>(&self, f: impl FnOnce(&Store) -> Result<T, SourceError>) -> Result<T, SourceError> {
        let idle = self.readers.lock().map_err(|_| SourceError::Poisoned)?.pop();
        let store = match idle {
            Some(s) => s,
            None => Store::open(&self.dir)?,
        };
        let result = f(&store);
        if let Ok(mut readers) = self.readers.lock() {
            if readers.len() < 64 {
                readers.push(store);
            }
        }
        result
    }

    /// Reads where the stories stand; true when they are behind the store.
    fn poll(&self) -> Result<bool, SourceError> {
        let version = recoupe_pipeline::story_state_version(&self.analyzer, &self.config);
        let (last, progress) = self.with_reader(|s| Ok((s.last_ingested_seq()?, s.story_progress()?)))?;
        let (seq, same_version) = match &progress {
            Some((seq, v)) => (*seq, *v == version),
            None => (0, false),
        };
        let current = same_version && seq >= last;
        let mut status = self.status.write().map_err(|_| SourceError::Poisoned)?;
        let version_seen = progress.as_ref().map(|(_, v)| v.clone()).unwrap_or_default();
        if status.stories_seq != seq || status.state_version != version_seen {
            status.generation += 1;
            status.state_version = version_seen;
        }
        status.last_ingested_seq = last;
        status.stories_seq = seq;
        status.current = current || (last == 0 && progress.is_none());
        Ok(!status.current)
    }

    /// Brings the stories up to date (on the writer); gives the largest
    /// changed stories, whose dossiers are worth building ahead.
    fn update(&self) -> Result<Vec<String>, SourceError> {
        self.set_updating(true)?;
        let result = (|| -> Result<Vec<String>, SourceError> {
            let mut writer = self.writer.lock().map_err(|_| SourceError::Poisoned)?;
            let before = writer.story_progress()?.map_or(0, |(seq, _)| seq);
            self.updates.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let mut progress = |done: usize, total: usize| {
                if let Ok(mut status) = self.status.write() {
                    (status.update_done, status.update_total) = (done, total);
                }
            };
            match recoupe_pipeline::update_stories(&mut writer, &self.analyzer, &self.config, &mut progress) {
                Ok(_) | Err(PipelineError::Concurrent) => {}
                Err(e) => return Err(e.into()),
            }
            Ok(writer.stories_updated_after(before, WARM_AFTER_UPDATE)?)
        })();
        let error = result.as_ref().err().map(|e| e.to_string());
        if let Ok(mut status) = self.status.write() {
            status.updating = false;
            (status.update_done, status.update_total) = (0, 0);
            status.last_error = error;
        }
        let _ = self.poll();
        result
    }

    /// Builds a story's dossier and has it cached with its facts, even when a
    /// cached dossier exists (its facts may predate the story's last change).
    fn count(&self, story_id: &str) -> Result<(), SourceError> {
        let Some(story) = self.with_reader(|s| Ok(recoupe_pipeline::story(s, story_id)?))? else {
            return Ok(());
        };
        let build = self.with_reader(|s| Ok(recoupe_pipeline::build_dossier_of(s, &self.analyzer, &story)?))?;
        self.send(Job::Cache(Box::new(build)));
        Ok(())
    }

    /// Builds dossiers ahead (on a reader; cached by the writer thread).
    fn warm(&self, story_ids: &[String]) {
        for id in story_ids {
            let _ = self.dossier(id);
        }
    }

    fn set_updating(&self, updating: bool) -> Result<(), SourceError> {
        self.status.write().map_err(|_| SourceError::Poisoned)?.updating = updating;
        Ok(())
    }

    fn cache(&self, builds: &[DossierBuild]) -> Result<(), SourceError> {
        let mut writer = self.writer.lock().map_err(|_| SourceError::Poisoned)?;
        writer.transaction(|s| {
            for b in builds {
                recoupe_pipeline::cache_dossier(s, b)?;
            }
            Ok(())
        })?;
        Ok(())
    }

    fn dossier(&self, story_id: &str) -> Result<Option<Arc<Dossier>>, SourceError> {
        Ok(self.dossier_with_fingerprint(story_id)?.map(|(_, d)| d))
    }

    /// A story's dossier with the fingerprint of the members it was built for.
    fn dossier_with_fingerprint(&self, story_id: &str) -> Result<Option<(String, Arc<Dossier>)>, SourceError> {
        let Some(story) = self.with_reader(|s| Ok(recoupe_pipeline::story(s, story_id)?))? else {
            return Ok(None);
        };
        let fingerprint = recoupe_pipeline::members_fingerprint(&story);
        if let Some((f, d)) = self.dossiers.lock().map_err(|_| SourceError::Poisoned)?.get(&story.id) {
            if *f == fingerprint {
                return Ok(Some((fingerprint, d.clone())));
            }
        }
        let build = self.with_reader(|s| Ok(recoupe_pipeline::build_dossier_of(s, &self.analyzer, &story)?))?;
        let dossier = Arc::new(build.dossier.clone());
        if !build.cached {
            self.send(Job::Cache(Box::new(build)));
        }
        let mut memory = self.dossiers.lock().map_err(|_| SourceError::Poisoned)?;
        if memory.len() >= MEMORY_DOSSIERS {
            memory.clear();
        }
        memory.insert(story.id.clone(), (fingerprint.clone(), dossier.clone()));
        Ok(Some((fingerprint, dossier)))
    }

    /// The total of a story list, counted once per filter and stories' sequence.
    fn story_total(&self, store: &Store, q: &StoryQuery) -> Result<usize, SourceError> {
        // Disagreement counts change as dossiers are cached: always counted.
        if q.with_disagreements {
            return Ok(store.story_total(q)?);
        }
        let seq = self.status()?.generation;
        let key = format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}",
            q.language, q.outlet, q.from, q.to, q.title_words
        );
        if let Some(&(at, total)) = self.totals.lock().map_err(|_| SourceError::Poisoned)?.get(&key) {
            if at == seq {
                return Ok(total);
            }
        }
        let total = store.story_total(q)?;
        let mut totals = self.totals.lock().map_err(|_| SourceError::Poisoned)?;
        if totals.len() >= 1024 {
            totals.clear();
        }
        totals.insert(key, (seq, total));
        Ok(total)
    }

    /// The dossier's JSON, rendered once per story and members.
    fn dossier_json(&self, story_id: &str) -> Result<Option<Arc<String>>, SourceError> {
        let Some((fingerprint, dossier)) = self.dossier_with_fingerprint(story_id)? else {
            return Ok(None);
        };
        let mut memory = self.dossier_json.lock().map_err(|_| SourceError::Poisoned)?;
        if let Some((f, json)) = memory.get(&dossier.story_id) {
            if *f == fingerprint {
                return Ok(Some(json.clone()));
            }
        }
        drop(memory);
        let json = Arc::new(recoupe_pipeline::render_json(&dossier));
        memory = self.dossier_json.lock().map_err(|_| SourceError::Poisoned)?;
        if memory.len() >= MEMORY_DOSSIERS {
            memory.clear();
        }
        memory.insert(dossier.story_id.clone(), (fingerprint, json.clone()));
        Ok(Some(json))
    }

    fn row(&self, store: &Store, s: &recoupe_pipeline::StorySummary) -> Result<StoryRow, SourceError> {
        // One article cannot disagree with itself: no dossier needed to say so.
        let (disagreements, disagreements_current) = if s.size < 2 {
            (Some(0), true)
        } else {
            match store.story_disagreements(&s.id)? {
                Some(counted) => (Some(counted.count), counted.current),
                None => (None, false),
            }
        };
        Ok(StoryRow {
            id: s.id.clone(),
            title: display_title(&s.title),
            articles: s.size,
            copies: s.copies,
            outlets: store.story_outlet_names(&s.id)?,
            languages: s.languages.clone(),
            first_day: s.first_published.clone(),
            last_day: s.last_published.clone(),
            disagreements,
            disagreements_current,
        })
    }
}

fn writer_loop(inner: Weak<Inner>, jobs: mpsc::Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let Some(inner) = inner.upgrade() else { return };
        // What is queued is done together: dossiers cached in one transaction,
        // several requests for an update as one update.
        let mut builds = Vec::new();
        let mut update = false;
        let mut flushes = Vec::new();
        let mut warm = Vec::new();
        let mut take = |job: Job| match job {
            Job::Warm(ids) => warm.extend(ids),
            Job::Cache(b) if builds.len() < 256 => builds.push(*b),
            Job::Cache(_) => {}
            Job::Update => update = true,
            Job::Flush(reply) => flushes.push(reply),
        };
        take(first);
        while let Ok(next) = jobs.try_recv() {
            take(next);
        }
        if !builds.is_empty() {
            if let Err(e) = inner.cache(&builds) {
                eprintln!("recoupe serve: caching {} dossier(s) failed: {e}", builds.len());
            }
        }
        if update {
            match inner.update() {
                Ok(changed) => inner.warm(&changed),
                Err(e) => eprintln!("recoupe serve: updating the stories failed: {e}"),
            }
        }
        inner.warm(&warm);
        for reply in flushes {
            let _ = reply.send(());
        }
    }
}

fn refresh_loop(inner: Weak<Inner>, queries: mpsc::Receiver<Refresh>) {
    while let Ok(refresh) = queries.recv() {
        let Some(inner) = inner.upgrade() else { return };
        let Ok(status) = inner.status() else { continue };
        // A failed read is tried again at the next request.
        match refresh {
            Refresh::Search(query) => {
                let key = format!("{query:?}");
                if inner.search_now(&query, key.clone(), status.last_ingested_seq).is_err() {
                    if let Ok(mut searches) = inner.searches.lock() {
                        if let Some(entry) = searches.get_mut(&key) {
                            entry.refreshing = false;
                        }
                    }
                }
            }
            Refresh::Stories(query) => {
                let key = format!("{query:?}");
                if inner.stories_now(&query, key.clone(), status.generation).is_err() {
                    if let Ok(mut pages) = inner.pages.lock() {
                        if let Some(entry) = pages.get_mut(&key) {
                            entry.refreshing = false;
                        }
                    }
                }
            }
        }
    }
}

/// Stories counted per round of [`count_loop`].
const COUNT_BATCH: usize = 32;

/// Builds, in the background, the dossiers of stories whose disagreements were
/// never counted or were counted before their last change, largest first, so
/// that the story list can show and sort by every story's count. The thread
/// runs at the lowest CPU priority: requests come first.
fn count_loop(inner: Weak<Inner>) {
    lower_thread_priority();
    // Stories whose count could not be written at this stamp (their dossier
    // failed, or they changed between build and cache): not retried in a loop.
    // Tried again once the stories change (a new generation), when the race
    // that kept a count from being written may be over.
    let mut attempted: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut attempted_generation = None;
    loop {
        let Some(live) = inner.upgrade() else { return };
        let status = live.status().ok();
        let generation = status.as_ref().map(|s| s.generation);
        if generation != attempted_generation {
            attempted.clear();
            attempted_generation = generation;
        }
        let busy = status.is_none_or(|s| s.updating);
        let wanted = if busy {
            Vec::new()
        } else {
            live.with_reader(|s| Ok(s.stories_to_count(COUNT_BATCH + attempted.len())?))
                .unwrap_or_default()
        };
        let todo: Vec<String> = wanted
            .into_iter()
            .filter(|id| !attempted.contains(id))
            .take(COUNT_BATCH)
            .collect();
        if todo.is_empty() {
            drop(live);
            std::thread::sleep(Duration::from_secs(1));
            continue;
        }
        for id in &todo {
            if let Err(e) = live.count(id) {
                eprintln!("recoupe serve: counting the disagreements of story {id} failed: {e}");
            }
            attempted.insert(id.clone());
        }
        // Cached (with their facts) before the next round reads what is left.
        live.flush();
        let still: std::collections::HashSet<String> = live
            .with_reader(|s| Ok(s.stories_to_count(COUNT_BATCH + attempted.len())?))
            .unwrap_or_default()
            .into_iter()
            .collect();
        attempted.retain(|id| still.contains(id));
    }
}

/// Background work yields to requests (Linux: per-thread nice value).
fn lower_thread_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority has no memory effects; `who = 0` is the calling
    // thread on Linux, whose threads are scheduled as tasks of their own.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
    }
}

fn poll_loop(inner: Weak<Inner>) {
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let Some(inner) = inner.upgrade() else { return };
        // Only reads: updating here would race with the process that stored
        // the documents, which updates the stories itself (`recoupe ingest`).
        let _ = inner.poll();
        // Filter values follow new documents here, not in a request.
        let _ = inner.filter_values();
    }
}

/// A title cut at a word boundary, never mid-word.
fn display_title(title: &str) -> String {
    recoupe_pipeline::search::cut_at_word(title.trim(), 160)
}

/// Words of a list filter, lower-cased (the store matches them case-insensitively).
fn filter_words(text: Option<&str>) -> Vec<String> {
    text.unwrap_or("").split_whitespace().map(str::to_lowercase).collect()
}

/// The 1-based page, clamped to `1..=pages`, of `total` items by `per_page`.
fn page_bounds(total: usize, page: usize, per_page: usize) -> (usize, usize, usize) {
    let per_page = per_page.clamp(1, MAX_PAGE_SIZE);
    let pages = total.div_ceil(per_page).max(1);
    (page.clamp(1, pages), per_page, pages)
}

impl DataSource for PersistedSource {
    fn stories(&self, query: &StoryListQuery) -> Result<Page<StoryRow>, SourceError> {
        let inner = &self.inner;
        // As for search: an older page is served while the refresher reads it
        // again, so an expired page is read once, not by every waiting client.
        let key = format!("{query:?}");
        let generation = inner.status()?.generation;
        if let Some(entry) = inner.pages.lock().map_err(|_| SourceError::Poisoned)?.get_mut(&key) {
            if (entry.generation != generation || entry.read.elapsed() >= ANSWER_TTL) && !entry.refreshing {
                entry.refreshing = true;
                if let Ok(refresh) = inner.refresh.lock() {
                    let _ = refresh.send(Refresh::Stories(query.clone()));
                }
            }
            return Ok(entry.page.clone());
        }
        inner.stories_now(query, key, generation)
    }

    fn story(&self, id: &str) -> Result<Option<(Story, StoryRow)>, SourceError> {
        let inner = &self.inner;
        inner.with_reader(|store| {
            let Some(story) = recoupe_pipeline::story(store, id)? else {
                return Ok(None);
            };
            let Some(summary) = store.story_summary(&story.id)? else {
                return Ok(None);
            };
            let row = inner.row(store, &summary)?;
            Ok(Some((story, row)))
        })
    }

    fn dossier(&self, story_id: &str) -> Result<Option<Arc<Dossier>>, SourceError> {
        self.inner.dossier(story_id)
    }

    fn dossier_json(&self, story_id: &str) -> Result<Option<Arc<String>>, SourceError> {
        self.inner.dossier_json(story_id)
    }

    fn articles(&self, page: usize, per_page: usize) -> Result<Page<ArticleRow>, SourceError> {
        self.inner.with_reader(|store| {
            let per_page = per_page.clamp(1, MAX_PAGE_SIZE);
            let offset = page.max(1).saturating_sub(1).saturating_mul(per_page);
            let (mut total, mut rows) = store.list_page(offset, per_page)?;
            let (page, per_page, pages) = page_bounds(total, page, per_page);
            if (page - 1) * per_page != offset {
                (total, rows) = store.list_page((page - 1) * per_page, per_page)?;
            }
            let items = rows
                .into_iter()
                .map(|r| {
                    Ok(ArticleRow {
                        story_id: store.story_of_article(&r.id)?,
                        title: r.title.unwrap_or_default(),
                        id: r.id,
                        outlet: r.outlet,
                        published: r.published,
                        language: r.language,
                    })
                })
                .collect::<Result<Vec<_>, SourceError>>()?;
            Ok(Page {
                items,
                total,
                page,
                per_page,
                pages,
            })
        })
    }

    fn article(&self, id: &str) -> Result<Option<ArticleView>, SourceError> {
        // Exact ids only: a prefix lookup would make every short path a guess.
        if id.len() != 16 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let found = self.inner.with_reader(|s| {
            let Some(article) = s.article_by_id(id)? else {
                return Ok(None);
            };
            let story = match s.story_of_article(id)? {
                Some(story_id) => s.story_summary(&story_id)?,
                None => None,
            };
            Ok(Some((article, story)))
        })?;
        let Some((article, story)) = found else {
            return Ok(None);
        };
        let mut cited = BTreeSet::new();
        if let Some(story) = &story {
            if let Some(d) = self.inner.dossier(&story.id)? {
                if let Some(src) = d.sources.iter().find(|s| s.article_id == id) {
                    cited = dossier_citations(&d, src.number);
                }
            }
        }
        Ok(Some(ArticleView {
            story_id: story.as_ref().map(|s| s.id.clone()),
            story_title: story.as_ref().map(|s| display_title(&s.title)),
            article,
            cited,
        }))
    }

    fn entities(&self, query: &EntityListQuery) -> Result<Page<EntityRow>, SourceError> {
        self.inner.with_reader(|store| {
            let words = filter_words(query.text.as_deref());
            let per_page = query.per_page.clamp(1, MAX_PAGE_SIZE);
            let offset = query.page.max(1).saturating_sub(1).saturating_mul(per_page);
            let kind = query.kind.as_deref();
            let (mut total, mut rows) = store.entity_page(kind, &words, offset, per_page)?;
            let (page, per_page, pages) = page_bounds(total, query.page, per_page);
            if (page - 1) * per_page != offset {
                (total, rows) = store.entity_page(kind, &words, (page - 1) * per_page, per_page)?;
            }
            let items = rows
                .into_iter()
                .map(|(id, name, kind, stories, mentions)| EntityRow {
                    id,
                    name,
                    kind,
                    stories,
                    mentions,
                })
                .collect();
            Ok(Page {
                items,
                total,
                page,
                per_page,
                pages,
            })
        })
    }

    fn entity(&self, id: &str) -> Result<Option<EntityDetail>, SourceError> {
        self.inner.with_reader(|store| {
            let rows = store.entity_stories(id)?;
            if rows.is_empty() {
                return Ok(None);
            }
            // The spelling with the most mentions names it.
            let mut names: HashMap<&str, usize> = HashMap::new();
            for r in &rows {
                *names.entry(r.fact.name.as_str()).or_default() += r.fact.mentions.max(1);
            }
            let name = names
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(n, _)| n.to_string())
                .unwrap_or_default();
            let mut aliases = BTreeSet::new();
            let mut roles = BTreeSet::new();
            for r in &rows {
                aliases.extend(r.fact.aliases.iter().cloned());
                aliases.insert(r.fact.name.clone());
                roles.extend(r.fact.roles.iter().cloned());
            }
            aliases.remove(&name);
            let co_occurring = store
                .co_entities(id, 30)?
                .into_iter()
                .map(|(id, name, kind, shared_stories)| CoEntity {
                    id,
                    name,
                    kind,
                    shared_stories,
                })
                .collect();
            Ok(Some(EntityDetail {
                id: id.to_string(),
                kind: rows.first().map(|r| r.fact.kind.clone()).unwrap_or_default(),
                name,
                aliases: aliases.into_iter().collect(),
                roles: roles.into_iter().collect(),
                mentions: rows.iter().map(|r| r.fact.mentions).sum(),
                stories: rows
                    .iter()
                    .map(|r| StoryRef {
                        id: r.story_id.clone(),
                        title: display_title(&r.story_title),
                        articles: r.story_size,
                    })
                    .collect(),
                co_occurring,
            }))
        })
    }

    fn story_articles(&self, story_id: &str) -> Result<Option<Vec<String>>, SourceError> {
        self.inner
            .with_reader(|s| Ok(recoupe_pipeline::story(s, story_id)?.map(|story| story.article_ids)))
    }

    fn entity_articles(&self, entity_id: &str) -> Result<Option<Vec<String>>, SourceError> {
        self.inner.with_reader(|s| {
            let rows = s.entity_stories(entity_id)?;
            if rows.is_empty() {
                return Ok(None);
            }
            let ids: BTreeSet<String> = rows.into_iter().flat_map(|r| r.fact.articles).collect();
            Ok(Some(ids.into_iter().collect()))
        })
    }

    fn search(&self, query: &SearchQuery) -> Result<Result<SearchResults, QueryError>, SourceError> {
        let inner = &self.inner;
        // An answer read before the last document arrived is served while one
        // refresher thread reads it again: a burst of new documents does not
        // turn every cached query into a miss at once.
        let key = format!("{query:?}");
        let seq = inner.status()?.last_ingested_seq;
        if let Some(entry) = inner.searches.lock().map_err(|_| SourceError::Poisoned)?.get_mut(&key) {
            if entry.seq != seq && !entry.refreshing {
                entry.refreshing = true;
                if let Ok(refresh) = inner.refresh.lock() {
                    let _ = refresh.send(Refresh::Search(query.clone()));
                }
            }
            return Ok(Ok(entry.hits.clone()));
        }
        inner.search_now(query, key, seq)
    }

    fn filter_values(&self) -> Result<FilterValues, SourceError> {
        self.inner.filter_values()
    }

    fn status(&self) -> Result<LiveStatus, SourceError> {
        self.inner.status()
    }

    fn ingest(&self, documents: Vec<Document>) -> Result<IngestSummary, SourceError> {
        let inner = &self.inner;
        let ids: Vec<String> = documents.iter().map(|d| d.short_id().to_string()).collect();
        let (report, article_ids) = {
            let mut writer = inner.writer.lock().map_err(|_| SourceError::Poisoned)?;
            let report = recoupe_pipeline::ingest_documents(&mut writer, documents)?;
            let mut stored = Vec::new();
            for id in ids {
                if writer.extractor_version(&id)?.is_some() {
                    stored.push(id);
                }
            }
            (report, stored)
        };
        // The new articles' stories are visible when the answer comes back;
        // a few changed stories get their dossiers now, many in the background.
        let changed = inner.update()?;
        if changed.len() <= 20 {
            inner.warm(&changed);
            inner.flush();
        } else {
            inner.send(Job::Warm(changed));
        }
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
            stories: inner.with_reader(|s| Ok(s.story_count()?))?,
        })
    }
}

/// A page of the story list, read from the store.
fn read_stories(inner: &Inner, query: &StoryListQuery) -> Result<Page<StoryRow>, SourceError> {
    inner.with_reader(|store| {
        let mut q = StoryQuery {
            sort: match query.sort {
                StorySort::Recent => recoupe_pipeline::StorySort::Latest,
                StorySort::Articles => recoupe_pipeline::StorySort::Size,
                StorySort::Disagreements => recoupe_pipeline::StorySort::Disagreements,
                StorySort::Title => recoupe_pipeline::StorySort::Title,
            },
            language: query.language.clone(),
            outlet: query.outlet.clone(),
            title_words: filter_words(query.text.as_deref()),
            with_disagreements: query.with_disagreements,
            ..StoryQuery::default()
        };
        let per_page = query.per_page.clamp(1, MAX_PAGE_SIZE);
        q.limit = per_page;
        q.offset = query.page.max(1).saturating_sub(1).saturating_mul(per_page);
        let total = inner.story_total(store, &q)?;
        let (page, per_page, pages) = page_bounds(total, query.page, per_page);
        // Past the last page: the last one.
        q.offset = (page - 1) * per_page;
        let items = store
            .story_rows(&q)?
            .iter()
            .map(|s| inner.row(store, s))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Page {
            items,
            total,
            page,
            per_page,
            pages,
        })
    })
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
