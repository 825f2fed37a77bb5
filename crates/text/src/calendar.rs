//! Month and weekday names of each language (`data/<lang>/calendar.toml`):
//! the one list every stage reads (the time tagger, the cleaner's dates, the
//! analyser's names and quantities, the dossier's day names, the corpus's
//! written dates).
//!
//! Each month (1–12) and weekday (1–7, Monday first) has the `name` written
//! in running text (`janvier`, `January`, `Montag`), `variants` (other
//! spellings, inflected forms: `Jänner`, `января`, `среду`), `abbreviations`
//! (written without their final dot: `janv`, `Sept`) and, for weekdays,
//! `plurals` (`lundis`, `Mondays`, `montags`: habitual, a set rather than a
//! date). Words are compared after [`fold`](crate::fold), so a variant that
//! differs only by accents or case is not listed.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::data::{base_code, language_files};
use crate::fold::fold;

/// The file of each language folder read here.
pub const CALENDAR_FILE: &str = "calendar.toml";

/// A month or a weekday and the words that name it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarName {
    /// 1–12 for a month, 1–7 (Monday first) for a weekday.
    pub number: u32,
    /// The name as written in running text (case and accents kept).
    pub name: String,
    /// Other spellings and inflected forms.
    #[serde(default)]
    pub variants: Vec<String>,
    /// Short forms, without their final dot.
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Plural or habitual forms (weekdays only: `lundis`, `Mondays`).
    #[serde(default)]
    pub plurals: Vec<String>,
}

impl CalendarName {
    /// Every word naming it: name, variants, abbreviations, plurals, as written.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.variants.iter().map(String::as_str))
            .chain(self.abbreviations.iter().map(String::as_str))
            .chain(self.plurals.iter().map(String::as_str))
    }
}

/// The month and weekday names of one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// The twelve months, January first.
    pub months: Vec<CalendarName>,
    /// The seven weekdays, Monday first.
    pub weekdays: Vec<CalendarName>,
    /// Folded form -> month number.
    #[serde(skip)]
    month_index: BTreeMap<String, u32>,
    /// Folded form -> weekday number.
    #[serde(skip)]
    weekday_index: BTreeMap<String, u32>,
}

/// Why a calendar file is unusable.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error("data/{language}/calendar.toml: {message}")]
    Invalid { language: String, message: String },
}

impl Calendar {
    /// Parses and checks a calendar file: months 1–12 and weekdays 1–7, each
    /// once and in order, and no word naming two of them.
    pub fn parse(language: &str, text: &str) -> Result<Calendar, CalendarError> {
        let fail = |message: String| CalendarError::Invalid {
            language: language.to_string(),
            message,
        };
        let mut calendar: Calendar = toml::from_str(text).map_err(|e| fail(e.to_string()))?;
        for (what, list, count) in [("months", &calendar.months, 12), ("weekdays", &calendar.weekdays, 7)] {
            let numbers: Vec<u32> = list.iter().map(|m| m.number).collect();
            if numbers != (1..=count).collect::<Vec<u32>>() {
                return Err(fail(format!(
                    "{what} must be numbered 1 to {count} in order, found {numbers:?}"
                )));
            }
        }
        calendar.month_index = index(&calendar.months).map_err(|m| fail(format!("months: {m}")))?;
        calendar.weekday_index = index(&calendar.weekdays).map_err(|m| fail(format!("weekdays: {m}")))?;
        Ok(calendar)
    }

    /// The month a word names (`Janv.`, `fevrier`, `января`), 1–12.
    pub fn month_number(&self, word: &str) -> Option<u32> {
        self.month_index.get(&fold(word.trim_end_matches('.'))).copied()
    }

    /// The weekday a word names (`lundi`, `Mondays`), 1–7 from Monday.
    pub fn weekday_number(&self, word: &str) -> Option<u32> {
        self.weekday_index.get(&fold(word.trim_end_matches('.'))).copied()
    }

    /// The written name of month `number` (1–12).
    pub fn month_name(&self, number: u32) -> Option<&str> {
        self.months.iter().find(|m| m.number == number).map(|m| m.name.as_str())
    }

    /// The written name of weekday `number` (1–7 from Monday).
    pub fn weekday_name(&self, number: u32) -> Option<&str> {
        self.weekdays
            .iter()
            .find(|m| m.number == number)
            .map(|m| m.name.as_str())
    }

    /// Every word naming a month, as written, with its number.
    pub fn month_forms(&self) -> impl Iterator<Item = (&str, u32)> {
        self.months.iter().flat_map(|m| m.forms().map(move |f| (f, m.number)))
    }

    /// Every word naming a weekday, as written, with its number.
    pub fn weekday_forms(&self) -> impl Iterator<Item = (&str, u32)> {
        self.weekdays.iter().flat_map(|m| m.forms().map(move |f| (f, m.number)))
    }
}

fn index(names: &[CalendarName]) -> Result<BTreeMap<String, u32>, String> {
    let mut index = BTreeMap::new();
    for name in names {
        for form in name.forms() {
            let key = fold(form);
            if key.is_empty() || form.ends_with('.') {
                return Err(format!("`{form}`: empty, or written with a final dot"));
            }
            if let Some(other) = index.insert(key, name.number) {
                if other != name.number {
                    return Err(format!("`{form}` names both {other} and {}", name.number));
                }
            }
        }
    }
    Ok(index)
}

