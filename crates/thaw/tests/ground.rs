//! `thaw ground`: the timed lines from a pipe, checked input, and the
//! full-screen exercise in a real terminal (tmux).
//!
//! The terminal tests need `tmux`. Without it they say so and pass,
//! unless `THAW_TUI_TESTS=1` (CI sets it), which makes it a failure.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;
use thaw_testkit::cli::Cli;

fn thaw() -> Cli {
    Cli::new(Path::new(env!("CARGO_BIN_EXE_thaw")))
}

fn sessions(t: &Cli) -> Vec<Value> {
    let doc: Value = serde_json::from_str(&t.ok(&["export", "json", "--out", "-"])).unwrap();
    doc["grounding_sessions"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn newlines(n: usize) -> Vec<u8> {
    vec![b'\n'; n]
}

#[test]
fn senses_from_a_pipe_moves_on_at_once_and_stores_before_and_after() {
    let t = thaw();
    let started = Instant::now();
    let out = t.piped(
        &[
            "ground", "senses", "--no-tui", "--before", "7", "--after", "5",
        ],
        &newlines(40),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "piped Enters move on at once"
    );
    assert!(
        stdout
            .contains("[0:00] Sit or stand however you are. Let your eyes rest on one spot. — 8 s"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Done, and saved") && stdout.contains("Numbness 7 before, 5 after"),
        "{stdout}"
    );
    let stored = sessions(&t);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["technique"], "senses");
    assert_eq!(
        (stored[0]["before"].as_u64(), stored[0]["after"].as_u64()),
        (Some(7), Some(5))
    );
}

#[test]
fn every_exercise_completes_from_a_pipe() {
    let t = thaw();
    for technique in ["breaths", "senses", "54321", "body-scan"] {
        let out = t.piped(&["ground", technique, "--no-tui"], &newlines(40));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{technique}: {stdout}");
        assert!(stdout.contains("Done, and saved"), "{technique}: {stdout}");
        assert!(
            !stdout.contains("Numbness right now"),
            "no questions without a terminal: {stdout}"
        );
    }
    // Without a terminal, --no-tui is the default; --pace sets the breath.
    let out = t.piped(&["ground", "breaths", "--pace", "4-7-8"], &newlines(40));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Hold, gently — 7 s"), "{stdout}");
    assert!(
        stdout.contains("Breathe out, slowly, all the way — 8 s"),
        "{stdout}"
    );
    let stored: Vec<String> = sessions(&t)
        .iter()
        .map(|s| s["technique"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        stored,
        ["breaths", "senses", "54321", "body-scan", "breaths"]
    );
}

#[test]
fn with_json_the_steps_go_to_stderr_and_stdout_is_the_session() {
    let t = thaw();
    let out = t.piped(
        &["--json", "ground", "54321", "--before", "3"],
        &newlines(40),
    );
    assert!(out.status.success());
    let session: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(session["technique"], "54321");
    assert_eq!(session["before"], 3);
    assert!(session["after"].is_null());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Five things you can see."));
}

#[test]
fn bad_input_exits_2_naming_it_and_stores_nothing() {
    let t = thaw();
    for (args, named) in [
        (
            &["ground", "senses", "--before", "11"][..],
            "--before \"11\"",
        ),
        (&["ground", "senses", "--after", "-1"], "--after \"-1\""),
        (&["ground", "breaths", "--pace", "1-1"], "--pace \"1-1\""),
        (&["ground", "senses", "--pace", "4-7-8"], "--pace \"4-7-8\""),
        (&["ground", "yoga"], "technique \"yoga\""),
    ] {
        let out = t.piped(args, &newlines(40));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(named) && stderr.contains("Nothing was saved"),
            "{args:?}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{args:?}: no steps were shown");
    }
    assert!(sessions(&t).is_empty());
}

/// A tmux server of our own (its own socket), with one 100x30 window
/// running a shell line; killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// `None` (the test passes, saying why) when tmux is missing, unless
    /// `THAW_TUI_TESTS=1`.
    fn start(name: &str, line: &str) -> Option<Self> {
        if Command::new("tmux").arg("-V").output().is_err() {
            let required = std::env::var("THAW_TUI_TESTS").is_ok_and(|v| v == "1");
            assert!(!required, "THAW_TUI_TESTS=1 but tmux is missing");
            eprintln!("tmux is missing: skipping the terminal test");
            return None;
        }
        let tmux = Self {
            socket: format!("thaw-test-{}-{name}", std::process::id()),
        };
        let status = tmux
            .cmd()
            .args([
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                "100",
                "-y",
                "30",
                line,
            ])
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env_remove("THAW_DATA_DIR")
            .status()
            .unwrap();
        assert!(status.success());
        Some(tmux)
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.args(["-L", &self.socket]);
        cmd
    }

    fn keys(&self, keys: &[&str]) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "t"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn pane(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn alternate_screen(&self) -> bool {
        let out = self
            .cmd()
            .args(["display-message", "-p", "-t", "t", "#{alternate_on}"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    /// Waits until the pane shows `text`; answers the pane.
    fn wait_for(&self, text: &str) -> String {
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            let pane = self.pane();
            if pane.contains(text) {
                return pane;
            }
            if Instant::now() > until {
                panic!("the pane never showed {text:?}:\n{pane}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

/// The shell line tmux runs: the exercise, then its exit status and
/// whether the terminal is back in its usual (canonical) mode.
fn line(t: &Cli, args: &str) -> String {
    format!(
        "{} --data-dir '{}' ground {args}; echo EXITED $?; echo TERMINAL $(stty -a | grep -o -- '-\\?icanon' | head -1); sleep 60",
        env!("CARGO_BIN_EXE_thaw"),
        t.data.display()
    )
}

/// After the exercise: exited 0, the normal screen back, cooked mode.
fn assert_restored(tmux: &Tmux) {
    let pane = tmux.wait_for("TERMINAL");
    assert!(pane.contains("EXITED 0"), "{pane}");
    assert!(pane.contains("TERMINAL icanon"), "raw mode is off: {pane}");
    assert!(!tmux.alternate_screen(), "the alternate screen is left");
    assert!(
        !pane.contains("enter next") && !pane.contains("Enter to skip"),
        "the exercise is gone from the screen: {pane}"
    );
}

#[test]
fn in_a_terminal_the_breaths_are_shown_and_q_quits_cleanly() {
    let t = thaw();
    let Some(tmux) = Tmux::start("q", &line(&t, "breaths")) else {
        return;
    };
    let pane = tmux.wait_for("How numb do you feel right now?");
    assert!(pane.contains("Five slow breaths"), "{pane}");
    tmux.keys(&["6", "Enter"]);
    tmux.wait_for("Follow the shape");
    assert!(tmux.alternate_screen());
    tmux.keys(&["Enter"]);
    let pane = tmux.wait_for("Breathe in slowly (one of five)");
    for part in ["█", "space pause · enter next · q quit", " of 1:20"] {
        assert!(pane.contains(part), "{part}:\n{pane}");
    }
    tmux.keys(&["q"]);
    std::thread::sleep(Duration::from_millis(500));
    tmux.keys(&["q"]);
    assert_restored(&tmux);
    let pane = tmux.pane();
    assert!(
        pane.contains("Stopped") && pane.contains("and saved"),
        "{pane}"
    );
    let stored = sessions(&t);
    assert_eq!(stored.len(), 1, "quitting early still keeps the session");
    assert_eq!(stored[0]["technique"], "breaths");
    assert_eq!(stored[0]["before"], 6);
    assert!(stored[0]["after"].is_null(), "not asked after quitting");
    assert!(stored[0]["duration_s"].as_u64().unwrap() < 60);
}

#[test]
fn in_a_terminal_ctrl_c_quits_cleanly_and_keeps_the_session() {
    let t = thaw();
    let Some(tmux) = Tmux::start("ctrl-c", &line(&t, "senses --before 4")) else {
        return;
    };
    tmux.wait_for("Sit or stand however you are");
    tmux.keys(&["C-c"]);
    assert_restored(&tmux);
    let stored = sessions(&t);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["technique"], "senses");
    assert_eq!(stored[0]["before"], 4);
}

#[test]
fn in_a_terminal_quitting_at_the_first_question_still_records_it() {
    let t = thaw();
    let Some(tmux) = Tmux::start("first", &line(&t, "breaths")) else {
        return;
    };
    tmux.wait_for("How numb do you feel right now?");
    tmux.keys(&["q"]);
    assert_restored(&tmux);
    let stored = sessions(&t);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["technique"], "breaths");
    assert_eq!(stored[0]["duration_s"], 0);
}

#[cfg(target_os = "linux")]
#[test]
fn in_a_terminal_sigterm_restores_the_terminal_and_keeps_the_session() {
    let t = thaw();
    let Some(tmux) = Tmux::start("term", &line(&t, "breaths --before 2")) else {
        return;
    };
    tmux.wait_for("Follow the shape");
    let out = tmux
        .cmd()
        .args(["display-message", "-p", "-t", "t", "#{pane_pid}"])
        .output()
        .unwrap();
    let shell = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let Ok(children) = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
    else {
        eprintln!("/proc has no list of children here: skipping the SIGTERM test");
        return;
    };
    let thaw_pid = children.split_whitespace().next().unwrap().to_owned();
    assert!(
        Command::new("kill")
            .args(["-TERM", &thaw_pid])
            .status()
            .unwrap()
            .success()
    );
    assert_restored(&tmux);
    let stored = sessions(&t);
    assert_eq!(stored.len(), 1);
    assert_eq!(
        (
            stored[0]["technique"].as_str(),
            stored[0]["before"].as_u64()
        ),
        (Some("breaths"), Some(2))
    );
}
