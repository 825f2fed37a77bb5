//! The worker loop: pull a batch, extract → analyse → persist it in one
//! transaction on a thread that owns the store, acknowledge after the commit.
//!
//! In flight at any time: one batch per worker (bounded by `batch`). The loop
//! pulls the next batch only when the previous one is committed and
//! acknowledged; when a commit was slow (the database lags) it pauses before
//! pulling again, and when the store fails it hands the batch back (nak with a
//! delay) and backs off, so a struggling database is never flooded.
//!
//! The same thread brings the store's persisted stories up to date
//! (`recoupe_pipeline::update_stories_in`) after a committed batch, at most
//! once per [`WorkerOptions::story_interval`], and once more when the worker
//! stops. Workers of one store race for it: an update that finds the stories
//! moved since it read them writes nothing (counted, not an error); the next
//! one, or the other worker's, feeds what it would have.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, consumer::pull, AckKind};
use futures_util::StreamExt;
use recoupe_core::Document;
use recoupe_pipeline::{Analyzer, IngestReport, PipelineError, StoreError, StoryConfig, StoryStorage};
use tracing::{debug, info, warn};

use crate::{ensure_stream, Metrics, QueueError, QueueNames};

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    pub nats_url: String,
    pub names: QueueNames,
    /// Messages pulled and committed together (the bound on in-flight messages).
    pub batch: usize,
    /// How long the server waits for an acknowledgement before redelivering.
    /// The worker reports progress on a long batch, so this bounds how late a
    /// dead worker's messages go to another one, not how long a batch may take.
    pub ack_wait: Duration,
    /// Deliveries of one message before the server gives up on it.
    pub max_deliver: i64,
    /// Where to serve `/healthz` and `/metrics` (none: not served).
    pub metrics_addr: Option<SocketAddr>,
    /// Stop once the queue is empty and nothing is pending (batch runs, tests).
    pub exit_when_drained: bool,
    /// A commit slower than this pauses pulling for as long as it took.
    pub slow_commit: Duration,
    /// Stop gracefully on SIGTERM and SIGINT.
    pub handle_signals: bool,
    /// This worker's name in logs and in the server's connection list.
    pub name: String,
    /// Bring the persisted stories up to date after a committed batch when the
    /// last update is at least this old (zero: after every batch), and when
    /// stopping; `None`: stories are left to another process.
    pub story_interval: Option<Duration>,
}

impl WorkerOptions {
    pub fn new(nats_url: &str, names: QueueNames) -> WorkerOptions {
        WorkerOptions {
            nats_url: nats_url.to_string(),
            names,
            batch: 32,
            ack_wait: Duration::from_secs(30),
            max_deliver: 20,
            metrics_addr: None,
            exit_when_drained: false,
            slow_commit: Duration::from_secs(2),
            handle_signals: true,
            name: format!("recoupe-worker-{}", std::process::id()),
            story_interval: Some(Duration::from_secs(10)),
        }
    }
}

