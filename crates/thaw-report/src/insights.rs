//! The insights' charts: numbness with spikes and the trend line, activity
//! effects and coping as intervals around zero.

use thaw_core::days::DayPoint;
use thaw_insights::Insights;

use crate::svg::{IntervalRow, interval_chart, numbness_insights_chart};

/// Numbness over the window with spikes and the Theil–Sen trend line
/// (anchored at the window's median, as a slope drawn through the middle).
pub fn numbness_chart(i: &Insights, points: &[DayPoint]) -> String {
    let spikes: Vec<_> = i.numbness.spikes.iter().map(|s| s.date).collect();
    let span = (i.window.to - i.window.from).get_days() as f64;
    let trend = match (&i.numbness.trend, i.numbness.baseline_median) {
        (Some(t), Some(median)) => {
            let per_day = t.slope_per_week / 7.0;
            Some((median - per_day * span / 2.0, per_day))
        }
        _ => None,
    };
    numbness_insights_chart(points, &spikes, trend, i.window.from, i.window.to)
}

/// Each activity's difference in numbness on days with it, with its interval.
pub fn activities_chart(i: &Insights) -> String {
    let rows: Vec<IntervalRow> = i
        .activities
        .iter()
        .filter_map(|a| {
            a.numbness_diff.map(|d| IntervalRow {
                label: a.name.clone(),
                estimate: d,
                interval: a.numbness_ci95.map(|[lo, hi]| (lo, hi)),
            })
        })
        .collect();
    interval_chart(
        "activities",
        "Numbness on days with each activity, compared with days without",
        "difference in numbness",
        &rows,
    )
}

/// Each grounding technique's mean change in numbness, with its interval.
pub fn coping_chart(i: &Insights) -> String {
    let rows: Vec<IntervalRow> = i
        .coping
        .iter()
        .map(|c| IntervalRow {
            label: c.technique.clone(),
            estimate: c.mean_numbness_change,
            interval: c.ci95.map(|[lo, hi]| (lo, hi)),
        })
        .collect();
    interval_chart(
        "coping",
        "Numbness after minus before each grounding exercise",
        "change in numbness",
        &rows,
    )
}
