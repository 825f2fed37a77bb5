//! A small multi-article story with planted agreement, disagreements, a wire
//! copy, complementary shares, French and English: the dossier is checked
//! field by field, snapshot-tested (JSON and Markdown), and checked for
//! citation invariants and determinism.

mod common;

use common::{article, day, Builder, Meta};
use recoupe_core::{Analysis, Article, CopyGroup, EntityKind, Granularity, QuantityKind, Story};
use recoupe_dossier::{build_dossier, render_html, render_html_many, render_json, render_markdown, Dossier};

const PERSON: EntityKind = EntityKind::Person;
const ORG: EntityKind = EntityKind::Organisation;
const PLACE: EntityKind = EntityKind::Place;

fn meta<'a>(outlet: &'a str, published: Option<&'a str>, language: &'a str) -> Meta<'a> {
    Meta {
        outlet: Some(outlet),
        published,
        author: None,
        agency: None,
        language,
        title: None,
    }
}

/// The planted story: President Amadou Kéita of Sahelia visits Lisbon.
fn story() -> (Story, Vec<(Article, Analysis)>) {
    let a1 = article(
        "a1",
        Meta { author: Some("Awa Diallo"), ..meta("Le Courrier du Sahel", Some("2025-03-10"), "fr") },
        &[
            &[
                "Le président sahélien, le général Amadou Kéita, est arrivé dimanche 9 mars 2025 à Lisbonne pour une visite officielle de trois jours.",
                "Lundi 10 mars, Amadou Kéita a été reçu par le Premier ministre portugais Luís Montenegro.",
                "Les deux dirigeants ont signé quatre accords de coopération.",
            ],
            &[
                "La société publique sahélienne SaheliOr détient 60 % du capital de la coentreprise.",
                "« Nous ouvrons une nouvelle page », a déclaré Luís Montenegro.",
                "Kéita représente aussi l'Union économique du Sahel (UES).",
            ],
        ],
    );
    let b1 = Builder::new(&a1)
        .entity_role("Amadou Kéita", 0, PERSON, "Amadou Kéita", "président sahélien")
        .entity("Amadou Kéita", PERSON, "Amadou Kéita")
        .entity("Kéita", PERSON, "Amadou Kéita")
        .entity("Luís Montenegro", PERSON, "Luís Montenegro")
        .entity("Lisbonne", PLACE, "Lisbonne")
        .entity("SaheliOr", ORG, "SaheliOr")
        .entity("Union économique du Sahel", ORG, "Union économique du Sahel")
        .acronym("UES", Some("Union économique du Sahel"))
        .demonym("sahélienne", "Sahelia")
        .date("dimanche 9 mars 2025", "2025-03-09", "2025-03-09", Granularity::Day)
        .duration("trois jours", "P3D")
        .relative_date("Lundi 10 mars", "2025-03-10", "2025-03-10")
        .quantity("quatre accords", QuantityKind::Count, 4.0, None, Some("accords"))
        .quantity("60 %", QuantityKind::Percent, 60.0, Some("%"), None)
        .quote("Nous ouvrons une nouvelle page", "Luís Montenegro", "a déclaré")
        .done();

    // A shortened reprint of a1 by another outlet, through a wire agency.
    let a2 = article(
        "a2",
        Meta { agency: Some("AFP"), ..meta("Dakar Matin", Some("2025-03-10"), "fr") },
        &[&[
            "Le président sahélien, le général Amadou Kéita, est arrivé dimanche 9 mars 2025 à Lisbonne pour une visite officielle de trois jours.",
            "Lundi 10 mars, Amadou Kéita a été reçu par le Premier ministre portugais Luís Montenegro.",
        ]],
    );
    let b2 = Builder::new(&a2)
        .entity("Amadou Kéita", PERSON, "Amadou Kéita")
        .entity("Luís Montenegro", PERSON, "Luís Montenegro")
        .entity("Lisbonne", PLACE, "Lisbonne")
        .date("dimanche 9 mars 2025", "2025-03-09", "2025-03-09", Granularity::Day)
        .duration("trois jours", "P3D")
        .relative_date("Lundi 10 mars", "2025-03-10", "2025-03-10")
        .done();

    let a3 = article(
        "a3",
        meta("Lisbon Herald", Some("2025-03-11"), "en"),
        &[
            &[
                "General Amadu Keita arrived in Lisbon on March 9, 2025 for a state visit.",
                "On Monday, March 10, he held talks with Prime Minister Luís Montenegro and the two leaders signed four agreements.",
            ],
            &[
                "The Portuguese partner Lusomine holds 40% of the joint venture.",
                "“We are opening a new page,” Montenegro said.",
                "Keita said the UES would deepen its ties with Europe.",
            ],
        ],
    );
    let b3 = Builder::new(&a3)
        .entity("Amadu Keita", PERSON, "Amadu Keita")
        .entity("Keita", PERSON, "Keita")
        .entity("Luís Montenegro", PERSON, "Luís Montenegro")
        .entity("Montenegro", PERSON, "Montenegro")
        .entity("Lisbon", PLACE, "Lisbonne")
        .entity("Lusomine", ORG, "Lusomine")
        .acronym("UES", None)
        .date("March 9, 2025", "2025-03-09", "2025-03-09", Granularity::Day)
        .relative_date("Monday, March 10", "2025-03-10", "2025-03-11")
        .quantity("four agreements", QuantityKind::Count, 4.0, None, Some("agreements"))
        .quantity("40%", QuantityKind::Percent, 40.0, Some("%"), None)
        .quote("We are opening a new page,", "Montenegro", "said")
        .done();

    // Undated; gives the schedule as planned, and another rank.
    let a4 = article(
        "a4",
        meta("Sahel Wire", None, "en"),
        &[&["Colonel Amadou Keita will visit Lisbon from 8 to 11 March 2025, the presidency said."]],
    );
    let b4 = Builder::new(&a4)
        .entity("Amadou Keita", PERSON, "Amadou Keita")
        .entity("Lisbon", PLACE, "Lisbonne")
        .date("8 to 11 March 2025", "2025-03-08", "2025-03-11", Granularity::Day)
        .done();

    // Undated, with a bare day name to anchor through the story, and a hedged end.
    let a5 = article(
        "a5",
        meta("Sahel Info", None, "fr"),
        &[&[
            "Le chef de l'État Amadou Kéita est arrivé ce dimanche à Lisbonne.",
            "Selon des sources diplomatiques, la visite pourrait se poursuivre jusqu'au 11 ou 12 mars.",
        ]],
    );
    let b5 = Builder::new(&a5)
        .entity("Amadou Kéita", PERSON, "Amadou Kéita")
        .entity("Lisbonne", PLACE, "Lisbonne")
        .unresolved("ce dimanche")
        .hedged_date("11 ou 12 mars", &["2025-03-11", "2025-03-12"])
        .done();

    let story = Story {
        id: "s-a1".to_string(),
        title: "Amadou Kéita à Lisbonne".to_string(),
        article_ids: ["a1", "a2", "a3", "a4", "a5"].iter().map(|s| s.to_string()).collect(),
        copy_groups: vec![CopyGroup {
            original: "a1".to_string(),
            copies: vec!["a2".to_string()],
            agency: Some("AFP".to_string()),
        }],
        reasons: Vec::new(),
    };
    (story, vec![(a1, b1), (a2, b2), (a3, b3), (a4, b4), (a5, b5)])
}

