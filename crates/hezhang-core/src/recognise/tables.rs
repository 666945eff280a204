//! Tables: find titles, collect meta lines, header rows and body rows, map columns and rows
//! to canonical keys per slot (domain guide §1.3).

use rust_decimal::Decimal;

use super::Regions;
use crate::model::{
    Cell, Column, Loc, Num, PrintedRow, RawCell, RawDoc, RawLine, Row, Slot, Table, Unit, Value,
};
use crate::text::{self, key};
use crate::tolerance::half_unit;

/// Title aliases (matching keys) by slot; longest match wins, equality only.
const ALIASES: &[(Slot, &[&str])] = &[
    (
        Slot::T1,
        &[
            "收入支出决算总表",
            "部门收支决算总表",
            "收支决算总表",
            "部门收入支出决算总表",
        ],
    ),
    (Slot::T2, &["收入决算表", "部门收入决算表"]),
    (Slot::T3, &["支出决算表", "部门支出决算表"]),
    (
        Slot::T4,
        &["财政拨款收入支出决算总表", "财政拨款收支决算总表"],
    ),
    (
        Slot::T5,
        &[
            "一般公共预算财政拨款支出决算表",
            "一般公共预算支出决算表",
            "一般公共预算财政拨款收入支出决算表",
        ],
    ),
    (
        Slot::T6,
        &[
            "一般公共预算财政拨款基本支出决算表",
            "一般公共预算财政拨款基本支出决算明细表",
            "一般公共预算财政拨款支出决算明细表",
            "基本支出决算明细表",
            "一般公共预算基本支出决算表",
        ],
    ),
    (
        Slot::T7,
        &[
            "财政拨款三公经费支出决算表",
            "一般公共预算财政拨款三公经费支出决算表",
            "三公经费支出决算表",
            // Shaanxi and others: 会议费 and 培训费 columns beside the three items
            "三公经费及会议费、培训费支出决算表",
            "财政拨款三公经费及会议费、培训费支出决算表",
            "一般公共预算财政拨款三公经费及会议费、培训费支出决算表",
            "三公经费及会议费培训费支出决算表",
        ],
    ),
    (
        Slot::T8,
        &[
            "政府性基金预算财政拨款收入支出决算表",
            "政府性基金决算表",
            "政府性基金预算财政拨款支出决算表",
        ],
    ),
    (
        Slot::T9,
        &[
            "国有资本经营预算财政拨款支出决算表",
            "国有资本经营预算财政拨款收入支出决算表",
            "国有资本经营支出决算表",
        ],
    ),
    (Slot::T10, &["部门决算公开相关信息统计表"]),
];

/// Match a line against the table titles. Returns the slot for a title line.
pub fn match_title(line: &str) -> Option<Slot> {
    if line.contains("....") || line.contains("……") || line.chars().count() > 60 {
        return None;
    }
    let mut k = key(line);
    // drop a leading tag: 公开06表 / 表6 / 表六 / 一、
    if let Some(rest) = k.strip_prefix("公开") {
        if let Some(p) = rest.find('表') {
            if rest[..p].chars().all(|c| c.is_ascii_digit()) {
                k = rest[p + '表'.len_utf8()..].to_string();
            }
        }
    }
    if let Some(rest) = k.strip_prefix('表') {
        let n: usize = rest
            .char_indices()
            .take_while(|(_, c)| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
            .map(|(i, c)| i + c.len_utf8())
            .last()
            .unwrap_or(0);
        if n > 0 {
            k = rest[n..].to_string();
        }
    }
    let k = text::strip_ordinal(&k).to_string();
    let k = k.trim_end_matches("(续)").to_string();
    ALIASES
        .iter()
        .find(|(_, names)| names.iter().any(|n| *n == k))
        .map(|(s, _)| *s)
}

fn is_part_heading(k: &str) -> bool {
    k.starts_with("第") && k.contains("部分")
}

/// Recognise every table in the document (outside the narrative region).
pub fn recognise_tables(doc: &RawDoc, regions: &Regions, notes: &mut Vec<String>) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::new();
    let lines = &doc.lines;
    let in_narrative = |i: usize| regions.narrative.is_some_and(|(s, e)| i >= s && i < e);
    let in_appendix = |i: usize| regions.appendix.is_some_and(|(s, e)| i >= s && i < e);
    let mut i = 0;
    while i < lines.len() {
        if in_narrative(i) || in_appendix(i) || lines[i].is_grid() {
            i += 1;
            continue;
        }
        let Some(slot) = match_title(&lines[i].text) else {
            if unknown_title(lines, i) {
                let end = body_end(lines, i, &in_narrative, &in_appendix);
                let n = out.iter().filter(|t| t.slot.is_none()).count() + 1;
                let t = unknown_table(n, &lines[i..end]);
                notes.push(format!(
                    "未识别的表格《{}》，未核对（not recognised, not checked）。",
                    t.title
                ));
                out.push(t);
                i = end;
                continue;
            }
            i += 1;
            continue;
        };
        let start = i;
        let j = body_end(lines, i, &in_narrative, &in_appendix);
        let t = build_table(slot, &lines[start..j], notes);
        // a contents entry (一、收入决算表 in a 目录 without leader dots) gives a table with
        // no grid: the real table later replaces it
        if let (Some(pos), Some(t)) = (
            out.iter()
                .position(|o| o.slot == Some(slot) && o.printed.is_empty()),
            t.as_ref(),
        ) {
            // a contents entry is one line; a table printed as plain text has a body
            let span = |t: &Table| {
                t.last_line
                    .unwrap_or(0)
                    .saturating_sub(t.first_line.unwrap_or(0))
            };
            let toc_entry = span(&out[pos]) == 0 && !out[pos].flat;
            if !t.printed.is_empty() || (toc_entry && span(t) > 0) {
                out[pos] = t.clone();
                i = j;
                continue;
            }
        }
        if out.iter().any(|o| o.slot == Some(slot)) {
            notes.push(format!("{} 出现两次，仅核对第一张。", slot.title_zh()));
        } else if let Some(t) = t {
            out.push(t);
        }
        i = j;
    }
    let flat: Vec<&str> = out
        .iter()
        .filter(|t| t.flat && t.rows.is_empty())
        .map(|t| t.title.as_str())
        .collect();
    let rebuilt: Vec<&Table> = out
        .iter()
        .filter(|t| t.flat && !t.rows.is_empty())
        .collect();
    if !rebuilt.is_empty() {
        let ambiguous = rebuilt
            .iter()
            .flat_map(|t| t.rows.iter())
            .flat_map(|r| r.cells.iter())
            .filter(|(_, c)| c.value == Value::Ambiguous)
            .count();
        notes.push(format!(
            "{} 张表由以空格分隔的文本重建：空白单元格已丢失，各数按行、列合计关系归入栏目；{} 个单元格无法唯一确定，相关核对未进行，请上传 PDF 原件（{} tables rebuilt from space-separated text by their sums; {} cells could not be placed and their checks did not run: upload the PDF）。",
            rebuilt.len(),
            ambiguous,
            rebuilt.len(),
            ambiguous
        ));
    }
    if !flat.is_empty() {
        notes.push(format!(
            "{} 张表是以空格分隔的文本（如从 PDF 阅读器复制或 pdftotext 导出）：空白单元格已丢失，数字无法可靠归入栏目，这些表的表内、表间等式及与表格对照的说明数字均未核对；请上传 PDF 原件（{} tables came as space-separated text; empty cells are lost, so their checks did not run: upload the PDF itself）。",
            flat.len(),
            flat.len()
        ));
    }
    // known slots in slot order, then the tables not recognised in printed order
    out.sort_by_key(|t| (t.slot.is_none(), t.slot));
    out
}

