//! Language resources, loaded from the per-language TOML data files.

use std::collections::BTreeMap;

use recoupe_text::PhraseMatcher;
use serde::Deserialize;

use crate::tokens::{tokenize, Token};
use crate::TimeError;

/// A set of phrases (token sequences) with a payload, matched longest first
/// (one automaton, [`PhraseMatcher`]).
#[derive(Debug, Clone)]
pub struct PhraseMap<T> {
    matcher: PhraseMatcher,
    /// Payloads, indexed by the matcher's payload numbers.
    values: Vec<T>,
}

impl<T: Clone> PhraseMap<T> {
    fn build(items: impl IntoIterator<Item = (String, T)>, elisions: &[String]) -> Self {
        let mut matcher = PhraseMatcher::new();
        let mut values = Vec::new();
        for (k, v) in items {
            let mut toks: Vec<String> = Vec::new();
            for t in tokenize(&k, elisions) {
                // A key ending in an apostrophe (`l'`, `plus d'`) names an elided token.
                match toks.last_mut() {
                    Some(prev) if t.norm == "'" => prev.push('\''),
                    _ => toks.push(t.norm.into_owned()),
                }
            }
            if toks.is_empty() {
                continue;
            }
            // The same phrase twice (`août` and `aout`) keeps the first payload.
            matcher.insert(toks, values.len());
            values.push(v);
        }
        PhraseMap { matcher, values }
    }

    /// The longest phrase starting at token `i`: (index after it, payload).
    pub fn longest(&self, toks: &[Token], i: usize) -> Option<(usize, T)> {
        let words = toks.get(i..)?.iter().map(|t| t.norm.as_ref());
        let (len, k) = self.matcher.longest_at(words)?;
        Some((i + len, self.values.get(k)?.clone()))
    }

    /// The longest phrase ending just before token `end` (exclusive): its first index.
    pub fn ending_at(&self, toks: &[Token], end: usize) -> Option<(usize, T)> {
        let words = toks.get(..end)?.iter().rev().map(|t| t.norm.as_ref());
        let (len, k) = self.matcher.longest_ending(words)?;
        Some((end - len, self.values.get(k)?.clone()))
    }

    /// True when one of the single-word entries is a word of `folded_text`.
    pub fn entries_in(&self, folded_text: &str) -> bool {
        folded_text
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
            .any(|w| self.contains_word(w))
    }

    pub fn contains_word(&self, word: &str) -> bool {
        self.matcher.contains_word(word)
    }
}

pub type WordSet = PhraseMap<()>;

#[derive(Deserialize)]
struct RawOptions {
    months_needing_day: Vec<String>,
    months_needing_cue: Vec<String>,
    bare_two_digit_years: bool,
    decimal_separator: String,
    day_month_order: String,
}

#[derive(Deserialize)]
struct RawWords {
    words: Vec<String>,
}

#[derive(Deserialize)]
struct RawAmbiguous {
    words: Vec<String>,
    after: Vec<String>,
}

#[derive(Deserialize)]
struct RawModifiers {
    this: Vec<String>,
    same: Vec<String>,
    past: Vec<String>,
    future: Vec<String>,
    determiners: Vec<String>,
    range_from: Vec<String>,
    range_to: Vec<String>,
    range_between: Vec<String>,
    alternative: Vec<String>,
    list_and: Vec<String>,
    hedges: Vec<String>,
    and_a_half: Vec<String>,
    start: Vec<String>,
    mid: Vec<String>,
    end: Vec<String>,
    more_than: Vec<String>,
    less_than: Vec<String>,
    vague_quantity: Vec<String>,
    set_every: Vec<String>,
    set_per: Vec<String>,
    ago_before: Vec<String>,
    ago_after: Vec<String>,
    in_future: Vec<String>,
    month_of: Vec<String>,
    year_of: Vec<String>,
    decade: Vec<String>,
    century: Vec<String>,
    weekend: Vec<String>,
    hour_marks: Vec<String>,
    minute_marks: Vec<String>,
    noon: Vec<String>,
    midnight: Vec<String>,
    time_zone_words: Vec<String>,
    year_blockers: Vec<String>,
    age_before: Vec<String>,
    age_after: Vec<String>,
    future_words: Vec<String>,
    future_suffixes: Vec<String>,
    weak_future_words: Vec<String>,
    past_suffixes: Vec<String>,
    non_past_before: Vec<String>,
    past_words: Vec<String>,
    #[serde(default)]
    attribution_words: Vec<String>,
    past_auxiliaries: Vec<String>,
    month_prepositions: Vec<String>,
    clock_prepositions: Vec<String>,
    duration_prepositions: Vec<String>,
    day_month_link: Vec<String>,
    day_clock_link: Vec<String>,
    set_words: Vec<String>,
    set_article_per: Vec<String>,
    year_prev_blockers: Vec<String>,
    weekday_blockers_after: Vec<String>,
    duration_blockers: Vec<String>,
    participle_endings: Vec<String>,
    strong_participle_endings: Vec<String>,
    season_blockers_before: Vec<String>,
    short_year_prepositions: Vec<String>,
    age_of: Vec<String>,
    age_verbs: Vec<String>,
    part_of_day_link: Vec<String>,
    day_part_link: Vec<String>,
    duration_nouns: Vec<String>,
}

