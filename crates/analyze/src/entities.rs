//! Named entities: the extractor trait and the rule-based extractor
//! (capitalised sequences, gazetteer, titles, cues, acronyms, demonyms).

use std::collections::{BTreeMap, BTreeSet};

use recoupe_core::{fold_key, EntityKind, Span};

use crate::resources::{Lexicon, Resources};
use crate::text::{tokenize_at, Token, TokenKind};

/// One entity mention as an extractor sees it, before in-article chaining.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractedEntity {
    pub span: Span,
    pub kind: EntityKind,
    /// How sure the extractor is of `kind` (0 default guess .. 3 entity table).
    pub kind_strength: u8,
    /// Key from the entity table, when the name or demonym is in it.
    pub table_key: Option<String>,
    pub role: Option<String>,
    pub long_form: Option<String>,
    pub via_demonym: bool,
    /// True for an acronym (`AES`), used for chaining with its long form.
    pub acronym: bool,
    /// A role phrase standing for a named person (`le chef de l'État malien` after
    /// `le chef de l'État malien, Assimi Goïta`): not a name, but in its chain.
    pub nominal: bool,
    /// The named mention a nominal one refers to.
    pub refers_to: Option<Span>,
}

/// Anything that finds entity mentions in a text: the rule-based extractor
/// here, or a statistical model plugged in later.
pub trait EntityExtractor: Send + Sync {
    /// Mentions in `text`, given sentence spans (may be empty) and an ISO 639-1 language code.
    fn extract(&self, text: &str, sentences: &[Span], language: &str) -> Vec<ExtractedEntity>;
}

/// Rule-based extractor over the embedded (or user-supplied) resources.
pub struct RuleExtractor<'r> {
    resources: &'r Resources,
}

impl<'r> RuleExtractor<'r> {
    pub fn new(resources: &'r Resources) -> Self {
        RuleExtractor { resources }
    }
}

/// Strength levels for the kind of a candidate.
const TABLE: u8 = 3;
const CUE: u8 = 2;
const WEAK_CUE: u8 = 1;
const GUESS: u8 = 0;

#[derive(Debug, Clone)]
struct Candidate {
    /// Token range inside the article's token list.
    first: usize,
    last: usize,
    span: Span,
    kind: Option<EntityKind>,
    strength: u8,
    table_key: Option<String>,
    role: Option<String>,
    long_form: Option<String>,
    via_demonym: bool,
    acronym: bool,
    /// Starts a clause and is not known: may be an ordinary capitalised word.
    clause_initial: bool,
    /// Starts a clause (whatever its type).
    starts_clause: bool,
    /// Indices (in `SentenceScan::roles`) of the role phrases tied to this name.
    tied_roles: Vec<usize>,
    nominal: bool,
    refers_to: Option<Span>,
}

/// A role phrase found in the text (`président de la Transition`).
#[derive(Debug, Clone)]
struct RoleOccurrence {
    span: Span,
    folded: String,
    end_token: usize,
    start_token: usize,
}

impl Candidate {
    fn new(tokens: &[Token], first: usize, last: usize) -> Self {
        let start = tokens.get(first).map_or(0, |t| t.start);
        let end = tokens.get(last).map_or(start, |t| t.end);
        Candidate {
            first,
            last,
            span: Span::new(start, end.max(start)),
            kind: None,
            strength: GUESS,
            table_key: None,
            role: None,
            long_form: None,
            via_demonym: false,
            acronym: false,
            clause_initial: false,
            starts_clause: false,
            tied_roles: Vec::new(),
            nominal: false,
            refers_to: None,
        }
    }

    fn set_kind(&mut self, kind: EntityKind, strength: u8) {
        if self.kind.is_none() || strength > self.strength {
            self.kind = Some(kind);
            self.strength = strength;
        }
    }
}

/// Punctuation after which the next word is capitalised by convention.
fn opens_clause(token: &Token) -> bool {
    token.kind == TokenKind::Punct
        && matches!(
            token.text.chars().next(),
            Some('«' | '"' | '“' | '„' | ':' | '—' | '–' | '•' | '.' | '!' | '?' | '…' | '-' | '|' | '*' | '#' | '/')
        )
}

struct SentenceScan<'a> {
    text: &'a str,
    tokens: &'a [Token<'a>],
    lexicon: &'a Lexicon,
    resources: &'a Resources,
    /// Indices of tokens starting a sentence.
    sentence_starts: BTreeSet<usize>,
    candidates: Vec<Candidate>,
    roles: Vec<RoleOccurrence>,
}

