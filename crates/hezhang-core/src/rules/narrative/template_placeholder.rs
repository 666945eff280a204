//! NARR-PLACEHOLDER — template-placeholder (§1.6, §4.1; §5 row 17).

use crate::finding::{Finding, Location, Role, Severity};
use crate::model::{Loc, Value};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "NARR-PLACEHOLDER",
    name: "template-placeholder",
    family: "narrative",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["§1.6", "§4.1"],
    title_zh: "存在未替换的模板占位符",
    title_en: "Template placeholder left in",
    messages: &[
        (
            "",
            "情况说明中存在未替换的模板占位符：{found}。",
            "The narrative still contains template placeholders: {found}.",
        ),
        (
            "cells",
            "{table}中有 {count} 个单元格仍是模板占位符（{found}）。",
            "{count} cell(s) of {table_en} still hold template placeholders ({found}).",
        ),
        (
            "template",
            "本文件看来是未填写的决算公开模板：共有 {count} 处占位符（如 {found}），不逐一列出，其他核对也大多无法进行。",
            "This file looks like an unfilled template: it has {count} placeholders (e.g. {found}); they are not listed one by one, and most other checks cannot run.",
        ),
    ],
    zh: RuleDoc {
        what: "情况说明、标题和表格单元格中不应留有模板占位符：XX、XXX、××、“202 年”这样缺位的年份、“占 %”这样没有数字的百分号，以及“增加（减少）”“大于（小于）”这样把两种写法都保留下来的表述。",
        why: "占位符说明公开前没有填写完整，读者看到的是空洞或自相矛盾的句子。",
        example: "“与 202 年度相比，收入支出总计增加（减少）XX 万元”：年份缺位、两个方向词并存、金额为 XX，都是模板残留。",
        tolerance: "没有容差：出现即报告。整份文件是未填写的模板时只给出一条汇总，不逐处列出。",
        not_applicable: "报告既没有情况说明也没有表格时不核对。",
    },
    en: RuleDoc {
        what: "No template placeholders may remain in the narrative, its headings or the table cells: XX, XXX, ××, years with a missing digit (“202 年”), percent signs without a number (“占 %”), and both alternatives of a phrase left in (“增加（减少）”, “大于（小于）”).",
        why: "Placeholders mean the report was published unfinished; readers get empty or self-contradictory sentences.",
        example: "“与 202 年度相比，收入支出总计增加（减少）XX 万元”: a year with a missing digit, both direction words and an XX amount — all template residue.",
        tolerance: "None: any occurrence is reported. A file that is an unfilled template as a whole gets one summary finding instead of one per placeholder.",
        not_applicable: "Skipped when the report has neither narrative nor tables.",
    },
    check,
};

const OPPOSITES: &[(&str, &str)] = &[
    ("增加", "减少"),
    ("增长", "下降"),
    ("上升", "下降"),
    ("大于", "小于"),
    ("高于", "低于"),
];

