//! The JSON API. Each handler is described for the OpenAPI document
//! (`utoipa::path`), which is generated from these annotations.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use recoupe_core::{Document, Hints, MediaType, Origin};
use recoupe_pipeline::search::{SearchOrder, SearchQuery, MAX_PER_PAGE};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::error::{code, ApiError, ErrorBody};
use crate::source::{
    ArticleRow, CoEntity, EntityDetail, EntityListQuery, EntityRow, Facet, FilterValues, IngestItemError,
    IngestSummary, LiveStatus, Page, StoryListQuery, StoryRef, StoryRow, StorySort, MAX_PAGE_SIZE,
};
use crate::AppState;

/// Query parameters, with a JSON `bad_query` error when they do not parse.
pub struct Q<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Q<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::try_from_uri(&parts.uri) {
            Ok(Query(v)) => Ok(Q(v)),
            Err(e) => Err(ApiError::bad_query(e.body_text())),
        }
    }
}

/// A path parameter, with a JSON error when it does not decode.
pub struct Id(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(v)) => Ok(Id(v)),
            Err(e) => Err(ApiError::new(StatusCode::BAD_REQUEST, code::BAD_REQUEST, e.body_text())),
        }
    }
}

/// Runs blocking data-source work off the async threads.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r,
        Err(e) => Err(ApiError::internal(&e)),
    }
}

fn page_params(page: Option<usize>, per_page: Option<usize>, default: usize) -> Result<(usize, usize), ApiError> {
    let page = page.unwrap_or(1);
    let per_page = per_page.unwrap_or(default);
    if page == 0 {
        return Err(ApiError::bad_query("page starts at 1"));
    }
    if per_page == 0 || per_page > MAX_PAGE_SIZE {
        return Err(ApiError::bad_query(format!("per_page must be 1 to {MAX_PAGE_SIZE}")));
    }
    Ok((page, per_page))
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Paging of a list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// 1-based page number.
    #[param(minimum = 1)]
    pub page: Option<usize>,
    /// Items per page (1 to 100; default 50).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<usize>,
}

/// Filters, order and paging of the story list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StoryParams {
    pub sort: Option<StorySort>,
    /// ISO 639-1 language one of its articles is in.
    pub language: Option<String>,
    /// An outlet that published one of its articles (exact name).
    pub outlet: Option<String>,
    /// Words its title contains (accents and case folded).
    pub q: Option<String>,
    /// Only stories whose outlets disagree on something.
    pub disagreements: Option<bool>,
    #[param(minimum = 1)]
    pub page: Option<usize>,
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<usize>,
}

impl StoryParams {
    pub fn query(self, default_per_page: usize) -> Result<StoryListQuery, ApiError> {
        let (page, per_page) = page_params(self.page, self.per_page, default_per_page)?;
        Ok(StoryListQuery {
            sort: self.sort.unwrap_or_default(),
            language: non_empty(self.language),
            outlet: non_empty(self.outlet),
            text: non_empty(self.q),
            with_disagreements: self.disagreements.unwrap_or(false),
            page,
            per_page,
        })
    }
}

/// Filters and paging of the entity list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EntityParams {
    /// `person`, `organisation`, `place` or `other`.
    pub kind: Option<String>,
    /// Words of the name (accents and case folded).
    pub q: Option<String>,
    #[param(minimum = 1)]
    pub page: Option<usize>,
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<usize>,
}

impl EntityParams {
    pub fn query(self, default_per_page: usize) -> Result<EntityListQuery, ApiError> {
        let (page, per_page) = page_params(self.page, self.per_page, default_per_page)?;
        Ok(EntityListQuery {
            kind: non_empty(self.kind),
            text: non_empty(self.q),
            page,
            per_page,
        })
    }
}

/// Search order.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SearchSort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

/// A search: words, filters, order and page.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words, all required; French and English stems, accents and elision folded.
    #[param(required = true, min_length = 1)]
    pub q: Option<String>,
    /// First publication day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last publication day, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// ISO 639-1 language of the articles.
    pub language: Option<String>,
    /// Exact outlet name.
    pub outlet: Option<String>,
    /// Only the articles of this story.
    pub story: Option<String>,
    /// Only the articles mentioning this entity (its id, from `/api/entities`).
    pub entity: Option<String>,
    pub sort: Option<SearchSort>,
    #[param(minimum = 1, maximum = 20)]
    pub page: Option<usize>,
    /// Results per page (1 to 50; default 20).
    #[param(minimum = 1, maximum = 50)]
    pub per_page: Option<usize>,
}

