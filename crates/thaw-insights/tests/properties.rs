//! Invariants of the insights, over generated data:
//!
//! - the order of the input never matters (the result is identical);
//! - shifting every mood and numbness rating by the same constant (staying
//!   within 0–10) moves levels, not differences: every diff, interval,
//!   slope, robust z and count stays the same.

// Test code: a failed unwrap is a failed test (helpers outside #[test]
// functions are not covered by clippy.toml's allow-unwrap-in-tests).
#![allow(clippy::unwrap_used)]

mod common;

use common::{Data, activity_log, at_in_span, checkin, rating, session, tag};
use jiff::tz::TimeZone;
use proptest::prelude::*;
use thaw_core::Moment;
use thaw_core::activity::Status;
use thaw_insights::Insights;

const ZONES: [&str; 3] = ["UTC", "Europe/Berlin", "America/New_York"];
const ACTIVITIES: [&str; 3] = ["walk", "call a friend", "cook"];
const TRIGGERS: [&str; 4] = ["poor sleep", "Poor sleep", "conflict", " work "];
const SENSATIONS: [&str; 3] = ["heavy", "Heavy", "warm"];
const TECHNIQUES: [&str; 2] = ["breaths", "senses"];
const STATUSES: [Status; 3] = [Status::Done, Status::Partial, Status::Skipped];

/// The window is 40 days ending on 2026-04-30 (over Berlin's and New
/// York's spring DST changes); data spans those days and the 28 before.
const WINDOW_DAYS: u32 = 40;
const SPAN_DAYS: i64 = 40 + 28 + 1;

#[derive(Debug, Clone)]
struct RawCheckin {
    day: i64,
    minute: i64,
    mood: Option<u8>,
    numbness: Option<u8>,
    trigger: Option<usize>,
    sensation: Option<usize>,
}

#[derive(Debug, Clone)]
struct RawLog {
    day: i64,
    minute: i64,
    activity: usize,
    status: usize,
    predicted: Option<u8>,
    actual: Option<u8>,
}

#[derive(Debug, Clone)]
struct RawSession {
    day: i64,
    minute: i64,
    technique: usize,
    before: Option<u8>,
    after: Option<u8>,
}

#[derive(Debug, Clone)]
struct Raw {
    zone: usize,
    checkins: Vec<RawCheckin>,
    logs: Vec<RawLog>,
    sessions: Vec<RawSession>,
}

/// Ratings from 0 to 7, so a shift of up to 3 stays within 0–10.
fn low_rating() -> impl Strategy<Value = Option<u8>> {
    prop::option::weighted(0.85, 0u8..=7)
}

fn raw_data() -> impl Strategy<Value = Raw> {
    let checkins = prop::collection::vec(
        (
            0..SPAN_DAYS,
            0i64..1440,
            low_rating(),
            low_rating(),
            prop::option::of(0..TRIGGERS.len()),
            prop::option::of(0..SENSATIONS.len()),
        )
            .prop_map(
                |(day, minute, mood, numbness, trigger, sensation)| RawCheckin {
                    day,
                    minute,
                    mood,
                    numbness,
                    trigger,
                    sensation,
                },
            ),
        0..150,
    );
    let logs = prop::collection::vec(
        (
            0..SPAN_DAYS,
            0i64..1440,
            0..ACTIVITIES.len(),
            0..STATUSES.len(),
            low_rating(),
            low_rating(),
        )
            .prop_map(
                |(day, minute, activity, status, predicted, actual)| RawLog {
                    day,
                    minute,
                    activity,
                    status,
                    predicted,
                    actual,
                },
            ),
        0..60,
    );
    let sessions = prop::collection::vec(
        (
            0..SPAN_DAYS,
            0i64..1440,
            0..TECHNIQUES.len(),
            low_rating(),
            low_rating(),
        )
            .prop_map(|(day, minute, technique, before, after)| RawSession {
                day,
                minute,
                technique,
                before,
                after,
            }),
        0..12,
    );
    (0..ZONES.len(), checkins, logs, sessions).prop_map(|(zone, checkins, logs, sessions)| Raw {
        zone,
        checkins,
        logs,
        sessions,
    })
}

/// The instant of a local minute on a day of the data's span.
fn at(tz: &TimeZone, day: i64, minute: i64) -> Moment {
    at_in_span(tz, "2026-04-30", SPAN_DAYS, day, minute)
}

