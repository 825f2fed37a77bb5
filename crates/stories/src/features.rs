//! What the story engine looks at in one article: weighted stems, entity keys,
//! figures and dates, publication day, and copy shingles.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use recoupe_core::{Analysis, Article, EntityKind, Granularity, QuantityKind, TimeKind};
use xxhash_rust::xxh3::xxh3_64;

use crate::config::StoryConfig;
use crate::lang::resources;
use crate::text::{fold, lower, words};

/// Words per copy shingle.
pub const SHINGLE_WORDS: usize = 4;

/// Longest shingle sequence kept for passage alignment.
pub const MAX_SHINGLE_SEQUENCE: usize = 4096;

/// Weight of one name key relative to an analysed entity.
const NAME_WEIGHT: f64 = 0.5;

/// Whether a word may be (part of) a name: capitalised in a script with case,
/// any word in a script without case (Arabic, Hebrew, Devanagari...).
fn may_be_name(word: &str) -> bool {
    match word.chars().next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) => c.is_alphabetic() && !c.is_lowercase(),
        None => false,
    }
}

/// Name keys of a text, weighted like entities (sublinear in the count).
fn name_keys(text: &str, language: &str) -> BTreeMap<String, f64> {
    let res = resources(language);
    let mut counts: BTreeMap<String, f64> = BTreeMap::new();
    for word in words(text) {
        if !may_be_name(word) || word.chars().all(|c| c.is_numeric()) {
            continue;
        }
        if res.is_stopword(&fold(word)) {
            continue;
        }
        if let Some(key) = recoupe_core::names::name_key(word) {
            *counts.entry(key).or_insert(0.0) += 1.0;
        }
    }
    counts
        .into_iter()
        .map(|(k, c)| (k, NAME_WEIGHT * (1.0 + f64::ln(c))))
        .collect()
}

/// Features of one article, with string keys (the engine interns them).
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub language: String,
    /// Stem -> (sublinear term frequency with title boost) x prior weight.
    pub terms: BTreeMap<String, f64>,
    /// Folded title stems, for choosing a story title.
    pub title_terms: Vec<String>,
    /// Entity key -> weight (kind and mention count).
    pub entities: BTreeMap<String, f64>,
    /// Figures and day dates (`d:2025-06-22`, `q:62%`), weight 1 each.
    pub marks: Vec<String>,
    pub published: Option<NaiveDate>,
    /// Name keys (`recoupe_core::names::name_key`) of the capitalised words, and of
    /// every word of scripts without case: the cross-script bridge -> weight.
    pub names: BTreeMap<String, f64>,
    /// Sorted, deduplicated 32-bit hashes of word shingles of the body.
    pub shingles: Vec<u32>,
    /// The same shingles in text order (repeats kept, at most
    /// [`MAX_SHINGLE_SEQUENCE`]), each with whether it spans a sentence end, to
    /// find the longest passage two texts share.
    pub shingle_sequence: Vec<(u32, bool)>,
    pub word_count: usize,
    /// The article's sentence embedding, when the caller computed one.
    pub embedding: Option<crate::semantic::Embedding>,
}

fn kind_weight(kind: EntityKind) -> f64 {
    match kind {
        EntityKind::Person => 1.0,
        EntityKind::Organisation => 0.9,
        // Countries and capitals are shared by many unrelated stories.
        EntityKind::Place => 0.5,
        EntityKind::Other => 0.5,
    }
}

/// The article's language as extraction decided it (base code, lower case);
/// `und` when it could not tell. Stories do not guess again.
pub fn article_language(article: &Article, _analysis: &Analysis) -> String {
    let l = article.language();
    l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase()
}

fn add_terms(
    text: &str,
    language: &str,
    boost: f64,
    counts: &mut HashMap<String, f64>,
    folded_words: Option<&mut Vec<u64>>,
) -> Vec<String> {
    let res = resources(language);
    let mut stems = Vec::new();
    let mut hashes = folded_words;
    for word in words(text) {
        let folded = fold(word);
        if let Some(h) = hashes.as_deref_mut() {
            h.push(xxh3_64(folded.as_bytes()));
        }
        // Scripts written without spaces (Chinese, Japanese, Thai...) give one
        // "word" per clause, which two tellings never share: their terms are
        // overlapping character pairs, the usual unit for such text in retrieval.
        if folded.chars().any(is_unspaced_script) {
            for term in character_bigrams(&folded) {
                *counts.entry(term.clone()).or_insert(0.0) += boost;
                stems.push(term);
            }
            continue;
        }
        if folded.len() < 2 && !folded.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if res.is_stopword(&folded) {
            continue;
        }
        // ASCII words: the folded form is the lowercase form, no second allocation.
        let stem = if word.is_ascii() {
            fold(&res.stem(&folded))
        } else {
            fold(&res.stem(&lower(word)))
        };
        match counts.get_mut(&stem) {
            Some(c) => *c += boost,
            None => {
                counts.insert(stem.clone(), boost);
            }
        }
        stems.push(stem);
    }
    stems
}

