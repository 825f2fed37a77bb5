//! WARC files (plain or gzip, one member per record as news crawls write
//! them): response and resource records become documents. A bad record stops
//! the file with an error naming the byte offset; earlier records are kept.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use recoupe_core::{Document, Hints, MediaType, Origin};

use crate::{InputError, ReadOptions};

pub fn read_warc(path: &Path, label: &str, options: &ReadOptions, sink: &mut dyn FnMut(Result<Document, InputError>)) {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(source) => {
            return sink(Err(InputError::Io {
                input: label.to_string(),
                source,
            }))
        }
    };
    if label.to_lowercase().ends_with(".gz") {
        let reader = BufReader::new(flate2::read::MultiGzDecoder::new(BufReader::new(file)));
        read_records(reader, label, options, sink);
    } else {
        read_records(BufReader::new(file), label, options, sink);
    }
}

pub fn read_warc_bytes(
    label: &str,
    raw: &[u8],
    options: &ReadOptions,
    sink: &mut dyn FnMut(Result<Document, InputError>),
) {
    read_records(BufReader::new(raw), label, options, sink);
}

struct Counting<R> {
    inner: R,
    offset: u64,
}

impl<R: BufRead> Counting<R> {
    /// One line including its ending, or `None` at the end of the stream.
    fn line(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        let mut buf = Vec::new();
        let n = self.inner.read_until(b'\n', &mut buf)?;
        self.offset += n as u64;
        Ok((n > 0).then_some(buf))
    }

