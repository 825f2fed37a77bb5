//! The web UI: server-rendered pages over the same data source as the API,
//! with one stylesheet and one small script embedded in the binary (no CDN,
//! works offline, nothing inline so the Content-Security-Policy forbids
//! inline script and style). Every piece of text from articles goes through
//! [`esc`]; links to the outside are rendered only for `http(s)` URLs.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use recoupe_pipeline::dossier::{label_without_date, plain, safe_href, timeline_date, Citation, Dossier, Side};

use crate::api::{blocking, run_search, EntityParams, Id, SearchParams, SearchSort, StoryParams, Q};
use crate::error::ApiError;
use crate::source::{Page, StorySort};
use crate::AppState;

const CSS: &str = include_str!("../assets/app.css");
const JS: &str = include_str!("../assets/app.js");
const ICON: &str = include_str!("../assets/icon.svg");

/// HTML-escapes text and attribute values (`&<>"'`).
pub fn esc(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

/// Percent-encodes a path segment or query value.
pub fn enc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A page shell: header with navigation and search, the content, a footer.
fn page(title: &str, nav: &str, body: &str) -> String {
    let tab = |name: &str, href: &str, label: &str| {
        let current = if name == nav { " aria-current=\"page\"" } else { "" };
        format!("<a href=\"{href}\"{current}>{label}</a>")
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} · recoupe</title><link rel=\"icon\" href=\"/assets/icon.svg\" type=\"image/svg+xml\">\
<link rel=\"stylesheet\" href=\"/assets/app.css\"><script src=\"/assets/app.js\" defer></script></head>\n\
<body><header class=\"top\"><a class=\"brand\" href=\"/\">recoupe</a><nav>{}{}{}</nav>\
<form class=\"quick\" action=\"/search\" method=\"get\" role=\"search\"><input type=\"search\" name=\"q\" \
placeholder=\"Search articles\" aria-label=\"Search articles\"></form></header>\n<main>{body}</main>\n\
<footer>recoupe · <a href=\"/api/openapi.json\">API (OpenAPI)</a></footer></body></html>\n",
        esc(title),
        tab("stories", "/", "Stories"),
        tab("entities", "/entities", "Entities"),
        tab("search", "/search", "Search"),
    )
}

/// An HTML error page (browsers); the API's errors stay JSON.
fn error_page(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<h1>{}</h1><p>{}</p><p><a href=\"/\">← Back to the stories</a></p>",
        status.as_u16(),
        esc(message)
    );
    (status, Html(page(message, "", &body))).into_response()
}

fn ui_error(e: ApiError) -> Response {
    if e.status == StatusCode::TOO_MANY_REQUESTS || e.status.is_server_error() {
        return e.into_response();
    }
    error_page(e.status, &e.message)
}

/// Unknown routes: JSON, or an HTML page for a browser asking for one outside `/api`.
pub async fn not_found(request: Request) -> Response {
    let path = request.uri().path().to_string();
    if !path.starts_with("/api") && wants_html(request.headers()) {
        return error_page(StatusCode::NOT_FOUND, "No such page");
    }
    ApiError::new(
        StatusCode::NOT_FOUND,
        crate::code::NO_ROUTE,
        format!("no route {path:?}; see /api/openapi.json"),
    )
    .into_response()
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"))
}

