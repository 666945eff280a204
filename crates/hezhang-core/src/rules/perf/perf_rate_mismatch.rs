//! PERF-RATE — perf-rate-mismatch (P-1).

use rust_decimal::Decimal;

use super::shared::{funds_loc, mention_loc, need_projects, pct2, project_names, show};
use crate::finding::{Finding, Location, Role, Severity};
use crate::model::Num;
use crate::recognise::perf::PerfProject;
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::tolerance::{check_percent, PercentOutcome};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "PERF-RATE",
    name: "perf-rate-mismatch",
    family: "perf",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["P-1"],
    title_zh: "绩效自评执行率与执行数、预算数不符",
    title_en: "Performance execution rate does not equal executed ÷ budget",
    messages: &[
        (
            "",
            "{project}{place}执行率 {stated}，但全年执行 {executed} ÷ 全年预算 {budget} = {computed}%，相差 {diff} 个百分点。",
            "{project}, {place_en}: the execution rate is {stated}, but {executed} executed ÷ {budget} budgeted = {computed}%, {diff} percentage points apart.",
        ),
        (
            "truncated",
            "{project}{place}执行率 {stated} 与全年执行 {executed} ÷ 全年预算 {budget} = {computed}% 相比，疑为截尾而非四舍五入。",
            "{project}, {place_en}: the execution rate {stated} against {executed} ÷ {budget} = {computed}% looks truncated rather than rounded.",
        ),
        (
            "zero",
            "{project}{place}全年预算数与执行数均为 0，执行率 {stated} 无实际意义，宜表述为“未安排预算、无执行”。",
            "{project}, {place_en}: budget and amount executed are both 0, so the rate {stated} means nothing; “no budget, nothing executed” says it plainly.",
        ),
        (
            "undefined",
            "{project}{place}全年预算数为 0，全年执行 {executed}，执行率 {stated} 无法按执行数 ÷ 预算数计算。",
            "{project}, {place_en}: the full-year budget is 0 while {executed} was executed, so the rate {stated} cannot be executed ÷ budget.",
        ),
    ],
    zh: RuleDoc {
        what: "绩效自评表“预算执行情况”中的执行率应等于全年执行数 ÷ 全年预算数 × 100；项目文字所述的预算执行率也应等于文字所述的全年执行资金 ÷ 全年预算资金。",
        why: "执行率是预算执行得分的依据。执行率与金额对不上，得分和等级就失去依据。",
        example: "全年预算数 100,000 元、全年执行数 80,000 元，执行率应为 80；表中写 100 即不符。文字“全年预算资金 60 万元，全年执行资金 13.44 万元，预算执行率 22.4%”自身一致。",
        tolerance: "按区间判断：金额按所印精度（整数元为 ±0.5 元，13.44 万元为 ±50 元）算出比值的可能范围，执行率按所印位数（100 即 99.5 至 100.5）比较；只有截尾才能解释时列为提示。",
        not_applicable: "表中没有执行率、或缺少全年预算数或全年执行数时不核对；预算与执行均为 0 时只提示执行率无意义。",
    },
    en: RuleDoc {
        what: "In the budget-execution block of a performance self-evaluation, the execution rate must equal amount executed ÷ full-year budget × 100; a rate stated in the project's text must equal the text's own amounts likewise.",
        why: "The execution rate is what the execution score rests on. A rate that does not follow from the amounts leaves the score and grade without a basis.",
        example: "Budget 100,000 yuan and 80,000 executed give a rate of 80; a table printing 100 is wrong. The text “budget 60 (10k yuan), executed 13.44 (10k yuan), rate 22.4%” is consistent.",
        tolerance: "Judged as an interval: the amounts at their printed precision (±0.5 yuan for whole yuan, ±50 yuan for 13.44 in 10k yuan) give a range for the ratio, and the rate is compared at its printed digits (100 means 99.5–100.5). A rate explained only by truncation is a note.",
        not_applicable: "Skipped when no rate is printed, or the budget or the amount executed is missing. When budget and amount executed are both 0 the rule only notes that the rate means nothing.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(projects) = need_projects(ctx, r) else {
        return;
    };
    for p in projects {
        check_table(p, ctx);
        check_text(p, ctx);
    }
}

struct Case {
    executed: Num,
    budget: Num,
    rate: Decimal,
    decimals: u32,
    stated_raw: String,
    executed_raw: (String, String),
    budget_raw: (String, String),
}

/// Judge one rate; `None` = passed.
fn judge(c: &Case) -> Option<(Severity, &'static str, Option<Decimal>)> {
    let (o, computed) = check_percent(c.executed, c.budget, c.rate, c.decimals);
    match o {
        PercentOutcome::Pass => None,
        PercentOutcome::Truncated => Some((Severity::Info, "truncated", computed)),
        PercentOutcome::Mismatch => Some((Severity::Error, "", computed)),
        PercentOutcome::Undefined => {
            if c.executed.value - c.executed.half_unit <= Decimal::ZERO {
                Some((Severity::Warning, "zero", None))
            } else {
                Some((Severity::Error, "undefined", None))
            }
        }
    }
}

