//! Stories and copies on the real-news corpus (`corpora/real-news/`), dev and test
//! side by side, with a plain word TF-IDF single-link baseline in the same run.
//!
//!     cargo run --release -p recoupe-stories --example real_news_stories
//!     REAL_NEWS_CORPUS=public-news cargo run --release -p recoupe-stories --example real_news_stories
//!
//! `REAL_NEWS_CORPUS` (default `real-news`) picks `corpora/<name>/manifest.jsonl`
//! (`REAL_NEWS_SOURCE=ecbplus|wikinewssum` keeps one source of `public-news`);
//! texts are read from `$RECOUPE_REAL_NEWS/texts/<sha256>.txt` (default
//! `/work/cache/recoupe/<name>`); without them the run prints a SKIP line and
//! exits 0. The manifest (labels) is the committed one. Options (environment):
//! `REAL_NEWS_SPLIT=dev|test|both` (default both), `REAL_NEWS_DATES=text|labelled|both`
//! (default both: the publication dates the extractor finds in the text alone, or the
//! labelled ones), `REAL_NEWS_DUMP=1` prints every predicted story and copy group
//! of the dev split (failure analysis; never the test split), `REAL_NEWS_CONFIG`
//! a JSON `StoryConfig` (missing fields default) for sweeps on dev.
//!
//! Measures: story BCubed precision/recall/F1 over articles; copy pairs (two
//! articles of one labelled copy group) recall per kind of the weaker member
//! (verbatim < update < rewrite < translation), precision over all predicted
//! pairs. The baseline's thresholds (story cosine, copy cosine) are tuned on dev
//! only and then applied to test.

#[path = "common/mod.rs"]
mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use chrono::NaiveDate;
use recoupe_analyze::Analyzer;
use recoupe_core::{Analysis, Article, DateStamp};
use recoupe_stories::eval::compare_partitions;
use recoupe_stories::StoryConfig;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
struct Entry {
    url: String,
    lang: String,
    date: Option<String>,
    story: String,
    copy_group: Option<String>,
    copy_kind: Option<String>,
    sha256: String,
    split: String,
    /// Source document (`ecbplus/<file>`, `wikinewssum/<story>/<source>`) in corpora
    /// that have one; `REAL_NEWS_SOURCE=ecbplus` keeps only that source's articles.
    #[serde(default)]
    doc: Option<String>,
}

struct Item {
    entry: Entry,
    text: String,
}

const KINDS: [&str; 4] = ["verbatim", "update", "rewrite", "translation"];

fn kind_rank(kind: &str) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0)
}

