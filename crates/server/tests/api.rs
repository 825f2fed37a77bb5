//! The server on loopback over a real store: the API, every kind of bad
//! request with its JSON error code, the guards (Host, token, busy), and
//! hostile article text inert in every page.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use recoupe_pipeline::Analyzer;
use recoupe_server::{router, run, PersistedSource, ServeConfig};

const TOKEN: &str = "test-token-0123";

struct Server {
    addr: SocketAddr,
    _dir: tempfile::TempDir,
}

fn start_with(adjust: impl FnOnce(&mut ServeConfig)) -> Server {
    let dir = tempfile::tempdir().expect("tempdir");
    let source = PersistedSource::open(dir.path().to_path_buf(), Analyzer::new()).expect("source");
    let (tx, rx) = std::sync::mpsc::channel();
    let mut config = ServeConfig::new("127.0.0.1:0".parse().expect("addr"));
    config.token = Some(TOKEN.to_string());
    config.body_limit = 64 * 1024;
    adjust(&mut config);
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let local = listener.local_addr().expect("addr");
            config.addr = local;
            let _ = tx.send(local);
            let timeout = config.header_timeout;
            let _ = run(
                listener,
                router(Arc::new(source), config),
                timeout,
                std::future::pending(),
            )
            .await;
        });
    });
    Server {
        addr: rx.recv().expect("server address"),
        _dir: dir,
    }
}

fn start() -> Server {
    start_with(|_| {})
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .new_agent()
}

struct Reply {
    status: u16,
    body: String,
    headers: Vec<(String, String)>,
}

impl Reply {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    fn code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or("").to_string()
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn reply(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
    let mut r = r.expect("request");
    let headers = r
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    Reply {
        status: r.status().as_u16(),
        body: r.body_mut().read_to_string().unwrap_or_default(),
        headers,
    }
}

fn get(s: &Server, path: &str) -> Reply {
    reply(agent().get(format!("http://{}{path}", s.addr)).call())
}

fn post(s: &Server, path: &str, content_type: &str, token: Option<&str>, body: &str) -> Reply {
    let mut req = agent()
        .post(format!("http://{}{path}", s.addr))
        .header("content-type", content_type);
    if let Some(t) = token {
        req = req.header("authorization", &format!("Bearer {t}"));
    }
    reply(req.send(body))
}

fn ingest_json(s: &Server, body: &serde_json::Value) -> Reply {
    post(s, "/api/ingest", "application/json", Some(TOKEN), &body.to_string())
}

fn story_text(i: usize) -> String {
    format!(
        "Le ministre des Mines est arrivé à Dakar le lundi 3 mars 2025 pour une visite officielle de trois jours. \
         Il a signé deux accords avec le gouvernement. « Nous voulons des investissements durables », a déclaré le ministre. \
         La visite, selon la source numéro {i}, doit s'achever mercredi."
    )
}

/// Three articles of one story in two outlets.
fn seed(s: &Server) -> serde_json::Value {
    let docs: Vec<serde_json::Value> = (0..3)
        .map(|i| {
            serde_json::json!({
                "text": story_text(i),
                "title": format!("Le ministre des Mines en visite à Dakar ({i})"),
                "outlet": if i == 0 { "Journal Un" } else { "Journal Deux" },
                "url": format!("https://example.org/{i}"),
                "published": "2025-03-03",
                "language": "fr",
            })
        })
        .collect();
    let r = ingest_json(s, &serde_json::Value::Array(docs));
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

#[test]
fn api_lists_articles_stories_dossiers_entities_and_search() {
    let s = start();
    let summary = seed(&s);
    assert_eq!(summary["articles"], 3, "{summary}");
    assert_eq!(summary["article_ids"].as_array().map(Vec::len), Some(3));

    let r = get(&s, "/api/articles?per_page=2");
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["total"], 3);
    assert_eq!(v["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["pages"], 2);

    let r = get(&s, "/api/stories");
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let story = v["items"][0]["id"].as_str().expect("story id").to_string();
    assert_eq!(v["items"][0]["articles"], 3);
    assert_eq!(
        v["items"][0]["outlets"],
        serde_json::json!(["Journal Deux", "Journal Un"])
    );
    assert_eq!(v["items"][0]["first_day"], "2025-03-03");

    let r = get(&s, &format!("/api/stories/{story}"));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["story"]["article_ids"].as_array().map(Vec::len), Some(3));
    for path in [
        format!("/api/stories/{story}/dossier"),
        format!("/api/dossiers/{story}"),
    ] {
        let r = get(&s, &path);
        assert_eq!(r.status, 200);
        assert_eq!(r.json()["story_id"], story.as_str());
    }

    let r = get(&s, "/api/entities");
    assert_eq!(r.status, 200);
    let v = r.json();
    let dakar = v["items"]
        .as_array()
        .and_then(|a| a.iter().find(|e| e["name"] == "Dakar"))
        .expect("Dakar among the entities")
        .clone();
    let r = get(&s, &format!("/api/entities/{}", dakar["id"].as_str().unwrap_or("")));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["stories"][0]["id"], story.as_str());

    // Stems and accents: "visites" and "arrivée" find "visite", "arrivé".
    let r = get(&s, "/api/search?q=visites%20arriv%C3%A9e&per_page=2");
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["total"], 3);
    assert_eq!(v["hits"].as_array().map(Vec::len), Some(2));
    let snippet = v["hits"][0]["snippet_html"].as_str().unwrap_or("");
    assert!(
        snippet.contains("<mark>arrivé</mark>") && snippet.contains("<mark>visite</mark>"),
        "{snippet}"
    );
    assert_eq!(
        v["outlets"][0],
        serde_json::json!({"value": "Journal Deux", "count": 2})
    );
    let r = get(&s, "/api/search?q=visite&outlet=Journal%20Un");
    assert_eq!(r.json()["total"], 1);
    let r = get(&s, "/api/search?q=visite&from=2025-03-04");
    assert_eq!(r.json()["total"], 0);
    let r = get(&s, &format!("/api/search?q=visite&story={story}&sort=newest"));
    assert_eq!(r.json()["total"], 3);

