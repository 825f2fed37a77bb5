//! What the real-news and SemEval examples share: the word TF-IDF baseline and
//! finding the sentence encoder's model.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

/// Unit-length TF-IDF vectors of tokenised documents (sublinear term
/// frequency, idf `ln(n / df) + 1` over these documents), in document order.
pub fn tfidf_vectors(docs: &[Vec<String>]) -> Vec<HashMap<String, f64>> {
    let mut df: HashMap<&str, usize> = HashMap::new();
    for d in docs {
        for w in d.iter().map(String::as_str).collect::<BTreeSet<_>>() {
            *df.entry(w).or_insert(0) += 1;
        }
    }
    let n = docs.len() as f64;
    docs.iter()
        .map(|d| {
            let mut tf: HashMap<String, f64> = HashMap::new();
            for w in d {
                *tf.entry(w.clone()).or_insert(0.0) += 1.0;
            }
            let mut v: HashMap<String, f64> = tf
                .into_iter()
                .map(|(w, c)| {
                    let idf = (n / df.get(w.as_str()).copied().unwrap_or(1) as f64).ln() + 1.0;
                    (w, (1.0 + f64::ln(c)) * idf)
                })
                .collect();
            let norm = v.values().map(|x| x * x).sum::<f64>().sqrt().max(1e-12);
            v.values_mut().for_each(|x| *x /= norm);
            v
        })
        .collect()
}

/// Cosine of two unit vectors.
pub fn cosine(a: &HashMap<String, f64>, b: &HashMap<String, f64>) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .map(|(k, x)| x * large.get(k).copied().unwrap_or(0.0))
        .sum()
}

/// The sentence encoder: `$RECOUPE_ENCODER_MODEL` (`off` for none), else
/// `models/use-m3.bin` in the current folder or the workspace; `None` (with a
/// word on stderr when a file was found but does not load) when there is none.
pub fn load_encoder() -> Option<recoupe_embed::Encoder> {
    if std::env::var("RECOUPE_ENCODER_MODEL").as_deref() == Ok("off") {
        return None;
    }
    let path = recoupe_embed::Encoder::default_path().or_else(|| {
        let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/use-m3.bin");
        p.exists().then_some(p)
    })?;
    match recoupe_embed::Encoder::from_file(&path) {
        Ok(e) => Some(e),
        Err(e) => {
            eprintln!("encoder not used: {e}");
            None
        }
    }
}
