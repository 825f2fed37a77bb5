//! Fuzzes the WARC reader, plain and gzip: any bytes give documents and
//! per-record errors, never a panic, a hang or an unbounded allocation;
//! every error names a byte offset inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../checks/ingest.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::warc(data));
