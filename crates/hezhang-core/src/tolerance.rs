//! All tolerance arithmetic (domain guide §3), in one place, on decimals only.
//!
//! Every figure carries the half-unit of its printed precision (`Num::half_unit`; zero for
//! exact figures such as 元 to the 分). An identity over rounded figures may miss by at most
//! the sum of their half-units; the typical miss is far smaller. Severities:
//!
//! | |Δ| | outcome |
//! |---|---|
//! | 0 | pass |
//! | ≤ max(1 unit, ⌊2σ/u⌋ units) | `info` (尾数误差) |
//! | ≤ Σ half-units | `warning` (beyond the usual residual, still possible by rounding) |
//! | otherwise | `error` (for certain identities) |

use rust_decimal::Decimal;

use crate::model::Num;

/// What a comparison came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    /// A difference rounding commonly produces.
    Rounding,
    /// Larger than rounding usually gives, but still within the rounding band.
    Unusual,
    /// Beyond what rounding can explain.
    Mismatch,
}

/// Result of comparing a stated figure with a computed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    pub outcome: Outcome,
    pub stated: Decimal,
    pub computed: Decimal,
    /// The largest difference rounding can explain.
    pub band: Decimal,
}

impl Comparison {
    pub fn difference(&self) -> Decimal {
        self.stated - self.computed
    }
}

/// Compare `stated` with the sum of `terms` (a parent and its n children, or one figure
/// printed twice when `terms` has one element).
pub fn compare_sum(stated: Num, terms: &[Num]) -> Comparison {
    let computed: Decimal = terms.iter().map(|t| t.value).sum();
    let mut halves: Vec<Decimal> = terms
        .iter()
        .filter(|t| !t.is_exact())
        .map(|t| t.half_unit)
        .collect();
    if !stated.is_exact() {
        halves.push(stated.half_unit);
    }
    let band: Decimal = halves.iter().copied().sum();
    let delta = (stated.value - computed).abs();
    let outcome = if delta.is_zero() {
        Outcome::Pass
    } else if band.is_zero() {
        Outcome::Mismatch
    } else {
        let h = halves.iter().copied().max().unwrap_or(Decimal::ZERO);
        let unit = h * Decimal::TWO;
        let k = halves.len() as u64;
        // ⌊2σ/u⌋ with σ = h·√(k/3): the largest m with 3m² ≤ k.
        let mut m: u64 = 0;
        while 3 * (m + 1) * (m + 1) <= k {
            m += 1;
        }
        let info_max = unit * Decimal::from(m.max(1));
        if delta <= info_max.min(band.max(unit)) {
            Outcome::Rounding
        } else if delta <= band {
            Outcome::Unusual
        } else {
            Outcome::Mismatch
        }
    };
    Comparison {
        outcome,
        stated: stated.value,
        computed,
        band,
    }
}

/// Compare two prints of the same figure.
pub fn compare_same(stated: Num, other: Num) -> Comparison {
    compare_sum(stated, &[other])
}

/// `a ≤ b` allowing for rounding: true when a − b is within the rounding band.
pub fn le_within(a: Num, b: Num) -> bool {
    a.value - b.value <= a.half_unit + b.half_unit
}

/// The interval a ratio a ÷ b × 100 can take given the printed precision of a and b.
/// `None` when b can be zero (the ratio is undefined).
pub fn ratio_interval(a: Num, b: Num) -> Option<(Decimal, Decimal)> {
    let hundred = Decimal::ONE_HUNDRED;
    let lo_b = b.value - b.half_unit;
    if lo_b <= Decimal::ZERO {
        return None;
    }
    let hi_b = b.value + b.half_unit;
    let lo_a = (a.value - a.half_unit).max(Decimal::ZERO);
    let hi_a = a.value + a.half_unit;
    let lo = lo_a.checked_div(hi_b)? * hundred;
    let hi = hi_a.checked_div(lo_b)? * hundred;
    Some((lo, hi))
}

/// What a stated percentage came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentOutcome {
    Pass,
    /// Consistent only if the figure was truncated rather than rounded.
    Truncated,
    Mismatch,
    /// The denominator is (or may be) zero.
    Undefined,
}

