//! Line-level cleaning of plain-text scrapes.
//!
//! Scrapes carry junk around the story: image placeholders, hashtag rows, the
//! outlet's name, "last updated" lines, comment forms, agency sign-offs and
//! bylines. This module sorts every line into body, metadata or removed
//! boilerplate, so that nothing is silently lost: what leaves the body either
//! becomes metadata or is listed in [`Cleaned::removed`] with its reason.

use std::sync::OnceLock;

use recoupe_core::{DateStamp, RemovedLine};
use regex::Regex;

use crate::dates::find_dates;
use crate::resources::Resources;

/// A body paragraph assembled from one or more raw lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The pieces of the raw text that make it, joined by one space.
    pub pieces: Vec<(usize, usize)>,
}

/// Metadata found in the scrape's junk lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineMetadata {
    pub title: Option<String>,
    pub published: Option<DateStamp>,
    pub updated: Option<DateStamp>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub agency: Option<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub paragraphs: Vec<Paragraph>,
    pub meta: LineMetadata,
    pub removed: Vec<RemovedLine>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Body,
    Removed,
}

struct Line<'a> {
    text: &'a str,
    start: usize,
    kind: Kind,
}

fn signoff_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // Slash-separated initials ending with the agency code (`AC/Sf/APA`, `MD/ac/Sf/APA`),
    // or the agency in parentheses, after initials or alone (`bdi/sd/ahe (AFP)`, `(AFP)`).
    R.get_or_init(|| {
        Regex::new(r"^(?:(?:\p{L}+/)+(\p{L}+)\.?|(?:(?:\p{L}+/)+\p{L}+\s*)?\(([\p{L} ]+)\)\.?)$").expect("static regex")
    })
}

/// The regexes of this module say `\p{L}+` where they mean bounded runs
/// (one to eight initials of one to six letters, `(?:\p{L}{1,6}/){1,8}`, then
/// a code of up to ten letters; an agency name of 2 to 20 characters):
/// bounded repetitions of a Unicode class compile to huge automata (about
/// 150 ms at start-up for four regexes), so the bounds are checked on the
/// match instead ([`initials_ok`], [`len_in`]).
fn initials_ok(chain: &str) -> bool {
    let chain = chain.trim().trim_end_matches('.');
    let chain = chain.split('(').next().unwrap_or(chain).trim();
    let mut parts: Vec<&str> = chain.split('/').collect();
    let last = parts.pop().map_or(0, |l| l.trim().chars().count());
    (1..=10).contains(&last)
        && (1..=8).contains(&parts.len())
        && parts.iter().all(|p| (1..=6).contains(&p.chars().count()))
}

/// Whether an optional capture is absent or `lo..=hi` characters long.
fn len_in(m: Option<regex::Match<'_>>, lo: usize, hi: usize) -> bool {
    m.is_none_or(|m| (lo..=hi).contains(&m.as_str().chars().count()))
}

// Start-up: each regex of this module is compiled at its first use, and the
// checks before each use are conditions its pattern cannot match without (a
// slash or a parenthesis, a leading `source`/`avec`/`with`), so a page with no
// such line never compiles it and no result changes.

fn signoff_captures(text: &str) -> Option<regex::Captures<'_>> {
    if !text.contains(['/', '(']) {
        return None;
    }
    signoff_regex()
        .captures(text)
        .filter(|c| len_in(c.get(1), 2, 10) && len_in(c.get(2), 2, 20))
        .filter(|c| !text.contains('/') || c.get(0).is_some_and(|m| initials_ok(m.as_str())))
}

fn trailing_signoff_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"[\s.](?:\p{L}+/)+(\p{L}+)\.?$").expect("static regex"))
}

fn dateline_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // `BAMAKO (AFP) -`, `(Reuters) -`, `Paris, 3 mars (AFP) —`
    // `[^()]*` with the 60-character bound checked on the match (see `initials_ok`).
    R.get_or_init(|| Regex::new(r"^[^()]*\(([\p{L} ]+)\)\s*[-–—:]").expect("static regex"))
}

fn source_line_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?i)^(?:source|sources|avec|with|\(?avec|\(?with)\s*:?\s*([\p{L} ./]+)\)?\.?$")
            .expect("static regex")
    })
}

/// Whether `text` begins as [`source_line_regex`] requires.
fn starts_like_source_line(text: &str) -> bool {
    let head: String = text.chars().take(6).flat_map(char::to_lowercase).collect();
    ["source", "avec", "with", "(avec", "(with"]
        .iter()
        .any(|w| head.starts_with(w))
}

fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '»' | '"' | '”' | ':' | ';' | ')' | '’' | '\''
    )
}

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// A line that reads like a paragraph of the story rather than a label.
fn is_prose(line: &str) -> bool {
    // Headlines run to 15 words or more without a final stop; prose ends like a sentence.
    let n = words(line);
    n >= 25 || (n >= 6 && line.chars().last().is_some_and(is_terminal))
}

/// Two to four capitalised words (particles allowed), no digits: a name.
fn is_name_like(line: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "de", "du", "des", "da", "van", "von", "bin", "ben", "ould", "el", "al", "le", "la",
    ];
    let ws: Vec<&str> = line.split_whitespace().collect();
    if !(2..=5).contains(&ws.len()) || line.chars().count() > 48 {
        return false;
    }
    if line
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ':' | ';' | '!' | '?' | '#' | '/' | '«' | '"'))
    {
        return false;
    }
    let capitalised = ws
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .count();
    let fitting = ws
        .iter()
        .filter(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase()) || PARTICLES.contains(&w.to_lowercase().as_str())
        })
        .count();
    capitalised >= 2 && fitting == ws.len()
}

fn is_hashtag_row(line: &str) -> bool {
    let ws: Vec<&str> = line.split_whitespace().collect();
    let tags = ws.iter().filter(|w| w.starts_with('#') && w.len() > 1).count();
    tags >= 2 && tags * 10 >= ws.len() * 8
}

/// Words that name outlets (`Agence`, `Journal`, `News`, a domain name): they
/// tell an outlet line from a short headline in a scrape's header.
fn looks_like_outlet(line: &str) -> bool {
    const CUES: &[&str] = &[
        "agence",
        "agency",
        "journal",
        "news",
        "info",
        "infos",
        "times",
        "post",
        "press",
        "presse",
        "magazine",
        "média",
        "médias",
        "media",
        "tv",
        "télé",
        "radio",
        "hebdo",
        "quotidien",
        "matin",
        "soir",
        "tribune",
        "express",
        "observateur",
        "monde",
        "actu",
        "actualité",
        "daily",
        "herald",
        "gazette",
        "courrier",
        "dépêche",
        "reporter",
        "wire",
        "online",
        "net",
        "web",
        "ecofin",
    ];
    let lower = line.to_lowercase();
    lower.contains(".com")
        || lower.contains(".net")
        || lower.contains(".org")
        || lower.split(|c: char| !c.is_alphanumeric()).any(|w| CUES.contains(&w))
}

/// A metadata date line: dates plus cue words and little else.
fn date_line(line: &str, res: &Resources) -> Option<(Option<DateStamp>, Option<DateStamp>)> {
    let found = find_dates(line);
    if found.is_empty() {
        return None;
    }
    let mut rest = String::new();
    let mut last = 0;
    for f in &found {
        rest.push_str(line.get(last..f.start).unwrap_or(""));
        rest.push(' ');
        last = f.end;
    }
    rest.push_str(line.get(last..).unwrap_or(""));
    let mut lower = rest.to_lowercase();
    for cue in res
        .update_cues
        .iter()
        .chain(res.publish_cues.iter())
        .chain(res.weekdays.iter())
    {
        lower = lower.replace(cue.as_str(), " ");
    }
    let leftover = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    *w,
                    "le" | "à" | "a" | "at" | "on" | "the" | "du" | "et" | "and" | "gmt" | "utc"
                )
        })
        .count();
    if leftover > 2 {
        return None;
    }
    let lower_line = line.to_lowercase();
    let update_at = res.update_cues.iter().filter_map(|c| lower_line.find(c.as_str())).min();
    let mut published = None;
    let mut updated = None;
    for f in &found {
        match update_at {
            Some(at) if f.start >= at => {
                if updated.is_none() {
                    updated = Some(f.stamp);
                }
            }
            _ => {
                if published.is_none() {
                    published = Some(f.stamp);
                }
            }
        }
    }
    Some((published, updated))
}

fn byline_name<'a>(line: &'a str, res: &Resources) -> Option<&'a str> {
    let lower = line.to_lowercase();
    for prefix in &res.byline_prefixes {
        if let Some(rest) = lower.strip_prefix(prefix.as_str()) {
            if rest.starts_with(' ') || prefix.ends_with(':') {
                let name = line.get(line.len() - rest.len()..)?.trim();
                if is_name_like(name) || (words(name) == 1 && name.chars().next().is_some_and(char::is_uppercase)) {
                    return Some(name);
                }
            }
        }
    }
    None
}

