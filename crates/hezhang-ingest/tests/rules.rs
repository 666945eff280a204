//! The per-rule harness and the rule meta-tests (house style §3, §5).
//!
//! For every rule in `hezhang_core::rules::all()`:
//! - `crates/hezhang-core/tests/fixtures/<CODE>/pass.txt` yields no finding of that rule;
//! - `crates/hezhang-core/tests/fixtures/<CODE>/fail.txt` yields at least one, and those findings
//!   (zh and en) are snapshotted as `crates/hezhang-core/tests/snapshots/<CODE>__fail.snap`.
//!
//! The meta-tests fail when a registered rule lacks docs (any empty section), titles, messages,
//! fixtures or a snapshot; when codes are not unique or not upper-case kebab; or when a message
//! template or a message in any snapshot breaks the message style (zh ends with 。, en with .,
//! no exclamation marks, no blame words, no unfilled `{argument}`).
//!
//! The harness lives in hezhang-ingest because it runs the whole pipeline (paste → recognise →
//! rules); hezhang-core cannot depend on the ingester. Fixtures and snapshots stay under
//! hezhang-core/tests, next to the rules they test.
//!
//! `docs/rules.md` is generated from the registry by `rules/doc.rs` (same test binary).
//!
//! Adding a rule: write both fixtures, then run
//! `INSTA_UPDATE=always cargo test -p hezhang-ingest --test rules` once and review the new
//! `.snap` file before committing it (the test script runs with `INSTA_UPDATE=no`).

#[path = "rules/doc.rs"]
mod doc;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use hezhang_core::rules::{self, Rule};
use hezhang_core::{CheckOutput, Lang, Options};
use serde_json::{json, Value};

fn core_tests() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../hezhang-core/tests")
}

fn fixtures_dir() -> PathBuf {
    core_tests().join("fixtures")
}

fn snapshots_dir() -> PathBuf {
    core_tests().join("snapshots")
}

fn fixture(code: &str, which: &str) -> PathBuf {
    fixtures_dir().join(code).join(format!("{which}.txt"))
}

fn snapshot_file(code: &str) -> PathBuf {
    snapshots_dir().join(format!("{code}__fail.snap"))
}