fn dossier() -> Dossier {
    let (story, pairs) = story();
    let items: Vec<(&Article, &Analysis)> = pairs.iter().map(|(a, b)| (a, b)).collect();
    build_dossier(&story, &items)
}

#[test]
fn sources_are_numbered_with_copies_and_independence() {
    let d = dossier();
    assert_eq!(d.sources.len(), 5);
    let s2 = &d.sources[1];
    assert_eq!((s2.copy_of, s2.independence_group), (Some(1), 1));
    assert_eq!(d.sources[2].independence_group, 3);
    // The undated article with `ce dimanche` is anchored on the story's earliest date.
    let s5 = &d.sources[4];
    assert_eq!(s5.dating.method, "story");
    assert_eq!(s5.dating.anchor, Some(day("2025-03-10")));
    assert_eq!(
        s5.dating.resolved.first().and_then(|r| r.after.as_deref()),
        Some("2025-03-09")
    );
    // The undated article with its own absolute dates is anchored on them.
    assert_eq!(d.sources[3].dating.method, "own_text");
}

#[test]
fn one_entity_per_referent_whatever_the_spelling() {
    let d = dossier();
    let keita: Vec<_> = d
        .entities
        .iter()
        .filter(|e| e.name.contains("Kéita") || e.aliases.iter().any(|a| a.contains("Keita")))
        .collect();
    assert_eq!(keita.len(), 1, "{keita:#?}");
    let k = keita[0];
    assert_eq!(k.name, "Amadou Kéita");
    for alias in ["Amadu Keita", "Keita", "Kéita", "Amadou Keita"] {
        assert!(
            k.aliases.iter().any(|a| a == alias),
            "{alias} missing from {:?}",
            k.aliases
        );
    }
    assert_eq!(k.sources, vec![1, 2, 3, 4, 5]);
    assert_eq!(k.independent_outlets, 4);
    let ues = d
        .entities
        .iter()
        .find(|e| e.aliases.iter().any(|a| a == "UES"))
        .expect("UES");
    assert_eq!(ues.name, "Union économique du Sahel");
    assert_eq!(ues.acronym.as_deref(), Some("UES"));
    assert_eq!(ues.sources, vec![1, 3]);
    let montenegro: Vec<_> = d.entities.iter().filter(|e| e.name.contains("Montenegro")).collect();
    assert_eq!(montenegro.len(), 1);
    assert!(
        k.roles.iter().any(|r| r.role == "Colonel" && r.sources == vec![4]),
        "{:?}",
        k.roles
    );
}

