//! The five seed articles (read at run time from ../shared/seeds; skipped when absent):
//! people, organisations and places found with the right type and key, and every
//! quote of the checked articles attributed.

mod common;
#[path = "../../../test-support/shared.rs"]
mod shared_support;

use std::path::PathBuf;

use recoupe_core::{Analysis, EntityKind};

fn seeds() -> Option<Vec<(String, String)>> {
    let dir = shared_support::shared_path("seeds", "analyze seeds")?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let seeds: Vec<(String, String)> = files
        .iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().to_string();
            Some((name, std::fs::read_to_string(p).ok()?))
        })
        .collect();
    (!seeds.is_empty()).then_some(seeds)
}

fn analyses() -> Option<Vec<(String, Analysis)>> {
    let seeds = seeds()?;
    Some(
        seeds
            .into_iter()
            .map(|(name, text)| (name, common::analyze(&text, "fr")))
            .collect(),
    )
}

fn has_entity(analyses: &[(String, Analysis)], text: &str, kind: EntityKind, key: &str) -> bool {
    analyses.iter().any(|(_, a)| {
        a.entities
            .iter()
            .any(|e| e.text == text && e.kind == kind && e.key == key)
    })
}

#[test]
fn people_organisations_and_places() {
    let Some(analyses) = analyses() else { return };
    let expected: &[(&str, EntityKind, &str)] = &[
        ("Assimi Goïta", EntityKind::Person, "Q:assimi_goita"),
        ("Assimi Goita", EntityKind::Person, "Q:assimi_goita"),
        ("Assim Goita", EntityKind::Person, "assim goita"),
        ("Vladimir Poutine", EntityKind::Person, "Q:vladimir_putin"),
        ("Rosatom", EntityKind::Organisation, "Q:rosatom"),
        ("Yadran", EntityKind::Organisation, "yadran"),
        ("Moscou", EntityKind::Place, "Q:moscow"),
        ("Mali", EntityKind::Place, "Q:mali"),
        ("Russie", EntityKind::Place, "Q:russia"),
    ];
    let missing: Vec<String> = expected
        .iter()
        .filter(|(text, kind, key)| !has_entity(&analyses, text, *kind, key))
        .map(|(text, kind, key)| format!("{text} {kind:?} {key}"))
        .collect();
    assert!(missing.is_empty(), "not found: {missing:?}");
}

#[test]
fn acronym_tied_to_long_form() {
    let Some(analyses) = analyses() else { return };
    let tied = analyses.iter().any(|(_, a)| {
        a.entities.iter().any(|e| {
            e.text == "AES"
                && e.long_form
                    .as_deref()
                    .is_some_and(|l| recoupe_core::fold_key(l) == "alliance des etats du sahel")
        })
    });
    assert!(tied, "AES not tied to its long form");
}

#[test]
fn every_statement_quote_has_its_speaker() {
    let Some(analyses) = analyses() else { return };
    for (name, analysis) in &analyses {
        for quote in &analysis.quotes {
            // Scare quotes around a name or a few words (`« à des fins pacifiques »`) may have none.
            if quote.partial && quote.text.split_whitespace().count() <= 12 && quote.speaker.is_none() {
                continue;
            }
            assert!(quote.speaker.is_some(), "{name}: no speaker for {:?}", quote.text);
        }
    }
    let poutine = analyses
        .iter()
        .flat_map(|(_, a)| &a.quotes)
        .any(|q| q.text.starts_with("Nous avons désormais") && q.speaker.as_deref() == Some("le président Poutine"));
    assert!(poutine, "Poutine quote not attributed to `le président Poutine`");
    let cellule: Vec<_> = analyses
        .iter()
        .flat_map(|(_, a)| &a.quotes)
        .filter(|q| q.speaker.as_deref() == Some("la Cellule de communication de la Présidence"))
        .collect();
    assert_eq!(cellule.len(), 3, "quotes of the Cellule de communication");
}

#[test]
fn spans_are_valid() {
    let Some(seeds) = seeds() else { return };
    for (name, text) in seeds {
        let analysis = common::analyze(&text, "fr");
        for span in analysis.all_spans() {
            assert!(span.is_valid_in(&text), "{name}: bad span {span:?}");
        }
    }
}