fn calendars() -> &'static [(&'static str, Result<Calendar, String>)] {
    static ALL: OnceLock<Vec<(&'static str, Result<Calendar, String>)>> = OnceLock::new();
    ALL.get_or_init(|| {
        language_files(CALENDAR_FILE)
            .map(|(code, text)| (code, Calendar::parse(code, text).map_err(|e| e.to_string())))
            .collect()
    })
}

/// The calendar of a language (`fr`, `fr-FR`), parsed once; `None` when the
/// language has no `calendar.toml` or when it is invalid (the tests check
/// every embedded file: see [`check_all`]).
pub fn for_language(language: &str) -> Option<&'static Calendar> {
    let code = base_code(language);
    calendars()
        .iter()
        .find(|(c, _)| *c == code)
        .and_then(|(_, calendar)| calendar.as_ref().ok())
}

/// Every language with a valid calendar: (code, calendar), sorted by code.
pub fn all() -> impl Iterator<Item = (&'static str, &'static Calendar)> {
    calendars()
        .iter()
        .filter_map(|(code, calendar)| calendar.as_ref().ok().map(|c| (*code, c)))
}

/// Every embedded calendar file, checked: the first error found.
pub fn check_all() -> Result<(), String> {
    calendars()
        .iter()
        .try_for_each(|(_, calendar)| calendar.as_ref().map(|_| ()).map_err(Clone::clone))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_calendar_file_parses() {
        assert_eq!(check_all(), Ok(()));
        assert_eq!(all().count(), language_files(CALENDAR_FILE).count());
    }

    #[test]
    fn months_and_weekdays_are_complete_for_each_language() {
        for code in ["fr", "en", "de", "es", "it", "pt", "nl", "ru", "ar"] {
            let calendar = for_language(code).unwrap_or_else(|| panic!("data/{code}/calendar.toml"));
            for n in 1..=12 {
                let name = calendar.month_name(n).unwrap_or_else(|| panic!("{code}: month {n}"));
                assert_eq!(calendar.month_number(name), Some(n), "{code}: {name}");
            }
            for n in 1..=7 {
                let name = calendar
                    .weekday_name(n)
                    .unwrap_or_else(|| panic!("{code}: weekday {n}"));
                assert_eq!(calendar.weekday_number(name), Some(n), "{code}: {name}");
            }
            assert_eq!(calendar.month_name(13), None);
            assert_eq!(calendar.weekday_name(0), None);
        }
    }

    #[test]
    fn words_are_found_folded_with_variants_and_abbreviations() {
        let fr = for_language("fr-FR").expect("fr");
        assert_eq!(fr.month_name(2), Some("février"));
        assert_eq!(fr.month_number("FEVRIER"), Some(2));
        assert_eq!(fr.month_number("Févr."), Some(2));
        assert_eq!(fr.month_number("août"), Some(8));
        assert_eq!(fr.month_number("lundi"), None);
        assert_eq!(fr.weekday_number("Dimanche"), Some(7));
        assert_eq!(fr.weekday_number("jeudis"), Some(4));
        let en = for_language("en").expect("en");
        assert_eq!(en.month_name(1), Some("January"));
        assert_eq!(en.month_number("sept."), Some(9));
        assert_eq!(en.weekday_name(1), Some("Monday"));
        let de = for_language("de").expect("de");
        assert_eq!(de.month_number("Jänner"), Some(1));
        assert_eq!(de.month_number("Marz"), Some(3));
        assert_eq!(de.weekday_number("Sonnabend"), Some(6));
        let ru = for_language("ru").expect("ru");
        assert_eq!(ru.month_number("января"), Some(1));
        assert_eq!(ru.weekday_number("среду"), Some(3));
        let ar = for_language("ar").expect("ar");
        assert_eq!(ar.month_number("كانون الثاني"), Some(1));
        assert_eq!(ar.month_number("ابريل"), Some(4), "hamza folded");
        assert!(for_language("xx").is_none());
        let forms: Vec<(&str, u32)> = fr.month_forms().filter(|(_, n)| *n == 12).collect();
        assert_eq!(forms, [("décembre", 12), ("déc", 12)]);
    }

    #[test]
    fn a_broken_calendar_is_an_error() {
        let weekdays = (1..=7)
            .map(|n| format!("{{ number = {n}, name = \"d{n}\" }}"))
            .collect::<Vec<_>>()
            .join(", ");
        let months = |first: &str| {
            std::iter::once(first.to_string())
                .chain((2..=12).map(|n| format!("{{ number = {n}, name = \"m{n}\" }}")))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let text = |first: &str| format!("months = [{}]\nweekdays = [{weekdays}]\n", months(first));
        assert!(Calendar::parse("xx", &text("{ number = 1, name = \"m1\" }")).is_ok());
        assert!(
            Calendar::parse("xx", &text("{ number = 2, name = \"m1\" }")).is_err(),
            "numbering"
        );
        assert!(
            Calendar::parse("xx", &text("{ number = 1, name = \"m2\" }")).is_err(),
            "m2 names 1 and 2"
        );
        assert!(
            Calendar::parse("xx", &text("{ number = 1, name = \"m1.\" }")).is_err(),
            "final dot"
        );
        assert!(
            Calendar::parse("xx", &text("{ number = 1, nom = \"m1\" }")).is_err(),
            "unknown field"
        );
    }
}