/// The end (exclusive) of the table whose title is line `i`: the next title (known or not),
/// part heading, narrative or appendix.
fn body_end(
    lines: &[RawLine],
    i: usize,
    in_narrative: &dyn Fn(usize) -> bool,
    in_appendix: &dyn Fn(usize) -> bool,
) -> usize {
    let mut j = i + 1;
    while j < lines.len() {
        if in_narrative(j) || in_appendix(j) {
            break;
        }
        let l = &lines[j];
        if !l.is_grid() {
            let k = key(&l.text);
            if match_title(&l.text).is_some() || is_part_heading(&k) || unknown_title(lines, j) {
                break;
            }
        }
        j += 1;
    }
    j
}

/// A line that reads like the title of a table we do not know (国有资产占用情况表, 部门整体支出
/// 绩效自评表, …): short, no sentence punctuation, ends with 表 and names a kind of statement,
/// and a grid follows after at most a few heading lines. Such a table is listed as not
/// recognised; it is never mapped to a slot by guesswork.
fn unknown_title(lines: &[RawLine], i: usize) -> bool {
    let l = &lines[i];
    if l.is_grid() || is_toc_entry(&l.text) || match_title(&l.text).is_some() {
        return false;
    }
    let k = key(&l.text);
    let n = k.chars().count();
    if !(5..=40).contains(&n)
        || !k.ends_with('表')
        || k.contains(['：', ':', '。', '，', ',', '；'])
        || k.starts_with("注")
        || k.starts_with("说明")
    {
        return false;
    }
    if ![
        "决算", "预算", "情况", "统计", "明细", "自评", "汇总", "经费",
    ]
    .iter()
    .any(|w| k.contains(w))
    {
        return false;
    }
    // a grid within the next few non-blank lines, none of them another title
    let mut seen = 0;
    for l in &lines[i + 1..] {
        if l.is_grid() {
            return true;
        }
        if l.is_blank() {
            continue;
        }
        if match_title(&l.text).is_some() || l.text.chars().count() > 60 {
            return false;
        }
        seen += 1;
        if seen > 6 {
            return false;
        }
    }
    false
}

fn is_toc_entry(s: &str) -> bool {
    s.contains("....") || s.contains("……")
}

/// A table whose title is not one of the standard ones: its printed grid is kept for display,
/// nothing is mapped and no rule reads it.
fn unknown_table(n: usize, lines: &[RawLine]) -> Table {
    let grid: Vec<&RawLine> = lines[1..].iter().filter(|l| l.is_grid()).collect();
    let mut unit = Unit::Yuan;
    for l in lines[1..].iter().filter(|l| !l.is_grid()) {
        let k = key(&l.text);
        if k.contains("单位") && k.contains("万元") {
            unit = Unit::WanYuan;
        }
    }
    Table {
        id: format!("x{n}"),
        slot: None,
        kind: "other",
        title: text::clean_label(&lines[0].text),
        label: None,
        unit,
        entity: None,
        year: None,
        columns: Vec::new(),
        rows: Vec::new(),
        notes: Vec::new(),
        empty_note: false,
        flat: false,
        printed: grid
            .iter()
            .map(|l| PrintedRow {
                cells: cells_of(l).iter().map(|c| c.text.clone()).collect(),
                line: l.loc.line,
                header: false,
            })
            .collect(),
        first_line: lines[0].loc.line,
        last_line: lines
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .and_then(|l| l.loc.line),
        first_page: lines[0].loc.page,
        last_page: lines.iter().rev().find_map(|l| l.loc.page),
    }
}

/// Raw pieces of one table before mapping.
struct Body<'a> {
    header: Vec<&'a RawLine>,
    data: Vec<&'a RawLine>,
    /// index of each grid line in the printed grid
    printed: Vec<PrintedRow>,
    header_count: usize,
}

fn cells_of(l: &RawLine) -> &[RawCell] {
    l.cells.as_deref().unwrap_or(&[])
}

fn is_serial_row(cells: &[RawCell]) -> bool {
    let first = cells.iter().find(|c| !c.text.is_empty());
    if let Some(f) = first {
        let k = key(&f.text);
        if k == "栏次" || k == "档次" {
            return true;
        }
    }
    let nums: Vec<&str> = cells
        .iter()
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    nums.len() >= 2
        && nums
            .iter()
            .enumerate()
            .all(|(i, t)| text::parse_amount(t).is_some_and(|d| d == Decimal::from(i as i64 + 1)))
}

