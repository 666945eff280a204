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
        let row = self.row.display();
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
        "{table}：{stated_name} {stated} {unit}，但 {parts} = {computed} {unit}，相差 {diff} {unit}。{blank}",
        "{table}: {stated_name} is {stated} {unit}, but {parts} = {computed} {unit}; the difference is {diff} {unit}.{blank}",
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

fn join_parts(parts: &[(String, Decimal)]) -> String {
    parts
        .iter()
        .map(|(n, v)| format!("{n} {}", crate::i18n::thousands(*v)))
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
        .text("parts", join_parts(&named))
        .amount("computed", c.computed)
        .amount("diff", c.difference().abs())
        .arg("unit", Arg::Unit(unit))
        .both(
            "blank",
            if blank { "（空白按 0 计）" } else { "" },
            if blank {
                " (Blank cells count as 0.)"
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
