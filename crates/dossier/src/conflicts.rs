//! Disagreements: one slot, values that cannot all be true.
//!
//! Frames of different types are first turned into observations of shared
//! slots by a small ontology:
//! - an `arrival` (dated) gives its visitor's `visit.start`; a `departure` gives `visit.end`;
//! - a visit written as a range (`du 21 au 26 juin`) gives `visit.start`,
//!   `visit.end` and `visit.duration` (inclusive days: 6);
//! - a duration next to a visit (`cinq jours`) gives `visit.duration`;
//! - a date after an end cue (`jusqu'au`) or next to a start word (`entamée`)
//!   gives the end or the start;
//! - a count next to an event (`signature de trois accords`) gives `<event>.count`;
//! - a figure of a known type (trade volume, capacity, ...) for one year and unit is one slot;
//! - a rank of a person (from the rank ontology in the data files) is one slot.
//!
//! Observations of one slot (and one agent) whose dates lie within a week of
//! each other are about one event; further apart, they are different events
//! (a visit recalled from two years before is not a disagreement).
//!
//! Two values of one slot are compared: equal ones corroborate; values that
//! overlap only because one is coarser (`juin 2025` vs `22 juin 2025`) are
//! compatible; values that overlap only through a hedge (`26 ou 27` vs `26`)
//! are a weak disagreement; values that do not overlap are a disagreement whose
//! strength drops when a side is hedged, planned rather than done, or coarse.
//!
//! Shares of capital are the exception that needs holders: different
//! percentages are one disagreement only when they are given for the same
//! holder. Given for different (or unnamed) holders they are complementary
//! parts of one whole as long as they sum to at most 100 % (the Malian state's
//! 62 % and the foreign partner's 38 %); above 100 % they cannot all hold.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use recoupe_core::{fold_key, Comparator, Granularity};

use crate::claims::{show_date, show_number};
use crate::entities::EntityIndex;
use crate::frames::{Aspect, Frame};
use crate::lexicon::Lexicon;
use crate::model::{Citation, Complementary, Disagreement, Side};
use crate::sources::{independent_count, Item};
use recoupe_analyze::frames::{Catalog, Compared, SlotName};

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Date {
        start: NaiveDate,
        end: NaiveDate,
        granularity: Granularity,
        alternatives: Vec<NaiveDate>,
    },
    Days(i64),
    Minutes(i64),
    Number {
        value: f64,
        comparator: Option<Comparator>,
    },
    /// `name` is the rank in the ontology, `written` how the source wrote it.
    Rank {
        name: String,
        family: String,
        generic: bool,
        written: String,
    },
}

impl Value {
    fn key(&self) -> String {
        match self {
            Value::Date {
                start,
                end,
                alternatives,
                ..
            } => {
                let alts: Vec<String> = alternatives.iter().map(|d| d.to_string()).collect();
                format!("{start}..{end}|{}", alts.join(","))
            }
            Value::Days(d) => d.to_string(),
            Value::Minutes(m) => format!("{m}min"),
            Value::Number { value, comparator } => format!("{}|{:?}", show_number(*value), comparator),
            Value::Rank { name, .. } => name.clone(),
        }
    }

    fn show(&self, unit: &str) -> String {
        match self {
            Value::Date {
                start,
                end,
                granularity,
                alternatives,
            } => {
                if alternatives.is_empty() {
                    show_date(*start, *end, *granularity)
                } else {
                    alternatives
                        .iter()
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .collect::<Vec<_>>()
                        .join(" or ")
                }
            }
            Value::Days(d) => format!("{d} days"),
            Value::Minutes(m) => format!("{m} minutes"),
            Value::Number { value, comparator } => {
                let c = comparator
                    .map(|c| format!("{} ", crate::claims::comparator_name(c)))
                    .unwrap_or_default();
                if unit.is_empty() {
                    format!("{c}{}", show_number(*value))
                } else {
                    format!("{c}{} {unit}", show_number(*value))
                }
            }
            Value::Rank { written, .. } => written.clone(),
        }
    }

    fn coarse(&self) -> bool {
        matches!(self, Value::Date { granularity, .. } if *granularity > Granularity::Day)
    }

    fn anchor_day(&self) -> Option<NaiveDate> {
        match self {
            Value::Date { start, .. } => Some(*start),
            _ => None,
        }
    }
}

/// How two values relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Same,
    Compatible,
    /// Overlap only through a hedge's alternatives.
    SoftConflict,
    Conflict,
}

