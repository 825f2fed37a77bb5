//! `recoupe serve`: a read-only HTTP API (JSON, described by an OpenAPI
//! document) and a web UI over a snapshot of stories and their dossiers.
//!
//! The snapshot is computed before serving (by the caller, from the store),
//! so requests never run analysis and answers are consistent with each other.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use recoupe_core::{Article, Story};
use recoupe_dossier::Dossier;
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: String, source: std::io::Error },
    #[error("server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// What the server shows: stories with their dossiers, and the articles.
pub struct Snapshot {
    pub stories: Vec<Story>,
    pub dossiers: Vec<Dossier>,
    pub articles: Vec<Article>,
}

struct AppState {
    snapshot: Snapshot,
    /// Story id → index into `snapshot.dossiers`.
    dossier_of: BTreeMap<String, usize>,
}

/// A story in the list endpoint.
#[derive(Serialize)]
struct StorySummary<'a> {
    id: &'a str,
    title: &'a str,
    articles: usize,
    copies: usize,
}

/// Errors in the API carry a stable code, as clients match on it.
#[derive(Serialize)]
struct ApiError {
    code: &'static str,
    message: String,
}

fn not_found(what: &str, id: &str) -> Response {
    let body = ApiError {
        code: "not_found",
        message: format!("no {what} with id {id:?}"),
    };
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}

/// Builds the router (exposed for tests).
pub fn router(snapshot: Snapshot) -> Router {
    let dossier_of = snapshot
        .stories
        .iter()
        .filter_map(|s| {
            let i = snapshot.dossiers.iter().position(|d| d.story_id == s.id)?;
            Some((s.id.clone(), i))
        })
        .collect();
    let state = Arc::new(AppState { snapshot, dossier_of });
    Router::new()
        .route("/", get(index))
        .route("/stories/{id}", get(story_page))
        .route("/api/stories", get(api_stories))
        .route("/api/stories/{id}", get(api_story))
        .route("/api/stories/{id}/dossier", get(api_dossier))
        .route("/api/articles/{id}", get(api_article))
        .route("/api/search", get(api_search))
        .route("/openapi.json", get(openapi))
        .with_state(state)
}

/// Serves until Ctrl-C. Prints the address it listens on.
pub fn serve(snapshot: Snapshot, addr: SocketAddr) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: addr.to_string(),
                source,
            })?;
        eprintln!("recoupe: serving on http://{}", listener.local_addr()?);
        axum::serve(listener, router(snapshot))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}

fn summaries(state: &AppState) -> Vec<StorySummary<'_>> {
    state
        .snapshot
        .stories
        .iter()
        .map(|s| StorySummary {
            id: &s.id,
            title: &s.title,
            articles: s.article_ids.len(),
            copies: s.copy_groups.iter().map(|g| g.copies.len()).sum(),
        })
        .collect()
}

async fn api_stories(State(state): State<Arc<AppState>>) -> Response {
    Json(summaries(&state)).into_response()
}

async fn api_story(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match state.snapshot.stories.iter().find(|s| s.id == id) {
        Some(s) => Json(s).into_response(),
        None => not_found("story", &id),
    }
}

async fn api_dossier(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match state.dossier_of.get(&id).and_then(|&i| state.snapshot.dossiers.get(i)) {
        Some(d) => (
            [(header::CONTENT_TYPE, "application/json")],
            recoupe_dossier::render_json(d),
        )
            .into_response(),
        None => not_found("story", &id),
    }
}

async fn api_article(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match state.snapshot.articles.iter().find(|a| a.id == id) {
        Some(a) => Json(a).into_response(),
        None => not_found("article", &id),
    }
}

#[derive(Deserialize)]
struct SearchQuery {
    q: String,
}

#[derive(Serialize)]
struct SearchHit<'a> {
    article_id: &'a str,
    title: String,
    sentence: &'a str,
}

/// Sentences containing every query word (accents and case folded), in article order.
async fn api_search(State(state): State<Arc<AppState>>, Query(query): Query<SearchQuery>) -> Response {
    let words: Vec<String> = query.q.split_whitespace().map(recoupe_core::fold_key).collect();
    if words.is_empty() {
        let body = ApiError {
            code: "bad_query",
            message: "empty query".to_string(),
        };
        return (StatusCode::BAD_REQUEST, Json(body)).into_response();
    }
    let mut hits = Vec::new();
    for a in &state.snapshot.articles {
        for s in &a.sentences {
            let Some(text) = s.slice(&a.text) else { continue };
            let folded = recoupe_core::fold_key(text);
            if words.iter().all(|w| folded.contains(w.as_str())) {
                hits.push(SearchHit {
                    article_id: &a.id,
                    title: a.display_title(),
                    sentence: text,
                });
            }
            if hits.len() >= 200 {
                break;
            }
        }
    }
    Json(hits).into_response()
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn index(State(state): State<Arc<AppState>>) -> Html<String> {
    let mut rows = String::new();
    for s in summaries(&state) {
        rows.push_str(&format!(
            "<li><a href=\"/stories/{id}\">{title}</a> <span class=meta>{n} article(s), {c} cop(ies) · <a href=\"/api/stories/{id}/dossier\">JSON</a></span></li>\n",
            id = escape(s.id),
            title = escape(s.title),
            n = s.articles,
            c = s.copies
        ));
    }
    Html(format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>recoupe — stories</title>\
         <style>body{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}\
         li{{margin:.4rem 0}}.meta{{color:#666;font-size:.9em}}a{{color:#0b5cad}}</style></head>\
         <body><h1>Stories</h1><form action=/api/search><input name=q placeholder='search sentences'> <button>Search</button></form>\
         <ol>{rows}</ol><p class=meta>API: <a href=/openapi.json>OpenAPI</a></p></body></html>"
    ))
}

async fn story_page(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match state.dossier_of.get(&id).and_then(|&i| state.snapshot.dossiers.get(i)) {
        Some(d) => Html(recoupe_dossier::render_html(d)).into_response(),
        None => not_found("story", &id),
    }
}

/// HTML-escapes text and attribute values, with the workspace's one escaper.
fn escape(s: &str) -> String {
    html_escape::encode_quoted_attribute(s).into_owned()
}

const OPENAPI: &str = r#"{
  "openapi": "3.0.3",
  "info": {"title": "recoupe", "version": "1", "description": "Stories, dossiers and articles of a recoupe store. Errors are JSON objects {code, message} with a stable code."},
  "paths": {
    "/api/stories": {"get": {"summary": "All stories", "responses": {"200": {"description": "List of {id, title, articles, copies}"}}}},
    "/api/stories/{id}": {"get": {"summary": "One story: members, copy groups, join reasons", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "Story"}, "404": {"description": "not_found"}}}},
    "/api/stories/{id}/dossier": {"get": {"summary": "The story's dossier (schema: crates/dossier/SCHEMA.md)", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "Dossier"}, "404": {"description": "not_found"}}}},
    "/api/articles/{id}": {"get": {"summary": "One clean article with its sentences", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "Article"}, "404": {"description": "not_found"}}}},
    "/api/search": {"get": {"summary": "Sentences containing every word (accents folded)", "parameters": [{"name": "q", "in": "query", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "List of {article_id, title, sentence}"}, "400": {"description": "bad_query"}}}}
  }
}"#;
