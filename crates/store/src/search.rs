//! The search index: SQLite FTS5 over stemmed shadow text of every article's
//! title and body, French and English analysis (and every language
//! `rust-stemmers` knows), filters, relevance or date order, highlighted
//! snippets and bounded pages.
//!
//! Why a stemmed shadow and not the text itself: FTS5's tokenizers fold
//! accents but know neither elision (`l'armée`) nor stems (`visites` /
//! `visite`), and a custom tokenizer would need unsafe FFI. So each article
//! is analysed here ([`analyze`]: words, elision off, accents and case folded,
//! stemmed in the article's language) and the index holds only those stems
//! (a contentless table: no second copy of the text). Snippets are made here
//! too, from the stored text, by marking the words whose stems match.
//!
//! The index has its own version ([`INDEX_VERSION`]): when the analysis
//! changes, the next open rebuilds it from the stored articles.

use std::collections::BTreeMap;

use recoupe_core::Article;
use recoupe_text::Stemmer;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

use crate::StoreError;

/// Bumped whenever [`analyze`] changes: the index is then rebuilt on open.
pub const INDEX_VERSION: i64 = 1;
/// The largest page a caller may ask for.
pub const MAX_PER_PAGE: usize = 50;
/// Matches counted, ranked and faceted at most: a word present in most
/// articles (`a`) must not make a query rank the whole store. The window
/// keeps the newest matches; past it the total is reported as "at least".
pub const MAX_COUNTED: usize = RANK_WINDOW;
/// How deep pagination goes (pages past it are refused): nobody reads page 500,
/// and deep offsets cost as much as reading everything before them.
pub const MAX_OFFSET: usize = 1000;
/// Words of a query taken at most.
const MAX_TERMS: usize = 16;
const RANK_WINDOW: usize = 2000;

/// Creates (or rebuilds, when its version changed) the index tables.
pub(crate) fn ensure(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch("CREATE TABLE IF NOT EXISTS search_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL)")?;
    let version: Option<i64> = conn
        .query_row("SELECT value FROM search_state WHERE key = 'version'", [], |r| r.get(0))
        .optional()?;
    if version == Some(INDEX_VERSION) {
        return Ok(());
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let rebuilt = rebuild(conn);
    match rebuilt {
        Ok(()) => conn.execute_batch("COMMIT")?,
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e);
        }
    }
    Ok(())
}

fn rebuild(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(
        "DROP TABLE IF EXISTS search_fts;
         CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1,
            tokenize = 'unicode61 remove_diacritics 2');",
    )?;
    let mut stmt = conn.prepare("SELECT rowid, body FROM articles")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let rowid: i64 = row.get(0)?;
        let body: String = row.get(1)?;
        let article: Article = serde_json::from_str(&body)?;
        insert(conn, rowid, &article)?;
    }
    conn.execute(
        "INSERT OR REPLACE INTO search_state (key, value) VALUES ('version', ?1)",
        [INDEX_VERSION],
    )?;
    Ok(())
}

/// Indexes (or re-indexes) one article under its `articles` rowid.
pub(crate) fn index(conn: &Connection, rowid: i64, article: &Article) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?
        .execute([rowid])?;
    insert(conn, rowid, article)
}

fn insert(conn: &Connection, rowid: i64, article: &Article) -> Result<(), StoreError> {
    let stemmer = stemmer_for(article.language());
    let title = join(analyze(article.meta.title.as_deref().unwrap_or(""), stemmer.as_ref()));
    let body = join(analyze(&article.text, stemmer.as_ref()));
    conn.prepare_cached("INSERT INTO search_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, title, body])?;
    Ok(())
}

fn join(terms: Vec<Term>) -> String {
    let mut out = String::new();
    for t in terms {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&t.stem);
    }
    out
}

/// The Snowball stemmer of a language (ISO 639-1), if there is one.
pub use recoupe_text::stemmer as stemmer_for;

/// French (and Italian, Catalan) elided articles and pronouns: `l'armée` is
/// indexed as `armee`.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "dell", "nell", "all", "sull",
];

