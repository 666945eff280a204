//! PROC-SME — sme-share-mismatch (G-2, Shanxi form).

use rust_decimal::Decimal;

use crate::finding::{Arg, Finding, Location, Role, Severity};
use crate::model::{MentionKind, Num};
use crate::recognise::bind::{self, Binding, Denom, NumRole, Subj};
use crate::rules::narrative::{cell_locs, head, loc, raw};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::tolerance::{check_percent, le_within, PercentOutcome};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "PROC-SME",
    name: "sme-share-mismatch",
    family: "procurement",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["G-2"],
    title_zh: "中小企业采购金额或占比不符",
    title_en: "SME procurement amount or share does not fit",
    messages: &[
        (
            "",
            "情况说明称{part}占政府采购支出总额的 {stated}，但 {amount} ÷ {total} {unit} = {computed}。",
            "The narrative gives {part_en} as {stated} of total procurement, but {amount} ÷ {total} {unit} = {computed}.",
        ),
        (
            "exceeds",
            "情况说明中{part} {amount} {unit} 大于{whole} {total} {unit}，部分不应大于整体。",
            "The narrative gives {part_en} as {amount} {unit}, more than {whole_en} {total} {unit}; a part cannot exceed its whole.",
        ),
        (
            "truncated",
            "情况说明称{part}占政府采购支出总额的 {stated}，按 {amount} ÷ {total} {unit} 计算为 {computed}，疑为截尾而非四舍五入。",
            "The narrative gives {part_en} as {stated} of total procurement; {amount} ÷ {total} {unit} = {computed}, which looks truncated rather than rounded.",
        ),
    ],
    zh: RuleDoc {
        what: "山西格式的政府采购说明：授予中小企业合同金额不大于政府采购支出总额；授予小微企业合同金额不大于授予中小企业合同金额；“占政府采购支出总额的 X%”都以政府采购支出总额为分母。",
        why: "中小企业、小微企业份额是政府采购政策的考核指标；份额超过 100% 或小微大于中小，说明数字填错。",
        example: "政府采购支出总额 75,425.00 元，授予中小企业 75,425 元“占 100.00%”，授予小微企业 75,425 元“占 100.00%”：均相符（总额本身与货物、工程、服务之和不符，由政府采购合计规则报告）。",
        tolerance: "金额按印出精度比较（部分大于整体超出舍入误差才报告）；百分比按区间判断，仅截尾相符为提示。",
        not_applicable: "说明中没有中小企业或小微企业合同金额、或既无说明中的采购总额也无相关信息统计表时不核对。上海格式的预留份额（G-3）不在此核对；全国统计口径把小微计入中小的算法不套用。",
    },
    en: RuleDoc {
        what: "Shanxi-form procurement statements: contracts awarded to SMEs must not exceed total procurement; those to small and micro firms must not exceed those to SMEs; each “X% of total procurement” uses total procurement as its base.",
        why: "SME and small-firm shares are targets of procurement policy. A share above 100%, or small firms above SMEs, means a figure is wrong.",
        example: "Total procurement 75,425.00 yuan, SMEs 75,425 “100.00%”, small and micro firms 75,425 “100.00%”: all fit (the total's own mismatch with goods + works + services is the procurement-total rule's finding).",
        tolerance: "Amounts at their printed precision (a part must exceed its whole beyond rounding to be reported); percentages as intervals, a truncation-only fit is a note.",
        not_applicable: "Skipped when the narrative gives no SME or small-firm amount, or there is neither a stated total nor the related-information table. Shanghai's reserved-share form (G-3) is not checked here, and the national statistics' convention of counting small firms within SMEs is not imported.",
    },
    check,
};

/// A part, its whole and the whole's places, the part's subject and the whole's names.
type Pair<'b> = (
    Option<&'b Binding>,
    Num,
    Vec<Location>,
    Subj,
    (String, String),
);

fn amount(r: &Report, b: &Binding) -> bool {
    r.narrative[b.s].mentions[b.m].kind == MentionKind::Amount
}

