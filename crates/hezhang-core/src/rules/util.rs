//! Shared machinery for rules: addressing cells, sum identities with the tolerance policy,
//! same-figure comparisons, part ≤ whole relations.

use rust_decimal::Decimal;

use super::{Certainty, Ctx, Message};
use crate::finding::{Arg, Finding, Location, Role, Severity};
use crate::model::{Cell, Num, Report, Row, Slot, Table};
use crate::tolerance::{compare_sum, Comparison, Outcome};

/// One cell addressed by table, row and canonical column.
#[derive(Clone, Copy)]
pub struct Term<'a> {
    pub table: &'a Table,
    pub row: &'a Row,
    pub col: &'static str,
}

impl<'a> Term<'a> {
    pub fn new(table: &'a Table, row: &'a Row, col: &'static str) -> Self {
        Term { table, row, col }
    }
    pub fn cell(&self) -> Option<&'a Cell> {
        self.row.cell(self.col)
    }
    /// The number for arithmetic (blank = exact 0); `None` for `——`, text or a missing column.
    pub fn num(&self) -> Option<Num> {
        self.cell().and_then(|c| c.num())
    }
    pub fn is_blank(&self) -> bool {
        self.cell().is_none_or(|c| c.is_blank())
    }
    pub fn location(&self, role: Role) -> Option<Location> {
        self.cell()
            .map(|c| Location::cell(role, self.table, self.row, self.col, c))
    }
    /// "合计" or "201 一般公共服务支出 基本支出" — row, plus column when the table has several.
    pub fn name(&self) -> String {
        let row = match self.row.panel {
            Some("income") => format!("收入方{}", self.row.display()),
            Some("expenditure") => format!("支出方{}", self.row.display()),
            _ => self.row.display(),
        };
        if self.table.columns.len() > 1 {
            format!("{row}（{}）", self.table.column_label(self.col))
        } else {
            row
        }
    }
}

/// Shared message templates for sum identities. Arguments: `table`, `stated_name`, `stated`,
/// `parts`, `computed`, `diff`, `unit`, `blank` (the 空白按 0 计 note or empty).
pub const SUM_MESSAGES: &[Message] = &[
    (
        "",
        "{table}：{stated_name} {stated} {unit}，但 {parts} = {computed} {unit}，相差 {diff} {unit}{blank}。",
        "{table}: {stated_name} is {stated} {unit}, but {parts} = {computed} {unit}; the difference is {diff} {unit}{blank}.",
    ),
    (
        "rounding",
        "{table}：{stated_name} {stated} {unit} 与 {parts} = {computed} {unit} 相差 {diff} {unit}，属尾数误差。",
        "{table}: {stated_name} {stated} {unit} and {parts} = {computed} {unit} differ by {diff} {unit}, a rounding residual.",
    ),
    (
        "unusual",
        "{table}：{stated_name} {stated} {unit} 与 {parts} = {computed} {unit} 相差 {diff} {unit}，超出常见尾数误差，但仍可能为舍入。",
        "{table}: {stated_name} {stated} {unit} and {parts} = {computed} {unit} differ by {diff} {unit}; more than the usual rounding residual, though rounding is still possible.",
    ),
];

/// Table name for messages: "公开10表 部门决算公开相关信息统计表" or the title.
pub fn table_name(t: &Table) -> (String, String) {
    let zh = match &t.label {
        Some(l) => format!("{l}《{}》", t.title),
        None => format!("《{}》", t.title),
    };
    let en = t
        .slot
        .map(|s| s.title_en().to_string())
        .unwrap_or_else(|| t.title.clone());
    (zh, en)
}