pub async fn asset(Id(name): Id) -> Response {
    let (body, kind) = match name.as_str() {
        "app.css" => (CSS, "text/css; charset=utf-8"),
        "app.js" => (JS, "text/javascript; charset=utf-8"),
        "icon.svg" => (ICON, "image/svg+xml"),
        _ => {
            return ApiError::new(StatusCode::NOT_FOUND, crate::code::NOT_FOUND, "no such asset").into_response();
        }
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// A query string from pairs, empty values left out.
fn query_string(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", enc(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Previous / numbered / next links; `link(page)` makes each href.
fn pager(page: usize, pages: usize, link: &dyn Fn(usize) -> String) -> String {
    if pages <= 1 {
        return String::new();
    }
    let mut out = String::from("<nav class=\"pager\" aria-label=\"Pages\">");
    if page > 1 {
        let _ = write!(out, "<a rel=\"prev\" href=\"{}\">← Previous</a>", esc(&link(page - 1)));
    }
    let mut shown: BTreeSet<usize> = [1, pages].into_iter().collect();
    shown.extend(page.saturating_sub(2).max(1)..=(page + 2).min(pages));
    let mut last = 0;
    for p in shown {
        if p > last + 1 {
            out.push_str("<span class=\"gap\">…</span>");
        }
        if p == page {
            let _ = write!(out, "<span class=\"current\" aria-current=\"page\">{p}</span>");
        } else {
            let _ = write!(out, "<a href=\"{}\">{p}</a>", esc(&link(p)));
        }
        last = p;
    }
    if page < pages {
        let _ = write!(out, "<a rel=\"next\" href=\"{}\">Next →</a>", esc(&link(page + 1)));
    }
    out.push_str("</nav>");
    out
}

fn select(name: &str, label: &str, current: &str, options: &[(String, String)]) -> String {
    let mut out = format!("<label>{label} <select name=\"{name}\">");
    for (value, text) in options {
        let sel = if value == current { " selected" } else { "" };
        let _ = write!(out, "<option value=\"{}\"{sel}>{}</option>", esc(value), esc(text));
    }
    out.push_str("</select></label>");
    out
}

fn span_text(first: &Option<String>, last: &Option<String>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => esc(a),
        (Some(a), Some(b)) => format!("{} → {}", esc(a), esc(b)),
        _ => "undated".to_string(),
    }
}

pub async fn stories_page(State(state): State<Arc<AppState>>, q: Result<Q<StoryParams>, ApiError>) -> Response {
    let params = match q {
        Ok(Q(p)) => p,
        Err(e) => return ui_error(e),
    };
    let (sort, language, outlet, text, disagreements) = (
        params.sort.unwrap_or_default(),
        params.language.clone().unwrap_or_default(),
        params.outlet.clone().unwrap_or_default(),
        params.q.clone().unwrap_or_default(),
        params.disagreements.unwrap_or(false),
    );
    let query = match params.query(25) {
        Ok(q) => q,
        Err(e) => return ui_error(e),
    };
    let st = state.clone();
    let loaded = blocking(move || {
        Ok((
            st.source.stories(&query)?,
            st.source.filter_values()?,
            st.source.status()?,
        ))
    })
    .await;
    let (list, filters, status) = match loaded {
        Ok(x) => x,
        Err(e) => return ui_error(e),
    };
    let sort_name = match sort {
        StorySort::Recent => "recent",
        StorySort::Articles => "articles",
        StorySort::Disagreements => "disagreements",
        StorySort::Title => "title",
    };
    let mut body = String::from("<h1>Stories</h1>");
    if !status.current {
        body.push_str(if status.updating {
            "<p class=\"notice\" role=\"status\">New articles are being grouped into stories (progress at <a href=\"/api/status\">/api/status</a>); the list shows the stories as they stood.</p>"
        } else {
            "<p class=\"notice\" role=\"status\">Some stored articles are not grouped into stories yet; the list shows the stories as they stood.</p>"
        });
    }
    let mut langs = vec![(String::new(), "any language".to_string())];
    langs.extend(
        filters
            .languages
            .iter()
            .map(|f| (f.value.clone(), format!("{} ({})", f.value, f.count))),
    );
    let mut outlets = vec![(String::new(), "any outlet".to_string())];
    outlets.extend(
        filters
            .outlets
            .iter()
            .map(|f| (f.value.clone(), format!("{} ({})", f.value, f.count))),
    );
    let sorts: Vec<(String, String)> = [
        ("recent", "most recent"),
        ("articles", "most articles"),
        ("disagreements", "most disagreements"),
        ("title", "title"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let _ = write!(
        body,
        "<form class=\"filters\" method=\"get\" action=\"/\"><input type=\"search\" name=\"q\" value=\"{}\" \
         placeholder=\"Words of the title\" aria-label=\"Words of the title\">{}{}{}\
         <label class=\"check\"><input type=\"checkbox\" name=\"disagreements\" value=\"true\"{}> with disagreements</label>\
         <button type=\"submit\">Apply</button></form>",
        esc(&text),
        select("language", "Language", &language, &langs),
        select("outlet", "Outlet", &outlet, &outlets),
        select("sort", "Sort", sort_name, &sorts),
        if disagreements { " checked" } else { "" }
    );
    let _ = write!(
        body,
        "<p class=\"muted count\">{} · page {} of {}</p>",
        plural(list.total, "story", "stories"),
        list.page,
        list.pages
    );
    if list.items.is_empty() {
        body.push_str("<p class=\"empty\">No story matches. <a href=\"/\">Clear the filters</a>.</p>");
    } else {
        body.push_str(
            "<table class=\"stories\"><thead><tr><th>Story</th><th>Articles</th><th>Outlets</th>\
             <th>Languages</th><th>Time span</th><th>Disagreements</th></tr></thead><tbody>",
        );
        for r in &list.items {
            let mut outlets: Vec<String> = r.outlets.iter().take(3).map(|o| esc(o)).collect();
            if r.outlets.len() > 3 {
                outlets.push(format!("+{}", r.outlets.len() - 3));
            }
            let copies = if r.copies > 0 {
                format!(
                    " <span class=\"muted\">({} {})</span>",
                    r.copies,
                    if r.copies == 1 { "copy" } else { "copies" }
                )
            } else {
                String::new()
            };
            let langs: String = r
                .languages
                .iter()
                .map(|l| format!("<span class=\"tag\">{}</span>", esc(l)))
                .collect();
            let stale = if r.disagreements_current {
                ""
            } else {
                " title=\"counted before the story's last change; being recounted\""
            };
            let dis = match r.disagreements {
                Some(n) if n > 0 => format!("<span class=\"badge warn\"{stale}>{n}</span>"),
                Some(_) => format!("<span class=\"muted\"{stale}>0</span>"),
                None => {
                    "<span class=\"muted\" title=\"not counted yet: the dossier is being built\">…</span>".to_string()
                }
            };
            let _ = write!(
                body,
                "<tr><td><a class=\"story-link\" href=\"/stories/{}\">{}</a></td><td>{}{copies}</td><td>{}</td>\
                 <td>{langs}</td><td class=\"nowrap\">{}</td><td>{dis}</td></tr>",
                enc(&r.id),
                esc(&r.title),
                r.articles,
                outlets.join(", "),
                span_text(&r.first_day, &r.last_day)
            );
        }
        body.push_str("</tbody></table>");
    }
    let link = |p: usize| {
        format!(
            "/{}",
            query_string(&[
                ("q", text.clone()),
                ("language", language.clone()),
                ("outlet", outlet.clone()),
                (
                    "sort",
                    if sort_name == "recent" {
                        String::new()
                    } else {
                        sort_name.to_string()
                    }
                ),
                (
                    "disagreements",
                    if disagreements { "true".into() } else { String::new() }
                ),
                ("page", p.to_string()),
            ])
        )
    };
    body.push_str(&pager(list.page, list.pages, &link));
    Html(page("Stories", "stories", &body)).into_response()
}

/// Renders dossier pieces with links into the UI (article view, entity pages).
struct DossierView<'a> {
    d: &'a Dossier,
}

impl DossierView<'_> {
    fn article_of(&self, source: usize) -> Option<&str> {
        self.d
            .sources
            .iter()
            .find(|s| s.number == source)
            .map(|s| s.article_id.as_str())
    }

    fn refs(&self, sources: &[usize]) -> String {
        sources
            .iter()
            .map(|n| match self.article_of(*n) {
                Some(id) => format!(
                    "<a class=\"ref\" href=\"/articles/{}\" title=\"{}\">[{n}]</a>",
                    enc(id),
                    esc(&self.source_label(*n))
                ),
                None => format!("<span class=\"ref\">[{n}]</span>"),
            })
            .collect()
    }

    fn source_label(&self, n: usize) -> String {
        self.d
            .sources
            .iter()
            .find(|s| s.number == n)
            .map(|s| s.outlet.clone().unwrap_or_else(|| s.title.clone()))
            .unwrap_or_default()
    }

    /// The cited sentences, each once, cited words marked, each linking to
    /// its place in the article view.
    fn evidence(&self, citations: &[Citation]) -> String {
        let mut keys: Vec<(usize, usize)> = citations.iter().map(|c| (c.source, c.sentence)).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut out = String::from("<div class=\"ev\">");
        for (source, sentence) in keys {
            let Some(src) = self.d.sources.iter().find(|s| s.number == source) else {
                continue;
            };
            let Some(s) = src.sentences.get(sentence) else { continue };
            let mut marks: Vec<(usize, usize)> = citations
                .iter()
                .filter(|c| c.source == source && c.sentence == sentence)
                .map(|c| (c.start.max(s.start), c.end.min(s.end)))
                .filter(|(a, b)| a < b && !(*a <= s.start && *b >= s.end))
                .collect();
            marks.sort_unstable();
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
                "<blockquote class=\"cite\"><p>{}</p><footer><a href=\"/articles/{}?hl={sentence}#s{sentence}\">[{source}] {}</a></footer></blockquote>",
                html.trim(),
                enc(&src.article_id),
                esc(&self.source_label(source))
            );
        }
        out.push_str("</div>");
        out
    }

    fn line(&self, head: &str, sources: &[usize], citations: &[Citation]) -> String {
        format!(
            "<li><details><summary>{head} {}</summary>{}</details></li>",
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
            "<div class=\"side\"><h4><span class=\"value\">{}</span>{flags} <span class=\"muted\">{}</span> {}</h4>\
             <p class=\"muted\">{}</p>{}</div>",
            esc(&s.value),
            outlets(s.independent_outlets),
            self.refs(&s.sources),
            reasons.join("<br>"),
            self.evidence(&s.citations)
        )
    }
}

fn outlets(n: usize) -> String {
    plural(n, "outlet", "outlets")
}

fn entity_id(e: &recoupe_pipeline::dossier::Entity) -> String {
    e.keys
        .first()
        .cloned()
        .unwrap_or_else(|| recoupe_core::fold_key(&e.name))
}

pub async fn story_page(State(state): State<Arc<AppState>>, Id(id): Id) -> Response {
    let st = state.clone();
    let wanted = id.clone();
    let loaded = blocking(move || {
        let story = st.source.story(&wanted)?;
        let dossier = st.source.dossier(&wanted)?;
        match (story, dossier) {
            (Some((_, row)), Some(d)) => Ok((row, d)),
            _ => Err(ApiError::not_found("story", &wanted)),
        }
    })
    .await;
    let (row, d) = match loaded {
        Ok(x) => x,
        Err(e) => return ui_error(e),
    };
    Html(page(&row.title, "stories", &dossier_body(&row, &d))).into_response()
}

fn dossier_body(row: &crate::source::StoryRow, d: &Dossier) -> String {
    let v = DossierView { d };
    let mut out = String::from("<p class=\"back\"><a href=\"/\" data-back>← All stories</a></p>");
    let _ = write!(out, "<h1>{}</h1>", esc(&row.title));
    let period = d
        .period
        .map(|p| {
            if p.start == p.end {
                format!(" · {}", p.start)
            } else {
                format!(" · {} → {}", p.start, p.end)
            }
        })
        .unwrap_or_default();
    let _ = write!(
        out,
        "<p class=\"meta\">{}{period} · {} · {}</p>",
        plural(d.sources.len(), "source", "sources"),
        row.languages.iter().map(|l| esc(l)).collect::<Vec<_>>().join(", "),
        row.outlets.iter().map(|o| esc(o)).collect::<Vec<_>>().join(", ")
    );
    out.push_str(
        "<nav class=\"toc\"><a href=\"#disagreements\">Disagreements</a><a href=\"#summary\">Summary</a>\
         <a href=\"#timeline\">Timeline</a><a href=\"#entities\">Entities</a><a href=\"#figures\">Figures</a>\
         <a href=\"#quotes\">Quotes</a><a href=\"#sources\">Sources</a></nav>",
    );

    let _ = write!(
        out,
        "<section id=\"disagreements\" class=\"disagreements\"><h2>Disagreements <span class=\"badge{}\">{}</span></h2>",
        if d.disagreements.is_empty() { "" } else { " warn" },
        d.disagreements.len()
    );
    if d.disagreements.is_empty() {
        out.push_str("<p class=\"muted\">The outlets do not contradict each other on anything compared.</p>");
    }
    for g in &d.disagreements {
        let _ = write!(
            out,
            "<details class=\"disagreement\" id=\"{}\"><summary><strong>{}</strong> <span class=\"tag {}\">{}</span> \
             <span class=\"muted\">{}</span></summary><p>{}</p><div class=\"sides\">",
            esc(&g.id),
            esc(&plain(&g.subject)),
            esc(&g.strength_label),
            esc(&g.strength_label),
            g.sides.iter().map(|s| esc(&s.value)).collect::<Vec<_>>().join(" vs "),
            esc(&plain(&g.explanation))
        );
        for s in &g.sides {
            out.push_str(&v.side(s));
        }
        out.push_str("</div></details>");
    }
    if !d.complementary.is_empty() {
        out.push_str("<h3>Complementary figures</h3>");
        for c in &d.complementary {
            let _ = write!(
                out,
                "<div class=\"complementary\"><p>{}</p>",
                esc(&plain(&c.explanation))
            );
            for s in &c.parts {
                out.push_str(&v.side(s));
            }
            out.push_str("</div>");
        }
    }
    out.push_str("</section>");

    out.push_str("<section id=\"summary\"><h2>Summary</h2><ul class=\"lines\">");
    for l in &d.summary {
        let mut n: Vec<usize> = l.citations.iter().map(|c| c.source).collect();
        n.sort_unstable();
        n.dedup();
        out.push_str(&v.line(&esc(&l.text), &n, &l.citations));
    }
    out.push_str("</ul></section>");

    out.push_str("<section id=\"timeline\"><h2>Timeline</h2><ul class=\"lines timeline\">");
    for t in &d.timeline {
        let mut tags = String::new();
        for (on, name) in [(t.context, "context"), (t.hedged, "hedged"), (t.planned, "planned")] {
            if on {
                let _ = write!(tags, "<span class=\"tag\">{name}</span>");
            }
        }
        if t.confidence < 0.8 {
            tags.push_str("<span class=\"tag\">inferred date</span>");
        }
        let head = format!(
            "<time>{}</time> {}{tags} <span class=\"muted\">{}</span>",
            esc(&timeline_date(t)),
            esc(&label_without_date(&t.label, &t.date)),
            outlets(t.independent_outlets)
        );
        out.push_str(&v.line(&head, &t.sources, &t.evidence));
    }
    if d.timeline.is_empty() {
        out.push_str("<li class=\"muted\">No dated event.</li>");
    }
    out.push_str("</ul></section>");

    out.push_str("<section id=\"entities\"><h2>Entities</h2><ul class=\"entities\">");
    for e in &d.entities {
        let aliases = if e.aliases.is_empty() {
            String::new()
        } else {
            format!(" <span class=\"muted\">also {}</span>", esc(&e.aliases.join(", ")))
        };
        let _ = write!(
            out,
            "<li><a class=\"entity\" href=\"/entities/{}\">{}</a> <span class=\"tag\">{}</span>{aliases} \
             <span class=\"muted\">{}, {}</span></li>",
            enc(&entity_id(e)),
            esc(&e.name),
            esc(&e.kind),
            outlets(e.independent_outlets),
            plural(e.mention_count, "mention", "mentions")
        );
    }
    out.push_str("</ul></section>");

    out.push_str("<section id=\"figures\"><h2>Figures</h2>");
    if d.figures.is_empty() {
        out.push_str("<p class=\"muted\">No figure.</p>");
    } else {
        out.push_str(
            "<table><thead><tr><th>Figure</th><th>What</th><th>Holder</th><th>Sources</th></tr></thead><tbody>",
        );
        for f in &d.figures {
            let _ = write!(
                out,
                "<tr><td><details><summary>{}</summary>{}</details></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&f.text),
                v.evidence(&f.citations),
                esc(&f.what),
                esc(f.holder.as_deref().unwrap_or("")),
                v.refs(&f.sources)
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>");

    out.push_str("<section id=\"quotes\"><h2>Quotes</h2>");
    if d.quotes.is_empty() {
        out.push_str("<p class=\"muted\">No quote.</p>");
    }
    for q in &d.quotes {
        let _ = write!(out, "<h3>{}</h3><ul class=\"lines\">", esc(&q.speaker));
        for item in &q.quotes {
            out.push_str(&v.line(&format!("« {} »", esc(&item.text)), &item.sources, &item.citations));
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");

    out.push_str("<section id=\"sources\"><h2>Sources</h2><ol class=\"sources\">");
    for s in &d.sources {
        let mut meta = Vec::new();
        if let Some(o) = &s.outlet {
            meta.push(esc(o));
        }
        meta.push(s.published.as_deref().map_or_else(|| "undated".to_string(), esc));
        if let Some(a) = &s.author {
            meta.push(format!("by {}", esc(a)));
        }
        meta.push(esc(&s.language));
        if let Some(c) = s.copy_of {
            meta.push(format!("copy of {}", v.refs(&[c])));
        }
        if let Some(href) = s.url.as_deref().and_then(safe_href) {
            meta.push(format!(
                "<a href=\"{href}\" rel=\"noopener noreferrer nofollow\">original</a>"
            ));
        }
        let _ = write!(
            out,
            "<li value=\"{}\"><a href=\"/articles/{}\">{}</a><br><span class=\"muted\">{}</span></li>",
            s.number,
            enc(&s.article_id),
            esc(&s.title),
            meta.join(" · ")
        );
    }
    out.push_str("</ol></section>");
    let _ = write!(
        out,
        "<p class=\"muted\">Dossier as JSON: <a href=\"/api/dossiers/{}\">/api/dossiers/{}</a></p>",
        enc(&d.story_id),
        esc(&d.story_id)
    );
    out
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ArticleParams {
    /// Sentences to highlight, comma-separated indices.
    hl: Option<String>,
}

pub async fn article_page(
    State(state): State<Arc<AppState>>,
    Id(id): Id,
    q: Result<Q<ArticleParams>, ApiError>,
) -> Response {
    let highlight: BTreeSet<usize> = match &q {
        Ok(Q(p)) => {
            p.hl.as_deref()
                .unwrap_or("")
                .split(',')
                .filter_map(|s| s.trim().parse().ok())
                .collect()
        }
        Err(_) => BTreeSet::new(),
    };
    let st = state.clone();
    let wanted = id.clone();
    let view = match blocking(move || {
        st.source
            .article(&wanted)?
            .ok_or_else(|| ApiError::not_found("article", &wanted))
    })
    .await
    {
        Ok(v) => v,
        Err(e) => return ui_error(e),
    };
    let a = &view.article;
    let title = a.meta.title.clone().unwrap_or_else(|| a.display_title());
    let mut body = String::new();
    match (&view.story_id, &view.story_title) {
        (Some(sid), Some(st)) => {
            let _ = write!(
                body,
                "<p class=\"back\"><a href=\"/stories/{}\">← Story: {}</a></p>",
                enc(sid),
                esc(st)
            );
        }
        _ => body.push_str("<p class=\"back\"><a href=\"/\">← All stories</a></p>"),
    }
    let _ = write!(body, "<h1>{}</h1>", esc(&title));
    let m = &a.meta;
    let mut meta = Vec::new();
    if let Some(o) = &m.outlet {
        meta.push(esc(o));
    }
    if let Some(p) = &m.published {
        meta.push(esc(&p.date().to_string()));
    }
    if let Some(au) = &m.author {
        meta.push(format!("by {}", esc(au)));
    }
    if let Some(ag) = &m.agency {
        meta.push(format!("agency {}", esc(ag)));
    }
    meta.push(esc(a.language()));
    if let Some(u) = &m.url {
        match safe_href(u) {
            Some(href) => meta.push(format!(
                "<a href=\"{href}\" rel=\"noopener noreferrer nofollow\">original page</a>"
            )),
            None => meta.push(format!("<span class=\"muted\">source: {}</span>", esc(u))),
        }
    }
    let _ = write!(body, "<p class=\"meta\">{}</p>", meta.join(" · "));
    if !view.cited.is_empty() {
        let _ = write!(
            body,
            "<p class=\"legend\"><span class=\"cited\">Highlighted</span>: the {} the story's dossier cites.</p>",
            plural(view.cited.len(), "sentence", "sentences")
        );
    }
    body.push_str("<article class=\"text\">");
    let mut paragraph: Option<usize> = None;
    for (k, s) in a.sentences.iter().enumerate() {
        let p = a.paragraphs.partition_point(|p| p.end <= s.start);
        if paragraph != Some(p) {
            if paragraph.is_some() {
                body.push_str("</p>");
            }
            body.push_str("<p>");
            paragraph = Some(p);
        }
        let mut class = String::from("sent");
        if view.cited.contains(&k) {
            class.push_str(" cited");
        }
        if highlight.contains(&k) {
            class.push_str(" hl");
        }
        let _ = write!(
            body,
            "<span class=\"{class}\" id=\"s{k}\">{}</span> ",
            esc(s.slice(&a.text).unwrap_or("").trim())
        );
    }
    if paragraph.is_some() {
        body.push_str("</p>");
    }
    body.push_str("</article>");
    let _ = write!(
        body,
        "<p class=\"muted\">Article <code>{}</code> · <a href=\"/api/articles/{}\">JSON</a></p>",
        esc(&a.id),
        enc(&a.id)
    );
    Html(page(&title, "", &body)).into_response()
}

pub async fn search_page(State(state): State<Arc<AppState>>, q: Result<Q<SearchParams>, ApiError>) -> Response {
    let params = match q {
        Ok(Q(p)) => p,
        Err(e) => return ui_error(e),
    };
    let keep = |v: &Option<String>| v.clone().unwrap_or_default();
    let (text, language, outlet, from, to, story, entity) = (
        keep(&params.q),
        keep(&params.language),
        keep(&params.outlet),
        keep(&params.from),
        keep(&params.to),
        keep(&params.story),
        keep(&params.entity),
    );
    let sort = params.sort.unwrap_or_default();
    let sort_name = match sort {
        SearchSort::Relevance => "relevance",
        SearchSort::Newest => "newest",
        SearchSort::Oldest => "oldest",
    };
    let mut body = String::from("<h1>Search</h1>");
    let _ = write!(
        body,
        "<form class=\"filters search\" method=\"get\" action=\"/search\">\
         <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"Words (French or English)\" aria-label=\"Words\" autofocus>\
         <label>From <input type=\"date\" name=\"from\" value=\"{}\"></label>\
         <label>To <input type=\"date\" name=\"to\" value=\"{}\"></label>{}\
         <input type=\"hidden\" name=\"language\" value=\"{}\"><input type=\"hidden\" name=\"outlet\" value=\"{}\">\
         <input type=\"hidden\" name=\"story\" value=\"{}\"><input type=\"hidden\" name=\"entity\" value=\"{}\">\
         <button type=\"submit\">Search</button></form>",
        esc(&text),
        esc(&from),
        esc(&to),
        select(
            "sort",
            "Order",
            sort_name,
            &[
                ("relevance".into(), "relevance".into()),
                ("newest".into(), "newest first".into()),
                ("oldest".into(), "oldest first".into())
            ]
        ),
        esc(&language),
        esc(&outlet),
        esc(&story),
        esc(&entity)
    );
    if text.trim().is_empty() {
        body.push_str(
            "<p class=\"muted\">Words are matched whatever their accents, case or ending \
             (<em>visite</em> finds <em>visites</em>, <em>l'armée</em> finds <em>armée</em>).</p>",
        );
        return Html(page("Search", "search", &body)).into_response();
    }
    let link = |pairs: &[(&str, String)]| -> String {
        let mut all: Vec<(&str, String)> = vec![
            ("q", text.clone()),
            ("from", from.clone()),
            ("to", to.clone()),
            ("language", language.clone()),
            ("outlet", outlet.clone()),
            ("story", story.clone()),
            ("entity", entity.clone()),
            (
                "sort",
                if sort_name == "relevance" {
                    String::new()
                } else {
                    sort_name.to_string()
                },
            ),
        ];
        for (k, v) in pairs {
            if let Some(slot) = all.iter_mut().find(|(name, _)| name == k) {
                slot.1 = v.clone();
            } else {
                all.push((k, v.clone()));
            }
        }
        format!("/search{}", query_string(&all))
    };
    let results = match run_search(state, params).await {
        Ok(r) => r,
        Err(e) if e.status == StatusCode::BAD_REQUEST => {
            let _ = write!(body, "<p class=\"error\">{}</p>", esc(&e.message));
            return (StatusCode::BAD_REQUEST, Html(page("Search", "search", &body))).into_response();
        }
        Err(e) => return ui_error(e),
    };
    // Active filters, each with a link that removes it.
    let mut active = String::new();
    for (name, value) in [
        ("language", &language),
        ("outlet", &outlet),
        ("from", &from),
        ("to", &to),
        ("story", &story),
        ("entity", &entity),
    ] {
        if !value.is_empty() {
            let _ = write!(
                active,
                "<a class=\"chip\" href=\"{}\" title=\"Remove this filter\">{name}: {} ×</a>",
                esc(&link(&[(name, String::new())])),
                esc(value)
            );
        }
    }
    body.push_str("<div class=\"search-layout\"><aside class=\"facets\">");
    for (title, name, facets, current) in [
        ("Language", "language", &results.languages, &language),
        ("Outlet", "outlet", &results.outlets, &outlet),
    ] {
        let _ = write!(body, "<h3>{title}</h3><ul>");
        for f in facets.iter() {
            let on = &f.value == current;
            let href = link(&[(name, if on { String::new() } else { f.value.clone() })]);
            let _ = write!(
                body,
                "<li><a href=\"{}\"{}>{}</a> <span class=\"muted\">{}</span></li>",
                esc(&href),
                if on { " class=\"on\"" } else { "" },
                esc(&f.value),
                f.count
            );
        }
        body.push_str("</ul>");
    }
    body.push_str("</aside><div class=\"results\">");
    if !active.is_empty() {
        let _ = write!(body, "<p class=\"chips\">{active}</p>");
    }
    let _ = write!(
        body,
        "<p class=\"muted count\">{}{} · page {}</p>",
        if results.total_is_lower_bound { "more than " } else { "" },
        plural(results.total, "article", "articles"),
        results.page
    );
    if results.hits.is_empty() {
        body.push_str("<p class=\"empty\">Nothing found. Try fewer words or remove a filter.</p>");
    }
    body.push_str("<ol class=\"hits\">");
    for h in &results.hits {
        let target = match h.sentence {
            Some(k) => format!("/articles/{}?hl={k}#s{k}", enc(&h.article_id)),
            None => format!("/articles/{}", enc(&h.article_id)),
        };
        let mut meta = Vec::new();
        if let Some(o) = &h.outlet {
            meta.push(esc(o));
        }
        if let Some(p) = &h.published {
            meta.push(esc(p.get(..10).unwrap_or(p)));
        }
        if let Some(l) = &h.language {
            meta.push(esc(l));
        }
        // snippet_html is built by the search module: escaped text and <mark> only.
        let _ = write!(
            body,
            "<li><a class=\"hit-title\" href=\"{}\">{}</a><p class=\"snippet\">{}</p><p class=\"muted\">{}</p></li>",
            esc(&target),
            esc(&h.title),
            h.snippet_html,
            meta.join(" · ")
        );
    }
    body.push_str("</ol>");
    let counted_pages = results.total.div_ceil(results.per_page).max(1);
    let max_pages = recoupe_pipeline::search::MAX_OFFSET / results.per_page;
    let pages = counted_pages.min(max_pages.max(1));
    body.push_str(&pager(results.page, pages, &|p| link(&[("page", p.to_string())])));
    body.push_str("</div></div>");
    Html(page(&format!("{text} — search"), "search", &body)).into_response()
}

pub async fn entities_page(State(state): State<Arc<AppState>>, q: Result<Q<EntityParams>, ApiError>) -> Response {
    let params = match q {
        Ok(Q(p)) => p,
        Err(e) => return ui_error(e),
    };
    let kind = params.kind.clone().unwrap_or_default();
    let text = params.q.clone().unwrap_or_default();
    let query = match params.query(50) {
        Ok(q) => q,
        Err(e) => return ui_error(e),
    };
    let st = state.clone();
    let list: Page<crate::source::EntityRow> = match blocking(move || Ok(st.source.entities(&query)?)).await {
        Ok(l) => l,
        Err(e) => return ui_error(e),
    };
    let mut body = String::from("<h1>Entities</h1>");
    let kinds: Vec<(String, String)> = [
        ("", "any kind"),
        ("person", "people"),
        ("organisation", "organisations"),
        ("place", "places"),
        ("other", "other"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let _ = write!(
        body,
        "<form class=\"filters\" method=\"get\" action=\"/entities\"><input type=\"search\" name=\"q\" value=\"{}\" \
         placeholder=\"Name\" aria-label=\"Name\">{}<button type=\"submit\">Apply</button></form>",
        esc(&text),
        select("kind", "Kind", &kind, &kinds)
    );
    let _ = write!(
        body,
        "<p class=\"muted count\">{} · page {} of {}</p><table><thead><tr><th>Name</th><th>Kind</th><th>Stories</th><th>Mentions</th></tr></thead><tbody>",
        plural(list.total, "entity", "entities"),
        list.page,
        list.pages
    );
    for e in &list.items {
        let _ = write!(
            body,
            "<tr><td><a class=\"entity\" href=\"/entities/{}\">{}</a></td><td><span class=\"tag\">{}</span></td><td>{}</td><td>{}</td></tr>",
            enc(&e.id),
            esc(&e.name),
            esc(&e.kind),
            e.stories,
            e.mentions
        );
    }
    body.push_str("</tbody></table>");
    body.push_str(&pager(list.page, list.pages, &|p| {
        format!(
            "/entities{}",
            query_string(&[("q", text.clone()), ("kind", kind.clone()), ("page", p.to_string())])
        )
    }));
    Html(page("Entities", "entities", &body)).into_response()
}

pub async fn entity_page(State(state): State<Arc<AppState>>, Id(id): Id) -> Response {
    let st = state.clone();
    let wanted = id.clone();
    let e = match blocking(move || {
        st.source
            .entity(&wanted)?
            .ok_or_else(|| ApiError::not_found("entity", &wanted))
    })
    .await
    {
        Ok(e) => e,
        Err(e) => return ui_error(e),
    };
    let mut body = String::from("<p class=\"back\"><a href=\"/entities\" data-back>← Entities</a></p>");
    let _ = write!(
        body,
        "<h1>{} <span class=\"tag\">{}</span></h1><p class=\"meta\">{} in {}</p>",
        esc(&e.name),
        esc(&e.kind),
        plural(e.mentions, "mention", "mentions"),
        plural(e.stories.len(), "story", "stories")
    );
    body.push_str("<section><h2>Also written</h2>");
    if e.aliases.is_empty() {
        body.push_str("<p class=\"muted\">No other spelling met.</p>");
    } else {
        body.push_str("<ul class=\"aliases\">");
        for a in &e.aliases {
            let _ = write!(body, "<li>{}</li>", esc(a));
        }
        body.push_str("</ul>");
    }
    if !e.roles.is_empty() {
        let _ = write!(
            body,
            "<p>Roles: {}</p>",
            e.roles.iter().map(|r| esc(r)).collect::<Vec<_>>().join(", ")
        );
    }
    body.push_str("</section><section><h2>Stories</h2><ul class=\"stories-of\">");
    for s in &e.stories {
        let _ = write!(
            body,
            "<li><a href=\"/stories/{}\">{}</a> <span class=\"muted\">{}</span></li>",
            enc(&s.id),
            esc(&s.title),
            plural(s.articles, "article", "articles")
        );
    }
    body.push_str("</ul></section><section><h2>Met with</h2>");
    if e.co_occurring.is_empty() {
        body.push_str("<p class=\"muted\">No other entity in its stories.</p>");
    } else {
        body.push_str("<ul class=\"co\">");
        for c in &e.co_occurring {
            let _ = write!(
                body,
                "<li><a class=\"entity\" href=\"/entities/{}\">{}</a> <span class=\"tag\">{}</span> <span class=\"muted\">{}</span></li>",
                enc(&c.id),
                esc(&c.name),
                esc(&c.kind),
                plural(c.shared_stories, "shared story", "shared stories")
            );
        }
        body.push_str("</ul>");
    }
    let _ = write!(
        body,
        "</section><p><a class=\"button\" href=\"/search?q={}&amp;entity={}\">Search the articles that name {}</a></p>",
        enc(&e.name),
        enc(&e.id),
        esc(&e.name)
    );
    Html(page(&e.name, "entities", &body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_links() {
        for (url, ok) in [
            ("https://example.org/a?b=1&c=2", true),
            ("HTTP://example.org", true),
            ("javascript:alert(1)", false),
            ("JavaScript:alert(1)", false),
            (" javascript:alert(1)", false),
            ("data:text/html,<script>", false),
            ("//evil.example", false),
            ("https://x\" onmouseover=\"alert(1)", false),
            ("https://x\"onmouseover=\"alert(1)", true),
        ] {
            assert_eq!(safe_href(url).is_some(), ok, "{url}");
        }
        // Accepted URLs are still escaped for the attribute.
        assert_eq!(
            safe_href("https://x\"onmouseover=\"alert(1)").as_deref(),
            Some("https://x&quot;onmouseover=&quot;alert(1)")
        );
    }

    #[test]
    fn percent_encoding() {
        assert_eq!(enc("assimi goita"), "assimi%20goita");
        assert_eq!(enc("a/b?c#d"), "a%2Fb%3Fc%23d");
        assert_eq!(enc("é"), "%C3%A9");
    }
}
