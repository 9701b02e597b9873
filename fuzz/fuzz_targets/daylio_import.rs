//! `thaw import daylio`: Daylio's CSV export (`thaw_io::import::read`
//! with `ImportKind::Daylio`, what `thaw_app::transfer::read_import`
//! calls).
//!
//! Input: one byte of options, then the file. The options byte picks the
//! person's time zone (low two bits: UTC, Europe/Berlin — DST gaps and
//! repeats —, America/New_York, Australia/Lord_Howe — a half-hour DST
//! shift) and whether a `--mood-map` is given (bit 2: `numb=2`,
//! `rad=10`).
//!
//! Properties, beyond "no panic":
//! - a file that is read gives one check-in per data row, each with a mood
//!   from 0 to 10 that is the mapped or built-in number of its label (or
//!   none), activity logs at their check-in's moment with names that are
//!   trimmed, not blank and without `|`, and ids that are content-derived
//!   (UUID version 8) and the same when the file is read again;
//! - a refusal names the line and the column (`line 7: time`), with a line
//!   number the file has, or `file` for a file with nothing in it.
#![no_main]

use jiff::tz::TimeZone;
use libfuzzer_sys::fuzz_target;
use thaw_io::import::{self, ImportKind, ImportOptions};

const ZONES: [&str; 4] = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
];

fuzz_target!(|data: &[u8]| {
    let Some((&opts_byte, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let opts = ImportOptions {
        tz: TimeZone::get(ZONES[usize::from(opts_byte & 3)]).unwrap_or(TimeZone::UTC),
        mood_map: if opts_byte & 4 != 0 {
            vec![("numb".to_owned(), 2), ("rad".to_owned(), 10)]
        } else {
            Vec::new()
        },
    };
    let mut last_progress = (0, 0);
    let result = import::read(ImportKind::Daylio, text, &opts, &mut |done, total| {
        assert!(
            done > last_progress.0 && done <= total,
            "progress {done}/{total}"
        );
        last_progress = (done, total);
    });
    match result {
        Ok(imported) => {
            let b = &imported.batch;
            assert_eq!(b.checkins.len(), imported.rows, "one check-in per row");
            assert!(
                last_progress.0 == imported.rows,
                "progress ends at {last_progress:?}"
            );
            for c in &b.checkins {
                assert_eq!(c.id.get_version_num(), 8, "a derived id is UUID v8");
                assert!(c.mood.is_none_or(|m| m.get() <= 10), "mood {:?}", c.mood);
                if let Some(m) = c.mood {
                    let allowed: &[u8] = if opts.mood_map.is_empty() {
                        &[9, 7, 5, 3, 1]
                    } else {
                        &[10, 7, 5, 3, 1, 2]
                    };
                    assert!(
                        allowed.contains(&m.get()),
                        "mood {} is no label's number",
                        m.get()
                    );
                }
                assert!(c.numbness.is_none() && c.energy.is_none());
            }
            for l in &b.activity_logs {
                assert_eq!(l.id.get_version_num(), 8);
                assert!(
                    !l.activity.is_empty() && l.activity.trim() == l.activity,
                    "{:?}",
                    l.activity
                );
                assert!(!l.activity.contains('|'), "{:?}", l.activity);
                assert!(
                    b.checkins.iter().any(|c| c.at == l.at),
                    "an activity log at a moment no check-in has"
                );
            }
            // Reading the same file again gives the same ids (so a second
            // import adds nothing).
            let again = import::read(ImportKind::Daylio, text, &opts, &mut |_, _| {})
                .unwrap_or_else(|e| panic!("the second read refused what the first took: {e}"));
            let ids = |b: &thaw_store::Batch| {
                (
                    b.checkins.iter().map(|c| c.id).collect::<Vec<_>>(),
                    b.activity_logs.iter().map(|l| l.id).collect::<Vec<_>>(),
                )
            };
            assert_eq!(ids(b), ids(&again.batch), "ids differ between two reads");
        }
        Err(e) => {
            assert!(
                !e.allowed.trim().is_empty(),
                "the refusal says nothing of what is allowed: {e:?}"
            );
            if e.field == "file" {
                assert!(
                    text.strip_prefix('\u{feff}')
                        .unwrap_or(text)
                        .chars()
                        .all(|c| c == '\n' || c == '\r'),
                    "a file with content was refused as empty: {e:?}"
                );
                return;
            }
            let rest = e
                .field
                .strip_prefix("line ")
                .unwrap_or_else(|| panic!("the refusal names no line: {e:?}"));
            let (number, column) = rest
                .split_once(": ")
                .unwrap_or_else(|| panic!("the refusal names no column: {e:?}"));
            let line: usize = number
                .parse()
                .unwrap_or_else(|_| panic!("the refusal's line is not a number: {e:?}"));
            assert!(
                !column.trim().is_empty(),
                "the refusal names no column: {e:?}"
            );
            let lines = 1 + line_breaks(text);
            assert!(
                (1..=lines).contains(&line),
                "line {line} of a file of {lines} lines: {e:?}"
            );
        }
    }
});

/// Line breaks as the CSV reader counts them (LF, CR, CRLF).
fn line_breaks(text: &str) -> usize {
    let b = text.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => n += 1,
            b'\r' => {
                n += 1;
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    n
}
