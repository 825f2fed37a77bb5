//! The analysis tokenizer (names, figures, quotes): words with byte spans
//! (inner hyphens kept, `COVID-19`), elided articles split off (`l'AES` ->
//! `l'`, `AES`), clitics split off (`Putin's` -> `Putin`, `'s`), and single
//! punctuation characters. Elisions and clitics are every language's
//! (`data/<lang>/elisions.txt`, `clitics.txt`), as for [`crate::tokens`].
//!
//! Tokens borrow their text from the analysed text, and their folded form too
//! when folding would not change it (lower-case ASCII, the bulk of a news
//! text): a token list costs no allocation per token, so a huge text's tokens
//! take a fixed size each.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use crate::fold::fold as fold_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// A token's [`fold_key`], borrowed from the text when it is the text itself.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Folded<'a>(Cow<'a, str>);

impl<'a> Folded<'a> {
    /// The fold of `text`, without a copy when `text` is already folded.
    pub fn of(text: &'a str) -> Self {
        // `fold_key` keeps lower-case ASCII letters, digits and ASCII
        // punctuation other than the backtick as they are (and a token has
        // no whitespace to collapse).
        if text
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase() && b != b'`')
        {
            Folded(Cow::Borrowed(text))
        } else {
            Folded(Cow::Owned(fold_key(text)))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for Folded<'_> {
    fn from(folded: String) -> Self {
        Folded(Cow::Owned(folded))
    }
}

impl Deref for Folded<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Folded<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Folded<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl fmt::Display for Folded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub folded: Folded<'a>,
    pub kind: TokenKind,
    /// Whether the gap before this token contains a line break.
    pub newline_before: bool,
    /// Whether there is any whitespace between the previous token and this one.
    pub space_before: bool,
}

impl Token<'_> {
    /// First character is an uppercase letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// At least two letters, all uppercase (`AES`, `GOÏTA`).
    pub fn is_all_caps(&self) -> bool {
        let mut letters = 0;
        for c in self.text.chars().filter(|c| c.is_alphabetic()) {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
        letters >= 2
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_lowercase_word(&self) -> bool {
        self.kind == TokenKind::Word && self.text.chars().next().is_some_and(char::is_lowercase)
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct && self.text.starts_with(c)
    }

    /// Elided article or preposition (`l'`, `d'`, `qu'`).
    pub fn is_elision(&self) -> bool {
        self.text.ends_with('\'') || self.text.ends_with('\u{2019}')
    }
}

/// Folded elisions of every language without their apostrophe (`l`, `dell`).
fn elisions() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::tokens::all_languages("elisions.txt")
            .into_iter()
            .filter_map(|e| e.strip_suffix('\'').map(str::to_string))
            .collect()
    })
}

/// Folded clitics of every language without their apostrophe (`s`, `ll`).
fn clitics() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::tokens::all_languages("clitics.txt")
            .into_iter()
            .filter_map(|c| c.strip_prefix('\'').map(str::to_string))
            .collect()
    })
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Tokenizes `text`; spans are absolute byte offsets plus `base`.
///
/// Walks the text by byte offsets (no table of its characters: that would
/// take 16 bytes per character of a huge text).
pub fn tokenize_at(text: &str, base: usize) -> Vec<Token<'_>> {
    let char_at = |at: usize| text.get(at..).and_then(|rest| rest.chars().next());
    // Offset of the character after the one at `at` (the text's end stays put).
    let after = |at: usize| char_at(at).map_or(text.len(), |c| at + c.len_utf8());
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut newline_before = false;
    let mut space_before = false;
    while let Some(c) = char_at(i) {
        let start = i;
        if c.is_whitespace() {
            if c == '\n' || c == '\r' {
                newline_before = true;
            }
            space_before = true;
            i += c.len_utf8();
            continue;
        }
        let mut j = after(i);
        let mut kind = TokenKind::Punct;
        if is_word_char(c) {
            kind = TokenKind::Word;
            loop {
                while char_at(j).is_some_and(is_word_char) {
                    j = after(j);
                }
                match char_at(j) {
                    Some(h) if is_hyphen(h) && char_at(after(j)).is_some_and(is_word_char) => {
                        j = after(after(j));
                    }
                    Some(a) if is_apostrophe(a) && char_at(after(j)).is_some_and(char::is_alphabetic) => {
                        let prefix = text.get(start..j).unwrap_or("");
                        let folded_prefix = Folded::of(prefix);
                        if elisions().contains(folded_prefix.as_str()) {
                            j = after(j);
                            break;
                        }
                        // English clitic (`Putin's`, `don't`): ends the word before the apostrophe.
                        let clitic_start = after(j);
                        let mut k = clitic_start;
                        while char_at(k).is_some_and(char::is_alphabetic) {
                            k = after(k);
                        }
                        let clitic = Folded::of(text.get(clitic_start..k).unwrap_or(""));
                        if clitics().contains(clitic.as_str()) {
                            break;
                        }
                        // Inner apostrophe of a name (`O'Brien`, `aujourd'hui`).
                        j = after(after(j));
                    }
                    _ => break,
                }
            }
            let word = text.get(start..j).unwrap_or("");
            if word.chars().all(|ch| ch.is_ascii_digit()) {
                kind = TokenKind::Number;
            }
        } else if is_apostrophe(c) && char_at(j).is_some_and(char::is_alphabetic) {
            // Clitic token (`'s`).
            kind = TokenKind::Word;
            while char_at(j).is_some_and(char::is_alphabetic) {
                j = after(j);
            }
        }
        let end = j;
        let token_text = text.get(start..end).unwrap_or("");
        tokens.push(Token {
            start: start + base,
            end: end + base,
            folded: Folded::of(token_text),
            text: token_text,
            kind,
            newline_before,
            space_before,
        });
        newline_before = false;
        space_before = false;
        i = j;
    }
    tokens
}

pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    tokenize_at(text, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let tokens: Vec<String> = tokenize(input).into_iter().map(|t| t.text.to_string()).collect();
        assert_eq!(tokens, expected, "tokenize({input:?})");
    }

    #[test]
    fn splits_elisions_and_keeps_hyphens() {
        check("l'AES", &["l'", "AES"]);
        check("d’Assimi Goïta", &["d’", "Assimi", "Goïta"]);
        check("Younous-Bek Evkurov", &["Younous-Bek", "Evkurov"]);
        check("précise-t-elle :", &["précise-t-elle", ":"]);
        check("Putin's aide", &["Putin", "'s", "aide"]);
        check("aujourd'hui, 62 %", &["aujourd'hui", ",", "62", "%"]);
        check("dell'Onu", &["dell'", "Onu"]);
        check("they'll", &["they", "'ll"]);
        check("O'Brien", &["O'Brien"]);
    }
}
