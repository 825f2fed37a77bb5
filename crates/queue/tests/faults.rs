//! Fault tests against the real servers: a worker killed with SIGKILL in the
//! middle of a batch, its PostgreSQL sessions terminated under it, and its
//! NATS connection cut for 30 s (through a TCP proxy this test owns: the
//! machine's servers are shared and are never stopped). After each: every
//! article stored once, nothing left in the work queue, acknowledgements
//! counted.

mod common;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use recoupe_pipeline::{ReadOptions, Storage};
use recoupe_queue::{Metrics, QueueNames, QueueState, Stop, WorkerOptions, WorkerReport};
use recoupe_store_pg::PgStore;

use common::Fixture;

impl Fixture {
    fn options(&self, nats_url: &str, name: &str) -> WorkerOptions {
        let mut options = WorkerOptions::new(nats_url, self.names.clone());
        options.batch = 8;
        // Short, so that a dead worker's messages come back quickly.
        options.ack_wait = Duration::from_secs(3);
        options.exit_when_drained = true;
        options.handle_signals = false;
        options.name = name.to_string();
        options
    }

    fn feed(&self, articles: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = recoupe_corpus::GenConfig {
            articles,
            stories: articles / 6 + 1,
            seed: 11,
            ..Default::default()
        };
        recoupe_corpus::write_text_dir(&config, dir.path()).expect("corpus");
        let inputs = vec![dir.path().display().to_string()];
        let fed = recoupe_queue::feed(&self.nats_url, &self.names, &inputs, &ReadOptions::default()).expect("feed");
        assert_eq!(fed.published, articles, "{:?}", fed.errors);
        dir
    }

    fn state(&self) -> QueueState {
        recoupe_queue::queue_state(&self.nats_url, &self.names).expect("queue state")
    }

    /// Every article once, sound store, empty work queue.
    fn assert_all_stored_once(&self, articles: usize) {
        let store = self.store();
        assert_eq!(store.counts().expect("counts"), (articles, articles));
        assert_eq!(store.check().expect("check"), Vec::<String>::new());
        let mut ids: Vec<String> = store.list().expect("list").into_iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), articles, "no article twice");
        let state = self.state();
        assert_eq!(
            (state.stream_messages, state.pending, state.ack_pending),
            (0, 0, 0),
            "every message acknowledged"
        );
    }
}

fn worker(fixture: &Fixture, options: WorkerOptions, metrics: Metrics) -> std::thread::JoinHandle<WorkerReport> {
    let store = fixture.store();
    std::thread::spawn(move || {
        recoupe_queue::run_worker(
            Box::new(store),
            recoupe_pipeline::Analyzer::new(),
            options,
            Stop::new(),
            metrics,
        )
        .expect("worker")
    })
}

/// The worker process that `a_worker_killed_mid_batch_loses_and_duplicates_nothing`
/// starts and kills (this test binary run again with `--ignored --exact`).
#[test]
#[ignore = "run as a child process by the kill -9 test"]
fn child_worker_process() {
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} is set by the parent test"));
    let fixture = Fixture {
        pg_url: var("PGNATS_CHILD_PG"),
        schema: var("PGNATS_CHILD_SCHEMA"),
        nats_url: var("PGNATS_CHILD_NATS"),
        names: QueueNames::new(&var("PGNATS_CHILD_STREAM")),
    };
    let mut options = fixture.options(&fixture.nats_url, "child-worker");
    options.exit_when_drained = false;
    let report = recoupe_queue::run_worker(
        Box::new(fixture.store()),
        recoupe_pipeline::Analyzer::new(),
        options,
        Stop::new(),
        Metrics::new(),
    );
    // The parent kills this process; reaching here means it did not.
    std::mem::forget(fixture);
    panic!("the child worker was not killed: {report:?}");
}

