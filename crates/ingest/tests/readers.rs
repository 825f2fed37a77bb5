//! Readers against real files and a local HTTP server (no network beyond loopback).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use recoupe_core::{MediaType, Origin};
use recoupe_ingest::{read_all, FetchOptions, InputError, ReadOptions};

fn examples(path: &str) -> String {
    format!("{}/../../examples/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// A one-shot HTTP server on loopback: answers each connection with the
/// response `respond` gives for the request path, or never answers when it gives None.
fn serve(respond: fn(&str) -> Option<String>, connections: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for stream in listener.incoming().take(connections) {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).to_string();
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            match respond(&path) {
                Some(r) => {
                    let _ = stream.write_all(r.as_bytes());
                }
                None => std::thread::sleep(Duration::from_secs(5)),
            }
        }
    });
    format!("http://{addr}")
}

#[test]
fn fetches_html_through_a_redirect() {
    let base = serve(
        |path| {
            Some(if path == "/old" {
                "HTTP/1.1 301 Moved\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n".to_string()
            } else {
                let body = "<html><body><p>Bonjour.</p></body></html>";
                format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
            })
        },
        2,
    );
    let (docs, errors) = read_all(&[format!("{base}/old")], &ReadOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].media_type, MediaType::Html);
    assert!(matches!(&docs[0].origin, Origin::Url { final_url: Some(u), .. } if u.ends_with("/new")));
}

#[test]
fn a_url_that_hangs_times_out_with_a_clear_error() {
    let base = serve(|_| None, 1);
    let options = ReadOptions {
        fetch: FetchOptions {
            timeout: Duration::from_millis(800),
            ..FetchOptions::default()
        },
        ..ReadOptions::default()
    };
    let start = Instant::now();
    let (docs, errors) = read_all(&[format!("{base}/slow")], &options);
    assert!(start.elapsed() < Duration::from_secs(4));
    assert!(docs.is_empty());
    assert!(
        matches!(&errors[..], [InputError::Fetch { input, .. }] if input.ends_with("/slow")),
        "{errors:?}"
    );
}

#[test]
fn http_errors_are_reported() {
    let base = serve(
        |_| Some("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_string()),
        1,
    );
    let (_, errors) = read_all(&[format!("{base}/missing")], &ReadOptions::default());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].to_string().contains("404"), "{}", errors[0]);
}

#[test]
fn oversized_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.txt");
    // A sparse 2 GB file: costs no disk and would cost 2 GB of memory if read.
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(2 * 1024 * 1024 * 1024))
        .expect("sparse file");
    let (docs, errors) = read_all(&[path.display().to_string()], &ReadOptions::default());
    assert!(docs.is_empty());
    assert!(
        matches!(&errors[..], [InputError::TooLarge { size, .. }] if *size == 2 * 1024 * 1024 * 1024),
        "{errors:?}"
    );
}

#[test]
fn bad_inputs_give_errors_and_the_batch_goes_on() {
    let bad = |f: &str| examples(&format!("bad/{f}"));
    let inputs: Vec<String> = vec![
        bad("truncated.html.gz"),
        bad("broken-feed.rss"),
        bad("bad-length.warc"),
        bad("bad-length.warc.gz"),
        bad("mixed.jsonl"),
        bad("does-not-exist.txt"),
        examples("sample/s3-afp-tanzanie.txt"),
    ];
    let (docs, errors) = read_all(&inputs, &ReadOptions::default());
    let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    let named = |needle: &str| messages.iter().any(|m| m.contains(needle));
    assert!(named("truncated.html.gz: broken gzip stream"), "{messages:#?}");
    assert!(
        named("broken-feed.rss#1: unreadable feed: broken item at byte 207"),
        "{messages:#?}"
    );
    assert!(named("bad-length.warc: bad WARC record at byte"), "{messages:#?}");
    assert!(named("bad-length.warc.gz"), "{messages:#?}");
    assert!(named("mixed.jsonl:2: bad JSON line"), "{messages:#?}");
    assert!(named("does-not-exist.txt: not found"), "{messages:#?}");
    // The good record of the WARC, the good JSONL lines and the good file are all read.
    assert!(docs
        .iter()
        .any(|d| matches!(&d.origin, Origin::WarcRecord { file, .. } if file.ends_with("bad-length.warc"))));
    assert_eq!(
        docs.iter()
            .filter(|d| matches!(&d.origin, Origin::JsonlLine { .. }))
            .count(),
        2
    );
    assert!(docs
        .iter()
        .any(|d| matches!(&d.origin, Origin::File { path } if path.ends_with("s3-afp-tanzanie.txt"))));
}

