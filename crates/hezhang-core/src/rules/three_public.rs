//! 财政拨款“三公”经费支出决算表 (domain guide §2.1 T7-*).
pub mod three_public_items_undisclosed;
pub mod three_public_total_mismatch;
pub mod vehicle_subtotal_mismatch;