fn split_body<'a>(slot: Slot, grid: &[&'a RawLine]) -> Body<'a> {
    // header = rows up to and including the 栏次 row; without one, rows before the first data row
    let serial = grid.iter().position(|l| is_serial_row(cells_of(l)));
    let first_data = match serial {
        Some(s) => s + 1,
        None => grid
            .iter()
            .position(|l| looks_like_data(slot, cells_of(l)))
            .unwrap_or(grid.len()),
    };
    let header: Vec<&RawLine> = grid[..first_data]
        .iter()
        .filter(|l| !is_serial_row(cells_of(l)))
        .copied()
        .collect();
    let printed = grid
        .iter()
        .enumerate()
        .map(|(i, l)| PrintedRow {
            cells: cells_of(l).iter().map(|c| c.text.clone()).collect(),
            line: l.loc.line,
            header: i < first_data,
        })
        .collect();
    Body {
        header,
        data: grid[first_data..].to_vec(),
        printed,
        header_count: first_data,
    }
}

fn looks_like_data(slot: Slot, cells: &[RawCell]) -> bool {
    let has_amount = cells.iter().any(|c| {
        text::parse_amount(&c.text).is_some_and(|d| d.scale() > 0 || d > Decimal::from(99))
    });
    let has_code = cells.iter().any(|c| text::parse_code(&c.text).is_some());
    let first = cells
        .iter()
        .find(|c| !c.text.is_empty())
        .map(|c| key(&c.text))
        .unwrap_or_default();
    match slot {
        Slot::T10 => first.starts_with("一、政府采购") || has_amount,
        // a 三公 header starts with 合计 (the first item); only figures or template
        // placeholders make the data row
        Slot::T7 => has_amount || cells.iter().any(|c| text::is_placeholder(&c.text)),
        _ => has_amount || has_code || first == "合计" || first == "总计",
    }
}

/// Header text of each column: the header cells of that column, top to bottom.
fn column_headers(header: &[&RawLine], width: usize) -> Vec<String> {
    let mut out = vec![String::new(); width];
    for l in header {
        for (i, c) in cells_of(l).iter().enumerate().take(width) {
            if !c.text.is_empty() {
                out[i].push_str(&key(&c.text));
            }
        }
    }
    out
}

fn parse_value(raw: &str, unit: Unit) -> Value {
    let t = raw.trim();
    if t.is_empty() {
        return Value::Blank;
    }
    if text::is_dash(t) {
        return Value::NotApplicable;
    }
    if text::is_placeholder(t) {
        return Value::Placeholder;
    }
    match text::parse_amount(t) {
        Some(d) => {
            // a figure printed to the 分 in a 元 table is exact
            let exact = unit == Unit::Yuan && d.scale() >= 2;
            Value::Num(Num {
                value: d,
                half_unit: half_unit(d.scale(), exact),
            })
        }
        None => Value::Text,
    }
}

fn make_cell(
    c: Option<&RawCell>,
    line_loc: &Loc,
    unit: Unit,
    grid: Option<(usize, usize)>,
) -> Cell {
    match c {
        Some(c) => Cell {
            raw: c.text.clone(),
            value: parse_value(&c.text, unit),
            loc: c.loc.clone(),
            grid,
        },
        None => Cell {
            raw: String::new(),
            value: Value::Blank,
            loc: line_loc.clone(),
            grid,
        },
    }
}

/// Build one table from its lines (title first).
fn build_table(slot: Slot, lines: &[RawLine], notes: &mut Vec<String>) -> Option<Table> {
    let title_line = &lines[0];
    let mut label = None;
    let mut entity = None;
    let mut year = None;
    let mut unit = None;
    let mut tnotes = Vec::new();
    let mut grid: Vec<&RawLine> = Vec::new();
    for l in &lines[1..] {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        if l.is_grid() {
            let first = cells_of(l)
                .iter()
                .find(|c| !c.text.is_empty())
                .map(|c| c.text.clone())
                .unwrap_or_default();
            let nonempty = cells_of(l).iter().filter(|c| !c.text.is_empty()).count();
            if nonempty == 1 && (first.starts_with("注") || first.starts_with("说明")) {
                tnotes.push(first);
                continue;
            }
            if nonempty == 0 {
                continue;
            }
            grid.push(l);
            continue;
        }
        let k = key(t);
        if let Some(rest) = k.strip_prefix("公开") {
            if rest.ends_with('表') && rest.len() <= 6 {
                label = Some(k.clone());
                continue;
            }
        }
        if let Some(name) = k
            .strip_prefix("部门名称:")
            .or_else(|| k.strip_prefix("单位名称:"))
            .or_else(|| k.strip_prefix("部门名称："))
            .or_else(|| k.strip_prefix("单位名称："))
        {
            entity = Some(name.to_string());
            continue;
        }
        if k.contains("单位:") || k.contains("单位：") {
            if k.contains("万元") {
                unit = Some(Unit::WanYuan);
            } else if k.contains("亿元") {
                unit = Some(Unit::YiYuan);
            } else if k.ends_with("元") {
                unit = Some(Unit::Yuan);
            }
            if k.starts_with("金额单位") || k.starts_with("单位") {
                continue;
            }
        }
        if k.starts_with("注") || k.starts_with("说明") {
            tnotes.push(t.to_string());
            continue;
        }
        if let Some(y) = text::find_year(&k) {
            if k.chars().count() <= 8 {
                year = Some(y);
                continue;
            }
        }
        // other text inside the table region: keep as a note
        tnotes.push(t.to_string());
    }
    // body lines with amounts among words separated by spaces: a table as plain text (two
    // such lines with two amounts or more, or five lines with one)
    let amounts_in = |l: &&RawLine| {
        l.text
            .split_whitespace()
            .filter(|w| text::parse_amount(w).is_some_and(|d| d.scale() > 0))
            .count()
    };
    let text_lines: Vec<&RawLine> = lines[1..].iter().filter(|l| !l.is_grid()).collect();
    let flat_lines = if text_lines.iter().filter(|l| amounts_in(l) >= 2).count() >= 2
        || text_lines.iter().filter(|l| amounts_in(l) >= 1).count() >= 5
    {
        2
    } else {
        0
    };
    let unit_known = unit.is_some();
    let unit = unit.unwrap_or(Unit::Yuan);
    if !unit_known && !grid.is_empty() {
        notes.push(format!("{} 未写明金额单位，按元处理。", slot.title_zh()));
    }
    let empty_note = tnotes.iter().any(|n| key(n).contains("本表无数据"));
    let body = split_body(slot, &grid);
    let width = grid.iter().map(|l| cells_of(l).len()).max().unwrap_or(0);
    let headers = column_headers(&body.header, width);
    let mut table = Table {
        id: slot.id().to_string(),
        slot: Some(slot),
        kind: slot.kind(),
        title: text::clean_label(&title_line.text),
        label,
        unit,
        entity,
        year,
        columns: Vec::new(),
        rows: Vec::new(),
        notes: tnotes,
        empty_note,
        flat: grid.is_empty() && flat_lines >= 2,
        printed: body.printed.clone(),
        first_line: title_line.loc.line,
        last_line: lines
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .and_then(|l| l.loc.line),
        first_page: title_line.loc.page,
        last_page: lines.iter().rev().find_map(|l| l.loc.page),
    };
    let ctx = MapCtx {
        headers: &headers,
        body: &body,
        unit,
    };
    if table.flat {
        let rebuilt = match slot {
            Slot::T6 => super::flat::rebuild_economic(&lines[1..], unit),
            _ => super::flat::rebuild_coded(slot, &lines[1..], unit),
        };
        if let Some((columns, rows)) = rebuilt {
            table.columns = columns;
            table.rows = rows;
        }
        return Some(table);
    }
    match slot {
        Slot::T1 | Slot::T4 => map_two_panel(slot, &ctx, &mut table),
        Slot::T2 | Slot::T3 | Slot::T5 | Slot::T8 | Slot::T9 => map_coded(slot, &ctx, &mut table),
        Slot::T6 => map_economic(&ctx, &mut table),
        Slot::T7 => map_three_public(&ctx, &mut table),
        Slot::T10 => map_related(&ctx, &mut table),
    }
    Some(table)
}

