//! The optional multilingual sentence encoder for stories.
//!
//! Stories compare articles on words, entity keys and figures; with the
//! encoder's model file present they also compare sentence embeddings, which
//! join articles across languages and scripts (see `reports/real-news.md`).
//! The model is found once per process: `$RECOUPE_ENCODER_MODEL` (a path, or
//! `off` to do without), else `models/use-m3.bin` under the current directory
//! (built by `scripts/build-encoder-model`). Without it everything works on the
//! lexical signals alone.

use std::sync::OnceLock;

use recoupe_core::{Analysis, Article};
use recoupe_embed::Encoder;
use recoupe_stories::{ArticleFeatures, StoryConfig};

/// The process's encoder and a name for it (for the story state's version).
struct Loaded {
    encoder: Encoder,
    identity: String,
}

static ENCODER: OnceLock<Option<Loaded>> = OnceLock::new();

fn load() -> Option<Loaded> {
    if std::env::var(recoupe_embed::MODEL_ENV).is_ok_and(|v| v.eq_ignore_ascii_case("off")) {
        return None;
    }
    let path = Encoder::default_path()?;
    match Encoder::from_file(&path) {
        Ok(encoder) => {
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            Some(Loaded {
                identity: format!("use-m3-{size}-{}", encoder.max_tokens()),
                encoder,
            })
        }
        Err(e) => {
            // A broken or missing model named on purpose is worth a word; the
            // stories are still made, on words alone.
            eprintln!("warning: {e}; stories are made without the sentence encoder");
            None
        }
    }
}

fn loaded() -> Option<&'static Loaded> {
    ENCODER.get_or_init(load).as_ref()
}

/// The encoder this process uses for stories, if its model was found.
pub fn sentence_encoder() -> Option<&'static Encoder> {
    loaded().map(|l| &l.encoder)
}

/// The article's sentence embedding (of [`recoupe_stories::embedding_text`])
/// by the process's encoder ([`sentence_encoder`]), when it is loaded and covers
/// the article's language.
pub fn article_embedding(article: &Article) -> Option<Vec<f32>> {
    let encoder = sentence_encoder()?;
    recoupe_embed::supports_language(article.language())
        .then(|| encoder.embed(&recoupe_stories::embedding_text(article)))
}

/// `encoder-<model>` or `encoder-none`: part of the story state's version, so
/// that stories made with and without the encoder are never mixed.
pub fn encoder_identity() -> String {
    loaded().map_or_else(|| "encoder-none".to_string(), |l| format!("encoder-{}", l.identity))
}

/// [`recoupe_stories::features_in_parallel`] with each article's embedding
/// when the process's encoder is loaded ([`sentence_encoder`]) and covers the
/// article's language.
pub fn story_features(items: &[(&Article, &Analysis)], config: &StoryConfig) -> Vec<ArticleFeatures> {
    story_features_with(items, config, sentence_encoder())
}

/// [`story_features`] with a given encoder (or none).
pub fn story_features_with(
    items: &[(&Article, &Analysis)],
    config: &StoryConfig,
    encoder: Option<&Encoder>,
) -> Vec<ArticleFeatures> {
    let features = recoupe_stories::features_in_parallel(items, config);
    let Some(encoder) = encoder else {
        return features;
    };
    use rayon::prelude::*;
    let embeddings: Vec<Option<Vec<f32>>> = items
        .par_iter()
        .map(|(article, _)| {
            recoupe_embed::supports_language(article.language())
                .then(|| encoder.embed(&recoupe_stories::embedding_text(article)))
        })
        .collect();
    features
        .into_iter()
        .zip(embeddings)
        .map(|(f, e)| match e {
            Some(vector) => f.with_embedding(&vector),
            None => f,
        })
        .collect()
}
