//! A signed-in client of the real `thaw serve` on a fresh data folder,
//! posting forms as a browser does and reading back through the command
//! line. Helpers panic on failure: they are for tests.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::http::Response;
use crate::server::Served;

/// A server on a fresh data folder, signed in.
pub struct Web {
    /// Kept so the folder lives as long as the server.
    pub dir: tempfile::TempDir,
    pub data: PathBuf,
    bin: PathBuf,
    pub s: Served,
    /// The session cookie (`name=value`).
    pub cookie: String,
}

impl Web {
    /// Starts `bin serve` on a fresh data folder and signs in.
    /// `bin` is the `thaw` binary (`env!("CARGO_BIN_EXE_thaw")` in a test).
    pub fn start(bin: &Path) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let s = Served::start(bin, &data).unwrap();
        let cookie = s.login().unwrap();
        Self {
            dir,
            data,
            bin: bin.to_path_buf(),
            s,
            cookie,
        }
    }

    /// A GET with the session cookie.
    pub fn get(&self, path: &str) -> Response {
        self.s.get(path, &[("Cookie", &self.cookie)]).unwrap()
    }

    /// A form sent from this site's own page, as a browser sends it.
    pub fn post(&self, path: &str, form: &str) -> Response {
        self.s
            .post(
                path,
                &[
                    ("Cookie", &self.cookie),
                    ("Origin", &self.s.base),
                    ("Content-Type", "application/x-www-form-urlencoded"),
                ],
                form,
            )
            .unwrap()
    }

    /// Posts and expects the redirect-after-POST; answers where it points.
    pub fn saved(&self, path: &str, form: &str) -> String {
        let r = self.post(path, form);
        assert_eq!(r.status, 303, "{path} {form}: {}", r.body);
        r.header("location").unwrap().to_owned()
    }

    /// Posts and expects a refusal that names `field`; answers the page.
    pub fn refused(&self, path: &str, form: &str, field: &str) -> String {
        let r = self.post(path, form);
        assert_eq!(r.status, 400, "{path} {form}");
        assert!(
            r.body.contains("role=\"alert\"") && r.body.contains(&format!("{field} — ")),
            "{path} {form}: the message names {field}: {}",
            alert(&r.body)
        );
        r.body
    }

    /// Runs the binary on the same data folder; expects success and
    /// answers its JSON output.
    pub fn cli(&self, args: &[&str]) -> Value {
        let out = Command::new(&self.bin)
            .arg("--data-dir")
            .arg(&self.data)
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Everything stored, as the JSON export has it.
    pub fn everything(&self) -> Value {
        self.cli(&["export", "json", "--out", "-"])
    }
}

/// The text of the page's alert, for failure messages.
pub fn alert(body: &str) -> &str {
    body.split("role=\"alert\"")
        .nth(1)
        .and_then(|s| s.split("</div>").next())
        .unwrap_or("(no alert)")
}