fn check(text: &str, name: &str, lang: Lang) -> CheckOutput {
    let opts = Options {
        lang,
        ..Options::default()
    };
    match hezhang_ingest::check_text(text, name, &opts) {
        Ok(out) => out,
        Err(e) => panic!(
            "{name}: the fixture was not checked: {}",
            e.message(Lang::En)
        ),
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Drop `null` fields so snapshots show only what a finding says.
fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}

/// The findings of `code` in `text`, with zh and en prose side by side.
fn findings_of(code: &str, text: &str, name: &str) -> Vec<Value> {
    let zh = check(text, name, Lang::Zh);
    let en = check(text, name, Lang::En);
    let zh: Vec<_> = zh.findings.iter().filter(|f| f.rule == code).collect();
    let en: Vec<_> = en.findings.iter().filter(|f| f.rule == code).collect();
    assert_eq!(zh.len(), en.len(), "{code}: zh and en runs differ");
    zh.iter()
        .zip(en.iter())
        .map(|(z, e)| {
            strip_nulls(json!({
                "rule": z.rule,
                "severity": z.severity,
                "title_zh": z.title,
                "title_en": e.title,
                "message_zh": z.message,
                "message_en": e.message,
                "stated": z.stated,
                "computed": z.computed,
                "difference": z.difference,
                "tolerance": z.tolerance,
                "locations": z.locations,
            }))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Message style

const BLAME_ZH: &[&str] = &[
    "造假",
    "作假",
    "弄虚作假",
    "违规",
    "违法",
    "违纪",
    "虚报",
    "虚假",
    "舞弊",
    "欺诈",
    "隐瞒",
    "故意",
    "套取",
    "挪用",
];

const BLAME_EN: &[&str] = &[
    "fraud",
    "falsif",
    "cheat",
    "illegal",
    "deliberate",
    "intentional",
    "fake",
    "manipulat",
    "conceal",
    "embezzl",
    "misappropriat",
];

/// What is wrong with a message (or template) in `lang`; empty when it follows the style.
pub fn style_problems(msg: &str, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let t = msg.trim_end();
    if t.is_empty() {
        out.push("empty message".to_string());
        return out;
    }
    match lang {
        Lang::Zh if !t.ends_with('。') => out.push("zh message does not end with 。".into()),
        Lang::En if !t.ends_with('.') => out.push("en message does not end with .".into()),
        _ => {}
    }
    if t.contains('!') || t.contains('！') {
        out.push("exclamation mark".into());
    }
    let lower = t.to_lowercase();
    for w in BLAME_ZH.iter().chain(BLAME_EN) {
        if lower.contains(w) {
            out.push(format!("blame word “{w}”"));
        }
    }
    out
}

/// `{name}` left in a rendered message (an argument the rule did not supply).
fn unfilled_argument(msg: &str) -> Option<String> {
    let mut rest = msg;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(close) = after.find('}') {
            let name = &after[..close];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Some(name.to_string());
            }
        }
        rest = after;
    }
    None
}

/// `"…相差 {diff} 元。{blank}{hint}"` → `"…相差 {diff} 元。"`.
fn strip_trailing_arguments(tpl: &str) -> &str {
    let mut t = tpl.trim_end();
    while t.ends_with('}') {
        match t.rfind('{') {
            Some(open) => t = t[..open].trim_end(),
            None => break,
        }
    }
    t
}

fn is_upper_kebab(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
}

fn is_lower_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn doc_problems(rule: &Rule) -> Vec<String> {
    let mut out = Vec::new();
    for (lang, d) in [("zh", &rule.zh), ("en", &rule.en)] {
        for (section, text) in [
            ("what / 检查内容", d.what),
            ("why / 为何重要", d.why),
            ("example / 示例", d.example),
            ("tolerance / 容差", d.tolerance),
            ("not_applicable / 不适用情形", d.not_applicable),
        ] {
            if text.trim().is_empty() {
                out.push(format!("{lang} doc section {section} is empty"));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Meta-tests

#[test]
fn codes_are_unique_upper_kebab_and_metadata_is_complete() {
    let mut problems = Vec::new();
    let mut codes = BTreeSet::new();
    let mut names = BTreeSet::new();
    for r in rules::all() {
        let c = r.code;
        if !is_upper_kebab(c) {
            problems.push(format!(
                "{c}: code is not upper-case kebab (e.g. PROC-TOTAL)"
            ));
        }
        if !codes.insert(c) {
            problems.push(format!("{c}: code registered twice"));
        }
        if !is_lower_kebab(r.name) {
            problems.push(format!("{c}: name “{}” is not lower-case kebab", r.name));
        }
        if !names.insert(r.name) {
            problems.push(format!("{c}: name “{}” used twice", r.name));
        }
        if r.family.trim().is_empty() {
            problems.push(format!("{c}: empty family"));
        }
        if r.since.split('.').count() != 3 {
            problems.push(format!("{c}: since “{}” is not a version", r.since));
        }
        if r.identities.is_empty() || r.identities.iter().any(|i| i.trim().is_empty()) {
            problems.push(format!("{c}: no domain-guide identity cited"));
        }
        if r.title_zh.trim().is_empty() || r.title_en.trim().is_empty() {
            problems.push(format!("{c}: empty title"));
        }
        problems.extend(doc_problems(r).into_iter().map(|p| format!("{c}: {p}")));
        if r.messages.is_empty() {
            problems.push(format!("{c}: no message template"));
        }
        let mut variants = BTreeSet::new();
        for (variant, zh, en) in r.messages {
            if !variants.insert(*variant) {
                problems.push(format!("{c}: message variant “{variant}” twice"));
            }
            for (lang, tpl) in [(Lang::Zh, zh), (Lang::En, en)] {
                // A template may end with optional arguments (a note, a hint) that are whole
                // sentences when present: judge the text before them; rendered messages are
                // judged in full by the snapshot tests.
                let tpl = strip_trailing_arguments(tpl);
                for p in style_problems(tpl, lang) {
                    problems.push(format!("{c}: template “{variant}”: {p}: {tpl}"));
                }
            }
        }
    }
    for (old, new, version, reason) in rules::REDIRECTS {
        if codes.contains(old) {
            problems.push(format!("{old}: retired code is registered again"));
        }
        if !new.is_empty() && !codes.contains(new) {
            problems.push(format!("{old} → {new}: redirect target is not registered"));
        }
        if version.is_empty() || reason.is_empty() {
            problems.push(format!("{old}: redirect without version or reason"));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn every_rule_has_fixtures_and_a_snapshot() {
    let mut problems = Vec::new();
    for r in rules::all() {
        for which in ["pass", "fail"] {
            let p = fixture(r.code, which);
            match std::fs::read_to_string(&p) {
                Ok(s) if !s.trim().is_empty() => {}
                Ok(_) => problems.push(format!("{}: {} is empty", r.code, p.display())),
                Err(_) => problems.push(format!("{}: missing {}", r.code, p.display())),
            }
        }
        if !snapshot_file(r.code).exists() {
            problems.push(format!(
                "{}: missing snapshot {} (run INSTA_UPDATE=always cargo test -p hezhang-ingest --test rules, then review it)",
                r.code,
                snapshot_file(r.code).display()
            ));
        }
    }
    // Fixtures and snapshots of codes that are not registered (typos, or a rule left out of
    // the registry) are reported too; retired codes are listed in REDIRECTS.
    let known: BTreeSet<&str> = rules::all()
        .iter()
        .map(|r| r.code)
        .chain(rules::REDIRECTS.iter().map(|r| r.0))
        .collect();
    if let Ok(dir) = std::fs::read_dir(fixtures_dir()) {
        for e in dir.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if !known.contains(name.as_str()) {
                problems.push(format!("fixtures/{name}: no registered rule has this code"));
            }
        }
    }
    if let Ok(dir) = std::fs::read_dir(snapshots_dir()) {
        for e in dir.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            // Only this harness's snapshots (`<CODE>__fail.snap`); other tests prefix theirs.
            if let Some(code) = name.strip_suffix("__fail.snap") {
                if is_upper_kebab(code) && !known.contains(code) {
                    problems.push(format!(
                        "snapshots/{name}: no registered rule has this code"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn passing_fixtures_yield_no_finding_of_their_rule() {
    let mut problems = Vec::new();
    for r in rules::all() {
        let p = fixture(r.code, "pass");
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue; // reported by every_rule_has_fixtures_and_a_snapshot
        };
        let found = findings_of(r.code, &text, &format!("{}/pass.txt", r.code));
        if !found.is_empty() {
            problems.push(format!(
                "{}: pass.txt yields {} finding(s):\n{}",
                r.code,
                found.len(),
                serde_json::to_string_pretty(&found).unwrap_or_default()
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn failing_fixtures_yield_findings_and_match_their_snapshots() {
    let mut problems = Vec::new();
    for r in rules::all() {
        let p = fixture(r.code, "fail");
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue; // reported by every_rule_has_fixtures_and_a_snapshot
        };
        let found = findings_of(r.code, &text, &format!("{}/fail.txt", r.code));
        if found.is_empty() {
            problems.push(format!(
                "{}: fail.txt yields no finding of this rule",
                r.code
            ));
            continue;
        }
        for f in &found {
            for (key, lang) in [("message_zh", Lang::Zh), ("message_en", Lang::En)] {
                let m = f[key].as_str().unwrap_or("");
                for p in style_problems(m, lang) {
                    problems.push(format!("{}: {key}: {p}: {m}", r.code));
                }
                if let Some(a) = unfilled_argument(m) {
                    problems.push(format!("{}: {key}: unfilled {{{a}}}: {m}", r.code));
                }
            }
        }
        insta::with_settings!({
            snapshot_path => snapshots_dir(),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_json_snapshot!(format!("{}__fail", r.code), found);
        });
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// Every message in every committed snapshot (rule snapshots and corpus snapshots) follows the
/// message style, as clippy's message-convention test does.
#[test]
fn messages_in_all_snapshots_follow_the_style() {
    let dirs = [
        snapshots_dir(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/snapshots"),
    ];
    let mut problems = Vec::new();
    let mut seen = 0usize;
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.extension().and_then(|x| x.to_str()) != Some("snap") {
                continue;
            }
            let text = read(&path);
            // insta's header is `---\n…\n---\n`; the body follows.
            let body = text
                .strip_prefix("---")
                .and_then(|r| r.split_once("\n---\n"))
                .map(|(_, b)| b)
                .unwrap_or(&text);
            let Ok(v) = serde_json::from_str::<Value>(body) else {
                continue; // not a JSON snapshot (e.g. golden tables as text)
            };
            let mut msgs = Vec::new();
            collect_messages(&v, Lang::Zh, &mut msgs);
            for (lang, m) in msgs {
                seen += 1;
                for p in style_problems(&m, lang) {
                    problems.push(format!("{}: {p}: {m}", path.display()));
                }
                if let Some(a) = unfilled_argument(&m) {
                    problems.push(format!("{}: unfilled {{{a}}}: {m}", path.display()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
    if !rules::all().is_empty() {
        assert!(seen > 0, "no message found in any snapshot");
    }
}

/// Messages in a snapshot: `message_zh`, `message_en`, and `message` in the language given by
/// the nearest enclosing `lang` field (the contract's output object).
fn collect_messages(v: &Value, lang: Lang, out: &mut Vec<(Lang, String)>) {
    match v {
        Value::Object(m) => {
            let lang = match m.get("lang").and_then(|l| l.as_str()) {
                Some("en") => Lang::En,
                Some("zh") => Lang::Zh,
                _ => lang,
            };
            for (k, x) in m {
                match (k.as_str(), x.as_str()) {
                    ("message_zh", Some(s)) => out.push((Lang::Zh, s.to_string())),
                    ("message_en", Some(s)) => out.push((Lang::En, s.to_string())),
                    ("message", Some(s)) => out.push((lang, s.to_string())),
                    _ => collect_messages(x, lang, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_messages(x, lang, out)),
        _ => {}
    }
}

#[test]
fn style_check_catches_bad_messages() {
    assert!(style_problems("合计 1 元，相差 2 元。", Lang::Zh).is_empty());
    assert!(!style_problems("合计 1 元，相差 2 元", Lang::Zh).is_empty());
    assert!(!style_problems("合计不符！", Lang::Zh).is_empty());
    assert!(!style_problems("疑似造假。", Lang::Zh).is_empty());
    assert!(style_problems("The total differs by 2 yuan.", Lang::En).is_empty());
    assert!(!style_problems("Possible fraud.", Lang::En).is_empty());
    assert!(!style_problems("Wrong!", Lang::En).is_empty());
    assert_eq!(unfilled_argument("a {diff} b"), Some("diff".into()));
    assert_eq!(unfilled_argument("a {} b {中文}"), None);
    assert!(is_upper_kebab("PROC-TOTAL") && is_upper_kebab("X9-SAME") && is_upper_kebab("ECON-3P"));
    assert!(!is_upper_kebab("3P-ECON"));
    assert_eq!(
        strip_trailing_arguments("相差 {diff} 元。{blank}{hint}"),
        "相差 {diff} 元。"
    );
    assert_eq!(strip_trailing_arguments("{a}"), "");
    assert!(
        !is_upper_kebab("proc-total") && !is_upper_kebab("PROC_TOTAL") && !is_upper_kebab("PROC-")
    );
}