fn relate(a: &Value, b: &Value) -> Relation {
    if a.key() == b.key() {
        return Relation::Same;
    }
    match (a, b) {
        (
            Value::Date {
                start: s1,
                end: e1,
                alternatives: a1,
                ..
            },
            Value::Date {
                start: s2,
                end: e2,
                alternatives: a2,
                ..
            },
        ) => {
            let days = |s: &NaiveDate, e: &NaiveDate, alts: &[NaiveDate]| -> Vec<(NaiveDate, NaiveDate)> {
                if alts.is_empty() {
                    vec![(*s, *e)]
                } else {
                    alts.iter().map(|d| (*d, *d)).collect()
                }
            };
            let x = days(s1, e1, a1);
            let y = days(s2, e2, a2);
            let overlap = x.iter().any(|(s, e)| y.iter().any(|(t, f)| s <= f && t <= e));
            if !overlap {
                Relation::Conflict
            } else if a1.is_empty() && a2.is_empty() {
                Relation::Compatible
            } else {
                Relation::SoftConflict
            }
        }
        (Value::Minutes(x), Value::Minutes(y)) => {
            if x == y {
                Relation::Same
            } else {
                Relation::Conflict
            }
        }
        (Value::Days(x), Value::Days(y)) => {
            if x == y {
                Relation::Same
            } else {
                Relation::Conflict
            }
        }
        (
            Value::Number {
                value: x,
                comparator: cx,
            },
            Value::Number {
                value: y,
                comparator: cy,
            },
        ) => {
            let close = (x - y).abs() <= 0.01 * x.abs().max(y.abs());
            if close {
                return Relation::Compatible;
            }
            // A bound is compatible with an exact value on its side.
            let fits = |bound: f64, c: Option<Comparator>, v: f64| match c {
                Some(Comparator::Greater) => v > bound,
                Some(Comparator::AtLeast) => v >= bound,
                Some(Comparator::Less) => v < bound,
                Some(Comparator::AtMost) => v <= bound,
                Some(Comparator::About) => (v - bound).abs() <= 0.1 * bound.abs(),
                None => false,
            };
            // `at least 27` and `31` can both be true (a toll that rose), yet
            // readers want both shown: a soft conflict.
            if fits(*x, *cx, *y) || fits(*y, *cy, *x) || (cx.is_some() && cy.is_some()) {
                Relation::SoftConflict
            } else {
                Relation::Conflict
            }
        }
        (
            Value::Rank {
                family: f1,
                generic: g1,
                ..
            },
            Value::Rank {
                family: f2,
                generic: g2,
                ..
            },
        ) => {
            if f1 == f2 && (*g1 || *g2) {
                Relation::Compatible
            } else {
                Relation::Conflict
            }
        }
        _ => Relation::Compatible,
    }
}

#[derive(Debug, Clone)]
struct Obs {
    value: Value,
    hedged: bool,
    planned: bool,
    /// The date was resolved from a relative expression (a day name, `hier`).
    relative: bool,
    /// For a figure, the day of the event it measures: tolls of events a
    /// week apart are of different events.
    day: Option<NaiveDate>,
    /// A date guessed from a day name in an undated article.
    guessed: bool,
    source: usize,
    reason: String,
    citations: Vec<Citation>,
}

/// Observations of one slot about one subject.
struct Slot {
    subject: String,
    slot: String,
    unit: String,
    rule: String,
    obs: Vec<Obs>,
}

fn date_value(t: &crate::frames::FrameTime, start: NaiveDate, end: NaiveDate, with_alternatives: bool) -> Value {
    Value::Date {
        start,
        end,
        granularity: t.granularity,
        alternatives: if with_alternatives {
            t.alternatives.clone()
        } else {
            Vec::new()
        },
    }
}

fn evidence(f: &Frame) -> Vec<Citation> {
    let mut v = crate::claims::frame_evidence(f);
    v.sort();
    v.dedup();
    v
}

/// Who, which parties and where an observation is about: values are compared
/// only between observations whose subjects match (like with like).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Subject {
    who: Option<usize>,
    parties: Vec<usize>,
    place: Option<usize>,
}

impl Subject {
    /// Same agent and place when both sides name one; party sets one inside the other.
    fn matches(&self, other: &Subject) -> bool {
        let same = |a: Option<usize>, b: Option<usize>| a.is_none() || b.is_none() || a == b;
        let inside = |a: &[usize], b: &[usize]| a.iter().all(|x| b.contains(x));
        same(self.who, other.who)
            && same(self.place, other.place)
            && (inside(&self.parties, &other.parties) || inside(&other.parties, &self.parties))
    }
}

