//! The configurable tokenizer of time expressions: words, digit runs and punctuation, each with its
//! byte span in the text and a folded form for lexicon look-ups.
//!
//! It splits digit and letter groups (`21h45` is `21` `h` `45`) and compounds at
//! month and day names (`mi-juin`), which the grammar of dates needs; the
//! analysis tokenizer ([`crate::analysis_tokens`]) keeps such words whole
//! (`COVID-19`, `G7`) for names and figures. Both split the same elisions and
//! clitics, read from the language tree: [`elisions`], [`clitics`].

use std::borrow::Cow;

use crate::data::{language_file, language_files, word_list};
use crate::fold::fold as fold_key;

/// The folded elisions of `language` (`data/<lang>/elisions.txt`: `l'`, `dell'`),
/// empty when the language has none.
pub fn elisions(language: &str) -> Vec<String> {
    folded_list(language_file(language, "elisions.txt"))
}

/// The folded clitics of `language` (`data/<lang>/clitics.txt`: `'s`, `'ll`).
pub fn clitics(language: &str) -> Vec<String> {
    folded_list(language_file(language, "clitics.txt"))
}

/// Every language's elisions (or clitics, by file name), folded, sorted and
/// without duplicates: for the analysis tokenizer, which runs before a
/// sentence's language is known.
pub fn all_languages(file: &str) -> Vec<String> {
    let mut all: Vec<String> = language_files(file)
        .flat_map(|(_, text)| folded_list(Some(text)))
        .collect();
    all.sort();
    all.dedup();
    all
}

fn folded_list(text: Option<&str>) -> Vec<String> {
    text.map(|t| word_list(t).map(fold_key).collect()).unwrap_or_default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Digits,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    /// Folded form: lower case, no accents, straight apostrophes. Borrowed from the
    /// text when folding does not change it (most words), so that a huge text's
    /// tokens cost no allocation each.
    pub norm: Cow<'a, str>,
    pub kind: TokenKind,
    /// True when the first letter is upper case (`Mars` the planet, `Sept` the brand).
    pub capitalised: bool,
    /// True when the written form has non-ASCII letters (`à` folds to `a` but is not the verb).
    pub accented: bool,
}

/// The [`fold_key`] of a token's text, borrowed when it is the text itself
/// (lower-case ASCII without a backtick; a token has no whitespace).
fn fold(piece: &str) -> Cow<'_, str> {
    if piece
        .bytes()
        .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase() && b != b'`')
    {
        Cow::Borrowed(piece)
    } else {
        Cow::Owned(fold_key(piece))
    }
}

/// `folded`, borrowed from `piece` when they are the same words.
fn folded_as<'a>(piece: &'a str, folded: &str) -> Cow<'a, str> {
    if piece == folded {
        Cow::Borrowed(piece)
    } else {
        Cow::Owned(folded.to_string())
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Splits `text` into tokens. Letters joined by an apostrophe or a hyphen stay one word
/// (`aujourd'hui`, `après-midi`); a word starting with one of `elisions` is then split
/// after it (`l'automne` -> `l'` + `automne`). Runs mixing digits and letters are split
/// into digit and letter groups (`21h45` -> `21` `h` `45`), adjacency being kept in the spans.
pub fn tokenize<'a>(text: &'a str, elisions: &[String]) -> Vec<Token<'a>> {
    tokenize_with(text, elisions, &[], &[])
}

