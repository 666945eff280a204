//! Corpus tests over ../shared/corpus/ (house style §5): the acceptance list on the reference
//! report, the whole JSON output and the golden recognised tables as snapshots.
//!
//! The corpus lives beside the repository (`../shared/corpus/`, i.e. three levels above this
//! crate's manifest); when it is absent every test here says so and passes without checking.
//!
//! Snapshots are in `tests/snapshots/`. When a rule lands or recognition changes, the JSON
//! snapshot changes with it: review the difference and accept it with
//! `INSTA_UPDATE=always cargo test -p hezhang-cli --test corpus`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use hezhang_core::model::{Mention, Table, Value as CellValue};
use hezhang_core::recognise::perf::{PerfProject, PerfValue};
use hezhang_core::{CheckOutput, Lang, Options, Severity};
use serde_json::Value;

const SEED: &str = "shanxi-jincheng-zwfw-2022.txt";

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

fn snapshots_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/snapshots")
}

/// The seed's bytes, or `None` (with a message) when the corpus is not there.
fn seed() -> Option<Vec<u8>> {
    let p = corpus_dir().join(SEED);
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(e) => {
            eprintln!(
                "SKIPPED: the reference report {} is not available ({e}); corpus checks did not run",
                p.display()
            );
            None
        }
    }
}

fn check(bytes: &[u8], lang: Lang) -> CheckOutput {
    let opts = Options {
        lang,
        ..Options::default()
    };
    hezhang_ingest::check_bytes(bytes, SEED, &opts)
        .unwrap_or_else(|e| panic!("{SEED} was not checked: {}", e.message(Lang::En)))
}

fn errors<'a>(o: &'a CheckOutput, rule: &str) -> Vec<&'a hezhang_core::output::FindingOut> {
    o.findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.rule == rule)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Acceptance list on the reference report

/// (1) + (2): 政府采购 合计 75,425.00 ≠ 货物 + 工程 + 服务 130,652.46, located at t10 lines 363
/// and 366, carrying the narrative sentence that repeats the figures (line 485).
#[test]
fn seed_procurement_total_error() {
    let Some(bytes) = seed() else { return };
    let o = check(&bytes, Lang::Zh);
    let found = errors(&o, "PROC-TOTAL");
    assert_eq!(found.len(), 1, "one PROC-TOTAL error expected: {found:#?}");
    let f = found[0];
    assert_eq!(f.stated.as_deref(), Some("75425.00"));
    assert_eq!(f.computed.as_deref(), Some("130652.46"));
    let cell_at = |line: u32| {
        f.locations
            .iter()
            .any(|l| l.kind == "cell" && l.table.as_deref() == Some("t10") && l.line == Some(line))
    };
    assert!(cell_at(363), "the stated cell (t10, line 363) is located");
    assert!(cell_at(366), "the 服务 cell (t10, line 366) is located");
    let sentence = f
        .locations
        .iter()
        .find(|l| l.kind == "text" && l.line == Some(485))
        .expect("the narrative sentence on line 485 is attached to the same finding");
    assert!(sentence.text.as_deref().unwrap_or("").contains("75,425.00"));
    // The narrative restatement is the same root cause: no second finding for it.
    assert!(
        !o.findings.iter().any(|g| g.rule != "PROC-TOTAL"
            && g.severity == Severity::Error
            && g.locations.iter().any(|l| l.line == Some(485))),
        "the procurement sentence is reported only once, with PROC-TOTAL"
    );
}

/// (3): for each of the three performance projects, its table (全年预算数 = 全年执行数, 执行率
/// 100) contradicts its narrative (60万元/13.44万元/22.4%; 98.5万元/49.25万元/50%;
/// 150000元/57815元/38.54%): one PERF-TEXT error per project.
#[test]
fn seed_performance_table_text_errors_one_per_project() {
    let Some(bytes) = seed() else { return };
    let o = check(&bytes, Lang::Zh);
    let found = errors(&o, "PERF-TEXT");
    assert_eq!(
        found.len(),
        3,
        "three PERF-TEXT errors expected (one per performance project), found {}: {:#?}",
        found.len(),
        found
    );
    // Each project's self-evaluation starts at a 项目支出绩效自评分析报告 heading; each finding
    // must rest on exactly one project, and each project must have its finding.
    let text = String::from_utf8_lossy(&bytes);
    let starts: Vec<u32> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "项目支出绩效自评分析报告")
        .map(|(i, _)| i as u32 + 1)
        .collect();
    assert_eq!(starts.len(), 3, "the seed has three project reports");
    let project_of = |line: u32| starts.iter().rposition(|&s| line >= s);
    let mut projects = BTreeSet::new();
    for f in &found {
        let ps: BTreeSet<usize> = f
            .locations
            .iter()
            .filter_map(|l| l.line)
            .filter_map(project_of)
            .collect();
        assert_eq!(
            ps.len(),
            1,
            "a PERF-TEXT finding rests on one project's table and narrative: {f:#?}"
        );
        projects.extend(ps);
    }
    assert_eq!(projects.len(), 3, "one PERF-TEXT error per project");
}

