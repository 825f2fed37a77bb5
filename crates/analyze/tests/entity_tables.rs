//! Users' entity tables: extra names mapped to keys, so that articles naming an
//! entity in a form the embedded table lacks still share its key.

mod common;

use common::article;
use recoupe_analyze::{Analyzer, ResourceError, ANALYZER_VERSION};

const USER_TABLE: &str = r#"
entity = [
  { key = "Q:moscow", kind = "place", names = ["Moskva"], demonyms = [] },
  { key = "user:lake_kivu_gas", kind = "organisation", names = ["KivuWatt", "Kivu Watt"], demonyms = [] },
]
"#;

fn keys(analyzer: &Analyzer, text: &str, language: &str) -> Vec<String> {
    let mut keys: Vec<String> = analyzer
        .analyze(&article(text, language))
        .entities
        .iter()
        .map(|m| m.key.clone())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

#[test]
fn a_user_table_adds_names_to_existing_and_new_keys() {
    let analyzer = Analyzer::with_entity_tables(&[("mine.toml", USER_TABLE)]).expect("valid table");
    let text = "The delegation flew to Moskva on Monday. KivuWatt said the plant would restart.";
    let found = keys(&analyzer, text, "en");
    assert!(found.contains(&"Q:moscow".to_string()), "{found:?}");
    assert!(found.contains(&"user:lake_kivu_gas".to_string()), "{found:?}");
    // The embedded names still work, under the same key.
    let french = keys(&analyzer, "La délégation est arrivée à Moscou lundi.", "fr");
    assert!(french.contains(&"Q:moscow".to_string()), "{french:?}");
    // Analyses made with other tables carry another version, so stored ones are redone.
    assert_ne!(analyzer.version(), ANALYZER_VERSION);
    assert_eq!(Analyzer::new().version(), ANALYZER_VERSION);
    let again = Analyzer::with_entity_tables(&[("mine.toml", USER_TABLE)]).expect("valid table");
    assert_eq!(again.version(), analyzer.version());
}

#[test]
fn a_malformed_user_table_is_an_error_naming_its_file() {
    let error = Analyzer::with_entity_tables(&[("broken.toml", "entity = [ { key = ")])
        .err()
        .expect("a malformed table is refused");
    let ResourceError::Parse { file, .. } = &error;
    assert_eq!(file, "broken.toml");
    assert!(error.to_string().contains("broken.toml"));
}
