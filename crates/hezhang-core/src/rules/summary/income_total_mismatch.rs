//! T1-INCOME-TOTAL — income-total-mismatch (T1-1).

use crate::model::Slot;
use crate::rules::util::{need_table, role_in, sum_identity, Term, SUM_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "T1-INCOME-TOTAL",
    name: "income-total-mismatch",
    family: "summary",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["T1-1"],
    title_zh: "本年收入合计与各项收入之和不符",
    title_en: "Total income does not equal the sum of the income lines",
    messages: SUM_MESSAGES,
    zh: RuleDoc {
        what: "收入支出决算总表中，“本年收入合计”应等于一般公共预算财政拨款收入、政府性基金、国有资本经营、上级补助、事业、经营、附属单位上缴和其他收入各行之和。",
        why: "本年收入合计是全年收入的总账。合计与各项之和不一致，说明某一项收入或合计填错，读者无法知道单位实际收到多少钱。",
        example: "一般公共预算财政拨款收入 100.00、其他收入 5.00，本年收入合计却写成 106.00：差 1.00。",
        tolerance: "元表精确到分，任何差额都是错误；万元表允许各项舍入误差之和，仅为尾数误差时列为提示。",
        not_applicable: "报告中没有收入支出决算总表，或表中找不到本年收入合计行时不核对。",
    },
    en: RuleDoc {
        what: "In the income and expenditure summary, total income for the year must equal the sum of the income lines (the three fiscal appropriations, grants from the level above, operating, business, affiliated-unit and other income).",
        why: "Total income is the headline of the year's receipts. If it differs from its lines, one of them or the total is wrong and readers cannot tell how much money came in.",
        example: "General-budget appropriations 100.00 and other income 5.00, but total income printed as 106.00: off by 1.00.",
        tolerance: "Tables in yuan are exact to the fen; tables in 10k yuan allow the rounding of each line, and a rounding-only difference is a note.",
        not_applicable: "Skipped when the report has no income and expenditure summary or no total-income row.",
    },
    check,
};

const LINES: &[&str] = &[
    "inc_general",
    "inc_gov_fund",
    "inc_state_capital",
    "inc_superior",
    "inc_business",
    "inc_operating",
    "inc_affiliated",
    "inc_other",
];

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t) = need_table(ctx, r, Slot::T1) else {
        return;
    };
    let Some(total) = role_in(t, "income", "income_total") else {
        ctx.na(
            "收入支出决算总表中没有“本年收入合计”行",
            "no total-income row in the summary table",
        );
        return;
    };
    let parts: Vec<Term> = LINES
        .iter()
        .filter_map(|role| role_in(t, "income", role))
        .map(|row| Term::new(t, row, "amount"))
        .collect();
    if parts.is_empty() {
        ctx.na(
            "收入支出决算总表中找不到收入项目行",
            "no income lines in the summary table",
        );
        return;
    }
    sum_identity(ctx, RULE.certainty, Term::new(t, total, "amount"), &parts);
}
