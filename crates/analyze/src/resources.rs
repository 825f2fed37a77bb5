//! Language resources, loaded from the embedded data files.
//!
//! Adding a language means adding `data/<lang>/lexicon.toml` and one line in
//! [`EMBEDDED_LEXICONS`]; no other code changes.

use std::collections::{BTreeMap, BTreeSet};

use recoupe_core::{fold_key, Comparator, EntityKind};
use serde::Deserialize;

use crate::error::ResourceError;

/// Embedded per-language lexicons, by ISO 639-1 code.
pub const EMBEDDED_LEXICONS: &[(&str, &str)] = &[
    ("fr", include_str!("../data/fr/lexicon.toml")),
    ("en", include_str!("../data/en/lexicon.toml")),
];

/// Embedded language-independent entity table.
pub const EMBEDDED_GAZETTEER: &str = include_str!("../data/gazetteer.toml");

/// Embedded first-name list (any language).
pub const EMBEDDED_FIRST_NAMES: &str = include_str!("../data/common_first_names.txt");

#[derive(Debug, Deserialize)]
struct LexiconFile {
    language: String,
    capitalised_function_words: Vec<String>,
    person_titles: Vec<String>,
    honorifics: Vec<String>,
    title_complement_words: Vec<String>,
    name_particles: Vec<String>,
    determiners: Vec<String>,
    organisation_heads: Vec<String>,
    lowercase_organisation_heads: Vec<String>,
    #[serde(default)]
    portfolio_titles: Vec<String>,
    #[serde(default)]
    organisation_particles: Vec<String>,
    organisation_suffixes: Vec<String>,
    place_prepositions: Vec<String>,
    place_heads: Vec<String>,
    #[serde(default)]
    place_heads_in_name: Vec<String>,
    person_cue_words: Vec<String>,
    non_name_words: Vec<String>,
    demonym_inflections: Vec<(String, Vec<String>)>,
    quotes: QuotesFile,
    numbers: NumbersFile,
    dates: DatesFile,
}

