//! PERF-FUNDS — perf-funds-mismatch (P-10).

use rust_decimal::Decimal;

use super::shared::{funds_loc, mention_loc, need_projects, rescale, show, summary};
use crate::finding::{Arg, Finding, Location, Role};
use crate::model::{Num, Slot};
use crate::recognise::perf::PerfProject;
use crate::rules::util::{severity_of, Term};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::tolerance::{compare_sum, Outcome};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "PERF-FUNDS",
    name: "perf-funds-mismatch",
    family: "perf",
    certainty: Certainty::Customary,
    since: "0.1.0",
    identities: &["P-10"],
    title_zh: "绩效自评涉及资金与各项目预算或项目支出不符",
    title_en: "Funds covered by self-evaluation do not match the projects' budgets or project spending",
    messages: &[
        (
            "",
            "情况说明所述 {n} 个项目涉及资金 {stated} {unit}，但所附各项目年初预算数之和 {parts} = {computed} {unit}，相差 {diff} {unit}。",
            "The notes put the funds of the {n} projects at {stated} {unit}, but the appended projects' initial budgets add up to {parts} = {computed} {unit}; the difference is {diff} {unit}.",
        ),
        (
            "rounding",
            "情况说明所述 {n} 个项目涉及资金 {stated} {unit} 与所附各项目年初预算数之和 {computed} {unit} 相差 {diff} {unit}，属尾数误差。",
            "The notes' {stated} {unit} for the {n} projects and the appended initial budgets' {computed} {unit} differ by {diff} {unit}, a rounding residual.",
        ),
        (
            "spending",
            "情况说明称全部项目均已自评，但各项目全年执行数之和 {parts} = {computed} {unit}，与支出决算表项目支出合计 {stated} {unit} 相差 {diff} {unit}。",
            "The notes say every project was self-evaluated, but the projects' amounts executed add up to {parts} = {computed} {unit}, {diff} {unit} away from the project spending of {stated} {unit} in the expenditure table.",
        ),
        (
            "spending_rounding",
            "各项目全年执行数之和 {computed} {unit} 与支出决算表项目支出合计 {stated} {unit} 相差 {diff} {unit}，属尾数误差。",
            "The projects' amounts executed ({computed} {unit}) and the project spending in the expenditure table ({stated} {unit}) differ by {diff} {unit}, a rounding residual.",
        ),
    ],
    zh: RuleDoc {
        what: "情况说明所述参加绩效自评的项目“涉及资金”，在所述项目数与所附自评报告数相同时，应等于各项目年初预算数之和；情况说明称所有项目均已自评、且所附项目即为全部项目时，各项目全年执行数之和应等于支出决算表的项目支出合计。",
        why: "这两处把绩效自评与决算联系起来。对不上时，或是自评覆盖的项目与所说不同，或是某处金额有误，读者无法判断有多少资金经过了绩效评价。",
        example: "600,000 + 985,000 + 150,000 = 1,735,000.00 元，与“涉及资金 1,735,000.00 元”相符；134,392 + 492,500 + 57,815 = 684,707 元，与支出决算表项目支出 684,707.00 元相符。",
        tolerance: "按各数字所印精度计入舍入（整数元各 ±0.5 元），只差舍入的列为提示。“涉及资金”的口径各地不一（年初预算、全年预算或执行数），因此不符只作为需核实；年初预算数分“目标申报”和“预算编制”两列时，与任一列之和相符即通过。",
        not_applicable: "所述项目数与所附自评报告数不同、句子讲的是部门整体支出评价、或附件缺少年初预算数时，不核对涉及资金；情况说明未称全部项目均已自评、或没有支出决算表项目支出合计时，不核对执行数之和。",
    },
    en: RuleDoc {
        what: "When the number of projects in the notes' performance paragraph equals the number of appended self-evaluations, the “funds covered” must equal the sum of the projects' initial budgets; when the notes say every project was self-evaluated and the appended projects are all of them, the projects' amounts executed must add up to the project spending in the expenditure table.",
        why: "These two relations tie the performance evaluation to the accounts. A mismatch means the evaluation covered other projects than stated or an amount is wrong; readers cannot tell how much money was evaluated.",
        example: "600,000 + 985,000 + 150,000 = 1,735,000.00 yuan, as stated; 134,392 + 492,500 + 57,815 = 684,707 yuan, the project spending of 684,707.00 in the expenditure table.",
        tolerance: "Each figure carries its printed rounding (±0.5 yuan for whole yuan); a rounding-only difference is a note. What “funds covered” means varies by region (initial budget, full-year budget or spending), so a mismatch is a warning; when the initial budget is split into declared and compiled columns, matching either passes.",
        not_applicable: "The funds sentence is not checked when its number of projects differs from the appended ones, when it is about the unit's overall spending, or when an initial budget is missing; the spending sum is not checked unless the notes say all projects were evaluated and the expenditure table gives project spending.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(projects) = need_projects(ctx, r) else {
        return;
    };
    let sum = summary(r);
    let n = Decimal::from(projects.len() as u64);
    let unit = r.unit();
    let mut matched_count = false;
    let mut any = false;
    // one finding per distinct stated amount (the same figure restated is one root cause)
    let mut reported: Vec<(Decimal, usize)> = Vec::new();
    for fs in &sum.funds {
        if fs.count.num.value != n {
            continue;
        }
        matched_count = true;
        any = true;
        let Some(sums) = initial_sums(projects) else {
            ctx.na(
                "有附件项目缺少年初预算数，无法核对涉及资金",
                "an appended project lacks its initial budget",
            );
            continue;
        };
        let stated = fs.amount.num;
        let mut best: Option<(Outcome, Vec<Num>, Decimal)> = None;
        for terms in sums {
            let terms: Vec<Num> = terms
                .iter()
                .map(|(n, p)| rescale(*n, p.money_unit(), unit))
                .collect();
            let c = compare_sum(stated, &terms);
            let rank = |o: Outcome| match o {
                Outcome::Pass => 0,
                Outcome::Rounding => 1,
                Outcome::Unusual => 2,
                Outcome::Mismatch => 3,
            };
            if best.as_ref().is_none_or(|b| rank(c.outcome) < rank(b.0)) {
                best = Some((c.outcome, terms, c.band));
            }
        }
        let Some((outcome, terms, band)) = best else {
            continue;
        };
        let Some((sev, variant)) = severity_of(outcome, RULE.certainty) else {
            ctx.pass();
            continue;
        };
        if let Some((_, i)) = reported.iter().find(|x| x.0 == stated.value) {
            ctx.findings[*i].locations.push(mention_loc(
                Role::Restated,
                &fs.text,
                &fs.loc,
                &fs.amount,
            ));
            continue;
        }
        let computed: Decimal = terms.iter().map(|t| t.value).sum();
        let parts = terms
            .iter()
            .map(|t| show(t.value))
            .collect::<Vec<_>>()
            .join(" + ");
        let mut f = Finding::new(RULE.code, sev)
            .variant(if variant == "rounding" {
                "rounding"
            } else {
                ""
            })
            .text("n", n.to_string())
            .text("stated", show(stated.value))
            .text("parts", parts)
            .text("computed", show(computed))
            .text("diff", show((stated.value - computed).abs()))
            .arg("unit", Arg::Unit(unit))
            .numbers(stated.value, computed, band)
            .at(mention_loc(Role::Stated, &fs.text, &fs.loc, &fs.amount));
        for p in projects {
            if let Some(t) = p.total_row() {
                if let Some((k, _)) = t.initial_budget() {
                    if let Some(l) = funds_loc(Role::Component, p, t, k) {
                        f = f.at(l);
                    }
                }
            }
        }
        reported.push((stated.value, ctx.findings.len()));
        ctx.report(f);
    }
    if !any {
        ctx.na(
            "情况说明未给出与所附项目数相同的项目“涉及资金”",
            "the notes give no funds total for the number of projects appended",
        );
    }
    // Σ 全年执行数 = T3 合计 项目支出, when all projects are evaluated and all are appended
    let all_evaluated = !sum.coverage.is_empty();
    let all_appended = matched_count
        || sum
            .grade_counts
            .iter()
            .any(|g| g.total.as_ref().is_some_and(|t| t.num.value == n));
    if !(all_evaluated && all_appended) {
        ctx.na(
            "情况说明未称全部项目均已自评并全部附上，不核对执行数之和",
            "the notes do not say all projects were evaluated and appended: spending sum not checked",
        );
        return;
    }
    let Some(t3) = r.table(Slot::T3) else {
        ctx.na(
            "报告中没有支出决算表",
            "the report has no expenditure table",
        );
        return;
    };
    let Some(row) = t3.row_by_role("total") else {
        ctx.na(
            "支出决算表没有合计行",
            "the expenditure table has no total row",
        );
        return;
    };
    let term = Term::new(t3, row, "project");
    let Some(spent) = term.num() else {
        ctx.na(
            "支出决算表没有项目支出合计",
            "the expenditure table gives no project spending total",
        );
        return;
    };
    let mut terms = Vec::new();
    for p in projects {
        let Some(e) = p
            .total_row()
            .and_then(|t| t.cell("executed"))
            .and_then(|v| v.arith())
        else {
            ctx.na(
                "有附件项目缺少全年执行数",
                "an appended project lacks its amount executed",
            );
            return;
        };
        terms.push(rescale(e, p.money_unit(), t3.unit));
    }
    let c = compare_sum(spent, &terms);
    let Some((sev, variant)) = severity_of(c.outcome, RULE.certainty) else {
        ctx.pass();
        return;
    };
    let parts = terms
        .iter()
        .map(|t| show(t.value))
        .collect::<Vec<_>>()
        .join(" + ");
    let mut f = Finding::new(RULE.code, sev)
        .variant(if variant == "rounding" {
            "spending_rounding"
        } else {
            "spending"
        })
        .text("stated", show(c.stated))
        .text("parts", parts)
        .text("computed", show(c.computed))
        .text("diff", show(c.difference().abs()))
        .arg("unit", Arg::Unit(t3.unit))
        .numbers(c.stated, c.computed, c.band);
    if let Some(l) = term.location(Role::Stated) {
        f = f.at(l);
    }
    for p in projects {
        if let Some(t) = p.total_row() {
            if let Some(l) = funds_loc(Role::Component, p, t, "executed") {
                f = f.at(l);
            }
        }
    }
    let cov: Vec<Location> = sum
        .coverage
        .iter()
        .take(1)
        .map(|c| Location::passage(Role::Restated, &c.text, &c.loc))
        .collect();
    f = f.at_all(cov);
    ctx.report(f);
}

/// Σ 年初预算 per reading: 预算编制, the single 年初预算数, 目标申报 — each with its projects.
#[allow(clippy::type_complexity)]
fn initial_sums(projects: &[PerfProject]) -> Option<Vec<Vec<(Num, &PerfProject)>>> {
    let mut out = Vec::new();
    for key in ["initial_compiled", "initial", "initial_declared"] {
        let terms: Option<Vec<(Num, &PerfProject)>> = projects
            .iter()
            .map(|p| {
                p.total_row()
                    .and_then(|t| t.cell(key))
                    .filter(|v| !v.dash)
                    .and_then(|v| v.arith())
                    .map(|n| (n, p))
            })
            .collect();
        if let Some(t) = terms {
            out.push(t);
        }
    }
    // mixed layouts: each project's own 年初预算 column
    if out.is_empty() {
        let terms: Option<Vec<(Num, &PerfProject)>> = projects
            .iter()
            .map(|p| {
                p.total_row()
                    .and_then(|t| t.initial_budget())
                    .and_then(|(_, v)| v.arith())
                    .map(|n| (n, p))
            })
            .collect();
        out.push(terms?);
    }
    Some(out)
}
