//! Resolution: turns recognised expressions into TIMEX3-like values against the
//! publication date (deictic) or the previous date in the text (anaphoric).

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use recoupe_core::{Granularity, Span, TimeAnchor, TimeKind, TimeMention};

use crate::grammar::{Cand, Dir, Edge, Expr, GroupKind};
use crate::lexicon::{CalUnit, Lexicon};
use crate::tokens::{Token, TokenKind};

/// Tense of the sentence around a mention, from surface cues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    /// A modal (`devrait`, `should`): future enough for a weekday, not to move a month.
    WeakFuture,
    Unknown,
}

/// How many tokens away a tense cue may be and still date an expression.
const TENSE_WINDOW: usize = 12;

pub struct Resolver<'a> {
    pub text: &'a str,
    pub toks: &'a [Token<'a>],
    pub lex: &'a Lexicon,
    pub anchor: Option<NaiveDate>,
    /// The most recent day-level date in the text, for `la veille` and clock times.
    pub last_day: Option<(NaiveDate, Span)>,
    /// The last explicit year and the start of its sentence: `en 97 (en janvier...)`.
    pub last_year: Option<(i32, usize)>,
    /// Byte offsets of the characters that end a sentence for tense and year
    /// look-ups (`.`, `!`, `?`, `;`, line breaks), in order: a sentence's ends are
    /// found by binary search, not by walking the text, which a text without
    /// punctuation would make quadratic.
    stops: Vec<usize>,
}

fn is_sentence_stop(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b'\n' | b';')
}

/// What resolving one expression gives, before it becomes a mention.
struct Resolved {
    kind: TimeKind,
    value: Option<String>,
    granularity: Granularity,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    anchor: TimeAnchor,
    confidence: f32,
    /// The day this mention points at, to anchor later anaphora.
    day: Option<NaiveDate>,
}

impl Resolved {
    fn unresolved(kind: TimeKind, value: Option<String>, granularity: Granularity) -> Self {
        Resolved {
            kind,
            value,
            granularity,
            start: None,
            end: None,
            anchor: TimeAnchor::Unresolved,
            confidence: 0.3,
            day: None,
        }
    }

    fn absolute(kind: TimeKind, value: String, granularity: Granularity) -> Self {
        Resolved {
            kind,
            value: Some(value),
            granularity,
            start: None,
            end: None,
            anchor: TimeAnchor::Absolute,
            confidence: 1.0,
            day: None,
        }
    }
}

fn weekday_from(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn month_bounds(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

fn year_bounds(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?))
}

/// Month arithmetic on (year, month).
fn add_months(y: i32, m: u32, n: i64) -> Option<(i32, u32)> {
    let idx = i64::from(y)
        .checked_mul(12)?
        .checked_add(i64::from(m) - 1)?
        .checked_add(n)?;
    let y2 = i32::try_from(idx.div_euclid(12)).ok()?;
    let m2 = u32::try_from(idx.rem_euclid(12) + 1).ok()?;
    Some((y2, m2))
}

/// Expands a two-digit year next to the anchor (`98` in 1999 -> 1998, `05` in 2025 -> 2005).
pub fn expand_short_year(y: i32, anchor: Option<NaiveDate>) -> i32 {
    if y >= 100 {
        return y;
    }
    match anchor {
        Some(a) => {
            let century = a.year().div_euclid(100) * 100;
            let candidate = century + y;
            if candidate > a.year() + 10 {
                candidate - 100
            } else {
                candidate
            }
        }
        None if y >= 50 => 1900 + y,
        None => 2000 + y,
    }
}

