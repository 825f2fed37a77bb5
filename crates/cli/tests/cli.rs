//! End-to-end tests of the `recoupe` binary: exit codes, per-input errors,
//! the store, and the whole `brief` path. One integration-test binary, as in
//! ripgrep. Tests on ../shared skip with a note when it is absent.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn recoupe(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .arg("--data")
        .arg(data)
        .arg("--quiet")
        .output()
        .expect("run recoupe")
}

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

#[path = "../../../test-support/shared.rs"]
mod shared_support;

fn shared(path: &str) -> Option<PathBuf> {
    shared_support::shared_path(path, "cli")
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).to_string()
}

#[test]
fn usage_error_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = recoupe(&["no-such-command"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn ingest_is_idempotent_and_lists_errors_per_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = repo("examples/sample/s3-afp-tanzanie.txt");
    let empty = repo("examples/bad/empty.txt");
    let binary = repo("examples/bad/binary.bin");
    let out = recoupe(&["ingest", &good, &empty, &binary], dir.path());
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("empty.txt: empty document"), "{err}");
    assert!(err.contains("binary.bin: binary content"), "{err}");
    // The good input was stored despite the bad ones.
    let list = recoupe(&["list"], dir.path());
    assert_eq!(text(&list.stdout).lines().count(), 1);
    // Ingesting the same file again stores nothing new and succeeds.
    let again = recoupe(&["ingest", &good], dir.path());
    assert_eq!(again.status.code(), Some(0));
    assert!(
        text(&again.stderr).contains("1 already stored"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(text(&recoupe(&["list"], dir.path()).stdout).lines().count(), 1);
    // Show and search find it.
    let id = text(&recoupe(&["list"], dir.path()).stdout)
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string();
    let show = recoupe(&["show", &id[..8]], dir.path());
    assert!(text(&show.stdout).contains("\"sentences\""));
    let found = recoupe(&["search", "ferry"], dir.path());
    assert!(text(&found.stdout).contains(&id), "{}", text(&found.stdout));
}

#[test]
fn deeply_nested_html_does_not_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("deep.html");
    let html = format!(
        "<html><body>{}<p>Texte au fond.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(&page, html).expect("write");
    let out = recoupe(&["extract", &page.display().to_string()], dir.path());
    // Either an article or a clear error naming the input, never a crash.
    assert!(matches!(out.status.code(), Some(0) | Some(1)), "{}", text(&out.stderr));
    if out.status.code() == Some(1) {
        assert!(text(&out.stderr).contains("deep.html"), "{}", text(&out.stderr));
    }
}

#[test]
fn extract_prints_clean_article_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = recoupe(&["extract", &repo("examples/sample/s3-afp-tanzanie.txt")], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["meta"]["language"], "fr");
    assert!(v["sentences"].as_array().is_some_and(|s| !s.is_empty()));
}

#[test]
fn extract_folder_prints_one_record_per_document_errors_included() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).expect("mkdir");
    let page = |title: &str, body: &str| {
        format!(
            "<html lang=\"en\"><head><title>{title}</title></head><body><nav><a href=\"/\">Home</a></nav>\
             <article><p>{body} The council met on Tuesday evening to vote on the harbour plan.</p>\
             <p>{body} The vote was close, and the mayor said work would start in the spring.</p></article></body></html>"
        )
    };
    std::fs::write(pages.join("a.html"), page("Harbour plan", "First page.")).expect("write");
    std::fs::write(pages.join("b.html"), page("Harbour vote", "Second page.")).expect("write");
    std::fs::write(pages.join("c.bin"), [0u8, 1, 2, 3, 0, 0, 7, 8, 0, 1]).expect("write");
    let missing = dir.path().join("missing.html");
    let out = recoupe(
        &[
            "extract",
            &pages.display().to_string(),
            &missing.display().to_string(),
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let records: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON record per line"))
        .collect();
    let inputs: Vec<&str> = records.iter().map(|r| r["input"].as_str().unwrap_or("")).collect();
    assert_eq!(inputs.len(), 4, "{inputs:?}");
    assert!(
        inputs[0].ends_with("a.html") && inputs[1].ends_with("b.html"),
        "{inputs:?}"
    );
    assert!(
        inputs[2].ends_with("c.bin") && inputs[3].ends_with("missing.html"),
        "{inputs:?}"
    );
    assert!(records[0]["text"]
        .as_str()
        .is_some_and(|t| t.starts_with("First page.")));
    assert_eq!(records[1]["meta"]["language"], "en");
    assert_eq!(records[2]["error"]["code"], "binary");
    assert_eq!(records[3]["error"]["code"], "not_found");
    assert!(records[3]["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("missing.html")));
}

#[test]
fn similarity_prints_the_score_last() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    let c = dir.path().join("c.txt");
    std::fs::write(&a, "Ferry capsizes on Lake Victoria\nAt least 27 people died when a ferry capsized on Lake Victoria near Mwanza on Sunday, police said.").expect("write");
    std::fs::write(&b, "Lake Victoria ferry disaster\nA ferry sank on Lake Victoria near Mwanza on Sunday, killing at least 27 passengers, according to the police.").expect("write");
    std::fs::write(&c, "Cocoa price raised\nIvory Coast raised the farm-gate price of cocoa to 2,200 CFA francs a kilogram for the new season.").expect("write");
    let score = |x: &Path, y: &Path| -> f64 {
        let out = recoupe(
            &["similarity", &x.display().to_string(), &y.display().to_string()],
            dir.path(),
        );
        text(&out.stdout)
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .expect("score on the last line")
    };
    let same = score(&a, &b);
    let different = score(&a, &c);
    assert!((0.0..=1.0).contains(&same) && (0.0..=1.0).contains(&different));
    assert!(same > different + 0.2, "same story {same} vs different {different}");
}

#[test]
fn brief_on_the_sample_is_deterministic_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = repo("examples/sample");
    for format in ["md", "json", "html"] {
        let one = recoupe(&["brief", &sample, "--format", format], dir.path());
        assert_eq!(one.status.code(), Some(0), "{}", text(&one.stderr));
        let two = recoupe(&["brief", &sample, "--format", format], dir.path());
        assert_eq!(one.stdout, two.stdout, "brief --format {format} differs between runs");
        assert!(!one.stdout.is_empty());
    }
    let html = text(&recoupe(&["brief", &sample, "--format", "html"], dir.path()).stdout);
    assert!(
        !html.contains("<script src=") && !html.contains("<link rel=\"stylesheet\" href="),
        "self-contained HTML"
    );
}

#[test]
fn brief_on_the_seeds() {
    let Some(seeds) = shared("seeds") else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let out = recoupe(&["brief", &seeds.display().to_string(), "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let dossiers = v["dossiers"].as_array().expect("dossiers");
    assert_eq!(dossiers.len(), 1, "the five seeds tell one story");
    let md = text(&recoupe(&["brief", &seeds.display().to_string()], dir.path()).stdout);
    for needle in [
        "Assimi Goïta",
        "Vladimir Poutine",
        "Alliance des États du Sahel",
        "2025-06-22",
        "2025-06-23",
    ] {
        assert!(md.contains(needle), "brief lacks {needle:?}");
    }
}

#[test]
fn a_user_entity_table_is_used_and_a_broken_one_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    // Two spellings of one invented company: only the user's table knows they are one.
    std::fs::write(
        &a,
        "Brakna Mining expands\nBrakna Mining Company said on Monday it would double output at its mine near Aleg.",
    )
    .expect("write");
    std::fs::write(
        &b,
        "BMC doubles output\nThe BMC group announced on Monday that production at its mine near Aleg would double.",
    )
    .expect("write");
    let table = dir.path().join("mine.toml");
    std::fs::write(
        &table,
        "entity = [ { key = \"user:brakna_mining\", kind = \"organisation\", names = [\"Brakna Mining Company\", \"Brakna Mining\", \"BMC\"], demonyms = [] } ]\n",
    )
    .expect("write");
    let (a, b, table) = (
        a.display().to_string(),
        b.display().to_string(),
        table.display().to_string(),
    );
    let without = recoupe(&["similarity", &a, &b], dir.path());
    let with = recoupe(&["--entities", &table, "similarity", &a, &b], dir.path());
    assert_eq!(with.status.code(), Some(0), "{}", text(&with.stderr));
    let last = |out: &std::process::Output| -> f64 {
        text(&out.stdout)
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .expect("score")
    };
    assert!(last(&with) > last(&without), "{} vs {}", last(&with), last(&without));

    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "entity = [ { key = ").expect("write");
    let out = recoupe(
        &["--entities", &broken.display().to_string(), "similarity", &a, &b],
        dir.path(),
    );
    // A broken table is the user's to fix: exit 2, naming the file.
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("broken.toml"), "{}", text(&out.stderr));
}

