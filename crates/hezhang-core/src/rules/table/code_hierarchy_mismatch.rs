//! CODE-HIERARCHY — code-hierarchy-mismatch (F-2).

use crate::model::{Row, Slot};
use crate::rules::util::{need_table, sum_identity, Term, SUM_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "CODE-HIERARCHY",
    name: "code-hierarchy-mismatch",
    family: "table",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["F-2"],
    title_zh: "上级科目与下级科目之和不符",
    title_en: "A classification total does not equal the sum of its sub-items",
    messages: SUM_MESSAGES,
    zh: RuleDoc {
        what: "按功能分类科目编码的表（收入、支出、一般公共预算、政府性基金、国有资本经营）中，每一栏：合计 = 各类（3位编码）之和；类 = 其下各款（5位）之和；款 = 其下各项（7位）之和。没有列出下级的科目视为末级，不核对。",
        why: "科目是层层汇总的：项加成款，款加成类，类加成合计。某一层对不上，说明有科目漏列、重复或数字填错。",
        example: "201 一般公共服务支出 500.00，其下 20101 人大事务 200.00、20103 政府办公厅 280.00：差 20.00。",
        tolerance: "元表精确到分；万元表允许各下级科目的舍入误差之和（(n+1)·½ 个单位），仅为尾数误差时列为提示。",
        not_applicable: "对应的表不存在，或只有合计行、没有编码行时不核对；末级科目无下级，不核对。",
    },
    en: RuleDoc {
        what: "In the tables by function code (income, expenditure, general budget, government funds, state capital), for every column: total = the categories (3-digit codes); a category = its items (5 digits); an item = its sub-items (7 digits). A code with no printed children is a leaf and is not checked.",
        why: "Codes add up level by level. A level that does not add up means a code is missing, repeated or mistyped.",
        example: "201 general public services 500.00, children 20101 200.00 and 20103 280.00: off by 20.00.",
        tolerance: "Exact in yuan; in 10k yuan the rounding of the children ((n+1)·½ unit) is allowed and a rounding-only difference is a note.",
        not_applicable: "Skipped for absent tables or tables with no coded rows; leaf codes have nothing to add up.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    for slot in [Slot::T2, Slot::T3, Slot::T5, Slot::T8, Slot::T9] {
        let Some(t) = need_table(ctx, r, slot) else {
            continue;
        };
        if t.coded_rows(3).next().is_none() {
            if t.empty_note {
                ctx.pass();
            } else {
                ctx.na(
                    format!("《{}》中没有科目编码行", t.title),
                    format!("“{}” has no coded rows", t.title),
                );
            }
            continue;
        }
        let cols: Vec<&'static str> = t.columns.iter().map(|c| c.key).collect();
        if let Some(total) = t.row_by_role("total") {
            let cats: Vec<&Row> = t.coded_rows(3).collect();
            for c in &cols {
                let parts: Vec<Term> = cats.iter().map(|r| Term::new(t, r, c)).collect();
                let stated = Term::new(t, total, c);
                if stated.is_blank() && parts.iter().all(|p| p.is_blank()) {
                    continue;
                }
                sum_identity(ctx, RULE.certainty, stated, &parts);
            }
        } else {
            ctx.na(
                format!("《{}》中没有合计行", t.title),
                format!("“{}” has no total row", t.title),
            );
        }
        for (plen, clen) in [(3, 5), (5, 7)] {
            // children grouped once per level: a scan per parent is quadratic in big tables
            let children = t.children_by_parent(plen, clen);
            for parent in t.coded_rows(plen) {
                let code = parent.code.as_deref().unwrap_or_default();
                let Some(kids) = children.get(code) else {
                    continue;
                };
                for c in &cols {
                    let parts: Vec<Term> = kids.iter().map(|r| Term::new(t, r, c)).collect();
                    let stated = Term::new(t, parent, c);
                    if stated.is_blank() && parts.iter().all(|p| p.is_blank()) {
                        continue;
                    }
                    sum_identity(ctx, RULE.certainty, stated, &parts);
                }
            }
        }
    }
}
