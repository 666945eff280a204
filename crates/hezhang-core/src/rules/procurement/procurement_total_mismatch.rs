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
    if r.table(Slot::T10).is_none() {
        // Shanghai and other families print procurement only in the narrative.
        narrative_only(r, ctx);
        return;
    }
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

/// G-1 in the narrative when no table carries procurement: “政府采购金额 T，其中：货物 g、工程 e、
/// 服务 s”. Parts may be omitted when zero, so a shortfall is only judged when all three are given.
fn narrative_only(r: &Report, ctx: &mut Ctx) {
    use crate::finding::{Arg, Finding};
    use crate::model::{MentionKind, Num};
    use crate::recognise::bind::{self, Subj};
    use crate::rules::narrative::loc;
    use crate::rules::util::severity_of;
    use crate::tolerance::compare_sum;

    let bs = bind::bind(r);
    let is_amount = |b: &bind::Binding| r.narrative[b.s].mentions[b.m].kind == MentionKind::Amount;
    let Some(tb) = bs
        .items
        .iter()
        .find(|b| b.subject == Some(Subj::Proc("proc_total")) && b.role.is_level() && is_amount(b))
    else {
        ctx.na(
            "报告中没有《部门决算公开相关信息统计表》，情况说明也未给出政府采购总额",
            "no related-information table, and the narrative gives no procurement total",
        );
        return;
    };
    let parts: Vec<&bind::Binding> = bs
        .items
        .iter()
        .filter(|b| {
            b.s == tb.s
                && b.m > tb.m
                && matches!(b.subject, Some(Subj::Proc(p)) if p != "proc_total")
                && b.role.is_level()
                && is_amount(b)
        })
        .collect();
    if parts.is_empty() {
        ctx.na(
            "情况说明给出了政府采购总额，但未列出货物、工程、服务金额",
            "the narrative gives the procurement total but not goods, works and services",
        );
        return;
    }
    let total = r.narrative[tb.s].mentions[tb.m].num;
    let nums: Vec<Num> = parts
        .iter()
        .map(|b| r.narrative[b.s].mentions[b.m].num)
        .collect();
    let c = compare_sum(total, &nums);
    let all_three = ["proc_goods", "proc_works", "proc_services"]
        .iter()
        .all(|k| parts.iter().any(|b| b.subject == Some(Subj::Proc(k))));
    if c.computed < total.value && !all_three {
        ctx.na(
            "情况说明未列全货物、工程、服务三类金额，无法判断合计",
            "the narrative does not give all of goods, works and services; the total cannot be judged",
        );
        return;
    }
    let Some((sev, variant)) = severity_of(c.outcome, RULE.certainty) else {
        ctx.pass();
        return;
    };
    let named: Vec<String> = parts
        .iter()
        .map(|b| {
            let n = b.subject.as_ref().map(|s| s.name().0).unwrap_or_default();
            format!(
                "{n} {}",
                crate::i18n::thousands(r.narrative[b.s].mentions[b.m].num.value)
            )
        })
        .collect();
    let mut f = Finding::new(RULE.code, sev)
        .variant(variant)
        .both("table", "情况说明", "The narrative")
        .text("stated_name", "政府采购总额")
        .amount("stated", c.stated)
        .text("parts", named.join(" + "))
        .amount("computed", c.computed)
        .amount("diff", c.difference().abs())
        .arg("unit", Arg::Unit(r.unit()))
        .both("blank", "", "")
        .numbers(c.stated, c.computed, c.band)
        .at(loc(r, tb, Role::Stated));
    for b in parts {
        f = f.at(loc(r, b, Role::Component));
    }
    ctx.report(f);
}
