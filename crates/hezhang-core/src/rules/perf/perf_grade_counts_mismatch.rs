//! PERF-COUNTS — perf-grade-counts-mismatch (P-9).

use rust_decimal::Decimal;

use super::shared::{grade_loc, mention_loc, project_names, show, summary};
use crate::finding::{Finding, Role, Severity};
use crate::recognise::perf::{GradeCounts, PerfProject};
use crate::rules::{Certainty, Ctx, Rule, RuleDoc};
use crate::Report;

pub const RULE: Rule = Rule {
    code: "PERF-COUNTS",
    name: "perf-grade-counts-mismatch",
    family: "perf",
    certainty: Certainty::Certain,
    since: "0.1.0",
    identities: &["P-9"],
    title_zh: "情况说明所述绩效等级个数与项目数或各项目等级不符",
    title_en: "Grade counts in the notes do not match the number of projects or their grades",
    messages: &[
        (
            "",
            "情况说明所述各等级项目个数之和 {parts} = {computed} 个，与所述项目总数 {stated} 个不符，相差 {diff} 个。",
            "The notes' grade counts add up to {parts} = {computed}, not the {stated} projects stated; the difference is {diff}.",
        ),
        (
            "projects",
            "情况说明所述等级个数（{stated_list}）与所附 {n} 个项目自评的等级（{actual_list}）不符。",
            "The notes' grade counts ({stated_list}) do not match the grades of the {n} appended self-evaluations ({actual_list}).",
        ),
        (
            "restated",
            "{project}：情况说明所述等级为“{stated}”，附件自评结论为“{actual}”。",
            "{project}: the notes give grade “{stated}”, the appended self-evaluation “{actual}”.",
        ),
        (
            "rectification",
            "情况说明所述发现问题 {stated} 个，但已完成整改 {done} 个 + 正在整改 {ongoing} 个 = {computed} 个，相差 {diff} 个。",
            "The notes report {stated} problems found, but {done} rectified + {ongoing} in progress = {computed}; the difference is {diff}.",
        ),
    ],
    zh: RuleDoc {
        what: "情况说明“预算绩效情况”中各等级的项目个数（如 1 个“优”、1 个“良”、1 个“中”，或上海的优、良、合格、不合格）之和应等于所述自评项目数；所述项目数与所附自评报告数相同时，各等级个数应与附件各项目的等级一一对应；逐项转述的等级应与附件结论一致。另核对已完成整改与正在整改的问题数之和等于发现问题数（常见口径，仅作需核实）。",
        why: "等级分布是绩效情况的摘要。个数加不起来或与附件不符，说明摘要或附件有误，读者无从判断哪一个可信。",
        example: "“3 个项目开展了绩效自评；其中：1 个‘优’，1 个‘良’，1 个‘中’”，附件三个项目分别为 95 分“优”、84 分“良”、75 分“中”：相符。若写成 2 个“优”、1 个“中”，则与附件不符。",
        tolerance: "个数为整数，必须精确相等。",
        not_applicable: "情况说明没有等级个数时不核对；所述项目数与所附自评报告数不同（例如说的是一级项目，或只附了部分项目）时，只核对个数之和，不与附件逐一对照。",
    },
    en: RuleDoc {
        what: "In the notes on performance, the numbers of projects per grade (e.g. one 优, one 良, one 中; Shanghai: 优/良/合格/不合格) must add up to the number of projects evaluated; when that number equals the number of appended self-evaluations, the counts must match the appended grades; a grade restated for a named project must match its appendix. Also, as a customary check, problems rectified plus problems in rectification should equal problems found.",
        why: "The grade distribution summarises the performance results. Counts that do not add up or contradict the appendices mean the summary or the appendices are wrong, and readers cannot tell which to trust.",
        example: "“3 projects self-evaluated; one 优, one 良, one 中” with appended projects graded 优 (95), 良 (84) and 中 (75): consistent. Two 优 and one 中 would contradict the appendices.",
        tolerance: "Counts are whole numbers and must match exactly.",
        not_applicable: "Skipped when the notes give no grade counts. When the number of projects stated differs from the number appended (e.g. the sentence is about first-level projects, or only some are appended), only the sum is checked.",
    },
    check,
};

