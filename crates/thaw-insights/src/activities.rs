//! Activities: how numbness and mood differed on days an activity was
//! done (fully or partly) from the other days, how numbness differed on
//! the day after, and how enjoyment compared with what was expected.
//!
//! These are associations over the person's own days, not causes: a
//! difference can come from what else those days had in common. The
//! intervals say how sure the numbers are; `enough_data` says whether they
//! are worth reading at all.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use thaw_core::activity::ActivityLog;

use crate::compare::{ByValue, Comparison, flags};
use crate::days::{Window, local_day};
use crate::stats;

/// One activity in the `activities` section.
///
/// `days_with`/`days_without` count days with a numbness value. The
/// `next_day_*` fields go beyond the spec: they compare numbness on the
/// day after a logged day (both in the window) with the window's other
/// days that have a value, by the same rules as the same-day comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityInsight {
    pub name: String,
    pub days_with: usize,
    pub days_without: usize,
    pub numbness_diff: Option<f64>,
    pub numbness_ci95: Option<[f64; 2]>,
    pub mood_diff: Option<f64>,
    pub mood_ci95: Option<[f64; 2]>,
    pub enough_data: bool,
    pub next_day_days_with: usize,
    pub next_day_numbness_diff: Option<f64>,
    pub next_day_numbness_ci95: Option<[f64; 2]>,
}

/// One activity in the `prediction_gap` section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PredictionGap {
    pub activity: String,
    /// Logs with both a predicted and an actual enjoyment.
    pub n: usize,
    /// Positive: it went better than expected.
    pub mean_actual_minus_predicted: f64,
}

/// The logs whose day (in `tz`) is in the window, with that day.
pub(crate) fn logs_in_window<'a>(
    logs: &'a [ActivityLog],
    tz: &TimeZone,
    window: &Window,
) -> Vec<(Date, &'a ActivityLog)> {
    logs.iter()
        .map(|log| (local_day(&log.at, tz), log))
        .filter(|(day, _)| window.contains(*day))
        .collect()
}

/// Every activity done or partly done in the window, sorted by name.
pub(crate) fn activities(
    logs: &[(Date, &ActivityLog)],
    numbness: &ByValue,
    mood: &ByValue,
) -> Vec<ActivityInsight> {
    let mut days_by_activity: BTreeMap<&str, BTreeSet<Date>> = BTreeMap::new();
    for (day, log) in logs.iter().filter(|(_, log)| log.status.happened()) {
        days_by_activity
            .entry(log.activity.as_str())
            .or_default()
            .insert(*day);
    }
    days_by_activity
        .into_iter()
        .map(|(name, days)| {
            let numb = Comparison::split(numbness, &flags(&numbness.days, days.iter().copied()));
            let moods = Comparison::split(mood, &flags(&mood.days, days.iter().copied()));
            // The day after a logged day: a day whose yesterday is logged.
            let after = days.iter().filter_map(|d| d.tomorrow().ok());
            let next = Comparison::split(numbness, &flags(&numbness.days, after));
            let enough_data = numb.enough_data();
            ActivityInsight {
                name: name.to_owned(),
                days_with: numb.days_with,
                days_without: numb.days_without,
                numbness_diff: numb.diff,
                numbness_ci95: numb.ci95.filter(|_| enough_data),
                mood_diff: moods.diff,
                mood_ci95: moods.ci95.filter(|_| enough_data),
                enough_data,
                next_day_days_with: next.days_with,
                next_day_numbness_diff: next.diff,
                next_day_numbness_ci95: next.ci95,
            }
        })
        .collect()
}

/// Per activity, the mean of actual minus predicted enjoyment over the
/// window's logs (any status) that have both, sorted by activity.
pub(crate) fn prediction_gaps(logs: &[(Date, &ActivityLog)]) -> Vec<PredictionGap> {
    let mut gaps: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for (_, log) in logs {
        if let (Some(predicted), Some(actual)) = (log.predicted, log.actual) {
            gaps.entry(log.activity.as_str())
                .or_default()
                .push(f64::from(actual.get()) - f64::from(predicted.get()));
        }
    }
    gaps.into_iter()
        .filter_map(|(activity, differences)| {
            Some(PredictionGap {
                activity: activity.to_owned(),
                n: differences.len(),
                mean_actual_minus_predicted: stats::mean(&differences)?,
            })
        })
        .collect()
}
