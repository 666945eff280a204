//! T4-FUND-BALANCE — fiscal-fund-balance-mismatch (T4-4).

use crate::finding::{Arg, Finding, Role};
use crate::model::{Num, Slot};
use crate::rules::util::{need_table, role_in, severity_of, Term};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "T4-FUND-BALANCE",
    name: "fiscal-fund-balance-mismatch",
    family: "summary",
    certainty: Certainty::Customary,
    since: "0.1.0",
    identities: &["T4-4"],
    title_zh: "某类财政拨款的来源与去向不平",
    title_en: "A fiscal fund's sources and uses do not balance",
    messages: &[(
        "",
        "{fund}：年初结转和结余 {ci} + 本年收入 {inc} = {lhs} {unit}，而本年支出 {exp} + 年末结转和结余 {co} = {rhs} {unit}，相差 {diff} {unit}。",
        "{fund}: balances carried in {ci} + income {inc} = {lhs} {unit}, but expenditure {exp} + balances carried forward {co} = {rhs} {unit}; the difference is {diff} {unit}.",
    ), (
        "rounding",
        "{fund}：年初结转和结余 {ci} + 本年收入 {inc} = {lhs} {unit}，本年支出 {exp} + 年末结转和结余 {co} = {rhs} {unit}，相差 {diff} {unit}，属尾数误差。",
        "{fund}: carried in {ci} + income {inc} = {lhs} {unit}; expenditure {exp} + carried forward {co} = {rhs} {unit}; the {diff} {unit} difference is a rounding residual.",
    )],
    zh: RuleDoc {
        what: "财政拨款收入支出决算总表中，每一类财政拨款（一般公共预算、政府性基金、国有资本经营）：年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余。",
        why: "每一类财政资金都应来去分明。不平时，可能是结转结余或某类资金的收支填错，需要核实。",
        example: "一般公共预算：年初 10.00 + 本年收入 100.00，本年支出 95.00 + 年末 20.00：差 5.00。",
        tolerance: "按惯例成立（年初数可能有调整，表中无调整栏），不成立时列为“需核实”，不列为错误。",
        not_applicable: "没有财政拨款收入支出决算总表，或缺少分资金的年初、年末行时不核对。",
    },
    en: RuleDoc {
        what: "In the fiscal appropriations summary, for each fund (general budget, government funds, state capital): balances carried in + income = expenditure + balances carried forward.",
        why: "Each fund's money should be accounted for. If it does not balance, a carried balance or a fund's income or spending may be wrong.",
        example: "General budget: carried in 10.00 + income 100.00, but expenditure 95.00 + carried forward 20.00: off by 5.00.",
        tolerance: "Customary (opening balances can be adjusted and the table has no column for that): a mismatch is a warning, never an error.",
        not_applicable: "Skipped without the fiscal summary or without its per-fund opening rows.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t) = need_table(ctx, r, Slot::T4) else {
        return;
    };
    for (fund, inc_role, ci_role) in [
        ("general", "inc_general", "carry_in_general"),
        ("gov_fund", "inc_gov_fund", "carry_in_gov_fund"),
        (
            "state_capital",
            "inc_state_capital",
            "carry_in_state_capital",
        ),
    ] {
        let (Some(inc), Some(ci), Some(te), Some(co)) = (
            role_in(t, "income", inc_role),
            role_in(t, "income", ci_role),
            role_in(t, "expenditure", "expenditure_total"),
            role_in(t, "expenditure", "carry_out"),
        ) else {
            ctx.na(
                "财政拨款总表缺少分资金的年初结转和结余或年末结转和结余行",
                "the fiscal summary lacks per-fund opening or closing balance rows",
            );
            return;
        };
        if !t.has_column(fund) {
            ctx.na(
                "财政拨款总表缺少分资金列",
                "the fiscal summary lacks the fund columns",
            );
            return;
        }
        let lhs = [Term::new(t, ci, "amount"), Term::new(t, inc, "amount")];
        let rhs_total = Term::new(t, te, fund);
        let rhs_carry = Term::new(t, co, fund);
        if lhs.iter().all(|x| x.is_blank()) && rhs_total.is_blank() && rhs_carry.is_blank() {
            ctx.pass();
            continue;
        }
        let nums: Option<Vec<Num>> = [lhs[0], lhs[1], rhs_total, rhs_carry]
            .iter()
            .map(|x| x.num())
            .collect();
        let Some(n) = nums else {
            ctx.na(
                "分资金行中有非数字单元格",
                "a per-fund cell is not a number",
            );
            continue;
        };
        let rhs = Num {
            value: n[2].value + n[3].value,
            half_unit: n[2].half_unit + n[3].half_unit,
        };
        let cmp = crate::tolerance::compare_sum(rhs, &[n[0], n[1]]);
        let Some((sev, variant)) = severity_of(cmp.outcome, RULE.certainty) else {
            ctx.pass();
            continue;
        };
        let (fz, fe) = match fund {
            "general" => ("一般公共预算财政拨款", "General budget"),
            "gov_fund" => ("政府性基金预算财政拨款", "Government funds"),
            _ => ("国有资本经营预算财政拨款", "State capital"),
        };
        let f = Finding::new(ctx.rule, sev)
            .variant(variant)
            .both("fund", fz, fe)
            .amount("ci", n[0].value)
            .amount("inc", n[1].value)
            .amount("lhs", cmp.computed)
            .amount("exp", n[2].value)
            .amount("co", n[3].value)
            .amount("rhs", rhs.value)
            .amount("diff", cmp.difference().abs())
            .arg("unit", Arg::Unit(t.unit))
            .numbers(rhs.value, cmp.computed, cmp.band)
            .at_all(rhs_total.location(Role::Stated))
            .at_all(rhs_carry.location(Role::Stated))
            .at_all(lhs[0].location(Role::Component))
            .at_all(lhs[1].location(Role::Component));
        ctx.report(f);
    }
}
