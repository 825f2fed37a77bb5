//! The whole recoupe path as a library, so the CLI stays thin and tests can
//! drive every stage: inputs → documents → articles → analyses → stories →
//! dossiers.

use recoupe_core::{Analysis, Article, Document, Severity, Story, Warning};
use recoupe_ingest::InputError;
use thiserror::Error;

pub use recoupe_analyze::{Analyzer, ResourceError, ANALYZER_VERSION};
pub use recoupe_dossier as dossier;
pub use recoupe_dossier::{render_html_many, render_json, render_markdown, Dossier};
pub use recoupe_extract::{article_from_text, EXTRACTOR_VERSION};
pub use recoupe_ingest::ReadOptions;
pub use recoupe_store::{
    search, ArticleRow, DisagreementCount, DossierFacts, EntityStoryRow, EntitySummary, Storage, StorageWrite, Store,
    StoreError, StoryEntityFact, StoryMember, StoryPage, StoryQuery, StoryRead, StorySort, StoryState, StoryStorage,
    StorySummary, StoryWriter,
};

mod persisted;
mod semantic;
pub use persisted::{
    build_dossier_of, cache_dossier, dossier, dossier_facts, dossier_version, entity_key, members_fingerprint, story,
    story_page, story_state_version, summarize, update_stories, update_stories_in, update_stories_in_steps,
    DossierBuild, StoryUpdateReport,
};
pub use recoupe_embed::Encoder;
pub use recoupe_stories::{find_copies, pair_signals, pair_signals_with, StoryConfig, StoryEngine};
pub use semantic::{article_embedding, encoder_identity, sentence_encoder, story_features, story_features_with};

/// A problem with one input or document. The batch goes on.
#[derive(Debug, Error)]
pub enum ItemError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Extract(#[from] recoupe_extract::ExtractError),
    /// Extraction of this input panicked (a bug); the batch went on.
    #[error("{input}: internal error during extraction")]
    Panic { input: String },
    /// The analysis of one article panicked (an analyser bug on odd input).
    /// The article keeps an empty analysis and counts as a failed input.
    #[error("{input}: analysis failed ({message}); the article is kept without entities, dates, figures or quotes")]
    Analysis {
        input: String,
        article_id: String,
        message: String,
    },
}

impl ItemError {
    /// The input (file, URL, feed item, WARC record) the problem is about.
    pub fn input(&self) -> &str {
        use recoupe_extract::ExtractError as E;
        use recoupe_ingest::InputError as I;
        match self {
            ItemError::Input(
                I::NotFound { input }
                | I::Io { input, .. }
                | I::TooLarge { input, .. }
                | I::Gzip { input, .. }
                | I::Feed { input, .. }
                | I::Warc { input, .. }
                | I::Jsonl { input, .. }
                | I::Fetch { input, .. }
                | I::LinkLoop { input, .. }
                | I::BrokenLink { input },
            ) => input,
            ItemError::Extract(
                E::Empty { origin } | E::Binary { origin } | E::NoText { origin } | E::Html { origin, .. },
            ) => origin,
            ItemError::Panic { input } | ItemError::Analysis { input, .. } => input,
        }
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        use recoupe_extract::ExtractError as E;
        use recoupe_ingest::InputError as I;
        match self {
            ItemError::Input(I::NotFound { .. }) => "not_found",
            ItemError::Input(I::Io { .. }) => "io",
            ItemError::Input(I::TooLarge { .. }) => "too_large",
            ItemError::Input(I::Gzip { .. }) => "bad_gzip",
            ItemError::Input(I::Feed { .. }) => "bad_feed",
            ItemError::Input(I::Warc { .. }) => "bad_warc",
            ItemError::Input(I::Jsonl { .. }) => "bad_jsonl",
            ItemError::Input(I::Fetch { .. }) => "fetch_failed",
            ItemError::Input(I::LinkLoop { .. }) => "link_loop",
            ItemError::Input(I::BrokenLink { .. }) => "broken_link",
            ItemError::Extract(E::Empty { .. }) => "empty",
            ItemError::Extract(E::Binary { .. }) => "binary",
            ItemError::Extract(E::NoText { .. }) => "no_text",
            ItemError::Extract(E::Html { .. }) => "html",
            ItemError::Panic { .. } => "internal",
            ItemError::Analysis { .. } => "analysis_failed",
        }
    }
}