#[derive(Deserialize)]
struct RawLexicon {
    options: RawOptions,
    numbers: BTreeMap<String, i64>,
    number_joiners: RawWords,
    ordinals: BTreeMap<String, u32>,
    units: BTreeMap<String, (String, u32)>,
    bare_durations: BTreeMap<String, String>,
    calendar_units: BTreeMap<String, String>,
    parts_of_day: BTreeMap<String, String>,
    seasons: BTreeMap<String, String>,
    ambiguous_seasons: RawAmbiguous,
    day_offsets: BTreeMap<String, i64>,
    anaphoric_offsets: BTreeMap<String, i64>,
    this_part_of_day: BTreeMap<String, String>,
    references: BTreeMap<String, String>,
    modifiers: RawModifiers,
}

/// Calendar units that `cette semaine`, `l'an dernier`, `this month` refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalUnit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

/// Everything one language needs, folded and ready for matching.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub months: PhraseMap<u32>,
    /// Month names only taken with a day or a year (`sept`, `dec`).
    pub months_needing_day: Vec<String>,
    /// Month names taken alone only after a cue such as `en` (`mars`, `May`).
    pub months_needing_cue: Vec<String>,
    /// Whether `octobre 98` (two digits, no apostrophe) is a year in this language.
    pub bare_two_digit_years: bool,
    pub decimal_separator: String,
    pub month_first: bool,
    pub elisions: Vec<String>,
    /// Words that split a hyphenated compound they are part of (month and day names).
    pub hyphen_splitters: Vec<String>,
    /// Clitics split off the end of words (`'s`).
    pub clitics: Vec<String>,
    pub weekdays: PhraseMap<u32>,
    pub numbers: BTreeMap<String, i64>,
    pub number_joiners: Vec<String>,
    pub ordinals: BTreeMap<String, u32>,
    /// Unit word -> (TIMEX3 unit letter(s), multiplier).
    pub units: BTreeMap<String, (String, u32)>,
    pub bare_durations: PhraseMap<String>,
    pub calendar_units: PhraseMap<CalUnit>,
    pub parts_of_day: PhraseMap<String>,
    pub seasons: PhraseMap<String>,
    pub ambiguous_seasons: Vec<String>,
    pub ambiguous_season_after: WordSet,
    pub day_offsets: PhraseMap<i64>,
    pub anaphoric_offsets: PhraseMap<i64>,
    pub this_part_of_day: PhraseMap<String>,
    pub references: PhraseMap<String>,
    pub this: WordSet,
    pub same: WordSet,
    pub past: WordSet,
    pub future: WordSet,
    pub determiners: WordSet,
    pub range_from: WordSet,
    pub range_to: WordSet,
    /// `entre`, `between`: two dates joined by `et`/`and` after it are a range.
    pub range_between: WordSet,
    pub alternative: WordSet,
    pub list_and: WordSet,
    pub hedges: WordSet,
    pub and_a_half: WordSet,
    pub start: WordSet,
    pub mid: WordSet,
    pub end: WordSet,
    pub more_than: WordSet,
    pub less_than: WordSet,
    pub vague_quantity: WordSet,
    pub set_every: WordSet,
    pub set_per: WordSet,
    pub ago_before: WordSet,
    pub ago_after: WordSet,
    pub in_future: WordSet,
    pub month_of: WordSet,
    pub year_of: WordSet,
    pub decade: WordSet,
    pub century: WordSet,
    pub weekend: WordSet,
    pub hour_marks: WordSet,
    pub minute_marks: WordSet,
    pub noon: WordSet,
    pub midnight: WordSet,
    pub time_zone_words: WordSet,
    pub year_blockers: WordSet,
    pub age_before: WordSet,
    pub age_after: WordSet,
    pub future_words: WordSet,
    pub future_suffixes: Vec<String>,
    pub weak_future_words: WordSet,
    pub past_suffixes: Vec<String>,
    /// Words that make the next participle non-past (`to be signed`, `être signé`).
    pub non_past_before: WordSet,
    pub past_words: WordSet,
    /// Reporting verbs (`said`, `déclaré`): in an attribution after the date
    /// (`…ends on Friday, the ministry said`) they date the report, not the event.
    pub attribution_words: WordSet,
    pub past_auxiliaries: WordSet,
    pub month_prepositions: WordSet,
    pub clock_prepositions: WordSet,
    /// Words before `24 h` that make it a duration (`pendant 24 h`).
    pub duration_prepositions: WordSet,
    pub day_month_link: WordSet,
    /// Words joining a day and its clock time into one expression (`hier à 10 h`).
    pub day_clock_link: WordSet,
    /// Word -> TIMEX3 SET value (`annuel` -> `P1Y`).
    pub set_words: PhraseMap<String>,
    /// Articles that mean `per` after a quantity (`200 tonnes a year`).
    pub set_article_per: WordSet,
    pub year_prev_blockers: WordSet,
    pub weekday_blockers_after: WordSet,
    pub duration_blockers: WordSet,
    /// Past-participle endings as written, lower case with accents.
    pub participle_endings: Vec<String>,
    pub strong_participle_endings: Vec<String>,
    pub season_blockers_before: WordSet,
    pub short_year_prepositions: WordSet,
    pub age_of: WordSet,
    /// Verbs and prepositions before a number of years that make it an age (`il a 45 ans`).
    pub age_verbs: WordSet,
    pub part_of_day_link: WordSet,
    /// Words between a day and its part (`hier en début d'après-midi`).
    pub day_part_link: WordSet,
    pub duration_nouns: WordSet,
}

