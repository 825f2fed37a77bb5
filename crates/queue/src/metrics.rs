//! The worker's counters and gauges, served in the Prometheus text format
//! (`prometheus-client`, the Prometheus project's own Rust client), and its
//! health, on `/metrics` and `/healthz`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StageLabel {
    stage: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabel {
    kind: String,
}

/// One worker's metrics. Clones share the same values.
#[derive(Clone)]
pub struct Metrics {
    registry: Arc<Registry>,
    stages: Family<StageLabel, Counter>,
    errors: Family<KindLabel, Counter>,
    pub(crate) redeliveries: Counter,
    pub(crate) acks: Counter,
    pub(crate) naks: Counter,
    pub(crate) batches: Counter,
    pub(crate) pauses: Counter,
    pub(crate) queue_pending: Gauge,
    pub(crate) queue_ack_pending: Gauge,
    pub(crate) in_flight: Gauge,
    pub(crate) commit_millis: Gauge,
    health: Arc<Health>,
}

#[derive(Default)]
struct Health {
    nats_up: AtomicBool,
    store_up: AtomicBool,
    last_error: Mutex<Option<String>>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("recoupe_worker");
        let stages = Family::<StageLabel, Counter>::default();
        let errors = Family::<KindLabel, Counter>::default();
        let (redeliveries, acks, naks, batches, pauses) = Default::default();
        let (queue_pending, queue_ack_pending, in_flight, commit_millis) = Default::default();
        registry.register(
            "stage_items",
            "Items through each stage: received messages, extracted articles, analysed articles, persisted documents (rate() gives items/s)",
            stages.clone(),
        );
        registry.register(
            "errors",
            "Errors by kind (input codes, store, nats, bad_message)",
            errors.clone(),
        );
        registry.register(
            "redeliveries",
            "Messages received more than once",
            Clone::clone(&redeliveries),
        );
        registry.register(
            "acks",
            "Messages acknowledged (confirmed by the server) after their commit",
            Clone::clone(&acks),
        );
        registry.register(
            "naks",
            "Messages handed back for redelivery after a failed commit",
            Clone::clone(&naks),
        );
        registry.register("batches", "Batches committed", Clone::clone(&batches));
        registry.register(
            "backpressure_pauses",
            "Pauses in pulling because the database was slow or failing",
            Clone::clone(&pauses),
        );
        registry.register(
            "queue_pending_messages",
            "Messages of the consumer not yet delivered to any worker (the queue lag)",
            Clone::clone(&queue_pending),
        );
        registry.register(
            "queue_ack_pending_messages",
            "Messages delivered to workers and not yet acknowledged",
            Clone::clone(&queue_ack_pending),
        );
        registry.register(
            "in_flight_messages",
            "Messages this worker holds",
            Clone::clone(&in_flight),
        );
        registry.register(
            "last_commit_milliseconds",
            "Duration of the last batch's store transaction",
            Clone::clone(&commit_millis),
        );
        Metrics {
            registry: Arc::new(registry),
            stages,
            errors,
            redeliveries,
            acks,
            naks,
            batches,
            pauses,
            queue_pending,
            queue_ack_pending,
            in_flight,
            commit_millis,
            health: Arc::new(Health::default()),
        }
    }

    pub(crate) fn stage(&self, stage: &str, n: usize) {
        self.stages
            .get_or_create(&StageLabel {
                stage: stage.to_string(),
            })
            .inc_by(n as u64);
    }

    pub(crate) fn error(&self, kind: &str) {
        self.errors.get_or_create(&KindLabel { kind: kind.to_string() }).inc();
    }

    pub(crate) fn set_nats_up(&self, up: bool) {
        self.health.nats_up.store(up, Ordering::Relaxed);
    }

    pub(crate) fn set_store(&self, result: Result<(), String>) {
        self.health.store_up.store(result.is_ok(), Ordering::Relaxed);
        if let (Err(e), Ok(mut last)) = (result, self.health.last_error.lock()) {
            *last = Some(e);
        }
    }

    /// The text of `/metrics`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if prometheus_client::encoding::text::encode(&mut out, &self.registry).is_err() {
            out.clear();
        }
        out
    }

    /// `Ok` when NATS is connected and the last commit succeeded; else why not.
    pub fn health(&self) -> Result<(), String> {
        let nats = self.health.nats_up.load(Ordering::Relaxed);
        let store = self.health.store_up.load(Ordering::Relaxed);
        if nats && store {
            return Ok(());
        }
        let last = self.health.last_error.lock().ok().and_then(|l| l.clone());
        let mut why = Vec::new();
        if !nats {
            why.push("NATS is not connected".to_string());
        }
        if !store {
            why.push(format!(
                "the store is failing{}",
                last.map(|e| format!(": {e}")).unwrap_or_default()
            ));
        }
        Err(why.join("; "))
    }
}

/// Serves `/healthz` and `/metrics` until the listener's task is dropped.
pub(crate) async fn serve(listener: tokio::net::TcpListener, metrics: Metrics) -> std::io::Result<()> {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    use axum::routing::get;
    let health = metrics.clone();
    let app = axum::Router::new()
        .route(
            "/healthz",
            get(move || {
                let health = health.health();
                async move {
                    match health {
                        Ok(()) => (StatusCode::OK, "ok\n".to_string()).into_response(),
                        Err(why) => (StatusCode::SERVICE_UNAVAILABLE, format!("{why}\n")).into_response(),
                    }
                }
            }),
        )
        .route(
            "/metrics",
            get(move || {
                let text = metrics.render();
                async move {
                    (
                        [(
                            header::CONTENT_TYPE,
                            "application/openmetrics-text; version=1.0.0; charset=utf-8",
                        )],
                        text,
                    )
                }
            }),
        );
    axum::serve(listener, app).await
}
