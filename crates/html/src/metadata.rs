//! Page metadata from `<meta>` tags, JSON-LD, `<link rel=canonical>`, `<html lang>`,
//! `<time>` and `<title>`.

use serde_json::Value;

use crate::dom::{Dom, NodeData};
use crate::vocabulary::vocabulary;

/// Metadata as found, before choosing between sources.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageMetadata {
    pub title: Option<String>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub author: Option<String>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub tags: Vec<String>,
    /// JSON-LD blocks that did not parse.
    pub bad_json_ld: usize,
}

/// Facts from JSON-LD, which is the most deliberate source and wins over meta tags.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    url: Option<String>,
    language: Option<String>,
    keywords: Vec<String>,
}

/// Facts from `<meta>` and `<link>` tags, first occurrence wins per key.
#[derive(Debug, Default)]
struct MetaTags {
    og_title: Option<String>,
    twitter_title: Option<String>,
    plain_title: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    author: Option<String>,
    site_name: Option<String>,
    og_url: Option<String>,
    canonical: Option<String>,
    locale: Option<String>,
    content_language: Option<String>,
    tags: Vec<String>,
    keywords: Vec<String>,
}

fn clean(value: &str) -> Option<String> {
    let folded = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.is_empty() {
        None
    } else {
        Some(folded)
    }
}

fn set_once(slot: &mut Option<String>, value: &str) {
    if slot.is_none() {
        *slot = clean(value);
    }
}

pub fn extract_metadata(dom: &Dom, page_url: Option<&str>) -> PageMetadata {
    let mut meta = MetaTags::default();
    let mut json_ld = JsonLd::default();
    let mut bad_json_ld = 0;
    let mut html_lang = None;
    let mut title_tag = None;
    let mut first_h1 = None;
    let mut time_published = None;

    for (id, node) in dom.elements() {
        let Some(tag) = node.tag() else { continue };
        match tag {
            "html" => {
                if let Some(lang) = node.attr("lang").or_else(|| node.attr("xml:lang")) {
                    set_once(&mut html_lang, lang);
                }
            }
            "title" => {
                if title_tag.is_none() {
                    title_tag = clean(&dom.text_content(id));
                }
            }
            "h1" => {
                if first_h1.is_none() {
                    first_h1 = clean(&dom.text_content(id));
                }
            }
            "meta" => read_meta(node, &mut meta),
            "link" => {
                let rel = node.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") {
                    if let Some(href) = node.attr("href") {
                        set_once(&mut meta.canonical, href);
                    }
                }
            }
            "script" => {
                let is_json_ld = node
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if is_json_ld {
                    let raw = dom.text_content(id);
                    match serde_json::from_str::<Value>(raw.trim()) {
                        Ok(value) => read_json_ld(&value, &mut json_ld),
                        Err(_) => bad_json_ld += 1,
                    }
                }
            }
            "time" => {
                let is_published =
                    node.attr("itemprop").is_some_and(|p| p == "datePublished") || node.attr("pubdate").is_some();
                if let Some(datetime) = node.attr("datetime") {
                    if is_published || time_published.is_none() {
                        if is_published {
                            time_published = clean(datetime);
                        } else {
                            set_once(&mut time_published, datetime);
                        }
                    }
                }
            }
            _ => {
                if let Some(prop) = node.attr("itemprop") {
                    let value = node.attr("content").or_else(|| node.attr("datetime"));
                    match (prop, value) {
                        ("datePublished", Some(v)) => set_once(&mut meta.published, v),
                        ("dateModified", Some(v)) => set_once(&mut meta.updated, v),
                        _ => {}
                    }
                }
            }
        }
    }

    let site_name = json_ld.publisher.clone().or(meta.site_name.clone());
    let title = json_ld
        .headline
        .clone()
        .or(meta.og_title.clone())
        .or(meta.twitter_title.clone())
        .or(first_h1)
        .or_else(|| title_tag.map(|t| strip_site_suffix(&t, site_name.as_deref())))
        .or(meta.plain_title.clone());
    // An absolute URL wins over a relative one that could not be resolved.
    let found_urls: Vec<String> = [&meta.canonical, &meta.og_url, &json_ld.url]
        .into_iter()
        .flatten()
        .map(|u| resolve_url(u, page_url))
        .collect();
    let url = found_urls
        .iter()
        .find(|u| u.starts_with("http://") || u.starts_with("https://"))
        .or(found_urls.first())
        .cloned()
        .or_else(|| page_url.and_then(clean));
    let language = html_lang
        .or(json_ld.language.clone())
        .or(meta.locale.clone())
        .or(meta.content_language.clone())
        .and_then(|l| normalize_language(&l).or_else(|| clean(&l)));
    let mut tags = if json_ld.keywords.is_empty() {
        if meta.tags.is_empty() {
            meta.keywords.clone()
        } else {
            meta.tags.clone()
        }
    } else {
        json_ld.keywords.clone()
    };
    dedup_keep_order(&mut tags);
    let author = if json_ld.authors.is_empty() {
        meta.author.clone()
    } else {
        let mut authors = json_ld.authors.clone();
        dedup_keep_order(&mut authors);
        Some(authors.join(", "))
    };
    PageMetadata {
        title,
        published: json_ld.published.or(meta.published).or(time_published),
        updated: json_ld.updated.or(meta.updated),
        author,
        site_name,
        url,
        language,
        tags,
        bad_json_ld,
    }
}

