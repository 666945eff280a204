//! The `hezhang` binary: the JSON contract (../shared/docs/cli-json.md), languages, exit codes,
//! and bad inputs. Whatever the input, the binary answers with a report or a clear message in
//! the chosen language and exit 2, never a panic.
//!
//! Tests that need the reference report (../shared/corpus/shanxi-jincheng-zwfw-2022.txt) say
//! so and pass without checking when it is absent; the rest use the PROC-TOTAL fixtures.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const SEED: &str = "shanxi-jincheng-zwfw-2022.txt";

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(code: &str, which: &str) -> PathBuf {
    manifest().join(format!("../hezhang-core/tests/fixtures/{code}/{which}.txt"))
}

fn seed_path() -> PathBuf {
    manifest().join("../../../shared/corpus").join(SEED)
}

fn seed_text() -> Option<String> {
    match std::fs::read_to_string(seed_path()) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!(
                "SKIPPED: the reference report {} is not available ({e}); this test did not run",
                seed_path().display()
            );
            None
        }
    }
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create scratch dir");
    d
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write input");
    p
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The single JSON object printed for one file.
    fn json(&self) -> Value {
        let line = self.stdout.lines().next().unwrap_or("");
        serde_json::from_str(line).unwrap_or_else(|e| {
            panic!(
                "stdout is not one JSON object per line ({e}):\n{}",
                self.stdout
            )
        })
    }
    fn jsons(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON Lines"))
            .collect()
    }
}

fn hezhang(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_hezhang"))
        .args(args)
        .output()
        .expect("run hezhang");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked") && run.code != 101,
        "hezhang {args:?} panicked:\n{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("内部错误") && !run.stderr.contains("Internal error"),
        "hezhang {args:?} hit an internal error:\n{}",
        run.stderr
    );
    run
}

fn check_json(path: &Path, lang: &str) -> Run {
    hezhang(&[
        "check",
        path.to_str().expect("utf-8 path"),
        "--format",
        "json",
        "--lang",
        lang,
    ])
}

/// The JSON without the `file` field (which names the input).
fn without_file(mut v: Value) -> Value {
    v.as_object_mut().expect("object").remove("file");
    v
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

// ---------------------------------------------------------------------------------------------
// The contract

fn assert_contract(v: &Value) {
    for k in ["file", "source", "report", "tables", "checks", "findings"] {
        assert!(v.get(k).is_some(), "contract field {k} missing: {v}");
    }
    assert!(v["file"].is_string());
    for k in ["kind", "pages", "lines"] {
        assert!(v["source"].get(k).is_some(), "source.{k} missing");
    }
    for k in ["entity", "year", "unit", "family"] {
        assert!(v["report"].get(k).is_some(), "report.{k} missing");
    }
    for t in v["tables"].as_array().expect("tables is an array") {
        for k in [
            "id", "kind", "title", "label", "unit", "rows", "columns", "span",
        ] {
            assert!(t.get(k).is_some(), "tables[].{k} missing: {t}");
        }
        for k in ["first_line", "last_line", "first_page", "last_page"] {
            assert!(t["span"].get(k).is_some(), "tables[].span.{k} missing");
        }
    }
    let c = &v["checks"];
    for k in ["run", "passed", "failed", "not_applicable"] {
        assert!(c[k].is_u64(), "checks.{k} missing or not a count");
    }
    assert_eq!(
        c["run"].as_u64(),
        Some(c["passed"].as_u64().unwrap() + c["failed"].as_u64().unwrap()),
        "checks.run = passed + failed"
    );
    let table_ids: Vec<&str> = v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["id"].as_str())
        .collect();
    for f in v["findings"].as_array().expect("findings is an array") {
        for k in [
            "rule",
            "severity",
            "title",
            "message",
            "stated",
            "computed",
            "difference",
            "tolerance",
            "locations",
        ] {
            assert!(f.get(k).is_some(), "findings[].{k} missing: {f}");
        }
        assert!(matches!(
            f["severity"].as_str(),
            Some("error" | "warning" | "info")
        ));
        for k in ["stated", "computed", "difference", "tolerance"] {
            // decimal strings without separators, or null; never floats
            match &f[k] {
                Value::Null => {}
                Value::String(s) => assert!(
                    !s.contains(',') && s.parse::<f64>().is_ok(),
                    "findings[].{k} is not a plain decimal string: {s}"
                ),
                other => panic!("findings[].{k} must be a string or null, not {other}"),
            }
        }
        let locs = f["locations"].as_array().expect("locations is an array");
        assert!(!locs.is_empty(), "a finding rests on at least one place");
        for l in locs {
            for k in ["kind", "line", "page"] {
                assert!(l.get(k).is_some(), "locations[].{k} missing: {l}");
            }
            match l["kind"].as_str() {
                Some("cell") => {
                    for k in ["table", "row", "column", "value", "bbox"] {
                        assert!(l.get(k).is_some(), "cell location without {k}: {l}");
                    }
                    assert!(
                        table_ids.contains(&l["table"].as_str().unwrap_or("")),
                        "a cell location names a table of `tables`: {l}"
                    );
                }
                Some("text") => assert!(l["text"].is_string(), "text location without text"),
                other => panic!("unknown location kind {other:?}"),
            }
        }
    }
}

