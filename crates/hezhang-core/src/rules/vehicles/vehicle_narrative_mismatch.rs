//! VEH-NARR — vehicle-narrative-mismatch (V-1, V-2, V-4 in the narrative).

use rust_decimal::Decimal;

use crate::finding::{Finding, Location, Role, Severity};
use crate::model::{MentionKind, Num};
use crate::recognise::bind::{self, Binding, SectionKind, Subj};
use crate::rules::narrative::{cell_locs, head, loc};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::tolerance::{compare_sum, Outcome};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "VEH-NARR",
    name: "vehicle-narrative-mismatch",
    family: "vehicles",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["V-1", "V-2", "V-4"],
    title_zh: "情况说明中的车辆数不符",
    title_en: "Vehicle counts in the narrative do not fit",
    messages: &[
        (
            "",
            "情况说明称共有车辆 {stated} 辆，但其中各类用车合计 {computed} 辆（{parts}）。",
            "The narrative gives {stated} vehicles in all, but its categories add up to {computed} ({parts}).",
        ),
        (
            "table",
            "情况说明所述{item} {stated} {what}，与{table}中的 {computed} 不一致。",
            "The narrative gives {item_en} as {stated}, but {table_en} gives {computed}.",
        ),
        (
            "held",
            "“三公”经费说明中公务用车保有量 {stated} 辆，大于车辆总数 {computed} 辆。",
            "The “three public” statement gives {stated} official vehicles held, more than the {computed} vehicles in all.",
        ),
        (
            "year",
            "情况说明写“截至 {stated} 年”，而报告年度为 {computed} 年。",
            "The narrative says “as of {stated}”, but the report is for {computed}.",
        ),
    ],
    zh: RuleDoc {
        what: "国有资产占用情况说明：“共有车辆 n 辆，其中：…”中 n 等于各类用车之和，也等于相关信息统计表的车辆数合计；各类用车、单价 100 万元以上设备的台（套）数与统计表一致；“截至 Y 年 12 月 31 日”的 Y 是报告年度。“三公”说明中的公务用车保有量不应大于车辆总数（习惯关系，需核实）。",
        why: "车辆数是公众最关心的“三公”相关数字之一；文字与表格不一致，或保有量超过车辆总数，会引起质疑。",
        example: "“本部门共有车辆 3 辆。其中：执法执勤用车 1 辆、其他用车 1 辆”：各类合计 2 辆，与 3 辆不符。",
        tolerance: "辆数、台（套）数是整数，必须完全相等。",
        not_applicable: "说明中没有车辆数、没有分类数、或没有相关信息统计表时，相应的核对不进行并说明原因。",
    },
    en: RuleDoc {
        what: "The assets statement: in “n vehicles in all, of which …” n equals the sum of the categories and the related-information table's total; each category and the count of equipment over 1 million yuan match the table; the year in “as of 31 December Y” is the report year. The official vehicles held stated in the “three public” part should not exceed the vehicles in all (customary: a warning).",
        why: "Vehicle counts are among the figures the public watches most; text that disagrees with the table, or more vehicles held than owned, invites doubt.",
        example: "“3 vehicles in all, of which 1 law-enforcement vehicle and 1 other vehicle”: the categories make 2, not 3.",
        tolerance: "Counts are integers and must match exactly.",
        not_applicable: "Each check is skipped, with the reason, when the narrative gives no total, no categories, or there is no related-information table.",
    },
    check,
};

fn count(r: &Report, b: &Binding) -> Num {
    r.narrative[b.s].mentions[b.m].num
}

