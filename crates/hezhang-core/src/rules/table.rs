//! Identities inside the coded tables (domain guide §2.1 F-*).
pub mod code_hierarchy_mismatch;
pub mod fund_rollforward_mismatch;
pub mod row_sum_mismatch;
