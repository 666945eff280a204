//! The contract output (`../shared/docs/cli-json.md`): one object per input file.
//! Fields may be added, never renamed or dropped.

use serde::Serialize;

use crate::finding::{Finding, Location, Severity};
use crate::i18n::{self, Lang};
use crate::model::{PrintedRow, Report, SourceKind};
use crate::rules::{self, NotRun, RunResult};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceOut {
    pub kind: SourceKind,
    pub pages: Option<u32>,
    pub lines: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportOut {
    pub entity: Option<String>,
    pub year: Option<i32>,
    pub unit: Option<&'static str>,
    pub family: &'static str,
    /// Extension: the input looks like an unfilled template.
    pub template: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanOut {
    pub first_line: Option<u32>,
    pub last_line: Option<u32>,
    pub first_page: Option<u32>,
    pub last_page: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableOut {
    pub id: String,
    pub kind: &'static str,
    pub title: String,
    pub label: Option<String>,
    pub unit: &'static str,
    pub rows: usize,
    pub columns: usize,
    pub span: SpanOut,
    /// Extension: the table as printed, for rendering (header rows first).
    pub grid: Vec<PrintedRow>,
    /// Extension: the table says it has no data.
    pub empty_note: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChecksOut {
    pub run: usize,
    pub passed: usize,
    pub failed: usize,
    pub not_applicable: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingOut {
    pub rule: &'static str,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    pub stated: Option<String>,
    pub computed: Option<String>,
    pub difference: Option<String>,
    pub tolerance: Option<String>,
    pub locations: Vec<Location>,
    /// Extension: rule family, for grouping.
    pub family: &'static str,
    /// Extension: a stable id within this report (`F1`, `F2`, …).
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotRunOut {
    pub rule: &'static str,
    pub reason: String,
}

/// One input file's result, as the contract lays it out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckOutput {
    pub file: String,
    pub source: SourceOut,
    pub report: ReportOut,
    pub tables: Vec<TableOut>,
    pub checks: ChecksOut,
    pub findings: Vec<FindingOut>,
    /// Extension: each check that could not run, with the reason.
    pub not_run: Vec<NotRunOut>,
    /// Extension: what recognition noticed but could not place.
    pub notes: Vec<String>,
    /// Extension: the language of `title`, `message` and `reason`.
    pub lang: Lang,
}

impl CheckOutput {
    pub fn count(&self, sev: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == sev).count()
    }
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}

fn dec(d: Option<rust_decimal::Decimal>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// Render a finding in `lang`.
pub fn finding_out(f: &Finding, lang: Lang, idx: usize) -> FindingOut {
    FindingOut {
        rule: f.rule,
        severity: f.severity,
        title: i18n::title(f, lang),
        message: i18n::message(f, lang),
        stated: dec(f.stated),
        computed: dec(f.computed),
        difference: dec(f.difference),
        tolerance: dec(f.tolerance),
        locations: f.locations.clone(),
        family: rules::by_code(f.rule).map(|r| r.family).unwrap_or(""),
        id: format!("F{}", idx + 1),
    }
}

fn not_run_out(n: &NotRun, lang: Lang) -> NotRunOut {
    NotRunOut {
        rule: n.rule,
        reason: match lang {
            Lang::Zh => n.reason_zh.clone(),
            Lang::En => n.reason_en.clone(),
        },
    }
}

/// Assemble the contract object from a report and its run.
pub fn build(file: &str, report: &Report, run: &RunResult, lang: Lang) -> CheckOutput {
    let mut findings: Vec<&Finding> = run.findings.iter().collect();
    // Errors first, then warnings, then notes; within a severity, report order (first line).
    findings.sort_by_key(|f| {
        (
            f.severity,
            f.locations
                .iter()
                .filter_map(|l| l.line.or(l.page))
                .min()
                .unwrap_or(u32::MAX),
        )
    });
    CheckOutput {
        file: file.to_string(),
        source: SourceOut {
            kind: report.source,
            pages: report.pages,
            lines: report.lines,
        },
        report: ReportOut {
            entity: report.meta.entity.clone(),
            year: report.meta.year,
            unit: report.meta.unit.map(|u| u.zh()),
            family: report.meta.family,
            template: report.meta.template,
        },
        tables: report
            .tables
            .iter()
            .map(|t| TableOut {
                id: t.id.clone(),
                kind: t.kind,
                title: t.title.clone(),
                label: t.label.clone(),
                unit: t.unit.zh(),
                rows: t.rows.len(),
                columns: t.columns.len(),
                span: SpanOut {
                    first_line: t.first_line,
                    last_line: t.last_line,
                    first_page: t.first_page,
                    last_page: t.last_page,
                },
                grid: t.printed.clone(),
                empty_note: t.empty_note,
            })
            .chain(report.performance.iter().map(|p| TableOut {
                id: p.id.clone(),
                kind: "performance",
                title: format!("项目支出绩效自评表：{}", p.name),
                label: None,
                unit: p.money_unit().zh(),
                rows: p.funds.len() + p.indicators.len(),
                columns: p.funds_columns.len().max(p.indicator_columns.len()),
                span: SpanOut {
                    first_line: p.first_line,
                    last_line: p.last_line,
                    first_page: None,
                    last_page: None,
                },
                grid: p.printed.clone(),
                empty_note: false,
            }))
            .collect(),
        checks: ChecksOut {
            run: run.passed + run.failed,
            passed: run.passed,
            failed: run.failed,
            not_applicable: run.not_run.len(),
        },
        findings: findings
            .iter()
            .enumerate()
            .map(|(i, f)| finding_out(f, lang, i))
            .collect(),
        not_run: run.not_run.iter().map(|n| not_run_out(n, lang)).collect(),
        notes: report.notes.clone(),
        lang,
    }
}
