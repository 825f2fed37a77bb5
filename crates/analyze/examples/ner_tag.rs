//! Prints the trained tagger's label for every token of each input line
//! (debugging aid): `echo "Boeing et SpaceX" | cargo run --example ner_tag -- fr`.

use std::io::BufRead;

use recoupe_analyze::statistical::embedded_model;
use recoupe_analyze::tagger::{token_infos, LABELS};
use recoupe_analyze::text::tokenize;
use recoupe_analyze::Resources;

fn main() -> anyhow::Result<()> {
    let language = std::env::args().nth(1).unwrap_or_else(|| "fr".to_string());
    let resources = Resources::embedded()?;
    let model = embedded_model().ok_or_else(|| anyhow::anyhow!("no embedded model"))?;
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let tokens = tokenize(&line);
        let infos = token_infos(&tokens, &resources, &language);
        let labels = model.tag(&infos);
        let out: Vec<String> = tokens
            .iter()
            .zip(&labels)
            .map(|(t, (l, m))| format!("{}/{}({:.1})", t.text, LABELS.get(*l).unwrap_or(&"?"), m))
            .collect();
        println!("{}", out.join(" "));
    }
    Ok(())
}
