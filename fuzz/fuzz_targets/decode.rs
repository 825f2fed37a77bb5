//! Fuzzes charset decoding: any bytes, with or without a declared charset,
//! decode without panicking; bytes that are valid UTF-8 come back unchanged;
//! the malformed-byte count never exceeds the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks/decode.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::decode_bytes(data));
