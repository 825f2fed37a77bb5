//! Wire copies, story clustering (incremental, cross-lingual), pair similarity.
//!
//! * [`find_copies`] and the engine's copy step: MinHash over 4-word shingles of the
//!   clean text, LSH bands for candidates, exact shingle containment to decide.
//! * [`StoryEngine`]: each new article joins the best-matching story of the active
//!   time window or opens one; candidates come from inverted indexes read rarest
//!   feature first under a fixed budget, so cost per article does not grow with the
//!   number of stories. A strongly matching second story is merged (bridging article).
//! * [`similarity`]: the "same story" score of two articles alone, in [0, 1].
//!
//! The engine learns document frequencies from the stream itself (smoothed, so the
//! first articles get near-uniform weights); [`similarity`] has no stream and uses
//! the per-language priors only (function words dropped, frequent news words
//! down-weighted, see `data/<lang>/`).
//!
//! Order effects: the engine is deterministic for a given arrival order, and
//! [`cluster`] is exactly the engine fed in slice order. Another order can give
//! other stories where a bridging article arrives before or after the articles it
//! bridges (merges are only done above `merge_threshold`), and through the
//! stream's document frequencies. `tests/` bounds that effect on shuffled input.

mod config;
mod copies;
mod engine;
pub mod eval;
mod features;
mod lang;
mod profile;
mod score;
mod semantic;
mod text;

use std::collections::BTreeMap;

pub use config::{SignalWeights, StoryConfig};
pub use engine::{
    published_at, published_at_stamp, ArticleFeatures, PublishedAt, StateError, StoryChanges, StoryEngine,
};

/// The version of the code and data that make stories (a hash of this crate's
/// sources, `build.rs`): a saved engine state of another version is rebuilt.
pub const STORIES_VERSION: &str = concat!("stories-", env!("CARGO_PKG_VERSION"), "-", env!("RECOUPE_SOURCE_HASH"));

use recoupe_core::{Analysis, Article, CopyGroup, Story};

use crate::copies::{band_keys, copy_score, longest_shared_passage};
use crate::score::{combine, set_cosine, Signals, SparseVector};

/// Clusters articles in the given order (same result as feeding a [`StoryEngine`]).
///
/// The features of the articles (the costly part) are computed on all cores,
/// then fed to one engine in order, so the result does not depend on threads.
pub fn cluster(items: &[(&Article, &Analysis)], config: &StoryConfig) -> Vec<Story> {
    let mut engine = StoryEngine::new(config.clone());
    for features in features_in_parallel(items, config) {
        engine.add_features(features);
    }
    engine.stories()
}

/// [`ArticleFeatures`] of every item, in item order, computed on up to as many
/// threads as the machine has cores.
pub fn features_in_parallel(items: &[(&Article, &Analysis)], config: &StoryConfig) -> Vec<ArticleFeatures> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads <= 1 || items.len() < 64 {
        return items.iter().map(|(a, x)| ArticleFeatures::new(a, x, config)).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(a, x)| ArticleFeatures::new(a, x, config))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        // A worker that panicked loses nothing: its part is computed again here.
        handles
            .into_iter()
            .zip(items.chunks(chunk))
            .flat_map(|(handle, part)| {
                handle
                    .join()
                    .unwrap_or_else(|_| part.iter().map(|(a, x)| ArticleFeatures::new(a, x, config)).collect())
            })
            .collect()
    })
}

/// The text an article is embedded from for the semantic signal: its title
/// (when the body does not already begin with it) and its body. Encoders cut
/// long texts, so the lead counts most, as it does for a reader.
pub fn embedding_text(article: &Article) -> String {
    let body = article.text.trim_start();
    match article.meta.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) if !body.starts_with(title) => format!("{title}\n{body}"),
        _ => body.to_string(),
    }
}