#[test]
fn json_output_keeps_the_contract() {
    let r = check_json(&fixture("PROC-TOTAL", "fail"), "zh");
    assert_eq!(r.code, 1);
    let v = r.json();
    assert_contract(&v);
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "PROC-TOTAL");
    assert_eq!(f["severity"], "error");
    assert!(f["locations"][0]["line"].is_u64());
    if let Some(seed) = seed_text() {
        let dir = scratch("contract");
        let r = check_json(&write(&dir, SEED, seed.as_bytes()), "zh");
        assert_eq!(r.code, 1);
        assert_contract(&r.json());
    }
}

#[test]
fn english_messages_with_lang_en() {
    let zh = check_json(&fixture("PROC-TOTAL", "fail"), "zh").json();
    let en = check_json(&fixture("PROC-TOTAL", "fail"), "en").json();
    let (fz, fe) = (&zh["findings"][0], &en["findings"][0]);
    assert_eq!(
        fe["title"],
        "Procurement total does not equal goods + works + services"
    );
    let m = fe["message"].as_str().unwrap();
    assert!(m.ends_with('.') && m.contains("the difference is"), "{m}");
    assert!(fz["message"].as_str().unwrap().ends_with('。'));
    assert_eq!(fz["stated"], fe["stated"]);
    assert_eq!(fz["locations"], fe["locations"]);
    // The text format speaks the chosen language too.
    let text = hezhang(&[
        "check",
        fixture("PROC-TOTAL", "fail").to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(text.code, 1);
    assert!(text.stdout.contains("Found 1 errors"), "{}", text.stdout);
    assert!(text.stdout.contains("PROC-TOTAL"));
    assert!(!text.stdout.contains("发现"));
}

#[test]
fn exit_codes() {
    let pass = fixture("PROC-TOTAL", "pass");
    let fail = fixture("PROC-TOTAL", "fail");
    let (pass, fail) = (pass.to_str().unwrap(), fail.to_str().unwrap());
    assert_eq!(
        hezhang(&["check", pass]).code,
        0,
        "no error-level finding → 0"
    );
    assert_eq!(
        hezhang(&["check", fail]).code,
        1,
        "an error-level finding → 1"
    );
    let missing = hezhang(&["check", "/nonexistent/report.txt"]);
    assert_eq!(missing.code, 2, "unreadable input → 2");
    assert!(
        missing.stderr.contains("无法读取文件：文件不存在。"),
        "{}",
        missing.stderr
    );
    let missing = hezhang(&["check", "/nonexistent/report.txt", "--lang", "en"]);
    assert!(
        missing
            .stderr
            .contains("cannot read the file: the file does not exist."),
        "{}",
        missing.stderr
    );
    // A folder is walked for reports; one with none is exit 2 with a message.
    let dir = scratch("exit-dir");
    for (lang, want) in [
        ("en", "No report files found"),
        ("zh", "没有找到可核对的文件"),
    ] {
        let folder = hezhang(&["check", dir.to_str().unwrap(), "--lang", lang]);
        assert_eq!(folder.code, 2, "an empty folder → 2");
        assert!(folder.stderr.contains(want), "{}", folder.stderr);
    }
    // Several files: one JSON line per readable file, the worst status wins.
    let both = hezhang(&["check", pass, fail, "--format", "json"]);
    assert_eq!(both.code, 1);
    assert_eq!(both.jsons().len(), 2);
    let with_missing = hezhang(&["check", pass, "/nonexistent/x.txt", "--format", "json"]);
    assert_eq!(with_missing.code, 2);
    assert_eq!(
        with_missing.jsons().len(),
        1,
        "the readable file is still reported"
    );
    if let Some(seed) = seed_text() {
        let dir = scratch("exit");
        let r = hezhang(&[
            "check",
            write(&dir, SEED, seed.as_bytes()).to_str().unwrap(),
        ]);
        assert_eq!(r.code, 1, "the reference report has errors");
    }
}

// ---------------------------------------------------------------------------------------------
// Bad inputs: each gives a clear message in the chosen language and exit 2, or a report that
// says what is missing; never a panic.

fn expect_message(path: &Path, zh: &str, en: &str) {
    for (lang, want) in [("zh", zh), ("en", en)] {
        let r = check_json(path, lang);
        assert_eq!(r.code, 2, "{}: exit 2 expected ({lang})", path.display());
        assert!(r.stdout.is_empty(), "no report for an unreadable input");
        assert!(
            r.stderr.contains(want),
            "{}: message {want:?} expected ({lang}), got {:?}",
            path.display(),
            r.stderr
        );
        if lang == "en" {
            assert!(
                !has_cjk(&r.stderr),
                "English message expected: {}",
                r.stderr
            );
        }
    }
}

#[test]
fn empty_file() {
    let dir = scratch("empty");
    expect_message(
        &write(&dir, "empty.txt", b""),
        "输入为空",
        "The input is empty",
    );
    expect_message(
        &write(&dir, "blank.txt", b" \n\r\n\t \n"),
        "输入为空",
        "The input is empty",
    );
}

#[test]
fn binary_bytes() {
    let dir = scratch("binary");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0u32..4096).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    expect_message(
        &write(&dir, "image.png", &png),
        "这不是文本文件",
        "not a text file",
    );
    // a zip's signature makes it a workbook, whatever its name: a damaged one
    expect_message(
        &write(&dir, "zip.txt", b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0"),
        "工作簿无法打开",
        "workbook cannot be opened",
    );
}

#[test]
fn text_that_is_not_a_report() {
    let dir = scratch("not-report");
    expect_message(
        &write(
            &dir,
            "notes.txt",
            "今天天气很好。\nThe weather is fine.\n".as_bytes(),
        ),
        "未能识别出决算表格",
        "No final-accounts tables were recognised",
    );
}

#[test]
fn report_truncated_in_the_middle_of_a_table() {
    let Some(seed) = seed_text() else { return };
    let dir = scratch("truncated");
    // Cut inside the 服务 row of 公开10表 (inside the character 务): the file ends mid-table and
    // mid-character.
    let at = seed
        .find("服务\t4\t130652.46")
        .expect("the seed's T10 服务 row");
    let bytes = &seed.as_bytes()[..at + 4];
    assert!(
        std::str::from_utf8(bytes).is_err(),
        "the cut is inside a character"
    );
    let r = check_json(&write(&dir, "truncated.txt", bytes), "zh");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert_contract(&v);
    // PROC-TOTAL cannot run without the 服务 row, and says so.
    assert!(!v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "PROC-TOTAL"));
    let reasons: Vec<&str> = v["not_run"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["rule"] == "PROC-TOTAL")
        .filter_map(|n| n["reason"].as_str())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("服务")),
        "the report says the 服务 row is missing: {reasons:?}"
    );
    assert!(v["checks"]["not_applicable"].as_u64().unwrap() >= 1);

    // Cut on a line boundary in the middle of the table, too.
    let line_cut: String = seed.lines().take(364).map(|l| format!("{l}\n")).collect();
    let r = check_json(
        &write(&dir, "truncated-line.txt", line_cut.as_bytes()),
        "en",
    );
    assert!(matches!(r.code, 0 | 1), "{}", r.stderr);
    assert_contract(&r.json());
}

