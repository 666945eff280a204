//! ECON-FOOTER — economic-footer-mismatch (T6-2).

use crate::model::{Row, Slot};
use crate::rules::util::{need_table, sum_identity, Term, SUM_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "ECON-FOOTER",
    name: "economic-footer-mismatch",
    family: "econ",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["T6-2"],
    title_zh: "人员经费或公用经费合计与各类之和不符",
    title_en: "Personnel or public-funds total does not equal its groups",
    messages: SUM_MESSAGES,
    zh: RuleDoc {
        what: "经济分类表底部：人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助；公用经费合计 = 其余各类（302 商品和服务支出、310 资本性支出等）之和。每一金额栏分别核对。",
        why: "人员经费和公用经费是读者最常引用的两个数：养人花了多少，办事花了多少。合计对不上，这两个数就不可信。",
        example: "301 为 300.00、303 为 20.00，人员经费合计却写 330.00：差 10.00。",
        tolerance: "元表精确到分；万元表允许各类的舍入误差之和，仅为尾数误差时列为提示。",
        not_applicable: "没有该表，或找不到人员经费合计、公用经费合计行时不核对。",
    },
    en: RuleDoc {
        what: "At the foot of the economic table: personnel total = 301 wages and benefits + 303 transfers to individuals; public-funds total = the other groups (302 goods and services, 310 capital, …). Each amount column separately.",
        why: "Personnel and public funds are the two figures readers quote most: what staff cost and what running the office cost. If the totals do not add up, neither figure can be trusted.",
        example: "301 is 300.00 and 303 is 20.00, but the personnel total says 330.00: off by 10.00.",
        tolerance: "Exact in yuan; in 10k yuan the rounding of the groups is allowed and a rounding-only difference is a note.",
        not_applicable: "Skipped without the table or without its personnel and public-funds total rows.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t) = need_table(ctx, r, Slot::T6) else {
        return;
    };
    let cols: Vec<&'static str> = t.columns.iter().map(|c| c.key).collect();
    let groups: Vec<&Row> = t.coded_rows(3).collect();
    for (role, personnel) in [("personnel_total", true), ("public_total", false)] {
        let Some(total) = t.row_by_role(role) else {
            ctx.na(
                if personnel {
                    "经济分类表中没有人员经费合计行"
                } else {
                    "经济分类表中没有公用经费合计行"
                },
                if personnel {
                    "the economic table has no personnel total"
                } else {
                    "the economic table has no public-funds total"
                },
            );
            continue;
        };
        let members: Vec<&&Row> = groups
            .iter()
            .filter(|g| {
                let c = g.code.as_deref().unwrap_or_default();
                (c == "301" || c == "303") == personnel
            })
            .collect();
        for c in &cols {
            let parts: Vec<Term> = members.iter().map(|g| Term::new(t, g, c)).collect();
            let stated = Term::new(t, total, c);
            if stated.is_blank() && parts.iter().all(|p| p.is_blank()) {
                continue;
            }
            sum_identity(ctx, RULE.certainty, stated, &parts);
        }
    }
}
