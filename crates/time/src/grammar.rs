//! Recognition: finds time expressions in a token stream and gives each an unresolved
//! meaning ([`Expr`]). Resolution against anchors happens in `resolve`.

use crate::lexicon::{CalUnit, Lexicon};
use crate::numbers::{century_word, number_at, words_value};
use crate::tokens::{Token, TokenKind};

/// Direction asked for by the words themselves (`dernier`, `prochain`, `ce`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Nothing said: inferred from tense and distance.
    Auto,
    Past,
    Future,
}

/// Part of a period (`début`, `mi-`, `fin`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Start,
    Mid,
    End,
}

/// What a mention means before it is anchored.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A calendar date, possibly partial: `23 juin 2025`, `juin`, `lundi`, `mardi soir`.
    Cal {
        year: Option<i32>,
        month: Option<u32>,
        day: Option<u32>,
        weekday: Option<u32>,
        dir: Dir,
        part: Option<String>,
        clock: Option<(u32, u32)>,
        edge: Option<Edge>,
        /// The year was written with two digits (`octobre 98`).
        short_year: bool,
    },
    /// `hier` (-1, deictic), `le lendemain` (+1, anaphoric), optionally with a part of day.
    DayOffset {
        days: i64,
        anaphoric: bool,
        part: Option<String>,
        clock: Option<(u32, u32)>,
    },
    /// `cette semaine` (0), `l'an dernier` (-1), `next month` (+1).
    UnitOffset {
        unit: CalUnit,
        n: i64,
        edge: Option<Edge>,
    },
    /// `il y a trois jours`, `two weeks ago`: a point that far from the anchor.
    Shift {
        amount: f64,
        unit: String,
    },
    Year {
        year: i32,
        edge: Option<Edge>,
        short: bool,
    },
    /// `les années 60`: the decade's first three digits (196).
    Decade {
        decade: i32,
        edge: Option<Edge>,
    },
    /// `le XIXe siècle`: the century number (19).
    Century {
        century: i32,
        edge: Option<Edge>,
    },
    /// `en été` without a determiner is any summer (`XXXX-SU`).
    Season {
        code: String,
        year: Option<i32>,
        generic: bool,
    },
    /// `le premier trimestre 2025`, `the second half of 2024`: quarter (Q) or half (H) `n`.
    PartOfYear {
        letter: char,
        n: u32,
        year: Option<i32>,
    },
    Duration {
        value: String,
    },
    Set {
        value: String,
    },
    Reference {
        value: String,
    },
    Clock {
        hour: u32,
        minute: u32,
    },
    PartOfDay {
        code: String,
    },
}

/// How several dates are joined in one expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    Range,
    Alternative,
}

/// One recognised expression: token range (end exclusive) and meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    pub hedged: bool,
    /// For `du 21 au 26 juin` / `26 ou 27 juin`: the parts, each with its own span.
    pub parts: Vec<Cand>,
    pub group: Option<GroupKind>,
}

impl Cand {
    fn new(start: usize, end: usize, expr: Expr) -> Self {
        Cand {
            start,
            end,
            expr,
            hedged: false,
            parts: Vec::new(),
            group: None,
        }
    }
}

pub struct Grammar<'a> {
    pub toks: &'a [Token<'a>],
    pub lex: &'a Lexicon,
}

