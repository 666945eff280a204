//! ECON-HIERARCHY — economic-hierarchy-mismatch (T6-1).

use crate::model::Slot;
use crate::rules::util::{need_table, sum_identity, Term, SUM_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "ECON-HIERARCHY",
    name: "economic-hierarchy-mismatch",
    family: "econ",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["T6-1"],
    title_zh: "经济分类的类与其下各款之和不符",
    title_en: "An economic-classification group does not equal its items",
    messages: SUM_MESSAGES,
    zh: RuleDoc {
        what: "按经济分类列示的基本支出（明细）表中，每一类（如 301 工资福利支出、302 商品和服务支出）应等于其下各款（如 30101 基本工资……30199）之和，每一金额栏分别核对。标“——”的单元格不参与计算。",
        why: "经济分类说明钱花在工资、办公费、差旅费等具体用途上。类与款对不上，说明某笔用途的数字有误，影响对“钱花在哪”的判断。",
        example: "302 商品和服务支出 356.20，其下各款之和 656.40：差 300.20，可能是某款抄成了上级的数字。",
        tolerance: "元表精确到分；万元表允许各款的舍入误差之和（(n+1)·½ 个单位），仅为尾数误差时列为提示。",
        not_applicable: "没有该表，或某类没有列出任何款时不核对。",
    },
    en: RuleDoc {
        what: "In the table by economic classification, each group (301 wages and benefits, 302 goods and services, …) must equal the sum of its items (30101 basic salary … 30199), in every amount column. Cells printed “——” are left out.",
        why: "The economic classification shows what the money bought: salaries, office costs, travel. A group that does not match its items means one of these figures is wrong.",
        example: "302 goods and services 356.20 while its items add up to 656.40: off by 300.20, perhaps an item copied its parent's figure.",
        tolerance: "Exact in yuan; in 10k yuan the rounding of the items ((n+1)·½ unit) is allowed and a rounding-only difference is a note.",
        not_applicable: "Skipped without the table, and for a group with no items listed.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t) = need_table(ctx, r, Slot::T6) else {
        return;
    };
    let cols: Vec<&'static str> = t.columns.iter().map(|c| c.key).collect();
    let mut any = false;
    let children = t.children_by_parent(3, 5);
    for parent in t.coded_rows(3) {
        let code = parent.code.as_deref().unwrap_or_default();
        let Some(kids) = children.get(code) else {
            continue;
        };
        any = true;
        for c in &cols {
            let stated = Term::new(t, parent, c);
            if stated
                .cell()
                .is_some_and(|x| matches!(x.value, crate::model::Value::NotApplicable))
            {
                continue;
            }
            let parts: Vec<Term> = kids.iter().map(|r| Term::new(t, r, c)).collect();
            if stated.is_blank() && parts.iter().all(|p| p.is_blank()) {
                continue;
            }
            sum_identity(ctx, RULE.certainty, stated, &parts);
        }
    }
    if !any {
        ctx.na(
            "经济分类表中没有可汇总的类和款",
            "the economic table has no groups with items",
        );
    }
}
