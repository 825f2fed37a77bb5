//! Work distribution over NATS JetStream.
//!
//! `recoupe feed` reads inputs into documents and publishes each to the
//! stream's subject with `Nats-Msg-Id` set to the document's identity (its
//! hash), so a document fed twice within the stream's duplicate window is
//! stored in the stream once. `recoupe worker` pull-consumes batches through a
//! durable consumer shared by every worker (a work queue: each message goes to
//! one of them), runs extract → analyse → persist in one database transaction,
//! and acknowledges a message only after that commit. A worker that dies
//! before acknowledging leaves its messages to be redelivered after the ack
//! wait; storing is idempotent by document identity, so a redelivered message
//! never creates a duplicate.
//!
//! The stream keeps only unacknowledged messages (work-queue retention): its
//! message count is the backlog.

mod message;
mod metrics;
mod worker;

use std::time::Duration;

use async_nats::jetstream;
use thiserror::Error;

pub use message::{decode_document, encode_document, MessageError};
pub use metrics::Metrics;
pub use worker::{run_worker, Stop, WorkerOptions, WorkerReport};

/// Failures that stop a feed or a worker.
#[derive(Debug, Error)]
pub enum QueueError {
    #[error("cannot connect to NATS at {url}: {message}")]
    Connect { url: String, message: String },
    #[error("NATS JetStream: {context}: {message}")]
    JetStream { context: String, message: String },
    #[error(transparent)]
    Store(#[from] recoupe_pipeline::StoreError),
    #[error("cannot serve the metrics on {addr}: {source}")]
    Metrics { addr: String, source: std::io::Error },
    #[error("cannot start the runtime: {0}")]
    Runtime(std::io::Error),
    #[error("the processing thread stopped unexpectedly")]
    ProcessingThread,
}

impl QueueError {
    fn jetstream(context: impl Into<String>) -> impl FnOnce(String) -> QueueError {
        let context = context.into();
        move |message| QueueError::JetStream { context, message }
    }
}

/// The stream, subject and durable consumer a desk's feeders and workers share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueNames {
    /// JetStream stream name (`RECOUPE`).
    pub stream: String,
    /// Subject documents are published to (`recoupe.documents`).
    pub subject: String,
    /// Durable pull consumer every worker binds to (`recoupe-workers`).
    pub consumer: String,
}

impl QueueNames {
    /// Names derived from one stream name: `NAME`, `name.documents`, `name-workers`.
    pub fn new(stream: &str) -> QueueNames {
        let lower = stream.to_lowercase();
        QueueNames {
            stream: stream.to_string(),
            subject: format!("{lower}.documents"),
            consumer: format!("{lower}-workers"),
        }
    }
}

impl Default for QueueNames {
    fn default() -> Self {
        QueueNames::new("RECOUPE")
    }
}

/// How long JetStream remembers message ids to drop re-published documents.
/// Beyond it the store's own idempotency (by document identity) still holds.
pub const DUPLICATE_WINDOW: Duration = Duration::from_secs(2 * 60 * 60);

/// Connects to NATS; `name` shows in the server's connection list.
pub(crate) async fn connect(url: &str, name: &str) -> Result<async_nats::Client, QueueError> {
    async_nats::ConnectOptions::new()
        .name(name)
        .connection_timeout(Duration::from_secs(10))
        .connect(url)
        .await
        .map_err(|e| QueueError::Connect {
            url: url.to_string(),
            message: e.to_string(),
        })
}

/// The stream, created when missing (work-queue retention, file storage).
pub(crate) async fn ensure_stream(
    js: &jetstream::Context,
    names: &QueueNames,
) -> Result<jetstream::stream::Stream, QueueError> {
    js.get_or_create_stream(jetstream::stream::Config {
        name: names.stream.clone(),
        subjects: vec![names.subject.clone()],
        retention: jetstream::stream::RetentionPolicy::WorkQueue,
        storage: jetstream::stream::StorageType::File,
        duplicate_window: DUPLICATE_WINDOW,
        ..Default::default()
    })
    .await
    .map_err(|e| e.to_string())
    .map_err(QueueError::jetstream(format!(
        "create or open the stream {}",
        names.stream
    )))
}

/// What `feed` did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FeedReport {
    /// Documents read from the inputs.
    pub documents: usize,
    /// Documents the stream took.
    pub published: usize,
    /// Documents the stream already had (same identity within the duplicate window).
    pub duplicates: usize,
    /// Inputs or documents that could not be read or published, each named.
    pub errors: Vec<String>,
}

/// Publish acknowledgements awaited together: enough to keep the connection
/// busy, few enough to bound memory.
const PUBLISH_WINDOW: usize = 256;

/// Reads `inputs` and publishes every document to the stream (created when
/// missing). Runs its own small runtime; call it from synchronous code.
pub fn feed(
    nats_url: &str,
    names: &QueueNames,
    inputs: &[String],
    options: &recoupe_pipeline::ReadOptions,
) -> Result<FeedReport, QueueError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(QueueError::Runtime)?;
    runtime.block_on(feed_async(nats_url, names, inputs, options))
}

