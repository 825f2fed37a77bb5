//! RSS, Atom and JSON Feed: one document per item that carries text.

use std::sync::OnceLock;

use recoupe_core::{Document, Hints, MediaType, Origin};
use regex::Regex;

use crate::InputError;

pub fn read_feed(label: &str, raw: &[u8], sink: &mut dyn FnMut(Result<Document, InputError>)) {
    let feed = match feed_rs::parser::parse(raw) {
        Ok(f) => f,
        Err(e) => {
            return sink(Err(InputError::Feed {
                input: label.to_string(),
                message: e.to_string(),
            }))
        }
    };
    let outlet = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    for (index, entry) in feed.entries.iter().enumerate() {
        let html = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let text = html_fragment_to_text(&html);
        let link = entry.links.first().map(|l| l.href.clone());
        if text.trim().is_empty() {
            sink(Err(InputError::Feed {
                input: format!("{label}#{index}"),
                message: "item has no text (only a link); fetch the link to read it".to_string(),
            }));
            continue;
        }
        let hints = Hints {
            title: entry
                .title
                .as_ref()
                .map(|t| html_fragment_to_text(&t.content).trim().to_string()),
            published: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
            author: entry
                .authors
                .first()
                .and_then(|a| a.name.clone())
                .filter(|a| !a.is_empty()),
            outlet: outlet.clone(),
            url: link.clone(),
            language: feed.language.clone(),
            charset: None,
        };
        let origin = Origin::FeedItem {
            feed: label.to_string(),
            index,
            link,
        };
        sink(Ok(
            Document::new(origin, MediaType::Text, text.into_bytes()).with_hints(hints)
        ));
    }
}

/// Text of an HTML fragment: block ends become paragraph breaks, tags go,
/// entities are decoded. Feed items carry simple markup, so no DOM is needed.
pub fn html_fragment_to_text(html: &str) -> String {
    static BLOCK: OnceLock<Regex> = OnceLock::new();
    static TAG: OnceLock<Regex> = OnceLock::new();
    static DROP: OnceLock<Regex> = OnceLock::new();
    let drop = DROP.get_or_init(|| {
        Regex::new(r"(?is)<(script|style|figure|figcaption)\b.*?</(script|style|figure|figcaption)\s*>")
            .expect("static regex")
    });
    let block = BLOCK.get_or_init(|| {
        Regex::new(r"(?i)<br\s*/?>|</?(p|div|h[1-6]|li|ul|ol|blockquote|section|article|tr)\b[^>]*>")
            .expect("static regex")
    });
    let tag = TAG.get_or_init(|| Regex::new(r"(?s)<[^>]*>").expect("static regex"));
    let s = drop.replace_all(html, " ");
    let s = block.replace_all(&s, "\n\n");
    let s = tag.replace_all(&s, "");
    let s = html_escape::decode_html_entities(&s);
    let mut out = String::new();
    for para in s.split("\n\n") {
        let line = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_to_text() {
        assert_eq!(
            html_fragment_to_text(
                "<p>Le général est <b>arrivé</b>&nbsp;à Moscou.</p><p>Deuxième&#8239;%</p><script>x()</script>"
            ),
            "Le général est arrivé à Moscou.\n\nDeuxième %"
        );
    }

    #[test]
    fn rss_items_become_documents() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Daily Wire Test</title>
<item><title>A visit</title><link>https://example.org/a</link><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate><content:encoded><![CDATA[<p>The minister arrived on Monday.</p>]]></content:encoded></item>
<item><title>Only a link</title><link>https://example.org/b</link></item>
</channel></rss>"#;
        let mut docs = Vec::new();
        let mut errors = Vec::new();
        read_feed("test.rss", rss, &mut |r| match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e.to_string()),
        });
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].hints.title.as_deref(), Some("A visit"));
        assert_eq!(docs[0].hints.outlet.as_deref(), Some("Daily Wire Test"));
        assert_eq!(docs[0].hints.published.as_deref(), Some("2025-03-03T10:00:00+00:00"));
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    #[test]
    fn broken_xml_is_an_error() {
        let mut errors = Vec::new();
        read_feed("bad.rss", b"<rss><channel><item><title>x</titl", &mut |r| {
            if let Err(e) = r {
                errors.push(e.to_string())
            }
        });
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("bad.rss: unreadable feed"), "{}", errors[0]);
    }
}