fn cal(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> Expr {
    Expr::Cal {
        year,
        month,
        day,
        weekday: None,
        dir: Dir::Auto,
        part: None,
        clock: None,
        edge: None,
        short_year: false,
    }
}

impl<'a> Grammar<'a> {
    fn tok(&self, i: usize) -> Option<&Token<'a>> {
        self.toks.get(i)
    }

    fn norm(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.norm.as_ref())
    }

    fn glued(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// All candidates, left to right, longest match at each position.
    pub fn scan(&self) -> Vec<Cand> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            match self.best_at(i) {
                Some(found) => {
                    i = found.iter().map(|c| c.end).max().unwrap_or(i + 1).max(i + 1);
                    out.extend(found);
                }
                None => i += 1,
            }
        }
        out
    }

    fn best_at(&self, i: usize) -> Option<Vec<Cand>> {
        let single: [fn(&Self, usize) -> Option<Cand>; 15] = [
            Self::numeric_date,
            Self::day_month_date,
            Self::month_day_date,
            Self::month_expr,
            Self::year_expr,
            Self::relative_day,
            Self::weekday_expr,
            Self::unit_relative,
            Self::ago,
            Self::set_expr,
            Self::clock,
            Self::duration,
            Self::season,
            Self::reference_or_part,
            Self::part_of_year,
        ];
        let mut best: Option<Vec<Cand>> = None;
        let mut best_end = i;
        for parser in single {
            if let Some(c) = parser(self, i) {
                if c.end > best_end {
                    best_end = c.end;
                    best = Some(vec![c]);
                }
            }
        }
        if let Some(mut list) = self.date_list(i) {
            // `entre le 21 et le 26 juin`: a range, not two dates.
            let between = i > 0 && self.lex.range_between.longest(self.toks, i - 1).is_some();
            if between && list.len() == 2 {
                let second = list.pop();
                let first = list.pop();
                if let (Some(first), Some(second)) = (first, second) {
                    list = vec![self.group(first, second, GroupKind::Range)];
                }
            }
            let end = list.iter().map(|c| c.end).max().unwrap_or(i);
            if end > best_end {
                best = Some(list);
            }
        }
        best
    }

    // ---------- small pieces ----------

    /// A day of the month: `23`, `1er`, `21st`, `premier`. Returns (index after, day).
    fn day_number(&self, i: usize) -> Option<(usize, u32)> {
        let t = self.tok(i)?;
        match t.kind {
            TokenKind::Digits => {
                if t.norm.len() > 2 {
                    return None;
                }
                let d: u32 = t.norm.parse().ok()?;
                if !(1..=31).contains(&d) {
                    return None;
                }
                // Refuse a number glued to a decimal part or a clock mark (`21h`, `2,5`).
                let mut j = i + 1;
                if self.glued(i) {
                    let next = self.norm(i + 1);
                    if ["er", "re", "ere", "e", "eme", "st", "nd", "rd", "th"].contains(&next) {
                        j = i + 2;
                    } else if next == "." && self.month_at(i + 2).is_some() {
                        // `28. April` (German ordinal dot).
                        j = i + 2;
                    } else if next != "," && next != "." && next != "-" {
                        return None;
                    }
                }
                Some((j, d))
            }
            TokenKind::Word => {
                let d = *self.lex.ordinals.get(t.norm.as_ref())?;
                (d == 1).then_some((i + 1, d))
            }
            TokenKind::Punct => None,
        }
    }

    /// A four-digit year (1000..=2199), not part of a bigger number or a quantity.
    fn year_at(&self, i: usize) -> Option<(usize, i32)> {
        let t = self.tok(i)?;
        if t.kind != TokenKind::Digits || t.norm.len() != 4 {
            return None;
        }
        let y: i32 = t.norm.parse().ok()?;
        if !(1000..=2199).contains(&y) {
            return None;
        }
        // `2 000 000`, `1999,5`, `n°2003`: parts of other numbers.
        if let Some(prev) = i.checked_sub(1).and_then(|p| self.tok(p)) {
            if prev.kind == TokenKind::Digits || (prev.end == t.start && prev.norm != "(") {
                let allowed = prev.norm == "-" || prev.norm == "/" || prev.norm == "'";
                if !allowed || prev.kind == TokenKind::Digits {
                    return None;
                }
            }
        }
        if let Some(next) = self.tok(i + 1) {
            if next.kind == TokenKind::Digits && next.norm.len() == 3 {
                return None;
            }
            if (next.norm == "," || next.norm == ".")
                && next.start == t.end
                && self
                    .tok(i + 2)
                    .is_some_and(|n| n.kind == TokenKind::Digits && n.start == next.end)
            {
                return None;
            }
        }
        if self.lex.year_blockers.longest(self.toks, i + 1).is_some() {
            return None;
        }
        if i > 0 && self.lex.year_prev_blockers.longest(self.toks, i - 1).is_some() {
            return None;
        }
        Some((i + 1, y))
    }

    /// A year after a month or a day: four digits, or two (`octobre 98`, `'98`).
    fn trailing_year(&self, i: usize) -> Option<(usize, i32, bool)> {
        if let Some((j, y)) = self.year_at(i) {
            return Some((j, y, false));
        }
        // `28 de abril de 2025`: the day-month link also joins month and year.
        if let Some((k, _)) = self.lex.day_month_link.longest(self.toks, i) {
            if let Some((j, y)) = self.year_at(k) {
                return Some((j, y, false));
            }
        }
        let mut k = i;
        if self.norm(k) == "'" && self.glued(k) {
            k += 1;
        } else if !self.lex.bare_two_digit_years {
            return None;
        }
        let t = self.tok(k)?;
        if t.kind == TokenKind::Digits && t.norm.len() == 2 {
            // `juin 21 h`: a clock, not a year.
            if self.lex.hour_marks.longest(self.toks, k + 1).is_some() || self.norm(k + 1) == ":" {
                return None;
            }
            let y: i32 = t.norm.parse().ok()?;
            return Some((k + 1, y, true));
        }
        None
    }

    fn month_at(&self, i: usize) -> Option<(usize, u32)> {
        let (j, m) = self.lex.months.longest(self.toks, i)?;
        // `janv.`: swallow the abbreviation dot.
        let abbreviated = self.lex.months_needing_day.iter().any(|a| a == self.norm(i));
        let j = if abbreviated && self.norm(j) == "." && self.glued(j - 1) {
            j + 1
        } else {
            j
        };
        Some((j, m))
    }

    fn dir_after(&self, i: usize) -> (usize, Dir) {
        if self.lex.past.longest(self.toks, i).is_some() {
            return (i + 1, Dir::Past);
        }
        if self.lex.future.longest(self.toks, i).is_some() {
            return (i + 1, Dir::Future);
        }
        (i, Dir::Auto)
    }

    fn edge_at(&self, i: usize) -> Option<(usize, Edge)> {
        if let Some((j, _)) = self.lex.start.longest(self.toks, i) {
            return Some((j, Edge::Start));
        }
        if let Some((j, _)) = self.lex.mid.longest(self.toks, i) {
            return Some((j, Edge::Mid));
        }
        if let Some((j, _)) = self.lex.end.longest(self.toks, i) {
            return Some((j, Edge::End));
        }
        None
    }

    fn part_of_day(&self, i: usize) -> Option<(usize, String)> {
        self.lex.parts_of_day.longest(self.toks, i)
    }

    // ---------- dates ----------

    /// `23/06/2025`, `23.06.2025`, `2025-06-23` (all glued).
    fn numeric_date(&self, i: usize) -> Option<Cand> {
        let a = self.tok(i)?;
        if a.kind != TokenKind::Digits {
            return None;
        }
        let s1 = self.tok(i + 1)?;
        let b = self.tok(i + 2)?;
        let s2 = self.tok(i + 3)?;
        let c = self.tok(i + 4)?;
        let sep = s1.norm.as_ref();
        if !["/", ".", "-"].contains(&sep) || s2.norm != sep {
            return None;
        }
        if !(self.glued(i) && self.glued(i + 1) && self.glued(i + 2) && self.glued(i + 3)) {
            return None;
        }
        if b.kind != TokenKind::Digits || c.kind != TokenKind::Digits {
            return None;
        }
        let (y, m, d) = if a.norm.len() == 4 && sep == "-" {
            (a.norm.parse().ok()?, b.norm.parse().ok()?, c.norm.parse().ok()?)
        } else if c.norm.len() == 4 && a.norm.len() <= 2 && b.norm.len() <= 2 {
            let x: u32 = a.norm.parse().ok()?;
            let z: u32 = b.norm.parse().ok()?;
            let (d, m) = if self.lex.month_first && z <= 31 && x <= 12 {
                (z, x)
            } else {
                (x, z)
            };
            (c.norm.parse().ok()?, m, d)
        } else {
            return None;
        };
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        // A longer number chain (`1.2.3.4`) is not a date.
        if self.glued(i + 4)
            && self
                .tok(i + 5)
                .is_some_and(|t| t.kind == TokenKind::Digits || t.norm == sep)
        {
            return None;
        }
        Some(Cand::new(i, i + 5, cal(Some(y), Some(m), Some(d))))
    }

    /// Optional determiner/demonstrative and weekday before a day number.
    fn date_prefix(&self, i: usize) -> (usize, Option<u32>) {
        let mut j = i;
        if self.lex.determiners.longest(self.toks, j).is_some() || self.lex.this.longest(self.toks, j).is_some() {
            j += 1;
        }
        if let Some((k, wd)) = self.lex.weekdays.longest(self.toks, j) {
            let k = if self.norm(k) == "," { k + 1 } else { k };
            return (k, Some(wd));
        }
        if j > i {
            (j, None)
        } else {
            (i, None)
        }
    }

    /// Year (optional), then `dernier`/`prochain` (optional), after a month.
    fn date_tail(&self, j: usize) -> (usize, Option<i32>, bool, Dir) {
        let (mut j, mut year, mut short) = (j, None, false);
        let k = if self.norm(j) == "," && self.lex.month_first {
            j + 1
        } else {
            j
        };
        if let Some((k2, y, s)) = self.trailing_year(k) {
            j = k2;
            year = Some(y);
            short = s;
        }
        let (j, dir) = if year.is_none() {
            self.dir_after(j)
        } else {
            (j, Dir::Auto)
        };
        (j, year, short, dir)
    }

    /// `23 juin 2025`, `lundi 23 juin`, `le 1er mai 1962`, `du 21 au 26 juin`,
    /// `jeudi 26 ou vendredi 27 juin`, `23 June 2025`, `the 23rd of June`.
    fn day_month_date(&self, i: usize) -> Option<Cand> {
        let (j, weekday) = self.date_prefix(i);
        let (mut j, day) = self.day_number(j)?;
        if let Some((k, _)) = self.lex.day_month_link.longest(self.toks, j) {
            if self.month_at(k).is_some() {
                j = k;
            }
        }
        if let Some((k, month)) = self.month_at(j) {
            let (end, year, short, dir) = self.date_tail(k);
            let first = Cand::new(
                i,
                end,
                Expr::Cal {
                    year,
                    month: Some(month),
                    day: Some(day),
                    weekday,
                    dir,
                    part: None,
                    clock: None,
                    edge: None,
                    short_year: short,
                },
            );
            // `du 28 juin au 2 juillet`: a range across months, only after `du`/`from`.
            let opened = i > 0 && self.lex.range_from.longest(self.toks, i - 1).is_some();
            if opened {
                if let Some((k2, _)) = self.lex.range_to.longest(self.toks, end) {
                    if let Some(second) = self.day_month_date(k2) {
                        if second.parts.is_empty() {
                            return Some(self.group(first, second, GroupKind::Range));
                        }
                    }
                }
            }
            return Some(first);
        }
        // `21 au 26 juin`, `26 ou 27 juin`: the first day borrows month and year.
        let kind = if self.lex.range_to.longest(self.toks, j).is_some() {
            GroupKind::Range
        } else if self.lex.alternative.longest(self.toks, j).is_some() {
            GroupKind::Alternative
        } else {
            return None;
        };
        let (k, _) = self
            .lex
            .range_to
            .longest(self.toks, j)
            .or_else(|| self.lex.alternative.longest(self.toks, j))?;
        let second = self.day_month_date(k)?;
        if !second.parts.is_empty() {
            return None;
        }
        let Expr::Cal { day: Some(d2), .. } = second.expr else {
            return None;
        };
        if kind == GroupKind::Range && d2 <= day {
            return None;
        }
        let first = borrowing_month(i, j, day, weekday, &second)?;
        Some(self.group(first, second, kind))
    }

    fn group(&self, first: Cand, second: Cand, kind: GroupKind) -> Cand {
        let mut c = Cand::new(first.start, second.end, first.expr.clone());
        c.hedged = kind == GroupKind::Alternative;
        c.group = Some(kind);
        c.parts = vec![first, second];
        c
    }

    /// `les 6 et 13 avril`: separate dates sharing a month.
    fn date_list(&self, i: usize) -> Option<Vec<Cand>> {
        let (j, weekday) = self.date_prefix(i);
        let (j, day) = self.day_number(j)?;
        let (k, _) = self.lex.list_and.longest(self.toks, j)?;
        let second = self.day_month_date(k)?;
        if !second.parts.is_empty() {
            return None;
        }
        let first = borrowing_month(i, j, day, weekday, &second)?;
        Some(vec![first, second])
    }

    /// `June 23, 2025`, `Monday, June 23`, `June 21-26, 2025`, `June 26 or 27`.
    fn month_day_date(&self, i: usize) -> Option<Cand> {
        if !self.lex.month_first {
            return None;
        }
        let (j, weekday) = self.date_prefix(i);
        let (j, month) = self.month_at(j)?;
        let (j, day) = self.day_number(j)?;
        // `June 21 h`: not a day.
        let make = |start: usize, end: usize, day: u32, year: Option<i32>, dir: Dir, short: bool| {
            Cand::new(
                start,
                end,
                Expr::Cal {
                    year,
                    month: Some(month),
                    day: Some(day),
                    weekday,
                    dir,
                    part: None,
                    clock: None,
                    edge: None,
                    short_year: short,
                },
            )
        };
        // `June 21-26, 2025` / `June 26 or 27`.
        let joined = self
            .lex
            .range_to
            .longest(self.toks, j)
            .map(|(k, _)| (k, GroupKind::Range))
            .or_else(|| {
                self.lex
                    .alternative
                    .longest(self.toks, j)
                    .map(|(k, _)| (k, GroupKind::Alternative))
            });
        if let Some((k, kind)) = joined {
            if let Some((k2, d2)) = self.day_number(k) {
                if kind == GroupKind::Alternative || d2 > day {
                    let (end, year, short, dir) = self.date_tail(k2);
                    let first = make(i, j, day, year, dir, short);
                    let second = make(k, end, d2, year, dir, short);
                    return Some(self.group(first, second, kind));
                }
            }
        }
        let (end, year, short, dir) = self.date_tail(j);
        let first = make(i, end, day, year, dir, short);
        // `from June 28 to July 2`, `between June 21 and June 26`.
        let opened = i > 0 && self.lex.range_from.longest(self.toks, i - 1).is_some();
        if opened {
            if let Some((k2, _)) = self.lex.range_to.longest(self.toks, end) {
                if let Some(second) = self.month_day_date(k2) {
                    if second.parts.is_empty() {
                        return Some(self.group(first, second, GroupKind::Range));
                    }
                }
            }
        }
        Some(first)
    }

    /// `juin`, `en mai 2025`, `mois de juin`, `fin septembre 2000`, `mi-juin`, `juin dernier`.
    fn month_expr(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut edge = None;
        if let Some((k, e)) = self.edge_at(j) {
            edge = Some(e);
            j = k;
        }
        let mut introduced = edge.is_some();
        if let Some((k, _)) = self.lex.month_of.longest(self.toks, j) {
            j = k;
            introduced = true;
        }
        let (k, month) = self.month_at(j)?;
        let (end, year, short, dir) = self.date_tail(k);
        // Abbreviations need a year here (a day is handled by the date parsers).
        if year.is_none() && self.lex.months_needing_day.iter().any(|m| m == self.norm(j)) {
            return None;
        }
        // Lone month names that are also ordinary words need a cue.
        let ambiguous = self.lex.months_needing_cue.iter().any(|m| m == self.norm(j));
        if ambiguous && year.is_none() && dir == Dir::Auto && !introduced {
            let cued = j > 0
                && self.lex.month_prepositions.longest(self.toks, j - 1).is_some()
                && !self.tok(j).is_some_and(|t| t.capitalised && !self.lex.month_first);
            let en_cased = !self.lex.month_first || self.tok(j).is_some_and(|t| t.capitalised);
            if !(cued && en_cased) {
                return None;
            }
        }
        if self.lex.month_first && !introduced && self.tok(j).is_some_and(|t| !t.capitalised) {
            return None;
        }
        Some(Cand::new(
            i,
            end,
            Expr::Cal {
                year,
                month: Some(month),
                day: None,
                weekday: None,
                dir,
                part: None,
                clock: None,
                edge,
                short_year: short,
            },
        ))
    }

    /// `2025`, `l'année 2001`, `fin 2024`, `les années 60`, `the 1960s`, `le XIXe siècle`.
    fn year_expr(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut edge = None;
        if let Some((k, e)) = self.edge_at(j) {
            edge = Some(e);
            j = k;
        }
        // Decades.
        if let Some((k, _)) = self.lex.decade.longest(self.toks, j) {
            if let Some(t) = self.tok(k) {
                if t.kind == TokenKind::Digits {
                    let decade = match t.norm.len() {
                        2 => t.norm.parse::<i32>().ok().filter(|v| v % 10 == 0).map(|v| 190 + v / 10),
                        4 => t.norm.parse::<i32>().ok().filter(|v| v % 10 == 0).map(|v| v / 10),
                        _ => None,
                    };
                    if let Some(decade) = decade {
                        return Some(Cand::new(i, k + 1, Expr::Decade { decade, edge }));
                    }
                }
            }
        }
        // `the 1960s`, `1960s`.
        let det = usize::from(self.lex.determiners.longest(self.toks, j).is_some());
        if let Some(t) = self.tok(j + det) {
            if t.kind == TokenKind::Digits && t.norm.len() == 4 && self.glued(j + det) && self.norm(j + det + 1) == "s"
            {
                if let Ok(v) = t.norm.parse::<i32>() {
                    if v % 10 == 0 {
                        return Some(Cand::new(i, j + det + 2, Expr::Decade { decade: v / 10, edge }));
                    }
                }
            }
        }
        // Centuries: `XIXe siècle`, `19e siècle`, `the 19th century`.
        let c0 = j + det;
        let century = match self.tok(c0) {
            Some(t) if t.kind == TokenKind::Word => century_word(&t.norm).map(|c| (c0 + 1, c)),
            Some(t) if t.kind == TokenKind::Digits && self.glued(c0) => {
                let suffix = self.norm(c0 + 1);
                let n: Option<u32> = t.norm.parse().ok();
                match n {
                    Some(n) if n <= 30 && ["e", "eme", "th", "st", "nd", "rd"].contains(&suffix) => Some((c0 + 2, n)),
                    _ => None,
                }
            }
            _ => None,
        };
        if let Some((k, c)) = century {
            if let Some((k2, _)) = self.lex.century.longest(self.toks, k) {
                return Some(Cand::new(
                    i,
                    k2,
                    Expr::Century {
                        century: c as i32,
                        edge,
                    },
                ));
            }
        }
        // Plain years, with `l'année` / `l'an` kept in the span.
        let mut k = j;
        if let Some((k2, _)) = self.lex.year_of.longest(self.toks, k) {
            if self.year_at(k2).is_some() {
                k = k2;
            }
        }
        if let Some((end, year)) = self.year_at(k) {
            return Some(Cand::new(
                i,
                end,
                Expr::Year {
                    year,
                    edge,
                    short: false,
                },
            ));
        }
        // `en 97`: a two-digit year after a preposition, when nothing makes it a quantity.
        let t = self.tok(k)?;
        let after_preposition = k > 0 && self.lex.short_year_prepositions.longest(self.toks, k - 1).is_some();
        if after_preposition && t.kind == TokenKind::Digits && t.norm.len() == 2 {
            // Only a year when followed by punctuation (not a decimal part) or a function word.
            let next = self.tok(k + 1);
            let decimal = self.glued(k)
                && self
                    .tok(k + 2)
                    .is_some_and(|n| n.kind == TokenKind::Digits && self.glued(k + 1));
            let quantity = decimal
                || match next {
                    None => false,
                    Some(n) if n.kind == TokenKind::Punct => n.norm == "%",
                    Some(n) if n.kind == TokenKind::Word => self.glued(k) || !self.is_function_word(k + 1),
                    Some(_) => true,
                };
            if !quantity {
                let year: i32 = t.norm.parse().ok()?;
                return Some(Cand::new(
                    k,
                    k + 1,
                    Expr::Year {
                        year,
                        edge,
                        short: true,
                    },
                ));
            }
        }
        None
    }

    /// `le premier trimestre 2025`, `au 2e semestre`, `the first quarter of 2025`.
    fn part_of_year(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        if self.lex.determiners.longest(self.toks, j).is_some() || self.lex.this.longest(self.toks, j).is_some() {
            j += 1;
        }
        let t = self.tok(j)?;
        let (k, n) = match t.kind {
            TokenKind::Word => (j + 1, *self.lex.ordinals.get(t.norm.as_ref())?),
            TokenKind::Digits if self.glued(j) => {
                let suffix = self.norm(j + 1);
                if !["er", "re", "e", "eme", "st", "nd", "rd", "th"].contains(&suffix) {
                    return None;
                }
                (j + 2, t.norm.parse().ok()?)
            }
            _ => return None,
        };
        let (k, unit) = self.lex.calendar_units.longest(self.toks, k)?;
        let (letter, max) = match unit {
            CalUnit::Quarter => ('Q', 4),
            CalUnit::Half => ('H', 2),
            _ => return None,
        };
        if !(1..=max).contains(&n) {
            return None;
        }
        // `du premier trimestre 2025`, `of 2025`.
        let link = self.lex.part_of_day_link.longest(self.toks, k).map_or(k, |(k2, _)| k2);
        let (end, year) = match self.year_at(link).or_else(|| self.year_at(k)) {
            Some((e, y)) => (e, Some(y)),
            None => (k, None),
        };
        Some(Cand::new(i, end, Expr::PartOfYear { letter, n, year }))
    }

    // ---------- relative ----------

    /// `hier`, `hier soir`, `aujourd'hui`, `demain matin`, `ce soir`, `la veille`,
    /// `le lendemain matin`, `yesterday`, `the next day`, `last night`.
    fn relative_day(&self, i: usize) -> Option<Cand> {
        if let Some((j, code)) = self.lex.this_part_of_day.longest(self.toks, i) {
            let (code, days) = split_part_code(&code);
            return Some(Cand::new(
                i,
                j,
                Expr::DayOffset {
                    days,
                    anaphoric: false,
                    part: Some(code),
                    clock: None,
                },
            ));
        }
        let (j, days, anaphoric) = if let Some((j, d)) = self.lex.day_offsets.longest(self.toks, i) {
            (j, d, false)
        } else if let Some((j, d)) = self.lex.anaphoric_offsets.longest(self.toks, i) {
            // `veille`/`lendemain` alone must follow `au`/`à la` (`au lendemain de`).
            (j, d, true)
        } else {
            return None;
        };
        // `Aujourd'hui, ...` set off by a comma reads as `nowadays`.
        if days == 0 && !anaphoric && j == i + 1 && self.norm(j) == "," {
            return Some(Cand::new(
                i,
                j,
                Expr::Reference {
                    value: "PRESENT_REF".to_string(),
                },
            ));
        }
        let mut end = j;
        let mut part = None;
        if let Some((k, p)) = self.part_of_day(end) {
            part = Some(p);
            end = k;
        } else if let Some((k, _)) = self.lex.day_part_link.longest(self.toks, end) {
            // `hier en début d'après-midi`, `hier dans la soirée`.
            let k = self.edge_at(k).map_or(k, |(k2, _)| k2);
            if let Some((k2, p)) = self.part_of_day(k) {
                part = Some(p);
                end = k2;
            }
        }
        // `aujourd'hui vendredi`: the weekday repeats the day.
        if part.is_none() {
            if let Some((k, _)) = self.lex.weekdays.longest(self.toks, end) {
                end = k;
            }
        }
        let mut clock = None;
        if let Some((k, _)) = self.lex.day_clock_link.longest(self.toks, end) {
            if let Some(c) = self.clock(k) {
                if let Expr::Clock { hour, minute } = c.expr {
                    clock = Some((hour, minute));
                    end = c.end;
                }
            }
        }
        Some(Cand::new(
            i,
            end,
            Expr::DayOffset {
                days,
                anaphoric,
                part,
                clock,
            },
        ))
    }

    /// `ce dimanche`, `lundi`, `lundi dernier`, `mardi soir`, `ce même lundi après-midi`,
    /// `on Monday`, `last Friday`, `next Monday morning`.
    fn weekday_expr(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut dir = Dir::Auto;
        if self.lex.this.longest(self.toks, j).is_some() || self.lex.determiners.longest(self.toks, j).is_some() {
            j += 1;
            if self.lex.same.longest(self.toks, j).is_some() {
                j += 1;
            }
        } else if self.lex.past.longest(self.toks, j).is_some() && self.lex.month_first {
            dir = Dir::Past;
            j += 1;
        } else if self.lex.future.longest(self.toks, j).is_some() && self.lex.month_first {
            dir = Dir::Future;
            j += 1;
        }
        let (k, weekday) = self.lex.weekdays.longest(self.toks, j)?;
        if self.lex.weekday_blockers_after.longest(self.toks, k).is_some() {
            return None;
        }
        // Plural weekdays (`les jeudis`) are habitual: left to `set_expr`.
        if self.norm(j).ends_with('s') && !self.norm(j).ends_with("is") {
            return None;
        }
        if self.lex.month_first && self.tok(j).is_some_and(|t| !t.capitalised) {
            return None;
        }
        let mut end = k;
        // `lundi prochain` is French order; in English a word after the day
        // is not its modifier (`died on Wednesday following a cardiac arrest`).
        if dir == Dir::Auto && !self.lex.month_first {
            let (e, d) = self.dir_after(end);
            end = e;
            dir = d;
        }
        let mut part = None;
        if let Some((e, p)) = self.part_of_day(end) {
            part = Some(p);
            end = e;
        }
        Some(Cand::new(
            i,
            end,
            Expr::Cal {
                year: None,
                month: None,
                day: None,
                weekday: Some(weekday),
                dir,
                part,
                clock: None,
                edge: None,
                short_year: false,
            },
        ))
    }

    /// `cette semaine`, `la semaine prochaine`, `l'an dernier`, `l'année dernière`,
    /// `ce week-end`, `la fin de l'année`, `last week`, `earlier this month`.
    fn unit_relative(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut edge = None;
        if let Some((k, e)) = self.edge_at(j) {
            edge = Some(e);
            j = k;
        }
        let mut n: Option<i64> = None;
        if self.lex.this.longest(self.toks, j).is_some() {
            n = Some(0);
            j += 1;
        } else if self.lex.determiners.longest(self.toks, j).is_some() {
            j += 1;
        } else if self.lex.past.longest(self.toks, j).is_some() && self.lex.month_first {
            n = Some(-1);
            j += 1;
        } else if self.lex.future.longest(self.toks, j).is_some() && self.lex.month_first {
            n = Some(1);
            j += 1;
        }
        let (mut end, unit) = if let Some((k, _)) = self.lex.weekend.longest(self.toks, j) {
            (k, CalUnit::Weekend)
        } else {
            self.lex.calendar_units.longest(self.toks, j)?
        };
        // `ce mois-ci`: the glued `-ci` is part of the unit word here.
        let (e, dir) = self.dir_after(end);
        end = e;
        match dir {
            Dir::Past => n = Some(-1),
            Dir::Future => n = Some(1),
            Dir::Auto => {}
        }
        let n = match n {
            Some(n) => n,
            // `la fin de l'année`, `en début de semaine`, `la fin du mois`: an edge word
            // (which may hold the determiner, `du`) is enough.
            None if edge.is_some() => 0,
            None => return None,
        };
        if unit == CalUnit::Day {
            return None;
        }
        Some(Cand::new(i, end, Expr::UnitOffset { unit, n, edge }))
    }

    /// `il y a trois jours`, `two weeks ago`.
    fn ago(&self, i: usize) -> Option<Cand> {
        if let Some((j, _)) = self.lex.ago_before.longest(self.toks, i) {
            let (end, amount, unit) = self.amount_unit(j)?;
            return Some(Cand::new(i, end, Expr::Shift { amount: -amount, unit }));
        }
        // `dans trois jours`: that far after the anchor.
        if let Some((j, _)) = self.lex.in_future.longest(self.toks, i) {
            if self.lex.duration_blockers.longest(self.toks, j).is_some() {
                return None;
            }
            let (end, amount, unit) = self.amount_unit(j)?;
            return Some(Cand::new(i, end, Expr::Shift { amount, unit }));
        }
        let (j, amount, unit) = self.amount_unit(i)?;
        let (end, _) = self.lex.ago_after.longest(self.toks, j)?;
        Some(Cand::new(i, end, Expr::Shift { amount: -amount, unit }))
    }

    /// A number and a duration unit: (index after, amount, TIMEX unit letters).
    fn amount_unit(&self, i: usize) -> Option<(usize, f64, String)> {
        // `two and a half years`: the number may end before a joiner (`and`).
        for stop in (i + 1)..=(i + 4).min(self.toks.len()) {
            let Some((j, n)) = number_at(&self.toks[..stop], i, self.lex) else {
                continue;
            };
            if let Some((k, _)) = self.lex.and_a_half.longest(self.toks, j) {
                if let Some((letter, mult)) = self.lex.units.get(self.norm(k)) {
                    return Some((k + 1, (n + 0.5) * f64::from(*mult), letter.clone()));
                }
            }
        }
        // `five-day`: number and unit in one hyphenated word.
        if let Some((number, unit)) = self.norm(i).rsplit_once('-') {
            if let Some((letter, mult)) = self.lex.units.get(unit) {
                let n = words_value(&[number], self.lex)?;
                return Some((i + 1, n as f64 * f64::from(*mult), letter.clone()));
            }
        }
        let (mut j, n) = number_at(self.toks, i, self.lex)?;
        // `5-day`.
        if self.norm(j) == "-" && self.glued(j - 1) && self.glued(j) {
            j += 1;
        }
        let (letter, mult) = self.lex.units.get(self.norm(j))?.clone();
        Some((j + 1, n * f64::from(mult), letter))
    }

    // ---------- durations and sets ----------

    /// `cinq jours`, `30,4 secondes`, `plus de vingt ans`, `quelques mois`, `un demi-siècle`.
    fn duration(&self, i: usize) -> Option<Cand> {
        if self.lex.duration_blockers.longest(self.toks, i).is_some() {
            return None;
        }
        if let Some((end, value)) = self.lex.bare_durations.longest(self.toks, i) {
            return Some(Cand::new(i, end, Expr::Duration { value }));
        }
        let mut j = i;
        let mut hedged = false;
        if let Some((k, _)) = self
            .lex
            .more_than
            .longest(self.toks, j)
            .or_else(|| self.lex.less_than.longest(self.toks, j))
        {
            // `over the past two weeks`: a preposition, not `more than`.
            if self.lex.determiners.longest(self.toks, k).is_none() {
                j = k;
            }
        } else if let Some((k, _)) = self.lex.hedges.longest(self.toks, j) {
            j = k;
            hedged = true;
        }
        let (end, value, unit_letter) = if let Some((k, _)) = self.lex.vague_quantity.longest(self.toks, j) {
            // `ces dernières 24 heures`: a vague phrase then a number.
            if let Some((k2, n, letter)) = self.amount_unit(k) {
                (k2, format_amount(n), letter)
            } else {
                let (letter, _) = self.lex.units.get(self.norm(k))?.clone();
                (k + 1, "X".to_string(), letter)
            }
        } else {
            let (mut k, mut n, letter) = self.amount_unit(j)?;
            if n <= 0.0 {
                return None;
            }
            // `2 ans et demi`.
            if let Some((k2, _)) = self.lex.and_a_half.longest(self.toks, k) {
                n += 0.5;
                k = k2;
            }
            (k, format_amount(n), letter)
        };
        if unit_letter == "Y" && self.is_age(j, end, j > i) {
            return None;
        }
        // `ans` needs a real number before it: `des ans` is not a duration.
        let value = duration_value(&value, &unit_letter);
        let mut c = Cand::new(i, end, Expr::Duration { value });
        c.hedged = hedged;
        Some(c)
    }

    /// True when `NUM ans` at [start, end) is someone's age.
    fn is_age(&self, start: usize, end: usize, modified: bool) -> bool {
        if self.lex.age_before.ending_at(self.toks, start).is_some() {
            return true;
        }
        if self.lex.age_after.longest(self.toks, end).is_some() {
            return true;
        }
        if modified {
            return false;
        }
        let prev = start.checked_sub(1).map(|p| self.norm(p)).unwrap_or("");
        let next = self.norm(end);
        // `Pierre, 45 ans,` / `(45 ans)` / `un électricien de 37 ans, qui`.
        if (prev == "," || prev == "(") && (next == "," || next == ")" || next == "." || next.is_empty()) {
            return true;
        }
        // `un chauffeur de 38 ans a été...`, but `une peine de 2 ans de prison`, `au bout de deux ans`.
        // `il a 45 ans`, `mort à 87 ans`, but `condamné à 10 ans de prison`.
        let prev_is_verb = start >= 1
            && self.lex.age_verbs.longest(self.toks, start - 1).is_some()
            && self.tok(start - 1).is_some_and(|t| !t.accented);
        if prev_is_verb && self.lex.age_of.longest(self.toks, end).is_none() {
            return true;
        }
        let prev_is_of = start >= 1 && self.lex.age_of.longest(self.toks, start - 1).is_some();
        let next_is_of = self.lex.age_of.longest(self.toks, end).is_some();
        if prev_is_of && !next_is_of {
            let before_de = start.checked_sub(2).map(|p| self.norm(p)).unwrap_or("");
            if !self.lex.duration_nouns.contains_word(before_de) {
                return true;
            }
        }
        // `de 2 à 8 ans`, `0-6 ans`: age brackets.
        if start >= 2 {
            let before = self.norm(start - 1);
            let num = self.tok(start - 2).is_some_and(|t| t.kind == TokenKind::Digits);
            if num && (before == "-" || before == "a" || before == "to") {
                return true;
            }
        }
        false
    }

    /// `chaque jour`, `tous les ans`, `tous les six mois`, `tous les jeudis`, `par an`,
    /// `every week`, `annuel`.
    fn set_expr(&self, i: usize) -> Option<Cand> {
        if let Some((end, value)) = self.lex.set_words.longest(self.toks, i) {
            return Some(Cand::new(i, end, Expr::Set { value }));
        }
        if let Some((j, _)) = self.lex.set_every.longest(self.toks, i) {
            if let Some((end, wd)) = self.lex.weekdays.longest(self.toks, j) {
                return Some(Cand::new(
                    i,
                    end,
                    Expr::Set {
                        value: format!("XXXX-WXX-{wd}"),
                    },
                ));
            }
            if let Some((end, n, letter)) = self.amount_unit(j) {
                return Some(Cand::new(
                    i,
                    end,
                    Expr::Set {
                        value: duration_value(&format_amount(n), &letter),
                    },
                ));
            }
            let (letter, mult) = self.lex.units.get(self.norm(j))?.clone();
            return Some(Cand::new(
                i,
                j + 1,
                Expr::Set {
                    value: duration_value(&mult.to_string(), &letter),
                },
            ));
        }
        // `200 tonnes a year`, `twice a week`: an article meaning `per` after a quantity.
        if let Some((j, _)) = self.lex.set_article_per.longest(self.toks, i) {
            if let Some((letter, mult)) = self.lex.units.get(self.norm(j)) {
                let prev = i.checked_sub(1).and_then(|p| self.tok(p));
                let after_quantity = prev.is_some_and(|p| {
                    p.kind == TokenKind::Digits
                        || (p.kind == TokenKind::Word && p.norm.len() > 3 && p.norm.ends_with('s'))
                        || self.lex.set_every.longest(self.toks, i - 1).is_some()
                });
                if after_quantity {
                    let value = duration_value(&mult.to_string(), letter);
                    return Some(Cand::new(i, j + 1, Expr::Set { value }));
                }
            }
        }
        // `par an`: only the unit is the expression.
        if i > 0 && self.lex.set_per.longest(self.toks, i - 1).is_some() {
            let (letter, mult) = self.lex.units.get(self.norm(i))?.clone();
            if self.norm(i).ends_with('s') && self.norm(i) != "mois" {
                return None;
            }
            return Some(Cand::new(
                i,
                i + 1,
                Expr::Set {
                    value: duration_value(&mult.to_string(), &letter),
                },
            ));
        }
        None
    }

    // ---------- clock times ----------

    /// `15 h 36`, `15h36`, `22 h`, `vers 12 h 30`, `15:36`, `midi`, `3 p.m.`, `10:30am`.
    fn clock(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut hedged = false;
        if let Some((k, _)) = self.lex.hedges.longest(self.toks, j) {
            j = k;
            hedged = true;
        }
        if let Some((k, _)) = self.lex.noon.longest(self.toks, j) {
            let mut c = Cand::new(j, k, Expr::Clock { hour: 12, minute: 0 });
            c.hedged = hedged;
            return Some(c);
        }
        if let Some((k, _)) = self.lex.midnight.longest(self.toks, j) {
            let mut c = Cand::new(j, k, Expr::Clock { hour: 0, minute: 0 });
            c.hedged = hedged;
            return Some(c);
        }
        let t = self.tok(j)?;
        if t.kind != TokenKind::Digits || t.norm.len() > 2 {
            return None;
        }
        let hour: u32 = t.norm.parse().ok()?;
        if hour > 24 {
            return None;
        }
        let mut end;
        let mut minute = 0;
        if self.norm(j + 1) == ":" && self.glued(j) {
            let m = self.tok(j + 2)?;
            if m.kind != TokenKind::Digits || m.norm.len() != 2 || !self.glued(j + 1) {
                return None;
            }
            minute = m.norm.parse().ok()?;
            end = j + 3;
        } else if let Some((k, _)) = self.lex.hour_marks.longest(self.toks, j + 1) {
            let mark = self.norm(j + 1);
            // `15 heures` is a clock only after `à`, `vers`...; `24 heures` is a duration.
            let short_mark = mark == "h" || mark == "hr";
            let cued = j > 0 && self.lex.clock_prepositions.longest(self.toks, j - 1).is_some();
            if !short_mark && !cued {
                return None;
            }
            end = k;
            if let Some(m) = self.tok(end) {
                if m.kind == TokenKind::Digits && m.norm.len() == 2 {
                    minute = m.norm.parse().ok()?;
                    end += 1;
                    if let Some((k2, _)) = self.lex.minute_marks.longest(self.toks, end) {
                        end = k2;
                    }
                }
            }
        } else {
            end = j + 1;
        }
        // `3 pm`, `3 p.m.`.
        let meridian = match self.norm(end) {
            "am" => Some((false, end + 1)),
            "pm" => Some((true, end + 1)),
            "a" | "p" if self.norm(end + 1) == "." && self.norm(end + 2) == "m" => {
                let after = if self.norm(end + 3) == "." { end + 4 } else { end + 3 };
                Some((self.norm(end) == "p", after))
            }
            _ => None,
        };
        let mut hour = hour;
        if let Some((pm, after)) = meridian {
            if hour == 0 || hour > 12 {
                return None;
            }
            hour = match (pm, hour) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            end = after;
        } else if end == j + 1 {
            return None;
        }
        if minute > 59 {
            return None;
        }
        // `pendant 24 h`, `en 48 h`: a duration, not a clock time.
        if j > 0
            && minute == 0
            && meridian.is_none()
            && self.lex.duration_prepositions.longest(self.toks, j - 1).is_some()
        {
            return None;
        }
        if let Some((k, _)) = self.lex.time_zone_words.longest(self.toks, end) {
            end = k;
        }
        // TimeML leaves `vers` out of a clock time's extent; the hedge is kept as a flag.
        let start = if hedged { j } else { i };
        // `4 h mardi`, `vers 15 h 30, hier`: the day that the clock time belongs to.
        let k = if self.norm(end) == "," { end + 1 } else { end };
        let mut expr = Expr::Clock { hour, minute };
        if let Some((k2, wd)) = self.lex.weekdays.longest(self.toks, k) {
            end = k2;
            expr = Expr::Cal {
                year: None,
                month: None,
                day: None,
                weekday: Some(wd),
                dir: Dir::Auto,
                part: None,
                clock: Some((hour, minute)),
                edge: None,
                short_year: false,
            };
        } else if let Some((k2, days)) = self.lex.day_offsets.longest(self.toks, k) {
            end = k2;
            expr = Expr::DayOffset {
                days,
                anaphoric: false,
                part: None,
                clock: Some((hour, minute)),
            };
        }
        let mut c = Cand::new(start, end, expr);
        c.hedged = hedged;
        Some(c)
    }

    /// Prepositions, conjunctions and determiners that may follow a year (`en 97 (en janvier`).
    fn is_function_word(&self, i: usize) -> bool {
        self.lex.month_prepositions.longest(self.toks, i).is_some()
            || self.lex.determiners.longest(self.toks, i).is_some()
            || self.lex.list_and.longest(self.toks, i).is_some()
            || self.lex.alternative.longest(self.toks, i).is_some()
    }

    // ---------- seasons, references, parts of day ----------

    /// `l'automne`, `cet été`, `en été`, `l'été 2024`, `summer 2025`.
    fn season(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut this = false;
        if self.lex.this.longest(self.toks, j).is_some() || self.lex.determiners.longest(self.toks, j).is_some() {
            this = true;
            j += 1;
        }
        let (k, code) = self.lex.seasons.longest(self.toks, j)?;
        if j > 0 && self.lex.season_blockers_before.longest(self.toks, j - 1).is_some() {
            return None;
        }
        let mut end = k;
        let mut year = None;
        // `l'été 2024`, `the summer of 2024`.
        let k = self
            .lex
            .part_of_day_link
            .longest(self.toks, k)
            .filter(|(k2, _)| self.year_at(*k2).is_some())
            .map_or(k, |(k2, _)| k2);
        if let Some((k2, y)) = self.year_at(k) {
            year = Some(y);
            end = k2;
        }
        let ambiguous = self.lex.ambiguous_seasons.iter().any(|w| w == self.norm(j));
        if ambiguous && year.is_none() {
            let cued = j > 0 && self.lex.ambiguous_season_after.longest(self.toks, j - 1).is_some();
            if !cued {
                return None;
            }
        }
        Some(Cand::new(
            i,
            end,
            Expr::Season {
                code,
                year,
                generic: !this && year.is_none(),
            },
        ))
    }

    /// `maintenant`, `actuellement`, `l'avenir`; `la nuit`, `la soirée` (a part of the day in context).
    fn reference_or_part(&self, i: usize) -> Option<Cand> {
        if let Some((end, value)) = self.lex.references.longest(self.toks, i) {
            return Some(Cand::new(i, end, Expr::Reference { value }));
        }
        // `fin d'après-midi`, `en début de soirée`.
        if let Some((j, _)) = self.edge_at(i) {
            if let Some((end, code)) = self.part_of_day(j) {
                return Some(Cand::new(i, end, Expr::PartOfDay { code }));
            }
        }
        if self.lex.determiners.longest(self.toks, i).is_some() {
            if let Some((mut end, code)) = self.part_of_day(i + 1) {
                // `la nuit de lundi à mardi`: the night that starts on the first day.
                if let Some((k, _)) = self.lex.part_of_day_link.longest(self.toks, end) {
                    if let Some((k2, wd)) = self.lex.weekdays.longest(self.toks, k) {
                        let mut stop = k2;
                        if let Some((k3, _)) = self.lex.range_to.longest(self.toks, k2) {
                            if let Some((k4, _)) = self.lex.weekdays.longest(self.toks, k3) {
                                stop = k4;
                            }
                        }
                        let expr = Expr::Cal {
                            year: None,
                            month: None,
                            day: None,
                            weekday: Some(wd),
                            dir: Dir::Auto,
                            part: Some(code),
                            clock: None,
                            edge: None,
                            short_year: false,
                        };
                        return Some(Cand::new(i, stop, expr));
                    }
                }
                // `le matin même`.
                if self.lex.same.longest(self.toks, end).is_some() {
                    end += 1;
                }
                return Some(Cand::new(i, end, Expr::PartOfDay { code }));
            }
        }
        None
    }
}

