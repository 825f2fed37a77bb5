//! Language-aware formatting of dates, numbers and templates.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

use crate::data::Language;

/// Groups digits by thousands with the language's separator (`300 000`, `300,000`).
pub(crate) fn group_thousands(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    // The first group holds 1 to 3 digits, every later one exactly 3.
    let first = match digits.len() % 3 {
        0 => 3,
        r => r,
    };
    let (head, tail) = digits.split_at(first.min(digits.len()));
    let mut out = head.to_string();
    for group in tail.as_bytes().chunks(3) {
        out.push_str(sep);
        out.push_str(std::str::from_utf8(group).unwrap_or(""));
    }
    out
}

/// The number in words when the language has a word for it, else in digits.
pub(crate) fn number_word(lang: &Language, n: u64) -> String {
    usize::try_from(n)
        .ok()
        .and_then(|i| lang.calendar.number_words.get(i))
        .cloned()
        .unwrap_or_else(|| n.to_string())
}

fn day_number(lang: &Language, date: NaiveDate) -> String {
    if date.day() == 1 {
        lang.calendar.first_of_month.clone()
    } else {
        date.day().to_string()
    }
}

/// Month and weekday names: the language's calendar (`data/<lang>/calendar.toml`).
fn month_name(lang: &Language, date: NaiveDate) -> String {
    recoupe_text::calendar::for_language(&lang.code)
        .and_then(|c| c.month_name(date.month()))
        .unwrap_or_default()
        .to_string()
}

pub(crate) fn weekday_name(lang: &Language, date: NaiveDate) -> String {
    recoupe_text::calendar::for_language(&lang.code)
        .and_then(|c| c.weekday_name(date.weekday().number_from_monday()))
        .unwrap_or_default()
        .to_string()
}

pub(crate) fn date_long(lang: &Language, date: NaiveDate) -> String {
    fill_simple(
        &lang.calendar.date_long,
        &[
            ("weekday", weekday_name(lang, date)),
            ("day", day_number(lang, date)),
            ("month", month_name(lang, date)),
            ("year", date.year().to_string()),
        ],
    )
}

pub(crate) fn date_short(lang: &Language, date: NaiveDate) -> String {
    fill_simple(
        &lang.calendar.date_short,
        &[("day", day_number(lang, date)), ("month", month_name(lang, date))],
    )
}

/// `du 3 au 7 mars 2025`, `from March 3 to 7, 2025`, across months when needed.
pub(crate) fn date_range(lang: &Language, start: NaiveDate, end: NaiveDate) -> String {
    if start.month() == end.month() && start.year() == end.year() {
        fill_simple(
            &lang.calendar.range_same_month,
            &[
                ("d1", day_number(lang, start)),
                ("d2", day_number(lang, end)),
                ("month", month_name(lang, start)),
                ("year", end.year().to_string()),
            ],
        )
    } else {
        fill_simple(
            &lang.calendar.range_cross_month,
            &[
                ("d1", day_number(lang, start)),
                ("month1", month_name(lang, start)),
                ("d2", day_number(lang, end)),
                ("month2", month_name(lang, end)),
                ("year", end.year().to_string()),
            ],
        )
    }
}

/// How an article published on `published` refers to `event`: `ce mardi`,
/// `hier`, `mardi dernier`, or the full date when it is further away.
pub(crate) fn relative_date(lang: &Language, event: NaiveDate, published: NaiveDate) -> String {
    let weekday = weekday_name(lang, event);
    match (published - event).num_days() {
        0 => fill_simple(&lang.calendar.same_day, &[("weekday", weekday)]),
        1 => lang.calendar.day_before.clone(),
        2..=6 => fill_simple(&lang.calendar.earlier, &[("weekday", weekday)]),
        _ => date_long(lang, event),
    }
}

/// Replaces `{name}` placeholders from a fixed list; unknown ones stay as they are.
pub(crate) fn fill_simple(template: &str, values: &[(&str, String)]) -> String {
    fill_with(template, |name| {
        values.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone())
    })
}

/// Replaces `{name}` placeholders with what `lookup` gives; unknown ones stay as they are.
pub(crate) fn fill_with(template: &str, mut lookup: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match lookup(name) {
                    Some(value) => out.push_str(&value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Upper-cases the first letter, for templates that start with a placeholder.
pub(crate) fn capitalize_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Removes accents (`Sérémé` → `Sereme`), as careless scrapers and keyboards do.
pub(crate) fn strip_accents(s: &str) -> String {
    s.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// A lowercase ASCII slug for URLs and file names.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in strip_accents(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_group(n: u64, expected: &str) {
        assert_eq!(group_thousands(n, " "), expected);
    }

    #[test]
    fn groups_thousands() {
        check_group(0, "0");
        check_group(999, "999");
        check_group(1000, "1 000");
        check_group(300000, "300 000");
        check_group(1234567, "1 234 567");
    }

    #[test]
    fn fills_placeholders_and_keeps_unknown_ones() {
        let filled = fill_simple("du {d1} au {d2} {x} {", &[("d1", "3".into()), ("d2", "7".into())]);
        assert_eq!(filled, "du 3 au 7 {x} {");
    }

    #[test]
    fn strips_accents_and_slugs() {
        assert_eq!(strip_accents("Sérémé Kéïta"), "Sereme Keita");
        assert_eq!(slug("L'Écho de Ouaga"), "l-echo-de-ouaga");
    }
}
