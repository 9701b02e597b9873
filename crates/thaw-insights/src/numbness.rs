//! Numbness over the window: its usual level (the median), the days that
//! stood out against the weeks before them (spikes), and where it is
//! heading (the Theil–Sen trend).
//!
//! All three are robust on purpose: a few unusual days move a median and a
//! Theil–Sen slope far less than a mean or a least-squares line, and a
//! spike is judged against the person's own recent days, not a norm.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::days::{DayValues, Window, days_before};
use crate::stats;

/// How many calendar days before a day make its baseline for spikes.
pub const SPIKE_BASELINE_DAYS: i64 = 28;
/// The fewest day values in the baseline for a day to be judged.
pub const SPIKE_MIN_BASELINE_VALUES: usize = 7;
/// Scales a MAD to the standard deviation of a normal distribution.
pub const MAD_TO_SD: f64 = 1.4826;
/// The robust z at or above which a day is a spike.
pub const SPIKE_Z: f64 = 2.0;

/// The `numbness` section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumbnessInsight {
    /// The median of the window's day values (`None`: no numbness rating).
    pub baseline_median: Option<f64>,
    pub spikes: Vec<Spike>,
    /// `None` below two days with a value.
    pub trend: Option<Trend>,
}

/// A day whose numbness stood out against the 28 days before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spike {
    pub date: Date,
    pub value: f64,
    pub robust_z: f64,
}

/// The Theil–Sen trend of numbness, per week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    pub slope_per_week: f64,
    /// Sen's 95% interval of the slope, per week.
    pub ci95: [f64; 2],
    pub direction: Direction,
}

/// Which way numbness is heading; `Flat` whenever the interval holds 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Rising,
    Falling,
    Flat,
}

/// The numbness section from the window's day values (`in_window`) and
/// the day values from 28 days before the window through its end
/// (`with_history`).
pub(crate) fn numbness(
    window: &Window,
    in_window: &DayValues,
    with_history: &DayValues,
) -> NumbnessInsight {
    let values: Vec<f64> = in_window.values().copied().collect();
    NumbnessInsight {
        baseline_median: stats::median(&values),
        spikes: spikes(in_window, with_history),
        trend: trend(window, in_window),
    }
}

/// The window's days whose robust z against the 28 days before is ≥ 2.
fn spikes(in_window: &DayValues, with_history: &DayValues) -> Vec<Spike> {
    let mut prior: Vec<f64> = Vec::with_capacity(SPIKE_BASELINE_DAYS as usize);
    in_window
        .iter()
        .filter_map(|(&date, &value)| {
            let start = days_before(date, SPIKE_BASELINE_DAYS)?;
            prior.clear();
            prior.extend(with_history.range(start..date).map(|(_, &v)| v));
            if prior.len() < SPIKE_MIN_BASELINE_VALUES {
                return None;
            }
            let (center, mad) = stats::median_and_mad_in_place(&mut prior)?;
            if mad == 0.0 {
                return None;
            }
            let robust_z = (value - center) / (MAD_TO_SD * mad);
            (robust_z >= SPIKE_Z).then_some(Spike {
                date,
                value,
                robust_z,
            })
        })
        .collect()
}

/// The Theil–Sen slope of the day values against the day number, per week.
fn trend(window: &Window, in_window: &DayValues) -> Option<Trend> {
    let points: Vec<(f64, f64)> = in_window
        .iter()
        .filter_map(|(&date, &value)| Some((window.day_number(date)? as f64, value)))
        .collect();
    let fit = stats::theil_sen(&points)?;
    let ci95 = [fit.low * 7.0, fit.high * 7.0];
    let direction = if ci95[0] <= 0.0 && 0.0 <= ci95[1] {
        Direction::Flat
    } else if fit.slope > 0.0 {
        Direction::Rising
    } else {
        Direction::Falling
    };
    Some(Trend {
        slope_per_week: fit.slope * 7.0,
        ci95,
        direction,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(first: &str, values: &[f64]) -> DayValues {
        let start: Date = first.parse().unwrap();
        values
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                (
                    start.checked_add(jiff::Span::new().days(i as i64)).unwrap(),
                    v,
                )
            })
            .collect()
    }

    #[test]
    fn a_day_needs_seven_prior_values_to_be_judged() {
        let six = series("2026-03-01", &[1.0, 2.0, 3.0, 2.0, 1.0, 2.0, 10.0]);
        assert!(spikes(&six, &six).is_empty());
        // Baseline 1, 2, 3, 2, 1, 2, 3: median 2, MAD 1.
        let seven = series("2026-03-01", &[1.0, 2.0, 3.0, 2.0, 1.0, 2.0, 3.0, 10.0]);
        let found = spikes(&seven, &seven);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].date.to_string(), "2026-03-08");
        assert!((found[0].robust_z - 8.0 / 1.4826).abs() < 1e-12);
    }

    #[test]
    fn a_flat_baseline_is_not_judged() {
        let all = series("2026-03-01", &[3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 9.0]);
        assert!(spikes(&all, &all).is_empty());
    }

    #[test]
    fn days_older_than_28_days_are_not_in_the_baseline() {
        let mut all = series("2026-01-01", &[1.0, 2.0, 3.0, 2.0, 1.0, 2.0, 3.0]);
        let today: Date = "2026-03-01".parse().unwrap();
        all.insert(today, 10.0);
        let window: DayValues = [(today, 10.0)].into_iter().collect();
        assert!(spikes(&window, &all).is_empty());
    }

    #[test]
    fn a_steady_rise_is_rising() {
        let days = series(
            "2026-03-01",
            &[1.0, 2.0, 2.0, 3.0, 4.0, 4.0, 5.0, 6.0, 6.0, 7.0],
        );
        let window = Window::ending("2026-03-10".parse().unwrap(), 10);
        let t = trend(&window, &days).unwrap();
        assert_eq!(t.direction, Direction::Rising);
        assert!(t.slope_per_week > 0.0 && t.ci95[0] > 0.0);
    }

    #[test]
    fn one_day_has_no_trend() {
        let days = series("2026-03-10", &[4.0]);
        let window = Window::ending("2026-03-10".parse().unwrap(), 10);
        assert_eq!(trend(&window, &days), None);
    }
}