    fn exact(&mut self, len: u64) -> std::io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        let n = (&mut self.inner).take(len).read_to_end(&mut buf)?;
        self.offset += n as u64;
        if (n as u64) < len {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!("record ends after {n} of its {len} declared bytes"),
            ));
        }
        Ok(buf)
    }

    fn skip(&mut self, len: u64) -> std::io::Result<()> {
        let n = std::io::copy(&mut (&mut self.inner).take(len), &mut std::io::sink())?;
        self.offset += n;
        if n < len {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "record ends early",
            ));
        }
        Ok(())
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn parse_headers(block: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(block)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

fn read_records<R: BufRead>(
    reader: R,
    label: &str,
    options: &ReadOptions,
    sink: &mut dyn FnMut(Result<Document, InputError>),
) {
    let mut r = Counting {
        inner: reader,
        offset: 0,
    };
    let fail = |offset: u64, message: String| InputError::Warc {
        input: label.to_string(),
        offset,
        message,
    };
    loop {
        // Skip blank lines between records.
        let record_offset = r.offset;
        let first = match r.line() {
            Ok(Some(l)) => l,
            Ok(None) => return,
            Err(e) => return sink(Err(gzip_or_io(label, record_offset, e))),
        };
        if first.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        if !first.starts_with(b"WARC/") {
            return sink(Err(fail(
                record_offset,
                "expected a `WARC/` version line (a previous record's length is wrong?)".to_string(),
            )));
        }
        let mut head = Vec::new();
        loop {
            match r.line() {
                Ok(Some(l)) if l == b"\r\n" || l == b"\n" => break,
                Ok(Some(l)) => head.extend_from_slice(&l),
                Ok(None) => return sink(Err(fail(record_offset, "headers end without a blank line".to_string()))),
                Err(e) => return sink(Err(gzip_or_io(label, record_offset, e))),
            }
        }
        let headers = parse_headers(&head);
        let Some(length) = header(&headers, "Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
            return sink(Err(fail(record_offset, "missing or bad Content-Length".to_string())));
        };
        let kind = header(&headers, "WARC-Type").unwrap_or("").to_ascii_lowercase();
        let wanted = matches!(kind.as_str(), "response" | "resource" | "conversion");
        if !wanted || length > options.max_bytes {
            if wanted {
                sink(Err(InputError::TooLarge {
                    input: format!("{label}@{record_offset}"),
                    size: length,
                    limit: options.max_bytes,
                }));
            }
            if let Err(e) = r.skip(length) {
                return sink(Err(fail(record_offset, e.to_string())));
            }
            continue;
        }
        let block = match r.exact(length) {
            Ok(b) => b,
            Err(e) => return sink(Err(fail(record_offset, e.to_string()))),
        };
        let target_uri = header(&headers, "WARC-Target-URI").map(str::to_string);
        let origin = Origin::WarcRecord {
            file: label.to_string(),
            offset: record_offset,
            target_uri: target_uri.clone(),
        };
        let (content_type, body) = if kind == "response" {
            match split_http(&block) {
                Some((status, http_headers, body)) => {
                    if !(200..300).contains(&status) {
                        continue;
                    }
                    (header(&http_headers, "Content-Type").unwrap_or("").to_string(), body)
                }
                None => {
                    sink(Err(fail(
                        record_offset,
                        "response record without an HTTP header".to_string(),
                    )));
                    continue;
                }
            }
        } else {
            (header(&headers, "Content-Type").unwrap_or("").to_string(), block)
        };
        let lower = content_type.to_ascii_lowercase();
        let media = if lower.contains("html") {
            MediaType::Html
        } else if lower.starts_with("text/") || lower.is_empty() {
            MediaType::Text
        } else {
            continue;
        };
        let charset = lower
            .split(';')
            .find_map(|p| p.trim().strip_prefix("charset="))
            .map(|c| c.trim_matches('"').to_string());
        let hints = Hints {
            url: target_uri,
            published: header(&headers, "WARC-Date").filter(|_| false).map(str::to_string),
            charset,
            ..Hints::default()
        };
        sink(Ok(Document::new(origin, media, body).with_hints(hints)));
    }
}

fn gzip_or_io(label: &str, offset: u64, e: std::io::Error) -> InputError {
    InputError::Gzip {
        input: format!("{label}@{offset}"),
        message: e.to_string(),
    }
}

/// Header name and value pairs, in order.
type Headers = Vec<(String, String)>;

/// Status, headers and body of an HTTP response block.
fn split_http(block: &[u8]) -> Option<(u16, Headers, Vec<u8>)> {
    let end = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| block.windows(2).position(|w| w == b"\n\n").map(|p| (p, p + 2)))?;
    let head = &block[..end.0];
    let status_line_end = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
    let status_line = String::from_utf8_lossy(&head[..status_line_end]);
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, parse_headers(&head[status_line_end..]), block[end.1..].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(uri: &str, html: &str) -> Vec<u8> {
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        )
        .into_bytes()
    }

    fn run(raw: &[u8]) -> (Vec<Document>, Vec<String>) {
        let mut docs = Vec::new();
        let mut errors = Vec::new();
        read_warc_bytes("t.warc", raw, &ReadOptions::default(), &mut |r| match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e.to_string()),
        });
        (docs, errors)
    }

    #[test]
    fn reads_response_records() {
        let mut raw = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n".to_vec();
        raw.extend(record("https://a.example/1", "<html><body><p>Un.</p></body></html>"));
        raw.extend(record("https://a.example/2", "<html><body><p>Deux.</p></body></html>"));
        let (docs, errors) = run(&raw);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].hints.url.as_deref(), Some("https://a.example/2"));
        assert_eq!(docs[0].hints.charset.as_deref(), Some("utf-8"));
        assert_eq!(docs[0].media_type, MediaType::Html);
    }

    #[test]
    fn bad_length_keeps_earlier_records() {
        let mut raw = record("https://a.example/1", "<p>Un.</p>");
        let bad = String::from_utf8(record("https://a.example/2", "<p>Deux.</p>")).unwrap_or_default();
        raw.extend(bad.replacen("Content-Length: ", "Content-Length: 1", 1).into_bytes());
        let (docs, errors) = run(&raw);
        assert_eq!(docs.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("bad WARC record at byte"), "{}", errors[0]);
    }
}
