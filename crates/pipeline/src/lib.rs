//! The whole recoupe path as a library, so the CLI stays thin and tests can
//! drive every stage: inputs → documents → articles → analyses → stories →
//! dossiers.

use recoupe_core::{Analysis, Article, Document, Story};
use recoupe_ingest::InputError;
use thiserror::Error;

pub use recoupe_analyze::{Analyzer, ResourceError, ANALYZER_VERSION};
pub use recoupe_dossier::{render_html_many, render_json, render_markdown, Dossier};
pub use recoupe_extract::{article_from_text, EXTRACTOR_VERSION};
pub use recoupe_ingest::ReadOptions;
pub use recoupe_store::{Store, StoreError};
pub use recoupe_stories::{find_copies, pair_signals, StoryConfig, StoryEngine};

/// A problem with one input or document. The batch goes on.
#[derive(Debug, Error)]
pub enum ItemError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Extract(#[from] recoupe_extract::ExtractError),
    /// The analysis of one article panicked (an analyser bug on odd input).
    /// The article keeps an empty analysis and counts as a failed input.
    #[error("{input}: analysis failed ({message}); the article is kept without entities, dates, figures or quotes")]
    Analysis {
        input: String,
        article_id: String,
        message: String,
    },
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
    /// Documents already in the store (same content hash).
    pub duplicates: usize,
    pub articles: usize,
    pub errors: Vec<ItemError>,
}

/// Progress callback: (documents done, current input label).
pub type Progress<'a> = &'a mut dyn FnMut(usize, &str);

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

/// Reads and extracts `inputs` without a store. Documents with the same
/// content hash are kept once. Returns articles in input order.
pub fn read_articles(
    inputs: &[String],
    options: &ReadOptions,
    progress: Progress,
) -> (Vec<(Document, Article)>, IngestReport) {
    let mut report = IngestReport::default();
    let mut out: Vec<(Document, Article)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for input in inputs {
        recoupe_ingest::read_input(input, options, &mut |r| match r {
            Ok(doc) => {
                report.documents += 1;
                progress(report.documents, &doc.origin.label());
                if !seen.insert(doc.hash.clone()) {
                    report.duplicates += 1;
                    return;
                }
                match recoupe_extract::extract(&doc) {
                    Ok(article) => {
                        report.articles += 1;
                        out.push((doc, article));
                    }
                    Err(e) => report.errors.push(e.into()),
                }
            }
            Err(e) => report.errors.push(e.into()),
        });
    }
    (out, report)
}

/// Reads, stores and extracts `inputs`. Raw documents are stored before
/// extraction, so a failing extraction loses nothing.
pub fn ingest(
    store: &mut Store,
    inputs: &[String],
    options: &ReadOptions,
    progress: Progress,
) -> Result<IngestReport, PipelineError> {
    ingest_inner(store, inputs, options, progress, false).map(|(report, _)| report)
}

/// As [`ingest`], and also returns the articles of the inputs (stored ones
/// reused when their extraction is current), each once, in input order: what
/// `brief --store` needs without reading its inputs twice.
pub fn ingest_articles(
    store: &mut Store,
    inputs: &[String],
    options: &ReadOptions,
    progress: Progress,
) -> Result<(Vec<Article>, IngestReport), PipelineError> {
    ingest_inner(store, inputs, options, progress, true).map(|(report, articles)| (articles, report))
}

fn ingest_inner(
    store: &mut Store,
    inputs: &[String],
    options: &ReadOptions,
    progress: Progress,
    keep: bool,
) -> Result<(IngestReport, Vec<Article>), PipelineError> {
    let mut report = IngestReport::default();
    let mut kept: Vec<Article> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for input in inputs {
        let mut docs: Vec<Document> = Vec::new();
        recoupe_ingest::read_input(input, options, &mut |r| match r {
            Ok(doc) => docs.push(doc),
            Err(e) => report.errors.push(e.into()),
        });
        // One transaction per input: an input is stored whole or not at all.
        store.transaction(|s| {
            for doc in &docs {
                report.documents += 1;
                progress(report.documents, &doc.origin.label());
                let first_in_batch = seen.insert(doc.hash.clone());
                if !s.put_document(doc)? {
                    report.duplicates += 1;
                    if let Some((article, _)) = s.article(doc.short_id())?.filter(|(_, v)| v == EXTRACTOR_VERSION) {
                        if keep && first_in_batch {
                            kept.push(article);
                        }
                        continue;
                    }
                }
                match recoupe_extract::extract(doc) {
                    Ok(article) => {
                        s.put_article(&article, EXTRACTOR_VERSION)?;
                        report.articles += 1;
                        if keep && first_in_batch {
                            kept.push(article);
                        }
                    }
                    Err(e) => report.errors.push(e.into()),
                }
            }
            Ok(())
        })?;
    }
    Ok((report, kept))
}

/// Analyses articles on rayon's pool (all cores), in input order. A panic in
/// the analysis of one article is caught: that article gets an empty
/// analysis and an [`ItemError::Analysis`] naming it, and the others go on.
pub fn analyze_all(analyzer: &Analyzer, articles: &[Article]) -> (Vec<Analysis>, Vec<ItemError>) {
    use rayon::prelude::*;
    let results: Vec<Result<Analysis, String>> = articles.par_iter().map(|a| analyze_one(analyzer, a)).collect();
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
pub fn analyze_stored(
    store: &Store,
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
