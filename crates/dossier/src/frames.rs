//! From sentences to typed frames: an event (arrival, visit, meeting,
//! signature, ...) or a figure (share of capital, capacity, trade volume, ...)
//! with its slots filled by the analysis' mentions.
//!
//! Event types come from trigger words (data files). Each date of a sentence
//! belongs to the trigger nearest to it, so `arrivé ce dimanche à Moscou pour
//! une visite` dates the arrival, not the visit. A sentence with triggers and
//! no date borrows the date of the previous sentence of its paragraph when
//! that one gave exactly one (`La journée du 23 juin a été marquée par la
//! rencontre. Après des échanges, ... la signature de trois accords.`), with a
//! lower confidence.

use chrono::NaiveDate;
use recoupe_core::{Comparator, EntityKind, Granularity, QuantityKind, Span, TimeKind, TimeMention};

use crate::entities::EntityIndex;
use crate::lexicon::Lexicon;
use crate::model::Citation;
use crate::sources::Item;
use crate::text::{contains_any, find_all, word_index_at, words, Word};

/// A date further than this (in weighted words) from every trigger dates none:
/// it belongs to something the sentence says without a trigger word.
const MAX_WORDS_TO_TRIGGER: usize = 12;

/// A figure cue further than this (in words) describes something else.
const MAX_WORDS_TO_CUE: usize = 15;

/// The same for counts: their cue is their noun or a verb next to it.
const MAX_WORDS_TO_COUNT_CUE: usize = 4;

/// Where in its event a date falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Aspect {
    /// The event as a whole (or its day, for a one-day event).
    Whole,
    Start,
    End,
}

impl Aspect {
    pub fn name(self) -> &'static str {
        match self {
            Aspect::Whole => "whole",
            Aspect::Start => "start",
            Aspect::End => "end",
        }
    }
}

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
    pub time: Option<FrameTime>,
    pub duration: Option<(i64, Citation)>,
    pub count: Option<FrameQuantity>,
    pub quantity: Option<FrameQuantity>,
    pub holder: Option<Holder>,
    /// Year the sentence dates a figure to (`en 2023`), to compare like with like.
    pub figure_year: Option<i32>,
    pub hedged: bool,
    pub planned: bool,
}

struct Trigger {
    kind: String,
    start: usize,
    end: usize,
    /// For aspect words: which aspect; they lend their dates to the nearest event.
    aspect: Option<Aspect>,
}

fn distance(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 {
        b.0 - a.1
    } else {
        a.0.saturating_sub(b.1)
    }
}