fn main() {
    // `REAL_NEWS_CORPUS` names the corpus folder under `corpora/` (and its cache under
    // /work/cache/recoupe/): `real-news` (default) or `public-news` (ECB+ and WikinewsSum).
    let corpus = std::env::var("REAL_NEWS_CORPUS").unwrap_or_else(|_| "real-news".into());
    if corpus.is_empty()
        || !corpus
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        eprintln!("REAL_NEWS_CORPUS: {corpus:?} is not a corpus folder name");
        std::process::exit(2);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpora")
        .join(&corpus);
    let cache = std::env::var("RECOUPE_REAL_NEWS")
        .map_or_else(|_| PathBuf::from("/work/cache/recoupe").join(&corpus), PathBuf::from);
    println!(
        "corpus: corpora/{corpus} (texts in {})\n",
        cache.join("texts").display()
    );
    let manifest = match std::fs::read_to_string(root.join("manifest.jsonl")) {
        Ok(m) => m,
        Err(e) => {
            println!("SKIP real_news: cannot read the manifest in {}: {e}", root.display());
            return;
        }
    };
    let source = std::env::var("REAL_NEWS_SOURCE").ok().filter(|s| !s.is_empty());
    let mut items = Vec::new();
    let mut missing = 0;
    for (n, line) in manifest.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let entry: Entry = match serde_json::from_str(line) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("manifest line {}: {e}", n + 1);
                continue;
            }
        };
        if let Some(source) = &source {
            let prefix = format!("{source}/");
            if !entry.doc.as_deref().is_some_and(|d| d.starts_with(&prefix)) {
                continue;
            }
        }
        match std::fs::read_to_string(cache.join("texts").join(format!("{}.txt", entry.sha256))) {
            Ok(text) => items.push(Item { entry, text }),
            Err(_) => missing += 1,
        }
    }
    if items.is_empty() {
        println!(
            "SKIP real_news: no texts in {} (rebuild them as corpora/{corpus}/README.md says)",
            cache.join("texts").display()
        );
        return;
    }
    if missing > 0 {
        println!("WARNING: {missing} manifest entries have no text in the cache; they are left out");
    }
    // A fixed pseudo-random arrival order (by content hash), as a crawl would give.
    items.sort_by(|a, b| a.entry.sha256.cmp(&b.entry.sha256));
    let analyzer = Analyzer::new();
    let splits: Vec<String> = match std::env::var("REAL_NEWS_SPLIT").as_deref() {
        Ok("dev") => vec!["dev".into()],
        Ok("test") => vec!["test".into()],
        _ => vec!["dev".into(), "test".into()],
    };
    let date_modes: Vec<&str> = match std::env::var("REAL_NEWS_DATES").as_deref() {
        Ok("text") => vec!["text"],
        Ok("labelled") => vec!["labelled"],
        _ => vec!["text", "labelled"],
    };
    // `REAL_NEWS_CONFIG` (JSON, missing fields default) overrides the engine's
    // knobs, for sweeps on dev.
    let config: StoryConfig = match std::env::var("REAL_NEWS_CONFIG") {
        Ok(json) => match serde_json::from_str(&json) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("REAL_NEWS_CONFIG: {e}");
                std::process::exit(2);
            }
        },
        Err(_) => StoryConfig::default(),
    };
    // The multilingual encoder, when its model file was built
    // (`scripts/build-encoder-model`): rows "+ encoder" use it.
    let encoder = common::load_encoder().filter(|_| std::env::var("REAL_NEWS_ENCODER").as_deref() != Ok("0"));
    if encoder.is_none() {
        println!("(no encoder model: rows with the encoder are skipped; build it with scripts/build-encoder-model)\n");
    }
    let mut embeddings: HashMap<String, Vec<f32>> = HashMap::new();
    let mut built: HashMap<String, Vec<(Article, Analysis)>> = HashMap::new();
    for split in &splits {
        let part: Vec<&Item> = items.iter().filter(|i| &i.entry.split == split).collect();
        let mut pairs = Vec::new();
        for it in &part {
            let id = it.entry.sha256.get(..16).unwrap_or(&it.entry.sha256).to_string();
            let article = match recoupe_extract::article_from_text(&id, &it.text) {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("{}: {e}", it.entry.url);
                    continue;
                }
            };
            let analysis = analyzer.analyze(&article);
            let extra_languages = std::env::var("REAL_NEWS_ENCODER_EXTRA").unwrap_or_default();
            let covered = recoupe_embed::supports_language(article.language())
                || extra_languages.split(',').any(|l| l == article.language());
            if let Some(encoder) = encoder.as_ref().filter(|_| covered) {
                embeddings.insert(
                    article.id.clone(),
                    encoder.embed(&recoupe_stories::embedding_text(&article)),
                );
            }
            pairs.push((article, analysis));
        }
        built.insert(split.clone(), pairs);
    }

    // Baseline thresholds tuned on dev (when dev is in the run).
    let (story_t, copy_t) = match built.get("dev") {
        Some(dev) => {
            let part: Vec<&Item> = items.iter().filter(|i| i.entry.split == "dev").collect();
            tune_baseline(&part, dev)
        }
        None => (0.25, 0.8),
    };
    println!("TF-IDF baseline thresholds (tuned on dev): story cosine {story_t:.2}, copy cosine {copy_t:.2}\n");

    let mut rows: Vec<(String, String, Scores)> = Vec::new();
    for split in &splits {
        let part: Vec<&Item> = items.iter().filter(|i| &i.entry.split == split).collect();
        let Some(pairs) = built.get(split) else { continue };
        let base = baseline(&part, pairs, story_t, copy_t);
        rows.push((split.clone(), "TF-IDF baseline".into(), score(&part, &base.0, &base.1)));
        let encoder_modes: &[bool] = if encoder.is_some() { &[false, true] } else { &[false] };
        for (mode, with_encoder) in date_modes
            .iter()
            .flat_map(|m| encoder_modes.iter().map(move |e| (m, *e)))
        {
            let mut arts: Vec<Article> = pairs.iter().map(|(a, _)| a.clone()).collect();
            if *mode == "labelled" {
                for (a, it) in arts.iter_mut().zip(&part) {
                    a.meta.published = it
                        .entry
                        .date
                        .as_deref()
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                        .map(DateStamp::Date);
                }
            }
            let analyses: Vec<Analysis> = pairs.iter().map(|(_, x)| x.clone()).collect();
            let no_embeddings = HashMap::new();
            let vectors = if with_encoder { &embeddings } else { &no_embeddings };
            let (stories, copies) = recoupe_run(&arts, &analyses, &config, vectors);
            if std::env::var("REAL_NEWS_DUMP").is_ok()
                && split == "dev"
                && *mode == "text"
                && with_encoder == encoder.is_some()
            {
                dump(&part, &arts, &stories, &copies);
            }
            let dated = arts.iter().filter(|a| a.meta.published.is_some()).count();
            rows.push((
                split.clone(),
                format!(
                    "recoupe{}, dates from {mode} ({dated}/{} dated)",
                    if with_encoder { " + encoder" } else { "" },
                    arts.len()
                ),
                score(&part, &stories, &copies),
            ));
        }
    }
    print_table(&rows);
}