/// One result of [`extract_batch`]: the article of a document, or why there is none.
#[derive(Debug)]
pub enum ExtractRecord {
    Article { input: String, article: Box<Article> },
    Error(ItemError),
}

impl ExtractRecord {
    /// The input this record is about.
    pub fn input(&self) -> &str {
        match self {
            ExtractRecord::Article { input, .. } => input,
            ExtractRecord::Error(error) => error.input(),
        }
    }
}

/// Documents extracted together: enough to keep every core busy, few enough that a
/// folder of any size streams through bounded memory.
pub const BATCH_CHUNK: usize = 256;

/// Reads `inputs` and extracts every document on all cores, without a store; `sink`
/// gets one record per document (or per input that could not be read), in input order,
/// chunk by chunk as they are done. Unlike [`read_articles`], identical documents are
/// not merged: every input gets its record. A document whose extraction panics (a bug)
/// gets an `internal` error record and the batch goes on. Errors go to `sink` only; the
/// report counts documents and articles.
pub fn extract_batch(inputs: &[String], options: &ReadOptions, sink: &mut dyn FnMut(ExtractRecord)) -> IngestReport {
    use rayon::prelude::*;
    let mut report = IngestReport::default();
    let mut pending: Vec<Result<Document, InputError>> = Vec::with_capacity(BATCH_CHUNK);
    let mut flush = |pending: &mut Vec<Result<Document, InputError>>, report: &mut IngestReport| {
        let record = |item: Result<Document, InputError>| match item {
            Ok(doc) => extract_record(&doc),
            Err(error) => ExtractRecord::Error(error.into()),
        };
        // One document is done on this thread: starting the pool costs more
        // than it saves (a one-page command's start-up).
        let records: Vec<ExtractRecord> = if pending.len() <= 1 {
            pending.drain(..).map(record).collect()
        } else {
            pending.par_drain(..).map(record).collect()
        };
        for record in records {
            if let ExtractRecord::Article { .. } = record {
                report.articles += 1;
            }
            sink(record);
        }
    };
    for input in inputs {
        recoupe_ingest::read_input(input, options, &mut |item| {
            if item.is_ok() {
                report.documents += 1;
            }
            pending.push(item);
            if pending.len() >= BATCH_CHUNK {
                flush(&mut pending, &mut report);
            }
        });
    }
    flush(&mut pending, &mut report);
    report
}

fn extract_record(doc: &Document) -> ExtractRecord {
    let input = doc.origin.label();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| recoupe_extract::extract(doc))) {
        Ok(Ok(article)) => ExtractRecord::Article {
            input,
            article: Box::new(article),
        },
        Ok(Err(error)) => ExtractRecord::Error(error.into()),
        Err(_) => ExtractRecord::Error(ItemError::Panic { input }),
    }
}

/// Failures that stop the run: the store is unusable.
#[derive(Debug, Error)]
pub enum PipelineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The story engine state or a dossier could not be encoded (a bug).
    #[error("cannot save the stories: {0}")]
    State(String),
    /// Another writer (process or thread) saved the stories while this update
    /// was computing; nothing was written, a new update starts from its state.
    #[error("the stories were updated by another writer meanwhile; update again")]
    Concurrent,
}

/// What happened to each input of a batch.
#[derive(Debug, Default)]
pub struct IngestReport {
    pub documents: usize,
    /// Documents already in the store (same source and content).
    pub duplicates: usize,
    /// New documents whose bytes an earlier document from another source has (a reprint).
    pub copies: usize,
    pub articles: usize,
    pub errors: Vec<ItemError>,
    /// Warnings of extraction (not the informational ones), with the label of their input.
    pub warnings: Vec<(String, Warning)>,
    /// Time spent in the store (lookups and transactions), to tell a lagging database.
    pub commit_time: std::time::Duration,
}

