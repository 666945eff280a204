//! PERF-BALANCE — perf-balance-mismatch (P-2).

use super::shared::{funds_loc, need_projects, project_names, show};
use crate::finding::{Arg, Finding, Role};
use crate::model::Num;
use crate::recognise::perf::{FundsRow, PerfProject};
use crate::rules::util::severity_of;
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::tolerance::{compare_sum, le_within};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "PERF-BALANCE",
    name: "perf-balance-mismatch",
    family: "perf",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["P-2"],
    title_zh: "绩效自评资金结余或合计与分项不符",
    title_en: "Performance funds: balance or total does not add up",
    messages: &[
        (
            "",
            "{project}自评表“{row}”行：资金结余 {stated} {unit}，但全年预算数 {budget} {unit} − 全年执行数 {executed} {unit} = {computed} {unit}，相差 {diff} {unit}{blank}。",
            "{project}, table row “{row}”: the balance is {stated} {unit}, but budget {budget} {unit} − executed {executed} {unit} = {computed} {unit}; the difference is {diff} {unit}{blank}.",
        ),
        (
            "rounding",
            "{project}自评表“{row}”行：资金结余 {stated} {unit} 与全年预算数 {budget} {unit} − 全年执行数 {executed} {unit} = {computed} {unit} 相差 {diff} {unit}，属尾数误差。",
            "{project}, table row “{row}”: the balance {stated} {unit} and budget {budget} {unit} − executed {executed} {unit} = {computed} {unit} differ by {diff} {unit}, a rounding residual.",
        ),
        (
            "sources",
            "{project}自评表“{column}”列：{row} {stated} {unit}，但各资金来源之和 {parts} = {computed} {unit}，相差 {diff} {unit}{blank}。",
            "{project}, column “{column}”: {row} is {stated} {unit}, but the funding sources add up to {parts} = {computed} {unit}; the difference is {diff} {unit}{blank}.",
        ),
        (
            "sources_rounding",
            "{project}自评表“{column}”列：{row} {stated} {unit} 与各资金来源之和 {parts} = {computed} {unit} 相差 {diff} {unit}，属尾数误差。",
            "{project}, column “{column}”: {row} {stated} {unit} and the funding sources {parts} = {computed} {unit} differ by {diff} {unit}, a rounding residual.",
        ),
        (
            "part",
            "{project}自评表“{column}”列：{part_row} {computed} {unit} 大于 {row} {stated} {unit}，相差 {diff} {unit}。",
            "{project}, column “{column}”: {part_row} {computed} {unit} exceeds {row} {stated} {unit} by {diff} {unit}.",
        ),
    ],
    zh: RuleDoc {
        what: "绩效自评表“预算执行情况”中，每一行的资金结（转）余应等于全年预算数减全年执行数；合计行的每一列应等于各资金来源行之和。",
        why: "结余和合计由表内其他数字决定。对不上说明至少有一个数字填错，读者无法判断项目还剩多少钱、钱从哪里来。",
        example: "全年预算数 600,000 元、全年执行数 134,392 元，结余应为 465,608 元，表中写 0 即不符。合计 600,000 元而市县区财政资金 500,000 元、其他来源空白，也不符。",
        tolerance: "元表精确到元：整数元的数字各按 ±0.5 元计入舍入，只差舍入的列为提示；超出即为错误。万元表同理按所印位数。",
        not_applicable: "表中没有结余列、没有合计行或没有资金来源行，或在无单元格边界的文本中无法确定数值所属列时不核对。只列一个“其中：”来源时只核对它不大于合计。",
    },
    en: RuleDoc {
        what: "In the budget-execution block of a performance self-evaluation, each row's balance must equal full-year budget − amount executed, and each column of the total row must equal the sum of the funding-source rows.",
        why: "The balance and the total follow from the other figures. A mismatch means at least one figure is wrong: readers cannot tell how much money is left or where it came from.",
        example: "Budget 600,000 yuan and 134,392 executed leave 465,608; a balance of 0 is wrong. A total of 600,000 with city funds of 500,000 and no other source is wrong too.",
        tolerance: "Whole-yuan figures count ±0.5 yuan of rounding each; a rounding-only difference is a note, anything larger an error. Tables in 10k yuan likewise at their printed digits.",
        not_applicable: "Skipped when there is no balance column, no total row or no source rows, or when a text layer without cell boundaries leaves it unclear which column a value belongs to. A single “of which” source is only checked not to exceed the total.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(projects) = need_projects(ctx, r) else {
        return;
    };
    for p in projects {
        if p.funds.is_empty() {
            continue;
        }
        check_balances(p, ctx);
        check_sources(p, ctx);
    }
}