#[test]
fn timeline_merges_outlets_and_dates() {
    let d = dossier();
    let find = |kind: &str, date: &str| d.timeline.iter().find(|t| t.kind == kind && t.date.start == day(date));
    let arrival = find("arrival", "2025-03-09").expect("arrival");
    assert_eq!(arrival.sources, vec![1, 2, 3, 5]);
    assert_eq!(arrival.independent_outlets, 3);
    let meeting = find("meeting", "2025-03-10").expect("meeting");
    assert_eq!(meeting.sources, vec![1, 2, 3]);
    let signature = find("signature", "2025-03-10").expect("signature");
    assert_eq!(signature.sources, vec![1, 3]);
    let visit = d
        .timeline
        .iter()
        .find(|t| t.kind == "visit" && t.date.end == day("2025-03-11"))
        .expect("visit range");
    assert!(visit.planned);
    assert_eq!(d.period.map(|p| p.start), Some(day("2025-03-08")));
}

#[test]
fn disagreements_show_every_side_and_complementary_shares_are_not_one() {
    let d = dossier();
    let by_slot = |slot: &str| {
        d.disagreements
            .iter()
            .find(|g| g.slot == slot)
            .unwrap_or_else(|| panic!("{slot}: {:#?}", d.disagreements))
    };
    let start = by_slot("visit.start");
    let values: Vec<(&str, &[usize])> = start
        .sides
        .iter()
        .map(|s| (s.value.as_str(), s.sources.as_slice()))
        .collect();
    assert_eq!(
        values,
        vec![("2025-03-09", &[1, 2, 3, 5][..]), ("2025-03-08", &[4][..])]
    );
    assert_eq!(start.strength_label, "strong");
    let duration = by_slot("visit.duration");
    let values: Vec<&str> = duration.sides.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(values, vec!["3 days", "4 days"]);
    let end = by_slot("visit.end");
    assert_eq!(end.strength_label, "weak", "hedged `11 ou 12` is softer: {end:#?}");
    let rank = by_slot("rank");
    assert!(
        rank.sides.iter().any(|s| s.value == "colonel" && s.sources == vec![4]),
        "{rank:#?}"
    );
    assert!(start.strength > end.strength);
    // Signature counts agree: no disagreement on them.
    assert!(!d.disagreements.iter().any(|g| g.slot.ends_with(".count")));
    // 60 % and 40 % of one venture, different holders: complementary.
    assert!(!d.disagreements.iter().any(|g| g.slot == "share_of_capital"));
    let shares = d
        .complementary
        .iter()
        .find(|c| c.slot == "share_of_capital")
        .expect("complementary shares");
    let values: Vec<&str> = shares.parts.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(values, vec!["40 %", "60 %"]);
}

#[test]
fn quotes_figures_and_summary_are_cited() {
    let d = dossier();
    let montenegro = d
        .quotes
        .iter()
        .find(|q| q.speaker == "Luís Montenegro")
        .expect("speaker");
    assert_eq!(montenegro.quotes.len(), 2);
    let sixty = d.figures.iter().find(|f| f.value == 60.0).expect("60 %");
    assert_eq!(
        (sixty.what.as_str(), sixty.holder.as_deref()),
        ("share_of_capital", Some("société publique sahélienne SaheliOr"))
    );
    let forty = d.figures.iter().find(|f| f.value == 40.0).expect("40 %");
    assert_eq!(forty.holder.as_deref(), Some("Portuguese partner Lusomine"));
    assert!((5..=8).contains(&d.summary.len()), "{}", d.summary.len());
    let signed = d
        .claims
        .iter()
        .find(|c| c.kind == "signature" && c.sources == vec![1, 3])
        .expect("signature claim");
    assert_eq!(signed.independent_outlets, 2);
}