impl IngestReport {
    /// Warning counts by code, most frequent first (ties by code), for an end-of-run summary.
    pub fn warning_summary(&self) -> Vec<(String, usize)> {
        let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for (_, w) in &self.warnings {
            *counts.entry(w.code.as_str()).or_default() += 1;
        }
        let mut out: Vec<(String, usize)> = counts.into_iter().map(|(c, n)| (c.to_string(), n)).collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    fn note_warnings(&mut self, label: &str, article: &Article) {
        for w in article.warnings.iter().filter(|w| w.severity >= Severity::Warning) {
            self.warnings.push((label.to_string(), w.clone()));
        }
    }
}

/// Progress callback: (documents done, current input label).
pub type Progress<'a> = &'a mut dyn FnMut(usize, &str);

/// Documents written per transaction: a crash loses at most one batch, and
/// the next run skips what was committed.
pub const BATCH: usize = 256;

/// Extracts documents on all cores, results in input order.
fn extract_many(docs: &[&Document]) -> Vec<Result<Article, ItemError>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(docs.len().max(1));
    if threads <= 1 || docs.len() < 4 {
        return docs.iter().map(|d| extract_or_error(d)).collect();
    }
    let chunk = docs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = docs
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|d| extract_or_error(d)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .zip(docs.chunks(chunk))
            .flat_map(|(h, part)| {
                // A panicking extractor is a bug; its part is redone one by one so
                // results never shift against their documents.
                h.join()
                    .unwrap_or_else(|_| part.iter().map(|d| extract_or_error(d)).collect())
            })
            .collect()
    })
}

fn extract_or_error(doc: &Document) -> Result<Article, ItemError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| recoupe_extract::extract(doc))) {
        Ok(r) => r.map_err(ItemError::from),
        Err(_) => Err(ItemError::Panic {
            input: doc.origin.label(),
        }),
    }
}

/// Names the inputs of analysis failures by the documents they came from
/// (`file.html (article 1a2b…)`) instead of the article's URL or id.
/// `labels` are (article id, input label) pairs.
pub fn name_failures(errors: &mut [ItemError], labels: &[(String, String)]) {
    for e in errors {
        if let ItemError::Analysis { input, article_id, .. } = e {
            if let Some((_, label)) = labels.iter().find(|(id, _)| id == article_id) {
                *input = format!("{label} (article {article_id})");
            }
        }
    }
}

/// Reads and extracts `inputs` without a store. A document read twice (same
/// source, same content) is kept once; another source's identical text is
/// kept as its own article. Returns articles in input order.
pub fn read_articles(
    inputs: &[String],
    options: &ReadOptions,
    progress: Progress,
) -> (Vec<(Document, Article)>, IngestReport) {
    let mut report = IngestReport::default();
    let mut out: Vec<(Document, Article)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut contents = std::collections::HashSet::new();
    let mut batch: Vec<Document> = Vec::new();
    let flush = |batch: &mut Vec<Document>, report: &mut IngestReport, out: &mut Vec<(Document, Article)>| {
        let docs: Vec<&Document> = batch.iter().collect();
        let results = extract_many(&docs);
        for (doc, result) in batch.drain(..).zip(results) {
            match result {
                Ok(article) => {
                    report.articles += 1;
                    report.note_warnings(&doc.origin.label(), &article);
                    out.push((doc, article));
                }
                Err(e) => report.errors.push(e),
            }
        }
    };
    for input in inputs {
        recoupe_ingest::read_input(input, options, &mut |r| match r {
            Ok(doc) => {
                report.documents += 1;
                progress(report.documents, &doc.origin.label());
                if !seen.insert(doc.hash.clone()) {
                    report.duplicates += 1;
                    return;
                }
                if !contents.insert(doc.content.clone()) {
                    report.copies += 1;
                }
                batch.push(doc);
                if batch.len() >= BATCH {
                    flush(&mut batch, &mut report, &mut out);
                }
            }
            Err(e) => report.errors.push(e.into()),
        });
    }
    flush(&mut batch, &mut report, &mut out);
    (out, report)
}

/// Reads, stores and extracts `inputs`. Raw documents are stored before
/// extraction, so a failing extraction loses nothing. Documents are committed
/// in batches of [`BATCH`]: a crash keeps every committed batch and the next
/// run skips what is already stored with the current extractor. Any
/// [`Storage`] engine runs the same code.
pub fn ingest<S: Storage + ?Sized>(
    store: &mut S,
    inputs: &[String],
    options: &ReadOptions,
    progress: Progress,
) -> Result<IngestReport, PipelineError> {
    ingest_inner(store, inputs, options, progress, false).map(|(report, _)| report)
}

