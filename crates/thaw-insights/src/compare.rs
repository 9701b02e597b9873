//! Days with something versus days without it: the comparison behind the
//! activity, next-day and trigger sections.
//!
//! Only days that have a value for the rating take part. The difference is
//! the mean on days with minus the mean on days without; its interval is
//! Welch's, and only given when each side has at least
//! [`MIN_DAYS_PER_SIDE`] days, because a handful of days says more about
//! chance than about the person.

use jiff::civil::Date;

use crate::days::DayValues;
use crate::stats;

/// The fewest days on each side for an interval (and `enough_data`).
pub const MIN_DAYS_PER_SIDE: usize = 5;

/// One rating compared between days with and days without something.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Comparison {
    pub days_with: usize,
    pub days_without: usize,
    /// `None` when either side is empty.
    pub diff: Option<f64>,
    /// `None` below [`MIN_DAYS_PER_SIDE`] days on either side.
    pub ci95: Option<[f64; 2]>,
}

impl Comparison {
    /// Splits the day values by `is_with` and compares the two sides.
    pub fn of(values: &DayValues, is_with: impl Fn(Date) -> bool) -> Self {
        let mut with = Vec::new();
        let mut without = Vec::new();
        for (&day, &value) in values {
            if is_with(day) {
                with.push(value);
            } else {
                without.push(value);
            }
        }
        let diff = match (stats::mean(&with), stats::mean(&without)) {
            (Some(a), Some(b)) => Some(a - b),
            _ => None,
        };
        let ci95 = if with.len() >= MIN_DAYS_PER_SIDE && without.len() >= MIN_DAYS_PER_SIDE {
            stats::welch_interval(&with, &without)
        } else {
            None
        };
        Self {
            days_with: with.len(),
            days_without: without.len(),
            diff,
            ci95,
        }
    }

    /// True when both sides have at least [`MIN_DAYS_PER_SIDE`] days.
    pub fn enough_data(&self) -> bool {
        self.days_with >= MIN_DAYS_PER_SIDE && self.days_without >= MIN_DAYS_PER_SIDE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(list: &[(&str, f64)]) -> DayValues {
        list.iter().map(|(d, v)| (d.parse().unwrap(), *v)).collect()
    }

    #[test]
    fn an_empty_side_has_no_difference() {
        let v = values(&[("2026-03-01", 4.0), ("2026-03-02", 5.0)]);
        let c = Comparison::of(&v, |_| true);
        assert_eq!(
            (c.days_with, c.days_without, c.diff, c.ci95),
            (2, 0, None, None)
        );
    }

    #[test]
    fn few_days_give_a_difference_but_no_interval() {
        let v = values(&[
            ("2026-03-01", 4.0),
            ("2026-03-02", 6.0),
            ("2026-03-03", 7.0),
        ]);
        let first: Date = "2026-03-01".parse().unwrap();
        let c = Comparison::of(&v, |d| d == first);
        assert_eq!(c.diff, Some(-2.5));
        assert_eq!(c.ci95, None);
        assert!(!c.enough_data());
    }
}
