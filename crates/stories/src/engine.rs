//! The incremental story engine.
//!
//! Each new article is compared only with the articles of an active time window,
//! found through inverted indexes (stems, entity keys, figures and dates, copy
//! bands) read rarest feature first under a fixed budget of postings. The cost of
//! one `add` therefore depends on the window and the budget, not on how many
//! stories or articles came before. Old articles leave the window (their story
//! stays, closed to new events).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

// Maps keyed by integers the engine made itself use a fast non-cryptographic
// hash; maps keyed by input strings keep the standard (DoS-resistant) one.
// Nothing iterates a map into output without sorting.
use rustc_hash::FxHashMap as HashMap;
use std::collections::HashMap as StringMap;

use chrono::{Datelike, NaiveDate};
use recoupe_core::{Analysis, Article, CopyGroup, JoinReason, Story};
use serde::{Deserialize, Serialize};

use crate::config::StoryConfig;
use crate::copies::{band_keys, copy_score, longest_shared_passage, ShingleCounter};
use crate::features::{self, Features};
use crate::profile::StoryProfile;
use crate::score::{combine, set_cosine, Signals, SparseVector};
use crate::semantic::{semantic_signal, Embedding};

/// Strings to dense ids, with a document frequency per id.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Vocabulary {
    /// Rebuilt from `names` on restore (not saved: it would double the size).
    #[serde(skip)]
    ids: StringMap<String, u32>,
    names: Vec<String>,
    document_frequency: Vec<u32>,
}

impl Vocabulary {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        self.document_frequency.push(0);
        id
    }

    fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map(String::as_str).unwrap_or("")
    }

    fn count_document(&mut self, id: u32) {
        if let Some(df) = self.document_frequency.get_mut(id as usize) {
            *df = df.saturating_add(1);
        }
    }

    fn df(&self, id: u32) -> u32 {
        self.document_frequency.get(id as usize).copied().unwrap_or(0)
    }

    fn rebuild_ids(&mut self) {
        self.ids = self
            .names
            .iter()
            .enumerate()
            .map(|(id, name)| (name.clone(), id as u32))
            .collect();
    }
}

/// Inverse document frequency, smoothed so that the first articles of a stream
/// get nearly uniform weights instead of noise.
fn idf(documents: u64, df: u32) -> f64 {
    (1.0 + documents as f64 / f64::from(df.max(1))).ln()
}

/// What is kept forever about an article (small).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ArticleRecord {
    id: String,
    title: String,
    title_terms: Vec<u32>,
    /// When it was published, for choosing the original of a copy group.
    published: Option<PublishedAt>,
    word_count: u32,
    agency: Option<String>,
    /// Story it joined (resolve through the union-find: stories merge).
    story: u32,
    /// Parent in the copy union-find (itself when not a copy).
    copy_parent: u32,
    reason: ReasonRecord,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ReasonRecord {
    matched: Option<u32>,
    score: f32,
    threshold: f32,
    copy: bool,
    shared_terms: Vec<u32>,
    shared_entities: Vec<u32>,
}

/// What is kept about an article while it is inside the active window.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ActiveArticle {
    /// Publication day; `None` when unknown (compatible with any day).
    day: Option<i32>,
    language: String,
    terms: SparseVector,
    entities: SparseVector,
    /// Name keys, the cross-script bridge (empty when disabled).
    names: SparseVector,
    marks: Vec<u32>,
    shingles: Vec<u32>,
    embedding: Option<Embedding>,
}

