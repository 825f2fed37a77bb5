//! Snapshot of the full analysis of a short article written for this test.

mod common;

#[test]
fn short_article_full_analysis() {
    let text = "Le président de la Transition du Mali, le général Assimi Goïta, est arrivé dimanche 22 juin à Moscou.\n\
Il doit signer trois accords avec la société publique russe Rosatom, dont l'un porte sur une centrale de 200 mégawatts.\n\
Les échanges entre Bamako et Moscou ont atteint 35 millions de dollars en 2023, selon l'Agence nationale de la statistique (ANS).\n\
« Nous voulons diversifier nos partenaires », a déclaré le ministre Abdoulaye Diop, qui accompagne le chef de l'État.\n\
Goïta a aussi évoqué « une coopération sans conditions ».";
    let mut analysis = common::analyze(text, "fr");
    // The version carries a hash of the analyser's code and data (build.rs), so
    // it changes with every edit: checked for its form, kept out of the snapshot.
    assert!(
        analysis
            .analyzer_version
            .starts_with(concat!("analyze-", env!("CARGO_PKG_VERSION"), "-")),
        "{}",
        analysis.analyzer_version
    );
    analysis.analyzer_version = concat!("analyze-", env!("CARGO_PKG_VERSION")).to_string();
    insta::assert_json_snapshot!("short_article", analysis);
}
