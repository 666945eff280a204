//! What the screen shows, computed from a [`CheckOutput`] without touching the DOM: the verdict,
//! counts, groups of findings, the marks on table cells, number formatting. Pure, so it is tested
//! on the host.

use std::collections::BTreeMap;

use hezhang_core::output::{FindingOut, TableOut};
use hezhang_core::{CheckOutput, Lang, Role, Severity};

use crate::i18n::{tf, unit_name, T};

/// Severities in display order.
pub const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// Index of a severity in [`SEVERITIES`].
pub fn sev_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The one-line verdict (ux.md): zero parts dropped, and never "no problems" when checks could
/// not run.
pub fn verdict(out: &CheckOutput, lang: Lang) -> String {
    let e = out.count(Severity::Error);
    let w = out.count(Severity::Warning);
    let (run, na) = (out.checks.run, out.checks.not_applicable);
    let (es, ws, rs, nas) = (
        e.to_string(),
        w.to_string(),
        run.to_string(),
        na.to_string(),
    );
    let args: [(&str, &str); 7] = [
        ("e", &es),
        ("w", &ws),
        ("run", &rs),
        ("na", &nas),
        ("errors", plural(e, "error", "errors")),
        ("items", plural(w, "item", "items")),
        ("checks", plural(run, "check", "checks")),
    ];
    if run == 0 && e == 0 && w == 0 {
        return tf(T::VerdictNothingRun, lang, &args);
    }
    let first = match (e, w) {
        (0, 0) => T::VerdictClean,
        (_, 0) => T::VerdictErrors,
        (0, _) => T::VerdictWarnings,
        _ => T::VerdictErrorsWarnings,
    };
    let second = if na == 0 {
        T::VerdictRun
    } else {
        T::VerdictRunNa
    };
    let sep = if lang == Lang::En { " " } else { "" };
    format!("{}{sep}{}", tf(first, lang, &args), tf(second, lang, &args))
}

/// The report's identity: entity · year · unit · family.
pub fn identity(out: &CheckOutput, lang: Lang) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(e) = &out.report.entity {
        parts.push(e.clone());
    }
    if let Some(y) = out.report.year {
        parts.push(tf(T::YearSuffix, lang, &[("year", &y.to_string())]));
    }
    if let Some(u) = out.report.unit {
        parts.push(tf(T::UnitLabel, lang, &[("unit", &unit_name(u, lang))]));
    }
    parts
}

/// Counts by severity over all findings.
pub fn severity_counts(out: &CheckOutput) -> [usize; 3] {
    let mut c = [0; 3];
    for f in &out.findings {
        c[sev_index(f.severity)] += 1;
    }
    c
}

/// Counts by rule family × severity, families in order of first appearance.
pub fn family_counts(out: &CheckOutput) -> Vec<(&'static str, [usize; 3])> {
    let mut rows: Vec<(&'static str, [usize; 3])> = Vec::new();
    for f in &out.findings {
        let i = match rows.iter().position(|(fam, _)| *fam == f.family) {
            Some(i) => i,
            None => {
                rows.push((f.family, [0; 3]));
                rows.len() - 1
            }
        };
        rows[i].1[sev_index(f.severity)] += 1;
    }
    rows
}

/// Findings grouped by rule, in order of first appearance (the core sorts errors first).
/// Each group lists indices into `findings` that pass `visible`.
pub fn groups(findings: &[FindingOut], visible: &[bool; 3]) -> Vec<(&'static str, Vec<usize>)> {
    let mut out: Vec<(&'static str, Vec<usize>)> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        if !visible[sev_index(f.severity)] {
            continue;
        }
        match out.iter_mut().find(|(r, _)| *r == f.rule) {
            Some((_, v)) => v.push(i),
            None => out.push((f.rule, vec![i])),
        }
    }
    out
}

/// The visible findings in list order (group by group), for previous / next.
pub fn visible_order(findings: &[FindingOut], visible: &[bool; 3]) -> Vec<usize> {
    groups(findings, visible)
        .into_iter()
        .flat_map(|(_, v)| v)
        .collect()
}

