//! Thresholds and regional settings (domain guide §3 point 8: in configuration, not rule code).

use rust_decimal::Decimal;

/// A grade band: the grade and the lowest score that earns it (≥).
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub grade: String,
    pub min: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// 基本持平: |Δ| ≤ this percentage of the base.
    pub roughly_flat_pct: Decimal,
    /// Performance grade bands, highest first (`default`: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差).
    pub grade_bands: Vec<Band>,
    /// Total of weights plus the execution-rate score (P-3).
    pub perf_total_weight: Decimal,
}

impl Default for Config {
    fn default() -> Self {
        let b = |g: &str, m: i64| Band {
            grade: g.to_string(),
            min: Decimal::from(m),
        };
        Config {
            roughly_flat_pct: Decimal::ONE,
            grade_bands: vec![b("优", 90), b("良", 80), b("中", 60), b("差", 0)],
            perf_total_weight: Decimal::ONE_HUNDRED,
        }
    }
}

impl Config {
    /// The grade a score earns under the configured bands.
    pub fn grade_for(&self, score: Decimal) -> Option<&str> {
        self.grade_bands
            .iter()
            .find(|b| score >= b.min)
            .map(|b| b.grade.as_str())
    }
}
