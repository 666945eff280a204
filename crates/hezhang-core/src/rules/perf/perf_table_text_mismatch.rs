//! PERF-TEXT — perf-table-text-mismatch (P-8).

use rust_decimal::Decimal;

use super::shared::{
    exec_weight, funds_loc, mention_loc, need_projects, pct2, project_names, show,
};
use crate::finding::{Finding, Role, Severity};
use crate::model::{Num, Unit};
use crate::recognise::perf::{ExecutionStatement, FundsRow, PerfProject};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::tolerance::{check_percent, compare_same, half_unit, Outcome, PercentOutcome};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "PERF-TEXT",
    name: "perf-table-text-mismatch",
    family: "perf",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["P-8"],
    title_zh: "绩效自评表与项目文字所述预算执行情况不一致",
    title_en: "Performance table and the project's text disagree on budget execution",
    messages: &[
        ("", "{project}：{pairs}。", "{project}: {pairs}."),
        (
            "notes",
            "{project}：{pairs}。{notes}。",
            "{project}: {pairs}. {notes}.",
        ),
    ],
    zh: RuleDoc {
        what: "每个项目的绩效自评表“预算执行情况”所列全年预算数、全年执行数和执行率，应与同一项目自评报告文字（“项目实施和预算执行情况分析”等段落）所述的全年预算资金、全年执行资金和预算执行率一致。",
        why: "表格和文字说的是同一笔钱。两者不一致时，读者无法判断项目实际花了多少、执行率是多少；执行率还决定“预算执行情况”得分，表中执行率偏高会抬高自评得分和等级。",
        example: "表中全年预算数 134,392 元、全年执行数 134,392 元、执行率 100，文字却说“全年预算资金 60 万元，全年执行资金 13.44 万元，预算执行率 22.4%”：全年预算和执行率都不一致；按 600,000 元计执行率为 22.40%，执行率得分 10 分存疑。",
        tolerance: "按文字的印刷精度比较：13.44 万元可代表 134,350 至 134,450 元，所以与表中 134,392 元一致；60 万元可代表 595,000 至 605,000 元，与 134,392 元不一致。百分数按所印位数判断（22.4% 即 22.35% 至 22.45%，100 即 99.5 至 100.5）。",
        not_applicable: "项目没有预算执行情况表格，或项目文字没有写出全年预算、执行金额或执行率中的任何一项时不核对；表格未注明金额单位时，按元和万元两种理解中能对上的一种判断。",
    },
    en: RuleDoc {
        what: "For each project, the full-year budget, the amount executed and the execution rate in the self-evaluation table must equal the figures the project's own report text states (the paragraph on implementation and budget execution).",
        why: "Table and text describe the same money. When they disagree, readers cannot tell how much the project spent or how much of its budget it used; and the execution rate drives the execution score, so an inflated rate in the table inflates the self-assessed score and grade.",
        example: "The table shows a full-year budget of 134,392 yuan, 134,392 executed and a rate of 100, while the text says the full-year budget was 600,000 yuan (60 in 10k), 134,400 executed (13.44 in 10k) and the rate 22.4%: the budget and the rate disagree; on 600,000 yuan the rate is 22.40%, so the execution score of 10 is doubtful.",
        tolerance: "Compared at the text's printed precision: 13.44 (10k yuan) stands for 134,350 to 134,450 yuan and agrees with 134,392; 60 (10k yuan) stands for 595,000 to 605,000 and does not. Percentages are judged at their printed digits (22.4% is 22.35–22.45, 100 is 99.5–100.5).",
        not_applicable: "Skipped when a project has no budget-execution table, or its text states none of the full-year budget, amount executed or rate. When the table names no money unit, the reading (yuan or 10k yuan) under which the figures agree is used.",
    },
    check,
};

struct Pair {
    key: &'static str,
    table: Num,
    text: Num,
    text_raw: String,
    table_raw: String,
}

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(projects) = need_projects(ctx, r) else {
        return;
    };
    for p in projects {
        check_project(p, ctx);
    }
}

fn scale_text(n: Num, f: Decimal) -> Num {
    Num {
        value: n.value * f,
        half_unit: n.half_unit * f,
    }
}

