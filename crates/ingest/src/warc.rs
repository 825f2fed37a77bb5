//! WARC files (plain or gzip, one member per record as news crawls write
//! them): response and resource records become documents.
//!
//! The reader resynchronises: a record whose header or length is wrong is
//! reported with its byte offset and reading goes on at the next line that
//! starts a record (`WARC/1.x`), searched from just after the bad header, so
//! a wrong `Content-Length` loses only its own record. A corrupt gzip member
//! is reported with its offset in the compressed file and reading goes on at
//! the next gzip member. Offsets are those of the plain file, or of the gzip
//! member holding the record for `.warc.gz`.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use recoupe_core::{Document, Hints, MediaType, Origin};

use crate::{InputError, ReadOptions};

/// Longest header block of one record; longer is a broken record.
const MAX_HEADER: usize = 64 * 1024;

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
        read_gzip_members(BufReader::new(file), label, options, sink);
    } else if let Err(e) = read_records(BufReader::new(file), label, None, options, sink) {
        sink(Err(InputError::Io {
            input: label.to_string(),
            source: e,
        }));
    }
}

pub fn read_warc_bytes(
    label: &str,
    raw: &[u8],
    options: &ReadOptions,
    sink: &mut dyn FnMut(Result<Document, InputError>),
) {
    if let Err(e) = read_records(BufReader::new(raw), label, None, options, sink) {
        sink(Err(InputError::Io {
            input: label.to_string(),
            source: e,
        }));
    }
}

/// A `.warc.gz` held in memory.
pub fn read_warc_gz_bytes(
    label: &str,
    raw: &[u8],
    options: &ReadOptions,
    sink: &mut dyn FnMut(Result<Document, InputError>),
) {
    read_gzip_members(std::io::Cursor::new(raw), label, options, sink);
}

const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// Reads gzip members one by one; a broken member is reported and skipped.
fn read_gzip_members<R: BufRead + Seek>(
    mut file: R,
    label: &str,
    options: &ReadOptions,
    sink: &mut dyn FnMut(Result<Document, InputError>),
) {
    loop {
        let start = match file.stream_position() {
            Ok(p) => p,
            Err(source) => {
                return sink(Err(InputError::Io {
                    input: label.to_string(),
                    source,
                }))
            }
        };
        match file.fill_buf() {
            Ok([]) => return,
            Ok(_) => {}
            Err(source) => {
                return sink(Err(InputError::Io {
                    input: label.to_string(),
                    source,
                }))
            }
        }
        let result = {
            let decoder = flate2::bufread::GzDecoder::new(&mut file);
            read_records(BufReader::new(decoder), label, Some(start), options, sink)
        };
        if let Err(e) = result {
            sink(Err(InputError::Warc {
                input: label.to_string(),
                offset: start,
                message: format!("broken gzip member: {e}; reading on at the next member"),
            }));
            match next_member(&mut file, start + 1) {
                Ok(true) => continue,
                Ok(false) => return,
                Err(source) => {
                    return sink(Err(InputError::Io {
                        input: label.to_string(),
                        source,
                    }))
                }
            }
        }
    }
}

/// Moves to the next gzip header at or after `from`; false at the end of the file.
fn next_member<R: BufRead + Seek>(file: &mut R, from: u64) -> std::io::Result<bool> {
    let mut pos = file.seek(SeekFrom::Start(from))?;
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let buf = file.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let mut window = std::mem::take(&mut carry);
        let window_start = pos - window.len() as u64;
        window.extend_from_slice(buf);
        if let Some(i) = window.windows(3).position(|w| w == GZIP_MAGIC) {
            file.seek(SeekFrom::Start(window_start + i as u64))?;
            return Ok(true);
        }
        let n = buf.len();
        file.consume(n);
        pos += n as u64;
        carry = window[window.len().saturating_sub(2)..].to_vec();
    }
}

/// A line reader that counts offsets and can put bytes back.
struct Stream<R> {
    inner: R,
    offset: u64,
    back: Vec<u8>,
    back_pos: usize,
}