/// As [`ingest`], and also returns the articles of the inputs (stored ones
/// reused when their extraction is current), each once, in input order: what
/// `brief --keep` needs without reading its inputs twice.
pub fn ingest_articles<S: Storage + ?Sized>(
    store: &mut S,
    inputs: &[String],
    options: &ReadOptions,
    progress: Progress,
) -> Result<(Vec<Article>, IngestReport), PipelineError> {
    ingest_inner(store, inputs, options, progress, true).map(|(report, articles)| (articles, report))
}

/// Reads `inputs` into documents without extracting them; `sink` gets each
/// document or the error of an input that could not be read, in input order
/// (what `recoupe feed` publishes).
pub fn read_documents(inputs: &[String], options: &ReadOptions, sink: &mut dyn FnMut(Result<Document, ItemError>)) {
    for input in inputs {
        recoupe_ingest::read_input(input, options, &mut |r| sink(r.map_err(ItemError::from)));
    }
}

fn ingest_inner<S: Storage + ?Sized>(
    store: &mut S,
    inputs: &[String],
    options: &ReadOptions,
    progress: Progress,
    keep: bool,
) -> Result<(IngestReport, Vec<Article>), PipelineError> {
    let mut report = IngestReport::default();
    let mut kept: Vec<Article> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut failure: Option<StoreError> = None;
    // One place that commits a batch, whether it filled up or its input ended.
    let mut commit = |batch: &mut Vec<Document>, report: &mut IngestReport| {
        let result = store_batch(
            store,
            batch,
            None,
            report,
            progress,
            keep.then_some((&mut kept, &mut seen)),
        );
        batch.clear();
        result
    };
    for input in inputs {
        let mut batch: Vec<Document> = Vec::new();
        recoupe_ingest::read_input(input, options, &mut |r| {
            if failure.is_some() {
                return;
            }
            match r {
                Ok(doc) => {
                    batch.push(doc);
                    if batch.len() >= BATCH {
                        failure = commit(&mut batch, &mut report).err();
                    }
                }
                Err(e) => report.errors.push(e.into()),
            }
        });
        if failure.is_none() {
            failure = commit(&mut batch, &mut report).err();
        }
        if let Some(e) = failure {
            return Err(e.into());
        }
    }
    Ok((report, kept))
}

/// Stores documents given whole (by the server's ingest endpoint) and
/// extracts their articles, as [`ingest`] does for inputs it reads.
pub fn ingest_documents(store: &mut Store, documents: Vec<Document>) -> Result<IngestReport, PipelineError> {
    let mut report = IngestReport::default();
    for chunk in documents.chunks(BATCH) {
        store_batch(store, chunk, None, &mut report, &mut |_, _| {}, None)?;
    }
    Ok(report)
}

/// Stores, extracts and (with an analyser) analyses one batch of documents in
/// one transaction: the documents, their articles and analyses are committed
/// together or not at all. Documents whose article is stored with the current
/// extractor are skipped before the costly part, so a batch read again (a
/// redelivered queue message, a re-run ingest) writes nothing new. This is the
/// step the queue workers run between a pull and its acknowledgement.
pub fn persist_documents<S: Storage + ?Sized>(
    store: &mut S,
    docs: &[Document],
    analyzer: Option<&Analyzer>,
) -> Result<IngestReport, StoreError> {
    let mut report = IngestReport::default();
    store_batch(store, docs, analyzer, &mut report, &mut |_, _| {}, None)?;
    Ok(report)
}

