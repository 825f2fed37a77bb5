//! Feed and workers against the real servers (PostgreSQL and NATS JetStream
//! of the machine; skipped with a SKIP line without them outside CI).

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use recoupe_pipeline::{ReadOptions, Storage, Store};
use recoupe_queue::{Metrics, Stop, WorkerOptions, WorkerReport};

use common::Fixture;

impl Fixture {
    fn options(&self, name: &str) -> WorkerOptions {
        let mut options = WorkerOptions::new(&self.nats_url, self.names.clone());
        options.batch = 8;
        options.exit_when_drained = true;
        options.handle_signals = false;
        options.name = name.to_string();
        options
    }
}

/// A generated corpus (French and English, with wire copies) in a folder.
fn corpus(articles: usize) -> (tempfile::TempDir, usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = recoupe_corpus::GenConfig {
        articles,
        stories: articles / 6 + 1,
        seed: 7,
        ..Default::default()
    };
    recoupe_corpus::write_text_dir(&config, dir.path()).expect("write corpus");
    let copies = recoupe_corpus::generate(&config)
        .filter(|a| a.copy_of.is_some())
        .count();
    (dir, copies)
}

fn run_workers(fixture: &Fixture, count: usize) -> Vec<WorkerReport> {
    let handles: Vec<_> = (0..count)
        .map(|i| {
            let store = fixture.store();
            let options = fixture.options(&format!("test-worker-{i}"));
            std::thread::spawn(move || {
                recoupe_queue::run_worker(
                    Box::new(store),
                    recoupe_pipeline::Analyzer::new(),
                    options,
                    Stop::new(),
                    Metrics::new(),
                )
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("worker thread").expect("worker"))
        .collect()
}

#[test]
fn two_workers_store_every_article_once_and_ack_every_message() {
    let Some(fixture) = Fixture::new("two_workers") else {
        return;
    };
    let (dir, copies) = corpus(60);
    // Two verbatim reprints from other outlets (the same bytes under another name).
    for (from, to) in [
        ("gen-0000003.txt", "reprint-a.txt"),
        ("gen-0000010.txt", "reprint-b.txt"),
    ] {
        std::fs::copy(dir.path().join(from), dir.path().join(to)).expect("copy");
    }
    const N: usize = 62;
    let inputs = vec![dir.path().display().to_string()];
    let fed = recoupe_queue::feed(&fixture.nats_url, &fixture.names, &inputs, &ReadOptions::default()).expect("feed");
    assert_eq!(
        (fed.documents, fed.published, fed.duplicates),
        (N, N, 0),
        "{:?}",
        fed.errors
    );
    // Fed again: JetStream drops every message by its id (the document identity).
    let again =
        recoupe_queue::feed(&fixture.nats_url, &fixture.names, &inputs, &ReadOptions::default()).expect("feed again");
    assert_eq!((again.published, again.duplicates), (0, N));
    let state = recoupe_queue::queue_state(&fixture.nats_url, &fixture.names).expect("state");
    assert_eq!(state.stream_messages, N as u64);

    let reports = run_workers(&fixture, 2);
    let sum = |f: fn(&WorkerReport) -> usize| reports.iter().map(f).sum::<usize>();
    assert_eq!(sum(|r| r.received), N, "{reports:?}");
    assert_eq!(sum(|r| r.acked), N, "every message acknowledged once: {reports:?}");
    assert_eq!(sum(|r| r.redelivered), 0);
    assert_eq!(sum(|r| r.articles), N);
    assert_eq!(sum(|r| r.duplicates), 0);
    let state = recoupe_queue::queue_state(&fixture.nats_url, &fixture.names).expect("state");
    assert_eq!(
        (state.stream_messages, state.pending, state.ack_pending),
        (0, 0, 0),
        "nothing left in the work queue"
    );

    let store = fixture.store();
    assert_eq!(store.counts().expect("counts"), (N, N));
    assert_eq!(store.check().expect("check"), Vec::<String>::new());
    let rows = store.list().expect("list");
    let ids: BTreeSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), N, "no article twice");
    let analyzer = recoupe_pipeline::Analyzer::new();
    for row in &rows {
        assert!(
            store.analysis(&row.id, analyzer.version()).expect("analysis").is_some(),
            "article {} analysed by its worker",
            row.id
        );
    }

    // The embedded path on the same input stores the same articles.
    let lite_dir = tempfile::tempdir().expect("tempdir");
    let mut lite = Store::open(lite_dir.path()).expect("sqlite");
    recoupe_pipeline::ingest(&mut lite, &inputs, &ReadOptions::default(), &mut |_, _| {}).expect("ingest");
    let linked = |rows: &[recoupe_pipeline::ArticleRow]| rows.iter().filter(|r| r.copy_of.is_some()).count();
    assert_eq!(
        linked(&rows),
        2,
        "the two verbatim reprints are linked to their originals"
    );
    assert_eq!(linked(&rows), linked(&Storage::list(&lite).expect("list")));
    assert!(copies > 0, "the corpus has reprints (edited, so not verbatim copies)");
    let mut expected = Storage::articles(&lite).expect("articles");
    let mut got = store.articles().expect("articles");
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    got.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(got, expected);
}

#[test]
fn a_worker_reports_metrics_and_health() {
    let Some(fixture) = Fixture::new("metrics") else {
        return;
    };
    let (dir, _) = corpus(10);
    let inputs = vec![dir.path().display().to_string()];
    recoupe_queue::feed(&fixture.nats_url, &fixture.names, &inputs, &ReadOptions::default()).expect("feed");
    let metrics = Metrics::new();
    let report = recoupe_queue::run_worker(
        Box::new(fixture.store()),
        recoupe_pipeline::Analyzer::new(),
        fixture.options("metrics-worker"),
        Stop::new(),
        metrics.clone(),
    )
    .expect("worker");
    assert_eq!(report.acked, 10);
    let text = metrics.render();
    for line in [
        "recoupe_worker_acks_total 10",
        "recoupe_worker_stage_items_total{stage=\"received\"} 10",
        "recoupe_worker_stage_items_total{stage=\"extract\"} 10",
        "recoupe_worker_stage_items_total{stage=\"analyse\"} 10",
        "recoupe_worker_stage_items_total{stage=\"persist\"} 10",
        "recoupe_worker_queue_pending_messages 0",
        "recoupe_worker_redeliveries_total 0",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line:?} in:\n{text}");
    }
    assert_eq!(metrics.health(), Ok(()));
}

#[test]
fn a_stop_request_ends_an_idle_worker() {
    let Some(fixture) = Fixture::new("stop") else {
        return;
    };
    let stop = Stop::new();
    let mut options = fixture.options("stopped-worker");
    options.exit_when_drained = false;
    let store = fixture.store();
    let handle = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            recoupe_queue::run_worker(
                Box::new(store),
                recoupe_pipeline::Analyzer::new(),
                options,
                stop,
                Metrics::new(),
            )
        })
    };
    std::thread::sleep(Duration::from_millis(1500));
    let started = std::time::Instant::now();
    stop.stop();
    let report = handle.join().expect("thread").expect("worker");
    assert_eq!(report.received, 0);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "stopped within a pull's wait"
    );
}