/// Days in `PnD` / `PnW` durations.
pub fn duration_days(value: &str) -> Option<i64> {
    let body = value.strip_prefix('P')?;
    if let Some(n) = body.strip_suffix('D') {
        return n.parse::<i64>().ok().filter(|d| *d > 0);
    }
    if let Some(n) = body.strip_suffix('W') {
        return n.parse::<i64>().ok().filter(|d| *d > 0).map(|w| w * 7);
    }
    None
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// Frames of every sentence of every item.
pub fn extract(items: &[Item<'_>], entities: &EntityIndex) -> Vec<Frame> {
    let mut out = Vec::new();
    for (ii, item) in items.iter().enumerate() {
        let lex = Lexicon::for_language(&item.lang);
        let mut previous: Option<(usize, FrameTime)> = None;
        let sorted = Sorted::of(item);
        for (si, span) in item.article.sentences.iter().enumerate() {
            let Some(sentence_text) = span.slice(&item.article.text) else {
                continue;
            };
            let paragraph = item
                .article
                .paragraphs
                .iter()
                .position(|p| p.start <= span.start && span.start < p.end);
            let ws: Vec<Word> = words(sentence_text)
                .into_iter()
                .map(|mut w| {
                    w.start += span.start;
                    w.end += span.start;
                    w
                })
                .collect();
            let inherit = previous.as_ref().filter(|(p, _)| Some(*p) == paragraph).map(|(_, t)| t);
            let frames = sentence_frames(item, ii, si, *span, &ws, lex, entities, inherit, &sorted);
            let dated: Vec<&FrameTime> = frames
                .iter()
                .filter(|f| f.is_event)
                .filter_map(|f| f.time.as_ref())
                .filter(|t| !t.inherited)
                .collect();
            let mut distinct: Vec<(NaiveDate, NaiveDate)> = dated.iter().map(|t| (t.start, t.end)).collect();
            distinct.sort();
            distinct.dedup();
            previous = match (paragraph, dated.first()) {
                (Some(p), Some(t)) if distinct.len() == 1 => Some((p, (*t).clone())),
                _ => None,
            };
            out.extend(frames);
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
/// Whether an item's mention lists are in text order (they are when the
/// analyser made them), so a sentence's mentions are found by binary search:
/// per-sentence scans of every mention made a one-line 20 MB text quadratic.
struct Sorted {
    times: bool,
    entities: bool,
    quantities: bool,
}

impl Sorted {
    fn of(item: &Item<'_>) -> Sorted {
        Sorted {
            times: item.times.windows(2).all(|w| w[0].span.start <= w[1].span.start),
            entities: item
                .analysis
                .entities
                .windows(2)
                .all(|w| w[0].span.start <= w[1].span.start),
            quantities: item
                .analysis
                .quantities
                .windows(2)
                .all(|w| w[0].span.start <= w[1].span.start),
        }
    }
}

/// The index range of `v` that may start inside `span`: exact when `sorted`, else all.
fn starting_in<T>(v: &[T], sorted: bool, start: impl Fn(&T) -> usize, span: Span) -> std::ops::Range<usize> {
    if !sorted {
        return 0..v.len();
    }
    let lo = v.partition_point(|x| start(x) < span.start);
    let hi = v.partition_point(|x| start(x) < span.end);
    lo..hi.max(lo)
}

#[allow(clippy::too_many_arguments)]
fn sentence_frames(
    item: &Item<'_>,
    ii: usize,
    si: usize,
    span: Span,
    ws: &[Word],
    lex: &Lexicon,
    entities: &EntityIndex,
    inherited: Option<&FrameTime>,
    sorted: &Sorted,
) -> Vec<Frame> {
    let text = &item.article.text;
    let in_sentence = |s: Span| s.start >= span.start && s.start < span.end && s.is_valid_in(text);

    // Triggers and aspect words.
    let mut triggers: Vec<Trigger> = Vec::new();
    for ev in &lex.events {
        for (at, len, _) in find_all(&ev.triggers, ws) {
            let after = at + len;
            if ev.not_followed_by.iter().any(|p| p.matches_at(ws, after)) {
                continue;
            }
            let (Some(first), Some(last)) = (ws.get(at), ws.get(after - 1)) else {
                continue;
            };
            if triggers.iter().any(|t| t.start < last.end && first.start < t.end) {
                continue;
            }
            triggers.push(Trigger {
                kind: ev.kind.clone(),
                start: first.start,
                end: last.end,
                aspect: None,
            });
        }
    }
    for (pats, aspect) in [(&lex.aspect_start, Aspect::Start), (&lex.aspect_end, Aspect::End)] {
        for (at, len, _) in find_all(pats, ws) {
            let (Some(first), Some(last)) = (ws.get(at), ws.get(at + len - 1)) else {
                continue;
            };
            if triggers.iter().any(|t| t.start < last.end && first.start < t.end) {
                continue;
            }
            triggers.push(Trigger {
                kind: String::new(),
                start: first.start,
                end: last.end,
                aspect: Some(aspect),
            });
        }
    }
    triggers.sort_by_key(|t| (t.start, t.end));
    let events: Vec<usize> = (0..triggers.len()).filter(|k| triggers[*k].aspect.is_none()).collect();

    let hedged_sentence = contains_any(&lex.hedges, ws);
    let planned_sentence = contains_any(&lex.planned, ws)
        || ws.iter().any(|w| {
            !w.capitalised
                && w.folded.chars().count() >= 6
                && lex.future_suffixes.iter().any(|s| w.folded.ends_with(s.as_str()))
        });

    // Dates and durations of the sentence.
    let times: Vec<&TimeMention> = item.times[starting_in(&item.times, sorted.times, |t| t.span.start, span)]
        .iter()
        .filter(|t| in_sentence(t.span))
        .collect();
    let mut dates: Vec<(usize, FrameTime)> = Vec::new();
    let mut durations: Vec<(usize, i64, Citation)> = Vec::new();
    for (k, t) in times.iter().enumerate() {
        if t.kind == TimeKind::Duration {
            if let (Some(days), Some(c)) = (
                t.value.as_deref().and_then(duration_days),
                item.cite(t.span.start, t.span.end),
            ) {
                durations.push((k, days, c));
            }
            continue;
        }
        if t.kind != TimeKind::Date {
            continue;
        }
        let (Some(start), Some(end)) = (t.start, t.end.or(t.start)) else {
            continue;
        };
        let Some(citation) = item.cite(t.span.start, t.span.end) else {
            continue;
        };
        let at = word_index_at(ws, t.span.start);
        if lex.time_since.iter().any(|p| p.matches_ending_at(ws, at)) || in_dateline(text, span, t.span) {
            continue;
        }
        let role = if lex.time_end.iter().any(|p| p.matches_ending_at(ws, at)) {
            Aspect::End
        } else if lex.time_start.iter().any(|p| p.matches_ending_at(ws, at)) {
            Aspect::Start
        } else {
            Aspect::Whole
        };
        let alternatives: Vec<NaiveDate> = t.alternatives.iter().filter_map(|a| parse_day(a)).collect();
        // `26 ou 27 juin` covers two days as alternatives, not as a range.
        let explicit_range = t.alternatives.is_empty()
            && (t.value.as_deref().is_some_and(|v| v.contains('/'))
                || (start != end && t.granularity == Granularity::Day));
        dates.push((
            k,
            FrameTime {
                start,
                end: end.max(start),
                granularity: t.granularity,
                alternatives,
                explicit_range,
                role,
                hedged: t.hedged,
                confidence: t.confidence,
                citation,
                inherited: false,
                // Only expressions without a day number (`vendredi`, `hier`) can
                // land on the wrong week; `le 22 juin` with an inferred year cannot.
                relative: !matches!(t.anchor, recoupe_core::TimeAnchor::Absolute)
                    && !t.text.chars().any(|c| c.is_ascii_digit()),
            },
        ));
    }
    // `du 21 au 26 juin` written as two mentions: make one range.
    let mut merged_dates: Vec<FrameTime> = Vec::new();
    let mut skip_next = false;
    for (n, (_, d)) in dates.iter().enumerate() {
        if skip_next {
            skip_next = false;
            continue;
        }
        let at = word_index_at(ws, d.citation.start);
        let opens = lex.range_start.iter().any(|p| p.matches_ending_at(ws, at));
        if opens {
            if let Some((_, next)) = dates.get(n + 1) {
                let next_at = word_index_at(ws, next.citation.start);
                let closes = lex.range_end.iter().any(|p| p.matches_ending_at(ws, next_at));
                if closes && next.end >= d.start && d.granularity == Granularity::Day {
                    let mut range = d.clone();
                    range.end = next.end;
                    range.explicit_range = true;
                    range.role = Aspect::Whole;
                    range.hedged = d.hedged || next.hedged;
                    range.confidence = d.confidence.min(next.confidence);
                    if let Some(c) = item.cite(d.citation.start, next.citation.end) {
                        range.citation = c;
                    }
                    merged_dates.push(range);
                    skip_next = true;
                    continue;
                }
            }
        }
        merged_dates.push(d.clone());
    }

    // Each date and duration goes to its nearest trigger (aspect words pass theirs on).
    // Distance in words; a trigger after the date counts half as far again,
    // since a date mostly follows the verb or noun it dates (`arrived on
    // March 9 for a visit`: the arrival).
    let weight = |t: &Trigger, s: (usize, usize)| -> (usize, usize) {
        let (a, b) = if t.end <= s.0 { (t.end, s.0) } else { (s.1, t.start) };
        let between = ws.iter().filter(|w| w.start >= a && w.end <= b).count();
        if t.start > s.0 {
            (between * 3 / 2 + 1, 1)
        } else {
            (between, 0)
        }
    };
    let near_enough = |k: &usize, s: (usize, usize)| weight(&triggers[*k], s).0 <= MAX_WORDS_TO_TRIGGER;
    let nearest = |s: (usize, usize)| -> Option<usize> {
        (0..triggers.len())
            .filter(|k| near_enough(k, s))
            .min_by_key(|k| weight(&triggers[*k], s))
    };
    let nearest_event = |s: (usize, usize)| -> Option<usize> {
        events
            .iter()
            .copied()
            .filter(|k| near_enough(k, s))
            .min_by_key(|k| weight(&triggers[*k], s))
    };
    let mut time_of: Vec<Vec<FrameTime>> = vec![Vec::new(); triggers.len()];
    let mut aspect_of: Vec<Aspect> = vec![Aspect::Whole; triggers.len()];
    for d in merged_dates {
        let s = (d.citation.start, d.citation.end);
        let Some(k) = nearest(s) else { continue };
        match triggers[k].aspect {
            Some(aspect) => {
                if let Some(e) = nearest_event((triggers[k].start, triggers[k].end)) {
                    aspect_of[e] = aspect;
                    let mut d = d;
                    if d.role == Aspect::Whole && !d.explicit_range {
                        d.role = aspect;
                    }
                    time_of[e].push(d);
                }
            }
            None => time_of[k].push(d),
        }
    }
    // Aspect words with no date still say which end of the event the sentence is about.
    for t in &triggers {
        if let Some(aspect) = t.aspect {
            if let Some(e) = nearest_event((t.start, t.end)) {
                if aspect_of[e] == Aspect::Whole {
                    aspect_of[e] = aspect;
                }
            }
        }
    }
    let mut duration_of: Vec<Option<(i64, Citation)>> = vec![None; triggers.len()];
    for (_, days, c) in durations {
        // A length belongs to a stay or to talks, not to a point event.
        let Some(e) = nearest_event((c.start, c.end)) else {
            continue;
        };
        if matches!(triggers[e].kind.as_str(), "visit" | "meeting") {
            duration_of[e].get_or_insert((days, c));
        }
    }

    // Entities of the sentence.
    let range = starting_in(&item.analysis.entities, sorted.entities, |m| m.span.start, span);
    let first = range.start;
    let mentions: Vec<(usize, &recoupe_core::EntityMention)> = item.analysis.entities[range]
        .iter()
        .enumerate()
        .map(|(k, m)| (first + k, m))
        .filter(|(_, m)| in_sentence(m.span))
        .collect();
    let entity_of = |mi: usize| entities.by_mention.get(&(ii, mi)).copied();
    let persons: Vec<(usize, Span)> = mentions
        .iter()
        .filter(|(_, m)| m.kind == EntityKind::Person && !m.via_demonym)
        .filter_map(|(mi, m)| entity_of(*mi).map(|e| (e, m.span)))
        .collect();
    let actors: Vec<(usize, Span)> = mentions
        .iter()
        .filter(|(_, m)| matches!(m.kind, EntityKind::Organisation | EntityKind::Place) && !m.via_demonym)
        .filter_map(|(mi, m)| entity_of(*mi).map(|e| (e, m.span)))
        .collect();
    let places: Vec<(usize, Span)> = mentions
        .iter()
        .filter(|(_, m)| m.kind == EntityKind::Place && !m.via_demonym)
        .filter(|(_, m)| {
            lex.locatives
                .iter()
                .any(|p| p.matches_ending_at(ws, word_index_at(ws, m.span.start)))
        })
        .filter_map(|(mi, m)| entity_of(*mi).map(|e| (e, m.span)))
        .collect();
    let closest = |cands: &[(usize, Span)], s: (usize, usize)| -> Option<usize> {
        cands
            .iter()
            .min_by_key(|(e, sp)| (distance((sp.start, sp.end), s), *e))
            .map(|(e, _)| *e)
    };

    // Quantities of the sentence.
    let quantities: Vec<FrameQuantity> = item.analysis.quantities
        [starting_in(&item.analysis.quantities, sorted.quantities, |q| q.span.start, span)]
    .iter()
    .filter(|q| in_sentence(q.span) && q.kind != QuantityKind::Ordinal && q.value.is_finite())
    .filter_map(|q| {
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
    })
    .collect();
    let figure_year = times
        .iter()
        .filter(|t| t.kind == TimeKind::Date && matches!(t.granularity, Granularity::Year | Granularity::Month))
        .filter_map(|t| t.start)
        .map(|d| chrono::Datelike::year(&d))
        .next();

    let mut frames = Vec::new();
    let mut used_counts: Vec<usize> = Vec::new();
    for &k in &events {
        let t = &triggers[k];
        let s = (t.start, t.end);
        let mut times_here = time_of[k].clone();
        times_here.sort_by(|a, b| {
            let wa = weight(t, (a.citation.start, a.citation.end));
            let wb = weight(t, (b.citation.start, b.citation.end));
            wa.cmp(&wb)
                .then_with(|| b.confidence.total_cmp(&a.confidence))
                .then_with(|| a.granularity.cmp(&b.granularity))
                .then_with(|| a.citation.start.cmp(&b.citation.start))
        });
        let mut time = times_here.into_iter().next();
        // A trigger with no date of its own shares the sentence's only date
        // (`On Monday he held talks and signed four agreements`), except a
        // visit as a whole: a point date would shrink a stay to one day.
        if time.is_none() && !(t.kind == "visit" && aspect_of[k] == Aspect::Whole) {
            let mut distinct: Vec<&FrameTime> = Vec::new();
            for d in time_of.iter().flatten().filter(|d| d.role == Aspect::Whole) {
                if !distinct.iter().any(|x| x.start == d.start && x.end == d.end) {
                    distinct.push(d);
                }
            }
            if let [only] = distinct.as_slice() {
                let mut shared = (*only).clone();
                shared.inherited = true;
                shared.role = Aspect::Whole;
                shared.confidence *= 0.8;
                time = Some(shared);
            }
        }
        if time.is_none() && dates.is_empty() && durations_empty(&duration_of) {
            if let Some(only) = inherited {
                let mut borrowed = only.clone();
                borrowed.inherited = true;
                borrowed.confidence = (borrowed.confidence * 0.7).min(0.6);
                time = Some(borrowed);
            }
        }
        // A count is the object of the event it follows (`signé trois accords`,
        // `la signature de trois accords`); a count before it is mostly the
        // subject (`les deux parties ont signé`). Meetings and stays count
        // people and days, not what they produce.
        let counts_objects = !matches!(t.kind.as_str(), "meeting" | "visit" | "arrival" | "departure");
        let count = quantities
            .iter()
            .enumerate()
            .filter(|_| counts_objects)
            .filter(|(qi, q)| q.kind == QuantityKind::Count && !used_counts.contains(qi))
            .filter(|(_, q)| q.citation.start >= t.end)
            .filter(|(_, q)| nearest_event((q.citation.start, q.citation.end)) == Some(k))
            .min_by_key(|(_, q)| distance((q.citation.start, q.citation.end), s))
            .map(|(qi, q)| (qi, q.clone()));
        if let Some((qi, _)) = &count {
            used_counts.push(*qi);
        }
        let aspect = match (&time, aspect_of[k]) {
            (Some(tm), Aspect::Whole) if !tm.explicit_range => tm.role,
            (_, a) => a,
        };
        // A visitor is a person; other events may be done by an organisation or a country.
        let person_only = matches!(t.kind.as_str(), "visit" | "arrival" | "departure");
        // The agent is the nearest person before the event word (its subject),
        // else the nearest after it unless introduced as someone else
        // (`accueilli par le ministre`, `avec son homologue`).
        let before = persons
            .iter()
            .filter(|(_, sp)| sp.end <= s.0)
            .max_by_key(|(e, sp)| (sp.end, std::cmp::Reverse(*e)));
        let after = persons
            .iter()
            .filter(|(_, sp)| sp.start >= s.1)
            .min_by_key(|(e, sp)| (sp.start, *e))
            .filter(|(_, sp)| {
                let from = word_index_at(ws, s.1);
                let to = word_index_at(ws, sp.start);
                !(from..to).any(|i| lex.not_agent_after.iter().any(|p| p.matches_at(ws, i)))
            });
        let subject = match (before, after) {
            (Some(b), Some(a)) => {
                if distance((b.1.start, b.1.end), s) <= 2 * distance((a.1.start, a.1.end), s) + 40 {
                    Some(b.0)
                } else {
                    Some(a.0)
                }
            }
            (Some(b), None) => Some(b.0),
            (None, Some(a)) => Some(a.0),
            (None, None) => None,
        };
        let agent = subject.or_else(|| {
            if person_only {
                return None;
            }
            actors
                .iter()
                .filter(|(_, sp)| sp.end <= s.0)
                .max_by_key(|(_, sp)| sp.end)
                .map(|(e, _)| *e)
        });
        let mut participants: Vec<usize> = persons.iter().map(|(e, _)| *e).collect();
        participants.sort_unstable();
        participants.dedup();
        let hedged = hedged_sentence || time.as_ref().is_some_and(|t| t.hedged);
        frames.push(Frame {
            kind: t.kind.clone(),
            is_event: true,
            item: ii,
            sentence: si,
            trigger: item.cite(t.start, t.end),
            aspect,
            // Meetings and signatures have parties rather than one agent.
            agent: if matches!(t.kind.as_str(), "meeting" | "signature") {
                None
            } else {
                agent
            },
            participants,
            place: closest(&places, s),
            time,
            duration: duration_of[k].clone(),
            count: count.map(|(_, q)| q),
            quantity: None,
            holder: None,
            figure_year,
            hedged,
            planned: planned_sentence,
        });
    }

    // Figures.
    for (qi, q) in quantities.iter().enumerate() {
        if used_counts.contains(&qi) {
            continue;
        }
        let kind = figure_kind(lex, ws, q);
        let holder = if kind == "share_of_capital" {
            find_holder(item, ii, ws, q, lex, entities)
        } else {
            None
        };
        frames.push(Frame {
            kind,
            is_event: false,
            item: ii,
            sentence: si,
            trigger: None,
            aspect: Aspect::Whole,
            agent: None,
            participants: Vec::new(),
            place: None,
            time: None,
            duration: None,
            count: None,
            quantity: Some(q.clone()),
            holder,
            figure_year,
            hedged: hedged_sentence || matches!(q.comparator, Some(Comparator::About)),
            planned: planned_sentence,
        });
    }
    frames
}

/// A dateline (`JAKARTA, March 6 (Reuters) -`) dates the dispatch, not an event:
/// a date after nothing but a place in capitals, followed by an agency or a dash.
fn in_dateline(text: &str, sentence: Span, date: Span) -> bool {
    let (Some(before), Some(after)) = (text.get(sentence.start..date.start), text.get(date.end..sentence.end)) else {
        return false;
    };
    let place_only = before.chars().any(char::is_alphabetic)
        && before.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        && before.chars().count() <= 40;
    let after = after.trim_start();
    place_only && (after.starts_with('(') || after.starts_with(['-', '\u{2013}', '\u{2014}']))
}

fn durations_empty(d: &[Option<(i64, Citation)>]) -> bool {
    d.iter().all(Option::is_none)
}

/// The figure type whose cue is nearest the figure in its sentence; else a
/// generic type from the figure's own kind.
fn figure_kind(lex: &Lexicon, ws: &[Word], q: &FrameQuantity) -> String {
    let s = (q.citation.start, q.citation.end);
    let mut best: Option<(usize, &str)> = None;
    for f in &lex.figures {
        for (at, len, _) in find_all(&f.cues, ws) {
            let (Some(first), Some(last)) = (ws.get(at), ws.get(at + len - 1)) else {
                continue;
            };
            // Distance in words; a cue inside the figure (`27 morts`) is at distance 0.
            let (a, b) = if last.end <= s.0 {
                (last.end, s.0)
            } else {
                (s.1, first.start)
            };
            let d = if first.start < s.1 && s.0 < last.end {
                0
            } else {
                ws.iter().filter(|w| w.start >= a && w.end <= b).count() + 1
            };
            // Percent figures only describe shares or rates; money only amounts.
            let fits = match q.kind {
                QuantityKind::Percent => matches!(f.kind.as_str(), "share_of_capital" | "access_rate"),
                QuantityKind::Money => matches!(f.kind.as_str(), "trade_volume" | "investment"),
                QuantityKind::Measure => f.kind == "capacity",
                QuantityKind::Count | QuantityKind::Number => f.kind.starts_with("casualties"),
                QuantityKind::Ordinal => false,
            };
            // A count is tied to its noun and verb (`27 people died`, `112 people
            // had been rescued`); a count further away counts something else.
            let window = if matches!(q.kind, QuantityKind::Count | QuantityKind::Number) {
                MAX_WORDS_TO_COUNT_CUE
            } else {
                MAX_WORDS_TO_CUE
            };
            if fits && d <= window && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, f.kind.as_str()));
            }
        }
    }
    if let Some((_, k)) = best {
        return k.to_string();
    }
    match q.kind {
        QuantityKind::Percent => "percentage",
        QuantityKind::Money => "amount",
        QuantityKind::Count => "count",
        QuantityKind::Measure => "measure",
        QuantityKind::Number | QuantityKind::Ordinal => "number",
    }
    .to_string()
}

/// Who a share belongs to: `X détient 62 %` (holder before a `before` cue) or
/// `38 % accordée à Y` (holder after an `after` cue following the figure).
fn find_holder(
    item: &Item<'_>,
    ii: usize,
    ws: &[Word],
    q: &FrameQuantity,
    lex: &Lexicon,
    entities: &EntityIndex,
) -> Option<Holder> {
    let q_first = word_index_at(ws, q.citation.start);
    let q_after = word_index_at(ws, q.citation.end);
    let text = &item.article.text;
    let phrase = |from: usize, to: usize| -> Option<(usize, usize)> {
        // Drop leading function words; keep up to four words without punctuation between.
        let mut from = from;
        while from < to && ws.get(from).is_some_and(|w| lex.stopwords.contains(&w.folded)) {
            from += 1;
        }
        let mut end = from;
        while end < to && end - from < 4 {
            let w = ws.get(end)?;
            if end > from && lex.stopwords.contains(&w.folded) {
                break;
            }
            if end > from {
                let prev = ws.get(end - 1)?;
                let gap = text.get(prev.end..w.start)?;
                if gap.chars().any(|c| !c.is_whitespace() && c != '\'' && c != '\u{2019}') {
                    break;
                }
            }
            end += 1;
        }
        (end > from).then_some((ws.get(from)?.start, ws.get(end - 1)?.end))
    };
    let mut found: Option<(usize, usize)> = None;
    // Holder after: the cue follows the figure within three words.
    'after: for gap in 0..3 {
        for p in &lex.holder_after {
            if p.matches_at(ws, q_after + gap) {
                let from = q_after + gap + p.len();
                found = phrase(from, (from + 6).min(ws.len()));
                break 'after;
            }
        }
    }
    if found.is_none() {
        // Holder before: the cue precedes the figure within two words.
        'before: for back in 0..3 {
            let Some(cue_end) = q_first.checked_sub(back) else {
                break;
            };
            for p in &lex.holder_before {
                if p.matches_ending_at(ws, cue_end) {
                    let cue_start = cue_end - p.len();
                    let from = cue_start.saturating_sub(4);
                    // Keep the words after the last punctuation before the cue.
                    let mut start = from;
                    for w in from..cue_start {
                        if let (Some(a), Some(b)) = (ws.get(w), ws.get(w + 1)) {
                            if text
                                .get(a.end..b.start)
                                .is_some_and(|g| g.contains([',', ';', ':', '(']))
                            {
                                start = w + 1;
                            }
                        }
                    }
                    found = phrase(start, cue_start);
                    break 'before;
                }
            }
        }
    }
    let (start, end) = found?;
    let citation = item.cite(start, end)?;
    // A named holder beats a demonym (`société sahélienne SaheliOr` is SaheliOr).
    let entity = item
        .analysis
        .entities
        .iter()
        .enumerate()
        .filter(|(_, m)| m.span.start < end && start < m.span.end)
        .min_by_key(|(_, m)| (m.via_demonym, std::cmp::Reverse(m.span.start)))
        .and_then(|(mi, _)| entities.by_mention.get(&(ii, mi)).copied());
    Some(Holder {
        text: citation.text.clone(),
        entity,
        citation,
    })
}
