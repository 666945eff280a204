//! A file's bytes (any encoding, or none) through decoding and the whole pipeline: no panic.
#![no_main]

use hezhang_core::Options;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = hezhang_ingest::check_bytes(data, "fuzz.bin", &Options::default());
});