fn join_parts(parts: &[(String, Decimal)], scale: u32) -> String {
    parts
        .iter()
        .map(|(n, v)| {
            let mut v = *v;
            if v.scale() < scale {
                v.rescale(scale);
            }
            format!("{n} {}", crate::i18n::thousands(v))
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Severity of a comparison outcome under a rule's certainty; `None` = pass.
pub fn severity_of(outcome: Outcome, certainty: Certainty) -> Option<(Severity, &'static str)> {
    match outcome {
        Outcome::Pass => None,
        Outcome::Rounding => Some((Severity::Info, "rounding")),
        Outcome::Unusual => Some((Severity::Warning, "unusual")),
        Outcome::Mismatch => Some((
            match certainty {
                Certainty::Certain => Severity::Error,
                Certainty::Customary => Severity::Warning,
            },
            "",
        )),
    }
}

/// Check `stated = Σ parts`. Counts one check; not applicable when a cell is missing.
/// Returns the comparison when it ran.
pub fn sum_identity(
    ctx: &mut Ctx,
    certainty: Certainty,
    stated: Term,
    parts: &[Term],
) -> Option<Comparison> {
    let Some(s) = stated.num() else {
        if stated.row.is_ambiguous(stated.col) {
            ctx.na(
                format!("{} 无法确定（以空格分隔的文本丢失了空白单元格，请上传 PDF 原件）", stated.name()),
                format!("{} cannot be placed (space-separated text lost the empty cells; upload the PDF)", stated.name()),
            );
            return None;
        }
        ctx.na(
            format!("{} 无数值", stated.name()),
            format!("{} has no value", stated.name()),
        );
        return None;
    };
    let mut nums = Vec::with_capacity(parts.len());
    for p in parts {
        match p.num() {
            Some(n) => nums.push(n),
            None => {
                // `——` cells are excluded (not applicable), missing columns make the check n/a
                if p.cell().is_some() {
                    continue;
                }
                if p.row.is_ambiguous(p.col) {
                    ctx.na(
                        format!("{} 无法确定（以空格分隔的文本丢失了空白单元格，请上传 PDF 原件）", p.name()),
                        format!("{} cannot be placed (space-separated text lost the empty cells; upload the PDF)", p.name()),
                    );
                    return None;
                }
                ctx.na(
                    format!("缺少 {}", p.name()),
                    format!("{} is missing", p.name()),
                );
                return None;
            }
        }
    }
    let c = compare_sum(s, &nums);
    report_comparison(ctx, certainty, c, stated, parts);
    Some(c)
}

/// Turn a comparison into pass or a finding.
pub fn report_comparison(
    ctx: &mut Ctx,
    certainty: Certainty,
    c: Comparison,
    stated: Term,
    parts: &[Term],
) {
    let Some((sev, variant)) = severity_of(c.outcome, certainty) else {
        ctx.pass();
        return;
    };
    let blank = parts.iter().any(|p| p.is_blank()) || stated.is_blank();
    let (tz, te) = table_name(stated.table);
    let named: Vec<(String, Decimal)> = parts
        .iter()
        .filter_map(|p| p.num().map(|n| (p.name(), n.value)))
        .collect();
    let unit = stated.table.unit;
    let mut f = Finding::new(ctx.rule, sev)
        .variant(variant)
        .both("table", tz, te)
        .text("stated_name", stated.name())
        .amount("stated", c.stated)
        .text("parts", join_parts(&named, c.stated.scale()))
        .amount("computed", c.computed)
        .amount("diff", c.difference().abs())
        .arg("unit", Arg::Unit(unit))
        .both(
            "blank",
            if blank { "（空白按 0 计）" } else { "" },
            if blank {
                " (blank cells count as 0)"
            } else {
                ""
            },
        )
        .numbers(c.stated, c.computed, c.band);
    if let Some(l) = stated.location(Role::Stated) {
        f = f.at(l);
    }
    for p in parts {
        if let Some(l) = p.location(Role::Component) {
            f = f.at(l);
        }
    }
    ctx.report(f);
}

/// The table of a slot, or record "not applicable" with the reason.
pub fn need_table<'r>(ctx: &mut Ctx, r: &'r Report, slot: Slot) -> Option<&'r Table> {
    match r.table(slot) {
        Some(t) if t.flat && t.rows.is_empty() => {
            ctx.na(
                format!(
                    "《{}》是以空格分隔的文本（如从 PDF 阅读器复制或 pdftotext 导出），空白单元格已丢失，无法确定各数所属栏目；请上传 PDF 原件或粘贴带制表符的表格",
                    t.title
                ),
                format!(
                    "“{}” came as space-separated text (copied from a PDF viewer or pdftotext): empty cells are lost and amounts cannot be placed in their columns; upload the PDF itself or paste the table with tabs",
                    t.title
                ),
            );
            None
        }
        Some(t) => Some(t),
        None => {
            ctx.na(
                format!("报告中没有《{}》", slot.title_zh()),
                format!("the report has no table “{}”", slot.title_en()),
            );
            None
        }
    }
}

/// A row of a table by role, or record "not applicable".
pub fn need_role<'t>(ctx: &mut Ctx, t: &'t Table, role: &str, zh: &str) -> Option<&'t Row> {
    match t.row_by_role(role) {
        Some(r) => Some(r),
        None => {
            ctx.na(
                format!("《{}》中没有“{}”行", t.title, zh),
                format!("“{}” has no row “{}”", t.title, zh),
            );
            None
        }
    }
}

/// Message templates for one figure printed in two places. Arguments: `a_name`, `a`,
/// `b_name`, `b`, `diff`, `unit`.
pub const SAME_MESSAGES: &[Message] = &[
    (
        "",
        "{a_name} 为 {a} {unit}，而 {b_name} 为 {b} {unit}，两处应为同一数字，相差 {diff} {unit}。",
        "{a_name} is {a} {unit} but {b_name} is {b} {unit}; they should be the same figure and differ by {diff} {unit}.",
    ),
    (
        "rounding",
        "{a_name} {a} {unit} 与 {b_name} {b} {unit} 相差 {diff} {unit}，属尾数误差。",
        "{a_name} {a} {unit} and {b_name} {b} {unit} differ by {diff} {unit}, a rounding residual.",
    ),
    (
        "unusual",
        "{a_name} {a} {unit} 与 {b_name} {b} {unit} 相差 {diff} {unit}，超出常见尾数误差。",
        "{a_name} {a} {unit} and {b_name} {b} {unit} differ by {diff} {unit}, more than the usual rounding residual.",
    ),
];

