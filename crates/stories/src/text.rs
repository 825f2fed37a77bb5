//! Word splitting and folding shared by copies, terms and titles.

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Lowercase without accents: `Goïta` and `GOITA` both give `goita`.
/// Cheaper than `recoupe_core::fold_key` on the hot path: ASCII is handled
/// without normalisation.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Words of a text: runs of letters and digits. Apostrophes and hyphens split
/// words (`l'armée` gives `l`, `armée`; `Russie-Afrique` gives two words), which
/// suits both elision in French and compounds in both languages. Digit groups
/// written `1 000` or `1,000` stay separate tokens; figures are compared through
/// the analysis instead.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Lowercase keeping accents, for the stemmers.
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

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Goïta"), "goita");
        assert_eq!(fold("ÉTAT"), "etat");
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(fold("Moscow"), "moscow");
    }

    #[test]
    fn splits_on_apostrophes_and_hyphens() {
        let w: Vec<&str> = words("l’armée Russie-Afrique, 62 % (2025)").collect();
        assert_eq!(w, ["l", "armée", "Russie", "Afrique", "62", "2025"]);
    }
}
