//! PERF-SCORES — perf-scores-mismatch (P-5, P-6).

use rust_decimal::Decimal;

use super::shared::{
    exec_weight, funds_loc, indicator_loc, mention_loc, need_projects, pct2, project_names, show,
    summary, value_loc,
};
use crate::finding::{Finding, Role, Severity};
use crate::model::Num;
use crate::recognise::perf::PerfProject;
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::tolerance::{check_percent, half_unit, PercentOutcome};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "PERF-SCORES",
    name: "perf-scores-mismatch",
    family: "perf",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["P-5", "P-6"],
    title_zh: "绩效自评得分与权重或分项得分不符",
    title_en: "Performance scores do not fit their weights or do not add up",
    messages: &[
        (
            "row",
            "{project}指标“{name}”：得分 {score} 分，不在 0 至权重 {weight} 分之间。",
            "{project}, indicator “{name}”: the score {score} is not between 0 and its weight {weight}.",
        ),
        (
            "exec_row",
            "{project}：预算执行率得分 {score} 分，不在 0 至分值 {weight} 分之间。",
            "{project}: the execution score {score} is not between 0 and its weight {weight}.",
        ),
        (
            "indicator_sum",
            "{project}：文字所述指标完成情况得分 {stated} 分，但指标表各项得分之和为 {computed} 分，相差 {diff} 分。",
            "{project}: the text gives an indicator score of {stated}, but the indicator table's scores add up to {computed}; the difference is {diff}.",
        ),
        (
            "exec_restated",
            "{project}：文字所述预算执行情况得分 {stated} 分，自评表执行率得分为 {computed} 分，相差 {diff} 分。",
            "{project}: the text gives an execution score of {stated}, the table {computed}; the difference is {diff}.",
        ),
        (
            "total",
            "{project}：总得分 {stated} 分，但预算执行情况得分 {exec} 分 + 指标完成情况得分 {ind} 分 = {computed} 分，相差 {diff} 分。",
            "{project}: the total score is {stated}, but execution {exec} + indicators {ind} = {computed}; the difference is {diff}.",
        ),
        (
            "total_row",
            "{project}：自评表总分行得分 {stated} 分，但执行率得分 {exec} 分 + 各指标得分之和 {ind} 分 = {computed} 分，相差 {diff} 分。",
            "{project}: the table's total row scores {stated}, but execution {exec} + indicators {ind} = {computed}; the difference is {diff}.",
        ),
        (
            "formula",
            "{project}：预算执行率得分 {score} 分，按分值 {weight} 分 × 执行率 {rate}（超过 100% 按 100% 计）应约为 {expected} 分。",
            "{project}: the execution score is {score}, while weight {weight} × rate {rate} (capped at 100%) gives about {expected}.",
        ),
        (
            "restated",
            "{project}：情况说明所述总得分 {stated} 分，附件自评为 {computed} 分，相差 {diff} 分。",
            "{project}: the explanatory notes give a total score of {stated}, the appended self-evaluation {computed}; the difference is {diff}.",
        ),
        (
            "average",
            "情况说明所述平均得分 {stated} 分，但所附 {n} 个项目的总得分平均为 {computed} 分，相差 {diff} 分。",
            "The notes give an average score of {stated}, but the {n} appended projects average {computed}; the difference is {diff}.",
        ),
    ],
    zh: RuleDoc {
        what: "绩效自评的得分应自洽：每项指标得分在 0 与其权重之间；文字所述指标完成情况得分等于指标表各项得分之和；总得分等于预算执行情况得分加指标完成情况得分；表中印有总分行时亦然；情况说明转述的项目总得分与附件一致。另按常见算法核对预算执行率得分约等于分值 × 执行率（执行率超过 100% 按 100% 计），此项因各地算法不同只作为需核实。",
        why: "总得分决定评价等级。分项得分加不出总分，或得分超过权重，等级就站不住。",
        example: "指标完成情况得分 74 分、预算执行情况得分 10 分，总得分应为 84 分；各指标得分 0 + 0 + 6 + 6 + 5 + 5 + 5 + 5 + 2 + 15 + 15 + 10 = 74，相符。某指标权重 5 分却得 6 分，即不符。",
        tolerance: "得分按所印数字精确相加；执行率得分的算法核对按得分所印位数的半个单位与执行率所印位数判断。",
        not_applicable: "没有指标表或缺少相应得分时，相应的子项不核对；执行率得分算法核对需要执行率与分值（未印分值时取总分减指标权重）。",
    },
    en: RuleDoc {
        what: "Performance scores must be consistent: each indicator scores between 0 and its weight; the indicator score stated in the text equals the sum of the indicator table; the total equals the execution score plus the indicator score (also for a printed total row); a total restated in the explanatory notes matches the appendix. As a customary check (formulas differ by region), the execution score should be about weight × execution rate, the rate capped at 100%.",
        why: "The total score decides the grade. Scores that do not add up, or exceed their weights, leave the grade without a basis.",
        example: "Indicators 74 + execution 10 must give a total of 84; the Jincheng indicator scores 0 + 0 + 6 + 6 + 5 + 5 + 5 + 5 + 2 + 15 + 15 + 10 add up to 74. An indicator weighing 5 that scores 6 is wrong.",
        tolerance: "Scores add up exactly as printed. The execution-score formula is judged at half a unit of the printed score and the printed digits of the rate.",
        not_applicable: "Each part runs only when its figures are printed; the formula check needs a rate and a weight (when no weight is printed, the total minus the indicator weights).",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(projects) = need_projects(ctx, r) else {
        return;
    };
    for p in projects {
        check_rows(p, ctx);
        check_sums(p, ctx);
        check_formula(p, ctx);
    }
    check_restated(r, projects, ctx);
}

