//! NARR-SHARE — share-mismatch (S-1; §3 point 5; §5 row 13).

use rust_decimal::Decimal;

use super::{cell_locs, head, loc, percent, raw};
use crate::finding::{Arg, Finding, Location, Role, Severity};
use crate::model::{MentionKind, Num};
use crate::recognise::bind::{self, Binding, Bindings, Denom, NumRole, SectionKind, Subj};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::tolerance::{check_percent, PercentOutcome};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "NARR-SHARE",
    name: "share-mismatch",
    family: "narrative",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["S-1"],
    title_zh: "占比与金额不符",
    title_en: "Stated share does not match the amounts",
    messages: &[
        (
            "",
            "情况说明称{subject} {amount} {unit} 占 {stated}，但按 {tried}（{unit}）计算得 {computed}，与所述不符。",
            "The narrative gives {subject} {amount} {unit} as {stated}, but dividing by {tried} ({unit}) gives {computed}, which does not match.",
        ),
        (
            "truncated",
            "情况说明称{subject} {amount} {unit} 占 {stated}，除以 {tried}（{unit}）得 {computed}，疑为截尾而非四舍五入。",
            "The narrative gives {subject} {amount} {unit} as {stated}; dividing by {tried} ({unit}) gives {computed}, so the figure looks truncated rather than rounded.",
        ),
        (
            "unsigned",
            "情况说明中的占比“{stated}”缺少百分号“%”。",
            "The share “{stated}” in the narrative lacks its percent sign.",
        ),
        (
            "truncated_pattern",
            "情况说明中有 {count} 处占比疑为截尾而非四舍五入：{cases}。",
            "{count} shares in the narrative look truncated rather than rounded: {cases}.",
        ),
    ],
    zh: RuleDoc {
        what: "“占 X%”“占比 X%”应等于该金额除以所说（或所隐含）的分母。分母写明时用写明的（如“占本年支出合计的”）；未写明时依次尝试：“其中”所列项目的上级金额、该项目的自然上级（如各类收入对本年收入合计）、一般公共预算财政拨款支出合计、本年支出合计、本年收入合计、基本支出，任一相符即通过。",
        why: "百分比是读者最容易引用的数字；算错或用错分母会直接误导对支出结构的理解。",
        example: "人员经费 3,630,935.89 元“占比 76.01%”：除以基本支出 4,092,349.13 元为 88.72%，除以一般公共预算财政拨款支出 4,777,056.13 元为 76.01%，后者相符，不报告。",
        tolerance: "按区间判断：分子、分母各带半个末位单位的舍入误差，所得比例区间与“所述百分数 ± 半个末位单位”相交即相符；只与截尾区间相交时列为提示（疑截尾），同一报告多处截尾合并为一条需核实。占比漏写“%”（如“占 41.70”）列为需核实。",
        not_applicable: "找不到分子金额、分母写得含糊（如“占本部门项目支出总额的”，项目支出指预算还是决算不明）、分母为 0、或分母所指表格缺失时不核对并说明原因；预算绩效部分的比例和政府采购中小企业占比由其他规则核对。",
    },
    en: RuleDoc {
        what: "“X%” shares must equal the amount divided by the denominator the sentence names or implies. A named denominator (“of the year's expenditure”) is used as named; otherwise these are tried in turn: the parent of a 其中 list, the item's natural parent (income lines of the year's income…), general-budget expenditure, expenditure of the year, income of the year, basic expenditure. Any fit passes.",
        why: "Percentages are what readers quote. A wrong figure or a wrong base misrepresents the structure of spending.",
        example: "Personnel costs 3,630,935.89 yuan “76.01%”: over basic expenditure 4,092,349.13 it is 88.72%, over general-budget expenditure 4,777,056.13 it is 76.01%, which fits; nothing is reported.",
        tolerance: "Intervals: numerator and denominator each carry half a unit of their last printed digit; the share passes when its interval meets the stated figure ± half a unit. A share that fits only if truncated is a note; several in one report become one warning. A share printed without “%” (“占 41.70”) is a warning.",
        not_applicable: "Skipped with a reason when the amount is missing, the denominator is vague (“of the department's project spending”, budget or actual?), zero, or in a missing table. Shares in the performance part and SME procurement shares have rules of their own.",
    },
    check,
};