/// The features of a new article, interned and weighted.
struct Prepared {
    day: Option<i32>,
    /// Day after which the article may leave the window: its publication day
    /// (`i32::MAX` for an undated article: only `max_active` evicts it).
    eviction_day: i32,
    language: String,
    terms: SparseVector,
    query_terms: Vec<(u32, f64)>,
    indexed_terms: Vec<u32>,
    entities: SparseVector,
    names: SparseVector,
    marks: Vec<u32>,
    /// The marks as a unit vector, for story profiles.
    marks_vector: SparseVector,
    shingles: Vec<u32>,
    shingle_sequence: Vec<(u32, bool)>,
    bands: Vec<u64>,
    title_terms: Vec<u32>,
    word_count: u32,
    embedding: Option<Embedding>,
    semantic_keys: Vec<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
enum FeatureKind {
    Entity,
    Mark,
    Term,
    Name,
    /// A semantic LSH band key (`semantic::Embedding::band_keys`).
    Semantic,
}

/// Entity agreement a copy needs (when both sides have entities): a reprint
/// names the same people and places, even shortened.
const COPY_MIN_ENTITY_COSINE: f64 = 0.5;

/// Copy candidates verified per new article (those sharing most LSH bands).
const COPY_CANDIDATES: usize = 16;

/// What the engine needs of one article, computed without the engine: the
/// costly part of [`StoryEngine::add`] (tokens, stems, entity weights, shingles),
/// so that a caller can compute it on other threads and feed the engine in order.
#[derive(Debug, Clone)]
pub struct ArticleFeatures {
    id: String,
    title: String,
    agency: Option<String>,
    published: Option<PublishedAt>,
    features: Features,
}

/// A publication time that sorts: the day, then the time of day when known (an
/// article dated by the day only sorts after the timed ones of that day). Times
/// are the local times the pages state (extraction keeps no offset), so two
/// articles of one day in different time zones may sort a few hours off.
pub type PublishedAt = (NaiveDate, chrono::NaiveTime);

pub fn published_at(article: &Article) -> Option<PublishedAt> {
    published_at_stamp(article.meta.published)
}

/// [`published_at`] of a stored publication stamp (when the article itself is
/// not at hand: ordering a large batch before reading it).
pub fn published_at_stamp(stamp: Option<recoupe_core::DateStamp>) -> Option<PublishedAt> {
    // Same sanity filter as the features: a year-0 scrape artefact is no date.
    stamp.filter(|p| p.date().year() > 1000).map(|p| match p {
        recoupe_core::DateStamp::DateTime(dt) => (dt.date(), dt.time()),
        recoupe_core::DateStamp::Date(d) => (
            d,
            chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(chrono::NaiveTime::MIN),
        ),
    })
}

impl ArticleFeatures {
    pub fn new(article: &Article, analysis: &Analysis, config: &StoryConfig) -> Self {
        ArticleFeatures {
            id: article.id.clone(),
            title: article.display_title(),
            agency: article.meta.agency.clone().filter(|a| !a.trim().is_empty()),
            published: published_at(article),
            features: features::extract(article, analysis, config),
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Gives the article its sentence embedding (any size, the same for every
    /// article of one engine; see `recoupe-embed`). A zero or non-finite vector
    /// is ignored: the article is then compared on its words alone.
    pub fn with_embedding(mut self, vector: &[f32]) -> Self {
        self.features.embedding = crate::semantic::Embedding::new(vector);
        self
    }

    /// Whether the article has an embedding.
    pub fn has_embedding(&self) -> bool {
        self.features.embedding.is_some()
    }
}

/// Groups articles into stories as they arrive. See the crate docs.
///
/// The whole state can be saved ([`StoryEngine::to_bytes`]) and restored
/// ([`StoryEngine::from_bytes`]): a restored engine fed more articles gives
/// exactly the stories of an engine that never stopped.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoryEngine {
    config: StoryConfig,
    terms: Vocabulary,
    entities: Vocabulary,
    names: Vocabulary,
    marks: Vocabulary,
    documents: u64,
    records: Vec<ArticleRecord>,
    /// Rebuilt from `records` on restore.
    #[serde(skip)]
    by_id: StringMap<String, u32>,
    story_parent: Vec<u32>,
    story_members: Vec<Vec<u32>>,
    /// The slot of the article that opened each story (its id names the story).
    story_first: Vec<u32>,
    /// Articles of the active window, by slot.
    active: HashMap<u32, ActiveArticle>,
    /// Active articles by publication day, oldest first, for eviction.
    eviction: BinaryHeap<Reverse<(i32, u32)>>,
    /// Evicted articles whose postings were not yet removed (removed in bulk).
    dead_postings: usize,
    postings: HashMap<(FeatureKind, u32), Vec<u32>>,
    band_postings: HashMap<u64, Vec<u32>>,
    shingle_counts: ShingleCounter,
    latest_day: Option<i32>,
    /// Profiles of the stories with members in the active window, by story root.
    profiles: HashMap<u32, StoryProfile>,
    /// What changed since the last [`StoryEngine::take_changes`] (not saved:
    /// a saved state has handed its changes over).
    #[serde(skip)]
    changes: PendingChanges,
}

/// Story numbers touched and merges made since the changes were last taken.
#[derive(Debug, Default)]
struct PendingChanges {
    touched: std::collections::BTreeSet<u32>,
    /// (absorbed story, surviving story), in the order they happened.
    merged: Vec<(u32, u32)>,
}

/// What a batch of [`StoryEngine::add_features`] changed, by story id: what a
/// store needs to update its story rows without rereading every story.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryChanges {
    /// Ids of the stories that gained members or absorbed another story, sorted;
    /// only stories that still exist (not merged away).
    pub stories: Vec<String>,
    /// `(absorbed, surviving)` story ids, in the order the merges happened; a
    /// surviving id can itself be absorbed by a later entry.
    pub merged: Vec<(String, String)>,
}

/// Why a saved engine state cannot be restored.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("the story engine state could not be encoded: {0}")]
    Encode(postcard::Error),
    #[error("the saved story engine state is unreadable (made by another version?): {0}")]
    Decode(postcard::Error),
    #[error("the saved story engine state is inconsistent: {0}")]
    Inconsistent(&'static str),
}

impl StoryEngine {
    pub fn new(config: StoryConfig) -> Self {
        StoryEngine {
            config,
            terms: Vocabulary::default(),
            entities: Vocabulary::default(),
            names: Vocabulary::default(),
            marks: Vocabulary::default(),
            documents: 0,
            records: Vec::new(),
            by_id: StringMap::new(),
            story_parent: Vec::new(),
            story_members: Vec::new(),
            story_first: Vec::new(),
            active: HashMap::default(),
            eviction: BinaryHeap::new(),
            dead_postings: 0,
            postings: HashMap::default(),
            band_postings: HashMap::default(),
            shingle_counts: ShingleCounter::default(),
            latest_day: None,
            profiles: HashMap::default(),
            changes: PendingChanges::default(),
        }
    }