/// Move from `current` by `step` (±1) in `order`, wrapping; `None` → first or last.
pub fn step(order: &[usize], current: Option<usize>, step: i32) -> Option<usize> {
    if order.is_empty() {
        return None;
    }
    let n = order.len() as i32;
    let pos = current.and_then(|c| order.iter().position(|&i| i == c));
    let next = match pos {
        Some(p) => (p as i32 + step).rem_euclid(n),
        None if step < 0 => n - 1,
        None => 0,
    };
    Some(order[next as usize])
}

/// How a cell is marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The strongest role (stated > restated > component).
    pub role: Role,
    /// The most severe finding touching the cell.
    pub severity: Severity,
    /// The findings touching the cell.
    pub findings: Vec<usize>,
}

fn role_rank(r: Role) -> u8 {
    match r {
        Role::Stated => 0,
        Role::Restated => 1,
        Role::Component => 2,
    }
}

/// Marks of one table's cells: (grid row, grid column) → mark.
pub type Marks = BTreeMap<(usize, usize), Mark>;

/// The marks of every table, keyed by table id.
pub fn marks(out: &CheckOutput) -> BTreeMap<String, Marks> {
    let mut all: BTreeMap<String, Marks> = BTreeMap::new();
    for (i, f) in out.findings.iter().enumerate() {
        for l in &f.locations {
            let (Some(t), Some(r), Some(c)) = (&l.table, l.grid_row, l.grid_col) else {
                continue;
            };
            if l.kind != "cell" {
                continue;
            }
            let m = all.entry(t.clone()).or_default();
            match m.get_mut(&(r, c)) {
                Some(mark) => {
                    if role_rank(l.role) < role_rank(mark.role) {
                        mark.role = l.role;
                    }
                    if f.severity < mark.severity {
                        mark.severity = f.severity;
                    }
                    if !mark.findings.contains(&i) {
                        mark.findings.push(i);
                    }
                }
                None => {
                    m.insert(
                        (r, c),
                        Mark {
                            role: l.role,
                            severity: f.severity,
                            findings: vec![i],
                        },
                    );
                }
            }
        }
    }
    all
}

/// The DOM id of a table cell.
pub fn cell_id(table: &str, row: usize, col: usize) -> String {
    format!("cell-{}-{row}-{col}", sanitize(table))
}

/// The DOM id of a table's section.
pub fn table_id(table: &str) -> String {
    format!("table-{}", sanitize(table))
}

/// The DOM id of a finding's list item.
pub fn finding_item_id(i: usize) -> String {
    format!("finding-{i}")
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Where a chosen finding takes the reader: its stated cell, else its first cell, else `None`
/// (a narrative finding: the detail card itself).
pub fn primary_cell(f: &FindingOut) -> Option<(String, usize, usize)> {
    let cells = || {
        f.locations
            .iter()
            .filter(|l| l.kind == "cell")
            .filter_map(|l| Some((l.table.clone()?, l.grid_row?, l.grid_col?, l.role)))
    };
    cells()
        .find(|c| c.3 == Role::Stated)
        .or_else(|| cells().next())
        .map(|(t, r, c, _)| (t, r, c))
}

/// The tables a finding touches, in order.
pub fn tables_of(f: &FindingOut) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for l in &f.locations {
        if let Some(t) = &l.table {
            if !v.contains(t) {
                v.push(t.clone());
            }
        }
    }
    v
}

/// Split `text` around the byte range `span` (before, highlighted, after). An out-of-range or
/// non-boundary span highlights nothing.
pub fn split_span(text: &str, span: Option<(usize, usize)>) -> (&str, &str, &str) {
    if let Some((a, b)) = span {
        if a <= b {
            if let (Some(before), Some(mid), Some(after)) =
                (text.get(..a), text.get(a..b), text.get(b..))
            {
                return (before, mid, after);
            }
        }
    }
    (text, "", "")
}

/// Is this printed cell a number (amount, count or percentage)?
pub fn is_number(s: &str) -> bool {
    let s = s.trim();
    let s = s.strip_suffix('%').unwrap_or(s);
    let s = s.strip_prefix('-').unwrap_or(s);
    !s.is_empty()
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && s.matches('.').count() <= 1
}