/// Whether `c` belongs to a script written without spaces between words.
fn is_unspaced_script(c: char) -> bool {
    matches!(u32::from(c),
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x0E00..=0x0EFF    // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x20000..=0x2FFFF) // CJK extensions B and later
}

/// Overlapping pairs of characters of a word of an unspaced script (the word
/// itself when it has one character).
fn character_bigrams(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 2 {
        return vec![word.to_string()];
    }
    chars.windows(2).map(|pair| pair.iter().collect()).collect()
}

/// For each pair of consecutive words of `text` (as [`words`] splits it), whether a
/// sentence or line ends between them.
fn sentence_breaks(text: &str) -> Vec<bool> {
    let base = text.as_ptr() as usize;
    let mut out = Vec::new();
    let mut last_end: Option<usize> = None;
    for w in words(text) {
        let start = w.as_ptr() as usize - base;
        if let Some(end) = last_end {
            let gap = text.get(end..start).unwrap_or("");
            out.push(gap.contains(['.', '!', '?', '\n', '。', '؟', '।', ';']));
        }
        last_end = Some(start + w.len());
    }
    out
}

/// Shingle hashes over folded word hashes: every word counts, function words too,
/// so that copy detection sees the wording and not only the topic.
pub fn shingles(word_hashes: &[u64]) -> Vec<u32> {
    let mut out: Vec<u32> = if word_hashes.len() < SHINGLE_WORDS {
        if word_hashes.is_empty() {
            Vec::new()
        } else {
            vec![combine(word_hashes)]
        }
    } else {
        word_hashes.windows(SHINGLE_WORDS).map(combine).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

fn combine(hashes: &[u64]) -> u32 {
    let mut h: u64 = 0x9E37_79B9_7F4A_7C15;
    for &x in hashes {
        h = (h ^ x).wrapping_mul(0x0100_0000_01B3).rotate_left(29);
    }
    (h >> 32) as u32 ^ (h as u32)
}

fn quantity_mark(value: f64, unit: Option<&str>, kind: QuantityKind) -> Option<String> {
    if !value.is_finite() || kind == QuantityKind::Ordinal {
        return None;
    }
    // Small bare numbers and years are everywhere; they are not evidence of one story.
    let bare = unit.is_none();
    if bare && value.abs() < 10.0 {
        return None;
    }
    if bare && value.fract() == 0.0 && (1900.0..=2100.0).contains(&value) {
        return None;
    }
    let rounded = round_significant(value, 3);
    Some(format!("q:{rounded}{}", unit.unwrap_or("")))
}

fn round_significant(value: f64, digits: i32) -> f64 {
    if value == 0.0 {
        return 0.0;
    }
    let magnitude = value.abs().log10().floor() as i32;
    let factor = 10f64.powi(digits - 1 - magnitude);
    (value * factor).round() / factor
}

/// Computes the features of an article and its analysis.
pub fn extract(article: &Article, analysis: &Analysis, config: &StoryConfig) -> Features {
    let language = article_language(article, analysis);
    let res = resources(&language);
    let mut counts: HashMap<String, f64> = HashMap::new();
    let mut word_hashes: Vec<u64> = Vec::new();
    add_terms(&article.text, &language, 1.0, &mut counts, Some(&mut word_hashes));
    let mut title_terms = Vec::new();
    if let Some(title) = article.meta.title.as_deref() {
        title_terms = add_terms(title, &language, config.title_weight, &mut counts, None);
    }
    let word_count = word_hashes.len();
    let terms: BTreeMap<String, f64> = counts
        .into_iter()
        .map(|(stem, tf)| {
            let prior = if res.is_common(&stem) {
                config.common_word_weight
            } else {
                1.0
            };
            let weight = (1.0 + tf.ln()) * prior;
            (stem, weight)
        })
        .filter(|(_, w)| *w > 0.0)
        .collect();

    let mut entity_counts: BTreeMap<String, f64> = BTreeMap::new();
    let mut entity_kinds: BTreeMap<String, f64> = BTreeMap::new();
    for m in &analysis.entities {
        if m.key.trim().is_empty() {
            continue;
        }
        let w = if m.via_demonym { 0.5 } else { 1.0 };
        *entity_counts.entry(m.key.clone()).or_insert(0.0) += w;
        let k = kind_weight(m.kind);
        let slot = entity_kinds.entry(m.key.clone()).or_insert(k);
        if k > *slot {
            *slot = k;
        }
    }
    let entities = entity_counts
        .into_iter()
        .map(|(key, count)| {
            let kind = entity_kinds.get(&key).copied().unwrap_or(0.5);
            let weight = kind * (1.0 + count.max(0.5).ln().max(0.0));
            (key, weight)
        })
        .collect();

    let mut marks: Vec<String> = Vec::new();
    for t in &analysis.times {
        if t.kind != TimeKind::Date || t.granularity != Granularity::Day {
            continue;
        }
        if let Some(start) = t.start {
            marks.push(format!("d:{}", start.format("%Y-%m-%d")));
            if let Some(end) = t.end.filter(|e| *e != start && *e > start) {
                marks.push(format!("d:{}", end.format("%Y-%m-%d")));
            }
        }
    }
    for q in &analysis.quantities {
        if let Some(mark) = quantity_mark(q.value, q.unit.as_deref(), q.kind) {
            marks.push(mark);
        }
    }
    marks.sort();
    marks.dedup();

    let published = article.meta.published.map(|p| p.date()).filter(|d| d.year() > 1000);
    let mut names = name_keys(&article.text, &language);
    if let Some(title) = article.meta.title.as_deref() {
        for (k, w) in name_keys(title, &language) {
            let slot = names.entry(k).or_insert(0.0);
            *slot = slot.max(w);
        }
    }
    let breaks = sentence_breaks(&article.text);
    let shingle_sequence: Vec<(u32, bool)> = if word_hashes.len() < SHINGLE_WORDS {
        Vec::new()
    } else {
        word_hashes
            .windows(SHINGLE_WORDS)
            .take(MAX_SHINGLE_SEQUENCE)
            .enumerate()
            .map(|(i, w)| {
                let spans_break = breaks
                    .get(i..i + SHINGLE_WORDS - 1)
                    .is_some_and(|b| b.iter().any(|&x| x));
                (combine(w), spans_break)
            })
            .collect()
    };
    Features {
        language,
        terms,
        title_terms,
        entities,
        marks,
        published,
        names,
        shingles: shingles(&word_hashes),
        shingle_sequence,
        word_count,
        embedding: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_to_three_significant_digits() {
        assert_eq!(round_significant(35_000_000.0, 3), 35_000_000.0);
        assert_eq!(round_significant(62.04, 3), 62.0);
        assert_eq!(round_significant(1234.0, 3), 1230.0);
    }

    #[test]
    fn skips_years_and_small_bare_numbers() {
        assert_eq!(quantity_mark(2025.0, None, QuantityKind::Number), None);
        assert_eq!(quantity_mark(3.0, None, QuantityKind::Count), None);
        assert_eq!(
            quantity_mark(62.0, Some("%"), QuantityKind::Percent),
            Some("q:62%".into())
        );
    }

    fn terms_of(text: &str, language: &str) -> Vec<String> {
        let mut counts = HashMap::new();
        let mut terms = add_terms(text, language, 1.0, &mut counts, None);
        terms.sort();
        terms.dedup();
        terms
    }

    #[test]
    fn unspaced_scripts_give_character_pairs() {
        // "The mayor opened the new bridge" in Chinese, written for this test.
        check_terms("市长开通新桥", "zh", &["市长", "长开", "开通", "通新", "新桥"]);
        check_terms("桥", "zh", &["桥"]);
        // Latin words beside them are stemmed as usual.
        check_terms("A380 新桥", "zh", &["a380", "新桥"]);
    }

    #[test]
    fn function_words_and_stems_of_languages_with_generated_lists() {
        // German, Spanish, Turkish sentences written for this test: their
        // function words (der, und, el, de, ve, bu) are not terms.
        check_terms("Der Bürgermeister und die Stadt", "de", &["burgermeist", "stadt"]);
        check_terms("El alcalde de la ciudad", "es", &["alcald", "ciud"]);
        check_terms("Belediye başkanı ve bu köprü", "tr", &["baska", "beledi", "kopru"]);
    }

    fn check_terms(text: &str, language: &str, expected: &[&str]) {
        let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        expected.sort();
        assert_eq!(terms_of(text, language), expected, "{text:?} ({language})");
    }
}
