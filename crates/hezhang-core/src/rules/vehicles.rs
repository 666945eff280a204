//! Vehicles and assets (domain guide §2.6).
pub mod vehicle_narrative_mismatch;
pub mod vehicle_total_mismatch;