async fn feed_async(
    nats_url: &str,
    names: &QueueNames,
    inputs: &[String],
    options: &recoupe_pipeline::ReadOptions,
) -> Result<FeedReport, QueueError> {
    let client = connect(nats_url, "recoupe-feed").await?;
    let js = jetstream::new(client.clone());
    ensure_stream(&js, names).await?;
    let mut report = FeedReport::default();
    // Reading is blocking I/O: it runs on its own thread and hands documents over
    // a bounded channel, so a large input never sits whole in memory.
    let (sender, mut receiver) = tokio::sync::mpsc::channel(PUBLISH_WINDOW);
    let inputs = inputs.to_vec();
    let options = options.clone();
    let reader = std::thread::spawn(move || {
        recoupe_pipeline::read_documents(&inputs, &options, &mut |item| {
            let item = item.map_err(|e| e.to_string());
            // A closed channel means publishing stopped on an error: stop reading.
            let _ = sender.blocking_send(item);
        });
    });
    let mut pending = Vec::with_capacity(PUBLISH_WINDOW);
    while let Some(item) = receiver.recv().await {
        let doc = match item {
            Ok(doc) => doc,
            Err(error) => {
                report.errors.push(error);
                continue;
            }
        };
        report.documents += 1;
        let label = doc.origin.label();
        if doc.raw.len() + 4096 > client.server_info().max_payload {
            report.errors.push(format!(
                "{label}: {} bytes, over the NATS server's message size limit ({} bytes)",
                doc.raw.len(),
                client.server_info().max_payload
            ));
            continue;
        }
        let payload = encode_document(&doc);
        let mut headers = async_nats::HeaderMap::new();
        headers.insert(async_nats::header::NATS_MESSAGE_ID, doc.hash.as_str());
        match js
            .publish_with_headers(names.subject.clone(), headers, payload.into())
            .await
        {
            Ok(ack) => pending.push((label, ack)),
            Err(e) => report.errors.push(format!("{label}: cannot publish: {e}")),
        }
        if pending.len() >= PUBLISH_WINDOW {
            settle(&mut pending, &mut report).await;
        }
    }
    settle(&mut pending, &mut report).await;
    if reader.join().is_err() {
        report
            .errors
            .push("internal error while reading the inputs".to_string());
    }
    client
        .flush()
        .await
        .map_err(|e| e.to_string())
        .map_err(QueueError::jetstream("flush"))?;
    Ok(report)
}

/// Waits for the stream's acknowledgements of published documents.
async fn settle(pending: &mut Vec<(String, jetstream::context::PublishAckFuture)>, report: &mut FeedReport) {
    let acks =
        futures_util::future::join_all(pending.drain(..).map(|(label, ack)| async move { (label, ack.await) })).await;
    for (label, ack) in acks {
        match ack {
            Ok(ack) if ack.duplicate => report.duplicates += 1,
            Ok(_) => report.published += 1,
            Err(e) => report.errors.push(format!("{label}: the stream did not confirm: {e}")),
        }
    }
}

/// Log format of the long-running commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Installs the global `tracing` subscriber: lines on stderr, filtered by
/// `$RECOUPE_LOG` (`info` by default; `recoupe_queue=debug` and so on).
pub fn init_logs(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RECOUPE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second call (tests) keeps the first subscriber.
    let _ = match format {
        LogFormat::Json => builder.json().with_current_span(false).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// The stream and consumer as the server sees them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct QueueState {
    /// Messages kept by the stream: with work-queue retention, those not yet acknowledged.
    pub stream_messages: u64,
    /// Messages not yet delivered to any worker (none when the consumer does not exist yet).
    pub pending: u64,
    /// Messages delivered and not yet acknowledged.
    pub ack_pending: u64,
    /// Messages redelivered at least once, as the consumer counts them.
    pub redelivered: u64,
}

/// Reads the state of the stream and of the workers' consumer.
pub fn queue_state(nats_url: &str, names: &QueueNames) -> Result<QueueState, QueueError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(QueueError::Runtime)?;
    runtime.block_on(async {
        let client = connect(nats_url, "recoupe-state").await?;
        let js = jetstream::new(client);
        let mut stream = js
            .get_stream(&names.stream)
            .await
            .map_err(|e| e.to_string())
            .map_err(QueueError::jetstream(format!("open the stream {}", names.stream)))?;
        let info = stream
            .info()
            .await
            .map_err(|e| e.to_string())
            .map_err(QueueError::jetstream("stream info"))?;
        let mut state = QueueState {
            stream_messages: info.state.messages,
            ..QueueState::default()
        };
        if let Ok(mut consumer) = stream
            .get_consumer::<jetstream::consumer::pull::Config>(&names.consumer)
            .await
        {
            let info = consumer
                .info()
                .await
                .map_err(|e| e.to_string())
                .map_err(QueueError::jetstream("consumer info"))?;
            state.pending = info.num_pending;
            state.ack_pending = info.num_ack_pending as u64;
            state.redelivered = info.num_redelivered as u64;
        }
        Ok(state)
    })
}

/// Deletes the stream and its consumers (tests, and resetting a desk's queue).
pub fn delete_stream(nats_url: &str, names: &QueueNames) -> Result<(), QueueError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(QueueError::Runtime)?;
    runtime.block_on(async {
        let client = connect(nats_url, "recoupe-admin").await?;
        jetstream::new(client)
            .delete_stream(&names.stream)
            .await
            .map_err(|e| e.to_string())
            .map_err(QueueError::jetstream(format!("delete the stream {}", names.stream)))?;
        Ok(())
    })
}
