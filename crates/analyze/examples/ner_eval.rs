//! NER evaluation of the statistical extractor against the rules alone, in one run:
//! the real-news set annotated for issue 11 (dev and test splits), HIPE-2022
//! newseye-fr (dev, and test with `--hipe-test`), and analysis speed.
//!
//! ```text
//! cargo run --release -p recoupe-analyze --example ner_eval -- \
//!     [--realnews /work/cache/recoupe/ner/realnews] [--hipe ../shared/bench/ner/hipe2022-newseye-fr] \
//!     [--hipe-test] [--manifest] [--model FILE] [--conll LANG:NAME:PATH]... [--speed]
//! ```
//!
//! Also scored: the committed English news set (`testdata/en-news`, own sentences;
//! its one document on the held-out story, Mali's transitional president in
//! Russia, is left out) and any `--conll` file (IOB2 token rows, `# newdoc`
//! comments start a document, e.g. Universal NER English PUD). `--model FILE`
//! scores a model file instead of the embedded one (to compare trainings without
//! rebuilding). Each set ends with a `SUMMARY` line (micro strict and fuzzy F1).
//! `--speed` times the whole analysis on HIPE dev (model+rules against rules only).
//!
//! The real-news texts stay in the cache (`fr-NN.txt`, `en-NN.txt`, `{LABEL name}`
//! markup, a `# url:` line); the committed manifest
//! (`crates/analyze/testdata/realnews-ner/`) holds their URL, split, SHA-256 and
//! the offsets and labels of every mention. `--manifest` rewrites the manifest from
//! the cache; otherwise every cached text is checked against it (hash, offsets,
//! labels) before scoring, and a missing cache is reported as SKIP.
//! Split: a document is `dev` when the first hex digit of the SHA-256 of its URL
//! is 0-7, else `test` (fixed before any tuning).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use recoupe_analyze::eval::GoldMention;
use recoupe_analyze::eval::{predictions, read_annotated, read_hipe, score_document, Counts, GoldDoc, Scores};
use recoupe_analyze::statistical::{Policy, StatisticalExtractor};
use recoupe_analyze::tagger::Model;
use recoupe_analyze::{Analyzer, Resources};
use recoupe_core::{content_hash, Span};

const MANIFEST_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/realnews-ner");

struct RealDoc {
    name: String,
    url: String,
    split: &'static str,
    doc: GoldDoc,
}

fn load_realnews(dir: &Path) -> Result<Vec<RealDoc>> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for path in names {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        let language = name.get(..2).unwrap_or("fr").to_string();
        let source = std::fs::read_to_string(&path)?;
        let url = source
            .lines()
            .find_map(|l| l.strip_prefix("# url: "))
            .context(format!("{}: no '# url:' line", path.display()))?
            .trim()
            .to_string();
        let mut docs = read_annotated(&path, &language)?;
        if docs.len() != 1 {
            bail!("{}: expected one document, found {}", path.display(), docs.len());
        }
        let Some(doc) = docs.pop() else { continue };
        let split = if content_hash(url.as_bytes())
            .as_bytes()
            .first()
            .is_some_and(|&c| c < b'8')
        {
            "dev"
        } else {
            "test"
        };
        out.push(RealDoc { name, url, split, doc });
    }
    Ok(out)
}

fn write_manifest(docs: &[RealDoc]) -> Result<()> {
    std::fs::create_dir_all(MANIFEST_DIR)?;
    let mut manifest = String::from("# id\tlanguage\tsplit\tsha256(text)\tchars\turl\n");
    let mut mentions = String::from("# id\tstart\tend\tlabel  (byte offsets into the text)\n");
    for d in docs {
        let _ = writeln!(
            manifest,
            "{}\t{}\t{}\t{}\t{}\t{}",
            d.name,
            d.doc.language,
            d.split,
            content_hash(d.doc.text.as_bytes()),
            d.doc.text.chars().count(),
            d.url
        );
        for g in &d.doc.gold {
            let _ = writeln!(mentions, "{}\t{}\t{}\t{}", d.name, g.span.start, g.span.end, g.label);
        }
    }
    std::fs::write(Path::new(MANIFEST_DIR).join("manifest.tsv"), manifest)?;
    std::fs::write(Path::new(MANIFEST_DIR).join("mentions.tsv"), mentions)?;
    Ok(())
}