impl<R: BufRead> Stream<R> {
    /// One line including its ending, or `None` at the end of the stream.
    fn line(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        let mut buf = Vec::new();
        if self.back_pos < self.back.len() {
            let rest = &self.back[self.back_pos..];
            match rest.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    buf.extend_from_slice(&rest[..=i]);
                    self.back_pos += i + 1;
                    self.offset += buf.len() as u64;
                    return Ok(Some(buf));
                }
                None => {
                    buf.extend_from_slice(rest);
                    self.back.clear();
                    self.back_pos = 0;
                }
            }
        }
        self.inner.read_until(b'\n', &mut buf)?;
        self.offset += buf.len() as u64;
        Ok((!buf.is_empty()).then_some(buf))
    }

    /// Up to `len` bytes; fewer only at the end of the stream.
    fn take(&mut self, len: u64) -> std::io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        if self.back_pos < self.back.len() {
            let rest = &self.back[self.back_pos..];
            let n = rest.len().min(usize::try_from(len).unwrap_or(usize::MAX));
            buf.extend_from_slice(&rest[..n]);
            self.back_pos += n;
            if self.back_pos == self.back.len() {
                self.back.clear();
                self.back_pos = 0;
            }
        }
        let more = len - buf.len() as u64;
        (&mut self.inner).take(more).read_to_end(&mut buf)?;
        self.offset += buf.len() as u64;
        Ok(buf)
    }

    /// Skips `len` bytes; returns how many there were.
    fn skip(&mut self, len: u64) -> std::io::Result<u64> {
        let mut skipped = 0u64;
        if self.back_pos < self.back.len() {
            let n = ((self.back.len() - self.back_pos) as u64).min(len);
            self.back_pos += n as usize;
            skipped = n;
        }
        skipped += std::io::copy(&mut (&mut self.inner).take(len - skipped), &mut std::io::sink())?;
        self.offset += skipped;
        Ok(skipped)
    }

    /// Puts `bytes` back in front of the stream.
    fn unread(&mut self, bytes: &[u8]) {
        let mut back = bytes.to_vec();
        back.extend_from_slice(&self.back[self.back_pos..]);
        self.back = back;
        self.back_pos = 0;
        self.offset -= bytes.len() as u64;
    }

    /// Skips to the next line that starts a record; false at the end.
    fn resync(&mut self) -> std::io::Result<bool> {
        while let Some(line) = self.line()? {
            if starts_record(&line) {
                self.unread(&line);
                return Ok(true);
            }
        }
        Ok(false)
    }
}

