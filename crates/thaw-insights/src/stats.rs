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
    mean_of_sorted(&sorted(values))
}

/// The sample variance (divisor `n - 1`), `None` below two values.
pub fn sample_variance(values: &[f64]) -> Option<f64> {
    variance_of_sorted(&sorted(values))
}

/// A sorted copy of `values`.
fn sorted(values: &[f64]) -> Vec<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    sorted
}

/// [`mean`] of values already sorted by [`f64::total_cmp`]: their sum in
/// that order. (Equal values have equal bits, so which of them comes first
/// never changes the sum.)
pub(crate) fn mean_of_sorted(sorted: &[f64]) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    debug_assert!(sorted.is_sorted_by(|a, b| a.total_cmp(b).is_le()));
    Some(sorted.iter().sum::<f64>() / sorted.len() as f64)
}

/// [`sample_variance`] of values already sorted by [`f64::total_cmp`]:
/// the squared deviations from the mean, summed in increasing order.
pub(crate) fn variance_of_sorted(sorted: &[f64]) -> Option<f64> {
    if sorted.len() < 2 {
        return None;
    }
    let m = mean_of_sorted(sorted)?;
    let squares = sorted_squares(sorted, m);
    Some(squares.iter().sum::<f64>() / (sorted.len() - 1) as f64)
}

/// `(v − m)²` for the sorted `values`, in increasing order. Rounding is
/// monotone, so the squares fall up to the first value at or above `m`
/// and rise from there: merging the two runs sorts them in linear time.
fn sorted_squares(values: &[f64], m: f64) -> Vec<f64> {
    let square = |v: f64| (v - m) * (v - m);
    let split = values.partition_point(|&v| v < m);
    let (falling, rising) = values.split_at(split);
    let mut out = Vec::with_capacity(values.len());
    let mut left = falling.iter().rev().map(|&v| square(v)).peekable();
    let mut right = rising.iter().map(|&v| square(v)).peekable();
    loop {
        let next = match (left.peek(), right.peek()) {
            (Some(a), Some(b)) if a.total_cmp(b).is_le() => left.next(),
            (Some(_), Some(_)) => right.next(),
            (Some(_), None) => left.next(),
            (None, _) => right.next(),
        };
        match next {
            Some(x) => out.push(x),
            None => break,
        }
    }
    // Only NaN could break the order (a sort puts it last); fall back then.
    if !out.is_sorted_by(|a, b| a.total_cmp(b).is_le()) {
        out.sort_unstable_by(f64::total_cmp);
    }
    out
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
    median_and_mad_in_place(&mut values.to_vec())
}

/// [`median_and_mad`], reordering `values` and overwriting them with the
/// deviations (no allocation).
pub(crate) fn median_and_mad_in_place(values: &mut [f64]) -> Option<(f64, f64)> {
    let center = median_in_place(values)?;
    for v in values.iter_mut() {
        *v = (*v - center).abs();
    }
    let mad = median_in_place(values)?;
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
    welch_interval_of_sorted(&sorted(a), &sorted(b))
}