/// `NI-1` -> (`NI`, -1): a part-of-day code with an optional day shift.
fn split_part_code(code: &str) -> (String, i64) {
    if let Some(pos) = code.find(['-', '+']) {
        let (c, shift) = code.split_at(pos);
        return (c.to_string(), shift.parse().unwrap_or(0));
    }
    (code.to_string(), 0)
}

/// `2`, `30.4`: a number as TIMEX3 writes it.
pub fn format_amount(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// TIMEX3 duration value: `P5D`, `P2Y`, `PT36M`, `PXD`.
pub fn duration_value(amount: &str, unit: &str) -> String {
    match unit {
        "H" => format!("PT{amount}H"),
        "MIN" => format!("PT{amount}M"),
        "S" => format!("PT{amount}S"),
        u => format!("P{amount}{u}"),
    }
}

/// The first date of `21 au 26 juin` or `les 6 et 13 avril`: tokens `i..j` give
/// its day (and weekday); month, year and direction come from the second date.
fn borrowing_month(i: usize, j: usize, day: u32, weekday: Option<u32>, second: &Cand) -> Option<Cand> {
    let Expr::Cal {
        year,
        month,
        dir,
        short_year,
        ..
    } = second.expr.clone()
    else {
        return None;
    };
    Some(Cand::new(
        i,
        j,
        Expr::Cal {
            year,
            month,
            day: Some(day),
            weekday,
            dir,
            part: None,
            clock: None,
            edge: None,
            short_year,
        },
    ))
}
