//! FUND-ROLLFORWARD — fund-rollforward-mismatch (F-3).

use crate::finding::{Arg, Finding, Role};
use crate::model::{Num, Slot};
use crate::rules::util::{need_table, severity_of, table_name, Term};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "FUND-ROLLFORWARD",
    name: "fund-rollforward-mismatch",
    family: "table",
    certainty: Certainty::Customary,
    since: "0.1.0",
    identities: &["F-3"],
    title_zh: "年初结余加收入减支出不等于年末结余",
    title_en: "Opening balance + income − spending does not equal the closing balance",
    messages: &[
        (
            "",
            "{table} {row}：年初结转和结余 {open} + 本年收入 {inc} − 本年支出 {spent} = {computed} {unit}，而年末结转和结余为 {close} {unit}，相差 {diff} {unit}。",
            "{table} {row}: opening balance {open} + income {inc} − spending {spent} = {computed} {unit}, but the closing balance is {close} {unit}; the difference is {diff} {unit}.",
        ),
        (
            "rounding",
            "{table} {row}：年初结转和结余 {open} + 本年收入 {inc} − 本年支出 {spent} = {computed} {unit}，年末结转和结余 {close} {unit}，相差 {diff} {unit}，属尾数误差。",
            "{table} {row}: opening {open} + income {inc} − spending {spent} = {computed} {unit}; closing {close} {unit}; the {diff} {unit} difference is a rounding residual.",
        ),
    ],
    zh: RuleDoc {
        what: "政府性基金（以及按同样格式列示的国有资本经营）表中，每行：年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余。",
        why: "基金的钱一年里怎么进、怎么出、剩多少应当前后衔接。不衔接时，可能是某个数字填错，也可能是年初数有调整，需要核实。",
        example: "年初 10.00 + 本年收入 50.00 − 本年支出 45.00 = 15.00，年末却是 18.00：差 3.00。",
        tolerance: "按惯例成立（年初数可能调整，表中无调整栏），不成立时列为“需核实”；万元表先扣除舍入误差。",
        not_applicable: "表不存在、注明无数据，或缺少年初、本年收入、本年支出、年末任一栏时不核对。",
    },
    en: RuleDoc {
        what: "In the government-fund table (and a state-capital table in the same layout), on every row: opening balance + income − spending = closing balance.",
        why: "A fund's money should roll forward from start to end of year. If it does not, a figure may be wrong or the opening balance was adjusted; either needs checking.",
        example: "Opening 10.00 + income 50.00 − spending 45.00 = 15.00, but the closing balance is 18.00: off by 3.00.",
        tolerance: "Customary (opening balances can be adjusted and the table has no column for that): a mismatch is a warning; rounding is allowed in 10k-yuan tables.",
        not_applicable: "Skipped for absent or empty tables, or tables lacking any of the four columns.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    for slot in [Slot::T8, Slot::T9] {
        let Some(t) = need_table(ctx, r, slot) else {
            continue;
        };
        if !["carry_in", "income", "total", "carry_out"]
            .iter()
            .all(|c| t.has_column(c))
        {
            if slot == Slot::T8 {
                ctx.na(
                    format!("《{}》缺少年初、收入、支出或年末栏", t.title),
                    format!(
                        "“{}” lacks an opening, income, spending or closing column",
                        t.title
                    ),
                );
            }
            continue;
        }
        for row in &t.rows {
            let terms = [
                Term::new(t, row, "carry_in"),
                Term::new(t, row, "income"),
                Term::new(t, row, "total"),
                Term::new(t, row, "carry_out"),
            ];
            if terms.iter().all(|x| x.is_blank()) {
                continue;
            }
            let nums: Option<Vec<Num>> = terms.iter().map(|x| x.num()).collect();
            let Some(n) = nums else {
                ctx.na(
                    format!("{} 有非数字单元格", row.display()),
                    format!("{} has a non-numeric cell", row.display()),
                );
                continue;
            };
            let computed = Num {
                value: n[0].value + n[1].value - n[2].value,
                half_unit: n[0].half_unit + n[1].half_unit + n[2].half_unit,
            };
            let cmp = crate::tolerance::compare_same(n[3], computed);
            let Some((sev, variant)) = severity_of(cmp.outcome, RULE.certainty) else {
                ctx.pass();
                continue;
            };
            let (tz, te) = table_name(t);
            let f = Finding::new(ctx.rule, sev)
                .variant(variant)
                .both("table", tz, te)
                .text("row", row.display())
                .amount("open", n[0].value)
                .amount("inc", n[1].value)
                .amount("spent", n[2].value)
                .amount("computed", computed.value)
                .amount("close", n[3].value)
                .amount("diff", (n[3].value - computed.value).abs())
                .arg("unit", Arg::Unit(t.unit))
                .numbers(n[3].value, computed.value, cmp.band)
                .at_all(terms[3].location(Role::Stated))
                .at_all(terms[0].location(Role::Component))
                .at_all(terms[1].location(Role::Component))
                .at_all(terms[2].location(Role::Component));
            ctx.report(f);
        }
    }
}
