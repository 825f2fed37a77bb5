//! Trains the statistical name tagger (`recoupe_analyze::tagger`) and writes the
//! model file.
//!
//! ```text
//! cargo run --release -p recoupe-analyze --example train_ner -- \
//!     --out crates/analyze/model/ner.bin --epochs 8 --bits 20 \
//!     fr:conll:/work/cache/recoupe/ner/train/wikineural-fr-val.conllu \
//!     fr:hipe:/work/cache/recoupe/ner/train/HIPE-2022-v2.1-newseye-dev2-fr.tsv ...
//! ```
//!
//! Each corpus is `LANG:FORMAT:PATH`; formats: `conll` (index, token, BIO label
//! tab-separated; blank line between sentences), `bio` (token and IOB1 label
//! separated by a space, no sentence breaks: split at full stops), `hipe`
//! (HIPE-2022 TSV, coarse literal column). Labels other than persons,
//! organisations and places are read as outside. A person's leading title
//! (`M.`, `général`) is taken out of the name, as the analyser keeps titles
//! apart (`role`). `scripts/ner-train.sh` lists the corpora of the shipped model.

use std::path::Path;

use anyhow::{bail, Context, Result};
use recoupe_analyze::eval::read_hipe;
use recoupe_analyze::tagger::{labels_from_spans, token_infos, TrainSentence, Trainer};
use recoupe_analyze::text::tokenize_at;
use recoupe_analyze::Resources;
use recoupe_core::EntityKind;

/// A sentence of a corpus: text and gold spans (byte offsets in the text).
struct Sentence {
    text: String,
    gold: Vec<(usize, usize, EntityKind)>,
}

/// Coarse kind of a corpus label. CrossNER's fine types are folded into the
/// three kinds as the analyser's guideline reads them (people by role,
/// parties, bands, universities and publications as organisations, countries
/// as places); its works, events, awards, genres and `misc` are outside.
fn kind_of_label(label: &str) -> Option<EntityKind> {
    match label.to_ascii_lowercase().as_str() {
        "per" | "pers" | "person" | "politician" | "writer" | "musicalartist" | "scientist" | "researcher" => {
            Some(EntityKind::Person)
        }
        "org" | "organisation" | "organization" | "politicalparty" | "band" | "university" | "magazine"
        | "academicjournal" => Some(EntityKind::Organisation),
        "loc" | "location" | "gpe" | "country" => Some(EntityKind::Place),
        _ => None,
    }
}

/// Builds sentences from (token, tag) pairs; `iob1` reads `I-` after `O` as a start.
fn from_tokens(rows: &[(String, String)]) -> Sentence {
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut open: Option<(usize, usize, String)> = None; // start, end, label
    for (token, tag) in rows {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(token);
        let end = text.len();
        let (prefix, label) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
        let continues = prefix == "I" && open.as_ref().is_some_and(|(_, _, l)| l == label);
        if continues {
            if let Some(o) = open.as_mut() {
                o.1 = end;
            }
            continue;
        }
        if let Some((s, e, l)) = open.take() {
            if let Some(kind) = kind_of_label(&l) {
                gold.push((s, e, kind));
            }
        }
        if prefix == "B" || prefix == "I" {
            open = Some((start, end, label.to_string()));
        }
    }
    if let Some((s, e, l)) = open.take() {
        if let Some(kind) = kind_of_label(&l) {
            gold.push((s, e, kind));
        }
    }
    Sentence { text, gold }
}

