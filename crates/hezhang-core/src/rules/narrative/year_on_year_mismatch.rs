//! NARR-YOY — year-on-year-mismatch (Y-1 … Y-4; §5 rows 10, 11, 12).

use rust_decimal::Decimal;

use super::{cell_locs, head, loc, percent, raw, stated_level};
use crate::finding::{Arg, Finding, Location, Role, Severity};
use crate::model::{MentionKind, Num};
use crate::recognise::bind::{self, Binding, Bindings, Dir, NumRole, SectionKind, Subj};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::tolerance::{check_percent, compare_sum, Outcome, PercentOutcome};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "NARR-YOY",
    name: "year-on-year-mismatch",
    family: "narrative",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["Y-1", "Y-2", "Y-3", "Y-4"],
    title_zh: "同比变动额或变动率不符",
    title_en: "Year-on-year change does not add up",
    messages: &[
        (
            "",
            "情况说明称{subject}{dir} {delta} {unit}、{rdir} {stated}；按本年 {current} {unit} 推算上年为 {prior} {unit}，变动率应为 {computed}。",
            "The narrative says {subject} changed by {delta} {unit} ({stated}); with this year's {current} {unit}, last year was {prior} {unit} and the rate should be {computed}.",
        ),
        (
            "truncated",
            "情况说明称{subject}{rdir} {stated}，按上年 {prior} {unit} 计算为 {computed}，疑为截尾而非四舍五入。",
            "The narrative gives {subject} a change of {stated}; over last year's {prior} {unit} it is {computed}, which looks truncated rather than rounded.",
        ),
        (
            "wrong_base",
            "情况说明称{subject}{dir} {delta} {unit}、{rdir} {stated}；变动率应以上年 {prior} {unit} 为基数，为 {computed}，所述比例等于 {delta} ÷ 本年 {current}（以本年为基数）。",
            "The narrative says {subject} changed by {delta} {unit} ({stated}); the rate must use last year's {prior} {unit} as its base, giving {computed}; the stated rate is {delta} ÷ this year's {current}.",
        ),
        (
            "zero_base",
            "情况说明称{subject}{dir} {delta} {unit}、{rdir} {stated}，但本年为 {current} {unit}，上年为 0，增长率无定义。",
            "The narrative says {subject} changed by {delta} {unit} ({stated}), but this year's figure is {current} {unit}, so last year's was 0 and no growth rate exists.",
        ),
        (
            "negative_base",
            "情况说明称{subject}增加 {delta} {unit}，大于本年的 {current} {unit}，推算上年为负数 {prior} {unit}。",
            "The narrative says {subject} grew by {delta} {unit}, more than this year's {current} {unit}: last year would be negative ({prior} {unit}).",
        ),
        (
            "delta",
            "情况说明称{subject}{dir} {delta} {unit}，但本年 {current} {unit} 与上年 {prior} {unit} 相差 {computed} {unit}。",
            "The narrative says {subject} changed by {delta} {unit}, but this year's {current} {unit} and last year's {prior} {unit} differ by {computed} {unit}.",
        ),
        (
            "items",
            "情况说明称{subject}变动 {delta} {unit}，但其中各分项变动合计为 {computed} {unit}（{parts}），相差 {diff} {unit}。",
            "The narrative gives {subject} a change of {delta} {unit}, but its items change by {computed} {unit} in total ({parts}); the difference is {diff} {unit}.",
        ),
    ],
    zh: RuleDoc {
        what: "“比上年增加（减少）Δ，增长（下降）r%”：上年数 = 本年数 − Δ（增加）或 + Δ（减少），r = |Δ| ÷ 上年数；本年数取说明中同一项目的金额，没有则取表中金额。上年为 0 时不存在增长率；同时写出上年数和本年数时，Δ 应等于两者之差；列出各分项变动时（如“三公”经费各项），分项变动之和应等于总变动。",
        why: "同比变化是新闻报道最常引用的内容；基数用错（以本年为基数）或凭空写“增长 100%”，会夸大或缩小变化。",
        example: "本年 80.00 万元，“减少 20.00 万元，下降 25.00%”：上年应为 100.00 万元，下降 20.00%；25.00% = 20.00 ÷ 80.00，是以本年为基数。“比上年度增加 15,847.59 元，主要原因是上年无此项支出”正确，不应再写增长率。",
        tolerance: "上年数由本年数和变动额推算，其舍入误差为两者半个末位单位之和，再按区间判断比例；仅截尾相符为提示。金额比较按印出精度，元精确到分。",
        not_applicable: "说明中只有增长率而没有变动额或上年数、或找不到本年数时不核对并说明原因；预算绩效部分不核对。",
    },
    en: RuleDoc {
        what: "“up (down) Δ, or r% on last year”: last year = this year − Δ (up) or + Δ (down), and r = |Δ| ÷ last year. This year's figure is taken from the narrative for the same subject, else from the table. With last year at 0 no growth rate exists; when both years are printed, Δ must be their difference; when items' changes are listed (the “three public” items), they must add up to the total change.",
        why: "Year-on-year changes are what the press quotes. A wrong base (this year instead of last year) or an invented “up 100%” exaggerates or hides the change.",
        example: "This year 80.00, “down 20.00, or 25.00%”: last year was 100.00, so the fall is 20.00%; 25.00% = 20.00 ÷ 80.00 uses this year as the base. “Up 15,847.59 yuan, because there was no such spending last year” is right and needs no rate.",
        tolerance: "Last year's figure derived from this year's and Δ carries both half-units; the rate is then judged as an interval. A rate that fits only if truncated is a note. Amounts are compared at their printed precision; yuan are exact to the fen.",
        not_applicable: "Skipped with a reason when the narrative gives a rate without Δ or last year's figure, or this year's figure cannot be found; the performance part is not checked.",
    },
    check,
};

