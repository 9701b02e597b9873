//! The few statistics the insights need, over plain `f64` slices: mean,
//! sample variance, median, median absolute deviation, Welch's and
//! Student's t intervals, and the Theil–Sen slope with Sen's interval.
//!
//! Everything here is exact (no sampling, no approximations beyond the
//! quantile functions, which come from `statrs`) and returns `None` when a
//! quantity is undefined, so no caller ever sees a NaN. Nothing here knows
//! about days, ratings or check-ins; [`crate::compare`] and the section
//! modules give these numbers their meaning.
//!
//! Results are independent of the order of the input: functions that sum
//! non-integer values sort a copy first.

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

/// The two-sided 95% level used for every interval.
const UPPER_TAIL: f64 = 0.975;

/// The arithmetic mean, `None` for an empty slice.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    Some(sorted.iter().sum::<f64>() / sorted.len() as f64)
}

/// The sample variance (divisor `n - 1`), `None` below two values.
pub fn sample_variance(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let m = mean(values)?;
    let mut squares: Vec<f64> = values.iter().map(|v| (v - m) * (v - m)).collect();
    squares.sort_unstable_by(f64::total_cmp);
    Some(squares.iter().sum::<f64>() / (values.len() - 1) as f64)
}

/// The median (the mean of the two middle values for an even count),
/// `None` for an empty slice.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    median_in_place(&mut sorted)
}

/// The median of `values`, reordering them (linear time).
fn median_in_place(values: &mut [f64]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let upper = nth_smallest(values, n / 2);
    if n % 2 == 1 {
        return Some(upper);
    }
    let lower = nth_smallest(values, n / 2 - 1);
    Some((lower + upper) / 2.0)
}

/// The `k`-th smallest value (0-based) of a non-empty slice, which is
/// reordered. Callers guarantee `k < values.len()`.
fn nth_smallest(values: &mut [f64], k: usize) -> f64 {
    let k = k.min(values.len().saturating_sub(1));
    let (_, nth, _) = values.select_nth_unstable_by(k, f64::total_cmp);
    *nth
}

/// The median and the median absolute deviation from it (unscaled),
/// `None` for an empty slice.
pub fn median_and_mad(values: &[f64]) -> Option<(f64, f64)> {
    let center = median(values)?;
    let mut deviations: Vec<f64> = values.iter().map(|v| (v - center).abs()).collect();
    let mad = median_in_place(&mut deviations)?;
    Some((center, mad))
}

/// The 97.5% quantile of Student's t with `df` degrees of freedom.
pub fn t_quantile_975(df: f64) -> Option<f64> {
    if !(df.is_finite() && df > 0.0) {
        return None;
    }
    let t = StudentsT::new(0.0, 1.0, df).ok()?;
    let q = t.inverse_cdf(UPPER_TAIL);
    q.is_finite().then_some(q)
}

/// The 2.5% quantile of the standard normal distribution (about −1.96).
fn normal_quantile_025() -> Option<f64> {
    let normal = Normal::new(0.0, 1.0).ok()?;
    let q = normal.inverse_cdf(1.0 - UPPER_TAIL);
    q.is_finite().then_some(q)
}

/// Welch's 95% interval for `mean(a) - mean(b)`:
/// `d ± t(0.975, ν) · sqrt(s_a²/n_a + s_b²/n_b)` with sample variances and
/// the Welch–Satterthwaite `ν`; `[d, d]` when both sides have no variance.
/// `None` when either side has fewer than two values.
pub fn welch_interval(a: &[f64], b: &[f64]) -> Option<[f64; 2]> {
    let d = mean(a)? - mean(b)?;
    let (n_a, n_b) = (a.len() as f64, b.len() as f64);
    let share_a = sample_variance(a)? / n_a;
    let share_b = sample_variance(b)? / n_b;
    let se_squared = share_a + share_b;
    if se_squared == 0.0 {
        return Some([d, d]);
    }
    let df = se_squared * se_squared
        / (share_a * share_a / (n_a - 1.0) + share_b * share_b / (n_b - 1.0));
    let half = t_quantile_975(df)? * se_squared.sqrt();
    Some([d - half, d + half])
}

