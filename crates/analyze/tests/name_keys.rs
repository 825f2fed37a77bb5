//! Names no table knows get one key across case forms and scripts (own sentences).

mod common;

use common::article;
use recoupe_analyze::Analyzer;

#[test]
fn russian_case_forms_of_a_name_are_one_entity() {
    let analysis = Analyzer::new().analyze(&article(
        "Вчера письмо передали Путину, а потом Путина поблагодарили.",
        "ru",
    ));
    let mentions: Vec<(&str, &str, usize)> = analysis
        .entities
        .iter()
        .map(|m| (m.text.as_str(), m.key.as_str(), m.chain))
        .collect();
    let dative = mentions.iter().find(|m| m.0 == "Путину").expect("dative mention");
    let genitive = mentions.iter().find(|m| m.0 == "Путина").expect("genitive mention");
    assert_eq!(dative.1, "putin");
    assert_eq!(genitive.1, "putin");
    assert_eq!(dative.2, genitive.2, "one chain: {mentions:?}");
}

#[test]
fn the_same_unknown_name_in_two_scripts_shares_its_key() {
    let key = |text: &str, language: &str| {
        Analyzer::new()
            .analyze(&article(text, language))
            .entities
            .iter()
            .find(|m| m.text.contains("Karimov") || m.text.contains("Каримов"))
            .map(|m| m.key.clone())
    };
    let latin = key("Le ministre a reçu hier Farrukh Karimov à Paris.", "fr");
    let cyrillic = key("Вчера министр принял Фаррух Каримов в Париже.", "ru");
    assert_eq!(latin.as_deref(), Some("farrukh karimov"));
    assert_eq!(cyrillic.as_deref(), Some("farrukh karimov"));
}
