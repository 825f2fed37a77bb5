//! Frames as the dossier uses them: the analysis' per-sentence frames
//! (`recoupe_analyze::frames`, kinds and slots from its data files) with their
//! mention indices turned into the story's entities, dates re-anchored for
//! undated articles, and citations. The dossier finds no frame itself; for an
//! analysis stored before frames existed, the analyser's frame extractor is
//! run on it here, with the same code and data.

use chrono::NaiveDate;
use recoupe_core::{Comparator, FrameClass, FrameMention, Granularity, QuantityKind, QuantityMention, TimeAnchor};

use crate::entities::EntityIndex;
use crate::model::Citation;
use crate::sources::Item;

/// Where in its event a date falls.
pub use recoupe_core::EventAspect as Aspect;

/// A date as a frame uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameTime {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub granularity: Granularity,
    /// Days a hedged expression allows (`26 ou 27 juin`).
    pub alternatives: Vec<NaiveDate>,
    /// True when the text gives both ends (`du 21 au 26 juin`).
    pub explicit_range: bool,
    /// What the words around it make of it (`jusqu'au` -> end).
    pub role: Aspect,
    pub hedged: bool,
    pub confidence: f32,
    pub citation: Citation,
    /// True when borrowed from the previous sentence.
    pub inherited: bool,
    /// True when resolved from a relative expression without a day number
    /// (`on Friday`, `hier`) rather than written out.
    pub relative: bool,
}

/// A figure as a frame uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameQuantity {
    pub value: f64,
    pub unit: Option<String>,
    pub per: Option<String>,
    pub counted: Option<String>,
    pub kind: QuantityKind,
    pub comparator: Option<Comparator>,
    pub text: String,
    pub citation: Citation,
}

/// Who holds a share, as written, and the entity when one is named there.
#[derive(Debug, Clone, PartialEq)]
pub struct Holder {
    pub text: String,
    pub entity: Option<usize>,
    pub citation: Citation,
}

/// One frame found in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub kind: String,
    /// True for events (timeline material), false for figures and attributes.
    pub is_event: bool,
    pub item: usize,
    pub sentence: usize,
    pub trigger: Option<Citation>,
    /// Aspect given by words like `entamée` / `began`.
    pub aspect: Aspect,
    pub agent: Option<usize>,
    pub participants: Vec<usize>,
    pub place: Option<usize>,
    // The optional parts are boxed: a frame has few of them, and a huge text
    // has hundreds of thousands of frames (unboxed, each took ~850 bytes).
    pub time: Option<Box<FrameTime>>,
    pub duration: Option<Box<(i64, Citation)>>,
    /// A length under a day, in minutes (`seven minutes`).
    pub duration_minutes: Option<Box<(i64, Citation)>>,
    pub count: Option<Box<FrameQuantity>>,
    pub quantity: Option<Box<FrameQuantity>>,
    pub holder: Option<Box<Holder>>,
    /// Year the sentence dates a figure to (`en 2023`), to compare like with like.
    pub figure_year: Option<i32>,
    /// For a figure: the event of its sentence it measures (`attack` for a toll).
    pub of_event: Option<String>,
    pub hedged: bool,
    pub planned: bool,
}

