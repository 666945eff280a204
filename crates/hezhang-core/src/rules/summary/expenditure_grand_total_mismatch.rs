//! T1-EXP-GRAND — expenditure-grand-total-mismatch (T1-4).

use crate::model::Slot;
use crate::rules::util::{need_table, role_in, sum_identity, Term, SUM_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "T1-EXP-GRAND",
    name: "expenditure-grand-total-mismatch",
    family: "summary",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["T1-4"],
    title_zh: "支出总计与合计、结余之和不符",
    title_en: "Expenditure grand total does not equal total expenditure plus balances",
    messages: SUM_MESSAGES,
    zh: RuleDoc {
        what: "收入支出决算总表中，支出方“总计”应等于本年支出合计 + 结余分配 + 年末结转和结余。",
        why: "支出方总计说明钱的去向：花掉的、分配的和留到下年的。三者之和与总计不符，说明某一项填错。",
        example: "本年支出合计 480.00、年末结转和结余 40.00，总计写成 510.00：差 10.00。",
        tolerance: "元表精确到分；万元表允许三项的舍入误差，仅为尾数误差时列为提示。",
        not_applicable: "没有收入支出决算总表，或缺少支出方总计、本年支出合计行时不核对。",
    },
    en: RuleDoc {
        what: "In the summary table, the expenditure-side grand total must equal total expenditure + distribution of balances + balances carried to next year.",
        why: "The expenditure side shows where the money went: spent, distributed or carried forward. If these do not add up to the total, one of them is wrong.",
        example: "Total expenditure 480.00 and balances carried forward 40.00, but a grand total of 510.00: off by 10.00.",
        tolerance: "Exact in yuan; in 10k yuan the rounding of the three terms is allowed and a rounding-only difference is a note.",
        not_applicable: "Skipped without the summary table or without its expenditure grand-total and total-expenditure rows.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t) = need_table(ctx, r, Slot::T1) else {
        return;
    };
    let (Some(grand), Some(total)) = (
        role_in(t, "expenditure", "grand_total"),
        role_in(t, "expenditure", "expenditure_total"),
    ) else {
        ctx.na(
            "收入支出决算总表缺少支出方总计或本年支出合计行",
            "the summary table lacks the expenditure grand total or total expenditure",
        );
        return;
    };
    let mut parts = vec![Term::new(t, total, "amount")];
    for role in ["distribution", "carry_out"] {
        if let Some(row) = role_in(t, "expenditure", role) {
            parts.push(Term::new(t, row, "amount"));
        }
    }
    sum_identity(ctx, RULE.certainty, Term::new(t, grand, "amount"), &parts);
}