/// Asks a worker to stop: it finishes, commits and acknowledges the batch in
/// hand, then returns. Clones share the flag.
#[derive(Debug, Clone, Default)]
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    pub fn new() -> Stop {
        Stop::default()
    }
    pub fn stop(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
    pub fn is_stopped(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// What one worker did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WorkerReport {
    /// Messages received (redeliveries included).
    pub received: usize,
    /// Messages acknowledged after their commit, confirmed by the server.
    pub acked: usize,
    /// Acknowledgements sent after a commit whose confirmation never came (the
    /// connection dropped): the server either got them or redelivers the message,
    /// which is then found stored and acknowledged again.
    pub unconfirmed_acks: usize,
    /// Received messages that had been delivered before.
    pub redelivered: usize,
    /// Articles this worker stored.
    pub articles: usize,
    /// Documents that were already stored (a redelivery, or fed twice).
    pub duplicates: usize,
    /// Inputs that gave no article (each logged with its code) and unreadable messages.
    pub item_errors: usize,
    /// Batches handed back because the store failed.
    pub failed_batches: usize,
    pub batches: usize,
    /// Time spent in the store (lookups and commits) by the committed batches.
    pub store_time: Duration,
    /// Story updates this worker committed.
    pub story_updates: usize,
    /// Story updates dropped because another worker's committed first.
    pub story_conflicts: usize,
    /// Story updates that failed (logged; the next one starts over).
    pub story_errors: usize,
}

struct Job {
    docs: Vec<Document>,
    reply: tokio::sync::oneshot::Sender<Result<IngestReport, StoreError>>,
}

/// Runs a worker until `stop` (or a signal, or an empty queue with
/// `exit_when_drained`). Builds its own runtime: call it from synchronous code.
pub fn run_worker(
    store: Box<dyn StoryStorage + Send>,
    analyzer: Analyzer,
    options: WorkerOptions,
    stop: Stop,
    metrics: Metrics,
) -> Result<WorkerReport, QueueError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(QueueError::Runtime)?;
    // The store and the CPU work live on a thread of their own (the store's
    // clients block; extraction and analysis use rayon's pool).
    let (jobs, job_receiver) = std::sync::mpsc::sync_channel::<Job>(1);
    let story_interval = options.story_interval;
    let story_metrics = metrics.clone();
    let processor = std::thread::Builder::new()
        .name("recoupe-worker-store".into())
        .spawn(move || {
            let mut store = store;
            let mut stories = StoryUpdates::new(story_interval, story_metrics);
            loop {
                // Woken now and then without a batch, so that the last batches
                // before a quiet spell reach the stories within the interval.
                match job_receiver.recv_timeout(Duration::from_millis(500)) {
                    Ok(job) => {
                        let result = recoupe_pipeline::persist_documents(&mut *store, &job.docs, Some(&analyzer));
                        let committed = result.is_ok();
                        let _ = job.reply.send(result);
                        if committed {
                            stories.dirty = true;
                        }
                    }
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
                }
                stories.when_due(&mut *store, &analyzer);
            }
            stories.on_stop(&mut *store, &analyzer);
            stories.counts
        })
        .map_err(QueueError::Runtime)?;
    let result = runtime.block_on(worker_loop(jobs, &options, &stop, &metrics));
    let Ok((updates, conflicts, errors)) = processor.join() else {
        return Err(QueueError::ProcessingThread);
    };
    result.map(|mut report| {
        (report.story_updates, report.story_conflicts, report.story_errors) = (updates, conflicts, errors);
        report
    })
}

/// When a worker brings the persisted stories up to date, and what came of it.
struct StoryUpdates {
    interval: Option<Duration>,
    last: Option<Instant>,
    /// Committed since the last update.
    dirty: bool,
    config: StoryConfig,
    metrics: Metrics,
    /// (updates committed, dropped for another's, failed)
    counts: (usize, usize, usize),
}

impl StoryUpdates {
    /// Attempts of the update made when stopping: each one that loses the race
    /// starts again from the winner's state, with less to feed.
    const ATTEMPTS_ON_STOP: usize = 20;

    fn new(interval: Option<Duration>, metrics: Metrics) -> StoryUpdates {
        StoryUpdates {
            interval,
            last: None,
            dirty: false,
            config: StoryConfig::default(),
            metrics,
            counts: (0, 0, 0),
        }
    }

    /// Updates when this worker committed since its last update and that one
    /// is at least `interval` old.
    fn when_due(&mut self, store: &mut (dyn StoryStorage + Send), analyzer: &Analyzer) {
        let Some(interval) = self.interval else { return };
        if !self.dirty || self.last.is_some_and(|at| at.elapsed() < interval) {
            return;
        }
        self.last = Some(Instant::now());
        self.update(store, analyzer);
    }

    /// The last update: this worker's commits are in the stories when it returns
    /// (unless the store fails), whatever the other workers do.
    fn on_stop(&mut self, store: &mut (dyn StoryStorage + Send), analyzer: &Analyzer) {
        if self.interval.is_none() || !self.dirty {
            return;
        }
        for _ in 0..Self::ATTEMPTS_ON_STOP {
            if self.update(store, analyzer) != Some(false) {
                return;
            }
        }
        warn!(
            "stories still moving after {} attempts; left to the next update",
            Self::ATTEMPTS_ON_STOP
        );
    }

