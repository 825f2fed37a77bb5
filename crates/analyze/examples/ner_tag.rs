//! Prints the trained tagger's label for every token of each input line
//! (debugging aid): `echo "Boeing et SpaceX" | cargo run --example ner_tag -- fr [MODEL_FILE]`
//! (the embedded model unless a model file is given).

use std::io::BufRead;

use recoupe_analyze::statistical::embedded_model;
use recoupe_analyze::tagger::{token_infos, Model, LABELS};
use recoupe_analyze::text::tokenize;
use recoupe_analyze::Resources;

fn main() -> anyhow::Result<()> {
    let language = std::env::args().nth(1).unwrap_or_else(|| "fr".to_string());
    let resources = Resources::embedded()?;
    let from_file = match std::env::args().nth(2) {
        Some(path) => Some(Model::from_bytes(&std::fs::read(path)?)?),
        None => None,
    };
    let model = match &from_file {
        Some(model) => model,
        None => embedded_model().ok_or_else(|| anyhow::anyhow!("no embedded model"))?,
    };
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let tokens = tokenize(&line);
        let infos = token_infos(&tokens, &resources, &language);
        let labels = model.tag(&infos);
        let out: Vec<String> = tokens
            .iter()
            .zip(&labels)
            .zip(&infos)
            .map(|((t, (l, m)), info)| {
                // Entity-table code and lexicon class bits, when set.
                let extra = match (info.table, info.class) {
                    (0, 0) => String::new(),
                    (table, class) => format!("[t{table} c{class}]"),
                };
                format!("{}{extra}/{}({:.1})", t.text, LABELS.get(*l).unwrap_or(&"?"), m)
            })
            .collect();
        println!("{}", out.join(" "));
    }
    Ok(())
}