impl SearchParams {
    /// The store's query; story and entity filters resolved to article ids by `state`.
    pub fn query(&self, state: &AppState) -> Result<SearchQuery, ApiError> {
        let text = self.q.clone().unwrap_or_default();
        if text.trim().is_empty() {
            return Err(ApiError::bad_query("q: give words to search for"));
        }
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(20);
        if page == 0 || per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(ApiError::bad_query(format!(
                "page starts at 1 and per_page is 1 to {MAX_PER_PAGE}"
            )));
        }
        let mut article_ids: Option<Vec<String>> = None;
        if let Some(story) = non_empty(self.story.clone()) {
            match state.source.story_articles(&story)? {
                Some(ids) => article_ids = Some(ids),
                None => return Err(ApiError::bad_query(format!("story: no story with id {story:?}"))),
            }
        }
        if let Some(entity) = non_empty(self.entity.clone()) {
            match state.source.entity_articles(&entity)? {
                Some(ids) => {
                    article_ids = Some(match article_ids {
                        Some(prev) => prev.into_iter().filter(|id| ids.contains(id)).collect(),
                        None => ids,
                    })
                }
                None => return Err(ApiError::bad_query(format!("entity: no entity with id {entity:?}"))),
            }
        }
        Ok(SearchQuery {
            text,
            from: non_empty(self.from.clone()),
            to: non_empty(self.to.clone()),
            language: non_empty(self.language.clone()),
            outlet: non_empty(self.outlet.clone()),
            article_ids,
            order: match self.sort.unwrap_or_default() {
                SearchSort::Relevance => SearchOrder::Relevance,
                SearchSort::Newest => SearchOrder::Newest,
                SearchSort::Oldest => SearchOrder::Oldest,
            },
            page,
            per_page,
        })
    }
}

/// One search hit.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHitBody {
    pub article_id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    /// The best sentence, HTML-escaped; matched words in `<mark>` (no other markup).
    pub snippet_html: String,
    /// Index of that sentence in the article.
    pub sentence: Option<usize>,
    pub matched_sentences: Vec<usize>,
}

/// A page of search results with facets.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    pub hits: Vec<SearchHitBody>,
    /// Matches counted (at most 2000, the newest matches).
    pub total: usize,
    /// True when there are more matches than `total`.
    pub total_is_lower_bound: bool,
    pub page: usize,
    pub per_page: usize,
    pub languages: Vec<Facet>,
    pub outlets: Vec<Facet>,
}

impl From<recoupe_pipeline::search::SearchResults> for SearchResponse {
    fn from(r: recoupe_pipeline::search::SearchResults) -> Self {
        SearchResponse {
            hits: r
                .hits
                .into_iter()
                .map(|h| SearchHitBody {
                    article_id: h.article_id,
                    title: h.title,
                    outlet: h.outlet,
                    published: h.published,
                    language: h.language,
                    snippet_html: h.snippet_html,
                    sentence: h.sentence,
                    matched_sentences: h.matched_sentences,
                })
                .collect(),
            total: r.total,
            total_is_lower_bound: r.total_is_lower_bound,
            page: r.page,
            per_page: r.per_page,
            languages: r.languages.into_iter().map(Facet::from).collect(),
            outlets: r.outlets.into_iter().map(Facet::from).collect(),
        }
    }
}

/// Runs a search (shared by the API and the search page).
pub async fn run_search(state: Arc<AppState>, params: SearchParams) -> Result<SearchResponse, ApiError> {
    blocking(move || {
        let query = params.query(&state)?;
        match state.source.search(&query)? {
            Ok(results) => Ok(SearchResponse::from(results)),
            Err(e) => Err(ApiError::bad_query(e.0)),
        }
    })
    .await
}

/// A story with its list row (outlets, languages, span, disagreements).
#[derive(Debug, Serialize, ToSchema)]
pub struct StoryBody {
    #[serde(flatten)]
    pub row: StoryRow,
    /// The story itself: members, copy groups, join reasons.
    #[schema(value_type = Object)]
    pub story: recoupe_core::Story,
}

