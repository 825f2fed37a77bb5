//! Language resources for cleaning, loaded from the data files embedded at
//! build time. Adding a language means adding a data file and one line here.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

#[derive(Deserialize)]
struct RawLanguage {
    months: Vec<String>,
    month_abbreviations: Vec<String>,
    weekdays: Vec<String>,
    update_cues: Vec<String>,
    publish_cues: Vec<String>,
    byline_prefixes: Vec<String>,
    boilerplate: Vec<RawBoilerplate>,
}

#[derive(Deserialize)]
struct RawBoilerplate {
    reason: String,
    patterns: Vec<String>,
}

#[derive(Deserialize)]
struct RawAgencies {
    agencies: Vec<Agency>,
}

#[derive(Deserialize, Clone)]
pub struct Agency {
    pub code: String,
    pub name: String,
}

/// One boilerplate rule: whole-line patterns and the reason recorded when they match.
pub struct BoilerplateRule {
    pub reason: String,
    pub pattern: Regex,
}

/// Everything the cleaner knows about all configured languages together:
/// scrapes mix languages (an English share bar on a French page), so rules of
/// every language apply to every article.
pub struct Resources {
    /// (month name, month number), all languages, full names and abbreviations.
    pub months: Vec<(String, u32)>,
    pub weekdays: Vec<String>,
    pub update_cues: Vec<String>,
    pub publish_cues: Vec<String>,
    pub byline_prefixes: Vec<String>,
    pub boilerplate: Vec<BoilerplateRule>,
    pub agencies: Vec<Agency>,
}

const LANGUAGE_FILES: &[(&str, &str)] = &[
    ("fr", include_str!("../data/fr.toml")),
    ("en", include_str!("../data/en.toml")),
];
const AGENCIES: &str = include_str!("../data/agencies.toml");

impl Resources {
    /// The embedded resources, parsed once. The data files are part of the
    /// build, so a parse error is a bug caught by the tests, not a user error.
    pub fn get() -> &'static Resources {
        static RESOURCES: OnceLock<Resources> = OnceLock::new();
        RESOURCES.get_or_init(|| Resources::load().unwrap_or_else(|e| panic!("embedded data: {e}")))
    }

    fn load() -> Result<Resources, String> {
        let mut res = Resources {
            months: Vec::new(),
            weekdays: Vec::new(),
            update_cues: Vec::new(),
            publish_cues: Vec::new(),
            byline_prefixes: Vec::new(),
            boilerplate: Vec::new(),
            agencies: Vec::new(),
        };
        for (lang, text) in LANGUAGE_FILES {
            let raw: RawLanguage = toml::from_str(text).map_err(|e| format!("{lang}: {e}"))?;
            for (i, m) in raw.months.iter().enumerate() {
                res.months.push((m.clone(), i as u32 + 1));
            }
            for (i, m) in raw.month_abbreviations.iter().enumerate() {
                res.months.push((m.clone(), i as u32 + 1));
            }
            res.weekdays.extend(raw.weekdays);
            res.update_cues.extend(raw.update_cues);
            res.publish_cues.extend(raw.publish_cues);
            res.byline_prefixes.extend(raw.byline_prefixes);
            for rule in raw.boilerplate {
                for p in rule.patterns {
                    let pattern = RegexBuilder::new(&format!("^(?:{p})$"))
                        .case_insensitive(true)
                        .build()
                        .map_err(|e| format!("{lang}: pattern {p:?}: {e}"))?;
                    res.boilerplate.push(BoilerplateRule {
                        reason: rule.reason.clone(),
                        pattern,
                    });
                }
            }
        }
        // Longest names first so that `juillet` wins over `juil`.
        res.months.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        res.months.dedup_by(|a, b| a.0 == b.0);
        res.update_cues.sort_by_key(|c| std::cmp::Reverse(c.len()));
        res.publish_cues.sort_by_key(|c| std::cmp::Reverse(c.len()));
        let agencies: RawAgencies = toml::from_str(AGENCIES).map_err(|e| format!("agencies: {e}"))?;
        res.agencies = agencies.agencies;
        Ok(res)
    }

    pub fn agency_by_code(&self, code: &str) -> Option<&Agency> {
        let upper = code.to_uppercase();
        self.agencies.iter().find(|a| a.code == upper)
    }

    pub fn month_number(&self, word: &str) -> Option<u32> {
        let lower = word.to_lowercase();
        let lower = lower.trim_end_matches('.');
        self.months.iter().find(|(m, _)| m == lower).map(|(_, n)| *n)
    }
}
