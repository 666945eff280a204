//! XT-SAME — same-figure-mismatch (X-1 … X-8).

use crate::model::{Report, Row, Slot, Table};
use crate::rules::util::{
    categories_by_name, role_in, same_figure, sum_identity, Term, SAME_MESSAGES,
};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};

pub const RULE: Rule = Rule {
    code: "XT-SAME",
    name: "same-figure-mismatch",
    family: "cross",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["X-1", "X-2", "X-3", "X-4", "X-5", "X-6", "X-7", "X-8"],
    title_zh: "同一数字在两张表中不一致",
    title_en: "The same figure differs between two tables",
    messages: SAME_MESSAGES,
    zh: RuleDoc {
        what: "同一个数在不同表中必须一致：总表的各项收入与收入决算表、财政拨款总表；总表的本年支出合计及各类支出与支出决算表；财政拨款总表的一般公共预算各类支出与一般公共预算支出表；政府性基金、国有资本经营各栏与其专表；一般公共预算基本支出与经济分类表的人员经费 + 公用经费。",
        why: "决算各表是同一套账的不同角度。同一个数两处不一样，至少有一处是错的，读者不知道该信哪个。",
        example: "收入支出决算总表“一般公共服务支出” 3,970,402.21，支出决算表 201 行 3,970,402.12。",
        tolerance: "元表精确到分；万元表相差 1 个单位（0.01 万元）列为尾数误差提示，更大即为错误；一方是多项舍入之和时按多项舍入误差判断。",
        not_applicable: "缺少任一方的表、行或栏时跳过该组比较，并说明缺少什么。",
    },
    en: RuleDoc {
        what: "The same figure must agree across tables: the summary's income lines with the income table and the fiscal summary; total expenditure and each category with the expenditure table; the fiscal summary's general-budget categories with the general-budget table; government-fund and state-capital columns with their own tables; general-budget basic spending with personnel + public funds in the economic table.",
        why: "The tables are views of one set of accounts. When one figure differs between two of them, at least one is wrong and readers cannot tell which.",
        example: "Summary “general public services” 3,970,402.21; expenditure table row 201 3,970,402.12.",
        tolerance: "Exact in yuan; in 10k yuan a 1-unit difference is a rounding note and more is an error; when one side is a sum of rounded parts, the rounding of all parts is allowed.",
        not_applicable: "Each comparison is skipped, with the reason, when a table, row or column on either side is missing.",
    },
    check,
};

fn pair(ctx: &mut Ctx, a: Option<Term>, b: Option<Term>, what: &str, what_en: &str) {
    match (a, b) {
        (Some(a), Some(b)) => {
            if a.is_blank() && b.is_blank() {
                ctx.pass();
            } else {
                same_figure(ctx, RULE.certainty, a, b);
            }
        }
        _ => ctx.na(
            format!("无法比较：{what}"),
            format!("cannot compare: {what_en}"),
        ),
    }
}

fn term<'a>(t: Option<&'a Table>, row: Option<&'a Row>, col: &'static str) -> Option<Term<'a>> {
    let t = t?;
    let row = row?;
    t.has_column(col).then(|| Term::new(t, row, col))
}

