//! Narrative rules (NARR-*, PROC-SME, VEH-NARR): fixtures, snapshots and the reference report.
//!
//! Each rule has `tests/fixtures/<CODE>/pass.txt` (no finding of that rule) and `fail.txt`
//! (at least one, snapshotted). The reference report must produce no error from these rules.

use hezhang_core::model::{Loc, RawCell, RawDoc, RawLine, SourceKind};
use hezhang_core::recognise::{self, bind};
use hezhang_core::{rules, Config, Lang};
use std::path::PathBuf;

const CODES: &[&str] = &[
    "NARR-AMOUNT",
    "NARR-SHARE",
    "NARR-SHARE-SUM",
    "NARR-RATE",
    "NARR-YOY",
    "NARR-DIRECTION",
    "NARR-PLACEHOLDER",
    "PROC-SME",
    "VEH-NARR",
];

/// Pasted text → raw lines, as the paste ingester does (tabbed lines keep every cell).
fn doc(text: &str) -> RawDoc {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = text
        .lines()
        .enumerate()
        .map(|(i, raw)| {
            let loc = Loc::line(i as u32 + 1);
            let cells = raw.contains('\t').then(|| {
                raw.split('\t')
                    .map(|c| RawCell {
                        text: c.trim().to_string(),
                        loc: loc.clone(),
                    })
                    .collect()
            });
            RawLine {
                text: raw.to_string(),
                cells,
                loc,
            }
        })
        .collect();
    RawDoc {
        kind: SourceKind::Text,
        lines,
        pages: None,
    }
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed() -> Option<String> {
    let p = manifest().join("../../../shared/corpus/shanxi-jincheng-zwfw-2022.txt");
    std::fs::read_to_string(p).ok()
}

#[derive(serde::Serialize)]
struct Shown {
    rule: &'static str,
    severity: &'static str,
    message_zh: String,
    message_en: String,
    stated: Option<String>,
    computed: Option<String>,
    locations: Vec<(String, Option<u32>, Option<String>)>,
}

fn shown(text: &str, code: &str) -> Vec<Shown> {
    let report = recognise::recognise(&doc(text));
    let run = rules::run(&report, &Config::default());
    run.findings
        .iter()
        .filter(|f| f.rule == code)
        .map(|f| Shown {
            rule: f.rule,
            severity: f.severity.as_str(),
            message_zh: hezhang_core::i18n::message(f, Lang::Zh),
            message_en: hezhang_core::i18n::message(f, Lang::En),
            stated: f.stated.map(|d| d.to_string()),
            computed: f.computed.map(|d| d.to_string()),
            locations: f
                .locations
                .iter()
                .map(|l| {
                    (
                        l.kind.to_string(),
                        l.line,
                        l.text
                            .as_ref()
                            .map(|t| match l.span {
                                Some((a, b)) if b <= t.len() => t[a..b].to_string(),
                                _ => String::new(),
                            })
                            .or_else(|| l.value.clone()),
                    )
                })
                .collect(),
        })
        .collect()
}

#[test]
fn fixtures() {
    for code in CODES {
        assert!(
            rules::by_code(code).is_some(),
            "{code} is not in the registry"
        );
        let dir = manifest().join("tests/fixtures").join(code);
        let pass = std::fs::read_to_string(dir.join("pass.txt")).expect("pass fixture");
        let fail = std::fs::read_to_string(dir.join("fail.txt")).expect("fail fixture");
        let p = shown(&pass, code);
        assert!(
            p.is_empty(),
            "{code}: the passing fixture produced {} finding(s): {:#?}",
            p.len(),
            p.iter().map(|s| &s.message_zh).collect::<Vec<_>>()
        );
        let f = shown(&fail, code);
        assert!(
            !f.is_empty(),
            "{code}: the failing fixture produced nothing"
        );
        for s in &f {
            assert!(s.message_zh.ends_with('。'), "{code}: {}", s.message_zh);
            assert!(s.message_en.ends_with('.'), "{code}: {}", s.message_en);
            assert!(!s.message_zh.contains('{'), "{code}: {}", s.message_zh);
            assert!(!s.message_en.contains('{'), "{code}: {}", s.message_en);
        }
        insta::assert_json_snapshot!(format!("{code}__fail"), f);
    }
}

#[test]
fn reference_report() {
    let Some(text) = seed() else {
        eprintln!("reference report not found; skipped");
        return;
    };
    let report = recognise::recognise(&doc(&text));
    let bs = bind::bind(&report);
    if std::env::var("NARR_DEBUG").is_ok() {
        for b in &bs.items {
            let s = &report.narrative[b.s];
            let m = &s.mentions[b.m];
            eprintln!(
                "{:>3} {:<18} {:<26} {:?} denom={:?} parent={:?}",
                s.loc.line.unwrap_or(0),
                m.raw,
                format!("{:?}", b.subject),
                b.role,
                b.denom,
                b.parent
                    .map(|p| report.narrative[bs.items[p].s].mentions[bs.items[p].m]
                        .raw
                        .clone())
            );
        }
        for f in &bs.flats {
            eprintln!("flat {:?}", f);
        }
    }
    let st = bind::stats(&report, &bs);
    eprintln!(
        "reference report: {} amounts/percentages bound, {} unbound, {} left to the performance rules",
        st.bound, st.unbound, st.performance
    );
    assert!(st.unbound <= 3, "{st:?}");
    let config = Config::default();
    for code in CODES {
        let rule = rules::by_code(code).expect("registered");
        let mut ctx = rules::Ctx::new(&config);
        ctx.rule = rule.code;
        (rule.check)(&report, &mut ctx);
        eprintln!(
            "{code}: {} passed, {} failed, {} not applicable",
            ctx.passed,
            ctx.failed,
            ctx.not_run.len()
        );
    }
    let run = rules::run(&report, &config);
    for f in &run.findings {
        if CODES.contains(&f.rule) {
            eprintln!(
                "{} {} {}",
                f.rule,
                f.severity.as_str(),
                hezhang_core::i18n::message(f, Lang::Zh)
            );
            assert_ne!(
                f.severity,
                hezhang_core::Severity::Error,
                "{}: {}",
                f.rule,
                hezhang_core::i18n::message(f, Lang::Zh)
            );
            if f.severity == hezhang_core::Severity::Warning {
                assert_eq!(
                    f.rule,
                    "NARR-RATE",
                    "{}",
                    hezhang_core::i18n::message(f, Lang::Zh)
                );
            }
        }
    }
    for n in &run.not_run {
        if CODES.contains(&n.rule) {
            eprintln!("n/a {} {}", n.rule, n.reason_zh);
        }
    }
}

/// Debug helper: `NARR_FILE=path cargo test -p hezhang-core --test narrative_rules debug_file -- --nocapture`.
#[test]
fn debug_file() {
    let Ok(path) = std::env::var("NARR_FILE") else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("file");
    let report = recognise::recognise(&doc(&text));
    let bs = bind::bind(&report);
    for b in &bs.items {
        let s = &report.narrative[b.s];
        let m = &s.mentions[b.m];
        eprintln!(
            "{:>3} {:<16} {:<40} {:?} denom={:?} parent={:?} {:?}",
            s.loc.line.unwrap_or(0),
            m.raw,
            format!("{:?}", b.subject),
            b.role,
            b.denom,
            b.parent
                .map(|p| report.narrative[bs.items[p].s].mentions[bs.items[p].m]
                    .raw
                    .clone()),
            b.section
        );
    }
    let run = rules::run(&report, &Config::default());
    for f in &run.findings {
        eprintln!(
            "{} {} {}",
            f.rule,
            f.severity.as_str(),
            hezhang_core::i18n::message(f, Lang::Zh)
        );
    }
    for n in &run.not_run {
        eprintln!("n/a {} {}", n.rule, n.reason_zh);
    }
}

/// A consistent narrative in the Shanghai template's sentence forms (万元, no tables): the
/// narrative rules must stay silent, and checks without their tables must say so.
#[test]
fn shanghai_style_narrative_is_quiet() {
    let text =
        std::fs::read_to_string(manifest().join("tests/narrative_samples/shanghai-style.txt"))
            .expect("sample");
    let report = recognise::recognise(&doc(&text));
    let run = rules::run(&report, &Config::default());
    let mine: Vec<String> = run
        .findings
        .iter()
        .filter(|f| CODES.contains(&f.rule) || f.rule == "PROC-TOTAL")
        .map(|f| format!("{} {}", f.rule, hezhang_core::i18n::message(f, Lang::Zh)))
        .collect();
    assert!(mine.is_empty(), "{mine:#?}");
    let st = bind::stats(&report, &bind::bind(&report));
    assert!(st.bound >= 60, "{st:?}");
    assert!(run.not_run.iter().any(|n| n.rule == "NARR-AMOUNT"));
}

fn findings_of(sample: &str) -> Vec<String> {
    let text = std::fs::read_to_string(manifest().join("tests/narrative_samples").join(sample))
        .expect("sample");
    let report = recognise::recognise(&doc(&text));
    let run = rules::run(&report, &Config::default());
    let mut v: Vec<String> = run
        .findings
        .iter()
        .filter(|f| CODES.contains(&f.rule) || f.rule == "PROC-TOTAL")
        .map(|f| format!("{} {}", f.rule, f.severity.as_str()))
        .collect();
    v.sort();
    v
}

/// Sentence variants (由上年的 X 减少到 Y, 上年 X, 比年初预算减少) in a consistent report: quiet;
/// with a wrong Δ and a wrong direction word: one finding each, not one per consequence.
#[test]
fn sentence_variants() {
    assert!(findings_of("shanxi-style-variants.txt").is_empty());
    assert_eq!(
        findings_of("shanxi-style-variants-bad.txt"),
        ["NARR-DIRECTION error", "NARR-YOY error"]
    );
}

/// The Shanghai-style sample with seven planted errors: each is found.
#[test]
fn shanghai_style_errors_are_found() {
    assert_eq!(
        findings_of("shanghai-style-bad.txt"),
        [
            "NARR-DIRECTION error",
            "NARR-RATE error",
            "NARR-SHARE error",
            "NARR-YOY error",
            "NARR-YOY error",
            "NARR-YOY error",
            "PROC-TOTAL error",
            "VEH-NARR error",
        ]
    );
}