fn base(p: &PerfProject, variant: &'static str, sev: Severity) -> Finding {
    let (pz, pe) = project_names(p);
    Finding::new(RULE.code, sev)
        .variant(variant)
        .both("project", pz, pe)
}

fn check_rows(p: &PerfProject, ctx: &mut Ctx) {
    for i in &p.indicators {
        let (Some(w), Some(s)) = (
            i.weight.as_ref().and_then(|v| v.num),
            i.score.as_ref().and_then(|v| v.num),
        ) else {
            continue;
        };
        if s.value >= Decimal::ZERO && s.value <= w.value {
            ctx.pass();
            continue;
        }
        let mut f = base(p, "row", Severity::Error)
            .text("name", i.name.clone())
            .text("score", show(s.value))
            .text("weight", show(w.value))
            .numbers(s.value, w.value, Decimal::ZERO);
        for (k, role) in [("score", Role::Stated), ("weight", Role::Component)] {
            if let Some(l) = indicator_loc(role, p, i, k) {
                f = f.at(l);
            }
        }
        ctx.report(f);
    }
    if let (Some(t), Some(wv), Some(sv)) = (p.total_row(), p.exec_weight(), p.exec_score()) {
        let (w, s) = (wv.num.expect("filtered"), sv.num.expect("filtered"));
        if s.value >= Decimal::ZERO && s.value <= w.value {
            ctx.pass();
        } else {
            let mut f = base(p, "exec_row", Severity::Error)
                .text("score", show(s.value))
                .text("weight", show(w.value))
                .numbers(s.value, w.value, Decimal::ZERO);
            for (k, role) in [("score", Role::Stated), ("weight", Role::Component)] {
                if let Some(l) = funds_loc(role, p, t, k) {
                    f = f.at(l);
                }
            }
            ctx.report(f);
        }
    }
}

fn indicator_score_locs(mut f: Finding, p: &PerfProject) -> Finding {
    for i in &p.indicators {
        if let Some(l) = indicator_loc(Role::Component, p, i, "score") {
            f = f.at(l);
        }
    }
    f
}

