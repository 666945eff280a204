//! THREE-PUBLIC-ITEMS — three-public-items-undisclosed (§2.7 三公 itemisation, V-3; §5 #19).

use crate::finding::{Arg, Finding, Location, Role, Severity};
use crate::model::{MentionKind, Report, Sentence, Slot};
use crate::recognise::bind::{self, SectionKind};
use crate::rules::util::need_table;
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::text::key;

pub const RULE: Rule = Rule {
    code: "THREE-PUBLIC-ITEMS",
    name: "three-public-items-undisclosed",
    family: "three_public",
    certainty: Certainty::Customary,
    since: "0.1.0",
    identities: &["§2.7 三公 itemisation", "V-3"],
    title_zh: "“三公”经费说明缺少数量信息",
    title_en: "The “three public” statement lacks the counts",
    messages: &[
        (
            "",
            "“三公”表中{item}决算 {amount} {unit}，但情况说明未写明{what}。",
            "The “three public” table gives {item_en} of {amount} {unit}, but the narrative does not state {what_en}.",
        ),
        (
            "held",
            "“三公”表中公务用车运行维护费决算 {amount} {unit}，但情况说明称公务用车保有量为 0 辆，也未说明原因，请核实。",
            "The “three public” table gives vehicle running costs of {amount} {unit}, but the narrative says no official vehicles are held and gives no reason; please verify.",
        ),
    ],
    zh: RuleDoc {
        what: "“三公”经费决算表某项有支出时，情况说明应写明相应数量：因公出国（境）费 → 团组数和人次；公务用车购置费 → 购置车辆数；公务用车运行维护费 → 公务用车保有量（且运行维护费大于 0 时保有量应至少 1 辆，否则说明原因，如租用车辆）；公务接待费 → 接待批次和人次。",
        why: "财政部门检查公开质量时逐项看这些数量；只给金额、不给团组、批次和车辆数，公众无法判断支出是否合理。",
        example: "公务接待费决算 1.20 万元，说明只写“公务接待费支出 1.20 万元”，没有接待批次、人次：提示缺少接待批次和人次。",
        tolerance: "只看是否写明数量，不核对数量本身。属习惯关系（各地模板要求不同），只提示需核实，不报错误。",
        not_applicable: "没有“三公”表、表中没有决算数，或情况说明没有“三公”经费部分时不核对；决算为 0 的项目不要求数量。",
    },
    en: RuleDoc {
        what: "When an item of the “three public” table has spending, the narrative should state its counts: overseas trips → delegations and person-trips; vehicle purchase → vehicles bought; vehicle running → official vehicles held (at least one when running costs are above 0, or a reason such as hired cars); official reception → batches and persons received.",
        why: "Finance bureaus checking disclosure quality look for these counts item by item; amounts without delegations, batches and vehicles leave the public unable to judge the spending.",
        example: "Reception spending 1.20 but the narrative only says “official reception 1.20”, with no batches or persons: reported as missing.",
        tolerance: "Only whether the counts are stated is checked, not the counts themselves. Customary (regional templates differ): a warning to verify, never an error.",
        not_applicable: "Skipped without the table, without final amounts, or without a “three public” part in the narrative; items with no spending need no counts.",
    },
    check,
};

