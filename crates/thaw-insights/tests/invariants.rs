//! More invariants of the insights, over generated data, beyond those in
//! `properties.rs` (which shifts mood and numbness upwards and shuffles
//! the input):
//!
//! - shifting *every* rating by the same constant, up or down (check-in
//!   mood, numbness, energy, pleasure and connection, the predicted and
//!   actual enjoyment of activity logs, numbness before and after a
//!   grounding session), staying within 0–10, moves levels by exactly
//!   that constant and leaves every difference, interval, slope, robust z
//!   and count where it was;
//! - reflecting the scale (every rating `r` becomes `10 − r`) negates
//!   every difference and slope, mirrors every interval, turns a rising
//!   trend into a falling one, and reflects medians (spikes are
//!   one-sided by design, so they are left out);
//! - the order of the input and the ids of the records change nothing:
//!   shuffled and given fresh ids (so id order disagrees with time
//!   order), the result is the same, to within float rounding.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Data, activity_log, at_in_span, checkin, session, tag};
use jiff::tz::TimeZone;
use proptest::prelude::*;
use serde_json::Value;
use thaw_core::activity::Status;
use thaw_core::{Moment, Rating};
use thaw_insights::{Direction, Insights};
use uuid::Uuid;

const ZONES: [&str; 4] = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"];
const ACTIVITIES: [&str; 3] = ["walk", "call a friend", "cook"];
const TRIGGERS: [&str; 3] = ["poor sleep", "conflict", "work"];
const SENSATIONS: [&str; 3] = ["heavy", "foggy", "warm"];
const TECHNIQUES: [&str; 2] = ["breaths", "senses"];
const STATUSES: [Status; 3] = [Status::Done, Status::Partial, Status::Skipped];

/// A 35-day window ending on 2026-03-31 (over Europe's and America's
/// spring DST changes); data spans it and the 28 days before.
const WINDOW_DAYS: u32 = 35;
const SPAN_DAYS: i64 = 35 + 28 + 1;
/// Float tolerance: the sums differ only in rounding.
const TOL: f64 = 1e-9;

/// Generated ratings lie in `LOW..=HIGH`, so any shift in
/// `-MAX_SHIFT..=MAX_SHIFT` stays within 0–10.
const LOW: u8 = 3;
const HIGH: u8 = 7;
const MAX_SHIFT: i8 = 3;

type R = Option<u8>;

#[derive(Debug, Clone)]
struct RawCheckin {
    day: i64,
    minute: i64,
    /// mood, numbness, energy, pleasure, connection
    ratings: [R; 5],
    trigger: Option<usize>,
    sensation: Option<usize>,
}

#[derive(Debug, Clone)]
struct RawLog {
    day: i64,
    minute: i64,
    activity: usize,
    status: usize,
    predicted: R,
    actual: R,
}

#[derive(Debug, Clone)]
struct RawSession {
    day: i64,
    minute: i64,
    technique: usize,
    before: R,
    after: R,
}

#[derive(Debug, Clone)]
struct Raw {
    zone: usize,
    /// -1, 0 or 1: numbness falls, wanders or rises over the span (so
    /// trends are not always flat).
    drift: i8,
    checkins: Vec<RawCheckin>,
    logs: Vec<RawLog>,
    sessions: Vec<RawSession>,
}

fn r() -> impl Strategy<Value = R> {
    prop::option::weighted(0.85, LOW..=HIGH)
}

