//! End-to-end: `thaw encrypt`, the passphrase, `thaw decrypt`, and
//! backups of an encrypted folder, through the real binary.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Output;

use thaw_testkit::cli::Cli;
use thaw_testkit::server::Served;

const PASS: &str = "correct horse battery";

fn thaw() -> Cli {
    Cli::new(Path::new(env!("CARGO_BIN_EXE_thaw")))
}

fn with(t: &Cli, passphrase: &str, args: &[&str]) -> Output {
    t.cmd(args)
        .env("THAW_PASSPHRASE", passphrase)
        .output()
        .unwrap()
}

fn ok_with(t: &Cli, passphrase: &str, args: &[&str]) -> String {
    let out = with(t, passphrase, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// True if any file in `dir` holds `needle` (what `grep -r` or `strings`
/// would find).
fn folder_holds(dir: &Path, needle: &str) -> bool {
    std::fs::read_dir(dir).unwrap().flatten().any(|e| {
        let bytes = std::fs::read(e.path()).unwrap_or_default();
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    })
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn an_encrypted_folder_holds_no_plaintext_and_a_wrong_passphrase_is_one_clear_error() {
    let t = thaw();
    let said = ok_with(&t, PASS, &["encrypt"]);
    assert!(said.contains("Encrypted"), "{said}");
    ok_with(
        &t,
        PASS,
        &["checkin", "--mood", "5", "--note", "zebra-secret-note"],
    );
    ok_with(
        &t,
        PASS,
        &["journal", "okapi-private-words", "--tag", "home"],
    );

    let db = std::fs::read(t.data.join("thaw.db")).unwrap();
    assert!(!db.starts_with(b"SQLite format 3"));
    assert!(!folder_holds(&t.data, "zebra-secret-note"));
    assert!(!folder_holds(&t.data, "okapi-private-words"));

    let wrong = with(&t, "wrong", &["checkins"]);
    assert_eq!(wrong.status.code(), Some(1));
    let err = stderr(&wrong);
    assert_eq!(err.lines().count(), 1, "one line, no library noise: {err}");
    assert!(err.contains("passphrase does not open"), "{err}");

    // No passphrase and no terminal to ask at.
    let locked = t.run(&["checkins"]);
    assert_eq!(locked.status.code(), Some(1));
    assert!(
        stderr(&locked).contains("THAW_PASSPHRASE"),
        "{}",
        stderr(&locked)
    );

    let listed = ok_with(&t, PASS, &["--json", "checkins"]);
    assert!(listed.contains("zebra-secret-note"), "{listed}");

    let again = with(&t, PASS, &["encrypt"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already encrypted"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn an_existing_folder_is_encrypted_changed_and_decrypted_without_loss() {
    let t = thaw();
    t.ok(&["checkin", "--mood", "3", "--note", "zebra-before"]);
    assert!(folder_holds(&t.data, "zebra-before"));

    let short = with(&t, "short", &["encrypt"]);
    assert_eq!(short.status.code(), Some(2), "{}", stderr(&short));
    assert!(stderr(&short).contains("8 characters"));
    assert!(folder_holds(&t.data, "zebra-before"), "nothing changed");

    ok_with(&t, PASS, &["encrypt"]);
    assert!(!folder_holds(&t.data, "zebra-before"));
    assert_eq!(
        ok_with(&t, PASS, &["--json", "checkins"])
            .matches("zebra-before")
            .count(),
        1
    );

    let changed = t
        .cmd(&["encrypt", "--change"])
        .env("THAW_PASSPHRASE", PASS)
        .env("THAW_NEW_PASSPHRASE", "a brand new passphrase")
        .output()
        .unwrap();
    assert!(changed.status.success(), "{}", stderr(&changed));
    assert_eq!(with(&t, PASS, &["checkins"]).status.code(), Some(1));

    ok_with(&t, "a brand new passphrase", &["decrypt"]);
    assert!(folder_holds(&t.data, "zebra-before"));
    assert!(t.ok(&["checkins"]).contains("zebra-before"));
    assert_eq!(t.run(&["decrypt"]).status.code(), Some(1), "not encrypted");
}

#[test]
fn a_backup_of_an_encrypted_folder_is_encrypted_and_restores_with_the_passphrase() {
    let t = thaw();
    ok_with(&t, PASS, &["encrypt"]);
    ok_with(
        &t,
        PASS,
        &["checkin", "--mood", "6", "--note", "zebra-backed-up"],
    );
    let file = t.dir.path().join("all.backup");
    let file = file.to_str().unwrap();
    let said = ok_with(&t, PASS, &["backup", file]);
    assert!(said.contains("encrypted with your passphrase"), "{said}");
    assert!(!folder_holds(t.dir.path(), "zebra-backed-up"));

    t.ok(&["forget", "--everything", "--yes"]);
    let wrong = with(&t, "not the passphrase", &["restore", file]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        stderr(&wrong).contains("does not open the backup"),
        "{}",
        stderr(&wrong)
    );
    assert!(!t.data.join("thaw.db").exists(), "nothing written");

    ok_with(&t, PASS, &["restore", file]);
    assert!(ok_with(&t, PASS, &["checkins"]).contains("zebra-backed-up"));
    assert!(!folder_holds(&t.data, "zebra-backed-up"));
}

#[test]
fn the_web_app_serves_an_encrypted_folder_given_the_passphrase() {
    let t = thaw();
    ok_with(&t, PASS, &["encrypt"]);
    ok_with(
        &t,
        PASS,
        &["checkin", "--mood", "6", "--note", "zebra-on-the-web"],
    );
    let bin = Path::new(env!("CARGO_BIN_EXE_thaw"));
    let served = Served::start_with(bin, &t.data, &[("THAW_PASSPHRASE", PASS)]).unwrap();
    let cookie = served.login().unwrap();
    let page = served
        .get("/api/v1/checkins", &[("Cookie", cookie.as_str())])
        .unwrap();
    assert_eq!(page.status, 200);
    assert!(page.body.contains("zebra-on-the-web"));
    served.stop().unwrap();
    assert!(!folder_holds(&t.data, "zebra-on-the-web"));
}