fn starts_record(line: &[u8]) -> bool {
    line.starts_with(b"WARC/") && line.get(5).is_some_and(u8::is_ascii_digit)
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

/// Reads the records of one stream (a plain file, or one gzip member whose
/// offset is `member`). Bad records are reported and skipped; an I/O error
/// (a broken gzip member) is returned.
fn read_records<R: BufRead>(
    reader: R,
    label: &str,
    member: Option<u64>,
    options: &ReadOptions,
    sink: &mut dyn FnMut(Result<Document, InputError>),
) -> std::io::Result<()> {
    let mut r = Stream {
        inner: reader,
        offset: 0,
        back: Vec::new(),
        back_pos: 0,
    };
    let at = |offset: u64| member.unwrap_or(offset);
    let bad = |offset: u64, message: String| {
        let message = match member {
            Some(_) => format!("{message} (at byte {offset} of the gzip member)"),
            None => message,
        };
        InputError::Warc {
            input: label.to_string(),
            offset: at(offset),
            message,
        }
    };
    loop {
        let record_offset = r.offset;
        let Some(first) = r.line()? else { return Ok(()) };
        // Blank lines between records.
        if first.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        if !starts_record(&first) {
            sink(Err(bad(
                record_offset,
                "expected a `WARC/` version line; skipped to the next record".to_string(),
            )));
            if !r.resync()? {
                return Ok(());
            }
            continue;
        }
        let mut head = Vec::new();
        let mut complete = false;
        while let Some(l) = r.line()? {
            if l == b"\r\n" || l == b"\n" {
                complete = true;
                break;
            }
            if starts_record(&l) {
                r.unread(&l);
                break;
            }
            head.extend_from_slice(&l);
            if head.len() > MAX_HEADER {
                break;
            }
        }
        if !complete {
            sink(Err(bad(
                record_offset,
                "record headers do not end with a blank line; skipped to the next record".to_string(),
            )));
            if !r.resync()? {
                return Ok(());
            }
            continue;
        }
        let headers = parse_headers(&head);
        let Some(length) = header(&headers, "Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
            sink(Err(bad(
                record_offset,
                "missing or bad Content-Length; skipped to the next record".to_string(),
            )));
            if !r.resync()? {
                return Ok(());
            }
            continue;
        };
        let kind = header(&headers, "WARC-Type").unwrap_or("").to_ascii_lowercase();
        let wanted = matches!(kind.as_str(), "response" | "resource" | "conversion");
        if length > options.max_bytes {
            // Too large to hold: skipped unread, so its length cannot be checked.
            if wanted {
                sink(Err(InputError::TooLarge {
                    input: format!("{label}@{}", at(record_offset)),
                    size: length,
                    limit: options.max_bytes,
                }));
            }
            let n = r.skip(length)?;
            if n < length {
                sink(Err(bad(
                    record_offset,
                    format!("record ends after {n} of its {length} declared bytes"),
                )));
                return Ok(());
            }
            continue;
        }
        let block = r.take(length)?;
        let block_start = r.offset - block.len() as u64;
        let fits = if (block.len() as u64) < length {
            Err(format!(
                "record ends after {} of its {length} declared bytes",
                block.len()
            ))
        } else {
            // A right length is followed by the two line ends the format puts
            // after every block (or directly by the next record, or the end).
            let mut after = Vec::new();
            let mut ok = true;
            let mut blanks = 0;
            while let Some(l) = r.line()? {
                after.extend_from_slice(&l);
                if l.iter().all(|b| b.is_ascii_whitespace()) {
                    blanks += 1;
                    if blanks == 2 {
                        break;
                    }
                    continue;
                }
                ok = starts_record(&l);
                break;
            }
            r.unread(&after);
            if ok {
                Ok(())
            } else {
                Err(format!(
                    "Content-Length {length} does not end the record (no record header follows)"
                ))
            }
        };
        if let Err(message) = fits {
            sink(Err(bad(
                record_offset,
                format!("{message}; skipped to the next record"),
            )));
            // The next record may be inside what the wrong length swallowed.
            r.unread(&block);
            debug_assert_eq!(r.offset, block_start);
            if !r.resync()? {
                return Ok(());
            }
            continue;
        }
        if !wanted {
            continue;
        }
        let target_uri = header(&headers, "WARC-Target-URI").map(str::to_string);
        let origin = Origin::WarcRecord {
            file: label.to_string(),
            offset: at(record_offset),
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
                    sink(Err(bad(
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

    fn run_gz(raw: &[u8]) -> (Vec<Document>, Vec<String>) {
        let mut docs = Vec::new();
        let mut errors = Vec::new();
        read_gzip_members(
            std::io::Cursor::new(raw),
            "t.warc.gz",
            &ReadOptions::default(),
            &mut |r| match r {
                Ok(d) => docs.push(d),
                Err(e) => errors.push(e.to_string()),
            },
        );
        (docs, errors)
    }

    fn gz(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).expect("gzip");
        e.finish().expect("gzip")
    }

    fn uris(docs: &[Document]) -> Vec<String> {
        docs.iter().filter_map(|d| d.hints.url.clone()).collect()
    }

    /// A wrong Content-Length (too long, too short) or junk between records
    /// loses only the bad record; the error names its offset.
    #[test]
    fn resynchronises_after_a_bad_record() {
        let one = record("https://a.example/1", "<p>Un.</p>");
        let two = String::from_utf8(record("https://a.example/2", "<p>Deux.</p>")).unwrap_or_default();
        let three = record("https://a.example/3", "<p>Trois.</p>");
        let declared = two
            .split("Content-Length: ")
            .nth(1)
            .and_then(|r| r.split('\r').next())
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        let length = |n: usize| {
            two.replacen(
                &format!("Content-Length: {declared}"),
                &format!("Content-Length: {n}"),
                1,
            )
        };
        for broken in [
            length(declared + 1000),
            length(declared - 10),
            two.replacen("Content-Length: ", "Content-Length: x", 1),
            format!("garbage line\r\n{two}"),
            two.replacen("WARC/1.0\r\n", "WARC/1.0\r\nWARC-Type: response\r\n", 1)
                .replacen("\r\n\r\nHTTP", "\r\nHTTP", 1),
        ] {
            let mut raw = one.clone();
            raw.extend_from_slice(broken.as_bytes());
            raw.extend_from_slice(&three);
            let (docs, errors) = run(&raw);
            let got = uris(&docs);
            assert!(got.contains(&"https://a.example/1".to_string()), "{got:?} {errors:?}");
            assert!(got.contains(&"https://a.example/3".to_string()), "{got:?} {errors:?}");
            assert_eq!(errors.len(), 1, "{broken:?}: {errors:?}");
            assert!(
                errors[0].starts_with(&format!("t.warc: bad WARC record at byte {}", one.len())),
                "{}",
                errors[0]
            );
        }
    }

    #[test]
    fn truncated_last_record_is_reported() {
        let mut raw = record("https://a.example/1", "<p>Un.</p>");
        let two = record("https://a.example/2", "<p>Deux.</p>");
        raw.extend_from_slice(&two[..two.len() - 20]);
        let (docs, errors) = run(&raw);
        assert_eq!(uris(&docs), ["https://a.example/1"]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("record ends after"), "{}", errors[0]);
    }

    /// One gzip member per record: a corrupt member is reported at its offset
    /// in the compressed file and the next members are read.
    #[test]
    fn skips_a_corrupt_gzip_member() {
        let one = gz(&record("https://a.example/1", "<p>Un.</p>"));
        let mut two = gz(&record(
            "https://a.example/2",
            &"<p>Deux et encore deux.</p>".repeat(30),
        ));
        let three = gz(&record("https://a.example/3", "<p>Trois.</p>"));
        let mid = two.len() / 2;
        for b in &mut two[mid..mid + 8] {
            *b ^= 0x5a;
        }
        let mut raw = one.clone();
        raw.extend_from_slice(&two);
        raw.extend_from_slice(b"junk between members");
        raw.extend_from_slice(&three);
        let (docs, errors) = run_gz(&raw);
        assert_eq!(
            uris(&docs),
            ["https://a.example/1", "https://a.example/3"],
            "{errors:?}"
        );
        assert!(!errors.is_empty());
        assert!(
            errors[0].starts_with(&format!(
                "t.warc.gz: bad WARC record at byte {}: broken gzip member",
                one.len()
            )),
            "{errors:?}"
        );
        let at = |d: &Document| match &d.origin {
            Origin::WarcRecord { offset, .. } => *offset,
            _ => u64::MAX,
        };
        assert_eq!(at(&docs[0]), 0);
        assert_eq!(at(&docs[1]), (one.len() + two.len() + 20) as u64);
    }
}
