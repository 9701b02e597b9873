//! Days: the window of calendar days the insights look at, and day values.
//!
//! A day is a calendar date in the person's time zone, and the day of an
//! entry is the date its instant falls on there ([`Moment::local_date`]),
//! whatever offset it was recorded at. So a check-in at 23:45 in New York
//! belongs to that evening's date even though it is already the next day
//! in UTC, and a DST change never moves an entry to another day.
//!
//! A day's value for a rating is the mean of that day's non-missing
//! ratings: a day with five check-ins weighs the same as a day with one.
//! Everything else in this crate is computed from day values, never from
//! raw check-ins.
//!
//! [`Moment::local_date`]: thaw_core::Moment::local_date

use std::collections::BTreeMap;

use jiff::Span;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use thaw_core::{Checkin, Moment, Rating};

/// Day values of one rating, by date, oldest first.
pub type DayValues = BTreeMap<Date, f64>;

/// The N calendar days ending on (and including) a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The first day, `to − (N − 1)` (for N = 0, the day after `to`).
    pub from: Date,
    /// The last day.
    pub to: Date,
    days: u32,
}

impl Window {
    /// The `days` calendar days ending on `until`. A window reaching past
    /// the earliest date the calendar supports starts there instead; a
    /// window of 0 days contains no day.
    pub fn ending(until: Date, days: u32) -> Self {
        let from = match days {
            0 => until.tomorrow().unwrap_or(until),
            n => days_before(until, i64::from(n) - 1).unwrap_or(Date::MIN),
        };
        Self {
            from,
            to: until,
            days,
        }
    }

    /// True when `day` is one of the window's days.
    pub fn contains(&self, day: Date) -> bool {
        self.days > 0 && self.from <= day && day <= self.to
    }

    /// Days since the window's first day (0 for `from`).
    pub fn day_number(&self, day: Date) -> Option<i64> {
        self.from
            .until(day)
            .ok()
            .map(|span| i64::from(span.get_days()))
    }
}

/// The day `n` days before `day`, if the calendar has it.
pub(crate) fn days_before(day: Date, n: i64) -> Option<Date> {
    let span = Span::new().try_days(n).ok()?;
    day.checked_sub(span).ok()
}

/// The day of `at` in `tz`: exactly [`Moment::local_date`], without
/// building a zoned time (no copy of the time zone).
///
/// [`Moment::local_date`]: thaw_core::Moment::local_date
pub(crate) fn local_day(at: &Moment, tz: &TimeZone) -> Date {
    tz.to_datetime(at.timestamp()).date()
}

/// The ratings a check-in can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    Mood,
    Numbness,
    Energy,
    Pleasure,
    Connection,
}

impl Measure {
    /// This rating in a check-in, if given.
    pub fn of(self, checkin: &Checkin) -> Option<Rating> {
        match self {
            Measure::Mood => checkin.mood,
            Measure::Numbness => checkin.numbness,
            Measure::Energy => checkin.energy,
            Measure::Pleasure => checkin.pleasure,
            Measure::Connection => checkin.connection,
        }
    }
}

/// The day values of `measure` for the days `from ..= to` in `tz` that
/// have at least one such rating.
pub fn day_values(
    checkins: &[Checkin],
    tz: &TimeZone,
    measure: Measure,
    from: Date,
    to: Date,
) -> DayValues {
    let dated: Vec<Dated<'_>> = checkins
        .iter()
        .map(|checkin| Dated {
            day: local_day(&checkin.at, tz),
            checkin,
        })
        .filter(|d| from <= d.day && d.day <= to)
        .collect();
    values_by_day(&dated, measure, |_| true)
}

/// A check-in with its day, computed once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dated<'a> {
    pub day: Date,
    pub checkin: &'a Checkin,
}

/// Day values of `measure` over the dated check-ins whose day passes
/// `keep`.
pub(crate) fn values_by_day(
    dated: &[Dated<'_>],
    measure: Measure,
    keep: impl Fn(Date) -> bool,
) -> DayValues {
    // Sums of whole ratings are exact in f64, so the order of the
    // check-ins never changes a day value.
    let mut sums: BTreeMap<Date, (f64, f64)> = BTreeMap::new();
    // Check-ins mostly come in time order: a day's ratings are added up
    // in a run and go into the map once.
    let mut run: Option<(Date, (f64, f64))> = None;
    for d in dated.iter().filter(|d| keep(d.day)) {
        if let Some(rating) = measure.of(d.checkin) {
            let (sum, count) = match &mut run {
                Some((day, sums)) if *day == d.day => sums,
                _ => {
                    if let Some((day, (sum, count))) = run.take() {
                        let total = sums.entry(day).or_default();
                        total.0 += sum;
                        total.1 += count;
                    }
                    &mut run.insert((d.day, (0.0, 0.0))).1
                }
            };
            *sum += f64::from(rating.get());
            *count += 1.0;
        }
    }
    if let Some((day, (sum, count))) = run {
        let total = sums.entry(day).or_default();
        total.0 += sum;
        total.1 += count;
    }
    sums.into_iter()
        .map(|(day, (sum, count))| (day, sum / count))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn a_window_counts_its_last_day() {
        let w = Window::ending(date("2026-03-31"), 31);
        assert_eq!(w.from, date("2026-03-01"));
        assert!(w.contains(date("2026-03-01")) && w.contains(date("2026-03-31")));
        assert!(!w.contains(date("2026-02-28")) && !w.contains(date("2026-04-01")));
        assert_eq!(w.day_number(date("2026-03-31")), Some(30));
    }

    #[test]
    fn a_window_of_no_days_contains_nothing() {
        let w = Window::ending(date("2026-03-31"), 0);
        assert!(!w.contains(date("2026-03-31")));
        assert!(w.from > w.to);
    }

    #[test]
    fn a_huge_window_starts_at_the_calendars_start() {
        let w = Window::ending(date("2026-03-31"), u32::MAX);
        assert_eq!(w.from, Date::MIN);
        assert!(w.contains(date("1900-01-01")));
    }
}
