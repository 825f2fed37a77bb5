//! Per-sentence frames: an event (arrival, visit, talks, signature, attack,
//! withdrawal, strike, ...) or a figure (a toll, a share of capital, a trade
//! volume, ...) with its typed slots (who, which parties, where, when, how
//! long, how many) filled from the mentions of its sentence.
//!
//! What the kinds are, which slots each takes and how one kind's dates speak
//! for another's are data (`data/events.toml`); the words that trigger them
//! are per language (`data/<lang>/events.toml`). A newsroom adds a kind by
//! adding entries there, without Rust.
//!
//! Each date of a sentence belongs to the trigger nearest to it, so `arrivé ce
//! dimanche à Moscou pour une visite` dates the arrival, not the visit. A
//! sentence with triggers and no date borrows the date of the previous
//! sentence of its paragraph when that one gave exactly one, with a lower
//! confidence. A count whose noun is itself an event word (`two attacks`)
//! counts events, never a toll.

pub mod lexicon;
pub mod patterns;

use chrono::{Datelike, NaiveDate};
use recoupe_core::{
    Comparator, EntityKind, EntityMention, EventAspect, FrameClass, FrameHolder, FrameMention, FrameWhen, Granularity,
    QuantityKind, QuantityMention, Span, TimeKind, TimeMention,
};

pub use lexicon::{Catalog, Compared, EventKind, FigureKind, FrameWords, Relation, SlotName};
use patterns::{contains_any, find_all, word_index_at, words, Word};

/// A date further than this (in weighted words) from every trigger dates none.
const MAX_WORDS_TO_TRIGGER: usize = 12;
/// A figure cue further than this (in words) describes something else.
const MAX_WORDS_TO_CUE: usize = 15;
/// The same for counts: their cue is their noun or a verb next to it.
const MAX_WORDS_TO_COUNT_CUE: usize = 4;

/// What the frame extractor reads of one article.
pub struct FrameInput<'a> {
    pub text: &'a str,
    pub sentences: &'a [Span],
    pub paragraphs: &'a [Span],
    pub language: &'a str,
    pub entities: &'a [EntityMention],
    pub times: &'a [TimeMention],
    pub quantities: &'a [QuantityMention],
}

/// The words of `lang`, or of every language when it has none.
fn words_for(lang: &str) -> Vec<&'static FrameWords> {
    let all = FrameWords::embedded();
    let code = lang.get(..2).unwrap_or(lang).to_ascii_lowercase();
    match all.get(&code) {
        Some(w) => vec![w],
        None => all.values().collect(),
    }
}

/// A date as the extractor uses it.
#[derive(Debug, Clone)]
struct Dt {
    times: Vec<usize>,
    start: usize,
    end: usize,
    /// Resolved days, when the tagger could resolve them.
    days: Option<(NaiveDate, NaiveDate)>,
    text_key: String,
    granularity: Granularity,
    explicit_range: bool,
    role: EventAspect,
    confidence: f32,
    inherited: bool,
}

impl Dt {
    fn key(&self) -> (Option<(NaiveDate, NaiveDate)>, String) {
        (
            self.days,
            if self.days.is_some() {
                String::new()
            } else {
                self.text_key.clone()
            },
        )
    }
    fn to_when(&self) -> FrameWhen {
        FrameWhen {
            times: self.times.clone(),
            span: Span::new(self.start, self.end),
            role: self.role,
            explicit_range: self.explicit_range,
            inherited: self.inherited,
            confidence: self.confidence,
        }
    }
}