/// Observations of event dates, from the catalog (`data/events.toml` in
/// analysis): events that last give `<kind>.start`, `.end`, `.duration`;
/// one-day events `<kind>.date`; relations carry one kind's dates to another
/// (an arrival gives the visit's start).
fn event_observations(items: &[Item<'_>], frames: &[Frame]) -> Vec<(Subject, String, Obs, Option<usize>)> {
    let catalog = Catalog::embedded();
    let mut out = Vec::new();
    for f in frames.iter().filter(|f| f.is_event) {
        let Some(item) = items.get(f.item) else { continue };
        let Some(def) = catalog.kind(&f.kind) else { continue };
        let relative = f.time.as_ref().is_some_and(|t| t.relative);
        // A day name in an article without a date was placed by guessing its
        // week from the story: it may back a value, never stand alone as a side.
        let guessed = relative && item.article.meta.published.is_none();
        let obs = |value: Value, reason: String| Obs {
            day: None,
            guessed,
            value,
            hedged: f.hedged,
            planned: f.planned,
            relative,
            source: item.number,
            reason,
            citations: evidence(f),
        };
        let subject = Subject {
            who: f.agent,
            parties: if def.takes(SlotName::Party) {
                f.participants.clone()
            } else {
                Vec::new()
            },
            place: f.place,
        };
        let kind = &f.kind;
        let mut push = |slot: String, o: Obs| out.push((subject.clone(), slot, o, None));
        if def.lasts {
            if let Some(t) = &f.time {
                let written = &t.citation.text;
                if t.explicit_range {
                    let days = (t.end - t.start).num_days() + 1;
                    if def.compares(Compared::Start) {
                        push(
                            format!("{kind}.start"),
                            obs(
                                date_value(t, t.start, t.start, false),
                                format!("`{written}` gives the start"),
                            ),
                        );
                    }
                    if def.compares(Compared::End) {
                        push(
                            format!("{kind}.end"),
                            obs(date_value(t, t.end, t.end, false), format!("`{written}` gives the end")),
                        );
                    }
                    if def.compares(Compared::Duration) {
                        push(
                            format!("{kind}.duration"),
                            obs(Value::Days(days), format!("`{written}` gives {days} days")),
                        );
                    }
                } else if t.role == Aspect::End || (f.aspect == Aspect::End && t.role != Aspect::Start) {
                    if def.compares(Compared::End) {
                        push(
                            format!("{kind}.end"),
                            obs(
                                date_value(t, t.start, t.end, true),
                                format!("`{written}` gives the end"),
                            ),
                        );
                    }
                } else if (t.role == Aspect::Start || f.aspect == Aspect::Start) && def.compares(Compared::Start) {
                    push(
                        format!("{kind}.start"),
                        obs(
                            date_value(t, t.start, t.end, true),
                            format!("`{written}` gives the start"),
                        ),
                    );
                }
            }
            if let Some((days, c)) = f.duration.as_deref().filter(|_| def.compares(Compared::Duration)) {
                push(
                    format!("{kind}.duration"),
                    obs(Value::Days(*days), format!("`{}` gives {days} days", c.text)),
                );
            }
        } else if let Some((m, c)) = f
            .duration_minutes
            .as_deref()
            .filter(|_| def.compares(Compared::Duration))
        {
            push(
                format!("{kind}.duration"),
                obs(Value::Minutes(*m), format!("`{}` gives {m} minutes", c.text)),
            );
        }
        if !def.lasts && def.compares(Compared::Date) {
            // Only a date the sentence gives the event itself, for the whole of it.
            if let Some(t) = f.time.as_ref().filter(|t| !t.inherited && t.role == Aspect::Whole) {
                push(
                    format!("{kind}.date"),
                    obs(
                        date_value(t, t.start, t.end, true),
                        format!("`{}` dates the {kind}", t.citation.text),
                    ),
                );
            }
        }
        for r in catalog.relations.iter().filter(|r| r.from == f.kind) {
            let Some(t) = f.time.as_ref() else { continue };
            // An arrival or a departure speaks for a visit only in a story
            // that reports one by the same person (leaving office is no visit's end).
            let target_reported = frames.iter().any(|g| {
                g.is_event && g.kind == r.to && (g.agent.is_none() || f.agent.is_none() || g.agent == f.agent)
            });
            if !target_reported {
                continue;
            }
            let fits = match r.aspect {
                Aspect::Start => t.role != Aspect::End,
                Aspect::End => t.role != Aspect::Start,
                Aspect::Whole => true,
            };
            if !fits {
                continue;
            }
            let what = r.aspect.name();
            let o = obs(
                date_value(t, t.start, t.end, true),
                format!("{} on `{}` gives the {}'s {what}", f.kind, t.citation.text, r.to),
            );
            let mut subject = subject.clone();
            subject.place = None;
            out.push((
                subject,
                format!("{}.{what}", r.to),
                o,
                if r.same_place {
                    f.place.or(Some(usize::MAX))
                } else {
                    None
                },
            ));
        }
    }
    out
}

fn rule_for(slot: &str) -> String {
    let (kind, what) = slot.split_once('.').unwrap_or((slot, ""));
    match what {
        "start" | "end" => {
            let verb = if what == "start" { "begins" } else { "ends" };
            let related: Vec<String> = Catalog::embedded()
                .relations
                .iter()
                .filter(|r| r.to == kind && r.aspect.name() == what)
                .map(|r| {
                    if r.same_place {
                        format!("an {} at the destination", r.from)
                    } else {
                        format!("a {}", r.from)
                    }
                })
                .collect();
            if related.is_empty() {
                format!("a {kind} {verb} on one day")
            } else {
                format!("a {kind} {verb} on one day; {} gives that day", related.join(" or "))
            }
        }
        "duration" => format!("a {kind} has one length; `from 21 to 26` counts 6 days"),
        "date" => format!("one {kind} happens on one day (same kind, parties and place)"),
        "count" => "one event has one count".to_string(),
        _ if slot == "rank" => "one person holds one rank at a time".to_string(),
        _ if slot.starts_with("casualties") => "one event has one toll (same event, place and date)".to_string(),
        _ => "one figure for one thing, unit and year".to_string(),
    }
}

/// Figures are one slot per kind, unit, rate and year.
type FigureKey = (String, String, String, String);
/// A figure observation with the event kind and the place it is about.
type PlacedObs = (Option<String>, Option<usize>, Obs);
/// Figures of one key about one event and place.
type FigureGroup = (FigureKey, Option<String>, Option<usize>, Vec<Obs>);

/// Every slot with its observations.
fn collect_slots(items: &[Item<'_>], entities: &EntityIndex, frames: &[Frame]) -> Vec<Slot> {
    let mut slots: Vec<Slot> = Vec::new();
    let name = |e: Option<usize>| -> String {
        e.and_then(|e| entities.entities.get(e))
            .map(|x| x.name.clone())
            .unwrap_or_else(|| "?".to_string())
    };

    // Event dates. Observations of events with an agent but none named join
    // the agent most observed for that slot when there is one.
    let observed = event_observations(items, frames);
    let mut agent_counts: BTreeMap<(String, usize), usize> = BTreeMap::new();
    for (subject, slot, _, _) in &observed {
        if let Some(a) = subject.who {
            let kind = slot.split('.').next().unwrap_or("").to_string();
            *agent_counts.entry((kind, a)).or_default() += 1;
        }
    }
    let main_agent = |kind: &str| -> Option<usize> {
        agent_counts
            .iter()
            .filter(|((k, _), _)| k == kind)
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0 .1.cmp(&a.0 .1)))
            .map(|((_, a), _)| *a)
    };
    // The place of a visitor's main arrival: the one most outlets give
    // (earliest on a tie); an arrival elsewhere is a later stop of a tour.
    let mut arrival_places: BTreeMap<(String, Option<usize>, usize), BTreeSet<usize>> = BTreeMap::new();
    for (subject, slot, o, place) in &observed {
        if let Some(p) = place.filter(|p| *p != usize::MAX) {
            arrival_places
                .entry((slot.clone(), subject.who, p))
                .or_default()
                .insert(o.source);
        }
    }
    let main_place = |slot: &str, who: Option<usize>| -> Option<usize> {
        arrival_places
            .iter()
            .filter(|((s, w, _), _)| s == slot && *w == who)
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then_with(|| b.0 .2.cmp(&a.0 .2)))
            .map(|((_, _, p), _)| *p)
    };
    let mut groups: Vec<(String, Subject, Vec<Obs>)> = Vec::new();
    for (mut subject, slot, o, place) in observed {
        let kind = slot.split('.').next().unwrap_or("").to_string();
        let takes_who = Catalog::embedded().kind(&kind).is_some_and(|d| d.takes(SlotName::Who));
        if takes_who {
            subject.who = match subject.who {
                Some(a) if entities.entities.get(a).is_some_and(|e| e.kind == "person") => Some(a),
                _ => main_agent(&kind),
            };
        }
        if let Some(p) = place.filter(|p| *p != usize::MAX) {
            if main_place(&slot, subject.who).is_some_and(|m| m != p) {
                continue;
            }
        }
        match groups
            .iter_mut()
            .find(|(s, subj, _)| *s == slot && subj.matches(&subject))
        {
            Some(g) => {
                // The group keeps the most specific subject it has seen.
                if g.1.who.is_none() {
                    g.1.who = subject.who;
                }
                if g.1.place.is_none() {
                    g.1.place = subject.place;
                }
                if subject.parties.len() > g.1.parties.len() {
                    g.1.parties = subject.parties.clone();
                }
                g.2.push(o);
            }
            None => groups.push((slot, subject, vec![o])),
        }
    }
    groups.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    for (slot, subject, obs) in groups {
        let label = slot.replace('.', " ");
        let mut about: Vec<String> = Vec::new();
        if subject.who.is_some() {
            about.push(name(subject.who));
        }
        for p in &subject.parties {
            if Some(*p) != subject.who {
                about.push(name(Some(*p)));
            }
        }
        if subject.place.is_some() {
            about.push(format!("in {}", name(subject.place)));
        }
        let about = if about.is_empty() {
            "?".to_string()
        } else {
            about.join(", ")
        };
        slots.push(Slot {
            subject: format!("{label} ({about})"),
            rule: rule_for(&slot),
            slot,
            unit: String::new(),
            obs,
        });
    }

    // Counts attached to events: one slot per event kind, split by what is
    // counted when two outlets writing in one language count different nouns
    // (`three agreements`, `two memoranda`); across languages the nouns differ
    // in form, not in meaning. Dates split events a week apart (`clusters`).
    let mut counts: BTreeMap<String, Vec<(String, String, Obs)>> = BTreeMap::new();
    for f in frames.iter().filter(|f| f.is_event) {
        let (Some(q), Some(item)) = (&f.count, items.get(f.item)) else {
            continue;
        };
        let counted = q.counted.as_deref().map(fold_key).unwrap_or_default();
        counts.entry(format!("{}.count", f.kind)).or_default().push((
            counted,
            item.lang.clone(),
            Obs {
                day: f.time.as_ref().map(|t| t.start),
                guessed: false,
                relative: false,
                value: Value::Number {
                    value: q.value,
                    comparator: q.comparator,
                },
                hedged: f.hedged,
                planned: f.planned,
                source: item.number,
                reason: format!("`{}`", q.text),
                citations: evidence(f),
            },
        ));
    }
    for (slot, list) in counts {
        // (counted nouns by language, observations)
        let mut groups: Vec<(BTreeMap<String, String>, Vec<Obs>)> = Vec::new();
        for (counted, lang, o) in list {
            let fits = |g: &(BTreeMap<String, String>, Vec<Obs>)| {
                counted.is_empty() || g.0.get(&lang).is_none_or(|c| c.is_empty() || *c == counted)
            };
            match groups.iter_mut().find(|g| fits(g)) {
                Some(g) => {
                    if !counted.is_empty() {
                        g.0.entry(lang).or_insert(counted);
                    }
                    g.1.push(o);
                }
                None => {
                    let mut nouns = BTreeMap::new();
                    if !counted.is_empty() {
                        nouns.insert(lang, counted);
                    }
                    groups.push((nouns, vec![o]));
                }
            }
        }
        for (nouns, obs) in groups {
            let counted = nouns.values().next().cloned().unwrap_or_default();
            slots.push(Slot {
                subject: format!(
                    "{} {}",
                    slot.replace(".count", ""),
                    if counted.is_empty() {
                        "count".to_string()
                    } else {
                        format!("count of {counted}")
                    }
                ),
                rule: rule_for(&slot),
                slot: slot.clone(),
                unit: counted,
                obs,
            });
        }
    }

    // Figures of a known type, per unit, rate and year; tolls also per event
    // kind and place (an attack in Mali and one in Niger are two events).
    let mut figures: BTreeMap<FigureKey, Vec<PlacedObs>> = BTreeMap::new();
    for f in frames.iter().filter(|f| !f.is_event) {
        // Only figures of a kind the catalog declares are compared; parts of
        // a whole (shares) are handled below.
        if Catalog::embedded().figure(&f.kind).is_none_or(|k| k.parts_of_whole) {
            continue;
        }
        let (Some(q), Some(item)) = (&f.quantity, items.get(f.item)) else {
            continue;
        };
        figures
            .entry((
                f.kind.clone(),
                if Catalog::embedded().figure(&f.kind).is_some_and(|k| k.ignore_unit) {
                    String::new()
                } else {
                    q.unit.clone().unwrap_or_default()
                },
                q.per.clone().unwrap_or_default(),
                f.figure_year.map(|y| y.to_string()).unwrap_or_default(),
            ))
            .or_default()
            .push((
                f.of_event.clone(),
                f.place,
                Obs {
                    day: f.time.as_ref().map(|t| t.start),
                    guessed: false,
                    relative: false,
                    value: Value::Number {
                        value: q.value,
                        comparator: q.comparator,
                    },
                    hedged: f.hedged,
                    planned: f.planned,
                    source: item.number,
                    reason: format!("`{}`", q.text),
                    citations: evidence(f),
                },
            ));
    }
    // Within one kind, unit and year, figures go together when their events
    // and places agree (either side may leave them unsaid).
    let mut split: Vec<FigureGroup> = Vec::new();
    for (key, list) in figures {
        let mut groups: Vec<(Option<String>, Option<usize>, Vec<Obs>)> = Vec::new();
        for (ev, place, o) in list {
            let fits = |g: &(Option<String>, Option<usize>, Vec<Obs>)| {
                (g.0.is_none() || ev.is_none() || g.0 == ev) && (g.1.is_none() || place.is_none() || g.1 == place)
            };
            match groups.iter_mut().find(|g| fits(g)) {
                Some(g) => {
                    if g.0.is_none() {
                        g.0 = ev;
                    }
                    if g.1.is_none() {
                        g.1 = place;
                    }
                    g.2.push(o);
                }
                None => groups.push((ev, place, vec![o])),
            }
        }
        for (ev, place, obs) in groups {
            split.push((key.clone(), ev, place, obs));
        }
    }
    for ((kind, unit, per, year), of_event, place, obs) in split {
        let of_event = of_event.unwrap_or_default();
        let mut unit_shown = unit.clone();
        if !per.is_empty() && !unit.ends_with(&format!("/{per}")) {
            unit_shown = format!("{unit}/{per}");
        }
        let year = if year.is_empty() {
            String::new()
        } else {
            format!(" ({year})")
        };
        let mut about = String::new();
        if !of_event.is_empty() {
            about.push_str(&format!(" of the {of_event}"));
        }
        if place.is_some() {
            about.push_str(&format!(" in {}", name(place)));
        }
        slots.push(Slot {
            subject: format!("{kind}{about}{year}"),
            slot: kind.clone(),
            unit: unit_shown,
            rule: rule_for(&kind),
            obs,
        });
    }

    // Ranks of people.
    let lexicon = Lexicon::all();
    for e in entities.entities.iter().filter(|e| e.kind == "person") {
        let mut obs = Vec::new();
        for r in &e.roles {
            let Some(rank) = r.rank.as_deref() else { continue };
            let Some(def) = lexicon.ranks.iter().find(|x| x.pattern.source == rank) else {
                continue;
            };
            for c in &r.citations {
                obs.push(Obs {
                    day: None,
                    guessed: false,
                    relative: false,
                    value: Value::Rank {
                        name: rank.to_string(),
                        family: def.family.clone(),
                        generic: def.generic,
                        written: crate::entities::rank_in(lexicon, &r.role)
                            .map(|(_, written)| written.to_lowercase())
                            .unwrap_or_else(|| r.role.to_lowercase()),
                    },
                    hedged: false,
                    planned: false,
                    source: c.source,
                    reason: format!("`{}`", r.role),
                    citations: vec![c.clone()],
                });
            }
        }
        if !obs.is_empty() {
            slots.push(Slot {
                subject: format!("rank of {}", e.name),
                slot: "rank".to_string(),
                unit: String::new(),
                rule: rule_for("rank"),
                obs,
            });
        }
    }
    slots
}

