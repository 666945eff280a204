//! PERF-GRADE — perf-grade-mismatch (P-7).

use rust_decimal::Decimal;

use super::shared::{grade_loc, mention_loc, need_projects, normalise_grade, project_names, show};
use crate::finding::{Finding, Role, Severity};
use crate::recognise::perf::{PerfProject, ScoreStatement};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "PERF-GRADE",
    name: "perf-grade-mismatch",
    family: "perf",
    certainty: Certainty::Customary,
    since: "0.1.0",
    identities: &["P-7"],
    title_zh: "绩效评价等级与总得分所在分数段不符",
    title_en: "Performance grade does not match the band of its total score",
    messages: &[(
        "",
        "{project}：总得分 {score} 分，按所配置的等级划分（{bands}）应为“{expected}”，所述等级为“{stated}”。",
        "{project}: a total score of {score} falls in grade “{expected}” under the configured bands ({bands}), but the grade stated is “{stated}”.",
    )],
    zh: RuleDoc {
        what: "自评结论和情况说明中“总得分 X 分，属于‘Y’”的等级，应与总得分所在的分数段一致。分数段是地区配置：默认（财政部及山西等地常用）为 90 分（含）以上“优”、80 分（含）至 90 分“良”、60 分（含）至 80 分“中”、60 分以下“差”。",
        why: "等级是读者最先看到的结论。等级与分数不符，或是分数、或是等级写错，都会误导读者对项目成效的判断。",
        example: "总得分 84 分，默认分数段下为“良”，与所述“良”相符；若写成“优”即不符。",
        tolerance: "按“大于或等于下限”判断，89.5 分属于“良”。",
        not_applicable: "没有总得分或没有等级时不核对；所述等级不在所配置的等级名称中（如上海的“合格/不合格”未配置分数段）时不核对。各地分数段不同，因此只作为需核实。",
    },
    en: RuleDoc {
        what: "The grade in “total score X, grade ‘Y’” (in the self-evaluation's conclusion and in the explanatory notes) must be the grade of the band the total falls in. Bands are regional configuration; the default (central and Shanxi practice) is 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below 60.",
        why: "The grade is the conclusion readers see first. A grade that does not fit the score means the score or the grade is wrong, and misleads readers about the project's results.",
        example: "A total of 84 is “良” under the default bands, matching the stated “良”; “优” would not match.",
        tolerance: "Bands are lower bounds (≥): 89.5 is “良”.",
        not_applicable: "Skipped without a total score or a grade, or when the stated grade is not a configured band name (e.g. Shanghai's 合格/不合格, which have no configured cut-offs). Bands differ by region, so a mismatch is a warning.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let Some(projects) = need_projects(ctx, r) else {
        return;
    };
    let sum = super::shared::summary(r);
    for p in projects {
        let mut statements: Vec<&ScoreStatement> = Vec::new();
        if let Some(st) = &p.statement {
            statements.push(st);
        }
        for pr in sum.project_results.iter().filter(|x| x.project == p.name) {
            statements.push(&pr.statement);
        }
        if statements.is_empty() {
            let (pz, pe) = project_names(p);
            ctx.na(
                format!("{pz}未写明总得分和等级"),
                format!("{pe} states no total score and grade"),
            );
            continue;
        }
        // one finding per distinct (score, grade) that misses its band
        let mut reported: Vec<(Decimal, String, usize)> = Vec::new();
        for st in statements {
            check_statement(p, st, ctx, &mut reported);
        }
    }
}

fn bands_text(ctx: &Ctx) -> (String, String) {
    let b = &ctx.config.grade_bands;
    let zh = b
        .iter()
        .map(|x| format!("{} ≥ {}", x.grade, show(x.min)))
        .collect::<Vec<_>>()
        .join("，");
    let en = b
        .iter()
        .map(|x| format!("{} ≥ {}", x.grade, show(x.min)))
        .collect::<Vec<_>>()
        .join(", ");
    (zh, en)
}

fn check_statement(
    p: &PerfProject,
    st: &ScoreStatement,
    ctx: &mut Ctx,
    reported: &mut Vec<(Decimal, String, usize)>,
) {
    let (pz, pe) = project_names(p);
    let (Some(total), Some(grade)) = (&st.total, &st.grade) else {
        ctx.na(
            format!("{pz}的结论未同时写明总得分和等级"),
            format!("{pe}'s conclusion does not state both a total score and a grade"),
        );
        return;
    };
    let Some(stated) = normalise_grade(&grade.grade, &ctx.config.grade_bands) else {
        ctx.na(
            format!("等级“{}”不在所配置的等级划分中", grade.grade),
            format!("grade “{}” is not among the configured bands", grade.grade),
        );
        return;
    };
    let Some(expected) = ctx.config.grade_for(total.num.value).map(str::to_string) else {
        ctx.na(
            format!(
                "总得分 {} 分不在所配置的任何分数段内",
                show(total.num.value)
            ),
            format!(
                "a total of {} is in no configured band",
                show(total.num.value)
            ),
        );
        return;
    };
    if expected == stated {
        ctx.pass();
        return;
    }
    if let Some(r) = reported
        .iter()
        .find(|r| r.0 == total.num.value && r.1 == grade.grade)
    {
        // the same score and grade restated elsewhere: add the place to that finding
        let i = r.2;
        ctx.findings[i]
            .locations
            .push(grade_loc(Role::Restated, &st.text, &st.loc, grade));
        return;
    }
    let (bz, be) = bands_text(ctx);
    let f = Finding::new(RULE.code, Severity::Warning)
        .both("project", pz, pe)
        .text("score", show(total.num.value))
        .both("bands", bz, be)
        .text("expected", expected)
        .text("stated", grade.grade.clone())
        .at(grade_loc(Role::Stated, &st.text, &st.loc, grade))
        .at(mention_loc(Role::Component, &st.text, &st.loc, total));
    reported.push((total.num.value, grade.grade.clone(), ctx.findings.len()));
    ctx.report(f);
}