/// Predicted story index per item and predicted copy groups (item indexes).
type Prediction = (Vec<usize>, Vec<Vec<usize>>);

fn recoupe_run(
    articles: &[Article],
    analyses: &[Analysis],
    config: &StoryConfig,
    embeddings: &HashMap<String, Vec<f32>>,
) -> Prediction {
    // As `recoupe_pipeline::stories` orders a batch: dated articles by publication
    // time among themselves, undated ones in place.
    let index: HashMap<&str, usize> = articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let mut dated: Vec<usize> = (0..articles.len())
        .filter(|&i| recoupe_stories::published_at(&articles[i]).is_some())
        .collect();
    dated.sort_by_key(|&i| recoupe_stories::published_at(&articles[i]));
    let mut dated = dated.into_iter();
    let order: Vec<usize> = (0..articles.len())
        .map(|i| {
            if recoupe_stories::published_at(&articles[i]).is_some() {
                dated.next().unwrap_or(i)
            } else {
                i
            }
        })
        .collect();
    let items: Vec<(&Article, &Analysis)> = order.iter().map(|&i| (&articles[i], &analyses[i])).collect();
    let mut engine = recoupe_stories::StoryEngine::new(config.clone());
    for (features, (article, _)) in recoupe_stories::features_in_parallel(&items, config)
        .into_iter()
        .zip(&items)
    {
        let features = match embeddings.get(&article.id) {
            Some(v) => features.with_embedding(v),
            None => features,
        };
        engine.add_features(features);
    }
    let stories = engine.stories();
    if std::env::var("REAL_NEWS_REASONS").is_ok() {
        for story in &stories {
            for r in &story.reasons {
                println!(
                    "reason {} -> {:?} score {:.3} terms {:?} entities {:?}",
                    r.article_id, r.matched, r.score, r.shared_terms, r.shared_entities
                );
            }
        }
    }
    let mut label = vec![usize::MAX; articles.len()];
    let mut groups = Vec::new();
    for (s, story) in stories.iter().enumerate() {
        for id in &story.article_ids {
            if let Some(&i) = index.get(id.as_str()) {
                label[i] = s;
            }
        }
        for g in &story.copy_groups {
            let members: Vec<usize> = std::iter::once(&g.original)
                .chain(&g.copies)
                .filter_map(|id| index.get(id.as_str()).copied())
                .collect();
            groups.push(members);
        }
    }
    for (next, l) in (stories.len()..).zip(label.iter_mut().filter(|l| **l == usize::MAX)) {
        *l = next;
    }
    (label, groups)
}

