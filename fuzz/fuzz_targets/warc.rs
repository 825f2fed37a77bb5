//! Fuzzes the WARC reader, plain and gzip: any bytes give documents and
//! per-record errors, never a panic, a hang or an unbounded allocation;
//! every error names a byte offset inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recoupe_ingest::InputError;

fuzz_target!(|data: &[u8]| {
    let check = |r: Result<recoupe_core::Document, InputError>| {
        if let Err(InputError::Warc { offset, .. }) = r {
            assert!(offset <= data.len() as u64, "offset {offset} past the end");
        }
    };
    let mut plain = |r| check(r);
    recoupe_ingest::readers::warc(data, &mut plain);
    let mut gz = |r| check(r);
    recoupe_ingest::readers::warc_gz(data, &mut gz);
});
