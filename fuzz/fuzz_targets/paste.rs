//! Pasted text (any UTF-8) through the whole pipeline: no panic, every location in the input.
#![no_main]

use hezhang_core::Options;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(out) = hezhang_ingest::check_text(text, "fuzz.txt", &Options::default()) {
        let n = hezhang_ingest::paste::parse(text).lines.len() as u32;
        for f in &out.findings {
            for l in &f.locations {
                if let Some(line) = l.line {
                    assert!(
                        (1..=n).contains(&line),
                        "{} line {line} outside 1..={n}",
                        f.rule
                    );
                }
            }
        }
        assert_eq!(out.checks.run, out.checks.passed + out.checks.failed);
    }
});
