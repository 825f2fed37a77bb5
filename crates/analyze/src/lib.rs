//! Language analysis: entities with name variants, quantities, quotes, and time expressions.
//!
//! [`Analyzer::analyze`] turns a clean [`recoupe_core::Article`] into a
//! [`recoupe_core::Analysis`]. Every mention carries a byte span into the
//! article text; output is sorted and deterministic.
//!
//! Module map:
//! - [`resources`]: data files (entity table, first names, per-language lexicons);
//! - [`text`]: tokenizer with byte spans;
//! - [`entities`]: the [`EntityExtractor`] trait and the rule-based extractor;
//! - [`chains`]: in-article chains of name variants, canonical names and keys;
//! - [`quantities`]: figures with units, scales, comparators;
//! - [`quotes`]: quotations and their speakers;
//! - [`frames`]: per-sentence event and figure frames from data files;
//! - [`eval`]: NER scoring (HIPE TSV and the committed English news set).

pub mod chains;
pub mod entities;
pub mod error;
pub mod eval;
pub mod frames;
pub mod keys;
pub mod quantities;
pub mod quotes;
pub mod resources;
pub mod statistical;
pub mod tagger;
pub mod text;

use std::sync::OnceLock;

use chrono::NaiveDate;
use recoupe_core::{fold_key, Analysis, Article, Span, TimeMention};

pub use entities::{EntityExtractor, ExtractedEntity, RuleExtractor};
pub use error::{EvalError, ResourceError};
pub use resources::Resources;

/// Version of the analyser: the crate version and a hash of the code, data and
/// model that analyse (this crate with `model/ner.bin`, `recoupe-time`, the
/// core types; see `build.rs`). Stored analyses made by another version are
/// recomputed. An analyser with the trained tagger adds `+ner-model`.
pub const ANALYZER_VERSION: &str = concat!("analyze-", env!("CARGO_PKG_VERSION"), "-", env!("RECOUPE_SOURCE_HASH"));

/// Version mark of an analyser with the trained tagger.
const WITH_MODEL: &str = "+ner-model";

/// Texts up to this size have their entities and times found in parallel.
const PARALLEL_TEXT_BYTES: usize = 1 << 20;

