//! The rules. One rule per file, `rules/<family>/<snake_name>.rs`, each a `pub const RULE: Rule`.
//! The registry below is a plain static list, one line per rule.

use crate::config::Config;
use crate::finding::{Finding, Severity};
use crate::model::Report;

pub mod cross;
pub mod econ;
pub mod narrative;
pub mod perf;
pub mod procurement;
pub mod summary;
pub mod table;
pub mod three_public;
pub mod util;
pub mod vehicles;

/// C (certain) or U (customary), domain guide §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Certainty {
    /// Holds by definition: broken beyond rounding → error.
    Certain,
    /// Has legitimate exceptions: broken → warning, never error.
    Customary,
}

/// One language's documentation of a rule (fixed sections).
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct RuleDoc {
    /// 检查内容 / What it checks.
    pub what: &'static str,
    /// 为何重要 / Why it matters.
    pub why: &'static str,
    /// 示例 / Example.
    pub example: &'static str,
    /// 容差 / Tolerance.
    pub tolerance: &'static str,
    /// 不适用情形 / When it does not run.
    pub not_applicable: &'static str,
}

/// A message template: variant name, zh and en text with `{named}` arguments.
pub type Message = (&'static str, &'static str, &'static str);

/// A rule: permanent code, metadata, docs, messages, and its check.
#[derive(Clone, Copy, serde::Serialize)]
pub struct Rule {
    /// Permanent code (upper-case kebab, family first). Never reused.
    pub code: &'static str,
    /// Names the defect, kebab-case.
    pub name: &'static str,
    /// The rule family (for grouping counts).
    pub family: &'static str,
    pub certainty: Certainty,
    /// Version that introduced the rule.
    pub since: &'static str,
    /// Domain-guide identities implemented (T1-1, X-9, …).
    pub identities: &'static [&'static str],
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// Message templates by variant; the first is the default.
    pub messages: &'static [Message],
    pub zh: RuleDoc,
    pub en: RuleDoc,
    #[serde(skip)]
    pub check: fn(&Report, &mut Ctx),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("code", &self.code).finish()
    }
}

/// Codes retired or renamed: (old code, new code or "", version, reason).
pub const REDIRECTS: &[(&str, &str, &str, &str)] = &[];

/// The registry: every rule, in report order.
pub fn all() -> &'static [Rule] {
    &[
        summary::income_total_mismatch::RULE,
        summary::income_grand_total_mismatch::RULE,
        summary::expenditure_total_mismatch::RULE,
        summary::expenditure_grand_total_mismatch::RULE,
        summary::grand_totals_unbalanced::RULE,
        summary::fiscal_summary_mismatch::RULE,
        summary::fiscal_fund_balance_mismatch::RULE,
        table::row_sum_mismatch::RULE,
        table::code_hierarchy_mismatch::RULE,
        table::fund_rollforward_mismatch::RULE,
        econ::economic_hierarchy_mismatch::RULE,
        econ::economic_footer_mismatch::RULE,
        econ::basic_exceeds_total::RULE,
        econ::economic_code_exceeds_three_public::RULE,
        three_public::three_public_total_mismatch::RULE,
        three_public::vehicle_subtotal_mismatch::RULE,
        three_public::three_public_items_undisclosed::RULE,
        procurement::procurement_total_mismatch::RULE,
        procurement::sme_share_mismatch::RULE,
        procurement::sme_reserved_mismatch::RULE,
        vehicles::vehicle_total_mismatch::RULE,
        vehicles::vehicle_narrative_mismatch::RULE,
        cross::same_figure_mismatch::RULE,
        cross::general_budget_exceeds_all_funds::RULE,
        cross::empty_table_contradicted::RULE,
        cross::running_cost_exceeds_public_funds::RULE,
        narrative::narrative_amount_mismatch::RULE,
        narrative::share_mismatch::RULE,
        narrative::shares_do_not_sum::RULE,
        narrative::completion_rate_mismatch::RULE,
        narrative::year_on_year_mismatch::RULE,
        narrative::direction_word_contradiction::RULE,
        narrative::template_placeholder::RULE,
        narrative::comparison_year_mismatch::RULE,
        perf::perf_rate_mismatch::RULE,
        perf::perf_balance_mismatch::RULE,
        perf::perf_weights_mismatch::RULE,
        perf::perf_scores_mismatch::RULE,
        perf::perf_grade_mismatch::RULE,
        perf::perf_table_text_mismatch::RULE,
        perf::perf_grade_counts_mismatch::RULE,
        perf::perf_funds_mismatch::RULE,
    ]
}

/// Find a rule by code (or by a redirected old code).
pub fn by_code(code: &str) -> Option<&'static Rule> {
    let code = REDIRECTS
        .iter()
        .find(|r| r.0 == code)
        .map(|r| r.1)
        .unwrap_or(code);
    all().iter().find(|r| r.code == code)
}

/// A check that could not run, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NotRun {
    pub rule: &'static str,
    pub reason_zh: String,
    pub reason_en: String,
}

/// What rules write into while they run: one call to `pass`, `fail` or `na` per check.
pub struct Ctx<'c> {
    pub config: &'c Config,
    pub rule: &'static str,
    pub passed: usize,
    pub failed: usize,
    pub findings: Vec<Finding>,
    pub not_run: Vec<NotRun>,
}

impl<'c> Ctx<'c> {
    pub fn new(config: &'c Config) -> Self {
        Ctx {
            config,
            rule: "",
            passed: 0,
            failed: 0,
            findings: Vec::new(),
            not_run: Vec::new(),
        }
    }
    /// A check ran and held.
    pub fn pass(&mut self) {
        self.passed += 1;
    }
    /// A check ran and produced a finding. Info-level findings (rounding) count as passed.
    pub fn report(&mut self, f: Finding) {
        if f.severity == Severity::Info {
            self.passed += 1;
        } else {
            self.failed += 1;
        }
        self.findings.push(f);
    }
    /// A finding attached to a check already counted.
    pub fn note(&mut self, f: Finding) {
        self.findings.push(f);
    }
    /// A check could not run for lack of data.
    pub fn na(&mut self, zh: impl Into<String>, en: impl Into<String>) {
        self.not_run.push(NotRun {
            rule: self.rule,
            reason_zh: zh.into(),
            reason_en: en.into(),
        });
    }
}

/// What a run of every rule produced.
#[derive(Debug, Clone, PartialEq)]
pub struct RunResult {
    pub passed: usize,
    pub failed: usize,
    pub findings: Vec<Finding>,
    pub not_run: Vec<NotRun>,
}

/// Run every rule on a report.
pub fn run(report: &Report, config: &Config) -> RunResult {
    let mut ctx = Ctx::new(config);
    for rule in all() {
        ctx.rule = rule.code;
        (rule.check)(report, &mut ctx);
    }
    RunResult {
        passed: ctx.passed,
        failed: ctx.failed,
        findings: ctx.findings,
        not_run: ctx.not_run,
    }
}
