//! Stories persisted in the store and updated incrementally.
//!
//! [`update_stories`] restores the saved story engine, feeds it the articles
//! ingested since it last read the store (dated ones in publication order, as
//! [`crate::stories`] does for a batch), and writes the stories that changed,
//! their members, summaries and copy groups, the merges, and the new engine
//! state in one transaction. Readers ([`story_page`], [`story`], [`dossier`])
//! only read rows: nothing is recomputed to list stories or show one, and a
//! story's dossier is built once and cached until its members change.
//!
//! Feeding the same articles in the same order gives the same stories whether
//! they come in one update or several (the engine's state is saved whole). An
//! update whose articles are dated before ones already fed puts them after those
//! (the engine is a stream); a single batch would have sorted them in, which can
//! move a bridging article (the bound of `crates/stories/tests/stories.rs`).

use std::collections::HashMap;

use recoupe_core::{Analysis, Article, JoinReason, Story};
use recoupe_dossier::Dossier;
use recoupe_store::{
    DossierFacts, StoryEntityFact, StoryMember, StoryPage, StoryQuery, StoryState, StoryStorage, StorySummary,
    StoryWrite, StoryWriter,
};
use recoupe_stories::{StoryConfig, StoryEngine};

use crate::{analyze_one, empty_analysis, input_name, Analyzer, ItemError, PipelineError, Store};

/// Articles read, analysed and fed per step of an update (bounds memory on a
/// rebuild of a large store).
const UPDATE_CHUNK: usize = 512;

/// What [`update_stories`] did.
#[derive(Debug, Default)]
pub struct StoryUpdateReport {
    /// Articles fed to the engine.
    pub fed: usize,
    /// Why the saved state was dropped and the stories rebuilt from scratch
    /// (code, analyser or configuration changed; unreadable state), if it was.
    pub rebuilt: Option<String>,
    /// Stories written (new or changed).
    pub changed: usize,
    /// Stories absorbed by another.
    pub merged: usize,
    /// Articles fed so far, all updates together.
    pub total_articles: u64,
    /// Analyses that failed (the article joined with an empty analysis).
    pub errors: Vec<ItemError>,
}

/// The version a saved engine state must carry to be restored: the story
/// code, the extractor and analyser that made its inputs, and the configuration.
pub fn story_state_version(analyzer: &Analyzer, config: &StoryConfig) -> String {
    let config_json = serde_json::to_string(config).unwrap_or_default();
    let config_hash = recoupe_core::content_hash(config_json.as_bytes());
    format!(
        "{}|{}|{}|config-{}|{}",
        recoupe_stories::STORIES_VERSION,
        crate::EXTRACTOR_VERSION,
        analyzer.version(),
        config_hash.get(..12).unwrap_or(&config_hash),
        crate::encoder_identity()
    )
}

