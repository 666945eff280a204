//! XT-EMPTY — empty-table-contradicted.

use crate::finding::{Finding, Location, Role, Severity};
use crate::model::{Loc, Report, Slot};
use crate::rules::util::{need_table, role_in, table_name, Term};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};

pub const RULE: Rule = Rule {
    code: "XT-EMPTY",
    name: "empty-table-contradicted",
    family: "cross",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["X-12"],
    title_zh: "注明“本表无数据”，但其他表中有该类资金",
    title_en: "A table says it has no data, but another table shows that fund",
    messages: &[(
        "",
        "{table}注明本表无数据，但{other}中{cell}为 {value}。",
        "{table} says it has no data, but {other} shows {value} for {cell}.",
    )],
    zh: RuleDoc {
        what: "政府性基金表（或国有资本经营表）注明“本表无数据”时，财政拨款收入支出决算总表中对应的资金列、收入行和年初结转和结余行也应为空或 0。",
        why: "一处说没有这类资金，另一处却列出了金额，两者必有一处不实，读者无从判断单位是否使用了这类资金。",
        example: "政府性基金表注明本表无数据，但财政拨款总表政府性基金预算财政拨款列有 35.00。",
        tolerance: "只要出现非零金额即不一致。",
        not_applicable: "两张表缺少一张，或专表没有“无数据”说明时不核对。",
    },
    en: RuleDoc {
        what: "When the government-fund (or state-capital) table says it has no data, the matching column and income and opening-balance rows of the fiscal summary must be blank or 0.",
        why: "One place says the unit had no such money while another lists an amount; one of them is untrue.",
        example: "The government-fund table says it has no data, but the fiscal summary shows 35.00 in the government-fund column.",
        tolerance: "Any non-zero amount is a contradiction.",
        not_applicable: "Skipped when either table is missing or the fund table carries no “no data” note.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t4) = r.table(Slot::T4) else {
        ctx.na(
            "报告中没有财政拨款收入支出决算总表",
            "the report has no fiscal appropriations summary",
        );
        return;
    };
    for (slot, col, inc_role, ci_role) in [
        (Slot::T8, "gov_fund", "inc_gov_fund", "carry_in_gov_fund"),
        (
            Slot::T9,
            "state_capital",
            "inc_state_capital",
            "carry_in_state_capital",
        ),
    ] {
        let Some(tt) = need_table(ctx, r, slot) else {
            continue;
        };
        if !tt.empty_note {
            ctx.na(
                format!("《{}》没有“无数据”说明", tt.title),
                format!("“{}” has no “no data” note", tt.title),
            );
            continue;
        }
        let mut cells: Vec<Term> = Vec::new();
        for role in [inc_role, ci_role] {
            if let Some(row) = role_in(t4, "income", role) {
                cells.push(Term::new(t4, row, "amount"));
            }
        }
        if t4.has_column(col) {
            for row in t4.rows.iter().filter(|r| r.panel == Some("expenditure")) {
                cells.push(Term::new(t4, row, col));
            }
        }
        let hit = cells
            .iter()
            .find(|c| c.num().is_some_and(|n| !n.value.is_zero()));
        match hit {
            None => ctx.pass(),
            Some(c) => {
                let (tz, te) = table_name(tt);
                let (oz, oe) = table_name(t4);
                let mut f = Finding::new(ctx.rule, Severity::Error)
                    .both("table", tz, te)
                    .both("other", oz, oe)
                    .text("cell", c.name())
                    .amount("value", c.num().map(|n| n.value).unwrap_or_default())
                    .at_all(c.location(Role::Stated));
                let note = tt
                    .notes
                    .iter()
                    .find(|n| n.contains("无数据"))
                    .cloned()
                    .unwrap_or_default();
                let loc = Loc {
                    line: tt.last_line,
                    page: tt.last_page,
                    ..Loc::default()
                };
                f = f.at(Location::passage(Role::Component, &note, &loc));
                ctx.report(f);
            }
        }
    }
}