fn dedup_keep_order(items: &mut Vec<String>) {
    let mut seen = std::collections::BTreeSet::new();
    items.retain(|item| seen.insert(item.to_lowercase()));
}

fn split_keywords(value: &str) -> Vec<String> {
    value.split([',', ';']).filter_map(clean).collect()
}

fn read_meta(node: &crate::dom::Node, meta: &mut MetaTags) {
    let Some(content) = node.attr("content") else {
        return;
    };
    let key = node
        .attr("property")
        .or_else(|| node.attr("name"))
        .or_else(|| node.attr("itemprop"))
        .or_else(|| node.attr("http-equiv"))
        .unwrap_or("")
        .to_ascii_lowercase();
    match key.as_str() {
        "og:title" => set_once(&mut meta.og_title, content),
        "twitter:title" => set_once(&mut meta.twitter_title, content),
        "title" | "dc.title" | "dcterms.title" | "headline" => set_once(&mut meta.plain_title, content),
        "article:published_time"
        | "og:article:published_time"
        | "datepublished"
        | "date"
        | "pubdate"
        | "publishdate"
        | "publish-date"
        | "publication_date"
        | "dc.date"
        | "dc.date.issued"
        | "dcterms.created"
        | "dcterms.date"
        | "sailthru.date"
        | "parsely-pub-date"
        | "article.published" => set_once(&mut meta.published, content),
        "article:modified_time"
        | "og:updated_time"
        | "og:article:modified_time"
        | "datemodified"
        | "last-modified"
        | "dcterms.modified"
        | "article.updated" => set_once(&mut meta.updated, content),
        // `article:author` is often a profile URL, which is not a name.
        "author" | "article:author" | "dc.creator" | "dcterms.creator" | "parsely-author" | "sailthru.author"
        | "byl"
            if !content.trim_start().starts_with("http") =>
        {
            set_once(&mut meta.author, content.trim_start_matches("By ").trim());
        }
        "og:site_name" | "application-name" | "publisher" | "dc.publisher" => set_once(&mut meta.site_name, content),
        "og:url" => set_once(&mut meta.og_url, content),
        "og:locale" => set_once(&mut meta.locale, content),
        "content-language" | "language" | "dc.language" => set_once(&mut meta.content_language, content),
        "article:tag" | "og:article:tag" => meta.tags.extend(clean(content)),
        "keywords" | "news_keywords" if meta.keywords.is_empty() => {
            meta.keywords = split_keywords(content);
        }
        _ => {}
    }
}

fn is_article_type(value: &Value) -> bool {
    let matches_type = |name: &str| {
        let name = name.to_ascii_lowercase();
        name.ends_with("article")
            || matches!(
                name.as_str(),
                "blogposting" | "reportage" | "liveblogposting" | "webpage" | "posting"
            )
    };
    match value.get("@type") {
        Some(Value::String(name)) => matches_type(name),
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).any(matches_type),
        _ => false,
    }
}

fn is_web_page_only(value: &Value) -> bool {
    matches!(value.get("@type"), Some(Value::String(name)) if name.eq_ignore_ascii_case("webpage"))
}

fn string_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => clean(text),
        Value::Number(number) => Some(number.to_string()),
        Value::Object(_) => value.get("name").or_else(|| value.get("@value")).and_then(string_of),
        Value::Array(items) => items.iter().find_map(string_of),
        _ => None,
    }
}

fn names_of(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().flat_map(names_of).collect(),
        Value::String(text) => clean(text).into_iter().collect(),
        Value::Object(_) => value.get("name").and_then(string_of).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// Collects the JSON-LD objects describing the page, walking `@graph` and arrays:
/// articles first, plain web pages after, so that a page-level `WebPage` only fills
/// what the article left empty.
fn collect_json_ld<'a>(value: &'a Value, articles: &mut Vec<&'a Value>, pages: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect_json_ld(item, articles, pages, depth + 1);
            }
        }
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                collect_json_ld(graph, articles, pages, depth + 1);
            }
            if is_web_page_only(value) {
                pages.push(value);
            } else if is_article_type(value) {
                articles.push(value);
            }
        }
        _ => {}
    }
}