#[derive(Debug, Deserialize)]
struct QuotesFile {
    verbs: Vec<String>,
    source_markers: Vec<String>,
    relay_markers: Vec<String>,
    #[serde(default)]
    continuation_markers: Vec<String>,
    #[serde(default)]
    person_pronouns: Vec<String>,
    pronouns_feminine: Vec<String>,
    pronouns_masculine: Vec<String>,
    pronouns_plural: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct NumbersFile {
    words: BTreeMap<String, f64>,
    weak_words: Vec<String>,
    scales: BTreeMap<String, f64>,
    decimal_separator: String,
    percent: Vec<String>,
    currencies: BTreeMap<String, String>,
    units: BTreeMap<String, String>,
    per_markers: Vec<String>,
    per_units: BTreeMap<String, String>,
    comparators: Vec<(String, String)>,
    ordinals: BTreeMap<String, f64>,
    ordinal_suffixes: Vec<String>,
    not_counted: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct DatesFile {
    months: Vec<String>,
    weekdays: Vec<String>,
    time_units: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct GazetteerFile {
    entity: Vec<GazetteerEntryFile>,
}

#[derive(Debug, Deserialize)]
struct GazetteerEntryFile {
    key: String,
    kind: String,
    names: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
}

/// A set of phrases matched on folded tokens (`a déclaré` -> ["a", "declare"]).
#[derive(Debug, Default, Clone)]
pub struct PhraseSet {
    /// Folded phrases, as token sequences, with a payload index.
    phrases: BTreeMap<Vec<String>, usize>,
    longest: usize,
    /// First and last words of the phrases: most words start or end none, and
    /// this answers them without building a key (the matcher runs at every word).
    first_words: BTreeSet<String>,
    last_words: BTreeSet<String>,
}

impl PhraseSet {
    pub fn insert(&mut self, phrase: &str, payload: usize) {
        let tokens = phrase_tokens(phrase);
        if tokens.is_empty() {
            return;
        }
        self.longest = self.longest.max(tokens.len());
        if let (Some(first), Some(last)) = (tokens.first(), tokens.last()) {
            self.first_words.insert(first.clone());
            self.last_words.insert(last.clone());
        }
        self.phrases.entry(tokens).or_insert(payload);
    }

    /// Longest phrase matching the folded words starting at `words[0]`:
    /// returns (number of words, payload).
    pub fn longest_match<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, usize)> {
        if !self.first_words.contains(words.first()?.as_ref()) {
            return None;
        }
        let max = self.longest.min(words.len());
        for len in (1..=max).rev() {
            let key: Vec<String> = words
                .get(..len)
                .unwrap_or(&[])
                .iter()
                .map(|w| w.as_ref().to_string())
                .collect();
            if let Some(&payload) = self.phrases.get(&key) {
                return Some((len, payload));
            }
        }
        None
    }

    /// Longest phrase ending exactly at the last word of `words`.
    pub fn longest_match_ending<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, usize)> {
        if !self.last_words.contains(words.last()?.as_ref()) {
            return None;
        }
        let max = self.longest.min(words.len());
        for len in (1..=max).rev() {
            let start = words.len() - len;
            let key: Vec<String> = words
                .get(start..)
                .unwrap_or(&[])
                .iter()
                .map(|w| w.as_ref().to_string())
                .collect();
            if let Some(&payload) = self.phrases.get(&key) {
                return Some((len, payload));
            }
        }
        None
    }

    pub fn contains_word(&self, word: &str) -> bool {
        self.first_words.contains(word) && self.phrases.contains_key(&vec![word.to_string()])
    }
}

/// Splits a phrase into folded word tokens the same way the tokenizer does.
pub fn phrase_tokens(phrase: &str) -> Vec<String> {
    crate::text::tokenize(phrase).into_iter().map(|t| t.folded).collect()
}

/// Resources for one language.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub language: String,
    pub function_words: BTreeSet<String>,
    pub titles: PhraseSet,
    pub honorifics: BTreeSet<String>,
    pub title_complements: BTreeSet<String>,
    pub particles: BTreeSet<String>,
    pub determiners: BTreeSet<String>,
    pub organisation_heads: BTreeSet<String>,
    pub lowercase_organisation_heads: BTreeSet<String>,
    pub portfolio_titles: BTreeSet<String>,
    pub organisation_particles: PhraseSet,
    pub organisation_suffixes: BTreeSet<String>,
    pub place_prepositions: BTreeSet<String>,
    pub place_heads: BTreeSet<String>,
    /// Lowercase place heads that are part of the name (`rue de Rivoli`).
    pub place_heads_in_name: BTreeSet<String>,
    pub person_cues: BTreeSet<String>,
    pub non_name_words: BTreeSet<String>,
    /// Folded demonym form -> (gazetteer entry index, must be capitalised).
    pub demonyms: BTreeMap<String, (usize, bool)>,
    pub quote_verbs: PhraseSet,
    pub source_markers: PhraseSet,
    pub relay_markers: PhraseSet,
    pub continuation_markers: PhraseSet,
    /// Pronouns that only stand for people (`he`, `she`), unlike `elle` (`la présidence`).
    pub person_pronouns: BTreeSet<String>,
    pub pronouns: BTreeSet<String>,
    pub number_words: BTreeMap<String, f64>,
    pub weak_number_words: BTreeSet<String>,
    pub scales: BTreeMap<String, f64>,
    pub decimal_comma: bool,
    pub percent: PhraseSet,
    pub currencies: PhraseSet,
    pub currency_codes: Vec<String>,
    pub units: PhraseSet,
    pub unit_codes: Vec<String>,
    pub per_markers: BTreeSet<String>,
    pub per_units: BTreeMap<String, String>,
    pub comparators: PhraseSet,
    pub comparator_values: Vec<Comparator>,
    pub ordinals: BTreeMap<String, f64>,
    pub ordinal_suffixes: BTreeSet<String>,
    pub not_counted: BTreeSet<String>,
    pub months: BTreeSet<String>,
    pub weekdays: BTreeSet<String>,
    pub time_units: BTreeSet<String>,
}

/// One entity of the language-independent table.
#[derive(Debug, Clone)]
pub struct GazetteerEntry {
    pub key: String,
    pub kind: EntityKind,
    /// Display names; the first one is the preferred label.
    pub names: Vec<String>,
}

/// The entity table: folded names -> entry.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<GazetteerEntry>,
    pub names: PhraseSet,
    /// Folded base demonyms (before inflection), with their entry.
    base_demonyms: Vec<(String, usize, bool)>,
}

impl Gazetteer {
    pub fn parse(source: &str) -> Result<Self, ResourceError> {
        Self::parse_all(&[("gazetteer.toml", source)])
    }

