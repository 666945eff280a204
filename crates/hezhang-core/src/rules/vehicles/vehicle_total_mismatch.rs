//! VEH-TOTAL — vehicle-total-mismatch (T10-2, V-1 in the table).

use crate::model::Slot;
use crate::rules::util::{need_table, sum_identity, Term};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "VEH-TOTAL",
    name: "vehicle-total-mismatch",
    family: "vehicles",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["T10-2", "V-1"],
    title_zh: "车辆数合计与各类车辆之和不符",
    title_en: "Vehicle count does not equal the sum of the categories",
    messages: &[
        (
            "",
            "{table}：{stated_name} {stated} 辆，但 {parts} = {computed} 辆，相差 {diff} 辆{blank}。",
            "{table}: {stated_name} is {stated} vehicles, but {parts} = {computed}; the difference is {diff}{blank}.",
        ),
    ],
    zh: RuleDoc {
        what: "部门决算公开相关信息统计表中，车辆数合计应等于各类车辆（领导用车、机要通信、应急保障、执法执勤、特种专业技术、离退休干部、其他用车等）之和。",
        why: "公车数量是公众关心的数字。合计与分类之和不符，说明有车辆漏报或重复统计。",
        example: "车辆数合计 5 辆，各类之和 4 辆：差 1 辆。",
        tolerance: "车辆数是整数，必须完全相等。",
        not_applicable: "没有相关信息统计表，或表中没有车辆数合计行、分类行时不核对。",
    },
    en: RuleDoc {
        what: "In the related-information table, the total number of vehicles must equal the sum of the categories (leaders' cars, confidential communications, emergency, law enforcement, special technical, retired cadres, other).",
        why: "The number of official cars is closely watched. If the total differs from the categories, a vehicle is missing or counted twice.",
        example: "Total 5 vehicles, categories add up to 4: off by 1.",
        tolerance: "Counts are whole numbers and must match exactly.",
        not_applicable: "Skipped without the related-information table or its vehicle rows.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t) = need_table(ctx, r, Slot::T10) else {
        return;
    };
    let Some(total) = t.row_by_role("veh_total") else {
        ctx.na(
            "相关信息统计表中没有车辆数合计行",
            "no vehicle-total row in the related-information table",
        );
        return;
    };
    let parts: Vec<Term> = t
        .rows_by_role("veh_category")
        .map(|r| Term::new(t, r, "value"))
        .collect();
    if parts.is_empty() {
        ctx.na("相关信息统计表中没有车辆分类行", "no vehicle category rows");
        return;
    }
    sum_identity(ctx, RULE.certainty, Term::new(t, total, "value"), &parts);
}
