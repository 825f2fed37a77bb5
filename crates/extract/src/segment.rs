//! Sentence segmentation that survives French typography.
//!
//! `sentencex` does the splitting (it knows abbreviations such as `M.` and
//! `Gén.` per language); this module maps its output to byte spans, trims
//! them, and repairs the splits news text provokes: a split right after an
//! opening guillemet, a lone closing guillemet, initials.

use recoupe_core::Span;

/// Sentence spans of one paragraph, relative to the start of `text`.
pub fn sentences(text: &str, lang: &str) -> Vec<Span> {
    let code = match lang {
        "fr" | "en" | "de" | "es" | "it" | "pt" | "nl" | "ru" => lang,
        _ => "en",
    };
    let mut spans: Vec<Span> = Vec::new();
    for b in sentencex::get_sentence_boundaries(code, text) {
        let (start, end) = (b.start_byte, b.end_byte);
        let Some(slice) = text.get(start..end) else { continue };
        let lead = slice.len() - slice.trim_start().len();
        let trimmed = slice.trim();
        if trimmed.is_empty() {
            continue;
        }
        spans.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
    merge_bad_splits(text, spans)
}

fn merge_bad_splits(text: &str, spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        let s = span.slice(text).unwrap_or("");
        let merge = match out.last() {
            Some(prev) => {
                let p = prev.slice(text).unwrap_or("");
                // Closing punctuation alone, or a sentence that starts in lower case
                // (a false split after an abbreviation), belongs to the previous one.
                let only_closing = s
                    .chars()
                    .all(|c| matches!(c, '»' | '”' | '"' | ')' | '.' | ' ' | '\u{a0}' | '\u{202f}'));
                let lower_start = s.chars().next().is_some_and(|c| c.is_lowercase());
                let open_quote = p.ends_with('«') || p.ends_with('“');
                // One capital letter and a dot: an initial (`J. Smith`).
                let initial = p.len() >= 2
                    && p.ends_with('.')
                    && p.chars().rev().nth(1).is_some_and(|c| c.is_uppercase())
                    && p.chars().rev().nth(2).is_none_or(|c| c.is_whitespace());
                only_closing || lower_start || open_quote || initial
            }
            None => false,
        };
        match (merge, out.last_mut()) {
            (true, Some(prev)) => prev.end = span.end,
            _ => out.push(span),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, lang: &str, expected: &[&str]) {
        let got: Vec<&str> = sentences(text, lang).iter().filter_map(|s| s.slice(text)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn french_typography() {
        check(
            "M. Dupont est arrivé à Paris. Il a dit : « Nous sommes prêts. » Le taux atteint 62 % et 10 000 cadres.",
            "fr",
            &[
                "M. Dupont est arrivé à Paris.",
                "Il a dit : « Nous sommes prêts. »",
                "Le taux atteint 62 % et 10 000 cadres.",
            ],
        );
    }

    #[test]
    fn english_abbreviations() {
        check(
            "Col. Smith met Mr. Jones in Washington. They signed three deals.",
            "en",
            &["Col. Smith met Mr. Jones in Washington.", "They signed three deals."],
        );
    }

    #[test]
    fn initials() {
        check(
            "Le président J. Smith a parlé. Fin.",
            "fr",
            &["Le président J. Smith a parlé.", "Fin."],
        );
    }
}
