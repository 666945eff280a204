//! NARR-DIRECTION — direction-word-contradiction (D-1 … D-3; §5 rows 7, 14).

use rust_decimal::Decimal;

use super::{head, loc};
use crate::finding::{Arg, Finding, Location, Role, Severity};
use crate::model::{MentionKind, Num};
use crate::recognise::bind::{self, Binding, Bindings, BudgetKind, Dir, NumRole, SectionKind};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "NARR-DIRECTION",
    name: "direction-word-contradiction",
    family: "narrative",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["D-1", "D-2", "D-3"],
    title_zh: "增减、大小表述与数字矛盾",
    title_en: "Direction word contradicts the figures",
    messages: &[
        (
            "",
            "情况说明称{subject}“{word}”，但本年 {current} {unit}、上年 {prior} {unit}，实际{actual}。",
            "The narrative says {subject} “{word}”, but this year's {current} {unit} against last year's {prior} {unit} is {actual_en}.",
        ),
        (
            "flat_vs_change",
            "情况说明称{subject}“{word}”，同一句又写变动 {delta} {unit}，两者矛盾。",
            "The narrative says {subject} is “{word}” and, in the same sentence, that it changed by {delta} {unit}; the two contradict each other.",
        ),
        (
            "zero_change",
            "情况说明称{subject}“{word}” {delta} {unit}，变动额为 0，宜表述为“持平”。",
            "The narrative says {subject} “{word}” by {delta} {unit}; a zero change is better called “unchanged”.",
        ),
        (
            "roughly",
            "情况说明称{subject}“基本持平”，但变动 {delta} {unit}，占基数 {base} {unit} 的 {pct}%，超过 {limit}%。",
            "The narrative calls {subject} “roughly unchanged”, but it changed by {delta} {unit}, {pct}% of {base} {unit}, more than {limit}%.",
        ),
        (
            "budget",
            "情况说明称“{word}”，但决算数 {final_} {unit}、预算数 {budget} {unit}，实际是{actual}。",
            "The narrative says the actual is “{word}” the budget, but the actual {final_} {unit} against the budget {budget} {unit} is {actual_en}.",
        ),
        (
            "merged",
            "情况说明中“{word}”同时写了相互矛盾的比较词，应只保留一个。",
            "The narrative's “{word}” merges contradictory comparison words; only one should remain.",
        ),
    ],
    zh: RuleDoc {
        what: "增加、增长、上升等词对应变动为正，减少、下降对应为负，持平、与上年相同、无变化对应为 0；“决算数大于（小于、等于）预算数”应与同一段所给的决算数、预算数一致；“基本持平”的变动不超过基数的配置比例（默认 1%）；“大于等于小于”这类把几个相互矛盾的比较词写在一起的表述是错误。",
        why: "方向词是读者最先读到的结论；写反了，数字再准确也会被误读。",
        example: "决算 98.50 万元、预算 100.00 万元，却写“决算数大于预算数的主要原因”：实际是小于。同一句写“与上年持平”又写“比上年减少 12.40 万元”，两者矛盾。",
        tolerance: "数字按印出的精度比较：两数相差不超过舍入误差时视为相等，任何比较词都不报告。“基本持平”的比例限度在配置中（默认 1%）。写了“增加 0 元”只作需核实。",
        not_applicable: "同一段没有给出可比较的两个数字（如只写“持平”而没有上年数和变动额）时不核对；括号里并列两种写法（“大于（小于）”）是模板残留，由模板占位符规则报告。",
    },
    en: RuleDoc {
        what: "Up words (增加, 增长, 上升) mean a positive change, down words a negative one, and 持平 / 与上年相同 / 无变化 a zero change; “actual above (below, equal to) budget” must agree with the actual and budget figures of the same paragraph; “roughly unchanged” allows at most the configured share of the base (1% by default); merged contradictory words such as “above-equal-below” are errors.",
        why: "Direction words are the conclusion readers take away; written the wrong way round, even correct figures mislead.",
        example: "Actual 98.50 and budget 100.00, but the text explains why “the actual exceeds the budget”: it is below. A sentence that says “unchanged on last year” and “down 12.40” contradicts itself.",
        tolerance: "Figures are compared at their printed precision: when they differ by no more than rounding, any direction word passes. The roughly-unchanged limit is configured (1% by default). “Up by 0” is only a warning.",
        not_applicable: "Skipped when the paragraph gives no pair of figures to compare (“unchanged” with neither last year's figure nor a change amount). Both alternatives left in brackets (“above (below)”) are template residue, reported by the placeholder rule.",
    },
    check,
};

