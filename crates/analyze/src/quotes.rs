//! Quotations (`« … »`, `“ … ”`, `" … "`) and who said them: attribution verbs
//! after or before the quote, `selon X`/`according to X`, `X : « … »`,
//! pronouns resolved to the last speaker, and the preceding sentence's subject
//! when nothing else attributes the quote.

use recoupe_core::{fold_key, EntityKind, EntityMention, QuoteMention, Span};

use crate::resources::Lexicon;
use crate::text::{tokenize_at, Token, TokenKind};

/// A quoted stretch: the marks and the words inside.
#[derive(Debug, Clone, Copy)]
struct Quoted {
    open: usize,
    close_end: usize,
    inner: Span,
}

fn trim_span(text: &str, span: Span) -> Span {
    let slice = text.get(span.start..span.end).unwrap_or("");
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    if leading + trailing >= slice.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + leading, span.end - trailing)
}

/// Finds quoted stretches: guillemets and curly quotes nest; straight double
/// quotes pair up within a line.
fn find_quoted(text: &str) -> Vec<Quoted> {
    let mut found = Vec::new();
    let mut stack: Vec<(char, usize, usize)> = Vec::new();
    let mut straight_open: Option<(usize, usize)> = None;
    for (i, c) in text.char_indices() {
        let after = i + c.len_utf8();
        match c {
            '«' | '“' | '„' => stack.push((c, i, after)),
            '»' | '”' => {
                let opener = if c == '»' { '«' } else { '“' };
                if let Some(pos) = stack
                    .iter()
                    .rposition(|(o, _, _)| *o == opener || (c == '”' && *o == '„'))
                {
                    let (_, open, inner_start) = stack.get(pos).copied().unwrap_or((opener, i, i));
                    stack.truncate(pos);
                    if stack.is_empty() {
                        found.push(Quoted {
                            open,
                            close_end: after,
                            inner: trim_span(text, Span::new(inner_start, i)),
                        });
                    }
                }
            }
            '"' => match straight_open.take() {
                Some((open, inner_start)) if stack.is_empty() => {
                    found.push(Quoted {
                        open,
                        close_end: after,
                        inner: trim_span(text, Span::new(inner_start, i)),
                    });
                }
                Some(_) => {}
                None => straight_open = Some((i, after)),
            },
            '\n' => {
                straight_open = None;
                // A paragraph break ends unclosed guillemets.
                if text.get(after..).is_some_and(|rest| rest.starts_with('\n')) {
                    stack.clear();
                }
            }
            _ => {}
        }
    }
    found.retain(|q| !q.inner.is_empty());
    found.sort_by_key(|q| q.open);
    found
}

struct Speaker {
    text: String,
    span: Span,
}

struct QuoteContext<'a> {
    text: &'a str,
    lexicon: &'a Lexicon,
    entities: &'a [EntityMention],
}

impl<'a> QuoteContext<'a> {
    /// Noun phrase naming a speaker in `tokens` (stops at punctuation, a verb cue, or a relay).
    fn speaker_phrase(&self, tokens: &[Token]) -> Option<Speaker> {
        let mut end = 0;
        for (k, token) in tokens.iter().enumerate() {
            if token.kind == TokenKind::Punct && !token.is_punct('-') && !token.is_punct('.') {
                break;
            }
            if token.is_punct('.')
                && !tokens
                    .get(k.wrapping_sub(1))
                    .is_some_and(|t| t.text.chars().count() <= 3 && t.is_capitalised())
            {
                break;
            }
            let rest: Vec<&str> = tokens
                .get(k..)
                .unwrap_or(&[])
                .iter()
                .map(|t| t.folded.as_str())
                .collect();
            if k > 0
                && (self.lexicon.relay_markers.longest_match(&rest).is_some()
                    || self.lexicon.quote_verbs.longest_match(&rest).is_some())
            {
                break;
            }
            if k > 0
                && matches!(
                    token.folded.as_str(),
                    "qui"
                        | "que"
                        | "who"
                        | "which"
                        | "that"
                        | "lors"
                        | "dans"
                        | "in"
                        | "on"
                        | "at"
                        | "to"
                        | "en"
                        | "à"
                        | "au"
                )
            {
                break;
            }
            end = k + 1;
            if end >= 12 {
                break;
            }
        }
        let first = tokens.first()?;
        let last = tokens.get(end.checked_sub(1)?)?;
        let span = Span::new(first.start, last.end);
        let text = self.text.get(span.start..span.end)?.to_string();
        // A speaker phrase names someone: it has a capital, an entity, or an organisation/title word.
        let named = tokens.get(..end)?.iter().any(|t| {
            t.is_capitalised()
                || self.lexicon.organisation_heads.contains(t.folded.as_str())
                || self.lexicon.is_title_word(t.folded.as_str())
                || self.lexicon.pronouns.contains(t.folded.as_str())
        });
        named.then_some(Speaker { text, span })
    }