fn check_manifest(docs: &[RealDoc]) -> Result<()> {
    let manifest = std::fs::read_to_string(Path::new(MANIFEST_DIR).join("manifest.tsv"))?;
    let mentions = std::fs::read_to_string(Path::new(MANIFEST_DIR).join("mentions.tsv"))?;
    for d in docs {
        let line = manifest
            .lines()
            .find(|l| l.split('\t').next() == Some(d.name.as_str()))
            .context(format!("{} is not in the manifest", d.name))?;
        let hash = line.split('\t').nth(3).unwrap_or("");
        if hash != content_hash(d.doc.text.as_bytes()) {
            bail!("{}: cached text differs from the manifest (sha256)", d.name);
        }
        let expected: Vec<String> = mentions
            .lines()
            .filter(|l| l.split('\t').next() == Some(d.name.as_str()))
            .map(str::to_string)
            .collect();
        let found: Vec<String> = d
            .doc
            .gold
            .iter()
            .map(|g| format!("{}\t{}\t{}\t{}", d.name, g.span.start, g.span.end, g.label))
            .collect();
        if expected != found {
            bail!("{}: cached annotations differ from the manifest", d.name);
        }
    }
    Ok(())
}

fn score(docs: &[&GoldDoc], analyzer: &Analyzer, include_titles: bool) -> Scores {
    let mut scores = Scores::default();
    for doc in docs {
        let analysis = analyzer.analyze(&doc.to_article());
        scores.add(&score_document(doc, &predictions(&analysis, &doc.text, include_titles)));
    }
    scores
}

fn row(out: &mut String, label: &str, strict: Counts, fuzzy: Counts) {
    let _ = writeln!(
        out,
        "| {label} | {} | {:.3} | {:.3} | **{:.3}** | {:.3} | {:.3} | {:.3} |",
        strict.tp + strict.fn_,
        strict.precision(),
        strict.recall(),
        strict.f1(),
        fuzzy.precision(),
        fuzzy.recall(),
        fuzzy.f1()
    );
}

/// The analyser with the model: the embedded one, or `--model FILE`.
fn model_analyzer(model_file: Option<&Path>) -> Result<Analyzer> {
    let Some(path) = model_file else {
        return Ok(Analyzer::new().with_model());
    };
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut model = Model::from_bytes(&bytes)?;
    if let Some(beam) = std::env::var("NER_BEAM").ok().and_then(|b| b.parse().ok()) {
        model = model.with_beam(beam);
    }
    // Leaked once per run: the extractor borrows them for the program's life.
    let model: &'static Model = Box::leak(Box::new(model));
    let resources: &'static Resources = Box::leak(Box::new(Resources::embedded()?));
    // NER_POLICY=keep,type,span,drop: the combination policy's fields (tuning runs).
    let mut policy = Policy::default();
    if let Ok(spec) = std::env::var("NER_POLICY") {
        let v: Vec<u8> = spec.split(',').filter_map(|x| x.parse().ok()).collect();
        if let [keep, kind, span, drop] = v.as_slice() {
            policy.keep_rule_only_from = *keep;
            policy.rule_type_from = *kind;
            policy.rule_span_from = *span;
            policy.drop_function_words = *drop == 1;
        }
    }
    Ok(Analyzer::new().with_extractor(Box::new(
        StatisticalExtractor::new(resources, model).with_policy(policy),
    )))
}