    /// Several tables in the same format, as one: (file name for errors, text).
    /// A name listed by two tables goes to the first, so a user's table put
    /// first can redirect a name; a key repeated across tables is one entity.
    pub fn parse_all(sources: &[(&str, &str)]) -> Result<Self, ResourceError> {
        let mut entities = Vec::new();
        for (file, source) in sources {
            let parsed: GazetteerFile = toml::from_str(source).map_err(|e| ResourceError::Parse {
                file: (*file).to_string(),
                message: e.to_string(),
            })?;
            entities.extend(parsed.entity);
        }
        let mut gazetteer = Gazetteer::default();
        for (index, entry) in entities.into_iter().enumerate() {
            let kind = match entry.kind.as_str() {
                "place" => EntityKind::Place,
                "organisation" | "organization" => EntityKind::Organisation,
                "person" => EntityKind::Person,
                _ => EntityKind::Other,
            };
            for name in &entry.names {
                gazetteer.names.insert(name, index);
            }
            for demonym in &entry.demonyms {
                let capitalised = demonym.chars().next().is_some_and(char::is_uppercase);
                gazetteer.base_demonyms.push((fold_key(demonym), index, capitalised));
            }
            gazetteer.entries.push(GazetteerEntry {
                key: entry.key,
                kind,
                names: entry.names,
            });
        }
        Ok(gazetteer)
    }

    pub fn entry(&self, index: usize) -> Option<&GazetteerEntry> {
        self.entries.get(index)
    }

    /// Entry whose name is exactly this surface form (folded).
    pub fn lookup(&self, surface: &str) -> Option<&GazetteerEntry> {
        let tokens = phrase_tokens(surface);
        match self.names.longest_match(&tokens) {
            Some((len, index)) if len == tokens.len() => self.entries.get(index),
            _ => None,
        }
    }
}

impl Lexicon {
    pub fn parse(source: &str, gazetteer: &Gazetteer) -> Result<Self, ResourceError> {
        let file: LexiconFile = toml::from_str(source).map_err(|e| ResourceError::Parse {
            file: "lexicon.toml".to_string(),
            message: e.to_string(),
        })?;
        let folded_set = |items: &[String]| -> BTreeSet<String> { items.iter().map(|s| fold_key(s)).collect() };
        let phrase_set = |items: &[String]| -> PhraseSet {
            let mut set = PhraseSet::default();
            for (i, item) in items.iter().enumerate() {
                set.insert(item, i);
            }
            set
        };
        let mut lexicon = Lexicon {
            language: file.language,
            function_words: folded_set(&file.capitalised_function_words),
            titles: phrase_set(&file.person_titles),
            honorifics: folded_set(&file.honorifics),
            title_complements: folded_set(&file.title_complement_words),
            particles: folded_set(&file.name_particles),
            determiners: folded_set(&file.determiners),
            organisation_heads: folded_set(&file.organisation_heads),
            lowercase_organisation_heads: folded_set(&file.lowercase_organisation_heads),
            portfolio_titles: folded_set(&file.portfolio_titles),
            organisation_particles: phrase_set(&file.organisation_particles),
            organisation_suffixes: folded_set(&file.organisation_suffixes),
            place_prepositions: folded_set(&file.place_prepositions),
            place_heads: folded_set(&file.place_heads),
            place_heads_in_name: folded_set(&file.place_heads_in_name),
            person_cues: folded_set(&file.person_cue_words),
            non_name_words: folded_set(&file.non_name_words),
            quote_verbs: phrase_set(&file.quotes.verbs),
            source_markers: phrase_set(&file.quotes.source_markers),
            relay_markers: phrase_set(&file.quotes.relay_markers),
            continuation_markers: phrase_set(&file.quotes.continuation_markers),
            person_pronouns: folded_set(&file.quotes.person_pronouns),
            pronouns: folded_set(
                &[
                    file.quotes.pronouns_feminine.clone(),
                    file.quotes.pronouns_masculine.clone(),
                    file.quotes.pronouns_plural.clone(),
                ]
                .concat(),
            ),
            number_words: file.numbers.words.iter().map(|(k, v)| (fold_key(k), *v)).collect(),
            weak_number_words: folded_set(&file.numbers.weak_words),
            scales: file.numbers.scales.iter().map(|(k, v)| (fold_key(k), *v)).collect(),
            decimal_comma: file.numbers.decimal_separator == ",",
            percent: phrase_set(&file.numbers.percent),
            per_markers: folded_set(&file.numbers.per_markers),
            per_units: file
                .numbers
                .per_units
                .iter()
                .map(|(k, v)| (fold_key(k), v.clone()))
                .collect(),
            ordinals: file.numbers.ordinals.iter().map(|(k, v)| (fold_key(k), *v)).collect(),
            ordinal_suffixes: folded_set(&file.numbers.ordinal_suffixes),
            not_counted: folded_set(&file.numbers.not_counted),
            months: folded_set(&file.dates.months),
            weekdays: folded_set(&file.dates.weekdays),
            time_units: folded_set(&file.dates.time_units),
            ..Lexicon::default()
        };
        for (i, (phrase, code)) in file.numbers.currencies.iter().enumerate() {
            lexicon.currencies.insert(phrase, i);
            lexicon.currency_codes.push(code.clone());
        }
        for (i, (phrase, code)) in file.numbers.units.iter().enumerate() {
            lexicon.units.insert(phrase, i);
            lexicon.unit_codes.push(code.clone());
        }
        for (i, (phrase, comparator)) in file.numbers.comparators.iter().enumerate() {
            let value = match comparator.as_str() {
                "greater" => Comparator::Greater,
                "less" => Comparator::Less,
                "at_least" => Comparator::AtLeast,
                "at_most" => Comparator::AtMost,
                _ => Comparator::About,
            };
            lexicon.comparators.insert(phrase, i);
            lexicon.comparator_values.push(value);
        }
        // Demonyms: every base form from the gazetteer, inflected with this
        // language's suffix rules (only the longest matching rule applies).
        let mut rules: Vec<(String, Vec<String>)> = file
            .demonym_inflections
            .iter()
            .map(|(base, forms)| (fold_key(base), forms.iter().map(|f| fold_key(f)).collect()))
            .collect();
        rules.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        for (base, index, capitalised) in &gazetteer.base_demonyms {
            let value = (*index, *capitalised);
            lexicon.demonyms.entry(base.clone()).or_insert(value);
            if let Some((suffix, forms)) = rules.iter().find(|(suffix, _)| base.ends_with(suffix.as_str())) {
                let stem = &base[..base.len() - suffix.len()];
                for form in forms {
                    lexicon.demonyms.entry(format!("{stem}{form}")).or_insert(value);
                }
            }
        }
        Ok(lexicon)
    }

