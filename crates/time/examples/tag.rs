//! Tags the text on standard input and prints one mention per line.
//!
//! `echo "Il est arrivé ce dimanche." | cargo run -p recoupe-time --example tag -- fr 2025-06-24`

use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lang = args.get(1).map_or("fr", String::as_str);
    let anchor = args
        .get(2)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("cannot read standard input: {e}");
        std::process::exit(1);
    }
    let tagger = recoupe_time::TimeTagger::new();
    for m in tagger.tag(&text, lang, anchor) {
        println!(
            "{}..{}\t{:?}\t{}\t{:?}\t{:?}..{:?}\t{:?}{}",
            m.span.start,
            m.span.end,
            m.text,
            m.value.as_deref().unwrap_or("-"),
            m.kind,
            m.start,
            m.end,
            m.anchor,
            if m.hedged { "\thedged" } else { "" }
        );
    }
}
