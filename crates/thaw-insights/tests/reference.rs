//! Reference tests: the engine against fixtures computed independently
//! with pandas, numpy and scipy (`reference/make_fixtures.py`, which says
//! what each dataset covers).
//!
//! Every field is compared, and the JSON must have exactly the same keys.
//! Tolerances: numbers to 1e-6 (day values, differences, z scores: the
//! only differences are summation order in the last bits); interval bounds
//! (every `*ci95` field) to 1e-4, because they also go through a t or
//! normal quantile, and statrs and scipy compute those with different
//! algorithms (they agree to about 1e-12 at the degrees of freedom used
//! here; 1e-4 leaves room for ν in the tens of thousands, where statrs
//! drifts by about 1e-5).

// Test code: a failed unwrap is a failed test (helpers outside #[test]
// functions are not covered by clippy.toml's allow-unwrap-in-tests).
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Deserialize;
use serde_json::Value;
use thaw_core::activity::{ActivityLog, GroundingSession, Status, Tier};
use thaw_core::{Checkin, Moment, Rating};
use thaw_insights::{Input, insights};
use uuid::Uuid;

const NUMBER_TOLERANCE: f64 = 1e-6;
const INTERVAL_TOLERANCE: f64 = 1e-4;

#[derive(Deserialize)]
struct Fixture {
    input: FixtureInput,
    expected: Value,
}

#[derive(Deserialize)]
struct FixtureInput {
    timezone: String,
    until: Date,
    days: u32,
    checkins: Vec<FixtureCheckin>,
    activity_logs: Vec<FixtureLog>,
    grounding_sessions: Vec<FixtureSession>,
}

#[derive(Deserialize)]
struct FixtureCheckin {
    at: Moment,
    mood: Option<Rating>,
    numbness: Option<Rating>,
    sensations: Vec<String>,
    triggers: Vec<String>,
}

#[derive(Deserialize)]
struct FixtureLog {
    activity: String,
    at: Moment,
    tier: Tier,
    status: Status,
    predicted: Option<Rating>,
    actual: Option<Rating>,
}

#[derive(Deserialize)]
struct FixtureSession {
    technique: String,
    at: Moment,
    duration_s: u32,
    before: Option<Rating>,
    after: Option<Rating>,
}

struct Loaded {
    tz: TimeZone,
    until: Date,
    days: u32,
    checkins: Vec<Checkin>,
    logs: Vec<ActivityLog>,
    sessions: Vec<GroundingSession>,
    expected: Value,
}

fn load(path: &Path) -> Loaded {
    let text = std::fs::read_to_string(path).unwrap();
    let fixture: Fixture = serde_json::from_str(&text).unwrap();
    let input = fixture.input;
    let id = |i: usize| Uuid::from_u128(i as u128 + 1);
    Loaded {
        tz: TimeZone::get(&input.timezone).unwrap(),
        until: input.until,
        days: input.days,
        checkins: input
            .checkins
            .into_iter()
            .enumerate()
            .map(|(i, c)| Checkin {
                id: id(i),
                at: c.at,
                mood: c.mood,
                numbness: c.numbness,
                energy: None,
                pleasure: None,
                connection: None,
                sensations: c.sensations,
                triggers: c.triggers,
                note: None,
                plan: None,
            })
            .collect(),
        logs: input
            .activity_logs
            .into_iter()
            .enumerate()
            .map(|(i, l)| ActivityLog {
                id: id(i),
                activity: l.activity,
                at: l.at,
                tier: l.tier,
                status: l.status,
                predicted: l.predicted,
                actual: l.actual,
                note: None,
            })
            .collect(),
        sessions: input
            .grounding_sessions
            .into_iter()
            .enumerate()
            .map(|(i, s)| GroundingSession {
                id: id(i),
                technique: s.technique,
                at: s.at,
                duration_s: s.duration_s,
                before: s.before,
                after: s.after,
            })
            .collect(),
        expected: fixture.expected,
    }
}

/// Compares `actual` with `expected` at `path`, collecting every mismatch.
fn compare(path: &str, expected: &Value, actual: &Value, in_interval: bool, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let mut keys: Vec<&String> = e.keys().chain(a.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let here = format!("{path}.{key}");
                match (e.get(key), a.get(key)) {
                    (Some(ev), Some(av)) => {
                        compare(&here, ev, av, in_interval || key.ends_with("ci95"), out)
                    }
                    (Some(_), None) => out.push(format!("{here}: missing")),
                    (None, Some(_)) => out.push(format!("{here}: not in the fixture")),
                    (None, None) => {}
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!("{path}: {} items, expected {}", a.len(), e.len()));
                return;
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                compare(&format!("{path}[{i}]"), ev, av, in_interval, out);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            let tolerance = if in_interval {
                INTERVAL_TOLERANCE
            } else {
                NUMBER_TOLERANCE
            };
            if (e - a).abs() > tolerance {
                out.push(format!("{path}: {a}, expected {e}"));
            }
        }
        (e, a) if e == a => {}
        (e, a) => out.push(format!("{path}: {a}, expected {e}")),
    }
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("reference/fixtures");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_fixture_matches_the_reference() {
    let paths = fixtures();
    assert!(paths.len() >= 5, "fixtures missing: {paths:?}");
    let mut failures = Vec::new();
    for path in &paths {
        let f = load(path);
        let result = insights(&Input {
            tz: &f.tz,
            until: f.until,
            days: f.days,
            checkins: &f.checkins,
            activity_logs: &f.logs,
            grounding: &f.sessions,
        });
        let actual = serde_json::to_value(&result).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        compare(&name, &f.expected, &actual, false, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The comparison itself must notice a difference (a test that cannot
/// fail proves nothing).
#[test]
fn the_comparison_notices_differences() {
    let expected = serde_json::json!({"a": [1.0, {"ci95": [1.0, 2.0]}], "b": null});
    let mut out = Vec::new();
    compare(
        "x",
        &expected,
        &serde_json::json!({"a": [1.0, {"ci95": [1.00005, 2.0]}], "b": null}),
        false,
        &mut out,
    );
    assert!(out.is_empty(), "{out:?}");
    compare(
        "x",
        &expected,
        &serde_json::json!({"a": [1.00001, {"ci95": [1.0, 2.001]}], "b": 0}),
        false,
        &mut out,
    );
    assert_eq!(out.len(), 3, "{out:?}");
    out.clear();
    compare(
        "x",
        &expected,
        &serde_json::json!({"a": [1.0, {"ci95": [1.0, 2.0]}], "b": null, "c": 1}),
        false,
        &mut out,
    );
    assert_eq!(out.len(), 1, "{out:?}");
}
