//! NARR-SHARE-SUM — shares-do-not-sum (S-2).

use rust_decimal::Decimal;

use super::{loc, percent, raw};
use crate::finding::{Finding, Role, Severity};
use crate::model::Num;
use crate::recognise::bind::{self, NumRole, SectionKind};
use crate::rules::narrative::share_mismatch::numerator;
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::tolerance::{check_percent, compare_sum, Outcome, PercentOutcome};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "NARR-SHARE-SUM",
    name: "shares-do-not-sum",
    family: "narrative",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["S-2"],
    title_zh: "完整分项的占比之和不为 100%",
    title_en: "Shares of a complete breakdown do not add up to 100%",
    messages: &[(
        "",
        "{parent} {total} 的各分项金额之和等于总数，但所述占比 {shares} 合计 {sum}%，与 100% 相差 {diff} 个百分点，超出舍入允许的 {tol} 个百分点。",
        "The parts of {parent} {total} add up to the whole, but their stated shares {shares} add up to {sum}%, {diff} points from 100%, more than the {tol} points rounding allows.",
    )],
    zh: RuleDoc {
        what: "情况说明列出一个总数的全部分项并各给出占比时（分项金额之和等于总数），这些占比之和应为 100%。",
        why: "分项占比合计不是 100%，说明其中至少一个百分数算错或抄错。",
        example: "一般公共服务支出 83.11%、社会保障和就业支出 5.55%、卫生健康支出 4.28%、住房保障支出 7.06%，四类金额之和等于财政拨款支出，占比之和 100.00%，相符。",
        tolerance: "n 个各保留 q 位小数的百分数，合计允许偏离 100 最多 n × ½ × 10⁻q 个百分点。",
        not_applicable: "分项金额之和（说明未写金额时取表中金额）不等于总数（只列了部分分项，如人员经费和公用经费只占支出的一部分）或分项少于两个时不核对；某个占比与其金额本身不符时由占比规则报告，这里不重复。",
    },
    en: RuleDoc {
        what: "When the narrative lists every part of a total with its share (the parts' amounts add up to the total), the shares must add up to 100%.",
        why: "Shares of a complete breakdown that do not make 100% mean at least one percentage is miscomputed or miscopied.",
        example: "General public services 83.11%, social security 5.55%, health 4.28%, housing 7.06%: the four amounts add up to the general-budget total and the shares to 100.00%; it holds.",
        tolerance: "n percentages printed with q decimals may miss 100 by at most n × ½ × 10⁻q points.",
        not_applicable: "Skipped when the listed parts (their stated amounts, else their table cells) do not add up to the total (only some parts are listed, e.g. personnel and public costs) or fewer than two parts are given. A share that does not fit its own amount is the share rule's finding and is not repeated here.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let bs = bind::bind(r);
    // group the shares of one list: same sentence, same parent
    let mut groups: Vec<((usize, usize), Vec<usize>)> = Vec::new();
    for (i, b) in bs.items.iter().enumerate() {
        if b.role != NumRole::Share || b.section == SectionKind::Performance {
            continue;
        }
        let Some(p) = b.parent else { continue };
        match groups.iter_mut().find(|g| g.0 == (b.s, p)) {
            Some(g) => g.1.push(i),
            None => groups.push(((b.s, p), vec![i])),
        }
    }
    for ((_, p), members) in groups {
        if members.len() < 2 {
            continue;
        }
        let pb = &bs.items[p];
        let parent_num = r.narrative[pb.s].mentions[pb.m].num;
        // each part: its stated amount, else its table cell
        let mut parts: Vec<Num> = Vec::new();
        let mut all_stated = true;
        let mut ok = true;
        for &i in &members {
            let b = &bs.items[i];
            match numerator(r, &bs, b) {
                Some(nb) => parts.push(r.narrative[nb.s].mentions[nb.m].num),
                None => {
                    all_stated = false;
                    match b
                        .subject
                        .as_ref()
                        .and_then(|s| bind::cells(r, s, false).ok())
                        .and_then(|t| bind::cells_value(&t))
                    {
                        Some(v) => parts.push(v),
                        None => ok = false,
                    }
                }
            }
        }
        if !ok || compare_sum(parent_num, &parts).outcome == Outcome::Mismatch {
            continue; // not a complete breakdown
        }
        // a share that does not fit its own amount is NARR-SHARE's finding, not this one's
        if all_stated
            && members.iter().zip(&parts).any(|(&i, a)| {
                let (p, q) = percent(r, &bs.items[i]);
                check_percent(*a, parent_num, p, q).0 == PercentOutcome::Mismatch
            })
        {
            continue;
        }
        let mut sum = Decimal::ZERO;
        let mut q = 0;
        for &i in &members {
            let (v, d) = percent(r, &bs.items[i]);
            sum += v;
            q = q.max(d);
        }
        let n = Decimal::from(members.len() as u64);
        let tol = n * Decimal::new(5, q + 1);
        let diff = (sum - Decimal::ONE_HUNDRED).abs();
        if diff <= tol {
            ctx.pass();
            continue;
        }
        let shares: Vec<String> = members.iter().map(|&i| raw(r, &bs.items[i])).collect();
        let (pz, pe) = pb
            .subject
            .as_ref()
            .map(|s| s.name())
            .unwrap_or_else(|| ("总数".into(), "the total".into()));
        let mut f = Finding::new(RULE.code, Severity::Error)
            .both("parent", pz, pe)
            .text("total", raw(r, pb))
            .both("shares", shares.join(" + "), shares.join(" + "))
            .text("sum", sum.to_string())
            .text("diff", diff.to_string())
            .text("tol", tol.normalize().to_string())
            .numbers(sum, Decimal::ONE_HUNDRED, tol);
        for &i in &members {
            f = f.at(loc(r, &bs.items[i], Role::Stated));
        }
        f = f.at(loc(r, pb, Role::Component));
        ctx.report(f);
    }
}