fn is_amount(r: &Report, b: &Binding) -> bool {
    r.narrative[b.s].mentions[b.m].kind == MentionKind::Amount
}

fn num(r: &Report, b: &Binding) -> Num {
    r.narrative[b.s].mentions[b.m].num
}

fn sign_words(d: Decimal, band: Decimal, budget: bool) -> (&'static str, &'static str) {
    if d.abs() <= band {
        ("两者相等", "equal")
    } else if d > Decimal::ZERO {
        (
            if budget {
                "决算数大于预算数"
            } else {
                "为增加"
            },
            "higher",
        )
    } else {
        (
            if budget {
                "决算数小于预算数"
            } else {
                "为减少"
            },
            "lower",
        )
    }
}

fn check(r: &Report, ctx: &mut Ctx) {
    let bs = bind::bind(r);
    let unit = r.unit();
    let before = (ctx.passed, ctx.failed, ctx.not_run.len());
    changes_vs_years(r, &bs, ctx);
    flats(r, &bs, ctx);
    budget_comparisons(r, &bs, ctx, unit);
    if (ctx.passed, ctx.failed, ctx.not_run.len()) == before {
        ctx.na(
            "情况说明中没有可与数字对照的增减、持平或大小比较表述",
            "the narrative has no direction word that can be compared with figures",
        );
    }
}

/// D-1: 增加/减少 with both years printed.
fn changes_vs_years(r: &Report, bs: &Bindings, ctx: &mut Ctx) {
    let unit = r.unit();
    for b in &bs.items {
        let NumRole::Change(dir) = b.role else {
            continue;
        };
        if !is_amount(r, b) || b.section == SectionKind::Performance {
            continue;
        }
        let word = if dir == Dir::Up { "增加" } else { "减少" };
        let d = num(r, b);
        if d.value.is_zero() {
            let (sz, se) = b.subject.as_ref().map(|s| s.name()).unwrap_or_default();
            ctx.report(
                Finding::new(RULE.code, Severity::Warning)
                    .variant("zero_change")
                    .both("subject", sz, se)
                    .text("word", word)
                    .amount("delta", d.value)
                    .arg("unit", Arg::Unit(unit))
                    .at(loc(r, b, Role::Stated)),
            );
            continue;
        }
        let Some(subj) = &b.subject else { continue };
        let prior = bs.items.iter().find(|x| {
            x.s == b.s
                && x.role == NumRole::Prior
                && is_amount(r, x)
                && x.subject.as_ref() == Some(subj)
        });
        let cur = bs.items.iter().find(|x| {
            x.s == b.s && x.role.is_level() && is_amount(r, x) && x.subject.as_ref() == Some(subj)
        });
        let (Some(p), Some(c)) = (prior, cur) else {
            continue;
        };
        let (pn, cn) = (num(r, p), num(r, c));
        let delta = cn.value - pn.value;
        let band = pn.half_unit + cn.half_unit;
        let ok = delta.abs() <= band
            || (dir == Dir::Up && delta > Decimal::ZERO)
            || (dir == Dir::Down && delta < Decimal::ZERO);
        if ok {
            ctx.pass();
            continue;
        }
        let (az, ae) = sign_words(delta, band, false);
        let (sz, se) = subj.name();
        ctx.report(
            Finding::new(RULE.code, Severity::Error)
                .both("subject", sz, se)
                .text("word", word)
                .amount("current", cn.value)
                .amount("prior", pn.value)
                .text("actual", az)
                .text("actual_en", ae)
                .arg("unit", Arg::Unit(unit))
                .numbers(cn.value, pn.value, band)
                .at(loc(r, b, Role::Stated))
                .at(loc(r, c, Role::Component))
                .at(loc(r, p, Role::Component)),
        );
    }
}