/// The hostile corpus (examples/bad, written by examples/tools/make_bad.py)
/// plus a link loop, ingested in one batch: every good article is stored,
/// every bad input is reported with its position, the exit code is 1, and
/// the same batch again stores nothing new.
#[cfg(unix)]
#[test]
fn hostile_corpus_in_one_batch_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inputs = tempfile::tempdir().expect("tempdir");
    let bad = std::fs::canonicalize(repo("examples/bad")).expect("examples/bad");
    std::os::unix::fs::symlink(&bad, inputs.path().join("bad")).expect("link");
    std::os::unix::fs::symlink(inputs.path(), inputs.path().join("loop")).expect("link");
    let folder = inputs.path().display().to_string();
    let out = recoupe(&["ingest", &folder], dir.path());
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for needle in [
        "empty.txt: empty document",
        "binary.bin: binary content",
        "truncated.html.gz: broken gzip stream",
        "bad-length.warc: bad WARC record at byte 436",
        "bad-length.warc.gz: bad WARC record at byte 115",
        "broken-feed.rss#1: unreadable feed: broken item at byte",
        "mixed.jsonl:2: bad JSON line",
        "mixed.jsonl:3: bad JSON line: no text field",
        "mixed.jsonl:5: bad JSON line: not a JSON object",
        "not-html.html",
        "resync.warc: bad WARC record at byte",
        "resync.warc.gz: bad WARC record at byte",
        "broken gzip member",
        "one-bad-item.rss#1: unreadable feed: broken item at byte",
        "reprints.jsonl:2: bad JSON line",
        "loop: symbolic link loop",
        "few-bad-bytes-fr.txt: 6 malformed byte(s) in 6 place(s) of UTF-8 text",
        "1 new copies of another source's text",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    let export = text(&recoupe(&["export"], dir.path()).stdout);
    let urls: Vec<String> = export
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["meta"]["url"].as_str().map(str::to_string))
        .collect();
    for url in [
        "https://bad.example/good",
        "https://resync.example/1",
        "https://resync.example/2",
        "https://resync.example/3",
        "https://resync-gz.example/0",
        "https://resync-gz.example/2",
        "https://ried.example/1",
        "https://ried.example/3",
        "https://gazette-a.example/secheresse",
        "https://journal-b.example/eleveurs",
    ] {
        assert!(urls.iter().any(|u| u == url), "{url} not stored: {urls:?}");
    }
    // The reprint is its own article, marked as a copy of the first.
    let list = text(&recoupe(&["list"], dir.path()).stdout);
    assert_eq!(list.matches("(copy of ").count(), 1, "{list}");
    // The French text with six bad bytes kept its accents.
    assert!(export.contains("Le préfet a annoncé à la presse"), "accents lost");
    let stored = list.lines().count();
    // Again: nothing new, nothing lost.
    let again = recoupe(&["ingest", &folder], dir.path());
    let err = text(&again.stderr);
    assert!(err.contains(", 0 article(s) extracted"), "{err}");
    assert_eq!(text(&recoupe(&["list"], dir.path()).stdout).lines().count(), stored);
    let store = recoupe_pipeline::Store::open(dir.path()).expect("store");
    assert_eq!(store.check().expect("check"), Vec::<String>::new());
}

