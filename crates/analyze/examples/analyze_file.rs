//! Prints the analysis of a text file, one sentence per line:
//! `cargo run -p recoupe-analyze --example analyze_file -- FILE [LANG]`.

use recoupe_core::{Article, Metadata, Span};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: analyze_file FILE [LANG]");
        std::process::exit(2);
    };
    let language = args.next().unwrap_or_else(|| "fr".to_string());
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let sentences = recoupe_analyze::entities::line_spans(&text);
    let article = Article {
        paragraph_languages: Vec::new(),
        id: path.clone(),
        doc_hash: String::new(),
        meta: Metadata {
            language: Some(language),
            ..Metadata::default()
        },
        text: text.clone(),
        paragraphs: Vec::new(),
        sentences: sentences.clone(),
        removed: Vec::new(),
        offsets: Vec::new(),
        warnings: Vec::new(),
    };
    let _: &[Span] = &sentences;
    let analysis = recoupe_analyze::Analyzer::new().analyze(&article);
    for e in &analysis.entities {
        println!(
            "ENT {:?} {:?} chain={} canon={:?} key={} role={:?} long={:?}{}",
            e.text,
            e.kind,
            e.chain,
            e.canonical,
            e.key,
            e.role,
            e.long_form,
            if e.via_demonym { " demonym" } else { "" }
        );
    }
    for q in &analysis.quantities {
        println!(
            "QTY {:?} {:?} {} unit={:?} counted={:?} per={:?} cmp={:?}",
            q.text, q.kind, q.value, q.unit, q.counted, q.per, q.comparator
        );
    }
    for q in &analysis.quotes {
        println!(
            "QUOTE {:?} speaker={:?} key={:?} cue={:?} partial={}",
            q.text.chars().take(50).collect::<String>(),
            q.speaker,
            q.speaker_key,
            q.cue,
            q.partial
        );
    }
    for t in &analysis.times {
        println!("TIME {:?} {:?}", t.text, t.value);
    }
    for f in &analysis.frames {
        let word = |s: Option<Span>| s.and_then(|s| s.slice(&text)).unwrap_or("").to_string();
        println!(
            "FRAME {} {:?} `{}` when={:?} who={:?} where={:?} figure={:?} of={:?}",
            f.kind,
            f.aspect,
            word(f.trigger),
            f.when.as_ref().map(|w| word(Some(w.span))),
            f.who.and_then(|i| analysis.entities.get(i)).map(|e| e.text.clone()),
            f.place.and_then(|i| analysis.entities.get(i)).map(|e| e.text.clone()),
            f.figure
                .and_then(|i| analysis.quantities.get(i))
                .map(|q| q.text.clone()),
            f.of_event
        );
    }
}
