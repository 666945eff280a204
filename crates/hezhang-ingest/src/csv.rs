//! CSV (comma, tab or semicolon; UTF-8 or GB18030) → raw grid rows.
//!
//! Quoted fields may hold separators, doubled quotes and line breaks. A row with a single
//! filled cell becomes a text line (titles, 部门名称, 单位, notes), as in a workbook.

use hezhang_core::model::{Loc, RawCell, RawDoc, RawLine, SourceKind};

/// Pick the separator that splits the first lines most consistently.
pub fn sniff_separator(text: &str) -> char {
    let sample: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (',', 0usize);
    for sep in [',', '\t', ';'] {
        let n = sample
            .iter()
            .filter(|l| split_record(l, sep).len() > 1)
            .count();
        if n > best.1 {
            best = (sep, n);
        }
    }
    best.0
}

/// Split one physical line (no embedded line breaks) into fields.
fn split_record(line: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Parse CSV text into records with the 1-based line each starts on.
pub fn records(text: &str, sep: char) -> Vec<(u32, Vec<String>)> {
    let mut out = Vec::new();
    let mut line_no: u32 = 0;
    let mut pending: Option<(u32, String)> = None;
    for raw in text.split('\n') {
        line_no += 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let (start, buf) = match pending.take() {
            Some((s, mut b)) => {
                b.push('\n');
                b.push_str(raw);
                (s, b)
            }
            None => (line_no, raw.to_string()),
        };
        // an odd number of quotes leaves the field open across the line break
        if buf.chars().filter(|&c| c == '"').count() % 2 == 1 {
            pending = Some((start, buf));
            continue;
        }
        out.push((start, split_record(&buf, sep)));
    }
    if let Some((s, b)) = pending {
        out.push((s, split_record(&b, sep)));
    }
    out
}

/// CSV text → raw document.
pub fn parse(text: &str) -> RawDoc {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = sniff_separator(text);
    let mut lines = Vec::new();
    for (line, fields) in records(text, sep) {
        let filled: Vec<usize> = (0..fields.len())
            .filter(|&i| !fields[i].trim().is_empty())
            .collect();
        let loc = Loc {
            line: Some(line),
            cell: Some(crate::a1(
                line - 1,
                filled.first().copied().unwrap_or(0) as u32,
            )),
            ..Loc::default()
        };
        if filled.len() <= 1 {
            lines.push(RawLine {
                text: filled
                    .first()
                    .map(|&i| fields[i].trim().to_string())
                    .unwrap_or_default(),
                cells: None,
                loc,
            });
            continue;
        }
        let cells = fields
            .iter()
            .enumerate()
            .map(|(i, f)| RawCell {
                text: f.trim().to_string(),
                loc: Loc {
                    line: Some(line),
                    cell: Some(crate::a1(line - 1, i as u32)),
                    ..Loc::default()
                },
            })
            .collect::<Vec<_>>();
        lines.push(RawLine {
            text: fields.join("\t"),
            cells: Some(cells),
            loc,
        });
    }
    RawDoc {
        kind: SourceKind::Csv,
        lines,
        pages: None,
    }
}

/// True when a text looks like CSV rather than a pasted report: no tab, and most non-blank
/// lines hold two or more separators.
pub fn looks_like_csv(text: &str) -> bool {
    if text.contains('\t') {
        return false;
    }
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(200)
        .collect();
    if lines.len() < 3 {
        return false;
    }
    let sep = sniff_separator(text);
    let multi = lines
        .iter()
        .filter(|l| split_record(l, sep).len() >= 3)
        .count();
    multi * 10 >= lines.len() * 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_separators_and_breaks() {
        let r = records("a,\"b,c\",\"d\"\"e\"\n\"x\ny\",2\n", ',');
        assert_eq!(r[0], (1, vec!["a".into(), "b,c".into(), "d\"e".into()]));
        assert_eq!(r[1], (2, vec!["x\ny".into(), "2".into()]));
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff_separator("a;b;c\n1;2;3\n"), ';');
        assert_eq!(sniff_separator("a\tb\n1\t2\n"), '\t');
        assert!(looks_like_csv(
            "合计,,1.00,2.00\n201,一般,1.00,2.00\n208,社保,3.00,4.00\n"
        ));
        assert!(!looks_like_csv("收入总计4,777,056.13元。\n第二段。\n"));
    }
}