/// Splits date observations into events a week or more apart.
fn clusters(obs: Vec<Obs>) -> Vec<Vec<Obs>> {
    let mut dated: Vec<Obs> = Vec::new();
    let mut other: Vec<Obs> = Vec::new();
    for o in obs {
        if o.value.anchor_day().or(o.day).is_some() {
            dated.push(o);
        } else {
            other.push(o);
        }
    }
    let mut out: Vec<Vec<Obs>> = Vec::new();
    dated.sort_by_key(|o| (o.value.anchor_day().or(o.day), o.source));
    for o in dated {
        let day = o.value.anchor_day().or(o.day);
        let joins = out
            .last()
            .and_then(|c| c.last())
            .and_then(|last| last.value.anchor_day().or(last.day))
            .zip(day);
        match joins {
            Some((prev, d)) if (d - prev).num_days() <= 7 => {
                if let Some(c) = out.last_mut() {
                    c.push(o);
                }
            }
            _ => out.push(vec![o]),
        }
    }
    if !other.is_empty() {
        // Undated values belong to the one dated event when there is one.
        match out.as_mut_slice() {
            [only] => only.extend(other),
            _ => out.push(other),
        }
    }
    out
}

/// Observations with the same value, as one side.
struct Class {
    value: Value,
    obs: Vec<Obs>,
}