impl<'a> Resolver<'a> {
    /// Tense cues in the sentence around bytes [start, end).
    pub fn new(text: &'a str, toks: &'a [Token<'a>], lex: &'a Lexicon, anchor: Option<NaiveDate>) -> Self {
        Resolver {
            text,
            toks,
            lex,
            anchor,
            last_day: None,
            last_year: None,
            stops: text
                .bytes()
                .enumerate()
                .filter(|(_, b)| is_sentence_stop(*b))
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// Start of the sentence holding byte `pos`.
    fn sentence_start(&self, pos: usize) -> usize {
        let pos = pos.min(self.text.len());
        let before = self.stops.partition_point(|&p| p < pos);
        before
            .checked_sub(1)
            .and_then(|i| self.stops.get(i))
            .map_or(0, |&stop| stop + 1)
    }

    /// Offset of the first sentence stop at or after `pos` (the text's end when none).
    fn sentence_end(&self, pos: usize) -> usize {
        let pos = pos.min(self.text.len());
        let i = self.stops.partition_point(|&p| p < pos);
        self.stops.get(i).copied().unwrap_or(self.text.len())
    }

    /// The year stated earlier in the same sentence, if any.
    fn sentence_year(&self, span: Span) -> Option<i32> {
        let (y, s) = self.last_year?;
        (s == self.sentence_start(span.start)).then_some(y)
    }

    pub fn tense(&self, start: usize, end: usize) -> Tense {
        let s = self.sentence_start(start);
        let e = self.sentence_end(end);
        // The nearest cue wins: a sentence often mixes a past clause with an announcement.
        let mut best: Option<(usize, Tense)> = None;
        let first = self.toks.partition_point(|t| t.start < s);
        let last = self.toks.partition_point(|t| t.start < e);
        // Only words within TENSE_WINDOW words of the mention can be its cue:
        // the tokens read are those, not the whole sentence (tokens are in
        // order and apart, so those before the mention end by `before_end`
        // and those after it start from `after_start`).
        let before_end = self.toks.partition_point(|t| t.end <= start).clamp(first, last);
        let after_start = self.toks.partition_point(|t| t.start < end).clamp(before_end, last);
        let mut from = before_end;
        let mut words = 0;
        while from > first && words <= TENSE_WINDOW {
            from -= 1;
            if self.toks.get(from).is_some_and(|t| t.kind == TokenKind::Word) {
                words += 1;
            }
        }
        let mut to = after_start;
        let mut words = 0;
        while to < last && words <= TENSE_WINDOW {
            if self.toks.get(to).is_some_and(|t| t.kind == TokenKind::Word) {
                words += 1;
            }
            to += 1;
        }
        for k in (from..before_end).chain(after_start..to) {
            let t = &self.toks[k];
            if t.end > e || t.kind != TokenKind::Word {
                continue;
            }
            let distance = if t.end <= start {
                self.toks[k..]
                    .iter()
                    .take_while(|x| x.end <= start)
                    .filter(|x| x.kind == TokenKind::Word)
                    .count()
            } else if t.start >= end {
                self.toks[..=k]
                    .iter()
                    .rev()
                    .take_while(|x| x.start >= end)
                    .filter(|x| x.kind == TokenKind::Word)
                    .count()
            } else {
                continue;
            };
            let future_form = !t.capitalised
                && t.norm.chars().count() >= 4
                && self
                    .lex
                    .future_suffixes
                    .iter()
                    .any(|suf| t.norm.ends_with(suf.as_str()));
            // `les modifications annoncées mercredi`: a participle right before the date.
            let participle_before = distance == 1
                && t.end <= start
                && self.is_strong_participle(k)
                && k.checked_sub(1).is_none_or(|p| {
                    self.lex.future_words.longest(self.toks, p).is_none()
                        && self.lex.non_past_before.longest(self.toks, p).is_none()
                });
            // `…ends on Friday, the ministry said`: the attribution's verb dates the
            // report, not the event, so it is no tense cue for a date before it.
            let attribution = self.lex.attribution_words.longest(self.toks, k).is_some()
                || self
                    .lex
                    .past_auxiliaries
                    .longest(self.toks, k)
                    .is_some_and(|(next, _)| self.lex.attribution_words.longest(self.toks, next).is_some());
            if t.start >= end && attribution {
                let between = self.text.get(end..t.start).unwrap_or("");
                if between.contains(',') {
                    continue;
                }
            }
            let cue = if future_form || self.lex.future_words.longest(self.toks, k).is_some() {
                Some(Tense::Future)
            } else if self.lex.weak_future_words.longest(self.toks, k).is_some() {
                Some(Tense::WeakFuture)
            } else if participle_before
                || (!t.capitalised
                    && t.norm.chars().count() > 4
                    && self.lex.past_suffixes.iter().any(|suf| t.norm.ends_with(suf.as_str()))
                    && k.checked_sub(1)
                        .is_none_or(|p| self.lex.non_past_before.longest(self.toks, p).is_none()))
                || self.lex.past_words.longest(self.toks, k).is_some()
                || self.is_compound_past(k)
            {
                Some(Tense::Past)
            } else {
                None
            };
            if let Some(cue) = cue {
                if distance <= TENSE_WINDOW && best.is_none_or(|(d, _)| distance < d) {
                    best = Some((distance, cue));
                }
            }
        }
        best.map_or(Tense::Unknown, |(_, t)| t)
    }

    /// `a estimé`, `est arrivé`, `has said`: an auxiliary as written (not `à`), then a
    /// word ending like a past participle.
    fn is_compound_past(&self, k: usize) -> bool {
        let Some((next, _)) = self.lex.past_auxiliaries.longest(self.toks, k) else {
            return false;
        };
        let Some(t) = self.toks.get(k) else {
            return false;
        };
        let raw = self
            .text
            .get(t.start..t.end)
            .unwrap_or("")
            .to_lowercase()
            .replace('\u{2019}', "'");
        if raw != t.norm {
            return false;
        }
        // The participle may come after an adverb (`a déjà annoncé`); `est prévu` is not past.
        (next..(next + 2).min(self.toks.len()))
            .any(|p| self.is_participle(p) && self.lex.future_words.longest(self.toks, p).is_none())
    }

    /// A word with an unambiguous participle ending (`annoncées`, `announced`).
    fn is_strong_participle(&self, p: usize) -> bool {
        let Some(w) = self.toks.get(p) else {
            return false;
        };
        let raw = self.text.get(w.start..w.end).unwrap_or("").to_lowercase();
        w.kind == TokenKind::Word
            && raw.chars().count() > 3
            && self
                .lex
                .strong_participle_endings
                .iter()
                .any(|e| raw.ends_with(e.as_str()))
    }

    /// A word ending like a past participle, as written (`annoncées`).
    fn is_participle(&self, p: usize) -> bool {
        let Some(w) = self.toks.get(p) else {
            return false;
        };
        let raw = self.text.get(w.start..w.end).unwrap_or("").to_lowercase();
        w.kind == TokenKind::Word
            && raw.chars().count() > 3
            && self.lex.participle_endings.iter().any(|e| raw.ends_with(e.as_str()))
    }

    fn span_of(&self, c: &Cand) -> Span {
        let start = self.toks.get(c.start).map_or(0, |t| t.start);
        let end = c
            .end
            .checked_sub(1)
            .and_then(|k| self.toks.get(k))
            .map_or(start, |t| t.end);
        Span::new(start, end.max(start))
    }

    /// Resolves candidates in text order; ranges and alternatives are merged into one
    /// mention unless `split_groups` (TimeML convention: one TIMEX3 per date).
    pub fn resolve_all(&mut self, cands: &[Cand], split_groups: bool) -> Vec<TimeMention> {
        let mut out = Vec::new();
        for (idx, c) in cands.iter().enumerate() {
            if c.parts.is_empty() {
                let m = match self.apposition(c, cands.get(idx + 1)) {
                    Some(r) => self.mention_from(c, r),
                    None => self.mention(c),
                };
                out.push(m);
                continue;
            }
            let parts: Vec<TimeMention> = c.parts.iter().map(|p| self.mention(p)).collect();
            if split_groups {
                out.extend(parts);
                continue;
            }
            out.push(self.merge(c, parts));
        }
        out
    }

    fn merge(&self, c: &Cand, parts: Vec<TimeMention>) -> TimeMention {
        let span = self.span_of(c);
        let text = span.slice(self.text).unwrap_or("").to_string();
        let first = parts.first().cloned();
        let last = parts.last().cloned();
        let (Some(first), Some(last)) = (first, last) else {
            return TimeMention {
                span,
                text,
                kind: TimeKind::Date,
                value: None,
                granularity: Granularity::Unknown,
                start: None,
                end: None,
                alternatives: Vec::new(),
                anchor: TimeAnchor::Unresolved,
                confidence: 0.0,
                hedged: c.hedged,
            };
        };
        let confidence = parts.iter().map(|p| p.confidence).fold(1.0f32, f32::min);
        let start = parts.iter().filter_map(|p| p.start).min();
        let end = parts.iter().filter_map(|p| p.end).max();
        match c.group {
            Some(GroupKind::Alternative) => TimeMention {
                span,
                text,
                kind: first.kind,
                value: first.value.clone(),
                granularity: first.granularity,
                start,
                end,
                alternatives: parts.iter().filter_map(|p| p.value.clone()).collect(),
                anchor: first.anchor.clone(),
                confidence: confidence.min(0.7),
                hedged: true,
            },
            _ => {
                // A range: ISO 8601 interval of its two ends.
                let value = match (&first.value, &last.value) {
                    (Some(a), Some(b)) => Some(format!("{a}/{b}")),
                    _ => None,
                };
                TimeMention {
                    span,
                    text,
                    kind: TimeKind::Date,
                    value,
                    granularity: first.granularity,
                    start,
                    end,
                    alternatives: Vec::new(),
                    anchor: first.anchor.clone(),
                    confidence,
                    hedged: c.hedged,
                }
            }
        }
    }

    /// `la veille, dimanche 22 juin`: an anaphoric day explained by the date in apposition
    /// right after it takes that date.
    fn apposition(&self, c: &Cand, next: Option<&Cand>) -> Option<Resolved> {
        let Expr::DayOffset {
            anaphoric: true,
            part: None,
            clock: None,
            ..
        } = c.expr
        else {
            return None;
        };
        let next = next?;
        let Expr::Cal {
            day: Some(_),
            month: Some(_),
            ..
        } = next.expr
        else {
            return None;
        };
        if !next.parts.is_empty() || next.start != c.end + 1 {
            return None;
        }
        let gap = self.toks.get(c.end)?;
        if gap.norm != "," && gap.norm != "(" {
            return None;
        }
        let span = self.span_of(next);
        let day = self.resolve(next, span).day?;
        Some(self.day_value(day, &None, None, TimeAnchor::Mention { date: day, span }, 0.9))
    }

    fn mention(&mut self, c: &Cand) -> TimeMention {
        let span = self.span_of(c);
        let r = self.resolve(c, span);
        self.mention_from(c, r)
    }

    fn mention_from(&mut self, c: &Cand, r: Resolved) -> TimeMention {
        let span = self.span_of(c);
        if let Some(day) = r.day {
            self.last_day = Some((day, span));
        }
        let stated_year = match &c.expr {
            Expr::Year { year, short, .. } => Some(if *short {
                expand_short_year(*year, self.anchor)
            } else {
                *year
            }),
            Expr::Cal {
                year: Some(y),
                short_year,
                ..
            } => Some(if *short_year {
                expand_short_year(*y, self.anchor)
            } else {
                *y
            }),
            _ => None,
        };
        if let Some(y) = stated_year {
            self.last_year = Some((y, self.sentence_start(span.start)));
        }
        TimeMention {
            span,
            text: span.slice(self.text).unwrap_or("").to_string(),
            kind: r.kind,
            value: r.value,
            granularity: r.granularity,
            start: r.start,
            end: r.end,
            alternatives: Vec::new(),
            anchor: r.anchor,
            confidence: r.confidence,
            hedged: c.hedged,
        }
    }

    fn publication(&self, d: NaiveDate) -> TimeAnchor {
        TimeAnchor::Publication { date: d }
    }

    /// A day (plus an optional clock or part of day) as a resolved mention.
    fn day_value(
        &self,
        d: NaiveDate,
        part: &Option<String>,
        clock: Option<(u32, u32)>,
        anchor: TimeAnchor,
        confidence: f32,
    ) -> Resolved {
        let (kind, value, granularity) = match (clock, part) {
            (Some((h, m)), _) => (TimeKind::Time, format!("{}T{h:02}:{m:02}", ymd(d)), Granularity::Minute),
            (None, Some(p)) => (TimeKind::Time, format!("{}T{p}", ymd(d)), Granularity::PartOfDay),
            (None, None) => (TimeKind::Date, ymd(d), Granularity::Day),
        };
        Resolved {
            kind,
            value: Some(value),
            granularity,
            start: Some(d),
            end: Some(d),
            anchor,
            confidence,
            day: Some(d),
        }
    }

    fn resolve(&self, c: &Cand, span: Span) -> Resolved {
        match &c.expr {
            Expr::Cal {
                year,
                month,
                day,
                weekday,
                dir,
                part,
                clock,
                edge,
                short_year,
            } => {
                let year = year
                    .map(|y| {
                        if *short_year {
                            expand_short_year(y, self.anchor)
                        } else {
                            y
                        }
                    })
                    // `en 97 (en janvier...)`: a lone month takes the year just stated.
                    .or_else(|| {
                        let lone_month = month.is_some() && day.is_none() && *dir == Dir::Auto;
                        if lone_month {
                            self.sentence_year(span)
                        } else {
                            None
                        }
                    });
                self.resolve_cal(year, *month, *day, *weekday, *dir, part, *clock, *edge, span)
            }
            Expr::DayOffset {
                days,
                anaphoric,
                part,
                clock,
            } => {
                let base = if *anaphoric {
                    match self.last_day {
                        Some((d, s)) => Some((d, TimeAnchor::Mention { date: d, span: s }, 0.8)),
                        None => self.anchor.map(|a| (a, self.publication(a), 0.6)),
                    }
                } else {
                    self.anchor.map(|a| (a, self.publication(a), 0.9))
                };
                match base.and_then(|(d, anchor, conf)| shift_days(d, *days).map(|x| (x, anchor, conf))) {
                    Some((d, anchor, conf)) => self.day_value(d, part, *clock, anchor, conf),
                    None => {
                        let kind = if part.is_some() || clock.is_some() {
                            TimeKind::Time
                        } else {
                            TimeKind::Date
                        };
                        Resolved::unresolved(kind, None, Granularity::Day)
                    }
                }
            }
            Expr::UnitOffset { unit, n, edge } => self.resolve_unit_offset(*unit, *n, *edge, span),
            Expr::Shift { amount, unit } => self.resolve_shift(*amount, unit),
            Expr::Year { year, short, .. } => {
                let year = &if *short {
                    expand_short_year(*year, self.anchor)
                } else {
                    *year
                };
                let mut r = Resolved::absolute(TimeKind::Date, format!("{year:04}"), Granularity::Year);
                if let Some((s, e)) = year_bounds(*year) {
                    r.start = Some(s);
                    r.end = Some(e);
                }
                r
            }
            Expr::Decade { decade, .. } => {
                let mut r = Resolved::absolute(TimeKind::Date, format!("{decade}X"), Granularity::Decade);
                r.start = NaiveDate::from_ymd_opt(decade * 10, 1, 1);
                r.end = NaiveDate::from_ymd_opt(decade * 10 + 9, 12, 31);
                r
            }
            Expr::Century { century, .. } => {
                let c0 = century - 1;
                let mut r = Resolved::absolute(TimeKind::Date, format!("{c0:02}XX"), Granularity::Century);
                r.start = NaiveDate::from_ymd_opt(c0 * 100, 1, 1);
                r.end = NaiveDate::from_ymd_opt(c0 * 100 + 99, 12, 31);
                r
            }
            Expr::Season { code, year, generic } => match (year, self.anchor) {
                (None, _) if *generic => {
                    Resolved::absolute(TimeKind::Date, format!("XXXX-{code}"), Granularity::Season)
                }
                (Some(y), _) => {
                    let mut r = Resolved::absolute(TimeKind::Date, format!("{y:04}-{code}"), Granularity::Season);
                    if let Some((s, e)) = season_bounds(*y, code) {
                        r.start = Some(s);
                        r.end = Some(e);
                    }
                    r
                }
                (None, Some(a)) => Resolved {
                    kind: TimeKind::Date,
                    value: Some(format!("{:04}-{code}", a.year())),
                    granularity: Granularity::Season,
                    start: season_bounds(a.year(), code).map(|b| b.0),
                    end: season_bounds(a.year(), code).map(|b| b.1),
                    anchor: self.publication(a),
                    confidence: 0.7,
                    day: None,
                },
                (None, None) => Resolved::unresolved(TimeKind::Date, Some(format!("XXXX-{code}")), Granularity::Season),
            },
            Expr::PartOfYear { letter, n, year } => {
                let (y, anchor, confidence) = match (year, self.anchor) {
                    (Some(y), _) => (*y, TimeAnchor::Absolute, 1.0),
                    (None, Some(a)) => (a.year(), self.publication(a), 0.8),
                    (None, None) => {
                        return Resolved::unresolved(
                            TimeKind::Date,
                            Some(format!("XXXX-{letter}{n}")),
                            Granularity::Quarter,
                        )
                    }
                };
                let months = if *letter == 'Q' { 3 } else { 6 };
                let first_month = (n - 1) * months + 1;
                let start = NaiveDate::from_ymd_opt(y, first_month, 1);
                let end = add_months(y, first_month, i64::from(months) - 1)
                    .and_then(|(y2, m2)| month_bounds(y2, m2))
                    .map(|b| b.1);
                Resolved {
                    kind: TimeKind::Date,
                    value: Some(format!("{y:04}-{letter}{n}")),
                    granularity: Granularity::Quarter,
                    start,
                    end,
                    anchor,
                    confidence,
                    day: None,
                }
            }
            Expr::Duration { value } => Resolved::absolute(TimeKind::Duration, value.clone(), Granularity::Unknown),
            Expr::Set { value } => Resolved::absolute(TimeKind::Set, value.clone(), Granularity::Unknown),
            Expr::Reference { value } => {
                let mut r = Resolved::absolute(TimeKind::Time, value.clone(), Granularity::Unknown);
                if let Some(a) = self.anchor {
                    r.anchor = self.publication(a);
                }
                r.confidence = 0.8;
                r
            }
            Expr::Clock { hour, minute } => self.in_context_day(&None, Some((*hour, *minute))),
            Expr::PartOfDay { code } => self.in_context_day(&Some(code.clone()), None),
        }
    }

    /// A clock time or part of day on the day the text is talking about.
    fn in_context_day(&self, part: &Option<String>, clock: Option<(u32, u32)>) -> Resolved {
        let base = match (self.last_day, self.anchor) {
            (Some((d, s)), _) => Some((d, TimeAnchor::Mention { date: d, span: s })),
            (None, Some(a)) => Some((a, self.publication(a))),
            (None, None) => None,
        };
        match base {
            Some((d, anchor)) => {
                let mut r = self.day_value(d, part, clock, anchor, 0.7);
                // A clock does not move the reference day.
                r.day = None;
                r
            }
            None => {
                let value = match (clock, part) {
                    (Some((h, m)), _) => format!("XXXX-XX-XXT{h:02}:{m:02}"),
                    (None, Some(p)) => format!("XXXX-XX-XXT{p}"),
                    (None, None) => "XXXX-XX-XX".to_string(),
                };
                let granularity = if clock.is_some() {
                    Granularity::Minute
                } else {
                    Granularity::PartOfDay
                };
                Resolved::unresolved(TimeKind::Time, Some(value), granularity)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve_cal(
        &self,
        year: Option<i32>,
        month: Option<u32>,
        day: Option<u32>,
        weekday: Option<u32>,
        dir: Dir,
        part: &Option<String>,
        clock: Option<(u32, u32)>,
        edge: Option<Edge>,
        span: Span,
    ) -> Resolved {
        let kind = if part.is_some() || clock.is_some() {
            TimeKind::Time
        } else {
            TimeKind::Date
        };
        match (year, month, day) {
            (Some(y), Some(m), Some(d)) => match NaiveDate::from_ymd_opt(y, m, d) {
                Some(date) => self.day_value(date, part, clock, TimeAnchor::Absolute, 1.0),
                None => Resolved::unresolved(kind, None, Granularity::Day),
            },
            (None, Some(m), Some(d)) => {
                let Some(a) = self.anchor else {
                    return Resolved::unresolved(kind, Some(format!("XXXX-{m:02}-{d:02}")), Granularity::Day);
                };
                let mut options: Vec<NaiveDate> = (a.year() - 1..=a.year() + 1)
                    .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
                    .collect();
                if let Some(wd) = weekday {
                    let matching: Vec<NaiveDate> = options
                        .iter()
                        .copied()
                        .filter(|o| o.weekday() == weekday_from(wd))
                        .collect();
                    if !matching.is_empty() {
                        options = matching;
                    }
                }
                // Without `dernier`/`prochain`, the nearest occurrence: a past-tense sentence
                // still often names a coming deadline (`a donné jusqu'au 30 juin`).
                let chosen = match dir {
                    Dir::Past => options.iter().copied().filter(|o| *o <= a).max(),
                    Dir::Future => options.iter().copied().filter(|o| *o >= a).min(),
                    Dir::Auto => None,
                }
                .or_else(|| options.iter().copied().min_by_key(|o| (*o - a).num_days().abs()));
                match chosen {
                    Some(date) => self.day_value(date, part, clock, self.publication(a), 0.85),
                    None => Resolved::unresolved(kind, Some(format!("XXXX-{m:02}-{d:02}")), Granularity::Day),
                }
            }
            (Some(y), Some(m), None) => {
                let mut r = Resolved::absolute(TimeKind::Date, format!("{y:04}-{m:02}"), Granularity::Month);
                if let Some((s, e)) = month_bounds(y, m) {
                    let (s, e) = narrow(s, e, edge);
                    r.start = Some(s);
                    r.end = Some(e);
                }
                r
            }
            (None, Some(m), None) => {
                let Some(a) = self.anchor else {
                    return Resolved::unresolved(TimeKind::Date, Some(format!("XXXX-{m:02}")), Granularity::Month);
                };
                // Modal verbs (`devraient`) are too weak a cue to move a month to next year.
                let dir = match dir {
                    Dir::Auto => match self.tense(span.start, span.end) {
                        Tense::Past => Dir::Past,
                        Tense::Future => Dir::Future,
                        Tense::WeakFuture | Tense::Unknown => Dir::Auto,
                    },
                    d => d,
                };
                let y = match dir {
                    Dir::Past if m > a.month() => a.year() - 1,
                    Dir::Future if m < a.month() => a.year() + 1,
                    _ => a.year(),
                };
                let mut r = Resolved {
                    kind: TimeKind::Date,
                    value: Some(format!("{y:04}-{m:02}")),
                    granularity: Granularity::Month,
                    start: None,
                    end: None,
                    anchor: self.publication(a),
                    confidence: 0.8,
                    day: None,
                };
                if let Some((s, e)) = month_bounds(y, m) {
                    let (s, e) = narrow(s, e, edge);
                    r.start = Some(s);
                    r.end = Some(e);
                }
                r
            }
            (_, None, _) => {
                let Some(wd) = weekday else {
                    return match year {
                        Some(y) => Resolved::absolute(TimeKind::Date, format!("{y:04}"), Granularity::Year),
                        None => Resolved::unresolved(kind, None, Granularity::Unknown),
                    };
                };
                let Some(a) = self.anchor else {
                    let mut value = format!("XXXX-WXX-{wd}");
                    if let Some((h, m)) = clock {
                        value.push_str(&format!("T{h:02}:{m:02}"));
                    } else if let Some(p) = part {
                        value.push_str(&format!("T{p}"));
                    }
                    return Resolved::unresolved(kind, Some(value), Granularity::Day);
                };
                let target = weekday_from(wd);
                let back = (7 + a.weekday().num_days_from_monday() as i64 - target.num_days_from_monday() as i64) % 7;
                let fwd = (7 - back) % 7;
                let (Some(past_day), Some(next_day)) = (shift_days(a, -back), shift_days(a, fwd)) else {
                    return Resolved::unresolved(kind, None, Granularity::Day);
                };
                let dir = match dir {
                    Dir::Auto => match self.tense(span.start, span.end) {
                        Tense::Past => Dir::Past,
                        Tense::Future | Tense::WeakFuture => Dir::Future,
                        Tense::Unknown => Dir::Auto,
                    },
                    d => d,
                };
                let explicit = {
                    let t = span.slice(self.text).map(recoupe_core::fold_key).unwrap_or_default();
                    self.lex.past.entries_in(&t) || self.lex.future.entries_in(&t)
                };
                let date = match dir {
                    // `mercredi dernier` said on a Wednesday is a week ago.
                    Dir::Past if explicit && back == 0 => shift_days(a, -7).unwrap_or(past_day),
                    Dir::Future if explicit && fwd == 0 => shift_days(a, 7).unwrap_or(next_day),
                    Dir::Past => past_day,
                    Dir::Future => next_day,
                    Dir::Auto => {
                        if back <= fwd {
                            past_day
                        } else {
                            next_day
                        }
                    }
                };
                self.day_value(date, part, clock, self.publication(a), 0.8)
            }
        }
    }

    fn resolve_unit_offset(&self, unit: CalUnit, n: i64, edge: Option<Edge>, span: Span) -> Resolved {
        let Some(a) = self.anchor else {
            let (value, g) = match unit {
                CalUnit::Week => ("XXXX-WXX", Granularity::Week),
                CalUnit::Weekend => ("XXXX-WXX-WE", Granularity::Week),
                CalUnit::Month => ("XXXX-XX", Granularity::Month),
                CalUnit::Quarter => ("XXXX-QX", Granularity::Quarter),
                CalUnit::Half => ("XXXX-HX", Granularity::Quarter),
                CalUnit::Year => ("XXXX", Granularity::Year),
                CalUnit::Decade => ("XXX", Granularity::Decade),
                CalUnit::Century => ("XX", Granularity::Century),
                CalUnit::Day => ("XXXX-XX-XX", Granularity::Day),
            };
            return Resolved::unresolved(TimeKind::Date, Some(value.to_string()), g);
        };
        let mut r = Resolved {
            kind: TimeKind::Date,
            value: None,
            granularity: Granularity::Unknown,
            start: None,
            end: None,
            anchor: self.publication(a),
            confidence: 0.85,
            day: None,
        };
        match unit {
            CalUnit::Week | CalUnit::Weekend => {
                let mut weeks = n;
                // `ce week-end` told in the past tense early in the week is the one just gone.
                if unit == CalUnit::Weekend
                    && n == 0
                    && a.weekday().num_days_from_monday() < 4
                    && self.tense(span.start, span.end) == Tense::Past
                {
                    weeks = -1;
                }
                let Some(d) = weeks.checked_mul(7).and_then(|n| shift_days(a, n)) else {
                    return r;
                };
                let w = d.iso_week();
                let Some(monday) = shift_days(d, -i64::from(d.weekday().num_days_from_monday())) else {
                    return r;
                };
                if unit == CalUnit::Week {
                    r.value = Some(format!("{:04}-W{:02}", w.year(), w.week()));
                    r.start = Some(monday);
                    r.end = shift_days(monday, 6);
                } else {
                    r.value = Some(format!("{:04}-W{:02}-WE", w.year(), w.week()));
                    r.start = shift_days(monday, 5);
                    r.end = shift_days(monday, 6);
                }
                r.granularity = Granularity::Week;
            }
            CalUnit::Month => {
                if let Some((y, m)) = add_months(a.year(), a.month(), n) {
                    r.value = Some(format!("{y:04}-{m:02}"));
                    if let Some((s, e)) = month_bounds(y, m) {
                        let (s, e) = narrow(s, e, edge);
                        r.start = Some(s);
                        r.end = Some(e);
                    }
                }
                r.granularity = Granularity::Month;
            }
            CalUnit::Quarter | CalUnit::Half => {
                let (per_year, letter) = if unit == CalUnit::Quarter { (4, 'Q') } else { (2, 'H') };
                let months = 12 / per_year;
                let q = i64::from(a.month0() / months as u32) + n;
                let y = a.year() + q.div_euclid(per_year) as i32;
                let q = q.rem_euclid(per_year) + 1;
                r.value = Some(format!("{y:04}-{letter}{q}"));
                r.granularity = Granularity::Quarter;
            }
            CalUnit::Year | CalUnit::Day => {
                let y = a.year() + n as i32;
                r.value = Some(format!("{y:04}"));
                if let Some((s, e)) = year_bounds(y) {
                    let (s, e) = narrow(s, e, edge);
                    r.start = Some(s);
                    r.end = Some(e);
                }
                r.granularity = Granularity::Year;
            }
            CalUnit::Decade => {
                let d = a.year() / 10 + n as i32;
                r.value = Some(format!("{d}X"));
                r.granularity = Granularity::Decade;
            }
            CalUnit::Century => {
                let c = a.year() / 100 + n as i32;
                r.value = Some(format!("{c:02}XX"));
                r.granularity = Granularity::Century;
            }
        }
        r
    }

    fn resolve_shift(&self, amount: f64, unit: &str) -> Resolved {
        let Some(a) = self.anchor else {
            return Resolved::unresolved(TimeKind::Date, None, Granularity::Day);
        };
        let n = amount.round() as i64;
        let anchor = self.publication(a);
        match unit {
            "D" | "W" | "H" | "MIN" | "S" => {
                let days = match unit {
                    "D" => n,
                    "W" => n.saturating_mul(7),
                    _ => 0,
                };
                match shift_days(a, days) {
                    Some(d) => self.day_value(d, &None, None, anchor, 0.8),
                    None => Resolved::unresolved(TimeKind::Date, None, Granularity::Day),
                }
            }
            "M" => match add_months(a.year(), a.month(), n) {
                Some((y, m)) => {
                    let bounds = month_bounds(y, m);
                    Resolved {
                        kind: TimeKind::Date,
                        value: Some(format!("{y:04}-{m:02}")),
                        granularity: Granularity::Month,
                        start: bounds.map(|b| b.0),
                        end: bounds.map(|b| b.1),
                        anchor,
                        confidence: 0.75,
                        day: None,
                    }
                }
                None => Resolved::unresolved(TimeKind::Date, None, Granularity::Month),
            },
            _ => {
                let years = if unit == "Y" { n } else { (amount * 1.0).round() as i64 };
                let y = a.year() as i64 + years;
                let Ok(y) = i32::try_from(y) else {
                    return Resolved::unresolved(TimeKind::Date, None, Granularity::Year);
                };
                let bounds = year_bounds(y);
                Resolved {
                    kind: TimeKind::Date,
                    value: Some(format!("{y:04}")),
                    granularity: Granularity::Year,
                    start: bounds.map(|b| b.0),
                    end: bounds.map(|b| b.1),
                    anchor,
                    confidence: 0.75,
                    day: None,
                }
            }
        }
    }
}

/// Astronomical seasons of the northern hemisphere (winter runs into the next year).
fn season_bounds(y: i32, code: &str) -> Option<(NaiveDate, NaiveDate)> {
    let d = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    Some(match code {
        "SP" => (d(y, 3, 20)?, d(y, 6, 20)?),
        "SU" => (d(y, 6, 21)?, d(y, 9, 22)?),
        "FA" => (d(y, 9, 23)?, d(y, 12, 20)?),
        "WI" => (d(y, 12, 21)?, d(y + 1, 3, 19)?),
        _ => return None,
    })
}

/// `d` moved by `days`, or `None` past the calendar's range.
fn shift_days(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(days)?)
}

/// Narrows a period to its first, middle or last third for `début`, `mi-`, `fin`.
fn narrow(s: NaiveDate, e: NaiveDate, edge: Option<Edge>) -> (NaiveDate, NaiveDate) {
    let len = (e - s).num_days() + 1;
    let third = (len / 3).max(1);
    match edge {
        None => (s, e),
        Some(Edge::Start) => (s, shift_days(s, third - 1).unwrap_or(e)),
        Some(Edge::Mid) => (shift_days(s, third).unwrap_or(s), shift_days(e, -third).unwrap_or(e)),
        Some(Edge::End) => (shift_days(e, 1 - third).unwrap_or(s), e),
    }
}