/// As [`tokenize`]; a hyphenated word with one of `hyphen_splitters` among its parts is
/// split at its hyphens (`mars-avril`, `mi-juin`), other compounds stay whole (`après-midi`).
/// Clitics (`'s`) are split off the end of a word (`year's` -> `year` + `'s`).
///
/// Walks the text by byte offsets (a table of its characters would take 16 bytes
/// per character of a huge text).
pub fn tokenize_with<'a>(
    text: &'a str,
    elisions: &[String],
    hyphen_splitters: &[String],
    clitics: &[String],
) -> Vec<Token<'a>> {
    let char_at = |at: usize| text.get(at..).and_then(|rest| rest.chars().next());
    let mut tokens = Vec::new();
    let mut k = 0;
    while let Some(c) = char_at(k) {
        let start = k;
        if c.is_whitespace() {
            k += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            // One alphanumeric run, with inner apostrophes/hyphens between letters.
            let mut previous = c;
            let mut j = k + c.len_utf8();
            while let Some(cj) = char_at(j) {
                if cj.is_alphanumeric() {
                    previous = cj;
                    j += cj.len_utf8();
                    continue;
                }
                let after = j + cj.len_utf8();
                let joins = (is_apostrophe(cj) || is_hyphen(cj) || cj == '\u{00AD}')
                    && previous.is_alphabetic()
                    && char_at(after).is_some_and(char::is_alphabetic);
                if joins {
                    previous = cj;
                    j = after;
                    continue;
                }
                break;
            }
            let end = j;
            let run = &text[start..end];
            let split = run.contains(|c: char| is_hyphen(c))
                && run
                    .split(is_hyphen)
                    .any(|part| hyphen_splitters.iter().any(|s| *s == fold(part)));
            if split {
                let mut part_start = start;
                for (off, c) in run.char_indices() {
                    if is_hyphen(c) {
                        let at = start + off;
                        split_run(text, part_start, at, elisions, clitics, &mut tokens);
                        tokens.push(Token {
                            start: at,
                            end: at + c.len_utf8(),
                            norm: Cow::Borrowed("-"),
                            kind: TokenKind::Punct,
                            capitalised: false,
                            accented: false,
                        });
                        part_start = at + c.len_utf8();
                    }
                }
                split_run(text, part_start, end, elisions, clitics, &mut tokens);
            } else {
                split_run(text, start, end, elisions, clitics, &mut tokens);
            }
            k = j;
            continue;
        }
        let end = start + c.len_utf8();
        tokens.push(Token {
            start,
            end,
            norm: fold(&text[start..end]),
            kind: TokenKind::Punct,
            capitalised: false,
            accented: false,
        });
        k = end;
    }
    tokens
}

fn push_word<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    elisions: &[String],
    clitics: &[String],
    out: &mut Vec<Token<'a>>,
) {
    let piece = &text[start..end];
    let norm = fold(piece);
    for c in clitics {
        if norm.len() > c.len() && norm.ends_with(c.as_str()) {
            // The clitic is as long in the text as in its folded form when it is ASCII.
            let cut = end.saturating_sub(c.len());
            if c.is_ascii() && text.is_char_boundary(cut) && cut > start && fold(&text[cut..end]) == *c {
                push_word(text, start, cut, elisions, &[], out);
                out.push(Token {
                    start: cut,
                    end,
                    norm: folded_as(&text[cut..end], c),
                    kind: TokenKind::Word,
                    capitalised: false,
                    accented: false,
                });
                return;
            }
        }
    }
    // Split an elided article or preposition from its word (`l'automne`), but not a
    // word that merely contains an apostrophe (`aujourd'hui`).
    for e in elisions {
        if norm.len() > e.len() && norm.starts_with(e.as_str()) {
            // Find the byte offset just after the apostrophe in the original text.
            if let Some((pos, ch)) = piece.char_indices().find(|(_, ch)| is_apostrophe(*ch)) {
                let cut = start + pos + ch.len_utf8();
                if fold(&text[start..cut]) == *e && cut < end {
                    out.push(Token {
                        start,
                        end: cut,
                        norm: folded_as(&text[start..cut], e),
                        kind: TokenKind::Word,
                        capitalised: is_capitalised(piece),
                        accented: !piece.is_ascii(),
                    });
                    push_word(text, cut, end, &[], clitics, out);
                    return;
                }
            }
        }
    }
    out.push(Token {
        start,
        end,
        norm,
        kind: TokenKind::Word,
        capitalised: is_capitalised(piece),
        accented: !piece.is_ascii(),
    });
}