fn check(r: &Report, ctx: &mut Ctx) {
    let bs = bind::bind(r);
    let unit = r.unit();
    let find_level = |subj: &Subj| {
        bs.items
            .iter()
            .find(|b| b.subject.as_ref() == Some(subj) && b.role.is_level() && amount(r, b))
    };
    let sme = find_level(&Subj::Sme);
    let micro = find_level(&Subj::SmallMicro);
    if sme.is_none() && micro.is_none() {
        ctx.na(
            "情况说明没有授予中小企业、小微企业的合同金额",
            "the narrative gives no amounts awarded to SMEs or small firms",
        );
        return;
    }
    // the total: stated in the narrative, else T10 合计
    let total: Option<(Num, Vec<Location>)> = find_level(&Subj::Proc("proc_total"))
        .map(|b| {
            (
                r.narrative[b.s].mentions[b.m].num,
                vec![loc(r, b, Role::Component)],
            )
        })
        .or_else(|| {
            let terms = bind::cells(r, &Subj::Proc("proc_total"), false).ok()?;
            Some((
                bind::cells_value(&terms)?,
                cell_locs(&terms, Role::Component),
            ))
        });
    let Some((total, total_locs)) = total else {
        ctx.na(
            "没有政府采购支出总额（说明和相关信息统计表均无），无法核对中小企业份额",
            "no total procurement (neither in the narrative nor in the related-information table); SME shares not checked",
        );
        return;
    };
    let part_names = |s: &Subj| -> (String, String) { s.name() };
    // part ≤ whole
    let pairs: Vec<Pair> = vec![
        (
            sme,
            total,
            total_locs.clone(),
            Subj::Sme,
            ("政府采购支出总额".into(), "total procurement".into()),
        ),
        (
            micro,
            sme.map(|b| r.narrative[b.s].mentions[b.m].num)
                .unwrap_or(total),
            sme.map(|b| vec![loc(r, b, Role::Component)])
                .unwrap_or_else(|| total_locs.clone()),
            Subj::SmallMicro,
            if sme.is_some() {
                (
                    "授予中小企业合同金额".into(),
                    "contracts awarded to SMEs".into(),
                )
            } else {
                ("政府采购支出总额".into(), "total procurement".into())
            },
        ),
    ];
    for (part, whole, wlocs, subj, (wz, we)) in pairs {
        let Some(pb) = part else { continue };
        let pn = r.narrative[pb.s].mentions[pb.m].num;
        if le_within(pn, whole) {
            ctx.pass();
            continue;
        }
        let (pz, pe) = part_names(&subj);
        ctx.report(
            Finding::new(RULE.code, Severity::Error)
                .variant("exceeds")
                .text("part", pz)
                .text("part_en", pe)
                .text("whole", wz)
                .text("whole_en", we)
                .amount("amount", pn.value)
                .amount("total", whole.value)
                .arg("unit", Arg::Unit(unit))
                .numbers(pn.value, whole.value, pn.half_unit + whole.half_unit)
                .at(loc(r, pb, Role::Stated))
                .at_all(wlocs),
        );
    }
    // shares: each ÷ the total
    for b in bs.items.iter().filter(|b| b.role == NumRole::Share) {
        let Some(subj @ (Subj::Sme | Subj::SmallMicro)) = &b.subject else {
            continue;
        };
        let s = &r.narrative[b.s];
        match &b.denom {
            Some(Denom::Subj(Subj::Proc(_))) | None => {}
            Some(_) => {
                ctx.na(
                    format!(
                        "{}：{} 的分母不是政府采购支出总额，未核对",
                        head(s),
                        raw(r, b)
                    ),
                    format!(
                        "{}: the base of {} is not total procurement; not checked",
                        head(s),
                        raw(r, b)
                    ),
                );
                continue;
            }
        }
        let Some(nb) = bs
            .items
            .iter()
            .rfind(|x| x.s == b.s && x.m < b.m && amount(r, x))
        else {
            continue;
        };
        let a = r.narrative[nb.s].mentions[nb.m].num;
        let m = &s.mentions[b.m];
        let (o, v) = check_percent(a, total, m.num.value, m.decimals);
        let (pz, pe) = part_names(subj);
        let f = || {
            Finding::new(RULE.code, Severity::Error)
                .text("part", pz.clone())
                .text("part_en", pe.clone())
                .text("stated", raw(r, b))
                .amount("amount", a.value)
                .amount("total", total.value)
                .text(
                    "computed",
                    v.map(|v| crate::rules::narrative::pct(v, m.decimals))
                        .unwrap_or_default(),
                )
                .arg("unit", Arg::Unit(unit))
                .numbers(
                    m.num.value,
                    v.unwrap_or_default(),
                    Decimal::new(5, m.decimals + 1),
                )
                .at(loc(r, b, Role::Stated))
                .at(loc(r, nb, Role::Component))
                .at_all(total_locs.clone())
        };
        match o {
            PercentOutcome::Pass => ctx.pass(),
            PercentOutcome::Truncated => {
                let mut x = f().variant("truncated");
                x.severity = Severity::Info;
                ctx.report(x);
            }
            PercentOutcome::Mismatch => ctx.report(f()),
            PercentOutcome::Undefined => ctx.na(
                format!(
                    "{}：政府采购支出总额为 0，{} 无定义，未核对",
                    head(s),
                    raw(r, b)
                ),
                format!(
                    "{}: total procurement is 0, {} is undefined; not checked",
                    head(s),
                    raw(r, b)
                ),
            ),
        }
    }
}
