//! End-to-end: the first minute and the conventions — `thaw` with no
//! command (first run, then the start screen), the start section of the
//! web app's front page, `--version`, `--plain`, shell completions, the
//! man page and `thaw doctor`, through the real binary.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use thaw_testkit::cli::Cli;
use thaw_testkit::server::Served;

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_thaw"))
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        text(&out),
        String::from_utf8_lossy(&out.stderr)
    );
    text(&out)
}

#[test]
fn the_first_run_explains_thaw_and_later_runs_show_only_the_start_screen() {
    let cli = Cli::new(bin());
    let first = ok(cli.run(&[]));
    assert!(first.contains("Welcome to Thaw"), "{first}");
    assert!(
        first.contains(&cli.data.display().to_string()),
        "names the folder"
    );
    assert!(first.contains("Nothing leaves it"), "{first}");
    assert!(first.contains("No check-in yet today."), "{first}");
    assert!(first.contains("thaw checkin"), "{first}");

    let second = ok(cli.run(&[]));
    assert!(!second.contains("Welcome to Thaw"), "{second}");
    assert!(second.contains("No check-in yet today."), "{second}");
    assert!(
        first.ends_with(&second),
        "the same screen, without the welcome"
    );
}

#[test]
fn the_start_screen_follows_the_day() {
    let cli = Cli::new(bin());
    ok(cli.run(&["checkin", "--mood", "3", "--numbness", "8"]));
    ok(cli.run(&[
        "activity", "add", "walk", "--every", "daily", "--time", "00:00",
    ]));
    let screen = ok(cli.run(&[]));
    assert!(screen.contains("mood 3 · numbness 8"), "{screen}");
    assert!(screen.contains("Today's plan: 0 of 1 done"), "{screen}");
    assert!(screen.contains("Its time has come: 00:00 walk"), "{screen}");
    assert!(
        screen.contains("thaw ground senses"),
        "high numbness puts grounding first: {screen}"
    );

    let json: Value = serde_json::from_str(&ok(cli.run(&["--json"]))).unwrap();
    assert_eq!(json["checkins_today"], 1);
    assert_eq!(json["latest"]["numbness"], 8);
    assert_eq!(json["planned"], 1);
    assert_eq!(json["due"][0]["what"], "walk");
    let next = json["next"].as_array().unwrap();
    assert_eq!(next.len(), 3);
    assert_eq!(next[0]["command"], "thaw ground senses");
    assert_eq!(next[0]["path"], "/ground/senses");
}

#[test]
fn plain_output_has_no_colour_symbols_or_animation() {
    let cli = Cli::new(bin());
    ok(cli.run(&["checkin", "--mood", "3", "--numbness", "8"]));
    ok(cli.run(&["wins", "add", "made tea"]));
    for args in [&[][..], &["wins"], &["checkins"], &["feelings"], &["today"]] {
        let mut plain_args = vec!["--plain"];
        plain_args.extend_from_slice(args);
        let out = ok(cli
            .cmd(&plain_args)
            .env_remove("NO_COLOR")
            .output()
            .unwrap());
        for symbol in ['✓', '·', '♡', '›', '→', '█', '\u{1b}'] {
            assert!(!out.contains(symbol), "{args:?} shows {symbol:?}: {out}");
        }
        assert!(
            !out.contains(" ,"),
            "{args:?}: a mark became a stray comma: {out}"
        );
    }
    let by_env = ok(cli.cmd(&["wins"]).env("THAW_PLAIN", "1").output().unwrap());
    assert!(!by_env.contains('✓'), "{by_env}");
    assert!(
        ok(cli.run(&["wins"])).contains('✓'),
        "marks stay for everyone else"
    );
}

#[test]
fn the_version_names_the_commit() {
    let out = ok(Command::new(bin()).arg("--version").output().unwrap());
    let version = out.trim();
    assert!(version.starts_with("thaw 0."), "{version}");
    let inside = version
        .split_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .unwrap();
    let commit = inside.split(' ').next().unwrap();
    assert!(
        commit == "unknown"
            || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{version}"
    );
}

