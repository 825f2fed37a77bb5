//! Words as runs of letters and digits, for the stages that compare words
//! without needing elisions or clitics (stories, the search index, event
//! patterns). The tokenizer of time expressions is [`crate::tokens`].

/// Byte spans of the words of `text`: runs of letters and digits. Apostrophes
/// and hyphens split words (`l'armée` gives `l`, `armée`; `Russie-Afrique`
/// gives two words); digit groups written `1 000` stay separate words.
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        for (i, c) in chars.by_ref() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
        }
        Some((start, end))
    })
}

/// The words of [`word_spans`], as slices of `text`.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Byte spans of words with their inner hyphens kept (`tête-à-tête`,
/// `SOROMA-SA` are one word); apostrophes still split (`l'AES` is `l`, `AES`).
pub fn hyphenated_word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_hyphen =
            (c == '-' || c == '\u{2011}') && start.is_some() && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_hyphen {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_on_apostrophes_and_hyphens() {
        let w: Vec<&str> = words("l’armée Russie-Afrique, 62 % (2025)").collect();
        assert_eq!(w, ["l", "armée", "Russie", "Afrique", "62", "2025"]);
        let text = "l’armée Russie-Afrique";
        let spans: Vec<&str> = word_spans(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(spans, ["l", "armée", "Russie", "Afrique"]);
    }

    #[test]
    fn keeps_inner_hyphens_when_asked() {
        let text = "l'AES, tête-à-tête -x y- SOROMA‑SA";
        let spans: Vec<&str> = hyphenated_word_spans(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(spans, ["l", "AES", "tête-à-tête", "x", "y", "SOROMA‑SA"]);
    }

    proptest! {
        #[test]
        fn spans_and_words_agree(text in "\\PC{0,40}") {
            let from_spans: Vec<&str> = word_spans(&text).map(|(s, e)| &text[s..e]).collect();
            let from_split: Vec<&str> = words(&text).collect();
            prop_assert_eq!(from_spans, from_split);
        }
    }
}
