//! The analysis tokenizer lives in the text layer ([`recoupe_text::analysis_tokens`]);
//! this path stays for the crate's modules and the examples that use it.

pub use recoupe_text::analysis_tokens::{tokenize, tokenize_at, Folded, Token, TokenKind};