/// Everything else in the reference report holds exactly: no error-level finding other than
/// PROC-TOTAL and PERF-TEXT.
#[test]
fn seed_has_no_other_error() {
    let Some(bytes) = seed() else { return };
    let o = check(&bytes, Lang::Zh);
    let others: Vec<_> = o
        .findings
        .iter()
        .filter(|f| {
            f.severity == Severity::Error && f.rule != "PROC-TOTAL" && f.rule != "PERF-TEXT"
        })
        .map(|f| format!("{} {}", f.rule, f.message))
        .collect();
    assert!(
        others.is_empty(),
        "unexpected errors (false alarms) on the reference report:\n{}",
        others.join("\n")
    );
}

/// Checks ran, and every check that could not run says why, in both languages.
#[test]
fn seed_checks_ran_and_every_not_run_has_a_reason() {
    let Some(bytes) = seed() else { return };
    for lang in [Lang::Zh, Lang::En] {
        let o = check(&bytes, lang);
        assert!(o.checks.run > 0, "no check ran");
        assert_eq!(o.checks.run, o.checks.passed + o.checks.failed);
        assert_eq!(o.checks.not_applicable, o.not_run.len());
        for n in &o.not_run {
            assert!(
                !n.reason.trim().is_empty(),
                "{}: a check that could not run gives no reason ({lang:?})",
                n.rule
            );
        }
        assert!(o.checks.failed >= o.count(Severity::Error));
    }
}

// ---------------------------------------------------------------------------------------------
// Snapshots: whole JSON and golden tables, for every pasted-text report in the corpus

fn text_reports() -> Vec<PathBuf> {
    let Ok(dir) = std::fs::read_dir(corpus_dir()) else {
        eprintln!(
            "SKIPPED: no corpus at {}; corpus snapshots did not run",
            corpus_dir().display()
        );
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = dir
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|x| x.to_str()) == Some("txt"))
        .collect();
    v.sort();
    v
}

fn cell_text(v: &CellValue, raw: &str) -> String {
    match v {
        CellValue::Blank => "∅".to_string(),
        CellValue::Num(n) if n.is_exact() => n.value.to_string(),
        CellValue::Num(n) => format!("{}±{}", n.value, n.half_unit),
        CellValue::NotApplicable => "——".to_string(),
        CellValue::Placeholder => format!("placeholder({raw})"),
        CellValue::Text => format!("\"{raw}\""),
        CellValue::Ambiguous => "?".to_string(),
    }
}

/// The typed model's tables as compact text: one line per row, `code | label | role | key=value …`.
fn golden_tables(tables: &[Table]) -> String {
    let mut s = String::new();
    for t in tables {
        let _ = writeln!(
            s,
            "## {} {} {}{} unit={} entity={} year={} lines={}-{}{}",
            t.id,
            t.kind,
            t.title,
            t.label
                .as_ref()
                .map(|l| format!(" [{l}]"))
                .unwrap_or_default(),
            t.unit.zh(),
            t.entity.as_deref().unwrap_or("-"),
            t.year.map(|y| y.to_string()).unwrap_or_else(|| "-".into()),
            t.first_line.map(|l| l.to_string()).unwrap_or_default(),
            t.last_line.map(|l| l.to_string()).unwrap_or_default(),
            if t.empty_note { " empty_note" } else { "" },
        );
        let cols: Vec<String> = t
            .columns
            .iter()
            .map(|c| format!("{}={}", c.key, c.label))
            .collect();
        let _ = writeln!(s, "columns: {}", cols.join(" | "));
        for n in &t.notes {
            let _ = writeln!(s, "note: {n}");
        }
        for r in &t.rows {
            let role = match (r.role, r.panel) {
                (Some(role), Some(p)) => format!("{role}@{p}"),
                (Some(role), None) => role.to_string(),
                (None, Some(p)) => format!("-@{p}"),
                (None, None) => "-".to_string(),
            };
            let cells: Vec<String> = r
                .cells
                .iter()
                .map(|(k, c)| format!("{k}={}", cell_text(&c.value, &c.raw)))
                .collect();
            let _ = writeln!(
                s,
                "{} | {} | {} | {}",
                r.code.as_deref().unwrap_or("-"),
                r.label,
                role,
                cells.join(" ")
            );
        }
        s.push('\n');
    }
    s
}

