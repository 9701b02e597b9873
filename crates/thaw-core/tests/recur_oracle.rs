//! Our recurrence subset against an independent implementation:
//! Python's `dateutil.rrule`, the reference most calendar code is checked
//! against. A few hundred generated rules, two years of dates each, must
//! give exactly the same days.
//!
//! Runs when a Python with `dateutil` is found (`THAW_PYTHON`, else
//! `python3`); with `THAW_CALENDAR_ORACLE` set (CI sets it) its absence
//! fails the test.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Stdio};

use jiff::civil::Date;
use thaw_core::recur::Rule;

const ORACLE: &str = r#"
import sys, json, re, datetime as dt
from dateutil.rrule import rrulestr
cases = json.load(sys.stdin)
out = []
for c in cases:
    start = dt.datetime.fromisoformat(c["start"])
    end = dt.datetime.fromisoformat(c["to"])
    # Our UNTIL is a day, inclusive (the ICS export writes it as that
    # day's last second): give dateutil the same.
    text = re.sub(r"UNTIL=(\d{8})(?!T)", r"UNTIL=\1T235959", c["rule"])
    rule = rrulestr("RRULE:" + text, dtstart=start)
    out.append([d.date().isoformat() for d in rule.between(start, end, inc=True)])
json.dump(out, sys.stdout)
"#;

/// A small deterministic generator, so every run checks the same rules.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn rules() -> Vec<(String, Date)> {
    let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let mut g = Lcg(2026);
    let mut out = Vec::new();
    for _ in 0..300 {
        let freq = ["DAILY", "WEEKLY", "MONTHLY"][g.next(3) as usize];
        let mut parts = vec![format!("FREQ={freq}")];
        if g.next(2) == 0 {
            parts.push(format!("INTERVAL={}", 1 + g.next(4)));
        }
        if freq != "DAILY" || g.next(3) == 0 {
            let mut by: Vec<&str> = days.iter().copied().filter(|_| g.next(3) == 0).collect();
            if freq == "WEEKLY" && by.is_empty() && g.next(2) == 0 {
                by.push(days[g.next(7) as usize]);
            }
            if !by.is_empty() {
                parts.push(format!("BYDAY={}", by.join(",")));
            }
        }
        if freq == "MONTHLY" && g.next(2) == 0 {
            let day = [1, 15, 28, 29, 30, 31, -1, -2][g.next(8) as usize];
            parts.push(format!("BYMONTHDAY={day}"));
        }
        match g.next(4) {
            0 => parts.push(format!("COUNT={}", 1 + g.next(40))),
            1 => parts.push(format!("UNTIL=2027{:02}15", 1 + g.next(12))),
            _ => {}
        }
        if freq == "WEEKLY" && g.next(4) == 0 {
            parts.push("WKST=SU".to_owned());
        }
        let start = Date::new(2026, 1 + g.next(12) as i8, 1 + g.next(28) as i8).unwrap();
        out.push((parts.join(";"), start));
    }
    out
}

fn python() -> Option<String> {
    let candidates = std::env::var("THAW_PYTHON")
        .ok()
        .into_iter()
        .chain(["python3".to_owned(), "/usr/bin/python3".to_owned()]);
    for py in candidates {
        let ok = Command::new(&py)
            .args(["-c", "import dateutil.rrule"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Some(py);
        }
    }
    None
}

#[test]
fn our_dates_match_dateutil_for_generated_rules() {
    let Some(py) = python() else {
        assert!(
            std::env::var_os("THAW_CALENDAR_ORACLE").is_none(),
            "THAW_CALENDAR_ORACLE is set but no Python with dateutil was found"
        );
        eprintln!("skipped: no Python with dateutil (set THAW_PYTHON)");
        return;
    };
    let rules = rules();
    let to = Date::new(2027, 12, 31).unwrap();
    let cases: Vec<serde_json::Value> = rules
        .iter()
        .map(|(rule, start)| {
            serde_json::json!({"rule": rule, "start": format!("{start}T08:00:00"), "to": format!("{to}T08:00:00")})
        })
        .collect();
    let mut child = Command::new(&py)
        .args(["-c", ORACLE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&cases).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let theirs: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
    let mut checked = 0;
    for ((text, start), want) in rules.iter().zip(theirs) {
        let rule = Rule::parse("every", text).unwrap();
        let ours: Vec<String> = rule
            .dates(*start, *start, to)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(ours, want, "{text} from {start}");
        checked += ours.len();
    }
    assert!(checked > 5_000, "only {checked} dates compared");
}
