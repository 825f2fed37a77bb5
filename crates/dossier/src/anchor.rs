//! Re-resolving one time expression against a date supplied from outside the
//! article (the story's dates), for articles without a publication date.
//!
//! Only what a missing anchor leaves open is handled here: a year missing
//! from `XXXX-06-22`, and a bare day name (`ce dimanche`, `on Sunday`), which
//! is taken as the occurrence of that day nearest the anchor (the past one on
//! a tie, since news mostly reports what happened).

use chrono::{Datelike, Duration, NaiveDate};
use recoupe_core::{Granularity, TimeAnchor, TimeKind, TimeMention};

use crate::lexicon::Lexicon;
use crate::text::words;

/// `t` resolved against `anchor`, with the reasoning kept in its anchor: by
/// the time tagger first (it re-reads the expression), then by the rules here
/// for what it leaves open.
pub fn reanchor(t: &TimeMention, lang: &str, anchor: NaiveDate, reason: &str) -> TimeMention {
    let tagged = recoupe_time::reanchor(t, lang, anchor, reason);
    if tagged.start.is_some() && !tagged.value.as_deref().is_some_and(|v| v.contains('X')) {
        return tagged;
    }
    fallback(t, lang, anchor, reason)
}

fn fallback(t: &TimeMention, lang: &str, anchor: NaiveDate, reason: &str) -> TimeMention {
    let resolved = resolve_missing_year(t, anchor).or_else(|| resolve_day_name(t, lang, anchor));
    match resolved {
        Some((start, end, granularity)) => {
            let mut out = t.clone();
            out.start = Some(start);
            out.end = Some(end);
            out.granularity = granularity;
            out.value = Some(match granularity {
                Granularity::Month => start.format("%Y-%m").to_string(),
                _ if start == end => start.format("%Y-%m-%d").to_string(),
                _ => format!("{}/{}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d")),
            });
            out.anchor = TimeAnchor::External {
                date: anchor,
                reason: reason.to_string(),
            };
            out.confidence = t.confidence.min(0.5);
            out
        }
        None => t.clone(),
    }
}

/// `XXXX-MM-DD` or `XXXX-MM`: the year that puts the date nearest the anchor.
fn resolve_missing_year(t: &TimeMention, anchor: NaiveDate) -> Option<(NaiveDate, NaiveDate, Granularity)> {
    let value = t.value.as_deref()?;
    let rest = value.strip_prefix("XXXX-")?;
    let mut parts = rest.split('-');
    let month: u32 = parts.next()?.get(..2)?.parse().ok()?;
    let day: Option<u32> = parts.next().and_then(|d| d.get(..2)).and_then(|d| d.parse().ok());
    let year = anchor.year();
    let candidates = [year - 1, year, year + 1];
    match day {
        Some(day) => {
            let best = candidates
                .iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(*y, month, day))
                .min_by_key(|d| ((*d - anchor).num_days().abs(), *d))?;
            Some((best, best, Granularity::Day))
        }
        None => {
            let best = candidates
                .iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(*y, month, 1))
                .min_by_key(|d| ((*d - anchor).num_days().abs(), *d))?;
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(best.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(best.year(), month + 1, 1)
            }?;
            Some((best, next.pred_opt()?, Granularity::Month))
        }
    }
}

/// A day name alone (no digits): its occurrence nearest the anchor.
fn resolve_day_name(t: &TimeMention, lang: &str, anchor: NaiveDate) -> Option<(NaiveDate, NaiveDate, Granularity)> {
    if t.kind != TimeKind::Date || t.text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let calendars = &Lexicon::for_language(lang).weekdays;
    let ws = words(&t.text);
    // 0 for Monday.
    let weekday = calendars
        .iter()
        .find_map(|calendar| ws.iter().find_map(|w| calendar.weekday_number(&w.folded)))?
        - 1;
    let anchor_weekday = anchor.weekday().num_days_from_monday() as i64;
    let back = (anchor_weekday - weekday as i64).rem_euclid(7);
    let forward = (7 - back) % 7;
    let offset = if back <= forward { -back } else { forward };
    let day = anchor.checked_add_signed(Duration::days(offset))?;
    Some((day, day, Granularity::Day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use recoupe_core::Span;

    fn mention(text: &str, value: Option<&str>) -> TimeMention {
        TimeMention {
            span: Span::new(0, text.len()),
            text: text.to_string(),
            kind: TimeKind::Date,
            value: value.map(str::to_string),
            granularity: Granularity::Unknown,
            start: None,
            end: None,
            alternatives: Vec::new(),
            anchor: TimeAnchor::Unresolved,
            confidence: 0.8,
            hedged: false,
        }
    }

    fn check(text: &str, value: Option<&str>, anchor: &str, expected: Option<&str>) {
        let anchor = NaiveDate::parse_from_str(anchor, "%Y-%m-%d").expect("test anchor");
        let out = reanchor(&mention(text, value), "fr", anchor, "test");
        assert_eq!(out.value.as_deref(), expected, "{text} at {anchor}");
    }

    #[test]
    fn resolves_what_a_missing_anchor_leaves_open() {
        check("ce dimanche", None, "2025-06-24", Some("2025-06-22"));
        check("dimanche", None, "2025-06-22", Some("2025-06-22"));
        check("jeudi", None, "2025-06-24", Some("2025-06-26"));
        check("dimanche 22 juin", Some("XXXX-06-22"), "2025-06-24", Some("2025-06-22"));
        check("en juin", Some("XXXX-06"), "2025-06-24", Some("2025-06"));
        check("le 30 décembre", Some("XXXX-12-30"), "2026-01-02", Some("2025-12-30"));
        // What the tagger re-reads itself.
        check("demain", None, "2025-06-24", Some("2025-06-25"));
        // Nothing to resolve: unchanged.
        check("bientôt", None, "2025-06-24", None);
    }
}
