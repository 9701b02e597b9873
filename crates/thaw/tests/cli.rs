//! End-to-end: the real `thaw` binary, as a person or a script runs it.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Stdio};

use thaw_testkit::cli::Cli;

struct Thaw(Cli);

impl std::ops::Deref for Thaw {
    type Target = Cli;
    fn deref(&self) -> &Cli {
        &self.0
    }
}

impl Thaw {
    fn new() -> Self {
        Self(Cli::new(Path::new(env!("CARGO_BIN_EXE_thaw"))))
    }

    fn count(&self) -> usize {
        self.json(&["checkins"])["checkins"]
            .as_array()
            .unwrap()
            .len()
    }
}

#[test]
fn the_spec_example_prints_the_spec_json_and_is_listed() {
    let t = Thaw::new();
    let saved = t.json(&[
        "checkin",
        "--mood",
        "4",
        "--numbness",
        "7",
        "--energy",
        "3",
        "--feel",
        "I feel detached",
        "--trigger",
        "poor sleep",
        "--plan",
        "short walk",
        "--at",
        "2026-03-01T23:30:00-05:00",
    ]);
    assert_eq!(saved["at"], "2026-03-01T23:30:00-05:00");
    assert_eq!(
        (
            saved["mood"].as_u64(),
            saved["numbness"].as_u64(),
            saved["energy"].as_u64()
        ),
        (Some(4), Some(7), Some(3))
    );
    assert!(
        saved["pleasure"].is_null() && saved["connection"].is_null() && saved["note"].is_null()
    );
    assert_eq!(saved["sensations"], serde_json::json!(["I feel detached"]));
    assert_eq!(saved["triggers"], serde_json::json!(["poor sleep"]));
    assert_eq!(saved["plan"], "short walk");
    let keys: Vec<_> = saved.as_object().unwrap().keys().cloned().collect();
    for k in [
        "id",
        "at",
        "mood",
        "numbness",
        "energy",
        "pleasure",
        "connection",
        "sensations",
        "triggers",
        "note",
        "plan",
    ] {
        assert!(keys.contains(&k.to_string()), "{k}");
    }
    assert_eq!(
        saved["risk_flag"], false,
        "a saved check-in says whether its words suggest risk"
    );
    assert!(saved["crisis_resources"].is_null());
    let mut stored = saved.clone();
    let fields = stored.as_object_mut().unwrap();
    fields.remove("risk_flag");
    fields.remove("crisis_resources");
    let list = t.json(&["checkins"]);
    assert_eq!(list["checkins"], serde_json::json!([stored]));
}