/// One document to ingest, as JSON: `text` or `html`, and what is known of it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IngestDocument {
    /// Plain text (a scrape, a dispatch).
    pub text: Option<String>,
    /// A whole HTML page.
    pub html: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// Publication date (ISO 8601).
    pub published: Option<String>,
    /// ISO 639-1, when known.
    pub language: Option<String>,
}

/// The JSON ingest body: one document, or a list of them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum IngestBody {
    One(IngestDocument),
    Many(Vec<IngestDocument>),
}

/// Hints given as query parameters to an HTML or text ingest.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IngestParams {
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
}

/// Documents sent in one request, at most.
const MAX_DOCUMENTS: usize = 500;

#[utoipa::path(get, path = "/api/stories", tag = "stories", params(StoryParams),
    responses((status = 200, description = "A page of stories", body = Page<StoryRow>),
              (status = 400, description = "bad_query", body = ErrorBody),
              (status = 429, description = "too_busy", body = ErrorBody)))]
pub async fn stories(State(state): State<Arc<AppState>>, Q(params): Q<StoryParams>) -> Result<Response, ApiError> {
    let query = params.query(50)?;
    let page = blocking(move || Ok(state.source.stories(&query)?)).await?;
    Ok(Json(page).into_response())
}

#[utoipa::path(get, path = "/api/stories/{id}", tag = "stories",
    params(("id" = String, Path, description = "Story id")),
    responses((status = 200, description = "The story", body = StoryBody),
              (status = 404, description = "not_found", body = ErrorBody)))]
pub async fn story(State(state): State<Arc<AppState>>, Id(id): Id) -> Result<Response, ApiError> {
    let found = blocking(move || {
        state
            .source
            .story(&id)?
            .ok_or_else(|| ApiError::not_found("story", &id))
    })
    .await?;
    Ok(Json(StoryBody {
        row: found.1,
        story: found.0,
    })
    .into_response())
}

#[utoipa::path(get, path = "/api/stories/{id}/dossier", tag = "dossiers",
    params(("id" = String, Path, description = "Story id")),
    responses((status = 200, description = "The dossier (schema: crates/dossier/SCHEMA.md)", body = Object),
              (status = 404, description = "not_found", body = ErrorBody)))]
pub async fn story_dossier(State(state): State<Arc<AppState>>, Id(id): Id) -> Result<Response, ApiError> {
    dossier_json(state, id).await
}

#[utoipa::path(get, path = "/api/dossiers/{id}", tag = "dossiers",
    params(("id" = String, Path, description = "Story id")),
    responses((status = 200, description = "The dossier (schema: crates/dossier/SCHEMA.md)", body = Object),
              (status = 404, description = "not_found", body = ErrorBody)))]
pub async fn dossier(State(state): State<Arc<AppState>>, Id(id): Id) -> Result<Response, ApiError> {
    dossier_json(state, id).await
}

async fn dossier_json(state: Arc<AppState>, id: String) -> Result<Response, ApiError> {
    let json = blocking(move || {
        let json = state
            .source
            .dossier_json(&id)?
            .ok_or_else(|| ApiError::not_found("story", &id))?;
        Ok(String::clone(&json))
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

#[utoipa::path(get, path = "/api/articles", tag = "articles", params(PageParams),
    responses((status = 200, description = "A page of articles, in ingest order", body = Page<ArticleRow>),
              (status = 400, description = "bad_query", body = ErrorBody)))]
pub async fn articles(State(state): State<Arc<AppState>>, Q(params): Q<PageParams>) -> Result<Response, ApiError> {
    let (page, per_page) = page_params(params.page, params.per_page, 50)?;
    let page = blocking(move || Ok(state.source.articles(page, per_page)?)).await?;
    Ok(Json(page).into_response())
}

#[utoipa::path(get, path = "/api/articles/{id}", tag = "articles",
    params(("id" = String, Path, description = "Article id (16 hex digits)")),
    responses((status = 200, description = "The clean article with its sentences", body = Object),
              (status = 404, description = "not_found", body = ErrorBody)))]
pub async fn article(State(state): State<Arc<AppState>>, Id(id): Id) -> Result<Response, ApiError> {
    let view = blocking(move || {
        state
            .source
            .article(&id)?
            .ok_or_else(|| ApiError::not_found("article", &id))
    })
    .await?;
    Ok(Json(view.article).into_response())
}

#[utoipa::path(get, path = "/api/entities", tag = "entities", params(EntityParams),
    responses((status = 200, description = "A page of entities, most stories first", body = Page<EntityRow>),
              (status = 400, description = "bad_query", body = ErrorBody)))]