#[derive(Debug, Default, Clone)]
struct Scores {
    articles: usize,
    stories: usize,
    predicted_stories: usize,
    bcubed_p: f64,
    bcubed_r: f64,
    bcubed_f: f64,
    copy_predicted: usize,
    copy_correct: usize,
    /// Per kind: (gold pairs, found).
    copy_recall: BTreeMap<usize, (usize, usize)>,
}

fn score(part: &[&Item], stories: &[usize], copies: &[Vec<usize>]) -> Scores {
    let mut story_ids: BTreeMap<&str, usize> = BTreeMap::new();
    let truth: Vec<usize> = part
        .iter()
        .map(|it| {
            let next = story_ids.len();
            *story_ids.entry(it.entry.story.as_str()).or_insert(next)
        })
        .collect();
    let s = compare_partitions(stories, &truth);
    let gold = gold_copy_pairs(part);
    let mut predicted: BTreeSet<(usize, usize)> = BTreeSet::new();
    for g in copies {
        for (x, &a) in g.iter().enumerate() {
            for &b in &g[x + 1..] {
                predicted.insert((a.min(b), a.max(b)));
            }
        }
    }
    let mut recall: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (pair, kind) in &gold {
        let e = recall.entry(*kind).or_insert((0, 0));
        e.0 += 1;
        if predicted.contains(pair) {
            e.1 += 1;
        }
    }
    Scores {
        articles: part.len(),
        stories: story_ids.len(),
        predicted_stories: stories.iter().collect::<BTreeSet<_>>().len(),
        bcubed_p: s.bcubed_precision,
        bcubed_r: s.bcubed_recall,
        bcubed_f: s.bcubed_f1,
        copy_predicted: predicted.len(),
        copy_correct: predicted.iter().filter(|p| gold.contains_key(p)).count(),
        copy_recall: recall,
    }
}

/// Labelled copy pairs with the kind of their weaker member.
fn gold_copy_pairs(part: &[&Item]) -> BTreeMap<(usize, usize), usize> {
    let mut groups: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, it) in part.iter().enumerate() {
        if let (Some(g), Some(k)) = (&it.entry.copy_group, &it.entry.copy_kind) {
            groups
                .entry(g.as_str())
                .or_default()
                .push((i, if k == "original" { 0 } else { kind_rank(k) }));
        }
    }
    let mut pairs = BTreeMap::new();
    for members in groups.values() {
        for (x, &(a, ka)) in members.iter().enumerate() {
            for &(b, kb) in &members[x + 1..] {
                pairs.insert((a.min(b), a.max(b)), ka.max(kb));
            }
        }
    }
    pairs
}

fn print_table(rows: &[(String, String, Scores)]) {
    println!(
        "| split | system | articles / stories | predicted stories | B³ P | B³ R | B³ F1 | copy pairs predicted (correct) | P | R verbatim | R update | R rewrite | R translation |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (split, name, s) in rows {
        let p = if s.copy_predicted == 0 {
            1.0
        } else {
            s.copy_correct as f64 / s.copy_predicted as f64
        };
        let r = |k: usize| match s.copy_recall.get(&k) {
            Some(&(n, f)) if n > 0 => format!("{:.2} ({f}/{n})", f as f64 / n as f64),
            _ => "–".into(),
        };
        println!(
            "| {split} | {name} | {} / {} | {} | {:.3} | {:.3} | **{:.3}** | {} ({}) | {:.2} | {} | {} | {} | {} |",
            s.articles,
            s.stories,
            s.predicted_stories,
            s.bcubed_p,
            s.bcubed_r,
            s.bcubed_f,
            s.copy_predicted,
            s.copy_correct,
            p,
            r(0),
            r(1),
            r(2),
            r(3)
        );
    }
}

