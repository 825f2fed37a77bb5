//! Snapshots of clean articles from the sample corpus, one per input format.

use recoupe_ingest::{read_all, ReadOptions};

fn sample(path: &str) -> String {
    format!("{}/../../examples/sample/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// The document as if read from `examples/sample/...`: its identity (and so
/// the article id) includes its source path, which must not depend on the checkout.
fn relative(doc: recoupe_core::Document) -> recoupe_core::Document {
    let path = match &doc.origin {
        recoupe_core::Origin::File { path } => path.split("examples/sample/").last().unwrap_or(path).to_string(),
        other => other.label(),
    };
    recoupe_core::Document::new(
        recoupe_core::Origin::File {
            path: format!("examples/sample/{path}"),
        },
        doc.media_type,
        doc.raw,
    )
    .with_hints(doc.hints)
}

fn first_article(path: &str) -> recoupe_core::Article {
    let (docs, errors) = read_all(&[sample(path)], &ReadOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    let doc = relative(docs.into_iter().next().expect("a document"));
    let mut a = recoupe_extract::extract(&doc).expect("an article");
    // The origin path depends on the checkout location; the snapshot should not.
    a.offsets.clear();
    a
}

#[test]
fn text_scrape() {
    insta::assert_json_snapshot!(first_article("s1-actuniger-apa.txt"));
}

#[test]
fn html_page_in_windows_1252() {
    let (docs, _) = read_all(&[sample("")], &ReadOptions::default());
    let doc = docs
        .into_iter()
        .find(|d| d.raw.windows(7).any(|w| w.eq_ignore_ascii_case(b"charset")) && std::str::from_utf8(&d.raw).is_err())
        .expect("the sample has a windows-1252 page");
    let doc = relative(doc);
    let a = recoupe_extract::extract(&doc).expect("an article");
    assert!(
        a.warnings.iter().all(|w| w.code != "malformed_bytes"),
        "{:?}",
        a.warnings
    );
    assert!(a.text.chars().any(|c| "éèàçô’".contains(c)), "accents decoded");
    insta::assert_json_snapshot!(a);
}
