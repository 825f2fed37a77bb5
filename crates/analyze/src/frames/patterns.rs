//! Word tokens with byte offsets, folded for comparison, and phrase patterns
//! matched on them. Everything the frame data files say is matched through
//! here, so data entries and article text are cut into words the same way.

use recoupe_core::fold_key;

/// One word of a text: where it is and its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// Folded (accents, case) form used for matching.
    pub folded: String,
    /// True when the word starts with an uppercase letter as written.
    pub capitalised: bool,
}

/// Cuts `text` into words: runs of letters and digits, with inner hyphens kept
/// (`tête-à-tête`, `SOROMA-SA`). Apostrophes split words (`l'AES` is `l`, `AES`).
pub fn words(text: &str) -> Vec<Word> {
    recoupe_text::hyphenated_word_spans(text)
        .into_iter()
        .map(|(start, end)| make_word(text, start, end))
        .collect()
}

fn make_word(text: &str, start: usize, end: usize) -> Word {
    let raw = text.get(start..end).unwrap_or("");
    Word {
        start,
        end,
        folded: fold_key(raw),
        capitalised: raw.chars().next().is_some_and(char::is_uppercase),
    }
}

/// One word of a pattern: exact folded word, or a prefix (`arriv*`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum PatternWord {
    Exact(String),
    Prefix(String),
}

impl PatternWord {
    fn matches(&self, folded: &str) -> bool {
        match self {
            PatternWord::Exact(w) => w == folded,
            PatternWord::Prefix(p) => folded.starts_with(p.as_str()) && folded.len() > p.len(),
        }
    }
}

/// A phrase from a data file, matched word by word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    words: Vec<PatternWord>,
    /// The entry as written in the data file, for explanations.
    pub source: String,
}

impl Pattern {
    pub fn parse(entry: &str) -> Option<Pattern> {
        let mut pattern_words = Vec::new();
        for raw in entry.split_whitespace() {
            let (body, prefix) = match raw.strip_suffix('*') {
                Some(b) => (b, true),
                None => (raw, false),
            };
            for (k, w) in words(body).iter().enumerate() {
                let last_piece = k + 1 == words(body).len();
                if prefix && last_piece {
                    pattern_words.push(PatternWord::Prefix(w.folded.clone()));
                } else {
                    pattern_words.push(PatternWord::Exact(w.folded.clone()));
                }
            }
        }
        if pattern_words.is_empty() {
            return None;
        }
        Some(Pattern {
            words: pattern_words,
            source: entry.to_string(),
        })
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether the pattern matches `ws` starting at word `at`.
    pub fn matches_at(&self, ws: &[Word], at: usize) -> bool {
        self.words
            .iter()
            .enumerate()
            .all(|(k, p)| ws.get(at + k).is_some_and(|w| p.matches(w.folded.as_str())))
    }

    /// Whether the pattern matches the words ending right before word `end` (exclusive).
    pub fn matches_ending_at(&self, ws: &[Word], end: usize) -> bool {
        end >= self.len() && self.matches_at(ws, end - self.len())
    }
}

/// Parses a list of data entries, dropping empty ones.
pub fn patterns(entries: &[String]) -> Vec<Pattern> {
    entries.iter().filter_map(|e| Pattern::parse(e)).collect()
}

/// Every match of any pattern in `ws`: (first word, word count, pattern index).
/// Where several patterns match at one word, the longest wins.
pub fn find_all<P: std::borrow::Borrow<Pattern>>(pats: &[P], ws: &[Word]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let best = pats
            .iter()
            .map(|p| p.borrow())
            .enumerate()
            .filter(|(_, p)| p.matches_at(ws, i))
            .max_by_key(|(k, p)| (p.len(), std::cmp::Reverse(*k)));
        match best {
            Some((k, p)) => {
                out.push((i, p.len(), k));
                i += p.len();
            }
            None => i += 1,
        }
    }
    out
}

/// Whether any pattern occurs in `ws`.
pub fn contains_any(pats: &[Pattern], ws: &[Word]) -> bool {
    (0..ws.len()).any(|i| pats.iter().any(|p| p.matches_at(ws, i)))
}

/// Index of the first word starting at or after byte `pos`.
pub fn word_index_at(ws: &[Word], pos: usize) -> usize {
    ws.partition_point(|w| w.start < pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.folded).collect()
    }

    #[test]
    fn cuts_words_like_a_reader() {
        assert_eq!(
            folded("l’AES, tête-à-tête; SOROMA-SA -x"),
            ["l", "aes", "tete-a-tete", "soroma-sa", "x"]
        );
        assert_eq!(folded("jusqu'au 26"), ["jusqu", "au", "26"]);
    }

    #[test]
    fn patterns_match_prefixes_and_phrases() {
        let ws = words("Il est arrivé au pouvoir jusqu’au lundi");
        let p = Pattern::parse("arriv*").unwrap_or_else(|| unreachable!());
        assert!(p.matches_at(&ws, 2));
        let q = Pattern::parse("jusqu'au").unwrap_or_else(|| unreachable!());
        assert!(q.matches_ending_at(&ws, 7));
        assert!(!q.matches_ending_at(&ws, 6));
        assert!(Pattern::parse("   ").is_none());
    }
}
