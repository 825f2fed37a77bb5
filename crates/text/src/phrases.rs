//! One phrase matcher for every lexicon of multi-word entries: phrases are
//! sequences of folded words, compiled into one Aho-Corasick automaton (and
//! one over the reversed phrases, for "what ends here" questions).
//!
//! Matching starts at a given word, so a phrase never begins or ends inside a
//! word: every word of a pattern ends with a separator that no word contains,
//! and the text's words are fed to the automaton the same way, one byte at a
//! time from the anchored start state, until it dies (no haystack is built).

use std::sync::OnceLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use rustc_hash::{FxHashMap, FxHashSet};

/// Ends every word in the automata's patterns and in the words fed to them
/// (ASCII, so never a byte of another character).
const SEPARATOR: char = '\u{1F}';
const SEPARATOR_BYTE: u8 = 0x1F;

/// A set of phrases (folded word sequences), each with a payload, matched
/// longest first. Inserting the same phrase twice keeps the first payload.
#[derive(Debug, Default, Clone)]
pub struct PhraseMatcher {
    /// Phrases in insertion order, with their payloads.
    phrases: Vec<(Vec<String>, usize)>,
    index: FxHashMap<Vec<String>, usize>,
    longest: usize,
    /// First and last words of the phrases: most words start or end none, and
    /// this answers them before any automaton runs.
    first_words: FxHashSet<String>,
    last_words: FxHashSet<String>,
    /// One-word phrases and their payloads: answered without the automata.
    single_words: FxHashMap<String, usize>,
    /// Boxed: a DFA holds a 256-byte class table, and lexicons hold dozens of
    /// matchers, built on the stack.
    automata: OnceLock<Box<Automata>>,
}

#[derive(Debug, Clone)]
struct Automata {
    forward: Option<DFA>,
    backward: Option<DFA>,
}

fn pattern<'a>(words: impl Iterator<Item = &'a String>) -> String {
    let mut out = String::new();
    for word in words {
        out.push_str(word);
        out.push(SEPARATOR);
    }
    out
}

fn automaton(patterns: Vec<String>) -> Option<DFA> {
    if patterns.is_empty() {
        return None;
    }
    DFA::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(patterns)
        .ok()
}

impl PhraseMatcher {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a phrase given as folded words (empty phrases are ignored).
    pub fn insert(&mut self, words: Vec<String>, payload: usize) {
        if words.is_empty() || words.iter().any(|w| w.contains(SEPARATOR)) {
            return;
        }
        if self.index.contains_key(&words) {
            return;
        }
        self.longest = self.longest.max(words.len());
        if let (Some(first), Some(last)) = (words.first(), words.last()) {
            self.first_words.insert(first.clone());
            self.last_words.insert(last.clone());
            if words.len() == 1 {
                self.single_words.insert(first.clone(), payload);
            }
        }
        self.index.insert(words.clone(), self.phrases.len());
        self.phrases.push((words, payload));
        self.automata = OnceLock::new();
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Number of words of the longest phrase.
    pub fn longest_phrase(&self) -> usize {
        self.longest
    }

    /// Whether one of the one-word phrases is `word`.
    pub fn contains_word(&self, word: &str) -> bool {
        self.single_words.contains_key(word)
    }

    /// Whether some phrase starts with `word`.
    pub fn starts_with_word(&self, word: &str) -> bool {
        self.first_words.contains(word)
    }

    fn automata(&self) -> &Automata {
        self.automata.get_or_init(|| {
            Box::new(Automata {
                forward: automaton(self.phrases.iter().map(|(w, _)| pattern(w.iter())).collect()),
                backward: automaton(self.phrases.iter().map(|(w, _)| pattern(w.iter().rev())).collect()),
            })
        })
    }

    /// The longest phrase made of the first words of `words`: (number of words, payload).
    pub fn longest_at<I, S>(&self, words: I) -> Option<(usize, usize)>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut words = words.into_iter();
        let first = words.next()?;
        if !self.first_words.contains(first.as_ref()) {
            return None;
        }
        if self.longest == 1 {
            return self.single_words.get(first.as_ref()).map(|&payload| (1, payload));
        }
        let automaton = self.automata().forward.as_ref()?;
        self.run(automaton, first, words)
    }

