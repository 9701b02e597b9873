//! The real `thaw` binary on a fresh data folder, as a person or a script
//! runs it. Helpers panic on failure: they are for tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// A fresh data folder and the binary to run on it.
pub struct Cli {
    bin: PathBuf,
    /// Kept so the folder lives as long as the runner.
    pub dir: tempfile::TempDir,
    pub data: PathBuf,
}

impl Cli {
    /// `bin` is the `thaw` binary (`env!("CARGO_BIN_EXE_thaw")` in a test).
    #[allow(clippy::expect_used)] // a test helper: failing to make a temp folder fails the test
    pub fn new(bin: &Path) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let data = dir.path().join("data");
        Self {
            bin: bin.to_path_buf(),
            dir,
            data,
        }
    }

    /// The command, with the data folder, no colour, UTC, and no stdin.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.arg("--data-dir")
            .arg(&self.data)
            .args(args)
            .env_remove("THAW_DATA_DIR")
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .stdin(Stdio::null());
        cmd
    }

    #[allow(clippy::expect_used)]
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("thaw runs")
    }

    /// Runs with `input` on standard input (a pipe, not a terminal).
    #[allow(clippy::expect_used)]
    pub fn piped(&self, args: &[&str], input: &[u8]) -> Output {
        use std::io::Write;
        let mut child = self
            .cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("thaw runs");
        if let Some(mut stdin) = child.stdin.take() {
            // A command may finish without reading all of its input.
            let _ = stdin.write_all(input);
        }
        child.wait_with_output().expect("thaw ends")
    }

    /// Runs and expects success; answers stdout.
    #[allow(clippy::expect_used, clippy::panic)]
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        if !out.status.success() {
            panic!("{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// Runs with `--json` and parses the one document.
    #[allow(clippy::expect_used)]
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(&all)).expect("one JSON document")
    }
}