    /// One update: `Some(true)` committed, `Some(false)` another worker's came first, `None` failed.
    fn update(&mut self, store: &mut (dyn StoryStorage + Send), analyzer: &Analyzer) -> Option<bool> {
        let started = Instant::now();
        match recoupe_pipeline::update_stories_in(store, analyzer, &self.config, &mut |_, _| {}) {
            Ok(report) => {
                self.counts.0 += 1;
                self.dirty = false;
                self.metrics.stage("stories", report.fed);
                if let Some(why) = &report.rebuilt {
                    info!(reason = %why, "stories rebuilt");
                }
                debug!(
                    fed = report.fed,
                    changed = report.changed,
                    merged = report.merged,
                    total = report.total_articles,
                    ms = started.elapsed().as_millis() as u64,
                    "stories updated"
                );
                Some(true)
            }
            Err(PipelineError::Concurrent) => {
                self.counts.1 += 1;
                debug!("another worker updated the stories meanwhile; this update is dropped");
                Some(false)
            }
            Err(e) => {
                self.counts.2 += 1;
                self.metrics.error("stories");
                warn!(error = %e, "updating the stories failed; the next update starts over");
                None
            }
        }
    }
}

async fn worker_loop(
    jobs: std::sync::mpsc::SyncSender<Job>,
    options: &WorkerOptions,
    stop: &Stop,
    metrics: &Metrics,
) -> Result<WorkerReport, QueueError> {
    if options.handle_signals {
        let stop = stop.clone();
        tokio::spawn(async move {
            wait_for_signal().await;
            info!("signal received: finishing the batch in hand, then stopping");
            stop.stop();
        });
    }
    if let Some(addr) = options.metrics_addr {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| QueueError::Metrics {
                addr: addr.to_string(),
                source,
            })?;
        info!(addr = %listener.local_addr().map_or(addr, |a| a), "serving /healthz and /metrics");
        let metrics = metrics.clone();
        tokio::spawn(async move {
            if let Err(e) = crate::metrics::serve(listener, metrics).await {
                warn!(error = %e, "the metrics server stopped");
            }
        });
    }
    let events = metrics.clone();
    let client = async_nats::ConnectOptions::new()
        .name(&options.name)
        .connection_timeout(Duration::from_secs(10))
        .event_callback(move |event| {
            let events = events.clone();
            async move {
                match event {
                    async_nats::Event::Connected => {
                        info!("NATS connected");
                        events.set_nats_up(true);
                    }
                    async_nats::Event::Disconnected => {
                        warn!("NATS disconnected; reconnecting");
                        events.set_nats_up(false);
                    }
                    other => debug!(event = %other, "NATS event"),
                }
            }
        })
        .connect(&options.nats_url)
        .await
        .map_err(|e| QueueError::Connect {
            url: options.nats_url.clone(),
            message: e.to_string(),
        })?;
    metrics.set_nats_up(true);
    metrics.set_store(Ok(()));
    let js = jetstream::new(client);
    let stream = ensure_stream(&js, &options.names).await?;
    let mut consumer: jetstream::consumer::Consumer<pull::Config> = stream
        .get_or_create_consumer(
            &options.names.consumer,
            pull::Config {
                durable_name: Some(options.names.consumer.clone()),
                ack_policy: jetstream::consumer::AckPolicy::Explicit,
                ack_wait: options.ack_wait,
                max_deliver: options.max_deliver,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| QueueError::JetStream {
            context: format!("create or open the consumer {}", options.names.consumer),
            message: e.to_string(),
        })?;
    info!(
        worker = %options.name,
        stream = %options.names.stream,
        consumer = %options.names.consumer,
        batch = options.batch,
        "worker started"
    );
    let mut report = WorkerReport::default();
    let mut backoff = Duration::from_millis(500);
    while !stop.is_stopped() {
        let messages = match fetch(&consumer, options.batch.max(1), Duration::from_secs(1)).await {
            Ok(messages) => messages,
            Err(e) => {
                metrics.error("nats");
                warn!(error = %e, "pulling failed; retrying");
                pause(Duration::from_secs(1), stop).await;
                continue;
            }
        };
        if messages.is_empty() {
            let (pending, ack_pending) = refresh_lag(&mut consumer, metrics).await;
            if options.exit_when_drained && pending == Some(0) && ack_pending == Some(0) {
                info!("queue drained: stopping");
                break;
            }
            continue;
        }
        metrics.in_flight.set(messages.len() as i64);
        let outcome = process_batch(&jobs, messages, options, metrics, &mut report).await?;
        metrics.in_flight.set(0);
        match outcome {
            BatchOutcome::Committed { took } => {
                backoff = Duration::from_millis(500);
                if took > options.slow_commit {
                    // The database lags: give it the time the commit took before
                    // pulling more.
                    metrics.pauses.inc();
                    warn!(commit_ms = took.as_millis() as u64, "slow commit: pausing pulls");
                    pause(took, stop).await;
                }
            }
            BatchOutcome::StoreFailed => {
                metrics.pauses.inc();
                pause(backoff, stop).await;
                backoff = (backoff * 2).min(Duration::from_secs(30));
            }
        }
        refresh_lag(&mut consumer, metrics).await;
    }
    info!(
        received = report.received,
        acked = report.acked,
        articles = report.articles,
        redelivered = report.redelivered,
        "worker stopped"
    );
    Ok(report)
}

