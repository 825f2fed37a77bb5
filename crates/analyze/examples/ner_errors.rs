//! Lists NER errors on a gold file (development aid):
//! `cargo run -p recoupe-analyze --example ner_errors -- hipe|en FILE`.

use recoupe_analyze::eval::{predictions, read_annotated, read_hipe};
use recoupe_analyze::Analyzer;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(format), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: ner_errors hipe|en FILE");
        std::process::exit(2);
    };
    let path = std::path::Path::new(path);
    let docs = if format == "hipe" {
        read_hipe(path)
    } else {
        read_annotated(path, "en")
    };
    let docs = match docs {
        Ok(docs) => docs,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let analyzer = Analyzer::new();
    for doc in &docs {
        let analysis = analyzer.analyze(&doc.to_article());
        let predicted = predictions(&analysis, &doc.text, format == "hipe");
        for (span, label) in &predicted {
            let exact = doc.gold.iter().any(|g| g.span == *span && &g.label == label);
            if !exact {
                let overlapping: Vec<String> = doc
                    .gold
                    .iter()
                    .filter(|g| g.span.overlaps(*span))
                    .map(|g| format!("{} {:?}", g.label, &doc.text[g.span.start..g.span.end]))
                    .collect();
                println!("FP {label} {:?} gold={overlapping:?}", &doc.text[span.start..span.end]);
            }
        }
        for g in &doc.gold {
            if !predicted.iter().any(|(s, _)| s.overlaps(g.span)) {
                let start = g.span.start.saturating_sub(30);
                let ctx = doc.text.get(start..(g.span.end + 10).min(doc.text.len())).unwrap_or("");
                println!("FN {} {:?} ctx={:?}", g.label, &doc.text[g.span.start..g.span.end], ctx);
            }
        }
    }
}