/// Upper-case initial followed by lower case (`Mars`), not a word in capitals (`FERA`).
fn is_capitalised(piece: &str) -> bool {
    let mut chars = piece.chars().filter(|c| c.is_alphabetic());
    match chars.next() {
        Some(first) if first.is_uppercase() => !chars.clone().any(char::is_alphabetic) || chars.any(char::is_lowercase),
        _ => false,
    }
}

/// The ASCII digit of an Arabic-Indic (U+0660..) or Persian (U+06F0..) digit.
fn eastern_digit(c: char) -> Option<char> {
    let base = match c {
        '\u{0660}'..='\u{0669}' => 0x0660,
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        _ => return None,
    };
    char::from_digit(c as u32 - base, 10)
}

fn split_run<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    elisions: &[String],
    clitics: &[String],
    out: &mut Vec<Token<'a>>,
) {
    let run = &text[start..end];
    let mut group_start = start;
    let mut group_digit: Option<bool> = None;
    for (off, c) in run.char_indices() {
        let digit = c.is_ascii_digit() || eastern_digit(c).is_some();
        // Apostrophes and hyphens inside a run only ever join letters, so they stay with them.
        let digit_class = if c.is_alphanumeric() { Some(digit) } else { Some(false) };
        match group_digit {
            None => group_digit = digit_class,
            Some(g) if Some(g) != digit_class => {
                let at = start + off;
                emit_group(text, group_start, at, g, elisions, clitics, out);
                group_start = at;
                group_digit = digit_class;
            }
            _ => {}
        }
    }
    if let Some(g) = group_digit {
        emit_group(text, group_start, end, g, elisions, clitics, out);
    }
}

fn emit_group<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    digits: bool,
    elisions: &[String],
    clitics: &[String],
    out: &mut Vec<Token<'a>>,
) {
    if start >= end {
        return;
    }
    if digits {
        out.push(Token {
            start,
            end,
            // Arabic-Indic and Persian digits read as ASCII ones (`٢٣` is 23).
            norm: if text[start..end].is_ascii() {
                Cow::Borrowed(&text[start..end])
            } else {
                Cow::Owned(
                    text[start..end]
                        .chars()
                        .map(|c| eastern_digit(c).unwrap_or(c))
                        .collect(),
                )
            },
            kind: TokenKind::Digits,
            capitalised: false,
            accented: false,
        });
    } else {
        push_word(text, start, end, elisions, clitics, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text, &["l'".to_string(), "d'".to_string()])
            .into_iter()
            .map(|t| t.norm.into_owned())
            .collect()
    }

    #[test]
    fn elisions_and_clitics_come_from_the_language_tree() {
        assert!(elisions("fr").contains(&"qu'".to_string()));
        assert!(elisions("it").contains(&"dell'".to_string()));
        assert_eq!(clitics("fr"), Vec::<String>::new());
        assert!(clitics("en-GB").contains(&"'s".to_string()));
        let all = all_languages("elisions.txt");
        assert!(all.contains(&"l'".to_string()) && all.contains(&"nell'".to_string()));
        assert!(all.windows(2).all(|w| w[0] < w[1]), "sorted without duplicates");
    }

    #[test]
    fn splits_elisions_and_mixed_runs() {
        assert_eq!(
            norms("l'automne aujourd'hui 21h45 après-midi"),
            vec!["l'", "automne", "aujourd'hui", "21", "h", "45", "apres-midi"]
        );
        assert_eq!(norms("23.06.2025"), vec!["23", ".", "06", ".", "2025"]);
        assert_eq!(norms("1er"), vec!["1", "er"]);
        assert_eq!(norms("٢٣ يونيو ٢٠٢٥"), vec!["23", "يونيو", "2025"]);
    }
}
