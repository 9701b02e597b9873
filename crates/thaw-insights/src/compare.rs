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
    #[cfg(test)]
    pub fn of(values: &DayValues, is_with: impl Fn(Date) -> bool) -> Self {
        let by_value = ByValue::new(values);
        let with: Vec<bool> = by_value.days.iter().map(|&day| is_with(day)).collect();
        Self::split(&by_value, &with)
    }

    /// Splits the day values by `with` (one flag per day of
    /// `values.days`, see [`flags`]) and compares the two sides.
    pub fn split(values: &ByValue, with: &[bool]) -> Self {
        // In order of value, so each side comes out sorted, as the
        // statistics need it.
        let mut with_values = Vec::new();
        let mut without_values = Vec::with_capacity(values.order.len());
        for &i in &values.order {
            let value = values.values[i];
            if with.get(i).copied().unwrap_or(false) {
                with_values.push(value);
            } else {
                without_values.push(value);
            }
        }
        let diff = match (
            stats::mean_of_sorted(&with_values),
            stats::mean_of_sorted(&without_values),
        ) {
            (Some(a), Some(b)) => Some(a - b),
            _ => None,
        };
        let ci95 = if with_values.len() >= MIN_DAYS_PER_SIDE
            && without_values.len() >= MIN_DAYS_PER_SIDE
        {
            stats::welch_interval_of_sorted(&with_values, &without_values)
        } else {
            None
        };
        Self {
            days_with: with_values.len(),
            days_without: without_values.len(),
            diff,
            ci95,
        }
    }

    /// True when both sides have at least [`MIN_DAYS_PER_SIDE`] days.
    pub fn enough_data(&self) -> bool {
        self.days_with >= MIN_DAYS_PER_SIDE && self.days_without >= MIN_DAYS_PER_SIDE
    }
}

/// Day values laid out for many comparisons: the days oldest first, and
/// the order of their values, found once.
#[derive(Debug, Clone)]
pub(crate) struct ByValue {
    /// The days, oldest first.
    pub days: Vec<Date>,
    /// Each day's value, in the order of `days`.
    pub values: Vec<f64>,
    /// Places in `days`, by increasing value ([`f64::total_cmp`]).
    pub order: Vec<usize>,
}

impl ByValue {
    pub fn new(values: &DayValues) -> Self {
        let (days, values): (Vec<Date>, Vec<f64>) = values.iter().map(|(&d, &v)| (d, v)).unzip();
        let mut order: Vec<usize> = (0..values.len()).collect();
        order.sort_unstable_by(|&a, &b| values[a].total_cmp(&values[b]));
        Self {
            days,
            values,
            order,
        }
    }
}

/// For each of `days` (oldest first), whether it is one of `marked`
/// (oldest first too): both are walked together.
pub(crate) fn flags(days: &[Date], marked: impl IntoIterator<Item = Date>) -> Vec<bool> {
    let mut out = vec![false; days.len()];
    let mut at = 0;
    for day in marked {
        at += days[at..].partition_point(|&d| d < day);
        match days.get(at) {
            Some(&d) if d == day => out[at] = true,
            Some(_) => {}
            None => break,
        }
    }
    out
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