    /// The engine's whole state in a compact binary form (postcard). Pending
    /// changes are not part of it: take them before saving.
    pub fn to_bytes(&self) -> Result<Vec<u8>, StateError> {
        postcard::to_stdvec(self).map_err(StateError::Encode)
    }

    /// Restores an engine saved by [`StoryEngine::to_bytes`] of the same
    /// code version (the caller checks the version: the format has none).
    pub fn from_bytes(bytes: &[u8]) -> Result<StoryEngine, StateError> {
        let mut engine: StoryEngine = postcard::from_bytes(bytes).map_err(StateError::Decode)?;
        for vocabulary in [
            &mut engine.terms,
            &mut engine.entities,
            &mut engine.names,
            &mut engine.marks,
        ] {
            if vocabulary.names.len() != vocabulary.document_frequency.len() {
                return Err(StateError::Inconsistent("vocabulary sizes differ"));
            }
            vocabulary.rebuild_ids();
        }
        let stories = engine.story_parent.len();
        if engine.story_members.len() != stories || engine.story_first.len() != stories {
            return Err(StateError::Inconsistent("story tables differ in length"));
        }
        let slots = engine.records.len();
        if engine
            .records
            .iter()
            .any(|r| r.story as usize >= stories || r.copy_parent as usize >= slots)
            || engine.story_parent.iter().any(|&p| p as usize >= stories)
            || engine.story_first.iter().any(|&f| f as usize >= slots)
        {
            return Err(StateError::Inconsistent("a story or article number is out of range"));
        }
        engine.by_id = engine
            .records
            .iter()
            .enumerate()
            .map(|(slot, r)| (r.id.clone(), slot as u32))
            .collect();
        Ok(engine)
    }

    /// The stories touched and the merges made since the last call (or since
    /// the engine was made or restored), by story id.
    pub fn take_changes(&mut self) -> StoryChanges {
        let pending = std::mem::take(&mut self.changes);
        let mut stories: Vec<String> = pending
            .touched
            .iter()
            .map(|&n| self.find_story(n))
            .collect::<std::collections::BTreeSet<u32>>()
            .into_iter()
            .map(|n| self.story_id_of_number(n))
            .collect();
        stories.sort();
        stories.dedup();
        let merged = pending
            .merged
            .iter()
            .map(|&(gone, keep)| (self.story_id_of_number(gone), self.story_id_of_number(keep)))
            .collect();
        StoryChanges { stories, merged }
    }

    /// `story-<id of the article that opened it>`: the id of story number `n`
    /// (stable: a story keeps it as it grows and when it absorbs another).
    fn story_id_of_number(&self, n: u32) -> String {
        let first = self
            .story_first
            .get(n as usize)
            .and_then(|&slot| self.record(slot))
            .map_or("", |r| r.id.as_str());
        format!("story-{first}")
    }

    /// The id of the story an article is in now, if it was added.
    pub fn story_id(&self, article_id: &str) -> Option<String> {
        let &slot = self.by_id.get(article_id)?;
        Some(self.story_id_of_number(self.story_of_slot(slot)))
    }

    /// One story by id, as [`StoryEngine::stories`] gives it. The id of a story
    /// absorbed by another gives the surviving story.
    pub fn story(&self, story_id: &str) -> Option<Story> {
        let article_id = story_id.strip_prefix("story-")?;
        let &slot = self.by_id.get(article_id)?;
        let number = self.records.get(slot as usize)?.story;
        // Only the article that opened a story names one.
        if self.story_first.get(number as usize) != Some(&slot) {
            return None;
        }
        let root = self.find_story(number);
        let mut members = self.story_members.get(root as usize)?.clone();
        members.sort_unstable();
        Some(self.build_story(&members))
    }

    pub fn config(&self) -> &StoryConfig {
        &self.config
    }

    /// Number of articles added (an id added twice counts once).
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Articles currently in the active window (for memory figures).
    pub fn active_len(&self) -> usize {
        self.active.len()
    }

    /// Adds an article and returns the number of its story: the creation index of
    /// the story that holds it now (when stories merge, the older number survives,
    /// so positions in [`StoryEngine::stories`] can be lower than this number).
    /// An article id already added is not added again; its story is returned.
    pub fn add(&mut self, article: &Article, analysis: &Analysis) -> usize {
        if let Some(&slot) = self.by_id.get(&article.id) {
            return self.story_of_slot(slot) as usize;
        }
        self.add_features(ArticleFeatures::new(article, analysis, &self.config))
    }

