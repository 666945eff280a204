//! ECON-3P — economic-code-exceeds-three-public (E-1, E-2).

use crate::model::Slot;
use crate::rules::util::{need_table, part_le_whole, Term, LE_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "ECON-3P",
    name: "economic-code-exceeds-three-public",
    family: "econ",
    certainty: Certainty::Customary,
    since: "0.1.0",
    identities: &["E-1", "E-2"],
    title_zh: "经济分类中的“三公”科目大于“三公”经费决算",
    title_en: "An economic code exceeds the matching “three public” expense",
    messages: LE_MESSAGES,
    zh: RuleDoc {
        what: "经济分类表中与“三公”对应的科目（30212 因公出国（境）费用、31013/30913 公务用车购置、30231 公务用车运行维护费、30217 公务接待费）的金额，不应大于“三公”经费支出决算表中对应项目的决算数。",
        why: "“三公”表统计全部财政拨款的三公支出，经济分类表只是其中一部分（一般公共预算）。部分大于整体，说明“三公”可能少报了，这是公众最关注的数字之一。",
        example: "经济分类表 30217 公务接待费 2.35 万元，“三公”表公务接待费决算 0.80 万元。",
        tolerance: "按惯例成立，不成立时列为“需核实”；允许两边的舍入误差。两者不要求相等（三公还包括项目支出和其他资金）。",
        not_applicable: "没有经济分类表或“三公”表、或缺少对应栏时不核对；科目空白时视为 0，只要不大于三公数即通过。",
    },
    en: RuleDoc {
        what: "The economic codes that match the “three public” items (30212 overseas trips, 31013/30913 vehicle purchase, 30231 vehicle running, 30217 official reception) should not exceed the matching final amounts in the “three public” table.",
        why: "The “three public” table covers all fiscal money for these items; the economic table covers part of it. A part larger than the whole suggests the “three public” figures, among the most watched, are understated.",
        example: "Economic table 30217 reception 2.35, while the “three public” table shows reception 0.80.",
        tolerance: "Customary: a breach is a warning; the rounding of both figures is allowed. They need not be equal (the “three public” table also covers project and other funds).",
        not_applicable: "Skipped without either table or the matching columns; blank codes count as 0.",
    },
    check,
};

const MAP: &[(&[&str], &str)] = &[
    (&["30212"], "final_abroad"),
    (&["31013", "30913"], "final_vehicle_purchase"),
    (&["30231"], "final_vehicle_running"),
    (&["30217"], "final_reception"),
];

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t6) = need_table(ctx, r, Slot::T6) else {
        return;
    };
    let Some(t7) = need_table(ctx, r, Slot::T7) else {
        return;
    };
    let Some(data) = t7.row_by_role("data") else {
        ctx.na(
            "“三公”表没有数据行",
            "the “three public” table has no data row",
        );
        return;
    };
    let col = if t6.has_column("amount") {
        "amount"
    } else {
        "basic"
    };
    for (codes, item) in MAP {
        if !t7.has_column(item) {
            ctx.na(
                "“三公”表缺少对应的决算栏",
                "the “three public” table lacks the matching final column",
            );
            continue;
        }
        let parts: Vec<Term> = codes
            .iter()
            .filter_map(|c| t6.row_by_code(c))
            .map(|row| Term::new(t6, row, col))
            .filter(|p| p.num().is_some_and(|n| !n.value.is_zero()))
            .collect();
        if parts.is_empty() {
            ctx.pass();
            continue;
        }
        part_le_whole(ctx, RULE.certainty, &parts, Term::new(t7, data, item));
    }
}
