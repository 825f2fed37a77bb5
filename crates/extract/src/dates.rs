//! Dates in metadata: header lines of scrapes (`24 juin 2025 Dernière mise à
//! jour le Mardi 24 Juin 2025 à 15:36`), meta tags and container fields.
//! Time expressions inside the story text are the analyser's job, not this.

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use recoupe_core::DateStamp;
use regex::Regex;

use crate::resources::Resources;

/// A date found in a line, with the byte range it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub stamp: DateStamp,
    pub start: usize,
    pub end: usize,
}

fn patterns() -> &'static [Regex; 4] {
    static P: OnceLock<[Regex; 4]> = OnceLock::new();
    P.get_or_init(|| {
        let time = r"(?:\s*(?:à|a|at|,|-)?\s*(\d{1,2})\s*(?:h|:|H)\s*(\d{2}))?";
        [
            // 24 juin 2025, Mardi 24 Juin 2025 à 15:36, 1er mars 2024
            Regex::new(&format!(
                r"(?i)\b(\d{{1,2}})(?:er|st|nd|rd|th)?\s+([[:alpha:]éû]+)\.?\s+(\d{{4}}){time}"
            ))
            .expect("static regex"),
            // June 24, 2025 / June 24 2025
            Regex::new(&format!(
                r"(?i)\b([[:alpha:]]+)\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){time}"
            ))
            .expect("static regex"),
            // 2025-06-24 with optional time
            Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?").expect("static regex"),
            // 24/06/2025 or 24.06.2025 with optional time
            Regex::new(&format!(r"\b(\d{{1,2}})[./](\d{{1,2}})[./](\d{{4}}){time}")).expect("static regex"),
        ]
    })
}

fn has_four_digits(line: &str) -> bool {
    let mut run = 0;
    for b in line.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

fn stamp(date: Option<NaiveDate>, hour: Option<&str>, minute: Option<&str>) -> Option<DateStamp> {
    let date = date?;
    match (hour.and_then(|h| h.parse().ok()), minute.and_then(|m| m.parse().ok())) {
        (Some(h), Some(m)) => match NaiveTime::from_hms_opt(h, m, 0) {
            Some(t) => Some(DateStamp::DateTime(NaiveDateTime::new(date, t))),
            None => Some(DateStamp::Date(date)),
        },
        _ => Some(DateStamp::Date(date)),
    }
}

/// All dates written in `line`, left to right.
pub fn find_dates(line: &str) -> Vec<FoundDate> {
    // Every pattern needs a four-digit year: without one, nothing to find and
    // (at start-up) no regex to compile.
    if !has_four_digits(line) {
        return Vec::new();
    }
    let res = Resources::get();
    let [day_month, month_day, iso, numeric] = patterns();
    let mut found: Vec<FoundDate> = Vec::new();
    let mut push = |s: Option<DateStamp>, start: usize, end: usize| {
        if let Some(stamp) = s {
            if !found.iter().any(|f| f.start < end && start < f.end) {
                found.push(FoundDate { stamp, start, end });
            }
        }
    };
    for c in iso.captures_iter(line) {
        let d = ymd(&c[1], &c[2], &c[3]);
        let m = c.get(0).map_or(0..0, |m| m.range());
        push(
            stamp(d, c.get(4).map(|m| m.as_str()), c.get(5).map(|m| m.as_str())),
            m.start,
            m.end,
        );
    }
    for c in day_month.captures_iter(line) {
        let Some(month) = res.month_number(&c[2]) else { continue };
        let d = ymd(&c[3], &month.to_string(), &c[1]);
        let m = c.get(0).map_or(0..0, |m| m.range());
        push(
            stamp(d, c.get(4).map(|m| m.as_str()), c.get(5).map(|m| m.as_str())),
            m.start,
            m.end,
        );
    }
    for c in month_day.captures_iter(line) {
        let Some(month) = res.month_number(&c[1]) else { continue };
        let d = ymd(&c[3], &month.to_string(), &c[2]);
        let m = c.get(0).map_or(0..0, |m| m.range());
        push(
            stamp(d, c.get(4).map(|m| m.as_str()), c.get(5).map(|m| m.as_str())),
            m.start,
            m.end,
        );
    }
    for c in numeric.captures_iter(line) {
        let d = ymd(&c[3], &c[2], &c[1]);
        let m = c.get(0).map_or(0..0, |m| m.range());
        push(
            stamp(d, c.get(4).map(|m| m.as_str()), c.get(5).map(|m| m.as_str())),
            m.start,
            m.end,
        );
    }
    found.sort_by_key(|f| f.start);
    found
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    if !(1800..=2200).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

/// Parses a date as containers write it: RFC 3339, RFC 2822, ISO date, or
/// any form [`find_dates`] knows. Time zones are dropped after conversion to
/// the local time the source wrote, since news dates are read as written.
pub fn parse_date_field(value: &str) -> Option<DateStamp> {
    let v = value.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(v) {
        return Some(DateStamp::DateTime(dt.naive_local()));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(v) {
        return Some(DateStamp::DateTime(dt.naive_local()));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(v, fmt) {
            return Some(DateStamp::DateTime(dt));
        }
    }
    find_dates(v).first().map(|f| f.stamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let got: Vec<String> = find_dates(input)
            .iter()
            .map(|f| match f.stamp {
                DateStamp::Date(d) => d.to_string(),
                DateStamp::DateTime(dt) => dt.format("%Y-%m-%dT%H:%M").to_string(),
            })
            .collect();
        assert_eq!(got, expected, "find_dates({input:?})");
    }

    #[test]
    fn header_dates() {
        check(
            "3 mars 2025 Dernière mise à jour le Lundi 3 Mars 2025 à 09:12",
            &["2025-03-03", "2025-03-03T09:12"],
        );
        check("Last updated June 3, 2025 at 9:05", &["2025-06-03T09:05"]);
        check("Publié le 1er mars 2024", &["2024-03-01"]);
        check("2025-06-24T08:00", &["2025-06-24T08:00"]);
        check("24/06/2025 15h36", &["2025-06-24T15:36"]);
        check("le 31 février 2025", &[]);
        check("no date here, 12 people", &[]);
    }

    #[test]
    fn container_fields() {
        assert_eq!(
            parse_date_field("Tue, 24 Jun 2025 15:36:00 +0200"),
            NaiveDate::from_ymd_opt(2025, 6, 24)
                .and_then(|d| d.and_hms_opt(15, 36, 0))
                .map(DateStamp::DateTime)
        );
        assert_eq!(
            parse_date_field("2025-06-24"),
            NaiveDate::from_ymd_opt(2025, 6, 24).map(DateStamp::Date)
        );
    }
}