fn classes(obs: Vec<Obs>) -> Vec<Class> {
    let mut by_key: BTreeMap<String, Class> = BTreeMap::new();
    for o in obs {
        by_key
            .entry(o.value.key())
            .or_insert_with(|| Class {
                value: o.value.clone(),
                obs: Vec::new(),
            })
            .obs
            .push(o);
    }
    by_key.into_values().collect()
}

fn side(items: &[Item<'_>], class: &Class, unit: &str) -> Side {
    let sources: Vec<usize> = class
        .obs
        .iter()
        .map(|o| o.source)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut reasons: Vec<String> = class
        .obs
        .iter()
        .map(|o| format!("[{}] {}", o.source, o.reason))
        .collect();
    reasons.sort();
    reasons.dedup();
    let mut citations: Vec<Citation> = class.obs.iter().flat_map(|o| o.citations.clone()).collect();
    citations.sort();
    citations.dedup();
    Side {
        value: class.value.show(unit),
        hedged: class.obs.iter().all(|o| o.hedged),
        planned: class.obs.iter().all(|o| o.planned),
        independent_outlets: independent_count(items, &sources),
        sources,
        reasons,
        citations,
    }
}

fn strength_of(a: &Class, b: &Class, relation: Relation) -> f32 {
    let hedged = |c: &Class| c.obs.iter().all(|o| o.hedged);
    let planned = |c: &Class| c.obs.iter().all(|o| o.planned);
    let mut s: f32 = match relation {
        Relation::Conflict => 1.0,
        Relation::SoftConflict => 0.3,
        _ => 0.0,
    };
    if relation == Relation::Conflict && (hedged(a) || hedged(b)) {
        s *= 0.5;
    }
    // A day name resolved against a publication date can land on the wrong
    // week (`ends on Friday`); written-out dates on the other side weigh more.
    let relative = |c: &Class| c.obs.iter().all(|o| o.relative);
    if relative(a) != relative(b) && matches!(a.value, Value::Date { .. }) {
        s *= 0.6;
    }
    if planned(a) != planned(b) {
        // A plan and what happened may differ because plans changed.
        s *= 0.8;
    }
    if a.value.coarse() || b.value.coarse() {
        s *= 0.6;
    }
    s
}

pub fn label_of(strength: f32) -> &'static str {
    if strength >= 0.7 {
        "strong"
    } else if strength >= 0.4 {
        "moderate"
    } else {
        "weak"
    }
}

