//! Time expressions in French and English: extraction and TIMEX3 normalisation.
//!
//! [`TimeTagger::tag`] finds expressions (`23 juin 2025`, `ce dimanche`, `la veille`,
//! `du 21 au 26 juin`, `cinq jours`, `15 h 36`, `last week`) and gives each a
//! [`TimeMention`] with a TIMEX3-like value, resolved against the publication date for
//! deictic expressions and against the previous date in the text for anaphoric ones.
//!
//! The work is in three steps: [`tokens`] splits the text, [`grammar`] recognises
//! expressions with the per-language lexicon (`data/<lang>/lexicon.toml`), and
//! [`resolve`] anchors them. Adding a language is adding a lexicon file.

use std::sync::OnceLock;

use chrono::NaiveDate;
use recoupe_core::{Span, TimeAnchor, TimeMention};

mod grammar;
mod lexicon;
mod numbers;
mod resolve;
mod tokens;

use lexicon::Lexicon;

/// Errors of this crate. Only language resources can fail; tagging never does.
#[derive(Debug, thiserror::Error)]
pub enum TimeError {
    #[error("invalid time lexicon for `{lang}`: {message}")]
    Lexicon { lang: String, message: String },
}

const FR_LEXICON: &str = include_str!("../data/fr/lexicon.toml");
const EN_LEXICON: &str = include_str!("../data/en/lexicon.toml");

/// How groups of dates are reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TagOptions {
    /// Report `du 21 au 26 juin` and `26 ou 27 juin` as one TIMEX3 per date, as
    /// TimeML corpora annotate them, instead of one range or hedged mention.
    pub split_groups: bool,
}

/// The time-expression tagger, holding the language resources.
#[derive(Debug, Clone)]
pub struct TimeTagger {
    /// The language used when the asked one has no resources (French, the main one).
    fallback: (String, Lexicon),
    others: Vec<(String, Lexicon)>,
}

impl Default for TimeTagger {
    fn default() -> Self {
        Self::new()
    }
}

impl TimeTagger {
    /// The tagger with the embedded French and English resources.
    pub fn new() -> Self {
        // The embedded files are part of the build and checked by the tests, so a
        // failure here is a packaging bug, not bad input.
        Self::try_new().expect("embedded time lexicons are valid")
    }

    /// As [`TimeTagger::new`], reporting a broken resource file as an error.
    pub fn try_new() -> Result<Self, TimeError> {
        Ok(TimeTagger {
            fallback: ("fr".to_string(), Lexicon::parse("fr", FR_LEXICON)?),
            others: vec![("en".to_string(), Lexicon::parse("en", EN_LEXICON)?)],
        })
    }

    /// The lexicon for `lang` (`fr`, `fr-FR`, `en`...); French when the language is unknown.
    fn lexicon(&self, lang: &str) -> &Lexicon {
        let code = lang.get(..2).unwrap_or(lang).to_ascii_lowercase();
        self.others
            .iter()
            .find(|(l, _)| *l == code)
            .map_or(&self.fallback.1, |(_, lex)| lex)
    }

    /// Time expressions of `text`, in text order. `anchor` is the publication date when
    /// known. Relative expressions are resolved against the nearest preceding date in the
    /// text when anaphoric (`la veille`, `le lendemain`, `the next day`), else against
    /// `anchor` (`hier`, `ce dimanche`, `lundi`, `earlier this month`); without an anchor
    /// they stay unresolved (value `None` or an `XXXX` value, anchor `Unresolved`).
    pub fn tag(&self, text: &str, lang: &str, anchor: Option<NaiveDate>) -> Vec<TimeMention> {
        self.tag_with(text, lang, anchor, TagOptions::default())
    }

    /// As [`TimeTagger::tag`], with options.
    pub fn tag_with(&self, text: &str, lang: &str, anchor: Option<NaiveDate>, options: TagOptions) -> Vec<TimeMention> {
        let lex = self.lexicon(lang);
        let toks = tokens::tokenize_with(text, &lex.elisions, &lex.hyphen_splitters, &lex.clitics);
        let cands = grammar::Grammar { toks: &toks, lex }.scan();
        let mut resolver = resolve::Resolver::new(text, &toks, lex, anchor);
        resolver.resolve_all(&cands, options.split_groups)
    }
}

fn shared_tagger() -> &'static TimeTagger {
    static TAGGER: OnceLock<TimeTagger> = OnceLock::new();
    TAGGER.get_or_init(TimeTagger::new)
}

/// Re-resolves a mention that was `Unresolved` now that an external anchor is known (the
/// dossier anchoring an undated article from its story). The mention's own text is tagged
/// again against `anchor`; the result keeps the original span and records `reason`.
/// A mention that was already resolved is returned unchanged.
pub fn reanchor(mention: &TimeMention, lang: &str, anchor: NaiveDate, reason: &str) -> TimeMention {
    if mention.anchor != TimeAnchor::Unresolved {
        return mention.clone();
    }
    let found = shared_tagger().tag(&mention.text, lang, Some(anchor));
    // The mention whose span covers most of the text is the one that was re-read.
    let best = found
        .into_iter()
        .max_by_key(|m| (m.span.len(), std::cmp::Reverse(m.span.start)));
    let Some(best) = best else {
        return mention.clone();
    };
    let external = TimeAnchor::External {
        date: anchor,
        reason: reason.to_string(),
    };
    TimeMention {
        span: Span::new(mention.span.start, mention.span.end),
        text: mention.text.clone(),
        kind: best.kind,
        value: best.value,
        granularity: best.granularity,
        start: best.start,
        end: best.end,
        alternatives: best.alternatives,
        anchor: match best.anchor {
            TimeAnchor::Absolute => TimeAnchor::Absolute,
            TimeAnchor::Unresolved => TimeAnchor::Unresolved,
            _ => external,
        },
        confidence: (best.confidence * 0.8).min(mention.confidence.max(0.5)),
        hedged: mention.hedged || best.hedged,
    }
}
