//! Cross-source consolidation: for one story, what its articles say merged
//! into one [`Dossier`] (sources, entities, timeline, claims with their
//! corroboration, disagreements, figures, quotes, a cited summary), in which
//! every line is cited to the sentences it came from; and renderers to JSON,
//! Markdown and self-contained HTML.
//!
//! Module map:
//! - [`sources`]: numbered sources, independence groups, dating of undated articles;
//! - `anchor`: re-resolving relative dates against the story's dates;
//! - [`entities`]: one entity per referent whatever the spelling;
//! - `frames`: sentences to typed frames (events, figures) from data-file triggers;
//! - `claims`: frames merged into claims, timeline, figures, quotes;
//! - `conflicts`: the slot ontology, disagreements and complementary figures;
//! - `summary`: the MMR extractive summary;
//! - `render`: JSON, Markdown and HTML.
//!
//! Everything is deterministic: ordered maps, total orders, no clocks.

mod anchor;
mod claims;
mod conflicts;
pub mod entities;
mod frames;
mod lexicon;
pub mod model;
mod render;
pub mod sources;
mod summary;
mod text;

pub use model::*;
pub use render::{
    label_without_date, plain, render_html, render_html_many, render_json, render_markdown, safe_href, timeline_date,
};

use recoupe_core::{Analysis, Article, Story};

/// Version of the JSON schema (see SCHEMA.md). Bumped on any breaking change.
pub const SCHEMA_VERSION: &str = "1";

/// The version of the code and data that build dossiers (a hash of this
/// crate's sources, `build.rs`): a cached dossier made by another version is
/// built again.
pub const DOSSIER_VERSION: &str = concat!("dossier-", env!("CARGO_PKG_VERSION"), "-", env!("RECOUPE_SOURCE_HASH"));

/// Builds the dossier of `story` from its articles and their analyses.
/// Articles of the story missing from `items`, and items that are not in the
/// story, are reported in the dossier's warnings, never an error.
pub fn build_dossier(story: &Story, items: &[(&Article, &Analysis)]) -> Dossier {
    let mut warnings = Vec::new();
    let pairs = sources::order_items(story, items, &mut warnings);
    let articles: Vec<&Article> = pairs.iter().map(|(a, _)| *a).collect();
    let groups = sources::independence_groups(story, &articles);
    let datings = sources::date_articles(&pairs);
    let mut anchors = Vec::new();
    let mut dating_list = Vec::new();
    let mut built: Vec<sources::Item<'_>> = Vec::new();
    for (i, ((article, analysis), (dating, times))) in pairs.iter().zip(datings).enumerate() {
        for (k, s) in article.sentences.iter().enumerate() {
            if !s.is_valid_in(&article.text) {
                warnings.push(format!(
                    "article {}: sentence {k} is outside the text; ignored",
                    article.id
                ));
            }
        }
        // The language extraction decided, read as every stage reads it.
        let lang = article.language().to_string();
        anchors.push(dating.anchor);
        dating_list.push(dating);
        built.push(sources::Item {
            number: i + 1,
            article,
            analysis,
            times,
            group: groups.get(i).copied().unwrap_or(i + 1),
            lang,
        });
    }
    let entity_index = entities::build(&built);
    let frames = frames::extract(&built, &entity_index);
    let quotes = claims::build_quotes(&built, &entity_index);
    let (claims, claim_ids) = claims::build_claims(&built, &entity_index, &frames, &quotes);
    let window = claims::story_window(&built, &anchors);
    let timeline = claims::build_timeline(&built, &frames, &claims, &claim_ids, window);
    let (disagreements, complementary) = conflicts::find(&built, &entity_index, &frames);
    let figures = claims::build_figures(&built, &frames);
    let dated: std::collections::BTreeSet<(usize, usize)> = frames
        .iter()
        .filter(|f| f.is_event && f.time.as_ref().is_some_and(|t| !t.inherited))
        .map(|f| (f.item, f.sentence))
        .collect();
    let summary = summary::build(&built, &dated);
    let period = {
        let main: Vec<&TimelineEvent> = timeline.iter().filter(|t| !t.context).collect();
        let start = main.iter().map(|t| t.date.start).min();
        let end = main.iter().map(|t| t.date.end).max();
        start.zip(end).map(|(start, end)| DateRange { start, end })
    };
    let sources = sources::build_sources(story, &built, dating_list);
    let title = if story.title.trim().is_empty() {
        sources.first().map(|s| s.title.clone()).unwrap_or_default()
    } else {
        story.title.clone()
    };
    Dossier {
        schema_version: SCHEMA_VERSION.to_string(),
        story_id: story.id.clone(),
        title,
        period,
        sources,
        summary,
        timeline,
        disagreements,
        complementary,
        claims,
        entities: entity_index.entities,
        figures,
        quotes,
        warnings,
    }
}
