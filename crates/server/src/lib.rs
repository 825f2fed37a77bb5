//! `recoupe serve`: a JSON API (described by a generated OpenAPI document)
//! and a web UI over a [`DataSource`].
//!
//! Module map:
//! - [`source`]: the data source trait and today's in-memory snapshot of the store;
//! - `api`: JSON handlers and the OpenAPI document;
//! - `ui`: server-rendered HTML pages and the embedded assets;
//! - `error`: the JSON error body and its stable codes;
//! - this file: configuration, the router, the guards every request passes
//!   (Host check, security headers, timeout, the cap on heavy requests,
//!   panics as JSON 500) and the hyper server loop (header-read timeout).

mod api;
mod error;
pub mod source;
mod ui;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use thiserror::Error;
use tokio::sync::Semaphore;

pub use error::{code, ErrorBody};
pub use source::{DataSource, LiveStatus, PersistedSource, SourceError};

#[derive(Debug, Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: String, source: std::io::Error },
    #[error("server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// How the server runs. [`ServeConfig::new`] gives the defaults.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub addr: SocketAddr,
    /// Host names accepted in the `Host` header besides loopback names and
    /// addresses (DNS-rebinding guard). The address served on is added.
    pub allowed_hosts: Vec<String>,
    /// Bearer token of writes (`RECOUPE_TOKEN`); writes are refused without one.
    pub token: Option<String>,
    /// Whole-request deadline.
    pub request_timeout: Duration,
    /// Time a client has to send its request headers.
    pub header_timeout: Duration,
    /// Heavy requests (everything but static assets) served at once.
    pub heavy_limit: usize,
    /// How long a heavy request waits for its turn before a 429.
    pub queue_wait: Duration,
    /// Largest request body (ingest), in bytes.
    pub body_limit: usize,
}

impl ServeConfig {
    pub fn new(addr: SocketAddr) -> ServeConfig {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        ServeConfig {
            addr,
            allowed_hosts: Vec::new(),
            token: None,
            request_timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(10),
            heavy_limit: (cores * 4).max(8),
            queue_wait: Duration::from_secs(5),
            body_limit: 16 * 1024 * 1024,
        }
    }
}

pub(crate) struct AppState {
    pub source: Arc<dyn DataSource>,
    pub config: ServeConfig,
    heavy: Semaphore,
}

/// Builds the router with every guard (exposed for tests).
pub fn router(source: Arc<dyn DataSource>, config: ServeConfig) -> Router {
    let state = Arc::new(AppState {
        heavy: Semaphore::new(config.heavy_limit.max(1)),
        source,
        config,
    });
    Router::new()
        .route("/", get(ui::stories_page))
        .route("/stories/{id}", get(ui::story_page))
        .route("/articles/{id}", get(ui::article_page))
        .route("/search", get(ui::search_page))
        .route("/entities", get(ui::entities_page))
        .route("/entities/{id}", get(ui::entity_page))
        .route("/assets/{name}", get(ui::asset))
        .route("/api/stories", get(api::stories))
        .route("/api/stories/{id}", get(api::story))
        .route("/api/stories/{id}/dossier", get(api::story_dossier))
        .route("/api/dossiers/{id}", get(api::dossier))
        .route("/api/articles", get(api::articles))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/entities", get(api::entities))
        .route("/api/entities/{id}", get(api::entity))
        .route("/api/search", get(api::search))
        .route("/api/filters", get(api::filters))
        .route("/api/status", get(api::status))
        .route("/api/ingest", post(api::ingest))
        .route("/api/openapi.json", get(api::openapi))
        .route("/openapi.json", get(api::openapi))
        .fallback(ui::not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), limit_heavy))
        .layer(middleware::from_fn_with_state(state.clone(), deadline))
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .layer(middleware::from_fn(security_headers))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panic_response))
        .with_state(state)
}