enum BatchOutcome {
    Committed { took: Duration },
    StoreFailed,
}

async fn process_batch(
    jobs: &std::sync::mpsc::SyncSender<Job>,
    messages: Vec<jetstream::Message>,
    options: &WorkerOptions,
    metrics: &Metrics,
    report: &mut WorkerReport,
) -> Result<BatchOutcome, QueueError> {
    report.received += messages.len();
    metrics.stage("received", messages.len());
    let mut docs = Vec::with_capacity(messages.len());
    let mut held = Vec::with_capacity(messages.len());
    for message in messages {
        if message.info().is_ok_and(|i| i.delivered > 1) {
            report.redelivered += 1;
            metrics.redeliveries.inc();
        }
        match crate::decode_document(&message.payload) {
            Ok(doc) => {
                docs.push(doc);
                held.push(message);
            }
            Err(e) => {
                // Redelivering an unreadable message cannot help.
                warn!(subject = %message.subject, error = %e, "unreadable message: terminated");
                metrics.error("bad_message");
                report.item_errors += 1;
                if let Err(e) = message.ack_with(AckKind::Term).await {
                    warn!(error = %e, "cannot terminate an unreadable message");
                }
            }
        }
    }
    if docs.is_empty() {
        return Ok(BatchOutcome::Committed { took: Duration::ZERO });
    }
    let started = Instant::now();
    let (reply, answer) = tokio::sync::oneshot::channel();
    let count = docs.len();
    jobs.send(Job { docs, reply })
        .map_err(|_| QueueError::ProcessingThread)?;
    // A long batch tells the server it is still being worked on, so it is not
    // redelivered to another worker meanwhile.
    let mut answer = answer;
    let mut progress = tokio::time::interval(options.ack_wait / 3);
    progress.tick().await;
    let result = loop {
        tokio::select! {
            result = &mut answer => break result.map_err(|_| QueueError::ProcessingThread)?,
            _ = progress.tick() => {
                for message in &held {
                    let _ = message.ack_with(AckKind::Progress).await;
                }
            }
        }
    };
    let took = started.elapsed();
    match result {
        Ok(done) => {
            metrics.set_store(Ok(()));
            metrics.batches.inc();
            metrics.commit_millis.set(done.commit_time.as_millis() as i64);
            metrics.stage("extract", done.articles);
            let analysed = done.articles
                - done
                    .errors
                    .iter()
                    .filter(|e| matches!(e, recoupe_pipeline::ItemError::Analysis { .. }))
                    .count();
            metrics.stage("analyse", analysed);
            metrics.stage("persist", done.documents - done.duplicates);
            for error in &done.errors {
                metrics.error(error.code());
                warn!(input = error.input(), code = error.code(), error = %error, "input gave no article");
            }
            report.batches += 1;
            report.store_time += done.commit_time;
            report.articles += done.articles;
            report.duplicates += done.duplicates;
            report.item_errors += done.errors.len();
            // Committed: acknowledge, each confirmed by the server. One that is
            // lost is redelivered and found stored.
            let acks = futures_util::future::join_all(held.iter().map(|m| m.double_ack())).await;
            for ack in acks {
                match ack {
                    Ok(()) => {
                        report.acked += 1;
                        metrics.acks.inc();
                    }
                    Err(e) => {
                        report.unconfirmed_acks += 1;
                        metrics.error("ack");
                        warn!(error = %e, "acknowledgement not confirmed; the message will come back and be found stored");
                    }
                }
            }
            debug!(
                documents = count,
                articles = done.articles,
                duplicates = done.duplicates,
                ms = took.as_millis() as u64,
                "batch committed"
            );
            Ok(BatchOutcome::Committed { took: done.commit_time })
        }
        Err(e) => {
            metrics.set_store(Err(e.to_string()));
            metrics.error("store");
            report.failed_batches += 1;
            warn!(error = %e, documents = count, "store failed: batch handed back for redelivery");
            for message in &held {
                if message
                    .ack_with(AckKind::Nak(Some(Duration::from_secs(2))))
                    .await
                    .is_ok()
                {
                    metrics.naks.inc();
                }
            }
            Ok(BatchOutcome::StoreFailed)
        }
    }
}

