//! Figures: percentages, money with currency and scale, counts with what they
//! count, measures with units and rates, comparators, ordinals. Numbers that
//! belong to dates and times are left to the time tagger.

use recoupe_core::{Comparator, QuantityKind, QuantityMention, Span};

use crate::resources::{Lexicon, PhraseSet};
use crate::text::{tokenize, Token, TokenKind};

/// A parsed number: value and token range.
struct Number {
    value: f64,
    first: usize,
    last: usize,
    /// Written with digits, four of them, no grouping or decimals: may be a year.
    plain_four_digits: bool,
    /// Written as a word that is also an article (`un`, `a`).
    weak: bool,
    /// Suffix attached to the digits (`35m`, `5km`), already folded.
    suffix: Option<String>,
    ordinal: bool,
}

fn is_group_gap(gap: &str) -> bool {
    let mut chars = gap.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some(' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}'), None)
    )
}

struct Scanner<'a> {
    text: &'a str,
    tokens: Vec<Token<'a>>,
    lexicon: &'a Lexicon,
}

impl<'a> Scanner<'a> {
    fn token(&self, i: usize) -> Option<&Token<'a>> {
        self.tokens.get(i)
    }

    fn gap(&self, i: usize) -> &str {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => self.text.get(a.end..b.start).unwrap_or(""),
            _ => "",
        }
    }

    fn adjacent(&self, i: usize) -> bool {
        self.gap(i).is_empty() && self.tokens.get(i + 1).is_some()
    }

    fn on_same_line(&self, i: usize) -> bool {
        self.tokens.get(i + 1).is_some_and(|t| !t.newline_before)
    }

    fn folded_from(&self, i: usize, count: usize) -> Vec<&str> {
        let mut words = Vec::new();
        for k in i..self.tokens.len().min(i + count) {
            if k > i && !self.on_same_line(k - 1) {
                break;
            }
            words.push(self.tokens.get(k).map_or("", |t| t.folded.as_str()));
        }
        words
    }

    fn match_at(&self, set: &PhraseSet, i: usize) -> Option<(usize, usize)> {
        let words = self.folded_from(i, 6);
        set.longest_match(&words)
    }

    /// Digits with thousands groups and decimals at `i`.
    fn digits_at(&self, i: usize) -> Option<Number> {
        let token = self.token(i)?;
        let (digits, mut suffix) = split_digits(token.text)?;
        if i > 0 && self.adjacent(i - 1) {
            // Inside an identifier (`A-320`, `COVID-19`): not a figure.
            let previous = self.token(i - 1)?;
            if previous.kind == TokenKind::Word || previous.is_punct('-') {
                return None;
            }
        }
        let mut text = digits.to_string();
        let mut last = i;
        let mut grouped = false;
        let mut decimal = false;
        if suffix.is_empty() {
            // Thousands groups: `10 000`, `10,000` (en), `1.500.000` (fr).
            let group_separator = if self.lexicon.decimal_comma { '.' } else { ',' };
            while let Some(next) = self.token(last + 1) {
                let gap = self.gap(last);
                let by_space = is_group_gap(gap) && text.len() <= 3 && !grouped || is_group_gap(gap) && grouped;
                if by_space && next.kind == TokenKind::Number && next.text.len() == 3 && digits.len() <= 3 {
                    text.push_str(next.text);
                    last += 1;
                    grouped = true;
                    continue;
                }
                if gap.is_empty() && next.is_punct(group_separator) && self.adjacent(last + 1) {
                    if let Some(after) = self.token(last + 2) {
                        if after.kind == TokenKind::Number && after.text.len() == 3 && digits.len() <= 3 {
                            text.push_str(after.text);
                            last += 2;
                            grouped = true;
                            continue;
                        }
                    }
                }
                break;
            }
            // Decimals: `1,5` (fr) or `1.5` (en); the other mark too when unambiguous.
            if let Some(mark) = self.token(last + 1) {
                let decimal_mark = mark.is_punct(',') && self.lexicon.decimal_comma
                    || mark.is_punct('.') && !self.lexicon.decimal_comma
                    || mark.is_punct('.') && self.lexicon.decimal_comma && !grouped;
                if decimal_mark && self.adjacent(last) && self.adjacent(last + 1) {
                    if let Some(after) = self.token(last + 2) {
                        let (fraction, fraction_suffix) = split_digits(after.text).unwrap_or(("", ""));
                        // `$11.5bn`, `2.5%`: the scale or percent sign is glued to the
                        // fraction; it belongs to the whole number, not to `5`.
                        let glued = !fraction_suffix.is_empty()
                            && (self
                                .lexicon
                                .scales
                                .contains_key(&recoupe_core::fold_key(fraction_suffix))
                                || fraction_suffix == "%");
                        if !fraction.is_empty() && (fraction_suffix.is_empty() || glued) {
                            text.push('.');
                            text.push_str(fraction);
                            last += 2;
                            decimal = true;
                            if glued {
                                suffix = fraction_suffix;
                            }
                        }
                    }
                }
            }
        }
        let value: f64 = text.parse().ok()?;
        let folded_suffix = recoupe_core::fold_key(suffix);
        let ordinal = !suffix.is_empty() && self.lexicon.ordinal_suffixes.contains(&folded_suffix);
        Some(Number {
            value,
            first: i,
            last,
            plain_four_digits: digits.len() == 4 && !grouped && !decimal && suffix.is_empty(),
            weak: false,
            suffix: (!suffix.is_empty()).then_some(folded_suffix),
            ordinal,
        })
    }

    /// Number words at `i` (`trois`, `vingt-cinq`, `two hundred`).
    fn words_at(&self, i: usize) -> Option<Number> {
        let mut total = 0.0;
        let mut current = 0.0;
        let mut last = None;
        let mut k = i;
        let mut count = 0;
        while let Some(token) = self.token(k) {
            if token.kind != TokenKind::Word || (k > i && !self.on_same_line(k - 1)) {
                break;
            }
            let mut parts_value = Vec::new();
            for part in token.folded.split('-') {
                match self.lexicon.number_words.get(part) {
                    Some(v) => parts_value.push(*v),
                    None => {
                        parts_value.clear();
                        break;
                    }
                }
            }
            if parts_value.is_empty() {
                if let Some(v) = self.lexicon.number_words.get(token.folded.as_str()) {
                    parts_value.push(*v);
                } else {
                    break;
                }
            }
            if count > 0 && self.lexicon.weak_number_words.contains(token.folded.as_str()) {
                break;
            }
            for v in parts_value {
                if v == 100.0 {
                    current = if current == 0.0 { 100.0 } else { current * 100.0 };
                } else if v == 1000.0 {
                    total += if current == 0.0 { 1000.0 } else { current * 1000.0 };
                    current = 0.0;
                } else {
                    current += v;
                }
            }
            last = Some(k);
            count += 1;
            k += 1;
        }
        let last = last?;
        let weak = count == 1
            && self
                .token(i)
                .is_some_and(|t| self.lexicon.weak_number_words.contains(t.folded.as_str()));
        Some(Number {
            value: total + current,
            first: i,
            last,
            plain_four_digits: false,
            weak,
            suffix: None,
            ordinal: false,
        })
    }

    fn ordinal_word_at(&self, i: usize) -> Option<Number> {
        let token = self.token(i)?;
        if token.kind != TokenKind::Word
            || token.is_capitalised() && i > 0 && !self.token(i - 1).is_some_and(|t| t.is_punct('.'))
        {
            // `Premier ministre`, `Second Empire`: names, not ranks (except at a sentence start).
            if token.is_capitalised() {
                return None;
            }
        }
        let value = *self.lexicon.ordinals.get(token.folded.as_str())?;
        if value < 0.0 {
            return None;
        }
        Some(Number {
            value,
            first: i,
            last: i,
            plain_four_digits: false,
            weak: false,
            suffix: None,
            ordinal: true,
        })
    }

    fn is_month(&self, i: usize) -> bool {
        self.token(i)
            .is_some_and(|t| self.lexicon.months.contains(t.folded.as_str()))
    }

    /// The number is part of a date or time (`23 juin`, `du 21 au 26 juin`,
    /// `juin 2025`, `15:36`, `15h30`, `cinq jours`).
    fn in_date_or_time(&self, number: &Number) -> bool {
        let before = number.first.checked_sub(1).and_then(|k| self.token(k));
        if before.is_some_and(|t| {
            self.lexicon.months.contains(t.folded.as_str()) || self.lexicon.weekdays.contains(t.folded.as_str())
        }) {
            return true;
        }
        if number
            .suffix
            .as_deref()
            .is_some_and(|s| s == "h" || s.starts_with('h') && s[1..].chars().all(|c| c.is_ascii_digit()))
        {
            return true;
        }
        if let Some(next) = self.token(number.last + 1) {
            if (next.is_punct(':') || next.folded == "h") && self.adjacent(number.last) {
                return true;
            }
            if next.folded == "h" {
                return true;
            }
        }
        // Skip over `au 26`, `ou vendredi 27`, `-26` to find a month.
        for k in number.last + 1..number.last + 7 {
            let Some(token) = self.token(k) else { break };
            if self.is_month(k) {
                return true;
            }
            let connector = matches!(
                token.folded.as_str(),
                "au" | "et" | "ou" | "a" | "à" | "to" | "and" | "or" | "-" | "–" | "/" | "," | "er" | "de"
            ) || token.kind == TokenKind::Number
                || self.lexicon.weekdays.contains(token.folded.as_str())
                || token.kind == TokenKind::Punct && (token.text == "-" || token.text == "–");
            if !connector {
                break;
            }
        }
        if let Some(next) = self.token(number.last + 1) {
            if self.lexicon.time_units.contains(next.folded.as_str()) {
                return true;
            }
        }
        false
    }

    fn quantity_at(&self, i: usize) -> Option<(QuantityMention, usize)> {
        let token = self.token(i)?;
        let number = match token.kind {
            TokenKind::Number => self.digits_at(i)?,
            TokenKind::Word if token.text.starts_with(|c: char| c.is_ascii_digit()) => self.digits_at(i)?,
            TokenKind::Word => self.ordinal_word_at(i).or_else(|| self.words_at(i))?,
            TokenKind::Punct => return None,
        };
        if self.in_date_or_time(&number) {
            return None;
        }
        let mut kind = if number.ordinal {
            QuantityKind::Ordinal
        } else {
            QuantityKind::Number
        };
        let mut value = number.value;
        let mut unit: Option<String> = None;
        let mut counted: Option<String> = None;
        let mut per: Option<String> = None;
        let mut end = number.last;
        let mut start = number.first;
        let mut scaled = false;

        // Attached suffix (`35m`, `5km`, `2e`).
        if let Some(suffix) = &number.suffix {
            if number.ordinal {
                // handled below (counted noun)
            } else if let Some(scale) = self.lexicon.scales.get(suffix) {
                value *= scale;
                scaled = true;
            } else if let Some((_, unit_index)) = self.lexicon.units.longest_match(&[suffix.as_str()]) {
                unit = self.lexicon.unit_codes.get(unit_index).cloned();
                kind = QuantityKind::Measure;
            } else if suffix == "%" {
                kind = QuantityKind::Percent;
            } else {
                return None;
            }
        }

        // Currency written before (`$35 million`, `€1.5bn`, `USD 35`).
        if number.first > 0 && !number.ordinal {
            if let Some(before) = self.token(number.first - 1) {
                let code_before = self.lexicon.currencies.longest_match(&[before.folded.as_str()]);
                let symbol = before.kind == TokenKind::Punct || before.is_all_caps();
                if let (Some((_, index)), true) = (code_before, symbol) {
                    unit = self.lexicon.currency_codes.get(index).cloned();
                    kind = QuantityKind::Money;
                    start = number.first - 1;
                    // `US$`
                    if number.first >= 2 && self.adjacent(number.first - 2) {
                        if let Some(us) = self.token(number.first - 2) {
                            if us.text == "US" {
                                start = number.first - 2;
                            }
                        }
                    }
                }
            }
        }

        if number.ordinal {
            if let Some(noun) = self.counted_noun(end + 1) {
                counted = Some(noun);
            }
        } else {
            let mut k = end + 1;
            // Scale words (`millions`, `milliard`, `billion`, `bn`).
            if !scaled && self.on_same_line(end) {
                if let Some(next) = self.token(k) {
                    let single_letter = next.folded.chars().count() == 1;
                    if let Some(scale) = self.lexicon.scales.get(next.folded.as_str()) {
                        if !single_letter || self.adjacent(end) || kind == QuantityKind::Money {
                            value *= scale;
                            scaled = true;
                            end = k;
                            k += 1;
                        }
                    }
                }
            }
            if number.weak && !scaled {
                return None;
            }
            // `de`/`d'`/`of` between a scale and its currency, unit or noun.
            let linker = |s: &Self, k: usize| -> usize {
                match s.token(k) {
                    Some(t) if scaled && matches!(t.folded.as_str(), "de" | "d'" | "of") => k + 1,
                    _ => k,
                }
            };
            if kind != QuantityKind::Money && kind != QuantityKind::Measure && kind != QuantityKind::Percent {
                let j = linker(self, k);
                if let Some((len, _)) = self
                    .match_at(&self.lexicon.percent, k)
                    .filter(|_| self.on_same_line(end))
                {
                    kind = QuantityKind::Percent;
                    unit = Some("%".to_string());
                    end = k + len - 1;
                    k = end + 1;
                } else if let Some((len, index)) = self
                    .match_at(&self.lexicon.currencies, j)
                    .filter(|_| self.on_same_line(end))
                {
                    kind = QuantityKind::Money;
                    unit = self.lexicon.currency_codes.get(index).cloned();
                    end = j + len - 1;
                    k = end + 1;
                } else if let Some((len, index)) =
                    self.match_at(&self.lexicon.units, j).filter(|_| self.on_same_line(end))
                {
                    let unit_token = self.token(j);
                    let short = unit_token.is_some_and(|t| t.folded.chars().count() <= 1);
                    let attached = self.adjacent(end) && j == k;
                    if !short || attached || self.token(j + len).is_some_and(|t| t.is_punct('/')) {
                        kind = QuantityKind::Measure;
                        unit = self.lexicon.unit_codes.get(index).cloned();
                        end = j + len - 1;
                        k = end + 1;
                    }
                }
            } else if kind == QuantityKind::Money {
                // `$35 million`: the scale came after the symbol.
            }
            // Rates: `par an`, `/an`, `a year`, `per day`.
            if matches!(kind, QuantityKind::Measure | QuantityKind::Money) {
                if let (Some(marker), Some(per_unit)) = (self.token(k), self.token(k + 1)) {
                    if self.lexicon.per_markers.contains(marker.folded.as_str()) && self.on_same_line(k - 1) {
                        if let Some(code) = self.lexicon.per_units.get(per_unit.folded.as_str()) {
                            per = Some(code.clone());
                            end = k + 1;
                            if let Some(unit_code) = &unit {
                                if kind == QuantityKind::Measure {
                                    unit = Some(format!("{unit_code}/{code}"));
                                }
                            }
                        }
                    }
                }
            }
            if kind == QuantityKind::Number {
                let j = linker(self, k);
                if let Some(noun) = self.counted_noun(j).filter(|_| self.on_same_line(end)) {
                    counted = Some(noun);
                    kind = QuantityKind::Count;
                    end = j;
                } else if number.plain_four_digits && (1800.0..=2100.0).contains(&value) {
                    // A bare year.
                    return None;
                } else if matches!(token.kind, TokenKind::Word) && number.suffix.is_none() {
                    // A number word alone (`deux`) says too little to be a figure.
                    return None;
                }
            }
        }

        // Comparators before (`plus de`, `inférieur à`, `more than`).
        let mut comparator: Option<Comparator> = None;
        let look_back = start.min(5);
        if look_back > 0 {
            let words: Vec<&str> = (start - look_back..start)
                .map(|k| self.token(k).map_or("", |t| t.folded.as_str()))
                .collect();
            if let Some((len, index)) = self.lexicon.comparators.longest_match_ending(&words) {
                comparator = self.lexicon.comparator_values.get(index).copied();
                start -= len;
            }
        }
        let span_start = self.token(start)?.start;
        let span_end = self.token(end)?.end;
        let span = Span::new(span_start, span_end.max(span_start));
        let text = self.text.get(span.start..span.end)?.to_string();
        if kind == QuantityKind::Money && unit.is_none() {
            return None;
        }
        Some((
            QuantityMention {
                span,
                text,
                kind,
                value,
                unit,
                counted,
                per,
                comparator,
            },
            end + 1,
        ))
    }

    /// The noun after a number, when it is what the number counts.
    fn counted_noun(&self, k: usize) -> Option<String> {
        let token = self.token(k)?;
        if !token.is_lowercase_word()
            || self.lexicon.not_counted.contains(token.folded.as_str())
            || self.lexicon.function_words.contains(token.folded.as_str())
            || self.lexicon.months.contains(token.folded.as_str())
            || self.lexicon.time_units.contains(token.folded.as_str())
            || self.lexicon.number_words.contains_key(token.folded.as_str())
            || token.folded.chars().count() < 3
            || token.is_elision()
        {
            return None;
        }
        Some(token.text.to_lowercase())
    }
}