    /// Adds an article whose features were computed beforehand (possibly on
    /// another thread, with the same config): the same as [`StoryEngine::add`].
    pub fn add_features(&mut self, article: ArticleFeatures) -> usize {
        if let Some(&slot) = self.by_id.get(article.id.as_str()) {
            return self.story_of_slot(slot) as usize;
        }
        let ArticleFeatures {
            id,
            title,
            agency,
            published,
            features,
        } = article;
        let prepared = self.prepare(&features);
        let slot = self.records.len() as u32;

        let mut scored = self.score_candidates(&prepared);
        let copy = self.find_copy(&prepared, &scored);
        if let Some((c, _)) = copy {
            if !scored.iter().any(|(s, _)| *s == c) {
                if let Some(other) = self.active_article(c) {
                    scored.push((c, self.pair_score(&prepared, other)));
                    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                }
            }
        }
        let stories = self.score_stories(&prepared, &scored);

        let mut reason = ReasonRecord {
            threshold: self.join_threshold(&prepared) as f32,
            ..ReasonRecord::default()
        };
        let mut copy_parent = slot;
        let story = if let Some((matched, containment)) = copy {
            copy_parent = self.copy_root(matched);
            let best = scored.iter().find(|(s, _)| *s == matched);
            reason = self.reason_for(&prepared, matched, containment, true);
            if let Some((_, score)) = best {
                reason.score = reason.score.max(*score as f32);
            }
            Some(self.story_of_slot(matched))
        } else if let Some(&(story, score, matched)) = stories.first() {
            // The best candidate is reported even when it falls short, so that a
            // user sees how close the article came to joining.
            reason = self.reason_for(&prepared, matched, score, false);
            if score >= self.join_threshold_against(&prepared, matched) {
                Some(story)
            } else {
                None
            }
        } else {
            None
        };

        let story = match story {
            Some(s) => s,
            None => {
                let s = self.story_parent.len() as u32;
                self.story_parent.push(s);
                self.story_members.push(Vec::new());
                self.story_first.push(slot);
                s
            }
        };
        if let Some(members) = self.story_members.get_mut(story as usize) {
            members.push(slot);
        }
        // A bridging article: other stories it matches strongly are the same story.
        // Merges need one member of the other story that this article matches
        // strongly on its own: a profile match alone would let a merged story's
        // broader profile pull in more stories, and so on.
        let mut story = story;
        for &(other, score) in &scored {
            if score < self.merge_threshold(&prepared) {
                break;
            }
            let other_story = self.story_of_slot(other);
            if other_story != story {
                story = self.union_stories(story, other_story);
            }
        }
        self.changes.touched.insert(story);
        self.profiles.entry(story).or_default().add(
            &prepared.language,
            &prepared.terms,
            &prepared.entities,
            &prepared.marks_vector,
            prepared.embedding.as_ref(),
        );

        self.records.push(ArticleRecord {
            id: id.clone(),
            title,
            title_terms: prepared.title_terms.clone(),
            published,
            word_count: prepared.word_count,
            agency,
            story,
            copy_parent,
            reason,
        });
        self.by_id.insert(id, slot);
        self.index(slot, prepared);
        self.evict();
        story as usize
    }

    fn prepare(&mut self, f: &Features) -> Prepared {
        let day = f.published.map(|d| d.num_days_from_ce());
        if let Some(d) = day {
            self.latest_day = Some(self.latest_day.map_or(d, |l| l.max(d)));
        }
        // An undated article could be from any day of the stream (a batch mixing
        // dated and undated articles is ordered by date around the undated ones),
        // so no date horizon evicts it: it stays until `max_active` pushes the
        // oldest arrivals out, after every dated article.
        let eviction_day = day.unwrap_or(i32::MAX);
        self.documents += 1;
        let documents = self.documents;

        let mut term_weights: Vec<(u32, f64)> = Vec::with_capacity(f.terms.len());
        for (stem, w) in &f.terms {
            let id = self.terms.intern(stem);
            self.terms.count_document(id);
            term_weights.push((id, w * idf(documents, self.terms.df(id))));
        }
        // Heaviest first, ties by id, for deterministic truncation.
        term_weights.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let query_terms: Vec<(u32, f64)> = term_weights.iter().take(self.config.query_terms).copied().collect();
        let indexed_terms: Vec<u32> = term_weights
            .iter()
            .take(self.config.index_terms)
            .map(|(id, _)| *id)
            .collect();
        term_weights.truncate(self.config.vector_terms);
        let terms = SparseVector::from_weights(term_weights);

        let mut entity_weights = Vec::with_capacity(f.entities.len());
        for (key, w) in &f.entities {
            let id = self.entities.intern(key);
            self.entities.count_document(id);
            entity_weights.push((id, w * idf(documents, self.entities.df(id))));
        }
        let entities = SparseVector::from_weights(entity_weights);

        let mut name_weights = Vec::new();
        if self.config.cross_language_names {
            for (key, w) in &f.names {
                let id = self.names.intern(key);
                self.names.count_document(id);
                name_weights.push((id, w * idf(documents, self.names.df(id))));
            }
        }
        let names = SparseVector::from_weights(name_weights);

        let mut marks: Vec<u32> = f
            .marks
            .iter()
            .map(|m| {
                let id = self.marks.intern(m);
                self.marks.count_document(id);
                id
            })
            .collect();
        marks.sort_unstable();
        marks.dedup();

        let mut title_terms: Vec<u32> = f.title_terms.iter().filter_map(|t| self.terms.get(t)).collect();
        title_terms.sort_unstable();
        title_terms.dedup();

        Prepared {
            marks_vector: marks_vector(&marks),
            day,
            eviction_day,
            language: f.language.clone(),
            terms,
            query_terms,
            indexed_terms,
            entities,
            names,
            marks,
            bands: band_keys(&f.shingles),
            shingles: f.shingles.clone(),
            shingle_sequence: f.shingle_sequence.clone(),
            title_terms,
            word_count: u32::try_from(f.word_count).unwrap_or(u32::MAX),
            semantic_keys: f.embedding.as_ref().map(Embedding::band_keys).unwrap_or_default(),
            embedding: f.embedding.clone(),
        }
    }