/// Check a stated percentage `p` printed with `q` decimals against a ÷ b × 100.
/// Returns the outcome and the computed ratio (at the midpoint of the interval, rounded to q+2).
pub fn check_percent(a: Num, b: Num, p: Decimal, q: u32) -> (PercentOutcome, Option<Decimal>) {
    let Some((lo, hi)) = ratio_interval(a, b) else {
        return (PercentOutcome::Undefined, None);
    };
    let computed = if b.value.is_zero() {
        None
    } else {
        a.value
            .checked_div(b.value)
            .map(|r| (r * Decimal::ONE_HUNDRED).round_dp(q + 2))
    };
    let up = Decimal::new(1, q);
    let half = up / Decimal::TWO;
    let meets = |x0: Decimal, x1: Decimal| lo <= x1 && hi >= x0;
    if meets(p - half, p + half) {
        (PercentOutcome::Pass, computed)
    } else if lo < p + up && hi >= p {
        (PercentOutcome::Truncated, computed)
    } else {
        (PercentOutcome::Mismatch, computed)
    }
}

/// Number of decimals printed in a decimal literal.
pub fn decimals_of(d: Decimal) -> u32 {
    d.scale()
}

/// The half-unit of a figure printed with `decimals` decimals; zero when `exact`.
pub fn half_unit(decimals: u32, exact: bool) -> Decimal {
    if exact {
        Decimal::ZERO
    } else {
        Decimal::new(5, decimals + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn r(s: &str) -> Num {
        let v = Decimal::from_str(s).unwrap();
        Num {
            value: v,
            half_unit: half_unit(v.scale(), false),
        }
    }
    fn x(s: &str) -> Num {
        Num::exact(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn exact_sums_must_match() {
        assert_eq!(
            compare_sum(x("60.01"), &[x("10.00"), x("20.00"), x("30.00")]).outcome,
            Outcome::Mismatch
        );
        assert_eq!(
            compare_sum(x("60.00"), &[x("10.00"), x("20.00"), x("30.00")]).outcome,
            Outcome::Pass
        );
    }

    #[test]
    fn rounded_sums_get_a_band() {
        // domain guide §3 example: 10.00 + 20.00 + 30.00 vs 60.01, n = 3, bound 2 units.
        let c = compare_sum(r("60.01"), &[r("10.00"), r("20.00"), r("30.00")]);
        assert_eq!(c.outcome, Outcome::Rounding);
        let c = compare_sum(r("60.02"), &[r("10.00"), r("20.00"), r("30.00")]);
        assert_eq!(c.outcome, Outcome::Unusual);
        let c = compare_sum(r("60.03"), &[r("10.00"), r("20.00"), r("30.00")]);
        assert_eq!(c.outcome, Outcome::Mismatch);
    }

    #[test]
    fn same_figure_one_unit_is_rounding() {
        assert_eq!(
            compare_same(r("1.01"), r("1.00")).outcome,
            Outcome::Rounding
        );
        assert_eq!(
            compare_same(r("1.02"), r("1.00")).outcome,
            Outcome::Mismatch
        );
    }

    #[test]
    fn twelve_children_two_units_is_info() {
        let kids: Vec<Num> = (0..12).map(|_| r("1.00")).collect();
        assert_eq!(compare_sum(r("12.02"), &kids).outcome, Outcome::Rounding);
        assert_eq!(compare_sum(r("12.05"), &kids).outcome, Outcome::Unusual);
        assert_eq!(compare_sum(r("12.07"), &kids).outcome, Outcome::Mismatch);
    }

    #[test]
    fn percent_intervals() {
        // 45.67 ÷ 123.45: R = [36.989, 37.000]
        let (o, _) = check_percent(
            r("45.67"),
            r("123.45"),
            Decimal::from_str("36.99").unwrap(),
            2,
        );
        assert_eq!(o, PercentOutcome::Pass);
        let (o, _) = check_percent(
            r("45.67"),
            r("123.45"),
            Decimal::from_str("37.00").unwrap(),
            2,
        );
        assert_eq!(o, PercentOutcome::Pass);
        let (o, _) = check_percent(
            r("45.67"),
            r("123.45"),
            Decimal::from_str("36.97").unwrap(),
            2,
        );
        assert_eq!(o, PercentOutcome::Mismatch);
        // exact: 20000 / 30000 = 66.6667 %
        let (o, _) = check_percent(
            x("20000.00"),
            x("30000.00"),
            Decimal::from_str("66.67").unwrap(),
            2,
        );
        assert_eq!(o, PercentOutcome::Pass);
        let (o, _) = check_percent(
            x("20000.00"),
            x("30000.00"),
            Decimal::from_str("66.66").unwrap(),
            2,
        );
        assert_eq!(o, PercentOutcome::Truncated);
        let (o, _) = check_percent(x("1.00"), x("0.00"), Decimal::from_str("100").unwrap(), 0);
        assert_eq!(o, PercentOutcome::Undefined);
    }
}
