//! Insights: patterns in a person's own days, for `thaw insights`, the web
//! app's charts and the report.
//!
//! This crate is pure statistics: it takes check-ins, activity logs and
//! grounding sessions already read from the store, and returns
//! [`Insights`], which serializes to exactly the JSON of `thaw --json
//! insights` (see the spec, `shared/spec/cli.md`). It does no I/O, reads no
//! clock and writes no words for people: the interfaces say what the
//! numbers mean.
//!
//! Start at [`insights`]. Every number is computed from *day values*
//! ([`days`]): a day is a calendar date in the person's time zone, and a
//! day's value for a rating is the mean of that day's ratings. Then:
//!
//! - [`numbness`]: the median, spikes (robust z against the 28 days
//!   before) and the Theil–Sen trend with Sen's interval;
//! - [`activities`]: days with an activity versus days without (Welch's
//!   interval), and the prediction gap;
//! - [`triggers`]: the same comparison for triggers named in check-ins;
//! - [`coping`]: numbness change across grounding exercises;
//! - [`naming`]: distinct sensations named per week;
//! - [`stats`]: the statistics themselves, exact and NaN-free; quantiles
//!   come from `statrs`.
//!
//! Beyond the spec, and documented where they are defined: per activity,
//! `next_day_days_with`, `next_day_numbness_diff` and
//! `next_day_numbness_ci95` (numbness on the day after the activity, see
//! [`ActivityInsight`]); and a top-level `naming` list of
//! `{"week_start", "distinct_sensations"}` per ISO week (see
//! [`NamingWeek`]).
//!
//! Choices where the spec leaves room, made once here:
//! - `mood_ci95` is given only when `enough_data` holds *and* each side
//!   has at least 5 days with a mood value (mood days can be fewer than
//!   numbness days).
//! - Activities and techniques are grouped by their exact name (they come
//!   from the library); triggers and sensations are free text and grouped
//!   trimmed and case-insensitively.
//! - `prediction_gap` lists only activities with at least one log that has
//!   both enjoyment ratings.
//! - A window of 0 days contains no day.
//!
//! The results depend only on the data, never on the order of the input
//! slices. The reference tests (`tests/reference.rs`) compare every field
//! with fixtures computed independently with pandas and scipy
//! (`reference/make_fixtures.py`).

pub mod activities;
pub mod compare;
pub mod coping;
pub mod days;
pub mod naming;
pub mod numbness;
pub mod stats;
pub mod triggers;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use thaw_core::Checkin;
use thaw_core::activity::{ActivityLog, GroundingSession};

pub use activities::{ActivityInsight, PredictionGap};
pub use coping::CopingInsight;
pub use days::{DayValues, Measure, Window, day_values};
pub use naming::NamingWeek;
pub use numbness::{Direction, NumbnessInsight, Spike, Trend};
pub use triggers::TriggerInsight;

use days::{Dated, days_before, local_day};

/// What the insights are computed from. The slices may hold entries
/// outside the window (check-ins from the 28 days before it are needed
/// for spikes); each section keeps only what it needs.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The person's time zone: it defines "a day".
    pub tz: &'a TimeZone,
    /// The window's last day.
    pub until: Date,
    /// How many calendar days the window has, ending on `until`.
    pub days: u32,
    pub checkins: &'a [Checkin],
    pub activity_logs: &'a [ActivityLog],
    pub grounding: &'a [GroundingSession],
}

/// Everything `thaw --json insights` prints, field for field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Insights {
    pub window: WindowSummary,
    pub numbness: NumbnessInsight,
    pub activities: Vec<ActivityInsight>,
    pub coping: Vec<CopingInsight>,
    pub triggers: Vec<TriggerInsight>,
    pub prediction_gap: Vec<PredictionGap>,
    /// Beyond the spec: distinct sensations per ISO week.
    pub naming: Vec<NamingWeek>,
}

/// The `window` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowSummary {
    pub from: Date,
    pub to: Date,
    /// Days of the window with at least one check-in (rated or not).
    pub days_with_checkins: usize,
}

/// Computes every section over the window of `input.days` days ending on
/// `input.until`.
pub fn insights(input: &Input<'_>) -> Insights {
    let window = Window::ending(input.until, input.days);
    let history_start =
        days_before(window.from, numbness::SPIKE_BASELINE_DAYS).unwrap_or(Date::MIN);

    // The day of every check-in, computed once; kept from the spike
    // baseline's first day through the window's last.
    let with_history: Vec<Dated<'_>> = input
        .checkins
        .iter()
        .map(|checkin| Dated {
            day: local_day(&checkin.at, input.tz),
            checkin,
        })
        .filter(|d| history_start <= d.day && d.day <= window.to)
        .collect();
    let in_window: Vec<Dated<'_>> = with_history
        .iter()
        .filter(|d| window.contains(d.day))
        .copied()
        .collect();

    let numbness_history =
        days::values_by_day(&with_history, Measure::Numbness, |day| day <= window.to);
    let numbness_values: DayValues = numbness_history
        .iter()
        .filter(|(day, _)| window.contains(**day))
        .map(|(&day, &value)| (day, value))
        .collect();
    let mood_values = days::values_by_day(&in_window, Measure::Mood, |_| true);

    let mut checkin_days: Vec<Date> = in_window.iter().map(|d| d.day).collect();
    checkin_days.sort_unstable();
    checkin_days.dedup();

    let logs = activities::logs_in_window(input.activity_logs, input.tz, &window);
    let numbness_by_value = compare::ByValue::new(&numbness_values);
    let mood_by_value = compare::ByValue::new(&mood_values);

    Insights {
        window: WindowSummary {
            from: window.from,
            to: window.to,
            days_with_checkins: checkin_days.len(),
        },
        numbness: numbness::numbness(&window, &numbness_values, &numbness_history),
        activities: activities::activities(&logs, &numbness_by_value, &mood_by_value),
        coping: coping::coping(input.grounding, input.tz, &window),
        triggers: triggers::triggers(&in_window, &numbness_by_value),
        prediction_gap: activities::prediction_gaps(&logs),
        naming: naming::naming(&window, &in_window),
    }
}