/// kill -9 at random moments while a JSONL dump is ingested, then a run to
/// the end: the store passes its integrity check, holds each line once, is
/// complete, and each restart resumed where the last commit stopped.
/// RECOUPE_KILL_LINES (default 3000), RECOUPE_KILLS (default 4) and
/// RECOUPE_KILL_MAX_MS (longest wait before a kill, default 1500) size it;
/// reports/pipeline.md has the 50,000-line, ten-kill run.
#[cfg(unix)]
#[test]
fn kill_nine_during_ingest_keeps_committed_batches() {
    let lines: usize = std::env::var("RECOUPE_KILL_LINES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let kills: usize = std::env::var("RECOUPE_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let max_ms: u64 = std::env::var("RECOUPE_KILL_MAX_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500)
        .max(1);
    let dir = tempfile::tempdir().expect("tempdir");
    let dump = dir.path().join("dump.jsonl");
    let mut text_lines = String::new();
    for i in 0..lines {
        // Distinct bodies, each a short news-like paragraph.
        text_lines.push_str(&format!(
            "{{\"url\": \"https://kill.example/{i}\", \"title\": \"Dépêche {i}\", \"text\": \"Le conseil régional a voté le {d} mars un crédit de {i}000 euros pour la ligne {i}. Les travaux de la ligne {i} commenceront en avril, a indiqué la présidente.\"}}\n",
            d = i % 28 + 1
        ));
    }
    std::fs::write(&dump, text_lines).expect("write dump");
    let data = dir.path().join("store");
    let dump_arg = dump.display().to_string();
    let mut seed: u64 = 0x5eed_1234;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut counts = Vec::new();
    for _ in 0..kills {
        let mut child = Command::new(env!("CARGO_BIN_EXE_recoupe"))
            .args(["ingest", &dump_arg, "--quiet", "--data"])
            .arg(&data)
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(300 + next() % max_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let store = recoupe_pipeline::Store::open(&data).expect("store after kill");
        assert_eq!(store.check().expect("check"), Vec::<String>::new());
        let (docs, arts) = store.counts().expect("counts");
        assert_eq!(docs, arts, "a committed batch has its articles");
        counts.push(docs);
    }
    assert!(
        counts.windows(2).all(|w| w[0] <= w[1]),
        "a restart lost committed work: {counts:?}"
    );
    let out = recoupe(&["ingest", &dump_arg], &data);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    let already = counts.last().copied().unwrap_or(0);
    assert!(
        err.contains(&format!("{lines} document(s) read, {already} already stored")),
        "the last run did not resume at {already}: {err}"
    );
    let store = recoupe_pipeline::Store::open(&data).expect("store");
    assert_eq!(store.check().expect("check"), Vec::<String>::new());
    assert_eq!(
        store.counts().expect("counts"),
        (lines, lines),
        "kills after {counts:?}"
    );
    eprintln!("kill -9 after {counts:?} documents; final {lines}");
}

/// The exit-code contract, one row per code: 0 all inputs fine, 1 some input
/// failed (named on stderr), 2 usage or user error, 3 internal error.
#[test]
fn exit_codes_follow_the_contract() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = repo("examples/sample/s3-afp-tanzanie.txt");
    let empty = repo("examples/bad/empty.txt");
    let missing = dir.path().join("missing.txt").display().to_string();
    let not_a_dir = dir.path().join("file-not-folder");
    std::fs::write(&not_a_dir, "x").expect("write");
    let cases: Vec<(Vec<String>, Option<&Path>, i32, &str)> = vec![
        (vec!["extract".into(), good.clone()], None, 0, ""),
        (
            vec!["stories".into(), good.clone(), empty.clone()],
            None,
            1,
            "empty.txt",
        ),
        (
            vec!["brief".into(), good.clone(), missing.clone()],
            None,
            1,
            "missing.txt",
        ),
        (vec!["extract".into(), empty.clone()], None, 1, "empty.txt"),
        (vec!["brief".into()], None, 2, "nothing to brief"),
        (vec!["ingest".into()], None, 2, "nothing to ingest"),
        (vec!["show".into(), "ffffffffffff".into()], None, 2, "no stored article"),
        (
            vec!["analyze".into(), "no-such-file-or-id".into()],
            None,
            2,
            "neither a file",
        ),
        (vec!["story".into(), "zzzz".into(), good.clone()], None, 2, "no story"),
        (
            vec!["--entities".into(), missing.clone(), "stories".into(), good.clone()],
            None,
            2,
            "missing.txt",
        ),
        (vec!["--bogus-flag".into()], None, 2, ""),
        // The store cannot be opened (its folder is a file): an internal error.
        (vec!["list".into()], Some(not_a_dir.as_path()), 3, "error"),
    ];
    for (args, data, code, needle) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = recoupe(&args, data.unwrap_or(dir.path()));
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// A reader that closes the pipe early (`recoupe … | head -1`) ends the
/// command quietly: no panic, no error message, exit 0.
#[test]
fn a_closed_stdout_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [
        vec![
            "brief".to_string(),
            repo("examples/sample"),
            "--format".into(),
            "json".into(),
        ],
        vec!["extract".to_string(), repo("examples/sample/s3-afp-tanzanie.txt")],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_recoupe"))
            .args(&args)
            .arg("--data")
            .arg(dir.path())
            .arg("--quiet")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // Read one byte, then close our end, as `head -c 1` would.
        let mut stdout = child.stdout.take().expect("stdout");
        let mut one = [0u8; 1];
        stdout.read_exact(&mut one).expect("first byte");
        drop(stdout);
        let mut err = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut err)
            .expect("stderr");
        let status = child.wait().expect("wait");
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
    }
}
