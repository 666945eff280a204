//! T1-INCOME-GRAND — income-grand-total-mismatch (T1-2).

use crate::model::Slot;
use crate::rules::util::{need_table, role_in, sum_identity, Term, SUM_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "T1-INCOME-GRAND",
    name: "income-grand-total-mismatch",
    family: "summary",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["T1-2"],
    title_zh: "收入总计与合计、结余之和不符",
    title_en: "Income grand total does not equal total income plus balances",
    messages: SUM_MESSAGES,
    zh: RuleDoc {
        what: "收入支出决算总表中，收入方“总计”应等于本年收入合计 + 使用非财政拨款结余 + 年初结转和结余。",
        why: "总计反映单位当年可以使用的全部资金。与构成不符，说明结转结余或合计有误，资金来源说不清楚。",
        example: "本年收入合计 500.00、年初结转和结余 20.00，总计却是 510.00：差 10.00。",
        tolerance: "元表精确到分；万元表允许三项的舍入误差，仅为尾数误差时列为提示。",
        not_applicable: "没有收入支出决算总表，或缺少收入方总计、本年收入合计行时不核对。",
    },
    en: RuleDoc {
        what: "In the summary table, the income-side grand total must equal total income + use of non-fiscal balances + balances carried in at the start of the year.",
        why: "The grand total is all the money the unit could use in the year. If it does not add up, a carried-over balance or the total is wrong.",
        example: "Total income 500.00 and balances carried in 20.00, but a grand total of 510.00: off by 10.00.",
        tolerance: "Exact in yuan; in 10k yuan the rounding of the three terms is allowed and a rounding-only difference is a note.",
        not_applicable: "Skipped without the summary table or without its income grand-total and total-income rows.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t) = need_table(ctx, r, Slot::T1) else {
        return;
    };
    let (Some(grand), Some(total)) = (
        role_in(t, "income", "grand_total"),
        role_in(t, "income", "income_total"),
    ) else {
        ctx.na(
            "收入支出决算总表缺少收入方总计或本年收入合计行",
            "the summary table lacks the income grand total or total income",
        );
        return;
    };
    let mut parts = vec![Term::new(t, total, "amount")];
    for role in ["use_nonfiscal", "carry_in"] {
        if let Some(row) = role_in(t, "income", role) {
            parts.push(Term::new(t, row, "amount"));
        }
    }
    sum_identity(ctx, RULE.certainty, Term::new(t, grand, "amount"), &parts);
}
