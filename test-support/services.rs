//! Where tests find the PostgreSQL and NATS servers they need. Included by
//! tests with `#[path = "../../../test-support/services.rs"] mod services;`.
//!
//! A server that does not answer is never a silent pass: outside CI the test
//! prints `SKIP <test>: …` with how to start it and returns; in CI (`CI` set),
//! where both servers run, it fails the test.

#![allow(dead_code)]

use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// `$RECOUPE_TEST_POSTGRES`, else the local server's `test` database.
pub fn postgres_url() -> String {
    std::env::var("RECOUPE_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string())
}

/// `$RECOUPE_TEST_NATS`, else the local server.
pub fn nats_url() -> String {
    std::env::var("RECOUPE_TEST_NATS").unwrap_or_else(|_| "nats://127.0.0.1:4222".to_string())
}

fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

fn answers(host_port: &str) -> bool {
    host_port
        .to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.next())
        .is_some_and(|addr| TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_ok())
}

/// `host:port` of a `scheme://[user@]host:port/…` address.
fn host_port(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    rest.split(['/', '?']).next().unwrap_or(rest).to_string()
}

fn require(url: String, what: &str, how: &str, test: &str) -> Option<String> {
    if answers(&host_port(&url)) {
        return Some(url);
    }
    let message = format!("{test}: no {what} answers at {url} ({how})");
    if in_ci() {
        panic!("{message}; CI must have it");
    }
    eprintln!("SKIP {message}");
    None
}

/// The PostgreSQL address when the server answers; else panics in CI, or prints SKIP and gives `None`.
pub fn require_postgres(test: &str) -> Option<String> {
    require(
        postgres_url(),
        "PostgreSQL",
        "start one with `pg_ctlcluster 15 main start` or `docker run -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:15`, or set RECOUPE_TEST_POSTGRES",
        test,
    )
}

/// The NATS address when the server answers; else panics in CI, or prints SKIP and gives `None`.
pub fn require_nats(test: &str) -> Option<String> {
    require(
        nats_url(),
        "NATS server",
        "start one with JetStream: `nats-server -js` or `docker run -p 4222:4222 nats -js`, or set RECOUPE_TEST_NATS",
        test,
    )
}

/// A schema or stream name unique to this test and process, prefixed with the
/// branch's name so that parallel runs never share one.
pub fn unique_name(prefix: &str, test: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    // PostgreSQL names are at most 63 bytes.
    let test: String = test.chars().take(24).collect();
    format!(
        "{prefix}_{test}_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
    .to_lowercase()
}
