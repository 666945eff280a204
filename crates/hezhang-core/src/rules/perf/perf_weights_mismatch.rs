//! PERF-WEIGHTS — perf-weights-mismatch (P-3).

use rust_decimal::Decimal;

use super::shared::{funds_loc, indicator_loc, need_projects, project_names, show, value_loc};
use crate::finding::{Finding, Role, Severity};
use crate::recognise::perf::PerfProject;
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "PERF-WEIGHTS",
    name: "perf-weights-mismatch",
    family: "perf",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["P-3"],
    title_zh: "绩效指标权重与执行率分值之和不等于总分",
    title_en: "Indicator weights plus the execution-rate weight do not make the total",
    messages: &[
        (
            "",
            "{project}：指标权重合计 {weights} 分 + 预算执行率分值 {exec} 分 = {sum} 分，应为总分 {total} 分，相差 {diff} 分。",
            "{project}: indicator weights {weights} + execution-rate weight {exec} = {sum} points, but the total should be {total}; the difference is {diff}.",
        ),
        (
            "over",
            "{project}：指标权重合计 {weights} 分，超过总分 {total} 分 {diff} 分。",
            "{project}: the indicator weights add up to {weights} points, {diff} more than the total of {total}.",
        ),
        (
            "score_over",
            "{project}：指标权重合计 {weights} 分，总分 {total} 分只余 {left} 分给预算执行率，但执行率得分为 {score} 分，多出 {diff} 分。",
            "{project}: the indicator weights add up to {weights} points, leaving {left} of the total {total} for budget execution, yet the execution score is {score}, {diff} more.",
        ),
    ],
    zh: RuleDoc {
        what: "绩效自评表中各项绩效指标的权重（分值）之和，加上预算执行率的分值，应等于总分（默认 100 分，可在配置中调整；表中印有“总分”行时以其分值为准）。表中未单列执行率分值时，总分减去指标权重合计即为执行率可得的最高分，执行率得分不应超过它。",
        why: "权重之和不等于总分，说明有指标漏列、重复或分值填错，总得分和等级因此失真。",
        example: "三个项目都是产出 50 分 + 效益 30 分 + 满意度 10 分 = 90 分，加执行率 10 分共 100 分，相符。若指标权重合计 95 分而执行率得分 10 分，则总分可达 105 分，不符。",
        tolerance: "分值是规定的整数或小数，不存在舍入，必须精确相等。",
        not_applicable: "没有绩效指标表、有指标未列权重，或表中既无执行率分值也无执行率得分时不核对。",
    },
    en: RuleDoc {
        what: "In a performance self-evaluation, the weights of all indicators plus the weight of the budget-execution rate must equal the total (100 by default, configurable; a printed total row takes precedence). When the execution weight is not printed, the total minus the indicator weights is the most the execution score can be.",
        why: "Weights that do not make the total mean an indicator is missing, doubled or mis-weighted, which distorts the total score and the grade.",
        example: "All three Jincheng projects weigh outputs 50 + outcomes 30 + satisfaction 10 = 90, plus 10 for execution = 100: consistent. Indicator weights of 95 with an execution score of 10 would allow 105 points.",
        tolerance: "Weights are set numbers, not rounded: they must add up exactly.",
        not_applicable: "Skipped without an indicator table, when an indicator has no weight, or when neither an execution weight nor an execution score is printed.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(projects) = need_projects(ctx, r) else {
        return;
    };
    for p in projects {
        check_project(p, ctx);
    }
}

fn weight_locs(mut f: Finding, p: &PerfProject) -> Finding {
    for i in &p.indicators {
        if let Some(l) = indicator_loc(Role::Component, p, i, "weight") {
            f = f.at(l);
        }
    }
    f
}

fn check_project(p: &PerfProject, ctx: &mut Ctx) {
    let (pz, pe) = project_names(p);
    if p.indicators.is_empty() {
        ctx.na(
            format!("{pz}没有绩效指标表"),
            format!("{pe} has no indicator table"),
        );
        return;
    }
    let Some((w, _)) = p.indicator_sums() else {
        ctx.na(
            format!("{pz}有指标未列权重或得分"),
            format!("{pe}: an indicator has no weight or score"),
        );
        return;
    };
    let printed_total = p
        .indicator_total
        .as_ref()
        .and_then(|t| t.weight.as_ref())
        .and_then(|v| v.num.map(|n| (v, n.value)));
    let total = printed_total.map_or(ctx.config.perf_total_weight, |t| t.1);
    let total_loc = |f: Finding| -> Finding {
        match (&p.indicator_total, printed_total) {
            (Some(t), Some((v, _))) => f.at(value_loc(Role::Stated, p, &t.label, "分值", v)),
            _ => f,
        }
    };
    let base = |variant: &'static str| {
        Finding::new(RULE.code, Severity::Error)
            .variant(variant)
            .both("project", pz.clone(), pe.clone())
            .text("weights", show(w))
            .text("total", show(total))
    };
    if let Some(ev) = p.exec_weight() {
        let e = ev.num.expect("filtered").value;
        let sum = w + e;
        if sum == total || (w == total && super::shared::exec_in_indicators(p)) {
            ctx.pass();
            return;
        }
        let mut f = base("")
            .text("exec", show(e))
            .text("sum", show(sum))
            .text("diff", show((sum - total).abs()))
            .numbers(sum, total, Decimal::ZERO);
        if let Some(t) = p.total_row() {
            if let Some(l) = funds_loc(Role::Stated, p, t, "weight") {
                f = f.at(l);
            }
        }
        f = total_loc(weight_locs(f, p));
        ctx.report(f);
        return;
    }
    let left = total - w;
    if left < Decimal::ZERO {
        let f = base("over")
            .text("diff", show(-left))
            .numbers(w, total, Decimal::ZERO);
        ctx.report(total_loc(weight_locs(f, p)));
        return;
    }
    if left.is_zero() && super::shared::exec_in_indicators(p) {
        ctx.pass();
        return;
    }
    let Some(sv) = p.exec_score() else {
        ctx.na(
            format!("{pz}未列预算执行率分值或得分"),
            format!("{pe} prints neither an execution weight nor an execution score"),
        );
        return;
    };
    let s = sv.num.expect("filtered").value;
    if s <= left {
        ctx.pass();
        return;
    }
    let mut f = base("score_over")
        .text("left", show(left))
        .text("score", sv.raw.clone())
        .text("diff", show(s - left))
        .numbers(w + s, total, Decimal::ZERO);
    if let Some(t) = p.total_row() {
        if let Some(l) = funds_loc(Role::Stated, p, t, "score") {
            f = f.at(l);
        }
    }
    ctx.report(total_loc(weight_locs(f, p)));
}