fn table(
    out: &mut String,
    title: &str,
    docs: &[&GoldDoc],
    include_titles: bool,
    model_file: Option<&Path>,
) -> Result<()> {
    let gold: usize = docs.iter().map(|d| d.gold.len()).sum();
    let _ = writeln!(out, "\n#### {title} ({} documents, {gold} gold mentions)\n", docs.len());
    out.push_str("| system / type | gold | strict P | strict R | strict F1 | fuzzy P | fuzzy R | fuzzy F1 |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    let mut summary = format!("SUMMARY {title}:");
    for (name, analyzer) in [
        ("model+rules", model_analyzer(model_file)?),
        ("rules only", Analyzer::new().rules_only()),
    ] {
        let scores = score(docs, &analyzer, include_titles);
        for label in ["PER", "ORG", "LOC"] {
            let strict = scores.strict.get(label).copied().unwrap_or_default();
            let fuzzy = scores.fuzzy.get(label).copied().unwrap_or_default();
            row(out, &format!("{name} {label}"), strict, fuzzy);
        }
        row(
            out,
            &format!("{name} **micro**"),
            scores.micro(false),
            scores.micro(true),
        );
        let _ = write!(
            summary,
            " {name} {:.3}/{:.3}",
            scores.micro(false).f1(),
            scores.micro(true).f1()
        );
    }
    eprintln!("{summary}");
    Ok(())
}

/// IOB2 token rows (`index<TAB>token<TAB>label...`); `# newdoc` starts a document,
/// other `#` lines are skipped; each sentence is one line of the text.
fn read_conll_docs(path: &Path, language: &str, name: &str) -> Result<Vec<GoldDoc>> {
    let source = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs: Vec<GoldDoc> = Vec::new();
    let new_doc = |docs: &Vec<GoldDoc>| GoldDoc {
        id: format!("{name}-{}", docs.len() + 1),
        language: language.to_string(),
        text: String::new(),
        sentences: Vec::new(),
        tokens: Vec::new(),
        gold: Vec::new(),
    };
    let mut doc = new_doc(&docs);
    let mut open: Option<(usize, usize, String)> = None;
    let mut sentence_start: Option<usize> = None;
    let close = |doc: &mut GoldDoc, open: &mut Option<(usize, usize, String)>| {
        if let Some((s, e, label)) = open.take() {
            doc.gold.push(GoldMention {
                span: Span::new(s, e),
                label,
            });
        }
    };
    for line in source.lines() {
        if line.starts_with("# newdoc") {
            close(&mut doc, &mut open);
            if !doc.text.is_empty() {
                let next = new_doc(&docs);
                docs.push(std::mem::replace(&mut doc, next));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            close(&mut doc, &mut open);
            if let Some(start) = sentence_start.take() {
                doc.sentences.push(Span::new(start, doc.text.len()));
            }
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let (Some(token), Some(tag)) = (columns.get(1), columns.get(2)) else {
            bail!("{}: bad line {line:?}", path.display());
        };
        if sentence_start.is_none() {
            if !doc.text.is_empty() {
                doc.text.push('\n');
            }
            sentence_start = Some(doc.text.len());
        } else {
            doc.text.push(' ');
        }
        let start = doc.text.len();
        doc.text.push_str(token);
        let end = doc.text.len();
        doc.tokens.push(Span::new(start, end));
        let (prefix, label) = tag.split_once('-').unwrap_or((tag, ""));
        let label = match label {
            "PER" | "ORG" | "LOC" => label,
            _ => "",
        };
        if prefix == "I" && open.as_ref().is_some_and(|o| o.2 == label) {
            if let Some(o) = open.as_mut() {
                o.1 = end;
            }
            continue;
        }
        close(&mut doc, &mut open);
        if (prefix == "B" || prefix == "I") && !label.is_empty() {
            open = Some((start, end, label.to_string()));
        }
    }
    close(&mut doc, &mut open);
    if let Some(start) = sentence_start.take() {
        doc.sentences.push(Span::new(start, doc.text.len()));
    }
    if !doc.text.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// The committed English news set, without its document on the held-out story.
fn load_en_news() -> Result<Vec<GoldDoc>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/en-news");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for file in files {
        docs.extend(
            read_annotated(&file, "en")?
                .into_iter()
                .filter(|d| !(d.text.contains("Goita") && d.text.contains("Moscow"))),
        );
    }
    Ok(docs)
}

fn speed(out: &mut String, docs: &[&GoldDoc], model_file: Option<&Path>) -> Result<()> {
    let articles: Vec<_> = docs.iter().map(|d| d.to_article()).collect();
    let mut line = String::new();
    let mut ratios = Vec::new();
    let mut model_rates = Vec::new();
    let mut rule_rates = Vec::new();
    let model = model_analyzer(model_file)?;
    let rules = Analyzer::new().rules_only();
    for _ in 0..5 {
        let rate = |a: &Analyzer| {
            let start = Instant::now();
            for _ in 0..3 {
                for article in &articles {
                    std::hint::black_box(a.analyze(article));
                }
            }
            (3 * articles.len()) as f64 / start.elapsed().as_secs_f64().max(1e-9)
        };
        let m = rate(&model);
        let r = rate(&rules);
        ratios.push(m / r);
        model_rates.push(m);
        rule_rates.push(r);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    let _ = write!(
        line,
        "\nSpeed, whole analysis, one thread, {} articles (median of 5 alternated runs): model+rules {:.0} articles/s, rules only {:.0} articles/s, ratio {:.2}.\n",
        articles.len(),
        median(&mut model_rates),
        median(&mut rule_rates),
        median(&mut ratios)
    );
    eprint!("{line}");
    out.push_str(&line);
    Ok(())
}

fn print_errors(doc: &GoldDoc, analyzer: &Analyzer) {
    let analysis = analyzer.analyze(&doc.to_article());
    let predicted = predictions(&analysis, &doc.text, false);
    let gold: Vec<(usize, usize, &str)> = doc
        .gold
        .iter()
        .map(|g| (g.span.start, g.span.end, g.label.as_str()))
        .collect();
    let found: Vec<(usize, usize, &str)> = predicted.iter().map(|(s, l)| (s.start, s.end, l.as_str())).collect();
    for g in &gold {
        if !found.contains(g) {
            println!("{} FN {} {:?}", doc.id, g.2, doc.text.get(g.0..g.1).unwrap_or(""));
        }
    }
    for f in &found {
        if !gold.contains(f) {
            println!("{} FP {} {:?}", doc.id, f.2, doc.text.get(f.0..f.1).unwrap_or(""));
        }
    }
}

fn main() -> Result<()> {
    let mut realnews = PathBuf::from("/work/cache/recoupe/ner/realnews");
    let mut hipe = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/bench/ner/hipe2022-newseye-fr"
    ));
    let mut hipe_test = false;
    let mut manifest = false;
    let mut errors = false;
    let mut profile = 0usize;
    let mut model_file: Option<PathBuf> = None;
    let mut conll: Vec<String> = Vec::new();
    let mut speed_dev = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--realnews" => realnews = args.next().context("--realnews DIR")?.into(),
            "--hipe" => hipe = args.next().context("--hipe DIR")?.into(),
            "--hipe-test" => hipe_test = true,
            "--manifest" => manifest = true,
            "--errors" => errors = true,
            // Only analyses the real-news set N times with the model (for a profiler).
            "--profile" => profile = args.next().context("--profile N")?.parse()?,
            "--model" => model_file = Some(args.next().context("--model FILE")?.into()),
            "--conll" => conll.push(args.next().context("--conll LANG:NAME:PATH")?),
            "--speed" => speed_dev = true,
            other => bail!("unknown argument {other}"),
        }
    }
    let mut out = String::new();
    if realnews.is_dir() {
        let docs = load_realnews(&realnews)?;
        if manifest {
            write_manifest(&docs)?;
            eprintln!("manifest written: {} documents", docs.len());
        } else {
            check_manifest(&docs)?;
        }
        if profile > 0 {
            let analyzer = Analyzer::new().with_model();
            let articles: Vec<_> = docs.iter().map(|d| d.doc.to_article()).collect();
            for _ in 0..profile {
                for article in &articles {
                    std::hint::black_box(analyzer.analyze(article));
                }
            }
            return Ok(());
        }
        if errors {
            // Dev split only: the test split is never looked at for tuning.
            let analyzer = model_analyzer(model_file.as_deref())?;
            for d in docs.iter().filter(|d| d.split == "dev") {
                print_errors(&d.doc, &analyzer);
            }
            return Ok(());
        }
        let _ = writeln!(out, "### Real-news set (annotated for issue 11)");
        for split in ["test", "dev"] {
            for language in ["fr", "en"] {
                let selected: Vec<&GoldDoc> = docs
                    .iter()
                    .filter(|d| d.split == split && d.doc.language == language)
                    .map(|d| &d.doc)
                    .collect();
                table(
                    &mut out,
                    &format!("{language} {split}"),
                    &selected,
                    false,
                    model_file.as_deref(),
                )?;
            }
        }
        let all: Vec<&GoldDoc> = docs.iter().map(|d| &d.doc).collect();
        speed(&mut out, &all, model_file.as_deref())?;
    } else {
        let _ = writeln!(out, "SKIP real-news set: {} is absent", realnews.display());
    }
    let hipe_files = [
        ("dev", "HIPE-2022-v2.1-newseye-dev-fr.tsv"),
        ("test", "HIPE-2022-v2.1-newseye-test-fr.tsv"),
    ];
    for (split, file) in hipe_files {
        if split == "test" && !hipe_test {
            continue;
        }
        let path = hipe.join(file);
        if !path.is_file() {
            let _ = writeln!(out, "SKIP HIPE {split}: {} is absent", path.display());
            continue;
        }
        let docs = read_hipe(&path)?;
        let refs: Vec<&GoldDoc> = docs.iter().collect();
        table(
            &mut out,
            &format!("HIPE-2022 newseye-fr {split}"),
            &refs,
            true,
            model_file.as_deref(),
        )?;
        if split == "test" || speed_dev {
            speed(&mut out, &refs, model_file.as_deref())?;
        }
    }
    let en_news = load_en_news()?;
    if errors {
        // Dev sets only (en-news), with the model (the rules alone with NER_RULES=1).
        let analyzer = if std::env::var_os("NER_RULES").is_some() {
            Analyzer::new().rules_only()
        } else {
            model_analyzer(model_file.as_deref())?
        };
        for d in &en_news {
            print_errors(d, &analyzer);
        }
        return Ok(());
    }
    let refs: Vec<&GoldDoc> = en_news.iter().collect();
    table(
        &mut out,
        "en-news (testdata, own sentences)",
        &refs,
        false,
        model_file.as_deref(),
    )?;
    // Its `heldout-*` file was written after the rules were tuned on the others.
    let held_out: Vec<&GoldDoc> = en_news.iter().filter(|d| d.id.starts_with("heldout")).collect();
    table(
        &mut out,
        "en-news held-out part",
        &held_out,
        false,
        model_file.as_deref(),
    )?;
    for spec in &conll {
        let mut parts = spec.splitn(3, ':');
        let (Some(language), Some(name), Some(path)) = (parts.next(), parts.next(), parts.next()) else {
            bail!("--conll {spec:?} is not LANG:NAME:PATH");
        };
        let docs = read_conll_docs(Path::new(path), language, name)?;
        let refs: Vec<&GoldDoc> = docs.iter().collect();
        table(&mut out, name, &refs, false, model_file.as_deref())?;
    }
    println!("{out}");
    Ok(())
}
