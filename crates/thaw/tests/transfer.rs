//! End-to-end: `thaw import json` and `thaw export json` through the real
//! binary: atomic, idempotent, lossless.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::{Value, json};
use thaw_testkit::cli::Cli;

fn thaw() -> Cli {
    Cli::new(Path::new(env!("CARGO_BIN_EXE_thaw")))
}

fn sample() -> Value {
    json!({
        "format": "thaw", "version": 1, "exported_at": "2026-03-01T08:30:00Z", "timezone": "Asia/Tokyo",
        "checkins": [
            {"id": "01900000-0000-7000-8000-000000000001", "at": "2026-02-27T09:05:00+09:00", "mood": 4, "numbness": 7, "energy": 3,
             "pleasure": 2, "connection": null, "sensations": ["I feel detached"], "triggers": ["poor sleep"], "note": "a, \"quoted\" note ☕", "plan": "walk"},
            {"id": "01900000-0000-7000-8000-000000000002", "at": "2026-02-27T23:45:00+09:00", "mood": null, "numbness": 5, "energy": null,
             "pleasure": null, "connection": 6, "sensations": [], "triggers": [], "note": null, "plan": null}
        ],
        "activities": [{"name": "walk", "small": "walk to the corner", "minimal": "step outside", "expect": "notice one small detail",
                        "values": ["health"], "every": "FREQ=WEEKLY;BYDAY=MO,WE,FR", "time": "08:00"}],
        "activity_logs": [{"id": "01900000-0000-7000-8000-000000000003", "activity": "walk", "at": "2026-02-27T10:00:00+09:00",
                           "tier": "small", "status": "partial", "predicted": 3, "actual": 6, "note": null}],
        "grounding_sessions": [{"id": "01900000-0000-7000-8000-000000000004", "technique": "breaths", "at": "2026-02-27T11:00:00+09:00",
                                "duration_s": 70, "before": 7, "after": 5}],
        "journal": [{"id": "01900000-0000-7000-8000-000000000005", "at": "2026-02-27T12:00:00+09:00", "text": "Line one\nline two",
                     "tags": ["work"], "for_therapy": true}],
        "screeners": [{"id": "01900000-0000-7000-8000-000000000006", "instrument": "phq9", "at": "2026-02-27T13:00:00+09:00",
                       "answers": [1, 2, 0, 3, 1, 0, 2, 1, null]}],
        "values": [{"name": "connection", "why": "people keep me warm"}, {"name": "calm", "why": null}],
        "value_actions": [{"id": "01900000-0000-7000-8000-000000000007", "value": "connection", "at": "2026-02-27T18:00:00+09:00",
                           "text": "called my sister"}],
        "wins": [{"id": "01900000-0000-7000-8000-000000000008", "at": "2026-02-27T20:00:00+09:00", "text": "cooked, with \"care\""}],
        "social_steps": [{"name": "text a friend", "difficulty": 20}, {"name": "call mum", "difficulty": 60}],
        "social_attempts": [{"id": "01900000-0000-7000-8000-000000000009", "step": "text a friend", "at": "2026-02-27T19:00:00+09:00",
                             "comfort": 70}],
        "selfcare": [{"name": "hydration", "every": "FREQ=DAILY", "time": "10:00"}],
        "selfcare_logs": [{"id": "01900000-0000-7000-8000-00000000000a", "name": "hydration", "at": "2026-02-27T10:10:00+09:00"}],
        "safety_plan": {"warning_signs": ["Staying in bed"], "coping": [], "distractions": [], "people": ["My sister"],
                        "professionals": [], "safe_environment": [], "reasons_for_living": ["The dog"]},
        "relapse_plan": {"warning_signs": ["Music goes flat"], "steps": ["Reach out"]}
    })
}

fn write(dir: &Path, name: &str, v: &Value) -> String {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(v).unwrap()).unwrap();
    path.display().to_string()
}

fn export(t: &Cli) -> Value {
    let mut doc: Value = serde_json::from_str(&t.ok(&["export", "json", "--out", "-"])).unwrap();
    doc.as_object_mut().unwrap().remove("exported_at");
    doc
}

#[test]
fn export_import_export_is_lossless() {
    let t = thaw();
    let file = write(t.dir.path(), "in.json", &sample());
    assert!(
        t.ok(&["import", "json", &file])
            .contains("Imported 2 check-ins")
    );
    let first = export(&t);
    let mut expected = sample();
    expected.as_object_mut().unwrap().remove("exported_at");
    assert_eq!(
        first, expected,
        "the export gives back exactly what was imported"
    );

    let again = thaw();
    let out = t.dir.path().join("out.json");
    t.ok(&["export", "json", "--out", out.to_str().unwrap()]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600,
            "exports are private"
        );
    }
    again.ok(&["import", "json", out.to_str().unwrap()]);
    assert_eq!(export(&again), first);
    assert_eq!(
        again.json(&["config", "get"])["timezone"],
        "Asia/Tokyo",
        "an empty folder takes the document's zone"
    );
}

#[test]
fn importing_twice_adds_nothing_and_dry_run_writes_nothing() {
    let t = thaw();
    let file = write(t.dir.path(), "in.json", &sample());
    let dry = t.json(&["import", "json", &file, "--dry-run"]);
    assert_eq!(dry["added"]["checkins"], 2);
    assert!(
        t.json(&["checkins"])["checkins"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    t.ok(&["import", "json", &file]);
    assert!(t.ok(&["import", "json", &file]).contains("Nothing new"));
    assert_eq!(
        t.json(&["checkins"])["checkins"].as_array().unwrap().len(),
        2
    );
}

#[test]
fn a_bad_record_exits_2_names_it_and_writes_nothing() {
    let t = thaw();
    let cases = [
        ("/checkins/1/mood", json!(11), "checkins[1].mood"),
        ("/checkins/0/at", json!("yesterday"), "checkins[0].at"),
        (
            "/screeners/0/instrument",
            json!("phq10"),
            "screeners[0].instrument",
        ),
        (
            "/activity_logs/0/status",
            json!("failed"),
            "activity_logs[0].status",
        ),
    ];
    for (pointer, bad, field) in cases {
        let mut doc = sample();
        *doc.pointer_mut(pointer).unwrap() = bad;
        let file = write(t.dir.path(), "bad.json", &doc);
        let out = t.run(&["import", "json", &file]);
        assert_eq!(out.status.code(), Some(2), "{pointer}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(field) && err.contains("Nothing was saved"),
            "{err}"
        );
    }
    std::fs::write(t.dir.path().join("broken.json"), "{\"format\": \"thaw\", ").unwrap();
    let out = t.run(&[
        "import",
        "json",
        t.dir.path().join("broken.json").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        t.run(&["import", "json", "/no/such/file.json"])
            .status
            .code(),
        Some(2)
    );
    let mut newer = sample();
    newer["version"] = json!(2);
    let out = t.run(&["import", "json", &write(t.dir.path(), "newer.json", &newer)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer Thaw"));
    assert!(!t.data.join("thaw.db").exists(), "nothing was written");
}

#[test]
fn export_to_stdout_is_one_json_document() {
    let t = thaw();
    let out = t.piped(
        &["import", "json", "/dev/stdin"],
        sample().to_string().as_bytes(),
    );
    assert!(out.status.success());
    let doc = export(&t);
    assert_eq!(doc["format"], "thaw");
    assert_eq!(doc["checkins"].as_array().unwrap().len(), 2);
}
