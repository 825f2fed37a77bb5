//! Numbered sources, which of them are independent, and what date each
//! article's relative expressions hang on.

use chrono::NaiveDate;
use recoupe_core::{fold_key, Analysis, Article, Granularity, Story, TimeAnchor, TimeKind, TimeMention};

use crate::model::{Citation, Dating, ResolvedTime, Source, SourceSentence};

/// One article of the dossier with everything computed about it once.
pub struct Item<'a> {
    pub number: usize,
    pub article: &'a Article,
    pub analysis: &'a Analysis,
    /// The analysis' time mentions, re-anchored when the article had no date.
    pub times: Vec<TimeMention>,
    /// Lowest source number of the article's independence group.
    pub group: usize,
    pub lang: String,
}

impl Item<'_> {
    /// A citation of `span` in this item's text, clipped to the sentence holding its start.
    pub fn cite(&self, start: usize, end: usize) -> Option<Citation> {
        let sentence = self.article.sentence_at(start)?;
        let s = self.article.sentences.get(sentence)?;
        let end = end.min(s.end).max(start);
        let text = self.article.text.get(start..end)?.to_string();
        if text.trim().is_empty() {
            return None;
        }
        Some(Citation {
            source: self.number,
            sentence,
            start,
            end,
            text,
        })
    }

    /// A citation of a whole sentence.
    pub fn cite_sentence(&self, sentence: usize) -> Option<Citation> {
        let s = self.article.sentences.get(sentence)?;
        let text = s.slice(&self.article.text)?.trim_end().to_string();
        let end = s.start + text.len();
        Some(Citation {
            source: self.number,
            sentence,
            start: s.start,
            end,
            text,
        })
    }

    pub fn published(&self) -> Option<NaiveDate> {
        self.article.meta.published.map(|p| p.date())
    }
}

/// Picks the story's articles in story order (then any extra item), one per id.
pub fn order_items<'a>(
    story: &Story,
    items: &[(&'a Article, &'a Analysis)],
    warnings: &mut Vec<String>,
) -> Vec<(&'a Article, &'a Analysis)> {
    let mut out: Vec<(&Article, &Analysis)> = Vec::new();
    for id in &story.article_ids {
        match items.iter().find(|(a, _)| &a.id == id) {
            Some(pair) if !out.iter().any(|(a, _)| &a.id == id) => out.push(*pair),
            Some(_) => {}
            None => warnings.push(format!("article {id} of the story was not supplied")),
        }
    }
    for pair in items {
        if !out.iter().any(|(a, _)| a.id == pair.0.id) {
            warnings.push(format!(
                "article {} is not a member of story {}; included anyway",
                pair.0.id, story.id
            ));
            out.push(*pair);
        }
    }
    out
}

/// Who says what independently: copies of one dispatch (the story's copy
/// groups) and articles of one outlet fall in one group. An article with no
/// outlet but an agency sign-off is that agency's. Returns, per item, the
/// lowest number of its group.
pub fn independence_groups(story: &Story, articles: &[&Article]) -> Vec<usize> {
    let n = articles.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while p[r] != r {
            r = p[r];
        }
        let mut c = i;
        while p[c] != r {
            let next = p[c];
            p[c] = r;
            c = next;
        }
        r
    }
    fn union(p: &mut [usize], a: usize, b: usize) {
        let (ra, rb) = (find(p, a), find(p, b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            p[hi] = lo;
        }
    }
    let index_of = |id: &str| articles.iter().position(|a| a.id == id);
    for g in &story.copy_groups {
        if let Some(o) = index_of(&g.original) {
            for c in &g.copies {
                if let Some(ci) = index_of(c) {
                    union(&mut parent, o, ci);
                }
            }
        }
    }
    let outlet_key = |a: &Article| -> Option<String> {
        a.meta
            .outlet
            .as_deref()
            .map(|o| format!("outlet:{}", fold_key(o)))
            .or_else(|| a.meta.agency.as_deref().map(|g| format!("agency:{}", fold_key(g))))
            .filter(|k| !k.ends_with(':'))
    };
    for i in 0..n {
        for j in (i + 1)..n {
            if let (Some(a), Some(b)) = (outlet_key(articles[i]), outlet_key(articles[j])) {
                if a == b {
                    union(&mut parent, i, j);
                }
            }
        }
    }
    (0..n).map(|i| find(&mut parent, i) + 1).collect()
}

/// The latest absolute, day-precise date an article's own text gives.
fn latest_own_date(times: &[TimeMention]) -> Option<(NaiveDate, String)> {
    times
        .iter()
        .filter(|t| t.kind == TimeKind::Date && t.granularity == Granularity::Day)
        .filter(|t| matches!(t.anchor, TimeAnchor::Absolute) && t.confidence >= 0.8 && !t.hedged)
        .filter_map(|t| t.end.or(t.start).map(|d| (d, t.text.clone())))
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)))
}

/// Whether a mention needs an anchor it did not have: unresolved, or with an unknown year.
fn needs_anchor(t: &TimeMention) -> bool {
    matches!(t.anchor, TimeAnchor::Unresolved)
        || t.value.as_deref().is_some_and(|v| v.contains('X'))
        || (t.value.is_none() && t.kind != TimeKind::Duration)
}