impl<'a> SentenceScan<'a> {
    fn folded(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.folded.as_str())
    }

    fn token(&self, i: usize) -> Option<&'a Token<'a>> {
        self.tokens.get(i)
    }

    /// Tokens `i` and `i + 1` are neighbours on one line (only spaces between).
    fn joined(&self, i: usize) -> bool {
        match self.tokens.get(i + 1) {
            Some(next) => !next.newline_before,
            None => false,
        }
    }

    fn is_demonym(&self, token: &Token) -> bool {
        self.demonym_entries(token).is_some()
    }

    /// Entity-table entries a demonym token points to (one per hyphenated part).
    fn demonym_entries(&self, token: &Token) -> Option<Vec<(Span, usize)>> {
        if token.kind != TokenKind::Word {
            return None;
        }
        let lookup = |part: &str, capitalised: bool| -> Option<usize> {
            self.lexicon
                .demonyms
                .get(&fold_key(part))
                .filter(|(_, needs_capital)| capitalised || !needs_capital)
                .map(|(index, _)| *index)
        };
        if let Some(index) = lookup(token.text, token.is_capitalised()) {
            return Some(vec![(Span::new(token.start, token.end), index)]);
        }
        // Compounds: `russo-malienne`, `Russie-Afrique` is not one (names, not demonyms).
        let mut parts = Vec::new();
        let mut part_start = 0;
        let boundaries = token
            .text
            .char_indices()
            .filter(|(_, c)| matches!(c, '-' | '\u{2010}' | '\u{2011}'))
            .map(|(i, c)| (i, i + c.len_utf8()))
            .chain(std::iter::once((token.text.len(), token.text.len())));
        for (part_end, next_start) in boundaries {
            let part = token.text.get(part_start..part_end).unwrap_or("");
            let capitalised = part.chars().next().is_some_and(char::is_uppercase);
            let index = lookup(part, capitalised)?;
            parts.push((Span::new(token.start + part_start, token.start + part_end), index));
            part_start = next_start;
        }
        (parts.len() > 1).then_some(parts)
    }

    fn is_title_start(&self, i: usize) -> bool {
        self.title_length(i).is_some()
    }

    /// Length in tokens of a title phrase starting at `i` (`général`, `M.`, `Prime Minister`).
    fn title_length(&self, i: usize) -> Option<usize> {
        let words: Vec<&str> = (i..self.tokens.len().min(i + 6)).map(|k| self.folded(k)).collect();
        let Some((len, _)) = self.lexicon.titles.longest_match(&words) else {
            // `Energy Minister`, `Defence Secretary`: a capitalised portfolio before a title.
            let token = self.token(i)?;
            let next = self.token(i + 1)?;
            if token.is_capitalised()
                && token.kind == TokenKind::Word
                && self.joined(i)
                && self.lexicon.portfolio_titles.contains(next.folded.as_str())
                && !self.lexicon.function_words.contains(token.folded.as_str())
            {
                return Some(1 + self.title_length(i + 1)?);
            }
            return None;
        };
        // An abbreviation's dot is part of the title.
        let mut len = len;
        if self.token(i + len).is_some_and(|t| t.is_punct('.') && !t.space_before)
            && self.token(i).is_some_and(|t| t.text.chars().count() <= 4)
        {
            len += 1;
        }
        Some(len)
    }

    fn is_function_word(&self, i: usize) -> bool {
        self.lexicon.function_words.contains(self.folded(i))
    }

    fn is_name_word(&self, i: usize) -> bool {
        self.token(i).is_some_and(|t| {
            t.kind == TokenKind::Word
                && (t.is_capitalised() || t.is_all_caps() || self.is_prefixed_name(t))
                && !t.is_elision()
                && !self.lexicon.non_name_words.contains(t.folded.as_str())
                && !self.lexicon.months.contains(t.folded.as_str())
                && !self.lexicon.weekdays.contains(t.folded.as_str())
        })
    }

    /// `al-Burhan`, `el-Sisi`: a particle glued to a capitalised name.
    fn is_prefixed_name(&self, token: &Token) -> bool {
        let Some((prefix, rest)) = token.text.split_once('-') else {
            return false;
        };
        self.lexicon.particles.contains(&recoupe_core::fold_key(prefix))
            && rest.chars().next().is_some_and(char::is_uppercase)
    }

    /// Organisation words in the token range (heads or suffixes).
    fn has_organisation_word(&self, first: usize, last: usize) -> bool {
        (first..=last).any(|k| {
            let folded = self.folded(k);
            self.lexicon.organisation_heads.contains(folded) || self.lexicon.organisation_suffixes.contains(folded)
        })
    }

    /// Particle(s) at `i` linking two name parts; returns how many tokens they take.
    fn particle_length(&self, i: usize) -> Option<usize> {
        let token = self.token(i)?;
        if !token.is_lowercase_word() || !self.lexicon.particles.contains(token.folded.as_str()) {
            return None;
        }
        // `de la`, `de l'`
        if matches!(token.folded.as_str(), "de") {
            if let Some(next) = self.token(i + 1) {
                if next.is_lowercase_word() && matches!(next.folded.as_str(), "la" | "l'") {
                    return Some(2);
                }
            }
        }
        if token.folded == "der" || token.folded == "den" || token.folded == "van" || token.folded == "von" {
            if let Some(next) = self.token(i + 1) {
                if next.is_lowercase_word() && self.lexicon.particles.contains(next.folded.as_str()) {
                    return Some(2);
                }
            }
        }
        Some(1)
    }

    /// Entity-table match starting at `i`: (tokens taken, entry index).
    fn table_match(&self, i: usize) -> Option<(usize, usize)> {
        let first = self.token(i)?;
        if !(first.is_capitalised() || first.is_all_caps()) || first.kind != TokenKind::Word {
            return None;
        }
        let mut words = Vec::new();
        for k in i..self.tokens.len().min(i + 10) {
            words.push(self.folded(k));
            if !self.joined(k) {
                break;
            }
        }
        let (len, index) = self.resources.gazetteer.names.longest_match(&words)?;
        // A short all-caps key (`US`, `UN`, `AP`) must be written in capitals.
        let entry = self.resources.gazetteer.entry(index)?;
        if len == 1 && first.text.chars().count() <= 3 && !first.is_all_caps() {
            let exact = entry.names.iter().any(|n| n == first.text);
            if !exact {
                return None;
            }
        }
        // The last token must not be an unfinished hyphen or particle.
        Some((len, index))
    }

    /// Parses a title phrase with its complement at `i`; returns the end (exclusive).
    fn parse_role(&self, i: usize) -> Option<usize> {
        let mut k = i + self.title_length(i)?;
        while let Some(token) = self.token(k) {
            if !self.joined(k - 1) {
                break;
            }
            if token.is_lowercase_word() && self.is_demonym(token) {
                k += 1;
                continue;
            }
            // `Deputy Foreign Minister`, `vice-ministre`.
            if let Some(len) = self.title_length(k) {
                k += len;
                continue;
            }
            if token.is_lowercase_word() && self.lexicon.title_complements.contains(token.folded.as_str()) && k > i {
                // `Affaires étrangères`: a complement word right after another.
                let previous_is_complement = self
                    .token(k - 1)
                    .is_some_and(|p| self.lexicon.title_complements.contains(p.folded.as_str()));
                if previous_is_complement {
                    k += 1;
                    continue;
                }
            }
            if let Some(particle) = self.particle_length(k) {
                let word_index = k + particle;
                let Some(word) = self.token(word_index) else { break };
                if word.kind != TokenKind::Word {
                    break;
                }
                let is_complement = self.lexicon.title_complements.contains(word.folded.as_str());
                if is_complement || self.is_name_word(word_index) {
                    k = word_index + 1;
                    // A complement may have several words (`Affaires étrangères`); a name
                    // after a known complement word (`d'armée Assim Goita`) is not part of it.
                    let open_ended = !is_complement;
                    while self.joined(k - 1)
                        && self.token(k).is_some_and(|t| {
                            (open_ended && t.is_capitalised() && !self.is_title_start(k) && t.kind == TokenKind::Word)
                                || self.lexicon.title_complements.contains(t.folded.as_str())
                        })
                        && !self.starts_person_name(k)
                    {
                        k += 1;
                    }
                    continue;
                }
            }
            break;
        }
        Some(k)
    }

    /// Whether a person name seems to start at `k` (a known first name, or a
    /// table person), used to stop a role complement before the name.
    fn starts_person_name(&self, k: usize) -> bool {
        if self.resources.first_names.contains(self.folded(k)) && self.is_name_word(k + 1) {
            return true;
        }
        self.table_match(k)
            .and_then(|(_, index)| self.resources.gazetteer.entry(index))
            .is_some_and(|e| e.kind == EntityKind::Person)
    }

    /// Capitalised sequence with particles starting at `i`; returns the last token index.
    fn parse_name(&self, i: usize) -> usize {
        let mut last = i;
        let mut k = i + 1;
        while self.joined(k - 1) {
            // Initials: `S. Somanath`, `J.-P. Dupont`.
            if self.token(k).is_some_and(|t| t.is_punct('.'))
                && self
                    .token(last)
                    .is_some_and(|t| t.text.chars().count() == 1 && t.is_capitalised())
                && self.is_name_word(k + 1)
                && self.joined(k)
            {
                last = k + 1;
                k += 2;
                continue;
            }
            let demonym_here = self.token(k).is_some_and(|t| self.is_demonym(t) && !t.is_all_caps());
            let demonym_inside_name =
                demonym_here && self.is_name_word(k + 1) && self.joined(k) && !self.is_title_start(k + 1);
            if self.is_name_word(k)
                && !self.is_title_start(k)
                && (!demonym_here || demonym_inside_name)
                && !self.is_function_word(k)
            {
                last = k;
                k += 1;
                continue;
            }
            // `Tigray People's Liberation Front`: a possessive inside an organisation name.
            // (Not after a one-word name: `Lindner's Free Democrats`.)
            if last > i
                && self
                    .token(k)
                    .is_some_and(|t| t.text.starts_with('\'') || t.text.starts_with('\u{2019}'))
                && self.is_name_word(k + 1)
            {
                let end = self.parse_name(k + 1);
                if self.has_organisation_word(k + 1, end) {
                    last = end;
                    k = end + 1;
                    continue;
                }
                break;
            }
            // `International Organization for Migration`, `Bank of the South`.
            if self.has_organisation_word(i, last) {
                let words: Vec<&str> = (k..self.tokens.len().min(k + 3)).map(|j| self.folded(j)).collect();
                if let Some((len, _)) = self.lexicon.organisation_particles.longest_match(&words) {
                    let next = k + len;
                    if (k..next).all(|j| self.token(j).is_some_and(Token::is_lowercase_word))
                        && self.is_name_word(next)
                        && self.joined(next - 1)
                        && self.table_match(next).is_none()
                    {
                        last = next;
                        k = next + 1;
                        continue;
                    }
                }
            }
            if let Some(particle) = self.particle_length(k) {
                let next = k + particle;
                if self.joined(next - 1) && self.is_name_word(next) && !self.is_title_start(next) {
                    // Do not glue two known entities (`Moscou de Vladimir Poutine`).
                    let left_known = self.table_match(i).is_some_and(|(len, _)| i + len > last);
                    let right_known =
                        self.table_match(next).is_some() || self.resources.first_names.contains(self.folded(next));
                    if left_known && right_known {
                        break;
                    }
                    last = next;
                    k = next + 1;
                    continue;
                }
            }
            break;
        }
        last
    }

    /// Organisation phrase with lowercase parts (`ministère russe de la Défense`,
    /// `Cellule de communication de la Présidence`); returns the last token index.
    fn parse_organisation_phrase(&self, i: usize) -> Option<usize> {
        let head = self.token(i)?;
        let capitalised_head = head.is_capitalised();
        if !self.lexicon.organisation_heads.contains(head.folded.as_str())
            || (!capitalised_head && !self.lexicon.lowercase_organisation_heads.contains(head.folded.as_str()))
        {
            return None;
        }
        let mut best = None;
        let mut k = i + 1;
        let mut lowercase_run = 0;
        let mut steps = 0;
        while steps < 12 && self.joined(k - 1) {
            steps += 1;
            let Some(token) = self.token(k) else { break };
            if let Some(particle) = self.particle_length(k) {
                let next = k + particle;
                if self.is_name_word(next) && self.joined(next - 1) {
                    let last = self.parse_name(next);
                    best = Some(last);
                    k = last + 1;
                    lowercase_run = 0;
                    continue;
                }
                if self
                    .token(next)
                    .is_some_and(|t| t.is_lowercase_word() && !self.lexicon.function_words.contains(t.folded.as_str()))
                    && lowercase_run == 0
                {
                    k = next + 1;
                    lowercase_run += 1;
                    continue;
                }
                break;
            }
            if token.is_lowercase_word()
                && lowercase_run < 2
                && !self.lexicon.function_words.contains(token.folded.as_str())
                && !self.lexicon.quote_verbs.contains_word(token.folded.as_str())
                && token.folded.chars().count() > 2
            {
                lowercase_run += 1;
                k += 1;
                continue;
            }
            break;
        }
        best
    }

    fn push(&mut self, candidate: Candidate) {
        self.candidates.push(candidate);
    }

    fn table_candidate(&self, i: usize, len: usize, index: usize) -> Candidate {
        let mut candidate = Candidate::new(self.tokens, i, i + len - 1);
        if let Some(entry) = self.resources.gazetteer.entry(index) {
            candidate.set_kind(entry.kind, TABLE);
            candidate.table_key = Some(entry.key.clone());
        }
        candidate
    }

    /// Scans tokens `range` (one sentence).
    fn scan(&mut self, range: std::ops::Range<usize>) {
        let mut i = range.start;
        let end = range.end;
        let mut clause_start = true;
        // Last role phrase: (text, token index after it).
        let mut last_role: Option<(String, usize)> = None;
        // A cue word seen just before (`société`, `région de`, `à`): (kind, strength, next token index).
        let mut cue: Option<(EntityKind, u8, usize)> = None;
        // A lowercase head that belongs to the name (`rue de Tholozé`): its index.
        let mut name_head: Option<usize> = None;
        while i < end {
            let Some(token) = self.token(i) else { break };
            let kept_head = name_head;
            if token.kind == TokenKind::Punct {
                // `fr., Swansea`: after a comma the next word is mid-sentence again.
                clause_start = opens_clause(token) || (clause_start && !matches!(token.text, "," | ";"));
                i += 1;
                continue;
            }
            if token.kind == TokenKind::Number {
                clause_start = false;
                i += 1;
                continue;
            }
            let at_clause_start = clause_start;
            clause_start = false;

            // 1. A role (title with complement); names known to the table inside it are entities.
            if let Some(role_end) = self.parse_role(i) {
                let capitalised = token.is_capitalised();
                let known_name_here = self
                    .table_match(i)
                    .is_some_and(|(len, _)| len > role_end - i || (len == role_end - i && capitalised));
                if !known_name_here && role_end > i {
                    let role_text = self.span_text(i, role_end - 1);
                    let mut k = i + 1;
                    while k < role_end {
                        if let Some((len, index)) = self.table_match(k) {
                            if k + len <= role_end {
                                let last = self.parse_name(k).min(role_end - 1).max(k + len - 1);
                                let mut candidate = self.table_candidate(k, len, index);
                                if last > k + len - 1 {
                                    // `mayor of Mexico City`: a longer name than the table's.
                                    candidate = Candidate::new(self.tokens, k, last);
                                    let place_head = self
                                        .token(last)
                                        .is_some_and(|t| self.lexicon.place_heads.contains(t.folded.as_str()));
                                    candidate.set_kind(
                                        if place_head {
                                            EntityKind::Place
                                        } else {
                                            EntityKind::Organisation
                                        },
                                        WEAK_CUE,
                                    );
                                }
                                self.push(candidate);
                                k = last + 1;
                                continue;
                            }
                        }
                        if let Some(token) = self.token(k) {
                            if token.is_lowercase_word() {
                                self.push_demonym(token);
                            }
                        }
                        k += 1;
                    }
                    let role_span = Span::new(token.start, self.token(role_end - 1).map_or(token.end, |t| t.end));
                    self.roles.push(RoleOccurrence {
                        span: role_span,
                        folded: fold_key(&role_text),
                        end_token: role_end,
                        start_token: i,
                    });
                    last_role = Some((role_text, role_end));
                    i = role_end;
                    continue;
                }
            }

            // 2. The entity table.
            if let Some((len, index)) = self.table_match(i) {
                let next = i + len;
                let extends = self.joined(next - 1)
                    && self.is_name_word(next)
                    && !self.is_title_start(next)
                    && !self.is_function_word(next)
                    && self.table_match(next).is_none()
                    && !self.token(next).is_some_and(|t| self.is_demonym(t));
                if !extends {
                    let mut candidate = self.table_candidate(i, len, index);
                    self.attach_role(&mut candidate, &last_role);
                    self.push(candidate);
                    i = next;
                    continue;
                }
            }

            // 3. Demonyms (`malien`, `russo-malienne`, `Malian`).
            let demonym_starts_name = token.is_capitalised()
                && self.is_name_word(i + 1)
                && self.joined(i)
                && !self.is_title_start(i + 1)
                && !self.starts_person_name(i + 1)
                && self.table_match(i + 1).is_none();
            if self.is_demonym(token) && !demonym_starts_name {
                self.push_demonym(token);
                // `la société russe Yadran`: the adjective keeps the cue for the name.
                if let Some((kind, strength, next)) = cue {
                    cue = (next == i).then_some((kind, strength, i + 1));
                }
                i += 1;
                continue;
            }

            // 4. Organisation phrases with lowercase words.
            if let Some(last) = self.parse_organisation_phrase(i) {
                let mut candidate = Candidate::new(self.tokens, i, last);
                candidate.set_kind(EntityKind::Organisation, CUE);
                self.push(candidate);
                i = last + 1;
                continue;
            }

            // 4b. `M. de Lasteyrie`, `le général de Gaulle`: a particle opens the name after a title.
            if let (Some((_, role_end)), Some(particle)) = (&last_role, self.particle_length(i)) {
                if *role_end == i && self.is_name_word(i + particle) && token.is_lowercase_word() {
                    let last = self.parse_name(i + particle);
                    let mut candidate = Candidate::new(self.tokens, i, last);
                    self.classify(&mut candidate, i, last, false, &last_role, cue);
                    candidate.set_kind(EntityKind::Person, CUE);
                    self.push(candidate);
                    i = last + 1;
                    cue = None;
                    continue;
                }
            }

            // 5. Capitalised sequences; a capitalised function word (`Au Parquet`,
            // `Cette Exposition`) does not open a name.
            if self.is_name_word(i) && !self.is_function_word(i) {
                let last = self.parse_name(i);
                let mut candidate = Candidate::new(self.tokens, i, last);
                self.classify(&mut candidate, i, last, at_clause_start, &last_role, cue);
                if let (Some(head), Some((EntityKind::Place, _, next))) = (name_head, cue) {
                    if next == i && candidate.strength < TABLE {
                        if let Some(head_token) = self.token(head) {
                            candidate.first = head;
                            candidate.span = Span::new(head_token.start, candidate.span.end);
                            candidate.set_kind(EntityKind::Place, CUE);
                            candidate.clause_initial = false;
                        }
                    }
                }
                self.push(candidate);
                name_head = None;
                i = last + 1;
                cue = None;
                continue;
            }

            // Cue words for what follows.
            let folded = token.folded.as_str();
            if token.is_lowercase_word() {
                // Any new cue replaces a pending name head.
                let previous_cue = cue;
                name_head = None;
                if self.lexicon.organisation_heads.contains(folded) {
                    cue = Some((EntityKind::Organisation, CUE, i + 1));
                } else if self.lexicon.place_heads.contains(folded) {
                    cue = Some((EntityKind::Place, CUE, i + 1));
                    name_head = self.lexicon.place_heads_in_name.contains(folded).then_some(i);
                } else if self.lexicon.person_cues.contains(folded) {
                    cue = Some((EntityKind::Person, CUE, i + 1));
                } else if self.lexicon.place_prepositions.contains(folded) {
                    cue = Some((EntityKind::Place, WEAK_CUE, i + 1));
                } else if let Some((_, _, next)) = previous_cue {
                    // Adjectives and particles between the cue and the name keep it;
                    // a pending name head (`rue de`) stays with it.
                    let keeps = next == i
                        && (self.is_demonym(token)
                            || self.lexicon.particles.contains(folded)
                            || self.lexicon.determiners.contains(folded));
                    name_head = if keeps { kept_head } else { None };
                    cue = if keeps {
                        cue.map(|(k, s, _)| (k, s, i + 1))
                    } else {
                        None
                    };
                }
            } else if token.is_elision() {
                if let Some((_, _, next)) = cue {
                    if next != i {
                        name_head = None;
                    }
                    cue = if next == i {
                        cue.map(|(k, s, _)| (k, s, i + 1))
                    } else {
                        None
                    };
                }
            }
            // A function word at the start of a clause keeps the next word clause-initial
            // only when it is an elision (`L'Aes`: no; the name follows the article).
            i += 1;
        }
    }

    fn span_text(&self, first: usize, last: usize) -> String {
        let start = self.token(first).map_or(0, |t| t.start);
        let end = self.token(last).map_or(start, |t| t.end);
        self.text.get(start..end).unwrap_or("").to_string()
    }

    fn push_demonym(&mut self, token: &Token) {
        let Some(parts) = self.demonym_entries(token) else {
            return;
        };
        for (span, index) in parts {
            let Some(entry) = self.resources.gazetteer.entry(index) else {
                continue;
            };
            let mut candidate = Candidate::new(self.tokens, 0, 0);
            candidate.span = span;
            candidate.first = usize::MAX;
            candidate.last = usize::MAX;
            candidate.set_kind(EntityKind::Place, TABLE);
            candidate.table_key = Some(entry.key.clone());
            candidate.via_demonym = true;
            self.candidates.push(candidate);
        }
    }

    /// Role right before the name (`le général Assimi Goïta`) or before a comma
    /// (`le président de la Transition, Assimi Goïta`).
    fn attach_role(&self, candidate: &mut Candidate, last_role: &Option<(String, usize)>) {
        let Some((role, role_end)) = last_role else { return };
        let first = candidate.first;
        let immediate = *role_end == first;
        let apposition = *role_end + 1 == first && self.token(*role_end).is_some_and(|t| t.is_punct(','));
        let apposition_with_article = *role_end + 2 == first
            && self.token(*role_end).is_some_and(|t| t.is_punct(','))
            && self
                .token(*role_end + 1)
                .is_some_and(|t| self.lexicon.determiners.contains(t.folded.as_str()));
        if immediate || apposition || apposition_with_article {
            candidate.role = Some(role.clone());
            // The role just before, and one before it across a comma (`le président de la
            // Transition, le général Assimi Goïta`), both describe this person.
            if let Some(index) = self.roles.iter().rposition(|r| r.end_token == *role_end) {
                candidate.tied_roles.push(index);
                if let Some(previous) = index.checked_sub(1).and_then(|p| self.roles.get(p).map(|r| (p, r))) {
                    let start = self.roles.get(index).map_or(0, |r| r.start_token);
                    let comma = self.token(previous.1.end_token).is_some_and(|t| t.is_punct(','));
                    let gap = start.saturating_sub(previous.1.end_token);
                    let article_between = gap == 2
                        && self
                            .token(previous.1.end_token + 1)
                            .is_some_and(|t| self.lexicon.determiners.contains(t.folded.as_str()));
                    if comma && (gap == 1 || article_between) {
                        candidate.tied_roles.push(previous.0);
                    }
                }
            }
            if candidate.kind != Some(EntityKind::Place) && candidate.kind != Some(EntityKind::Organisation) {
                candidate.set_kind(EntityKind::Person, CUE);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn classify(
        &self,
        candidate: &mut Candidate,
        first: usize,
        last: usize,
        at_clause_start: bool,
        last_role: &Option<(String, usize)>,
        cue: Option<(EntityKind, u8, usize)>,
    ) {
        self.attach_role(candidate, last_role);
        let words = last + 1 - first;
        let first_token = self.token(first);
        let last_token = self.token(last);
        if let Some((kind, strength, next)) = cue {
            if next == first {
                candidate.set_kind(kind, strength);
            }
        }
        if first_token.is_some_and(|t| self.lexicon.organisation_heads.contains(t.folded.as_str())) {
            candidate.set_kind(EntityKind::Organisation, CUE);
        }
        if last_token.is_some_and(|t| self.lexicon.organisation_suffixes.contains(t.folded.as_str())) && words > 1 {
            candidate.set_kind(EntityKind::Organisation, CUE);
        }
        if first_token.is_some_and(|t| self.lexicon.place_heads.contains(t.folded.as_str())) && words > 1 {
            candidate.set_kind(EntityKind::Place, CUE);
        }
        if words > 1 && self.resources.first_names.contains(self.folded(first)) {
            candidate.set_kind(EntityKind::Person, CUE);
        }
        // An honorific before the name without being parsed as a role (`M.` at a line start).
        if first > 0
            && self
                .token(first - 1)
                .is_some_and(|t| self.lexicon.honorifics.contains(t.folded.as_str()))
        {
            candidate.set_kind(EntityKind::Person, CUE);
        }
        if words > 1 && last_token.is_some_and(|t| self.lexicon.place_heads.contains(t.folded.as_str())) {
            candidate.set_kind(EntityKind::Place, CUE);
        }
        if words > 1 && last_token.is_some_and(|t| self.lexicon.organisation_heads.contains(t.folded.as_str())) {
            candidate.set_kind(EntityKind::Organisation, CUE);
        }
        // `the ruling Frelimo party`, `the Somair mine company`: an organisation word after the name.
        if self
            .token(last + 1)
            .is_some_and(|t| t.is_lowercase_word() && self.lexicon.organisation_heads.contains(t.folded.as_str()))
            && self.joined(last)
        {
            candidate.set_kind(EntityKind::Organisation, CUE);
        }
        // A known place followed by more name words: an organisation named after it
        // (`Pakistan Peoples Party`, `Zimbabwe Lawyers for Human Rights`).
        if words > 1 {
            let starts_with_place = self
                .table_match(first)
                .and_then(|(len, index)| (len < words).then_some(index))
                .and_then(|index| self.resources.gazetteer.entry(index))
                .is_some_and(|e| e.kind == EntityKind::Place);
            if starts_with_place {
                candidate.set_kind(EntityKind::Organisation, WEAK_CUE);
            }
        }
        // Datelines: `SEOUL, Jan 8 -`, `PARIS (Reuters) -` at the start of a line.
        let line_start = first_token.is_some_and(|t| t.newline_before || t.start == 0);
        if line_start {
            let after = self.token(last + 1);
            let then = self.token(last + 2);
            let dated = after.is_some_and(|t| t.is_punct(','))
                && then.is_some_and(|t| {
                    self.lexicon.months.contains(t.folded.as_str())
                        || self.lexicon.weekdays.contains(t.folded.as_str())
                        || t.kind == TokenKind::Number
                });
            let agency =
                after.is_some_and(|t| t.is_punct('(')) && self.token(last + 3).is_some_and(|t| t.is_punct(')'));
            if dated || agency {
                candidate.set_kind(EntityKind::Place, CUE);
            }
        }
        if words == 1 && first_token.is_some_and(|t| t.is_all_caps() && t.text.chars().count() <= 8) {
            candidate.set_kind(EntityKind::Organisation, WEAK_CUE);
        }
        // `J. Prével`: an initial before a name.
        let initial = first_token.is_some_and(|t| t.text.chars().count() == 1 && t.is_capitalised())
            && self.token(first + 1).is_some_and(|t| t.is_punct('.'))
            && words > 2;
        if initial {
            candidate.set_kind(EntityKind::Person, WEAK_CUE);
        }
        if candidate.kind.is_none() {
            let name_words = (first..=last).filter(|&k| self.is_name_word(k)).count();
            let only_names =
                (first..=last).all(|k| self.is_name_word(k) || self.token(k).is_some_and(|t| t.is_punct('.')));
            if name_words >= 2 && only_names && name_words <= 4 {
                candidate.set_kind(EntityKind::Person, GUESS);
            } else if words == 1 {
                // A lone first name is a person; another lone unknown word is guessed
                // a place (measured on the HIPE dev split: better than a person guess).
                if self.resources.first_names.contains(self.folded(first)) {
                    candidate.set_kind(EntityKind::Person, WEAK_CUE);
                } else {
                    candidate.set_kind(EntityKind::Place, GUESS);
                }
            } else {
                candidate.set_kind(EntityKind::Organisation, GUESS);
            }
        }
        // Only a single word can be an ordinary word capitalised by position;
        // acronyms are names wherever they stand.
        candidate.starts_clause = at_clause_start;
        candidate.clause_initial =
            at_clause_start && candidate.strength <= WEAK_CUE && words == 1 && !first_token.is_some_and(is_acronym);
    }
}

impl EntityExtractor for RuleExtractor<'_> {
    fn extract(&self, text: &str, sentences: &[Span], language: &str) -> Vec<ExtractedEntity> {
        let Some(lexicon) = self.resources.lexicon(language) else {
            return Vec::new();
        };
        let tokens = tokenize_at(text, 0);
        // Sentence ranges as token index ranges; lines when no sentences are given.
        let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
        let boundaries: Vec<Span> = if sentences.is_empty() {
            line_spans(text)
        } else {
            sentences.to_vec()
        };
        let mut start = 0;
        for sentence in &boundaries {
            let first = tokens.partition_point(|t| t.start < sentence.start);
            let last = tokens.partition_point(|t| t.start < sentence.end);
            if first > start {
                ranges.push(start..first);
            }
            if last > first {
                ranges.push(first..last);
            }
            start = start.max(last);
        }
        if start < tokens.len() {
            ranges.push(start..tokens.len());
        }
        let mut scan = SentenceScan {
            text,
            tokens: &tokens,
            lexicon,
            resources: self.resources,
            sentence_starts: ranges.iter().map(|r| r.start).collect(),
            candidates: Vec::new(),
            roles: Vec::new(),
        };
        for range in ranges {
            scan.scan(range);
        }
        let _ = &scan.sentence_starts;
        let roles = scan.roles;
        let mut candidates = scan.candidates;
        link_role_mentions(&roles, &mut candidates);
        define_acronyms(&tokens, text, &mut candidates, self.resources, lexicon);
        let lowercase_vocabulary: BTreeSet<&str> = tokens
            .iter()
            .filter(|t| t.is_lowercase_word())
            .map(|t| t.folded.as_str())
            .collect();
        let function_word = |folded: &str| lexicon.function_words.contains(folded);
        // Organisation heads alone (`Agency`, `Parliament`) and currency codes (`CFA`) are not names.
        let generic_word = |folded: &str| {
            lexicon.organisation_heads.contains(folded)
                || lexicon.currencies.contains_word(folded)
                || lexicon.place_heads.contains(folded)
        };
        resolve_in_document(
            &mut candidates,
            text,
            &lowercase_vocabulary,
            &function_word,
            &generic_word,
        );
        candidates.sort_by_key(|c| (c.span.start, c.span.end));
        candidates.dedup_by(|b, a| a.span == b.span);
        candidates
            .into_iter()
            .filter(|c| !c.span.is_empty() && c.span.is_valid_in(text))
            .map(|c| ExtractedEntity {
                span: c.span,
                kind: c.kind.unwrap_or(EntityKind::Other),
                kind_strength: c.strength,
                table_key: c.table_key,
                role: c.role,
                long_form: c.long_form,
                via_demonym: c.via_demonym,
                acronym: c.acronym,
                nominal: c.nominal,
                refers_to: c.refers_to,
            })
            .collect()
    }
}

/// A role phrase used alone after it was tied to a name by apposition becomes a
/// nominal mention of that person (only specific roles: two words or more).
fn link_role_mentions(roles: &[RoleOccurrence], candidates: &mut Vec<Candidate>) {
    let tied: BTreeSet<usize> = candidates.iter().flat_map(|c| c.tied_roles.iter().copied()).collect();
    let used_alone = |index: usize, role: &RoleOccurrence| !tied.contains(&index) && role.folded.contains(' ');
    // The person a role used alone stands for is the latest (by start, then
    // by position in the list) person tied to the same role words and ending
    // before it. One sweep in text order instead of a scan of every candidate
    // per role keeps a text with thousands of roles linear.
    let mut tied_persons: Vec<(usize, &str, usize, usize)> = Vec::new();
    for (ci, c) in candidates.iter().enumerate() {
        if c.kind != Some(EntityKind::Person) {
            continue;
        }
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for role in c.tied_roles.iter().filter_map(|&t| roles.get(t)) {
            if seen.insert(role.folded.as_str()) {
                tied_persons.push((c.span.end, role.folded.as_str(), c.span.start, ci));
            }
        }
    }
    tied_persons.sort_unstable();
    let mut alone: Vec<usize> = (0..roles.len())
        .filter(|&i| roles.get(i).is_some_and(|r| used_alone(i, r)))
        .collect();
    alone.sort_by_key(|&i| roles.get(i).map_or(0, |r| r.span.start));
    let mut person_of_role: Vec<Option<usize>> = vec![None; roles.len()];
    let mut latest: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut next = 0;
    for index in alone {
        let Some(role) = roles.get(index) else { continue };
        while let Some(&(end, folded, start, ci)) = tied_persons.get(next) {
            if end > role.span.start {
                break;
            }
            let slot = latest.entry(folded).or_insert((start, ci));
            *slot = (*slot).max((start, ci));
            next += 1;
        }
        if let Some(slot) = person_of_role.get_mut(index) {
            *slot = latest.get(role.folded.as_str()).map(|&(_, ci)| ci);
        }
    }
    let mut nominal = Vec::new();
    for (index, role) in roles.iter().enumerate() {
        if !used_alone(index, role) {
            continue;
        }
        let person = person_of_role
            .get(index)
            .copied()
            .flatten()
            .and_then(|ci| candidates.get(ci));
        if let Some(person) = person {
            let mut candidate = person.clone();
            candidate.span = role.span;
            candidate.first = role.start_token;
            candidate.last = role.end_token.saturating_sub(1);
            candidate.tied_roles.clear();
            candidate.nominal = true;
            candidate.refers_to = Some(person.span);
            candidate.role = None;
            candidate.long_form = None;
            candidate.clause_initial = false;
            nominal.push(candidate);
        }
    }
    candidates.extend(nominal);
}

/// Line spans (without the line breaks), used when no sentences are given.
pub fn line_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            if i > start {
                spans.push(Span::new(start, i));
            }
            start = i + 1;
        }
    }
    if start < text.len() {
        spans.push(Span::new(start, text.len()));
    }
    spans
}

