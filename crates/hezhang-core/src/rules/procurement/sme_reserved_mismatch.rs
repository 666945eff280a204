//! PROC-SME-RESERVED — sme-reserved-mismatch (G-3, Shanghai form).

use crate::finding::{Arg, Finding, Location, Role, Severity};
use crate::model::{MentionKind, Num, Report, Sentence};
use crate::recognise::bind::{self, SectionKind};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::text::key;
use crate::tolerance::le_within;

pub const RULE: Rule = Rule {
    code: "PROC-SME-RESERVED",
    name: "sme-reserved-mismatch",
    family: "procurement",
    certainty: Certainty::Customary,
    since: "0.1.0",
    identities: &["G-3"],
    title_zh: "预留给中小企业的采购金额与采购总额不相称",
    title_en: "SME reserved procurement does not fit the totals",
    messages: &[
        (
            "",
            "情况说明中由中小企业中标或成交的采购金额合计 {parts} = {computed} {unit}，大于政府采购金额 {stated} {unit}，请核实。",
            "The narrative's procurement won by SMEs, {parts} = {computed} {unit}, exceeds total procurement of {stated} {unit}; please verify.",
        ),
        (
            "micro",
            "情况说明中面向小微企业预留的预算金额 {computed} {unit} 大于面向中小企业预留的预算金额 {stated} {unit}，请核实。",
            "The narrative reserves {computed} {unit} for small and micro firms, more than the {stated} {unit} reserved for SMEs; please verify.",
        ),
    ],
    zh: RuleDoc {
        what: "上海格式的政府采购说明：在面向中小企业预留的项目中由中小企业中标或成交的金额，加上在其他项目中由中小企业中标或成交的金额，不大于政府采购金额（以合同签订为准）；面向小微企业预留的预算金额不大于面向中小企业预留的预算金额（小微企业预留份额包含在中小企业预留份额之内）。",
        why: "预留份额是促进中小企业发展政策的考核指标；中小企业中标金额超过采购总额，或小微预留大于中小预留，说明数字有误。",
        example: "政府采购金额 251.25 万元；预留项目中小企业中标 246.47 万元，其他项目中小企业中标 4.79 万元：合计 251.26 万元，只比总额多 0.01 万元，在三个数的舍入误差之内，通过。",
        tolerance: "按各数印出精度的舍入误差之和判断，超出才提示。预留金额是预算数，采购金额是合同数，两者不作相等比较。属习惯关系（预留口径各地执行有差异），只提示需核实，不报错误。",
        not_applicable: "说明中没有上海格式的预留份额表述（面向中小企业预留…中标或成交…），或缺少政府采购金额时不核对。山西格式的授予中小企业合同金额由中小企业采购规则核对。",
    },
    en: RuleDoc {
        what: "Shanghai-form procurement statements: the amount won by SMEs in projects reserved for SMEs plus that won by SMEs in other projects does not exceed total procurement (by contracts signed); the budget reserved for small and micro firms does not exceed the budget reserved for SMEs (the small-firm reservation is part of the SME one).",
        why: "Reserved shares are targets of the policy for small business. SME wins above total procurement, or a small-firm reservation above the SME one, mean a figure is wrong.",
        example: "Total procurement 251.25; SMEs won 246.47 in reserved projects and 4.79 in others: 251.26, only 0.01 above the total, within the rounding of three figures: passes.",
        tolerance: "The rounding of the printed figures is allowed; only more is reported. Reserved amounts are budgets and procurement amounts are contracts: they are never required to be equal. Customary (regions apply the reservation differently): a warning to verify, never an error.",
        not_applicable: "Skipped when the narrative has no Shanghai-form reservation statement (面向中小企业预留 … 中标或成交 …) or no total procurement. Shanxi-form SME contract amounts are the SME procurement rule's.",
    },
    check,
};

