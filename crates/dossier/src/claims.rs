//! Frames merged across sources into claims, the timeline, the figures table
//! and the quotes by speaker. A claim counts its independent outlets: copies of
//! one dispatch and articles of one outlet count once.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use recoupe_core::{fold_key, Comparator, Granularity};

use crate::entities::EntityIndex;
use crate::frames::{Aspect, Frame};
use crate::model::{Citation, Claim, DateRange, Figure, QuoteItem, SlotValue, SpeakerQuotes, TimelineEvent};
use crate::sources::{independent_count, Item};

pub fn granularity_name(g: Granularity) -> &'static str {
    match g {
        Granularity::Minute => "minute",
        Granularity::Hour => "hour",
        Granularity::PartOfDay => "part_of_day",
        Granularity::Day => "day",
        Granularity::Week => "week",
        Granularity::Month => "month",
        Granularity::Season => "season",
        Granularity::Quarter => "quarter",
        Granularity::Year => "year",
        Granularity::Decade => "decade",
        Granularity::Century => "century",
        Granularity::Unknown => "unknown",
    }
}

/// A date as shown to users, as precise as it was given.
pub fn show_date(start: NaiveDate, end: NaiveDate, g: Granularity) -> String {
    match g {
        Granularity::Year | Granularity::Decade | Granularity::Century if start != end => {
            start.format("%Y").to_string()
        }
        Granularity::Month | Granularity::Season | Granularity::Quarter if start != end => {
            start.format("%Y-%m").to_string()
        }
        _ if start == end => start.format("%Y-%m-%d").to_string(),
        _ => format!("{} → {}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d")),
    }
}

/// Shows a number without a useless fraction (`62`, `35000000`, `2.5`).
pub fn show_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

pub fn comparator_name(c: Comparator) -> &'static str {
    match c {
        Comparator::Greater => "more than",
        Comparator::Less => "less than",
        Comparator::AtLeast => "at least",
        Comparator::AtMost => "at most",
        Comparator::About => "about",
    }
}

fn entity_slot(entities: &EntityIndex, e: usize) -> Option<SlotValue> {
    entities.entities.get(e).map(|x| SlotValue::Entity {
        id: x.id.clone(),
        name: x.name.clone(),
    })
}

fn entity_name(entities: &EntityIndex, e: Option<usize>) -> Option<String> {
    e.and_then(|e| entities.entities.get(e)).map(|x| x.name.clone())
}

/// Evidence of one frame: its trigger, date, count or figure, and holder.
pub fn frame_evidence(f: &Frame) -> Vec<Citation> {
    let mut v = Vec::new();
    v.extend(f.trigger.clone());
    if let Some(t) = &f.time {
        v.push(t.citation.clone());
    }
    if let Some((_, c)) = f.duration.as_deref() {
        v.push(c.clone());
    }
    if let Some(q) = &f.count {
        v.push(q.citation.clone());
    }
    if let Some(q) = &f.quantity {
        v.push(q.citation.clone());
    }
    if let Some(h) = &f.holder {
        v.push(h.citation.clone());
    }
    v
}

fn most_common<T: Ord + Clone>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(v, _)| v.clone())
}

fn holder_key(f: &Frame) -> String {
    match &f.holder {
        Some(h) => match h.entity {
            Some(e) => format!("e{e}"),
            None => fold_key(&h.text),
        },
        None => String::new(),
    }
}

