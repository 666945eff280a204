//! 政府采购 (domain guide §2.5).
pub mod procurement_total_mismatch;
pub mod sme_reserved_mismatch;
pub mod sme_share_mismatch;
