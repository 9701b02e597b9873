//! End-to-end: `thaw --json insights` through the real binary on the
//! scipy-made reference fixtures (`crates/thaw-insights/reference/`):
//! each fixture's data is imported as a Thaw JSON document, and every
//! field of the command's JSON must match the independent computation
//! (numbers 1e-6, interval bounds 1e-4).

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use serde_json::{Value, json};
use thaw_testkit::cli::Cli;

fn close(path: &str, got: &Value, want: &Value) {
    let tolerance = if path.contains("ci95") { 1e-4 } else { 1e-6 };
    match (got, want) {
        (Value::Number(g), Value::Number(w)) => {
            let (g, w) = (g.as_f64().unwrap(), w.as_f64().unwrap());
            assert!((g - w).abs() <= tolerance, "{path}: got {g}, expected {w}");
        }
        (Value::Array(g), Value::Array(w)) => {
            assert_eq!(g.len(), w.len(), "{path}: lengths differ");
            for (i, (g, w)) in g.iter().zip(w).enumerate() {
                close(&format!("{path}[{i}]"), g, w);
            }
        }
        (Value::Object(g), Value::Object(w)) => {
            for (k, w) in w {
                let g = g.get(k).unwrap_or_else(|| panic!("{path}.{k} is missing"));
                close(&format!("{path}.{k}"), g, w);
            }
        }
        (g, w) => assert_eq!(g, w, "{path}"),
    }
}

#[test]
fn the_command_matches_the_independent_computation_on_every_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../thaw-insights/reference/fixtures");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let fixture: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let input = &fixture["input"];
        let doc = json!({
            "format": "thaw", "version": 1, "exported_at": "2026-01-01T00:00:00Z",
            "timezone": input["timezone"],
            "checkins": input["checkins"],
            "activity_logs": input["activity_logs"],
            "grounding_sessions": input["grounding_sessions"],
        });
        let t = Cli::new(Path::new(env!("CARGO_BIN_EXE_thaw")));
        let file = t.dir.path().join("doc.json");
        std::fs::write(&file, doc.to_string()).unwrap();
        t.ok(&[
            "config",
            "set",
            "timezone",
            input["timezone"].as_str().unwrap(),
        ]);
        t.ok(&["import", "json", file.to_str().unwrap()]);
        let days = input["days"].to_string();
        let got = t.json(&[
            "insights",
            "--days",
            &days,
            "--until",
            input["until"].as_str().unwrap(),
        ]);
        close(
            &path.file_name().unwrap().to_string_lossy(),
            &got,
            &fixture["expected"],
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} fixtures");
}