/// The key under which frames say the same thing.
/// What makes two frames one claim. A dated event is one claim per kind,
/// aspect and date (its agent joins when given, see [`merge_agentless`]); an
/// undated event only merges with frames naming the same agent or place, and
/// one naming neither stands alone: support is never pooled from unrelated
/// sentences (`announced` in eight outlets about eight different things).
fn claim_key(f: &Frame) -> String {
    if f.is_event {
        let date = f
            .time
            .as_ref()
            .map(|t| format!("{}..{}", t.start, t.end))
            .unwrap_or_default();
        let agent = f.agent.map(|a| a.to_string()).unwrap_or_default();
        let place = f.place.map(|a| a.to_string()).unwrap_or_default();
        if date.is_empty() && agent.is_empty() && place.is_empty() {
            return format!("event|{}|{}|alone|{}:{}", f.kind, f.aspect.name(), f.item, f.sentence);
        }
        if date.is_empty() {
            return format!("event|{}|{}||{agent}|{place}", f.kind, f.aspect.name());
        }
        format!("event|{}|{}|{}|{agent}", f.kind, f.aspect.name(), date)
    } else if let Some(q) = &f.quantity {
        // A figure of no declared kind (`4`, `30 minutes`) is one claim only
        // with figures counting the same thing; without a counted noun or a
        // unit it stands alone (`Article 4` and `four airports` are not one).
        let declared = recoupe_analyze::frames::Catalog::embedded().figure(&f.kind).is_some();
        let what = q.counted.as_deref().map(recoupe_core::fold_key).unwrap_or_default();
        if !declared && what.is_empty() && q.unit.is_none() {
            return format!("figure|{}|alone|{}:{}:{}", f.kind, f.item, f.sentence, q.citation.start);
        }
        format!(
            "figure|{}|{}|{}|{}|{}|{}",
            f.kind,
            show_number(q.value),
            q.unit.as_deref().unwrap_or(""),
            q.per.as_deref().unwrap_or(""),
            holder_key(f),
            if declared { "" } else { what.as_str() }
        )
    } else {
        format!("other|{}", f.kind)
    }
}

/// Dated events without an agent join the one claim of the same kind, aspect
/// and date that names one, when exactly one does.
fn merge_agentless(groups: &mut BTreeMap<String, Vec<&Frame>>) {
    let keys: Vec<String> = groups.keys().cloned().collect();
    for k in keys {
        let Some(prefix) = k.strip_suffix('|') else { continue };
        if !prefix.starts_with("event|") || prefix.split('|').nth(3).is_none_or(str::is_empty) {
            continue;
        }
        // Keys sharing the prefix are neighbours in the map: read them, not
        // every key (thousands of claims per story would make this quadratic).
        let head = format!("{prefix}|");
        let with_agent: Vec<&String> = groups
            .range::<str, _>((std::ops::Bound::Included(head.as_str()), std::ops::Bound::Unbounded))
            .map(|(o, _)| o)
            .take_while(|o| o.starts_with(&head))
            .filter(|o| *o != &k && !o.ends_with('|'))
            .take(2)
            .collect();
        if let [only] = with_agent.as_slice() {
            let only = (*only).clone();
            if let Some(moved) = groups.remove(&k) {
                groups.entry(only).or_default().extend(moved);
            }
        }
    }
}

pub fn event_label(kind: &str, aspect: Aspect) -> String {
    match aspect {
        Aspect::Whole => kind.to_string(),
        Aspect::Start => format!("{kind} begins"),
        Aspect::End => format!("{kind} ends"),
    }
}

