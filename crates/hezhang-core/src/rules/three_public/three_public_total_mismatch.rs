//! THREE-PUBLIC-TOTAL — three-public-total-mismatch (T7-1).

use rust_decimal::Decimal;

use crate::model::Slot;
use crate::rules::util::{need_table, sum_identity, Term, SUM_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "THREE-PUBLIC-TOTAL",
    name: "three-public-total-mismatch",
    family: "three_public",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["T7-1"],
    title_zh: "“三公”经费合计与三项之和不符",
    title_en: "“Three public” total does not equal its three items",
    messages: SUM_MESSAGES,
    zh: RuleDoc {
        what: "“三公”经费支出决算表中，预算数和决算数分别核对：合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费。表中另列会议费、培训费时（陕西等地），合计可能包含这两项：取两种口径中更接近合计的一种核对。",
        why: "“三公”经费是公众最关注的数字。合计与三项之和不符，就无法知道真实的“三公”支出是多少。",
        example: "决算数：合计 12.00 万元，出国 0、用车 8.00、接待 3.00：差 1.00 万元。",
        tolerance: "元表精确到分；万元表允许三项的舍入误差，仅为尾数误差时列为提示。",
        not_applicable: "没有“三公”表，或缺少合计或任一项目栏时不核对。",
    },
    en: RuleDoc {
        what: "In the “three public” table, for the budget and the final amounts separately: total = overseas trips + official vehicles (purchase and running) + official reception. Where the table also lists meeting and training costs (Shaanxi and others) the total may include them: the reading closer to the total is checked.",
        why: "The “three public” expenses are the figures the public watches most. If the total is not the sum of the three, nobody can tell what was really spent.",
        example: "Final: total 12.00, trips 0, vehicles 8.00, reception 3.00: off by 1.00.",
        tolerance: "Exact in yuan; in 10k yuan the rounding of the three items is allowed and a rounding-only difference is a note.",
        not_applicable: "Skipped without the table or without its total or an item column.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t) = need_table(ctx, r, Slot::T7) else {
        return;
    };
    let Some(data) = t.row_by_role("data") else {
        ctx.na(
            "“三公”表没有数据行",
            "the “three public” table has no data row",
        );
        return;
    };
    for side in ["budget", "final"] {
        let k = |item: &str| -> Option<&'static str> {
            t.columns
                .iter()
                .map(|c| c.key)
                .find(|c| *c == format!("{side}_{item}"))
        };
        let (Some(total), Some(a), Some(v), Some(rc)) =
            (k("total"), k("abroad"), k("vehicle"), k("reception"))
        else {
            ctx.na(
                "“三公”表缺少合计或项目栏",
                "the “three public” table lacks the total or an item column",
            );
            continue;
        };
        let mut parts = vec![
            Term::new(t, data, a),
            Term::new(t, data, v),
            Term::new(t, data, rc),
        ];
        // 会议费 and 培训费 printed beside the three items: some tables add them into 合计
        let extras: Vec<Term> = [k("meeting"), k("training")]
            .into_iter()
            .flatten()
            .map(|c| Term::new(t, data, c))
            .collect();
        if !extras.is_empty() {
            let sum = |ts: &[Term]| -> Option<Decimal> {
                ts.iter()
                    .map(|x| x.num().map(|n| n.value))
                    .sum::<Option<Decimal>>()
            };
            let stated = Term::new(t, data, total).num().map(|n| n.value);
            let with: Vec<Term> = parts.iter().chain(extras.iter()).copied().collect();
            if let (Some(s), Some(p3), Some(p5)) = (stated, sum(&parts), sum(&with)) {
                if (s - p5).abs() < (s - p3).abs() {
                    parts = with;
                }
            }
        }
        sum_identity(ctx, RULE.certainty, Term::new(t, data, total), &parts);
    }
}
