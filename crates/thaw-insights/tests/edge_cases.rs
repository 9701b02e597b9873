//! Edge cases of the insights, one named case each: empty data, the
//! exact JSON shape, which day an entry belongs to, what counts and what
//! does not.

// Test code: a failed unwrap is a failed test (helpers outside #[test]
// functions are not covered by clippy.toml's allow-unwrap-in-tests).
#![allow(clippy::unwrap_used)]

mod common;

use common::{Data, activity_log, checkin, date, moment, rating, session};
use jiff::ToSpan;
use serde_json::json;
use thaw_core::activity::Status;
use thaw_insights::Direction;

#[test]
fn no_data_gives_an_empty_but_complete_answer() {
    let data = Data::new("Europe/Berlin", "2026-03-15", 7);
    let json = serde_json::to_value(data.run()).unwrap();
    assert_eq!(
        json,
        json!({
            "window": {"from": "2026-03-09", "to": "2026-03-15", "days_with_checkins": 0},
            "numbness": {"baseline_median": null, "spikes": [], "trend": null},
            "activities": [], "coping": [], "triggers": [], "prediction_gap": [],
            "naming": [{"week_start": "2026-03-09", "distinct_sensations": 0}]
        })
    );
}

#[test]
fn the_json_has_the_spec_fields_in_the_spec_order() {
    let mut data = Data::new("UTC", "2026-03-10", 10);
    for i in 0..10 {
        let day = date("2026-03-01").checked_add(i.days()).unwrap();
        let at = moment(&format!("{day} 09:00"), &data.tz);
        let mut c = checkin(at, Some(5), Some(if i % 2 == 0 { 4 } else { 6 }));
        c.triggers = vec!["poor sleep".into()];
        c.sensations = vec!["heavy".into()];
        data.checkins.push(c);
        let mut log = activity_log("walk", at, Status::Done);
        log.predicted = Some(rating(3));
        log.actual = Some(rating(5));
        data.logs.push(log);
        data.sessions.push(session("breaths", at, Some(7), Some(5)));
    }
    let text = serde_json::to_string(&data.run()).unwrap();
    let order = [
        "\"window\"",
        "\"from\"",
        "\"to\"",
        "\"days_with_checkins\"",
        "\"numbness\"",
        "\"baseline_median\"",
        "\"spikes\"",
        "\"trend\"",
        "\"slope_per_week\"",
        "\"ci95\"",
        "\"direction\"",
        "\"activities\"",
        "\"name\"",
        "\"days_with\"",
        "\"days_without\"",
        "\"numbness_diff\"",
        "\"numbness_ci95\"",
        "\"mood_diff\"",
        "\"mood_ci95\"",
        "\"enough_data\"",
        "\"next_day_days_with\"",
        "\"coping\"",
        "\"technique\"",
        "\"sessions\"",
        "\"mean_numbness_change\"",
        "\"triggers\"",
        "\"trigger\"",
        "\"prediction_gap\"",
        "\"activity\"",
        "\"n\"",
        "\"mean_actual_minus_predicted\"",
        "\"naming\"",
        "\"week_start\"",
        "\"distinct_sensations\"",
    ];
    let mut from = 0;
    for key in order {
        let found = text[from..].find(key).map(|i| i + from);
        assert!(found.is_some(), "{key} missing or out of order in {text}");
        from = found.unwrap_or(from);
    }
}

#[test]
fn a_late_night_check_in_counts_for_its_local_day() {
    // 23:45 in New York is already the next day in UTC.
    let mut data = Data::new("America/New_York", "2026-03-01", 1);
    data.checkins.push(checkin(
        moment("2026-03-01T23:45:00-05:00", &data.tz),
        None,
        Some(7),
    ));
    let result = data.run();
    assert_eq!(result.window.days_with_checkins, 1);
    assert_eq!(result.numbness.baseline_median, Some(7.0));

    // The same instant seen from Berlin is on the 2nd, outside the window.
    let mut berlin = data.clone();
    berlin.tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    assert_eq!(berlin.run().window.days_with_checkins, 0);
}

#[test]
fn a_dst_day_is_one_day() {
    // Berlin's 2026-03-29 has 23 hours; both entries are that day.
    let mut data = Data::new("Europe/Berlin", "2026-03-29", 1);
    data.checkins
        .push(checkin(moment("2026-03-29 00:10", &data.tz), None, Some(4)));
    data.checkins
        .push(checkin(moment("2026-03-29 23:50", &data.tz), None, Some(6)));
    let result = data.run();
    assert_eq!(result.window.days_with_checkins, 1);
    assert_eq!(result.numbness.baseline_median, Some(5.0));
}

#[test]
fn a_day_value_is_the_mean_of_that_days_ratings() {
    let mut data = Data::new("UTC", "2026-03-01", 1);
    for (time, numbness) in [("08:00", Some(2)), ("12:00", None), ("20:00", Some(7))] {
        data.checkins.push(checkin(
            moment(&format!("2026-03-01 {time}"), &data.tz),
            None,
            numbness,
        ));
    }
    assert_eq!(data.run().numbness.baseline_median, Some(4.5));
}

#[test]
fn spikes_are_judged_against_days_before_the_window() {
    let mut data = Data::new("UTC", "2026-03-01", 1);
    for (i, v) in [3, 4, 5, 4, 3, 4, 5, 4].into_iter().enumerate() {
        let day = date("2026-02-20").checked_add((i as i64).days()).unwrap();
        data.checkins.push(checkin(
            moment(&format!("{day} 09:00"), &data.tz),
            None,
            Some(v),
        ));
    }
    data.checkins
        .push(checkin(moment("2026-03-01 09:00", &data.tz), None, Some(9)));
    let result = data.run();
    assert_eq!(result.numbness.spikes.len(), 1);
    // Baseline 3,4,5,4,3,4,5,4: median 4, MAD 0.5.
    let spike = &result.numbness.spikes[0];
    assert!((spike.robust_z - 5.0 / (1.4826 * 0.5)).abs() < 1e-12);
    assert_eq!(result.numbness.trend, None, "one window day has no trend");
}