/// Splits `35m` into (`35`, `m`); `None` when the token does not start with a digit.
fn split_digits(token: &str) -> Option<(&str, &str)> {
    let end = token.find(|c: char| !c.is_ascii_digit()).unwrap_or(token.len());
    if end == 0 {
        return None;
    }
    let (digits, suffix) = token.split_at(end);
    if suffix.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((digits, suffix))
}

/// All figures in `text`, except numbers inside `time_spans` or dates.
pub fn find_quantities(text: &str, lexicon: &Lexicon, time_spans: &[Span]) -> Vec<QuantityMention> {
    let scanner = Scanner {
        text,
        tokens: tokenize(text),
        lexicon,
    };
    let mut found = Vec::new();
    let mut i = 0;
    // Time spans in text order are searched, not scanned, per figure: a text
    // with a hundred thousand figures and dates stays linear.
    let sorted = time_spans.windows(2).all(|w| w[0].start <= w[1].start);
    let longest = time_spans
        .iter()
        .map(|t| t.end.saturating_sub(t.start))
        .max()
        .unwrap_or(0);
    while i < scanner.tokens.len() {
        match scanner.quantity_at(i) {
            Some((mention, next)) => {
                let candidates = if sorted {
                    let lo = time_spans.partition_point(|t| t.start < mention.span.start.saturating_sub(longest));
                    let hi = time_spans.partition_point(|t| t.start < mention.span.end.max(mention.span.start + 1));
                    &time_spans[lo..hi.max(lo)]
                } else {
                    time_spans
                };
                let inside_time = candidates
                    .iter()
                    .any(|t| t.overlaps(mention.span) && number_overlaps_time(&scanner, &mention, *t));
                if !inside_time {
                    found.push(mention);
                }
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    found.sort_by_key(|q| (q.span.start, q.span.end));
    found
}

/// Whether the digits of a figure (not just its comparator or noun) fall inside a time span.
fn number_overlaps_time(scanner: &Scanner, mention: &QuantityMention, time: Span) -> bool {
    // Tokens are in text order: only those starting inside the figure are read.
    let lo = scanner.tokens.partition_point(|t| t.start < mention.span.start);
    let hi = scanner.tokens.partition_point(|t| t.start < mention.span.end);
    scanner.tokens[lo..hi.max(lo)]
        .iter()
        .filter(|t| mention.span.contains(Span::new(t.start, t.end)))
        .filter(|t| {
            t.text.starts_with(|c: char| c.is_ascii_digit())
                || scanner.lexicon.number_words.contains_key(t.folded.as_str())
                || scanner.lexicon.ordinals.contains_key(t.folded.as_str())
        })
        .any(|t| time.overlaps(Span::new(t.start, t.end)))
}