fn read_conll(path: &Path) -> Result<Vec<Sentence>> {
    let source = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut sentences = Vec::new();
    let mut rows = Vec::new();
    for line in source.lines() {
        if line.trim().is_empty() {
            if !rows.is_empty() {
                sentences.push(from_tokens(&rows));
                rows.clear();
            }
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let (token, tag) = match columns.as_slice() {
            [_, token, tag, ..] => (token, tag),
            [token, tag] => (token, tag),
            _ => bail!("{}: bad line {line:?}", path.display()),
        };
        rows.push((token.to_string(), tag.to_string()));
    }
    if !rows.is_empty() {
        sentences.push(from_tokens(&rows));
    }
    Ok(sentences)
}

fn read_bio(path: &Path) -> Result<Vec<Sentence>> {
    let source = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut sentences = Vec::new();
    let mut rows: Vec<(String, String)> = Vec::new();
    for line in source.lines() {
        let Some((token, tag)) = line.trim().rsplit_once(' ') else {
            continue;
        };
        let ends = (token == "." || token == "!" || token == "?") && tag == "O";
        rows.push((token.to_string(), tag.to_string()));
        if ends || rows.len() >= 60 {
            sentences.push(from_tokens(&rows));
            rows.clear();
        }
    }
    if !rows.is_empty() {
        sentences.push(from_tokens(&rows));
    }
    Ok(sentences)
}

fn read_hipe_sentences(path: &Path) -> Result<Vec<Sentence>> {
    let docs = read_hipe(path).with_context(|| format!("reading {}", path.display()))?;
    let mut sentences = Vec::new();
    for doc in docs {
        let spans = if doc.sentences.is_empty() {
            vec![recoupe_core::Span::new(0, doc.text.len())]
        } else {
            doc.sentences.clone()
        };
        for span in spans {
            let Some(text) = doc.text.get(span.start..span.end) else {
                continue;
            };
            let gold = doc
                .gold
                .iter()
                .filter(|g| g.span.start >= span.start && g.span.end <= span.end)
                .filter_map(|g| {
                    let kind = kind_of_label(&g.label)?;
                    Some((g.span.start - span.start, g.span.end - span.start, kind))
                })
                .collect();
            sentences.push(Sentence {
                text: text.to_string(),
                gold,
            });
        }
    }
    Ok(sentences)
}

/// Tokenizes with the analyser's tokenizer and labels the tokens; a person's
/// leading titles are outside the name.
fn to_training(sentence: &Sentence, resources: &Resources, language: &str) -> TrainSentence {
    let tokens = tokenize_at(&sentence.text, 0);
    let infos = token_infos(&tokens, resources, language);
    let mut labels = labels_from_spans(&tokens, &sentence.gold);
    let mut i = 0;
    while i < labels.len() {
        if labels.get(i) == Some(&1) {
            let mut k = i;
            while labels.get(k + 1) == Some(&2)
                && (infos.get(k).is_some_and(|t| t.title) || tokens.get(k).is_some_and(|t| t.text == "."))
            {
                if let Some(l) = labels.get_mut(k) {
                    *l = 0;
                }
                if let Some(l) = labels.get_mut(k + 1) {
                    *l = 1;
                }
                k += 1;
            }
            i = k + 1;
        } else {
            i += 1;
        }
    }
    TrainSentence { infos, labels }
}

fn main() -> Result<()> {
    let mut out = None;
    let mut epochs = 8;
    let mut bits = 20;
    // 1: greedy, gold history (teacher forcing); more: structured perceptron
    // with a beam of that width and early update.
    let mut beam = 1usize;
    let mut corpora = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next(),
            "--epochs" => epochs = args.next().context("--epochs N")?.parse()?,
            "--bits" => bits = args.next().context("--bits N")?.parse()?,
            "--beam" => beam = args.next().context("--beam N")?.parse()?,
            _ => corpora.push(arg),
        }
    }
    let out = out.context("--out PATH is required")?;
    if corpora.is_empty() {
        bail!("no corpus given (LANG:FORMAT:PATH)");
    }
    let resources = Resources::embedded()?;
    let mut data: Vec<TrainSentence> = Vec::new();
    for corpus in &corpora {
        let mut parts = corpus.splitn(3, ':');
        let (Some(language), Some(format), Some(path)) = (parts.next(), parts.next(), parts.next()) else {
            bail!("corpus {corpus:?} is not LANG:FORMAT:PATH");
        };
        let path = Path::new(path);
        let sentences = match format {
            "conll" => read_conll(path)?,
            "bio" => read_bio(path)?,
            "hipe" => read_hipe_sentences(path)?,
            other => bail!("unknown format {other:?} in {corpus:?}"),
        };
        let before = data.len();
        let mentions: usize = sentences.iter().map(|s| s.gold.len()).sum();
        data.extend(sentences.iter().map(|s| to_training(s, &resources, language)));
        if std::env::var_os("NER_DEBUG").is_some() {
            for (s, t) in sentences.iter().zip(data.iter().skip(before)).take(2) {
                let words: Vec<String> = tokenize_at(&s.text, 0)
                    .iter()
                    .zip(&t.labels)
                    .map(|(w, l)| format!("{}/{l}", w.text))
                    .collect();
                eprintln!("  {}", words.join(" "));
            }
        }
        eprintln!(
            "{}: {} sentences, {mentions} mentions",
            path.display(),
            data.len() - before
        );
    }
    let tokens: usize = data.iter().map(|s| s.labels.len()).sum();
    eprintln!(
        "{} sentences, {tokens} tokens; {epochs} epochs, 2^{bits} buckets",
        data.len()
    );
    let mut trainer = Trainer::new(bits);
    // Deterministic shuffle (xorshift) each epoch.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut order: Vec<usize> = (0..data.len()).collect();
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let mut errors = 0;
        for &k in &order {
            if let Some(sentence) = data.get(k) {
                errors += if beam > 1 {
                    trainer.train_sentence_beam(sentence, beam)
                } else {
                    trainer.train_sentence(sentence)
                };
            }
        }
        eprintln!(
            "epoch {}: token error rate {:.4}",
            epoch + 1,
            errors as f64 / tokens.max(1) as f64
        );
    }
    let model = trainer.finish();
    let bytes = model.to_bytes();
    if let Some(parent) = Path::new(&out).parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&out, &bytes).with_context(|| format!("writing {out}"))?;
    eprintln!("wrote {out} ({} bytes)", bytes.len());
    Ok(())
}
