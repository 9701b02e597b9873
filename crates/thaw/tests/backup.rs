//! End-to-end: `thaw backup`, `thaw forget --everything`, `thaw restore`.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::Value;
use thaw_testkit::cli::Cli;

fn thaw() -> Cli {
    Cli::new(Path::new(env!("CARGO_BIN_EXE_thaw")))
}

fn export(t: &Cli) -> Value {
    let mut doc: Value = serde_json::from_str(&t.ok(&["export", "json", "--out", "-"])).unwrap();
    doc.as_object_mut().unwrap().remove("exported_at");
    doc
}

#[test]
fn backup_then_forget_then_restore_gives_the_same_export() {
    let t = thaw();
    t.ok(&["config", "set", "timezone", "Europe/Berlin"]);
    t.ok(&["checkin", "--mood", "4", "--note", "a, \"quoted\" note"]);
    t.ok(&["journal", "a quiet day", "--tag", "home"]);
    t.ok(&["values", "add", "calm", "--why", "quiet helps"]);
    t.ok(&["screen", "phq9", "--answers", "1,1,1,1,1,1,1,1,0"]);
    let before = export(&t);
    let file = t.dir.path().join("all.backup");
    let file = file.to_str().unwrap();
    assert!(t.ok(&["backup", file]).contains("1 check-in"));
    assert_eq!(
        t.run(&["backup", file]).status.code(),
        Some(2),
        "never overwrites"
    );

    let refused = t.run(&["forget", "--everything"]);
    assert_eq!(
        refused.status.code(),
        Some(1),
        "without confirmation nothing goes"
    );
    assert_eq!(export(&t), before);
    let forgot = t.piped(&["forget", "--everything"], b"y\n");
    assert!(
        forgot.status.success(),
        "{}",
        String::from_utf8_lossy(&forgot.stderr)
    );
    assert!(!t.data.join("thaw.db").exists() && !t.data.join("config.toml").exists());
    assert!(Path::new(file).exists(), "the backup stays unless asked");

    let restored = t.ok(&["restore", file]);
    assert!(restored.contains("Restored"), "{restored}");
    assert_eq!(export(&t), before, "the same document, time zone included");

    t.ok(&["forget", "--everything", "--backups", "--yes"]);
    assert!(!Path::new(file).exists(), "asked to, the backups go too");
}

#[test]
fn a_file_that_is_not_a_backup_is_refused_and_nothing_changes() {
    let t = thaw();
    t.ok(&["checkin", "--mood", "6"]);
    let junk = t.dir.path().join("junk.backup");
    std::fs::write(&junk, "SQLite format 3\0 but not really").unwrap();
    let out = t.run(&["restore", junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("thaw backup"), "{err}");
    assert_eq!(
        t.json(&["checkins"])["checkins"].as_array().unwrap().len(),
        1
    );
}
