//! Language resources of the dossier builder, loaded from the data files in
//! `data/<lang>/lexicon.toml` (embedded in the binary). Adding a language is
//! adding a file here and one line in [`LANGUAGES`].

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::text::{patterns, Pattern};

/// Embedded lexicons, by ISO 639-1 code.
const LANGUAGES: &[(&str, &str)] = &[
    ("fr", include_str!("../data/fr/lexicon.toml")),
    ("en", include_str!("../data/en/lexicon.toml")),
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    kind: String,
    triggers: Vec<String>,
    #[serde(default)]
    not_followed_by: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAspect {
    #[serde(default)]
    start: Vec<String>,
    #[serde(default)]
    end: Vec<String>,
    #[serde(default)]
    continuation: Vec<String>,
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
struct RawRank {
    name: String,
    family: String,
    #[serde(default)]
    generic: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    kind: String,
    cues: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHolders {
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
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
    rank: Vec<RawRank>,
    #[serde(default)]
    figure: Vec<RawFigure>,
    #[serde(default)]
    holders: RawHolders,
    #[serde(default)]
    summary: RawSummary,
    #[serde(default)]
    calendar: RawCalendar,
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
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSummary {
    #[serde(default)]
    stopwords: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    #[serde(default)]
    weekdays: Vec<String>,
}

/// Triggers of one event type.
#[derive(Debug, Clone)]
pub struct EventTriggers {
    pub kind: String,
    pub triggers: Vec<Pattern>,
    pub not_followed_by: Vec<Pattern>,
}

/// A rank of the rank ontology (see the data files).
#[derive(Debug, Clone)]
pub struct Rank {
    pub pattern: Pattern,
    pub family: String,
    pub generic: bool,
}

/// Cues of one figure type.
#[derive(Debug, Clone)]
pub struct FigureCues {
    pub kind: String,
    pub cues: Vec<Pattern>,
}

/// All resources for one language (or the union of all, for unknown ones).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub events: Vec<EventTriggers>,
    pub aspect_start: Vec<Pattern>,
    pub aspect_end: Vec<Pattern>,
    pub aspect_continuation: Vec<Pattern>,
    pub time_since: Vec<Pattern>,
    pub time_start: Vec<Pattern>,
    pub time_end: Vec<Pattern>,
    pub range_start: Vec<Pattern>,
    pub range_end: Vec<Pattern>,
    pub hedges: Vec<Pattern>,
    pub planned: Vec<Pattern>,
    pub future_suffixes: Vec<String>,
    pub locatives: Vec<Pattern>,
    /// Words after an event word that introduce someone other than its agent.
    pub not_agent_after: Vec<Pattern>,
    pub ranks: Vec<Rank>,
    pub figures: Vec<FigureCues>,
    pub holder_before: Vec<Pattern>,
    pub holder_after: Vec<Pattern>,
    pub stopwords: BTreeSet<String>,
    /// Folded day names, Monday first, one list per language.
    pub weekdays: Vec<Vec<String>>,
}

impl Lexicon {
    fn from_raw(raw: RawLexicon) -> Lexicon {
        Lexicon {
            events: raw
                .event
                .into_iter()
                .map(|e| EventTriggers {
                    kind: e.kind,
                    triggers: patterns(&e.triggers),
                    not_followed_by: patterns(&e.not_followed_by),
                })
                .collect(),
            aspect_start: patterns(&raw.aspect.start),
            aspect_end: patterns(&raw.aspect.end),
            aspect_continuation: patterns(&raw.aspect.continuation),
            time_since: patterns(&raw.time_roles.since),
            time_start: patterns(&raw.time_roles.start),
            time_end: patterns(&raw.time_roles.end),
            range_start: patterns(&raw.time_roles.range_start),
            range_end: patterns(&raw.time_roles.range_end),
            hedges: patterns(&raw.modality.hedges),
            planned: patterns(&raw.modality.planned),
            future_suffixes: raw.modality.future_suffixes,
            locatives: patterns(&raw.places.locatives),
            not_agent_after: patterns(&raw.agents.not_after),
            ranks: raw
                .rank
                .into_iter()
                .filter_map(|r| {
                    Pattern::parse(&r.name).map(|pattern| Rank {
                        pattern,
                        family: r.family,
                        generic: r.generic,
                    })
                })
                .collect(),
            figures: raw
                .figure
                .into_iter()
                .map(|f| FigureCues {
                    kind: f.kind,
                    cues: patterns(&f.cues),
                })
                .collect(),
            holder_before: patterns(&raw.holders.before),
            holder_after: patterns(&raw.holders.after),
            stopwords: raw
                .summary
                .stopwords
                .iter()
                .map(|s| recoupe_core::fold_key(s))
                .collect(),
            weekdays: if raw.calendar.weekdays.len() == 7 {
                vec![raw
                    .calendar
                    .weekdays
                    .iter()
                    .map(|s| recoupe_core::fold_key(s))
                    .collect()]
            } else {
                Vec::new()
            },
        }
    }

    /// Adds everything of `other` to `self` (used for the all-languages lexicon).
    fn absorb(&mut self, other: Lexicon) {
        for e in other.events {
            match self.events.iter_mut().find(|x| x.kind == e.kind) {
                Some(x) => {
                    x.triggers.extend(e.triggers);
                    x.not_followed_by.extend(e.not_followed_by);
                }
                None => self.events.push(e),
            }
        }
        self.aspect_start.extend(other.aspect_start);
        self.aspect_end.extend(other.aspect_end);
        self.aspect_continuation.extend(other.aspect_continuation);
        self.time_since.extend(other.time_since);
        self.time_start.extend(other.time_start);
        self.time_end.extend(other.time_end);
        self.range_start.extend(other.range_start);
        self.range_end.extend(other.range_end);
        self.hedges.extend(other.hedges);
        self.planned.extend(other.planned);
        self.future_suffixes.extend(other.future_suffixes);
        self.locatives.extend(other.locatives);
        self.not_agent_after.extend(other.not_agent_after);
        self.ranks.extend(other.ranks);
        for f in other.figures {
            match self.figures.iter_mut().find(|x| x.kind == f.kind) {
                Some(x) => x.cues.extend(f.cues),
                None => self.figures.push(f),
            }
        }
        self.holder_before.extend(other.holder_before);
        self.holder_after.extend(other.holder_after);
        self.stopwords.extend(other.stopwords);
        self.weekdays.extend(other.weekdays);
    }

    /// Every rank of every language: ranks of one person are compared across
    /// outlets writing in different languages.
    pub fn all() -> &'static Lexicon {
        static ALL: OnceLock<Lexicon> = OnceLock::new();
        ALL.get_or_init(|| {
            let mut all = Lexicon::default();
            for (_, text) in LANGUAGES {
                all.absorb(parse(text));
            }
            all
        })
    }

    /// The lexicon of `lang` (ISO 639-1), or the union of all for an unknown language.
    pub fn for_language(lang: &str) -> &'static Lexicon {
        static EACH: OnceLock<Vec<(String, Lexicon)>> = OnceLock::new();
        let each = EACH.get_or_init(|| {
            LANGUAGES
                .iter()
                .map(|(code, text)| (code.to_string(), parse(text)))
                .collect()
        });
        each.iter()
            .find(|(code, _)| code == lang)
            .map(|(_, lex)| lex)
            .unwrap_or_else(|| Lexicon::all())
    }
}

/// The embedded data files are part of the build; a malformed one is caught by
/// the crate's tests, and at run time degrades to an empty lexicon rather than a panic.
fn parse(text: &str) -> Lexicon {
    Lexicon::from_raw(toml::from_str::<RawLexicon>(text).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicons_parse_and_are_not_empty() {
        for (code, text) in LANGUAGES {
            let raw: Result<RawLexicon, _> = toml::from_str(text);
            assert!(raw.is_ok(), "{code}: {raw:?}");
            let lex = Lexicon::for_language(code);
            assert!(lex.events.len() >= 6, "{code}");
            assert!(!lex.ranks.is_empty(), "{code}");
            assert!(!lex.stopwords.is_empty(), "{code}");
            assert!(
                !lex.hedges.is_empty() && !lex.planned.is_empty() && !lex.locatives.is_empty(),
                "{code}"
            );
            assert!(!lex.figures.is_empty() && !lex.holder_before.is_empty(), "{code}");
            assert_eq!(lex.weekdays.len(), 1, "{code}");
        }
        assert!(Lexicon::for_language("xx").events.len() >= 6);
    }
}