/// Placeholders in a text: byte spans and the text found.
pub fn find(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(s.len(), |c| c.0);
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        // XX, XXX, ××
        if matches!(c, 'X' | 'Ｘ' | '×') {
            let mut e = k;
            while e < chars.len() && matches!(chars[e].1, 'X' | 'Ｘ' | '×') {
                e += 1;
            }
            let latin_before = k > 0 && chars[k - 1].1.is_ascii_alphabetic();
            let latin_after = e < chars.len() && chars[e].1.is_ascii_alphabetic();
            if e - k >= 2 && !latin_before && !latin_after {
                out.push((chars[k].0, end_of(e)));
            }
            k = e;
            continue;
        }
        // a year with missing digits: “202 年”, “20 年”
        if c.is_ascii_digit() && (k == 0 || !chars[k - 1].1.is_ascii_digit()) {
            let mut e = k;
            while e < chars.len() && chars[e].1.is_ascii_digit() {
                e += 1;
            }
            let digits: String = chars[k..e].iter().map(|c| c.1).collect();
            let mut g = e;
            while g < chars.len() && chars[g].1 == ' ' {
                g += 1;
            }
            let dot_before = k > 0 && matches!(chars[k - 1].1, '.' | ',');
            // “202 年”, “201年”; “20 年” only with the gap (“工作20年” is a real figure)
            let spaced = g > e;
            if (digits == "202" || digits == "201" || (digits == "20" && spaced))
                && !dot_before
                && chars.get(g).is_some_and(|c| c.1 == '年')
            {
                out.push((chars[k].0, end_of(g + 1)));
            }
            k = e;
            continue;
        }
        // a percent sign with no number: “占 %”
        if matches!(c, '%' | '％') {
            let mut b = k;
            while b > 0 && matches!(chars[b - 1].1, ' ' | '\u{3000}') {
                b -= 1;
            }
            let prev = if b > 0 { Some(chars[b - 1].1) } else { None };
            if !prev.is_some_and(|p| p.is_ascii_digit() || ('０'..='９').contains(&p)) {
                let start = if b > 0 { chars[b - 1].0 } else { chars[k].0 };
                out.push((start, end_of(k + 1)));
            }
        }
        // both alternatives: 增加（减少）
        for (a, b) in OPPOSITES {
            for (x, y) in [(a, b), (b, a)] {
                let rest = &s[chars[k].0..];
                if let Some(r2) = rest.strip_prefix(*x) {
                    let r3 = r2
                        .strip_prefix('（')
                        .or_else(|| r2.strip_prefix('('))
                        .or_else(|| r2.strip_prefix('/'));
                    if let Some(r3) = r3 {
                        if let Some(r4) = r3.strip_prefix(*y) {
                            let close = r4
                                .strip_prefix('）')
                                .map(|_| '）'.len_utf8())
                                .or_else(|| r4.strip_prefix(')').map(|_| 1))
                                .unwrap_or(0);
                            let len = rest.len() - r4.len() + close;
                            out.push((chars[k].0, chars[k].0 + len));
                        }
                    }
                }
            }
        }
        k += 1;
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn check(r: &Report, ctx: &mut Ctx) {
    if r.narrative.is_empty() && r.tables.is_empty() {
        ctx.na(
            "报告没有情况说明和表格",
            "the report has neither narrative nor tables",
        );
        return;
    }
    // headings count once each, sentences and cells as found
    let mut headings: Vec<&String> = Vec::new();
    for s in &r.narrative {
        for h in &s.section {
            if !headings.contains(&h) {
                headings.push(h);
            }
        }
    }
    let sentence_hits: Vec<(usize, Vec<(usize, usize)>)> = r
        .narrative
        .iter()
        .enumerate()
        .map(|(i, s)| (i, find(&s.text)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let heading_hits: Vec<(&String, Vec<(usize, usize)>)> = headings
        .iter()
        .map(|h| (*h, find(h)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let mut cell_hits = Vec::new();
    for t in &r.tables {
        let mut v = Vec::new();
        for row in &t.rows {
            for (k, c) in &row.cells {
                if c.value == Value::Placeholder {
                    v.push((row, *k, c));
                }
            }
        }
        if !v.is_empty() {
            cell_hits.push((t, v));
        }
    }
    let total = sentence_hits.iter().map(|x| x.1.len()).sum::<usize>()
        + heading_hits.iter().map(|x| x.1.len()).sum::<usize>()
        + cell_hits.iter().map(|x| x.1.len()).sum::<usize>();
    if r.meta.template {
        let example = sentence_hits
            .first()
            .map(|(i, v)| r.narrative[*i].text[v[0].0..v[0].1].to_string())
            .or_else(|| cell_hits.first().map(|(_, v)| v[0].2.raw.clone()))
            .unwrap_or_else(|| "XX".into());
        let mut f = Finding::new(RULE.code, Severity::Error)
            .variant("template")
            .text("count", total.max(1).to_string())
            .text("found", format!("“{example}”"));
        if let Some((i, v)) = sentence_hits.first() {
            f = f.at(Location::text(Role::Stated, &r.narrative[*i], Some(v[0])));
        }
        ctx.report(f);
        return;
    }
    for (i, spans) in sentence_hits {
        let s = &r.narrative[i];
        let found: Vec<String> = spans
            .iter()
            .map(|(a, b)| format!("“{}”", &s.text[*a..*b]))
            .collect();
        let mut f = Finding::new(RULE.code, Severity::Error).both(
            "found",
            found.join("、"),
            found.join(", "),
        );
        for sp in spans {
            f = f.at(Location::text(Role::Stated, s, Some(sp)));
        }
        ctx.report(f);
    }
    for (h, spans) in heading_hits {
        let found: Vec<String> = spans
            .iter()
            .map(|(a, b)| format!("“{}”", &h[*a..*b]))
            .collect();
        let mut f = Finding::new(RULE.code, Severity::Error).both(
            "found",
            found.join("、"),
            found.join(", "),
        );
        f = f.at(Location::passage(Role::Stated, h, &Loc::default()));
        ctx.report(f);
    }
    for (t, cells) in cell_hits {
        let (tz, te) = crate::rules::util::table_name(t);
        let found: Vec<String> = cells.iter().map(|c| c.2.raw.clone()).collect();
        let mut f = Finding::new(RULE.code, Severity::Error)
            .variant("cells")
            .text("table", tz)
            .text("table_en", te)
            .text("count", cells.len().to_string())
            .both("found", found.join("、"), found.join(", "));
        for (row, k, c) in cells {
            f = f.at(Location::cell(Role::Stated, t, row, k, c));
        }
        ctx.report(f);
    }
    if total == 0 {
        ctx.pass();
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    fn found(s: &str) -> Vec<&str> {
        find(s).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            found("与 202 年度相比，收入支出总计增加（减少）XX 万元，占 %。"),
            ["202 年", "增加（减少）", "XX", "占 %"]
        );
        assert!(found("2022年度收入总计4,777,056.13元，占比100.00%。").is_empty());
        assert!(found("下降38.83%，执行率 22.4%").is_empty());
        assert!(found("合同期限20年，每年支付").is_empty());
        assert_eq!(found("与 20 年度相比"), ["20 年"]);
        assert_eq!(found("决算数大于(小于)预算数"), ["大于(小于)"]);
    }
}