    pub fn is_title_word(&self, folded: &str) -> bool {
        self.titles.contains_word(folded)
    }
}

/// First names, folded.
pub fn parse_first_names(source: &str) -> BTreeSet<String> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(fold_key)
        .collect()
}

/// All resources: the entity table, first names and per-language lexicons.
#[derive(Debug)]
pub struct Resources {
    pub gazetteer: Gazetteer,
    pub first_names: BTreeSet<String>,
    pub lexicons: BTreeMap<String, Lexicon>,
}

impl Resources {
    /// Loads the embedded resources.
    pub fn embedded() -> Result<Self, ResourceError> {
        Self::from_sources(EMBEDDED_GAZETTEER, EMBEDDED_FIRST_NAMES, EMBEDDED_LEXICONS)
    }

    /// The embedded resources with users' entity tables (same format as
    /// `data/gazetteer.toml`: (file name, text)), whose names win over the embedded ones.
    pub fn embedded_with_entity_tables(tables: &[(&str, &str)]) -> Result<Self, ResourceError> {
        let mut sources: Vec<(&str, &str)> = tables.to_vec();
        sources.push(("gazetteer.toml", EMBEDDED_GAZETTEER));
        let gazetteer = Gazetteer::parse_all(&sources)?;
        Self::with_gazetteer(gazetteer, EMBEDDED_FIRST_NAMES, EMBEDDED_LEXICONS)
    }

    /// Loads resources from given texts (the embedded ones, or a user's extended table).
    pub fn from_sources(gazetteer: &str, first_names: &str, lexicons: &[(&str, &str)]) -> Result<Self, ResourceError> {
        Self::with_gazetteer(Gazetteer::parse(gazetteer)?, first_names, lexicons)
    }

    fn with_gazetteer(
        gazetteer: Gazetteer,
        first_names: &str,
        lexicons: &[(&str, &str)],
    ) -> Result<Self, ResourceError> {
        let mut map = BTreeMap::new();
        for (code, source) in lexicons {
            map.insert((*code).to_string(), Lexicon::parse(source, &gazetteer)?);
        }
        Ok(Resources {
            gazetteer,
            first_names: parse_first_names(first_names),
            lexicons: map,
        })
    }

    /// Lexicon for a language code, falling back to French then to any.
    pub fn lexicon(&self, language: &str) -> Option<&Lexicon> {
        let code = language.get(..2).unwrap_or(language).to_ascii_lowercase();
        self.lexicons
            .get(&code)
            .or_else(|| self.lexicons.get("fr"))
            .or_else(|| self.lexicons.values().next())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_resources_parse() {
        let resources = Resources::embedded().unwrap_or_else(|e| panic!("{e}"));
        assert!(resources.gazetteer.entries.len() > 200);
        let fr = resources.lexicon("fr").unwrap_or_else(|| panic!("no fr"));
        assert!(fr.demonyms.contains_key("malienne"));
        assert!(resources.lexicon("en").is_some());
    }
}