    /// The join threshold for this article: `short_join_threshold` when its body
    /// has fewer than `short_text_words` words (a brief, an excerpt, a caption: its
    /// cosines with any telling of the story are lower, having fewer words to share).
    fn join_threshold(&self, p: &Prepared) -> f64 {
        if p.embedding.is_some() {
            // The semantic signal does not weaken with short texts the way
            // word cosines do: one threshold whatever the length.
            self.config.semantic_join_threshold
        } else if (p.word_count as usize) < self.config.short_text_words {
            self.config.short_join_threshold.min(self.config.join_threshold)
        } else {
            self.config.join_threshold
        }
    }

    /// The score from which a second matched story is merged into the first.
    fn merge_threshold(&self, p: &Prepared) -> f64 {
        if p.embedding.is_some() {
            self.config.semantic_merge_threshold
        } else {
            self.config.merge_threshold
        }
    }

    /// [`Self::join_threshold`] against one matched article: a short text that
    /// shares no analysed entity with the match (both having some) gets the full
    /// threshold, so that short template-mates about other people stay apart.
    fn join_threshold_against(&self, p: &Prepared, matched: u32) -> f64 {
        let disagree = self.active_article(matched).is_some_and(|other| {
            !p.entities.is_empty() && !other.entities.is_empty() && p.entities.cosine(&other.entities) <= 0.0
        });
        if disagree && p.embedding.is_none() {
            self.config.join_threshold
        } else {
            self.join_threshold(p)
        }
    }

    fn active_article(&self, slot: u32) -> Option<&ActiveArticle> {
        self.active.get(&slot)
    }

    /// Whether two publication days are close enough; an unknown day is close to any.
    fn in_window(&self, a: Option<i32>, b: Option<i32>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => i64::from(a.abs_diff(b)) <= self.config.window_days,
            _ => true,
        }
    }

    /// Best copy among the band candidates and the best story candidates (a
    /// passage reprinted inside much other text shares few LSH bands): highest
    /// containment, then earliest.
    fn find_copy(&self, p: &Prepared, scored: &[(u32, f64)]) -> Option<(u32, f64)> {
        let mut hits: HashMap<u32, u32> = HashMap::default();
        for key in &p.bands {
            if let Some(list) = self.band_postings.get(key) {
                // Most recent first; a hot band (boilerplate) is read only partly.
                for &slot in list.iter().rev().take(64) {
                    *hits.entry(slot).or_insert(0) += 1;
                }
            }
        }
        // The candidates sharing most bands are the likeliest copies; verify a few.
        let mut candidates: Vec<(u32, u32)> = hits.into_iter().collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(COPY_CANDIDATES);
        for &(slot, _) in scored.iter().take(COPY_CANDIDATES) {
            if !candidates.iter().any(|(s, _)| *s == slot) {
                candidates.push((slot, 0));
            }
        }
        let mut best: Option<(u32, f64)> = None;
        for (slot, band_hits) in candidates {
            let Some(other) = self.active_article(slot) else {
                continue;
            };
            if !self.in_window(p.day, other.day) {
                continue;
            }
            let max_df = self.config.copy_common_df;
            let is_rare = |s: u32| self.shingle_counts.count(s) <= max_df;
            // Story candidates that share no LSH band are copies only by a passage.
            let by_containment = if band_hits > 0 {
                copy_score(
                    &p.shingles,
                    &other.shingles,
                    self.config.copy_containment,
                    self.config.copy_min_shared,
                    is_rare,
                )
            } else {
                None
            };
            let c = match by_containment {
                Some(c) => c,
                None => {
                    let min_passage = crate::copies::min_passage(
                        self.config.copy_min_passage,
                        self.config.copy_passage_share,
                        p.shingles.len().min(other.shingles.len()),
                    );
                    if min_passage == 0
                        || longest_shared_passage(&p.shingle_sequence, &other.shingles, is_rare) < min_passage
                    {
                        continue;
                    }
                    crate::copies::containment(&p.shingles, &other.shingles).1
                }
            };
            // A copy tells the same story about the same people: this keeps apart
            // articles that share only templates or stock paragraphs.
            if self.pair_score(p, other) < self.join_threshold(p) {
                continue;
            }
            if !p.entities.is_empty()
                && !other.entities.is_empty()
                && p.entities.cosine(&other.entities) < COPY_MIN_ENTITY_COSINE
            {
                continue;
            }
            if best.is_none_or(|(b_slot, b)| c > b || (c == b && slot < b_slot)) {
                best = Some((slot, c));
            }
        }
        best
    }