/// Thousands separators for a decimal string; the decimals are kept as printed. Anything that
/// is not a plain decimal is returned as it is.
pub fn thousands(s: &str) -> String {
    let t = s.trim();
    let (sign, body) = match t.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", t),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if int.is_empty()
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.is_none_or(|f| f.chars().all(|c| c.is_ascii_digit()))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(t.len() + int.len() / 3);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// How a printed cell is displayed: amounts with a decimal point get thousands separators;
/// integers (codes, line numbers, counts) are left as printed.
pub fn display_cell(s: &str) -> String {
    if is_number(s) && s.contains('.') && !s.contains(',') && !s.ends_with('%') {
        thousands(s)
    } else {
        s.to_string()
    }
}

/// Which rows of a table to show. Short tables and tables the reader expanded show every row;
/// long tables with marks show header rows, marked rows and total rows; tables without marks
/// show nothing until expanded. Returns `None` for "all rows".
pub fn rows_to_show(t: &TableOut, marks: Option<&Marks>, expanded: bool) -> Option<Vec<usize>> {
    const SHORT: usize = 15;
    let body = t.grid.iter().filter(|r| !r.header).count();
    if expanded {
        return None;
    }
    let marks = match marks {
        Some(m) if !m.is_empty() => m,
        _ => return Some(Vec::new()),
    };
    if body <= SHORT {
        return None;
    }
    let mut keep: Vec<bool> = t
        .grid
        .iter()
        .enumerate()
        .map(|(i, r)| {
            r.header
                || marks.keys().any(|(mr, _)| *mr == i)
                || r.cells
                    .first()
                    .is_some_and(|c| c.contains("合计") || c.contains("总计"))
        })
        .collect();
    // Give each kept row its context: the text-only rows right above it (section titles and
    // column labels printed inside the table body), up to three.
    for i in 0..keep.len() {
        if !keep[i] || t.grid[i].header {
            continue;
        }
        let mut j = i;
        while j > 0 && i - j < 3 {
            j -= 1;
            let row = &t.grid[j];
            if row.header || keep[j] || row.cells.iter().any(|c| is_number(c)) {
                break;
            }
            keep[j] = true;
        }
    }
    Some((0..keep.len()).filter(|&i| keep[i]).collect())
}

/// Where a location is in the input, in words: "第 12 行" / "line 12" for text, "第 12 页" /
/// "page 12" for a PDF, "工作表 Sheet1 · C7" / "sheet Sheet1 · C7" for a workbook.
pub fn place(l: &hezhang_core::Location, lang: Lang) -> Option<String> {
    if let Some(n) = l.line {
        return Some(tf(T::PlaceLine, lang, &[("n", &n.to_string())]));
    }
    if let Some(n) = l.page {
        return Some(tf(T::PlacePage, lang, &[("n", &n.to_string())]));
    }
    match (&l.sheet, &l.cell) {
        (Some(sheet), cell) => Some(
            tf(
                T::PlaceSheet,
                lang,
                &[("sheet", sheet), ("cell", cell.as_deref().unwrap_or(""))],
            )
            .trim_end_matches([' ', '·'])
            .to_string(),
        ),
        (None, Some(cell)) => Some(cell.clone()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_name_line_page_or_sheet_and_cell() {
        let mut l = hezhang_core::Location {
            kind: "cell",
            role: Role::Stated,
            table: None,
            row: None,
            column: None,
            value: None,
            text: None,
            line: None,
            page: None,
            bbox: None,
            sheet: None,
            cell: None,
            grid_row: None,
            grid_col: None,
            span: None,
        };
        l.page = Some(12);
        assert_eq!(place(&l, Lang::Zh).as_deref(), Some("第 12 页"));
        assert_eq!(place(&l, Lang::En).as_deref(), Some("page 12"));
        l.page = None;
        l.sheet = Some("Sheet1".into());
        l.cell = Some("C7".into());
        assert_eq!(place(&l, Lang::Zh).as_deref(), Some("工作表 Sheet1 · C7"));
        assert_eq!(place(&l, Lang::En).as_deref(), Some("sheet Sheet1 · C7"));
        l.cell = None;
        assert_eq!(place(&l, Lang::En).as_deref(), Some("sheet Sheet1"));
        l.line = Some(3);
        assert_eq!(place(&l, Lang::Zh).as_deref(), Some("第 3 行"));
    }

    #[test]
    fn thousands_keeps_decimals() {
        assert_eq!(thousands("75425.00"), "75,425.00");
        assert_eq!(thousands("-55227.46"), "-55,227.46");
        assert_eq!(thousands("130652.46"), "130,652.46");
        assert_eq!(thousands("100"), "100");
        assert_eq!(thousands("0.5"), "0.5");
        assert_eq!(thousands("1234567"), "1,234,567");
        assert_eq!(thousands("abc"), "abc");
        assert_eq!(thousands("1.2.3"), "1.2.3");
        assert_eq!(thousands(""), "");
    }

    #[test]
    fn display_cell_leaves_codes_alone() {
        assert_eq!(display_cell("2010101"), "2010101");
        assert_eq!(display_cell("461413.24"), "461,413.24");
        assert_eq!(display_cell("1"), "1");
        assert_eq!(display_cell("合计"), "合计");
        assert_eq!(display_cell("22.4%"), "22.4%");
        assert_eq!(display_cell("1,234.00"), "1,234.00");
    }

    #[test]
    fn numbers_are_recognised() {
        for s in ["1", "75425.00", "-3.2", "1,234.00", "22.4%"] {
            assert!(is_number(s), "{s}");
        }
        for s in ["", "-", "合计", "1.2.3", "12a", "."] {
            assert!(!is_number(s), "{s}");
        }
    }

    #[test]
    fn split_span_is_safe() {
        let s = "采购总额75,425.00元";
        let a = s.find('7').unwrap();
        let b = s.find('元').unwrap();
        assert_eq!(split_span(s, Some((a, b))), ("采购总额", "75,425.00", "元"));
        assert_eq!(split_span(s, Some((1, 2))), (s, "", ""));
        assert_eq!(split_span(s, Some((5, 999))), (s, "", ""));
        assert_eq!(split_span(s, None), (s, "", ""));
    }

    #[test]
    fn step_wraps() {
        let order = [4, 1, 7];
        assert_eq!(step(&order, None, 1), Some(4));
        assert_eq!(step(&order, None, -1), Some(7));
        assert_eq!(step(&order, Some(4), 1), Some(1));
        assert_eq!(step(&order, Some(7), 1), Some(4));
        assert_eq!(step(&order, Some(4), -1), Some(7));
        assert_eq!(step(&[], Some(4), 1), None);
    }

    #[test]
    fn ids_are_safe() {
        assert_eq!(cell_id("t10", 3, 2), "cell-t10-3-2");
        assert_eq!(cell_id("t 1/x", 0, 0), "cell-t_1_x-0-0");
    }

    #[test]
    fn collapsed_tables_keep_marked_rows_with_their_labels() {
        let text = include_str!("../www/samples/shanxi-jincheng-zwfw-2022.txt");
        let out = hezhang_ingest::check_text(text, "s.txt", &Default::default()).unwrap();
        let all = marks(&out);
        let Some(t10) = out
            .tables
            .iter()
            .find(|t| t.label.as_deref() == Some("公开10表"))
        else {
            return;
        };
        let Some(m) = all.get(&t10.id) else { return };
        let rows = rows_to_show(t10, Some(m), false).expect("a long table collapses");
        let first = |i: usize| t10.grid[i].cells.first().cloned().unwrap_or_default();
        let shown: Vec<String> = rows.iter().map(|&i| first(i)).collect();
        assert!(shown.iter().any(|c| c == "合计"), "{shown:?}");
        assert!(
            shown.iter().any(|c| c.contains("政府采购情况")),
            "{shown:?}"
        );
        assert!(rows.len() < t10.grid.len());
        assert_eq!(rows_to_show(t10, Some(m), true), None, "expanded shows all");
        assert_eq!(
            rows_to_show(t10, None, false),
            Some(vec![]),
            "unmarked tables fold"
        );
    }
}
