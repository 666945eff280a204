//! Tables that came as space-separated text (copied from a PDF viewer, `pdftotext -raw` or
//! `-layout`): each row is `code… name amount…`, and the empty cells are gone, so a row of
//! two amounts under three columns does not say which columns they belong to.
//!
//! Coded tables (T2, T3, T5, T8, T9) are rebuilt by arithmetic: the amounts keep their order;
//! the placements of a row are those consistent with its row identity (合计 = 基本 + 项目 …);
//! then every parent/children group (合计 → 类 → 款 → 项) keeps only the placements for which
//! each column adds up. A placement that survives alone is taken. Where several survive, the
//! cells they disagree on are [`Value::Ambiguous`]: rules see no cell there and record the
//! check as not run (upload the PDF). Nothing is guessed: a group that cannot add up under
//! any placement prunes nothing.

use rust_decimal::Decimal;

use crate::model::{Cell, Column, Num, RawLine, Row, Slot, Unit, Value};
use crate::text::{self, key};
use crate::tolerance::half_unit;

/// One printed row: code (or 合计), name, amounts in printed order.
struct FlatRow<'a> {
    code: Option<String>,
    label: String,
    amounts: Vec<(&'a str, Decimal)>,
    line: &'a RawLine,
}

/// Column keys of a coded table, in printed order, read from the header words.
fn column_keys(slot: Slot, header: &str) -> Option<Vec<&'static str>> {
    let standard: &[&'static str] = match slot {
        Slot::T2 => &[
            "total",
            "fiscal",
            "superior",
            "business",
            "operating",
            "affiliated",
            "other",
        ],
        Slot::T3 => &[
            "total",
            "basic",
            "project",
            "to_superior",
            "operating",
            "to_affiliated",
        ],
        Slot::T5 => &["total", "basic", "project"],
        Slot::T8 | Slot::T9 if header.contains("年初结转") => &[
            "carry_in",
            "income",
            "total",
            "basic",
            "project",
            "carry_out",
        ],
        Slot::T9 => &["total", "basic", "project"],
        _ => return None,
    };
    if matches!(slot, Slot::T8 | Slot::T9) {
        // nested headers print 本年支出 above 小计/基本支出/项目支出: check presence only
        let words: &[&str] = if standard.len() == 6 {
            &["年初结转", "本年收入", "基本支出", "项目支出", "年末结转"]
        } else {
            &["基本支出", "项目支出"]
        };
        return words
            .iter()
            .all(|w| header.contains(w))
            .then(|| standard.to_vec());
    }
    // T2, T3, T5: the columns of the national template, in its order, when the header names
    // each of them (its words may be wrapped and interleaved: look for their stems)
    let stems: &[&str] = match slot {
        Slot::T2 => &[
            "财政拨款",
            "上级补助",
            "事业收",
            "经营收",
            "附属单",
            "其他收",
        ],
        Slot::T3 => &["基本支出", "项目支", "上缴上级", "经营支", "对附属单位"],
        _ => &["基本支出", "项目支出"],
    };
    stems
        .iter()
        .all(|w| header.contains(w))
        .then(|| standard.to_vec())
}

fn amount(w: &str) -> Option<Decimal> {
    text::parse_amount(w).filter(|d| d.scale() > 0)
}

/// A token of the body text and the line it sits on.
type Token<'a> = (&'a str, &'a RawLine);

fn is_code_start(t: &str) -> bool {
    t.chars().all(|c| c.is_ascii_digit()) && matches!(t.len(), 3 | 5 | 7)
}

fn is_total_word(t: &str) -> bool {
    matches!(key(t).as_str(), "合计" | "总计")
}