/// One pull: up to `max` messages, waiting at most `wait` for them.
async fn fetch(
    consumer: &jetstream::consumer::Consumer<pull::Config>,
    max: usize,
    wait: Duration,
) -> Result<Vec<jetstream::Message>, String> {
    let pull = async {
        let mut batch = consumer
            .batch()
            .max_messages(max)
            .expires(wait)
            .messages()
            .await
            .map_err(|e| e.to_string())?;
        let mut out = Vec::with_capacity(max);
        while let Some(message) = batch.next().await {
            match message {
                Ok(message) => out.push(message),
                // Messages already received are processed; the error shows next pull.
                Err(e) if out.is_empty() => return Err(e.to_string()),
                Err(_) => break,
            }
        }
        Ok(out)
    };
    // A pull that outlives its expiry (a cut connection) is abandoned.
    tokio::time::timeout(wait + Duration::from_secs(5), pull)
        .await
        .unwrap_or_else(|_| Err("pull timed out".to_string()))
}

/// Updates the queue-lag gauges from the consumer's info; (pending, ack pending).
async fn refresh_lag(
    consumer: &mut jetstream::consumer::Consumer<pull::Config>,
    metrics: &Metrics,
) -> (Option<u64>, Option<usize>) {
    match tokio::time::timeout(Duration::from_secs(5), consumer.info()).await {
        Ok(Ok(info)) => {
            metrics.queue_pending.set(info.num_pending as i64);
            metrics.queue_ack_pending.set(info.num_ack_pending as i64);
            (Some(info.num_pending), Some(info.num_ack_pending))
        }
        _ => (None, None),
    }
}

/// Sleeps `duration`, waking early when asked to stop.
async fn pause(duration: Duration, stop: &Stop) {
    let until = Instant::now() + duration;
    while Instant::now() < until && !stop.is_stopped() {
        tokio::time::sleep(Duration::from_millis(100).min(until - Instant::now())).await;
    }
}

#[cfg(unix)]
async fn wait_for_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    match (signal(SignalKind::terminate()), signal(SignalKind::interrupt())) {
        (Ok(mut term), Ok(mut int)) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
        }
        _ => std::future::pending::<()>().await,
    }
}

#[cfg(not(unix))]
async fn wait_for_signal() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}