fn raw_data() -> impl Strategy<Value = Raw> {
    let checkins = prop::collection::vec(
        (
            0..SPAN_DAYS,
            0i64..1440,
            [r(), r(), r(), r(), r()],
            prop::option::of(0..TRIGGERS.len()),
            prop::option::of(0..SENSATIONS.len()),
        )
            .prop_map(|(day, minute, ratings, trigger, sensation)| RawCheckin {
                day,
                minute,
                ratings,
                trigger,
                sensation,
            }),
        0..160,
    );
    let logs = prop::collection::vec(
        (
            0..SPAN_DAYS,
            0i64..1440,
            0..ACTIVITIES.len(),
            0..STATUSES.len(),
            r(),
            r(),
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
        (0..SPAN_DAYS, 0i64..1440, 0..TECHNIQUES.len(), r(), r()).prop_map(
            |(day, minute, technique, before, after)| RawSession {
                day,
                minute,
                technique,
                before,
                after,
            },
        ),
        0..20,
    );
    (0..ZONES.len(), -1i8..=1, checkins, logs, sessions).prop_map(
        |(zone, drift, checkins, logs, sessions)| Raw {
            zone,
            drift,
            checkins,
            logs,
            sessions,
        },
    )
}

/// A numbness rating that follows `drift` over the span, with a little
/// noise taken from the generated `v`; within `LOW..=HIGH`.
fn drifted(drift: i8, day: i64, v: u8) -> u8 {
    let step = i64::from(HIGH - LOW) * day / (SPAN_DAYS - 1);
    let level = match drift {
        1 => i64::from(LOW) + step,
        -1 => i64::from(HIGH) - step,
        _ => return v,
    };
    let noise = (i64::from(v) - 5).signum();
    u8::try_from((level + noise).clamp(i64::from(LOW), i64::from(HIGH))).unwrap()
}

/// The instant of a local minute on a day of the data's span.
fn at(tz: &TimeZone, day: i64, minute: i64) -> Moment {
    at_in_span(tz, "2026-03-31", SPAN_DAYS, day, minute)
}

/// How every rating is changed when the data is built.
#[derive(Debug, Clone, Copy)]
enum Map {
    Shift(i8),
    Reflect,
}

impl Map {
    fn apply(self, v: R) -> Option<Rating> {
        v.map(|v| {
            let mapped = match self {
                Map::Shift(k) => i64::from(v) + i64::from(k),
                Map::Reflect => 10 - i64::from(v),
            };
            Rating::new("test", mapped).unwrap()
        })
    }
}

fn build(raw: &Raw, map: Map) -> Data {
    let mut data = Data::new(ZONES[raw.zone], "2026-03-31", WINDOW_DAYS);
    let tz = data.tz.clone();
    for c in &raw.checkins {
        let mut built = checkin(at(&tz, c.day, c.minute), None, None);
        let mut ratings = c.ratings;
        ratings[1] = ratings[1].map(|v| drifted(raw.drift, c.day, v));
        let [mood, numbness, energy, pleasure, connection] = ratings.map(|v| map.apply(v));
        built.mood = mood;
        built.numbness = numbness;
        built.energy = energy;
        built.pleasure = pleasure;
        built.connection = connection;
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
        built.predicted = map.apply(l.predicted);
        built.actual = map.apply(l.actual);
        data.logs.push(built);
    }
    for s in &raw.sessions {
        let mut built = session(
            TECHNIQUES[s.technique],
            at(&tz, s.day, s.minute),
            None,
            None,
        );
        built.before = map.apply(s.before);
        built.after = map.apply(s.after);
        data.sessions.push(built);
    }
    data
}

/// `a` is `sign · b + offset`, both absent, or both present.
fn affine(a: Option<f64>, b: Option<f64>, sign: f64, offset: f64) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - (sign * b + offset)).abs() < TOL,
        (None, None) => true,
        _ => false,
    }
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    affine(a, b, 1.0, 0.0)
}

/// `a` equals `b` (`sign` 1) or `b` mirrored through 0 (`sign` -1).
fn interval(a: Option<[f64; 2]>, b: Option<[f64; 2]>, sign: f64) -> bool {
    let b = b.map(|[lo, hi]| if sign > 0.0 { [lo, hi] } else { [-hi, -lo] });
    same(a.map(|i| i[0]), b.map(|i| i[0])) && same(a.map(|i| i[1]), b.map(|i| i[1]))
}