/// The text's figures against the table's; `factor` rescales text amounts (unit reading).
fn mismatches(total: &FundsRow, ex: &ExecutionStatement, factor: Decimal) -> (Vec<Pair>, usize) {
    let mut compared = 0;
    let mut pairs = Vec::new();
    for (key, m) in [("annual_budget", &ex.budget), ("executed", &ex.executed)] {
        let (Some(m), Some(v)) = (m, total.cell(key)) else {
            continue;
        };
        let Some(t) = v.arith() else { continue };
        compared += 1;
        let text = scale_text(m.num, factor);
        let c = compare_same(text, t);
        if c.outcome == Outcome::Mismatch {
            pairs.push(Pair {
                key,
                table: t,
                text,
                text_raw: m.raw.clone(),
                table_raw: v.raw.clone(),
            });
        }
    }
    if let Some(m) = &ex.rate {
        match total.cell("rate").and_then(|v| v.num.map(|n| (v, n))) {
            Some((v, n)) => {
                compared += 1;
                let c = compare_same(m.num, n);
                if c.outcome == Outcome::Mismatch {
                    pairs.push(Pair {
                        key: "rate",
                        table: n,
                        text: m.num,
                        text_raw: m.raw.clone(),
                        table_raw: v.raw.clone(),
                    });
                }
            }
            None => {
                // no printed rate: the text's rate against the table's own amounts
                let b = total.cell("annual_budget").and_then(|v| v.arith());
                let e = total.cell("executed").and_then(|v| v.arith());
                if let (Some(b), Some(e)) = (b, e) {
                    compared += 1;
                    let (o, computed) = check_percent(e, b, m.num.value, m.decimals);
                    if o == PercentOutcome::Mismatch {
                        if let Some(c) = computed {
                            pairs.push(Pair {
                                key: "rate",
                                table: Num::exact(c),
                                text: m.num,
                                text_raw: m.raw.clone(),
                                table_raw: format!("{}%", pct2(c)),
                            });
                        }
                    }
                }
            }
        }
    }
    (pairs, compared)
}

/// Whether the project's text states a figure its table contradicts (this rule's finding).
pub(super) fn text_disagrees(p: &PerfProject) -> bool {
    let (Some(total), Some(ex)) = (p.total_row(), &p.execution) else {
        return false;
    };
    let (pairs, _) = mismatches(total, ex, Decimal::ONE);
    if pairs.is_empty() {
        return false;
    }
    if p.unit.is_none() {
        let f = Unit::Yuan.in_yuan() / Unit::WanYuan.in_yuan();
        return !mismatches(total, ex, f).0.is_empty();
    }
    true
}

/// The money unit a mention was printed in.
fn mention_unit(raw: &str) -> Option<Unit> {
    if raw.contains('亿') {
        Some(Unit::YiYuan)
    } else if raw.contains('万') {
        Some(Unit::WanYuan)
    } else if raw.contains('元') {
        Some(Unit::Yuan)
    } else {
        None
    }
}

