//! Deterministic generator of synthetic news corpora for benchmarks.
//!
//! A corpus is a set of stories (a visit, floods, an industrial project, a
//! summit...), each told by several outlets in French or English, with wire
//! copies (full, shortened, retitled or extended reprints), small
//! disagreements between outlets (a date a day off, a different count), and
//! the scrape noise real inputs carry (outlet lines, `Screenshot`, share bars,
//! comment-form boilerplate, hashtag rows, sentences cut across lines).
//!
//! Generation is streaming: article `i` is computed from `(seed, i)` alone
//! (a copy regenerates the original it copies), so a million articles need
//! no more memory than one. The same [`GenConfig`] gives the same bytes.
//!
//! ```
//! let config = recoupe_corpus::GenConfig { articles: 10, ..Default::default() };
//! let articles: Vec<_> = recoupe_corpus::generate(&config).collect();
//! assert_eq!(articles.len(), 10);
//! ```

mod compose;
mod data;
mod format;
mod rng;

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

/// Why the generator cannot run.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CorpusError {
    /// The embedded language data is malformed (a build defect, caught by tests).
    #[error("embedded corpus data is invalid: {0}")]
    Data(String),
}

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct GenConfig {
    /// Number of articles.
    pub articles: usize,
    /// Number of stories the articles are spread over (at least one is used).
    pub stories: usize,
    /// Share of articles that reprint an earlier article of the same story, in `[0, 1]`.
    pub copy_rate: f64,
    /// Share of original articles written in French (the rest in English), in `[0, 1]`.
    pub french_share: f64,
    pub seed: u64,
    /// First day events can happen on.
    pub start_date: NaiveDate,
    /// Number of days events are spread over.
    pub days: u32,
}

impl Default for GenConfig {
    fn default() -> Self {
        GenConfig {
            articles: 1000,
            stories: 100,
            copy_rate: 0.2,
            french_share: 0.6,
            seed: 42,
            start_date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or(NaiveDate::MIN),
            days: 365,
        }
    }
}

/// One generated article, with the ground truth a benchmark scores against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GeneratedArticle {
    /// `gen-0000042`: stable, sorts in generation order.
    pub id: String,
    pub title: String,
    /// The body as a scraper gives it: one paragraph a line, with noise lines
    /// (outlet name, share bar, comment form...) above and below.
    pub text: String,
    /// ISO 639-1 code.
    pub lang: String,
    pub outlet: String,
    pub published: NaiveDate,
    /// Index of the story the article tells, in `0..stories`.
    pub story: usize,
    /// Id of the article this one reprints, if it is a copy.
    pub copy_of: Option<String>,
    /// Author named in the byline.
    pub author: String,
    /// An invented URL on a `.example` domain.
    pub url: String,
    /// Facts this article states differently from the rest of its story
    /// (`start_date`, `duration`, `count`, `casualties`): the planted
    /// disagreements. A copy states what its original states.
    pub deviations: Vec<String>,
}

/// Streaming iterator over a generated corpus; see [`generate`].
#[derive(Debug, Clone)]
pub struct Generator {
    config: GenConfig,
    resources: Option<&'static data::Resources>,
    next: usize,
}

impl Iterator for Generator {
    type Item = GeneratedArticle;

    fn next(&mut self) -> Option<GeneratedArticle> {
        let res = self.resources?;
        if self.next >= self.config.articles {
            return None;
        }
        let index = self.next;
        self.next += 1;
        Some(build_article(res, &self.config, index))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = if self.resources.is_some() {
            self.config.articles.saturating_sub(self.next)
        } else {
            0
        };
        (left, Some(left))
    }
}

impl ExactSizeIterator for Generator {}

fn article_id(index: usize) -> String {
    format!("gen-{index:07}")
}

fn build_article(res: &data::Resources, config: &GenConfig, index: usize) -> GeneratedArticle {
    let stories = config.stories.max(1);
    let (core, copy_of) = match compose::original_of(config, index) {
        Some(original) => {
            let source = compose::original_core(res, config, original);
            (
                compose::copy_core(res, config, &source, index),
                Some(article_id(original)),
            )
        }
        None => (compose::original_core(res, config, index), None),
    };
    let id = article_id(index);
    let text = compose::render(res, config, &core, index);
    let lang = res.languages.get(core.lang);
    GeneratedArticle {
        url: compose::url_for(res, &core, &id),
        id,
        title: core.title.clone(),
        text,
        lang: lang.map(|l| l.code.clone()).unwrap_or_default(),
        outlet: lang
            .and_then(|l| l.outlets.get(core.outlet))
            .cloned()
            .unwrap_or_default(),
        published: core.published,
        story: index % stories,
        copy_of,
        author: core.author,
        deviations: core.deviations,
    }
}

/// Like [`generate`], but reports unusable embedded data instead of yielding nothing.
pub fn try_generate(config: &GenConfig) -> Result<Generator, CorpusError> {
    let resources = data::resources()?;
    Ok(Generator {
        config: config.clone(),
        resources: Some(resources),
        next: 0,
    })
}

/// The articles of the corpus `config` describes, one at a time.
///
/// Yields nothing if the embedded data were invalid, which the crate's tests
/// rule out; use [`try_generate`] to see the reason.
pub fn generate(config: &GenConfig) -> impl Iterator<Item = GeneratedArticle> {
    try_generate(config).unwrap_or(Generator {
        config: config.clone(),
        resources: None,
        next: 0,
    })
}

/// Writes one `<id>.txt` per article into `dir` (created if missing): the
/// title on the first line, then the text. Returns the number of files.
pub fn write_text_dir(config: &GenConfig, dir: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut count = 0;
    for article in try_generate(config).map_err(std::io::Error::other)? {
        let path = dir.join(format!("{}.txt", article.id));
        let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
        writeln!(file, "{}", article.title)?;
        writeln!(file, "{}", article.text)?;
        file.flush()?;
        count += 1;
    }
    Ok(count)
}

#[derive(Serialize)]
struct JsonlRecord<'a> {
    id: &'a str,
    title: &'a str,
    text: &'a str,
    url: &'a str,
    published: String,
    outlet: &'a str,
    author: &'a str,
    lang: &'a str,
    story: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    copy_of: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    deviations: &'a [String],
}

/// Writes the corpus as JSON Lines (fields `id`, `title`, `text`, `url`,
/// `published`, `outlet`, `author`, `lang`, plus the truth: `story`,
/// `copy_of`, `deviations`). Returns the number of lines.
pub fn write_jsonl(config: &GenConfig, out: &mut impl Write) -> std::io::Result<usize> {
    let mut count = 0;
    for article in try_generate(config).map_err(std::io::Error::other)? {
        let record = JsonlRecord {
            id: &article.id,
            title: &article.title,
            text: &article.text,
            url: &article.url,
            published: article.published.format("%Y-%m-%d").to_string(),
            outlet: &article.outlet,
            author: &article.author,
            lang: &article.lang,
            story: article.story,
            copy_of: article.copy_of.as_deref(),
            deviations: &article.deviations,
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
        count += 1;
    }
    Ok(count)
}
