//! Pasted text → raw lines. Tab-separated lines become grid rows with empty cells kept.

use hezhang_core::model::{Loc, RawCell, RawDoc, RawLine, SourceKind};

/// Most cells a pasted line may split into; a longer line is kept as text only.
pub const MAX_CELLS_PER_LINE: usize = 1024;

/// Split pasted text into lines (LF, CRLF or CR); tabbed lines keep every cell.
pub fn parse(text: &str) -> RawDoc {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = Vec::new();
    let mut n: u32 = 0;
    for raw in split_lines(text) {
        n += 1;
        let loc = Loc::line(n);
        // a line of thousands of tabs is no table row (the widest 决算 table has about twenty
        // columns): it stays text, rather than costing a hundred-odd bytes per empty cell
        let tabs = raw.bytes().filter(|&b| b == b'\t').count();
        let cells = if tabs > 0 && tabs < MAX_CELLS_PER_LINE {
            Some(
                raw.split('\t')
                    .map(|c| RawCell {
                        text: c.trim().to_string(),
                        loc: loc.clone(),
                    })
                    .collect(),
            )
        } else {
            None
        };
        lines.push(RawLine {
            text: raw.to_string(),
            cells,
            loc,
        });
    }
    RawDoc {
        kind: SourceKind::Text,
        lines,
        pages: None,
    }
}

fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.find(['\n', '\r']) {
            Some(i) => {
                let line = &rest[..i];
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
                Some(line)
            }
            None => {
                let line = rest;
                rest = "";
                Some(line)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_of_thousands_of_tabs_stays_text() {
        let line = format!("合计{}1.00", "\t".repeat(100_000));
        let d = parse(&format!("标题\n{line}\n项目\t金额"));
        assert!(d.lines[1].cells.is_none());
        assert_eq!(d.lines[1].text, line);
        assert_eq!(d.lines[2].cells.as_ref().map(Vec::len), Some(2));
    }

    #[test]
    fn keeps_empty_cells_and_lines() {
        let d = parse("a\r\n合计\t\t1.00\t\n\nb\rc");
        assert_eq!(d.lines.len(), 5);
        let cells = d.lines[1].cells.as_ref().unwrap();
        assert_eq!(cells.len(), 4);
        assert_eq!(cells[2].text, "1.00");
        assert_eq!(d.lines[4].loc.line, Some(5));
    }
}