/// Copy groups among the items, with no time window, in order of first member.
pub fn find_copies(items: &[(&Article, &Analysis)]) -> Vec<CopyGroup> {
    let config = StoryConfig::default();
    let features: Vec<features::Features> = items.iter().map(|(a, x)| features::extract(a, x, &config)).collect();
    let mut shingle_df: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
    for f in &features {
        for &s in &f.shingles {
            *shingle_df.entry(s).or_insert(0) += 1;
        }
    }
    let max_df = u32::from(config.copy_common_df);
    let is_rare = |s: u32| shingle_df.get(&s).copied().unwrap_or(0) <= max_df;
    let mut parent: Vec<usize> = (0..items.len()).collect();
    let mut bands: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    // Earlier items by rare shingle: a reprinted passage inside much other text
    // shares few LSH bands but many rare shingles.
    let mut by_shingle: std::collections::HashMap<u32, Vec<usize>> = std::collections::HashMap::new();
    for (i, f) in features.iter().enumerate() {
        let mut candidates: Vec<usize> = Vec::new();
        for key in band_keys(&f.shingles) {
            let list = bands.entry(key).or_default();
            candidates.extend(list.iter().copied());
            list.push(i);
        }
        if config.copy_min_passage > 0 {
            let mut shared: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
            for &s in f.shingles.iter().filter(|&&s| is_rare(s)) {
                let list = by_shingle.entry(s).or_default();
                for &j in list.iter() {
                    *shared.entry(j).or_insert(0) += 1;
                }
                list.push(i);
            }
            candidates.extend(
                shared
                    .into_iter()
                    .filter(|&(_, n)| n >= config.copy_min_passage)
                    .map(|(j, _)| j),
            );
        }
        candidates.sort_unstable();
        candidates.dedup();
        for j in candidates {
            let Some(other) = features.get(j) else { continue };
            let by_containment = copy_score(
                &f.shingles,
                &other.shingles,
                config.copy_containment,
                config.copy_min_shared,
                is_rare,
            )
            .is_some();
            let by_passage = || {
                let needed = copies::min_passage(
                    config.copy_min_passage,
                    config.copy_passage_share,
                    f.shingles.len().min(other.shingles.len()),
                );
                needed > 0 && longest_shared_passage(&f.shingle_sequence, &other.shingles, is_rare) >= needed
            };
            if by_containment || by_passage() {
                let (ri, rj) = (root(&parent, i), root(&parent, j));
                let (keep, gone) = (ri.min(rj), ri.max(rj));
                if let Some(p) = parent.get_mut(gone) {
                    *p = keep;
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..items.len() {
        groups.entry(root(&parent, i)).or_default().push(i);
    }
    groups
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|g| {
            let original = g
                .iter()
                .copied()
                .min_by_key(|&i| {
                    let published = items.get(i).and_then(|(a, _)| engine::published_at(a));
                    let words = features.get(i).map_or(0, |f| f.word_count);
                    let never = (chrono::NaiveDate::MAX, chrono::NaiveTime::MIN);
                    (published.unwrap_or(never), std::cmp::Reverse(words), i)
                })
                .unwrap_or(0);
            let id = |i: usize| items.get(i).map(|(a, _)| a.id.clone()).unwrap_or_default();
            let agency = std::iter::once(original)
                .chain(g.iter().copied())
                .filter_map(|i| items.get(i))
                .find_map(|(a, _)| a.meta.agency.clone().filter(|s| !s.trim().is_empty()));
            CopyGroup {
                original: id(original),
                copies: g.iter().copied().filter(|&i| i != original).map(id).collect(),
                agency,
            }
        })
        .collect()
}

/// Cosine of two vectors of the same size; `None` when they are empty, of
/// different sizes, not finite or zero.
fn vector_cosine(a: &[f32], b: &[f32]) -> Option<f64> {
    if a.is_empty() || a.len() != b.len() {
        return None;
    }
    let (mut dot, mut na, mut nb) = (0.0f64, 0.0f64, 0.0f64);
    for (&x, &y) in a.iter().zip(b) {
        let (x, y) = (f64::from(x), f64::from(y));
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    let c = dot / (na.sqrt() * nb.sqrt());
    c.is_finite().then(|| c.clamp(-1.0, 1.0))
}

fn root(parent: &[usize], mut i: usize) -> usize {
    while let Some(&p) = parent.get(i) {
        if p == i {
            break;
        }
        i = p;
    }
    i
}

/// Pair similarity in [0, 1], the "same story" score of two articles alone.
///
/// Combines the TF-IDF-like cosine of stems (weights from the per-language priors,
/// no corpus statistics), the weighted cosine of entity keys (the cross-language
/// bridge), and shared figures and dates; publication dates further apart than
/// the default window lower the score gently.
pub fn similarity(a: (&Article, &Analysis), b: (&Article, &Analysis)) -> f64 {
    pair_signals(a, b).score
}

/// The signals behind [`similarity`], for explaining a score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairSignals {
    /// TF-IDF-like cosine of stems.
    pub text: f64,
    /// Weighted cosine of entity keys; `None` when one side has none.
    pub entities: Option<f64>,
    /// Cosine of figures and day dates; `None` when one side has none.
    pub figures: Option<f64>,
    /// Cosine of the two sentence embeddings, when both were given
    /// ([`pair_signals_with`]); the score counts it through
    /// `semantic_signal(cosine, semantic_floor, semantic_full)`.
    pub semantic: Option<f64>,
    pub same_language: bool,
    /// Publication days apart, when both are dated.
    pub days_apart: Option<i64>,
    /// The combined score, what [`similarity`] returns.
    pub score: f64,
}

/// Pair similarity with the signals it is made of (lexical signals only).
pub fn pair_signals(a: (&Article, &Analysis), b: (&Article, &Analysis)) -> PairSignals {
    pair_signals_with(a, b, None)
}

/// [`pair_signals`] with the two articles' sentence embeddings (a multilingual
/// encoder's vectors of [`embedding_text`], computed by the caller), which add
/// the semantic signal as the story engine counts it. `None`, or vectors that
/// are empty, of different sizes or not finite, give exactly [`pair_signals`].
pub fn pair_signals_with(
    a: (&Article, &Analysis),
    b: (&Article, &Analysis),
    embeddings: Option<(&[f32], &[f32])>,
) -> PairSignals {
    pair_signals_configured(a, b, embeddings, &StoryConfig::default())
}

/// [`pair_signals_with`] under another configuration (weights and thresholds
/// being evaluated on a development set).
pub fn pair_signals_configured(
    a: (&Article, &Analysis),
    b: (&Article, &Analysis),
    embeddings: Option<(&[f32], &[f32])>,
    config: &StoryConfig,
) -> PairSignals {
    let semantic_cosine = embeddings.and_then(|(x, y)| vector_cosine(x, y));
    let fa = features::extract(a.0, a.1, config);
    let fb = features::extract(b.0, b.1, config);
    let mut names: BTreeMap<String, u32> = BTreeMap::new();
    let mut vector = |map: &BTreeMap<String, f64>, prefix: &str| {
        let entries = map
            .iter()
            .map(|(k, w)| {
                let next = names.len() as u32;
                let id = *names.entry(format!("{prefix}{k}")).or_insert(next);
                (id, *w)
            })
            .collect();
        SparseVector::from_weights(entries)
    };
    let (ta, tb) = (vector(&fa.terms, "t:"), vector(&fb.terms, "t:"));
    let (ea, eb) = (vector(&fa.entities, "e:"), vector(&fb.entities, "e:"));
    let (na, nb) = (vector(&fa.names, "n:"), vector(&fb.names, "n:"));
    let mut marks = |list: &[String]| {
        let mut ids: Vec<u32> = list
            .iter()
            .map(|m| {
                let next = names.len() as u32;
                *names.entry(format!("m:{m}")).or_insert(next)
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let (ma, mb) = (marks(&fa.marks), marks(&fb.marks));
    let mut entities = (!ea.is_empty() && !eb.is_empty()).then(|| ea.cosine(&eb));
    if config.cross_language_names && fa.language != fb.language && !na.is_empty() && !nb.is_empty() {
        let names = na.cosine(&nb);
        entities = Some(entities.map_or(names, |e| e.max(names)));
    }
    let signals = Signals {
        text: ta.cosine(&tb),
        entities,
        figures: (!ma.is_empty() && !mb.is_empty()).then(|| set_cosine(&ma, &mb)),
        semantic: semantic_cosine.map(|c| semantic::semantic_signal(c, config.semantic_floor, config.semantic_full)),
        same_language: fa.language == fb.language,
    };
    let mut score = combine(&signals, config);
    let days_apart = match (fa.published, fb.published) {
        (Some(da), Some(db)) => Some((da - db).num_days().abs()),
        _ => None,
    };
    if let Some(apart) = days_apart {
        if apart > config.window_days {
            let extra = (apart - config.window_days) as f64;
            score *= (-extra / (12.0 * config.window_days as f64)).exp().max(0.25);
        }
    }
    PairSignals {
        text: signals.text,
        entities: signals.entities,
        figures: signals.figures,
        semantic: semantic_cosine,
        same_language: signals.same_language,
        days_apart,
        score: score.clamp(0.0, 1.0),
    }
}