/// Decides the anchor of every article and re-resolves the relative time
/// expressions of undated ones. Returns one [`Dating`] per article and the new mentions.
pub fn date_articles(pairs: &[(&Article, &Analysis)]) -> Vec<(Dating, Vec<TimeMention>)> {
    // The story's publication dates: an undated article was written among
    // them. The median stands for them (an old article in the story does not
    // drag the others back years); a date an undated article quotes from
    // history (`élu le 4 mars 2021`) is no anchor for its `lundi`.
    let mut published: Vec<(NaiveDate, usize)> = pairs
        .iter()
        .enumerate()
        .filter_map(|(i, (a, _))| a.meta.published.map(|p| (p.date(), i)))
        .collect();
    published.sort();
    let story_median: Option<(NaiveDate, usize)> = published.get(published.len().saturating_sub(1) / 2).copied();
    let window = published
        .first()
        .zip(published.last())
        .map(|((a, _), (b, _))| (*a - chrono::Duration::days(7), *b + chrono::Duration::days(7)));
    let within = |d: NaiveDate| window.is_none_or(|(a, b)| a <= d && d <= b);
    let story_latest_text: Option<(NaiveDate, String)> = pairs
        .iter()
        .filter(|(a, _)| a.meta.published.is_none())
        .filter_map(|(_, an)| latest_own_date(&an.times))
        .max();
    pairs
        .iter()
        .map(|(article, analysis)| {
            if let Some(p) = article.meta.published {
                let dating = Dating {
                    anchor: Some(p.date()),
                    method: "published".to_string(),
                    confidence: 1.0,
                    reason: "publication date given by the source".to_string(),
                    resolved: Vec::new(),
                };
                return (dating, analysis.times.clone());
            }
            let own = latest_own_date(&analysis.times).filter(|(d, _)| within(*d));
            let (anchor, method, confidence, reason) = if let Some((d, text)) = own {
                (
                    Some(d),
                    "own_text",
                    0.6,
                    format!("no publication date; latest absolute date in its own text (`{text}`)"),
                )
            } else if let Some((d, i)) = story_median {
                (
                    Some(d),
                    "story",
                    0.5,
                    format!(
                        "no publication date; median publication date of the story (source [{}])",
                        i + 1
                    ),
                )
            } else if let Some((d, text)) = &story_latest_text {
                (
                    Some(*d),
                    "story_text",
                    0.3,
                    format!("no publication date in the story; latest absolute date any article gives (`{text}`)"),
                )
            } else {
                (
                    None,
                    "none",
                    0.0,
                    "no publication date and no absolute date to anchor on".to_string(),
                )
            };
            let mut resolved = Vec::new();
            let times = match anchor {
                Some(date) => analysis
                    .times
                    .iter()
                    .map(|t| {
                        if !needs_anchor(t) {
                            return t.clone();
                        }
                        let new = crate::anchor::reanchor(t, article.language(), date, &reason);
                        if new.value != t.value {
                            resolved.push((t.clone(), new.clone()));
                        }
                        new
                    })
                    .collect(),
                None => analysis.times.clone(),
            };
            let dating = Dating {
                anchor,
                method: method.to_string(),
                confidence,
                reason,
                resolved: resolved
                    .into_iter()
                    .filter_map(|(before, after)| {
                        let sentence = article.sentence_at(before.span.start)?;
                        Some(ResolvedTime {
                            text: before.text.clone(),
                            before: before.value.clone(),
                            after: after.value.clone(),
                            citation: Citation {
                                source: 0,
                                sentence,
                                start: before.span.start,
                                end: before.span.end,
                                text: before.text.clone(),
                            },
                        })
                    })
                    .collect(),
            };
            (dating, times)
        })
        .collect()
}

/// The numbered source list.
pub fn build_sources(story: &Story, items: &[Item<'_>], datings: Vec<Dating>) -> Vec<Source> {
    items
        .iter()
        .zip(datings)
        .map(|(item, mut dating)| {
            let a = item.article;
            for r in &mut dating.resolved {
                r.citation.source = item.number;
            }
            let copy_of = story
                .original_of(&a.id)
                .and_then(|orig| items.iter().find(|i| i.article.id == orig))
                .map(|i| i.number);
            let paragraph_of = |start: usize| a.paragraphs.iter().position(|p| p.start <= start && start < p.end);
            let sentences = a
                .sentences
                .iter()
                .map(|s| SourceSentence {
                    start: s.start,
                    end: s.end,
                    paragraph: paragraph_of(s.start).unwrap_or(0),
                })
                .collect();
            Source {
                number: item.number,
                article_id: a.id.clone(),
                title: a.display_title(),
                outlet: a.meta.outlet.clone(),
                published: a.meta.published.map(|p| match p {
                    recoupe_core::DateStamp::DateTime(dt) => dt.format("%Y-%m-%dT%H:%M").to_string(),
                    recoupe_core::DateStamp::Date(d) => d.format("%Y-%m-%d").to_string(),
                }),
                author: a.meta.author.clone(),
                agency: a.meta.agency.clone(),
                language: item.lang.clone(),
                url: a.meta.url.clone(),
                copy_of,
                independence_group: item.group,
                dating,
                text: a.text.clone(),
                sentences,
            }
        })
        .collect()
}

/// Number of distinct independence groups among `sources` (source numbers).
pub fn independent_count(items: &[Item<'_>], sources: &[usize]) -> usize {
    let mut groups: Vec<usize> = sources
        .iter()
        .filter_map(|n| items.iter().find(|i| i.number == *n))
        .map(|i| i.group)
        .collect();
    groups.sort_unstable();
    groups.dedup();
    groups.len()
}
