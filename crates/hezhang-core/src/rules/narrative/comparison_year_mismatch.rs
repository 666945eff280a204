//! NARR-COMPARE-YEAR — comparison-year-mismatch (§2.7 “comparison year = Y − 1”, §5 #17).

use rust_decimal::Decimal;

use crate::finding::{Finding, Location, Role, Severity};
use crate::recognise::bind::{self, SectionKind};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "NARR-COMPARE-YEAR",
    name: "comparison-year-mismatch",
    family: "narrative",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["§2.7 comparison year", "§5 #17"],
    title_zh: "比较年度不是上一年度",
    title_en: "The comparison year is not the previous year",
    messages: &[(
        "",
        "情况说明以 {stated} 年为比较年度，而报告年度为 {year} 年，比较年度应为上一年度 {computed} 年。",
        "The narrative compares with {stated}, but the report year is {year}: the comparison year should be {computed}.",
    )],
    zh: RuleDoc {
        what: "情况说明中“与 Y 年（度）相比”“比 Y 年（度）增加/减少…”“较 Y 年…”的 Y 应为报告年度的上一年。只核对说本年度情况的句子：句中另有其他年份（既非报告年度也非比较年度）时视为自由叙述，不核对。",
        why: "套用上年报告时忘改比较年度是常见的模板残留；比较年度错了，增减额和增长率就是和错误的一年比。",
        example: "2024 年度报告写“与 2022 年度相比，收入支出总计增加 12.00 万元”：比较年度应为 2023 年。",
        tolerance: "年份必须完全相同。",
        not_applicable: "报告年度未识别，或情况说明中没有出现报告年度时不核对；“与上年相比”之类不写年份的表述无须核对；附件、绩效自评报告中的年份不核对。",
    },
    en: RuleDoc {
        what: "In the narrative, Y in “compared with Y”, “than in Y increased/decreased …” (与/比/较 Y 年) must be the year before the report year. Only sentences about the report year are checked: one naming another year (neither the report year nor the comparison year) is free text and skipped.",
        why: "Reusing last year's text and forgetting the comparison year is a common template residue; with the wrong year, every change and growth rate refers to the wrong base.",
        example: "A 2024 report says “compared with 2022, total income and expenditure rose by 12.00”: the comparison year should be 2023.",
        tolerance: "The years must be equal.",
        not_applicable: "Skipped when the report year is not recognised or does not occur in the narrative; wordings without a year (与上年相比) need no check; years in appendices and performance reports are not checked.",
    },
    check,
};

/// Words that make “与/比/较 YYYY 年（度）…” a comparison.
const AFTER: &[&str] = &[
    "相比",
    "比较",
    "同期",
    "增加",
    "减少",
    "增长",
    "下降",
    "持平",
    "基本持平",
    "上升",
    "降低",
    "有所",
    "决算",
    "多",
    "少",
];

/// (year, byte start, byte end) of each comparison year in `t`.
fn comparisons(t: &str) -> Vec<(i32, usize, usize)> {
    let mut out = Vec::new();
    for (p, c) in t.char_indices() {
        if !matches!(c, '与' | '比' | '较') {
            continue;
        }
        let rest = &t[p + c.len_utf8()..];
        let lead = rest.len() - rest.trim_start().len();
        let digits: String = rest
            .trim_start()
            .chars()
            .take_while(|d| d.is_ascii_digit())
            .collect();
        if digits.len() != 4 {
            continue;
        }
        let ys = p + c.len_utf8() + lead;
        let ye = ys + 4;
        let after = t[ye..].trim_start();
        let Some(after) = after.strip_prefix('年') else {
            continue;
        };
        let after = after.strip_prefix('度').unwrap_or(after).trim_start();
        let after = after.trim_start_matches(['，', ',']);
        if !AFTER.iter().any(|w| after.starts_with(w)) {
            continue;
        }
        if let Ok(y) = digits.parse::<i32>() {
            out.push((y, ys, ye));
        }
    }
    out
}

/// Every year written `YYYY年` (spaces allowed before 年) in `t`.
fn years(t: &str) -> Vec<i32> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let four = &b[i..i + 4];
        let before_ok = i == 0 || !b[i - 1].is_ascii_digit();
        if before_ok
            && four.iter().all(u8::is_ascii_digit)
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            if t[i + 4..].trim_start().starts_with('年') {
                if let Ok(y) = t[i..i + 4].parse::<i32>() {
                    out.push(y);
                }
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(year) = r.meta.year else {
        ctx.na("未识别报告年度", "the report year is not recognised");
        return;
    };
    if !r.narrative.iter().any(|s| years(&s.text).contains(&year)) {
        ctx.na(
            format!("情况说明中没有出现报告年度 {year} 年"),
            format!("the narrative never names the report year {year}"),
        );
        return;
    }
    let mut any = false;
    for s in &r.narrative {
        if bind::section_kind(&s.section) == SectionKind::Performance {
            continue;
        }
        let found = comparisons(&s.text);
        if found.is_empty() {
            continue;
        }
        // a sentence about other years (a multi-year review) is free text
        let free = years(&s.text)
            .iter()
            .any(|y| *y != year && !found.iter().any(|(f, _, _)| f == y));
        if free {
            continue;
        }
        for (y, a, b) in found {
            any = true;
            if y == year - 1 {
                ctx.pass();
                continue;
            }
            ctx.report(
                Finding::new(RULE.code, Severity::Error)
                    .text("stated", y.to_string())
                    .text("year", year.to_string())
                    .text("computed", (year - 1).to_string())
                    .numbers(Decimal::from(y), Decimal::from(year - 1), Decimal::ZERO)
                    .at(Location::text(Role::Stated, s, Some((a, b)))),
            );
        }
    }
    if !any {
        ctx.na(
            "情况说明中没有写明年份的比较表述",
            "the narrative has no comparison naming a year",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comparison_years() {
        let c = comparisons("与2023年度相比，收入增加；比 2022 年增加 3.00 万元；较2021年下降");
        let ys: Vec<i32> = c.iter().map(|x| x.0).collect();
        assert_eq!(ys, vec![2023, 2022, 2021]);
        // not comparisons: a date, a year after 与 without a comparison word
        assert!(comparisons("截至2024年12月31日").is_empty());
        assert!(comparisons("与2024年度预算安排一致").is_empty());
        assert_eq!(years("2024 年度和2023年"), vec![2024, 2023]);
    }
}
