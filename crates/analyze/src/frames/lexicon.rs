//! The frame data: the language-independent catalog of kinds
//! (`data/events.toml`) and each language's words (`data/<lang>/events.toml`).
//! A kind used by a language file and missing from the catalog is an error.

use std::collections::BTreeMap;

use recoupe_core::{EntityKind, EventAspect, QuantityKind};
use serde::Deserialize;

use super::patterns::{patterns, Pattern};
use crate::error::ResourceError;

/// The catalog, embedded (`data/events.toml` at the workspace root).
pub fn catalog_text() -> &'static str {
    recoupe_text::data::shared_file("events.toml").unwrap_or_default()
}

/// Languages with frame words, embedded (`data/<lang>/events.toml`): (code, TOML text).
pub fn languages() -> impl Iterator<Item = (&'static str, &'static str)> {
    recoupe_text::data::language_files("events.toml")
}

/// A slot an event kind may fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotName {
    Who,
    Party,
    Where,
    When,
    Duration,
    HowMany,
}

/// A value the dossier compares across outlets for a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Compared {
    Start,
    End,
    Duration,
    Date,
    Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawEntityKind {
    Person,
    Organisation,
    Place,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawQuantityKind {
    Percent,
    Money,
    Measure,
    Count,
    Number,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKind {
    name: String,
    slots: Vec<SlotName>,
    #[serde(default)]
    who_kinds: Vec<RawEntityKind>,
    #[serde(default)]
    lasts: bool,
    #[serde(default)]
    count_before: bool,
    #[serde(default)]
    compare: Vec<Compared>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelation {
    from: String,
    to: String,
    aspect: EventAspect,
    #[serde(default)]
    same_place: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigureKind {
    name: String,
    quantities: Vec<RawQuantityKind>,
    #[serde(default)]
    parts_of_whole: bool,
    #[serde(default)]
    of_events: Vec<String>,
    #[serde(default)]
    window: Option<usize>,
    #[serde(default)]
    ignore_unit: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    kind: Vec<RawKind>,
    #[serde(default)]
    relation: Vec<RawRelation>,
    #[serde(default)]
    figure: Vec<RawFigureKind>,
}

/// One event kind of the catalog.
#[derive(Debug, Clone)]
pub struct EventKind {
    pub name: String,
    pub slots: Vec<SlotName>,
    /// Entity kinds that may be its agent.
    pub who_kinds: Vec<EntityKind>,
    pub lasts: bool,
    /// A count before the trigger is its object too (passive voice).
    pub count_before: bool,
    pub compare: Vec<Compared>,
}

impl EventKind {
    pub fn takes(&self, slot: SlotName) -> bool {
        self.slots.contains(&slot)
    }
    pub fn compares(&self, c: Compared) -> bool {
        self.compare.contains(&c)
    }
}

/// `from`'s dates give `to`'s `aspect` (an arrival gives a visit's start).
#[derive(Debug, Clone)]
pub struct Relation {
    pub from: String,
    pub to: String,
    pub aspect: EventAspect,
    pub same_place: bool,
}

/// One figure kind of the catalog.
#[derive(Debug, Clone)]
pub struct FigureKind {
    pub name: String,
    pub quantities: Vec<QuantityKind>,
    pub parts_of_whole: bool,
    pub of_events: Vec<String>,
    /// Most words between the figure and its cue, when the kind says.
    pub window: Option<usize>,
    /// Values compare whatever unit word follows them.
    pub ignore_unit: bool,
}

/// The catalog of kinds, relations and figures.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub kinds: Vec<EventKind>,
    pub relations: Vec<Relation>,
    pub figures: Vec<FigureKind>,
}

impl Catalog {
    pub fn parse(text: &str) -> Result<Catalog, ResourceError> {
        let raw: RawCatalog = toml::from_str(text).map_err(|e| bad("events.toml", e.to_string()))?;
        let kinds: Vec<EventKind> = raw
            .kind
            .into_iter()
            .map(|k| EventKind {
                name: k.name,
                slots: k.slots,
                who_kinds: k
                    .who_kinds
                    .into_iter()
                    .map(|w| match w {
                        RawEntityKind::Person => EntityKind::Person,
                        RawEntityKind::Organisation => EntityKind::Organisation,
                        RawEntityKind::Place => EntityKind::Place,
                    })
                    .collect(),
                lasts: k.lasts,
                count_before: k.count_before,
                compare: k.compare,
            })
            .collect();
        let known = |n: &str| kinds.iter().any(|k| k.name == n);
        for r in &raw.relation {
            for n in [&r.from, &r.to] {
                if !known(n) {
                    return Err(bad("events.toml", format!("relation names unknown kind `{n}`")));
                }
            }
        }
        for f in &raw.figure {
            for n in &f.of_events {
                if !known(n) {
                    return Err(bad(
                        "events.toml",
                        format!("figure `{}` names unknown kind `{n}`", f.name),
                    ));
                }
            }
        }
        Ok(Catalog {
            relations: raw
                .relation
                .into_iter()
                .map(|r| Relation {
                    from: r.from,
                    to: r.to,
                    aspect: r.aspect,
                    same_place: r.same_place,
                })
                .collect(),
            figures: raw
                .figure
                .into_iter()
                .map(|f| FigureKind {
                    name: f.name,
                    quantities: f
                        .quantities
                        .into_iter()
                        .map(|q| match q {
                            RawQuantityKind::Percent => QuantityKind::Percent,
                            RawQuantityKind::Money => QuantityKind::Money,
                            RawQuantityKind::Measure => QuantityKind::Measure,
                            RawQuantityKind::Count => QuantityKind::Count,
                            RawQuantityKind::Number => QuantityKind::Number,
                        })
                        .collect(),
                    parts_of_whole: f.parts_of_whole,
                    of_events: f.of_events,
                    window: f.window,
                    ignore_unit: f.ignore_unit,
                })
                .collect(),
            kinds,
        })
    }

    pub fn kind(&self, name: &str) -> Option<&EventKind> {
        self.kinds.iter().find(|k| k.name == name)
    }

    pub fn figure(&self, name: &str) -> Option<&FigureKind> {
        self.figures.iter().find(|k| k.name == name)
    }

    /// The embedded catalog (checked by the tests; empty if it were broken).
    pub fn embedded() -> &'static Catalog {
        static CAT: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        CAT.get_or_init(|| {
            Catalog::parse(catalog_text()).unwrap_or(Catalog {
                kinds: Vec::new(),
                relations: Vec::new(),
                figures: Vec::new(),
            })
        })
    }
}

fn bad(file: &str, message: String) -> ResourceError {
    ResourceError::Parse {
        file: file.to_string(),
        message,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    kind: String,
    triggers: Vec<String>,
    #[serde(default)]
    not_followed_by: Vec<String>,
    /// Words right before a trigger that make it something else
    /// (`came under sustained fire` is shooting, not a blaze).
    #[serde(default)]
    not_preceded_by: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAspect {
    #[serde(default)]
    start: Vec<String>,
    #[serde(default)]
    end: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTimeRoles {
    #[serde(default)]
    since: Vec<String>,
    #[serde(default)]
    start: Vec<String>,
    #[serde(default)]
    end: Vec<String>,
    #[serde(default)]
    range_start: Vec<String>,
    #[serde(default)]
    range_end: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    kind: String,
    cues: Vec<String>,
    /// Nouns a figure of this kind never counts: `two car bombs killed 16`
    /// counts bombs, not victims.
    #[serde(default)]
    not_counting: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHolders {
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    stopwords: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModality {
    #[serde(default)]
    hedges: Vec<String>,
    #[serde(default)]
    planned: Vec<String>,
    #[serde(default)]
    future_suffixes: Vec<String>,
    #[serde(default)]
    anterior: Vec<String>,
    /// Words before an event word that make it another event than the one
    /// the sentence reports (`in another attack`, `in a separate attack`).
    #[serde(default)]
    other_event: Vec<String>,
    /// Words joining two figure cues into one union (`killed or disappeared`):
    /// such a figure counts neither kind alone.
    #[serde(default)]
    union: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgents {
    #[serde(default)]
    not_after: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlaces {
    #[serde(default)]
    locatives: Vec<String>,
    /// Words allowed between a locative and its place (`in western Mosul`).
    #[serde(default)]
    modifiers: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWords {
    #[serde(default)]
    event: Vec<RawEvent>,
    #[serde(default)]
    aspect: RawAspect,
    #[serde(default)]
    time_roles: RawTimeRoles,
    #[serde(default)]
    modality: RawModality,
    #[serde(default)]
    agents: RawAgents,
    #[serde(default)]
    places: RawPlaces,
    #[serde(default)]
    figure: Vec<RawFigure>,
    #[serde(default)]
    holders: RawHolders,
}

/// Triggers of one event kind.
#[derive(Debug, Clone)]
pub struct EventTriggers {
    pub kind: String,
    pub triggers: Vec<Pattern>,
    pub not_followed_by: Vec<Pattern>,
    pub not_preceded_by: Vec<Pattern>,
}

/// Cues of one figure kind.
#[derive(Debug, Clone)]
pub struct FigureCues {
    pub kind: String,
    pub cues: Vec<Pattern>,
    pub not_counting: Vec<Pattern>,
}

/// One language's frame words.
#[derive(Debug, Clone, Default)]
pub struct FrameWords {
    pub events: Vec<EventTriggers>,
    pub aspect_start: Vec<Pattern>,
    pub aspect_end: Vec<Pattern>,
    pub time_since: Vec<Pattern>,
    pub time_start: Vec<Pattern>,
    pub time_end: Vec<Pattern>,
    pub range_start: Vec<Pattern>,
    pub range_end: Vec<Pattern>,
    pub hedges: Vec<Pattern>,
    pub planned: Vec<Pattern>,
    pub future_suffixes: Vec<String>,
    /// Pluperfect markers: the event they introduce takes no shared date.
    pub anterior: Vec<Pattern>,
    /// `another`, `a separate` before an event word: another event.
    pub other_event: Vec<Pattern>,
    /// `or` between two figure cues of different kinds: a union of both.
    pub union: Vec<Pattern>,
    pub locatives: Vec<Pattern>,
    pub place_modifiers: Vec<Pattern>,
    /// Words after an event word that introduce someone other than its agent.
    pub not_agent_after: Vec<Pattern>,
    pub figures: Vec<FigureCues>,
    pub holder_before: Vec<Pattern>,
    pub holder_after: Vec<Pattern>,
    /// Function words skipped at the edges of a holder's name.
    pub stopwords: std::collections::BTreeSet<String>,
}

impl FrameWords {
    /// Parses one language file, checking its kinds against the catalog.
    pub fn parse(lang: &str, text: &str, catalog: &Catalog) -> Result<FrameWords, ResourceError> {
        let file = format!("{lang}/events.toml");
        let raw: RawWords = toml::from_str(text).map_err(|e| bad(&file, e.to_string()))?;
        for e in &raw.event {
            if catalog.kind(&e.kind).is_none() {
                return Err(bad(&file, format!("event kind `{}` is not in events.toml", e.kind)));
            }
        }
        for f in &raw.figure {
            if catalog.figure(&f.kind).is_none() {
                return Err(bad(&file, format!("figure kind `{}` is not in events.toml", f.kind)));
            }
        }
        Ok(FrameWords {
            events: raw
                .event
                .into_iter()
                .map(|e| EventTriggers {
                    kind: e.kind,
                    triggers: patterns(&e.triggers),
                    not_followed_by: patterns(&e.not_followed_by),
                    not_preceded_by: patterns(&e.not_preceded_by),
                })
                .collect(),
            aspect_start: patterns(&raw.aspect.start),
            aspect_end: patterns(&raw.aspect.end),
            time_since: patterns(&raw.time_roles.since),
            time_start: patterns(&raw.time_roles.start),
            time_end: patterns(&raw.time_roles.end),
            range_start: patterns(&raw.time_roles.range_start),
            range_end: patterns(&raw.time_roles.range_end),
            hedges: patterns(&raw.modality.hedges),
            planned: patterns(&raw.modality.planned),
            future_suffixes: raw.modality.future_suffixes,
            anterior: patterns(&raw.modality.anterior),
            other_event: patterns(&raw.modality.other_event),
            union: patterns(&raw.modality.union),
            locatives: patterns(&raw.places.locatives),
            place_modifiers: patterns(&raw.places.modifiers),
            not_agent_after: patterns(&raw.agents.not_after),
            figures: raw
                .figure
                .into_iter()
                .map(|f| FigureCues {
                    kind: f.kind,
                    cues: patterns(&f.cues),
                    not_counting: patterns(&f.not_counting),
                })
                .collect(),
            holder_before: patterns(&raw.holders.before),
            holder_after: patterns(&raw.holders.after),
            stopwords: raw
                .holders
                .stopwords
                .iter()
                .map(|s| recoupe_core::fold_key(s))
                .collect(),
        })
    }

    /// The words of every embedded language, by code.
    pub fn embedded() -> &'static BTreeMap<String, FrameWords> {
        static ALL: std::sync::OnceLock<BTreeMap<String, FrameWords>> = std::sync::OnceLock::new();
        ALL.get_or_init(|| {
            let cat = Catalog::embedded();
            languages()
                .filter_map(|(code, text)| FrameWords::parse(code, text, cat).ok().map(|w| (code.to_string(), w)))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_frame_data_parse_and_agree_with_the_catalog() {
        let cat = Catalog::parse(catalog_text()).unwrap_or_else(|e| panic!("{e}"));
        assert!(cat.kinds.len() >= 14);
        for (code, text) in languages() {
            let w = FrameWords::parse(code, text, &cat).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert!(w.events.len() >= 8, "{code}: {} event kinds", w.events.len());
            assert!(!w.locatives.is_empty(), "{code}");
        }
    }

    #[test]
    fn unknown_kinds_are_errors_naming_the_file() {
        let cat = Catalog::parse(catalog_text()).unwrap_or_else(|e| panic!("{e}"));
        let bad = "[[event]]\nkind = \"picnic\"\ntriggers = [\"picnic\"]\n";
        let err = FrameWords::parse("xx", bad, &cat)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("xx/events.toml") && err.contains("picnic"), "{err}");
        let broken =
            "[[kind]]\nname = \"a\"\nslots = [\"who\"]\n[[relation]]\nfrom = \"a\"\nto = \"b\"\naspect = \"start\"\n";
        assert!(Catalog::parse(broken).is_err());
    }
}
