//! 项目支出绩效自评 (domain guide §2.8, P-1…P-10).
pub mod perf_balance_mismatch;
pub mod perf_funds_mismatch;
pub mod perf_grade_counts_mismatch;
pub mod perf_grade_mismatch;
pub mod perf_rate_mismatch;
pub mod perf_scores_mismatch;
pub mod perf_table_text_mismatch;
pub mod perf_weights_mismatch;
pub mod shared;
#[cfg(test)]
mod tests;
