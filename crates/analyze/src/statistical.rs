//! The statistical extractor: the trained tagger ([`crate::tagger`]) proposes
//! names and their types; the rules keep what they do better (names of the
//! entity table with their keys, demonyms, role phrases standing for people,
//! acronyms defined in the text) and fill in cue-typed names the model missed.
//!
//! The shipped model is `model/ner.bin`, built by
//! `scripts/ner-train.sh` (`examples/train_ner.rs`); it is embedded in the binary.

use std::sync::OnceLock;

use recoupe_core::{EntityKind, Span};

use crate::entities::{line_spans, EntityExtractor, ExtractedEntity, RuleExtractor};
use crate::resources::Resources;
use crate::tagger::{kind_of, token_infos, Model};
use crate::text::{tokenize_at, Token, TokenKind};

static EMBEDDED_MODEL: &[u8] = include_bytes!("../model/ner.bin");

/// The embedded model (None if the file does not parse: a packaging bug, and the
/// rules then work alone).
pub fn embedded_model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(EMBEDDED_MODEL).ok()).as_ref()
}

/// How model and rules are combined (tuned in session 7 on HIPE dev, the
/// en-news set and Universal NER English PUD; reports/ner.md).
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Rule names not seen by the model are kept from this strength on
    /// (0 guess, 1 weak cue, 2 cue, 3 table; 4 keeps none).
    pub keep_rule_only_from: u8,
    /// Where rules and model find the same span with different types, the
    /// rule's type wins from this strength on.
    pub rule_type_from: u8,
    /// Model names whose weakest token margin is below this are dropped
    /// unless a rule also found them.
    pub min_margin: f32,
    /// Where a model name overlaps a rule name of at least this strength with
    /// another span, the rule's name is kept and the model's dropped (3: only
    /// table names, as before session 7).
    pub rule_span_from: u8,
    /// Model names made only of the language's function and calendar words
    /// (`Jan`, `Turnout` at a sentence start) are dropped.
    pub drop_function_words: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            keep_rule_only_from: 2,
            rule_type_from: 3,
            min_margin: 0.0,
            rule_span_from: 2,
            drop_function_words: true,
        }
    }
}

/// Rules plus the trained tagger.
pub struct StatisticalExtractor<'r> {
    resources: &'r Resources,
    model: &'r Model,
    policy: Policy,
}

impl<'r> StatisticalExtractor<'r> {
    pub fn new(resources: &'r Resources, model: &'r Model) -> Self {
        StatisticalExtractor {
            resources,
            model,
            policy: Policy::default(),
        }
    }

