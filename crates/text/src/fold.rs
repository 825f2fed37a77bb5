//! The one case-and-accent fold: every comparison of words, names and lexicon
//! entries in recoupe goes through [`fold`].

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Folds accents, case, apostrophes, dashes and runs of spaces:
/// `Assimi GOÏTA` and `assimi goita` both give `assimi goita`; `l’État` gives
/// `l'etat`; `Œuvre` gives `oeuvre`. Leading and trailing spaces go.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return fold_ascii(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            'œ' | 'Œ' => {
                out.push('o');
                'e'
            }
            'æ' | 'Æ' => {
                out.push('a');
                'e'
            }
            'ß' => {
                out.push('s');
                's'
            }
            c => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        out.extend(c.to_lowercase());
        last_space = false;
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// [`fold`] of ASCII text, without normalisation (most words of most news are
/// ASCII, and this runs at every word).
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for b in text.bytes() {
        let c = char::from(b);
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        out.push(if b == b'`' { '\'' } else { c.to_ascii_lowercase() });
        last_space = false;
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Lowercase keeping accents: the Snowball stemmers expect accented words.
pub fn lower(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_accents_case_apostrophes_and_spaces() {
        assert_eq!(fold("Assimi GOÏTA"), "assimi goita");
        assert_eq!(fold("  l’État  du\tMali "), "l'etat du mali");
        assert_eq!(fold("Œuvre Ære Straße"), "oeuvre aere strasse");
        assert_eq!(fold("Russie–Afrique"), "russie-afrique");
        assert_eq!(fold("it`s  OK"), "it's ok");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn lower_keeps_accents() {
        assert_eq!(lower("ÉTAT"), "état");
        assert_eq!(lower("Mali"), "mali");
    }

    /// The general path, without the ASCII shortcut.
    fn fold_by_normalisation(text: &str) -> String {
        let mut out = String::new();
        let mut last_space = true;
        for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
            let c = if c == '`' { '\'' } else { c };
            if c.is_whitespace() {
                if !last_space {
                    out.push(' ');
                    last_space = true;
                }
                continue;
            }
            out.extend(c.to_lowercase());
            last_space = false;
        }
        out.trim_end_matches(' ').to_string()
    }

    proptest! {
        #[test]
        fn ascii_shortcut_agrees_with_normalisation(text in "[ -~\t\n\r\u{b}\u{c}\u{1c}-\u{1f}]{0,40}") {
            prop_assert_eq!(fold(&text), fold_by_normalisation(&text));
        }
    }
}