/// Split the body into rows: a row starts at a code (`201 06 01`, `2010601`) or 合计 and runs
/// to the next one; its name is the text before its first amount, wrapped lines included
/// (`208 05 05 / 机关事业单位基本养老保险 / 缴费支出 / 160.75 160.75`). Text after the
/// amounts is dropped; `None` when amounts follow that text (a layout this reader does not
/// know).
fn split_rows<'a>(toks: &[Token<'a>]) -> Option<Vec<FlatRow<'a>>> {
    let mut rows = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let (t, line) = toks[i];
        let mut code = String::new();
        if is_total_word(t) {
            i += 1;
        } else if is_code_start(t) {
            code.push_str(t);
            i += 1;
            while code.len() < 7
                && i < toks.len()
                && toks[i].0.len() == 2
                && toks[i].0.chars().all(|c| c.is_ascii_digit())
            {
                code.push_str(toks[i].0);
                i += 1;
            }
        } else {
            return None;
        }
        let mut label = String::new();
        while i < toks.len()
            && amount(toks[i].0).is_none()
            && !is_code_start(toks[i].0)
            && !is_total_word(toks[i].0)
        {
            label.push_str(toks[i].0);
            i += 1;
        }
        let mut amounts = Vec::new();
        while i < toks.len() {
            match amount(toks[i].0) {
                Some(d) => amounts.push((toks[i].0, d)),
                None => break,
            }
            i += 1;
        }
        // text after the amounts: a name wrapped around them (`-layout` prints the first part
        // of a long name above its code and the rest below); labels are not needed to place
        // amounts, codes key the rows
        while i < toks.len()
            && amount(toks[i].0).is_none()
            && !is_code_start(toks[i].0)
            && !is_total_word(toks[i].0)
        {
            i += 1;
        }
        if i < toks.len() && amount(toks[i].0).is_some() {
            return None;
        }
        rows.push(FlatRow {
            label: if code.is_empty() {
                "合计".to_string()
            } else {
                text::clean_label(&label)
            },
            code: (!code.is_empty()).then_some(code),
            amounts,
            line,
        });
    }
    Some(rows)
}

/// The body's words with their lines, from the first line to a 注/说明 footnote; blank lines
/// and the 单位 line skipped.
fn body_tokens(body: &[RawLine]) -> Vec<Token<'_>> {
    let mut toks: Vec<Token> = Vec::new();
    for l in body {
        let k = key(&l.text);
        if k.is_empty() || k.contains("单位:") || k.contains("单位：") {
            continue;
        }
        if k.starts_with("注") || k.starts_with("说明") {
            break;
        }
        toks.extend(l.text.split_whitespace().map(|t| (t, l)));
    }
    toks
}

/// The rebuilt columns and rows of a coded table printed as space-separated text, or `None`
/// when its lines are not all of the `code name amounts` form.
pub fn rebuild_coded(slot: Slot, body: &[RawLine], unit: Unit) -> Option<(Vec<Column>, Vec<Row>)> {
    let toks = body_tokens(body);
    // the header: everything before the first row start that is followed by amounts
    let first = (0..toks.len()).find(|&i| {
        let t = toks[i].0;
        (is_code_start(t) || is_total_word(t))
            && toks[i + 1..]
                .iter()
                .take_while(|(x, _)| !is_code_start(x) && !is_total_word(x))
                .any(|(x, _)| amount(x).is_some())
    })?;
    let header: String = toks[..first].iter().map(|(t, _)| key(t)).collect();
    let rows = split_rows(&toks[first..])?;
    let keys = column_keys(slot, &header)?;
    let rows: Vec<FlatRow> = rows.into_iter().filter(|r| !r.amounts.is_empty()).collect();
    if rows.is_empty() || rows.iter().any(|r| r.amounts.len() > keys.len()) {
        return None;
    }
    let exact = |d: &Decimal| unit == Unit::Yuan && d.scale() >= 2;
    let h = rows
        .iter()
        .flat_map(|r| r.amounts.iter())
        .map(|(_, d)| half_unit(d.scale(), exact(d)))
        .max()
        .unwrap_or(Decimal::ZERO);
    let solver = Solver {
        keys: &keys,
        h,
        total_required: !keys.contains(&"carry_in"),
    };
    let choices = solver.solve(&rows);
    if !solver.consistent(&rows, &choices) {
        return None;
    }
    let columns = keys
        .iter()
        .map(|k| Column {
            key: k,
            label: column_label(k).to_string(),
        })
        .collect();
    let out = rows
        .iter()
        .zip(choices)
        .map(|(r, ch)| {
            let cells = keys
                .iter()
                .enumerate()
                .map(|(ci, k)| {
                    // the amount index at column ci in each surviving placement
                    let at: Vec<Option<usize>> =
                        ch.iter().map(|p| p.iter().position(|&c| c == ci)).collect();
                    let value_of = |ai: Option<usize>| match ai {
                        Some(ai) => {
                            let (raw, d) = r.amounts[ai];
                            (
                                raw.to_string(),
                                Value::Num(Num {
                                    value: d,
                                    half_unit: half_unit(d.scale(), exact(&d)),
                                }),
                            )
                        }
                        None => (String::new(), Value::Blank),
                    };
                    let (raw, value) = if !at.is_empty() && at.iter().all(|a| *a == at[0]) {
                        value_of(at[0])
                    } else {
                        (String::new(), Value::Ambiguous)
                    };
                    (
                        *k,
                        Cell {
                            raw,
                            value,
                            loc: r.line.loc.clone(),
                            grid: None,
                        },
                    )
                })
                .collect();
            Row {
                code: r.code.clone(),
                label: r.label.clone(),
                role: r.code.is_none().then_some("total"),
                panel: None,
                line_no: None,
                cells,
                loc: r.line.loc.clone(),
                grid_row: None,
            }
        })
        .collect();
    Some((columns, out))
}