fn dump(part: &[&Item], articles: &[Article], stories: &[usize], copies: &[Vec<usize>]) {
    let mut by_story: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &s) in stories.iter().enumerate() {
        by_story.entry(s).or_default().push(i);
    }
    println!("## dev stories (predicted)\n");
    for (s, members) in &by_story {
        let labels: BTreeSet<&str> = members.iter().map(|&i| part[i].entry.story.as_str()).collect();
        println!("story {s}: {} articles, labels {:?}", members.len(), labels);
        for &i in members {
            let title: String = articles[i].text.chars().take(70).collect::<String>().replace('\n', " ");
            println!(
                "    [{}|{}] {} {}",
                part[i].entry.lang, part[i].entry.story, title, part[i].entry.url
            );
        }
    }
    println!("\n## dev copy groups (predicted)\n");
    for g in copies {
        let names: Vec<String> = g
            .iter()
            .map(|&i| format!("{} ({:?})", part[i].entry.url, part[i].entry.copy_group))
            .collect();
        println!("  {names:?}");
    }
    println!();
}

// ---------------------------------------------------------------------------
// TF-IDF baseline: lowercased word tokens, idf over the split, cosine, single link.

fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .map(|w| w.to_lowercase())
        .collect()
}

fn tfidf_vectors(pairs: &[(Article, Analysis)]) -> Vec<HashMap<String, f64>> {
    let docs: Vec<Vec<String>> = pairs.iter().map(|(a, _)| tokens(&a.text)).collect();
    common::tfidf_vectors(&docs)
}

fn similarity_matrix(pairs: &[(Article, Analysis)]) -> Vec<Vec<f64>> {
    let v = tfidf_vectors(pairs);
    (0..v.len())
        .map(|i| (0..v.len()).map(|j| common::cosine(&v[i], &v[j])).collect())
        .collect()
}

fn single_link(sim: &[Vec<f64>], threshold: f64) -> Vec<usize> {
    let n = sim.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (i, row) in sim.iter().enumerate() {
        for (j, &value) in row.iter().enumerate().skip(i + 1) {
            if value >= threshold {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}

fn groups_of(labels: &[usize]) -> Vec<Vec<usize>> {
    let mut g: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &l) in labels.iter().enumerate() {
        g.entry(l).or_default().push(i);
    }
    g.into_values().filter(|m| m.len() > 1).collect()
}

fn baseline(_part: &[&Item], pairs: &[(Article, Analysis)], story_t: f64, copy_t: f64) -> Prediction {
    let sim = similarity_matrix(pairs);
    (single_link(&sim, story_t), groups_of(&single_link(&sim, copy_t)))
}

fn tune_baseline(part: &[&Item], pairs: &[(Article, Analysis)]) -> (f64, f64) {
    let sim = similarity_matrix(pairs);
    let mut best_story = (0.0, f64::MIN);
    let mut best_copy = (0.0, f64::MIN);
    for step in 1..100 {
        let t = step as f64 / 100.0;
        let labels = single_link(&sim, t);
        let s = score(part, &labels, &[]);
        if s.bcubed_f > best_story.1 {
            best_story = (t, s.bcubed_f);
        }
        let c = score(part, &labels, &groups_of(&labels));
        let found: usize = c.copy_recall.values().map(|v| v.1).sum();
        let total: usize = c.copy_recall.values().map(|v| v.0).sum();
        let p = if c.copy_predicted == 0 {
            1.0
        } else {
            c.copy_correct as f64 / c.copy_predicted as f64
        };
        let r = if total == 0 { 0.0 } else { found as f64 / total as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        if f > best_copy.1 {
            best_copy = (t, f);
        }
    }
    (best_story.0, best_copy.0)
}