/// Claims from frames, plus title and statement claims from entities and quotes.
/// Also returns, for each frame key, the id of the claim it became.
pub fn build_claims(
    items: &[Item<'_>],
    entities: &EntityIndex,
    frames: &[Frame],
    quotes: &[SpeakerQuotes],
) -> (Vec<Claim>, BTreeMap<String, String>) {
    let mut groups: BTreeMap<String, Vec<&Frame>> = BTreeMap::new();
    for f in frames {
        groups.entry(claim_key(f)).or_default().push(f);
    }
    merge_agentless(&mut groups);
    let mut claims: Vec<(Claim, Option<String>)> = Vec::new();
    for (group_key, members) in &groups {
        let Some(first) = members.first() else { continue };
        let mut slots: BTreeMap<String, SlotValue> = BTreeMap::new();
        let agent = most_common(members.iter().filter_map(|f| f.agent));
        let place = most_common(members.iter().filter_map(|f| f.place));
        if let Some(e) = agent.and_then(|a| entity_slot(entities, a)) {
            slots.insert("agent".to_string(), e);
        }
        if let Some(e) = place.and_then(|p| entity_slot(entities, p)) {
            slots.insert("place".to_string(), e);
        }
        let participants: BTreeSet<usize> = members.iter().flat_map(|f| f.participants.iter().copied()).collect();
        if matches!(first.kind.as_str(), "meeting" | "signature") && !participants.is_empty() {
            let names: Vec<String> = participants
                .iter()
                .filter_map(|p| entity_name(entities, Some(*p)))
                .collect();
            slots.insert("participants".to_string(), SlotValue::Text { text: names.join("; ") });
        }
        let mut label_parts: Vec<String> = Vec::new();
        if first.is_event {
            label_parts.push(event_label(&first.kind, first.aspect));
        } else {
            label_parts.push(first.kind.clone());
        }
        if let Some(t) = members
            .iter()
            .filter_map(|f| f.time.as_ref())
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
        {
            slots.insert(
                "time".to_string(),
                SlotValue::Date {
                    start: t.start,
                    end: t.end,
                    granularity: granularity_name(t.granularity).to_string(),
                    alternatives: t.alternatives.clone(),
                },
            );
        }
        if let Some(days) = most_common(members.iter().filter_map(|f| f.duration.as_ref().map(|d| d.0))) {
            slots.insert("duration".to_string(), SlotValue::Duration { days });
        }
        if let Some(q) = members.iter().find_map(|f| f.count.as_ref()) {
            slots.insert(
                "count".to_string(),
                SlotValue::Quantity {
                    value: q.value,
                    unit: q.counted.clone(),
                    per: None,
                },
            );
        }
        if let Some(q) = members.iter().find_map(|f| f.quantity.as_ref()) {
            slots.insert(
                "value".to_string(),
                SlotValue::Quantity {
                    value: q.value,
                    unit: q.unit.clone(),
                    per: q.per.clone(),
                },
            );
        }
        if let Some(h) = members.iter().find_map(|f| f.holder.as_ref()) {
            let v = match h.entity.and_then(|e| entity_slot(entities, e)) {
                Some(e) => e,
                None => SlotValue::Text { text: h.text.clone() },
            };
            slots.insert("holder".to_string(), v);
        }
        // `a meeting` with no one, no place and no date says nothing an
        // outlet could be checked on: not a claim (its sentence still feeds
        // the summary and the entities).
        if first.is_event && slots.is_empty() && first.count.is_none() {
            continue;
        }
        label_parts.extend(describe_slots(&slots));
        let mut evidence: Vec<Citation> = members.iter().flat_map(|f| frame_evidence(f)).collect();
        evidence.sort();
        evidence.dedup();
        let sources: Vec<usize> = {
            let s: BTreeSet<usize> = evidence.iter().map(|c| c.source).collect();
            s.into_iter().collect()
        };
        claims.push((
            Claim {
                id: String::new(),
                kind: if first.is_event {
                    event_kind_name(&first.kind, first.aspect)
                } else {
                    first.kind.clone()
                },
                label: label_parts.join(" — "),
                slots,
                hedged: members.iter().all(|f| f.hedged),
                planned: members.iter().all(|f| f.planned),
                independent_outlets: independent_count(items, &sources),
                sources,
                evidence,
            },
            Some(group_key.clone()),
        ));
    }
    // Titles as outlets give them.
    for e in &entities.entities {
        for r in &e.roles {
            let mut slots = BTreeMap::new();
            slots.insert(
                "holder".to_string(),
                SlotValue::Entity {
                    id: e.id.clone(),
                    name: e.name.clone(),
                },
            );
            slots.insert("value".to_string(), SlotValue::Text { text: r.role.clone() });
            claims.push((
                Claim {
                    id: String::new(),
                    kind: "title_of".to_string(),
                    label: format!("title_of — {} — {}", e.name, r.role),
                    slots,
                    hedged: false,
                    planned: false,
                    independent_outlets: independent_count(items, &r.sources),
                    sources: r.sources.clone(),
                    evidence: r.citations.clone(),
                },
                None,
            ));
        }
    }
    // Statements.
    for sq in quotes {
        for q in &sq.quotes {
            let mut slots = BTreeMap::new();
            let agent = match &sq.entity {
                Some(id) => SlotValue::Entity {
                    id: id.clone(),
                    name: sq.speaker.clone(),
                },
                None => SlotValue::Text {
                    text: sq.speaker.clone(),
                },
            };
            slots.insert("agent".to_string(), agent);
            slots.insert("value".to_string(), SlotValue::Text { text: q.text.clone() });
            let short: String = q.text.chars().take(80).collect();
            let ellipsis = if q.text.chars().count() > 80 { "…" } else { "" };
            claims.push((
                Claim {
                    id: String::new(),
                    kind: "statement".to_string(),
                    label: format!("statement — {} — « {short}{ellipsis} »", sq.speaker),
                    slots,
                    hedged: false,
                    planned: false,
                    independent_outlets: independent_count(items, &q.sources),
                    sources: q.sources.clone(),
                    evidence: q.citations.clone(),
                },
                None,
            ));
        }
    }
    claims.sort_by(|(a, _), (b, _)| {
        b.independent_outlets
            .cmp(&a.independent_outlets)
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.label.cmp(&b.label))
            .then_with(|| a.evidence.cmp(&b.evidence))
    });
    let mut ids = BTreeMap::new();
    let mut out = Vec::with_capacity(claims.len());
    for (i, (mut c, key)) in claims.into_iter().enumerate() {
        c.id = format!("c{}", i + 1);
        if let Some(k) = key {
            ids.insert(k, c.id.clone());
        }
        out.push(c);
    }
    (out, ids)
}

