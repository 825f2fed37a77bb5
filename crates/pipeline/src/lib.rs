//! The whole recoupe path as a library, so the CLI stays thin and tests can
//! drive every stage: inputs → documents → articles → analyses → stories →
//! dossiers.

use recoupe_core::{Analysis, Article, Document, Severity, Story, Warning};
use recoupe_ingest::{InputError, ReadOptions};
use recoupe_store::{Store, StoreError};
use thiserror::Error;

pub use recoupe_analyze::{Analyzer, ANALYZER_VERSION};
pub use recoupe_dossier::Dossier;
pub use recoupe_stories::{StoryConfig, StoryEngine};

/// Version of the extraction code; stored articles made by another version are re-extracted.
pub const EXTRACTOR_VERSION: &str = concat!("extract-", env!("CARGO_PKG_VERSION"), "-1");

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
            ItemError::Panic { input } => input,
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
        let records: Vec<ExtractRecord> = pending
            .par_drain(..)
            .map(|item| match item {
                Ok(doc) => extract_record(&doc),
                Err(error) => ExtractRecord::Error(error.into()),
            })
            .collect();
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
/// run skips what is already stored with the current extractor.
pub fn ingest(
    store: &mut Store,
    inputs: &[String],
    options: &ReadOptions,
    progress: Progress,
) -> Result<IngestReport, PipelineError> {
    let mut report = IngestReport::default();
    let mut failure: Option<StoreError> = None;
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
                        if let Err(e) = store_batch(store, &mut batch, &mut report, progress) {
                            failure = Some(e);
                        }
                    }
                }
                Err(e) => report.errors.push(e.into()),
            }
        });
        if failure.is_none() {
            if let Err(e) = store_batch(store, &mut batch, &mut report, progress) {
                failure = Some(e);
            }
        }
        if let Some(e) = failure {
            return Err(e.into());
        }
    }
    Ok(report)
}

/// Stores one batch of documents and their articles in one transaction.
fn store_batch(
    store: &mut Store,
    batch: &mut Vec<Document>,
    report: &mut IngestReport,
    progress: Progress,
) -> Result<(), StoreError> {
    if batch.is_empty() {
        return Ok(());
    }
    // What is already stored with this extractor is skipped before the costly part.
    let mut todo: Vec<&Document> = Vec::new();
    for doc in batch.iter() {
        let current = store.extractor_version(doc.short_id())?.as_deref() == Some(EXTRACTOR_VERSION);
        if current {
            report.documents += 1;
            report.duplicates += 1;
            progress(report.documents, &doc.origin.label());
        } else {
            todo.push(doc);
        }
    }
    let results = extract_many(&todo);
    store.transaction(|s| {
        for (doc, result) in todo.iter().zip(results) {
            report.documents += 1;
            progress(report.documents, &doc.origin.label());
            if !s.put_document(doc)? {
                report.duplicates += 1;
            } else if s.copy_of(&doc.hash)?.is_some() {
                report.copies += 1;
            }
            match result {
                Ok(article) => {
                    s.put_article(&article, EXTRACTOR_VERSION)?;
                    report.note_warnings(&doc.origin.label(), &article);
                    report.articles += 1;
                }
                Err(e) => report.errors.push(e),
            }
        }
        Ok(())
    })?;
    batch.clear();
    Ok(())
}

/// Analyses articles (in parallel over the machine's cores), in input order.
pub fn analyze_all(analyzer: &Analyzer, articles: &[Article]) -> Vec<Analysis> {
    analyze_all_with_progress(analyzer, articles, &|_| {})
}

/// [`analyze_all`], calling `progress` with the number of articles done so far.
pub fn analyze_all_with_progress(
    analyzer: &Analyzer,
    articles: &[Article],
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<Analysis> {
    let done = std::sync::atomic::AtomicUsize::new(0);
    let one = |a: &Article| {
        let an = analyzer.analyze(a);
        progress(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
        an
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(articles.len().max(1));
    if threads <= 1 || articles.len() < 8 {
        return articles.iter().map(one).collect();
    }
    let chunk = articles.len().div_ceil(threads);
    let one = &one;
    std::thread::scope(|scope| {
        let handles: Vec<_> = articles
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
            .collect();
        // A worker that panicked (an analyser bug) must not shift the analyses
        // against their articles: its part is redone one article at a time, and
        // an article whose analysis panics again gets an empty analysis.
        handles
            .into_iter()
            .zip(articles.chunks(chunk))
            .flat_map(|(h, part)| {
                h.join()
                    .unwrap_or_else(|_| part.iter().map(|a| analyze_or_empty(analyzer, a)).collect())
            })
            .collect()
    })
}

fn analyze_or_empty(analyzer: &Analyzer, article: &Article) -> Analysis {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyzer.analyze(article))).unwrap_or_else(|_| Analysis {
        article_id: article.id.clone(),
        analyzer_version: analyzer.version().to_string(),
        ..Analysis::default()
    })
}

/// Analyses stored articles, reusing stored analyses of the current analyser version.
pub fn analyze_stored(
    store: &Store,
    analyzer: &Analyzer,
    articles: &[Article],
) -> Result<Vec<Analysis>, PipelineError> {
    let mut out = Vec::with_capacity(articles.len());
    for a in articles {
        match store.analysis(&a.id, analyzer.version())? {
            Some(an) => out.push(an),
            None => {
                let an = analyzer.analyze(a);
                store.put_analysis(&an)?;
                out.push(an);
            }
        }
    }
    Ok(out)
}

/// Groups a batch of articles into stories.
///
/// The story engine works on a stream and forgets articles that fall out of
/// its time window behind the latest date it has seen. A batch (a folder, a
/// dump) is not in publication order, so its dated articles are put in
/// publication order among themselves (ties in input order), while undated
/// articles keep their places: they match any date, so where they arrive does
/// not expire anything.
pub fn stories(articles: &[Article], analyses: &[Analysis], config: &StoryConfig) -> Vec<Story> {
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
    recoupe_stories::cluster(&ordered, config)
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