/// D-1 and D-3: 持平 / 基本持平.
fn flats(r: &Report, bs: &Bindings, ctx: &mut Ctx) {
    let unit = r.unit();
    let mut unchecked = 0usize;
    for f in &bs.flats {
        let s = &r.narrative[f.s];
        if bind::section_kind(&s.section) == SectionKind::Performance {
            continue;
        }
        let word = s.text[f.span.0..f.span.1].to_string();
        let flat_loc = Location::text(Role::Stated, s, Some(f.span));
        let same = |x: &&Binding| x.s == f.s && x.subject == f.subject && f.subject.is_some();
        let change = bs
            .items
            .iter()
            .filter(same)
            .find(|x| matches!(x.role, NumRole::Change(_)) && is_amount(r, x));
        let prior = bs
            .items
            .iter()
            .filter(same)
            .find(|x| x.role == NumRole::Prior && is_amount(r, x));
        let cur = bs
            .items
            .iter()
            .filter(same)
            .find(|x| x.role.is_level() && is_amount(r, x));
        let (sz, se) = f.subject.as_ref().map(|s| s.name()).unwrap_or_default();
        // the change and its base
        let (delta, base, locs): (Num, Option<Num>, Vec<Location>) = match (change, prior, cur) {
            (Some(c), _, cur) => (
                num(r, c),
                cur.map(|x| num(r, x)),
                vec![loc(r, c, Role::Component)],
            ),
            (None, Some(p), Some(c)) => {
                let (pn, cn) = (num(r, p), num(r, c));
                (
                    Num {
                        value: (cn.value - pn.value).abs(),
                        half_unit: pn.half_unit + cn.half_unit,
                    },
                    Some(pn),
                    vec![loc(r, c, Role::Component), loc(r, p, Role::Component)],
                )
            }
            _ => {
                unchecked += 1;
                continue; // nothing to compare with
            }
        };
        if f.roughly {
            let Some(base) = base.filter(|b| !b.value.is_zero()) else {
                ctx.na(
                    format!("{}：“基本持平”缺少基数，未核对", head(s)),
                    format!("{}: “roughly unchanged” has no base; not checked", head(s)),
                );
                continue;
            };
            let pct = (delta.value.abs() - delta.half_unit).max(Decimal::ZERO) / base.value.abs()
                * Decimal::ONE_HUNDRED;
            if pct <= ctx.config.roughly_flat_pct {
                ctx.pass();
                continue;
            }
            ctx.report(
                Finding::new(RULE.code, Severity::Warning)
                    .variant("roughly")
                    .both("subject", sz, se)
                    .amount("delta", delta.value)
                    .amount("base", base.value)
                    .text("pct", pct.round_dp(2).to_string())
                    .text("limit", ctx.config.roughly_flat_pct.to_string())
                    .arg("unit", Arg::Unit(unit))
                    .at(flat_loc)
                    .at_all(locs),
            );
            continue;
        }
        if delta.value.abs() <= delta.half_unit {
            ctx.pass();
            continue;
        }
        let mut finding = Finding::new(RULE.code, Severity::Error)
            .both("subject", sz, se)
            .text("word", word)
            .amount("delta", delta.value)
            .arg("unit", Arg::Unit(unit))
            .at(flat_loc)
            .at_all(locs);
        finding = match (change, prior, cur) {
            (Some(_), _, _) => finding.variant("flat_vs_change"),
            (None, Some(p), Some(c)) => {
                let (pn, cn) = (num(r, p), num(r, c));
                let (az, ae) = sign_words(cn.value - pn.value, Decimal::ZERO, false);
                finding
                    .amount("current", cn.value)
                    .amount("prior", pn.value)
                    .text("actual", az)
                    .text("actual_en", ae)
            }
            _ => continue,
        };
        ctx.report(finding);
    }
    if unchecked > 0 {
        ctx.na(
            format!("{unchecked} 处“持平/与上年相同”既无上年数也无变动额可对照，未核对"),
            format!("{unchecked} “unchanged” statement(s) give neither last year's figure nor a change; not checked"),
        );
    }
}

const COMPARATORS: &[(&str, i8)] = &[
    ("大于", 1),
    ("高于", 1),
    ("超过", 1),
    ("多于", 1),
    ("小于", -1),
    ("低于", -1),
    ("少于", -1),
    ("等于", 0),
    ("持平", 0),
];

