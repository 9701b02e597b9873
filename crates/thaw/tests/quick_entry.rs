//! End-to-end: a quick check-in from the shell does not checkpoint the
//! database on its way out (the write-ahead log stays, and holds what was
//! confirmed), and what replaces the database file (encrypt, restore,
//! forget) refuses while `thaw serve` has the folder open, however long
//! it has kept it.

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

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn folder_holds(dir: &Path, needle: &str) -> bool {
    std::fs::read_dir(dir).unwrap().flatten().any(|e| {
        let bytes = std::fs::read(e.path()).unwrap_or_default();
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    })
}

fn count(t: &Cli) -> usize {
    t.json(&["checkins"])["checkins"].as_array().unwrap().len()
}

#[test]
fn a_check_in_stays_in_the_log_and_every_later_command_sees_it() {
    let t = thaw();
    for i in 0..5 {
        t.ok(&["checkin", "--mood", "5", "--note", &format!("quick-{i}")]);
    }
    let wal = std::fs::metadata(t.data.join("thaw.db-wal")).unwrap();
    assert!(wal.len() > 0, "not checkpointed on the way out");
    assert_eq!(count(&t), 5);
    assert_eq!(
        std::fs::metadata(t.data.join("thaw.lock")).unwrap().len(),
        0
    );
}

#[test]
fn nothing_replaces_the_database_while_thaw_serve_runs() {
    let t = thaw();
    t.ok(&["checkin", "--mood", "4", "--note", "zebra-served"]);
    let file = t.dir.path().join("all.backup");
    let file = file.to_str().unwrap();
    t.ok(&["backup", file]);

    let bin = Path::new(env!("CARGO_BIN_EXE_thaw"));
    let served = Served::start(bin, &t.data).unwrap();
    // Other commands share the folder with the server.
    t.ok(&["checkin", "--mood", "5", "--note", "while-serving"]);

    let encrypt = t
        .cmd(&["encrypt"])
        .env("THAW_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert_eq!(encrypt.status.code(), Some(1), "{}", stderr(&encrypt));
    assert!(
        stderr(&encrypt).contains("thaw serve"),
        "{}",
        stderr(&encrypt)
    );
    let restore = t.run(&["restore", file]);
    assert_eq!(restore.status.code(), Some(1), "{}", stderr(&restore));
    assert!(
        stderr(&restore).contains("thaw serve"),
        "{}",
        stderr(&restore)
    );
    let forget = t.run(&["forget", "--everything", "--yes"]);
    assert_eq!(forget.status.code(), Some(1), "{}", stderr(&forget));
    assert!(t.data.join("thaw.db").exists(), "nothing was deleted");
    assert_eq!(count(&t), 2, "nothing was changed");
    served.stop().unwrap();

    let encrypt = t
        .cmd(&["encrypt"])
        .env("THAW_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert!(encrypt.status.success(), "{}", stderr(&encrypt));
    assert!(!folder_holds(&t.data, "zebra-served"));
    assert!(!folder_holds(&t.data, "while-serving"));
    let listed = t
        .cmd(&["--json", "checkins"])
        .env("THAW_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&listed.stdout).contains("while-serving"));

    t.ok(&["forget", "--everything", "--backups", "--yes"]);
    assert!(!t.data.exists(), "forget leaves nothing behind");
}