/// Disagreements and complementary figures of the story.
pub fn find(items: &[Item<'_>], entities: &EntityIndex, frames: &[Frame]) -> (Vec<Disagreement>, Vec<Complementary>) {
    let mut disagreements = Vec::new();
    for slot in collect_slots(items, entities, frames) {
        for cluster in clusters(slot.obs) {
            let cls = classes(cluster);
            let mut involved: BTreeSet<usize> = BTreeSet::new();
            let mut strength: f32 = 0.0;
            for i in 0..cls.len() {
                for j in (i + 1)..cls.len() {
                    let r = relate(&cls[i].value, &cls[j].value);
                    // One source giving both values speaks of two events
                    // (talks on two days), not of a dispute between outlets.
                    let shared = cls[i]
                        .obs
                        .iter()
                        .any(|a| cls[j].obs.iter().any(|b| a.source == b.source));
                    // A date guessed from a day name in an undated article may
                    // back a value, never stand alone as a side.
                    let guessed = |c: &Class| c.obs.iter().all(|o| o.guessed);
                    if !shared
                        && !guessed(&cls[i])
                        && !guessed(&cls[j])
                        && matches!(r, Relation::Conflict | Relation::SoftConflict)
                    {
                        involved.insert(i);
                        involved.insert(j);
                        strength = strength.max(strength_of(&cls[i], &cls[j], r));
                    }
                }
            }
            if involved.is_empty() {
                continue;
            }
            let mut sides: Vec<Side> = involved
                .iter()
                .filter_map(|i| cls.get(*i))
                .map(|c| side(items, c, &slot.unit))
                .collect();
            sides.sort_by(|a, b| {
                b.independent_outlets
                    .cmp(&a.independent_outlets)
                    .then_with(|| a.value.cmp(&b.value))
            });
            let shown: Vec<String> = sides
                .iter()
                .map(|s| {
                    let refs: String = s.sources.iter().map(|n| format!("[{n}]")).collect();
                    let hedge = if s.hedged { ", hedged" } else { "" };
                    let plan = if s.planned { ", as planned" } else { "" };
                    format!(
                        "{} {refs} ({} outlet{}{hedge}{plan})",
                        s.value,
                        s.independent_outlets,
                        if s.independent_outlets == 1 { "" } else { "s" }
                    )
                })
                .collect();
            let strength = (strength * 100.0).round() / 100.0;
            disagreements.push(Disagreement {
                id: String::new(),
                subject: slot.subject.clone(),
                slot: slot.slot.clone(),
                explanation: format!("{}: {}; {}.", slot.subject, shown.join(" vs "), slot.rule),
                sides,
                strength,
                strength_label: label_of(strength).to_string(),
            });
        }
    }
    let (share_disagreements, complementary) = shares(items, frames);
    disagreements.extend(share_disagreements);
    disagreements.sort_by(|a, b| {
        b.strength
            .total_cmp(&a.strength)
            .then_with(|| a.slot.cmp(&b.slot))
            .then_with(|| a.subject.cmp(&b.subject))
            .then_with(|| a.explanation.cmp(&b.explanation))
    });
    for (i, d) in disagreements.iter_mut().enumerate() {
        d.id = format!("d{}", i + 1);
    }
    (disagreements, complementary)
}

/// A share frame and its holder key (entity or holder words; empty when unnamed).
type HolderShare<'a> = (&'a Frame, String);

