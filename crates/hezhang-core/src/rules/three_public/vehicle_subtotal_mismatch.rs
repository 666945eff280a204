//! THREE-PUBLIC-VEHICLE — vehicle-subtotal-mismatch (T7-2).

use crate::model::Slot;
use crate::rules::util::{need_table, sum_identity, Term, SUM_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "THREE-PUBLIC-VEHICLE",
    name: "vehicle-subtotal-mismatch",
    family: "three_public",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["T7-2"],
    title_zh: "公务用车小计与购置费、运行维护费之和不符",
    title_en: "Official-vehicle subtotal does not equal purchase + running",
    messages: SUM_MESSAGES,
    zh: RuleDoc {
        what: "“三公”经费支出决算表中，预算数和决算数分别核对：公务用车购置及运行维护费（小计）= 公务用车购置费 + 公务用车运行维护费。",
        why: "买车和养车是两笔不同性质的钱，小计应是两者之和。对不上时，读者无法判断单位是新买了车还是用车费用变化。",
        example: "决算数：小计 15.00，购置费 0、运行维护费 14.00：差 1.00。",
        tolerance: "元表精确到分；万元表允许两项的舍入误差，仅为尾数误差时列为提示。",
        not_applicable: "没有“三公”表，或缺少小计、购置费或运行维护费栏时不核对。",
    },
    en: RuleDoc {
        what: "In the “three public” table, for budget and final separately: official vehicles (subtotal) = vehicle purchase + vehicle running costs.",
        why: "Buying cars and running them are different kinds of spending; the subtotal must be their sum, or readers cannot tell which changed.",
        example: "Final: subtotal 15.00, purchase 0, running 14.00: off by 1.00.",
        tolerance: "Exact in yuan; in 10k yuan the rounding of the two items is allowed and a rounding-only difference is a note.",
        not_applicable: "Skipped without the table or without the subtotal, purchase or running column.",
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
    for (sub, p, run) in [
        (
            "budget_vehicle",
            "budget_vehicle_purchase",
            "budget_vehicle_running",
        ),
        (
            "final_vehicle",
            "final_vehicle_purchase",
            "final_vehicle_running",
        ),
    ] {
        if ![sub, p, run].iter().all(|c| t.has_column(c)) {
            ctx.na(
                "“三公”表缺少公务用车小计、购置费或运行维护费栏",
                "the “three public” table lacks a vehicle column",
            );
            continue;
        }
        sum_identity(
            ctx,
            RULE.certainty,
            Term::new(t, data, sub),
            &[Term::new(t, data, p), Term::new(t, data, run)],
        );
    }
}