    let r = get(&s, "/api/openapi.json");
    assert_eq!(r.status, 200);
    let doc = r.json();
    for path in ["/api/stories", "/api/search", "/api/ingest", "/api/entities/{id}"] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} missing from the OpenAPI document"
        );
    }
}

/// One request per kind of bad request, each answered with its JSON code.
#[test]
fn every_bad_request_gets_its_json_error() {
    let s = start();
    let huge = "x".repeat(100 * 1024);
    let cases: Vec<(&str, Reply, u16, &str)> = vec![
        (
            "malformed JSON",
            post(&s, "/api/ingest", "application/json", Some(TOKEN), "{\"text\": "),
            400,
            "bad_json",
        ),
        (
            "JSON of the wrong shape",
            post(&s, "/api/ingest", "application/json", Some(TOKEN), "{\"texte\": \"x\"}"),
            400,
            "bad_json",
        ),
        (
            "huge body",
            post(&s, "/api/ingest", "text/plain", Some(TOKEN), &huge),
            413,
            "payload_too_large",
        ),
        ("unknown story", get(&s, "/api/stories/nope"), 404, "not_found"),
        ("unknown dossier", get(&s, "/api/dossiers/nope"), 404, "not_found"),
        (
            "unknown article",
            get(&s, "/api/articles/0123456789abcdef"),
            404,
            "not_found",
        ),
        ("unknown entity", get(&s, "/api/entities/nobody"), 404, "not_found"),
        (
            "bad query: not a number",
            get(&s, "/api/stories?page=abc"),
            400,
            "bad_query",
        ),
        ("bad query: page 0", get(&s, "/api/articles?page=0"), 400, "bad_query"),
        (
            "bad query: page too large",
            get(&s, "/api/stories?per_page=1000"),
            400,
            "bad_query",
        ),
        (
            "bad query: unknown sort",
            get(&s, "/api/stories?sort=sideways"),
            400,
            "bad_query",
        ),
        (
            "bad query: empty search",
            get(&s, "/api/search?q=%20"),
            400,
            "bad_query",
        ),
        (
            "bad query: no word",
            get(&s, "/api/search?q=%22%2A%28"),
            400,
            "bad_query",
        ),
        (
            "bad query: bad day",
            get(&s, "/api/search?q=a&from=2025-13-40"),
            400,
            "bad_query",
        ),
        (
            "bad query: too deep",
            get(&s, "/api/search?q=a&page=60&per_page=20"),
            400,
            "bad_query",
        ),
        (
            "bad query: unknown story filter",
            get(&s, "/api/search?q=a&story=nope"),
            400,
            "bad_query",
        ),
        (
            "missing token",
            post(&s, "/api/ingest", "text/plain", None, "Un texte."),
            401,
            "unauthorized",
        ),
        (
            "wrong token",
            post(&s, "/api/ingest", "text/plain", Some("nope"), "Un texte."),
            401,
            "unauthorized",
        ),
        (
            "wrong method",
            post(&s, "/api/stories", "application/json", Some(TOKEN), "{}"),
            405,
            "method_not_allowed",
        ),
        (
            "wrong method on ingest",
            reply(agent().get(format!("http://{}/api/ingest", s.addr)).call()),
            405,
            "method_not_allowed",
        ),
        ("unknown route", get(&s, "/api/nothing-here"), 404, "no_route"),
        ("unknown route outside the API", get(&s, "/wp-admin"), 404, "no_route"),
        (
            "wrong content type",
            post(&s, "/api/ingest", "application/pdf", Some(TOKEN), "%PDF"),
            415,
            "unsupported_media_type",
        ),
        (
            "no content type",
            reply(
                agent()
                    .post(format!("http://{}/api/ingest", s.addr))
                    .header("authorization", &format!("Bearer {TOKEN}"))
                    .send(&b"x"[..]),
            ),
            415,
            "unsupported_media_type",
        ),
        (
            "empty document",
            post(&s, "/api/ingest", "application/json", Some(TOKEN), "[]"),
            400,
            "bad_request",
        ),
    ];
    for (what, r, status, code) in cases {
        assert_eq!(r.status, status, "{what}: {}", r.body);
        assert_eq!(r.code(), code, "{what}: {}", r.body);
        assert!(
            r.json()["error"]["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{what}"
        );
        assert_eq!(r.header("content-type"), Some("application/json"), "{what}");
    }
}

#[test]
fn writes_are_refused_without_a_configured_token() {
    let s = start_with(|c| c.token = None);
    let r = post(&s, "/api/ingest", "text/plain", Some(TOKEN), "Un texte.");
    assert_eq!((r.status, r.code().as_str()), (403, "writes_disabled"));
}

#[test]
fn over_the_heavy_cap_is_429_json() {
    let s = start_with(|c| {
        c.heavy_limit = 1;
        c.queue_wait = Duration::from_millis(0);
    });
    // Many requests at once against one permit: some must be turned away with 429.
    let handles: Vec<_> = (0..24)
        .map(|_| {
            let addr = s.addr;
            std::thread::spawn(move || reply(agent().get(format!("http://{addr}/api/search?q=ministre")).call()))
        })
        .collect();
    let replies: Vec<Reply> = handles.into_iter().map(|h| h.join().expect("thread")).collect();
    let busy: Vec<&Reply> = replies.iter().filter(|r| r.status == 429).collect();
    assert!(replies.iter().all(|r| r.status == 200 || r.status == 429));
    assert!(!busy.is_empty(), "no request was turned away");
    for r in busy {
        assert_eq!(r.code(), "too_busy");
        assert_eq!(r.header("retry-after"), Some("1"));
    }
}

#[test]
fn foreign_host_names_are_refused_and_headers_are_set() {
    let s = start();
    for (host, ok) in [
        ("localhost", true),
        ("127.0.0.1:8080", true),
        ("[::1]:80", true),
        ("evil.example", false),
        ("evil.example:8080", false),
        ("127.0.0.1.evil.example", false),
    ] {
        let r = reply(
            agent()
                .get(format!("http://{}/api/stories", s.addr))
                .header("host", host)
                .call(),
        );
        if ok {
            assert_eq!(r.status, 200, "{host}: {}", r.body);
        } else {
            assert_eq!((r.status, r.code().as_str()), (400, "bad_host"), "{host}");
        }
    }
    for path in ["/", "/api/stories", "/api/nope", "/assets/app.css"] {
        let r = get(&s, path);
        let csp = r.header("content-security-policy").unwrap_or("");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"), "{path}");
        assert_eq!(r.header("x-frame-options"), Some("DENY"), "{path}");
        assert!(r.header("referrer-policy").is_some(), "{path}");
    }
}

#[test]
fn half_open_connections_are_closed() {
    use std::io::{Read, Write};
    let s = start_with(|c| c.header_timeout = Duration::from_millis(300));
    let mut stream = std::net::TcpStream::connect(s.addr).expect("connect");
    stream
        .write_all(b"GET /api/stories HTTP/1.1\r\nHost: loc")
        .expect("write");
    stream.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
    let mut buf = Vec::new();
    let started = std::time::Instant::now();
    let _ = stream.read_to_end(&mut buf);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the server kept a half-sent request open"
    );
}