#[test]
fn a_worker_killed_mid_batch_loses_and_duplicates_nothing() {
    let Some(fixture) = Fixture::new("kill9") else {
        return;
    };
    const N: usize = 40;
    let _corpus = fixture.feed(N);
    // The consumer exists before the child pulls, so its state can be read.
    let mut child = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args(["--ignored", "--exact", "child_worker_process", "--nocapture"])
        .env("PGNATS_CHILD_PG", &fixture.pg_url)
        .env("PGNATS_CHILD_SCHEMA", &fixture.schema)
        .env("PGNATS_CHILD_NATS", &fixture.nats_url)
        .env("PGNATS_CHILD_STREAM", &fixture.names.stream)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the child worker");
    // Kill it while it holds a batch it has not acknowledged.
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut killed_with_pending = false;
    while Instant::now() < deadline {
        if matches!(child.try_wait(), Ok(Some(_))) {
            break;
        }
        if recoupe_queue::queue_state(&fixture.nats_url, &fixture.names).is_ok_and(|s| s.ack_pending > 0) {
            child.kill().expect("kill -9 the worker");
            killed_with_pending = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.wait();
    assert!(
        killed_with_pending,
        "the worker was killed while holding unacknowledged messages"
    );
    let at_kill = fixture.state();
    let acked_by_dead = N as u64 - at_kill.stream_messages;
    assert!(
        at_kill.stream_messages > 0,
        "the dead worker's batch is still in the stream"
    );

    let survivors: Vec<WorkerReport> = (0..2)
        .map(|i| {
            worker(
                &fixture,
                fixture.options(&fixture.nats_url, &format!("survivor-{i}")),
                Metrics::new(),
            )
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|h| h.join().expect("survivor"))
        .collect();
    let acked: usize = survivors.iter().map(|r| r.acked).sum();
    let redelivered: usize = survivors.iter().map(|r| r.redelivered).sum();
    assert_eq!(
        acked as u64, at_kill.stream_messages,
        "the survivors acknowledged exactly what the dead worker left: {survivors:?}"
    );
    assert_eq!(
        acked as u64 + acked_by_dead,
        N as u64,
        "every message acknowledged once processed"
    );
    assert!(redelivered >= 1, "the dead worker's batch came back: {survivors:?}");
    fixture.assert_all_stored_once(N);
}

#[test]
fn terminated_database_sessions_lose_and_duplicate_nothing() {
    let Some(fixture) = Fixture::new("pgterm") else {
        return;
    };
    const N: usize = 40;
    let _corpus = fixture.feed(N);
    // The worker's sessions carry a name of their own, so only they are cut.
    let application = format!("{}_worker", fixture.schema);
    let separator = if fixture.pg_url.contains('?') { '&' } else { '?' };
    let url = format!("{}{separator}application_name={application}", fixture.pg_url);
    let store = PgStore::open_in_schema(&url, &fixture.schema).expect("store");
    let metrics = Metrics::new();
    let options = fixture.options(&fixture.nats_url, "pg-fault-worker");
    let handle = {
        let metrics = metrics.clone();
        std::thread::spawn(move || {
            recoupe_queue::run_worker(
                Box::new(store),
                recoupe_pipeline::Analyzer::new(),
                options,
                Stop::new(),
                metrics,
            )
            .expect("worker")
        })
    };
    // Terminate every busy session of the worker, again and again, for 5 s.
    let mut admin = postgres::Client::connect(&fixture.pg_url, postgres::NoTls).expect("admin connection");
    let mut terminated = 0;
    let until = Instant::now() + Duration::from_secs(5);
    while Instant::now() < until && !handle.is_finished() {
        terminated += admin
            .query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE application_name = $1 AND state <> 'idle' AND pid <> pg_backend_pid()",
                &[&application],
            )
            .expect("terminate")
            .len();
        std::thread::sleep(Duration::from_millis(10));
    }
    let report = handle.join().expect("worker");
    eprintln!("terminated {terminated} session(s); {report:?}");
    assert!(terminated >= 1, "some session was cut mid-work");
    assert_eq!(report.received, N + report.redelivered, "{report:?}");
    assert_eq!(report.acked, N, "{report:?}");
    assert_eq!(report.unconfirmed_acks, 0);
    if report.failed_batches > 0 {
        assert!(report.redelivered >= 1, "a failed batch came back: {report:?}");
    }
    fixture.assert_all_stored_once(N);
}

/// A TCP proxy to the NATS server that can be cut (open connections reset, new
/// ones refused) and restored.
struct Proxy {
    addr: String,
    cut: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<TcpStream>>>,
    connections: Arc<AtomicUsize>,
}

impl Proxy {
    fn start(upstream: String) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        let addr = format!("nats://{}", listener.local_addr().expect("address"));
        let cut = Arc::new(AtomicBool::new(false));
        let open: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let connections = Arc::new(AtomicUsize::new(0));
        let (cut2, open2, connections2) = (cut.clone(), open.clone(), connections.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if cut2.load(Ordering::SeqCst) {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(&upstream) else {
                    continue;
                };
                connections2.fetch_add(1, Ordering::SeqCst);
                if let (Ok(c), Ok(s), Ok(mut list)) = (client.try_clone(), server.try_clone(), open2.lock()) {
                    list.push(c);
                    list.push(s);
                }
                pipe(client.try_clone(), server.try_clone());
                pipe(server.try_clone(), client.try_clone());
            }
        });
        Proxy {
            addr,
            cut,
            open,
            connections,
        }
    }

    fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        if let Ok(mut list) = self.open.lock() {
            for stream in list.drain(..) {
                let _ = stream.shutdown(Shutdown::Both);
            }
        }
    }

    fn restore(&self) {
        self.cut.store(false, Ordering::SeqCst);
    }
}