struct Trigger {
    kind: String,
    start: usize,
    end: usize,
    aspect: Option<EventAspect>,
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

/// Minutes in `PTnM` / `PTnH` durations.
pub fn duration_minutes(value: &str) -> Option<i64> {
    let body = value.strip_prefix("PT")?;
    if let Some(n) = body.strip_suffix('M') {
        return n.parse::<i64>().ok().filter(|d| *d > 0);
    }
    if let Some(n) = body.strip_suffix('H') {
        return n.parse::<i64>().ok().filter(|d| *d > 0).map(|h| h * 60);
    }
    None
}

/// Mentions of one kind (entities, times, quantities) located by span, so a
/// sentence reads only its own instead of every mention of the article: a
/// text of many thousand sentences stays linear.
struct ByStart<'a, T> {
    items: &'a [T],
    /// Whether `items` are in order of span start (the analyser's output is);
    /// when not, every lookup scans them all, as before.
    sorted: bool,
    /// Longest span, so that mentions starting before a range but reaching into it are found.
    longest: usize,
    span_of: fn(&T) -> Span,
}

impl<'a, T> ByStart<'a, T> {
    fn new(items: &'a [T], span_of: fn(&T) -> Span) -> Self {
        ByStart {
            items,
            sorted: items.windows(2).all(|w| span_of(&w[0]).start <= span_of(&w[1]).start),
            longest: items
                .iter()
                .map(|i| span_of(i).end.saturating_sub(span_of(i).start))
                .max()
                .unwrap_or(0),
            span_of,
        }
    }

    /// Index range holding every item whose start is in `from..to`.
    fn starting_in(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        if !self.sorted {
            return 0..self.items.len();
        }
        let lo = self.items.partition_point(|i| (self.span_of)(i).start < from);
        let hi = self.items.partition_point(|i| (self.span_of)(i).start < to);
        lo..hi.max(lo)
    }

    /// Index range holding every item that may overlap `from..to`.
    fn overlapping(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        self.starting_in(from.saturating_sub(self.longest), to)
    }

    /// (index, item) of the items whose start is in `from..to`, in order.
    fn in_range(&self, from: usize, to: usize) -> impl Iterator<Item = (usize, &'a T)> + '_ {
        let range = self.starting_in(from, to);
        let offset = range.start;
        self.items
            .get(range)
            .unwrap_or(&[])
            .iter()
            .enumerate()
            .map(move |(k, item)| (offset + k, item))
    }
}

/// The article's mentions, indexed once for every sentence.
struct Located<'a> {
    entities: ByStart<'a, EntityMention>,
    times: ByStart<'a, TimeMention>,
    quantities: ByStart<'a, QuantityMention>,
}

/// Index of the first paragraph holding `pos` (binary search when the
/// paragraphs are in order and apart, as extraction makes them).
fn paragraph_at(paragraphs: &[Span], ordered: bool, pos: usize) -> Option<usize> {
    if !ordered {
        return paragraphs.iter().position(|p| p.start <= pos && pos < p.end);
    }
    let i = paragraphs.partition_point(|p| p.start <= pos).checked_sub(1)?;
    paragraphs.get(i).filter(|p| pos < p.end).map(|_| i)
}

/// Frames of every sentence of an article.
pub fn find_frames(input: &FrameInput<'_>) -> Vec<FrameMention> {
    let catalog = Catalog::embedded();
    let lexes = words_for(input.language);
    let located = Located {
        entities: ByStart::new(input.entities, |m| m.span),
        times: ByStart::new(input.times, |t| t.span),
        quantities: ByStart::new(input.quantities, |q| q.span),
    };
    let paragraphs_ordered = input.paragraphs.windows(2).all(|w| w[0].end <= w[1].start);
    let mut out = Vec::new();
    let mut previous: Option<(usize, Dt)> = None;
    for (si, span) in input.sentences.iter().enumerate() {
        let Some(sentence_text) = span.slice(input.text) else {
            continue;
        };
        let paragraph = paragraph_at(input.paragraphs, paragraphs_ordered, span.start);
        let ws: Vec<Word> = words(sentence_text)
            .into_iter()
            .map(|mut w| {
                w.start += span.start;
                w.end += span.start;
                w
            })
            .collect();
        let inherit = previous.as_ref().filter(|(p, _)| Some(*p) == paragraph).map(|(_, t)| t);
        let (frames, own_dates) = sentence_frames(input, &located, catalog, &lexes, si, *span, &ws, inherit);
        let mut distinct: Vec<_> = own_dates.iter().map(Dt::key).collect();
        distinct.sort();
        distinct.dedup();
        previous = match (paragraph, own_dates.first()) {
            (Some(p), Some(t)) if distinct.len() == 1 => Some((p, t.clone())),
            _ => None,
        };
        out.extend(frames);
    }
    out
}

