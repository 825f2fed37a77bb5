//! JSON Lines dumps: one article per line, with the field names common dumps use.

use recoupe_core::{Document, Hints, MediaType, Origin};
use serde_json::Value;

use crate::feed::html_fragment_to_text;
use crate::InputError;

const TEXT_FIELDS: &[&str] = &[
    "text",
    "maintext",
    "content",
    "body",
    "article",
    "article_text",
    "description",
];
const HTML_FIELDS: &[&str] = &["html", "raw_html", "content_html"];
const TITLE_FIELDS: &[&str] = &["title", "headline"];
const DATE_FIELDS: &[&str] = &[
    "published",
    "date_publish",
    "published_at",
    "publication_date",
    "pubDate",
    "date",
    "datetime",
];
const URL_FIELDS: &[&str] = &["url", "link", "canonical_url"];
const AUTHOR_FIELDS: &[&str] = &["author", "authors", "byline"];
const OUTLET_FIELDS: &[&str] = &[
    "outlet",
    "source",
    "site",
    "site_name",
    "source_domain",
    "publisher",
    "domain",
];
const LANG_FIELDS: &[&str] = &["lang", "language"];

fn field(obj: &serde_json::Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| match obj.get(*n)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Object(o) => o.get("name").and_then(|v| v.as_str()).map(str::to_string),
        _ => None,
    })
}

pub fn read_jsonl(label: &str, raw: &[u8], sink: &mut dyn FnMut(Result<Document, InputError>)) {
    let text = String::from_utf8_lossy(raw);
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let err = |message: String| InputError::Jsonl {
            input: label.to_string(),
            line: line_no,
            message,
        };
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                sink(Err(err(e.to_string())));
                continue;
            }
        };
        let Value::Object(obj) = value else {
            sink(Err(err("not a JSON object".to_string())));
            continue;
        };
        let hints = Hints {
            title: field(&obj, TITLE_FIELDS),
            published: field(&obj, DATE_FIELDS),
            author: field(&obj, AUTHOR_FIELDS),
            outlet: field(&obj, OUTLET_FIELDS),
            url: field(&obj, URL_FIELDS),
            language: field(&obj, LANG_FIELDS),
            charset: None,
        };
        let origin = Origin::JsonlLine {
            file: label.to_string(),
            line: line_no,
        };
        if let Some(html) = field(&obj, HTML_FIELDS) {
            sink(Ok(
                Document::new(origin, MediaType::Html, html.into_bytes()).with_hints(hints)
            ));
        } else if let Some(body) = field(&obj, TEXT_FIELDS) {
            // Some dumps keep light markup in their text field.
            let body = if body.contains("</p>") || body.contains("<br") {
                html_fragment_to_text(&body)
            } else {
                body
            };
            sink(Ok(
                Document::new(origin, MediaType::Text, body.into_bytes()).with_hints(hints)
            ));
        } else {
            sink(Err(err(format!("no text field (one of {})", TEXT_FIELDS.join(", ")))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fields_and_errors() {
        let raw = br#"{"title":"T1","text":"Body one.","url":"https://x.org/1","published":"2025-03-04","source_domain":"x.org","lang":"en"}
not json
{"headline":"T2","maintext":"Body two.","authors":["A B","C D"]}
{"title":"T3"}
"#;
        let mut docs = Vec::new();
        let mut errors = Vec::new();
        read_jsonl("d.jsonl", raw, &mut |r| match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e.to_string()),
        });
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].hints.outlet.as_deref(), Some("x.org"));
        assert_eq!(docs[1].hints.author.as_deref(), Some("A B, C D"));
        assert_eq!(
            docs[1].origin,
            Origin::JsonlLine {
                file: "d.jsonl".into(),
                line: 3
            }
        );
        assert_eq!(errors.len(), 2);
        assert!(errors[0].starts_with("d.jsonl:2: bad JSON line"), "{}", errors[0]);
    }
}