struct Current {
    num: Num,
    locs: Vec<Location>,
}

fn current(r: &Report, bs: &Bindings, b: &Binding, subj: &Subj) -> Option<Current> {
    if let Some(x) = stated_level(r, bs, b, subj) {
        return Some(Current {
            num: r.narrative[x.s].mentions[x.m].num,
            locs: vec![loc(r, x, Role::Component)],
        });
    }
    let terms = bind::cells(r, subj, false).ok()?;
    Some(Current {
        num: bind::cells_value(&terms)?,
        locs: cell_locs(&terms, Role::Component),
    })
}

fn dir_words(d: Dir) -> (&'static str, &'static str) {
    match d {
        Dir::Up => ("增加", "增长"),
        Dir::Down => ("减少", "下降"),
    }
}

fn check(r: &Report, ctx: &mut Ctx) {
    let bs = bind::bind(r);
    let unit = r.unit();
    let amount = |b: &Binding| r.narrative[b.s].mentions[b.m].kind == MentionKind::Amount;
    let mut used_rates: Vec<usize> = Vec::new();
    for (i, b) in bs.items.iter().enumerate() {
        if b.section == SectionKind::Performance {
            continue;
        }
        let s = &r.narrative[b.s];
        match b.role {
            NumRole::Change(dir) if amount(b) => {
                let Some(subj) = &b.subject else {
                    ctx.na(
                        format!("{}：变动额 {} 找不到所指项目，未核对", head(s), raw(r, b)),
                        format!(
                            "{}: the change {} has no subject; not checked",
                            head(s),
                            raw(r, b)
                        ),
                    );
                    continue;
                };
                // the rate that follows, for the same subject, before the next change amount
                let rate = bs.items.iter().enumerate().skip(i + 1).find_map(|(j, x)| {
                    if x.s != b.s {
                        return Some(None);
                    }
                    match x.role {
                        NumRole::ChangeRate(_) if x.subject.as_ref() == Some(subj) => Some(Some(j)),
                        NumRole::Change(_) if amount(x) => Some(None),
                        _ => None,
                    }
                });
                let rate = rate.flatten();
                if let Some(j) = rate {
                    used_rates.push(j);
                }
                let prior = bs.items.iter().find(|x| {
                    x.s == b.s
                        && x.role == NumRole::Prior
                        && amount(x)
                        && x.subject.as_ref() == Some(subj)
                });
                let Some(cur) = current(r, &bs, b, subj) else {
                    ctx.na(
                        format!("{}：找不到{}的本年数，未核对变动", head(s), subj.name().0),
                        format!(
                            "{}: no current figure for {}; change not checked",
                            head(s),
                            subj.name().1
                        ),
                    );
                    continue;
                };
                let delta = r.narrative[b.s].mentions[b.m].num;
                let (dz, rz) = dir_words(dir);
                let (sz, se) = subj.name();
                let base_f = |variant: &'static str, sev: Severity| {
                    Finding::new(RULE.code, sev)
                        .variant(variant)
                        .both("subject", sz.clone(), se.clone())
                        .text("dir", dz)
                        .text("rdir", rz)
                        .amount("delta", delta.value)
                        .amount("current", cur.num.value)
                        .arg("unit", Arg::Unit(unit))
                        .at(loc(r, b, Role::Stated))
                        .at_all(cur.locs.clone())
                };
                // Y-4: both years printed
                let base = if let Some(pb) = prior {
                    let p = r.narrative[pb.s].mentions[pb.m].num;
                    let diff = Num {
                        value: (cur.num.value - p.value).abs(),
                        half_unit: cur.num.half_unit + p.half_unit,
                    };
                    let c = compare_sum(delta, &[diff]);
                    match c.outcome {
                        Outcome::Pass | Outcome::Rounding => ctx.pass(),
                        _ => {
                            let f = base_f("delta", Severity::Error)
                                .amount("prior", p.value)
                                .amount("computed", diff.value)
                                .numbers(delta.value, diff.value, c.band)
                                .at(loc(r, pb, Role::Component));
                            ctx.report(f);
                        }
                    }
                    p
                } else {
                    Num {
                        value: match dir {
                            Dir::Up => cur.num.value - delta.value,
                            Dir::Down => cur.num.value + delta.value,
                        },
                        half_unit: cur.num.half_unit + delta.half_unit,
                    }
                };
                if base.value + base.half_unit < Decimal::ZERO {
                    let f = base_f("negative_base", Severity::Error)
                        .amount("prior", base.value)
                        .numbers(delta.value, cur.num.value, base.half_unit);
                    ctx.report(f);
                    continue;
                }
                let Some(j) = rate else {
                    ctx.pass();
                    continue;
                };
                let rb = &bs.items[j];
                let (p, q) = percent(r, rb);
                // with both years printed the rate follows from them, whatever Δ says (a wrong
                // Δ is reported once, above)
                let abs_delta = match prior {
                    Some(pb) => {
                        let p = r.narrative[pb.s].mentions[pb.m].num;
                        Num {
                            value: (cur.num.value - p.value).abs(),
                            half_unit: cur.num.half_unit + p.half_unit,
                        }
                    }
                    None => Num {
                        value: delta.value.abs(),
                        half_unit: delta.half_unit,
                    },
                };
                let (o, v) = check_percent(abs_delta, base, p, q);
                let computed = v.map(|v| super::pct(v, q)).unwrap_or_default();
                let with_rate = |f: Finding| {
                    f.text("stated", raw(r, rb))
                        .amount("prior", base.value)
                        .text("computed", computed.clone())
                        .at(loc(r, rb, Role::Stated))
                };
                match o {
                    PercentOutcome::Pass => ctx.pass(),
                    PercentOutcome::Undefined => {
                        let f = with_rate(base_f("zero_base", Severity::Error)).numbers(
                            p,
                            Decimal::ZERO,
                            Decimal::ZERO,
                        );
                        ctx.report(f);
                    }
                    PercentOutcome::Truncated => {
                        let f = with_rate(base_f("truncated", Severity::Info)).numbers(
                            p,
                            v.unwrap_or_default(),
                            Decimal::new(5, q + 1),
                        );
                        ctx.report(f);
                    }
                    PercentOutcome::Mismatch => {
                        let (wo, _) = check_percent(abs_delta, cur.num, p, q);
                        let variant = if wo == PercentOutcome::Pass {
                            "wrong_base"
                        } else {
                            ""
                        };
                        let f = with_rate(base_f(variant, Severity::Error)).numbers(
                            p,
                            v.unwrap_or_default(),
                            Decimal::new(5, q + 1),
                        );
                        ctx.report(f);
                    }
                }
            }
            _ => {}
        }
    }
    // rates with no change amount before them
    for (j, b) in bs.items.iter().enumerate() {
        if !matches!(b.role, NumRole::ChangeRate(_))
            || used_rates.contains(&j)
            || b.section == SectionKind::Performance
        {
            continue;
        }
        let s = &r.narrative[b.s];
        ctx.na(
            format!(
                "{}：变动率 {} 前没有变动额，无法推算上年数，未核对",
                head(s),
                raw(r, b)
            ),
            format!(
                "{}: the rate {} has no change amount before it; not checked",
                head(s),
                raw(r, b)
            ),
        );
    }
    items_add_up(r, &bs, ctx);
}