/// Days in `PnD` / `PnW` durations.
pub fn duration_days(value: &str) -> Option<i64> {
    recoupe_analyze::frames::duration_days(value)
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

fn quantity(item: &Item<'_>, q: &QuantityMention) -> Option<FrameQuantity> {
    if q.kind == QuantityKind::Ordinal || !q.value.is_finite() {
        return None;
    }
    Some(FrameQuantity {
        value: q.value,
        unit: q.unit.clone(),
        per: q.per.clone(),
        counted: q.counted.clone(),
        kind: q.kind,
        comparator: q.comparator,
        text: q.text.clone(),
        citation: item.cite(q.span.start, q.span.end)?,
    })
}

/// Frames of every sentence of every item.
pub fn extract(items: &[Item<'_>], entities: &EntityIndex) -> Vec<Frame> {
    // At most one frame per analysed frame: sized once, as doubling a vector of
    // a huge text's frames would hold up to twice their size.
    let mut out = Vec::with_capacity(items.iter().map(|item| item.analysis.frames.len()).sum());
    for (ii, item) in items.iter().enumerate() {
        let computed;
        let found: &[FrameMention] = if item.analysis.frames.is_empty() {
            computed = recoupe_analyze::frames::find_frames(&recoupe_analyze::frames::FrameInput {
                text: &item.article.text,
                sentences: &item.article.sentences,
                paragraphs: &item.article.paragraphs,
                language: &item.lang,
                entities: &item.analysis.entities,
                times: &item.times,
                quantities: &item.analysis.quantities,
            });
            &computed
        } else {
            &item.analysis.frames
        };
        for f in found {
            if let Some(frame) = convert(item, ii, f, entities) {
                out.push(frame);
            }
        }
    }
    out
}

fn convert(item: &Item<'_>, ii: usize, f: &FrameMention, entities: &EntityIndex) -> Option<Frame> {
    let entity_of = |mi: usize| entities.by_mention.get(&(ii, mi)).copied();
    let time = f.when.as_ref().and_then(|w| {
        let first = item.times.get(*w.times.first()?)?;
        let last = item.times.get(*w.times.last()?)?;
        let start = first.start?;
        let end = if w.times.len() > 1 {
            last.end.or(last.start)?
        } else {
            first.end.unwrap_or(start)
        };
        let citation = item.cite(w.span.start, w.span.end)?;
        let alternatives: Vec<NaiveDate> = if w.times.len() == 1 {
            first.alternatives.iter().filter_map(|a| parse_day(a)).collect()
        } else {
            Vec::new()
        };
        let relative = w
            .times
            .iter()
            .filter_map(|i| item.times.get(*i))
            .all(|t| !matches!(t.anchor, TimeAnchor::Absolute) && !t.text.chars().any(|c| c.is_ascii_digit()));
        Some(FrameTime {
            start,
            end: end.max(start),
            granularity: first.granularity,
            alternatives,
            explicit_range: w.explicit_range,
            role: w.role,
            hedged: first.hedged || last.hedged,
            confidence: w.confidence.min(first.confidence),
            citation,
            inherited: w.inherited,
            relative,
        })
    });
    let duration = f.duration.and_then(|i| {
        let t = item.times.get(i)?;
        let days = t.value.as_deref().and_then(duration_days)?;
        Some((days, item.cite(t.span.start, t.span.end)?))
    });
    let duration_minutes = f.duration.and_then(|i| {
        let t = item.times.get(i)?;
        let minutes = t.value.as_deref().and_then(recoupe_analyze::frames::duration_minutes)?;
        Some((minutes, item.cite(t.span.start, t.span.end)?))
    });
    let mut participants: Vec<usize> = f.parties.iter().filter_map(|m| entity_of(*m)).collect();
    participants.sort_unstable();
    participants.dedup();
    let holder = f.holder.as_ref().and_then(|h| {
        Some(Holder {
            text: h.text.clone(),
            entity: h.entity.and_then(entity_of),
            citation: item.cite(h.span.start, h.span.end)?,
        })
    });
    let figure = match f.figure {
        Some(i) => Some(quantity(item, item.analysis.quantities.get(i)?)?),
        None => None,
    };
    Some(Frame {
        kind: f.kind.clone(),
        is_event: f.class == FrameClass::Event,
        item: ii,
        sentence: f.sentence,
        trigger: f.trigger.and_then(|t| item.cite(t.start, t.end)),
        aspect: f.aspect,
        agent: f.who.and_then(entity_of),
        participants,
        place: f.place.and_then(entity_of),
        time: time.map(Box::new),
        duration: duration.map(Box::new),
        duration_minutes: duration_minutes.map(Box::new),
        count: f
            .how_many
            .and_then(|i| item.analysis.quantities.get(i))
            .and_then(|q| quantity(item, q))
            .map(Box::new),
        quantity: figure.map(Box::new),
        holder: holder.map(Box::new),
        figure_year: f.year,
        of_event: f.of_event.clone(),
        hedged: f.hedged || matches!(figure_comparator(f, item), Some(Comparator::About)),
        planned: f.planned,
    })
}

fn figure_comparator(f: &FrameMention, item: &Item<'_>) -> Option<Comparator> {
    f.figure
        .and_then(|i| item.analysis.quantities.get(i))
        .and_then(|q| q.comparator)
}
