//! Extracts one HTML file and prints the article as JSON, then (with `--explain`) the
//! elements that competed for the main text.
//!
//! `cargo run -p recoupe-html --example extract_file -- page.html [--explain]`

use std::io::Read;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: extract_file <page.html | page.html.gz> [--explain]");
        std::process::exit(2);
    };
    let explain = args.any(|a| a == "--explain");
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
    };
    let bytes = if path.ends_with(".gz") {
        let mut out = Vec::new();
        if let Err(error) = flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out) {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
        out
    } else {
        bytes
    };
    let html = String::from_utf8_lossy(&bytes);
    match recoupe_html::extract_html(&html, None) {
        Ok(article) => match serde_json::to_string_pretty(&article) {
            Ok(json) => println!("{json}"),
            Err(error) => eprintln!("cannot serialise: {error}"),
        },
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
    }
    if explain {
        println!("{}", recoupe_html::explain_main_text(&html));
    }
}