/// The amounts of the procurement part, each with the text that leads to it (from the
/// previous amount or the start of the sentence).
fn amounts(r: &Report) -> Vec<(&Sentence, usize, String)> {
    let mut out = Vec::new();
    for s in &r.narrative {
        if bind::section_kind(&s.section) != SectionKind::Procurement {
            continue;
        }
        let mut from = 0;
        for (i, m) in s.mentions.iter().enumerate() {
            if m.kind != MentionKind::Amount {
                continue;
            }
            let lead = key(s.text.get(from..m.start).unwrap_or(""));
            from = m.end;
            out.push((s, i, lead));
        }
    }
    out
}

fn check(r: &Report, ctx: &mut Ctx) {
    let all = amounts(r);
    let find = |pred: &dyn Fn(&str) -> bool| all.iter().find(|(_, _, lead)| pred(lead));
    let sme_budget = find(&|l| l.contains("面向中小企业预留") && l.contains("预算金额"));
    let micro_budget = find(&|l| l.contains("面向小微企业预留") && l.contains("预算金额"));
    let sme_won = find(&|l| {
        l.contains("面向中小企业预留") && l.contains("中小企业供应商") && !l.contains("预算金额")
    });
    let other_won = find(&|l| l.contains("其他政府采购项目") && l.contains("中小企业"));
    let total = find(&|l| l.contains("政府采购金额") && !l.contains("预留") && !l.contains("中标"));
    if sme_budget.is_none() && sme_won.is_none() {
        ctx.na(
            "情况说明没有上海格式的中小企业预留份额表述",
            "the narrative has no Shanghai-form SME reservation statement",
        );
        return;
    }
    let num = |x: &(&Sentence, usize, String)| x.0.mentions[x.1].num;
    let at = |x: &(&Sentence, usize, String), role| {
        let m = &x.0.mentions[x.1];
        Location::text(role, x.0, Some((m.start, m.end)))
    };
    let unit = r.unit();
    // SME wins (reserved + other) ≤ total procurement
    match (total, sme_won) {
        (Some(t), Some(w)) => {
            let mut parts: Vec<&(&Sentence, usize, String)> = vec![w];
            parts.extend(other_won);
            let sum = Num {
                value: parts.iter().map(|p| num(p).value).sum(),
                half_unit: parts.iter().map(|p| num(p).half_unit).sum(),
            };
            let tn = num(t);
            if le_within(sum, tn) {
                ctx.pass();
            } else {
                let mut f = Finding::new(RULE.code, Severity::Warning)
                    .text(
                        "parts",
                        parts
                            .iter()
                            .map(|p| crate::i18n::thousands(num(p).value))
                            .collect::<Vec<_>>()
                            .join(" + "),
                    )
                    .amount("computed", sum.value)
                    .amount("stated", tn.value)
                    .arg("unit", Arg::Unit(unit))
                    .numbers(tn.value, sum.value, sum.half_unit + tn.half_unit)
                    .at(at(t, Role::Stated));
                for p in parts {
                    f = f.at(at(p, Role::Component));
                }
                ctx.report(f);
            }
        }
        _ => ctx.na(
            "缺少政府采购金额或中小企业中标金额",
            "total procurement or the amount won by SMEs is missing",
        ),
    }
    // small and micro reserved ≤ SME reserved (budgets)
    match (sme_budget, micro_budget) {
        (Some(s), Some(m)) => {
            if le_within(num(m), num(s)) {
                ctx.pass();
            } else {
                ctx.report(
                    Finding::new(RULE.code, Severity::Warning)
                        .variant("micro")
                        .amount("computed", num(m).value)
                        .amount("stated", num(s).value)
                        .arg("unit", Arg::Unit(unit))
                        .numbers(
                            num(s).value,
                            num(m).value,
                            num(s).half_unit + num(m).half_unit,
                        )
                        .at(at(s, Role::Stated))
                        .at(at(m, Role::Component)),
                );
            }
        }
        _ => ctx.na(
            "缺少面向中小企业或小微企业预留的预算金额",
            "the budget reserved for SMEs or for small and micro firms is missing",
        ),
    }
}
