//! Typed mentions found in one article: the raw material of cross-checking.
//! Every mention has a [`Span`] into the article's clean text.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::span::Span;

/// Coarse entity types (the HIPE/CoNLL ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organisation,
    Place,
    Other,
}

/// One mention of a named entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityMention {
    pub span: Span,
    /// The text as written (`GOÏTA`, `l'AES` without the elision: `AES`).
    pub text: String,
    pub kind: EntityKind,
    /// Canonical form inside this article (the longest full name of its chain).
    pub canonical: String,
    /// Key stable across articles: folded canonical form (see `fold_key`), or
    /// a language-independent key from the entity table (`Q:russia`).
    pub key: String,
    /// Index of the in-article coreference chain this mention belongs to.
    pub chain: usize,
    /// Title or role attached to this mention (`général d'armée`, `président de la Transition`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// For an acronym, its long form when defined in the text (`AES` -> `Alliance des États du Sahel`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_form: Option<String>,
    /// True when the mention is a demonym or adjective pointing to a place (`malien`, `russe`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub via_demonym: bool,
}

/// What kind of time expression (TIMEX3 types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeKind {
    Date,
    Time,
    Duration,
    Set,
}

/// Granularity of a normalised value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Minute,
    Hour,
    PartOfDay,
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Year,
    Decade,
    Century,
    Unknown,
}

/// What a relative expression was resolved against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimeAnchor {
    /// The expression is absolute (`23 juin 2025`).
    Absolute,
    /// Resolved against the article's publication date.
    Publication { date: NaiveDate },
    /// Resolved against an earlier time expression in the text (`la veille` of `23 juin`).
    Mention { date: NaiveDate, span: Span },
    /// Resolved against a date supplied from outside (the story), with reasoning.
    External { date: NaiveDate, reason: String },
    /// Could not be resolved: no anchor available.
    Unresolved,
}

/// One time expression, normalised TIMEX3-like.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeMention {
    pub span: Span,
    pub text: String,
    pub kind: TimeKind,
    /// TIMEX3 value (`2025-06-22`, `2025-06`, `P5D`, `XXXX-06-22`, `2025-06-24T15:36`),
    /// or `None` when unresolved.
    pub value: Option<String>,
    pub granularity: Granularity,
    /// For dates and ranges: the first and last day covered (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// Alternatives for hedged expressions (`26 ou 27 juin` gives both days).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    pub anchor: TimeAnchor,
    /// 0..=1: 1 for absolute, lower for inferred years and relative expressions.
    pub confidence: f32,
    /// True for `ou`, `environ`, `about`, `vers`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hedged: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    Percent,
    Money,
    Count,
    Measure,
    Ordinal,
    Number,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// `plus de`, `more than`, `over`.
    Greater,
    /// `moins de`, `inférieur à`, `less than`, `under`.
    Less,
    /// `au moins`, `at least`.
    AtLeast,
    /// `au plus`, `at most`, `jusqu'à`.
    AtMost,
    /// `environ`, `près de`, `about`, `some`.
    About,
}

/// A figure with its unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuantityMention {
    pub span: Span,
    pub text: String,
    pub kind: QuantityKind,
    /// Numeric value with the scale applied (`35 millions` -> 35000000).
    pub value: f64,
    /// Unit: `%`, ISO currency (`USD`, `EUR`, `XOF`), or a measure (`t`, `km`, `t/an`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What is counted (`cadres`, `accords`), lemma-ish, for counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted: Option<String>,
    /// Rate denominator (`an` in `200 tonnes par an`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<Comparator>,
}

/// A quotation and who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteMention {
    /// Span of the quoted words, without the quote marks.
    pub span: Span,
    pub text: String,
    /// Speaker as written (`le président Poutine`, `la présidence malienne`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_span: Option<Span>,
    /// Key of the speaker's entity when it is one (see [`EntityMention::key`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_key: Option<String>,
    /// The attribution cue (`a déclaré`, `said`, `selon`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// True when the quote is a fragment inside a sentence rather than a full statement.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
}