/// Both closures' results, computed in parallel when `parallel`.
fn join_if<A: Send, B: Send>(parallel: bool, a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    if parallel {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

/// The analyser: language resources and the time tagger.
pub struct Analyzer {
    /// `ANALYZER_VERSION`, plus a digest of the users' entity tables when there
    /// are some: analyses made with other tables are recomputed.
    version: String,
    resources: Resources,
    extractor: Option<Box<dyn EntityExtractor>>,
    /// Whether the trained tagger joins the rules (opt-in: reports/ner.md,
    /// session 7, says why it is not the default yet).
    use_model: bool,
    time_tagger: recoupe_time::TimeTagger,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    /// French and English resources, embedded from the data files.
    pub fn new() -> Self {
        Analyzer {
            version: ANALYZER_VERSION.to_string(),
            resources: embedded_resources_owned(),
            extractor: None,
            use_model: false,
            time_tagger: recoupe_time::TimeTagger::new(),
        }
    }

    /// An analyser over user-supplied resources (an extended entity table, more languages).
    pub fn with_resources(resources: Resources) -> Self {
        Analyzer {
            version: ANALYZER_VERSION.to_string(),
            resources,
            extractor: None,
            use_model: false,
            time_tagger: recoupe_time::TimeTagger::new(),
        }
    }

    /// Replaces the rule-based entity extractor (e.g. by a statistical model).
    pub fn with_extractor(mut self, extractor: Box<dyn EntityExtractor>) -> Self {
        self.extractor = Some(extractor);
        self
    }

    /// The embedded resources plus users' entity tables ((file name, TOML text),
    /// the format of `data/gazetteer.toml`): new names, other languages' forms,
    /// keys of their own. A malformed table is an error naming its file.
    pub fn with_entity_tables(tables: &[(&str, &str)]) -> Result<Self, ResourceError> {
        let resources = Resources::embedded_with_entity_tables(tables)?;
        let mut analyzer = Self::with_resources(resources);
        if !tables.is_empty() {
            let mut text = String::new();
            for (_, table) in tables {
                text.push_str(table);
                text.push('\u{0}');
            }
            let digest = recoupe_core::content_hash(text.as_bytes());
            analyzer.version = format!("{ANALYZER_VERSION}+entities-{}", digest.get(..12).unwrap_or(&digest));
        }
        Ok(analyzer)
    }

    /// Rules only, without the trained tagger (the default for now; baseline runs).
    pub fn rules_only(mut self) -> Self {
        if self.use_model {
            self.use_model = false;
            if let Some(base) = self.version.strip_suffix(WITH_MODEL) {
                self.version = base.to_string();
            }
        }
        self
    }

    /// The trained tagger joins the rules ([`statistical::StatisticalExtractor`]);
    /// its analyses carry `+ner-model` in their version. Not yet the default
    /// (reports/ner.md, session 7).
    pub fn with_model(mut self) -> Self {
        if !self.use_model {
            self.use_model = true;
            self.version.push_str(WITH_MODEL);
        }
        self
    }

    /// The version written into analyses (see [`ANALYZER_VERSION`]).
    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn resources(&self) -> &Resources {
        &self.resources
    }

    /// Analyses one article. Never fails: odd input yields fewer mentions.
    pub fn analyze(&self, article: &Article) -> Analysis {
        let text = article.text.as_str();
        let language = self.language_of(article);
        let sentences: Vec<Span> = article
            .sentences
            .iter()
            .copied()
            .filter(|s| s.is_valid_in(text))
            .collect();
        // Entities and times (with the figures, which skip the times) read the
        // text independently: a long text uses two cores. Each holds a token
        // list of the whole text, so a huge one is read one after the other,
        // for memory.
        let anchor: Option<NaiveDate> = article.meta.published.map(|d| d.date());
        let lexicon = self.resources.lexicon(&language);
        let in_parallel = text.len() <= PARALLEL_TEXT_BYTES;
        let (entities, (times, quantities)) = join_if(
            in_parallel,
            || self.entities(text, &sentences, &language),
            || {
                let mut times: Vec<TimeMention> = self
                    .time_tagger
                    .tag(text, &language, anchor)
                    .into_iter()
                    .filter(|t| t.span.is_valid_in(text))
                    .collect();
                times.sort_by_key(|t| (t.span.start, t.span.end));
                let time_spans: Vec<Span> = times.iter().map(|t| t.span).collect();
                let quantities = match lexicon {
                    Some(lexicon) => quantities::find_quantities(text, lexicon, &time_spans),
                    None => Vec::new(),
                };
                (times, quantities)
            },
        );
        let quotes = match lexicon {
            Some(lexicon) => quotes::find_quotes(text, &sentences, lexicon, &entities),
            None => Vec::new(),
        };
        let frames = frames::find_frames(&frames::FrameInput {
            text,
            sentences: &article.sentences,
            paragraphs: &article.paragraphs,
            language: &language,
            entities: &entities,
            times: &times,
            quantities: &quantities,
        });
        // The vectors grew by doubling; what is kept of a huge text's analysis
        // (until its dossier is written) should not hold up to twice its size.
        let (mut entities, mut times, mut quantities, mut quotes, mut frames) =
            (entities, times, quantities, quotes, frames);
        entities.shrink_to_fit();
        times.shrink_to_fit();
        quantities.shrink_to_fit();
        quotes.shrink_to_fit();
        frames.shrink_to_fit();
        Analysis {
            article_id: article.id.clone(),
            analyzer_version: self.version.clone(),
            language,
            entities,
            times,
            quantities,
            quotes,
            frames,
        }
    }

    /// Entity mentions in chains, in text order.
    fn entities(&self, text: &str, sentences: &[Span], language: &str) -> Vec<recoupe_core::EntityMention> {
        let extracted = match &self.extractor {
            Some(extractor) => extractor.extract(text, sentences, language),
            None => match statistical::embedded_model().filter(|_| self.use_model) {
                Some(model) => {
                    statistical::StatisticalExtractor::new(&self.resources, model).extract(text, sentences, language)
                }
                None => RuleExtractor::new(&self.resources).extract(text, sentences, language),
            },
        };
        let extracted: Vec<ExtractedEntity> = extracted
            .into_iter()
            .filter(|e| e.span.is_valid_in(text) && !e.span.is_empty())
            .collect();
        let mut entities = chains::build_chains(text, extracted, &self.resources, language);
        entities.sort_by(|a, b| {
            (a.span.start, a.span.end, a.kind, &a.key).cmp(&(b.span.start, b.span.end, b.kind, &b.key))
        });
        entities
    }

    /// The article's language as extraction decided it (`und` when it could
    /// not tell). It is never replaced by a covered language: an article in a
    /// language without a lexicon keeps its code, and the rules then run
    /// degraded (see [`Resources::lexicon`]'s fallback), so its analysis has
    /// fewer mentions instead of a wrong label.
    fn language_of(&self, article: &Article) -> String {
        let code = article.language();
        code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase()
    }
}

/// Picks the lexicon whose function words are most frequent in the text.
pub fn guess_language(text: &str, resources: &Resources) -> String {
    let tokens = text::tokenize(text.get(..text.floor_char_boundary_compat(4000)).unwrap_or(text));
    let mut best: Option<(usize, &str)> = None;
    for (code, lexicon) in &resources.lexicons {
        let hits = tokens
            .iter()
            .filter(|t| t.folded.chars().count() > 1 && lexicon.function_words.contains(t.folded.as_str()))
            .count();
        if best.is_none_or(|(b, _)| hits > b) {
            best = Some((hits, code.as_str()));
        }
    }
    best.map_or_else(|| "fr".to_string(), |(_, code)| code.to_string())
}

trait FloorBoundary {
    fn floor_char_boundary_compat(&self, index: usize) -> usize;
}

impl FloorBoundary for str {
    fn floor_char_boundary_compat(&self, index: usize) -> usize {
        if index >= self.len() {
            return self.len();
        }
        let mut i = index;
        while i > 0 && !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

fn embedded_resources() -> &'static Resources {
    static RESOURCES: OnceLock<Resources> = OnceLock::new();
    RESOURCES.get_or_init(embedded_resources_owned)
}

fn embedded_resources_owned() -> Resources {
    // The embedded files are checked by the test suite; an error here would be a
    // packaging bug, and empty resources still give a working (weaker) analyser.
    Resources::embedded().unwrap_or_else(|_| {
        Resources::from_sources("entity = []", "", &[]).unwrap_or(Resources {
            gazetteer: Default::default(),
            first_names: Default::default(),
            lexicons: Default::default(),
        })
    })
}

/// Language-independent key for a surface form when the entity table knows it
/// (`Russie`, `Russia`, `russe`, `Moscou`, `Poutine` -> `Q:russia`, `Q:moscow`,
/// `Q:vladimir_putin`), else its [`keys::name_key`] (the [`fold_key`] of a Latin
/// name; transliterated and uninflected for other scripts: `Путину` -> `putin`).
pub fn entity_key(surface: &str) -> String {
    entity_key_with(embedded_resources(), surface)
}

/// [`entity_key`] over given resources.
pub fn entity_key_with(resources: &Resources, surface: &str) -> String {
    let trimmed = surface.trim();
    if let Some(entry) = resources.gazetteer.lookup(trimmed) {
        return entry.key.clone();
    }
    let folded = fold_key(trimmed);
    for lexicon in resources.lexicons.values() {
        if let Some((index, _)) = lexicon.demonyms.get(&folded) {
            if let Some(entry) = resources.gazetteer.entry(*index) {
                return entry.key.clone();
            }
        }
    }
    // Names no table knows: one key across scripts and Russian case forms.
    keys::name_key(trimmed)
}