/// Student's t 95% interval for the mean of `values`:
/// `m ± t(0.975, n − 1) · s / √n`; `[m, m]` when `s = 0`. `None` below two
/// values.
pub fn mean_interval(values: &[f64]) -> Option<[f64; 2]> {
    let m = mean(values)?;
    let variance = sample_variance(values)?;
    if variance == 0.0 {
        return Some([m, m]);
    }
    let n = values.len() as f64;
    let half = t_quantile_975(n - 1.0)? * (variance / n).sqrt();
    Some([m - half, m + half])
}

/// A Theil–Sen fit: the median pairwise slope and Sen's 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TheilSen {
    pub slope: f64,
    pub low: f64,
    pub high: f64,
}

/// The Theil–Sen slope of `y` against `x` with Sen's (1968) 95% interval,
/// computed exactly as `scipy.stats.theilslopes(y, x, alpha=0.95)` does:
///
/// - slopes `(y_i − y_j) / (x_i − x_j)` over the pairs with `x_i > x_j`;
///   the slope is their median;
/// - `σ² = (n(n−1)(2n+5) − Σ_x t(t−1)(2t+5) − Σ_y t(t−1)(2t+5)) / 18`,
///   where `t` runs over the sizes of groups of exactly equal values in
///   `x` and in `y` (the tie correction of scipy's `_find_repeats`);
/// - with `z = Φ⁻¹(0.025)` and `N` slopes, the bounds are the sorted slopes
///   at `max(round((N + zσ)/2) − 1, 0)` and `min(round((N − zσ)/2), N − 1)`,
///   rounding half to even like `np.round`.
///
/// `None` with fewer than two points, when all `x` are equal, or when the
/// variance comes out negative (only possible with ties in `x`, where scipy
/// reports NaN bounds).
pub fn theil_sen(points: &[(f64, f64)]) -> Option<TheilSen> {
    let n = points.len();
    if n < 2 {
        return None;
    }
    let mut slopes = Vec::with_capacity(n * (n - 1) / 2);
    for (i, &(x_i, y_i)) in points.iter().enumerate() {
        for &(x_j, y_j) in points.iter().skip(i + 1) {
            if x_i > x_j {
                slopes.push((y_i - y_j) / (x_i - x_j));
            } else if x_j > x_i {
                slopes.push((y_j - y_i) / (x_j - x_i));
            }
        }
    }
    if slopes.is_empty() {
        return None;
    }
    let slope = median_in_place(&mut slopes)?;

    let xs: Vec<f64> = points.iter().map(|p| p.0).collect();
    let ys: Vec<f64> = points.iter().map(|p| p.1).collect();
    let n_f = n as f64;
    let sigma_squared = (1.0 / 18.0)
        * (n_f * (n_f - 1.0) * (2.0 * n_f + 5.0) - tie_correction(&xs) - tie_correction(&ys));
    if sigma_squared.is_nan() || sigma_squared < 0.0 {
        return None;
    }
    let sigma = sigma_squared.sqrt();
    let z = normal_quantile_025()?;
    let count = slopes.len() as f64;
    let last = slopes.len() - 1;
    let upper_rank = ((count - z * sigma) / 2.0).round_ties_even();
    let lower_rank = ((count + z * sigma) / 2.0).round_ties_even() - 1.0;
    let upper_index = rank_to_index(upper_rank).min(last);
    let lower_index = rank_to_index(lower_rank).min(last);
    let low = nth_smallest(&mut slopes, lower_index);
    let high = nth_smallest(&mut slopes, upper_index);
    Some(TheilSen { slope, low, high })
}

/// A non-negative rank as an index (negative ranks clamp to 0, as scipy's
/// `max(…, 0)` does).
fn rank_to_index(rank: f64) -> usize {
    if rank <= 0.0 {
        0
    } else {
        // A rank is at most the number of slopes, which fits in usize.
        rank as usize
    }
}