    pub fn with_policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// Names found by the model alone: (span, kind, weakest margin, role before it).
    pub fn model_mentions(&self, text: &str, sentences: &[Span], language: &str) -> Vec<ModelMention> {
        let boundaries: Vec<Span> = if sentences.is_empty() {
            line_spans(text)
        } else {
            sentences.to_vec()
        };
        let lexicon = self.resources.lexicon(language);
        let mut out = Vec::new();
        for sentence in boundaries {
            let Some(part) = text.get(sentence.start..sentence.end) else {
                continue;
            };
            let tokens = merge_elided_names(part, sentence.start, tokenize_at(part, sentence.start));
            if tokens.is_empty() {
                continue;
            }
            let infos = token_infos(&tokens, self.resources, language);
            let labels = self.model.tag(&infos);
            let mut i = 0;
            while i < labels.len() {
                let (label, margin) = labels.get(i).copied().unwrap_or((0, 0.0));
                let Some(kind) = kind_of(label).filter(|_| label % 2 == 1) else {
                    i += 1;
                    continue;
                };
                let mut j = i + 1;
                let mut weakest = margin;
                while let Some(&(next, m)) = labels.get(j) {
                    if next != label + 1 {
                        break;
                    }
                    weakest = weakest.min(m);
                    j += 1;
                }
                // Trailing punctuation is never part of a name.
                let mut last = j - 1;
                while last > i
                    && tokens
                        .get(last)
                        .is_some_and(|t| (t.kind == TokenKind::Punct && t.text != ".") || t.is_elision())
                {
                    last -= 1;
                }
                // A title the model took into a person's name (`Général d'armée X`)
                // is the mention's role, not part of the name.
                let mut title: Option<String> = None;
                let mut start = i;
                if kind == EntityKind::Person {
                    if let Some(lexicon) = lexicon {
                        let words: Vec<&str> = tokens
                            .get(i..=last)
                            .unwrap_or(&[])
                            .iter()
                            .map(|t| t.folded.as_str())
                            .collect();
                        let honorific = words.first().is_some_and(|w| {
                            lexicon.honorifics.contains(*w) || lexicon.honorifics.contains(&format!("{w}."))
                        });
                        let len = lexicon
                            .titles
                            .longest_match(&words)
                            .map(|(len, _)| len)
                            .or(honorific.then_some(1));
                        if let Some(len) = len {
                            let mut k = i + len;
                            while k < last && tokens.get(k).is_some_and(|t| t.text == "." || t.is_elision()) {
                                k += 1;
                            }
                            if k <= last {
                                title = tokens
                                    .get(i)
                                    .zip(k.checked_sub(1).and_then(|p| tokens.get(p)))
                                    .and_then(|(a, b)| text.get(a.start..b.end))
                                    .map(str::to_string);
                                start = k;
                            }
                        }
                    }
                }
                let function_words_only = lexicon.is_some_and(|l| {
                    tokens.get(start..=last).is_some_and(|ts| {
                        ts.iter().all(|t| {
                            let w = t.folded.as_str();
                            t.kind == TokenKind::Punct
                                || l.function_words.contains(w)
                                || l.months.contains(w)
                                || l.weekdays.contains(w)
                        })
                    })
                });
                if let (Some(first), Some(end)) = (tokens.get(start), tokens.get(last)) {
                    let role = if title.is_some() {
                        title
                    } else if kind == EntityKind::Person {
                        lexicon.and_then(|lexicon| {
                            let words: Vec<&str> = tokens.get(..start)?.iter().map(|t| t.folded.as_str()).collect();
                            let (len, _) = lexicon.titles.longest_match_ending(&words)?;
                            let from = tokens.get(start - len)?;
                            let before = tokens.get(start - 1)?;
                            text.get(from.start..before.end).map(str::to_string)
                        })
                    } else {
                        None
                    };
                    out.push(ModelMention {
                        span: Span::new(first.start, end.end),
                        function_words_only,
                        kind,
                        margin: weakest,
                        role,
                    });
                }
                i = j;
            }
        }
        out
    }
}

/// A name proposed by the model.
#[derive(Debug, Clone)]
pub struct ModelMention {
    pub span: Span,
    /// Every token is a function or calendar word of the language's lexicon.
    pub function_words_only: bool,
    pub kind: EntityKind,
    pub margin: f32,
    pub role: Option<String>,
}

/// `N'` + `Djoké` -> `N'Djoké` inside a name: an elided capital letter glued
/// to a capitalised word, after a capitalised word, is part of a name, not an
/// article (`Emmanuel N'Djoké Dibango`, `chez L'Oréal`).
/// `tokens` are those of `part`, which starts at `base` in the text.
fn merge_elided_names<'a>(part: &'a str, base: usize, tokens: Vec<Token<'a>>) -> Vec<Token<'a>> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut iter = tokens.into_iter().peekable();
    while let Some(token) = iter.next() {
        let elided_capital = token.is_elision()
            && token.text.chars().next().is_some_and(char::is_uppercase)
            && token.text.chars().count() == 2;
        let after_word = out.last().is_some_and(|p: &Token| p.is_word() && token.space_before);
        if elided_capital && after_word {
            if let Some(next) = iter.peek() {
                if next.start == token.end && next.is_capitalised() {
                    if let Some(next) = iter.next() {
                        out.push(Token {
                            start: token.start,
                            end: next.end,
                            text: part.get(token.start - base..next.end - base).unwrap_or(""),
                            folded: format!("{}{}", token.folded, next.folded).into(),
                            kind: TokenKind::Word,
                            newline_before: token.newline_before,
                            space_before: token.space_before,
                        });
                        continue;
                    }
                }
            }
        }
        out.push(token);
    }
    out
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