fn any_match(lexes: &[&FrameWords], f: impl Fn(&FrameWords) -> bool) -> bool {
    lexes.iter().any(|l| f(l))
}

/// Frames of one sentence, and the dates its events got from their own words.
#[allow(clippy::too_many_arguments)]
fn sentence_frames(
    input: &FrameInput<'_>,
    located: &Located<'_>,
    catalog: &Catalog,
    lexes: &[&FrameWords],
    si: usize,
    span: Span,
    ws: &[Word],
    inherited: Option<&Dt>,
) -> (Vec<FrameMention>, Vec<Dt>) {
    let text = input.text;
    let in_sentence = |s: Span| s.start >= span.start && s.start < span.end && s.is_valid_in(text);

    // Triggers and aspect words.
    let mut triggers: Vec<Trigger> = Vec::new();
    for lex in lexes {
        for ev in &lex.events {
            for (at, len, _) in find_all(&ev.triggers, ws) {
                let after = at + len;
                if ev.not_followed_by.iter().any(|p| p.matches_at(ws, after))
                    || ev.not_preceded_by.iter().any(|p| p.matches_ending_at(ws, at))
                {
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
    }
    for lex in lexes {
        for (pats, aspect) in [
            (&lex.aspect_start, EventAspect::Start),
            (&lex.aspect_end, EventAspect::End),
        ] {
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
    }
    triggers.sort_by_key(|t| (t.start, t.end));
    let events: Vec<usize> = (0..triggers.len()).filter(|k| triggers[*k].aspect.is_none()).collect();
    let kind_of = |k: usize| catalog.kind(&triggers[k].kind);

    let hedged_sentence = any_match(lexes, |l| contains_any(&l.hedges, ws));
    let planned_sentence = any_match(lexes, |l| contains_any(&l.planned, ws))
        || ws.iter().any(|w| {
            !w.capitalised
                && w.folded.chars().count() >= 6
                && lexes
                    .iter()
                    .any(|l| l.future_suffixes.iter().any(|s| w.folded.ends_with(s.as_str())))
        });

    // Dates and durations of the sentence.
    let times: Vec<(usize, &TimeMention)> = located
        .times
        .in_range(span.start, span.end)
        .filter(|(_, t)| in_sentence(t.span))
        .collect();
    let mut dates: Vec<Dt> = Vec::new();
    let mut durations: Vec<(usize, usize, usize)> = Vec::new();
    for (ti, t) in &times {
        if t.kind == TimeKind::Duration {
            if t.value.as_deref().and_then(duration_days).is_some()
                || t.value.as_deref().and_then(duration_minutes).is_some()
            {
                durations.push((*ti, t.span.start, t.span.end));
            }
            continue;
        }
        if t.kind != TimeKind::Date {
            continue;
        }
        let at = word_index_at(ws, t.span.start);
        if any_match(lexes, |l| l.time_since.iter().any(|p| p.matches_ending_at(ws, at)))
            || in_dateline(text, span, t.span)
        {
            continue;
        }
        let role = if any_match(lexes, |l| l.time_end.iter().any(|p| p.matches_ending_at(ws, at))) {
            EventAspect::End
        } else if any_match(lexes, |l| l.time_start.iter().any(|p| p.matches_ending_at(ws, at))) {
            EventAspect::Start
        } else {
            EventAspect::Whole
        };
        let days = t.start.map(|s| (s, t.end.unwrap_or(s).max(s)));
        // `26 ou 27 juin` covers two days as alternatives, not as a range.
        let explicit_range = t.alternatives.is_empty()
            && (t.value.as_deref().is_some_and(|v| v.contains('/'))
                || days.is_some_and(|(s, e)| s != e && t.granularity == Granularity::Day));
        dates.push(Dt {
            times: vec![*ti],
            start: t.span.start,
            end: t.span.end,
            days,
            text_key: recoupe_core::fold_key(&t.text),
            granularity: t.granularity,
            explicit_range,
            role,
            confidence: t.confidence,
            inherited: false,
        });
    }
    // `du 21 au 26 juin` written as two mentions: make one range.
    let mut merged: Vec<Dt> = Vec::new();
    let mut skip_next = false;
    for (n, d) in dates.iter().enumerate() {
        if skip_next {
            skip_next = false;
            continue;
        }
        let at = word_index_at(ws, d.start);
        let opens = any_match(lexes, |l| l.range_start.iter().any(|p| p.matches_ending_at(ws, at)));
        if opens {
            if let Some(next) = dates.get(n + 1) {
                let next_at = word_index_at(ws, next.start);
                let closes = any_match(lexes, |l| l.range_end.iter().any(|p| p.matches_ending_at(ws, next_at)));
                let ordered = match (d.days, next.days) {
                    (Some((s, _)), Some((_, e))) => e >= s,
                    _ => true,
                };
                if closes && ordered && d.granularity == Granularity::Day {
                    let mut range = d.clone();
                    range.times.extend(next.times.iter().copied());
                    range.end = next.end;
                    range.days = match (d.days, next.days) {
                        (Some((s, _)), Some((_, e))) => Some((s, e)),
                        _ => None,
                    };
                    range.text_key = format!("{}..{}", d.text_key, next.text_key);
                    range.explicit_range = true;
                    range.role = EventAspect::Whole;
                    range.confidence = d.confidence.min(next.confidence);
                    merged.push(range);
                    skip_next = true;
                    continue;
                }
            }
        }
        merged.push(d.clone());
    }

    // Each date and duration goes to its nearest trigger (aspect words pass
    // theirs on). A trigger after the date counts half as far again, since a
    // date mostly follows the word it dates (`arrived on March 9 for a visit`).
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
    let mut time_of: Vec<Vec<Dt>> = vec![Vec::new(); triggers.len()];
    let mut aspect_of: Vec<EventAspect> = vec![EventAspect::Whole; triggers.len()];
    for d in merged.iter().cloned() {
        let s = (d.start, d.end);
        let Some(k) = nearest(s) else { continue };
        match triggers[k].aspect {
            Some(aspect) => {
                if let Some(e) = nearest_event((triggers[k].start, triggers[k].end)) {
                    aspect_of[e] = aspect;
                    let mut d = d;
                    if d.role == EventAspect::Whole && !d.explicit_range {
                        d.role = aspect;
                    }
                    time_of[e].push(d);
                }
            }
            None => time_of[k].push(d),
        }
    }
    for t in &triggers {
        if let Some(aspect) = t.aspect {
            if let Some(e) = nearest_event((t.start, t.end)) {
                if aspect_of[e] == EventAspect::Whole {
                    aspect_of[e] = aspect;
                }
            }
        }
    }
    let mut duration_of: Vec<Option<usize>> = vec![None; triggers.len()];
    for (ti, s, e) in &durations {
        let Some(k) = nearest_event((*s, *e)) else { continue };
        if kind_of(k).is_some_and(|x| x.takes(SlotName::Duration)) {
            duration_of[k].get_or_insert(*ti);
        }
    }

    // Entities of the sentence.
    let mentions: Vec<(usize, &EntityMention)> = located
        .entities
        .in_range(span.start, span.end)
        .filter(|(_, m)| in_sentence(m.span))
        .collect();
    let of_kind = |kinds: &[EntityKind]| -> Vec<(usize, Span)> {
        mentions
            .iter()
            .filter(|(_, m)| kinds.contains(&m.kind) && !m.via_demonym)
            .map(|(mi, m)| (*mi, m.span))
            .collect()
    };
    let persons = of_kind(&[EntityKind::Person]);
    let places: Vec<(usize, Span)> = of_kind(&[EntityKind::Place])
        .into_iter()
        .filter(|(_, sp)| {
            let at = word_index_at(ws, sp.start);
            // `in Mosul`, or `in western Mosul`: one modifier may stand between.
            any_match(lexes, |l| {
                l.locatives.iter().any(|p| p.matches_ending_at(ws, at))
                    || l.place_modifiers.iter().any(|m| {
                        m.matches_ending_at(ws, at) && l.locatives.iter().any(|p| p.matches_ending_at(ws, at - m.len()))
                    })
            })
        })
        .collect();
    let closest = |cands: &[(usize, Span)], s: (usize, usize)| -> Option<usize> {
        cands
            .iter()
            .min_by_key(|(e, sp)| (distance((sp.start, sp.end), s), *e))
            .map(|(e, _)| *e)
    };

    // Quantities of the sentence.
    let quantities: Vec<(usize, &QuantityMention)> = located
        .quantities
        .in_range(span.start, span.end)
        .filter(|(_, q)| in_sentence(q.span) && q.kind != QuantityKind::Ordinal && q.value.is_finite())
        .collect();
    let year = times
        .iter()
        .filter(|(_, t)| t.kind == TimeKind::Date && matches!(t.granularity, Granularity::Year | Granularity::Month))
        .filter_map(|(_, t)| t.start)
        .map(|d| d.year())
        .next();
    // Nouns of event words: `two attacks` counts attacks, not victims.
    let is_event_noun = |q: &QuantityMention| -> bool {
        let after = word_index_at(ws, q.span.end);
        triggers
            .iter()
            .any(|t| t.aspect.is_none() && ws.get(after).is_some_and(|w| w.start == t.start))
            || q.counted.as_deref().is_some_and(|c| {
                let cw = words(c);
                lexes
                    .iter()
                    .any(|l| l.events.iter().any(|e| e.triggers.iter().any(|p| p.matches_at(&cw, 0))))
            })
    };

    let mut frames = Vec::new();
    let mut own_dates: Vec<Dt> = Vec::new();
    let mut used: Vec<usize> = Vec::new();
    for &k in &events {
        let t = &triggers[k];
        let Some(def) = kind_of(k) else { continue };
        let s = (t.start, t.end);
        let mut times_here = time_of[k].clone();
        times_here.sort_by(|a, b| {
            let wa = weight(t, (a.start, a.end));
            let wb = weight(t, (b.start, b.end));
            wa.cmp(&wb)
                .then_with(|| b.confidence.total_cmp(&a.confidence))
                .then_with(|| a.granularity.cmp(&b.granularity))
                .then_with(|| a.start.cmp(&b.start))
        });
        let mut time = times_here.into_iter().next();
        if let Some(d) = &time {
            own_dates.push(d.clone());
        }
        // `who had arrived ..., died on Wednesday`: a pluperfect event happened
        // before the sentence's date and borrows none.
        let at = word_index_at(ws, t.start);
        let anterior =
            (at.saturating_sub(3)..at).any(|i| any_match(lexes, |l| l.anterior.iter().any(|p| p.matches_at(ws, i))));
        // A trigger with no date of its own shares the sentence's only date
        // (`On Monday he held talks and signed four agreements`), except an
        // event that lasts, taken as a whole: a point date would shrink it.
        if time.is_none() && !anterior && !(def.lasts && aspect_of[k] == EventAspect::Whole) {
            let mut distinct: Vec<&Dt> = Vec::new();
            for d in time_of.iter().flatten().filter(|d| d.role == EventAspect::Whole) {
                if !distinct.iter().any(|x| x.key() == d.key()) {
                    distinct.push(d);
                }
            }
            if let [only] = distinct.as_slice() {
                let mut shared = (*only).clone();
                shared.inherited = true;
                shared.role = EventAspect::Whole;
                shared.confidence *= 0.8;
                time = Some(shared);
            }
        }
        if time.is_none() && !anterior && merged.is_empty() && duration_of.iter().all(Option::is_none) {
            if let Some(only) = inherited {
                let mut borrowed = only.clone();
                borrowed.inherited = true;
                borrowed.confidence = (borrowed.confidence * 0.7).min(0.6);
                time = Some(borrowed);
            }
        }
        if !def.takes(SlotName::When) {
            time = None;
        }
        // A count is the object of the event it follows (`signé trois accords`);
        // a count before it is mostly the subject (`les deux parties ont signé`).
        let count = quantities
            .iter()
            .filter(|_| def.takes(SlotName::HowMany))
            .filter(|(qi, q)| q.kind == QuantityKind::Count && !used.contains(qi))
            .filter(|(_, q)| q.span.start >= t.end || def.count_before)
            .filter(|(_, q)| nearest_event((q.span.start, q.span.end)) == Some(k))
            .min_by_key(|(_, q)| distance((q.span.start, q.span.end), s))
            .map(|(qi, _)| *qi);
        if let Some(qi) = count {
            used.push(qi);
        }
        let aspect = match (&time, aspect_of[k]) {
            (Some(tm), EventAspect::Whole) if !tm.explicit_range => tm.role,
            (_, a) => a,
        };
        // The agent is the nearest person before the event word (its subject),
        // else the nearest after it unless introduced as someone else
        // (`accueilli par le ministre`, `avec son homologue`).
        let who = if def.takes(SlotName::Who) {
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
                    !(from..to).any(|i| any_match(lexes, |l| l.not_agent_after.iter().any(|p| p.matches_at(ws, i))))
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
            let subject = subject.filter(|_| def.who_kinds.contains(&EntityKind::Person) || def.who_kinds.is_empty());
            subject.or_else(|| {
                let actors = of_kind(
                    &def.who_kinds
                        .iter()
                        .copied()
                        .filter(|k| *k != EntityKind::Person)
                        .collect::<Vec<_>>(),
                );
                actors
                    .iter()
                    .filter(|(_, sp)| sp.end <= s.0)
                    .max_by_key(|(_, sp)| sp.end)
                    .map(|(e, _)| *e)
            })
        } else {
            None
        };
        let parties: Vec<usize> = persons.iter().map(|(e, _)| *e).collect();
        let hedged = hedged_sentence
            || time
                .as_ref()
                .is_some_and(|d| d.times.iter().any(|i| input.times.get(*i).is_some_and(|t| t.hedged)));
        frames.push(FrameMention {
            kind: t.kind.clone(),
            class: FrameClass::Event,
            sentence: si,
            trigger: Some(Span::new(t.start, t.end)),
            aspect,
            who,
            parties,
            place: if def.takes(SlotName::Where) {
                closest(&places, s)
            } else {
                None
            },
            when: time.as_ref().map(Dt::to_when),
            duration: duration_of[k],
            how_many: count,
            figure: None,
            of_event: None,
            holder: None,
            year,
            hedged,
            planned: planned_sentence,
        });
    }

    // Figures.
    let event_frames = frames.clone();
    for (qi, q) in &quantities {
        if used.contains(qi) {
            continue;
        }
        let mut kind = figure_kind(catalog, lexes, ws, q);
        let fig = catalog.figure(&kind);
        // A toll belongs to an event of its sentence it can measure; a count
        // of event words (`two attacks`) is no toll.
        let mut of_event = None;
        let mut place = None;
        let mut when = None;
        if let Some(fig) = fig.filter(|f| !f.of_events.is_empty()) {
            if is_event_noun(q) || counts_other_thing(lexes, &kind, q) || in_range(lexes, ws, &quantities, q) {
                kind = "count".to_string();
            } else {
                let host = event_frames
                    .iter()
                    .filter(|f| fig.of_events.contains(&f.kind))
                    .filter_map(|f| {
                        f.trigger
                            .map(|t| (f, distance((t.start, t.end), (q.span.start, q.span.end))))
                    })
                    .min_by_key(|(_, d)| *d)
                    .map(|(f, _)| f);
                // A toll of `another attack` measures an event other than the
                // one the story reports: no toll of it.
                let other = host.and_then(|h| h.trigger).is_some_and(|t| {
                    let at = word_index_at(ws, t.start);
                    any_match(lexes, |l| l.other_event.iter().any(|p| p.matches_ending_at(ws, at)))
                });
                if other {
                    kind = "count".to_string();
                } else {
                    if let Some(h) = host {
                        of_event = Some(h.kind.clone());
                        place = h.place;
                        when = h.when.clone();
                    }
                    if place.is_none() {
                        place = closest(&places, (q.span.start, q.span.end));
                    }
                }
            }
        }
        let holder = if catalog.figure(&kind).is_some_and(|f| f.parts_of_whole) {
            find_holder(input, &located.entities, lexes, ws, q)
        } else {
            None
        };
        frames.push(FrameMention {
            kind,
            class: FrameClass::Figure,
            sentence: si,
            trigger: None,
            aspect: EventAspect::Whole,
            who: None,
            parties: Vec::new(),
            place,
            when,
            duration: None,
            how_many: None,
            figure: Some(*qi),
            of_event,
            holder,
            year,
            hedged: hedged_sentence || matches!(q.comparator, Some(Comparator::About)),
            planned: planned_sentence,
        });
    }
    (frames, own_dates)
}

/// Whether a figure of `kind` counts a noun that kind never counts (`two car
/// bombs` is no toll of two).
fn counts_other_thing(lexes: &[&FrameWords], kind: &str, q: &QuantityMention) -> bool {
    let Some(counted) = q.counted.as_deref() else {
        return false;
    };
    let cw = words(counted);
    lexes.iter().any(|l| {
        l.figures
            .iter()
            .filter(|f| f.kind == kind)
            .any(|f| f.not_counting.iter().any(|p| p.matches_at(&cw, 0)))
    })
}

/// Whether a figure is one end of a range the sentence opens with a range
/// word (`between 35 and 60`, `from 35 to 60`): either end alone is no toll.
fn in_range(lexes: &[&FrameWords], ws: &[Word], quantities: &[(usize, &QuantityMention)], q: &QuantityMention) -> bool {
    let first = word_index_at(ws, q.span.start);
    let after = word_index_at(ws, q.span.end);
    let starts_at = |i: usize| quantities.iter().any(|(_, o)| word_index_at(ws, o.span.start) == i);
    let ends_before = |i: usize| {
        quantities
            .iter()
            .find(|(_, o)| word_index_at(ws, o.span.end) == i)
            .map(|(_, o)| word_index_at(ws, o.span.start))
    };
    let opens = |i: usize| any_match(lexes, |l| l.range_start.iter().any(|p| p.matches_ending_at(ws, i)));
    let joins_at = |i: usize| -> Option<usize> {
        lexes
            .iter()
            .flat_map(|l| l.range_end.iter())
            .find(|p| p.matches_at(ws, i))
            .map(|p| p.len())
    };
    // First end: `between` before it, `and <number>` after it.
    if opens(first) && joins_at(after).is_some_and(|n| starts_at(after + n)) {
        return true;
    }
    // Second end: `between <number> and` before it.
    lexes
        .iter()
        .flat_map(|l| l.range_end.iter())
        .any(|p| p.matches_ending_at(ws, first) && ends_before(first - p.len()).is_some_and(&opens))
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
    // A page's timestamp (`date 2025-10-20 …`, `Published 20/10/2025`): digits
    // only, at the head of the sentence after at most two label words.
    let written = text.get(date.start..date.end).unwrap_or("");
    let stamp =
        written.chars().all(|c| c.is_ascii_digit() || "-/.:T ".contains(c)) && before.split_whitespace().count() <= 2;
    stamp || place_only && (after.starts_with('(') || after.starts_with(['-', '\u{2013}', '\u{2014}']))
}

/// The figure kind whose cue is nearest the figure in its sentence (among the
/// kinds the catalog allows for its quantity kind); else a generic kind.
fn figure_kind(catalog: &Catalog, lexes: &[&FrameWords], ws: &[Word], q: &QuantityMention) -> String {
    let s = (q.span.start, q.span.end);
    let mut best: Option<(usize, &str, usize, usize)> = None;
    for lex in lexes {
        for f in &lex.figures {
            let fits = catalog.figure(&f.kind).is_some_and(|k| k.quantities.contains(&q.kind))
                // A number with a unit (`60 bis 90 Meter`) measures something: no toll.
                && !(q.kind == QuantityKind::Number
                    && q.unit.is_some()
                    && catalog
                        .figure(&f.kind)
                        .is_some_and(|k| !k.of_events.is_empty() && !k.quantities.contains(&QuantityKind::Measure)));
            if !fits {
                continue;
            }
            for (at, len, _) in find_all(&f.cues, ws) {
                let (Some(first), Some(last)) = (ws.get(at), ws.get(at + len - 1)) else {
                    continue;
                };
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
                let window = catalog.figure(&f.kind).and_then(|k| k.window).unwrap_or(
                    if matches!(q.kind, QuantityKind::Count | QuantityKind::Number) {
                        MAX_WORDS_TO_COUNT_CUE
                    } else {
                        MAX_WORDS_TO_CUE
                    },
                );
                if d <= window && best.is_none_or(|(bd, ..)| d < bd) {
                    best = Some((d, f.kind.as_str(), at, len));
                }
            }
        }
    }
    if let Some((_, k, at, len)) = best {
        // `killed or disappeared`: the figure counts the union of two kinds.
        let union = lexes.iter().any(|l| {
            l.union.iter().any(|u| {
                let after = u.matches_at(ws, at + len).then_some(at + len + u.len());
                let before = (at >= u.len() && u.matches_ending_at(ws, at)).then(|| at - u.len());
                l.figures.iter().filter(|f| f.kind != k).any(|f| {
                    f.cues.iter().any(|c| {
                        after.is_some_and(|i| c.matches_at(ws, i)) || before.is_some_and(|i| c.matches_ending_at(ws, i))
                    })
                })
            })
        });
        if union {
            return "count".to_string();
        }
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
    input: &FrameInput<'_>,
    entities: &ByStart<'_, EntityMention>,
    lexes: &[&FrameWords],
    ws: &[Word],
    q: &QuantityMention,
) -> Option<FrameHolder> {
    let q_first = word_index_at(ws, q.span.start);
    let q_after = word_index_at(ws, q.span.end);
    let text = input.text;
    let stop = |w: &Word| lexes.iter().any(|l| l.stopwords.contains(w.folded.as_str()));
    let phrase = |from: usize, to: usize| -> Option<(usize, usize)> {
        let mut from = from;
        while from < to && ws.get(from).is_some_and(stop) {
            from += 1;
        }
        let mut end = from;
        while end < to && end - from < 4 {
            let w = ws.get(end)?;
            if end > from && stop(w) {
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
    'after: for gap in 0..3 {
        for lex in lexes {
            for p in &lex.holder_after {
                if p.matches_at(ws, q_after + gap) {
                    let from = q_after + gap + p.len();
                    found = phrase(from, (from + 6).min(ws.len()));
                    break 'after;
                }
            }
        }
    }
    if found.is_none() {
        'before: for back in 0..3 {
            let Some(cue_end) = q_first.checked_sub(back) else {
                break;
            };
            for lex in lexes {
                for p in &lex.holder_before {
                    if p.matches_ending_at(ws, cue_end) {
                        let cue_start = cue_end - p.len();
                        let from = cue_start.saturating_sub(4);
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
    }
    let (start, end) = found?;
    let written = text.get(start..end)?.to_string();
    // A named holder beats a demonym (`société sahélienne SaheliOr` is SaheliOr).
    let range = entities.overlapping(start, end);
    let offset = range.start;
    let entity = input
        .entities
        .get(range)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .map(|(k, m)| (offset + k, m))
        .filter(|(_, m)| m.span.start < end && start < m.span.end)
        .min_by_key(|(_, m)| (m.via_demonym, std::cmp::Reverse(m.span.start)))
        .map(|(mi, _)| mi);
    Some(FrameHolder {
        span: Span::new(start, end),
        text: written,
        entity,
    })
}
