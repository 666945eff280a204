//! 一般公共预算财政拨款基本支出（明细）表 by economic classification (domain guide §2.1 T6-*, §2.3).
pub mod basic_exceeds_total;
pub mod economic_code_exceeds_three_public;
pub mod economic_footer_mismatch;
pub mod economic_hierarchy_mismatch;
