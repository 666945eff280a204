//! MOE-LE — running-cost-exceeds-public-funds (M-1).

use crate::model::{Report, Slot};
use crate::rules::util::{need_table, part_le_whole, Term, LE_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};

pub const RULE: Rule = Rule {
    code: "MOE-LE",
    name: "running-cost-exceeds-public-funds",
    family: "cross",
    certainty: Certainty::Customary,
    since: "0.1.0",
    identities: &["M-1"],
    title_zh: "机关运行经费大于基本支出中的公用经费",
    title_en: "Administrative running costs exceed basic public funds",
    messages: LE_MESSAGES,
    zh: RuleDoc {
        what: "机关运行经费是行政单位和参公事业单位用一般公共预算财政拨款安排的基本支出中的公用经费，因此不应大于经济分类表中基本支出的公用经费合计。",
        why: "机关运行经费反映“养机关”的日常开支。它大于公用经费总额，说明其中一个数字有误或口径不一。",
        example: "机关运行经费 50.00 万元，基本支出中的公用经费合计 46.14 万元。",
        tolerance: "按惯例成立，不成立时列为“需核实”；允许舍入误差。两者不要求相等：含事业单位的部门机关运行经费会小于公用经费。",
        not_applicable: "缺少相关信息统计表的机关运行经费行或经济分类表的公用经费合计（基本支出）时不核对。",
    },
    en: RuleDoc {
        what: "Administrative running costs are the public-funds part of general-budget basic spending of administrative and civil-service-managed units, so they should not exceed the basic public-funds total of the economic table.",
        why: "Running costs show what keeping the offices going costs. If they exceed all basic public funds, one figure is wrong or differently scoped.",
        example: "Running costs 50.00 (10k yuan); basic public funds total 46.14.",
        tolerance: "Customary: a breach is a warning; rounding is allowed. Equality is not required: departments with public institutions legitimately report less.",
        not_applicable: "Skipped without the running-cost rows of the related-information table or the economic table's basic public-funds total.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t10) = need_table(ctx, r, Slot::T10) else {
        return;
    };
    let Some(t6) = need_table(ctx, r, Slot::T6) else {
        return;
    };
    let parts: Vec<Term> = ["moe_admin", "moe_civil"]
        .iter()
        .filter_map(|role| t10.row_by_role(role))
        .map(|row| Term::new(t10, row, "value"))
        .collect();
    let whole = t6
        .row_by_role("public_total")
        .filter(|_| t6.has_column("basic"))
        .map(|row| Term::new(t6, row, "basic"));
    match (parts.is_empty(), whole) {
        (false, Some(w)) => part_le_whole(ctx, RULE.certainty, &parts, w),
        _ => ctx.na(
            "缺少机关运行经费行或公用经费合计（基本支出）",
            "running-cost rows or the basic public-funds total are missing",
        ),
    }
}