struct MapCtx<'a, 'b> {
    headers: &'a [String],
    body: &'a Body<'b>,
    unit: Unit,
}

impl MapCtx<'_, '_> {
    fn grid_index(&self, data_idx: usize) -> usize {
        self.body.header_count + data_idx
    }
}

fn canonical(h: &str, synonyms: &[(&str, &'static str)]) -> Option<&'static str> {
    synonyms
        .iter()
        .find(|(s, _)| h.contains(s))
        .map(|(_, k)| *k)
}

fn push_column(table: &mut Table, key: &'static str, label: &str) {
    if !table.columns.iter().any(|c| c.key == key) {
        table.columns.push(Column {
            key,
            label: label.to_string(),
        });
    }
}

/// Split a glued `30207邮电费` into code and name.
fn split_code_label(s: &str) -> (Option<String>, String) {
    let t = text::fold_width(s);
    let t = t.trim();
    let digits: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ' ')
        .collect();
    let code = text::parse_code(&digits);
    match code {
        Some(c) => (Some(c), text::clean_label(&t[digits.len()..])),
        None => (None, text::clean_label(t)),
    }
}

const T2_COLS: &[(&str, &str)] = &[
    ("本年收入合计", "total"),
    ("合计", "total"),
    ("财政拨款", "fiscal"),
    ("上级补助", "superior"),
    ("事业收入", "business"),
    ("经营收入", "operating"),
    ("附属单位", "affiliated"),
    ("其他收入", "other"),
];
const T3_COLS: &[(&str, &str)] = &[
    ("本年支出合计", "total"),
    ("合计", "total"),
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("上缴上级", "to_superior"),
    ("经营支出", "operating"),
    ("对附属单位", "to_affiliated"),
];
const T5_COLS: &[(&str, &str)] = &[
    ("小计", "total"),
    ("合计", "total"),
    ("基本支出", "basic"),
    ("项目支出", "project"),
];
const T8_COLS: &[(&str, &str)] = &[
    ("年初结转", "carry_in"),
    ("年末结转", "carry_out"),
    ("本年收入", "income"),
    ("小计", "total"),
    ("合计", "total"),
    ("基本支出", "basic"),
    ("项目支出", "project"),
];

/// The code columns starting at `first`: one column, or up to three adjacent columns
/// under a spanning 科目编码 header whose leaves are 类/款/项 (`201 | 06 | 01`).
fn code_group(h: &[String], first: usize) -> Vec<usize> {
    let mut cols = vec![first];
    for i in first + 1..(first + 3).min(h.len()) {
        if continues_code_group(&h[i - 1], &h[i]) {
            cols.push(i);
        } else {
            break;
        }
    }
    cols
}

/// Column `cur` continues the code columns of `prev`: both under the same spanning 编码
/// header (printed once over 类/款/项 and repeated over them), or leaves 类 → 款 → 项.
fn continues_code_group(prev: &str, cur: &str) -> bool {
    prev.contains("编码")
        && cur.contains("编码")
        && (prev == cur
            || (prev.ends_with('类') && cur.ends_with('款'))
            || (prev.ends_with('款') && cur.ends_with('项')))
}

/// The printed code of a row whose code is split over `cols` (`201 06 01`); a label
/// spread over the columns (合计) is kept once.
fn join_code_cells(cells: &[RawCell], cols: &[usize]) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for c in cols {
        let t = cells.get(*c).map(|c| c.text.trim()).unwrap_or("");
        // the 类/款/项 leaf labels can share a ruled band with the 合计 row
        let t = if matches!(t, "类" | "款" | "项") {
            ""
        } else {
            t
        };
        let repeated = parts.last() == Some(&t) && !t.chars().all(|c| c.is_ascii_digit());
        if !t.is_empty() && !repeated {
            parts.push(t);
        }
    }
    parts.join(" ")
}

/// T2, T3, T5, T8, T9: a code column, a name column, value columns.
fn map_coded(slot: Slot, ctx: &MapCtx, table: &mut Table) {
    let syn = match slot {
        Slot::T2 => T2_COLS,
        Slot::T3 => T3_COLS,
        Slot::T5 => T5_COLS,
        _ => T8_COLS,
    };
    let h = ctx.headers;
    let code_col = h.iter().position(|s| s.contains("编码")).unwrap_or(0);
    // split 类/款/项 columns under one spanning 科目编码 header (Shanghai PDFs)
    let code_cols = code_group(h, code_col);
    let name_col = h
        .iter()
        .position(|s| s.contains("科目名称") || s == "名称")
        .unwrap_or(code_col + code_cols.len());
    let mut value_cols: Vec<(usize, &'static str)> = Vec::new();
    for (i, hs) in h.iter().enumerate() {
        if code_cols.contains(&i) || i == name_col {
            continue;
        }
        if let Some(k) = canonical(hs, syn) {
            if !value_cols.iter().any(|(_, kk)| *kk == k) {
                value_cols.push((i, k));
                push_column(table, k, hs);
            }
        }
    }
    for (di, l) in ctx.body.data.iter().enumerate() {
        let cells = cells_of(l);
        let code_joined = join_code_cells(cells, &code_cols);
        let code_raw = code_joined.as_str();
        let name_raw = cells.get(name_col).map(|c| c.text.as_str()).unwrap_or("");
        let (mut code, mut label) = split_code_label(code_raw);
        if code.is_none() && !name_raw.is_empty() {
            label = if label.is_empty() {
                text::clean_label(name_raw)
            } else {
                label
            };
        } else if !name_raw.is_empty() {
            label = text::clean_label(name_raw);
        }
        if code.is_none() {
            let (c2, l2) = split_code_label(name_raw);
            if c2.is_some() {
                code = c2;
                label = l2;
            }
        }
        let k = key(&label);
        let role = if k == "合计" || k == "总计" || key(code_raw) == "合计" {
            if label.is_empty() {
                label = "合计".to_string();
            }
            Some("total")
        } else if code.is_some() {
            None
        } else {
            // a text-only line: continuation or a note; keep it only if it carries values
            let has_val = value_cols
                .iter()
                .any(|(ci, _)| cells.get(*ci).is_some_and(|c| !c.text.is_empty()));
            if !has_val {
                continue;
            }
            None
        };
        let gi = ctx.grid_index(di);
        let row_cells = value_cols
            .iter()
            .map(|(ci, k)| {
                (
                    *k,
                    make_cell(cells.get(*ci), &l.loc, ctx.unit, Some((gi, *ci))),
                )
            })
            .collect();
        table.rows.push(Row {
            code,
            label,
            role,
            panel: None,
            line_no: None,
            cells: row_cells,
            loc: l.loc.clone(),
            grid_row: Some(gi),
        });
    }
}

/// Canonical T1 rows.
fn t1_role(panel: &str, k: &str) -> Option<&'static str> {
    let k = text::strip_ordinal(k);
    if panel == "income" {
        let r = match k {
            "一般公共预算财政拨款收入" | "一般公共预算财政拨款" => {
                "inc_general"
            }
            "政府性基金预算财政拨款收入" | "政府性基金预算财政拨款" => {
                "inc_gov_fund"
            }
            "国有资本经营预算财政拨款收入" | "国有资本经营预算财政拨款" => {
                "inc_state_capital"
            }
            "上级补助收入" => "inc_superior",
            "事业收入" => "inc_business",
            "经营收入" => "inc_operating",
            "附属单位上缴收入" => "inc_affiliated",
            "其他收入" => "inc_other",
            "本年收入合计" => "income_total",
            "年初结转和结余" | "年初财政拨款结转和结余" => "carry_in",
            "总计" | "收入总计" => "grand_total",
            _ if k.starts_with("使用非财政拨款结余") => "use_nonfiscal",
            _ => return None,
        };
        Some(r)
    } else {
        let r = match k {
            "本年支出合计" => "expenditure_total",
            "结余分配" => "distribution",
            "年末结转和结余" | "年末财政拨款结转和结余" => "carry_out",
            "总计" | "支出总计" => "grand_total",
            _ if k.ends_with("支出") => "category",
            _ => return None,
        };
        Some(r)
    }
}

/// T1 and T4: an income panel and an expenditure panel side by side.
fn map_two_panel(slot: Slot, ctx: &MapCtx, table: &mut Table) {
    let width = ctx.headers.len();
    if width == 0 {
        return; // a title with no grid under it
    }
    // panels start at each column whose header names 项目
    let mut starts: Vec<usize> = (0..width)
        .filter(|&i| ctx.headers[i].contains("项目"))
        .collect();
    if starts.is_empty() {
        starts.push(0);
    }
    let mut panels: Vec<(usize, usize, &'static str)> = Vec::new();
    for (pi, &s) in starts.iter().enumerate() {
        let e = starts.get(pi + 1).copied().unwrap_or(width);
        let name = if ctx.headers[s].contains("支出") || pi > 0 {
            "expenditure"
        } else {
            "income"
        };
        panels.push((s, e, name));
    }
    for &(s, e, pname) in &panels {
        let mut value_cols: Vec<(usize, &'static str)> = Vec::new();
        let mut line_col = None;
        for i in s + 1..e {
            let hs = &ctx.headers[i];
            if hs.contains("行次") {
                line_col = Some(i);
                continue;
            }
            let k = if slot == Slot::T4 && pname == "expenditure" {
                canonical(
                    hs,
                    &[
                        ("一般公共预算", "general"),
                        ("政府性基金", "gov_fund"),
                        ("国有资本", "state_capital"),
                        ("合计", "total"),
                        ("小计", "total"),
                    ],
                )
            } else if hs.contains("决算数") || hs.contains("金额") || hs.contains("合计") {
                Some("amount")
            } else {
                None
            };
            if let Some(k) = k {
                if !value_cols.iter().any(|(_, kk)| *kk == k) {
                    value_cols.push((i, k));
                    let label = if k == "amount" {
                        ctx.headers[i].to_string()
                    } else {
                        hs.clone()
                    };
                    push_column(table, k, &label);
                }
            }
        }
        if line_col.is_none() && e > s + 1 {
            // 行次 unnamed: a column of small integers right of the label
            line_col = None;
        }
        let mut after_carry = false;
        for (di, l) in ctx.body.data.iter().enumerate() {
            let cells = cells_of(l);
            let raw = cells.get(s).map(|c| c.text.as_str()).unwrap_or("");
            let label = text::clean_label(raw);
            if label.is_empty() {
                continue;
            }
            let k = key(&label);
            let mut role = t1_role(pname, &k);
            if slot == Slot::T4 {
                let stripped = text::strip_ordinal(&k);
                if matches!(role, Some("carry_in") | Some("carry_out")) {
                    after_carry = true;
                } else if after_carry {
                    role = match role {
                        Some("inc_general") | Some("category")
                            if stripped.starts_with("一般公共预算") =>
                        {
                            Some(if pname == "income" {
                                "carry_in_general"
                            } else {
                                "carry_out_general"
                            })
                        }
                        Some("inc_gov_fund") => Some(if pname == "income" {
                            "carry_in_gov_fund"
                        } else {
                            "carry_out_gov_fund"
                        }),
                        Some("inc_state_capital") => Some(if pname == "income" {
                            "carry_in_state_capital"
                        } else {
                            "carry_out_state_capital"
                        }),
                        r => r,
                    };
                    if pname == "expenditure" {
                        role = match stripped {
                            "一般公共预算财政拨款" => Some("carry_out_general"),
                            "政府性基金预算财政拨款" => Some("carry_out_gov_fund"),
                            "国有资本经营预算财政拨款" => {
                                Some("carry_out_state_capital")
                            }
                            _ => role,
                        };
                    }
                }
                if pname == "income" && role.is_none() && stripped == "收入总计" {
                    role = Some("grand_total");
                }
            }
            let gi = ctx.grid_index(di);
            let row_cells = value_cols
                .iter()
                .map(|(ci, kk)| {
                    (
                        *kk,
                        make_cell(cells.get(*ci), &l.loc, ctx.unit, Some((gi, *ci))),
                    )
                })
                .collect();
            let line_no = line_col
                .and_then(|c| cells.get(c))
                .map(|c| c.text.clone())
                .filter(|t| !t.is_empty());
            table.rows.push(Row {
                code: None,
                label: text::strip_ordinal(&label).to_string(),
                role,
                panel: Some(pname),
                line_no,
                cells: row_cells,
                loc: l.loc.clone(),
                grid_row: Some(gi),
            });
        }
    }
}

/// A T6 block: code columns, name column, value columns with their keys.
type Block = (Vec<usize>, usize, Vec<(usize, &'static str)>);

/// T6: blocks of (code, name, values…); footers 人员经费合计 / 公用经费合计.
fn map_economic(ctx: &MapCtx, table: &mut Table) {
    let width = ctx.headers.len();
    // a block starts at a 编码 column; split 类|款 code columns belong to one block
    let starts: Vec<usize> = (0..width)
        .filter(|&i| {
            ctx.headers[i].contains("编码")
                && !(i > 0 && continues_code_group(&ctx.headers[i - 1], &ctx.headers[i]))
        })
        .collect();
    let starts = if starts.is_empty() { vec![0] } else { starts };
    let mut blocks: Vec<Block> = Vec::new();
    for (bi, &s) in starts.iter().enumerate() {
        let e = starts.get(bi + 1).copied().unwrap_or(width);
        let codes = code_group(ctx.headers, s);
        let name_col = (s + codes.len()).min(e);
        let mut vals = Vec::new();
        for i in name_col + 1..e {
            let hs = &ctx.headers[i];
            let k = if hs.contains("基本支出") {
                Some("basic")
            } else if hs.contains("金额") || hs.contains("合计") {
                Some("amount")
            } else if hs.contains("决算数") {
                Some("basic")
            } else {
                None
            };
            if let Some(k) = k {
                vals.push((i, k));
                push_column(table, k, hs);
            }
        }
        blocks.push((codes, name_col, vals));
    }
    for (di, l) in ctx.body.data.iter().enumerate() {
        let cells = cells_of(l);
        let gi = ctx.grid_index(di);
        for (bi, (codes, name_col, vals)) in blocks.iter().enumerate() {
            let s = &codes[0];
            let code_joined = join_code_cells(cells, codes);
            let code_raw = code_joined.as_str();
            let name_raw = cells.get(*name_col).map(|c| c.text.as_str()).unwrap_or("");
            let (code, mut label) = split_code_label(code_raw);
            if !name_raw.is_empty() && code.is_some() {
                label = text::clean_label(name_raw);
            }
            let k = key(&label);
            let role = if k.contains("人员经费合计") || k == "人员经费" && code.is_none()
            {
                Some("personnel_total")
            } else if k.contains("公用经费合计") || k == "公用经费" && code.is_none() {
                Some("public_total")
            } else {
                None
            };
            if code.is_none() && role.is_none() {
                continue;
            }
            let row_cells: Vec<(&'static str, Cell)> = if role.is_some()
                && vals
                    .iter()
                    .all(|(ci, _)| cells.get(*ci).is_none_or(|c| c.text.is_empty()))
            {
                // footer values printed under a later block: take the numbers that follow the
                // label up to the next label, right-aligned onto this block's value keys
                let next_label = blocks
                    .iter()
                    .skip(bi + 1)
                    .map(|b| b.0[0])
                    .find(|&c| cells.get(c).is_some_and(|x| !x.text.is_empty()))
                    .unwrap_or(cells.len());
                let found: Vec<usize> = (*s + 1..next_label)
                    .filter(|&c| {
                        cells
                            .get(c)
                            .is_some_and(|x| text::parse_amount(&x.text).is_some())
                    })
                    .collect();
                let take = found.len().min(vals.len());
                let chosen = &found[found.len() - take..];
                vals.iter()
                    .enumerate()
                    .map(|(vi, (ci, k))| {
                        let off = vals.len() - take;
                        let col = if vi >= off { chosen[vi - off] } else { *ci };
                        (
                            *k,
                            make_cell(cells.get(col), &l.loc, ctx.unit, Some((gi, col))),
                        )
                    })
                    .collect()
            } else {
                vals.iter()
                    .map(|(ci, k)| {
                        (
                            *k,
                            make_cell(cells.get(*ci), &l.loc, ctx.unit, Some((gi, *ci))),
                        )
                    })
                    .collect()
            };
            table.rows.push(Row {
                code,
                label,
                role,
                panel: Some(match bi {
                    0 => "block1",
                    1 => "block2",
                    2 => "block3",
                    _ => "block4",
                }),
                line_no: None,
                cells: row_cells,
                loc: l.loc.clone(),
                grid_row: Some(gi),
            });
        }
    }
}

/// The item a 三公 column header names: the item word printed last, so that a group label
/// repeated over its leaves (公务用车购置及运行费 › 公务用车购置费) gives the leaf.
fn three_public_item(h: &str) -> Option<&'static str> {
    const WORDS: &[(&str, &str)] = &[
        ("合计", "total"),
        ("总计", "total"),
        ("出国", "abroad"),
        ("购置及运行", "vehicle"),
        ("小计", "vehicle"),
        ("运行", "vehicle_running"),
        ("购置费", "vehicle_purchase"),
        ("接待", "reception"),
        ("会议", "meeting"),
        ("培训", "training"),
    ];
    let mut best: Option<(usize, &'static str)> = None;
    for (w, item) in WORDS {
        if let Some(p) = h.rfind(w) {
            // 运行 inside 购置及运行 is the group, not the running-cost leaf
            let inside_group = *w == "运行" && h[..p].ends_with("购置及");
            if inside_group {
                continue;
            }
            if best.is_none_or(|(bp, _)| p > bp) {
                best = Some((p, item));
            }
        }
    }
    if best.is_none() && h.ends_with("购置") {
        return Some("vehicle_purchase");
    }
    best.map(|(_, i)| i)
}

/// The 三公 items (and the 会议费/培训费 columns some provinces add): item, budget key, final key.
const THREE_PUBLIC_KEYS: &[(&str, &str, &str)] = &[
    ("total", "budget_total", "final_total"),
    ("abroad", "budget_abroad", "final_abroad"),
    ("vehicle", "budget_vehicle", "final_vehicle"),
    (
        "vehicle_purchase",
        "budget_vehicle_purchase",
        "final_vehicle_purchase",
    ),
    (
        "vehicle_running",
        "budget_vehicle_running",
        "final_vehicle_running",
    ),
    ("reception", "budget_reception", "final_reception"),
    ("meeting", "budget_meeting", "final_meeting"),
    ("training", "budget_training", "final_training"),
];

fn three_public_name(item: &str) -> &'static str {
    match item {
        "total" => "合计",
        "abroad" => "因公出国（境）费",
        "vehicle" => "公务用车购置及运行维护费",
        "vehicle_purchase" => "公务用车购置费",
        "vehicle_running" => "公务用车运行维护费",
        "meeting" => "会议费",
        "training" => "培训费",
        _ => "公务接待费",
    }
}

/// T7 laid out item by item: one row per item (合计, 因公出国（境）费, …), columns 预算数 and
/// 决算数. Gathered into the same single data row as the column layouts. Returns false when
/// the table is not laid out so (its column headers name the items).
fn map_three_public_rows(ctx: &MapCtx, table: &mut Table) -> bool {
    let items_in_headers = ctx
        .headers
        .iter()
        .filter(|h| three_public_item(h).is_some_and(|i| i != "total"))
        .count();
    if items_in_headers >= 2 {
        return false;
    }
    let budget_col = ctx.headers.iter().position(|h| h.contains("预算"));
    let final_col = ctx.headers.iter().position(|h| h.contains("决算"));
    let (Some(bc), Some(fc)) = (budget_col, final_col) else {
        return false;
    };
    let mut item_rows: Vec<(usize, &RawLine, &'static str)> = Vec::new();
    for (di, l) in ctx.body.data.iter().enumerate() {
        let cells = cells_of(l);
        let Some(label_idx) = cells.iter().position(|c| !c.text.is_empty()) else {
            continue;
        };
        if label_idx >= bc.min(fc) {
            continue;
        }
        let k = key(text::strip_ordinal(&cells[label_idx].text));
        let k = k.strip_prefix("其中:").unwrap_or(&k).to_string();
        let k = text::strip_ordinal(&k).to_string();
        // a sub-row such as 其中：外事接待 names no item of its own
        let Some(item) = three_public_item(&k) else {
            continue;
        };
        if !item_rows.iter().any(|(_, _, i)| *i == item) {
            item_rows.push((di, l, item));
        }
    }
    if item_rows.len() < 2 {
        return false;
    }
    for (item, b, f) in THREE_PUBLIC_KEYS {
        if item_rows.iter().any(|(_, _, i)| i == item) {
            push_column(table, b, &format!("预算数·{}", three_public_name(item)));
            push_column(table, f, &format!("决算数·{}", three_public_name(item)));
        }
    }
    let mut cells_out: Vec<(&'static str, Cell)> = Vec::new();
    for (di, l, item) in &item_rows {
        let Some((_, b, f)) = THREE_PUBLIC_KEYS.iter().find(|(i, _, _)| i == item) else {
            continue;
        };
        let gi = ctx.grid_index(*di);
        let cells = cells_of(l);
        for (k, ci) in [(*b, bc), (*f, fc)] {
            cells_out.push((
                k,
                make_cell(cells.get(ci), &l.loc, ctx.unit, Some((gi, ci))),
            ));
        }
    }
    let (first_di, first_line, _) = item_rows[0];
    table.rows.push(Row {
        code: None,
        label: "“三公”经费".to_string(),
        role: Some("data"),
        panel: None,
        line_no: None,
        cells: cells_out,
        loc: first_line.loc.clone(),
        grid_row: Some(ctx.grid_index(first_di)),
    });
    true
}

/// T7: budget and final amounts of the six items, in one data row.
fn map_three_public(ctx: &MapCtx, table: &mut Table) {
    if map_three_public_rows(ctx, table) {
        return;
    }
    // Which group label comes first in the header rows?
    let all: String = ctx.headers.concat();
    let budget_first = match (all.find("预算"), all.find("决算")) {
        (Some(b), Some(f)) => b < f,
        _ => true,
    };
    let mut seen: Vec<&'static str> = Vec::new();
    let mut cols: Vec<(usize, &'static str)> = Vec::new();
    for (i, h) in ctx.headers.iter().enumerate() {
        // strip group words so "预算数合计" still names the item
        let Some(item) = three_public_item(h) else {
            continue;
        };
        // layout B prints 预算数 | 决算数 as leaves below each item; layout A prints the
        // groups above, so only a trailing group word is the column's own
        let own_budget = h.ends_with("预算数") || h.ends_with("预算");
        let own_final = h.ends_with("决算数") || h.ends_with("决算");
        let occurrence = seen.iter().filter(|s| **s == item).count();
        seen.push(item);
        let is_final = if own_budget != own_final {
            own_final
        } else {
            (occurrence == 1) == budget_first
        };
        let Some((_, b, f)) = THREE_PUBLIC_KEYS.iter().find(|(k, _, _)| *k == item) else {
            continue;
        };
        let k = if is_final { *f } else { *b };
        if !cols.iter().any(|(_, kk)| *kk == k) {
            cols.push((i, k));
            let group = if is_final { "决算数" } else { "预算数" };
            push_column(table, k, &format!("{group}·{}", three_public_name(item)));
        }
    }
    if let Some((di, l)) = ctx.body.data.iter().enumerate().find(|(_, l)| {
        cells_of(l)
            .iter()
            .any(|c| text::parse_amount(&c.text).is_some() || text::is_placeholder(&c.text))
    }) {
        let cells = cells_of(l);
        let gi = ctx.grid_index(di);
        table.rows.push(Row {
            code: None,
            label: "“三公”经费".to_string(),
            role: Some("data"),
            panel: None,
            line_no: None,
            cells: cols
                .iter()
                .map(|(ci, k)| {
                    (
                        *k,
                        make_cell(cells.get(*ci), &l.loc, ctx.unit, Some((gi, *ci))),
                    )
                })
                .collect(),
            loc: l.loc.clone(),
            grid_row: Some(gi),
        });
    }
}

/// T10 rows by label.
fn related_role(k: &str, in_procurement: bool) -> Option<&'static str> {
    let s = text::strip_ordinal(k);
    let r = match s {
        "合计" if in_procurement => "proc_total",
        "货物" => "proc_goods",
        "工程" => "proc_works",
        "服务" => "proc_services",
        "行政单位" => "moe_admin",
        "参照公务员法管理事业单位" | "参公管理事业单位" => "moe_civil",
        _ if s.starts_with("车辆数合计") || s.starts_with("车辆数") => "veh_total",
        _ if s.starts_with("单价100万元") || s.starts_with("单价50万元") => "equipment",
        _ if s.ends_with("用车") => "veh_category",
        _ => return None,
    };
    Some(r)
}

/// T10: related information, one value per row.
fn map_related(ctx: &MapCtx, table: &mut Table) {
    push_column(table, "value", "采购金额/统计数");
    let mut in_proc = true;
    // the value column: the one headed 采购金额 / 统计数 / 金额, else the rightmost column that
    // holds a value in any row (a workbook pads rows to the sheet's width)
    let headed = ctx.body.printed.iter().find_map(|p| {
        p.cells.iter().position(|c| {
            let k = key(c);
            k.contains("采购金额") || k.contains("统计数") || k == "金额" || k == "决算数"
        })
    });
    let rightmost = ctx
        .body
        .data
        .iter()
        .filter_map(|l| {
            let cells = cells_of(l);
            (1..cells.len())
                .rev()
                .find(|&i| text::parse_amount(&cells[i].text).is_some() && i > 0)
        })
        .max();
    let fixed_value_col = headed.or(rightmost);
    // header rows inside the body (section titles, 项目/行次 rows) are printed but not mapped
    for (di, l) in ctx.body.data.iter().enumerate() {
        let cells = cells_of(l);
        let first = cells
            .iter()
            .find(|c| !c.text.is_empty())
            .map(|c| key(&c.text))
            .unwrap_or_default();
        if first.contains("政府采购") {
            in_proc = true;
            continue;
        }
        if first.contains("机关运行经费") || first.contains("国有资产") {
            in_proc = false;
            continue;
        }
        let Some(role) = related_role(&first, in_proc) else {
            continue;
        };
        let label_idx = cells.iter().position(|c| !c.text.is_empty()).unwrap_or(0);
        // the value: the last non-empty cell after the label that is not the 行次,
        // or the last column when empty
        let last = cells.len().saturating_sub(1);
        let value_col = match fixed_value_col {
            Some(c) if c > label_idx => c,
            _ if last > label_idx + 1 => last,
            _ => label_idx + 1,
        };
        let gi = ctx.grid_index(di);
        let label = text::clean_label(&cells[label_idx].text);
        table.rows.push(Row {
            code: None,
            label: text::strip_ordinal(&label).to_string(),
            role: Some(role),
            panel: None,
            line_no: cells
                .get(label_idx + 1)
                .filter(|_| value_col > label_idx + 1)
                .map(|c| c.text.clone())
                .filter(|t| !t.is_empty()),
            cells: vec![("value", {
                let mut c = make_cell(
                    cells.get(value_col),
                    &l.loc,
                    ctx.unit,
                    Some((gi, value_col)),
                );
                // counts (vehicles, equipment) are whole numbers: exact
                if role.starts_with("veh") || role == "equipment" {
                    if let Value::Num(n) = &mut c.value {
                        n.half_unit = Decimal::ZERO;
                    }
                }
                c
            })],
            loc: l.loc.clone(),
            grid_row: Some(gi),
        });
    }
}