    /// Candidates through the inverted index, scored in full, best first.
    fn score_candidates(&self, p: &Prepared) -> Vec<(u32, f64)> {
        let mut features: Vec<(usize, FeatureKind, u32, f64)> = Vec::new();
        let mut push = |kind: FeatureKind, id: u32, weight: f64| {
            if let Some(list) = self.postings.get(&(kind, id)) {
                features.push((list.len(), kind, id, weight));
            }
        };
        for &(id, w) in &p.query_terms {
            push(FeatureKind::Term, id, w);
        }
        for &(id, w) in &p.entities.entries {
            push(FeatureKind::Entity, id, f64::from(w) * 4.0);
        }
        for &(id, w) in &p.names.entries {
            push(FeatureKind::Name, id, f64::from(w) * 2.0);
        }
        for &id in &p.marks {
            push(FeatureKind::Mark, id, 2.0);
        }
        for &key in &p.semantic_keys {
            push(FeatureKind::Semantic, key, 1.0);
        }
        // Rarest first: they are the most telling and the cheapest to read.
        features.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut budget = self.config.posting_budget;
        let mut accumulated: HashMap<u32, f64> = HashMap::default();
        for (_, kind, id, weight) in features {
            if budget == 0 {
                break;
            }
            let Some(list) = self.postings.get(&(kind, id)) else {
                continue;
            };
            for &slot in list.iter().rev().take(budget) {
                budget -= 1;
                *accumulated.entry(slot).or_insert(0.0) += weight;
            }
        }
        let mut candidates: Vec<(u32, f64)> = accumulated.into_iter().collect();
        candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(self.config.max_candidates);
        let mut scored: Vec<(u32, f64)> = candidates
            .into_iter()
            .filter_map(|(slot, _)| {
                let other = self.active_article(slot)?;
                if !self.in_window(p.day, other.day) {
                    return None;
                }
                Some((slot, self.pair_score(p, other)))
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored
    }

    fn pair_score(&self, p: &Prepared, other: &ActiveArticle) -> f64 {
        let mut entities =
            (!p.entities.is_empty() && !other.entities.is_empty()).then(|| p.entities.cosine(&other.entities));
        if p.language != other.language && !p.names.is_empty() && !other.names.is_empty() {
            let names = p.names.cosine(&other.names);
            entities = Some(entities.map_or(names, |e| e.max(names)));
        }
        let signals = Signals {
            text: p.terms.cosine(&other.terms),
            entities,
            figures: (!p.marks.is_empty() && !other.marks.is_empty()).then(|| set_cosine(&p.marks, &other.marks)),
            semantic: self.semantic(p.embedding.as_ref(), |e| Some(other.embedding.as_ref()?.cosine(e))),
            same_language: p.language == other.language,
        };

        combine(&signals, &self.config)
    }

    /// The semantic signal of a new article's embedding against something
    /// (`cosine_with`), `None` when either side has no embedding.
    fn semantic(
        &self,
        embedding: Option<&Embedding>,
        cosine_with: impl FnOnce(&Embedding) -> Option<f64>,
    ) -> Option<f64> {
        let cosine = cosine_with(embedding?)?;
        Some(semantic_signal(
            cosine,
            self.config.semantic_floor,
            self.config.semantic_full,
        ))
    }

    /// Candidate stories, best first: (story root, score, best-matching member).
    ///
    /// A story's score is the higher of its best member's pair score and the
    /// article's agreement with the story's profile (all its active members
    /// summed): a story told many times is recognised even when no single
    /// telling is close, and the entity check applies to the whole story.
    fn score_stories(&self, p: &Prepared, scored: &[(u32, f64)]) -> Vec<(u32, f64, u32)> {
        let mut best: Vec<(u32, f64, u32)> = Vec::new();
        for &(slot, score) in scored {
            let story = self.story_of_slot(slot);
            match best.iter_mut().find(|(s, _, _)| *s == story) {
                Some(entry) => {
                    if score > entry.1 {
                        *entry = (story, score, slot);
                    }
                }
                None => best.push((story, score, slot)),
            }
        }
        for entry in &mut best {
            if let Some(profile) = self.profiles.get(&entry.0) {
                let profile_score = self.profile_score(p, profile);
                entry.1 = entry.1.max(profile_score);
            }
        }
        best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        best
    }

    fn profile_score(&self, p: &Prepared, profile: &StoryProfile) -> f64 {
        let marks = &p.marks_vector;
        let (text, same_language) = match profile.text_in(&p.language) {
            Some(c) => (c.cosine(&p.terms), true),
            None => (profile.main_text().map_or(0.0, |c| c.cosine(&p.terms)), false),
        };
        let signals = Signals {
            text,
            entities: (!p.entities.is_empty() && !profile.entities.is_empty())
                .then(|| profile.entities.cosine(&p.entities)),
            figures: (!marks.is_empty() && !profile.marks.is_empty()).then(|| profile.marks.cosine(marks)),
            semantic: self.semantic(p.embedding.as_ref(), |e| profile.semantic.cosine(e)),
            same_language,
        };
        combine(&signals, &self.config)
    }

    fn reason_for(&self, p: &Prepared, matched: u32, score: f64, copy: bool) -> ReasonRecord {
        let threshold = if copy {
            self.config.copy_containment
        } else {
            self.join_threshold(p)
        };
        let (shared_terms, shared_entities) = match self.active_article(matched) {
            Some(other) => (p.terms.shared(&other.terms, 6), p.entities.shared(&other.entities, 6)),
            None => (Vec::new(), Vec::new()),
        };
        ReasonRecord {
            matched: Some(matched),
            score: score as f32,
            threshold: threshold as f32,
            copy,
            shared_terms,
            shared_entities,
        }
    }

    fn index(&mut self, slot: u32, p: Prepared) {
        for &id in &p.indexed_terms {
            self.postings.entry((FeatureKind::Term, id)).or_default().push(slot);
        }
        for &(id, _) in &p.entities.entries {
            self.postings.entry((FeatureKind::Entity, id)).or_default().push(slot);
        }
        for &(id, _) in &p.names.entries {
            self.postings.entry((FeatureKind::Name, id)).or_default().push(slot);
        }
        for &id in &p.marks {
            self.postings.entry((FeatureKind::Mark, id)).or_default().push(slot);
        }
        for &key in &p.semantic_keys {
            self.postings
                .entry((FeatureKind::Semantic, key))
                .or_default()
                .push(slot);
        }
        for &key in &p.bands {
            self.band_postings.entry(key).or_default().push(slot);
        }
        self.shingle_counts.add_document(&p.shingles);
        self.eviction.push(Reverse((p.eviction_day, slot)));
        self.active.insert(
            slot,
            ActiveArticle {
                day: p.day,
                language: p.language,
                terms: p.terms,
                entities: p.entities,
                names: p.names,
                marks: p.marks,
                shingles: p.shingles,
                embedding: p.embedding,
            },
        );
    }

    /// Drops from the window the articles published before the window of the
    /// latest publication day seen (whatever their arrival order), and the oldest
    /// beyond `max_active`. Their postings are removed in bulk once they make
    /// half of the index, so the cost stays constant per article.
    fn evict(&mut self) {
        let horizon = self.latest_day.map(|d| i64::from(d) - self.config.window_days - 1);
        while let Some(&Reverse((day, slot))) = self.eviction.peek() {
            let too_old = horizon.is_some_and(|h| i64::from(day) < h);
            if !too_old && self.active.len() <= self.config.max_active {
                break;
            }
            self.eviction.pop();
            if let Some(gone) = self.active.remove(&slot) {
                self.dead_postings += 1;
                let story = self.story_of_slot(slot);
                if let Some(profile) = self.profiles.get_mut(&story) {
                    let marks = marks_vector(&gone.marks);
                    if profile.remove(
                        &gone.language,
                        &gone.terms,
                        &gone.entities,
                        &marks,
                        gone.embedding.as_ref(),
                    ) {
                        self.profiles.remove(&story);
                    }
                }
            }
        }
        if self.dead_postings > self.active.len().max(1024) {
            let active = &self.active;
            self.postings.retain(|_, list| {
                list.retain(|s| active.contains_key(s));
                !list.is_empty()
            });
            self.band_postings.retain(|_, list| {
                list.retain(|s| active.contains_key(s));
                !list.is_empty()
            });
            self.dead_postings = 0;
        }
    }

    fn find_story(&self, mut s: u32) -> u32 {
        while let Some(&parent) = self.story_parent.get(s as usize) {
            if parent == s {
                break;
            }
            s = parent;
        }
        s
    }

    fn story_of_slot(&self, slot: u32) -> u32 {
        let joined = self.records.get(slot as usize).map_or(0, |r| r.story);
        self.find_story(joined)
    }

    /// Merges two stories; the older (smaller number) survives.
    fn union_stories(&mut self, a: u32, b: u32) -> u32 {
        let (ra, rb) = (self.find_story(a), self.find_story(b));
        if ra == rb {
            return ra;
        }
        let (keep, gone) = if ra < rb { (ra, rb) } else { (rb, ra) };
        if let Some(p) = self.story_parent.get_mut(gone as usize) {
            *p = keep;
        }
        let moved = self
            .story_members
            .get_mut(gone as usize)
            .map(std::mem::take)
            .unwrap_or_default();
        if let Some(members) = self.story_members.get_mut(keep as usize) {
            members.extend(moved);
        }
        if let Some(gone_profile) = self.profiles.remove(&gone) {
            self.profiles.entry(keep).or_default().absorb(gone_profile);
        }
        self.changes.merged.push((gone, keep));
        self.changes.touched.insert(keep);
        keep
    }

    fn copy_root(&self, mut slot: u32) -> u32 {
        while let Some(r) = self.records.get(slot as usize) {
            if r.copy_parent == slot {
                break;
            }
            slot = r.copy_parent;
        }
        slot
    }

    /// Arrival number of an article (0 for the first added), if it was added.
    pub fn position(&self, article_id: &str) -> Option<usize> {
        self.by_id.get(article_id).map(|&slot| slot as usize)
    }

    /// Story number of an article id, if it was added.
    pub fn story_of(&self, article_id: &str) -> Option<usize> {
        self.by_id
            .get(article_id)
            .map(|&slot| self.story_of_slot(slot) as usize)
    }

    /// All stories, by first arrival, members in arrival order.
    pub fn stories(&self) -> Vec<Story> {
        let mut out = Vec::new();
        for (number, members) in self.story_members.iter().enumerate() {
            if members.is_empty() || self.find_story(number as u32) != number as u32 {
                continue;
            }
            let mut members = members.clone();
            members.sort_unstable();
            out.push((members.first().copied().unwrap_or(0), self.build_story(&members)));
        }
        out.sort_by_key(|(first, _)| *first);
        out.into_iter().map(|(_, s)| s).collect()
    }

    fn record(&self, slot: u32) -> Option<&ArticleRecord> {
        self.records.get(slot as usize)
    }

    fn build_story(&self, members: &[u32]) -> Story {
        let first_id = members
            .first()
            .and_then(|&s| self.record(s))
            .map_or("", |r| r.id.as_str());
        let article_ids: Vec<String> = members
            .iter()
            .filter_map(|&s| self.record(s))
            .map(|r| r.id.clone())
            .collect();

        // Copy groups: members sharing a copy root.
        let mut groups: Vec<(u32, Vec<u32>)> = Vec::new();
        let mut group_of_root: HashMap<u32, usize> = HashMap::default();
        for &slot in members {
            let root = self.copy_root(slot);
            match group_of_root.get(&root) {
                Some(&g) => {
                    if let Some(group) = groups.get_mut(g) {
                        group.1.push(slot);
                    }
                }
                None => {
                    group_of_root.insert(root, groups.len());
                    groups.push((root, vec![slot]));
                }
            }
        }
        let copy_groups: Vec<CopyGroup> = groups
            .into_iter()
            .filter(|(_, g)| g.len() > 1)
            .map(|(_, g)| self.copy_group(&g))
            .collect();

        let reasons = members
            .iter()
            .filter_map(|&s| {
                let r = self.record(s)?;
                Some(JoinReason {
                    article_id: r.id.clone(),
                    matched: r.reason.matched.and_then(|m| self.record(m)).map(|m| m.id.clone()),
                    score: round4(f64::from(r.reason.score)),
                    threshold: round4(f64::from(r.reason.threshold)),
                    shared_terms: {
                        let mut t: Vec<String> = Vec::new();
                        if r.reason.copy {
                            t.push("[copy]".to_string());
                        }
                        t.extend(r.reason.shared_terms.iter().map(|&id| self.terms.name(id).to_string()));
                        t
                    },
                    shared_entities: r
                        .reason
                        .shared_entities
                        .iter()
                        .map(|&id| self.entities.name(id).to_string())
                        .collect(),
                })
            })
            .collect();

        Story {
            id: format!("story-{first_id}"),
            title: self.best_title(members),
            article_ids,
            copy_groups,
            reasons,
        }
    }

    fn copy_group(&self, slots: &[u32]) -> CopyGroup {
        // The original: earliest published, then longest, then first arrived.
        let original = slots
            .iter()
            .copied()
            .min_by_key(|&s| {
                let r = self.record(s);
                (
                    r.and_then(|r| r.published)
                        .unwrap_or((NaiveDate::MAX, chrono::NaiveTime::MIN)),
                    std::cmp::Reverse(r.map_or(0, |r| r.word_count)),
                    s,
                )
            })
            .unwrap_or(0);
        let copies = slots
            .iter()
            .filter(|&&s| s != original)
            .filter_map(|&s| self.record(s))
            .map(|r| r.id.clone())
            .collect();
        let agency = std::iter::once(original)
            .chain(slots.iter().copied())
            .filter_map(|s| self.record(s))
            .find_map(|r| r.agency.clone());
        CopyGroup {
            original: self.record(original).map(|r| r.id.clone()).unwrap_or_default(),
            copies,
            agency,
        }
    }

    /// The title sharing most words with the other titles (among the first 50
    /// members), ties to the earliest.
    fn best_title(&self, members: &[u32]) -> String {
        let sample: Vec<&ArticleRecord> = members.iter().take(50).filter_map(|&s| self.record(s)).collect();
        let mut best: Option<(f64, &ArticleRecord)> = None;
        for (i, r) in sample.iter().enumerate() {
            if r.title.trim().is_empty() {
                continue;
            }
            let mut score = 0.0;
            for (j, other) in sample.iter().enumerate() {
                if i != j && !r.title_terms.is_empty() && !other.title_terms.is_empty() {
                    let shared = crate::score::count_shared(&r.title_terms, &other.title_terms);
                    score += shared as f64 / ((r.title_terms.len() * other.title_terms.len()) as f64).sqrt();
                }
            }
            if best.is_none_or(|(b, _)| score > b + 1e-9) {
                best = Some((score, r));
            }
        }
        best.map(|(_, r)| r.title.clone()).unwrap_or_default()
    }
}

/// A set of figure and date ids as a unit vector (each weighs the same).
fn marks_vector(marks: &[u32]) -> SparseVector {
    SparseVector::from_weights(marks.iter().map(|&m| (m, 1.0)).collect())
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