/// A count (个, 人次, 批次, 辆) in the 三公 part whose sentence contains all of `words`,
/// written with the unit `unit`; `lead` must occur in the text just before it.
fn count<'s>(
    part: &[&'s Sentence],
    unit: &str,
    words: &[&str],
    lead: &str,
) -> Option<(&'s Sentence, usize)> {
    for s in part {
        let k = key(&s.text);
        if !words.iter().all(|w| k.contains(w)) {
            continue;
        }
        let mut from = 0;
        for (i, m) in s.mentions.iter().enumerate() {
            let before = key(s.text.get(from..m.start).unwrap_or(""));
            from = m.end;
            if m.kind == MentionKind::Count
                && key(&m.raw).ends_with(unit)
                && (lead.is_empty() || before.contains(lead))
            {
                return Some((s, i));
            }
        }
    }
    None
}

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t) = need_table(ctx, r, Slot::T7) else {
        return;
    };
    let Some(row) = t.row_by_role("data") else {
        ctx.na(
            "“三公”表没有数据行",
            "the “three public” table has no data row",
        );
        return;
    };
    let part: Vec<&Sentence> = r
        .narrative
        .iter()
        .filter(|s| bind::section_kind(&s.section) == SectionKind::ThreePublic)
        .collect();
    if part.is_empty() {
        ctx.na(
            "情况说明没有“三公”经费部分",
            "the narrative has no “three public” part",
        );
        return;
    }
    let unit = r.unit();
    // (column, item zh, item en, required counts: (unit, sentence words, lead, what zh, what en))
    type Need = (
        &'static str,
        &'static [&'static str],
        &'static str,
        &'static str,
        &'static str,
    );
    let items: [(&str, &str, &str, &[Need]); 4] = [
        (
            "final_abroad",
            "因公出国（境）费",
            "overseas trips",
            &[
                (
                    "个",
                    &["团组"],
                    "团组",
                    "出国团组数",
                    "the number of delegations",
                ),
                ("人次", &["团组"], "", "出国人次", "the person-trips abroad"),
            ],
        ),
        (
            "final_vehicle_purchase",
            "公务用车购置费",
            "vehicle purchase",
            &[(
                "辆",
                &["购置"],
                "购置",
                "购置车辆数",
                "the number of vehicles bought",
            )],
        ),
        (
            "final_vehicle_running",
            "公务用车运行维护费",
            "vehicle running costs",
            &[(
                "辆",
                &["保有量"],
                "保有量",
                "公务用车保有量",
                "the official vehicles held",
            )],
        ),
        (
            "final_reception",
            "公务接待费",
            "official reception",
            &[
                ("批次", &["接待"], "", "接待批次", "the batches received"),
                ("人次", &["接待"], "", "接待人次", "the persons received"),
            ],
        ),
    ];
    let mut ran = false;
    for (col, item, item_en, needs) in items {
        let Some(cell) = row.cell(col) else {
            continue;
        };
        let Some(n) = cell.num() else {
            continue;
        };
        ran = true;
        if n.value <= n.half_unit {
            ctx.pass();
            continue;
        }
        let cell_loc = Location::cell(Role::Stated, t, row, col, cell);
        let mut missing: Vec<(&str, &str)> = Vec::new();
        for (cu, words, lead, what, what_en) in needs {
            let Some((s, i)) = count(&part, cu, words, lead) else {
                missing.push((what, what_en));
                continue;
            };
            let m = &s.mentions[i];
            // V-3: running costs with no vehicle held and no reason given
            let reason = ["租用", "租赁", "借用", "调剂", "报废", "处置", "原因"];
            let k = key(&s.text);
            if col == "final_vehicle_running"
                && m.num.value.is_zero()
                && !reason.iter().any(|w| k.contains(w))
            {
                ctx.report(
                    Finding::new(RULE.code, Severity::Warning)
                        .variant("held")
                        .amount("amount", n.value)
                        .arg("unit", Arg::Unit(unit))
                        .at(cell_loc.clone())
                        .at(Location::text(Role::Component, s, Some((m.start, m.end)))),
                );
            } else {
                ctx.pass();
            }
        }
        // the counts one item lacks are one finding
        if !missing.is_empty() {
            let zh: Vec<&str> = missing.iter().map(|m| m.0).collect();
            let en: Vec<&str> = missing.iter().map(|m| m.1).collect();
            ctx.report(
                Finding::new(RULE.code, Severity::Warning)
                    .text("item", item)
                    .text("item_en", item_en)
                    .text("what", zh.join("、"))
                    .text("what_en", en.join(" or "))
                    .amount("amount", n.value)
                    .arg("unit", Arg::Unit(unit))
                    .at(cell_loc.clone())
                    .at(Location::text(Role::Component, part[0], None)),
            );
        }
    }
    if !ran {
        ctx.na(
            "“三公”表没有决算数",
            "the “three public” table has no final amounts",
        );
    }
}