fn perf_value(v: &PerfValue) -> String {
    if v.blank {
        "∅".to_string()
    } else if v.dash {
        "——".to_string()
    } else {
        match v.num {
            Some(n) if v.percent => format!("{}%", n.value),
            Some(n) => n.value.to_string(),
            None => format!("\"{}\"", v.raw),
        }
    }
}

fn mention(m: &Option<Mention>) -> String {
    m.as_ref()
        .map(|m| m.raw.clone())
        .unwrap_or_else(|| "-".to_string())
}

/// The performance self-evaluations: funds rows, indicators, and the statements bound to them.
fn golden_performance(projects: &[PerfProject]) -> String {
    let mut s = String::new();
    for p in projects {
        let _ = writeln!(
            s,
            "## {} performance {} unit={} lines={}-{}{}{}",
            p.id,
            p.name,
            p.money_unit().zh(),
            p.first_line.map(|l| l.to_string()).unwrap_or_default(),
            p.last_line.map(|l| l.to_string()).unwrap_or_default(),
            if p.funds_complete {
                ""
            } else {
                " funds_incomplete"
            },
            if p.indicators_complete {
                ""
            } else {
                " indicators_incomplete"
            },
        );
        let cols: Vec<String> = p
            .funds_columns
            .iter()
            .map(|c| format!("{}={}", c.key, c.label))
            .collect();
        let _ = writeln!(s, "funds columns: {}", cols.join(" | "));
        for r in &p.funds {
            let cells: Vec<String> = r
                .cells
                .iter()
                .map(|(k, v)| format!("{k}={}", perf_value(v)))
                .collect();
            let _ = writeln!(
                s,
                "- | {} | {}{} | {}",
                r.label,
                r.role,
                if r.ambiguous { " (ambiguous)" } else { "" },
                cells.join(" ")
            );
        }
        for i in &p.indicators {
            let _ = writeln!(
                s,
                "indicator | {} / {} / {} | weight={} score={}",
                i.level1.as_deref().unwrap_or("-"),
                i.level2.as_deref().unwrap_or("-"),
                i.name,
                i.weight
                    .as_ref()
                    .map(perf_value)
                    .unwrap_or_else(|| "-".into()),
                i.score
                    .as_ref()
                    .map(perf_value)
                    .unwrap_or_else(|| "-".into()),
            );
        }
        if let Some(t) = &p.indicator_total {
            let _ = writeln!(
                s,
                "indicator total | {} | weight={} score={}",
                t.label,
                t.weight
                    .as_ref()
                    .map(perf_value)
                    .unwrap_or_else(|| "-".into()),
                t.score
                    .as_ref()
                    .map(perf_value)
                    .unwrap_or_else(|| "-".into()),
            );
        }
        if let Some(st) = &p.statement {
            let _ = writeln!(
                s,
                "statement @{} | exec_score={} indicator_score={} total={} grade={}",
                st.loc.line.unwrap_or(0),
                mention(&st.exec_score),
                mention(&st.indicator_score),
                mention(&st.total),
                st.grade.as_ref().map(|g| g.grade.as_str()).unwrap_or("-"),
            );
        }
        if let Some(ex) = &p.execution {
            let _ = writeln!(
                s,
                "execution @{} | budget={} executed={} rate={}",
                ex.loc.line.unwrap_or(0),
                mention(&ex.budget),
                mention(&ex.executed),
                mention(&ex.rate),
            );
        }
        s.push('\n');
    }
    s
}

#[test]
fn corpus_snapshots() {
    for path in text_reports() {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("report")
            .to_string();
        let bytes = std::fs::read(&path).expect("read corpus file");
        let opts = Options::default();
        let out = hezhang_ingest::check_bytes(&bytes, &path.display().to_string(), &opts)
            .unwrap_or_else(|e| panic!("{stem}: not checked: {}", e.message(Lang::En)));
        let mut json: Value = serde_json::to_value(&out).expect("serialise");
        json["file"] = Value::String("[file]".into());

        let text = hezhang_ingest::decode::decode(&bytes).expect("decode");
        let report = hezhang_core::recognise::recognise(&hezhang_ingest::paste::parse(&text));
        let tables = golden_tables(&report.tables) + &golden_performance(&report.performance);

        insta::with_settings!({
            snapshot_path => snapshots_dir(),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_json_snapshot!(format!("{stem}__json"), json);
            insta::assert_snapshot!(format!("{stem}__tables"), tables);
        });
    }
}