fn check(r: &Report, ctx: &mut Ctx) {
    let sum = summary(r);
    if sum.grade_counts.is_empty() && sum.project_results.is_empty() {
        ctx.na(
            "情况说明未给出绩效等级个数",
            "the notes give no counts of performance grades",
        );
    }
    for g in &sum.grade_counts {
        check_sum(g, ctx);
        check_against_projects(g, &r.performance, ctx);
    }
    for pr in &sum.project_results {
        let Some(p) = r.performance.iter().find(|p| p.name == pr.project) else {
            continue;
        };
        let (Some(g), Some(a)) = (
            &pr.statement.grade,
            p.statement.as_ref().and_then(|s| s.grade.as_ref()),
        ) else {
            continue;
        };
        if g.grade == a.grade {
            ctx.pass();
            continue;
        }
        let (pz, pe) = project_names(p);
        let st = p.statement.as_ref().expect("has grade");
        let f = Finding::new(RULE.code, Severity::Error)
            .variant("restated")
            .both("project", pz, pe)
            .text("stated", g.grade.clone())
            .text("actual", a.grade.clone())
            .at(grade_loc(
                Role::Stated,
                &pr.statement.text,
                &pr.statement.loc,
                g,
            ))
            .at(grade_loc(Role::Component, &st.text, &st.loc, a));
        ctx.report(f);
    }
    for rc in &sum.rectification {
        let (Some(d), Some(o)) = (&rc.done, &rc.ongoing) else {
            ctx.na(
                "整改情况未同时给出已完成和正在整改的个数",
                "the rectification sentence lacks the done or in-progress count",
            );
            continue;
        };
        let computed = d.num.value + o.num.value;
        if computed == rc.found.num.value {
            ctx.pass();
            continue;
        }
        let f = Finding::new(RULE.code, Severity::Warning)
            .variant("rectification")
            .text("stated", show(rc.found.num.value))
            .text("done", show(d.num.value))
            .text("ongoing", show(o.num.value))
            .text("computed", show(computed))
            .text("diff", show((rc.found.num.value - computed).abs()))
            .numbers(rc.found.num.value, computed, Decimal::ZERO)
            .at(mention_loc(Role::Stated, &rc.text, &rc.loc, &rc.found))
            .at(mention_loc(Role::Component, &rc.text, &rc.loc, d))
            .at(mention_loc(Role::Component, &rc.text, &rc.loc, o));
        ctx.report(f);
    }
}

fn check_sum(g: &GradeCounts, ctx: &mut Ctx) {
    let Some(total) = &g.total else {
        ctx.na(
            "等级个数所在句子未写明项目总数",
            "the sentence with grade counts states no number of projects",
        );
        return;
    };
    let computed: Decimal = g.counts.iter().map(|c| c.1.num.value).sum();
    if computed == total.num.value {
        ctx.pass();
        return;
    }
    let parts = g
        .counts
        .iter()
        .map(|(gr, m)| format!("“{gr}” {}", show(m.num.value)))
        .collect::<Vec<_>>()
        .join(" + ");
    let mut f = Finding::new(RULE.code, Severity::Error)
        .text("parts", parts)
        .text("computed", show(computed))
        .text("stated", show(total.num.value))
        .text("diff", show((total.num.value - computed).abs()))
        .numbers(total.num.value, computed, Decimal::ZERO)
        .at(mention_loc(Role::Stated, &g.text, &g.loc, total));
    for (_, m) in &g.counts {
        f = f.at(mention_loc(Role::Component, &g.text, &g.loc, m));
    }
    ctx.report(f);
}

fn check_against_projects(g: &GradeCounts, projects: &[PerfProject], ctx: &mut Ctx) {
    if projects.is_empty() {
        return;
    }
    let n = g
        .total
        .as_ref()
        .map(|m| m.num.value)
        .unwrap_or_else(|| g.counts.iter().map(|c| c.1.num.value).sum());
    if n != Decimal::from(projects.len() as u64) {
        ctx.na(
            format!(
                "等级个数涉及 {} 个项目，所附自评报告为 {} 个，不逐一对照",
                show(n),
                projects.len()
            ),
            format!(
                "the grade counts cover {} projects, {} are appended: not compared one by one",
                show(n),
                projects.len()
            ),
        );
        return;
    }
    let grades: Option<Vec<&str>> = projects
        .iter()
        .map(|p| {
            p.statement
                .as_ref()
                .and_then(|s| s.grade.as_ref())
                .map(|g| g.grade.as_str())
        })
        .collect();
    let Some(grades) = grades else {
        ctx.na(
            "有附件项目未写明等级，无法与等级个数对照",
            "an appended project states no grade to compare with the counts",
        );
        return;
    };
    // every grade named in either place
    let mut names: Vec<&str> = g.counts.iter().map(|c| c.0.as_str()).collect();
    for x in &grades {
        if !names.contains(x) {
            names.push(x);
        }
    }
    let stated = |name: &str| -> Decimal {
        g.counts
            .iter()
            .filter(|c| c.0 == name)
            .map(|c| c.1.num.value)
            .sum()
    };
    let actual = |name: &str| -> Decimal {
        Decimal::from(grades.iter().filter(|x| **x == name).count() as u64)
    };
    if names.iter().all(|n| stated(n) == actual(n)) {
        ctx.pass();
        return;
    }
    let list = |f: &dyn Fn(&str) -> Decimal, sep: &str| {
        names
            .iter()
            .map(|n| format!("“{n}” {}", show(f(n))))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let mut f = Finding::new(RULE.code, Severity::Error)
        .variant("projects")
        .both("stated_list", list(&stated, "、"), list(&stated, ", "))
        .both("actual_list", list(&actual, "、"), list(&actual, ", "))
        .text("n", projects.len().to_string());
    for (_, m) in &g.counts {
        f = f.at(mention_loc(Role::Stated, &g.text, &g.loc, m));
    }
    for p in projects {
        if let Some(st) = &p.statement {
            if let Some(gr) = &st.grade {
                f = f.at(grade_loc(Role::Component, &st.text, &st.loc, gr));
            }
        }
    }
    ctx.report(f);
}