/// `Σ t(t−1)(2t+5)` over the groups of exactly equal values.
fn tie_correction(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    sorted
        .chunk_by(|a, b| a == b)
        .map(|group| group.len() as f64)
        .filter(|&t| t > 1.0)
        .map(|t| t * (t - 1.0) * (2.0 * t + 5.0))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn mad_is_the_median_distance_from_the_median() {
        // median 3; deviations 2, 1, 0, 1, 6 -> 1
        assert_eq!(median_and_mad(&[1.0, 2.0, 3.0, 4.0, 9.0]), Some((3.0, 1.0)));
    }

    #[test]
    fn variance_needs_two_values() {
        assert_eq!(sample_variance(&[1.0]), None);
        assert_eq!(sample_variance(&[1.0, 3.0]), Some(2.0));
    }

    /// scipy.stats.t.ppf(0.975, df) for a range of df, including the
    /// non-integer ones Welch's ν produces.
    #[test]
    fn t_quantiles_match_scipy() {
        let table = [
            (1.0, 12.706204736174694),
            (1.5, 6.016663104427929),
            (2.0, 4.302652729749462),
            (2.5, 3.5746548420036817),
            (3.0, 3.1824463052837078),
            (4.0, 2.7764451051977934),
            (4.7, 2.62072607535317),
            (8.0, 2.306004135204166),
            (10.0, 2.228138851986274),
            (17.3, 2.1070320037534676),
            (30.0, 2.0422724563012378),
            (100.0, 1.9839715185235518),
            (1000.0, 1.9623390808264083),
            (20000.0, 1.9600826051581348),
        ];
        for (df, expected) in table {
            let got = t_quantile_975(df).unwrap();
            assert!(close(got, expected, 1e-9), "df {df}: {got} vs {expected}");
        }
        // Past ~20,000 degrees of freedom (a window of 55 years) statrs
        // drifts by about 1e-5, still far below anything a person reads.
        let far = t_quantile_975(100000.0).unwrap();
        assert!(close(far, 1.9599877075346095, 1e-4), "{far}");
        assert_eq!(t_quantile_975(0.0), None);
        assert_eq!(t_quantile_975(f64::NAN), None);
    }

    #[test]
    fn normal_quantile_matches_scipy() {
        let z = normal_quantile_025().unwrap();
        assert!(close(z, -1.9599639845400545, 1e-12), "{z}");
    }

    #[test]
    fn welch_without_variance_is_a_point() {
        assert_eq!(
            welch_interval(&[5.0, 5.0, 5.0], &[3.0, 3.0]),
            Some([2.0, 2.0])
        );
        assert_eq!(welch_interval(&[5.0], &[3.0, 3.0]), None);
    }

    #[test]
    fn welch_matches_a_hand_computation() {
        // a: mean 2, var 1; b: mean 5, var 2.5 (ν = 5.88…)
        let a = [1.0, 2.0, 3.0];
        let b = [3.0, 4.0, 5.0, 6.0, 7.0];
        let [lo, hi] = welch_interval(&a, &b).unwrap();
        let se = (1.0f64 / 3.0 + 2.5 / 5.0).sqrt();
        let df = (1.0f64 / 3.0 + 0.5).powi(2) / ((1.0f64 / 3.0).powi(2) / 2.0 + 0.25 / 4.0);
        let t = t_quantile_975(df).unwrap();
        assert!(close(lo, -3.0 - t * se, 1e-12) && close(hi, -3.0 + t * se, 1e-12));
    }

    #[test]
    fn theil_sen_of_a_line_is_its_slope() {
        let points: Vec<(f64, f64)> = (0..10)
            .map(|i| (f64::from(i), 2.0 * f64::from(i) + 1.0))
            .collect();
        let fit = theil_sen(&points).unwrap();
        assert_eq!((fit.slope, fit.low, fit.high), (2.0, 2.0, 2.0));
    }

    /// `scipy.stats.theilslopes([1, 3, 2, 5, 4, 4, 7], [0, 1, 2, 3, 4, 6, 9])`
    /// = slope 0.5, low 0.0, high 1.0.
    #[test]
    fn theil_sen_matches_scipy_with_ties_in_y() {
        let x = [0.0, 1.0, 2.0, 3.0, 4.0, 6.0, 9.0];
        let y = [1.0, 3.0, 2.0, 5.0, 4.0, 4.0, 7.0];
        let points: Vec<(f64, f64)> = x.into_iter().zip(y).collect();
        let fit = theil_sen(&points).unwrap();
        assert!(close(fit.slope, 0.5, 1e-12), "{fit:?}");
        assert!(close(fit.low, 0.0, 1e-12), "{fit:?}");
        assert!(close(fit.high, 1.0, 1e-12), "{fit:?}");
    }

    #[test]
    fn theil_sen_needs_two_distinct_x() {
        assert_eq!(theil_sen(&[(1.0, 2.0)]), None);
        assert_eq!(theil_sen(&[(1.0, 2.0), (1.0, 3.0)]), None);
    }
}