fn column_label(k: &str) -> &'static str {
    match k {
        "total" => "合计",
        "fiscal" => "财政拨款收入",
        "superior" => "上级补助收入",
        "business" => "事业收入",
        "operating" => "经营",
        "affiliated" => "附属单位上缴收入",
        "other" => "其他收入",
        "basic" => "基本支出",
        "project" => "项目支出",
        "to_superior" => "上缴上级支出",
        "to_affiliated" => "对附属单位补助支出",
        "carry_in" => "年初结转和结余",
        "income" => "本年收入",
        _ => "年末结转和结余",
    }
}

/// A placement: for each amount of a row (in order), its column index.
type Placement = Vec<usize>;

struct Solver<'k> {
    keys: &'k [&'static str],
    /// half of the printed unit (zero for exact 元 figures)
    h: Decimal,
    /// a non-empty row fills its 合计 column (T2, T3, T5, three-column T9)
    total_required: bool,
}

/// Cap on the placements of one group tried at once.
const MAX_COMBINATIONS: usize = 50_000;

impl Solver<'_> {
    fn col(&self, k: &str) -> Option<usize> {
        self.keys.iter().position(|x| *x == k)
    }

    /// Σ of `n` rounded terms may differ from their printed total by up to (n+1)·h.
    fn fits(&self, stated: Decimal, parts: &[Decimal]) -> bool {
        let n = parts.iter().filter(|p| !p.is_zero()).count();
        let sum: Decimal = parts.iter().sum();
        (stated - sum).abs() <= self.h * Decimal::from(n as i64 + 1)
    }

    fn values(&self, row: &FlatRow, p: &Placement) -> Vec<Decimal> {
        let mut v = vec![Decimal::ZERO; self.keys.len()];
        for (ai, &ci) in p.iter().enumerate() {
            v[ci] = row.amounts[ai].1;
        }
        v
    }

    /// The row identity: 合计 = Σ the other spending/income columns (T8: 小计 = 基本 + 项目).
    fn row_ok(&self, v: &[Decimal]) -> bool {
        let Some(t) = self.col("total") else {
            return true;
        };
        let parts: Vec<Decimal> =
            if let (Some(b), Some(p)) = (self.col("basic"), self.col("project")) {
                if self.col("carry_in").is_some() {
                    vec![v[b], v[p]]
                } else {
                    (0..v.len()).filter(|&i| i != t).map(|i| v[i]).collect()
                }
            } else {
                (0..v.len()).filter(|&i| i != t).map(|i| v[i]).collect()
            };
        self.fits(v[t], &parts)
    }

    fn placements(&self, row: &FlatRow) -> Vec<Placement> {
        let k = self.keys.len();
        let n = row.amounts.len();
        let mut all = Vec::new();
        combinations(k, n, &mut Vec::new(), 0, &mut all);
        let total = self.col("total");
        let filtered: Vec<Placement> = all
            .iter()
            .filter(|p| !self.total_required || total.is_none_or(|t| p.contains(&t)))
            .filter(|p| self.row_ok(&self.values(row, p)))
            .cloned()
            .collect();
        // a row whose own identity fails under every placement keeps them all: its error is
        // for the rules to report once the columns are known
        if filtered.is_empty() {
            all
        } else {
            filtered
        }
    }

    /// Candidate placements per row after propagating the parent/children sums.
    fn solve(&self, rows: &[FlatRow]) -> Vec<Vec<Placement>> {
        let mut cand: Vec<Vec<Placement>> = rows.iter().map(|r| self.placements(r)).collect();
        let groups = groups(rows);
        // combinations tried in all, so that a huge pasted table cannot stall the check;
        // when it runs out, the rest stays ambiguous
        let mut budget: usize = 2_000_000;
        loop {
            let mut changed = false;
            for (parent, children) in &groups {
                let members: Vec<usize> = std::iter::once(*parent)
                    .chain(children.iter().copied())
                    .collect();
                let size = members
                    .iter()
                    .try_fold(1usize, |acc, &m| acc.checked_mul(cand[m].len()));
                if size.is_none_or(|s| s > MAX_COMBINATIONS || s <= 1 || s > budget) {
                    continue;
                }
                // which candidates of each member take part in a consistent combination
                let mut keep: Vec<Vec<bool>> = members
                    .iter()
                    .map(|&m| vec![false; cand[m].len()])
                    .collect();
                // the values of every candidate of every member, once
                let table: Vec<Vec<Vec<Decimal>>> = members
                    .iter()
                    .map(|&m| cand[m].iter().map(|p| self.values(&rows[m], p)).collect())
                    .collect();
                let mut idx = vec![0usize; members.len()];
                let mut any = false;
                let mut parts: Vec<Decimal> = Vec::with_capacity(members.len());
                loop {
                    budget = budget.saturating_sub(1);
                    let ok = (0..self.keys.len()).all(|c| {
                        parts.clear();
                        parts.extend((1..members.len()).map(|mi| table[mi][idx[mi]][c]));
                        self.fits(table[0][idx[0]][c], &parts)
                    });
                    if ok {
                        any = true;
                        for (mi, &i) in idx.iter().enumerate() {
                            keep[mi][i] = true;
                        }
                    }
                    // next combination
                    let mut d = 0;
                    while d < idx.len() {
                        idx[d] += 1;
                        if idx[d] < cand[members[d]].len() {
                            break;
                        }
                        idx[d] = 0;
                        d += 1;
                    }
                    if d == idx.len() {
                        break;
                    }
                }
                if !any {
                    continue; // the group does not add up under any placement: prune nothing
                }
                for (mi, &m) in members.iter().enumerate() {
                    if keep[mi].iter().any(|k| !k) {
                        let kept: Vec<Placement> = cand[m]
                            .iter()
                            .zip(&keep[mi])
                            .filter(|(_, k)| **k)
                            .map(|(p, _)| p.clone())
                            .collect();
                        cand[m] = kept;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        cand
    }
}

impl Solver<'_> {
    /// The settled rows hold their row identity, and every group of settled rows adds up in
    /// every column. Otherwise an amount may sit on the wrong line (a text layer that moved
    /// it): the table is not rebuilt rather than reported with errors it may not have.
    fn consistent(&self, rows: &[FlatRow], choices: &[Vec<Placement>]) -> bool {
        let settled =
            |i: usize| (choices[i].len() == 1).then(|| self.values(&rows[i], &choices[i][0]));
        for (i, ch) in choices.iter().enumerate() {
            if ch.is_empty() {
                return false;
            }
            if let Some(v) = settled(i) {
                if !self.row_ok(&v) {
                    return false;
                }
            }
        }
        for (parent, children) in groups(rows) {
            let Some(pv) = settled(parent) else {
                continue;
            };
            let cv: Option<Vec<Vec<Decimal>>> = children.iter().map(|&c| settled(c)).collect();
            let Some(cv) = cv else {
                continue;
            };
            for c in 0..self.keys.len() {
                let parts: Vec<Decimal> = cv.iter().map(|v| v[c]).collect();
                if !self.fits(pv[c], &parts) {
                    return false;
                }
            }
        }
        true
    }
}

/// All increasing sequences of `n` column indices below `k`.
fn combinations(k: usize, n: usize, cur: &mut Vec<usize>, from: usize, out: &mut Vec<Placement>) {
    if cur.len() == n {
        out.push(cur.clone());
        return;
    }
    for c in from..k {
        if k - c < n - cur.len() {
            break;
        }
        cur.push(c);
        combinations(k, n, cur, c + 1, out);
        cur.pop();
    }
}

/// Parent/children groups by code: 合计 → 类, 类 → 款 with its prefix, 款 → 项.
fn groups(rows: &[FlatRow]) -> Vec<(usize, Vec<usize>)> {
    use std::collections::BTreeMap;
    let mut out = Vec::new();
    // children by parent code (a 类 or 款 prefix), in printed order
    let mut children: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut classes = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        match r.code.as_deref() {
            Some(c) if c.len() == 3 => classes.push(i),
            Some(c) if c.len() == 5 => children.entry(&c[..3]).or_default().push(i),
            Some(c) if c.len() == 7 => children.entry(&c[..5]).or_default().push(i),
            _ => {}
        }
    }
    if let Some(total) = rows.iter().position(|r| r.code.is_none()) {
        if !classes.is_empty() {
            out.push((total, classes));
        }
    }
    for (i, r) in rows.iter().enumerate() {
        if let Some(c) = r.code.as_deref().filter(|c| c.len() < 7) {
            if let Some(ch) = children.get(c) {
                out.push((i, ch.clone()));
            }
        }
    }
    out
}

/// The economic-classification table (T6) printed as space-separated text, when each block
/// has one value column (决算数: Shanghai, central): entries `code name [amount]`, two or more
/// side by side on a line, an entry without an amount being blank; footers 人员经费合计 and
/// 公用经费合计. Tables with 金额 and 其中：基本支出 (Shanxi) have two values per entry and are
/// not rebuilt. Nor is one whose 类 lines and footers do not add up: an amount may have moved.
pub fn rebuild_economic(body: &[RawLine], unit: Unit) -> Option<(Vec<Column>, Vec<Row>)> {
    let toks = body_tokens(body);
    let is_code3 = |t: &str| t.len() == 3 && t.chars().all(|c| c.is_ascii_digit());
    let is_code5 = |t: &str| t.len() == 5 && t.chars().all(|c| c.is_ascii_digit());
    let is_footer = |t: &str| {
        let k = key(t);
        k.starts_with("人员经费合计") || k.starts_with("公用经费合计")
    };
    let first = toks.iter().position(|(t, _)| is_code3(t) || is_code5(t))?;
    let header: String = toks[..first].iter().map(|(t, _)| key(t)).collect();
    if !header.contains("决算数") || header.contains("基本支出") || header.contains("金额")
    {
        return None;
    }
    let exact = |d: &Decimal| unit == Unit::Yuan && d.scale() >= 2;
    let mut rows: Vec<Row> = Vec::new();
    let mut i = first;
    while i < toks.len() {
        let (t, line) = toks[i];
        let (code, role) = if is_footer(t) {
            i += 1;
            let k = key(t);
            let role = if k.starts_with("人员") {
                "personnel_total"
            } else {
                "public_total"
            };
            (None, Some(role))
        } else if is_code5(t) {
            i += 1;
            (Some(t.to_string()), None)
        } else if is_code3(t) {
            i += 1;
            let mut c = t.to_string();
            if i < toks.len()
                && toks[i].0.len() == 2
                && toks[i].0.chars().all(|c| c.is_ascii_digit())
            {
                c.push_str(toks[i].0);
                i += 1;
            }
            (Some(c), None)
        } else if amount(t).is_none() {
            // the rest of a name wrapped below its amount (`-layout`)
            i += 1;
            continue;
        } else {
            return None; // an amount where an entry should start
        };
        let mut label = String::new();
        while i < toks.len()
            && amount(toks[i].0).is_none()
            && !is_code3(toks[i].0)
            && !is_code5(toks[i].0)
            && !is_footer(toks[i].0)
        {
            label.push_str(toks[i].0);
            i += 1;
        }
        let value = match toks.get(i).and_then(|(x, _)| amount(x).map(|d| (*x, d))) {
            Some((raw, d)) => {
                i += 1;
                (
                    raw.to_string(),
                    Value::Num(Num {
                        value: d,
                        half_unit: half_unit(d.scale(), exact(&d)),
                    }),
                )
            }
            None => (String::new(), Value::Blank),
        };
        if toks.get(i).is_some_and(|(x, _)| amount(x).is_some()) {
            return None; // two amounts for one entry
        }
        let label = match role {
            Some("personnel_total") => "人员经费合计".to_string(),
            Some(_) => "公用经费合计".to_string(),
            None => text::clean_label(&label),
        };
        rows.push(Row {
            code,
            label,
            role,
            panel: None,
            line_no: None,
            cells: vec![(
                "basic",
                Cell {
                    raw: value.0,
                    value: value.1,
                    loc: line.loc.clone(),
                    grid: None,
                },
            )],
            loc: line.loc.clone(),
            grid_row: None,
        });
    }
    if !economic_adds_up(&rows) {
        return None;
    }
    let columns = vec![Column {
        key: "basic",
        label: "决算数".to_string(),
    }];
    Some((columns, rows))
}

/// Each 类 = Σ its 款, 人员经费合计 = 301 + 303, 公用经费合计 = the other 类, within rounding.
fn economic_adds_up(rows: &[Row]) -> bool {
    let v = |r: &Row| -> Option<(Decimal, Decimal)> {
        r.cells
            .first()
            .and_then(|(_, c)| c.num())
            .map(|n| (n.value, n.half_unit))
    };
    let fits = |stated: (Decimal, Decimal), parts: &[(Decimal, Decimal)]| {
        let sum: Decimal = parts.iter().map(|p| p.0).sum();
        let tol: Decimal = stated.1 + parts.iter().map(|p| p.1).sum::<Decimal>();
        (stated.0 - sum).abs() <= tol
    };
    let classes: Vec<&Row> = rows
        .iter()
        .filter(|r| r.code.as_ref().is_some_and(|c| c.len() == 3))
        .collect();
    for c in &classes {
        let code = c.code.as_deref().unwrap_or_default();
        let kids: Vec<(Decimal, Decimal)> = rows
            .iter()
            .filter(|r| {
                r.code
                    .as_ref()
                    .is_some_and(|k| k.len() == 5 && k.starts_with(code))
            })
            .filter_map(v)
            .collect();
        if kids.is_empty() {
            continue;
        }
        match v(c) {
            Some(cv) if fits(cv, &kids) => {}
            _ => return false,
        }
    }
    for (role, personnel) in [("personnel_total", true), ("public_total", false)] {
        let Some(total) = rows.iter().find(|r| r.role == Some(role)).and_then(v) else {
            continue;
        };
        let parts: Vec<(Decimal, Decimal)> = classes
            .iter()
            .filter(|c| matches!(c.code.as_deref(), Some("301" | "303")) == personnel)
            .filter_map(|c| v(c))
            .collect();
        if !fits(total, &parts) {
            return false;
        }
    }
    true
}