/// [`welch_interval`] of two sides already sorted by [`f64::total_cmp`].
pub(crate) fn welch_interval_of_sorted(a: &[f64], b: &[f64]) -> Option<[f64; 2]> {
    let d = mean_of_sorted(a)? - mean_of_sorted(b)?;
    let (n_a, n_b) = (a.len() as f64, b.len() as f64);
    let share_a = variance_of_sorted(a)? / n_a;
    let share_b = variance_of_sorted(b)? / n_b;
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
///
/// The answer is exact: the three order statistics of the very same slope
/// values scipy sorts. Only how they are found is faster: see
/// [`PairSlopes::order_statistics`].
pub fn theil_sen(points: &[(f64, f64)]) -> Option<TheilSen> {
    let n = points.len();
    if n < 2 {
        return None;
    }
    let pairs = PairSlopes::new(points);
    if pairs.count == 0 {
        return None;
    }

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
    let count = pairs.count as f64;
    let last = pairs.count - 1;
    let upper_rank = ((count - z * sigma) / 2.0).round_ties_even();
    let lower_rank = ((count + z * sigma) / 2.0).round_ties_even() - 1.0;
    let upper_index = rank_to_index(upper_rank).min(last);
    let lower_index = rank_to_index(lower_rank).min(last);
    let (median_low, median_high) = if pairs.count % 2 == 1 {
        (pairs.count / 2, pairs.count / 2)
    } else {
        (pairs.count / 2 - 1, pairs.count / 2)
    };

    let ranks = [lower_index, median_low, median_high, upper_index];
    let [low, below_median, above_median, high] = pairs.order_statistics(ranks);
    let slope = if median_low == median_high {
        above_median
    } else {
        (below_median + above_median) / 2.0
    };
    Some(TheilSen { slope, low, high })
}

/// Below this many slopes they are simply all kept and selected from.
const SMALL_SLOPE_COUNT: usize = 1 << 16;
/// How many slopes the large case samples to bracket the ranks it needs.
const SLOPE_SAMPLE: usize = 1 << 14;

/// The pairwise slopes of a set of points, enumerated without storing them
/// all: the points sorted by `x`, so that every pair with `x_j > x_i` is
/// `i < j` with `j` at or past the first point whose `x` exceeds `x_i`.
struct PairSlopes {
    /// The `x` of the points with a comparable (non-NaN) `x`, sorted.
    xs: Vec<f64>,
    /// Their `y`, in the same order.
    ys: Vec<f64>,
    /// For each sorted point `i`, the first `j` with `x_j > x_i`.
    first_greater: Vec<usize>,
    /// How many pairs (slopes) there are.
    count: usize,
}

impl PairSlopes {
    fn new(points: &[(f64, f64)]) -> Self {
        // A NaN `x` is neither greater nor smaller than any other: its
        // point makes no slope, as in the pairwise definition.
        let mut sorted: Vec<(f64, f64)> =
            points.iter().copied().filter(|p| !p.0.is_nan()).collect();
        sorted.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        let m = sorted.len();
        let mut first_greater = vec![m; m];
        let mut j = 0;
        let mut count = 0;
        for (i, &(x_i, _)) in sorted.iter().enumerate() {
            // Sorted, so the points equal to x_i (−0 and +0 included) are
            // contiguous and every later point is greater.
            j = j.max(i + 1);
            while j < m && sorted[j].0 <= x_i {
                j += 1;
            }
            first_greater[i] = j;
            count += m - j;
        }
        Self {
            xs: sorted.iter().map(|p| p.0).collect(),
            ys: sorted.iter().map(|p| p.1).collect(),
            first_greater,
            count,
        }
    }

    /// The slopes of the sorted point `i` with every later point with a
    /// greater `x`, written into `row`.
    ///
    /// The slope of a pair is `(y_hi − y_lo) / (x_hi − x_lo)` with `hi` the
    /// point with the greater `x`: bit for bit the value the pairwise
    /// definition computes in either order, since IEEE subtraction and
    /// division are exactly antisymmetric.
    fn row<'r>(&self, i: usize, row: &'r mut Vec<f64>) -> &'r [f64] {
        let (x_i, y_i) = (self.xs[i], self.ys[i]);
        let from = self.first_greater[i];
        row.clear();
        row.extend(
            self.xs[from..]
                .iter()
                .zip(&self.ys[from..])
                .map(|(&x_j, &y_j)| (y_j - y_i) / (x_j - x_i)),
        );
        row
    }

    /// Every slope, in no particular order.
    fn all(&self) -> Vec<f64> {
        let mut slopes = Vec::with_capacity(self.count);
        let mut row = Vec::with_capacity(self.xs.len());
        for i in 0..self.xs.len() {
            slopes.extend_from_slice(self.row(i, &mut row));
        }
        slopes
    }

    /// The slope at the `k`-th place of the sorted slopes (0-based, in
    /// [`f64::total_cmp`] order, like a sort), for each `k` of `ranks`,
    /// which are all below `self.count`.
    ///
    /// Storing millions of slopes and selecting three times from them
    /// dominated the time for long windows, so for many slopes only the
    /// few percent that can hold the wanted ranks are kept: a fixed
    /// (deterministic) sample of slopes gives a bracket `[a, b]` that very
    /// likely holds them; one pass over all pairs counts the slopes below
    /// `a` and keeps those in the bracket; the wanted ranks are then
    /// selected among the kept ones. The pass checks that the bracket does
    /// hold every wanted rank; when the sample was unlucky, every slope is
    /// kept instead. Either way the answer is the exact order statistic.
    fn order_statistics<const K: usize>(&self, ranks: [usize; K]) -> [f64; K] {
        if self.count <= SMALL_SLOPE_COUNT {
            return select_ranks(&mut self.all(), 0, ranks);
        }
        let (below_key, above_key, share) = self.bracket(&ranks);
        // Room for the slopes the sample expects in the bracket, and some.
        let room = (share * 1.25 * self.count as f64) as usize + self.xs.len();
        self.select_in_bracket(below_key, above_key, ranks, room.min(self.count))
            .unwrap_or_else(|| select_ranks(&mut self.all(), 0, ranks))
    }

    /// The order statistics of `ranks`, from one pass that keeps only the
    /// slopes whose order key is in `below_key ..= above_key` (with room
    /// for `room` of them to start with); `None` when that bracket does
    /// not hold all of them.
    fn select_in_bracket<const K: usize>(
        &self,
        below_key: i64,
        above_key: i64,
        ranks: [usize; K],
        room: usize,
    ) -> Option<[f64; K]> {
        // Zeroed memory from the allocator: pages the pass never reaches
        // are never touched.
        let mut kept: Vec<f64> = vec![0.0; room];
        let mut len = 0;
        let mut below = 0;
        let mut row = Vec::with_capacity(self.xs.len());
        for i in 0..self.xs.len() {
            let slopes = self.row(i, &mut row);
            if kept.len() < len + slopes.len() {
                kept.resize((2 * kept.len()).max(len + slopes.len()), 0.0);
            }
            let (row_below, row_kept) = keep_bracketed(
                slopes,
                below_key,
                above_key,
                &mut kept[len..len + slopes.len()],
            );
            below += row_below;
            len += row_kept;
        }
        kept.truncate(len);
        let lowest = ranks.iter().copied().min()?;
        let highest = ranks.iter().copied().max()?;
        (below <= lowest && highest < below + len).then(|| select_ranks(&mut kept, below, ranks))
    }

    /// Order keys `[a, b]` of a bracket that most likely holds the slopes
    /// of every rank in `ranks`, from a deterministic sample of pairs, and
    /// the share of the sample in it.
    fn bracket(&self, ranks: &[usize]) -> (i64, i64, f64) {
        let lowest = ranks.iter().copied().min().unwrap_or(0);
        let highest = ranks.iter().copied().max().unwrap_or(0);
        let m = self.xs.len() as u64;
        let mut state: u64 = 0x853c_49e6_748f_ea9b;
        let mut sample = Vec::with_capacity(SLOPE_SAMPLE);
        // Pairs of distinct points chosen uniformly; pairs with equal x
        // make no slope and are skipped (enough remain: count > 0).
        let mut tries = 0;
        while sample.len() < SLOPE_SAMPLE && tries < 8 * SLOPE_SAMPLE {
            tries += 1;
            let a = (split_mix(&mut state) % m) as usize;
            let b = (split_mix(&mut state) % m) as usize;
            let (i, j) = (a.min(b), a.max(b));
            if j >= self.first_greater[i] {
                let (x_i, y_i) = (self.xs[i], self.ys[i]);
                let (x_j, y_j) = (self.xs[j], self.ys[j]);
                sample.push((y_j - y_i) / (x_j - x_i));
            }
        }
        if sample.is_empty() {
            return (i64::MIN, i64::MAX, 1.0);
        }
        let total = self.count as f64;
        let size = sample.len() as f64;
        // The sample rank of a slope ranked r is about r/N·S, give or take
        // √(S·p(1−p)); six of those (and a few places) either side make
        // missing the bracket a one-in-a-billion event.
        let place = |rank: usize, side: f64| {
            let p = rank as f64 / total;
            let spread = 6.0 * (size * p * (1.0 - p)).sqrt() + 8.0;
            let at = (p * size + side * spread).floor();
            // Past either end of the sample: no bound on that side.
            (0.0..size).contains(&at).then_some(at as usize)
        };
        let (below_at, above_at) = (place(lowest, -1.0), place(highest, 1.0));
        let [below, above] = select_ranks(
            &mut sample,
            0,
            [below_at.unwrap_or(0), above_at.unwrap_or(0)],
        );
        let below_key = below_at.map_or(i64::MIN, |_| order_key(below));
        let above_key = above_at.map_or(i64::MAX, |_| order_key(above));
        let places = above_at.unwrap_or(sample.len() - 1) + 1 - below_at.unwrap_or(0);
        (below_key, above_key, places as f64 / size)
    }
}