fn is_acronym(token: &Token) -> bool {
    let letters: Vec<char> = token.text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    token.kind == TokenKind::Word
        && letters.len() >= 2
        && letters.len() <= 10
        && upper * 4 >= letters.len() * 3
        && upper >= 2
}

/// Initial letters of the words in `tokens[from..to]`, optionally skipping particles.
fn initials(tokens: &[Token], from: usize, to: usize, lexicon: &Lexicon, skip_particles: bool) -> String {
    let mut out = String::new();
    for token in tokens.get(from..to).unwrap_or(&[]) {
        if token.kind != TokenKind::Word {
            continue;
        }
        if skip_particles
            && (lexicon.particles.contains(token.folded.as_str())
                || lexicon.determiners.contains(token.folded.as_str())
                || token.is_elision()
                || matches!(
                    token.folded.as_str(),
                    "et" | "and" | "pour" | "for" | "a" | "à" | "aux" | "au" | "the"
                ))
        {
            continue;
        }
        for part in token.folded.split('-') {
            if let Some(c) = part.chars().next() {
                out.push(c);
            }
        }
    }
    out
}

/// `Alliance des États du Sahel (AES)`: the acronym gets the long form, the long
/// form becomes one entity, and later uses of the acronym point to it.
fn define_acronyms(
    tokens: &[Token],
    text: &str,
    candidates: &mut Vec<Candidate>,
    resources: &Resources,
    lexicon: &Lexicon,
) {
    let mut definitions: BTreeMap<String, (String, EntityKind, Option<String>)> = BTreeMap::new();
    for (p, token) in tokens.iter().enumerate() {
        if !token.is_punct('(') {
            continue;
        }
        let (Some(acronym), Some(close)) = (tokens.get(p + 1), tokens.get(p + 2)) else {
            continue;
        };
        if !is_acronym(acronym) || !close.is_punct(')') {
            continue;
        }
        let letters = fold_key(acronym.text).replace(['.', '-'], "");
        let mut found = None;
        for from in (p.saturating_sub(16)..p).rev() {
            if tokens
                .get(from)
                .is_some_and(|t| t.kind == TokenKind::Punct && !t.text.starts_with('-'))
            {
                break;
            }
            let starts_well = tokens.get(from).is_some_and(|t| t.is_capitalised());
            if !starts_well {
                continue;
            }
            if initials(tokens, from, p, lexicon, true) == letters
                || initials(tokens, from, p, lexicon, false) == letters
            {
                found = Some(from);
                break;
            }
        }
        let Some(from) = found else { continue };
        let (Some(first), Some(last)) = (tokens.get(from), tokens.get(p - 1)) else {
            continue;
        };
        let long_span = Span::new(first.start, last.end);
        let long_text = text.get(long_span.start..long_span.end).unwrap_or("").to_string();
        let table = resources
            .gazetteer
            .lookup(&long_text)
            .or_else(|| resources.gazetteer.lookup(acronym.text));
        let inner_kind = candidates
            .iter()
            .filter(|c| {
                long_span.contains(c.span) && !c.via_demonym && c.strength >= CUE && c.span.start == long_span.start
            })
            .map(|c| c.kind)
            .next()
            .flatten();
        let (kind, key) = match table {
            Some(entry) => (entry.kind, Some(entry.key.clone())),
            None => (inner_kind.unwrap_or(EntityKind::Organisation), None),
        };
        candidates.retain(|c| {
            let inside_long_form = long_span.contains(c.span) && !c.via_demonym;
            let is_the_acronym = c.span.start == acronym.start && c.span.end == acronym.end;
            !(inside_long_form || is_the_acronym)
        });
        let mut long_candidate = Candidate::new(tokens, from, p - 1);
        long_candidate.set_kind(kind, TABLE);
        long_candidate.table_key = key.clone();
        candidates.push(long_candidate);
        definitions.insert(fold_key(acronym.text), (long_text, kind, key));
    }
    if definitions.is_empty() {
        return;
    }
    // Every use of a defined acronym (also written `Aes`) carries the long form.
    let mut present: BTreeSet<usize> = BTreeSet::new();
    for candidate in candidates.iter_mut() {
        if candidate.via_demonym {
            continue;
        }
        let folded = fold_key(text.get(candidate.span.start..candidate.span.end).unwrap_or(""));
        if let Some((long, kind, key)) = definitions.get(&folded) {
            candidate.kind = Some(*kind);
            candidate.strength = TABLE;
            candidate.long_form = Some(long.clone());
            candidate.acronym = true;
            candidate.clause_initial = false;
            if key.is_some() {
                candidate.table_key = key.clone();
            }
            present.insert(candidate.span.start);
        }
    }
    for (i, token) in tokens.iter().enumerate() {
        if present.contains(&token.start) || token.kind != TokenKind::Word {
            continue;
        }
        if let Some((long, kind, key)) = definitions.get(token.folded.as_str()) {
            if !(token.is_capitalised() || token.is_all_caps()) {
                continue;
            }
            if candidates
                .iter()
                .any(|c| c.span.contains(Span::new(token.start, token.end)))
            {
                continue;
            }
            let mut candidate = Candidate::new(tokens, i, i);
            candidate.set_kind(*kind, TABLE);
            candidate.long_form = Some(long.clone());
            candidate.acronym = true;
            candidate.table_key = key.clone();
            candidates.push(candidate);
        }
    }
}