/// `after` is `before` with every rating mapped by `r → sign · r + offset`:
/// differences scale by `sign`, levels by `sign` and `offset`.
fn assert_mapped(
    before: &Insights,
    after: &Insights,
    sign: f64,
    offset: f64,
) -> Result<(), TestCaseError> {
    let (a, b) = (after, before);
    prop_assert_eq!(&a.window, &b.window);
    prop_assert!(affine(
        a.numbness.baseline_median,
        b.numbness.baseline_median,
        sign,
        offset
    ));

    prop_assert_eq!(a.activities.len(), b.activities.len());
    for (x, y) in a.activities.iter().zip(&b.activities) {
        prop_assert_eq!(&x.name, &y.name);
        prop_assert_eq!(
            (
                x.days_with,
                x.days_without,
                x.enough_data,
                x.next_day_days_with
            ),
            (
                y.days_with,
                y.days_without,
                y.enough_data,
                y.next_day_days_with
            )
        );
        prop_assert!(
            affine(x.numbness_diff, y.numbness_diff, sign, 0.0),
            "{x:?} vs {y:?}"
        );
        prop_assert!(
            affine(x.mood_diff, y.mood_diff, sign, 0.0),
            "{x:?} vs {y:?}"
        );
        prop_assert!(
            interval(x.numbness_ci95, y.numbness_ci95, sign),
            "{x:?} vs {y:?}"
        );
        prop_assert!(interval(x.mood_ci95, y.mood_ci95, sign), "{x:?} vs {y:?}");
        prop_assert!(
            affine(
                x.next_day_numbness_diff,
                y.next_day_numbness_diff,
                sign,
                0.0
            ),
            "{x:?} vs {y:?}"
        );
        prop_assert!(
            interval(x.next_day_numbness_ci95, y.next_day_numbness_ci95, sign),
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
        prop_assert!(
            affine(x.numbness_diff, y.numbness_diff, sign, 0.0),
            "{x:?} vs {y:?}"
        );
        prop_assert!(
            interval(x.numbness_ci95, y.numbness_ci95, sign),
            "{x:?} vs {y:?}"
        );
    }

    let (ta, tb) = (&a.numbness.trend, &b.numbness.trend);
    prop_assert_eq!(ta.is_some(), tb.is_some());
    if let (Some(ta), Some(tb)) = (ta, tb) {
        prop_assert!(
            affine(Some(ta.slope_per_week), Some(tb.slope_per_week), sign, 0.0),
            "{ta:?} vs {tb:?}"
        );
        prop_assert!(
            interval(Some(ta.ci95), Some(tb.ci95), sign),
            "{ta:?} vs {tb:?}"
        );
        let expected = match (tb.direction, sign > 0.0) {
            (d, true) | (d @ Direction::Flat, false) => d,
            (Direction::Rising, false) => Direction::Falling,
            (Direction::Falling, false) => Direction::Rising,
        };
        prop_assert_eq!(ta.direction, expected, "{:?} vs {:?}", ta, tb);
    }

    if sign > 0.0 {
        // A spike is a day well above its baseline: a shift keeps it one.
        prop_assert_eq!(a.numbness.spikes.len(), b.numbness.spikes.len());
        for (x, y) in a.numbness.spikes.iter().zip(&b.numbness.spikes) {
            prop_assert_eq!(x.date, y.date);
            prop_assert!(same(Some(x.robust_z), Some(y.robust_z)), "{x:?} vs {y:?}");
            prop_assert!(
                affine(Some(x.value), Some(y.value), 1.0, offset),
                "{x:?} vs {y:?}"
            );
        }
    }

    prop_assert_eq!(a.coping.len(), b.coping.len());
    for (x, y) in a.coping.iter().zip(&b.coping) {
        prop_assert_eq!((&x.technique, x.sessions), (&y.technique, y.sessions));
        prop_assert!(
            affine(
                Some(x.mean_numbness_change),
                Some(y.mean_numbness_change),
                sign,
                0.0
            ),
            "{x:?} vs {y:?}"
        );
        prop_assert!(interval(x.ci95, y.ci95, sign), "{x:?} vs {y:?}");
    }

    prop_assert_eq!(a.prediction_gap.len(), b.prediction_gap.len());
    for (x, y) in a.prediction_gap.iter().zip(&b.prediction_gap) {
        prop_assert_eq!((&x.activity, x.n), (&y.activity, y.n));
        prop_assert!(
            affine(
                Some(x.mean_actual_minus_predicted),
                Some(y.mean_actual_minus_predicted),
                sign,
                0.0
            ),
            "{x:?} vs {y:?}"
        );
    }

    prop_assert_eq!(&a.naming, &b.naming);
    Ok(())
}

/// Two JSON values are equal, numbers to within [`TOL`].
fn close_json(a: &Value, b: &Value, path: &str) -> Result<(), String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            if (x - y).abs() < TOL {
                Ok(())
            } else {
                Err(format!("{path}: {x} vs {y}"))
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Err(format!("{path}: {} items vs {}", x.len(), y.len()));
            }
            x.iter()
                .zip(y)
                .enumerate()
                .try_for_each(|(i, (x, y))| close_json(x, y, &format!("{path}[{i}]")))
        }
        (Value::Object(x), Value::Object(y)) => {
            if x.keys().ne(y.keys()) {
                return Err(format!("{path}: different fields"));
            }
            x.iter()
                .try_for_each(|(k, v)| close_json(v, &y[k], &format!("{path}.{k}")))
        }
        _ if a == b => Ok(()),
        _ => Err(format!("{path}: {a} vs {b}")),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn shifting_every_rating_up_or_down_moves_levels_not_differences(
        raw in raw_data(),
        shift in (-MAX_SHIFT..=MAX_SHIFT).prop_filter("a shift", |k| *k != 0),
    ) {
        let base = build(&raw, Map::Shift(0)).run();
        let shifted = build(&raw, Map::Shift(shift)).run();
        assert_mapped(&base, &shifted, 1.0, f64::from(shift))?;
    }

    #[test]
    fn reflecting_the_scale_negates_every_difference(raw in raw_data()) {
        let base = build(&raw, Map::Shift(0)).run();
        let reflected = build(&raw, Map::Reflect).run();
        assert_mapped(&base, &reflected, -1.0, 10.0)?;
    }

    #[test]
    fn neither_order_nor_ids_change_anything(
        (raw, order) in raw_data().prop_flat_map(|raw| {
            let c: Vec<usize> = (0..raw.checkins.len()).collect();
            let l: Vec<usize> = (0..raw.logs.len()).collect();
            let s: Vec<usize> = (0..raw.sessions.len()).collect();
            (Just(raw), (Just(c).prop_shuffle(), Just(l).prop_shuffle(), Just(s).prop_shuffle()))
        })
    ) {
        let data = build(&raw, Map::Shift(0));
        let mut shuffled = data.clone();
        // Fresh ids, made in the new order: ids now sort differently
        // from both the old ids and the times.
        shuffled.checkins = order.0.iter().map(|&i| {
            let mut c = data.checkins[i].clone();
            c.id = Uuid::now_v7();
            c
        }).collect();
        shuffled.logs = order.1.iter().map(|&i| {
            let mut l = data.logs[i].clone();
            l.id = Uuid::now_v7();
            l
        }).collect();
        shuffled.sessions = order.2.iter().map(|&i| {
            let mut s = data.sessions[i].clone();
            s.id = Uuid::now_v7();
            s
        }).collect();
        let (a, b) = (data.run(), shuffled.run());
        let (a, b) = (serde_json::to_value(&a).unwrap(), serde_json::to_value(&b).unwrap());
        if let Err(difference) = close_json(&a, &b, "insights") {
            prop_assert!(false, "{}", difference);
        }
    }
}