/// The amount a share is a share of: the nearest plain amount before it in its sentence, of
/// the same subject when the share has one, after the previous percentage.
pub fn numerator<'b>(r: &Report, bs: &'b Bindings, b: &Binding) -> Option<&'b Binding> {
    let prev_pct = bs
        .items
        .iter()
        .filter(|x| x.s == b.s && x.m < b.m)
        .filter(|x| r.narrative[x.s].mentions[x.m].kind == MentionKind::Percent)
        .map(|x| x.m)
        .next_back();
    bs.items.iter().rfind(|x| {
        x.s == b.s
            && x.m < b.m
            && prev_pct.is_none_or(|p| x.m > p)
            && r.narrative[x.s].mentions[x.m].kind == MentionKind::Amount
            && x.role.is_level()
            && (b.subject.is_none() || x.subject == b.subject)
    })
}

/// A denominator candidate: names and value, with the places it rests on.
pub struct Cand {
    pub subject: Option<Subj>,
    pub zh: String,
    pub en: String,
    pub value: Num,
    pub locs: Vec<Location>,
}

/// A subject's figure: its table cell, else (no table) the amount the narrative states for it.
fn from_subject(r: &Report, bs: &Bindings, subj: &Subj) -> Option<Cand> {
    let (zh, en) = subj.name();
    if let Some((value, locs)) = bind::cells(r, subj, false)
        .ok()
        .and_then(|t| bind::cells_value(&t).map(|v| (v, cell_locs(&t, Role::Component))))
    {
        let v = crate::i18n::thousands(value.value);
        return Some(Cand {
            subject: Some(subj.clone()),
            zh: format!("{zh} {v}"),
            en: format!("{en} {v}"),
            value,
            locs,
        });
    }
    let x = super::first_stated(r, bs, subj)?;
    let value = r.narrative[x.s].mentions[x.m].num;
    let v = crate::i18n::thousands(value.value);
    Some(Cand {
        subject: Some(subj.clone()),
        zh: format!("{zh} {v}"),
        en: format!("{en} {v}"),
        value,
        locs: vec![loc(r, x, Role::Component)],
    })
}

/// The natural parent of a subject (income lines → income of the year, …).
fn natural_parent(subj: &Subj) -> Option<Subj> {
    Some(match subj {
        Subj::IncomeCol(_) | Subj::IncomeLine(_) => Subj::IncomeTotal,
        Subj::ExpCol(_) => Subj::ExpTotal,
        Subj::GbRow(..) | Subj::Gb("basic") | Subj::Gb("project") => Subj::Gb("total"),
        Subj::Personnel | Subj::Public => Subj::Gb("basic"),
        Subj::Tp(i) if *i != "total" => Subj::Tp("total"),
        Subj::Proc(p) if *p != "proc_total" => Subj::Proc("proc_total"),
        _ => return None,
    })
}

/// Denominators to try for a share that names none.
pub fn candidates(r: &Report, bs: &Bindings, b: &Binding, num: Option<&Binding>) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    let own = num.and_then(|n| n.subject.clone());
    let push = |c: Option<Cand>, out: &mut Vec<Cand>| {
        if let Some(c) = c {
            // never the amount's own subject, never the same base twice
            if c.subject.is_some() && c.subject == own {
                return;
            }
            if !out.iter().any(|o| o.value == c.value) {
                out.push(c);
            }
        }
    };
    let parent = b.parent.or(num.and_then(|n| n.parent));
    if let Some(p) = parent {
        let pb = &bs.items[p];
        let (zh, en) = pb
            .subject
            .as_ref()
            .map(|s| s.name())
            .unwrap_or_else(|| ("上级金额".into(), "the parent amount".into()));
        let v = crate::i18n::thousands(r.narrative[pb.s].mentions[pb.m].num.value);
        push(
            Some(Cand {
                subject: pb.subject.clone(),
                zh: format!("{zh} {v}"),
                en: format!("{en} {v}"),
                value: r.narrative[pb.s].mentions[pb.m].num,
                locs: vec![loc(r, pb, Role::Component)],
            }),
            &mut out,
        );
    }
    if let Some(ns) = num
        .and_then(|n| n.subject.as_ref())
        .and_then(natural_parent)
    {
        push(from_subject(r, bs, &ns), &mut out);
    }
    for s in [
        Subj::Gb("total"),
        Subj::ExpTotal,
        Subj::IncomeTotal,
        Subj::ExpCol("basic"),
    ] {
        push(from_subject(r, bs, &s), &mut out);
    }
    out
}

