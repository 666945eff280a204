//! T1-EXP-TOTAL — expenditure-total-mismatch (T1-3).

use crate::model::Slot;
use crate::rules::util::{need_table, role_in, sum_identity, Term, SUM_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "T1-EXP-TOTAL",
    name: "expenditure-total-mismatch",
    family: "summary",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["T1-3"],
    title_zh: "本年支出合计与各类支出之和不符",
    title_en: "Total expenditure does not equal the sum of the function categories",
    messages: SUM_MESSAGES,
    zh: RuleDoc {
        what: "收入支出决算总表中，“本年支出合计”应等于各功能分类（类级，如一般公共服务支出、社会保障和就业支出……）支出之和。",
        why: "支出合计告诉读者钱一共花了多少，各类支出告诉读者花在哪里。两者对不上，说明某类支出或合计有误。",
        example: "一般公共服务支出 300.00、住房保障支出 50.00，本年支出合计写成 360.00：差 10.00。",
        tolerance: "元表精确到分；万元表允许各类的舍入误差，仅为尾数误差时列为提示。",
        not_applicable: "没有收入支出决算总表，或找不到本年支出合计行、类级支出行时不核对。",
    },
    en: RuleDoc {
        what: "In the summary table, total expenditure must equal the sum of the function-classification categories (general public services, social security and employment, …).",
        why: "Total expenditure says how much was spent; the categories say on what. If they disagree, a category or the total is wrong.",
        example: "General public services 300.00 and housing 50.00, but total expenditure printed as 360.00: off by 10.00.",
        tolerance: "Exact in yuan; in 10k yuan the rounding of each category is allowed and a rounding-only difference is a note.",
        not_applicable: "Skipped without the summary table, its total-expenditure row or its category rows.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t) = need_table(ctx, r, Slot::T1) else {
        return;
    };
    let Some(total) = role_in(t, "expenditure", "expenditure_total") else {
        ctx.na(
            "收入支出决算总表中没有“本年支出合计”行",
            "no total-expenditure row in the summary table",
        );
        return;
    };
    let parts: Vec<Term> = t
        .rows
        .iter()
        .filter(|r| r.panel == Some("expenditure") && r.role == Some("category"))
        .map(|row| Term::new(t, row, "amount"))
        .collect();
    if parts.is_empty() {
        ctx.na(
            "收入支出决算总表中找不到类级支出行",
            "no category rows in the summary table",
        );
        return;
    }
    sum_identity(ctx, RULE.certainty, Term::new(t, total, "amount"), &parts);
}