pub fn event_kind_name(kind: &str, aspect: Aspect) -> String {
    match aspect {
        Aspect::Whole => kind.to_string(),
        a => format!("{kind}.{}", a.name()),
    }
}

fn describe_slots(slots: &BTreeMap<String, SlotValue>) -> Vec<String> {
    let mut parts = Vec::new();
    for key in [
        "agent",
        "participants",
        "holder",
        "place",
        "value",
        "count",
        "time",
        "duration",
    ] {
        let Some(v) = slots.get(key) else { continue };
        let text = match v {
            SlotValue::Entity { name, .. } => name.clone(),
            SlotValue::Text { text } => text.clone(),
            SlotValue::Date {
                start,
                end,
                granularity,
                alternatives,
            } => {
                if alternatives.is_empty() {
                    let g = match granularity.as_str() {
                        "month" => Granularity::Month,
                        "year" => Granularity::Year,
                        _ => Granularity::Day,
                    };
                    show_date(*start, *end, g)
                } else {
                    alternatives
                        .iter()
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .collect::<Vec<_>>()
                        .join(" or ")
                }
            }
            SlotValue::Duration { days } => format!("{days} days"),
            SlotValue::Quantity { value, unit, per } => {
                let mut s = show_number(*value);
                if let Some(u) = unit {
                    s.push(' ');
                    s.push_str(u);
                }
                if let Some(p) = per
                    .as_deref()
                    .filter(|p| !unit.as_deref().is_some_and(|u| u.ends_with(&format!("/{p}"))))
                {
                    s.push_str(" per ");
                    s.push_str(p);
                }
                s
            }
        };
        let text = if key == "holder" {
            format!("held by {text}")
        } else {
            text
        };
        parts.push(text);
    }
    parts
}

/// Events ending more than this many days before the earliest source date are
/// background recalled from the past.
pub const CONTEXT_DAYS: i64 = 14;

