//! HTML: one self-contained file (inline CSS, no script, no external asset).
//! Every line opens (`<details>`) onto the sentences it came from, the cited
//! words marked; each sentence links to its place in a rendered copy of its
//! source, where the CSS `:target` rule highlights it.

use std::fmt::Write;

use crate::model::{Citation, Dossier, Side};
use crate::render::markdown::outlets;

const CSS: &str = r#"
:root { --ink:#1d232a; --muted:#5b6673; --line:#d9dee4; --bg:#ffffff; --soft:#f5f7f9; --accent:#1f5fa8; --warn:#a33b20; --mark:#fff1a8; }
* { box-sizing: border-box; }
body { margin:0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
main { max-width: 960px; margin: 0 auto; padding: 24px 20px 80px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 16px 0 4px; }
.meta, .muted { color: var(--muted); font-size: .9rem; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
ul.lines { list-style: none; padding: 0; margin: 0; }
ul.lines > li { border-bottom: 1px solid var(--soft); padding: 2px 0; }
details > summary { cursor: pointer; list-style: none; padding: 4px 0; }
details > summary::-webkit-details-marker { display: none; }
details > summary::before { content: "▸"; color: var(--muted); display: inline-block; width: 1.1em; }
details[open] > summary::before { content: "▾"; }
.ev { margin: 4px 0 10px 1.1em; padding: 6px 10px; background: var(--soft); border-left: 3px solid var(--line); font-size: .93rem; }
.ev p { margin: 4px 0; }
mark { background: var(--mark); padding: 0 1px; }
.ref { font-size: .85rem; white-space: nowrap; }
.tag { display: inline-block; font-size: .75rem; padding: 0 6px; border-radius: 8px; background: var(--soft); color: var(--muted); margin-left: 4px; }
.tag.strong { background: #f8d7cf; color: var(--warn); }
.tag.moderate { background: #fbe6c8; color: #8a5a00; }
.date { font-variant-numeric: tabular-nums; font-weight: 600; margin-right: 6px; }
.disagreement { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.side { margin: 6px 0 6px 8px; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); }
.source { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 12px 0; }
.source .text p { margin: 6px 0; }
.sent:target { background: var(--mark); outline: 2px solid #e0c200; }
nav.index ol { padding-left: 1.2em; }
section.dossier { border-top: 4px solid var(--line); margin-top: 40px; }
"#;

/// HTML-escapes text and attribute values (`&<>"'`), with the workspace's one escaper.
fn esc(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

/// The URL, escaped for an `href`, when it is an `http(s)` one; any other
/// scheme (`javascript:`, `data:`) is shown as text, never made a link.
pub fn safe_href(url: &str) -> Option<String> {
    let head = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let web = head.starts_with("http://") || head.starts_with("https://");
    (web && !url.chars().any(|c| c.is_control() || c.is_whitespace())).then(|| esc(url))
}

/// `n` followed by the singular or the plural.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How the page shows a timeline date: once, at its granularity.
pub fn timeline_date(t: &crate::model::TimelineEvent) -> String {
    if t.date.start == t.date.end {
        t.date.start.to_string()
    } else if t.granularity == "month" {
        t.date.start.format("%Y-%m").to_string()
    } else if t.granularity == "year" {
        t.date.start.format("%Y").to_string()
    } else {
        format!("{} → {}", t.date.start, t.date.end)
    }
}

/// A timeline label without the date the line already shows in front of it,
/// and without Markdown code marks.
pub fn label_without_date(label: &str, date: &crate::model::DateRange) -> String {
    let start = date.start.to_string();
    // A part that is a date (`2025-06-22`, `2023-07`, `2025-06-21..2025-06-26`) of the
    // line's own year repeats what the line shows in front.
    let parts: Vec<&str> = label
        .split(" — ")
        .filter(|p| {
            let p = p.trim();
            let date_like = p.starts_with(|c: char| c.is_ascii_digit())
                && p.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | ' ' | '→'));
            !(date_like && p.get(..4) == start.get(..4))
        })
        .collect();
    plain(&parts.join(" — "))
}

/// Text written for the Markdown renderer (`code` marks) as plain words.
pub fn plain(text: &str) -> String {
    text.replace('`', "")
}

struct Ctx<'a> {
    d: &'a Dossier,
    /// Prefix of every id, so that several dossiers fit in one page.
    p: String,
}

impl Ctx<'_> {
    fn sentence_id(&self, source: usize, sentence: usize) -> String {
        format!("{}s{source}-{sentence}", self.p)
    }
    fn source_id(&self, source: usize) -> String {
        format!("{}src{source}", self.p)
    }
    fn refs(&self, sources: &[usize]) -> String {
        sources
            .iter()
            .map(|n| format!("<a class=\"ref\" href=\"#{}\">[{n}]</a>", self.source_id(*n)))
            .collect()
    }
    /// The cited sentences, each once, with every cited span of it marked.
    fn evidence(&self, citations: &[Citation]) -> String {
        let mut out = String::from("<div class=\"ev\">");
        let mut keys: Vec<(usize, usize)> = citations.iter().map(|c| (c.source, c.sentence)).collect();
        keys.sort_unstable();
        keys.dedup();
        for (source, sentence) in keys {
            let Some(src) = self.d.sources.iter().find(|s| s.number == source) else {
                continue;
            };
            let Some(s) = src.sentences.get(sentence) else { continue };
            let mut marks: Vec<(usize, usize)> = citations
                .iter()
                .filter(|c| c.source == source && c.sentence == sentence)
                .map(|c| (c.start.max(s.start), c.end.min(s.end)))
                .filter(|(a, b)| a < b)
                .collect();
            marks.sort_unstable();
            // Whole-sentence citations mark nothing in particular.
            marks.retain(|(a, b)| !(*a <= s.start && *b >= s.end));
            let mut html = String::new();
            let mut pos = s.start;
            for (a, b) in marks {
                if a < pos {
                    continue;
                }
                if let (Some(before), Some(marked)) = (src.text.get(pos..a), src.text.get(a..b)) {
                    html.push_str(&esc(before));
                    let _ = write!(html, "<mark>{}</mark>", esc(marked));
                    pos = b;
                }
            }
            html.push_str(&esc(src.text.get(pos..s.end).unwrap_or("")));
            let _ = write!(
                out,
                "<p>{} <a class=\"ref\" href=\"#{}\">[{source}] in context</a></p>",
                html.trim(),
                self.sentence_id(source, sentence)
            );
        }
        out.push_str("</div>");
        out
    }

    fn line(&self, head: &str, sources: &[usize], citations: &[Citation]) -> String {
        format!(
            "<li><details><summary>{head} {}</summary>{}</details></li>\n",
            self.refs(sources),
            self.evidence(citations)
        )
    }

    fn side(&self, s: &Side) -> String {
        let mut flags = String::new();
        if s.hedged {
            flags.push_str("<span class=\"tag\">hedged</span>");
        }
        if s.planned {
            flags.push_str("<span class=\"tag\">planned</span>");
        }
        let reasons: Vec<String> = s.reasons.iter().map(|r| esc(&plain(r))).collect();
        format!(
            "<div class=\"side\"><details><summary><strong>{}</strong>{flags} — {} <span class=\"muted\">{}</span></summary><p class=\"muted\">{}</p>{}</details></div>\n",
            esc(&s.value),
            self.refs(&s.sources),
            outlets(s.independent_outlets),
            reasons.join("<br>"),
            self.evidence(&s.citations)
        )
    }
}

fn body(d: &Dossier, prefix: &str) -> String {
    let cx = Ctx {
        d,
        p: prefix.to_string(),
    };
    let mut out = String::new();
    let _ = writeln!(out, "<h1>{}</h1>", esc(&d.title));
    let period = d
        .period
        .map(|p| format!(" · {} → {}", p.start, p.end))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<p class=\"meta\">Story <code>{}</code> · {}{period} · schema {}</p>",
        esc(&d.story_id),
        count(d.sources.len(), "source", "sources"),
        esc(&d.schema_version)
    );

    let _ = writeln!(out, "<h2>Summary</h2><ul class=\"lines\">");
    for l in &d.summary {
        let mut n: Vec<usize> = l.citations.iter().map(|c| c.source).collect();
        n.sort_unstable();
        n.dedup();
        out.push_str(&cx.line(&esc(&l.text), &n, &l.citations));
    }
    out.push_str("</ul>\n");

    let _ = writeln!(out, "<h2>Timeline</h2><ul class=\"lines\">");
    for t in &d.timeline {
        let date = timeline_date(t);
        let mut tags = String::new();
        if t.context {
            tags.push_str("<span class=\"tag\">context</span>");
        }
        if t.hedged {
            tags.push_str("<span class=\"tag\">hedged</span>");
        }
        if t.planned {
            tags.push_str("<span class=\"tag\">planned</span>");
        }
        if t.confidence < 0.8 {
            let _ = write!(tags, "<span class=\"tag\">inferred date {:.2}</span>", t.confidence);
        }
        let head = format!(
            "<span class=\"date\">{date}</span>{}{tags} <span class=\"muted\">{}</span>",
            esc(&label_without_date(&t.label, &t.date)),
            outlets(t.independent_outlets)
        );
        out.push_str(&cx.line(&head, &t.sources, &t.evidence));
    }
    out.push_str("</ul>\n");

    let _ = writeln!(out, "<h2>Disagreements</h2>");
    if d.disagreements.is_empty() {
        out.push_str("<p class=\"muted\">None found.</p>\n");
    }
    for g in &d.disagreements {
        let _ = writeln!(
            out,
            "<div class=\"disagreement\" id=\"{}{}\"><h3>{} <span class=\"tag {}\">{} {:.2}</span></h3><p>{}</p>",
            prefix,
            esc(&g.id),
            esc(&plain(&g.subject)),
            esc(&g.strength_label),
            esc(&g.strength_label),
            g.strength,
            esc(&plain(&g.explanation))
        );
        for s in &g.sides {
            out.push_str(&cx.side(s));
        }
        out.push_str("</div>\n");
    }
    if !d.complementary.is_empty() {
        let _ = writeln!(out, "<h2>Complementary figures</h2>");
        for c in &d.complementary {
            let _ = writeln!(
                out,
                "<div class=\"disagreement\"><p>{}</p>",
                esc(&plain(&c.explanation))
            );
            for s in &c.parts {
                out.push_str(&cx.side(s));
            }
            out.push_str("</div>\n");
        }
    }

    let _ = writeln!(out, "<h2>Claims</h2><ul class=\"lines\">");
    for c in &d.claims {
        let mut tags = String::new();
        if c.hedged {
            tags.push_str("<span class=\"tag\">hedged</span>");
        }
        if c.planned {
            tags.push_str("<span class=\"tag\">planned</span>");
        }
        let head = format!(
            "{}{tags} <span class=\"muted\">{}</span>",
            esc(&plain(&c.label)),
            outlets(c.independent_outlets)
        );
        out.push_str(&cx.line(&head, &c.sources, &c.evidence));
    }
    out.push_str("</ul>\n");

    let _ = writeln!(out, "<h2>Entities</h2><ul class=\"lines\">");
    for e in &d.entities {
        let aliases = if e.aliases.is_empty() {
            String::new()
        } else {
            format!(" <span class=\"muted\">also {}</span>", esc(&e.aliases.join(", ")))
        };
        let roles: Vec<String> = e
            .roles
            .iter()
            .map(|r| format!("{} {}", esc(&r.role), cx.refs(&r.sources)))
            .collect();
        let roles = if roles.is_empty() {
            String::new()
        } else {
            format!("<br><span class=\"muted\">{}</span>", roles.join("; "))
        };
        let head = format!(
            "<strong>{}</strong> <span class=\"tag\">{}</span>{aliases} <span class=\"muted\">{}, {} mentions</span>{roles}",
            esc(&e.name),
            esc(&e.kind),
            outlets(e.independent_outlets),
            e.mention_count
        );
        out.push_str(&cx.line(&head, &e.sources, &e.citations));
    }
    out.push_str("</ul>\n");

    let _ = writeln!(out, "<h2>Figures</h2>");
    if d.figures.is_empty() {
        out.push_str("<p class=\"muted\">No figure.</p>\n");
    } else {
        out.push_str(
            "<table><thead><tr><th>Figure</th><th>What</th><th>Holder</th><th>Sources</th></tr></thead><tbody>\n",
        );
        for f in &d.figures {
            let _ = writeln!(
                out,
                "<tr><td><details><summary>{}</summary>{}</details></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&f.text),
                cx.evidence(&f.citations),
                esc(&f.what),
                esc(f.holder.as_deref().unwrap_or("")),
                cx.refs(&f.sources)
            );
        }
        out.push_str("</tbody></table>\n");
    }

    let _ = writeln!(out, "<h2>Quotes</h2>");
    for q in &d.quotes {
        let _ = writeln!(out, "<h3>{}</h3><ul class=\"lines\">", esc(&q.speaker));
        for item in &q.quotes {
            out.push_str(&cx.line(&format!("« {} »", esc(&item.text)), &item.sources, &item.citations));
        }
        out.push_str("</ul>\n");
    }

    let _ = writeln!(out, "<h2>Sources</h2>");
    for s in &d.sources {
        let mut meta = Vec::new();
        if let Some(o) = &s.outlet {
            meta.push(esc(o));
        }
        match &s.published {
            Some(p) => meta.push(esc(p)),
            None => meta.push(match s.dating.anchor {
                Some(a) => format!("undated; anchored on {a} ({})", esc(&plain(&s.dating.reason))),
                None => "undated".to_string(),
            }),
        }
        if let Some(a) = &s.author {
            meta.push(format!("by {}", esc(a)));
        }
        if let Some(a) = &s.agency {
            meta.push(format!("agency {}", esc(a)));
        }
        meta.push(esc(&s.language));
        if let Some(c) = s.copy_of {
            meta.push(format!("copy of {}", cx.refs(&[c])));
        }
        if let Some(u) = &s.url {
            match safe_href(u) {
                Some(href) => meta.push(format!("<a href=\"{href}\" rel=\"noopener noreferrer\">{}</a>", esc(u))),
                None => meta.push(esc(u)),
            }
        }
        let _ = writeln!(
            out,
            "<div class=\"source\" id=\"{}\"><h3>[{}] {}</h3><p class=\"meta\">{}</p><div class=\"text\">",
            cx.source_id(s.number),
            s.number,
            esc(&s.title),
            meta.join(" · ")
        );
        let mut paragraph: Option<usize> = None;
        for (k, sent) in s.sentences.iter().enumerate() {
            if paragraph != Some(sent.paragraph) {
                if paragraph.is_some() {
                    out.push_str("</p>");
                }
                out.push_str("<p>");
                paragraph = Some(sent.paragraph);
            }
            let _ = write!(
                out,
                "<span class=\"sent\" id=\"{}\">{}</span> ",
                cx.sentence_id(s.number, k),
                esc(s.text.get(sent.start..sent.end).unwrap_or("").trim())
            );
        }
        if paragraph.is_some() {
            out.push_str("</p>");
        }
        out.push_str("</div></div>\n");
    }
    if !d.warnings.is_empty() {
        let _ = writeln!(out, "<h2>Warnings</h2><ul>");
        for w in &d.warnings {
            let _ = writeln!(out, "<li>{}</li>", esc(w));
        }
        out.push_str("</ul>\n");
    }
    out
}

fn page(title: &str, inner: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n{inner}</main>\n</body>\n</html>\n",
        esc(title)
    )
}

/// One dossier as one self-contained HTML page.
pub fn render_html(d: &Dossier) -> String {
    page(&d.title, &body(d, ""))
}

/// Several dossiers in one page, with an index at the top.
pub fn render_html_many(ds: &[Dossier]) -> String {
    let mut inner = String::new();
    let _ = writeln!(inner, "<h1>Dossiers</h1><nav class=\"index\"><ol>");
    for (k, d) in ds.iter().enumerate() {
        let _ = writeln!(
            inner,
            "<li><a href=\"#d{}\">{}</a> <span class=\"muted\">{} · {}</span></li>",
            k + 1,
            esc(&d.title),
            count(d.sources.len(), "source", "sources"),
            count(d.disagreements.len(), "disagreement", "disagreements")
        );
    }
    inner.push_str("</ol></nav>\n");
    for (k, d) in ds.iter().enumerate() {
        let _ = writeln!(inner, "<section class=\"dossier\" id=\"d{}\">", k + 1);
        inner.push_str(&body(d, &format!("d{}-", k + 1)));
        inner.push_str("</section>\n");
    }
    page("Dossiers", &inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_labels_lose_the_date_they_repeat() {
        let day = |s: &str| s.parse::<chrono::NaiveDate>().expect("date");
        for (label, start, end, want) in [
            (
                "arrival — Assimi Goïta — Moscou — 2025-06-22",
                "2025-06-22",
                "2025-06-22",
                "arrival — Assimi Goïta — Moscou",
            ),
            (
                "summit — Saint-Pétersbourg — 2023-07",
                "2023-07-01",
                "2023-07-31",
                "summit — Saint-Pétersbourg",
            ),
            ("visit — 2025-06-21..2025-06-26", "2025-06-21", "2025-06-26", "visit"),
            (
                "`signature` — 3 accords",
                "2025-06-23",
                "2025-06-23",
                "signature — 3 accords",
            ),
        ] {
            let range = crate::model::DateRange {
                start: day(start),
                end: day(end),
            };
            assert_eq!(label_without_date(label, &range), want, "{label}");
        }
    }

    #[test]
    fn only_web_links() {
        for (url, ok) in [
            ("https://example.org/a?b=1&c=2", true),
            ("HTTP://example.org", true),
            ("javascript:alert(1)", false),
            (" javascript:alert(1)", false),
            ("data:text/html,x", false),
            ("//evil.example", false),
            ("https://x\" onmouseover=\"alert(1)", false),
        ] {
            assert_eq!(safe_href(url).is_some(), ok, "{url}");
        }
        assert_eq!(safe_href("https://a/\"b").as_deref(), Some("https://a/&quot;b"));
    }
}