fn check(r: &Report, ctx: &mut Ctx) {
    let bs = bind::bind(r);
    let counts: Vec<&Binding> = bs
        .items
        .iter()
        .filter(|b| r.narrative[b.s].mentions[b.m].kind == MentionKind::Count)
        .collect();
    let total = counts
        .iter()
        .find(|b| b.subject == Some(Subj::Vehicles))
        .copied();
    let cats: Vec<&Binding> = counts
        .iter()
        .filter(|b| matches!(b.subject, Some(Subj::VehCategory(_))))
        .copied()
        .collect();
    // V-4: 截至 Y 年
    year_check(r, ctx);
    let Some(tb) = total else {
        ctx.na(
            "情况说明没有写出车辆总数",
            "the narrative gives no number of vehicles",
        );
        return;
    };
    let tn = count(r, tb);
    // V-1: total = Σ categories (in the narrative)
    let mut sum_finding: Option<usize> = None;
    if cats.is_empty() {
        ctx.na(
            format!("{}：没有列出各类用车，未核对合计", head(&r.narrative[tb.s])),
            format!(
                "{}: no vehicle categories listed; sum not checked",
                head(&r.narrative[tb.s])
            ),
        );
    } else {
        let nums: Vec<Num> = cats.iter().map(|b| count(r, b)).collect();
        let c = compare_sum(tn, &nums);
        if c.outcome == Outcome::Pass {
            ctx.pass();
        } else {
            let parts: Vec<String> = cats
                .iter()
                .map(|b| {
                    let n = match &b.subject {
                        Some(Subj::VehCategory(n)) => n.clone(),
                        _ => String::new(),
                    };
                    format!("{n} {}", count(r, b).value)
                })
                .collect();
            let mut f = Finding::new(RULE.code, Severity::Error)
                .text("stated", tn.value.to_string())
                .text("computed", c.computed.to_string())
                .both("parts", parts.join(" + "), parts.join(" + "))
                .numbers(tn.value, c.computed, Decimal::ZERO)
                .at(loc(r, tb, Role::Stated));
            for b in &cats {
                f = f.at(loc(r, b, Role::Component));
            }
            sum_finding = Some(ctx.findings.len());
            ctx.report(f);
        }
    }
    // the same counts in T10
    let mut against_table = vec![tb];
    against_table.extend(cats.iter().copied());
    against_table.extend(
        counts
            .iter()
            .filter(|b| b.subject == Some(Subj::Equipment))
            .copied(),
    );
    if r.table(crate::model::Slot::T10).is_none() {
        ctx.na(
            "报告中没有《部门决算公开相关信息统计表》，车辆数未与表格核对",
            "the report has no related-information table; vehicle counts not compared with it",
        );
    } else {
        for b in against_table {
            let subj = b.subject.clone().expect("filtered");
            let s = &r.narrative[b.s];
            let terms = match bind::cells(r, &subj, false) {
                Ok(t) => t,
                Err(nc) => {
                    ctx.na(
                        format!("{}：{}", head(s), nc.zh),
                        format!("{}: {}", head(s), nc.en),
                    );
                    continue;
                }
            };
            let Some(v) = bind::cells_value(&terms) else {
                continue;
            };
            let n = count(r, b);
            if n.value == v.value {
                ctx.pass();
                continue;
            }
            if let (Some(fi), true) = (sum_finding, std::ptr::eq(b, tb)) {
                // the stated total is wrong on both counts: one root cause, one finding
                ctx.findings[fi]
                    .locations
                    .extend(cell_locs(&terms, Role::Component));
                ctx.failed += 1;
                continue;
            }
            let (iz, ie) = subj.name();
            let (tz, te) = crate::rules::util::table_name(terms[0].table);
            let what = if subj == Subj::Equipment {
                "台（套）"
            } else {
                "辆"
            };
            ctx.report(
                Finding::new(RULE.code, Severity::Error)
                    .variant("table")
                    .text("item", iz)
                    .text("item_en", ie)
                    .text("what", what)
                    .text("table", tz)
                    .text("table_en", te)
                    .text("stated", n.value.to_string())
                    .text("computed", v.value.to_string())
                    .numbers(n.value, v.value, Decimal::ZERO)
                    .at(loc(r, b, Role::Stated))
                    .at_all(cell_locs(&terms, Role::Component)),
            );
        }
    }
    // V-2: 三公 保有量 ≤ 车辆数
    for b in counts.iter().filter(|b| b.subject == Some(Subj::VehHeld)) {
        let held = count(r, b);
        if held.value <= tn.value {
            ctx.pass();
            continue;
        }
        ctx.report(
            Finding::new(RULE.code, Severity::Warning)
                .variant("held")
                .text("stated", held.value.to_string())
                .text("computed", tn.value.to_string())
                .numbers(held.value, tn.value, Decimal::ZERO)
                .at(loc(r, b, Role::Stated))
                .at(loc(r, tb, Role::Component)),
        );
    }
}

/// V-4: “截至 Y 年 12 月 31 日” in the assets part names the report year.
fn year_check(r: &Report, ctx: &mut Ctx) {
    let Some(year) = r.meta.year else {
        return;
    };
    for s in &r.narrative {
        if bind::section_kind(&s.section) != SectionKind::Assets {
            continue;
        }
        let Some(p) = s.text.find("截至") else {
            continue;
        };
        let after = &s.text[p + "截至".len()..];
        let Some(y) = crate::text::find_year(after.get(..12.min(after.len())).unwrap_or(after))
            .or_else(|| crate::text::find_year(after))
        else {
            continue;
        };
        if y == year {
            ctx.pass();
            continue;
        }
        let ys = y.to_string();
        let start = p + "截至".len() + after.find(&ys).unwrap_or(0);
        ctx.report(
            Finding::new(RULE.code, Severity::Error)
                .variant("year")
                .text("stated", ys.clone())
                .text("computed", year.to_string())
                .numbers(Decimal::from(y), Decimal::from(year), Decimal::ZERO)
                .at(Location::text(
                    Role::Stated,
                    s,
                    Some((start, start + ys.len())),
                )),
        );
    }
}