#[test]
fn skipped_logs_are_not_activities_but_count_for_the_prediction_gap() {
    let mut data = Data::new("UTC", "2026-03-01", 1);
    let at = moment("2026-03-01 09:00", &data.tz);
    data.checkins.push(checkin(at, Some(5), Some(5)));
    let mut skipped = activity_log("swim", at, Status::Skipped);
    skipped.predicted = Some(rating(2));
    skipped.actual = Some(rating(1));
    data.logs.push(skipped);
    let mut only_predicted = activity_log("walk", at, Status::Partial);
    only_predicted.predicted = Some(rating(2));
    data.logs.push(only_predicted);
    let result = data.run();
    let names: Vec<&str> = result.activities.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["walk"]);
    assert_eq!(result.prediction_gap.len(), 1);
    assert_eq!(result.prediction_gap[0].activity, "swim");
    assert_eq!(result.prediction_gap[0].mean_actual_minus_predicted, -1.0);
}

#[test]
fn an_activity_on_every_rated_day_has_no_difference() {
    let mut data = Data::new("UTC", "2026-03-02", 2);
    for day in ["2026-03-01", "2026-03-02"] {
        let at = moment(&format!("{day} 09:00"), &data.tz);
        data.checkins.push(checkin(at, Some(5), Some(5)));
        data.logs.push(activity_log("walk", at, Status::Done));
    }
    let walk = &data.run().activities[0];
    assert_eq!((walk.days_with, walk.days_without), (2, 0));
    assert_eq!(
        (walk.numbness_diff, walk.numbness_ci95, walk.enough_data),
        (None, None, false)
    );
}

#[test]
fn triggers_merge_spellings_and_keep_the_first() {
    let mut data = Data::new("UTC", "2026-03-02", 2);
    let mut later = checkin(moment("2026-03-02 09:00", &data.tz), None, Some(6));
    later.triggers = vec!["poor sleep".into()];
    let mut earlier = checkin(moment("2026-03-01 09:00", &data.tz), None, None);
    earlier.triggers = vec![" Poor Sleep ".into(), "   ".into()];
    data.checkins = vec![later, earlier];
    let triggers = data.run().triggers;
    assert_eq!(triggers.len(), 1);
    assert_eq!(triggers[0].trigger, "Poor Sleep");
    // Only the 2nd has a numbness value.
    assert_eq!((triggers[0].days_with, triggers[0].days_without), (1, 0));
}

#[test]
fn coping_needs_both_ratings_and_three_sessions_for_an_interval() {
    let mut data = Data::new("UTC", "2026-03-03", 3);
    for (day, before, after) in [
        ("2026-03-01", Some(8), Some(6)),
        ("2026-03-02", Some(7), None),
        ("2026-03-03", Some(6), Some(5)),
        ("2026-02-28", Some(9), Some(1)), // before the window
    ] {
        data.sessions.push(session(
            "breaths",
            moment(&format!("{day} 21:00"), &data.tz),
            before,
            after,
        ));
    }
    let coping = data.run().coping;
    assert_eq!(coping.len(), 1);
    assert_eq!(
        (
            coping[0].sessions,
            coping[0].mean_numbness_change,
            coping[0].ci95
        ),
        (2, -1.5, None)
    );
}

#[test]
fn a_window_of_zero_days_is_empty() {
    let mut data = Data::new("UTC", "2026-03-01", 0);
    data.checkins.push(checkin(
        moment("2026-03-01 09:00", &data.tz),
        Some(5),
        Some(5),
    ));
    let result = data.run();
    assert_eq!(result.window.days_with_checkins, 0);
    assert!(result.naming.is_empty());
    assert_eq!(result.numbness.baseline_median, None);
}

#[test]
fn a_huge_window_does_not_panic() {
    let mut data = Data::new("UTC", "2026-03-01", u32::MAX);
    data.checkins.push(checkin(
        moment("2026-03-01 09:00", &data.tz),
        Some(5),
        Some(5),
    ));
    data.checkins.push(checkin(
        moment("2026-02-01 09:00", &data.tz),
        Some(5),
        Some(4),
    ));
    let result = data.run();
    assert_eq!(result.window.days_with_checkins, 2);
    assert_eq!(
        result.numbness.trend.map(|t| t.direction),
        Some(Direction::Rising)
    );
}

#[test]
fn naming_counts_distinct_sensations_per_iso_week() {
    // 2026-03-01 is a Sunday: the window touches two ISO weeks.
    let mut data = Data::new("UTC", "2026-03-03", 3);
    for (day, words) in [
        ("2026-03-01", vec!["Heavy", "tight chest"]),
        ("2026-03-02", vec!["heavy ", "calm"]),
        ("2026-03-03", vec!["HEAVY"]),
        ("2026-02-28", vec!["outside"]),
    ] {
        let mut c = checkin(moment(&format!("{day} 09:00"), &data.tz), None, None);
        c.sensations = words.into_iter().map(String::from).collect();
        data.checkins.push(c);
    }
    let naming = serde_json::to_value(data.run().naming).unwrap();
    assert_eq!(
        naming,
        json!([
            {"week_start": "2026-02-23", "distinct_sensations": 2},
            {"week_start": "2026-03-02", "distinct_sensations": 2}
        ])
    );
}