/// Brings the persisted stories up to date with the store: feeds the articles
/// ingested since the last update (computing and storing missing analyses) and
/// writes what changed in one transaction. `progress(done, total)` counts the
/// articles fed. A state made by another version (see [`story_state_version`])
/// is dropped and every stored article is fed again (`rebuilt` says why).
///
/// A backlog larger than [`UPDATE_STEP`] articles (a first update, a rebuild)
/// is fed and committed in steps of that many articles in ingest order, each
/// sorted as above: memory stays bounded by a step whatever the store's size,
/// readers see the stories grow, and an interrupted rebuild resumes from its
/// last step. On the embedded store; [`update_stories_in`] on any engine.
pub fn update_stories(
    store: &mut Store,
    analyzer: &Analyzer,
    config: &StoryConfig,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<StoryUpdateReport, PipelineError> {
    update_stories_in(store, analyzer, config, progress)
}

/// [`update_stories`] on any store that keeps stories (SQLite, PostgreSQL).
/// Several processes may call it on one store: the writes of each step are
/// committed only if no other update committed since it read the state
/// (checked inside [`StoryStorage::story_transaction`], where no other update
/// can commit); otherwise it writes nothing and returns
/// [`PipelineError::Concurrent`].
pub fn update_stories_in<S: StoryStorage + ?Sized>(
    store: &mut S,
    analyzer: &Analyzer,
    config: &StoryConfig,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<StoryUpdateReport, PipelineError> {
    update_stories_in_steps(store, analyzer, config, UPDATE_STEP, progress)
}

/// [`update_stories_in`] with steps of `step` articles (at least one).
pub fn update_stories_in_steps<S: StoryStorage + ?Sized>(
    store: &mut S,
    analyzer: &Analyzer,
    config: &StoryConfig,
    step: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<StoryUpdateReport, PipelineError> {
    let step_limit = step.max(1);
    let version = story_state_version(analyzer, config);
    let from = match store.story_progress()? {
        Some((seq, v)) if v == version => seq,
        _ => 0,
    };
    let total = store.articles_since(from)?.len();
    let mut report = StoryUpdateReport::default();
    loop {
        let done = report.fed;
        let step = update_step(store, analyzer, config, step_limit, &mut |fed, _| {
            progress(done + fed, total)
        })?;
        report.fed += step.fed;
        report.changed += step.changed;
        report.merged += step.merged;
        report.total_articles = step.total_articles;
        report.errors.extend(step.errors);
        if report.rebuilt.is_none() {
            report.rebuilt = step.rebuilt;
        }
        if !step.more {
            return Ok(report);
        }
    }
}

/// Articles fed and committed per step of a large update.
const UPDATE_STEP: usize = 10_000;

/// One step of [`update_stories`]: at most `limit` articles (more only to keep
/// the articles of one ingested document together).
struct UpdateStep {
    fed: usize,
    rebuilt: Option<String>,
    changed: usize,
    merged: usize,
    total_articles: u64,
    errors: Vec<ItemError>,
    /// Articles were left for the next step.
    more: bool,
}

fn update_step<S: StoryStorage + ?Sized>(
    store: &mut S,
    analyzer: &Analyzer,
    config: &StoryConfig,
    limit: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<UpdateStep, PipelineError> {
    let version = story_state_version(analyzer, config);
    let mut report = StoryUpdateReport::default();
    let started_from = store.story_progress()?.map(|(seq, _)| seq);
    let (mut engine, fed_seq) = match store.story_state()? {
        Some(state) if state.version == version => match StoryEngine::from_bytes(&state.engine) {
            Ok(engine) => (engine, state.fed_seq),
            Err(e) => {
                report.rebuilt = Some(format!("{e}; stories rebuilt from scratch"));
                (StoryEngine::new(config.clone()), 0)
            }
        },
        Some(_) => {
            report.rebuilt = Some(
                "the story code, the extractor, the analyser or the story configuration changed; stories rebuilt from scratch"
                    .to_string(),
            );
            (StoryEngine::new(config.clone()), 0)
        }
        None => (StoryEngine::new(config.clone()), 0),
    };
    let mut last_seq = store.last_ingested_seq()?;
    let mut pending = store.articles_since(fed_seq)?;
    // Documents stored since `last_seq` was read are left to the next update
    // (the state records `last_seq` as read; feeding them now would feed them twice).
    pending.retain(|(seq, _, _)| *seq <= last_seq);
    if pending.is_empty() && report.rebuilt.is_none() && fed_seq == last_seq {
        report.total_articles = engine.len() as u64;
        return Ok(report.into_step(false));
    }
    let mut more = false;
    if let Some(&(boundary, _, _)) = pending.get(limit) {
        // The step ends before the first article of the next document.
        let keep = pending
            .iter()
            .position(|(seq, _, _)| *seq >= boundary)
            .unwrap_or(pending.len());
        if keep > 0 {
            pending.truncate(keep);
            last_seq = pending[keep - 1].0;
            more = true;
        }
    }

    // Dated articles in publication order among themselves, undated ones in
    // place (as `crate::stories` orders a batch).
    let mut dated: Vec<usize> = (0..pending.len())
        .filter(|&i| recoupe_stories::published_at_stamp(pending[i].2).is_some())
        .collect();
    dated.sort_by_key(|&i| recoupe_stories::published_at_stamp(pending[i].2));
    let mut dated_iter = dated.into_iter();
    let order: Vec<&str> = (0..pending.len())
        .map(|i| {
            let slot = if recoupe_stories::published_at_stamp(pending[i].2).is_some() {
                dated_iter.next().unwrap_or(i)
            } else {
                i
            };
            pending[slot].1.as_str()
        })
        .collect();

    let total = order.len();
    let mut members: Vec<StoryMember> = Vec::with_capacity(total);
    for chunk in order.chunks(UPDATE_CHUNK) {
        let mut articles: Vec<Article> = Vec::with_capacity(chunk.len());
        for id in chunk {
            if let Some(article) = store.article_by_id(id)? {
                articles.push(article);
            }
        }
        let analyses = analyses_of(store, analyzer, &articles, &mut report.errors)?;
        let items: Vec<(&Article, &Analysis)> = articles.iter().zip(&analyses).collect();
        for (features, article) in crate::story_features(&items, config).into_iter().zip(&articles) {
            engine.add_features(features);
            let position = engine.position(&article.id).unwrap_or(0) as i64;
            // The reason is filled from the story below.
            let reason = JoinReason {
                article_id: article.id.clone(),
                matched: None,
                score: 0.0,
                threshold: 0.0,
                shared_terms: Vec::new(),
                shared_entities: Vec::new(),
            };
            members.push(StoryMember::of(article, position, reason));
            report.fed += 1;
        }
        progress(report.fed, total);
    }

    let changes = engine.take_changes();
    let stories: Vec<Story> = changes.stories.iter().filter_map(|id| engine.story(id)).collect();
    let mut reasons: HashMap<&str, &JoinReason> = HashMap::new();
    for story in &stories {
        for reason in &story.reasons {
            reasons.insert(reason.article_id.as_str(), reason);
        }
    }
    let mut write = StoryWrite {
        merged: changes.merged.clone(),
        ..StoryWrite::default()
    };
    for mut member in members {
        if let Some(reason) = reasons.get(member.article_id.as_str()) {
            member.reason = (*reason).clone();
        }
        let story_id = engine.story_id(&member.article_id).unwrap_or_default();
        write.members.push((story_id, member));
    }
    let state = StoryState {
        version,
        fed_seq: last_seq,
        articles: engine.len() as u64,
        engine: engine.to_bytes().map_err(|e| PipelineError::State(e.to_string()))?,
    };
    report.changed = stories.len();
    report.merged = changes.merged.len();
    report.total_articles = state.articles;
    let rebuild = report.rebuilt.is_some();
    // The transaction's closure runs once and takes the writes from these.
    let mut write = Some(write);
    let mut stories = Some(stories);
    let mut state = Some(state);
    let written = store.story_transaction(&mut |s: &dyn StoryWriter| {
        // One writer at a time: a state saved since this update read its own
        // (another process's `recoupe ingest`, the server) wins; this one is dropped.
        if s.story_progress()?.map(|(seq, _)| seq) != started_from {
            return Ok(false);
        }
        let (Some(write), Some(stories), Some(state)) = (write.take(), stories.take(), state.take()) else {
            return Ok(false);
        };
        if rebuild {
            s.clear_stories()?;
        }
        s.apply_story_update(&write, last_seq)?;
        // Summaries read the members as they now stand (older ones from the store).
        let mut rest = StoryWrite {
            state: Some(state),
            ..StoryWrite::default()
        };
        for story in stories {
            let members = s.story_members(&story.id)?;
            let summary = summarize(&story, &members, last_seq);
            rest.stories.push((story, summary));
        }
        s.apply_story_update(&rest, last_seq)?;
        Ok(true)
    })?;
    if !written {
        return Err(PipelineError::Concurrent);
    }
    Ok(report.into_step(more))
}

impl StoryUpdateReport {
    fn into_step(self, more: bool) -> UpdateStep {
        UpdateStep {
            fed: self.fed,
            rebuilt: self.rebuilt,
            changed: self.changed,
            merged: self.merged,
            total_articles: self.total_articles,
            errors: self.errors,
            more,
        }
    }
}

/// Stored analyses of the current analyser, the missing ones computed on all
/// cores and stored (one transaction). A failed analysis is reported and
/// replaced by an empty one, not stored.
fn analyses_of<S: StoryStorage + ?Sized>(
    store: &mut S,
    analyzer: &Analyzer,
    articles: &[Article],
    errors: &mut Vec<ItemError>,
) -> Result<Vec<Analysis>, PipelineError> {
    use rayon::prelude::*;
    let mut out: Vec<Option<Analysis>> = Vec::with_capacity(articles.len());
    for a in articles {
        out.push(store.analysis(&a.id, analyzer.version())?);
    }
    let missing: Vec<usize> = (0..articles.len()).filter(|&i| out[i].is_none()).collect();
    let computed: Vec<(usize, Result<Analysis, String>)> = missing
        .par_iter()
        .map(|&i| (i, analyze_one(analyzer, &articles[i])))
        .collect();
    let mut computed = Some(computed);
    store.transaction(&mut |s| {
        for (i, result) in computed.take().unwrap_or_default() {
            let article = &articles[i];
            match result {
                Ok(analysis) => {
                    s.put_analysis(&analysis)?;
                    out[i] = Some(analysis);
                }
                Err(message) => {
                    errors.push(ItemError::Analysis {
                        input: input_name(article),
                        article_id: article.id.clone(),
                        message,
                    });
                    out[i] = Some(empty_analysis(analyzer, article));
                }
            }
        }
        Ok(())
    })?;
    Ok(out
        .into_iter()
        .zip(articles)
        .map(|(a, article)| a.unwrap_or_else(|| empty_analysis(analyzer, article)))
        .collect())
}

/// The summary row of a story from its members' facts (`members` in any order).
pub fn summarize(story: &Story, members: &[StoryMember], updated_seq: i64) -> StorySummary {
    let mut sources: Vec<&str> = members
        .iter()
        .filter(|m| story.original_of(&m.article_id).is_none())
        .map(|m| m.source.as_str())
        .collect();
    sources.sort_unstable();
    sources.dedup();
    let mut languages: Vec<String> = members.iter().map(|m| m.language.clone()).collect();
    languages.sort();
    languages.dedup();
    let days = members.iter().filter_map(|m| m.published.as_deref());
    StorySummary {
        id: story.id.clone(),
        position: members.iter().map(|m| m.position).min().unwrap_or(0),
        title: story.title.clone(),
        size: story.article_ids.len(),
        outlets: sources.len(),
        languages,
        first_published: days.clone().min().map(str::to_string),
        last_published: days.max().map(str::to_string),
        copies: story.copy_groups.iter().map(|g| g.copies.len()).sum(),
        updated_seq,
    }
}

/// One page of the persisted story list (see [`StoryQuery`]).
pub fn story_page<S: StoryStorage + ?Sized>(store: &S, query: &StoryQuery) -> Result<StoryPage, PipelineError> {
    Ok(store.story_page(query)?)
}

/// A persisted story by id; the id of a story merged into another gives that one.
pub fn story<S: StoryStorage + ?Sized>(store: &S, id: &str) -> Result<Option<Story>, PipelineError> {
    match store.resolve_story(id)? {
        Some(id) => Ok(store.story(&id)?),
        None => Ok(None),
    }
}

/// The version a cached dossier must carry: the dossier code and the analyser.
pub fn dossier_version(analyzer: &Analyzer) -> String {
    format!("{}|{}", recoupe_dossier::DOSSIER_VERSION, analyzer.version())
}

/// A fingerprint of a story's members (ids in order): a cached dossier of
/// other members is stale.
pub fn members_fingerprint(story: &Story) -> String {
    let hash = recoupe_core::content_hash(story.article_ids.join("\n").as_bytes());
    hash.get(..32).unwrap_or(&hash).to_string()
}

/// The dossier of a persisted story (id resolved through merges), from the
/// cache when it was built for the same members by the same code; otherwise
/// built from the stored articles and analyses and cached.
pub fn dossier<S: StoryStorage + ?Sized>(
    store: &S,
    analyzer: &Analyzer,
    id: &str,
) -> Result<Option<Dossier>, PipelineError> {
    let Some(story) = story(store, id)? else {
        return Ok(None);
    };
    let build = build_dossier_of(store, analyzer, &story)?;
    if build.cached {
        return Ok(Some(build.dossier));
    }
    cache_dossier(store, &build)?;
    Ok(Some(build.dossier))
}

/// A story's dossier read from the cache or built, and what caching it writes.
#[derive(Debug, Clone)]
pub struct DossierBuild {
    pub story_id: String,
    pub fingerprint: String,
    pub version: String,
    pub dossier: Dossier,
    /// Read from the cache (nothing to write).
    pub cached: bool,
}

/// The dossier of `story` from the cache, or built from the stored articles
/// and analyses without writing anything: a reader builds, the writer caches
/// ([`cache_dossier`]).
pub fn build_dossier_of<S: StoryStorage + ?Sized>(
    store: &S,
    analyzer: &Analyzer,
    story: &Story,
) -> Result<DossierBuild, PipelineError> {
    let fingerprint = members_fingerprint(story);
    let version = dossier_version(analyzer);
    if let Some(body) = store.cached_dossier(&story.id, &fingerprint, &version)? {
        if let Ok(dossier) = serde_json::from_str::<Dossier>(&body) {
            return Ok(DossierBuild {
                story_id: story.id.clone(),
                fingerprint,
                version,
                dossier,
                cached: true,
            });
        }
    }
    let mut articles = Vec::with_capacity(story.article_ids.len());
    for id in &story.article_ids {
        if let Some(article) = store.article_by_id(id)? {
            articles.push(article);
        }
    }
    let analyses = stored_analyses(store, analyzer, &articles)?;
    let items: Vec<(&Article, &Analysis)> = articles.iter().zip(&analyses).collect();
    let dossier = recoupe_dossier::build_dossier(story, &items);
    Ok(DossierBuild {
        story_id: story.id.clone(),
        fingerprint,
        version,
        dossier,
        cached: false,
    })
}

/// Stored analyses of the current analyser; a missing one is computed, not stored.
fn stored_analyses<S: StoryStorage + ?Sized>(
    store: &S,
    analyzer: &Analyzer,
    articles: &[Article],
) -> Result<Vec<Analysis>, PipelineError> {
    let mut out = Vec::with_capacity(articles.len());
    for a in articles {
        match store.analysis(&a.id, analyzer.version())? {
            Some(analysis) => out.push(analysis),
            None => out.push(analyze_one(analyzer, a).unwrap_or_else(|_| empty_analysis(analyzer, a))),
        }
    }
    Ok(out)
}

/// Caches a built dossier with the facts lists need (one transaction when
/// the caller holds one; call on the writer).
pub fn cache_dossier<W: StoryWriter + ?Sized>(
    store: &W,
    build: &DossierBuild,
) -> Result<(), recoupe_store::StoreError> {
    let body = serde_json::to_string(&build.dossier)?;
    store.put_dossier(&build.story_id, &build.fingerprint, &build.version, &body)?;
    // Facts are stamped as counted on the story as it stands: a dossier built
    // before the story changed (an update ran between build and cache) does not
    // get to say so; the story stays in the queue of stories to count.
    let current = store.story(&build.story_id)?;
    if current.is_some_and(|story| members_fingerprint(&story) == build.fingerprint) {
        store.put_dossier_facts(&build.story_id, &dossier_facts(&build.dossier))?;
    }
    Ok(())
}

/// The key an entity is known by across stories.
pub fn entity_key(e: &recoupe_dossier::Entity) -> String {
    e.keys
        .first()
        .cloned()
        .unwrap_or_else(|| recoupe_core::fold_key(&e.name))
}

/// What lists and entity pages need from a dossier.
pub fn dossier_facts(d: &Dossier) -> DossierFacts {
    let mut entities: Vec<StoryEntityFact> = Vec::with_capacity(d.entities.len());
    for e in &d.entities {
        let mut articles: Vec<String> = e
            .sources
            .iter()
            .filter_map(|n| d.sources.iter().find(|s| s.number == *n))
            .map(|s| s.article_id.clone())
            .collect();
        articles.sort();
        articles.dedup();
        let mut roles: Vec<String> = e.roles.iter().map(|r| r.role.clone()).collect();
        roles.sort();
        roles.dedup();
        let key = entity_key(e);
        // Two entities of one dossier under one key: one row, counts added.
        if let Some(same) = entities.iter_mut().find(|x| x.key == key) {
            same.mentions += e.mention_count;
            same.aliases.extend(e.aliases.iter().cloned());
            same.roles.extend(roles);
            same.articles.extend(articles);
            continue;
        }
        entities.push(StoryEntityFact {
            key,
            name: e.name.clone(),
            kind: e.kind.clone(),
            mentions: e.mention_count,
            aliases: e.aliases.clone(),
            roles,
            articles,
        });
    }
    DossierFacts {
        disagreements: d.disagreements.len(),
        entities,
    }
}
