//! RSS, Atom and JSON Feed: one document per item that carries text.

use std::sync::OnceLock;

use recoupe_core::{Document, Hints, MediaType, Origin};
use regex::Regex;

use crate::InputError;

pub fn read_feed(label: &str, raw: &[u8], sink: &mut dyn FnMut(Result<Document, InputError>)) {
    let feed = match feed_rs::parser::parse(raw) {
        Ok(f) => f,
        Err(e) => {
            // One broken item must not lose the others: read item by item.
            if !read_items_one_by_one(label, raw, sink) {
                sink(Err(InputError::Feed {
                    input: label.to_string(),
                    message: e.to_string(),
                }));
            }
            return;
        }
    };
    read_entries(label, &feed, 0, sink);
}

/// Where the items of an XML feed are: (start, end) byte ranges of each
/// `<item>`/`<entry>` element, `end` = None when it is never closed.
fn item_ranges(raw: &[u8]) -> Vec<(usize, Option<usize>)> {
    let lower: Vec<u8> = raw.iter().map(u8::to_ascii_lowercase).collect();
    let opens = |at: usize| -> Option<&'static str> {
        for tag in ["item", "entry"] {
            let after = at + 1 + tag.len();
            if lower.get(at + 1..after) == Some(tag.as_bytes())
                && lower.get(after).is_some_and(|b| *b == b'>' || b.is_ascii_whitespace())
            {
                return Some(tag);
            }
        }
        None
    };
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = memchr_from(&lower, b'<', i) {
        let Some(tag) = opens(p) else {
            i = p + 1;
            continue;
        };
        let close = format!("</{tag}>");
        // The item ends at its closing tag, or is cut short where the next item starts.
        let mut j = p + 1;
        let mut end = None;
        while let Some(q) = memchr_from(&lower, b'<', j) {
            if lower[q..].starts_with(close.as_bytes()) {
                end = Some(q + close.len());
                break;
            }
            if opens(q).is_some() {
                break;
            }
            j = q + 1;
        }
        out.push((p, end));
        i = match end {
            Some(e) => e,
            None => j.max(p + 1),
        };
    }
    out
}

fn memchr_from(hay: &[u8], needle: u8, from: usize) -> Option<usize> {
    hay.get(from..)?.iter().position(|&b| b == needle).map(|i| i + from)
}

/// Parses each item of a feed that does not parse whole, inside a copy of
/// the feed's own envelope (root element, channel title). Bad items are
/// reported with their index and byte offset. False when no item was found.
fn read_items_one_by_one(label: &str, raw: &[u8], sink: &mut dyn FnMut(Result<Document, InputError>)) -> bool {
    let ranges = item_ranges(raw);
    let Some(&(first, _)) = ranges.first() else {
        return false;
    };
    let prelude = String::from_utf8_lossy(&raw[..first]);
    let lower = prelude.to_ascii_lowercase();
    let atom = lower.contains("<feed");
    let root_start = ["<rss", "<feed", "<rdf:rdf"].iter().find_map(|t| lower.find(t));
    let root = root_start
        .and_then(|s| prelude[s..].find('>').map(|e| prelude[s..s + e + 1].to_string()))
        .unwrap_or_else(|| "<rss version=\"2.0\">".to_string());
    let root_name: String = root[1..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
        .collect();
    let title = lower.find("<title").and_then(|s| {
        let e = lower[s..].find("</title>")? + s + "</title>".len();
        prelude.get(s..e).map(str::to_string)
    });
    let title = title.unwrap_or_default();
    for (index, (start, end)) in ranges.into_iter().enumerate() {
        let bad = |message: String| InputError::Feed {
            input: format!("{label}#{index}"),
            message: format!("broken item at byte {start}: {message}"),
        };
        let Some(end) = end else {
            sink(Err(bad("the item is never closed".to_string())));
            continue;
        };
        let item = String::from_utf8_lossy(&raw[start..end]);
        let wrapped = if atom || root_name.eq_ignore_ascii_case("rdf:RDF") {
            format!("{root}{title}{item}</{root_name}>")
        } else {
            format!("{root}<channel>{title}{item}</channel></{root_name}>")
        };
        match feed_rs::parser::parse(wrapped.as_bytes()) {
            Ok(feed) if !feed.entries.is_empty() => read_entries(label, &feed, index, sink),
            Ok(_) => sink(Err(bad("no item could be read".to_string()))),
            Err(e) => sink(Err(bad(e.to_string()))),
        }
    }
    true
}

/// Documents of a parsed feed's entries; `first` is the index of its first entry in the whole feed.
fn read_entries(
    label: &str,
    feed: &feed_rs::model::Feed,
    first: usize,
    sink: &mut dyn FnMut(Result<Document, InputError>),
) {
    let outlet = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    for (i, entry) in feed.entries.iter().enumerate() {
        let index = first + i;
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

    /// A broken item (unclosed tag, bad entity) costs only itself.
    #[test]
    fn a_broken_item_loses_only_itself() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Le Quotidien</title>
<item><title>Un</title><link>https://example.org/1</link><description>Premier texte.</description></item>
<item><title>Deux</title><link>https://example.org/2</link><description>Texte <b>cass&eacute; </description></item>
<item><title>Trois</title><link>https://example.org/3</link><content:encoded><![CDATA[<p>Troisieme texte.</p>]]></content:encoded></item>
<item><title>Quatre</title><description>jamais ferme
</channel></rss>"#;
        let mut docs = Vec::new();
        let mut errors = Vec::new();
        read_feed("q.rss", rss, &mut |r| match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e.to_string()),
        });
        let links: Vec<_> = docs.iter().filter_map(|d| d.hints.url.clone()).collect();
        assert_eq!(links, ["https://example.org/1", "https://example.org/3"], "{errors:?}");
        assert_eq!(docs[1].hints.outlet.as_deref(), Some("Le Quotidien"));
        assert_eq!(
            docs[1].origin,
            Origin::FeedItem {
                feed: "q.rss".into(),
                index: 2,
                link: Some("https://example.org/3".into())
            }
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].starts_with("q.rss#1: unreadable feed: broken item at byte"),
            "{}",
            errors[0]
        );
        assert!(errors[1].contains("never closed"), "{}", errors[1]);
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
        assert!(
            errors[0].starts_with("bad.rss#0: unreadable feed: broken item at byte 14"),
            "{}",
            errors[0]
        );
    }
}
