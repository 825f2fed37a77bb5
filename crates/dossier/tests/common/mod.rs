//! Builders for hand-made articles and analyses: mentions are given by their
//! surface text and located in the article, so tests read like the articles.

#![allow(dead_code)]

use chrono::NaiveDate;
use recoupe_core::{
    fold_key, Analysis, Article, Comparator, DateStamp, EntityKind, EntityMention, Granularity, Metadata, QuantityKind,
    QuantityMention, QuoteMention, Span, TimeAnchor, TimeKind, TimeMention,
};

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub struct Meta<'a> {
    pub outlet: Option<&'a str>,
    pub published: Option<&'a str>,
    pub author: Option<&'a str>,
    pub agency: Option<&'a str>,
    pub language: &'a str,
    pub title: Option<&'a str>,
}

/// An article whose paragraphs are lists of sentences (joined by one space;
/// paragraphs by a blank line).
pub fn article(id: &str, meta: Meta<'_>, paragraphs: &[&[&str]]) -> Article {
    let mut text = String::new();
    let mut sentences = Vec::new();
    let mut paras = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        if pi > 0 {
            text.push_str("\n\n");
        }
        let pstart = text.len();
        for (si, s) in p.iter().enumerate() {
            if si > 0 {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(s);
            sentences.push(Span::new(start, text.len()));
        }
        paras.push(Span::new(pstart, text.len()));
    }
    Article {
        paragraph_languages: Vec::new(),
        id: id.to_string(),
        doc_hash: format!("{id}-hash"),
        meta: Metadata {
            title: meta.title.map(str::to_string),
            published: meta.published.map(|p| DateStamp::Date(day(p))),
            updated: None,
            outlet: meta.outlet.map(str::to_string),
            author: meta.author.map(str::to_string),
            agency: meta.agency.map(str::to_string),
            url: None,
            language: Some(meta.language.to_string()),
            tags: Vec::new(),
        },
        text,
        paragraphs: paras,
        sentences,
        removed: Vec::new(),
        offsets: Vec::new(),
        warnings: Vec::new(),
    }
}

/// Builds the analysis of one article.
pub struct Builder<'a> {
    pub article: &'a Article,
    pub analysis: Analysis,
    chains: Vec<String>,
}

impl<'a> Builder<'a> {
    pub fn new(article: &'a Article) -> Self {
        Builder {
            article,
            analysis: Analysis {
                article_id: article.id.clone(),
                analyzer_version: "test".to_string(),
                language: article.language().to_string(),
                ..Analysis::default()
            },
            chains: Vec::new(),
        }
    }

    fn find(&self, surface: &str, nth: usize) -> Span {
        let mut from = 0;
        let mut k = 0;
        while let Some(pos) = self.article.text.get(from..).and_then(|t| t.find(surface)) {
            let start = from + pos;
            if k == nth {
                return Span::new(start, start + surface.len());
            }
            k += 1;
            from = start + surface.len();
        }
        panic!("`{surface}` (#{nth}) not in article {}", self.article.id);
    }

    fn occurrences(&self, surface: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(pos) = self.article.text.get(from..).and_then(|t| t.find(surface)) {
            let start = from + pos;
            out.push(Span::new(start, start + surface.len()));
            from = start + surface.len();
        }
        assert!(!out.is_empty(), "`{surface}` not in article {}", self.article.id);
        // Shorter names inside longer ones already marked are not mentions of their own.
        out.retain(|s| !self.analysis.entities.iter().any(|m| m.span.overlaps(*s)));
        out
    }

    fn chain(&mut self, canonical: &str) -> usize {
        match self.chains.iter().position(|c| c == canonical) {
            Some(i) => i,
            None => {
                self.chains.push(canonical.to_string());
                self.chains.len() - 1
            }
        }
    }

    /// Every occurrence of `surface` as a mention of `canonical`.
    pub fn entity(mut self, surface: &str, kind: EntityKind, canonical: &str) -> Self {
        let chain = self.chain(canonical);
        for span in self.occurrences(surface) {
            self.analysis.entities.push(EntityMention {
                span,
                text: surface.to_string(),
                kind,
                canonical: canonical.to_string(),
                key: fold_key(canonical),
                chain,
                role: None,
                long_form: None,
                via_demonym: false,
            });
        }
        self
    }

    /// The `nth` occurrence of `surface`, with a role.
    pub fn entity_role(mut self, surface: &str, nth: usize, kind: EntityKind, canonical: &str, role: &str) -> Self {
        let chain = self.chain(canonical);
        let span = self.find(surface, nth);
        self.analysis.entities.push(EntityMention {
            span,
            text: surface.to_string(),
            kind,
            canonical: canonical.to_string(),
            key: fold_key(canonical),
            chain,
            role: Some(role.to_string()),
            long_form: None,
            via_demonym: false,
        });
        self
    }

