//! ECON-BASIC-LE — basic-exceeds-total (T6-3).

use crate::model::Slot;
use crate::rules::util::{need_table, part_le_whole, Term, LE_MESSAGES};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "ECON-BASIC-LE",
    name: "basic-exceeds-total",
    family: "econ",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["T6-3"],
    title_zh: "“其中：基本支出”大于金额",
    title_en: "“Of which basic” exceeds the amount",
    messages: LE_MESSAGES,
    zh: RuleDoc {
        what: "山西格式的一般公共预算财政拨款支出决算明细表中，每个科目的“其中：基本支出”不能大于该科目的“金额”（金额含基本支出和项目支出）。",
        why: "“其中”是整体的一部分，部分大于整体在数学上不可能，说明至少一个数字填错或填错了栏。",
        example: "30201 办公费：金额 80.00，其中：基本支出 84.00。",
        tolerance: "元表精确到分；万元表允许两个数的舍入误差。",
        not_applicable: "表中没有“金额”与“其中：基本支出”两栏（如上海格式只列基本支出）时不核对；标“——”的单元格不核对。",
    },
    en: RuleDoc {
        what: "In the Shanxi-style detail table, each code's “of which: basic” may not exceed its “amount” (which covers basic and project spending).",
        why: "An “of which” figure is part of the whole; a part larger than its whole is impossible and means a figure or column is wrong.",
        example: "30201 office costs: amount 80.00, of which basic 84.00.",
        tolerance: "Exact in yuan; in 10k yuan the rounding of both figures is allowed.",
        not_applicable: "Skipped when the table lacks either column (the Shanghai layout lists basic spending only), and for cells printed “——”.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(t) = need_table(ctx, r, Slot::T6) else {
        return;
    };
    if !(t.has_column("amount") && t.has_column("basic")) {
        ctx.na(
            "经济分类表没有“金额”与“其中：基本支出”两栏",
            "the economic table lacks the amount and of-which-basic columns",
        );
        return;
    }
    for row in &t.rows {
        let part = Term::new(t, row, "basic");
        let whole = Term::new(t, row, "amount");
        if part.num().is_none() || part.is_blank() {
            continue;
        }
        part_le_whole(ctx, RULE.certainty, &[part], whole);
    }
}
