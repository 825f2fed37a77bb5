//! Language resources for cleaning, loaded from the data files embedded at
//! build time. Adding a language means adding a data file and one line here.

use std::sync::OnceLock;

use regex::{RegexSet, RegexSetBuilder};
use serde::Deserialize;

#[derive(Deserialize)]
struct RawLanguage {
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

/// The boilerplate rules of every language, compiled into one [`RegexSet`]:
/// a hundred small case-insensitive regexes compiled one by one cost most of a
/// one-page command's start-up (about 35 M instructions); one set is compiled
/// once, lazily, at the first line tested, and matched in one pass.
pub struct Boilerplate {
    /// The reason recorded for each pattern of `set`, by pattern index.
    reasons: Vec<String>,
    patterns: Vec<String>,
    set: OnceLock<RegexSet>,
}

impl Boilerplate {
    /// The reason of the first rule (in data order) whose pattern matches the whole line.
    pub fn reason_of(&self, line: &str) -> Option<&str> {
        // Case-sensitive patterns (the data is lower case, a test checks it) on
        // the lower-cased line: the same matches as case-insensitive patterns,
        // and half the compile cost (no case-folded classes).
        let set = self.set.get_or_init(|| {
            RegexSetBuilder::new(&self.patterns)
                .build()
                .unwrap_or_else(|e| panic!("embedded data: boilerplate patterns: {e}"))
        });
        let first = set.matches(&line.to_lowercase()).into_iter().next()?;
        self.reasons.get(first).map(String::as_str)
    }

    /// The patterns, as compiled (anchored at both ends).
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }
}

/// Everything the cleaner knows about all configured languages together:
/// scrapes mix languages (an English share bar on a French page), so rules of
/// every language apply to every article.
pub struct Resources {
    /// (folded month word, month number), every language that has an
    /// `extract.toml`, from its calendar: names, variants and abbreviations.
    pub months: Vec<(String, u32)>,
    /// Weekday words of the same languages, lower case, longest first.
    pub weekdays: Vec<String>,
    pub update_cues: Vec<String>,
    pub publish_cues: Vec<String>,
    pub byline_prefixes: Vec<String>,
    pub boilerplate: Boilerplate,
    pub agencies: Vec<Agency>,
}

/// The file of each language folder read here: `data/<lang>/extract.toml` at
/// the workspace root. French first: the first matching boilerplate rule names
/// the reason.
const LANGUAGE_FILE: &str = "extract.toml";
/// Wire agencies, any language (`data/agencies.toml`).
const AGENCIES_FILE: &str = "agencies.toml";

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
            boilerplate: Boilerplate {
                reasons: Vec::new(),
                patterns: Vec::new(),
                set: OnceLock::new(),
            },
            agencies: Vec::new(),
        };
        for (lang, text) in recoupe_text::data::language_files_primary_first(LANGUAGE_FILE) {
            let raw: RawLanguage = toml::from_str(text).map_err(|e| format!("{lang}: {e}"))?;
            // Month and weekday names: the language's calendar (`data/<lang>/calendar.toml`).
            if let Some(calendar) = recoupe_text::calendar::for_language(lang) {
                res.months
                    .extend(calendar.month_forms().map(|(m, n)| (recoupe_text::fold(m), n)));
                res.weekdays
                    .extend(calendar.weekday_forms().map(|(w, _)| w.to_lowercase()));
            }
            res.update_cues.extend(raw.update_cues);
            res.publish_cues.extend(raw.publish_cues);
            res.byline_prefixes.extend(raw.byline_prefixes);
            for rule in raw.boilerplate {
                for p in rule.patterns {
                    // Compiled with the others at first use (the tests compile them all).
                    res.boilerplate.reasons.push(rule.reason.clone());
                    res.boilerplate.patterns.push(format!("^(?:{p})$"));
                }
            }
        }
        // Longest names first so that `juillet` wins over `juil`.
        res.months.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        res.months.dedup_by(|a, b| a.0 == b.0);
        // Longest first, so that `lundis` is removed before `lundi`.
        res.weekdays.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        res.weekdays.dedup();
        res.update_cues.sort_by_key(|c| std::cmp::Reverse(c.len()));
        res.publish_cues.sort_by_key(|c| std::cmp::Reverse(c.len()));
        let agencies_text = recoupe_text::data::shared_file(AGENCIES_FILE).ok_or("data/agencies.toml is missing")?;
        let agencies: RawAgencies = toml::from_str(agencies_text).map_err(|e| format!("agencies: {e}"))?;
        res.agencies = agencies.agencies;
        Ok(res)
    }

    pub fn agency_by_code(&self, code: &str) -> Option<&Agency> {
        let upper = code.to_uppercase();
        self.agencies.iter().find(|a| a.code == upper)
    }

    /// The month a word names (`juillet`, `Juil.`, `fevrier`), case and accents folded.
    pub fn month_number(&self, word: &str) -> Option<u32> {
        let folded = recoupe_text::fold(word.trim_end_matches('.'));
        self.months.iter().find(|(m, _)| *m == folded).map(|(_, n)| *n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Boilerplate lines are matched lower-cased against case-sensitive
    /// patterns, which is right only while the patterns are lower case.
    #[test]
    fn boilerplate_patterns_are_lower_case_and_compile() {
        let boilerplate = &Resources::get().boilerplate;
        assert!(boilerplate.patterns().len() > 50);
        for pattern in boilerplate.patterns() {
            assert_eq!(pattern, &pattern.to_lowercase(), "upper case in a boilerplate pattern");
        }
        assert!(RegexSet::new(boilerplate.patterns()).is_ok());
    }

    #[test]
    fn boilerplate_reason_of_first_matching_rule() {
        let boilerplate = &Resources::get().boilerplate;
        let check = |line: &str, expected: Option<&str>| assert_eq!(boilerplate.reason_of(line), expected, "{line}");
        check("Lire aussi : le budget", Some("related_links"));
        check("PARTAGER SUR FACEBOOK", Some("share_bar"));
        check("12 Commentaires", Some("comment_form"));
        check("Tous droits réservés © 2026", Some("legal"));
        check("© Crédit photo maison", Some("image_placeholder"));
        check("Le conseil a voté le budget des écoles.", None);
        check("Partagez vos idées avec nous demain à la mairie", Some("share_bar"));
    }
}
