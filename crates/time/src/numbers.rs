//! Numbers in digits and in words (`trois`, `vingt et un`, `dix-huit`, `twenty-one`),
//! and Roman numerals for centuries.

use crate::lexicon::Lexicon;
use crate::tokens::{Token, TokenKind};

/// Value of a sequence of number words (already folded), or `None` when one of them is
/// not a number word. Handles additive compounds (`vingt et un`, `soixante-dix`),
/// multiplicative ones (`quatre-vingts`, `deux cents`, `two hundred`) and joiners.
pub fn words_value(words: &[&str], lex: &Lexicon) -> Option<i64> {
    let mut total: i64 = 0;
    let mut current: i64 = 0;
    let mut seen = false;
    let mut last_was_joiner = false;
    for (k, word) in words.iter().enumerate() {
        for part in word.split('-').filter(|p| !p.is_empty()) {
            if lex.number_joiners.iter().any(|j| j == part) {
                // A joiner is only valid between two number words.
                if !seen || k + 1 == words.len() {
                    return None;
                }
                last_was_joiner = true;
                continue;
            }
            let value = *lex.numbers.get(part)?;
            last_was_joiner = false;
            match value {
                100 => current = current.max(1).checked_mul(100)?,
                1000 => {
                    total = total.checked_add(current.max(1).checked_mul(1000)?)?;
                    current = 0;
                }
                // `quatre-vingts`: 4 followed by 20 multiplies.
                20 if current > 0 && current < 10 => current = current.checked_mul(20)?,
                v => current = current.checked_add(v)?,
            }
            seen = true;
        }
    }
    if !seen || last_was_joiner {
        return None;
    }
    total.checked_add(current)
}

/// A number starting at token `i`: digits (with an optional decimal part glued by the
/// language's decimal separator) or number words. Returns (index after it, value).
pub fn number_at(toks: &[Token], i: usize, lex: &Lexicon) -> Option<(usize, f64)> {
    let tok = toks.get(i)?;
    match tok.kind {
        TokenKind::Digits => {
            if tok.norm.len() > 9 {
                return None;
            }
            let whole: f64 = tok.norm.parse::<u64>().ok()? as f64;
            // Decimal part: `30,4` in French, `30.4` in English, all glued.
            if let (Some(sep), Some(frac)) = (toks.get(i + 1), toks.get(i + 2)) {
                if sep.norm == lex.decimal_separator
                    && sep.start == tok.end
                    && frac.start == sep.end
                    && frac.kind == TokenKind::Digits
                    && frac.norm.len() <= 6
                {
                    let text = format!("{}.{}", tok.norm, frac.norm);
                    if let Ok(v) = text.parse::<f64>() {
                        return Some((i + 3, v));
                    }
                }
            }
            Some((i + 1, whole))
        }
        TokenKind::Word => {
            // Longest run of number words (and joiners between them).
            let mut best: Option<(usize, f64)> = None;
            let mut j = i;
            let mut words: Vec<&str> = Vec::new();
            while let Some(t) = toks.get(j) {
                if t.kind != TokenKind::Word || words.len() >= 8 {
                    break;
                }
                words.push(t.norm.as_ref());
                j += 1;
                match words_value(&words, lex) {
                    Some(v) => best = Some((j, v as f64)),
                    None => {
                        let is_joiner = lex.number_joiners.iter().any(|x| x == &t.norm);
                        if !is_joiner {
                            break;
                        }
                    }
                }
            }
            best
        }
        TokenKind::Punct => None,
    }
}

/// Value of a Roman numeral (`XIX` -> 19), for centuries; `None` when not one.
pub fn roman_value(word: &str) -> Option<u32> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    let mut total: u32 = 0;
    let mut prev: u32 = 0;
    for c in word.chars().rev() {
        let v = match c.to_ascii_lowercase() {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            'c' => 100,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total)
}

/// A century written `XIXe`, `XIX e`, `19e`, `19th`: the century number (19).
pub fn century_word(word: &str) -> Option<u32> {
    for suffix in ["eme", "e", "th", "st", "nd", "rd"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if let Some(v) = roman_value(stem) {
                return Some(v);
            }
        }
    }
    None
}
