//! Exports of a result: the JSON contract object (exactly what the CLI prints with
//! `--format json`) and a CSV with one row per finding.

use hezhang_core::finding::Location;
use hezhang_core::output::FindingOut;
use hezhang_core::{CheckOutput, Role};

/// The contract object as one line of JSON, as the CLI prints it.
pub fn json(out: &CheckOutput) -> String {
    let mut s = serde_json::to_string(out).unwrap_or_else(|_| String::from("{}"));
    s.push('\n');
    s
}

/// The CSV header.
pub const CSV_COLUMNS: [&str; 14] = [
    "id",
    "rule",
    "severity",
    "title",
    "message",
    "stated",
    "computed",
    "difference",
    "tolerance",
    "table",
    "row",
    "column",
    "line",
    "page",
];

/// One row per finding; the place columns describe the finding's stated location (or its
/// first one). UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese text.
pub fn csv(out: &CheckOutput) -> String {
    let mut s = String::from("\u{feff}");
    push_row(&mut s, CSV_COLUMNS.iter().map(|c| c.to_string()));
    for f in &out.findings {
        push_row(&mut s, finding_row(f));
    }
    s
}

fn main_location(f: &FindingOut) -> Option<&Location> {
    f.locations
        .iter()
        .find(|l| l.role == Role::Stated)
        .or_else(|| f.locations.first())
}

fn finding_row(f: &FindingOut) -> Vec<String> {
    let l = main_location(f);
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let num = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    vec![
        f.id.clone(),
        f.rule.to_string(),
        f.severity.as_str().to_string(),
        text_cell(&f.title),
        text_cell(&f.message),
        opt(&f.stated),
        opt(&f.computed),
        opt(&f.difference),
        opt(&f.tolerance),
        l.and_then(|l| l.table.clone()).unwrap_or_default(),
        text_cell(&l.and_then(|l| l.row.clone()).unwrap_or_default()),
        text_cell(&l.and_then(|l| l.column.clone()).unwrap_or_default()),
        num(l.and_then(|l| l.line)),
        num(l.and_then(|l| l.page)),
    ]
}

/// Report text that a spreadsheet might take for a formula gets a leading apostrophe.
fn text_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, c) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if c.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&c);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_formula_guard() {
        let mut s = String::new();
        push_row(
            &mut s,
            ["a,b".to_string(), "say \"hi\"".to_string(), "x".to_string()],
        );
        assert_eq!(s, "\"a,b\",\"say \"\"hi\"\"\",x\r\n");
        assert_eq!(text_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(text_cell("合计"), "合计");
    }

    #[test]
    fn sample_exports() {
        let text = include_str!("../www/samples/shanxi-jincheng-zwfw-2022.txt");
        let out = hezhang_ingest::check_text(text, "s.txt", &Default::default()).unwrap();
        let j: serde_json::Value = serde_json::from_str(&json(&out)).unwrap();
        for k in ["file", "source", "report", "tables", "checks", "findings"] {
            assert!(j.get(k).is_some(), "{k}");
        }
        let c = csv(&out);
        assert!(c.starts_with("\u{feff}id,rule,severity,"));
        assert_eq!(c.matches("\r\n").count(), out.findings.len() + 1);
    }
}