/// One analysed word: its byte span in the text and its index form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub start: usize,
    pub end: usize,
    pub stem: String,
}

/// Words of `text` as the index sees them: split on anything but letters and
/// digits, elided particles dropped, accents and case folded, stemmed.
pub fn analyze(text: &str, stemmer: Option<&Stemmer>) -> Vec<Term> {
    let mut out = Vec::new();
    let mut push = |s: usize, e: usize, next: Option<char>| {
        // Stemmers know accents (`arrivée`), so stem first, then fold.
        let word = text[s..e].to_lowercase();
        let apostrophe = matches!(next, Some('\'' | '\u{2019}' | '\u{02BC}'));
        if apostrophe && ELISIONS.contains(&recoupe_text::fold(&word).as_str()) {
            return;
        }
        let stem = match stemmer {
            Some(st) => recoupe_text::fold(&st.stem(&word)),
            None => recoupe_text::fold(&word),
        };
        if stem.is_empty() {
            return;
        }
        out.push(Term { start: s, end: e, stem });
    };
    for (s, e) in recoupe_text::word_spans(text) {
        push(s, e, text.get(e..).and_then(|rest| rest.chars().next()));
    }
    out
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchOrder {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

/// A search: words and filters. Pages are 1-based.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub text: String,
    /// First day (`YYYY-MM-DD`), inclusive.
    pub from: Option<String>,
    /// Last day (`YYYY-MM-DD`), inclusive.
    pub to: Option<String>,
    pub language: Option<String>,
    /// Exact outlet name.
    pub outlet: Option<String>,
    /// Only these articles (a story's or an entity's), when given.
    pub article_ids: Option<Vec<String>>,
    pub order: SearchOrder,
    pub page: usize,
    pub per_page: usize,
}

/// A bad query: the caller's fault, with a message naming what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct QueryError(pub String);

/// One hit: an article and its best sentence, marked.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchHit {
    pub article_id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    /// The best matching sentence, HTML-escaped, matched words in `<mark>`.
    pub snippet_html: String,
    /// Index of that sentence in the article.
    pub sentence: Option<usize>,
    /// Every sentence with a matched word (at most 50), for highlighting.
    pub matched_sentences: Vec<usize>,
}

/// A value of a facet and how many matches have it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}

/// A page of results, the total (capped) and facets over the matches.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Matches counted, at most [`MAX_COUNTED`].
    pub total: usize,
    /// True when there are more matches than `total`.
    pub total_is_lower_bound: bool,
    pub page: usize,
    pub per_page: usize,
    pub languages: Vec<FacetCount>,
    pub outlets: Vec<FacetCount>,
}

/// The FTS5 expression of a query: every word required, each as the OR of its
/// stems in the languages asked for (all of fr and en when none is), quoted so
/// that input is never read as FTS syntax.
fn match_expression(text: &str, language: Option<&str>) -> Result<(String, Vec<String>), QueryError> {
    let stemmers: Vec<Stemmer> = match language {
        Some(l) => stemmer_for(l).into_iter().collect(),
        None => ["fr", "en"].iter().filter_map(|l| stemmer_for(l)).collect(),
    };
    let plain = analyze(text, None);
    if plain.is_empty() {
        return Err(QueryError("the query has no word to search for".to_string()));
    }
    let mut parts = Vec::new();
    let mut all_stems = Vec::new();
    for term in plain.into_iter().take(MAX_TERMS) {
        let word = text[term.start..term.end].to_lowercase();
        let mut forms = vec![term.stem.clone()];
        for st in &stemmers {
            let s = recoupe_text::fold(&st.stem(&word));
            if !forms.contains(&s) {
                forms.push(s);
            }
        }
        let alternatives: Vec<String> = forms.iter().map(|f| format!("\"{}\"", f.replace('"', ""))).collect();
        parts.push(format!("({})", alternatives.join(" OR ")));
        all_stems.extend(forms);
    }
    Ok((parts.join(" AND "), all_stems))
}

fn valid_day(day: &str) -> bool {
    chrono_like_day(day)
}