fn check_sums(p: &PerfProject, ctx: &mut Ctx) {
    let (pz, pe) = project_names(p);
    let sums = p.indicator_sums();
    let table_exec = p.exec_score().and_then(|v| v.num).map(|n| n.value);
    let st = p.statement.as_ref();
    // 指标完成情况得分 = Σ 得分
    if let (Some(st), Some(m)) = (st, st.and_then(|s| s.indicator_score.as_ref())) {
        match sums {
            Some((_, s)) if s == m.num.value => ctx.pass(),
            Some((_, s)) => {
                let f = base(p, "indicator_sum", Severity::Error)
                    .text("stated", show(m.num.value))
                    .text("computed", show(s))
                    .text("diff", show((m.num.value - s).abs()))
                    .numbers(m.num.value, s, Decimal::ZERO)
                    .at(mention_loc(Role::Stated, &st.text, &st.loc, m));
                ctx.report(indicator_score_locs(f, p));
            }
            None => ctx.na(
                format!("{pz}的指标表缺少得分，无法核对指标完成情况得分"),
                format!("{pe}: the indicator table lacks scores to check the indicator score"),
            ),
        }
    }
    // 预算执行情况得分 restated
    if let (Some(st), Some(m)) = (st, st.and_then(|s| s.exec_score.as_ref())) {
        if let (Some(t), Some(sv)) = (p.total_row(), p.exec_score()) {
            let s = sv.num.expect("filtered").value;
            if s == m.num.value {
                ctx.pass();
            } else {
                let mut f = base(p, "exec_restated", Severity::Error)
                    .text("stated", show(m.num.value))
                    .text("computed", show(s))
                    .text("diff", show((m.num.value - s).abs()))
                    .numbers(m.num.value, s, Decimal::ZERO)
                    .at(mention_loc(Role::Stated, &st.text, &st.loc, m));
                if let Some(l) = funds_loc(Role::Component, p, t, "score") {
                    f = f.at(l);
                }
                ctx.report(f);
            }
        }
    }
    // 总得分 = 执行 + 指标
    if let (Some(st), Some(tm)) = (st, st.and_then(|s| s.total.as_ref())) {
        let exec = st.exec_score.as_ref().map(|m| m.num.value).or(table_exec);
        let ind = st
            .indicator_score
            .as_ref()
            .map(|m| m.num.value)
            .or(sums.map(|s| s.1));
        match (exec, ind) {
            (Some(e), Some(i)) => {
                let computed = e + i;
                let inside = super::shared::exec_in_indicators(p) && i == tm.num.value;
                if computed == tm.num.value || inside {
                    ctx.pass();
                } else {
                    let mut f = base(p, "total", Severity::Error)
                        .text("stated", show(tm.num.value))
                        .text("exec", show(e))
                        .text("ind", show(i))
                        .text("computed", show(computed))
                        .text("diff", show((tm.num.value - computed).abs()))
                        .numbers(tm.num.value, computed, Decimal::ZERO)
                        .at(mention_loc(Role::Stated, &st.text, &st.loc, tm));
                    for m in [&st.exec_score, &st.indicator_score].into_iter().flatten() {
                        f = f.at(mention_loc(Role::Component, &st.text, &st.loc, m));
                    }
                    if st.exec_score.is_none() {
                        if let Some(t) = p.total_row() {
                            if let Some(l) = funds_loc(Role::Component, p, t, "score") {
                                f = f.at(l);
                            }
                        }
                    }
                    if st.indicator_score.is_none() {
                        f = indicator_score_locs(f, p);
                    }
                    ctx.report(f);
                }
            }
            _ => ctx.na(
                format!("{pz}缺少预算执行情况得分或指标得分，无法核对总得分"),
                format!("{pe}: the execution or indicator score is missing to check the total"),
            ),
        }
    }
    // printed 总分 row
    if let Some(tr) = &p.indicator_total {
        if let (Some(sv), Some(e), Some((_, i))) = (tr.score.as_ref(), table_exec, sums) {
            if let Some(s) = sv.num {
                let computed = e + i;
                let inside = super::shared::exec_in_indicators(p) && i == s.value;
                if s.value == computed || inside {
                    ctx.pass();
                } else {
                    let mut f = base(p, "total_row", Severity::Error)
                        .text("stated", show(s.value))
                        .text("exec", show(e))
                        .text("ind", show(i))
                        .text("computed", show(computed))
                        .text("diff", show((s.value - computed).abs()))
                        .numbers(s.value, computed, Decimal::ZERO)
                        .at(value_loc(Role::Stated, p, &tr.label, "得分", sv));
                    if let Some(t) = p.total_row() {
                        if let Some(l) = funds_loc(Role::Component, p, t, "score") {
                            f = f.at(l);
                        }
                    }
                    ctx.report(indicator_score_locs(f, p));
                }
            }
        }
    }
}