/// Y-3: in a sentence giving a total change and then, after 其中, each item's change (or 持平),
/// the items' changes add up to the total's when the items make up the whole (their current
/// figures, stated in the section or in the tables, add up to the total's).
fn items_add_up(r: &Report, bs: &Bindings, ctx: &mut Ctx) {
    let unit = r.unit();
    let amount = |b: &Binding| r.narrative[b.s].mentions[b.m].kind == MentionKind::Amount;
    let signed = |b: &Binding| {
        let n = r.narrative[b.s].mentions[b.m].num;
        match b.role {
            NumRole::Change(Dir::Down) => Num {
                value: -n.value,
                half_unit: n.half_unit,
            },
            _ => n,
        }
    };
    let current_of = |si: usize, subj: &Subj| -> Option<Num> {
        if let Some(x) = super::level_in_section(r, bs, si, subj) {
            return Some(r.narrative[x.s].mentions[x.m].num);
        }
        let t = bind::cells(r, subj, false).ok()?;
        bind::cells_value(&t)
    };
    for si in 0..r.narrative.len() {
        let own: Vec<&Binding> = bs.items.iter().filter(|b| b.s == si).collect();
        let Some(total) = own
            .iter()
            .copied()
            .find(|b| !b.in_list && matches!(b.role, NumRole::Change(_)) && amount(b))
        else {
            continue;
        };
        // the items follow in this sentence, or in the next one when it opens with 其中
        let next_opens = r.narrative.get(si + 1).is_some_and(|n| {
            n.section == r.narrative[si].section && crate::text::key(&n.text).starts_with("其中")
        });
        let has_own_items = own.iter().any(|b| b.in_list);
        let item_sentence = if has_own_items || !next_opens {
            si
        } else {
            si + 1
        };
        let items: Vec<&Binding> = bs.items.iter().filter(|b| b.s == item_sentence).collect();
        let Some(tsubj) = &total.subject else {
            continue;
        };
        if total.section == SectionKind::Performance {
            continue;
        }
        // the listed items, in the order printed: a change amount or a 持平 each
        let mut listed: Vec<(usize, Subj)> = Vec::new();
        for b in items
            .iter()
            .filter(|b| b.in_list && matches!(b.role, NumRole::Change(_)) && amount(b))
        {
            if let Some(s) = &b.subject {
                listed.push((r.narrative[b.s].mentions[b.m].start, s.clone()));
            }
        }
        for f in bs
            .flats
            .iter()
            .filter(|f| f.s == item_sentence && f.in_list)
        {
            if let Some(s) = &f.subject {
                listed.push((f.span.0, s.clone()));
            }
        }
        listed.sort_by_key(|x| x.0);
        let mut subjects: Vec<Subj> = Vec::new();
        for (_, s) in listed {
            if !subjects.contains(&s) && s != *tsubj {
                subjects.push(s);
            }
        }
        // a 三公 subtotal listed with its own parts: keep the subtotal only
        if subjects.contains(&Subj::Tp("vehicle")) {
            subjects.retain(|s| {
                *s != Subj::Tp("vehicle_purchase") && *s != Subj::Tp("vehicle_running")
            });
        }
        if subjects.len() < 2 {
            continue;
        }
        let mut currents = Vec::new();
        let mut deltas = Vec::new();
        let mut parts = Vec::new();
        let mut locs = Vec::new();
        let mut complete = true;
        for subj in &subjects {
            let ch = items.iter().find(|b| {
                b.in_list
                    && matches!(b.role, NumRole::Change(_))
                    && amount(b)
                    && b.subject.as_ref() == Some(subj)
            });
            match current_of(si, subj) {
                Some(c) => currents.push(c),
                None => complete = false,
            }
            match ch {
                Some(c) => {
                    let d = signed(c);
                    parts.push(format!(
                        "{} {}",
                        subj.name().0,
                        crate::i18n::thousands(d.value)
                    ));
                    deltas.push(d);
                    locs.push(loc(r, c, Role::Component));
                }
                None => {
                    parts.push(format!("{} 0", subj.name().0));
                    deltas.push(Num::exact(Decimal::ZERO));
                }
            }
        }
        let Some(tcur) = current_of(si, tsubj) else {
            continue;
        };
        if !complete || compare_sum(tcur, &currents).outcome == Outcome::Mismatch {
            continue;
        }
        let td = signed(total);
        let c = compare_sum(td, &deltas);
        match c.outcome {
            Outcome::Pass => ctx.pass(),
            o => {
                let sev = if o == Outcome::Rounding {
                    Severity::Info
                } else {
                    Severity::Error
                };
                let (sz, se) = tsubj.name();
                let f = Finding::new(RULE.code, sev)
                    .variant("items")
                    .both("subject", sz, se)
                    .amount("delta", td.value)
                    .amount("computed", c.computed)
                    .amount("diff", c.difference().abs())
                    .both("parts", parts.join(" + "), parts.join(" + "))
                    .arg("unit", Arg::Unit(unit))
                    .numbers(td.value, c.computed, c.band)
                    .at(loc(r, total, Role::Stated))
                    .at_all(locs);
                ctx.report(f);
            }
        }
    }
}
