//! Properties on arbitrary input: no panic on any Unicode text and any
//! (even invalid) mention spans, dates or figures; every citation points at
//! words inside an existing sentence; same input, same bytes.

use chrono::NaiveDate;
use proptest::prelude::*;
use recoupe_core::{
    Analysis, Article, DateStamp, EntityKind, EntityMention, Granularity, Metadata, QuantityKind, QuantityMention,
    QuoteMention, Span, Story, TimeAnchor, TimeKind, TimeMention,
};
use recoupe_dossier::{build_dossier, render_html, render_json, render_markdown, Dossier};

/// Char-boundary cut points of `text` picked from raw numbers.
fn cuts(text: &str, picks: &[usize]) -> Vec<usize> {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let mut out: Vec<usize> = picks
        .iter()
        .filter_map(|p| bounds.get(p % bounds.len().max(1)).copied())
        .collect();
    out.push(0);
    out.push(text.len());
    out.sort_unstable();
    out.dedup();
    out
}

#[derive(Debug, Clone)]
struct Raw {
    text: String,
    picks: Vec<usize>,
    spans: Vec<(usize, usize, u8)>,
    day: Option<i32>,
    value: f64,
}

fn raw() -> impl Strategy<Value = Raw> {
    (
        prop_oneof![
            any::<String>(),
            Just(
                "Le général Jean Dupont est arrivé dimanche à Paris. Il a signé trois accords le 23 juin 2025."
                    .to_string()
            ),
            "[a-zA-Zéèàï ,.«»0-9%-]{0,200}",
        ],
        prop::collection::vec(0usize..400, 0..6),
        prop::collection::vec((0usize..400, 0usize..400, any::<u8>()), 0..12),
        prop::option::of(-800_000i32..800_000),
        prop_oneof![any::<f64>(), Just(f64::NAN), Just(f64::INFINITY), Just(62.0)],
    )
        .prop_map(|(text, picks, spans, day, value)| Raw {
            text,
            picks,
            spans,
            day,
            value,
        })
}

fn build(id: &str, r: &Raw) -> (Article, Analysis) {
    let c = cuts(&r.text, &r.picks);
    let sentences: Vec<Span> = c
        .windows(2)
        .filter_map(|w| {
            Some(Span {
                start: *w.first()?,
                end: *w.get(1)?,
            })
        })
        .collect();
    let date = r.day.and_then(|d| NaiveDate::from_num_days_from_ce_opt(d.abs().max(1)));
    let article = Article {
        paragraph_languages: Vec::new(),
        id: id.to_string(),
        doc_hash: id.to_string(),
        meta: Metadata {
            published: if r.value.is_sign_negative() {
                None
            } else {
                date.map(DateStamp::Date)
            },
            language: Some(if r.spans.len().is_multiple_of(2) { "fr" } else { "en" }.to_string()),
            outlet: Some(format!("outlet {}", r.spans.len() % 3)),
            ..Metadata::default()
        },
        text: r.text.clone(),
        paragraphs: vec![Span {
            start: 0,
            end: r.text.len(),
        }],
        sentences,
        removed: vec![],
        offsets: vec![],
        warnings: vec![],
    };
    let mut analysis = Analysis {
        article_id: id.to_string(),
        ..Analysis::default()
    };
    for (k, (a, b, t)) in r.spans.iter().enumerate() {
        // Spans may be reversed, out of bounds or inside a character: all must be tolerated.
        let span = Span { start: *a, end: *b };
        let text = r.text.get(*a..*b).unwrap_or("x").to_string();
        match t % 4 {
            0 => analysis.entities.push(EntityMention {
                span,
                text: text.clone(),
                kind: [
                    EntityKind::Person,
                    EntityKind::Place,
                    EntityKind::Organisation,
                    EntityKind::Other,
                ][k % 4],
                canonical: text.clone(),
                key: if k % 3 == 0 {
                    String::new()
                } else {
                    recoupe_core::fold_key(&text)
                },
                chain: k % 3,
                role: (t % 8 == 0).then(|| "général d'armée".to_string()),
                long_form: (t % 16 == 4).then(|| text.clone()),
                via_demonym: t % 5 == 0,
            }),
            1 => analysis.times.push(TimeMention {
                span,
                text,
                kind: if t % 8 == 1 { TimeKind::Duration } else { TimeKind::Date },
                value: Some(if t % 8 == 1 {
                    "P5D".to_string()
                } else {
                    "XXXX-06-22".to_string()
                }),
                granularity: Granularity::Day,
                start: date,
                end: date.and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(*t)))),
                alternatives: vec!["2025-06-26".into(), "garbage".into()],
                anchor: if t % 3 == 0 {
                    TimeAnchor::Unresolved
                } else {
                    TimeAnchor::Absolute
                },
                confidence: f32::from(*t) / 255.0,
                hedged: t % 2 == 0,
            }),
            2 => analysis.quantities.push(QuantityMention {
                span,
                text,
                kind: [
                    QuantityKind::Percent,
                    QuantityKind::Count,
                    QuantityKind::Money,
                    QuantityKind::Measure,
                ][k % 4],
                value: r.value,
                unit: Some("%".into()),
                counted: Some("accords".into()),
                per: None,
                comparator: None,
            }),
            _ => analysis.quotes.push(QuoteMention {
                span,
                text,
                speaker: Some("Jean Dupont".into()),
                speaker_span: Some(Span { start: *b, end: *a }),
                speaker_key: Some("jean dupont".into()),
                cue: None,
                partial: false,
            }),
        }
    }
    (article, analysis)
}

fn dossier_of(raws: &[Raw]) -> Dossier {
    let pairs: Vec<(Article, Analysis)> = raws
        .iter()
        .enumerate()
        .map(|(i, r)| build(&format!("a{i}"), r))
        .collect();
    let story = Story {
        id: "s".into(),
        title: String::new(),
        article_ids: pairs.iter().map(|(a, _)| a.id.clone()).collect(),
        copy_groups: vec![],
        reasons: vec![],
    };
    let items: Vec<(&Article, &Analysis)> = pairs.iter().map(|(a, b)| (a, b)).collect();
    build_dossier(&story, &items)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_cites_real_words_and_is_deterministic(raws in prop::collection::vec(raw(), 1..4)) {
        let d = dossier_of(&raws);
        let json = render_json(&d);
        let _ = render_markdown(&d);
        let _ = render_html(&d);
        prop_assert_eq!(json, render_json(&dossier_of(&raws)));
        let mut all = Vec::new();
        all.extend(d.summary.iter().flat_map(|l| l.citations.clone()));
        all.extend(d.claims.iter().flat_map(|c| c.evidence.clone()));
        all.extend(d.entities.iter().flat_map(|e| e.citations.clone()));
        all.extend(d.figures.iter().flat_map(|f| f.citations.clone()));
        all.extend(d.disagreements.iter().flat_map(|g| g.sides.iter().flat_map(|s| s.citations.clone())));
        for c in all {
            let src = &d.sources[c.source - 1];
            let s = src.sentences[c.sentence];
            prop_assert!(s.start <= c.start && c.end <= s.end);
            prop_assert_eq!(src.text.get(c.start..c.end), Some(c.text.as_str()));
        }
    }
}