/// P-6 (customary): 执行率得分 ≈ 分值 × min(执行率, 100 %).
fn check_formula(p: &PerfProject, ctx: &mut Ctx) {
    let (pz, pe) = project_names(p);
    let Some(t) = p.total_row() else { return };
    let (Some(sv), Some(rv)) = (p.exec_score(), t.cell("rate").filter(|v| v.num.is_some())) else {
        return;
    };
    let Some((w, _)) = exec_weight(p, ctx.config.perf_total_weight) else {
        ctx.na(
            format!("{pz}无执行率分值，无法核对执行率得分"),
            format!("{pe}: no execution weight to check the execution score"),
        );
        return;
    };
    if w <= Decimal::ZERO {
        return;
    }
    let s = sv.num.expect("filtered");
    let rate = rv.num.expect("filtered");
    let capped = rate.value.min(Decimal::ONE_HUNDRED);
    let score = Num {
        value: s.value,
        half_unit: half_unit(s.value.scale(), false),
    };
    let (o, _) = check_percent(score, Num::exact(w), capped, rate.value.scale());
    if o == PercentOutcome::Pass {
        ctx.pass();
        return;
    }
    let expected = w * capped / Decimal::ONE_HUNDRED;
    let mut f = base(p, "formula", Severity::Warning)
        .text("score", sv.raw.clone())
        .text("weight", show(w))
        .text("rate", format!("{}%", rate.value))
        .text("expected", pct2(expected))
        .numbers(s.value, expected.round_dp(2), score.half_unit);
    for (k, role) in [("score", Role::Stated), ("rate", Role::Component)] {
        if let Some(l) = funds_loc(role, p, t, k) {
            f = f.at(l);
        }
    }
    ctx.report(f);
}

/// The appendix's total score: stated, else execution + Σ indicators.
fn appendix_total(p: &PerfProject) -> Option<Decimal> {
    if let Some(t) = p.statement.as_ref().and_then(|s| s.total.as_ref()) {
        return Some(t.num.value);
    }
    let e = p.exec_score().and_then(|v| v.num)?.value;
    Some(e + p.indicator_sums()?.1)
}

fn check_restated(r: &Report, projects: &[PerfProject], ctx: &mut Ctx) {
    let sum = summary(r);
    for pr in &sum.project_results {
        let Some(p) = projects.iter().find(|p| p.name == pr.project) else {
            continue;
        };
        let Some(tm) = &pr.statement.total else {
            continue;
        };
        let Some(a) = appendix_total(p) else {
            continue;
        };
        if a == tm.num.value {
            ctx.pass();
            continue;
        }
        let mut f = base(p, "restated", Severity::Error)
            .text("stated", show(tm.num.value))
            .text("computed", show(a))
            .text("diff", show((tm.num.value - a).abs()))
            .numbers(tm.num.value, a, Decimal::ZERO)
            .at(mention_loc(
                Role::Stated,
                &pr.statement.text,
                &pr.statement.loc,
                tm,
            ));
        if let Some(st) = &p.statement {
            if let Some(m) = &st.total {
                f = f.at(mention_loc(Role::Component, &st.text, &st.loc, m));
            }
        }
        ctx.report(f);
    }
    // 平均得分 (Shanghai 十): only over the same number of projects as appended
    for g in &sum.grade_counts {
        let Some(avg) = &g.average else { continue };
        let n = g
            .total
            .as_ref()
            .map(|m| m.num.value)
            .unwrap_or_else(|| g.counts.iter().map(|c| c.1.num.value).sum());
        if n != Decimal::from(projects.len() as u64) {
            ctx.na(
                "平均得分所涉项目数与所附自评表数不同",
                "the average covers a different number of projects than are appended",
            );
            continue;
        }
        let totals: Option<Vec<Decimal>> = projects.iter().map(appendix_total).collect();
        let Some(totals) = totals else {
            continue;
        };
        let mean = totals.iter().copied().sum::<Decimal>() / n;
        let h = half_unit(avg.decimals, false);
        if (mean - avg.num.value).abs() <= h {
            ctx.pass();
            continue;
        }
        let mut f = Finding::new(RULE.code, Severity::Warning)
            .variant("average")
            .text("stated", avg.raw.trim_end_matches('分').trim().to_string())
            .text("n", n.to_string())
            .text("computed", pct2(mean))
            .text("diff", pct2((avg.num.value - mean).abs()))
            .numbers(avg.num.value, mean.round_dp(2), h)
            .at(mention_loc(Role::Stated, &g.text, &g.loc, avg));
        for p in projects {
            if let Some(st) = &p.statement {
                if let Some(m) = &st.total {
                    f = f.at(mention_loc(Role::Component, &st.text, &st.loc, m));
                }
            }
        }
        ctx.report(f);
    }
}
