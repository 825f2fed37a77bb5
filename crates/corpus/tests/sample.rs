//! Keeps examples/sample and its truth.json consistent: every article the
//! truth names is where it says, and every evidence quote is in the source
//! of an article it is attributed to. Other crates' tests rely on both.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::PathBuf;

use serde_json::Value;

fn sample_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/sample"))
}

fn truth() -> Value {
    let text = std::fs::read_to_string(sample_dir().join("../truth/sample.json")).expect("examples/truth/sample.json");
    serde_json::from_str(&text).expect("truth.json parses")
}

/// windows-1252 to text; only the page written in it needs this.
fn decode_cp1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80 => '€',
            0x85 => '…',
            0x91 => '‘',
            0x92 => '’',
            0x93 => '“',
            0x94 => '”',
            0x96 => '–',
            0x97 => '—',
            0x9C => 'œ',
            0x8C => 'Œ',
            _ => char::from(b),
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// Whitespace runs and `<br>` become one space, so quotes match across cut lines.
fn normalise(s: &str) -> String {
    s.replace("<br>", " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn nth_block<'a>(text: &'a str, open: &str, close: &str, n: usize) -> &'a str {
    let block = text
        .split(open)
        .nth(n + 1)
        .unwrap_or_else(|| panic!("no {open} number {n}"));
    block.split(close).next().unwrap_or("")
}

fn read_warc(path: &PathBuf) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(file).read_to_end(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The text of one article, found from its `source` locator.
fn source_text(article: &Value) -> String {
    let source = &article["source"];
    let file = source["file"].as_str().unwrap();
    let path = sample_dir().join(file);
    let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = if article["encoding"] == "windows-1252" {
        assert!(
            std::str::from_utf8(&raw).is_err(),
            "{file} must hold real non-UTF-8 bytes"
        );
        decode_cp1252(&raw)
    } else if file.ends_with(".gz") {
        read_warc(&path)
    } else {
        String::from_utf8(raw).unwrap()
    };
    let selected = if let Some(line) = source["line"].as_u64() {
        let line = text.lines().nth(line as usize - 1).unwrap();
        let record: Value = serde_json::from_str(line).unwrap();
        for field in ["title", "text", "url", "published", "outlet", "author", "lang"] {
            assert!(record.get(field).is_some(), "{file}:{line}: no {field}");
        }
        format!(
            "{}\n{}",
            record["title"].as_str().unwrap(),
            record["text"].as_str().unwrap()
        )
    } else if let Some(item) = source["item"].as_u64() {
        if file.ends_with(".rss") {
            nth_block(&text, "<item>", "</item>", item as usize).to_string()
        } else {
            unescape(nth_block(&text, "<entry>", "</entry>", item as usize))
        }
    } else if let Some(record) = source["record"].as_u64() {
        let block = nth_block(&text, "WARC-Type: response", "WARC/1.0", record as usize);
        assert!(
            block.contains(source["target_uri"].as_str().unwrap()),
            "WARC record {record} has another URI"
        );
        unescape(block)
    } else {
        unescape(&text)
    };
    normalise(&selected)
}

#[test]
fn sample_matches_truth() {
    if !sample_dir().join("../truth/sample.json").exists() {
        eprintln!("examples/sample absent: skipped");
        return;
    }
    let truth = truth();
    let articles = truth["articles"].as_array().unwrap();
    assert!(articles.len() >= 32);
    let mut texts = BTreeMap::new();
    let mut formats = BTreeSet::new();
    for a in articles {
        let text = source_text(a);
        let title = normalise(&unescape(a["title"].as_str().unwrap()));
        assert!(text.contains(&title), "{}: title not in its source", a["id"]);
        formats.insert(a["format"].as_str().unwrap().to_string());
        texts.insert(a["id"].as_str().unwrap().to_string(), text);
    }
    let expected: BTreeSet<String> = ["txt", "html", "rss", "atom", "jsonl", "warc"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(formats, expected);

    let story_of: BTreeMap<&str, &str> = articles
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a["story"].as_str().unwrap()))
        .collect();
    let stories = truth["stories"].as_array().unwrap();
    assert!(stories.len() >= 5);
    for s in stories {
        let outlets = s["outlets"].as_array().unwrap().len();
        assert!((3..=8).contains(&outlets), "{}: {outlets} outlets", s["id"]);
    }
    for g in truth["copy_groups"].as_array().unwrap() {
        let original = g["original"].as_str().unwrap();
        for c in g["copies"].as_array().unwrap() {
            assert_eq!(story_of[c.as_str().unwrap()], story_of[original]);
        }
    }
    let mut kinds = BTreeSet::new();
    for claim in truth["claims"].as_array().unwrap() {
        kinds.insert(claim["kind"].as_str().unwrap().to_string());
        for value in claim["values"].as_array().unwrap() {
            let ids: Vec<&str> = value["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            for evidence in value["evidence"].as_array().unwrap() {
                let evidence = evidence.as_str().unwrap();
                assert!(
                    ids.iter().any(|id| texts[*id].contains(evidence)),
                    "{} {}: `{evidence}` not in any of {ids:?}",
                    claim["story"],
                    claim["slot"]
                );
            }
        }
    }
    assert!(kinds.contains("disagreement") && kinds.contains("agreement") && kinds.contains("complementary"));
}