fn check(r: &Report, ctx: &mut Ctx) {
    let t1 = r.table(Slot::T1);
    let t2 = r.table(Slot::T2);
    let t3 = r.table(Slot::T3);
    let t4 = r.table(Slot::T4);
    let t5 = r.table(Slot::T5);
    let t6 = r.table(Slot::T6);
    let t8 = r.table(Slot::T8);
    let t9 = r.table(Slot::T9);
    let t1_inc = |role: &str| t1.and_then(|t| role_in(t, "income", role));
    let t4_inc = |role: &str| t4.and_then(|t| role_in(t, "income", role));
    let t4_exp = |role: &str| t4.and_then(|t| role_in(t, "expenditure", role));
    fn total(t: Option<&Table>) -> Option<&Row> {
        t.and_then(|t| t.row_by_role("total"))
    }

    // T1 r1..r3 = T4 r1..r3
    if t1.is_some() && t4.is_some() {
        for role in ["inc_general", "inc_gov_fund", "inc_state_capital"] {
            pair(
                ctx,
                term(t1, t1_inc(role), "amount"),
                term(t4, t4_inc(role), "amount"),
                "总表与财政拨款总表的财政拨款收入",
                "fiscal income in the two summaries",
            );
        }
    }
    // T1 r27 = T2 合计 c1; T1 r4..r8 = T2 合计 c3..c7; T2 合计 c2 = T4 r27
    if t1.is_some() && t2.is_some() {
        pair(
            ctx,
            term(t1, t1_inc("income_total"), "amount"),
            term(t2, total(t2), "total"),
            "本年收入合计",
            "total income",
        );
        for (role, col) in [
            ("inc_superior", "superior"),
            ("inc_business", "business"),
            ("inc_operating", "operating"),
            ("inc_affiliated", "affiliated"),
            ("inc_other", "other"),
        ] {
            if t2.is_some_and(|t| t.has_column(col)) {
                pair(
                    ctx,
                    term(t1, t1_inc(role), "amount"),
                    term(t2, total(t2), col),
                    "总表收入项目与收入决算表",
                    "income lines vs the income table",
                );
            }
        }
        // T1 r1 + r2 + r3 = T2 合计 c2
        if let (Some(t1t), Some(fiscal)) = (t1, term(t2, total(t2), "fiscal")) {
            let parts: Vec<Term> = ["inc_general", "inc_gov_fund", "inc_state_capital"]
                .iter()
                .filter_map(|role| role_in(t1t, "income", role))
                .map(|row| Term::new(t1t, row, "amount"))
                .collect();
            if !parts.is_empty() {
                sum_identity(ctx, RULE.certainty, fiscal, &parts);
            }
        }
    }
    if t2.is_some() && t4.is_some() {
        pair(
            ctx,
            term(t2, total(t2), "fiscal"),
            term(t4, t4_inc("income_total"), "amount"),
            "财政拨款收入合计",
            "total fiscal income",
        );
    }
    // T1 r58 = T3 合计 c1; each T1 类 = T3 类 c1
    if let (Some(a), Some(b)) = (t1, t3) {
        pair(
            ctx,
            term(t1, role_in(a, "expenditure", "expenditure_total"), "amount"),
            term(t3, total(t3), "total"),
            "本年支出合计",
            "total expenditure",
        );
        categories(ctx, a, "amount", b, "total");
    }
    // T4 c3 per 类 and r59 c3 = T5 类 rows and 合计 c1
    if let (Some(a), Some(b)) = (t4, t5) {
        pair(
            ctx,
            term(t4, t4_exp("expenditure_total"), "general"),
            term(t5, total(t5), "total"),
            "一般公共预算财政拨款支出合计",
            "general-budget expenditure total",
        );
        categories(ctx, a, "general", b, "total");
    }
    // T4 government-fund and state-capital columns vs their tables (when they have data)
    for (tt, col, inc_role, ci_role) in [
        (t8, "gov_fund", "inc_gov_fund", "carry_in_gov_fund"),
        (
            t9,
            "state_capital",
            "inc_state_capital",
            "carry_in_state_capital",
        ),
    ] {
        let (Some(a), Some(b)) = (t4, tt) else {
            continue;
        };
        if b.empty_note {
            continue; // XT-EMPTY covers an empty table
        }
        pair(
            ctx,
            term(t4, t4_exp("expenditure_total"), col),
            term(tt, total(tt), "total"),
            "基金支出合计",
            "fund expenditure total",
        );
        if b.has_column("income") {
            pair(
                ctx,
                term(t4, t4_inc(inc_role), "amount"),
                term(tt, total(tt), "income"),
                "基金本年收入",
                "fund income",
            );
        }
        if b.has_column("carry_in") {
            pair(
                ctx,
                term(t4, t4_inc(ci_role), "amount"),
                term(tt, total(tt), "carry_in"),
                "基金年初结转和结余",
                "fund opening balance",
            );
        }
        if b.has_column("carry_out") {
            pair(
                ctx,
                term(t4, t4_exp("carry_out"), col),
                term(tt, total(tt), "carry_out"),
                "基金年末结转和结余",
                "fund closing balance",
            );
        }
        categories(ctx, a, col, b, "total");
    }
    // T5 合计 基本支出 = T6 人员经费合计 + 公用经费合计 (basic)
    if let (Some(b5), Some(b6)) = (t5, t6) {
        let p = b6.row_by_role("personnel_total");
        let q = b6.row_by_role("public_total");
        match (total(t5), p, q) {
            (Some(tot), Some(p), Some(q)) if b5.has_column("basic") && b6.has_column("basic") => {
                sum_identity(
                    ctx,
                    RULE.certainty,
                    Term::new(b5, tot, "basic"),
                    &[Term::new(b6, p, "basic"), Term::new(b6, q, "basic")],
                );
                // X-8 (Shanxi): 金额 covers all general-budget spending
                if b6.has_column("amount") && b5.has_column("total") {
                    sum_identity(
                        ctx,
                        RULE.certainty,
                        Term::new(b5, tot, "total"),
                        &[Term::new(b6, p, "amount"), Term::new(b6, q, "amount")],
                    );
                }
            }
            _ => ctx.na(
                "无法比较一般公共预算基本支出与经济分类表的人员经费、公用经费",
                "cannot compare general-budget basic spending with the economic table's totals",
            ),
        }
    }
}

/// Each category line of a summary panel against the 类 row of a coded table.
fn categories(
    ctx: &mut Ctx,
    summary: &Table,
    scol: &'static str,
    coded: &Table,
    ccol: &'static str,
) {
    if !summary.has_column(scol) || !coded.has_column(ccol) {
        return;
    }
    let by_name = categories_by_name(coded);
    for row in summary
        .rows
        .iter()
        .filter(|r| r.panel == Some("expenditure") && r.role == Some("category"))
    {
        let a = Term::new(summary, row, scol);
        match by_name.get(&crate::text::key(&row.label)).copied() {
            Some(c) => same_figure(ctx, RULE.certainty, a, Term::new(coded, c, ccol)),
            None => {
                if a.num().is_some_and(|n| !n.value.is_zero()) {
                    ctx.na(
                        format!("《{}》中找不到与“{}”同名的类", coded.title, row.label),
                        format!("“{}” has no category named “{}”", coded.title, row.label),
                    );
                } else {
                    ctx.pass();
                }
            }
        }
    }
}
