//! Many files at once: folders walked, files checked in parallel, CSV rows for spreadsheets.

use std::path::{Path, PathBuf};

use hezhang_core::CheckOutput;

/// File endings a folder walk picks up.
pub const EXTENSIONS: &[&str] = &["txt", "pdf", "xlsx", "xls", "csv"];

/// Expand folders (recursively, sorted) into report files; plain files are kept as given.
/// Returns the files and whether any input was a folder.
pub fn expand(inputs: &[PathBuf]) -> (Vec<PathBuf>, bool) {
    let mut out = Vec::new();
    let mut had_dir = false;
    for p in inputs {
        if p.is_dir() {
            had_dir = true;
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    (out, had_dir)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(p);
        }
    }
}

/// Quote a CSV field when needed.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The CSV header, one row per finding.
pub const CSV_HEADER: &str = "file,rule,severity,title,message,stated,computed,difference,tolerance,table,row,column,line,page,sheet,cell";

/// One CSV row per finding (the first location names the place).
pub fn csv_rows(o: &CheckOutput) -> Vec<String> {
    o.findings
        .iter()
        .map(|f| {
            let l = f.locations.first();
            let opt = |s: Option<&String>| s.cloned().unwrap_or_default();
            let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
            [
                o.file.clone(),
                f.rule.to_string(),
                f.severity.as_str().to_string(),
                f.title.clone(),
                f.message.clone(),
                opt(f.stated.as_ref()),
                opt(f.computed.as_ref()),
                opt(f.difference.as_ref()),
                opt(f.tolerance.as_ref()),
                opt(l.and_then(|l| l.table.as_ref())),
                opt(l.and_then(|l| l.row.as_ref())),
                opt(l.and_then(|l| l.column.as_ref())),
                num(l.and_then(|l| l.line)),
                num(l.and_then(|l| l.page)),
                opt(l.and_then(|l| l.sheet.as_ref())),
                opt(l.and_then(|l| l.cell.as_ref())),
            ]
            .iter()
            .map(|s| csv_field(s))
            .collect::<Vec<_>>()
            .join(",")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
