//! NARR-AMOUNT — narrative-amount-mismatch (§2.7; §3 points 4 and 7; §5 rows 5, 6, 15).

use rust_decimal::Decimal;

use super::{any_blank, cell_locs, cell_value, cells_desc, head, loc, raw};
use crate::finding::{Arg, Finding, Role, Severity};
use crate::model::MentionKind;
use crate::recognise::bind::{self, BudgetKind, NumRole, SectionKind, Subj};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::tolerance::{compare_sum, Outcome};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "NARR-AMOUNT",
    name: "narrative-amount-mismatch",
    family: "narrative",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["§2.7", "§3.4", "§3.7"],
    title_zh: "情况说明金额与表格不一致",
    title_en: "Narrative amount differs from the table",
    messages: &[
        (
            "",
            "情况说明所述{subject} {stated} {unit}，与{cell} {computed} {unit} 不一致，相差 {diff} {unit}。{blank}{hint}",
            "The narrative states {subject} as {stated} {unit}, but {cell} is {computed} {unit}; the difference is {diff} {unit}.{blank}{hint}",
        ),
        (
            "rounding",
            "情况说明所述{subject} {stated} {unit} 与{cell} {computed} {unit} 相差 {diff} {unit}，属尾数误差。",
            "The narrative states {subject} as {stated} {unit} and {cell} is {computed} {unit}: a difference of {diff} {unit}, a rounding residual.",
        ),
        (
            "unit_slip",
            "情况说明所述{subject} {printed}，与{cell} {computed} {unit} 数字相同而相差 10⁴ 倍，疑金额单位有误（元/万元）。",
            "The narrative states {subject} as {printed}, while {cell} is {computed} {unit}: the same digits 10⁴ times apart, so the unit (yuan / 10k yuan) looks wrong.",
        ),
    ],
    zh: RuleDoc {
        what: "情况说明中写出的每个金额（收入支出总计、本年收入合计、各项收入和支出、财政拨款支出、各类功能科目、人员经费和公用经费、“三公”经费各项、机关运行经费、政府采购金额等），换算成表格的金额单位后，应与表中对应单元格相同。",
        why: "情况说明是多数读者真正阅读的部分；同一个数字在文字和表格中不一样，读者无从判断哪个是真的，也说明至少一处抄写有误。",
        example: "表中住房公积金 187.19 万元，说明写成“住房公积金 187.19 元”：两者数字相同、相差 10⁴ 倍，是单位写错。说明写 152.73 而表中为 152.37：差额 0.36 可被 9 整除，疑数字顺序颠倒。",
        tolerance: "同一数字印两次，只按印出的精度比较：相差 1 个末位单位列为提示（尾数误差），更多则为错误；元表精确到分。说明中的万元数带有半个末位单位的舍入误差。“三公”经费年初预算与表中预算数（调整后的全年预算）不一致只作需核实。山西支出决算明细表并列“金额”和“其中：基本支出”，人员经费、公用经费和经济分类数与其中任一栏相同即相符。",
        not_applicable: "说明中的数字找不到所指项目（没有可识别的主语）、所指项目在表中没有对应单元格或表格缺失时不核对，并逐句列出原因；预算绩效部分的数字由绩效规则核对；政府采购中小企业、车辆数等由各自规则核对。",
    },
    en: RuleDoc {
        what: "Every amount the narrative states (grand totals, income and expenditure of the year and their lines, general-budget expenditure, function classes, personnel and public costs, the “three public” items, running costs, procurement) must, after conversion to the tables' unit, equal the matching table cell.",
        why: "Most readers read the narrative, not the tables. When the same figure differs between the two, nobody can tell which is right, and at least one of them was copied wrongly.",
        example: "The table gives the housing fund as 1,871,900 yuan (187.19 in 10k yuan) and the text says “187.19 yuan”: the same digits 10⁴ apart, a unit slip. The text says 152.73 where the table has 152.37: the difference 0.36 is divisible by 9, a likely transposition.",
        tolerance: "A figure printed twice is compared at its printed precision: one unit in the last digit is a rounding note, more is an error; tables in yuan are exact to the fen. Narrative figures in 10k yuan carry half a unit of rounding. A “three public” initial budget that differs from the table's (adjusted) budget is only a warning. Shanxi's economic table prints both the amount and its basic part; personnel, public and economic-class figures may match either.",
        not_applicable: "Numbers with no recognisable subject, subjects with no table cell, and missing tables are not checked; each such sentence is listed with the reason. Numbers in the performance part are left to the performance rules; SME procurement and vehicle counts have rules of their own.",
    },
    check,
};