/// Builds the data, adding `shift` to every check-in's mood and numbness.
fn build(raw: &Raw, shift: u8) -> Data {
    let mut data = Data::new(ZONES[raw.zone], "2026-04-30", WINDOW_DAYS);
    let tz = data.tz.clone();
    for c in &raw.checkins {
        let mut built = checkin(
            at(&tz, c.day, c.minute),
            c.mood.map(|v| v + shift),
            c.numbness.map(|v| v + shift),
        );
        built.triggers = tag(c.trigger, &TRIGGERS);
        built.sensations = tag(c.sensation, &SENSATIONS);
        data.checkins.push(built);
    }
    for l in &raw.logs {
        let mut built = activity_log(
            ACTIVITIES[l.activity],
            at(&tz, l.day, l.minute),
            STATUSES[l.status],
        );
        built.predicted = l.predicted.map(rating);
        built.actual = l.actual.map(rating);
        data.logs.push(built);
    }
    for s in &raw.sessions {
        data.sessions.push(session(
            TECHNIQUES[s.technique],
            at(&tz, s.day, s.minute),
            s.before,
            s.after,
        ));
    }
    data
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

fn close_interval(a: Option<[f64; 2]>, b: Option<[f64; 2]>) -> bool {
    close(a.map(|i| i[0]), b.map(|i| i[0])) && close(a.map(|i| i[1]), b.map(|i| i[1]))
}

/// Everything that must not move when all ratings shift together.
fn assert_same_differences(a: &Insights, b: &Insights) -> Result<(), TestCaseError> {
    prop_assert_eq!(&a.window, &b.window);
    prop_assert_eq!(a.activities.len(), b.activities.len());
    for (x, y) in a.activities.iter().zip(&b.activities) {
        prop_assert_eq!(&x.name, &y.name);
        prop_assert_eq!(
            (x.days_with, x.days_without, x.enough_data),
            (y.days_with, y.days_without, y.enough_data)
        );
        prop_assert!(close(x.numbness_diff, y.numbness_diff), "{x:?} vs {y:?}");
        prop_assert!(close(x.mood_diff, y.mood_diff), "{x:?} vs {y:?}");
        prop_assert!(
            close_interval(x.numbness_ci95, y.numbness_ci95),
            "{x:?} vs {y:?}"
        );
        prop_assert!(close_interval(x.mood_ci95, y.mood_ci95), "{x:?} vs {y:?}");
        prop_assert_eq!(x.next_day_days_with, y.next_day_days_with);
        prop_assert!(
            close(x.next_day_numbness_diff, y.next_day_numbness_diff),
            "{x:?} vs {y:?}"
        );
        prop_assert!(
            close_interval(x.next_day_numbness_ci95, y.next_day_numbness_ci95),
            "{x:?} vs {y:?}"
        );
    }
    prop_assert_eq!(a.triggers.len(), b.triggers.len());
    for (x, y) in a.triggers.iter().zip(&b.triggers) {
        prop_assert_eq!(&x.trigger, &y.trigger);
        prop_assert_eq!(
            (x.days_with, x.days_without, x.enough_data),
            (y.days_with, y.days_without, y.enough_data)
        );
        prop_assert!(close(x.numbness_diff, y.numbness_diff), "{x:?} vs {y:?}");
        prop_assert!(
            close_interval(x.numbness_ci95, y.numbness_ci95),
            "{x:?} vs {y:?}"
        );
    }
    let (ta, tb) = (&a.numbness.trend, &b.numbness.trend);
    prop_assert_eq!(ta.is_some(), tb.is_some());
    if let (Some(ta), Some(tb)) = (ta, tb) {
        prop_assert!(
            close(Some(ta.slope_per_week), Some(tb.slope_per_week)),
            "{ta:?} vs {tb:?}"
        );
        prop_assert!(
            close_interval(Some(ta.ci95), Some(tb.ci95)),
            "{ta:?} vs {tb:?}"
        );
        prop_assert_eq!(ta.direction, tb.direction);
    }
    prop_assert_eq!(a.numbness.spikes.len(), b.numbness.spikes.len());
    for (x, y) in a.numbness.spikes.iter().zip(&b.numbness.spikes) {
        prop_assert_eq!(x.date, y.date);
        prop_assert!(close(Some(x.robust_z), Some(y.robust_z)), "{x:?} vs {y:?}");
    }
    prop_assert_eq!(&a.coping, &b.coping);
    prop_assert_eq!(&a.prediction_gap, &b.prediction_gap);
    prop_assert_eq!(&a.naming, &b.naming);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_order_of_the_input_changes_nothing(
        (raw, checkin_order, log_order, session_order) in raw_data().prop_flat_map(|raw| {
            let c: Vec<usize> = (0..raw.checkins.len()).collect();
            let l: Vec<usize> = (0..raw.logs.len()).collect();
            let s: Vec<usize> = (0..raw.sessions.len()).collect();
            (Just(raw), Just(c).prop_shuffle(), Just(l).prop_shuffle(), Just(s).prop_shuffle())
        })
    ) {
        let data = build(&raw, 0);
        let mut shuffled = data.clone();
        shuffled.checkins = checkin_order.iter().map(|&i| data.checkins[i].clone()).collect();
        shuffled.logs = log_order.iter().map(|&i| data.logs[i].clone()).collect();
        shuffled.sessions = session_order.iter().map(|&i| data.sessions[i].clone()).collect();
        prop_assert_eq!(data.run(), shuffled.run());
    }

    #[test]
    fn shifting_every_rating_keeps_the_differences(raw in raw_data(), shift in 1u8..=3) {
        let base = build(&raw, 0).run();
        let shifted = build(&raw, shift).run();
        assert_same_differences(&base, &shifted)?;
        let moved = |i: &Insights| i.numbness.baseline_median;
        prop_assert!(close(moved(&base).map(|m| m + f64::from(shift)), moved(&shifted)));
    }
}