fn check_project(p: &PerfProject, ctx: &mut Ctx) {
    let (pz, pe) = project_names(p);
    let Some(total) = p.total_row() else {
        ctx.na(
            format!("{pz}没有预算执行情况表格"),
            format!("{pe} has no budget-execution table"),
        );
        return;
    };
    let Some(ex) = &p.execution else {
        ctx.na(
            format!("{pz}的文字未写明全年预算、执行金额或执行率"),
            format!("{pe}'s text states no full-year budget, amount executed or rate"),
        );
        return;
    };
    let (mut pairs, compared) = mismatches(total, ex, Decimal::ONE);
    if compared == 0 {
        ctx.na(
            format!("{pz}的表格与文字没有可对照的数字"),
            format!("{pe}'s table and text have no figure in common"),
        );
        return;
    }
    if !pairs.is_empty() && p.unit.is_none() {
        // no unit printed: the 万元 reading
        let f = Unit::Yuan.in_yuan() / Unit::WanYuan.in_yuan();
        let (alt, _) = mismatches(total, ex, f);
        if alt.is_empty() {
            pairs.clear();
        }
    }
    if pairs.is_empty() {
        ctx.pass();
        return;
    }
    // the rate first: it is what the score rests on
    pairs.sort_by_key(|x| x.key != "rate");
    let unit = p.money_unit();
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for x in &pairs {
        match x.key {
            "rate" => {
                zh.push(format!(
                    "自评表执行率 {} 与报告所述 {} 不一致",
                    x.table_raw, x.text_raw
                ));
                en.push(format!(
                    "the table's execution rate {} differs from the {} stated in the text",
                    x.table_raw, x.text_raw
                ));
            }
            k => {
                let (nz, ne) = if k == "annual_budget" {
                    ("全年预算数", "full-year budget")
                } else {
                    ("全年执行数", "amount executed")
                };
                let diff = (x.table.value - x.text.value).abs();
                let conv = if mention_unit(&x.text_raw) == Some(unit) {
                    String::new()
                } else {
                    format!("（{} {}）", show(x.text.value.normalize()), unit.zh())
                };
                let conv_en = if conv.is_empty() {
                    String::new()
                } else {
                    format!(" ({} {})", show(x.text.value.normalize()), unit.en())
                };
                zh.push(format!(
                    "自评表{nz} {} {}，报告所述 {}{conv}，相差 {} {}",
                    show(x.table.value),
                    unit.zh(),
                    x.text_raw,
                    show(diff.normalize()),
                    unit.zh()
                ));
                en.push(format!(
                    "the table's {ne} of {} {} differs from the {}{conv_en} stated in the text by {} {}",
                    show(x.table.value),
                    unit.en(),
                    x.text_raw,
                    show(diff.normalize()),
                    unit.en()
                ));
            }
        }
    }
    // notes: 全年预算数 = 执行数 in the table; the rate on the text's budget; the score
    let mut notes_zh: Vec<String> = Vec::new();
    let mut notes_en: Vec<String> = Vec::new();
    let tb = total.cell("annual_budget").and_then(|v| v.arith());
    let te = total.cell("executed").and_then(|v| v.arith());
    let budget_off = pairs.iter().any(|x| x.key == "annual_budget");
    let exec_off = pairs.iter().any(|x| x.key == "executed");
    let mut score_doubt = false;
    if let (Some(b), Some(e)) = (tb, te) {
        if budget_off && b.value == e.value && !b.value.is_zero() {
            notes_zh.push("表中全年预算数等于执行数".to_string());
            notes_en.push("The table's full-year budget equals the amount executed".to_string());
        }
    }
    // the rate the text implies: on the text's budget, else the text's own rate
    let rate_off = pairs.iter().any(|x| x.key == "rate");
    let mut implied: Option<Decimal> = None;
    if budget_off {
        let text_b = ex.budget.as_ref().map(|m| m.num);
        let exec = if exec_off {
            ex.executed.as_ref().map(|m| m.num)
        } else {
            te.or(ex.executed.as_ref().map(|m| m.num))
        };
        if let (Some(b), Some(e)) = (text_b, exec) {
            if b.value > Decimal::ZERO {
                let rate = e.value / b.value * Decimal::ONE_HUNDRED;
                notes_zh.push(format!(
                    "按 {} {}计执行率为 {}%",
                    show(b.value.normalize()),
                    unit.zh(),
                    pct2(rate)
                ));
                notes_en.push(format!(
                    "On a budget of {} {} the rate is {}%",
                    show(b.value.normalize()),
                    unit.en(),
                    pct2(rate)
                ));
                implied = Some(rate);
            }
        }
    }
    if implied.is_none() && rate_off {
        implied = ex.rate.as_ref().map(|m| m.num.value);
    }
    // the execution score under 分值 × min(rate, 100 %)
    if let Some(rate) = implied {
        let score = p.exec_score().and_then(|v| v.num.map(|n| (v, n)));
        let weight = exec_weight(p, ctx.config.perf_total_weight);
        if let (Some((sv, s)), Some((w, _))) = (score, weight) {
            if w > Decimal::ZERO {
                let rounded = Num {
                    value: s.value,
                    half_unit: half_unit(s.value.scale(), false),
                };
                let r = rate.min(Decimal::ONE_HUNDRED).round_dp(2);
                let (o, _) = check_percent(rounded, Num::exact(w), r, 2);
                if o != PercentOutcome::Pass {
                    score_doubt = true;
                    let z = format!("执行率得分 {} 分存疑", sv.raw);
                    let e = format!("the execution score of {} is doubtful", sv.raw);
                    match (budget_off, notes_zh.last_mut(), notes_en.last_mut()) {
                        (true, Some(lz), Some(le)) => {
                            lz.push('，');
                            lz.push_str(&z);
                            le.push_str(", so ");
                            le.push_str(&e);
                        }
                        _ => {
                            notes_zh.push(z);
                            let mut e = e;
                            e.replace_range(..1, "T");
                            notes_en.push(e);
                        }
                    }
                }
            }
        }
    }
    let first = &pairs[0];
    let band = first.text.half_unit + first.table.half_unit;
    let mut f = Finding::new(RULE.code, Severity::Error)
        .variant(if notes_zh.is_empty() { "" } else { "notes" })
        .both("project", pz, pe)
        .both("pairs", zh.join("；"), en.join("; "))
        .both("notes", notes_zh.join("。"), notes_en.join(". "))
        .numbers(first.table.value, first.text.value, band);
    let off = |k: &str| pairs.iter().any(|x| x.key == k);
    for key in ["annual_budget", "executed", "rate"] {
        let role = if off(key) {
            Role::Stated
        } else {
            Role::Component
        };
        if let Some(l) = funds_loc(role, p, total, key) {
            f = f.at(l);
        }
    }
    if score_doubt {
        if let Some(l) = funds_loc(Role::Component, p, total, "score") {
            f = f.at(l);
        }
    }
    for m in [&ex.budget, &ex.executed, &ex.rate].into_iter().flatten() {
        f = f.at(mention_loc(Role::Restated, &ex.text, &ex.loc, m));
    }
    ctx.report(f);
}