fn fold_all(items: Vec<String>) -> Vec<String> {
    items.iter().map(|s| recoupe_text::fold(s)).collect()
}

fn cal_unit(name: &str) -> Option<CalUnit> {
    Some(match name {
        "day" => CalUnit::Day,
        "week" => CalUnit::Week,
        "weekend" => CalUnit::Weekend,
        "month" => CalUnit::Month,
        "quarter" => CalUnit::Quarter,
        "half" => CalUnit::Half,
        "year" => CalUnit::Year,
        "decade" => CalUnit::Decade,
        "century" => CalUnit::Century,
        _ => return None,
    })
}

impl Lexicon {
    pub fn parse(lang: &str, source: &str) -> Result<Self, TimeError> {
        let raw: RawLexicon = toml::from_str(source).map_err(|e| TimeError::Lexicon {
            lang: lang.to_string(),
            message: e.to_string(),
        })?;
        // Elisions and clitics are the language's (`data/<lang>/elisions.txt`,
        // `clitics.txt`), the same lists the analysis tokenizer splits on.
        let elisions = recoupe_text::tokens::elisions(lang);
        let el = elisions.clone();
        let words = |v: Vec<String>| WordSet::build(v.into_iter().map(|w| (w, ())), &el);
        let phrases = |m: BTreeMap<String, String>| PhraseMap::build(m, &el);
        let folded_keys = |m: BTreeMap<String, i64>| -> BTreeMap<String, i64> {
            m.into_iter().map(|(k, v)| (recoupe_text::fold(&k), v)).collect()
        };
        let mut calendar_units = Vec::new();
        for (k, v) in raw.calendar_units {
            let unit = cal_unit(&v).ok_or_else(|| TimeError::Lexicon {
                lang: lang.to_string(),
                message: format!("unknown calendar unit `{v}` for `{k}`"),
            })?;
            calendar_units.push((k, unit));
        }
        let m = raw.modifiers;
        // Month and weekday names are the language's calendar (`data/<lang>/calendar.toml`);
        // without one, the language has none (a broken file fails recoupe-text's tests).
        let calendar = recoupe_text::calendar::for_language(lang);
        let months: BTreeMap<String, u32> = calendar
            .into_iter()
            .flat_map(|c| c.month_forms())
            .map(|(w, n)| (w.to_string(), n))
            .collect();
        let weekdays: BTreeMap<String, u32> = calendar
            .into_iter()
            .flat_map(|c| c.weekday_forms())
            .map(|(w, n)| (w.to_string(), n))
            .collect();
        let mut hyphen_splitters: Vec<String> = months
            .keys()
            .chain(weekdays.keys())
            .map(|k| recoupe_text::fold(k))
            .collect();
        hyphen_splitters.sort();
        hyphen_splitters.dedup();
        Ok(Lexicon {
            hyphen_splitters,
            clitics: recoupe_text::tokens::clitics(lang),
            months: PhraseMap::build(months, &el),
            months_needing_day: fold_all(raw.options.months_needing_day),
            months_needing_cue: fold_all(raw.options.months_needing_cue),
            bare_two_digit_years: raw.options.bare_two_digit_years,
            decimal_separator: raw.options.decimal_separator,
            month_first: raw.options.day_month_order == "mdy",
            weekdays: PhraseMap::build(weekdays, &el),
            numbers: folded_keys(raw.numbers),
            number_joiners: fold_all(raw.number_joiners.words),
            ordinals: raw
                .ordinals
                .into_iter()
                .map(|(k, v)| (recoupe_text::fold(&k), v))
                .collect(),
            units: raw
                .units
                .into_iter()
                .map(|(k, v)| (recoupe_text::fold(&k), v))
                .collect(),
            bare_durations: phrases(raw.bare_durations),
            calendar_units: PhraseMap::build(calendar_units, &el),
            parts_of_day: phrases(raw.parts_of_day),
            seasons: phrases(raw.seasons),
            ambiguous_seasons: fold_all(raw.ambiguous_seasons.words),
            ambiguous_season_after: words(raw.ambiguous_seasons.after),
            day_offsets: PhraseMap::build(raw.day_offsets, &el),
            anaphoric_offsets: PhraseMap::build(raw.anaphoric_offsets, &el),
            this_part_of_day: phrases(raw.this_part_of_day),
            references: phrases(raw.references),
            this: words(m.this),
            same: words(m.same),
            past: words(m.past),
            future: words(m.future),
            determiners: words(m.determiners),
            range_from: words(m.range_from),
            range_to: words(m.range_to),
            range_between: words(m.range_between),
            alternative: words(m.alternative),
            list_and: words(m.list_and),
            hedges: words(m.hedges),
            and_a_half: words(m.and_a_half),
            start: words(m.start),
            mid: words(m.mid),
            end: words(m.end),
            more_than: words(m.more_than),
            less_than: words(m.less_than),
            vague_quantity: words(m.vague_quantity),
            set_every: words(m.set_every),
            set_per: words(m.set_per),
            ago_before: words(m.ago_before),
            ago_after: words(m.ago_after),
            in_future: words(m.in_future),
            month_of: words(m.month_of),
            year_of: words(m.year_of),
            decade: words(m.decade),
            century: words(m.century),
            weekend: words(m.weekend),
            hour_marks: words(m.hour_marks),
            minute_marks: words(m.minute_marks),
            noon: words(m.noon),
            midnight: words(m.midnight),
            time_zone_words: words(m.time_zone_words),
            year_blockers: words(m.year_blockers),
            age_before: words(m.age_before),
            age_after: words(m.age_after),
            future_words: words(m.future_words),
            future_suffixes: fold_all(m.future_suffixes),
            weak_future_words: words(m.weak_future_words),
            past_suffixes: fold_all(m.past_suffixes),
            non_past_before: words(m.non_past_before),
            past_words: words(m.past_words),
            attribution_words: words(m.attribution_words),
            past_auxiliaries: words(m.past_auxiliaries),
            month_prepositions: words(m.month_prepositions),
            clock_prepositions: words(m.clock_prepositions),
            duration_prepositions: words(m.duration_prepositions),
            day_month_link: words(m.day_month_link),
            day_clock_link: words(m.day_clock_link),
            year_prev_blockers: words(m.year_prev_blockers),
            set_article_per: words(m.set_article_per),
            weekday_blockers_after: words(m.weekday_blockers_after),
            duration_blockers: words(m.duration_blockers),
            participle_endings: m.participle_endings,
            strong_participle_endings: m.strong_participle_endings,
            season_blockers_before: words(m.season_blockers_before),
            short_year_prepositions: words(m.short_year_prepositions),
            age_of: words(m.age_of),
            age_verbs: words(m.age_verbs),
            part_of_day_link: words(m.part_of_day_link),
            day_part_link: words(m.day_part_link),
            duration_nouns: words(m.duration_nouns),
            set_words: PhraseMap::build(
                m.set_words
                    .iter()
                    .filter_map(|e| e.split_once(':').map(|(w, v)| (w.to_string(), v.to_string()))),
                &el,
            ),
            elisions,
        })
    }
}
