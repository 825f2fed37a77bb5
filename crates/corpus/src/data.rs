//! Language resources, loaded from the TOML files embedded at build time.
//!
//! Everything a language needs (calendar words, number formats, outlets,
//! places, sentence templates, scrape noise) lives in `data/<lang>/corpus.toml`
//! at the workspace root, so adding a language means adding that file.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::CorpusError;

/// The file of each language folder read here. The languages come in a fixed
/// order, French first (generated corpora depend on it).
const LANGUAGE_FILE: &str = "corpus.toml";

/// Invented names, any language (`data/corpus-names.toml`).
const NAMES_FILE: &str = "corpus-names.toml";

#[derive(Debug, Deserialize)]
pub(crate) struct Names {
    pub female_first_names: Vec<String>,
    pub male_first_names: Vec<String>,
    pub last_names: Vec<String>,
    pub org_roots: Vec<String>,
    pub org_suffixes: Vec<String>,
}

/// A word in its masculine and feminine forms (an office, a determiner).
#[derive(Debug, Deserialize)]
pub(crate) struct Gendered {
    pub m: String,
    pub f: String,
}

impl Gendered {
    pub fn get(&self, female: bool) -> &str {
        if female {
            &self.f
        } else {
            &self.m
        }
    }
}

/// Determiners, agreement and possessives that depend on a person's gender.
#[derive(Debug, Deserialize)]
pub(crate) struct Grammar {
    pub the_m: String,
    pub the_f: String,
    pub of_the_m: String,
    pub of_the_f: String,
    pub agree_m: String,
    pub agree_f: String,
    pub his_m: String,
    pub his_f: String,
    /// How a quote's speaker is named with the office (`{the_office} {name}`).
    pub speaker: String,
}