/// Stores one batch of documents and their articles in one transaction.
///
/// With `kept`, the articles of the batch (stored ones reused when their
/// extraction is current) are appended to it, each document once (`seen`).
fn store_batch<S: Storage + ?Sized>(
    store: &mut S,
    batch: &[Document],
    analyzer: Option<&Analyzer>,
    report: &mut IngestReport,
    progress: Progress,
    mut kept: Option<(&mut Vec<Article>, &mut std::collections::HashSet<String>)>,
) -> Result<(), StoreError> {
    if batch.is_empty() {
        return Ok(());
    }
    // What is already stored with this extractor is skipped before the costly part.
    let lookups = std::time::Instant::now();
    let mut todo: Vec<&Document> = Vec::new();
    for doc in batch.iter() {
        let current = store.extractor_version(doc.short_id())?.as_deref() == Some(EXTRACTOR_VERSION);
        if current {
            report.documents += 1;
            report.duplicates += 1;
            progress(report.documents, &doc.origin.label());
            if let Some((kept, seen)) = kept.as_mut() {
                if seen.insert(doc.hash.clone()) {
                    if let Some((article, _)) = store.article(doc.short_id())? {
                        kept.push(article);
                    }
                }
            }
        } else {
            todo.push(doc);
        }
    }
    report.commit_time += lookups.elapsed();
    let results = extract_many(&todo);
    // A panicking analysis leaves its article without one (reported below).
    let analyses: Vec<Option<Result<Analysis, String>>> = match analyzer {
        Some(analyzer) => {
            use rayon::prelude::*;
            results
                .par_iter()
                .map(|r| r.as_ref().ok().map(|a| analyze_one(analyzer, a)))
                .collect()
        }
        None => results.iter().map(|_| None).collect(),
    };
    // The transaction's counts replace the batch's only once it committed.
    let mut done = IngestReport::default();
    let committing = std::time::Instant::now();
    store.transaction(&mut |s| {
        done = IngestReport::default();
        for ((doc, result), analysis) in todo.iter().zip(&results).zip(&analyses) {
            done.documents += 1;
            progress(report.documents + done.documents, &doc.origin.label());
            if !s.put_document(doc)? {
                done.duplicates += 1;
            } else if s.copy_of(&doc.hash)?.is_some() {
                done.copies += 1;
            }
            if let Ok(article) = result {
                s.put_article(article, EXTRACTOR_VERSION)?;
                done.articles += 1;
                if let Some(Ok(analysis)) = analysis {
                    s.put_analysis(analysis)?;
                }
            }
        }
        Ok(())
    })?;
    report.commit_time += committing.elapsed();
    report.documents += done.documents;
    report.duplicates += done.duplicates;
    report.copies += done.copies;
    report.articles += done.articles;
    for ((doc, result), analysis) in todo.iter().zip(results).zip(analyses) {
        match result {
            Ok(article) => {
                report.note_warnings(&doc.origin.label(), &article);
                if let Some(Err(message)) = analysis {
                    report.errors.push(ItemError::Analysis {
                        input: format!("{} (article {})", doc.origin.label(), article.id),
                        article_id: article.id.clone(),
                        message,
                    });
                }
                if let Some((kept, seen)) = kept.as_mut() {
                    if seen.insert(doc.hash.clone()) {
                        kept.push(article);
                    }
                }
            }
            Err(e) => report.errors.push(e),
        }
    }
    Ok(())
}

/// Analyses articles on rayon's pool (all cores), in input order. A panic in
/// the analysis of one article is caught: that article gets an empty
/// analysis and an [`ItemError::Analysis`] naming it, and the others go on.
pub fn analyze_all(analyzer: &Analyzer, articles: &[Article]) -> (Vec<Analysis>, Vec<ItemError>) {
    analyze_all_with_progress(analyzer, articles, &|_| {})
}

/// [`analyze_all`], calling `progress` with the number of articles done so far.
pub fn analyze_all_with_progress(
    analyzer: &Analyzer,
    articles: &[Article],
    progress: &(dyn Fn(usize) + Sync),
) -> (Vec<Analysis>, Vec<ItemError>) {
    use rayon::prelude::*;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<Analysis, String>> = articles
        .par_iter()
        .map(|a| {
            let result = analyze_one(analyzer, a);
            progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
            result
        })
        .collect();
    let mut analyses = Vec::with_capacity(articles.len());
    let mut errors = Vec::new();
    for (article, result) in articles.iter().zip(results) {
        match result {
            Ok(an) => analyses.push(an),
            Err(message) => {
                errors.push(ItemError::Analysis {
                    input: input_name(article),
                    article_id: article.id.clone(),
                    message,
                });
                analyses.push(empty_analysis(analyzer, article));
            }
        }
    }
    (analyses, errors)
}

/// How an error names an article: its URL when known, else its id.
fn input_name(article: &Article) -> String {
    match &article.meta.url {
        Some(url) => format!("{url} (article {})", article.id),
        None => format!("article {}", article.id),
    }
}