    /// Speaker phrase ending right before token index `end` (`le président Poutine a déclaré`).
    fn speaker_before(&self, tokens: &[Token], end: usize) -> Option<Speaker> {
        let mut start = end;
        while start > 0 {
            let token = tokens.get(start - 1)?;
            if token.kind == TokenKind::Punct && !token.is_punct('-') && !(token.is_punct('.') && start >= 2) {
                break;
            }
            if token.is_punct('.') {
                // Keep abbreviations (`M.`), stop at sentence ends.
                let previous = tokens.get(start - 2)?;
                if !(previous.text.chars().count() <= 3 && previous.is_capitalised()) {
                    break;
                }
            }
            if end - start >= 8 {
                break;
            }
            start -= 1;
        }
        // Drop leading connectives (`Pour sa part`, `Et`) up to the first determiner, title or capital.
        let slice = tokens.get(start..end)?;
        let begin = slice.iter().position(|t| {
            self.lexicon.determiners.contains(t.folded.as_str())
                || t.is_capitalised() && !self.lexicon.function_words.contains(t.folded.as_str())
                || self.lexicon.is_title_word(t.folded.as_str())
                || self.lexicon.pronouns.contains(t.folded.as_str())
        })?;
        self.speaker_phrase(slice.get(begin..)?)
    }

    fn entity_key_in(&self, span: Span) -> Option<String> {
        let inside: Vec<&EntityMention> = starting_within(self.entities, span)
            .iter()
            .filter(|e| span.contains(e.span))
            .collect();
        let rank = |e: &&EntityMention| match (e.kind, e.via_demonym) {
            (EntityKind::Person, _) => 0,
            (EntityKind::Organisation, _) => 1,
            (EntityKind::Place, false) => 2,
            _ => 3,
        };
        let best = inside.iter().min_by_key(|e| (rank(e), e.span.start))?;
        if best.via_demonym {
            return None;
        }
        Some(best.key.clone())
    }

    fn is_pronoun_phrase(&self, speaker: &Speaker) -> bool {
        self.lexicon.pronouns.contains(&fold_key(&speaker.text))
    }
}

/// Splits `précise-t-elle` into the verb and the pronoun.
fn inverted_pronoun(token: &Token, lexicon: &Lexicon) -> Option<String> {
    let folded = &token.folded;
    for pronoun in &lexicon.pronouns {
        for suffix in [format!("-t-{pronoun}"), format!("-{pronoun}")] {
            if folded.ends_with(&suffix) && folded.len() > suffix.len() {
                return Some(pronoun.clone());
            }
        }
    }
    None
}

