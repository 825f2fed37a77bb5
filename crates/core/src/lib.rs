//! Core data types of recoupe.
//!
//! Everything here is plain data: no I/O, no clocks, no randomness. Every
//! extracted item carries a [`Span`] into the clean text of its [`Article`],
//! and the article carries a map back to the raw [`Document`] bytes, so that
//! any line of a dossier can be traced to the sentence that said it.

pub mod analysis;
pub mod article;
pub mod document;
pub mod keys;
pub mod names;
pub mod span;
pub mod story;

pub use analysis::*;
pub use article::*;
pub use document::*;
pub use keys::*;
pub use span::*;
pub use story::*;