#[test]
fn bash_completions_load_and_complete_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("thaw.bash");
    fs::write(
        &script,
        ok(Command::new(bin())
            .args(["completions", "bash"])
            .output()
            .unwrap()),
    )
    .unwrap();
    let probe = format!(
        "source '{}' && complete -p thaw >/dev/null && \
         COMP_WORDS=(thaw doc) COMP_CWORD=1 COMP_LINE='thaw doc' COMP_POINT=8 && \
         _thaw thaw doc thaw && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let Ok(out) = Command::new("bash").args(["-c", &probe]).output() else {
        eprintln!("skipping: no bash");
        return;
    };
    let offered = ok(out);
    assert!(offered.lines().any(|l| l == "doctor"), "{offered}");

    for shell in ["zsh", "fish"] {
        let script = ok(Command::new(bin())
            .args(["completions", shell])
            .output()
            .unwrap());
        assert!(
            script.contains("checkin") && script.contains("doctor"),
            "{shell}"
        );
    }
    let bad = Command::new(bin())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_man_page_renders_and_one_page_per_command_can_be_installed() {
    let page = ok(Command::new(bin()).arg("man").output().unwrap());
    assert!(
        page.starts_with(".ie") || page.contains(".TH thaw 1"),
        "{page}"
    );
    for section in [
        "SYNOPSIS",
        "EXAMPLES",
        "ENVIRONMENT",
        "FILES",
        "EXIT STATUS",
    ] {
        assert!(page.contains(section), "{section}");
    }
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    ok(Command::new(bin())
        .args(["man", "--dir"])
        .arg(&pages)
        .output()
        .unwrap());
    for name in [
        "thaw.1",
        "thaw-checkin.1",
        "thaw-doctor.1",
        "thaw-activity-add.1",
    ] {
        assert!(pages.join(name).is_file(), "{name}");
    }
    let file = dir.path().join("thaw.1");
    fs::write(&file, &page).unwrap();
    let Ok(out) = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("COLUMNS", "100")
        .output()
    else {
        eprintln!("skipping the rendering: no man");
        return;
    };
    let shown = ok(out);
    assert!(shown.contains("thaw-checkin(1)"), "{shown}");
    assert!(shown.contains("Record how you are right now"), "{shown}");
}

#[test]
fn the_doctor_passes_a_healthy_folder_and_names_a_damaged_database_and_its_fix() {
    let cli = Cli::new(bin());
    let nothing_yet = ok(cli.run(&["doctor"]));
    assert!(nothing_yet.contains("no data folder"), "{nothing_yet}");
    assert!(!cli.data.exists(), "the doctor made nothing");

    ok(cli.run(&["checkin", "--mood", "5"]));
    let healthy = ok(cli.run(&["doctor"]));
    assert!(healthy.contains("integrity check passes"), "{healthy}");
    let json: Value = serde_json::from_str(&ok(cli.run(&["--json", "doctor"]))).unwrap();
    assert_eq!(json["healthy"], true);
    assert!(json["findings"].as_array().unwrap().len() >= 6);

    let backup = cli.dir.path().join("before.backup");
    ok(cli.cmd(&["backup"]).arg(&backup).output().unwrap());
    let db = cli.data.join("thaw.db");
    fs::OpenOptions::new()
        .write(true)
        .open(&db)
        .unwrap()
        .set_len(1000)
        .unwrap();
    for journal in ["thaw.db-wal", "thaw.db-shm"] {
        let _ = fs::remove_file(cli.data.join(journal));
    }
    let damaged = cli.run(&["doctor"]);
    assert_eq!(damaged.status.code(), Some(1));
    let said = text(&damaged);
    assert!(said.contains("PROBLEM"), "{said}");
    assert!(said.contains("damaged"), "{said}");
    assert!(
        said.contains(&format!("thaw restore {}", backup.display())),
        "the fix names the backup: {said}"
    );
    let json = cli.run(&["--json", "doctor"]);
    assert_eq!(json.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["healthy"], false);
    assert_eq!(
        fs::metadata(&db).unwrap().len(),
        1000,
        "the doctor only reads"
    );
}

#[test]
fn the_web_front_page_offers_the_same_next_steps() {
    let dir = tempfile::tempdir().unwrap();
    let s = Served::start(bin(), &dir.path().join("data")).unwrap();
    let cookie = s.login().unwrap();
    let page = s.get("/", &[("Cookie", &cookie)]).unwrap();
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Before you start"),
        "the first visit explains"
    );
    assert!(page.body.contains("Next, if you like"), "{}", page.body);
    assert!(
        page.body.contains("href=\"#checkin\""),
        "check in, right here"
    );
    assert!(page.body.contains("href=\"/plan/week\""), "{}", page.body);
    assert!(
        page.body.contains("href=\"/ground/breaths\""),
        "{}",
        page.body
    );
}