/// Whether a 决算数大于（小于）预算数 statement follows within two sentences (it uses the budget).
fn comparison_near(r: &Report, si: usize) -> bool {
    (si..(si + 3).min(r.narrative.len())).any(|k| {
        let t = &r.narrative[k].text;
        t.contains("决算数") && (t.contains("大于") || t.contains("小于") || t.contains("等于"))
    })
}

/// Digits of a decimal without sign, separators or point.
fn digits(d: Decimal) -> Vec<char> {
    let mut v: Vec<char> = d
        .abs()
        .to_string()
        .chars()
        .filter(|c| c.is_ascii_digit())
        .collect();
    v.sort_unstable();
    v
}

fn check(r: &Report, ctx: &mut Ctx) {
    if r.narrative.is_empty() {
        ctx.na("报告没有情况说明", "the report has no narrative");
        return;
    }
    let bs = bind::bind(r);
    let unit = r.unit();
    // numbers that bind to nothing, per sentence
    let mut unbound: Vec<(usize, Vec<String>)> = Vec::new();
    let mut skipped_perf: Vec<(usize, usize)> = Vec::new();
    // one finding per (subject, stated value): the same wrong figure repeated is one root cause
    let mut reported: Vec<(Subj, Decimal, usize)> = Vec::new();
    let rate_sentences: Vec<usize> = bs
        .items
        .iter()
        .filter(|b| matches!(b.role, NumRole::Rate(_)))
        .map(|b| b.s)
        .collect();
    for b in &bs.items {
        let s = &r.narrative[b.s];
        let m = &s.mentions[b.m];
        if m.kind == MentionKind::Count {
            continue;
        }
        if b.section == SectionKind::Performance {
            if !rate_sentences.contains(&b.s) {
                match skipped_perf.last_mut() {
                    Some((si, n)) if *si == b.s => *n += 1,
                    _ => skipped_perf.push((b.s, 1)),
                }
            }
            continue;
        }
        let mut push_unbound = |why: String| match unbound.last_mut() {
            Some((si, v)) if *si == b.s => v.push(why),
            _ => unbound.push((b.s, vec![why])),
        };
        if m.kind == MentionKind::Percent {
            if b.role == NumRole::Unknown {
                push_unbound(m.raw.clone());
            }
            continue;
        }
        if b.role == NumRole::Share {
            continue; // a share printed without “%”: NARR-SHARE
        }
        let Some(subj) = b.subject.clone() else {
            let used_by_rate = rate_sentences.contains(&b.s)
                && matches!(b.role, NumRole::Budget(_) | NumRole::Final);
            if !used_by_rate {
                push_unbound(m.raw.clone());
            }
            continue;
        };
        if subj.owned_elsewhere() {
            continue;
        }
        let budget = match b.role {
            NumRole::Level | NumRole::Final => false,
            NumRole::Budget(_) if matches!(subj, Subj::Tp(_)) => true,
            // changes: NARR-YOY
            NumRole::Change(_) => continue,
            // budgets without a table cell: the completion-rate rule, if the sentence has one
            NumRole::Budget(_) => {
                if !rate_sentences.contains(&b.s) && !comparison_near(r, b.s) {
                    push_unbound(format!("{}（预算数，表中无对应栏目）", m.raw));
                }
                continue;
            }
            // last year's figures: NARR-YOY / NARR-DIRECTION when a change or 持平 goes with them
            NumRole::Prior => {
                let used = bs.items.iter().any(|x| {
                    x.s == b.s && x.subject == b.subject && matches!(x.role, NumRole::Change(_))
                }) || bs
                    .flats
                    .iter()
                    .any(|f| f.s == b.s && f.subject == b.subject);
                if !used {
                    push_unbound(format!("{}（上年数，无对应变动）", m.raw));
                }
                continue;
            }
            _ => {
                push_unbound(m.raw.clone());
                continue;
            }
        };
        let Some((cell, terms)) = cell_value(ctx, r, &subj, budget, s) else {
            continue;
        };
        // Shanghai: 三公 年初预算 against T7 预算数 (全年, adjusted) is customary only.
        let customary = budget && b.role == NumRole::Budget(BudgetKind::Initial);
        let stated = m.num;
        let mut c = compare_sum(stated, &[cell]);
        // mixed precisions (12.3万元 against 12.34) are compared at the coarser one
        if c.outcome != Outcome::Pass
            && stated.half_unit > cell.half_unit
            && (stated.value - cell.value).abs() <= stated.half_unit + cell.half_unit
        {
            c.outcome = Outcome::Pass;
        }
        // Shanxi T6: the figure may be quoted from the 金额 column instead of 其中：基本支出
        if c.outcome != Outcome::Pass && !budget {
            if let Some(alt) = bind::alt_cells(r, &subj).and_then(|t| bind::cells_value(&t)) {
                if compare_sum(stated, &[alt]).outcome == Outcome::Pass {
                    c.outcome = Outcome::Pass;
                }
            }
        }
        let (sev, variant) = match c.outcome {
            Outcome::Pass => {
                ctx.pass();
                continue;
            }
            Outcome::Rounding => (Severity::Info, "rounding"),
            Outcome::Unusual | Outcome::Mismatch => {
                if customary {
                    (Severity::Warning, "")
                } else {
                    (Severity::Error, "")
                }
            }
        };
        // unit slip: the same digits 10⁴ (or 10⁸) apart
        let ten4 = Decimal::from(10_000);
        let slip = [ten4, ten4 * ten4].iter().any(|f| {
            let up = compare_sum(
                crate::model::Num {
                    value: stated.value * f,
                    half_unit: stated.half_unit * f,
                },
                &[cell],
            );
            let down = compare_sum(
                crate::model::Num {
                    value: cell.value * f,
                    half_unit: cell.half_unit * f,
                },
                &[stated],
            );
            !cell.value.is_zero()
                && (up.outcome != Outcome::Mismatch || down.outcome != Outcome::Mismatch)
        }) && significant_digits(stated.value) >= 3
            && significant_digits(cell.value) >= 3;
        let variant = if slip && sev != Severity::Info {
            "unit_slip"
        } else {
            variant
        };
        if let Some(prev) = reported
            .iter()
            .find(|(s0, v0, _)| *s0 == subj && *v0 == stated.value)
            .map(|x| x.2)
        {
            // the same figure restated: attach the sentence to the first finding
            ctx.findings[prev].locations.push(loc(r, b, Role::Restated));
            if sev == Severity::Info {
                ctx.pass();
            } else {
                ctx.failed += 1;
            }
            continue;
        }
        let (cz, ce) = cells_desc(&terms);
        let diff = (stated.value - cell.value).abs();
        let ten = Decimal::TEN;
        let mut hint = ("".to_string(), "".to_string());
        if variant.is_empty() && !cell.value.is_zero() {
            let scale = m.decimals.max(2);
            let unit_d = Decimal::new(1, scale);
            let steps = diff / unit_d;
            if steps.fract().is_zero()
                && (steps % Decimal::from(9)).is_zero()
                && digits(stated.value) == digits(cell.value)
            {
                hint = (
                    "差额可被 9 整除且数字组成相同，疑数字顺序颠倒。".into(),
                    " The difference is divisible by 9 and the digits are the same: a likely transposition.".into(),
                );
            } else if stated.value == cell.value * ten || stated.value * ten == cell.value {
                hint = (
                    "两者相差 10 倍，疑小数点错位或多写、漏写一位数字。".into(),
                    " They are 10 times apart: a shifted decimal point or a lost digit.".into(),
                );
            }
        }
        let blank = any_blank(&terms);
        let (sz, se) = subj.name();
        let f = Finding::new(RULE.code, sev)
            .variant(variant)
            .both("subject", sz, se)
            .amount("stated", stated.value)
            .text("printed", raw(r, b))
            .both("cell", cz, ce)
            .amount("computed", cell.value)
            .amount("diff", diff)
            .arg("unit", Arg::Unit(unit))
            .both(
                "blank",
                if blank {
                    "表中空白按 0 计。"
                } else {
                    ""
                },
                if blank {
                    " Blank cells count as 0."
                } else {
                    ""
                },
            )
            .both("hint", hint.0, hint.1)
            .numbers(stated.value, cell.value, c.band)
            .at(loc(r, b, Role::Stated))
            .at_all(cell_locs(&terms, Role::Component));
        reported.push((subj, stated.value, ctx.findings.len()));
        ctx.report(f);
    }
    for (si, nums) in unbound {
        let s = &r.narrative[si];
        ctx.na(
            format!(
                "{}：{} 找不到所指项目或表中对应单元格，未核对",
                head(s),
                nums.join("、")
            ),
            format!(
                "{}: {} bind(s) to no subject or table cell; not checked",
                head(s),
                nums.join(", ")
            ),
        );
    }
    for (si, n) in skipped_perf {
        let s = &r.narrative[si];
        ctx.na(
            format!("{}：预算绩效部分的 {n} 个数字由绩效规则核对", head(s)),
            format!(
                "{}: {n} number(s) in the performance part are left to the performance rules",
                head(s)
            ),
        );
    }
}

/// Significant digits of a figure as printed (`0.30` → 1, `187.19` → 5): a unit slip is only
/// claimed when both figures carry enough digits to be "the same digits".
fn significant_digits(d: Decimal) -> usize {
    d.normalize()
        .abs()
        .mantissa()
        .to_string()
        .trim_end_matches('0')
        .len()
}