    /// The longest phrase made of the last words before a point, given as
    /// `words_backward` (nearest word first): (number of words, payload).
    pub fn longest_ending<I, S>(&self, words_backward: I) -> Option<(usize, usize)>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut words = words_backward.into_iter();
        let last = words.next()?;
        if !self.last_words.contains(last.as_ref()) {
            return None;
        }
        if self.longest == 1 {
            return self.single_words.get(last.as_ref()).map(|&payload| (1, payload));
        }
        let automaton = self.automata().backward.as_ref()?;
        self.run(automaton, last, words)
    }

    /// Feeds `first` then `rest` to `automaton`, word by word; the last match
    /// state reached before the automaton dies is the longest phrase.
    fn run<S: AsRef<str>>(&self, automaton: &DFA, first: S, rest: impl Iterator<Item = S>) -> Option<(usize, usize)> {
        let mut state = automaton.start_state(Anchored::Yes).ok()?;
        let mut consumed = 0;
        let mut best = None;
        for (count, word) in std::iter::once(first).chain(rest).take(self.longest).enumerate() {
            let bytes = word.as_ref().as_bytes();
            // A word holding the separator is in no phrase: no phrase goes past it.
            if bytes.contains(&SEPARATOR_BYTE) {
                break;
            }
            for &byte in bytes.iter().chain(std::iter::once(&SEPARATOR_BYTE)) {
                state = automaton.next_state(Anchored::Yes, state, byte);
                if automaton.is_dead(state) {
                    return best;
                }
            }
            consumed += bytes.len() + 1;
            // Patterns end with a separator: a match can only end here. A DFA's
            // match states also carry patterns that started later (for
            // unanchored searches): only the one starting at the first word counts.
            if automaton.is_match(state) {
                let starting_here = (0..automaton.match_len(state))
                    .map(|i| automaton.match_pattern(state, i))
                    .find(|&pattern| automaton.pattern_len(pattern) == consumed);
                if let Some((_, payload)) = starting_here.and_then(|pattern| self.phrases.get(pattern.as_usize())) {
                    best = Some((count + 1, *payload));
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn phrase(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_string).collect()
    }

    fn matcher(phrases: &[&str]) -> PhraseMatcher {
        let mut m = PhraseMatcher::new();
        for (i, p) in phrases.iter().enumerate() {
            m.insert(phrase(p), i);
        }
        m
    }

    #[test]
    fn longest_phrase_wins_and_stops_at_word_ends() {
        let m = matcher(&["a", "a declare", "a declare que", "declarer"]);
        assert_eq!(m.longest_at(["a", "declare", "que", "x"]), Some((3, 2)));
        assert_eq!(m.longest_at(["a", "declare", "qu"]), Some((2, 1)));
        assert_eq!(m.longest_at(["a", "declarera"]), Some((1, 0)));
        assert_eq!(m.longest_at(["ab"]), None);
        assert_eq!(m.longest_at(["declare"]), None);
        assert_eq!(m.longest_at(Vec::<&str>::new()), None);
    }

    #[test]
    fn phrases_ending_before_a_point() {
        let m = matcher(&["millions", "millions de", "de dollars"]);
        assert_eq!(m.longest_ending(["de", "millions", "trois"]), Some((2, 1)));
        assert_eq!(m.longest_ending(["dollars", "de"]), Some((2, 2)));
        assert_eq!(m.longest_ending(["dollars"]), None);
    }

    #[test]
    fn first_payload_of_a_phrase_is_kept() {
        let m = matcher(&["plus de", "plus de"]);
        assert_eq!(m.longest_at(["plus", "de"]), Some((2, 0)));
        assert!(!m.contains_word("plus"));
        assert!(matcher(&["plus"]).contains_word("plus"));
    }

    #[test]
    fn a_word_holding_the_separator_matches_nothing_past_it() {
        let m = matcher(&["a b", "a"]);
        assert_eq!(m.longest_at(["a", "b\u{1F}c"]), Some((1, 1)));
    }

    /// The reference: every phrase compared word by word.
    fn naive(phrases: &[Vec<String>], words: &[String]) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (i, p) in phrases.iter().enumerate() {
            let first_index = phrases.iter().position(|q| q == p).unwrap_or(i);
            if words.len() >= p.len() && words[..p.len()] == p[..] && best.is_none_or(|(n, _)| p.len() > n) {
                best = Some((p.len(), first_index));
            }
        }
        best
    }

    proptest! {
        #[test]
        fn agrees_with_word_by_word_matching(
            phrases in prop::collection::vec(prop::collection::vec("[ab]{1,2}", 1..4), 1..8),
            words in prop::collection::vec("[ab]{1,2}", 0..6),
        ) {
            let mut m = PhraseMatcher::new();
            for (i, p) in phrases.iter().enumerate() {
                m.insert(p.clone(), i);
            }
            prop_assert_eq!(m.longest_at(&words), naive(&phrases, &words));
            let reversed: Vec<Vec<String>> = phrases.iter().map(|p| p.iter().rev().cloned().collect()).collect();
            let backward: Vec<String> = words.iter().rev().cloned().collect();
            prop_assert_eq!(m.longest_ending(&backward), naive(&reversed, &backward));
        }
    }
}