fn neg(n: Num) -> Num {
    Num {
        value: -n.value,
        half_unit: n.half_unit,
    }
}

fn blank_note(blank: bool) -> (&'static str, &'static str) {
    if blank {
        ("（空白按 0 计）", " (blank cells count as 0)")
    } else {
        ("", "")
    }
}

fn check_balances(p: &PerfProject, ctx: &mut Ctx) {
    let (pz, pe) = project_names(p);
    if !p.funds_columns.iter().any(|c| c.key == "balance") {
        ctx.na(
            format!("{pz}的自评表未列资金结余"),
            format!("{pe}'s table has no balance column"),
        );
        return;
    }
    for row in &p.funds {
        let Some(bal) = row.cell("balance") else {
            continue;
        };
        if row.ambiguous {
            ctx.na(
                format!("{pz}“{}”行的数值无法确定所属列", row.label),
                format!(
                    "{pe}, row “{}”: values cannot be placed in columns",
                    row.label
                ),
            );
            continue;
        }
        let b = row.cell("annual_budget").and_then(|v| v.arith());
        let e = row.cell("executed").and_then(|v| v.arith());
        let (Some(s), Some(b), Some(e)) = (bal.arith(), b, e) else {
            ctx.na(
                format!("{pz}“{}”行缺少结余、全年预算数或全年执行数", row.label),
                format!(
                    "{pe}, row “{}”: balance, budget or amount executed is missing",
                    row.label
                ),
            );
            continue;
        };
        let c = compare_sum(s, &[b, neg(e)]);
        let Some((sev, variant)) = severity_of(c.outcome, RULE.certainty) else {
            ctx.pass();
            continue;
        };
        let variant = if variant == "rounding" {
            "rounding"
        } else {
            ""
        };
        let blank = [
            bal,
            row.cell("annual_budget").unwrap(),
            row.cell("executed").unwrap(),
        ]
        .iter()
        .any(|v| v.blank);
        let (bz, be) = blank_note(blank);
        let mut f = Finding::new(RULE.code, sev)
            .variant(variant)
            .both("project", pz.clone(), pe.clone())
            .text("row", row.label.clone())
            .text("stated", show(s.value))
            .text("budget", show(b.value))
            .text("executed", show(e.value))
            .text("computed", show(c.computed))
            .text("diff", show(c.difference().abs()))
            .arg("unit", Arg::Unit(p.money_unit()))
            .both("blank", bz, be)
            .numbers(c.stated, c.computed, c.band);
        for (k, role) in [
            ("balance", Role::Stated),
            ("annual_budget", Role::Component),
            ("executed", Role::Component),
        ] {
            if let Some(l) = funds_loc(role, p, row, k) {
                f = f.at(l);
            }
        }
        ctx.report(f);
    }
}

const AMOUNT_KEYS: &[&str] = &[
    "initial_declared",
    "initial_compiled",
    "initial",
    "annual_budget",
    "executed",
    "balance",
];

