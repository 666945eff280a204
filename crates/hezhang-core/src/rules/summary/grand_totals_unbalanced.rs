//! T1-BALANCE — grand-totals-unbalanced (T1-5).

use crate::model::Slot;
use crate::rules::util::{need_table, role_in, same_figure, Term, SAME_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "T1-BALANCE",
    name: "grand-totals-unbalanced",
    family: "summary",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["T1-5"],
    title_zh: "收入总计与支出总计不相等",
    title_en: "Income and expenditure grand totals differ",
    messages: SAME_MESSAGES,
    zh: RuleDoc {
        what: "收入支出决算总表两边的“总计”必须相等：收入方总计 = 支出方总计。",
        why: "决算表是平衡表，钱从哪里来（收入方）与钱到哪里去（支出方）必须相等。不相等说明表本身没有编平。",
        example: "收入方总计 520.00，支出方总计 518.00：差 2.00。",
        tolerance: "同一数字，元表精确到分；万元表相差 1 个单位（0.01 万元）列为尾数误差提示，超过即为错误。",
        not_applicable: "没有收入支出决算总表或缺少任一方总计时不核对。",
    },
    en: RuleDoc {
        what: "The two grand totals of the summary table must be equal: income side = expenditure side.",
        why: "The summary is a balance sheet: where money came from must equal where it went. If not, the table does not balance.",
        example: "Income grand total 520.00, expenditure grand total 518.00: off by 2.00.",
        tolerance: "Same figure: exact in yuan; in 10k yuan a 1-unit (0.01) difference is a rounding note, more is an error.",
        not_applicable: "Skipped without the summary table or either grand total.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t) = need_table(ctx, r, Slot::T1) else {
        return;
    };
    let (Some(a), Some(b)) = (
        role_in(t, "income", "grand_total"),
        role_in(t, "expenditure", "grand_total"),
    ) else {
        ctx.na(
            "收入支出决算总表缺少收入方或支出方总计",
            "the summary table lacks a grand total",
        );
        return;
    };
    same_figure(
        ctx,
        RULE.certainty,
        Term::new(t, a, "amount"),
        Term::new(t, b, "amount"),
    );
}
