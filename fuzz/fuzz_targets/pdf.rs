//! A PDF's bytes through hayro, the text-layer rebuild and the whole pipeline: no panic (a
//! panic inside hayro is caught in production, but libFuzzer's hook still reports it).
#![no_main]

use hezhang_core::Options;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = hezhang_ingest::check_pdf(data, "fuzz.pdf", &Options::default());
});