fn check(r: &Report, ctx: &mut Ctx) {
    let bs = bind::bind(r);
    let unit = r.unit();
    let mut truncated: Vec<Finding> = Vec::new();
    for b in bs.items.iter().filter(|b| b.role == NumRole::Share) {
        let s = &r.narrative[b.s];
        let (p, q) = percent(r, b);
        if matches!(b.subject, Some(Subj::Sme) | Some(Subj::SmallMicro))
            || matches!(b.denom, Some(Denom::Subj(Subj::Proc(_))))
                && matches!(b.section, SectionKind::Procurement)
        {
            continue; // PROC-SME
        }
        if let Some(Denom::Ambiguous(t)) = &b.denom {
            ctx.na(
                format!("{}：{} 的分母“{}”含义不明确，未核对", head(s), raw(r, b), t),
                format!(
                    "{}: the base of {} (“{}”) is ambiguous; not checked",
                    head(s),
                    raw(r, b),
                    t
                ),
            );
            continue;
        }
        if b.section == SectionKind::Performance {
            ctx.na(
                format!("{}：预算绩效部分的占比由绩效规则核对", head(s)),
                format!(
                    "{}: shares in the performance part are left to the performance rules",
                    head(s)
                ),
            );
            continue;
        }
        if s.mentions[b.m].kind == MentionKind::Amount {
            // 占 41.70 without the percent sign
            ctx.report(
                Finding::new(RULE.code, Severity::Warning)
                    .variant("unsigned")
                    .text("stated", raw(r, b))
                    .at(loc(r, b, Role::Stated)),
            );
        }
        let Some(nb) = numerator(r, &bs, b) else {
            ctx.na(
                format!("{}：{} 前没有金额，未核对", head(s), raw(r, b)),
                format!("{}: no amount precedes {}; not checked", head(s), raw(r, b)),
            );
            continue;
        };
        let a = r.narrative[nb.s].mentions[nb.m].num;
        let cands = match &b.denom {
            Some(Denom::Subj(d)) => match from_subject(r, &bs, d) {
                Some(c) => vec![c],
                None => {
                    ctx.na(
                        format!("{}：分母“{}”在表中找不到，未核对", head(s), d.name().0),
                        format!(
                            "{}: the base “{}” is not in the tables; not checked",
                            head(s),
                            d.name().1
                        ),
                    );
                    continue;
                }
            },
            _ => {
                if nb.subject.is_none() && nb.parent.is_none() && b.parent.is_none() {
                    ctx.na(
                        format!("{}：{} 所属项目不明，未核对", head(s), raw(r, b)),
                        format!(
                            "{}: what {} is a share of is unclear; not checked",
                            head(s),
                            raw(r, b)
                        ),
                    );
                    continue;
                }
                candidates(r, &bs, b, Some(nb))
            }
        };
        let mut computed: Vec<(usize, Option<Decimal>, PercentOutcome)> = Vec::new();
        for (i, c) in cands.iter().enumerate() {
            let (o, v) = check_percent(a, c.value, p, q);
            computed.push((i, v, o));
        }
        if computed.iter().any(|x| x.2 == PercentOutcome::Pass) {
            ctx.pass();
            continue;
        }
        // the amount itself differs from its table cell (NARR-AMOUNT's finding) and the share
        // fits the table's figure: one root cause, already reported there
        let cell = nb
            .subject
            .as_ref()
            .and_then(|x| bind::cells(r, x, false).ok())
            .and_then(|t| bind::cells_value(&t));
        if let Some(cv) = cell.filter(|cv| cv.value != a.value) {
            if cands
                .iter()
                .any(|c| check_percent(cv, c.value, p, q).0 == PercentOutcome::Pass)
            {
                ctx.pass();
                continue;
            }
        }
        if cands.is_empty() {
            ctx.na(
                format!(
                    "{}：{} 找不到可用的分母（表格缺失，说明中也未写出），未核对",
                    head(s),
                    raw(r, b)
                ),
                format!(
                    "{}: no base is available for {} (no table, none stated); not checked",
                    head(s),
                    raw(r, b)
                ),
            );
            continue;
        }
        let defined: Vec<&(usize, Option<Decimal>, PercentOutcome)> = computed
            .iter()
            .filter(|x| x.2 != PercentOutcome::Undefined)
            .collect();
        if defined.is_empty() {
            ctx.na(
                format!("{}：{} 的分母为 0，比例无定义，未核对", head(s), raw(r, b)),
                format!(
                    "{}: the base of {} is zero; not checked",
                    head(s),
                    raw(r, b)
                ),
            );
            continue;
        }
        let (sz, se) = nb
            .subject
            .as_ref()
            .map(|x| x.name())
            .unwrap_or_else(|| ("该项".into(), "the item".into()));
        let show = |xs: &[&(usize, Option<Decimal>, PercentOutcome)]| {
            let tz: Vec<String> = xs.iter().map(|x| cands[x.0].zh.clone()).collect();
            let te: Vec<String> = xs.iter().map(|x| cands[x.0].en.clone()).collect();
            let cv: Vec<String> = xs
                .iter()
                .map(|x| x.1.map(|v| super::pct(v, q)).unwrap_or_default())
                .collect();
            (tz.join("、"), te.join(", "), cv.join("、"), cv.join(", "))
        };
        let trunc: Vec<&(usize, Option<Decimal>, PercentOutcome)> = defined
            .iter()
            .copied()
            .filter(|x| x.2 == PercentOutcome::Truncated)
            .collect();
        let (used, sev, variant) = if trunc.is_empty() {
            (defined.clone(), Severity::Error, "")
        } else {
            (trunc[..1].to_vec(), Severity::Info, "truncated")
        };
        let (tz, te, cz, ce) = show(&used);
        let mut f = Finding::new(RULE.code, sev)
            .variant(variant)
            .both("subject", sz, se)
            .amount("amount", a.value)
            .arg("unit", Arg::Unit(unit))
            .text("stated", raw(r, b))
            .both("tried", tz, te)
            .both("computed", cz, ce)
            .at(loc(r, b, Role::Stated))
            .at(loc(r, nb, Role::Component));
        if let Some(v) = used[0].1 {
            f = f.numbers(p, v, Decimal::new(5, q + 1));
        }
        for x in &used {
            f = f.at_all(cands[x.0].locs.clone());
        }
        if sev == Severity::Info {
            truncated.push(f);
        } else {
            ctx.report(f);
        }
    }
    match truncated.len() {
        0 => {}
        1 => ctx.report(truncated.pop().expect("one")),
        n => {
            let cases: Vec<String> = truncated
                .iter()
                .filter_map(|f| {
                    f.locations
                        .first()
                        .and_then(|l| l.text.as_ref().zip(l.span))
                        .map(|(t, (a, b))| t[a..b].to_string())
                })
                .collect();
            let mut g = Finding::new(RULE.code, Severity::Warning)
                .variant("truncated_pattern")
                .text("count", n.to_string())
                .both("cases", cases.join("、"), cases.join(", "));
            for f in truncated {
                g.locations.extend(f.locations);
            }
            ctx.report(g);
            // the other truncated cases were checks too
            ctx.failed += n - 1;
        }
    }
}
