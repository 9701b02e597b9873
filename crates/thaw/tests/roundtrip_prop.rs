//! Export → import → export is lossless, for generated data: random
//! check-ins, journal entries, activities and their logs, with text full
//! of quotes, backslashes, newlines, tabs, emoji (joined ones too),
//! combining marks, right-to-left script and odd spaces.
//!
//! Each case writes its records into a fresh data folder through
//! `thaw_app` (the same `prepare_*` checks and store calls the CLI
//! makes), then runs the real binary: `thaw export json` there, `thaw
//! import json` into another fresh folder, `thaw export json` again. The
//! two documents are equal but for `exported_at`, and the first holds
//! exactly the records written, field for field.

// Test code: a failed unwrap or a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;
use thaw_app::activities::{ActivityDraft, LogDraft, prepare_activity, prepare_log};
use thaw_core::{CheckinDraft, JournalDraft, SystemClock};
use thaw_testkit::cli::Cli;

fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_thaw"))
}

/// Pieces of text, each without whitespace: letters from several
/// scripts, quotes and JSON/CSV/HTML specials, emoji.
const PIECES: &[&str] = &[
    "a",
    "Zo",
    "é",
    "e\u{301}",
    "ß",
    "İı",
    "日本",
    "한",
    "שלום",
    "مرحبا",
    "7",
    "\"",
    "'",
    "\\",
    "\\n",
    ",",
    ";",
    "<b>",
    "&amp;",
    "{}",
    "%s",
    "☕",
    "🌿",
    "💛",
    "👩\u{200d}👧",
    "🏳\u{fe0f}\u{200d}🌈",
    "\u{feff}",
    "\u{200b}",
];

/// Whitespace a longer text may hold (and that a label collapses).
const SPACES: &[&str] = &[" ", "  ", "\n", "\r\n", "\t", "\u{a0}", "\n\n"];

/// A label: one to three words of pieces.
fn label() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::collection::vec(prop::sample::select(PIECES), 1..4).prop_map(|w| w.concat()),
        1..4,
    )
    .prop_map(|words| words.join(" "))
}

/// A longer text: pieces and whitespace, possibly blank.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(PIECES),
            1 => prop::sample::select(SPACES),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

/// A longer text with at least one piece, so it is never blank.
fn some_text() -> impl Strategy<Value = String> {
    (text(), prop::sample::select(PIECES), text()).prop_map(|(a, p, b)| format!("{a}{p}{b}"))
}

/// A time with an offset (some with half and three-quarter hours).
fn at() -> impl Strategy<Value = String> {
    (
        1u32..=28,
        0u32..24,
        0u32..60,
        prop::sample::select(
            &[
                "Z", "+00:00", "-05:00", "+05:30", "+09:00", "-03:30", "+05:45", "+14:00", "-11:00",
            ][..],
        ),
    )
        .prop_map(|(day, hour, minute, offset)| {
            format!("2026-02-{day:02}T{hour:02}:{minute:02}:00{offset}")
        })
}

fn rating() -> impl Strategy<Value = Option<String>> {
    prop::option::of((0u8..=10).prop_map(|r| r.to_string()))
}

#[derive(Debug, Clone)]
struct GenCheckin {
    at: String,
    ratings: [Option<String>; 5],
    sensations: Vec<String>,
    triggers: Vec<String>,
    note: Option<String>,
    plan: Option<String>,
}

fn checkin() -> impl Strategy<Value = GenCheckin> {
    (
        at(),
        [rating(), rating(), rating(), rating(), rating()],
        prop::collection::vec(label(), 0..3),
        prop::collection::vec(label(), 0..3),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(
            |(at, ratings, sensations, triggers, note, plan)| GenCheckin {
                at,
                ratings,
                sensations,
                triggers,
                note,
                plan,
            },
        )
}

#[derive(Debug, Clone)]
struct GenJournal {
    at: String,
    text: String,
    tags: Vec<String>,
    for_therapy: bool,
}

fn journal() -> impl Strategy<Value = GenJournal> {
    (
        at(),
        some_text(),
        prop::collection::vec(label(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(at, text, tags, for_therapy)| GenJournal {
            at,
            text,
            tags,
            for_therapy,
        })
}

#[derive(Debug, Clone)]
struct GenActivity {
    small: Option<String>,
    minimal: Option<String>,
    expect: Option<String>,
    values: Vec<String>,
    every: Option<&'static str>,
    time: Option<String>,
}

fn activity() -> impl Strategy<Value = GenActivity> {
    (
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::collection::vec(label(), 0..3),
        prop::option::of(prop::sample::select(
            &[
                "daily",
                "mon,wed,fri",
                "weekdays",
                "FREQ=WEEKLY;BYDAY=TU,SA",
            ][..],
        )),
        prop::option::of((0u32..24, 0u32..60).prop_map(|(h, m)| format!("{h:02}:{m:02}"))),
    )
        .prop_map(
            |(small, minimal, expect, values, every, time)| GenActivity {
                small,
                minimal,
                expect,
                values,
                every,
                time,
            },
        )
}

#[derive(Debug, Clone)]
struct GenLog {
    /// Which of the generated activities.
    activity: usize,
    at: String,
    tier: Option<&'static str>,
    status: Option<&'static str>,
    predicted: Option<String>,
    actual: Option<String>,
    note: Option<String>,
}

fn log() -> impl Strategy<Value = GenLog> {
    (
        any::<usize>(),
        at(),
        prop::option::of(prop::sample::select(&["full", "small", "minimal"][..])),
        prop::option::of(prop::sample::select(&["done", "partial", "skipped"][..])),
        rating(),
        rating(),
        prop::option::of(text()),
    )
        .prop_map(
            |(activity, at, tier, status, predicted, actual, note)| GenLog {
                activity,
                at,
                tier,
                status,
                predicted,
                actual,
                note,
            },
        )
}

#[derive(Debug, Clone)]
struct Generated {
    checkins: Vec<GenCheckin>,
    journal: Vec<GenJournal>,
    /// By name (distinct names).
    activities: BTreeMap<String, GenActivity>,
    logs: Vec<GenLog>,
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        prop::collection::vec(checkin(), 0..6),
        prop::collection::vec(journal(), 0..4),
        prop::collection::btree_map(label(), activity(), 0..3),
        prop::collection::vec(log(), 0..4),
    )
        .prop_map(|(checkins, journal, activities, logs)| Generated {
            checkins,
            journal,
            activities,
            logs,
        })
}

/// Records keyed by `key`, as JSON.
fn keyed(records: &Value, key: &str) -> BTreeMap<String, Value> {
    records
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r[key].as_str().unwrap().to_owned(), r.clone()))
        .collect()
}