impl EntityExtractor for StatisticalExtractor<'_> {
    fn extract(&self, text: &str, sentences: &[Span], language: &str) -> Vec<ExtractedEntity> {
        let rules = RuleExtractor::new(self.resources).extract(text, sentences, language);
        let model = self.model_mentions(text, sentences, language);
        let policy = self.policy;
        let is_name = |e: &ExtractedEntity| !e.via_demonym && !e.nominal;
        let mut out: Vec<ExtractedEntity> = rules.iter().filter(|e| !is_name(e)).cloned().collect();
        let mut used_rule = vec![false; rules.len()];
        for m in &model {
            let overlapping: Vec<usize> = rules
                .iter()
                .enumerate()
                .filter(|(_, r)| is_name(r) && overlaps(r.span, m.span))
                .map(|(k, _)| k)
                .collect();
            // A table name (or, by policy, a cue-typed rule name) wins over the
            // model's reading of it, unless the model's name is itself exactly a
            // table name (`Boeing` against the rules' `Shares of Boeing`).
            let model_is_table = text
                .get(m.span.start..m.span.end)
                .and_then(|surface| self.resources.gazetteer.lookup(surface))
                .is_some_and(|entry| entry.kind != EntityKind::Other);
            let rule_wins = overlapping.iter().any(|&k| {
                rules.get(k).is_some_and(|r| {
                    r.kind_strength >= 3
                        || (r.kind_strength >= policy.rule_span_from && r.span != m.span && !model_is_table)
                })
            });
            if rule_wins {
                continue;
            }
            if policy.drop_function_words && m.function_words_only {
                continue;
            }
            let same = overlapping
                .iter()
                .copied()
                .find(|&k| rules.get(k).is_some_and(|r| r.span == m.span));
            if m.margin < policy.min_margin && same.is_none() {
                continue;
            }
            for &k in &overlapping {
                if let Some(u) = used_rule.get_mut(k) {
                    *u = true;
                }
            }
            let mut entity = match same.and_then(|k| rules.get(k)) {
                Some(rule) => {
                    let mut e = rule.clone();
                    if rule.kind != m.kind && rule.kind_strength < policy.rule_type_from {
                        e.kind = m.kind;
                        e.kind_strength = 1;
                        e.table_key = None;
                    }
                    e
                }
                None => ExtractedEntity {
                    span: m.span,
                    kind: m.kind,
                    kind_strength: 1,
                    table_key: None,
                    role: None,
                    long_form: None,
                    via_demonym: false,
                    acronym: text
                        .get(m.span.start..m.span.end)
                        .is_some_and(|s| s.chars().count() >= 2 && s.chars().all(|c| c.is_uppercase())),
                    nominal: false,
                    refers_to: None,
                },
            };
            // A name the model found that is exactly an entity-table name takes
            // the table's type and key (`Boeing` inside a rule's `Shares of Boeing`).
            if entity.kind_strength < 3 {
                let surface = text.get(entity.span.start..entity.span.end).unwrap_or("");
                if let Some(entry) = self.resources.gazetteer.lookup(surface) {
                    if entry.kind != EntityKind::Other {
                        entity.kind = entry.kind;
                        entity.kind_strength = 3;
                        entity.table_key = Some(entry.key.clone());
                    }
                }
            }
            if entity.role.is_none() {
                entity.role = m.role.clone();
            }
            out.push(entity);
        }
        for (k, rule) in rules.iter().enumerate() {
            if !is_name(rule) || used_rule.get(k).copied().unwrap_or(false) {
                continue;
            }
            if rule.kind_strength >= policy.keep_rule_only_from || rule.kind_strength >= 3 {
                out.push(rule.clone());
            }
        }
        out.sort_by_key(|e| (e.span.start, e.span.end));
        // Nested or overlapping leftovers: keep the first, longer one.
        let mut kept: Vec<ExtractedEntity> = Vec::with_capacity(out.len());
        for e in out {
            if let Some(last) = kept.last() {
                if overlaps(last.span, e.span) && !e.nominal && !last.nominal && !e.via_demonym && !last.via_demonym {
                    if e.span.end - e.span.start > last.span.end - last.span.start {
                        kept.pop();
                        kept.push(e);
                    }
                    continue;
                }
            }
            kept.push(e);
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn elided_capitals_inside_names_are_merged() {
        let words = |s: &str| -> Vec<String> {
            merge_elided_names(s, 0, tokenize(s))
                .into_iter()
                .map(|t| t.text.to_string())
                .collect()
        };
        assert_eq!(words("Emmanuel N'Djoké Dibango"), ["Emmanuel", "N'Djoké", "Dibango"]);
        assert_eq!(words("L'Union africaine"), ["L'", "Union", "africaine"]);
        assert_eq!(words("vu à l'Élysée"), ["vu", "à", "l'", "Élysée"]);
    }
}

#[cfg(test)]
mod typing_tests {
    use recoupe_core::EntityKind;

    use crate::entities::EntityExtractor;
    use crate::resources::Resources;
    use crate::statistical::{embedded_model, StatisticalExtractor};

    /// Kind of the mention whose text is exactly `name` in `text`, if any.
    fn kind_of(text: &str, language: &str, name: &str) -> Option<EntityKind> {
        let resources = Resources::embedded().unwrap_or_else(|e| panic!("{e}"));
        let model = embedded_model().unwrap_or_else(|| panic!("embedded model does not load"));
        let extractor = StatisticalExtractor::new(&resources, model);
        extractor
            .extract(text, &[], language)
            .into_iter()
            .find(|e| text.get(e.span.start..e.span.end) == Some(name) && !e.via_demonym)
            .map(|e| e.kind)
    }

    fn check(text: &str, language: &str, name: &str, expected: Option<EntityKind>) {
        assert_eq!(kind_of(text, language, name), expected, "{name:?} in {text:?}");
    }

    // Sentences written for these tests (no corpus sentence): unknown companies,
    // places and names that the rules alone mistyped.
    #[test]
    fn unknown_organisations_places_and_people() {
        use EntityKind::*;
        check(
            "Le constructeur Boeing a livré douze avions en mars, selon un porte-parole.",
            "fr",
            "Boeing",
            Some(Organisation),
        );
        check(
            "La société SpaceX a repoussé de deux jours le lancement de sa fusée.",
            "fr",
            "SpaceX",
            Some(Organisation),
        );
        check(
            "Blue Origin said on Friday it would test its capsule again next month.",
            "en",
            "Blue Origin",
            Some(Organisation),
        );
        check(
            "Flights from Hong Kong were cancelled on Monday as the storm approached.",
            "en",
            "Hong Kong",
            Some(Place),
        );
    }

    // Missed since the model is trained on openly licensed data only (see
    // reports/ner.md): the tagger ends the name after `Tizi`.
    #[test]
    #[ignore = "known miss of the open-data model: `Ouzou` left outside the name"]
    fn two_word_unknown_place() {
        check(
            "Des milliers de personnes ont manifesté samedi à Tizi Ouzou contre la hausse des prix.",
            "fr",
            "Tizi Ouzou",
            Some(EntityKind::Place),
        );
    }

    // Missed since session 7 (reports/ner.md): the tagger reads `Boeing`
    // after `Shares of` as outside a name (its open training data has little
    // business news), so the rules' mistaken `Shares of Boeing` is kept.
    #[test]
    #[ignore = "known miss of the session-7 model: `Boeing` after `Shares of` left outside"]
    fn a_table_company_after_a_capitalised_common_word() {
        check(
            "Shares of Boeing fell 3% after the company cut its delivery forecast.",
            "en",
            "Boeing",
            Some(EntityKind::Organisation),
        );
    }

    #[test]
    fn name_with_an_elided_capital() {
        check(
            "Le saxophoniste Emmanuel N'Djoké Dibango a joué à Douala pendant trente ans.",
            "fr",
            "Emmanuel N'Djoké Dibango",
            Some(EntityKind::Person),
        );
    }

    #[test]
    fn a_disease_is_not_a_place_or_organisation() {
        let text = "Les hôpitaux de la région ont accueilli moins de patients atteints du COVID-19 cette semaine.";
        assert_eq!(kind_of(text, "fr", "COVID-19"), None);
        let text = "Hospital admissions for COVID-19 fell for the third week in a row.";
        assert_eq!(kind_of(text, "en", "COVID-19"), None);
    }
}
