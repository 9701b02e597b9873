//! The browser suite (every `tests/browser/*.test.mjs`: `web` for the
//! check-in, history, journal and safety pages, `engage` for the
//! re-engagement pages): the real `thaw serve` in Debian's headless
//! Chromium, driven by playwright-core, with axe-core on every page.
//!
//! Needs Node.js, `/usr/bin/chromium` and `npm ci` in `tests/browser`.
//! Without them the test says so and passes, unless
//! `THAW_BROWSER_TESTS=1` (CI sets it), which makes a missing piece a
//! failure.

use std::path::Path;
use std::process::Command;

#[test]
fn the_web_app_in_a_real_browser_with_an_accessibility_check() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/browser");
    let required = std::env::var("THAW_BROWSER_TESTS").is_ok_and(|v| v == "1");
    let chromium = std::env::var("THAW_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let missing = [
        (!suite.join("node_modules/playwright-core").exists()).then_some("npm ci in tests/browser"),
        (!suite.join("node_modules/axe-core").exists())
            .then_some("axe-core (npm ci in tests/browser)"),
        (!Path::new(&chromium).exists()).then_some("chromium"),
        Command::new("node")
            .arg("--version")
            .output()
            .is_err()
            .then_some("node"),
    ];
    let missing: Vec<&str> = missing.into_iter().flatten().collect();
    if !missing.is_empty() {
        assert!(
            !required,
            "THAW_BROWSER_TESTS=1 but missing: {}",
            missing.join(", ")
        );
        eprintln!(
            "skipping the browser suite; missing: {}",
            missing.join(", ")
        );
        return;
    }
    let mut suites: Vec<String> = std::fs::read_dir(&suite)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|name| name.ends_with(".test.mjs"))
                .collect()
        })
        .unwrap_or_default();
    suites.sort();
    assert!(!suites.is_empty(), "no *.test.mjs in {}", suite.display());
    // One file at a time: each starts its own server and browser, and two
    // at once on a small machine only make both slower.
    let status = Command::new("node")
        .args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
        .args(&suites)
        .current_dir(&suite)
        .env("THAW_BIN", env!("CARGO_BIN_EXE_thaw"))
        .env("THAW_CHROMIUM", &chromium)
        .status();
    match status {
        Ok(s) => assert!(
            s.success(),
            "the browser suite failed (see its output above)"
        ),
        Err(e) => panic!("could not run node: {e}"),
    }
}