#[test]
fn the_generated_data_reaches_every_section() {
    // A fixed, dense case, so the properties above are known to compare
    // something: every section has entries and a trend exists.
    let raw = Raw {
        zone: 1,
        drift: 1,
        checkins: (0..SPAN_DAYS)
            .map(|day| RawCheckin {
                day,
                minute: 600,
                // Numbness 5 means "no noise": a clean rise.
                ratings: [Some(LOW + (day % 5) as u8), Some(5), None, None, None],
                trigger: (day % 3 == 0).then_some(0),
                sensation: Some((day % 3) as usize),
            })
            .collect(),
        logs: (0..SPAN_DAYS)
            .filter(|d| d % 2 == 0)
            .map(|day| RawLog {
                day,
                minute: 700,
                activity: 0,
                status: 0,
                predicted: Some(LOW),
                actual: Some(HIGH),
            })
            .collect(),
        sessions: (0..6)
            .map(|i| RawSession {
                day: SPAN_DAYS - 1 - i,
                minute: 800,
                technique: 0,
                before: Some(HIGH),
                after: Some(LOW),
            })
            .collect(),
    };
    let base = build(&raw, Map::Shift(0)).run();
    assert_eq!(
        base.numbness.trend.as_ref().map(|t| t.direction),
        Some(Direction::Rising)
    );
    assert!(base.activities.iter().any(|a| a.numbness_diff.is_some()));
    assert!(base.triggers.iter().any(|t| t.numbness_diff.is_some()));
    assert!(!base.coping.is_empty() && !base.prediction_gap.is_empty());
    let shifted = build(&raw, Map::Shift(-2)).run();
    let reflected = build(&raw, Map::Reflect).run();
    assert_eq!(
        reflected.numbness.trend.as_ref().map(|t| t.direction),
        Some(Direction::Falling)
    );
    assert!(
        (shifted.prediction_gap[0].mean_actual_minus_predicted
            - base.prediction_gap[0].mean_actual_minus_predicted)
            .abs()
            < TOL
    );
    assert!(
        (reflected.coping[0].mean_numbness_change + base.coping[0].mean_numbness_change).abs()
            < TOL
    );
}
