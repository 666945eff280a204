//! ROW-SUM — row-sum-mismatch (F-1).

use crate::model::Slot;
use crate::rules::util::{need_table, sum_identity, Term, SUM_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "ROW-SUM",
    name: "row-sum-mismatch",
    family: "table",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["F-1"],
    title_zh: "行合计与分栏之和不符",
    title_en: "A row's total does not equal the sum of its columns",
    messages: SUM_MESSAGES,
    zh: RuleDoc {
        what: "收入决算表每行：本年收入合计 = 财政拨款、上级补助、事业、经营、附属单位上缴、其他收入各栏之和；支出决算表每行：本年支出合计 = 基本支出 + 项目支出 + 上缴上级 + 经营 + 对附属单位补助；一般公共预算财政拨款支出决算表、政府性基金表、国有资本经营表每行：合计（小计）= 基本支出 + 项目支出。",
        why: "一行的合计是该科目的总数，分栏说明钱的性质或来源。合计与分栏之和不符，说明该行至少有一个数字有误。",
        example: "支出决算表 2010301 行政运行：合计 200.00，基本支出 150.00、项目支出 40.00：差 10.00。",
        tolerance: "元表精确到分；万元表允许各栏舍入误差之和，仅为尾数误差时列为提示。",
        not_applicable: "对应的表不存在，或表中缺少合计栏或分栏时不核对。",
    },
    en: RuleDoc {
        what: "On every row: income table total = fiscal + superior grants + business + operating + affiliated + other; expenditure table total = basic + project + paid to superior + operating + subsidies to affiliates; general-budget, government-fund and state-capital tables: total = basic + project.",
        why: "A row's total is the whole amount for that code; the columns split it by kind or source. If they disagree, at least one figure on the row is wrong.",
        example: "Expenditure table, 2010301: total 200.00, basic 150.00, project 40.00: off by 10.00.",
        tolerance: "Exact in yuan; in 10k yuan the rounding of each column is allowed and a rounding-only difference is a note.",
        not_applicable: "Skipped for tables that are absent or lack the total or part columns.",
    },
    check,
};

const SPECS: &[(Slot, &[&str])] = &[
    (
        Slot::T2,
        &[
            "fiscal",
            "superior",
            "business",
            "operating",
            "affiliated",
            "other",
        ],
    ),
    (
        Slot::T3,
        &[
            "basic",
            "project",
            "to_superior",
            "operating",
            "to_affiliated",
        ],
    ),
    (Slot::T5, &["basic", "project"]),
    (Slot::T8, &["basic", "project"]),
    (Slot::T9, &["basic", "project"]),
];

fn check(r: &Report, ctx: &mut Ctx) {
    for (slot, parts) in SPECS {
        let Some(t) = need_table(ctx, r, *slot) else {
            continue;
        };
        let cols: Vec<&'static str> = parts.iter().copied().filter(|c| t.has_column(c)).collect();
        if !t.has_column("total") || cols.len() < 2 {
            ctx.na(
                format!("《{}》缺少合计栏或分栏", t.title),
                format!("“{}” lacks the total or part columns", t.title),
            );
            continue;
        }
        for row in &t.rows {
            let parts: Vec<Term> = cols.iter().map(|c| Term::new(t, row, c)).collect();
            let stated = Term::new(t, row, "total");
            if stated.is_blank() && parts.iter().all(|p| p.is_blank()) {
                continue;
            }
            sum_identity(ctx, RULE.certainty, stated, &parts);
        }
    }
}