impl Grammar {
    pub fn the(&self, female: bool) -> &str {
        if female {
            &self.the_f
        } else {
            &self.the_m
        }
    }
    pub fn of_the(&self, female: bool) -> &str {
        if female {
            &self.of_the_f
        } else {
            &self.of_the_m
        }
    }
    pub fn agree(&self, female: bool) -> &str {
        if female {
            &self.agree_f
        } else {
            &self.agree_m
        }
    }
    pub fn his(&self, female: bool) -> &str {
        if female {
            &self.his_f
        } else {
            &self.his_m
        }
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct Calendar {
    pub date_long: String,
    pub date_short: String,
    pub first_of_month: String,
    pub range_same_month: String,
    pub range_cross_month: String,
    pub same_day: String,
    pub day_before: String,
    pub earlier: String,
    #[allow(dead_code)]
    pub day_after_event: String,
    pub number_words: Vec<String>,
    pub duration_adj: String,
    pub days_unit: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Numbers {
    pub thousands_sep: String,
    pub percent: String,
    pub money_millions: String,
    /// Large sums in the local currency of the story's place (`{n}`, `{currency}`).
    pub money_billions_local: String,
    pub tonnes_per_year: String,
    #[allow(dead_code)]
    pub megawatts: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Noise {
    pub top: Vec<String>,
    pub bottom: Vec<String>,
    pub agency_dateline: String,
    pub agency_signoff: Vec<String>,
    pub agencies: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Place {
    pub key: String,
    pub city: String,
    pub country: String,
    pub demonym: String,
    pub of_country: String,
    pub in_country: String,
    /// The local currency, as written in amounts (`francs CFA`, `Kenyan shillings`).
    pub currency: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct EventTemplates {
    pub titles: Vec<String>,
    pub leads: Vec<String>,
    pub body: Vec<String>,
    pub quotes: Vec<String>,
    /// Context sentences that fit this kind of event only.
    #[serde(default)]
    pub background: Vec<String>,
    /// Whether the event happens at the destination (a visit, a summit) rather than at home.
    #[serde(default)]
    pub abroad: bool,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Generic {
    pub background: Vec<String>,
    pub quote_forms: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Language {
    pub code: String,
    pub grammar: Grammar,
    pub calendar: Calendar,
    pub numbers: Numbers,
    pub noise: Noise,
    pub outlets: Vec<String>,
    pub sectors: Vec<String>,
    pub tags: Vec<String>,
    pub places: Vec<Place>,
    pub offices: Vec<Gendered>,
    pub spokesperson_offices: Vec<Gendered>,
    /// Event kinds by name; a BTreeMap so that kinds are always listed in the same order.
    pub events: BTreeMap<String, EventTemplates>,
    pub generic: Generic,
}

/// All resources, parsed and checked once.
#[derive(Debug)]
pub(crate) struct Resources {
    pub names: Names,
    pub languages: Vec<Language>,
    /// Event kinds every language provides, sorted.
    pub event_kinds: Vec<String>,
}

static RESOURCES: OnceLock<Result<Resources, CorpusError>> = OnceLock::new();

/// The parsed resources, or the reason they are unusable.
pub(crate) fn resources() -> Result<&'static Resources, CorpusError> {
    RESOURCES.get_or_init(load).as_ref().map_err(Clone::clone)
}

fn load() -> Result<Resources, CorpusError> {
    let names_text = recoupe_text::data::shared_file(NAMES_FILE)
        .ok_or_else(|| CorpusError::Data(format!("data/{NAMES_FILE} is missing")))?;
    let names: Names = toml::from_str(names_text).map_err(|e| CorpusError::Data(format!("{NAMES_FILE}: {e}")))?;
    if names.female_first_names.is_empty()
        || names.male_first_names.is_empty()
        || names.last_names.is_empty()
        || names.org_roots.is_empty()
        || names.org_suffixes.is_empty()
    {
        return Err(CorpusError::Data(
            "corpus-names.toml: every list must be non-empty".into(),
        ));
    }
    let mut languages = Vec::new();
    for (code, text) in recoupe_text::data::language_files_primary_first(LANGUAGE_FILE) {
        let lang: Language =
            toml::from_str(text).map_err(|e| CorpusError::Data(format!("{code}/{LANGUAGE_FILE}: {e}")))?;
        check_language(&lang)?;
        languages.push(lang);
    }
    let first = languages
        .first()
        .ok_or_else(|| CorpusError::Data("no language".into()))?;
    let event_kinds: Vec<String> = first.events.keys().cloned().collect();
    let place_keys: Vec<&str> = first.places.iter().map(|p| p.key.as_str()).collect();
    for lang in &languages {
        let kinds: Vec<String> = lang.events.keys().cloned().collect();
        if kinds != event_kinds {
            return Err(CorpusError::Data(format!(
                "{}: event kinds differ from {}",
                lang.code, first.code
            )));
        }
        let keys: Vec<&str> = lang.places.iter().map(|p| p.key.as_str()).collect();
        if keys != place_keys {
            return Err(CorpusError::Data(format!(
                "{}: place keys differ from {}",
                lang.code, first.code
            )));
        }
        if lang.sectors.len() != first.sectors.len() || lang.offices.len() != first.offices.len() {
            return Err(CorpusError::Data(format!(
                "{}: sectors/offices lists differ in length",
                lang.code
            )));
        }
    }
    Ok(Resources {
        names,
        languages,
        event_kinds,
    })
}

fn check_language(lang: &Language) -> Result<(), CorpusError> {
    let fail = |what: &str| Err(CorpusError::Data(format!("{}: {what}", lang.code)));
    // Month and weekday names are the language's calendar (`data/<lang>/calendar.toml`).
    if recoupe_text::calendar::for_language(&lang.code).is_none() {
        return fail("data/<lang>/calendar.toml is missing or invalid");
    }
    if lang.calendar.number_words.len() < 10 {
        return fail("calendar.number_words must go up to at least nine");
    }
    if lang.outlets.len() < 2 {
        return fail("at least two outlets are needed so copies can change outlet");
    }
    if lang.places.len() < 2 || lang.sectors.len() < 2 || lang.offices.is_empty() {
        return fail("places and sectors need two entries, offices one");
    }
    let lists = [
        &lang.tags,
        &lang.noise.top,
        &lang.noise.bottom,
        &lang.noise.agency_signoff,
        &lang.noise.agencies,
        &lang.generic.background,
        &lang.generic.quote_forms,
    ];
    if lists.iter().any(|l| l.is_empty()) {
        return fail("a noise, tag, office or generic list is empty");
    }
    if lang.spokesperson_offices.is_empty() {
        return fail("spokesperson_offices is empty");
    }
    if lang.events.is_empty() {
        return fail("no event kinds");
    }
    for (kind, ev) in &lang.events {
        if ev.titles.len() < 2 || ev.leads.is_empty() || ev.body.is_empty() || ev.quotes.is_empty() {
            return fail(&format!(
                "event {kind}: needs two titles, a lead, a body sentence and a quote"
            ));
        }
    }
    Ok(())
}
