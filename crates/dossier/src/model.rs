//! The dossier: what a story's articles say, merged, with every line cited.
//! These types are the JSON schema (documented in SCHEMA.md); changing them
//! means bumping [`crate::SCHEMA_VERSION`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One story's dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dossier {
    pub schema_version: String,
    pub story_id: String,
    pub title: String,
    /// First and last day of the story's main events (context events recalled
    /// from the past are outside it), when any is dated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<DateRange>,
    pub sources: Vec<Source>,
    pub summary: Vec<SummaryLine>,
    pub timeline: Vec<TimelineEvent>,
    pub disagreements: Vec<Disagreement>,
    pub complementary: Vec<Complementary>,
    pub claims: Vec<Claim>,
    pub entities: Vec<Entity>,
    pub figures: Vec<Figure>,
    pub quotes: Vec<SpeakerQuotes>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// A pointer to the words a line came from: source number, sentence index in
/// that source, and the byte span of the cited words inside the source text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Citation {
    /// 1-based source number (`[2]`).
    pub source: usize,
    /// 0-based sentence index in that source.
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    /// The cited words as written (a name, a date, a figure, or the whole sentence).
    pub text: String,
}

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DateRange {
    pub start: chrono::NaiveDate,
    pub end: chrono::NaiveDate,
}

/// One sentence of a source, by byte span into [`Source::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceSentence {
    pub start: usize,
    pub end: usize,
    /// 0-based paragraph index.
    pub paragraph: usize,
}

/// How an article's date was decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dating {
    /// The date relative expressions of this article were resolved against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<chrono::NaiveDate>,
    /// `published` (the article's own date), `own_text` (the latest absolute
    /// date its text gives), `story` (the earliest dated article of the story),
    /// `story_text` (the latest absolute date any article gives), or `none`.
    pub method: String,
    pub confidence: f32,
    pub reason: String,
    /// Time expressions re-resolved against the anchor: `ce dimanche` -> `2025-06-22`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolved: Vec<ResolvedTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolvedTime {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    pub citation: Citation,
}

/// A numbered source: one article of the story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// 1-based number used in citations.
    pub number: usize,
    pub article_id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Publication date as the source gives it (ISO), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Source number of the dispatch this article copies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<usize>,
    /// Sources with the same value count once in corroboration (copies of one
    /// dispatch, or one outlet): the lowest source number of the group.
    pub independence_group: usize,
    pub dating: Dating,
    /// The clean text, so that every citation can be shown in context.
    pub text: String,
    pub sentences: Vec<SourceSentence>,
}

/// One sentence of the cited summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryLine {
    /// The sentence as one source wrote it.
    pub text: String,
    /// The sentence itself first, then sentences of other sources saying much the same.
    pub citations: Vec<Citation>,
}

/// A role or title as one outlet gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRole {
    pub role: String,
    /// Rank family when the role is a rank of the rank ontology (`general`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<String>,
    pub sources: Vec<usize>,
    pub citations: Vec<Citation>,
}

/// One entity across all sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// `e1`, `e2`, ... by decreasing number of independent outlets.
    pub id: String,
    pub name: String,
    /// `person`, `organisation`, `place`, `other`.
    pub kind: String,
    /// Every other spelling met (accent, case, typo, surname alone, acronym).
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    pub keys: Vec<String>,
    pub roles: Vec<EntityRole>,
    pub sources: Vec<usize>,
    pub independent_outlets: usize,
    pub mention_count: usize,
    /// Why variants were merged (`typo: assim goita ~ assimi goita`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merges: Vec<String>,
    /// One citation per sentence mentioning the entity.
    pub citations: Vec<Citation>,
}

/// A slot value of a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SlotValue {
    Entity {
        id: String,
        name: String,
    },
    Date {
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
        granularity: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        alternatives: Vec<chrono::NaiveDate>,
    },
    Duration {
        days: i64,
    },
    Quantity {
        value: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        per: Option<String>,
    },
    Text {
        text: String,
    },
}

/// A typed frame: an event or attribute with its slots, merged across sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// `c1`, `c2`, ...
    pub id: String,
    /// `visit`, `arrival`, `meeting`, `signature`, `statement`, `share_of_capital`, ...
    pub kind: String,
    /// A readable line: `arrival — Assimi Goïta — Moscou — 2025-06-22`.
    pub label: String,
    pub slots: BTreeMap<String, SlotValue>,
    pub hedged: bool,
    /// Said as a plan or a schedule rather than as done.
    pub planned: bool,
    pub sources: Vec<usize>,
    /// Outlets that say it independently (copies of one dispatch and one outlet count once).
    pub independent_outlets: usize,
    pub evidence: Vec<Citation>,
}

/// A dated event of the timeline, merged across sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEvent {
    pub kind: String,
    pub label: String,
    pub date: DateRange,
    /// `day`, `month`, `year`, ...
    pub granularity: String,
    /// True for past events recalled as background, outside the story's period.
    pub context: bool,
    pub hedged: bool,
    pub planned: bool,
    /// Lower when a date was inferred (relative expression, undated article).
    pub confidence: f32,
    pub claims: Vec<String>,
    pub sources: Vec<usize>,
    pub independent_outlets: usize,
    pub evidence: Vec<Citation>,
}

/// One side of a disagreement: a value and who says it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// The value as displayed (`2025-06-21`, `5 days`, `colonel`).
    pub value: String,
    pub hedged: bool,
    pub planned: bool,
    pub sources: Vec<usize>,
    pub independent_outlets: usize,
    /// How each source says it: derivations such as `arrival gives visit start`.
    pub reasons: Vec<String>,
    pub citations: Vec<Citation>,
}

/// Values of one slot that cannot all be true.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    /// `d1`, `d2`, ...
    pub id: String,
    /// What is disputed: `visit start (Assimi Goïta)`.
    pub subject: String,
    /// `visit.start`, `visit.duration`, `rank`, `count`, `figure`, ...
    pub slot: String,
    pub sides: Vec<Side>,
    /// 0..1: 1 for firm incompatible values; lower when a side is hedged,
    /// planned rather than done, or of coarse granularity.
    pub strength: f32,
    /// `strong` (>= 0.7), `moderate` (>= 0.4) or `weak`.
    pub strength_label: String,
    pub explanation: String,
}

/// Different values that describe different holders (shares of one venture):
/// both can be true, so they are not a disagreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Complementary {
    pub slot: String,
    pub explanation: String,
    pub parts: Vec<Side>,
}

/// A figure and where it is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub value: f64,
    /// The figure as first written (`35 millions de dollars`).
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    /// What it measures: the claim type (`share_of_capital`) or what is counted (`accords`).
    pub what: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<String>,
    pub sources: Vec<usize>,
    pub independent_outlets: usize,
    pub citations: Vec<Citation>,
}

/// One quotation and where it appears.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteItem {
    pub text: String,
    pub partial: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    pub sources: Vec<usize>,
    pub citations: Vec<Citation>,
}

/// Quotes grouped by speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerQuotes {
    /// The speaker's entity name when the speaker is a known entity, else as written.
    pub speaker: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// How sources name the speaker (`le président Poutine`, `Poutine`).
    pub written_as: Vec<String>,
    pub quotes: Vec<QuoteItem>,
}