pub async fn entities(State(state): State<Arc<AppState>>, Q(params): Q<EntityParams>) -> Result<Response, ApiError> {
    let query = params.query(50)?;
    let page = blocking(move || Ok(state.source.entities(&query)?)).await?;
    Ok(Json(page).into_response())
}

#[utoipa::path(get, path = "/api/entities/{id}", tag = "entities",
    params(("id" = String, Path, description = "Entity id (its key)")),
    responses((status = 200, description = "Aliases, stories and co-occurring entities", body = EntityDetail),
              (status = 404, description = "not_found", body = ErrorBody)))]
pub async fn entity(State(state): State<Arc<AppState>>, Id(id): Id) -> Result<Response, ApiError> {
    let e = blocking(move || {
        state
            .source
            .entity(&id)?
            .ok_or_else(|| ApiError::not_found("entity", &id))
    })
    .await?;
    Ok(Json(e).into_response())
}

#[utoipa::path(get, path = "/api/search", tag = "search", params(SearchParams),
    responses((status = 200, description = "A page of hits with facets", body = SearchResponse),
              (status = 400, description = "bad_query", body = ErrorBody),
              (status = 429, description = "too_busy", body = ErrorBody)))]
pub async fn search(State(state): State<Arc<AppState>>, Q(params): Q<SearchParams>) -> Result<Response, ApiError> {
    Ok(Json(run_search(state, params).await?).into_response())
}

#[utoipa::path(get, path = "/api/filters", tag = "search",
    responses((status = 200, description = "Languages and outlets with their article counts", body = FilterValues)))]
pub async fn filters(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let values = blocking(move || Ok(state.source.filter_values()?)).await?;
    Ok(Json(values).into_response())
}

#[utoipa::path(get, path = "/api/status", tag = "stories",
    responses((status = 200, description = "Whether the persisted stories have read every stored article", body = LiveStatus)))]
pub async fn status(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let status = blocking(move || Ok(state.source.status()?)).await?;
    Ok(Json(status).into_response())
}

#[utoipa::path(post, path = "/api/ingest", tag = "ingest", params(IngestParams),
    request_body(description = "JSON (one document or a list), an HTML page, or plain text",
        content((IngestBody = "application/json"), (String = "text/html"), (String = "text/plain"))),
    responses((status = 200, description = "What was stored", body = IngestSummary),
              (status = 400, description = "bad_json", body = ErrorBody),
              (status = 401, description = "unauthorized", body = ErrorBody),
              (status = 403, description = "writes_disabled", body = ErrorBody),
              (status = 413, description = "payload_too_large", body = ErrorBody),
              (status = 415, description = "unsupported_media_type", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn ingest(State(state): State<Arc<AppState>>, request: Request) -> Result<Response, ApiError> {
    let (mut parts, body) = request.into_parts();
    authorize(&state, &parts.headers)?;
    let kind = media_kind(&parts.headers)?;
    let Q(params) = Q::<IngestParams>::from_request_parts(&mut parts, &()).await?;
    let bytes = read_body(body, request_length(&parts.headers), state.config.body_limit).await?;
    let documents = documents(kind, params, &bytes)?;
    let summary = blocking(move || Ok(state.source.ingest(documents)?)).await?;
    Ok(Json(summary).into_response())
}

#[derive(Clone, Copy)]
enum Kind {
    Json,
    Html,
    Text,
}

fn media_kind(headers: &HeaderMap) -> Result<Kind, ApiError> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match ct.as_str() {
        "application/json" => Ok(Kind::Json),
        "text/html" => Ok(Kind::Html),
        "text/plain" => Ok(Kind::Text),
        other => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            code::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "content type {:?} is not accepted: send application/json, text/html or text/plain",
                if other.is_empty() { "(none)" } else { other }
            ),
        )),
    }
}

fn request_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        code::PAYLOAD_TOO_LARGE,
        format!("the body is over the limit of {limit} bytes"),
    )
}