#[test]
fn sample_folder_reads_every_format_in_a_stable_order() {
    let (docs, errors) = read_all(&[examples("sample")], &ReadOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    let kinds = |f: fn(&Origin) -> bool| docs.iter().filter(|d| f(&d.origin)).count();
    assert!(kinds(|o| matches!(o, Origin::FeedItem { .. })) >= 2);
    assert!(kinds(|o| matches!(o, Origin::WarcRecord { .. })) >= 2);
    assert!(kinds(|o| matches!(o, Origin::JsonlLine { .. })) >= 2);
    assert!(docs.len() >= 30, "{} documents", docs.len());
    let (again, _) = read_all(&[examples("sample")], &ReadOptions::default());
    let hashes = |d: &[recoupe_core::Document]| d.iter().map(|d| d.hash.clone()).collect::<Vec<_>>();
    assert_eq!(hashes(&docs), hashes(&again));
}

/// Links in folders are followed, a file reached twice is read once, a loop
/// is reported as a loop and a broken link as broken; nothing is skipped silently.
#[cfg(unix)]
#[test]
fn folders_follow_links_once_and_report_loops() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let outside = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("in");
    std::fs::create_dir_all(root.join("sub")).expect("mkdir");
    std::fs::write(root.join("a.txt"), "Premier texte.\n").expect("write");
    std::fs::write(outside.path().join("b.txt"), "Texte hors du dossier.\n").expect("write");
    symlink(outside.path().join("b.txt"), root.join("sub/link-to-b.txt")).expect("link");
    symlink(root.join("a.txt"), root.join("sub/again-a.txt")).expect("link");
    symlink(&root, root.join("sub/loop")).expect("link");
    symlink(root.join("missing.txt"), root.join("broken.txt")).expect("link");
    let (docs, errors) = read_all(&[root.display().to_string()], &ReadOptions::default());
    let paths: Vec<String> = docs.iter().map(|d| d.origin.label()).collect();
    assert_eq!(docs.len(), 2, "{paths:?} {errors:?}");
    assert!(paths.iter().any(|p| p.ends_with("a.txt")), "{paths:?}");
    assert!(paths.iter().any(|p| p.ends_with("sub/link-to-b.txt")), "{paths:?}");
    let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains("broken.txt: broken symbolic link")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("sub/loop: symbolic link loop")),
        "{messages:?}"
    );

    // A link loop given directly is a loop, not "not found".
    let self_loop = dir.path().join("self");
    symlink(&self_loop, &self_loop).expect("link");
    let (_, errors) = read_all(&[self_loop.display().to_string()], &ReadOptions::default());
    let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(messages[0].contains("self: symbolic link loop"), "{messages:?}");
}

/// A feed URL goes through the same container detection as a feed file: its
/// items come out as documents, whatever the path or content type says.
#[test]
fn a_feed_url_is_read_as_a_feed() {
    let base = serve(
        |_| {
            let body = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test wire</title>\
                <item><title>First item</title><link>https://example.org/a</link><description>The council met on Monday.</description></item>\
                <item><title>Second item</title><link>https://example.org/b</link><description>The vote was postponed.</description></item>\
                </channel></rss>";
            Some(format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            ))
        },
        1,
    );
    let (docs, errors) = read_all(&[format!("{base}/latest")], &ReadOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 2, "{docs:?}");
}