fn read_json_ld(value: &Value, out: &mut JsonLd) {
    let mut articles = Vec::new();
    let mut pages = Vec::new();
    collect_json_ld(value, &mut articles, &mut pages, 0);
    for (object, is_page) in articles
        .into_iter()
        .map(|a| (a, false))
        .chain(pages.into_iter().map(|p| (p, true)))
    {
        fill_from(object, is_page, out);
    }
}

fn fill_from(object: &Value, is_page: bool, out: &mut JsonLd) {
    let fill = |slot: &mut Option<String>, found: Option<String>| {
        if slot.is_none() {
            *slot = found;
        }
    };
    let get = |key: &str| object.get(key);
    fill(
        &mut out.headline,
        get("headline")
            .or_else(|| if is_page { None } else { get("name") })
            .and_then(string_of),
    );
    fill(
        &mut out.published,
        get("datePublished").or_else(|| get("dateCreated")).and_then(string_of),
    );
    fill(&mut out.updated, get("dateModified").and_then(string_of));
    fill(
        &mut out.publisher,
        get("publisher").and_then(|p| p.get("name")).and_then(string_of),
    );
    fill(&mut out.language, get("inLanguage").and_then(string_of));
    let url = get("mainEntityOfPage")
        .and_then(|m| match m {
            Value::String(_) => string_of(m),
            _ => m.get("@id").and_then(string_of),
        })
        .or_else(|| get("url").and_then(string_of));
    fill(&mut out.url, url);
    if out.authors.is_empty() {
        if let Some(author) = get("author").or_else(|| get("creator")) {
            out.authors = names_of(author);
        }
    }
    if out.keywords.is_empty() {
        match get("keywords") {
            Some(Value::String(text)) => out.keywords = split_keywords(text),
            Some(Value::Array(items)) => out.keywords = items.iter().filter_map(string_of).collect(),
            _ => {}
        }
    }
}

/// `Title | Site` or `Title - Site` without the site part.
fn strip_site_suffix(title: &str, site_name: Option<&str>) -> String {
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(position) = title.rfind(separator) {
            let (head, tail) = title.split_at(position);
            let tail = &tail[separator.len()..];
            let tail_is_site =
                site_name.is_some_and(|site| tail.eq_ignore_ascii_case(site)) || tail.chars().count() <= 30;
            if tail_is_site && head.chars().count() >= 15 {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Resolves a URL found in the page against the page URL (the `url` crate's
/// RFC 3986 joining); keeps it as found when either does not parse.
fn resolve_url(found: &str, page_url: Option<&str>) -> String {
    let found = found.trim();
    page_url
        .and_then(|base| url::Url::parse(base).ok())
        .and_then(|base| base.join(found).ok())
        .map_or_else(|| found.to_string(), String::from)
}

/// `fr-FR`, `en_US`, `French`, `fra` → ISO 639-1 where known.
pub fn normalize_language(raw: &str) -> Option<String> {
    let lower = raw.trim().to_lowercase();
    let primary = lower.split(['-', '_']).next().unwrap_or("").trim();
    if primary.len() == 2 && primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(primary.to_string());
    }
    if let Some(code) = vocabulary().language_names.get(primary) {
        return Some(code.clone());
    }
    if let Some(code) = vocabulary().language_names.get(lower.as_str()) {
        return Some(code.clone());
    }
    None
}

/// Whether any text at all sits outside markup, used to detect pages with no content.
pub fn has_text(dom: &Dom) -> bool {
    dom.nodes
        .iter()
        .any(|n| matches!(&n.data, NodeData::Text(t) if !t.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages() {
        for (raw, expected) in [
            ("fr-FR", Some("fr")),
            ("en_US", Some("en")),
            ("French", Some("fr")),
            ("fra", Some("fr")),
            ("EN", Some("en")),
            ("klingon", None),
            ("", None),
        ] {
            assert_eq!(normalize_language(raw).as_deref(), expected, "{raw}");
        }
    }

    #[test]
    fn urls() {
        assert_eq!(resolve_url("/a/b", Some("https://ex.com/x/y")), "https://ex.com/a/b");
        assert_eq!(
            resolve_url("//cdn.ex.com/a", Some("https://ex.com/")),
            "https://cdn.ex.com/a"
        );
        assert_eq!(resolve_url("https://a.b/c", None), "https://a.b/c");
    }

    #[test]
    fn title_suffix() {
        assert_eq!(
            strip_site_suffix("Le président en visite à Moscou | Le Journal", None),
            "Le président en visite à Moscou"
        );
        assert_eq!(strip_site_suffix("Short - Site", None), "Short - Site");
    }
}
