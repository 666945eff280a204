//! NARR-RATE — completion-rate-mismatch (R-1 … R-4; §5 rows 8, 9).

use rust_decimal::Decimal;

use super::{cell_locs, head, loc, percent, raw};
use crate::finding::{Arg, Finding, Location, Role, Severity};
use crate::model::{MentionKind, Num};
use crate::recognise::bind::{self, Binding, Bindings, BudgetKind, NumRole, Subj};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::tolerance::{check_percent, PercentOutcome};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "NARR-RATE",
    name: "completion-rate-mismatch",
    family: "narrative",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["R-1", "R-2", "R-3", "R-4"],
    title_zh: "预算完成率与预算、决算数不符",
    title_en: "Completion rate does not match budget and actual",
    messages: &[
        (
            "",
            "情况说明称{subject}{label} {stated}，但决算 {actual} {unit} ÷ 预算 {budget} {unit} = {computed}，不相符。",
            "The narrative gives {subject} a completion rate ({label}) of {stated}, but actual {actual} {unit} ÷ budget {budget} {unit} = {computed}.",
        ),
        (
            "truncated",
            "情况说明称{subject}{label} {stated}，决算 {actual} {unit} ÷ 预算 {budget} {unit} = {computed}，疑为截尾而非四舍五入。",
            "The narrative gives {subject} a completion rate ({label}) of {stated}; actual {actual} {unit} ÷ budget {budget} {unit} = {computed}, which looks truncated rather than rounded.",
        ),
        (
            "mixup",
            "情况说明称{subject}{label} {stated}，但决算 {actual} {unit} ÷ {label_budget} {budget} {unit} = {computed}；所述比例等于决算 ÷ {other_label} {other} {unit}，疑将年初预算与全年预算混用。",
            "The narrative gives {subject} a completion rate ({label}) of {stated}, but actual {actual} {unit} ÷ {label_budget_en} {budget} {unit} = {computed}; the stated rate is actual ÷ {other_label_en} {other} {unit}, so initial and adjusted budgets look mixed up.",
        ),
        (
            "zero_base",
            "情况说明称{subject}{label} {stated}，但预算为 0 而决算为 {actual} {unit}，完成率无定义。{other_note}",
            "The narrative gives {subject} a completion rate ({label}) of {stated}, but the budget is 0 while actual spending is {actual} {unit}: the rate is undefined.{other_note}",
        ),
        (
            "zero_zero",
            "情况说明对{items}写出完成率 {stated}，但预算与决算均为 0，完成率无意义，宜表述为“未安排预算、无此项支出”。",
            "The narrative states completion rates {stated} for {items}, but both budget and actual are 0: the rate is meaningless; “no budget, no spending” says it better.",
        ),
    ],
    zh: RuleDoc {
        what: "“完成年初预算的 X%”应等于决算 ÷ 年初预算；“完成全年预算的 X%”用调整后的全年预算；“完成预算的”“执行率”用同一句所给的预算数。句中没有写预算数时，“三公”经费各项用“三公”经费表的预算数。",
        why: "完成率是人大代表和公众判断预算执行情况的依据；算错、或把年初预算和全年预算混用，会把超支说成节约，或反之。",
        example: "年初预算 5,326,078.71 元、支出决算 4,777,056.13 元、“完成年初预算的 89.69%”：4,777,056.13 ÷ 5,326,078.71 = 89.69%，相符。某项预算与决算都是 0 却写“完成全年预算的 0.00%”，列为需核实。",
        tolerance: "按区间判断（决算、预算各带半个末位单位）；仅截尾相符列为提示。预算为 0 而决算大于 0 时任何完成率都是错误；预算、决算均为 0 时写出 0% 或 100% 列为需核实（每句合并为一条）。",
        not_applicable: "句中找不到决算数或预算数，表中也没有对应的预算数时不核对并说明原因。",
    },
    en: RuleDoc {
        what: "“X% of the initial budget” must equal actual ÷ initial budget; “of the full-year budget” uses the adjusted budget; “of the budget” and “execution rate” use the budget given in the same sentence. Without one in the sentence, the “three public” items use the budget column of the “three public” table.",
        why: "Completion rates are how deputies and the public judge budget execution. A wrong figure, or initial and adjusted budgets mixed up, can turn overspending into savings or the reverse.",
        example: "Initial budget 5,326,078.71, actual 4,777,056.13, “89.69% of the initial budget”: 4,777,056.13 ÷ 5,326,078.71 = 89.69%; it holds. An item with budget and actual both 0 stated as “0.00% of the full-year budget” is a warning.",
        tolerance: "Intervals (actual and budget each carry half a unit); a figure that fits only if truncated is a note. With a zero budget and actual spending, any rate is an error; with both zero, 0% or 100% is a warning (one per sentence).",
        not_applicable: "Skipped with a reason when neither the sentence nor the tables give the actual or the budget.",
    },
    check,
};

