//! Identities across tables (domain guide §2.2, §2.4).
pub mod empty_table_contradicted;
pub mod general_budget_exceeds_all_funds;
pub mod running_cost_exceeds_public_funds;
pub mod same_figure_mismatch;
