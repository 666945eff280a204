//! T4-TOTALS — fiscal-summary-mismatch (T4-1, T4-2, T4-3).

use crate::model::{Row, Slot, Table};
use crate::rules::util::{need_table, role_in, sum_identity, Term, SUM_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "T4-TOTALS",
    name: "fiscal-summary-mismatch",
    family: "summary",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["T4-1", "T4-2", "T4-3"],
    title_zh: "财政拨款收入支出决算总表内部不平",
    title_en: "The fiscal appropriations summary does not add up",
    messages: SUM_MESSAGES,
    zh: RuleDoc {
        what: "财政拨款收入支出决算总表中：本年收入合计 = 三类财政拨款收入之和；年初结转和结余 = 三类之和；收入总计 = 本年收入合计 + 年初结转和结余；每一支出行的合计 = 一般公共预算 + 政府性基金 + 国有资本经营三列之和；每列的本年支出合计 = 各类支出之和；总计 = 本年支出合计 + 年末结转和结余；收入总计 = 支出总计。",
        why: "这张表只统计财政拨款，是公众最关心的“财政的钱”的总账。任何一个等式不成立，都说明财政拨款的收支数据有误。",
        example: "一般公共服务支出行：合计 120.00，一般公共预算 100.00、政府性基金 10.00：差 10.00。",
        tolerance: "元表精确到分；万元表允许参与相加各项的舍入误差，仅为尾数误差时列为提示。",
        not_applicable: "没有财政拨款收入支出决算总表时不核对；缺少某行或某列时，只跳过用到它的等式并说明原因。",
    },
    en: RuleDoc {
        what: "In the fiscal appropriations summary: total income = the three fiscal funds; balances carried in = the three funds; income grand total = total income + balances carried in; on every expenditure row, total = general budget + government funds + state capital; per column, total expenditure = the categories; grand total = total expenditure + balances carried forward; income grand total = expenditure grand total.",
        why: "This table covers only fiscal appropriations, the public money readers care most about. Any broken identity means its figures are wrong.",
        example: "General public services: total 120.00, general budget 100.00, government funds 10.00: off by 10.00.",
        tolerance: "Exact in yuan; in 10k yuan the rounding of the terms is allowed and a rounding-only difference is a note.",
        not_applicable: "Skipped without the fiscal appropriations summary; a missing row or column skips only the identities that need it, with the reason.",
    },
    check,
};

const FUNDS: [&str; 3] = ["general", "gov_fund", "state_capital"];

fn terms<'a>(t: &'a Table, rows: &[Option<&'a Row>], col: &'static str) -> Option<Vec<Term<'a>>> {
    rows.iter()
        .map(|r| r.map(|r| Term::new(t, r, col)))
        .collect()
}

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t) = need_table(ctx, r, Slot::T4) else {
        return;
    };
    let inc = |role: &str| role_in(t, "income", role);
    let exp = |role: &str| role_in(t, "expenditure", role);
    // T4-1: income side
    match (
        inc("income_total"),
        terms(
            t,
            &[
                inc("inc_general"),
                inc("inc_gov_fund"),
                inc("inc_state_capital"),
            ],
            "amount",
        ),
    ) {
        (Some(total), Some(parts)) => {
            sum_identity(ctx, RULE.certainty, Term::new(t, total, "amount"), &parts);
        }
        _ => ctx.na(
            "财政拨款总表缺少本年收入合计或三类财政拨款收入行",
            "the fiscal summary lacks total income or the three fund lines",
        ),
    }
    if let (Some(ci), Some(parts)) = (
        inc("carry_in"),
        terms(
            t,
            &[
                inc("carry_in_general"),
                inc("carry_in_gov_fund"),
                inc("carry_in_state_capital"),
            ],
            "amount",
        ),
    ) {
        sum_identity(ctx, RULE.certainty, Term::new(t, ci, "amount"), &parts);
    }
    match (inc("grand_total"), inc("income_total"), inc("carry_in")) {
        (Some(g), Some(ti), Some(ci)) => {
            sum_identity(
                ctx,
                RULE.certainty,
                Term::new(t, g, "amount"),
                &[Term::new(t, ti, "amount"), Term::new(t, ci, "amount")],
            );
        }
        _ => ctx.na(
            "财政拨款总表缺少收入总计、本年收入合计或年初结转和结余行",
            "the fiscal summary lacks the income grand total, total income or balances carried in",
        ),
    }
    // T4-2: every expenditure row, total = three funds
    if !t.has_column("total") || FUNDS.iter().any(|f| !t.has_column(f)) {
        ctx.na(
            "财政拨款总表支出方缺少合计或三类资金列",
            "the fiscal summary's expenditure side lacks the total or fund columns",
        );
    } else {
        for row in t.rows.iter().filter(|r| r.panel == Some("expenditure")) {
            if row.role.is_some_and(|r| r.starts_with("carry_out_")) {
                continue;
            }
            let parts: Vec<Term> = FUNDS.iter().map(|f| Term::new(t, row, f)).collect();
            let all_blank =
                parts.iter().all(|p| p.is_blank()) && Term::new(t, row, "total").is_blank();
            if all_blank {
                continue;
            }
            sum_identity(ctx, RULE.certainty, Term::new(t, row, "total"), &parts);
        }
    }
    // T4-3: per column, 本年支出合计 = Σ 类; 总计 = 本年支出合计 + 年末
    let cats: Vec<&Row> = t
        .rows
        .iter()
        .filter(|r| r.panel == Some("expenditure") && r.role == Some("category"))
        .collect();
    let cols: Vec<&'static str> = ["total", "general", "gov_fund", "state_capital"]
        .into_iter()
        .filter(|c| t.has_column(c))
        .collect();
    match exp("expenditure_total") {
        Some(total) if !cats.is_empty() => {
            for c in &cols {
                let parts: Vec<Term> = cats.iter().map(|r| Term::new(t, r, c)).collect();
                sum_identity(ctx, RULE.certainty, Term::new(t, total, c), &parts);
            }
        }
        _ => ctx.na(
            "财政拨款总表缺少本年支出合计或类级支出行",
            "the fiscal summary lacks total expenditure or category rows",
        ),
    }
    match (exp("grand_total"), exp("expenditure_total"), exp("carry_out")) {
        (Some(g), Some(te), Some(co)) => {
            for c in &cols {
                sum_identity(
                    ctx,
                    RULE.certainty,
                    Term::new(t, g, c),
                    &[Term::new(t, te, c), Term::new(t, co, c)],
                );
            }
        }
        _ => ctx.na("财政拨款总表缺少支出方总计、本年支出合计或年末结转和结余行", "the fiscal summary lacks the expenditure grand total, total expenditure or balances carried forward"),
    }
    if let (Some(gi), Some(ge)) = (inc("grand_total"), exp("grand_total")) {
        if t.has_column("total") {
            sum_identity(
                ctx,
                RULE.certainty,
                Term::new(t, gi, "amount"),
                &[Term::new(t, ge, "total")],
            );
        }
    }
}