const HOSTILE: &str = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";

/// Hostile text in every field an article carries stays text in every page.
#[test]
fn hostile_text_is_inert_in_every_page() {
    let s = start();
    let body = format!(
        "Le ministre {HOSTILE} est arrivé à Dakar le lundi 3 mars 2025. « Nous {HOSTILE} voulons la paix », a déclaré le ministre. \
         Il a signé deux accords {HOSTILE} avec le gouvernement."
    );
    let docs: Vec<serde_json::Value> = (0..2)
        .map(|i| {
            serde_json::json!({
                "text": body,
                "title": format!("{HOSTILE} titre {i}"),
                "outlet": format!("{HOSTILE} outlet {i}"),
                "author": HOSTILE,
                "url": "javascript:alert(3)",
                "published": "2025-03-03",
                "language": "fr",
            })
        })
        .collect();
    let r = ingest_json(&s, &serde_json::Value::Array(docs));
    assert_eq!(r.status, 200, "{}", r.body);
    let ids: Vec<String> = r.json()["article_ids"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    assert_eq!(ids.len(), 2);
    let story = get(&s, "/api/stories").json()["items"][0]["id"]
        .as_str()
        .expect("a story")
        .to_string();
    let entities = get(&s, "/api/entities").json();
    let mut pages = vec![
        "/".to_string(),
        format!("/stories/{story}"),
        format!("/articles/{}", ids[0]),
        format!("/articles/{}?hl=0,1", ids[1]),
        "/search?q=ministre".to_string(),
        "/search?q=script%20alert".to_string(),
        "/entities".to_string(),
    ];
    for e in entities["items"].as_array().into_iter().flatten() {
        pages.push(format!("/entities/{}", e["id"].as_str().unwrap_or("")));
    }
    for path in &pages {
        let r = get(&s, path);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert_inert(path, &r.body);
    }
    // The HTML dossier written by `recoupe brief --format html`.
    let dossier: recoupe_pipeline::Dossier =
        serde_json::from_str(&get(&s, &format!("/api/dossiers/{story}")).body).expect("dossier JSON");
    assert!(dossier
        .sources
        .iter()
        .any(|s| s.url.as_deref() == Some("javascript:alert(3)")));
    assert_inert("render_html", &recoupe_pipeline::dossier::render_html(&dossier));
    assert_inert(
        "render_html_many",
        &recoupe_pipeline::render_html_many(std::slice::from_ref(&dossier)),
    );
}

fn assert_inert(path: &str, html: &str) {
    let lower = html.to_ascii_lowercase();
    for bad in [
        "<script>",
        "<img",
        "onerror=",
        "href=\"javascript:",
        "href='javascript:",
        "src=x",
    ] {
        let live = match bad {
            // Attribute names are harmless inside escaped text; they matter only in a tag.
            "onerror=" | "src=x" => lower.contains(&format!(" {bad}")) && lower.contains("<img"),
            _ => lower.contains(bad),
        };
        assert!(!live, "{path}: `{bad}` is live in the page");
    }
    // The only script is the embedded one; no inline style or script anywhere.
    let scripts = lower.matches("<script").count();
    assert!(scripts <= 1, "{path}: {scripts} script tags");
    if scripts == 1 {
        assert!(
            lower.contains("<script src=\"/assets/app.js\" defer></script>"),
            "{path}"
        );
    }
    assert!(!lower.contains(" style=\""), "{path}: inline style");
    assert!(!lower.contains("javascript:alert(3)\""), "{path}: URL in an attribute");
}

#[test]
fn ui_pages_render_and_paginate() {
    let s = start();
    seed(&s);
    let r = get(&s, "/");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("1 story"), "{}", r.body);
    assert!(r.body.contains("Journal Deux, Journal Un"));
    let story = get(&s, "/api/stories").json()["items"][0]["id"]
        .as_str()
        .expect("story")
        .to_string();
    let r = get(&s, &format!("/stories/{story}"));
    assert_eq!(r.status, 200);
    assert!(r.body.contains("← All stories"));
    assert!(r.body.contains("3 sources"));
    let r = get(&s, "/search?q=visites&per_page=1");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<mark>visite</mark>"), "{}", r.body);
    assert!(r.body.contains("rel=\"next\""), "a second page is linked");
    assert!(
        !r.body.trim_start().starts_with('{'),
        "the search page is HTML, never raw JSON"
    );
    let r = get(&s, "/stories/nope");
    assert_eq!(r.status, 404);
    let r = reply(
        agent()
            .get(format!("http://{}/nowhere", s.addr))
            .header("accept", "text/html")
            .call(),
    );
    assert_eq!(r.status, 404);
    assert!(r.body.contains("<!DOCTYPE html>"));
    for (asset, kind) in [
        ("app.css", "text/css"),
        ("app.js", "text/javascript"),
        ("icon.svg", "image/svg+xml"),
    ] {
        let r = get(&s, &format!("/assets/{asset}"));
        assert_eq!(r.status, 200);
        assert!(r.header("content-type").unwrap_or("").starts_with(kind));
    }
}
