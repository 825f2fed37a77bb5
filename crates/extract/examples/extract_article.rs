//! Prints the clean article of a text or HTML file as JSON (a debugging aid;
//! the CLI's `recoupe extract` does the same with every reader).

use recoupe_core::{Document, MediaType, Origin};

fn main() {
    for path in std::env::args().skip(1) {
        let raw = match std::fs::read(&path) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let media = if path.ends_with(".html") || path.ends_with(".htm") {
            MediaType::Html
        } else {
            MediaType::Text
        };
        let doc = Document::new(Origin::File { path: path.clone() }, media, raw);
        match recoupe_extract::extract(&doc) {
            Ok(a) => println!("{}", serde_json::to_string_pretty(&a).unwrap_or_default()),
            Err(e) => eprintln!("{e}"),
        }
    }
}