fn empty_analysis(analyzer: &Analyzer, article: &Article) -> Analysis {
    Analysis {
        article_id: article.id.clone(),
        analyzer_version: analyzer.version().to_string(),
        language: article.language().to_string(),
        ..Analysis::default()
    }
}

/// One analysis, with a panic turned into its message.
fn analyze_one(analyzer: &Analyzer, article: &Article) -> Result<Analysis, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyzer.analyze(article))).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string())
    })
}

/// Analyses stored articles, reusing stored analyses of the current analyser
/// version. A panicking analysis is reported as in [`analyze_all`] and not stored.
pub fn analyze_stored<S: Storage + ?Sized>(
    store: &S,
    analyzer: &Analyzer,
    articles: &[Article],
) -> Result<(Vec<Analysis>, Vec<ItemError>), PipelineError> {
    let mut out = Vec::with_capacity(articles.len());
    let mut errors = Vec::new();
    for a in articles {
        match store.analysis(&a.id, analyzer.version())? {
            Some(an) => out.push(an),
            None => match analyze_one(analyzer, a) {
                Ok(an) => {
                    store.put_analysis(&an)?;
                    out.push(an);
                }
                Err(message) => {
                    errors.push(ItemError::Analysis {
                        input: input_name(a),
                        article_id: a.id.clone(),
                        message,
                    });
                    out.push(empty_analysis(analyzer, a));
                }
            },
        }
    }
    Ok((out, errors))
}

/// Groups a batch of articles into stories.
///
/// The story engine works on a stream and forgets articles that fall out of
/// its time window behind the latest date it has seen. A batch (a folder, a
/// dump) is not in publication order, so its dated articles are put in
/// publication order among themselves (ties in input order), while undated
/// articles keep their places: they match any date, so where they arrive does
/// not expire anything.
///
/// For stories persisted in the store and updated as articles arrive, see
/// [`update_stories`].
pub fn stories(articles: &[Article], analyses: &[Analysis], config: &StoryConfig) -> Vec<Story> {
    stories_with(articles, analyses, config, sentence_encoder())
}

/// [`stories`] with a given sentence encoder (or none: words, entities and
/// figures alone).
pub fn stories_with(
    articles: &[Article],
    analyses: &[Analysis],
    config: &StoryConfig,
    encoder: Option<&Encoder>,
) -> Vec<Story> {
    let items: Vec<(&Article, &Analysis)> = articles.iter().zip(analyses).collect();
    let mut dated: Vec<(&Article, &Analysis)> = items
        .iter()
        .copied()
        .filter(|(a, _)| recoupe_stories::published_at(a).is_some())
        .collect();
    // By the publication time itself (a date-only article among timed ones of
    // its day sorts after them), not by the variant of its stamp.
    dated.sort_by_key(|(a, _)| recoupe_stories::published_at(a));
    let mut dated = dated.into_iter();
    let ordered: Vec<(&Article, &Analysis)> = items
        .iter()
        .map(|&(a, an)| {
            if recoupe_stories::published_at(a).is_some() {
                dated.next().unwrap_or((a, an))
            } else {
                (a, an)
            }
        })
        .collect();
    let mut engine = StoryEngine::new(config.clone());
    for features in story_features_with(&ordered, config, encoder) {
        engine.add_features(features);
    }
    engine.stories()
}

/// One dossier per story, largest stories first (ties by story id).
pub fn dossiers(stories: &[Story], articles: &[Article], analyses: &[Analysis]) -> Vec<Dossier> {
    let position: std::collections::HashMap<&str, usize> =
        articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let mut ordered: Vec<&Story> = stories.iter().collect();
    ordered.sort_by(|a, b| b.article_ids.len().cmp(&a.article_ids.len()).then(a.id.cmp(&b.id)));
    ordered
        .into_iter()
        .map(|story| {
            let items: Vec<(&Article, &Analysis)> = story
                .article_ids
                .iter()
                .filter_map(|id| {
                    let i = *position.get(id.as_str())?;
                    Some((articles.get(i)?, analyses.get(i)?))
                })
                .collect();
            recoupe_dossier::build_dossier(story, &items)
        })
        .collect()
}