/// Document-level decisions: weakly typed names take the type of a better-known
/// mention of the same name (`Goïta` after `Assimi Goïta`); clause-initial
/// unknown words seen nowhere else are dropped.
fn resolve_in_document(
    candidates: &mut Vec<Candidate>,
    text: &str,
    lowercase_vocabulary: &BTreeSet<&str>,
    function_word: &dyn Fn(&str) -> bool,
    generic_word: &dyn Fn(&str) -> bool,
) {
    let surface = |c: &Candidate| fold_key(text.get(c.span.start..c.span.end).unwrap_or(""));
    // Best kind per folded full name and per name token.
    let mut by_name: BTreeMap<String, (EntityKind, u8)> = BTreeMap::new();
    let mut by_token: BTreeMap<String, (EntityKind, u8)> = BTreeMap::new();
    for c in candidates.iter().filter(|c| !c.via_demonym) {
        let (Some(kind), strength) = (c.kind, c.strength) else {
            continue;
        };
        let name = surface(c);
        let multi_word_person = kind == EntityKind::Person && name.contains(' ');
        if strength < CUE && !multi_word_person {
            continue;
        }
        let better = |slot: Option<&(EntityKind, u8)>| slot.is_none_or(|(_, s)| strength > *s);
        if better(by_name.get(&name)) {
            by_name.insert(name.clone(), (kind, strength));
        }
        if kind == EntityKind::Person {
            for word in name.split(' ').filter(|w| w.chars().count() > 2) {
                if better(by_token.get(word)) {
                    by_token.insert(word.to_string(), (kind, strength));
                }
            }
        }
    }
    let mut mid_sentence: BTreeSet<String> = BTreeSet::new();
    for c in candidates.iter().filter(|c| !c.clause_initial) {
        mid_sentence.insert(surface(c));
    }
    for c in candidates.iter_mut() {
        if c.via_demonym || c.strength >= CUE {
            continue;
        }
        let name = surface(c);
        if let Some((kind, strength)) = by_name.get(&name) {
            c.kind = Some(*kind);
            c.strength = (*strength).min(CUE);
            c.clause_initial = false;
            continue;
        }
        let words: Vec<&str> = name.split(' ').collect();
        if words.len() <= 2 {
            if let Some((kind, _)) = words.last().and_then(|w| by_token.get(*w)) {
                c.kind = Some(*kind);
                c.strength = CUE;
                c.clause_initial = false;
            }
        }
    }
    candidates.retain(|c| !(c.clause_initial && c.strength <= WEAK_CUE && !mid_sentence.contains(&surface(c))));
    // `Shares of Toyota`, `Rival Honda Motor`: a sentence-initial ordinary word
    // (used in lowercase elsewhere in the text) is not part of the name.
    for c in candidates.iter_mut() {
        if c.via_demonym || c.strength >= TABLE || c.first == c.last || !c.starts_clause {
            continue;
        }
        let name = text.get(c.span.start..c.span.end).unwrap_or("");
        let Some((first_word, rest)) = name.split_once(' ') else {
            continue;
        };
        if !lowercase_vocabulary.contains(fold_key(first_word).as_str()) {
            continue;
        }
        // Skip the particles after it too (`Shares of Toyota` -> `Toyota`).
        let mut offset = first_word.len() + 1;
        let mut remaining = rest;
        while let Some((word, tail)) = remaining.split_once(' ') {
            if word.chars().next().is_some_and(char::is_lowercase) {
                offset += word.len() + 1;
                remaining = tail;
            } else {
                break;
            }
        }
        if !remaining.is_empty() {
            c.span = Span::new(c.span.start + offset, c.span.end);
        }
    }
    // Headlines in capitals (`LA LOI`, `UNE FÊTE TRAGIQUE`): capital words that the
    // text uses in lowercase, or function words, are not names.
    candidates.retain(|c| {
        if c.via_demonym || c.strength >= TABLE || c.acronym {
            return true;
        }
        let name = text.get(c.span.start..c.span.end).unwrap_or("");
        let letters: Vec<char> = name.chars().filter(|ch| ch.is_alphabetic()).collect();
        let all_caps = letters.len() >= 4 && letters.iter().all(|ch| ch.is_uppercase());
        if !all_caps || !name.contains(' ') {
            return true;
        }
        let words: Vec<String> = name.split_whitespace().map(fold_key).collect();
        let ordinary = words
            .iter()
            .filter(|w| lowercase_vocabulary.contains(w.as_str()) || function_word(w) || w.chars().count() <= 2)
            .count();
        ordinary * 2 < words.len()
    });
    // A single unknown word that the text also uses in lowercase is an ordinary
    // word with a capital (`Compagnies`, `REFUS`), not a name.
    candidates.retain(|c| {
        if c.via_demonym || c.strength >= TABLE || c.first != c.last {
            return true;
        }
        let name = surface(c);
        // Institutions written alone mid-sentence (`la Chambre`, `Parliament`) are names;
        // at a sentence start the capital says nothing.
        if generic_word(&name) && (c.starts_clause || c.strength < CUE) {
            return false;
        }
        if c.strength >= CUE {
            return true;
        }
        !(lowercase_vocabulary.contains(name.as_str())
            || function_word(&name)
            || generic_word(&name)
            || name.chars().count() < 2)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract(text: &str, language: &str) -> Vec<(String, EntityKind, Option<String>)> {
        let resources = Resources::embedded().unwrap_or_else(|e| panic!("resources: {e}"));
        let extractor = RuleExtractor::new(&resources);
        extractor
            .extract(text, &[], language)
            .into_iter()
            .map(|e| (text[e.span.start..e.span.end].to_string(), e.kind, e.role))
            .collect()
    }

    #[test]
    fn roles_are_not_names() {
        let found = extract(
            "Le président de la Transition, le général d'armée Assimi Goïta, est arrivé.",
            "fr",
        );
        assert!(
            found.contains(&(
                "Assimi Goïta".to_string(),
                EntityKind::Person,
                Some("général d'armée".to_string())
            )),
            "{found:?}"
        );
    }
}
