//! End-to-end: `thaw import daylio|bearable|emoods|jrnl` through the real
//! binary: every row, idempotent, atomic, documented mappings.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use serde_json::Value;
use thaw_testkit::cli::Cli;

fn thaw() -> Cli {
    let t = Cli::new(Path::new(env!("CARGO_BIN_EXE_thaw")));
    t.ok(&["config", "set", "timezone", "Europe/Berlin"]);
    t
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn write(t: &Cli, name: &str, text: &str) -> String {
    let path: PathBuf = t.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn checkins(t: &Cli) -> Vec<Value> {
    t.json(&["checkins"])["checkins"]
        .as_array()
        .unwrap()
        .clone()
}

fn export(t: &Cli) -> Value {
    serde_json::from_str(&t.ok(&["export", "json", "--out", "-"])).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn mood_of(cs: &[Value], note_part: &str) -> i64 {
    cs.iter()
        .find(|c| c["note"].as_str().unwrap_or("").contains(note_part))
        .unwrap_or_else(|| panic!("no check-in with {note_part:?}"))["mood"]
        .as_i64()
        .unwrap()
}

#[test]
fn the_daylio_sample_imports_every_row_with_its_notes() {
    let t = thaw();
    let file = fixture("daylio_sample.csv");
    let out = t.ok(&["import", "daylio", &file]);
    assert_eq!(out.trim(), "Imported 5 check-ins, 7 activity records.");
    let cs = checkins(&t);
    assert_eq!(cs.len(), 5);
    let notes: Vec<&str> = cs.iter().map(|c| c["note"].as_str().unwrap()).collect();
    assert!(notes.contains(&"Flat morning, \"autopilot\""), "{notes:?}");
    assert!(
        notes.contains(&"Stayed in bed.\nCouldn't reply to anyone."),
        "{notes:?}"
    );
    assert!(
        notes.contains(&"Cooked with Jo, laughed, felt present"),
        "{notes:?}"
    );
    let (rad, good, awful) = (
        mood_of(&cs, "Cooked"),
        mood_of(&cs, "Short walk"),
        mood_of(&cs, "Stayed in bed"),
    );
    assert!(rad > good && good > awful, "{rad} {good} {awful}");
    assert_eq!((rad, good, awful), (9, 7, 1), "the documented mapping");
    // Wall-clock times in the person's zone.
    let walk = cs
        .iter()
        .find(|c| c["note"] == "Short walk before dinner")
        .unwrap();
    assert_eq!(walk["at"], "2026-02-03T20:00:00+01:00");
    // Activities become activity logs at the check-in's time.
    let doc = export(&t);
    let logs = doc["activity_logs"].as_array().unwrap();
    assert_eq!(logs.len(), 7);
    assert!(logs.iter().any(|l| l["activity"] == "bad sleep"
        && l["at"] == "2026-02-02T18:40:00+01:00"
        && l["status"] == "done"
        && l["tier"] == "full"));
}

#[test]
fn a_second_import_adds_nothing() {
    let t = thaw();
    let file = fixture("daylio_sample.csv");
    t.ok(&["import", "daylio", &file]);
    let before = export(&t);
    let out = t.ok(&["import", "daylio", &file]);
    assert_eq!(
        out.trim(),
        "Nothing new: everything in this file is already here."
    );
    let mut after = export(&t);
    let mut before = before;
    before.as_object_mut().unwrap().remove("exported_at");
    after.as_object_mut().unwrap().remove("exported_at");
    assert_eq!(before, after);
}

#[test]
fn dry_run_writes_nothing() {
    let t = thaw();
    let file = fixture("daylio_sample.csv");
    let out = t.ok(&["import", "daylio", &file, "--dry-run"]);
    assert_eq!(
        out.trim(),
        "Would import 5 check-ins, 7 activity records. Nothing was written (dry run)."
    );
    assert!(checkins(&t).is_empty());
    let v = t.json(&["import", "daylio", &file, "--dry-run"]);
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["rows"], 5);
    assert_eq!(v["added"]["checkins"], 5);
    assert_eq!(v["added"]["activity_logs"], 7);
    assert_eq!(v["warnings"], serde_json::json!([]));
    assert!(checkins(&t).is_empty());
}

#[test]
fn a_truncated_file_exits_2_naming_its_line_and_writes_nothing() {
    let t = thaw();
    let sample = std::fs::read(fixture("daylio_sample.csv")).unwrap();
    let mut bytes = sample[..300].to_vec();
    bytes.extend_from_slice(b"2026-01-20,January 20,Tuesday,31:00 pm,good,\"unterminated");
    let path = t.dir.path().join("trunc.csv");
    std::fs::write(&path, &bytes).unwrap();
    let out = t.run(&["import", "daylio", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("line 4"), "{}", stderr(&out));
    assert!(stderr(&out).contains("Nothing was saved"));
    assert!(checkins(&t).is_empty());

    // Also after a good import: the count stays.
    t.ok(&["import", "daylio", &fixture("daylio_sample.csv")]);
    let bad_time = write(
        &t,
        "bad_time.csv",
        "full_date,date,weekday,time,mood,activities,note\n2026-01-21,January 21,Wednesday,9:00 am,good,,fine\n2026-01-20,January 20,Tuesday,31:00 pm,good,,\"x\"\n",
    );
    let out = t.run(&["import", "daylio", &bad_time]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("line 3: time \"31:00 pm\""),
        "{}",
        stderr(&out)
    );
    assert_eq!(checkins(&t).len(), 5);
}

#[test]
fn a_custom_label_warns_and_the_mood_map_maps_it() {
    let text = "full_date,date,weekday,time,mood,activities,note\n\
2026-02-03,February 3,Tuesday,10:00 pm,irritable,,Snapped at nobody in particular\n\
2026-02-02,February 2,Monday,10:04 AM,rad,,Sun came out\n";
    let t = thaw();
    let file = write(&t, "custom.csv", text);
    let out = t.run(&["import", "daylio", &file, "--dry-run"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("\"irritable\""), "{err}");
    assert!(err.contains("--mood-map \"irritable=N\""), "{err}");

    let out = t.run(&["import", "daylio", &file, "--mood-map", "Irritable=3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("irritable"), "{}", stderr(&out));
    let cs = checkins(&t);
    assert_eq!(mood_of(&cs, "Snapped"), 3);
    assert_eq!(mood_of(&cs, "Sun came out"), 9);

    // Without the map the row still imports, unrated.
    let other = thaw();
    let file = write(&other, "custom.csv", text);
    other.ok(&["import", "daylio", &file]);
    let cs = checkins(&other);
    assert_eq!(cs.len(), 2);
    let snapped = cs
        .iter()
        .find(|c| c["note"] == "Snapped at nobody in particular")
        .unwrap();
    assert_eq!(snapped["mood"], Value::Null);

    // A bad map is refused before anything happens.
    let out = other.run(&["import", "daylio", &file, "--mood-map", "irritable=12"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("mood-map"), "{}", stderr(&out));
}

#[test]
fn every_daylio_header_layout() {
    let layouts = [
        "year,date,weekday,time,mood,activities,note\n2026,February 3,Tuesday,14:58,meh,reading | tea,\"one<br>two\"\n",
        "full_date,date,weekday,time,mood,activities,note\n2026-02-03,February 3,Tuesday,14:58,meh,reading | tea,\"one<br>two\"\n",
        "full_date,date,weekday,time,mood,activities,note_title,note\n2026-02-03,February 3,Tuesday,14:58,meh,reading | tea,,\"one<br>two\"\n",
        "\u{feff}full_date,date,weekday,time,mood,activities,scales,note_title,note\r\n2026-02-03,February 3,Tuesday,2:58 pm,meh, reading|tea ,,,\"one<br/>two\"\r\n",
    ];
    for text in layouts {
        let t = thaw();
        let file = write(&t, "daylio.csv", text);
        let out = t.ok(&["import", "daylio", &file]);
        assert_eq!(
            out.trim(),
            "Imported 1 check-in, 2 activity records.",
            "{text}"
        );
        let cs = checkins(&t);
        assert_eq!(cs[0]["at"], "2026-02-03T14:58:00+01:00", "{text}");
        assert_eq!(cs[0]["mood"], 5, "{text}");
        assert_eq!(cs[0]["note"], "one\ntwo", "{text}");
    }
    let t = thaw();
    let file = write(
        &t,
        "titled.csv",
        "full_date,date,weekday,time,mood,activities,note_title,note\n2026-02-03,February 3,Tuesday,14:58,good,,A title,The note\n",
    );
    t.ok(&["import", "daylio", &file]);
    assert_eq!(checkins(&t)[0]["note"], "A title\n\nThe note");
}

#[test]
fn bearable_maps_as_documented() {
    let t = thaw();
    let file = fixture("bearable.csv");
    let out = t.ok(&["import", "bearable", &file]);
    assert_eq!(out.trim(), "Imported 5 check-ins.");
    let cs = checkins(&t);
    let morning = cs
        .iter()
        .find(|c| c["at"] == "2026-02-02T08:40:00+01:00")
        .unwrap();
    assert_eq!(morning["mood"], 3);
    assert_eq!(morning["energy"], 3, "energy 2 of 5 → 3");
    assert_eq!(morning["sensations"], serde_json::json!(["Flat", "Tired"]));
    assert_eq!(morning["note"], "Woke up heavy, \"underwater\"");
    let day = cs
        .iter()
        .find(|c| c["at"] == "2026-02-02T12:00:00+01:00")
        .unwrap();
    assert_eq!(day["mood"], Value::Null);
    assert_eq!(
        day["triggers"],
        serde_json::json!(["Poor sleep", "Alone", "Rain"])
    );
    let note = day["note"].as_str().unwrap();
    assert!(note.contains("Symptoms: pm: Numbness (Moderate)"), "{note}");
    assert!(
        note.contains("Sleep: 5:45 (Asleep 01:15 - 07:00)"),
        "{note}"
    );
    assert!(note.contains("Sleep quality: 2/5 Poor"), "{note}");
    assert!(note.contains("Grateful for: A warm shower"), "{note}");
    let am = cs
        .iter()
        .find(|c| c["at"] == "2026-02-03T09:00:00+01:00")
        .unwrap();
    assert_eq!(
        (am["mood"].as_i64(), am["energy"].as_i64()),
        (Some(7), Some(7))
    );
    assert_eq!(
        t.ok(&["import", "bearable", &file]).trim(),
        "Nothing new: everything in this file is already here."
    );
}

#[test]
fn emoods_maps_as_documented() {
    let t = thaw();
    let file = fixture("emoods_entry.csv");
    assert_eq!(
        t.ok(&["import", "emoods", &file]).trim(),
        "Imported 3 check-ins."
    );
    let cs = checkins(&t);
    let moods: Vec<i64> = cs.iter().map(|c| c["mood"].as_i64().unwrap()).collect();
    assert_eq!(moods, [2, 4, 6], "depressed 2, 1, 0");
    assert_eq!(cs[0]["at"], "2026-02-01T12:00:00+01:00");
    let note = cs[0]["note"].as_str().unwrap();
    assert!(
        note.starts_with(
            "eMoods: depressed moderate (2/3), elevated none (0/3), irritable mild (1/3), anxiety moderate (2/3)\nSleep: 6 hours"
        ),
        "{note}"
    );
    assert!(
        note.ends_with("Hard to feel anything, even music"),
        "{note}"
    );
    assert_eq!(
        t.ok(&["import", "emoods", &file]).trim(),
        "Nothing new: everything in this file is already here."
    );
}

#[test]
fn jrnl_entries_become_journal_entries() {
    let t = thaw();
    let file = fixture("jrnl.json");
    assert_eq!(
        t.ok(&["import", "jrnl", &file]).trim(),
        "Imported 2 journal entries."
    );
    let doc = export(&t);
    let journal = doc["journal"].as_array().unwrap();
    assert_eq!(journal.len(), 2);
    assert_eq!(journal[0]["at"], "2026-02-01T21:40:00+01:00");
    assert_eq!(
        journal[0]["text"],
        "Noticed the numbness again.\n\nEverything felt behind glass today.\nBring this up on Thursday."
    );
    assert_eq!(
        journal[0]["tags"],
        serde_json::json!(["therapy", "starred"])
    );
    assert_eq!(journal[0]["for_therapy"], false);
    assert_eq!(journal[1]["text"], "Short walk by the river.");
    assert_eq!(journal[1]["tags"], serde_json::json!(["walk"]));
    assert_eq!(
        t.ok(&["import", "jrnl", &file]).trim(),
        "Nothing new: everything in this file is already here."
    );
    let broken = write(
        &t,
        "broken.json",
        r#"{"entries": [{"date": "yesterday", "title": "x"}]}"#,
    );
    let out = t.run(&["import", "jrnl", &broken]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("entries[0].date"), "{}", stderr(&out));
}