/// Every citation points at a sentence that exists and contains the cited words.
fn check_citations(d: &Dossier) {
    let mut all = Vec::new();
    all.extend(d.summary.iter().flat_map(|l| l.citations.clone()));
    all.extend(d.timeline.iter().flat_map(|t| t.evidence.clone()));
    all.extend(d.claims.iter().flat_map(|c| c.evidence.clone()));
    all.extend(d.entities.iter().flat_map(|e| e.citations.clone()));
    all.extend(
        d.entities
            .iter()
            .flat_map(|e| e.roles.iter().flat_map(|r| r.citations.clone())),
    );
    all.extend(
        d.disagreements
            .iter()
            .flat_map(|g| g.sides.iter().flat_map(|s| s.citations.clone())),
    );
    all.extend(
        d.complementary
            .iter()
            .flat_map(|g| g.parts.iter().flat_map(|s| s.citations.clone())),
    );
    all.extend(d.figures.iter().flat_map(|f| f.citations.clone()));
    all.extend(
        d.quotes
            .iter()
            .flat_map(|q| q.quotes.iter().flat_map(|i| i.citations.clone())),
    );
    all.extend(
        d.sources
            .iter()
            .flat_map(|s| s.dating.resolved.iter().map(|r| r.citation.clone())),
    );
    assert!(!all.is_empty());
    for c in all {
        let src = d
            .sources
            .iter()
            .find(|s| s.number == c.source)
            .unwrap_or_else(|| panic!("no source {c:?}"));
        let s = src
            .sentences
            .get(c.sentence)
            .unwrap_or_else(|| panic!("no sentence {c:?}"));
        let sentence = src.text.get(s.start..s.end).expect("sentence span");
        assert!(s.start <= c.start && c.end <= s.end, "{c:?} outside its sentence");
        assert_eq!(src.text.get(c.start..c.end), Some(c.text.as_str()), "{c:?}");
        assert!(sentence.contains(&c.text), "{c:?} not in {sentence:?}");
    }
}

#[test]
fn every_citation_points_at_its_words() {
    check_citations(&dossier());
}

#[test]
fn output_is_deterministic() {
    let a = dossier();
    let b = dossier();
    assert_eq!(render_json(&a), render_json(&b));
    assert_eq!(render_markdown(&a), render_markdown(&b));
    assert_eq!(render_html(&a), render_html(&b));
    // Order of the supplied items does not matter: the story gives the order.
    let (story, pairs) = story();
    let mut items: Vec<(&Article, &Analysis)> = pairs.iter().map(|(a, b)| (a, b)).collect();
    items.reverse();
    assert_eq!(render_json(&build_dossier(&story, &items)), render_json(&a));
}

#[test]
fn json_round_trips_and_carries_the_schema_version() {
    let d = dossier();
    let json = render_json(&d);
    let back: Dossier = serde_json::from_str(&json).expect("parse back");
    assert_eq!(back, d);
    assert_eq!(back.schema_version, recoupe_dossier::SCHEMA_VERSION);
}

#[test]
fn html_is_one_self_contained_page_with_anchors() {
    let d = dossier();
    let html = render_html(&d);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("src=\"http"));
    assert!(html.contains("id=\"s1-0\"") && html.contains("href=\"#s1-0\""));
    assert!(html.contains("<mark>"));
    let many = render_html_many(&[d.clone(), d]);
    assert!(many.contains("href=\"#d2\"") && many.contains("id=\"d2-s1-0\"") && many.contains("href=\"#d2-s1-0\""));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!("story_json", render_json(&dossier()));
}

#[test]
fn snapshot_markdown() {
    insta::assert_snapshot!("story_markdown", render_markdown(&dossier()));
}

#[test]
fn empty_story_gives_an_empty_dossier_with_warnings() {
    let story = Story {
        id: "s".into(),
        title: String::new(),
        article_ids: vec!["x".into()],
        copy_groups: vec![],
        reasons: vec![],
    };
    let d = build_dossier(&story, &[]);
    assert!(d.sources.is_empty() && d.timeline.is_empty() && d.summary.is_empty());
    assert_eq!(d.warnings.len(), 1);
    assert!(render_markdown(&d).contains("No dated event"));
}