/// Counts the `slopes` whose order key is below `below_key`, and copies
/// those with a key in `below_key ..= above_key` to the start of `out`
/// (as long as `slopes`); answers both counts. The hot loop of a long
/// window's trend: millions of slopes, no branch to mispredict.
fn keep_bracketed(
    slopes: &[f64],
    below_key: i64,
    above_key: i64,
    out: &mut [f64],
) -> (usize, usize) {
    let mut below = 0;
    let mut kept = 0;
    // Branch-free: always write, advance only when kept.
    for (&s, i) in slopes.iter().zip(0..out.len()) {
        let key = order_key(s);
        below += usize::from(key < below_key);
        out[kept.min(i)] = s;
        kept += usize::from(below_key <= key && key <= above_key);
    }
    (below, kept)
}

/// One step of the SplitMix64 generator.
fn split_mix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// An integer key ordered exactly like [`f64::total_cmp`].
fn order_key(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

/// The `k − offset`-th smallest values of `values` for each `k` of
/// `ranks` (all in `offset .. offset + values.len()`), selecting in
/// increasing rank order from ever smaller slices: after a selection,
/// everything past the selected place is at least as large, so the next
/// rank is found there.
fn select_ranks<const K: usize>(values: &mut [f64], offset: usize, ranks: [usize; K]) -> [f64; K] {
    let mut order: [usize; K] = std::array::from_fn(|i| i);
    order.sort_unstable_by_key(|&i| ranks[i]);
    let mut out = [0.0; K];
    let mut start = 0;
    let mut previous: Option<(usize, f64)> = None;
    for i in order {
        let k = ranks[i] - offset;
        if let Some((done, value)) = previous {
            if done == k {
                out[i] = value;
                continue;
            }
        }
        let value = nth_smallest(&mut values[start..], k - start);
        out[i] = value;
        previous = Some((k, value));
        start = k + 1;
    }
    out
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

    /// The pairwise definition, stored and selected the plain way (the
    /// implementation before the bracketing pass), to check the fast one
    /// against bit for bit.
    fn theil_sen_plain(points: &[(f64, f64)]) -> Option<TheilSen> {
        let n = points.len();
        let mut slopes = Vec::new();
        for (i, &(x_i, y_i)) in points.iter().enumerate() {
            for &(x_j, y_j) in points.iter().skip(i + 1) {
                if x_i > x_j {
                    slopes.push((y_i - y_j) / (x_i - x_j));
                } else if x_j > x_i {
                    slopes.push((y_j - y_i) / (x_j - x_i));
                }
            }
        }
        if n < 2 || slopes.is_empty() {
            return None;
        }
        slopes.sort_unstable_by(f64::total_cmp);
        let count = slopes.len();
        let slope = if count % 2 == 1 {
            slopes[count / 2]
        } else {
            (slopes[count / 2 - 1] + slopes[count / 2]) / 2.0
        };
        let xs: Vec<f64> = points.iter().map(|p| p.0).collect();
        let ys: Vec<f64> = points.iter().map(|p| p.1).collect();
        let n_f = n as f64;
        let sigma_squared = (1.0 / 18.0)
            * (n_f * (n_f - 1.0) * (2.0 * n_f + 5.0) - tie_correction(&xs) - tie_correction(&ys));
        if sigma_squared.is_nan() || sigma_squared < 0.0 {
            return None;
        }
        let z = normal_quantile_025().unwrap();
        let c = count as f64;
        let upper = rank_to_index(((c - z * sigma_squared.sqrt()) / 2.0).round_ties_even());
        let lower = rank_to_index(((c + z * sigma_squared.sqrt()) / 2.0).round_ties_even() - 1.0);
        Some(TheilSen {
            slope,
            low: slopes[lower.min(count - 1)],
            high: slopes[upper.min(count - 1)],
        })
    }

    fn same_bits(a: Option<TheilSen>, b: Option<TheilSen>) -> bool {
        let bits = |f: Option<TheilSen>| f.map(|f| [f.slope, f.low, f.high].map(f64::to_bits));
        bits(a) == bits(b)
    }

    /// Day-like series: x days (some missing, optionally repeated), y day
    /// means with many ties, a drift and outliers.
    fn series(n: usize, seed: u64, x_ties: bool) -> Vec<(f64, f64)> {
        let mut state = seed;
        let mut points = Vec::with_capacity(n);
        let mut x = 0.0;
        for i in 0..n {
            let r = split_mix(&mut state);
            if !(x_ties && r % 5 == 0) {
                x += 1.0 + (r % 3) as f64;
            }
            let count = 1 + (r >> 8) % 8;
            let sum = (r >> 16) % (10 * count + 1);
            let drift = if seed % 2 == 0 { i as f64 / 200.0 } else { 0.0 };
            let mut y = sum as f64 / count as f64 + drift;
            if (r >> 40) % 97 == 0 {
                y += 40.0;
            }
            points.push((x, y));
        }
        // Not in order: the result must not depend on it.
        points.reverse();
        points.swap(0, n / 2);
        points
    }

    #[test]
    fn theil_sen_equals_the_plain_computation_bit_for_bit() {
        for (n, seed, x_ties) in [
            (2, 1, false),
            (3, 2, true),
            (10, 3, false),
            (57, 4, true),
            (300, 5, false),
            (370, 6, false),
            (371, 7, true),
            (500, 8, false),
            (800, 9, true),
            (1200, 10, false),
            (1500, 11, false),
        ] {
            let points = series(n, seed, x_ties);
            let fast = theil_sen(&points);
            let plain = theil_sen_plain(&points);
            assert!(
                same_bits(fast, plain),
                "n {n} seed {seed}: {fast:?} vs {plain:?}"
            );
        }
    }

    #[test]
    fn theil_sen_handles_equal_x_and_signed_zeros() {
        let points = [(0.0, 1.0), (-0.0, 2.0), (1.0, 0.0), (1.0, -0.0), (2.0, 5.0)];
        assert!(same_bits(theil_sen(&points), theil_sen_plain(&points)));
        let with_nan = [(f64::NAN, 1.0), (0.0, 2.0), (1.0, 4.0), (2.0, 3.0)];
        assert!(same_bits(theil_sen(&with_nan), theil_sen_plain(&with_nan)));
    }

    #[test]
    fn a_bracket_that_misses_a_rank_is_noticed() {
        let points = series(600, 12, false);
        let pairs = PairSlopes::new(&points);
        let mut all = pairs.all();
        all.sort_unstable_by(f64::total_cmp);
        let ranks = [100, pairs.count / 2, pairs.count - 100];
        // Every slope kept: exact.
        let kept = pairs.select_in_bracket(i64::MIN, i64::MAX, ranks, 0);
        assert_eq!(kept, Some(ranks.map(|k| all[k])));
        // A bracket above the lowest rank, or below the highest: refused.
        let median_key = order_key(all[pairs.count / 2]);
        assert_eq!(
            pairs.select_in_bracket(median_key, i64::MAX, ranks, 10),
            None
        );
        assert_eq!(
            pairs.select_in_bracket(i64::MIN, median_key, ranks, 10),
            None
        );
        // A sampled bracket holds ranks near the median and keeps few
        // slopes.
        let half = pairs.count / 2;
        let near = [half - half / 50, half, half + half / 50];
        let (a, b, share) = pairs.bracket(&near);
        assert!(share < 0.2, "{share}");
        let room = (share * pairs.count as f64) as usize;
        assert_eq!(
            pairs.select_in_bracket(a, b, near, room),
            Some(near.map(|k| all[k]))
        );
    }

    #[test]
    fn variances_of_sorted_values_equal_the_plain_computation_bit_for_bit() {
        let mut state = 7;
        for n in [2, 3, 10, 57, 400] {
            let values: Vec<f64> = (0..n)
                .map(|_| {
                    let r = split_mix(&mut state);
                    let count = 1 + r % 8;
                    ((r >> 8) % (10 * count + 1)) as f64 / count as f64 - 3.0
                })
                .collect();
            // The definition: squares of the deviations from the mean,
            // sorted, summed.
            let m = mean(&values).unwrap();
            let mut squares: Vec<f64> = values.iter().map(|v| (v - m) * (v - m)).collect();
            squares.sort_unstable_by(f64::total_cmp);
            let plain = squares.iter().sum::<f64>() / (n - 1) as f64;
            assert_eq!(
                sample_variance(&values).map(f64::to_bits),
                Some(plain.to_bits()),
                "n {n}"
            );
        }
    }

    #[test]
    fn order_keys_order_like_total_cmp() {
        let values = [
            f64::NEG_INFINITY,
            -3.5,
            -0.0,
            0.0,
            1e-300,
            2.0,
            f64::INFINITY,
            f64::NAN,
        ];
        for a in values {
            for b in values {
                assert_eq!(order_key(a).cmp(&order_key(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }

    #[test]
    fn theil_sen_needs_two_distinct_x() {
        assert_eq!(theil_sen(&[(1.0, 2.0)]), None);
        assert_eq!(theil_sen(&[(1.0, 2.0), (1.0, 3.0)]), None);
    }
}
