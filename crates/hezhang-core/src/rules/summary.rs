//! 收入支出决算总表 and 财政拨款收入支出决算总表 identities (domain guide §2.1 T1-*, T4-*).
pub mod expenditure_grand_total_mismatch;
pub mod expenditure_total_mismatch;
pub mod fiscal_fund_balance_mismatch;
pub mod fiscal_summary_mismatch;
pub mod grand_totals_unbalanced;
pub mod income_grand_total_mismatch;
pub mod income_total_mismatch;
