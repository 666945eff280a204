//! The whole check from a file's bytes, as the CLI and the ingest worker run it: any kind (PDF
//! and workbooks by signature, CSV, text in UTF-8 with or without BOM, UTF-16, GB18030, or
//! binary) through decoding and the whole pipeline. No panic, the check counts add up, and a
//! location's box always comes with its page.
#![no_main]

use hezhang_core::Options;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(out) = hezhang_ingest::check_bytes(data, "fuzz.bin", &Options::default()) else {
        return;
    };
    assert_eq!(out.checks.run, out.checks.passed + out.checks.failed);
    for f in &out.findings {
        for l in &f.locations {
            assert!(
                l.bbox.is_none() || l.page.is_some(),
                "{}: box without a page",
                f.rule
            );
            if let Some(b) = l.bbox {
                assert!(
                    b[0] <= b[2] && b[1] <= b[3],
                    "{}: inverted box {b:?}",
                    f.rule
                );
            }
        }
    }
});
