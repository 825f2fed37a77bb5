//! The text layer of recoupe: what every stage needs to compare words, and the
//! language tree.
//!
//! - [`fold`]: the one case-and-accent fold (`GOÏTA` and `goita` are equal);
//! - [`words`], [`word_spans`], [`hyphenated_word_spans`]: words as runs of
//!   letters and digits; [`tokens`]: the configurable tokenizer (elisions,
//!   clitics, compounds split at chosen words, digit groups) of time
//!   expressions; [`analysis_tokens`]: the tokenizer of names, figures and
//!   quotes (compounds and alphanumeric words kept whole, line breaks noted);
//! - [`stemmer`]: the Snowball stemmer of a language;
//! - [`stopwords`]: a language's function words;
//! - [`PhraseMatcher`]: multi-word lexicon entries, one automaton;
//! - [`calendar`]: month and weekday names of each language
//!   (`data/<lang>/calendar.toml`), folded lookups both ways;
//! - [`data`]: the files of `data/<lang>/` and `data/`, embedded at build
//!   time; adding a language is adding a folder there.
//!
//! No I/O at run time: everything is embedded.

pub mod analysis_tokens;
pub mod calendar;
pub mod data;
mod fold;
mod function_words;
mod phrases;
mod stem;
pub mod tokens;
mod words;

pub use fold::{fold, lower};
pub use function_words::stopwords;
pub use phrases::PhraseMatcher;
pub use rust_stemmers::Stemmer;
pub use stem::{stemmer, stemmer_algorithm};
pub use words::{hyphenated_word_spans, word_spans, words};
