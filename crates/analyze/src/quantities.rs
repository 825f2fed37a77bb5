//! Figures: percentages, money, counts, measures, ordinals.
use recoupe_core::{QuantityMention, Span};

use crate::resources::Lexicon;

pub fn find_quantities(_text: &str, _lexicon: &Lexicon, _time_spans: &[Span]) -> Vec<QuantityMention> {
    Vec::new()
}