#[test]
fn twenty_megabyte_text_file() {
    let dir = scratch("large");
    let unit = seed_text()
        .unwrap_or_else(|| std::fs::read_to_string(fixture("PROC-TOTAL", "fail")).unwrap());
    let target = 20 * 1024 * 1024;
    let mut big = String::with_capacity(target + unit.len());
    while big.len() < target {
        big.push_str(&unit);
        big.push('\n');
    }
    let p = write(&dir, "large.txt", big.as_bytes());
    let started = std::time::Instant::now();
    let r = check_json(&p, "zh");
    eprintln!("20 MB input checked in {:?}", started.elapsed());
    assert!(matches!(r.code, 0..=2), "{}", r.stderr);
    if r.code == 2 {
        assert!(!r.stderr.trim().is_empty(), "exit 2 always says why");
    } else {
        let v = r.json();
        assert_contract(&v);
        assert!(v["source"]["lines"].as_u64().unwrap() > 100_000);
    }
}

/// 公开10表 removed: the report says which checks could not run for lack of it (counted in
/// `checks.not_applicable`), and PROC-TOTAL reads no table cell (it may still compare the
/// narrative's own total with its parts).
#[test]
fn report_with_the_related_information_table_removed() {
    let Some(seed) = seed_text() else { return };
    let dir = scratch("no-t10");
    // Drop 部门决算公开相关信息统计表 (公开10表): from its title line to the note under it.
    let lines: Vec<&str> = seed.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == "部门决算公开相关信息统计表")
        .expect("the T10 title");
    let end = start
        + lines[start..]
            .iter()
            .position(|l| l.starts_with("注：本表反映部门本年度政府采购"))
            .expect("the T10 note");
    let mut kept: Vec<&str> = lines[..start].to_vec();
    kept.extend(&lines[end + 1..]);
    let text = kept.join("\n") + "\n";
    for lang in ["zh", "en"] {
        let r = check_json(&write(&dir, "no-t10.txt", text.as_bytes()), lang);
        assert!(matches!(r.code, 0 | 1), "{}", r.stderr);
        let v = r.json();
        assert_contract(&v);
        assert!(!v["tables"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["kind"] == "related_info"));
        // PROC-TOTAL cannot read the table: it is either not applicable, or (when the
        // narrative gives the total with its parts) a finding resting on the narrative only.
        let proc_na = v["not_run"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["rule"] == "PROC-TOTAL");
        let proc_findings: Vec<&Value> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "PROC-TOTAL")
            .collect();
        assert!(
            proc_na || !proc_findings.is_empty(),
            "PROC-TOTAL is accounted for"
        );
        for f in &proc_findings {
            assert!(
                f["locations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|l| l["kind"] == "text"),
                "without 公开10表, PROC-TOTAL can rest only on the narrative: {f}"
            );
        }
        // The checks that need the table say that it is missing, and are counted.
        let missing_table = if lang == "zh" {
            "部门决算公开相关信息统计表"
        } else {
            "Related information"
        };
        let na: Vec<&Value> = v["not_run"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["reason"].as_str().unwrap_or("").contains(missing_table))
            .collect();
        assert!(
            !na.is_empty(),
            "some check reports the missing table as the reason it did not run ({lang})"
        );
        assert!(
            v["checks"]["not_applicable"].as_u64().unwrap() >= na.len() as u64
                && v["checks"]["not_applicable"].as_u64().unwrap()
                    == v["not_run"].as_array().unwrap().len() as u64,
            "counted in checks.not_applicable"
        );
    }
}

/// The same report in another encoding or with other line endings gives the same result.
fn assert_same_as_utf8(name: &str, bytes: &[u8], seed: &str) {
    let dir = scratch(name);
    let base = check_json(&write(&dir, "utf8.txt", seed.as_bytes()), "zh");
    let other = check_json(&write(&dir, "other.txt", bytes), "zh");
    assert_eq!(base.code, other.code, "{name}: exit status differs");
    assert_eq!(
        without_file(base.json()),
        without_file(other.json()),
        "{name}: findings differ from the UTF-8 file"
    );
}

#[test]
fn gb18030_gives_the_same_findings_as_utf8() {
    let Some(seed) = seed_text() else { return };
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&seed);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gb).is_err(), "really not UTF-8");
    assert_same_as_utf8("gb18030", &gb, &seed);
}

#[test]
fn crlf_line_endings() {
    let Some(seed) = seed_text() else { return };
    let crlf = seed.replace('\n', "\r\n");
    assert_same_as_utf8("crlf", crlf.as_bytes(), &seed);
}

#[test]
fn utf8_byte_order_mark() {
    let Some(seed) = seed_text() else { return };
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(seed.as_bytes());
    assert_same_as_utf8("bom", &bom, &seed);
}