/// The window of the story's own events: around the dates its sources are anchored on.
pub fn story_window(items: &[Item<'_>], anchors: &[Option<NaiveDate>]) -> Option<(NaiveDate, NaiveDate)> {
    let _ = items;
    let dates: Vec<NaiveDate> = anchors.iter().flatten().copied().collect();
    let min = dates.iter().min()?;
    let max = dates.iter().max()?;
    let days = chrono::Duration::days(CONTEXT_DAYS);
    Some((
        min.checked_sub_signed(days).unwrap_or(*min),
        max.checked_add_signed(days).unwrap_or(*max),
    ))
}

/// Dated event claims, in date order.
pub fn build_timeline(
    items: &[Item<'_>],
    frames: &[Frame],
    claims: &[Claim],
    claim_ids: &BTreeMap<String, String>,
    window: Option<(NaiveDate, NaiveDate)>,
) -> Vec<TimelineEvent> {
    let mut by_key: BTreeMap<String, Vec<&Frame>> = BTreeMap::new();
    for f in frames.iter().filter(|f| f.is_event && f.time.is_some()) {
        by_key.entry(claim_key(f)).or_default().push(f);
    }
    merge_agentless(&mut by_key);
    let label_of_claim: BTreeMap<&str, &str> = claims.iter().rev().map(|c| (c.id.as_str(), c.label.as_str())).collect();
    let mut out = Vec::new();
    for (key, members) in &by_key {
        let Some(first) = members.first() else { continue };
        let Some(t) = first.time.as_ref() else { continue };
        let mut evidence: Vec<Citation> = members.iter().flat_map(|f| frame_evidence(f)).collect();
        evidence.sort();
        evidence.dedup();
        let claim_ids: Vec<String> = claim_ids.get(key).cloned().into_iter().collect();
        let label = claim_ids
            .first()
            .and_then(|id| label_of_claim.get(id.as_str()))
            .map(|l| l.to_string())
            .unwrap_or_else(|| event_label(&first.kind, first.aspect));
        let sources: Vec<usize> = evidence
            .iter()
            .map(|c| c.source)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let context = window.is_some_and(|(lo, _)| t.end < lo);
        let confidence = members
            .iter()
            .filter_map(|f| f.time.as_ref())
            .map(|t| t.confidence)
            .fold(0.0f32, f32::max);
        out.push(TimelineEvent {
            kind: event_kind_name(&first.kind, first.aspect),
            label,
            date: DateRange {
                start: t.start,
                end: t.end,
            },
            granularity: granularity_name(t.granularity).to_string(),
            context,
            hedged: members.iter().all(|f| f.hedged),
            planned: members.iter().all(|f| f.planned),
            confidence,
            claims: claim_ids,
            independent_outlets: independent_count(items, &sources),
            sources,
            evidence,
        });
    }
    out.sort_by(|a, b| {
        a.date
            .start
            .cmp(&b.date.start)
            .then_with(|| a.date.end.cmp(&b.date.end))
            .then_with(|| kind_order(&a.kind).cmp(&kind_order(&b.kind)))
            .then_with(|| a.label.cmp(&b.label))
    });
    out
}

/// Usual order of events within one day.
fn kind_order(kind: &str) -> usize {
    const ORDER: &[&str] = &[
        "arrival",
        "visit",
        "meeting",
        "signature",
        "announcement",
        "statement",
        "departure",
    ];
    let base = kind.split('.').next().unwrap_or(kind);
    ORDER.iter().position(|k| *k == base).unwrap_or(ORDER.len())
}

/// The figures table: one row per distinct figure and what it measures.
pub fn build_figures(items: &[Item<'_>], frames: &[Frame]) -> Vec<Figure> {
    struct Row {
        figure: Figure,
    }
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    for f in frames {
        let (q, what) = match (&f.quantity, &f.count) {
            (Some(q), _) => (q, f.kind.clone()),
            (None, Some(q)) => (
                q,
                format!(
                    "{} ({})",
                    q.counted.clone().unwrap_or_else(|| "count".to_string()),
                    f.kind
                ),
            ),
            _ => continue,
        };
        let what = if matches!(what.as_str(), "count" | "number") {
            q.counted.clone().unwrap_or(what)
        } else {
            what
        };
        let holder = f.holder.as_ref().map(|h| h.text.clone());
        let key = format!(
            "{}|{}|{}|{}|{}",
            what,
            show_number(q.value),
            q.unit.as_deref().unwrap_or(""),
            q.per.as_deref().unwrap_or(""),
            holder.as_deref().map(fold_key).unwrap_or_default()
        );
        let row = rows.entry(key).or_insert_with(|| Row {
            figure: Figure {
                value: q.value,
                text: q.text.clone(),
                unit: q.unit.clone(),
                per: q.per.clone(),
                what: what.clone(),
                holder: holder.clone(),
                comparator: q.comparator.map(|c| comparator_name(c).to_string()),
                sources: Vec::new(),
                independent_outlets: 0,
                citations: Vec::new(),
            },
        });
        // Duplicates go after the sort below (a row can gather thousands).
        row.figure.citations.push(q.citation.clone());
        if let Some(h) = &f.holder {
            row.figure.citations.push(h.citation.clone());
        }
    }
    let mut out: Vec<Figure> = rows
        .into_values()
        .map(|mut r| {
            r.figure.citations.sort();
            r.figure.citations.dedup();
            let s: BTreeSet<usize> = r.figure.citations.iter().map(|c| c.source).collect();
            r.figure.sources = s.into_iter().collect();
            r.figure.independent_outlets = independent_count(items, &r.figure.sources);
            r.figure
        })
        .collect();
    out.sort_by(|a, b| {
        a.what
            .cmp(&b.what)
            .then_with(|| a.value.total_cmp(&b.value))
            .then_with(|| a.unit.cmp(&b.unit))
            .then_with(|| a.holder.cmp(&b.holder))
    });
    out
}

/// Quotes grouped by speaker (an entity when the speaker is one).
pub fn build_quotes(items: &[Item<'_>], entities: &EntityIndex) -> Vec<SpeakerQuotes> {
    struct Group {
        speaker: String,
        entity: Option<String>,
        written: BTreeSet<String>,
        quotes: BTreeMap<String, QuoteItem>,
    }
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for (ii, item) in items.iter().enumerate() {
        // Mentions in text order are searched, not scanned, per quote.
        let mentions = &item.analysis.entities;
        let sorted = mentions.windows(2).all(|w| w[0].span.start <= w[1].span.start);
        let longest = mentions
            .iter()
            .map(|m| m.span.end.saturating_sub(m.span.start))
            .max()
            .unwrap_or(0);
        for q in &item.analysis.quotes {
            if !q.span.is_valid_in(&item.article.text) || q.text.trim().is_empty() {
                continue;
            }
            let Some(citation) = item.cite(q.span.start, q.span.end) else {
                continue;
            };
            let by_key = q.speaker_key.as_deref().and_then(|k| entities.of_key(k));
            let by_span = q.speaker_span.and_then(|sp| {
                let range = if sorted {
                    let lo = mentions.partition_point(|m| m.span.start < sp.start.saturating_sub(longest));
                    let hi = mentions.partition_point(|m| m.span.start < sp.end);
                    lo..hi.max(lo)
                } else {
                    0..mentions.len()
                };
                let first = range.start;
                mentions[range]
                    .iter()
                    .enumerate()
                    .map(|(k, m)| (first + k, m))
                    .filter(|(_, m)| m.span.start < sp.end && sp.start < m.span.end)
                    .find_map(|(mi, _)| entities.of_mention(ii, mi))
            });
            let entity = by_key.or(by_span);
            let (group_key, speaker, entity_id) = match (entity, q.speaker.as_deref()) {
                (Some(e), _) => (format!("entity:{}", e.id), e.name.clone(), Some(e.id.clone())),
                (None, Some(s)) if !s.trim().is_empty() => {
                    (format!("text:{}", fold_key(s)), s.trim().to_string(), None)
                }
                _ => ("unattributed".to_string(), "(unattributed)".to_string(), None),
            };
            let g = groups.entry(group_key).or_insert_with(|| Group {
                speaker,
                entity: entity_id,
                written: BTreeSet::new(),
                quotes: BTreeMap::new(),
            });
            if let Some(s) = q.speaker.as_deref().filter(|s| !s.trim().is_empty()) {
                g.written.insert(s.trim().to_string());
            }
            let item_entry = g.quotes.entry(fold_key(&q.text)).or_insert_with(|| QuoteItem {
                text: q.text.trim().trim_end_matches([',', ';', ':']).trim_end().to_string(),
                partial: q.partial,
                cue: q.cue.clone(),
                sources: Vec::new(),
                citations: Vec::new(),
            });
            // Duplicates go after the sorts below.
            item_entry.sources.push(item.number);
            item_entry.citations.push(citation);
        }
    }
    let mut out: Vec<SpeakerQuotes> = groups
        .into_values()
        .map(|g| {
            let mut quotes: Vec<QuoteItem> = g.quotes.into_values().collect();
            for q in &mut quotes {
                q.sources.sort_unstable();
                q.sources.dedup();
                q.citations.sort();
                q.citations.dedup();
            }
            quotes.sort_by(|a, b| a.citations.cmp(&b.citations));
            SpeakerQuotes {
                speaker: g.speaker,
                entity: g.entity,
                written_as: g.written.into_iter().collect(),
                quotes,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.speaker == "(unattributed)")
            .cmp(&(b.speaker == "(unattributed)"))
            .then_with(|| b.quotes.len().cmp(&a.quotes.len()))
            .then_with(|| a.speaker.cmp(&b.speaker))
    });
    out
}