/// Sorts the lines of a plain-text scrape into body, metadata and removed boilerplate.
pub fn clean_text(raw: &str) -> Cleaned {
    let res = Resources::get();
    let mut out = Cleaned::default();
    let mut lines: Vec<Line> = Vec::new();
    let mut pos = 0;
    for piece in raw.split_inclusive('\n') {
        let body = piece.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let text = body.trim();
        let kind = if text.is_empty() { Kind::Blank } else { Kind::Body };
        lines.push(Line {
            text,
            start: pos + lead,
            kind,
        });
        pos += piece.len();
    }

    let remove = |line: &mut Line, reason: &str, out: &mut Cleaned| {
        line.kind = Kind::Removed;
        out.removed.push(RemovedLine {
            text: line.text.to_string(),
            reason: reason.to_string(),
        });
    };

    // Pass 1: boilerplate, hashtags, sign-offs, date lines, source lines.
    let mut metadata_lines: Vec<usize> = Vec::new();
    for (i, line) in lines.iter_mut().enumerate() {
        if line.kind != Kind::Body {
            continue;
        }
        let text = line.text;
        if let Some(reason) = res.boilerplate.reason_of(text) {
            remove(line, reason, &mut out);
        } else if is_hashtag_row(text) {
            out.meta.tags.extend(
                text.split_whitespace()
                    .filter_map(|w| w.strip_prefix('#'))
                    .filter(|w| !w.is_empty())
                    .map(str::to_string),
            );
            remove(line, "hashtags", &mut out);
            metadata_lines.push(i);
        } else if let Some(c) = signoff_captures(text) {
            if let Some(agency) = c
                .get(1)
                .or(c.get(2))
                .and_then(|m| res.agency_by_code(m.as_str().trim()))
            {
                out.meta.agency.get_or_insert_with(|| agency.name.clone());
            }
            remove(line, "signoff", &mut out);
        } else if let Some((published, updated)) = (words(text) <= 16).then(|| date_line(text, res)).flatten() {
            if out.meta.published.is_none() {
                out.meta.published = published.or(updated);
            }
            if out.meta.updated.is_none() {
                out.meta.updated = updated;
            }
            remove(line, "date_line", &mut out);
            metadata_lines.push(i);
        } else if let Some(agency) = starts_like_source_line(text)
            .then(|| source_line_regex().captures(text))
            .flatten()
            .filter(|c| len_in(c.get(1), 2, 30))
            .and_then(|c| c.get(1))
            .and_then(|m| res.agency_by_code(m.as_str().trim()))
        {
            out.meta.agency.get_or_insert_with(|| agency.name.clone());
            remove(line, "source", &mut out);
        }
    }

    // Where the story starts and ends: the first and last lines of prose.
    let body_idx: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].kind == Kind::Body).collect();
    let first_prose = body_idx.iter().copied().find(|&i| is_prose(lines[i].text));
    let last_prose = body_idx.iter().copied().rev().find(|&i| is_prose(lines[i].text));

    // Pass 2: the header, before the first prose line: outlet and byline.
    if let Some(first) = first_prose {
        let header: Vec<usize> = body_idx.iter().copied().filter(|&i| i < first).collect();
        let near_metadata = |i: usize| metadata_lines.iter().any(|&m| m.abs_diff(i) <= 2);
        let mut outlet_candidates: Vec<usize> = Vec::new();
        for &i in &header {
            let text = lines[i].text;
            if let Some(name) = byline_name(text, res) {
                out.meta.author.get_or_insert_with(|| name.to_string());
                remove(&mut lines[i], "byline", &mut out);
            } else if words(text) <= 6 && !text.chars().last().is_some_and(is_terminal) && near_metadata(i) {
                outlet_candidates.push(i);
            }
        }
        // An outlet name has an outlet word (`Agence`, `Journal`, a domain) or,
        // failing that, is the short line that is not the first of the header
        // (the first is the headline) and has no headline colon.
        let chosen = outlet_candidates
            .iter()
            .copied()
            .find(|&i| looks_like_outlet(lines[i].text))
            .or_else(|| {
                outlet_candidates.iter().copied().find(|&i| {
                    Some(&i) != header.first() && !lines[i].text.contains(" : ") && !lines[i].text.contains(": ")
                })
            });
        if let Some(i) = chosen {
            out.meta.outlet = Some(lines[i].text.to_string());
            remove(&mut lines[i], "outlet", &mut out);
        }
    }

    // Pass 3: the trailer, after the last prose line: bylines and sign-offs.
    if let Some(last) = last_prose {
        for line in lines.iter_mut().skip(last + 1) {
            if line.kind != Kind::Body {
                continue;
            }
            let text = line.text;
            if let Some(name) = byline_name(text, res) {
                out.meta.author.get_or_insert_with(|| name.to_string());
                remove(line, "byline", &mut out);
            } else if is_name_like(text) {
                out.meta.author.get_or_insert_with(|| text.to_string());
                remove(line, "byline", &mut out);
            }
        }
        // A sign-off glued to the end of the last paragraph (`... du pays. AC/Sf/APA`).
        let line = &mut lines[last];
        let trailing = line
            .text
            .contains('/')
            .then(|| trailing_signoff_regex().captures(line.text))
            .flatten();
        if let Some(c) = trailing.filter(|c| {
            len_in(c.get(1), 2, 10)
                && c.get(0).is_some_and(|m| {
                    initials_ok(m.as_str().trim_start_matches(|c: char| c.is_whitespace() || c == '.'))
                })
        }) {
            if let (Some(all), Some(code)) = (c.get(0), c.get(1)) {
                if let Some(agency) = res.agency_by_code(code.as_str()) {
                    out.meta.agency.get_or_insert_with(|| agency.name.clone());
                    let cut = all.start() + usize::from(line.text[all.start()..].starts_with('.'));
                    out.removed.push(RemovedLine {
                        text: line.text[cut..].trim().to_string(),
                        reason: "signoff".to_string(),
                    });
                    line.text = line.text[..cut].trim_end();
                }
            }
        }
    }

    // A dateline naming the agency (`BAMAKO (AFP) -`) in the first prose line.
    if out.meta.agency.is_none() {
        if let Some(first) = first_prose {
            let text = lines[first].text;
            if let Some(agency) = (text.contains('(') && text.contains(')'))
                .then(|| dateline_regex().captures(text))
                .flatten()
                .filter(|c| len_in(c.get(1), 2, 20) && text.split('(').next().is_some_and(|p| p.chars().count() <= 60))
                .and_then(|c| c.get(1))
                .and_then(|m| res.agency_by_code(m.as_str().trim()))
            {
                out.meta.agency = Some(agency.name.clone());
            }
        }
    }

    // Pass 4: paragraphs. A blank line ends one; a line cut mid-sentence (no
    // final punctuation, next line starting in lower case) is joined to the next.
    let mut current: Option<Paragraph> = None;
    let mut prev_open = false;
    for line in &lines {
        match line.kind {
            Kind::Blank => {
                if let Some(p) = current.take() {
                    out.paragraphs.push(p);
                }
                prev_open = false;
            }
            Kind::Removed => {}
            Kind::Body => {
                if line.text.is_empty() {
                    continue;
                }
                let starts_lower = line.text.chars().next().is_some_and(|c| c.is_lowercase());
                match current.as_mut() {
                    Some(p) if prev_open && starts_lower => p.pieces.push((line.start, line.text.len())),
                    _ => {
                        if let Some(p) = current.take() {
                            out.paragraphs.push(p);
                        }
                        current = Some(Paragraph {
                            pieces: vec![(line.start, line.text.len())],
                        });
                    }
                }
                prev_open = !line.text.chars().last().is_some_and(is_terminal);
            }
        }
    }
    if let Some(p) = current.take() {
        out.paragraphs.push(p);
    }

    // The first paragraph is the title when it is one short sentence.
    if let Some(first) = out.paragraphs.first() {
        if let [(start, len)] = first.pieces[..] {
            if let Some(text) = raw.get(start..start + len) {
                let sentence_ends = text.trim_end_matches(is_terminal).matches(['.', '!', '?']).count();
                if text.chars().count() <= 200 && sentence_ends == 0 && out.paragraphs.len() > 1 {
                    out.meta.title = Some(text.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_like() {
        assert!(is_name_like("Amadou Traoré"));
        assert!(is_name_like("Jean de La Fontaine"));
        assert!(!is_name_like("Signature de plusieurs accords de coopération"));
        assert!(!is_name_like("Développer des relations"));
        assert!(!is_name_like("Mali"));
    }

    #[test]
    fn hashtags() {
        assert!(is_hashtag_row("#Cooperation #International #Mali"));
        assert!(!is_hashtag_row("Le #Mali avance"));
    }
}

#[cfg(test)]
mod signoff_bounds {
    use super::*;

    /// The bounds the regexes no longer carry, checked on the match.
    #[test]
    fn signoffs_keep_their_bounds() {
        for (line, expected) in [
            ("AC/Sf/APA", true),
            ("MD/ac/Sf/APA.", true),
            ("bdi/sd/ahe (AFP)", true),
            ("(AFP)", true),
            ("(Reuters).", true),
            ("a/b/c/d/e/f/g/h/APA", true),
            ("a/b/c/d/e/f/g/h/i/APA", false),
            ("Nouakchott/APA", false),
            ("AC/Sf/Abcdefghijk", false),
            ("(A)", false),
            ("(Agence de presse du Burkina Faso)", false),
        ] {
            assert_eq!(signoff_captures(line).is_some(), expected, "{line}");
        }
    }
}