/// Message templates for a part that exceeds its whole. Arguments: `part_name`, `part`,
/// `whole_name`, `whole`, `diff`, `unit`.
pub const LE_MESSAGES: &[Message] = &[(
    "",
    "{part_name} {part} {unit} 大于 {whole_name} {whole} {unit}，多出 {diff} {unit}；部分通常不应大于整体。",
    "{part_name} {part} {unit} exceeds {whole_name} {whole} {unit} by {diff} {unit}; a part should not normally exceed its whole.",
)];

/// A cell's name with its table: "《支出决算表》合计（基本支出）".
pub fn qualified(t: &Term) -> (String, String) {
    let (zh, en) = table_name(t.table);
    (format!("{zh}{}", t.name()), format!("{en}: {}", t.name()))
}

/// Check that two cells hold the same figure (n = 1 tolerance). Counts one check.
pub fn same_figure(ctx: &mut Ctx, certainty: Certainty, a: Term, b: Term) {
    let (Some(x), Some(y)) = (a.num(), b.num()) else {
        ctx.na(
            format!("{} 或 {} 无数值", a.name(), b.name()),
            format!("{} or {} has no value", a.name(), b.name()),
        );
        return;
    };
    let c = crate::tolerance::compare_same(x, y);
    let Some((sev, variant)) = severity_of(c.outcome, certainty) else {
        ctx.pass();
        return;
    };
    let (az, ae) = qualified(&a);
    let (bz, be) = qualified(&b);
    let mut f = Finding::new(ctx.rule, sev)
        .variant(variant)
        .both("a_name", az, ae)
        .amount("a", x.value)
        .both("b_name", bz, be)
        .amount("b", y.value)
        .amount("diff", (x.value - y.value).abs())
        .arg("unit", Arg::Unit(a.table.unit))
        .numbers(x.value, y.value, c.band);
    f = f
        .at_all(a.location(Role::Stated))
        .at_all(b.location(Role::Component));
    ctx.report(f);
}

/// Check part ≤ whole allowing for rounding. `parts` are added up. Counts one check.
pub fn part_le_whole(ctx: &mut Ctx, certainty: Certainty, parts: &[Term], whole: Term) {
    let mut sum = Num::exact(Decimal::ZERO);
    for p in parts {
        match p.num() {
            Some(n) => {
                sum.value += n.value;
                sum.half_unit += n.half_unit;
            }
            None if p.cell().is_some() => {}
            None => {
                ctx.na(
                    format!("缺少 {}", p.name()),
                    format!("{} is missing", p.name()),
                );
                return;
            }
        }
    }
    let Some(w) = whole.num() else {
        ctx.na(
            format!("{} 无数值", whole.name()),
            format!("{} has no value", whole.name()),
        );
        return;
    };
    if crate::tolerance::le_within(sum, w) {
        ctx.pass();
        return;
    }
    let sev = match certainty {
        Certainty::Certain => Severity::Error,
        Certainty::Customary => Severity::Warning,
    };
    let names: Vec<String> = parts.iter().map(|p| qualified(p).0).collect();
    let names_en: Vec<String> = parts.iter().map(|p| qualified(p).1).collect();
    let (wz, we) = qualified(&whole);
    let mut f = Finding::new(ctx.rule, sev)
        .both("part_name", names.join(" + "), names_en.join(" + "))
        .amount("part", sum.value)
        .both("whole_name", wz, we)
        .amount("whole", w.value)
        .amount("diff", sum.value - w.value)
        .arg("unit", Arg::Unit(whole.table.unit))
        .numbers(sum.value, w.value, sum.half_unit + w.half_unit);
    for p in parts {
        f = f.at_all(p.location(Role::Stated));
    }
    f = f.at_all(whole.location(Role::Component));
    ctx.report(f);
}

/// Rows of a table whose role is `role` in `panel`.
pub fn role_in<'t>(t: &'t Table, panel: &str, role: &str) -> Option<&'t Row> {
    t.rows
        .iter()
        .find(|r| r.panel == Some(panel) && r.role == Some(role))
}

/// The 类 rows of a coded table by name key (the first of each name), to match category
/// lines by name with one look-up each.
pub fn categories_by_name(t: &Table) -> std::collections::HashMap<String, &Row> {
    let mut m = std::collections::HashMap::new();
    for r in t.coded_rows(3) {
        m.entry(crate::text::key(&r.label)).or_insert(r);
    }
    m
}