fn json_of<T: serde::Serialize>(records: &[T], key: &str) -> BTreeMap<String, Value> {
    keyed(&serde_json::to_value(records).unwrap(), key)
}

/// `thaw export json` to standard output: the text, and the document
/// without `exported_at`.
fn export(t: &Cli) -> (String, Value) {
    let text = t.ok(&["export", "json", "--out", "-"]);
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    assert!(doc.as_object_mut().unwrap().remove("exported_at").is_some());
    (text, doc)
}

/// Writes `g` into `t`'s data folder through `thaw_app`; answers the
/// records as they were stored: (check-ins, journal, activities, logs).
fn write(t: &Cli, g: &Generated) -> [BTreeMap<String, Value>; 4] {
    let thaw = thaw_app::DataDir::new(&t.data).open().unwrap();
    let settings = thaw.settings().clone();
    let clock = SystemClock;

    let mut checkins = Vec::new();
    for c in &g.checkins {
        let [mood, numbness, energy, pleasure, connection] = c.ratings.clone();
        let draft = CheckinDraft {
            mood,
            numbness,
            energy,
            pleasure,
            connection,
            sensations: c.sensations.clone(),
            triggers: c.triggers.clone(),
            note: c.note.clone(),
            plan: c.plan.clone(),
        };
        let checkin = thaw_app::prepare_checkin(&draft, Some(&c.at), &settings, &clock).unwrap();
        thaw.save_checkin(&checkin).unwrap();
        checkins.push(checkin);
    }

    let mut entries = Vec::new();
    for j in &g.journal {
        let draft = JournalDraft {
            text: j.text.clone(),
            tags: j.tags.clone(),
            for_therapy: j.for_therapy,
        };
        let entry = thaw_app::prepare_journal(&draft, Some(&j.at), &settings, &clock).unwrap();
        thaw.save_journal(&entry).unwrap();
        entries.push(entry);
    }

    let mut activities = Vec::new();
    for (name, a) in &g.activities {
        let activity = prepare_activity(&ActivityDraft {
            name: name.clone(),
            small: a.small.clone(),
            minimal: a.minimal.clone(),
            expect: a.expect.clone(),
            values: a.values.clone(),
            every: a.every.map(str::to_owned),
            time: a.time.clone(),
        })
        .unwrap();
        thaw.save_activity(&activity).unwrap();
        activities.push(activity);
    }

    let mut logs = Vec::new();
    if !activities.is_empty() {
        for l in &g.logs {
            let name = activities[l.activity % activities.len()].name.clone();
            let log = prepare_log(
                &LogDraft {
                    activity: name,
                    tier: l.tier.map(str::to_owned),
                    status: l.status.map(str::to_owned),
                    predicted: l.predicted.clone(),
                    actual: l.actual.clone(),
                    at: Some(l.at.clone()),
                    note: l.note.clone(),
                },
                &settings,
                &clock,
            )
            .unwrap();
            thaw.log_activity(&log).unwrap();
            logs.push(log);
        }
    }
    [
        json_of(&checkins, "id"),
        json_of(&entries, "id"),
        json_of(&activities, "name"),
        json_of(&logs, "id"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        // No regression file is written next to this test; a failure
        // prints the case, which is enough to replay it by hand.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn export_import_export_gives_back_the_same_document(g in generated()) {
        let first = Cli::new(bin());
        let [checkins, journal, activities, logs] = write(&first, &g);
        let (text, exported) = export(&first);
        prop_assert_eq!(keyed(&exported["checkins"], "id"), checkins);
        prop_assert_eq!(keyed(&exported["journal"], "id"), journal);
        prop_assert_eq!(keyed(&exported["activities"], "name"), activities);
        prop_assert_eq!(keyed(&exported["activity_logs"], "id"), logs);

        let second = Cli::new(bin());
        let file = second.dir.path().join("export.json");
        std::fs::write(&file, text).unwrap();
        second.ok(&["import", "json", file.to_str().unwrap()]);
        let (_, again) = export(&second);
        prop_assert_eq!(&again, &exported);

        // Importing the same document again changes nothing.
        second.ok(&["import", "json", file.to_str().unwrap()]);
        prop_assert_eq!(export(&second).1, exported);
    }
}