fn finding(
    p: &PerfProject,
    c: &Case,
    verdict: (Severity, &'static str, Option<Decimal>),
    place: (&str, &str),
) -> Finding {
    let (pz, pe) = project_names(p);
    let (sev, variant, computed) = verdict;
    let mut f = Finding::new(RULE.code, sev)
        .variant(variant)
        .both("project", pz, pe)
        .text("place", place.0)
        .text("place_en", place.1)
        .text("stated", c.stated_raw.clone())
        .both(
            "executed",
            c.executed_raw.0.clone(),
            c.executed_raw.1.clone(),
        )
        .both("budget", c.budget_raw.0.clone(), c.budget_raw.1.clone());
    if let Some(comp) = computed {
        f = f
            .text("computed", pct2(comp))
            .text("diff", pct2((c.rate - comp).abs()))
            .numbers(c.rate, comp.round_dp(2), Decimal::new(5, c.decimals + 1));
    }
    f
}

fn amount(n: Num, unit: crate::model::Unit) -> (String, String) {
    (
        format!("{} {}", show(n.value), unit.zh()),
        format!("{} {}", show(n.value), unit.en()),
    )
}

fn check_table(p: &PerfProject, ctx: &mut Ctx) {
    let (pz, pe) = project_names(p);
    let mut any = false;
    for row in &p.funds {
        let Some(rv) = row.cell("rate").filter(|v| v.num.is_some()) else {
            continue;
        };
        any = true;
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
        let (Some(budget), Some(executed)) = (b, e) else {
            ctx.na(
                format!("{pz}“{}”行缺少全年预算数或全年执行数", row.label),
                format!(
                    "{pe}, row “{}”: the full-year budget or the amount executed is missing",
                    row.label
                ),
            );
            continue;
        };
        let n = rv.num.expect("filtered");
        let c = Case {
            executed,
            budget,
            rate: n.value,
            decimals: n.value.scale(),
            stated_raw: rv.raw.clone(),
            executed_raw: amount(executed, p.money_unit()),
            budget_raw: amount(budget, p.money_unit()),
        };
        let Some(v) = judge(&c) else {
            ctx.pass();
            continue;
        };
        let place = (
            format!("自评表“{}”行", row.label),
            format!("table row “{}”", row.label),
        );
        let mut f = finding(p, &c, v, (&place.0, &place.1));
        for (k, role) in [
            ("rate", Role::Stated),
            ("executed", Role::Component),
            ("annual_budget", Role::Component),
        ] {
            if let Some(l) = funds_loc(role, p, row, k) {
                f = f.at(l);
            }
        }
        ctx.report(f);
    }
    if !any && !p.funds.is_empty() {
        ctx.na(
            format!("{pz}的自评表未列执行率"),
            format!("{pe}'s table prints no execution rate"),
        );
    }
}

fn check_text(p: &PerfProject, ctx: &mut Ctx) {
    let Some(ex) = &p.execution else {
        return;
    };
    let Some(rate) = &ex.rate else {
        return;
    };
    let (pz, pe) = project_names(p);
    let (Some(b), Some(e)) = (&ex.budget, &ex.executed) else {
        ctx.na(
            format!("{pz}的文字给出执行率，但未同时给出全年预算和执行金额"),
            format!("{pe}'s text states a rate without both the budget and the amount executed"),
        );
        return;
    };
    let c = Case {
        executed: e.num,
        budget: b.num,
        rate: rate.num.value,
        decimals: rate.decimals,
        stated_raw: rate.raw.clone(),
        executed_raw: (e.raw.clone(), e.raw.clone()),
        budget_raw: (b.raw.clone(), b.raw.clone()),
    };
    let Some(v) = judge(&c) else {
        ctx.pass();
        return;
    };
    if super::perf_table_text_mismatch::text_disagrees(p) {
        // the text contradicts the table: PERF-TEXT reports that one root cause
        ctx.na(
            format!("{pz}的文字与自评表不一致，已由 PERF-TEXT 报告"),
            format!("{pe}'s text contradicts its table, reported by PERF-TEXT"),
        );
        return;
    }
    let mut f = finding(p, &c, v, ("文字所述", "in the text"));
    let locs: Vec<Location> = vec![
        mention_loc(Role::Stated, &ex.text, &ex.loc, rate),
        mention_loc(Role::Component, &ex.text, &ex.loc, e),
        mention_loc(Role::Component, &ex.text, &ex.loc, b),
    ];
    f = f.at_all(locs);
    ctx.report(f);
}