#[test]
fn bad_input_exits_2_names_the_field_and_writes_nothing() {
    let t = Thaw::new();
    let cases: &[(&[&str], &str)] = &[
        (&["--mood", "11"], "--mood"),
        (&["--numbness", "-1"], "--numbness"),
        (&["--energy", "abc"], "--energy"),
        (&["--at", "yesterdayish"], "--at"),
        (&["--pleasure", "7.5"], "--pleasure"),
        (&["--feel", "   "], "--feel"),
    ];
    for (args, field) in cases {
        let mut all = vec!["checkin"];
        all.extend_from_slice(args);
        let out = t.run(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(field) && err.contains("Nothing was saved"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert!(!t.data.exists(), "bad input created the data folder");
    }
    t.ok(&["checkin", "--mood", "5"]);
    for (args, _) in cases {
        let mut all = vec!["checkin", "--note", "should not be saved"];
        all.extend_from_slice(args);
        assert_eq!(t.run(&all).status.code(), Some(2));
    }
    assert_eq!(t.count(), 1);
}

#[test]
fn journal_search_tags_and_therapy_filter() {
    let t = Thaw::new();
    t.ok(&[
        "journal",
        "Walked past the bakery and the smell of bread reached me",
        "--tag",
        "outside",
    ]);
    t.ok(&[
        "journal",
        "Therapy thought: numb after calls with dad",
        "--for-therapy",
    ]);
    let found = t.json(&["journal", "list", "--search", "bakery"]);
    let entries = found["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["tags"], serde_json::json!(["outside"]));
    let therapy = t.json(&["journal", "list", "--for-therapy"]);
    assert_eq!(therapy["entries"].as_array().unwrap().len(), 1);
    assert_eq!(
        therapy["entries"][0]["text"],
        "Therapy thought: numb after calls with dad"
    );
    assert_eq!(
        t.json(&["journal", "list", "--tag", "OUTSIDE"])["entries"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let all = t.json(&["journal", "list"]);
    assert_eq!(
        all["entries"][0]["text"], "Therapy thought: numb after calls with dad",
        "newest first"
    );
    assert!(
        t.ok(&["journal", "list", "--search", "nothing-like-it"])
            .contains("Nothing matches")
    );
    assert_eq!(
        t.run(&["journal", "list", "--search", "***"]).status.code(),
        Some(2)
    );
}

#[test]
fn journal_reads_a_piped_entry_and_an_editor_page() {
    let t = Thaw::new();
    let out = t.piped(
        &["journal", "--tag", "piped"],
        b"From a pipe\nsecond line\n",
    );
    assert!(out.status.success());
    let entries = t.json(&["journal", "list", "--tag", "piped"]);
    assert_eq!(entries["entries"][0]["text"], "From a pipe\nsecond line");
    // An empty page keeps nothing and says so kindly.
    let out = t.piped(&["journal"], b"");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Nothing saved"));
}

#[test]
fn settings_decide_the_local_day() {
    let t = Thaw::new();
    assert_eq!(
        t.run(&["config", "set", "timezone", "Mars/Olympus"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        t.run(&["config", "set", "colour", "blue"]).status.code(),
        Some(2)
    );
    t.ok(&["config", "set", "timezone", "America/New_York"]);
    t.ok(&["config", "set", "country", "us"]);
    let all = t.json(&["config", "get"]);
    assert_eq!(
        all,
        serde_json::json!({"timezone": "America/New_York", "country": "US"})
    );
    // 23:30 in New York on 1 March is 2 March in UTC, but 1 March for this person.
    t.ok(&[
        "checkin",
        "--mood",
        "3",
        "--at",
        "2026-03-01T23:30:00-05:00",
    ]);
    t.ok(&["checkin", "--mood", "6", "--at", "2026-03-02 09:00"]);
    let day1 = t.json(&["checkins", "--from", "2026-03-01", "--to", "2026-03-01"]);
    assert_eq!(day1["checkins"].as_array().unwrap().len(), 1);
    assert_eq!(day1["checkins"][0]["mood"], 3);
    let day2 = t.json(&["checkins", "--from", "2026-03-02", "--to", "2026-03-02"]);
    assert_eq!(
        day2["checkins"][0]["at"], "2026-03-02T09:00:00-05:00",
        "a local time takes the zone's offset"
    );
    assert_eq!(
        t.run(&["checkins", "--from", "March"]).status.code(),
        Some(2)
    );
}

#[test]
fn empty_states_say_what_to_do_next() {
    let t = Thaw::new();
    assert!(t.ok(&["checkins"]).contains("thaw checkin"));
    assert!(t.ok(&["journal", "list"]).contains("thaw journal"));
    assert!(t.ok(&["feelings"]).contains("I feel detached"));
    let groups = t.json(&["feelings"])["groups"].as_array().unwrap().len();
    assert_eq!(groups, 5);
}

#[test]
fn every_command_has_help_with_an_example() {
    let t = Thaw::new();
    for cmd in [
        &["checkin"][..],
        &["checkins"],
        &["feelings"],
        &["journal"],
        &["journal", "list"],
        &["config"],
    ] {
        let mut args = cmd.to_vec();
        args.push("--help");
        let help = t.ok(&args);
        assert!(
            help.contains("Example") || help.contains("thaw checkin --feel"),
            "{cmd:?}:\n{help}"
        );
    }
    assert!(t.ok(&["--help"]).contains("Examples"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let t = Thaw::new();
    for i in 0..30 {
        t.ok(&[
            "checkin",
            "--mood",
            &(i % 11).to_string(),
            "--note",
            &"a fairly long note ".repeat(20),
        ]);
    }
    for args in ["checkins", "--json checkins"] {
        // pipefail: the status is thaw's, not head's.
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "set -o pipefail; {} --data-dir '{}' {args} | head -c 10",
                env!("CARGO_BIN_EXE_thaw"),
                t.data.display()
            ))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args}: {err}"
        );
    }
}

#[test]
fn on_a_terminal_checkin_asks_one_question_at_a_time() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("`script` (util-linux) is missing: skipping the terminal test");
        return;
    }
    let t = Thaw::new();
    let line = format!(
        "{} --data-dir '{}' checkin",
        env!("CARGO_BIN_EXE_thaw"),
        t.data.display()
    );
    let mut child = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let mut stdin = child.stdin.take().unwrap();
    // mood 3, numbness 12 (asked again) then 8, skip the rest but the plan.
    for answer in [
        "3",
        "12",
        "8",
        "",
        "",
        "",
        "I feel detached, foggy",
        "",
        "tea outside",
        "",
    ] {
        stdin.write_all(format!("{answer}\n").as_bytes()).unwrap();
        stdin.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(60));
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{screen}");
    assert!(
        screen.contains("Enter to skip") && screen.contains("Saved"),
        "{screen}"
    );
    let saved = &t.json(&["checkins"])["checkins"][0];
    assert_eq!(
        (saved["mood"].as_u64(), saved["numbness"].as_u64()),
        (Some(3), Some(8))
    );
    assert!(saved["energy"].is_null());
    assert_eq!(
        saved["sensations"],
        serde_json::json!(["I feel detached", "foggy"])
    );
    assert_eq!(saved["plan"], "tea outside");
}

fn integrity_ok(db: &Path) -> bool {
    let conn = rusqlite::Connection::open(db).unwrap();
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    verdict == "ok"
}

/// Check-ins written in a loop while the process is killed at random
/// moments: every one whose command exited 0 is there afterwards.
#[cfg(unix)]
#[test]
fn every_acknowledged_checkin_survives_sigkill() {
    let t = Thaw::new();
    t.ok(&["checkin", "--note", "first"]);
    let mut acknowledged = Vec::new();
    let mut killed = 0;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..150 {
        let note = format!("k{i}");
        let mut child = t
            .cmd(&["checkin", "--mood", &(i % 11).to_string(), "--note", &note])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        if seed % 3 == 0 {
            std::thread::sleep(std::time::Duration::from_micros(seed % 8000));
            let _ = child.kill(); // SIGKILL on Unix
            killed += 1;
        }
        if child.wait().unwrap().success() {
            acknowledged.push(note);
        }
    }
    let stored: Vec<String> = t.json(&["checkins"])["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["note"].as_str().map(str::to_owned))
        .collect();
    for note in &acknowledged {
        assert!(stored.contains(note), "acknowledged {note} was lost");
    }
    assert!(
        killed > 20 && acknowledged.len() > 50,
        "killed {killed}, acknowledged {}",
        acknowledged.len()
    );
    assert!(integrity_ok(&t.data.join("thaw.db")));
}

#[cfg(unix)]
#[test]
fn on_a_terminal_journal_opens_the_editor_with_a_prompt() {
    use std::os::unix::fs::PermissionsExt;
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("`script` (util-linux) is missing: skipping the terminal test");
        return;
    }
    let t = Thaw::new();
    let editor = t.dir.path().join("editor.sh");
    let seen = t.dir.path().join("seen.txt");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\ncp \"$1\" '{}'\nprintf 'Written in the editor\\n' >> \"$1\"\n",
            seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let line = format!(
        "{} --data-dir '{}' journal --for-therapy",
        env!("CARGO_BIN_EXE_thaw"),
        t.data.display()
    );
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("EDITOR", &editor)
        .env_remove("VISUAL")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let page = std::fs::read_to_string(&seen).unwrap();
    assert!(
        page.lines().filter(|l| l.starts_with("# ")).count() >= 2,
        "the page opens with a prompt and the help line: {page}"
    );
    let entries = t.json(&["journal", "list", "--for-therapy"]);
    assert_eq!(
        entries["entries"][0]["text"], "Written in the editor",
        "prompt lines are not saved"
    );
}
