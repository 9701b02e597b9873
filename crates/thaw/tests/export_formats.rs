//! End-to-end: `thaw export csv` and `thaw export fhir` through the binary.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use thaw_testkit::cli::Cli;

fn thaw() -> Cli {
    Cli::new(Path::new(env!("CARGO_BIN_EXE_thaw")))
}

fn seed(t: &Cli) {
    t.ok(&["config", "set", "timezone", "Europe/Berlin"]);
    t.ok(&[
        "checkin",
        "--mood",
        "4",
        "--numbness",
        "7",
        "--note",
        "=1+1, \"quoted\"",
        "--at",
        "2026-03-01 09:00",
    ]);
    t.ok(&["checkin", "--mood", "6", "--at", "2026-03-02 09:00"]);
    t.ok(&["screen", "phq9", "--answers", "2,2,1,1,1,0,1,0,0"]);
}

#[test]
fn csv_is_a_folder_of_tables_safe_to_open_in_a_spreadsheet() {
    let t = thaw();
    seed(&t);
    let out = t.dir.path().join("csv");
    let said = t.ok(&["export", "csv", "--out", out.to_str().unwrap()]);
    assert!(said.contains("README.txt"), "{said}");
    let checkins = std::fs::read_to_string(out.join("checkins.csv")).unwrap();
    let header = checkins
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap();
    assert!(
        header.contains("mood") && header.contains("local_date"),
        "{header}"
    );
    assert!(
        checkins.contains("\"'=1+1, \"\"quoted\"\"\""),
        "neutralised and quoted: {checkins}"
    );
    assert!(
        std::fs::read_to_string(out.join("screeners.csv"))
            .unwrap()
            .contains("phq9")
    );
    // Again into the same folder is fine; into someone else's folder is not.
    t.ok(&["export", "csv", "--out", out.to_str().unwrap()]);
    let foreign = t.dir.path().join("photos");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("holiday.jpg"), b"x").unwrap();
    let refused = t.run(&["export", "csv", "--out", foreign.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--out"));
    assert_eq!(
        std::fs::read_dir(&foreign).unwrap().count(),
        1,
        "nothing written there"
    );
}

#[test]
fn fhir_is_a_bundle_with_loinc_coded_screeners_and_daily_mood() {
    let t = thaw();
    seed(&t);
    let doc: serde_json::Value =
        serde_json::from_str(&t.ok(&["export", "fhir", "--out", "-"])).unwrap();
    assert_eq!(doc["resourceType"], "Bundle");
    let text = doc.to_string();
    for code in ["http://loinc.org", "44261-6", "44249-1"] {
        assert!(text.contains(code), "{code}");
    }
    let observations = doc["entry"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["resource"]["resourceType"] == "Observation")
        .count();
    assert_eq!(
        observations, 4,
        "a PHQ-9 total, two days of mood, one of numbness"
    );
    let total = doc["entry"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|e| e["resource"]["valueInteger"].as_i64())
        .unwrap();
    assert_eq!(total, 8, "the total is derived from the answers");
}
