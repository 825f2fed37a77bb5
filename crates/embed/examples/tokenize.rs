//! Piece ids of texts, for checking the tokenizer against the reference:
//! reads one JSON string per line on stdin, prints one JSON array of ids
//! (with `<s>`/`</s>`, no cap on the pieces) per line.
//!
//! ```sh
//! cargo run --release -p recoupe-embed --example tokenize < texts.jsonl
//! ```

use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = recoupe_embed::Encoder::default_path().ok_or("no model: build it with scripts/build-encoder-model")?;
    let encoder = recoupe_embed::Encoder::from_file(&path)?.with_max_tokens(usize::MAX / 64);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines() {
        let text: String = serde_json::from_str(&line?)?;
        writeln!(out, "{}", serde_json::to_string(&encoder.tokenize(&text))?)?;
    }
    Ok(())
}
