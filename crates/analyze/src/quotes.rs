//! Quotations and their speakers.
use recoupe_core::{EntityMention, QuoteMention, Span};

use crate::resources::Lexicon;

pub fn find_quotes(_text: &str, _sentences: &[Span], _lexicon: &Lexicon, _entities: &[EntityMention]) -> Vec<QuoteMention> {
    Vec::new()
}