/// Everything the analyser found in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub article_id: String,
    /// Version of the analyser; results are recomputed when it changes.
    pub analyzer_version: String,
    pub language: String,
    pub entities: Vec<EntityMention>,
    pub times: Vec<TimeMention>,
    pub quantities: Vec<QuantityMention>,
    pub quotes: Vec<QuoteMention>,
    /// Per-sentence frames: events and figures with their typed slots.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frames: Vec<FrameMention>,
}

impl Analysis {
    /// All spans of all mentions, for invariant checks.
    pub fn all_spans(&self) -> Vec<Span> {
        let mut v: Vec<Span> = Vec::new();
        v.extend(self.entities.iter().map(|m| m.span));
        v.extend(self.times.iter().map(|m| m.span));
        v.extend(self.quantities.iter().map(|m| m.span));
        v.extend(self.quotes.iter().map(|m| m.span));
        v.extend(self.quotes.iter().filter_map(|m| m.speaker_span));
        for f in &self.frames {
            v.extend(f.trigger);
            v.extend(f.when.as_ref().map(|w| w.span));
            v.extend(f.holder.as_ref().map(|h| h.span));
        }
        v
    }
}

/// Whether a frame is an event (timeline material) or a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FrameClass {
    Event,
    Figure,
}

/// Where in its event a date falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventAspect {
    /// The event as a whole (or its day, for a one-day event).
    #[default]
    Whole,
    Start,
    End,
}

impl EventAspect {
    pub fn name(self) -> &'static str {
        match self {
            EventAspect::Whole => "whole",
            EventAspect::Start => "start",
            EventAspect::End => "end",
        }
    }
}

/// The `when` slot of a frame: one time mention, or two making a range
/// (`du 21 au 26 juin` written as two mentions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameWhen {
    /// Indices into [`Analysis::times`]: one, or the two ends of a range.
    pub times: Vec<usize>,
    /// The words that give the date (both ends of a range).
    pub span: Span,
    /// What the words around it make of it (`jusqu'au` -> end).
    pub role: EventAspect,
    /// True when the text gives both ends (`du 21 au 26 juin`).
    pub explicit_range: bool,
    /// True when borrowed from another event of the sentence or the previous sentence.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inherited: bool,
    /// How sure the link between the date and the event is (0..1).
    pub confidence: f32,
}

/// Who holds a share, as written, and the entity mention there if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameHolder {
    pub span: Span,
    pub text: String,
    /// Index into [`Analysis::entities`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
}

/// One frame of one sentence: an event (`arrival`, `attack`, `signature`...)
/// or a figure (`casualties.dead`, `share_of_capital`...), its kind declared in
/// the data files (`data/<lang>/events.toml`), and its typed
/// slots pointing at the analysis' mentions by index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameMention {
    /// Kind as declared in the data files.
    pub kind: String,
    pub class: FrameClass,
    /// Index of the sentence in the article's sentences.
    pub sentence: usize,
    /// The trigger words (events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Span>,
    /// Which end of the event the sentence is about (`entamée`, `ended`).
    #[serde(default)]
    pub aspect: EventAspect,
    /// Who: the agent (an entity mention index).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<usize>,
    /// Which parties: people named in the sentence (entity mention indices).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<usize>,
    /// Where: a place after a locative (entity mention index).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<FrameWhen>,
    /// A length (`cinq jours`): index into [`Analysis::times`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<usize>,
    /// How many (`trois accords`): index into [`Analysis::quantities`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how_many: Option<usize>,
    /// The figure itself (figures): index into [`Analysis::quantities`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<usize>,
    /// For a figure: the kind of the event of its sentence it measures
    /// (`attack` for a toll), so tolls of different events stay apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of_event: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<FrameHolder>,
    /// Year the sentence dates a figure to (`en 2023`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hedged: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub planned: bool,
}