/// All quotes in `text`, with speakers.
pub fn find_quotes(text: &str, sentences: &[Span], lexicon: &Lexicon, entities: &[EntityMention]) -> Vec<QuoteMention> {
    // Mentions in text order, so those inside a span are found by binary search.
    let in_order;
    let entities = if entities.windows(2).all(|w| w[0].span.start <= w[1].span.start) {
        entities
    } else {
        let mut v = entities.to_vec();
        v.sort_by_key(|e| e.span.start);
        in_order = v;
        &in_order
    };
    let context = QuoteContext {
        text,
        lexicon,
        entities,
    };
    let sentence_spans: Vec<Span> = if sentences.is_empty() {
        crate::entities::line_spans(text)
    } else {
        sentences.to_vec()
    };
    // Sentences are in text order: the one holding `pos` is found by binary
    // search, so a text with a hundred thousand quotes stays linear.
    let sorted = sentence_spans.windows(2).all(|w| w[0].start <= w[1].start);
    let ends_sorted = sentence_spans.windows(2).all(|w| w[0].end <= w[1].end);
    // Persons in text order, for the nearest one before a quote.
    let persons: Vec<&EntityMention> = entities.iter().filter(|e| e.kind == EntityKind::Person).collect();
    let sentence_of = |pos: usize| -> Option<Span> {
        let holds = |s: &Span| s.start <= pos && pos < s.end.max(s.start + 1);
        if sorted {
            let i = sentence_spans.partition_point(|s| s.start <= pos);
            // Spans may nest or overlap a little: look back a few.
            sentence_spans[..i].iter().rev().take(4).find(|s| holds(s)).copied()
        } else {
            sentence_spans.iter().find(|s| holds(s)).copied()
        }
    };
    // Attribution sits next to its quote: the text read around a quote is
    // bounded, so a text without line breaks is not re-read to its end per quote.
    const AROUND: usize = 2000;
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while i > 0 && !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut quotes = Vec::new();
    let mut last_speaker: Option<(String, Span, Option<String>)> = None;
    for mut quoted in find_quoted(text) {
        quoted.inner = trim_closing_comma(text, quoted.inner);
        let Some(inner_text) = quoted.inner.slice(text) else {
            continue;
        };
        let open_sentence = sentence_of(quoted.open).unwrap_or(Span::new(quoted.open, quoted.open));
        let close_sentence =
            sentence_of(quoted.close_end.saturating_sub(1)).unwrap_or(Span::new(quoted.close_end, quoted.close_end));
        // Text after the quote up to the end of its sentence (or the line).
        let mut after_end = close_sentence.end.max(quoted.close_end);
        let window_end = floor(quoted.close_end.saturating_add(AROUND)).max(quoted.close_end);
        if let Some(rest) = text.get(quoted.close_end..window_end) {
            let line_end = rest.find('\n').map_or(window_end, |p| quoted.close_end + p);
            after_end = after_end.min(line_end).max(quoted.close_end);
            if after_end == quoted.close_end {
                after_end = line_end;
            }
        }
        let after_tokens = tokenize_at(text.get(quoted.close_end..after_end).unwrap_or(""), quoted.close_end);
        let before_start = open_sentence
            .start
            .min(quoted.open)
            .max(floor(quoted.open.saturating_sub(AROUND)));
        let before_tokens = tokenize_at(text.get(before_start..quoted.open).unwrap_or(""), before_start);
        // Other quotes' text must not be read as attribution: cut at their marks.
        let after_tokens: Vec<Token> = after_tokens
            .into_iter()
            .take_while(|t| !(t.kind == TokenKind::Punct && matches!(t.text, "«" | "“" | "\"" | "„")))
            .collect();
        let before_tokens: Vec<Token> = {
            let cut = before_tokens
                .iter()
                .rposition(|t| t.kind == TokenKind::Punct && matches!(t.text, "»" | "”" | "\""))
                .map_or(0, |p| p + 1);
            before_tokens.into_iter().skip(cut).collect()
        };

        let mut speaker: Option<Speaker> = None;
        let mut cue: Option<String> = None;
        let mut pronoun: Option<String> = None;

        // 1. After the quote: `», a déclaré X`, `," X said`, `, selon X`.
        let mut k = 0;
        while after_tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Punct && (t.is_punct(',') || t.is_punct('-') || t.is_punct('—')))
        {
            k += 1;
        }
        let after_words: Vec<&str> = after_tokens.iter().skip(k).map(|t| t.folded.as_str()).collect();
        if let Some((len, _)) = lexicon.quote_verbs.longest_match(&after_words) {
            let verb_tokens = after_tokens.get(k..k + len).unwrap_or(&[]);
            cue = span_text(text, verb_tokens);
            if let Some(p) = verb_tokens
                .last()
                .and_then(|t| inverted_pronoun(t, lexicon))
                .or_else(|| {
                    verb_tokens
                        .iter()
                        .find(|t| lexicon.pronouns.contains(t.folded.as_str()))
                        .map(|t| t.folded.to_string())
                })
            {
                pronoun = Some(p);
            } else {
                speaker = context.speaker_phrase(after_tokens.get(k + len..).unwrap_or(&[]));
            }
        } else if let Some((len, _)) = lexicon.source_markers.longest_match(&after_words) {
            cue = span_text(text, after_tokens.get(k..k + len).unwrap_or(&[]));
            speaker = context.speaker_phrase(after_tokens.get(k + len..).unwrap_or(&[]));
        } else if after_tokens.get(k).is_some_and(|t| t.is_word()) {
            // `," X said` / `," he told reporters`.
            let window = after_tokens.get(k..).unwrap_or(&[]);
            for v in 1..window.len().min(10) {
                let rest: Vec<&str> = window
                    .get(v..)
                    .unwrap_or(&[])
                    .iter()
                    .map(|t| t.folded.as_str())
                    .collect();
                if window.get(v - 1).is_some_and(|t| t.kind == TokenKind::Punct) {
                    break;
                }
                if let Some((len, _)) = lexicon.quote_verbs.longest_match(&rest) {
                    cue = span_text(text, window.get(v..v + len).unwrap_or(&[]));
                    let subject = window.get(..v).unwrap_or(&[]);
                    if subject.len() == 1
                        && subject
                            .first()
                            .is_some_and(|t| lexicon.pronouns.contains(t.folded.as_str()))
                    {
                        pronoun = subject.first().map(|t| t.folded.to_string());
                    } else {
                        speaker = context.speaker_phrase(subject);
                    }
                    break;
                }
            }
        }

        // 1b. A continuation (`Et d'ajouter qu'il s'agit d'une « … »`): the last speaker again.
        if speaker.is_none() && pronoun.is_none() {
            let words: Vec<&str> = before_tokens.iter().map(|t| t.folded.as_str()).collect();
            for s in 0..before_tokens.len() {
                if let Some((len, _)) = lexicon
                    .continuation_markers
                    .longest_match(words.get(s..).unwrap_or(&[]))
                {
                    cue = span_text(text, before_tokens.get(s..s + len).unwrap_or(&[]));
                    pronoun = Some(String::new());
                    break;
                }
            }
        }

        // 2. Before the quote: `X a déclaré : «`, `Selon X : «`, `précise-t-elle : «`, `X: «`.
        let before_trimmed_colon = before_tokens.last().is_some_and(|t| t.is_punct(':'));
        if speaker.is_none() && pronoun.is_none() {
            let words: Vec<&str> = before_tokens.iter().map(|t| t.folded.as_str()).collect();
            // Source marker anywhere before.
            for s in 0..before_tokens.len() {
                if let Some((len, _)) = lexicon.source_markers.longest_match(words.get(s..).unwrap_or(&[])) {
                    if let Some(found) = context.speaker_phrase(before_tokens.get(s + len..).unwrap_or(&[])) {
                        cue = span_text(text, before_tokens.get(s..s + len).unwrap_or(&[]));
                        speaker = Some(found);
                        break;
                    }
                }
            }
            if speaker.is_none() {
                // An attribution verb before the quote; its subject precedes it.
                for s in (0..before_tokens.len()).rev() {
                    let token = before_tokens.get(s);
                    if let Some(p) = token.and_then(|t| inverted_pronoun(t, lexicon)) {
                        cue = token.map(|t| t.text.to_string());
                        pronoun = Some(p);
                        break;
                    }
                    if let Some((len, _)) = lexicon.quote_verbs.longest_match(words.get(s..).unwrap_or(&[])) {
                        cue = span_text(text, before_tokens.get(s..s + len).unwrap_or(&[]));
                        let subject = context.speaker_before(&before_tokens, s);
                        match subject {
                            Some(found) if context.is_pronoun_phrase(&found) => pronoun = Some(fold_key(&found.text)),
                            Some(found) => speaker = Some(found),
                            None => {}
                        }
                        break;
                    }
                }
            }
            if speaker.is_none() && pronoun.is_none() {
                // `X : « … »` or a headline `X: la coopération a « … »`.
                if let Some(colon) = before_tokens.iter().position(|t| t.is_punct(':')) {
                    if colon > 0 && colon <= 6 {
                        if let Some(found) = context.speaker_phrase(before_tokens.get(..colon).unwrap_or(&[])) {
                            speaker = Some(found);
                        }
                    }
                }
            }
        }

        // 3. Pronouns: the last speaker, else the last person named before the quote.
        if speaker.is_none() && pronoun.is_some() {
            // `he`/`she` stand for a person; `elle`/`il` may stand for a body (`la présidence`).
            let person_only = pronoun.as_deref().is_some_and(|p| lexicon.person_pronouns.contains(p));
            let compatible = last_speaker
                .as_ref()
                .filter(|(_, span, _)| !person_only || names_person(entities, *span));
            if let Some((name, span, _)) = compatible {
                speaker = Some(Speaker {
                    text: name.clone(),
                    span: *span,
                });
            } else if let Some(person) = persons
                .get(..persons.partition_point(|e| e.span.start <= quoted.open))
                .unwrap_or(&[])
                .iter()
                .rev()
                .find(|e| e.span.end <= quoted.open)
            {
                speaker = Some(Speaker {
                    text: person.text.clone(),
                    span: person.span,
                });
            }
        }

        // 4. A quote followed by nothing: the speaker of, or the person in, the preceding sentence.
        let followed_by_nothing = after_tokens.iter().all(|t| t.kind == TokenKind::Punct);
        if speaker.is_none() && followed_by_nothing && before_tokens.iter().all(|t| t.kind == TokenKind::Punct) {
            let previous = if ends_sorted {
                let i = sentence_spans.partition_point(|s| s.end <= open_sentence.start);
                i.checked_sub(1).and_then(|i| sentence_spans.get(i))
            } else {
                sentence_spans.iter().rev().find(|s| s.end <= open_sentence.start)
            };
            if let Some(previous) = previous {
                if let Some((name, span, _)) = last_speaker.as_ref().filter(|(_, span, _)| previous.contains(*span)) {
                    speaker = Some(Speaker {
                        text: name.clone(),
                        span: *span,
                    });
                } else if let Some(entity) = starting_within(entities, *previous)
                    .iter()
                    .find(|e| previous.contains(e.span) && !e.via_demonym && e.kind == EntityKind::Person)
                {
                    speaker = Some(Speaker {
                        text: entity.text.clone(),
                        span: entity.span,
                    });
                }
            }
        }

        // 5. A fragment inside a sentence: the subject named before it.
        if speaker.is_none() && !before_tokens.is_empty() {
            // With a speech verb before the fragment, its subject stands before
            // the verb; a name after it is what is spoken of (`Vance said
            // the row with Zelensky was « … »`).
            let words: Vec<&str> = before_tokens.iter().map(|t| t.folded.as_str()).collect();
            let verb_at = (0..words.len())
                .filter(|&i| {
                    lexicon
                        .quote_verbs
                        .longest_match(words.get(i..).unwrap_or(&[]))
                        .is_some()
                })
                .filter_map(|i| before_tokens.get(i).map(|t| t.start))
                .next_back();
            let before_span = Span::new(before_start, verb_at.unwrap_or(quoted.open));
            let subject = starting_within(entities, before_span)
                .iter()
                .filter(|e| before_span.contains(e.span) && !e.via_demonym && e.kind != EntityKind::Other)
                .min_by_key(|e| (e.kind != EntityKind::Person, e.span.start));
            if subject.is_none() {
                // `The minister described the plan as « … »`: a title as the subject.
                let start = usize::from(
                    before_tokens
                        .first()
                        .is_some_and(|t| lexicon.determiners.contains(t.folded.as_str())),
                );
                let mut end = start;
                while before_tokens
                    .get(end)
                    .is_some_and(|t| lexicon.is_title_word(t.folded.as_str()) || (end > start && t.is_capitalised()))
                {
                    end += 1;
                }
                if end > start {
                    if let (Some(first), Some(last)) = (before_tokens.first(), before_tokens.get(end - 1)) {
                        let span = Span::new(first.start, last.end);
                        if let Some(phrase) = span.slice(text) {
                            speaker = Some(Speaker {
                                text: phrase.to_string(),
                                span,
                            });
                        }
                    }
                }
            }
            if let Some(entity) = subject {
                // Extend to the title and determiner before the name (`le Président Goïta`).
                let index = before_tokens.iter().position(|t| t.start == entity.span.start);
                let mut start_index = index.unwrap_or(0);
                while start_index > 0 {
                    let Some(previous) = before_tokens.get(start_index - 1) else {
                        break;
                    };
                    if lexicon.is_title_word(previous.folded.as_str())
                        || lexicon.determiners.contains(previous.folded.as_str())
                    {
                        start_index -= 1;
                    } else {
                        break;
                    }
                }
                let start = before_tokens
                    .get(start_index)
                    .map_or(entity.span.start, |t| t.start.min(entity.span.start));
                let span = Span::new(start, entity.span.end);
                if let Some(phrase) = span.slice(text) {
                    speaker = Some(Speaker {
                        text: phrase.to_string(),
                        span,
                    });
                }
            }
        }

        // A speaker is someone named in the text: never the quote itself, and
        // never a line of capitalised labels (`News Politique Article
        // Politique`) with no person, organisation, title or body word in it.
        if let Some(found) = &speaker {
            let overlaps_quote = found.span.start < quoted.inner.end && quoted.inner.start < found.span.end;
            let words = crate::text::tokenize(&found.text);
            let has_entity = starting_within(entities, found.span).iter().any(|e| {
                matches!(e.kind, EntityKind::Person | EntityKind::Organisation)
                    && found.span.start <= e.span.start
                    && e.span.end <= found.span.end
            });
            let has_role = words.iter().any(|t| {
                lexicon.is_title_word(t.folded.as_str())
                    || lexicon.organisation_heads.contains(t.folded.as_str())
                    || lexicon.pronouns.contains(t.folded.as_str())
            });
            let label_like = !words.is_empty()
                && words
                    .iter()
                    .filter(|t| t.kind != TokenKind::Punct)
                    .all(|t| t.is_capitalised() || lexicon.function_words.contains(t.folded.as_str()));
            let has_person = starting_within(entities, found.span).iter().any(|e| {
                e.kind == EntityKind::Person && found.span.start <= e.span.start && e.span.end <= found.span.end
            });
            let mut seen = std::collections::BTreeSet::new();
            let repeats = words
                .iter()
                .filter(|t| t.kind != TokenKind::Punct)
                .any(|t| !seen.insert(t.folded.clone()));
            // Capitalised words with no person and no speech verb tying them to
            // the quote, or repeating themselves, are a page's labels.
            let page_label = label_like && (repeats || (cue.is_none() && !has_person));
            if overlaps_quote || page_label || !(has_entity || has_role || (!label_like && words.len() <= 6)) {
                speaker = None;
            }
        }

        // Partial: a fragment inside a sentence, not a statement of its own.
        let opens_statement = before_tokens.iter().all(|t| t.kind == TokenKind::Punct) || before_trimmed_colon;
        let starts_capital = inner_text.chars().next().is_some_and(char::is_uppercase);
        let partial = !opens_statement && !(starts_capital && (cue.is_some() || inner_text.ends_with(['.', '!', '?'])));
        let speaker_key = speaker
            .as_ref()
            .and_then(|s| context.entity_key_in(s.span))
            .or_else(|| {
                // A body named without an entity (`la présidence malienne`): its folded phrase.
                let s = speaker.as_ref()?;
                let words = crate::text::tokenize(&s.text);
                let content: Vec<&Token> = words
                    .iter()
                    .skip_while(|t| lexicon.determiners.contains(t.folded.as_str()))
                    .collect();
                let first = content.first()?;
                lexicon.organisation_heads.contains(first.folded.as_str()).then(|| {
                    let start = first.start;
                    fold_key(s.text.get(start..).unwrap_or(""))
                })
            });
        if let Some(found) = &speaker {
            last_speaker = Some((found.text.clone(), found.span, speaker_key.clone()));
        }
        quotes.push(QuoteMention {
            span: quoted.inner,
            text: inner_text.to_string(),
            speaker: speaker.as_ref().map(|s| s.text.clone()),
            speaker_span: speaker.as_ref().map(|s| s.span),
            speaker_key,
            cue,
            partial,
        });
    }
    quotes
}

/// Whether a person entity lies inside `span`.
/// The mentions that start inside `span`; `entities` are in text order.
/// A binary search, not a scan per quote, keeps a text with many quotes linear.
fn starting_within(entities: &[EntityMention], span: Span) -> &[EntityMention] {
    let lo = entities.partition_point(|e| e.span.start < span.start);
    let hi = entities.partition_point(|e| e.span.start <= span.end);
    &entities[lo..hi.max(lo)]
}

fn names_person(entities: &[EntityMention], span: Span) -> bool {
    starting_within(entities, span)
        .iter()
        .any(|e| e.kind == EntityKind::Person && span.contains(e.span))
}

/// The inner span without the comma or spaces closing it (`"We are ready,"`).
fn trim_closing_comma(text: &str, span: Span) -> Span {
    let slice = text.get(span.start..span.end).unwrap_or("");
    let trimmed = slice.trim_end_matches([',', ' ', '\u{00A0}', '\u{202F}']);
    if trimmed.is_empty() {
        return span;
    }
    Span::new(span.start, span.start + trimmed.len())
}

fn span_text(text: &str, tokens: &[Token]) -> Option<String> {
    let first = tokens.first()?;
    let last = tokens.last()?;
    text.get(first.start..last.end).map(str::to_string)
}
