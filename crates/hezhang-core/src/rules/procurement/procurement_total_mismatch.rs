//! PROC-TOTAL — procurement-total-mismatch (G-1, T10-1).

use crate::finding::{Location, Role};
use crate::model::Slot;
use crate::rules::util::{need_role, need_table, sum_identity, Term, SUM_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "PROC-TOTAL",
    name: "procurement-total-mismatch",
    family: "procurement",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["T10-1", "G-1"],
    title_zh: "政府采购合计与分项之和不符",
    title_en: "Procurement total does not equal goods + works + services",
    messages: SUM_MESSAGES,
    zh: RuleDoc {
        what: "政府采购合计（总额）应等于货物、工程、服务三类采购金额之和，在相关信息统计表和情况说明中都应如此。",
        why: "政府采购总额应当等于货物、工程、服务三类之和。不一致说明至少有一个数字填报有误，公众无法据此判断实际采购规模。",
        example: "合计 75,425.00 元，货物空白、工程空白、服务 130,652.46 元：三项之和 130,652.46 元，比合计多 55,227.46 元。",
        tolerance: "元表精确到分，任何差额都是错误；万元表按各项的舍入误差之和（(n+1)·½ 个单位）判断，仅为尾数误差时列为提示。",
        not_applicable: "报告没有政府采购数据（无相关信息统计表，情况说明也未给出采购总额及分项）时不核对。",
    },
    en: RuleDoc {
        what: "The procurement total must equal goods + works + services, in the related-information table and in the narrative.",
        why: "The procurement total should be the sum of its three kinds. A mismatch means at least one figure is wrong, and readers cannot tell how much was actually procured.",
        example: "Total 75,425.00 yuan; goods and works blank; services 130,652.46 yuan: the parts add up to 130,652.46, 55,227.46 more than the total.",
        tolerance: "Tables in yuan are exact to the fen: any difference is an error. Tables in 10k yuan allow the rounding of each term ((n+1)·½ unit); a rounding-only difference is a note.",
        not_applicable: "Skipped when the report gives no procurement figures (no related-information table and no total with its parts in the narrative).",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t) = need_table(ctx, r, Slot::T10) else {
        return;
    };
    let Some(total) = need_role(ctx, t, "proc_total", "合计") else {
        return;
    };
    let mut parts = Vec::new();
    for (role, zh) in [
        ("proc_goods", "货物"),
        ("proc_works", "工程"),
        ("proc_services", "服务"),
    ] {
        match need_role(ctx, t, role, zh) {
            Some(row) => parts.push(Term::new(t, row, "value")),
            None => return,
        }
    }
    let before = ctx.findings.len();
    let stated = Term::new(t, total, "value");
    sum_identity(ctx, RULE.certainty, stated, &parts);
    // The narrative sentence that repeats the same figures is the same root cause:
    // attach it to this finding rather than reporting it twice.
    if ctx.findings.len() > before {
        let total_v = stated.num().map(|n| n.value);
        for s in &r.narrative {
            if s.text.contains("政府采购") {
                let hit = s.mentions.iter().find(|m| {
                    Some(m.num.value) == total_v && m.kind == crate::model::MentionKind::Amount
                });
                if let Some(m) = hit {
                    let f = ctx.findings.last_mut().expect("just pushed");
                    f.locations
                        .push(Location::text(Role::Restated, s, Some((m.start, m.end))));
                    break;
                }
            }
        }
    }
}
