//! The seed articles (real scrapes in ../shared/seeds) must come out clean:
//! no boilerplate line left in a body, metadata found, every story sentence kept.
//! Skips with a note when ../shared is absent.

use std::path::PathBuf;

#[path = "../../../test-support/shared.rs"]
mod shared_support;

use recoupe_core::{Document, MediaType, Origin};

fn seeds() -> Option<Vec<(String, String)>> {
    let dir = shared_support::shared_path("seeds", "extract seeds")?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).ok()?.flatten().map(|e| e.path()).collect();
    files.sort();
    Some(
        files
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .filter_map(|p| {
                Some((
                    p.file_name()?.to_string_lossy().to_string(),
                    std::fs::read_to_string(&p).ok()?,
                ))
            })
            .collect(),
    )
}

fn extract(name: &str, text: &str) -> recoupe_core::Article {
    let doc = Document::new(
        Origin::File { path: name.to_string() },
        MediaType::Text,
        text.as_bytes().to_vec(),
    );
    recoupe_extract::extract(&doc).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn seeds_are_cleaned_with_metadata() {
    let Some(seeds) = seeds() else { return };
    assert_eq!(seeds.len(), 5);
    let boilerplate = [
        "Screenshot",
        "#Cooperation",
        "Réagissez à cet article",
        "Vos commentaires",
        "Rejoignez la discussion",
        "Votre adresse e-mail ne sera pas publiée",
        "Les champs obligatoires",
        "AC/Sf/APA",
        "MD/ac/Sf/APA",
        "Dernière mise à jour",
        "Amadou Traoré",
        "Agence Ecofin",
    ];
    let mut agencies = 0;
    for (name, raw) in &seeds {
        let a = extract(name, raw);
        assert_eq!(a.meta.language.as_deref(), Some("fr"), "{name}");
        for b in boilerplate {
            assert!(!a.text.contains(b), "{name}: boilerplate {b:?} left in body");
        }
        // Nothing is lost: every line is in the body or listed as removed; and
        // every line of prose (ending like a sentence) is in the body, whole.
        for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let removed = a.removed.iter().any(|r| r.text == line || line.ends_with(&r.text));
            assert!(a.text.contains(line) || removed, "{name}: lost line {line:?}");
            if line.split_whitespace().count() >= 8 && line.ends_with(['.', '»', '!', '?']) {
                assert!(a.text.contains(line), "{name}: prose line removed {line:?}");
            }
        }
        for s in &a.sentences {
            assert!(s.is_valid_in(&a.text));
        }
        if a.meta.agency.as_deref() == Some("APA") {
            agencies += 1;
        }
        if raw.contains("Agence Ecofin") {
            assert_eq!(a.meta.outlet.as_deref(), Some("Agence Ecofin"));
            assert_eq!(
                a.meta.published.map(|d| d.date().to_string()).as_deref(),
                Some("2025-06-24")
            );
            let updated = a.meta.updated.map(|d| format!("{d:?}"));
            assert!(
                updated.as_deref().is_some_and(|u| u.contains("2025-06-24T15:36")),
                "{updated:?}"
            );
        }
        if raw.trim_end().ends_with("Amadou Traoré") {
            assert_eq!(a.meta.author.as_deref(), Some("Amadou Traoré"));
        }
    }
    assert_eq!(agencies, 2, "the two APA dispatches");
}

#[test]
fn mixed_language_paragraphs_are_flagged() {
    let text = "La ministre est arrivée samedi à Dakar pour trois jours de travail, a indiqué la présidence dans un communiqué publié dans la soirée. La délégation comprend plusieurs ministres et des membres du Conseil national de transition.\n\n\
                The Kremlin said in a statement in English that the two leaders would discuss security, energy and trade, and that several agreements were expected to be signed on Monday during the official ceremony.\n\n\
                Les entretiens doivent se poursuivre lundi au Kremlin, selon le programme officiel de la visite transmis à la presse par le service de communication de la présidence.";
    let a = extract("mixed.txt", text);
    assert_eq!(a.meta.language.as_deref(), Some("fr"));
    assert!(
        a.warnings
            .iter()
            .any(|w| w.code == "mixed_language" && w.message.contains("paragraph 2 reads as en")),
        "{:?}",
        a.warnings
    );
}