async fn method_not_allowed(request: Request) -> Response {
    error::ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        code::METHOD_NOT_ALLOWED,
        format!("{} is not allowed on {}", request.method(), request.uri().path()),
    )
    .into_response()
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    error::ApiError::internal(&"a handler panicked").into_response()
}

/// The headers every response carries: no inline script or style, no
/// framing, no MIME sniffing, no referrer leaking story ids.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
             form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    response
}

/// Whether `host` (a `Host` header value) names this server: a loopback name
/// or address, the address served on, or a configured name. A page on another
/// name that resolves to 127.0.0.1 (DNS rebinding) is refused.
pub fn host_allowed(host: &str, config: &ServeConfig) -> bool {
    let host = host.trim().to_ascii_lowercase();
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [::1]:8080
        rest.split(']').next().unwrap_or("").to_string()
    } else {
        match host.rsplit_once(':') {
            Some((n, port)) if port.bytes().all(|b| b.is_ascii_digit()) => n.to_string(),
            _ => host.clone(),
        }
    };
    if name.is_empty() {
        return false;
    }
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    if let Ok(ip) = name.parse::<std::net::IpAddr>() {
        if ip.is_loopback() || (ip == config.addr.ip() && !ip.is_unspecified()) {
            return true;
        }
    }
    config.allowed_hosts.iter().any(|h| h.eq_ignore_ascii_case(&name))
}

async fn check_host(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or_else(|| request.uri().authority().map(|a| a.to_string()));
    match host {
        Some(h) if host_allowed(&h, &state.config) => next.run(request).await,
        Some(h) => error::ApiError::new(
            StatusCode::BAD_REQUEST,
            code::BAD_HOST,
            format!("host {h:?} is not served here (add it with --allow-host)"),
        )
        .into_response(),
        None => error::ApiError::new(
            StatusCode::BAD_REQUEST,
            code::BAD_HOST,
            "the request has no Host header",
        )
        .into_response(),
    }
}

async fn deadline(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(state.config.request_timeout, next.run(request)).await {
        Ok(r) => r,
        Err(_) => error::ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            code::TIMEOUT,
            format!("the request took over {} s", state.config.request_timeout.as_secs()),
        )
        .into_response(),
    }
}

/// Caps the heavy requests served at once; the others wait their turn a
/// little, then get a 429 rather than stalling everyone.
async fn limit_heavy(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if request.uri().path().starts_with("/assets/") {
        return next.run(request).await;
    }
    let permit = match state.heavy.try_acquire() {
        Ok(p) => Some(p),
        Err(_) => tokio::time::timeout(state.config.queue_wait, state.heavy.acquire())
            .await
            .ok()
            .and_then(Result::ok),
    };
    match permit {
        Some(_permit) => next.run(request).await,
        None => {
            let mut r = error::ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                code::TOO_BUSY,
                "too many requests at once; retry shortly",
            )
            .into_response();
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            r
        }
    }
}

/// Serves until Ctrl-C on a multi-threaded runtime. Prints the address it listens on.
pub fn serve(source: Arc<dyn DataSource>, config: ServeConfig) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: config.addr.to_string(),
                source,
            })?;
        let local = listener.local_addr()?;
        eprintln!("recoupe: serving on http://{local}");
        let mut config = config;
        config.addr = local;
        run(listener, router(source, config.clone()), config.header_timeout, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
    })
}

/// Accepts connections until `shutdown`, each served by hyper with a
/// header-read timeout (a client that opens a connection and sends nothing is
/// dropped), then waits for requests under way.
pub async fn run(
    listener: tokio::net::TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<(), ServeError> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(header_timeout);
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _) = match accepted {
                    Ok(c) => c,
                    // Out of file descriptors and the like: wait, do not spin.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let service = hyper_util::service::TowerToHyperService::new(app.clone());
                let connection = builder.serve_connection(TokioIo::new(stream), service);
                let watched = graceful.watch(connection);
                tokio::spawn(async move {
                    let _ = watched.await;
                });
            }
            _ = &mut shutdown => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(10), graceful.shutdown()).await;
    Ok(())
}