    pub fn acronym(mut self, surface: &str, long_form: Option<&str>) -> Self {
        let chain = self.chain(surface);
        for span in self.occurrences(surface) {
            self.analysis.entities.push(EntityMention {
                span,
                text: surface.to_string(),
                kind: EntityKind::Organisation,
                canonical: surface.to_string(),
                key: fold_key(surface),
                chain,
                role: None,
                long_form: long_form.map(str::to_string),
                via_demonym: false,
            });
        }
        self
    }

    pub fn demonym(mut self, surface: &str, place: &str) -> Self {
        let chain = self.chain(place);
        for span in self.occurrences(surface) {
            self.analysis.entities.push(EntityMention {
                span,
                text: surface.to_string(),
                kind: EntityKind::Place,
                canonical: place.to_string(),
                key: fold_key(place),
                chain,
                role: None,
                long_form: None,
                via_demonym: true,
            });
        }
        self
    }

    /// A date mention: `start`..`end` (ISO), absolute.
    pub fn date(self, surface: &str, start: &str, end: &str, granularity: Granularity) -> Self {
        let value = if start == end {
            start.to_string()
        } else {
            format!("{start}/{end}")
        };
        self.time(
            surface,
            Some(&value),
            Some((start, end)),
            granularity,
            TimeAnchor::Absolute,
            1.0,
            &[],
        )
    }

    /// A date resolved against the publication date.
    pub fn relative_date(self, surface: &str, date: &str, published: &str) -> Self {
        self.time(
            surface,
            Some(date),
            Some((date, date)),
            Granularity::Day,
            TimeAnchor::Publication { date: day(published) },
            0.8,
            &[],
        )
    }

    /// A date the tagger could not resolve (no anchor).
    pub fn unresolved(self, surface: &str) -> Self {
        self.time(surface, None, None, Granularity::Day, TimeAnchor::Unresolved, 0.3, &[])
    }

    pub fn hedged_date(self, surface: &str, alternatives: &[&str]) -> Self {
        let first = alternatives.first().copied().unwrap_or("2000-01-01");
        let last = alternatives.last().copied().unwrap_or(first);
        let mut b = self.time(
            surface,
            Some(first),
            Some((first, last)),
            Granularity::Day,
            TimeAnchor::Absolute,
            0.7,
            alternatives,
        );
        if let Some(t) = b.analysis.times.last_mut() {
            t.hedged = true;
        }
        b
    }

    #[allow(clippy::too_many_arguments)]
    pub fn time(
        mut self,
        surface: &str,
        value: Option<&str>,
        range: Option<(&str, &str)>,
        granularity: Granularity,
        anchor: TimeAnchor,
        confidence: f32,
        alternatives: &[&str],
    ) -> Self {
        let span = self.find(surface, 0);
        self.analysis.times.push(TimeMention {
            span,
            text: surface.to_string(),
            kind: TimeKind::Date,
            value: value.map(str::to_string),
            granularity,
            start: range.map(|(s, _)| day(s)),
            end: range.map(|(_, e)| day(e)),
            alternatives: alternatives.iter().map(|a| a.to_string()).collect(),
            anchor,
            confidence,
            hedged: false,
        });
        self
    }

    pub fn duration(mut self, surface: &str, value: &str) -> Self {
        let span = self.find(surface, 0);
        self.analysis.times.push(TimeMention {
            span,
            text: surface.to_string(),
            kind: TimeKind::Duration,
            value: Some(value.to_string()),
            granularity: Granularity::Day,
            start: None,
            end: None,
            alternatives: Vec::new(),
            anchor: TimeAnchor::Absolute,
            confidence: 1.0,
            hedged: false,
        });
        self
    }

    pub fn quantity(
        mut self,
        surface: &str,
        kind: QuantityKind,
        value: f64,
        unit: Option<&str>,
        counted: Option<&str>,
    ) -> Self {
        let span = self.find(surface, 0);
        self.analysis.quantities.push(QuantityMention {
            span,
            text: surface.to_string(),
            kind,
            value,
            unit: unit.map(str::to_string),
            counted: counted.map(str::to_string),
            per: None,
            comparator: None::<Comparator>,
        });
        self
    }

    pub fn quote(mut self, words: &str, speaker: &str, cue: &str) -> Self {
        let span = self.find(words, 0);
        let speaker_span = self.find(speaker, 0);
        self.analysis.quotes.push(QuoteMention {
            span,
            text: words.to_string(),
            speaker: Some(speaker.to_string()),
            speaker_span: Some(speaker_span),
            speaker_key: None,
            cue: Some(cue.to_string()),
            partial: false,
        });
        self
    }

    pub fn done(mut self) -> Analysis {
        self.analysis.entities.sort_by_key(|m| m.span);
        self.analysis.times.sort_by_key(|m| m.span);
        self.analysis.quantities.sort_by_key(|m| m.span);
        self.analysis
    }
}
