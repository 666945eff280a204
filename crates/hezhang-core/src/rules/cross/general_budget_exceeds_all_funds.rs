//! XT-PART-LE — part-exceeds-whole across tables.

use crate::model::{Report, Slot};
use crate::rules::util::{part_le_whole, role_in, Term, LE_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};

pub const RULE: Rule = Rule {
    code: "XT-PART-LE",
    name: "general-budget-exceeds-all-funds",
    family: "cross",
    certainty: Certainty::Customary,
    since: "0.1.0",
    identities: &["X-9", "X-11"],
    title_zh: "财政拨款部分大于全部资金",
    title_en: "A fiscal-appropriation figure exceeds the all-funds figure",
    messages: LE_MESSAGES,
    zh: RuleDoc {
        what: "一般公共预算财政拨款是单位全部资金的一部分：一般公共预算支出表每个科目（合计、基本、项目）不应大于支出决算表同一科目；财政拨款的年初、年末结转和结余及总计不应大于收入支出决算总表的对应数。",
        why: "部分大于整体，说明某张表的数字可能填错或口径不一，需要核实。",
        example: "一般公共预算支出表 2010301 合计 120.00，支出决算表同一科目 100.00。",
        tolerance: "按惯例成立，不成立时列为“需核实”；允许舍入误差。",
        not_applicable: "缺少其中一张表，或另一张表中没有同一科目时不核对。",
    },
    en: RuleDoc {
        what: "General-budget appropriations are part of all the unit's money: each code of the general-budget table (total, basic, project) should not exceed the same code in the expenditure table; fiscal opening and closing balances and the fiscal grand total should not exceed those of the summary table.",
        why: "A part larger than its whole suggests a wrong figure or a different scope in one of the tables; it needs checking.",
        example: "General-budget table 2010301 total 120.00; expenditure table, same code, 100.00.",
        tolerance: "Customary: a breach is a warning; rounding is allowed.",
        not_applicable: "Skipped when either table is missing or the code does not appear in the other table.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    match (r.table(Slot::T5), r.table(Slot::T3)) {
        (Some(t5), Some(t3)) => {
            let t3_codes = t3.rows_by_code();
            for row in &t5.rows {
                let other = match (&row.code, row.role) {
                    (Some(c), _) => t3_codes.get(c.as_str()).copied(),
                    (None, Some("total")) => t3.row_by_role("total"),
                    _ => None,
                };
                let Some(other) = other else {
                    ctx.na(
                        format!("支出决算表中没有 {}", row.display()),
                        format!("the expenditure table has no {}", row.display()),
                    );
                    continue;
                };
                for col in ["total", "basic", "project"] {
                    if !(t5.has_column(col) && t3.has_column(col)) {
                        continue;
                    }
                    let part = Term::new(t5, row, col);
                    if part.is_blank() {
                        continue;
                    }
                    part_le_whole(ctx, RULE.certainty, &[part], Term::new(t3, other, col));
                }
            }
        }
        _ => ctx.na(
            "缺少一般公共预算财政拨款支出决算表或支出决算表",
            "the general-budget or expenditure table is missing",
        ),
    }
    match (r.table(Slot::T4), r.table(Slot::T1)) {
        (Some(t4), Some(t1)) => {
            for (p4, role4, col4, role1) in [
                ("income", "carry_in", "amount", "carry_in"),
                ("income", "grand_total", "amount", "grand_total"),
                ("expenditure", "carry_out", "total", "carry_out"),
            ] {
                let a = role_in(t4, p4, role4).filter(|_| t4.has_column(col4));
                let b = role_in(t1, p4, role1);
                match (a, b) {
                    (Some(a), Some(b)) => {
                        let part = Term::new(t4, a, col4);
                        if part.is_blank() {
                            ctx.pass();
                            continue;
                        }
                        part_le_whole(ctx, RULE.certainty, &[part], Term::new(t1, b, "amount"));
                    }
                    _ => ctx.na(
                        "总表中缺少结转结余或总计行",
                        "a balance or grand-total row is missing",
                    ),
                }
            }
        }
        _ => ctx.na(
            "缺少财政拨款收入支出决算总表或收入支出决算总表",
            "a summary table is missing",
        ),
    }
}