fn pipe(from: std::io::Result<TcpStream>, to: std::io::Result<TcpStream>) {
    let (Ok(mut from), Ok(mut to)) = (from, to) else {
        return;
    };
    std::thread::spawn(move || {
        let mut buffer = [0u8; 16 * 1024];
        loop {
            match from.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if to.write_all(&buffer[..n]).is_err() {
                        break;
                    }
                }
            }
        }
        let _ = to.shutdown(Shutdown::Both);
    });
}

#[test]
fn a_nats_outage_of_30_seconds_loses_and_duplicates_nothing() {
    let Some(fixture) = Fixture::new("natscut") else {
        return;
    };
    let upstream = fixture
        .nats_url
        .trim_start_matches("nats://")
        .rsplit('@')
        .next()
        .unwrap_or("127.0.0.1:4222")
        .to_string();
    const N: usize = 48;
    let _corpus = fixture.feed(N);
    let proxy = Proxy::start(upstream);
    let metrics = Metrics::new();
    let handle = worker(&fixture, fixture.options(&proxy.addr, "cut-worker"), metrics.clone());
    // Cut as soon as the worker holds a batch.
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline && fixture.state().ack_pending == 0 && !handle.is_finished() {
        std::thread::sleep(Duration::from_millis(20));
    }
    proxy.cut();
    let outage = Duration::from_secs(30);
    let cut_at = Instant::now();
    std::thread::sleep(Duration::from_secs(3));
    assert!(
        metrics.health().is_err_and(|why| why.contains("NATS")),
        "health tells the outage"
    );
    std::thread::sleep(outage.saturating_sub(cut_at.elapsed()));
    proxy.restore();
    let report = handle.join().expect("worker");
    eprintln!("{report:?}");
    assert!(proxy.connections.load(Ordering::SeqCst) >= 2, "the worker reconnected");
    assert_eq!(report.articles, N, "{report:?}");
    assert_eq!(report.received, N + report.redelivered, "{report:?}");
    // Every commit was followed by an acknowledgement; those sent into the cut
    // connection went unconfirmed (the empty stream below shows they arrived,
    // or their message came back and was acknowledged again).
    assert_eq!(report.acked + report.unconfirmed_acks, report.received, "{report:?}");
    assert_eq!(metrics.health(), Ok(()));
    fixture.assert_all_stored_once(N);
}