/// Shares of capital: disagreement only for one holder; parts of one whole otherwise.
fn shares(items: &[Item<'_>], frames: &[Frame]) -> (Vec<Disagreement>, Vec<Complementary>) {
    let mut by_value: BTreeMap<String, (f64, Vec<HolderShare<'_>>)> = BTreeMap::new();
    for f in frames.iter().filter(|f| f.kind == "share_of_capital") {
        let Some(q) = &f.quantity else { continue };
        if q.unit.as_deref().is_some_and(|u| u != "%") || !(0.0..=100.0).contains(&q.value) {
            continue;
        }
        let holder = f.holder.as_ref().map(|h| match h.entity {
            Some(e) => format!("e{e}"),
            None => fold_key(&h.text),
        });
        by_value
            .entry(show_number(q.value))
            .or_insert_with(|| (q.value, Vec::new()))
            .1
            .push((f, holder.unwrap_or_default()));
    }
    let to_class = |value: f64, members: &[HolderShare<'_>]| -> Class {
        Class {
            value: Value::Number {
                value,
                comparator: None,
            },
            obs: members
                .iter()
                .filter_map(|(f, _)| {
                    let item = items.get(f.item)?;
                    let holder = f
                        .holder
                        .as_ref()
                        .map(|h| format!(" held by `{}`", h.text))
                        .unwrap_or_default();
                    Some(Obs {
                        day: None,
                        guessed: false,
                        relative: false,
                        value: Value::Number {
                            value,
                            comparator: None,
                        },
                        hedged: f.hedged,
                        planned: f.planned,
                        source: item.number,
                        reason: format!(
                            "`{}`{holder}",
                            f.quantity.as_ref().map(|q| q.text.as_str()).unwrap_or("")
                        ),
                        citations: evidence(f),
                    })
                })
                .collect(),
        }
    };
    let values: Vec<(f64, Vec<HolderShare<'_>>)> = by_value.into_values().collect();
    let mut disagreements = Vec::new();
    let mut complementary = Vec::new();
    // Same named holder, different values.
    let mut same_holder_pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for i in 0..values.len() {
        for j in (i + 1)..values.len() {
            let hi: BTreeSet<&String> = values[i].1.iter().map(|(_, h)| h).filter(|h| !h.is_empty()).collect();
            let hj: BTreeSet<&String> = values[j].1.iter().map(|(_, h)| h).filter(|h| !h.is_empty()).collect();
            if hi.intersection(&hj).next().is_some() {
                same_holder_pairs.insert((i, j));
                let a = to_class(values[i].0, &values[i].1);
                let b = to_class(values[j].0, &values[j].1);
                let s = strength_of(&a, &b, Relation::Conflict);
                let sides = vec![side(items, &a, "%"), side(items, &b, "%")];
                disagreements.push(Disagreement {
                    id: String::new(),
                    subject: "share of capital of one holder".to_string(),
                    slot: "share_of_capital".to_string(),
                    explanation: format!(
                        "share of capital: {} vs {} for the same holder; one holder has one share.",
                        sides[0].value, sides[1].value
                    ),
                    sides,
                    strength: s,
                    strength_label: label_of(s).to_string(),
                });
            }
        }
    }
    let parts: Vec<usize> = (0..values.len())
        .filter(|i| !same_holder_pairs.iter().any(|(a, b)| a == i || b == i))
        .collect();
    if parts.len() >= 2 {
        let total: f64 = parts.iter().map(|i| values[*i].0).sum();
        let classes: Vec<Class> = parts.iter().map(|i| to_class(values[*i].0, &values[*i].1)).collect();
        let sides: Vec<Side> = classes.iter().map(|c| side(items, c, "%")).collect();
        let listed: Vec<String> = sides
            .iter()
            .map(|s| {
                let refs: String = s.sources.iter().map(|n| format!("[{n}]")).collect();
                format!("{} {refs}", s.value)
            })
            .collect();
        if total <= 100.5 {
            complementary.push(Complementary {
                slot: "share_of_capital".to_string(),
                explanation: format!(
                    "{} = {} %: shares given for different holders of one venture; together they fit in 100 %, so both can be true.",
                    listed.join(" + "),
                    show_number(total)
                ),
                parts: sides,
            });
        } else {
            let s = 0.5;
            disagreements.push(Disagreement {
                id: String::new(),
                subject: "shares of capital".to_string(),
                slot: "share_of_capital".to_string(),
                explanation: format!(
                    "shares of capital: {} sum to {} %, more than 100 %; they cannot all describe one venture.",
                    listed.join(" + "),
                    show_number(total)
                ),
                sides,
                strength: s,
                strength_label: label_of(s).to_string(),
            });
        }
    }
    (disagreements, complementary)
}
