//! End-to-end: `thaw activity add|log` and `thaw activities`.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use thaw_testkit::cli::Cli;

fn thaw() -> Cli {
    Cli::new(Path::new(env!("CARGO_BIN_EXE_thaw")))
}

#[test]
fn an_activity_with_smaller_versions_and_a_schedule() {
    let t = thaw();
    let empty = t.ok(&["activities"]);
    assert!(
        empty.contains("thaw activity add"),
        "an empty library says what to do: {empty}"
    );
    let added = t.json(&[
        "activity",
        "add",
        "walk",
        "--small",
        "walk to the corner",
        "--minimal",
        "step outside for a minute",
        "--every",
        "mon,wed,fri",
        "--time",
        "08:00",
        "--value",
        "health",
    ]);
    assert_eq!(added["every"], "FREQ=WEEKLY;BYDAY=MO,WE,FR");
    assert_eq!(added["time"], "08:00");
    let list = t.json(&["activities"]);
    assert_eq!(
        list["activities"][0]["minimal"],
        "step outside for a minute"
    );
    assert!(list["starters"].as_array().unwrap().len() >= 30);
    assert!(t.ok(&["activities"]).contains("when: mon,wed,fri at 08:00"));
}

#[test]
fn an_invalid_rule_exits_2_naming_the_problem_and_stores_nothing() {
    let t = thaw();
    for (args, field) in [
        (&["--every", "FREQ=HOURLY"][..], "--every"),
        (&["--every", "sometimes"], "--every"),
        (&["--every", "FREQ=WEEKLY;BYDAY=1MO"], "--every"),
        (&["--time", "8am"], "--time"),
    ] {
        let mut all = vec!["activity", "add", "walk"];
        all.extend_from_slice(args);
        let out = t.run(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(field) && err.contains("Nothing was saved"),
            "{err}"
        );
    }
    assert!(!t.data.join("thaw.db").exists());
}

#[test]
fn a_starter_brings_its_smaller_versions_and_logs_say_the_gap_kindly() {
    let t = thaw();
    let starter = thaw_core::library::LIBRARY[0];
    let added = t.json(&["activity", "add", starter.name]);
    assert_eq!(added["minimal"], starter.minimal);
    let log = t.ok(&[
        "activity",
        "log",
        starter.name,
        "--tier",
        "small",
        "--predicted",
        "3",
        "--actual",
        "6",
    ]);
    assert!(log.contains("better than you expected, by 3"), "{log}");
    let skipped = t.ok(&["activity", "log", "something new", "--status", "skipped"]);
    assert!(skipped.contains("maybe tomorrow"));
    assert_eq!(
        t.run(&["activity", "log", "walk", "--predicted", "11"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        t.run(&["activity", "log", "walk", "--status", "failed"])
            .status
            .code(),
        Some(2)
    );
    let doc: serde_json::Value =
        serde_json::from_str(&t.ok(&["export", "json", "--out", "-"])).unwrap();
    assert_eq!(doc["activity_logs"].as_array().unwrap().len(), 2);
    assert_eq!(doc["activity_logs"][0]["tier"], "small");
}

#[test]
fn today_offers_the_version_that_fits_the_energy() {
    let t = thaw();
    t.ok(&["config", "set", "timezone", "Europe/Berlin"]);
    t.ok(&[
        "activity",
        "add",
        "walk",
        "--small",
        "walk to the corner",
        "--minimal",
        "step outside for a minute",
        "--every",
        "mon,wed,fri",
        "--time",
        "08:00",
    ]);
    // 2030-03-06 is a Wednesday; the activity was added before it.
    let full = t.json(&["today", "--energy", "8", "--date", "2030-03-06"]);
    assert_eq!(full["items"][0]["tier"], "full");
    assert_eq!(full["items"][0]["text"], "walk");
    let low = t.json(&["today", "--energy", "2", "--date", "2030-03-06"]);
    let tier = low["items"][0]["tier"].as_str().unwrap();
    assert!(tier == "small" || tier == "minimal", "{low}");
    assert!(
        !low["items"][0]["text"].as_str().unwrap().is_empty(),
        "never nothing"
    );
    let thursday = t.json(&["today", "--energy", "8", "--date", "2030-03-07"]);
    assert!(thursday["items"].as_array().unwrap().is_empty());
    assert!(
        t.ok(&["today", "--date", "2030-03-07"])
            .contains("Nothing scheduled today")
    );
    assert!(
        t.ok(&["today", "--energy", "3", "--date", "2030-03-08"])
            .contains("smaller versions")
    );
    assert_eq!(t.run(&["today", "--energy", "11"]).status.code(), Some(2));
}
