//! The encoder against its reference (fixtures/reference.json, written by
//! reference.py from the PyPI package the model is built from): identical
//! piece ids, cosine >= 0.999.
//!
//! Needs the model file: `$RECOUPE_ENCODER_MODEL`, else `models/use-m3.bin` at
//! the workspace root (build it with scripts/build-encoder-model). Without it
//! every test here prints a SKIP line and passes.

use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

use recoupe_embed::{Encoder, DIM};
use serde_json::Value;

fn model_path() -> PathBuf {
    match std::env::var_os("RECOUPE_ENCODER_MODEL") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/use-m3.bin"),
    }
}

/// The encoder, or `None` after a SKIP line on stderr (written past the test
/// harness's capture so that it shows).
fn encoder(test: &str) -> Option<&'static Encoder> {
    static ENCODER: OnceLock<Option<Encoder>> = OnceLock::new();
    let encoder = ENCODER.get_or_init(|| {
        let path = model_path();
        if !path.exists() {
            return None;
        }
        Some(Encoder::from_file(&path).unwrap_or_else(|e| panic!("{e}")))
    });
    if encoder.is_none() {
        let _ = writeln!(
            std::io::stderr(),
            "SKIP {test}: {} is absent (build it with scripts/build-encoder-model)",
            model_path().display()
        );
    }
    encoder.as_ref()
}

fn fixture() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reference.json");
    let text = std::fs::read_to_string(path).expect("read the reference fixture");
    serde_json::from_str(&text).expect("parse the reference fixture")
}

fn ids(value: &Value) -> Vec<u32> {
    value
        .as_array()
        .expect("ids")
        .iter()
        .map(|v| v.as_u64().expect("id") as u32)
        .collect()
}

fn floats(value: &Value) -> Vec<f32> {
    value
        .as_array()
        .expect("vector")
        .iter()
        .map(|v| v.as_f64().expect("float") as f32)
        .collect()
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb)
}

#[test]
fn piece_ids_equal_the_reference() {
    let Some(encoder) = encoder("piece_ids_equal_the_reference") else {
        return;
    };
    let fixture = fixture();
    for row in fixture["sentences"].as_array().expect("sentences") {
        let text = row["text"].as_str().expect("text");
        assert_eq!(encoder.tokenize(text), ids(&row["ids"]), "{} {text:?}", row["lang"]);
    }
    let long = &fixture["long"];
    let text = long["text"].as_str().expect("long text");
    let want = ids(&long["ids"]);
    let uncapped = Encoder::from_file(&model_path())
        .expect("model")
        .with_max_tokens(10_000);
    assert_eq!(uncapped.tokenize(text), want);
    let cap = long["max_tokens"].as_u64().expect("max_tokens") as usize;
    assert_eq!(encoder.max_tokens(), cap);
    let capped = encoder.tokenize(text);
    assert_eq!(capped.len(), cap + 2);
    assert_eq!(capped[..cap + 1], want[..cap + 1]);
    assert_eq!(capped.last(), want.last());
}

#[test]
fn vectors_match_the_reference() {
    let Some(encoder) = encoder("vectors_match_the_reference") else {
        return;
    };
    let fixture = fixture();
    let rows = fixture["sentences"].as_array().expect("sentences");
    let texts: Vec<&str> = rows.iter().map(|row| row["text"].as_str().expect("text")).collect();
    let batch = encoder.embed_batch(&texts);
    let mut worst = f32::INFINITY;
    for (row, got) in rows.iter().zip(&batch) {
        let text = row["text"].as_str().expect("text");
        assert_eq!(got.len(), DIM);
        let norm: f32 = got.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{text:?}: norm {norm}");
        let c = cosine(got, &floats(&row["vector"]));
        assert!(c >= 0.999, "{} {text:?}: cosine {c}", row["lang"]);
        assert_eq!(&encoder.embed(text), got, "embed and embed_batch differ on {text:?}");
        worst = worst.min(c);
    }
    let long = &fixture["long"];
    let got = encoder.embed(long["text"].as_str().expect("long text"));
    let c = cosine(&got, &floats(&long["capped_vector"]));
    assert!(c >= 0.999, "long text capped at 256 pieces: cosine {c}");
    worst = worst.min(c);
    let _ = writeln!(
        std::io::stderr(),
        "reference: worst cosine {worst:.6} over {} texts",
        rows.len() + 1
    );
}

#[test]
fn translations_are_closer_than_unrelated_sentences() {
    let Some(encoder) = encoder("translations_are_closer_than_unrelated_sentences") else {
        return;
    };
    let en = encoder.embed("The committee postponed its vote on the new water budget until next Tuesday.");
    let fr = encoder.embed("Le comité a reporté son vote sur le nouveau budget de l'eau à mardi prochain.");
    let de = encoder
        .embed("Der Ausschuss hat seine Abstimmung über das neue Wasserbudget auf nächsten Dienstag verschoben.");
    let penguins = encoder.embed("Penguins can hold their breath for several minutes while diving for fish.");
    let bakery = encoder.embed("Nach dem langen Winter öffnete die kleine Bäckerei am Marktplatz wieder ihre Türen.");
    let translation = cosine(&en, &fr);
    let unrelated = cosine(&en, &penguins)
        .max(cosine(&fr, &penguins))
        .max(cosine(&penguins, &bakery));
    assert!(
        translation > unrelated + 0.2,
        "en/fr {translation} vs unrelated {unrelated}"
    );
    assert!(
        cosine(&en, &de) > cosine(&de, &bakery),
        "German translation should beat a German unrelated sentence"
    );
}

#[test]
fn odd_inputs_do_not_panic() {
    let Some(encoder) = encoder("odd_inputs_do_not_panic") else {
        return;
    };
    let huge = "word ".repeat(100_000);
    let control = "\u{0}\u{1}\u{7f}\u{200b}\u{feff}";
    for text in [
        "",
        " ",
        "\u{2581}",
        control,
        "😀",
        huge.as_str(),
        "é".repeat(5000).as_str(),
    ] {
        let v = encoder.embed(text);
        assert_eq!(v.len(), DIM);
        assert!(v.iter().all(|x| x.is_finite()));
    }
    assert_eq!(encoder.tokenize(&huge).len(), encoder.max_tokens() + 2);
    let tiny = Encoder::from_file(&model_path()).expect("model").with_max_tokens(0);
    assert_eq!(tiny.max_tokens(), 1);
    assert_eq!(tiny.tokenize("hello world again").len(), 3);
}