fn label(k: BudgetKind) -> (&'static str, &'static str) {
    match k {
        BudgetKind::Initial => ("完成年初预算的比例", "of the initial budget"),
        BudgetKind::Full => ("完成全年预算的比例", "of the full-year budget"),
        BudgetKind::Plain => ("预算完成率", "of the budget"),
    }
}

fn budget_label(k: BudgetKind) -> (&'static str, &'static str) {
    match k {
        BudgetKind::Initial => ("年初预算", "the initial budget"),
        BudgetKind::Full => ("全年预算", "the full-year budget"),
        BudgetKind::Plain => ("预算", "the budget"),
    }
}

struct Figure {
    num: Num,
    locs: Vec<Location>,
    kind: Option<BudgetKind>,
}

fn same_subject(a: &Binding, b: &Binding) -> bool {
    a.subject == b.subject || a.subject.is_none()
}

/// The actual (决算) a rate refers to: stated before it in the sentence, else the table.
fn actual(r: &Report, bs: &Bindings, b: &Binding) -> Option<Figure> {
    let before = |x: &&Binding| {
        x.s == b.s
            && x.m < b.m
            && r.narrative[x.s].mentions[x.m].kind == MentionKind::Amount
            && same_subject(x, b)
    };
    let hit = bs
        .items
        .iter()
        .filter(before)
        .rfind(|x| x.role == NumRole::Final)
        .or_else(|| {
            bs.items
                .iter()
                .filter(before)
                .rfind(|x| x.role == NumRole::Level && x.subject.is_some())
        });
    if let Some(x) = hit {
        return Some(Figure {
            num: r.narrative[x.s].mentions[x.m].num,
            locs: vec![loc(r, x, Role::Component)],
            kind: None,
        });
    }
    let subj = b.subject.as_ref()?;
    let terms = bind::cells(r, subj, false).ok()?;
    Some(Figure {
        num: bind::cells_value(&terms)?,
        locs: cell_locs(&terms, Role::Component),
        kind: None,
    })
}

/// Budgets stated in the sentence for the same subject, by kind.
fn budgets(r: &Report, bs: &Bindings, b: &Binding) -> Vec<Figure> {
    bs.items
        .iter()
        .filter(|x| {
            x.s == b.s
                && r.narrative[x.s].mentions[x.m].kind == MentionKind::Amount
                && same_subject(x, b)
        })
        .filter_map(|x| match x.role {
            NumRole::Budget(k) => Some(Figure {
                num: r.narrative[x.s].mentions[x.m].num,
                locs: vec![loc(r, x, Role::Component)],
                kind: Some(k),
            }),
            _ => None,
        })
        .collect()
}

fn pick(bud: &[Figure], k: BudgetKind) -> Option<&Figure> {
    bud.iter()
        .find(|f| f.kind == Some(k))
        .or_else(|| bud.iter().find(|f| f.kind == Some(BudgetKind::Plain)))
        .or_else(|| {
            if k == BudgetKind::Plain {
                bud.first()
            } else {
                None
            }
        })
}

/// 0 ÷ 0 rates of one sentence: sentence, items, stated rates, locations.
type ZeroZero = (usize, Vec<String>, Vec<String>, Vec<Location>);