fn check_sources(p: &PerfProject, ctx: &mut Ctx) {
    let (pz, pe) = project_names(p);
    let total = p.funds.iter().find(|r| r.role == "total");
    let sources: Vec<&FundsRow> = p.sources().collect();
    let Some(total) = total else {
        ctx.na(
            format!("{pz}的自评表没有合计行"),
            format!("{pe}'s table has no total row"),
        );
        return;
    };
    if sources.is_empty() {
        ctx.na(
            format!("{pz}的自评表没有资金来源行"),
            format!("{pe}'s table has no funding-source rows"),
        );
        return;
    }
    if !p.funds_complete {
        ctx.na(
            format!("{pz}的预算执行情况表未能读完整"),
            format!("{pe}: the budget-execution block could not be read to its end"),
        );
        return;
    }
    if total.ambiguous || sources.iter().any(|r| r.ambiguous) {
        ctx.na(
            format!("{pz}的资金来源行数值无法确定所属列"),
            format!("{pe}: the funding-source values cannot be placed in columns"),
        );
        return;
    }
    // "财政资金, 其中：中央…" nests a part under a source: the rows are no breakdown. (The
    // central 自评表 lists all sources under one leading "其中：", which is one.)
    let nested = sources
        .iter()
        .skip(1)
        .any(|r| text_starts_with_of_which(&r.label))
        && !text_starts_with_of_which(&sources[0].label);
    if nested {
        ctx.na(
            format!("{pz}的资金来源行含嵌套的“其中”项"),
            format!("{pe}: the funding-source rows nest “of which” items"),
        );
        return;
    }
    // a lone "其中：…" row is a part, not a complete breakdown
    let partial = sources.len() == 1 && text_starts_with_of_which(&sources[0].label);
    for key in AMOUNT_KEYS {
        let Some(tv) = total.cell(key) else { continue };
        let Some(t) = tv.arith() else { continue };
        let mut parts = Vec::new();
        for s in &sources {
            match s.cell(key).and_then(|v| v.arith().map(|n| (s, n))) {
                Some(x) => parts.push(x),
                None => {
                    if s.cell(key).is_some_and(|v| v.dash) {
                        continue;
                    }
                }
            }
        }
        if parts.is_empty() {
            continue;
        }
        let column = p
            .funds_columns
            .iter()
            .find(|c| c.key == *key)
            .map(|c| c.label.clone())
            .unwrap_or_default();
        if partial {
            let (row, n) = parts[0];
            if le_within(n, t) {
                ctx.pass();
            } else {
                let f = Finding::new(RULE.code, crate::finding::Severity::Error)
                    .variant("part")
                    .both("project", pz.clone(), pe.clone())
                    .text("column", column)
                    .text("row", total.label.clone())
                    .text("part_row", row.label.clone())
                    .text("stated", show(t.value))
                    .text("computed", show(n.value))
                    .text("diff", show((n.value - t.value).abs()))
                    .arg("unit", Arg::Unit(p.money_unit()))
                    .numbers(t.value, n.value, t.half_unit + n.half_unit);
                let f = with_locs(f, p, total, &[row], key);
                ctx.report(f);
            }
            continue;
        }
        let nums: Vec<Num> = parts.iter().map(|x| x.1).collect();
        let c = compare_sum(t, &nums);
        let Some((sev, variant)) = severity_of(c.outcome, RULE.certainty) else {
            ctx.pass();
            continue;
        };
        let variant = if variant == "rounding" {
            "sources_rounding"
        } else {
            "sources"
        };
        let blank = tv.blank
            || parts
                .iter()
                .any(|(s, _)| s.cell(key).is_some_and(|v| v.blank));
        let (bz, be) = blank_note(blank);
        let names = parts
            .iter()
            .map(|(s, n)| format!("{} {}", s.label, show(n.value)))
            .collect::<Vec<_>>()
            .join(" + ");
        let f = Finding::new(RULE.code, sev)
            .variant(variant)
            .both("project", pz.clone(), pe.clone())
            .text("column", column)
            .text("row", total.label.clone())
            .text("stated", show(t.value))
            .text("parts", names)
            .text("computed", show(c.computed))
            .text("diff", show(c.difference().abs()))
            .arg("unit", Arg::Unit(p.money_unit()))
            .both("blank", bz, be)
            .numbers(c.stated, c.computed, c.band);
        let rows: Vec<&FundsRow> = parts.iter().map(|x| *x.0).collect();
        let f = with_locs(f, p, total, &rows, key);
        ctx.report(f);
    }
}

fn with_locs(
    mut f: Finding,
    p: &PerfProject,
    total: &FundsRow,
    rows: &[&FundsRow],
    key: &str,
) -> Finding {
    if let Some(l) = funds_loc(Role::Stated, p, total, key) {
        f = f.at(l);
    }
    for r in rows {
        if let Some(l) = funds_loc(Role::Component, p, r, key) {
            f = f.at(l);
        }
    }
    f
}

fn text_starts_with_of_which(label: &str) -> bool {
    crate::text::key(label).starts_with("其中")
}