/// D-2 (and D-3's merged phrases): 决算数大于/小于/等于预算数.
fn budget_comparisons(r: &Report, bs: &Bindings, ctx: &mut Ctx, unit: crate::model::Unit) {
    for (si, s) in r.narrative.iter().enumerate() {
        let t = crate::text::key(&s.text);
        // the comparison words right after 决算(数), at the first 决算 that has them
        let mut words: Vec<(&str, i8)> = Vec::new();
        let mut bracketed = false;
        let mut found = false;
        for (p, _) in t.match_indices("决算") {
            let mut rest = &t[p + "决算".len()..];
            rest = rest.strip_prefix("数").unwrap_or(rest);
            rest = rest.strip_prefix("与预算数").unwrap_or(rest);
            words.clear();
            bracketed = false;
            loop {
                let r2 = rest.trim_start_matches(['(', ')', '、', '/']);
                if r2.len() < rest.len() && rest.starts_with('(') {
                    bracketed = true;
                }
                rest = r2;
                match COMPARATORS.iter().find(|(w, _)| rest.starts_with(w)) {
                    Some(&(w, d)) => {
                        words.push((w, d));
                        rest = &rest[w.len()..];
                    }
                    None => break,
                }
            }
            let budget_next = ["预算", "年初预算", "全年预算", "调整后预算"]
                .iter()
                .any(|b| rest.starts_with(b));
            if !words.is_empty() && (budget_next || words.len() > 1) {
                found = true;
                break;
            }
        }
        if !found {
            continue;
        }
        let phrase: String = words.iter().map(|w| w.0).collect();
        if words.len() > 1 {
            if bracketed {
                continue; // “大于（小于）”: template residue, NARR-PLACEHOLDER
            }
            let signs: Vec<i8> = words.iter().map(|w| w.1).collect();
            // “大于等于” is ≥; anything with both directions is merged
            let contradictory = signs.contains(&1) && signs.contains(&-1) || words.len() > 2;
            if contradictory {
                ctx.report(
                    Finding::new(RULE.code, Severity::Error)
                        .variant("merged")
                        .text("word", format!("决算数{phrase}预算数"))
                        .at(Location::text(Role::Stated, s, None)),
                );
                continue;
            }
        }
        // the budget and actual of the paragraph: this sentence or up to three before it
        let pair = (0..=3).filter_map(|k| si.checked_sub(k)).find_map(|sj| {
            if r.narrative[sj].section != s.section {
                return None;
            }
            let in_s: Vec<&Binding> = bs
                .items
                .iter()
                .filter(|x| x.s == sj && is_amount(r, x))
                .collect();
            let bud = in_s.iter().find(|x| {
                matches!(
                    x.role,
                    NumRole::Budget(BudgetKind::Initial) | NumRole::Budget(BudgetKind::Plain)
                )
            })?;
            let fin = in_s.iter().find(|x| x.role == NumRole::Final)?;
            Some((*bud, *fin))
        });
        let Some((bud, fin)) = pair else {
            ctx.na(
                format!("{}：同一段没有预算数和决算数，未核对“{}”", head(s), phrase),
                format!(
                    "{}: the paragraph gives no budget and actual; “{}” not checked",
                    head(s),
                    phrase
                ),
            );
            continue;
        };
        let (bn, fnn) = (num(r, bud), num(r, fin));
        let delta = fnn.value - bn.value;
        let band = bn.half_unit + fnn.half_unit;
        let ge = words.iter().any(|w| w.1 == 0) && words.len() == 2;
        let dir = words.iter().map(|w| w.1).find(|d| *d != 0).unwrap_or(0);
        let ok = delta.abs() <= band
            || (dir == 1 && delta > Decimal::ZERO)
            || (dir == -1 && delta < Decimal::ZERO)
            || (ge && dir == 1 && delta >= Decimal::ZERO)
            || (ge && dir == -1 && delta <= Decimal::ZERO);
        if ok {
            ctx.pass();
            continue;
        }
        let (az, ae) = sign_words(delta, band, true);
        ctx.report(
            Finding::new(RULE.code, Severity::Error)
                .variant("budget")
                .text("word", format!("决算数{phrase}预算数"))
                .amount("final_", fnn.value)
                .amount("budget", bn.value)
                .text("actual", az)
                .text("actual_en", ae)
                .arg("unit", Arg::Unit(unit))
                .numbers(fnn.value, bn.value, band)
                .at(Location::text(Role::Stated, s, None))
                .at(loc(r, fin, Role::Component))
                .at(loc(r, bud, Role::Component)),
        );
    }
}