fn check(r: &Report, ctx: &mut Ctx) {
    let bs = bind::bind(r);
    let unit = r.unit();
    // 0 ÷ 0 rates, grouped by sentence: (sentence, items, stated, locations)
    let mut zero_zero: Vec<ZeroZero> = Vec::new();
    for b in &bs.items {
        let NumRole::Rate(kind) = b.role else {
            continue;
        };
        let s = &r.narrative[b.s];
        let (p, q) = percent(r, b);
        let Some(a) = actual(r, &bs, b) else {
            ctx.na(
                format!("{}：{} 找不到对应的决算数，未核对", head(s), raw(r, b)),
                format!(
                    "{}: no actual figure for {}; not checked",
                    head(s),
                    raw(r, b)
                ),
            );
            continue;
        };
        let bud = budgets(r, &bs, b);
        let table_budget;
        let chosen = match pick(&bud, kind) {
            Some(f) => f,
            None => match &b.subject {
                Some(subj @ Subj::Tp(_)) => match bind::cells(r, subj, true)
                    .ok()
                    .and_then(|t| bind::cells_value(&t).map(|v| (v, t)))
                {
                    Some((v, t)) => {
                        table_budget = Figure {
                            num: v,
                            locs: cell_locs(&t, Role::Component),
                            kind: None,
                        };
                        &table_budget
                    }
                    None => {
                        ctx.na(
                            format!("{}：{} 找不到对应的预算数，未核对", head(s), raw(r, b)),
                            format!(
                                "{}: no budget figure for {}; not checked",
                                head(s),
                                raw(r, b)
                            ),
                        );
                        continue;
                    }
                },
                _ => {
                    ctx.na(
                        format!("{}：{} 找不到对应的预算数，未核对", head(s), raw(r, b)),
                        format!(
                            "{}: no budget figure for {}; not checked",
                            head(s),
                            raw(r, b)
                        ),
                    );
                    continue;
                }
            },
        };
        let other = match kind {
            BudgetKind::Initial => bud.iter().find(|f| f.kind == Some(BudgetKind::Full)),
            BudgetKind::Full => bud.iter().find(|f| f.kind == Some(BudgetKind::Initial)),
            BudgetKind::Plain => None,
        };
        let (lz, le) = label(kind);
        let (sz, se) = b
            .subject
            .as_ref()
            .map(|x| x.name())
            .unwrap_or_else(|| (String::new(), String::new()));
        let base = Finding::new(RULE.code, Severity::Error)
            .both("subject", sz.clone(), se.clone())
            .both("label", lz, le)
            .text("stated", raw(r, b))
            .amount("actual", a.num.value)
            .amount("budget", chosen.num.value)
            .arg("unit", Arg::Unit(unit))
            .at(loc(r, b, Role::Stated))
            .at_all(a.locs.clone())
            .at_all(chosen.locs.clone());
        let (o, v) = check_percent(a.num, chosen.num, p, q);
        match o {
            PercentOutcome::Pass => ctx.pass(),
            PercentOutcome::Undefined => {
                if a.num.value.is_zero() {
                    // 0 ÷ 0: grouped per sentence
                    let item = if sz.is_empty() { head(s) } else { sz };
                    match zero_zero.iter_mut().find(|z| z.0 == b.s) {
                        Some(z) => {
                            z.1.push(item);
                            z.2.push(raw(r, b));
                            z.3.push(loc(r, b, Role::Stated));
                            z.3.extend(chosen.locs.clone());
                        }
                        None => {
                            let mut ls = vec![loc(r, b, Role::Stated)];
                            ls.extend(chosen.locs.clone());
                            zero_zero.push((b.s, vec![item], vec![raw(r, b)], ls));
                        }
                    }
                } else {
                    let note = other
                        .and_then(|o| {
                            let (oo, ov) = check_percent(a.num, o.num, p, q);
                            (oo == PercentOutcome::Pass).then(|| {
                                let (bz, be) = budget_label(o.kind.unwrap_or(BudgetKind::Plain));
                                (
                                    format!(
                                        "所述比例等于决算 ÷ {bz} {}（{}%），是{}的完成率。",
                                        crate::i18n::thousands(o.num.value),
                                        ov.unwrap_or_default(),
                                        bz
                                    ),
                                    format!(
                                        " The stated rate is actual ÷ {be} {} ({}%).",
                                        crate::i18n::thousands(o.num.value),
                                        ov.unwrap_or_default()
                                    ),
                                )
                            })
                        })
                        .unwrap_or_default();
                    let f = base
                        .variant("zero_base")
                        .both("other_note", note.0, note.1)
                        .numbers(p, Decimal::ZERO, Decimal::ZERO);
                    ctx.report(f);
                }
            }
            PercentOutcome::Truncated => {
                let f = base
                    .variant("truncated")
                    .with_severity(Severity::Info)
                    .text("computed", super::pct(v.unwrap_or_default(), q))
                    .numbers(p, v.unwrap_or_default(), Decimal::new(5, q + 1));
                ctx.report(f);
            }
            PercentOutcome::Mismatch => {
                let mix = other.and_then(|o| {
                    let (oo, _) = check_percent(a.num, o.num, p, q);
                    (oo == PercentOutcome::Pass).then_some(o)
                });
                let mut f = base
                    .text("computed", super::pct(v.unwrap_or_default(), q))
                    .numbers(p, v.unwrap_or_default(), Decimal::new(5, q + 1));
                if let Some(o) = mix {
                    let (bz, be) = budget_label(kind);
                    let (oz, oe) = budget_label(o.kind.unwrap_or(BudgetKind::Plain));
                    f = f
                        .variant("mixup")
                        .text("label_budget", bz)
                        .text("label_budget_en", be)
                        .text("other_label", oz)
                        .text("other_label_en", oe)
                        .amount("other", o.num.value)
                        .at_all(o.locs.clone());
                }
                ctx.report(f);
            }
        }
    }
    for (_, items, stated, locs) in zero_zero {
        let n = items.len();
        let f = Finding::new(RULE.code, Severity::Warning)
            .variant("zero_zero")
            .both("items", items.join("、"), items.join(", "))
            .both("stated", stated.join("、"), stated.join(", "))
            .at_all(locs);
        // every grouped rate was a check
        ctx.failed += n - 1;
        ctx.report(f);
    }
}

trait WithSeverity {
    fn with_severity(self, s: Severity) -> Self;
}

impl WithSeverity for Finding {
    fn with_severity(mut self, s: Severity) -> Self {
        self.severity = s;
        self
    }
}