async fn read_body(body: Body, declared: Option<u64>, limit: usize) -> Result<Vec<u8>, ApiError> {
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large(limit));
    }
    match axum::body::to_bytes(body, limit).await {
        Ok(b) => Ok(b.to_vec()),
        Err(e) => {
            // A length-limit error is the client's; anything else is a broken upload.
            let text = format!("{e}");
            if std::error::Error::source(&e).is_some_and(|s| s.to_string().contains("length limit"))
                || text.contains("length limit")
            {
                Err(too_large(limit))
            } else {
                Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    code::BAD_REQUEST,
                    format!("cannot read the body: {text}"),
                ))
            }
        }
    }
}

/// Checks the bearer token of a write.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = state.config.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            code::WRITES_DISABLED,
            "writes are disabled: start the server with RECOUPE_TOKEN set",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match given {
        Some(g) if constant_time_eq(g.trim().as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            code::UNAUTHORIZED,
            "wrong token",
        )),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            code::UNAUTHORIZED,
            "writes need `Authorization: Bearer <RECOUPE_TOKEN>`",
        )),
    }
}

/// Compares without an early exit, so timing tells nothing of the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for (i, x) in a.iter().enumerate() {
        diff |= (*x ^ b.get(i % b.len().max(1)).copied().unwrap_or(0)) as usize;
    }
    diff == 0
}

fn hints(
    title: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
    published: Option<String>,
    language: Option<String>,
) -> Hints {
    Hints {
        title: non_empty(title),
        published: non_empty(published),
        author: non_empty(author),
        outlet: non_empty(outlet),
        url: non_empty(url),
        language: non_empty(language),
        charset: None,
    }
}

fn documents(kind: Kind, params: IngestParams, body: &[u8]) -> Result<Vec<Document>, ApiError> {
    let one = |media: MediaType, raw: Vec<u8>, h: Hints| Document::new(Origin::Stdin, media, raw).with_hints(h);
    let bad = |m: String| ApiError::new(StatusCode::BAD_REQUEST, code::BAD_REQUEST, m);
    match kind {
        Kind::Html | Kind::Text => {
            if body.iter().all(u8::is_ascii_whitespace) {
                return Err(bad("the body is empty".to_string()));
            }
            let media = if matches!(kind, Kind::Html) {
                MediaType::Html
            } else {
                MediaType::Text
            };
            let h = hints(
                params.title,
                params.url,
                params.outlet,
                params.author,
                params.published,
                params.language,
            );
            Ok(vec![one(media, body.to_vec(), h)])
        }
        Kind::Json => {
            let parsed: IngestBody = serde_json::from_slice(body)
                .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, code::BAD_JSON, format!("malformed JSON: {e}")))?;
            let docs = match parsed {
                IngestBody::One(d) => vec![d],
                IngestBody::Many(ds) => ds,
            };
            if docs.is_empty() {
                return Err(bad("no document in the list".to_string()));
            }
            if docs.len() > MAX_DOCUMENTS {
                return Err(bad(format!(
                    "{} documents; at most {MAX_DOCUMENTS} per request",
                    docs.len()
                )));
            }
            docs.into_iter()
                .enumerate()
                .map(|(i, d)| {
                    let (media, raw) = match (d.text, d.html) {
                        (Some(t), None) if !t.trim().is_empty() => (MediaType::Text, t.into_bytes()),
                        (None, Some(h)) if !h.trim().is_empty() => (MediaType::Html, h.into_bytes()),
                        _ => {
                            return Err(bad(format!(
                                "document {i}: give exactly one of `text` or `html`, not empty"
                            )))
                        }
                    };
                    Ok(one(
                        media,
                        raw,
                        hints(d.title, d.url, d.outlet, d.author, d.published, d.language),
                    ))
                })
                .collect()
        }
    }
}

/// The OpenAPI document, generated from the annotations above.
#[derive(OpenApi)]
#[openapi(
    info(title = "recoupe", description = "Stories, dossiers, entities, articles and search over a recoupe store. \
        Every error is `{\"error\": {\"code\", \"message\"}}` with a stable code."),
    paths(stories, story, story_dossier, dossier, articles, article, entities, entity, search, filters, status, ingest),
    components(schemas(ErrorBody, StoryRow, ArticleRow, EntityRow, EntityDetail, StoryRef, CoEntity, Facet,
        FilterValues, IngestSummary, IngestItemError, IngestDocument, IngestBody, SearchResponse, SearchHitBody,
        StoryBody, StorySort, SearchSort, LiveStatus)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub async fn openapi() -> Response {
    match ApiDoc::openapi().to_json() {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(e) => ApiError::internal(&e).into_response(),
    }
}
