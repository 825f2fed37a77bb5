//! Embeddings per second on one thread for 100 texts of about 500 characters
//! (made of sentences written for this crate's tests), and the pieces per text.
//!
//! ```sh
//! scripts/build-encoder-model   # once
//! cargo run --release -p recoupe-embed --example throughput
//! ```

use std::time::Instant;

const SENTENCES: &[&str] = &[
    "The committee postponed its vote on the new water budget until next Tuesday.",
    "Le comité a reporté son vote sur le nouveau budget de l'eau à mardi prochain.",
    "Nach dem langen Winter öffnete die kleine Bäckerei am Marktplatz wieder ihre Türen.",
    "Los agricultores del valle esperan que la lluvia llegue antes de la cosecha.",
    "Il treno per Bologna è partito con quaranta minuti di ritardo a causa della nebbia.",
    "A orquestra da cidade vai tocar gratuitamente no parque no domingo.",
    "Mieszkańcy osiedla zebrali podpisy pod petycją w sprawie nowego przystanku.",
    "Городская библиотека продлила часы работы на время экзаменов.",
    "افتتحت البلدية حديقة عامة جديدة بالقرب من المدرسة الابتدائية.",
    "Belediye, köprünün onarımının ağustos ayının sonunda tamamlanacağını açıkladı.",
    "Penguins can hold their breath for several minutes while diving for fish.",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = match recoupe_embed::Encoder::default_path() {
        Some(path) => path,
        None => {
            println!("SKIP throughput: no model (build it with scripts/build-encoder-model)");
            return Ok(());
        }
    };
    let start = Instant::now();
    let encoder = recoupe_embed::Encoder::from_file(&path)?;
    println!("loaded {} in {:.2} s", path.display(), start.elapsed().as_secs_f64());

    // 100 texts of ~500 characters: sentences taken in turn from a rotating start
    let texts: Vec<String> = (0..100)
        .map(|i| {
            let mut text = String::new();
            let mut k = i;
            while text.chars().count() < 500 {
                text.push_str(SENTENCES[k % SENTENCES.len()]);
                text.push(' ');
                k += 1;
            }
            text
        })
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let pieces: usize = texts.iter().map(|t| encoder.tokenize(t).len()).sum();

    encoder.embed_batch(&refs[..5]); // warm-up
    let start = Instant::now();
    let vectors = encoder.embed_batch(&refs);
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(vectors.len(), texts.len());
    println!(
        "{} texts, {:.0} chars and {:.0} pieces per text (with <s> </s>): {:.3} s, {:.1} embeddings/s on one thread",
        texts.len(),
        chars as f64 / texts.len() as f64,
        pieces as f64 / texts.len() as f64,
        secs,
        texts.len() as f64 / secs
    );

    let start = Instant::now();
    for text in &refs {
        encoder.tokenize(text);
    }
    println!(
        "tokenizer alone: {:.0} texts/s",
        texts.len() as f64 / start.elapsed().as_secs_f64()
    );
    Ok(())
}