/// `YYYY-MM-DD` with plausible numbers (the store compares dates as text).
fn chrono_like_day(day: &str) -> bool {
    let b = day.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && matches!(day[5..7].parse::<u32>(), Ok(1..=12))
        && matches!(day[8..10].parse::<u32>(), Ok(1..=31))
}

/// Runs a search.
pub fn search(conn: &Connection, query: &SearchQuery) -> Result<Result<SearchResults, QueryError>, StoreError> {
    let page = query.page.max(1);
    let per_page = query.per_page.clamp(1, MAX_PER_PAGE);
    let offset = (page - 1) * per_page;
    if offset >= MAX_OFFSET {
        return Ok(Err(QueryError(format!(
            "page {page} is past the last page served ({} results at most; refine the query)",
            MAX_OFFSET
        ))));
    }
    for day in [&query.from, &query.to].into_iter().flatten() {
        if !valid_day(day) {
            return Ok(Err(QueryError(format!("{day:?} is not a day (YYYY-MM-DD)"))));
        }
    }
    let (expression, stems) = match match_expression(&query.text, query.language.as_deref()) {
        Ok(x) => x,
        Err(e) => return Ok(Err(e)),
    };

    // Filters on the article row; values are bound, never spliced.
    let mut filters = String::new();
    let mut values: Vec<String> = vec![expression];
    if let Some(from) = &query.from {
        values.push(from.clone());
        filters.push_str(&format!(" AND substr(a.published, 1, 10) >= ?{}", values.len()));
    }
    if let Some(to) = &query.to {
        values.push(to.clone());
        filters.push_str(&format!(" AND substr(a.published, 1, 10) <= ?{}", values.len()));
    }
    if let Some(l) = &query.language {
        values.push(l.clone());
        filters.push_str(&format!(" AND a.language = ?{}", values.len()));
    }
    if let Some(o) = &query.outlet {
        values.push(o.clone());
        filters.push_str(&format!(" AND a.outlet = ?{}", values.len()));
    }
    if let Some(ids) = &query.article_ids {
        values.push(serde_json::to_string(ids)?);
        filters.push_str(&format!(
            " AND a.id IN (SELECT value FROM json_each(?{}))",
            values.len()
        ));
    }
    // One pass over the index: the matches, newest first, at most
    // RANK_WINDOW of them, with what ordering and facets need. Ranking,
    // counting, facets and paging are then done here on that window.
    let score = if query.order == SearchOrder::Relevance {
        "bm25(search_fts, 3.0, 1.0)"
    } else {
        "0.0"
    };
    let window_sql = format!(
        "SELECT f.rowid, {score}, a.published, a.language, a.outlet FROM search_fts f
           JOIN articles a ON a.rowid = f.rowid
         WHERE search_fts MATCH ?1{filters} ORDER BY f.rowid DESC LIMIT {limit}",
        limit = RANK_WINDOW + 1
    );
    struct Row {
        rowid: i64,
        score: f64,
        published: Option<String>,
        language: Option<String>,
        outlet: Option<String>,
    }
    let mut window: Vec<Row> = conn
        .prepare_cached(&window_sql)?
        .query_map(params_from_iter(values.iter()), |r| {
            Ok(Row {
                rowid: r.get(0)?,
                score: r.get(1)?,
                published: r.get(2)?,
                language: r.get(3)?,
                outlet: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let total_is_lower_bound = window.len() > RANK_WINDOW;
    window.truncate(RANK_WINDOW);
    match query.order {
        // bm25 is lower for better matches; ties newest first.
        SearchOrder::Relevance => window.sort_by(|a, b| a.score.total_cmp(&b.score).then(b.rowid.cmp(&a.rowid))),
        SearchOrder::Newest => window.sort_by(|a, b| {
            (a.published.is_none(), &b.published, b.rowid).cmp(&(b.published.is_none(), &a.published, a.rowid))
        }),
        SearchOrder::Oldest => window.sort_by(|a, b| {
            (a.published.is_none(), &a.published, a.rowid).cmp(&(b.published.is_none(), &b.published, b.rowid))
        }),
    }
    let facet = |pick: &dyn Fn(&Row) -> Option<&String>| -> Vec<FacetCount> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for row in &window {
            if let Some(v) = pick(row) {
                *counts.entry(v.as_str()).or_default() += 1;
            }
        }
        let mut out: Vec<FacetCount> = counts
            .into_iter()
            .map(|(value, count)| FacetCount {
                value: value.to_string(),
                count,
            })
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
        out.truncate(20);
        out
    };
    let languages = facet(&|r| r.language.as_ref());
    let outlets = facet(&|r| r.outlet.as_ref());
    let page_rows: Vec<i64> = window.iter().skip(offset).take(per_page).map(|r| r.rowid).collect();

    let mut stmt = conn.prepare_cached(
        "SELECT a.rowid, a.id, a.title, a.outlet, a.published, a.language,
                json_extract(a.body, '$.text'), json_extract(a.body, '$.sentences')
         FROM articles a WHERE a.rowid IN (SELECT value FROM json_each(?1))",
    )?;
    let mut fetched: BTreeMap<i64, SearchHit> = BTreeMap::new();
    let rows = stmt
        .query_map([serde_json::to_string(&page_rows)?], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (rowid, id, title, outlet, published, language, text, sentences) in rows {
        let text = text.unwrap_or_default();
        let sentences: Vec<recoupe_core::Span> = match sentences {
            Some(s) => serde_json::from_str(&s)?,
            None => Vec::new(),
        };
        let stemmer = stemmer_for(language.as_deref().unwrap_or(""));
        let snippet = snippet(&text, &sentences, &stems, stemmer.as_ref());
        let title = title.unwrap_or_else(|| short_title(&text));
        fetched.insert(
            rowid,
            SearchHit {
                article_id: id,
                title,
                outlet,
                published,
                language,
                snippet_html: snippet.html,
                sentence: snippet.sentence,
                matched_sentences: snippet.matched,
            },
        );
    }
    let hits = page_rows.iter().filter_map(|r| fetched.remove(r)).collect();
    Ok(Ok(SearchResults {
        hits,
        total: window.len(),
        total_is_lower_bound,
        page,
        per_page,
        languages,
        outlets,
    }))
}

/// An untitled article's title: its first words, cut at a word boundary.
pub fn short_title(text: &str) -> String {
    let first = text.split(['\n', '.']).next().unwrap_or("").trim();
    cut_at_word(first, 120)
}

pub use recoupe_core::cut_at_word;

struct Snippet {
    html: String,
    sentence: Option<usize>,
    matched: Vec<usize>,
}

/// The sentence with the most distinct query stems (the earliest on ties),
/// escaped, its matched words marked; long sentences are cut around the first
/// mark.
fn snippet(text: &str, sentences: &[recoupe_core::Span], stems: &[String], stemmer: Option<&Stemmer>) -> Snippet {
    let mut best: Option<(usize, usize, Vec<Term>)> = None;
    let mut matched = Vec::new();
    for (k, span) in sentences.iter().enumerate() {
        let Some(sentence) = span.slice(text) else { continue };
        // Cheap test first: a sentence without any stem as a substring of its
        // folded text has no match (stems are folded prefixes of their words).
        let folded = recoupe_text::fold(sentence);
        if !stems.iter().any(|st| folded.contains(st.as_str())) {
            continue;
        }
        let terms: Vec<Term> = analyze(sentence, stemmer)
            .into_iter()
            .filter(|t| stems.contains(&t.stem) || stems.contains(&recoupe_text::fold(&sentence[t.start..t.end])))
            .collect();
        if terms.is_empty() {
            continue;
        }
        if matched.len() < 50 {
            matched.push(k);
        }
        let distinct = {
            let mut s: Vec<&str> = terms.iter().map(|t| t.stem.as_str()).collect();
            s.sort_unstable();
            s.dedup();
            s.len()
        };
        if best.as_ref().is_none_or(|(n, _, _)| distinct > *n) {
            best = Some((distinct, k, terms));
        }
    }
    let Some((_, k, terms)) = best else {
        // Matched in the title only: the first sentence, unmarked.
        let first = sentences.first().and_then(|s| s.slice(text)).unwrap_or("");
        return Snippet {
            html: escape(&cut_at_word(first.trim(), 240)),
            sentence: sentences.first().map(|_| 0),
            matched,
        };
    };
    let sentence = sentences[k].slice(text).unwrap_or("");
    // A window of about 240 characters starting a little before the first mark.
    let first = terms.first().map_or(0, |t| t.start);
    let window_start = sentence[..first].char_indices().rev().nth(80).map_or(0, |(i, _)| i);
    let window_start = sentence[..window_start]
        .rfind(char::is_whitespace)
        .map_or(if window_start == 0 { 0 } else { window_start }, |i| i + 1);
    let window_end = sentence[window_start..]
        .char_indices()
        .nth(240)
        .map_or(sentence.len(), |(i, _)| window_start + i);
    let window_end = if window_end < sentence.len() {
        sentence[..window_end]
            .rfind(char::is_whitespace)
            .filter(|&i| i > first)
            .unwrap_or(window_end)
    } else {
        window_end
    };
    let mut html = String::new();
    if window_start > 0 {
        html.push('…');
    }
    let mut pos = window_start;
    for t in terms.iter().filter(|t| t.start >= window_start && t.end <= window_end) {
        html.push_str(&escape(&sentence[pos..t.start]));
        html.push_str("<mark>");
        html.push_str(&escape(&sentence[t.start..t.end]));
        html.push_str("</mark>");
        pos = t.end;
    }
    html.push_str(&escape(&sentence[pos..window_end]));
    if window_end < sentence.len() {
        html.push('…');
    }
    Snippet {
        html: html.trim().to_string(),
        sentence: Some(k),
        matched,
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// Outlet and language counts over the whole store (for the search page's
/// filters before any query).
pub fn filter_values(conn: &Connection) -> Result<BTreeMap<String, Vec<FacetCount>>, StoreError> {
    let mut out = BTreeMap::new();
    for column in ["language", "outlet"] {
        let sql = format!(
            "SELECT {column}, COUNT(*) AS n FROM articles WHERE {column} IS NOT NULL GROUP BY {column} ORDER BY n DESC, {column} LIMIT 50"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(FacetCount {
                    value: r.get(0)?,
                    count: r.get::<_, i64>(1)? as usize,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        out.insert(column.to_string(), rows);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str, lang: &str) -> Vec<String> {
        analyze(text, stemmer_for(lang).as_ref())
            .into_iter()
            .map(|t| t.stem)
            .collect()
    }

    #[test]
    fn analysis_folds_accents_elision_and_stems() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("L'armée d'Élise", "fr", &["arme", "elis"]),
            ("qu’il visitera les visites", "fr", &["il", "visit", "le", "visit"]),
            ("The ministers visited", "en", &["the", "minist", "visit"]),
            ("jusqu'à Moscou", "fr", &["a", "moscou"]),
            ("O'Brien", "en", &["o", "brien"]),
            ("62 % à 38,5", "fr", &["62", "a", "38", "5"]),
        ];
        for (text, lang, want) in cases {
            assert_eq!(stems(text, lang), *want, "{text}");
        }
    }

    #[test]
    fn days_are_checked() {
        for (day, ok) in [
            ("2025-06-22", true),
            ("2025-13-01", false),
            ("2025-6-22", false),
            ("x' OR 1=1", false),
        ] {
            assert_eq!(valid_day(day), ok, "{day}");
        }
    }

    #[test]
    fn snippets_escape_and_mark_only() {
        let text = "Le <b>ministre</b> & l'armée visitent Moscou.";
        let sentences = [recoupe_core::Span::new(0, text.len())];
        let st = stemmer_for("fr");
        let (_, stems) = match_expression("armées moscou", Some("fr")).expect("query");
        let s = snippet(text, &sentences, &stems, st.as_ref());
        assert_eq!(
            s.html,
            "Le &lt;b&gt;ministre&lt;/b&gt; &amp; l&#x27;<mark>armée</mark> visitent <mark>Moscou</mark>."
        );
        assert_eq!(s.sentence, Some(0));
    }
}
